"""Tables as offices really keep them (make_table_fixtures.py: check_groups.docx, fund.pdf, enrol.html):
columns merged down over each group's rows, a header row repeated, cells that wrap, a two-row header
whose group title spans three sub-columns over a page break, totals rows, captions, a table whose
header is a bold first row; and questions in everyday words about them."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_service import service_over
from index_checks import ask_checked as _ask

from ingest.chunk import chunk_document
from ingest.config import ChunkSettings
from ingest.load import load_file
from ingest.record import Slot, cell_text, row_spans, table_lines
from ingest.split import split_documents

FIXTURES = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[tuple[str, bool, int | None]]:
    """Every line of a fixture's chunks: (text, whether it is a row record, the chunk's page)."""
    out = []
    for doc in split_documents(load_file(FIXTURES / name)):
        for c in chunk_document(doc, ChunkSettings()):
            rows = {c.text[a:b] for a, b in row_spans(c.extra)}
            out += [(line, line in rows, c.page) for line in c.text.split("\n")]
    return out


def _records(name: str) -> list[str]:
    return [line for line, record, _ in _lines(name) if record]


def test_docx_columns_merged_down_each_group_fill_every_row_and_a_repeated_header_is_no_record():
    records = _records("check_groups.docx")
    assert "组别：第一组；组长：马国强；检查学校：第二小学；检查内容：食堂卫生；检查日期：4月9日" in records
    # The fourth row of a group of four still carries its group and leader, in a chunk of its own.
    assert "组别：第二组；组长：林晓燕；检查学校：第二中学；检查内容：体育器材；检查日期：4月11日" in records
    assert sum(r.startswith("组别：第三组；组长：郑伟；") for r in records) == 3
    # A cell of two lines keeps both; a header cell whose unit wraps reads as one name.
    assert "组别：第一组；组长：马国强；检查学校：城北幼儿园；检查内容：校车管理 门卫值守；检查日期：4月10日" in records
    kit = [r for r in records if r.startswith("学校：")]
    assert kit == [
        "学校：第一小学；物品：灭火器；数量（个）：12；领取人：何东",
        "学校：第二小学；物品：应急灯；数量（个）：20；领取人：罗敏",
        "学校：第三小学；物品：急救箱；数量（个）：6；领取人：邵红",
        "学校：第四小学；物品：灭火器；数量（个）：8；领取人：田野",
    ]


def test_a_header_row_standing_again_inside_a_table_is_skipped():
    head = [Slot("学校", 0), Slot("人数", 1)]
    grid = [head, [Slot("一小", 2), Slot("3", 3)], [Slot("学校", 4), Slot("人数", 5)], [Slot("二小", 6), Slot("4", 7)]]
    assert table_lines(grid).lines == ("学校：一小；人数：3", "学校：二小；人数：4")
    assert cell_text("数量\n（个）") == "数量（个）" and cell_text("消防设施\n疏散通道") == "消防设施 疏散通道"


def test_pdf_two_row_header_over_a_page_break_with_a_totals_row():
    lines = _lines("fund.pdf")
    records = [(line, page) for line, record, page in lines if record]
    assert len(records) == 23  # 22 schools and the 合计 row; the repeated header rows are no records
    assert (
        "序号：10；学校：城南幼儿园；资金（元）·中央：1,050,000；资金（元）·省级：402,500；资金（元）·县级：150,000；改造内容：食堂改造",
        1,
    ) in records
    # Rows read under the header repeated on page 2 are named just as those on page 1.
    assert records[-2] == (
        "序号：22；学校：育才小学；资金（元）·中央：2,250,000；资金（元）·省级：882,500；资金（元）·县级：330,000；改造内容：食堂改造",
        2,
    )
    assert records[-1][0] == "序号：合计；资金（元）·中央：26,400,000；资金（元）·省级：10,175,000；资金（元）·县级：3,795,000"
    assert not any("中央：中央" in line or "序号：序号" in line for line, _, _ in lines)


def test_html_caption_rowspan_colspan_totals_and_a_table_headed_by_a_bold_row():
    lines = [line for line, _, _ in _lines("enrol.html")]
    records = _records("enrol.html")
    assert lines.index("表1 各校一年级招生计划") < lines.index(records[0])
    assert records[:6] == [
        "片区：城东片区；学校：第一小学；计划班数：6；计划人数：270；咨询电话：552101",
        "片区：城东片区；学校：第二小学；计划班数：4；计划人数：180；咨询电话：552102",
        "片区：城东片区；学校：城东幼儿园；计划班数：3；计划人数：90；咨询电话：552103",
        "片区：城西片区；学校：第三小学；计划班数：5；计划人数：225；咨询电话：552104",
        "片区：城西片区；学校：育英学校；计划班数：2；计划人数：90；咨询电话：552105",
        "片区：合计；计划班数：20；计划人数：855",
    ]
    assert "学校：第三小学；报名时间：7月5日；报名地点：学校体育馆" in records
    assert not any(r.startswith("学校：学校") for r in records)


def test_a_person_named_by_surname_and_post_is_the_row_of_that_name():
    from assistant.table import kinds_of_column, titled_names

    rows = [
        [("组别", "第一组"), ("组长", "马国强"), ("检查学校", "第一小学")],
        [("组别", "第二组"), ("组长", "林晓燕"), ("检查学校", "第三小学")],
        [("姓名", "马丽"), ("职务", "校长")],
    ]
    assert "person" in kinds_of_column("组长") and "person" not in kinds_of_column("检查学校")
    assert titled_names("马组长检查哪几所学校？", rows) == "马国强检查哪几所学校？"
    assert titled_names("马校长的电话是多少？", rows) == "马丽的电话是多少？"
    # Two people a form could stand for: which one is meant is the user's to say.
    twins = [*rows, [("组别", "第三组"), ("组长", "马云飞"), ("检查学校", "第四小学")]]
    assert titled_names("马组长检查哪几所学校？", twins) == "马组长检查哪几所学校？"


def test_the_cells_asked_of_a_row_under_a_spanning_header():
    from assistant.row_text import asked_cells

    row = [("学校", "实验中学"), ("资金（元）·中央", "1,550,000"), ("资金（元）·省级", "602,500"), ("资金（元）·县级", "225,000")]
    assert asked_cells("实验中学的中央资金是多少？", row) == [("资金（元）·中央", "1,550,000")]
    assert [n for n, _ in asked_cells("实验中学省级和县级资金各多少？", row)] == ["资金（元）·省级", "资金（元）·县级"]
    group = [("组别", "第一组"), ("组长", "马国强"), ("检查学校", "城北幼儿园")]
    assert asked_cells("城北幼由哪个组检查？", group) == [("组别", "第一组")]


OFFICE_FILES = ("check_groups.docx", "fund.pdf", "enrol.html")


@pytest.fixture(scope="module")
def office_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService (default embedder) over the three office-structure fixtures, built once."""
    service = service_over(tmp_path_factory.mktemp("offices"), OFFICE_FILES)
    yield service
    service.close()


@pytest.mark.slow
def test_single_cells_and_two_cells_of_rows_named_by_short_names(office_service):  # type: ignore[no-untyped-def]
    answer = _ask(office_service, "二小哪天检查？")
    assert answer.text.startswith("检查日期为4月9日。")
    assert [c.row[2] for c in answer.citations] == [("检查学校", "第二小学")]
    answer = _ask(office_service, "城北幼由哪个组检查？组长是谁？")
    assert answer.text.startswith("组别为第一组，组长为马国强。") and "未找到" not in answer.text
    answer = _ask(office_service, "第三小学领了什么物品？数量多少？")
    assert answer.text.startswith("物品为急救箱，数量为6个。")
    answer = _ask(office_service, "城北幼的省级和县级资金各是多少？")
    assert answer.text.startswith("资金（省级）为362,500元，资金（县级）为135,000元。")
    (c,) = answer.citations
    assert ("学校", "城北幼儿园") in c.row and c.page == 1
    answer = _ask(office_service, "育英学校计划招多少人？咨询电话是多少？")
    assert answer.text.startswith("计划人数为90人，咨询电话为552105。")
    # A row named by a few words of its cell.
    answer = _ask(office_service, "宿舍用电那项谁负责检查？哪天查？")
    assert answer.text.startswith("组长为林晓燕，检查日期为4月9日。")


@pytest.mark.slow
def test_counts_and_totals_in_everyday_words(office_service):  # type: ignore[no-untyped-def]
    answer = _ask(office_service, "马组长那组一共检查几所学校？")
    assert answer.text.startswith("表中组长为“马国强”的共3所：")
    assert [c.row[2][1] for c in answer.citations] == ["第一小学", "第二小学", "城北幼儿园"]
    assert _ask(office_service, "第二组一共检查几所学校？").text.startswith("表中组别为“第二组”的共4所：")
    assert _ask(office_service, "林组长一共负责几所学校？").text.startswith("表中组长为“林晓燕”的共4所：")
    assert _ask(office_service, "检查食堂卫生的一共多少项？").text.startswith("表中检查内容为“食堂卫生”的共2项：")
    assert _ask(office_service, "城东片区有几所学校？").text.startswith("表中片区为“城东片区”的共3所：")
    answer = _ask(office_service, "一共有多少所学校分到资金？")
    assert answer.text.startswith("表中共列有22所：") and len(answer.citations) == 22
    answer = _ask(office_service, "招生计划一共多少人？")
    assert answer.text.startswith("表中合计的计划人数为855：")
    assert answer.citations[0].quote == "片区：合计；计划班数：20；计划人数：855"


@pytest.mark.slow
def test_rows_and_columns_the_tables_do_not_hold_are_refused(office_service):  # type: ignore[no-untyped-def]
    for question in ("第五小学什么时候检查？", "第九中学分到多少资金？", "二小的学费是多少？", "二小的检查经费是多少？",
                     "郑组长的电话是多少？", "实验中学什么时候报名？"):
        answer = _ask(office_service, question)
        assert answer.refused and not answer.citations, question


@pytest.mark.slow
def test_a_total_of_a_group_title_gives_each_sub_column_and_a_named_sub_column_its_own(office_service):  # type: ignore[no-untyped-def]
    answer = _ask(office_service, "资金合计多少？")
    assert answer.text.startswith("表中合计的资金（元）为中央26,400,000、省级10,175,000、县级3,795,000：")
    assert answer.citations[0].row[0] == ("序号", "合计")
    answer = _ask(office_service, "省级资金一共多少？")
    assert answer.text.startswith("表中合计的资金（省级）为10,175,000元：")
