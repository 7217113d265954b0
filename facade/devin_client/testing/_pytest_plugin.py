"""pytest plugin (entry point ``pytest11``): the ``devin_mock`` fixture.

Loaded by pytest in every project that installs devin-client, so it imports nothing beyond pytest
at module level; the mock (starlette, uvicorn) is imported when a test asks for the fixture, and
without the ``mock`` extra that test fails with the ``pip install`` to run.

One mock server per test session (a uvicorn thread on a free loopback port); its store, faults
and recorded response issues are reset before every test. Every response it sends is checked
against the spec, and a test during which the mock broke the spec (or crashed) fails at
teardown, naming the operation.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from ._kernel.plugin import fresh

if TYPE_CHECKING:
    from ._kernel.faults import FaultPolicy
    from ._kernel.server import MockServer
    from .devin.attachment_lines import AttachmentProblem, ReceivedFile
    from .devin.mock import DevinMock
    from .devin.store import MockStore

__all__ = ["DevinMockFixture", "devin_mock", "devin_mock_server"]

OTHER_API_KEY = "apk_user_devin_mock_other_org"
OTHER_ORG_ID = "org-devin-mock-other"
OTHER_COG_API_KEY = "cog_devin_mock_other_org"
RESTRICTED_COG_API_KEY = "cog_devin_mock_view_only"
RESTRICTED_PERMISSIONS = frozenset({"ViewOrgSessions"})
ENTERPRISE_COG_API_KEY = "cog_devin_mock_enterprise"
ATTACHMENT_PROBLEMS = "attachment"  # the kind of devin.attachment_lines.AttachmentProblem
_HINTS = {
    ATTACHMENT_PROBLEMS: "a test that sends them on purpose: "
    '@pytest.mark.devin_mock_allows("attachment") or devin_mock.allow_attachment_problems()'
}


class DevinMockFixture:
    """What the ``devin_mock`` fixture gives a test.

    Attributes:
        base_url: ``http://127.0.0.1:<port>`` of the running mock.
        api_key: A key the mock accepts (organisation ``org_id``).
        org_id: The organisation of ``api_key``.
        other_api_key: A key of a second organisation (``other_org_id``), for isolation tests.
        other_org_id: The organisation of ``other_api_key``.
        cog_api_key: A v3 service user key of ``org_id`` with every permission.
        other_cog_api_key: A v3 key of ``other_org_id`` with every permission.
        restricted_cog_api_key: A v3 key of ``org_id`` holding only ``restricted_permissions``
            (``ViewOrgSessions``: it reads sessions and nothing else).
        restricted_permissions: The permissions of ``restricted_cog_api_key``.
        enterprise_cog_api_key: A v3 enterprise service user key (every organisation;
            ``/v3/self`` answers ``org_id: null``).
        mock: The :class:`~devin_client.testing.DevinMock`.
        store: ``mock.store`` (reset before each test).
        faults: ``mock.faults`` (cleared before each test).
        app: ``mock.app``, the ASGI app, for in-process calls to the same state.
        server: The running :class:`~devin_client.testing.MockServer`.
    """

    def __init__(
        self, mock: DevinMock, server: MockServer, allowed: set[str] | None = None
    ) -> None:
        from ._defaults import DEFAULT_API_KEY, DEFAULT_ORG_ID, DEFAULT_V3_API_KEY

        self._allowed = allowed if allowed is not None else set()
        self.mock = mock
        self.server = server
        self.base_url = server.base_url
        self.api_key = DEFAULT_API_KEY
        self.org_id = DEFAULT_ORG_ID
        self.other_api_key = OTHER_API_KEY
        self.other_org_id = OTHER_ORG_ID
        self.cog_api_key = DEFAULT_V3_API_KEY
        self.other_cog_api_key = OTHER_COG_API_KEY
        self.restricted_cog_api_key = RESTRICTED_COG_API_KEY
        self.restricted_permissions = RESTRICTED_PERMISSIONS
        self.enterprise_cog_api_key = ENTERPRISE_COG_API_KEY

    @property
    def store(self) -> MockStore:
        """All state of the mock."""
        return self.mock.store

    @property
    def faults(self) -> FaultPolicy:
        """The fault policy of the mock."""
        return self.mock.faults

    @property
    def app(self) -> Any:
        """The ASGI app of the mock."""
        return self.mock.app

    @property
    def headers(self) -> dict[str, str]:
        """``{"Authorization": "Bearer <api_key>"}`` (v1)."""
        return {"Authorization": f"Bearer {self.api_key}"}

    @property
    def v3_headers(self) -> dict[str, str]:
        """``{"Authorization": "Bearer <cog_api_key>"}`` (v3)."""
        return {"Authorization": f"Bearer {self.cog_api_key}"}

    @property
    def v3_org_url(self) -> str:
        """``<base_url>/v3/organizations/<org_id>``: where ``org_id``'s v3 routes start."""
        return f"{self.base_url}/v3/organizations/{self.org_id}"

    def session_attachments(self, session_id: str) -> list[ReceivedFile]:
        """The files a session received, as Devin reads them: per file ``url``, ``name``,
        ``size``, ``sha256`` (see :meth:`DevinMock.session_attachments`)."""
        return self.mock.session_attachments(session_id)

    @property
    def attachment_problems(self) -> list[AttachmentProblem]:
        """Attachment lines and URLs sent during this test that Devin would not receive."""
        return self.mock.attachment_problems

    def allow_attachment_problems(self) -> None:
        """Let this test send attachment lines Devin would ignore without failing.

        By default a test fails at teardown when the mock recorded one (a near miss such as
        ``ATTACHMENTS:`` or ``ATTACHMENT:""url""``, or a URL that is no upload of the
        organisation). Call this in a test that sends them on purpose, or mark it
        ``@pytest.mark.devin_mock_allows("attachment")``.
        """
        self._allowed.add(ATTACHMENT_PROBLEMS)

    def __repr__(self) -> str:
        return f"DevinMockFixture(base_url={self.base_url!r}, org_id={self.org_id!r})"


@pytest.fixture(scope="session")
def devin_mock_server() -> Iterator[tuple[DevinMock, MockServer]]:
    """The session-wide mock and its running loopback server (use ``devin_mock`` in tests)."""
    from ._defaults import DEFAULT_API_KEY, DEFAULT_ORG_ID, DEFAULT_V3_API_KEY, missing_mock_extra

    try:
        from .devin.mock import DevinMock
    except ModuleNotFoundError as exc:
        message = missing_mock_extra(exc, "the devin_mock fixture")
        if message is None:
            raise
        pytest.fail(message, pytrace=False)

    mock = DevinMock(
        keys={
            DEFAULT_API_KEY: DEFAULT_ORG_ID,
            OTHER_API_KEY: OTHER_ORG_ID,
            DEFAULT_V3_API_KEY: DEFAULT_ORG_ID,
            OTHER_COG_API_KEY: OTHER_ORG_ID,
            RESTRICTED_COG_API_KEY: f"{DEFAULT_ORG_ID}:{','.join(sorted(RESTRICTED_PERMISSIONS))}",
            ENTERPRISE_COG_API_KEY: "*",
        },
        validate_responses=True,
    )
    with mock.serve() as server:
        yield mock, server


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "devin_mock_allows(*kinds): problems of these kinds the devin_mock fixture records "
        "without failing the test ('attachment': attachment lines Devin would ignore)",
    )


@pytest.fixture
def devin_mock(
    devin_mock_server: tuple[DevinMock, MockServer], request: pytest.FixtureRequest
) -> Iterator[DevinMockFixture]:
    """A running mock Devin API with an empty store and no faults.

    The test fails at teardown when the mock sent a response that breaks the spec, crashed,
    or received an attachment line (or ``attachment_urls`` entry) that Devin would ignore;
    a test that sends those on purpose opts out with
    ``@pytest.mark.devin_mock_allows("attachment")`` or ``devin_mock.allow_attachment_problems()``.

    Yields:
        A :class:`DevinMockFixture` (``base_url``, ``api_key``, ``org_id``, ``cog_api_key``,
        ``store``, ``faults``, ``app``, ``mock``...).
    """
    mock, server = devin_mock_server
    with fresh(mock.app, hints=_HINTS) as allowed:
        for marker in request.node.iter_markers("devin_mock_allows"):
            allowed.update(str(kind) for kind in marker.args)
        yield DevinMockFixture(mock, server, allowed)
