"""Chunking: structure-aware, sentence-bounded passages of about 200–500 characters.

No chunk is longer than ``max_chars``: a sentence longer than that (a run without 。！？；) is cut
after a comma or a space, else hard, by the same rule that cuts overlong lines (`clean.cut_spans`).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections.abc import Iterator, Sequence

from ingest.clean import cut_spans
from ingest.config import ChunkSettings
from ingest.record import ROWS_KEY, TABLES_KEY, encode_spans
from ingest.split import SectionIndex, page_at
from ingest.structure import ARTICLE_LABEL, ORDINAL_POINT, sentence_spans
from ingest.types import Chunk, Document, Heading

SECTION_SEP = " > "
LEAD_KEY = "lead"  # Chunk.extra: the opening clause of the article's list a chunk opens inside (…下列措施：)
PAGES_KEY = "pages"  # Chunk.extra: where each page starts in a chunk over a page break, "offset:page" joined by ","
SECTIONS_KEY = "sections"  # Chunk.extra: where the section path changes inside a chunk, JSON [[offset, path], ...]


def chunk_id_for(source: str, doc_id: str, start: int, end: int, text: str) -> str:
    """Deterministic chunk id from (source, span, text)."""
    key = f"{source}\x1f{doc_id}\x1f{start}\x1f{end}\x1f{text}"
    return hashlib.sha1(key.encode()).hexdigest()[:20]


def index_text(chunk: Chunk) -> str:
    """What is embedded and tokenized for a chunk: its title and section give it context."""
    head = f"{chunk.doc_title} {chunk.section}".strip()
    return f"{head}\n{chunk.text}"


def _is_ordinal_point(doc: Document, h: Heading) -> bool:
    return bool(ORDINAL_POINT.match(doc.text, h.start))


def _break_points(doc: Document) -> tuple[set[int], list[int]]:
    """Offsets where a chunk must start (hard) and where it may prefer to start (soft).

    Inside a law article only the article start is a soft break, so an article's list of
    items (（一）…（六）) stays in one chunk whenever it fits.
    """
    hard: set[int] = set()
    soft: set[int] = set()
    articles: list[int] = []
    for h in doc.headings:
        is_article = bool(ARTICLE_LABEL.fullmatch(h.text))
        if (h.scope_end is None and not is_article) or _is_ordinal_point(doc, h):
            hard.add(h.start)
        else:
            soft.add(h.start)
        if is_article:
            articles.append(h.start)
    # Every line start is a soft break too: paragraphs are natural units.
    pos = doc.text.find("\n")
    while pos >= 0:
        soft.add(pos + 1)
        pos = doc.text.find("\n", pos + 1)
    if articles:
        bounds = sorted(set(articles) | hard | {len(doc.text)})
        inside: set[int] = set()
        ordered = sorted(soft)
        for a in articles:
            nxt = bounds[bisect.bisect_right(bounds, a)]
            inside.update(ordered[bisect.bisect_right(ordered, a) : bisect.bisect_left(ordered, nxt)])
        soft -= inside
    return hard, sorted(soft | hard)


def chunk_document(doc: Document, settings: ChunkSettings) -> list[Chunk]:
    """Cut a document into chunks that never split a sentence and never cross a heading."""
    spans = _merge_small(doc, _pack(doc, settings), settings)
    sections = SectionIndex(doc)
    articles = sorted(h.start for h in doc.headings if ARTICLE_LABEL.fullmatch(h.text))
    return [_make_chunk(doc, a, b, sections, articles) for a, b in spans]


def _pack(doc: Document, settings: ChunkSettings) -> list[tuple[int, int, bool]]:
    """Greedy packing of sentences; each span records whether it starts at a hard break."""
    hard, soft = _break_points(doc)
    hard_sorted = sorted(hard)
    soft_set = set(soft)  # membership tests on the sorted list would make a large file quadratic
    heading_lines = {(h.start, h.end) for h in doc.headings if h.scope_end is None}
    out: list[tuple[int, int, bool]] = []
    cur_start: int | None = None
    cur_end = 0
    cur_hard = True
    cur_only_headings = False
    for s, e in _sentences(doc.text, settings.max_chars, doc.records):
        if cur_start is not None:
            length = cur_end - cur_start
            # A heading stays with what follows it, even when that is a sub-heading.
            at_hard = not cur_only_headings and (_any_between(hard_sorted, cur_end, s) or s in hard)
            if at_hard or (s - cur_start) + (e - s) > settings.max_chars:
                out.append((cur_start, cur_end, cur_hard))
                cur_start = None
            elif s in soft_set or doc.text[cur_end:s].count("\n"):
                nxt = bisect.bisect_right(soft, s)
                unit_end = soft[nxt] if nxt < len(soft) else len(doc.text)
                if length >= settings.min_chars and length + (unit_end - s) > settings.target_chars:
                    out.append((cur_start, cur_end, cur_hard))
                    cur_start = None
        if cur_start is None:
            cur_start = s
            cur_hard = s in hard or not out
            cur_only_headings = True
        cur_only_headings = cur_only_headings and (s, e) in heading_lines
        cur_end = e
    if cur_start is not None:
        out.append((cur_start, cur_end, cur_hard))
    return out


def _sentences(text: str, limit: int, records: Sequence[tuple[int, int]] = ()) -> Iterator[tuple[int, int]]:
    """Sentence spans of ``text``; one longer than ``limit`` comes as several pieces (see `cut_spans`).

    A table row written as a record (``records``) is one unit: its fields end in ；, but a chunk
    boundary inside a row would part a value from its column.
    """
    starts = [a for a, _ in records]
    for s, e in sentence_spans(text):
        i = bisect.bisect_right(starts, s) - 1
        if i >= 0 and s < records[i][1]:
            row_start, row_end = records[i]
            if s != row_start:
                continue  # the rest of a row already given whole
            s, e = row_start, row_end
        if e - s <= limit:
            yield s, e
        else:
            yield from cut_spans(text, s, e, limit)


def _any_between(ordered: list[int], low: int, high: int) -> bool:
    """Whether a value of the sorted list lies in (low, high]."""
    i = bisect.bisect_right(ordered, low)
    return i < len(ordered) and ordered[i] <= high


def _merge_small(doc: Document, spans: list[tuple[int, int, bool]], settings: ChunkSettings) -> list[tuple[int, int]]:
    """Merge a chunk shorter than min_chars into a neighbour inside the same hard section."""
    merged: list[tuple[int, int, bool]] = []
    for a, b, hard in spans:
        if merged and not hard:
            pa, pb, ph = merged[-1]
            small = (b - a) < settings.min_chars or (pb - pa) < settings.min_chars
            if small and b - pa <= settings.max_chars:
                merged[-1] = (pa, b, ph)
                continue
        merged.append((a, b, hard))
    # A short chunk at the start of a hard section joins the next one when it fits.
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(merged):
        a, b, _ = merged[i]
        if b - a < settings.min_chars and i + 1 < len(merged):
            na, nb, nh = merged[i + 1]
            if not nh and nb - a <= settings.max_chars:
                out.append((a, nb))
                i += 2
                continue
        out.append((a, b))
        i += 1
    return out


def section_label(doc: Document, start: int, end: int, sections: SectionIndex | None = None) -> str:
    """Section path of a span; a span over several articles shows their range (第七条～第九条).

    Args:
        doc: the document.
        start: the span's start offset.
        end: the span's end offset.
        sections: the document's `SectionIndex`, when labelling many spans of it.
    """
    sections = sections or SectionIndex(doc)
    first = sections.path(start)
    last = sections.path(max(start, end - 1))
    if (
        first
        and last
        and first != last
        and first[:-1] == last[:-1]
        and ARTICLE_LABEL.fullmatch(first[-1])
        and ARTICLE_LABEL.fullmatch(last[-1])
    ):
        return SECTION_SEP.join([*first[:-1], f"{first[-1]}～{last[-1]}"])
    return SECTION_SEP.join(first)


# A list's item at a line start: （一）, (2), 一、 — what a law's article enumerates after its opening clause.
_ITEM_START = re.compile(r"\s*(?:[（(][一二三四五六七八九十百\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")


def list_lead(doc: Document, start: int, articles: Sequence[int]) -> str:
    """The opening clause of the article's list a chunk starting at ``start`` opens inside (…应当采取下列措施：),
    when the chunk opens with an item of that list and the clause lies before it; empty otherwise. Whom the
    items bind is said there, not in them (开展应急救援工作…). ``articles``: where the document's articles
    start, in order (bisected, so that a long law's chunks do not each walk its headings)."""
    if not _ITEM_START.match(doc.text, start):
        return ""
    before = bisect.bisect_left(articles, start)
    article = articles[before - 1] if before else -1
    colon = max(doc.text.rfind("：", article, start), doc.text.rfind(":", article, start)) if article >= 0 else -1
    between = doc.text[colon + 1 : start]
    if colon < 0 or (between.strip() and not _ITEM_START.match(between)):
        return ""  # no list opened in the article before the chunk, or something else than its items between
    opens = max(doc.text.rfind(mark, article, colon) for mark in "。\n") + 1
    clause = doc.text[max(opens, article) : colon + 1].strip()
    label = ARTICLE_LABEL.match(clause)
    return clause[label.end() :].strip() if label else clause


def _make_chunk(doc: Document, start: int, end: int, sections: SectionIndex, articles: Sequence[int]) -> Chunk:
    text = doc.text[start:end]
    spans = [p for p in doc.pages if p.start < end and p.end > start]
    ocr_spans = [p for p in spans if p.ocr]
    conf = [p.ocr_confidence for p in ocr_spans if p.ocr_confidence is not None]
    page = page_at(doc, start)
    extra: dict[str, str] = {}
    inside = [n for n, (a, b) in enumerate(doc.records) if start <= a and b <= end]
    rows = [(doc.records[n][0] - start, doc.records[n][1] - start) for n in inside]
    if rows:
        extra[ROWS_KEY] = encode_spans(rows)
        if len(doc.tables) == len(doc.records):
            extra[TABLES_KEY] = ",".join(str(doc.tables[n]) for n in inside)
    breaks = [(max(p.start, start) - start, p.page) for p in spans if p.page is not None]
    if len({number for _, number in breaks}) > 1:
        extra[PAGES_KEY] = ",".join(f"{offset}:{number}" for offset, number in breaks)
    changes = _section_changes(doc, start, end, sections)
    if changes:
        extra[SECTIONS_KEY] = json.dumps(changes, ensure_ascii=False)
    lead = list_lead(doc, start, articles)
    if lead:
        extra[LEAD_KEY] = lead
    return Chunk(
        id=chunk_id_for(doc.source, doc.doc_id, start, end, text),
        doc_id=doc.doc_id,
        doc_title=doc.title,
        source=doc.source,
        section=section_label(doc, start, end, sections),
        page=page.page if page else None,
        start=start,
        end=end,
        text=text,
        ocr=bool(ocr_spans),
        ocr_confidence=sum(conf) / len(conf) if conf else None,
        extra=extra,
    )


def _section_changes(doc: Document, start: int, end: int, sections: SectionIndex) -> list[tuple[int, str]]:
    """Where the section path changes inside ``doc.text[start:end]``: (offset in the chunk, path); [] when it never does."""
    marks: list[tuple[int, str]] = [(0, SECTION_SEP.join(sections.path(start)))]
    for at in sections.starts_inside(start, end):
        path = SECTION_SEP.join(sections.path(at))
        if path != marks[-1][1]:
            marks.append((at - start, path))
    return marks if len(marks) > 1 else []


def section_of(chunk: Chunk, offset: int) -> str | None:
    """The section path at ``offset`` in ``chunk.text``, for a chunk that runs over a heading; None for one that
    does not (or was indexed before chunks kept where their sections change)."""
    raw = chunk.extra.get(SECTIONS_KEY)
    if not raw:
        return None
    marks = [(int(at), str(path)) for at, path in json.loads(raw)]
    i = bisect.bisect_right([at for at, _ in marks], offset) - 1
    return marks[max(i, 0)][1]


def pages_of(chunk: Chunk, start: int, end: int) -> tuple[int | None, int | None]:
    """The first and last page of ``chunk.text[start:end]`` (the same page twice when it sits on one).

    A chunk that runs over a page break keeps where each page starts (`PAGES_KEY` in its ``extra``);
    one without that map lies on ``chunk.page`` alone.
    """
    marks: list[tuple[int, int]] = []
    for part in chunk.extra.get(PAGES_KEY, "").split(","):
        offset, sep, number = part.partition(":")
        if sep and offset.isdigit() and number.isdigit():
            marks.append((int(offset), int(number)))
    if not marks:
        return chunk.page, chunk.page

    def at(offset: int) -> int:
        i = bisect.bisect_right([m[0] for m in marks], offset) - 1
        return marks[max(i, 0)][1]

    return at(start), at(max(start, end - 1))
