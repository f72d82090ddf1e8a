"""Failed tries counted per key within a sliding window of time: failed logins per address and name (the login
gate), wrong current passwords per account (the 账号 tab). Thread-safe; at most ``kept`` keys are remembered, those
with no failure left in the window going first, since the keys may be a guesser's to choose."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Hashable, Iterable


class FailureWindow:
    """Failures per key within the last ``window_s`` seconds (a monotonic clock)."""

    def __init__(self, window_s: float, kept: int = 10_000) -> None:
        self.window_s = window_s
        self.kept = kept
        self._failures: dict[Hashable, deque[float]] = {}
        self._lock = threading.Lock()

    def count(self, key: Hashable) -> int:
        """How many failures ``key`` has within the window."""
        with self._lock:
            return self._recent(key, time.monotonic())

    def add(self, keys: Iterable[Hashable]) -> None:
        """One failure more for each of ``keys``."""
        with self._lock:
            now = time.monotonic()
            if len(self._failures) >= self.kept:
                for key in [k for k in self._failures if not self._recent(k, now)]:
                    del self._failures[key]
            for key in keys:
                self._failures.setdefault(key, deque()).append(now)

    def _recent(self, key: Hashable, now: float) -> int:
        recent = self._failures.get(key)
        while recent and now - recent[0] > self.window_s:
            recent.popleft()
        return len(recent) if recent else 0
