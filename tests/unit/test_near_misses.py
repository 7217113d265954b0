"""Attachment lines Devin would ignore are refused before anything is sent.

Devin sees a file only through a line that is exactly ``ATTACHMENT:"<url>"``. Each rule of a
near miss has its own test below (through ``sessions.create`` and ``sessions.send_message``,
as a user meets it); ``validate=False`` sends the text as it is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from devin_client import Devin, DevinValidationError, format_attachments
from devin_client._core._attachments import near_misses
from hypothesis import given, settings
from hypothesis import strategies as st

from .conftest import API_KEY, BASE_URL, Recorder

URL = "https://api.devin.ai/v1/attachments/3f1c/report.csv"
CREATED = {"session_id": "devin-abc", "url": "https://app.devin.ai/sessions/abc"}


def _refused(client: Devin, recorder: Recorder, prompt: str) -> DevinValidationError:
    """The create is refused, nothing is sent, and so is the same text as a message."""
    with pytest.raises(DevinValidationError) as info:
        client.sessions.create(prompt)
    with pytest.raises(DevinValidationError) as as_message:
        client.sessions.send_message("devin-abc", prompt)
    assert recorder.requests == []
    assert info.value.field == "prompt"
    assert as_message.value.field == "message"
    message = str(info.value)
    assert "Devin ignores it" in message
    assert "format_attachments" in message  # the fix
    assert "attachments=" in message
    assert 'exactly ATTACHMENT:"<url>"' in message
    return info.value


@pytest.mark.parametrize(
    ("rule", "line", "said"),
    [
        ("plural", f'ATTACHMENTS:"{URL}"', "ATTACHMENTS (plural)"),
        ("lower case", f'attachment:"{URL}"', "not in capitals"),
        ("capitalised", f'Attachment:"{URL}"', "not in capitals"),
        ("mixed case", f'AttachMent:"{URL}"', "not in capitals"),
        ("space after the colon", f'ATTACHMENT: "{URL}"', "a space around the colon"),
        ("space before the colon", f'ATTACHMENT :"{URL}"', "a space around the colon"),
        ("single quotes", f"ATTACHMENT:'{URL}'", "not in double quotes"),
        ("no quotes", f"ATTACHMENT:{URL}", "not in double quotes"),
        ("typographic quotes", f"ATTACHMENT:\u201c{URL}\u201d", "not in double quotes"),
        ("backticks", f"ATTACHMENT:`{URL}`", "not in double quotes"),
        ("no closing quote", f'ATTACHMENT:"{URL}', "not in double quotes"),
        ("doubled quotes", f'ATTACHMENT:""{URL}""', "doubled quotes"),
        ("text before it", f'Here is the report: ATTACHMENT:"{URL}"', "not on a line of its own"),
        ("text after it", f'ATTACHMENT:"{URL}" (the report)', "not on a line of its own"),
        ("indented", f'  ATTACHMENT:"{URL}"', "not on a line of its own"),
        ("two on one line", f'ATTACHMENT:"{URL}" ATTACHMENT:"{URL}x"', "not on a line"),
        ("a space in the URL", 'ATTACHMENT:"https://x.io/my report.csv"', "must not contain"),
        ("a quote in the URL", 'ATTACHMENT:"https://x.io/a"b.csv"', "double quote"),
        ("a relative URL", 'ATTACHMENT:"report.csv"', "absolute http"),
        ("another scheme", 'ATTACHMENT:"ftp://x.io/report.csv"', "absolute http"),
        ("no URL", "ATTACHMENT:", "absolute http"),
        ("prose in other casing with a URL", f"the attachment: {URL}", "not in capitals"),
        ("no colon", f'ATTACHMENT "{URL}"', "no colon after ATTACHMENT"),
        ("an equals sign for the colon", f'ATTACHMENT="{URL}"', "no colon after ATTACHMENT"),
        ("a dash for the colon", f"ATTACHMENT-{URL}", "no colon after ATTACHMENT"),
        # Look-alikes: a line that reads as the exact one but is not, character for character.
        ("fullwidth colon", f'ATTACHMENT\uff1a"{URL}"', "look-alike"),
        ("ratio sign for the colon", f'ATTACHMENT\u2236"{URL}"', "look-alike"),
        (
            "fullwidth letters",
            f'\uff21\uff34\uff34\uff21\uff23\uff28\uff2d\uff25\uff2e\uff34:"{URL}"',
            "look-alike",
        ),
        ("a Cyrillic A", f'\u0410TTACHMENT:"{URL}"', "look-alike"),
        ("a Greek E and N", f'ATTACHM\u0395\u039dT:"{URL}"', "look-alike"),
        ("a zero-width space in the keyword", f'ATTACH\u200bMENT:"{URL}"', "look-alike"),
        ("a zero-width space before the colon", f'ATTACHMENT\u200b:"{URL}"', "look-alike"),
        ("a no-break space before the colon", f'ATTACHMENT\u00a0:"{URL}"', "look-alike"),
        ("a soft hyphen in the keyword", f'ATTACH\u00adMENT:"{URL}"', "look-alike"),
    ],
)
def test_a_near_miss_is_refused_naming_the_line_and_the_rule(
    client: Devin, recorder: Recorder, rule: str, line: str, said: str
) -> None:
    error = _refused(client, recorder, f"Summarise the report.\n{line}\nThanks!")
    assert "line 2 " in str(error)
    assert repr(line)[:100] in str(error)  # long lines are cut at 120 characters
    assert said in str(error), rule


def test_the_docs_own_upload_example_is_caught(client: Devin, recorder: Recorder) -> None:
    # Devin's docs: upload with requests, `file_url = response.text`, then put
    # f'ATTACHMENT:"{file_url}"' in the prompt. The API answers a JSON string, so the text is
    # the URL in quotes, and the line has doubled quotes: Devin would never see the file.
    answer = httpx.Response(200, json=URL)
    file_url = answer.text
    assert file_url == json.dumps(URL)
    error = _refused(client, recorder, f'Analyse this file.\nATTACHMENT:"{file_url}"')
    assert "doubled quotes" in str(error)
    assert "response.text" in str(error)


def test_a_hostile_line_is_refused_at_once(client: Devin, recorder: Recorder) -> None:
    # One line holding the keyword 300,000 times: each was read against the rest of the line
    # (quadratic: it never ended); the first ones make the error, as in the mock.
    error = _refused(client, recorder, "Hi\n" + 'ATTACHMENT:"x" ' * 300_000)
    assert "line 2 " in str(error)
    assert "not on a line of its own" in str(error)


def test_every_offending_line_is_counted(client: Devin, recorder: Recorder) -> None:
    prompt = f'ATTACHMENTS:"{URL}"\nok\nattachment: "{URL}"\nATTACHMENT:{URL}'
    error = _refused(client, recorder, prompt)
    assert "line 1 " in str(error)
    assert "(and 2 more such lines)" in str(error)


@pytest.mark.parametrize(
    "prompt",
    [
        f'Summarise it.\nATTACHMENT:"{URL}"',
        f'ATTACHMENT:"{URL}"\r\nThanks',  # CRLF line breaks
        f'ATTACHMENT:"{URL}"\nATTACHMENT:"{URL}2"',
        "Please read the attachment: it holds the logs.",  # prose, no URL
        "Attachments are welcome in reviews.",
        "ATTACHMENT is the keyword Devin reads.",  # no colon, no URL
        "ATTACHMENT=5 and ATTACHMENT-1 are no lines either",
        f"Download the attachment {URL} yourself",  # prose naming a URL, in lower case
        f"The spec lives at {URL}",
        f'ATTACHMENT:"{URL}?name=ATTACHMENT:x"',  # the keyword inside the URL
        'ATTACHMENT:"https://x.io/caf\u00e9-\ufb01le.csv"',  # non-ASCII in the URL is no look-alike
        f'```\nATTACHMENT:"{URL}"\n```',  # a line in a code block is still a line
        f'ATTACHMENT:"{URL}?{"a" * 10_000}"',  # long
        "Anh\u00e4nge: \u0410\u0422\u0422\u0410\u0421\u041d\u041c\u0415\u041d\u0422 in prose",
    ],
)
def test_exact_lines_and_prose_are_sent(client: Devin, recorder: Recorder, prompt: str) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    recorder.route("POST", "/v1/sessions/devin-abc/message", lambda r: httpx.Response(200))
    client.sessions.create(prompt)
    client.sessions.send_message("devin-abc", prompt)
    assert recorder.json(0)["prompt"] == prompt
    assert recorder.json(1)["message"] == prompt


def test_format_attachments_and_attachments_are_the_fix(client: Devin, recorder: Recorder) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    client.sessions.create("Summarise the report.", attachments=[URL])
    client.sessions.create(format_attachments("Summarise the report.", [URL]))
    expected = f'Summarise the report.\nATTACHMENT:"{URL}"'
    assert [recorder.json(i)["prompt"] for i in (0, 1)] == [expected, expected]


def test_validate_false_sends_a_near_miss_as_it_is(recorder: Recorder) -> None:
    recorder.route("POST", "/v1/sessions", CREATED)
    recorder.route("POST", "/v1/sessions/devin-abc/message", lambda r: httpx.Response(200))
    prompt = f'ATTACHMENT: "{URL}"'
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with Devin(API_KEY, base_url=BASE_URL, http_client=http, validate=False) as client:
        client.sessions.create(prompt)
        client.sessions.send_message("devin-abc", prompt)
    with Devin(API_KEY, base_url=BASE_URL, http_client=http) as client:
        client.with_options(validate=False).sessions.create(prompt)
    assert [json.loads(b).get("prompt", json.loads(b).get("message")) for b in recorder.bodies] == [
        prompt
    ] * 3


def test_a_near_miss_is_refused_before_any_upload(
    client: Devin, recorder: Recorder, tmp_path: Path
) -> None:
    path = tmp_path / "log.txt"
    path.write_text("boom")
    with pytest.raises(DevinValidationError, match="doubled quotes"):
        client.sessions.create(f'Why?\nATTACHMENT:""{URL}""', attachments=[path])
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("answer", "label"),
    [
        (httpx.Response(200, json=URL), "a JSON string"),
        (httpx.Response(200, text=URL + "\n"), "text/plain"),
        (
            httpx.Response(
                200, text=json.dumps(URL), headers={"content-type": "text/plain; charset=utf-8"}
            ),
            "a JSON string labelled text/plain",
        ),
    ],
)
def test_upload_returns_the_bare_url_whatever_form_the_api_answers(
    client: Devin, recorder: Recorder, answer: httpx.Response, label: str
) -> None:
    recorder.route("POST", "/v1/attachments", lambda r: answer)
    url = client.attachments.upload(b"region,revenue\n")
    assert url == URL, label
    recorder.route("POST", "/v1/sessions", CREATED)
    client.sessions.create(format_attachments("Summarise it.", [url]))
    assert recorder.json()["prompt"].endswith(f'\nATTACHMENT:"{URL}"')


_url_chars = st.characters(
    blacklist_categories=("Cc", "Cs", "Zs", "Zl", "Zp", "Cf", "Co", "Cn"),
    blacklist_characters='"',
)
valid_urls = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}",
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[a-z][a-z0-9-]{0,10}(\.[a-z]{2,5}){1,2}", fullmatch=True),
    st.text(_url_chars, max_size=30),
)


@settings(max_examples=100, deadline=None, database=None)
@given(
    prompt=st.text(max_size=80).filter(lambda t: "attachment" not in t.lower()),
    urls=st.lists(valid_urls, max_size=4),
)
def test_the_lines_format_attachments_writes_are_never_near_misses(
    prompt: str, urls: list[str]
) -> None:
    assert near_misses(format_attachments(prompt, urls)) == []


@settings(max_examples=100, deadline=None, database=None)
@given(
    url=valid_urls,
    before=st.sampled_from(["ATTACHMENTS:", "attachment:", "ATTACHMENT: ", "Attachment :"]),
    quote=st.sampled_from(['"', "'", "", '""']),
    prefix=st.sampled_from(["", "see "]),
)
def test_every_variant_of_the_line_is_a_near_miss(
    url: str, before: str, quote: str, prefix: str
) -> None:
    line = f"{prefix}{before}{quote}{url}{quote}"
    found = near_misses(f"Summarise.\n{line}")
    assert [miss.line_number for miss in found] == [2]


# -- the Devin API v3: the same lines refused in the prompt and in a message -------------------

V3_URL = "https://api.devin.ai/v3/organizations/org-unit/attachments/3f1c/report.csv"
V3_SESSIONS = "/v3/organizations/org-unit/sessions"


def _refused_v3(v3: Any, recorder: Recorder, text: str) -> DevinValidationError:
    """v3's create and message refuse it; nothing is sent, not even the organisation lookup."""
    with pytest.raises(DevinValidationError) as info:
        v3.sessions.create(text)
    with pytest.raises(DevinValidationError) as as_message:
        v3.sessions.messages.send("devin-abc", text)
    assert recorder.requests == []
    assert (info.value.field, as_message.value.field) == ("prompt", "message")
    message = str(info.value)
    assert "Devin ignores it" in message
    assert "attachments=[...] (sent as attachment_urls)" in message  # v3's fix
    assert "format_attachments" in message
    return info.value


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (f'ATTACHMENTS:"{V3_URL}"', "ATTACHMENTS (plural)"),
        (f'Attachment:"{V3_URL}"', "not in capitals"),
        (f'ATTACHMENT: "{V3_URL}"', "a space around the colon"),
        (f"ATTACHMENT:'{V3_URL}'", "not in double quotes"),
        (f'ATTACHMENT:""{V3_URL}""', "doubled quotes"),
        (f'See ATTACHMENT:"{V3_URL}"', "not on a line of its own"),
        ('ATTACHMENT:"report.csv"', "absolute http"),
    ],
)
def test_v3_refuses_a_near_miss_naming_the_line_and_the_fix(
    v3: Any, recorder: Recorder, line: str, said: str
) -> None:
    error = _refused_v3(v3, recorder, f"Summarise the report.\n{line}")
    assert "line 2 " in str(error)
    assert said in str(error)


@pytest.mark.anyio
async def test_async_v3_refuses_a_near_miss(av3: Any, recorder: Recorder) -> None:
    with pytest.raises(DevinValidationError, match="doubled quotes"):
        await av3.sessions.create(f'Why?\nATTACHMENT:""{V3_URL}""')
    with pytest.raises(DevinValidationError, match="Devin ignores it"):
        await av3.sessions.messages.send("devin-abc", f"ATTACHMENTS:{V3_URL}")
    assert recorder.requests == []


def test_v3_refuses_a_near_miss_before_any_upload(
    v3: Any, recorder: Recorder, tmp_path: Path
) -> None:
    path = tmp_path / "log.txt"
    path.write_text("boom")
    with pytest.raises(DevinValidationError, match="a space around the colon"):
        v3.sessions.create(f'Why?\nATTACHMENT: "{V3_URL}"', attachments=[path])
    with pytest.raises(DevinValidationError, match="a space around the colon"):
        v3.sessions.messages.send("devin-abc", f'ATTACHMENT: "{V3_URL}"', attachments=[path])
    assert recorder.requests == []


def test_v3_sends_exact_lines_attachments_and_a_near_miss_without_validation(
    recorder: Recorder, v3: Any
) -> None:
    from devin_client.v3 import Devin as DevinV3

    from .conftest import V3_KEY, V3_SESSION

    recorder.route("POST", V3_SESSIONS, V3_SESSION)
    recorder.route("POST", f"{V3_SESSIONS}/devin-abc/messages", V3_SESSION)
    exact = format_attachments("Summarise the report.", [V3_URL])
    v3.sessions.create(exact)
    v3.sessions.create("Summarise the report.", attachments=[V3_URL])
    near = f'ATTACHMENT: "{V3_URL}"'
    http = httpx.Client(transport=httpx.MockTransport(recorder))
    with DevinV3(V3_KEY, base_url=BASE_URL, http_client=http, validate=False) as loose:
        loose.sessions.create(near)
        loose.sessions.messages.send("devin-abc", near)
    pairs = zip(recorder.requests, recorder.bodies, strict=True)
    posts = [json.loads(body) for request, body in pairs if request.method == "POST"]
    assert posts[0]["prompt"] == exact
    assert posts[1] == {"prompt": "Summarise the report.", "attachment_urls": [V3_URL]}
    assert posts[2]["prompt"] == near
    assert posts[3]["message"] == near


_UPLOADED = {"attachment_id": "att-1", "name": "report.csv", "url": V3_URL}


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(200, json=_UPLOADED),
        httpx.Response(200, text=json.dumps(_UPLOADED), headers={"content-type": "text/plain"}),
    ],
    ids=["json", "json labelled text/plain"],
)
def test_v3_upload_gives_the_bare_url_whatever_the_content_type(
    v3: Any, recorder: Recorder, answer: httpx.Response
) -> None:
    recorder.route("POST", "/v3/organizations/org-unit/attachments", lambda r: answer)
    uploaded = v3.attachments.upload(b"region,revenue\n")
    assert uploaded.url == V3_URL
    assert near_misses(format_attachments("Summarise it.", [uploaded.url])) == []


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (httpx.Response(200, json={**_UPLOADED, "url": json.dumps(V3_URL)}), "double quote"),
        (httpx.Response(200, json={**_UPLOADED, "url": "report.csv"}), "absolute http"),
        (httpx.Response(200, json={**_UPLOADED, "url": V3_URL + "\nX"}), "body.url"),
        (httpx.Response(200, json={"attachment_id": "att-1", "name": "r.csv"}), "body.url"),
        (httpx.Response(200, json=V3_URL), "JSON object"),  # v1's form
        (httpx.Response(200, text=V3_URL, headers={"content-type": "text/plain"}), "JSON"),
        (httpx.Response(200, text="<html>", headers={"content-type": "text/html"}), "JSON"),
        (httpx.Response(200), "JSON"),
    ],
    ids=[
        "url in quotes",
        "relative url",
        "url with a line break",
        "no url",
        "a JSON string",
        "text/plain url",
        "html",
        "empty",
    ],
)
def test_v3_upload_with_a_malformed_answer_is_a_typed_error(
    v3: Any, recorder: Recorder, answer: httpx.Response, said: str
) -> None:
    from devin_client import ResponseValidationError

    recorder.route("POST", "/v3/organizations/org-unit/attachments", lambda r: answer)
    with pytest.raises(ResponseValidationError) as info:
        v3.attachments.upload(b"region,revenue\n")
    assert said in str(info.value)
    assert "POST /v3/organizations/org-unit/attachments" in str(info.value)
