"""Conditions in row labels read as intervals (3年以上, 不满1年, 1至3万元) and a question's value or range
landing in the row whose condition holds it. Invented tables, not the eval documents."""

from __future__ import annotations

import math

from assistant.ranges import Interval, cell_conditions, intervals, rows_in_range, stated
from assistant.table import pointing_words, rows_pointed

# An invented allowance table: rows told apart by years of service.
SERVICE = [
    [("序号", "1"), ("服务年限", "不满1年"), ("每月补贴（元）", "200")],
    [("序号", "2"), ("服务年限", "满1年不满5年"), ("每月补贴（元）", "350")],
    [("序号", "3"), ("服务年限", "5年以上"), ("每月补贴（元）", "500")],
]

# An invented approval table: rows told apart by an amount, the column giving its measure.
APPROVAL = [
    [("采购金额（万元）", "5以下"), ("审批人", "科室负责人")],
    [("采购金额（万元）", "5至20"), ("审批人", "分管副局长")],
    [("采购金额（万元）", "超过20"), ("审批人", "局长办公会")],
]


def test_bounds_follow_legal_usage() -> None:
    (above,) = intervals("3年以上")
    assert above == Interval("年", 3.0, math.inf, True, False)  # 以上 holds the number itself
    (short,) = intervals("不满1年")
    assert short == Interval("年", -math.inf, 1.0, False, False)  # 不满 leaves it out
    (over,) = intervals("超过2万元")
    assert over == Interval("元", 20000.0, math.inf, False, False)
    (floor,) = intervals("不低于5年")
    assert floor.low == 5.0 and floor.low_held and floor.high == math.inf  # 不低于, not 低于


def test_ranges_and_joined_bounds() -> None:
    assert intervals("1-3万元") == [Interval("元", 10000.0, 30000.0, True, True)]
    assert intervals("满1年不满3年") == [Interval("年", 1.0, 3.0, True, False)]
    assert intervals("5000元至1万元") == [Interval("元", 5000.0, 10000.0, True, True)]
    assert stated("教龄3年以上5年以下的") == [(Interval("年", 3.0, 5.0, True, True), "3年以上5年以下")]


def test_words_that_are_not_quantities() -> None:
    assert intervals("五年级的学生") == []
    assert intervals("2025年春季学期") == []
    assert intervals("上午9点30分") == []
    assert intervals("8:00-12:00") == []
    assert intervals("他今年六十五岁") == [Interval("岁", 65.0, 65.0, True, True)]


def test_plain_cells_state_no_condition() -> None:
    assert cell_conditions("每月补贴（元）", "350") == []
    assert cell_conditions("采购金额（万元）", "5至20") == [Interval("元", 50000.0, 200000.0, True, True)]


def test_a_value_lands_in_its_row() -> None:
    assert rows_pointed("工作了8年的老师每月补贴多少？", SERVICE) == ((2,), "range")
    assert rows_pointed("刚来半年不满1年的补多少？", SERVICE)[0] == (0,)
    assert rows_pointed("服务三年的每月补多少？", SERVICE) == ((1,), "range")
    # 12万元 is in 5至20 (万元 from the column's name).
    assert rows_pointed("买一批12万元的设备要谁审批？", APPROVAL) == ((1,), "range")
    assert rows_pointed("采购30万元的项目由谁批？", APPROVAL) == ((2,), "range")


def test_a_range_lands_only_in_a_row_that_holds_all_of_it() -> None:
    assert rows_pointed("工龄在6到10年之间的每月补多少？", SERVICE) == ((2,), "range")
    # 2到8年 spans two rows: no one row holds it.
    assert rows_pointed("工龄在2到8年之间的每月补多少？", SERVICE)[1] != "range"


def test_no_value_in_the_table_measure_points_at_nothing() -> None:
    assert rows_pointed("每月补贴在哪一天发？", SERVICE) == ((), "")
    assert rows_pointed("年满60岁的老师补多少？", SERVICE)[1] != "range"  # 岁 is not how the rows are told apart


def test_one_row_condition_does_not_sort_a_table() -> None:
    held, words = rows_in_range("买8万元的东西", {0: intervals("5至10万元"), 1: []})
    assert held == () and words == ()


def test_the_value_words_point_at_the_row() -> None:
    assert "8年" in pointing_words("工作了8年的老师每月补贴多少？", SERVICE[2])
    assert "8年" not in pointing_words("工作了8年的老师每月补贴多少？", SERVICE[1])


def test_a_requirement_in_prose_is_no_row_label() -> None:
    drills = [
        [("类别", "安全教育"), ("考核内容", "每学期组织全体师生开展应急疏散演练不少于2次"), ("分值", "6")],
        [("类别", "安全教育"), ("考核内容", "每学年组织教职工参加消防培训不少于1次"), ("分值", "4")],
    ]
    assert rows_pointed("一学期演练了3次能得几分？", drills)[1] != "range"
