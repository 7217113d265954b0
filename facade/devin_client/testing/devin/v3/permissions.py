"""The permissions v3 routes need (the notes' §2 table; the spec's ``x-devin-permissions``).

Each handler names its permission at registration (``needs=``); a test checks that every
route's permission is one its ``x-devin-permissions`` text names. Inferred or drifting cases:

- tags: the pages state none; reading takes ``ViewOrgSessions`` and writing
  ``ManageOrgSessions``, as for the session itself;
- notes and folders: ``ManageAccountKnowledge``, and the newest ja/de pages' name
  ``ManageKnowledge`` is accepted as well (either will do); a 403 names the one the route's
  page names: ``ManageKnowledge`` for the folders and a note's GET, ``ManageAccountKnowledge``
  elsewhere;
- a playbook's GET page states none: it takes ``ManageAccountPlaybooks`` like every other
  playbook route;
- ``/v3/self``: any valid v3 key (the newest pages; the oldest said ``ReadAccountMeta``);
- per field: ``create_as_user_id`` (sessions and schedules), ``message_as_user_id`` and a
  schedule's ``run_as_user_id`` need ``ImpersonateOrgSessions`` too.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "IMPERSONATE",
    "KNOWLEDGE",
    "KNOWLEDGE_NEWER_PAGES",
    "MANAGE_SESSIONS",
    "PLAYBOOKS",
    "SCHEDULES",
    "SECRETS",
    "USE_SESSIONS",
    "VIEW_SESSIONS",
]

VIEW_SESSIONS: Final = "ViewOrgSessions"
MANAGE_SESSIONS: Final = "ManageOrgSessions"
IMPERSONATE: Final = "ImpersonateOrgSessions"
USE_SESSIONS: Final = "UseDevinSessions"
KNOWLEDGE: Final = ("ManageAccountKnowledge", "ManageKnowledge")
KNOWLEDGE_NEWER_PAGES: Final = ("ManageKnowledge", "ManageAccountKnowledge")
PLAYBOOKS: Final = "ManageAccountPlaybooks"
SECRETS: Final = "ManageOrgSecrets"
SCHEDULES: Final = "ManageOrgSchedules"
