"""The BM25 side of the index: a sparse-matrix BM25 over the tokens the store keeps.

Scores are those of bm25s's default model (Lucene variant, k1 1.5, b 0.75, float32), bit for bit,
but the index is built with a few numpy passes instead of Python loops over every chunk, which
makes a rebuild after a write several times faster and lighter at 100k chunks.
"""

from __future__ import annotations

import json
import math
import os
import shutil
from collections.abc import Iterable, Sequence
from itertools import chain
from pathlib import Path

import numpy as np

K1 = 1.5
B = 0.75
_ARRAYS = ("data", "indices", "indptr")


class Bm25Index:
    """BM25 over pre-tokenized chunks; scoring is one sparse-matrix pass, not a loop over chunks.

    The matrix is stored by token (CSC): for token ``t`` the chunks that contain it are
    ``indices[indptr[t]:indptr[t + 1]]`` (ascending) with their scores in ``data``.
    """

    def __init__(self, ids: Sequence[str], token_lists: Sequence[Sequence[str]]) -> None:
        self.ids = list(ids)
        self._pos = {cid: i for i, cid in enumerate(self.ids)}
        n = len(self.ids)
        lengths = np.fromiter(map(len, token_lists), dtype=np.int64, count=n)
        # C-level passes (no Python frame per token): vocabulary in order of first use, then ids.
        vocab = self._vocab = {tok: i for i, tok in enumerate(dict.fromkeys(chain.from_iterable(token_lists)))}
        flat = np.fromiter(map(vocab.__getitem__, chain.from_iterable(token_lists)), dtype=np.int64, count=int(lengths.sum()))
        if not n or not len(flat):
            self._data = np.zeros(0, dtype=np.float32)
            self._indices = np.zeros(0, dtype=np.int32)
            self._indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
            return
        # One sort of (token, chunk) keys gives term frequencies, grouped by token, chunks ascending.
        # In place, so that a 100k-chunk rebuild holds few copies of its ~10^7 tokens.
        keys = flat
        keys *= n
        keys += np.repeat(np.arange(n, dtype=np.int64), lengths)
        keys.sort()
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        tf = np.diff(np.append(starts, len(keys)))
        keys = keys[starts]
        del flat, starts
        tok, doc = np.divmod(keys, n)
        del keys
        df = np.bincount(tok, minlength=len(vocab))
        # idf per distinct df with math.log, as bm25s does (numpy's log may differ in the last bit).
        idf_of = {int(d): math.log(1 + (n - d + 0.5) / (d + 0.5)) for d in np.unique(df)}
        idf = np.array([idf_of[int(d)] for d in df], dtype=np.float32)
        avgdl = lengths.mean()
        tf64 = tf.astype(np.float64)
        tfc = tf64 / (K1 * ((1 - B) + B * lengths[doc].astype(np.float64) / avgdl) + tf64)
        self._data = (idf[tok].astype(np.float64) * tfc).astype(np.float32)
        self._indices = doc.astype(np.int32)
        self._indptr = np.concatenate(([0], np.cumsum(df))).astype(np.int64)

    def save(self, folder: Path) -> None:
        """Write the index to ``folder``, which must not exist yet; it appears whole or not at all.

        Raises:
            OSError: the folder cannot be written.
        """
        tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            for name in _ARRAYS:
                np.save(tmp / f"{name}.npy", getattr(self, f"_{name}"))
            meta = {"ids": self.ids, "vocab": list(self._vocab)}
            (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            tmp.rename(folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> Bm25Index:
        """An index written by `save`; its arrays are memory-mapped, not read into memory.

        Raises:
            OSError, ValueError: the folder is missing or damaged.
        """
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        index = cls.__new__(cls)
        index.ids = list(meta["ids"])
        index._pos = {cid: i for i, cid in enumerate(index.ids)}
        index._vocab = {tok: i for i, tok in enumerate(meta["vocab"])}
        for name in _ARRAYS:
            setattr(index, f"_{name}", np.load(folder / f"{name}.npy", mmap_mode="r"))
        if len(index._indptr) != len(index._vocab) + 1 or len(index._data) != index._indptr[-1]:
            raise ValueError(f"{folder}：BM25 索引文件不完整")
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def df(self, token: str) -> int:
        """Number of chunks that contain ``token``."""
        i = self._vocab.get(token)
        return 0 if i is None else int(self._indptr[i + 1] - self._indptr[i])

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency; unseen tokens get the largest value."""
        return smoothed_idf(len(self.ids), self.df(token))

    def within(self, allowed: np.ndarray) -> TermCounts:
        """The term counts of only the chunks a `mask` allows: what a reader who may read just those
        chunks may learn of the index's words (a word found only elsewhere is unseen there)."""
        return TermCounts(self, allowed)

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk, in ``ids`` order (a repeated query token counts again)."""
        out = np.zeros(len(self.ids), dtype=np.float32)
        for token in tokens:
            i = self._vocab.get(token)
            if i is not None:
                start, end = self._indptr[i], self._indptr[i + 1]
                out[self._indices[start:end]] += self._data[start:end]  # each chunk once per token
        return out

    def mask(self, allowed: Iterable[str]) -> np.ndarray:
        """A boolean array over ``ids``, True for the chunks in ``allowed`` (unknown ids ignored)."""
        found = np.fromiter((p for p in map(self._pos.get, allowed) if p is not None), dtype=np.int64)
        out = np.zeros(len(self.ids), dtype=bool)
        out[found] = True
        return out

    def search(
        self, tokens: Sequence[str], k: int, allowed: set[str] | np.ndarray | None = None
    ) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, score) with a positive score, optionally only among ``allowed`` chunks
        (their ids, or a `mask` of this index, which a caller asking often within the same chunks keeps)."""
        scores = self.scores(tokens)
        if allowed is not None:
            mask = allowed if isinstance(allowed, np.ndarray) else self.mask(allowed)
            scores = np.where(mask, scores, 0.0)
        positive = int(np.count_nonzero(scores > 0))
        if positive == 0:
            return []
        k = min(k, positive)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top]


class TermCounts:
    """Document frequencies and idf over some of a `Bm25Index`'s chunks, as an index of those chunks
    alone would give them (see `Bm25Index.within`)."""

    def __init__(self, index: Bm25Index, allowed: np.ndarray) -> None:
        self._index = index
        self._allowed = allowed
        self._n = int(np.count_nonzero(allowed))
        self._counted: dict[str, int] = {}  # one answer asks for the same few words many times

    def df(self, token: str) -> int:
        """Number of allowed chunks that contain ``token``."""
        found = self._counted.get(token)
        if found is None:
            index = self._index
            i = index._vocab.get(token)
            postings = index._indices[index._indptr[i] : index._indptr[i + 1]] if i is not None else ()
            found = self._counted[token] = int(np.count_nonzero(self._allowed[postings])) if len(postings) else 0
        return found

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency among the allowed chunks (`smoothed_idf`)."""
        return smoothed_idf(self._n, self.df(token))


def smoothed_idf(n: int, df: int) -> float:
    """BM25's smoothed inverse document frequency of a token found in ``df`` of ``n`` chunks; a token found
    nowhere gets the largest value."""
    n = max(n, 1)
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))
