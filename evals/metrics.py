"""Pure metric functions for the eval run: retrieval, answers, refusals, citations, latency.

Definitions (all shares are in [0, 1]):

- Text comparison for retrieval hits, key points and citation support goes through
  `normalize`: Unicode NFKC (full-width punctuation, letters and digits become half-width,
  so "，" equals ","), curly quotes become straight ones, all whitespace is removed and
  Latin letters are case-folded. Chinese and Arabic numerals are NOT unified ("七" is not
  "7"); the test set lists both spellings as key-point variants instead, which keeps the
  rule predictable ("一是", "第一条" stay untouched).
- A retrieved chunk is a *hit* when it contains one of the item's evidence quotes.
- `citation_valid` is strict: the quote is a verbatim substring of the cited source text.
- `citation_support`: see its docstring (shared substring of at least 12 characters).
- `percentile` uses linear interpolation between closest ranks (numpy's default).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

CITATION_MIN_OVERLAP = 12
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})


@dataclass(frozen=True)
class ItemResult:
    """What one test item produced in an eval run.

    ``first_hit_rank`` is the 1-based rank of the first retrieved chunk that contains an
    evidence quote (None: no retrieved chunk did, or the item has no evidence).
    ``key_point_recall`` is None for unanswerable items. ``supported`` says whether the
    answer's citations support the evidence (`citation_support`). ``citations`` are the
    cited quotes.
    """

    id: str
    answerable: bool
    refused: bool
    first_hit_rank: int | None = None
    key_point_recall: float | None = None
    citations_valid: int = 0
    citations_total: int = 0
    supported: bool = False
    retrieve_ms: float = 0.0
    answer_ms: float = 0.0
    answer: str = ""
    citations: tuple[str, ...] = ()


def normalize(text: str) -> str:
    """Fold width, quotes, whitespace and case so that equal wording compares equal."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return "".join(folded.split())


# ---- retrieval ----


def first_hit_rank(ranked_chunk_texts: Sequence[str], evidence: Iterable[str], k: int | None = None) -> int | None:
    """1-based rank of the first chunk containing any evidence quote.

    Args:
        ranked_chunk_texts: retrieved chunk texts, best first.
        evidence: verbatim quotes; empty quotes are ignored.
        k: look only at the first k chunks; None looks at all.
    Returns:
        The rank, or None when no chunk within the cut-off holds a quote.
    """
    quotes = [q for q in (normalize(e) for e in evidence) if q]
    if not quotes:
        return None
    limit = len(ranked_chunk_texts) if k is None else min(k, len(ranked_chunk_texts))
    for rank, text in enumerate(ranked_chunk_texts[:limit], start=1):
        chunk = normalize(text)
        if any(q in chunk for q in quotes):
            return rank
    return None


def hit_at(ranked_chunk_texts: Sequence[str], evidence: Iterable[str], k: int) -> bool:
    """Whether one of the first k chunks contains an evidence quote."""
    return first_hit_rank(ranked_chunk_texts, evidence, k) is not None


def reciprocal_rank(ranked_chunk_texts: Sequence[str], evidence: Iterable[str], k: int = 10) -> float:
    """1 / rank of the first hit within the first k chunks, else 0.0."""
    rank = first_hit_rank(ranked_chunk_texts, evidence, k)
    return 0.0 if rank is None else 1.0 / rank


# ---- answers ----


def key_point_recall(answer: str, key_points: Sequence[Sequence[str]]) -> float:
    """Share of key points of which some variant occurs in the answer (after `normalize`).

    Args:
        answer: the answer text.
        key_points: each key point is a list of accepted variants.
    Raises:
        ValueError: when there are no key points (recall is undefined, e.g. unanswerable items).
    """
    if not key_points:
        raise ValueError("没有要点，无法计算要点召回率")
    text = normalize(answer)
    found = 0
    for variants in key_points:
        forms = [f for f in (normalize(v) for v in variants) if f]
        found += any(f in text for f in forms)
    return found / len(key_points)


def refusal_stats(items: Iterable[tuple[bool, bool]]) -> dict[str, float | int | None]:
    """Refusal accuracy over unanswerable items and false-refusal rate over answerable ones.

    Args:
        items: (answerable, refused) per test item.
    Returns:
        ``answerable``, ``unanswerable`` (counts), ``correct_refusals`` (unanswerable and
        refused), ``false_refusals`` (answerable and refused), ``refusal_accuracy`` =
        correct_refusals / unanswerable and ``false_refusal_rate`` = false_refusals /
        answerable; a rate is None when its denominator is 0.
    """
    answerable = unanswerable = correct = false = 0
    for is_answerable, refused in items:
        if is_answerable:
            answerable += 1
            false += refused
        else:
            unanswerable += 1
            correct += refused
    return {
        "answerable": answerable,
        "unanswerable": unanswerable,
        "correct_refusals": correct,
        "false_refusals": false,
        "refusal_accuracy": _share(correct, unanswerable),
        "false_refusal_rate": _share(false, answerable),
    }


# ---- citations ----


def citation_valid(quote: str, source_text: str) -> bool:
    """Whether a cited quote is non-blank and occurs verbatim (no normalisation) in its source."""
    return bool(quote.strip()) and quote in source_text


def citation_support(
    cited_texts: Iterable[str], evidence: Iterable[str], min_overlap: int = CITATION_MIN_OVERLAP
) -> bool:
    """Whether some cited passage supports some evidence quote.

    After `normalize`, a cited text ``c`` supports an evidence quote ``e`` when they share a
    common substring of at least ``min(len(e), min_overlap)`` characters. This covers a
    citation that contains the whole quote (``e in c``), a citation that is a core
    fragment of the quote (``c in e``, at least ``min_overlap`` characters), and a
    citation that overlaps the quote across a chunk boundary. Twelve characters is a
    clause in Chinese: long enough that a shared stock phrase (依法追究刑事责任) does not
    count on its own.

    Args:
        cited_texts: the cited quotes or passages of an answer.
        evidence: the item's evidence quotes.
        min_overlap: shortest shared run that counts, in characters after normalisation.
    Returns:
        False when either side is empty.
    """
    quotes = [q for q in (normalize(e) for e in evidence) if q]
    cited = [c for c in (normalize(t) for t in cited_texts) if c]
    for c in cited:
        for q in quotes:
            need = min(len(q), min_overlap)
            match = SequenceMatcher(None, c, q, autojunk=False).find_longest_match(0, len(c), 0, len(q))
            if match.size >= need:
                return True
    return False


# ---- latency ----


def percentile(values: Iterable[float], p: float) -> float:
    """The p-th percentile by linear interpolation between closest ranks (numpy's default).

    For sorted values ``v[0..n-1]`` the position is ``(n - 1) * p / 100``; the result
    interpolates between the two values around it. p50 of [1, 2, 3, 4] is 2.5.

    Raises:
        ValueError: when values is empty or p is outside [0, 100].
    """
    ordered = sorted(values)
    if not ordered:
        raise ValueError("没有数值，无法计算百分位数")
    if not 0 <= p <= 100:
        raise ValueError(f"百分位 p 应在 0 到 100 之间，实际为 {p}")
    position = (len(ordered) - 1) * p / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


# ---- overall ----


def aggregate(per_item: Sequence[ItemResult]) -> dict[str, float | int | None]:
    """Overall metrics of an eval run.

    - ``hit@1``, ``hit@3``, ``hit@5``, ``mrr@10``: over answerable items, from
      ``first_hit_rank``.
    - ``key_point_recall``: mean over answerable items; a missing value counts as 0.
    - ``refusal_accuracy``, ``false_refusal_rate``: see `refusal_stats`.
    - ``citation_validity``: valid citations / all citations, over all items.
    - ``citation_support``: share of answerable items that were answered (not refused)
      whose citations support the evidence.
    - ``retrieve_ms_p50/p95``, ``answer_ms_p50/p95``: over all items.
    - ``n_items``, ``n_answerable``, ``n_unanswerable``.

    A metric whose population is empty is None.
    """
    answerable = [r for r in per_item if r.answerable]
    answered = [r for r in answerable if not r.refused]
    ranks = [r.first_hit_rank for r in answerable]
    refusals = refusal_stats((r.answerable, r.refused) for r in per_item)
    out: dict[str, float | int | None] = {
        "n_items": len(per_item),
        "n_answerable": len(answerable),
        "n_unanswerable": len(per_item) - len(answerable),
    }
    for k in (1, 3, 5):
        out[f"hit@{k}"] = _mean([1.0 if rank is not None and rank <= k else 0.0 for rank in ranks])
    out["mrr@10"] = _mean([1.0 / rank if rank is not None and rank <= 10 else 0.0 for rank in ranks])
    out["key_point_recall"] = _mean([r.key_point_recall or 0.0 for r in answerable])
    out["refusal_accuracy"] = refusals["refusal_accuracy"]
    out["false_refusal_rate"] = refusals["false_refusal_rate"]
    out["citation_validity"] = _share(
        sum(r.citations_valid for r in per_item), sum(r.citations_total for r in per_item)
    )
    out["citation_support"] = _mean([1.0 if r.supported else 0.0 for r in answered])
    for name in ("retrieve_ms", "answer_ms"):
        values = [getattr(r, name) for r in per_item]
        out[f"{name}_p50"] = percentile(values, 50) if values else None
        out[f"{name}_p95"] = percentile(values, 95) if values else None
    return out


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None
