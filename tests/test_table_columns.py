"""A row answers only for the column its header names and only when the question names that row:
开工 is not asked of a 完成时限, 完成投资 not of a 分配资金, and a row named by one shared word is not
the row the question names by all of them (works.html, made by tests/data/make_table_fixtures.py)."""

from __future__ import annotations

import pytest
from fixture_service import service_over
from index_checks import ask_checked as _ask

from assistant.table import (
    asked_column_unheld,
    header_modifiers,
    header_words,
    named_better_elsewhere,
    row_words,
)

PROGRESS = [
    ("序号", "1"),
    ("项目名称", "松岭小学新建工程"),
    ("责任单位", "县教育局基建股"),
    ("计划投资（万元）", "3,600.00"),
    ("完成投资（万元）", "2,100.00"),
    ("完成时限", "2026年8月"),
]
REPAIR = [
    ("序号", "1"),
    ("学校名称", "松岭小学"),
    ("项目名称", "围墙加固"),
    ("投资金额（万元）", "36.00"),
    ("计划开工时间", "2025年7月6日"),
    ("计划完工时间", "2025年8月20日"),
]
GRANT = [("序号", "2"), ("学校名称", "松岭小学"), ("分配资金（万元）", "30.00"), ("主要用途", "图书配备")]
OTHER_GRANT = [("序号", "1"), ("学校名称", "枫桥镇中心小学"), ("分配资金（万元）", "52.00"), ("主要用途", "食堂设备购置")]
HEADERS = tuple(tuple(n for n, _ in row) for row in (PROGRESS, REPAIR, GRANT))


def test_the_words_that_tell_columns_of_one_kind_apart():
    assert header_modifiers("计划开工时间") == ("计划", "开工")
    assert header_modifiers("分配资金（万元）·小计") == ("分配", "小计")
    assert header_modifiers("投资金额（万元）") == ()  # a bare column of its kind
    # Within one table: 开工 and 完工 tell the repair list's dates apart, 计划 (both hold it) does not;
    # 计划 and 完成 tell the progress table's amounts apart. A lone column tells nothing apart.
    assert header_words(HEADERS, "date") == frozenset({"开工", "完工"})
    assert header_words(HEADERS, "amount") == frozenset({"计划", "完成"})
    assert header_words(HEADERS, "body") == frozenset()


def test_a_column_of_the_kind_asked_answers_only_when_its_header_holds_the_word_asked_by():
    # 开工 tells 计划开工时间 from 完成时限: a date of completion is no start date.
    assert asked_column_unheld("松岭小学新建工程是什么时候开工的？", PROGRESS, HEADERS) == "开工"
    assert asked_column_unheld("松岭小学围墙什么时候开工？", REPAIR, HEADERS) == ""
    # A question that asks the kind without such a word (哪年建好, 什么时候完成) is the date column's.
    assert asked_column_unheld("松岭小学新建工程什么时候完成？", PROGRESS, HEADERS) == ""
    assert asked_column_unheld("松岭小学新建工程哪年建好？", PROGRESS, HEADERS) == ""
    # Money allotted is not money spent; the word of the kind (投资) and an asking word ask an amount.
    assert asked_column_unheld("松岭小学完成了多少投资？", GRANT, HEADERS) == "完成"
    assert asked_column_unheld("松岭小学新建工程完成了多少投资？", PROGRESS, HEADERS) == ""
    assert asked_column_unheld("松岭小学分配了多少资金？", GRANT, HEADERS) == ""
    assert asked_column_unheld("松岭小学的补助花多少钱？", GRANT, HEADERS) == ""
    # A word the row's cells hold names the row, not a column.
    done = [*GRANT[:3], ("主要用途", "完成图书配备")]
    assert asked_column_unheld("松岭小学完成了多少投资？", done, HEADERS) == ""
    # A bare column of the kind (投资金额) says no other meaning; 计划 tells no date of the repair list apart;
    # 完工 starts like 完成, and a column's own word said (完成 of 完成时限) names it.
    assert asked_column_unheld("松岭小学围墙计划投资多少？", REPAIR, HEADERS) == ""
    assert asked_column_unheld("松岭小学新建工程计划什么时候完成？", PROGRESS, HEADERS) == ""
    assert asked_column_unheld("松岭小学新建工程什么时候完工？", PROGRESS, HEADERS) == ""


def test_a_row_named_by_fewer_of_the_question_words_than_another_is_not_the_one_asked():
    rows = [PROGRESS, REPAIR, GRANT, OTHER_GRANT]
    columns = " ".join(n for names in HEADERS for n in names)
    assert row_words("松岭小学新建工程是什么时候开工的？", PROGRESS, columns) > row_words(
        "松岭小学新建工程是什么时候开工的？", REPAIR, columns
    )
    assert named_better_elsewhere("松岭小学新建工程是什么时候开工的？", REPAIR, rows)
    assert not named_better_elsewhere("松岭小学新建工程是什么时候开工的？", PROGRESS, rows)
    # Two rows named by the same words: neither is named better.
    assert not named_better_elsewhere("松岭小学的项目投资多少？", REPAIR, rows)
    # A subject said whole (枫桥镇中心小学) that a row holds nowhere: that row is not the one asked.
    assert named_better_elsewhere("枫桥镇中心小学食堂的钱是多少？", [("序号", "9"), ("项目名称", "桂园中学食堂改造")], rows)
    assert not named_better_elsewhere("枫桥镇中心小学食堂的钱是多少？", OTHER_GRANT, rows)


def test_a_cell_of_prose_names_no_row_by_the_words_it_holds_by_the_way():
    prose = [("序号", "1"), ("采购项目名称", "图书采购"), ("采购需求概况", "为全县松岭小学等十所学校配备图书和书架，含上架服务")]
    budget = [("序号", "2"), ("支出项目", "学校图书购置"), ("预算金额（万元）", "20.00")]
    columns = "采购项目名称 采购需求概况 支出项目 预算金额（万元）"
    assert "学校" not in row_words("学校图书花多少钱？", prose, columns)
    assert not named_better_elsewhere("学校图书花多少钱？", budget, [prose, budget])
    # A task of prose that holds the question's words and more outnames no short row: its words are by the way.
    task = [("序号", "3"), ("重点任务", "开展中小学班主任全员轮训，三年内实现班主任培训全覆盖"), ("牵头单位", "县教育局")]
    line = [("序号", "4"), ("支出项目", "班主任培训"), ("预算金额（万元）", "8.00")]
    question = "班主任全员培训的预算是多少？"
    assert row_words(question, line, columns) < row_words(question, task, columns)
    assert not named_better_elsewhere(question, line, [task, line])


@pytest.fixture(scope="module")
def works_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService (default embedder) over works.html, built once."""
    service = service_over(tmp_path_factory.mktemp("works"), ("works.html",))
    yield service
    service.close()


@pytest.mark.slow
def test_a_column_or_a_row_the_tables_lack_is_refused(works_service):  # type: ignore[no-untyped-def]
    # The progress table names the project but gives no start date; the repair list's row of the same
    # school is another project.
    answer = _ask(works_service, "松岭小学新建工程是什么时候开工的？")
    assert answer.refused and not answer.citations
    # The grant list names 图书配备 but gives money allotted; the progress table's row of the same
    # school is another project.
    answer = _ask(works_service, "松岭小学图书配备完成了多少投资？")
    assert answer.refused and not answer.citations


@pytest.mark.slow
def test_the_column_the_header_names_is_still_answered(works_service):  # type: ignore[no-untyped-def]
    answer = _ask(works_service, "松岭小学新建工程要求什么时候完成？")
    assert not answer.refused
    assert answer.text.startswith("完成时限为2026年8月。")
    answer = _ask(works_service, "松岭小学新建工程完成了多少投资？")
    assert not answer.refused and "完成投资为2,100.00万元" in answer.text
    answer = _ask(works_service, "松岭小学的围墙加固什么时候开工？")
    assert not answer.refused and "计划开工时间为2025年7月6日" in answer.text
    # 计划 tells none of the repair list's dates apart, and its 投资金额 is a bare amount.
    answer = _ask(works_service, "松岭小学新建工程计划什么时候完成？")
    assert answer.text.startswith("完成时限为2026年8月。")
    answer = _ask(works_service, "枫桥镇中心小学的厕所改造计划投资多少？")
    assert answer.text.startswith("投资金额为48.00万元。")
