"""Request guards of the HTTP API: body size, CORS for API clients, and the concurrency slots."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import StreamingResponse
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govdoc.api.errors import ApiError, error_response, is_api_path
from govdoc.asgi import MIB, drain, read_body, replay

if TYPE_CHECKING:
    from govdoc.accounts import Principal

log = logging.getLogger("govdoc.api")
T = TypeVar("T")

JSON_BODY_MAX = 1 * MIB  # chat, ask and draft requests are small
MULTIPART_OVERHEAD = 1 * MIB  # form boundaries and fields around an uploaded file
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Browser-based clients on this machine (desktop apps, local web UIs) may call the API without a key.
# "null" is not among them: it is also the origin of any site's sandboxed frame.
LOCAL_ORIGINS = r"^(https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?|file://.*|app://.*|tauri://.*)$"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})



# ----------------------------------------------------------------------------- guard: key and body size


class ApiGuard:
    """ASGI middleware for ``/v1`` and ``/api``: cap the request body (who is asking is `govdoc.api.auth`'s).

    The body is read here (up to its limit) and replayed to the app, so an oversized request is
    answered 413 before any handler runs and nothing of it is stored.
    """

    def __init__(self, app: ASGIApp, *, body_limit: Callable[[str], int]) -> None:
        self.app = app
        self.body_limit = body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_api_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v for k, v in scope.get("headers", ())}
        limit = self.body_limit(scope["path"])
        too_large = ApiError(413, f"请求体过大：上限为 {_size_label(limit)}", "request_too_large")
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await drain(receive, int(declared))
            await error_response(too_large, {"Connection": "close"})(scope, receive, send)
            return
        body, over = await read_body(receive, limit)
        if over:
            await error_response(too_large, {"Connection": "close"})(scope, receive, send)
            return
        await self.app(scope, replay(body, receive), send)


class ApiCors:
    """CORS for the API paths, so browser-based chat clients can call ``/v1``; the web page's paths
    are shared with no other site.

    gradio allows any origin to read the page's routes (with credentials) whenever the server is
    reached by a name that is not a loopback one, as it is on a LAN. The page's answers are not kept
    from another site by that rule but by the session cookie (``SameSite=Strict``) alone; here they
    are kept by both: a page response to another site's request carries no ``Access-Control-Allow-*``
    header, so the browser does not hand it to that site. On a loopback name gradio's own rule (only
    loopback origins) stands while there are no accounts or keys (``local_apps``); with them, a page on
    another port of this machine is another site.
    """

    def __init__(self, app: ASGIApp, /, *, local_apps: bool = True, **origins: Any) -> None:
        self.app = app
        self.local_apps = local_apps
        self.cors = CORSMiddleware(app, allow_methods=["*"], allow_headers=["*"], **origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
        elif is_api_path(scope["path"]):
            await self.cors(scope, receive, send)
        elif _foreign_origin(Headers(scope=scope), self.local_apps):
            await self.app(scope, receive, _without_cors(send))
        else:
            await self.app(scope, receive, send)


def names_host(origin: str, host: str) -> bool:
    """Whether an Origin (or Referer) names the Host the browser addressed: this site, port and all."""
    return urlsplit(origin).netloc == host


def _foreign_origin(headers: Headers, local_apps: bool = True) -> bool:
    """Whether a request comes from another site's page: its Origin is neither the Host the browser
    addressed nor, when that Host is a loopback name and ``local_apps`` may use the page (no accounts or
    keys: the one local user), a loopback origin. With accounts, a page on another port of this machine is
    another site too: the browser sends it the user's cookie all the same."""
    origin = headers.get("origin")
    if origin is None:
        return False
    host = headers.get("host", "")
    if names_host(origin, host):
        return False
    return not (local_apps and re.match(LOCAL_ORIGINS, f"http://{host}") and re.match(LOCAL_ORIGINS, origin))


def _without_cors(send: Send) -> Send:
    """``send`` with the response's ``Access-Control-Allow-*`` headers removed."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [
                (k, v) for k, v in message.get("headers", []) if not k.lower().startswith(b"access-control-allow-")
            ]
        await send(message)

    return sending


def _size_label(limit: int) -> str:
    return f"{limit / MIB:.1f} MB" if limit >= MIB else f"{limit / 1024:.0f} KB"


# ----------------------------------------------------------------------------- concurrency slots


class Slots:
    """At most ``n`` answering requests at once, and at most ``per_user`` of them for one user; a request
    that finds none free (or its user already holding their share) is refused with 429 at once.

    A user is a name: their sessions and personal keys count together, and the keys of ``api.keys``
    count as one user. The one local user (no accounts, loopback only) has no share of their own: there
    is nobody else to keep slots for.
    """

    def __init__(self, n: int, per_user: int | None = None) -> None:
        self._semaphore = threading.BoundedSemaphore(n)
        self._lock = threading.Lock()
        self._held: dict[str, int] = {}
        self.size = n
        self.per_user = n if per_user is None else min(per_user, n)

    def try_acquire(self, who: Principal | None = None) -> ApiError | None:
        """Take a slot for ``who`` without waiting; the 429 refusal when none may be taken."""
        user = share_of(who)
        with self._lock:
            if user is not None and self._held.get(user, 0) >= self.per_user:
                return yours_busy(self.per_user)
            if not self._semaphore.acquire(blocking=False):
                return busy(self.size)
            if user is not None:
                self._held[user] = self._held.get(user, 0) + 1
        return None

    def release(self, who: Principal | None = None) -> None:
        """Give back a slot ``who`` took."""
        user = share_of(who)
        with self._lock:
            if user is not None:
                left = self._held.get(user, 0) - 1
                if left > 0:
                    self._held[user] = left
                else:
                    self._held.pop(user, None)
            self._semaphore.release()

    @contextmanager
    def hold(self, who: Principal | None = None) -> Iterator[None]:
        """Hold a slot for ``who`` for a block.

        Raises:
            ApiError: 429 when all slots are taken, or ``who`` holds their share already.
        """
        refused = self.try_acquire(who)
        if refused is not None:
            raise refused
        try:
            yield
        finally:
            self.release(who)


def share_of(who: Principal | None) -> str | None:
    """Whose share a request or a page event counts against (None: no share, see `Slots`)."""
    if who is None or who.via == "local":
        return None
    return who.name if who.via != "settings-key" else "\0settings-key"  # no account can be named so


def busy(size: int) -> ApiError:
    return ApiError(429, f"服务繁忙：已有 {size} 个请求正在处理，请稍后重试", "rate_limit_exceeded")


def yours_busy(share: int) -> ApiError:
    return ApiError(
        429, f"你已有 {share} 个请求正在处理，这是每位用户同时能处理的上限；请等前面的完成后再试", "rate_limit_exceeded"
    )


def once(fn: Callable[[], None]) -> Callable[[], None]:
    """``fn`` made safe to call several times: only the first call runs it."""
    lock = threading.Lock()
    done = False

    def call() -> None:
        nonlocal done
        with lock:
            if done:
                return
            done = True
        fn()

    return call


class SlotStream(StreamingResponse):
    """A streaming response that gives its slot back however the stream ends (done, error, disconnect).

    ``release`` must be safe to call twice (see `once`): the stream itself releases on completion.
    """

    def __init__(self, content: AsyncIterator[str], release: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self._release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._release()


