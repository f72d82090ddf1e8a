"""The offline extractive answerer on the bundled documents: key points, citations, refusals."""

from __future__ import annotations

import pytest
from judges import shipped_judge

from assistant.types import REFUSAL
from govdoc.accounts import LOCAL

DECISION_ITEMS = ["党的建设", "办学方向", "改革发展", "教职工切身利益", "职称评审", "评优选先", "职务晋升", "岗位调整"]


def _assert_quotes_verbatim(service, answer) -> None:  # type: ignore[no-untyped-def]
    for c in answer.citations:
        text = service.index.document_text(c.doc_id)
        assert text[c.start : c.end] == c.quote
        assert f"[{c.n}]" in answer.text


@pytest.mark.slow
def test_party_branch_decisions_answered_with_citation(data_service):  # type: ignore[no-untyped-def]
    answer = data_service.ask("哪些事项需要由党支部研究决定？", who=LOCAL)
    assert not answer.refused and answer.verified
    for item in DECISION_ITEMS:
        assert item in answer.text, item
    assert any(c.doc_title.startswith("第三中学") for c in answer.citations)
    _assert_quotes_verbatim(data_service, answer)


@pytest.mark.slow
@pytest.mark.parametrize(
    "question",
    ["学校食堂的午餐标准是多少钱？", "校长的任期是几年？", "第三中学有多少名学生？", "学校的年度预算是多少万元？"],
)
def test_questions_the_documents_never_answer_are_refused(data_service, question):  # type: ignore[no-untyped-def]
    answer = data_service.ask(question, who=LOCAL)
    assert answer.refused, answer.text
    assert answer.text == REFUSAL
    assert not answer.citations and not answer.verified


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("第三中学党支部换届时设立了几名支委委员？", "7名支委委员"),
        ("党建工作经费占公用经费的比例是多少？", "2%"),
        ("教师节是每年的哪一天？", "九月十日"),
        ("老师的工资不能低于谁的？", "公务员的平均工资水平"),
        ("中层干部招聘的程序是怎样的？", "民主测评"),
    ],
)
def test_figures_lists_and_paraphrases(data_service, question, expected):  # type: ignore[no-untyped-def]
    answer = data_service.ask(question, who=LOCAL)
    assert not answer.refused
    assert expected in answer.text
    _assert_quotes_verbatim(data_service, answer)


def test_list_question_keeps_the_items_of_a_law_article(hashing_service):  # type: ignore[no-untyped-def]
    answer = hashing_service.ask("教师享有哪些权利？", who=LOCAL)
    assert not answer.refused
    for item in ("进行教育教学活动", "参加进修或者其他方式的培训"):
        assert item in answer.text
    assert any("第七条" in c.section for c in answer.citations)
    _assert_quotes_verbatim(hashing_service, answer)


def test_every_sentence_of_an_answer_carries_a_marker(hashing_service):  # type: ignore[no-untyped-def]
    answer = hashing_service.ask("义务教育实行怎样的管理体制？", who=LOCAL)
    assert not answer.refused
    stripped = answer.text
    for c in answer.citations:
        stripped = stripped.replace(c.quote + f"[{c.n}]", "")
    assert stripped.strip() == ""  # nothing but cited quotes


def test_refusal_is_decided_by_evidence_not_word_overlap(hashing_service):  # type: ignore[no-untyped-def]
    # 学校 and 标准 occur in many passages; 食堂 and 午餐 in none.
    answer = hashing_service.ask("学校食堂的午餐标准是多少钱？", who=LOCAL)
    assert answer.refused
    assert answer.notes  # the reason is recorded


def test_follow_up_question_uses_the_previous_one(hashing_service):  # type: ignore[no-untyped-def]
    history = [("user", "第三中学党支部书记参加了几次培训？"), ("assistant", "……")]
    answer = hashing_service.ask("那校长呢？", history, who=LOCAL)
    direct = hashing_service.ask("那校长呢？", who=LOCAL)
    assert answer.hits and "校长" in answer.resolved and "书记" not in answer.resolved and "培训" in answer.resolved
    # Without the previous question the turn cannot be read: nothing is searched, the whole question is asked for.
    assert direct.refused and not direct.hits and "完整" in direct.text


class _FlatStats:
    """Every word equally telling and present: isolates sentence selection from word weights."""

    def idf(self, token: str) -> float:
        return 1.0

    def df(self, token: str) -> int:
        return 1


def test_an_exception_is_quoted_with_the_rule_it_qualifies():
    from assistant.answer import ExtractiveAnswerer
    from assistant.types import Hit
    from ingest.types import Chunk

    text = (
        "第四十二条 行政机关依申请提供政府信息，不收取费用。"
        "但是，申请公开的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。\n"
        "第四十三条 行政机关应当为阅读困难的申请人提供必要的帮助。"
    )
    chunk = Chunk("c1", "d1", "某条例", "x.md", "第四章", None, 0, len(text), text)
    answer = ExtractiveAnswerer(_FlatStats, shipped_judge()).answer("什么情况下可以收取信息处理费？", [Hit(chunk, 1.0, 1)])
    assert not answer.refused
    # The exception alone would read as "a fee is charged": the rule before it comes along, as one quote.
    assert "不收取费用" in answer.text and "信息处理费" in answer.text
    assert "阅读困难" not in answer.text
    assert [c.quote for c in answer.citations] == [text[: text.index("\n")]]
    # And the rule brings its exception.
    answer = ExtractiveAnswerer(_FlatStats, shipped_judge()).answer("依申请提供政府信息收不收取费用？", [Hit(chunk, 1.0, 1)])
    assert [c.quote for c in answer.citations] == [text[: text.index("\n")]]


def test_a_list_is_followed_into_the_next_chunk_of_its_document():
    from assistant.answer import ExtractiveAnswerer
    from assistant.types import Hit
    from ingest.types import Chunk

    doc = (
        "第三十九条 随车照管人员应当履行下列职责：\n（一）学生上下车时，在车下引导、指挥；\n"
        "（二）清点乘车学生人数，帮助学生安全落座；\n（三）核实学生下车人数。\n第四十条 校车的副驾驶座位不得安排学生乘坐。"
    )
    cut = doc.index("（二）")
    first = Chunk("c1", "d1", "某条例", "x.md", "第三十九条", None, 0, cut - 1, doc[: cut - 1])
    second = Chunk("c2", "d1", "某条例", "x.md", "第三十九条", None, cut, len(doc), doc[cut:])
    chunks = {"c1": second}
    question = "随车照管人员有哪些职责？"
    answer = ExtractiveAnswerer(_FlatStats, shipped_judge(), following=lambda c: chunks.get(c.id)).answer(question, [Hit(first, 1.0, 1)])
    assert not answer.refused
    for item in ("（一）", "（二）", "（三）"):
        assert item in answer.text
    assert "第四十条" not in answer.text  # the list ends where the next article begins
    assert answer.text.index("（一）") < answer.text.index("（二）") < answer.text.index("（三）")
    assert [h.chunk.id for h in answer.hits] == ["c1", "c2"]  # the followed chunk is a passage of the answer
    for c in answer.citations:
        assert doc[c.start : c.end] == c.quote
    # Without a way to reach the next chunk, the answer keeps to the retrieved one.
    alone = ExtractiveAnswerer(_FlatStats, shipped_judge()).answer(question, [Hit(first, 1.0, 1)])
    assert "（一）" in alone.text and "（二）" not in alone.text


def test_a_question_that_asks_two_things_is_answered_part_by_part():
    from assistant.answer import ExtractiveAnswerer
    from assistant.types import Hit
    from ingest.types import Chunk

    text = "第十条 校务委员会由校长、副校长和教师代表组成。\n第十一条 校务委员会每月召开一次例会。"
    hits = [Hit(Chunk("c1", "d1", "某规则", "x.md", "第十条", None, 0, len(text), text), 1.0, 1)]
    answerer = ExtractiveAnswerer(_FlatStats, shipped_judge())
    both = answerer.answer("校务委员会由哪些人组成？多久开一次例会？", hits)
    assert "教师代表" in both.text and "每月召开一次例会" in both.text and "未找到" not in both.text
    # One part the text does not answer: the other is still answered, and the gap is said, not filled.
    half = answerer.answer("校务委员会由哪些人组成？食堂午餐标准是多少钱？", hits)
    assert not half.refused and "教师代表" in half.text
    assert half.text.endswith("关于“食堂午餐标准是多少钱？”，资料中未找到直接对应的内容。")
    assert all(c.quote in text for c in half.citations)
    assert answerer.answer("食堂午餐标准是多少钱？校服多少钱一套？", hits).refused


def test_when_a_document_takes_effect_is_answered_by_its_closing_clause():
    from assistant.answer import ExtractiveAnswerer
    from assistant.types import Hit
    from ingest.types import Chunk

    first = "第一条 为了加强校园周边交通秩序管理，制定本办法。\n第二条 各校应当在上下学时段安排人员值守。"
    last = "第二十条 本办法自2031年3月1日起施行。"
    title = "某市校园周边交通秩序管理办法"
    c1 = Chunk("c1", "d1", title, "x.md", "第一条", None, 0, len(first), first)
    c2 = Chunk("c2", "d1", title, "x.md", "第二十条", None, len(first) + 1, len(first) + 1 + len(last), last)
    doc = {"d1": [c1, c2]}
    answerer = ExtractiveAnswerer(_FlatStats, shipped_judge(), document=lambda d: doc.get(d, []))
    # The passage found does not hold the clause: the document's own closing clause is read and leads.
    answer = answerer.answer("校园周边交通秩序管理办法从哪天开始执行？", [Hit(c1, 1.0, 1)])
    assert not answer.refused, answer.text
    assert answer.text.startswith(last)
    assert any(c.quote == last for c in answer.citations)
    # Without the document's chunks, the passage found says no date: refused.
    alone = ExtractiveAnswerer(_FlatStats, shipped_judge()).answer("校园周边交通秩序管理办法从哪天开始执行？", [Hit(c1, 1.0, 1)])
    assert alone.refused
    # A question that does not ask when it takes effect is not given the clause.
    other = answerer.answer("上下学时段由谁值守？", [Hit(c1, 1.0, 1)])
    assert "2031" not in other.text


def test_a_question_whose_first_part_is_unanswered_is_refused_whole():
    from dataclasses import replace

    from assistant.answer import ExtractiveAnswerer, ExtractiveSettings
    from assistant.types import Hit
    from ingest.types import Chunk

    text = "第十条 家长委员会由各班推选的家长代表组成。\n第十一条 家长委员会每学期召开一次全体会议。"
    hits = [Hit(Chunk("c1", "d1", "某规则", "x.md", "第十条", None, 0, len(text), text), 1.0, 1)]
    question = "家长委员会委员每月补贴多少钱？由谁组成？"
    # What is asked first (the sum) is not stated: an answer to the later part alone would read as an answer.
    whole = ExtractiveAnswerer(_FlatStats, shipped_judge()).answer(question, hits)
    assert whole.refused and whole.text == REFUSAL and not whole.citations
    assert whole.notes and "金额" in whole.notes[0]
    # With the rule off, the later part is answered and the gap said.
    settings = replace(ExtractiveSettings(), first_part_leads=False)
    half = ExtractiveAnswerer(_FlatStats, shipped_judge(), settings).answer(question, hits)
    assert not half.refused and "家长代表" in half.text
    assert "资料中未找到直接对应的内容" in half.text
