"""Tables written in the forms other writers use: a caption that ends like a title, dates written with
figures only (2025-10-14, 10.15), a day named without its month (22号), and a demonstrative after a
row's name (体检那笔钱). Small made-up rows, not the eval documents."""

from __future__ import annotations

import pytest

from assistant.table import days_missing, month_days_named, row_days, rows_pointed, word_mismatch
from ingest.record import as_statements, figure_date, spoken_date
from ingest.split import split_documents
from ingest.types import LoadedFile, PageText

MENU = [
    [("日期", "2025-03-03"), ("星期", "星期一"), ("汤", "冬瓜汤")],
    [("日期", "3.4"), ("星期", "星期二"), ("汤", "紫菜汤")],
    [("日期", "3/5"), ("星期", "星期三"), ("汤", "—")],
    [("日期", "3月6日"), ("星期", "星期四"), ("汤", "萝卜汤")],
]


@pytest.mark.parametrize(
    "caption",
    ["表1  住宿收费项目及标准（单位：元）", "表2 代办项目收费标准", "附表：培训经费开支标准", "各校补助资金分配标准（金额单位：万元）"],
)
def test_a_table_caption_is_no_document_title(caption):
    text = "\n".join(
        [
            "某县第三中学2025年春季学期收费公示",
            "根据有关规定，现将本校收费项目公示如下，接受家长监督。",
            caption,
            "序号：1；项目：住宿费；标准（元）：300",
            "序号：2；项目：作业本费；标准（元）：20",
            "学校总务处负责解释。",
        ]
    )
    docs = split_documents(LoadedFile("fees.txt", "txt", (PageText(None, text),)))
    assert [d.title for d in docs] == ["某县第三中学2025年春季学期收费公示"]


def test_a_title_that_ends_in_a_genre_word_still_opens_a_document():
    text = "甲县教师考核办法\n第一条 为了规范考核，制定本办法。\n乙县学生资助标准\n第一条 资助对象为在校学生。"
    docs = split_documents(LoadedFile("two.txt", "txt", (PageText(None, text),)))
    assert [d.title for d in docs] == ["甲县教师考核办法", "乙县学生资助标准"]


@pytest.mark.parametrize(
    ("name", "value", "date", "spoken"),
    [
        ("认定时间", "2025-03-10", (2025, 3, 10), "2025年3月10日"),
        ("认定时间", "2024.09", (2024, 9, None), "2024年9月"),
        ("备注", "2025/3/1", (2025, 3, 1), "2025年3月1日"),
        ("日期", "10.15", (None, 10, 15), "10月15日"),
        ("日期", "10/16", (None, 10, 16), "10月16日"),
        ("单价", "10.15", None, "10.15"),  # not a column of dates: a figure
        ("补助金额（元）", "2024.12", None, "2024.12"),  # a column with its own measure holds amounts
        ("日期", "13.40", None, "13.40"),  # no month 13
    ],
)
def test_dates_written_with_figures_only(name, value, date, spoken):
    assert figure_date(name, value) == date
    assert spoken_date(name, value) == spoken


def test_a_row_read_as_statements_says_its_dates_in_words():
    assert as_statements([("姓名", "张三"), ("认定时间", "2025-03-10")]) == "姓名张三；认定时间2025年3月10日"


def test_rows_hold_their_days_in_every_form():
    assert [sorted(row_days(r)) for r in MENU] == [[(3, 3)], [(3, 4)], [(3, 5)], [(3, 6)]]


def test_a_day_named_in_another_form_points_at_its_row():
    assert rows_pointed("3月4号喝什么汤？", MENU) == ((1,), "day")
    assert rows_pointed("3号那天的汤是什么？", MENU) == ((0,), "day")


@pytest.mark.parametrize("question", ["3号楼在哪里？", "15日内办结吗？", "第5号文件是什么？", "3月4号呢？"])
def test_what_is_no_day_without_its_month(question):
    assert not month_days_named(question)


def test_a_day_of_the_month_a_table_lacks_is_missing():
    assert days_missing("9号喝什么汤？", MENU) == {(3, 9)}
    assert days_missing("5号喝什么汤？", MENU) == set()


def test_a_demonstrative_after_a_rows_name_is_no_word_one_character_off():
    row = [("序号", "3"), ("收费项目", "新生体检费"), ("收费对象", "七年级新生")]
    assert word_mismatch("新生体检那笔钱是哪些学生要交？", row) is None
    assert word_mismatch("新生体检站在哪里？", row) is not None
