"""The project's own tables (accounts, knowledge bases, conversations, feedback, the audit log) keep one
contract on both homes: the SQLite file beside the index, and PostgreSQL. On PostgreSQL, two services on
one database share them: a login or a grant made through one holds on the other."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from assistant.types import Answer, Citation
from govdoc.access import COOKIE, Access
from govdoc.accounts import AccountError, Accounts, Principal
from govdoc.audit import AuditLog
from govdoc.conversations import Conversations
from govdoc.feedback import FeedbackStore
from govdoc.kbs import SHARED, KnowledgeBases
from govdoc.projectdb import PgDatabase, Place, close_place, project_place
from govdoc.settings import Settings
from ingest.config import StoreSettings


@pytest.fixture(params=["sqlite", "postgres"])
def place(request: pytest.FixtureRequest, tmp_path: Path) -> Place:
    if request.param == "sqlite":
        return project_place(StoreSettings(index_dir=tmp_path / "index"))
    dsn = request.getfixturevalue("postgres_dsn")
    # A schema of its own per test: the database outlives the test.
    db = project_place(StoreSettings(backend="postgres", dsn=dsn, collection=f"t{secrets.token_hex(4)}"))
    assert isinstance(db, PgDatabase)
    request.addfinalizer(lambda: close_place(db))
    return db


def answer(text: str) -> Answer:
    cite = Citation(
        n=1, doc_title="某办法", source="某办法.md", section="", page=None, quote=text,
        chunk_id="c1", doc_id="d1", start=0, end=len(text),
    )
    return Answer(question="问", text=text + "[1]", refused=False, verified=True, citations=(cite,))


def test_accounts_sessions_and_keys(place: Place) -> None:
    accounts = Accounts(place)
    assert not accounts.has_users()
    accounts.add_user("张老师", "long-enough-1", "editor")
    accounts.add_user("user", "long-enough-2", "reader")  # a name that is a reserved word in SQL
    with pytest.raises(AccountError, match="已存在"):
        accounts.add_user("张老师", "long-enough-3", "reader")
    assert accounts.has_users()
    assert [u.name for u in accounts.users()] == sorted(["张老师", "user"])
    assert accounts.verify("张老师", "long-enough-1") is not None
    assert accounts.verify("张老师", "wrong-password") is None

    token = accounts.open_session("user")
    assert accounts.principal_for_session(token) == Principal("user", "reader", "session")
    entry, key = accounts.create_key("张老师", "脚本")
    assert accounts.principal_for_key(key) == Principal("张老师", "editor", "key")
    assert [k.id for k in accounts.keys("张老师")] == [entry.id] and accounts.keys("user") == []
    with pytest.raises(AccountError):
        accounts.revoke_key(entry.id, user="user")  # not theirs
    accounts.revoke_key(entry.id, user="张老师")
    assert accounts.principal_for_key(key) is None
    accounts.set_password("user", "long-enough-4")  # ends the user's sessions
    assert accounts.principal_for_session(token) is None
    accounts.disable("张老师")
    assert accounts.verify("张老师", "long-enough-1") is None


def test_knowledge_bases_and_grants(place: Place) -> None:
    kbs = KnowledgeBases(place)
    assert [kb.name for kb in kbs.all()] == [SHARED]
    kbs.create("甲校")
    kbs.create("甲校", public=True)  # an existing base is left as it is
    assert [(kb.name, kb.public) for kb in kbs.all()] == [(SHARED, True), ("甲校", False)]
    kbs.grant("甲校", "王老师", "reader")
    kbs.grant("甲校", "王老师", "editor")  # a second grant replaces the first
    assert kbs.members("甲校") == [("王老师", "editor")]
    editor = Principal("王老师", "editor", "session")
    assert kbs.readable(editor) == {SHARED, "甲校"} and kbs.editable(editor) == {"甲校"}
    kbs.assign("uploads/甲.md", ["甲校"])
    kbs.assign("uploads/甲.md", ["甲校"])
    assert kbs.bases_of(["uploads/甲.md", "公共.md"]) == {"uploads/甲.md": {"甲校"}, "公共.md": {SHARED}}
    kbs.revoke("甲校", "王老师")
    assert kbs.readable(editor) == {SHARED}
    assert kbs.visible(["uploads/甲.md", "公共.md"], kbs.readable(editor)) == {"公共.md"}


def test_conversations_turns_and_page_settings(place: Place) -> None:
    conversations = Conversations(place)
    first = conversations.create("甲", "第一个问题")
    second = conversations.create("甲", "第二个问题")
    conversations.create("乙", "别人的")
    assert [c.id for c in conversations.for_owner("甲")] == [second.id, first.id]
    conversations.add_turn("甲", first.id, "问一", answer("答一"))
    turn = conversations.add_turn("甲", first.id, "问二", answer("答二"))
    assert turn.seq == 1
    assert [c.id for c in conversations.for_owner("甲")] == [first.id, second.id]  # most recently used first
    conversations.replace_turn("甲", first.id, 0, answer("新答一"))
    kept = conversations.turns("甲", first.id)
    assert [(t.seq, t.question, t.answer.text) for t in kept] == [(0, "问一", "新答一[1]"), (1, "问二", "答二[1]")]
    assert kept[0].answer.citations == answer("新答一").citations
    conversations.save_settings("甲", {"mode": "extractive"})
    conversations.save_settings("甲", {"k": 5})
    assert conversations.settings("甲") == {"mode": "extractive", "k": 5} and conversations.settings("乙") == {}
    conversations.delete("甲", second.id)
    assert [c.id for c in conversations.for_owner("甲")] == [first.id]


def test_feedback_ratings(place: Place, tmp_path: Path) -> None:
    feedback = FeedbackStore(place, tmp_path / "testsets")
    up = feedback.rate("甲", "c1", 0, 1, "问", answer("答"))
    down = feedback.rate("甲", "c1", 0, -1, "问", answer("答"))  # the same answer rated again
    other = feedback.rate("乙", "c2", 0, 1, "问", answer("答"))
    assert down.id == up.id and down.rating == -1 and other.id != up.id
    noted = feedback.annotate("甲", down.id, "不对", "应为三十日")
    assert (noted.comment, noted.correction) == ("不对", "应为三十日")
    assert [f.id for f in feedback.for_owner("甲")] == [down.id]
    assert {f.id for f in feedback.for_owner(None)} == {down.id, other.id}


def test_audit_log_is_append_only(place: Place) -> None:
    audit = AuditLog(place)
    audit.record("张老师", "login", client="10.0.0.1")
    audit.record("user", "ask", "问题")
    assert [(e.user, e.action) for e in audit.entries()] == [("user", "ask"), ("张老师", "login")]
    assert [e.action for e in audit.entries(user="张老师")] == ["login"]
    for change in ("UPDATE audit SET detail = 'x'", "DELETE FROM audit"):
        with pytest.raises(Exception, match="append-only"), audit._db.transaction() as conn:  # noqa: B017
            conn.execute(change)
    assert len(audit.entries()) == 2


@pytest.mark.slow
def test_two_services_share_logins_and_grants(tmp_path: Path, postgres_dsn: str) -> None:
    from govdoc.service import GovdocService

    def service(name: str) -> GovdocService:
        store = {"index_dir": tmp_path / name, "backend": "postgres", "dsn": postgres_dsn, "collection": "shared_accounts"}
        return GovdocService(Settings(embedding={"mode": "hashing"}, store=store))

    a, b = service("server-a"), service("server-b")
    try:
        a.accounts.add_user("李老师", "long-enough-1", "reader")
        session = a.accounts.open_session("李老师")
        gate_b = Access(b.accounts, [])
        who = gate_b.principal({}, {COOKIE: session})
        assert who == Principal("李老师", "reader", "session")  # logged in on A, logged in on B

        a.kbs.create("甲校")
        a.kbs.grant("甲校", "李老师", "reader")
        a.kbs.assign("uploads/甲.md", ["甲校"])
        assert b.kbs.readable(who) == {SHARED, "甲校"}
        assert b.kbs.visible(["uploads/甲.md"], b.kbs.readable(who)) == {"uploads/甲.md"}

        b.audit.record("李老师", "ask", "问题")
        assert [e.action for e in a.audit.entries(user="李老师")] == ["ask"]
        conv = b.conversations.create("李老师", "问题")
        assert [c.id for c in a.conversations.for_owner("李老师")] == [conv.id]

        a.accounts.close_session(session)  # logged out on A, logged out on B
        assert gate_b.principal({}, {COOKIE: session}) is None
        assert not (tmp_path / "server-a" / "govdoc.sqlite3").exists()
    finally:
        a.close()
        b.close()


@pytest.mark.slow
def test_migrate_brings_the_project_data_along(tmp_path: Path, postgres_dsn: str, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from govdoc.commands.migrate import run

    old = tmp_path / "old"
    local = project_place(StoreSettings(index_dir=old))
    accounts = Accounts(local)
    accounts.add_user("李老师", "long-enough-1", "editor")
    session = accounts.open_session("李老师")
    kbs = KnowledgeBases(local)
    kbs.create("甲校")
    kbs.grant("甲校", "李老师", "editor")
    AuditLog(local).record("李老师", "login")
    AuditLog(local).record("李老师", "ask", "问题")
    FeedbackStore(local, tmp_path).rate("李老师", "c1", 0, -1, "问", answer("答"))

    store = {"backend": "postgres", "dsn": postgres_dsn, "collection": "migrated_project", "index_dir": tmp_path / "new"}
    settings = Settings(embedding={"mode": "hashing"}, store=store)
    for _ in range(2):  # a second run (as after an interruption) copies nothing twice
        assert run(argparse.Namespace(source=old), settings) == 0
    out = capsys.readouterr().out
    assert "复制 7 条记录" in out and "未复制" in out  # users, session, kb, grant, 2 audit rows, feedback

    shared = project_place(settings.store)
    try:
        who = Access(Accounts(shared), []).principal({}, {COOKIE: session})
        assert who == Principal("李老师", "editor", "session")
        assert Accounts(shared).verify("李老师", "long-enough-1") is not None
        assert KnowledgeBases(shared).editable(who) == {"甲校"}
        audit = AuditLog(shared)
        assert [e.action for e in audit.entries()] == ["ask", "login"]
        audit.record("李老师", "logout")  # numbering goes on after the copied rows
        assert [e.id for e in audit.entries()] == [3, 2, 1]
        assert [f.rating for f in FeedbackStore(shared, tmp_path).for_owner("李老师")] == [-1]
    finally:
        close_place(shared)
