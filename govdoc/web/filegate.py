"""gradio's file route serves a file only to the user it was handed to, or to a reader of the document it is.

gradio serves ``/gradio_api/file=PATH`` for any file in its upload folder to whoever asks: with
accounts, a signed-in user who learnt the path of another user's upload (or of the Word file drafted
for them) could fetch it, though they may not read the knowledge base it went into. `FileGate` records
which user each file path was handed to (a path in an answer of gradio's routes to that user: the
upload route's list, an event's output as it streams) and serves a path in gradio's folders only to:

- a user it was handed to (the uploader, the user whose draft it is);
- a user who may read an indexed file with the same content (a reader of the base an upload went into).

Everyone else, whether or not the file exists, gets the same refusal (403), as does any path outside
those folders (gradio's own refusal is English and tells an existing server file from a missing one;
the page serves nothing from elsewhere); a URL is never fetched.
The same record tells `govdoc.web.filerefs.FileRefGuard` whose uploads an event may name. Without
accounts there is one local user, and nothing to keep apart.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govdoc.accounts import Principal
from govdoc.asgi import refuse
from govdoc.web.filegrants import FileGrants, real_path
from govdoc.web.filerefs import GRADIO_PREFIX, UPLOAD_ROUTE, file_refs

FILE_ROUTES = ("/gradio_api/file=", "/gradio_api/file/")
REFUSED = "你没有查看这个文件的权限"
NO_LINKS = "只能查看本服务器上的文件"
LINE_MAX = 8 * 1024 * 1024  # a streamed message longer than this is not scanned (an event's output is far smaller)


def gradio_folders() -> list[Path]:
    """The folders gradio's file route serves from: its upload folder and its examples cache, resolved."""
    from gradio.utils import get_cache_folder, get_upload_folder

    return [Path(get_upload_folder()).resolve(), Path(os.path.abspath(get_cache_folder())).resolve()]


def paths_in(payload: Any, *, listing: bool = False) -> list[str]:
    """The file paths an answer of gradio's routes hands out: the ``path`` of every file reference inside
    (an event's output), or with ``listing`` a list of strings (the upload route's answer)."""
    if listing and isinstance(payload, list) and all(isinstance(p, str) for p in payload):
        return list(payload)
    return [p for p in file_refs(payload) if isinstance(p, str)]


class _Scanner:
    """Reads an answer's body as it goes out and grants the paths it names to the user it goes to."""

    def __init__(self, grants: FileGrants, user: str, stream: bool, listing: bool) -> None:
        self.grants, self.user, self.stream, self.listing = grants, user, stream, listing
        self.buffer = b""
        self.skipping = False

    def feed(self, chunk: bytes, last: bool) -> None:
        self.buffer += chunk
        if not self.stream:
            if len(self.buffer) > LINE_MAX:
                self.buffer, self.skipping = b"", True
            if last and not self.skipping:
                self._scan(self.buffer)
            return
        *lines, self.buffer = self.buffer.split(b"\n")
        if last:
            lines.append(self.buffer)
        for line in lines:
            if line.startswith(b"data:"):
                self._scan(line[5:])
        if len(self.buffer) > LINE_MAX:
            self.buffer = b""

    def _scan(self, text: bytes) -> None:
        try:
            payload = json.loads(text)
        except (ValueError, RecursionError):
            return
        found = paths_in(payload, listing=self.listing)
        if found:
            self.grants.grant(self.user, found)


class FileGate:
    """ASGI middleware below the login gate: gradio's files only for the users they belong to.

    Args:
        app: the wrapped app.
        grants: the record of who was handed which file (shared with `FileRefGuard`).
        may_read: whether a principal may read an indexed file with the content of this path.
        folders: the folders to guard (default: gradio's, `gradio_folders`).
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        grants: FileGrants,
        may_read: Callable[[Principal, Path], bool],
        folders: Callable[[], list[Path]] = gradio_folders,
    ) -> None:
        self.app = app
        self.grants = grants
        self.may_read = may_read
        self.folders = folders

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        who = scope.get("state", {}).get("principal") if scope["type"] == "http" else None
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not isinstance(who, Principal) or who.via == "local" or not path.startswith(GRADIO_PREFIX):
            await self.app(scope, receive, send)
            return
        route = next((r for r in FILE_ROUTES if path.startswith(r)), None)
        if route is not None:
            problem = self._problem(who, path[len(route) :])
            if problem:
                await refuse(403, problem, scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        listing = path.rstrip("/") == UPLOAD_ROUTE
        await self.app(_plain(scope), receive, self._granting(send, who.name, listing))

    def _problem(self, who: Principal, asked: str) -> str | None:
        """Why ``who`` may not have the file ``asked``; None when gradio may serve it."""
        if "://" in asked or asked.startswith(("data:", "//")):
            return NO_LINKS
        absolute, real = os.path.abspath(asked), real_path(asked)
        inside = real is not None and all(
            any(Path(p).is_relative_to(root) for root in self.folders()) for p in (absolute, real)
        )
        if not inside:
            return REFUSED
        if self.grants.handed(who.name, asked):
            return None
        if real is not None and os.path.isfile(real) and self.may_read(who, Path(real)):
            return None
        return REFUSED

    def _granting(self, send: Send, user: str, listing: bool) -> Send:
        scanner: _Scanner | None = None

        async def granting(message: Message) -> None:
            nonlocal scanner
            if message["type"] == "http.response.start":
                headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in message.get("headers", [])}
                kind = headers.get("content-type", "")
                if "json" in kind or "event-stream" in kind:
                    scanner = _Scanner(self.grants, user, "event-stream" in kind, listing)
            elif message["type"] == "http.response.body" and scanner is not None:
                scanner.feed(message.get("body", b""), not message.get("more_body", False))
            await send(message)

        return granting


def _plain(scope: Scope) -> Scope:
    """``scope`` asking for an uncompressed answer (gradio compresses, and the gate reads the answer)."""
    headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]
    return {**scope, "headers": headers}
