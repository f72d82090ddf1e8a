"""The index as the settings describe it: open it, ingest into it, keep it in step with data/ (CLI, web, evals)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from govdoc.settings import Settings
from ingest.backend import IndexStore, open_store
from ingest.embed import Embedder, lazy_embedder, settings_for_name
from ingest.ocr import OcrProvider
from ingest.pipeline import FileReader, IngestReport, ProgressEvent, ingest_paths, ocr_cache_dir
from ingest.read import local_reader
from ingest.worker import IsolatedReader


def open_index(settings: Settings) -> tuple[IndexStore, Embedder]:
    """Open the index of the configured embedder; the embedder loads its model on first use.

    Args:
        settings: the app settings (``embedding`` and ``store`` sections are used).

    Returns:
        The index and its embedder (built once, lazily).

    Raises:
        ingest.store.StoreError: the index directory is unusable or holds another embedder's index.
    """
    embedder = lazy_embedder(settings.embedding)
    return open_store(settings.store, embedder.name, embedder.dim), embedder


def empty_index_message(settings: Settings, index: IndexStore) -> str:
    """What to tell a user whose index is empty: ingest the data folder, or, when another embedder
    built an index in the same directory, that this is why, and how to switch back or rebuild.

    Args:
        settings: the app settings (``data_dir`` names the folder to ingest).
        index: the open, empty index of the configured embedder.
    """
    rebuild = f"govdoc ingest {settings.data_dir}"
    others = index.other_embedders()
    if not others:
        return f"索引为空：请先运行 {rebuild} 导入资料"
    other = others[0]
    lines = [
        f"当前嵌入模型 {index.embedder_name} 的索引为空；索引目录 {index.root.parent} 中已有用嵌入模型 "
        f"{other.embedder_name} 建立的索引（{other.documents} 篇文档，{other.chunks} 个片段）。"
        "不同嵌入模型建立的索引不能通用，可以任选其一：",
    ]
    back = settings_for_name(other.embedder_name)
    if back is not None:
        env = f"GOVDOC_EMBEDDING__MODE={back.mode}"
        toml = f'mode = "{back.mode}"'
        if back.model:
            env += f" GOVDOC_EMBEDDING__MODEL={back.model}"
            toml += f'、model = "{back.model}"'
        lines.append(f"1. 改回原来的嵌入模型 {other.embedder_name}：设置环境变量 {env}，或在 govdoc.toml 的 [embedding] 中写 {toml}；")
    else:
        lines.append(f"1. 改回原来的嵌入模型 {other.embedder_name}：本版本的设置无法选用它，请用建立该索引的版本；")
    lines.append(f"2. 用当前嵌入模型重建索引：运行 {rebuild}（原来的索引保留不动）。")
    return "\n".join(lines)


def run_ingest(
    settings: Settings,
    paths: Sequence[Path],
    *,
    index: IndexStore,
    embedder: Embedder,
    prune: bool = False,
    progress: Callable[[ProgressEvent], None] | None = None,
    skip: Callable[[str, str], str | None] | None = None,
    role: str | None = None,
    wait_for_vectors: bool = True,
    moves: bool = True,
) -> IngestReport:
    """Ingest ``paths`` with the settings' chunk, ingest, OCR and batch options (CLI and web upload);
    ``moves``: see `ingest.pipeline.ingest_paths`.

    With ``wait_for_vectors`` False it returns once every file is searchable by BM25 (phase one);
    the chunks then wait for `ingest.backlog.embed_backlog`.

    With ``worker.enabled`` each file is parsed in a child process under ``worker.memory_mb`` and
    ``worker.timeout_s``; a file over either is reported in the errors and the run goes on.
    """
    reader = file_reader(settings, index)
    try:
        return ingest_paths(
            paths,
            index=index,
            embedder=embedder,
            chunk_settings=settings.chunk,
            ingest_settings=settings.ingest,
            ocr_settings=settings.ocr,
            prune=prune,
            progress=progress,
            embed_batch_size=settings.embedding.batch_size,
            reader=reader,
            skip=skip,
            role=role,
            wait_for_vectors=wait_for_vectors,
            moves=moves,
        )
    finally:
        if isinstance(reader, IsolatedReader):
            reader.close()  # its child process reads no more files


def file_reader(settings: Settings, index: IndexStore) -> FileReader:
    """How the settings ask files to be read: in a child process with limits (``worker.enabled``), else here."""
    if not settings.worker.enabled:
        return local_reader(
            chunk_settings=settings.chunk,
            ingest_settings=settings.ingest,
            ocr_settings=settings.ocr,
            ocr_engine=OcrProvider(ocr_cache_dir(settings.ocr, index)),
        )
    return IsolatedReader(
        chunk_settings=settings.chunk,
        ingest_settings=settings.ingest,
        ocr_settings=settings.ocr,
        ocr_cache=ocr_cache_dir(settings.ocr, index),
        memory_mb=settings.worker.memory_mb,
        timeout_s=settings.worker.timeout_s,
    )


def ensure_index(
    settings: Settings,
    progress: Callable[[ProgressEvent], None] | None = None,
    *,
    index: IndexStore | None = None,
    embedder: Embedder | None = None,
    skip: Callable[[str, str], str | None] | None = None,
    wait_for_vectors: bool = True,
) -> IngestReport:
    """Bring the index up to date with ``settings.data_dir`` (used before serving).

    Files whose content hash matches the index are skipped without loading the model, so an
    up-to-date index costs one hash per file; a missing index is built, changed files are
    re-embedded and files deleted from ``data_dir`` are pruned.

    Args:
        settings: the app settings.
        progress: receives ingest progress events.
        index: an already open index (with ``embedder``); opened and closed here when None.
        embedder: the index's embedder.
        skip: see `ingest.pipeline.ingest_paths`.
        wait_for_vectors: see `run_ingest`.
    """
    owned = index is None or embedder is None
    if owned:
        index, embedder = open_index(settings)
    assert index is not None and embedder is not None
    try:
        return run_ingest(
            settings,
            [settings.data_dir],
            index=index,
            embedder=embedder,
            prune=True,
            progress=progress,
            skip=skip,
            wait_for_vectors=wait_for_vectors,
        )
    finally:
        if owned:
            index.close()
