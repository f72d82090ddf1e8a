"""Questions about tables beyond one named row: rows named by a day, a cell or their place, totals,
counts ruled by the judge, days a table lacks, and two tables that both open with 序号 (holiday.html,
made by tests/data/make_table_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixture_service import service_over
from index_checks import ask_checked as _ask
from judges import shipped_judge

from assistant.table import days_missing, days_named, position_named, rows_pointed, table_total
from ingest.chunk import chunk_document
from ingest.config import ChunkSettings, StoreSettings
from ingest.embed import HashingEmbedder
from ingest.load import load_file
from ingest.record import parse_record, row_spans, row_tables, table_numbers
from ingest.split import split_documents
from ingest.store import Index
from ingest.types import Chunk, Document

FIXTURES = Path(__file__).resolve().parent / "data"
ROSTER = "序号：1；日期：1月28日；值班人员：李强；备注：除夕"
LAST_DAY = "序号：4；日期：1月31日；值班人员：陈洁"
GRANT_TOTAL = "序号：合计；金额（元）：8,000"


def _document() -> tuple[Document, list[Chunk]]:
    (doc,) = split_documents(load_file(FIXTURES / "holiday.html"))
    return doc, chunk_document(doc, ChunkSettings())


def _tables() -> list[list[list[tuple[str, str]]]]:
    """The fixture's rows, table by table, as (column, value) pairs."""
    doc, _ = _document()
    out: list[list[list[tuple[str, str]]]] = [[] for _ in range(max(doc.tables) + 1)]
    for (a, b), t in zip(doc.records, doc.tables, strict=True):
        out[t].append(parse_record(doc.text[a:b]) or [])
    return out


def test_three_tables_that_open_with_the_same_column_stay_three_tables():
    doc, chunks = _document()
    lines = [doc.text[a:b] for a, b in doc.records]
    assert lines[0] == ROSTER and lines[6] == GRANT_TOTAL
    assert doc.tables == (0, 0, 0, 0, 1, 1, 1, 2, 2)
    (chunk,) = chunks
    assert row_tables(chunk.extra) == [0, 0, 0, 0, 1, 1, 1, 2, 2]
    assert [chunk.text[a:b] for a, b in row_spans(chunk.extra)] == lines
    # A group line (one short cell across the table) keeps its table; a sentence or a caption ends it.
    text = "序号：1；项目：甲\n一、基础设施\n序号：2；项目：乙\n表2 经费\n序号：1；项目：丙"
    spans = [(0, 9), (17, 26), (33, 42)]
    assert [text[a:b] for a, b in spans] == ["序号：1；项目：甲", "序号：2；项目：乙", "序号：1；项目：丙"]
    assert table_numbers(text, spans) == (0, 0, 1)


def test_records_and_their_tables_survive_the_index(tmp_path: Path):
    doc, chunks = _document()
    embedder = HashingEmbedder()
    with Index.open(StoreSettings(index_dir=tmp_path / "index"), embedder.name, embedder.dim) as index:
        vectors = embedder.embed_passages([c.text for c in chunks])
        index.replace_file(doc.source, "h", [doc], chunks, vectors, size=1)
    with Index.open(StoreSettings(index_dir=tmp_path / "index"), embedder.name, embedder.dim) as index:
        stored = index.document(doc.doc_id)
        assert stored.records == doc.records and stored.tables == doc.tables
        assert stored.text[stored.records[-1][0] : stored.records[-1][1]] == "序号：2；工作内容：校园安全巡查；费用（万元）：2.3"
        assert row_tables(index.chunks()[0].extra) == list(doc.tables)


def test_a_row_is_pointed_at_by_its_day_a_whole_cell_or_its_place():
    roster, grants, costs = _tables()
    assert days_named("1月30号谁值班？") == {(1, 30)}
    assert position_named("最后一天谁值班？") == (-1, "最后一天")
    assert position_named("第2项是什么？") == (1, "第2项")
    assert position_named("第二条第一项怎么规定？") is None  # a law's article and item, not a row
    assert rows_pointed("1月30号谁值班？", roster) == ((2,), "day")
    assert rows_pointed("除夕那天谁值班？", roster) == ((0,), "cell")
    assert rows_pointed("春节假期最后一天谁值班？", roster) == ((3,), "place")  # not the row whose 备注 is 春节
    assert rows_pointed("第二项慰问对象是谁？", grants) == ((1,), "place")
    assert rows_pointed("最后一项慰问对象是谁？", grants) == ((1,), "place")  # the 合计 row has no place
    assert rows_pointed("最后一天谁值班？", grants) == ((), "")  # a place in days, in a table of no days
    assert rows_pointed("谁值班？", roster) == ((), "")
    # A whole cell points only when one row holds it and no other row is named by its subject.
    assert rows_pointed("人事科经办的慰问金额是多少？", grants) == ((0,), "cell")
    assert rows_pointed("人事科经办的家庭困难学生慰问金额是多少？", grants) == ((), "")
    assert days_missing("2月1日谁值班？", roster) == {(2, 1)}
    assert days_missing("1月31日谁值班？", roster) == frozenset()
    assert days_missing("2月1日谁值班？", costs) == frozenset()  # that table lists no days


def test_the_judge_rules_counts_totals_and_sums():
    roster, grants, costs = _tables()
    judge = shipped_judge()
    total = judge.table_ruling("慰问金额一共多少钱？", [roster, grants])
    assert total is not None and (total.kind, total.table, total.rows, total.column, total.value) == (
        "total",
        1,
        (2,),
        "金额（元）",
        "8,000",
    )
    summed = judge.table_ruling("其他工作的费用总共要花多少钱？", [costs])
    assert summed is not None and (summed.kind, summed.rows, summed.value) == ("sum", (0, 1), "2.8")
    counted = judge.table_ruling("学生资助科经办的慰问对象有几个？", [roster, grants])
    assert counted is not None and (counted.kind, counted.table, counted.rows, counted.measure) == ("count", 1, (1,), "个")
    assert judge.table_ruling("除夕谁值班？", [roster, grants]) is None
    # A question that names one row asks for its own amount, not the table's.
    assert table_total("家庭困难学生一共给多少钱？", grants) is None
    assert table_total("困难学生的慰问金一共多少钱？", grants) is None  # 学生 of 家庭困难学生 names that row


@pytest.fixture(scope="module")
def holiday_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService (default embedder) over holiday.html and duty.html, built once."""
    service = service_over(tmp_path_factory.mktemp("holiday"), ("holiday.html", "duty.html"))
    yield service
    service.close()


@pytest.mark.slow
def test_rows_named_by_a_holiday_or_by_their_place_are_answered_with_that_row(holiday_service):  # type: ignore[no-untyped-def]
    # The asked cell first, then the row that holds it, cited.
    answer = _ask(holiday_service, "除夕那天是谁值班？")
    assert answer.text == f"值班人员为李强。\n{ROSTER}[1]"
    answer = _ask(holiday_service, "春节假期最后一天谁值班？")
    assert answer.text == f"值班人员为陈洁。\n{LAST_DAY}[1]"
    (c,) = answer.citations
    assert ("值班人员", "陈洁") in c.row
    # Three tables have a last row: the one whose column names the question's words name (经办科室).
    answer = _ask(holiday_service, "慰问的最后一项由哪个科室经办？")
    assert answer.text == "经办科室为学生资助科。\n序号：2；慰问对象：家庭困难学生；金额（元）：5,000；经办科室：学生资助科[1]"


@pytest.mark.slow
def test_a_day_the_roster_lacks_is_refused(holiday_service):  # type: ignore[no-untyped-def]
    answer = _ask(holiday_service, "2月1日是谁值班？")
    assert answer.refused and not answer.citations
    assert answer.notes == ("查到的相关内容里没有提到「2月1日」",)


@pytest.mark.slow
def test_a_total_cites_the_total_row_and_a_sum_cites_every_row(holiday_service):  # type: ignore[no-untyped-def]
    answer = _ask(holiday_service, "慰问金额一共多少钱？")
    assert answer.text == f"表中合计的金额为8,000元：\n{GRANT_TOTAL}[1]"
    answer = _ask(holiday_service, "其他工作的费用总共要花多少钱？")
    assert answer.text.startswith("表中没有合计行，各行费用相加共2.8万元：\n")
    assert [c.quote for c in answer.citations] == [
        "序号：1；工作内容：春联福字印制；费用（万元）：0.5",
        "序号：2；工作内容：校园安全巡查；费用（万元）：2.3",
    ]


def test_a_sentence_beside_a_table_does_not_answer_for_a_row_turned_down():
    from assistant.evidence import focus_of
    from assistant.judge import TableEvidence, table_gap

    roster, grants, _ = _tables()
    evidence = TableEvidence((tuple(roster), tuple(grants)), frozenset({(1, 1)}))  # 家庭困难学生, turned down
    question = "家庭困难学生的慰问地点在哪里？"
    focus = focus_of(question, lambda term: 1.0)
    prose = "关于2025年春节假期值班和慰问工作安排的通知  现将2025年春节假期值班和慰问工作安排通知如下。"
    assert table_gap(question, focus, [prose], evidence) == "表中与「家庭」有关的一行没有写明「地点」"
    # With the row itself among the chosen sentences, the row's own test has ruled already.
    assert table_gap(question, focus, [prose], evidence, quotes_row=True) == ""
    # A day a roster does not list is refused unless the chosen sentences name it.
    day = "2月1日谁值班？"
    assert table_gap(day, focus_of(day, lambda term: 1.0), [prose], evidence) == "查到的相关内容里没有提到「2月1日」"
    assert table_gap(day, focus_of(day, lambda term: 1.0), ["2月1日起由办公室值班。"], evidence) == ""


def test_a_place_past_the_rows_another_year_and_a_pointed_row_turned_down_are_no_answer():
    from assistant.evidence import focus_of
    from assistant.judge import TableEvidence, table_gap
    from assistant.table import other_year_asked, place_missing

    roster, grants, costs = _tables()
    assert place_missing("第5项慰问对象是谁？", grants) == "第5项"
    assert place_missing("第2项慰问对象是谁？", grants) == ""
    assert place_missing("最后一项慰问对象是谁？", grants) == ""
    assert other_year_asked("春联福字印制去年花了多少？", costs[0])
    assert not other_year_asked("春联福字印制花了多少？", costs[0])
    assert not other_year_asked("去年花了多少？", [("项目", "甲"), ("2024年", "3")])  # a column for a year
    prose = "关于2025年春节假期值班和慰问工作安排的通知  值班人员要坚守岗位，遇有重要情况及时报告。"
    both = TableEvidence((tuple(roster), tuple(grants)))
    question = "第5项慰问对象是谁？"
    assert table_gap(question, focus_of(question, lambda term: 1.0), [prose], both) == "表中没有第5项"
    # 除夕 points at the roster's first row; turned down (it has no 夜班), a sentence beside it is no answer.
    question = "除夕谁值夜班？"
    turned_down = TableEvidence((tuple(roster),), frozenset({(0, 0)}), (), frozenset({(0, 0)}))
    gap = table_gap(question, focus_of(question, lambda term: 1.0), [prose], turned_down)
    assert gap == "表中与「除夕」对应的一行没有写明「值夜班」"


@pytest.mark.slow
def test_a_place_the_tables_lack_and_a_column_for_another_shift_are_refused(holiday_service):  # type: ignore[no-untyped-def]
    answer = _ask(holiday_service, "第9项慰问对象是谁？")
    assert answer.refused and answer.notes == ("表中没有第9项",)
    answer = _ask(holiday_service, "除夕那天谁值夜班？")
    assert answer.refused and not answer.citations


def test_a_count_names_a_cell_outside_the_column_naming_the_rows_and_an_ordinal_tells_names_apart():
    from assistant.table import count_rows, ordinal_unheld

    roster, grants, _ = _tables()
    task = [[("序号", "1"), ("重点任务", "甲"), ("责任单位", "区教育局、各中小学校")],
            [("序号", "2"), ("重点任务", "乙"), ("责任单位", "区教育局")],
            [("序号", "3"), ("重点任务", "丙"), ("责任单位", "区财政局")]]
    found = count_rows("区教育局作为责任单位的任务有几项？", task)
    assert found is not None and (found.column, found.value, found.rows) == ("责任单位", "区教育局", (0, 1))
    # 中小学 is a piece of 各中小学校, not the name of one of its items.
    assert count_rows("全区一共有多少所中小学？", task) is None
    # The column that names the rows, one per row, counts nothing: 家庭困难学生 stands once.
    assert count_rows("家庭困难学生一共有几个？", grants) is None
    # The column naming the rows counts when the question names the start of several of its cells.
    schools = [[("序号", str(n)), ("学校名称", name), ("项目名称", work)] for n, (name, work) in enumerate(
        [("白沙镇中学", "围墙改造"), ("白沙镇中心小学", "食堂改建"), ("城南小学", "厕所改造")], start=1)]
    found = count_rows("白沙镇的学校总共几个项目？", schools)
    assert found is not None and (found.column, found.value, found.rows) == ("学校名称", "白沙镇", (0, 1))
    assert count_rows("城南小学一共有几个项目？", schools) is None  # one row's own name
    school = [("学校名称", "某区第二中学")]
    assert ordinal_unheld("第二实验小学的项目什么时候完工？", school) == "第二实验小学"
    assert ordinal_unheld("第二中学的项目什么时候完工？", school) == ""
    assert ordinal_unheld("第3项任务谁牵头？", school) == ""  # a place, not a name


def test_the_largest_amount_is_ruled_over_the_rows_and_one_row_cannot_tell_it():
    from assistant.table import extreme_unheld, table_extreme

    roster, grants, costs = _tables()
    most = shipped_judge().table_ruling("哪项慰问的金额最高？", [roster, grants, costs])
    assert most is not None and (most.kind, most.table, most.rows, most.column, most.value) == (
        "most",
        1,
        (1,),
        "金额（元）",
        "5,000",
    )
    least = table_extreme("费用最少的工作是哪项？", costs)
    assert least is not None and (least.rows, least.value, least.most) == ((0,), "0.5", False)
    assert table_extreme("谁值班最多？", roster) is None  # no amount asked: nothing to compare here
    assert extreme_unheld("谁值班最多？", roster[0])
    assert not extreme_unheld("最高档每月多少钱？", [("任务", "分三档发放，最高档每人每月800元")])


@pytest.mark.slow
def test_a_largest_amount_is_answered_with_its_row(holiday_service):  # type: ignore[no-untyped-def]
    answer = _ask(holiday_service, "哪项慰问的金额最高？")
    assert answer.text == "表中金额最高的为5,000元：\n序号：2；慰问对象：家庭困难学生；金额（元）：5,000；经办科室：学生资助科[1]"


def test_an_index_from_before_records_were_stored_opens_and_reads_none(tmp_path: Path):
    import sqlite3

    doc, chunks = _document()
    embedder = HashingEmbedder()
    settings = StoreSettings(index_dir=tmp_path / "index")
    with Index.open(settings, embedder.name, embedder.dim) as index:
        index.replace_file(doc.source, "h", [doc], chunks, embedder.embed_passages([c.text for c in chunks]), size=1)
        manifest = index._manifest
    with sqlite3.connect(manifest) as conn:
        conn.execute("ALTER TABLE documents DROP COLUMN records_json")  # the layout before this column
    with Index.open(settings, embedder.name, embedder.dim) as index:
        stored = index.document(doc.doc_id)
        assert stored.text == doc.text and stored.records == () and stored.tables == ()
        # Its chunks still carry their rows and tables, so questions about them still work.
        assert row_tables(index.chunks()[0].extra) == list(doc.tables)
