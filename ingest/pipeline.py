"""Incremental ingest: files -> documents -> chunks -> vectors -> index, skipping unchanged files.

Two phases: every new or changed file is first made searchable by BM25 (load, clean, chunk,
tokens, manifest) with its chunks listed as waiting for vectors; then the waiting chunks are
embedded in committed batches (`ingest.backlog.embed_backlog`), here when ``wait_for_vectors``,
else later by ``govdoc ingest --wait`` or the server's background thread.

Source keys: a file is known to the index by its path as given, made relative to the current
working directory when it lies below it (``data/教师法.md``), else absolute, always with ``/``
separators. Run ingest from the same folder (the project root) for keys to stay stable. A file found
under a new key whose former key's file is gone (a moved data folder, a renamed file) replaces the
former entry and keeps its vectors when it reads the same; a copy beside its original is a second file.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ingest.backend import IndexStore
from ingest.config import ChunkSettings, IngestSettings, OcrSettings
from ingest.embed import Embedder
from ingest.errors import IngestError, parser_failure
from ingest.ocr import OcrProvider
from ingest.read import local_reader
from ingest.role import with_roles
from ingest.stamp import bytes_digest, reader_stamp, stamped
from ingest.types import Chunk, Document
from ingest.version import with_versions

# Reads one file: (path, key, on_ocr_page=...) -> (documents, chunks); raises IngestError.
FileReader = Callable[..., tuple[list[Document], list[Chunk]]]

EventKind = Literal["file_start", "file_skipped", "file_done", "file_error", "ocr", "embed", "vectors", "removed"]


@dataclass(frozen=True)
class ProgressEvent:
    """One step of an ingest run, for progress bars and logs.

    ``file_index``/``file_count`` place the file in the run (1-based; 0 for removals). For "embed"
    events ``done``/``total`` count the file's chunks embedded so far (phase two); for "vectors" events
    they count every waiting chunk of the run (``file`` empty, ``file_index`` 0); for "file_done" both are the file's
    chunk count (phase one: the file is searchable). For "ocr" events they count the file's scanned pages read so far ("OCR 第
    done/total 页"; one event with done 0 before the first). ``reason`` is set on "file_error".
    """

    kind: EventKind
    file: str
    file_index: int = 0
    file_count: int = 0
    done: int = 0
    total: int = 0
    reason: str = ""


@dataclass
class IngestReport:
    """What an ingest run did; ``to_json`` is the ``govdoc ingest --json`` object."""

    added: int = 0
    skipped: int = 0
    removed: int = 0
    documents: list[dict[str, Any]] = field(default_factory=list)
    chunks: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    waiting: int = 0  # chunks of the index still waiting for vectors when the run returned

    def to_json(self) -> dict[str, Any]:
        """Exactly ``{"added", "skipped", "removed", "documents", "chunks", "waiting", "errors"}``."""
        return {
            "added": self.added,
            "skipped": self.skipped,
            "removed": self.removed,
            "documents": [dict(d) for d in self.documents],
            "chunks": self.chunks,
            "waiting": self.waiting,
            "errors": [dict(e) for e in self.errors],
        }


def source_key(path: Path, cwd: Path | None = None) -> str:
    """The index key of a file: relative to ``cwd`` (default: the working directory) when below it.

    Args:
        path: the path as given or found while walking a folder.
        cwd: the folder keys are relative to.
    """
    absolute = Path(os.path.abspath(path))
    base = Path(os.path.abspath(cwd if cwd is not None else Path.cwd()))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


def ocr_cache_dir(ocr_settings: OcrSettings, index: IndexStore) -> Path:
    """Where OCR results are cached: ``ocr.cache_dir``, else ``ocr-cache`` beside the index.

    Index.root is <index_dir>/<embedder>: the cache sits beside it, shared by every embedder.
    """
    return ocr_settings.cache_dir or index.root.parent / "ocr-cache"


def content_hash(path: Path) -> tuple[str, int]:
    """The sha256 hex digest and size in bytes of a file's content."""
    with path.open("rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
        size = f.tell()
    return digest, size


def ingest_paths(
    paths: Sequence[Path],
    *,
    index: IndexStore,
    embedder: Embedder,
    chunk_settings: ChunkSettings,
    ingest_settings: IngestSettings,
    ocr_settings: OcrSettings,
    prune: bool = False,
    progress: Callable[[ProgressEvent], None] | None = None,
    embed_batch_size: int = 32,
    ocr_engine: OcrProvider | None = None,
    reader: FileReader | None = None,
    skip: Callable[[str, str], str | None] | None = None,
    role: str | None = None,
    wait_for_vectors: bool = True,
    moves: bool = True,
) -> IngestReport:
    """Bring the index up to date with the files under ``paths``.

    Unchanged files (same content hash in this embedder's index, recorded by the same reader:
    `ingest.stamp`) are skipped without loading.
    A file that fails is reported in ``errors`` and keeps whatever the index held for it before.

    Args:
        paths: files and folders to ingest.
        index: the index to write to (it belongs to ``embedder``).
        embedder: embeds each chunk's index text.
        chunk_settings: chunk sizes.
        ingest_settings: size limit and symlink policy.
        ocr_settings: OCR of scanned pages and images.
        prune: also remove indexed files under ``paths`` that no longer exist.
        progress: called with a `ProgressEvent` per file step and per embedded batch.
        embed_batch_size: chunks embedded and committed together in phase two.
        ocr_engine: OCR for the whole run (engine loaded on the first scanned page); None makes one
            caching in ``ocr_settings.cache_dir``, else in ``ocr-cache`` beside the index.
        reader: reads one file into documents and chunks, as ``reader(path, key, on_ocr_page)``;
            None reads in this process (`ingest.read.read_file`). `ingest.worker.IsolatedReader`
            reads in a child process with memory and time limits.
        skip: given a changed file's key and content hash, a reason not to read it (reported as its
            error), or None to read it; e.g. a file that failed or crashed the last run.
        role: the drafting role of every document read (own, policy, sample); None infers each one's
            (`ingest.role.infer_role`). An unchanged file given a role is not read again: its stored role changes.
        wait_for_vectors: also run phase two (embed every waiting chunk) before returning; False
            returns once every file is searchable by BM25, leaving the vectors to `embed_backlog`.
        moves: a file read under a new key takes the place of an indexed file of the same bytes whose file is
            gone (moved or renamed). False for an upload, which is a new file of its uploader's, never another
            user's file moved: the entry of a file gone from disk stays until the data folder is pruned.

    Returns:
        What was added, skipped, removed and what failed.
    """
    from ingest.chunk import index_text
    from ingest.walk import iter_files

    notify = progress or (lambda event: None)
    stamp = reader_stamp(chunk_settings, ingest_settings, ocr_settings)
    positions: dict[str, tuple[int, int]] = {}  # key -> (file number, file count), for embed events
    report = IngestReport()
    items = list(iter_files(paths, follow_symlinks=ingest_settings.follow_symlinks))
    count = len(items)
    moved_from = _missing_by_digest(index) if moves else {}
    if reader is None:
        if ocr_engine is None:
            ocr_engine = OcrProvider(ocr_cache_dir(ocr_settings, index))
        reader = local_reader(
            chunk_settings=chunk_settings, ingest_settings=ingest_settings, ocr_settings=ocr_settings, ocr_engine=ocr_engine
        )
    for number, item in enumerate(items, 1):
        if isinstance(item, IngestError):
            _fail(report, notify, source_key(Path(item.file)), item.reason, number, count)
            continue
        key = source_key(item)
        notify(ProgressEvent("file_start", key, number, count))
        try:
            digest, size = content_hash(item)
        except OSError as exc:
            _fail(report, notify, key, f"无法读取文件：{exc.strerror or exc}", number, count)
            continue
        recorded = stamped(digest, stamp)  # read again when the reader changed, not only the bytes
        if index.file_hash(key) == recorded:
            if role is not None:
                index.set_role(key, role)
            index.backfill_versions(key)
            report.removed += _drop_moved(moved_from.pop(digest, []), key, index, notify)
            report.skipped += 1
            notify(ProgressEvent("file_skipped", key, number, count))
            continue
        held_back = skip(key, digest) if skip is not None else None
        if held_back:
            _fail(report, notify, key, held_back, number, count)
            continue
        try:
            on_ocr_page = _ocr_progress(notify, key, number, count)
            documents, chunks = reader(item, key, on_ocr_page=on_ocr_page)
        except IngestError as exc:
            _fail(report, notify, key, exc.reason, number, count)
            continue
        except Exception as exc:
            # Any parser bug or malformed file must not stop the other files.
            _fail(report, notify, key, parser_failure(key, exc), number, count)
            continue
        if not chunks:
            _fail(report, notify, key, "未提取到可检索的文字", number, count)
            continue
        chunks = with_roles(
            documents,
            chunks,
            role,
            default_role=ingest_settings.default_role,
            report_role=ingest_settings.report_role,
        )
        chunks = with_versions(documents, chunks, key)
        texts = [index_text(c) for c in chunks]
        former = moved_from.pop(digest, [])
        vectors = _former_vectors(index, former, texts)
        index.replace_file(key, recorded, documents, chunks, vectors, texts=texts, size=size)
        report.removed += _drop_moved(former, key, index, notify)  # only once read here
        positions[key] = (number, count)
        report.added += 1
        for doc in documents:
            mine = [c for c in chunks if c.doc_id == doc.doc_id]
            doc_role = mine[0].extra.get("role", "") if mine else ""
            report.documents.append({"title": doc.title, "source": key, "chunks": len(mine), "role": doc_role})
        notify(ProgressEvent("file_done", key, number, count, len(chunks), len(chunks)))
    if prune:
        report.removed = _prune(paths, index, notify)
    if wait_for_vectors:
        _phase_two(index, embedder, embed_batch_size, positions, count, notify)
    report.chunks = index.chunk_count()
    report.waiting = index.waiting_count()
    return report


def _fail(
    report: IngestReport,
    notify: Callable[[ProgressEvent], None],
    key: str,
    reason: str,
    number: int,
    count: int,
) -> None:
    report.errors.append({"file": key, "reason": reason})
    notify(ProgressEvent("file_error", key, number, count, reason=reason))


def _ocr_progress(
    notify: Callable[[ProgressEvent], None], key: str, number: int, count: int
) -> Callable[[int, int], None]:
    return lambda done, total: notify(ProgressEvent("ocr", key, number, count, done, total))


def _phase_two(
    index: IndexStore,
    embedder: Embedder,
    batch_size: int,
    positions: dict[str, tuple[int, int]],
    count: int,
    notify: Callable[[ProgressEvent], None],
) -> None:
    """Embed every waiting chunk; "embed" events per file of this run, "vectors" events overall."""
    from ingest.backlog import embed_backlog

    per_file: dict[str, int] = {}
    totals = index.waiting_by_source()
    seen: set[str] = set()

    def on_batch(done: int, total: int) -> None:
        # Which files advanced: compare each file's waiting count with the last one seen.
        now = index.waiting_by_source()
        for source, waiting in totals.items():
            embedded = waiting - now.get(source, 0)
            if embedded != per_file.get(source, 0) or (embedded == waiting and source not in seen):
                per_file[source] = embedded
                if embedded == waiting:
                    seen.add(source)
                number, count = positions.get(source, (0, 0))
                notify(ProgressEvent("embed", source, number, count, embedded, waiting))
        notify(ProgressEvent("vectors", "", 0, count, done, total))

    embed_backlog(index, embedder, batch_size=batch_size, progress=on_batch)


def _missing_by_digest(index: IndexStore) -> dict[str, list[str]]:
    """Indexed files whose file is gone, by their bytes' digest: where a moved or renamed file came from."""
    missing: dict[str, list[str]] = {}
    for source, recorded in index.file_hashes(index.sources()).items():  # one query, not one per file
        if recorded and not Path(source).exists():
            missing.setdefault(bytes_digest(recorded), []).append(source)
    return missing


def _former_vectors(index: IndexStore, former: Sequence[str], texts: Sequence[str]) -> np.ndarray | None:
    """The vectors a moved file's chunks had under its former key, when every chunk reads the same; else None."""
    if not former:
        return None
    from ingest.chunk import index_text

    ids_by_text: dict[str, str] = {}
    for doc in index.documents():
        if doc.source in former:
            for chunk in index.document_chunks(doc.doc_id):
                ids_by_text.setdefault(index_text(chunk), chunk.id)
    ids = [ids_by_text.get(text) for text in texts]
    if not ids or any(i is None for i in ids):
        return None
    stored = index.vectors([i for i in ids if i is not None])
    if len(stored) != len(set(ids)):
        return None  # some were still waiting for vectors
    return np.stack([stored[i] for i in ids if i is not None])


def _drop_moved(
    old_keys: Sequence[str], key: str, index: IndexStore, notify: Callable[[ProgressEvent], None]
) -> int:
    """Forget the former keys of a file found again at ``key`` (moved or renamed), so it is not indexed twice."""
    removed = 0
    for old in old_keys:
        if old != key:
            index.remove_source(old)
            removed += 1
            notify(ProgressEvent("removed", old))
    return removed


def _prune(paths: Sequence[Path], index: IndexStore, notify: Callable[[ProgressEvent], None]) -> int:
    """Remove indexed files under ``paths`` whose file is gone."""
    roots = [source_key(p) for p in paths]
    removed = 0
    for source in index.sources():
        if any(under(source, root) for root in roots) and not Path(source).exists():
            index.remove_source(source)
            removed += 1
            notify(ProgressEvent("removed", source))
    return removed


def under(source: str, root: str) -> bool:
    """Whether the source key ``source`` lies at or below the source key ``root`` (a file or a folder)."""
    if root in ("", "."):
        return not os.path.isabs(source)
    return source == root or source.startswith(root.rstrip("/") + "/")
