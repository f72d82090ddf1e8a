"""The BM25 side of the index: a sparse-matrix BM25 (bm25s) over the tokens the store keeps."""

from __future__ import annotations

import json
import math
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

_IDS_FILE = "ids.json"


class Bm25Index:
    """BM25 over pre-tokenized chunks; scoring is one sparse-matrix pass, not a loop over chunks."""

    def __init__(self, ids: Sequence[str], token_lists: Sequence[Sequence[str]]) -> None:
        import bm25s

        model = bm25s.BM25()
        if ids:
            model.index([list(t) for t in token_lists], show_progress=False)
        self._set(ids, model)

    def _set(self, ids: Sequence[str], model: Any) -> None:
        self.ids = list(ids)
        self._pos = {cid: i for i, cid in enumerate(self.ids)}
        self._model = model
        if self.ids:
            indptr = np.asarray(self._model.scores["indptr"])
            self._df = {
                tok: int(indptr[i + 1] - indptr[i])
                for tok, i in self._model.vocab_dict.items()
                if tok and i + 1 < len(indptr)
            }
        else:
            self._df = {}

    def save(self, folder: Path) -> None:
        """Write the index to ``folder``, which must not exist yet; it appears whole or not at all.

        Raises:
            OSError: the folder cannot be written.
        """
        tmp = folder.with_name(f"{folder.name}.tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            if self.ids:
                self._model.save(str(tmp), show_progress=False)
            (tmp / _IDS_FILE).write_text(json.dumps(self.ids), encoding="utf-8")
            tmp.rename(folder)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> Bm25Index:
        """An index written by `save`; its arrays are memory-mapped, not read into memory.

        Raises:
            OSError, ValueError: the folder is missing or damaged.
        """
        import bm25s

        ids = json.loads((folder / _IDS_FILE).read_text(encoding="utf-8"))
        model = bm25s.BM25.load(str(folder), mmap=True, show_progress=False) if ids else bm25s.BM25()
        index = cls.__new__(cls)
        index._set(ids, model)
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def df(self, token: str) -> int:
        """Number of chunks that contain ``token``."""
        return self._df.get(token, 0)

    def idf(self, token: str) -> float:
        """Smoothed inverse document frequency; unseen tokens get the largest value."""
        n = max(len(self.ids), 1)
        return math.log(1.0 + (n - self.df(token) + 0.5) / (self.df(token) + 0.5))

    def scores(self, tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk, in ``ids`` order."""
        known = [t for t in tokens if t in self._model.vocab_dict] if self.ids else []
        if not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32)

    def search(self, tokens: Sequence[str], k: int, allowed: set[str] | None = None) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, score) with a positive score, optionally only among ``allowed`` ids."""
        scores = self.scores(tokens)
        if allowed is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            for cid in allowed:
                pos = self._pos.get(cid)
                if pos is not None:
                    mask[pos] = True
            scores = np.where(mask, scores, 0.0)
        positive = int(np.count_nonzero(scores > 0))
        if positive == 0:
            return []
        k = min(k, positive)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top]
