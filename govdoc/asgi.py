"""Request bodies in ASGI middleware: read up to a limit, drop the rest, hand the body on to the app;
and the JSON refusal such middleware answers with."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import Message, Receive, Scope, Send

MIB = 1024 * 1024
DRAIN_MAX = 256 * MIB  # past this, an oversized body is not read to its end before answering 413


async def read_body(receive: Receive, limit: int) -> tuple[bytes, bool]:
    """The request body, or (b"", True) once it exceeds ``limit`` (the rest is drained)."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            if message.get("more_body", False):
                await drain(receive, size)
            return b"", True
        parts.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(parts), False


async def drain(receive: Receive, already: int) -> None:
    """Read and drop the rest of a refused body, so the client gets to read the 413 answer."""
    seen = already if already <= DRAIN_MAX else DRAIN_MAX
    while seen < DRAIN_MAX:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later calls wait for the disconnect, as the server's own would

    return replay


async def refuse(status: int, message: str, scope: Scope, receive: Receive, send: Send, *, close: bool = False) -> None:
    """Answer ``status`` with ``message`` as {"error", "detail"}; ``close`` ends the connection after it
    (when the request's body was not read to its end)."""
    headers = {"Connection": "close"} if close else None
    response = JSONResponse({"error": message, "detail": message}, status_code=status, headers=headers)
    await response(scope, receive, send)
