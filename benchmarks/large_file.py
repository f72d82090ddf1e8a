"""Large plain-text files: load, split and chunk time as the file grows.

Run from the project root::

    .venv/bin/python -m benchmarks.large_file                    # 1, 2, 4 and 8 MB
    .venv/bin/python -m benchmarks.large_file --sizes 2,8,32 --json

Splitting and chunking were once quadratic (a 2 MB file took 21 s, so a 50 MB file under the
default 64 MB limit would have taken hours). Each size is written from the bundled documents'
sentences repeated in numbered parts, then loaded, split into documents and chunked with the
default chunk settings; the wall seconds of each step are printed with the CPU seconds per MB of the
three together (CPU time, because on a shared machine the wall time mostly measures the other
work). Linear work keeps CPU seconds per MB flat as the size grows; ``growth`` is the ratio of the
largest size's CPU seconds per MB to the smallest's (about 1 when linear, about the size ratio
when quadratic).

Measured 2026-12-03 on the 2-core machine, shared (load about 16), ``--sizes 1,4``: before the
chunker found a chunk's headings by bisection it walked every heading of the document for every
chunk, so CPU seconds per MB rose from 0.81 at 1 MB to 1.74 at 4 MB (growth 2.15; extrapolated, a 50 MB file
would have spent some 20 CPU minutes chunking); after, 0.35 and 0.38 (growth 1.09).

These are speed figures, so they live here and not in the tests (tests/test_robustness.py checks
that the same files load and chunk correctly).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from ingest.chunk import chunk_document
from ingest.config import ChunkSettings
from ingest.load import load_file
from ingest.split import split_documents

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


def write_text(path: Path, size_mb: float, marker: str | None = None, data_dir: Path = ROOT / "data") -> int:
    """Real sentences from ``data_dir`` repeated in numbered parts, exactly ``size_mb`` MB; returns the bytes.

    ``marker``, when given, is one extra line written once, after the third part.
    """
    sentences = [
        line.strip()
        for source in sorted(data_dir.glob("*.md"))
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    block = ("\n".join(sentences) + "\n").encode("utf-8")
    target = int(size_mb * MB)
    with path.open("wb") as out:
        part = 0
        while True:
            part += 1
            piece = f"第{part}部分\n".encode() + block
            if marker is not None and part == 3:
                piece += (marker + "\n").encode("utf-8")
            if out.tell() + len(piece) > target:
                break
            out.write(piece)
        out.write(b"\n" * (target - out.tell()))  # ASCII padding keeps the size exact and the text valid UTF-8
    return path.stat().st_size


def measure(size_mb: float, folder: Path, chunking: ChunkSettings) -> dict[str, Any]:
    """Seconds to load, split and chunk one file of ``size_mb`` MB, and the number of chunks made."""
    path = folder / f"large-{size_mb:g}.txt"
    write_text(path, size_mb)
    c0 = time.process_time()
    t0 = time.perf_counter()
    loaded = load_file(path, max_bytes=int((size_mb + 1) * MB))
    t1 = time.perf_counter()
    documents = split_documents(loaded)
    t2 = time.perf_counter()
    chunks = sum(len(chunk_document(d, chunking)) for d in documents)
    t3 = time.perf_counter()
    cpu = time.process_time() - c0
    path.unlink()
    return {
        "mb": size_mb,
        "load_s": round(t1 - t0, 2),
        "split_s": round(t2 - t1, 2),
        "chunk_s": round(t3 - t2, 2),
        "chunks": chunks,
        "cpu_s_per_mb": round(cpu / size_mb, 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Measure each size; print a table (or JSON) with the growth of seconds per MB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,2,4,8", help="file sizes in MB, comma-separated")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="govdoc-large-") as tmp:
        rows = [measure(size, Path(tmp), ChunkSettings()) for size in sizes]
    growth = round(rows[-1]["cpu_s_per_mb"] / max(rows[0]["cpu_s_per_mb"], 1e-9), 2)
    if args.json:
        print(json.dumps({"rows": rows, "growth": growth}, ensure_ascii=False, indent=1))
        return 0
    print("| MB | load s | split s | chunk s | chunks | CPU s per MB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['mb']:g} | {r['load_s']} | {r['split_s']} | {r['chunk_s']} | {r['chunks']} | {r['cpu_s_per_mb']} |")
    print(f"\ngrowth of CPU seconds per MB, {rows[-1]['mb']:g} MB against {rows[0]['mb']:g} MB: {growth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
