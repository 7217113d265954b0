"""Reading response bodies within bounds: decoded in small pieces, with a cap on their size.

httpx decodes ``Content-Encoding`` one network chunk at a time with no limit on the output: a
64 KiB chunk of gzip can inflate to 64 MiB, and ``gzip, gzip`` to gigabytes in one call. The
client therefore reads the raw bytes itself and inflates them here, in pieces of at most
``PIECE`` bytes, stopping as soon as the decoded size passes ``MAX_RESPONSE_BYTES``. Only the
encodings the client asks for (``Accept-Encoding: gzip, deflate``) are decoded; a body in any
other non-identity coding (``br``, ``zstd``) is refused, as it was never asked for.

Both drivers use the same ``Decoder`` and ``Collector``; only the iteration over the raw
chunks (``iter_raw`` or ``aiter_raw``) differs. The pipeline turns ``BodyError`` into the
user-facing error (``ResponseValidationError`` for a 2xx, the status error without its body
otherwise).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import httpx

from . import _constants as C

__all__ = ["ACCEPT_ENCODING", "BodyError", "Collector", "Decoder", "cap", "preread", "too_large"]

ACCEPT_ENCODING = "gzip, deflate"
PIECE = 1 << 20  # the largest piece of decoded output produced at once

_MAX_CODINGS = 4  # real servers use one; each layer multiplies what a byte can inflate to
_UNSUPPORTED = frozenset({"br", "zstd", "compress", "x-compress"})


class BodyError(Exception):
    """A body that cannot be read within bounds (internal: the pipeline maps it)."""

    def __init__(self, response: httpx.Response, problem: str) -> None:
        super().__init__(problem)
        self.response = response
        self.problem = problem


def cap() -> int:
    """The cap on a decoded response body, in bytes (read at call time, for tests)."""
    return C.MAX_RESPONSE_BYTES


def too_large(response: httpx.Response, limit: int) -> BodyError:
    return BodyError(
        response, f"the body is larger than {limit / (1 << 20):g} MiB decoded (the client's cap)"
    )


class _Inflate:
    """One zlib stage (gzip or deflate) producing output in pieces of at most ``PIECE``."""

    __slots__ = ("_fallback", "_started", "_z")

    def __init__(self, wbits: int, fallback: int | None = None) -> None:
        self._z = zlib.decompressobj(wbits)
        self._fallback = fallback  # deflate: raw deflate when the zlib header is missing
        self._started = False

    def pieces(self, data: bytes) -> Iterator[bytes]:
        z = self._z
        if not self._started and data:
            self._started = True
            if self._fallback is not None:
                try:
                    out = z.decompress(data, PIECE)
                except zlib.error:
                    self._z = z = zlib.decompressobj(self._fallback)
                    out = z.decompress(data, PIECE)
            else:
                out = z.decompress(data, PIECE)
        else:
            out = z.decompress(data, PIECE)
        while True:
            if out:
                yield out
            tail = z.unconsumed_tail
            if not tail and len(out) < PIECE:
                return
            out = z.decompress(tail, PIECE)
            if not out and not z.unconsumed_tail:
                return

    def finish(self) -> bytes:
        return self._z.flush() if self._started else b""


class Decoder:
    """Undo a response's ``Content-Encoding`` in bounded pieces.

    Raises:
        BodyError: An encoding the client did not ask for, or data that does not decode.
    """

    __slots__ = ("_response", "_stages")

    def __init__(self, response: httpx.Response) -> None:
        self._response = response
        self._stages: list[_Inflate] = []
        header = response.headers.get("content-encoding")
        if not header:
            return
        tokens = [t.strip().lower() for t in header.split(",")]
        if len(tokens) > _MAX_CODINGS:
            raise BodyError(response, f"the body has {len(tokens)} content codings")
        for token in reversed(tokens):
            if token in ("gzip", "x-gzip"):
                self._stages.append(_Inflate(zlib.MAX_WBITS | 16))
            elif token == "deflate":
                self._stages.append(_Inflate(zlib.MAX_WBITS, fallback=-zlib.MAX_WBITS))
            elif token in _UNSUPPORTED:
                raise BodyError(
                    response,
                    f"the body is in the {token!r} coding, which the client never asks for",
                )
            # identity, and unknown tokens httpx ignores too: passed through as they are

    @property
    def identity(self) -> bool:
        """No coding to undo: raw chunks are the body."""
        return not self._stages

    def feed(self, data: bytes) -> Iterator[bytes]:
        """The decoded pieces of the next raw chunk."""
        try:
            yield from self._run(0, data)
        except zlib.error as exc:
            raise self._undecodable(exc) from exc

    def finish(self) -> Iterator[bytes]:
        """The decoded pieces still held by the decompressors at the end of the body."""
        try:
            for i, stage in enumerate(self._stages):
                tail = stage.finish()
                if tail:
                    yield from self._run(i + 1, tail)
        except zlib.error as exc:
            raise self._undecodable(exc) from exc

    def _run(self, i: int, data: bytes) -> Iterator[bytes]:
        if i == len(self._stages):
            if data:
                yield data
            return
        for piece in self._stages[i].pieces(data):
            yield from self._run(i + 1, piece)

    def _undecodable(self, exc: zlib.error) -> BodyError:
        coding = self._response.headers.get("content-encoding", "")
        return BodyError(self._response, f"the body does not decode as {coding!r} ({exc})")


class Collector:
    """Decoded pieces of one body, up to the cap."""

    __slots__ = ("_limit", "_pieces", "_response", "_size", "decoder")

    def __init__(self, response: httpx.Response) -> None:
        self._response = response
        self._limit = cap()
        self._pieces: list[bytes] = []
        self._size = 0
        self.decoder = Decoder(response)

    def add(self, raw: bytes) -> None:
        if self.decoder.identity:
            self._keep(raw)
            return
        for piece in self.decoder.feed(raw):
            self._keep(piece)

    def _keep(self, piece: bytes) -> None:
        self._size += len(piece)
        if self._size > self._limit:
            self._pieces.clear()
            raise too_large(self._response, self._limit)
        self._pieces.append(piece)

    def finish(self) -> bytes:
        """The whole decoded body; it becomes the response's ``content``."""
        for piece in self.decoder.finish():
            self._keep(piece)
        content = b"".join(self._pieces)
        self._pieces.clear()
        # httpx has no public way to attach a body read outside ``read()``; its own ``read()``
        # stores it in the same attribute, so ``.content``, ``.text`` and ``.json()`` work.
        self._response._content = content
        return content


def preread(response: httpx.Response, limit: int | None) -> bool:
    """Whether the body is already in memory (in-process transports), checked against ``limit``.

    Raises:
        BodyError: An in-memory body over ``limit``.
    """
    if not response.is_stream_consumed:  # cheaper than catching httpx.ResponseNotRead
        return False
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return False
    if limit is not None and len(content) > limit:
        raise too_large(response, limit)
    return True
