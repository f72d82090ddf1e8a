"""The table question set (evals/table_set/): everyday questions about single cells of tables.

Twenty-nine documents (DOCX, PDF, HTML) with task-division, budget, project, duty, fee, menu,
timetable, training-hours, meeting-room and supervision tables, and 332 items written blind in several
batches (see ``table_set/BRIEF.md``), split by document into the splits of ``SPLITS``. The documents are indexed
beside the bundled data/, which stays in the index as distractors. Run it
with ``govdoc eval --tables SPLIT`` or ``python -m govdoc.table_eval --split SPLIT``.

An answerable item is right when the answer holds every key point (the asked cell or cells) and
cites the item's document; an unanswerable one is right when it is refused.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.types import Answer
from evals.metrics import key_point_recall
from evals.results import ItemRecord

HERE = Path(__file__).resolve().parent / "table_set"
ITEMS = HERE / "items.jsonl"
DOCS = HERE / "docs"
SPLITS = ("train", "dev", "test", "test2", "train3", "dev3", "train4", "dev4", "train5", "dev5", "train6", "dev6")
"""The set's splits, by document; test and test2 are only measured, never fitted on."""
SCHEMA_FIELDS = ("id", "question", "answerable", "reference", "key_points", "evidence", "doc_title")


def load(split: str | None = None, path: Path = ITEMS) -> list[dict[str, Any]]:
    """The set's rows (all fields), optionally of one split."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def as_testset(rows: Sequence[dict[str, Any]]) -> str:
    """The rows in the test-set schema (`evals.schema`), as JSONL (an unanswerable item names no document)."""
    out = []
    for r in rows:
        item = {k: r[k] for k in SCHEMA_FIELDS}
        if not item["answerable"]:
            item["doc_title"] = ""
        out.append(json.dumps(item, ensure_ascii=False) + "\n")
    return "".join(out)


def build_corpus(folder: Path, data_dir: Path) -> Path:
    """``folder`` holding data/'s files and the set's documents (copied when missing or changed); returns it."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [p for p in (*data_dir.iterdir(), *DOCS.iterdir()) if p.is_file()]
    for path in sources:
        target = folder / path.name
        if not target.is_file() or target.read_bytes() != path.read_bytes():
            shutil.copy(path, target)
    return folder


def answer_right(answerable: bool, key_points: Sequence[Sequence[str]], doc_title: str, answer: Answer) -> bool:
    """An answerable item answered with every key point and a citation of its document; an
    unanswerable one refused."""
    if not answerable:
        return answer.refused
    if answer.refused or key_point_recall(answer.text, key_points) < 1.0:
        return False
    return any(c.doc_title == doc_title for c in answer.citations)


def item_right(record: ItemRecord) -> bool:
    """`answer_right` for one record of an eval run (an item that errored is wrong)."""
    item, answer = record.item, record.answer
    if answer is None or record.error:
        return False
    return answer_right(item.answerable, item.key_points, item.doc_title, answer)


def table_metrics(records: Sequence[ItemRecord]) -> dict[str, Any]:
    """The set's figures: answerable items right (cell and citation), unanswerable ones refused, and both."""
    answerable = [r for r in records if r.item.answerable]
    unanswerable = [r for r in records if not r.item.answerable]
    right = [r for r in records if item_right(r)]

    def share(part: Sequence[ItemRecord], whole: Sequence[ItemRecord]) -> float | None:
        return round(len(part) / len(whole), 3) if whole else None

    return {
        "n": len(records),
        "cell_and_citation": share([r for r in answerable if item_right(r)], answerable),
        "refused_unanswerable": share([r for r in unanswerable if item_right(r)], unanswerable),
        "right": share(right, records),
        "failed": [r.item.id for r in records if not item_right(r)],
    }
