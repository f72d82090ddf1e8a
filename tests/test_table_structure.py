"""Rows read by their table's structure, not by the words of one table: a year column chosen by the year
asked, a sum of money that takes no 个, a task cell that writes the act asked, a column named for times whose
cell writes no calendar date, a unit of money given by the caption, a subtotal row that names its group, a
sub-column named by its own last level, a column blank where it is named, the words that name rows kept
apart from those that name a column, and 几个工作日. Tables invented for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_tables import add_grid
from index_checks import ask_checked, service_over

from assistant.evidence import quantity_ask, quantity_supported
from assistant.row_text import asked_cells, cell_lead
from assistant.table import (
    count_rows,
    header_states,
    is_total,
    role_unheld,
    rows_total,
    table_extreme,
    with_caption_unit,
)

BUDGET = [("项目", "文化体育支出"), ("2023年预算数", "640"), ("2024年预算数", "705"), ("增减（%）", "10.2")]
TASK = [("序号", "3"), ("工作内容", "走访独居老人"), ("责任科室", "社会事务办"), ("分管领导", "赵敏"), ("时间安排", "重阳节前")]
GUIDE = [
    ("序号", "2"),
    ("事项名称", "营业执照遗失补领"),
    ("办理时限（工作日）·法定时限", "—"),
    ("办理时限（工作日）·承诺时限", "4"),
]


def test_the_year_asked_chooses_its_column():
    assert asked_cells("2024年文化体育支出预算是多少？", BUDGET) == [("2024年预算数", "705")]
    assert asked_cells("文化体育支出2023年预算多少？", BUDGET) == [("2023年预算数", "640")]
    # No year asked: every column of the kind is said.
    assert len(asked_cells("文化体育支出预算是多少？", BUDGET)) == 2
    # A year no column states leaves the columns as they are.
    assert len(asked_cells("2025年文化体育支出预算是多少？", BUDGET)) == 2


def test_a_sum_of_money_counted_by_its_name_takes_no_measure_word():
    assert cell_lead("2024年文化体育支出预算是多少？", [BUDGET]) == "2024年预算数为705。\n"


def test_a_row_that_writes_the_act_asked_is_the_task_its_people_do():
    assert role_unheld("谁去走访独居老人？", TASK) == ""
    # The act written in no cell of the row: no column says who does it.
    assert role_unheld("谁来审核走访名单？", TASK) == "审核"


def test_a_column_named_for_times_states_a_time_without_a_calendar_date():
    assert header_states("date", TASK)
    assert header_states("often", TASK)
    assert not header_states("date", [("序号", "3"), ("时间安排", "—")])  # blank: no time
    assert not header_states("date", BUDGET)


def test_the_caption_gives_plain_sums_their_unit_of_money():
    out = with_caption_unit(BUDGET, "一、收支预算表（单位：万元）")
    assert ("2024年预算数（万元）", "705") in out
    assert ("增减（%）", "10.2") in out  # a column with its own unit keeps it
    assert ("项目", "文化体育支出") in out
    assert with_caption_unit(BUDGET, "一、收支预算表") == BUDGET
    ask = quantity_ask("2024年文化体育支出预算多少万元？")
    assert ask is not None
    assert not quantity_supported(ask, "2024年预算数705")
    assert quantity_supported(ask, "2024年预算数705万元")


FUND = [
    [("序号", "1"), ("单位名称", "东街社区"), ("类别", "城区"), ("网点（个）", "3"), ("下达金额（万元）", "6.00")],
    [("序号", "2"), ("单位名称", "西街社区"), ("类别", "城区"), ("网点（个）", "2"), ("下达金额（万元）", "4.50")],
    [("序号", ""), ("单位名称", "城区社区小计"), ("类别", ""), ("网点（个）", "5"), ("下达金额（万元）", "10.50")],
    [("序号", "3"), ("单位名称", "北山村"), ("类别", "农村"), ("网点（个）", "1"), ("下达金额（万元）", "2.00")],
    [("序号", ""), ("单位名称", "合计"), ("类别", ""), ("网点（个）", "6"), ("下达金额（万元）", "12.50")],
]


def test_a_subtotal_row_that_names_its_group_is_no_listed_row():
    assert is_total(FUND[2])
    assert is_total(FUND[4])
    assert not is_total(FUND[0])
    assert not is_total([("事项", "材料小计表填报"), ("时限", "5月")])  # a task, not a label of a total
    extreme = table_extreme("哪个单位下达金额最多？", FUND)
    assert extreme is not None
    assert extreme.rows == (0,)


def test_the_words_that_name_rows_do_not_choose_the_column_summed():
    rows = [
        [("单位名称", "城关卫生院"), ("村卫生室（个）", "6"), ("运行补助（万元）", "9.00")],
        [("单位名称", "河西卫生院"), ("村卫生室（个）", "5"), ("运行补助（万元）", "7.20")],
    ]
    # 卫生 names the rows (城关卫生院); 补助 names the column.
    total = rows_total("城关卫生院和河西卫生院一共多少补助？", rows)
    assert total is not None
    assert total.column == "运行补助（万元）"


def test_a_sub_column_named_by_its_last_level_is_the_one_compared():
    rows = [
        [("事项名称", "甲"), ("办理时限（工作日）·法定时限", "20"), ("办理时限（工作日）·承诺时限", "5")],
        [("事项名称", "乙"), ("办理时限（工作日）·法定时限", "10"), ("办理时限（工作日）·承诺时限", "8")],
    ]
    extreme = table_extreme("哪个事项的承诺时限最长？", rows)
    assert extreme is not None
    assert extreme.column == "办理时限（工作日）·承诺时限"
    assert extreme.rows == (1,)


def test_a_column_named_where_the_row_is_blank_is_not_answered_by_its_sibling():
    assert asked_cells("营业执照遗失补领的法定时限是多少？", GUIDE) == []
    assert asked_cells("营业执照遗失补领的承诺时限是多少？", GUIDE) == [("办理时限（工作日）·承诺时限", "4")]


def test_a_count_of_working_days_is_a_count_of_days():
    ask = quantity_ask("补领营业执照要几个工作日？")
    assert ask is not None
    assert quantity_supported(ask, "办理时限·承诺时限4工作日")
    assert quantity_supported(ask, "自受理之日起3个工作日内办结")
    assert not quantity_supported(ask, "2025年3月5日起施行")


def _plan_docx(path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_heading("桂山镇2025年民生实事推进方案", 1)
    document.add_paragraph("为切实办好民生实事，现将有关任务分工如下。")
    document.add_paragraph("一、任务分工")
    rows = [
        ("序号", "工作内容", "责任科室", "分管领导", "时间安排"),
        ("1", "修缮镇敬老院屋顶", "社会事务办", "赵敏", "5月至8月"),
        ("2", "走访独居老人", "民政办", "钱立", "重阳节前"),
        ("3", "疏通背街小巷排水沟", "城建办", "孙涛", "每月中旬"),
    ]
    add_grid(document, rows)
    document.add_paragraph("二、工作要求")
    document.add_paragraph("各责任科室要明确专人，按时完成各项任务。")
    document.save(path)


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("structure-plan-files")
    _plan_docx(files / "plan.docx")
    with service_over(files, tmp_path_factory.mktemp("structure-plan-index"), embedding={"mode": "hashing"}) as service:
        yield service


@pytest.mark.slow
def test_a_lone_plan_answers_who_and_when_of_its_tasks(plan) -> None:  # type: ignore[no-untyped-def]
    who = ask_checked(plan, "谁去走访独居老人？")
    assert not who.refused
    assert "民政办" in who.text
    when = ask_checked(plan, "走访独居老人安排在什么时候？")
    assert not when.refused
    assert "时间安排为重阳节前" in when.text


def test_a_count_of_rows_that_leave_a_column_empty_counts_the_blank_ones():
    rows = [
        [("序号", "1"), ("事项名称", "甲证办理"), ("法定时限", "10")],
        [("序号", "2"), ("事项名称", "乙证补发"), ("法定时限", "—")],
        [("序号", "3"), ("事项名称", "丙证变更"), ("法定时限", "")],
    ]
    blank = count_rows("有几个事项没有法定时限？", rows)
    assert blank is not None
    assert (blank.rows, blank.filled, blank.empty) == ((1, 2), True, True)
    assert count_rows("有几个事项的法定时限是空的？", rows).rows == (1, 2)  # type: ignore[union-attr]
    filled = count_rows("有几个事项规定了法定时限？", rows)
    assert filled is not None
    assert (filled.rows, filled.empty) == ((0,), False)
