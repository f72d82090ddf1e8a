"""Meaning similarity of a question (or a word) to texts, by the index's embedder, with the vectors kept.

The judge compares the noun a question asks about with the nouns of the sentences it chose (文凭 and
学历), once per noun of the question that the sentences do not write; the same few hundred nouns of
the law's vocabulary come back question after question. Keeping their vectors makes the second
comparison cost a dot product instead of a pass of the model. Vectors the index's book holds
(`ingest.meanings.VectorBook`, filled in the background by `assistant.warm`) cost no pass even the first
time.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from ingest.embed import Embedder
from ingest.meanings import PASSAGE, QUERY, VectorBook

Similarity = Callable[[str, Sequence[str]], Sequence[float]]
"""How alike a query is to each of some texts (the index's embedder's cosine), higher is closer: what
`KeptSimilarity` computes, and what the judge and the follow-up rewrite are given."""


class KeptSimilarity:
    """Cosine of a query to each of some texts (``embed_passages(texts) @ embed_query(query)``), the
    vectors of the last ``size`` queries and texts kept (least recently used dropped first).

    Args:
        embedder: the index's embedder.
        size: how many vectors of each kind (queries, texts) are kept.
        book: the index's book of vectors, looked up before the embedder (None: none).
    """

    def __init__(self, embedder: Embedder, size: int = 4096, book: VectorBook | None = None) -> None:
        self.embedder = embedder
        self.size = size
        self.book = book
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()
        self._texts: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, query: str, texts: Sequence[str]) -> list[float]:
        q = self._query_vectors([query])[query]
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._texts))
        booked: dict[str, np.ndarray] = {}
        if self.book is not None and missing:
            booked = self.book.get(PASSAGE, missing)
            missing = [t for t in missing if t not in booked]
        fresh = self.embedder.embed_passages(missing) if missing else np.empty((0, 0), dtype=np.float32)
        with self._lock:
            for text, vector in [*booked.items(), *zip(missing, fresh, strict=True)]:
                _keep(self._texts, text, vector, self.size)
            vectors = [self._texts.get(t) for t in texts]
            for t in texts:
                if t in self._texts:
                    self._texts.move_to_end(t)  # used: the last to be dropped
        if not texts:
            return []
        if any(v is None for v in vectors):  # pushed out by more texts than the cache holds
            return [float(x) for x in self.embedder.embed_passages(list(texts)) @ q]
        return [float(x) for x in np.stack([v for v in vectors if v is not None]) @ q]

    def prime(self, queries: Sequence[str]) -> None:
        """Embed those of ``queries`` not yet kept nor in the book in one batch (the embedder runs a
        batch a text per thread), so that the calls that follow find them; several words of one
        question are compared with the same sentences one after another."""
        self._query_vectors(queries)

    def _query_vectors(self, queries: Sequence[str]) -> dict[str, np.ndarray]:
        """The vector of each of ``queries``: kept, else from the book, else embedded (several at once in one
        batch); all of them kept, as the most recently used."""
        with self._lock:
            found = {q: self._queries[q] for q in queries if q in self._queries}
        missing = [q for q in dict.fromkeys(queries) if q not in found]
        if self.book is not None and missing:
            found.update(self.book.get(QUERY, missing))
            missing = [q for q in missing if q not in found]
        if len(missing) == 1:
            found[missing[0]] = self.embedder.embed_query(missing[0])
        elif missing:
            found.update(zip(missing, self.embedder.embed_queries(missing), strict=True))
        with self._lock:
            for query, vector in found.items():
                _keep(self._queries, query, vector, self.size)
        return found


def prime(similarity: Similarity, queries: Sequence[str]) -> None:
    """`KeptSimilarity.prime` when ``similarity`` keeps vectors; nothing otherwise."""
    if isinstance(similarity, KeptSimilarity):
        similarity.prime(queries)


def _keep(kept: OrderedDict[str, np.ndarray], key: str, vector: np.ndarray, size: int) -> None:
    kept[key] = vector
    kept.move_to_end(key)
    while len(kept) > size:
        kept.popitem(last=False)
