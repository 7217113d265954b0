"""One organisation can neither read nor change another's data in the mock.

Org A creates a session, an attachment, a secret, a knowledge note and a playbook; org B tries
every read and write on those ids and gets 404 (``NotFoundError``), sees none of them in its
lists, and afterwards org A's data is unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from devin_client import Devin, NotFoundError
from devin_client.testing import DevinMock

from .conftest import KEY_A, KEY_B


@dataclass
class OrgAData:
    session_id: str
    attachment_url: str
    attachment: bytes
    secret_id: str
    note_id: str
    playbook_id: str


@pytest.fixture(scope="module")
def orgs(two_orgs: tuple[DevinMock, str]) -> Iterator[tuple[Devin, Devin, OrgAData]]:
    mock, base_url = two_orgs
    mock.reset()
    with Devin(KEY_A, base_url=base_url) as a, Devin(KEY_B, base_url=base_url) as b:
        content = b"org A's confidential bytes"
        data = OrgAData(
            session_id=a.sessions.create("org A's task", tags=["a-only"]).session_id,
            attachment_url=a.attachments.upload(content, filename="a.txt"),
            attachment=content,
            secret_id=a.secrets.create("A_TOKEN", "a-secret-value").id,
            note_id=a.knowledge.create(
                name="A note", body="A knows", trigger_description="always"
            ).id,
            playbook_id=a.playbooks.create(title="A playbook", body="A steps").playbook_id,
        )
        yield a, b, data


CROSS_ORG_CALLS: dict[str, Callable[[Devin, OrgAData], Any]] = {
    "sessions.get": lambda b, d: b.sessions.get(d.session_id),
    "sessions.send_message": lambda b, d: b.sessions.send_message(d.session_id, "hi from B"),
    "sessions.update_tags": lambda b, d: b.sessions.update_tags(d.session_id, ["b-owned"]),
    "sessions.terminate": lambda b, d: b.sessions.terminate(d.session_id),
    "attachments.download": lambda b, d: b.attachments.download(d.attachment_url),
    "secrets.delete": lambda b, d: b.secrets.delete(d.secret_id),
    "knowledge.update": lambda b, d: b.knowledge.update(
        d.note_id, name="B", body="B overwrote", trigger_description="x"
    ),
    "knowledge.delete": lambda b, d: b.knowledge.delete(d.note_id),
    "playbooks.get": lambda b, d: b.playbooks.get(d.playbook_id),
    "playbooks.update": lambda b, d: b.playbooks.update(d.playbook_id, title="B", body="B"),
    "playbooks.delete": lambda b, d: b.playbooks.delete(d.playbook_id),
}


@pytest.mark.parametrize("name", sorted(CROSS_ORG_CALLS))
def test_another_orgs_ids_are_not_found(orgs: tuple[Devin, Devin, OrgAData], name: str) -> None:
    _, b, data = orgs
    with pytest.raises(NotFoundError) as caught:
        CROSS_ORG_CALLS[name](b, data)
    assert caught.value.status_code == 404


def test_another_orgs_data_is_not_listed(orgs: tuple[Devin, Devin, OrgAData]) -> None:
    _, b, data = orgs
    assert data.session_id not in {s.session_id for s in b.sessions.list()}
    assert list(b.sessions.list(tags=["a-only"])) == []
    assert data.secret_id not in {s.id for s in b.secrets.list()}
    knowledge = b.knowledge.list()
    assert data.note_id not in {n.id for n in knowledge.knowledge}
    assert data.playbook_id not in {p.playbook_id for p in b.playbooks.list()}


def test_org_a_is_unchanged_after_org_bs_attempts(orgs: tuple[Devin, Devin, OrgAData]) -> None:
    a, b, data = orgs
    for call in CROSS_ORG_CALLS.values():
        with pytest.raises(NotFoundError):
            call(b, data)
    session = a.sessions.get(data.session_id)
    assert session.tags == ["a-only"]
    assert str(session.status_enum) != "exit"
    assert all("hi from B" not in m.message for m in session.messages or [])
    assert a.attachments.download(data.attachment_url) == data.attachment
    assert data.secret_id in {s.id for s in a.secrets.list()}
    notes = {n.id: n for n in a.knowledge.list().knowledge}
    assert notes[data.note_id].body == "A knows"
    playbook = a.playbooks.get(data.playbook_id)
    assert (playbook.title, playbook.body) == ("A playbook", "A steps")


def test_an_unknown_key_reads_nothing(two_orgs: tuple[DevinMock, str]) -> None:
    from devin_client import AuthenticationError

    _, base_url = two_orgs
    with Devin("apk_user_not_a_known_key", base_url=base_url) as stranger:
        with pytest.raises(AuthenticationError):
            list(stranger.sessions.list())
        with pytest.raises(AuthenticationError):
            stranger.secrets.list()
