"""Which index backend the settings choose, and the contract every backend keeps.

`IndexStore` lists what the rest of govdoc asks of an index (ingest, retrieval, the service,
the commands). Two backends keep it:

- ``store.backend = "sqlite"`` (the default): `ingest.store.Index`, a sqlite manifest in
  ``store.index_dir`` plus Chroma vectors (``store.mode`` local or server), one machine.
- ``store.backend = "postgres"``: `ingest.store_pg.PgIndex`, everything in one PostgreSQL
  database with pgvector (``store.dsn``), shared by several servers.

The contract, as the tests in tests/test_store_contract.py check it on both backends:

- `replace_file` makes the given documents and chunks the whole content of a source, atomically:
  a reader sees the old content or the new, never a mix. With vectors None the chunks wait for
  vectors (searchable lexically at once); `add_vectors` fills in only chunks still waiting.
- `remove_source` drops a source's documents, chunks and vectors; an unknown source raises
  `NotInIndexError`.
- Every write that changes what lexical search sees (replace, remove, role, version) changes
  `generation`; reads never do. The generation is the same for every process on one index.
- `query_dense` returns only chunks the manifest lists and that have a vector.
- Writers in several processes are serialised; a writer killed at any point (SIGKILL) leaves an
  index whose next open is consistent, and every write committed before the kill is kept.
- `repair` restores the invariant "dense-searchable chunks = chunks - waiting chunks" after such
  a kill (a backend whose writes are one transaction has nothing to repair).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from ingest.config import StoreSettings
from ingest.types import Chunk, Document

if TYPE_CHECKING:
    from ingest.store import Backlog, DocInfo, IndexSummary, RepairReport
    from ingest.version import Override


class IndexStore(Protocol):
    """What govdoc asks of an index: manifest, vectors and the generation counter of one embedder."""

    root: Path  # this process's local folder for the index (BM25 and OCR caches live beside it)
    embedder_name: str
    dim: int

    def close(self) -> None: ...

    def __enter__(self) -> IndexStore: ...

    def __exit__(self, *exc: object) -> None: ...

    # writes
    def replace_file(
        self,
        source: str,
        content_hash: str,
        documents: Sequence[Document],
        chunks: Sequence[Chunk],
        vectors: np.ndarray | None,
        *,
        texts: Sequence[str] | None = None,
        size: int = 0,
    ) -> None: ...

    def add_vectors(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> int: ...

    def remove_source(self, source: str) -> int: ...

    def set_role(self, source: str, role: str) -> int: ...

    def backfill_versions(self, source: str) -> int: ...

    def set_version_override(self, doc_id: str, override: Override | None) -> None: ...

    def repair(self) -> RepairReport: ...

    # two-phase ingest
    def waiting_chunks(self, limit: int) -> list[Chunk]: ...

    def waiting_count(self) -> int: ...

    def waiting_by_source(self) -> dict[str, int]: ...

    def waiting_among(self, ids: Sequence[str]) -> set[str]: ...

    def backlog_by_source(self) -> dict[str, Backlog]: ...

    def vector_rate(self, *, now: float | None = None, pause_s: float = 120.0) -> float | None: ...

    # reads
    def generation(self) -> int: ...

    def file_hash(self, source: str) -> str | None: ...

    def file_hashes(self, sources: Sequence[str]) -> dict[str, str]: ...

    def sources_with_hash(self, content_hash: str) -> list[str]: ...

    def sources(self) -> list[str]: ...

    def documents(self) -> list[DocInfo]: ...

    def version_overrides(self) -> dict[str, Override]: ...

    def document(self, doc_id: str) -> Document: ...

    def document_text(self, doc_id: str) -> str: ...

    def chunks(self, ids: Sequence[str] | None = None) -> list[Chunk]: ...

    def chunk_at(self, doc_id: str, offset: int) -> Chunk | None: ...

    def document_chunks(self, doc_id: str) -> list[Chunk]: ...

    def next_chunk(self, chunk_id: str) -> Chunk | None: ...

    def chunk_count(self) -> int: ...

    def other_embedders(self) -> list[IndexSummary]: ...

    def token_rows(self, tokenizer: str) -> tuple[list[str], list[list[str]]]: ...

    def bm25_folder(self, tokenizer: str, generation: int) -> Path: ...

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]: ...

    def query_dense(
        self, vector: np.ndarray, k: int, doc_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]: ...


def open_store(settings: StoreSettings, embedder_name: str, dim: int) -> IndexStore:
    """Open (creating if needed) the index of ``embedder_name`` in the backend ``settings.backend`` names.

    Args:
        settings: the store section of the settings.
        embedder_name: the embedder's stable id; each embedder gets its own index.
        dim: the embedder's vector length, checked against what the index was built with.

    Raises:
        ingest.store.StoreError: the index cannot be opened (the message says why and what to do).
    """
    match settings.backend:
        case "sqlite":
            from ingest.store import Index

            return Index.open(settings, embedder_name, dim)
        case "postgres":
            from ingest.store_pg import PgIndex

            return PgIndex.open(settings, embedder_name, dim)
