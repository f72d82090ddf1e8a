"""The HTTP API: OpenAI-compatible chat (``/v1``) and REST (``/api``) over one `GovdocService`.

`create_api` builds one FastAPI app that serves the API, its OpenAPI docs at ``/docs`` and,
when given, the gradio web chat at ``/`` — one process, one port. Every ``/v1`` and ``/api``
request passes a guard first: the Bearer key (when keys are configured) and a body-size limit.
Answering requests hold one of ``settings.ui.max_concurrency`` slots, taken without waiting;
none free means 429. Blocking service calls run in worker threads, never on the event loop.
"""

from __future__ import annotations

import hmac
import importlib.util
import logging
import re
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response, StreamingResponse
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import iterate_in_threadpool, run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.config import AnswerMode, RetrievalMode
from assistant.types import Answer
from govdoc import openai_compat as oa
from govdoc.inputs import InputError
from govdoc.settings import Settings

if TYPE_CHECKING:
    import gradio as gr

    from govdoc.service import GovdocService
    from ingest.store import DocInfo

log = logging.getLogger("govdoc.api")
T = TypeVar("T")

API_PREFIXES = ("/v1", "/api")
MIB = 1024 * 1024
JSON_BODY_MAX = 1 * MIB  # chat, ask and draft requests are small
MULTIPART_OVERHEAD = 1 * MIB  # form boundaries and fields around an uploaded file
DRAIN_MAX = 256 * MIB  # past this, an oversized body is not read to its end before answering 413
DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Browser-based clients on this machine (desktop apps, local web UIs) may call the API without a key.
LOCAL_ORIGINS = r"^(https?://(localhost|127\.0\.0\.1|\[::1\])(:\d+)?|null|file://.*|app://.*|tauri://.*)$"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


# ----------------------------------------------------------------------------- errors


class ApiError(Exception):
    """A request that gets an error status and an OpenAI-style error body."""

    def __init__(self, status: int, message: str, code: str | None = None, type_: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.type = type_ or _error_type(status)


def _error_type(status: int) -> str:
    match status:
        case 401:
            return "authentication_error"
        case 429:
            return "rate_limit_error"
        case 501:
            return "not_implemented"
        case _ if status >= 500:
            return "server_error"
        case _:
            return "invalid_request_error"


def _error_response(error: ApiError, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = oa.error_body(error.message, error.type, error.code)
    return JSONResponse(body, status_code=error.status, headers=dict(headers or {}))


def _validation_message(exc: RequestValidationError) -> tuple[str, str | None]:
    """A Chinese message for the first problem FastAPI found, and the field it concerns."""
    errors = exc.errors()
    if not errors:
        return "请求格式有误", None
    first = errors[0]
    loc = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "path")]
    field = ".".join(loc) or None
    kind = first.get("type", "")
    if kind == "json_invalid":
        return "请求体不是有效的 JSON", None
    if kind == "missing":
        return f"缺少字段 {field}" if field else "缺少请求体", field
    where = f"字段 {field} " if field else "请求体"
    reason = _VALIDATION_REASONS.get(kind)
    if reason is None:
        reason = first.get("msg", "")
    elif "{" in reason:
        reason = reason.format(**(first.get("ctx") or {}))
    return f"{where}的值无效：{reason}", field


# Chinese wording for the pydantic error types a wrong request usually triggers.
_VALIDATION_REASONS = {
    "model_attributes_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为数组",
    "tuple_type": "应为数组",
    "string_type": "应为字符串",
    "string_unicode": "含有无法识别的字符（不成对的代理字符），请删除后重试",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "too_short": "至少需要 {min_length} 项",
    "string_too_short": "不能为空",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "literal_error": "取值应为 {expected}",
    "union_tag_invalid": "类型不对",
    "extra_forbidden": "不认识的字段",
}


# ----------------------------------------------------------------------------- guard: key and body size


class _ApiGuard:
    """ASGI middleware for ``/v1`` and ``/api``: check the Bearer key, then cap the request body.

    The body is read here (up to its limit) and replayed to the app, so an oversized request is
    answered 413 before any handler runs and nothing of it is stored.
    """

    def __init__(self, app: ASGIApp, *, keys: Sequence[bytes], body_limit: Callable[[str], int]) -> None:
        self.app = app
        self.keys = list(keys)
        self.body_limit = body_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_api_path(scope["path"]):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v for k, v in scope.get("headers", ())}
        if self.keys and not self._authorized(headers.get("authorization", b"")):
            error = ApiError(401, "API 密钥无效或缺失：请在请求头中提供 Authorization: Bearer <密钥>", "invalid_api_key")
            await _error_response(error, {"WWW-Authenticate": "Bearer"})(scope, receive, send)
            return
        limit = self.body_limit(scope["path"])
        too_large = ApiError(413, f"请求体过大：上限为 {_size_label(limit)}", "request_too_large")
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _drain(receive, int(declared))
            await _error_response(too_large, {"Connection": "close"})(scope, receive, send)
            return
        body, over = await _read_body(receive, limit)
        if over:
            await _error_response(too_large, {"Connection": "close"})(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _authorized(self, header: bytes) -> bool:
        scheme, _, token = header.partition(b" ")
        if scheme.lower() != b"bearer" or not token.strip():
            return False
        token = token.strip()
        # Compare against every key (no early exit), in constant time per key.
        matches = [hmac.compare_digest(token, key) for key in self.keys]
        return any(matches)


class _ApiCors:
    """CORS for the API paths only, so browser-based chat clients can call ``/v1``; the web page
    keeps gradio's own (stricter) cross-origin rules."""

    def __init__(self, app: ASGIApp, /, **origins: Any) -> None:
        self.app = app
        self.cors = CORSMiddleware(app, allow_methods=["*"], allow_headers=["*"], **origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and is_api_path(scope["path"]):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def is_api_path(path: str) -> bool:
    """Whether a request path belongs to the API (``/v1…`` or ``/api…``), not to the web page."""
    return any(path == prefix or path.startswith(prefix + "/") for prefix in API_PREFIXES)


async def _read_body(receive: Receive, limit: int) -> tuple[bytes, bool]:
    """The request body, or (b"", True) once it exceeds ``limit`` (the rest is drained)."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            if message.get("more_body", False):
                await _drain(receive, size)
            return b"", True
        parts.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(parts), False


async def _drain(receive: Receive, already: int) -> None:
    """Read and drop the rest of a refused body, so the client gets to read the 413 answer."""
    seen = already if already <= DRAIN_MAX else DRAIN_MAX
    while seen < DRAIN_MAX:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # later calls wait for the disconnect, as the server's own would

    return replay


def _size_label(limit: int) -> str:
    return f"{limit / MIB:.1f} MB" if limit >= MIB else f"{limit / 1024:.0f} KB"


# ----------------------------------------------------------------------------- concurrency slots


class Slots:
    """At most ``n`` answering requests at once; a request that finds none free is refused (429)."""

    def __init__(self, n: int) -> None:
        self._semaphore = threading.BoundedSemaphore(n)
        self.size = n

    def try_acquire(self) -> bool:
        """Take a slot without waiting; False when all are taken."""
        return self._semaphore.acquire(blocking=False)

    def release(self) -> None:
        """Give a slot back."""
        self._semaphore.release()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold a slot for a block.

        Raises:
            ApiError: 429 when all slots are taken.
        """
        if not self.try_acquire():
            raise _busy(self.size)
        try:
            yield
        finally:
            self.release()


def _busy(size: int) -> ApiError:
    return ApiError(429, f"服务繁忙：已有 {size} 个请求正在处理，请稍后重试", "rate_limit_exceeded")


def _once(fn: Callable[[], None]) -> Callable[[], None]:
    """``fn`` made safe to call several times: only the first call runs it."""
    lock = threading.Lock()
    done = False

    def call() -> None:
        nonlocal done
        with lock:
            if done:
                return
            done = True
        fn()

    return call


class _SlotStream(StreamingResponse):
    """A streaming response that gives its slot back however the stream ends (done, error, disconnect).

    ``release`` must be safe to call twice (see `_once`): the stream itself releases on completion.
    """

    def __init__(self, content: AsyncIterator[str], release: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(content, **kwargs)
        self._release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._release()


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
    doc_ids: list[str] | None = Field(None, description="answer only from these documents")

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

    def headings(self) -> list[str] | None:
        """The outline as a list of headings (a string is split at line breaks and ；)."""
        if self.outline is None:
            return None
        parts = re.split(r"[\n;；]+", self.outline) if isinstance(self.outline, str) else self.outline
        return [p.strip() for p in parts if p.strip()] or None


# ----------------------------------------------------------------------------- the app


def create_api(
    service: GovdocService,
    settings: Settings,
    blocks: gr.Blocks | None = None,
    *,
    mount_kwargs: Mapping[str, Any] | None = None,
) -> FastAPI:
    """The govdoc HTTP server: OpenAI-compatible ``/v1``, REST ``/api``, docs at ``/docs``, web chat at ``/``.

    Args:
        service: the application's operations (shared with the web chat).
        settings: the app settings (``api``, ``ui``, ``llm`` and ``data_dir`` are used here).
        blocks: the gradio web chat, mounted at ``/`` so it shares the process and port; None: API only.
        mount_kwargs: extra keyword arguments for ``gradio.mount_gradio_app`` (e.g. the page's own ``auth``).

    Returns:
        The FastAPI app, ready for uvicorn.
    """
    # Swagger UI and ReDoc from files in the fastapi-offline wheel: the stock pages load them from a
    # CDN, which shows an empty page offline and sends three requests outside.
    app = FastAPIOffline(
        title="govdoc API",
        version="1",
        description="离线公文问答：兼容 OpenAI 的 /v1/chat/completions，以及文档管理、问答、起草、评测的 /api 接口。"
        "设置了 API 密钥时，请求需带 Authorization: Bearer <密钥>。",
    )
    slots = Slots(settings.ui.max_concurrency)
    app.state.govdoc_slots = slots
    _install_error_handlers(app)
    app.include_router(_openai_router(service, settings, slots))
    app.include_router(_rest_router(service, settings, slots))

    keys = [k.get_secret_value().encode("utf-8") for k in settings.api.keys if k.get_secret_value()]
    upload_limit = upload_max_bytes(settings)

    def body_limit(path: str) -> int:
        if path in ("/api/documents", "/api/eval"):
            return upload_limit + MULTIPART_OVERHEAD
        return JSON_BODY_MAX

    app.add_middleware(_ApiGuard, keys=keys, body_limit=body_limit)
    # Added last, so it is outermost: preflight requests are answered before the key check.
    # With a key every origin may call (the key is the protection); without one only local apps.
    origins: dict[str, Any] = {"allow_origins": ["*"]} if keys else {"allow_origin_regex": LOCAL_ORIGINS}
    app.add_middleware(_ApiCors, **origins)
    if blocks is not None:
        import gradio as gr

        options = {"server_name": settings.ui.host, "server_port": settings.ui.port, **dict(mount_kwargs or {})}
        app = gr.mount_gradio_app(app, blocks, path="/", **options)
    return app


def upload_max_bytes(settings: Settings) -> int:
    """The largest accepted upload, in bytes (``settings.ui.upload_max_mb``)."""
    return int(settings.ui.upload_max_mb * MIB)


def _install_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return _error_response(exc)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        message, field = _validation_message(exc)
        body = oa.error_body(f"请求格式有误：{message}", "invalid_request_error", "invalid_request", field)
        return JSONResponse(body, status_code=400)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if not is_api_path(request.url.path):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        message = {404: f"没有这个接口：{request.url.path}", 405: f"{request.url.path} 不支持 {request.method} 请求"}
        error = ApiError(exc.status_code, message.get(exc.status_code, str(exc.detail)), "http_error")
        return _error_response(error, exc.headers)

    async def input_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        code = "input_too_long" if exc.status == 413 else "invalid_text"
        return _error_response(ApiError(exc.status, exc.message, code))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("请求 %s %s 处理失败", request.method, request.url.path)
        return _error_response(ApiError(500, f"服务内部错误（{type(exc).__name__}），详情见服务日志", "internal_error"))

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)


# ----------------------------------------------------------------------------- /v1: OpenAI-compatible


def _openai_router(service: GovdocService, settings: Settings, slots: Slots) -> APIRouter:
    router = APIRouter(prefix="/v1", tags=["OpenAI 兼容"])
    modes = oa.model_modes(settings)
    started = int(time.time())

    @router.get("/models", summary="可用模型")
    def list_models() -> dict[str, Any]:
        return oa.models_body(list(modes), started)

    @router.get("/models/{model}", summary="模型信息")
    def get_model(model: str) -> dict[str, Any]:
        _mode_of(modes, model)
        return oa.models_body([model], started)["data"][0]

    @router.post("/chat/completions", summary="对话（兼容 OpenAI）", response_model=None)
    async def chat_completions(body: oa.ChatCompletionRequest) -> dict[str, Any] | Response:
        mode = _mode_of(modes, body.model)
        try:
            question, history = oa.split_conversation(body.messages)
        except oa.NoQuestionError as exc:
            raise ApiError(400, f"请求格式有误：{exc}", "invalid_request") from exc
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        created = int(time.time())
        if body.stream:
            service.checked(question, history)  # refused with 400/413 before the stream starts
            if not slots.try_acquire():
                raise _busy(slots.size)
            release = _once(slots.release)
            stream = _chat_stream(
                service,
                settings,
                question,
                history,
                mode,
                release=release,
                model=body.model,
                completion_id=completion_id,
                created=created,
            )
            headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
            return _SlotStream(stream, release, media_type="text/event-stream", headers=headers)
        with slots.hold():
            answer = await _answering(service.ask, question, history, mode=mode)
        prompt_text = "\n".join(m.text() for m in body.messages)
        return oa.completion_body(
            answer,
            completion_id=completion_id,
            created=created,
            model=body.model,
            prompt_text=prompt_text,
            footer=settings.api.sources_footer,
        )

    return router


async def _answering(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking answer (or draft) call in a worker thread; a failed LLM call becomes a 502."""
    try:
        return await run_in_threadpool(fn, *args, **kwargs)
    except Exception as exc:
        error = _llm_failure(exc)
        if error is None:
            raise
        log.warning("回答失败：%s", error.message)
        raise error from exc


def _llm_failure(exc: BaseException) -> ApiError | None:
    """A 502 for a failed LLM call (its message says why and never holds the key), else None.

    ``assistant.llm`` is only looked up when already imported: no LLM answer, no LLM error.
    """
    llm = sys.modules.get("assistant.llm")
    if llm is None or not isinstance(exc, llm.LLMError):
        return None
    return ApiError(502, f"大模型调用失败：{exc}", "llm_failed", "upstream_error")


def _mode_of(modes: Mapping[str, AnswerMode], model: str) -> AnswerMode:
    if model not in modes:
        names = "、".join(modes)
        raise ApiError(404, f"模型 {model} 不存在；可用的模型：{names}", "model_not_found")
    return modes[model]


async def _chat_stream(
    service: GovdocService,
    settings: Settings,
    question: str,
    history: list[tuple[str, str]],
    mode: AnswerMode,
    *,
    release: Callable[[], None],
    model: str,
    completion_id: str,
    created: int,
) -> AsyncIterator[str]:
    """The SSE events of one streamed answer: role, content deltas, footer, final chunk, ``[DONE]``.

    ``release`` gives the concurrency slot back as soon as the answer is complete, before the
    last events are sent, so a client that asks again right after ``[DONE]`` finds it free.
    """

    def chunk(delta: dict[str, Any], finish: str | None = None, extra: dict[str, Any] | None = None) -> str:
        return oa.sse(
            oa.chunk_body(
                completion_id=completion_id, created=created, model=model, delta=delta, finish_reason=finish, extra=extra
            )
        )

    yield chunk({"role": "assistant", "content": ""})
    streamed: list[str] = []
    final: Answer | None = None
    try:
        async for item in iterate_in_threadpool(service.ask_stream(question, history, mode=mode)):
            if isinstance(item, Answer):
                final = item
            elif item:
                streamed.append(item)
                yield chunk({"content": item})
    except Exception as exc:
        # Headers are sent; the error can only travel as an event (as OpenAI's own streams do).
        release()
        error = _llm_failure(exc)
        if error is None:
            log.exception("流式回答失败：%s", question[:50])
            error = ApiError(500, f"回答失败（{type(exc).__name__}），详情见服务日志", "internal_error")
        else:
            log.warning("流式回答失败：%s", error.message)
        yield oa.sse(oa.error_body(error.message, error.type, error.code))
        yield oa.sse("[DONE]")
        return
    release()
    assert final is not None, "ask_stream ends with an Answer"
    correction = _correction("".join(streamed), final.text)
    if correction:
        yield chunk({"content": correction})
    if settings.api.sources_footer and final.citations:
        yield chunk({"content": oa.sources_footer(final.citations)})
    yield chunk({}, "stop", oa.answer_fields(final))
    yield oa.sse("[DONE]")


def _correction(streamed: str, checked: str) -> str:
    """What to add after the streamed text so the client ends up with the checked answer.

    An extractive answer streams exactly its text. An LLM's raw pieces may differ from the checked
    text (unknown [n] removed, or replaced by the refusal); streamed text cannot be taken back, so
    the checked answer follows it, marked as such.
    """
    if streamed == checked:
        return ""
    if checked.startswith(streamed):
        return checked[len(streamed) :]
    return f"\n\n（核对引用后的回答）\n{checked}"


# ----------------------------------------------------------------------------- /api: REST


def _rest_router(service: GovdocService, settings: Settings, slots: Slots) -> APIRouter:
    router = APIRouter(prefix="/api", tags=["govdoc"])
    llm = oa.llm_mode(settings)

    @router.get("/documents", summary="已入库的文档")
    async def list_documents() -> list[dict[str, Any]]:
        docs = await run_in_threadpool(service.documents)
        return [doc_json(d) for d in docs]

    @router.post("/documents", summary="上传并入库一个文件")
    async def upload_document(
        file: Annotated[UploadFile, File(description="txt/md/html/pdf/docx 或图片 png/jpg")],
    ) -> dict[str, Any]:
        from govdoc.uploads import UploadError

        filename = file.filename or ""
        if _has_path(filename):
            raise ApiError(400, f"文件名不能包含路径：{filename}", "unsafe_filename")
        content = await file.read()
        with slots.hold():
            try:
                upload = await run_in_threadpool(service.upload, filename, content)
            except UploadError as exc:
                code = "ingest_failed" if exc.message.startswith("文件无法入库") else "upload_rejected"
                raise ApiError(exc.status, exc.message, code) from exc
        return {
            **upload.report.to_json(),
            "stored": upload.duplicate_of or upload.name,
            "message": upload.message,
            "duplicate_of": upload.duplicate_of,
        }

    @router.delete("/documents/{doc_id}", summary="移除一篇文档所在的文件")
    async def delete_document(doc_id: str) -> dict[str, Any]:
        docs = await run_in_threadpool(service.documents)
        match = next((d for d in docs if d.doc_id == doc_id), None)
        if match is None:
            raise ApiError(404, f"索引中没有编号为 {doc_id} 的文档；可用 GET /api/documents 查看", "document_not_found")
        removal = await run_in_threadpool(service.remove, match.source)
        return {
            "removed": match.source,
            "chunks": removal.chunks,
            "doc_ids": [d.doc_id for d in docs if d.source == match.source],
            "file_deleted": removal.file_deleted,
        }

    @router.post("/ask", summary="问答（与 govdoc ask --json 相同的结果）")
    async def ask(body: AskRequest) -> dict[str, Any]:
        if body.mode not in (None, "extractive") and llm is None:
            raise ApiError(400, f"未配置大模型，无法使用 {body.mode} 模式；请设置 llm.base_url 或 llm.model_path", "llm_not_configured")
        with slots.hold():
            answer = await _answering(
                lambda: service.ask(
                    body.question, body.turns(), mode=body.mode, retrieval=body.retrieval, k=body.k, doc_ids=body.doc_ids
                )
            )
        return answer.to_json()

    @router.post("/draft", summary="起草汇报材料（与 govdoc draft --json 相同的结果）", response_model=None)
    async def draft(
        body: DraftRequest, format: Literal["json", "docx"] = Query("json", description="json 或 docx（Word 文件）")
    ) -> dict[str, Any] | Response:
        draft_fn = getattr(service, "draft", None)
        if draft_fn is None:
            raise ApiError(501, "起草功能尚未提供：此版本的 govdoc 没有 draft", "not_implemented")
        if format == "docx" and importlib.util.find_spec("assistant.export") is None:
            raise ApiError(501, "导出 Word 的功能尚未提供：此版本的 govdoc 没有 assistant/export.py", "not_implemented")
        with slots.hold():
            try:
                result = await _answering(
                    lambda: draft_fn(body.topic, outline=body.headings(), genre=body.genre, length=body.length)
                )
            except InputError:
                raise
            except ValueError as exc:  # empty topic, unknown genre: the message says which
                raise ApiError(400, f"无法起草：{exc}", "invalid_request") from exc
            if format == "json":
                return dict(result.to_json())
            data = await run_in_threadpool(_docx_bytes, result)
        filename = f"{body.topic[:40]}.docx"
        disposition = f"attachment; filename=\"draft.docx\"; filename*=UTF-8''{quote(filename)}"
        return Response(data, media_type=DOCX_MEDIA_TYPE, headers={"Content-Disposition": disposition})

    @router.post("/eval", summary="运行评测，返回指标")
    async def run_eval(
        testset: Annotated[UploadFile | None, File(description="JSONL 测试集；不传则用自带的测试集")] = None,
    ) -> Any:
        if importlib.util.find_spec("evals.run") is None:
            raise ApiError(501, "评测功能尚未提供：此版本的 govdoc 没有 evals.run", "not_implemented")
        content = await testset.read() if testset is not None else None
        with slots.hold():
            return await run_in_threadpool(_run_eval, settings, content)

    return router


def doc_json(d: DocInfo) -> dict[str, Any]:
    """One document as ``govdoc docs --json`` prints it."""
    return {"doc_id": d.doc_id, "title": d.title, "source": d.source, "chunks": d.n_chunks, "ingested_at": d.ingested_at}


def _has_path(filename: str) -> bool:
    """Whether a client-sent file name names a folder too (``../x``, ``a/b``, ``a\\b``), not just a file."""
    return "/" in filename or "\\" in filename or filename.strip() in (".", "..")


def _docx_bytes(draft: Any) -> bytes:
    from assistant.export import draft_to_docx

    with tempfile.TemporaryDirectory(prefix="govdoc-draft-") as tmp:
        path = Path(tmp) / "draft.docx"
        draft_to_docx(draft, path)
        return path.read_bytes()


def _run_eval(settings: Settings, content: bytes | None) -> Any:
    """The ``govdoc eval --json`` object for the bundled test set, or for an uploaded one.

    The server's index is evaluated as it stands (no re-ingest) and report files go to a
    temporary folder that is removed afterwards.
    """
    from govdoc.evaluation import EvalError, run_eval

    with tempfile.TemporaryDirectory(prefix="govdoc-eval-") as tmp:
        path = None
        if content is not None:
            path = Path(tmp) / "testset.jsonl"
            path.write_bytes(content)
        try:
            run = run_eval(settings, path, out_dir=Path(tmp) / "report", ingest=False, write=False)
        except (ValueError, UnicodeDecodeError) as exc:  # TestsetError is a ValueError
            raise ApiError(400, f"测试集有误：{exc}", "invalid_testset") from exc
        except EvalError as exc:
            raise ApiError(400, f"无法评测：{exc}", "eval_not_runnable") from exc
    return run.overall


# ----------------------------------------------------------------------------- start-up


def startup_message(settings: Settings) -> str:
    """What the serve command prints at start: the addresses, and whether the API needs a key.

    Keys are never shown, only whether any is set.
    """
    host, port = settings.ui.host, settings.ui.port
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    base = f"http://{shown}:{port}"
    lines = [f"govdoc 已启动：网页 {base}/ ，OpenAI 兼容接口 {base}/v1 （模型名 govdoc），接口文档 {base}/docs"]
    keyed = any(k.get_secret_value() for k in settings.api.keys)
    if keyed:
        lines.append("已启用 API 密钥：/v1 与 /api 的请求需带请求头 Authorization: Bearer <密钥>。")
    elif host in LOOPBACK_HOSTS:
        lines.append(
            f"未设置 API 密钥：只监听 {host}，仅本机可以访问。需要其他电脑访问时，"
            "先设置 GOVDOC_API__KEYS，再把 GOVDOC_UI__HOST 设为 0.0.0.0。"
        )
    else:
        lines.append(
            f"警告：未设置 API 密钥却监听 {host}：能访问这台电脑的任何人都能调用接口、上传和删除文档。"
            "请设置 GOVDOC_API__KEYS。"
        )
    return "\n".join(lines)


