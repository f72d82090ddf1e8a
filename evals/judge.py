"""Optional LLM-as-judge: faithfulness and correctness of an answer, scored by a chat model.

The judge's scores are opinions of a model, not measurements: reports keep them apart from the
deterministic metrics of `evals.metrics`. The judge runs only when an LLM is configured.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.config import LLMSettings
from assistant.types import Answer
from evals.schema import TestItem

JUDGE_PROMPT = "judge"
_JSON_OBJECT = re.compile(r"\{.*\}", re.S)
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S)


class ChatModel(Protocol):
    """What the judge needs from a chat model (assistant.llm.ChatModel)."""

    def generate(self, messages: Sequence[tuple[str, str]]) -> str: ...


@dataclass(frozen=True)
class JudgeScore:
    """Scores in [0, 1] (the model's 1–5 mapped linearly), or the error that prevented them."""

    faithfulness: float | None = None
    correctness: float | None = None
    reason: str = ""
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"faithfulness": self.faithfulness, "correctness": self.correctness}
        if self.reason:
            out["reason"] = self.reason
        if self.error:
            out["error"] = self.error
        return out


def judge_settings(llm: LLMSettings) -> LLMSettings | None:
    """The LLM settings the judge uses, or None when no LLM is configured.

    An extractive run with an endpoint (``llm.base_url``) still gets judged through that endpoint.
    """
    if llm.mode in ("openai", "llamacpp"):
        return llm
    if llm.base_url:
        return llm.model_copy(update={"mode": "openai"})
    return None


class Judge:
    """Scores answers with a chat model and the prompt ``prompts/judge.md``."""

    def __init__(self, chat: ChatModel) -> None:
        self.chat = chat

    @classmethod
    def from_settings(cls, llm: LLMSettings) -> Judge | None:
        """A judge for the configured LLM (built lazily), or None when there is none."""
        chosen = judge_settings(llm)
        if chosen is None:
            return None
        from assistant.llm import LazyChatModel, make_chat_model

        return cls(LazyChatModel(lambda: make_chat_model(chosen)))

    def score(self, item: TestItem, answer: Answer) -> JudgeScore:
        """Judge one non-refused answer against the passages it was given and the reference."""
        from assistant.llm import LLMError

        try:
            reply = self.chat.generate(judge_messages(item, answer))
        except LLMError as exc:
            return JudgeScore(error=str(exc))
        return parse_scores(reply)


def judge_messages(item: TestItem, answer: Answer) -> list[tuple[str, str]]:
    """The one user message asking the judge to score ``answer``."""
    from assistant.prompting import format_context
    from prompts import render

    text = render(
        JUDGE_PROMPT,
        context=format_context(answer.hits) or "（无）",
        question=item.question.strip(),
        reference=item.reference.strip(),
        answer=answer.text.strip(),
    )
    return [("user", text.strip())]


def parse_scores(reply: str) -> JudgeScore:
    """Read ``{"faithfulness": 1-5, "correctness": 1-5, "reason": ...}`` from a judge reply."""
    text = _THINK.sub("", reply)
    match = _JSON_OBJECT.search(text)
    if match is None:
        return JudgeScore(error=f"评审回复中没有 JSON 对象：{_brief(text)}")
    try:
        obj = json.loads(match.group(0))
    except json.JSONDecodeError:
        return JudgeScore(error=f"评审回复不是合法的 JSON：{_brief(match.group(0))}")
    if not isinstance(obj, dict):
        return JudgeScore(error=f"评审回复不是 JSON 对象：{_brief(match.group(0))}")
    faithfulness, correctness = _unit(obj.get("faithfulness")), _unit(obj.get("correctness"))
    bad = [name for name, value in (("faithfulness", faithfulness), ("correctness", correctness)) if value is None]
    error = f"评审分数缺失或不在 1 到 5 之间：{', '.join(bad)}" if bad else ""
    return JudgeScore(faithfulness, correctness, str(obj.get("reason", "")), error)


def summarize(scores: Sequence[JudgeScore]) -> dict[str, float | int | None]:
    """Means of the judge's scores over the judged answers, and how many were judged or failed."""

    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    return {
        "judged": len(scores),
        "judge_errors": sum(1 for s in scores if s.error),
        "faithfulness": mean([s.faithfulness for s in scores if s.faithfulness is not None]),
        "correctness": mean([s.correctness for s in scores if s.correctness is not None]),
    }


def _unit(value: Any) -> float | None:
    """A 1–5 score mapped to [0, 1]; None when it is not a number in range."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not 1 <= value <= 5:
        return None
    return (float(value) - 1.0) / 4.0


def _brief(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"
