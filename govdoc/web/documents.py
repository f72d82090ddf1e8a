"""The 文档 tab: upload and ingest files with progress, list the indexed documents, delete, re-index.

Uploads go through `GovdocService.upload`, as the HTTP API's do, and are stored in
``data_dir/uploads`` once indexed, so re-indexing the data folder keeps them. Every event that writes the
index shares one concurrency slot; questions keep being answered meanwhile.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.accounts import Principal
from govdoc.permissions import Forbidden
from govdoc.uploads import ACCEPTED_LABEL, ACCEPTED_SUFFIXES, UploadError
from govdoc.web import render
from govdoc.web.filerefs import FileRefError, check_uploaded
from govdoc.web.who import principal
from ingest.pipeline import IngestReport

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from ingest.pipeline import ProgressEvent

log = logging.getLogger("govdoc.web")

TABLE_HEADERS = ["标题", "知识库", "来源文件", "片段数", "入库时间", "用途"]
ROLE_CHOICES = [("按标题自动判断", ""), ("本单位材料", "own"), ("政策依据", "policy"), ("参考范文", "sample")]
WRITE_SLOT = "index-write"  # uploads, deletions and re-indexing run one at a time

ProgressFn = Callable[..., Any]


def document_rows(service: GovdocService, who: Principal) -> list[list[Any]]:
    """The documents ``who`` may see as table rows: title, knowledge bases, source file, chunks, ingest time, role."""
    from ingest.role import ROLE_LABELS

    docs = service.documents(who)
    bases = service.bases_of(sorted({d.source for d in docs}))
    return [
        [
            d.title,
            "、".join(sorted(bases[d.source])),
            d.source,
            d.n_chunks,
            render.local_time(d.ingested_at),
            ROLE_LABELS.get(d.role, ""),
        ]
        for d in docs
    ]


def source_choices(service: GovdocService, who: Principal) -> list[tuple[str, str]]:
    """(label, source) per file ``who`` may see; a file holding several documents lists their titles."""
    titles: dict[str, list[str]] = {}
    for doc in service.documents(who):
        titles.setdefault(doc.source, []).append(doc.title)
    return [(f"{'；'.join(names)}（{source}）", source) for source, names in titles.items()]


def refresh(service: GovdocService, who: Principal) -> tuple[list[list[Any]], Any]:
    """The document table and the delete dropdown, up to date."""
    return document_rows(service, who), gr.update(choices=source_choices(service, who), value=None)


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
    *,
    who: Principal,
    kbs: Sequence[str] = (),
    role: str | None = None,
) -> tuple[str, list[list[Any]], Any]:
    """Store the uploaded files safely in the knowledge bases ``kbs``, ingest them, and report per file.

    Args:
        service: ingests into its index.
        settings: ``data_dir`` and ``ui.upload_max_mb`` are used.
        files: paths of the files gradio received (their names are the user's file names).
        progress: a ``gr.Progress``.
        role: the drafting role of every file (own, policy, sample); None infers each one's.

    Returns:
        The report (Markdown), the document table and the delete dropdown update.
    """
    if not files:
        return "请先选择要上传的文件。", *refresh(service, who)
    max_bytes = int(settings.ui.upload_max_mb * 1024 * 1024)
    notes: list[str] = []
    refused: list[str] = []
    merged = IngestReport()
    for received in files:
        name = os.path.basename(received)
        try:
            if os.path.getsize(received) > max_bytes:  # refuse before reading a huge file into memory
                raise UploadError(413, f"文件过大：{name}，单个文件上限为 {settings.ui.upload_max_mb:g} MB")
            upload = service.upload(name, Path(received).read_bytes(), who=who, kbs=kbs, progress=_notify(progress), role=role)
        except UploadError as exc:
            refused.append(exc.message)
            continue
        notes.append(upload.message)
        merged.added += upload.report.added
        merged.skipped += upload.report.skipped
        merged.documents += upload.report.documents
        merged.chunks = upload.report.chunks
    shown = merged.to_json() if merged.added or merged.skipped else None
    return render.ingest_report_markdown(shown, notes, refused), *refresh(service, who)


def delete_source(
    service: GovdocService, settings: Settings, source: str | None, *, who: Principal
) -> tuple[str, list[list[Any]], Any]:
    """Remove a file's documents from the index, and the file itself when it was uploaded here."""
    from ingest.store import NotInIndexError

    if not source:
        return "请先在列表中选择要删除的文件。", *refresh(service, who)
    try:
        removal = service.remove(source, who=who)
    except NotInIndexError as exc:
        return f"删除失败：{exc}", *refresh(service, who)
    except Forbidden as exc:
        return f"删除失败：{exc.message}", *refresh(service, who)
    if removal.file_deleted:
        message = f"已删除：{source}（{removal.chunks} 个片段），上传的文件也已删除。"
    else:
        message = (
            f"已从索引中移除：{source}（{removal.chunks} 个片段）。该文件仍在资料文件夹中，"
            "点“重建索引”会重新导入；如不再需要，请从资料文件夹中删除它。"
        )
    return message, *refresh(service, who)


def reindex(
    service: GovdocService, settings: Settings, progress: ProgressFn = lambda *a, **k: None, *, who: Principal
) -> tuple[str, list[list[Any]], Any]:
    """Bring the index up to date with the data folder (new, changed and deleted files); administrators only."""
    try:
        report = service.refresh(_notify(progress), who=who)
    except Forbidden as exc:
        return exc.message, *refresh(service, who)
    return render.ingest_report_markdown(report.to_json()), *refresh(service, who)


def build_documents_tab(
    service: GovdocService, settings: Settings
) -> tuple[gr.Dataframe, gr.Dropdown, gr.Dropdown]:
    """The 文档 tab's components and events; returns the table, the delete choice and the knowledge-base
    choice for uploads, filled on page load."""
    gr.Markdown(
        f"上传的文件保存在资料文件夹的 uploads 子目录中，导入后即可提问。支持 {ACCEPTED_LABEL}；"
        f"单个文件不超过 {settings.ui.upload_max_mb:g} MB。"
    )
    with gr.Row():
        with gr.Column(scale=1):
            files = gr.File(
                label=f"选择文件（可多选，单个不超过 {settings.ui.upload_max_mb:g} MB）",
                file_count="multiple",
                file_types=sorted(ACCEPTED_SUFFIXES),
                type="filepath",
                elem_id="gd-upload",
            )
            target = gr.Dropdown(
                choices=[], value=[], multiselect=True, label="放入知识库", elem_id="gd-upload-kb"
            )
            role = gr.Dropdown(
                choices=ROLE_CHOICES,
                value="",
                label="资料用途（起草时：本单位材料作为事实，政策依据作为依据，参考范文只借鉴写法）",
                elem_id="gd-upload-role",
            )
            upload = gr.Button("上传并导入", variant="primary", elem_id="gd-upload-button")
        with gr.Column(scale=1):
            report = gr.Markdown("", elem_id="gd-ingest-report", label="导入结果")
    table = gr.Dataframe(
        headers=TABLE_HEADERS,
        datatype=["str", "str", "str", "number", "str", "str"],
        value=[],
        label="已导入的文档",
        interactive=False,
        wrap=True,
        column_widths=["26%", "12%", "30%", "8%", "14%", "10%"],
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

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def on_upload(
        files: list[str] | None,
        kbs: list[str] | None,
        role: str | None,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
    ) -> tuple[str, list[list[Any]], Any]:
        return _upload_event(service, settings, files, kbs, request, progress, role or None)

    def on_delete(source: str | None, request: gr.Request) -> tuple[str, list[list[Any]], Any]:
        return delete_source(service, settings, source, who=principal(service, request))

    def on_reindex(
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
    ) -> tuple[str, list[list[Any]], Any]:
        return reindex(service, settings, progress, who=principal(service, request))

    def on_refresh(request: gr.Request) -> tuple[list[list[Any]], Any]:
        return refresh(service, principal(service, request))
    upload.click(
        on_upload,
        [files, target, role],
        outputs,
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    ).then(lambda: None, None, [files], queue=False, api_visibility="private")
    delete.click(
        on_delete,
        [choice],
        outputs,
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    )
    rebuild.click(
        on_reindex,
        None,
        outputs,
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    )
    reload.click(on_refresh, None, [table, choice], api_visibility="private")
    return table, choice, target


def _upload_event(
    service: GovdocService,
    settings: Settings,
    files: list[str] | None,
    kbs: list[str] | None,
    request: gr.Request,
    progress: ProgressFn,
    role: str | None = None,
) -> tuple[str, list[list[Any]], Any]:
    who = principal(service, request)
    try:
        files = [str(check_uploaded(f)) for f in files or []]
    except FileRefError as exc:
        return str(exc), *refresh(service, who)
    return upload_files(service, settings, files, progress, who=who, kbs=kbs or (), role=role)
