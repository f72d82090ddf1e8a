"""Citations: build them from passage spans, and check every [n] marker in an answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.types import Citation, Hit
from ingest.chunk import SECTION_SEP, pages_of, section_of
from ingest.record import parse_record, row_spans
from ingest.role import stored_role
from ingest.structure import ARTICLE_LABEL, sentence_spans
from ingest.types import Chunk
from ingest.version import dated_notes

# [1] [1,2] [1][2] 【1】 [^1]: the marker forms models write.
MARKER = re.compile(r"[\[【]\^?\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】]")
_LINE_ARTICLE = re.compile(r"(?m)^第[一二三四五六七八九十百零〇\d]+条")
# Where a quote from the dated notes under a regulation's title sits (1986年4月12日…通过, 2015年4月24日…修正).
NOTES_SECTION = "题注"


def section_at(hit: Hit, local_start: int) -> str:
    """The section path at ``local_start``: where the chunk runs over headings, the one in force there;
    else the chunk's path, narrowed to the article that holds ``local_start`` when it spans several."""
    chunk = hit.chunk
    inside = section_of(chunk, local_start)
    if inside:
        return inside
    labels = [m for m in _LINE_ARTICLE.finditer(chunk.text) if m.start() <= local_start]
    parts = chunk.section.split(SECTION_SEP) if chunk.section else []
    if not labels:
        return chunk.section
    article = labels[-1].group(0)
    if parts and (ARTICLE_LABEL.match(parts[-1]) or "～" in parts[-1]):
        parts[-1] = article
    elif article not in parts:
        parts.append(article)
    return SECTION_SEP.join(parts)


def citation_for(n: int, hit: Hit, local_start: int, local_end: int) -> Citation:
    """A citation quoting ``hit.chunk.text[local_start:local_end]`` (verbatim text of its document)."""
    chunk = hit.chunk
    first, last = pages_of(chunk, local_start, local_end)
    return Citation(
        n=n,
        doc_title=chunk.doc_title,
        source=chunk.source,
        section=section_at(hit, local_start) or _notes_section(chunk, local_start, local_end),
        page=first,
        quote=chunk.text[local_start:local_end],
        chunk_id=chunk.id,
        doc_id=chunk.doc_id,
        start=chunk.start + local_start,
        end=chunk.start + local_end,
        ocr=chunk.ocr,
        role=stored_role(chunk),
        page_end=last if last != first else None,
        row=_row_of(chunk, local_start, local_end),
    )


def _notes_section(chunk: Chunk, start: int, end: int) -> str:
    """`NOTES_SECTION` when ``chunk.text[start:end]`` quotes the dated notes under its document's title, else ""."""
    if chunk.start != 0:
        return ""  # the notes sit right under the title, in a document's first chunk
    return NOTES_SECTION if any(a < end and start < b for a, b, _, _ in dated_notes(chunk.text)) else ""


def _row_of(chunk: Chunk, start: int, end: int) -> tuple[tuple[str, str], ...]:
    """The (column, value) pairs of the table row quoted by ``chunk.text[start:end]``, if it quotes one whole row."""
    for a, b in row_spans(chunk.extra):
        if a == start and b == end:
            return tuple(parse_record(chunk.text[a:b]) or ())
    return ()


@dataclass(frozen=True)
class CheckedText:
    """An answer after its markers were checked."""

    text: str
    citations: tuple[Citation, ...]
    dropped: tuple[int, ...]  # marker numbers that mapped to no passage
    unsupported: tuple[int, ...] = ()  # (renumbered) markers whose sentence their passage does not bear out

    @property
    def verified(self) -> bool:
        """At least one marker names a given passage and that passage bears its sentence out."""
        return any(c.n not in self.unsupported for c in self.citations)


def check_markers(
    text: str, hits: Sequence[Hit], best_span: Callable[[str, Hit], tuple[int, int]]
) -> CheckedText:
    """Keep markers that name a given passage, drop the others, and renumber in order of first use.

    ``best_span(claim, hit)`` picks the sentence of the passage that supports ``claim`` (the text
    before the marker), so each citation quotes real text of its source.
    """
    renumber: dict[int, int] = {}
    citations: list[Citation] = []
    dropped: list[int] = []
    support: dict[int, bool] = {}  # renumbered marker -> some sentence it closes is borne out
    pieces: list[str] = []
    last = 0
    for m in MARKER.finditer(text):
        pieces.append(text[last : m.start()])
        last = m.end()
        claim = _claim_before(text, m.start())
        kept: list[int] = []
        for raw in re.split(r"\s*[,，、]\s*", m.group(1)):
            num = int(raw)
            if not 1 <= num <= len(hits):
                dropped.append(num)
                continue
            if num not in renumber:
                renumber[num] = len(citations) + 1
                hit = hits[num - 1]
                start, end = best_span(claim, hit)
                citations.append(citation_for(renumber[num], hit, start, end))
            if renumber[num] not in kept:
                kept.append(renumber[num])
            n = renumber[num]
            support[n] = support.get(n, False) or supports(hits[num - 1].chunk.text, claim)
        pieces.append("".join(f"[{k}]" for k in kept))
    pieces.append(text[last:])
    cleaned = re.sub(r"[ \t]+\n", "\n", "".join(pieces)).strip()
    unsupported = tuple(n for n, ok in support.items() if not ok)
    return CheckedText(cleaned, tuple(citations), tuple(dropped), unsupported)


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+|[A-Za-z]+|\d+")
MIN_SUPPORT = 0.3  # share of a sentence's character pairs that its passage must contain


def supports(passage: str, claim: str) -> bool:
    """Whether ``passage`` bears ``claim`` out in words: enough of the claim's character pairs occur in it.

    A paraphrase keeps most of the source's terms (设立了7名支委委员 ~ 换届时设立了7名支委委员); a sentence
    the model made up or copied from elsewhere (学校推行值周制度) shares a word or two at most.
    """
    pairs = {run[i : i + 2] for run in _CJK_RUN.findall(MARKER.sub("", claim)) for i in range(max(1, len(run) - 1))}
    if not pairs:
        return True
    return sum(p in passage for p in pairs) / len(pairs) >= MIN_SUPPORT


def _claim_before(text: str, pos: int) -> str:
    """The sentence that a marker at ``pos`` closes."""
    head = MARKER.sub("", text[:pos])
    spans = sentence_spans(head)
    if not spans:
        return head
    a, b = spans[-1]
    if b - a < 6 and len(spans) > 1:
        a = spans[-2][0]
    return head[a:b]
