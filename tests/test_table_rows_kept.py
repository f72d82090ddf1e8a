"""A table's rows are the document's own data, kept by the page-chrome cleaning even when they hold what a site's
footer holds (a phone number, an e-mail address): a duty roster or a contact list loses no row."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx_tables import add_grid

from ingest.load import load_file
from ingest.split import split_documents

ROSTER = [
    ("日期", "值班领导", "值班电话"),
    ("3月4日", "周立新", "13912340001"),
    ("3月5日", "孙晓梅", "13912340002"),
    ("3月6日", "韩志强", "13912340003"),
]


def _roster_docx(path: Path, *, table_first: bool) -> None:
    document = docx.Document()
    if not table_first:
        document.add_paragraph("本表为春季学期行政值班安排，值班人员须保持通讯畅通，遇有紧急情况及时处置并报告。")
    add_grid(document, ROSTER)
    if table_first:
        document.add_paragraph("值班人员须保持通讯畅通，遇有紧急情况及时处置并报告。")
    document.save(str(path))


def _body(path: Path) -> str:
    return "\n".join(d.text for d in split_documents(load_file(path)))


@pytest.mark.parametrize("table_first", [False, True], ids=["table-at-the-end", "table-at-the-top"])
def test_roster_rows_with_phone_numbers_are_kept(tmp_path: Path, table_first: bool) -> None:
    path = tmp_path / "值班表.docx"
    _roster_docx(path, table_first=table_first)
    body = _body(path)
    for _, name, phone in ROSTER[1:]:
        assert name in body and phone in body


def test_a_footer_line_outside_any_table_is_still_removed(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("本表为春季学期行政值班安排，值班人员须保持通讯畅通，遇有紧急情况及时处置并报告。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "电话"
    table.cell(1, 0).text, table.cell(1, 1).text = "周立新", "13912340001"
    document.add_paragraph("版权所有 联系我们 电话：010-66660000")
    path = tmp_path / "值班表.docx"
    document.save(str(path))
    body = _body(path)
    assert "13912340001" in body
    assert "版权所有" not in body
