"""Fit the judge's two table-row thresholds on the table set (evals/table_set/).

``judge.row_coverage`` (how much of the question's subject a row's values must hold) and
``judge.row_missing`` (how heavy a question noun may be that neither the row's columns nor its
values hold) are swept over a grid. Each setting is scored on the train split (share of items
right, as `evals.tables.answer_right` counts); the best few are then scored on the dev split, which
chooses. The test split is never read here.

Usage: ``python -m govdoc.fit_tables`` after ``govdoc eval --tables`` has built the corpus and index
in ``--work`` (default /tmp/govdoc-tables). Retrieval runs once per question; only the judge's
thresholds change between settings.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from evals.tables import answer_right, load

COVERAGE_GRID = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MISSING_GRID = (0.15, 0.2, 0.25, 0.3, 1.0)


def score(service: Any, rows: Sequence[dict[str, Any]], hits: dict[str, list[Any]], coverage: float, missing: float) -> float:
    """With the judge's row thresholds at (``coverage``, ``missing``): the share of ``rows`` right, less
    the share answered wrongly. A wrong answer with a real citation costs more than a refusal: a
    refusal of an answerable item only loses its point, a wrong answer also takes one off."""
    answerer = service.extractive
    answerer.judge.gate = replace(answerer.judge.gate, row_coverage=coverage, row_missing=missing)
    total = 0
    for row in rows:
        answer = answerer.answer(row["question"], hits[row["id"]])
        right = answer_right(row["answerable"], row["key_points"], row["doc_title"], answer)
        total += 1 if right else (0 if answer.refused else -1)
    return total / len(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Sweep on train, choose on dev; print the scores and the choice as JSON."""
    parser = argparse.ArgumentParser(prog="python -m govdoc.fit_tables")
    parser.add_argument("--work", type=Path, default=Path("/tmp/govdoc-tables"))
    parser.add_argument("--top", type=int, default=5, help="settings taken from train to dev")
    args = parser.parse_args(argv)

    from govdoc.service import GovdocService
    from govdoc.settings import load_settings, with_overrides

    base = load_settings()
    settings = with_overrides(
        base.model_copy(update={"data_dir": args.work / "corpus"}),
        store={"index_dir": args.work / f"index-{base.embedding.mode}"},
    )
    service = GovdocService(settings)
    try:
        splits = {name: load(name) for name in ("train", "dev")}
        k = settings.retrieval.k
        hits = {r["id"]: service.retrieve(r["question"], k=k)[0] for rows in splits.values() for r in rows}
        grid = list(itertools.product(COVERAGE_GRID, MISSING_GRID))
        train = {g: score(service, splits["train"], hits, *g) for g in grid}
        best = sorted(grid, key=lambda g: (-train[g], g))[: args.top]
        dev = {g: score(service, splits["dev"], hits, *g) for g in best}
        # Ties: a rule that gains nothing stays off (row_missing 1), and the stricter coverage wins.
        chosen = max(best, key=lambda g: (dev[g], train[g], g[1], g[0]))
    finally:
        service.close()
    print(
        json.dumps(
            {
                "train": {f"{c}/{m}": round(v, 3) for (c, m), v in train.items()},
                "dev": {f"{c}/{m}": round(v, 3) for (c, m), v in dev.items()},
                "chosen": {"row_coverage": chosen[0], "row_missing": chosen[1]},
            },
            ensure_ascii=False,
            indent=1,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
