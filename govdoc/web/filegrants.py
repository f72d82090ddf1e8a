"""Which user each of gradio's files was handed to: the record that `govdoc.web.filegate.FileGate` keeps
(serving a file only to those it was handed to) and `govdoc.web.filerefs.FileRefGuard` reads (an event
may name only uploads handed to its sender)."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable

REMEMBERED = 200_000  # (user, file) pairs kept, oldest forgotten first


def real_path(path: str) -> str | None:
    """``path`` with links and dots resolved; None when it cannot be (a NUL byte, a bad name)."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return None


class FileGrants:
    """Which user each gradio file was handed to (thread-safe, bounded)."""

    def __init__(self, limit: int = REMEMBERED) -> None:
        self._pairs: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._lock = threading.Lock()
        self.limit = limit

    def grant(self, user: str, paths: Iterable[str]) -> None:
        """Record that ``paths`` were handed to ``user``."""
        with self._lock:
            for path in paths:
                real = real_path(path)
                if real is None:
                    continue
                self._pairs[(user, real)] = None
                self._pairs.move_to_end((user, real))
            while len(self._pairs) > self.limit:
                self._pairs.popitem(last=False)

    def handed(self, user: str, path: str) -> bool:
        """Whether ``path`` was handed to ``user``."""
        real = real_path(path)
        with self._lock:
            return real is not None and (user, real) in self._pairs

    def paths_of(self, user: str) -> list[str]:
        """The paths handed to ``user``, resolved."""
        with self._lock:
            return [path for who, path in self._pairs if who == user]
