"""format_attachments (examples and properties), uploads, downloads and the 307 hop."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_client import (
    AsyncDevin,
    Devin,
    DevinError,
    DevinValidationError,
    NotFoundError,
    format_attachments,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import API_KEY, Recorder

# -- format_attachments -------------------------------------------------------------------


def test_format_examples() -> None:
    assert format_attachments("Review this", ["https://x.io/a.py"]) == (
        'Review this\nATTACHMENT:"https://x.io/a.py"'
    )
    assert format_attachments("p\n", ["https://x.io/a", "http://y.io/b"]) == (
        'p\nATTACHMENT:"https://x.io/a"\nATTACHMENT:"http://y.io/b"'
    )
    assert format_attachments("", ["https://x.io/a"]) == 'ATTACHMENT:"https://x.io/a"'
    assert format_attachments("p", []) == "p"


def test_format_does_not_duplicate() -> None:
    prompt = 'See\nATTACHMENT:"https://x.io/a"\nthanks'
    assert format_attachments(prompt, ["https://x.io/a"]) == prompt
    assert format_attachments("p", ["https://x.io/a", "https://x.io/a"]) == (
        'p\nATTACHMENT:"https://x.io/a"'
    )
    # Mentioned inline is not attached: the line is still added.
    inline = 'see ATTACHMENT:"https://x.io/a" here'
    assert format_attachments(inline, ["https://x.io/a"]).endswith('\nATTACHMENT:"https://x.io/a"')


@pytest.mark.parametrize(
    "url",
    [
        'https://x.io/a"b',
        "https://x.io/a\nb",
        "https://x.io/a\rb",
        "https://x.io/a b",
        "https://x.io/\tb",
        "https://x.io/\x00",
        "ftp://x.io/a",
        "file:///etc/passwd",
        "/relative/path",
        "x.io/a",
        "https://",
        "https://[::1",
        "",
        5,
    ],
)
def test_format_rejects_urls_that_break_the_line(url: Any) -> None:
    with pytest.raises(DevinValidationError) as info:
        format_attachments("p", ["https://ok.io/a", url])
    assert info.value.field == "urls[1]"


def test_format_rejects_a_single_string() -> None:
    with pytest.raises(DevinValidationError):
        format_attachments("p", "https://x.io/a")


_url_chars = st.characters(
    blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Cf", "Co", "Cn"),
    blacklist_characters='"',
)
valid_urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}",
    st.sampled_from(["http", "https", "HTTPS"]),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5}){1,2}", fullmatch=True),
    st.text(_url_chars, max_size=30),
)


def _lines(text: str) -> list[str]:
    return [line.removesuffix("\r") for line in text.split("\n")]


@settings(max_examples=150, deadline=None, database=None)
@given(prompt=st.text(max_size=80), urls=st.lists(valid_urls, max_size=5))
def test_format_properties(prompt: str, urls: list[str]) -> None:
    out = format_attachments(prompt, urls)
    assert out.startswith(prompt)
    lines = _lines(out)
    for url in urls:
        expected = f'ATTACHMENT:"{url}"'
        # On its own line, exactly once unless the prompt already had it.
        assert lines.count(expected) == max(1, _lines(prompt).count(expected))
    added = _lines(out[len(prompt) :].lstrip("\n")) if out != prompt else []
    assert all(line.startswith('ATTACHMENT:"') and line.endswith('"') for line in added)
    assert len(added) == len(set(added))
    # Idempotent.
    assert format_attachments(out, urls) == out


@settings(max_examples=100, deadline=None, database=None)
@given(
    prompt=st.text(max_size=20),
    bad=st.one_of(
        st.builds(lambda u, c: u + c, valid_urls, st.sampled_from(['"', "\n", "\r", " ", "\t"])),
        st.text(max_size=20).filter(lambda s: "://" not in s),
    ),
)
def test_format_rejects_properties(prompt: str, bad: str) -> None:
    with pytest.raises(DevinValidationError):
        format_attachments(prompt, [bad])


# -- upload ---------------------------------------------------------------------------------


def _upload_ok(recorder: Recorder) -> None:
    recorder.route(
        "POST", "/v1/attachments", lambda r: httpx.Response(200, json="https://files.x/u/f.txt")
    )


def test_upload_path_bytes_and_file_object(
    client: Devin, recorder: Recorder, tmp_path: Path
) -> None:
    _upload_ok(recorder)
    path = tmp_path / "notes.md"
    path.write_bytes(b"# hello")
    assert client.attachments.upload(path) == "https://files.x/u/f.txt"
    assert client.attachments.upload(str(path), filename="other.md")
    assert client.attachments.upload(b"raw bytes")
    with path.open("rb") as f:
        client.attachments.upload(f)
    bodies = recorder.bodies
    assert b'filename="notes.md"' in bodies[0]
    assert b"# hello" in bodies[0]
    assert b'filename="other.md"' in bodies[1]
    assert b'filename="attachment"' in bodies[2]
    assert b"raw bytes" in bodies[2]
    assert b'filename="notes.md"' in bodies[3]
    assert b"text/markdown" in bodies[0]
    boundary = recorder.requests[0].headers["content-type"].split("boundary=")[1]
    assert boundary != "+++"  # toolchain note P1


def test_upload_reports_progress(client: Devin, recorder: Recorder) -> None:
    _upload_ok(recorder)
    seen: list[tuple[int, int | None]] = []
    data = b"x" * (200 * 1024)
    client.attachments.upload(
        io.BytesIO(data), filename="big.bin", on_progress=lambda *a: seen.append(a)
    )
    assert seen[-1] == (len(data), len(data))
    assert [sent for sent, _ in seen] == sorted(sent for sent, _ in seen)
    assert len(seen) >= 3  # several chunks: the file is read as it is sent


def test_upload_accepts_the_legacy_text_response(client: Devin, recorder: Recorder) -> None:
    recorder.route(
        "POST", "/v1/attachments", lambda r: httpx.Response(200, text="https://files.x/a\n")
    )
    assert client.attachments.upload(b"x") == "https://files.x/a"


def test_upload_closes_the_file_it_opened(
    client: Devin, recorder: Recorder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder.default = lambda r: httpx.Response(413, json={"detail": "too large"})
    path = tmp_path / "f.bin"
    path.write_bytes(b"1")
    opened: list[Any] = []
    real_open = Path.open

    def spy(self: Path, *args: Any, **kwargs: Any) -> Any:
        f = real_open(self, *args, **kwargs)
        opened.append(f)
        return f

    monkeypatch.setattr(Path, "open", spy)
    with pytest.raises(DevinError):
        client.attachments.upload(path)
    assert opened
    assert all(f.closed for f in opened)


# -- download -------------------------------------------------------------------------------

FILE_URL = "https://api.devin.ai/v1/attachments/uuid-1/report.txt"
PRESIGNED = "https://files.example.net/bucket/report.txt?X-Signature=abc"


def _download_routes(recorder: Recorder) -> None:
    recorder.route(
        "GET",
        "/v1/attachments/uuid-1/report.txt",
        lambda r: httpx.Response(307, headers={"Location": PRESIGNED}),
    )
    recorder.route(
        "GET", "/bucket/report.txt", lambda r: httpx.Response(200, content=b"hello file")
    )


def test_download_follows_307_without_the_key(client: Devin, recorder: Recorder) -> None:
    _download_routes(recorder)
    assert client.attachments.download(FILE_URL) == b"hello file"
    first, second = recorder.requests
    assert first.headers["authorization"] == f"Bearer {API_KEY}"
    assert second.url.host == "files.example.net"
    assert "authorization" not in second.headers
    assert API_KEY not in str(second.headers)


def test_download_same_origin_redirect_keeps_the_key_only_for_attachments(
    client: Devin, recorder: Recorder
) -> None:
    recorder.route(
        "GET",
        "/v1/attachments/uuid-1/report.txt",
        lambda r: httpx.Response(307, headers={"Location": "/v1/attachments/uuid-2/report.txt"}),
    )
    recorder.route(
        "GET",
        "/v1/attachments/uuid-2/report.txt",
        lambda r: httpx.Response(307, headers={"Location": "/files/report.txt"}),
    )
    recorder.route("GET", "/files/report.txt", lambda r: httpx.Response(200, content=b"ok"))
    assert client.attachments.download("/v1/attachments/uuid-1/report.txt") == b"ok"
    keys = [r.headers.get("authorization") for r in recorder.requests]
    assert keys == [f"Bearer {API_KEY}", f"Bearer {API_KEY}", None]


def test_download_streams_to_a_file_or_directory(
    client: Devin, recorder: Recorder, tmp_path: Path
) -> None:
    _download_routes(recorder)
    target = client.attachments.download(FILE_URL, tmp_path / "out.txt")
    assert target == tmp_path / "out.txt"
    assert target.read_bytes() == b"hello file"
    into_dir = client.attachments.download(FILE_URL, tmp_path)
    assert into_dir == tmp_path / "report.txt"
    assert into_dir.read_bytes() == b"hello file"
    assert not list(tmp_path.glob("*.part"))


def test_download_errors(client: Devin, recorder: Recorder) -> None:
    with pytest.raises(NotFoundError):
        client.attachments.download(FILE_URL)
    recorder.default = lambda r: httpx.Response(307, headers={"Location": str(r.url) + "x"})
    with pytest.raises(DevinError, match="redirects"):
        client.attachments.download(FILE_URL)
    recorder.default = lambda r: httpx.Response(307)
    with pytest.raises(DevinError, match="Location"):
        client.attachments.download(FILE_URL)


def test_download_of_a_foreign_url_never_sends_the_key(client: Devin, recorder: Recorder) -> None:
    recorder.default = lambda r: httpx.Response(200, content=b"x")
    client.attachments.download("https://evil.example/steal")
    assert "authorization" not in recorder.requests[0].headers


@pytest.mark.anyio
async def test_async_upload_and_download(
    aclient: AsyncDevin, recorder: Recorder, tmp_path: Path
) -> None:
    _upload_ok(recorder)
    _download_routes(recorder)
    seen: list[int] = []
    url = await aclient.attachments.upload(
        b"abc", filename="a.txt", on_progress=lambda s, t: seen.append(s)
    )
    assert url == "https://files.x/u/f.txt"
    assert seen == [3]
    assert await aclient.attachments.download(FILE_URL) == b"hello file"
    assert "authorization" not in recorder.requests[-1].headers
    path = await aclient.attachments.download(FILE_URL, tmp_path / "r.txt")
    assert path.read_bytes() == b"hello file"


def test_download_drops_even_a_default_authorization_header(recorder: Recorder) -> None:
    _download_routes(recorder)
    http = httpx.Client(
        transport=httpx.MockTransport(recorder), headers={"Authorization": "Bearer pool-default"}
    )
    with Devin(API_KEY, http_client=http) as client:
        assert client.attachments.download(FILE_URL) == b"hello file"
    assert recorder.requests[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert "authorization" not in recorder.requests[1].headers
    http.close()
