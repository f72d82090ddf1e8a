"""The 文档 tab: upload and ingest files with progress, list the indexed documents (uploaded apart from the
data folder's own), open one to see its chunks, delete after a question, re-index.

Uploads go through `GovdocService.upload`, as the HTTP API's do, and are stored in
``data_dir/uploads`` once indexed, so re-indexing the data folder keeps them. Deleting asks first and
keeps the uploaded original unless the user ticks otherwise (`GovdocService.remove`). Every event that
writes the index shares one concurrency slot; questions keep being answered meanwhile.
"""

from __future__ import annotations

import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.accounts import Principal
from govdoc.permissions import Forbidden
from govdoc.service import REMOVED_UPLOADS, Removal
from govdoc.sourcename import shown_name
from govdoc.uploads import ACCEPTED_LABEL, ACCEPTED_SUFFIXES, UploadError
from govdoc.web import docview, render
from govdoc.web.actions import OPEN_BOX, OPEN_GO
from govdoc.web.filerefs import FileRefError, check_uploaded
from govdoc.web.vectors import build_vector_progress
from govdoc.web.versions import document_versions_html, may_fix
from govdoc.web.who import principal
from ingest.pipeline import IngestReport

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from ingest.pipeline import ProgressEvent
    from ingest.store import DocInfo
    from ingest.version import Version

log = logging.getLogger("govdoc.web")

ROLE_CHOICES = [("按标题自动判断", ""), ("本单位材料", "own"), ("政策依据", "policy"), ("参考范文", "sample")]
WRITE_SLOT = "index-write"  # uploads, deletions and re-indexing run one at a time

ProgressFn = Callable[..., Any]
Listed = tuple[str, str, str, Any]  # a report, the two document lists and the document choice


def document_choices(service: GovdocService, who: Principal) -> list[tuple[str, str]]:
    """(label, doc_id) per document ``who`` may see, uploaded ones first, each label saying which it is."""
    docs = service.documents(who)
    uploaded = {d.source: service.is_uploaded(d.source) for d in docs}
    ordered = sorted(docs, key=lambda d: not uploaded[d.source])
    titles = Counter(d.title for d in docs)
    versions = _versions(service, who)

    def label(d: DocInfo) -> str:
        # Two documents of one title (two versions of a file) are told apart by their versions, or else by
        # their files' names.
        name = shown_name(d.source)
        v = versions.get(d.doc_id)
        if v is not None:  # dated, by its date; else by its file's name
            said = v.label if v.date else name
            shown = f"{d.title} · {said}{'（现行）' if v.current else '（已被取代）'}"
        else:
            shown = f"{d.title} · {name}" if titles[d.title] > 1 and name != d.title else d.title
        return f"{shown}（{'上传' if uploaded[d.source] else '资料文件夹'}）"

    return [(label(d), d.doc_id) for d in ordered]


def open_place(payload: str) -> dict[str, Any] | None:
    """The cited place the page's script sent ({"doc": id, "start": n, "end": n}); None when malformed."""
    try:
        data = json.loads(payload or "{}")
        doc, start, end = str(data["doc"]), int(data["start"]), int(data["end"])
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return {"doc": doc, "start": start, "end": end} if doc and 0 <= start <= end else None


def lists_html(service: GovdocService, who: Principal) -> tuple[str, str]:
    """The two document lists: what users uploaded, and what the data folder holds of its own."""
    docs = service.documents(who)
    bases = service.bases_of(sorted({d.source for d in docs}), who=who)
    uploaded = [d for d in docs if service.is_uploaded(d.source)]
    shared = [d for d in docs if not service.is_uploaded(d.source)]
    versions = _versions(service, who)
    return (
        docview.documents_table_html(uploaded, bases, "还没有上传的文档。", versions),
        docview.documents_table_html(shared, bases, "资料文件夹中没有已导入的文档。", versions),
    )


def _versions(service: GovdocService, who: Principal) -> dict[str, Version]:
    """Doc id -> its version, for the documents ``who`` may see that have several."""
    return {v.doc_id: v for group in service.versions(who) for v in group}


def refresh(service: GovdocService, who: Principal) -> tuple[str, str, Any]:
    """The two document lists and the document choice, up to date."""
    return *lists_html(service, who), gr.update(choices=document_choices(service, who), value=None)


def _notify(progress: ProgressFn) -> Callable[[ProgressEvent], None]:
    """Turn pipeline progress events into a progress bar: per file, and per embedded batch."""

    def notify(event: ProgressEvent) -> None:
        if event.file_count <= 0:
            return
        base = (event.file_index - 1) / event.file_count
        name = shown_name(event.file)
        position = f"[{event.file_index}/{event.file_count}]"
        match event.kind:
            case "file_start":
                progress(base, desc=f"{position} 读取 {name}")
            case "embed" if event.total:
                share = event.done / event.total / event.file_count
                progress(base + share, desc=f"{position} 准备按意思查找 {name} {event.done}/{event.total}")
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
) -> Listed:
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
    max_bytes = settings.ui.upload_max_bytes()
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


def delete_document(
    service: GovdocService, doc_id: str | None, delete_file: bool = False, *, who: Principal
) -> Listed:
    """Remove the file holding ``doc_id`` from the index, after the user confirmed; the uploaded
    original is kept (moved out of the data folder) unless ``delete_file``."""
    from ingest.store import NotInIndexError

    if not doc_id:
        return "请先在列表中选择要删除的文档。", *refresh(service, who)
    try:
        view = service.document_view(doc_id, who=who)
        removal = service.remove(view.info.source, who=who, delete_file=bool(delete_file))
    except NotInIndexError as exc:
        return f"删除失败：{exc}", *refresh(service, who)
    except Forbidden as exc:
        return f"删除失败：{exc.message}", *refresh(service, who)
    return removal_message(removal), *refresh(service, who)


def removal_message(removal: Removal) -> str:
    """What a deletion did, and what became of the original file, in plain words."""
    done = f"已删除：{shown_name(removal.name or removal.source)}（共 {removal.chunks} 段资料），之后提问不会再用到它。"
    if removal.file_deleted:
        return done + "上传的原文件也已删除。"
    if removal.uploaded:
        return done + f"原文件已保留，移到了服务器上的“{REMOVED_UPLOADS}”文件夹，不会再被导入。"
    return done + "原文件仍在资料文件夹中，没有删除；点“重新整理资料”或重启服务会重新导入它，如不再需要，请从资料文件夹中删除。"


def reindex(
    service: GovdocService, settings: Settings, progress: ProgressFn = lambda *a, **k: None, *, who: Principal
) -> Listed:
    """Bring the index up to date with the data folder (new, changed and deleted files); administrators only."""
    try:
        report = service.refresh(_notify(progress), who=who)
    except Forbidden as exc:
        return exc.message, *refresh(service, who)
    return render.ingest_report_markdown(report.to_json()), *refresh(service, who)


@dataclass(frozen=True)
class DocumentsTab:
    """The tab's components the page fills on load: the two lists, the document choice, the upload's bases."""

    uploaded: gr.HTML
    shared: gr.HTML
    choice: gr.Dropdown
    target: gr.Dropdown
    opened: Any  # the event of opening a cited document at its quote ("在文档中查看" in a sources panel)
    changed: tuple[Any, ...]  # the events that add or remove documents (upload, delete, re-index)
    upload_box: gr.Column
    rebuild: gr.Button
    read_only: gr.Markdown
    delete: gr.Button

    def lists(self) -> list[Any]:
        """What `refresh` fills, in its order."""
        return [self.uploaded, self.shared, self.choice]

    def controls(self) -> list[Any]:
        """What `controls_for` fills, in its order."""
        return [self.upload_box, self.rebuild, self.read_only, self.delete]


READ_ONLY = "你的账号只能阅读文档，不能上传、删除或重新整理资料；需要时请联系管理员。"


def controls_for(service: GovdocService, who: Principal) -> tuple[Any, Any, Any, Any]:
    """The upload box and the delete button only for those who may add documents (administrators, editors
    of a knowledge base), re-indexing only for administrators, and a plain word to everyone else: a reader
    is not offered a control whose every use the server refuses."""
    may_upload = service.permissions.may_upload(who)
    shown = gr.update(visible=may_upload)
    return shown, gr.update(visible=who.is_admin), gr.update(visible=not may_upload), gr.update(visible=may_upload)


def build_opener() -> tuple[gr.Textbox, gr.Button]:
    """The hidden box and button through which "在文档中查看" in a sources panel opens a document: the
    page's script puts {doc, start, end} in the box and clicks the button. Built outside the tabs, since
    gradio renders a tab's contents only once it is opened, and the 文档 tab may not have been."""
    box = gr.Textbox("", label="打开文档", show_label=False, visible="hidden", elem_id=OPEN_BOX)
    return box, gr.Button("打开文档", visible="hidden", elem_id=OPEN_GO)


def build_documents_tab(
    service: GovdocService, settings: Settings, opener: tuple[gr.Textbox, gr.Button]
) -> DocumentsTab:
    """The 文档 tab's components and events: upload, the two lists, the document view, delete with a question
    first; ``opener`` (`build_opener`) opens a cited document at its quote."""
    open_box, open_go = opener
    read_only = gr.Markdown(READ_ONLY, visible=False, elem_id="gd-read-only")
    with gr.Row():
        with gr.Column(scale=1, elem_id="gd-upload-box") as upload_box:
            # Inside the upload box, so that it is hidden with it from those who may not upload.
            gr.Markdown(
                f"上传的文件导入后即可提问。支持 {ACCEPTED_LABEL}；单个文件不超过 {settings.ui.upload_max_mb:g} MB。",
                elem_id="gd-upload-note",
            )
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
                label="资料用途（起草时：本单位材料作为事实，政策依据作为依据，参考范文供参考写法，其中别校的数字、名称留空待填，做法标为待核实）",
                elem_id="gd-upload-role",
            )
            upload = gr.Button("上传并导入", variant="primary", elem_id="gd-upload-button")
        with gr.Column(scale=1):
            report = gr.Markdown("", elem_id="gd-ingest-report", label="导入结果")
            build_vector_progress(service)
    with gr.Column(elem_id="gd-docs"):
        gr.Markdown("### 上传的文档")
        uploaded = gr.HTML("", elem_id="gd-docs-uploaded")
        with gr.Accordion("资料文件夹中的文档（自带或由管理员放入）", open=True, elem_id="gd-docs-shared-box"):
            shared = gr.HTML("", elem_id="gd-docs-shared")
    with gr.Row():
        reload = gr.Button("刷新列表", size="sm", elem_id="gd-refresh")
        rebuild = gr.Button("重新整理资料", size="sm", elem_id="gd-reindex")
    gr.Markdown("### 查看文档")
    with gr.Row(elem_id="gd-doc-row"):
        choice = gr.Dropdown(
            choices=[], label="选择要查看的文档", scale=4, min_width=260, elem_id="gd-doc-choice",
            allow_custom_value=True,  # a stale or foreign id gets our own Chinese answer, not gradio's English one
        )
        delete = gr.Button("删除…", variant="stop", scale=0, min_width=100, elem_id="gd-delete")
    with gr.Group(visible=False, elem_id="gd-delete-confirm-box") as confirm_box:
        question = gr.HTML("", elem_id="gd-delete-question")
        delete_file = gr.Checkbox(
            label="同时删除上传的原文件（删除后无法恢复）", value=False, visible=False, elem_id="gd-delete-file"
        )
        with gr.Row():
            confirm = gr.Button("确认删除", variant="stop", elem_id="gd-delete-confirm")
            cancel = gr.Button("取消", elem_id="gd-delete-cancel")
    view_head = gr.HTML("", elem_id="gd-doc-head")
    # The document's versions, between what it is and its text: its other versions, or that it has none.
    versions = gr.HTML("", visible=False, elem_id="gd-doc-versions")
    view_body = gr.HTML("", elem_id="gd-doc-view")
    focus = gr.State(None)  # the cited place shown: {"doc": id, "start": n, "end": n}
    lists = [uploaded, shared, choice]
    outputs = [report, *lists]
    closed = (gr.update(visible=False), "", gr.update(value=False, visible=False))

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def on_upload(
        files: list[str] | None,
        kbs: list[str] | None,
        role: str | None,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
    ) -> Listed:
        return _upload_event(service, settings, files, kbs, request, progress, role or None)

    def on_view(doc_id: str | None, place: dict[str, Any] | None, request: gr.Request) -> tuple[Any, ...]:
        who = principal(service, request)
        if not doc_id:
            return "", "", gr.update(visible=False), *closed
        try:
            view = service.document_view(doc_id, who=who)
        except Forbidden as exc:
            return render.error_html(exc.message), "", gr.update(visible=False), *closed
        bases = service.bases_of([view.info.source], who=who).get(view.info.source, set())
        at = (int(place["start"]), int(place["end"])) if place and place.get("doc") == doc_id else None
        body = docview.view_body_html(view, at)
        versions = document_versions_html(service.versions(who), doc_id, may_fix(service, who))
        shown = gr.update(value=versions, visible=True)
        return docview.view_head_html(view, bases), body, shown, *closed

    def on_open(payload: str, request: gr.Request) -> tuple[Any, ...]:
        place = open_place(payload)
        if place is None:
            raise gr.Error("无法打开这处出处，请刷新页面后重试。")
        return (gr.update(value=place["doc"]), place, *on_view(place["doc"], place, request))

    def on_ask(doc_id: str | None, request: gr.Request) -> tuple[Any, ...]:
        who = principal(service, request)
        if not doc_id:
            return gr.update(visible=True), render.error_html("请先在上面选择要删除的文档。"), gr.update(visible=False)
        try:
            view = service.document_view(doc_id, who=who)
        except Forbidden as exc:
            return gr.update(visible=True), render.error_html(exc.message), gr.update(visible=False)
        return gr.update(visible=True), docview.delete_question(view), gr.update(value=False, visible=view.uploaded)

    def on_delete(doc_id: str | None, delete_file: bool, request: gr.Request) -> tuple[Any, ...]:
        listed = delete_document(service, doc_id, delete_file, who=principal(service, request))
        return (*listed, *closed, "", "")

    def on_reindex(
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
    ) -> Listed:
        return reindex(service, settings, progress, who=principal(service, request))

    def on_refresh(request: gr.Request) -> tuple[str, str, Any]:
        return refresh(service, principal(service, request))

    uploaded_event = upload.click(
        on_upload,
        [files, target, role],
        outputs,
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    ).then(lambda: None, None, [files], queue=False, api_visibility="private")
    shown = [view_head, view_body, versions, confirm_box, question, delete_file]
    choice.change(on_view, [choice, focus], shown, api_visibility="private")
    opened = open_go.click(on_open, [open_box], [choice, focus, *shown], api_visibility="private")
    delete.click(on_ask, [choice], [confirm_box, question, delete_file], api_visibility="private")
    cancel.click(lambda: closed, None, [confirm_box, question, delete_file], queue=False, api_visibility="private")
    deleted_event = confirm.click(
        on_delete,
        [choice, delete_file],
        [*outputs, confirm_box, question, delete_file, view_head, view_body],
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    )
    rebuilt_event = rebuild.click(
        on_reindex,
        None,
        outputs,
        concurrency_limit=1,
        concurrency_id=WRITE_SLOT,
        api_visibility="private",
    )
    reload.click(on_refresh, None, lists, api_visibility="private")
    changed = (uploaded_event, deleted_event, rebuilt_event)
    return DocumentsTab(uploaded, shared, choice, target, opened, changed, upload_box, rebuild, read_only, delete)


def _upload_event(
    service: GovdocService,
    settings: Settings,
    files: list[str] | None,
    kbs: list[str] | None,
    request: gr.Request,
    progress: ProgressFn,
    role: str | None = None,
) -> Listed:
    who = principal(service, request)
    try:
        files = [str(check_uploaded(f)) for f in files or []]
    except FileRefError as exc:
        return str(exc), *refresh(service, who)
    return upload_files(service, settings, files, progress, who=who, kbs=kbs or (), role=role)
