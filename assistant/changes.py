"""What changed between two versions of a document, listed: the answer to 修订后删去了哪些规定？

A question that asks for the changes themselves (which articles an amendment deleted, added or
rewrote), not for one provision, is answered from the article comparison (`ingest.revision.compare`)
of two versions of the document it names: each deleted, added and changed article numbered, with its
old and new article numbers and a short verbatim quote, each quote cited from its version (its date and
whether it is current). It is recognised by its form: a word for a change (删去, 新增, 变化, 不同…) asked
as a list (哪些, 什么, 几条…), with a word for a version (新版, 旧版, 修订, 2011年版, 与…相比) or the name of
a document that has versions, and nothing else asked (罚款数额有什么变化 asks about one provision, and is
answered by `assistant.versions`).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from assistant.cite import citation_for
from assistant.types import Answer, Citation, Hit
from assistant.versions import (
    TWO_DIGIT_CENTURY_SPLIT,
    VersionSource,
    best_named,
    compared,
    in_full_years,
    stamp,
)
from ingest.articles import LEADING_LABEL, Article, Change, ChangeKind
from ingest.revision import counts as article_counts
from ingest.structure import sentence_spans
from ingest.version import Version, year_of

MAX_QUOTE = 60  # a quote longer than this is cut to the clauses around what changed
MAX_PIECES = 2  # changed sentences quoted per changed article; more are only mentioned
MAX_LISTED = 20  # articles listed per kind of change; the rest are counted
MAX_NAMED = 5  # documents named when the question must say which one it means
EARLIER_QUESTIONS = 3  # the conversation's latest questions read for the document a question leaves unnamed
MIN_TOPIC_CHARS = 2  # a question with this many characters left beyond the list's words asks about a topic

_DELETE = r"删去|删除|删掉|删了|去掉|去除|拿掉|取消了|废除了"
_ADD = r"新增|增加|增设|增添|添加|补充|新加|加入|加进|加了|多了"
# Words for any change; 修订, 修改 and 修正 only as what was done (修改了哪些), not as the act that dated a text.
_ANY = (
    r"变化|变动|不同|区别|差别|差异|调整|改动|改变|更改|变更|改了|变了"
    r"|(?:修订|修正|修改)(?=了?(?:哪|什么|啥|几|多少))|(?<=[哪些么啥])(?:修订|修正|修改)"
)
# The list asked for: which ones, how many, or whether there are any.
_LIST = re.compile(r"哪|什么|啥|几[条项处个点]|多少|有没有|有无|是否有|列出|列举|说说|讲讲|介绍|吗[？?]?$")
# Words that place the question between versions: a version named, the amendment, a comparison.
_VERSION_REF = re.compile(
    r"新版|旧版|老版|新法|旧法|新旧|两版|两个版本|版本|前后|修订|修正|修改|改版|(?:19|20)\d{2}\s*(?:年|版)"
    r"|现行|原来|原先|以前|之前|相比|比较|对比|相较|对照|上一版|上个版本|前一版|最新"
)
# A two-digit year after 和/与/跟/同/及 and before 版 (2015年版和24年版): the second text of a pair, which
# `in_full_years` leaves as it is (it reads two digits only where a clause opens or after 按, 在).
_PAIRED_SHORT_YEAR = re.compile(r"(?<=[和与跟同及])(\d{2})(?=\s*年?(?:版|修订|修正))")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年|版)")
# A year naming the amendment made that year (2019年修订时删去了…), not the text it made (2019年修订的版本).
_ACT_YEAR = re.compile(
    r"((?:19|20)\d{2})\s*年(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?(?:的|那次|这次)?(?:修订|修正|修改)(?:时|中|的时候|后)?(?![前的版本以之])"
)
_NOW = re.compile(r"现行|现在|目前|如今|最新|新版")
# The words a question asking for the list is made of beyond the change and version words: what is
# asked (哪些, 内容, 条款), function words, and words for a text or the act of making it. What is left
# after them (and the document's name) is a topic: 罚款 in 罚款数额有什么变化.
_FRAME = sorted(
    (
        "哪些|哪几条|哪几项|哪几处|哪几个|哪几|哪里|哪儿|哪|什么|啥|几条|几项|几处|几个|几点|多少条|多少处|多少|何处|何"
        "|内容|规定|条款|条文|条目|条|项|处|点|地方|方面|部分|东西|主要|具体|重要|重大|大的|变化|情况"
        "|都|了|有|没有|有没有|有无|是否|呢|吗|吧|啊|呀|请|问|一下|列出|列举|说说|讲讲|谈谈|介绍|告诉我|想知道|知道"
        "|做|作|作了|做了|进行|进行了|出|的|里|中|在|上|和|跟|与|同|较|比|相比较|相比|比较|对比|相较|比起来|起来|的话"
        "|版本|文本|版|稿|两个|两版|两者|二者|前后|之间|新旧|这次|本次|此次|那次|这一次|最新|现行|现在|目前|如今"
        "|原来|原先|以前|之前|过去|旧|老|新|原|该|本|这部|这个|这份|那部|那个|那份|此|这|那|文件|我们|我|你|们|想"
        "|一共|总共|共|分别|各|是|被|把|给|对|时|后|前|以后|以来|所|过|修订|修正|修改|改版|颁布|公布|施行|实施|印发|发布"
        "|相对于|对照|对于|关于|有关|个|些|上一|前一|一|中间|当中|其中|要|会|还|又|也|已|已经|如何|怎么|怎样|哪些是"
        "|法律|法规|法|条例|办法|细则|规章|制度|文件|章程|意见|通知|决定"
    ).split("|"),
    key=len,
    reverse=True,
)
_FRAME_WORDS = re.compile("|".join(map(re.escape, _FRAME)))
_CJK = re.compile(r"[\u4e00-\u9fff]")
_YEAR_WORDS = re.compile(r"(?:19|20)\d{2}\s*(?:年(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?|版)")
KIND_WORDS = {"deleted": "删除", "added": "新增", "changed": "修改"}
ORDER: tuple[ChangeKind, ...] = ("deleted", "added", "changed")  # the order the kinds are listed in
_CLAUSE_END = "，、；：。！？\n"
Quote = Callable[[str, str, tuple[int, int]], str]  # (document, its text, span) -> the quote with its marker


@dataclass(frozen=True)
class ChangeAsk:
    """A question asking for the changes between versions: which kinds of change (deleted, added,
    changed), the years it names, whether its one year names the amendment rather than a text, and
    whether it places itself between versions (a version word) or only names a document."""

    kinds: frozenset[ChangeKind]
    years: tuple[int, ...]
    act_year: bool
    placed: bool


def asks_for_changes(question: str, names: Sequence[tuple[int, int]] = ()) -> ChangeAsk | None:
    """The changes ``question`` asks to list, or None when it asks something else.

    Args:
        question: the question.
        names: where the question, its years written in four digits (`_full_years`), names a
            document (its spans are no topic).
    """
    question = _full_years(question)
    text = _struck(question, names)
    deleted, added = re.search(_DELETE, text), re.search(_ADD, text)
    anything = re.search(_ANY, text)
    if not (deleted or added or anything) or not _LIST.search(text):
        return None
    rest = _FRAME_WORDS.sub("", re.sub(f"{_DELETE}|{_ADD}|{_ANY}", "", _YEAR_WORDS.sub("", text)))
    if len(_CJK.findall(rest)) >= MIN_TOPIC_CHARS:
        return None  # a topic is asked about (罚款数额有什么变化): one provision, not the list
    if anything:
        kinds: frozenset[ChangeKind] = frozenset({"deleted", "added", "changed"})
    else:
        kinds = frozenset(k for k in ORDER if (k == "deleted" and deleted) or (k == "added" and added))
    years = tuple(dict.fromkeys(int(m.group(1)) for m in _YEAR.finditer(question)))
    act_year = len(years) == 1 and bool(_ACT_YEAR.search(question)) and not _NOW.search(question)
    return ChangeAsk(kinds, years, act_year, bool(_VERSION_REF.search(text)))


def _full_years(question: str) -> str:
    """``question`` with its years in four digits (`assistant.versions.in_full_years`, and 和24年版)."""
    def full(m: re.Match[str]) -> str:
        year = int(m.group(1))
        return str(2000 + year if year < TWO_DIGIT_CENTURY_SPLIT else 1900 + year)

    return _PAIRED_SHORT_YEAR.sub(full, in_full_years(question))


def _struck(text: str, spans: Sequence[tuple[int, int]]) -> str:
    gone = {i for a, b in spans for i in range(a, b)}
    return "".join(" " if i in gone else ch for i, ch in enumerate(text))


class ChangeLister:
    """Answers a question asking what changed between versions of a document (see the module docstring)."""

    def __init__(self, source: VersionSource) -> None:
        """
        Args:
            source: document texts and chunks (the index).
        """
        self.source = source

    def answer(
        self,
        question: str,
        versions: Mapping[str, Version],
        scope: Sequence[str] | None = None,
        earlier: Sequence[str] = (),
    ) -> Answer | None:
        """The list of changes ``question`` asks for, or None when it asks for none (or for a document
        with no other version held: its own text may tell what changed).

        Args:
            question: the question (stand-alone).
            versions: the version of every document the asker may read (`ingest.version.resolve`).
            scope: the documents to answer from; None: every document.
            earlier: the conversation's earlier questions, the latest first: a question that names no
                document (删除了哪些条款？) asks about the one the latest of them named (of the last
                `EARLIER_QUESTIONS`).
        """
        if not (re.search(f"{_DELETE}|{_ADD}|{_ANY}", question) and _LIST.search(question)):
            return None  # asks for no change (most questions): the titles are not read
        ids = [d for d in (versions if scope is None else scope) if d in versions]
        if not any(versions[d].versioned for d in ids):
            return None
        text = _full_years(question)
        named = _named(text, versions, ids)
        ask = asks_for_changes(text, [s for spans in named.values() for s in spans])
        if ask is None:
            return None
        groups: dict[str, list[Version]] = {}
        for d in ids:
            groups.setdefault(versions[d].group, []).append(versions[d])
        if named:
            if any(len(groups[g]) < 2 or not groups[g][0].versioned for g in named):
                return None  # a document held in one version: its text, not a comparison, may answer
            chosen = list(named)
        else:
            chosen = next(
                (
                    found
                    for e in earlier[:EARLIER_QUESTIONS]
                    if (found := [g for g in _named(_full_years(e), versions, ids) if groups[g][0].versioned])
                ),
                [],
            )
            if not chosen:
                if not ask.placed:
                    return None
                chosen = [g for g, members in groups.items() if members[0].versioned]
        if len(chosen) > 1:
            return self._which(question, [groups[g] for g in chosen])
        members = sorted(groups[chosen[0]], key=lambda v: (v.order, v.doc_id))
        old, new = _pair(members, ask)
        return self._listed(question, old, new, ask.kinds, versions)

    def _which(self, question: str, groups: Sequence[Sequence[Version]]) -> Answer:
        """Asked what changed without saying in which of several documents: the user is asked to name it."""
        titles = sorted({f"《{g[0].title.strip('《》')}》" for g in groups})
        shown = "、".join(titles[:MAX_NAMED]) + ("等" if len(titles) > MAX_NAMED else "")
        text = f"资料中有{len(titles)}份文档各有不同版本：{shown}。请说明要对比哪一份文档的版本。"
        return Answer(question, text, refused=True, verified=False)

    def _listed(
        self, question: str, old: Version, new: Version, kinds: frozenset[ChangeKind], versions: Mapping[str, Version]
    ) -> Answer:
        old_text, new_text = self.source.document_text(old.doc_id), self.source.document_text(new.doc_id)
        changes = [c for c in compared(old_text, new_text) if c.kind != "same"]
        citations: list[Citation] = []

        def cite(doc_id: str, text: str, span: tuple[int, int]) -> str:
            quote = self._cite(doc_id, span, len(citations) + 1)
            if quote is None:  # no chunk holds it (the title lines): said without a quote
                return f"“{text[span[0] : span[1]]}”"
            citations.append(quote)
            cut_before = span[0] > _body_start(text, span[0])
            return f"“{'……' if cut_before else ''}{quote.quote}{'……' if _cut_after(text, quote.end) else ''}”[{quote.n}]"

        title = f"《{new.title.strip('《》')}》"
        now_words = f"现行文本（{new.label}）" if new.current else f"{new.label}的文本"
        counts = article_counts(changes)  # each article once: a merge or each part of a split is one article
        if not changes:
            text = f"{title}{now_words}与{old.label}的文本相比，条文没有差别。"
            return Answer(question, text, refused=False, verified=False)
        head = f"{title}{now_words}与{old.label}的文本相比，"
        if not any(counts[k] for k in kinds):
            # None of the kind asked (no article deleted): said so, and what did change is listed instead.
            asked = "、".join(KIND_WORDS[k] for k in ORDER if k in kinds)
            kinds = frozenset(k for k in ORDER if counts[k])
            head += f"没有{asked}的条文；其他差别有"
        summary = "，".join(f"{KIND_WORDS[k]}{counts[k]}条" for k in ORDER if k in kinds and counts[k])
        lines = [f"{head}{summary}。"]
        for kind in ORDER:
            if kind not in kinds:
                continue
            of_kind = _by_article([c for c in changes if c.kind == kind])
            if not of_kind:
                continue
            lines.append(f"{KIND_WORDS[kind]}的条文：")
            for i, group in enumerate(of_kind[:MAX_LISTED], start=1):
                lines.append(f"{i}. " + self._line(group, old, new, old_text, new_text, cite))
            if len(of_kind) > MAX_LISTED:
                lines.append(f"另有{len(of_kind) - MAX_LISTED}条{KIND_WORDS[kind]}的条文未逐条列出，可在“文档”页对比这两个版本查看全部。")
        current = versions.get(new.current_id, new)
        if not new.current:
            lines.append(f"以上两个文本都已被现行文本（{current.label}）取代，不是现行规定。")
        elif any(c.doc_id == old.doc_id for c in citations):
            lines.append(f"以上“原”条文引自{old.label}的文本，该文本已被{now_words}取代，不是现行规定。")
        stamped = stamp(citations, versions)
        return Answer(
            question,
            "\n".join(lines),
            refused=False,
            verified=bool(citations),
            citations=stamped,
            superseded=any(not c.current for c in stamped),
        )

    def _line(
        self, group: Sequence[Change], old: Version, new: Version, old_text: str, new_text: str, cite: Quote
    ) -> str:
        """One article's change in words: 原第七条：“…”[1] (deleted), 第六条：“…”[2] (added), 原第三条（现第四条）：
        原为“…”[3]，现为“…”[4]; two old articles merged into one current article are one line (原第三条、原第五条（现第四条）)."""
        change = group[0]
        if change.kind == "deleted":
            assert change.old is not None
            return f"{_was(change.old)}：{cite(old.doc_id, old_text, _excerpt(old_text, change.old))}"
        if change.kind == "added":
            assert change.new is not None
            return f"{_now(change.new)}：{cite(new.doc_id, new_text, _excerpt(new_text, change.new))}"
        assert change.new is not None
        olds = [c.old for c in group if c.old is not None]
        where = "、".join(_was(a) for a in olds)
        if change.new.label and (len(olds) > 1 or change.new.label != olds[0].label):
            where += f"（现{change.new.label}）"
        pieces: list[tuple[tuple[int, int] | None, tuple[int, int] | None]] = []
        more = False
        for was in olds:
            found, further = _differing(old_text, was, new_text, change.new)
            more = more or further or len(pieces) + len(found) > MAX_PIECES
            pieces += found[: max(MAX_PIECES - len(pieces), 0)]
        said = []
        for a, b in pieces:
            if a is None and b is not None:
                said.append(f"增加了{cite(new.doc_id, new_text, b)}")
            elif b is None and a is not None:
                said.append(f"删去了{cite(old.doc_id, old_text, a)}")
            elif a is not None and b is not None:
                said.append(f"原为{cite(old.doc_id, old_text, a)}，现为{cite(new.doc_id, new_text, b)}")
        return f"{where}：" + "；".join(said) + ("；另有其他修改" if more else "")

    def _cite(self, doc_id: str, span: tuple[int, int], n: int) -> Citation | None:
        """A citation quoting ``span`` of a document (up to the end of the chunk that holds its start)."""
        start, end = span
        chunk = self.source.chunk_at(doc_id, start)
        if chunk is None:
            return None
        return citation_for(n, Hit(chunk, 0.0, 0), start - chunk.start, min(end, chunk.end) - chunk.start)


def _named(question: str, versions: Mapping[str, Version], ids: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
    """The groups whose title ``question`` names best (`assistant.versions.best_named`), with the spans."""
    titles: dict[str, str] = {}
    for d in ids:
        titles.setdefault(versions[d].group, versions[d].title)
    return best_named(question, titles)


def _pair(members: Sequence[Version], ask: ChangeAsk) -> tuple[Version, Version]:
    """The two versions compared, oldest first: by default the current one and the one it replaced; two
    years name both texts; one year names the text compared with the current one (与2015年版相比), or,
    as the amendment of that year (2019年修订时), the text it made and the one before it."""
    current = next((v for v in members if v.current), members[-1])

    def before(v: Version) -> Version:
        earlier = [w for w in members if w.order < v.order]
        return earlier[-1] if earlier else v

    def in_force(year: int) -> Version:
        dated = [v for v in members if (y := year_of(v.date)) is not None and y <= year]
        return dated[-1] if dated else members[0]

    if len(ask.years) >= 2:
        old, new = in_force(min(ask.years)), in_force(max(ask.years))
    elif ask.years:
        named = in_force(ask.years[0])
        old, new = (before(named), named) if ask.act_year or named is current else (named, current)
    else:
        old, new = before(current), current
    if old is new:
        old = before(new) if before(new) is not new else old
        new = current if old is new else new
    return old, new


def _by_article(changes: Sequence[Change]) -> list[list[Change]]:
    """``changes`` grouped by their current article (old articles merged into one are one group), in order."""
    groups: dict[tuple[int, int], list[Change]] = {}
    for k, c in enumerate(changes):
        key = (c.new.start, -1) if c.new is not None else (-1, k)
        groups.setdefault(key, []).append(c)
    return list(groups.values())


def _was(article: Article) -> str:
    return f"原{article.label}" if article.label else "原文一段"


def _now(article: Article) -> str:
    return article.label or "新增一段"


def _body_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts, past an article's label."""
    line = text.rfind("\n", 0, at) + 1
    label = LEADING_LABEL.match(text[line:])
    return line + label.end() if label and line + label.end() <= at else line


def _cut_after(text: str, end: int) -> bool:
    """Whether a quote ending at ``end`` stops inside a sentence."""
    return end < len(text) and text[end - 1] not in "。；！？\n" and text[end] != "\n"


def _excerpt(text: str, article: Article, focus: int | None = None) -> tuple[int, int]:
    """A short verbatim piece of ``article``: the sentence holding ``focus`` (default: its first, past the
    label), cut to the clauses around ``focus`` when longer than `MAX_QUOTE`."""
    label = LEADING_LABEL.match(article.text)
    body = article.start + (label.end() if label else 0)
    spans = sentence_spans(text, body, article.end) or [(body, article.end)]
    at = body if focus is None else focus
    a, b = next(((a, b) for a, b in spans if a <= at < b), spans[0] if focus is None or at < spans[0][0] else spans[-1])
    if b - a <= MAX_QUOTE:
        return a, b
    at = min(max(at, a), b - 1)
    # From the clause start before the focus, to the last clause end within reach.
    start = max((i + 1 for i in range(a, at) if text[i] in _CLAUSE_END), default=a)
    if at - start > MAX_QUOTE // 2:
        start = max(a, at - MAX_QUOTE // 2)
    stop = min(b, start + MAX_QUOTE)
    ends = [i + 1 for i in range(max(at, start), stop) if text[i] in _CLAUSE_END]
    return start, ends[-1] if ends else stop


def _differing(
    old_text: str, old: Article, new_text: str, new: Article
) -> tuple[list[tuple[tuple[int, int] | None, tuple[int, int] | None]], bool]:
    """The sentences of a changed article where it differs, up to `MAX_PIECES`: (old piece, new piece) each
    (None: the change only adds or only deletes a sentence there), and whether it differs elsewhere too."""
    folded_old = [unicodedata.normalize("NFKC", ch).strip() for ch in old.text]
    folded_new = [unicodedata.normalize("NFKC", ch).strip() for ch in new.text]
    label_old, label_new = LEADING_LABEL.match(old.text), LEADING_LABEL.match(new.text)
    skip_old, skip_new = (label_old.end() if label_old else 0), (label_new.end() if label_new else 0)
    ops = [
        op
        for op in difflib.SequenceMatcher(None, folded_old, folded_new, autojunk=False).get_opcodes()
        if op[0] != "equal" and (op[2] > skip_old or op[4] > skip_new)
        and "".join(folded_old[op[1] : op[2]]) + "".join(folded_new[op[3] : op[4]])  # spacing alone is no change
    ]
    if not ops:
        return [(_excerpt(old_text, old), _excerpt(new_text, new))], False
    pieces: list[tuple[tuple[int, int] | None, tuple[int, int] | None]] = []
    covered: list[tuple[tuple[int, int], tuple[int, int]]] = []  # (old piece, new piece) spans said
    more = False
    for _, i1, i2, j1, j2 in ops:
        o_at, n_at = old.start + max(i1, skip_old), new.start + max(j1, skip_new)
        if any(a <= o_at < b or c <= n_at < d for (a, b), (c, d) in covered):
            continue  # within a sentence already quoted
        if len(pieces) == MAX_PIECES:
            more = True
            break
        old_piece = _excerpt(old_text, old, min(o_at, old.end - 1))
        new_piece = _excerpt(new_text, new, min(n_at, new.end - 1))
        covered.append((old_piece, new_piece))
        # A sentence only added (or only deleted) stands alone: the other side's sentence is unchanged.
        if i1 == i2 and _whole_sentence(new_text, new, n_at, j2 - j1):
            pieces.append((None, new_piece))
        elif j1 == j2 and _whole_sentence(old_text, old, o_at, i2 - i1):
            pieces.append((old_piece, None))
        else:
            pieces.append((old_piece, new_piece))
    return pieces, more


def _whole_sentence(text: str, article: Article, at: int, length: int) -> bool:
    """Whether ``length`` characters from ``at`` are whole sentences of ``article``."""
    spans = sentence_spans(text, article.start, article.end)
    starts = {a for a, _ in spans} | {b for _, b in spans}
    return at in starts and (at + length) in starts | {b + 1 for _, b in spans}



