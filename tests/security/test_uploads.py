"""Oversized uploads are refused with a clear, typed error (the mock's cap is 64 KiB here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from devin_client import APIStatusError, AsyncDevin, Devin
from devin_client.testing import DevinMock
from typer.testing import CliRunner

from .conftest import KEY_A

LIMIT = 64 * 1024


def _assert_too_large(exc: APIStatusError) -> None:
    assert exc.status_code == 413
    assert "too large" in exc.message.lower()
    assert str(LIMIT) in exc.message  # names the limit


def test_an_upload_over_the_limit_is_refused(two_orgs: tuple[DevinMock, str]) -> None:
    _, base_url = two_orgs
    with Devin(KEY_A, base_url=base_url) as client:
        with pytest.raises(APIStatusError) as caught:
            client.attachments.upload(b"x" * (LIMIT + 1), filename="big.bin")
        _assert_too_large(caught.value)
        # The connection is still usable afterwards, and the limit itself is accepted.
        url = client.attachments.upload(b"y" * LIMIT, filename="exact.bin")
        assert client.attachments.download(url) == b"y" * LIMIT


def test_a_large_file_on_disk_is_refused(two_orgs: tuple[DevinMock, str], tmp_path: Path) -> None:
    _, base_url = two_orgs
    big = tmp_path / "big.bin"
    big.write_bytes(b"z" * (4 * LIMIT))
    with Devin(KEY_A, base_url=base_url) as client, pytest.raises(APIStatusError) as caught:
        client.attachments.upload(big)
    _assert_too_large(caught.value)


@pytest.mark.anyio
async def test_async_upload_over_the_limit_is_refused(two_orgs: tuple[DevinMock, str]) -> None:
    _, base_url = two_orgs
    async with AsyncDevin(KEY_A, base_url=base_url) as client:
        with pytest.raises(APIStatusError) as caught:
            await client.attachments.upload(b"x" * (LIMIT + 1), filename="big.bin")
    _assert_too_large(caught.value)


def test_create_with_an_oversized_local_attachment_sends_no_session(
    two_orgs: tuple[DevinMock, str], tmp_path: Path
) -> None:
    mock, base_url = two_orgs
    big = tmp_path / "big.csv"
    big.write_bytes(b"a," * LIMIT)
    before = len(mock.store.org("org-a").sessions)
    with Devin(KEY_A, base_url=base_url) as client, pytest.raises(APIStatusError) as caught:
        client.sessions.create("analyse this", attachments=[big])
    _assert_too_large(caught.value)
    assert len(mock.store.org("org-a").sessions) == before


def test_the_cli_reports_an_oversized_upload_in_one_line(
    two_orgs: tuple[DevinMock, str], tmp_path: Path
) -> None:
    from devin_client.cli import app

    _, base_url = two_orgs
    big = tmp_path / "big.bin"
    big.write_bytes(b"q" * (LIMIT + 10))
    result = CliRunner().invoke(
        app,
        ["attachments", "upload", str(big)],
        env={"DEVIN_API_KEY": KEY_A, "DEVIN_BASE_URL": base_url},
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("devin: error:")]
    assert len(errors) == 1, result.stderr
    assert "413" in errors[0]
    assert "too large" in errors[0].lower()
    assert "Traceback" not in result.output
