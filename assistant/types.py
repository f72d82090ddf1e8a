"""Domain types of the assistant: retrieved hits, citations, answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ingest.types import Chunk

REFUSAL = "资料中未找到相关内容。"


@dataclass(frozen=True)
class Hit:
    """A chunk returned by retrieval, best first."""

    chunk: Chunk
    score: float
    rank: int
    bm25_rank: int | None = None
    dense_rank: int | None = None
    dense_score: float | None = None  # cosine similarity to the question, when the dense side saw it
    # Ranked below the passages an answer is given, and handed over only for a count of table rows: a whole-table
    # answer may count in its table (`assistant.retrieve.Retriever.for_answer`); nothing else reads it.
    deeper: bool = False


@dataclass(frozen=True)
class Citation:
    """A numbered source of an answer; ``quote`` is verbatim text of the source document."""

    n: int
    doc_title: str
    source: str
    section: str
    page: int | None
    quote: str
    chunk_id: str
    doc_id: str
    start: int
    end: int
    ocr: bool = False
    role: str = ""  # drafting role of the source (ingest.role): own, policy, sample; empty when unknown
    page_end: int | None = None  # the last page of the quote when it runs past ``page``; else None
    row: tuple[tuple[str, str], ...] = ()  # the (column, value) pairs when the quote is a table row
    version: str = ""  # the source's version date (ingest.version): 2024-12-31, 2024-12, 2024; "" unknown
    version_label: str = ""  # the version in words: 2024年12月31日修正
    current: bool = True  # False when a newer version of the source document is indexed
    versioned: bool = False  # True when the index holds other versions of the source document

    @property
    def pages_label(self) -> str:
        """Where the quote is, in words: 第3页, 第3～4页; empty when the source has no pages."""
        if self.page is None:
            return ""
        if self.page_end is not None and self.page_end != self.page:
            return f"第{self.page}～{self.page_end}页"
        return f"第{self.page}页"

    @property
    def version_words(self) -> str:
        """The version in words for every output: 2024年4月26日修正·现行, 2020年10月17日修订·已被取代，
        非现行规定; "" for a current source of unknown date, and for a document with one version
        (whether it is current says something only beside its other versions)."""
        if not self.current:
            return f"{self.version_label or '旧版'}·已被取代，非现行规定"
        return f"{self.version_label}·现行" if self.version_label and self.versioned else ""

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape used by CLI, API and evals (``role`` only when the source has one;
        ``page_end`` only when the quote runs over a page break; ``row`` only when it is a table row;
        ``version`` and ``current`` always)."""
        out: dict[str, Any] = {
            "n": self.n,
            "doc_title": self.doc_title,
            "source": self.source,
            "section": self.section,
            "page": self.page,
            "quote": self.quote,
        }
        if self.page_end is not None and self.page_end != self.page:
            out["page_end"] = self.page_end
        if self.row:
            out["row"] = [{"column": name, "value": value} for name, value in self.row]
        if self.ocr:
            out["ocr"] = True
        if self.role:
            out["role"] = self.role
        out["version"] = self.version
        out["version_label"] = self.version_label
        out["current"] = self.current
        return out


@dataclass(frozen=True)
class Answer:
    """An answer with its citations; ``verified`` is False when no valid citation supports it."""

    question: str
    text: str
    refused: bool
    verified: bool
    citations: tuple[Citation, ...] = ()
    hits: tuple[Hit, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    resolved: str = ""  # a follow-up as it was understood (stand-alone); empty when the question stood alone
    superseded: bool = False  # the answer found the asked provision only in a superseded version and says so

    def to_json(self, id: str | None = None) -> dict[str, Any]:
        """The ``govdoc ask --json`` object."""
        out: dict[str, Any] = {}
        if id is not None:
            out["id"] = id
        out.update(
            {
                "question": self.question,
                "answer": self.text,
                "refused": self.refused,
                "verified": self.verified,
                "citations": [c.to_json() for c in self.citations],
                "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            }
        )
        if self.notes:
            out["notes"] = list(self.notes)
        if self.resolved:
            out["resolved_question"] = self.resolved
        if self.superseded:
            out["superseded"] = True
        return out
