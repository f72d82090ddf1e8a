"""Check the train5 and dev5 items of items.jsonl (the other splits' lines are skipped) against the documents in docs/ and print counts.

Written blind by an outside writer (see BRIEF.md), adapted from check_items3.py as check_items4_b.py is. Text
extraction:
- DOCX: python-docx paragraphs plus every table cell (a vertically merged 学段 cell is read in every row it spans);
- PDF: pdfplumber extract_text() of every page, plus every table cell from extract_tables();
- HTML: the visible text (html.parser data, <style> skipped), plus every <td>/<th> cell.
Checks: field order and kinds; id pattern tbl5-<short>-NN and unique ids; splits train5 (2 documents) and dev5
(1 document), one split per document; 12 items per document, one DOCX, one PDF, one HTML; answerable matches
kind; unanswerable items carry no key points, evidence, row or columns; doc_title, evidence, row and columns
verbatim in the extracted text; evidence, row and columns are whole table cells; for cell/two_cells the row
cell and all evidence cells sit in one table row; for count each evidence cell sits in a different table row;
the question copies at most 10 consecutive characters of its row or of any evidence string; every key point has
an alternative written in the reference; a count item's key point names the number of its evidence rows; every
PDF evidence string and row sits on one line of pypdf's extract_text(); each unanswerable item's trap words
(ABSENT below) occur nowhere in its document's text.
Run: /work/main/.venv/bin/python evals/table_set/check_items5.py [items.jsonl]   (exit 1 on any problem)
"""

from __future__ import annotations

import sys
from pathlib import Path

from check_items3 import HERE, check  # the train3/dev3 check, with this writer's splits, ids and extra checks

# Words that would answer an unanswerable item; each must occur 0 times in the document's text.
ABSENT = {
    "tbl5-hours-11": ["石桥镇"],
    "tbl5-hours-12": ["2024年度", "上年度人均", "去年"],
    "tbl5-room-11": ["主持"],
    "tbl5-room-12": ["体育中考", "说明会"],
    "tbl5-duban-10": ["配合", "协办"],
    "tbl5-duban-11": ["万元", "经费", "投资", "花费"],
    "tbl5-duban-12": ["跑道", "异味"],
}


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "items.jsonl"
    return check(src, {"train5": 2, "dev5": 1}, "tbl5", pdf_one_line=True, absent=ABSENT)


if __name__ == "__main__":
    sys.exit(main())
