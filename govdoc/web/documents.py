"""The 文档 tab: upload and ingest files with progress, list the indexed documents, delete, re-index.

Uploads go through `GovdocService.upload`, as the HTTP API's do, and are stored in
``data_dir/uploads`` once indexed, so re-indexing the data folder keeps them. Every event that writes the
index shares one concurrency slot; questions keep being answered meanwhile.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.uploads import ACCEPTED_LABEL, KINDS, UploadError
from govdoc.web import render
from govdoc.web.filerefs import FileRefError, check_uploaded
from ingest.pipeline import IngestReport

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from ingest.pipeline import ProgressEvent

log = logging.getLogger("govdoc.web")

TABLE_HEADERS = ["标题", "来源文件", "片段数", "入库时间"]
WRITE_SLOT = "index-write"  # uploads, deletions and re-indexing run one at a time

ProgressFn = Callable[..., Any]


def document_rows(service: GovdocService) -> list[list[Any]]:
    """The documents in the index as table rows: title, source file, chunk count, ingest time."""
    return [[d.title, d.source, d.n_chunks, render.local_time(d.ingested_at)] for d in service.documents()]


def source_choices(service: GovdocService) -> list[tuple[str, str]]:
    """(label, source) per indexed file; a file holding several documents lists their titles."""
    titles: dict[str, list[str]] = {}
    for doc in service.documents():
        titles.setdefault(doc.source, []).append(doc.title)
    return [(f"{'；'.join(names)}（{source}）", source) for source, names in titles.items()]


def refresh(service: GovdocService) -> tuple[list[list[Any]], Any]:
    """The document table and the delete dropdown, up to date."""
    return document_rows(service), gr.update(choices=source_choices(service), value=None)


def _notify(progress: ProgressFn) -> Callable[[ProgressEvent], None]:
    """Turn pipeline progress events into a progress bar: per file, and per embedded batch."""

    def notify(event: ProgressEvent) -> None:
        if event.file_count <= 0:
            return
        base = (event.file_index - 1) / event.file_count
        name = os.path.basename(event.file)
        position = f"[{event.file_index}/{event.file_count}]"
        match event.kind:
            case "file_start":
                progress(base, desc=f"{position} 读取 {name}")
            case "embed" if event.total:
                share = event.done / event.total / event.file_count
                progress(base + share, desc=f"{position} 向量化 {name} {event.done}/{event.total}")
            case "file_done" | "file_skipped" | "file_error":
                progress(event.file_index / event.file_count, desc=f"{position} 完成 {name}")

    return notify


def upload_files(
    service: GovdocService,
    settings: Settings,
    files: Sequence[str] | None,
    progress: ProgressFn = lambda *a, **k: None,
) -> tuple[str, list[list[Any]], Any]:
    """Store the uploaded files safely, ingest them, and report per file.

    Args:
        service: ingests into its index.
        settings: ``data_dir`` and ``ui.upload_max_mb`` are used.
        files: paths of the files gradio received (their names are the user's file names).
        progress: a ``gr.Progress``.

    Returns:
        The report (Markdown), the document table and the delete dropdown update.
    """
    if not files:
        return "请先选择要上传的文件。", *refresh(service)
    max_bytes = int(settings.ui.upload_max_mb * 1024 * 1024)
    notes: list[str] = []
    refused: list[str] = []
    merged = IngestReport()
    for received in files:
        name = os.path.basename(received)
        try:
            if os.path.getsize(received) > max_bytes:  # refuse before reading a huge file into memory
                raise UploadError(413, f"文件过大：{name}，单个文件上限为 {settings.ui.upload_max_mb:g} MB")
            upload = service.upload(name, Path(received).read_bytes(), progress=_notify(progress))
        except UploadError as exc:
            refused.append(exc.message)
            continue
        notes.append(upload.message)
        merged.added += upload.report.added
        merged.skipped += upload.report.skipped
        merged.documents += upload.report.documents
        merged.chunks = upload.report.chunks
    shown = merged.to_json() if merged.added or merged.skipped else None
    return render.ingest_report_markdown(shown, notes, refused), *refresh(service)


def delete_source(service: GovdocService, settings: Settings, source: str | None) -> tuple[str, list[list[Any]], Any]:
    """Remove a file's documents from the index, and the file itself when it was uploaded here."""
    from ingest.store import NotInIndexError

    if not source:
        return "请先在列表中选择要删除的文件。", *refresh(service)
    try:
        removal = service.remove(source)
    except NotInIndexError as exc:
        return f"删除失败：{exc}", *refresh(service)
    if removal.file_deleted:
        message = f"已删除：{source}（{removal.chunks} 个片段），上传的文件也已删除。"
    else:
        message = (
            f"已从索引中移除：{source}（{removal.chunks} 个片段）。该文件仍在资料文件夹中，"
            "点“重建索引”会重新导入；如不再需要，请从资料文件夹中删除它。"
        )
    return message, *refresh(service)


def reindex(
    service: GovdocService, settings: Settings, progress: ProgressFn = lambda *a, **k: None
) -> tuple[str, list[list[Any]], Any]:
    """Bring the index up to date with the data folder (new, changed and deleted files)."""
    report = service.refresh(_notify(progress))
    return render.ingest_report_markdown(report.to_json()), *refresh(service)


def build_documents_tab(service: GovdocService, settings: Settings) -> tuple[gr.Dataframe, gr.Dropdown]:
    """The 文档 tab's components and events; returns the table and the delete choice, filled on page load."""
    gr.Markdown(
        f"上传的文件保存在资料文件夹的 uploads 子目录中，导入后即可提问。支持 {ACCEPTED_LABEL}；"
        f"单个文件不超过 {settings.ui.upload_max_mb:g} MB。"
    )
    with gr.Row():
        with gr.Column(scale=1):
            files = gr.File(
                label=f"选择文件（可多选，单个不超过 {settings.ui.upload_max_mb:g} MB）",
                file_count="multiple",
                file_types=sorted(KINDS),
                type="filepath",
                elem_id="gd-upload",
            )
            upload = gr.Button("上传并导入", variant="primary", elem_id="gd-upload-button")
        with gr.Column(scale=1):
            report = gr.Markdown("", elem_id="gd-ingest-report", label="导入结果")
    table = gr.Dataframe(
        headers=TABLE_HEADERS,
        datatype=["str", "str", "number", "str"],
        value=[],
        label="已导入的文档",
        interactive=False,
        wrap=True,
        column_widths=["30%", "44%", "8%", "18%"],
        elem_id="gd-docs",
    )
    with gr.Row():
        choice = gr.Dropdown(choices=[], label="选择要删除的文件", scale=3, elem_id="gd-delete-choice")
        with gr.Column(scale=1, min_width=200):
            delete = gr.Button("删除所选文件", variant="stop", elem_id="gd-delete")
            with gr.Row():
                reload = gr.Button("刷新列表", size="sm", elem_id="gd-refresh")
                rebuild = gr.Button("重建索引", size="sm", elem_id="gd-reindex")
    outputs = [report, table, choice]
    upload.click(
        partial(_upload_event, service, settings),
        [files],
        outputs,
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    ).then(lambda: None, None, [files], queue=False, api_visibility="private")
    delete.click(
        partial(delete_source, service, settings),
        [choice],
        outputs,
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    )
    rebuild.click(
        partial(_reindex_event, service, settings),
        None,
        outputs,
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    )
    reload.click(partial(refresh, service), None, [table, choice], api_visibility="private")
    return table, choice


def _upload_event(
    service: GovdocService,
    settings: Settings,
    files: list[str] | None,
    progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
) -> tuple[str, list[list[Any]], Any]:
    try:
        files = [str(check_uploaded(f)) for f in files or []]
    except FileRefError as exc:
        return str(exc), *refresh(service)
    return upload_files(service, settings, files, progress)


def _reindex_event(
    service: GovdocService,
    settings: Settings,
    progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
) -> tuple[str, list[list[Any]], Any]:
    return reindex(service, settings, progress)
