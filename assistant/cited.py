"""The documents an earlier answer quoted, found again from its text alone.

A conversation comes back as plain text (the page, the API and the CLI send (role, text) turns), so the
documents the previous answer cited are recovered from what it quoted: an extractive answer is verbatim
passages, each followed by its citation marker ([1]). A passage counts as quoted from a document when
one of that document's chunks holds the passage's longest line word for word (spaces aside).

A follow-up (那民办的呢？) asks about the same thing the previous answer was about, so those documents are
preferred for its answer (`prefer_cited`, used by `govdoc.service.GovdocService.ask_stream`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from assistant.cite import MARKER
from assistant.types import Answer
from ingest.types import Chunk

_SPACE = re.compile(r"\s+")


def _compact(text: str) -> str:
    return _SPACE.sub("", text)


def quoted_lines(answer: str, min_chars: int) -> list[str]:
    """The longest line of each passage ``answer`` quotes before a citation marker, in order; lines
    shorter than ``min_chars`` (spaces aside) say too little to tell one document from another."""
    lines: list[str] = []
    start = 0
    for match in MARKER.finditer(answer):
        passage = answer[start : match.start()]
        start = match.end()
        candidates = [line.strip() for line in passage.splitlines() if line.strip()]
        if not candidates:
            continue
        longest = max(candidates, key=lambda line: len(_compact(line)))
        if len(_compact(longest)) >= min_chars and longest not in lines:
            lines.append(longest)
    return lines


def cited_documents(answer: str, find: Callable[[str], Sequence[Chunk]], min_chars: int) -> list[str]:
    """The ids of the documents ``answer`` quoted, in the order first quoted.

    Args:
        answer: an earlier answer's text, citation markers included (a refusal quotes nothing).
        find: chunks likely to hold a line (a search of the documents the asker may read).
        min_chars: shortest quoted line looked for (see `quoted_lines`).
    """
    found: list[str] = []
    for line in quoted_lines(answer, min_chars):
        wanted = _compact(line)
        for chunk in find(line):
            if chunk.doc_id not in found and wanted in _compact(chunk.text):
                found.append(chunk.doc_id)
    return found


def prefer_cited(answer: Answer, cited: Sequence[str], ask_cited: Callable[[list[str]], Answer]) -> Answer:
    """A follow-up's answer with the documents the previous answer quoted preferred.

    ``answer`` (from every document) stands when it is a refusal (a refusal stays a refusal: asking
    fewer documents must not let a weaker passage through), when it quotes one of ``cited``, or when
    nothing was cited. Otherwise the cited documents are asked (``ask_cited``) and their answer is taken
    if they give one.
    """
    if answer.refused or not cited or {c.doc_id for c in answer.citations} & set(cited):
        return answer
    own = ask_cited(list(cited))
    return answer if own.refused else own
