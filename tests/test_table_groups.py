"""Tables whose rows come in groups (issue 19): a two-row header whose leaves split a measured parent
(参赛人数 over 男生 and 女生), a group cell spanning its rows and its 小计 row, a 合计 row, counts by a
day of the week or by a figure, people named by surname and title, units the table does not list, and
PDF cells that wrap beside figures. Every file is made here, in the test."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import ask_checked, service_over

from assistant.table import (
    addressed_person,
    asked_role_unheld,
    count_measure,
    count_rows,
    count_word,
    other_year_asked,
    rows_total,
    total_after_count,
    unit_unheld,
    unit_unlisted,
)
from ingest.load import load_file
from ingest.record import count_unit, parse_record
from ingest.split import split_documents

SPORTS_TITLE = "城西实验学校2026年春季田径运动会报名情况"
SPORTS_HTML = f"""<html><head><title>{SPORTS_TITLE}</title></head><body>
<h1>{SPORTS_TITLE}</h1>
<p>各班主任：本届运动会报名工作已经结束，现将各项目报名情况公布如下。</p>
<table border="1">
<tr><th rowspan="2">组别</th><th rowspan="2">项目</th><th rowspan="2">裁判</th><th rowspan="2">比赛时间</th>
<th colspan="2">参赛人数</th></tr>
<tr><th>男生</th><th>女生</th></tr>
<tr><td rowspan="4">田赛</td><td>跳高</td><td>赵一鸣</td><td>周二、周四15:00</td><td>12</td><td>10</td></tr>
<tr><td>跳远</td><td>钱多多</td><td>周四15:00</td><td>15</td><td>14</td></tr>
<tr><td>铅球</td><td>孙立</td><td>周一15:00</td><td>8</td><td>6</td></tr>
<tr><td colspan="3">小计</td><td>35</td><td>30</td></tr>
<tr><td rowspan="3">径赛</td><td>100米</td><td>李强</td><td>周一、周四16:00</td><td>20</td><td>18</td></tr>
<tr><td>400米</td><td>周敏</td><td>周三16:00</td><td>10</td><td>9</td></tr>
<tr><td colspan="3">小计</td><td>30</td><td>27</td></tr>
<tr><td colspan="4">合计</td><td>65</td><td>57</td></tr>
</table>
<p>请各班督促参赛学生按时检录。</p>
</body></html>
"""

WRAP_TITLE = "城西实验学校图书室建设进度"


def _wrapped_pdf(path: Path) -> None:
    """A one-table PDF whose 进展 cells wrap inside a narrow column, between figures and Chinese."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    rl_config.invariant = 1
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    rows = [
        ["序号", "项目", "负责人", "进展"],
        ["1", "阅览桌椅更新", "刘青", Paragraph("已采购阅览桌椅1200套，完成年度计划的85%以上", cell)],
        ["2", "图书扩充", "高远", Paragraph("已新增图书3600册，其余部分将于下月底前到货", cell)],
    ]
    table = Table(rows, colWidths=[30, 90, 60, 110])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), "STSong-Light"),
                ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=WRAP_TITLE)
    doc.build([Paragraph(WRAP_TITLE, body), Paragraph("现将图书室建设进度通报如下。", body), table])


def _rows(path: Path) -> tuple[list[str], list[list[tuple[str, str]]]]:
    (doc,) = split_documents(load_file(path))
    lines = [doc.text[a:b] for a, b in doc.records]
    return lines, [parse_record(line) or [] for line in lines]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("groups") / "docs"
    folder.mkdir()
    (folder / "sports.html").write_text(SPORTS_HTML, encoding="utf-8")
    _wrapped_pdf(folder / "library.pdf")
    return folder


@pytest.fixture(scope="module")
def sports(files: Path) -> tuple[list[str], list[list[tuple[str, str]]]]:
    return _rows(files / "sports.html")


def test_a_group_cell_reaches_its_subtotal_row_and_leaves_are_named_with_their_parent(sports) -> None:
    lines, _ = sports
    assert lines[0] == "组别：田赛；项目：跳高；裁判：赵一鸣；比赛时间：周二、周四15:00；参赛人数·男生：12；参赛人数·女生：10"
    assert lines[3] == "组别：田赛；项目：小计；参赛人数·男生：35；参赛人数·女生：30"
    assert lines[6] == "组别：径赛；项目：小计；参赛人数·男生：30；参赛人数·女生：27"
    assert lines[7] == "组别：合计；参赛人数·男生：65；参赛人数·女生：57"


def test_a_leaf_without_a_measure_counts_in_its_parents() -> None:
    assert count_unit("参赛人数·女生") == "人"
    assert count_unit("计划班数") == "班"
    assert count_unit("考核·得分") == ""  # no level names a measure
    assert count_unit("参赛人数·序号") == ""


def test_the_total_of_a_whole_group_is_its_subtotal_row(sports) -> None:
    _, rows = sports
    question = "田赛的几个项目一共有多少女生参赛？"
    assert total_after_count(question)
    total = rows_total(question, rows)
    assert total is not None and (total.value, total.rows, total.summed) == ("30", (3,), False)
    # Two rows of the group are no group: they are added up.
    part = rows_total("跳高和跳远一共有多少女生参赛？", rows)
    assert part is not None and (part.value, part.rows, part.summed) == ("24", (0, 1), True)
    assert not total_after_count("田赛一共有几个项目？")


def test_rows_are_counted_by_a_day_of_the_week_their_cell_names(sports) -> None:
    _, rows = sports
    found = count_rows("周四有比赛的项目有几个？", rows)
    assert found is not None and found.column == "比赛时间" and found.rows == (0, 1, 4)


def test_rows_are_counted_by_a_figure_in_a_column_of_their_measure_or_named_by_the_question(sports) -> None:
    _, rows = sports
    by_measure = count_rows("男生报了15人的项目有几个？", rows)
    assert by_measure is not None and by_measure.column == "参赛人数·男生" and by_measure.rows == (1,)
    people = [
        [("姓名", "甲某某"), ("考核·得分", "90.5")],
        [("姓名", "乙某某"), ("考核·得分", "88.0")],
        [("姓名", "丙某某"), ("考核·得分", "90.5")],
    ]
    named = count_rows("得分拿到90.5分的有几个人？", people)
    assert named is not None and named.column == "考核·得分" and named.rows == (0, 2)


def test_rows_are_counted_by_the_month_their_date_cell_falls_in() -> None:
    works = [
        [("工程名称", "村道硬化"), ("完工时间", "2026年12月")],
        [("工程名称", "路灯安装"), ("完工时间", "2026年2月")],
        [("工程名称", "公厕改建"), ("完工时间", "2027年12月")],
        [("工程名称", "合计"), ("完工时间", "2026年12月")],
    ]
    december = count_rows("12月完工的工程有几项？", works)
    assert december is not None and december.column == "完工时间" and december.rows == (0, 2)
    that_year = count_rows("2026年12月完工的工程有几项？", works)
    assert that_year is not None and that_year.rows == (0,)
    assert count_rows("12月31日完工的工程有几项？", works) is None  # a day, not a month


def test_how_many_people_counts_rows_in_ren() -> None:
    assert count_measure("得分拿到90.5分的有几个人？") == "人"
    assert count_word("得分拿到90.5分的有几个人？") == "个"
    assert count_measure("一共有几个项目？") == "个"


def test_another_term_is_asked_only_of_a_row_with_a_column_for_it() -> None:
    row = [("项目", "铅球"), ("参赛人数·男生", "8")]
    assert other_year_asked("铅球上学期有多少男生报名？", row)
    assert other_year_asked("铅球上个季度有多少男生报名？", row)
    assert not other_year_asked("铅球这学期有多少男生报名？", row)
    assert not other_year_asked("铅球上学期有多少男生报名？", [*row, ("上学期人数", "6")])


def test_which_school_is_answered_by_a_column_of_units() -> None:
    row = [("姓名", "韩梅"), ("工作单位", "城西实验学校"), ("职务", "教研组长")]
    assert asked_role_unheld("韩梅是哪个学校的？", row) == ""
    assert asked_role_unheld("韩梅是哪个厂家的？", row) == "厂家"


def test_a_person_named_by_surname_and_title_is_the_row_of_that_surname() -> None:
    row = [("项目", "铅球"), ("指导教师", "孙立")]
    assert addressed_person("孙老师", row)
    assert not addressed_person("王老师", row)
    assert not addressed_person("孙立", row)
    assert not addressed_person("孙老师", [("项目", "铅球"), ("承办单位", "孙庄小学")])  # a unit is no person


def test_a_unit_the_table_does_not_list_is_not_one_of_its_rows() -> None:
    west = [("学校名称", "城西小学"), ("计划班数", "4")]
    east = [("学校名称", "河东镇小学"), ("计划班数", "2")]
    assert unit_unheld("桃园镇小学计划招几个班？", west) == "园镇小学"
    assert unit_unheld("城西小学计划招几个班？", west) == ""
    assert unit_unheld("哪个小学计划招4个班？", west) == ""
    assert unit_unheld("东镇小学计划招几个班？", east) == ""  # its characters stand in the row's unit
    assert unit_unlisted("桃园镇小学计划招几个班？", [[west, east]]) == "园镇小学"
    assert unit_unlisted("河东镇小学计划招几个班？", [[west, east]]) == ""


def test_a_pdf_cell_wrapped_beside_figures_is_joined_without_spaces(files: Path) -> None:
    lines, _ = _rows(files / "library.pdf")
    assert lines == [
        "序号：1；项目：阅览桌椅更新；负责人：刘青；进展：已采购阅览桌椅1200套，完成年度计划的85%以上",
        "序号：2；项目：图书扩充；负责人：高远；进展：已新增图书3600册，其余部分将于下月底前到货",
    ]


@pytest.fixture(scope="module")
def service(files: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with service_over(files, tmp_path_factory.mktemp("groups-index")) as service:
        yield service


def test_asked_through_the_service(service) -> None:  # type: ignore[no-untyped-def]
    subtotal = ask_checked(service, "田赛的几个项目一共有多少女生参赛？")
    assert not subtotal.refused and "30" in subtotal.text and "小计" in subtotal.text
    assert subtotal.citations and subtotal.citations[0].doc_title == SPORTS_TITLE
    by_day = ask_checked(service, "周四有比赛的项目有几个？")
    assert not by_day.refused and "3个" in by_day.text
    other_term = ask_checked(service, "铅球上学期有多少男生报名？")
    assert other_term.refused
