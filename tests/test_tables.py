"""Tables as row records and the page of every sentence, on real fixture files (make_table_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

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
