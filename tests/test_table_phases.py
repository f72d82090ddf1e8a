"""A column asked by the end of a thing it is named for (几点到 of a 发车时间), a score asked as given (打了几分)
of a column of what an item is worth (分值), and a person asked by a verb of one character after 谁 (谁管, 谁来开).
Tables invented for the tests."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.table import asked_column_unheld, asking_phrases, phase_unheld, score_unheld

FERRY = [
    ("航线", "北岸—鹭岛"),
    ("码头", "北岸客运码头"),
    ("开船时间", "6:40"),
    ("船长", "蔺海生"),
]
DREDGING = [
    ("序号", "3"),
    ("工程名称", "西湾航道疏浚"),
    ("竣工日期", "2027年3月"),
]
CONTEST = [
    ("环节", "即兴演讲"),
    ("评比要点", "紧扣主题，表达流畅"),
    ("分值", "30"),
    ("评分标准", "超时一分钟扣2分"),
]
JUDGED = [("选手", "岑晓雨"), ("环节", "即兴演讲"), ("得分", "27")]
ROSTER = [("展厅", "青铜器馆"), ("讲解员", "樊若琳"), ("开放时段", "9:00—11:30")]


def test_a_date_named_for_one_end_does_not_answer_the_other():
    assert phase_unheld("北岸到鹭岛的船几点到？", FERRY) == "到"
    assert phase_unheld("西湾航道疏浚哪天动工？", DREDGING) == "动工"
    # The end the column is named for, an act of that end in other words, or both ends asked: no refusal.
    assert phase_unheld("北岸到鹭岛的船几点开始检票？", FERRY) == ""
    assert phase_unheld("西湾航道疏浚什么时候完工？", DREDGING) == ""
    assert phase_unheld("西湾航道疏浚何时动工、何时完成？", DREDGING) == ""
    # A date named for no end (开放时段) says when the thing is on, whichever end is asked.
    assert phase_unheld("青铜器馆几点开放？", ROSTER) == ""
    assert asked_column_unheld("北岸到鹭岛的船几点到？", FERRY, [[n for n, _ in FERRY]]) == "到"


def test_a_score_asked_as_given_needs_a_column_of_scores_given():
    assert score_unheld("评委给即兴演讲打了几分？", CONTEST) == "打了"
    assert score_unheld("即兴演讲最多能拿几分？", CONTEST) == ""
    assert score_unheld("岑晓雨即兴演讲得了多少分？", JUDGED) == ""
    assert asked_column_unheld("评委给即兴演讲打了几分？", CONTEST, [[n for n, _ in CONTEST]]) == "打了"


def test_a_verb_of_one_character_after_who_asks_for_a_person():
    assert asking_phrases("鹭岛那条航线谁管？", FERRY) == ["谁", "管"]
    assert "开" in asking_phrases("北岸那班船由谁来开？", FERRY)
    assert asking_phrases("谁是青铜器馆的讲解员？", ROSTER) == ["谁"]  # 是 is no act


_SHUTTLE_HTML = """<html><head><meta charset="utf-8"><title>鹭岛轮渡公司冬季航班安排</title></head><body>
<h1>鹭岛轮渡公司冬季航班安排</h1>
<p>受季节客流变化影响，现将冬季各航线航班安排公告如下。</p>
<table border="1">
<tr><th>航线</th><th>始发码头</th><th>开船时间</th><th>船长</th><th>载客定额（人）</th></tr>
<tr><td>北岸—鹭岛</td><td>北岸客运码头</td><td>6:40</td><td>蔺海生</td><td>120</td></tr>
<tr><td>南湾—鹭岛</td><td>南湾渔港码头</td><td>7:15</td><td>柯长青</td><td>80</td></tr>
</table>
<p>遇大风、大雾等天气，航班可能临时停航，请旅客留意码头广播。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def ferry(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("phase-files")
    (files / "ferry.html").write_bytes(_SHUTTLE_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("phase-index")) as service:
        yield service


def test_a_person_asked_by_who_and_one_verb_is_answered(ferry) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(ferry, "南湾那条航线谁管？")
    assert not answer.refused
    assert "柯长青" in answer.text


def test_an_arrival_asked_of_a_departure_time_is_refused(ferry) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(ferry, "南湾那条航线的船几点能到鹭岛？")
    assert answer.refused
    departure = ask_checked(ferry, "南湾那条航线的船几点开？")
    assert not departure.refused
    assert "7:15" in departure.text


# -- a class the question names that the table's document names otherwise -----------------------------------

from assistant.table import class_unheld  # noqa: E402

_PERIOD = [("节次", "第二节"), ("周二", "语文"), ("周五", "音乐")]


def test_a_class_other_than_the_one_a_timetable_is_for_is_not_its_row():
    own = "梅岭小学四年级（2）班第一学期课程表"
    assert class_unheld("下周我去四年级（6）班听课，周二第二节他们上的是哪门？", _PERIOD, own)
    assert not class_unheld("四年级二班周五第二节排的是哪门课？", _PERIOD, own)  # the same class, written otherwise
    assert not class_unheld("周五第二节排的是哪门课？", _PERIOD, own)  # no class named
    # A table that names no class says nothing against one.
    assert not class_unheld("下周我去四年级（6）班听课，周二第二节他们上的是哪门？", _PERIOD, "梅岭小学课程表")


_TIMETABLE_HTML = """<html><head><meta charset="utf-8"><title>梅岭小学四年级（2）班第一学期课程表</title></head><body>
<h1>梅岭小学四年级（2）班第一学期课程表</h1>
<p>本课程表自9月8日起执行，如有调整另行通知。</p>
<table border="1">
<tr><th>节次</th><th>上课时间</th><th>周一</th><th>周二</th><th>周五</th></tr>
<tr><td>第一节</td><td>8:10—8:50</td><td>语文</td><td>数学</td><td>数学</td></tr>
<tr><td>第二节</td><td>9:00—9:40</td><td>数学</td><td>语文</td><td>音乐</td></tr>
</table>
<p>班主任：殷秀芝。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def timetable(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("class-files")
    (files / "timetable.html").write_bytes(_TIMETABLE_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("class-index")) as service:
        yield service


def test_a_timetable_answers_for_its_own_class_only(timetable) -> None:  # type: ignore[no-untyped-def]
    other = ask_checked(timetable, "下周我去四年级（6）班听课，周二第二节他们上的是哪门？")
    assert other.refused
    own = ask_checked(timetable, "四年级二班周五第二节排的是哪门课？")
    assert not own.refused
    assert "音乐" in own.text


def test_a_measure_per_something_in_a_header_is_said_with_its_figure():
    from assistant.row_text import said_cell

    # Its · joins the measure's parts (册 and 天); it parts no levels of a merged header.
    assert said_cell("过期一天要付多少？", "滞纳金（元/册·天）", "0.30") == "滞纳金为0.30元/册·天"
    assert said_cell("初三考什么？", "科目·九年级", "化学") == "科目（九年级）为化学"
