"""Conversations and feedback kept per owner, their downloads, and feedback turned into test items.

Real answers from the bundled documents (hashing embedder), a real SQLite file, the export routes
through FastAPI with two users' login sessions.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from fastapi import FastAPI
from fastapi.testclient import TestClient

from evals.schema import load_testset
from govdoc.access import COOKIE
from govdoc.accounts import LOCAL, Principal
from govdoc.conversations import (
    TITLE_CHARS,
    ConversationError,
    Conversations,
    answer_from_json,
    answer_to_json,
    owner_of,
)
from govdoc.feedback import MAX_COMMENT, MAX_CORRECTION, FeedbackError, key_points
from govdoc.service import GovdocService
from govdoc.settings import Settings
from govdoc.web.exports import export_router

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "哪些事项需要由党支部研究决定？"
PASSWORD = "correct-horse-42"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    root = tmp_path_factory.mktemp("conv")
    shutil.copytree(ROOT / "data", root / "data")
    settings = Settings(
        data_dir=root / "data",
        embedding={"mode": "hashing"},  # type: ignore[arg-type]
        store={"index_dir": root / "index"},  # type: ignore[arg-type]
    )
    svc = GovdocService(settings)
    svc.ingest([settings.data_dir])
    yield svc
    svc.close()


def test_an_answer_is_kept_whole(service: GovdocService) -> None:
    answer = service.ask(QUESTION, who=LOCAL)
    assert answer.citations
    again = answer_from_json(answer_to_json(answer))
    assert again.text == answer.text and again.citations == answer.citations and again.refused == answer.refused


def test_a_cited_table_row_is_kept_as_its_pairs(service: GovdocService) -> None:
    answer = service.ask(QUESTION, who=LOCAL)
    row = (("重点任务", "班主任培训"), ("预算（万元）", "8"), ("负责部门", "德育处"))
    cited = replace(answer, citations=(replace(answer.citations[0], row=row),))
    again = answer_from_json(answer_to_json(cited))
    assert again.citations[0].row == row and again.citations == cited.citations


def test_a_conversation_is_named_after_the_start_of_its_first_question(tmp_path: Path) -> None:
    store = Conversations(tmp_path / "project.sqlite3")
    long = "学校党组织领导下的校长负责制\n试点工作中，哪些重大事项需要由党支部会议研究决定，又由谁来组织落实？"
    title = store.create("甲", long).title
    assert title == "学校党组织领导下的校长负责制 试点工作中…" and len(title) == TITLE_CHARS + 1
    assert store.create("甲", "党支部的职责？").title == "党支部的职责？"  # a short one whole
    # A name the user gives is theirs: kept up to the rename box's length.
    assert store.rename("甲", store.create("甲", "问").id, long).title == " ".join(long.split())


def test_owners_never_see_each_others_conversations(tmp_path: Path, service: GovdocService) -> None:
    store = Conversations(tmp_path / "project.sqlite3")
    answer = service.ask(QUESTION, who=LOCAL)
    mine = store.create("甲", QUESTION)
    store.add_turn("甲", mine.id, QUESTION, answer)
    assert [c.id for c in store.for_owner("甲")] == [mine.id]
    assert store.for_owner("乙") == []
    for attempt in (
        lambda: store.turns("乙", mine.id),
        lambda: store.rename("乙", mine.id, "改名"),
        lambda: store.delete("乙", mine.id),
        lambda: store.add_turn("乙", mine.id, "问", answer),
    ):
        with pytest.raises(ConversationError):
            attempt()
    assert [t.question for t in store.turns("甲", mine.id)] == [QUESTION]  # nothing of it changed
    assert store.rename("甲", mine.id, "  党支部的职责 ").title == "党支部的职责"
    store.save_settings("甲", {"k": 3})
    assert store.settings("甲") == {"k": 3} and store.settings("乙") == {}
    store.delete("甲", mine.id)
    assert store.for_owner("甲") == []


def test_a_kept_answer_is_withheld_once_its_source_is_out_of_reach(service: GovdocService) -> None:
    answer = service.ask(QUESTION, who=LOCAL)
    source = next(d.source for d in service.documents(LOCAL) if d.doc_id == answer.citations[0].doc_id)  # the index key
    reader = Principal("读者丙", "reader", "session")
    kb = service.kbs.create("只给丙看的库").name
    service.kbs.assign(source, [kb])
    service.kbs.grant(kb, reader.name, "reader")
    try:
        conv = service.conversations.create(reader.name, QUESTION)
        service.conversations.add_turn(reader.name, conv.id, QUESTION, answer)
        shown = service.kept_turns(reader.name, conv.id, who=reader)
        assert shown[0].answer.text == answer.text and shown[0].answer.citations == answer.citations
        service.kbs.revoke(kb, reader.name)
        hidden = service.kept_turns(reader.name, conv.id, who=reader)[0].answer
        assert hidden.citations == () and answer.citations[0].quote[:12] not in hidden.text
        assert "无权查看" in hidden.text and hidden.question == QUESTION
        assert service.conversations.turns(reader.name, conv.id)[0].answer.text == answer.text  # kept as it was
    finally:
        service.kbs.forget(source)  # the file back in no base, as the other tests expect


def test_a_browser_owns_its_conversations_until_users_exist() -> None:
    assert owner_of(LOCAL, "0a1b2c3d4e5f") == "本机:0a1b2c3d4e5f" != owner_of(LOCAL, "ffeeddccbbaa")


def test_a_forged_browser_name_becomes_a_short_plain_owner_of_its_own() -> None:
    forged = [owner_of(LOCAL, name) for name in ("../../x" * 5000, "本机:../../x", "b1", "B1")]
    assert all(o.startswith("本机:") and len(o) <= 40 and "/" not in o for o in forged)
    assert len(set(forged)) == len(forged)  # still one owner per browser name
    assert owner_of(LOCAL, "b1") == forged[2]  # and the same name keeps its owner
    assert owner_of(Principal("校长甲", "admin", "session"), "abc") == "校长甲"


def test_key_points_are_the_correction_clauses_the_evidence_holds() -> None:
    evidence = "凡涉及党的建设、办学方向、改革发展等重大事项由党支部研究决定。"
    assert key_points("党的建设，办学方向，以及校长的意见", evidence) == ["党的建设", "办学方向"]
    assert key_points("完全不同的说法", evidence) == [evidence.rstrip("。")]


def test_a_thumbs_down_becomes_a_valid_test_item(service: GovdocService) -> None:
    answer = service.ask(QUESTION, who=LOCAL)
    owner = owner_of(LOCAL, "test-browser")
    up = service.feedback.rate(owner, "c1", 0, 1, QUESTION, answer)
    with pytest.raises(FeedbackError, match="没帮助"):
        service.feedback.to_test_item(owner, up.id, doc_title="x", evidence="y", correction="z")
    down = service.feedback.rate(owner, "c1", 1, -1, QUESTION, answer)
    service.feedback.annotate(owner, down.id, "答非所问", "")
    with pytest.raises(FeedbackError, match="不能超过"):  # the page's limits hold for every route
        service.feedback.annotate(owner, down.id, "长" * (MAX_COMMENT + 1), "")
    with pytest.raises(FeedbackError, match="不能超过"):
        service.feedback.to_test_item(owner, down.id, doc_title="x", evidence="y", correction="长" * (MAX_CORRECTION + 1))
    with pytest.raises(FeedbackError, match="正确答案"):
        service.feedback.to_test_item(owner, down.id, doc_title="x", evidence="y", correction="")
    quote = answer.citations[0]
    item, path = service.feedback.to_test_item(
        owner, down.id, doc_title=quote.doc_title, evidence=quote.quote, correction="党的建设和办学方向由党支部研究决定"
    )
    assert item.answerable and item.evidence == (quote.quote,) and item.doc_title == quote.doc_title
    # Made again: the same item, replaced in place, never a second line with the same id.
    service.feedback.to_test_item(owner, down.id, doc_title=quote.doc_title, evidence=quote.quote, correction="党的建设")
    items = load_testset(path)
    assert [i.id for i in items] == [item.id] and items[0].reference == "党的建设"
    kept = service.feedback.get(owner, down.id)
    assert kept.comment == "答非所问" and kept.test_item == item.id and kept.answer.citations == answer.citations
    assert [f.id for f in service.feedback.for_owner(owner_of(LOCAL, "other"))] == []
    with pytest.raises(FeedbackError):
        service.feedback.get(owner_of(LOCAL, "other"), down.id)


def test_export_routes_check_who_asks_and_hold_footnotes(service: GovdocService) -> None:
    accounts = service.accounts
    for name in ("读者甲", "读者乙"):
        accounts.add_user(name, PASSWORD, "reader")
    try:
        answer = service.ask(QUESTION, who=LOCAL)
        conv = service.conversations.create("读者甲", QUESTION)
        service.conversations.add_turn("读者甲", conv.id, QUESTION, answer)
        app = FastAPI()
        app.include_router(export_router(service))
        client = TestClient(app)
        url = f"/chat/export/{conv.id}"
        assert client.get(url).status_code == 401  # no login
        other = {COOKIE: accounts.open_session("读者乙")}
        assert client.get(url, cookies=other).status_code == 404  # someone else's: as if it did not exist
        assert client.get("/chat/testset", cookies=other).status_code == 404
        mine = {COOKIE: accounts.open_session("读者甲")}
        word = client.get(url, params={"fmt": "docx", "turn": 0}, cookies=mine)
        assert word.status_code == 200 and word.headers["content-type"].startswith("application/vnd.openxml")
        doc = Document(io.BytesIO(word.content))
        assert any(QUESTION in p.text for p in doc.paragraphs)
        notes = [p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/footnotes.xml"]
        assert notes and answer.citations[0].quote[:20] in notes[0].blob.decode("utf-8")
        assert b"footnoteReference" in doc.part.blob
        markdown = client.get(url, params={"fmt": "md"}, cookies=mine)
        assert markdown.status_code == 200
        assert "参考来源" in markdown.text and answer.citations[0].doc_title in markdown.text
        assert client.get(url, params={"fmt": "pdf"}, cookies=mine).status_code == 400
    finally:
        with service.accounts._db.transaction() as conn:  # leave the module's service without users
            conn.execute("DELETE FROM users")
            conn.execute("DELETE FROM sessions")


def test_feedback_rows_are_the_users_own(service: GovdocService) -> None:
    from govdoc.web.feedback import feedback_rows, sentences

    answer = service.ask(QUESTION, who=LOCAL)
    service.feedback.rate(owner_of(LOCAL, "rows"), "c9", 0, -1, QUESTION, answer)
    rows = feedback_rows(service, LOCAL, "rows")
    assert len(rows) == 1 and rows[0][0] == "没帮助" and rows[0][1] == QUESTION
    assert feedback_rows(service, LOCAL, "another-browser") == []
    assert sentences("第一条 甲。\n第二条 乙乙乙乙；丙丙丙丙丙！") == ["第一条 甲。", "第二条 乙乙乙乙；", "丙丙丙丙丙！"]
    assert json.loads(json.dumps(rows, ensure_ascii=False)) == rows


def test_the_feedback_list_shows_each_user_theirs_and_an_administrator_all(service: GovdocService) -> None:
    from govdoc.web.feedback import feedback_list_html

    answer = service.ask(QUESTION, who=LOCAL)
    alice, bob = Principal("alice", "editor", "session"), Principal("bob", "reader", "session")
    admin = Principal("chief", "admin", "session")
    mine = service.feedback.rate(owner_of(alice, ""), "ca", 0, -1, QUESTION, answer)
    service.feedback.annotate(owner_of(alice, ""), mine.id, "不够全", "应包括党的建设等重大事项")
    service.feedback.rate(owner_of(bob, ""), "cb", 0, 1, "教师享有哪些权利？", answer)

    shown = feedback_list_html(service, alice)
    assert shown.count("gd-feedback-item") == 1
    assert all(s in shown for s in ("没帮助", QUESTION, "不够全", "应包括党的建设等重大事项", "未加入测试集"))
    assert html_text(answer.text[:20]) in shown  # the answer itself, whole
    assert "教师享有哪些权利" not in shown and "反馈人" not in shown  # not bob's, and no names for a user
    everyone = feedback_list_html(service, admin)
    assert everyone.count("gd-feedback-item") >= 2 and "教师享有哪些权利" in everyone and "有帮助" in everyone
    assert "反馈人" in everyone and "alice" in everyone and "bob" in everyone
    assert "还没有反馈" in feedback_list_html(service, Principal("carol", "reader", "session"))


def html_text(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "<br>")


def test_a_source_opens_its_document_at_the_quote(service: GovdocService) -> None:
    from govdoc.web import docview, render
    from govdoc.web.documents import open_place

    answer = service.ask(QUESTION, who=LOCAL)
    cited = answer.citations[0]
    button = render.open_document_button(cited)
    assert f"gd-doc-{cited.doc_id}" in button and f"gd-at-{cited.start}-{cited.end}" in button and "在文档中查看" in button
    assert button in render.source_html(cited, None)
    place = open_place(json.dumps({"doc": cited.doc_id, "start": cited.start, "end": cited.end}))
    assert place == {"doc": cited.doc_id, "start": cited.start, "end": cited.end}
    assert open_place("{}") is None and open_place('{"doc": "x", "start": 5, "end": 2}') is None

    view = service.document_view(cited.doc_id, who=LOCAL)
    body = docview.view_body_html(view, (cited.start, cited.end))
    assert body.count("gd-hit") == 1
    assert body.count("<mark>") == 1 and f"<mark>{html_text(cited.quote)}</mark>" in body[body.index("gd-hit") :]
    holding = [c for c in view.chunks if c.start <= cited.start and cited.end <= c.end]
    assert holding and f'data-n="{view.chunks.index(holding[0]) + 1}"' in body[body.index("gd-hit") - 60 :]
    assert "gd-hit" not in docview.view_body_html(view)
