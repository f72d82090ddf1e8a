"""Table questions that name no row, or a row's blank cells, or figures written in words (issue 19): a word
every row's name holds (社区服务站 of each 社区服务站) picks no row, the rows a column leaves blank are listed
when asked which, and a figure column that writes 即办 or 待定 in place of a number is still compared and added
up. Every table is made here."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.table import (
    asks_total,
    blank_rows,
    count_rows,
    counts_named,
    figure_in_words,
    figure_of,
    names_rows,
    table_extreme,
    table_total,
    word_mismatch,
)

Fields = list[tuple[str, str]]

STATIONS: list[Fields] = [
    [("序号", "1"), ("单位", "东园社区服务站"), ("补助资金（万元）", "12.5"), ("联系人", "周敏")],
    [("序号", "2"), ("单位", "西园社区服务站"), ("补助资金（万元）", "8"), ("联系人", "")],
    [("序号", "3"), ("单位", "南湖社区服务站"), ("补助资金（万元）", "10"), ("联系人", "吴刚")],
]
STATIONS_TITLE = "关于下达2026年基层服务补助资金的通知"


def test_a_word_every_row_names_itself_by_picks_no_row() -> None:
    question = "社区服务站的补助资金加起来一共多少？"
    assert not names_rows(question, STATIONS, STATIONS_TITLE)
    total = table_total(question, STATIONS, STATIONS_TITLE)
    assert total is not None and (total.column, total.value) == ("补助资金（万元）", "30.5")
    # A word only one row holds still names that row.
    assert names_rows("东园社区服务站的补助资金一共多少？", STATIONS, STATIONS_TITLE)


def test_the_rows_a_column_leaves_blank_are_the_ones_asked_which() -> None:
    for question in ("哪些服务站还没有联系人？", "联系人还没填的是哪几个单位？", "哪个单位没有填写联系人？"):
        found = blank_rows(question, STATIONS)
        assert found is not None and (found.column, found.rows, found.empty) == ("联系人", (1,), True), question
    # Asked who the contact is, or asked of rows that fill it, no blank is listed.
    assert blank_rows("东园社区服务站的联系人是谁？", STATIONS) is None
    assert blank_rows("哪些服务站有联系人？", STATIONS) is None
    assert blank_rows("西园社区服务站为什么没有联系人？", STATIONS) is None
    # Counted, the rows that leave it blank are counted, not every row holding a word they all share.
    found = count_rows("联系人一栏没有填的服务站有几个？", STATIONS)
    assert found is not None and (found.column, found.rows, found.empty) == ("联系人", (1,), True)


SERVICES: list[Fields] = [
    [("序号", "1"), ("事项名称", "居住证签注"), ("承诺时限（工作日）", "即办"), ("收费标准（元）", "免费")],
    [("序号", "2"), ("事项名称", "经营许可变更"), ("承诺时限（工作日）", "5"), ("收费标准（元）", "20")],
    [("序号", "3"), ("事项名称", "临时占道审批"), ("承诺时限（工作日）", "3"), ("收费标准（元）", "—")],
    [("序号", "4"), ("事项名称", "户外广告设置"), ("承诺时限（工作日）", "待定"), ("收费标准（元）", "50")],
]


def test_a_figure_written_in_words_is_compared_and_added_up() -> None:
    # 即办 is done at once: the shortest time limit; 待定 states no figure and is left out.
    shortest = table_extreme("承诺时限最短的是哪个事项？", SERVICES)
    assert shortest is not None and (shortest.rows, shortest.value) == ((0,), "即办")
    longest = table_extreme("承诺时限最长的是哪个事项？", SERVICES)
    assert longest is not None and (longest.rows, longest.value) == ((1,), "5")
    # 免费 is nothing to pay and — leaves the cell blank: the fees add up over the rest.
    total = table_total("所有事项的收费标准加起来一共多少元？", SERVICES)
    assert total is not None and (total.column, total.value, total.summed) == ("收费标准（元）", "70", True)
    # A figure still to be set (待定) leaves the sum unknown.
    assert table_total("所有事项的承诺时限加起来一共多少个工作日？", SERVICES) is None
    assert figure_of("即办") == 0.0 and figure_of("免费") == 0.0 and figure_of("1,200.5") == 1200.5
    assert figure_of("待定") is None and figure_of("—") is None


SCHOOLS: list[Fields] = [
    [("序号", "1"), ("学校", "城东小学"), ("班级数", "12"), ("学生人数", "520"), ("教师数（人）", "31")],
    [("序号", "2"), ("学校", "城西小学"), ("班级数", "18"), ("学生人数", "800"), ("教师数（人）", "45")],
    [("序号", "3"), ("学校", "河口中学"), ("班级数", "9"), ("学生人数", "400"), ("教师数（人）", "28")],
]


def test_a_count_of_what_a_column_counts_is_that_columns_sum_not_a_count_of_rows() -> None:
    # 几个班 counts by the word 班级 begins with: the 班级数 column is added up.
    for question in ("三所学校一共有几个班？", "全部学校加起来有多少个班？", "一共有多少个班级？"):
        assert counts_named(question, "班级数"), question
        total = table_total(question, SCHOOLS)
        assert total is not None and (total.column, total.value) == ("班级数", "39"), question
    # 几所学校, 几个学校 count the rows: no column counts schools.
    assert not asks_total("一共有几个学校？", SCHOOLS) and not counts_named("一共有几个学校？", "班级数")
    assert not asks_total("一共有几所学校？", SCHOOLS)
    # A counted word said elsewhere than after the count is not what is counted.
    assert not counts_named("班级数超过10的学校有几所？", "班级数")
    total = table_total("学生一共有多少人？", SCHOOLS)
    assert total is not None and (total.column, total.value) == ("学生人数", "1,720")


def test_a_figure_column_answers_in_words_in_the_measure_asked() -> None:
    at_once, pending, paid = SERVICES[0], SERVICES[3], SERVICES[1]
    assert figure_in_words("count", ("工作日", "天", "日"), at_once)  # 几个工作日: 即办
    assert figure_in_words("period", (), pending)  # 多久: 待定
    assert figure_in_words("money", ("元",), at_once)  # 收费多少: 免费
    # A row that writes its figures as numbers, or a measure no column counts in, is not answered in words.
    assert not figure_in_words("count", ("工作日",), paid)
    assert not figure_in_words("count", ("人", "名"), at_once)


TASKS: list[Fields] = [
    [("序号", "1"), ("工作任务", "推行企业开办一窗通办"), ("牵头单位", "县政务服务中心"), ("配合单位", "县税务局"), ("完成时限", "2026年3月底")],
    [("序号", "2"), ("工作任务", "建立企业诉求快速响应机制"), ("牵头单位", "县工商业联合会"), ("配合单位", "—"), ("完成时限", "长期坚持")],
    [("序号", "3"), ("工作任务", "更新办事指南"), ("牵头单位", "县档案馆"), ("配合单位", "各乡镇"), ("完成时限", "2026年5月底")],
]


def test_a_body_named_by_its_short_form_is_that_body_not_another_one_character_off() -> None:
    # 政务中心 keeps 政务服务中心's characters in their order: the same body shortened, not 服务中心's rival.
    assert word_mismatch("政务中心牵头的任务什么时候完成？", TASKS[0]) is None
    assert word_mismatch("工商联牵头哪项任务？", TASKS[1]) is None
    # A word one character off that the cell does not hold in order still names another thing.
    off = word_mismatch("县档案局牵头的任务什么时候完成？", TASKS[2])
    assert off is not None and (off.asked, off.held) == ("县档案局", "县档案馆")


def test_rows_left_unfilled_with_no_column_named_are_those_of_the_one_column_with_blanks() -> None:
    found = blank_rows("哪几个服务站还没填？", STATIONS)
    assert found is not None and (found.column, found.rows) == ("联系人", (1,))
    # With two columns left blank in places, the question must say which.
    two = [[(n, "—" if (k, n) == (0, "补助资金（万元）") else v) for n, v in r] for k, r in enumerate(STATIONS)]
    assert blank_rows("哪几个服务站还没填？", two) is None


def _html(title: str, header: list[str], rows: list[Fields]) -> str:
    head = "".join(f"<th>{n}</th>" for n in header)
    body = "".join("<tr>" + "".join(f"<td>{v}</td>" for _, v in r) + "</tr>\n" for r in rows)
    return (
        f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><h1>{title}</h1>'
        f'<table border="1"><tr>{head}</tr>\n{body}</table></body></html>'
    )


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("gap-files")
    tables = {
        "tasks.html": ("青禾县优化营商环境重点任务分工表", TASKS),
        "stations.html": (STATIONS_TITLE, STATIONS),
        "services.html": ("青禾县便民服务事项办理时限公示", SERVICES),
    }
    for name, (title, rows) in tables.items():
        (files / name).write_text(_html(title, [n for n, _ in rows[0]], rows), encoding="utf-8")
    with service_over(files, tmp_path_factory.mktemp("gap-index")) as service:
        yield service


def test_the_answers_quote_the_rows_asked_of(offices) -> None:  # type: ignore[no-untyped-def]
    short = ask_checked(offices, "政务中心牵头的任务什么时候完成？")
    assert not short.refused and "2026年3月底" in short.text
    blank = ask_checked(offices, "哪些服务站还没有联系人？")
    assert not blank.refused and "西园社区服务站" in blank.text and "东园社区服务站" not in blank.text
    # Of two tables with blanks, the one whose blank column the question names.
    unsent = ask_checked(offices, "还有哪个单位没报联系人？")
    assert not unsent.refused and "西园社区服务站" in unsent.text
    # A word every row's subject shares names none of them: the largest is compared over all.
    most = ask_checked(offices, "社区服务站补助资金最多的是哪个？")
    assert not most.refused and "东园社区服务站" in most.text and "12.5" in most.text
    at_once = ask_checked(offices, "居住证签注要几个工作日？")
    assert not at_once.refused and "即办" in at_once.text
