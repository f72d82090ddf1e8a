"""Accounts, knowledge bases, permissions and the audit log, without a server."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import pytest

from govdoc.access import COOKIE, Access
from govdoc.accounts import LOCAL, SETTINGS_KEY, AccountError, Accounts, Principal
from govdoc.audit import AuditLog
from govdoc.kbs import SHARED, KnowledgeBases
from govdoc.permissions import Forbidden, Permissions


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "govdoc.sqlite3"


def test_passwords_are_hashed_and_checked(db: Path) -> None:
    accounts = Accounts(db)
    accounts.add_user("张老师", "long-enough-1", "editor")
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT password_hash FROM users").fetchone()[0]
    assert stored.startswith("$argon2") and "long-enough-1" not in stored
    assert accounts.verify("张老师", "long-enough-1") is not None
    assert accounts.verify("张老师", "wrong-password") is None
    assert accounts.verify("没有这人", "long-enough-1") is None
    with pytest.raises(AccountError, match="至少"):
        accounts.add_user("李老师", "short", "reader")
    with pytest.raises(AccountError, match="已存在"):
        accounts.add_user("张老师", "long-enough-2", "reader")
    accounts.disable("张老师")
    assert accounts.verify("张老师", "long-enough-1") is None


def test_keys_are_shown_once_stored_hashed_and_revocable(db: Path) -> None:
    accounts = Accounts(db)
    accounts.add_user("王主任", "long-enough-1", "reader")
    entry, key = accounts.create_key("王主任", "脚本")
    with sqlite3.connect(db) as conn:
        assert key not in " ".join(str(v) for row in conn.execute("SELECT * FROM api_keys") for v in row)
    assert accounts.principal_for_key(key) == Principal("王主任", "reader", "key")
    accounts.revoke_key(entry.id)
    assert accounts.principal_for_key(key) is None


def test_a_new_password_ends_the_users_sessions_and_keys_unless_kept(db: Path) -> None:
    # A reset is what an administrator does when a password may be known to someone else, who may
    # have made a personal key with it: the key must end with the old password.
    accounts = Accounts(db)
    accounts.add_user("张老师", "long-enough-1", "editor")
    accounts.add_user("李老师", "long-enough-1", "editor")
    _, key = accounts.create_key("张老师", "家里电脑")
    _, other = accounts.create_key("李老师")
    token = accounts.open_session("张老师")
    assert accounts.set_password("张老师", "long-enough-2") == 1
    assert accounts.principal_for_key(key) is None and accounts.principal_for_session(token) is None
    assert accounts.principal_for_key(other) is not None  # another user's key stays
    assert accounts.verify("张老师", "long-enough-2") is not None
    # A forgotten password, reset with --keep-keys: the keys in use elsewhere go on working.
    _, kept = accounts.create_key("张老师")
    assert accounts.set_password("张老师", "long-enough-3", keep_keys=True) == 0
    assert accounts.principal_for_key(kept) is not None
    with pytest.raises(AccountError, match="没有用户"):
        accounts.set_password("没有这人", "long-enough-4")


def test_one_user_keeps_a_bounded_number_of_sessions_the_newest(db: Path) -> None:
    from govdoc.accounts import SESSIONS_PER_USER

    accounts = Accounts(db)
    accounts.add_user("张老师", "long-enough-1", "editor")
    accounts.add_user("李老师", "long-enough-1", "editor")
    others = accounts.open_session("李老师")
    tokens = [accounts.open_session("张老师") for _ in range(SESSIONS_PER_USER + 3)]
    alive = [t for t in tokens if accounts.principal_for_session(t) is not None]
    assert alive == tokens[3:]
    assert accounts.principal_for_session(others) is not None


def test_access_is_open_only_without_accounts_and_keys(db: Path) -> None:
    accounts = Accounts(db)
    assert Access(accounts, []).principal({}, {}) == LOCAL
    keyed = Access(accounts, [b"k-1"])
    assert keyed.principal({}, {}) is None
    assert keyed.principal({"authorization": "Bearer k-1"}, {}) == SETTINGS_KEY
    assert keyed.principal({"authorization": "Bearer k-2"}, {}) is None
    accounts.add_user("管理员", "long-enough-1", "admin")
    gated = Access(accounts, [])
    assert gated.principal({}, {}) is None  # loopback or not: no credential, no access
    session = accounts.open_session("管理员")
    assert gated.principal({}, {COOKIE: session}) == Principal("管理员", "admin", "session")
    accounts.close_session(session)
    assert gated.principal({}, {COOKIE: session}) is None


def test_bases_decide_what_a_reader_sees_and_an_editor_changes(db: Path) -> None:
    kbs = KnowledgeBases(db)
    kbs.create("甲校")
    kbs.create("乙校")
    kbs.grant("甲校", "甲读者", "reader")
    kbs.grant("甲校", "甲编辑", "editor")
    kbs.assign("uploads/甲.md", ["甲校"])
    kbs.assign("uploads/乙.md", ["乙校"])
    reader = Principal("甲读者", "reader", "session")
    editor = Principal("甲编辑", "editor", "session")
    sources = ["data/法.md", "uploads/甲.md", "uploads/乙.md"]
    assert kbs.bases_of(["data/法.md"]) == {"data/法.md": {SHARED}}
    assert kbs.visible(sources, kbs.readable(reader)) == {"data/法.md", "uploads/甲.md"}
    assert kbs.visible(sources, kbs.readable(LOCAL)) == set(sources)
    permissions = Permissions(kbs)
    assert permissions.check_upload(editor, []) == ["甲校"]
    with pytest.raises(Forbidden) as caught:
        permissions.check_upload(reader, ["甲校"])
    assert caught.value.status == 403
    with pytest.raises(Forbidden) as hidden:
        permissions.check_upload(editor, ["乙校"])
    assert hidden.value.status == 404 and "乙校" not in hidden.value.message
    permissions.check_remove(editor, "uploads/甲.md")
    with pytest.raises(Forbidden):
        permissions.check_remove(editor, "data/法.md")  # the shared base is read-only for editors
    with pytest.raises(Forbidden) as invisible:
        permissions.check_remove(editor, "uploads/乙.md")
    assert invisible.value.status == 404


def test_each_set_of_bases_keeps_one_folder_whose_name_tells_nothing(db: Path) -> None:
    kbs = KnowledgeBases(db)
    for name in ("甲校", "甲校.", "乙校"):
        kbs.create(name)
    both = kbs.folder_for(["乙校", "甲校"])
    assert kbs.folder_for(["甲校", "乙校", "甲校"]) == both == KnowledgeBases(db).folder_for(["甲校", "乙校"])
    folders = {kbs.folder_for([n]) for n in ("甲校", "甲校.", "乙校")} | {both}
    assert len(folders) == 4 and all(f.startswith("kb-") and "校" not in f for f in folders)
    # Not a digest of the names: nobody confirms a guess of another school's base by its folder.
    assert both != "kb-" + hashlib.sha256("乙校\n甲校".encode()).hexdigest()[:16]
    assert kbs.bases_in_folder(both) == ["乙校", "甲校"] and kbs.bases_in_folder("kb-0000") is None
    assert not kbs.placed("uploads/x.md")
    kbs.assign("uploads/x.md", ["甲校"])
    assert kbs.placed("uploads/x.md")


def test_the_audit_log_only_grows_and_exports_inert_csv(db: Path) -> None:
    audit = AuditLog(db)
    audit.record("张老师", "ask", "教师享有哪些权利？", client="10.0.0.8")
    audit.record("张老师", "upload", "=HYPERLINK(\"http://x\")")
    assert [e.action for e in audit.entries()] == ["upload", "ask"]
    with sqlite3.connect(db) as conn, pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit")
    with sqlite3.connect(db) as conn, pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE audit SET user = 'x'")
    text = audit.csv()
    assert text.splitlines()[0] == "时间,用户,操作,对象,说明,来源地址"
    assert "'=HYPERLINK" in text and "提问" in text
    quiet = AuditLog(db, log_questions=False)
    quiet.record("李老师", "ask", "不该记下的问题")
    assert "不该记下的问题" not in quiet.csv()


def test_a_question_is_in_the_audit_log_before_any_of_its_answer_leaves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    data = tmp_path / "data"
    data.mkdir()
    (data / "法.md").write_text("# 某法\n\n第一条 教师应当遵守宪法和法律。\n", encoding="utf-8")
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    service.ingest([data])
    service.ask("教师应当遵守什么？", who=LOCAL, mode="extractive")
    assert [(e.action, e.object) for e in service.audit.entries(action="ask")] == [("ask", "教师应当遵守什么？")]
    record = service.audit.record

    def slow_disk(*args: str) -> None:  # the row is written on its own thread: the answer must wait for it
        time.sleep(1.0)
        record(*args)

    monkeypatch.setattr(service.audit, "record", slow_disk)
    stream = service.ask_stream("教师有什么义务？", who=LOCAL, mode="extractive")
    next(stream)
    assert [e.object for e in service.audit.entries(action="ask")] == ["教师有什么义务？", "教师应当遵守什么？"]
    stream.close()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(service.audit, "record", full_disk)
    with pytest.raises(sqlite3.OperationalError, match="disk is full"):
        service.ask("教师应当遵守什么？", who=LOCAL, mode="extractive")
    service.close()


def test_the_account_tab_makes_a_key_once_and_shows_the_log_to_admins_only(tmp_path: Path) -> None:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from govdoc.web import account

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    service.accounts.add_user("管理员", "long-enough-1", "admin")
    service.accounts.add_user("读者", "long-enough-2", "reader")
    reader = Principal("读者", "reader", "session")
    admin = Principal("管理员", "admin", "session")
    shown, rows = account.create_key(service, reader, "脚本")
    key = shown.split("`")[1]
    assert key.startswith("gd-") and service.accounts.principal_for_key(key) == Principal("读者", "reader", "key")
    assert [r[1:3] for r in rows] == [["读者", "脚本"]] and key not in str(rows)
    key_id = rows[0][0]
    assert "没有编号" in account.revoke_key(service, Principal("别人", "reader", "session"), key_id)[0]
    assert account.audit_rows(service, reader) == []
    assert any(r[2] == "密钥管理" for r in account.audit_rows(service, admin))
    message, _ = account.revoke_key(service, admin, key_id)
    assert "已吊销" in message and service.accounts.principal_for_key(key) is None
    assert account.export_audit(service, reader)[0].startswith("只有管理员")
    # A key cannot make more keys: one that leaked gives no lasting hold on the account.
    shown, rows = account.create_key(service, Principal("读者", "reader", "key"), "再来一把")
    assert "不能新建密钥" in shown and "gd-" not in shown and len(service.accounts.keys("读者")) == 1
    _, download = account.export_audit(service, admin)
    assert Path(download["value"]).read_text(encoding="utf-8-sig").startswith("时间,用户,操作")
    # The page names files and folders as everywhere else: no server paths.
    service.upload("值班表.md", "# 值班表\n\n周六由办公室值班。\n".encode(), who=admin)
    service.refresh(who=admin)
    shown = str(account.audit_rows(service, admin))
    assert "值班表" in shown and "uploads/" not in shown and ".md" not in shown and str(tmp_path) not in shown
    service.close()


def test_the_documents_tab_offers_uploads_only_to_those_who_may_add_files(tmp_path: Path) -> None:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from govdoc.web.documents import READ_ONLY, controls_for

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        service.kbs.create("甲校")
        for name, role in (("管理员", "admin"), ("编辑", "editor"), ("无库编辑", "editor"), ("读者", "reader")):
            service.accounts.add_user(name, "long-enough-1", role)
        service.kbs.grant("甲校", "编辑", "editor")

        def shown(name: str, role: str) -> tuple[bool, bool, bool, bool]:
            upload, rebuild, note, delete = controls_for(service, Principal(name, role, "session"))  # type: ignore[arg-type]
            return upload["visible"], rebuild["visible"], note["visible"], delete["visible"]

        assert shown("管理员", "admin") == (True, True, False, True)
        assert shown("编辑", "editor") == (True, False, False, True)
        # A reader, or an editor of no base, would only meet refusals: they get a plain word instead.
        assert shown("读者", "reader") == (False, False, True, False)
        assert shown("无库编辑", "editor") == (False, False, True, False)
        assert "只能阅读" in READ_ONLY
    finally:
        service.close()


def test_the_documents_tab_speaks_of_uploading_and_deleting_only_where_those_are_offered(tmp_path: Path) -> None:
    import gradio as gr

    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from govdoc.web.documents import build_documents_tab, build_opener

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        with gr.Blocks():
            tab = build_documents_tab(service, settings, build_opener())
        # The note on what may be uploaded sits in the upload box, hidden with it from a reader.
        notes = [c for c in tab.upload_box.children if isinstance(c, gr.Markdown)]
        assert any("单个文件不超过" in str(c.value) for c in notes)
        # Everyone picks a document to read; deleting is the button beside it, shown only to those who may.
        assert "删除" not in str(tab.choice.label)
    finally:
        service.close()


def test_the_audit_log_section_is_shown_to_administrators_only(tmp_path: Path) -> None:
    import gradio as gr

    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from govdoc.web.account import audit_box_for, build_account_tab

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        with gr.Blocks():
            _, _, box, _ = build_account_tab(service)
        assert box.visible is False  # until the page knows who opened it
    finally:
        service.close()
    for role, shown in (("admin", True), ("editor", False), ("reader", False)):
        assert audit_box_for(Principal("某人", role, "session"))["visible"] is shown  # type: ignore[arg-type]


def test_the_version_correction_is_offered_to_editors_and_administrators_only(tmp_path: Path) -> None:
    import gradio as gr

    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from govdoc.web.versions import build_versions_panel, document_versions_html, fix_box_for

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        for name, role in (("校长", "admin"), ("办公室", "editor"), ("教师", "reader"), ("闲置编辑", "editor")):
            service.accounts.add_user(name, "long-enough-1", role)  # type: ignore[arg-type]
        service.kbs.create("甲校")
        service.kbs.grant("甲校", "办公室", "editor")
        service.kbs.grant("甲校", "教师", "reader")
        with gr.Blocks():
            *_, fix = build_versions_panel(service)
        assert fix.visible is False  # until the page knows who opened it
        offered = {
            name: fix_box_for(service, Principal(name, role, "session"))["visible"]  # type: ignore[arg-type]
            for name, role in (("校长", "admin"), ("办公室", "editor"), ("教师", "reader"), ("闲置编辑", "editor"))
        }
        # An editor of no knowledge base may correct nothing, so is not offered it either.
        assert offered == {"校长": True, "办公室": True, "教师": False, "闲置编辑": False}
        service.upload("通知.md", "# 关于春游的通知\n\n第一条 四月组织春游。\n".encode(), who=Principal("办公室", "editor", "session"))
        reader = Principal("教师", "reader", "session")
        doc = service.documents(reader)[0]
        read = document_versions_html(service.versions(reader), doc.doc_id, False)
        assert "只有一个版本" in read and "更正版本" not in read
    finally:
        service.close()


def test_the_evaluation_tab_is_shown_only_to_administrators() -> None:
    from govdoc.web.evaluate import tab_for

    for role, offered in (("admin", True), ("editor", False), ("reader", False)):
        assert tab_for(Principal("某人", role, "session"))["visible"] is offered  # type: ignore[arg-type]


def test_the_failed_items_section_appears_only_once_a_run_has_results(tmp_path: Path) -> None:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from govdoc.web.blocks import build_blocks

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        page = build_blocks(service, settings)
    finally:
        service.close()
    box = next(b for b in page.blocks.values() if getattr(b, "elem_id", None) == "gd-eval-failed-box")
    assert box.visible is False  # a reader, who may not run an evaluation, never sees an empty section
    run = next(b for b in page.blocks.values() if getattr(b, "elem_id", None) == "gd-eval-run")
    shows = [d for d in page.config["dependencies"] if box._id in d["outputs"]]
    assert shows and all(d["trigger_only_on_success"] for d in shows)
    after = {d["id"]: d for d in page.config["dependencies"]}[shows[0]["trigger_after"]]  # the event it follows
    assert run._id in [target[0] for target in after["targets"]]


def test_the_command_line_says_what_a_new_password_did_to_the_keys(db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse
    import io

    from govdoc.commands.accounts import _user

    accounts = Accounts(db)
    accounts.add_user("张老师", "long-enough-1", "editor")
    accounts.create_key("张老师")
    for keep, said in ((True, "按要求保留"), (False, "1 个个人密钥已吊销")):
        monkeypatch.setattr("sys.stdin", io.StringIO("long-enough-9\n"))
        args = argparse.Namespace(action="passwd", name="张老师", password_stdin=True, keep_keys=keep)
        assert _user(args, accounts, AuditLog(db)) == 0
        assert said in capsys.readouterr().out


def test_a_name_typed_at_a_failed_login_is_one_line_in_the_log(db: Path) -> None:
    from govdoc.audit import AuditLog

    log = AuditLog(db)
    log.record("某人\n伪造的一行\t", "login_failed", "", "", "10.0.0.9\r\n")
    entry = log.entries(limit=1)[0]
    assert "\n" not in entry.user and "\t" not in entry.user and entry.user.startswith("某人 伪造的一行")
    assert entry.client.strip() == "10.0.0.9"
