"""Which forwarded headers are believed: the one place that decides it.

A reverse proxy (nginx, Caddy) tells the server who the client is (``X-Forwarded-For``), whether it spoke
HTTPS (``X-Forwarded-Proto``) and, sometimes, which name it used (``X-Forwarded-Host``). Anyone on the LAN
can send those headers too, so they are believed only from an address the operator named in
``ui.trusted_proxies`` (default: none). From any other peer they are removed before anything below sees
them: the login gate's cross-site check then compares Origin with the Host the browser addressed, and
gradio builds its links from that Host too.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

FORWARDED = frozenset({b"x-forwarded-for", b"x-forwarded-proto", b"x-forwarded-host", b"x-forwarded-port", b"forwarded"})


class ForwardedHeaders:
    """ASGI middleware, outermost: apply a trusted proxy's forwarded headers, drop anyone else's.

    From a trusted proxy the client address is the last entry of ``X-Forwarded-For`` (the one that
    proxy added), the scheme is ``X-Forwarded-Proto`` and the Host is ``X-Forwarded-Host`` when sent.

    Args:
        app: the wrapped app.
        trusted: addresses of the reverse proxies whose forwarded headers are believed.
    """

    def __init__(self, app: ASGIApp, *, trusted: Iterable[str]) -> None:
        self.app = app
        self.trusted = frozenset(trusted)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        peer = scope.get("client")
        headers = list(scope.get("headers", ()))
        forwarded = {k.lower(): v.decode("latin-1").strip() for k, v in headers if k.lower() in FORWARDED}
        kept = [(k, v) for k, v in headers if k.lower() not in FORWARDED]
        scope = dict(scope)
        if peer and peer[0] in self.trusted:
            client = forwarded.get(b"x-forwarded-for", "").rsplit(",", 1)[-1].strip()
            if client:
                scope["client"] = (client, 0)
            proto = forwarded.get(b"x-forwarded-proto", "").rsplit(",", 1)[-1].strip().lower()
            if proto in ("http", "https"):
                websocket = scope["type"] == "websocket"
                scope["scheme"] = {"http": "ws", "https": "wss"}[proto] if websocket else proto
            host = forwarded.get(b"x-forwarded-host", "").rsplit(",", 1)[-1].strip()
            if host:
                kept = [(k, v) for k, v in kept if k.lower() != b"host"] + [(b"host", host.encode("latin-1"))]
            kept += [(k, v.encode("latin-1")) for k, v in forwarded.items()]  # for the log and for gradio
        scope["headers"] = kept
        await self.app(scope, receive, send)
