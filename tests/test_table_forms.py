"""Tables written in the forms other writers use: a caption that ends like a title, dates written with
figures only (2025-10-14, 10.15), a day named without its month (22号), and a demonstrative after a
row's name (体检那笔钱). Small made-up rows, not the eval documents."""

from __future__ import annotations

import pytest

from assistant.table import days_missing, month_days_named, row_days, rows_pointed, word_mismatch
from ingest.record import as_statements, figure_date, spoken_date
from ingest.split import split_documents
from ingest.types import LoadedFile, PageText

MENU = [
    [("日期", "2025-03-03"), ("星期", "星期一"), ("汤", "冬瓜汤")],
    [("日期", "3.4"), ("星期", "星期二"), ("汤", "紫菜汤")],
    [("日期", "3/5"), ("星期", "星期三"), ("汤", "—")],
    [("日期", "3月6日"), ("星期", "星期四"), ("汤", "萝卜汤")],
]


@pytest.mark.parametrize(
    "caption",
    ["表1  住宿收费项目及标准（单位：元）", "表2 代办项目收费标准", "附表：培训经费开支标准", "各校补助资金分配标准（金额单位：万元）"],
)
def test_a_table_caption_is_no_document_title(caption):
    text = "\n".join(
        [
            "某县第三中学2025年春季学期收费公示",
            "根据有关规定，现将本校收费项目公示如下，接受家长监督。",
            caption,
            "序号：1；项目：住宿费；标准（元）：300",
            "序号：2；项目：作业本费；标准（元）：20",
            "学校总务处负责解释。",
        ]
    )
    docs = split_documents(LoadedFile("fees.txt", "txt", (PageText(None, text),)))
    assert [d.title for d in docs] == ["某县第三中学2025年春季学期收费公示"]


def test_a_line_right_above_a_tables_first_row_is_its_caption():
    rows = ["序号：1；项目：住宿费；标准（元）：300", "序号：2；项目：作业本费；标准（元）：20"]
    text = "\n".join(["某县第三中学收费公示", "现将本校收费项目公示如下，接受家长监督。", "代办服务收费标准", *rows, "以上收费自愿。"])
    loaded = LoadedFile("fees.docx", "docx", (PageText(None, text),), records=frozenset(rows))
    assert [d.title for d in split_documents(loaded)] == ["某县第三中学收费公示"]
    # The same line above text, not a table, still opens a document of its own.
    text = "\n".join(["某县第三中学收费公示", "现将本校收费项目公示如下。", "代办服务收费标准", "各项代办费用据实结算，多退少补，学期末公布。"])
    loaded = LoadedFile("fees.docx", "docx", (PageText(None, text),))
    assert [d.title for d in split_documents(loaded)] == ["某县第三中学收费公示", "代办服务收费标准"]


def test_a_title_that_ends_in_a_genre_word_still_opens_a_document():
    text = "甲县教师考核办法\n第一条 为了规范考核，制定本办法。\n乙县学生资助标准\n第一条 资助对象为在校学生。"
    docs = split_documents(LoadedFile("two.txt", "txt", (PageText(None, text),)))
    assert [d.title for d in docs] == ["甲县教师考核办法", "乙县学生资助标准"]


@pytest.mark.parametrize(
    ("name", "value", "date", "spoken"),
    [
        ("认定时间", "2025-03-10", (2025, 3, 10), "2025年3月10日"),
        ("认定时间", "2024.09", (2024, 9, None), "2024年9月"),
        ("备注", "2025/3/1", (2025, 3, 1), "2025年3月1日"),
        ("日期", "10.15", (None, 10, 15), "10月15日"),
        ("日期", "10/16", (None, 10, 16), "10月16日"),
        ("单价", "10.15", None, "10.15"),  # not a column of dates: a figure
        ("补助金额（元）", "2024.12", None, "2024.12"),  # a column with its own measure holds amounts
        ("日期", "13.40", None, "13.40"),  # no month 13
    ],
)
def test_dates_written_with_figures_only(name, value, date, spoken):
    assert figure_date(name, value) == date
    assert spoken_date(name, value) == spoken


def test_a_row_read_as_statements_says_its_dates_in_words():
    assert as_statements([("姓名", "张三"), ("认定时间", "2025-03-10")]) == "姓名张三；认定时间2025年3月10日"


def test_rows_hold_their_days_in_every_form():
    assert [sorted(row_days(r)) for r in MENU] == [[(3, 3)], [(3, 4)], [(3, 5)], [(3, 6)]]


def test_a_day_named_in_another_form_points_at_its_row():
    assert rows_pointed("3月4号喝什么汤？", MENU) == ((1,), "day")
    assert rows_pointed("3号那天的汤是什么？", MENU) == ((0,), "day")


@pytest.mark.parametrize("question", ["3号楼在哪里？", "15日内办结吗？", "第5号文件是什么？", "3月4号呢？"])
def test_what_is_no_day_without_its_month(question):
    assert not month_days_named(question)


def test_a_day_of_the_month_a_table_lacks_is_missing():
    assert days_missing("9号喝什么汤？", MENU) == {(3, 9)}
    assert days_missing("5号喝什么汤？", MENU) == set()


def test_a_demonstrative_after_a_rows_name_is_no_word_one_character_off():
    row = [("序号", "3"), ("收费项目", "新生体检费"), ("收费对象", "七年级新生")]
    assert word_mismatch("新生体检那笔费用由谁交？", row) is None
    assert word_mismatch("新生体检站在哪里？", row) is not None


_FEES = """<html><head><meta charset="utf-8"><title>某县实验小学收费公示</title></head><body>
<h1>某县实验小学2026年春季学期收费公示</h1>
<p>根据上级有关规定，现将本校本学期收费项目公示如下，请家长监督。</p>
<p>表1 服务性收费（单位：元）</p>
<table><tr><th>序号</th><th>项目</th><th>计费单位</th><th>依据</th></tr>
<tr><td>1</td><td>午休看护费</td><td>生·学期</td><td>县发改文件</td></tr>
<tr><td>2</td><td>延时托管费</td><td>生·月</td><td>按成本核定</td></tr>
<tr><td>3</td><td>游学活动费</td><td>生·次</td><td>据实收取</td></tr></table>
<p>表2 代收费（单位：元）</p>
<table><tr><th>序号</th><th>项目</th><th>计费单位</th><th>依据</th></tr>
<tr><td>1</td><td>练习册费</td><td>生·学期</td><td>据实收取</td></tr>
<tr><td>2</td><td>保险费</td><td>生·年</td><td>据实收取</td></tr></table>
<p>家长对收费有疑问的，可向学校总务处咨询。</p>
</body></html>"""


@pytest.fixture(scope="module")
def fee_service(tmp_path_factory):
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    root = tmp_path_factory.mktemp("fees")
    docs = root / "docs"
    docs.mkdir()
    (docs / "fees.html").write_text(_FEES, encoding="utf-8")
    service = GovdocService(Settings(data_dir=docs, store={"index_dir": root / "index"}))
    assert not service.ingest([docs]).errors
    yield service
    service.close()


def test_a_count_runs_over_the_tables_of_one_document_that_share_a_header(fee_service):
    from index_checks import ask_checked

    answer = ask_checked(fee_service, "两张表里依据写“据实收取”的一共有几项？")
    assert "共3项" in answer.text
    assert {c.quote.split("；")[1] for c in answer.citations} == {"项目：游学活动费", "项目：练习册费", "项目：保险费"}
    assert {c.doc_title for c in answer.citations} == {"某县实验小学2026年春季学期收费公示"}


def test_a_count_of_one_table_named_by_its_number_stays_in_it(fee_service):
    from index_checks import ask_checked

    answer = ask_checked(fee_service, "表2里依据写“据实收取”的一共有几项？")
    assert "共2项" in answer.text


def test_an_item_after_a_middle_dot_is_counted(fee_service):
    from index_checks import ask_checked

    answer = ask_checked(fee_service, "按学期收取的费用项目总共有几项？")
    assert "共2项" in answer.text


# -- school classes, weeks and days of the week, units of measure, other terms -------------------------

AID = [
    [("序号", "1"), ("姓名", "赵一"), ("班级", "七（3）班"), ("金额（元）", "500")],
    [("序号", "2"), ("姓名", "钱二"), ("班级", "七（3）班"), ("金额（元）", "250")],
    [("序号", "3"), ("姓名", "孙三"), ("班级", "七（1）班"), ("金额（元）", "500")],
    [("序号", "4"), ("姓名", "李四"), ("班级", "七年级3班"), ("金额（元）", "250")],
    [("序号", "合计"), ("姓名", "4人"), ("金额（元）", "1500")],
]


@pytest.mark.parametrize(
    ("text", "classes"),
    [
        ("七年级三班", {(7, 3)}),
        ("七（3）班", {(7, 3)}),
        ("七年级3班", {(7, 3)}),
        ("初一3班", {(7, 3)}),
        ("高二(1)班", {(11, 1)}),
        ("七、八年级学生", set()),
        ("3班", set()),
        ("七3班", set()),
    ],
)
def test_school_classes_in_every_form(text, classes):
    from assistant.table import classes_named

    assert classes_named(text) == classes


def test_a_count_of_a_class_counts_it_in_every_form():
    from assistant.table import count_rows

    found = count_rows("七年级三班一共几个学生？", AID)
    assert found is not None and found.column == "班级" and found.rows == (0, 1, 3)


def test_a_class_named_in_another_form_is_the_rows_own():
    from assistant.table import short_forms

    assert short_forms(["七年级", "一班", "八年级"], AID[2]) == ["七年级", "一班"]


def test_a_week_named_by_its_number_narrows_a_day_of_the_week():
    menu = [
        [("日期", "3月2日"), ("星期", "星期一"), ("汤", "冬瓜汤")],
        [("日期", "3月3日"), ("星期", "星期二"), ("汤", "紫菜汤")],
        [("日期", "3月9日"), ("星期", "星期一"), ("汤", "萝卜汤")],
        [("日期", "3月10日"), ("星期", "星期二"), ("汤", "番茄汤")],
    ]
    assert rows_pointed("第四周星期二喝什么汤？", menu, "某小学第三、四周午餐食谱") == ((3,), "day")
    assert rows_pointed("第一周星期一喝什么汤？", menu) == ((0,), "day")
    assert rows_pointed("星期一喝什么汤？", menu) == ((0, 2), "day")
    # A week the table does not cover narrows nothing.
    assert rows_pointed("第九周星期一喝什么汤？", menu, "某小学第三、四周午餐食谱") == ((0, 2), "day")


@pytest.mark.parametrize(
    ("text", "days"), [("这三周一共有几天", set()), ("三周一次", set()), ("每周一", {1}), ("星期一共有几节", {1})]
)
def test_a_week_counted_is_no_day_of_the_week(text, days):
    from assistant.table import weekdays_named

    assert weekdays_named(text) == days


def test_a_week_number_is_no_ordinal_in_a_name():
    from assistant.table import ordinal_unheld

    assert ordinal_unheld("第七周星期二喝什么汤？", [("星期", "星期二"), ("汤", "紫菜汤")]) == ""


def test_a_unit_of_measure_is_no_body():
    from assistant.table import kinds_of_column

    assert "body" not in kinds_of_column("计费单位")
    assert "body" in kinds_of_column("责任单位")


_TWIN = """<html><head><meta charset="utf-8"><title>{school}收费公示</title></head><body>
<h1>{school}2026年春季学期收费公示</h1>
<p>根据上级有关规定，现将本校本学期收费项目公示如下，请家长监督。</p>
<table><tr><th>序号</th><th>项目</th><th>标准（元）</th><th>收费对象</th></tr>
<tr><td>1</td><td>午休看护费</td><td>{fee}</td><td>{who}</td></tr>
<tr><td>2</td><td>游学活动费</td><td>120</td><td>自愿参加的学生</td></tr></table>
<p>家长对收费有疑问的，可向学校总务处咨询。</p>
</body></html>"""


def test_a_row_that_two_documents_list_alike_is_quoted_from_both(tmp_path):
    from index_checks import ask_checked

    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, school, fee, who in [("a.html", "某县实验小学", "200", "午休学生"), ("b.html", "某县城关小学", "180", "在校午休的学生")]:
        (docs / name).write_text(_TWIN.format(school=school, fee=fee, who=who), encoding="utf-8")
    service = GovdocService(Settings(data_dir=docs, store={"index_dir": tmp_path / "index"}))
    try:
        assert not service.ingest([docs]).errors
        answer = ask_checked(service, "午休看护费一学期收多少钱？")
        assert "200" in answer.text and "180" in answer.text
        assert {c.doc_title[:6] for c in answer.citations} == {"某县实验小学", "某县城关小学"}
        # Naming one school asks of its notice alone.
        answer = ask_checked(service, "城关小学午休看护费一学期收多少钱？")
        assert "180" in answer.text and "200" not in answer.text
    finally:
        service.close()


def test_a_numeral_before_what_it_counts_is_no_part_of_a_word_or_name():
    from assistant.evidence import focus_of
    from assistant.table import person_names

    terms = [t for t, _ in focus_of("午休看护费一学期收多少钱？", lambda w: 1.0).terms]
    assert "费一" not in terms and "学期" in terms
    assert "统一" in [t for t, _ in focus_of("统一学期安排吗？", lambda w: 1.0).terms]
    assert "费一" not in person_names("午休看护费一学期收多少钱？")


_SIDEWAYS = """<html><head><meta charset="utf-8"><title>分工</title></head><body><h1>某校领导分工</h1>
<p>现将分工公布如下。</p>
<table><tr><th>姓名</th><td>张三</td><td>李四</td></tr>
<tr><th>职务</th><td>校长</td><td>副校长</td></tr>
<tr><th>分管工作</th><td>全面工作</td><td>教学、德育</td></tr></table>
<table><tr><th>节次</th><th>星期一</th><th>星期二</th></tr>
<tr><th>第一节</th><td>语文</td><td>数学</td></tr></table>
</body></html>"""


def test_a_table_named_down_its_first_column_is_read_by_columns(tmp_path):
    from ingest.load import load_file

    path = tmp_path / "sideways.html"
    path.write_text(_SIDEWAYS, encoding="utf-8")
    loaded = load_file(path)
    assert loaded.records == {
        "姓名：张三；职务：校长；分管工作：全面工作",
        "姓名：李四；职务：副校长；分管工作：教学、德育",
        # A header row of <th> keeps the table as it stands, though its first column is <th> too.
        "节次：第一节；星期一：语文；星期二：数学",
    }


_TIMETABLE = """<html><head><meta charset="utf-8"><title>课程表</title></head><body><h1>某县中学七年级（2）班课程表</h1>
<p>现将本学期课程表公布如下，请同学们按时上课。</p>
<table><tr><th>时段</th><th>节次</th><th>星期三</th><th>星期四</th></tr>
<tr><td>上午</td><td>第一节</td><td>语文</td><td>数学</td></tr>
<tr><td>下午</td><td>第五节</td><td>美术</td><td>音乐</td></tr></table>
<p>课程如有调整，另行通知。</p></body></html>"""
_EXAMS = """<html><head><meta charset="utf-8"><title>考试安排</title></head><body><h1>某县中学期末考试安排的通知</h1>
<p>现将本学期期末考试安排通知如下，请各班做好准备。</p>
<table><tr><th>日期</th><th>时间</th><th>考试科目</th></tr>
<tr><td>1月7日（星期三）</td><td>8:30—10:00</td><td>地理</td></tr>
<tr><td>1月8日（星期四）</td><td>14:30—16:00</td><td>生物</td></tr></table>
<p>考试期间请保持安静。</p></body></html>"""
_TASKS = """<html><head><meta charset="utf-8"><title>分工</title></head><body><h1>某县教研工作实施方案</h1>
<p>为做好本年度教研工作，现将任务分工明确如下，请各单位抓好落实。</p>
<table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>完成时限</th></tr>
<tr><td>1</td><td>组织校际联合教研活动</td><td>县教育局基础教育科</td><td>2026年6月</td></tr>
<tr><td>2</td><td>开展青年教师基本功比赛</td><td>县教师进修学校</td><td>2026年10月</td></tr></table>
<p>各单位要按时报送进展情况。</p></body></html>"""


@pytest.fixture(scope="module")
def school_service(tmp_path_factory):
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    root = tmp_path_factory.mktemp("school")
    docs = root / "docs"
    docs.mkdir()
    for name, text in [("kebiao.html", _TIMETABLE), ("exams.html", _EXAMS), ("tasks.html", _TASKS)]:
        (docs / name).write_text(text, encoding="utf-8")
    service = GovdocService(Settings(data_dir=docs, store={"index_dir": root / "index"}))
    assert not service.ingest([docs]).errors
    yield service
    service.close()


def test_a_day_asked_of_two_tables_is_answered_by_the_one_the_question_names(school_service):
    from index_checks import ask_checked

    answer = ask_checked(school_service, "礼拜四下午有什么考试？")
    assert "生物" in answer.text and "音乐" not in answer.text
    assert {c.doc_title for c in answer.citations} == {"某县中学期末考试安排的通知"}


def test_which_office_is_asked_of_a_column_of_bodies(school_service):
    from index_checks import ask_checked

    answer = ask_checked(school_service, "校际联合教研活动归哪个科室牵头？")
    assert not answer.refused and "县教育局基础教育科" in answer.text


def test_a_count_of_a_whole_table_counts_no_column_of_figures():
    from assistant.table import distinct_count

    assert distinct_count("名单上总共有多少个学生？金额合计多少？", AID, "个") == ("姓名", 4)
