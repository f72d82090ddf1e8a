"""Check the train3 and dev3 items of items.jsonl (the other splits' lines are skipped) against the documents in docs/ and print counts.

Written blind by an outside writer (see BRIEF.md), adapted from check_items2.py. Text extraction:
- DOCX: python-docx paragraphs plus every table cell;
- PDF: pdfplumber extract_text() of every page, plus every table cell from extract_tables() with the line
  breaks of wrapped cells removed (a wrapped cell is not one line of extract_text());
- HTML: the visible text (html.parser data, <style> skipped), plus every <td>/<th> cell.
Checks: field order and kinds; id pattern tbl3-<short>-NN and unique ids; split train3/dev3 and one split per
document (train3 and dev3 share no document); 12 items per document, one DOCX, one PDF, one HTML;
answerable matches kind; unanswerable items carry no key points, evidence, row or columns; doc_title,
evidence, row and columns verbatim in the extracted text; evidence, row and columns are whole table cells;
for cell/two_cells the row cell and all evidence cells sit in one table row; for count each evidence cell sits
in a different table row; the question copies at most 10 consecutive characters of its row or of any evidence
string; every key point has an alternative written in the reference; a count item's key point names the number
of its evidence rows.
Run: /work/main/.venv/bin/python evals/table_set/check_items3.py [items.jsonl]   (exit 1 on any problem)
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
from check_items import longest_common  # the first check's, reused as check_items2 does
from docx import Document
from pypdf import PdfReader

HERE = Path(__file__).resolve().parent
FIELDS = ["id", "question", "answerable", "reference", "key_points", "evidence", "doc_title", "doc_file",
          "row", "columns", "kind", "split"]
KINDS = ["cell", "two_cells", "count", "unanswerable"]
MAX_COPY = 10
PER_DOC = 12
CN_NUM = "零一二三四五六七八九十"


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.rows: list[list[str]] = []
        self._skip = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        if data.strip():
            self.text.append(data.strip())


def extract(path: Path) -> tuple[str, list[list[str]]]:
    """(plain text, table rows as lists of cell texts) of a document."""
    if path.suffix == ".docx":
        doc = Document(str(path))
        rows = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
        parts = [p.text for p in doc.paragraphs] + [c for r in rows for c in r]
        return "\n".join(parts), rows
    if path.suffix == ".pdf":
        parts, rows = [], []
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                parts.append(page.extract_text())
                for t in page.extract_tables():
                    rows.extend([(c or "").replace("\n", "") for c in r] for r in t)
        return "\n".join(parts + [c for r in rows for c in r]), rows
    p = _Html()
    p.feed(path.read_text(encoding="utf-8"))
    return "\n".join(p.text), p.rows


def check(src: Path, docs_per_split_wanted: dict[str, int], id_prefix: str, pdf_one_line: bool = False,
          absent: dict[str, list[str]] | None = None) -> int:
    """Check the items of the given splits in src; print problems and counts; 1 on any problem.

    pdf_one_line: every PDF row and evidence string must sit on one line of pypdf's extract_text();
    absent: per item id, trap words that must occur nowhere in the item's document text."""
    splits = list(docs_per_split_wanted)
    items = [json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    items = [it for it in items if it.get("split") in splits]
    pypdf_lines: dict[str, list[str]] = {}
    docs: dict[str, tuple[str, list[list[str]]]] = {}
    errors: list[str] = []
    per_doc: Counter = Counter()
    split_of: dict[str, set] = defaultdict(set)
    n_evidence = n_wrapped = 0
    wrapped: list[str] = []
    for it in items:
        iid = it.get("id")
        if list(it) != FIELDS:
            errors.append(f"{iid}: fields {list(it)}")
            continue
        if not re.fullmatch(rf"{id_prefix}-[a-z]+-\d\d", str(iid)):
            errors.append(f"{iid}: id not {id_prefix}-<short>-NN")
        f = it["doc_file"]
        per_doc[f] += 1
        split_of[f].add(it["split"])
        if f not in docs:
            docs[f] = extract(HERE / "docs" / f)
        text, rows = docs[f]
        cells = {c for r in rows for c in r}
        plain = text if not f.endswith(".pdf") else text.split("\n".join(c for r in rows for c in r))[0]
        if it["kind"] not in KINDS:
            errors.append(f"{iid}: bad kind {it['kind']}")
        if it["split"] not in splits:
            errors.append(f"{iid}: bad split {it['split']}")
        if it["answerable"] is not (it["kind"] != "unanswerable"):
            errors.append(f"{iid}: answerable does not match kind")
        if not it["answerable"] and (it["key_points"] or it["evidence"] or it["row"] or it["columns"]):
            errors.append(f"{iid}: unanswerable item with key points, evidence, row or columns")
        if it["answerable"] and not (it["key_points"] and it["evidence"] and it["columns"]):
            errors.append(f"{iid}: answerable item lacks key points, evidence or columns")
        if it["kind"] in ("cell", "two_cells") and not it["row"]:
            errors.append(f"{iid}: cell item without row")
        if it["kind"] == "count" and it["row"]:
            errors.append(f"{iid}: count item with a row")
        if it["kind"] == "two_cells" and len(it["evidence"]) < 2:
            errors.append(f"{iid}: two_cells item with fewer than 2 evidence cells")
        if it["doc_title"] not in text:
            errors.append(f"{iid}: title not in {f}")
        for ev in it["evidence"]:
            n_evidence += 1
            if ev not in text:
                errors.append(f"{iid}: evidence not verbatim in {f}: {ev}")
            if ev not in cells:
                errors.append(f"{iid}: evidence is not a whole table cell: {ev}")
            if f.endswith(".pdf") and not any(ev in line for line in plain.splitlines()):
                n_wrapped += 1
                wrapped.append(f"{iid}:{ev}")
        if pdf_one_line and f.endswith(".pdf"):
            if f not in pypdf_lines:
                pypdf_lines[f] = [ln for pg in PdfReader(str(HERE / "docs" / f)).pages
                                  for ln in pg.extract_text().splitlines()]
            for s in [it["row"], *it["evidence"]]:
                if s and not any(s in ln for ln in pypdf_lines[f]):
                    errors.append(f"{iid}: not on one pypdf line in {f}: {s}")
        for word in (absent or {}).get(iid, []):
            if word in text:
                errors.append(f"{iid}: trap word {word} occurs in {f}")
        for s in [it["row"], *it["columns"]]:
            if s and s not in text:
                errors.append(f"{iid}: row/column not verbatim in {f}: {s}")
            if s and s not in cells:
                errors.append(f"{iid}: row/column is not a whole table cell: {s}")
        if it["kind"] in ("cell", "two_cells"):
            need = [it["row"], *it["evidence"]]
            if not any(all(n in r for n in need) for r in rows):
                errors.append(f"{iid}: no table row holds {need}")
        if it["kind"] == "count":
            idx = [next((i for i, r in enumerate(rows) if ev in r), None) for ev in it["evidence"]]
            if None in idx or len(set(idx)) != len(idx):
                errors.append(f"{iid}: count evidence not in distinct table rows: {idx}")
        for s in [it["row"], *it["evidence"]]:
            n = longest_common(it["question"], s)
            if n > MAX_COPY:
                errors.append(f"{iid}: question copies {n} characters of {s[:20]}")
        for point in it["key_points"]:
            if not any(alt in it["reference"] for alt in point):
                errors.append(f"{iid}: key point {point} not spelled in the reference")
        if it["kind"] == "count":
            n = len(it["evidence"])
            wanted = {str(n)} | ({CN_NUM[n]} if n < len(CN_NUM) else set()) | ({"两"} if n == 2 else set())
            if not any(any(alt.startswith(w) for w in wanted) for alt in it["key_points"][0]):
                errors.append(f"{iid}: count key point {it['key_points'][0]} does not match {n} evidence rows")
    ids = Counter(it.get("id") for it in items)
    errors.extend(f"duplicate id {i}" for i, c in ids.items() if c > 1)
    for f, s in split_of.items():
        if len(s) != 1:
            errors.append(f"{f}: items in several splits {sorted(s)}")
    for f, c in per_doc.items():
        if c != PER_DOC:
            errors.append(f"{f}: {c} items, want {PER_DOC}")
    if sorted(Path(f).suffix for f in per_doc) != [".docx", ".html", ".pdf"]:
        errors.append(f"documents are not one DOCX, one PDF, one HTML: {sorted(per_doc)}")
    docs_per_split = Counter(next(iter(s)) for s in split_of.values() if len(s) == 1)
    if docs_per_split != Counter(docs_per_split_wanted):
        errors.append(f"documents per split {dict(docs_per_split)}, want {docs_per_split_wanted}")
    for e in errors:
        print("FAIL", e)
    print(f"{len(items)} items, {n_evidence} evidence strings checked verbatim "
          f"({n_wrapped} PDF strings only whole after joining a wrapped cell), {len(errors)} problems")
    if wrapped:
        print("  wrapped PDF evidence:", ", ".join(wrapped))
    by = Counter((it["doc_file"], it["kind"]) for it in items)
    for f in sorted(per_doc):
        print(f"  {f} [{next(iter(split_of[f]))}] {per_doc[f]}", {k: by[(f, k)] for k in KINDS})
    for split in splits:
        sub = [it for it in items if it["split"] == split]
        total = Counter(it["kind"] for it in sub)
        print(f"  {split}: {len(sub)} items", {k: total[k] for k in KINDS})
    total = Counter(it["kind"] for it in items)
    n_un = total["unanswerable"]
    print(f"  all: {len(items)}", {k: total[k] for k in KINDS},
          f"answerable {len(items) - n_un}, unanswerable {n_un} ({100 * n_un / max(len(items), 1):.0f}%)")
    longest = max(((max([0] + [longest_common(it["question"], s) for s in [it["row"], *it["evidence"]] if s]),
                    it["id"]) for it in items), default=(0, ""))
    print(f"  largest copy from row/evidence into a question: {longest[0]} characters ({longest[1]})")
    return 1 if errors else 0


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "items.jsonl"
    return check(src, {"train3": 2, "dev3": 1}, "tbl3")


if __name__ == "__main__":
    sys.exit(main())
