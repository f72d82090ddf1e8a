"""Text from documents, test sets or users made inert inside Markdown: shown as written, never rendered."""

from __future__ import annotations

import re

# Every character that can start Markdown syntax or raw HTML: a backslash before each makes it literal
# (CommonMark escapes), so no <img>, <script>, link, image or table cell can come from the text.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~&])")


def md_escape(text: object) -> str:
    """``text`` as literal Markdown: ``<img src=x onerror=…>`` shows as those characters."""
    return _SPECIAL.sub(r"\\\1", str(text))


def md_inline(text: object) -> str:
    """``text`` on one line (runs of whitespace become one space) and literal: for a table cell or list item."""
    return md_escape(" ".join(str(text).split()))
