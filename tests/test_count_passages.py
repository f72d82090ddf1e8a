"""A question that counts table rows is answered over more passages than the first k (`Retriever.for_answer`).

The tables here are invented: two rosters that both list 星期二, of which the question's words name one.
"""

from __future__ import annotations

from assistant.config import RetrievalSettings
from assistant.retrieve import Retriever
from assistant.types import Hit
from ingest.record import ROWS_KEY, encode_spans
from ingest.types import Chunk


def _hit(rank: int, text: str, rows: bool) -> Hit:
    extra = {ROWS_KEY: encode_spans([(0, len(line)) for line in text.splitlines()][:1])} if rows else {}
    chunk = Chunk(f"c{rank}", f"d{rank}", f"文件{rank}", f"f{rank}.txt", "", None, 0, len(text), text, extra=extra)
    return Hit(chunk, 1.0 / rank, rank)


def _retriever(k: int = 2, count_k: int = 4) -> Retriever:
    return Retriever(None, None, RetrievalSettings(k=k, count_k=count_k))  # type: ignore[arg-type]


ROSTER = "日期：10月14日；星期：星期二；值日教师：贺兰舟"
MENU = "日期：10月14日；星期：星期二；汤：冬瓜汤"
PROSE = "值日教师每天七点半到岗，负责早读和午休巡查。"


def test_a_count_is_retrieved_count_k_deep_and_other_questions_k_deep():
    retriever = _retriever()
    assert retriever.depth("值日表里星期二一共有几位老师？") == 4
    assert retriever.depth("星期二谁值日？") == 2
    assert retriever.depth("星期二谁值日？", k=3) == 3
    assert retriever.depth("值日表里星期二一共有几位老师？", k=6) == 6  # a deeper k asked for is kept


def test_a_count_with_a_table_row_among_the_first_k_is_given_count_k_passages():
    hits = [_hit(1, MENU, True), _hit(2, PROSE, False), _hit(3, ROSTER, True), _hit(4, PROSE + "。", False), _hit(5, ROSTER, True)]
    retriever = _retriever()
    # The roster the question means ranks third: only the deeper passages bring it to the judge.
    kept = retriever.for_answer("值日表里星期二一共有几位老师？", hits)
    assert [h.rank for h in kept] == [1, 2, 3, 4]
    assert [h.deeper for h in kept] == [False, False, True, True]  # only a whole-table answer reads these


def test_a_count_without_a_table_row_among_the_first_k_keeps_the_first_k():
    hits = [_hit(1, PROSE, False), _hit(2, PROSE + "。", False), _hit(3, ROSTER, True), _hit(4, MENU, True)]
    kept = _retriever().for_answer("值日分为几个时段？", hits)
    assert [h.rank for h in kept] == [1, 2]


def test_a_question_that_does_not_count_keeps_the_first_k():
    hits = [_hit(1, MENU, True), _hit(2, ROSTER, True), _hit(3, ROSTER, True)]
    kept = _retriever().for_answer("星期二的汤是什么？", hits)
    assert [h.rank for h in kept] == [1, 2]
    assert [h.rank for h in _retriever().for_answer("星期二的汤是什么？", hits, k=1)] == [1]


MENU_PAGE = """<html><head><title>城东小学第九周午餐食谱公示</title></head><body>
<h1>城东小学第九周午餐食谱公示</h1><p>现将第九周午餐食谱公布如下。</p>
<table><tr><th>日期</th><th>星期</th><th>荤菜</th><th>汤</th></tr>
<tr><td>11月3日</td><td>星期一</td><td>红烧鸡块</td><td>紫菜汤</td></tr>
<tr><td>11月5日</td><td>星期三</td><td>清蒸草鱼</td><td>冬瓜汤</td></tr>
<tr><td>11月12日</td><td>星期三</td><td>土豆牛腩</td><td>番茄汤</td></tr>
</table><p>如有食物过敏，请告知班主任。</p></body></html>"""

EXAM_PAGE = """<html><head><title>城东中学期末考试日程安排</title></head><body>
<h1>城东中学期末考试日程安排</h1><p>本学期期末考试安排如下。</p>
<table><tr><th>日期</th><th>星期</th><th>时间</th><th>考试科目</th></tr>
<tr><td>1月7日</td><td>星期三</td><td>8:00—10:00</td><td>语文</td></tr>
<tr><td>1月7日</td><td>星期三</td><td>10:30—12:00</td><td>数学</td></tr>
<tr><td>1月7日</td><td>星期三</td><td>14:30—16:00</td><td>英语</td></tr>
<tr><td>1月8日</td><td>星期四</td><td>8:00—9:30</td><td>物理</td></tr>
</table><p>考生须提前十五分钟进入考场。</p></body></html>"""


def test_a_count_is_taken_in_the_table_its_words_name_though_it_ranks_below_the_first_passages(tmp_path):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    data = tmp_path / "data"
    data.mkdir()
    (data / "menu.html").write_text(MENU_PAGE, encoding="utf-8")
    (data / "exam.html").write_text(EXAM_PAGE, encoding="utf-8")
    service = GovdocService(Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "idx"}))
    try:
        service.ingest([data])
        question = "期末考试安排里，星期三总共考几门？"
        hits, _ = service.retrieve(question, k=10)
        menu = [h for h in hits if h.chunk.source.endswith("menu.html") and h.chunk.extra.get(ROWS_KEY)]
        exam = [h for h in hits if h.chunk.source.endswith("exam.html") and h.chunk.extra.get(ROWS_KEY)]
        assert menu and exam
        # The menu's rows rank first; the exam table the question names stands only among the deeper passages.
        near = [replace(menu[0], rank=1)]
        alone = service.extractive.answer(question, near)
        assert alone.text.startswith("表中星期为“星期三”的共2") and all(c.source.endswith("menu.html") for c in alone.citations)
        answer = service.extractive.answer(question, [*near, replace(exam[0], rank=2, deeper=True)])
        assert not answer.refused
        assert answer.text.startswith("表中星期为“星期三”的共3门")
        assert [c.source.rsplit("/", 1)[-1] for c in answer.citations] == ["exam.html"] * 3
        # A question that asks one row's cell reads no deeper passage.
        cell = service.extractive.answer("星期三中午是什么汤？", [*near, replace(exam[0], rank=2, deeper=True)])
        assert not cell.refused and all(c.source.endswith("menu.html") for c in cell.citations)
    finally:
        service.close()
