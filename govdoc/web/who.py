"""The principal of a page event: the same login the gate checked, read again from the event's request.

gradio hands an event handler the request of the call that queued it (headers and cookies); the
principal is decided from those by `govdoc.access.Access`, as for every other route.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import gradio as gr

from govdoc.accounts import Principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService


def principal(service: GovdocService, request: gr.Request | None) -> Principal:
    """Who sent this event.

    Raises:
        gr.Error: the login expired or was never there (the page asks to log in again).
    """
    headers = {str(k).lower(): str(v) for k, v in dict(getattr(request, "headers", {}) or {}).items()}
    cookies = {str(k): str(v) for k, v in dict(getattr(request, "cookies", {}) or {}).items()}
    who = service.access.principal(headers, cookies)
    if who is None:
        raise gr.Error("登录已失效，请刷新页面重新登录。")
    return who
