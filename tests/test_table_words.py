"""How offices name what they ask of a table (issue 19): a unit the caption states for the table's figures
(（金额单位：万元）), a body named without the body above it (基建科 of 区教育局基建科), a column named with
an aspect word (已完成投资 of 完成投资), two totals asked at once, a thing of one kind named by another word
(食堂改造 against 厕所改造提升), and words that point, frame or date the table (那笔钱, 所有, 今年). Every file is made here."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import ask_checked, service_over

from assistant.evidence import focus_of
from assistant.table import (
    about_table,
    count_rows,
    lower_body,
    names_rows,
    names_table,
    table_total,
    word_mismatch,
)
from ingest.load import load_file
from ingest.record import Slot, parse_record, stated_unit, table_lines
from ingest.split import split_documents

TITLE = "城西区2026年教育重点项目推进情况通报"
CAPTION = "表1 重点项目推进情况（截至6月30日，金额单位：万元）"
PROJECTS = [
    ("1", "城西小学新建工程", "区教育局基建科", "2,400.00", "1,100.00"),
    ("2", "东山中学食堂改造", "东山中学", "180.00", "180.00"),
    ("3", "西岭小学厕所改造提升", "西岭小学", "64.50", "30.00"),
    ("4", "城西幼儿园扩建工程", "区教育局基建科", "900.00", "450.00"),
]
# Enough rows that the table runs over a page break, its header repeated overleaf.
FILLER = [(str(n), f"第{n}批校园绿化", "区教育局后勤科", "20.00", "10.00") for n in range(5, 41)]


def _grid(rows: list[list[str]]) -> list[list[Slot]]:
    ids = iter(range(10_000))
    return [[Slot(text, next(ids)) for text in row] for row in rows]


def test_a_unit_the_caption_states_is_the_unit_of_each_column_of_bare_figures() -> None:
    grid = _grid(
        [
            ["序号", "项目名称", "责任单位", "计划投资", "参加人数", "完成时限"],
            ["1", "城西小学新建工程", "区教育局基建科", "2,400.00", "12", "2026年6月"],
            ["2", "东山中学食堂改造", "东山中学", "180.00", "—", "2025年8月"],
        ]
    )
    lines = table_lines(grid, above="表1 项目情况（单位：万元）")
    assert lines.lines[0] == "序号：1；项目名称：城西小学新建工程；责任单位：区教育局基建科；计划投资（万元）：2,400.00；参加人数：12；完成时限：2026年6月"
    # No unit stated: the names stay as the header writes them.
    plain = table_lines(grid)
    assert plain.lines[0].startswith("序号：1；项目名称：城西小学新建工程；责任单位：区教育局基建科；计划投资：2,400.00")
    assert stated_unit("（截至9月30日，金额单位：万元）") == ("万元", True)
    assert stated_unit("单位：人") == ("人", False)
    # 单位 after another character names a body or a column, not a unit.
    assert stated_unit("责任单位：白沙镇") == ("", False)
    assert stated_unit("实施单位：计划财务科") == ("", False)


def _projects_pdf(path: Path) -> None:
    """A two-page PDF: body text, a caption that states the unit of amounts, and the project table over
    the page break with its header repeated."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    rl_config.invariant = 1
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    rows = [["序号", "项目名称", "责任单位", "计划投资", "完成投资"], *map(list, PROJECTS), *map(list, FILLER)]
    rows.append(["", "合计", "", "4,264.50", "2,120.00"])
    table = Table(rows, colWidths=[30, 150, 110, 70, 70], repeatRows=1)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    doc = SimpleDocTemplate(str(path), pagesize=A4, title=TITLE)
    story = [
        Paragraph(TITLE, body),
        Paragraph("今年全区教育重点项目按计划推进，现将上半年推进情况通报如下。", body),
        Paragraph(CAPTION, body),
        table,
        Paragraph("各责任单位要加快项目进度，确保年底前完成年度投资任务。", body),
    ]
    doc.build(story)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("words") / "docs"
    folder.mkdir()
    _projects_pdf(folder / "projects.pdf")
    return folder


@pytest.fixture(scope="module")
def rows(files: Path) -> list[list[tuple[str, str]]]:
    (doc,) = split_documents(load_file(files / "projects.pdf"))
    return [parse_record(doc.text[a:b]) or [] for a, b in doc.records]


def test_the_caption_unit_holds_for_the_rows_overleaf(files: Path, rows: list[list[tuple[str, str]]]) -> None:
    loaded = load_file(files / "projects.pdf")
    assert len(loaded.pages) == 2
    assert dict(rows[1])["计划投资（万元）"] == "180.00"
    last = rows[-2]  # the last listed row, on page 2 under the repeated header
    assert dict(last)["项目名称"] == "第40批校园绿化"
    assert dict(last)["计划投资（万元）"] == "20.00" and dict(last)["完成投资（万元）"] == "10.00"
    assert rows[-1] == [("项目名称", "合计"), ("计划投资（万元）", "4,264.50"), ("完成投资（万元）", "2,120.00")]


def test_a_body_is_named_without_the_body_above_it(rows: list[list[tuple[str, str]]]) -> None:
    assert lower_body("基建科", "区教育局基建科")
    assert lower_body("第二中学", "青溪区第二中学")
    assert not lower_body("教育局", "区教育局基建科")  # the middle of a name is no body of its own
    assert not lower_body("小学", "城西小学")  # what goes before names no body
    found = count_rows("基建科牵头的项目一共有几个？", rows)
    assert found is not None and found.column == "责任单位" and found.rows == (0, 3)


def test_a_column_named_with_an_aspect_word_names_no_row_and_two_totals_are_said_together(
    rows: list[list[tuple[str, str]]],
) -> None:
    question = "所有项目加起来，计划投资和已完成投资各是多少？"
    assert not names_rows(question, rows, TITLE)
    total = table_total(question, rows, TITLE)
    assert total is not None and total.rows == (len(rows) - 1,)
    assert total.value == "计划投资为4,264.50万元，完成投资为2,120.00万元"
    one = table_total("所有项目的计划投资加起来是多少？", rows, TITLE)
    assert one is not None and (one.column, one.value) == ("计划投资（万元）", "4,264.50")


def test_a_thing_of_the_same_kind_named_by_another_word_is_another_thing(rows: list[list[tuple[str, str]]]) -> None:
    toilets = rows[2]
    off = word_mismatch("西岭小学食堂改造完成了多少投资？", toilets, TITLE)
    assert off is not None and (off.asked, off.held, off.column) == ("食堂改造", "厕所改造", "项目名称")
    assert word_mismatch("西岭小学厕所改造完成了多少投资？", toilets, TITLE) is None
    # Words that share a character may name one thing (操场, 运动场): no mismatch is claimed.
    field = [("序号", "5"), ("项目名称", "塑胶跑道及运动场改造"), ("投资金额（万元）", "312.00")]
    assert word_mismatch("操场改造花了多少钱？", field, "") is None
    # A word the dictionary tags as a verb may still name a thing (跑道); a verb of a role (负责), a
    # pointer (这次) and an asking idiom (由谁来) name none.
    assert word_mismatch("跑道改造花了多少钱？", [("项目名称", "河口镇中心小学运动场改造")], "") is not None
    staff = [("姓名", "蒋红梅"), ("考务职务", "医疗保障组组长"), ("工作分工", "考点医疗救护")]
    assert word_mismatch("卫健部门派来管医疗的组长姓什么？", staff, "") is None
    assert word_mismatch("城南小学这次改造了什么？", [("学校名称", "城南小学"), ("项目名称", "室内体育馆改造")], "") is None
    assert word_mismatch("接送考生的车由谁来保障？", [("姓名", "孔德"), ("工作分工", "考生接送车辆保障")], "") is None
    task = [("重点任务", "每年遴选5名骨干教师到市内名校跟岗学习。"), ("完成时限", "2026年3月底前")]
    assert word_mismatch("选派骨干教师去名校跟岗最晚什么时候完成？", task, "") is None


def test_pointing_and_framing_words_are_no_topic() -> None:
    def terms(question: str) -> list[str]:
        return [t for t, _ in focus_of(question, lambda word: 3.0).terms]

    assert "那笔" not in terms("学生校服那笔钱预算多少？")
    assert "一条" not in terms("晨检记录那一条满分几分？")
    # 今年 is the table's period, not a row's word; outside tables it still counts (no sentence of last
    # year's report answers for this year).
    assert "今年" in terms("河口镇的幼儿园今年准备收多少孩子？")
    assert names_table("今年", "") and names_table("本学期", "") and not names_table("河口镇", "")
    # …but it does not make a question about a row one about the whole table (a count of its rows).
    assert not about_table([("第二小学", 3.0), ("今年", 4.9)], "学校名称 计划班数 小学一年级招生计划")
    assert "所有" not in terms("所有重点项目总共要花多少钱？")
    assert "校服" in terms("学生校服那笔钱预算多少？")


@pytest.fixture(scope="module")
def service(files: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with service_over(files, tmp_path_factory.mktemp("words-index")) as service:
        yield service


def test_asked_through_the_service(service) -> None:  # type: ignore[no-untyped-def]
    money = ask_checked(service, "东山中学食堂改造的计划投资是多少？")
    assert not money.refused
    assert "180.00万元" in money.text
    assert money.citations[0].quote.startswith("序号：2；项目名称：东山中学食堂改造")
    count = ask_checked(service, "基建科牵头的项目一共有几个？")
    assert not count.refused and "共2个" in count.text
    other = ask_checked(service, "西岭小学食堂改造完成了多少投资？")
    assert other.refused or "64.50" not in other.text
