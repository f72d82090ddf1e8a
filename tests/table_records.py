"""A table file's rows as the ingest reads them: one list of (column, cell) pairs per record."""

from __future__ import annotations

from pathlib import Path

from ingest.load import load_file
from ingest.record import parse_record
from ingest.split import split_documents


def record_rows(path: Path) -> list[list[tuple[str, str]]]:
    """The records of the one document in ``path``, each parsed into its (column, cell) pairs."""
    (doc,) = split_documents(load_file(path))
    return [parse_record(doc.text[a:b]) or [] for a, b in doc.records]
