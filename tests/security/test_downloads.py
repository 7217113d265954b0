"""Downloads are safe (issue 9, class 1).

- The saved file is named after the URL the caller passed, or the ``Content-Disposition`` the
  API itself sent; never after a redirect target or another host's header.
- Names that are empty, ``.``, ``..``, or hold ``/``, ``\\`` or a NUL (after decoding once) are
  refused with a typed error before anything is written.
- An existing file is never replaced unless asked (``overwrite=True``, ``devin ... --force``).
- The partial file lives in the destination folder under an unguessable name, and nothing of it
  survives a failure.
- The API key goes only to the API's own attachment paths, and only while the redirect chain
  has never left the API's origin; a redirect from https to plain http is refused.
- Attachment names holding ``%XX`` or ``"`` download correctly (decoded exactly once).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import devin_client
import httpx
import pytest
from devin_client import AsyncDevin, Devin, DevinError, DevinValidationError
from devin_client.testing import DevinMock

from ._wire import API_KEY, BASE_URL, Wire

ATTACHMENT = f"{BASE_URL}/v1/attachments/0b7f1c2e/report.csv"
PRESIGNED = "https://files.example.net/bucket/org/0b7f1c2e/report.csv?sig=abc"


def _redirects(*hops: tuple[str, httpx.Response]) -> Wire:
    """A wire answering the request to each URL (without query) with its response."""
    answers = dict(hops)

    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url.copy_with(query=None))
        answer = answers.get(url)
        if answer is None:
            return httpx.Response(404, json={"detail": f"no route for {url}"})
        return httpx.Response(
            answer.status_code, headers=answer.headers, content=answer.content, request=request
        )

    return Wire(handler)


def _to(location: str) -> httpx.Response:
    return httpx.Response(307, headers={"Location": location})


def _file(content: bytes = b"file bytes", **headers: str) -> httpx.Response:
    return httpx.Response(200, content=content, headers=headers)


def _download(mode: str, wire: Wire, url: str, dest: Any = None, **kwargs: Any) -> Any:
    """``attachments.download`` through the sync or the async client."""
    if mode == "sync":
        with wire.sync_client() as http, Devin(API_KEY, base_url=BASE_URL, http_client=http) as c:
            return c.attachments.download(url, dest, **kwargs)

    async def run() -> Any:
        async with (
            wire.async_client() as http,
            AsyncDevin(API_KEY, base_url=BASE_URL, http_client=http) as c,
        ):
            return await c.attachments.download(url, dest, **kwargs)

    return asyncio.run(run())


def _download_error() -> type[DevinError]:
    # Looked up when a test runs, so that on code without it each test fails on its own.
    cls: type[DevinError] = devin_client.DownloadError
    return cls


def _keyed(wire: Wire) -> list[str]:
    """The URLs that got the API key."""
    return [
        str(r.url)
        for r in wire.requests
        if API_KEY in r.headers.get("authorization", "") or API_KEY in str(r.url)
    ]


def _tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def box(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty destination folder inside ``tmp_path``; the working directory is ``tmp_path``
    (so a file written "next to" the destination, or in the cwd, shows up in ``_tree``)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "box"
    folder.mkdir()
    return folder


# -- the name -------------------------------------------------------------------------------


def test_a_redirect_target_never_names_the_file(mode: str, box: Path, tmp_path: Path) -> None:
    # The example: a redirect to .../conftest.py used to write ./conftest.py.
    evil = "https://files.example.net/x/conftest.py"
    wire = _redirects(
        (ATTACHMENT, _to(evil)),
        (evil, _file(b"import os", **{"Content-Disposition": 'attachment; filename="setup.py"'})),
    )
    saved = _download(mode, wire, ATTACHMENT, box)
    assert saved == box / "report.csv"
    assert saved.read_bytes() == b"import os"
    assert _tree(tmp_path) == ["box", "box/report.csv"]


def test_a_foreign_start_is_named_after_the_callers_url(mode: str, box: Path) -> None:
    start = "https://files.example.net/bucket/data.bin"
    wire = _redirects(
        (start, _to("https://cdn.example.org/.bashrc")),
        ("https://cdn.example.org/.bashrc", _file(b"data")),
    )
    assert _download(mode, wire, start + "?sig=1", box) == box / "data.bin"
    assert _tree(box) == ["data.bin"]


CONTENT_DISPOSITIONS = {
    "filename* utf-8": ("attachment; filename*=UTF-8''na%C3%AFve%20report.csv", "naïve report.csv"),
    "filename quoted": ('attachment; filename="quarterly report.csv"', "quarterly report.csv"),
    "filename token": ("attachment; filename=plain.csv", "plain.csv"),
    "filename* wins": (
        "attachment; filename=\"fallback.csv\"; filename*=utf-8''real%25.csv",
        "real%.csv",
    ),
    "quoted-pair": (r'attachment; filename="say \"hi\".txt"', 'say "hi".txt'),
    "percent kept in filename": ('attachment; filename="50%25.csv"', "50%25.csv"),
}


@pytest.mark.parametrize("case", sorted(CONTENT_DISPOSITIONS))
def test_the_apis_content_disposition_names_the_file(mode: str, case: str, box: Path) -> None:
    header, name = CONTENT_DISPOSITIONS[case]
    wire = _redirects((ATTACHMENT, _file(b"abc", **{"Content-Disposition": header})))
    saved = _download(mode, wire, ATTACHMENT, box)
    assert saved == box / name
    assert _tree(box) == [name]
    assert saved.read_bytes() == b"abc"


UNSAFE_DISPOSITIONS = {
    "parent": 'attachment; filename="../escape.csv"',
    "encoded parent": "attachment; filename*=UTF-8''..%2Fescape.csv",
    "absolute": 'attachment; filename="/tmp/escape.csv"',
    "backslash": "attachment; filename*=UTF-8''..%5Cescape.csv",
    "nul": "attachment; filename*=UTF-8''a%00b.csv",
    "dot": 'attachment; filename="."',
    "dot dot": "attachment; filename*=UTF-8''%2E%2E",
    "empty": 'attachment; filename=""',
}


@pytest.mark.parametrize("case", sorted(UNSAFE_DISPOSITIONS))
def test_an_unsafe_name_from_the_api_is_refused_before_writing(
    mode: str, case: str, box: Path, tmp_path: Path
) -> None:
    header = UNSAFE_DISPOSITIONS[case]
    wire = _redirects((ATTACHMENT, _file(b"payload", **{"Content-Disposition": header})))
    with pytest.raises(_download_error()) as caught:
        _download(mode, wire, ATTACHMENT, box)
    assert API_KEY not in str(caught.value)
    assert _tree(tmp_path) == ["box"]


UNSAFE_URLS = {
    "dot dot": "https://files.example.net/a/%2e%2e",
    "dot": "https://files.example.net/a/%2E",
    "encoded slash": "https://files.example.net/a/..%2F..%2Fescape.csv",
    "encoded backslash": "https://files.example.net/a/..%5Cescape.csv",
    "nul": "https://files.example.net/a/x%00y.csv",
    "no name": "https://files.example.net/",
    "no name, folder": "https://files.example.net/bucket/",
}


@pytest.mark.parametrize("case", sorted(UNSAFE_URLS))
def test_an_unsafe_name_in_the_callers_url_is_refused_before_sending(
    mode: str, case: str, box: Path, tmp_path: Path
) -> None:
    wire = Wire(lambda r: _file(b"payload"))
    with pytest.raises(DevinValidationError) as caught:
        _download(mode, wire, UNSAFE_URLS[case], box)
    assert caught.value.field == "url"
    assert wire.requests == []
    assert _tree(tmp_path) == ["box"]


def test_a_url_without_a_name_is_fine_with_a_file_destination(mode: str, box: Path) -> None:
    wire = Wire(lambda r: _file(b"payload"))
    saved = _download(mode, wire, "https://files.example.net/", box / "named.bin")
    assert saved.read_bytes() == b"payload"


# -- never replace ----------------------------------------------------------------------------


def test_an_existing_file_is_not_replaced(mode: str, box: Path) -> None:
    precious = box / "report.csv"
    precious.write_bytes(b"precious")
    wire = _redirects((ATTACHMENT, _to(PRESIGNED)), (PRESIGNED.split("?")[0], _file()))
    for dest in (precious, str(precious), box, str(box)):
        with pytest.raises(_download_error()) as caught:
            _download(mode, wire, ATTACHMENT, dest)
        assert "overwrite" in str(caught.value)
        assert caught.value.path == precious  # type: ignore[attr-defined]
    assert precious.read_bytes() == b"precious"
    assert _tree(box) == ["report.csv"]


@pytest.mark.parametrize("into", ["file", "folder"])
def test_a_known_name_that_exists_is_refused_before_sending(
    mode: str, into: str, box: Path
) -> None:
    # The name is final before the first request when the caller chose the file, or when the
    # download starts off the API (only the API itself may name the file).
    precious = box / "report.csv"
    precious.write_bytes(b"precious")
    wire = Wire(lambda r: _file())
    dest = precious if into == "file" else box
    with pytest.raises(_download_error()):
        _download(mode, wire, PRESIGNED, dest)
    assert wire.requests == []
    assert precious.read_bytes() == b"precious"


def test_overwrite_true_replaces_it(mode: str, box: Path) -> None:
    precious = box / "report.csv"
    precious.write_bytes(b"old")
    wire = _redirects((ATTACHMENT, _to(PRESIGNED)), (PRESIGNED.split("?")[0], _file(b"new")))
    assert _download(mode, wire, ATTACHMENT, box, overwrite=True) == precious
    assert precious.read_bytes() == b"new"
    assert _tree(box) == ["report.csv"]


def test_a_file_that_appears_during_the_download_is_not_replaced(mode: str, box: Path) -> None:
    target = box / "report.csv"

    def presigned(request: httpx.Request) -> httpx.Response:
        target.write_bytes(b"written meanwhile")
        return _file(b"downloaded")

    wire = Wire(lambda r: _to(PRESIGNED) if r.url.host == "api.devin.ai" else presigned(r))
    with pytest.raises(_download_error()):
        _download(mode, wire, ATTACHMENT, box)
    assert target.read_bytes() == b"written meanwhile"
    assert _tree(box) == ["report.csv"]  # and no partial file left


def test_a_name_from_the_api_that_exists_is_not_replaced(mode: str, box: Path) -> None:
    (box / "other.csv").write_bytes(b"precious")
    header = {"Content-Disposition": 'attachment; filename="other.csv"'}
    wire = _redirects((ATTACHMENT, _file(b"new", **header)))
    with pytest.raises(_download_error()):
        _download(mode, wire, ATTACHMENT, box)
    assert (box / "other.csv").read_bytes() == b"precious"
    assert _tree(box) == ["other.csv"]


def test_a_symlink_at_the_destination_is_neither_followed_nor_replaced(
    mode: str, box: Path, tmp_path: Path
) -> None:
    victim = tmp_path / "victim.txt"
    (box / "report.csv").symlink_to(victim)  # dangling: exists() is False, but the name is taken
    wire = _redirects((ATTACHMENT, _to(PRESIGNED)), (PRESIGNED.split("?")[0], _file()))
    with pytest.raises(_download_error()):
        _download(mode, wire, ATTACHMENT, box)
    assert not victim.exists()
    assert (box / "report.csv").is_symlink()


# -- the partial file ----------------------------------------------------------------------------


def _streamed(mode: str, *parts: bytes | Callable[[], object] | Exception) -> Any:
    """A response body that yields the ``bytes`` parts, calls the callables and raises the
    exception when reached: an iterator for the sync client, an async one for the async."""

    def sync_body() -> Iterator[bytes]:
        for part in parts:
            if isinstance(part, Exception):
                raise part
            if isinstance(part, bytes):
                yield part
            else:
                part()

    async def async_body() -> AsyncIterator[bytes]:
        for chunk in sync_body():
            yield chunk

    return sync_body() if mode == "sync" else async_body()


def test_a_failed_download_leaves_nothing_behind(mode: str, box: Path, tmp_path: Path) -> None:
    wire = Wire(
        lambda r: (
            _to(PRESIGNED)
            if r.url.host == "api.devin.ai"
            else httpx.Response(
                200, content=_streamed(mode, b"half a file", httpx.ReadError("connection reset"))
            )
        )
    )
    with pytest.raises(devin_client.APIConnectionError):
        _download(mode, wire, ATTACHMENT, box)
    assert _tree(tmp_path) == ["box"]


def test_the_partial_file_is_not_at_a_guessable_path(mode: str, box: Path, tmp_path: Path) -> None:
    # A symlink planted where a predictable "report.csv.part" would go must not be written
    # through: the partial file is created afresh under a random name.
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"untouched")
    (box / "report.csv.part").symlink_to(victim)
    seen: list[list[str]] = []
    body = _streamed(mode, b"first half,", lambda: seen.append(_tree(box)), b"second half")
    wire = Wire(
        lambda r: (
            _to(PRESIGNED) if r.url.host == "api.devin.ai" else httpx.Response(200, content=body)
        )
    )
    saved = _download(mode, wire, ATTACHMENT, box)
    assert saved.read_bytes() == b"first half,second half"
    assert victim.read_bytes() == b"untouched"
    [during] = seen  # while the download was under way
    partial = [name for name in during if name != "report.csv.part"]
    assert len(partial) == 1  # in the destination folder, nowhere else
    assert partial[0] not in ("report.csv", "report.csv.part")
    assert _tree(box) == ["report.csv", "report.csv.part"]


def test_a_missing_destination_folder_is_refused_before_sending(mode: str, box: Path) -> None:
    wire = Wire(lambda r: _file())
    with pytest.raises(DevinValidationError) as caught:
        _download(mode, wire, ATTACHMENT, box / "no" / "such" / "report.csv")
    assert caught.value.field == "dest"
    assert wire.requests == []


# -- the key -------------------------------------------------------------------------------------

API_TARGETS = {
    "api secrets": f"{BASE_URL}/v1/secrets",
    "api attachment": f"{BASE_URL}/v1/attachments/0b7f1c2e/report.csv",
    "api, scheme-relative": "//api.devin.ai/v1/secrets",
    "api sessions": f"{BASE_URL}/v1/sessions",
}


@pytest.mark.parametrize("target", sorted(API_TARGETS))
def test_a_download_that_starts_elsewhere_is_never_authenticated(mode: str, target: str) -> None:
    # Today: a foreign URL redirecting to /v1/secrets gets the key and the secret list back.
    start = "https://files.example.net/lure.csv"
    wire = Wire(
        lambda r: (
            _to(API_TARGETS[target])
            if r.url.host == "files.example.net"
            else httpx.Response(200, json=[{"key": "TOP_SECRET"}])
        )
    )
    _download(mode, wire, start)
    assert len(wire.requests) == 2
    assert _keyed(wire) == []


def test_the_key_never_comes_back_once_the_chain_left_the_api(mode: str) -> None:
    hops = {
        "/v1/attachments/0b7f1c2e/report.csv": _to("https://cdn.example.org/bounce"),
        "/bounce": _to(f"{BASE_URL}/v1/attachments/0b7f1c2e/other.csv"),
        "/v1/attachments/0b7f1c2e/other.csv": _to("https://cdn.example.org/file"),
        "/file": _file(b"ok"),
    }
    wire = Wire(lambda r: hops[r.url.path])
    assert _download(mode, wire, ATTACHMENT) == b"ok"
    assert len(wire.requests) == 4
    assert _keyed(wire) == [ATTACHMENT]


NOT_ATTACHMENT_PATHS = {
    "secrets": "/v1/secrets",
    "sessions": "/v1/sessions",
    "attachments folder": "/v1/attachments/",
    "uuid only": "/v1/attachments/0b7f1c2e",
    "three segments": "/v1/attachments/0b7f1c2e/report.csv/more",
    "a query": "/v1/attachments/0b7f1c2e/report.csv?redirect=/v1/secrets",
}


@pytest.mark.parametrize("case", sorted(NOT_ATTACHMENT_PATHS))
def test_the_key_goes_only_to_attachment_paths(mode: str, case: str) -> None:
    path = NOT_ATTACHMENT_PATHS[case]
    redirected = Wire(
        lambda r: (
            _to(path)
            if r.url.path == "/v1/attachments/0b7f1c2e/report.csv" and not r.url.query
            else _file()
        )
    )
    _download(mode, redirected, "/v1/attachments/0b7f1c2e/report.csv")
    assert len(redirected.requests) == 2
    assert _keyed(redirected) == [ATTACHMENT]

    direct = Wire(lambda r: _file())
    _download(mode, direct, BASE_URL + path)
    assert len(direct.requests) == 1
    assert _keyed(direct) == []


@pytest.mark.parametrize(
    "target",
    ["http://files.example.net/report.csv", "http://api.devin.ai/v1/attachments/0b7f1c2e/r.csv"],
)
def test_a_redirect_from_https_to_plain_http_is_refused(mode: str, target: str) -> None:
    # The presigned URL is itself a credential: it must not travel in clear text.
    wire = Wire(lambda r: _to(target) if r.url.scheme == "https" else _file())
    with pytest.raises(_download_error(), match="http"):
        _download(mode, wire, ATTACHMENT)
    assert [r.url.scheme for r in wire.requests] == ["https"]


@pytest.mark.parametrize(
    "location", ["file:///etc/passwd", "ftp://files.example.net/x", "http://[::1"]
)
def test_a_redirect_to_an_unusable_url_is_a_typed_error(mode: str, location: str) -> None:
    wire = Wire(lambda r: _to(location))
    with pytest.raises(DevinError):
        _download(mode, wire, ATTACHMENT)
    # (httpx itself rejects an unparsable Location: a protocol error, retried like one.)
    assert {r.url.host for r in wire.requests} == {"api.devin.ai"}


# -- names with %XX and quotes -----------------------------------------------------------------


def test_an_encoded_name_is_decoded_exactly_once_on_the_wire(mode: str, box: Path) -> None:
    url = f"{BASE_URL}/v1/attachments/0b7f1c2e/50%2525%20off%22.csv"
    wire = Wire(lambda r: _file(b"ok"))
    saved = _download(mode, wire, url, box)
    [request] = wire.requests
    assert request.url.raw_path == b"/v1/attachments/0b7f1c2e/50%2525%20off%22.csv"
    assert request.headers["authorization"] == f"Bearer {API_KEY}"
    assert saved == box / '50%25 off".csv'


NAMES = ["50%25.txt", "100%.txt", 'say "hi".txt', "q?#&.txt", "naïve %C3%A9.txt", "a+b;c=d.txt"]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[DevinMock, str, str]]:
    mock = DevinMock()
    key = next(iter(mock.keys))
    with mock.serve() as server:
        yield mock, server.base_url, key
    mock.reset()


@pytest.mark.parametrize("name", NAMES)
def test_names_with_percent_signs_and_quotes_round_trip_through_the_mock(
    served: tuple[DevinMock, str, str], name: str, tmp_path: Path
) -> None:
    _, base_url, key = served
    payload = f"content of {name}".encode()
    with Devin(key, base_url=base_url) as client:
        url = client.attachments.upload(payload, filename=name)
        assert client.attachments.download(url) == payload
        saved = client.attachments.download(url, tmp_path)
    assert saved.read_bytes() == payload
    assert saved.parent == tmp_path
    assert saved.name == unquote(url.rsplit("/", 1)[1])  # the URL's name, decoded once
    if '"' not in name:  # (httpx sends a quote in a multipart filename as %22)
        assert saved.name == name


# -- the command line ------------------------------------------------------------------------


def test_the_cli_does_not_replace_a_file_without_force(devin_mock: Any, tmp_path: Path) -> None:
    from devin_client.cli import app
    from typer.testing import CliRunner

    env = {"DEVIN_API_KEY": devin_mock.api_key, "DEVIN_BASE_URL": devin_mock.base_url}
    run: Callable[..., Any] = lambda *args: CliRunner().invoke(app, list(args), env=env)  # noqa: E731
    with Devin(devin_mock.api_key, base_url=devin_mock.base_url) as client:
        url = client.attachments.upload(b"fresh", filename="notes.txt")
    target = tmp_path / "notes.txt"
    target.write_bytes(b"precious")

    for dest in (str(target), str(tmp_path)):
        refused = run("attachments", "download", url, "-o", dest)
        assert refused.exit_code == 2, refused.output
        assert "--force" in refused.stderr
        assert "Traceback" not in refused.output
        assert target.read_bytes() == b"precious"

    forced = run("attachments", "download", url, "-o", str(tmp_path), "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_bytes() == b"fresh"
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_the_cli_names_the_file_after_the_url_in_the_working_folder(
    devin_mock: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from devin_client.cli import app
    from typer.testing import CliRunner

    monkeypatch.chdir(tmp_path)
    env = {"DEVIN_API_KEY": devin_mock.api_key, "DEVIN_BASE_URL": devin_mock.base_url}
    with Devin(devin_mock.api_key, base_url=devin_mock.base_url) as client:
        url = client.attachments.upload(b"1,2\n", filename="50%25 done.csv")
    result = CliRunner().invoke(app, ["attachments", "download", url], env=env)
    assert result.exit_code == 0, result.output
    assert os.listdir(tmp_path) == ["50%25 done.csv"]


def test_without_hard_links_the_name_is_still_never_taken_over(
    mode: str, box: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some file systems have no hard links: the no-replace move then claims the name first.
    def no_links(src: object, dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    wire = _redirects((ATTACHMENT, _to(PRESIGNED)), (PRESIGNED.split("?")[0], _file(b"new")))
    assert _download(mode, wire, ATTACHMENT, box).read_bytes() == b"new"
    with pytest.raises(_download_error()):
        _download(mode, wire, ATTACHMENT, box)
    assert (box / "report.csv").read_bytes() == b"new"
    assert _tree(box) == ["report.csv"]


def test_a_full_disk_is_a_typed_error_and_leaves_nothing(
    mode: str, box: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Full:
        def __init__(self, fd: int, mode: str) -> None:
            self.real = open(fd, mode)  # noqa: SIM115 (closed by __exit__)

        def write(self, data: bytes) -> int:
            raise OSError(28, "No space left on device")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.real.close()

    monkeypatch.setattr(os, "fdopen", Full)
    wire = _redirects((ATTACHMENT, _to(PRESIGNED)), (PRESIGNED.split("?")[0], _file(b"new")))
    with pytest.raises(_download_error(), match="No space left") as caught:
        _download(mode, wire, ATTACHMENT, box)
    assert isinstance(caught.value.__cause__, OSError)
    assert _tree(box) == []
