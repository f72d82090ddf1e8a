"""Check items.jsonl against the documents in docs/ and print counts.

Run: /work/main/.venv/bin/python evals/table_set/check_items.py
Exit status 1 if any check fails.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from docx import Document
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
FIELDS = ["id", "question", "answerable", "reference", "key_points", "evidence", "doc_title", "doc_file",
          "row", "columns", "kind", "split"]
KINDS = {"cell", "two_cells", "count", "unanswerable"}
SPLITS = ["train", "dev", "test", "test2", "train3", "dev3", "train4", "dev4", "train5", "dev5"]
MAX_COPY = 10


def doc_text(path: Path) -> str:
    """Plain text of a document: DOCX paragraphs and table cells, PDF via pypdf, HTML as read."""
    if path.suffix == ".docx":
        doc = Document(str(path))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                parts.extend(cell.text for cell in row.cells)
        return "\n".join(parts)
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8")


def longest_common(a: str, b: str) -> int:
    """Length of the longest common substring of a and b."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, start=1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def main() -> int:
    items = [json.loads(line) for line in (HERE / "items.jsonl").read_text(encoding="utf-8").splitlines() if line]
    texts: dict[str, str] = {}
    errors: list[str] = []
    doc_split: dict[str, str] = {}
    n_evidence = 0
    for it in items:
        iid = it.get("id")
        if list(it) != FIELDS:
            errors.append(f"{iid}: fields {list(it)}")
        f = it["doc_file"]
        if f not in texts:
            texts[f] = doc_text(HERE / "docs" / f)
        text = texts[f]
        if doc_split.setdefault(f, it["split"]) != it["split"]:
            errors.append(f"{iid}: split {it['split']} differs from other items of {f}")
        if it["kind"] not in KINDS or it["split"] not in SPLITS:
            errors.append(f"{iid}: bad kind/split")
        if it["answerable"] != (it["kind"] != "unanswerable"):
            errors.append(f"{iid}: answerable does not match kind")
        if not it["answerable"] and (it["key_points"] or it["evidence"]):
            errors.append(f"{iid}: unanswerable item with key points or evidence")
        if it["answerable"] and not (it["key_points"] and it["evidence"] and it["columns"]):
            errors.append(f"{iid}: answerable item lacks key points, evidence or columns")
        if it["doc_title"] not in text:
            errors.append(f"{iid}: title not in {f}")
        for ev in it["evidence"]:
            n_evidence += 1
            if ev not in text:
                errors.append(f"{iid}: evidence not verbatim in {f}: {ev}")
        for s in [it["row"], *it["columns"]]:
            if s and s not in text:
                errors.append(f"{iid}: row/column not verbatim in {f}: {s}")
        for s in [it["row"], *it["evidence"]]:
            n = longest_common(it["question"], s)
            if n > MAX_COPY:
                errors.append(f"{iid}: question copies {n} characters of {s[:20]}")
    ids = Counter(it["id"] for it in items)
    errors.extend(f"duplicate id {i}" for i, c in ids.items() if c > 1)
    for e in errors:
        print("FAIL", e)
    print(f"{len(items)} items, {n_evidence} evidence strings checked verbatim, {len(errors)} problems")
    print("documents per split:", dict(Counter(doc_split.values())))
    by = Counter((it["split"], it["kind"]) for it in items)
    for split in SPLITS:
        row = {k: by[(split, k)] for k in ["cell", "two_cells", "count", "unanswerable"]}
        print(split, sum(row.values()), row)
    print("total", dict(Counter(it["kind"] for it in items)),
          "answerable", sum(it["answerable"] for it in items))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
