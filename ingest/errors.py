"""Errors raised while reading files: each names the file and a reason a user can act on."""

from __future__ import annotations

import logging

_LOG = logging.getLogger("govdoc.ingest")


class IngestError(Exception):
    """A file could not be ingested; other files are unaffected."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


UNREADABLE = "无法解析：文件已损坏，或内容与扩展名所示的格式不符"


def parser_failure(file: str, exc: BaseException, reason: str = UNREADABLE) -> str:
    """``reason``, the plain Chinese users see when a parser fails on ``file``; the parser's own
    (English) message goes to the server log, for whoever mends it, and not onto the page."""
    _LOG.warning("parser failed on %s: %s: %s", file, type(exc).__name__, str(exc)[:300])
    return reason
