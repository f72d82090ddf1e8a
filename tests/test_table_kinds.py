"""Kinds of tables offices keep and the questions asked of them (issue 19): a 考核评分表 whose first
column is merged down (scoring.docx), an exam timetable with a two-row header and a day cell spanning
its slots (timetable.html), and a staff list running over a page break with its header repeated
(roster.pdf) or not (roster_plain.pdf). All made by tests/data/make_table_fixtures.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_service import service_over
from index_checks import ask_checked as _ask
from judges import shipped_judge

from assistant.table import (
    asked_attribute_unheld,
    clock_asked,
    count_rows,
    measured_cells,
    measured_lead,
    names_person,
    role_asked,
    rows_pointed,
    weekdays_named,
)
from ingest.load import load_file
from ingest.record import as_statements, column_unit, parse_record
from ingest.split import split_documents

FIXTURES = Path(__file__).resolve().parent / "data"
Rows = list[list[tuple[str, str]]]


def _rows(name: str) -> tuple[list[str], Rows]:
    """A fixture's record lines and their (column, value) pairs."""
    (doc,) = split_documents(load_file(FIXTURES / name))
    lines = [doc.text[a:b] for a, b in doc.records]
    return lines, [parse_record(line) or [] for line in lines]


def test_a_merged_first_column_is_carried_into_every_row_of_its_group():
    lines, rows = _rows("scoring.docx")
    assert lines[0] == "考核项目：制度建设；考核内容：建立食堂管理制度并上墙公示；分值：5；评分标准：未建立的扣5分"
    assert [r[0] for r in rows[:7]] == [("考核项目", g) for g in ["制度建设"] * 2 + ["过程管理"] * 3 + ["设施设备"] * 2]
    # A blank 备注 is left out of its row, a filled one kept; the 合计 cell across two columns is said once.
    assert ("备注", "须持证上岗") in rows[1] and all(name != "备注" for name, _ in rows[0])
    assert lines[-1] == "考核项目：合计；分值：30"


def test_a_day_cell_over_its_slots_and_a_two_row_header_name_every_cell():
    lines, rows = _rows("timetable.html")
    assert lines == [
        "日期：1月12日（星期一）；时间：8:30—10:30；考试科目·七年级：语文；考试科目·八年级：语文",
        "日期：1月12日（星期一）；时间：14:00—15:30；考试科目·七年级：地理；考试科目·八年级：物理",
        "日期：1月13日（星期二）；时间：9:00—10:00；考试科目·七年级：英语；考试科目·八年级：—",
        "日期：1月13日（星期二）；时间：15:00—16:00；考试科目·七年级：历史；考试科目·八年级：历史",
    ]


@pytest.mark.parametrize("name", ["roster.pdf", "roster_plain.pdf"])
def test_a_list_over_a_page_break_keeps_its_header_overleaf(name: str):
    (doc,) = split_documents(load_file(FIXTURES / name))
    lines = [doc.text[a:b] for a, b in doc.records]
    assert len(lines) == 24  # every row a record; a repeated header is no row
    assert lines[13] == "序号：14；姓名：蒋涛；工作单位：区教育局；职务：裁判员；工作分工：第4组比赛"
    assert lines[23] == "序号：24；姓名：施展；工作单位：区教育局；职务：裁判员；工作分工：第6组比赛"
    page_of = {line: page for page, line in _pages(doc)}
    assert page_of[lines[0]] == 1 and page_of[lines[13]] == 2


def _pages(doc) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    """(page, record line) for each record of a paged document."""
    out = []
    for a, b in doc.records:
        page = next(p.page for p in doc.pages if p.start <= a < p.end)
        out.append((page, doc.text[a:b]))
    return out


def test_a_column_of_counts_names_its_measure():
    assert [column_unit(n) for n in ("计划班数", "计划招生人数", "分值", "预算（万元）", "序号", "联系电话")] == [
        "班",
        "人",
        "分",
        "万元",
        "",
        "",
    ]
    assert as_statements([("计划班数", "4"), ("分值", "—"), ("预算（万元）", "8")]) == "计划班数4班；分值—；预算8万元"
    row = [("序号", "3"), ("学校名称", "城南小学"), ("计划班数", "5"), ("计划招生人数", "225")]
    assert measured_cells("城南小学招几个班、多少人？", row) == ["计划班数为5个班", "计划招生人数为225人"]
    assert measured_cells("城南小学的计划班数是多少？", row) == ["计划班数为5班"]
    assert measured_cells("城南小学在哪个街道？", row) == []
    assert measured_lead("城南小学招几个班？", [row]) == "计划班数为5个班。\n"


def test_counts_by_a_number_with_its_measure_a_word_of_a_named_column_and_filled_cells():
    _, scoring = _rows("scoring.docx")
    found = count_rows("分值是5分的考核内容共几条？", scoring)
    assert found is not None and (found.column, found.value, found.rows) == ("分值", "5", (0, 3, 4))
    found = count_rows("备注里写着留样的有几条？", scoring)
    assert found is not None and (found.column, found.value, found.rows) == ("备注", "留样", (4,))
    _, timetable = _rows("timetable.html")
    # 初二 is 八年级; its slot with — has no exam.
    found = count_rows("初二一共考几场？", timetable)
    assert found is not None and found.filled and (found.column, found.rows) == ("考试科目·八年级", (0, 1, 3))
    assert count_rows("初一一共考几场？", timetable) is None  # every slot of 七年级 is filled: no such count


def test_the_judge_counts_in_the_table_the_question_names():
    _, scoring = _rows("scoring.docx")
    _, timetable = _rows("timetable.html")
    roster = [[("日期", "1月12日"), ("星期", "星期一"), ("值班人员", "王刚")], [("日期", "1月13日"), ("星期", "星期二"), ("值班人员", "李梅")]]
    ruling = shipped_judge().table_ruling("星期一一共要考几场？", [roster, timetable])
    assert ruling is not None and (ruling.table, ruling.rows) == (1, (0, 1))
    filled = shipped_judge().table_ruling("初二一共考几场？", [scoring, timetable])
    assert filled is not None and (filled.kind, filled.table, filled.rows) == ("filled", 1, (0, 1, 3))


def test_a_slot_is_pointed_at_by_its_weekday_and_its_time():
    _, timetable = _rows("timetable.html")
    assert weekdays_named("周二和礼拜一、星期天") == {1, 2, 7}
    assert clock_asked("上午九点半那场") == 9 * 60 + 30
    assert clock_asked("下午两点考什么") == 14 * 60
    assert clock_asked("几点开始") is None
    assert rows_pointed("初二周一下午考什么？", timetable) == ((1,), "day")
    assert rows_pointed("初一礼拜二上午九点半考什么？", timetable) == ((2,), "day")
    assert rows_pointed("星期二考什么？", timetable) == ((2, 3), "day")
    roster = [[("日期", "1月12日"), ("星期", "星期一"), ("值班人员", "王刚")], [("日期", "1月13日"), ("星期", "星期二"), ("值班人员", "李梅")]]
    assert rows_pointed("星期一谁值班？", roster) == ((0,), "day")
    assert rows_pointed("星期一上午九点半考什么？", roster) == ((), "")  # that table gives no times


def test_a_role_or_an_attribute_no_row_gives_and_a_person_a_row_names():
    assert role_asked("第二考点的监考员是谁？") == "监考员"
    assert role_asked("谁是考务办公室主任？") == "主任"
    assert role_asked("10月3日是谁值班？") == ""
    row = [("序号", "9"), ("姓名", "蒋涛"), ("工作单位", "区教育局"), ("职务", "裁判员")]
    assert asked_attribute_unheld("蒋涛是什么职称？", row) == "职称"
    assert asked_attribute_unheld("蒋涛是什么职务？", row) == ""
    assert asked_attribute_unheld("蒋涛叫什么名字？", row) == ""
    prose = [("学校名称", "特教学校"), ("备注", "须经区残疾人教育专家委员会评估后方可入学")]
    assert asked_attribute_unheld("特教学校招生要经过什么程序？", prose) == ""  # a cell of prose may say it
    assert names_person(row) and not names_person([("工作单位", "区教育局"), ("职务", "裁判员")])


@pytest.fixture(scope="module")
def kinds_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService (default embedder) over the three fixtures, built once."""
    service = service_over(tmp_path_factory.mktemp("kinds"), ("scoring.docx", "timetable.html", "roster_plain.pdf"))
    yield service
    service.close()


@pytest.mark.slow
def test_a_slot_of_a_timetable_is_answered_with_its_row(kinds_service):  # type: ignore[no-untyped-def]
    answer = _ask(kinds_service, "初二周一下午考什么？")
    # The asked cell first (初二 is 八年级), then the row that holds it, cited.
    assert answer.text == (
        "考试科目（八年级）为物理。\n日期：1月12日（星期一）；时间：14:00—15:30；考试科目·七年级：地理；考试科目·八年级：物理[1]"
    )
    assert ("考试科目·八年级", "物理") in answer.citations[0].row  # the sources panel shows it as a row


@pytest.mark.slow
def test_a_score_is_said_with_its_measure_and_counted(kinds_service):  # type: ignore[no-untyped-def]
    answer = _ask(kinds_service, "餐具消毒那一条分值多少？")
    assert answer.text.startswith("分值为5分。\n考核项目：过程管理；考核内容：餐具每餐消毒；分值：5")
    counted = _ask(kinds_service, "分值是5分的考核内容共几条？")
    assert counted.text.startswith("表中分值为“5”的共3条：") and len(counted.citations) == 3


@pytest.mark.slow
def test_rows_overleaf_are_answered_and_an_absent_role_is_refused(kinds_service):  # type: ignore[no-untyped-def]
    answer = _ask(kinds_service, "蒋涛在哪个单位？")
    assert "工作单位：区教育局" in answer.text and answer.citations[0].page == 2
    refused = _ask(kinds_service, "运动会的保密员是谁？")
    assert refused.refused and refused.notes == ("查到的相关内容里没有提到「保密员」",)
    refused = _ask(kinds_service, "蒋涛是什么职称？")
    assert refused.refused and "职称" in refused.notes[0]


def test_a_total_asked_in_a_columns_measure_reads_the_totals_row():
    plan = [
        [("序号", "1"), ("学校名称", "东街小学"), ("计划班数", "3"), ("招生范围", "全镇")],
        [("序号", "2"), ("学校名称", "西街小学"), ("计划班数", "2"), ("招生范围", "西街社区")],
        [("序号", "合计"), ("计划班数", "5")],
    ]
    # 全镇 names the whole, not the row whose 招生范围 is 全镇; 多少个班 is what is added up, not counted.
    ruling = shipped_judge().table_ruling("全镇合计一共要开多少个班？", [plan])
    assert ruling is not None and (ruling.kind, ruling.rows, ruling.column, ruling.value) == ("total", (2,), "计划班数", "5")
    counted = shipped_judge().table_ruling("招生范围是全镇的学校有几所？", [plan])
    assert counted is not None and (counted.kind, counted.rows) == ("count", (0,))


def test_a_score_and_a_place_in_prose_are_kinds_a_row_holds():
    from assistant.table import asked_kinds, holds_kind, kinds_of_column, lacks_asked

    assert "score" in kinds_of_column("分值") and "score" in kinds_of_column("评分标准")
    assert "score" in asked_kinds("防鼠那一条满分几分？") and "score" in asked_kinds("漏报一次扣几分？")
    assert not asked_kinds("从校门走到礼堂要几分钟？")  # minutes, not a score
    rule = [("考核内容", "消防通道保持畅通"), ("评分标准", "堵塞一处扣2分")]
    assert holds_kind("score", rule) and not holds_kind("score", [("用时", "15分钟")])
    assert lacks_asked("消防通道那条扣几分？", rule) == ""
    assert lacks_asked("消防通道那条扣几分？", [("考核内容", "消防通道保持畅通"), ("责任人", "周敏")]) == "score"
    trip = [("活动名称", "秋季社会实践"), ("备注", "11月上旬赴县青少年宫，自愿参加")]
    assert lacks_asked("秋季社会实践去哪里？", trip) == ""
    assert lacks_asked("秋季社会实践去哪里？", [("活动名称", "秋季社会实践"), ("备注", "自愿参加")]) == "place"


@pytest.mark.slow
def test_a_score_asked_as_full_marks_is_answered_from_the_row_its_content_names(kinds_service):  # type: ignore[no-untyped-def]
    answer = _ask(kinds_service, "防鼠那一条满分几分？")
    assert answer.text.startswith("分值为2分")
    assert any("考核内容：安装防鼠防蝇设施" in c.quote for c in answer.citations)
    deducted = _ask(kinds_service, "留样那条扣几分？")  # the rule's own words state the score
    assert "评分标准为不足48小时扣3分" in deducted.text and deducted.citations[0].row


def test_a_sentence_beside_a_table_does_not_answer_what_is_asked_of_one_of_its_columns():
    from assistant.evidence import focus_of
    from assistant.judge import TableEvidence, table_gap

    _, timetable = _rows("timetable.html")
    (doc,) = split_documents(load_file(FIXTURES / "timetable.html"))
    title = doc.title
    evidence = TableEvidence((tuple(timetable),), names=(title,))
    # 初二 names the 八年级 column; the note beside the table speaks of classrooms, not of 初二's exams.
    note = [f"{title}  注：“—”表示该年级该时段没有考试，学生不进考场，在本班教室自习。"]
    question = "初二考试的考场在哪个教室？"
    focus = focus_of(question, lambda term: 2.0 if term == "初二" else 1.0)  # a rare word, as in an index
    assert table_gap(question, focus, note, evidence) == "表中与「初二」有关的一栏没有写明所问的内容"
    # A sentence that speaks of the column's grade does answer for it.
    said = [f"{title}  八年级考试的考场设在本班教室。"]
    assert table_gap(question, focus, said, evidence) == ""


def test_how_long_asks_for_a_time_limit_column() -> None:
    """多久 and 多长时间 ask how long a thing takes: a 办理时限 or 完成期限 column answers it."""
    from assistant.table import asked_kinds, kinds_of_column

    for question in ("办这个证要多长时间？", "审批一般多久能批下来？", "多少天内要办结？", "几天内要报上去？"):
        assert "date" in asked_kinds(question), question
    assert "date" in kinds_of_column("办理时限") and "date" in kinds_of_column("完成期限")
    assert "date" not in asked_kinds("一共放几天假？")  # a count of days off, not a time limit
