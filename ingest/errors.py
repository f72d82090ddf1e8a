"""Errors raised while reading files: each names the file and a reason a user can act on."""

from __future__ import annotations


class IngestError(Exception):
    """A file could not be ingested; other files are unaffected."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason
