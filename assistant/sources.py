"""The 参考来源 list: each source document once, with the passages quoted from it.

A draft cites sentence by sentence, so one passage may give a section six citations, and a sentence
that two overlapping passages hold may be cited from each. Listed one per citation, the sources are a
stack of near-identical cards. Here the citations are grouped by the document they quote (`Source`),
and within it each quote appears once (`Quote`), with every number that cites it: the same span of
the document, or the same words at another place of it, is one quote. The numbers in the text stay
as they are, each still names one verbatim quote; only the list is grouped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from assistant.types import Answer, Citation, Hit
from ingest.role import ROLE_LABELS, stored_role


@dataclass(frozen=True)
class Quote:
    """One quoted passage of a source and the numbers that cite it (several when it was cited twice)."""

    numbers: tuple[int, ...]
    citation: Citation  # the first citation of it

    @property
    def label(self) -> str:
        """``[1][5]``: the numbers that cite it."""
        return "".join(f"[{n}]" for n in self.numbers)


@dataclass(frozen=True)
class Source:
    """One document of the sources list and its quotes, in the order the text first cites them."""

    quotes: tuple[Quote, ...]

    @property
    def first(self) -> Citation:
        """The first citation of the document (its title, file, role and version are every quote's)."""
        return self.quotes[0].citation

    @property
    def numbers(self) -> tuple[int, ...]:
        """Every number that cites the document, ascending."""
        return tuple(sorted(n for q in self.quotes for n in q.numbers))

    @property
    def label(self) -> str:
        """``[1][3][5]``, or ``[1]～[18]`` for a run of three or more: every number that cites the document."""
        return numbers_label(self.numbers)


def numbers_label(numbers: Sequence[int]) -> str:
    """``[1][3][5]`` for the numbers (ascending), a run of three or more written ``[6]～[9]``."""
    out: list[str] = []
    run: list[int] = []
    for n in [*numbers, -1]:
        if run and n == run[-1] + 1:
            run.append(n)
            continue
        if len(run) >= 3:
            out.append(f"[{run[0]}]～[{run[-1]}]")
        else:
            out += [f"[{m}]" for m in run]
        run = [n]
    return "".join(out)


def sources_of(citations: Iterable[Citation]) -> list[Source]:
    """The citations grouped by document (and version), each in the order of its first number; within a
    document a quote of the same span or the same words as an earlier one joins it."""
    order: list[str] = []
    quotes: dict[str, list[tuple[list[int], Citation]]] = {}
    for c in sorted(citations, key=lambda c: c.n):
        # One document at one version: a version's state is said once, in the source's line.
        key = f"{c.doc_id or c.doc_title + chr(10) + c.source}\n{c.version_words}"
        if key not in quotes:
            order.append(key)
            quotes[key] = []
        same = next((q for q in quotes[key] if _same_quote(q[1], c)), None)
        if same is None:
            quotes[key].append(([c.n], c))
        else:
            same[0].append(c.n)
    return [Source(tuple(Quote(tuple(ns), c) for ns, c in quotes[key])) for key in order]


def _same_quote(a: Citation, b: Citation) -> bool:
    return (a.start, a.end) == (b.start, b.end) or "".join(a.quote.split()) == "".join(b.quote.split())


def role_tag(role: str) -> str:
    """【本单位材料】 for a source's drafting role; empty when it has none."""
    return f"【{ROLE_LABELS[role]}】" if role in ROLE_LABELS else ""


# An answer that quotes only another unit's report (参考范文) would read like a rule; its text says what it is.
# The line carries no marker: it quotes nothing and is nobody's claim about the documents.
SAMPLE_LEAD = "以下内容摘自参考范文（其他单位的材料），仅供参考，不是规定："


def with_sample_lead(answer: Answer) -> Answer:
    """``answer`` opening with `SAMPLE_LEAD` on a line of its own when every citation is from a sample
    (role ``sample``); unchanged otherwise (a refusal, no citations, any other or unknown role, already led)."""
    cited = answer.citations
    if answer.refused or not cited or any(c.role != "sample" for c in cited) or answer.text.startswith(SAMPLE_LEAD):
        return answer
    return replace(answer, text=f"{SAMPLE_LEAD}\n{answer.text}")


def beside_our_own(hits: Sequence[Hit]) -> list[bool]:
    """For each passage an answer would quote, whether it may stand in that answer: all may, unless our own
    material (role ``own``) is among them; then another unit's report (``sample``) may not, since quoted
    beside ours its facts (学校现有专任教师112人) read as ours, with no line to say whose they are."""
    roles = [stored_role(h.chunk) for h in hits]
    return [r != "sample" or "own" not in roles for r in roles]


def streamed_sample_lead(hits: Sequence[Hit]) -> str:
    """`SAMPLE_LEAD` and its line break, to stream before the first piece of an LLM's answer from ``hits``, when
    every passage it may cite is a sample's (role ``sample``, as its citations would carry it): then every
    citation it can make is, and `with_sample_lead` leads the checked answer the same way, so the words that
    say what is quoted come first, not only with the final answer. Empty otherwise (no passages, any other role)."""
    if hits and all(stored_role(h.chunk) == "sample" for h in hits):
        return f"{SAMPLE_LEAD}\n"
    return ""


def without_sample_lead(text: str) -> str:
    """An answer's text without the `SAMPLE_LEAD` line (a follow-up reads what the answer said, not the label)."""
    return text[len(SAMPLE_LEAD) :].lstrip("\n") if text.startswith(SAMPLE_LEAD) else text


def previous_answer(history: Sequence[tuple[str, str]], *, of_last_question: bool = False) -> str:
    """The text of the last assistant turn in ``history`` without `SAMPLE_LEAD` ('' when there is none).

    ``of_last_question``: only an answer to the last user question counts, so '' when a user turn comes
    after the last answer (a follow-up reads the answer its own previous question got, not an older one).
    """
    for role, text in reversed(history):
        if role == "user" and of_last_question:
            return ""
        if role == "assistant":
            return without_sample_lead(text)
    return ""


def source_line(c: Citation, *, file: bool = True) -> str:
    """One entry of the 参考来源 list: [n] 【role】《title》 section（version，source，第p页）：“quote”; what
    is empty of the bracket (an empty source: a file named as its title) is left out. Without ``file`` the
    stored file's name is left out too, as a footnote of a document to hand in cites a law by its title
    (《…》第X条), not by the file it was read from (…(2016-12-25)), which the list at the end still names."""
    section = f" {c.section}" if c.section else ""
    where = _where(c.version_words, c.source if file else "", c.pages_label)
    return f"[{c.n}] {role_tag(c.role)}《{c.doc_title}》{section}{where}：“{c.quote}”"


def source_head(source: Source) -> str:
    """The line that opens a document of several quotes: [1][3] 【role】《title》（version，source）."""
    c = source.first
    return f"{source.label} {role_tag(c.role)}《{c.doc_title}》{_where(c.version_words, c.source)}"


def _where(*parts: str) -> str:
    """（a，b）of the parts that are not empty; '' when all are."""
    said = "，".join(p for p in parts if p)
    return f"（{said}）" if said else ""


def quote_line(quote: Quote, *, same_section: bool = False) -> str:
    """A quote under its document's head: [3] section（第p页）：“quote”; without the section when it is
    the section of the quote above (``same_section``)."""
    c = quote.citation
    section = f" {c.section}" if c.section and not same_section else ""
    pages = f"（{c.pages_label}）" if c.pages_label else ""
    return f"{quote.label}{section}{pages}：“{c.quote}”" if section or pages else f"{quote.label} “{c.quote}”"


def source_entries(citations: Sequence[Citation]) -> list[tuple[str, list[str]]]:
    """The sources list as text: per document its line and the lines of its quotes under it. A document
    quoted once is one line (`source_line`, the numbers that cite it in front); one quoted more often
    is its head (`source_head`) with a line per quote (`quote_line`)."""
    out: list[tuple[str, list[str]]] = []
    for source in sources_of(citations):
        if len(source.quotes) == 1:
            quote = source.quotes[0]
            line = source_line(quote.citation)
            out.append((quote.label + line[line.index("]") + 1 :], []))
        else:
            quotes = source.quotes
            lines = [
                quote_line(q, same_section=i > 0 and q.citation.section == quotes[i - 1].citation.section)
                for i, q in enumerate(quotes)
            ]
            out.append((source_head(source), lines))
    return out


def source_text_lines(citations: Sequence[Citation], indent: str = "    ") -> list[str]:
    """`source_entries` as plain lines, each quote indented under its document."""
    return [line for head, quotes in source_entries(citations) for line in (head, *(indent + q for q in quotes))]
