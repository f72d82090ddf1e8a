"""Conversations that last: each owner's conversations, their answered turns and the owner's page settings,
kept in the project database (`govdoc.projectdb`).

An owner is a user's name once users exist, and a browser (``本机:<id>``) on an open single-user
install. Every read and write names the owner; a conversation of another owner is never found.
A turn keeps the answer's text, citations, notes and what a follow-up was taken to mean, so the
page can render it again after a reload or a restart; the passages come back from the index.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import time
from dataclasses import asdict, dataclass
from typing import Any

from assistant.types import Answer, Citation
from govdoc.accounts import Principal
from govdoc.projectdb import Place, ProjectDb, Schema

TITLE_CHARS = 20  # a new conversation is named after the start of its first question (one line of the list)
NAME_CHARS = 60  # a name the user gives it (the page's rename box takes as many)
BROWSER_PREFIX = "本机:"
_BROWSER_ID = re.compile(r"[0-9a-f]{8,64}")  # the shape new_browser_id gives (with room for older ids)

_TABLES = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY, owner TEXT NOT NULL, title TEXT NOT NULL,
    created_at %(real)s NOT NULL, updated_at %(real)s NOT NULL);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations (owner, updated_at);
CREATE TABLE IF NOT EXISTS conversation_turns (
    conversation TEXT NOT NULL, seq INTEGER NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
    created_at %(real)s NOT NULL, PRIMARY KEY (conversation, seq));
CREATE TABLE IF NOT EXISTS page_settings (owner TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_SCHEMA = Schema(_TABLES % {"real": "REAL"}, _TABLES % {"real": "DOUBLE PRECISION"})


class ConversationError(LookupError):
    """No such conversation for this owner (also said when it belongs to someone else)."""


@dataclass(frozen=True)
class Conversation:
    """One conversation as listed."""

    id: str
    title: str
    updated_at: float


@dataclass(frozen=True)
class Turn:
    """One answered question of a conversation."""

    seq: int
    question: str
    answer: Answer


def owner_of(who: Principal, browser: str) -> str:
    """The owner of what ``who`` keeps: the user's name, or the browser on an install without users.

    A browser names itself (from its local storage), so a name of another shape than
    :func:`new_browser_id` gives is replaced by a digest of it: still its own, but short and plain."""
    if who.via == "local":
        if not browser:
            return BROWSER_PREFIX + "未知"
        if not _BROWSER_ID.fullmatch(browser):
            browser = hashlib.sha256(browser.encode("utf-8", "replace")).hexdigest()[:24]
        return BROWSER_PREFIX + browser
    return who.name


def new_browser_id() -> str:
    """A random name for a browser that has none yet (kept in the browser's local storage)."""
    return secrets.token_hex(12)


def answer_to_json(answer: Answer) -> str:
    """What of an answer is kept: the text, the full citations, notes, the resolved follow-up."""
    return json.dumps(
        {
            "question": answer.question,
            "text": answer.text,
            "refused": answer.refused,
            "verified": answer.verified,
            "citations": [asdict(c) for c in answer.citations],
            "notes": list(answer.notes),
            "resolved": answer.resolved,
            "superseded": answer.superseded,
        },
        ensure_ascii=False,
    )


def answer_from_json(text: str) -> Answer:
    """The `Answer` kept by `answer_to_json` (without its retrieval hits and timings)."""
    data: dict[str, Any] = json.loads(text)
    return Answer(
        question=data["question"],
        text=data["text"],
        refused=bool(data["refused"]),
        verified=bool(data["verified"]),
        citations=tuple(_citation(c) for c in data.get("citations", [])),
        notes=tuple(data.get("notes", [])),
        resolved=data.get("resolved", ""),
        superseded=bool(data.get("superseded", False)),
    )


def _citation(data: dict[str, Any]) -> Citation:
    """A kept citation; JSON keeps a table row's (column, value) pairs as lists, the citation as tuples."""
    row = tuple((str(name), str(value)) for name, value in data.get("row", ()))
    return Citation(**{**data, "row": row})


class Conversations:
    """Each owner's conversations and page settings in the project database.

    Args:
        place: the project database (`govdoc.projectdb.project_place`), shared with accounts and knowledge bases.
    """

    def __init__(self, place: Place) -> None:
        self._db = ProjectDb(place, _SCHEMA)

    def create(self, owner: str, title: str) -> Conversation:
        """A new empty conversation named ``title`` (cut to `TITLE_CHARS`)."""
        now = time.time()
        conv = Conversation(secrets.token_hex(12), _title(title), now)
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO conversations (id, owner, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (conv.id, owner, conv.title, now, now),
            )
        return conv

    def for_owner(self, owner: str) -> list[Conversation]:
        """The owner's conversations, most recently used first."""
        if not self._db.exists():
            return []
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT id, title, updated_at FROM conversations WHERE owner = ? ORDER BY updated_at DESC, created_at DESC, id DESC",
                (owner,),
            ).fetchall()
        return [Conversation(r[0], r[1], r[2]) for r in rows]

    def get(self, owner: str, conversation: str) -> Conversation:
        """One of the owner's conversations.

        Raises:
            ConversationError: the owner has no such conversation.
        """
        with self._db.transaction() as conn:
            row = conn.execute(
                "SELECT id, title, updated_at FROM conversations WHERE id = ? AND owner = ?", (conversation, owner)
            ).fetchone()
        if row is None:
            raise ConversationError("找不到这个对话，可能已被删除")
        return Conversation(row[0], row[1], row[2])

    def turns(self, owner: str, conversation: str) -> list[Turn]:
        """The conversation's answered questions in order.

        Raises:
            ConversationError: the owner has no such conversation.
        """
        self.get(owner, conversation)
        with self._db.transaction() as conn:
            rows = conn.execute(
                "SELECT seq, question, answer FROM conversation_turns WHERE conversation = ? ORDER BY seq",
                (conversation,),
            ).fetchall()
        return [Turn(r[0], r[1], answer_from_json(r[2])) for r in rows]

    def add_turn(self, owner: str, conversation: str, question: str, answer: Answer) -> Turn:
        """Append an answered question; returns it with its number.

        Raises:
            ConversationError: the owner has no such conversation.
        """
        self.get(owner, conversation)
        now = time.time()
        with self._db.transaction() as conn:
            seq = conn.execute(
                "SELECT COALESCE(MAX(seq), -1) + 1 FROM conversation_turns WHERE conversation = ?", (conversation,)
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO conversation_turns (conversation, seq, question, answer, created_at) VALUES (?, ?, ?, ?, ?)",
                (conversation, seq, question, answer_to_json(answer), now),
            )
            conn.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation))
        return Turn(int(seq), question, answer)

    def replace_turn(self, owner: str, conversation: str, seq: int, answer: Answer) -> None:
        """Keep a regenerated answer in place of turn ``seq``.

        Raises:
            ConversationError: the owner has no such conversation or turn.
        """
        self.get(owner, conversation)
        with self._db.transaction() as conn:
            done = conn.execute(
                "UPDATE conversation_turns SET answer = ?, created_at = ? WHERE conversation = ? AND seq = ?",
                (answer_to_json(answer), time.time(), conversation, seq),
            )
            if done.rowcount == 0:
                raise ConversationError("找不到这条回答，可能已被删除")

    def rename(self, owner: str, conversation: str, title: str) -> Conversation:
        """Give a conversation a new name, cut to `NAME_CHARS` (blank names are refused).

        Raises:
            ConversationError: the owner has no such conversation.
            ValueError: ``title`` is blank.
        """
        if not title.strip():
            raise ValueError("名称不能为空")
        self.get(owner, conversation)
        with self._db.transaction() as conn:
            conn.execute("UPDATE conversations SET title = ? WHERE id = ?", (_title(title, NAME_CHARS), conversation))
        return self.get(owner, conversation)

    def delete(self, owner: str, conversation: str) -> None:
        """Delete a conversation and its turns.

        Raises:
            ConversationError: the owner has no such conversation.
        """
        self.get(owner, conversation)
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM conversation_turns WHERE conversation = ?", (conversation,))
            conn.execute("DELETE FROM conversations WHERE id = ?", (conversation,))

    def settings(self, owner: str) -> dict[str, Any]:
        """The owner's saved page settings (empty when none were saved)."""
        if not self._db.exists():
            return {}
        with self._db.transaction() as conn:
            row = conn.execute("SELECT value FROM page_settings WHERE owner = ?", (owner,)).fetchone()
        return dict(json.loads(row[0])) if row else {}

    def save_settings(self, owner: str, values: dict[str, Any]) -> None:
        """Merge ``values`` into the owner's saved page settings."""
        merged = {**self.settings(owner), **values}
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO page_settings (owner, value) VALUES (?, ?) ON CONFLICT(owner) DO UPDATE SET value = excluded.value",
                (owner, json.dumps(merged, ensure_ascii=False)),
            )


def _title(text: str, limit: int = TITLE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"
