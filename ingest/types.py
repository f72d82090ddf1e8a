"""Domain types shared by every layer: what a file yields and what the index stores."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageText:
    """Text of one page (PDF) or of a whole file (page number None)."""

    number: int | None
    text: str
    ocr: bool = False
    ocr_confidence: float | None = None


@dataclass(frozen=True)
class LoadedFile:
    """Raw text a loader read from one file, before cleaning.

    Loaders mark structural headings they know for sure (Markdown ``#``, DOCX heading
    styles) as Markdown heading lines (``## 标题``); cleaning turns them into `Heading`s.
    ``records`` are the lines that are table rows written as records (`ingest.record`).
    """

    source: str
    kind: str
    pages: tuple[PageText, ...]
    title_hint: str | None = None
    records: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Heading:
    """A heading inside a document's cleaned text: ``text == doc.text[start:end]``.

    ``scope_end`` bounds what the heading governs: None means up to the next heading of the
    same or a higher level (a real heading); a number means the end of its paragraph or point
    (the lead phrase of an enumerated paragraph, or of a 一是… point).
    """

    start: int
    end: int
    level: int
    text: str
    scope_end: int | None = None


@dataclass(frozen=True)
class PageSpan:
    """A character range of a document's cleaned text that came from one page."""

    start: int
    end: int
    page: int | None
    ocr: bool = False
    ocr_confidence: float | None = None


@dataclass(frozen=True)
class Document:
    """One logical document (a file may hold several), with its cleaned text."""

    doc_id: str
    title: str
    source: str
    text: str
    headings: tuple[Heading, ...] = ()
    pages: tuple[PageSpan, ...] = ()
    records: tuple[tuple[int, int], ...] = ()  # table rows written as records: (start, end) of each line
    tables: tuple[int, ...] = ()  # the table of each record, numbered from 0 in the document (`ingest.record.table_numbers`)


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: ``text == document.text[start:end]``."""

    id: str
    doc_id: str
    doc_title: str
    source: str
    section: str
    page: int | None
    start: int
    end: int
    text: str
    ocr: bool = False
    ocr_confidence: float | None = None
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
