"""Copy an index from one backend to another (e.g. the local sqlite + Chroma index into PostgreSQL).

File by file through the store contract (`ingest.backend.IndexStore`): documents, chunks with
their roles and version marks, and the stored vectors, so nothing is embedded again; chunks that
still wait for vectors keep waiting. The users' version corrections follow at the end. A file the
target already holds with the same content hash is skipped, so a copy that was interrupted is
resumed by running it again. The source is only read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ingest.backend import IndexStore
from ingest.chunk import index_text


@dataclass(frozen=True)
class CopyReport:
    """What `copy_index` did: files copied and skipped, chunks copied, of which still waiting for vectors."""

    copied: int
    skipped: int
    chunks: int
    waiting: int


def copy_index(
    source: IndexStore, target: IndexStore, progress: Callable[[str, int], None] | None = None
) -> CopyReport:
    """Copy every file of ``source`` into ``target`` (same embedder), with its vectors.

    Args:
        source: the index to read.
        target: the index to write; files it holds that ``source`` lacks are left alone.
        progress: called with (file, chunks) after each file copied.

    Raises:
        ValueError: the two indexes were built by different embedders.
    """
    if (source.embedder_name, source.dim) != (target.embedder_name, target.dim):
        raise ValueError(
            f"两个索引的嵌入模型不同（{source.embedder_name} 与 {target.embedder_name}），向量不能通用；"
            "请在目标上用 govdoc ingest 重新导入"
        )
    by_source: dict[str, list[str]] = {}
    for info in source.documents():
        by_source.setdefault(info.source, []).append(info.doc_id)
    copied = skipped = chunks_copied = waiting = 0
    for name in source.sources():
        content_hash = source.file_hash(name) or ""
        if content_hash and target.file_hash(name) == content_hash:
            skipped += 1
            continue
        documents = [source.document(doc_id) for doc_id in by_source.get(name, [])]
        chunks = [c for doc in documents for c in source.document_chunks(doc.doc_id)]
        vectors = source.vectors([c.id for c in chunks])
        texts = [index_text(c) for c in chunks]
        if len(vectors) == len(chunks):
            stacked = np.stack([vectors[c.id] for c in chunks]) if chunks else np.zeros((0, target.dim), np.float32)
            target.replace_file(name, content_hash, documents, chunks, stacked, texts=texts)
        else:
            target.replace_file(name, content_hash, documents, chunks, None, texts=texts)
            have = [c for c in chunks if c.id in vectors]
            if have:
                target.add_vectors(have, np.stack([vectors[c.id] for c in have]))
            waiting += len(chunks) - len(have)
        copied += 1
        chunks_copied += len(chunks)
        if progress is not None:
            progress(name, len(chunks))
    held = {info.doc_id for info in target.documents()}
    for doc_id, override in source.version_overrides().items():
        if doc_id in held:
            target.set_version_override(doc_id, override)
    return CopyReport(copied=copied, skipped=skipped, chunks=chunks_copied, waiting=waiting)
