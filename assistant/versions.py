"""Answering across versions of a document: the current text answers; a superseded text is named as such.

The index knows which documents are versions of one another and which is current (`ingest.version`).
A question is answered from the current versions (and the documents that have no other version). The
superseded versions are searched too: when they hold the asked-for provision and the current versions
do not hold it as well (the judge's `prefer_superseded`), the answer says where it was, that it is no
longer in force, and what the current version says instead (its article, paired by `ingest.revision`),
or that it was deleted, citing both. The superseded provision answers so too when the question is asked
in its words, words the current version no longer holds anywhere (还要备案吗, once 备案 was struck). A
question that names a version (2011年版…, 修订前…) is answered from the version in force then, with the
words naming it struck from what is sought in that text; when that text holds nothing on it, or holds nowhere
a noun asked about that the current text brought in, the current text answers, said to be the current one. A question that compares with the earlier text or asks
what an amendment changed (跟以前比, 有什么变化) is answered with both texts, the current one first; words for the
current text (修订后, 新修订的) choose it and are not sought in it either. Every citation carries its version and whether it is current (`stamp`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from assistant.answer import Assessment, ExtractiveAnswerer
from assistant.cite import citation_for
from assistant.evidence import count_lead, is_noun
from assistant.judge import EvidenceJudge, Verdict
from assistant.types import Answer, Citation, Hit
from ingest.articles import (
    LEADING_LABEL,
    SIMILAR,
    Article,
    Change,
    article_at,
    articles_in,
    counterpart,
    normalized,
)
from ingest.revision import compare
from ingest.structure import sentence_spans
from ingest.types import Chunk
from ingest.version import Version, title_key, year_of

# A year naming a text: 2011年版, 2011年的文本, 按2007年的基金条例 (a year, then within its clause a word
# for a text or a kind of regulation); 2024年的春节 names no text, 2010年版权 no version. A year read as a
# time (2016年的时候, 2016年那时) asks for the rule then. Years written otherwise are read in four digits
# first (`in_full_years`).
_NAMED_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*(?:年(?:度)?(?:的|那|那个)?[^，。；？！,.;?!\s]{0,10}?"
    r"(?:版(?![权面画图])|版本|文本|修订|修正|修改|规定|条例|办法|法|细则|意见|通知|决定|规则|规程|方案)|版(?![权面画图])"
    r"|年(?:的)?(?:时候|那时候?|那会儿?))"
)
# A year whose amendment the question reads before (2019年修订以前, 2024年修改前的): the text then in force
# is the one before that year's.
_BEFORE_YEAR = re.compile(r"(?:19|20)\d{2}\s*年(?:的)?(?:修订|修正|修改)(?:以|之)?前(?!后)")
# A year in Chinese numerals (二〇一一年), and one in two digits or two numerals (11年版, 按16年的慈善法,
# 一一年的条例) where it names a text: opening a clause or after 按/依照/根据/在, and followed by a word for a
# version, or by 的 or 那 and a kind of text, not by what makes it a length of time or a school year
# (满15年的, 在10年内的规定, 10年版权, 一二年级).
_CHINESE_NUMERALS = "〇零○一二三四五六七八九"
_CHINESE_YEAR = re.compile(rf"(?<![{_CHINESE_NUMERALS}十百千万两])[{_CHINESE_NUMERALS}]{{4}}(?=\s*年)")
_SHORT_YEAR = re.compile(
    rf"(?<![^按照据在，,；;。？?！!\s])(\d{{2}}|[{_CHINESE_NUMERALS}]{{2}})(?=\s*年(?![级纪龄])(?:"
    r"(?:的|那|那个|那部|那一)?(?:版(?![权面画图])|版本|文本|修订|修正|修改|颁布|公布|印发|施行)"
    r"|(?:的|那|那个|那部)[^，。；？！,.;?!\s\d期限内]{0,10}?(?:规定|条例|办法|细则|规则|法)"
    r"|(?:的)?(?:时候|那时候?|那会儿?)|(?:的)?(?:修订|修正|修改)(?:以|之)?前))"
)
# Two digits right before 版 (09版, 用11版的条例, 那16版本呢) name a version too, with no 年 between; not a page or
# an edition number (第09版), not a longer number (2009版 is read as it is), not 版权/版面.
_SHORT_VERSION = re.compile(r"(?<![0-9A-Za-z第])(\d{2})(?=\s*版(?![权面画图次]))")
_CHINESE_DIGITS = str.maketrans(_CHINESE_NUMERALS, "000123456789")
# Words asking for the text before the last amendment: 修改前 (修改以前, 修订之前, 这次修改前, 修法以前), 旧版
# (老版本, 上一版, 上个版本, 前一版), 原来/原先 as an adverb (原来罚多少, 科普法原来规定…) or before a word
# for a text, a name ending in one (原来的规定, 以前的招生办法) or a bracketed title (原《档案法》), 旧法, and
# 以前 opening a clause (以前要交几份材料？). 原来的单位 is the unit one came from, 原来的做法 a way of
# working; 以前 after a date or an act is "before" it (3月1日以前报送); 过去/之前 name the past or an
# earlier turn of a conversation more often than a version. Plain words say it too: 改之前, 改版前, 未修订时
# (整改前 and 批改前 are before a correction, not an amendment). 旧 or 老 before the name of a document that
# has versions (老档案法) is read in `plan`, which knows the names.
_TEXT_WORDS = r"(?:规定|版本|文本|版|条文|条款|办法|条例|法律|法规|细则)"
# A name ending in a kind of text (招生办法, 档案法), not a word for a way of doing (做法, 方法, 说法).
_NAMED_TEXT = r"[^，,；;。？?！!\s的]{0,10}?(?:条例|办法|细则|规定|规则|(?<![做方说看想用写算手])法)"
_EARLIER = re.compile(
    r"(?:这次|本次|此次|未|还没有|还没|没有|没)?(?:修订|修正|修改|修法)(?:以|之)?前(?:后)?|(?:旧|老)版(?:本)?|(?:上|前)一?个?版(?:本)?|原规定"
    r"|(?:旧|老|原)(?:的)?(?:条例|办法|细则|规定|文本|条文|条款|版本|(?=《))"
    r"|(?<!养)(?:旧|老)(?:的)?法(?:律|规(?!定))?(?![子师宝则])"
    rf"|(?:原来|原先|从前)(?:的{_TEXT_WORDS}|的(?={_NAMED_TEXT})|(?!的))|(?:以前|之前|此前|过去|早先)的(?:{_TEXT_WORDS}|(?={_NAMED_TEXT}))"
    r"|(?:^|(?<=[，,；;。？?！!\s]))以前"
    r"|(?<![整批修篡])改(?:版|动)?(?:以|之)?前(?:后)?|未(?:经)?(?:修订|修正|修改)(?:时|的时候)"
)
# Words asking for the text in force now: with words for an earlier text (原来罚多少，现在罚多少？) both are asked,
# the current text first and the superseded one flagged beside it; so are the texts before and after an
# amendment (修订前后有什么变化). 修订后 after a year (2019年修订后) names that year's text instead.
_NOW = re.compile(
    r"现在|现行|目前|如今|当前|眼下|最新(?:的)?(?:版本|版|文本)?|新(?:版|法|规定|条例|办法|文本)|(?<!重)新(?:修订|修正|修改)(?:的)?"
    r"|(?:修订|修正|修改)(?:以|之)?前后|(?<![年\d])(?:修订|修正|修改)(?:以|之)?后|改版(?:以|之)?后"
)
# The words that name a version, struck from the question once they chose it (按2009年那版, 2011年的文本,
# 2013年12月修订的, 修订前的): they say which text to read, not what to find in it, and would count as unstated topic words.
# A question comparing with an earlier text (和原来相比, 跟以前比, 与修订前相比较): it asks for the earlier text and
# the current one, as 修订前后 does; the words say which texts to read, not what to find in them.
_COMPARED = re.compile(
    r"(?:和|跟|与|同|较|比)(?:原来|原先|以前|之前|此前|过去|早先|(?:旧|老|原)(?:的)?(?:规定|版本|版|文本|办法|条例)"
    r"|(?:上|前)一?个?版本?|(?:修订|修正|修改)(?:以|之)?前)(?:的(?:规定|版本|文本)?)?(?:相比较?|比较|对比|相较|比)?(?:起来)?(?:的话)?[，,]?"
)
# The words asking what an amendment changed (有什么变化, 有何不同, 改了哪些, 变了吗), at the end of a clause: the
# answer is the two texts side by side, and 变化 is no word to find in either of them.
_CHANGE = re.compile(
    r"(?:发生了|有|作了|做了)?(?:什么|哪些|何|啥)(?:样的)?(?:变化|变动|不同|区别|差别|改变|调整|修改)(?:吗|呢)?(?=[，,；;。？?！!]|$)"
    r"|(?:有没有|是否有|有无)(?:变化|变动|改变|调整|修改)(?:吗|呢)?(?=[，,；;。？?！!]|$)"
    r"|(?:改|变|修改|调整)了(?:什么|哪些|啥)(?:内容)?(?:吗|呢)?(?=[，,；;。？?！!]|$)|(?:变|改)了(?:吗|没有|没)(?=[，,；;。？?！!]|$)"
)
_VERSION_WORDS = re.compile(
    r"(?:按照|依照|根据|按|在)?\s*(?:19|20)\d{2}\s*(?:年(?:度)?(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?(?:的|那一|那个|那部|那份|那本|那)?"
    r"(?:版本|版|文本|规定|修订|修正|修改|颁布|公布|发布|印发|施行|实施|通过|时候|时)?(?:以|之)?(?:前后|后|前)?|版)"
    r"(?:的)?(?:版本|版|文本)?(?:里|中)?[，,]?"
)
_EARLIER_WORDS = re.compile(r"(?:按照|依照|根据|按|在)?(?:" + _EARLIER.pattern + r")(?:的|里|中)?[，,]?")
_NOW_WORDS = re.compile(r"(?:按照|依照|根据|按)?(?:" + _NOW.pattern + r")(?:的)?[，,]?")
_REPEATED = re.compile(r"([^，,；;。？?！!]+)[，,]\1(?=[，,；;。？?！!]|$)")
_EMPTY_BRACKETS = re.compile(r"[（(]\s*[）)]")
# The kind of text a title ends with: a short name of the title ends with it too (保密法, 放假办法).
_TITLE_KIND = re.compile(r"(?:实施条例|实施细则|实施办法|条例|办法|细则|规定|规则|决定|通知|意见|方案|法典|法)$")
# Words before a document's name that ask for its earlier text (老档案法, 旧的招生办法, 原档案法), not the
# end of a word (养老, 草原, 依旧).
_EARLIER_BEFORE_NAME = re.compile(r"(?:(?<![养敬尊])老|(?<![中草高平还复])原|(?<![陈破守怀依仍照])旧)(?:的)?$")
TWO_DIGIT_CENTURY_SPLIT = 50  # 11年版 is of 2011, 98年版 of 1998
MIN_NAME_CHARS = 3  # a shorter run (山法 of 青山法 within 绿山法) names no title
MIN_NEW_SENTENCE = 8  # a shorter sentence (第五条 其他事项。) says too little to be new
MAX_COUNTERPART_CHARS = 600  # a longer current article is quoted up to a sentence end within this
# A current clause is said by an earlier quote in other words when, its new noun set aside, this share of its
# character pairs stands in one clause of that quote (and it keeps at least `MIN_RESTATED_PAIRS` of them).
RESTATED = 0.5
MIN_RESTATED_PAIRS = 4
_CLAUSE_END = re.compile(r"[，,；;。！？!?：:\n]")


class VersionSource(Protocol):
    """What answering across versions needs from the index (ingest.store.Index)."""

    def document_text(self, doc_id: str) -> str: ...

    def chunk_at(self, doc_id: str, offset: int) -> Chunk | None: ...


Retrieve = Callable[[str, list[str] | None], list[Hit]]


@dataclass(frozen=True)
class Plan:
    """Which documents a question is answered from: ``primary`` (the current versions, or the versions
    a question names), and ``superseded`` (the other versions of the same documents, searched second);
    ``named`` when the question names a version, ``both`` when it asks for an earlier text and the current
    one (原来罚多少，现在罚多少？); ``asked`` what is sought in their texts once the words naming versions chose them."""

    primary: list[str] | None
    superseded: list[str]
    named: bool = False
    both: bool = False
    asked: str = ""  # what is sought in the texts: the question less the words naming versions ("": the question)


def named_year(question: str) -> int | None:
    """The year a question names as a version (2011年版, 2011年的条例, 2013版, 11年版, 二〇一一年的条例), or
    None; a year whose amendment the question reads before (2021年修订以前) names the year before it."""
    text = in_full_years(question)
    before = _BEFORE_YEAR.search(text)
    if before:
        return int(before.group(0)[:4]) - 1
    m = _NAMED_YEAR.search(text)
    return int(m.group(1)) if m else None


def in_full_years(text: str) -> str:
    """``text`` with the years that name a version written in four digits: 二〇一一年 -> 2011年, 11年版 ->
    2011年版, 09版 -> 2009年版, 按一一年的条例 -> 按2011年的条例 (two digits name a year of this century up to
    `TWO_DIGIT_CENTURY_SPLIT`, of the last one from it); lengths of time (满15年) stay as they are."""
    text = _CHINESE_YEAR.sub(lambda m: m.group(0).translate(_CHINESE_DIGITS), text)

    def full(m: re.Match[str]) -> str:
        year = int(m.group(1).translate(_CHINESE_DIGITS))
        return str(2000 + year if year < TWO_DIGIT_CENTURY_SPLIT else 1900 + year)

    text = _SHORT_YEAR.sub(full, text)
    return _SHORT_VERSION.sub(lambda m: full(m) + "年", text)


def without_version_words(question: str, spans: Sequence[tuple[int, int]] = ()) -> str:
    """``question`` with the words that name a version, an earlier or the current text struck out
    (按2012年那版绿化条例 -> 绿化条例, 原来罚多少，现在罚多少 -> 罚多少), and the characters within ``spans`` too
    (the name of the one document read), and the words asking what changed (检验周期有什么变化 -> 检验周期) unless
    they are all that is asked; the question itself when nothing else would be left. Years are read as
    `in_full_years` writes them (and ``spans`` are of that text)."""
    question = in_full_years(question)
    found = [m.span() for p in (_COMPARED, _VERSION_WORDS, _EARLIER_WORDS, _NOW_WORDS) for m in p.finditer(question) if m.end() > m.start()]
    change = [m.span() for m in _CHANGE.finditer(question) if m.end() > m.start()]
    for struck in ([*found, *spans, *change], [*found, *spans]):
        rest = _EMPTY_BRACKETS.sub("", _struck(question, struck)).strip().lstrip("，,；;、")
        # 原来罚多少，现在罚多少 leaves one question twice: it is asked once.
        rest = _REPEATED.sub(r"\1", rest)
        if len(rest) >= 2:
            return rest
    return question


def name_spans(question: str, title: str) -> list[tuple[int, int]]:
    """Where ``question`` names the document ``title``: runs that end with the kind of text the title ends
    with (法, 条例, 办法) and whose characters stand in the title in order, as a short name keeps them
    (绿化条例 of 青山市城市绿化条例, 校车办法 of 青山市校车安全管理办法, 档案法 of the 档案法 of the People's Republic), at
    least `MIN_NAME_CHARS` long or the whole title; longest first.

    Args:
        question: the question.
        title: a document's title (compared as `ingest.version.title_key` writes it).
    """
    key = _key(title)
    kind = _TITLE_KIND.search(key)
    if kind is None:
        at = question.find(key) if key else -1
        return [(at, at + len(key))] if at >= 0 and len(key) >= MIN_NAME_CHARS else []
    tail = kind.group(0)
    spans = []
    at = question.find(tail)
    while at >= 0:
        # Back from the kind word, each character of the question found further left in the title.
        i, j = at - 1, len(key) - len(tail) - 1
        while i >= 0 and j >= 0:
            k = key.rfind(question[i], 0, j + 1)
            if k < 0:
                break
            i, j = i - 1, k - 1
        start, end = i + 1, at + len(tail)
        if end - start >= min(MIN_NAME_CHARS, len(key)) and end - start > len(tail) or end - start == len(key):
            spans.append((start, end))
        at = question.find(tail, at + 1)
    return sorted(spans, key=lambda span: span[0] - span[1])


def best_named(question: str, titles: Mapping[str, str]) -> dict[str, list[tuple[int, int]]]:
    """Of ``titles`` (key → title), those ``question`` names by the longest run (`name_spans`), with their spans;
    of a tie, the ones named whole (教育法 names 教育法 rather than 义务教育法) when there are such."""
    found = {k: spans for k, title in titles.items() if (spans := name_spans(question, title))}
    if not found:
        return {}
    length = max(s[0][1] - s[0][0] for s in found.values())
    longest = {k: s for k, s in found.items() if s[0][1] - s[0][0] == length}
    whole = {k: s for k, s in longest.items() if question[s[0][0] : s[0][1]] == _key(titles[k])}
    return whole or longest


def _named_groups(question: str, versions: Mapping[str, Version], ids: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """The groups among ``ids`` whose title the question names best, with where it names them: by the
    longest name (of 档案法实施办法, the 实施办法, not the 档案法 it holds), then by the whole title (绿化条例
    names the 绿化条例 rather than the 城市绿化条例 it ends)."""
    found: dict[str, list[tuple[int, int]]] = {}
    rank: dict[str, tuple[int, bool]] = {}
    for d in ids:
        v = versions[d]
        if v.group in found:
            continue
        found[v.group] = spans = name_spans(question, v.title)
        if spans:
            length = spans[0][1] - spans[0][0]
            rank[v.group] = (length, length == len(_key(v.title)))
    best = max(rank.values(), default=None)
    return {g: found[g] for g, r in rank.items() if r == best}


@functools.lru_cache(maxsize=4096)
def _key(title: str) -> str:
    """`ingest.version.title_key`, kept: every question reads the title of every document."""
    return title_key(title)


def plan(question: str, versions: Mapping[str, Version], scope: Sequence[str] | None, compared: bool = False) -> Plan:
    """Which versions answer ``question`` within ``scope`` (None: every document); ``compared``: the question
    is a follow-up that only named an earlier text (原来呢？), which asks for it beside the current one.

    A question that names an earlier version (a year, 修订前, 旧版, 老档案法) is answered from the version
    named of each document that has versions, and only of the document it names when it names one; a
    document with no version of that time is left out (its text was not in force then), unless the
    question names it: then its oldest text answers, said to be the oldest held. When no version named
    is superseded, the current versions answer as usual.
    """
    ids = list(versions) if scope is None else [d for d in scope if d in versions]
    others = [d for d in (scope or []) if d not in versions]  # documents the version map does not know
    if not any(versions[d].versioned for d in ids):
        return Plan(None if scope is None else list(scope), [])
    question = in_full_years(question)  # 11年版 is read as 2011年版, 二〇一一年 as 2011年
    year = named_year(question)
    named = _named_groups(question, versions, ids)
    earlier = year is None and (
        bool(_EARLIER.search(question))
        or any(_EARLIER_BEFORE_NAME.search(question[:s]) for found in named.values() for s, _ in found)
    )
    current = [d for d in ids if versions[d].current]
    # 老档案法 reads the 档案法's earlier text: 老 names the version, and is no word to seek in it.
    marks = [m.span() for found in named.values() for s, _ in found if (m := _EARLIER_BEFORE_NAME.search(question[:s]))]
    # Asked what changed (有什么变化) or compared with an earlier text (跟以前比), with no year: both texts.
    if year is None and ((compared and earlier) or _COMPARED.search(question) or _CHANGE.search(question)):
        asked = without_version_words(question, marks)
        return Plan(current + others, [d for d in ids if not versions[d].current], both=True, asked=asked)
    if year is not None or earlier:
        if _NOW.search(question):
            asked = without_version_words(question, marks)
            return Plan(current + others, [d for d in ids if not versions[d].current], both=True, asked=asked)
        chosen = _in_force(ids, versions, year)
        if named:
            chosen = [d for d in chosen if versions[d].group in named]
            if not chosen and year is not None:
                # The document it names has no version that old here: its oldest text is the nearest to
                # the year asked (a 1999 law held only as amended in 2017), and the answer says so.
                chosen = [d for d in ids if versions[d].group in named and versions[d].versioned and versions[d].order == 1]
        if any(not versions[d].current for d in chosen):
            return Plan(chosen, [d for d in ids if d not in set(chosen)], named=True, asked=without_version_words(question, marks))
    # A year that names the current text (2024年版, when the 2024 text is current) chose it: it is not sought in
    # it either. A year before every text held (2010年的规定, the oldest text of 2014) chose none: it stays.
    names_current = year is not None and any(
        versions[d].versioned and (y := year_of(versions[d].date)) is not None and y <= year for d in current
    )
    # Words for the current text (修订后, 现行, 新办法) chose it too: they are not sought in it either.
    asked = without_version_words(question, marks) if names_current or _NOW.search(question) else ""
    return Plan(current + others, [d for d in ids if not versions[d].current], asked=asked)


def only_earlier(text: str) -> bool:
    """Whether ``text`` says nothing but that an earlier text is meant (原来, 修改以前, 旧版的): a follow-up made of
    it asks the previous question of the earlier text."""
    words = text.strip("，,。？?！! ")
    return bool(words) and _EARLIER_WORDS.fullmatch(words) is not None


def with_versions(ids: Sequence[str], versions: Mapping[str, Version]) -> list[str]:
    """``ids`` with every other version of their documents that ``versions`` holds (the asker may read), in
    the order of ``ids``: a document quoted in one version is the same document in the others."""
    groups = {versions[d].group for d in ids if d in versions}
    out = list(dict.fromkeys(ids))
    return out + [d for d, v in versions.items() if v.group in groups and d not in out]


def _struck(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` less the characters within ``spans`` (which may overlap)."""
    gone = {i for a, b in spans for i in range(a, b)}
    return "".join(ch for i, ch in enumerate(text) if i not in gone)


def _in_force(ids: Sequence[str], versions: Mapping[str, Version], year: int | None) -> list[str]:
    """Of the documents with versions, per document the version in force in ``year`` (the newest dated in
    or before it); with no year, the version before the current one. A document with no version of that
    time is left out."""
    groups: dict[str, list[Version]] = {}
    for d in ids:
        if versions[d].versioned:
            groups.setdefault(versions[d].group, []).append(versions[d])
    out: list[str] = []
    for members in groups.values():
        if year is None:
            wanted = max((v.order for v in members if not v.current), default=None)
        else:
            dated = [v.order for v in members if (y := year_of(v.date)) is not None and y <= year]
            wanted = max(dated, default=None)
        if wanted is not None:
            out += [v.doc_id for v in members if v.order == wanted]
    return out


@functools.lru_cache(maxsize=32)
def compared(old_text: str, new_text: str) -> tuple[Change, ...]:
    """`ingest.revision.compare` of two texts, kept for the last pairs asked about: the same old and
    current versions come back question after question, and comparing them costs a few hundred ms
    in a large index (keyed by the texts themselves, so a changed document is compared afresh)."""
    return tuple(compare(old_text, new_text))


def stamp(citations: Sequence[Citation], versions: Mapping[str, Version]) -> tuple[Citation, ...]:
    """``citations`` with their source's version date, its label and whether it is current."""
    out = []
    for c in citations:
        v = versions.get(c.doc_id)
        if v is None:
            out.append(c)
        else:
            label = v.label if v.date else ""
            out.append(replace(c, version=v.date, version_label=label, current=v.current, versioned=v.versioned))
    return tuple(out)


class VersionedAnswerer:
    """The extractive answerer, over the current versions first (see the module docstring)."""

    def __init__(self, retrieve: Retrieve, answerer: ExtractiveAnswerer, judge: EvidenceJudge, source: VersionSource) -> None:
        """
        Args:
            retrieve: passages for a question within some documents (None: all).
            answerer: answers from passages.
            judge: rules whether a superseded text answers instead of the current one.
            source: document texts and chunks (the index).
        """
        self.retrieve = retrieve
        self.answerer = answerer
        self.judge = judge
        self.source = source

    def answer(
        self,
        question: str,
        versions: Mapping[str, Version],
        scope: Sequence[str] | None = None,
        required: Sequence[str] = (),
        compared: bool = False,
    ) -> Answer:
        """The answer to ``question`` from the documents in ``scope`` (None: all), versions considered.

        Args:
            question: the question (stand-alone).
            versions: the version of every document the asker may read (`ingest.version.resolve`).
            scope: the documents to answer from; None: every document.
            required: things an answer must state (what a follow-up newly named; see
                `assistant.answer.ExtractiveAnswerer.answer`).
            compared: a follow-up that only named an earlier text (`plan`).
        """
        p = plan(question, versions, scope, compared)
        # The words naming a version chose it: they are not sought in its text (nor, asked for the earlier
        # text and the current one, in either).
        asked = p.asked or question
        if p.named:
            named, named_assessed = self.answerer.answer_assessed(asked, self.retrieve(asked, p.primary), required)
            # A noun asked about that the text named holds nowhere and an article the amendment added holds
            # (电子档案, asked of a text before the article on it came in): that text says nothing on it, however
            # its other sentences meet the question's other words. An article the amendment only changed has its
            # earlier form in that text, which answers, with what became of it.
            gained = [] if named.refused else self._gained_words(named, named_assessed, p.primary or [], versions)
            if named.refused or gained:
                since = self._added_since(question, asked, p.primary or [], versions, required)
                said = [c.quote for c in named.citations]
                if since is not None and (named.refused or self._quotes_added(since, gained, p.primary or [], versions, said)):
                    return since
            return self._named(replace(named, question=question), versions)
        answer, assessed = self.answerer.answer_assessed(asked, self.retrieve(asked, p.primary), required)
        answer = replace(answer, question=question)
        if not p.superseded:
            return replace(answer, citations=stamp(answer.citations, versions))
        old, old_assessed = self._from_superseded(asked, p.superseded, versions, required)
        if old.refused:
            return replace(answer, citations=stamp(answer.citations, versions))
        old = replace(old, question=question, citations=tuple(self._latest(c, versions) for c in old.citations))
        fates = [(c, self._changes(c, versions)) for c in old.citations]
        gone = [(c, [ch for ch in changes if ch.kind != "same"]) for c, changes in fates]
        gone = [(c, changes) for c, changes in gone if changes]
        if not answer.refused:
            # A superseded text is weighed against the current text of its own document only: a current
            # answer from another document (甲法) is no reason to show an old 乙法 article instead.
            gone = self._against_own_current(asked, gone, answer, assessed, _best(old_assessed) or 0.0, versions, required)
        if not gone:
            if answer.refused:
                # The superseded version's words stand in the current one, which retrieval missed: quote them there.
                moved = [self._relocate(c, versions) for c in old.citations]
                if all(m is not None for m in moved):
                    # Quoted as the current version writes them: its brackets, its article numbers.
                    text = old.text
                    for was, now in zip(old.citations, moved, strict=True):
                        if now is not None:
                            text = text.replace(was.quote, now.quote)
                    return replace(old, text=text, citations=stamp([m for m in moved if m is not None], versions))
            return replace(answer, citations=stamp(answer.citations, versions))
        lost = self._lost_words(old_assessed, [c for c, _ in gone], versions)
        if not lost and not p.both and not self.judge.prefer_superseded(_verdict(assessed), _best(assessed), _best(old_assessed) or 0.0):
            return replace(answer, citations=stamp(answer.citations, versions))
        terms = frozenset(normalized(t) for a in assessed for t, _ in a.view.focus.terms if len(t) >= 2)
        return self._superseded(question, answer, old, self._replacements(gone, versions), versions, terms)

    def _against_own_current(
        self,
        question: str,
        gone: list[tuple[Citation, list[Change]]],
        current: Answer,
        assessed: Sequence[Assessment],
        old_best: float,
        versions: Mapping[str, Version],
        required: Sequence[str],
    ) -> list[tuple[Citation, list[Change]]]:
        """The superseded citations that may stand beside or instead of the current answer: those of a
        document the current answer cites (`answer` weighs them against it), and those of another document
        whose own current version does not answer as well (searched alone, it refuses, or its best sentence
        scores ``superseded_margin`` or more below the superseded one's: `prefer_superseded`), that
        answer as well as the current answer does, and that hold a word the question asks about which
        the current answer's quotes do not (else the current answer from another document answers it, and
        the old text would only stand beside it as clutter). Between two documents there is no version to prefer:
        the better answer is the better sentence, so words the question shares with another document's old
        text alone (各地) do not bring it in."""
        cited = {versions[c.doc_id].group for c in current.citations if c.doc_id in versions}
        if not self.judge.prefer_superseded(_verdict(assessed), _best(assessed), old_best):
            return [(c, changes) for c, changes in gone if versions[c.doc_id].group in cited]
        # The words the question asks about: another document's old text that holds none of them beyond
        # what the current answer quotes does not answer the question better, however its sentence scores.
        terms = {normalized(t) for a in assessed for t, _ in a.view.focus.terms if len(t) >= 2}
        answered = normalized("".join(c.quote for c in current.citations))
        adds = {versions[c.doc_id].group for c, _ in gone if _adds_asked(terms, c.quote, answered)}
        verdicts: dict[str, bool] = {}
        kept = []
        for citation, changes in gone:
            v = versions[citation.doc_id]
            if v.group not in cited and v.group not in adds:
                continue
            if v.group not in cited and v.group not in verdicts:
                # Only whether it answers, and how well, is read.
                _, own = self.answerer.answer_assessed(
                    question, self.retrieve(question, [v.current_id]), required, answers_only=True
                )
                verdicts[v.group] = self.judge.prefer_superseded(_verdict(own), _best(own), old_best)
            if v.group in cited or verdicts[v.group]:
                kept.append((citation, changes))
        return kept

    def _from_superseded(
        self, question: str, superseded: Sequence[str], versions: Mapping[str, Version], required: Sequence[str]
    ) -> tuple[Answer, list[Assessment]]:
        """The answer from the superseded versions: first from the newest of each document (the text the
        current one replaced), then, when that holds nothing, from all of them (a provision an earlier
        amendment already struck). A refusal from them is not read (the current versions' answer stands),
        so the answerer need not say why they do not answer (``answers_only``)."""
        newest = _newest(superseded, versions)
        if len(newest) < len(superseded):
            answer, assessed = self.answerer.answer_assessed(
                question, self.retrieve(question, newest), required, answers_only=True
            )
            if not answer.refused:
                return answer, assessed
        return self.answerer.answer_assessed(
            question, self.retrieve(question, list(superseded)), required, answers_only=True
        )

    def _lost_words(
        self, assessed: Sequence[Assessment], cited: Sequence[Citation], versions: Mapping[str, Version]
    ) -> list[str]:
        """The question's topic words that a superseded quote holds and its current version no longer
        does anywhere (还要备案吗, when the amendment struck 备案): the question is asked in the words of
        the superseded provision, so that provision, flagged, and what replaced it answer it."""
        terms = {t for a in assessed for t, _ in a.view.focus.terms if len(t) >= 2}
        lost = []
        for c in cited:
            now = normalized(self.source.document_text(versions[c.doc_id].current_id))
            quote = normalized(c.quote)
            lost += [t for t in sorted(terms) if normalized(t) in quote and normalized(t) not in now and t not in lost]
        return lost

    def _gained_words(
        self, answer: Answer, assessed: Sequence[Assessment], named: Sequence[str], versions: Mapping[str, Version]
    ) -> list[str]:
        """The question's topic nouns (normalized) that no superseded text among ``named`` holds anywhere and
        the current version of its document does: what an amendment brought in, asked of a text before it. A
        noun that the answer from the superseded text (``answer``) quotes with one character written otherwise
        (帐簿 for 账簿: a variant form the amendment replaced) is held by it."""
        terms = sorted({normalized(t) for a in assessed for t, _ in a.view.focus.terms if len(t) >= 2 and is_noun(t)})
        olds = [versions[d] for d in named if d in versions and not versions[d].current]
        if not terms or not olds:
            return []
        before = " ".join(normalized(self.source.document_text(v.doc_id)) for v in olds)
        now = " ".join(
            normalized(self.source.document_text(d)) for d in dict.fromkeys(v.current_id for v in olds) if d in versions
        )
        quoted = normalized("".join(c.quote for c in answer.citations))
        return [t for t in terms if t in now and t not in before and not _one_off(t, quoted)]

    def _quotes_added(
        self,
        answer: Answer,
        words: Sequence[str],
        named: Sequence[str],
        versions: Mapping[str, Version],
        said: Sequence[str] = (),
    ) -> bool:
        """Whether ``answer`` (from current texts) quotes one of ``words`` from an article that has no
        counterpart in the superseded text among ``named`` of its document (`ingest.revision.compare`: added),
        and no clause holding one of them is one that a quote of the named text (``said``) states in other
        words (`_restated`: 禁止…使用某药 written where that text has 严禁…使用禁用的药物): the new noun then names
        what the named text held under another name, and that text answers."""
        olds = {versions[d].group: d for d in named if d in versions and not versions[d].current}
        earlier = [c for q in said for c in _clauses(q)]
        found = False
        for c in answer.citations:
            v = versions.get(c.doc_id)
            if v is None or v.group not in olds or not any(w in normalized(c.quote) for w in words):
                continue
            new_text = self.source.document_text(c.doc_id)
            added = {ch.new.start for ch in compared(self.source.document_text(olds[v.group]), new_text) if ch.kind == "added" and ch.new is not None}
            for a in articles_in(new_text, c.start, c.end):
                if a.start not in added:
                    continue
                held = [k for k in _clauses(_within(c, a)) if any(w in k for w in words)]
                if any(_restated(k, words, earlier) for k in held):
                    return False
                found = found or bool(held)
        return found

    def _named(self, answer: Answer, versions: Mapping[str, Version]) -> Answer:
        """An answer from a version the question named, saying when that version is not current and what
        the current version made of each article quoted (kept, changed and where it stands now, or deleted)."""
        citations = stamp(answer.citations, versions)
        old = [c for c in citations if not c.current]
        if answer.refused or not old:
            return replace(answer, citations=citations)
        v = versions[old[0].doc_id]
        now = versions[v.current_id]
        note = f"以下依据{_words(v)}文本，该文本已被现行文本（{now.label}）取代，不是现行规定：\n"
        year, held = named_year(answer.question), year_of(v.date)
        if year is not None and held is not None and year < held:
            note = f"资料中没有{year}年时的文本，以下依据现存最早的{_words(v)}文本，该文本已被现行文本（{now.label}）取代，不是现行规定：\n"
        fates = self._fates(old, versions)
        tail = f"\n对照现行文本（{now.label}）：{'；'.join(fates)}。" if fates else ""
        return replace(answer, text=note + answer.text + tail, citations=citations, superseded=True)

    def _added_since(
        self, question: str, asked: str, named: Sequence[str], versions: Mapping[str, Version], required: Sequence[str]
    ) -> Answer | None:
        """The answer from the current versions of the documents whose earlier text a question named, when
        that text holds nothing on it (以前有这个要求吗, of a rule an amendment added): said to be from the
        current text, after the words that the earlier text held nothing found (None: the current text
        answers no better)."""
        olds = [versions[d] for d in named if not versions[d].current]
        if not olds:
            return None
        current = list(dict.fromkeys(v.current_id for v in olds if v.current_id in versions))
        answer, _ = self.answerer.answer_assessed(asked, self.retrieve(asked, current), required, answers_only=True)
        if answer.refused:
            return None
        # The earlier text named is that of the document the answer cites (of several named, not the first).
        cited = {versions[c.doc_id].group for c in answer.citations if c.doc_id in versions}
        was = next((v for v in olds if v.group in cited), olds[0])
        now = versions[was.current_id]
        note = f"在{_words(was)}文本中没有找到相关规定，以下依据现行文本（{now.label}）：\n"
        return replace(answer, question=question, text=note + answer.text, citations=stamp(answer.citations, versions))

    def _fates(self, cited: Sequence[Citation], versions: Mapping[str, Version]) -> list[str]:
        """What the current version made of each article the superseded citations quote, in words (原第二十四条已修改，
        现行规定见第三十一条; 原第九条已修改，现行规定仍在第九条; 原第十八条已删除; 原第五条所引内容未作修改): the asker
        of an old text learns what stands now, and where, without the current text being quoted as the answer. An
        article any quote of which changed is said to have changed."""
        fates: dict[tuple[str, int], tuple[int, str]] = {}  # (document, article start) -> (rank, words); a change outranks "unchanged"
        for c in cited:
            v = versions[c.doc_id]
            if v.current_id == c.doc_id or v.current_id not in versions:
                continue
            old_text = self.source.document_text(c.doc_id)
            new_text = self.source.document_text(v.current_id)
            changes = {ch.old.start: ch for ch in compared(old_text, new_text) if ch.old is not None}
            for article in articles_in(old_text, c.start, c.end):
                change = changes.get(article.start)
                if change is None:
                    continue
                was = f"原{article.label}" if article.label else "该规定"
                words = _within(c, article)
                kept = locate(new_text, words)
                if kept is not None:
                    # The words quoted stand in the current text (its article may have changed elsewhere).
                    home = article_at(new_text, kept[0])
                    moved = f"，现为{home.label}" if home is not None and home.label and home.label != article.label else ""
                    rest = "，该条其他内容有修改" if change.kind != "same" else ""
                    fate = (0, f"{was}所引内容未作修改{moved}{rest}")
                else:
                    piece = counterpart(words, change, new_text, MAX_COUNTERPART_CHARS)
                    if piece is not None:
                        # Where the rule stands now, also when its article kept its number (原第四条已修改 alone
                        # leaves the asker to guess whether it moved or went).
                        where = ""
                        if piece.label:
                            still = "仍在" if piece.label == article.label else "见"
                            where = f"，现行规定{still}{piece.label}"
                        fate = (1, f"{was}已修改{where}")
                    elif change.kind == "deleted":
                        fate = (1, f"{was}已删除")
                    elif (kept_at := _kept_article(change)) is not None:
                        # The article stands (renumbered, perhaps) without the words quoted.
                        moved = f"现为{kept_at}，" if kept_at != article.label else ""
                        fate = (1, f"{was}{moved}所引内容已不在该条中")
                    else:
                        fate = (1, f"{was}已改写，没有与之对应的条文")
                key = (c.doc_id, article.start)
                if key not in fates or fate[0] > fates[key][0]:
                    fates[key] = fate
        return list(dict.fromkeys(words for _, words in fates.values()))

    def _changes(self, citation: Citation, versions: Mapping[str, Version]) -> list[Change]:
        """What became, in the current version, of each article a superseded citation quotes (none when
        the source is current or the quote stands unchanged in the current version)."""
        v = versions.get(citation.doc_id)
        if v is None or v.current:
            return []
        new_text = self.source.document_text(v.current_id)
        if normalized(citation.quote) in normalized(new_text):
            return []
        old_text = self.source.document_text(citation.doc_id)
        quoted = articles_in(old_text, citation.start, citation.end)
        changes = compared(old_text, new_text) if quoted else ()
        return [ch for ch in changes if ch.old in quoted]

    def _latest(self, citation: Citation, versions: Mapping[str, Version]) -> Citation:
        """A superseded citation moved to the newest superseded version of its document that holds the same
        words: with three versions (2019, 2022, 2023) a provision the 2023 text deleted is the 2022 text's,
        and what changed is told between the 2022 and the current text, not from an older reprint."""
        v = versions.get(citation.doc_id)
        if v is None or v.current:
            return citation
        later = sorted(
            (w for w in versions.values() if w.group == v.group and not w.current and w.order > v.order),
            key=lambda w: -w.order,
        )
        for w in later:
            span = locate(self.source.document_text(w.doc_id), citation.quote)
            if span is not None:
                moved = self._cite_article(w.doc_id, *span, citation.n, cut=False)
                if moved is not None:
                    return moved
        return citation

    def _relocate(self, citation: Citation, versions: Mapping[str, Version]) -> Citation | None:
        """The citation quoting the same words in the current version of its document (None: not found there);
        the words are found as versions are compared (`locate`: （一） of one text is (一) of
        the other), and quoted as the current version writes them."""
        v = versions.get(citation.doc_id)
        if v is None:
            return None
        span = locate(self.source.document_text(v.current_id), citation.quote)
        if span is None:
            return None
        return self._cite_article(v.current_id, *span, citation.n, cut=False)

    def _replacements(
        self, gone: Sequence[tuple[Citation, list[Change]]], versions: Mapping[str, Version]
    ) -> list[tuple[Citation, list[tuple[Change, Article | None]]]]:
        """For each superseded citation, each article it quotes with what replaced it in the current
        version (`ingest.articles.counterpart`; None: deleted)."""
        out = []
        for cited, changes in gone:
            new_text = self.source.document_text(versions[cited.doc_id].current_id)
            pairs = [
                (ch, None if ch.old is None else counterpart(_within(cited, ch.old), ch, new_text, MAX_COUNTERPART_CHARS))
                for ch in changes
            ]
            out.append((cited, pairs))
        return out

    def _superseded(
        self,
        question: str,
        current: Answer,
        old: Answer,
        replaced: Sequence[tuple[Citation, list[tuple[Change, Article | None]]]],
        versions: Mapping[str, Version],
        terms: frozenset[str] = frozenset(),
    ) -> Answer:
        """The answer that quotes the current text first and then the superseded provision, said to be no
        longer in force; a provision the current version deleted is named as deleted.

        A reader takes the first quote for the rule: so what is in force now leads (现行文本…第四十四条规定),
        a current article restating the words asked of the old quote first (`_kept_quotes`), then what replaced
        each superseded article; the superseded text follows, flagged, with the article that
        replaced it named as the change list pairs them (修改前…原规定…，已被现行文本第四十四条取代，不是现行规定).
        Only when nothing in the current version replaced the provision does the superseded text come first,
        followed by the note that it was deleted.

        Args:
            terms: the question's topic words (normalized): an article the change list calls added is not
                said to be new when a superseded quote beside it states the same words asked about.
        """
        now_parts: list[tuple[str, str, Citation]] = []  # (version, article, quote) that replaced old text
        old_parts: list[tuple[Version, Citation, list[tuple[Change, Article | None]], bool]] = []
        shown: set[tuple[str, int]] = set()  # current articles already quoted
        for cited, pairs in replaced:
            v = versions[cited.doc_id]
            now = versions[v.current_id]
            quoted_any = False
            for _, piece in pairs:
                if piece is None or (now.doc_id, piece.start) in shown:
                    quoted_any = quoted_any or piece is not None
                    continue
                quote = self._cite_article(now.doc_id, piece.start, piece.end, 0)
                if quote is None:
                    continue
                shown.add((now.doc_id, piece.start))
                quoted_any = True
                now_parts.append((now.label, piece.label or "相应条文", quote))
            old_parts.append((v, cited, pairs, quoted_any))
        parts: list[str] = []
        citations: list[Citation] = []

        def cite(c: Citation) -> int:
            citations.append(replace(c, n=len(citations) + 1))
            return len(citations)

        olds = [c for c, _ in replaced]
        kept = self._kept_quotes(current, [(versions[c.doc_id], c) for c in olds], versions, terms)
        kept = [k for k in kept if not any(_overlaps(k[1], q) for _, _, q in now_parts)]

        def say_added() -> None:
            for lead, quote, _ in kept:
                parts.append(f"{lead}{quote.quote}[{cite(quote)}]")

        # A current article restating the words asked of an old quote is the current rule on the point: it
        # leads; then what replaced each old article (found from the old words, which may have met the
        # question in a word only), then what the current text added and what other documents say.
        restating = [q.quote for _, q, r in kept if r and now_parts]
        if now_parts:
            for lead, quote, _ in [k for k in kept if k[2]]:
                parts.append(f"{lead}{quote.quote}[{cite(quote)}]")
            kept = [k for k in kept if not k[2]]
        for label, where, quote in now_parts:
            quote = _past_label(quote, [where])
            parts.append(f"现行文本（{label}）{where}规定：{quote.quote}[{cite(quote)}]")
        if now_parts:
            say_added()
        # Quotes of one superseded article are said once, together (修改前…第五条规定：…[2]…[3]).
        quotes: dict[tuple[str, str], list[str]] = {}
        notes: dict[tuple[str, str], list[str]] = {}
        heads: dict[tuple[str, str], tuple[str, str]] = {}
        for v, cited, pairs, quoted_any in old_parts:
            now = versions[v.current_id]
            # An article split in two is one article quoted: its number is said once (第四条, not 第四条、第四条).
            named = list(dict.fromkeys(ch.old.label for ch, _ in pairs if ch.old is not None and ch.old.label))
            labels = "、".join(named)
            key = (cited.doc_id, labels or str(len(heads)))
            cited = _past_label(cited, named)
            quotes.setdefault(key, []).append(f"{cited.quote}[{cite(cited)}]")
            if key in heads:
                continue
            if quoted_any:
                # Named as the change list pairs them: the reader is not left to take another current quote for it.
                successors = "、".join(dict.fromkeys(p.label for _, p in pairs if p is not None and p.label))
                heads[key] = (
                    f"修改前，{_words(v)}文本{labels}规定：",
                    f"\n该规定已被现行文本（{now.label}）{successors}取代，不是现行规定。",
                )
            else:
                heads[key] = (f"该规定见于{_words(v)}文本{labels}，已被现行文本（{now.label}）取代，不是现行规定：", "")
            notes[key] = []
            for change, piece in pairs:
                assert change.old is not None
                which = change.old.label if len(pairs) > 1 else ""
                if piece is None and change.kind == "deleted":
                    notes[key].append(f"现行文本（{now.label}）已删除{which or '该规定'}，没有对应条文。")
                elif piece is None and (stands := _kept_article(change)) is not None:
                    # The article stands (renumbered, perhaps), without the words quoted: it is named where it stands.
                    before = f"原{change.old.label}现为" if change.old.label and change.old.label != stands else ""
                    where = f"{before}现行文本（{now.label}）{stands}，该条" if before else f"现行文本（{now.label}）{stands}"
                    notes[key].append(f"{where}已不含所引内容。")
                elif piece is None:
                    # Rewritten so far that no current article carries it on: no article is named as its successor.
                    notes[key].append(f"现行文本（{now.label}）已改写{which or '该规定'}，没有与之对应的条文。")
                elif not quoted_any:
                    notes[key].append(f"现行文本（{now.label}）已修改{which or '该规定'}。")
        for key, (lead, tail) in heads.items():
            parts.append(lead + "\n".join(quotes[key]) + tail)
            parts.extend(notes[key])
        if not now_parts:  # else said above
            say_added()
        # 有哪几种 answered by a list: its count is said first, as an answer from one text says it (共三种：),
        # counted in what is in force now (the current quotes), not in the superseded text beside it.
        in_force = [q.quote for _, _, q in now_parts] + [q.quote for _, q, _ in kept] + restating
        lead = count_lead(question, "\n".join(in_force)) if in_force else ""
        return Answer(
            question,
            (f"{lead}\n" if lead else "") + "\n".join(parts),
            refused=False,
            verified=True,
            citations=stamp(citations, versions),
            hits=(*current.hits, *old.hits),
            timings_ms={k: current.timings_ms.get(k, 0.0) + old.timings_ms.get(k, 0.0) for k in current.timings_ms},
            notes=(),
            superseded=True,
        )

    def _kept_quotes(
        self,
        current: Answer,
        superseded: Sequence[tuple[Version, Citation]],
        versions: Mapping[str, Version],
        terms: frozenset[str] = frozenset(),
    ) -> list[tuple[str, Citation, bool]]:
        """The current answer's quotes that stand beside the superseded text, each with the words that
        lead it: quotes from articles the current version added (articles with no counterpart in the
        superseded version quoted beside them, `ingest.revision.compare`), whose words the superseded text
        never stands in for, and the current answer's best quote when it holds a sentence the superseded
        version holds nowhere (one the amendment wrote into an article it kept); and quotes from other
        documents, whose rule no old text of this one replaces (a superseded text is weighed against the
        current text of its own document only). An article the change list calls added is said to be new
        (新增的) only when no superseded quote shown beside it states one of the question's ``terms`` it
        states too: the two then rule on the point asked, and calling one new beside the other replaced
        would contradict itself; such a quote is marked (True: it restates the words asked of the old text).
        Words of the document's title (the law the question names) are no words asked about.
        """
        said_before = [normalized(c.quote) for _, c in superseded]
        if current.refused:
            return []
        old_of: dict[str, str] = {}  # group -> the superseded version quoted
        for was, _ in superseded:
            old_of.setdefault(was.group, was.doc_id)
        out = []
        for c in current.citations:
            v = versions.get(c.doc_id)
            if v is not None and not v.current:
                continue
            new_text = self.source.document_text(c.doc_id)
            if v is None or v.group not in old_of:
                home = articles_in(new_text, c.start, c.end)
                where = home[0].label if home and home[0].label else ""
                dated = f"（{v.label}）" if v is not None and v.versioned and v.date else ""
                out.append((f"《{c.doc_title.strip('《》')}》{dated}{where}规定：", _past_label(c, [where]), False))
                continue
            old_text = self.source.document_text(old_of[v.group])
            changes = compared(old_text, new_text)
            added = {ch.new.start: ch.new for ch in changes if ch.kind == "added" and ch.new is not None}
            spanned = articles_in(new_text, c.start, c.end)
            home = [a for a in spanned if a.start in added]
            if home:
                if len(home) < len(spanned):
                    # A quote running over articles the amendment kept as well (第一条…第三条, of which only the
                    # 第三条 is new) is cut to the added ones: the words said to be new are those of the new article.
                    cut = self._cite_article(c.doc_id, max(c.start, home[0].start), min(c.end, home[-1].end), c.n, cut=False)
                    c = cut if cut is not None and cut.quote.strip() else c
                held, title = normalized(c.quote), normalized(c.doc_title)
                shared = bool(home[0].label) and any(
                    t in held and t not in title and t in old for t in terms for old in said_before
                )
                new_word = "" if shared else "新增的"
                out.append((f"现行文本（{v.label}）{new_word}{home[0].label or '条文'}规定：", _past_label(c, [home[0].label]), shared))
            elif c is current.citations[0] and _new_words(c.quote, old_text):
                # The current answer's best quote, a sentence the amendment wrote into an article it kept
                # (演练后十日内形成总结): the superseded text never said it, so nothing old stands in for it.
                home = articles_in(new_text, c.start, c.end)
                where = home[0].label if home and home[0].label else ""
                out.append((f"现行文本（{v.label}）{where}规定：", _past_label(c, [where]), False))
        return out

    def _cite_article(self, doc_id: str, start: int, end: int, n: int, *, cut: bool = True) -> Citation | None:
        """A citation quoting a document's text from ``start`` to ``end`` (cut at a sentence end when long)."""
        chunk = self.source.chunk_at(doc_id, start)
        if chunk is None:
            return None
        text = self.source.document_text(doc_id)
        end = _cut(text, start, end) if cut else end
        cited = citation_for(n, Hit(chunk, 0.0, 0), start - chunk.start, min(end, chunk.end) - chunk.start)
        return replace(cited, quote=text[start:end], end=end)


def _newest(ids: Sequence[str], versions: Mapping[str, Version]) -> list[str]:
    """Of ``ids``, per document, the versions of the newest date among them."""
    top: dict[str, int] = {}
    for d in ids:
        v = versions[d]
        top[v.group] = max(top.get(v.group, 0), v.order)
    return [d for d in ids if versions[d].order == top[versions[d].group]]


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` stands in ``text`` when the two are read as versions are compared (`ingest.articles.normalized`:
    full-width and half-width forms alike, spacing aside): its span in ``text``, or None. A 2014 text
    writing (一) and its 2024 amendment writing （一） hold the same words, and an article the amendment
    renumbered holds its words under its new number (第十二条 … found as 第十四条 …)."""
    span = _locate(text, quote)
    label = LEADING_LABEL.match(quote.lstrip())
    if span is not None or label is None:
        return span
    span = _locate(text, quote.lstrip()[label.end() :])
    if span is None:
        return None
    line = text.rfind("\n", 0, span[0]) + 1
    own = LEADING_LABEL.fullmatch(text[line : span[0]])
    return (line if own else span[0]), span[1]


def _locate(text: str, quote: str) -> tuple[int, int] | None:
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    target = normalized(quote)
    if not target:
        return None
    folded: list[str] = []
    origin: list[int] = []  # the offset in ``text`` of each character of ``folded``
    for i, ch in enumerate(text):
        for f in normalized(ch):
            folded.append(f)
            origin.append(i)
    k = "".join(folded).find(target)
    if k < 0:
        return None
    return origin[k], origin[k + len(target) - 1] + 1


def _new_words(quote: str, old_text: str) -> bool:
    """Whether a current quote holds a sentence that ``old_text`` (its superseded version) holds nowhere,
    read as versions are compared (`ingest.articles.normalized`; the article number aside)."""
    body = LEADING_LABEL.sub("", quote.strip())
    old = normalized(old_text)
    sentences = [normalized(body[a:b]) for a, b in sentence_spans(body)]
    return any(len(s) >= MIN_NEW_SENTENCE and s not in old for s in sentences)


def _adds_asked(terms: set[str], quote: str, answered: str) -> bool:
    """Whether ``quote`` holds one of the question's ``terms`` (normalized) that ``answered`` (the current
    answer's quotes, normalized) does not."""
    held = normalized(quote)
    return any(t in held and t not in answered for t in terms)


def _past_label(c: Citation, labels: Sequence[str]) -> Citation:
    """``c`` quoted from past its article's label when the words leading the quote name that label already
    (第四十二条规定：第四十二条 职业学校… reads 第四十二条规定：职业学校…); ``c`` itself otherwise, or when
    nothing would be left."""
    m = LEADING_LABEL.match(c.quote)
    if m is None or m.end() >= len(c.quote) or m.group(0).strip() not in {x for x in labels if x}:
        return c
    return replace(c, quote=c.quote[m.end() :], start=c.start + m.end())


def _clauses(text: str) -> list[str]:
    """The clauses of ``text`` (split at commas, stops and line ends), each as versions are compared."""
    return [k for k in (normalized(x) for x in _CLAUSE_END.split(LEADING_LABEL.sub("", text.strip()))) if k]


def _restated(clause: str, words: Sequence[str], earlier: Sequence[str]) -> bool:
    """Whether one of the ``earlier`` clauses says ``clause`` in other words: with ``words`` (its new nouns) set
    aside, `RESTATED` of the clause's character pairs (at least `MIN_RESTATED_PAIRS`) stand in it."""
    rest = clause
    for w in words:
        rest = rest.replace(w, "\x00")
    pairs = {p for p in _char_pairs(rest) if "\x00" not in p}
    if len(pairs) < MIN_RESTATED_PAIRS:
        return False
    return any(len(pairs & _char_pairs(k)) >= RESTATED * len(pairs) for k in earlier)


def _char_pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _one_off(word: str, text: str) -> bool:
    """Whether ``text`` holds ``word`` with exactly one of its characters written otherwise."""
    return any(re.search(re.escape(word[:i]) + "." + re.escape(word[i + 1 :]), text) for i in range(len(word)))


def _overlaps(a: Citation, b: Citation) -> bool:
    """Whether two citations quote overlapping text of one document."""
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


def _kept_article(change: Change) -> str | None:
    """The label of the current article that an old one became, when the two are one article by their text
    (`ingest.articles.SIMILAR` alike, renumbered or not), else None: a quote of the old one that nothing there
    carries on was struck from an article that stands, not from one rewritten past recognition."""
    if change.kind != "changed" or change.new is None or change.similarity < SIMILAR or not change.new.label:
        return None
    return change.new.label


def _within(cited: Citation, article: Article) -> str:
    """The part of a citation's quote that lies in one article of its document."""
    a = max(cited.start, article.start) - cited.start
    b = min(cited.end, article.end) - cited.start
    return cited.quote[a:b] if b > a else cited.quote


def _cut(text: str, start: int, end: int) -> int:
    """``end``, or the last sentence end within `MAX_COUNTERPART_CHARS` of ``start`` when the span is longer."""
    if end - start <= MAX_COUNTERPART_CHARS:
        return end
    window = text[start : start + MAX_COUNTERPART_CHARS]
    stop = max(window.rfind(m) for m in "。；\n")
    return start + stop + 1 if stop > 0 else start + MAX_COUNTERPART_CHARS


def _words(v: Version) -> str:
    """A version named in a sentence: 2011年5月1日修订的 (a date alone: 2011年5月1日的)."""
    return f"{v.label}的" if v.date else "旧版"


def _best(assessed: Sequence[Assessment]) -> float | None:
    """The best score among the sentences chosen for the answered parts of a question."""
    scores = [a.chosen[0].score for a in assessed if a.verdict.decision == "answer" and a.chosen]
    return max(scores) if scores else None


def _verdict(assessed: Sequence[Assessment]) -> Verdict:
    """The ruling on the question as a whole: answered when any part is."""
    answered = [a.verdict for a in assessed if a.verdict.decision == "answer"]
    if answered:
        return answered[0]
    return assessed[0].verdict if assessed else Verdict("refuse", 0.0)
