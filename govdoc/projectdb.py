"""The project's own SQLite file beside the index (accounts, knowledge bases, the audit log): one way to open it."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class ProjectDb:
    """Short transactions on one SQLite file, its tables created on first use.

    Args:
        path: the SQLite file (created on first write).
        schema: the ``CREATE … IF NOT EXISTS`` statements of the tables this user of the file owns.
    """

    def __init__(self, path: Path, schema: str) -> None:
        self.path = Path(path)
        self._schema = schema
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A connection inside one transaction (committed on success, rolled back on error), then closed."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            if not self._ready:
                with self._lock:
                    conn.executescript(self._schema)
                    self._ready = True
            with conn:
                yield conn
        finally:
            conn.close()

    def exists(self) -> bool:
        """Whether the file has been created yet (nothing written means nothing to read)."""
        return self.path.is_file()
