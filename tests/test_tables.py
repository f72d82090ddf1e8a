"""Tables as row records and the page of every sentence, on real fixture files (make_table_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_service import service_over
from index_checks import ask_checked as _ask

from ingest.chunk import chunk_document, pages_of
from ingest.config import ChunkSettings
from ingest.load import load_file
from ingest.record import Slot, parse_record, row_spans, table_lines
from ingest.split import split_documents
from ingest.types import Chunk

FIXTURES = Path(__file__).resolve().parent / "data"


def _chunks(name: str) -> list[Chunk]:
    loaded = load_file(FIXTURES / name)
    return [c for doc in split_documents(loaded) for c in chunk_document(doc, ChunkSettings())]


def _rows(chunk: Chunk) -> list[str]:
    return [chunk.text[a:b] for a, b in row_spans(chunk.extra)]


def test_docx_task_table_runs_over_two_chunks_and_every_row_keeps_its_header():
    chunks = [c for c in _chunks("tasks_plan.docx") if c.section == "二、任务分工"]
    assert len(chunks) == 2
    first, second = (_rows(c) for c in chunks)
    assert first[0] == "序号：1；重点任务：推进校园食堂明厨亮灶；牵头单位：区市场监管局；责任单位：区教育局、各学校；完成时限：2025年6月"
    assert second[0] == "序号：6；重点任务：完善食品安全应急预案；牵头单位：区教育局；责任单位：区卫生健康委、各学校；完成时限：2025年7月"
    assert len(first) + len(second) == 11
    # The second chunk starts with a row, not with the rest of one, and each row names all five columns.
    assert second[0] == chunks[1].text.split("\n")[0]
    for row in first + second:
        assert [name for name, _ in parse_record(row) or []] == ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]


def test_docx_budget_table_with_a_two_row_header_and_merged_cells():
    loaded = load_file(FIXTURES / "tasks_plan.docx")
    lines = loaded.pages[0].text.split("\n")
    start = lines.index("各项目经费预算如下。")
    assert lines[start + 1 : start + 5] == [
        "项目：明厨亮灶改造；预算（万元）·2025年：120；预算（万元）·2026年：60；负责部门：区教育局装备中心",
        "项目：从业人员培训；预算（万元）·2025年：15；预算（万元）·2026年：15；负责部门：区教育局体卫艺科",
        # 负责部门 is one cell merged down two rows: each row carries it.
        "项目：宣传周活动；预算（万元）·2025年：6；预算（万元）·2026年：8；负责部门：区教育局体卫艺科",
        "各单位要严格执行预算，专款专用。",
    ]
    assert set(lines[start + 1 : start + 4]) <= loaded.records
    assert "各单位要严格执行预算，专款专用。" not in loaded.records


def test_pdf_budget_table_read_by_the_table_finder_in_place():
    loaded = load_file(FIXTURES / "budget.pdf")
    assert [p.number for p in loaded.pages] == [1]
    assert loaded.pages[0].text.split("\n") == [
        "某校2025年教师培训经费预算",
        "为提升教师队伍素质，经学校研究，2025年教师培训经费预算如下表。",
        "项目：新教师入职培训；预算（万元）：12；负责部门：人事处；备注：含外聘专家费用",
        "项目：班主任培训；预算（万元）：8；负责部门：德育处；备注：每学期一次",
        "项目：信息技术能力提升；预算（万元）：15；负责部门：信息中心；备注：含平台使用费",
        "项目：骨干教师研修；预算（万元）：20；负责部门：教务处；备注：分两批实施",
        "以上经费从学校公用经费中列支，由财务室统一管理。",
    ]
    assert len(loaded.records) == 4
    (chunk,) = _chunks("budget.pdf")
    assert chunk.page == 1
    assert _rows(chunk)[1] == "项目：班主任培训；预算（万元）：8；负责部门：德育处；备注：每学期一次"


def test_html_table_with_a_two_row_head_and_a_cell_over_two_rows():
    loaded = load_file(FIXTURES / "duty.html")
    lines = loaded.pages[0].text.split("\n")
    assert lines[3:7] == [
        "日期：10月1日；带班领导：王建国；值班人员·白班：李明；值班人员·夜班：张伟",
        "日期：10月2日；带班领导：王建国；值班人员·白班：刘洋；值班人员·夜班：陈静",
        "日期：10月3日；带班领导：赵敏；值班人员·白班：孙丽；值班人员·夜班：周强",
        "值班人员要坚守岗位，遇有重要情况及时报告带班领导。",
    ]
    assert loaded.records == frozenset(lines[3:6])
    assert parse_record(lines[4]) == [("日期", "10月2日"), ("带班领导", "王建国"), ("值班人员·白班", "刘洋"), ("值班人员·夜班", "陈静")]


def test_a_grid_with_a_title_row_a_group_row_and_a_value_holding_a_semicolon():
    def row(*cells: tuple[str, int]) -> list[Slot]:
        return [Slot(text, cell) for text, cell in cells]

    grid = [
        row(("附表：分工", 0), ("附表：分工", 0)),  # a title across the table
        row(("任务", 1), ("要求", 2)),
        row(("一、基础工作", 3), ("一、基础工作", 3)),  # a group line across the table
        row(("建台账", 4), ("按月更新；专人负责", 5)),
    ]
    lines = table_lines(grid)
    assert lines.lines == ("附表：分工", "一、基础工作", "任务：建台账；要求：按月更新；专人负责")
    assert lines.records == {"任务：建台账；要求：按月更新；专人负责"}
    assert parse_record("任务：建台账；要求：按月更新；专人负责") == [("任务", "建台账"), ("要求", "按月更新；专人负责")]
    assert parse_record("主要任务：一是加强管理；二是落实责任。") is None


def test_a_chunk_over_a_page_break_gives_the_page_of_each_sentence():
    chunks = _chunks("paged.pdf")
    sentence = "各校应于每学期开学后两周内完成安全自查，并将自查报告报送区教育局。"
    (chunk,) = [c for c in chunks if sentence in c.text]
    assert chunk.page == 1 and chunk.text.startswith("一、落实安全责任")
    at = chunk.text.index(sentence)
    assert pages_of(chunk, at, at + len(sentence)) == (2, 2)
    first = "各校校长是校园安全第一责任人，分管校长是直接责任人。"
    head = chunk.text.index(first)
    assert pages_of(chunk, head, head + len(first)) == (1, 1)
    assert pages_of(chunk, head, at + len(sentence)) == (1, 2)


# ----------------------------------------------------------------------------- answers and citations

TABLE_FILES = ("tasks_plan.docx", "budget.pdf", "paged.pdf", "duty.html")


@pytest.fixture(scope="module")
def table_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService (default embedder) over the four table and page fixtures, built once."""
    service = service_over(tmp_path_factory.mktemp("tables"), TABLE_FILES)
    yield service
    service.close()


@pytest.mark.slow
def test_a_question_naming_a_row_and_two_columns_is_answered_with_that_row(table_service):  # type: ignore[no-untyped-def]
    answer = _ask(table_service, "班主任培训的预算是多少？由哪个部门负责？")
    assert not answer.refused
    (c,) = answer.citations
    assert c.quote == "项目：班主任培训；预算（万元）：8；负责部门：德育处；备注：每学期一次"
    assert answer.text == f"预算为8万元，负责部门为德育处。\n{c.quote}[1]"  # the asked cells first
    assert c.source.endswith("budget.pdf") and c.page == 1 and c.page_end is None
    assert c.row == (("项目", "班主任培训"), ("预算（万元）", "8"), ("负责部门", "德育处"), ("备注", "每学期一次"))
    assert c.to_json()["row"][1] == {"column": "预算（万元）", "value": "8"}


@pytest.mark.slow
def test_a_row_in_the_second_chunk_of_a_long_table_and_a_row_named_by_its_date(table_service):  # type: ignore[no-untyped-def]
    answer = _ask(table_service, "建设校园食品安全智慧监管平台由哪个单位牵头？什么时候完成？")
    (c,) = answer.citations
    assert c.quote == "序号：10；重点任务：建设校园食品安全智慧监管平台；牵头单位：区市场监管局；责任单位：区教育局；完成时限：2025年12月"
    assert c.section == "二、任务分工"
    (d,) = _ask(table_service, "10月2日的夜班由谁值班？").citations
    assert d.quote == "日期：10月2日；带班领导：王建国；值班人员·白班：刘洋；值班人员·夜班：陈静"
    assert ("值班人员·夜班", "陈静") in d.row


@pytest.mark.slow
def test_a_row_the_tables_do_not_hold_is_refused_and_prose_beside_a_table_still_answers(table_service):  # type: ignore[no-untyped-def]
    answer = _ask(table_service, "学生体检的预算是多少？")
    assert answer.refused and not answer.citations
    (c,) = _ask(table_service, "培训经费从哪里列支？").citations
    assert c.quote == "以上经费从学校公用经费中列支，由财务室统一管理。" and not c.row


@pytest.mark.slow
def test_a_quote_on_page_two_of_a_chunk_from_page_one_is_cited_on_page_two(table_service):  # type: ignore[no-untyped-def]
    from assistant.draft import source_line
    from govdoc.commands.ask import format_sources

    answer = _ask(table_service, "安全自查报告报送给谁？")
    (c,) = answer.citations
    assert c.quote == "各校应于每学期开学后两周内完成安全自查，并将自查报告报送区教育局。"
    (chunk,) = table_service.index.chunks([c.chunk_id])
    assert chunk.page == 1 and chunk.text.startswith("一、落实安全责任")
    assert (c.page, c.page_end) == (2, None) and c.to_json()["page"] == 2
    assert "《某区中小学校园安全工作要点》 一、落实安全责任 第2页" in format_sources(answer)
    assert source_line(c).endswith(f"（{c.source}，第2页）：“{c.quote}”")


def test_a_quote_over_a_page_break_gives_the_range_everywhere():
    from assistant.cite import citation_for
    from assistant.draft import source_line
    from assistant.types import Hit
    from govdoc.web.render import citation_heading

    chunk = next(c for c in _chunks("paged.pdf") if "pages" in c.extra)
    end = chunk.text.index("各校应于") + 10
    c = citation_for(1, Hit(chunk, 1.0, 1), 0, end)
    assert (c.page, c.page_end) == (1, 2)
    assert c.to_json()["page"] == 1 and c.to_json()["page_end"] == 2
    assert "第 1～2 页" in citation_heading(c) and "，第1～2页）" in source_line(c)


def test_the_sources_panel_shows_a_cited_row_as_a_small_table():
    from assistant.cite import citation_for
    from assistant.types import Hit
    from govdoc.web.render import source_html

    (chunk,) = _chunks("budget.pdf")
    a, b = row_spans(chunk.extra)[1]
    c = citation_for(1, Hit(chunk, 1.0, 1), a, b)
    html = source_html(c, chunk)
    assert (
        '<table class="gd-row"><tr><th>项目</th><td>班主任培训</td></tr><tr><th>预算（万元）</th><td>8</td></tr>'
        "<tr><th>负责部门</th><td>德育处</td></tr><tr><th>备注</th><td>每学期一次</td></tr></table>"
    ) in html
    assert "<mark>项目：班主任培训；预算（万元）：8；负责部门：德育处；备注：每学期一次</mark>" in html
    # A quote that is not one whole row shows no table.
    assert "gd-row" not in source_html(citation_for(1, Hit(chunk, 1.0, 1), a, b + 5), chunk)


# -- questions about a table as a whole (assistant/table.py) ----------------------------------


def _records(name: str, first_column: str) -> list[list[tuple[str, str]]]:
    rows = [parse_record(r) for c in _chunks(name) for r in _rows(c)]
    return [r for r in rows if r and r[0][0] == first_column]


def test_a_counting_question_counts_rows_by_the_column_its_words_name():
    from assistant.table import count_measure, count_rows

    rows = _records("tasks_plan.docx", "序号")
    assert len(rows) == 11
    # 区市场监管局 leads three tasks and is among the 责任单位 of two more: 牵头 names the column.
    found = count_rows("区市场监管局牵头的任务总共有几项？", rows)
    assert found is not None and (found.column, found.value) == ("牵头单位", "区市场监管局")
    assert [rows[i][0][1] for i in found.rows] == ["1", "5", "10"]
    found = count_rows("区卫生健康委作为责任单位的任务有几项？", rows)
    assert found is not None and found.column == "责任单位" and [rows[i][0][1] for i in found.rows] == ["6", "11"]
    assert count_measure("一共有几项？") == "项" and count_measure("预算是多少钱？") == ""
    assert count_rows("有几项关于体育场馆的任务？", rows) is None  # no cell holds what it names


def test_a_row_lacks_the_kind_of_thing_asked_when_no_column_holds_it():
    from assistant.table import asked_kinds, lacks_asked

    task = _records("tasks_plan.docx", "序号")[2]  # 序号/重点任务/牵头单位/责任单位/完成时限
    budget = _records("budget.pdf", "项目")[1]  # 项目/预算（万元）/负责部门/备注
    duty = _records("duty.html", "日期")[0]
    assert asked_kinds("落实校领导陪餐制度需要多少经费？") == {"amount"}
    assert lacks_asked("落实校领导陪餐制度需要多少经费？", task) == "amount"
    assert lacks_asked("落实校领导陪餐制度什么时候完成？", task) == ""
    assert lacks_asked("班主任培训的预算是多少？", budget) == ""
    assert lacks_asked("班主任培训在哪里举办？", budget) == "place"
    assert lacks_asked("班主任培训什么时候开始？", budget) == "date"
    # 谁 is answered by a person column or a body column alike.
    assert lacks_asked("10月1日谁带班？", duty) == "" and lacks_asked("班主任培训谁负责？", budget) == ""


def test_a_row_is_named_by_a_short_form_of_its_cell_and_by_the_share_of_its_subject():
    from assistant.table import asking_phrases, short_forms, subject_share

    rows = _records("tasks_plan.docx", "序号")
    platform = rows[9]  # 建设校园食品安全智慧监管平台
    assert short_forms(["食安", "平台", "食药"], platform) == ["食安", "平台"]
    shares = [subject_share("食安智慧平台谁牵头？", r) for r in rows]
    assert max(range(len(rows)), key=shares.__getitem__) == 9
    # What a question asks for (什么任务) is no word its row must hold, when the row has such a column.
    assert asking_phrases("区卫生健康委牵头的是什么任务？", rows[0]) == ["什么任务"]
    assert asking_phrases("区卫生健康委牵头的是什么任务？", _records("duty.html", "日期")[0]) == []


@pytest.mark.slow
def test_a_count_question_is_answered_with_every_counted_row_of_a_table_over_two_chunks(table_service):  # type: ignore[no-untyped-def]
    answer = _ask(table_service, "区市场监管局牵头的任务总共有几项？")
    assert not answer.refused
    assert answer.text.startswith("表中牵头单位为“区市场监管局”的共3项：")
    assert [c.row[0] for c in answer.citations] == [("序号", "1"), ("序号", "5"), ("序号", "10")]
    assert all(("牵头单位", "区市场监管局") in c.row for c in answer.citations)


@pytest.mark.slow
def test_a_column_the_table_lacks_is_refused_and_a_short_form_names_its_row(table_service):  # type: ignore[no-untyped-def]
    answer = _ask(table_service, "落实校领导陪餐制度需要多少经费？")
    assert answer.refused and not answer.citations
    # 食安 stands for 食品安全; the budget row on 平台使用费 has no date column, so it is not quoted beside it.
    (c,) = _ask(table_service, "食安平台什么时候建成？").citations
    assert ("重点任务", "建设校园食品安全智慧监管平台") in c.row and ("完成时限", "2025年12月") in c.row
