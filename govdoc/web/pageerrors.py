"""Error answers of the page's routes in Chinese.

gradio and the FastAPI app it is mounted in answer a bad request on the page's routes in English: "Not
Found", "Method Not Allowed", "Upload not found", "Invalid content type.", "This URL cannot be proxied.",
or FastAPI's list of the fields a body lacks (which also echoes the body). `PageErrors` replaces every such
error answer (status 400 or above) whose message names nothing in Chinese with the page's own Chinese one
for its status, as {"error", "detail"}. An answer already in Chinese (the guards' refusals, the login page,
an export's "找不到这条回答") is left as it is. The page is mounted at ``/``, so gradio also answers a path
under ``/api`` or ``/v1`` that names no route of the API's: that answer becomes the API's own error
(`govdoc.api.errors.http_error`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from starlette.routing import BaseRoute, Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govdoc.api.errors import error_response, http_error, is_api_path
from govdoc.asgi import refuse

HELD_MAX = 64 * 1024  # an error answer longer than this is passed on as it is (none of gradio's is)
_HAN = re.compile(r"[\u3400-\u9fff]")
MESSAGES = {
    400: "请求内容无效，请刷新页面后重试",
    401: "请先登录",
    403: "没有权限进行这个操作",
    404: "页面不存在",
    405: "不支持这种请求方式",
    413: "请求体过大",
    422: "请求内容无效，请刷新页面后重试",
    429: "请求过多，请稍后再试",
}
OTHER_REFUSAL = "请求无法处理，请刷新页面后重试"
SERVER_ERROR = "服务出错，请稍后再试；详情见服务日志"


def message_for(status: int) -> str:
    """The page's Chinese message for an error of ``status``."""
    if status >= 500:
        return SERVER_ERROR
    return MESSAGES.get(status, OTHER_REFUSAL)


def says_chinese(text: str) -> bool:
    """Whether a message for the user says something in Chinese (else it is a framework's own English)."""
    return _HAN.search(text) is not None


def in_chinese(body: bytes) -> bool:
    """Whether an error answer's message names something in Chinese: a JSON body's ``error`` or ``detail``
    text, else the whole text."""
    text = body.decode("utf-8", errors="replace")
    try:
        payload = json.loads(text)
    except ValueError:
        return says_chinese(text)
    if not isinstance(payload, dict):
        return False
    said = [payload.get("error"), payload.get("detail")]
    said += [v.get("message") for v in said if isinstance(v, dict)]  # the API's {"error": {"message": …}}
    return any(isinstance(s, str) and says_chinese(s) for s in said)


class PageErrors:
    """ASGI middleware around the page (and the API beside it): English error answers become Chinese ones.

    Args:
        app: the wrapped app.
        routes: the app's own routes (the API's), so that a path the API serves by another method is
            answered 405, not the 404 gradio gives it from under ``/``.
    """

    def __init__(self, app: ASGIApp, *, routes: Sequence[BaseRoute] = ()) -> None:
        self.app = app
        self.routes = [r for r in routes if not isinstance(r, Mount)]  # the page's mount answers every path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") == "HEAD":
            await self.app(scope, receive, send)
            return
        start: Message | None = None
        held: list[bytes] = []
        size = 0
        passing = True

        async def sending(message: Message) -> None:
            nonlocal start, size, passing
            if message["type"] == "http.response.start":
                passing = message["status"] < 400
                if passing:
                    await send(message)
                else:
                    start = message
                return
            if passing or message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            held.append(message.get("body", b""))
            size += len(held[-1])
            more = message.get("more_body", False)
            if size > HELD_MAX:  # not an answer of gradio's: pass it on as it came
                passing = True
                await send(start)
                await send({"type": "http.response.body", "body": b"".join(held), "more_body": more})
                return
            if more:
                return
            body = b"".join(held)
            if in_chinese(body):
                await send(start)
                await send({"type": "http.response.body", "body": body, "more_body": False})
                return
            status = int(start["status"])
            kept = [(k, v) for k, v in start.get("headers", []) if k.lower() in _KEPT_HEADERS]

            async def replacing(replaced: Message) -> None:
                if replaced["type"] == "http.response.start":
                    replaced["headers"] = [*replaced.get("headers", []), *kept]
                await send(replaced)

            path, method = scope.get("path", ""), scope.get("method", "GET")
            if status == 404 and is_api_path(path) and any(r.matches(scope)[0] is not Match.NONE for r in self.routes):
                status = 405  # /v1/chat/completions asked by GET: the API has the path, for another method
            if is_api_path(path):
                await error_response(http_error(status, path, method, message_for(status)))(scope, receive, replacing)
            else:
                await refuse(status, message_for(status), scope, receive, replacing)

        await self.app(scope, receive, sending)


# Headers of the English answer that still hold for the Chinese one (the others described its body).
_KEPT_HEADERS = frozenset({b"allow", b"www-authenticate", b"retry-after", b"connection", b"set-cookie",
                           b"x-frame-options", b"content-security-policy", b"vary"})
