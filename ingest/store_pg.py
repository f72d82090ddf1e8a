"""The index in one PostgreSQL database with pgvector, shared by several govdoc servers.

Each embedder's index is one schema (``<store.collection>_<slug(embedder)>``) holding the same
tables as the sqlite manifest (`ingest.store`), with the vector as a column of the chunk row
(pgvector, HNSW on cosine distance). A chunk whose vector is NULL waits for it (two-phase ingest).

Every write is one transaction that first takes a transaction-level advisory lock named after the
schema, so writers on any number of servers are serialised and a writer killed at any point
leaves the last committed state (PostgreSQL rolls back the open transaction when the connection
drops). There is no second store to keep in step, so `PgIndex.repair` has nothing to repair.

The BM25 side stays what it is on the embedded backend: each server builds it from `token_rows`
when the generation changes and keeps it in its local ``store.index_dir`` (see `bm25_folder`).
This gives the same ranking, from the same jieba or bigram tokens, as the embedded backend;
PostgreSQL's own text search has no Chinese parser without extensions (zhparser, pg_jieba) that
neither pgserver nor most installations carry, and its ranking is not BM25.

The password never appears in settings or messages: libpq reads it from ``PGPASSWORD`` or
``~/.pgpass``; a password written into ``store.dsn`` is used but left out of every message.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from ingest.config import StoreSettings
from ingest.kept import PerGeneration
from ingest.stamp import stamped
from ingest.store import (
    _COMMITS_KEPT,
    SCHEMA_VERSION,
    Backlog,
    DocInfo,
    IndexSummary,
    NotInIndexError,
    RepairReport,
    StoreError,
    _chunk_from_row,
    _chunk_row,
    _document_from_row,
    _document_row,
    commit_rate,
    slug,
)
from ingest.types import Chunk, Document
from ingest.version import DATE_KEY, KIND_KEY, Override, detect_version

_MAX_NAME = 63  # PostgreSQL's identifier length
_EF_SEARCH_MAX = 1000  # pgvector's upper bound for hnsw.ef_search

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    source TEXT COLLATE "C" PRIMARY KEY, content_hash TEXT NOT NULL, size BIGINT NOT NULL,
    ingested_at TEXT NOT NULL, n_docs INTEGER NOT NULL, n_chunks INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS files_hash ON files (content_hash);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT COLLATE "C" PRIMARY KEY, source TEXT COLLATE "C" NOT NULL, title TEXT NOT NULL,
    text TEXT NOT NULL, headings_json TEXT NOT NULL, pages_json TEXT NOT NULL, ordinal INTEGER NOT NULL,
    records_json TEXT NOT NULL DEFAULT '[]');
CREATE INDEX IF NOT EXISTS documents_source ON documents (source, ordinal);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT COLLATE "C" PRIMARY KEY, doc_id TEXT COLLATE "C" NOT NULL, source TEXT COLLATE "C" NOT NULL,
    doc_title TEXT NOT NULL, section TEXT NOT NULL, page INTEGER, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, ocr SMALLINT NOT NULL, ocr_confidence DOUBLE PRECISION,
    tokens_jieba TEXT NOT NULL, tokens_bigram TEXT NOT NULL, extra_json TEXT NOT NULL DEFAULT '{}',
    embedding vector(%(dim)d));
CREATE INDEX IF NOT EXISTS chunks_source ON chunks (source);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks (doc_id, start);
CREATE INDEX IF NOT EXISTS chunks_waiting ON chunks (source) WHERE embedding IS NULL;
CREATE INDEX IF NOT EXISTS chunks_embedding ON chunks USING hnsw (embedding vector_cosine_ops);
CREATE TABLE IF NOT EXISTS version_overrides (doc_id TEXT COLLATE "C" PRIMARY KEY, override_json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS vector_commits (
    id BIGSERIAL PRIMARY KEY, at DOUBLE PRECISION NOT NULL, chunks INTEGER NOT NULL);
"""

_CHUNK_COLUMNS = (
    'c.id, c.doc_id, c.doc_title, c.source, c.section, c.page, c.start, c."end", c.text, '
    "c.ocr, c.ocr_confidence, c.extra_json"
)
_CHUNK_FROM = "FROM chunks c JOIN documents d ON d.doc_id = c.doc_id"
_CHUNK_ORDER = "d.source, d.ordinal, c.start"
_CHUNK_INSERT = (
    'COPY chunks (id, doc_id, source, doc_title, section, page, start, "end", text, ocr, ocr_confidence, '
    "tokens_jieba, tokens_bigram, extra_json, embedding) FROM STDIN"
)
_DOCUMENT_INSERT = (
    "COPY documents (doc_id, source, title, text, headings_json, pages_json, ordinal, records_json) FROM STDIN"
)


def schema_name(collection: str, embedder_name: str) -> str:
    """The PostgreSQL schema that holds the index of one embedder (readable, at most 63 characters)."""
    name = f"{collection}_{slug(embedder_name)}".lower()
    if len(name) <= _MAX_NAME:
        return name
    return f"{name[: _MAX_NAME - 9]}_{slug(name)[-8:]}"


def redacted(dsn: str) -> str:
    """The connection string without its password, for messages."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    try:
        params = conninfo_to_dict(dsn)
    except Exception:  # psycopg raises ProgrammingError; say nothing of the text either way
        return "（无法解析的 store.dsn）"
    params.pop("password", None)
    return make_conninfo("", **{k: str(v) for k, v in params.items()})


def liveness(settings: StoreSettings) -> dict[str, Any]:
    """libpq options that bound every wait on the network: the connect, and a server that stops
    answering mid-connection (TCP keepalives and tcp_user_timeout; ignored on a Unix socket)."""
    return {
        "connect_timeout": settings.connect_timeout_s,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": settings.connect_timeout_s * 3000,
    }


def _vector_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(repr(float(x)) for x in vector) + "]"


class PgIndex:
    """Manifest and vectors of one embedder in a PostgreSQL schema. Open with `PgIndex.open`; thread-safe.

    ``root`` is this server's local folder for caches (BM25, OCR); everything that must be shared
    lives in the database.
    """

    def __init__(self, root: Path, settings: StoreSettings, embedder_name: str, dim: int, schema: str) -> None:
        self.root = root
        self.embedder_name = embedder_name
        self.dim = dim
        self.schema = schema
        self._settings = settings
        self._pool: Any = None
        self._index_id = ""
        # As in `ingest.store.Index`: the document list is read once per generation.
        self._documents: PerGeneration[list[DocInfo]] = PerGeneration()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, settings: StoreSettings, embedder_name: str, dim: int) -> PgIndex:
        """Connect to ``settings.dsn`` and open (creating if needed) the schema of ``embedder_name``.

        Raises:
            StoreError: no DSN, the server cannot be reached in ``connect_timeout_s``, pgvector is
                missing and may not be created, or the schema belongs to another embedder.
        """
        if not settings.dsn:
            raise StoreError('store.backend = "postgres" 需要设置 store.dsn（PostgreSQL 连接串，例如 host=… dbname=…）')
        try:
            import psycopg
            from psycopg_pool import ConnectionPool
        except ImportError as exc:
            raise StoreError("使用 PostgreSQL 存放索引需要安装可选依赖：pip install 'govdoc[postgres]'") from exc
        root = Path(settings.index_dir) / slug(embedder_name)
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"无法创建本地缓存目录 {root}：{exc.strerror or exc}；请用 --index 指定一个可写的目录") from exc
        index = cls(root, settings, embedder_name, dim, schema_name(settings.collection, embedder_name))
        where = redacted(settings.dsn)
        try:
            with psycopg.connect(settings.dsn, **liveness(settings), autocommit=True) as conn:
                search_path = index._init_schema(conn)
        except psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(
                f"PostgreSQL（{where}）上没有 pgvector 扩展，当前用户也无权创建；"
                f"请数据库管理员在该库中执行 CREATE EXTENSION vector：{exc}"
            ) from exc
        except psycopg.Error as exc:
            raise StoreError(f"无法打开 PostgreSQL 索引（{where}）：{exc}") from exc

        def configure(conn: Any) -> None:
            conn.execute(f"SET search_path TO {search_path}")

        index._pool = ConnectionPool(
            settings.dsn,
            min_size=1,
            max_size=settings.pool_size,
            kwargs={"autocommit": True, **liveness(settings)},
            configure=configure,
            # A connection broken by a database restart or failover is replaced, not handed out.
            check=ConnectionPool.check_connection,
            timeout=settings.connect_timeout_s,
            open=False,
            name=f"govdoc-{index.schema}",
        )
        try:
            index._pool.open(wait=True, timeout=settings.connect_timeout_s)
        except psycopg.Error as exc:
            index._pool.close()
            raise StoreError(f"无法连接 PostgreSQL（{where}）：{exc}") from exc
        return index

    def _init_schema(self, conn: Any) -> str:
        """Create the extension, schema and tables once (under the writers' lock); returns the search path."""
        from psycopg import sql

        schema = sql.Identifier(self.schema)
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext('govdoc-init'))")
            installed = conn.execute(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                "WHERE e.extname = 'vector'"
            ).fetchone()
            if installed is None:
                conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
                installed = ("public",)
            conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(schema))
            search_path = sql.SQL("{}, {}").format(schema, sql.Identifier(installed[0])).as_string(conn)
            conn.execute(f"SET LOCAL search_path TO {search_path}")
            conn.execute(_TABLES % {"dim": self.dim})
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
            if not meta:
                import secrets

                meta = {
                    "schema": SCHEMA_VERSION,
                    "generation": "0",
                    "embedder_name": self.embedder_name,
                    "embedder_dim": str(self.dim),
                    "index_id": secrets.token_hex(8),
                }
                with conn.cursor() as cur:
                    cur.executemany("INSERT INTO meta (key, value) VALUES (%s, %s)", list(meta.items()))
        if meta.get("embedder_name") != self.embedder_name or meta.get("embedder_dim") != str(self.dim):
            raise StoreError(
                f"PostgreSQL 中的索引 {self.schema} 由嵌入模型 {meta.get('embedder_name')}（维度 {meta.get('embedder_dim')}）"
                f"建立，与当前的 {self.embedder_name}（维度 {self.dim}）不一致；请换一个 store.collection 或删除该模式后重新入库"
            )
        if meta.get("schema") != SCHEMA_VERSION:
            raise StoreError(f"PostgreSQL 中的索引 {self.schema} 的格式版本 {meta.get('schema')} 不受支持")
        self._index_id = meta["index_id"]
        return search_path

    def close(self) -> None:
        """Close the connection pool; the object must not be used afterwards."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def __enter__(self) -> PgIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ connections

    @contextmanager
    def _db(self) -> Iterator[Any]:
        if self._pool is None:
            raise StoreError("索引已关闭")
        with self._pool.connection() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Any]:
        """One write transaction, serialised with every other writer of this index on any server."""
        with self._db() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (self.schema,))
            yield conn

    @staticmethod
    def _bump_generation(conn: Any) -> int:
        row = conn.execute(
            "UPDATE meta SET value = (value::bigint + 1)::text WHERE key = 'generation' RETURNING value"
        ).fetchone()
        return int(row[0])

    @staticmethod
    def _require_file(conn: Any, source: str) -> None:
        if conn.execute("SELECT 1 FROM files WHERE source = %s", (source,)).fetchone() is None:
            raise NotInIndexError(f"索引中没有文件 {source}；可用 govdoc docs 查看已入库的文件")

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
        """Make ``documents`` and ``chunks`` the whole indexed content of ``source`` in one transaction.

        Same arguments as `ingest.store.Index.replace_file`; with ``vectors`` None the chunks wait for them.
        """
        import psycopg

        if vectors is not None:
            vectors = np.asarray(vectors, dtype=np.float32)
        if chunks and vectors is not None and vectors.shape != (len(chunks), self.dim):
            raise ValueError(f"向量形状 {vectors.shape} 与片段数 {len(chunks)}、维度 {self.dim} 不符")
        if texts is None:
            from ingest.chunk import index_text

            texts = [index_text(c) for c in chunks]
        ordinals = {d.doc_id: i for i, d in enumerate(documents)}
        if any(c.doc_id not in ordinals for c in chunks):
            raise ValueError(f"{source}：有片段不属于所给的文档")
        doc_rows = [_document_row(d, i) for i, d in enumerate(documents)]
        chunk_rows = [
            (*_chunk_row(c, t), None if vectors is None else _vector_literal(vectors[n]))
            for n, (c, t) in enumerate(zip(chunks, texts, strict=True))
        ]
        now = datetime.now().astimezone().isoformat(timespec="seconds")
        try:
            with self._write() as conn:
                if vectors is None:
                    # A chunk read again the same (same id, same index text) keeps the vector it has.
                    kept = {
                        (r[0], r[1]): r[2]
                        for r in conn.execute(
                            "SELECT id, tokens_jieba, embedding::text FROM chunks WHERE source = %s AND embedding IS NOT NULL",
                            (source,),
                        )
                    }
                    chunk_rows = [(*row[:-1], kept.get((row[0], row[11]))) for row in chunk_rows]
                conn.execute("DELETE FROM chunks WHERE source = %s", (source,))
                conn.execute("DELETE FROM documents WHERE source = %s", (source,))
                with conn.cursor() as cur:
                    with cur.copy(_DOCUMENT_INSERT) as copy:
                        for row in doc_rows:
                            copy.write_row(row)
                    with cur.copy(_CHUNK_INSERT) as copy:
                        for row in chunk_rows:
                            copy.write_row(row)
                conn.execute(
                    "INSERT INTO files VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (source) DO UPDATE SET "
                    "content_hash = excluded.content_hash, size = excluded.size, ingested_at = excluded.ingested_at, "
                    "n_docs = excluded.n_docs, n_chunks = excluded.n_chunks",
                    (source, content_hash, size, now, len(documents), len(chunks)),
                )
                self._bump_generation(conn)
        except psycopg.errors.UniqueViolation as exc:
            raise StoreError(f"{source}：文档或片段编号与索引中已有的重复（{exc.diag.message_detail or exc}）") from exc

    def add_vectors(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> int:
        """Store the vectors of chunks that still wait for them (phase two); returns how many got one."""
        vectors = np.asarray(vectors, dtype=np.float32)
        if vectors.shape != (len(chunks), self.dim):
            raise ValueError(f"向量形状 {vectors.shape} 与片段数 {len(chunks)}、维度 {self.dim} 不符")
        if not chunks:
            return 0
        with self._write() as conn:
            still = {
                r[0]
                for r in conn.execute(
                    "SELECT id FROM chunks WHERE id = ANY(%s) AND embedding IS NULL", ([c.id for c in chunks],)
                )
            }
            rows = [(_vector_literal(vectors[n]), c.id) for n, c in enumerate(chunks) if c.id in still]
            with conn.cursor() as cur:
                cur.executemany("UPDATE chunks SET embedding = %s::vector WHERE id = %s", rows)
            if rows:
                conn.execute("INSERT INTO vector_commits (at, chunks) VALUES (%s, %s)", (time.time(), len(rows)))
                conn.execute(
                    "DELETE FROM vector_commits WHERE id <= (SELECT max(id) FROM vector_commits) - %s",
                    (_COMMITS_KEPT,),
                )
        return len(rows)

    def vector_rate(self, *, now: float | None = None, pause_s: float = 120.0) -> float | None:
        """Chunks per second at which the backlog is being embedded, by whichever server does it
        (`ingest.store.commit_rate` over the latest commits)."""
        with self._db() as conn:
            rows = conn.execute(
                "SELECT at, chunks FROM vector_commits ORDER BY id DESC LIMIT %s", (_COMMITS_KEPT,)
            ).fetchall()
        return commit_rate([(float(a), int(c)) for a, c in rows], time.time() if now is None else now, pause_s)

    def remove_source(self, source: str) -> int:
        """Remove a file's documents, chunks and vectors; returns the number of chunks removed.

        Raises:
            NotInIndexError: the index holds no file with this source key.
        """
        with self._write() as conn:
            self._require_file(conn, source)
            removed = conn.execute("DELETE FROM chunks WHERE source = %s", (source,)).rowcount
            conn.execute("DELETE FROM documents WHERE source = %s", (source,))
            conn.execute("DELETE FROM files WHERE source = %s", (source,))
            self._bump_generation(conn)
        return int(removed)

    def set_role(self, source: str, role: str) -> int:
        """Give every document of an indexed file the drafting role ``role``; returns chunks changed.

        Raises:
            NotInIndexError: the index holds no file with this source key.
        """
        from ingest.role import ROLE_KEY, check_role

        check_role(role)
        with self._write() as conn:
            self._require_file(conn, source)
            rows = conn.execute("SELECT id, extra_json FROM chunks WHERE source = %s", (source,)).fetchall()
            changed = []
            for chunk_id, extra_json in rows:
                extra = json.loads(extra_json)
                if extra.get(ROLE_KEY) != role:
                    changed.append((json.dumps({**extra, ROLE_KEY: role}, ensure_ascii=False), chunk_id))
            if changed:
                with conn.cursor() as cur:
                    cur.executemany("UPDATE chunks SET extra_json = %s WHERE id = %s", changed)
                self._bump_generation(conn)
        return len(changed)

    def backfill_versions(self, source: str) -> int:
        """Give the documents of ``source`` their version date and kind when they lack them; returns chunks updated."""
        with self._db() as conn:
            missing = conn.execute(
                "SELECT DISTINCT doc_id FROM chunks WHERE source = %s AND (extra_json::jsonb ->> %s) IS NULL",
                (source, DATE_KEY),
            ).fetchall()
        if not missing:
            return 0
        marks = {doc_id: detect_version(self.document(doc_id), source) for (doc_id,) in missing}
        with self._write() as conn:
            rows = conn.execute(
                "SELECT id, doc_id, extra_json FROM chunks WHERE doc_id = ANY(%s)", (list(marks),)
            ).fetchall()
            updates = [
                (json.dumps({**json.loads(raw), DATE_KEY: marks[doc].date, KIND_KEY: marks[doc].kind}, ensure_ascii=False), cid)
                for cid, doc, raw in rows
            ]
            with conn.cursor() as cur:
                cur.executemany("UPDATE chunks SET extra_json = %s WHERE id = %s", updates)
            self._bump_generation(conn)
        return len(updates)

    def set_version_override(self, doc_id: str, override: Override | None) -> None:
        """Store (None: drop) a user's correction of one document's version; bumps the generation.

        Raises:
            NotInIndexError: no such document.
        """
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM documents WHERE doc_id = %s", (doc_id,)).fetchone() is None:
                raise NotInIndexError(f"索引中没有编号为 {doc_id} 的文档")
            if override is None:
                conn.execute("DELETE FROM version_overrides WHERE doc_id = %s", (doc_id,))
            else:
                raw = {k: v for k, v in asdict(override).items() if v is not None}
                conn.execute(
                    "INSERT INTO version_overrides VALUES (%s, %s) ON CONFLICT (doc_id) DO UPDATE "
                    "SET override_json = excluded.override_json",
                    (doc_id, json.dumps(raw, ensure_ascii=False)),
                )
            self._bump_generation(conn)

    def repair(self) -> RepairReport:
        """Nothing to repair: manifest rows and their vectors are written in one transaction."""
        return RepairReport(orphans_removed=0, missing_vectors=0)

    # ------------------------------------------------------------------ two phases

    def waiting_chunks(self, limit: int) -> list[Chunk]:
        """Up to ``limit`` chunks waiting for vectors, a file's in text order, files by name."""
        with self._db() as conn:
            rows = conn.execute(
                f"SELECT {_CHUNK_COLUMNS} {_CHUNK_FROM} WHERE c.embedding IS NULL ORDER BY {_CHUNK_ORDER} LIMIT %s",
                (limit,),
            ).fetchall()
        return [_chunk_from_row(r) for r in rows]

    def waiting_count(self) -> int:
        """Number of chunks waiting for vectors."""
        with self._db() as conn:
            return int(conn.execute("SELECT count(*) FROM chunks WHERE embedding IS NULL").fetchone()[0])

    def waiting_by_source(self) -> dict[str, int]:
        """For each file with chunks waiting for vectors, how many wait."""
        with self._db() as conn:
            rows = conn.execute("SELECT source, count(*) FROM chunks WHERE embedding IS NULL GROUP BY source").fetchall()
        return {str(r[0]): int(r[1]) for r in rows}

    def waiting_among(self, ids: Sequence[str]) -> set[str]:
        """Those of ``ids`` that wait for vectors."""
        if not ids:
            return set()
        with self._db() as conn:
            rows = conn.execute("SELECT id FROM chunks WHERE id = ANY(%s) AND embedding IS NULL", (list(ids),))
            return {r[0] for r in rows}

    def backlog_by_source(self) -> dict[str, Backlog]:
        """Each file's documents, chunks and chunks waiting for vectors, read in one snapshot."""
        with self._db() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            documents = dict(conn.execute("SELECT source, count(*) FROM documents GROUP BY source").fetchall())
            rows = conn.execute(
                "SELECT source, count(*), count(*) FILTER (WHERE embedding IS NULL) FROM chunks GROUP BY source"
            ).fetchall()
        chunks = {r[0]: (int(r[1]), int(r[2])) for r in rows}
        return {
            source: Backlog(int(documents.get(source, 0)), *chunks.get(source, (0, 0)))
            for source in documents.keys() | chunks.keys()
        }

    # ------------------------------------------------------------------ reads

    def generation(self) -> int:
        """A counter that changes on every write, the same for every server on this database."""
        with self._db() as conn:
            return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def file_hash(self, source: str) -> str | None:
        """The content hash recorded for ``source``, or None when it is not indexed."""
        with self._db() as conn:
            row = conn.execute("SELECT content_hash FROM files WHERE source = %s", (source,)).fetchone()
        return None if row is None else str(row[0])

    def file_hashes(self, sources: Sequence[str]) -> dict[str, str]:
        """The content hash recorded for each of ``sources`` that is indexed, in the order of ``sources``
        (what `file_hash` gives one by one, read in one query)."""
        if not sources:
            return {}
        with self._db() as conn:
            rows = conn.execute("SELECT source, content_hash FROM files WHERE source = ANY(%s)", (list(sources),))
            found = {str(r[0]): str(r[1]) for r in rows}
        return {s: found[s] for s in sources if s in found}

    def sources_with_hash(self, content_hash: str) -> list[str]:
        """The indexed files whose bytes have this sha256, by name."""
        with self._db() as conn:
            rows = conn.execute(
                "SELECT source FROM files WHERE content_hash = %s OR content_hash LIKE %s ORDER BY source",
                (content_hash, stamped(content_hash, "%")),
            ).fetchall()
        return [str(r[0]) for r in rows]

    def sources(self) -> list[str]:
        """Source keys of every indexed file, sorted by code point."""
        with self._db() as conn:
            return [r[0] for r in conn.execute("SELECT source FROM files ORDER BY source")]

    def documents(self) -> list[DocInfo]:
        """Every indexed document, in (source, file order); read once per index generation."""
        return list(self._documents.get(self.generation(), self._read_documents))

    def _read_documents(self) -> list[DocInfo]:
        first = "(SELECT c.extra_json::jsonb ->> %s FROM chunks c WHERE c.doc_id = d.doc_id LIMIT 1)"
        with self._db() as conn:
            rows = conn.execute(
                "SELECT d.doc_id, d.title, d.source, (SELECT count(*) FROM chunks c WHERE c.doc_id = d.doc_id), "
                f"f.ingested_at, coalesce({first}, ''), coalesce({first}, ''), coalesce({first}, '') "
                "FROM documents d JOIN files f ON f.source = d.source ORDER BY d.source, d.ordinal",
                ("role", DATE_KEY, KIND_KEY),
            ).fetchall()
        return [DocInfo(r[0], r[1], r[2], int(r[3]), *r[4:]) for r in rows]

    def version_overrides(self) -> dict[str, Override]:
        """The user's corrections of versions, by document id."""
        with self._db() as conn:
            rows = conn.execute("SELECT doc_id, override_json FROM version_overrides").fetchall()
        return {doc_id: Override(**json.loads(raw)) for doc_id, raw in rows}

    def document(self, doc_id: str) -> Document:
        """The stored document with its cleaned text, headings, page spans and table records.

        Raises:
            NotInIndexError: no such document.
        """
        with self._db() as conn:
            row = conn.execute(
                "SELECT doc_id, title, source, text, headings_json, pages_json, records_json FROM documents "
                "WHERE doc_id = %s",
                (doc_id,),
            ).fetchone()
        if row is None:
            raise NotInIndexError(f"索引中没有编号为 {doc_id} 的文档")
        return _document_from_row(row)

    def document_text(self, doc_id: str) -> str:
        """The cleaned text of one document.

        Raises:
            NotInIndexError: no such document.
        """
        with self._db() as conn:
            row = conn.execute("SELECT text FROM documents WHERE doc_id = %s", (doc_id,)).fetchone()
        if row is None:
            raise NotInIndexError(f"索引中没有编号为 {doc_id} 的文档")
        return str(row[0])

    def chunks(self, ids: Sequence[str] | None = None) -> list[Chunk]:
        """Chunks by id (in the order given, unknown ids skipped), or all in (source, document, start) order."""
        with self._db() as conn:
            if ids is None:
                rows = conn.execute(f"SELECT {_CHUNK_COLUMNS} {_CHUNK_FROM} ORDER BY {_CHUNK_ORDER}").fetchall()
                return [_chunk_from_row(r) for r in rows]
            rows = conn.execute(f"SELECT {_CHUNK_COLUMNS} {_CHUNK_FROM} WHERE c.id = ANY(%s)", (list(ids),)).fetchall()
        found = {r[0]: _chunk_from_row(r) for r in rows}
        return [found[i] for i in ids if i in found]

    def chunk_at(self, doc_id: str, offset: int) -> Chunk | None:
        """The chunk of a document that holds the character ``offset`` (the first one, chunks may overlap)."""
        with self._db() as conn:
            row = conn.execute(
                f'SELECT {_CHUNK_COLUMNS} {_CHUNK_FROM} WHERE c.doc_id = %s AND c.start <= %s AND c."end" > %s '
                "ORDER BY c.start LIMIT 1",
                (doc_id, offset, offset),
            ).fetchone()
        return None if row is None else _chunk_from_row(row)

    def document_chunks(self, doc_id: str) -> list[Chunk]:
        """The chunks of one document in text order (empty for an unknown document)."""
        with self._db() as conn:
            rows = conn.execute(
                f"SELECT {_CHUNK_COLUMNS} {_CHUNK_FROM} WHERE c.doc_id = %s ORDER BY c.start", (doc_id,)
            ).fetchall()
        return [_chunk_from_row(r) for r in rows]

    def next_chunk(self, chunk_id: str) -> Chunk | None:
        """The chunk that follows ``chunk_id`` in its document, or None at the document's end (or unknown id)."""
        with self._db() as conn:
            row = conn.execute(
                f"SELECT {_CHUNK_COLUMNS} {_CHUNK_FROM} WHERE c.doc_id = (SELECT doc_id FROM chunks WHERE id = %s)"
                " AND c.start > (SELECT start FROM chunks WHERE id = %s) ORDER BY c.start LIMIT 1",
                (chunk_id, chunk_id),
            ).fetchone()
        return None if row is None else _chunk_from_row(row)

    def chunk_count(self) -> int:
        """Number of chunks in the index."""
        with self._db() as conn:
            return int(conn.execute("SELECT count(*) FROM chunks").fetchone()[0])

    def other_embedders(self) -> list[IndexSummary]:
        """Indexes that other embedders built in this database under the same ``store.collection``, most chunks first."""
        from psycopg import sql

        found: list[IndexSummary] = []
        prefix = f"{self._settings.collection}_".lower().replace("_", r"\_")
        with self._db() as conn:
            schemas = [
                r[0]
                for r in conn.execute(
                    "SELECT table_schema FROM information_schema.tables WHERE table_name = 'meta' "
                    "AND table_schema LIKE %s AND table_schema <> %s",
                    (prefix + "%", self.schema),
                )
            ]
            for name in schemas:
                schema = sql.Identifier(name)
                row = conn.execute(
                    sql.SQL("SELECT value FROM {}.meta WHERE key = 'embedder_name'").format(schema)
                ).fetchone()
                documents = conn.execute(sql.SQL("SELECT count(*) FROM {}.documents").format(schema)).fetchone()[0]
                chunks = conn.execute(sql.SQL("SELECT count(*) FROM {}.chunks").format(schema)).fetchone()[0]
                if row is not None and row[0] != self.embedder_name and chunks:
                    found.append(IndexSummary(str(row[0]), int(documents), int(chunks)))
        return sorted(found, key=lambda s: -s.chunks)

    def token_rows(self, tokenizer: str) -> tuple[list[str], list[list[str]]]:
        """Chunk ids and their BM25 tokens, in `chunks()` order.

        Args:
            tokenizer: "jieba" or "bigram".
        """
        column = {"jieba": "tokens_jieba", "bigram": "tokens_bigram"}.get(tokenizer)
        if column is None:
            raise ValueError(f"未知的分词方式：{tokenizer}")
        with self._db() as conn:
            rows = conn.execute(f"SELECT c.id, c.{column} {_CHUNK_FROM} ORDER BY {_CHUNK_ORDER}").fetchall()
        intern = sys.intern
        return [r[0] for r in rows], [list(map(intern, r[1].split())) for r in rows]

    def bm25_folder(self, tokenizer: str, generation: int) -> Path:
        """Where this server keeps the BM25 index of ``generation`` (local; named by the database's index id,
        so that a database created anew never meets a cache of an old one with the same generation)."""
        return self.root / "bm25" / f"pg-{self._index_id}" / f"{tokenizer}-g{generation}"

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those of ``ids`` that have one."""
        if not ids:
            return {}
        with self._db() as conn:
            rows = conn.execute(
                "SELECT id, embedding::text FROM chunks WHERE id = ANY(%s) AND embedding IS NOT NULL", (list(ids),)
            ).fetchall()
        return {str(r[0]): np.array(json.loads(r[1]), dtype=np.float32) for r in rows}

    def query_dense(
        self, vector: np.ndarray, k: int, doc_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """The ``k`` chunks nearest to ``vector`` that have a vector, best first, as (id, cosine similarity).

        Without ``doc_ids`` the HNSW index answers (ef_search the setting's, at least ``k``); with them, or for ``k``
        past what HNSW can return, an exact scan of the chosen chunks does.
        """
        if k <= 0 or (doc_ids is not None and not doc_ids):
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if query.shape != (self.dim,):
            raise ValueError(f"查询向量长度 {query.shape[0]} 与索引维度 {self.dim} 不符")
        literal = _vector_literal(query)
        exact = doc_ids is not None or k > _EF_SEARCH_MAX
        where = "embedding IS NOT NULL" + (" AND doc_id = ANY(%s)" if doc_ids is not None else "")
        params: list[object] = [literal] + ([list(doc_ids)] if doc_ids is not None else []) + [literal, k]
        with self._db() as conn, conn.transaction():
            if exact:
                conn.execute("SELECT set_config('enable_indexscan', 'off', true)")
            else:
                conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(min(_EF_SEARCH_MAX, max(self._settings.ef_search, k))),))
            rows = conn.execute(
                f"SELECT id, 1 - (embedding <=> %s::vector) FROM chunks WHERE {where} "
                "ORDER BY embedding <=> %s::vector LIMIT %s",
                params,
            ).fetchall()
        return [(str(r[0]), float(r[1])) for r in rows]
