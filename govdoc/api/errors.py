"""Errors of the HTTP API: one OpenAI-style JSON body and a Chinese message for every failure."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from govdoc import openai_compat as oa
from govdoc.inputs import InputError

if TYPE_CHECKING:

    pass

log = logging.getLogger("govdoc.api")
T = TypeVar("T")

API_PREFIXES = ("/v1", "/api")


def is_api_path(path: str) -> bool:
    """Whether a request path belongs to the API (``/v1…`` or ``/api…``), not to the web page."""
    return any(path == prefix or path.startswith(prefix + "/") for prefix in API_PREFIXES)

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


def error_response(error: ApiError, headers: Mapping[str, str] | None = None) -> JSONResponse:
    body = oa.error_body(error.message, error.type, error.code)
    return JSONResponse(body, status_code=error.status, headers=dict(headers or {}))


def http_error(status: int, path: str, method: str, detail: str) -> ApiError:
    """The API's error for an HTTP failure of ``status`` on ``path`` (``detail``: the framework's own words,
    kept for a status without a message of ours)."""
    message = {404: f"没有这个接口：{path}", 405: f"{path} 不支持 {method} 请求"}
    return ApiError(status, message.get(status, detail), "http_error")


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
        # pydantic lists the allowed values in English ("'json' or 'docx'", "'a', 'b' or 'c'").
        reason = reason.format(**(first.get("ctx") or {})).replace(" or ", " 或 ")
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


async def answering(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking answer (or draft) call in a worker thread; a failed LLM call becomes a 502."""
    try:
        return await run_in_threadpool(fn, *args, **kwargs)
    except Exception as exc:
        error = llm_failure(exc)
        if error is None:
            raise
        log.warning("回答失败：%s", error.message)
        raise error from exc


def llm_failure(exc: BaseException) -> ApiError | None:
    """A 502 for a failed LLM call (its message says why and never holds the key), else None.

    ``assistant.llm`` is only looked up when already imported: no LLM answer, no LLM error.
    """
    llm = sys.modules.get("assistant.llm")
    if llm is None or not isinstance(exc, llm.LLMError):
        return None
    return ApiError(502, f"大模型调用失败：{exc}", "llm_failed", "upstream_error")


# FastAPI's words for a body its JSON parser gave up on (malformed JSON is a validation error instead).
UNPARSED_BODY = "There was an error parsing the body"


def install_error_handlers(app: FastAPI) -> None:
    async def api_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ApiError)
        return error_response(exc)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        message, field = _validation_message(exc)
        body = oa.error_body(f"请求格式有误：{message}", "invalid_request_error", "invalid_request", field)
        return JSONResponse(body, status_code=400)

    async def http_failure(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if not is_api_path(request.url.path):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        if exc.status_code == 400 and exc.detail == UNPARSED_BODY:  # e.g. JSON nested past Python's recursion limit
            error = ApiError(400, "请求格式有误：请求体无法解析为 JSON", "http_error")
        else:
            error = http_error(exc.status_code, request.url.path, request.method, str(exc.detail))
        return error_response(error, exc.headers)

    async def input_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, InputError)
        code = "input_too_long" if exc.status == 413 else "invalid_text"
        return error_response(ApiError(exc.status, exc.message, code))

    async def bad_text(request: Request, exc: Exception) -> Response:
        # A lone surrogate in a field no check looked at (a model name, a document id): the request's fault.
        return error_response(ApiError(400, "请求中含有无法识别的字符，请删除后重试", "invalid_text"))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("请求 %s %s 处理失败", request.method, request.url.path)
        return error_response(ApiError(500, f"服务内部错误（{type(exc).__name__}），详情见服务日志", "internal_error"))

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(InputError, input_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_failure)
    app.add_exception_handler(UnicodeError, bad_text)
    app.add_exception_handler(Exception, unexpected)
