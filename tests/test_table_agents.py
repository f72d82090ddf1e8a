"""A cell of prose that says who does the act asked after 谁 (由物业公司负责维修) answers a question
that asks a person or a body of a row with no column named for one. Small made-up rows, not the eval
documents."""

from __future__ import annotations

from assistant.table import agent_stated, asking_phrases, lacks_asked

REPAIRS = [
    [("序号", "1"), ("设施", "电梯"), ("检查周期", "每月"), ("说明", "由物业公司负责维修，费用从公用经费列支")],
    [("序号", "2"), ("设施", "饮水机"), ("检查周期", "每季度"), ("说明", "滤芯每半年更换一次")],
]


def test_a_cell_that_names_the_doer_of_the_act_asked_states_who() -> None:
    question = "电梯坏了由谁来修？"
    assert agent_stated(question, "body", REPAIRS[0])
    assert lacks_asked(question, REPAIRS[0]) == ""
    # The asking words are then asked, not names the row must hold.
    assert any("谁" in p for p in asking_phrases(question, REPAIRS[0]))


def test_no_doer_or_another_act_states_nobody() -> None:
    # The cell names no doer with 由.
    assert not agent_stated("饮水机的滤芯由谁来换？", "person", REPAIRS[1])
    assert lacks_asked("饮水机的滤芯由谁来换？", REPAIRS[1]) == "person"
    # A doer of another act (维修, where the question asks who pays) is not the one asked.
    assert not agent_stated("电梯的检查由谁来付钱？", "body", REPAIRS[0])
    # Asked no person nor body, the doer answers nothing.
    assert not agent_stated("电梯多久检查一次？", "date", REPAIRS[0])
