"""The Devin API v3 (generated package ``devin_api_v3``): ``Devin``, ``AsyncDevin`` and one
module per resource, on the same layer as v1 (``devin_client._core``).

What differs from v1 lives here: every path but ``GET /v3/self`` is under the organisation
(``_client``: given, from ``DEVIN_ORG_ID``, or learned once through ``GET /v3/self``), errors are
RFC 9457 ``ProblemDetail`` bodies (``_client.ProblemDetails``), lists are cursor-paged
(``CursorPaging``), attachments go in ``attachment_urls`` rather than the prompt, and a session
settles by ``status`` and ``status_detail`` (``sessions.is_settled``). The public names are
re-exported by ``devin_client.v3``.
"""
