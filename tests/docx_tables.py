"""A plain grid table in a python-docx document, the one way the table tests write one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def add_grid(document: Any, rows: Sequence[Sequence[str]]) -> Any:
    """Append a table of ``rows`` (the header first, all of one length) to ``document``; returns the table."""
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return table
