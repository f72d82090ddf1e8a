"""A sum asked by the act it is of (能退多少钱) is not stated by a column of money named for another act
(收费标准 says what is charged, not what is given back), while verbs of paying and having (要交多少,
花了多少) ask what any column of money says (issue 19). Invented tables."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.table import asked_column_unheld

_FEE = [("序号", "1"), ("收费项目", "午间托管费"), ("收费标准（元）", "320"), ("备注", "低保家庭免收")]
_ALLOWANCE = [("档次", "一档"), ("月补助（元）", "260")]
_PURCHASE = [("器材名称", "篮球架"), ("单价（元）", "4200")]
_BARE = [("项目", "场地租用"), ("金额（元）", "900")]


def _unheld(question: str, row: list[tuple[str, str]]) -> str:
    return asked_column_unheld(question, row, [[n for n, _ in row]])


def test_a_sum_given_back_is_not_the_sum_charged() -> None:
    assert _unheld("托管中途不上了，退多少？", _FEE) == "退"
    assert _unheld("篮球架卖多少钱？", _PURCHASE) == "卖"


def test_verbs_of_paying_and_acts_the_row_names_ask_what_it_says() -> None:
    assert _unheld("午间托管每学期收费多少？", _FEE) == ""
    assert _unheld("午间托管一学期收多少？", _FEE) == ""
    assert _unheld("篮球架买多少钱一副？", _PURCHASE) == ""
    assert _unheld("买篮球架花了多少钱？", _PURCHASE) == ""
    # 补 stands in the column's own name (月补助), 免 in a cell (免收).
    assert _unheld("一档每月补多少？", _ALLOWANCE) == ""
    assert _unheld("低保家庭能免多少？", _FEE) == ""
    # A bare column of money (金额) is of no act: it answers whatever act is asked.
    assert _unheld("场地租用退多少？", _BARE) == ""


_FEES_HTML = """<html><head><meta charset="utf-8"><title>枫林路小学2026年春季学期服务性收费公示</title></head><body>
<h1>枫林路小学2026年春季学期服务性收费公示</h1>
<p>根据区教育局核定的标准，现将本学期服务性收费项目公示如下。</p>
<table border="1">
<tr><th>序号</th><th>收费项目</th><th>收费标准（元）</th><th>计费单位</th><th>收费对象</th><th>备注</th></tr>
<tr><td>1</td><td>午间托管费</td><td>320</td><td>生·学期</td><td>自愿参加午托的学生</td><td>低保家庭免收</td></tr>
<tr><td>2</td><td>课后延时服务费</td><td>450</td><td>生·学期</td><td>自愿参加延时服务的学生</td><td>按月公示服务内容</td></tr>
</table>
<p>收费实行公示制度，欢迎家长监督。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("acts-files")
    (files / "fees.html").write_bytes(_FEES_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("acts-index")) as service:
        yield service


def test_a_refund_is_refused_where_the_table_states_only_the_charge(school) -> None:  # type: ignore[no-untyped-def]
    # The fee is named whole, yet its row says only what is charged.
    assert ask_checked(school, "午间托管费能退多少？").refused
    assert ask_checked(school, "延时服务费中途停交的话退还多少？").refused


def test_the_charge_is_still_answered(school) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(school, "午间托管每学期收费多少？")
    assert not answer.refused
    assert "320" in answer.text and "450" not in answer.text
