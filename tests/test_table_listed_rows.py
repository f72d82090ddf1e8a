"""Several rows of one table asked in one question (A和B的单价各是多少, issue 19): a word that names
another row listed beside a row, in the same column, is not a thing that row lacks, and each row listed is
quoted. Invented tables."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.evidence import focus_of
from assistant.table import sibling_words

_ROWS = [
    [("序号", "1"), ("器材名称", "便携式投影仪"), ("单价（元）", "3100"), ("使用部门", "教务处")],
    [("序号", "2"), ("器材名称", "无线扩音话筒"), ("单价（元）", "260"), ("使用部门", "体育组")],
    [("序号", "3"), ("器材名称", "折叠式展板"), ("单价（元）", "540"), ("使用部门", "体育组")],
]


def test_a_word_listed_beside_this_rows_word_names_another_row() -> None:
    terms = ["投影仪", "话筒", "单价"]
    assert sibling_words("投影仪和话筒的单价各是多少？", terms, _ROWS[0], _ROWS) == ["话筒"]
    assert sibling_words("投影仪和话筒的单价各是多少？", terms, _ROWS[1], _ROWS) == ["投影仪"]
    # A list joined by 、 lists rows too, with each word of the other row (无线 and 话筒).
    assert sibling_words("投影仪、无线话筒单价多少？", ["投影仪", "无线", "话筒", "单价"], _ROWS[0], _ROWS) == ["无线", "话筒"]


def test_a_word_both_rows_hold_does_not_list_them() -> None:
    rows = [[("序号", "1"), ("园所名称", "春雨幼儿园"), ("班级数", "6")], [("序号", "2"), ("园所名称", "秋实幼儿园"), ("班级数", "9")]]
    terms = ["春雨", "幼儿园", "秋实"]
    question = "春雨幼儿园和秋实幼儿园各有几个班？"
    assert sibling_words(question, terms, rows[0], rows) == ["秋实"]
    # A third row holds 幼儿园 too, but that word names no row: 秋实 is not listed beside it.
    third = [("序号", "3"), ("园所名称", "晨光幼儿园"), ("班级数", "4")]
    assert sibling_words(question, terms, third, [*rows, third]) == []


def test_each_of_a_list_asks_and_names_nothing() -> None:
    words = [t for t, _ in focus_of("春雨幼儿园和秋实幼儿园各有多少个班？", lambda _: 1.0).terms]
    assert "各有" not in words and "秋实" in words
    # 各有 before no asking word (各有特色) is not cut out.
    assert any("特色" in t for t, _ in focus_of("两所幼儿园各有特色吗？", lambda _: 1.0).terms)


def test_a_word_of_another_row_not_listed_beside_this_one_is_still_lacking() -> None:
    # 话筒 alone names no row but its own: the 投影仪 row is not named by it.
    assert sibling_words("话筒的单价是多少？", ["话筒", "单价"], _ROWS[0], _ROWS) == []
    # 体育组 is held by other rows, but in another column than the one that names this row: it qualifies,
    # it does not list.
    assert sibling_words("体育组的投影仪单价是多少？", ["体育组", "投影仪", "单价"], _ROWS[0], _ROWS) == []
    # Words far apart are not one list.
    assert sibling_words("投影仪的单价比教室里那个用了很久的话筒贵吗？", ["投影仪", "话筒", "单价"], _ROWS[0], _ROWS) == []


_EQUIPMENT = """<html><head><meta charset="utf-8"><title>柏溪县实验小学2026年功能室器材采购清单</title></head><body>
<h1>柏溪县实验小学2026年功能室器材采购清单</h1>
<p>经校务会研究，现将本年度功能室器材采购计划公布如下。</p>
<table border="1">
<tr><th>序号</th><th>器材名称</th><th>规格型号</th><th>数量（台）</th><th>单价（元）</th><th>使用部门</th></tr>
<tr><td>1</td><td>便携式投影仪</td><td>TY-350</td><td>12</td><td>3100</td><td>教务处</td></tr>
<tr><td>2</td><td>无线扩音话筒</td><td>HT-08</td><td>40</td><td>260</td><td>体育组</td></tr>
<tr><td>3</td><td>折叠式展板</td><td>ZB-120</td><td>25</td><td>540</td><td>美术组</td></tr>
<tr><td>4</td><td>录播一体机</td><td>LB-900</td><td>2</td><td>8800</td><td>信息中心</td></tr>
</table>
<p>器材到货后由总务处组织验收。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("listed-rows-files")
    (files / "equipment.html").write_bytes(_EQUIPMENT.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("listed-rows-index")) as service:
        yield service


def test_two_rows_listed_in_one_question_are_both_quoted(school) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(school, "投影仪和话筒的单价各是多少？")
    assert not answer.refused
    assert "3100" in answer.text and "260" in answer.text
    assert "540" not in answer.text and "8800" not in answer.text
    # Each figure is said after the cell the question names its row by.
    assert answer.text.startswith("便携式投影仪：单价为3100元")


def test_two_rows_named_whole_with_each_are_both_answered(school) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(school, "折叠式展板和录播一体机各有多少台？")
    assert not answer.refused
    assert "数量（台）：25" in answer.text and "数量（台）：2；" in answer.text
    assert "便携式投影仪" not in answer.text and "无线扩音话筒" not in answer.text


def test_a_row_listed_beside_a_thing_the_table_lacks_is_still_refused(school) -> None:  # type: ignore[no-untyped-def]
    # 保修期 is no column: listing it beside 单价 asks what the row does not state.
    assert ask_checked(school, "话筒的保修期和单价各是多少？").refused


def test_a_row_qualified_by_another_rows_department_is_refused(school) -> None:  # type: ignore[no-untyped-def]
    # The 投影仪 belongs to 教务处: 体育组's 投影仪 is not in the list.
    assert ask_checked(school, "体育组的投影仪单价是多少？").refused
