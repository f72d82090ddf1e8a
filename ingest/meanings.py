"""The index's book of short texts' vectors: sentence openings and nouns the judge compares by meaning.

At question time the answerer compares the question with the openings of its best few sentences, and
the judge compares the question's nouns with the nouns of the sentences it chose, by the index's
embedder. Each text costs the embedder a pass (about 20 ms for a 24-character opening on one core),
most of an answer's time. The same texts come from the same chunks question after question, so they
are embedded once, in the background after a file's chunks have their vectors, and kept here by text:
a text's vector is the embedder's, whoever computed it, so an answer read from the book is the answer
computed without it.

The book is one sqlite file beside the index (`Index.root`), written by one background thread and read
by every answering thread; a missing file is an empty book. Chunks are marked done by the hash of their
text, so a file replaced by another text is done again and a removed one leaves only unused vectors.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

BOOK_NAME = "meanings.sqlite3"

# What a text was embedded as: the embedder prefixes a query and a passage differently.
QUERY = "query"
PASSAGE = "passage"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (kind TEXT NOT NULL, text TEXT NOT NULL, vector BLOB NOT NULL,
                                    PRIMARY KEY (kind, text));
CREATE TABLE IF NOT EXISTS done (text_hash TEXT PRIMARY KEY);
"""
# sqlite's default bound on the parameters of one statement is 999 in older builds.
_IN_BATCH = 500


def text_hash(text: str) -> str:
    """The key a chunk is marked done by: a digest of its text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class VectorBook:
    """Vectors of short texts by (kind, text), for one embedder (the index's folder is the embedder's).

    Args:
        path: the sqlite file (created by the first write; until then every lookup finds nothing).
        dim: the embedder's vector size; a stored vector of another size is never returned.
    """

    def __init__(self, path: Path, dim: int) -> None:
        self.path = path
        self.dim = dim
        self._conn: sqlite3.Connection | None = None
        self._mutex = threading.Lock()

    @classmethod
    def beside(cls, root: Path, dim: int) -> VectorBook:
        """The book of the index whose local folder is ``root``."""
        return cls(root / BOOK_NAME, dim)

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        if self._conn is None:
            if not create and not self.path.exists():
                return None
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            self._conn = conn
        return self._conn

    def get(self, kind: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The kept vectors of those of ``texts`` the book holds as ``kind``, by text."""
        wanted = list(dict.fromkeys(texts))
        out: dict[str, np.ndarray] = {}
        if not wanted:
            return out
        for text, blob in self._rows_in("SELECT text, vector FROM vectors WHERE kind = ? AND text IN ({})", [kind], wanted):
            vector = np.frombuffer(blob, dtype=np.float32)
            if vector.shape == (self.dim,):
                out[text] = vector
        return out

    def missing(self, kind: str, texts: Iterable[str]) -> list[str]:
        """Those of ``texts`` (each once, in order) the book does not hold as ``kind``."""
        wanted = list(dict.fromkeys(texts))
        held = self.get(kind, wanted)
        return [t for t in wanted if t not in held]

    def _rows_in(self, sql: str, head: Sequence[str], values: Sequence[str]) -> list[tuple[Any, ...]]:
        """The rows of ``sql`` (whose ``{}`` is an IN list) for ``head`` then ``values``, ``_IN_BATCH`` values
        a statement; none while the file does not exist."""
        rows: list[tuple[Any, ...]] = []
        with self._mutex:
            conn = self._connect(create=False)
            if conn is None:
                return rows
            for start in range(0, len(values), _IN_BATCH):
                part = list(values[start : start + _IN_BATCH])
                rows += conn.execute(sql.format(",".join("?" * len(part))), [*head, *part]).fetchall()
        return rows

    def put(self, kind: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Keep ``vectors`` (one row per text, the embedder's) as the ``kind`` vectors of ``texts``."""
        if len(texts) != len(vectors):
            raise ValueError(f"{len(texts)} texts but {len(vectors)} vectors")
        rows = [(kind, t, np.ascontiguousarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vectors, strict=True)]
        with self._mutex:
            conn = self._connect(create=True)
            assert conn is not None
            with conn:
                conn.executemany("INSERT OR REPLACE INTO vectors (kind, text, vector) VALUES (?, ?, ?)", rows)

    def done(self, hashes: Sequence[str]) -> set[str]:
        """Those of ``hashes`` (`text_hash` of chunk texts) marked done."""
        return {row[0] for row in self._rows_in("SELECT text_hash FROM done WHERE text_hash IN ({})", [], hashes)}

    def mark_done(self, hashes: Sequence[str]) -> None:
        """Mark chunks (by `text_hash` of their text) done: every text of theirs is kept."""
        with self._mutex:
            conn = self._connect(create=True)
            assert conn is not None
            with conn:
                conn.executemany("INSERT OR IGNORE INTO done (text_hash) VALUES (?)", [(h,) for h in hashes])

    def size(self) -> int:
        """How many vectors the book keeps."""
        with self._mutex:
            conn = self._connect(create=False)
            return 0 if conn is None else int(conn.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])

    def close(self) -> None:
        """Close the connection (a later use opens it again)."""
        with self._mutex:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
