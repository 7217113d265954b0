"""The mock reads attachments as Devin does (issue 12.1 and 12.2).

Devin sees a file only through a line that is exactly ``ATTACHMENT:"<url>"`` naming an upload
of the session's organisation (v3: also each ``attachment_urls`` entry). The mock records the
files each session received (``GET /_mock/sessions/{id}/attachments``, ``DevinMock.
session_attachments``) and every near miss as a problem naming the session, the line and the
rule (``GET /_mock/issues``, ``DevinMock.attachment_problems``); the ``devin_mock`` fixture
fails a test on one unless the test opts out. Each rule has its own case below, sent through
v1's create and message and v3's create and message.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable, Iterator

import httpx
import pytest
from devin_client import Devin
from devin_client._core._attachments import near_misses
from devin_client.testing import (
    DEFAULT_API_KEY,
    DEFAULT_ORG_ID,
    DEFAULT_V3_API_KEY,
    DevinMock,
    MockProcess,
    MockServer,
)
from devin_client.testing._kernel.plugin import fresh
from devin_client.testing._pytest_plugin import DevinMockFixture
from devin_client.testing.devin.attachment_lines import MAX_PROBLEMS, RULES, read_lines

pytestmark = pytest.mark.devin_mock_allows("attachment")  # each test checks its own problems

CSV = b"city,temp\nParis,21\n"
SENDS = ("v1 create", "v1 message", "v3 create", "v3 message")


@pytest.fixture(scope="module")
def clients(devin_mock_server: tuple[DevinMock, MockServer]) -> Iterator[tuple[httpx.Client, ...]]:
    """One v1 and one v3 client for the module (a client per test costs more than its test)."""
    base = devin_mock_server[1].base_url
    v3_base = f"{base}/v3/organizations/{DEFAULT_ORG_ID}"
    with (
        httpx.Client(base_url=base, headers={"Authorization": f"Bearer {DEFAULT_API_KEY}"}) as v1,
        httpx.Client(
            base_url=v3_base, headers={"Authorization": f"Bearer {DEFAULT_V3_API_KEY}"}
        ) as v3,
    ):
        yield v1, v3


@pytest.fixture
def v1(devin_mock: DevinMockFixture, clients: tuple[httpx.Client, ...]) -> httpx.Client:
    return clients[0]


@pytest.fixture
def v3(devin_mock: DevinMockFixture, clients: tuple[httpx.Client, ...]) -> httpx.Client:
    return clients[1]


@pytest.fixture
def upload_url(v1: httpx.Client) -> str:
    url: str = v1.post("/v1/attachments", files={"file": ("weather.csv", CSV)}).json()
    return url


Send = Callable[[str], str]


@pytest.fixture(params=SENDS)
def send(request: pytest.FixtureRequest, v1: httpx.Client, v3: httpx.Client) -> Send:
    """Send a text as a prompt or message through one version; returns the session id."""
    how: str = request.param

    def run(text: str) -> str:
        if how == "v1 create":
            return str(v1.post("/v1/sessions", json={"prompt": text}).json()["session_id"])
        if how == "v3 create":
            return str(v3.post("/sessions", json={"prompt": text}).json()["session_id"])
        session_id = str(v1.post("/v1/sessions", json={"prompt": "Start"}).json()["session_id"])
        if how == "v1 message":
            answer = v1.post(f"/v1/sessions/{session_id}/message", json={"message": text})
        else:
            answer = v3.post(f"/sessions/{session_id}/messages", json={"message": text})
        assert answer.status_code == 200
        return session_id

    return run


def _problems(devin_mock: DevinMockFixture) -> list[tuple[str, int, tuple[str, ...]]]:
    return [(p.session_id, p.line_number, p.rules) for p in devin_mock.attachment_problems]


# The library's own catalogue (tests/unit/test_near_misses.py), with the rule each breaks.
NEAR_MISSES = [
    ("plural", 'ATTACHMENTS:"{url}"', ("plural",)),
    ("lower case", 'attachment:"{url}"', ("casing",)),
    ("capitalised", 'Attachment:"{url}"', ("casing",)),
    ("mixed case", 'AttachMent:"{url}"', ("casing",)),
    ("space after the colon", 'ATTACHMENT: "{url}"', ("space",)),
    ("space before the colon", 'ATTACHMENT :"{url}"', ("space",)),
    ("single quotes", "ATTACHMENT:'{url}'", ("quotes",)),
    ("no quotes", "ATTACHMENT:{url}", ("quotes",)),
    ("typographic quotes", "ATTACHMENT:\u201c{url}\u201d", ("quotes",)),
    ("backticks", "ATTACHMENT:`{url}`", ("quotes",)),
    ("no closing quote", 'ATTACHMENT:"{url}', ("quotes",)),
    ("doubled quotes", 'ATTACHMENT:""{url}""', ("doubled_quotes",)),
    ("text before it", 'Here is the report: ATTACHMENT:"{url}"', ("own_line",)),
    ("text after it", 'ATTACHMENT:"{url}" (the report)', ("own_line",)),
    ("indented", '  ATTACHMENT:"{url}"', ("own_line",)),
    ("two on one line", 'ATTACHMENT:"{url}" ATTACHMENT:"{url}"', ("own_line",)),
    ("a space in the URL", 'ATTACHMENT:"https://x.io/my report.csv"', ("url",)),
    ("a quote in the URL", 'ATTACHMENT:"https://x.io/a"b.csv"', ("url",)),
    ("a relative URL", 'ATTACHMENT:"report.csv"', ("url",)),
    ("another scheme", 'ATTACHMENT:"ftp://x.io/report.csv"', ("url",)),
    ("no URL", "ATTACHMENT:", ("quotes", "url")),
    (
        "prose in other casing with a URL",
        "the attachment: {url}",
        ("own_line", "casing", "space", "quotes"),
    ),
    (
        "several at once",
        "see attachments : '{url}'",
        ("own_line", "plural", "casing", "space", "quotes"),
    ),
    ("no colon", 'ATTACHMENT "{url}"', ("colon",)),
    ("an equals sign for the colon", 'ATTACHMENT="{url}"', ("colon",)),
    ("a dash for the colon, no quotes", "ATTACHMENT-{url}", ("colon", "quotes")),
    # Look-alikes: lines that read as the exact one, but not character for character.
    ("fullwidth colon", 'ATTACHMENT\uff1a"{url}"', ("lookalike",)),
    ("ratio sign for the colon", 'ATTACHMENT\u2236"{url}"', ("lookalike",)),
    (
        "fullwidth letters",
        '\uff21\uff34\uff34\uff21\uff23\uff28\uff2d\uff25\uff2e\uff34:"{url}"',
        ("lookalike",),
    ),
    ("a Cyrillic A", '\u0410TTACHMENT:"{url}"', ("lookalike",)),
    ("a Greek E and N", 'ATTACHM\u0395\u039dT:"{url}"', ("lookalike",)),
    ("a zero-width space in the keyword", 'ATTACH\u200bMENT:"{url}"', ("lookalike",)),
    ("a no-break space before the colon", 'ATTACHMENT\u00a0:"{url}"', ("lookalike", "space")),
    ("a Cyrillic a in lower case", '\u0430ttachment:"{url}"', ("lookalike", "casing")),
]


@pytest.mark.parametrize(("rule", "line", "broken"), NEAR_MISSES, ids=[c[0] for c in NEAR_MISSES])
def test_a_near_miss_is_a_problem_naming_the_session_the_line_and_the_rule(
    devin_mock: DevinMockFixture,
    upload_url: str,
    send: Send,
    rule: str,
    line: str,
    broken: tuple[str, ...],
) -> None:
    text = line.format(url=upload_url)
    session_id = send(f"Summarise the report.\n{text}\nThanks!")
    assert _problems(devin_mock) == [(session_id, 2, broken)], rule
    [problem] = devin_mock.attachment_problems
    said = str(problem)
    assert session_id in said
    assert "line 2" in said
    assert repr(text)[:100] in said
    assert all(f"{r}: {RULES[r]}" in said for r in broken)
    # Nothing was received, and the issues route lists the same problem.
    assert devin_mock.session_attachments(session_id) == []
    issues = httpx.get(f"{devin_mock.base_url}/_mock/issues").json()
    assert issues == [said]


@pytest.mark.parametrize(("rule", "line", "broken"), NEAR_MISSES, ids=[c[0] for c in NEAR_MISSES])
def test_the_mock_and_the_library_agree_on_what_is_a_near_miss(
    rule: str, line: str, broken: tuple[str, ...]
) -> None:
    # Two readings written apart (the mock never imports the library): the same lines, the
    # same rules (the library folds a URL-less line into "url" alone).
    text = line.format(url="https://api.devin.ai/v1/attachments/3f1c/report.csv")
    [library] = near_misses(text)
    exact, [mock] = read_lines(text)
    assert exact == []
    assert set(library.rules) <= set(mock.rules) | {"url"}, rule
    assert set(mock.rules) - set(library.rules) <= {"quotes"}, rule


@pytest.mark.parametrize(
    "text",
    [
        "Please read the attachment: it holds the logs.",
        "Attachments are welcome in reviews.",
        "ATTACHMENT is the keyword Devin reads.",
        "The spec lives at https://x.io/report.csv",
    ],
)
def test_prose_is_no_problem(devin_mock: DevinMockFixture, send: Send, text: str) -> None:
    send(text)
    assert devin_mock.attachment_problems == []
    assert near_misses(text) == []
    assert read_lines(text) == ([], [])


def test_an_exact_line_is_received_with_its_name_size_and_sha256(
    devin_mock: DevinMockFixture, upload_url: str, send: Send
) -> None:
    session_id = send(f'Summarise it.\r\nATTACHMENT:"{upload_url}"\r\nThanks')
    expected = {
        "url": upload_url,
        "name": "weather.csv",
        "size": len(CSV),
        "sha256": hashlib.sha256(CSV).hexdigest(),
    }
    [received] = devin_mock.session_attachments(session_id)
    assert {k: getattr(received, k) for k in expected} == expected
    route = httpx.get(f"{devin_mock.base_url}/_mock/sessions/{session_id}/attachments")
    assert [{k: f[k] for k in expected} for f in route.json()] == [expected]
    assert devin_mock.attachment_problems == []


def test_the_admin_route_is_guarded_and_knows_its_sessions(devin_mock: DevinMockFixture) -> None:
    route = f"{devin_mock.base_url}/_mock/sessions/devin-nope/attachments"
    assert httpx.get(route).status_code == 404
    assert httpx.get(route, headers={"Origin": "https://evil.example"}).status_code == 403
    assert httpx.get(route, headers={"Host": "evil.example"}).status_code == 403


def test_devins_first_message_names_the_files_it_received(
    devin_mock: DevinMockFixture, v1: httpx.Client, v3: httpx.Client, upload_url: str
) -> None:
    v3_upload = v3.post("/attachments", files={"file": ("notes.txt", b"hello")}).json()
    created = v3.post(
        "/sessions",
        json={
            "prompt": f'Read both.\nATTACHMENT:"{upload_url}"',
            "attachment_urls": [v3_upload["url"]],
        },
    ).json()
    session_id = created["session_id"]
    messages = v1.get(f"/v1/sessions/{session_id}").json()["messages"]
    devin_says = [m["message"] for m in messages if m["type"] == "devin_message"]
    assert devin_says == [
        f"Looking into it. I received 2 files: weather.csv ({len(CSV)} bytes), notes.txt (5 bytes)."
    ]
    assert [f.via for f in devin_mock.session_attachments(session_id)] == [
        "prompt",
        "attachment_urls",
    ]
    # A message that brings a file to a finished session: Devin names it when it picks up.
    v1.post(f"/v1/sessions/{session_id}/message", json={"message": "Done?"})
    devin_mock.store.advance(session_id, 5)
    v1.post(
        f"/v1/sessions/{session_id}/message",
        json={"message": f'And this.\nATTACHMENT:"{upload_url}"'},
    )
    messages = v1.get(f"/v1/sessions/{session_id}").json()["messages"]
    assert messages[-1]["message"] == (
        f"Picking this up again. I received 1 file: weather.csv ({len(CSV)} bytes)."
    )
    assert devin_mock.attachment_problems == []


def test_a_url_that_is_no_upload_of_the_organisation_is_a_problem(
    devin_mock: DevinMockFixture, v1: httpx.Client, v3: httpx.Client, upload_url: str
) -> None:
    other = {"Authorization": f"Bearer {devin_mock.other_api_key}"}
    theirs = v1.post("/v1/attachments", files={"file": ("x.csv", b"x")}, headers=other).json()
    other_org_v3 = upload_url.replace(
        "/v1/attachments/", f"/v3/organizations/{devin_mock.other_org_id}/attachments/"
    )
    lines = [
        "https://example.com/weather.csv",  # another host
        f"{devin_mock.base_url}/v1/sessions",  # this mock, but no upload
        theirs,  # another organisation's upload
        other_org_v3,  # our upload, named under another organisation
    ]
    prompt = "\n".join(["Read these."] + [f'ATTACHMENT:"{u}"' for u in lines])
    session_id = v1.post("/v1/sessions", json={"prompt": prompt}).json()["session_id"]
    assert _problems(devin_mock) == [(session_id, n, ("not_upload",)) for n in (2, 3, 4, 5)]
    assert devin_mock.session_attachments(session_id) == []
    v3_session = v3.post("/sessions", json={"prompt": "p", "attachment_urls": lines[:1]}).json()
    [*_, last] = devin_mock.attachment_problems
    assert (last.session_id, last.where, last.rules) == (
        v3_session["session_id"],
        "attachment_urls",
        ("not_upload",),
    )


def test_an_unknown_or_expired_upload_is_a_problem(
    devin_mock: DevinMockFixture, v1: httpx.Client, upload_url: str
) -> None:
    unknown = upload_url.rsplit("/", 2)[0] + "/0f0f/weather.csv"
    download = v1.get(upload_url.removeprefix(devin_mock.base_url))
    presigned = download.headers["location"]
    prompt = f'Read.\nATTACHMENT:"{unknown}"\nATTACHMENT:"{presigned}"'
    fresh_session = v1.post("/v1/sessions", json={"prompt": prompt}).json()["session_id"]
    # A presigned URL is an upload while it lives (60 s)...
    assert [f.name for f in devin_mock.session_attachments(fresh_session)] == ["weather.csv"]
    assert _problems(devin_mock) == [(fresh_session, 2, ("unknown_upload",))]
    # ...and no longer once it has expired.
    devin_mock.store.advance_clock(120)
    late = v1.post("/v1/sessions", json={"prompt": prompt}).json()["session_id"]
    assert _problems(devin_mock)[1:] == [
        (late, 2, ("unknown_upload",)),
        (late, 3, ("expired_upload",)),
    ]


def test_titles_leave_out_attachment_lines(
    devin_mock: DevinMockFixture, v1: httpx.Client, upload_url: str
) -> None:
    prompt = f'ATTACHMENT:"{upload_url}"\nATTACHMENTS:"{upload_url}"\nSummarise the weather.'
    session_id = v1.post("/v1/sessions", json={"prompt": prompt}).json()["session_id"]
    title = v1.get(f"/v1/sessions/{session_id}").json()["title"]
    assert title == "Summarise the weather."


def test_a_hostile_prompt_is_read_within_bounds(
    devin_mock: DevinMockFixture, v1: httpx.Client
) -> None:
    # 4 MiB of near misses, and one line holding the keyword 300,000 times: the mock answers,
    # reads the first MAX_LINES lines and records the first MAX_PROBLEMS problems.
    prompt = "Hi\n" + "ATTACHMENT: x\n" * 300_000 + "ATTACHMENT: " * 300_000
    created = v1.post("/v1/sessions", json={"prompt": prompt})
    assert created.status_code == 200
    assert len(devin_mock.attachment_problems) == MAX_PROBLEMS
    assert v1.get(f"/v1/sessions/{created.json()['session_id']}").json()["title"] == "Hi"


# ---- the fixture fails a test on a problem, unless it opts out -------------------------------


def test_a_problem_fails_the_test_unless_it_opts_out() -> None:
    mock = DevinMock()
    key = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}

    async def create() -> str:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=mock.app), base_url="http://test", headers=key
        ) as client:
            near_miss = {"prompt": 'ATTACHMENTS:"https://x.io/a.csv"'}
            return str((await client.post("/v1/sessions", json=near_miss)).json()["session_id"])

    with pytest.raises(pytest.fail.Exception) as failed, fresh(mock.app, {"attachment": "opt out"}):
        session_id = asyncio.run(create())
    said = str(failed.value)
    assert "recorded attachment problems" in said
    assert session_id in said
    assert "plural" in said
    assert "opt out" in said
    with fresh(mock.app) as allowed:
        allowed.add("attachment")
        asyncio.run(create())


@pytest.mark.devin_mock_allows("attachment")
def test_the_marker_opts_a_test_out(devin_mock: DevinMockFixture, v1: httpx.Client) -> None:
    v1.post("/v1/sessions", json={"prompt": 'attachment: "https://x.io/a.csv"'})
    assert len(devin_mock.attachment_problems) == 1  # recorded; the test still passes


# ---- the upload's answer: a JSON string or text/plain ----------------------------------------


def _docs_example(base_url: str, headers: dict[str, str]) -> tuple[str, str]:
    """Devin's docs, as written (with httpx): upload, ``file_url = response.text``, prompt."""
    response = httpx.post(
        f"{base_url}/v1/attachments", headers=headers, files={"file": ("data.csv", CSV)}
    )
    file_url = response.text
    prompt = f'Analyse the attached data.\nATTACHMENT:"{file_url}"'
    created = httpx.post(f"{base_url}/v1/sessions", headers=headers, json={"prompt": prompt})
    return file_url, str(created.json()["session_id"])


def test_the_docs_own_upload_example_is_reported_as_a_near_miss(
    devin_mock: DevinMockFixture,
) -> None:
    file_url, session_id = _docs_example(devin_mock.base_url, devin_mock.headers)
    assert file_url.startswith('"')
    assert json.loads(file_url).endswith("/data.csv")
    assert _problems(devin_mock) == [(session_id, 2, ("doubled_quotes",))]
    assert "response.text" in str(devin_mock.attachment_problems[0])
    assert devin_mock.session_attachments(session_id) == []


def test_with_text_answers_the_docs_example_attaches_the_file(
    devin_mock: DevinMockFixture,
) -> None:
    settings = httpx.post(f"{devin_mock.base_url}/_mock/settings", json={"upload_answer": "text"})
    assert settings.json()["upload_answer"] == "text"
    file_url, session_id = _docs_example(devin_mock.base_url, devin_mock.headers)
    assert file_url.startswith("http://")
    assert [f.name for f in devin_mock.session_attachments(session_id)] == ["data.csv"]
    assert devin_mock.attachment_problems == []
    # A reset puts the spec's answer back.
    devin_mock.mock.reset()
    assert devin_mock.store.upload_answer == "json"


@pytest.mark.parametrize("answer", ["json", "text"])
def test_the_library_uploads_a_bare_url_whichever_the_answer(
    devin_mock: DevinMockFixture, answer: str
) -> None:
    devin_mock.store.upload_answer = answer  # type: ignore[assignment]
    response = httpx.post(
        f"{devin_mock.base_url}/v1/attachments",
        headers=devin_mock.headers,
        files={"file": ("a.csv", b"a")},
    )
    assert response.headers["content-type"].startswith(
        "application/json" if answer == "json" else "text/plain"
    )
    with Devin(api_key=devin_mock.api_key, base_url=devin_mock.base_url) as client:
        url = client.attachments.upload(CSV, filename="data.csv")
        assert url.startswith("http://")
        assert url.endswith("/data.csv")
        created = client.sessions.create("Analyse it.", attachments=[url])
    [received] = devin_mock.session_attachments(created.session_id)
    assert (received.name, received.size) == ("data.csv", len(CSV))
    assert devin_mock.attachment_problems == []


def test_devin_mock_option_and_flag_choose_the_answer() -> None:
    with pytest.raises(ValueError, match="upload_answer"):
        DevinMock(upload_answer="xml")  # type: ignore[arg-type]
    mock = DevinMock(upload_answer="text")
    mock.reset()
    assert mock.store.upload_answer == "text"  # kept across resets
    with MockProcess(args=["--upload-answer", "text"]) as served:
        key = {"Authorization": f"Bearer {DEFAULT_API_KEY}"}
        answer = httpx.post(
            f"{served.base_url}/v1/attachments", headers=key, files={"file": ("a", b"a")}
        )
        assert answer.headers["content-type"].startswith("text/plain")
        assert answer.text.startswith("http://")


def test_an_exact_line_with_a_long_url_is_read_as_exact_and_names_no_upload(
    devin_mock: DevinMockFixture, upload_url: str, v1: httpx.Client
) -> None:
    # The library sends it (the form is exact); the mock called it a malformed line ("url")
    # where it is a line naming no upload.
    text = f'ATTACHMENT:"{upload_url}?{"a" * 10_000}"'
    assert near_misses(text) == []
    assert read_lines(text)[1] == []
    session_id = v1.post("/v1/sessions", json={"prompt": text}).json()["session_id"]
    assert _problems(devin_mock) == [(session_id, 1, ("not_upload",))]


def test_a_look_alike_line_is_left_out_of_the_title(
    devin_mock: DevinMockFixture, upload_url: str, v1: httpx.Client
) -> None:
    text = f'ATTACH\u200bMENT:"{upload_url}"\nSummarise the report'
    session_id = v1.post("/v1/sessions", json={"prompt": text}).json()["session_id"]
    assert v1.get(f"/v1/sessions/{session_id}").json()["title"] == "Summarise the report"


def test_the_same_file_named_twice_is_received_once(
    devin_mock: DevinMockFixture, upload_url: str, v1: httpx.Client
) -> None:
    # Twice in the prompt, in both spellings of the loopback host, then again in a message.
    other = upload_url.replace("127.0.0.1", "localhost")
    assert other != upload_url
    text = f'Compare.\nATTACHMENT:"{upload_url}"\nATTACHMENT:"{upload_url}"\nATTACHMENT:"{other}"'
    session_id = v1.post("/v1/sessions", json={"prompt": text}).json()["session_id"]
    v1.post(f"/v1/sessions/{session_id}/message", json={"message": f'ATTACHMENT:"{upload_url}"'})
    assert devin_mock.attachment_problems == []
    received = devin_mock.session_attachments(session_id)
    assert [(f.name, f.via) for f in received] == [("weather.csv", "prompt")]
