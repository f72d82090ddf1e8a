"""The extractive answerer: the offline default, no LLM.

It picks the few sentences of the retrieved passages that answer the question, joins them in
reading order, cites each one, and refuses when the evidence does not cover the question.
"""

from __future__ import annotations

import copy
import math
import re
import time
from collections.abc import Callable, Sequence, Set
from dataclasses import dataclass, replace
from typing import Protocol

from assistant.cite import citation_for, section_at
from assistant.evidence import (
    Focus,
    count_lead,
    coverage,
    focus_of,
    has_number,
    is_noun,
    names_thing_or_time,
    states_span,
    unknown_share,
)
from assistant.features import (
    ASK_KINDS,
    Chosen,
    QuestionView,
    asks_permission,
    figure_text,
    next_in_paragraph,
    question_features,
    row_match,
    row_of,
    sentence_features,
    states_consequence,
    states_rule,
    view_of,
    with_gaps,
)
from assistant.features import asked_kinds as question_kinds
from assistant.judge import (
    EvidenceJudge,
    TableEvidence,
    TableRuling,
    Verdict,
    asks_span,
    defined_terms,
    definitions,
)
from assistant.lexicon import synonyms
from assistant.row_text import asked_cells, cell_lead
from assistant.similarity import Similarity
from assistant.sources import beside_our_own
from assistant.table import (
    PROSE_CELL,
    Fields,
    asked_column_unheld,
    asked_kinds,
    cjk_pairs,
    figure_name,
    figure_said,
    figure_with_unit,
    lacks_asked,
    listed_pairs,
    named_better_elsewhere,
    named_chars,
    place_words,
    pointing_words,
    position_named,
    rows_meant,
    rows_pointed,
    short_forms,
    sibling_words,
    spoken_nouns,
    subject_cell,
    subject_share,
    subjects_named,
    table_numbers_named,
    titled_names,
    weekday_words,
    weekdays_named,
)
from assistant.types import REFUSAL, Answer, Citation, Hit
from ingest.articles import LEADING_LABEL
from ingest.chunk import SECTION_SEP
from ingest.record import ORDINAL_COLUMNS, row_spans, row_tables
from ingest.role import stored_role
from ingest.types import Chunk

_FULL_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|\n|$)")
_CLAUSE = re.compile(r"[^；;]*(?:[；;]|$)")
_QUESTION_END = re.compile(r"[？?]+")
# Words of obligation or permission: a comma-clause that opens on one states what must or may be done.
_MODAL = re.compile(r"不得|不应|应当|可以|必须|禁止|严禁|不准|不予|有权|无权|无须")
_MODAL_OPENS = re.compile(rf"\s*(?:{_MODAL.pattern})")
_MODAL_SENTENCE = 40  # a sentence shorter than this is quoted whole
_MODAL_MIN = 8  # a clause shorter than this says too little on its own
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SIMILARITY_CHARS = 48  # a sentence is compared by meaning on its opening: cost grows with length; 48 was chosen on dev (96: same figures, answer p95 339 ms vs 241 ms)
# `_closest` compares a sentence's opening after its article label (第二十五条): each character costs the
# embedder about as much as the next, and the label says nothing of the meaning. 24 was chosen on dev with
# meaning_k 8 (python -m govdoc.blind_eval --split dev, key-point recall: 16: 0.664, 24: 0.696, 32: 0.675,
# 48: 0.675; 48 with the label: 0.679).
_MEANING_CHARS = 24
_MAX_LIST_CHUNKS = 3  # a list is followed into at most this many chunks
_SHORT_LIST = 4  # a list of at most this many items is quoted whole when one of its items is chosen (`_short_lists`)
_QUALIFIER = re.compile(r"^(?:但是|但|不过|然而)[，,]?")
_ITEM = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]|[①②③④⑤⑥⑦⑧⑨⑩])")
_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'（）()《》]")


class TermStats(Protocol):
    """Corpus statistics the answerer weighs words by (the BM25 side of the index)."""

    def idf(self, token: str) -> float: ...

    def df(self, token: str) -> int: ...


@dataclass(frozen=True)
class ExtractiveSettings:
    """How much an answer quotes; whether it answers at all is the judge's ruling."""

    max_sentences: int = 3
    max_list_sentences: int = 6
    max_chars: int = 420
    max_list_chars: int = 800
    keep_ratio: float = 0.75  # further sentences need this share of the best sentence's probability
    # A question that asks several things is refused whole when its first part, the thing asked, is: the
    # later parts follow from it (…每月补贴几何？由谁发放？), and an answer to them alone reads as an answer.
    first_part_leads: bool = True


@dataclass(frozen=True)
class Candidate:
    hit: Hit
    start: int  # offsets inside the chunk text
    end: int
    text: str
    score: float  # the judge's probability that this sentence states what is asked
    logit: float = 0.0
    features: tuple[float, ...] = ()
    cosine: float | None = None  # meaning similarity to the question, for the best few
    lexical_logit: float = 0.0  # the first stage's score, before the meaning similarity
    row: tuple[tuple[str, str], ...] = ()  # (column, value) pairs when the candidate is a whole table row


_Row = tuple[Hit, int, int, list[tuple[str, str]]]  # a table row: its passage, offsets there, (column, value) pairs


@dataclass(frozen=True)
class Assessment:
    """The judge's view of one part of a question: its candidates, the chosen sentences, the ruling."""

    part: str
    view: QuestionView
    candidates: tuple[Candidate, ...]  # best first
    chosen: tuple[Candidate, ...]
    features: tuple[float, ...]  # the question features the ruling was made on
    verdict: Verdict


def candidate_spans(text: str, split_clauses: bool) -> list[tuple[int, int]]:
    """Full sentences of a chunk (split at 。！？ and line ends), plus ；-clauses of long ones, and the
    clauses of either that open on a word of obligation or permission after a comma (`_modal_spans`)."""
    spans: list[tuple[int, int]] = []
    for m in _FULL_SENTENCE.finditer(text):
        a, b = _strip(text, m.start(), m.end())
        if b <= a:
            continue
        spans.append((a, b))
        if not split_clauses:
            continue
        clauses = [(a, b)]
        if b - a > 120:
            for c in _CLAUSE.finditer(text, a, b):
                ca, cb = _strip(text, c.start(), c.end())
                if cb > ca and (ca, cb) != (a, b) and cb - ca >= 12:
                    spans.append((ca, cb))
                    clauses.append((ca, cb))
        spans += [s for ca, cb in clauses for s in _modal_spans(text, ca, cb) if s not in spans]
    return spans


def _modal_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The clauses of ``text[a:b]`` that a comma opens on a word of obligation or permission (…，不得以
    介绍工作为名收取费用，…), each running on through the comma-clauses after it up to one that states
    an obligation or permission of its own: what must, may or may not be done, stated on its own inside a
    long sentence. None for a short sentence."""
    if b - a < _MODAL_SENTENCE:
        return []
    commas = [m.start() for m in re.finditer(r"[，,]", text[a:b])]
    pieces = [(a + s + 1, a + e) for s, e in zip([-1, *commas], [*commas, b - a], strict=True)]
    out = []
    for n, (s, _) in enumerate(pieces):
        if n == 0 or not _MODAL_OPENS.match(text, s):
            continue
        end = next((pa - 1 for pa, pb in pieces[n + 1 :] if _MODAL.search(text, pa, pb)), b)
        ca, cb = _strip(text, s, end)
        if cb - ca >= _MODAL_MIN and (ca, cb) != (a, b):
            out.append((ca, cb))
    return out


def meaning_opening(sentence: str) -> str:
    """What `ExtractiveAnswerer._closest` compares with the question by meaning: the sentence's first
    `_MEANING_CHARS` characters after its article label."""
    return LEADING_LABEL.sub("", sentence)[:_MEANING_CHARS]


def unit_spans(chunk: Chunk, split_clauses: bool) -> list[tuple[int, int]]:
    """`candidate_spans` of a chunk, where a table row is one unit: the whole row, never a piece of it.

    The line just above a table that speaks of a table (见下表, 如下表, 附表) is its lead: it points at
    the rows and states nothing itself, so it is no candidate.
    """
    text = chunk.text
    rows = row_spans(chunk.extra)
    if not rows:
        return candidate_spans(text, split_clauses)
    taken = list(rows)
    for a, _ in rows:
        if a == 0 or any(b == a - 1 for _, b in rows):
            continue  # the chunk opens with this row, or another row is right above it
        lead = text.rfind("\n", 0, a - 1) + 1
        if "表" in text[lead : a - 1]:
            taken.append((lead, a - 1))
    inside = [s for s in candidate_spans(text, split_clauses) if not any(a < s[1] and s[0] < b for a, b in taken)]
    return sorted([*inside, *rows])


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _bigrams(text: str) -> set[str]:
    t = _PUNCT.sub("", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


# When a document takes effect, asked in any words (从哪天起实行, 什么时候开始执行, 施行日期), and the clause
# that says it (本法自…起施行, 本办法自…起实施).
_ASKS_EFFECT = re.compile(
    r"(?:哪一?天|哪一?年|什么时候|何时|几月|几号|日期)[^，。？！?!]{0,8}(?:施行|实行|执行|实施|生效)"
    r"|(?:施行|实行|执行|实施|生效)(?:的)?(?:日期|时间)"
)
_EFFECT_CLAUSE = re.compile(r"自[^。；，]{2,24}?起(?:施行|实行|实施|生效)")
# A question whether a thing counts as a kind (算不算, 属不属于, 是不是…的) or what a term means (怎么界定, 指什么,
# 什么叫) is answered by the term's definition.
_ASKS_MEANING = re.compile(
    r"算不算|算是|属不属于|属于不属于|是不是|界定|定义|含义|意思|指什么|指的是|是指|什么叫|什么是|何谓"
)
# The definitions of a document added to what was found for one question, at most.
_MAX_DEFINITIONS = 2
# An article's own label (第三十一条 at a line's start) and an article that names another by its number as the rule
# it enforces (违反本法第三十一条第一款规定的，…处…罚款; 不履行本法第三十八条规定的…义务的).
_ARTICLE_LABEL = re.compile(r"^\s*第([一二三四五六七八九十百零〇]+)条", re.M)
_BREACH_OF = re.compile(r"(?:违反|不履行|未履行)本(?:法|条例|规定|办法|细则)(?:第[一二三四五六七八九十百零〇]+条(?:第[一二三四五六七八九十]+款)?[、和及]?)+")
_BREACHED = re.compile(r"第([一二三四五六七八九十百零〇]+)条")
# The passages added for one question because they enforce an article found, at most.
_MAX_ENFORCING = 2
# The passages added for one question because they state the rules of a term whose kind the question names, at most.
_MAX_KIND_RULES = 3


# What separates the items of a definition's list of kinds, and a note in brackets after an item (压力容器（含气瓶）).
_LIST_SEPARATORS = re.compile(r"、|，|,|以及|或者|和|及|等")
_BRACKETED = re.compile(r"[（(][^）)]*[）)]")


def _listed_items(covers: str, term: str) -> set[str]:
    """The items a definition lists as kinds of its ``term`` (锅炉, 压力容器, 电梯 of 对人身…有较大危险性的锅炉、压力容器
    （含气瓶）、…电梯…以及…其他特种设备), each without the words that qualify it before its last 的: the list after
    包括, or one that ends on the term itself (…其他特种设备, …等特种设备). A list inside what the definition says of its
    term (是指志愿者、志愿服务组织…提供的公益服务) names who does it, not kinds of it."""
    at = max(covers.rfind("包括"), covers.rfind("包含"))
    if at >= 0:
        covers = covers[at + 2 :]
    elif not covers.rstrip().endswith(term):
        return set()
    items = (_BRACKETED.sub("", piece).strip() for piece in _LIST_SEPARATORS.split(covers))
    return {item.rsplit("的", 1)[-1] for item in items if item}


def _definition_first(question: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (best first), led by the definition of a term the question names when it asks what the term
    covers (教学楼算不算噪声敏感建筑物: （三）噪声敏感建筑物，是指用于…文化教育…的建筑物; `_ASKS_MEANING`): a rule
    that writes the term more often says what follows for it, not what it is. It takes the best score, and the
    judge still rules on it."""
    if not cands or not _ASKS_MEANING.search(question):
        return cands
    named = [c for c in cands if any(t in question for t, _ in defined_terms(c.text))]
    if not named:
        return cands
    # Of several terms named (噪声, 噪声污染), the longest one says most of what is asked.
    best = max(named, key=lambda c: max(len(t) for t, _ in defined_terms(c.text) if t in question))
    if best is cands[0]:
        return cands
    return [replace(best, score=cands[0].score, logit=cands[0].logit), *(c for c in cands if c is not best)]


def _effect_first(question: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` (best first), led by the one that says when its document takes effect (本法自…起施行) when the
    question asks that (`_ASKS_EFFECT`): the clause names its document only as 本法, so it shares few of the
    question's words, yet it is the answer. It takes the best score, and the judge still rules on it."""
    if not cands or not _ASKS_EFFECT.search(question):
        return cands
    clause = next((c for c in cands if _EFFECT_CLAUSE.search(c.text)), None)
    if clause is None or clause is cands[0]:
        return cands
    return [replace(clause, score=cands[0].score, logit=cands[0].logit), *(c for c in cands if c is not clause)]


def _rule_led(question: str, chosen: Sequence[Candidate]) -> frozenset[int]:
    """The ids of the chosen sentences that lead the answer: the sentence that states the rule (不得, 禁止,
    可以, 应当: `states_rule`), with the items it opens, when ``question`` asks whether a thing may be done
    (`asks_permission`) and the answer would open with what follows a breach (`states_consequence`: 由…责令
    改正, its items) — the rule answers, the penalty article only follows from it. None otherwise. Which
    sentences are quoted is not changed, only their order."""
    ordered = _reading_order(chosen)
    if not ordered or not asks_permission(question) or not states_consequence(ordered[0].text, ordered[0].hit):
        return frozenset()
    at = next((i for i, c in enumerate(ordered) if not c.row and states_rule(c.text, c.hit)), None)
    if at is None:
        return frozenset()
    rule, end = ordered[at], at + 1
    if rule.text.rstrip().endswith(("：", ":")):
        # The items a list lead brought (`_with_items`) follow it, from its document.
        while end < len(ordered) and ordered[end].hit.chunk.doc_id == rule.hit.chunk.doc_id and _ITEM.match(ordered[end].text):
            end += 1
    return frozenset(id(c) for c in ordered[at:end])


def _samples_on_the_point(focus: Focus, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` (best first) without the sentences of another unit's report (role ``sample``) that write less of
    the question than the best sentence does, when that one is of any other role (a rule, our own material). A
    sample's sentence quoted on a few general words of the question (学校, 活动, 提供 of …聋哑学生集中参加的活动，需要
    提供什么服务) states that unit's facts (党建工作经费占公用经费的2%), not what was asked."""
    if len(chosen) < 2 or stored_role(chosen[0].hit.chunk) == "sample":
        return chosen
    best = coverage(focus, chosen[0].text)
    return [c for c in chosen if stored_role(c.hit.chunk) != "sample" or coverage(focus, c.text) >= best]


def _definition_led(question: str, chosen: Sequence[Candidate]) -> frozenset[int]:
    """The ids of the chosen sentences that lead the answer when ``question`` asks what a term it names covers
    (`_ASKS_MEANING`): the term's definition (`_definition_first`), after the lead of the list of terms it is an
    item of (本法中下列用语的含义：). None otherwise. Which sentences are quoted is not changed, only their order."""
    if not _ASKS_MEANING.search(question):
        return frozenset()
    best = _definition_first(question, list(chosen))
    head = best[0] if best else None
    if head is None or not any(t in question for t, _ in defined_terms(head.text)):
        return frozenset()
    if _reading_order(chosen)[0].hit.chunk.section == head.hit.chunk.section:
        return frozenset()  # its article is read first already: its sentences stay in their own order
    leads = [
        c
        for c in chosen
        if c.hit is head.hit and c.end <= head.start and c.text.rstrip().endswith(("：", ":"))
    ]
    return frozenset(id(c) for c in [*leads[-1:], head])


def _best_article_first(chosen: Sequence[Candidate]) -> frozenset[int]:
    """The ids of the chosen sentences that lead the answer: those in the law article of the best one
    (``chosen[0]``) when another article comes before it in reading order (the article that answers is read
    first, its sentences in their own order), or the best sentence alone when an earlier sentence of its own
    article comes first and it stands on its own. None when the best sentence stands in no article, or
    already comes first."""
    if len(chosen) < 2:
        return frozenset()
    ordered = _reading_order(chosen)
    best = chosen[0]
    where = _article_of(best)
    # Only a sentence that stands on its own leads (no 其中/但是 leaning on the one before, no item of a list,
    # no list's lead): 网络游戏服务提供者不得在每日二十二时至次日八时… before 国家建立…认证系统. An item that scores best
    # (（三）学生欺凌，是指…) is read where its list stands, after the rule that answers.
    alone = not (_LEANS.match(best.text) or _ITEM.match(best.text) or best.text.rstrip().endswith(("：", ":")))
    if not where[1] or ordered[0] is best or not alone:
        return frozenset()
    if _article_of(ordered[0]) != where:
        return frozenset(id(c) for c in ordered if _article_of(c) == where)
    return frozenset({id(best)})


# What opens a sentence that leans on the one before it (其中…, 但是…, 前款…, 该…).
_LEANS = re.compile(r"\s*(?:其中|其余|并且?|且|但是?|同时|此外|另外|前款|上述|该|其|此|对此|为此|否则)")


def _article_of(c: Candidate) -> tuple[str, str]:
    """The document and the law article (第X条) a candidate stands in; the label is empty outside articles."""
    parts = section_at(c.hit, c.start).split(SECTION_SEP)
    label = next((p for p in reversed(parts) if LEADING_LABEL.match(p) and "～" not in p), "")
    return c.hit.chunk.doc_id, label


def _reading_order(chosen: Sequence[Candidate]) -> list[Candidate]:
    """``chosen`` as an answer quotes them: by the rank of their passage, then where they stand in it."""
    return sorted(chosen, key=lambda c: (c.hit.rank, c.hit.chunk.start + c.start))


def _redundant(a: str, b: str) -> bool:
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return False
    return len(x & y) / min(len(x), len(y)) > 0.6


class ExtractiveAnswerer:
    """Answers from retrieved passages by selecting and citing their sentences."""

    def __init__(
        self,
        stats: Callable[[], TermStats],
        judge: EvidenceJudge,
        settings: ExtractiveSettings | None = None,
        following: Callable[[Chunk], Chunk | None] | None = None,
        similarity: Similarity | None = None,
        document: Callable[[str], Sequence[Chunk]] | None = None,
    ) -> None:
        """
        Args:
            stats: corpus statistics (the index's BM25 side), fetched per answer.
            judge: scores sentences and rules whether they answer.
            settings: how much an answer quotes.
            following: the chunk after a given one in its document (None at the end); lets a list
                whose lead line was chosen bring items that the chunker put in the next chunk.
            similarity: cosine similarity of a question to each of some sentences (the index's
                embedder); without it the judge uses its models that do without.
            document: the chunks of a document, in order; lets a question about a whole table (a
                count, a total, the last row) see every row of it, not only the rows of the passages found.
        """
        self.stats = stats
        self.judge = judge
        self.settings = settings or ExtractiveSettings()
        self.following = following
        self.similarity = similarity
        self.document = document

    def weighing(self, stats: Callable[[], TermStats]) -> ExtractiveAnswerer:
        """The same answerer with the question's words weighed and looked up by ``stats`` (those of the
        documents an asker may read, so that no refusal hints at what another knowledge base holds)."""
        other = copy.copy(self)
        other.stats = stats
        return other

    def answer(self, question: str, hits: Sequence[Hit], required: Sequence[str] = ()) -> Answer:
        """An answer with one citation per quoted span, or the refusal phrase.

        Args:
            question: the question, standing alone.
            hits: the passages retrieved for it.
            required: things an answer must state (what a follow-up newly named,
                `assistant.followup.Resolved.new_terms`); the judge refuses when no sentence states them.
        """
        return self.answer_assessed(question, hits, required)[0]

    def answer_assessed(
        self, question: str, hits: Sequence[Hit], required: Sequence[str] = (), answers_only: bool = False
    ) -> tuple[Answer, list[Assessment]]:
        """`answer`, with the judge's assessment of each part of the question it was built from.

        ``answers_only``: the caller reads the answer only when it is not refused (and then the assessments
        too): a refusal's reasons, which the judge's gate may compare meanings (embed nouns) for, are not
        sought for a part the judge's models refuse whatever the gate finds (`EvidenceJudge.may_answer`).
        When another part answers, the question is assessed again in full, so an answer is the same either way.
        """
        t0 = time.perf_counter()
        deeper = [h for h in hits if h.deeper]
        stats = self.stats()
        hits = self._with_effect_clause(question, [h for h in hits if not h.deeper])
        read: dict[str, list[Chunk]] = {}  # the found documents' chunks, read once for the three scans below
        asked_focus = focus_of(question, stats.idf)  # the question as asked, for the definitions and the kinds
        hits = self._with_definitions(question, hits, asked_focus, read)
        hits = self._with_enforcing(question, hits, read)
        hits, kinds = self._with_kind_rules(question, hits, asked_focus, read)
        tables = self._tables(hits)
        asked = question
        # 电梯 of a regulation on 特种设备 that lists 电梯 among them: the question is read in the regulation's term.
        for kind, term in kinds:
            question = question.replace(kind, term)
        # 马组长 of a table whose 组长 column holds 马国强: the row is named as by the full name.
        question = titled_names(question, [fields for rows in tables for *_, fields in rows])
        # 七八年级 of a table that lists 七、八年级: the row is named as by its own words.
        question = listed_pairs(question, [fields for rows in tables for *_, fields in rows])
        # 本子费, 学校的车 of a table that writes 作业本费 and 校车: the row is named as by its own words.
        question = spoken_nouns(question, [fields for rows in tables for *_, fields in rows])
        focus = focus_of(question, stats.idf)
        whole = self._whole_table(question, hits, tables, focus)
        if whole is not None and deeper:
            # A count of a table is taken among the tables of the passages ranked below too (`Hit.deeper`):
            # the value counted (白沙镇) stands in several tables, and the one the question names best by its
            # title and columns (清单, 考试科目) may rank below the first passages.
            whole = self._whole_table(question, hits, self._tables([*hits, *deeper]), focus) or whole
        if whole is not None:
            text, citations, passages = whole
            return Answer(asked, text, False, True, tuple(citations), passages, {"answer": _ms(t0)}), []
        rows_of = [[fields for *_, fields in rows] for rows in tables]
        tied = self.judge.tables_tied(question, rows_of, _table_names(tables))
        if tied:
            # 预算表第三行 of several budget tables named alike: which one is the user's to say.
            ask = _which_table([tables[t] for t in tied])
            return Answer(asked, ask, True, False, (), tuple(hits), {"answer": _ms(t0)}, (ask,)), []
        chosen: list[Candidate] = []
        unanswered: list[str] = []
        reasons: list[str] = []
        # A question that asks two things (…多久开一次？开会前多久通知？) is answered part by part: each
        # part brings its own evidence and is refused on its own, so one unsupported part neither
        # sinks the other nor borrows its evidence.
        assessments = self.assess(question, hits, stats, tables, required, answers_only)
        if answers_only and len({a.verdict.decision for a in assessments}) > 1:
            assessments = self.assess(question, hits, stats, tables, required)  # a partial answer says why
        refused = []
        for assessment in assessments:
            if assessment.verdict.decision == "refuse":
                refused.append(assessment)
                continue
            chosen += [c for c in assessment.chosen if not any(_overlaps(c, x) for x in chosen)]
        all_rows = [r[3] for rows in tables for r in rows]
        for assessment in refused:
            # 谁负责验收？要求哪天之前交齐？ asks the second thing of the row the first part found: that row
            # answers it when it holds what is asked and the part names no other row.
            if any(_row_answers(assessment.part, c.row, all_rows) for c in chosen if c.row):
                continue
            # …就算噪声污染？法律上怎么界定的？ asks again what the definition quoted for the first part says.
            if _ASKS_MEANING.search(assessment.part) and any(t in question for c in chosen for t, _ in defined_terms(c.text)):
                continue
            # …多长时间内会上门检查？查出问题怎么罚？ asks the penalty the sentences quoted for the first part state.
            if _penalty_quoted(assessment.part, chosen):
                continue
            unanswered.append(assessment.part)
            reasons.extend(assessment.verdict.reasons)
        if self.settings.first_part_leads and len(assessments) > 1 and assessments[0].part in unanswered:
            chosen = []
        chosen = [c for c, kept in zip(chosen, beside_our_own([c.hit for c in chosen]), strict=True) if kept]
        chosen = _samples_on_the_point(focus, chosen)
        if not chosen:
            refusal = Answer(
                asked, REFUSAL, True, False, (), tuple(hits), {"answer": _ms(t0)}, tuple(reasons[:1])
            )
            return refusal, assessments
        text, citations = self._compose(chosen, _rule_led(question, chosen) or _definition_led(question, chosen) or _best_article_first(chosen))
        # The cells asked are said before the rows that hold them are quoted (联系电话为664210。).
        lead = _place_source(question, chosen, tables) + cell_lead(question, [c.row for c in chosen if c.row])
        # 分为几个层次 answered by 分为甲、乙和丙: the count the list gives is said first (共三个：).
        text = (lead or count_lead(question, text)) + text
        if unanswered:
            text += "\n关于" + "、".join(f"“{p}”" for p in unanswered) + "，资料中未找到直接对应的内容。"
            notes: tuple[str, ...] = tuple(reasons)
        else:
            notes = ()
        # Chunks a list was followed into are passages of the answer too (the sources panel shows them).
        retrieved = {h.chunk.id for h in hits}
        followed = {c.hit.chunk.id: c.hit for c in chosen if c.hit.chunk.id not in retrieved}
        passages = (*hits, *followed.values())
        answer = Answer(asked, text, False, True, tuple(citations), passages, {"answer": _ms(t0)}, notes)
        return answer, assessments

    def assess(
        self,
        question: str,
        hits: Sequence[Hit],
        stats: TermStats | None = None,
        tables: Sequence[list[_Row]] | None = None,
        required: Sequence[str] = (),
        answers_only: bool = False,
    ) -> list[Assessment]:
        """The judge's view of each part of ``question`` (one part unless it asks several things).

        ``required`` are things an answer must state (see `answer`): each part requires those it names
        (the first part also those no part names), and a sentence that does not state them is no
        candidate (`EvidenceJudge.states_required`).

        The rows of the tables found (``tables``, from `_tables` when not given) are units: a row the
        question points at by a day, a whole short cell or its place (`assistant.table.rows_pointed`)
        is a candidate even when its passage was not found, and leads the others.
        """
        stats = stats or self.stats()
        dense_seen = any(h.dense_score is not None for h in hits)
        tables = self._tables(hits) if tables is None else tables
        place = {_at(h, a): (t, i) for t, rows in enumerate(tables) for i, (h, a, _, _) in enumerate(rows)}
        pointed: set[tuple[int, int]] = set()
        places: list[tuple[int, int]] = []
        table_names = _table_names(tables)
        for t, table in enumerate(tables):
            at, how = rows_pointed(question, [r[3] for r in table], table_names[t])
            if how == "place":
                places += [(t, i) for i in at]
            else:
                pointed |= {(t, i) for i in at}
        if places:
            # 第3项 points into one table: the one the question names best by its columns (…由哪个科室经办
            # → 经办科室) and its document (读书节预算表第一行), the best ranked of those that tie.
            order = self.judge.table_order(question, [[r[3] for r in rows] for rows in tables], _table_names(tables))
            pointed.add(min(places, key=lambda p: order.index(p[0])))
        placed = bool(places)
        # Rows named by their subject cell (硒鼓, 安全稳定科) or pointed at (10月3日): another row of their
        # table is not the one asked of.
        by_subject = {(t, i) for t, rows in enumerate(tables) for i in subjects_named(question, [r[3] for r in rows])}
        parts = _part_foci(question, stats.idf)
        # A row named in other words (电子放大镜 of 数码显微镜) when no row of any table found is named or pointed at
        # otherwise: pointed at by meaning, the words that name it set aside as the pointing words are. A row
        # another table names in the question's own words (住宿费) is the one asked of, not a row alike in meaning.
        meant_words: dict[tuple[int, int], tuple[str, ...]] = {}
        words_name = bool(pointed or by_subject or placed)
        margin = self.judge.row_meaning(dense_seen) if self.similarity is not None and not words_name else None
        if margin is not None and self.similarity is not None:
            # The nouns that would turn a row down (`Gate.names_row`: a noun no row writes, of this share of
            # the question or more) must each name the row meant.
            missing = self.judge.gate.row_missing
            terms = [t for _, f, _ in parts for t, w in f.terms if is_noun(t) and w / (f.total or 1.0) >= missing]
            chars = self.judge.gate.row_meaning_chars
            whole = [u for u, rows in enumerate(tables) if any(all(w in _short_cells(r[3]) for w in terms) for r in rows)]
            for t, table in enumerate(tables):
                if terms and any(u != t for u in whole):
                    # A row of another table writes every word (校车 and 学期 of a fee list's 校车接送费, 生·学期):
                    # the question names that row in its own words, and no row of this table by meaning.
                    continue
                at, words = rows_meant(question, terms, [r[3] for r in table], self.similarity, margin, chars)
                meant_words.update({(t, i): words for i in at})
        pointed |= set(meant_words)
        # The columns and rows of every table found: a row answers only for the column its header names
        # (`asked_column_unheld`) and when no other row is named by more of the question's words.
        headers = tuple(_columns(rows) for rows in tables)
        every_row = [r[3] for rows in tables for r in rows]
        position = position_named(question)
        pointers = tuple(
            dict.fromkeys(
                [
                    *(position[1:] if placed and position else ()),
                    *(w for t, i in sorted(pointed) for w in pointing_words(question, tables[t][i][3])),
                    *(w for words in meant_words.values() for w in words),
                ]
            )
        )

        # A table row's cell may hold a question's word as a short form (特教 in 特殊教育学校).
        rows = [f for h in hits for a, b in row_spans(h.chunk.extra) if (f := row_of(h.chunk.text[a:b], h.chunk))]

        def known(term: str) -> bool:
            return (
                stats.df(term) > 0
                # 老师 where the documents write 教师: the index holds the thing under its official word.
                or any(stats.df(official) > 0 for official in synonyms().get(term, ()))
                or any(term in h.chunk.text for h in hits)
                or any(short_forms([term], f) for f in rows)
            )

        out = []
        first_answered: set[tuple[str, str]] = set()  # the sentences (chunk id, text) the first part was answered by
        unplaced = [t for t in required if not any(t in p for p, _, _ in parts)]
        for n, (part, focus, own) in enumerate(parts):
            needed = tuple(t for t in required if t in part) + (tuple(unplaced) if n == 0 else ())
            view = view_of(part, focus, needed)
            found = [c for c in self._candidates(part, view, hits, dense_seen) if self.judge.states_required(view, c.text, c.hit, self.similarity, dense_seen)]
            top = found[0] if found else None
            seen = {_at(c.hit, c.start) for c in found if c.row}
            for t, i in sorted(pointed):
                hit, a, b, fields = tables[t][i]
                if _at(hit, a) not in seen and top is not None:
                    # A row pointed at (最后一天) may stand in a passage not found: it is read from its table.
                    text = hit.chunk.text[a:b]
                    found.append(Candidate(hit, a, b, text, top.score, top.logit, top.features, None, top.logit, tuple(fields)))
            cands: list[Candidate] = []
            unnamed: set[tuple[int, int]] = set()
            lead: list[Candidate] = []
            named_rows: list[Candidate] = []  # rows that name what is asked, though another may name it better
            for c in found:
                where = place.get(_at(c.hit, c.start)) if c.row else None
                if not c.row:
                    cands.append(c)
                    continue
                names = self.judge.names_row(
                    view.focus,
                    c.row,
                    c.hit.chunk,
                    part,
                    question,
                    where in pointed,
                    where is not None
                    and where not in by_subject | pointed
                    and any(t == where[0] for t, _ in by_subject | pointed),
                    meant_words.get(where, ()) if where is not None else (),
                    sibling_words(part, [t for t, _ in view.focus.terms], c.row, [r[3] for r in tables[where[0]]])
                    if where is not None
                    else (),
                    where in by_subject,
                )
                if names and not asked_column_unheld(part, c.row, headers):
                    named_rows.append(c)
                if names and not self._other_row_asked(part, question, c.row, headers, every_row, where in pointed):
                    if where in pointed and top is not None:
                        lead.append(replace(c, score=max(c.score, top.score), logit=max(c.logit, top.logit)))
                    else:
                        cands.append(c)
                elif where is not None:
                    unnamed.add(where)
            # A row pointed at by a cell (临江小学) that a row of another table holds too, where the
            # question names that row by its subject as well (临江小学岑立言: a person it lists), is
            # named by fewer of the question's words: it leads no more, and competes as any row does.
            subject_rows = [
                c for c in cands if c.row and place.get(_at(c.hit, c.start)) in by_subject
            ]
            demoted = [
                c
                for c in lead
                if (by_cell := pointing_words(question, c.row))
                and any(
                    _table_of(d) != _table_of(c) and all(any(w in v for _, v in d.row) for w in by_cell)
                    for d in subject_rows
                )
            ]
            if demoted:
                lead = [c for c in lead if c not in demoted]
                cands = [*cands, *demoted]
            naming: dict[tuple[str, str] | None, tuple[int, int]] = {}
            if lead and any(c.row and _table_of(c) != _table_of(lead[0]) for c in [*lead, *cands]):
                # Rows pointed at (星期四下午) while rows of other tables are found too (a 课程表 beside an exam
                # schedule): the table the question names best by its columns and title (考 of 考试科目) is
                # the one asked of.
                for t, table in enumerate(tables):
                    if table:
                        key = _table_key(table[0][0].chunk, table[0][1], table[0][2])
                        naming[key] = self.judge.table_naming(question, [r[3] for r in table], table_names[t])
                # Tables named alike are told apart by how much of the question names their rows: of
                # 周四上午最末一节, 上午 (a cell) and 周四 (a column) name a row of a 课程表, 周四 alone one of a menu.
                pointing = {
                    _table_of(c): max((_pointed_chars(question, d.row) for d in lead if _table_of(d) == _table_of(c)), default=0)
                    for c in lead
                }
                ranks = {id(c): (*naming.get(_table_of(c), (0, 0)), pointing[_table_of(c)]) for c in lead}
                best_rank = max(ranks.values())
                lead = [c for c in lead if ranks[id(c)] == best_rank]
            pointed_tables = {_table_of(c) for c in lead}
            cands = [c for c in cands if not c.row or _table_of(c) not in pointed_tables]
            if lead and (asked_kinds(part) or placed):
                # The row the question points at holds the kind of thing asked (names_row checked it), or
                # is named by its place in the table (第二行是什么): it is the answer, and sentences
                # around the table only pose as one.
                cands = [c for c in cands if c.row]
            cands = [*lead, *_named_rows(question, cands, [t for t, _ in view.focus.terms])]
            if not placed:  # a row named by its place (第二行) comes from the table the question names
                kept = _whole_named(question, cands)
                others = [naming.get(_table_of(c), (0, 0)) for c in kept if c.row and _table_of(c) not in pointed_tables]
                if naming and lead and max(others, default=(0, 0)) < naming.get(_table_of(lead[0]), (0, 0)):
                    # The rows pointed at stand in the table named best: rows of other tables, though their
                    # cells hold more of the question's words (下午 of a 课程表), are not asked of.
                    kept = [*lead, *(c for c in kept if not c.row or _table_of(c) in pointed_tables)]
                cands = list(dict.fromkeys(kept))
            evidence = TableEvidence(
                tuple(tuple(r[3] for r in rows) for rows in tables),
                frozenset(unnamed),
                pointers if lead else (),
                frozenset(pointed),
                _table_names(tables),
            )
            picked = self._select(view.focus, cands)
            picked += _twin_rows(question, picked, named_rows)
            judged = view_of(part, own, needed) if own.terms else view
            # A later part judged by its own words still continues the first part's topic (…灭火器多久换一次？
            # 有效期是几年？ asks the 有效期 of the 灭火器): its evidence must stand in passages on that topic. The
            # sentences the first part was answered by are on it, by the judge's own ruling (…放广告，违法吗？会怎么罚？
            # of an article that forbids the act and fines it).
            earlier = view_of(parts[0][0], parts[0][2]) if n and own.terms else None
            # When the caller reads no refusal (see `answer_assessed`), a part that cannot answer is refused
            # without the reasons the gate would give.
            features, verdict = self._rule_on(
                judged, picked, cands, hits, known, evidence, dense_seen, earlier, answers_only=answers_only,
                settled=first_answered,
            )
            # The learned sentence model's pick is one of a few (`_learned_few`); choosing among them by
            # meaning embeds them, so it is done only when the pick could change the answer.
            few = self._learned_few(cands, dense_seen)
            if verdict.decision == "answer":
                # The hand-set score favours sentences that repeat the question's words; a question in
                # everyday words is answered by one in the text's own (多久能拿到证书: 证书自考核结束之日起三十日内发放). Of the
                # hand-set score's best few, the one closest in meaning to the question is quoted too, where
                # it adds to the pick; without such few, the learned sentence model's pick is.
                closest = self._meaning_few(cands, dense_seen)
                if closest:
                    if any(_adds_to(c, picked) for c in closest):
                        picked = self._second_opinion(self._closest(part, closest), picked)
                elif any(_adds_to(c, picked) for c in few):
                    picked = self._second_opinion(self._learned_pick(part, few), picked)
                # Asked whether a thing may be done, or whether a rule holds in a special case too, the answer
                # is the rule of that kind (不得…, …除外): quoted too when the pick states none.
                extra = self.judge.rule_kind_pick(part, _chosen(picked), _chosen(cands))
                if extra is not None and _adds_to(cands[extra], picked):
                    picked = self._second_opinion(cands[extra], picked)
            else:
                # The hand-set pick falls short of the gate: the learned pick, when it is no table row,
                # faces the same gate. The gate reads words, not meaning, so each of the few is put to it first.
                # Only an answering ruling is used, so none needs a refusal's reasons (``answers_only``).
                rulings = {}
                for c in few:
                    if not c.row:
                        alt = _with_time_limit(view.focus, self._with_items(self._with_list_leads([c]), [c]))
                        ruled = self._rule_on(
                            judged, alt, cands, hits, known, evidence, dense_seen, earlier, answers_only=True,
                            settled=first_answered,
                        )
                        if ruled[1].decision == "answer":
                            rulings[id(c)] = (alt, *ruled)
                if rulings:
                    ruling = rulings.get(id(self._learned_pick(part, few)))
                    if ruling is not None:
                        picked, features, verdict = ruling
            out.append(Assessment(part, judged, tuple(cands), tuple(picked), tuple(features), verdict))
            if n == 0 and verdict.decision == "answer":
                first_answered = {(c.hit.chunk.id, c.text) for c in picked}
        return out

    def best_span(self, claim: str, hit: Hit) -> tuple[int, int]:
        """The sentence of ``hit`` that best supports ``claim`` (used to quote LLM citations)."""
        focus = focus_of(claim, self.stats().idf)
        spans = candidate_spans(hit.chunk.text, split_clauses=True)
        if not spans:
            return 0, len(hit.chunk.text)
        return max(spans, key=lambda s: (coverage(focus, hit.chunk.text[s[0] : s[1]]), -(s[1] - s[0])))

    # -- selection -------------------------------------------------------------------------
    def _candidates(
        self, part: str, view: QuestionView, hits: Sequence[Hit], dense_seen: bool
    ) -> list[Candidate]:
        """The sentences of the passages, scored by the judge, best first.

        With the index's embedder at hand, the best few are scored again with their meaning
        similarity to the question, and only they remain candidates.
        """
        spans: list[tuple[Hit, int, int]] = []
        rows: list[list[float]] = []
        for hit in hits:
            text = hit.chunk.text
            for a, b in unit_spans(hit.chunk, split_clauses=not view.focus.wants_list):
                if _is_heading_only(text[a:b]):
                    continue
                spans.append((hit, a, b))
                rows.append(sentence_features(view, text[a:b], hit))
        out: list[Candidate] = []
        for (hit, a, b), features in zip(spans, with_gaps(rows), strict=True):
            z = self.judge.sentence_logit(features, dense_seen)
            score = _sigmoid(z) if self.judge.learned else self.judge.hand_score(features)
            fields = tuple(row_of(hit.chunk.text[a:b], hit.chunk) or ())
            out.append(Candidate(hit, a, b, hit.chunk.text[a:b], score, z, tuple(features), None, z, fields))
        out.sort(key=lambda c: (-c.score, c.hit.rank, c.start))
        if not self.judge.learned and view.focus.quantity is not None:
            # A question that asks for a figure is led by the best sentence that states one.
            lead = next((c for c in out if self.judge.states_figure(c.features)), None)
            if lead is not None:
                out.remove(lead)
                out.insert(0, lead)
        elif not self.judge.learned and asks_permission(view.question) and out and states_consequence(out[0].text, out[0].hit):
            # Asked whether a thing may be done, the answer is the sentence that states the rule (不得, 可以,
            # 应当), not the one that lists what follows a breach (责令改正, 给予处分): of the sentences good enough
            # to be quoted beside the best (``keep_ratio``), the best that states a rule leads.
            floor = self.settings.keep_ratio * out[0].score
            rule = next((c for c in out if c.score >= floor and states_rule(c.text, c.hit)), None)
            if rule is not None:
                out.remove(rule)
                out.insert(0, rule)
        k = self.judge.rerank_k(dense_seen) if self.similarity is not None else 0
        if k <= 0 or not out:
            return _definition_first(view.question, _effect_first(view.question, out))
        assert self.similarity is not None
        top = _definition_first(view.question, out)[:k]  # the definition asked for is among those reranked
        cosines = [float(x) for x in self.similarity(part, [c.text[:_SIMILARITY_CHARS] for c in top])]
        best = max(cosines)
        again = []
        for c, cos in zip(top, cosines, strict=True):
            z = self.judge.rerank_logit([c.logit, cos - best])
            again.append(replace(c, score=_sigmoid(z), logit=z, cosine=cos))
        return _definition_first(
            view.question, _effect_first(view.question, sorted(again, key=lambda c: (-c.score, c.hit.rank, c.start)))
        )

    def _meaning_few(self, cands: Sequence[Candidate], dense_seen: bool) -> list[Candidate]:
        """The hand-set score's best few of ``cands`` (best first) that `_closest` chooses among when the
        gate lets an answer through (`EvidenceJudge.meaning_few`); none without the index's embedder."""
        k = self.judge.meaning_few(dense_seen) if self.similarity is not None else 0
        return list(cands[:k]) if k > 1 else []

    def _closest(self, part: str, few: Sequence[Candidate]) -> Candidate:
        """The one of ``few`` (not empty) closest in meaning to ``part``: the index's embedder's cosine of
        the question to each sentence's opening after its article label (`_MEANING_CHARS`); the better
        ranked of a tie."""
        assert self.similarity is not None
        openings = [meaning_opening(c.text) for c in few]
        cosines = [float(x) for x in self.similarity(part, openings)]
        return few[max(range(len(few)), key=lambda i: (cosines[i], -i))]

    @staticmethod
    def _other_row_asked(
        part: str, question: str, row: Fields, headers: Sequence[Sequence[str]], rows: Sequence[Fields], pointed: bool
    ) -> bool:
        """Whether ``row`` is not what ``part`` of ``question`` asks of, though it names it: the column of
        the kind asked is another one (开工 of 完成时限: `assistant.table.asked_column_unheld`), or,
        unless the question points at the row, another row of the tables found is named by more of
        its words (`assistant.table.named_better_elsewhere`)."""
        if asked_column_unheld(part, row, headers):
            return True
        return not pointed and named_better_elsewhere(question, row, rows)

    def _select(self, focus: Focus, cands: Sequence[Candidate]) -> list[Candidate]:
        if not cands:
            return []
        s = self.settings
        limit = s.max_list_sentences if focus.wants_list else s.max_sentences
        budget = s.max_list_chars if focus.wants_list else s.max_chars
        best = cands[0]
        chosen = [best]
        used = len(best.text)
        for c in cands[1:]:
            if len(chosen) >= limit or c.score < s.keep_ratio * best.score:
                break
            if used + len(c.text) > budget or any(_overlaps(c, x) or _redundant(_said(c), _said(x)) for x in chosen):
                continue
            chosen.append(c)
            used += len(c.text)
        # A chosen line that opens a list (…下列条件：) always brings its items; a chosen item brings its lead,
        # and, when the question asks for a list, the other items; a rule and its exception go together.
        # A short list is read whole (`_short_lists`).
        with_leads = self._with_list_leads(chosen)
        opening = with_leads if focus.wants_list else [*chosen, *self._short_lists(with_leads, chosen)]
        return _with_time_limit(focus, self._with_rules(self._with_items(with_leads, opening)))

    def _rule_on(
        self,
        judged: QuestionView,
        picked: Sequence[Candidate],
        cands: Sequence[Candidate],
        hits: Sequence[Hit],
        known: Callable[[str], bool],
        evidence: TableEvidence | None,
        dense_seen: bool,
        earlier: QuestionView | None = None,
        *,
        answers_only: bool = False,
        settled: Set[tuple[str, str]] = frozenset(),
    ) -> tuple[list[float], Verdict]:
        """The judge's verdict on answering ``judged`` with ``picked``, and the question features it read.

        ``settled``: the sentences (chunk id, text) the first part of the question was answered by; ``earlier``'s
        topic is not asked again of them (`EvidenceJudge.rule`).

        ``answers_only``: the caller reads the verdict's decision and an answer, never a refusal's reasons,
        so sentences the judge's models refuse whatever its gate finds are refused without being put to
        the gate, which may embed nouns to compare their meaning (`EvidenceJudge.may_answer`)."""
        chosen, features = self._put(judged, picked, cands, hits, known, dense_seen)
        if answers_only and not self.judge.may_answer(judged, features, chosen, hits):
            return features, Verdict("refuse", 0.0)
        return features, self.judge.rule(
            judged, features, chosen, hits, known, evidence, self.similarity, earlier, settled=settled
        )

    def _put(
        self,
        judged: QuestionView,
        picked: Sequence[Candidate],
        cands: Sequence[Candidate],
        hits: Sequence[Hit],
        known: Callable[[str], bool],
        dense_seen: bool,
    ) -> tuple[list[Chosen], list[float]]:
        """``picked`` as the judge reads chosen sentences, and the question features it reads of them."""
        chosen = _chosen(picked)
        # The question features feed only the learned models and the veto: without them, only the gate rules.
        features = (
            question_features(judged, chosen, [c.logit for c in cands], hits, known, unknown_share)
            if self.judge.reads_question(dense_seen)
            else []
        )
        return chosen, features

    def _learned_few(self, cands: Sequence[Candidate], dense_seen: bool) -> list[Candidate]:
        """The candidates the learned sentence model may rank first, best first: the first stage's best
        few, which its second stage re-scores by meaning when the judge has one for these passages
        (`EvidenceJudge.second_k`), else the first stage's best alone; none without a second opinion."""
        k = self.judge.second_k(dense_seen)
        if k < 0 or not cands:
            return []
        ranked = sorted(cands, key=lambda c: (-c.lexical_logit, c.hit.rank, c.start))
        return ranked[:k] if k > 0 and self.similarity is not None else ranked[:1]

    def _learned_pick(self, part: str, few: Sequence[Candidate]) -> Candidate:
        """The one of ``few`` (`_learned_few`, not empty) the learned sentence model ranks first."""
        if len(few) == 1:
            return few[0]
        assert self.similarity is not None
        cosines = [float(x) for x in self.similarity(part, [c.text[:_SIMILARITY_CHARS] for c in few])]
        most = max(cosines)
        z = [self.judge.rerank_logit([c.lexical_logit, cos - most]) for c, cos in zip(few, cosines, strict=True)]
        return few[max(range(len(few)), key=lambda i: (z[i], -i))]

    def _second_opinion(self, best: Candidate | None, chosen: Sequence[Candidate]) -> list[Candidate]:
        """``chosen`` (the hand-set score's pick, which the judge let through) with ``best`` (`_learned_pick`)
        added when it is another sentence: the hand-set score favours sentences that repeat the question's
        words, the learned one those that state what it asks, and an answer that quotes both misses less.
        A list lead brings its items, an item its lead (and the rest of a short list: `_short_lists`), and a rule
        its exception (`_with_rules`), as in the first pick. Neither a table row nor an answer that quotes one
        gets a second opinion. (When the gate refuses the hand-set pick, `assess` puts the learned pick,
        when it is no table row, alone to the same gate.)"""
        if best is None or not _adds_to(best, chosen):
            return list(chosen)
        out = list(chosen)
        leads = self._with_list_leads([best])
        for c in self._with_rules(self._with_items(leads, [best, *self._short_lists(leads, [best])])):
            if not any(_overlaps(c, x) for x in out):
                out.append(c)
        return out

    def _with_items(self, chosen: list[Candidate], leads: list[Candidate]) -> list[Candidate]:
        """``chosen`` with the items of the lists that ``leads`` open (a lead ends with ：), in the
        next chunks of its document too when the list runs past its chunk's end."""
        out = list(chosen)
        for c in leads:
            if not c.text.rstrip().endswith(("：", ":")):
                continue
            hit, pos = c.hit, c.end
            for _ in range(_MAX_LIST_CHUNKS):
                text = hit.chunk.text
                ended = False
                while pos < len(text):
                    nl = text.find("\n", pos + 1)
                    line_end = len(text) if nl < 0 else nl
                    a, b = _strip(text, pos, line_end)
                    if b <= a or not _ITEM.match(text[a:b]):
                        ended = True
                        break
                    item = Candidate(hit, a, b, text[a:b], c.score, c.logit)
                    if not any(_overlaps(item, x) for x in out):
                        out.append(item)
                    pos = line_end
                nxt = None if ended or self.following is None else self.following(hit.chunk)
                if nxt is None:
                    break
                pos = max(0, hit.chunk.end - nxt.start)  # chunks may overlap: go on where this one ended
                hit = Hit(nxt, hit.score, hit.rank)
        return out

    def _with_list_leads(self, chosen: list[Candidate]) -> list[Candidate]:
        """A chosen list item brings the sentence that introduces its list (…下列情形之一的，…：), from the
        chunk before when the list opens its chunk."""
        out = list(chosen)
        for c in chosen:
            if not _ITEM.match(c.text):
                continue
            hit = c.hit
            span, top = _lead_above(hit.chunk.text, hit.chunk.text.rfind("\n", 0, c.start))
            before = self._preceding(hit.chunk) if top else None
            if before is not None:
                # Chunks may overlap: the chunk before is read up to where this one starts.
                hit = Hit(before, hit.score, hit.rank)
                span, _ = _lead_above(before.text, min(len(before.text), c.hit.chunk.start - before.start))
            if span is not None:
                lead = Candidate(hit, span[0], span[1], hit.chunk.text[span[0] : span[1]], c.score, c.logit)
                if not any(_overlaps(lead, x) for x in out):
                    out.append(lead)
        return out

    def _short_lists(self, with_leads: Sequence[Candidate], chosen: Sequence[Candidate]) -> list[Candidate]:
        """The list leads among ``with_leads`` that a chosen item brought (`_with_list_leads`), not chosen themselves,
        whose lists have at most `_SHORT_LIST` items: such a list is one rule (the conditions that must all hold,
        the cases it covers), and an item quoted alone states a part of it as the whole. A long list (the eighteen
        acts an article forbids) keeps only the items chosen."""
        out = []
        for lead in with_leads:
            if lead in chosen or not lead.text.rstrip().endswith(("：", ":")):
                continue
            items = self._with_items([lead], [lead])[1:]
            # A list of the regulation's terms (下列用语的含义：（一）X，是指…) holds one definition per item, each
            # a rule of its own: the one chosen is quoted alone.
            if len(items) <= _SHORT_LIST and not all(defined_terms(c.text) for c in items):
                out.append(lead)
        return out

    def _with_effect_clause(self, question: str, hits: Sequence[Hit]) -> Sequence[Hit]:
        """``hits``, with the passage of the best-ranked document that says when it takes effect (本法自…起施行)
        when the question asks that (从哪天起实行) and no passage of that document found says it. Nearly every
        regulation ends with that clause, and a question in other words seldom retrieves it."""
        if self.document is None or not hits or not _ASKS_EFFECT.search(question):
            return hits
        doc = hits[0].chunk.doc_id
        if any(_EFFECT_CLAUSE.search(h.chunk.text) for h in hits if h.chunk.doc_id == doc):
            return hits
        clause = next((c for c in reversed(list(self.document(doc))) if _EFFECT_CLAUSE.search(c.text)), None)
        if clause is None:
            return hits
        # It leads: it is the passage the question asks for, though the words of neither match.
        return [Hit(clause, hits[0].score, 1), *(replace(h, rank=h.rank + 1) for h in hits)]

    def _with_definitions(
        self, question: str, hits: Sequence[Hit], focus: Focus, read: dict[str, list[Chunk]]
    ) -> Sequence[Hit]:
        """``hits``, with the passages of the documents found that define a term (本法所称X，是指…, （二）X，是指…),
        when the question asks what the term covers (教学楼算不算噪声敏感建筑物, 怎么界定) and names it, or when
        a passage found writes the term and its definition writes a word of the question that no passage found
        writes (晚上几点 of 禁止夜间施工, where 夜间，是指晚上十点至次日早晨六点): a regulation defines its terms
        once, in an article of its own, which a question in other words seldom retrieves. They come last; the
        judge chooses among their sentences as among any others'. ``focus``: the question's (`focus_of`); ``read``: the
        documents' chunks read so far (`_chunks`)."""
        if self.document is None or not hits:
            return hits
        said = " ".join(h.chunk.text for h in hits)
        words = [t for t, _ in focus.terms if len(t) >= 2 and t not in said and names_thing_or_time(t)]
        meaning = bool(_ASKS_MEANING.search(question))
        if not words and not meaning:
            return hits

        def defines(chunk: Chunk) -> bool:
            return any(
                (meaning and term in question) or (term in said and any(w in sentence for w in words))
                for term, sentence in defined_terms(chunk.text)
            )

        return self._with_passages(hits, hits, _MAX_DEFINITIONS, defines, read)

    def _with_enforcing(self, question: str, hits: Sequence[Hit], read: dict[str, list[Chunk]]) -> Sequence[Hit]:
        """``hits``, with the passages of their documents that enforce an article the best passages hold
        (违反本法第三十一条第一款规定的，…处…罚款 for 第三十一条 任何单位和个人不得出租、出借…银行账户), when the
        question asks what follows a breach (罚多少, 会怎么处理: `assistant.features.asked_kinds` liability or amount): a law states
        the rule in one article and its penalty in another, which names the rule only by its number. They come
        last; the judge chooses among their sentences as among any others'. ``read``: as `_with_definitions`."""
        if self.document is None or not hits or not ({"liability", "amount"} & set(question_kinds(question))):
            return hits
        best = hits[: _MAX_ENFORCING + 1]
        articles = {(h.chunk.doc_id, n) for h in best for n in _ARTICLE_LABEL.findall(h.chunk.text)}

        def enforces(chunk: Chunk) -> bool:
            named = {n for m in _BREACH_OF.finditer(chunk.text) for n in _BREACHED.findall(m.group(0))}
            return any((chunk.doc_id, n) in articles for n in named)

        return self._with_passages(hits, best, _MAX_ENFORCING, enforces, read)

    def _with_kind_rules(
        self, question: str, hits: Sequence[Hit], focus: Focus, read: dict[str, list[Chunk]]
    ) -> tuple[Sequence[Hit], list[tuple[str, str]]]:
        """``hits``, with the passages of the best-ranked document that state its rules on a term it defines by its
        kinds (本法所称特种设备，是指…锅炉、压力容器…电梯…) when the question names one of the kinds and not the term
        (学校新装的电梯几天内要登记): a regulation states its rules on the term (特种设备使用单位应当在…三十日内…
        办理使用登记), which a question naming the kind seldom retrieves. The definition comes too, so that the
        judge reads the kind as named. Of the passages that write the term, those writing the most of the
        question's other words (by weight) come, after the definition, last; the judge chooses among their
        sentences as among any others'. ``focus``, ``read``: as `_with_definitions`. Also the (kind, term) found."""
        if self.document is None or not hits:
            return hits, []
        chunks = self._chunks(hits[0].chunk.doc_id, read)
        title = chunks[0].doc_title if chunks else ""
        # Only the definition of what the regulation is about (本法所称特种设备 of 特种设备安全法), which it gives
        # as its own (本法所称X; a bare "X包括…" lists the parts of a thing): a term of its own (利益关联方，是指
        # …校长…) says which persons a rule counts, not that its rules are the rules on them. The kind is an item
        # of its list (电梯 of …锅炉、压力容器、电梯…), not a word inside one.
        defined = next(
            (
                (term, kind, chunk)
                for chunk in chunks
                for term, covers in definitions([chunk.text])
                if f"所称{term}" in chunk.text and term in title
                for kind, _ in focus.terms
                if len(kind) >= 2 and kind in _listed_items(covers, term) and term not in question
            ),
            None,
        )
        if defined is None:
            return hits, []
        term, kind, definition = defined
        others = [(t, w) for t, w in focus.terms if t != kind]
        ranked = sorted(
            (c for c in chunks if term in c.text and c.id != definition.id),
            key=lambda c: -sum(w for t, w in others if t in c.text),
        )
        best = [c for c in ranked[:_MAX_KIND_RULES] if any(t in c.text for t, _ in others)]
        found = {h.chunk.id for h in hits}
        new = [c for c in (definition, *best) if c.id not in found]
        added = [Hit(c, hits[-1].score, len(hits) + n) for n, c in enumerate(new, 1)]
        return [*hits, *added], [(kind, term)]

    def _with_passages(
        self,
        hits: Sequence[Hit],
        of: Sequence[Hit],
        most: int,
        wanted: Callable[[Chunk], bool],
        read: dict[str, list[Chunk]],
    ) -> Sequence[Hit]:
        """``hits``, with at most ``most`` more passages of the documents of ``of`` (in their order, each read once
        per question through ``read``) that are not among ``hits`` and that ``wanted`` says answer; they come last,
        scored as the last hit."""
        found = {h.chunk.id for h in hits}
        added: list[Hit] = []
        for doc in dict.fromkeys(h.chunk.doc_id for h in of):
            for chunk in self._chunks(doc, read):
                if len(added) >= most:
                    break
                if chunk.id not in found and wanted(chunk):
                    added.append(Hit(chunk, hits[-1].score, len(hits) + len(added) + 1))
        return [*hits, *added] if added else hits

    def _chunks(self, doc: str, read: dict[str, list[Chunk]]) -> list[Chunk]:
        """The chunks of document ``doc``, read once per question: ``read`` keeps those read so far."""
        assert self.document is not None
        if doc not in read:
            read[doc] = list(self.document(doc))
        return read[doc]

    def _preceding(self, chunk: Chunk) -> Chunk | None:
        """The chunk before ``chunk`` in its document (None at its start, or without `document`)."""
        if self.document is None or chunk.start <= 0:
            return None
        chunks = list(self.document(chunk.doc_id))
        at = next((i for i, x in enumerate(chunks) if x.id == chunk.id), 0)
        return chunks[at - 1] if at > 0 else None

    def _with_rules(self, chosen: list[Candidate]) -> list[Candidate]:
        """A rule and its exception (但是…, 不过…) are quoted together, whichever of the two was chosen.

        Quoted alone, an exception reads as the rule ("但是…可以收取工本费" without "…不收取费用"),
        and a rule without its exception overstates it.
        """
        out = list(chosen)
        for c in chosen:
            text = c.hit.chunk.text
            spans = candidate_spans(text, split_clauses=True)
            if _QUALIFIER.match(c.text):
                before = [(a, b) for a, b in spans if b <= c.start and "\n" not in text[b : c.start]]
                pair = max(before, key=lambda s: (s[1], s[1] - s[0])) if before else None
            else:
                after = [(a, b) for a, b in spans if a >= c.end and "\n" not in text[c.end : a]]
                nxt = min(after, key=lambda s: (s[0], -(s[1] - s[0]))) if after else None
                pair = nxt if nxt and _QUALIFIER.match(text[nxt[0] : nxt[1]]) else None
            if pair is None:
                continue
            extra = Candidate(c.hit, pair[0], pair[1], text[pair[0] : pair[1]], c.score, c.logit)
            if not any(_overlaps(extra, x) for x in out):
                out.append(extra)
        return out

    # -- whole tables --------------------------------------------------------------------------
    def _tables(self, hits: Sequence[Hit]) -> list[list[_Row]]:
        """The tables whose rows stand among ``hits``, best-ranked first, each with every row once in
        document order (`_table_rows`)."""
        keys = dict.fromkeys(_table_key(h.chunk, a, b) for h in hits for a, b in row_spans(h.chunk.extra))
        return [rows for key in keys if key is not None and (rows := self._table_rows(key, hits))]

    def _whole_table(
        self, question: str, hits: Sequence[Hit], tables: Sequence[list[_Row]], focus: Focus | None = None
    ) -> tuple[str, list[Citation], tuple[Hit, ...]] | None:
        """A question about a table as a whole (…一共有几项？, …总共要花多少？), answered by the rows
        the judge rules answer it (`EvidenceJudge.table_ruling`), each quoted; None when it asks of no
        whole table."""
        ruling: TableRuling | None = None
        every = [*tables, *self._sibling_tables(tables, hits)]
        joined = _join_alike(question, every)
        if len(joined) < len(every):
            # A count over tables of one document that share their header (表1 and 表2 of fees), which the
            # question does not tell apart, counts the rows of them all.
            ruling = self.judge.table_ruling(
                question, [[fields for *_, fields in rows] for rows in joined], _table_names(joined), focus
            )
            if ruling is not None and ruling.kind in ("count", "filled") and ruling.value:
                tables = joined
            else:
                ruling = None
        if ruling is None:
            rows_of = [[fields for *_, fields in rows] for rows in tables]
            ruling = self.judge.table_ruling(question, rows_of, _table_names(tables), focus)
        if ruling is None:
            return None
        rows = tables[ruling.table]
        parts = [_ruling_lead(ruling)]
        citations: list[Citation] = []
        quoted = (*ruling.rows, *ruling.totals)
        for n, i in enumerate(quoted, start=1):
            hit, a, b, _ = rows[i]
            citations.append(citation_for(n, hit, a, b))
            parts.append(f"\n{hit.chunk.text[a:b]}[{n}]")
        retrieved = {h.chunk.id for h in hits}
        extra = {c.chunk.id: c for c in (rows[i][0] for i in quoted) if c.chunk.id not in retrieved}
        return "".join(parts), citations, (*hits, *extra.values())

    def _sibling_tables(self, tables: Sequence[list[_Row]], hits: Sequence[Hit]) -> list[list[_Row]]:
        """The tables of the documents of ``tables`` that none of them is but that share the columns of
        one of them (表2 under the header of 表1), read from the whole document; none when the answerer
        cannot read documents."""
        if self.document is None:
            return []
        found = {_table_key(h.chunk, a, b) for rows in tables for h, a, b, _ in rows[:1]}
        headers = {_columns(rows) for rows in tables}
        out: list[list[_Row]] = []
        for doc_id in dict.fromkeys(rows[0][0].chunk.doc_id for rows in tables if rows):
            keys = dict.fromkeys(
                _table_key(c, a, b) for c in self.document(doc_id) for a, b in row_spans(c.extra)
            )
            for key in keys:
                if key is None or key in found:
                    continue
                rows = self._table_rows(key, hits)
                if rows and _columns(rows) in headers:
                    out.append(rows)
        return out

    def _table_rows(self, key: tuple[str, str], hits: Sequence[Hit]) -> list[_Row]:
        """Every row of the table ``key`` (`_table_key`) once, in document order: from the
        whole document when the answerer can read it, else from the passages found."""
        doc_id = key[0]
        by_id = {h.chunk.id: h for h in hits}
        if self.document is not None:
            chunks = list(self.document(doc_id))
            hits = [by_id.get(c.id) or Hit(c, 0.0, len(hits) + 1 + j) for j, c in enumerate(chunks)]
        seen: set[int] = set()
        out: list[tuple[int, Hit, int, int, list[tuple[str, str]]]] = []
        for hit in hits:
            if hit.chunk.doc_id != doc_id:
                continue
            for a, b in row_spans(hit.chunk.extra):
                fields = row_of(hit.chunk.text[a:b], hit.chunk)
                at = hit.chunk.start + a
                if fields and _table_key(hit.chunk, a, b) == key and at not in seen:
                    seen.add(at)
                    out.append((at, hit, a, b, fields))
        out.sort(key=lambda r: r[0])
        return [(h, a, b, f) for _, h, a, b, f in out]

    # -- composition -----------------------------------------------------------------------
    def _compose(self, chosen: list[Candidate], leading: frozenset[int] = frozenset()) -> tuple[str, list[Citation]]:
        """Join the chosen spans in reading order, those whose ids are in ``leading`` first (`_rule_led`);
        adjacent spans of one passage share a citation."""
        ordered = _reading_order(chosen)
        ordered = [*(c for c in ordered if id(c) in leading), *(c for c in ordered if id(c) not in leading)]
        groups: list[list[Candidate]] = []
        for c in ordered:
            prev = groups[-1][-1] if groups else None
            if prev and prev.hit is c.hit and _adjacent(prev, c):
                groups[-1].append(c)
            else:
                groups.append([c])
        parts: list[str] = []
        citations: list[Citation] = []
        for n, group in enumerate(groups, start=1):
            first, last = group[0], group[-1]
            start = lead_start(first.hit.chunk.text, first.start)
            cited = citation_for(n, first.hit, start, last.end)
            quote = first.hit.chunk.text[start : last.end]
            opens = quote[:1] == "（" or bool(_ITEM.match(quote) or LEADING_LABEL.match(quote))
            sep = "\n" if parts and (_new_place(citations[-1], cited) or opens) else ""
            citations.append(cited)
            parts.append(f"{sep}{quote}[{n}]")
        return "".join(parts), citations


_LEAD_MAX = 100  # a clause's lead longer than this is a sentence of its own: the clause is quoted from itself


def lead_start(text: str, start: int) -> int:
    """Where the quote of a span that opens at ``start`` begins: a clause that goes on after a comma (…的，应当
    配备…; 信访部门及其工作人员…，不得将…) from the opening of its sentence (or of its ；-clause), which says who
    must or may do it and when; quoted alone it states a rule of no one. ``start`` itself for a span that opens a
    sentence or a ；-clause, or when that opening is more than `_LEAD_MAX` characters before it."""
    before = text[:start].rstrip()
    if not before.endswith(("，", ",")):
        return start
    opening = max(before.rfind(mark) for mark in ("。", "！", "？", "；", ";", "\n", "：", ":")) + 1
    while opening < start and text[opening].isspace():
        opening += 1
    return opening if start - opening <= _LEAD_MAX else start


def _penalty_quoted(part: str, chosen: Sequence[Candidate]) -> bool:
    """Whether ``part`` asks only what follows a breach (怎么罚, 罚多少: liability, and an amount) and a sentence
    already quoted for another part states it (a penalty; a sum too when one is asked)."""
    kinds = set(question_kinds(part))
    if not _ASKS_PENALTY.search(part) or not kinds <= {"liability", "amount"}:
        return False  # 老是被罚是不是也会（被关掉）？ names a penalty, but asks of something else
    return any(
        _LIABILITY_MARK.search(c.text) and ("amount" not in kinds or has_number(c.text)) for c in chosen
    )


_LIABILITY_MARK = next(mark for name, _, mark in ASK_KINDS if name == "liability")
# Asking what the penalty is (怎么罚, 罚多少, 受什么处分), not whether a penalty leads to something else.
_ASKS_PENALTY = re.compile(r"(?:怎么|怎样|如何)(?:罚|处罚|处分)|罚多少|(?:什么|哪些)(?:处罚|处分|罚则)")


def _new_place(before: Citation, after: Citation) -> bool:
    """Whether ``after`` quotes another document or another section (article, heading) than ``before``:
    quotes from different places start a new line instead of running on as one paragraph."""
    return before.doc_id != after.doc_id or before.section != after.section


def _part_foci(question: str, idf: Callable[[str], float]) -> list[tuple[str, Focus, Focus]]:
    """The parts of a question that asks several things, one part otherwise: (part, focus to select
    evidence with, the part's own focus to judge it by).

    A later part is searched with the words of the first (…多久换届一次？ after 膳食委员会有哪些成员？)
    but asks what it asks itself (its figure, list or name), and must be supported by its own words:
    the first part's words alone do not answer it.
    """
    parts = [p.strip() for p in _QUESTION_END.split(question)]
    parts = [p for p in parts if len(_CJK.findall(p)) >= 2]
    if len(parts) < 2:
        focus = focus_of(question, idf)
        return [(question, focus, focus)]
    first = focus_of(parts[0], idf)
    out = [(f"{parts[0]}？", first, first)]
    for part in parts[1:]:
        own = focus_of(part, idf)
        read = focus_of(f"{parts[0]}，{part}", idf)
        out.append((f"{part}？", replace(own, terms=read.terms), own))
    return out


def _lead_above(text: str, line_start: int) -> tuple[tuple[int, int] | None, bool]:
    """The span of the line ending with ： that opens the list whose item starts after ``line_start`` (the
    newline before it; -1 at the top of ``text``, len(text) below its end), over the items and blank lines
    above; and whether the list runs up to the top of ``text`` unopened (its lead may be in the chunk before)."""
    while line_start > 0:
        prev_start = text.rfind("\n", 0, line_start) + 1
        a, b = _strip(text, prev_start, line_start)
        line = text[a:b]
        if line.endswith(("：", ":")):
            return (a, b), False
        if line and not _ITEM.match(line):
            return None, False
        line_start = prev_start - 1
    return None, True


def _overlaps(a: Candidate, b: Candidate) -> bool:
    return a.hit.chunk.id == b.hit.chunk.id and a.start < b.end and b.start < a.end


def _adjacent(a: Candidate, b: Candidate) -> bool:
    """Two spans quoted as one: nothing between them, and neither a table row (a row is cited alone,
    so that its citation shows exactly that row)."""
    if a.row or b.row or b.start < a.end:  # one read before the other it follows (`_best_article_first`)
        return False
    gap = a.hit.chunk.text[a.end : b.start]
    return not gap.strip()


def _with_time_limit(focus: Focus, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen``, with the sentence right after a chosen one in its paragraph when the question asks how long
    (`assistant.judge.asks_span`), no chosen sentence states a span of time and that sentence does
    (…应当报告。报告应当在二日内作出。): an article often states the act first and its time limit next, so the
    limit asked in everyday words stands in the sentence after the one that names the act."""
    if not asks_span(focus) or any(states_span(figure_text(c.text, c.hit)) for c in chosen):
        return chosen
    out = list(chosen)
    for c in chosen:
        if c.row:
            continue
        after = next_in_paragraph(c.text, c.hit)
        if after is None or not states_span(c.hit.chunk.text[after[0] : after[1]]):
            continue
        extra = Candidate(c.hit, after[0], after[1], c.hit.chunk.text[after[0] : after[1]], c.score, c.logit)
        if not any(_overlaps(extra, x) for x in out):
            out.append(extra)
    return out


def _adds_to(best: Candidate, chosen: Sequence[Candidate]) -> bool:
    """Whether the second opinion's pick ``best`` adds to ``chosen`` (`ExtractiveAnswerer._second_opinion`):
    there is a pick to add to, neither holds a table row (table rows are chosen by the table rules, which
    the learned model does not know), and ``best`` neither overlaps nor repeats a chosen sentence."""
    if not chosen or best.row or any(c.row for c in chosen):
        return False
    if _elided_condition(best) and _article_of(best) not in {_article_of(c) for c in chosen}:
        return False
    return not any(_overlaps(best, x) or (_redundant(_said(best), _said(x)) and not _sibling_articles(best, x)) for x in chosen)


def _sibling_articles(a: Candidate, b: Candidate) -> bool:
    """Whether ``a`` and ``b`` stand in two different articles of one document: a law words its parallel rules
    alike (第六十四条 and 第六十五条 both 违反本法规定，…的，由劳动行政部门…并处一万元以上五万元以下的罚款) for
    different acts, so sharing most of their words does not make one repeat the other."""
    (doc_a, art_a), (doc_b, art_b) = _article_of(a), _article_of(b)
    return doc_a == doc_b and bool(art_a) and bool(art_b) and art_a != art_b


# A clause that opens on a condition whose subject is the clause before it: 有违法所得的，没收违法所得…
# (after "…的，由…责令改正；"), 情节严重的，吊销….
_CONDITION_OPENING = re.compile(r"[^，。；：:,;]{1,16}的[，,]")


def _elided_condition(c: Candidate) -> bool:
    """Whether ``c`` is a clause that goes on from the clause before it in its sentence (it follows a ； or ，)
    and opens on a condition without a subject of its own (有违法所得的，…): quoted alone, away from its
    article, it reads as if it bound whatever the answer is about (a 罚款 under a rule on free job fairs)."""
    before = c.hit.chunk.text[: c.start].rstrip()
    return before.endswith(("；", ";", "，", ",")) and bool(_CONDITION_OPENING.match(c.text))


def _chosen(cands: Sequence[Candidate]) -> list[Chosen]:
    """``cands`` as the judge reads sentences."""
    return [Chosen(c.text, c.hit, c.logit, c.cosine) for c in cands]


def _said(c: Candidate) -> str:
    """What a candidate says, for telling repeats: a row's values (its column names repeat in every row)."""
    return " ".join(value for _, value in c.row) if c.row else c.text


def _pointed_chars(question: str, row: Sequence[tuple[str, str]]) -> int:
    """How many characters of ``question`` name ``row`` by what it holds: a day, a weekday, a short
    cell named whole (上午), a weekday its column names give (周二 of a 星期二 column). Words that point
    at a place (最后一节) fit any table and are not counted."""
    words = [w for w in pointing_words(question, row) if w not in place_words(question)]
    columns = " ".join(name for name, _ in row)
    words += [w for w in weekday_words(question) if weekdays_named(w) & weekdays_named(columns)]
    covered: set[int] = set()
    for word in words:
        at = question.find(word)
        while at >= 0:
            covered |= set(range(at, at + len(word)))
            at = question.find(word, at + 1)
    return len(covered)


def _short_cells(row: Fields) -> str:
    """A row's cells that name rather than tell (`assistant.table.PROSE_CELL`), one text: a cell of prose
    holds many words by the way (学校食堂 of 学校食堂食品安全检测服务) and names no row by them."""
    return " ".join(v for _, v in row if len(_CJK.findall(v)) < PROSE_CELL)


def _named_rows(question: str, cands: list[Candidate], terms: Sequence[str] = ()) -> list[Candidate]:
    """The candidates, with each table's rows narrowed to those the question names.

    Rows of one table share their column names, so a question about 班主任培训的预算 fits every row of
    a budget table as well by its words; the row it names is the one whose values hold most of the
    question (`row_match`). Its other rows are dropped, but for those the question lists beside it by
    one of ``terms``, the question's words (显微镜和天平: `assistant.table.sibling_words`); when the
    question names no row (no value matches), all are kept. A table is known by its document and its
    number there (`_table_key`).
    """
    best: dict[tuple[str, str], float] = {}
    match: dict[int, float] = {}
    for i, c in enumerate(cands):
        if c.row:
            # Pairs of characters first; the share of the subject cell named tells rows apart that tie.
            match[i] = row_match(question, c.row) + subject_share(question, c.row)
            best[_table_of(c)] = max(best.get(_table_of(c), 0), match[i])
    kept = [c for i, c in enumerate(cands) if not c.row or match[i] >= best[_table_of(c)]]
    listed = [c for c in cands if c.row and c not in kept]
    for c in listed:
        rows = [d.row for d in cands if d.row and _table_of(d) == _table_of(c)]
        words = sibling_words(question, terms, c.row, rows)
        if any(d.row and _table_of(d) == _table_of(c) and any(w in v for w in words for _, v in d.row) for d in kept):
            kept.append(c)
    return [c for c in cands if c in kept]


def _row_answers(part: str, row: Sequence[tuple[str, str]], rows: Sequence[Sequence[tuple[str, str]]]) -> bool:
    """Whether a row quoted for one part of a question answers another ``part`` too: it holds a cell
    the part asks (`assistant.row_text.asked_cells`) of the kind it asks, and no other row of the
    tables found (``rows``) shares more of the part's words."""
    if not asked_cells(part, row) or lacks_asked(part, row):
        return False
    own = row_match(part, row)
    return all(row_match(part, other) <= own for other in rows)


def _twin_rows(question: str, picked: Sequence[Candidate], cands: Sequence[Candidate]) -> list[Candidate]:
    """The rows of other documents' tables with the same subject as the row picked first (新生体检费 in
    two schools' fee notices), when the question names neither document over the other: it asks of
    both alike, and the answer quotes each, with its source, rather than one at random."""
    first = picked[0] if picked else None
    if first is None or not first.row:
        return []
    subject = subject_cell(first.row)
    docs = {c.hit.chunk.doc_id for c in picked}
    grams = cjk_pairs(question)

    def named(c: Candidate) -> int:
        return len(grams & cjk_pairs(c.hit.chunk.doc_title))

    out: list[Candidate] = []
    for c in cands:
        if not c.row or c.hit.chunk.doc_id in docs or not subject or subject_cell(c.row) != subject:
            continue
        if named(c) == named(first):
            out.append(c)
            docs.add(c.hit.chunk.doc_id)
    return out


def _whole_named(question: str, cands: list[Candidate]) -> list[Candidate]:
    """The candidates without the rows of other tables when rows of some table have cells the question
    names as words (`assistant.table.named_chars`: 骨干教师跟岗研修 whole, 一中 for 第一中学): the
    table whose row accounts for most of the question is the one asked of, and a row of another table
    the question names only in part (骨干教师研修) or by a shorter cell (主考 of 副主考) is another thing."""
    rivals = [v for c in cands if c.row for _, v in c.row]
    score = {_at(c.hit, c.start): named_chars(question, c.row, rivals) for c in cands if c.row}
    best = max(score.values(), default=(0, 0.0))
    if not best[0]:
        return cands  # no cell named as a word: words inside cells alone do not choose a table
    tables = {_table_of(c) for c in cands if c.row and score[_at(c.hit, c.start)] == best}
    return [c for c in cands if not c.row or _table_of(c) in tables]


def _ruling_lead(ruling: TableRuling) -> str:
    """The sentence an answer about a whole table opens with, before the rows it quotes."""
    if ruling.kind == "count" and not ruling.value:
        return f"表中共列有{ruling.tally}{ruling.measure}："
    if ruling.kind == "count" and ruling.bound:
        name, unit = figure_name(ruling.column)
        figure = f"{ruling.value}{unit}"
        bounded = f"在{figure}{ruling.bound}" if ruling.bound.endswith(("上", "下", "内")) else f"{ruling.bound}{figure}"
        return f"表中{name}{bounded}的共{len(ruling.rows)}{ruling.measure}："
    if ruling.kind == "count":
        return f"表中{ruling.column}为“{ruling.value}”的共{len(ruling.rows)}{ruling.measure}："
    if ruling.kind == "filled":
        state = "为空" if ruling.empty else "有内容"
        return f"表中“{ruling.column}”一栏{state}的共{len(ruling.rows)}{ruling.measure}："
    if ruling.kind == "total" and not ruling.column:
        return f"表中合计行的{ruling.value}："
    if ruling.kind == "total":
        return f"表中合计的{figure_said(ruling.column, ruling.value)}："
    if ruling.kind == "subtotal":
        return f"表中小计的{figure_said(ruling.column, ruling.value)}："
    # The figure with the unit its header writes (测评得分（分）最高的为91.5 → 测评得分最高的为91.5分).
    figure = figure_with_unit(ruling.column, ruling.value)
    name = figure_name(ruling.column)[0] if figure != ruling.value else ruling.column
    if ruling.kind == "rows_sum":
        return f"表中所问{len(ruling.rows)}行的{name}相加共{figure}："
    if ruling.kind in ("most", "least"):
        return f"表中{name}{'最高' if ruling.kind == 'most' else '最低'}的为{figure}："
    return f"表中没有合计行，各行{name}相加共{figure}："


def _which_table(tables: Sequence[list[_Row]]) -> str:
    """The question back when a row's place points into several tables alike: each named by its
    document's title, and by its first columns when two stand in one document."""
    titles = [rows[0][0].chunk.doc_title for rows in tables]
    labels = [f"《{t}》" for t in titles]
    if len(set(titles)) < len(titles):
        for n, rows in enumerate(tables):
            columns = [c for c, _ in rows[0][3] if c not in ORDINAL_COLUMNS][:3]
            labels[n] = f"《{titles[n]}》中列有“{'、'.join(columns)}”的表格"
        return f"有多份表格都有所问的这一行：{'；'.join(dict.fromkeys(labels))}。请说明问的是哪一份表格。"
    return f"有多份表格都有所问的这一行：{'、'.join(labels)}。请说明问的是哪一份文件中的表格。"


def _place_source(question: str, chosen: Sequence[Candidate], tables: Sequence[list[_Row]]) -> str:
    """A line naming the document a row named by its place (第三行) was read from, when the place points
    into other tables too and the question does not name that document (春节假期最后一天 does); ''
    otherwise."""
    if sum(1 for rows in tables if rows_pointed(question, [r[3] for r in rows])[1] == "place") < 2:
        return ""
    title = next((c.hit.chunk.doc_title for c in chosen if c.row), "")
    if not title or cjk_pairs(question) & cjk_pairs(title):
        return ""
    return f"以下摘自《{title}》中的表格：\n"


def _join_alike(question: str, tables: Sequence[list[_Row]]) -> list[list[_Row]]:
    """``tables`` with those of one document that share their columns joined into one (the first one's
    place, rows in document order), unless the question names one of them better than the others by
    its caption or section (代收费 of 表2 代收费项目): a document that splits one list over two tables
    (服务性收费, 代收费) lists the rows of both under one header. Tables without another of the same
    header stay as they are."""
    names = _table_names(tables)
    grams = cjk_pairs(question) | table_numbers_named(question)
    groups: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for t, rows in enumerate(tables):
        if rows:
            groups.setdefault((rows[0][0].chunk.doc_id, _columns(rows)), []).append(t)
    out: list[list[_Row]] = []
    for t, rows in enumerate(tables):
        group = next((g for g in groups.values() if t in g), [t])
        named = {len(grams & (cjk_pairs(names[u]) | table_numbers_named(names[u]))) for u in group}
        if len(group) < 2 or len(named) > 1:
            out.append(rows)
        elif t == group[0]:
            joined = [r for u in group for r in tables[u]]
            joined.sort(key=lambda r: _at(r[0], r[1])[1])
            out.append(joined)
    return out


def _columns(rows: Sequence[_Row]) -> tuple[str, ...]:
    """The column names of a table's rows, each once, in the order they first stand."""
    return tuple(dict.fromkeys(n for *_, fields in rows for n, _ in fields))


def _table_names(tables: Sequence[list[_Row]]) -> tuple[str, ...]:
    """What names each table beside its columns: the title and section of its first row's passage, and
    the line just above that row when the passage holds one (…其他工作费用安排如下。)."""
    out = []
    for rows in tables:
        if not rows:
            out.append("")
            continue
        hit, a, _, _ = rows[0]
        above = hit.chunk.text[:a].rstrip().rpartition("\n")[2].strip()
        out.append(f"{hit.chunk.doc_title} {hit.chunk.section} {above}")
    return tuple(out)


def _at(hit: Hit, offset: int) -> tuple[str, int]:
    """Where a span of a passage starts in its document: rows of overlapping passages are one row."""
    return hit.chunk.doc_id, hit.chunk.start + offset


def _table_key(chunk: Chunk, a: int, b: int) -> tuple[str, str] | None:
    """Which table the row at ``a:b`` of ``chunk`` belongs to: its document and its table's number there
    (`ingest.record.table_numbers`); in an index from before tables were numbered, its first column's name."""
    fields = row_of(chunk.text[a:b], chunk)
    if not fields:
        return None
    numbers = row_tables(chunk.extra)
    spans = row_spans(chunk.extra)
    if len(numbers) == len(spans) and (a, b) in spans:
        return chunk.doc_id, f"#{numbers[spans.index((a, b))]}"
    return chunk.doc_id, fields[0][0]


def _table_of(c: Candidate) -> tuple[str, str]:
    return _table_key(c.hit.chunk, c.start, c.end) or (c.hit.chunk.doc_id, c.row[0][0])


def _is_heading_only(sentence: str) -> bool:
    return len(sentence) <= 40 and not re.search(r"[。！？；!?;：:，,]", sentence)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000.0
