"""Check the train4 items of writer a (items.jsonl) against the documents in docs/ and print counts.

Written blind by an outside writer (see BRIEF.md), adapted from check_items3.py (split train4, ids tbl4a-*,
three train4 documents, plus a pypdf one-line check of PDF evidence and rows). Text extraction:
- DOCX: python-docx paragraphs plus every table cell;
- PDF: pdfplumber extract_text() of every page, plus every table cell from extract_tables() with the line
  breaks of wrapped cells removed (a wrapped cell is not one line of extract_text());
- HTML: the visible text (html.parser data, <style> skipped), plus every <td>/<th> cell.
Checks: field order and kinds; id pattern tbl4a-<short>-NN and unique ids; split train4 and one split per
document; 12 items per document, one DOCX, one PDF, one HTML;
answerable matches kind; unanswerable items carry no key points, evidence, row or columns; doc_title,
evidence, row and columns verbatim in the extracted text; evidence, row and columns are whole table cells;
for cell/two_cells the row cell and all evidence cells sit in one table row; for count each evidence cell sits
in a different table row; the question copies at most 10 consecutive characters of its row or of any evidence
string; every key point has an alternative written in the reference; a count item's key point names the number
of its evidence rows; every PDF evidence string and row sits on one line of pypdf's extract_text().
Run: /work/main/.venv/bin/python evals/table_set/check_items4_a.py [items.jsonl]   (exit 1 on any problem)
"""

from __future__ import annotations

import sys
from pathlib import Path

from check_items3 import HERE, check  # the train3/dev3 check, with this writer's split, ids and extra checks


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "items.jsonl"
    return check(src, {"train4": 3}, "tbl4a", pdf_one_line=True)


if __name__ == "__main__":
    sys.exit(main())
