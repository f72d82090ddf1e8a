"""Tables of lessons whose measure stands in a merged two-row header (issue 19): 周工作量（课时） spans 上课,
值周 and 合计, so each figure is counted in 课时 while people ask in 节. A figure asked in 几节 is that
column's cell (not a count of rows), rows counted by a figure take the column it is said of (加起来 → 合计),
a total asked of a group the question names by a cell (音乐组) adds up that group's rows, and the most or
least of a column of figures that are no money (得分, 课时) is compared over the rows that hold one. Every table is
invented here, in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import ask_checked, service_over
from table_records import record_rows as _rows

from assistant.evidence import quantity_ask, quantity_supported, same_measure
from assistant.table import count_rows, measured_totals, rows_total, table_extreme

TITLE = "松溪镇中心校2026年春季学期教师周工作量登记"
# 周工作量（课时） spans three leaf columns; 姓名 and 学科组 reach down over both header rows.
HTML = f"""<html><head><title>{TITLE}</title></head><body>
<h1>{TITLE}</h1>
<p>根据学期排课情况，现将各位教师的周工作量登记如下，如有异议请于三日内向教务处反映。</p>
<table border="1">
<tr><th rowspan="2">姓名</th><th rowspan="2">学科组</th><th colspan="3">周工作量（课时）</th></tr>
<tr><th>上课</th><th>值周</th><th>合计</th></tr>
<tr><td>符晓岚</td><td>音乐组</td><td>10</td><td>2</td><td>12</td></tr>
<tr><td>龙启航</td><td>音乐组</td><td>12</td><td>0</td><td>12</td></tr>
<tr><td>贝思远</td><td>科学组</td><td>12</td><td>3</td><td>15</td></tr>
<tr><td>邝雨桐</td><td>科学组</td><td>9</td><td>1</td><td>10</td></tr>
</table>
<p>工作量超过标准的部分，学期末统一核算。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lesson-counts") / "docs"
    folder.mkdir()
    (folder / "lessons.html").write_text(HTML, encoding="utf-8")
    return folder


def test_the_header_unit_reaches_every_leaf(files: Path) -> None:
    rows = _rows(files / "lessons.html")
    assert rows[0] == [
        ("姓名", "符晓岚"),
        ("学科组", "音乐组"),
        ("周工作量（课时）·上课", "10"),
        ("周工作量（课时）·值周", "2"),
        ("周工作量（课时）·合计", "12"),
    ]


def test_a_lesson_is_counted_in_jie_or_keshi() -> None:
    assert same_measure("课时", "节") and same_measure("节", "课时") and same_measure("人", "名")
    assert not same_measure("课时", "人") and not same_measure("", "节")
    ask = quantity_ask("贝思远每周值周几节？")
    assert ask is not None
    assert quantity_supported(ask, "周工作量·值周3课时")
    assert not quantity_supported(ask, "周工作量·值周3人")


def test_a_total_in_jie_adds_up_a_column_kept_in_keshi(files: Path) -> None:
    rows = _rows(files / "lessons.html")
    assert measured_totals("大家上课一共多少节？", rows) == [
        "周工作量（课时）·上课",
        "周工作量（课时）·值周",
        "周工作量（课时）·合计",
    ]
    assert measured_totals("大家上课一共多少人？", rows) == []


def test_rows_counted_by_a_figure_take_the_column_it_is_said_of(files: Path) -> None:
    rows = _rows(files / "lessons.html")
    # 12 is the 上课 of 龙启航 and 贝思远, and the 合计 of 符晓岚 and 龙启航: 加起来 says the 合计.
    total = count_rows("工作量加起来正好12节的老师有几位？", rows)
    assert total is not None and (total.column, total.rows) == ("周工作量（课时）·合计", (0, 1))
    taught = count_rows("上课正好12节的老师有几位？", rows)
    assert taught is not None and (taught.column, taught.rows) == ("周工作量（课时）·上课", (1, 2))


def test_a_total_of_a_group_named_by_a_cell_adds_up_its_rows(files: Path) -> None:
    rows = _rows(files / "lessons.html")
    music = rows_total("音乐组两位老师上课加起来多少节？", rows)
    assert music is not None and (music.column, music.value, music.rows) == ("周工作量（课时）·上课", "22", (0, 1))
    assert rows_total("符晓岚上课多少节？", rows) is None  # one row, and no total asked
    # A word inside the rows' prose (已完成 of 已完成验收) is no label of a group: no rows are added up by it.
    works = [
        [("工程", "操场翻新"), ("投资（万元）", "80"), ("进展", "已完成验收")],
        [("工程", "食堂扩建"), ("投资（万元）", "120"), ("进展", "已完成主体施工")],
        [("工程", "围墙加固"), ("投资（万元）", "30"), ("进展", "正在设计")],
    ]
    assert rows_total("所有工程加起来，已完成的投资一共多少？", works) is None


SCORES = [
    [("姓名", "伍嘉禾"), ("所在学校", "松溪镇中心校"), ("评议得分（分）", "88.5"), ("等次", "合格")],
    [("姓名", "钟月明"), ("所在学校", "松溪镇中学"), ("评议得分（分）", "—"), ("等次", "不定等次")],
    [("姓名", "祁文澜"), ("所在学校", "松溪镇中学"), ("评议得分（分）", "93.0"), ("等次", "优秀")],
]


def test_the_most_of_a_column_of_figures_that_is_no_money(files: Path) -> None:
    best = table_extreme("评议得分最高的是谁？", SCORES)
    assert best is not None and (best.column, best.value, best.rows) == ("评议得分（分）", "93.0", (2,))
    # The row left blank (—) has no score to compare: the lowest is among those scored.
    low = table_extreme("评议得分最低的是谁？", SCORES)
    assert low is not None and (low.value, low.rows) == ("88.5", (0,))
    assert table_extreme("哪所学校最多？", SCORES) is None  # it names no column of figures
    rows = _rows(files / "lessons.html")
    # 工作量 names every leaf kept in 课时; 总 asks the row's total, the 合计.
    most = table_extreme("哪位老师周工作量总量最多？", rows)
    assert most is not None and (most.column, most.value, most.rows) == ("周工作量（课时）·合计", "15", (2,))
    taught = table_extreme("哪位老师上课最少？", rows)
    assert taught is not None and (taught.column, taught.value, taught.rows) == ("周工作量（课时）·上课", "9", (3,))


@pytest.fixture(scope="module")
def service(files: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with service_over(files, tmp_path_factory.mktemp("lesson-counts-index"), embedding={"mode": "hashing"}) as service:
        yield service


def test_asked_through_the_service(service) -> None:  # type: ignore[no-untyped-def]
    duty = ask_checked(service, "贝思远值周算几节？")
    assert not duty.refused and "值周）为3课时" in duty.text and duty.citations[0].doc_title == TITLE
    assert "共" not in duty.text.split("\n")[0]  # the cell, not a count of the table's rows
    music = ask_checked(service, "音乐组两位老师上课加起来多少节？")
    assert not music.refused and "22" in music.text
