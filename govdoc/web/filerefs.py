"""File references on the page's event routes: only files that a browser uploaded are accepted.

gradio's event API (``/gradio_api/queue/join``, ``/run``, ``/call``) takes a file as a reference
``{"path": ...}`` to a file on the server. gradio checks that such a path lies in its upload folder
only when the page was started with ``launch()``; a page mounted in a FastAPI app (as govdoc's is)
skipped the check, so a request naming any readable server file had it copied, indexed and answered
from. `FileRefGuard` checks every reference before gradio sees the request: the path must be one
that gradio's upload route returned in this process (``Blocks.upload_file_set``), and must resolve
inside the upload folder. Anything else is refused with 400 and never opened.

The upload folder's sub-folders are named by a hash of the content seeded with a secret of this
installation (gradio's hash_seed.txt), so the path of one browser's upload cannot be guessed by
another who does not already hold the same content. With accounts, a path must moreover have been
handed to the user who names it (`govdoc.web.filegrants.FileGrants`): one who learnt another user's
path cannot have that file read into a base of their own.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.types import ASGIApp, Receive, Scope, Send

from govdoc.accounts import Principal
from govdoc.asgi import read_body, refuse, replay

if TYPE_CHECKING:
    from govdoc.web.filegrants import FileGrants

GRADIO_PREFIX = "/gradio_api/"
UPLOAD_ROUTE = "/gradio_api/upload"
EVENT_BODY_MAX = 1024 * 1024  # an event's inputs are text and file references, never file contents


class FileRefError(ValueError):
    """A file reference that does not name a file uploaded through the page."""


def upload_folder() -> Path:
    """gradio's upload folder (``GRADIO_TEMP_DIR``, else ``<tmp>/gradio``), resolved."""
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


def check_uploaded(path: str, uploaded: Callable[[], set[str]] | None = None) -> Path:
    """The resolved path of a file a browser uploaded, or FileRefError.

    Args:
        path: the path as the client sent it (or as gradio handed it to an event handler).
        uploaded: the paths gradio's upload route has returned; None skips that membership check
            (an event handler receives gradio's own copy of the upload, not the path sent).

    Raises:
        FileRefError: a URL, a path outside the upload folder, a link, or a file never uploaded.
    """
    if not isinstance(path, str) or not path or "://" in path or path.startswith("data:"):
        raise FileRefError("文件引用无效：只接受通过网页上传的文件")
    root = upload_folder()
    try:
        real = Path(os.path.realpath(path))
    except (OSError, ValueError) as exc:
        raise FileRefError("文件引用无效：只接受通过网页上传的文件") from exc
    if not real.is_relative_to(root) or real == root or Path(path).is_symlink():
        raise FileRefError("文件引用无效：只接受通过网页上传的文件")
    if uploaded is not None and path not in uploaded() and str(real) not in uploaded():
        raise FileRefError("文件引用无效：该文件不是通过网页上传的")
    return real


def file_refs(value: Any) -> Iterator[str]:
    """Every ``path`` of a file reference (a JSON object with a ``path`` key) inside an event payload."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if "path" in item:  # gradio follows FileData objects; any object with a path is checked
                yield item["path"]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


class FileRefGuard:
    """ASGI middleware on gradio's event routes: refuse any file reference that was not uploaded.

    Args:
        app: the wrapped app.
        uploaded: returns the set of paths gradio's upload route has handed out.
        grants: who each path was handed to; with it, a signed-in user (not the one local user) may
            name only paths handed to them.
    """

    def __init__(self, app: ASGIApp, *, uploaded: Callable[[], set[str]], grants: FileGrants | None = None) -> None:
        self.app = app
        self.uploaded = uploaded
        self.grants = grants

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope.get("method") != "POST"
            or not path.startswith(GRADIO_PREFIX)
            or path.rstrip("/") == UPLOAD_ROUTE
        ):
            await self.app(scope, receive, send)
            return
        body, over = await read_body(receive, EVENT_BODY_MAX)
        if over:
            await refuse(413, "请求体过大", scope, receive, send, close=True)
            return
        who = scope.get("state", {}).get("principal")
        problem = self._problem(body, who if isinstance(who, Principal) and who.via != "local" else None)
        if problem:
            await refuse(400, problem, scope, receive, send, close=True)
            return
        await self.app(scope, replay(body, receive), send)

    def _problem(self, body: bytes, who: Principal | None) -> str | None:
        if not body.strip():
            return None
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            return None  # not JSON: gradio answers it; there is no file reference to follow
        try:
            for ref in file_refs(payload):
                check_uploaded(ref, self.uploaded)
                if who is not None and self.grants is not None and not self.grants.handed(who.name, ref):
                    raise FileRefError("文件引用无效：该文件不是你上传的")
        except FileRefError as exc:
            return str(exc)
        return None

