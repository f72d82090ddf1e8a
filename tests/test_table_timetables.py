"""Timetables beside other tables of days (issue 19): the last period of a part of the day (下午最末一节)
counts the rows that are periods, a weekday that names a column says which cell and not which row, and a
timetable named by a period and a part of the day is told from a menu that lists the same weekday. Small
made-up documents, not the eval documents."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.table import group_place, rows_pointed, weekday_words

# A class timetable laid across: weekdays are the columns, the periods the rows; a break and an
# after-school slot sit among the periods, and one cell mentions a weekday by the way (周三升旗).
LESSONS = [
    [("时段", "上午"), ("节次", "第一节"), ("星期一", "语文"), ("星期二", "数学"), ("星期三", "美术")],
    [("时段", "上午"), ("节次", "课间操"), ("星期一", "广播操"), ("星期二", "广播操"), ("星期三", "广播操（周三升旗）")],
    [("时段", "上午"), ("节次", "第二节"), ("星期一", "英语"), ("星期二", "音乐"), ("星期三", "科学")],
    [("时段", "上午"), ("节次", "第三节"), ("星期一", "体育"), ("星期二", "书法"), ("星期三", "语文")],
    [("时段", "下午"), ("节次", "第四节"), ("星期一", "劳动"), ("星期二", "语文"), ("星期三", "数学")],
    [("时段", "下午"), ("节次", "第五节"), ("星期一", "阅读"), ("星期二", "队会"), ("星期三", "—")],
    [("时段", "下午"), ("节次", "托管服务"), ("星期一", "看护自习"), ("星期二", "看护自习"), ("星期三", "—")],
]


def test_the_last_period_of_a_part_of_the_day_is_its_last_row_counted_in_periods() -> None:
    listed = range(len(LESSONS))
    assert group_place("星期二上午最后一节是什么课？", LESSONS, listed) == 3
    # 托管服务 closes the afternoon but is no 节: the last period is 第五节.
    assert group_place("礼拜一下午最末一节学什么？", LESSONS, listed) == 5
    assert group_place("周一下午最末一节上什么？", LESSONS, listed) == 5
    # No part of the day named: no group to count in.
    assert group_place("最后一节是什么课？", LESSONS, listed) is None
    assert rows_pointed("星期二上午最后一节是什么课？", LESSONS) == ((3,), "place")


def test_a_weekday_that_names_a_column_points_at_no_row_by_a_cell_mentioning_it() -> None:
    # 周三 names the 星期三 column; the 课间操 row's 周三升旗 does not make it the row asked.
    assert rows_pointed("周三下午最末一节是哪门课？", LESSONS) == ((5,), "place")
    # A table whose weekdays are cells, not columns, is still pointed at by them.
    menu = [[("日期", "4月7日"), ("星期", "星期二"), ("主菜", "红烧鸡腿")], [("日期", "4月8日"), ("星期", "星期三"), ("主菜", "清蒸鱼")]]
    assert rows_pointed("周三吃什么主菜？", menu) == ((1,), "day")
    assert weekday_words("周一和星期五各上什么？") == ["周一", "星期五"]


_LESSONS_HTML = """<html><head><meta charset="utf-8"><title>课程表</title></head><body>
<h1>石桥镇中心小学四年级（2）班春季学期课程表</h1>
<p>现将本班本学期课程表公布如下，请各任课教师和同学们按表上课。</p>
<table><tr><th>时段</th><th>节次</th><th>星期一</th><th>星期二</th><th>星期三</th></tr>
<tr><td>上午</td><td>第一节</td><td>语文</td><td>数学</td><td>美术</td></tr>
<tr><td>上午</td><td>课间操</td><td>广播操</td><td>广播操</td><td>广播操（周三升旗）</td></tr>
<tr><td>上午</td><td>第二节</td><td>英语</td><td>音乐</td><td>科学</td></tr>
<tr><td>上午</td><td>第三节</td><td>体育</td><td>书法</td><td>语文</td></tr>
<tr><td>下午</td><td>第四节</td><td>劳动</td><td>语文</td><td>数学</td></tr>
<tr><td>下午</td><td>第五节</td><td>阅读</td><td>队会</td><td>—</td></tr>
<tr><td>下午</td><td>托管服务</td><td>看护自习</td><td>看护自习</td><td>—</td></tr>
</table>
<p>课程如有调整，由教务处另行通知。</p></body></html>"""

_MENU_HTML = """<html><head><meta charset="utf-8"><title>食谱</title></head><body>
<h1>石桥镇中心小学春季学期第三周学生午餐食谱</h1>
<p>为保障学生营养，学校食堂制定了本周午餐食谱，现予公布。</p>
<table><tr><th>日期</th><th>星期</th><th>主菜</th><th>汤</th><th>备注</th></tr>
<tr><td>4月6日</td><td>星期一</td><td>土豆焖鸡</td><td>紫菜汤</td><td>—</td></tr>
<tr><td>4月7日</td><td>星期二</td><td>红烧鸡腿</td><td>番茄蛋汤</td><td>—</td></tr>
<tr><td>4月8日</td><td>星期三</td><td>清蒸鱼</td><td>冬瓜汤</td><td>—</td></tr>
</table>
<p>食谱如有变动，以当天公示为准。</p></body></html>"""


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("timetable-menu-files")
    (files / "kebiao.html").write_bytes(_LESSONS_HTML.encode("utf-8"))
    (files / "shipu.html").write_bytes(_MENU_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("timetable-menu-index")) as service:
        yield service


def test_the_last_period_is_answered_from_the_timetable_not_from_the_menu_of_that_weekday(school) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(school, "星期二上午最后一节是什么课？")
    assert not answer.refused
    assert answer.text.startswith("星期二为书法。")
    assert {c.doc_title for c in answer.citations} == {"石桥镇中心小学四年级（2）班春季学期课程表"}
    answer = ask_checked(school, "周一下午最末一节上什么？")
    assert answer.text.startswith("星期一为阅读。")
    assert "看护自习" not in answer.text


# A three-day course whose days come in two rows each, and a term calendar of whole weeks.
COURSE = [
    [("日期", "5月11日"), ("时段", "上午"), ("课程", "开班动员"), ("主讲人", "方立")],
    [("日期", "5月11日"), ("时段", "下午"), ("课程", "课堂观察方法"), ("主讲人", "何静")],
    [("日期", "5月12日"), ("时段", "上午"), ("课程", "作业设计"), ("主讲人", "邵明")],
    [("日期", "5月12日"), ("时段", "下午"), ("课程", "说课展示"), ("主讲人", "罗佳")],
    [("日期", "5月13日"), ("时段", "上午"), ("课程", "成果汇报"), ("主讲人", "方立")],
]
WEEKS = [
    [("周次", "第一周"), ("起止日期", "5月4日—5月10日"), ("主要工作", "教学常规检查")],
    [("周次", "第二周"), ("起止日期", "5月11日—5月17日"), ("主要工作", "青年教师赛课")],
]


def test_a_day_named_by_its_place_counts_days_not_rows() -> None:
    # The second day is 5月12日 (rows 2 and 3), not the second row; its afternoon is row 3.
    assert rows_pointed("第二天下午谁讲？", COURSE) == ((3,), "place")
    assert rows_pointed("第二天讲哪些课？", COURSE) == ((2, 3), "place")
    assert rows_pointed("最后一天上午讲什么？", COURSE) == ((4,), "place")
    assert rows_pointed("第一天下午讲什么？", COURSE) == ((1,), "place")
    assert rows_pointed("第四天上午讲什么？", COURSE) == ((), "")  # the course has three days
    # A table of whole weeks splits no day into parts: 第二天下午 points at none of its rows.
    assert rows_pointed("第二天下午谁讲？", WEEKS) == ((), "")
    # Days of one row each are counted by their rows, as before.
    roster = [[("日期", "5月1日"), ("值班人员", "韩雪")], [("日期", "5月2日"), ("值班人员", "杜凯")]]
    assert rows_pointed("第二天谁值班？", roster) == ((1,), "place")


def test_a_week_is_asked_like_a_date_and_谁来_asks_no_role_of_its_own() -> None:
    from assistant.table import asked_kinds, kinds_of_column, word_mismatch

    assert "date" in asked_kinds("运动会是哪一周？")
    assert "date" in asked_kinds("运动会安排在第几周？")
    assert "date" in kinds_of_column("周次")
    # 谁来讲 asks who speaks: 来讲人 is no role one character off the 主讲人 column.
    row = COURSE[2] + [("地点", "一楼报告厅")]
    assert word_mismatch("作业设计是哪天？谁来讲？", row) is None
    # A role one character off is still told apart.
    off = word_mismatch("作业设计由谁主持？", row)
    assert off is not None and off.asked == "主持人"


_COURSE_HTML = """<html><head><meta charset="utf-8"><title>通知</title></head><body>
<h1>关于举办南湾区2026年初中青年教师教学能力研修班的通知</h1>
<p>各初中学校：为提升青年教师教学能力，区教师发展中心决定举办研修班，现将日程安排如下。</p>
<table><tr><th>日期</th><th>时段</th><th>课程</th><th>主讲人</th><th>地点</th></tr>
<tr><td>5月11日</td><td>上午</td><td>开班动员</td><td>方立</td><td>一楼报告厅</td></tr>
<tr><td>5月11日</td><td>下午</td><td>课堂观察方法</td><td>何静</td><td>一楼报告厅</td></tr>
<tr><td>5月12日</td><td>上午</td><td>作业设计</td><td>邵明</td><td>三楼研讨室</td></tr>
<tr><td>5月12日</td><td>下午</td><td>说课展示</td><td>罗佳</td><td>三楼研讨室</td></tr>
<tr><td>5月13日</td><td>上午</td><td>成果汇报</td><td>方立</td><td>一楼报告厅</td></tr>
</table><p>请各校于5月6日前报送参训名单。</p></body></html>"""

_WEEKS_HTML = """<html><head><meta charset="utf-8"><title>行事历</title></head><body>
<h1>南湾区第三中学2026年春季学期教学工作行事历</h1>
<p>为统筹安排本学期教学工作，现将各周主要工作安排如下。</p>
<table><tr><th>周次</th><th>起止日期</th><th>主要工作</th><th>负责部门</th></tr>
<tr><td>第一周</td><td>5月4日—5月10日</td><td>教学常规检查</td><td>教务处</td></tr>
<tr><td>第二周</td><td>5月11日—5月17日</td><td>青年教师赛课</td><td>教科室</td></tr>
<tr><td>第三周</td><td>5月18日—5月24日</td><td>半期教学质量分析会</td><td>年级组</td></tr>
</table><p>各部门要按时组织实施。</p></body></html>"""


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("course-files")
    (files / "yanxiu.html").write_bytes(_COURSE_HTML.encode("utf-8"))
    (files / "xingshili.html").write_bytes(_WEEKS_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("course-index")) as service:
        yield service


def test_a_course_day_by_its_place_a_week_asked_and_who_speaks(course) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(course, "第二天下午谁主讲？")
    assert answer.text.startswith("主讲人为罗佳。")
    answer = ask_checked(course, "研修班最后一天上午在哪里？")
    assert answer.text.startswith("地点为一楼报告厅。")
    assert "成果汇报" in answer.text
    answer = ask_checked(course, "半期教学质量分析会是哪一周？谁负责？")
    assert answer.text.startswith("周次为第三周")
    assert "负责部门为年级组" in answer.text
    answer = ask_checked(course, "说课展示是哪天？谁来讲？")
    assert not answer.refused
    assert "5月12日" in answer.text and "罗佳" in answer.text
