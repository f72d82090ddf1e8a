"""A value read from the index once per generation, shared by both index backends.

Every question reads some whole-index values (the document list, for versions and scope); at
100k chunks one read costs hundreds of ms. A write moves the index's generation, so a value
kept with the generation it was read under is fresh exactly while the generation stands.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class PerGeneration(Generic[T]):
    """The last value ``read`` returned, kept while the index generation it was read under stands."""

    def __init__(self) -> None:
        self._kept: tuple[int, T] | None = None
        self._mutex = threading.Lock()

    def get(self, generation: int, read: Callable[[], T]) -> T:
        """The kept value when it was read under ``generation``; otherwise ``read()``, kept under it.

        The caller reads the generation before calling, so a value read after it is at least as new
        as it; a later write moves the generation and the next call reads again.
        """
        with self._mutex:
            kept = self._kept
        if kept is not None and kept[0] == generation:
            return kept[1]
        value = read()
        with self._mutex:
            self._kept = (generation, value)
        return value
