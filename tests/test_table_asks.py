"""Questions asked of a table the way office staff ask them: counting its rows in prose (一共有多少个科室？),
naming it by a generic word (清单, 一览表, 明细) or by its document (读书节预算表第一行), asking of a column
or a subject it lacks (电话, a person not listed), reading a header merged over two rows (数量（件） over
计划 and 已到), and totalling a column by its totals row, by a sum, or over the rows it names. Fixtures:
supplies.docx, contacts.html, reading.docx, schedule.pdf and research.html beside the other table fixtures
(tests/data/make_table_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_service import service_over
from index_checks import ask_checked as _ask
from judges import shipped_judge

from assistant.evidence import focus_of
from ingest.chunk import chunk_document
from ingest.config import ChunkSettings
from ingest.load import load_file
from ingest.record import parse_record
from ingest.split import split_documents

FIXTURES = Path(__file__).resolve().parent / "data"
INDEXED = (
    "tasks_plan.docx",
    "budget.pdf",
    "duty.html",
    "holiday.html",
    "supplies.docx",
    "contacts.html",
    "reading.docx",
    "schedule.pdf",
    "research.html",
)

SUPPLIES = [
    "序号：1；物品名称：A4打印纸；数量（件）·计划：200；数量（件）·已到：150；金额（元）：4,600；经办人：孙红",
    "序号：2；物品名称：签字笔；数量（件）·计划：500；数量（件）·已到：500；金额（元）：1,000；经办人：孙红",
    "序号：3；物品名称：文件盒；数量（件）·计划：300；数量（件）·已到：120；金额（元）：2,400；经办人：周涛",
    "序号：4；物品名称：硒鼓；数量（件）·计划：40；数量（件）·已到：40；金额（元）：6,800；经办人：周涛",
    "序号：5；物品名称：订书机；数量（件）·计划：30；数量（件）·已到：0；金额（元）：450；经办人：吴静",
]
SUPPLIES_TOTAL = "序号：合计；数量（件）·计划：1,070；数量（件）·已到：810；金额（元）：15,250"
CONTACTS = [
    "科室：办公室；联系人：林晓；职务：副主任；办公室：201室",
    "科室：人事科；联系人：郑伟；职务：科长；办公室：305室",
    "科室：计划财务科；联系人：何敏；职务：副科长；办公室：306室",
    "科室：基础教育科；联系人：高翔；职务：科员；办公室：402室",
    "科室：安全稳定科；联系人：许丽；职务：科长；办公室：405室",
]
SCHEDULE = [
    "日期：7月8日；时段：上午；培训内容：新时代班主任工作要求；主讲人：王立新；地点：报告厅",
    "日期：7月8日；时段：下午；培训内容：班级管理案例分享；主讲人：陈雪梅；地点：报告厅",
    "日期：7月9日；时段：上午；培训内容：家校沟通的方法与技巧；主讲人：刘洪；地点：三楼会议室",
    "日期：7月9日；时段：下午；培训内容：心理健康教育实务；主讲人：赵晓燕；地点：三楼会议室",
    "日期：7月10日；时段：上午；培训内容：分组研讨；主讲人：各组组长；地点：各分组教室",
    "日期：7月10日；时段：下午；培训内容：结业考核；主讲人：培训中心；地点：报告厅",
]
RESEARCH = [
    "序号：1；活动名称：骨干教师跟岗研修；起止日期：7月14日至7月18日；负责人：黄丽；联系电话：13800001111；经费（万元）：3.5",
    "序号：2；活动名称：新教师集中培训；起止日期：7月21日—7月23日；负责人：邓强；经费（万元）：1.2",
    "序号：3；活动名称：班主任工作论坛；起止日期：8月5日；负责人：韩梅；联系电话：13800003333；经费（万元）：0.8",
]
READING = [
    "序号：1；项目：图书采购；预算（元）：3,000；负责人：钱芳",
    "序号：2；项目：作家进校园讲座；预算（元）：2,000；负责人：马骏",
    "序号：3；项目：读书征文奖品；预算（元）：800；负责人：钱芳",
]


def _lines(name: str) -> tuple[str, list[str]]:
    """A fixture's document title and its record lines, in order."""
    (doc,) = split_documents(load_file(FIXTURES / name))
    chunk_document(doc, ChunkSettings())
    return doc.title, [doc.text[a:b] for a, b in doc.records]


def _rows(name: str) -> tuple[str, list[list[tuple[str, str]]]]:
    title, lines = _lines(name)
    return title, [parse_record(line) or [] for line in lines]


def _focus(question: str):  # type: ignore[no-untyped-def]
    return focus_of(question, lambda term: 1.0)


def test_a_header_merged_over_two_rows_names_each_leaf_column_and_the_totals_row_keeps_its_place():
    title, lines = _lines("supplies.docx")
    assert title == "某校2025年秋季学期办公用品采购方案"
    assert lines == [*SUPPLIES, SUPPLIES_TOTAL]
    _, contacts = _lines("contacts.html")
    assert contacts == CONTACTS
    title, schedule = _lines("schedule.pdf")
    assert title == "某区2025年暑期班主任培训班日程安排" and schedule == SCHEDULE


def test_columns_of_people_and_words_that_name_a_table():
    from assistant.table import kinds_of_column, names_table, person_names

    assert kinds_of_column("经办人") == {"person"} and kinds_of_column("负责人") == {"person"}
    assert "person" not in kinds_of_column("人数") and "person" not in kinds_of_column("数量（件）·已到")
    own = "序号 项目 预算（元） 负责人 某校2025年读书节活动方案 一、经费预算"
    assert names_table("清单", own) and names_table("一览表", own) and names_table("明细", own)
    assert names_table("预算表", own) and names_table("表里", own)  # 预算 is one of the table's own names
    assert not names_table("代表", own) and not names_table("图书", own)
    # A name outside the dictionary read as a person's; a dictionary word the tagger reads so is not.
    assert person_names("王刚在哪个办公室？") == ("王刚",)
    assert person_names("城南小学这次改造了什么？") == ()


def test_the_judge_counts_every_row_of_the_table_a_question_names_by_what_it_is():
    judge = shipped_judge()
    s_title, supplies = _rows("supplies.docx")
    c_title, contacts = _rows("contacts.html")
    r_title, reading = _rows("reading.docx")
    tables, names = [supplies, contacts, reading], [s_title, c_title, r_title]

    def rule(question: str):  # type: ignore[no-untyped-def]
        return judge.table_ruling(question, tables, names, _focus(question))

    offices = rule("一共有多少个科室？")
    assert offices is not None and (offices.kind, offices.table, offices.rows, offices.value, offices.measure) == (
        "count",
        1,
        (0, 1, 2, 3, 4),
        "",
        "个",
    )
    kinds = rule("采购的物品一共有多少种？")  # the 合计 row is no item
    assert kinds is not None and (kinds.table, kinds.rows, kinds.measure) == (0, (0, 1, 2, 3, 4), "种")
    projects = rule("读书节预算一共有几个项目？")  # 读书节 names the document, 项目 its rows
    assert projects is not None and (projects.table, projects.rows) == (2, (0, 1, 2))
    # A value no cell holds is no count of every row: 区体育局 is in no table.
    assert rule("区体育局牵头的任务有几项？") is None
    # Without the question's focus words the judge never counts every row.
    assert judge.table_ruling("一共有多少个科室？", tables, names) is None


def test_the_judge_totals_the_column_named_and_the_table_its_document_names():
    judge = shipped_judge()
    s_title, supplies = _rows("supplies.docx")
    r_title, reading = _rows("reading.docx")
    _, costs = _rows("budget.pdf")
    planned = judge.table_ruling("计划采购的数量一共多少件？", [supplies, reading], [s_title, r_title])
    assert planned is not None and (planned.kind, planned.rows, planned.column, planned.value) == (
        "total",
        (5,),
        "数量（件）·计划",
        "1,070",
    )
    # 读书 also stands in a row (读书征文奖品), but it is the document's name: the whole table is asked.
    summed = judge.table_ruling("读书节的预算总共要花多少钱？", [costs, supplies, reading], ["", s_title, r_title])
    assert summed is not None and (summed.kind, summed.table, summed.rows, summed.column, summed.value) == (
        "sum",
        2,
        (0, 1, 2),
        "预算（元）",
        "5,800",
    )
    assert judge.table_order("读书节预算表第一行是什么？", [costs, supplies, reading], ["", s_title, r_title])[0] == 2


def test_a_day_of_two_rows_is_narrowed_by_a_cell_and_counted_once():
    from assistant.table import day_part_missing, distinct_count, lacks_asked, rows_pointed

    _, schedule = _rows("schedule.pdf")
    assert rows_pointed("7月9日下午讲什么？", schedule) == ((3,), "day")
    assert rows_pointed("7月9日讲什么？", schedule) == ((2, 3), "day")
    assert distinct_count("培训一共几天？", schedule, "天") == ("日期", 3)
    assert day_part_missing("7月10日晚上安排了什么？", schedule) == "7月10日晚上"
    assert day_part_missing("7月10日下午安排了什么？", schedule) == ""
    assert distinct_count("培训一共有几场？", schedule, "场") == ("培训内容", 6)  # six sessions, not days
    # The person a question names is what it asks about: her 主讲人 cell does not say her unit.
    assert lacks_asked("赵晓燕是哪个单位的？", schedule[3]) != ""
    assert lacks_asked("心理健康教育实务是谁讲的？", schedule[3]) == ""


def test_a_rank_with_deputy_a_role_asked_by_its_noun_and_a_length_of_time_are_told_apart():
    from assistant.table import asked_role_unheld, count_measure, deputy_mismatch, lacks_asked

    _, contacts = _rows("contacts.html")
    _, reading = _rows("reading.docx")
    _, supplies = _rows("supplies.docx")
    assert deputy_mismatch("安全稳定科的副科长是谁？", contacts[4]) == "副科长"
    assert deputy_mismatch("办公室主任是谁？", contacts[0]) == "主任"  # the cell says 副主任
    assert deputy_mismatch("计划财务科的副科长是谁？", contacts[2]) == ""
    assert asked_role_unheld("作家进校园讲座请的是哪位作家？", reading[1]) == "作家"
    assert asked_role_unheld("硒鼓是哪个厂家的？", supplies[3]) == "厂家"
    assert asked_role_unheld("读书征文奖品由哪位老师负责？", reading[2]) == ""  # 老师 is a kind of column
    assert asked_role_unheld("国庆节当天是哪两位老师值班？", [("日期", "10月6日"), ("值班人员", "甲、乙")]) == ""
    assert count_measure("讲几个小时？") == "" and count_measure("有几个项目？") == "个"
    # 多少本 asks a quantity; a row with none (预算 only) does not hold it, one with 数量（件） does.
    assert lacks_asked("图书采购买多少本书？", reading[0]) == "quantity"
    assert lacks_asked("签字笔计划采购多少件？", supplies[1]) == ""


def test_a_total_over_the_rows_a_question_names():
    from assistant.table import rows_total, subjects_named

    _, supplies = _rows("supplies.docx")
    assert subjects_named("硒鼓和签字笔一共花了多少钱？", supplies) == (1, 3)
    summed = rows_total("硒鼓和签字笔一共花了多少钱？", supplies)
    assert summed is not None and (summed.column, summed.value, summed.rows) == ("金额（元）", "7,800", (1, 3))
    assert rows_total("硒鼓花了多少钱？", supplies) is None  # one row, and no total asked


def test_sentences_beside_a_table_do_not_answer_for_a_subject_it_does_not_list():
    from assistant.judge import TableEvidence, table_gap

    title, contacts = _rows("contacts.html")
    evidence = TableEvidence((tuple(contacts),), frozenset(range(0)), names=(title,))
    prose = ["关于公布机关各科室联系人的通知  为方便工作联系，现将机关各科室联系人公布如下。"]
    question = "审计科的联系人是谁？"
    assert table_gap(question, _focus(question), prose, evidence) == "查到的相关内容里没有提到「审计」"
    question = "张晓明在哪个科室？"
    assert table_gap(question, _focus(question), prose, evidence) == "查到的相关内容里没有提到「张晓明」"
    # A subject the table lists is not refused here (its own row has been judged already).
    question = "人事科的联系人是谁？"
    assert table_gap(question, _focus(question), prose, evidence) == ""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService (default embedder) over nine documents holding twelve tables, built once."""
    built = service_over(tmp_path_factory.mktemp("asks"), INDEXED)
    yield built
    built.close()


def _cited(answer, source: str) -> list[str]:  # type: ignore[no-untyped-def]
    assert not answer.refused, answer.notes
    assert all(c.source.endswith(source) for c in answer.citations)
    return [c.quote for c in answer.citations]


@pytest.mark.slow
def test_a_count_in_prose_quotes_every_row_counted(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "一共有多少个科室？")
    assert answer.text.startswith("表中共列有5个：\n")
    assert _cited(answer, "contacts.html") == CONTACTS
    answer = _ask(service, "采购的物品一共有多少种？")
    assert answer.text.startswith("表中共列有5种：\n")
    assert _cited(answer, "supplies.docx") == SUPPLIES
    answer = _ask(service, "周涛经办的物品共几项？")
    assert answer.text.startswith("表中经办人为“周涛”的共2项：\n")
    assert _cited(answer, "supplies.docx") == SUPPLIES[2:4]


@pytest.mark.slow
def test_a_table_named_by_a_generic_word_is_answered_with_the_row(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "采购清单里硒鼓花了多少钱？")
    assert _cited(answer, "supplies.docx") == [SUPPLIES[3]]
    assert ("金额（元）", "6,800") in answer.citations[0].row
    answer = _ask(service, "联系人一览表中计划财务科的联系人是谁？")
    assert _cited(answer, "contacts.html") == [CONTACTS[2]] and answer.text == f"联系人为何敏。\n{CONTACTS[2]}[1]"
    answer = _ask(service, "采购明细中文件盒的经办人是谁？")
    assert _cited(answer, "supplies.docx") == [SUPPLIES[2]] and ("经办人", "周涛") in answer.citations[0].row


@pytest.mark.slow
def test_a_row_named_by_its_place_comes_from_the_table_the_question_names(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "读书节预算表第一行是什么？")
    assert _cited(answer, "reading.docx") == [READING[0]]
    answer = _ask(service, "教师培训经费预算表第二行是什么？")
    assert _cited(answer, "budget.pdf") == ["项目：班主任培训；预算（万元）：8；负责部门：德育处；备注：每学期一次"]
    # The row alone: the sentence that introduces the table does not pose as the second row.
    answer = _ask(service, "春节慰问表第二行是什么？")
    assert _cited(answer, "holiday.html") == ["序号：2；慰问对象：家庭困难学生；金额（元）：5,000；经办科室：学生资助科"]


@pytest.mark.slow
def test_a_column_or_a_subject_the_table_lacks_is_refused_with_the_reason(service):  # type: ignore[no-untyped-def]
    cases = {
        "人事科联系人的电话是多少？": "表中与「人事科」对应的一行没有写明「电话」",
        "文件盒的单价是多少？": "表中与「文件盒」对应的一行没有写明「单价」",
        "硒鼓是哪个厂家的？": "表中与「硒鼓」对应的一行没有写明「厂家」",
        "审计科的联系人是谁？": "查到的相关内容里没有提到「审计」",
        "王刚在哪个办公室？": "查到的相关内容里没有提到「王刚」",
        "投影仪买了多少？": "查到的相关内容里没有提到「投影仪」",
    }
    for question, reason in cases.items():
        answer = _ask(service, question)
        assert answer.refused and not answer.citations, (question, answer.text)
        assert answer.notes == (reason,), question
    # The office's own row still answers, though 办公室 is also a column's name.
    answer = _ask(service, "办公室的联系人是谁？")
    assert _cited(answer, "contacts.html") == [CONTACTS[0]]
    # A 副科长 is not the 科长 of the office named, nor the 副科长 of another office.
    for question in ("安全稳定科的副科长是谁？", "作家进校园讲座请的是哪位作家？", "心理健康教育实务讲几个小时？"):
        answer = _ask(service, question)
        assert answer.refused and not answer.citations, (question, answer.text)
    answer = _ask(service, "人事科科长是谁？")
    assert _cited(answer, "contacts.html") == [CONTACTS[1]]


@pytest.mark.slow
def test_a_leaf_of_a_merged_header_is_answered_with_its_row(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "签字笔计划采购多少件？")
    assert _cited(answer, "supplies.docx") == [SUPPLIES[1]]
    assert ("数量（件）·计划", "500") in answer.citations[0].row
    answer = _ask(service, "订书机已到多少件？")
    assert _cited(answer, "supplies.docx") == [SUPPLIES[4]]
    assert ("数量（件）·已到", "0") in answer.citations[0].row


@pytest.mark.slow
def test_a_total_is_the_totals_row_of_the_column_named_or_a_sum_without_one(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "采购金额一共多少钱？")
    assert answer.text == f"表中合计的金额为15,250元：\n{SUPPLIES_TOTAL}[1]"
    assert _cited(answer, "supplies.docx") == [SUPPLIES_TOTAL]
    answer = _ask(service, "计划采购的数量一共多少件？")
    assert answer.text == f"表中合计的数量（计划）为1,070件：\n{SUPPLIES_TOTAL}[1]"
    answer = _ask(service, "读书节的预算总共要花多少钱？")
    assert answer.text.startswith("表中没有合计行，各行预算相加共5,800元：\n")
    assert _cited(answer, "reading.docx") == READING


@pytest.mark.slow
def test_a_schedule_row_by_day_and_time_of_day_and_a_count_of_its_days(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "7月9日下午讲什么？")
    assert _cited(answer, "schedule.pdf") == [SCHEDULE[3]]
    assert ("培训内容", "心理健康教育实务") in answer.citations[0].row
    answer = _ask(service, "培训一共几天？")
    assert answer.text.startswith("表中共列有3天：\n")
    assert _cited(answer, "schedule.pdf") == SCHEDULE
    answer = _ask(service, "赵晓燕是哪个单位的？")
    assert answer.refused and not answer.citations
    assert answer.notes == ("表中与「赵晓燕」对应的一行没有写明「单位」",)
    answer = _ask(service, "7月10日晚上安排了什么？")
    assert answer.refused and not answer.citations and answer.notes == ("表中没有7月10日晚上的安排",)


@pytest.mark.slow
def test_a_total_of_two_named_rows_and_of_a_table_named_by_the_line_above_it(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "硒鼓和签字笔一共花了多少钱？")
    assert answer.text.startswith("表中所问2行的金额相加共7,800元：\n")
    assert _cited(answer, "supplies.docx") == [SUPPLIES[1], SUPPLIES[3]]
    # 其他 stands only in the line that introduces the holiday cost table (…其他工作费用安排如下。).
    answer = _ask(service, "其他工作的费用总共要花多少钱？")
    assert answer.text.startswith("表中没有合计行，各行费用相加共2.8万元：\n")
    assert _cited(answer, "holiday.html") == [
        "序号：1；工作内容：春联福字印制；费用（万元）：0.5",
        "序号：2；工作内容：校园安全巡查；费用（万元）：2.3",
    ]


def test_a_word_one_character_off_a_row_or_a_column_is_not_that_row():
    from assistant.table import Mismatch, word_mismatch

    _, supplies = _rows("supplies.docx")
    _, schedule = _rows("schedule.pdf")
    _, contacts = _rows("contacts.html")
    assert word_mismatch("复印纸花了多少钱？", supplies[0]) == Mismatch("复印纸", "打印纸", "物品名称")
    assert word_mismatch("文件夹花了多少钱？", supplies[2]) == Mismatch("文件夹", "文件盒", "物品名称")
    assert word_mismatch("结业考核由谁主持？", schedule[5]) == Mismatch("主持人", "主讲人", "")
    assert word_mismatch("结业考核的主持人是谁？", schedule[5]) == Mismatch("主持人", "主讲人", "")
    assert word_mismatch("7月10日上午讲什么？", schedule[5]) == Mismatch("上午", "下午", "时段")
    assert word_mismatch("7月8日上午在几楼上课？", schedule[0]) is None  # 上课 is no kin of 上午
    # The row's own words, a short form, a role it has, a name, a day and what is asked are no mismatch.
    assert word_mismatch("打印纸花了多少钱？", supplies[0]) is None
    assert word_mismatch("7月10日下午谁讲课？", schedule[5]) is None
    assert word_mismatch("结业考核由谁主讲？", schedule[5]) is None
    assert word_mismatch("审计科的联系人是谁？", contacts[1]) is None  # 科的 is no word
    assert word_mismatch("赵晓燕是哪个单位的？", contacts[0]) is None  # 赵晓 is part of a name, not 林晓
    assert word_mismatch("视力筛查是哪一级财政拨的？", [("资金来源", "区级财政")]) is None
    assert word_mismatch("10月3号谁带班？", [("日期", "10月3日"), ("带班领导", "赵敏")]) is None


def test_a_role_asked_by_what_a_person_does_needs_a_column_named_for_it():
    from assistant.table import role_unheld

    _, research = _rows("research.html")
    _, schedule = _rows("schedule.pdf")
    _, supplies = _rows("supplies.docx")
    assert role_unheld("班主任工作论坛由谁主持？", research[2]) == "主持"  # its 负责人 is not said to 主持
    assert role_unheld("订书机谁审核的？", supplies[4]) == "审核"
    assert role_unheld("班主任工作论坛谁负责？", research[2]) == ""
    assert role_unheld("7月9日下午谁讲课？", schedule[3]) == ""  # 讲 of 主讲人
    assert role_unheld("订书机是谁经办的？", supplies[4]) == ""


def test_a_floor_a_span_of_days_and_a_blank_cell():
    from assistant.table import blank_named, holds_kind, lacks_asked, row_days

    _, schedule = _rows("schedule.pdf")
    _, research = _rows("research.html")
    _, holiday = _rows("holiday.html")
    assert lacks_asked("报告厅在几楼？", schedule[0]) == "floor"  # 报告厅 says no floor
    assert holds_kind("floor", schedule[2])  # 三楼会议室 does
    assert (7, 22) in row_days(research[1]) and (7, 16) in row_days(research[0])
    assert row_days(research[2]) == {(8, 5)}
    assert blank_named("邓强的联系电话多少？", research, 1) == "联系电话"
    assert blank_named("黄丽的联系电话多少？", research, 0) == ""
    assert blank_named("1月30日有什么备注？", holiday[:4], 2) == "备注"


@pytest.mark.slow
def test_a_row_or_a_role_one_character_off_and_a_floor_not_stated_are_refused(service):  # type: ignore[no-untyped-def]
    cases = {
        "复印纸花了多少钱？": "表中没有「复印纸」这一项",
        "文件夹花了多少钱？": "表中没有「文件夹」这一项",
        "订书钉花了多少钱？": "表中没有「订书钉」这一项",
        "结业考核由谁主持？": "表中没有「主持人」这一栏",
        "报告厅在几楼？": "表中与「报告厅」有关的行没有写明「楼层」",
        "邓强的联系电话多少？": "表中与「邓强」对应的一行「联系电话」一栏是空的",
        "1月30日有什么备注？": "表中与「1月30日」对应的一行「备注」一栏是空的",
        # The day's row lacks a phone: the other days' rows do not answer for it.
        "10月3日带班领导的电话是多少？": "表中与「10月3日」对应的一行没有写明「电话」",
        "订书机谁审核的？": "表中没有写明由谁审核",
    }
    for question, reason in cases.items():
        answer = _ask(service, question)
        assert answer.refused and not answer.citations, (question, answer.text)
        assert answer.notes == (reason,), question
    # The row's own name in short, its own role and a floor a cell states are answered.
    answer = _ask(service, "打印纸花了多少钱？")
    assert _cited(answer, "supplies.docx") == [SUPPLIES[0]] and ("金额（元）", "4,600") in answer.citations[0].row
    answer = _ask(service, "7月9日下午谁讲课？")
    assert _cited(answer, "schedule.pdf") == [SCHEDULE[3]] and ("主讲人", "赵晓燕") in answer.citations[0].row
    answer = _ask(service, "班主任工作论坛谁负责？")
    assert _cited(answer, "research.html") == [RESEARCH[2]] and ("负责人", "韩梅") in answer.citations[0].row
    for question in ("7月9日上午在几楼？", "7月9日上午在几楼上课？"):
        answer = _ask(service, question)
        assert _cited(answer, "schedule.pdf") == [SCHEDULE[2]] and ("地点", "三楼会议室") in answer.citations[0].row


@pytest.mark.slow
def test_a_place_in_tables_named_alike_is_asked_back_and_an_answer_names_its_document(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "预算表第三行是什么？")
    assert answer.refused and not answer.citations
    assert answer.text.startswith("有多份表格都有所问的这一行：《") and answer.text.endswith("请说明问的是哪一份文件中的表格。")
    assert "《某校2025年读书节活动方案》" in answer.text and answer.notes == (answer.text,)
    # Tables of one document alike are told apart by their columns.
    answer = _ask(service, "春节第二行是什么？")
    assert answer.refused and not answer.citations and answer.text.endswith("请说明问的是哪一份表格。")
    assert "《关于2025年春节假期值班和慰问工作安排的通知》中列有“日期、值班人员、备注”的表格" in answer.text
    # One table named best by its columns, not by its document: the answer says which document.
    answer = _ask(service, "经办人一栏第三行是谁？")
    assert answer.text == f"以下摘自《某校2025年秋季学期办公用品采购方案》中的表格：\n经办人为周涛。\n{SUPPLIES[2]}[1]"
    assert _cited(answer, "supplies.docx") == [SUPPLIES[2]]
    # Named by its document, it needs no such line.
    answer = _ask(service, "读书节预算表第一行是什么？")
    assert answer.text == f"{READING[0]}[1]"


@pytest.mark.slow
def test_rows_of_a_numbered_table_by_a_day_in_their_span_their_place_and_their_whole_name(service):  # type: ignore[no-untyped-def]
    answer = _ask(service, "7月16日的活动谁负责？")
    assert _cited(answer, "research.html") == [RESEARCH[0]] and ("负责人", "黄丽") in answer.citations[0].row
    answer = _ask(service, "7月22日有什么研修活动？")
    assert [c.quote for c in answer.citations if c.row] == [RESEARCH[1]]
    answer = _ask(service, "第二项活动谁负责？")
    assert _cited(answer, "research.html") == [RESEARCH[1]] and ("负责人", "邓强") in answer.citations[0].row
    answer = _ask(service, "黄丽的联系电话多少？")
    assert _cited(answer, "research.html") == [RESEARCH[0]]
    assert ("联系电话", "13800001111") in answer.citations[0].row
    # 骨干教师研修 of the budget is another thing than 骨干教师跟岗研修, named whole.
    answer = _ask(service, "骨干教师跟岗研修经费多少万元？")
    assert _cited(answer, "research.html") == [RESEARCH[0]] and ("经费（万元）", "3.5") in answer.citations[0].row
