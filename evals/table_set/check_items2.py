"""Check the test2 items (items.jsonl) against the documents in docs/ and print counts.

Adapted from evals/table_set/check_items.py (same field, kind, verbatim and 10-character copy checks),
with split "test2" and a few extra checks:
- 8-10 items per document, 3 documents, one per format (DOCX, PDF, HTML);
- every key point has at least one alternative spelled in the reference;
- a count item's key point names the number of its evidence strings;
- ids follow tbl2-<short>-NN;
- for PDF answerable items, every evidence string sits on one extracted line (no wrapped cell).
Run: /work/main/.venv/bin/python /work/blind-tbl2/check_items2.py
Exit status 1 if any check fails.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from check_items import doc_text, longest_common  # the first check's readers, reused

HERE = Path(__file__).resolve().parent
FIELDS = ["id", "question", "answerable", "reference", "key_points", "evidence", "doc_title", "doc_file",
          "row", "columns", "kind", "split"]
KINDS = ["cell", "two_cells", "count", "unanswerable"]
SPLIT = "test2"
MAX_COPY = 10
CN_NUM = "零一二两三四五六七八九十"


def main() -> int:
    every = [json.loads(line) for line in (HERE / "items.jsonl").read_text(encoding="utf-8").splitlines() if line]
    items = [it for it in every if it["split"] == "test2"]
    texts: dict[str, str] = {}
    errors: list[str] = []
    per_doc: Counter = Counter()
    n_evidence = 0
    for it in items:
        iid = it.get("id")
        if list(it) != FIELDS:
            errors.append(f"{iid}: fields {list(it)}")
            continue
        if not re.fullmatch(r"tbl2-[a-z]+-\d\d", iid):
            errors.append(f"{iid}: id not tbl2-<short>-NN")
        f = it["doc_file"]
        per_doc[f] += 1
        if f not in texts:
            texts[f] = doc_text(HERE / "docs" / f)
        text = texts[f]
        if it["kind"] not in KINDS or it["split"] != SPLIT:
            errors.append(f"{iid}: bad kind/split")
        if it["answerable"] != (it["kind"] != "unanswerable"):
            errors.append(f"{iid}: answerable does not match kind")
        if not it["answerable"] and (it["key_points"] or it["evidence"] or it["row"] or it["columns"]):
            errors.append(f"{iid}: unanswerable item with key points, evidence, row or columns")
        if it["answerable"] and not (it["key_points"] and it["evidence"] and it["columns"]):
            errors.append(f"{iid}: answerable item lacks key points, evidence or columns")
        if it["kind"] in ("cell", "two_cells") and not it["row"]:
            errors.append(f"{iid}: cell item without row")
        if it["kind"] == "count" and it["row"]:
            errors.append(f"{iid}: count item with a row")
        if it["doc_title"] not in text:
            errors.append(f"{iid}: title not in {f}")
        lines = text.splitlines()
        for ev in it["evidence"]:
            n_evidence += 1
            if ev not in text:
                errors.append(f"{iid}: evidence not verbatim in {f}: {ev}")
            elif f.endswith(".pdf") and not any(ev in line for line in lines):
                errors.append(f"{iid}: PDF evidence split over lines: {ev}")
        for s in [it["row"], *it["columns"]]:
            if s and s not in text:
                errors.append(f"{iid}: row/column not verbatim in {f}: {s}")
        for s in [it["row"], *it["evidence"]]:
            n = longest_common(it["question"], s)
            if n > MAX_COPY:
                errors.append(f"{iid}: question copies {n} characters of {s[:20]}")
        for point in it["key_points"]:
            if not any(alt in it["reference"] for alt in point):
                errors.append(f"{iid}: key point {point} not spelled in the reference")
        if it["kind"] == "count":
            n = len(it["evidence"])
            wanted = {str(n), CN_NUM[n] if n < len(CN_NUM) else str(n)}
            if n == 2:
                wanted.add("两")
            if not any(any(w in alt for w in wanted) for alt in it["key_points"][0]):
                errors.append(f"{iid}: count key point {it['key_points'][0]} does not match {n} evidence rows")
    ids = Counter(it["id"] for it in items)
    errors.extend(f"duplicate id {i}" for i, c in ids.items() if c > 1)
    for f, c in per_doc.items():
        if not 8 <= c <= 10:
            errors.append(f"{f}: {c} items, want 8-10")
    if sorted(Path(f).suffix for f in per_doc) != [".docx", ".html", ".pdf"]:
        errors.append(f"documents are not one DOCX, one PDF, one HTML: {sorted(per_doc)}")
    for e in errors:
        print("FAIL", e)
    print(f"{len(items)} items, {n_evidence} evidence strings checked verbatim, {len(errors)} problems")
    by = Counter((it["doc_file"], it["kind"]) for it in items)
    for f in sorted(per_doc):
        print(f, per_doc[f], {k: by[(f, k)] for k in KINDS})
    total = Counter(it["kind"] for it in items)
    n_un = total["unanswerable"]
    print(SPLIT, len(items), {k: total[k] for k in KINDS},
          f"answerable {len(items) - n_un}, unanswerable {n_un} ({100 * n_un / len(items):.0f}%)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
