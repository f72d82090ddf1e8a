"""``/api``: documents, ask, draft and eval as JSON (the same results as the CLI's ``--json``)."""

from __future__ import annotations

import logging
import re
import tempfile
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool

from assistant.config import AnswerMode, RetrievalMode
from govdoc import openai_compat as oa
from govdoc.accounts import Principal
from govdoc.api.auth import principal_of
from govdoc.api.errors import ApiError, answering
from govdoc.api.guard import DOCX_MEDIA_TYPE, Slots
from govdoc.inputs import InputError
from govdoc.permissions import Forbidden
from govdoc.settings import Settings
from govdoc.sourcename import shown_to_reader

if TYPE_CHECKING:

    from govdoc.service import GovdocService
    from ingest.store import DocInfo

log = logging.getLogger("govdoc.api")
T = TypeVar("T")

# ----------------------------------------------------------------------------- request models


class HistoryTurn(BaseModel):
    """One earlier turn of the conversation."""

    role: Literal["user", "assistant"]
    content: str


class AskRequest(BaseModel):
    """A ``POST /api/ask`` body."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(min_length=1, description="the question")
    history: list[HistoryTurn | tuple[Literal["user", "assistant"], str]] = Field(
        default_factory=list, description='earlier turns: {"role","content"} objects or [role, text] pairs'
    )
    mode: AnswerMode | None = Field(None, description="extractive, openai or llamacpp; default: configured")
    retrieval: RetrievalMode | None = Field(None, description="bm25, dense or hybrid; default: configured")
    k: int | None = Field(None, ge=1, le=50, description="passages handed to the answerer")
    doc_ids: list[str] | None = Field(None, max_length=1000, description="answer only from these documents")
    kbs: list[str] | None = Field(None, max_length=100, description="answer only from these knowledge bases")

    @field_validator("question")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("问题不能为空")
        return value.strip()

    def turns(self) -> list[tuple[str, str]]:
        """The history as (role, text) pairs."""
        return [(t.role, t.content) if isinstance(t, HistoryTurn) else (t[0], t[1]) for t in self.history]


class DraftRequest(BaseModel):
    """A ``POST /api/draft`` body."""

    model_config = ConfigDict(extra="forbid")

    topic: str = Field(min_length=1, description="what the draft is about")
    outline: list[str] | str | None = Field(None, description="section headings, or one per line")
    genre: str | None = Field(None, description="kind of document, e.g. 汇报材料")
    length: int | None = Field(None, ge=1, description="target length in characters")
    kbs: list[str] | None = Field(None, max_length=100, description="draft only from these knowledge bases")
    doc_ids: list[str] | None = Field(None, max_length=1000, description="draft only from these documents")

    def headings(self) -> list[str] | None:
        """The outline as a list of headings (a string is split at line breaks and ；)."""
        if self.outline is None:
            return None
        parts = re.split(r"[\n;；]+", self.outline) if isinstance(self.outline, str) else self.outline
        return [p.strip() for p in parts if p.strip()] or None


# ----------------------------------------------------------------------------- /api: REST


def rest_router(service: GovdocService, settings: Settings, slots: Slots, upload_slots: Slots) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["govdoc"])
    llm = oa.llm_mode(settings)

    @router.get("/documents", summary="已入库的文档（只列出你能阅读的知识库中的文档）")
    async def list_documents(
        request: Request, kb: Annotated[list[str] | None, Query(description="只列出这些知识库")] = None
    ) -> list[dict[str, Any]]:
        who = principal_of(request.scope)
        docs = await run_in_threadpool(service.documents, who, kb)
        bases = await run_in_threadpool(lambda: service.bases_of(sorted({d.source for d in docs}), who=who))
        return [doc_json(d, bases[d.source], service.source_name(d.source)) for d in docs]

    @router.get("/status", summary="索引概况：文档数、片段数、等待向量化的片段数和预计剩余秒数")
    async def index_status(request: Request) -> dict[str, Any]:
        who = principal_of(request.scope)
        status = await run_in_threadpool(service.vector_status, who)  # only what this user may read
        eta = None if status.eta_s is None else round(status.eta_s)
        return {"documents": status.documents, "chunks": status.chunks, "waiting": status.waiting, "eta_s": eta}

    @router.post("/documents", summary="上传并入库一个文件")
    async def upload_document(
        request: Request,
        file: Annotated[UploadFile, File(description="txt/md/html/pdf/docx 或图片 png/jpg")],
        kb: Annotated[list[str] | None, Form(description="放入哪些知识库（编辑只能选自己可编辑的）")] = None,
        role: Annotated[
            str | None,
            Form(description="资料用途：own 本单位材料、policy 政策依据、sample 参考范文；不给则按标题判断"),
        ] = None,
    ) -> dict[str, Any]:
        who = principal_of(request.scope)
        from govdoc.uploads import UploadError

        filename = file.filename or ""
        if _has_path(filename):
            raise ApiError(400, f"文件名不能包含路径：{filename}", "unsafe_filename")
        content = await file.read()
        with upload_slots.hold():
            try:
                upload = await run_in_threadpool(partial(service.upload, filename, content, who=who, kbs=kb or (), role=role or None))
            except UploadError as exc:
                code = "ingest_failed" if exc.message.startswith("文件无法入库") else "upload_rejected"
                raise ApiError(exc.status, exc.message, code) from exc
        return {
            **upload.report.to_json(),
            "stored": upload.duplicate_of or upload.name,
            "message": upload.message,
            "duplicate_of": upload.duplicate_of,
            "former_version": upload.former_version,
        }

    @router.delete("/documents/{doc_id}", summary="移除一篇文档所在的文件")
    async def delete_document(request: Request, doc_id: str, delete_file: bool = False) -> dict[str, Any]:
        """Drop the file's documents from the index; an uploaded file is kept (moved out of the data
        folder) unless ``delete_file=true``."""
        who = principal_of(request.scope)
        docs = await run_in_threadpool(service.documents, who)
        match = next((d for d in docs if d.doc_id == doc_id), None)
        if match is None:
            raise ApiError(404, f"索引中没有编号为 {doc_id} 的文档；可用 GET /api/documents 查看", "document_not_found")
        try:
            removal = await run_in_threadpool(partial(service.remove, match.source, who=who, delete_file=delete_file))
        except Forbidden as exc:
            raise ApiError(exc.status, exc.message, "forbidden") from exc
        return {
            "removed": service.source_name(match.source),
            "chunks": removal.chunks,
            "doc_ids": [d.doc_id for d in docs if d.source == match.source],
            "file_deleted": removal.file_deleted,
        }

    @router.post("/ask", summary="问答（与 govdoc ask --json 相同的结果）")
    async def ask(request: Request, body: AskRequest) -> dict[str, Any]:
        who = principal_of(request.scope)
        if body.mode not in (None, "extractive") and llm is None:
            raise ApiError(400, f"未配置大模型，无法使用 {body.mode} 模式；请设置 llm.base_url 或 llm.model_path", "llm_not_configured")
        with slots.hold(who):
            answer = await answering(
                lambda: service.ask(
                    body.question,
                    body.turns(),
                    who=who,
                    mode=body.mode,
                    retrieval=body.retrieval,
                    k=body.k,
                    doc_ids=body.doc_ids,
                    kbs=body.kbs,
                )
            )
        return answer.to_json()

    @router.post("/draft", summary="起草汇报材料（与 govdoc draft --json 相同的结果）", response_model=None)
    async def draft(
        request: Request,
        body: DraftRequest,
        format: Literal["json", "docx"] = Query("json", description="json 或 docx（Word 文件）"),
        citations: Literal["footnotes", "inline"] = Query(
            "footnotes", description="Word 文件中的引用：footnotes 页下脚注，inline 正文中的 [n]"
        ),
    ) -> dict[str, Any] | Response:
        who = principal_of(request.scope)
        with slots.hold(who):
            try:
                result = await answering(
                    lambda: service.draft(
                        body.topic,
                        outline=body.headings(),
                        genre=body.genre,
                        length=body.length,
                        who=who,
                        kbs=body.kbs,
                        doc_ids=body.doc_ids,
                    )
                )
            except InputError:
                raise
            except ValueError as exc:  # empty topic, unknown genre: the message says which
                raise ApiError(400, f"无法起草：{exc}", "invalid_request") from exc
            if format == "json":
                return dict(result.to_json())
            data = await run_in_threadpool(_docx_bytes, result, citations)
        filename = f"{result.title[:40]}.docx"
        disposition = f"attachment; filename=\"draft.docx\"; filename*=UTF-8''{quote(filename)}"
        return Response(data, media_type=DOCX_MEDIA_TYPE, headers={"Content-Disposition": disposition})

    @router.post("/eval", summary="运行评测，返回指标")
    async def run_eval(
        request: Request,
        testset: Annotated[UploadFile | None, File(description="JSONL 测试集；不传则用自带的测试集")] = None,
    ) -> Any:
        who = principal_of(request.scope)
        if not who.is_admin:
            raise ApiError(403, "只有管理员可以运行评测", "forbidden")
        content = await testset.read() if testset is not None else None
        with slots.hold(who):
            return await run_in_threadpool(_run_eval, service, who, content)

    return router


def doc_json(d: DocInfo, bases: set[str] | None = None, source: str | None = None) -> dict[str, Any]:
    """One document as ``govdoc docs --json`` prints it (with its knowledge bases when known).

    Args:
        d: the document.
        bases: its knowledge bases, when known.
        source: its file as shown (`GovdocService.source_name`); None: the index key (command line).
    """
    out: dict[str, Any] = {
        "doc_id": d.doc_id,
        "title": d.title,
        "source": d.source if source is None else source,
        "chunks": d.n_chunks,
        "ingested_at": d.ingested_at,
    }
    if d.role:
        out["role"] = d.role
    if bases is not None:
        out["kbs"] = sorted(bases)
    return out


def _has_path(filename: str) -> bool:
    """Whether a client-sent file name names a folder too (``../x``, ``a/b``, ``a\\b``), not just a file."""
    return "/" in filename or "\\" in filename or filename.strip() in (".", "..")


def _docx_bytes(draft: Any, citations: Literal["footnotes", "inline"] = "footnotes") -> bytes:
    from assistant.export import draft_to_docx

    with tempfile.TemporaryDirectory(prefix="govdoc-draft-") as tmp:
        path = Path(tmp) / "draft.docx"
        draft_to_docx(shown_to_reader(draft), path, citations=citations)
        return path.read_bytes()


def _run_eval(service: GovdocService, who: Principal, content: bytes | None) -> Any:
    """The ``govdoc eval --json`` object for the bundled test set, or for an uploaded one.

    The server's index is evaluated as it stands (no re-ingest) and report files go to a
    temporary folder that is removed afterwards.
    """
    from govdoc.evaluation import EvalError, evaluate_served

    with tempfile.TemporaryDirectory(prefix="govdoc-eval-") as tmp:
        path = None
        if content is not None:
            path = Path(tmp) / "testset.jsonl"
            path.write_bytes(content)
        try:
            run = evaluate_served(service, path, who=who, out_dir=Path(tmp) / "report", write=False)
        except (ValueError, UnicodeDecodeError) as exc:  # TestsetError is a ValueError
            raise ApiError(400, f"测试集有误：{exc}", "invalid_testset") from exc
        except EvalError as exc:
            raise ApiError(400, f"无法评测：{exc}", "eval_not_runnable") from exc
    return run.overall


