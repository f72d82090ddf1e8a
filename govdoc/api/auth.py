"""One login for every route: the page, gradio's own routes, ``/docs``, ``/openapi.json``, ``/v1`` and ``/api``.

`govdoc.access.Access` decides who is asking from a request's headers. Once any account or key
exists, no client is exempt, loopback included: behind a reverse proxy every LAN client arrives
from 127.0.0.1.

`AuthGate` is the ASGI middleware in front of the whole app. It serves ``/login`` and ``/logout``
itself, answers everything else without credentials with 401 (or a redirect to the login page for a
browser), refuses a cookie-authenticated write whose Origin is not this server (CSRF), and puts the
principal in ``scope["state"]["principal"]`` for the routes below it.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, quote

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govdoc import openai_compat as oa
from govdoc.access import COOKIE, Access, bearer
from govdoc.accounts import SESSION_SECONDS, Principal
from govdoc.api.guard import LOCAL_ORIGINS, names_host
from govdoc.asgi import read_body
from govdoc.audit import AuditLog
from govdoc.failures import FailureWindow

LOGIN_PATH = "/login"
LOGOUT_PATH = "/logout"
FORM_MAX = 8 * 1024
FAILURES_ALLOWED = 10  # failed logins for one name from one address within FAILURE_WINDOW_S, then 429
ADDRESS_FAILURES_ALLOWED = 100  # failed logins from one address for any names: guessing across names
FAILURE_WINDOW_S = 600
FAILURE_KEYS_KEPT = 10_000  # (address, name) pairs remembered; past it, those with no recent failure go
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PASSWORD_CHANGED = "密码已修改，所有登录已退出。请用新密码登录。"


def principal_of(scope: Scope) -> Principal:
    """The principal `AuthGate` put on a request (routes below the gate only)."""
    found = scope.get("state", {}).get("principal")
    if not isinstance(found, Principal):
        raise PermissionError("request did not pass the login gate")
    return found


class AuthGate:
    """ASGI middleware: every request passes here first (see the module docstring).

    Args:
        app: the whole app (API and page).
        access: decides who is asking.
        audit: records logins, failed logins and logouts.
    """

    def __init__(self, app: ASGIApp, *, access: Access, audit: AuditLog) -> None:
        self.app = app
        self.access = access
        self.audit = audit
        self._failures = FailureWindow(FAILURE_WINDOW_S, FAILURE_KEYS_KEPT)
        # A password check (argon2) takes a fraction of a second of CPU: it runs off the event loop, so that
        # a stream of logins does not stall every other request, and one at a time, so that it queues
        # only logins behind it.
        self._checks = ThreadPoolExecutor(max_workers=1, thread_name_prefix="govdoc-login")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", ())}
        cookies = _cookies(headers.get("cookie", ""))
        path = scope.get("path", "")
        method = scope.get("method", "GET")
        if path == LOGIN_PATH:
            await self._login(scope, receive, send, headers, method)
            return
        if path == LOGOUT_PATH:
            # A cookie goes along with any page's request to this host, one on another port included: only
            # this site's own page signs out at once; any other way here is asked first.
            if _same_origin(headers):
                await self._logout(scope, send, headers, cookies)
            elif method == "POST":
                await _json(send, 403, "请求来源与本站不符，已拒绝（跨站请求）")
            else:
                await _html(send, 200, logout_page())
            return
        who = self.access.principal(headers, cookies)
        if who is not None and who.via == "local" and not _loopback_host(headers):
            # No accounts, loopback only: a page whose name resolves here (DNS rebinding) is not this server.
            await _json(send, 403, "未设置账号和密钥时只接受以 127.0.0.1 或 localhost 访问")
            return
        if who is None:
            await _refuse_anonymous(scope, send, headers, path)
            return
        if method in UNSAFE_METHODS and not _write_allowed(who, headers):
            await _json(send, 403, "请求来源与本站不符，已拒绝（跨站请求）")
            return
        scope.setdefault("state", {})["principal"] = who
        await self.app(scope, receive, _not_framed_elsewhere(send) if scope["type"] == "http" else send)

    # -- login and logout ------------------------------------------------------------------
    async def _login(self, scope: Scope, receive: Receive, send: Send, headers: dict[str, str], method: str) -> None:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        target = _safe_next(query.get("next", ["/"])[0])
        if method != "POST":
            # The page sends here after a password change, which ended every login (`govdoc.web.users`).
            said = PASSWORD_CHANGED if query.get("changed") else ""
            await _html(send, 200, login_page(target, "", keys_only=not self.access.accounts.has_users(), said=said))
            return
        if not _same_origin(headers):
            await _json(send, 403, "请求来源与本站不符，已拒绝（跨站请求）")
            return
        client = _client(scope)
        body, _ = await read_body(receive, FORM_MAX)
        form = parse_qs(body.decode("utf-8", errors="replace"))
        name = form.get("username", [""])[0].strip()
        secret = form.get("password", [""])[0]
        target = _safe_next(form.get("next", [target])[0])
        # Failures count per name and address, so that one guesser behind an office's shared address
        # does not lock out everyone there; guessing across many names from one address is capped too.
        if self._locked_out(client, name):
            await _html(send, 429, login_page(target, "登录失败次数过多，请 10 分钟后再试。", keys_only=False))
            return
        loop = asyncio.get_running_loop()
        signed = await loop.run_in_executor(self._checks, self._signed_in, name, secret) if secret else None
        if signed is None:
            self._fail(client, name)
            self.audit.record(name or "（密钥）", "login_failed", client=client)
            keys_only = not self.access.accounts.has_users()
            message = "用户名或密码不正确。" if not keys_only else "密钥不正确。"
            await _html(send, 401, login_page(target, message, keys_only, name=name))
            return
        who, token = signed
        self.audit.record(who.name, "login", client=client)
        secure = "; Secure" if _https(scope) else ""
        cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/; Max-Age={SESSION_SECONDS}{secure}"
        await _redirect(send, target, [("set-cookie", cookie)])

    async def _logout(self, scope: Scope, send: Send, headers: dict[str, str], cookies: dict[str, str]) -> None:
        token = cookies.get(COOKIE, "")
        who = self.access.session_principal(token)
        if token:
            self.access.accounts.close_session(token)
        if who is not None:
            self.audit.record(who.name, "logout", client=_client(scope))
        expired = f"{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"
        await _redirect(send, LOGIN_PATH, [("set-cookie", expired)])

    def _signed_in(self, name: str, secret: str) -> tuple[Principal, str] | None:
        """Check a login form (`Access.login`) and open its session's token; None when it does not check out.
        Run in the password checks' own thread (``_checks``)."""
        who = self.access.login(name, secret)
        if who is None:
            return None
        return who, self.access.accounts.open_session(self.access.session_user(who, secret))

    def _locked_out(self, client: str, name: str) -> bool:
        """Whether logins for ``name`` from ``client`` are refused for now: too many recent failures for
        that name from that address, or for any names from it."""
        return self._failures.count((client, name)) >= FAILURES_ALLOWED or (
            self._failures.count((client, None)) >= ADDRESS_FAILURES_ALLOWED
        )

    def _fail(self, client: str, name: str) -> None:
        self._failures.add([(client, name), (client, None)])


def login_page(target: str, message: str, keys_only: bool, name: str = "", said: str = "") -> str:
    """The Chinese login page: self-contained, nothing fetched from elsewhere. ``message`` is an error, ``said``
    a notice (one of this module's own texts, never words from the request)."""
    note = f'<p class="err">{html.escape(message)}</p>' if message else ""
    note += f'<p class="ok">{html.escape(said)}</p>' if said else ""
    if keys_only:
        fields = (
            '<input type="hidden" name="username" value="">'
            '<label>访问密钥<input name="password" type="password" autocomplete="current-password" required autofocus></label>'
        )
        hint = "本服务尚未建立账号，请输入管理员设置的访问密钥。"
    else:
        fields = (
            f'<label>用户名<input name="username" autocomplete="username" required value="{html.escape(name)}"'
            f"{'' if name else ' autofocus'}></label>"
            '<label>密码<input name="password" type="password" autocomplete="current-password" required'
            f"{' autofocus' if name else ''}></label>"
        )
        hint = "请输入管理员为你建立的账号。忘记密码请联系管理员。"
    action = f"{LOGIN_PATH}?next={html.escape(quote(target, safe='/'))}"
    return _form_page(
        "登录",
        action,
        f'<p>{html.escape(hint)}</p>{note}{fields}<input type="hidden" name="next" value="{html.escape(target)}">'
        "<button type=\"submit\">登录</button>",
    )


def logout_page() -> str:
    """The page that asks before signing out, when the way here did not come from this site's own page."""
    return _form_page(
        "退出登录",
        LOGOUT_PATH,
        '<p>确定要退出登录吗？</p><button type="submit">退出登录</button><p class="back"><a href="/">取消，返回</a></p>',
    )


def _form_page(title: str, action: str, inner: str) -> str:
    """A self-contained Chinese page holding one form that posts to ``action`` (nothing fetched from elsewhere:
    not even the browser's /favicon.ico, which would be refused 401 before signing in and logged as an error)."""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · govdoc 公文助手</title>
<link rel="icon" href="data:,">
<style>
body {{ font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  background: #f8fafc; display: flex; min-height: 100vh; align-items: center; justify-content: center; margin: 0; }}
form {{ background: #fff; padding: 2em 2.5em; border-radius: 10px; box-shadow: 0 2px 12px rgba(0,0,0,.08); width: 22em; }}
h1 {{ font-size: 1.3em; margin: 0 0 .3em; color: #b91c1c; }}
p {{ color: #475569; font-size: .9em; }}
label {{ display: block; margin: 1em 0 .3em; color: #1e293b; }}
input:not([type=hidden]) {{ display: block; width: 100%; box-sizing: border-box; padding: .5em; margin-top: .3em;
  border: 1px solid #cbd5e1; border-radius: 6px; font-size: 1em; }}
button {{ margin-top: 1.5em; width: 100%; padding: .6em; background: #dc2626; color: #fff; border: 0;
  border-radius: 6px; font-size: 1em; cursor: pointer; }}
.err {{ color: #b91c1c; background: #fef2f2; padding: .5em; border-radius: 6px; }}
.ok {{ color: #166534; background: #f0fdf4; padding: .5em; border-radius: 6px; }}
.back {{ text-align: center; margin-top: 1em; }}
</style></head>
<body><form method="post" action="{action}">
<h1>公文问答与起草助手</h1>{inner}</form></body></html>"""


# ----------------------------------------------------------------------------- helpers


def _cookies(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # noqa: BLE001 - a malformed cookie header is no credential
        return {}
    return {k: m.value for k, m in jar.items()}


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else ""


def _https(scope: Scope) -> bool:
    """Whether the browser spoke HTTPS (a trusted proxy's word for it is in the scheme already,
    `govdoc.api.proxy`; anyone else's ``X-Forwarded-Proto`` never reaches here)."""
    return scope.get("scheme") == "https"


def _same_origin(headers: Mapping[str, str]) -> bool:
    """Whether a write comes from this server's own pages: its Origin (else Referer) names the Host the
    browser addressed. ``X-Forwarded-Host`` is not read here: `govdoc.api.proxy` puts a trusted proxy's
    in the Host header and removes anyone else's, which a LAN client could set to name its own site."""
    host = headers.get("host", "")
    origin = headers.get("origin") or headers.get("referer") or ""
    if not origin or origin == "null":
        return False
    return names_host(origin, host)


def _write_allowed(who: Principal, headers: Mapping[str, str]) -> bool:
    """Whether a state-changing request may proceed, as far as its origin goes (CSRF).

    A Bearer key cannot be sent by another site's page without the key, so it may come from anywhere.
    A cookie is sent by the browser on its own: a write it authenticates must come from this site, whatever
    other Authorization header comes along (one that names no key leaves the cookie to sign the request in).
    Without accounts or keys (loopback only), a browser write must come from this site or a local app.
    """
    if bearer(headers) is not None:
        return True
    if _same_origin(headers):
        return True
    if who.via != "local":
        return False
    origin = headers.get("origin") or headers.get("referer")
    # "null" is also the origin of any site's sandboxed frame: not a local app.
    return origin is None or (origin != "null" and re.match(LOCAL_ORIGINS, origin) is not None)


def _loopback_host(headers: Mapping[str, str]) -> bool:
    """Whether the Host header names this machine by a loopback name (any port)."""
    host = headers.get("host", "")
    name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
    return name in ("127.0.0.1", "localhost", "[::1]", "")


def _safe_next(target: str) -> str:
    """A redirect target inside this site only (``/…`` but never ``//host`` or a scheme).

    A control character or a space is refused too: a browser drops tabs and line breaks from a URL
    before reading it, so ``/<tab>/host`` would reach it as ``//host``, another site."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target or target.startswith(LOGIN_PATH):
        return "/"
    if any(ch <= " " or ch == "\x7f" for ch in target):
        return "/"
    return target


def _wants_html(headers: Mapping[str, str], path: str) -> bool:
    return "text/html" in headers.get("accept", "") and not path.startswith(("/api", "/v1", "/gradio_api"))


async def _refuse_anonymous(scope: Scope, send: Send, headers: Mapping[str, str], path: str) -> None:
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008})
        return
    if scope.get("method") == "GET" and _wants_html(headers, path):
        query = scope.get("query_string", b"").decode("latin-1")
        target = path + (f"?{query}" if query else "")
        await _redirect(send, f"{LOGIN_PATH}?next={quote(_safe_next(target), safe='/')}", [])
        return
    if "authorization" in headers:
        await _json(send, 401, "API 密钥无效：请在请求头中提供 Authorization: Bearer <密钥>", bearer=True, code="invalid_api_key")
        return
    await _json(send, 401, "需要登录：请先在网页上登录，或在请求头中提供 Authorization: Bearer <密钥>", bearer=True)


def _not_framed_elsewhere(send: Send) -> Send:
    """``send`` with every response marked as framable by this site's own pages only (X-Frame-Options
    SAMEORIGIN), unless it says so itself: another site, or another port of this server's address, cannot
    show the signed-in page inside a frame of its own and trick a click on it. A signed-in HTML page is
    also kept out of the browser's cache (no-store), so the Back button after signing out asks the server
    again (and is sent to the login page) instead of showing the page as it was."""

    async def marked(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            if b"x-frame-options" not in names:
                headers.append((b"x-frame-options", b"SAMEORIGIN"))
            html_page = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers)
            if html_page and b"cache-control" not in names:
                headers.append((b"cache-control", b"no-store"))
            message = {**message, "headers": headers}
        await send(message)

    return marked


async def _send(send: Send, status: int, body: bytes, content_type: str, extra: list[tuple[str, str]]) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    headers += [(b"cache-control", b"no-store"), (b"x-frame-options", b"DENY")]
    headers += [(k.encode("latin-1"), v.encode("latin-1")) for k, v in extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _html(send: Send, status: int, page: str) -> None:
    await _send(send, status, page.encode("utf-8"), "text/html; charset=utf-8", [])


async def _json(send: Send, status: int, message: str, *, bearer: bool = False, code: str | None = None) -> None:
    code = code or ("login_required" if status == 401 else "forbidden")
    kind = "authentication_error" if status == 401 else "permission_error"
    body = json.dumps(oa.error_body(message, kind, code), ensure_ascii=False).encode("utf-8")
    extra = [("www-authenticate", "Bearer")] if bearer else []
    await _send(send, status, body, "application/json", extra)


# What of a redirect target stays as it is: printable ASCII (escapes already there included).
_LOCATION_SAFE = "".join(chr(c) for c in range(0x21, 0x7F))


async def _redirect(send: Send, location: str, extra: list[tuple[str, str]]) -> None:
    # A header is Latin-1: a target with Chinese in it (a bookmarked page's query) is percent-encoded.
    location = quote(location, safe=_LOCATION_SAFE)
    await _send(send, 303, b"", "text/plain; charset=utf-8", [("location", location), *extra])
