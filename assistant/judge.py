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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from assistant.config import JudgeSettings
from assistant.evidence import (
    Focus,
    coverage,
    has_person_name,
    is_noun,
    quantity_supported,
    term_coverage_with_synonyms,
    unknown_share,
)
from assistant.features import (
    ASK_KINDS,
    QUESTION_FEATURES,
    RERANK_FEATURES,
    SENTENCE_FEATURES,
    Chosen,
    QuestionView,
    context_of,
    figure_text,
    heaviest_missing,
    kinds_stated,
)
from assistant.table import asking_phrases, lacks_asked, short_forms
from assistant.types import Hit
from ingest.types import Chunk

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
        mean, scale, coef = (tuple(float(v) for v in raw[k]) for k in ("mean", "scale", "coef"))
        if any(len(f) != n for f in (mean, scale, coef)) or any(s <= 0 for s in scale):
            raise JudgeModelError("判定模型文件已损坏：参数个数或尺度不对")
        return cls(names, mean, scale, coef, float(raw["intercept"]))


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
    probability: float  # the learned model's P(answerable); 1 or 0 when the gate alone rules
    reasons: tuple[str, ...] = ()
    gated: bool = False  # refused by the coverage gate, whatever the model's probability


@dataclass(frozen=True)
class Gate:
    """The coverage test every answer must pass: the chosen sentences (with their section and, for
    terms that name a document, its title) cover enough of the question's weighted terms, the
    question does not name mostly things the documents never mention, and a figure or a name asked
    for stands in a sentence that is about the question. A passage very close in meaning (the
    embedder's cosine, only for the embedder the judge was fitted with) may stand in for part of the
    word overlap. A table row must name the question's subject (``row_coverage``, `names_row`). These
    numbers are set in `assistant.config.JudgeSettings`."""

    min_coverage: float = 0.4
    max_unknown: float = 0.5
    dense_rescue: float = 0.88
    row_coverage: float = 0.4
    row_missing: float = 0.25

    def gap(
        self,
        focus: Focus,
        chosen: Sequence[Chosen],
        hits: Sequence[Hit],
        known: Callable[[str], bool],
        rescue: bool,
    ) -> str:
        """Why the chosen sentences do not cover the question, in words; '' when they do."""
        if not focus.terms:
            return ""
        context = " ".join(context_of(c.text, c.hit, focus) for c in chosen)
        cov = coverage(focus, context)
        close = rescue and max((h.dense_score or 0.0) for h in hits) >= self.dense_rescue
        # One wording for "the index lacks it" and "the passages found lack it": the index's word
        # counts span every knowledge base, and a reader must not learn what another one holds.
        if unknown_share(focus, known) > self.max_unknown and not (close and cov >= self.min_coverage):
            term = _heaviest_unknown(focus, known)
            return absent(term)
        if cov < self.min_coverage and not (close and cov >= self.min_coverage / 2):
            _, term = heaviest_missing(focus, context)
            return absent(term)
        on_topic = [c for c in chosen if coverage(focus, context_of(c.text, c.hit, focus)) >= self.min_coverage]
        if focus.quantity is not None and not any(
            quantity_supported(focus.quantity, figure_text(c.text, c.hit)) for c in on_topic
        ):
            return f"找到了相关条文，但没有写明所问的{_FIGURE_NAMES.get(focus.quantity.kind, '数字')}"
        roles = tuple(t for t, _ in focus.terms if t not in ("名字", "姓名"))
        if focus.wants_name and not any(has_person_name(c.text, roles) for c in on_topic):
            return "找到了相关条文，但没有写明人名"
        return ""

    def names_row(
        self, focus: Focus, fields: Sequence[tuple[str, str]], chunk: Chunk, part: str = "", question: str = ""
    ) -> bool:
        """Whether a table row is about what the question asks of: a row answers only about the
        subject it names. The question's words that no column name holds (班主任 and 培训 in
        班主任培训的预算是多少) must be covered by the row's values, its section or its title, not by
        the column names that every row of its table shares. The kind of thing the question's ``part``
        asks for (an amount, a date, a person) must be one of the row's columns
        (`assistant.table.lacks_asked`); the words of the whole ``question`` that ask for a kind the
        row holds (什么工程) are asked, not named (`assistant.table.asking_phrases`)."""
        if part and lacks_asked(part, fields):
            return False
        names = " ".join([*(name for name, _ in fields), *asking_phrases(question or part, fields)])
        short = short_forms([t for t, _ in focus.terms], fields)  # 特教 held by 特殊教育学校
        values = " ".join([*(value for _, value in fields), chunk.section, chunk.doc_title, *short])
        # The thing asked of the subject (施工单位, 电话号码) must be one of the row's columns or values.
        total = focus.total or 1.0
        unheld = (w / total for t, w in focus.terms if is_noun(t) and term_coverage_with_synonyms(t, f"{names} {values}") < 0.5)
        if max(unheld, default=0.0) >= self.row_missing:
            return False
        subject = replace(
            focus, terms=tuple((t, w) for t, w in focus.terms if term_coverage_with_synonyms(t, names) < 1.0)
        )
        if not subject.terms:
            return True
        return coverage(subject, values) >= self.row_coverage


def absent(term: str) -> str:
    """The one wording for "nothing on this": the same whether the index or only the passages lack it."""
    return f"资料中没有找到与「{term}」有关的内容" if term else "资料中没有找到与问题要点有关的内容"


def _heaviest_unknown(focus: Focus, known: Callable[[str], bool]) -> str:
    unknown = [(w, t) for t, w in focus.terms if len(t) >= 2 and not known(t)]
    return max(unknown)[1] if unknown else ""


class EvidenceJudge:
    """Scores candidate sentences and rules on the chosen ones.

    Args:
        model: the fitted models.
        embedding: the embedder that produced the passages' similarity scores; when it is not the
            one the model was fitted with, the judge uses its models without meaning similarity.
        threshold: answer when P(answerable) is at least this (None: the model's own, from dev).
        superseded_margin: see `prefer_superseded`.
    """

    def __init__(
        self,
        model: JudgeModel,
        embedding: str,
        threshold: float | None = None,
        gate: Gate | None = None,
        learned: bool = False,
        superseded_margin: float = 0.0,
    ) -> None:
        self.model = model
        self.same_embedder = embedding == model.embedding
        self.threshold = threshold
        self.gate = gate or Gate()
        self.learned = learned
        self.superseded_margin = superseded_margin

    @classmethod
    def from_settings(cls, settings: JudgeSettings, embedding: str) -> EvidenceJudge:
        """The judge that ``settings`` configure, for passages scored by ``embedding``.

        Raises:
            JudgeModelError: the model file is missing, unreadable, or fitted on other features.
        """
        gate = Gate(
            settings.min_coverage, settings.max_unknown, settings.dense_rescue, settings.row_coverage, settings.row_missing
        )
        model = JudgeModel.load(settings.model_path)
        return cls(model, embedding, settings.threshold, gate, settings.learned, settings.superseded_margin)

    def names_row(
        self, focus: Focus, fields: Sequence[tuple[str, str]], chunk: Chunk, part: str = "", question: str = ""
    ) -> bool:
        """Whether a table row names what ``part`` of ``question`` asks about (see `Gate.names_row`); a
        row that does not is no evidence, however many of its column names the question uses."""
        return self.gate.names_row(focus, fields, chunk, part, question)

    def hand_score(self, features: Sequence[float]) -> float:
        """A sentence's score with the learned models off: set by hand, from its coverage of the
        question (alone and with its section), its passage's rank, and a figure when one is asked."""
        f = dict(zip(SENTENCE_FEATURES, features, strict=True))
        return (
            0.65 * f["coverage_sentence"]
            + 0.2 * f["coverage_context"]
            + 0.15 * f["inverse_rank"]
            + 0.15 * f["figure_asked_and_stated"]
        )

    def states_figure(self, features: Sequence[float]) -> bool:
        """Whether a candidate states the figure its question asks for, on the question's topic."""
        f = dict(zip(SENTENCE_FEATURES, features, strict=True))
        return bool(f["figure_asked_and_stated"]) and f["coverage_context"] >= 0.3

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
        if not self.learned or self.model.rerank is None or not (self.same_embedder and dense_seen):
            return 0
        return self.model.rerank_k

    def rerank_logit(self, features: Sequence[float]) -> float:
        """The second stage's log-odds from ``RERANK_FEATURES``."""
        assert self.model.rerank is not None
        return self.model.rerank.logit(features)

    def rule(
        self,
        view: QuestionView,
        features: Sequence[float],
        chosen: Sequence[Chosen],
        hits: Sequence[Hit],
        known: Callable[[str], bool],
    ) -> Verdict:
        """Answer or refuse a question, with reasons when refusing.

        Two tests, both must pass: the chosen sentences cover the question (`Gate`), and, with the
        learned models on, the question model finds them likely to answer it.
        """
        if not chosen:
            return Verdict("refuse", 0.0, ("没有检索到相关段落",))
        dense_seen = any(h.dense_score is not None for h in hits)
        gap = self.gate.gap(view.focus, chosen, hits, known, rescue=self.same_embedder and dense_seen)
        if not self.learned:  # the gate alone rules; ``features`` are not computed
            return Verdict("refuse", 0.0, (gap,), gated=True) if gap else Verdict("answer", 1.0)
        _, question, threshold = self._models(dense_seen)
        z = question.logit(features)
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        if gap:
            return Verdict("refuse", p, (gap,), gated=True)
        if p >= threshold:
            return Verdict("answer", p)
        return Verdict("refuse", p, (refusal_reason(view, features, chosen),))


    def prefer_superseded(self, current: Verdict, current_score: float | None, superseded_score: float) -> bool:
        """Whether a superseded version's text, not found in the current version, answers the question
        rather than the current version's best sentences: when the current version gives no answer, or
        its best sentence scores no higher than ``superseded_margin`` below the superseded one's. The
        answer then says the text is superseded and quotes what replaced it (`assistant.versions`).
        """
        if current.decision == "refuse" or current_score is None:
            return True
        return superseded_score - current_score >= self.superseded_margin


def refusal_reason(view: QuestionView, features: Sequence[float], chosen: Sequence[Chosen]) -> str:
    """Why the evidence does not answer the question, in words a user reads."""
    f = dict(zip(QUESTION_FEATURES, features, strict=True))
    focus: Focus = view.focus
    context = " ".join(context_of(c.text, c.hit, focus) for c in chosen)
    share, term = heaviest_missing(focus, context)
    if (f["unknown_share"] >= 0.3 or share >= 0.25) and term:
        return absent(term)
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
