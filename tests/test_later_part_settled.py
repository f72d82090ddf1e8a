"""A later part of a question that asks two things (…违法吗？会怎么罚？) is judged by its own words and must stand in
passages on the first part's topic; the sentences the first part was already answered by are on that topic by
the judge's own ruling, whatever words of the first part they lack (the first part may have been answered by
its meaning, in other words). Sentences are invented."""

from __future__ import annotations

from judges import shipped_judge

from assistant.evidence import focus_of
from assistant.features import Chosen, view_of
from assistant.types import Hit
from ingest.types import Chunk

FIRST = "校门口小卖部整天用大喇叭放广告，违法吗？"
LATER = "会怎么罚？"
# The article names the act in the text's own words: none of 校门口, 小卖部, 整天, 大喇叭.
ARTICLE = "第九条 在商业经营活动中使用高音广播招揽顾客的，由城市管理部门责令改正，处二百元以上二千元以下的罚款。"


def _hit() -> Hit:
    return Hit(Chunk("c1", "d1", "某市条例", "d.md", "第三章 法律责任 > 第九条", None, 0, len(ARTICLE), ARTICLE), 1.0, 1)


def _rule(settled: frozenset[tuple[str, str]]):  # type: ignore[no-untyped-def]
    judge = shipped_judge()
    hit = _hit()
    later = view_of(LATER, focus_of(LATER, lambda _: 1.0))
    earlier = view_of(FIRST, focus_of(FIRST, lambda _: 1.0))
    chosen = [Chosen(ARTICLE, hit, 1.0)]
    return judge.rule(later, [], chosen, [hit], lambda _: True, earlier=earlier, settled=settled)


def test_a_later_part_answered_by_the_first_part_s_own_sentences_is_not_refused_for_the_first_part_s_words() -> None:
    assert _rule(frozenset({("c1", ARTICLE)})).decision == "answer"


def test_a_later_part_answered_by_other_sentences_still_needs_the_first_part_s_topic() -> None:
    verdict = _rule(frozenset())
    assert verdict.decision == "refuse"
    assert verdict.reasons and "「" in verdict.reasons[0]
