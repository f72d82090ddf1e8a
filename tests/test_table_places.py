"""Rows named by their place within a group (晚上第一节 of a timetable that numbers on through the day),
values said in full (海带骨头汤 of 海带骨汤, 调试好后才可用 of 调试后可用), counts in 节 and 样, a count said
with the row's own 单位 cell, a count with 一共 that quotes the totals row, and a numeral that counts what
follows it (午间托管一个月). Small made-up rows, not the eval documents."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over
from judges import shipped_judge

from assistant.evidence import focus_of, term_coverage_with_synonyms
from assistant.row_text import cell_lead, said_cell
from assistant.table import (
    asked_kinds,
    count_measure,
    count_rows,
    group_place,
    holds_kind,
    lacks_asked,
    per_period,
    place_words,
    rows_pointed,
    spelled_out,
    word_mismatch,
)

# A boarding school's timetable laid across: the weekdays are the columns, the periods the rows, 时段 spans
# its rows, and the evening study periods number on from the afternoon's.
TIMETABLE = [
    [("时段", "上午"), ("节次", "早读"), ("星期一", "英语"), ("星期二", "语文"), ("星期三", "英语")],
    [("时段", "上午"), ("节次", "第一节"), ("星期一", "物理"), ("星期二", "英语"), ("星期三", "数学")],
    [("时段", "上午"), ("节次", "第二节"), ("星期一", "英语"), ("星期二", "物理"), ("星期三", "地理")],
    [("时段", "下午"), ("节次", "第三节"), ("星期一", "历史"), ("星期二", "生物"), ("星期三", "体育")],
    [("时段", "下午"), ("节次", "第四节"), ("星期一", "体育"), ("星期二", "历史"), ("星期三", "生物")],
    [("时段", "晚上"), ("节次", "第五节"), ("星期一", "数学"), ("星期二", "化学"), ("星期三", "物理")],
    [("时段", "晚上"), ("节次", "第六节"), ("星期一", "地理"), ("星期二", "数学"), ("星期三", "—")],
]
CHECKS = [
    [("序号", "1"), ("设备名称", "投影仪"), ("单位", "台"), ("数量", "4"), ("检测结果", "可用")],
    [("序号", "2"), ("设备名称", "实验桌"), ("单位", "张"), ("数量", "2"), ("检测结果", "调试后可用")],
    [("序号", "3"), ("设备名称", "显微镜"), ("单位", "架"), ("数量", "30"), ("检测结果", "可用")],
    [("序号", "4"), ("设备名称", "电源线"), ("单位", "根"), ("数量", "100"), ("检测结果", "调试后可用")],
]


def test_a_place_within_a_named_group_counts_from_the_groups_first_row() -> None:
    listed = range(len(TIMETABLE))
    # 晚上第一节 is the first evening row, which the table calls 第五节.
    assert group_place("周二晚上第一节排的哪门课？", TIMETABLE, listed) == 5
    assert group_place("礼拜一晚上头一节学什么？", TIMETABLE, listed) == 5
    # A row of the group whose cell says the place itself is that row, 早读 before it aside.
    assert group_place("周三上午第二节学什么？", TIMETABLE, listed) == 2
    # No group named, or no row at that place: no row.
    assert group_place("周三第二节学什么？", TIMETABLE, listed) is None
    assert group_place("周一晚上第三节学什么？", TIMETABLE, listed) is None
    assert group_place("周一晚上第五节学什么？", TIMETABLE, listed) == 5  # the table's own 第五节
    assert rows_pointed("周二晚上第一节排的哪门课？", TIMETABLE) == ((5,), "place")
    # A cell of one character (是 of a 寄宿 column) is no group the question names: 是 is in most questions.
    aid = [[("姓名", n), ("寄宿", b)] for n, b in (("李明", "否"), ("王芳", "是"), ("赵强", "是"), ("陈静", "否"))]
    assert group_place("第二个是谁？", aid, range(4)) is None
    assert place_words("周二晚上第一节排的哪门课？") == ("第一节",)


def test_the_place_word_of_a_group_is_one_character_off_the_rows_own_cell() -> None:
    # 第一节 against the row's 第五节 is a mismatch the place explains (`Gate.names_row` sets it aside when
    # the row is pointed at); the question names no other row by it.
    off = word_mismatch("周二晚上第一节排的哪门课？", TIMETABLE[5])
    assert off is not None and off.asked == "第一节" and off.asked in place_words("周二晚上第一节排的哪门课？")


def test_a_numeral_that_counts_what_follows_it_ends_no_word() -> None:
    fee = [("序号", "2"), ("收费项目", "午间托管费"), ("收费标准（元）", "120"), ("计费方式", "按月收取")]
    assert word_mismatch("午间托管一个月收多少？", fee) is None
    assert word_mismatch("午间托管一个月收多少？", fee, "托管收费告知") is None
    # A character that counts nothing is still one off: 午间托管站 is another thing.
    other = word_mismatch("午间托管站在哪里？", fee)
    assert other is not None and other.asked == "午间托管站"
    # An ordinal orders, it counts nothing: 第一节 is not the row of 第五节.
    assert word_mismatch("第一节排的哪门课？", TIMETABLE[5]) is not None


def test_a_value_said_in_full_names_the_cell_it_spells_out() -> None:
    assert spelled_out("海带骨头汤", "海带骨汤") and spelled_out("调试好后才可用", "调试后可用")
    assert not spelled_out("海带烧肉", "海带骨汤")  # another dish, not the soup said in full
    assert not spelled_out("调试了很久才可用", "调试后可用")  # too much said between
    assert not spelled_out("可用", "可用")  # nothing more said
    assert not spelled_out("星期五一", "星期一")  # a numeral more names another day
    count = count_rows("调试好后才可用的有几样？", CHECKS)
    assert count is not None and (count.column, count.value, count.rows) == ("检测结果", "调试后可用", (1, 3))
    menu = [
        [("日期", "4月21日"), ("汤", "海带骨汤"), ("主菜", "红烧鸡块")],
        [("日期", "4月22日"), ("汤", "冬瓜汤"), ("主菜", "海带烧肉")],
        [("日期", "4月23日"), ("汤", "海带骨汤"), ("主菜", "韭菜炒蛋")],
    ]
    soup = count_rows("这周有几天喝海带骨头汤？", menu)
    assert soup is not None and (soup.column, soup.value, soup.rows) == ("汤", "海带骨汤", (0, 2))


@pytest.mark.parametrize(
    ("question", "measure"),
    [("周三排了几节数学课？", "节"), ("调试后可用的有几样？", "样"), ("检测了几台设备？", "台"), ("周三学什么？", "")],
)
def test_periods_and_things_are_counted_in_their_measure(question: str, measure: str) -> None:
    assert count_measure(question) == measure


def test_a_count_is_said_with_the_measure_its_row_gives_in_a_unit_column() -> None:
    assert said_cell("投影仪买了几台？", "数量", "4", "台") == "数量为4台"
    assert said_cell("投影仪买了多少？", "数量", "4") == "数量为4"  # no 单位 cell: the bare figure
    assert cell_lead("实验桌数量是多少？", [CHECKS[1]]) == "数量为2张。\n"


def test_a_count_of_a_whole_list_asked_with_yigong_quotes_its_totals_row_uncounted() -> None:
    rows = [
        [("序号", "1"), ("姓名", "杨帆"), ("发放标准（元）", "480")],
        [("序号", "2"), ("姓名", "罗佳"), ("发放标准（元）", "240")],
        [("序号", "合计"), ("姓名", "2人"), ("发放标准（元）", "720")],
    ]
    title = "某校2026年春季学期营养餐补助名单 补助对象一览"
    judge = shipped_judge()
    question = "表里一共有几个人？"
    ruling = judge.table_ruling(question, [rows], [title], focus_of(question, lambda term: 1.0))
    assert ruling is not None and (ruling.kind, ruling.rows, ruling.tally, ruling.totals) == ("count", (0, 1), 2, (2,))
    question = "表里有几个人？"
    ruling = judge.table_ruling(question, [rows], [title], focus_of(question, lambda term: 1.0))
    assert ruling is not None and ruling.totals == ()


TIMETABLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某镇初级中学八年级（3）班2026年春季学期作息与课程安排</title></head>
<body><h1>某镇初级中学八年级（3）班2026年春季学期作息与课程安排</h1>
<p>按照县教体局有关课时安排，本班课程表如下，自3月2日起施行，住校生晚上到教室上晚自习。</p>
<table border="1">
<tr><th>时段</th><th>节次</th><th>时间</th><th>星期一</th><th>星期二</th><th>星期三</th></tr>
<tr><td rowspan="2">上午</td><td>第一节</td><td>8:10—8:55</td><td>英语</td><td>物理</td><td>数学</td></tr>
<tr><td>第二节</td><td>9:05—9:50</td><td>数学</td><td>英语</td><td>地理</td></tr>
<tr><td colspan="2">午间</td><td>11:50—14:10</td><td colspan="3">就餐、午睡</td></tr>
<tr><td rowspan="2">下午</td><td>第三节</td><td>14:20—15:05</td><td>历史</td><td>体育</td><td>生物</td></tr>
<tr><td>第四节</td><td>15:15—16:00</td><td>体育</td><td>生物</td><td>历史</td></tr>
<tr><td rowspan="2">晚上</td><td>第五节</td><td>19:00—19:45</td><td>物理</td><td>地理</td><td>化学</td></tr>
<tr><td>第六节</td><td>19:55—20:40</td><td>英语</td><td>化学</td><td>数学</td></tr>
</table>
<p>本班各学科任课教师名单：</p>
<table border="1">
<tr><th>学科</th><th>任课教师</th></tr>
<tr><td>英语</td><td>蒙秀兰</td></tr>
<tr><td>物理、化学</td><td>黎志刚</td></tr>
<tr><td>地理、生物</td><td>莫丽娟</td></tr>
</table>
<p>课表若有变动，另行通知。</p>
</body></html>
"""


@pytest.fixture(scope="module")
def timetable(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("timetable-files")
    (files / "timetable.html").write_bytes(TIMETABLE_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("timetable-index")) as service:
        yield service


def test_the_afternoons_first_period_is_answered_from_its_weekday_column(timetable) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(timetable, "礼拜三晚上头一节学什么？")
    assert not answer.refused
    assert answer.text.startswith("星期三为化学。")
    answer = ask_checked(timetable, "周二晚上第一节排的哪门课？")
    assert answer.text.startswith("星期二为地理。")
    answer = ask_checked(timetable, "星期一晚上头一节课学什么？")
    assert answer.text.startswith("星期一为物理。")


def test_a_teacher_is_found_under_the_official_word_for_teacher(timetable) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(timetable, "生物老师是谁？")
    assert not answer.refused and "莫丽娟" in answer.text


FEES = [
    [("序号", "1"), ("收费项目", "琴房使用费"), ("收费标准（元）", "90"), ("计费方式", "每人每季度")],
    [("序号", "2"), ("收费项目", "游泳馆场地费"), ("收费标准（元）", "150"), ("计费方式", "每人每季度")],
    [("序号", "3"), ("收费项目", "意外保险费"), ("收费标准（元）", "40"), ("计费方式", "每户每年")],
    [("序号", "4"), ("收费项目", "兴趣班材料费"), ("收费标准（元）", "15"), ("计费方式", "每人每次")],
]


def test_a_rate_is_named_by_its_period_alone() -> None:
    assert per_period("每季度", "每人每季度") and per_period("每年", "每户每年")
    assert not per_period("每年", "每年")  # the whole cell: named whole, no rate read into it
    assert not per_period("季度", "每人每季度") and not per_period("每周", "每人每季度")
    by_term = count_rows("按季度收费的有几项？", FEES)
    assert by_term is not None and (by_term.column, by_term.value, by_term.rows) == ("计费方式", "每季度", (0, 1))
    assert not by_term.exact  # read from the question's wording, not written so in the cells
    by_year = count_rows("每年收一次的有几项？", FEES)
    assert by_year is not None and (by_year.value, by_year.rows) == ("每年", (2,))
    units = [[("收费项目", "琴房使用费"), ("计费单位", "人·季度")], [("收费项目", "兴趣班材料费"), ("计费单位", "人·次")]]
    written = count_rows("按季度收费的有几项？", units)
    assert written is not None and (written.value, written.rows, written.exact) == ("季度", (0,), True)


def test_everyday_words_for_home_and_meals_stand_for_the_words_fee_lists_use() -> None:
    assert term_coverage_with_synonyms("吃饭", "走读生用餐补贴") == 1.0
    assert term_coverage_with_synonyms("家里", "家庭成员信息登记") == 1.0


def test_a_document_asked_for_is_held_by_a_column_of_grounds_or_a_cited_document_number() -> None:
    fee = [("收费项目", "校服洗涤费"), ("收费标准（元）", "45"), ("政策依据", "县教体〔2025〕7号")]
    assert "document" in asked_kinds("校服洗涤费依据哪份文件收取？")
    assert holds_kind("document", fee) and lacks_asked("校服洗涤费依据哪份文件收取？", fee) == ""
    assert holds_kind("document", [("说明", "参照《校园绿化养护规程》执行")])
    bare = [("收费项目", "校服洗涤费"), ("收费标准（元）", "45")]
    assert lacks_asked("校服洗涤费依据哪份文件收取？", bare) == "document"
    assert cell_lead("校服洗涤费的政策依据是哪个文号？", [fee]) == "政策依据为县教体〔2025〕7号。\n"


def test_which_teacher_asks_a_person_and_names_no_topic() -> None:
    terms = [term for term, _ in focus_of("化学课由哪位老师上？", lambda term: 1.0).terms]
    assert "哪位" not in terms and "化学课" in terms


def test_a_short_form_one_character_off_a_cell_word_at_its_end_names_no_other_thing() -> None:
    fee = [("收费项目", "新生军训服装费"), ("收费对象", "高一新生"), ("政策依据", "县物价〔2023〕3号")]
    # 新训 (short for 新生军训) and 新生 differ in the last character of a two-character word: not kin.
    assert word_mismatch("高一新训服装费按什么规定收？", fee) is None
    # 复印纸 and 打印纸 differ inside a three-character word: another thing.
    paper = [("物品名称", "A4打印纸"), ("数量", "200")]
    off = word_mismatch("复印纸领了多少？", paper)
    assert off is not None and off.asked == "复印纸"
