"""Only users who may add files use the page's upload route, and only while its folder has room.

gradio's ``/gradio_api/upload`` stores whatever it is sent in its temporary folder, for any signed-in
user: a reader could fill the server's disk with it, though no page of theirs takes a file. `UploadGate`
refuses that route (403) to users who may neither upload documents nor run an evaluation with their own
test set: readers, and editors of no knowledge base. Each refusal is in the audit log
(``upload_refused``), as the service's own refusals are.

What gradio bounds itself is left to it (`govdoc.web.page.mount_options`): a file over ``ui.upload_max_mb``
is refused and removed as it arrives (``max_file_size``), and a file not imported is deleted after an
hour (``delete_cache``). gradio has no bound on the folder as a whole, nor on the files of one request
(up to 1,000): `UploadCache` refuses an upload (507) whose declared size would take the folder past
``ui.upload_cache_max_mb``, and one that would take a user other than an administrator past half of it
(`USER_SHARE`, counting the files of theirs still there, which `govdoc.web.filegrants.FileGrants` knows):
one editor's uploads do not block everyone else's. gradio's own refusal of a file too large is English;
it is put in Chinese here.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govdoc.accounts import Principal
from govdoc.asgi import MIB, refuse
from govdoc.audit import AuditLog
from govdoc.web.filerefs import UPLOAD_ROUTE

REFUSED = "你没有上传文件的权限，请联系管理员"
USER_SHARE = 0.5  # of the folder's bound, what one user other than an administrator may hold in it


class UploadCache:
    """The page's upload folder, bounded as a whole: room is reserved for each upload while it arrives.

    Args:
        folder: gradio's upload folder (``gradio.utils.get_upload_folder()``).
        max_bytes: what the folder may hold at most, uploads arriving included.
        owned: the paths of the files handed to a user (their uploads); without it no user has a share.
    """

    def __init__(self, folder: Path, max_bytes: int, owned: Callable[[str], Iterable[str]] | None = None) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.owned = owned
        self._reserved = 0
        self._reserved_by: Counter[str] = Counter()
        self._lock = threading.Lock()

    def used(self) -> int:
        """Bytes in the folder now (links not followed)."""
        total = 0
        for root, _, files in os.walk(self.folder):
            for name in files:
                try:
                    total += os.lstat(os.path.join(root, name)).st_size
                except OSError:  # removed meanwhile (gradio's own clean-up)
                    continue
        return total

    def held_by(self, user: str) -> int:
        """Bytes of ``user``'s files in the folder now."""
        if self.owned is None:
            return 0
        root = os.path.realpath(self.folder) + os.sep
        total = 0
        for path in self.owned(user):
            if path.startswith(root):
                try:
                    total += os.lstat(path).st_size
                except OSError:  # imported and removed, or pruned
                    continue
        return total

    def reserve(self, size: int, user: str | None = None) -> str:
        """Take room for ``size`` bytes of ``user``'s (None: an administrator's, who has no share of their
        own); empty when taken, else what is full: "folder", or "share" when the user's own share is."""
        with self._lock:
            if self.used() + self._reserved + size > self.max_bytes:
                return "folder"
            mine = 0 if user is None else self.held_by(user) + self._reserved_by[user]
            if user is not None and self.owned is not None and mine + size > self.max_bytes * USER_SHARE:
                return "share"
            self._reserved += size
            if user is not None:
                self._reserved_by[user] += size
            return ""

    def release(self, size: int, user: str | None = None) -> None:
        """Give back room `reserve` took (the upload is now in the folder, or refused)."""
        with self._lock:
            self._reserved -= size
            if user is not None:
                self._reserved_by[user] -= size
                if self._reserved_by[user] <= 0:
                    del self._reserved_by[user]


class UploadGate:
    """ASGI middleware below the login gate: the page's upload route is for those who may add files.

    Args:
        app: the wrapped app.
        may_upload: whether a principal may add documents or upload a test set.
        audit: where refusals of a signed-in user are recorded; None records nothing.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        may_upload: Callable[[Principal], bool],
        audit: AuditLog | None = None,
        cache: UploadCache | None = None,
        file_max_bytes: int | None = None,
    ) -> None:
        self.app = app
        self.may_upload = may_upload
        self.audit = audit
        self.cache = cache
        self.file_max_bytes = file_max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").rstrip("/") == UPLOAD_ROUTE:
            who = scope.get("state", {}).get("principal")
            if not isinstance(who, Principal) or not self.may_upload(who):
                if isinstance(who, Principal) and self.audit is not None:
                    client = scope.get("client") or ("", 0)
                    self.audit.record(who.name, "upload_refused", "网页上传", REFUSED, client=str(client[0]))
                await refuse(403, REFUSED, scope, receive, send)
                return
            await self._upload(scope, receive, send, None if who.is_admin else who.name)
            return
        await self.app(scope, receive, send)

    async def _upload(self, scope: Scope, receive: Receive, send: Send, user: str | None) -> None:
        """Pass an upload on to gradio when the folder has room for it, its refusals put in Chinese."""
        if self.cache is None:
            await self.app(scope, receive, _chinese_too_large(send, self.file_max_bytes))
            return
        declared = dict(scope.get("headers", ())).get(b"content-length", b"")
        if not declared.isdigit():  # a browser always says how much it sends; room is reserved by it
            await refuse(411, "上传请求缺少文件大小，请用网页上传", scope, receive, send, close=True)
            return
        size = int(declared)
        full = self.cache.reserve(size, user)
        if full:
            limit = self.cache.max_bytes / MIB
            if full == "share":
                message = (
                    f"你上传而尚未导入的文件已占满每人可用的暂存空间（{limit * USER_SHARE:g} MB）："
                    "请先导入已上传的文件，或过一小时再试"
                )
            else:
                message = f"服务器的上传暂存空间已满（上限 {limit:g} MB）：请先导入已上传的文件，或过一小时再试"
            await refuse(507, message, scope, receive, send, close=True)
            return
        try:
            await self.app(scope, receive, _chinese_too_large(send, self.file_max_bytes))
        finally:
            self.cache.release(size, user)


def _chinese_too_large(send: Send, file_max_bytes: int | None) -> Send:
    """``send`` with gradio's English 413 ("File size exceeded maximum allowed size of … bytes.") in Chinese."""
    state = "passing"  # "refused": gradio's 413 began; "replaced": the Chinese one is sent

    async def sending(message: Message) -> None:
        nonlocal state
        if state == "passing" and message["type"] == "http.response.start" and message["status"] == 413:
            state = "refused"
            return
        if state == "refused" and message["type"] == "http.response.body":
            limit = f"{file_max_bytes / MIB:g} MB" if file_max_bytes else "上限"
            body = f"文件过大：单个文件不能超过 {limit}".encode()
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 413, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            state = "replaced"
            return
        if state == "passing":
            await send(message)

    return sending
