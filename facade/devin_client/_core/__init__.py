"""The layer every API client shares; it knows no API (it imports no generated package).

- ``_pipeline``: one request. ``Call`` (an operation's generated facts and request, and how
  to read a success) and ``BaseClient._exchange``, the generator holding every decision of a
  request: building it, the attempt's deadline, retries, error mapping, parsing.
- ``_client``: ``SyncClient`` and ``AsyncClient``, the connection pool and the only two
  drivers. A driver runs a *flow*: a generator yielding the actions of ``_flows`` (send a
  request, sleep, call the user back, stream a body into a sink, close a response, emit an
  item) and receiving their results. ``_exchange`` is itself a flow; the flows above it
  (``_wait``, ``_follow``, ``_paging``, ``_files``, and ``_typed.typed_result``) are written
  once for both clients.
- ``_spec``: ``ApiSpec``, validation against a generated package's ``openapi.json``.
- ``_exceptions`` (the error tree; an API plugs in how its error bodies read), ``_retry`` and
  ``_constants`` (retry policy), ``_redact`` and ``_logging`` (secrets kept out of text),
  ``_body`` and ``_deadline`` (bounded bodies, the attempt deadline at the socket),
  ``_config`` (client options), ``_args`` (argument checks and parsers), ``_attachments``
  (prompt lines, the near misses Devin would ignore, upload inputs), ``_typed`` (the JSON
  Schema of a type, structured output checked and converted).

An API's package (``devin_client._v1``) holds its client classes, which name their
``ApiSpec`` and ``ErrorFormat``, and one module per resource: each builds ``Call`` objects from
the generated ``OPERATION`` and ``build_request`` of its endpoints and hands flows to the
driver.
"""
