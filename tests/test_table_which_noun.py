"""A question asks for a kind of column by an asking word, a measure word and the noun such a column is
named by (哪间教室 asks a place), and a row it names by a short cell said inside a longer word (第二场 of
第二场讲座) that does not state the kind asked is refused, not answered by a sentence beside the table.
Small made-up rows, not the eval documents."""

from __future__ import annotations

from dataclasses import replace

from assistant.evidence import focus_of
from assistant.judge import TableEvidence, table_gap
from assistant.table import asked_kinds, lacks_asked

# A lecture series: which session, its topic, its speaker and its day; no column says where.
LECTURES = (
    (("场次", "第一场"), ("主题", "档案数字化"), ("主讲人", "钱文涛"), ("日期", "3月4日")),
    (("场次", "第二场"), ("主题", "公文格式规范"), ("主讲人", "孙佳怡"), ("日期", "3月11日")),
    (("场次", "第三场"), ("主题", "保密常识"), ("主讲人", "周海峰"), ("日期", "3月18日")),
)


def test_an_asking_word_and_a_measure_word_before_a_column_noun_ask_for_its_kind() -> None:
    assert "place" in asked_kinds("复试的考场借的是哪间教室？")
    assert "place" in asked_kinds("请问颁奖仪式用哪个会场？")
    assert "body" in asked_kinds("这笔补贴由哪几个部门审核？")
    assert "place" not in asked_kinds("复试安排在几号？")
    # Which sum is asked, not how much: 哪项资金 asks no amount by itself.
    assert "amount" not in asked_kinds("哪项资金还没有拨付？")
    assert asked_kinds("学校的校训是什么？") == frozenset()


def test_a_row_that_does_not_state_the_place_asked_turns_the_question_down() -> None:
    question = "第二场讲座借用的是哪间教室？"
    assert lacks_asked(question, list(LECTURES[1])) == "place"
    evidence = TableEvidence((LECTURES,), frozenset({(0, 0), (0, 1), (0, 2)}), names=("机关业务讲座安排",))
    beside = ["机关业务讲座安排  请各科室提前十分钟入场，手机调至静音。"]
    focus = focus_of(question, lambda term: 1.0)
    assert table_gap(question, focus, beside, evidence) == "表中与「第二场」有关的一行没有写明「教室」"
    # The segmenter may cut a word across the cell (二场讲座): the cell said whole still names the row.
    cut = replace(focus, terms=(("二场讲座", 1.0), ("教室", 1.0)))
    assert table_gap(question, cut, beside, evidence) == "表中与「第二场」有关的行没有写明「地点」"
    # A cell of two characters is said inside too many words to name a row so.
    short = tuple(tuple((n, "二场" if n == "场次" else v) for n, v in row) for row in LECTURES)
    other = TableEvidence((short,), frozenset({(0, 0), (0, 1), (0, 2)}), names=("机关业务讲座安排",))
    assert "地点" not in table_gap(question, cut, beside, other)
    # Asked what the row states (its day), the row lacks nothing.
    assert lacks_asked("第二场讲座是哪天？", list(LECTURES[1])) == ""
