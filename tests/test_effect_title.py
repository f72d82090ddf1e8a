"""A sentence that names its document only as 本法, 本条例 (本条例自…起施行) is on the topic of a question that names
that document by the words of its title (反诈骗的那部法规是哪天开始实行的？): the gate reads it with its title."""

from __future__ import annotations

from judges import shipped_judge

from assistant.evidence import Focus, focus_of
from assistant.features import Chosen
from assistant.types import Hit
from ingest.types import Chunk

EFFECT = "第五十条 本条例自2025年12月1日起施行。"
# Another sentence found, on the topic but with no date: the question's words are found, the date is not.
OTHER = "第四十九条 反电信网络诈骗工作涉及的有关制度，本条例没有规定的，适用有关法规。"
# The weights an index gave these words when the question was asked of a real law: the title's word (诈骗)
# alone, or the clause's own (实行, written 施行) alone, is under the gate's share; the two together are over it.
WEIGHTS = (("诈骗", 2.0), ("法规", 1.0), ("开始", 0.9), ("实行", 1.75))


def _gap(sentence: str, title: str) -> str:
    chunk = Chunk("c1", "d1", title, "d.md", "第九章 附则 > 第五十条", None, 0, len(sentence), sentence)
    other = Chunk("c2", "d2", "某市反电信网络诈骗条例", "e.md", "第九章 附则 > 第四十九条", None, 0, len(OTHER), OTHER)
    hits = [Hit(chunk, 1.0, 1), Hit(other, 1.0, 2)]
    asked = focus_of("反诈骗的那部法规是哪天开始实行的？", lambda _: 1.0)
    focus = Focus(WEIGHTS, asked.wants_quantity, asked.wants_list, asked.quantity)
    chosen = [Chosen(sentence, hits[0], 1.0), Chosen(OTHER, hits[1], 0.9)]
    return shipped_judge().gate.gap(focus, chosen, hits, lambda _: True, rescue=False)


def test_the_effect_clause_of_the_document_the_question_names_states_the_date() -> None:
    assert _gap(EFFECT, "某市反电信网络诈骗条例") == ""


def test_the_effect_clause_of_another_document_does_not() -> None:
    assert "日期" in _gap(EFFECT, "某市养犬管理条例")
