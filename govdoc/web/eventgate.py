"""The page's event routes, checked before gradio: known events only, a share of answers per user, no dev routes.

gradio answers an event request naming an event the page does not have (an unknown ``fn_index`` on
``/gradio_api/queue/join``, or an unknown name on ``/gradio_api/run|call|api/<name>``) with an English
500 or a dropped connection. `EventGate` refuses such a request with a Chinese 400 or 404 before gradio
reads it.

The page's answering events (those in the ``ANSWER_SLOT`` concurrency group: questions and drafts)
share ``ui.max_concurrency`` in gradio's queue; gradio has no limit per user or session. With accounts,
`EventGate` counts the answering events each user has queued or running (gradio's own queue, by the
owner of each event's session, `govdoc.web.sessions.SessionOwners`) and refuses a new one (429) once
the user holds ``ui.per_user_slots()`` of them, the same share the API's slots give a user.

``/gradio_api/dev/reload`` is gradio's route for reloading a page under development (``gradio app.py``);
it holds a connection open for as long as the browser stays. It is refused (404) unless gradio runs in
that mode (``Blocks.dev_mode``). ``POST /gradio_api/call/v2/<名>`` fails inside gradio for every
event with an English 500; it is refused (404), and ``/gradio_api/call/<名>`` serves instead. gradio's monitoring routes (``/monitoring…``) are refused (404) unless
monitoring was turned on (``Blocks.enable_monitoring``): its summary, served even when it is off, told
any signed-in user how often each of the page's events ran (an exported log, a rebuilt index).

``/gradio_api/deep_link`` copies a session's page state (the conversation on screen) into a file that
``/config?deep_link=<名>`` then shows to anyone who has the name; each call writes another file. The page
has no button that makes such a link, so both are refused (404).

``GET /gradio_api/queue/data`` for a session with no events in gradio's queue started a stream, then
broke it with an English "404: Not Found" and logged two tracebacks per request: any signed-in user
could fill the log. It is refused (404) before the stream starts.

A body gradio cannot read as its event request (a field missing or of the wrong type) is answered in
Chinese by `govdoc.web.pageerrors.PageErrors`, as are gradio's other English errors.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from typing import TYPE_CHECKING, Any

from starlette.types import ASGIApp, Receive, Scope, Send

from govdoc.accounts import Principal
from govdoc.api.guard import share_of, yours_busy
from govdoc.asgi import read_body, refuse, replay
from govdoc.web.filerefs import EVENT_BODY_MAX
from govdoc.web.pageerrors import message_for
from govdoc.web.sessions import JOIN, SessionOwners, queried_sessions

if TYPE_CHECKING:
    import gradio as gr

ANSWER_SLOT = "govdoc-answer"  # gradio concurrency id of the page's answering events
DEV_RELOAD = "/gradio_api/dev/reload"
MONITORING = "/monitoring"
DEEP_LINK = "/gradio_api/deep_link"
CONFIG = "/config"
CALL = "/gradio_api/call/"  # gradio reads the event from the name alone here, never from the body
NAMED_ROUTES = ("/gradio_api/run/", CALL, "/gradio_api/api/")
CALL_V2 = CALL + "v2/"  # POST fails inside gradio for every event (an English 500); the page uses none
UNKNOWN = "页面上没有这个操作，请刷新页面后重试"
MALFORMED = message_for(400)
NOT_FOUND = message_for(404)
NO_EVENTS = "这个会话没有进行中的操作，请刷新页面后重试"
DATA = "/gradio_api/queue/data"


class EventGate:
    """ASGI middleware below the login gate and `govdoc.web.sessions.SessionGuard`.

    Args:
        app: the wrapped app.
        blocks: the mounted page (its events, its queue, whether it runs in dev mode).
        owners: who owns each session name (the one `SessionGuard` keeps).
        per_user: answering events one user may have queued or running at once.
    """

    def __init__(self, app: ASGIApp, *, blocks: gr.Blocks, owners: SessionOwners, per_user: int) -> None:
        self.app = app
        self.blocks = blocks
        self.owners = owners
        self.per_user = per_user
        self._joining: Counter[str] = Counter()  # answering joins passed on, not yet answered by gradio
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        if path.rstrip("/") == DEV_RELOAD and not getattr(self.blocks, "dev_mode", False):
            await refuse(404, NOT_FOUND, scope, receive, send)
            return
        if path.split("/")[1:2] == [MONITORING[1:]] and not getattr(self.blocks, "enable_monitoring", False):
            await refuse(404, NOT_FOUND, scope, receive, send)
            return
        if path.rstrip("/") == DEEP_LINK or (path.rstrip("/") == CONFIG and b"deep_link" in scope.get("query_string", b"")):
            await refuse(404, NOT_FOUND, scope, receive, send)
            return
        if scope.get("method") == "GET" and path.rstrip("/") == DATA and not self._pending(scope):
            await refuse(404, NO_EVENTS, scope, receive, send)
            return
        if scope.get("method") == "POST" and path.startswith(CALL_V2):
            await refuse(404, NOT_FOUND, scope, receive, send)
            return
        named = next((p for p in NAMED_ROUTES if path.startswith(p)), None)
        if scope.get("method") != "POST" or (path.rstrip("/") != JOIN and named is None):
            await self.app(scope, receive, send)
            return
        body, over = await read_body(receive, EVENT_BODY_MAX)
        if over:
            await refuse(413, "请求体过大", scope, receive, send)
            return
        receive = replay(body, receive)
        try:
            payload = json.loads(body)
        except (ValueError, RecursionError):
            payload = None
        if not isinstance(payload, dict):
            await refuse(400, MALFORMED, scope, receive, send)
            return
        fns = self.blocks.fns
        # gradio's /call/<名> (and /call/v2/<名>) runs the event its name gives and drops a body's fn_index; one
        # read from that body would count another event against the user's share than the one that runs.
        fn_index = None if named == CALL else payload.get("fn_index")
        if fn_index is None and named is not None:
            name = path[len(named) :].removeprefix("v2/").split("/")[0]
            fn_index = next((i for i, fn in fns.items() if fn.api_name == name), None)
        if fn_index is not None and type(fn_index) is not int:
            await refuse(400, MALFORMED, scope, receive, send)
            return
        if fn_index is None or fn_index not in fns:
            await refuse(404, UNKNOWN, scope, receive, send)
            return
        session = payload.get("session_hash")
        if named is None and (not isinstance(session, str) or not session):
            await refuse(400, MALFORMED, scope, receive, send)
            return
        user = self._user(scope)
        if user is None or fns[fn_index].concurrency_id != ANSWER_SLOT:
            await self.app(scope, receive, send)
            return
        with self._lock:
            if self._answering(user) >= self.per_user:
                refused = True
            else:
                refused = False
                self._joining[user] += 1
        if refused:
            await refuse(429, yours_busy(self.per_user).message, scope, receive, send)
            return
        try:
            await self.app(scope, receive, send)
        finally:
            with self._lock:
                self._joining[user] -= 1
                if self._joining[user] <= 0:
                    del self._joining[user]

    def _pending(self, scope: Scope) -> bool:
        """Whether gradio's queue holds events of the session a ``queue/data`` request names (the last
        ``session_hash``, as gradio reads it); without any it answers an English 404 inside a started
        stream, and logs a traceback for each."""
        pending = getattr(getattr(self.blocks, "_queue", None), "pending_messages_per_session", None)
        if pending is None:
            return True
        named = queried_sessions(scope)
        return bool(named) and named[-1] in pending

    @staticmethod
    def _user(scope: Scope) -> str | None:
        """The signed-in user whose share an event counts against (None: the one local user, no share)."""
        who = scope.get("state", {}).get("principal")
        return share_of(who if isinstance(who, Principal) else None)

    def _answering(self, user: str) -> int:
        """Answering events of ``user`` queued or running in gradio's queue, or passed on to it just now."""
        queue: Any = getattr(self.blocks, "_queue", None)
        events = list(getattr(queue, "event_ids_to_events", {}).values())
        mine = sum(
            1
            for event in events
            if event.concurrency_id == ANSWER_SLOT and self.owners.owner(event.session_hash) == user
        )
        return mine + self._joining[user]
