"""Tables as records in answers and drafts: a question naming a row's subject and a column is answered
with that cell first (联系电话为664213。) and the row cited; the row whose cells the question names
best and most specifically wins (副主考 over 主考, 总主考 over 主考, 一中的副主考 over a 副主考 elsewhere);
a row named in the user's words (二中 for 第二中学) still matches, and a column the table lacks is
refused. A draft says a row as a sentence of its header:cell pairs. Fixtures: exam_site.html,
exam_roster.html and tasks_plan.docx (tests/data/make_table_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_service import service_over
from index_checks import ask_checked as _ask

from assistant.row_text import asked_cells, cell_lead, row_sentence, said_cell
from assistant.table import deputy_mismatch, named_chars, named_whole
from ingest.load import load_file
from ingest.record import count_unit, counted_thing, parse_record
from ingest.split import split_documents

FIXTURES = Path(__file__).resolve().parent / "data"

STAFF = [
    "职务：主考；姓名：周立平；工作单位：某区教育局；联系电话：664210",
    "职务：副主考；姓名：吴海燕；工作单位：某区教育局考试中心；联系电话：664211",
    "职务：巡考；姓名：陈志刚；工作单位：某区教育局督导室；联系电话：664212",
    "职务：监考组长；姓名：何小军；工作单位：某区教师发展中心；联系电话：664213",
    "职务：监考员；姓名：各考点学校教师；工作单位：各考点学校；联系电话：—",
    "职务：保密员；姓名：林芳；工作单位：某区教育局办公室；联系电话：664215",
]
SCHOOLS = [
    "序号：1；学校名称：某区第一中学；考点地址：文化路12号；联系电话：664101；考场数：18",
    "序号：2；学校名称：某区第二中学；考点地址：人民路45号；联系电话：664102；考场数：20",
    "序号：3；学校名称：某区第三中学；考点地址：滨江路8号；联系电话：664103；考场数：16",
    "序号：4；学校名称：某区实验小学；考点地址：学院路3号；联系电话：664104；考场数：12",
]
ROSTER_CHIEF = "序号：1；姓名：马东；工作单位：县教育局；考务职务：总主考；工作分工：全面负责考务工作；联系电话：661001"
ROSTER_DEPUTY_ONE = "序号：3；姓名：唐宁；工作单位：县第一中学；考务职务：副主考；工作分工：协助主考管理第一中学考点；联系电话：661003"


def _fields(line: str) -> list[tuple[str, str]]:
    fields = parse_record(line)
    assert fields is not None
    return fields


def test_the_fixture_tables_are_read_as_records():
    (doc,) = split_documents(load_file(FIXTURES / "exam_site.html"))
    assert [doc.text[a:b] for a, b in doc.records] == [*STAFF, *SCHOOLS]
    (doc,) = split_documents(load_file(FIXTURES / "exam_roster.html"))
    lines = [doc.text[a:b] for a, b in doc.records]
    assert lines[0] == ROSTER_CHIEF and lines[2] == ROSTER_DEPUTY_ONE and len(lines) == 7


def test_the_cells_a_question_asks_are_the_columns_it_names_or_the_kind_it_asks_for():
    deputy, leader, school = _fields(STAFF[1]), _fields(STAFF[3]), _fields(SCHOOLS[1])
    # 谁 asks for a person: the 姓名, not the 工作单位 (a body answers 谁 only where no person is listed).
    assert asked_cells("副主考是谁？", deputy) == [("姓名", "吴海燕")]
    assert asked_cells("巡考是哪个单位的？", _fields(STAFF[2])) == [("工作单位", "某区教育局督导室")]
    # A column named by part of its name; each clause asks on its own.
    assert asked_cells("监考组长的电话是多少？", leader) == [("联系电话", "664213")]
    assert asked_cells("监考组长是谁，电话多少？", leader) == [("姓名", "何小军"), ("联系电话", "664213")]
    assert asked_cells("二中考点在什么地方？", school) == [("考点地址", "人民路45号")]
    # A column of counts named by the thing it counts (考场数: 几个考场).
    assert asked_cells("二中有几个考场？", school) == [("考场数", "20")]
    # The cell the row is named by is not asked; a blank cell is never said.
    assert asked_cells("某区第二中学是哪所学校？", school) == []
    assert asked_cells("监考员的电话是多少？", _fields(STAFF[4])) == []


def test_the_answer_states_the_asked_cell_before_the_row():
    school = _fields(SCHOOLS[1])
    assert cell_lead("二中的联系电话多少？", [school]) == "联系电话为664102。\n"
    assert cell_lead("二中有几个考场？", [school]) == "考场数为20个。\n"
    assert cell_lead("二中考点在什么地方？", [school]) == "考点地址为人民路45号。\n"
    # Two rows the question names each by a cell of its own: each after that cell.
    two = [_fields(STAFF[0]), _fields(STAFF[1])]
    assert cell_lead("考点的主考和副主考分别是谁？", two) == "主考：姓名为周立平；副主考：姓名为吴海燕。\n"
    # Two rows named by no cell that tells them apart: each after another cell of its own that the question
    # neither asks nor names.
    assert cell_lead("考点的考务人员分别是谁？", two) == "主考：姓名为周立平；副主考：姓名为吴海燕。\n"
    assert cell_lead("这份文件是什么时候印发的？", [school]) == ""
    assert said_cell("", "经费（万元）·预算", "8") == "经费（预算）为8万元"


def test_a_more_specific_column_a_figure_and_an_asking_word_decide_what_is_asked():
    duty = [("日期", "5月1日"), ("带班领导", "周明"), ("值班人员", "钱立、孙红"), ("带班领导电话（短号）", "665501")]
    # 带班领导 inside 带班领导电话（短号）: the 短号 asked is the longer column, said with its bracket.
    assert cell_lead("5月1日带班领导短号多少？", [duty]) == "带班领导电话（短号）为665501。\n"
    assert cell_lead("5月1日谁值班？", [duty]) == "值班人员为钱立、孙红。\n"
    cost = [("支出项目", "图书室图书添置"), ("预算金额（万元）", "12.5"), ("资金来源", "市级财政"), ("实施单位", "装备中心")]
    # 资金 names an amount, but 市级财政 is no figure: 多少钱 asks the 预算金额.
    assert cell_lead("图书添置花多少钱？", [cost]) == "预算金额为12.5万元。\n"
    # 经费 alone asks no amount when a 哪 asks for another thing, and no column answers 哪一级.
    assert cell_lead("图书添置的经费是哪一级政府拨的？", [cost]) == ""
    # A column word followed by an asking word (单位是哪个) names it; a topic word (图书) does not.
    assert cell_lead("图书添置由哪个单位实施？", [cost]) == "实施单位为装备中心。\n"
    assert cell_lead("图书添置要经过什么审批？", [cost]) == ""
    # A total is said by the table's ruling, not by a row's cell, unless the question names the row.
    assert cell_lead("这些项目总共要花多少钱？", [cost]) == ""
    assert cell_lead("图书室图书添置一共花多少钱？", [cost]) == "预算金额为12.5万元。\n"


def test_a_count_column_named_by_a_word_counts_that_thing():
    assert counted_thing("考场数") == "考场" and count_unit("考场数") == "个"
    assert counted_thing("计划班数") == "" and count_unit("计划班数") == "班"
    assert counted_thing("计划招生人数") == "" and count_unit("计划招生人数") == "人"
    assert count_unit("分值") == "分" and count_unit("序号") == ""


def test_a_cell_inside_a_longer_one_or_after_a_rank_is_not_named():
    rivals = ["主考", "副主考", "监考组长", "监考员"]
    assert named_whole("副主考是谁？", "副主考", rivals)
    assert not named_whole("副主考是谁？", "主考", rivals)  # inside 副主考, which another row holds
    assert not named_whole("总主考是谁？", "主考", rivals)  # after a rank no row holds
    assert named_whole("考点的主考是谁？", "主考", rivals)
    # 总主考 is not the 主考's row, nor 主考 the row of a 总主考.
    assert deputy_mismatch("总主考是谁？", _fields(STAFF[0])) == "总主考"
    assert deputy_mismatch("主考是谁？", _fields(ROSTER_CHIEF)) == "主考"
    assert deputy_mismatch("总主考是谁？", _fields(ROSTER_CHIEF)) == ""
    # 一中的副主考: the row that holds 第一中学 besides 副主考 accounts for more of the question.
    question = "一中的副主考是谁？"
    assert named_chars(question, _fields(ROSTER_DEPUTY_ONE), rivals) > named_chars(question, _fields(STAFF[1]), rivals)


def test_a_row_is_said_as_a_sentence_of_its_header_and_cells():
    fields = _fields("序号：1；重点任务：推进校园食堂明厨亮灶；牵头单位：区市场监管局；责任单位：区教育局、各学校；完成时限：2025年6月")
    assert row_sentence(fields) == (
        "重点任务为推进校园食堂明厨亮灶，牵头单位为区市场监管局，责任单位为区教育局、各学校，完成时限为2025年6月。"
    )
    assert row_sentence([("项目", "明厨亮灶改造"), ("预算（万元）·2025年", "120")]) == "项目为明厨亮灶改造，预算（2025年）为120万元。"
    assert row_sentence([("序号", "1"), ("备注", "—")]) == ""


@pytest.fixture(scope="module")
def exam_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService (default embedder) over the two exam staff lists, built once."""
    service = service_over(tmp_path_factory.mktemp("exam"), ("exam_site.html", "exam_roster.html"))
    yield service
    service.close()


@pytest.mark.slow
def test_the_row_named_most_specifically_is_the_one_quoted(exam_service):  # type: ignore[no-untyped-def]
    answer = _ask(exam_service, "监考组长的电话是多少？")
    assert answer.text == f"联系电话为664213。\n{STAFF[3]}[1]"
    assert [c.quote for c in answer.citations] == [STAFF[3]]  # not the 监考员 row beside it
    answer = _ask(exam_service, "总主考是谁？")
    assert answer.text == f"姓名为马东。\n{ROSTER_CHIEF}[1]"  # not the 主考 of the other list
    answer = _ask(exam_service, "一中的副主考是谁，电话多少？")
    assert answer.text == f"姓名为唐宁，联系电话为661003。\n{ROSTER_DEPUTY_ONE}[1]"


@pytest.mark.slow
def test_a_row_named_in_the_users_words_and_a_column_the_table_lacks(exam_service):  # type: ignore[no-untyped-def]
    answer = _ask(exam_service, "实验小学考点在什么地方？")
    assert answer.text == f"考点地址为学院路3号。\n{SCHOOLS[3]}[1]"
    answer = _ask(exam_service, "三中考点有几个考场？")
    assert answer.text == f"考场数为16个。\n{SCHOOLS[2]}[1]"
    # No 传真 column: refused, not answered with the 联系电话 beside it.
    answer = _ask(exam_service, "三中考点的传真号码是多少？")
    assert answer.refused and not answer.citations


def test_a_draft_says_a_table_row_as_a_sentence(tmp_path: Path):
    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings, with_overrides

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "tasks_plan.docx").write_bytes((FIXTURES / "tasks_plan.docx").read_bytes())
    settings = with_overrides(
        load_settings().model_copy(update={"data_dir": docs}),
        store={"index_dir": tmp_path / "index"},
        embedding={"mode": "hashing"},
        worker={"enabled": False},
    )
    service = GovdocService(settings)
    try:
        assert not service.ingest([docs]).errors
        draft = service.draft("校园食品安全提升行动情况汇报", ["明厨亮灶", "经费保障"], who=LOCAL)
    finally:
        service.close()
    body = draft.text
    rows = [c for c in draft.citations if c.row]
    assert rows, body  # the tables are used
    for c in rows:
        said = row_sentence(c.row).rstrip("。")
        assert f"{said}[{c.n}]" in body  # the row as one sentence, cited with the row
        # No record line or piece of one (重点任务：…；) stands in the draft.
        assert not any(f"{name}：" in body for name, _ in c.row)
