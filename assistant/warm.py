"""Fill the index's book of vectors (`ingest.meanings.VectorBook`) with what answers compare by meaning.

An answer embeds, besides the question, the openings of its best few sentences (`meaning_opening`) and
the nouns of the sentences it chose (`assistant.judge.context_nouns`). Both come from the index's
chunks, so they are embedded ahead, a batch of chunks at a time, in the background once a file's chunks
have their vectors (`GovdocService.start_vectors`). An answer finds them in the book and costs the
embedder only the question; before a chunk is done, the answer embeds what it needs itself.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence

import numpy as np

from assistant.answer import meaning_opening, unit_spans
from assistant.judge import context_nouns
from ingest.backend import IndexStore
from ingest.embed import Embedder
from ingest.meanings import PASSAGE, QUERY, VectorBook, text_hash
from ingest.types import Chunk

# Called after each batch with (chunks done in this run, chunks in the index).
WarmProgress = Callable[[int, int], None]


def meaning_texts(chunk: Chunk) -> tuple[list[str], list[str]]:
    """The texts of ``chunk`` an answer may compare by meaning: the openings of its sentences and
    clauses (both ways the answerer cuts them), and its nouns; each once, in order."""
    openings: dict[str, None] = {}
    nouns: dict[str, None] = dict.fromkeys(context_nouns(chunk.text))
    for split_clauses in (True, False):
        for a, b in unit_spans(chunk, split_clauses):
            unit = chunk.text[a:b]
            if opening := meaning_opening(unit):
                openings[opening] = None
            nouns.update(dict.fromkeys(context_nouns(unit)))
    return list(openings), list(nouns)


def _chunk_batches(index: IndexStore, size: int, doc_ids: Sequence[str] | None) -> Iterator[list[Chunk]]:
    for doc_id in [d.doc_id for d in index.documents()] if doc_ids is None else doc_ids:
        chunks = index.document_chunks(doc_id)
        for start in range(0, len(chunks), size):
            yield chunks[start : start + size]


def warm_meanings(
    index: IndexStore,
    embedder: Embedder,
    book: VectorBook,
    *,
    batch_size: int = 16,
    stop: threading.Event | None = None,
    progress: WarmProgress | None = None,
    doc_ids: Sequence[str] | None = None,
) -> int:
    """Embed, for every chunk of ``index`` not yet done, the texts `meaning_texts` names that ``book``
    lacks (openings and nouns as passages, nouns also as queries: the judge asks with a question's noun),
    and mark the chunk done; a batch of chunks is kept at a time, so a stop loses at most one batch.
    ``doc_ids`` limits the work to those documents (None: every document of the index).

    Returns:
        How many chunks were done in this run.
    """
    done = 0
    total = index.chunk_count()
    for batch in _chunk_batches(index, max(1, batch_size), doc_ids):
        if stop is not None and stop.is_set():
            break
        hashes = [text_hash(c.text) for c in batch]
        already = book.done(hashes)
        todo = [(c, h) for c, h in zip(batch, hashes, strict=True) if h not in already]
        if not todo:
            continue
        passages: dict[str, None] = {}
        queries: dict[str, None] = {}
        for chunk, _ in todo:
            openings, nouns = meaning_texts(chunk)
            passages.update(dict.fromkeys([*openings, *nouns]))
            queries.update(dict.fromkeys(nouns))
        _fill(book, PASSAGE, book.missing(PASSAGE, passages), embedder.embed_passages)
        _fill(book, QUERY, book.missing(QUERY, queries), lambda texts: _queries(embedder, texts))
        book.mark_done([h for _, h in todo])
        done += len(todo)
        if progress is not None:
            progress(done, total)
    return done


def _fill(book: VectorBook, kind: str, texts: list[str], embed: Callable[[list[str]], np.ndarray]) -> None:
    if texts:
        book.put(kind, texts, embed(texts))


def _queries(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    return np.stack([embedder.embed_query(t) for t in texts])
