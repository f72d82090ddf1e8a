"""What every loader is given and the small rules they share: limits, spaces, plausible titles."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.config import IngestSettings, OcrSettings
from ingest.errors import IngestError

if TYPE_CHECKING:
    from ingest.ocr import OcrProvider

# Called as (pages done, pages to do) while a file's scanned pages are read by OCR.
OcrProgress = Callable[[int, int], None]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and also password-protected .docx


@dataclass(frozen=True)
class LoadRequest:
    """One file to read, with everything a loader may need.

    ``data`` is the file's bytes, already checked to be non-empty and within the size limit.
    ``ocr`` is None when OCR is off; ``engine`` is the OCR engine for this run (None without OCR).
    """

    path: Path
    data: bytes
    limits: IngestSettings
    ocr: OcrSettings | None = None
    engine: OcrProvider | None = None
    on_ocr_page: OcrProgress | None = None

    @property
    def source(self) -> str:
        """The file name as errors and `LoadedFile.source` show it."""
        return str(self.path)


def human_size(n: float) -> str:
    """A byte count as users read it (512 B, 1.5 KB, 3.0 MB)."""
    if n < 1024:
        return f"{n:g} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def check_chars(source: str, count: int, limits: IngestSettings, *, partial: bool = False) -> None:
    """Refuse a file whose text runs over ``limits.max_chars`` (``partial``: counted so far, reading stopped)."""
    if count > limits.max_chars:
        shown = f"已读出 {count:,} 字，尚未读完" if partial else f"{count:,} 字"
        raise IngestError(source, f"文字过多（{shown}），超过单个文件上限 {limits.max_chars:,} 字")


_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")


def collapse_spaces(text: str) -> str:
    """Runs of whitespace (including non-breaking spaces) become one space; the ends are stripped."""
    return _SPACES.sub(" ", text).strip()


def cjk_count(text: str) -> int:
    """How many CJK ideographs ``text`` holds."""
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def real_chars(text: str) -> int:
    """Letters, digits and CJK characters: private-use glyph codes and punctuation do not count."""
    return sum(1 for ch in text if ch.isalnum())


_TITLE_JUNK = re.compile(r"^(?:untitled|无标题|新建|document|文档|title|标题|microsoft word)\b", re.I)
_FILE_SUFFIX = re.compile(r"\.(?:docx?|wps|pdf|txt|rtf|xlsx?|pptx?)$", re.I)


def plausible_title(raw: object) -> str | None:
    """A document-property title if it reads like a real title, not a tool's placeholder or a file name."""
    if not isinstance(raw, str):
        return None
    title = collapse_spaces(raw)
    title = re.sub(r"^microsoft\s+(?:word|powerpoint)\s*-\s*", "", title, flags=re.I)
    title = _FILE_SUFFIX.sub("", title).strip()
    if not title or _TITLE_JUNK.match(title) or "/" in title or "\\" in title:
        return None
    if cjk_count(title) >= 2 or sum(ch.isalpha() for ch in title) >= 4:
        return title
    return None
