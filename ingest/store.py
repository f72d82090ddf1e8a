"""The index: a sqlite manifest (the source of truth) plus a Chroma collection of chunk vectors.

Layout, one folder per embedder so that vectors of different models never mix::

    <index_dir>/<slug(embedder name)>/manifest.sqlite3   documents, chunks, BM25 tokens, file hashes
    <index_dir>/<slug(embedder name)>/chroma/            local Chroma (store mode "local")
    <index_dir>/<slug(embedder name)>/write.lock         serialises writers across processes

Writes follow a crash-safe order: vectors go to Chroma first, then one sqlite transaction
swaps the manifest rows, then stale vectors are deleted. A process killed in between leaves
Chroma with ids the manifest does not list; dense queries only return manifest ids and
`Index.repair` deletes the leftovers.

Two phases. A file can be written without vectors (`replace_file` with ``vectors=None``): its
chunks are searchable lexically at once and listed in the ``pending`` table as waiting for
vectors. `add_vectors` later fills them in the same order: vectors to Chroma first, then one
transaction takes the chunks off ``pending``. A process killed in between leaves vectors for
chunks still listed as pending; they are embedded again (same ids, so the upsert is idempotent)
or `Index.repair` takes them off the list. The invariant is: Chroma ids = manifest chunk ids
minus pending ids, up to orphans that repair removes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import secrets
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from ingest.config import StoreSettings
from ingest.kept import PerGeneration
from ingest.stamp import stamped
from ingest.tokenize import bigram_tokens, jieba_tokens
from ingest.types import Chunk, Document, Heading, PageSpan
from ingest.version import DATE_KEY, KIND_KEY, Override, detect_version

SCHEMA_VERSION = "1"
# Collection metadata key naming the manifest that owns a collection on a Chroma server.
OWNER_KEY = "govdoc_index_id"
_SQL_BATCH = 500
# At most this many chunks left out of a document-filtered dense search are dropped after an unfiltered
# one (`Index._nearest`); more, and Chroma filters.
_POST_FILTER_MAX = 2000
# At most this many chunks inside a document-filtered dense search are compared with the query one by
# one (`Index._nearest`): an exact search, where Chroma's filtered graph search over a few chunks of a
# large index walks most of the graph (about 250 ms at 100k chunks for 95 chunks inside).
_EXACT_MAX = 1000
_CHROMA_BATCH = 1000
# A Chroma database another client is still closing answers "database is locked" for a moment (`_widen_search`).
_LOCKED_TRIES = 3
_LOCKED_WAIT_S = 0.2
# Vector commits kept for the rate (`Index.vector_rate`): enough for minutes of batches.
_COMMITS_KEPT = 200

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    source TEXT PRIMARY KEY, content_hash TEXT NOT NULL, size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL, n_docs INTEGER NOT NULL, n_chunks INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,
    headings_json TEXT NOT NULL, pages_json TEXT NOT NULL, ordinal INTEGER NOT NULL,
    records_json TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS documents_source ON documents (source);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, doc_id TEXT NOT NULL, source TEXT NOT NULL, doc_title TEXT NOT NULL,
    section TEXT NOT NULL, page INTEGER, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, ocr INTEGER NOT NULL, ocr_confidence REAL,
    tokens_jieba TEXT NOT NULL, tokens_bigram TEXT NOT NULL, extra_json TEXT NOT NULL DEFAULT '{}');
CREATE INDEX IF NOT EXISTS chunks_source ON chunks (source);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (doc_id);
CREATE TABLE IF NOT EXISTS pending (id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS vector_commits (at REAL NOT NULL, chunks INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS version_overrides (doc_id TEXT PRIMARY KEY, override_json TEXT NOT NULL);
"""

_CHUNK_COLUMNS = (
    'c.id, c.doc_id, c.doc_title, c.source, c.section, c.page, c.start, c."end", c.text, '
    "c.ocr, c.ocr_confidence, c.extra_json"
)
_CHUNK_ORDER = "d.source, d.ordinal, c.start"


def commit_rate(commits: Sequence[tuple[float, int]], now: float, pause_s: float) -> float | None:
    """Chunks per second over the latest run of vector commits (``(time, chunks)``, newest first) that no
    pause longer than ``pause_s`` interrupts, up to ``now``; None when there is no such run of two or more."""
    if not commits or now - commits[0][0] > pause_s:
        return None
    run = [commits[0]]
    for row in commits[1:]:
        if run[-1][0] - row[0] > pause_s:
            break
        run.append(row)
    if len(run) < 2 or run[0][0] <= run[-1][0]:
        return None
    # The oldest commit of the run opens the clock; the chunks of the later ones are what it timed.
    return sum(chunks for _, chunks in run[:-1]) / (run[0][0] - run[-1][0])


class StoreError(RuntimeError):
    """The index cannot be opened or written; the message says what to do."""


class NotInIndexError(StoreError):
    """A source or document that the index does not hold."""


@dataclass(frozen=True)
class DocInfo:
    """One indexed document, as listed by ``govdoc docs``."""

    doc_id: str
    title: str
    source: str
    n_chunks: int
    ingested_at: str
    role: str = ""  # drafting role (ingest.role); empty in an index built before roles
    version_date: str = ""  # ingest.version: the date found at ingest; empty when none (or an older index)
    version_kind: str = ""


@dataclass(frozen=True)
class IndexSummary:
    """An index under the same index directory, built by another embedder (see `Index.other_embedders`)."""

    embedder_name: str
    documents: int
    chunks: int


@dataclass(frozen=True)
class RepairReport:
    """What `Index.repair` fixed: vectors no manifest row lists, and manifest chunks without a vector."""

    orphans_removed: int
    missing_vectors: int


@dataclass(frozen=True)
class Backlog:
    """How far the index is with vectors: documents and chunks held, chunks still waiting for vectors."""

    documents: int
    chunks: int
    waiting: int

    @classmethod
    def total(cls, parts: Iterable[Backlog]) -> Backlog:
        """The sum of several files' backlogs (nothing: all zero)."""
        documents = chunks = waiting = 0
        for part in parts:
            documents, chunks, waiting = documents + part.documents, chunks + part.chunks, waiting + part.waiting
        return cls(documents, chunks, waiting)


def slug(name: str) -> str:
    """A folder- and collection-safe name for an embedder id: readable prefix plus a short hash."""
    readable = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:48].strip("-") or "embedder"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"


class _FileLock:
    """An fcntl lock on a file, re-entrant within a thread and exclusive across threads of one process."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._mutex = threading.RLock()
        self._fd: int | None = None
        self._depth = 0

    @contextmanager
    def hold(self, *, shared: bool = False, blocking: bool = True) -> Iterator[bool]:
        """Hold the lock; yields False (without holding it) when ``blocking`` is False and it is busy."""
        if not self._mutex.acquire(blocking=blocking):
            yield False
            return
        try:
            if self._depth == 0:
                fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
                flags = (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | (0 if blocking else fcntl.LOCK_NB)
                try:
                    fcntl.flock(fd, flags)
                except BlockingIOError:
                    os.close(fd)
                    yield False
                    return
                self._fd = fd
            self._depth += 1
            try:
                yield True
            finally:
                self._depth -= 1
                if self._depth == 0 and self._fd is not None:
                    fcntl.flock(self._fd, fcntl.LOCK_UN)
                    os.close(self._fd)
                    self._fd = None
        finally:
            self._mutex.release()


class Index:
    """Manifest plus vectors of one embedder. Open with `Index.open`; safe to share between threads.

    Several processes may use one index: writers serialise on a file lock, readers see committed
    manifest rows and reopen their Chroma client when another process has written. In store mode
    "server" the vectors live in a `chroma run` server while the manifest stays in ``index_dir``:
    every worker that talks to the same server must share the same ``index_dir``.
    """

    def __init__(self, root: Path, settings: StoreSettings, embedder_name: str, dim: int) -> None:
        self.root = root
        self.embedder_name = embedder_name
        self.dim = dim
        self._settings = settings
        self._manifest = root / "manifest.sqlite3"
        # Each thread's kept reading connection, with the process and the manifest's inode it was opened on.
        self._readers: dict[int, tuple[tuple[int, int, int], sqlite3.Connection]] = {}
        self._readers_mutex = threading.Lock()
        self._lock = _FileLock(root / "write.lock")
        self._chroma_mutex = threading.RLock()
        self._client: Any = None
        self._collection: Any = None
        self._chroma_generation = -1
        self._chroma_vectors = -1  # the 'vectors' counter when the Chroma client was (re)opened
        # `documents` of one generation: every question reads it (versions, scope), and at 100k chunks
        # its counts over the chunks table cost a few hundred ms; a write moves the generation.
        self._documents: PerGeneration[list[DocInfo]] = PerGeneration()
        # Chroma's count of stored vectors, with the (generation, vectors mark) of the open client it was
        # read at: every dense search needs it, and at 100k vectors a count costs about 20-50 ms. A write in
        # this process drops it; a write by another process reopens the client (`_refresh_chroma`), which
        # drops it too and moves the mark.
        self._counted: tuple[tuple[int, int], int] | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, settings: StoreSettings, embedder_name: str, dim: int) -> Index:
        """Open (creating if needed) the index of ``embedder_name`` under ``settings.index_dir``.

        Args:
            settings: the store section of the settings.
            embedder_name: the embedder's stable id; each embedder gets its own subfolder and collection.
            dim: the embedder's vector length, checked against what the index was built with.

        Raises:
            StoreError: the folder cannot be created, or the index belongs to another embedder.
        """
        root = Path(settings.index_dir) / slug(embedder_name)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建索引目录 {root}：{exc.strerror or exc}；请用 --index 指定一个可写的目录") from exc
        index = cls(root, settings, embedder_name, dim)
        index._init_manifest()
        index._connect_chroma()
        if index._chroma_count() != index.chunk_count() - index.waiting_count():
            with index._lock.hold(blocking=False) as free:
                # A busy lock means a writer is mid-file; its leftovers are filtered at query time.
                if free:
                    index.repair()
        return index

    def close(self) -> None:
        """Release the Chroma client; the object must not be used afterwards."""
        with self._chroma_mutex:
            self._close_chroma()
        self._close_readers()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _init_manifest(self) -> None:
        try:
            with self._db() as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)
                columns = {row[1] for row in conn.execute("PRAGMA table_info(documents)")}
                if "records_json" not in columns:
                    # An index from before table records were kept: its documents read as having none
                    # until their files are ingested again.
                    conn.execute("ALTER TABLE documents ADD COLUMN records_json TEXT NOT NULL DEFAULT '[]'")
        except sqlite3.Error as exc:
            raise StoreError(f"无法打开索引清单 {self._manifest}：{exc}") from exc
        with self._txn() as conn:
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if "vectors" not in meta:
                # Counts `add_vectors` commits, which other processes' Chroma clients must see.
                conn.execute("INSERT INTO meta (key, value) VALUES ('vectors', '0')")
            if "index_id" not in meta:
                # Names this manifest to a Chroma server's collection (see `_claim_collection`).
                conn.execute("INSERT INTO meta (key, value) VALUES ('index_id', ?)", (secrets.token_hex(8),))
            if not meta:
                conn.executemany(
                    "INSERT INTO meta (key, value) VALUES (?, ?)",
                    [
                        ("schema", SCHEMA_VERSION),
                        ("generation", "0"),
                        ("embedder_name", self.embedder_name),
                        ("embedder_dim", str(self.dim)),
                    ],
                )
                return
        if meta.get("embedder_name") != self.embedder_name or meta.get("embedder_dim") != str(self.dim):
            raise StoreError(
                f"索引目录 {self.root} 由嵌入模型 {meta.get('embedder_name')}（维度 {meta.get('embedder_dim')}）建立，"
                f"与当前的 {self.embedder_name}（维度 {self.dim}）不一致；请换一个索引目录或删除该目录后重新入库"
            )
        if meta.get("schema") != SCHEMA_VERSION:
            raise StoreError(f"索引目录 {self.root} 的格式版本 {meta.get('schema')} 不受支持；请删除该目录后重新入库")

    # ------------------------------------------------------------------ sqlite

    def _connect_manifest(self, *, shared: bool = False) -> sqlite3.Connection:
        conn = sqlite3.connect(self._manifest, timeout=30, isolation_level=None, check_same_thread=not shared)
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """A connection for reading: each thread keeps one (every question reads the manifest a dozen
        times, and opening it costs about as much as the reads); in autocommit and WAL mode each statement
        sees the last committed write. A new one is opened when the manifest file was replaced (its inode
        changed) or in a forked process; those of threads that have ended are closed."""
        try:
            stat = os.stat(self._manifest)
        except FileNotFoundError:  # being created: read once, keep nothing
            conn = self._connect_manifest()
            try:
                yield conn
            finally:
                conn.close()
            return
        key = (os.getpid(), stat.st_dev, stat.st_ino)
        thread = threading.get_ident()
        with self._readers_mutex:
            kept = self._readers.get(thread)
        if kept is None or kept[0] != key:
            conn = self._connect_manifest(shared=True)
            with self._readers_mutex:
                alive = {t.ident for t in threading.enumerate()}
                stale = [t for t, (k, _) in self._readers.items() if t not in alive or k[0] != key[0] or t == thread]
                dropped = [self._readers.pop(t) for t in stale]
                self._readers[thread] = kept = (key, conn)
            for (pid, _, _), old in dropped:
                if pid == key[0]:  # a parent process's connection is left to the parent
                    old.close()
        yield kept[1]

    def _close_readers(self) -> None:
        with self._readers_mutex:
            kept, self._readers = self._readers, {}
        for key, conn in kept.values():
            if key[0] == os.getpid():
                conn.close()

    @contextmanager
    def _txn(self) -> Iterator[sqlite3.Connection]:
        # Writes get a connection of their own, so that a read kept open elsewhere never joins a write.
        conn = self._connect_manifest()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    @staticmethod
    def _bump_vectors(conn: sqlite3.Connection) -> int:
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'vectors'")
        return int(conn.execute("SELECT value FROM meta WHERE key = 'vectors'").fetchone()[0])

    def _vectors_mark(self) -> int:
        with self._db() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'vectors'").fetchone()
        return -1 if row is None else int(row[0])

    @staticmethod
    def _bump_generation(conn: sqlite3.Connection) -> int:
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
        return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    # ------------------------------------------------------------------ chroma

    def _connect_chroma(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        with self._chroma_mutex:
            generation = self.generation()
            vectors = self._vectors_mark()
            try:
                if self._settings.mode == "server":
                    self._client = chromadb.HttpClient(
                        host=self._settings.host,
                        port=self._settings.port,
                        settings=ChromaSettings(anonymized_telemetry=False),
                    )
                else:
                    self._client = self._local_client()
                self._collection = self._open_collection()
                self._widen_search()
            except Exception as exc:
                if self._settings.mode == "server":
                    raise StoreError(
                        f"无法打开 Chroma 服务 {self._settings.host}:{self._settings.port}：{exc}；"
                        "请确认已用 chroma run 启动服务，且 store.host、store.port 与之一致"
                    ) from exc
                raise StoreError(f"无法打开本地向量库 {self.root / 'chroma'}：{exc}") from exc
            if self._settings.mode == "server":
                self._claim_collection()
            self._chroma_generation = generation
            self._chroma_vectors = vectors

    def _local_client(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        return chromadb.PersistentClient(
            path=str(self.root / "chroma"),
            settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False),
        )

    def _widen_search(self) -> None:
        """Give the open collection the set ef_search when it has another (an index made before the setting).

        ef_search is the one HNSW setting Chroma lets change later, and an open local client keeps the value
        it loaded, so the client is reopened after the change. When Chroma cannot change it now (another
        process holds its database, after `_LOCKED_TRIES` tries), the search runs with the old value and the next
        opening tries again.
        """
        breadth = self._search_breadth()
        if breadth is None or breadth == self._settings.ef_search:
            return
        from chromadb.errors import ChromaError

        for attempt in range(_LOCKED_TRIES):
            try:
                self._collection.modify(configuration={"hnsw": {"ef_search": self._settings.ef_search}})
                break
            except ChromaError as error:
                # A database another client is still closing is locked for a moment: wait a little, then give up.
                if attempt + 1 == _LOCKED_TRIES or "locked" not in str(error):
                    return
                time.sleep(_LOCKED_WAIT_S)
        if self._settings.mode == "local":
            self._close_chroma()
            self._client = self._local_client()
            self._collection = self._open_collection()

    def _open_collection(self) -> Any:
        """This embedder's collection in the open client, created (cosine, the set search breadth) if missing."""
        return self._client.get_or_create_collection(
            f"{self._settings.collection}_{slug(self.embedder_name)}",
            configuration={"hnsw": {"space": "cosine", "ef_search": self._settings.ef_search}},
            embedding_function=None,
        )

    def _search_breadth(self) -> int | None:
        """The open collection's HNSW ef_search, None when Chroma does not say."""
        configuration = getattr(self._collection, "configuration", None) or {}
        hnsw = configuration.get("hnsw") or {}
        value = hnsw.get("ef_search")
        return int(value) if value is not None else None

    def _claim_collection(self) -> None:
        """Mark the server's collection as this manifest's, or refuse one that another manifest owns.

        Two index folders sharing one collection would each see the other's vectors as orphans and
        delete them on the next repair; this turns that silent loss into an error on open.
        """
        with self._db() as conn:
            owner = str(conn.execute("SELECT value FROM meta WHERE key = 'index_id'").fetchone()[0])
        metadata = dict(self._collection.metadata or {})
        current = metadata.get(OWNER_KEY)
        if current is None:
            self._collection.modify(metadata={**metadata, OWNER_KEY: owner})
        elif current != owner:
            raise StoreError(
                f"Chroma 服务 {self._settings.host}:{self._settings.port} 上的集合 {self._collection.name} "
                f"属于另一个索引目录（清单编号 {current}），不属于 {self.root}（清单编号 {owner}）。"
                "连接同一集合的所有进程必须共用同一个 store.index_dir；若这是另一套独立的索引，"
                "请为它设置不同的 store.collection"
            )

    def _close_chroma(self) -> None:
        client, self._client, self._collection = self._client, None, None
        self._counted = None
        close = getattr(client, "close", None)
        if close is not None:
            close()

    def _refresh_chroma(self) -> None:
        """Reopen the local Chroma client when another process has written since we opened it.

        Embedded Chroma caches its index in memory and does not see other processes' writes.
        """
        if self._settings.mode == "server" or self._chroma_current():
            return
        with self._lock.hold(shared=True), self._chroma_mutex:
            if not self._chroma_current():
                self._close_chroma()
                self._connect_chroma()

    def _chroma_current(self) -> bool:
        return self.generation() == self._chroma_generation and self._vectors_mark() == self._chroma_vectors

    def _chroma_count(self) -> int:
        with self._chroma_mutex:
            return int(self._collection.count())

    def _chroma_ids(self) -> set[str]:
        ids: set[str] = set()
        with self._chroma_mutex:
            offset = 0
            while True:
                page = self._collection.get(include=[], limit=_CHROMA_BATCH * 10, offset=offset)["ids"]
                ids.update(page)
                if len(page) < _CHROMA_BATCH * 10:
                    return ids
                offset += len(page)

    def _stored_count(self) -> int:
        """Chroma's count of stored vectors, read again only after a write (see ``_counted``); the
        caller holds ``_chroma_mutex`` and has refreshed the client. A Chroma server may be written by
        others: it is always asked."""
        key = (self._chroma_generation, self._chroma_vectors)
        if self._settings.mode == "server" or self._counted is None or self._counted[0] != key:
            self._counted = (key, int(self._collection.count()))
        return self._counted[1]

    def _chroma_delete(self, ids: Sequence[str]) -> None:
        with self._chroma_mutex:
            self._counted = None
            for start in range(0, len(ids), _CHROMA_BATCH):
                self._collection.delete(ids=list(ids[start : start + _CHROMA_BATCH]))

    def _chroma_upsert(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        with self._chroma_mutex:
            self._counted = None
            for start in range(0, len(chunks), _CHROMA_BATCH):
                batch = chunks[start : start + _CHROMA_BATCH]
                self._collection.upsert(
                    ids=[c.id for c in batch],
                    embeddings=vectors[start : start + len(batch)],
                    metadatas=[_chroma_metadata(c) for c in batch],
                )

    # ------------------------------------------------------------------ writes

    def replace_file(
        self,
        source: str,
        content_hash: str,
        documents: Sequence[Document],
        chunks: Sequence[Chunk],
        vectors: np.ndarray | None,
        *,
        texts: Sequence[str] | None = None,
        size: int = 0,
    ) -> None:
        """Make ``documents`` and ``chunks`` the whole indexed content of ``source``.

        With ``vectors`` None (phase one of a two-phase ingest) the chunks are stored for BM25
        only and listed as waiting for vectors; `add_vectors` fills them in later. A chunk the file
        held before with the same id and index text keeps its vector (a file read again by a newer
        reader, `ingest.stamp`, costs vectors only for the chunks that changed).

        Args:
            source: the file's source key.
            content_hash: the hash recorded for the file (its bytes' sha256 with the reader's stamp,
                `ingest.stamp`), compared on the next ingest.
            documents: every document of the file, in file order.
            chunks: every chunk of those documents.
            vectors: one unit vector per chunk, shape (len(chunks), dim), or None for later.
            texts: the text each chunk was embedded from (tokenized for BM25);
                defaults to ``ingest.chunk.index_text(chunk)``.
            size: the file's size in bytes.
        """
        if vectors is not None:
            vectors = np.asarray(vectors, dtype=np.float32)
        if chunks and vectors is not None and vectors.shape != (len(chunks), self.dim):
            raise ValueError(f"向量形状 {vectors.shape} 与片段数 {len(chunks)}、维度 {self.dim} 不符")
        if texts is None:
            from ingest.chunk import index_text

            texts = [index_text(c) for c in chunks]
        ordinals = {d.doc_id: i for i, d in enumerate(documents)}
        doc_rows = [_document_row(d, i) for i, d in enumerate(documents)]
        chunk_rows = [_chunk_row(c, t) for c, t in zip(chunks, texts, strict=True)]
        if any(c.doc_id not in ordinals for c in chunks):
            raise ValueError(f"{source}：有片段不属于所给的文档")
        new_ids = {c.id for c in chunks}
        with self._lock.hold():
            self._refresh_chroma()
            if chunks and vectors is not None:
                self._chroma_upsert(chunks, vectors)
            now = datetime.now().astimezone().isoformat(timespec="seconds")
            try:
                with self._txn() as conn:
                    old_ids = [r[0] for r in conn.execute("SELECT id FROM chunks WHERE source = ?", (source,))]
                    # A chunk read again the same (same id, same index text) keeps the vector it has.
                    embedded = dict(
                        conn.execute(
                            "SELECT id, tokens_jieba FROM chunks WHERE source = ? AND id NOT IN (SELECT id FROM pending)",
                            (source,),
                        ).fetchall()
                    )
                    waiting = [row[0] for row in chunk_rows if embedded.get(row[0]) != row[11]]
                    conn.execute("DELETE FROM pending WHERE id IN (SELECT id FROM chunks WHERE source = ?)", (source,))
                    conn.execute("DELETE FROM chunks WHERE source = ?", (source,))
                    conn.execute("DELETE FROM documents WHERE source = ?", (source,))
                    conn.executemany(
                        "INSERT INTO documents (doc_id, source, title, text, headings_json, pages_json, ordinal, "
                        "records_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        doc_rows,
                    )
                    conn.executemany(
                        "INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", chunk_rows
                    )
                    if vectors is None:
                        conn.executemany("INSERT INTO pending VALUES (?)", [(i,) for i in waiting])
                    conn.execute(
                        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
                        (source, content_hash, size, now, len(documents), len(chunks)),
                    )
                    generation = self._bump_generation(conn)
            except sqlite3.IntegrityError as exc:
                raise StoreError(f"{source}：文档或片段编号与索引中已有的重复（{exc}）") from exc
            self._chroma_generation = generation
            self._chroma_delete([i for i in old_ids if i not in new_ids])

    def add_vectors(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> int:
        """Store the vectors of chunks that wait for them (phase two), in the crash-safe order.

        Chunks no longer waiting (their file was replaced or removed meanwhile, or another process
        got there first) are left alone.

        Args:
            chunks: chunks as `waiting_chunks` returned them.
            vectors: one unit vector per chunk, shape (len(chunks), dim).

        Returns:
            How many chunks got their vector.
        """
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(chunks), self.dim):
            raise ValueError(f"向量形状 {vectors.shape} 与片段数 {len(chunks)}、维度 {self.dim} 不符")
        with self._lock.hold():
            self._refresh_chroma()
            still = self.waiting_among([c.id for c in chunks])
            keep = [i for i, c in enumerate(chunks) if c.id in still]
            if not keep:
                return 0
            batch = [chunks[i] for i in keep]
            self._chroma_upsert(batch, vectors[keep])
            with self._txn() as conn:
                ids = [c.id for c in batch]
                for part in _batches(ids, _SQL_BATCH):
                    conn.execute(f"DELETE FROM pending WHERE id IN ({_marks(part)})", part)
                self._chroma_vectors = self._bump_vectors(conn)
                conn.execute("INSERT INTO vector_commits (at, chunks) VALUES (?, ?)", (time.time(), len(batch)))
                conn.execute(
                    "DELETE FROM vector_commits WHERE rowid <= (SELECT max(rowid) FROM vector_commits) - ?",
                    (_COMMITS_KEPT,),
                )
        return len(batch)

    def vector_rate(self, *, now: float | None = None, pause_s: float = 120.0) -> float | None:
        """Chunks per second at which the backlog is being embedded, by whichever process does it.

        Measured over the latest run of `add_vectors` commits, one that no pause longer than
        ``pause_s`` interrupts, so a rate from before an idle spell does not count.

        Args:
            now: the current time (``time.time()``); given in tests.
            pause_s: a gap between commits (or since the last one) that ends a run.

        Returns:
            The rate, or None when no run is going on or it has fewer than two commits.
        """
        with self._db() as conn:
            rows = conn.execute("SELECT at, chunks FROM vector_commits ORDER BY rowid DESC").fetchall()
        return commit_rate(rows, time.time() if now is None else now, pause_s)

    def waiting_chunks(self, limit: int) -> list[Chunk]:
        """Up to ``limit`` chunks waiting for vectors, a file's in text order, files by name."""
        select = (
            f"SELECT {_CHUNK_COLUMNS} FROM pending p JOIN chunks c ON c.id = p.id "
            "JOIN documents d ON d.doc_id = c.doc_id"
        )
        with self._db() as conn:
            rows = conn.execute(f"{select} ORDER BY {_CHUNK_ORDER} LIMIT ?", (limit,)).fetchall()
        return [_chunk_from_row(r) for r in rows]

    def waiting_count(self) -> int:
        """Number of chunks waiting for vectors (searchable by BM25 only until then)."""
        with self._db() as conn:
            return int(conn.execute("SELECT count(*) FROM pending").fetchone()[0])

    def waiting_by_source(self) -> dict[str, int]:
        """For each file with chunks waiting for vectors, how many wait."""
        with self._db() as conn:
            rows = conn.execute(
                "SELECT c.source, count(*) FROM pending p JOIN chunks c ON c.id = p.id GROUP BY c.source"
            ).fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def waiting_among(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` that wait for vectors."""
        found: set[str] = set()
        with self._db() as conn:
            for batch in _batches(list(ids), _SQL_BATCH):
                found.update(r[0] for r in conn.execute(f"SELECT id FROM pending WHERE id IN ({_marks(batch)})", batch))
        return found

    def backlog_by_source(self) -> dict[str, Backlog]:
        """Each file's documents, chunks and chunks waiting for vectors, read in one snapshot."""
        with self._db() as conn:
            conn.execute("BEGIN")
            try:
                counted = [
                    dict(conn.execute("SELECT source, count(*) FROM documents GROUP BY source").fetchall()),
                    dict(conn.execute("SELECT source, count(*) FROM chunks GROUP BY source").fetchall()),
                    dict(
                        conn.execute(
                            "SELECT c.source, count(*) FROM pending p JOIN chunks c ON c.id = p.id GROUP BY c.source"
                        ).fetchall()
                    ),
                ]
            finally:
                conn.execute("COMMIT")
        documents, chunks, waiting = counted
        return {
            source: Backlog(int(documents.get(source, 0)), int(chunks.get(source, 0)), int(waiting.get(source, 0)))
            for source in documents.keys() | chunks.keys()
        }

    def remove_source(self, source: str) -> int:
        """Remove a file's documents, chunks and vectors.

        Returns:
            The number of chunks removed.

        Raises:
            NotInIndexError: the index holds no file with this source key.
        """
        with self._lock.hold():
            self._refresh_chroma()
            with self._txn() as conn:
                if conn.execute("SELECT 1 FROM files WHERE source = ?", (source,)).fetchone() is None:
                    raise NotInIndexError(f"索引中没有文件 {source}；可用 govdoc docs 查看已入库的文件")
                ids = [r[0] for r in conn.execute("SELECT id FROM chunks WHERE source = ?", (source,))]
                conn.execute("DELETE FROM pending WHERE id IN (SELECT id FROM chunks WHERE source = ?)", (source,))
                conn.execute("DELETE FROM chunks WHERE source = ?", (source,))
                conn.execute("DELETE FROM documents WHERE source = ?", (source,))
                conn.execute("DELETE FROM files WHERE source = ?", (source,))
                generation = self._bump_generation(conn)
            self._chroma_generation = generation
            self._chroma_delete(ids)
        return len(ids)

    def set_role(self, source: str, role: str) -> int:
        """Give every document of an indexed file the drafting role ``role`` (no re-embedding).

        Returns:
            The number of chunks whose role changed.

        Raises:
            NotInIndexError: the index holds no file with this source key.
        """
        from ingest.role import ROLE_KEY, check_role

        check_role(role)
        with self._lock.hold(), self._txn() as conn:
            if conn.execute("SELECT 1 FROM files WHERE source = ?", (source,)).fetchone() is None:
                raise NotInIndexError(f"索引中没有文件 {source}；可用 govdoc docs 查看已入库的文件")
            rows = conn.execute("SELECT id, extra_json FROM chunks WHERE source = ?", (source,)).fetchall()
            changed = []
            for chunk_id, extra_json in rows:
                extra = json.loads(extra_json)
                if extra.get(ROLE_KEY) != role:
                    changed.append((json.dumps({**extra, ROLE_KEY: role}, ensure_ascii=False), chunk_id))
            if changed:
                conn.executemany("UPDATE chunks SET extra_json = ? WHERE id = ?", changed)
                self._chroma_generation = self._bump_generation(conn)
        return len(changed)

    def repair(self) -> RepairReport:
        """Delete vectors the manifest does not list, and mark files whose vectors are missing as stale.

        A stale file (empty content hash) is read again by the next ingest, and its chunks without a
        vector wait for one again. Chunks waiting for vectors are not missing; those whose vector
        reached Chroma before a kill stop waiting.
        """
        with self._lock.hold():
            self._refresh_chroma()
            with self._db() as conn:
                manifest_ids = {r[0] for r in conn.execute("SELECT id FROM chunks")}
                waiting = {r[0] for r in conn.execute("SELECT id FROM pending")}
            chroma_ids = self._chroma_ids()
            orphans = sorted(chroma_ids - manifest_ids)
            self._chroma_delete(orphans)
            arrived = sorted(waiting & chroma_ids)
            if arrived:
                with self._txn() as conn:
                    for part in _batches(arrived, _SQL_BATCH):
                        conn.execute(f"DELETE FROM pending WHERE id IN ({_marks(part)})", part)
                    self._chroma_vectors = self._bump_vectors(conn)
            missing = manifest_ids - chroma_ids - waiting
            if missing:
                with self._txn() as conn:
                    sources = {
                        r[0]
                        for batch in _batches(sorted(missing), _SQL_BATCH)
                        for r in conn.execute(
                            f"SELECT DISTINCT source FROM chunks WHERE id IN ({_marks(batch)})", batch
                        )
                    }
                    conn.executemany("UPDATE files SET content_hash = '' WHERE source = ?", [(s,) for s in sources])
                    # They wait for vectors again: a file read again keeps only vectors Chroma holds.
                    conn.executemany("INSERT OR IGNORE INTO pending VALUES (?)", [(i,) for i in sorted(missing)])
                    self._chroma_generation = self._bump_generation(conn)
        return RepairReport(orphans_removed=len(orphans), missing_vectors=len(missing))

    # ------------------------------------------------------------------ reads

    def generation(self) -> int:
        """A counter that changes on every write, so caches (BM25, answers) know they are stale."""
        with self._db() as conn:
            return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def file_hash(self, source: str) -> str | None:
        """The content hash recorded for ``source``, or None when it is not indexed."""
        with self._db() as conn:
            row = conn.execute("SELECT content_hash FROM files WHERE source = ?", (source,)).fetchone()
        return None if row is None else str(row[0])

    def file_hashes(self, sources: Sequence[str]) -> dict[str, str]:
        """The content hash recorded for each of ``sources`` that is indexed, in the order of ``sources``
        (what `file_hash` gives one by one, read in one query per `_SQL_BATCH` sources)."""
        found: dict[str, str] = {}
        with self._db() as conn:
            for batch in _batches(list(dict.fromkeys(sources)), _SQL_BATCH):
                rows = conn.execute(f"SELECT source, content_hash FROM files WHERE source IN ({_marks(batch)})", batch)
                found.update((str(r[0]), str(r[1])) for r in rows)
        return {s: found[s] for s in sources if s in found}

    def sources_with_hash(self, content_hash: str) -> list[str]:
        """The indexed files whose bytes have this sha256, by name."""
        with self._db() as conn:
            rows = conn.execute(  # recorded hashes carry the reader's stamp after the bytes' digest
                "SELECT source FROM files WHERE content_hash = ? OR content_hash LIKE ? ORDER BY source",
                (content_hash, stamped(content_hash, "%")),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def sources(self) -> list[str]:
        """Source keys of every indexed file, sorted."""
        with self._db() as conn:
            return [r[0] for r in conn.execute("SELECT source FROM files ORDER BY source")]

    def documents(self) -> list[DocInfo]:
        """Every indexed document, in (source, file order); read once per index generation."""
        return list(self._documents.get(self.generation(), self._read_documents))

    def _read_documents(self) -> list[DocInfo]:
        with self._db() as conn:
            rows = conn.execute(
                "SELECT d.doc_id, d.title, d.source, "
                "(SELECT count(*) FROM chunks c WHERE c.doc_id = d.doc_id), f.ingested_at, "
                "coalesce((SELECT json_extract(c.extra_json, '$.role') FROM chunks c WHERE c.doc_id = d.doc_id "
                "LIMIT 1), ''), "
                "coalesce((SELECT json_extract(c.extra_json, '$.version_date') FROM chunks c "
                "WHERE c.doc_id = d.doc_id LIMIT 1), ''), "
                "coalesce((SELECT json_extract(c.extra_json, '$.version_kind') FROM chunks c "
                "WHERE c.doc_id = d.doc_id LIMIT 1), '') "
                "FROM documents d JOIN files f ON f.source = d.source ORDER BY d.source, d.ordinal"
            ).fetchall()
        return [DocInfo(*row) for row in rows]

    def backfill_versions(self, source: str) -> int:
        """Give the documents of an indexed file their version date and kind when the index was built
        before versions (`ingest.version.detect_version` on the stored text; no re-embedding).

        Returns:
            The number of chunks updated (0 when every chunk already has them).
        """
        with self._db() as conn:
            missing = conn.execute(
                "SELECT DISTINCT doc_id FROM chunks WHERE source = ? AND json_extract(extra_json, '$.version_date') IS NULL",
                (source,),
            ).fetchall()
        if not missing:
            return 0
        marks = {doc_id: detect_version(self.document(doc_id), source) for (doc_id,) in missing}
        with self._lock.hold(), self._txn() as conn:
            rows = conn.execute(
                f"SELECT id, doc_id, extra_json FROM chunks WHERE doc_id IN ({_marks(list(marks))})", list(marks)
            ).fetchall()
            updates = [
                (json.dumps({**json.loads(raw), DATE_KEY: marks[doc].date, KIND_KEY: marks[doc].kind}, ensure_ascii=False), cid)
                for cid, doc, raw in rows
            ]
            conn.executemany("UPDATE chunks SET extra_json = ? WHERE id = ?", updates)
            self._chroma_generation = self._bump_generation(conn)
        return len(updates)

    def version_overrides(self) -> dict[str, Override]:
        """The user's corrections of versions (`ingest.version.Override`), by document id."""
        with self._db() as conn:
            rows = conn.execute("SELECT doc_id, override_json FROM version_overrides").fetchall()
        return {doc_id: Override(**json.loads(raw)) for doc_id, raw in rows}

    def set_version_override(self, doc_id: str, override: Override | None) -> None:
        """Store (None: drop) a user's correction of one document's version; bumps the generation.

        Raises:
            NotInIndexError: no such document.
        """
        with self._lock.hold(), self._txn() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is None:
                raise NotInIndexError(f"索引中没有编号为 {doc_id} 的文档")
            if override is None:
                conn.execute("DELETE FROM version_overrides WHERE doc_id = ?", (doc_id,))
            else:
                raw = {k: v for k, v in asdict(override).items() if v is not None}
                conn.execute(
                    "INSERT OR REPLACE INTO version_overrides VALUES (?, ?)", (doc_id, json.dumps(raw, ensure_ascii=False))
                )
            self._chroma_generation = self._bump_generation(conn)

    def document(self, doc_id: str) -> Document:
        """The stored document with its cleaned text, headings, page spans and table records.

        Raises:
            NotInIndexError: no such document.
        """
        with self._db() as conn:
            row = conn.execute(
                "SELECT doc_id, title, source, text, headings_json, pages_json, records_json FROM documents "
                "WHERE doc_id = ?",
                (doc_id,),
            ).fetchone()
        if row is None:
            raise NotInIndexError(f"索引中没有编号为 {doc_id} 的文档")
        return _document_from_row(row)

    def document_text(self, doc_id: str) -> str:
        """The cleaned text of one document (what chunk offsets index into).

        Raises:
            NotInIndexError: no such document.
        """
        with self._db() as conn:
            row = conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise NotInIndexError(f"索引中没有编号为 {doc_id} 的文档")
        return str(row[0])

    def chunks(self, ids: Sequence[str] | None = None) -> list[Chunk]:
        """Chunks by id (in the order given, unknown ids skipped), or all in (source, document, start) order."""
        select = f"SELECT {_CHUNK_COLUMNS} FROM chunks c JOIN documents d ON d.doc_id = c.doc_id"
        with self._db() as conn:
            if ids is None:
                return [_chunk_from_row(r) for r in conn.execute(f"{select} ORDER BY {_CHUNK_ORDER}")]
            found: dict[str, Chunk] = {}
            for batch in _batches(list(ids), _SQL_BATCH):
                for r in conn.execute(f"{select} WHERE c.id IN ({_marks(batch)})", batch):
                    found[r[0]] = _chunk_from_row(r)
        return [found[i] for i in ids if i in found]

    def chunk_at(self, doc_id: str, offset: int) -> Chunk | None:
        """The chunk of a document that holds the character ``offset`` (the first one, chunks may overlap)."""
        select = f"SELECT {_CHUNK_COLUMNS} FROM chunks c JOIN documents d ON d.doc_id = c.doc_id"
        with self._db() as conn:
            row = conn.execute(
                f'{select} WHERE c.doc_id = ? AND c.start <= ? AND c."end" > ? ORDER BY c.start LIMIT 1',
                (doc_id, offset, offset),
            ).fetchone()
        return None if row is None else _chunk_from_row(row)

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document in text order (empty for an unknown document)."""
        select = f"SELECT {_CHUNK_COLUMNS} FROM chunks c JOIN documents d ON d.doc_id = c.doc_id"
        with self._db() as conn:
            rows = conn.execute(f"{select} WHERE c.doc_id = ? ORDER BY c.start", (doc_id,)).fetchall()
        return [_chunk_from_row(r) for r in rows]

    def next_chunk(self, chunk_id: str) -> Chunk | None:
        """The chunk that follows ``chunk_id`` in its document, or None at the document's end (or unknown id)."""
        select = f"SELECT {_CHUNK_COLUMNS} FROM chunks c JOIN documents d ON d.doc_id = c.doc_id"
        with self._db() as conn:
            row = conn.execute(
                f"{select} WHERE c.doc_id = (SELECT doc_id FROM chunks WHERE id = ?)"
                " AND c.start > (SELECT start FROM chunks WHERE id = ?) ORDER BY c.start LIMIT 1",
                (chunk_id, chunk_id),
            ).fetchone()
        return None if row is None else _chunk_from_row(row)

    def chunk_count(self) -> int:
        """Number of chunks in the manifest."""
        with self._db() as conn:
            return int(conn.execute("SELECT count(*) FROM chunks").fetchone()[0])

    def other_embedders(self) -> list[IndexSummary]:
        """Indexes that other embedders built beside this one (same ``index_dir``) and that hold chunks.

        Read only: each sibling manifest is opened read-only, and one that cannot be read is left
        out. Returns the summaries with the most chunks first.
        """
        found: list[IndexSummary] = []
        try:
            folders = sorted(p for p in self.root.parent.iterdir() if p.is_dir() and p != self.root)
        except OSError:
            return []
        for folder in folders:
            manifest = folder / "manifest.sqlite3"
            if not manifest.is_file():
                continue
            try:
                conn = sqlite3.connect(f"{manifest.as_uri()}?mode=ro", uri=True, timeout=5)
                try:
                    row = conn.execute("SELECT value FROM meta WHERE key = 'embedder_name'").fetchone()
                    documents = int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
                    chunks = int(conn.execute("SELECT count(*) FROM chunks").fetchone()[0])
                finally:
                    conn.close()
            except sqlite3.Error:
                continue  # not a manifest this version reads: nothing to point the user to
            if row is not None and row[0] != self.embedder_name and chunks:
                found.append(IndexSummary(str(row[0]), documents, chunks))
        return sorted(found, key=lambda s: -s.chunks)

    def token_rows(self, tokenizer: str) -> tuple[list[str], list[list[str]]]:
        """Chunk ids and their BM25 tokens (of the chunk's index text), in `chunks()` order.

        Args:
            tokenizer: "jieba" or "bigram".
        """
        column = {"jieba": "tokens_jieba", "bigram": "tokens_bigram"}.get(tokenizer)
        if column is None:
            raise ValueError(f"未知的分词方式：{tokenizer}")
        with self._db() as conn:
            rows = conn.execute(
                f"SELECT c.id, c.{column} FROM chunks c JOIN documents d ON d.doc_id = c.doc_id "
                f"ORDER BY {_CHUNK_ORDER}"
            ).fetchall()
        # Tokens never contain whitespace; split() is the fastest way to rebuild the lists. Interned,
        # the ~10^7 tokens of 100k chunks share one object per distinct word (0.3 instead of 1.6 GiB).
        intern = sys.intern
        return [r[0] for r in rows], [list(map(intern, r[1].split())) for r in rows]

    def bm25_folder(self, tokenizer: str, generation: int) -> Path:
        """Where the BM25 index of ``generation`` built with ``tokenizer`` is kept between processes.

        Rebuilding it from `token_rows` takes seconds per 10k chunks, so a process that starts
        on an unchanged index loads it from here instead (see assistant.retrieve.Retriever).
        """
        return self.root / "bm25" / f"{tokenizer}-g{generation}"

    def query_dense(
        self, vector: np.ndarray, k: int, doc_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` manifest chunks nearest to ``vector``, best first.

        Args:
            vector: a unit query vector of length ``dim``.
            k: how many chunks to return at most.
            doc_ids: only chunks of these documents (None: all documents).

        Returns:
            (chunk id, cosine similarity) pairs.
        """
        if k <= 0 or (doc_ids is not None and not doc_ids):
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape != (self.dim,):
            raise ValueError(f"查询向量长度 {query.shape[0]} 与索引维度 {self.dim} 不符")
        from chromadb.errors import InternalError

        self._refresh_chroma()
        try:
            result = self._nearest(query, k, doc_ids)
        except InternalError as exc:
            if self._settings.mode == "server":
                raise StoreError(f"向量检索失败：{exc}；请稍后重试") from exc
            # Another process stored vectors after this client loaded its index, and has not yet
            # committed them to the manifest (or was killed in between): the filter then finds ids
            # that the loaded index lacks. Reopen once that writer is done (it holds the lock), retry.
            with self._lock.hold(shared=True), self._chroma_mutex:
                self._close_chroma()
                self._connect_chroma()
            try:
                result = self._nearest(query, k, doc_ids)
            except InternalError as again:
                raise StoreError(f"向量检索失败：{again}；请稍后重试，或运行 govdoc ingest 修复索引") from again
        if result is None:
            return []
        ids: list[str] = result["ids"][0]
        distances: list[float] = result["distances"][0]
        known = self._known_ids(ids)
        pairs = [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True) if i in known]
        return pairs[:k]

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those of ``ids`` that have one (not waiting, listed by the manifest)."""
        wanted = self._known_ids(ids) - self.waiting_among(ids)
        if not wanted:
            return {}
        self._refresh_chroma()
        with self._chroma_mutex:
            return self._stored_vectors(wanted)

    def _stored_vectors(self, ids: Iterable[str]) -> dict[str, np.ndarray]:
        """Chroma's vectors of ``ids`` (sorted, fetched in batches), in the order it returns them; the caller
        holds ``_chroma_mutex`` and has left out ids without a vector."""
        found: dict[str, np.ndarray] = {}
        for batch in _batches(sorted(ids), _CHROMA_BATCH):
            got = self._collection.get(ids=batch, include=["embeddings"])
            for chunk_id, vector in zip(got["ids"], got["embeddings"], strict=True):
                found[chunk_id] = np.asarray(vector, dtype=np.float32)
        return found

    def _nearest(self, query: np.ndarray, k: int, doc_ids: Sequence[str] | None) -> Any:
        """Chroma's answer for the ``k`` nearest vectors (and room for leftovers); None when it holds none.

        With ``doc_ids`` and few chunks inside them (the superseded versions of a document, say), each
        of their vectors is compared with the query (`_exact_nearest`). With few chunks outside them
        (the usual case: only superseded versions are left out), the search runs unfiltered for enough
        more results to hold every chunk left out, and those are dropped here. Chroma's filter costs
        hundreds of milliseconds at 100k chunks in both cases; the other searches a few.
        """
        with self._chroma_mutex:
            wanted = set(doc_ids or ())
            # Chunks per document from the document list, read once per index generation.
            documents = self.documents() if doc_ids else []
            inside = sum(d.n_chunks for d in documents if d.doc_id in wanted)
            if doc_ids and inside <= _EXACT_MAX:
                return self._exact_nearest(query, k, doc_ids)
            in_chroma = self._stored_count()
            if in_chroma == 0:
                return None
            # Ids the manifest does not list (left by an interrupted write) could crowd out real ones.
            listed = self.chunk_count()
            extra = max(0, in_chroma - listed + self.waiting_count())
            if doc_ids:
                outside = listed - inside
                if outside <= _POST_FILTER_MAX:
                    left_out = set(self._chunk_ids_of([d.doc_id for d in documents if d.doc_id not in wanted]))
                    result = self._collection.query(
                        query_embeddings=[query],
                        n_results=min(in_chroma, k + extra + outside),
                        include=["distances"],
                    )
                    kept = [
                        (i, d)
                        for i, d in zip(result["ids"][0], result["distances"][0], strict=True)
                        if i not in left_out
                    ]
                    return {"ids": [[i for i, _ in kept]], "distances": [[d for _, d in kept]]}
            where = {"doc_id": {"$in": list(doc_ids)}} if doc_ids else None
            return self._collection.query(
                query_embeddings=[query],
                n_results=min(in_chroma, k + extra),
                where=where,
                include=["distances"],
            )

    def _exact_nearest(self, query: np.ndarray, k: int, doc_ids: Sequence[str]) -> dict[str, list[list[Any]]]:
        """The ``k`` stored vectors of ``doc_ids``' chunks nearest to ``query``, each compared with it.

        Chroma's cosine distance (1 - dot product of unit vectors), best first; equal distances (the same
        text in two versions) keep the order Chroma returns the vectors in, the order it stored them.
        """
        ids = self._chunk_ids_of(doc_ids)
        stored = self._stored_vectors(set(ids) - self.waiting_among(ids))
        if not stored:
            return {"ids": [[]], "distances": [[]]}
        found = list(stored)
        matrix = np.stack(list(stored.values()))
        unit = query / np.float32(np.linalg.norm(query))
        distances = np.float32(1.0) - matrix @ unit
        order = np.argsort(distances, kind="stable")[:k]
        return {"ids": [[found[i] for i in order]], "distances": [[float(distances[i]) for i in order]]}

    def _chunk_ids_of(self, doc_ids: Sequence[str]) -> list[str]:
        """The manifest chunks of ``doc_ids``."""
        with self._db() as conn:
            return [
                r[0]
                for b in _batches(list(dict.fromkeys(doc_ids)), _SQL_BATCH)
                for r in conn.execute(f"SELECT id FROM chunks WHERE doc_id IN ({_marks(b)})", b)
            ]

    def _known_ids(self, ids: Sequence[str]) -> set[str]:
        known: set[str] = set()
        with self._db() as conn:
            for batch in _batches(list(ids), _SQL_BATCH):
                known.update(r[0] for r in conn.execute(f"SELECT id FROM chunks WHERE id IN ({_marks(batch)})", batch))
        return known


# ---------------------------------------------------------------------- row conversion


def _batches(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(batch: Sequence[object]) -> str:
    return ", ".join("?" * len(batch))


def _chroma_metadata(chunk: Chunk) -> dict[str, str | int | bool]:
    return {
        "doc_id": chunk.doc_id,
        "source": chunk.source,
        "doc_title": chunk.doc_title,
        "section": chunk.section,
        "page": -1 if chunk.page is None else chunk.page,
        "start": chunk.start,
        "end": chunk.end,
        "ocr": chunk.ocr,
    }


def _document_row(doc: Document, ordinal: int) -> tuple[object, ...]:
    headings = [{"start": h.start, "end": h.end, "level": h.level, "text": h.text} for h in doc.headings]
    pages = [
        {"start": p.start, "end": p.end, "page": p.page, "ocr": p.ocr, "ocr_confidence": p.ocr_confidence}
        for p in doc.pages
    ]
    return (
        doc.doc_id,
        doc.source,
        doc.title,
        doc.text,
        json.dumps(headings, ensure_ascii=False),
        json.dumps(pages, ensure_ascii=False),
        ordinal,
        json.dumps(_records_of(doc)),
    )


def _records_of(doc: Document) -> list[list[int]]:
    """A document's table records as stored: [start, end, table] for each row line."""
    tables = doc.tables if len(doc.tables) == len(doc.records) else (0,) * len(doc.records)
    return [[a, b, t] for (a, b), t in zip(doc.records, tables, strict=True)]


def _chunk_row(chunk: Chunk, text: str) -> tuple[object, ...]:
    return (
        chunk.id,
        chunk.doc_id,
        chunk.source,
        chunk.doc_title,
        chunk.section,
        chunk.page,
        chunk.start,
        chunk.end,
        chunk.text,
        int(chunk.ocr),
        chunk.ocr_confidence,
        " ".join(jieba_tokens(text)),
        " ".join(bigram_tokens(text)),
        json.dumps(chunk.extra, ensure_ascii=False),
    )


def _document_from_row(row: Sequence[Any]) -> Document:
    """A stored document from its row (doc_id, title, source, text, headings_json, pages_json, records_json)."""
    records = json.loads(row[6])
    return Document(
        doc_id=row[0],
        title=row[1],
        source=row[2],
        text=row[3],
        headings=tuple(Heading(**h) for h in json.loads(row[4])),
        pages=tuple(PageSpan(**p) for p in json.loads(row[5])),
        records=tuple((int(a), int(b)) for a, b, _ in records),
        tables=tuple(int(t) for _, _, t in records) if records and len(records[0]) == 3 else (),
    )


def _chunk_from_row(row: Sequence[Any]) -> Chunk:
    return Chunk(
        id=row[0],
        doc_id=row[1],
        doc_title=row[2],
        source=row[3],
        section=row[4],
        page=row[5],
        start=row[6],
        end=row[7],
        text=row[8],
        ocr=bool(row[9]),
        ocr_confidence=row[10],
        extra=json.loads(row[11]) if row[11] != "{}" else {},
    )
