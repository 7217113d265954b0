"""A recording ``httpx.MockTransport`` shared by the security and bad-input suites."""

from __future__ import annotations

from collections.abc import Callable

import httpx

API_KEY = "apk_user_SECURITY_SENTINEL_KEY_4f1c9a"
BASE_URL = "https://api.devin.ai"

Handler = Callable[[httpx.Request], httpx.Response]


class Wire:
    """Records every request that reaches the transport and answers with ``handler``."""

    def __init__(self, handler: Handler | None = None) -> None:
        self.requests: list[httpx.Request] = []
        self.handler: Handler = handler or (lambda request: httpx.Response(599))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return self.handler(request)

    def sync_client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(transport=httpx.MockTransport(self), **kwargs)  # type: ignore[arg-type]

    def async_client(self, **kwargs: object) -> httpx.AsyncClient:
        return httpx.AsyncClient(transport=httpx.MockTransport(self), **kwargs)  # type: ignore[arg-type]
