"""One file to its documents and chunks: load, clean and split, chunk. No index, no embedder.

This is the step that parses untrusted bytes, so it is kept apart from everything that writes: the
pipeline runs it in its own process (`ingest.worker`) when asked to, or in-process otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path

from ingest.config import ChunkSettings, IngestSettings, OcrSettings
from ingest.ocr import OcrProvider
from ingest.types import Chunk, Document

# Called as (pages done, pages to do) while a file's scanned pages are read by OCR.
OcrProgress = Callable[[int, int], None]


def local_reader(
    *, chunk_settings: ChunkSettings, ingest_settings: IngestSettings, ocr_settings: OcrSettings, ocr_engine: OcrProvider
) -> Callable[..., tuple[list[Document], list[Chunk]]]:
    """`read_file` in this process with these settings, called as ``reader(path, key, on_ocr_page=...)``."""
    return partial(
        read_file,
        chunk_settings=chunk_settings,
        ingest_settings=ingest_settings,
        ocr_settings=ocr_settings,
        ocr_engine=ocr_engine,
    )


def read_file(
    path: Path,
    key: str,
    *,
    chunk_settings: ChunkSettings,
    ingest_settings: IngestSettings,
    ocr_settings: OcrSettings,
    ocr_engine: OcrProvider,
    on_ocr_page: OcrProgress | None = None,
) -> tuple[list[Document], list[Chunk]]:
    """The documents in one file and their chunks, known to the index as ``key``.

    Raises:
        IngestError: the file cannot be read, or is over one of ``ingest_settings``' limits.
    """
    from ingest.chunk import chunk_document
    from ingest.load import load_file
    from ingest.split import split_documents

    max_bytes = int(ingest_settings.max_file_mb * 1024 * 1024)
    loaded = load_file(
        path, ocr_settings, max_bytes=max_bytes, ocr_engine=ocr_engine, on_ocr_page=on_ocr_page, limits=ingest_settings
    )
    loaded = replace(loaded, source=key)
    documents = split_documents(loaded, max_line_chars=ingest_settings.max_line_chars)
    chunks = [c for doc in documents for c in chunk_document(doc, chunk_settings)]
    return documents, chunks
