"""A question that asks a table row in everyday words (issue 19): a conjunction of condition (要是, 如果) names no
topic, a quantity short of a bound is said with 不满 where the row writes 不足, and a span of time in one unit
(一个月) where the row counts it in a smaller one (30天); a figure asked by its act (扣几分) is the cell that writes
the act before a figure (扣4分), not a bare score beside it. Invented tables."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.evidence import focus_of, term_coverage_with_synonyms


def flat_idf(_: str) -> float:
    return 1.0


def test_a_conjunction_of_condition_names_no_topic() -> None:
    for question in ("借书证要是丢了，补办收多少钱？", "如果借书证丢了的话，补办收多少钱？", "借书证万一丢了，补办收多少钱？"):
        terms = [t for t, _ in focus_of(question, flat_idf).terms]
        assert "借书证" in terms and "补办" in terms
        assert not {"要是", "如果", "的话", "万一"} & set(terms)


def test_short_of_a_bound_and_spans_of_time_in_a_smaller_unit() -> None:
    assert term_coverage_with_synonyms("不满", "登记不足半年的") == 1.0
    assert term_coverage_with_synonyms("一个月", "记录保存不少于30天") == 1.0
    assert term_coverage_with_synonyms("一个月", "保存三十日以上") == 1.0
    assert term_coverage_with_synonyms("半年", "每6个月检查一次") == 1.0
    # A month is not a week, nor is 不满 said by a text that only sets a floor the other way.
    assert term_coverage_with_synonyms("一个月", "记录保存不少于7天") < 1.0
    assert term_coverage_with_synonyms("不满", "年满十八周岁") < 1.0


_CHECKS_HTML = """<html><head><meta charset="utf-8"><title>松岭区2026年中小学图书室管理检查评分表</title></head><body>
<h1>松岭区2026年中小学图书室管理检查评分表</h1>
<p>各校对照下表做好准备，区教育局于学期末组织检查。</p>
<table border="1">
<tr><th>检查项目</th><th>检查内容</th><th>分值</th><th>评分标准</th></tr>
<tr><td>借阅管理</td><td>借阅登记册完整且保存不少于30天</td><td>6</td><td>登记缺项的每处扣1分；保存不足30天扣4分</td></tr>
<tr><td>环境卫生</td><td>书架整洁、通风良好</td><td>4</td><td>书架积灰的扣2分</td></tr>
<tr><td>安全防护</td><td>配备灭火器且在有效期内</td><td>5</td><td>未配备的扣5分；过期的扣3分</td></tr>
</table>
<p>检查结果纳入学校年度考核。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("everyday-files")
    (files / "checks.html").write_bytes(_CHECKS_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("everyday-index")) as service:
        yield service


def test_a_row_asked_in_everyday_words_is_answered(library) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(library, "借阅登记册如果保存不满一个月要扣几分？")
    assert not answer.refused
    assert "4分" in answer.text
    assert answer.text.startswith("评分标准为")
    assert any("保存不足30天扣4分" in c.quote for c in answer.citations)


def test_a_row_the_table_does_not_hold_is_still_refused(library) -> None:  # type: ignore[no-untyped-def]
    assert ask_checked(library, "电子阅览室如果保存不满一个月要扣几分？").refused


def test_a_figure_asked_by_its_act_is_the_cell_that_writes_the_act() -> None:
    from assistant.row_text import asked_cells

    row = [("检查项目", "借阅管理"), ("分值", "6"), ("评分标准", "登记缺项的每处扣1分；保存不足30天扣4分")]
    # 扣几分 asks the cell that writes 扣N分, not the bare score beside it.
    assert asked_cells("借阅管理保存不够一个月扣几分？", row) == [("评分标准", "登记缺项的每处扣1分；保存不足30天扣4分")]
    # Asked by no act, or by the column's own name, the score is asked.
    assert asked_cells("借阅管理这项几分？", row) == [("分值", "6")]
    assert asked_cells("借阅管理的分值是多少？", row) == [("分值", "6")]
    # An act no cell writes before a figure leaves the columns as they were asked.
    assert ("分值", "6") in asked_cells("借阅管理这项能得几分？", row)
