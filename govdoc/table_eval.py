"""Run the table question set (`evals.tables`) through govdoc.

Usage::

    python -m govdoc.table_eval --split dev

The corpus (data/ and the set's documents) and its index live in ``--work`` (default
/tmp/govdoc-tables) and are reused; the report of the run goes to ``WORK/report-SPLIT``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from govdoc.settings import Settings, with_overrides

DEFAULT_WORK = Path("/tmp/govdoc-tables")


def run_tables(settings: Settings, split: str, work: Path = DEFAULT_WORK, out: Path | None = None) -> dict[str, Any]:
    """The table set's figures for one split (all splits with ``"all"``), with the standard eval metrics.

    Args:
        settings: the retrieval and answer settings; its data and index folders are replaced by ``work``'s.
        split: one of ``evals.tables.SPLITS`` or all.
        work: where the corpus and its index are kept.
        out: the report folder (default ``WORK/report-SPLIT``), which also gets the split's test-set file.
    """
    from evals.tables import as_testset, build_corpus, load, table_metrics
    from govdoc.evaluation import run_eval

    work.mkdir(parents=True, exist_ok=True)
    corpus = build_corpus(work / "corpus", Path(settings.data_dir))
    local = with_overrides(
        settings.model_copy(update={"data_dir": corpus}),
        store={"index_dir": work / f"index-{settings.embedding.mode}"},
    )
    # The split's items are written beside its report, not into ``work``: runs of one split that share the
    # index (another checkout's code, another report folder) never rewrite each other's test set.
    report = out or work / f"report-{split}"
    report.mkdir(parents=True, exist_ok=True)
    testset = report / f"tables-{split}.jsonl"
    testset.write_text(as_testset(load(None if split == "all" else split)), encoding="utf-8")
    run = run_eval(local, testset, out_dir=report, judge=False)
    (result,) = run.results.values()
    figures = table_metrics(result.records)
    figures["metrics"] = {k: result.metrics.get(k) for k in ("hit@5", "key_point_recall", "refusal_accuracy")}
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    """Run one split; print its figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m govdoc.table_eval")
    from evals.tables import SPLITS

    parser.add_argument("--split", choices=[*SPLITS, "all"], required=True)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--out", type=Path, default=None, help="report folder (default: WORK/report-SPLIT)")
    args = parser.parse_args(argv)

    from govdoc.settings import load_settings

    figures = run_tables(load_settings(), args.split, args.work, args.out)
    print(json.dumps({args.split: figures}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
