"""Structure of Chinese official text: heading markers, enumerators and sentence ends.

One place for the patterns that splitting, chunking and answering all rely on.
"""

from __future__ import annotations

import re

_CN_NUM = "一二三四五六七八九十百零〇两"

# Marker kinds, each with the pattern that opens a line of that kind. Their nesting
# order inside a document is learnt from the order in which they first appear.
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第[{_CN_NUM}\d]+编(?:\s|$)")),
    ("chapter", re.compile(rf"^第[{_CN_NUM}\d]+章(?:\s|$)")),
    ("section", re.compile(rf"^第[{_CN_NUM}\d]+节(?:\s|$)")),
    ("article", re.compile(rf"^第[{_CN_NUM}\d]+条(?:\s|　|$)")),
    ("cn", re.compile(rf"^[{_CN_NUM}]+[、，,]\s*")),
    ("cn_paren", re.compile(rf"^[（(][{_CN_NUM}]+[）)]\s*")),
    ("num", re.compile(r"^\d{1,2}(?:[.．、](?!\d)|\s)\s*")),
    ("num_paren", re.compile(r"^[（(]\d{1,2}[）)]\s*")),
    ("circled", re.compile(r"^[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳]\s*")),
)
# Fixed levels for law structure; other kinds nest in order of first appearance below them.
FIXED_LEVEL = {"part": 1, "chapter": 2, "section": 3, "article": 4}

# 附件, 附件1, 附件一：…, 附件 2 …: the start of an attachment, which ends the body's headings.
ANNEX = re.compile(rf"^附\s*件\s*(?:[0-9０-９]{{1,2}}|[{_CN_NUM}]{{1,3}})?(?:\s*[:：]|\s|$)")
ANNEX_LEVEL = 0  # above every other level: an attachment is no child of the body's last heading

# A page number printed alone: — 3 —, -3-, 第3页, 第3页 共9页, 3/9, 3 (OCR reads a dash as 一 too).
FOLIO = re.compile(
    r"^[-—–－一·\s]*+\d{1,4}[-—–－一·\s]*+$|^第\s*+\d{1,4}\s*+页(?:\s*+[/，,]?\s*+共\s*+\d{1,4}\s*+页)?$"
    r"|^\d{1,4}\s*+/\s*+\d{1,4}$"
)
BARE_NUMBER = re.compile(r"^\d{1,4}$")

ARTICLE_LABEL = re.compile(rf"^第[{_CN_NUM}\d]+条")
# The label of a part, chapter, section or article at a line start, with or without the space after it.
LAW_LABEL = re.compile(rf"^第[{_CN_NUM}\d]+[编章节条]")
# 一是…二是…: an ordinal enumeration inside a paragraph, after a sentence end or at its start.
ORDINAL_POINT = re.compile(rf"(?m)(?:^|(?<=[。；;！？]))\s*[{_CN_NUM}]{{1,3}}是")

SENTENCE_END = "。！？；!?;"
CLOSERS = "”’」』）)】》\"'"
_SENTENCE = re.compile(rf"[^{SENTENCE_END}\n]*(?:[{SENTENCE_END}]+[{CLOSERS}]*|\n|$)")
LEAD_END = re.compile(r"[。；;！？：:，,]")
TERMINAL = re.compile(rf"[{SENTENCE_END}：:，,、…]['\"”’）)」』]*$")


def marker_kind(line: str) -> str | None:
    """The kind of heading/enumeration marker a line starts with, if any."""
    for kind, pattern in MARKERS:
        if pattern.match(line):
            return kind
    return None


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of sentences in ``text[start:end]``: each ends after 。！？； (with closing quotes) or a line end.

    Leading/trailing whitespace is excluded from each span; empty spans are dropped.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text, start, end):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
        if m.end() >= end:
            break
    return spans


def lead_phrase(text: str, limit: int = 30) -> str:
    """The opening phrase of a paragraph, up to its first clause end, cut to ``limit`` characters."""
    m = LEAD_END.search(text)
    lead = text[: m.start()] if m else text
    lead = lead.strip()
    return lead if len(lead) <= limit else lead[:limit] + "…"


def is_annex_heading(line: str) -> bool:
    """A line that opens an attachment (附件, 附件1：名称), not a sentence that mentions one."""
    return bool(ANNEX.match(line)) and len(line) <= 40 and not any(ch in line for ch in "。；;！？")


def is_heading_line(line: str, kind: str | None) -> bool:
    """A marker line that is a heading (short, no sentence inside) rather than an enumerated paragraph."""
    if kind is None:
        return False
    if kind in ("part", "chapter", "section"):
        return len(line) <= 40
    if kind == "article":
        return False  # an article is a paragraph whose label is its first words
    body = line.rstrip("：:")
    return len(body) <= 40 and not any(ch in body for ch in "。；;！？")


def is_closed_heading(line: str, kind: str | None, headed_kinds: set[str], before: str | None, opens: bool) -> bool:
    """A marker line ending in 。 that heads what follows, as its siblings do ("2.…的情况。").

    Some writers close a heading with 。. Such a line is a heading when a line of the same marker kind
    elsewhere in the document is one (`is_heading_line`), the line is one short sentence, the line
    before is not its sibling (``before``: its marker kind), and the next line ``opens`` under it (plain
    text or a deeper marker): a heading has text under it, while a list item stands among its siblings.
    """
    if kind is None or kind in FIXED_LEVEL or kind not in headed_kinds or kind == before or not opens:
        return False
    body = line[:-1] if line.endswith("。") else ""
    return bool(body) and len(body) <= 40 and not any(ch in body for ch in "。；;！？，,")
