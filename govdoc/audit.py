"""The audit log: who asked, uploaded, deleted, changed settings, exported or logged in, and when.

Append-only: rows are only inserted; triggers (SQLite or PostgreSQL) refuse any UPDATE or DELETE of the table.
"""

from __future__ import annotations

import csv
import io
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from govdoc.projectdb import Place, ProjectDb, Schema

_SCHEMA = Schema(
    sqlite="""
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL NOT NULL, "user" TEXT NOT NULL,
    action TEXT NOT NULL, object TEXT NOT NULL, detail TEXT NOT NULL, client TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
""",
    postgres="""
CREATE TABLE IF NOT EXISTS audit (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at DOUBLE PRECISION NOT NULL, "user" TEXT NOT NULL,
    action TEXT NOT NULL, object TEXT NOT NULL, detail TEXT NOT NULL, client TEXT NOT NULL);
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;
CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
""",
)

ACTION_LABELS = {
    "login": "登录",
    "login_failed": "登录失败",
    "logout": "退出登录",
    "ask": "提问",
    "draft": "起草",
    "upload": "上传",
    "delete": "删除",
    "reindex": "重新整理资料",
    "eval": "评测",
    "export": "导出",
    "settings": "修改设置",
    "user": "账号管理",
    "key": "密钥管理",
    "kb": "知识库管理",
    "version": "更正版本",
    "upload_refused": "上传被拒绝",
    "delete_refused": "删除被拒绝",
    "reindex_refused": "重新整理资料被拒绝",
    "version_refused": "更正版本被拒绝",
    "eval_refused": "评测被拒绝",
    "user_refused": "账号操作被拒绝",
}


@dataclass(frozen=True)
class Entry:
    """One audit row."""

    id: int
    at: float
    user: str
    action: str
    object: str
    detail: str
    client: str

    @property
    def time_text(self) -> str:
        """The local time, to the second."""
        return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.at))


class AuditLog:
    """The audit table in the project's SQLite file.

    Args:
        place: the project database (`govdoc.projectdb.project_place`), shared with accounts and knowledge bases.
        log_questions: record each question's text (off: only that a question was asked).
    """

    def __init__(self, place: Place, *, log_questions: bool = True) -> None:
        self.log_questions = log_questions
        self._db = ProjectDb(place, _SCHEMA)

    def record(self, user: str, action: str, obj: str = "", detail: str = "", client: str = "") -> None:
        """Append one row (texts are cut to 500 characters)."""
        if action == "ask" and not self.log_questions:
            obj = "（未记录问题内容）"
        # Who and from where are one line each: a name typed at a failed login may hold line breaks.
        user, client = _one_line(user), _one_line(client)
        with self._db.transaction() as conn:
            conn.execute(
                'INSERT INTO audit (at, "user", action, object, detail, client) VALUES (?, ?, ?, ?, ?, ?)',
                (time.time(), user[:100], action, obj[:500], detail[:500], client[:100]),
            )

    @contextmanager
    def recording(self, user: str, action: str, obj: str = "", detail: str = "", client: str = "") -> Iterator[None]:
        """Append one row (as `record`) on a thread of its own while the block runs; the block ends when the
        row is stored, and raises the write's error if it failed.

        A question's row is written while the question is worked on: the write waits on the disk
        (tens of ms) and the work does not need it, but nothing of the answer leaves before the row is stored.
        """
        failed: list[BaseException] = []

        def write() -> None:
            try:
                self.record(user, action, obj, detail, client)
            except BaseException as exc:  # handed to the caller's thread below
                failed.append(exc)

        writer = threading.Thread(target=write, name="audit-write")
        writer.start()
        try:
            yield
        finally:
            writer.join()
        if failed:
            raise failed[0]

    def entries(self, limit: int | None = None, user: str | None = None, action: str | None = None) -> list[Entry]:
        """Rows, newest first, optionally of one user or action."""
        sql = 'SELECT id, at, "user", action, object, detail, client FROM audit'
        where, args = [], []
        if user:
            where.append('"user" = ?')
            args.append(user)
        if action:
            where.append("action = ?")
            args.append(action)
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        if not self._db.exists():
            return []
        with self._db.transaction() as conn:
            return [Entry(*row) for row in conn.execute(sql, args)]

    def csv(self, entries: list[Entry] | None = None) -> str:
        """The log as CSV (UTF-8 with a header row; Excel opens it when saved with a BOM)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["时间", "用户", "操作", "对象", "说明", "来源地址"])
        for e in entries if entries is not None else self.entries():
            row = [e.time_text, e.user, ACTION_LABELS.get(e.action, e.action), e.object, e.detail, e.client]
            writer.writerow([_inert(v) for v in row])
        return out.getvalue()


def _one_line(text: str) -> str:
    """``text`` with its control characters (line breaks, tabs) as spaces."""
    return "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)


def _inert(value: str) -> str:
    """A cell that a spreadsheet shows as text: one starting with = + - @ would run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
