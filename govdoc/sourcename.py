"""The name of a source file as users see it: never the server's absolute path.

Index keys are paths (relative to the working directory when below it, else absolute), and a data
folder outside the working directory makes them absolute: ``/srv/govdoc/data/uploads/办法.pdf``.
The HTTP API's JSON shows the path relative to the data folder instead
(``uploads/办法.pdf``), and a file outside the data folder by its file name alone, so a reader learns
nothing of the server's folders. The command line, run by the owner on the server, keeps the keys.

The page, and what people read away from it (Word and text exports, the copied answer:
`shown_citations`), go further (`shown_name`): a file is named as its user knows it, without the folder
it was stored in (``uploads/``) or its extension: ``uploads/值班制度.docx`` is 值班制度.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from assistant.draft import Draft
from assistant.types import Answer, Citation

Cited = TypeVar("Cited", Answer, Draft)


def source_name(source: str, data_dir: Path) -> str:
    """``source`` (an index key) relative to ``data_dir`` when it lies inside it, else its file name.

    Args:
        source: the index key of a file (a path, absolute or relative to the working directory).
        data_dir: the data folder (settings.data_dir), absolute or relative to the working directory.
    """
    if not source:
        return source
    path = Path(os.path.abspath(source))
    for root in {Path(os.path.abspath(data_dir)), Path(os.path.realpath(data_dir))}:
        if path.is_relative_to(root) and path != root:
            return path.relative_to(root).as_posix()
    real = Path(os.path.realpath(source))
    root = Path(os.path.realpath(data_dir))
    if real.is_relative_to(root) and real != root:
        return real.relative_to(root).as_posix()
    return path.name


def shown_name(name: str) -> str:
    """A file as the page names it: no folders, no extension (``uploads/值班制度.docx`` → 值班制度).

    Args:
        name: a source as `source_name` shows it, or an index key.
    """
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    known = suffix.isascii() and suffix.isalnum() and not suffix.isdigit() and len(suffix) <= 5
    return stem if dot and stem and known else base


def named_citations(citations: tuple[Citation, ...], data_dir: Path) -> tuple[Citation, ...]:
    """``citations`` with each source shown by `source_name`."""
    return tuple(replace(c, source=source_name(c.source, data_dir)) for c in citations)


def shown_citations(citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
    """``citations`` with each source as the page names it (`shown_name`), for what people read away from
    the page (a Word or text export, the copied answer): no folders, no extension, and no source at all
    when the file is named as its document's title (it would say the title twice)."""
    return tuple(replace(c, source=_shown_unless_title(c)) for c in citations)


def shown_to_reader(item: Cited) -> Cited:
    """An answer or a draft with its citations named as the page names them (`shown_citations`), for a
    Word or text export."""
    return replace(item, citations=shown_citations(item.citations))


def _shown_unless_title(c: Citation) -> str:
    name = shown_name(c.source)
    return "" if name == c.doc_title else name


def named_answer(answer: Answer, data_dir: Path) -> Answer:
    """``answer`` with its citations' sources shown by `source_name` (its retrieval hits keep the keys:
    they never leave the server)."""
    return replace(answer, citations=named_citations(answer.citations, data_dir))
