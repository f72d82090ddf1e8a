"""``/v1``: the OpenAI-compatible chat completions, streamed or not."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import AsyncIterator, Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import iterate_in_threadpool

from assistant.config import AnswerMode
from assistant.types import Answer
from govdoc import openai_compat as oa
from govdoc.accounts import Principal
from govdoc.api.auth import principal_of
from govdoc.api.errors import ApiError, answering, llm_failure
from govdoc.api.guard import Slots, SlotStream, once
from govdoc.settings import Settings

if TYPE_CHECKING:

    from govdoc.service import GovdocService

log = logging.getLogger("govdoc.api")
T = TypeVar("T")

# ----------------------------------------------------------------------------- /v1: OpenAI-compatible


def openai_router(service: GovdocService, settings: Settings, slots: Slots) -> APIRouter:
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
    async def chat_completions(request: Request, body: oa.ChatCompletionRequest) -> dict[str, Any] | Response:
        who = principal_of(request.scope)
        mode = _mode_of(modes, body.model)
        try:
            question, history = oa.split_conversation(body.messages)
        except oa.NoQuestionError as exc:
            raise ApiError(400, f"请求格式有误：{exc}", "invalid_request") from exc
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        created = int(time.time())
        if body.stream:
            service.checked(question, history)  # refused with 400/413 before the stream starts
            refused = slots.try_acquire(who)
            if refused is not None:
                raise refused
            release = once(lambda: slots.release(who))
            stream = _chat_stream(
                service,
                settings,
                who,
                question,
                history,
                mode,
                release=release,
                model=body.model,
                completion_id=completion_id,
                created=created,
            )
            headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
            return SlotStream(stream, release, media_type="text/event-stream", headers=headers)
        with slots.hold(who):
            answer = await answering(service.ask, question, history, who=who, mode=mode)
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


def _mode_of(modes: Mapping[str, AnswerMode], model: str) -> AnswerMode:
    if model not in modes:
        names = "、".join(modes)
        raise ApiError(404, f"模型 {model} 不存在；可用的模型：{names}", "model_not_found")
    return modes[model]


async def _chat_stream(
    service: GovdocService,
    settings: Settings,
    who: Principal,
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
        async for item in iterate_in_threadpool(service.ask_stream(question, history, who=who, mode=mode)):
            if isinstance(item, Answer):
                final = item
            elif item:
                streamed.append(item)
                yield chunk({"content": item})
    except Exception as exc:
        # Headers are sent; the error can only travel as an event (as OpenAI's own streams do).
        release()
        error = llm_failure(exc)
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


