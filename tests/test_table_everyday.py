"""Rows asked of in everyday words: a modifier kin to a farther word of a cell's own (家里困难 of
家庭生活困难), a thing named by a column under a merged header (什么汤 of 晚餐·汤), and a row pointed at by
its day whose cells state the act asked (那天供应早饭吗) in their own words, and a fee whose unit of money only
its header gives (收费标准（元/生·学期）). Tables invented for the tests."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.evidence import focus_of
from assistant.judge import Gate
from assistant.table import Mismatch, column_names_thing, kinds_of_column, with_header_units, word_mismatch
from ingest.types import Chunk


def _idf(term: str) -> float:
    return 0.5 if term == "学校" else 3.0  # a word every school's document holds weighs little


FEES = [
    ("序号", "1"),
    ("收费项目", "托管服务费"),
    ("收费标准（元）", "260"),
    ("备注", "家庭生活困难学生减半收取"),
]
MENU = [
    ("日期", "11月6日"),
    ("晚餐·主菜", "土豆烧鸡"),
    ("晚餐·汤", "冬瓜汤"),
    ("晚餐·甜点", "—"),
    ("备注", "—"),
]
OUTING = [
    ("日期", "11月7日"),
    ("早餐·主食", "—"),
    ("早餐·汤", "—"),
    ("备注", "全体学生外出参观，自带早点"),
]


def test_a_modifier_kin_to_a_farther_word_of_the_cell_is_no_mismatch():
    assert word_mismatch("家里困难的孩子要交托管服务费吗？", FEES) is None
    # A modifier that shares nothing with any word before the cell's head still names another thing.
    rebuild = [("序号", "1"), ("项目名称", "围墙改造提升"), ("金额（万元）", "12")]
    assert word_mismatch("食堂改造花了多少钱？", rebuild) == Mismatch("食堂改造", "围墙改造", "项目名称")


def test_a_column_under_a_merged_header_names_the_thing_its_cell_holds():
    assert column_names_thing("汤", MENU)
    assert column_names_thing("主菜", MENU)
    assert not column_names_thing("甜点", MENU)  # the cell is blank: the row does not say which
    assert not column_names_thing("饮料", MENU)


def test_a_row_pointed_at_by_its_day_need_not_hold_the_act_asked():
    chunk = Chunk("c", "d", "某校食谱", "menu.html", "", None, 0, 1, "x")
    question = "7号那天学校供应早饭吗？"
    focus = focus_of(question, _idf)
    gate = Gate()
    assert gate.names_row(focus, OUTING, chunk, question, question, pointed=True)
    # Not pointed at, the row must still hold what the question names.
    assert not gate.names_row(focus, OUTING, chunk, question, question, pointed=False)


_FEES_HTML = """<html><head><meta charset="utf-8"><title>松林路小学本学期代办服务收费公示</title></head><body>
<h1>松林路小学本学期代办服务收费公示</h1>
<p>根据区物价部门核定的标准，现将本学期代办服务收费公示如下。</p>
<table border="1">
<tr><th>序号</th><th>服务项目</th><th>收费标准（元/生·学期）</th><th>服务对象</th></tr>
<tr><td>1</td><td>午间看护</td><td>180</td><td>自愿午休的一、二年级学生</td></tr>
<tr><td>2</td><td>课后托管</td><td>320</td><td>自愿参加的五、六年级学生</td></tr>
</table>
<p>收费实行公示制度，欢迎家长监督。</p>
</body></html>
"""


def test_a_unit_of_money_per_something_in_the_header_makes_its_column_an_amount():
    assert "amount" in kinds_of_column("收费标准（元/生·学期）")
    assert "amount" in kinds_of_column("单价（元/人）")
    assert "amount" not in kinds_of_column("人数（人/班）")
    assert with_header_units([("收费标准（元/生·学期）", "180"), ("备注（自愿参加者）", "—")]) == [
        ("收费标准", "180元/生·学期"),
        ("备注（自愿参加者）", "—"),
    ]


@pytest.fixture(scope="module")
def fees(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("everyday-fee-files")
    (files / "fees.html").write_bytes(_FEES_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("everyday-fee-index")) as service:
        yield service


def test_a_fee_whose_unit_only_the_header_gives_is_answered(fees) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(fees, "五六年级的课后托管每学期收多少钱？")
    assert not answer.refused
    assert "320" in answer.text
