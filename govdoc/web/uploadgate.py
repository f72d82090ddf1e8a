"""Only users who may add files use the page's upload route.

gradio's ``/gradio_api/upload`` stores whatever it is sent in its temporary folder, until the server
restarts, for any signed-in user: a reader could fill the server's disk with it, though no page of
theirs takes a file. `UploadGate` refuses that route (403) to users who may neither upload documents
nor run an evaluation with their own test set: readers, and editors of no knowledge base. Each refusal
is in the audit log (``upload_refused``), as the service's own refusals are.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from govdoc.accounts import Principal
from govdoc.asgi import refuse
from govdoc.audit import AuditLog
from govdoc.web.filerefs import UPLOAD_ROUTE

REFUSED = "你没有上传文件的权限，请联系管理员"


class UploadGate:
    """ASGI middleware below the login gate: the page's upload route is for those who may add files.

    Args:
        app: the wrapped app.
        may_upload: whether a principal may add documents or upload a test set.
        audit: where refusals of a signed-in user are recorded; None records nothing.
    """

    def __init__(
        self, app: ASGIApp, *, may_upload: Callable[[Principal], bool], audit: AuditLog | None = None
    ) -> None:
        self.app = app
        self.may_upload = may_upload
        self.audit = audit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").rstrip("/") == UPLOAD_ROUTE:
            who = scope.get("state", {}).get("principal")
            if not isinstance(who, Principal) or not self.may_upload(who):
                if isinstance(who, Principal) and self.audit is not None:
                    client = scope.get("client") or ("", 0)
                    self.audit.record(who.name, "upload_refused", "网页上传", REFUSED, client=str(client[0]))
                await refuse(403, REFUSED, scope, receive, send)
                return
        await self.app(scope, receive, send)
