"""The evidence judge: which sentences answer a question, and whether to answer at all.

One place decides. The extractive answerer asks it to score candidate sentences and to rule on the
ones it chose; the LLM answerer's evidence gate and the drafter go through the extractive answerer's
ruling. The judge is two logistic models over the signals of `assistant.features`, fitted on the
train split of the blind collection (evals/blind_set) by ``python -m govdoc.fit_judge`` and shipped
as ``assistant/judge_model.json``; the answer threshold was chosen on the dev split. A second opinion on
the coverage gate (``python -m govdoc.fit_judge --rescue``) may answer a part the gate refused for a word it
misses (the rescue) or refuse one it let through (the doubt); both are off unless set (`JudgeSettings`).

A ruling carries its reasons in plain Chinese (资料中没有提到「校长办公会」), never a bare score.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from assistant.abbrev import expansions
from assistant.config import JudgeSettings
from assistant.evidence import (
    Focus,
    QuantityAsk,
    coverage,
    general_rarity,
    has_person_name,
    is_noun,
    quantity_ask,
    quantity_supported,
    same_measure,
    states_span,
    term_coverage_with_synonyms,
    unknown_share,
)
from assistant.features import (
    ASK_KINDS,
    QUESTION_FEATURES,
    RERANK_FEATURES,
    RESCUE_FEATURES,
    SENTENCE_FEATURES,
    WHICH_ASK,
    Chosen,
    QuestionView,
    asked_rule_kind,
    asks_payer,
    asks_payment,
    context_of,
    copula_object,
    existence_object,
    figure_stated,
    figure_text,
    heaviest_missing,
    kinds_stated,
    lead_of,
    names_own_document,
    next_in_paragraph,
    rescue_features,
    row_of,
    states_rule_kind,
    which_object,
)
from assistant.lexicon import (
    charge_verbs,
    complements,
    frame_words,
    head_kind,
    head_kinds,
    official_names,
    synonyms,
    title_frames,
)
from assistant.similarity import Similarity, prime
from assistant.table import (
    KIND_WORDS,
    Fields,
    Mismatch,
    RowCount,
    TableExtreme,
    about_table,
    acts_after_who,
    asked_attribute_unheld,
    asked_role_unheld,
    asking_phrases,
    asks_table,
    asks_which,
    blank_named,
    blank_rows,
    cjk_pairs,
    class_spellings,
    class_unheld,
    clock_unheld,
    column_names_thing,
    column_spread,
    count_by_year,
    count_measure,
    count_rows,
    count_word,
    counts_named,
    cut_across,
    day_part_missing,
    days_missing,
    demonstrated_nouns,
    deputy_mismatch,
    distinct_count,
    extreme_unheld,
    figure_in_words,
    holds_kind,
    holds_named_value,
    is_total,
    kinds_of_column,
    lacks_asked,
    measured_totals,
    name_unheld,
    names_person,
    names_table,
    ordinal_unheld,
    other_year_asked,
    person_names,
    place_missing,
    place_words,
    pointing_words,
    position_named,
    qualified_column_unheld,
    role_asked,
    role_unheld,
    row_days,
    rows_pointed,
    rows_total,
    short_forms,
    spelled_out,
    subjects_named,
    table_extreme,
    table_numbers_named,
    table_total,
    total_after_count,
    total_named,
    unit_price_unheld,
    unit_unheld,
    unit_unlisted,
    word_mismatch,
)
from assistant.types import Hit
from ingest.record import ORDINAL_COLUMNS, column_unit, counted_thing
from ingest.tokenize import STOPWORDS, jieba_tagged, jieba_words
from ingest.types import Chunk

MODEL_FILE = "judge_model.json"
# A one-word thing a question requires is stated by a part of it this long (大学 of 大学生), read as the
# coverage gate reads sub-words (`assistant.evidence.term_coverage`). Chosen on the train follow-ups
# (0.722 -> 0.741, no refusal lost) and kept on dev (0.778 either way).
_NEAR = 2 / 3
# The floor of `assistant.evidence.general_rarity`: the everyday words of general Chinese.
_EVERYDAY = 0.15
# The rarity in general Chinese (`assistant.evidence.general_rarity`) from which a noun names a subject a figure's
# passage must name (`subject_noun`): 盲道, 养老院, 网吧 do; 结果, 医院, 法院, 企业 are said of every case. Chosen
# on the blind collection's train split.
_TELLING = 0.5
_ROW_SUBJECT_ROWS = 2  # a word held by at most this many rows of a table names a row's subject
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


def kind_name(view: QuestionView, kind: str) -> str:
    """What a refusal says is not stated, for a kind of thing asked (`_KIND_NAMES`): asked who pays
    (费用由谁承担), the amount missing is who bears the cost, not a sum of money."""
    if kind == "amount" and "body" in view.kinds:
        return "费用由谁承担"
    return _KIND_NAMES[kind]


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
    # A question model over the hand-set ranking's chosen sentences, that refuses what the coverage gate
    # let through when P(answerable) is under ``veto_threshold`` (`EvidenceJudge.vetoes`).
    veto: Linear | None = None
    veto_threshold: float = 0.0
    # A model over ``RESCUE_FEATURES`` that answers a part the coverage gate refused for a word it misses
    # when P(the chosen sentences state the answer) is at least ``rescue_threshold`` (`EvidenceJudge.rule`).
    rescue: Linear | None = None
    rescue_threshold: float = 1.0
    # A model over the same features that refuses a part the coverage gate let through when P(answerable)
    # is under ``doubt_threshold``.
    doubt: Linear | None = None
    doubt_threshold: float = 0.0

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
                Linear.from_json(raw["veto"], QUESTION_FEATURES) if raw.get("veto") else None,
                float(raw.get("veto_threshold", 0.0)),
                Linear.from_json(raw["rescue"], RESCUE_FEATURES) if raw.get("rescue") else None,
                float(raw.get("rescue_threshold", 1.0)),
                Linear.from_json(raw["doubt"], RESCUE_FEATURES) if raw.get("doubt") else None,
                float(raw.get("doubt_threshold", 0.0)),
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
    rescued: bool = False  # answered by the rescue model though the coverage gate found a word missing


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
    topic: bool = False  # judge coverage on the topic words alone (`topic_focus`)
    existence: bool = False  # a question whether a thing exists needs a sentence that names it (`unnamed_existence`)
    asked_object: bool = False  # the noun a question asks about must be named by the evidence (`unnamed_object`)
    asked_payment: bool = False  # asked who pays or whether to, a sentence must say so (`unstated_payment`)
    which_stated: bool = False  # asked which thing, a sentence that writes it must say which (`unspecified_object`)
    asked_act: bool = False  # asked which body does an act, a sentence or its paragraph must write the act (`unstated_act`)
    asked_measure: bool = False  # asked the standard or range of a thing, the evidence must name it (`unnamed_measure`)
    asked_condition: bool = False  # asked what conditions a thing needs, a sentence must state one (`unstated_condition`)
    asked_limit: bool = False  # asked within how long, a sentence must state a time limit (`unstated_limit`)
    asked_day: bool = False  # asked of a day counted from today (明天), a sentence must name a day (`unnamed_day`)
    asked_sum: bool = False  # asked how much a named sum is, a sentence must state a sum and name it (`unbound_sum`)
    # A noun of the evidence this close in meaning to the asked one names it (学历 for 文凭): the embedder's
    # cosine of the asked noun (as a query) to the evidence's nouns; above 1: never.
    object_similarity: float = 2.0
    # A noun of the evidence this close in meaning to a noun of the question stands for it in the coverage
    # test (医师 for 医生, `alike_nouns`); above 1: never.
    noun_similarity: float = 2.0
    # A noun of a sentence this close in meaning to a thing a follow-up newly named states it (`states_required`,
    # `alike_stated`); above 1: never.
    required_similarity: float = 2.0
    figure_near: float = 1.0  # the share of that credit a sentence gets toward stating a figure on the topic
    near: float = 0.0  # credit for a question word only partly written in the evidence (`near_coverage`)
    # A figure is another case's when the words of the question's case that its paragraph lacks, held by another
    # paragraph closer to the question, weigh this share of the question or more (`elsewhere_share`); above 1: never.
    figure_elsewhere: float = 2.0
    # A figure stands in a document one of whose passages found names the question's subject (`subject_noun`):
    # a fine of another law's article on the same kind of breach is another case's.
    figure_subject: bool = False
    # A question word the chosen sentences spell out in full (环评 of 环境影响评价, `spelled_terms`) is stated
    # by them and known, as the follow-ups' test reads it (`stated`).
    spelled: bool = False
    # A question word that a passage found names as a kind of a broader term the chosen sentences write
    # (本办法所称X，包括…, X包括…: `defined_kinds`) is stated by them: a rule about X holds for its kinds.
    kinds: bool = False
    # A row whose subject is the closest of its table's in meaning to the question by this margin (and to each
    # word of the question the table does not write) is pointed at (`assistant.table.rows_meant`); above 1: never.
    row_meaning: float = 2.0
    row_meaning_chars: float = 0.0  # the weight of the characters shared with a subject beside the cosine
    # The best sentence is another regulation's when it writes its title's subject, the question does not, and the
    # question is less than this close in meaning to that title (`other_subject`); above 1: never.
    title_subject: float = 2.0

    def gap(
        self,
        focus: Focus,
        chosen: Sequence[Chosen],
        hits: Sequence[Hit],
        known: Callable[[str], bool],
        rescue: bool,
        act: Focus | None = None,
        similarity: Similarity | None = None,
    ) -> str:
        """Why the chosen sentences do not cover the question, in words; '' when they do.

        A figure asked about an act (最迟多久要报上去, 负责人要赔多少钱) is stated by a chosen sentence whose
        clause holding the figure also holds ``act``, the words of the question's clause that asks for the
        figure (`act_focus`, `figure_by_act`), though the sentence as a whole is worded unlike the question.
        It is not stated by a paragraph that lacks the case the question names in its other clauses (课程表报去
        备案以后 of …多少日内回复) when another paragraph of the passages, closer to the question, names it
        (`elsewhere_share`, ``figure_elsewhere``): that figure is another case's.
        With ``similarity`` (the embedder's cosine of a query to texts), a noun of the question that the
        chosen sentences do not write is held by one of their nouns at least ``noun_similarity`` close to it
        in meaning (医师 for 医生, `alike_nouns`), asked only when the test fails without it.
        """
        if not focus.terms:
            return ""
        context = " ".join(context_of(c.text, c.hit, focus) for c in chosen)
        cov = near_coverage(focus, context, self.near)
        alike: dict[str, str] = {}
        spelled: tuple[str, ...] = ()
        defs: list[tuple[str, str]] = []  # the found passages' definitions of kinds, read once per question
        if (self.spelled or self.kinds) and (cov < self.min_coverage or unknown_share(focus, known) > self.max_unknown):
            said = " ".join(c.text for c in chosen)
            spelled = spelled_terms(focus, said) if self.spelled else ()
            if self.kinds or spelled:
                defs = definitions([h.chunk.text for h in hits])
            if self.kinds:
                broader = _kinds_among(focus, defs, said)
                spelled += tuple(t for t in broader if t not in spelled)
            if spelled:
                context = f"{context} {' '.join(spelled)}"
                cov = near_coverage(focus, context, self.near)
                before = known
                known = lambda t: t in spelled or before(t)  # noqa: E731 - the index's words and those spelled out
        if (
            similarity is not None
            and self.noun_similarity <= 1.0
            and (cov < self.min_coverage or unknown_share(focus, known) > self.max_unknown)
        ):
            alike = alike_nouns(focus, " ".join(c.text for c in chosen), similarity, self.noun_similarity)
            if alike:
                context = f"{context} {' '.join(alike)}"
                cov = near_coverage(focus, context, self.near)
                seen = known
                known = lambda t: t in alike or seen(t)  # noqa: E731 - the index's words and those named alike
        close = rescue and max((h.dense_score or 0.0) for h in hits) >= self.dense_rescue
        # One wording for "the index lacks it" and "the passages found lack it": the index's word
        # counts span every knowledge base, and a reader must not learn what another one holds.
        if unknown_share(focus, known) > self.max_unknown and not (close and cov >= self.min_coverage):
            term = _heaviest_unknown(focus, known)
            return absent(term)
        if cov < self.min_coverage and not (close and cov >= self.min_coverage / 2):
            _, term = heaviest_missing(focus, context)
            return absent(term)
        # A list item or a ；-clause is on the topic its lead names, when the lead alone is on it (…应当具备
        # 下列条件： names what the conditions are for): the figure of （一）成立1年以上 answers it.
        share = self.near * self.figure_near

        def on(text: str) -> bool:
            if alike:
                text = " ".join([text, *(t for t, noun in alike.items() if noun in text)])
            if spelled:
                text = " ".join(
                    [text, *(t for t in spelled if _spelled_out(t, text, fine=True) or _writes_kind(t, text, defs))]
                )
            return bool(text) and near_coverage(focus, text, share) >= self.min_coverage

        on_topic = [
            c
            for c in chosen
            if on(context_of(c.text, c.hit, focus))
            or on(lead_of(c.text, c.hit) or _chosen_lead(c, chosen))
            # A sentence that names its document as 本法 (本法自…起施行) is read with that document's title whole.
            or (names_own_document(c.text) and on(f"{context_of(c.text, c.hit, focus)} {c.hit.chunk.doc_title}"))
        ]
        on_topic += [c for c in chosen if c not in on_topic and _leads(c, on_topic)]
        # The definition of a term an on-topic sentence writes (禁止夜间施工; 夜间，是指晚上十点至次日早晨六点) says
        # what that sentence means: it is on the topic too, and its figure answers.
        defining = [
            c
            for c in chosen
            if any(t in o.text for t, _ in defined_terms(c.text) for o in on_topic if o is not c)
        ]
        on_topic += [c for c in defining if c not in on_topic]
        if asks_span(focus):
            on_topic += [c for c in chosen if c not in on_topic and _follows(c, on_topic)]
        if act is not None and focus.quantity is not None:
            on_topic += [
                c
                for c in chosen
                if c not in on_topic
                and figure_by_act(act, focus.quantity, figure_text(c.text, c.hit), self.min_coverage, self.near)
            ]
        if focus.quantity is not None:
            stating = [c for c in on_topic if figure_stated(focus.quantity, c.text, c.hit)]
            if focus.quantity.kind == "period" and not focus.quantity.often:
                # How long is answered by a span of time (三十日, 半年), not by a count or a sum beside it.
                # A row's time limit in words (即办, 待定: `figure_in_words`) answers it too.
                stating = [
                    c
                    for c in stating
                    if states_span(figure_text(c.text, c.hit))
                    or figure_in_words(focus.quantity.kind, focus.quantity.measures, row_of(c.text, c.hit.chunk) or ())
                ]
            if self.figure_elsewhere <= 1.0 and act is not None:
                # A definition's figure is the meaning of the term the rule writes, not another case's.
                stating = [
                    c
                    for c in stating
                    if c in defining or elsewhere_share(focus, act, c, chosen, hits) < self.figure_elsewhere
                ]
            if self.figure_subject and (subject := subject_noun(focus, hits)):
                # A document's articles share its subject: its penalty article need not repeat what it regulates.
                naming = {h.chunk.doc_id for h in hits if stated(subject, _setting(h.chunk.text, h))}
                stating = [c for c in stating if c.hit.chunk.doc_id in naming]
            if not stating:
                return f"资料中没有写明所问的{_FIGURE_NAMES.get(focus.quantity.kind, '数字')}"
        roles = tuple(t for t, _ in focus.terms if t not in ("名字", "姓名"))
        if focus.wants_name and not any(
            has_person_name(c.text, roles) or names_person(row_of(c.text, c.hit.chunk)) for c in on_topic
        ):
            return "资料中没有写明人名"
        return ""

    def names_row(
        self,
        focus: Focus,
        fields: Sequence[tuple[str, str]],
        chunk: Chunk,
        part: str = "",
        question: str = "",
        pointed: bool = False,
        named_elsewhere: bool = False,
        meant: Sequence[str] = (),
        siblings: Sequence[str] = (),
        subject_named: bool = False,
    ) -> bool:
        """Whether a table row is about what the question asks of: a row answers only about the
        subject it names, and not at all when the question names another row of its table by that
        row's subject (``named_elsewhere``: 安全稳定科的副科长 is not the 副科长 of 计划财务科). A row the question points at (``pointed``: by a day, a whole short cell or
        its place, `assistant.table.rows_pointed`) needs no subject words; the pointing words are set
        aside, and what else the question names must still be one of its columns or values. Words that
        name the table itself (清单, 一览表, 预算表: `assistant.table.names_table`) are set aside too, and
        a person the question names by name (`assistant.table.person_names`) must stand in the row, as
        must a thing asked after 哪 and a measure (哪个厂家: `assistant.table.asked_role_unheld`) and a
        rank with or without 副 (`assistant.table.deputy_mismatch`); a word one character off the row's
        (复印纸 of A4打印纸, 主持人 of 主讲人: `assistant.table.word_mismatch`) names another thing, and a
        role asked by what a person does needs a column for it (由谁主持: `assistant.table.role_unheld`). The
        question's words that no column name holds (班主任 and 培训 in
        班主任培训的预算是多少) must be covered by the row's values, its section or its title, not by
        the column names that every row of its table shares. The kind of thing the question's ``part``
        asks for (an amount, a date, a person) must be one of the row's columns
        (`assistant.table.lacks_asked`), and a question of another year (去年) needs a column for a year
        (`assistant.table.other_year_asked`); the words of the whole ``question`` that ask for a kind the
        row holds (什么工程) are asked, not named (`assistant.table.asking_phrases`). Of a row the question
        names by its subject cell (``subject_named``), a noun after a demonstrative that says what kind of
        thing was named (胶装用的那台机器) need not be held."""
        if named_elsewhere and not pointed:
            return False
        if not pointed and clock_unheld(question or part, fields):
            return False  # 九点半那场 is not a row that gives no such time
        if part and (lacks_asked(part, fields) or other_year_asked(part, fields)):
            return False
        if ordinal_unheld(question or part, fields):
            return False  # 第二实验小学 is not the row of 实验小学
        if unit_unheld(question or part, fields):
            return False  # 石桥镇小学 is not the row of 城北小学
        if class_unheld(question or part, fields, f"{chunk.doc_title} {chunk.section}"):
            return False  # 四（5）班 is not a row of the 四（2）班's timetable
        if name_unheld(question or part, fields):
            return False  # 王刚在哪个办公室 is not answered by the row of another person
        if asked_role_unheld(question or part, fields) or deputy_mismatch(question or part, fields):
            return False  # 哪个厂家 of a row without one; 副科长 is not the row of a 科长
        if asked_attribute_unheld(question or part, fields, f"{chunk.doc_title} {chunk.section}"):
            return False  # 什么职称 of a row without one
        if qualified_column_unheld(part or question, fields):
            return False  # 施工单位 of a row that names only its 责任单位
        if unit_price_unheld(part or question, fields):
            return False  # 多少钱一盒 of a row that gives only the amount for 25 boxes
        off = word_mismatch(question or part, fields, f"{chunk.doc_title} {chunk.section}")
        # A place counted in a group (晚上第一节 of the row that says 第五节) points at the row, it names no other.
        if off is not None and not (pointed and any(off.asked in w for w in place_words(question or part))):
            return False  # 复印纸 is not the row of A4打印纸, nor 主持人 a 主讲人
        if role_unheld(question or part, fields):
            return False  # 由谁主持 of a row that names only its 负责人
        # 清单, 一览表, 预算表 say which table, not which row: no cell need hold them.
        own = " ".join([*(name for name, _ in fields), chunk.doc_title, chunk.section])
        # 哪门, 几位: a word that opens with an asking word asks which one, and names nothing the row must hold.
        focus = replace(focus, terms=tuple((t, w) for t, w in focus.terms if not names_table(t, own) and not asks_which(t)))
        # Words that name other rows listed beside this one (天平 of 显微镜和天平的单价: `assistant.table.sibling_words`)
        # are not things this row lacks.
        focus = replace(focus, terms=tuple((t, w) for t, w in focus.terms if t not in siblings))
        # A word the dictionary cut across a stretch the row holds (衣领 of 手术衣领了几盒) is no word asked.
        cut = cut_across(question or part, [t for t, _ in focus.terms], fields)
        focus = replace(focus, terms=tuple((t, w) for t, w in focus.terms if t not in cut))
        if subject_named:
            # 胶装用的那台机器 of the row the question names by its subject (胶装机): 机器 says what kind
            # of thing it is (`assistant.table.demonstrated_nouns`), which no cell need say.
            kind_of = demonstrated_nouns(question or part)
            focus = replace(focus, terms=tuple((t, w) for t, w in focus.terms if t not in kind_of))
        if extreme_unheld(question or part, fields):
            return False  # 最多 compares rows; the judge's table ruling answers it when it can
        if pointed:
            pointers = [*pointing_words(question or part, fields), *meant]  # meant: words naming it in other words
            focus = replace(focus, terms=tuple((t, w) for t, w in focus.terms if not any(t in p for p in pointers)))
        # A noun that names a kind of column the row holds (科室 of 哪个科室, asked of a 牵头单位) says what is
        # asked, as the column's name would.
        kinds = [t for t, _ in focus.terms if any(holds_kind(k, fields) for k in kinds_of_column(t))]
        spread = column_spread([t for t, _ in focus.terms], fields)  # 人参 of 有多少人参训 names 参训人数
        names = " ".join([*(name for name, _ in fields), *asking_phrases(question or part, fields), *kinds, *spread])
        short = short_forms([t for t, _ in focus.terms], fields)  # 特教 held by 特殊教育学校
        # 四年级二班 names the class that a title writes 四年级（2）班.
        spellings = class_spellings([("", chunk.doc_title), ("", chunk.section)])
        values = " ".join([*(value for _, value in fields), chunk.section, chunk.doc_title, *short, *spellings])
        # The thing asked of the subject (施工单位, 电话号码) must be one of the row's columns or values.
        total = focus.total or 1.0
        # Of a row the question points at (9号那天开校车吗), a verbal noun says what is done that day,
        # which the row's cells state in their own words (家长自行接送): only things must be held.
        unheld = (
            w / total
            for t, w in focus.terms
            if is_noun(t) and not (pointed and _verbal_noun(t)) and term_coverage_with_synonyms(t, f"{names} {values}") < 0.5
        )
        if max(unheld, default=0.0) >= self.row_missing:
            return False
        if pointed:
            return True
        subject = replace(
            focus, terms=tuple((t, w) for t, w in focus.terms if term_coverage_with_synonyms(t, names) < 1.0)
        )
        if not subject.terms:
            return True
        return coverage(subject, values) >= self.row_coverage


def _verbal_noun(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as one verbal noun (供应, 检查): an act, not a thing."""
    tags = [f for _, f in jieba_tagged(word, hmm=False)]
    return tags == ["vn"]


@dataclass(frozen=True)
class TableEvidence:
    """The table rows among a question's passages, for the judge: ``tables`` are the rows of each
    table found (in order, whole tables when the document could be read), ``unnamed`` the rows that
    `Gate.names_row` turned down, as (table, row) indexes, and ``pointers`` the words of the question
    that point at a row by its day, a cell or its place (`assistant.table.rows_pointed`): a row quoted
    is what they say, so they need not stand in it."""

    tables: tuple[tuple[Fields, ...], ...] = ()
    unnamed: frozenset[tuple[int, int]] = frozenset()
    pointers: tuple[str, ...] = ()  # the words that point at the rows led with (最后一项, 10月3号, 中秋节)
    pointed: frozenset[tuple[int, int]] = frozenset()  # the rows the question points at, led with or not
    names: tuple[str, ...] = ()  # what names each table beside its columns: its document's title and section

    def own_names(self, t: int) -> str:
        """The words that name table ``t``: its column names, its document's title and its section."""
        return _own_names(self.tables[t], self.names[t] if t < len(self.names) else "")


@dataclass(frozen=True)
class TableRuling:
    """The judge's ruling on a question about a table as a whole: the rows that answer it.

    ``kind`` is ``count`` (the rows whose ``column`` holds ``value``, counted in ``measure``; every row
    the table lists when ``value`` is '', counting the distinct values of ``column``), ``total``
    (the table's totals row, whose ``column`` holds ``value``), ``filled`` (the rows whose ``column``
    is not left empty, counted in ``measure``), ``sum`` (``value`` is the sum of
    ``column`` over ``rows``, every listed row of a table without a totals row), ``rows_sum`` (the sum
    over the rows the question names: 硒鼓和签字笔一共多少钱), ``subtotal`` (the 小计 row of the group
    of rows the question names, whose ``column`` holds ``value``), ``most`` or ``least``
    (the rows whose ``column`` holds the largest or smallest number, ``value``).
    """

    kind: Literal["count", "filled", "total", "subtotal", "sum", "rows_sum", "most", "least"]
    table: int
    rows: tuple[int, ...]
    column: str
    value: str  # '' for a count of every row the table lists
    measure: str = ""
    tally: int = 0  # how many were counted: the rows, or the distinct values of ``column`` among them
    totals: tuple[int, ...] = ()  # the totals rows quoted after ``rows`` (a count asked with 一共), not counted
    bound: str = ""  # a count of the figures past ``value`` by this bound (超过, 以上), not of ``value`` itself
    empty: bool = False  # ``filled`` of the rows that leave ``column`` empty instead (没有法定时限的)


def table_gap(
    question: str,
    focus: Focus,
    chosen: Sequence[str],
    evidence: TableEvidence,
    quotes_row: bool = False,
    min_share: float = 0.25,
) -> str:
    """Why the chosen sentences (``chosen``, each after its title and section; ``quotes_row``: one of
    them is a table row) do not answer a question about a table's rows; '' when nothing speaks against them.

    A row turned down for a word one character off its own (复印纸, 主持人) or for a role no column is
    named for (由谁审核) is refused as a row or column the table does not have, and a row the question
    points at whose cell in a column it names is blank (备注) as blank. Five further cases refuse.
    The question names a day (10月9日) that no table found holds (nor a span of days there), a
    part of a day (7月10日晚上) that the table's rows for the day do not hold though they hold others,
    or a place (第12项) past every table's rows, and the chosen sentences do not name it. When none of
    them is a row: the question points at a row (by a day, a cell or its place) that was turned down,
    or it names a row's subject (城南 of 城南小学: a word at most two rows hold) that the chosen sentences never mention
    but a row turned down holds: the row the question is about does not say what it asks, and a
    neighbouring sentence must not pose as its answer. Or the question asks a table by one of its
    columns (审计科的联系人是谁 of a table with a 联系人 column) about a subject that no row, no
    name of the table and no chosen sentence holds (a word of at least ``min_share`` of the question's
    weight, or a person named by name): the table does not list it, and a sentence beside the table
    does not answer for it. Or rows turned down that hold a word of the question do not state the
    kind of thing it asks (报告厅在几楼: no 楼层).
    """
    said = " ".join(chosen)
    # A day one table lacks may stand in another, or inside a span of days (7月21日—7月23日).
    held = frozenset().union(*(row_days(r) for rows in evidence.tables for r in rows))
    for table in evidence.tables:
        for month, day in sorted(days_missing(question, table) - held):
            if f"{month}月{day}日" not in said and f"{month}月{day}号" not in said:
                return absent(f"{month}月{day}日")
        part = day_part_missing(question, table)
        if part and part[part.index("日") + 1 :] not in said:
            return f"表中没有{part}的安排"
    for t, i in sorted(evidence.pointed):
        blank = blank_named(question, evidence.tables[t], i)
        if blank:
            words = pointing_words(question, evidence.tables[t][i])
            return f"表中与「{words[0]}」对应的一行「{blank}」一栏是空的" if words else f"表中这一行「{blank}」一栏是空的"
    # A role asked (保密员是谁) that no table found and no chosen sentence holds: no one listed holds it.
    role = role_asked(question)
    if role and evidence.tables and role not in said:
        listed = " ".join(f"{n} {v}" for rows in evidence.tables for r in rows for n, v in r)
        if role not in listed and not any(official in listed for official in synonyms().get(role, ())):
            return absent(role)  # 老师 of a 任课教师 column is listed
    # A unit (石桥镇小学) that a table of units (城北小学, 柳塘乡中心小学) does not list: no row answers for it.
    unit = unit_unlisted(question, evidence.tables)
    if unit and unit not in said:
        return absent(unit)
    missing = [place_missing(question, table) for table in evidence.tables]
    if evidence.tables and all(missing) and missing[0] not in said:
        return f"表中没有{missing[0]}"
    if not quotes_row:
        for t, i in sorted(evidence.unnamed):
            if unit_price_unheld(question, evidence.tables[t][i]) and "单价" not in question:
                # 多少钱一盒 says no 单价 by name: the reason says what the row lacks (单价 said is `_row_lacks`'s).
                return "表中所问的一行只写明总金额，没有写明单价"
            off = word_mismatch(question, evidence.tables[t][i], evidence.names[t] if t < len(evidence.names) else "")
            # A word another row holds (上午, where this row says 下午), or holds with a word more inside
            # (河口镇幼儿园 of 河口镇中心幼儿园), names that row, not a lack.
            if off is not None and not any(
                off.asked in v or spelled_out(v, off.asked) for r in evidence.tables[t] for _, v in r
            ):
                return _mismatch_reason(off, evidence.tables[t][i])
            verb = role_unheld(question, evidence.tables[t][i])
            # Unless another table found has a column for it (值班 of a roster's 值班人员).
            columns = "".join(n for rows in evidence.tables for r in rows for n, _ in r)
            if verb and not set(verb) & set(columns):
                return f"表中没有写明由谁{verb}"
        values = " ".join(v for rows in evidence.tables for r in rows for _, v in r)
        people = [n for n in person_names(question) if n not in said and n not in values]
        if evidence.tables and people:
            return absent(people[0])  # 王刚 is in no table: no row of another person answers for him
        for t, i in sorted(evidence.unnamed & evidence.pointed):
            place = position_named(question)
            words = [*pointing_words(question, evidence.tables[t][i]), *(place[1:] if place else ())]
            if not words:
                return absent("")
            return _row_lacks(f"表中与「{words[0]}」对应的一行", focus, evidence.tables[t][i], evidence.own_names(t), question)
    for t, i in sorted(() if quotes_row else evidence.unnamed):
        rows = evidence.tables[t]
        for term, _ in sorted(focus.terms, key=lambda tw: -tw[1]):
            if len(term) < 2 or term in said or not any(term in v for _, v in rows[i]):
                continue
            # A word most rows share (培训 in a training budget) is the table's topic, not one row's subject.
            if sum(1 for r in rows if any(term in v for _, v in r)) <= _ROW_SUBJECT_ROWS:
                return _row_lacks(f"表中与「{term}」有关的一行", focus, rows[i], evidence.own_names(t), question)
    for t, i in sorted(() if quotes_row else evidence.unnamed):
        # A thing asked (几楼) that rows holding the question's word (报告厅, in three rows) do not state.
        fields = evidence.tables[t][i]
        kind = lacks_asked(question, fields)
        term = next((w for w, _ in focus.terms if len(w) >= 2 and any(w in v for _, v in fields)), "")
        # Or a short cell the question says whole inside a longer word (第三节 of 第三节课).
        term = term or next((v for n, v in fields if n not in ORDINAL_COLUMNS and _said_whole(v, question)), "")
        if kind in KIND_WORDS and term and term not in said:
            return f"表中与「{term}」有关的行没有写明「{KIND_WORDS[kind]}」"
    return "" if quotes_row else unlisted_subject(question, focus, said, evidence, min_share)


def _said_whole(value: str, question: str) -> bool:
    """Whether ``question`` says a cell whole: three Chinese characters or more, all of the cell."""
    text = value.strip()
    return len(text) >= 3 and all("\u4e00" <= ch <= "\u9fff" for ch in text) and text in question


def _mismatch_reason(off: Mismatch, fields: Fields) -> str:
    """Why a row one character off the question's word does not answer, in words: the table has no
    such column (主持人 of a table with 主讲人), no such row (复印纸 where it lists A4打印纸), or the
    row says something else in that column (科长 where it says 科员)."""
    if not off.column:
        return f"表中没有「{off.asked}」这一栏"
    subject = next(((n, v) for n, v in fields if n not in ORDINAL_COLUMNS), ("", ""))
    if off.column == subject[0]:
        return f"表中没有「{off.asked}」这一项"
    return f"表中与「{subject[1]}」对应的一行没有写明「{off.asked}」"


def _row_lacks(row: str, focus: Focus, fields: Fields, own: str = "", question: str = "") -> str:
    """Why a row does not answer, in words: it does not state the heaviest noun of the question that
    neither its column names, its values nor its table's ``own`` names hold (电话, 单价), or, with
    none, what is asked."""
    text = " ".join([*(f"{n} {v}" for n, v in fields), own])
    lacking = [
        (w, t)
        for t, w in focus.terms
        if len(t) >= 2 and is_noun(t) and not names_table(t, text) and term_coverage_with_synonyms(t, text) < 0.5
    ]
    if lacking:
        return f"{row}没有写明「{max(lacking)[1]}」"
    kind = lacks_asked(question, fields) if question else ""
    return f"{row}没有写明「{KIND_WORDS[kind]}」" if kind in KIND_WORDS else f"{row}没有写明所问的内容"


def unlisted_subject(question: str, focus: Focus, said: str, evidence: TableEvidence, min_share: float = 0.25) -> str:
    """Why sentences beside a table do not answer a question that asks the table about a subject it does
    not list (see `table_gap`); '' when the question asks no table by its columns or names nothing unlisted."""
    total = focus.total or 1.0
    for t, rows in enumerate(evidence.tables):
        title = evidence.names[t] if t < len(evidence.names) else ""
        if not asks_table(question, [term for term, _ in focus.terms], rows, title):
            continue  # the question names none of this table's columns nor its topic: it does not ask this table
        own = evidence.own_names(t)
        values = " ".join(v for r in rows for _, v in r)
        people = [n for n in person_names(question) if n not in said and n not in values]
        if people:
            return absent(people[0])
        columns = " ".join(dict.fromkeys(n for r in rows for n, _ in r))
        for term, w in sorted(focus.terms, key=lambda tw: -tw[1]):
            if w / total < min_share or len(term) < 2 or names_table(term, own):
                continue
            if not any(term_coverage_with_synonyms(term, text) >= 0.5 for text in (said, own, values)):
                return absent(term)
            if term_coverage_with_synonyms(term, columns) >= 0.5 and term_coverage_with_synonyms(term, said) < 0.5:
                # 初二 names the table's 八年级 column: a sentence beside the table that never speaks of
                # it (学生在本班教室自习) does not answer what the question asks of that column.
                return f"表中与「{term}」有关的一栏没有写明所问的内容"
    return ""


def _named_by(question: str, rows: Sequence[Fields], title: str) -> int:
    """How well ``question`` names a table: the pairs of Chinese characters it shares with the table's
    column names, and those it shares with its ``title`` (its document's title and section)."""
    grams = cjk_pairs(question)
    columns = "".join(dict.fromkeys(n for r in rows for n, _ in r))
    numbers = len(table_numbers_named(question) & table_numbers_named(title))  # 表2 of a caption 表2 代收费
    return len(grams & cjk_pairs(columns)) + len(grams & cjk_pairs(title)) + numbers


# Characters of a question that ask, tie or count rather than name (什么, 哪, 的, 三).
_NOT_NAMING_CHARS = frozenset("什么哪几多少谁何的了是在和与及由把被给对从向将也都就又还吗呢吧啊之其要有一二三四五六七八九十两")


def _column_chars(question: str, rows: Sequence[Fields]) -> int:
    """How many distinct Chinese characters of ``question`` (asking and tying ones aside) stand in the
    table's column names."""
    columns = "".join(dict.fromkeys(n for r in rows for n, _ in r))
    return len({ch for ch in question if "\u4e00" <= ch <= "\u9fff" and ch not in _NOT_NAMING_CHARS and ch in columns})


def _own_names(rows: Sequence[Fields], title: str) -> str:
    """The words that name a table: its column names, then its document's title and section."""
    return " ".join([*dict.fromkeys(n for r in rows for n, _ in r), title])


# Where a clause ends: Chinese and Western commas, stops, semicolons, colons and marks (not 、, which
# joins the items of one clause).
_CLAUSE = re.compile(r"[，,。？?！!；;：:\n]")


def asks_span(focus: Focus) -> bool:
    """Whether ``focus`` asks how long or within how long (多久, 几天之内): a span of time, not how often."""
    ask = focus.quantity
    if ask is None or ask.often:
        return False
    return ask.kind == "period" or (ask.kind == "count" and bool(ask.measures) and all(m in _SPAN_UNITS for m in ask.measures))


# The measures of a span of time a count may ask in (几天, 几个月).
_SPAN_UNITS = frozenset({"天", "日", "月", "年", "小时", "周", "星期", "工作日"})


def _follows(item: Chosen, before: Sequence[Chosen]) -> bool:
    """Whether ``item`` is the sentence right after one of ``before`` in the same paragraph of the same passage:
    the time limit an article states next to the act it names (…应当报告。报告应当在二日内作出。) is that act's."""
    for b in before:
        if b.hit.chunk.id != item.hit.chunk.id:
            continue
        after = next_in_paragraph(b.text, b.hit)
        if after is not None and b.hit.chunk.text[after[0] : after[1]] == item.text:
            return True
    return False


def act_focus(question: str, focus: Focus) -> Focus:
    """The act a figure is asked about: ``focus`` narrowed to the words in the clauses of ``question``
    that ask for the figure (负责 and 罚 of 物业公司违规收费，负责这事的经理得罚多少), the words
    that ask included (罚 of 罚多少 names the act too); no terms when no clause asks for a figure."""
    asking = [c for c in _CLAUSE.split(question) if c and quantity_ask(c) is not None]
    terms = tuple((t, w) for t, w in focus.terms if any(t in c for c in asking))
    # A verb of one character right before the words that ask (借几周, 交多少) names the act whose figure is
    # asked, though the focus leaves single characters out: it weighs as much as the act's heaviest word.
    verbs = [v for c in asking for v in _asked_verbs(c) if v not in dict(terms)]
    weight = max((w for _, w in terms), default=1.0)
    return replace(focus, terms=terms + tuple((v, weight) for v in dict.fromkeys(verbs)))


_ASKING_FIGURE = re.compile(r"^(?:几|多少|多久|多长)")


# What may stand between the words asking for a time limit and the verb of the act (几天之内要查, 多少天内必须交):
# a measure word, a word of place (之内, 内), an adverb, a structural particle (得) or an auxiliary (要: a stop word).
_BEFORE_ACT = ("q", "f", "d", "ud")


def _asked_verbs(clause: str) -> list[str]:
    """The verbs of one character (jieba's v, not an auxiliary such as 要, 能, 会: stop words) of the act whose
    figure ``clause`` asks: right before the words that ask (借 of 至多可以借几周, 交 of 要多交多少), or after them
    and the words that bound the time (审 of 几天之内要审完); not one that another verb follows (去 of 去报备
    only says the asker goes to do it)."""
    words = jieba_tagged(clause, hmm=False)

    def act(i: int) -> bool:
        w, f = words[i]
        after = words[i + 1][1] if i + 1 < len(words) else ""
        return len(w) == 1 and f == "v" and w not in STOPWORDS and not after.startswith(("v", "l"))

    found: list[str] = []
    for i, (w, f) in enumerate(words):
        if f != "m" or not _ASKING_FIGURE.match(w):
            continue
        if i > 0 and act(i - 1):
            found.append(words[i - 1][0])
        j = i + 1
        while j < len(words) and (words[j][1].startswith(_BEFORE_ACT) or words[j][0] in STOPWORDS or words[j][0] == "内"):
            j += 1
        if j < len(words) and j > i + 1 and act(j):
            found.append(words[j][0])
    return found


def figure_by_act(act: Focus, quantity: QuantityAsk, text: str, min_coverage: float, near: float) -> bool:
    """Whether a clause of ``text`` (between Chinese punctuation) states a figure of the kind ``quantity``
    asks for and holds the act it is asked about (``act``, from `act_focus`: at least ``min_coverage`` of
    its weighted words, whole, as an official word, by the verb of a verb with a complement (`verb_of`),
    or ``near`` times the share of their characters): the time limit of ……之日起二日内报告 is the one
    asked by 最迟多久要报上去 when the rest of the sentence names the act in other words."""
    if not act.terms:
        return False
    total = act.total or 1.0
    return any(
        quantity_supported(quantity, clause)
        and sum(w * _act_term(t, clause, near) for t, w in act.terms) / total >= min_coverage
        for clause in _bounded_clauses(text)
    )


# A clause that ends on the bound of a time (…投入使用后三十日内，) is the adverbial of the clause after it.
_TIME_BOUND_END = re.compile(r"(?:内|前|后|以前|以后|之前|之后|为止|起)$")


def _bounded_clauses(text: str) -> list[str]:
    """The clauses of ``text`` (between Chinese punctuation), each that ends on the bound of a time joined to the
    clause after it, which states the act the time limits: 应当在投入使用后三十日内，向…部门办理使用登记 is
    one time limit of one act, written over two clauses."""
    clauses = [c for c in _CLAUSE.split(text) if c]
    return [
        f"{c}，{clauses[i + 1]}" if _TIME_BOUND_END.search(c) and i + 1 < len(clauses) else c
        for i, c in enumerate(clauses)
    ]


def subject_noun(focus: Focus, hits: Sequence[Hit]) -> str:
    """The question's subject, as a figure's passage must name it: its heaviest noun of two characters or more
    (`_noun_like`), telling in general Chinese (`_TELLING`: not 结果, 医院, 企业), that a passage found names (with its section and title; 盲道, 养老院), '' when none does. A
    noun no passage names (教学楼 of a fire law's inspection rule, 厂长 where the text says 负责人) is the asker's setting or
    wording, not a case the documents tell apart."""
    nouns = [(w, t) for t, w in focus.terms if len(t) >= 2 and general_rarity(t) >= _TELLING and _noun_like(t)]
    for _, t in sorted(nouns, reverse=True):
        if any(stated(t, _setting(h.chunk.text, h)) for h in hits):
            return t
    return ""


def _noun_like(term: str) -> bool:
    """Whether ``term`` names a thing: a dictionary noun (n, nz, ns…; not a verbal noun such as 违规, which names
    the act the documents word their own way), or a word of the index that jieba's dictionary cuts into parts
    of which one is a noun (盲道: 盲 and 道)."""
    tags = [f for _, f in jieba_tagged(term, hmm=False)]
    if len(tags) == 1:
        return tags[0].startswith("n")
    return any(f.startswith("n") for f in tags)


def paragraph_of(sentence: str, hit: Hit) -> str:
    """The paragraph (line) of ``hit``'s passage that holds ``sentence``; the sentence itself when the passage
    does not hold it."""
    text = hit.chunk.text
    at = text.find(sentence)
    if at < 0:
        return sentence
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at + len(sentence))
    return text[start : end if end >= 0 else len(text)]


# A paragraph that names its case by another provision of its own document: 有本法第六十条规定情形的,
# 违反前款规定的, 本条第二款, 上述.
_REFERENCE = re.compile(
    r"本(?:法|条例|办法|规定|细则|章程|决定)第[一二三四五六七八九十百零〇\d]+条|前[一二三两]?款"
    r"|本条第[一二三四五六七八九十]+款|上述"
)


def elsewhere_share(focus: Focus, act: Focus, item: Chosen, chosen: Sequence[Chosen], hits: Sequence[Hit] = ()) -> float:
    """The share of ``focus``'s weight in the words of the question's case (its words outside the clauses that
    ask for the figure, ``act``; all its words when it has no other clause) that the paragraph stating a figure
    (``item``'s, with its list's lead or the items it opens, its section and title) lacks, held by another
    paragraph of ``hits`` that covers the question better than it: the question's case is another article's,
    and the figure here is another case's. 0 when no clause of the question asks for a figure."""
    total = focus.total
    asked = {t for t, _ in act.terms}
    if total <= 0 or not asked:
        return 0.0
    own = paragraph_of(item.text, item.hit)
    opening = _article_opening(own, item.hit.chunk.text)
    parts = [own, opening, lead_of(item.text, item.hit), _chosen_lead(item, chosen), item.hit.chunk.section, item.hit.chunk.doc_title]
    if item.text.rstrip().endswith(("：", ":")):
        parts += [c.text for c in chosen if _leads(item, [c]) or _chosen_lead(c, chosen) == item.text]
    unit = " ".join(parts)
    # A word half written in the paragraph (老人 of 老年人) may be its thing in official words: not lacking.
    if all(t in asked for t, _ in focus.terms):
        asked = set()  # a question of one clause names its case in the clause that asks the figure
    lacking = [
        (t, w)
        for t, w in focus.terms
        if t not in asked and term_coverage_with_synonyms(t, unit) < 1.0 and near_share(t, unit) < 0.5
    ]
    if not lacking:
        return 0.0
    here = coverage(focus, unit)
    # A paragraph that names its case by another provision of its document (`_REFERENCE`) holds what that
    # provision holds: only another document's paragraph then names another case.
    refers = bool(_REFERENCE.search(own))
    best = 0.0
    for h in hits:
        if refers and h.chunk.doc_id == item.hit.chunk.doc_id:
            continue
        for para in h.chunk.text.split("\n"):
            if not para or para in unit or coverage(focus, para) <= here:
                continue
            best = max(best, sum(w for t, w in lacking if term_coverage_with_synonyms(t, para) >= 1.0))
    return best / total


_ARTICLE_START = re.compile(r"^\s*第[一二三四五六七八九十百千零〇\d]+条")


def _article_opening(paragraph: str, passage: str) -> str:
    """The paragraphs of ``passage`` before ``paragraph`` in its article, when ``paragraph`` is a later one of an
    article whose opening (第…条) the passage holds ('' otherwise). An article's later paragraphs go on with the
    case its first one names (…提出异议。 / 收到异议之日起五日内…): a figure there is that case's."""
    at = passage.find(paragraph)
    if at <= 0 or _ARTICLE_START.match(paragraph):
        return ""
    before = passage[:at].rstrip("\n").split("\n")
    for n in range(len(before) - 1, -1, -1):
        if _ARTICLE_START.match(before[n]):
            return "\n".join(before[n:])
    return ""


def _act_term(term: str, clause: str, near: float) -> float:
    """How far ``clause`` holds a word of the act: whole or as an official word (1), by its verb
    when the word is a verb with a complement (报 of 报上去 in 报告: `verb_of`), else the near credit."""
    verb = verb_of(term)
    if verb and verb in clause and term_coverage_with_synonyms(term, clause) < 1.0:
        return 1.0
    return _near_term(term, clause, near)


def verb_of(term: str) -> str:
    """The verb of a word made of a verb and a complement (报 of 报上去, 办 of 办完, 记 of 记下来);
    '' when the word is no verb (友好, 过来人), ends in no complement (`assistant.lexicon.complements`)
    or its verb would be longer than two characters."""
    tail = next((t for t in complements() if term.endswith(t) and 0 < len(term) - len(t) <= 2), "")
    if not tail or not _is_verb(term):
        return ""
    return term[: -len(tail)]


@lru_cache(maxsize=4096)
def _is_verb(term: str) -> bool:
    """Whether jieba reads ``term`` as one verb (tags v, vn) or as a fixed phrase that starts with one (记下来: l)."""
    words = jieba_tagged(term, hmm=False)
    return len(words) == 1 and words[0][1].startswith(("v", "l"))


def _leads(lead: Chosen, items: Sequence[Chosen]) -> bool:
    """Whether ``lead`` opens a list (…有下列情况之一的，处三百元以下罚款：) that one of ``items`` stands in,
    below it in the same passage: what the lead states (a fine, a deadline) holds for that item."""
    if not lead.text.rstrip().endswith(("：", ":")):
        return False
    text = lead.hit.chunk.text
    at = text.find(lead.text)
    return at >= 0 and any(
        i.hit.chunk.id == lead.hit.chunk.id and text.find(i.text, at + len(lead.text)) >= 0 for i in items
    )

def _chosen_lead(item: Chosen, chosen: Sequence[Chosen]) -> str:
    """For a list item whose passage does not hold its lead (the list ran on into the next passage), the
    nearest chosen line before it in its document that opens a list (ends with ：); '' when none."""
    if not _ITEM.match(item.text):
        return ""
    at = item.hit.chunk.start + max(item.hit.chunk.text.find(item.text), 0)
    leads = [
        (c.hit.chunk.start + c.hit.chunk.text.find(c.text), c.text)
        for c in chosen
        if c.hit.chunk.doc_id == item.hit.chunk.doc_id
        and c.text.rstrip().endswith(("：", ":"))
        and c.hit.chunk.text.find(c.text) >= 0
    ]
    before = [(p, t) for p, t in leads if p < at]
    return max(before)[1] if before else ""


_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]|[①②③④⑤⑥⑦⑧⑨⑩])")


def near_share(term: str, text: str) -> float:
    """The share of ``term``'s characters that ``text`` holds, each in any place: an everyday word
    and the official one often share a character (看护 and 护理, 老人 and 老年人, 除名 and 开除)."""
    chars = [ch for ch in term if "\u3400" <= ch <= "\u9fff"]
    return sum(ch in text for ch in chars) / len(chars) if chars else 0.0


def near_coverage(focus: Focus, text: str, near: float) -> float:
    """`coverage`, where a term neither written whole nor as an official synonym gets ``near`` times
    the share of its characters that ``text`` holds (`near_share`); ``near`` 0 is plain coverage."""
    total = focus.total
    if total <= 0:
        return 0.0
    if near <= 0:
        return coverage(focus, text)
    return sum(w * _near_term(t, text, near) for t, w in focus.terms) / total


def _near_term(term: str, text: str, near: float) -> float:
    whole = term_coverage_with_synonyms(term, text)
    return whole if whole >= 1.0 else max(whole, near * near_share(term, text))


# Parts of speech that carry no topic (jieba's tags): conjunctions (还要), adverbs (一定, 最迟),
# prepositions, particles, interjections and onomatopoeia. Not pronouns: jieba tags 每月 and 每年 as
# such, and how often is often what is asked.
_FUNCTION_TAGS = ("c", "d", "p", "u", "y", "e", "o")


def _asking_spans(question: str) -> list[tuple[int, int]]:
    """Where ``question``'s words ask for a kind of thing (最迟多久, 允许吗, 几天内; `ASK_KINDS`)."""
    spans = [m.span() for _, asks, _ in ASK_KINDS for m in asks.finditer(question)]
    # 几天内, 几个月以内: a limit asked for ends in 内 too.
    spans += [m.span() for m in _LIMIT_ASKED.finditer(question)]
    # 算不算, 归不归: a verb, 不 and the verb again ask yes or no.
    spans += [m.span() for m in _A_NOT_A.finditer(question)]
    return spans


_A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1")
_LIMIT_ASKED = re.compile(r"(?:多少|几)个?(?:工作)?(?:天|日|月|年|小时|周)(?:内|以内|之内)")


# A word led by a demonstrative (这事, 这栋, 那个) points back at what the question already said; a word that ends
# in an aspect particle, with at most a measure word after it (开了个, 牵着), is a piece of a verb phrase, not a
# name of the topic (受了伤 names the injury: it goes on).
_POINTING = re.compile(r"^[这那]|.[了着][个些点次]?$")


@lru_cache(maxsize=8192)
def _function_word(word: str) -> bool:
    import jieba.posseg as pseg

    if _POINTING.search(word):
        return True
    tags = [p.flag for p in pseg.lcut(word, HMM=False)]
    # Place and direction words (最后, 以后, 之前) say when or where in the question's own story.
    return bool(tags) and all(t.startswith(_FUNCTION_TAGS) or t == "f" for t in tags)


def topic_focus(question: str, focus: Focus) -> Focus:
    """``focus`` without the words that frame the question rather than name its topic: function words
    (还要, 一定, by their part of speech) and the words that ask for a kind of thing
    (最迟, 允许, 几天内: inside an asking span of `ASK_KINDS`, or a verb asked yes or no: 算不算) and those
    that hold 谁 (由谁来), unless they are nouns (期限, 费用)."""
    spans = _asking_spans(question)
    acts = acts_after_who(question)

    def asking(term: str) -> bool:
        at = question.find(term)
        if at < 0:
            return False
        if "谁" in term or term in acts:
            return True  # 由谁来, and 管 of 谁管: whatever jieba tags them, they ask who
        return not is_noun(term) and any(a <= at and at + len(term) <= b for a, b in spans)

    kept = tuple((t, w) for t, w in focus.terms if not (_function_word(t) or asking(t)))
    return replace(focus, terms=kept) if kept else focus


# How a refusal for a word the passages found do not write begins (`absent`).
ABSENT_LEAD = "查到的相关内容里没有提到"


def absent(term: str) -> str:
    """The one wording for "nothing on this": the same whether the index or only the passages lack it, and true
    of both (资料中没有找到与「住址」有关的内容 was read as "the documents never say 住址", where a passage not found did)."""
    return f"{ABSENT_LEAD}「{term}」" if term else f"{ABSENT_LEAD}问题的要点"


def required_reason(term: str, hits: Sequence[Hit]) -> str:
    """Why a question whose ``term`` no chosen sentence states is refused: that nothing on it was found, or,
    where the passages do name it (a rule on 学生 found beside one binding 教师), that they do not answer."""
    if any(required_stated(term, _setting(h.chunk.text, h)) for h in hits):
        return f"资料中提到「{term}」的段落没有回答这个问题"
    return absent(term)


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
        stated_kinds: Sequence[str] = ("amount",),
        veto: bool = False,
        second_opinion: bool = False,
        rescue: bool = False,
        doubt: bool = False,
        meaning_k: int = 0,
        rule_kind_k: int = 0,
    ) -> None:
        self.model = model
        self.meaning_k = meaning_k
        self.rule_kind_k = rule_kind_k
        self.second_opinion = second_opinion
        self.veto = veto
        self.rescue = rescue
        self.doubt = doubt
        self.same_embedder = embedding == model.embedding
        self.threshold = threshold
        self.gate = gate or Gate()
        self.learned = learned
        self.superseded_margin = superseded_margin
        self.stated_kinds = tuple(stated_kinds)

    @classmethod
    def from_settings(cls, settings: JudgeSettings, embedding: str) -> EvidenceJudge:
        """The judge that ``settings`` configure, for passages scored by ``embedding``.

        Raises:
            JudgeModelError: the model file is missing, unreadable, or fitted on other features.
        """
        gate = Gate(
            settings.min_coverage,
            settings.max_unknown,
            settings.dense_rescue,
            settings.row_coverage,
            settings.row_missing,
            topic=settings.topic_words,
            existence=settings.existence,
            asked_act=settings.asked_act,
            asked_measure=settings.asked_measure,
            asked_condition=settings.asked_condition,
            asked_limit=settings.asked_limit,
            asked_day=settings.asked_day,
            asked_sum=settings.asked_sum,
            asked_object=settings.asked_object,
            asked_payment=settings.asked_payment,
            which_stated=settings.which_stated,
            object_similarity=settings.object_similarity,
            noun_similarity=settings.noun_similarity,
            required_similarity=settings.required_similarity,
            near=settings.near,
            figure_near=settings.figure_near,
            figure_elsewhere=settings.figure_elsewhere,
            figure_subject=settings.figure_subject,
            spelled=settings.spelled_out,
            kinds=settings.defined_kinds,
            row_meaning=settings.row_meaning,
            row_meaning_chars=settings.row_meaning_chars,
            title_subject=settings.title_subject,
        )
        model = JudgeModel.load(settings.model_path)
        return cls(
            model,
            embedding,
            settings.threshold,
            gate,
            settings.learned,
            settings.superseded_margin,
            settings.stated_kinds,
            settings.veto,
            settings.second_opinion,
            settings.rescue,
            settings.doubt,
            settings.meaning_k,
            settings.rule_kind_k,
        )

    def names_row(
        self,
        focus: Focus,
        fields: Sequence[tuple[str, str]],
        chunk: Chunk,
        part: str = "",
        question: str = "",
        pointed: bool = False,
        named_elsewhere: bool = False,
        meant: Sequence[str] = (),
        siblings: Sequence[str] = (),
        subject_named: bool = False,
    ) -> bool:
        """Whether a table row names what ``part`` of ``question`` asks about (see `Gate.names_row`); a
        row that does not is no evidence, however many of its column names the question uses. ``meant``:
        the words that name a row pointed at by meaning (`assistant.table.rows_meant`); ``siblings``: the
        words that name other rows of its table listed beside it (`assistant.table.sibling_words`);
        ``subject_named``: the question names the row by its subject cell (`assistant.table.subjects_named`)."""
        return self.gate.names_row(
            focus, fields, chunk, part, question, pointed, named_elsewhere, meant, siblings, subject_named
        )

    def row_meaning(self, dense_seen: bool) -> float | None:
        """The margin by which a row's subject must be the closest of its table's in meaning to be pointed
        at by meaning (`assistant.table.rows_meant`); None when off, or when the passages were not scored
        by the embedder the judge was fitted with."""
        if self.gate.row_meaning > 1.0 or not (self.same_embedder and dense_seen):
            return None
        return self.gate.row_meaning

    def table_ruling(
        self,
        question: str,
        tables: Sequence[Sequence[Fields]],
        names: Sequence[str] = (),
        focus: Focus | None = None,
    ) -> TableRuling | None:
        """The rows that answer a question about a table as a whole, or None when it asks of no
        whole table: a counting question (…一共有几项？) counts the rows whose cell in one column holds
        the value it names (`assistant.table.count_rows`), or, naming no value but only what the table
        is (一共有多少个科室？, 读书节预算一共有几个项目？: every word of ``focus`` stands in the table's
        names), every row it lists; a question for a total (…总共要花多少？) takes the totals row, or
        sums the column over every row (`assistant.table.table_total`), or, naming two rows or more,
        over those rows (`assistant.table.rows_total`); a question for the largest or
        smallest (投资最多的项目是哪个？) takes the rows holding it (`assistant.table.table_extreme`).
        Where several tables could answer, the one the question names best (`table_order`) does.

        Args:
            question: the question.
            tables: the rows of each table found, best-ranked table first.
            names: what names each table beside its columns: its document's title and section.
            focus: the question's focus terms; without them a count of every row is never ruled.
        """
        dated = any(count_by_year(question, rows, names[t] if t < len(names) else "") for t, rows in enumerate(tables))
        if any(tables) and not dated and all(other_year_asked(question, rows[0]) for rows in tables if rows):
            return None  # 上学期一共发了多少 asks of another term than every table found lists; 去年入选的 counts dated rows
        order = self.table_order(question, tables, names)
        rank = {t: n for n, t in enumerate(order)}
        # 这几个社团一共招多少学生: the count names the rows added up; their total is asked, not how many.
        measure = "" if total_after_count(question) else count_measure(question)
        # 招多少人 where a table found keeps 计划人数 asks that column's figure (a cell, or its total), not
        # how many rows of any table: no count is ruled.
        said = count_word(question) if measure else ""
        if measure and not any(_counts_in(n, said, question) for rows in tables for r in rows for n, _ in r):
            # The longest value counted; of tables holding it alike, the one whose own names share most
            # characters with the rest of the question (周五上午总共考几门: 考 of 考试科目), then the best ranked.
            best: tuple[bool, int, int, int, int, RowCount] | None = None
            for t, rows in enumerate(tables):
                found = count_rows(question, rows, title=names[t] if t < len(names) else "")
                if found is None or not found.rows:
                    continue
                rest = set(question) - set(found.value) - set(count_measure(question))
                own = set(_own_names(rows, names[t] if t < len(names) else ""))
                key = (found.exact, len(found.value), len({ch for ch in rest if "\u4e00" <= ch <= "\u9fff"} & own), -rank[t])
                if best is None or key > best[:4]:
                    best = (*key, t, found)
            # 各校合计一共要开多少个班 of a table with a 计划班数 column adds that column up: a total, not a count.
            totalled = [t for t, rows in enumerate(tables) if measured_totals(question, rows)]
            if best is None and not totalled:
                return self._count_listed(question, tables, names, focus, measure, rank)
            if best is not None and best[4] not in totalled:
                t, found = best[4], best[5]
                kind: Literal["count", "filled"] = "filled" if found.filled else "count"
                return TableRuling(
                    kind, t, found.rows, found.column, found.value, measure, len(found.rows), bound=found.bound, empty=found.empty
                )
        # 哪些服务站还没有联系人: the rows that leave the column it names blank, listed.
        blanks = {t: found for t, rows in enumerate(tables) if (found := blank_rows(question, rows))}
        # A table whose blank column the question names (联系人) answers before one left blank in another column.
        blanks = {t: found for t, found in blanks.items() if _role_said(found.column, question)} or blanks
        if blanks:
            t = min(blanks, key=rank.__getitem__)
            found = blanks[t]
            return TableRuling("filled", t, found.rows, found.column, "", measure or "项", len(found.rows), empty=True)
        titles = [names[t] if t < len(names) else "" for t in range(len(tables))]
        parts = {t: part for t, rows in enumerate(tables) if (part := rows_total(question, rows))}
        if parts:
            t = min(parts, key=rank.__getitem__)
            part = parts[t]
            return TableRuling("rows_sum" if part.summed else "subtotal", t, part.rows, part.column, part.value)
        # A question that names a row of one table by its subject (硒鼓一共花了多少钱) asks of that row:
        # no other table's total or extreme answers it.
        # A subject every listed row is named by alike (社区服务站 of each 社区服务站) names none of them.
        def names_some(rows: Sequence[Fields]) -> bool:
            picked, listed = subjects_named(question, rows), sum(1 for r in rows if not is_total(r))
            return bool(picked) and (len(picked) < listed or listed < 2)

        named = any(names_some(rows) for rows in tables)
        whole: Sequence[int] = () if named else range(len(tables))
        # 彭涛一共领了多少钱 where one table lists 彭涛: another table's total is no answer about him.
        people = person_names(question)
        holding = [t for t, rows in enumerate(tables) if holds_named_value(question, people, rows)]
        if holding:
            whole = [t for t in whole if t in holding]
        values = " ".join(v for rows in tables for r in rows for _, v in r)
        if any(name not in values for name in people):
            whole = ()  # 韩梅一共领了多少钱 where no table lists 韩梅: no table's total is about her
        totals = {t: total for t in whole if (total := table_total(question, tables[t], titles[t]))}
        if totals:
            t = min(totals, key=rank.__getitem__)
            total = totals[t]
            return TableRuling("sum" if total.summed else "total", t, total.rows, total.column, total.value)
        extremes: dict[int, TableExtreme] = {
            t: extreme for t in whole if (extreme := table_extreme(question, tables[t], titles[t]))
        }
        if extremes:
            t = min(extremes, key=rank.__getitem__)
            e = extremes[t]
            return TableRuling("most" if e.most else "least", t, e.rows, e.column, e.value)
        return None

    def table_order(self, question: str, tables: Sequence[Sequence[Fields]], names: Sequence[str] = ()) -> list[int]:
        """The tables best named by ``question`` first: by the pairs of Chinese characters it shares with
        each table's column names and with its ``names`` (its document's title and section: 读书节 of
        某校读书节活动方案), then by the characters it shares with the column names alone (考 of 考试科目,
        when a 课程表 and an exam schedule both hold 星期四下午), then in the order given (best-ranked first)."""
        scores = [self.table_naming(question, rows, names[t] if t < len(names) else "") for t, rows in enumerate(tables)]
        return sorted(range(len(tables)), key=lambda t: (-scores[t][0], -scores[t][1], t))

    def table_naming(self, question: str, rows: Sequence[Fields], name: str = "") -> tuple[int, int]:
        """How well ``question`` names a table, as `table_order` ranks it: the pairs of characters it
        shares with the column names and ``name``, then the characters it shares with the column names."""
        return _named_by(question, rows, name), _column_chars(question, rows)

    def tables_tied(self, question: str, tables: Sequence[Sequence[Fields]], names: Sequence[str] = ()) -> list[int]:
        """The tables a question points into by a row's place (第三行) that it names equally well
        (`table_order`: 预算表 of three tables with a 预算 column, none named by its document), best
        ranked first; [] when it names no place, one table holds that place, or one is named best.
        Such a question does not say which table it asks of: the answer asks back."""
        held = [t for t, rows in enumerate(tables) if rows_pointed(question, rows)[1] == "place"]
        if len(held) < 2:
            return []
        def named(t: int) -> int:
            return _named_by(question, tables[t], names[t] if t < len(names) else "")

        best = max(named(t) for t in held)
        tied = [t for t in self.table_order(question, tables, names) if t in held and named(t) == best]
        return tied if len(tied) >= 2 else []

    def _count_listed(
        self,
        question: str,
        tables: Sequence[Sequence[Fields]],
        names: Sequence[str],
        focus: Focus | None,
        measure: str,
        rank: dict[int, int],
    ) -> TableRuling | None:
        """A count of every row a table lists (totals rows aside), when the question names nothing but
        what the table is: each of its focus words stands in the table's column names, title or section,
        or names a table (清单). The table is the one whose column naming the rows (the first after any
        序号: 科室, 项目, 物品名称) the question names, then the one it names best; what is counted is
        the distinct values of a column (`assistant.table.distinct_count`: 几天 of a schedule of
        mornings and afternoons counts its days)."""
        if focus is None:
            return None
        fits: list[tuple[int, str, tuple[int, ...]]] = []
        for t, rows in enumerate(tables):
            listed = tuple(i for i, r in enumerate(rows) if not is_total(r))
            columns = list(dict.fromkeys(n for r in rows for n, _ in r))
            own = _own_names(rows, names[t] if t < len(names) else "")
            if listed and about_table(focus.terms, own, self.gate.row_missing):
                subject = next((n for n in columns if n not in ORDINAL_COLUMNS), columns[0])
                fits.append((t, subject, listed))
        if not fits:
            return None
        grams = cjk_pairs(question)
        t, subject, listed = min(fits, key=lambda f: (-len(grams & cjk_pairs(f[1])), rank[f[0]]))
        column, tally = distinct_count(question, tables[t], measure)
        # A totals row that states the count itself in the column naming the rows (姓名：30人) says it in the
        # office's own words, beside its sums: a count asked with 一共 or 总共 quotes it after the rows it counts.
        totals = tuple(
            i
            for i, r in enumerate(tables[t])
            if is_total(r) and total_named(question) and any(n == subject and re.search(r"\d", v) for n, v in r)
        )
        return TableRuling("count", t, listed, column or subject, "", measure, tally, totals)

    def topic_view(self, view: QuestionView) -> QuestionView:
        """The question as the judge weighs it: its topic words alone when ``topic_words`` is set (`topic_focus`)."""
        return replace(view, focus=topic_focus(view.question, view.focus)) if self.gate.topic else view

    def reads_question(self, dense_seen: bool) -> bool:
        """Whether `rule` reads the question features: with the learned models on, or with the veto
        on (only for passages the embedder it was fitted with scored: it reads their similarity)."""
        return self.learned or self._veto(dense_seen) is not None

    def _second(self, on: bool, model: Linear | None, hits: Sequence[Hit]) -> Linear | None:
        """The rescue or doubt model when it is ``on`` and may read these passages: the hand-set ranking
        chose the sentences, and the embedder it was fitted with scored them (it reads their similarity)."""
        if not on or self.learned or not self.same_embedder or not any(h.dense_score is not None for h in hits):
            return None
        return model

    def rescues(self, view: QuestionView, chosen: Sequence[Chosen], hits: Sequence[Hit]) -> float | None:
        """P(the chosen sentences state the answer) under the rescue model, when it is on and finds it at
        least its threshold; None otherwise."""
        model = self._second(self.rescue, self.model.rescue, hits)
        if model is None or not chosen:
            return None
        p = _probability(model.logit(rescue_features(view, chosen, hits)))
        return p if p >= self.model.rescue_threshold else None

    def doubts(self, view: QuestionView, chosen: Sequence[Chosen], hits: Sequence[Hit]) -> float | None:
        """P(answerable) under the doubt model, when it is on and finds it under its threshold; None otherwise."""
        model = self._second(self.doubt, self.model.doubt, hits)
        if model is None or not chosen:
            return None
        p = _probability(model.logit(rescue_features(view, chosen, hits)))
        return p if p < self.model.doubt_threshold else None

    def _veto(self, dense_seen: bool) -> Linear | None:
        if not self.veto or self.learned or not (self.same_embedder and dense_seen):
            return None
        return self.model.veto

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

    def rule_kind_pick(self, question: str, chosen: Sequence[Chosen], candidates: Sequence[Chosen]) -> int | None:
        """Which of ``candidates`` (best first) is also quoted when ``question`` asks for a kind of rule that no
        chosen sentence states (`assistant.features.asked_rule_kind`): asked whether a thing may be done, the
        sentence that forbids it (不得, 禁止) rather than the article that fines a breach; asked whether a rule
        holds in a special case too, the sentence that makes the exception (除外, 免予, 不受…限制); asked what
        follows a breach, the sentence that states it (责令改正, 处…罚款) rather than the rule. The best of
        the first ``rule_kind_k`` that states such a rule, one of a regulation the chosen sentences quote before
        one of another; None when none does, the chosen state it, or it is off.
        The verdict is not changed: the sentence is quoted beside an answer the gate let through."""
        kind = asked_rule_kind(question) if self.rule_kind_k > 0 else ""
        if not kind or any(states_rule_kind(kind, c.text, c.hit) for c in chosen):
            return None
        few = candidates[: self.rule_kind_k]
        stating = [i for i, c in enumerate(few) if states_rule_kind(kind, c.text, c.hit)]
        # The rule asked of stands in the regulation the chosen sentences quote: another law's penalty article,
        # ranked above by the words it shares, is another act's.
        quoted = {c.hit.chunk.doc_id for c in chosen}
        return next((i for i in stating if few[i].hit.chunk.doc_id in quoted), stating[0] if stating else None)

    def meaning_few(self, dense_seen: bool) -> int:
        """With the hand-set score (the learned models off): of how many of its best sentences the one closest
        in meaning to the question is also quoted when the gate lets the answer through (0: none); 0 too when
        the passages were not scored by the embedder the judge was fitted with."""
        if self.learned or not (self.same_embedder and dense_seen):
            return 0
        return self.meaning_k

    def second_k(self, dense_seen: bool) -> int:
        """With ``second_opinion`` on and the learned models off: how many of the learned sentence model's
        best sentences its second stage re-scores by meaning (0: none, the first stage alone decides);
        -1 when there is no second opinion."""
        if not self.second_opinion or self.learned:
            return -1
        if self.model.rerank is None or not (self.same_embedder and dense_seen):
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
        tables: TableEvidence | None = None,
        similarity: Similarity | None = None,
        earlier: QuestionView | None = None,
        *,
        settled: Set[tuple[str, str]] = frozenset(),
    ) -> Verdict:
        """Answer or refuse a question, with reasons when refusing.

        ``earlier`` is the first part of a question that asks several things, when ``view`` is a later part
        judged by its own words: the passages of the chosen sentences must also be on its topic (`off_topic`),
        unless the sentences are all among ``settled`` (chunk id, text), those the first part was answered by
        (…放广告，违法吗？会怎么罚？ of the article that forbids the act and fines it).

        Three tests, all must pass: a chosen sentence states what the question must have stated
        (``view.required``, the things a follow-up newly named: `states_required`), the chosen
        sentences cover the question (`Gate`, and `table_gap` when tables were found), and, with
        the learned models on, the question model finds them likely to answer it.
        """
        dense_seen = any(h.dense_score is not None for h in hits)
        missing = unstated_required(view, chosen, hits, self._required_alike(similarity, dense_seen))
        if missing:
            return Verdict("refuse", 0.0, (required_reason(missing, hits),), gated=True)
        if not chosen:
            return Verdict("refuse", 0.0, ("没有检索到相关段落",))
        quotes_row = tables is not None and any(row_of(c.text, c.hit.chunk) for c in chosen)
        act = act_focus(view.question, view.focus)  # before the asking words leave it: 罚 of 罚多少 is the act
        view = self.topic_view(view)
        focus = view.focus
        if quotes_row and tables is not None and tables.pointers:
            # 最后一项 is said by the row's place, not by its words: such a term is set aside, not missed.
            quoted = " ".join(c.text for c in chosen)
            pointing = [t for t, _ in focus.terms if t not in quoted and any(t in p for p in tables.pointers)]
            focus = replace(focus, terms=tuple((t, w) for t, w in focus.terms if t not in pointing))
        if quotes_row and tables is not None:
            # 采购清单, 联系人一览表: words for the table a row stands in, which no sentence need say.
            own = " ".join(tables.own_names(t) for t in range(len(tables.tables)))
            focus = replace(focus, terms=tuple((t, w) for t, w in focus.terms if not names_table(t, own)))
        table = ""
        if tables is not None:
            # Asked of a table, the reason names the table's row or what it lacks: it says more than
            # which word the sentences beside the table miss.
            contexts = [f"{c.hit.chunk.doc_title} {c.hit.chunk.section} {c.text}" for c in chosen]
            table = table_gap(view.question, view.focus, contexts, tables, quotes_row, self.gate.row_missing)
        # The floors of meaning were fitted on one embedder's cosines: another's are not read against them.
        alike = similarity if self.same_embedder and dense_seen else None
        gap = table or self.gate.gap(
            focus, chosen, hits, known, rescue=self.same_embedder and dense_seen, act=act, similarity=alike
        )
        gap = gap or unstated_kind(view, chosen, self.stated_kinds)
        if earlier is not None and not table and not all((c.hit.chunk.id, c.text) in settled for c in chosen):
            gap = gap or self.off_topic(self.topic_view(earlier).focus, chosen)
        if self.gate.existence:
            gap = gap or unnamed_existence(view, chosen)
        if self.gate.asked_object:
            gap = gap or unnamed_object(view, chosen, alike, self.gate.object_similarity)
        if self.gate.which_stated:
            gap = gap or unspecified_object(view, chosen)
        if self.gate.asked_act:
            gap = gap or unstated_act(view, chosen, known)
        if self.gate.asked_measure:
            gap = gap or unnamed_measure(view, chosen, known)
        if self.gate.asked_condition:
            gap = gap or unstated_condition(view, chosen)
        if self.gate.asked_limit:
            gap = gap or unstated_limit(view, chosen)
        if self.gate.asked_day:
            gap = gap or unnamed_day(view, chosen)
        if self.gate.asked_sum:
            gap = gap or unbound_sum(view, chosen)
        if self.gate.asked_payment and not gap and (unpaid := unstated_payment(view, chosen)):
            # A sentence that says nothing of who pays is no answer however alike it reads: not rescued.
            return Verdict("refuse", 0.0, (unpaid,), gated=True)
        # A later part (由谁发放？) is asked of what the first part names: the subject is read from both.
        asked = f"{earlier.question}{view.question}" if earlier is not None else view.question
        if not gap and alike is not None and (other := other_subject(asked, chosen, alike, self.gate.title_subject)):
            # A rule of a regulation on something else is no answer however well its words match: not rescued.
            return Verdict("refuse", 0.0, (other,), gated=True)
        if not self.learned:  # the gate rules; the rescue, the doubt and the veto second it when they are on
            if gap:
                # A table's own refusals (a row it lacks, a blank cell) are facts of the table: not rescued.
                rescued = None if table else self.rescues(view, chosen, hits)
                if rescued is not None:
                    return Verdict("answer", rescued, rescued=True)
                return Verdict("refuse", 0.0, (gap,), gated=True)
            doubted = self.doubts(view, chosen, hits)
            if doubted is not None:
                return Verdict("refuse", doubted, (unstated_reason(view, chosen),))
            veto = self._veto(dense_seen)
            if veto is None:
                return Verdict("answer", 1.0)
            p = _probability(veto.logit(features))
            if p >= self.model.veto_threshold:
                return Verdict("answer", p)
            return Verdict("refuse", p, (refusal_reason(view, features, chosen),))
        _, question, threshold = self._models(dense_seen)
        p = _probability(question.logit(features))
        if gap:
            return Verdict("refuse", p, (gap,), gated=True)
        if p >= threshold:
            return Verdict("answer", p)
        return Verdict("refuse", p, (refusal_reason(view, features, chosen),))

    def may_answer(self, view: QuestionView, features: Sequence[float], chosen: Sequence[Chosen], hits: Sequence[Hit]) -> bool:
        """Whether `rule` could answer ``view`` with ``chosen``, read from its models alone: False when they
        refuse the sentences whatever the coverage gate finds (the learned question model under its threshold;
        with the hand-set gate, no rescue and a doubt or a veto). A caller that needs only the decision need
        not have the gate compare meanings (embed nouns) for a ruling that cannot answer.

        ``features`` are the question features `rule` would read (empty when it reads none)."""
        if not chosen:
            return False
        dense_seen = any(h.dense_score is not None for h in hits)
        if self.learned:
            _, question, threshold = self._models(dense_seen)
            return _probability(question.logit(features)) >= threshold
        topic = self.topic_view(view)
        if self.rescues(topic, chosen, hits) is not None:  # rescued when the gate finds a gap
            return True
        if self.doubts(topic, chosen, hits) is not None:  # doubted when it finds none
            return False
        veto = self._veto(dense_seen)
        return veto is None or _probability(veto.logit(features)) >= self.model.veto_threshold

    def off_topic(self, topic: Focus, chosen: Sequence[Chosen]) -> str:
        """Why the chosen sentences do not continue ``topic`` (the first part's words, when a later part of
        the question is judged by its own): their passages, with their sections and titles, cover less than
        ``min_coverage`` of it, as the coverage gate weighs words; '' when they do or there is no topic."""
        if not topic.terms or not chosen:
            return ""
        passages = " ".join(_setting(c.hit.chunk.text, c.hit) for c in chosen)
        if near_coverage(topic, passages, self.gate.near) >= self.gate.min_coverage:
            return ""
        return absent(heaviest_missing(topic, passages)[1])

    def states_required(
        self, view: QuestionView, text: str, hit: Hit, similarity: Similarity | None = None, dense_seen: bool = False
    ) -> bool:
        """Whether a candidate sentence may answer the question at all: it states every thing the
        question requires (`QuestionView.required`; `stated`), so that "那校长办公会呢？" is not answered
        by the sentence on 党支部 that answered the question before it. With ``similarity`` (the index's
        embedder, when passages were found by meaning), a noun of the sentence close enough in meaning
        to the thing also states it (`alike_stated`: 视力残疾 for 盲童)."""
        alike = self._required_alike(similarity, dense_seen)
        if not view.required:
            return True
        return not _first_unstated(view.required, _required_setting(text, hit), alike) and not binds_other(view, text, hit, alike)

    def _required_alike(self, similarity: Similarity | None, dense_seen: bool) -> Callable[[str, str], bool] | None:
        """How a sentence states a required thing by a noun close in meaning (`alike_stated`), when the
        floor is set and was fitted on this embedder's cosines; None otherwise."""
        floor = self.gate.required_similarity
        if similarity is None or floor > 1.0 or not (self.same_embedder and dense_seen):
            return None
        return lambda term, text: alike_stated(term, text, similarity, floor)

    def prefer_superseded(self, current: Verdict, current_score: float | None, superseded_score: float) -> bool:
        """Whether a superseded version's text, not found in the current version, answers the question
        rather than the current version's best sentences: when the current version gives no answer, or
        its best sentence scores no higher than ``superseded_margin`` below the superseded one's. The
        answer then says the text is superseded and quotes what replaced it (`assistant.versions`).
        """
        if current.decision == "refuse" or current_score is None:
            return True
        return superseded_score - current_score >= self.superseded_margin


_LAW_FORM = re.compile(r"(?:(?<![办方])法|条例)$")  # a law (…法, not …办法) or a regulation (…条例, 实施条例)
_FIGURE = re.compile(r"[0-9０-９]")
_TITLE_SUFFIX = re.compile(r"(?:实施条例|暂行条例|条例|法)$")  # the form a `_LAW_FORM` title ends with


@lru_cache(maxsize=1024)
def title_subjects(title: str) -> tuple[str, ...]:
    """The words of a regulation's title that name what it governs (未成年人 of 未成年人保护法, 慈善 of
    慈善法): its words of two characters or more, less those that frame any title (`title_frames`) and
    those holding a figure (a year). Only a law's or a 条例's title is read so: a unit's or a bureau's own
    rules (某区…考核细则, 学校…管理办法) are what a user asks about without naming them, so the words of their
    titles (考核, 食堂) say nothing of whether a question is about another document. None for any other title."""
    if not _LAW_FORM.search(title.replace("中华人民共和国", "")):
        return ()
    frames = title_frames()
    return tuple(
        dict.fromkeys(
            w for w in jieba_words(subject_of(title)) if len(w) >= 2 and w not in frames and not _FIGURE.search(w)
        )
    )


def subject_of(title: str) -> str:
    """A law's or a regulation's title less 中华人民共和国 and the word that names its form (法, 条例, 暂行条例)."""
    return _TITLE_SUFFIX.sub("", title.replace("中华人民共和国", ""))


def _asks_of(word: str, question: str) -> bool:
    """Whether ``question`` speaks of ``word``: writes it, half or more of its characters (老人 of 老年人, 献完血
    of 献血), or an everyday word that stands for it (`synonyms`)."""
    if word in question or sum(ch in question for ch in word) * 2 >= len(word):
        return True
    return any(everyday in question for everyday, officials in synonyms().items() if word in officials)


def other_subject(question: str, chosen: Sequence[Chosen], similarity: Similarity, floor: float) -> str:
    """Why the best chosen sentence is another regulation's rule, '' when it need not be: it writes a word
    of its document's subject (`title_subjects`: 妇女 of 妇女权益保障法) that the question does not speak
    of (`_asks_of`), and the question is less than ``floor`` close in meaning to that title (the index's
    embedder; above 1: never). Asked how a 调解委员会 is guided, 妇女的合法权益受到侵害的… is the women's law's
    case, not the one asked about."""
    if not chosen or floor > 1.0:
        return ""
    best = chosen[0]
    title = best.hit.chunk.doc_title
    unasked = [w for w in title_subjects(title) if w in best.text and not _asks_of(w, question)]
    if not unasked:
        return ""
    if similarity(question, [title.replace("中华人民共和国", "")])[0] >= floor:
        return ""
    return f"资料中找到的条文是《{title}》中关于{subject_of(title)}的规定，没有讲到所问的情况"


def unstated_required(
    view: QuestionView,
    chosen: Sequence[Chosen],
    hits: Sequence[Hit] = (),
    alike: Callable[[str, str], bool] | None = None,
) -> str:
    """A thing the question requires (`QuestionView.required`) that no chosen sentence states with all
    the others, '' when one does or nothing is required: the first that no passage of ``hits`` states
    anywhere, else the first the best chosen sentence lacks. ``alike``: whether a sentence states a thing
    by a noun close in meaning (`EvidenceJudge.states_required`)."""
    if not view.required:
        return ""
    # A sentence about someone else (教师应当… for a question about 学生) does not state the one asked about.
    who = bound_who(view)
    firsts = [(who if binds_other(view, c.text, c.hit, alike) else "") or _first_unstated(view.required, _required_setting(c.text, c.hit), alike) for c in chosen]
    if any(not m for m in firsts):
        return ""
    nowhere = [t for t in view.required if not any(required_stated(t, _setting(h.chunk.text, h)) for h in hits)]
    return (nowhere or firsts or list(view.required))[0]


# Words that open what a regulation's sentence binds someone to (教师应当…, 学校不得…, 公民有权…): who stands
# right before them is who the sentence is about. General Chinese: the subject precedes the modal verb.
_BINDING_WORDS = frozenset(
    {"应当", "应", "应该", "必须", "须", "可以", "不得", "不应", "不应当", "有权", "享有", "负责", "禁止", "严禁"}
)
_WHO_KINDS = ("person", "body")
_SUBJECT_TAGS = ("n", "j", "vn", "b", "l", "r", "an", "eng", "x")
_SUBJECT_JOINS = frozenset({"、", "和", "及", "与", "或", "或者", "以及", "的"})
_SENTENCE_OPENER = re.compile(r"^\s*(?:第[一二三四五六七八九十百千零〇\d]+条\s*)?(?:[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])?\s*")


def _nominal(word: str, flag: str) -> bool:
    return word in _SUBJECT_JOINS or flag.startswith(_SUBJECT_TAGS)


def _nominals_end(words: Sequence[tuple[str, str]], start: int) -> int:
    """Where the run of nouns (joined by 、, 和, 的…) from word ``start`` ends, less the joining words it ends with."""
    end = start
    while end < len(words) and _nominal(*words[end]):
        end += 1
    while end > start and words[end - 1][0] in _SUBJECT_JOINS:
        end -= 1
    return end


def _opening_nominals(words: Sequence[tuple[str, str]]) -> str:
    """The run of nouns (joined by 、, 和, 的…) a clause opens with, '' when it opens otherwise (对…, 违反…)."""
    return "".join(w for w, _ in words[: _nominals_end(words, 0)])


def _before_binding(words: Sequence[tuple[str, str]], at: int) -> list[tuple[str, str]]:
    """The words before word ``at`` (a modal verb) that may name its subject: less the adverbs next to it (也,
    均) and less a preposition phrase that ends there (教师在教育教学中应当…: 教师)."""
    i = at
    while i and words[i - 1][1].startswith("d"):
        i -= 1
    before = list(words[:i])
    cut = next((k for k, (_, flag) in enumerate(before) if flag.startswith("p")), None)
    return before[:cut] if cut is not None else before


def _who_named(words: Sequence[tuple[str, str]]) -> str:
    """The person or body ``words`` open with: the words up to the first noun that names one
    (`assistant.lexicon.head_kind`: 疾病预防控制机构, whose 预防 and 控制 jieba tags as verbs), with the nouns
    listed with it (学校和其他教育机构), unless they open with a verb; else the nouns they open with
    (`_opening_nominals`)."""
    for i, (word, flag) in enumerate(words):
        if _CLAUSE.match(word) or not flag.startswith(("n", "v", "a", "b", "f", "r", "j", "l", "m", "q", "s", "z")):
            break
        if not i and flag == "v":
            # 接到申请的县级人民政府…: a clause before 的 says which one of the noun after it; 帮助读者…, a clause
            # that opens with its verb and has no 的, names no one before it.
            de = next((k for k, (w, _) in enumerate(words) if w == "的"), None)
            return _who_named(words[de + 1 :]) if de is not None else ""
        named = flag.startswith(("n", "j", "l")) or (i and words[i - 1][1].startswith("n"))  # 社会 组织
        # 法定代理 人: a name that jieba cuts before its one-character ending is read whole.
        whole = word if len(word) >= 2 else "".join(w for w, _ in words[: i + 1])
        if named and len(whole) >= 2 and head_kind(whole) in _WHO_KINDS:
            return "".join(w for w, _ in words[: _nominals_end(words, i + 1)])
    return _opening_nominals(words)


def sentence_subjects(sentence: str) -> list[str]:
    """Who or what a regulation's sentence is about, for each clause that binds someone by a modal verb: the
    person or body named before that verb (教师 of 教师应当履行下列义务, 地方各级人民政府 of 对…的老年人，地方
    各级人民政府应当…); for a clause that opens with its modal, the one the clause before bound (教师应当…，不得…),
    or the one a 的-phrase ends the clause before with (…专业训练的社会组织，应当…), or else the one the sentence
    opens with (学校 of 学校发现…的，应当…); and who such a clause
    says does the act by 由 (`_doers`). A sentence that binds no one by a modal verb is about the person or body
    it opens with (…人民政府组织…), if any."""
    text = _SENTENCE_OPENER.sub("", sentence, count=1)
    clauses = [c for c in _CLAUSE.split(text) if c.strip()]
    out: list[str] = []
    last: tuple[int, str] = (-1, "")  # the last clause that binds someone, and whom
    for n, clause in enumerate(clauses):
        words = jieba_tagged(clause, hmm=False)
        at = next((i for i, (w, _) in enumerate(words) if w in _BINDING_WORDS), None)
        if at is None:
            continue
        own = _who_named(_before_binding(words, at))
        if not own and n and last[0] == n - 1:
            own = last[1]  # 教师应当…，不得…: a modal that goes on from the clause before binds the same one
        elif not own and n:
            # …的社会组织，应当…: the clause before ends with who the modal binds; …的，应当… ends with a case.
            before = jieba_tagged(clauses[n - 1], hmm=False)
            head = _trailing_nominals(before)
            relative = bool(head) and "".join(w for w, _ in before).endswith(f"的{head}")
            own = head if relative and _is_who(head) else _who_named(jieba_tagged(clauses[0], hmm=False))
        if own:
            out.append(own)
            last = (n, own)
        out += _doers(words)
    if not out and clauses:
        opening = _who_named(jieba_tagged(clauses[0], hmm=False))
        out = [opening] if _is_who(opening) else []
    return list(dict.fromkeys(out))


_LISTING = re.compile(r"、|以及|或者|和|及|与|或")


def _is_who(phrase: str) -> bool:
    """Whether ``phrase`` names a person or a body, or lists one (其法定代理人或者近亲属)."""
    return any(head_kind(part) in _WHO_KINDS for part in (phrase, *_LISTING.split(phrase)) if part)


def _doers(words: Sequence[tuple[str, str]]) -> list[str]:
    """Who a clause says does its act by 由 (…可以由其法定代理人或者近亲属代为提出, 由县级人民政府负责): the
    person or body 由 governs, whatever the clause's subject."""
    out = []
    for i, (word, _) in enumerate(words):
        if word == "由" and i + 1 < len(words):
            doer = _who_named(words[i + 1 :])
            if _is_who(doer):
                out.append(doer)
    return out


def _trailing_nominals(words: Sequence[tuple[str, str]]) -> str:
    """The run of nouns a clause ends with (社会组织 of …专业训练的社会组织), '' when it ends otherwise."""
    start = len(words)
    # 组织 of 社会组织, which jieba tags a verb, ends a name when it names a body.
    if start and len(words[-1][0]) >= 2 and head_kind(words[-1][0]) in _WHO_KINDS:
        start -= 1
    while start and _nominal(*words[start - 1]) and words[start - 1][0] not in _SUBJECT_JOINS:
        start -= 1
    return "".join(w for w, _ in words[start:])


@lru_cache(maxsize=1024)
def question_subject(question: str) -> str:
    """Who a question asks about: the nouns its asking clause (the last) opens with (学校 of 企业接收学生实习，
    学校要做什么？), else, when that clause opens with its predicate (应该怎么办), those its first clause opens
    with (家长 of 家长发现孩子沉迷网络，应该怎么办？)."""
    clauses = [c for c in _CLAUSE.split(question) if c.strip()]
    if not clauses:
        return ""
    own = _opening_nominals(jieba_tagged(clauses[-1], hmm=False))
    return own or _opening_nominals(jieba_tagged(clauses[0], hmm=False))


def bound_who(view: QuestionView) -> str:
    """The thing a follow-up newly named (`QuestionView.required`) that is who its question is about: a person
    or a body (`assistant.lexicon.head_kind`) that heads the question's subject (`question_subject`: 学生 of
    学生应当履行哪些义务？, not 民办学校 of 民办学校的收费标准由谁定？). '' when there is none."""
    subject = question_subject(view.question)
    return next((t for t in view.required if head_kind(t) in _WHO_KINDS and subject.endswith(t)), "")


def binds_other(view: QuestionView, text: str, hit: Hit, alike: Callable[[str, str], bool] | None = None) -> bool:
    """Whether a sentence is about someone else than who the question is about (`bound_who`): its subjects
    (`sentence_subjects`; for a list item, its lead line's) is a person or a body that does not state
    that one, whole, in official words or, with ``alike``, in words close in meaning. 教师应当履行下列义务 does
    not answer 学生应当履行哪些义务？ though it speaks of 学生 further on; a sentence that names no one before its
    modal verb is not judged so. Measured with python -m govdoc.blind_eval --followups: train 0.725 -> 0.739
    (two follow-ups about a new person or body answered from their own rule, none lost), dev 0.671 either way;
    the single questions (no follow-up names anyone new) are untouched."""
    who = bound_who(view)
    if not who:
        return False
    # A list item goes on from its lead line (教师享有下列权利：…（三）指导学生…): it is about whom the lead binds.
    lead = sentence_subjects(lead_of(text, hit))
    subjects = lead if lead and _ITEM.match(text.strip()) else sentence_subjects(text) or lead
    if not any(_is_who(s) for s in subjects):
        return False
    return not any(required_stated(who, s) or (alike is not None and alike(who, s)) for s in subjects)


def stated(term: str, text: str) -> bool:
    """Whether ``text`` states ``term``: the term itself, one of its official words (老师: 教师) or its full form when
    the term is an abbreviation (社会保险 for 社保, `_spelled_out`); a term of one word also by the part of it that says which one, its leading part (大学 of 大学生, not 支部 of 团支部,
    `_NEAR`); a term of several words by each of its words of two characters or more, whole or spelled
    out (校长 and 办公会 of 校长办公会)."""
    whole = term_coverage_with_synonyms(term, text)
    if whole >= 1.0 or _spelled_out(term, text):
        return True
    words = _words_of(term)
    if len(words) == 1:
        # The part that says which one leads the word (大学 of 大学生); the part it shares with its kind
        # ends it (支部 of 团支部 and 党支部): that part alone states nothing.
        return whole >= _NEAR and term[: math.ceil(_NEAR * len(term))] in text
    return bool(words) and all(term_coverage_with_synonyms(w, text) >= 1.0 or _spelled_out(w, text) for w in words)


def spelled_terms(focus: Focus, text: str) -> tuple[str, ...]:
    """The words of ``focus`` that ``text`` does not write but spells out in full (`_spelled_out`: 环评 of
    环境影响评价, 质监 of 产品质量监督): the everyday short form of a term the text writes whole."""
    return tuple(t for t, _ in focus.terms if t not in text and _spelled_out(t, text, fine=True))


# A definition that names the kinds of a term: 本法所称X，是指…/包括… and X包括… (up to the end of the sentence).
_DEFINED = re.compile(
    r"(?:本(?:法|条例|规定|办法|细则|规则|决定)所称|所称)([\u4e00-\u9fff]{2,16}?)[，,]?(?:是指|包括|指)([^。；]{2,200})"
    r"|([\u4e00-\u9fff]{2,16})(?:包括|包含)([^。；]{2,200})"
)


# A definition as a regulation writes it: 本法所称X，是指…, or an item of its list of terms (（二）X，是指…).
_DEFINES = re.compile(
    r"所称([\u4e00-\u9fff]{2,16}?)[，,]?是指"
    r"|^\s*(?:第[一二三四五六七八九十百零]+条\s*)?[（(][一二三四五六七八九十]+[）)]\s*([\u4e00-\u9fff]{2,16})[，,]是指",
    re.M,
)


def defined_terms(text: str) -> list[tuple[str, str]]:
    """(term, its definition's line) for each term ``text`` defines as a regulation does (本法所称噪声，是指…;
    （二）夜间，是指晚上十点至次日早晨六点之间的期间)."""
    out = []
    for m in _DEFINES.finditer(text):
        end = text.find("\n", m.end())
        out.append((m.group(1) or m.group(2), text[m.start() : end if end >= 0 else len(text)]))
    return out


def definitions(texts: Sequence[str]) -> list[tuple[str, str]]:
    """(term, what it covers) for each definition of the kinds of a term in ``texts``: 本办法所称学前教育机构，
    包括幼儿园和托儿所 gives (学前教育机构, 包括幼儿园和托儿所). The term is cut to its last dictionary
    word of two characters or more plus the words before it within the clause, as jieba reads it."""
    out = []
    for text in texts:
        for m in _DEFINED.finditer(text):
            term, covers = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            if not m.group(0)[: -len(covers)].endswith(("包括", "包含")) and "、" not in covers:
                # 未成年人是指未满十八周岁的公民 says what the term is (its genus), not its kinds: a rule
                # about 未成年人 does not hold for every 公民. 是指 followed by a list (、) lists kinds.
                continue
            # 本办法所称X names X whole; a bare X包括 is cut to the noun phrase that ends the run before it.
            term = term if m.group(1) else _defined_term(term)
            if term:
                out.append((term, covers))
    return out


@lru_cache(maxsize=4096)
def _defined_term(run: str) -> str:
    """The term a definition names: ``run`` less the function words that open it (对于, 的), as dictionary
    words; '' when it ends in no noun of two characters or more."""
    words = jieba_tagged(run, hmm=False)
    if not words or not words[-1][1].startswith(("n", "vn", "l")) or len(words[-1][0]) < 2:
        return ""
    # The noun phrase that ends the run: its nouns and the words that say which kind (学前教育机构), back to
    # the first function word or verb (的 of 学校的教学设施: 教学设施).
    kept: list[str] = []
    for word, tag in reversed(words):
        if not tag.startswith(("n", "vn", "l", "b", "a", "j")):
            break
        kept.insert(0, word)
    return "".join(kept)


def defined_kinds(focus: Focus, passages: Sequence[str], text: str) -> tuple[str, ...]:
    """The words of ``focus`` that ``text`` does not write but whose broader term it writes: a definition
    in ``passages`` (`definitions`) names the word among what that term covers (幼儿园 of 学前教育机构，包括幼儿园
    和托儿所): a rule about the term holds for its kinds."""
    return _kinds_among(focus, definitions(passages), text)


def _kinds_among(focus: Focus, defs: Sequence[tuple[str, str]], text: str) -> tuple[str, ...]:
    """`defined_kinds` of definitions already read (`definitions`)."""
    return tuple(t for t, _ in focus.terms if len(t) >= 2 and t not in text and _writes_kind(t, text, defs))


def _writes_kind(term: str, text: str, defs: Sequence[tuple[str, str]]) -> bool:
    """Whether ``text`` writes a broader term that one of ``defs`` (`definitions`) says covers ``term``."""
    return any(term in covers and broad in text for broad, covers in defs)


def _spelled_out(term: str, text: str, fine: bool = False) -> bool:
    """Whether ``text`` writes ``term`` out in full (社会保险 for 社保, 初级中学 for 初中): a run that
    `assistant.abbrev.expansions` reads as its full form and that ends in a word of two characters or
    more (高等学校中 does not spell 高中 out: its 中 is a word of its own)."""
    return any(len(_last_word(run)) >= 2 for run in expansions(term, [text], fine))


@lru_cache(maxsize=4096)
def _last_word(run: str) -> str:
    words = jieba_tagged(run, hmm=False)
    return words[-1][0] if words else ""


@lru_cache(maxsize=1024)
def _words_of(term: str) -> tuple[str, ...]:
    """A required thing's dictionary words of two characters or more (asked once per candidate sentence)."""
    return tuple(w for w, _ in jieba_tagged(term, hmm=False) if len(w) >= 2)


def _first_unstated(terms: Sequence[str], text: str, alike: Callable[[str, str], bool] | None = None) -> str:
    return next((t for t in terms if not required_stated(t, text) and not (alike is not None and alike(t, text))), "")


def alike_stated(term: str, text: str, similarity: Similarity, floor: float) -> bool:
    """Whether a noun of ``text`` is at least ``floor`` close in meaning to ``term``, a thing a follow-up
    newly named (the embedder's cosine, ``term`` as a query; `closest_noun`): documents name in official
    words what a follow-up names in everyday ones (视力残疾 for 盲童)."""
    nouns = [n for n in context_nouns(text)[:_MAX_NOUNS] if n not in term and term not in n]
    return closest_noun(term, nouns, similarity, floor) is not None


def required_stated(term: str, text: str) -> bool:
    """Whether ``text`` states ``term``, a thing a follow-up newly named: as `stated`, by one of its official
    words written whole (`assistant.lexicon.synonyms`: 省里 by 省、自治区、直辖市), or with an everyday name it
    holds written as regulations name it (`assistant.lexicon.official_names`: 公办大学 stated by 公办高等学校,
    卫生局 by 卫生行政部门)."""
    if (stated(term, text) and _kind_spoken(term, text)) or any(name in text for name in official_names().get(term, ())):
        return True
    # One of the term's official words written whole (省里: 省、自治区、直辖市) states the thing, kind and all: the
    # term's own last character (里) is then no kind to look for.
    if any(official in text for official in synonyms().get(term, ())):
        return True
    return any(
        stated(term.replace(everyday, name), text)
        for everyday, names in official_names().items()
        if everyday != term and everyday in term
        for name in names
    )


def _kind_spoken(term: str, text: str) -> bool:
    """Whether ``text``, which states ``term`` at least by the part that says which one (仲裁 of 仲裁费),
    also speaks of what kind of thing it is: the term's last character, the part that says its kind (费 of
    仲裁费, 证 of 残疾证), or an ending of the same kind (`assistant.lexicon.head_kind`: money by 金, 钱,
    收费). A passage on 仲裁 that says nothing of money does not state the 仲裁费 a follow-up swapped in
    for the 公证费 of the question before, nor one on 残疾人 the 残疾证. Measured with python -m
    govdoc.blind_eval --followups: train 0.690 -> 0.704 (two unanswerable follow-ups refused, no answerable
    one lost), dev 0.657 either way."""
    if term in text or term[-1] in text:
        return True
    kind = head_kind(term)
    return bool(kind) and any(ending in text for ending, k in head_kinds() if k == kind)


def _setting(text: str, hit: Hit) -> str:
    """A sentence with what it stands under: its section path and its document's title (a sentence of
    the 民办教育促进法 is about 民办 schools without saying so)."""
    return f"{text} {hit.chunk.section} {hit.chunk.doc_title}"


def _required_setting(text: str, hit: Hit) -> str:
    """`_setting`, with the sentence before it in its paragraph when the sentence carries that one's topic on
    (`_chained_from`): where a follow-up's newly named thing is to be stated."""
    before = _chained_from(text, hit.chunk.text)
    return f"{_setting(text, hit)} {before}" if before else _setting(text, hit)


_SENTENCE_ENDS = "。；！？"


def _chained_from(sentence: str, passage: str) -> str:
    """The sentence before ``sentence`` in its paragraph of ``passage`` when ``sentence`` opens with a noun
    that one names as a word of its own (理事 is no word of 理事会; '' otherwise): a topic chain, the way Chinese goes on about one thing (…作出决定。决定
    应当书面送达…): the later sentence is about what the earlier one named, though it does not repeat it."""
    at = passage.find(sentence)
    if at <= 0:
        return ""
    start = passage.rfind("\n", 0, at) + 1
    before = passage[start:at].rstrip()
    if not before or before[-1] not in _SENTENCE_ENDS:
        return ""
    cut = max(before.rfind(mark, 0, len(before) - 1) for mark in _SENTENCE_ENDS)
    previous = before[cut + 1 :]
    words = jieba_tagged(sentence.strip(), hmm=False)
    if not words:
        return ""
    word, flag = words[0]
    opens_with_noun = len(word) >= 2 and flag.startswith(("n", "vn", "j"))
    return previous if opens_with_noun and any(w == word for w, _ in jieba_tagged(previous, hmm=False)) else ""

def unnamed_existence(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why the chosen sentences do not answer whether a thing exists (有没有统一的表格), when none of
    them names it (whole, or as an official word): a sentence that requires the form says nothing of
    its template. '' when they do, or the question asks whether nothing exists."""
    thing = existence_object(view.question)
    if not thing:
        return ""
    context = " ".join(context_of(c.text, c.hit, view.focus) for c in chosen)
    return "" if term_coverage_with_synonyms(thing, context) >= 1.0 else absent(thing)


def unnamed_object(
    view: QuestionView, chosen: Sequence[Chosen], similarity: Similarity | None = None, floor: float = 2.0
) -> str:
    """Why the chosen sentences do not answer what a question asks for, when it asks which thing and
    none of them names a noun it asks about (要交哪些材料 → 材料; `assistant.features.which_object`),
    whole, as an official word, by its leading part (`stated`), by a part of at least half of it
    (活动 of 活动场所), or, with ``similarity`` (the embedder's cosine of a query to texts), by a noun of
    theirs at least ``floor`` close to it in meaning (学历 for 文凭, `named_alike`): an article that
    requires a form says nothing of its template. '' when one does; when the question asks for a figure
    (the figure decides, `Gate.gap`); when the noun is an everyday word (东西, 形式:
    `assistant.evidence.general_rarity` at its floor); or when the noun names a kind of answer, by the
    words that ask it or those that state it (条件, 程序, 期限, 单位, 部门: `ASK_KINDS`), or frames the
    question (情况, 方面: `assistant.lexicon.frame_words`)."""
    # A body of a kind the question names (哪个卫生防疫部门) is named whole: half its kind's words may stand in another
    # body's name (防疫 of 动物防疫部门).
    if body := unnamed_body_kind(view, chosen):
        return body
    things = _asked_things(view)
    if not things:
        return ""
    # 哪个科室 of a table row with a 牵头单位 column: the noun names the kind of thing the column holds.
    rows = [fields for c in chosen if (fields := row_of(c.text, c.hit.chunk))]
    if any(kinds_of_column(t) and holds_kind(k, fields) for t in things for k in kinds_of_column(t) for fields in rows):
        return ""
    # 什么汤 of a row with a 午餐·汤 column: the column's own name is the thing, its cell says which.
    if any(column_names_thing(t, fields) for t in things for fields in rows):
        return ""
    context = " ".join(_setting(context_of(c.text, c.hit, view.focus), c.hit) for c in chosen)
    # A compound named by one of its words (活动 of 活动场所, 助学金 of 奖助学金) is named; a thing of one
    # character by a noun that opens or ends with it (证 by 证书, 资格证; not by 保证).
    if any(
        _names_char(t, context) if len(t) == 1 else stated(t, context) or term_coverage_with_synonyms(t, context) >= 0.5
        for t in things
    ):
        return ""
    # One character alone is too little for the embedder to read a meaning from.
    if similarity is not None and any(len(t) > 1 and named_alike(t, context, similarity, floor) for t in things):
        return ""
    return absent(things[-1])


# The words that state a body (部门, 机关, 委员会…), as `ASK_KINDS` reads them.
_BODY_MARKS = next(marks for kind, _, marks in ASK_KINDS if kind == "body")


def unnamed_body_kind(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why the chosen sentences do not answer which body of a kind the question names (哪个卫生防疫部门 → 卫生防疫,
    `assistant.features.which_object`: nouns that qualify a word for a body), when none of them, with its section and
    title, names any of those nouns (whole, or as an official word): a sentence listing other departments says
    nothing of which one of that kind. '' when one does, or the question asks no body of a kind it names (哪个部门,
    哪一级政府: the qualifier is itself a body, an everyday word or one that frames the question)."""
    things = which_object(view.question)
    if len(things) < 2 or not _BODY_MARKS.search(things[-1]) or not chosen:
        return ""
    kinds = [
        t
        for t in things[:-1]
        if len(t) >= 2 and not _BODY_MARKS.search(t) and t not in frame_words() and general_rarity(t) > _EVERYDAY
    ]
    if not kinds:
        return ""
    context = " ".join(_setting(context_of(c.text, c.hit, view.focus), c.hit) for c in chosen)
    if any(stated(t, context) or term_coverage_with_synonyms(t, context) >= 1.0 for t in kinds):
        return ""
    return absent(kinds[0])


# Words that qualify a thing without saying which one it is (有效证件, 相关材料, 书面申请材料, 规定的表格).
_BARE_QUALIFIERS = frozenset(
    "有效 相应 相关 有关 必要 必需 所需 需要 其他 其它 一定 适当 书面 规定 具体 上述 前款 该 本 此 各类 各种 全部 一切 "
    "申请 证明 真实 合法 完整 齐全 必须 应当 统一 专门 正式 原件 复印件 的".split()
)
# After the thing, in its sentence: a list or an account of it follows (材料包括, 下列材料：, 证件（…）,
# 证件是指…, 证件为户口簿、身份证; not 证件免费乘车、船, where the list is of something else).
_SPELLED_AFTER = re.compile(r"^[^。；！？]{0,8}?(?:：|:|包括|包含|如下|是指|（|\()|^(?:为|是|即|指)[^，,。；;！？]*、")
# Words that join the kinds a list names inside one noun phrase (身份证明、收入证明等材料, 户口簿或者身份证).
_LIST_JOINS = frozenset({"、", "等", "和", "及", "以及", "或", "或者", "与"})
# Words that point to a list that follows (下列材料, 以下证件).
_LIST_POINTERS = frozenset({"下列", "以下", "如下"})
# Parts of speech that may qualify a noun inside its phrase: nouns, adjectives, distinguishing words,
# numerals and measure words, place words, 的, verbal nouns and idioms.
_QUALIFIER_TAGS = ("n", "a", "b", "m", "q", "f", "uj", "vn", "l", "s")


# The marks that close a name in quotation marks or a title (“…”, 「…」, 《…》).
_NAME_CLOSES = frozenset({"”", "」", "』", "》", '"'})


def _names_char(char: str, text: str) -> bool:
    """Whether a noun of ``text`` (jieba's n tags, two characters or more) opens or ends with ``char``: 证书
    and 资格证 name a 证, 保证 does not."""
    return any(
        f.startswith("n") and len(w) >= 2 and (w.startswith(char) or w.endswith(char))
        for w, f in jieba_tagged(text, hmm=False)
    )


def asking_verb(question: str) -> str:
    """The verb right before the word that asks which thing (能领什么津贴 → 领, 该备哪些材料 → 备), '' when
    another kind of word stands there or none asks."""
    m = WHICH_ASK.search(question)
    if m is None:
        return ""
    words = jieba_tagged(_CLAUSE.split(question[: m.start()])[-1], hmm=False)
    return words[-1][0] if words and words[-1][1].startswith("v") and words[-1][1] != "vn" else ""


def which_stated(thing: str, sentence: str, question: str) -> bool:
    """Whether ``sentence``, which writes ``thing`` (材料, 证件), also says which ones: a list follows it
    (材料包括…, 提交下列材料：) or stands in its noun phrase (身份证明、收入证明等材料), or a word of that phrase
    that the question does not hold does more than qualify it in general (大学本科以上学历 says which 学历, and
    so does a name in quotation marks; 有效证件, 相关材料, 书面申请材料 do not: `_BARE_QUALIFIERS`). Where the
    sentence writes the verb the question asks with (`asking_verb`), every word between it and the thing
    is read as such a qualifier."""
    verb = asking_verb(question)
    for m in re.finditer(re.escape(thing), sentence):
        if _SPELLED_AFTER.search(sentence[m.end() :]):
            return True
        clause = _CLAUSE.split(sentence[: m.start()])[-1]
        words = jieba_tagged(clause + thing, hmm=False)
        # The word that holds the thing may hold its qualifier too (有效证件: 有效).
        own = words[-1][0] if words else ""
        qualifiers = [own[: -len(thing)]] if own.endswith(thing) and own != thing else []
        for word, flag in reversed(words[:-1]):
            if word in _LIST_JOINS or word in _LIST_POINTERS or word in _NAME_CLOSES:
                return True  # a list, or a name in quotation marks (提出了“…”的口号)
            if not flag.startswith(_QUALIFIER_TAGS):
                break
            qualifiers.append(word)
        # Past the verb the question asks with (能领什么津贴), all the sentence puts before the thing says
        # which one, whatever its words' parts of speech (能领边远地区补助津贴: 补助 is tagged a verb).
        if verb and verb in clause:
            qualifiers += [w for w, _ in jieba_tagged(clause[clause.rindex(verb) + len(verb) :], hmm=False)]
        if any(q and q not in _BARE_QUALIFIERS and q not in question for q in qualifiers):
            return True
    return False


def _asked_things(view: QuestionView) -> list[str]:
    """The things a question asks which of (`assistant.features.which_object`; with no noun after its asking words,
    the one before its copula: 格式 of 表格的格式是什么样的, `assistant.features.copula_object`), as `unnamed_object` and
    `unspecified_object` judge them: none when it asks for a figure (the figure decides, `Gate.gap`), and
    none when one of them names a kind of answer (`ASK_KINDS`); everyday and framing words left out."""
    if view.focus.quantity is not None:
        return []
    # The nouns must be the question's own words as the index segments them (上学会 is 上学 and 会, not 学会).
    # A thing of one character (考什么证) is never a focus term: it is kept as the question writes it.
    terms = {t for t, _ in view.focus.terms}
    things = [
        t
        for t in which_object(view.question) or copula_object(view.question)
        if (t in terms or len(t) == 1) and t not in frame_words() and general_rarity(t) > _EVERYDAY
    ]
    if any(asks.search(t) or marks.search(t) for t in things for _, asks, marks in ASK_KINDS):
        return []
    return things


def unspecified_object(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why the chosen sentences do not answer a question for which thing (该交哪些材料, 需要办什么证件), when
    those of them that write the thing it asks for (`assistant.features.which_object`, as `unnamed_object`
    reads it) only mention it and none says which ones (`which_stated`): an article that requires an
    application says nothing of what to hand in with it. '' when one of them does, or one does not write
    the thing (it may name a kind of it without it; `unnamed_object` judges a thing none names). A list
    item is read with the line that opens its list: under 应当提交下列材料： it says which."""
    things = _asked_things(view)
    if not things or len(things[-1]) == 1:
        return ""  # a thing of one character (证) stands inside other words: `unnamed_object` judges it
    thing = things[-1]
    if any(row_of(c.text, c.hit.chunk) for c in chosen):
        return ""
    # A list item is read with the line that opens its list (应当提交下列材料：). A sentence that does not
    # write the thing may name one of its kinds without it (应当提交身份证明): it is left to the other tests.
    texts = [f"{lead_of(c.text, c.hit)}\n{c.text}" if _ITEM.match(c.text.strip()) else c.text for c in chosen]
    # The thing written inside a longer word is another thing (义务 in 义务教育 is no duty).
    if not texts or any(not _writes_word(thing, t) for t in texts):
        return ""
    if any(which_stated(thing, t, view.question) for t in texts):
        return ""
    if not _concerns_subject(view, thing, texts):
        # Sentences on another's things (教师的义务, asked of 家长) say nothing of the asker's subject: to say
        # they only mention the thing would mislead.
        return "资料中只有相关话题的内容，没有直接回答这个问题"
    which = "哪些" if re.search(r"哪些|哪几", view.question) else "什么"
    return f"资料中只提到{thing}，没有写明具体是{which}{thing}"


# Where a question asks which body or place (谁, 哪个部门, 去哪里): the words `ASK_KINDS` reads as asking a body.
_BODY_ASK = next(asks for kind, asks, _ in ASK_KINDS if kind == "body")


def asked_acts(question: str, known: Callable[[str], bool]) -> list[str]:
    """The acts a question asks which body or place does (由谁颁发 → 颁发, 去哪里挂失 → 挂失): the verbs
    of two characters or more that follow the words asking a body in their clause, as jieba tags them without
    guessing (plain verbs, not verbal nouns), that the documents use somewhere (``known``: an everyday verb of
    the asker, which a text says in other words, is not held against it). Verbs that only say a body is in
    charge (负责, 主管, 批准: `assistant.lexicon.charge_verbs`) are left out: a sentence naming the body in charge
    answers them in its own words."""
    acts: list[str] = []
    for clause in _CLAUSE.split(question):
        m = _BODY_ASK.search(clause)
        if m is None:
            continue
        for word, flag in jieba_tagged(clause[m.end() :], hmm=False):
            if (
                flag == "v"
                and len(word) >= 2
                and word not in charge_verbs()
                and not _function_word(word)
                and known(word)
                and word not in acts
            ):
                acts.append(word)
    return acts


def unstated_act(view: QuestionView, chosen: Sequence[Chosen], known: Callable[[str], bool]) -> str:
    """Why the chosen sentences do not answer which body does an act (由谁颁发, 去哪里挂失: `asked_acts`),
    when none of them, with its section, title and paragraph, writes any of the acts (whole, as an official
    word, or with every character of it): a sentence that names the body which registers a thing says nothing
    of who prints its forms. '' when one does, or the question asks no such act."""
    acts = asked_acts(view.question, known)
    if not acts or not chosen:
        return ""
    said = " ".join(_setting(c.text, c.hit) for c in chosen)
    around = _with_paragraphs(chosen)
    if any(term_coverage_with_synonyms(a, around) >= 1.0 or near_share(a, said) >= 1.0 for a in acts):
        return ""
    return f"资料中没有写明{'到哪里' if _PLACE_ASK.search(view.question) else '由谁'}{acts[0]}"


# Words that ask a place rather than a body (去哪里挂失): the refusal then says where, not who.
_PLACE_ASK = re.compile(r"哪里|哪儿|什么地方|哪个地方|何处")


def _with_paragraphs(chosen: Sequence[Chosen]) -> str:
    """The chosen sentences with their settings (`_setting`) and the passages they stand in: what a rule
    on the asked act or thing may name it in, beyond the sentence itself."""
    return " ".join(f"{_setting(c.text, c.hit)} {c.hit.chunk.text}" for c in chosen)


# Words that ask for the standard, range or specification a thing must meet (有什么标准, 控制在什么范围).
_MEASURE_ASK = re.compile(r"(?:什么样的?|什么|哪些)(?:具体的?)?(标准|范围|要求|规格|指标)")
# Words that join the things one question measures together (温度和噪声, 长度、宽度).
_MEASURE_JOINS = frozenset({"和", "与", "及", "以及", "、", "或", "或者", "跟"})
# Words that link a thing to the standard asked of it (面积有什么标准, 温度要控制在什么范围, 应当达到什么要求): with
# any other word between (教室的采光有: 采光 is tagged a verb), the thing is not read.
_MEASURE_LINKS = frozenset(
    "有 要 应 应当 应该 需 需要 须 必须 得 该 都 是 按 按照 执行 达到 符合 控制 控制在 在 方面 上".split()
)


def measured_things(question: str, known: Callable[[str], bool]) -> list[str]:
    """The things a question asks the standard or range of (桌椅的高度和宽度有什么标准 → 高度, 宽度): the last noun
    before the words that ask it in their clause (the head of its noun phrase: 高度 of 桌椅的高度), with the
    nouns joined to it by 和, 、, 与…, as jieba tags them without guessing (verbal nouns too: 采光); only those the documents use
    (``known``: an everyday word of the asker is said otherwise). [] when the question asks no such thing."""
    for clause in _CLAUSE.split(question):
        m = _MEASURE_ASK.search(clause)
        if m is None:
            continue
        words = jieba_tagged(clause[: m.start()], hmm=False)
        i = len(words) - 1
        while i >= 0 and words[i][0] in _MEASURE_LINKS:
            i -= 1  # the words between the thing and the ask (要控制在, 有, 应当达到)
        things: list[str] = []
        while i >= 0 and words[i][1].startswith(("n", "vn")) and len(words[i][0]) >= 2:
            things.append(words[i][0])
            # A noun right before the head qualifies it (阅览室 of 阅览室面积): only a joined one is measured too.
            if i >= 2 and words[i - 1][0] in _MEASURE_JOINS:
                i -= 2
                continue
            break
        return [t for t in reversed(things) if known(t)]
    return []


def unnamed_measure(view: QuestionView, chosen: Sequence[Chosen], known: Callable[[str], bool]) -> str:
    """Why the chosen sentences do not answer what standard or range a thing must meet (`measured_things`), when
    they, with their sections, titles and paragraphs, do not name every thing measured (whole or as an official
    word): a sentence that requires a room says nothing of the size it must have. '' when they do, or the
    question asks no such thing."""
    things = measured_things(view.question, known)
    if not things or not chosen:
        return ""
    around = _with_paragraphs(chosen)
    missing = [t for t in things if term_coverage_with_synonyms(t, around) < 1.0]
    if not missing:
        return ""
    m = _MEASURE_ASK.search(view.question)
    return f"资料中没有写明{missing[0]}的{m.group(1) if m else '标准'}"


# Words that ask what conditions a thing needs (需要具备什么条件, 应当符合哪些条件, 条件是什么).
_CONDITION_ASK = re.compile(
    r"(?:什么样的?|什么|哪些|哪几个?|哪几项)[^，,。；;！!？?]{0,4}条件|条件(?:是|有)(?:什么|哪些)"
)
# How a sentence states a condition: the marks `ASK_KINDS` reads for one (具备, 符合, 方可, …的，, 情形), and 具有
# (应当具有…国籍), which names what one must have.
_CONDITION_MARKS = next(marks for kind, _, marks in ASK_KINDS if kind == "condition")
_CONDITION_HAVE = re.compile(r"具有")


def unstated_condition(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why the chosen sentences do not answer what conditions a thing needs (需要具备什么条件, `_CONDITION_ASK`),
    when none of them, read with the line that opens its list (…应当具备下列条件：) or the lead clause it stands
    under, states a condition at all (`_CONDITION_MARKS`, `_CONDITION_HAVE`): a sentence that sets up a post says
    nothing of what its holder must meet. '' when one does, or the question asks no conditions."""
    if not chosen or not _CONDITION_ASK.search(view.question):
        return ""
    for c in chosen:
        text = f"{lead_of(c.text, c.hit)} {_chosen_lead(c, chosen)} {c.text}"
        if _CONDITION_MARKS.search(text) or _CONDITION_HAVE.search(text):
            return ""
    return "资料中没有写明所问的条件"


# How a sentence states a time limit: a span of time it must be done within or before (十五日内, 3个工作日以内,
# 届满前), or one not to be exceeded (不超过三十日); a term (任期三年) or a time ago is no limit.
_LIMIT_STATED = re.compile(
    r"[\d一二三四五六七八九十百两半]+\s*个?(?:工作|自然)?(?:日|天|月|年|小时|周)(?:内|以内|之内|前)"
    r"|(?:不超过|不得超过|最长不超过)[^，,。；;]{0,4}[\d一二三四五六七八九十百两半]"
)


def unstated_limit(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why the chosen sentences do not answer within how long a thing must be done (多少天内, 几个小时以内:
    `_LIMIT_ASKED`), when none of them (a table row with its units) states a time limit (`_LIMIT_STATED`): a
    term of office or a figure of another kind is no limit. '' when one does, or the question asks none."""
    if not chosen or view.focus.quantity is None or not _LIMIT_ASKED.search(view.question):
        return ""
    if any(_LIMIT_STATED.search(figure_text(c.text, c.hit)) for c in chosen):
        return ""
    return "资料中没有写明所问的期限"


# A day named by its distance from today (明天, 下周三, 今晚): which day it is depends on when one asks, so only a
# sentence that names a date, a weekday or the same word can speak of it. 周末 and 节假日 name kinds of days.
_RELATIVE_DAY = re.compile(
    r"(?<![提之以先最])(?:今|明|后|昨|前)(?:天|日|晚|早|晨)(?!下)|大后天|(?:这|本|下|上)(?:个)?(?:周|星期|礼拜)[一二三四五六日天]"
)
_DAY_NAMED = re.compile(
    r"[\d一二三四五六七八九十〇零]+\s*(?:月[\d一二三四五六七八九十]+\s*[日号]|[日号])|(?:周|星期|礼拜)[一二三四五六日天]"
)


def unnamed_day(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why the chosen sentences do not answer a question about a day counted from today (明天学校上课吗): none
    names a date, a weekday or the day word asked (`_RELATIVE_DAY`, `_DAY_NAMED`). '' when one does, or the
    question names no such day."""
    asked = _RELATIVE_DAY.search(view.question)
    if not chosen or asked is None:
        return ""
    for c in chosen:
        text = figure_text(c.text, c.hit)
        if asked.group(0) in text or _DAY_NAMED.search(text):
            return ""
    return f"资料中没有写到具体日期，无法判断「{asked.group(0)}」的情况"


# A noun that names a sum of money by what it pays for (年费, 押金, 违约金, 停车费): it ends in 费, 金 or 款.
_SUM_NAMED = re.compile(r"[\u4e00-\u9fff](?:费|金|款)$")
# Words that say whether a sum is charged, not which sum (收费, 免费, 缴费): they name none.
_CHARGING = re.compile(r"(?:收|免|缴|交|付|减|退)费$")
# A clause that asks for a figure (多少, 几): the sums it names are the ones whose figure is asked.
_FIGURE_ASKED = re.compile(r"多少|几")
# A sentence that states a sum of money (5万元, 二倍, 百分之十, 3%), as the amount asked must be stated.
_MONEY_FIGURE = QuantityAsk("money", ("元", "万元", "亿元", "倍"), "")
_SHARE_FIGURE = QuantityAsk("ratio", ("%", "％", "百分之", "分之"), "")


def asked_sums(question: str) -> list[str]:
    """The sums of money whose figure ``question`` asks by name (押金能退多少 → 押金, 会员年费要交多少 → 年费):
    the nouns of two characters or more ending in 费, 金 or 款 (jieba's dictionary words, or any word ending in
    费) in the clauses that ask for a figure (多少, 几); a word of charging (收费, 免费) names no sum."""
    out: list[str] = []
    for clause in _CLAUSE.split(question):
        if not _FIGURE_ASKED.search(clause):
            continue
        for word, flag in jieba_tagged(clause, hmm=False):
            if (
                len(word) >= 2
                and _SUM_NAMED.search(word)
                and not _CHARGING.search(word)
                and (flag.startswith("n") or word.endswith("费"))
                and word not in out
            ):
                out.append(word)
    return out


def names_sum(sum_word: str, text: str) -> bool:
    """Whether ``text`` names the sum ``sum_word``: whole or as an official word; one of three characters or more
    also by what it pays for (违约 of 违约金) or as a fee alike (`named_fees`, `same_fee`: 医药费 and 医疗费). A sum
    of two characters (年费, 押金) is named only whole: its one character of what it pays for says nothing."""
    if term_coverage_with_synonyms(sum_word, text) >= 1.0:
        return True
    if len(sum_word) < 3:
        return False
    return sum_word[:-1] in text or any(same_fee(sum_word, f) for f in named_fees(text) if f.endswith("费"))


def unbound_sum(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why the chosen sentences do not answer how much a sum the question names is (押金能退多少, 违约金最高
    赔多少: `asked_sums`), when the question asks an amount (`ASK_KINDS`, or a figure of money) and no chosen
    sentence (a table row with its units) both states a sum of money (元, 倍, 百分之) and names the asked one
    (`names_sum`): the figure of a fine in an article on a rented boat says nothing of its deposit. '' when one does, or the
    question names no sum whose figure it asks."""
    ask = view.focus.quantity
    if not chosen or not ("amount" in view.kinds or (ask is not None and ask.kind == "money")):
        return ""
    sums = asked_sums(view.question)
    if not sums:
        return ""
    for c in chosen:
        text = figure_text(c.text, c.hit)
        if (quantity_supported(_MONEY_FIGURE, text) or quantity_supported(_SHARE_FIGURE, text)) and any(
            names_sum(s, text) for s in sums
        ):
            return ""
    return f"资料中没有写明{sums[0]}的金额"


def _writes_word(thing: str, text: str) -> bool:
    """Whether ``text`` writes ``thing`` as a word of its own or the head of one (证件, 有效证件), not at the
    head of a longer word that names something else (义务 in 义务教育)."""
    if thing not in text:
        return False
    words = [w for w, _ in jieba_tagged(text, hmm=False)]
    return any(w.endswith(thing) for w in words) or not any(thing in w for w in words)


def _concerns_subject(view: QuestionView, thing: str, texts: Sequence[str]) -> bool:
    """Whether a sentence of ``texts`` names the subject the question asks the thing of: what a follow-up
    newly named (`QuestionView.required`), else the question's heaviest noun among its focus terms other
    than the thing, or an official word for it (家长: 父母, 监护人)."""
    others = [(t, w) for t, w in view.focus.terms if t != thing and thing not in t and len(t) >= 2 and is_noun(t)]
    subject = [t for t in view.required if t != thing]
    if not subject and others:
        subject = [max(others, key=lambda tw: tw[1])[0]]
    if not subject:
        return True
    return any(term_coverage_with_synonyms(s, t) >= 1.0 for s in subject for t in texts)


# A sentence that says who bears a cost: by whom it is paid or borne (由…承担, 支付…费用), or that none is
# charged (免费, 免收, 不收取).
_BORNE = re.compile(
    r"由[^，。；：]{1,24}(?:承担|负担|支付|列支|支出|解决|补偿|补助|补贴|给予|缴纳|交纳|出资|拨付)"
    r"|(?:承担|负担|支付|缴纳|交纳|补偿|补助|补贴|拨付)[^，。；：]{0,12}(?:费|金|款|钱|资金)"
    r"|免费|免收|免予收取|不收|不得收取|减收|列入[^，。；：]{0,12}(?:预算|经费)"
)


# A sentence that speaks of a cost without naming what it pays for (所需费用, 经费, 资金), or of none (免费, 不收费).
_COST = re.compile(r"费|资金|款项|开支")


# A sentence that speaks of money: a fee, a price, a sum, pay, or its absence.
_MONEY = re.compile(r"费|钱|元|价|收取|有偿|无偿|报酬|酬金|资金|经费|补贴|补助|津贴|资助|工资|款")


def paid_things(view: QuestionView) -> list[str]:
    """What a question asks who pays for: its telling words (`_TELLING`) before the words that ask who pays, in
    their clause (差价由谁补 → 差价, 租车的钱由谁出 → 租车); none when it names only a cost (开销由谁负担)."""
    for clause in re.split(r"[，,。？?！!；;：:]", view.question):
        m = _PAYER_ASK.search(clause)
        if m is None:
            continue
        before = clause[: m.start()]
        return [
            t
            for t, _ in view.focus.terms
            if len(t) >= 2 and t in before and general_rarity(t) >= _TELLING and not _function_word(t)
        ]
    return []


def _payer_clauses(question: str) -> list[str]:
    """The parts of ``question``'s clauses that come before the words asking who pays (审计费由谁出 → 审计费)."""
    out = []
    for clause in _CLAUSE.split(question):
        m = _PAYER_ASK.search(clause)
        if m is not None:
            out.append(clause[: m.start()])
    return out


def _bears_asked_fee(text: str, asked: Sequence[str]) -> bool:
    """Whether a sentence saying who bears a cost may say it of one of the ``asked`` fees: the fees it names
    (`named_fees`) hold one of them (`same_fee`), or it names none and speaks of a cost (`_COST`)."""
    fees = named_fees(text)
    if fees:
        return any(same_fee(a, f) for a in asked for f in fees)
    return bool(_COST.search(text))


def named_fees(text: str) -> list[str]:
    """The fees ``text`` names by what they pay for: a word of three characters or more ending in 费 (审计费,
    社会保险费), or a noun or verb of two characters or more right before 费 or 费用 (评审 费, 检验费用). A bare
    费用, 所需费用 or a fee of one character before 费 (餐费, 收费, 免费: too short to tell a named fee from a verb
    of paying) names none."""
    words = jieba_tagged(text, hmm=False)
    out = []
    for i, (word, _) in enumerate(words):
        if len(word) >= 3 and word.endswith("费") and not word.endswith("收费"):
            out.append(word)
        elif word in ("费", "费用") and i > 0 and len(words[i - 1][0]) >= 2 and words[i - 1][1].startswith(("n", "v")):
            out.append(words[i - 1][0] + "费")
    return out


def same_fee(asked: str, named: str) -> bool:
    """Whether the fee ``named`` may be the ``asked`` one: the one's stem (审计 of 审计费) stands in the other, half
    the characters of the asked stem or more do (医药费 and 医疗费: `near_share`), or an official word says it."""
    a, n = asked[:-1], named[:-1]
    return a in named or n in asked or near_share(a, n) >= 0.5 or term_coverage_with_synonyms(asked, named) >= 1.0


# Where a question asks who pays: 谁 and what follows it, or a payer set against another (学校出还是家长出).
_PAYER_ASK = re.compile(r"由?谁|[是归][^，,。？?！!；;]{1,6}(?:出|付|掏|承担|负担)还是")


def unstated_payment(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why the chosen sentences do not answer a question about paying (`assistant.features.asks_payment`),
    '' when they do or it asks none. Asked who bears a cost (检验费归谁付, 是单位出还是个人出:
    `assistant.features.asks_payer`), one of them must say by whom it is paid or borne, or that none is
    charged (`_BORNE`); asked whether or what to pay (需另缴检测费吗), one of them or its passage must speak of
    money at all (`_MONEY`): an article that requires an appraisal says nothing of its fee."""
    if asks_payer(view.question):
        borne = [c for c in chosen if _BORNE.search(c.text)]
        # Asked who pays for a thing the question names (差价, 医药费, 租车的钱), a sentence that says who bears
        # another cost is no answer: one that says by whom must name it.
        paid = paid_things(view)
        # Asked who pays a fee the question names (审计费), a sentence on who bears another named fee (社会保险费)
        # says nothing of it: a sentence that names fees must name the asked one among them, and one that names
        # none must speak of a cost at all (所需费用由…承担, 免费): who pays a compensation or wages is not who pays it.
        asked = [f for clause in _payer_clauses(view.question) for f in named_fees(clause)]
        if asked:
            borne = [c for c in borne if _bears_asked_fee(c.text, asked)]
        if not borne or (paid and not any(stated(t, _setting(c.text, c.hit)) for c in borne for t in paid)):
            return "资料中没有写明由谁付费"
    # The passage counts: 复查不收费 may follow the sentence that requires the examination.
    if asks_payment(view.question) and not any(_MONEY.search(c.text) or _MONEY.search(c.hit.chunk.text) for c in chosen):
        return "资料中没有写明费用"
    return ""


# How many of a context's nouns `named_alike` compares (the first ones): a bound on what one ruling embeds.
_MAX_NOUNS = 48


def named_alike(term: str, context: str, similarity: Similarity, floor: float) -> bool:
    """Whether a noun of ``context`` (a dictionary word of two characters or more that jieba tags as a
    noun) is at least ``floor`` close in meaning to ``term``: the embedder's cosine of ``term`` as a query
    to each noun. Everyday words and the official words for the same thing (文凭 and 学历, 医生 and 医师)
    lie closer than words that merely share a topic."""
    return closest_noun(term, context_nouns(context)[:_MAX_NOUNS], similarity, floor) is not None


def alike_nouns(focus: Focus, text: str, similarity: Similarity, floor: float) -> dict[str, str]:
    """The nouns of ``focus`` (dictionary nouns of two characters or more) that ``text`` does not write,
    whole or as an official word, each with the noun of ``text`` closest to it in meaning when that one is
    at least ``floor`` close (the embedder's cosine, the question's noun as a query): 医生 → 医师."""
    nouns = context_nouns(text)[:_MAX_NOUNS]
    out: dict[str, str] = {}
    if not nouns:
        return out
    unwritten = [
        term
        for term, _ in focus.terms
        if len(term) >= 2 and is_noun(term) and term_coverage_with_synonyms(term, text) < 1.0
    ]
    prime(similarity, unwritten)  # the question's words embedded together, not one after another
    for term in unwritten:
        if (noun := closest_noun(term, nouns, similarity, floor)) is not None:
            out[term] = noun
    return out


def closest_noun(term: str, nouns: Sequence[str], similarity: Similarity, floor: float) -> str | None:
    """The one of ``nouns`` closest in meaning to ``term`` (the embedder's cosine, ``term`` as a query)
    when it is at least ``floor`` close; None otherwise or when there are none."""
    if not nouns:
        return None
    sims = [float(x) for x in similarity(term, nouns)]
    best = max(range(len(nouns)), key=sims.__getitem__)
    return nouns[best] if sims[best] >= floor else None


def context_nouns(text: str) -> list[str]:
    """The distinct nouns of ``text`` (jieba's n tags, vn and l not included), in order, as dictionary
    words of two characters or more made of Chinese characters."""
    return list(
        dict.fromkeys(
            w
            for w, f in jieba_tagged(text, hmm=False)
            if f.startswith("n") and len(w) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in w)
        )
    )


def _probability(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def unstated_kind(view: QuestionView, chosen: Sequence[Chosen], kinds: Sequence[str]) -> str:
    """Why the chosen sentences do not answer what is asked, when the question asks for one of
    ``kinds`` (an amount, a deadline) and none of them states such a thing: a sentence on the topic
    that does not state the amount asked for is no answer to it (资料只说要做检查，没说收多少钱). '' when
    they do, or the question asks for none of ``kinds``."""
    # A table row is read with each value beside its column's unit (金额（元）：6,800 states 6,800元).
    missing = [k for k in view.kinds if k in kinds and not any(kinds_stated((k,), figure_text(c.text, c.hit)) for c in chosen)]
    return f"资料中没有写明{kind_name(view, missing[0])}" if missing else ""


def unstated_reason(view: QuestionView, chosen: Sequence[Chosen]) -> str:
    """Why sentences on the topic do not answer, in words a user reads: the asked-for object they do not
    name, the kind of thing asked (a deadline, an amount) they do not state, or that they only touch the topic."""
    context = " ".join(context_of(c.text, c.hit, view.focus) for c in chosen)
    obj = view.object
    if obj and term_coverage_with_synonyms(obj, context) < 1.0:
        return f"资料中没有写明「{obj}」"
    missing = [k for k, _, _ in ASK_KINDS if k in view.kinds and not any(kinds_stated((k,), c.text) for c in chosen)]
    if missing:
        return f"资料中没有写明{kind_name(view, missing[0])}"
    return "资料中只有相关话题的内容，没有直接回答这个问题"


def refusal_reason(view: QuestionView, features: Sequence[float], chosen: Sequence[Chosen]) -> str:
    """Why the evidence does not answer the question, in words a user reads."""
    f = dict(zip(QUESTION_FEATURES, features, strict=True))
    focus: Focus = view.focus
    context = " ".join(context_of(c.text, c.hit, focus) for c in chosen)
    share, term = heaviest_missing(focus, context)
    if (f["unknown_share"] >= 0.3 or share >= 0.25) and term:
        return absent(term)
    if f["figure_asked_not_stated"] and focus.quantity is not None:
        return f"资料中没有写明所问的{_FIGURE_NAMES.get(focus.quantity.kind, '数字')}"
    if f["name_asked_not_stated"]:
        return "资料中没有写明人名"
    if f["kinds_missing_best"] > 0:
        missing = [
            k
            for k, _, _ in ASK_KINDS
            if k in view.kinds and not any(kinds_stated((k,), c.text) for c in chosen)
        ]
        if missing:
            return f"资料中没有写明{kind_name(view, missing[0])}"
    return "资料中只有相关话题的内容，没有直接回答这个问题"


def _role_said(column: str, question: str) -> bool:
    """Whether ``question`` says the name of ``column`` (its last level, without its unit)."""
    leaf = re.sub(r"[（(][^（）()]*[）)]$", "", column.rsplit("·", 1)[-1])
    return len(leaf) >= 2 and leaf in question


def _counts_in(name: str, measure: str, question: str) -> bool:
    """Whether column ``name`` keeps counts in the measure a question counts in (计划人数 in 人), so that
    the question asks that column's figure rather than a count of rows; 个 only when the question also
    names what the column counts (几个考场 of 考场数, 几个班 of 班级数, not 几个学校: `counts_named`)."""
    if not same_measure(column_unit(name), measure):
        return False
    thing = counted_thing(name)
    return measure != "个" or (bool(thing) and thing in question) or counts_named(question, name)
