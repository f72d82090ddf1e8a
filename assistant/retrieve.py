"""Retrieval: BM25, dense vectors, or both fused by reciprocal rank.

A chunk still waiting for its vector (two-phase ingest, `ingest.backlog`) can only be found by
BM25. In hybrid mode such a chunk is scored as if its dense rank equalled its BM25 rank, so a
file that has just come in is not ranked below the others for lacking a vector; once every
vector is in, hybrid retrieval is exactly the one-phase ranking.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Collection, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import numpy as np

from assistant.config import RetrievalMode, RetrievalSettings
from assistant.evidence import official_wording
from assistant.table import count_measure
from assistant.types import Hit
from ingest.bm25 import Bm25Index, TermCounts
from ingest.record import row_spans
from ingest.tokenize import get_tokenizer
from ingest.types import Chunk

_MASKS_KEPT = 8  # document sets whose BM25 mask is kept (a few users' scopes)


class SearchableIndex(Protocol):
    """What retrieval needs from the store (ingest.store.Index)."""

    def generation(self) -> int: ...

    def token_rows(self, tokenizer: str) -> tuple[list[str], list[list[str]]]: ...

    def chunk_count(self) -> int: ...

    def bm25_folder(self, tokenizer: str, generation: int) -> Path: ...

    def chunks(self, ids: Sequence[str] | None = None) -> list[Chunk]: ...

    def query_dense(
        self, vector: np.ndarray, k: int, doc_ids: list[str] | None = None
    ) -> list[tuple[str, float]]: ...

    def waiting_among(self, ids: Sequence[str]) -> set[str]: ...


class QueryEmbedder(Protocol):
    """What retrieval needs from an embedder."""

    def embed_query(self, text: str) -> np.ndarray: ...


class Retriever:
    """Finds the passages for a question; keeps its BM25 side in step with the index generation."""

    def __init__(self, index: SearchableIndex, embedder: QueryEmbedder | None, settings: RetrievalSettings) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self.tokenize = get_tokenizer(settings.tokenizer)
        self._lock = threading.Lock()
        self._bm25: Bm25Index | None = None
        self._generation = -1
        self._doc_chunks: dict[str, set[str]] = {}
        # BM25 masks of the document sets asked about lately (the current versions a user may read
        # are the same set question after question): building one loops over every allowed chunk.
        self._masks: dict[frozenset[str], np.ndarray] = {}

    def bm25(self) -> Bm25Index:
        """The BM25 index for the index's current generation, rebuilt only after a write."""
        generation = self.index.generation()
        with self._lock:
            if self._bm25 is None or generation != self._generation:
                self._bm25 = self._load_or_build_bm25(generation)
                self._generation = generation
                self._doc_chunks = {}
                self._masks = {}
            return self._bm25

    def stats(self, doc_ids: list[str] | None = None) -> Bm25Index | TermCounts:
        """The term counts of some documents' chunks (None: the whole index), for weighing a question's
        words by what its asker may read."""
        bm25 = self.bm25()
        mask = self._allowed(doc_ids, bm25)
        return bm25 if mask is None else bm25.within(mask)

    def _load_or_build_bm25(self, generation: int) -> Bm25Index:
        """The BM25 index saved for this generation by any process, else built from the manifest and saved."""
        folder = self.index.bm25_folder(self.settings.tokenizer, generation)
        if folder.is_dir():
            try:
                saved = Bm25Index.load(folder)
            except (OSError, ValueError, KeyError):
                saved = None  # damaged or half-deleted by another process: rebuilt below
            if saved is not None and len(saved) == self.index.chunk_count():
                return saved
        ids, tokens = self.index.token_rows(self.settings.tokenizer)
        bm25 = Bm25Index(ids, tokens)
        # Saved only when no write happened meanwhile, so the folder's generation matches its rows.
        if self.index.generation() == generation:
            try:
                shutil.rmtree(folder, ignore_errors=True)
                bm25.save(folder)
            except OSError:
                pass  # a read-only or full disk only costs the rebuild at the next start
            for old in folder.parent.glob(f"{self.settings.tokenizer}-g*"):
                if old != folder and ".tmp" not in old.name:  # others' unfinished saves are theirs
                    shutil.rmtree(old, ignore_errors=True)
        return bm25

    def _allowed(self, doc_ids: list[str] | None, bm25: Bm25Index) -> np.ndarray | None:
        """The BM25 mask of some documents' chunks; the document -> chunks map is read once per index
        generation and the masks of the last few document sets are kept (answering from the current
        versions narrows every question to a list of documents)."""
        if doc_ids is None:
            return None
        key = frozenset(doc_ids)
        with self._lock:
            mask = self._masks.get(key)
            if mask is not None and bm25 is self._bm25:
                return mask
            if not self._doc_chunks:
                by_doc: dict[str, set[str]] = {}
                for c in self.index.chunks():
                    by_doc.setdefault(c.doc_id, set()).add(c.id)
                self._doc_chunks = by_doc
            table = self._doc_chunks
        mask = bm25.mask(cid for d in key for cid in table.get(d, ()))
        with self._lock:
            if bm25 is self._bm25:
                if len(self._masks) >= _MASKS_KEPT:
                    self._masks.pop(next(iter(self._masks)))
                self._masks[key] = mask
        return mask

    def depth(self, question: str, k: int | None = None) -> int:
        """How many passages to retrieve for an answer to ``question`` (``k``, default the settings'):
        ``count_k`` at least for a question that counts (一共有几项), of which `for_answer` keeps its share."""
        k = k or self.settings.k
        return max(k, self.settings.count_k) if count_measure(question) else k

    def for_answer(self, question: str, hits: Sequence[Hit], k: int | None = None) -> list[Hit]:
        """The passages an answer to ``question`` is given, of ``hits`` retrieved `depth` deep: the first
        ``k``; for a question that counts while a table row stands among them, also those ranked below
        them up to ``count_k``, marked `Hit.deeper`, which only an answer about a whole table reads.

        The value a count names (白沙镇, 星期三) stands in the rows of several tables, and the one the question
        means is told by its name and columns (清单, 考试科目), which the judge compares among the tables in
        hand; it often ranks below the first ``k``. A question that asks one row's cell by a measure (几个班 of
        a school's row) is answered from the first ``k`` as before, and so is a count with no table row among
        them (分为几个层次 of a law).
        """
        k = k or self.settings.k
        near = list(hits[:k])
        if count_measure(question) and any(row_spans(h.chunk.extra) for h in near):
            return near + [replace(h, deeper=True) for h in hits[k : max(k, self.settings.count_k)]]
        return near

    def retrieve(
        self,
        query: str,
        k: int | None = None,
        mode: RetrievalMode | None = None,
        doc_ids: list[str] | None = None,
        bm25_weight: float | None = None,
    ) -> list[Hit]:
        """The best ``k`` chunks for ``query``, best first, optionally within some documents; ``bm25_weight``
        in place of the settings' for weighted fusion (drafting weighs words more than questions do)."""
        k = k or self.settings.k
        mode = mode or self.settings.mode
        n = max(self.settings.candidates, k)
        bm25_ranked: list[tuple[str, float]] = []
        dense_ranked: list[tuple[str, float]] = []
        if mode in ("bm25", "hybrid"):
            # Everyday words find nothing in official text; search their official synonyms too (and, with
            # dense ranking beside it, the official words of the search-only list).
            tokens = self.tokenize(f"{query} {official_wording(query, everyday=mode == 'hybrid')}")
            bm25 = self.bm25()  # also brings the document -> chunks map to the index's generation
            bm25_ranked = bm25.search(tokens, n, self._allowed(doc_ids, bm25))
        if mode in ("dense", "hybrid"):
            if self.embedder is None:
                raise RuntimeError("稠密检索需要嵌入模型，但当前未配置")
            vector = self.embedder.embed_query(query)
            dense_ranked = self.index.query_dense(vector, n, doc_ids)
        fused = None
        if mode == "hybrid":
            dense_ids = {cid for cid, _ in dense_ranked}
            lexical_only = self.index.waiting_among([cid for cid, _ in bm25_ranked if cid not in dense_ids])
            if self.settings.fusion == "weighted":
                weight = self.settings.bm25_weight if bm25_weight is None else bm25_weight
                fused = fuse_weighted(bm25_ranked, dense_ranked, weight, lexical_only)
            else:
                fused = fuse(bm25_ranked, dense_ranked, self.settings.rrf_k, lexical_only)
        ranked = fused if fused is not None else (bm25_ranked or dense_ranked)
        # The same text twice (a file ingested under two names, repeated boilerplate) wastes a slot.
        top = _distinct(ranked, self.index, k)
        chunks = {c.id: c for c in self.index.chunks([cid for cid, _ in top])}
        bm25_pos = {cid: i + 1 for i, (cid, _) in enumerate(bm25_ranked)}
        dense_pos = {cid: i + 1 for i, (cid, _) in enumerate(dense_ranked)}
        dense_sim = dict(dense_ranked)
        hits: list[Hit] = []
        for cid, score in top:
            if cid in chunks:
                hits.append(
                    Hit(
                        chunks[cid], score, len(hits) + 1, bm25_pos.get(cid), dense_pos.get(cid), dense_sim.get(cid)
                    )
                )
        return hits


def _distinct(ranked: list[tuple[str, float]], index: SearchableIndex, k: int) -> list[tuple[str, float]]:
    """The first ``k`` of ``ranked`` whose chunk texts differ."""
    out: list[tuple[str, float]] = []
    seen: set[str] = set()
    pos = 0
    while len(out) < k and pos < len(ranked):
        batch = ranked[pos : pos + 2 * k]
        pos += len(batch)
        texts = {c.id: c.text for c in index.chunks([cid for cid, _ in batch])}
        for cid, score in batch:
            text = texts.get(cid)
            if text is None or text in seen:
                continue
            seen.add(text)
            out.append((cid, score))
            if len(out) == k:
                break
    return out


def fuse(
    bm25_ranked: list[tuple[str, float]],
    dense_ranked: list[tuple[str, float]],
    rrf_k: int,
    lexical_only: Collection[str] = frozenset(),
) -> list[tuple[str, float]]:
    """Reciprocal-rank fusion: sum of 1/(rrf_k + rank) over the lists a chunk appears in.

    Args:
        bm25_ranked, dense_ranked: (chunk id, score) pairs, best first.
        rrf_k: the fusion constant.
        lexical_only: chunks that have no vector yet: their BM25 rank stands in for the dense
            rank they cannot have, so they are not ranked down for waiting.
    """
    scores: dict[str, float] = {}
    for ranked in (bm25_ranked, dense_ranked):
        for rank, (cid, _) in enumerate(ranked, start=1):
            scores[cid] = scores.get(cid, 0.0) + 1.0 / (rrf_k + rank)
    for rank, (cid, _) in enumerate(bm25_ranked, start=1):
        if cid in lexical_only:
            scores[cid] += 1.0 / (rrf_k + rank)
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


def fuse_weighted(
    bm25_ranked: list[tuple[str, float]],
    dense_ranked: list[tuple[str, float]],
    bm25_weight: float,
    lexical_only: Collection[str] = frozenset(),
) -> list[tuple[str, float]]:
    """Weighted sum of each side's scores, min-max normalised over its candidates (absent = 0).

    A chunk in ``lexical_only`` (no vector yet) gets its normalised BM25 score on the dense side too.
    """
    scores: dict[str, float] = {}
    for ranked, weight in ((bm25_ranked, bm25_weight), (dense_ranked, 1.0 - bm25_weight)):
        if not ranked:
            continue
        values = [score for _, score in ranked]
        lo, hi = min(values), max(values)
        span = hi - lo
        for cid, score in ranked:
            norm = (score - lo) / span if span > 0 else 1.0
            scores[cid] = scores.get(cid, 0.0) + weight * norm
            if ranked is bm25_ranked and cid in lexical_only:
                scores[cid] += (1.0 - bm25_weight) * norm
    # Equal fused scores (duplicate passages, one side's best against the other's) go to the
    # better lexical rank: an exact match of rare words is the more precise signal.
    lexical = {cid: i for i, (cid, _) in enumerate(bm25_ranked)}
    never = len(bm25_ranked)
    return sorted(scores.items(), key=lambda item: (-round(item[1], 9), lexical.get(item[0], never), item[0]))
