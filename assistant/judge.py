"""The evidence judge: which sentences answer a question, and whether to answer at all.

One place decides. The extractive answerer asks it to score candidate sentences and to rule on the
ones it chose; the LLM answerer's evidence gate and the drafter go through the extractive answerer's
ruling. The judge is two logistic models over the signals of `assistant.features`, fitted on the
train split of the blind collection (evals/blind_set) by ``python -m evals.fit_judge`` and shipped
as ``assistant/judge_model.json``; the answer threshold was chosen on the dev split.

A ruling carries its reasons in plain Chinese (资料中没有提到「校长办公会」), never a bare score.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from assistant.config import JudgeSettings
from assistant.evidence import Focus
from assistant.features import (
    ASK_KINDS,
    QUESTION_FEATURES,
    RERANK_FEATURES,
    SENTENCE_FEATURES,
    Chosen,
    QuestionView,
    context_of,
    heaviest_missing,
    kinds_stated,
)

MODEL_FILE = "judge_model.json"
_DENSE = ("dense_score", "dense_max")
_FIGURE_NAMES = {
    "date": "日期",
    "period": "期限或时长",
    "clock": "具体时间",
    "money": "金额",
    "ratio": "比例",
    "count": "数量",
    "number": "数字",
}
_KIND_NAMES = {
    "deadline": "期限",
    "amount": "金额或标准",
    "body": "负责的部门或机构",
    "prohibition": "能否这样做",
    "condition": "适用的条件",
    "procedure": "办理的程序",
    "liability": "要承担的责任",
    "list": "具体包括哪些",
}


class JudgeModelError(ValueError):
    """The judge's model file is missing, unreadable, or fitted on other features."""


@dataclass(frozen=True)
class Linear:
    """A fitted logistic model: standardise, weigh, add the intercept."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def logit(self, x: Sequence[float]) -> float:
        return self.intercept + sum(
            c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True)
        )

    @classmethod
    def from_json(cls, raw: dict[str, Any], expected: tuple[str, ...]) -> Linear:
        names = tuple(raw["features"])
        if names != expected:
            raise JudgeModelError(f"判定模型的特征与程序不一致：{names} ≠ {expected}")
        n = len(names)
        fields = [tuple(float(v) for v in raw[k]) for k in ("mean", "scale", "coef")]
        if any(len(f) != n for f in fields) or any(s <= 0 for s in fields[1]):
            raise JudgeModelError("判定模型文件已损坏：参数个数或尺度不对")
        return cls(names, *fields, float(raw["intercept"]))


@dataclass(frozen=True)
class JudgeModel:
    """The fitted sentence and question models, with and without meaning similarity."""

    sentence: Linear
    question: Linear
    sentence_lexical: Linear
    question_lexical: Linear
    threshold: float  # answer when P(answerable) is at least this (chosen on dev)
    threshold_lexical: float  # the same, for the models without meaning similarity
    embedding: str  # the embedder whose similarities the full models were fitted on
    fitted: dict[str, Any]
    rerank: Linear | None = None  # second stage over the best few sentences (the embedder's similarity)
    rerank_k: int = 0

    @classmethod
    def load(cls, path: Path | None = None) -> JudgeModel:
        """The model at ``path``, or the one shipped with the package.

        Raises:
            JudgeModelError: the file is missing, not JSON, or fitted on other features.
        """
        try:
            if path is None:
                text = resources.files("assistant").joinpath(MODEL_FILE).read_text(encoding="utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
            raw = json.loads(text)
            return cls(
                Linear.from_json(raw["sentence"], SENTENCE_FEATURES),
                Linear.from_json(raw["question"], QUESTION_FEATURES),
                Linear.from_json(raw["sentence_lexical"], SENTENCE_FEATURES),
                Linear.from_json(raw["question_lexical"], QUESTION_FEATURES),
                float(raw["threshold"]),
                float(raw["threshold_lexical"]),
                str(raw["embedding"]),
                dict(raw.get("fitted", {})),
                Linear.from_json(raw["rerank"], RERANK_FEATURES) if raw.get("rerank") else None,
                int(raw.get("rerank_k", 0)),
            )
        except JudgeModelError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise JudgeModelError(f"判定模型文件 {path or MODEL_FILE} 无法读取：{exc}") from exc


@dataclass(frozen=True)
class Verdict:
    """The judge's ruling on one question (or one part of a question)."""

    decision: Literal["answer", "refuse"]
    probability: float
    reasons: tuple[str, ...] = ()


class EvidenceJudge:
    """Scores candidate sentences and rules on the chosen ones.

    Args:
        model: the fitted models.
        embedding: the embedder that produced the passages' similarity scores; when it is not the
            one the model was fitted with, the judge uses its models without meaning similarity.
        threshold: answer when P(answerable) is at least this (None: the model's own, from dev).
    """

    def __init__(self, model: JudgeModel, embedding: str, threshold: float | None = None) -> None:
        self.model = model
        self.same_embedder = embedding == model.embedding
        self.threshold = threshold

    @classmethod
    def from_settings(cls, settings: JudgeSettings, embedding: str) -> EvidenceJudge:
        """The judge that ``settings`` configure, for passages scored by ``embedding``.

        Raises:
            JudgeModelError: the model file is missing, unreadable, or fitted on other features.
        """
        return cls(JudgeModel.load(settings.model_path), embedding, settings.threshold)

    def _models(self, dense_seen: bool) -> tuple[Linear, Linear, float]:
        m = self.model
        if self.same_embedder and dense_seen:
            return m.sentence, m.question, m.threshold if self.threshold is None else self.threshold
        return (
            m.sentence_lexical,
            m.question_lexical,
            m.threshold_lexical if self.threshold is None else self.threshold,
        )

    def sentence_logit(self, features: Sequence[float], dense_seen: bool) -> float:
        """How strongly a sentence states what the question asks (a log-odds)."""
        return self._models(dense_seen)[0].logit(features)

    def rerank_k(self, dense_seen: bool) -> int:
        """How many of the best sentences the second stage re-scores by meaning (0: none)."""
        if self.model.rerank is None or not (self.same_embedder and dense_seen):
            return 0
        return self.model.rerank_k

    def rerank_logit(self, features: Sequence[float]) -> float:
        """The second stage's log-odds from ``RERANK_FEATURES``."""
        assert self.model.rerank is not None
        return self.model.rerank.logit(features)

    def rule(
        self, view: QuestionView, features: Sequence[float], chosen: Sequence[Chosen], dense_seen: bool
    ) -> Verdict:
        """Answer or refuse a question from its ``QUESTION_FEATURES``, with reasons when refusing."""
        if not chosen:
            return Verdict("refuse", 0.0, ("没有检索到相关段落",))
        _, question, threshold = self._models(dense_seen)
        z = question.logit(features)
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        if p >= threshold:
            return Verdict("answer", p)
        return Verdict("refuse", p, (refusal_reason(view, features, chosen),))


def refusal_reason(view: QuestionView, features: Sequence[float], chosen: Sequence[Chosen]) -> str:
    """Why the evidence does not answer the question, in words a user reads."""
    f = dict(zip(QUESTION_FEATURES, features, strict=True))
    focus: Focus = view.focus
    context = " ".join(context_of(c.text, c.hit, focus) for c in chosen)
    share, term = heaviest_missing(focus, context)
    if f["unknown_share"] >= 0.3 and term:
        return f"资料中没有出现「{term}」"
    if share >= 0.25 and term:
        return f"找到的条文没有提到「{term}」"
    if f["figure_asked_not_stated"] and focus.quantity is not None:
        return f"找到了相关条文，但没有写明所问的{_FIGURE_NAMES.get(focus.quantity.kind, '数字')}"
    if f["name_asked_not_stated"]:
        return "找到了相关条文，但没有写明人名"
    if f["kinds_missing_best"] > 0:
        missing = [
            k
            for k, _, _ in ASK_KINDS
            if k in view.kinds and not any(kinds_stated((k,), c.text) for c in chosen)
        ]
        if missing:
            return f"找到了相关条文，但没有写明{_KIND_NAMES[missing[0]]}"
    return "找到的条文只涉及相关话题，没有直接回答这个问题"
