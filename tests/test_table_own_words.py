"""A row another table names in the question's own words is the one asked of (issue 19): a row of a second
table found beside it is not pointed at by meaning through those words, and is not quoted. Invented tables."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

_FEES = """<html><head><meta charset="utf-8"><title>翠湖镇中心幼儿园2026年春季学期保教费及代收费公示</title></head><body>
<h1>翠湖镇中心幼儿园2026年春季学期保教费及代收费公示</h1>
<p>依据县发展改革局核定的标准，现将本园本学期收费项目公示如下，请家长监督。</p>
<table border="1">
<tr><th>序号</th><th>收费项目</th><th>收费标准（元）</th><th>计费单位</th><th>收费对象</th><th>备注</th></tr>
<tr><td>1</td><td>保育教育费</td><td>1800</td><td>生·学期</td><td>全体在园幼儿</td><td>低保家庭幼儿减半收取</td></tr>
<tr><td>2</td><td>伙食费</td><td>12</td><td>生·天</td><td>在园就餐幼儿</td><td>按实际在园天数结算</td></tr>
<tr><td>3</td><td>校车接送费</td><td>400</td><td>生·学期</td><td>自愿乘坐校车的幼儿</td><td>中途停乘按月退费</td></tr>
<tr><td>4</td><td>被褥费</td><td>150</td><td>套</td><td>新入园幼儿</td><td>自愿购买</td></tr>
</table>
<p>收费咨询电话：0571-8800123。</p>
</body></html>"""

_EQUIPMENT = """<html><head><meta charset="utf-8"><title>松岭县第三中学2026年实验室设备采购清单</title></head><body>
<h1>松岭县第三中学2026年实验室设备采购清单</h1>
<p>经学校行政会研究，现将本年度实验室设备采购计划公布如下。</p>
<table border="1">
<tr><th>序号</th><th>设备名称</th><th>规格型号</th><th>数量（台）</th><th>单价（元）</th><th>使用部门</th></tr>
<tr><td>1</td><td>数字化生物显微镜</td><td>XSP-200</td><td>24</td><td>2600</td><td>生物组</td></tr>
<tr><td>2</td><td>学生用电子天平</td><td>JA-100</td><td>30</td><td>480</td><td>化学组</td></tr>
<tr><td>3</td><td>交流稳压电源</td><td>WY-12</td><td>16</td><td>350</td><td>物理组</td></tr>
<tr><td>4</td><td>恒温干燥箱</td><td>DHG-9030</td><td>2</td><td>5200</td><td>化学组</td></tr>
</table>
<p>设备到货后由总务处组织验收。</p>
</body></html>"""


@pytest.fixture(scope="module")
def found_together(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("own-words-files")
    (files / "fees.html").write_bytes(_FEES.encode("utf-8"))
    (files / "equipment.html").write_bytes(_EQUIPMENT.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("own-words-index")) as service:
        yield service


def test_a_row_named_in_the_questions_words_is_quoted_alone(found_together) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(found_together, "乘校车每学期收费多少？")
    assert not answer.refused
    assert "400" in answer.text
    # No row of the equipment list answers what the school bus costs.
    assert all("设备" not in c.quote for c in answer.citations)
    assert "480" not in answer.text


def test_the_equipment_rows_are_still_answered_by_their_own_words(found_together) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(found_together, "电子天平单价是多少？")
    assert not answer.refused
    assert "480" in answer.text
