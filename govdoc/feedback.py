"""Feedback on answers, and the test items it becomes.

A 👍 or 👎 is kept with the question, the answer and its citations, an optional comment and an optional
"正确答案应为…". A 👎 with the user's correction and a sentence they picked from a document becomes an
item of the owner's own test set (a ``testset.jsonl`` in the schema of `evals.schema`), which
``govdoc eval --testset <file>`` runs. The file lies beside the index, one per owner.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.types import REFUSAL, Answer
from evals.metrics import normalize
from evals.schema import TestItem, parse_item
from govdoc.conversations import answer_from_json, answer_to_json
from govdoc.projectdb import Place, ProjectDb, Schema

TESTSET_FOLDER = "user-testsets"
_CLAUSE = re.compile(r"[，。；：、！？,.;:!?\s（）()“”\"'《》]+")
_END = "。；！？.;!? "
MIN_POINT_CHARS = 2
MAX_COMMENT = 1000  # what the page lets a user type, kept here so every route obeys it
MAX_CORRECTION = 2000
_UNSAFE = re.compile(r"[^\w.-]")  # what may not stand in a file name as itself (an owner may be 本机:<id>)

_TABLES = """
CREATE TABLE IF NOT EXISTS feedback (
    id %(id)s, owner TEXT NOT NULL, conversation TEXT NOT NULL, seq INTEGER NOT NULL,
    rating INTEGER NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '',
    correction TEXT NOT NULL DEFAULT '', test_item TEXT NOT NULL DEFAULT '', created_at %(real)s NOT NULL,
    UNIQUE (owner, conversation, seq));
"""
_SCHEMA = Schema(
    _TABLES % {"id": "INTEGER PRIMARY KEY AUTOINCREMENT", "real": "REAL"},
    _TABLES % {"id": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "real": "DOUBLE PRECISION"},
)


class FeedbackError(ValueError):
    """Feedback that cannot be kept or turned into a test item; the message is for the user."""


@dataclass(frozen=True)
class Feedback:
    """One rating of one answer. ``rating`` is 1 (有帮助) or -1 (没帮助)."""

    id: int
    conversation: str
    seq: int
    rating: int
    question: str
    answer: Answer
    comment: str
    correction: str
    test_item: str  # the id of the test item made from it; empty when none
    created_at: float
    owner: str = ""  # whose it is: a user's name, or "本机:" and a browser's random name


class FeedbackStore:
    """Each owner's ratings of answers, in the project database.

    Args:
        place: the project database (`govdoc.projectdb.project_place`).
        testset_dir: where each owner's test set file is written (a folder of this server).
    """

    def __init__(self, place: Place, testset_dir: Path) -> None:
        self._db = ProjectDb(place, _SCHEMA)
        self.testset_dir = Path(testset_dir)

    def rate(self, owner: str, conversation: str, seq: int, rating: int, question: str, answer: Answer) -> Feedback:
        """Keep (or change) the owner's rating of one answer, with its question and citations."""
        if rating not in (1, -1):
            raise FeedbackError("评价只能是有帮助或没帮助")
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO feedback (owner, conversation, seq, rating, question, answer, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(owner, conversation, seq) DO UPDATE SET"
                " rating = excluded.rating, question = excluded.question, answer = excluded.answer,"
                " created_at = excluded.created_at",
                (owner, conversation, seq, rating, question, answer_to_json(answer), time.time()),
            )
        return self.find(owner, conversation, seq)

    def annotate(self, owner: str, feedback_id: int, comment: str, correction: str) -> Feedback:
        """Add the optional comment and "正确答案应为…" to one of the owner's ratings.

        Raises:
            FeedbackError: the comment or the correction is longer than the page allows.
        """
        comment, correction = comment.strip(), correction.strip()
        _within(comment, MAX_COMMENT, "意见")
        _within(correction, MAX_CORRECTION, "“正确答案应为…”")
        self.get(owner, feedback_id)
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE feedback SET comment = ?, correction = ? WHERE id = ? AND owner = ?",
                (comment, correction, feedback_id, owner),
            )
        return self.get(owner, feedback_id)

    def get(self, owner: str, feedback_id: int) -> Feedback:
        """One of the owner's ratings.

        Raises:
            FeedbackError: the owner has no such rating.
        """
        return self._one("id = ? AND owner = ?", (feedback_id, owner))

    def find(self, owner: str, conversation: str, seq: int) -> Feedback:
        """The owner's rating of turn ``seq`` of a conversation."""
        return self._one("owner = ? AND conversation = ? AND seq = ?", (owner, conversation, seq))

    def for_owner(self, owner: str | None) -> list[Feedback]:
        """The owner's ratings, newest first (None: everyone's, for an administrator's review)."""
        if not self._db.exists():
            return []
        where, args = ("WHERE owner = ?", (owner,)) if owner is not None else ("", ())
        with self._db.transaction() as conn:
            rows = conn.execute(f"SELECT {_COLUMNS} FROM feedback {where} ORDER BY created_at DESC, id DESC", args)
            return [_feedback(r) for r in rows.fetchall()]

    def testset_path(self, owner: str) -> Path:
        """The owner's own test set file (it may not exist yet). Characters that may not stand in a file
        name are percent-encoded (``%`` itself too), so two owners never share a file (``a@b``, ``a_b``)."""
        name = _UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), owner)
        return self.testset_dir / (name + ".jsonl")

    def to_test_item(
        self, owner: str, feedback_id: int, *, doc_title: str, evidence: str, correction: str, answerable: bool = True
    ) -> tuple[TestItem, Path]:
        """Turn a 👎 into an item of the owner's test set, checked against the schema, and write it.

        Args:
            owner: whose rating and whose test set.
            feedback_id: the rating (must be a 👎).
            doc_title: the document the evidence sentence comes from (its title as indexed).
            evidence: the sentence the user picked from that document.
            correction: what the right answer is, in the user's words (kept as the rating's correction).
            answerable: False when the right answer is that the documents hold none.

        Returns:
            The item and the test set file it was written to (an item made again replaces the old line).

        Raises:
            FeedbackError: not a 👎, or the correction or the evidence is missing.
        """
        fb = self.get(owner, feedback_id)
        if fb.rating != -1:
            raise FeedbackError("只有评为“没帮助”的回答才能加入测试集")
        correction = correction.strip()
        _within(correction, MAX_CORRECTION, "“正确答案应为…”")
        question = fb.answer.resolved or fb.question
        item_id = f"反馈-{fb.id}"
        if answerable:
            if not correction:
                raise FeedbackError("请先填写“正确答案应为…”")
            if not evidence.strip() or not doc_title.strip():
                raise FeedbackError("请从文档中选一句作为依据")
            data: dict[str, Any] = {
                "id": item_id,
                "question": question,
                "answerable": True,
                "reference": correction,
                "key_points": [[p] for p in key_points(correction, evidence)],
                "evidence": [evidence.strip()],
                "doc_title": doc_title.strip(),
            }
        else:
            data = {
                "id": item_id,
                "question": question,
                "answerable": False,
                "reference": correction or REFUSAL,
                "key_points": [],
                "evidence": [],
                "doc_title": "",
            }
        line = json.dumps(data, ensure_ascii=False)
        path = self.testset_path(owner)
        item = parse_item(line, path.name, 1)  # the schema's own check, before anything is written
        _write_line(path, item_id, line)
        with self._db.transaction() as conn:
            conn.execute(
                "UPDATE feedback SET correction = ?, test_item = ? WHERE id = ? AND owner = ?",
                (correction, item_id, feedback_id, owner),
            )
        return item, path

    def _one(self, where: str, args: tuple[Any, ...]) -> Feedback:
        with self._db.transaction() as conn:
            row = conn.execute(f"SELECT {_COLUMNS} FROM feedback WHERE {where}", args).fetchone()
        if row is None:
            raise FeedbackError("找不到这条评价")
        return _feedback(row)


def _within(text: str, limit: int, name: str) -> None:
    """Refuse ``text`` (what the user typed as ``name``) when it is longer than the page allows."""
    if len(text) > limit:
        raise FeedbackError(f"{name}不能超过 {limit} 字")


def key_points(correction: str, evidence: str) -> list[str]:
    """The key points of a test item: the clauses of the user's correction that the evidence sentence
    holds word for word, else the evidence sentence itself (an extractive answer quotes it)."""
    held = normalize(evidence)
    points: list[str] = []
    for clause in _CLAUSE.split(correction):
        if len(clause) >= MIN_POINT_CHARS and normalize(clause) in held and clause not in points:
            points.append(clause)
    return points or [evidence.strip().rstrip(_END)]


_COLUMNS = "id, conversation, seq, rating, question, answer, comment, correction, test_item, created_at, owner"


def _feedback(row: tuple[Any, ...]) -> Feedback:
    return Feedback(row[0], row[1], row[2], row[3], row[4], answer_from_json(row[5]), row[6], row[7], row[8], row[9], row[10])


def _write_line(path: Path, item_id: str, line: str) -> None:
    """Append ``line`` to the JSONL file, replacing an earlier line with the same id; written atomically."""
    kept: list[str] = []
    if path.is_file():
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip() and json.loads(raw).get("id") != item_id:
                kept.append(raw)
    kept.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.partial")
    tmp.write_text("\n".join(kept) + "\n", encoding="utf-8")
    os.replace(tmp, path)
