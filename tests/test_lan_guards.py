"""Guards against a hostile user on the LAN, through the real app: forwarded headers are believed only from
a proxy the operator named, and one user cannot take every answering slot."""

from __future__ import annotations

import json
import shutil
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from index_checks import serving

from govdoc.access import COOKIE
from govdoc.accounts import SETTINGS_KEY, Principal
from govdoc.api import create_api
from govdoc.api.guard import Slots, share_of
from govdoc.service import GovdocService
from govdoc.settings import Settings, with_overrides

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "long-enough-1"
QUESTION = "教师享有哪些权利？"
SITE = "http://govdoc.lan:7860"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GovdocService, Settings]]:
    """A service over one bundled law, with an administrator and two readers."""
    tmp = tmp_path_factory.mktemp("lan")
    data = tmp / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "教师法(2009-08-27).md", data)
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp / "index"})
    service = GovdocService(settings)
    assert not service.ingest([data]).errors
    service.accounts.add_user("校长", PASSWORD, "admin")
    for name in ("读者甲", "读者乙"):
        service.accounts.add_user(name, PASSWORD, "reader")
    yield service, settings
    service.close()


def _login(client: TestClient, headers: dict[str, str]) -> httpx.Response:
    return client.post("/login", data={"username": "校长", "password": PASSWORD}, headers=headers, follow_redirects=False)


def _audit_clients(service: GovdocService) -> list[str]:
    return [e.client for e in service.audit.entries(action="login")]  # newest first


# ----------------------------------------------------------------------------- forwarded headers


def test_a_lan_client_cannot_vouch_for_another_site_with_x_forwarded_host(world: tuple[GovdocService, Settings]) -> None:
    service, settings = world
    assert settings.ui.trusted_proxies == []  # the default: no one's forwarded headers are believed
    app = create_api(service, settings)
    with TestClient(app, base_url=SITE, client=("10.0.0.66", 5000)) as lan:
        # The attack: a login posted from another site, whose sender says the Host is that site.
        attack = _login(lan, {"Origin": "http://evil.example", "X-Forwarded-Host": "evil.example"})
        assert attack.status_code == 403 and "跨站" in attack.json()["error"]["message"]
        referer = _login(lan, {"Referer": "http://evil.example/form", "X-Forwarded-Host": "evil.example"})
        assert referer.status_code == 403
        # The page's own form still signs in, whatever forwarded headers come along.
        own = _login(lan, {"Origin": SITE, "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https",
                           "X-Forwarded-For": "10.9.9.9"})
        assert own.status_code == 303
        cookie = own.headers["set-cookie"]
        assert cookie.startswith(f"{COOKIE}=") and "Secure" not in cookie  # it came over plain HTTP
        assert _audit_clients(service)[0] == "10.0.0.66"  # the address it really came from
        # A signed-in user's write from another site is refused the same way.
        lan.cookies.set(COOKIE, cookie.split(";")[0].split("=", 1)[1])
        write = lan.post("/api/ask", json={"question": QUESTION}, headers={"Origin": "http://evil.example",
                                                                            "X-Forwarded-Host": "evil.example"})
        assert write.status_code == 403


def test_a_header_that_is_no_key_does_not_excuse_a_cookie_write_from_another_site(
    world: tuple[GovdocService, Settings],
) -> None:
    """A write signed in by the browser's cookie must come from this site. A Bearer key excuses the check
    (another site cannot send it), but only a key that signed the request in: an Authorization header
    that is no key (another scheme, or empty) leaves the cookie to sign in, and the check stands."""
    service, settings = world
    token = service.accounts.open_session("读者甲")
    with TestClient(create_api(service, settings), base_url=SITE, cookies={COOKIE: token}) as lan:
        for header in ("Basic Zm9vOmJhcg==", "Bearer", "Bearer ", ""):
            forged = lan.post("/api/ask", json={"question": QUESTION},
                              headers={"Origin": "http://evil.example", "Authorization": header})
            assert forged.status_code == 403 and "跨站" in forged.json()["error"]["message"], repr(header)
        own = lan.post("/api/ask", json={"question": QUESTION}, headers={"Origin": SITE, "Authorization": "Basic x"})
        assert own.status_code == 200
    _, key = service.accounts.create_key("读者甲", "脚本")
    with TestClient(create_api(service, settings), base_url=SITE) as script:  # a key may come from anywhere
        keyed = script.post("/api/ask", json={"question": QUESTION},
                            headers={"Origin": "http://evil.example", "Authorization": f"Bearer {key}"})
        assert keyed.status_code == 200


def test_a_proxy_the_operator_named_is_believed(world: tuple[GovdocService, Settings]) -> None:
    service, settings = world
    proxied = with_overrides(settings, ui={"trusted_proxies": ["127.0.0.1"]})
    app = create_api(service, proxied)
    forwarded = {"X-Forwarded-For": "10.0.0.8", "X-Forwarded-Proto": "https",
                 "X-Forwarded-Host": "govdoc.example.edu.cn"}
    with TestClient(app, base_url="http://127.0.0.1:7860", client=("127.0.0.1", 5000)) as proxy:
        signed_in = _login(proxy, {**forwarded, "Origin": "https://govdoc.example.edu.cn"})
        assert signed_in.status_code == 303 and "; Secure" in signed_in.headers["set-cookie"]
        assert _audit_clients(service)[0] == "10.0.0.8"
        assert _login(proxy, {**forwarded, "Origin": "http://evil.example"}).status_code == 403
    # The same headers from a computer that is not the proxy are dropped.
    with TestClient(app, base_url="http://127.0.0.1:7860", client=("10.0.0.66", 5000)) as lan:
        assert _login(lan, {**forwarded, "Origin": "https://govdoc.example.edu.cn"}).status_code == 403


# ----------------------------------------------------------------------------- answering slots per user


class GatedService:
    """The real service, but the questions of one user wait at a gate the test opens."""

    def __init__(self, inner: GovdocService, user: str) -> None:
        self.inner = inner
        self.user = user
        self.entered = threading.Semaphore(0)
        self.gate = threading.Event()

    def ask(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs["who"].name == self.user:
            self.entered.release()
            assert self.gate.wait(60)
        return self.inner.ask(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_the_default_share_is_half_the_slots_and_at_least_one() -> None:
    assert Settings().ui.per_user_slots() == 4  # of 8
    assert Settings(ui={"max_concurrency": 1}).ui.per_user_slots() == 1
    assert Settings(ui={"max_concurrency": 8, "max_concurrency_per_user": 20}).ui.per_user_slots() == 8


def test_the_settings_key_never_shares_a_users_slots_even_under_his_name() -> None:
    # The page and the API count one share by the same rule: an account named like the settings key's
    # principal is still someone else, and the one local user has no share at all.
    namesake = Principal(SETTINGS_KEY.name, "reader", "session")
    assert share_of(namesake) != share_of(SETTINGS_KEY)
    assert share_of(Principal("本机用户", "admin", "local")) is None
    slots = Slots(4, per_user=1)
    assert slots.try_acquire(SETTINGS_KEY) is None
    assert slots.try_acquire(namesake) is None
    refused = slots.try_acquire(SETTINGS_KEY)
    assert refused is not None and refused.status == 429


def test_one_users_flood_is_refused_while_another_user_is_answered(world: tuple[GovdocService, Settings]) -> None:
    service, settings = world
    four = with_overrides(settings, ui={"max_concurrency": 4})  # two each
    _, key = service.accounts.create_key("读者甲", "洪水")
    _, other = service.accounts.create_key("读者乙")
    session = service.accounts.open_session("读者甲")  # the same user's browser counts with their key
    gated = GatedService(service, "读者甲")
    with serving(create_api(gated, four)) as url:  # type: ignore[arg-type]

        def ask(headers: dict[str, str]) -> httpx.Response:
            with httpx.Client(base_url=url, timeout=60, headers=headers) as c:
                return c.post("/api/ask", json={"question": QUESTION})

        flood = {"Authorization": f"Bearer {key}"}
        with ThreadPoolExecutor(max_workers=2) as pool:
            held = [pool.submit(ask, flood) for _ in range(2)]
            for _ in held:
                assert gated.entered.acquire(timeout=30)  # both of 读者甲's requests hold a slot
            refused = ask(flood)
            assert refused.status_code == 429 and "你已有 2 个请求" in refused.json()["error"]["message"]
            by_browser = ask({"Cookie": f"{COOKIE}={session}", "Origin": url})
            assert by_browser.status_code == 429
            answered = ask({"Authorization": f"Bearer {other}"})  # 读者乙 is answered meanwhile
            assert answered.status_code == 200 and answered.json()["citations"]
            gated.gate.set()
            assert [f.result(timeout=60).status_code for f in held] == [200, 200]
        assert ask(flood).status_code == 200  # 读者甲's share came back


# ----------------------------------------------------------------------------- the page's sessions


@pytest.fixture(scope="module")
def page(world: tuple[GovdocService, Settings]) -> Iterator[str]:
    """The real server (API and page) over the world's service, served by uvicorn."""
    from govdoc.web.server import create_app

    service, settings = world
    with serving(create_app(service, settings)) as url:
        yield url


def _browser(service: GovdocService, url: str, name: str) -> httpx.Client:
    """A signed-in browser of ``name`` (its session cookie, and the page's own Origin)."""
    token = service.accounts.open_session(name)
    return httpx.Client(base_url=url, timeout=60, cookies={COOKIE: token}, headers={"Origin": url})


def _chat_event(c: httpx.Client, session: str, question: str) -> dict[str, Any]:
    """The page's question event as the browser sends it, in ``session``."""
    config = c.get("/config").json()
    fn = next(i for i, d in enumerate(config["dependencies"]) if d.get("api_name") == "chat")
    dep = config["dependencies"][fn]
    shown = {comp["id"]: comp.get("props", {}).get("value") for comp in config["components"]}
    data = [question, *(shown[i] for i in dep["inputs"][1:])]  # the other inputs as the page shows them
    return {"data": data, "fn_index": fn, "session_hash": session,
            "event_data": None, "trigger_id": dep["targets"][0][0]}


def _asked_in_own_session(c: httpx.Client, session: str, question: str) -> None:
    """Ask ``question`` on the page in ``session`` and read its answer to the end, as the browser does."""
    assert c.post("/gradio_api/queue/join", json=_chat_event(c, session, question)).status_code == 200
    with c.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        assert stream.status_code == 200
        done = [json.loads(line[5:]) for line in stream.iter_lines() if "process_completed" in line]
    assert done and done[-1]["success"], done


def test_a_direct_call_cannot_run_in_another_users_page_session(
    world: tuple[GovdocService, Settings], page: str
) -> None:
    """gradio's direct routes (``/gradio_api/run|api|call/<名>``) take the session to run in
    from the request's body: the page's state of that session (the conversation on screen) is the
    handler's input, and comes back in its output. Another user who names that session is refused."""
    service, _ = world
    owner, other = _browser(service, page, "读者甲"), _browser(service, page, "读者乙")
    session = f"甲的会话{time.monotonic_ns()}"
    private = "甲校今年的值班安排怎么定？"
    _asked_in_own_session(owner, session, private)
    for route in ("/gradio_api/run/chat", "/gradio_api/api/chat", "/gradio_api/call/chat"):
        stolen = other.post(route, json=_chat_event(other, session, QUESTION))
        assert stolen.status_code == 403, (route, stolen.status_code, stolen.text[:300])
        assert private not in stolen.text and "另一位用户" in stolen.json()["error"]
    # The owner's own direct call still runs in the session, and a fresh session is anyone's to open.
    assert owner.post("/gradio_api/run/chat", json=_chat_event(owner, session, QUESTION)).status_code == 200
    fresh = other.post("/gradio_api/run/chat", json=_chat_event(other, f"乙的会话{time.monotonic_ns()}", QUESTION))
    assert fresh.status_code == 200 and private not in fresh.text


def test_another_users_session_cannot_be_read_through_the_call_route(
    world: tuple[GovdocService, Settings], page: str
) -> None:
    """gradio's ``GET /gradio_api/call/<名>/<编号>`` streams the messages of the session it finds for the
    id (the event's session, else a session of that name): the same stream as ``/gradio_api/queue/data``,
    so another user who names the session or its event there is refused too."""
    service, _ = world
    owner, other = _browser(service, page, "读者甲"), _browser(service, page, "读者乙")
    session = f"甲的会话{time.monotonic_ns()}"
    private = "甲校下学期的值班安排怎么定？"
    joined = owner.post("/gradio_api/queue/join", json=_chat_event(owner, session, private))
    assert joined.status_code == 200
    for name in (session, joined.json()["event_id"]):
        for route in (f"/gradio_api/call/chat/{name}", f"/gradio_api/call/v2/chat/{name}"):
            with other.stream("GET", route) as stolen:
                assert stolen.status_code == 403, (route, stolen.status_code)
                assert "另一位用户" in json.loads(stolen.read())["error"]
    with owner.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        messages = [json.loads(line[5:]) for line in stream.iter_lines() if line.startswith("data:")]
    assert any(m.get("msg") == "process_completed" and m["success"] for m in messages)
    assert private in json.dumps(messages, ensure_ascii=False)
    # The route still serves the user who started the event through it, and only them.
    started = other.post("/gradio_api/call/chat", json={"data": _chat_event(other, "", QUESTION)["data"]})
    event_id = started.json()["event_id"]
    with owner.stream("GET", f"/gradio_api/call/chat/{event_id}") as stolen:
        assert stolen.status_code == 403
    with other.stream("GET", f"/gradio_api/call/chat/{event_id}") as own:
        assert own.status_code == 200 and "event: complete" in own.read().decode("utf-8")
    # An id nobody was answered with is refused too, without calling it another user's.
    with other.stream("GET", f"/gradio_api/call/chat/没有的编号{time.monotonic_ns()}") as unknown:
        assert unknown.status_code == 404 and "另一位用户" not in unknown.read().decode("utf-8")


def test_another_users_session_cannot_be_read_by_naming_it_twice_in_the_query(
    world: tuple[GovdocService, Settings], page: str
) -> None:
    """``/gradio_api/queue/data`` and ``/gradio_api/deep_link`` take the session from the query string, where
    gradio reads the last of several ``session_hash``. Another user who names their own session first and the
    owner's last is refused, and neither the stream nor a deep link of the owner's page state reaches them."""
    service, _ = world
    owner, other = _browser(service, page, "读者甲"), _browser(service, page, "读者乙")
    session, own_session = f"甲的会话{time.monotonic_ns()}", f"乙的会话{time.monotonic_ns()}"
    private = "甲校寒假的值班安排怎么定？"
    _asked_in_own_session(other, own_session, QUESTION)  # the other user's first session is really theirs
    assert owner.post("/gradio_api/queue/join", json=_chat_event(owner, session, private)).status_code == 200
    twice = f"session_hash={own_session}&session_hash={session}"
    with other.stream("GET", f"/gradio_api/queue/data?{twice}") as stolen:
        assert stolen.status_code == 403, stolen.status_code
        assert private not in stolen.read().decode("utf-8")
    with owner.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        assert private in stream.read().decode("utf-8")  # the owner still reads it; the page state now holds it
    for query in (f"session_hash={session}", twice):
        link = other.get(f"/gradio_api/deep_link?{query}")
        assert link.status_code in (403, 404), (query, link.status_code, link.text[:200])
        assert private not in link.text


def test_no_deep_link_of_a_page_state_is_made_or_shown(world: tuple[GovdocService, Settings], page: str) -> None:
    """``/gradio_api/deep_link`` wrote the conversation on screen into a new file on every call, and
    ``/config?deep_link=<名>`` showed it to anyone holding the name. The page has no button that makes one:
    both answer 404, to the session's owner too, and no file of the conversation is written."""
    service, _ = world
    owner = _browser(service, page, "读者甲")
    session = f"甲的会话{time.monotonic_ns()}"
    private = "甲校期末的监考安排怎么定？"
    assert owner.post("/gradio_api/queue/join", json=_chat_event(owner, session, private)).status_code == 200
    with owner.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        assert private in stream.read().decode("utf-8")
    link = owner.get("/gradio_api/deep_link", params={"session_hash": session})
    assert link.status_code == 404 and link.json()["error"] == "页面不存在", (link.status_code, link.text[:200])
    shown = owner.get("/config", params={"deep_link": link.text.strip('"') or "x"})
    assert shown.status_code == 404 and private not in shown.text
    assert owner.get("/config").status_code == 200  # the page's own config is still served


# ----------------------------------------------------------------------------- a login with a configured key


def _key_world(root: Path, key: str) -> tuple[GovdocService, Settings]:
    """A service with no accounts and one configured key, over the index in ``root`` (kept across calls)."""
    (root / "data").mkdir(exist_ok=True)
    settings = Settings(data_dir=root / "data", embedding={"mode": "hashing"}, store={"index_dir": root / "index"},
                        api={"keys": [key]})
    return GovdocService(settings), settings


def test_a_login_with_a_configured_key_ends_when_that_key_is_changed(tmp_path: Path) -> None:
    """Before any account exists, the login page takes a key of ``api.keys`` and opens a session with the
    key's full rights. An operator who replaces a leaked key and restarts must not leave the browser
    of whoever held it signed in with those rights."""
    leaked, fresh = "sk-leaked-key-0123456789", "sk-fresh-key-9876543210"
    service, settings = _key_world(tmp_path, leaked)
    try:
        with TestClient(create_api(service, settings), base_url=SITE) as c:
            signed_in = c.post("/login", data={"username": "", "password": leaked}, headers={"Origin": SITE},
                               follow_redirects=False)
            assert signed_in.status_code == 303
            token = signed_in.cookies[COOKIE]
            assert c.get("/api/status", cookies={COOKIE: token}).status_code == 200
    finally:
        service.close()
    for key, status in ((leaked, 200), (fresh, 401)):  # restarted with the same key, then with a new one
        service, settings = _key_world(tmp_path, key)
        try:
            with TestClient(create_api(service, settings), base_url=SITE) as c:
                assert c.get("/api/status", cookies={COOKIE: token}).status_code == status, key
        finally:
            service.close()


def test_one_users_flood_of_sessions_forgets_only_their_own() -> None:
    """The record of session owners is bounded. A forgotten session is nobody's, and the first user to name
    it again owns it: a user who opens session after session (each page event may name a new one) must
    push out only their own oldest, never the session of someone else."""
    from govdoc.web.sessions import SessionOwners

    owners = SessionOwners(limit=100, per_user=10)
    assert owners.claim("甲的会话", "读者甲")
    for i in range(1000):
        owners.claim(f"乙的会话{i}", "读者乙")
    assert owners.owner("甲的会话") == "读者甲" and not owners.claim("甲的会话", "读者乙")
    assert owners.owner("乙的会话999") == "读者乙" and owners.owner("乙的会话0") is None
    for user in range(200):  # many users at once: the bound on the whole record still holds
        owners.claim(f"会话{user}", f"用户{user}")
    assert owners.owner("会话199") == "用户199" and owners.owner("会话0") is None


def test_gradios_monitoring_routes_are_closed(world: tuple[GovdocService, Settings], page: str) -> None:
    """gradio's monitoring (off unless asked for) still answered ``/monitoring/summary`` to any signed-in user
    with how often each of the page's events ran: a reader could watch when the log was exported or the
    index rebuilt. Its routes answer 404, as a page that has none."""
    service, _ = world
    reader = _browser(service, page, "读者乙")
    _asked_in_own_session(reader, f"乙的会话{time.monotonic_ns()}", QUESTION)
    for route in ("/monitoring", "/monitoring/summary", "/monitoring/some-key", "/monitoring/some-key/dashboard"):
        shut = reader.get(route)
        assert shut.status_code == 404 and "chat" not in shut.text, (route, shut.status_code, shut.text[:100])


def test_the_signed_in_page_and_its_routes_cannot_be_framed_by_another_site(
    world: tuple[GovdocService, Settings], page: str
) -> None:
    """Only the login page said X-Frame-Options: the signed-in page could be framed by another port of the
    server's address (same site, so the cookie went along) and a click on it tricked."""
    service, _ = world
    reader = _browser(service, page, "读者乙")
    for route in ("/", "/gradio_api/info", "/api/status"):
        got = reader.get(route, headers={"Accept": "text/html"})
        assert got.headers.get("x-frame-options") == "SAMEORIGIN", (route, got.status_code, dict(got.headers))
    # Nor is the signed-in page kept in the browser's cache: Back after signing out asks the server again.
    assert reader.get("/").headers.get("cache-control") == "no-store"


def test_another_users_event_cannot_be_cancelled_or_fed(world: tuple[GovdocService, Settings], page: str) -> None:
    """gradio cancels an event by its id alone (the body's session is only where it posts "done"), and
    ``POST /gradio_api/stream/<编号>`` replaces a queued event's input by its id. A user who learnt another's
    event id, and names a session of their own, is refused on both; the event's owner may still cancel it."""
    service, _ = world
    owner, other = _browser(service, page, "读者甲"), _browser(service, page, "读者乙")
    session, own_session = f"甲的会话{time.monotonic_ns()}", f"乙的会话{time.monotonic_ns()}"
    event = _chat_event(owner, session, "甲校的值班安排怎么定？")
    joined = owner.post("/gradio_api/queue/join", json=event)
    assert joined.status_code == 200
    event_id = joined.json()["event_id"]
    _asked_in_own_session(other, own_session, QUESTION)  # the other user's session is really theirs
    cancel = {"session_hash": own_session, "fn_index": event["fn_index"], "event_id": event_id}
    stolen = other.post("/gradio_api/cancel", json=cancel)
    assert stolen.status_code == 403 and "另一位用户" in stolen.json()["error"]
    for route in (f"/gradio_api/stream/{event_id}", f"/gradio_api/stream/{event_id}/close"):
        fed = other.post(route, json={**_chat_event(other, own_session, QUESTION), "event_id": event_id})
        assert fed.status_code == 403, (route, fed.status_code, fed.text[:200])
    media = other.get(f"/gradio_api/stream/{session}/0/1/playlist.m3u8")
    assert media.status_code == 403
    mine = owner.post("/gradio_api/cancel", json={**cancel, "session_hash": session})
    assert mine.status_code == 200, mine.text[:200]


def test_the_page_is_not_shared_with_another_site_reached_by_a_lan_name(
    world: tuple[GovdocService, Settings], page: str
) -> None:
    """Reached by a name that is not a loopback one (as on a LAN), gradio allowed any site to read the page's
    routes with the browser's credentials. The page's responses carry no CORS grant for another site; its own
    origin, and the API for its clients, keep theirs."""
    service, _ = world
    reader = _browser(service, page, "读者乙")
    lan = {"Host": "govdoc.lan:7860"}
    for route in ("/config", "/gradio_api/info"):
        foreign = reader.get(route, headers={**lan, "Origin": "http://evil.example"})
        assert foreign.status_code == 200 and "access-control-allow-origin" not in foreign.headers, route
        assert not any(h.startswith("access-control-allow") for h in foreign.headers), dict(foreign.headers)
        preflight = reader.options(route, headers={**lan, "Origin": "http://evil.example",
                                                   "Access-Control-Request-Method": "POST"})
        assert "access-control-allow-origin" not in preflight.headers, route
        own = reader.get(route, headers={**lan, "Origin": "http://govdoc.lan:7860"})
        assert own.headers.get("access-control-allow-origin") == "http://govdoc.lan:7860", route
    api = reader.get("/api/status", headers={**lan, "Origin": "http://chat-client.lan"})
    assert api.headers.get("access-control-allow-origin") in ("*", "http://chat-client.lan")
    # With accounts, a page on another port of this machine is another site too (it gets the cookie all the same).
    other_port = page.rsplit(":", 1)[0] + ":9999"
    for route in ("/config", "/gradio_api/info"):
        local = reader.get(route, headers={"Origin": other_port})
        assert local.status_code == 200 and "access-control-allow-origin" not in local.headers, route


def test_a_malformed_page_event_is_refused_in_chinese(world: tuple[GovdocService, Settings], page: str) -> None:
    """An event body that names a real event but lacks its fields was answered by gradio's validation in
    English; it is refused with the page's own Chinese message, and nothing of the body's shape leaks."""
    service, _ = world
    reader = _browser(service, page, "读者乙")
    event = _chat_event(reader, f"乙的会话{time.monotonic_ns()}", QUESTION)
    for route, body in (("/gradio_api/queue/join", {"fn_index": event["fn_index"], "session_hash": "x1"}),
                        ("/gradio_api/run/chat", {"session_hash": "x2"}),
                        ("/gradio_api/cancel", {"session_hash": "x3"})):
        bad = reader.post(route, json=body)
        assert bad.status_code in (400, 422), (route, bad.status_code)
        text = bad.json()["error"]
        assert text == bad.json()["detail"] and "请求" in text and not any(c.isascii() and c.isalpha() for c in text)


def test_no_account_may_take_the_name_of_the_local_user_or_the_settings_key(tmp_path: Path) -> None:
    """The audit log and the account list name the configured key's holder and the one local user by these
    names; an account of the same name would pass for either there."""
    from govdoc.accounts import LOCAL, AccountError

    service, _ = _key_world(tmp_path, "sk-some-key-0123456789")
    try:
        for name in (SETTINGS_KEY.name, LOCAL.name):
            with pytest.raises(AccountError, match="保留"):
                service.accounts.add_user(name, PASSWORD, "reader")
        service.accounts.add_user("接口密钥管理员", PASSWORD, "reader")  # a name that only shares words is fine
    finally:
        service.close()


def test_gradios_english_errors_on_the_page_routes_are_answered_in_chinese(
    world: tuple[GovdocService, Settings], page: str
) -> None:
    """gradio and FastAPI answered bad requests on the page's routes in English ("Not Found", "Upload not
    found", "Invalid content type.", "Method Not Allowed", "This URL cannot be proxied."). Each is now the
    page's Chinese message for its status; the guards' own Chinese refusals and the API's errors are kept."""
    service, _ = world
    reader = _browser(service, page, "校长")
    for method, route, status in (("GET", "/no-such-page", 404), ("GET", "/gradio_api/no-such-route", 404),
                                  ("GET", "/gradio_api/upload_progress?upload_id=x", 404),
                                  ("POST", "/gradio_api/upload", 400), ("PUT", "/config", 405),
                                  ("GET", "/gradio_api/proxy=http://x.example/", 400),
                                  ("POST", "/gradio_api/component_server", 400)):
        got = reader.request(method, route)
        assert got.status_code == status, (route, got.status_code, got.text[:200])
        said = got.json()["error"]
        assert said == got.json()["detail"] and not any(c.isascii() and c.isalpha() for c in said), (route, got.text)
    refused = reader.get("/gradio_api/file=/etc/passwd")
    assert refused.status_code == 403 and "权限" in refused.json()["error"]  # a guard's own words stand
    for route in ("/api/no-such-route", "/v1/no-such-route"):  # gradio, mounted at "/", answered these in English
        api = reader.get(route)
        assert api.status_code == 404 and api.json()["error"]["message"] == f"没有这个接口：{route}", api.text
    wrong = reader.get("/v1/chat/completions")  # a path the API serves, asked by a method it does not take
    assert wrong.status_code == 405 and wrong.json()["error"]["message"] == "/v1/chat/completions 不支持 GET 请求"
    assert reader.get("/config").status_code == 200


def test_another_port_of_the_host_cannot_sign_a_user_out(world: tuple[GovdocService, Settings], page: str) -> None:
    """The session cookie goes along with a request from a page on another port of the same host (the same
    site): ``<img src="http://host:7860/logout">`` there signed the user out. Only the page's own link signs
    out at once; any other GET is asked first, and a POST from elsewhere is refused."""
    service, _ = world
    token = service.accounts.open_session("读者甲")
    other_port = page.rsplit(":", 1)[0] + ":9999"
    with httpx.Client(base_url=page, timeout=60, cookies={COOKIE: token}) as browser:
        for headers in ({}, {"Referer": other_port + "/game.html"}, {"Origin": other_port}):
            asked = browser.get("/logout", headers=headers, follow_redirects=False)
            assert asked.status_code == 200 and "确定要退出登录吗" in asked.text, (headers, asked.status_code)
            assert 'method="post"' in asked.text and asked.headers.get("x-frame-options") == "DENY"
            assert '<a href="/">取消，返回</a>' in asked.text  # and a way back to the page
        posted = browser.post("/logout", headers={"Origin": other_port}, follow_redirects=False)
        assert posted.status_code == 403
        assert browser.get("/config").status_code == 200  # still signed in
        confirmed = browser.post("/logout", headers={"Origin": page}, follow_redirects=False)
        assert confirmed.status_code == 303 and confirmed.headers["location"] == "/login"
        assert browser.get("/config").status_code == 401
    token = service.accounts.open_session("读者甲")
    with httpx.Client(base_url=page, timeout=60, cookies={COOKIE: token}) as browser:
        clicked = browser.get("/logout", headers={"Referer": page + "/"}, follow_redirects=False)
        assert clicked.status_code == 303  # the page's own link signs out at once
        assert browser.get("/config").status_code == 401


@pytest.mark.parametrize("name", ["本機用户", "本机用戶", "本機用戶", "設置中的接口密鑰", "本机用ｘ"])
def test_an_account_cannot_pass_for_the_local_user_or_the_settings_key(tmp_path: Path, name: str) -> None:
    """Traditional or look-alike spellings of the two reserved names read as them in the audit log."""
    from govdoc.accounts import AccountError

    service, _ = _key_world(tmp_path, "sk-some-key-0123456789")
    try:
        with pytest.raises(AccountError, match="保留"):
            service.accounts.add_user(name, PASSWORD, "reader")
        for fine in ("测试用户", "本机老师", "本机用户组长"):  # sharing half the name, or more than it, is fine
            service.accounts.add_user(fine, PASSWORD, "reader")
    finally:
        service.close()


def test_a_stream_of_a_session_with_no_events_is_refused_before_it_starts(
    world: tuple[GovdocService, Settings], page: str
) -> None:
    """gradio started the stream, then broke it with an English "404: Not Found" and logged two tracebacks:
    any signed-in reader could fill the server's log by asking for made-up sessions."""
    service, _ = world
    reader = _browser(service, page, "读者乙")
    for query in ({"session_hash": f"没有的会话{time.monotonic_ns()}"}, {}):
        got = reader.get("/gradio_api/queue/data", params=query)
        assert got.status_code == 404 and "Not Found" not in got.text, (query, got.status_code, got.text[:200])
        assert got.json()["error"] == "这个会话没有进行中的操作，请刷新页面后重试"
    session = f"乙的会话{time.monotonic_ns()}"
    assert reader.post("/gradio_api/queue/join", json=_chat_event(reader, session, QUESTION)).status_code == 200
    with reader.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        assert stream.status_code == 200 and "process_completed" in stream.read().decode("utf-8")
