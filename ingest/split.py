"""Splitting: one cleaned file becomes one or more documents, each with its title and headings."""

from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path

from ingest.clean import DEFAULT_MAX_LINE_CHARS, Line, clean_lines
from ingest.record import table_numbers
from ingest.structure import (
    ANNEX_LEVEL,
    ARTICLE_LABEL,
    CLOSERS,
    FIXED_LEVEL,
    ORDINAL_POINT,
    SENTENCE_END,
    TERMINAL,
    is_annex_heading,
    is_closed_heading,
    is_heading_line,
    lead_phrase,
    marker_kind,
)
from ingest.types import Document, Heading, LoadedFile, PageSpan

# The genre word that ends the title of an official document (报告, 意见, 办法 …),
# optionally followed by a bracketed note such as （试行） or （2022年修订）.
_GENRE_END = re.compile(
    r"(?:汇报材料|材料|汇报|报告|意见|办法|规定|通知|方案|总结|条例|细则|规则|制度|决定|纲要|规划|计划|要点|"
    r"讲话|发言|通报|批复|请示|纪要|章程|守则|标准|指南|公告|通告|决议|函|法|解释|答复|说明|倡议书|承诺书)"
    r"(?:[（(][^）)]{1,16}[）)])?[”\"」』]?$"
)
_QUOTED_WHOLE = re.compile(r"^《[^》]*》$")
# A table's caption, not a document's title, though it may end in a genre word (表1 收费项目及标准（单位：元））:
# it opens with 表 or 附表 and the table's number or a colon, or it ends in the unit of the table's figures.
_CAPTION = re.compile(
    r"^附?表\s*(?:[\d一二三四五六七八九十]+(?:[-－—.．][\d]+)?(?=[\s:：.．、]|[\u4e00-\u9fff])|[:：])"
    r"|[（(]\s*(?:金额|数量|计量)?单位\s*[:：][^（）()]{1,8}[）)]$"
)


def doc_id_for(source: str, ordinal: int, title: str) -> str:
    """Deterministic document id from where it sits."""
    return hashlib.sha1(f"{source}\x1f{ordinal}\x1f{title}".encode()).hexdigest()[:16]


def is_title_line(line: Line) -> bool:
    """A line that reads as the title of an official document."""
    text = line.text
    if not 6 <= len(text) <= 60 or _QUOTED_WHOLE.match(text):
        return False
    if marker_kind(text) is not None or TERMINAL.search(text):
        return False
    if any(ch in text for ch in "。；;！？") or _CAPTION.search(text):
        return False
    return bool(_GENRE_END.search(text))


def _document_starts(lines: list[Line], kind: str, records: frozenset[str] = frozenset()) -> list[int]:
    """Indexes of the lines that open a document. A line right above a table's first row is that
    table's caption (服务性收费项目及标准), however much it reads like a title: a document opens with
    its title and then its text, not a table."""
    if kind == "md":
        starts = [i for i, ln in enumerate(lines) if ln.heading_level == 1]
        return starts or [0]
    candidates = [
        i
        for i, ln in enumerate(lines)
        if is_title_line(ln) and not (i + 1 < len(lines) and lines[i + 1].text in records)
    ]
    if lines and 0 not in candidates and _looks_like_first_title(lines):
        candidates.insert(0, 0)
    # Of consecutive titles (nothing between them) only the last opens the document:
    # the earlier ones are a page title or a collection name wrapped around it.
    starts = [i for i in candidates if i + 1 < len(lines) and (i + 1) not in candidates]
    return starts or [0]


def _looks_like_first_title(lines: list[Line]) -> bool:
    first = lines[0]
    if first.heading_level is not None:
        return True
    return len(first.text) <= 60 and marker_kind(first.text) is None and not TERMINAL.search(first.text)


def split_documents(loaded: LoadedFile, *, max_line_chars: int = DEFAULT_MAX_LINE_CHARS) -> list[Document]:
    """Clean a loaded file and split it into documents with titles, headings and page spans.

    Args:
        loaded: what a loader read.
        max_line_chars: longer lines are cut (``IngestSettings.max_line_chars``; see `clean.cut_spans`).
    """
    lines = clean_lines(loaded.pages, max_line_chars, loaded.records)
    if not lines:
        return []
    starts = _document_starts(lines, loaded.kind, loaded.records)
    fallback_title = loaded.title_hint or Path(loaded.source).stem
    docs: list[Document] = []
    pieces: list[tuple[str | None, list[Line]]] = []
    if starts[0] > 0:
        before = lines[: starts[0]]
        # Leading text is a document of its own only if it has real body text.
        if sum(len(ln.text) for ln in before if not is_title_line(ln)) >= 50:
            pieces.append((None, before))
    for n, begin in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        pieces.append((lines[begin].text, lines[begin:end]))
    for ordinal, (title, body) in enumerate(pieces):
        title = title or fallback_title
        docs.append(_build_document(loaded.source, ordinal, title, body, loaded.records))
    return docs


def _build_document(
    source: str, ordinal: int, title: str, lines: list[Line], records: frozenset[str] = frozenset()
) -> Document:
    parts: list[str] = []
    spans: list[PageSpan] = []
    offsets: list[int] = []
    rows: list[tuple[int, int]] = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        parts.append(ln.text)
        end = pos + len(ln.text)
        if ln.text in records:
            rows.append((pos, end))
        last = spans[-1] if spans else None
        if last and last.page == ln.page and last.ocr == ln.ocr:
            spans[-1] = PageSpan(last.start, end, ln.page, ln.ocr, last.ocr_confidence)
        else:
            spans.append(PageSpan(pos, end, ln.page, ln.ocr, ln.ocr_confidence))
        pos = end + 1
    text = "\n".join(parts)
    headings = find_headings(text, lines, offsets, title_line=lines[0].text == title)
    return Document(
        doc_id=doc_id_for(source, ordinal, title),
        title=title,
        source=source,
        text=text,
        headings=tuple(headings),
        pages=tuple(spans),
        records=tuple(rows),
        tables=table_numbers(text, rows),
    )


def find_headings(text: str, lines: list[Line], offsets: list[int], title_line: bool) -> list[Heading]:
    """Headings, law structure labels and enumeration lead phrases of a document, in text order."""
    order: dict[str, int] = {}

    def level_of(kind: str) -> int:
        if kind in FIXED_LEVEL:
            return FIXED_LEVEL[kind]
        if kind.startswith("md"):
            return int(kind[2:])
        if kind not in order:
            order[kind] = len(order)
        return 10 + order[kind]

    headings: list[Heading] = []
    depth = _Deepest()
    kinds = [marker_kind(ln.text) for ln in lines]
    headed = {k for ln, k in zip(lines, kinds) if k is not None and is_heading_line(ln.text, k)}
    first_seen: dict[str, int] = {}
    for n, k in enumerate(kinds):
        if k is not None:
            first_seen.setdefault(k, n)
    # The marker kind of the nearest non-empty line before and after each line.
    before: list[str | None] = [None] * len(lines)
    after: list[str | None] = [None] * len(lines)
    for i in range(1, len(lines)):
        before[i] = kinds[i - 1] if lines[i - 1].text.strip() else before[i - 1]
    for i in range(len(lines) - 2, -1, -1):
        after[i] = kinds[i + 1] if lines[i + 1].text.strip() else after[i + 1]
    chaptered = "chapter" in first_seen
    carried: set[int] = set()  # lines that end a division's heading wrapped onto them
    for i, (ln, start) in enumerate(zip(lines, offsets)):
        if (i == 0 and title_line) or i in carried:
            continue
        end = start + len(ln.text)
        if is_annex_heading(ln.text):
            # An attachment closes the body's hierarchy and learns its own nesting.
            headings.append(Heading(start, end, ANNEX_LEVEL, ln.text))
            order.clear()
            continue
        kind = kinds[i]
        if kind is None and chaptered and _bare_chapter(ln.text, lines, i, after[i]):
            # It takes the level of the last labelled division: a chapter after chapters, a section after sections.
            division = next((h.level for h in reversed(headings) if h.level in _DIVISIONS), FIXED_LEVEL["chapter"])
            headings.append(Heading(start, end, division, ln.text))
            continue
        if ln.heading_level is not None and kind not in FIXED_LEVEL:
            headings.append(Heading(start, end, ln.heading_level, ln.text))
            continue
        if kind is None:
            headings.extend(_enumeration_points(text, start, end, depth(headings, start)))
            continue
        level = level_of(kind)
        if (
            ln.heading_level is not None
            or is_heading_line(ln.text, kind)
            or is_closed_heading(ln.text, kind, headed, before[i], _opens_under(kind, after[i], first_seen))
        ):
            wrapped = _wrapped_onto(lines, kinds, i) if level in _DIVISIONS else None
            if wrapped is not None:
                # 第五章 卷烟纸、滤嘴棒、烟用丝束、 / 烟草专用机械的生产和销售: one heading over both lines.
                carried.add(wrapped)
                end = offsets[wrapped] + len(lines[wrapped].text)
                headings.append(Heading(start, end, level, text[start:end]))
                continue
            headings.append(Heading(start, end, level, ln.text))
        elif kind == "article":
            label = ARTICLE_LABEL.match(ln.text)
            assert label is not None
            headings.append(Heading(start, start + label.end(), level, label.group(0)))
            headings.extend(_enumeration_points(text, start, end, level))
        else:
            lead = lead_phrase(ln.text)
            lead_end = start + min(len(lead.rstrip("…")), len(ln.text))
            headings.append(Heading(start, lead_end, level, text[start:lead_end], scope_end=end))
            headings.extend(_enumeration_points(text, start, end, level))
    return headings


_DIVISIONS = {FIXED_LEVEL[k] for k in ("part", "chapter", "section")}
_LINE_BREAK = re.compile(r"\s*\n\s*")
# A division's heading that stops where its words go on (…烟用丝束、, …人民法院和, …决算，).
_GOES_ON = re.compile(r"(?:[、，,及]|(?<![平温总])和)\s*$")
_WRAP_CHARS = 30  # the rest of a wrapped heading is at most this long


def _wrapped_onto(lines: list[Line], kinds: list[str | None], i: int) -> int | None:
    """The line that ends the heading of line ``i`` when it wraps: line ``i`` stops on 、，和 or 及, and the
    next non-empty line (within one blank line) is short, unmarked and holds no sentence end."""
    if not _GOES_ON.search(lines[i].text):
        return None
    for j in range(i + 1, min(i + 3, len(lines))):
        line = lines[j].text.strip()
        if not line:
            continue
        ends = any(ch in line for ch in "。；;！？!?：:")
        return j if kinds[j] is None and len(line) <= _WRAP_CHARS and not ends else None
    return None
# A chapter's name written without its label: a short run of Chinese words, nothing else.
_BARE_NAME = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff、 　]{1,28}[\u4e00-\u9fff]")


def _bare_chapter(line: str, lines: list[Line], i: int, following: str | None) -> bool:
    """A chapter name standing without its label ("网络素养促进") in a law whose chapters elsewhere carry one.

    Copies of laws from some sites keep "第一章 总则" but print later chapters' names alone. Such a line
    is only words (no punctuation, no figure), stands where a chapter starts: after a paragraph that
    closes a sentence, and right before an article's label.
    """
    if following != "article" or not _BARE_NAME.fullmatch(line):
        return False
    previous = next((ln.text for ln in reversed(lines[:i]) if ln.text.strip()), "")
    return bool(previous) and previous.rstrip(CLOSERS)[-1:] in SENTENCE_END


def _opens_under(kind: str | None, following: str | None, first_seen: dict[str, int]) -> bool:
    """Whether a line of marker ``following`` (None: plain text) can stand under a heading of ``kind``:
    plain text, or a marker kind that first appears later in the document (a deeper one)."""
    if following is None:
        return True
    if kind is None or following in FIXED_LEVEL:
        return False
    return first_seen.get(following, -1) > first_seen.get(kind, -1)


class _Deepest:
    """The level of the innermost heading in force, for offsets that never decrease over a heading list that only grows.

    Amortised constant time per call instead of a pass over every heading so far (which made a
    large file quadratic): a heading without ``scope_end`` stays in force for good, and a scoped
    one whose scope has ended never comes back.
    """

    def __init__(self) -> None:
        self._seen = 0
        self._open_max = 0
        self._scoped: list[Heading] = []

    def __call__(self, headings: list[Heading], at: int) -> int:
        for h in headings[self._seen :]:
            if h.scope_end is None:
                self._open_max = max(self._open_max, h.level)
            else:
                self._scoped.append(h)
        self._seen = len(headings)
        self._scoped = [h for h in self._scoped if h.scope_end is not None and h.scope_end > at]
        return max([self._open_max, *(h.level for h in self._scoped)])


def _enumeration_points(text: str, start: int, end: int, parent_level: int) -> list[Heading]:
    """Lead phrases of 一是…二是… points inside one paragraph (only when there are two or more)."""
    points = [m.start() + (len(m.group(0)) - len(m.group(0).lstrip())) for m in ORDINAL_POINT.finditer(text, start, end)]
    if len(points) < 2:
        return []
    out: list[Heading] = []
    for n, p in enumerate(points):
        scope_end = points[n + 1] if n + 1 < len(points) else end
        lead = lead_phrase(text[p:scope_end], limit=40)
        lead_end = p + len(lead.rstrip("…"))
        out.append(Heading(p, lead_end, parent_level + 1, text[p:lead_end], scope_end=scope_end))
    return out


def section_path(doc: Document, offset: int) -> list[str]:
    """Headings in force at ``offset``, outermost first."""
    return SectionIndex(doc).path(offset)


class SectionIndex:
    """`section_path` of one document at many offsets: one pass over its headings, then a bisection each."""

    def __init__(self, doc: Document) -> None:
        # reach[i]: the furthest start among headings 0..i, so that bisecting it finds the first
        # heading that starts after an offset even if starts were out of order.
        self._reach: list[int] = []
        self._stacks: list[tuple[Heading, ...]] = []
        self._starts = sorted(h.start for h in doc.headings)
        stack: list[Heading] = []
        for h in doc.headings:
            stack = [s for s in stack if s.level < h.level and (s.scope_end is None or s.scope_end > h.start)]
            stack.append(h)
            self._reach.append(max(h.start, self._reach[-1]) if self._reach else h.start)
            self._stacks.append(tuple(stack))

    def path(self, offset: int) -> list[str]:
        """Headings in force at ``offset``, outermost first."""
        n = bisect.bisect_right(self._reach, offset)
        stack = self._stacks[n - 1] if n else ()
        # A heading wrapped over two lines reads as one (`_wrapped_onto`).
        return [_LINE_BREAK.sub("", h.text) for h in stack if h.scope_end is None or h.scope_end > offset]

    def starts_inside(self, start: int, end: int) -> list[int]:
        """Where headings start strictly between ``start`` and ``end``, in order (a bisection, not a walk)."""
        return self._starts[bisect.bisect_right(self._starts, start) : bisect.bisect_left(self._starts, end)]


def page_at(doc: Document, offset: int) -> PageSpan | None:
    """The page span holding ``offset``."""
    for span in doc.pages:
        if span.start <= offset <= span.end:
            return span
    return doc.pages[-1] if doc.pages else None
