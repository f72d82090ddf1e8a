"""Table questions that name no row, or a row's blank cells, or figures written in words (issue 19): a word
every row's name holds (社区服务站 of each 社区服务站) picks no row, the rows a column leaves blank are listed
when asked which, and a figure column that writes 即办 or 待定 in place of a number is still compared and added
up. Every table is made here."""

from __future__ import annotations

from assistant.table import blank_rows, names_rows, table_total

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
