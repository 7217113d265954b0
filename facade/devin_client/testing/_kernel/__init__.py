"""The mock kernel: serves any API from its OpenAPI spec, and knows none of them.

An API package (``devin_client.testing.devin.v1``, ...) registers an :class:`~.api.Api` (spec,
handlers keyed by ``"METHOD /path"``, state, auth, error format, extra routes); the kernel does
the rest: routing (:mod:`.routes`), reading and validating inputs (:mod:`.inputs`,
:mod:`.safe_json`, :mod:`.spec`), faults as modifiers (:mod:`.faults`), the admin API
(:mod:`.admin`), records (:mod:`.records`), the ASGI app (:mod:`.app`), the server
(:mod:`.server`, :mod:`.serve`), the one way to start a mock process (:mod:`.process`) and the
pytest machinery (:mod:`.plugin`).

The kernel never imports an API package. This module imports nothing, so that the pytest plugin
(:mod:`.plugin`) and :mod:`.process` work without the ``mock`` extra installed.
"""
