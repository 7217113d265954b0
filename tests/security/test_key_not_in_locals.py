"""No library frame holds the API key (or the ``Authorization`` header) in a local variable that
``pytest --showlocals`` or a traceback with locals would print, on any failure path."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from devin_client import AsyncDevin, Devin, DevinError, DevinValidationError

from ._leaks import with_locals
from ._wire import BASE_URL, Wire

KEY = "apk_user_LOCALS_SENTINEL_KEY_9e4d2a"
SECRET = 'SECRET-VALUE-SENTINEL-with-"quote"-and-\\backslash'


def _raise_through_the_pipeline(make: Callable[[], Devin], call: str) -> BaseException:
    with make() as client:
        try:
            if call == "status":
                client.sessions.get("devin-1")
            elif call == "connection":
                client.secrets.create("TOKEN", SECRET)
            elif call == "unsendable body":
                client.with_options(validate=False).sessions.create(
                    "p", max_acu_limit=float("nan"), session_secrets=[{"key": "K", "value": SECRET}]
                )
            elif call == "bad response":
                client.secrets.list()
        except DevinError as exc:
            return exc
    raise AssertionError(f"{call}: no error")


HANDLERS: dict[str, Callable[[httpx.Request], httpx.Response]] = {
    "status": lambda r: httpx.Response(401, json={"detail": "no"}),
    "connection": lambda r: (_ for _ in ()).throw(httpx.ConnectError("refused", request=r)),
    "unsendable body": lambda r: httpx.Response(200, json=[]),
    "bad response": lambda r: httpx.Response(200, json={"not": "a list"}),
}


@pytest.mark.parametrize("call", sorted(HANDLERS))
def test_no_library_frame_holds_the_key_in_a_local(call: str) -> None:
    wire = Wire(HANDLERS[call])
    http = wire.sync_client()
    exc = _raise_through_the_pipeline(
        lambda: Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None), call
    )
    http.close()
    text = with_locals(exc)
    assert "self" in text  # the locals really are printed
    assert KEY not in text


def test_no_async_library_frame_holds_the_key_in_a_local() -> None:
    wire = Wire(HANDLERS["unsendable body"])

    async def main() -> BaseException:
        async with (
            wire.async_client() as http,
            AsyncDevin(KEY, base_url=BASE_URL, http_client=http) as client,
        ):
            try:
                await client.with_options(validate=False).sessions.create(
                    "p", max_acu_limit=float("nan")
                )
            except DevinError as exc:
                return exc
        raise AssertionError("no error")

    text = with_locals(asyncio.run(main()))
    assert KEY not in text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"base_url": "ftp://api.devin.ai"},
        {"base_url": "https://api.devin.ai", "timeout": -1},
        {"base_url": "https://api.devin.ai", "max_retries": -1},
        {"base_url": "https://api.devin.ai", "http_client": object()},
    ],
    ids=["base_url", "timeout", "max_retries", "http_client"],
)
@pytest.mark.parametrize("cls", [Devin, AsyncDevin])
def test_a_constructor_error_does_not_show_the_key_in_locals(
    kwargs: dict[str, Any], cls: type
) -> None:
    with pytest.raises(DevinValidationError) as caught:
        cls(KEY, **kwargs)
    assert KEY not in with_locals(caught.value)


@pytest.mark.parametrize("bad", [f"{KEY}\n", f"{KEY} x", f"{KEY}\x00"], ids=repr)
def test_a_malformed_key_is_not_shown_in_locals(bad: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DevinValidationError) as caught:
        Devin(bad, base_url=BASE_URL)
    assert KEY not in with_locals(caught.value)
    if "\x00" in bad:
        return  # no environment variable can hold a NUL
    monkeypatch.setenv("DEVIN_API_KEY", bad)
    with pytest.raises(DevinValidationError) as caught:
        Devin(base_url=BASE_URL)
    assert KEY not in with_locals(caught.value)


def test_the_clients_attributes_do_not_show_the_key() -> None:
    with Devin(KEY, base_url=BASE_URL) as client:
        dumped = repr(vars(client)) + repr(vars(client.with_options(timeout=3)))
    assert KEY not in dumped


# Secret values (a secret's value, a session's secrets) are hidden from the entry of the
# resource layer: no library frame shows them, whichever way the call fails.
SECRET_CALLS: dict[str, tuple[Callable[[httpx.Request], httpx.Response], Callable[[Any], Any]]] = {
    "secrets.create, no connection": (
        HANDLERS["connection"],
        lambda client: client.secrets.create("TOKEN", SECRET),
    ),
    "secrets.create, a 409 echoing it": (
        lambda r: httpx.Response(409, json={"detail": f"exists: {SECRET}"}),
        lambda client: client.secrets.create("TOKEN", SECRET),
    ),
    "session_secrets, a bad second secret": (
        HANDLERS["status"],
        lambda client: client.sessions.create(
            "p", session_secrets=[{"key": "A", "value": SECRET}, {"value": "x"}]
        ),
    ),
    "session_secrets, a bad schema beside them": (
        HANDLERS["status"],
        lambda client: client.sessions.create(
            "p",
            session_secrets=[{"key": "A", "value": SECRET}],
            structured_output_schema={"type": 12},
        ),
    ),
    "session_secrets, an unsendable body": (
        HANDLERS["status"],
        lambda client: client.with_options(validate=False).sessions.create(
            "p", max_acu_limit=float("nan"), session_secrets=[{"key": "K", "value": SECRET}]
        ),
    ),
    "session_secrets, create_and_wait refused": (
        HANDLERS["status"],
        lambda client: client.sessions.create_and_wait(
            "p", session_secrets=[{"key": "K", "value": SECRET}]
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(SECRET_CALLS))
def test_no_library_frame_holds_a_secret_value_in_a_local(case: str) -> None:
    handler, call = SECRET_CALLS[case]
    wire = Wire(handler)
    with (
        wire.sync_client() as http,
        Devin(KEY, base_url=BASE_URL, http_client=http, sleep=lambda s: None) as client,
        pytest.raises(DevinError) as caught,
    ):
        call(client)
    text = with_locals(caught.value)
    assert "self" in text
    assert SECRET not in text
    assert 'with-"quote"' not in text  # nor a piece of it


def test_no_async_library_frame_holds_a_secret_value_in_a_local() -> None:
    wire = Wire(HANDLERS["connection"])

    async def main() -> BaseException:
        async with (
            wire.async_client() as http,
            AsyncDevin(KEY, base_url=BASE_URL, http_client=http, max_retries=0) as client,
        ):
            try:
                await client.secrets.create("TOKEN", SECRET)
            except DevinError as exc:
                return exc
        raise AssertionError("no error")

    text = with_locals(asyncio.run(main()))
    assert SECRET not in text
