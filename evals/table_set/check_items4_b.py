"""Check the dev4 items of writer b (items.jsonl) against the documents in docs/ and print counts.

Written blind by an outside writer (see BRIEF.md), adapted from check_items3.py. Text extraction:
- DOCX: python-docx paragraphs plus every table cell;
- PDF: pdfplumber extract_text() of every page, plus every table cell from extract_tables() with the line
  breaks of wrapped cells removed (a wrapped cell is not one line of extract_text());
- HTML: the visible text (html.parser data, <style> skipped), plus every <td>/<th> cell.
Checks: field order and kinds; id pattern tbl4b-<short>-NN and unique ids; split dev4 and one split per document; 12 items per document, one DOCX, one PDF, one HTML;
answerable matches kind; unanswerable items carry no key points, evidence, row or columns; doc_title,
evidence, row and columns verbatim in the extracted text; evidence, row and columns are whole table cells;
for cell/two_cells the row cell and all evidence cells sit in one table row; for count each evidence cell sits
in a different table row; the question copies at most 10 consecutive characters of its row or of any evidence
string; every key point has an alternative written in the reference; a count item's key point names the number
of its evidence rows. New here: every PDF evidence string sits on one line of pypdf's extract_text() (no
wrapped evidence); each unanswerable item's trap words (ABSENT below) occur nowhere in its document's text.
Run: /work/main/.venv/bin/python evals/table_set/check_items4_b.py [items.jsonl]   (exit 1 on any problem)
"""

from __future__ import annotations

import sys
from pathlib import Path

from check_items3 import HERE, check  # the train3/dev3 check, with this writer's split, ids and extra checks

# Words that would answer an unanswerable item; each must occur 0 times in the document's text.
ABSENT = {
    "tbl4b-fee-10": ["上学期空调", "原标准", "调整前"],
    "tbl4b-fee-11": ["客运", "运输公司", "校车公司", "承运"],
    "tbl4b-fee-12": ["游泳", "场地费"],
    "tbl4b-equip-10": ["品牌", "牌子", "厂家", "生产商"],
    "tbl4b-equip-11": ["打印"],
    "tbl4b-equip-12": ["保修", "质保期为", "年质保", "个月"],
    "tbl4b-sched-10": ["教室", "机房"],
    "tbl4b-sched-11": ["（4）班", "4班", "四班"],
    "tbl4b-sched-12": ["手机", "王老师"],
}


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "items.jsonl"
    return check(src, {"dev4": 3}, "tbl4b", pdf_one_line=True, absent=ABSENT)


if __name__ == "__main__":
    sys.exit(main())
