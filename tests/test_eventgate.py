"""`EventGate` in front of a real gradio page served by uvicorn: unknown events, the per-user share of
answering events, and gradio's development route, each refused in Chinese before gradio.

The login gate is stood in for by a middleware that takes the user's name from a header: the gate
under test reads only the principal the login gate leaves in the request's state.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from index_checks import serving
from starlette.types import ASGIApp, Receive, Scope, Send

from govdoc.accounts import Principal
from govdoc.web.eventgate import ANSWER_SLOT, EventGate
from govdoc.web.sessions import SessionGuard, SessionOwners

pytestmark = pytest.mark.slow  # importing gradio takes ~10 s
ENGLISH = re.compile(r"[A-Za-z]{4,}")  # a word of English in a refusal's message


class HeaderLogin:
    """Stands in for the login gate: the ``x-user`` header names the signed-in reader."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            name = dict(scope["headers"]).get(b"x-user", b"").decode()
            if name:
                scope.setdefault("state", {})["principal"] = Principal(name, "reader", "session")
        await self.app(scope, receive, send)


class Page:
    """A page with one slow answering event (held until ``go`` is set) and one ordinary event."""

    def __init__(self) -> None:
        import gradio as gr

        self.go = threading.Event()
        with gr.Blocks() as self.blocks:
            question = gr.Textbox()
            answer = gr.Textbox()
            gr.Button("问").click(self.answer, [question], [answer], api_name="ask", concurrency_id=ANSWER_SLOT)
            gr.Button("刷新").click(lambda q: q, [question], [answer], api_name="echo")
        self.blocks.queue(default_concurrency_limit=8)
        self.ask = next(i for i, fn in self.blocks.fns.items() if fn.api_name == "ask")
        self.echo = next(i for i, fn in self.blocks.fns.items() if fn.api_name == "echo")

    def answer(self, question: str) -> str:
        self.go.wait(30)
        return f"答：{question}"


@pytest.fixture(scope="module")
def page() -> Iterator[tuple[Page, str]]:
    import gradio as gr

    page = Page()
    app = gr.mount_gradio_app(FastAPI(), page.blocks, path="/")
    owners = SessionOwners()
    app.add_middleware(EventGate, blocks=page.blocks, owners=owners, per_user=1)
    app.add_middleware(SessionGuard, owners=owners)
    app.add_middleware(HeaderLogin)
    with serving(app) as url:
        yield page, url
    page.go.set()


def join(c: httpx.Client, user: str, fn_index: Any, session: str, data: list[Any] | None = None) -> httpx.Response:
    body = {"data": data or ["教师享有哪些权利？"], "fn_index": fn_index, "session_hash": session}
    return c.post("/gradio_api/queue/join", json=body, headers={"x-user": user})


def assert_chinese_refusal(reply: httpx.Response, status: int) -> str:
    assert reply.status_code == status, (reply.status_code, reply.text)
    message = reply.json()["detail"]
    assert not ENGLISH.search(message) and "Traceback" not in reply.text, message
    return str(message)


def completed(c: httpx.Client, user: str, session: str) -> Any:
    """The output of the session's next completed event."""
    params = {"session_hash": session}
    with c.stream("GET", "/gradio_api/queue/data", params=params, headers={"x-user": user}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return message["output"]
    raise AssertionError("the event never completed")


def test_an_unknown_or_malformed_event_gets_a_chinese_400_or_404(page: tuple[Page, str]) -> None:
    pages, url = page
    with httpx.Client(base_url=url, timeout=30) as c:
        for unknown in (9999, -1):
            assert "刷新页面" in assert_chinese_refusal(join(c, "reader-a", unknown, "s-unknown"), 404)
        assert_chinese_refusal(join(c, "reader-a", "0", "s-unknown"), 400)
        assert_chinese_refusal(join(c, "reader-a", pages.echo, ""), 400)  # gradio needs a session name
        for body in (b"{", b"[]", b"null"):
            sent = c.post("/gradio_api/queue/join", content=body, headers={"x-user": "reader-a"})
            assert_chinese_refusal(sent, 400)
        for route in ("/gradio_api/run/nosuch", "/gradio_api/call/nosuch", "/gradio_api/api/nosuch"):
            got = c.post(route, json={"data": ["x"]}, headers={"x-user": "reader-a"})
            assert_chinese_refusal(got, 404)
        ran = c.post("/gradio_api/run/echo", json={"data": ["你好"]}, headers={"x-user": "reader-a"})
        assert ran.status_code == 200 and ran.json()["data"] == ["你好"]  # a known event still runs
        assert join(c, "reader-a", pages.echo, "s-echo", ["再见"]).status_code == 200
        assert completed(c, "reader-a", "s-echo")["data"] == ["再见"]


def test_the_development_reload_route_is_closed(page: tuple[Page, str]) -> None:
    _, url = page
    with httpx.Client(base_url=url, timeout=10) as c:
        assert_chinese_refusal(c.get("/gradio_api/dev/reload", headers={"x-user": "reader-a"}), 404)


def test_one_user_gets_their_share_of_answers_and_another_is_still_answered(page: tuple[Page, str]) -> None:
    pages, url = page
    pages.go.clear()
    with httpx.Client(base_url=url, timeout=30) as c:
        # two answering events of one user at once, from two tabs: exactly one is taken
        with ThreadPoolExecutor(2) as pool:
            replies = list(pool.map(lambda s: join(c, "reader-b", pages.ask, s), ["b-1", "b-2"]))
        taken = [r for r in replies if r.status_code == 200]
        refused = [r for r in replies if r.status_code != 200]
        assert len(taken) == 1 and len(refused) == 1, [r.status_code for r in replies]
        assert "你已有 1 个请求正在处理" in assert_chinese_refusal(refused[0], 429)
        assert_chinese_refusal(join(c, "reader-b", pages.ask, "b-3"), 429)  # still held
        gradio_call = c.post("/gradio_api/call/ask", json={"data": ["x"]}, headers={"x-user": "reader-b"})
        assert_chinese_refusal(gradio_call, 429)  # gradio's named calls count too
        assert join(c, "reader-b", pages.echo, "b-3").status_code == 200  # events that do not answer are not counted
        assert join(c, "reader-c", pages.ask, "c-1").status_code == 200  # another user is answered meanwhile
        pages.go.set()
        mine = taken[0].request.content
        session = json.loads(mine)["session_hash"]
        assert completed(c, "reader-b", session)["data"] == ["答：教师享有哪些权利？"]
        assert completed(c, "reader-c", "c-1")["data"] == ["答：教师享有哪些权利？"]
        assert join(c, "reader-b", pages.ask, "b-4").status_code == 200  # the share is back once the answer is done
        assert completed(c, "reader-b", "b-4")["data"] == ["答：教师享有哪些权利？"]


def test_a_named_call_counts_the_event_its_name_runs_not_a_fn_index_in_its_body(page: tuple[Page, str]) -> None:
    """gradio's ``/gradio_api/call/<名>`` runs the event its name gives and drops a ``fn_index`` in the body.
    A user who holds their share and names a non-answering event there is still refused: the answering event
    the name runs is the one counted."""
    pages, url = page
    pages.go.clear()
    try:
        with httpx.Client(base_url=url, timeout=30) as c:
            assert join(c, "reader-e", pages.ask, "e-1").status_code == 200  # the one answer of the share
            disguised = c.post("/gradio_api/call/ask", json={"data": ["x"], "fn_index": pages.echo},
                               headers={"x-user": "reader-e"})
            assert_chinese_refusal(disguised, 429)
            pages.go.set()
            assert completed(c, "reader-e", "e-1")["data"] == ["答：教师享有哪些权利？"]
    finally:
        pages.go.set()


def test_the_v2_call_route_gradio_cannot_serve_is_closed_in_chinese(page: tuple[Page, str]) -> None:
    """``POST /gradio_api/call/v2/<名>`` fails inside gradio for every event (an English 500, a traceback in the
    log); it answers the page's Chinese 404 instead, and the v1 call route still runs the event."""
    _, url = page
    with httpx.Client(base_url=url, timeout=30) as c:
        for body in ({"data": ["你好"]}, {"data": ["你好"], "session_hash": "s-v2"}):
            assert_chinese_refusal(c.post("/gradio_api/call/v2/echo", json=body, headers={"x-user": "reader-a"}), 404)
        started = c.post("/gradio_api/call/echo", json={"data": ["你好"]}, headers={"x-user": "reader-a"})
        assert started.status_code == 200 and started.json()["event_id"]
