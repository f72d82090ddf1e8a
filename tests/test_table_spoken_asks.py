"""A row asked of in spoken words: 啥 asks as 什么 does (啥时候, 啥部门), 多会儿 and 哪会儿 ask a time as
什么时候 does, a verb with the resultative 完 (办完, 修完) asks when a thing ends, and a verb of being in
charge (归哪个部门管) is asked with the body. A task-division table of a DOCX 实施方案, invented for the tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_tables import add_grid
from index_checks import ask_checked, service_over

from assistant.lexicon import standard_asking
from assistant.row_text import asked_cells
from assistant.table import asked_kinds, phase_asked, phase_unheld

TASK = [
    ("序号", "3"),
    ("重点任务", "举办校园读书节"),
    ("牵头部门", "图书室"),
    ("配合部门", "语文教研组"),
    ("完成时限", "2027年5月15日"),
]
REPAIR = [("工程名称", "北楼屋面防水维修"), ("开工日期", "2027年7月10日")]


def test_spoken_asking_words_read_as_their_standard_forms():
    assert standard_asking("读书节啥时候得办完？") == "读书节什么时候得办完？"
    assert standard_asking("配合的是啥部门？") == "配合的是什么部门？"
    assert standard_asking("多会儿交？咋办？") == "什么时候交？怎么办？"
    assert standard_asking("读书节由谁牵头？") == "读书节由谁牵头？"  # no spoken asking word: unchanged


def test_a_time_asked_in_spoken_words_asks_for_a_date():
    for question in ("读书节啥时候得办完？", "读书节多会儿得办完？", "读书节哪会儿办完？"):
        assert "date" in asked_kinds(question), question
    assert "date" not in asked_kinds("读书节啥部门牵头？")


def test_both_parts_asked_in_spoken_words_are_the_cells_of_the_row():
    for question in ("读书节归哪个部门管，啥时候得办完？", "读书节归哪个部门管，多会儿得办完？"):
        names = [name for name, _ in asked_cells(question, TASK)]
        assert "完成时限" in names, question
        assert "牵头部门" in names, question
    # The standard words ask the same cells.
    assert "完成时限" in [name for name, _ in asked_cells("读书节归哪个部门管，什么时候完成？", TASK)]


def test_a_verb_ended_by_wan_is_no_topic_of_a_question_that_asks_a_time():
    from assistant.evidence import focus_of

    terms = [t for t, _ in focus_of("校园读书节啥时候得办完？", lambda _: 3.0).terms]
    assert "办完" not in terms and "啥时候" not in terms
    assert "读书节" in terms
    # Asked no time, the act is what is asked about.
    assert "办完" in [t for t, _ in focus_of("材料办完了交给谁？", lambda _: 3.0).terms]


def test_a_verb_with_the_resultative_wan_asks_when_a_thing_ends():
    assert phase_asked("读书节哪天办完？") == ("end", "办完")
    assert phase_unheld("北楼屋面防水啥时候修完？", REPAIR) == "修完"  # a start date does not say when it ends
    assert phase_unheld("北楼屋面防水啥时候开工？", REPAIR) == ""
    # 完善 and 完整 are words of their own, not a verb with 完.
    assert phase_asked("读书节方案什么时候完善？") == ("", "")


def _plan_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("青松小学2027年阅读推广工作实施方案", level=1)
    document.add_paragraph("为营造书香校园氛围，结合我校实际，制定本方案。")
    document.add_heading("一、任务分工", level=2)
    rows = [
        ("序号", "重点任务", "牵头部门", "配合部门", "完成时限"),
        ("1", "更新班级图书角藏书", "图书室", "各班主任", "2027年3月31日"),
        ("2", "开展亲子共读打卡", "德育处", "家长委员会", "2027年4月30日"),
        ("3", "举办校园读书节", "教导处", "语文教研组", "2027年5月15日"),
        ("4", "评选书香班级", "少先队大队部", "年级组", "2027年6月20日"),
    ]
    add_grid(document, rows)
    document.add_heading("二、保障措施", level=2)
    document.add_paragraph("学校成立阅读推广工作小组，由校长任组长，统筹推进各项工作。")
    document.save(str(path))


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("spoken-files")
    _plan_docx(files / "阅读推广实施方案.docx")
    # Words alone find the row: the hashing embedder's vectors would only add noise to a one-table index.
    index = tmp_path_factory.mktemp("spoken-index")
    with service_over(files, index, embedding={"mode": "hashing"}, retrieval={"mode": "bm25"}) as service:
        yield service


@pytest.mark.parametrize("when", ["啥时候得办完", "多会儿得办完", "什么时候完成"])
def test_a_body_and_a_deadline_asked_in_spoken_words_are_both_answered(plan, when: str) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(plan, f"校园读书节归哪个部门管，{when}？")
    assert not answer.refused
    assert "教导处" in answer.text
    assert "2027年5月15日" in answer.text.split("\n")[0], answer.text  # said in the answer, not only in the row


def test_a_verb_of_being_in_charge_is_asked_with_the_body():
    from assistant.table import asking_phrases

    assert "管" in asking_phrases("读书节归哪个部门管？", TASK)
    assert "负责" in asking_phrases("读书节是哪个部门负责？", TASK)
    assert "管" not in asking_phrases("读书节管得严吗？", TASK)  # no body asked


def test_an_ended_act_a_time_is_counted_from_stays_a_topic():
    from assistant.evidence import focus_of

    assert "办完" in [t for t, _ in focus_of("手续办完后多久能拿到证？", lambda _: 3.0).terms]
