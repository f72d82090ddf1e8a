"""Plain text and Markdown: decoded (see `encoding`), one page, the first ``# 标题`` as the title."""

from __future__ import annotations

import re

from ingest.errors import IngestError
from ingest.loaders.base import OLE_MAGIC, LoadRequest, check_chars
from ingest.loaders.encoding import decode_text, normalize_newlines
from ingest.types import LoadedFile, PageText

# The closing ``#``s and spaces are stripped in Python: a lazy group before ``[ \t#]*$`` backtracks
# quadratically over a long run of them.
_MD_TITLE = re.compile(r"^#[ \t]+(.+)$", re.M)


def load_txt(request: LoadRequest) -> LoadedFile:
    """A plain text file as one page."""
    return _load_text(request, "txt")


def load_markdown(request: LoadRequest) -> LoadedFile:
    """A Markdown file as one page; its first level-1 heading is the title hint."""
    return _load_text(request, "md")


def _load_text(request: LoadRequest, kind: str) -> LoadedFile:
    source, data = request.source, request.data
    _refuse_binary(source, data)
    text = normalize_newlines(decode_text(data, source))
    check_chars(source, len(text), request.limits)
    if not text.strip():
        raise IngestError(source, "文件没有文字内容")
    title = None
    if kind == "md":
        match = _MD_TITLE.search(text)
        title = match.group(1).rstrip(" \t#").strip() if match else None
    return LoadedFile(source=source, kind=kind, pages=(PageText(None, text),), title_hint=title)


def _refuse_binary(source: str, data: bytes) -> None:
    """A PDF, Word or zip file saved under a text suffix is a naming mistake the user can fix."""
    head = data[:8]
    if head.startswith(b"%PDF-"):
        kind = "PDF 文件"
    elif head.startswith(b"PK\x03\x04"):
        kind = "压缩包或 .docx 文件"
    elif head == OLE_MAGIC:
        kind = "旧版 Office 文件"
    else:
        return
    raise IngestError(source, f"文件内容不是文本（看起来是{kind}），请检查扩展名")
