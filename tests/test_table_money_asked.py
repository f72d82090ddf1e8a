"""A sum of money asked by the act that pays it (一学期收多少, 要交多少) is an amount a table row must hold
(issue 19): a row of a timetable that names the asked service whole points at no answer. Invented tables."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.evidence import asks_money, quantity_ask
from assistant.table import asked_kinds, lacks_asked, listed_pairs

# A timetable whose slot cell names a service, and a fee list whose item names it with 费 after it.
_TIMETABLE = [
    [("时段", "下午"), ("节次", "延时托管"), ("时间", "17:00—18:00"), ("星期一", "阅读、手工")],
    [("时段", "下午"), ("节次", "第六节"), ("时间", "16:00—16:40"), ("星期一", "美术")],
]
_FEES = [
    [("序号", "1"), ("收费项目", "午休看护费"), ("收费标准（元）", "120"), ("收费对象", "自愿午休的三、四年级学生")],
    [("序号", "2"), ("收费项目", "延时托管费"), ("收费标准（元）", "260"), ("收费对象", "自愿参加的三、四年级学生")],
]


def test_money_asked_by_the_act_that_pays_it_is_an_amount_asked() -> None:
    for question in ("延时托管每学期收多少？", "三年级的午休看护要交多少钱？", "看护费是多少？"):
        assert asks_money(question), question
        assert "amount" in asked_kinds(question), question
    # 多少 before a thing counted asks a count, and a question of who pays asks no sum.
    assert not asks_money("一个托管班最多收多少学生？")
    assert "amount" not in asked_kinds("一个托管班最多收多少学生？")
    assert not asks_money("延时托管由谁负责？")
    # The figure asked is the same sum of money the sentence judge looks for.
    ask = quantity_ask("延时托管每学期收多少？")
    assert ask is not None and ask.kind == "money"


def test_a_row_without_an_amount_lacks_the_sum_asked_by_the_act_that_pays_it() -> None:
    question = "三、四年级的延时托管一学期收多少？"
    assert lacks_asked(question, _TIMETABLE[0]) == "amount"
    assert lacks_asked(question, _FEES[1]) == ""


_CLASS_HTML = """<html><head><meta charset="utf-8"><title>春晖路小学三年级（2）班本学期作息与课程安排</title></head><body>
<h1>春晖路小学三年级（2）班本学期作息与课程安排</h1>
<p>现将本班本学期每周的课程安排公布如下。</p>
<table border="1">
<tr><th>时段</th><th>节次</th><th>时间</th><th>星期一</th><th>星期二</th></tr>
<tr><td>上午</td><td>第一节</td><td>8:00—8:40</td><td>语文</td><td>数学</td></tr>
<tr><td>下午</td><td>第五节</td><td>14:30—15:10</td><td>科学</td><td>音乐</td></tr>
<tr><td>下午</td><td>延时托管</td><td>16:30—17:30</td><td>阅读、手工</td><td>书法、棋类</td></tr>
</table>
<p>延时托管由家长自愿报名参加。</p>
</body></html>
"""

_FEES_HTML = """<html><head><meta charset="utf-8"><title>春晖路小学本学期服务性收费项目公示</title></head><body>
<h1>春晖路小学本学期服务性收费项目公示</h1>
<p>根据区物价部门核定的标准，现将本学期服务性收费项目公示如下。</p>
<table border="1">
<tr><th>序号</th><th>收费项目</th><th>收费标准（元）</th><th>计费方式</th><th>收费对象</th></tr>
<tr><td>1</td><td>午休看护费</td><td>120</td><td>每生每学期</td><td>自愿午休的一、二年级学生</td></tr>
<tr><td>2</td><td>延时托管费</td><td>260</td><td>每生每学期</td><td>自愿参加的三、四年级学生</td></tr>
</table>
<p>收费实行公示制度，欢迎家长监督。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("money-asked-files")
    (files / "class.html").write_bytes(_CLASS_HTML.encode("utf-8"))
    (files / "fees.html").write_bytes(_FEES_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("money-asked-index")) as service:
        yield service


def test_a_slot_cell_named_whole_does_not_answer_what_the_service_costs(school) -> None:  # type: ignore[no-untyped-def]
    # 延时托管 is a whole cell of the timetable's last row, but that row holds no sum: the fee list answers.
    answer = ask_checked(school, "三年级的延时托管一学期收多少？")
    assert not answer.refused
    assert "260" in answer.text


def test_two_numbers_run_together_stand_for_the_pair_a_cell_lists() -> None:
    rows = [[("项目", "延时托管费"), ("对象", "自愿参加的三、四年级学生")], [("项目", "午休看护费"), ("对象", "一、二年级学生")]]
    assert listed_pairs("三四年级的延时托管收多少？", rows) == "三、四年级的延时托管收多少？"
    assert listed_pairs("一二年级要交看护费吗？", rows) == "一、二年级要交看护费吗？"
    # Numbers that do not follow one another are no such pair, a pair no cell lists stays as asked, and
    # a numeral of a larger number (十三四) is not the first of a pair.
    assert listed_pairs("三五年级收多少？", rows) == "三五年级收多少？"
    assert listed_pairs("五六年级收多少？", rows) == "五六年级收多少？"
    assert listed_pairs("十三四年级收多少？", rows) == "十三四年级收多少？"
    assert listed_pairs("三、四年级收多少？", rows) == "三、四年级收多少？"
