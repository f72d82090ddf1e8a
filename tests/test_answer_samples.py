"""An answer whose best sentence is a rule (or our own material) does not quote beside it a sentence of another
unit's report (a sample) that writes less of the question: such a sentence, matched on a few general words,
states that unit's facts, not what was asked. Sentences are invented."""

from __future__ import annotations

from assistant.answer import Candidate, _samples_on_the_point
from assistant.evidence import focus_of
from assistant.types import Hit
from ingest.role import ROLE_KEY
from ingest.types import Chunk

QUESTION = "学校组织聋哑学生集中参加的活动，需要提供什么服务？"
RULE = "第二十五条 举办听力残疾人集中参加的公共活动，举办单位应当提供字幕或者手语服务。"
SAMPLE = "学校组织党员参加活动，提供经费保障，党建工作经费占公用经费的2%。"
SAMPLE_ON_POINT = "我校组织聋哑学生集中参加的文体活动，均提供手语服务和字幕服务。"


def _candidate(text: str, role: str, doc: str) -> Candidate:
    chunk = Chunk(f"c-{doc}", doc, doc, f"{doc}.md", "", None, 0, len(text), text, extra={ROLE_KEY: role})
    return Candidate(Hit(chunk, 1.0, 1), 0, len(text), text, 0.5)


def _kept(*chosen: Candidate) -> list[str]:
    return [c.text for c in _samples_on_the_point(focus_of(QUESTION, lambda _: 1.0), list(chosen))]


def test_a_sample_sentence_on_general_words_is_not_quoted_beside_the_rule_that_answers() -> None:
    assert _kept(_candidate(RULE, "policy", "law"), _candidate(SAMPLE, "sample", "report")) == [RULE]


def test_a_sample_sentence_that_writes_as_much_of_the_question_stays() -> None:
    assert _kept(_candidate(RULE, "policy", "law"), _candidate(SAMPLE_ON_POINT, "sample", "report")) == [RULE, SAMPLE_ON_POINT]


def test_samples_alone_and_rules_beside_rules_are_left_as_chosen() -> None:
    # Asked of a sample (what another school did), its sentences are the answer; a rule's other articles are
    # not held to the best one's words.
    assert _kept(_candidate(SAMPLE_ON_POINT, "sample", "a"), _candidate(SAMPLE, "sample", "b")) == [SAMPLE_ON_POINT, SAMPLE]
    assert _kept(_candidate(RULE, "policy", "law"), _candidate(SAMPLE, "policy", "law2")) == [RULE, SAMPLE]
