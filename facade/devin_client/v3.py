"""The Devin API v3: organisation-scoped, service-user (``cog_``) keys, cursor pagination.

Quickstart::

    from devin_client.v3 import Devin

    with Devin() as client:  # DEVIN_API_KEY (cog_...); DEVIN_ORG_ID, or learned via /v3/self
        created = client.sessions.create("Add a CONTRIBUTING.md", devin_mode="fast")
        session = client.sessions.wait(created.session_id)  # exit, error, suspended, or
        print(session.status, session.status_detail)        # running + finished/waiting_*

``AsyncDevin`` has the same API, awaited. Results are the generated models of
``devin_api_v3.models``; errors are the ``devin_client`` error tree (``APIStatusError`` and its
subclasses also carry the ``ProblemDetail``'s ``title``; a 422's ``errors`` its field errors).
"""

from ._v3._client import AsyncDevin, Devin

__all__ = ["AsyncDevin", "Devin"]
