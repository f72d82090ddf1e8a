"""Questions about a table's figures past a bound (超过88分的有几个), in a year (去年入选的), at one end of a
span (什么时候截止 of 2026年4月—7月), and a figure said with the unit its header writes (测评得分（分）, 月用量
（吨）·合计, 复核期限（工作日）); a thing asked after 是什么 that the table's title names (测评是什么结果 of a
测评结果 notice), and a row named by a person beside a cell another table's row holds whole. Tables invented
for the tests (issue 19)."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.row_text import said_cell
from assistant.table import (
    asked_attribute_unheld,
    count_rows,
    figure_bound,
    figure_name,
    figure_said,
    figure_with_unit,
    phase_asked,
    span_end,
    with_measure,
    year_asked,
)

SCORES = [
    [("序号", "1"), ("姓名", "岑立言"), ("单位", "临江小学"), ("职务", "校长"), ("测评得分（分）", "91.5"), ("等次", "优秀")],
    [("序号", "2"), ("姓名", "晏秋池"), ("单位", "临江小学"), ("职务", "副校长"), ("测评得分（分）", "86.0"), ("等次", "合格")],
    [("序号", "3"), ("姓名", "卜怀远"), ("单位", "石湾中学"), ("职务", "校长"), ("测评得分（分）", "90.0"), ("等次", "合格")],
    [("序号", "4"), ("姓名", "褚映雪"), ("单位", "石湾中学"), ("职务", "副校长"), ("测评得分（分）", "—"), ("等次", "暂缓")],
    [("序号", "5"), ("姓名", "郦北辰"), ("单位", "石湾中学"), ("职务", "书记"), ("测评得分（分）", "78.5"), ("等次", "基本合格")],
]


def test_a_count_past_a_bound_takes_the_figures_that_pass_it() -> None:
    above = count_rows("测评得分超过90分的有几个人？", SCORES)
    assert above is not None and above.bound == "超过" and above.column == "测评得分（分）"
    assert above.rows == (0,)  # 90.0 is not past 90; a blank (—) is no figure
    at_least = count_rows("测评得分90分以上的有几个？", SCORES)
    assert at_least is not None and at_least.bound == "以上" and at_least.rows == (0, 2)  # 以上 holds the number
    below = count_rows("测评得分低于88分的有几个？", SCORES)
    assert below is not None and below.rows == (1, 4)
    capped = count_rows("测评得分不超过86分的有几个？", SCORES)
    assert capped is not None and capped.bound == "不超过" and capped.rows == (1, 4)
    # A figure named as it stands counts that figure alone, as before.
    exact = count_rows("测评得分正好86分的有几个？", SCORES)
    assert exact is not None and not exact.bound and exact.rows == (1,)


def test_the_bound_is_read_before_or_after_the_figure() -> None:
    question = "授课12节以上的有几位？"
    at = question.index("12")
    assert figure_bound(question, at, at + 3) == ("以上", ">=")
    question = "投资超过200万元的项目有几个？"
    at = question.index("200")
    assert figure_bound(question, at, at + 5) == ("超过", ">")
    question = "正好14节的有几个？"
    at = question.index("14")
    assert figure_bound(question, at, at + 3) == ("", "")


DATED = [
    [("序号", "1"), ("姓名", "庹一鸣"), ("入选时间", "2024年9月"), ("补助金额（元）", "1250")],
    [("序号", "2"), ("姓名", "闵若溪"), ("入选时间", "2025.03"), ("补助金额（元）", "1250")],
    [("序号", "3"), ("姓名", "阚星河"), ("入选时间", "2024-09-06"), ("补助金额（元）", "625")],
    [("序号", "4"), ("姓名", "沈南枝"), ("入选时间", "2023年9月"), ("补助金额（元）", "625")],
]


def test_a_year_counts_the_rows_dated_in_it_and_last_year_is_read_from_the_title() -> None:
    title = "竹溪县实验中学2025年秋季学期资助学生名单"
    by_number = count_rows("2024年入选的有几个？", DATED, title=title)
    assert by_number is not None and by_number.column == "入选时间" and by_number.rows == (0, 2)
    last_year = count_rows("去年入选的有几个？", DATED, title=title)
    assert last_year is not None and last_year.rows == (0, 2) and last_year.value == "2024年"
    assert year_asked("前年入选的有几个？", title) == (2023, "前年")
    # Without a year in the title, 去年 is no year; the title's own year said with its words names the document.
    assert year_asked("去年入选的有几个？", "资助学生名单") is None
    assert year_asked("2025年秋季学期名单里一共几个人？", title) is None


def test_a_figure_is_said_with_the_unit_its_header_or_its_group_writes() -> None:
    assert figure_name("测评得分（分）") == ("测评得分", "分")
    assert figure_name("月用量（吨）·合计") == ("月用量（合计）", "吨")
    assert figure_name("等次") == ("等次", "")
    assert figure_with_unit("月用量（吨）·合计", "19") == "19吨"
    assert figure_with_unit("等次", "优秀") == "优秀"
    assert figure_said("下拨经费（万元）·小计", "45.5") == "下拨经费（小计）为45.5万元"
    # A unit of time that counts only through 个.
    assert with_measure("5", "工作日") == "5个工作日"
    assert with_measure("6", "月") == "6个月"
    assert said_cell("要几个工作日？", "复核期限（工作日）·承诺期限", "20") == "复核期限（承诺期限）为20个工作日"


def test_one_end_of_a_span_is_said_whole() -> None:
    assert phase_asked("操场改造什么时候截止？") == ("end", "截止")
    assert phase_asked("什么时候开始，什么时候结束？") == ("", "")
    assert span_end("2026年4月—7月", "end") == "2026年7月"
    assert span_end("2026年4月—7月底", "end") == "2026年7月底"
    assert span_end("2026年4月—7月", "start") == "2026年4月"
    assert span_end("3月1日至15日", "end") == "3月15日"
    assert span_end("2025年9月—2026年1月", "end") == "2026年1月"
    assert span_end("8:00—10:00", "end") == "10:00"
    assert span_end("2026年7月", "end") == ""
    assert said_cell("操场改造什么时候结束？", "实施时间", "2026年4月—7月") == "实施时间为2026年4月—7月，即2026年7月结束"
    assert said_cell("操场改造谁负责？", "实施时间", "2026年4月—7月") == "实施时间为2026年4月—7月"


def test_a_thing_asked_after_what_that_the_title_names_is_what_the_table_lists() -> None:
    import jieba

    jieba.initialize()  # the check reads jieba's dictionary, which answering has loaded by then
    row = SCORES[3]
    assert asked_attribute_unheld("褚映雪测评是什么结果？", row) == "结果"
    assert asked_attribute_unheld("褚映雪测评是什么结果？", row, "关于2025年度校级干部测评结果的公示") == ""
    assert asked_attribute_unheld("褚映雪是什么职称？", row, "关于2025年度校级干部测评结果的公示") == "职称"


_RESULTS_HTML = """<html><head><meta charset="utf-8"><title>关于2025年度校级干部测评结果的公示</title></head><body>
<h1>关于2025年度校级干部测评结果的公示</h1>
<p>经个人述职、民主测评和组织考察，现将测评结果公示如下。</p>
<table border="1">
<tr><th>序号</th><th>姓名</th><th>单位</th><th>职务</th><th>测评得分（分）</th><th>等次</th><th>备注</th></tr>
<tr><td>1</td><td>岑立言</td><td>临江小学</td><td>校长</td><td>91.5</td><td>优秀</td><td>省级骨干校长</td></tr>
<tr><td>2</td><td>晏秋池</td><td>临江小学</td><td>副校长</td><td>86.0</td><td>合格</td><td>—</td></tr>
<tr><td>3</td><td>卜怀远</td><td>石湾中学</td><td>校长</td><td>90.0</td><td>合格</td><td>—</td></tr>
<tr><td>4</td><td>褚映雪</td><td>石湾中学</td><td>副校长</td><td>—</td><td>暂缓</td><td>到任未满一年</td></tr>
<tr><td>5</td><td>郦北辰</td><td>石湾中学</td><td>书记</td><td>78.5</td><td>基本合格</td><td>—</td></tr>
</table>
<p>公示期间如有异议，请向区委教育工委反映。</p>
</body></html>
"""

_PLACES_HTML = """<html><head><meta charset="utf-8"><title>关于2025年秋季学期学位安排的通知</title></head><body>
<h1>关于2025年秋季学期学位安排的通知</h1>
<p>各校按下表做好新生接收工作。</p>
<table border="1">
<tr><th>序号</th><th>学校名称</th><th>学位数</th><th>备注</th></tr>
<tr><td>1</td><td>临江小学</td><td>180</td><td>含随迁子女</td></tr>
<tr><td>2</td><td>石湾中学</td><td>240</td><td>提供住宿</td></tr>
</table>
<p>请各校于开学前报送接收情况。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("bound-files")
    (files / "results.html").write_bytes(_RESULTS_HTML.encode("utf-8"))
    (files / "places.html").write_bytes(_PLACES_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("bound-index"), embedding={"mode": "hashing"}) as service:
        yield service


def test_a_count_past_a_bound_is_answered_with_the_rows_that_pass_it(results) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(results, "测评得分超过88分的有几个人？")
    assert not answer.refused
    assert "超过88分的共2人" in answer.text
    assert {c.quote.split("；")[1] for c in answer.citations} == {"姓名：岑立言", "姓名：卜怀远"}


def test_the_most_is_said_with_its_unit(results) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(results, "测评得分最高的是谁？多少分？")
    assert "测评得分最高的为91.5分" in answer.text


def test_a_result_asked_by_the_word_the_title_uses_is_answered(results) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(results, "石湾中学褚映雪测评是什么结果？")
    assert not answer.refused
    assert "暂缓" in answer.text


def test_a_person_beside_a_cell_of_another_table_names_the_person_row(results) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(results, "临江小学岑立言那一栏备注写了什么？")
    assert not answer.refused
    assert "省级骨干校长" in answer.text
    assert answer.citations[0].doc_title == "关于2025年度校级干部测评结果的公示"


def test_an_everyday_word_inside_a_name_is_not_one_character_off_its_official_form() -> None:
    from assistant.table import word_mismatch

    row = [("序号", "2"), ("活动名称", "骨干教师示范课"), ("场地", "录播教室"), ("预订科室", "区教研室")]
    assert word_mismatch("骨干老师示范课是哪个科室订的场地？", row) is None  # 老师 is 教师 in everyday words
    off = word_mismatch("骨干教练示范课是哪个科室订的场地？", row)
    assert off is not None and off.asked == "骨干教练示范课"
