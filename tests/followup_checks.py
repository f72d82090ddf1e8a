"""Helpers for the follow-up rewrite tests: a follow-up read after one question, and a similarity that finds
only the phrases named alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.followup import standalone_question

Similarity = Callable[[str, Sequence[str]], list[float]]


def after(first: str, follow: str, similarity: Similarity | None = None) -> str:
    """``follow`` as a stand-alone question, asked right after ``first``."""
    return standalone_question(follow, [("user", first), ("assistant", "……")], similarity=similarity)


def prefers(*close: str) -> Similarity:
    """A deterministic similarity: the phrases in ``close`` are alike, everything else is not."""

    def similarity(new: str, texts: Sequence[str]) -> list[float]:
        return [0.9 if text in close else 0.8 for text in texts]

    return similarity
