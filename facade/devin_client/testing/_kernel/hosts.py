"""Which hosts are this machine: loopback names and addresses, for the admin API's guard, the
``--host`` warning and presigned URLs' other origin."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

__all__ = ["hostname_of", "is_loopback", "other_origin_host", "same_host"]


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an IP literal, brackets allowed) always means this machine.

    ``localhost`` and ``*.localhost`` (RFC 6761: never sent to DNS), ``127.0.0.0/8``, ``::1``
    and ``::ffff:127.x.y.z``.
    """
    name = host.lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    ip = _ip(name)
    if ip is None:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return bool(ip.is_loopback or (mapped is not None and mapped.is_loopback))


def same_host(a: str, b: str) -> bool:
    """Whether two hosts are spelled the same, IP literals compared as addresses."""
    ip_a, ip_b = _ip(a), _ip(b)
    if ip_a is not None or ip_b is not None:
        return ip_a == ip_b
    return a.lower().rstrip(".") == b.lower().rstrip(".")


def hostname_of(authority: str) -> str | None:
    """The host of a ``Host`` header or of a URL's authority (``h``, ``h:port``, ``[v6]:port``).

    Returns:
        The host without brackets, or ``None`` when it cannot be parsed.
    """
    try:
        host = urlsplit("//" + authority).hostname
    except ValueError:
        return None
    return host or None


def other_origin_host(host: str) -> str | None:
    """Another spelling of the same host that HTTP clients treat as another origin.

    ``127.0.0.1`` <-> ``localhost``; an IPv6 literal (``::1``) <-> its fully written form
    (``0:0:0:0:0:0:0:1``): the same address, but clients compare origins as text, so a
    presigned URL there is a cross-origin redirect, as S3 is from the API.

    Returns:
        The other host, bracketed if it is an IPv6 literal, or ``None`` when ``host`` is not
        one of these.
    """
    name = host.lower().strip("[]")
    if name == "localhost":
        return "127.0.0.1"
    ip = _ip(name)
    if ip is None:
        return None
    if ip.version == 6:
        other = ip.exploded if name == ip.compressed else ip.compressed
        # exploded keeps leading zeros ("0000:..."); write each group short but in full.
        if other == ip.exploded:
            other = ":".join(f"{int(group, 16):x}" for group in ip.exploded.split(":"))
        return f"[{other}]"
    if name == "127.0.0.1":
        return "localhost"
    return None
