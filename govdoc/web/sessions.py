"""The page's event sessions belong to the user who opened them.

gradio streams the results of a page's events to whoever asks ``/gradio_api/queue/data`` with the
session's ``session_hash``, a name the browser makes up; it does not check who asks. With accounts,
a signed-in user who learnt another's session name could read that user's answers as they stream,
or queue events under it, or run an event directly (``/gradio_api/run/<名>``, ``/gradio_api/api/<名>``, ``/gradio_api/call/<名>``)
in it: such a call's body names the session, whose page state (the conversation on screen) is the
handler's input and comes back in its output. `SessionGuard` records which user first used a
session name (on the routes that start events in one) and refuses it (403) to every other user on
the routes that take one. Without accounts there is one local user, and nothing to keep apart.

``GET /gradio_api/call/<名>/<编号>`` streams the session gradio finds for the id: an event's session,
else the session of that name. It is served only to the user who started an event through
``POST /gradio_api/call/<名>`` and was answered that id (gradio names such an event's session after it
when the body names none).

An event's id belongs to the user whose request was answered with it (``POST /gradio_api/queue/join``
or ``POST /gradio_api/call/<名>``). gradio cancels by the id alone (``POST /gradio_api/cancel``: the
body's session is only where it posts "done"), and ``POST /gradio_api/stream/<编号>`` replaces a queued
event's input by its id: both are served only to the id's owner. A media stream of a session
(``GET /gradio_api/stream/<会话>/…``) is served to the session's owner.

Two routes name the session in the query string: ``/gradio_api/queue/data`` and
``/gradio_api/deep_link`` (which copies the session's page state, the conversation on screen, into a
link that ``/config?deep_link=`` then shows to anyone). A query may name ``session_hash`` more than
once, and gradio reads the last while a first-value reader would check another: every name it gives
must be the asker's.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from govdoc.accounts import Principal
from govdoc.asgi import read_body, refuse, replay
from govdoc.web.filerefs import EVENT_BODY_MAX

JOIN = "/gradio_api/queue/join"
CANCEL = "/gradio_api/cancel"
DATA = "/gradio_api/queue/data"
DEEP_LINK = "/gradio_api/deep_link"
QUERIED = (DATA, DEEP_LINK)  # GET routes that take the session from the query string
HEARTBEAT = "/gradio_api/heartbeat/"
CALL = "/gradio_api/call/"  # POST: an event queued in the session its body names; GET: its stream
STREAM = "/gradio_api/stream/"  # POST <event id>[/close]: a streaming event's next input; GET <session>/…: media
DIRECT = ("/gradio_api/run/", "/gradio_api/api/", CALL)  # events started in the session their body names
REMEMBERED = 100_000  # session names kept (oldest forgotten first); a browser tab uses one
REMEMBERED_PER_USER = 1_000  # one user's session names kept; past it, that user's oldest is forgotten
REFUSED = "这个会话属于另一位用户，已拒绝"
UNKNOWN_EVENT = "没有这个操作，请刷新页面后重试"


class SessionOwners:
    """Which user first used each session name (thread-safe, bounded).

    A forgotten name is nobody's, and the next user to name it owns it; so one user's new names push out
    only that user's oldest (``per_user``), never another's, and the whole record is bounded (``limit``)
    against many users at once.
    """

    def __init__(self, limit: int = REMEMBERED, per_user: int = REMEMBERED_PER_USER) -> None:
        self._owners: OrderedDict[str, str] = OrderedDict()
        self._mine: dict[str, OrderedDict[str, None]] = {}  # each user's names, oldest first
        self._lock = threading.Lock()
        self.limit = limit
        self.per_user = per_user

    def claim(self, session: str, user: str) -> bool:
        """Record ``user`` as the owner of ``session`` unless another has it; whether ``user`` owns it now."""
        with self._lock:
            owner = self._owners.setdefault(session, user)
            self._owners.move_to_end(session)
            if owner == user:
                mine = self._mine.setdefault(user, OrderedDict())
                mine[session] = None
                mine.move_to_end(session)
                while len(mine) > self.per_user:
                    self._owners.pop(mine.popitem(last=False)[0], None)
            while len(self._owners) > self.limit:
                self._forget(*self._owners.popitem(last=False))
            return owner == user

    def _forget(self, session: str, user: str) -> None:
        mine = self._mine.get(user)
        if mine is not None:
            mine.pop(session, None)
            if not mine:
                del self._mine[user]

    def owner(self, session: str) -> str | None:
        """The user who first used ``session``; None when nobody has (or it was forgotten)."""
        with self._lock:
            return self._owners.get(session)

    def allowed(self, session: str, user: str) -> bool:
        """Whether ``user`` may use ``session``: it is theirs, or nobody's yet."""
        with self._lock:
            return self._owners.get(session, user) == user


class SessionGuard:
    """ASGI middleware below the login gate: a session name is used by the user who first used it.

    Args:
        app: the wrapped app.
        owners: the record of session owners (one per server).
    """

    def __init__(self, app: ASGIApp, *, owners: SessionOwners | None = None) -> None:
        self.app = app
        self.owners = owners or SessionOwners()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        who = scope.get("state", {}).get("principal") if scope["type"] == "http" else None
        if not isinstance(who, Principal) or who.via == "local":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "").rstrip("/")
        method = scope.get("method")
        session: str | None = None
        starts = method == "POST" and (path == JOIN or path.startswith(DIRECT))
        if starts or (method == "POST" and path == CANCEL):
            body, over = await read_body(receive, EVENT_BODY_MAX)
            if over:
                await refuse(413, "请求体过大", scope, receive, send)
                return
            session, event_id = _fields_in(body, "session_hash", "event_id")
            receive = replay(body, receive)
            if session is not None and starts and not self.owners.claim(session, who.name):
                await refuse(403, REFUSED, scope, receive, send)
                return
            if path == CANCEL and event_id is not None and self.owners.owner(event_id) != who.name:
                await refuse(403, REFUSED, scope, receive, send)
                return
            if path == JOIN or path.startswith(CALL):
                send = self._claiming(send, who.name)
        elif method == "POST" and path.startswith(STREAM):
            if self.owners.owner(path[len(STREAM) :].split("/")[0]) != who.name:
                await refuse(403, REFUSED, scope, receive, send)
                return
        elif method == "GET" and path.startswith(STREAM):
            session = path[len(STREAM) :].split("/")[0]
        elif method == "GET" and path.startswith(CALL):
            # Not `allowed`: an id nobody claimed may still be an event of someone's session. Refused either
            # way; one nobody claimed is no other user's to speak of (404, not "another user's").
            owner = self.owners.owner(path.rsplit("/", 1)[-1])
            if owner != who.name:
                await refuse(403 if owner else 404, REFUSED if owner else UNKNOWN_EVENT, scope, receive, send)
                return
        elif method == "GET" and path in QUERIED:
            if not all(self.owners.allowed(name, who.name) for name in queried_sessions(scope)):
                await refuse(403, REFUSED, scope, receive, send)
                return
        elif method == "GET" and path.startswith(HEARTBEAT):
            session = path[len(HEARTBEAT) :]
        if session is not None and not self.owners.allowed(session, who.name):
            await refuse(403, REFUSED, scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _claiming(self, send: Send, user: str) -> Send:
        """``send`` that records ``user`` as the owner of the event id a join or ``/call`` is answered with:
        the id cancels the event, names its stream on ``GET /gradio_api/call/<名>/<编号>``, and names its
        session when a ``/call`` body named none."""

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.body":
                try:
                    event_id = json.loads(message.get("body", b"")).get("event_id")
                except (ValueError, AttributeError):
                    event_id = None
                if isinstance(event_id, str):
                    self.owners.claim(event_id, user)
            await send(message)

        return sending


def queried_sessions(scope: Scope) -> list[str]:
    """Every ``session_hash`` a request's query string names, in order (gradio reads the last)."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    return query.get("session_hash", [])


def _fields_in(body: bytes, *fields: str) -> tuple[str | None, ...]:
    """The string ``fields`` (``session_hash``, ``event_id``) of an event request's JSON body, each None when
    it has none (the body read once)."""
    try:
        payload = json.loads(body)
    except (ValueError, RecursionError):
        payload = None
    if not isinstance(payload, dict):
        return (None,) * len(fields)
    return tuple(v if isinstance(v := payload.get(f), str) else None for f in fields)
