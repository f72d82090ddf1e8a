"""Hostile use of the kept conversations, feedback, test sets and document views, against a live
`govdoc serve` with accounts: a user of one school replays the page's events and the download routes
with another school's conversation and document ids, forged browser ids and path tricks.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from index_checks import GOVDOC, child, free_port, govdoc_env, wait_listening
from index_checks import govdoc_ok as govdoc

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-42"
SCHOOL_B_FACT = "乙校游泳馆每周四下午向教职工开放，由工会负责登记"
SCHOOL_B_TITLE = "乙校游泳馆开放管理办法"
SCHOOL_B_QUESTION = "乙校游泳馆什么时候向教职工开放？"
SHARED_QUESTION = "教师享有哪些权利？"
SECRET = "游泳馆"  # in school B's question, title, answer and document
BUNDLED = "教师法(2009-08-27).md"
TRAVERSALS = ("../../x", "..%2F..%2Fx", "/etc/passwd", "..\\..\\x", "本机:../../secret")


@dataclass
class Site:
    base: str
    root: Path
    data: Path
    index: Path

    def login(self, name: str) -> httpx.Client:
        client = httpx.Client(base_url=self.base, timeout=60, headers={"Origin": self.base})
        reply = client.post("/login", data={"username": name, "password": PASSWORD, "next": "/"})
        assert reply.status_code == 303, reply.text
        return client


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("chat-schools")
    data = root / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / BUNDLED, data)
    inbox_b = root / "乙校资料"
    inbox_b.mkdir()
    (inbox_b / "游泳馆.md").write_text(f"# {SCHOOL_B_TITLE}\n\n第一条 {SCHOOL_B_FACT}。\n", encoding="utf-8")
    port = free_port()
    env = govdoc_env(root / "index", GOVDOC_DATA_DIR=str(data), GOVDOC_UI__PORT=str(port), GOVDOC_UI__HOST="0.0.0.0")
    users = (("校长甲", "admin"), ("读者甲", "reader"), ("编辑乙", "editor"), ("zhang@a", "reader"), ("zhang_a", "reader"))
    for name, role in users:
        govdoc(["user", "add", name, "--role", role, "--password-stdin"], env, root, PASSWORD + "\n")
    for kb in ("甲校", "乙校"):
        govdoc(["kb", "add", kb], env, root)
    govdoc(["kb", "grant", "甲校", "读者甲", "reader"], env, root)
    govdoc(["kb", "grant", "乙校", "编辑乙", "editor"], env, root)
    govdoc(["ingest", "--kb", "乙校", str(inbox_b)], env, root)
    log = root / "serve.log"
    with child([*GOVDOC, "serve"], env, root, log) as process:
        base = f"http://127.0.0.1:{port}"
        wait_listening(base + "/login", process, log)
        yield Site(base, root, data, root / "index")


class Page:
    """One browser tab: a gradio session whose State lives on the server between events."""

    def __init__(self, client: httpx.Client) -> None:
        self.c = client
        self.session = f"s{time.monotonic_ns()}"
        config = client.get("/config")
        assert config.status_code == 200, config.status_code
        self.ids = {comp.get("props", {}).get("elem_id"): comp["id"] for comp in config.json()["components"]}
        self.deps = config.json()["dependencies"]

    def event(self, elem_id: str, data: list[Any], first_input: str = "") -> dict[str, Any]:
        """Run the first event on ``elem_id`` (or the one whose first input is ``first_input``, for a
        step chained after another); returns the final message (output or error)."""
        target = self.ids.get(elem_id)
        if first_input and target is None:  # a page-load step: the one reading ``first_input`` second
            fn = next(i for i, d in enumerate(self.deps) if d["inputs"][1:2] == [self.ids[first_input]])
            target = self.deps[fn]["targets"][0][0]
        elif first_input:
            fn = next(i for i, d in enumerate(self.deps) if d["inputs"][:1] == [self.ids[first_input]])
        else:
            fn = next(i for i, d in enumerate(self.deps) if any(t[0] == target for t in d["targets"]))
        joined = self.c.post("/gradio_api/queue/join", json={"data": data, "fn_index": fn, "session_hash": self.session,
                                                             "event_data": None, "trigger_id": target})
        assert joined.status_code == 200, joined.text
        with self.c.stream("GET", "/gradio_api/queue/data", params={"session_hash": self.session}) as stream:
            for line in stream.iter_lines():
                if line.startswith("data:"):
                    message = json.loads(line[5:])
                    if message.get("msg") == "process_completed":
                        return dict(message)
        raise AssertionError("no result")

    def ask(self, question: str, browser: dict[str, Any] | None = None) -> str:
        """Ask on the chat; returns the id of the conversation it was kept in."""
        done = self.event("gd-question", [question, None, None, browser or {"id": "b1"}, "bm25", 5, "extractive", [], []])
        assert done["success"], done
        return str(done["output"]["data"][5]["value"])  # the side list, the kept conversation selected


def text_of(message: dict[str, Any]) -> str:
    return json.dumps(message, ensure_ascii=False)


def test_a_reader_cannot_reach_another_schools_conversation(site: Site) -> None:
    with closing(site.login("编辑乙")) as b:
        conv = Page(b).ask(SCHOOL_B_QUESTION)
        assert conv and SECRET in b.get(f"/chat/export/{conv}", params={"fmt": "md"}).text
        # Reloaded, the owner's tab opens its conversation again.
        assert SCHOOL_B_QUESTION in text_of(Page(b).event("", [{"id": "b1"}, conv, None, None], "gd-opened"))
    with closing(site.login("读者甲")) as a:
        for b_value in ("", "x", *TRAVERSALS):
            for fmt in ("md", "docx"):
                got = a.get(f"/chat/export/{conv}", params={"fmt": fmt, "b": b_value})
                assert got.status_code == 404 and SECRET not in got.text, (b_value, got.status_code)
        page = Page(a)
        opened = page.event("gd-conversations", [conv, {"id": "b1"}])
        assert SECRET not in text_of(opened)
        # A tab whose session storage is made to name the other school's conversation opens nothing.
        loaded = page.event("", [{"id": "b1"}, conv, None, None], "gd-opened")
        assert loaded["success"] and SECRET not in text_of(loaded) and SCHOOL_B_QUESTION not in text_of(loaded)
        renamed = page.event("gd-rename-go", ["<img src=x onerror=alert(1)>", None, {"id": "b1"}])
        assert not renamed["success"]
        deleted = page.event("gd-delete-conv", [True, None, {"id": "b1"}], "gd-delete-confirmed")  # after confirm()
        assert SECRET not in text_of(deleted)
    with closing(site.login("编辑乙")) as b:
        assert SECRET in b.get(f"/chat/export/{conv}", params={"fmt": "md"}).text  # still there


def test_an_answer_given_before_the_page_finished_loading_stays_on_screen(site: Site) -> None:
    # On a busy server the page's load step can run after the first answer: it must not wipe that answer.
    with closing(site.login("编辑乙")) as b:
        page = Page(b)
        conv = page.ask(SCHOOL_B_QUESTION)
        loaded = page.event("", [{"id": "b1"}, "", None, None], "gd-opened")
        assert loaded["success"], loaded
        chatbot, listing, exports = loaded["output"]["data"][3:6]  # (the states before them stay on the server)
        assert chatbot == {"__type__": "update"}, chatbot  # left as it is
        assert conv in json.dumps(exports) and listing["value"] == conv
        # A fresh tab, which has answered nothing yet, has no conversation selected and nothing to export.
        fresh = Page(b).event("", [{"id": "b1"}, "", None, None], "gd-opened")
        assert fresh["output"]["data"][4]["value"] is None and conv not in json.dumps(fresh["output"]["data"][5])


def test_a_reader_cannot_view_or_delete_another_schools_document(site: Site) -> None:
    with closing(site.login("编辑乙")) as b:
        docs = b.get("/api/documents").json()
    b_ids = [d["doc_id"] for d in docs if d["title"] == SCHOOL_B_TITLE]
    assert b_ids
    with closing(site.login("读者甲")) as a:
        page = Page(a)
        seen = page.event("gd-doc-choice", [b_ids[0], None])
        assert SECRET not in text_of(seen) and "资料中没有这个文档" in text_of(seen)
        gone = page.event("gd-delete-confirm", [b_ids[0], True])
        assert SECRET not in text_of(gone)
        assert a.delete(f"/api/documents/{b_ids[0]}", params={"delete_file": "true"}).status_code == 404
    with closing(site.login("编辑乙")) as b:
        assert any(d["title"] == SCHOOL_B_TITLE for d in b.get("/api/documents").json())


def test_an_admin_deleting_a_bundled_file_never_deletes_the_file(site: Site) -> None:
    with closing(site.login("校长甲")) as admin:
        docs = admin.get("/api/documents").json()
        law = next(d for d in docs if d["source"].endswith(BUNDLED))
        done = admin.delete(f"/api/documents/{law['doc_id']}", params={"delete_file": "true"})
        assert done.status_code == 200 and done.json()["file_deleted"] is False
    assert (site.data / BUNDLED).is_file()


def test_a_forged_browser_id_names_no_file(site: Site) -> None:
    with closing(site.login("读者甲")) as a:
        for b_value in TRAVERSALS:
            got = a.get("/chat/testset", params={"b": b_value})
            assert got.status_code == 404 and "root:" not in got.text
    written = [p for p in site.root.rglob("*.jsonl") if "user-testsets" not in str(p)]
    assert not [p for p in written if p.stat().st_mtime > time.time() - 600 and "index" not in p.parts]


def test_users_whose_names_differ_in_a_symbol_keep_separate_test_sets(site: Site) -> None:
    with closing(site.login("zhang@a")) as z:
        page = Page(z)
        page.ask(SHARED_QUESTION)
        rated = page.event("gd-rate-go", [json.dumps({"turn": 0, "rating": -1}), None, None, {"id": "b1"}])
        assert rated["success"], rated
        made = page.event("gd-feedback-testset", [None, None, None, "资料中没有", True, {"id": "b1"}])
        assert made["success"], made
        assert z.get("/chat/testset").status_code == 200
    with closing(site.login("zhang_a")) as other:
        got = other.get("/chat/testset")
        assert got.status_code == 404, got.text  # zhang@a's test set is not theirs


def test_feedback_events_with_forged_inputs_reach_nothing_of_another_school(site: Site) -> None:
    with closing(site.login("编辑乙")) as b:
        b_doc = next(d["doc_id"] for d in b.get("/api/documents").json() if d["title"] == SCHOOL_B_TITLE)
    with closing(site.login("读者甲")) as a:
        page = Page(a)
        page.ask(SHARED_QUESTION)
        for payload in ("", "x", "[]", '{"turn": -1, "rating": -1}', '{"turn": 99, "rating": -1}',
                        '{"turn": 0, "rating": 7}', '{"turn": "0; drop", "rating": -1}', '{"turn": 1e309}'):
            bad = page.event("gd-rate-go", [payload, None, None, {"id": "b1"}])
            assert not bad["success"] and "Traceback" not in text_of(bad), payload
        rated = page.event("gd-rate-go", [json.dumps({"turn": 0, "rating": -1}), None, None, {"id": "../../x"}])
        assert rated["success"], rated
        sentences = page.event("gd-feedback-doc", [b_doc])
        assert SECRET not in text_of(sentences)
        made = page.event("gd-feedback-testset", [None, b_doc, SCHOOL_B_FACT + "。", "每周四", False, {"id": "../../x"}])
        assert not made["success"] and SECRET not in text_of(made)  # the choice is not one of A's documents
        assert a.get("/chat/testset", params={"b": "../../x"}).status_code == 404
    assert not any(SECRET in p.read_text(encoding="utf-8") for p in site.root.rglob("*.jsonl"))


def test_oversize_and_malformed_bodies_to_the_page_events_are_refused(site: Site) -> None:
    with closing(site.login("读者甲")) as a:
        page = Page(a)
        big = a.post("/gradio_api/queue/join", json={"data": ["甲" * 2_000_000], "fn_index": 0, "session_hash": "s"})
        assert big.status_code == 413 and "请求体过大" in big.text
        for body in (b"{", b"[]", b'{"data": 5, "fn_index": "x"}'):
            got = a.post("/gradio_api/queue/join", content=body, headers={"Content-Type": "application/json"})
            assert got.status_code in (400, 422), (body, got.status_code)
        long = page.event("gd-question", ["问" * 200_000, None, None, {"id": "b1"}, "bm25", 5, "extractive", [], []])
        assert long["success"] and "问" * 1000 not in json.dumps(long["output"]["data"][0], ensure_ascii=False)
        listing = page.event("gd-clear", [{"id": "b1"}])
        assert "问问问问" not in text_of(listing)  # nothing was kept from it


def test_without_credentials_the_chat_routes_and_named_events_are_closed(site: Site) -> None:
    c = httpx.Client(base_url=site.base, timeout=30)
    body: dict[str, Any] = {"data": [SHARED_QUESTION, None, None, {"id": "b1"}, "bm25", 5, "extractive", [], []]}
    for path in ("/gradio_api/run/chat", "/gradio_api/call/chat", "/gradio_api/api/chat", "/run/chat", "/call/chat"):
        got = c.post(path, json=body)
        assert got.status_code in (401, 404, 405) and "教师" not in got.text, (path, got.status_code)
    for path in ("/chat/export/../../etc/passwd", "/chat/export/%2e%2e%2fx?fmt=md", "/chat/testset?b=../../x",
                 "/gradio_api/call/chat/x", "/gradio_api/info"):
        got = c.get(path)
        assert got.status_code in (401, 404) and "root:" not in got.text, (path, got.status_code)
