"""The OpenAI chat-completions wire format: request models, response bodies, SSE chunks, error bodies.

Only the shapes live here; `govdoc.api` routes requests to `GovdocService` and uses these to speak
the protocol that chat clients (Cherry Studio, ChatBox, Open WebUI), OneAPI, the ``openai`` package
and LangChain's ``ChatOpenAI`` expect. govdoc adds three top-level fields to a completion (and to
the last chunk of a stream): ``citations``, ``refused`` and ``verified``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.config import AnswerMode
from assistant.types import Answer, Citation
from govdoc.settings import Settings

# A chat turn as GovdocService takes it: (role, text) with role "user" or "assistant".
Turn = tuple[str, str]

DEFAULT_MODEL = "govdoc"
EXTRACTIVE_MODEL = "govdoc-extractive"
LLM_MODEL = "govdoc-llm"
OWNER = "govdoc"

FOOTER_HEADING = "参考来源："
_FOOTER_SPLIT = re.compile(r"\n\n" + FOOTER_HEADING + r"\n")
_SPACES = re.compile(r"\s*\n\s*")


class ContentPart(BaseModel):
    """One part of a multi-part message content; only text parts carry anything govdoc reads."""

    model_config = ConfigDict(extra="allow")

    type: str
    text: str | None = None


class ChatMessage(BaseModel):
    """One message of the conversation."""

    model_config = ConfigDict(extra="allow")

    role: Literal["system", "developer", "user", "assistant", "tool", "function"]
    content: str | list[ContentPart] | None = None

    def text(self) -> str:
        """The message's text: the string content, or its text parts joined."""
        if self.content is None:
            return ""
        if isinstance(self.content, str):
            return self.content
        return "".join(part.text or "" for part in self.content if part.type == "text")


class ChatCompletionRequest(BaseModel):
    """A ``POST /v1/chat/completions`` body. Sampling options are accepted and ignored (extractive
    answers are deterministic; the LLM mode uses the configured temperature)."""

    model_config = ConfigDict(extra="allow")

    model: str = Field(DEFAULT_MODEL, description="govdoc, govdoc-extractive or govdoc-llm (see GET /v1/models)")
    messages: list[ChatMessage] = Field(min_length=1, description="the conversation; the last user message is answered")
    stream: bool = Field(False, description="answer as server-sent events in chat.completion.chunk format")
    temperature: float | None = Field(None, description="ignored")


class NoQuestionError(ValueError):
    """The conversation holds no user message with text."""


def model_modes(settings: Settings) -> dict[str, AnswerMode]:
    """The model names the API serves and the answer mode each one uses.

    ``govdoc`` is the configured default mode; ``govdoc-extractive`` is always there; ``govdoc-llm``
    is there when an LLM is configured (a non-extractive mode, an endpoint URL or a local model file).
    """
    modes: dict[str, AnswerMode] = {DEFAULT_MODEL: settings.llm.mode, EXTRACTIVE_MODEL: "extractive"}
    llm = llm_mode(settings)
    if llm is not None:
        modes[LLM_MODEL] = llm
    return modes


def llm_mode(settings: Settings) -> AnswerMode | None:
    """The LLM answer mode the settings configure, or None when no LLM is configured."""
    return settings.llm.configured_mode()


def split_conversation(messages: Sequence[ChatMessage]) -> tuple[str, list[Turn]]:
    """The question (the last user message) and the user/assistant turns before it.

    System and tool messages are not part of the history. The 参考来源 footer that govdoc appended
    to its own earlier answers is dropped, so it does not leak into follow-up questions.

    Raises:
        NoQuestionError: no user message, or the last one has no text.
    """
    last_user = max((i for i, m in enumerate(messages) if m.role == "user"), default=None)
    if last_user is None:
        raise NoQuestionError("messages 中没有 role 为 user 的消息")
    question = messages[last_user].text().strip()
    if not question:
        raise NoQuestionError("最后一条 user 消息没有文字内容")
    history: list[Turn] = []
    for message in messages[:last_user]:
        if message.role not in ("user", "assistant"):
            continue
        text = message.text()
        if message.role == "assistant":
            text = strip_footer(text)
        if text.strip():
            history.append((message.role, text))
    return question, history


def strip_footer(text: str) -> str:
    """An answer without the 参考来源 footer that `sources_footer` appends."""
    return _FOOTER_SPLIT.split(text, maxsplit=1)[0]


def sources_footer(citations: Sequence[Citation]) -> str:
    """``"\\n\\n参考来源：\\n[1] 标题 · 章节 · 第N页 · 版本：“原文”"``, one line per citation; "" when none.

    Line breaks inside a quote become spaces so each source stays on one line; the structured
    ``citations`` field keeps the verbatim quote.
    """
    if not citations:
        return ""
    lines = [f"\n\n{FOOTER_HEADING}"]
    for c in citations:
        parts = [c.doc_title]
        if c.section:
            parts.append(c.section)
        if c.pages_label:
            parts.append(c.pages_label)
        if c.version_words:
            parts.append(c.version_words)
        quote = _SPACES.sub(" ", c.quote.strip())
        lines.append(f"[{c.n}] {' · '.join(parts)}：“{quote}”")
    return "\n".join(lines)


def answer_fields(answer: Answer) -> dict[str, Any]:
    """The fields govdoc adds to a completion: ``citations``, ``refused``, ``verified`` and, for a
    follow-up, ``resolved_question`` (what it was taken to mean)."""
    fields: dict[str, Any] = {
        "citations": [c.to_json() for c in answer.citations],
        "refused": answer.refused,
        "verified": answer.verified,
    }
    if answer.resolved:
        fields["resolved_question"] = answer.resolved
    return fields


def completion_body(
    answer: Answer,
    *,
    completion_id: str,
    created: int,
    model: str,
    prompt_text: str,
    footer: bool,
) -> dict[str, Any]:
    """A ``chat.completion`` object for an answer.

    Args:
        answer: the checked answer.
        completion_id: the ``chatcmpl-…`` id.
        created: Unix seconds.
        model: the model name the client asked for.
        prompt_text: the conversation's text, for the usage estimate.
        footer: append the 参考来源 footer to the content.
    """
    content = answer.text + (sources_footer(answer.citations) if footer else "")
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "logprobs": None,
                "finish_reason": "stop",
            }
        ],
        "usage": usage(prompt_text, content),
        **answer_fields(answer),
    }


def chunk_body(
    *,
    completion_id: str,
    created: int,
    model: str,
    delta: dict[str, Any],
    finish_reason: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A ``chat.completion.chunk`` object carrying one delta (and govdoc's fields on the last one)."""
    body: dict[str, Any] = {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}],
    }
    if extra:
        body.update(extra)
    return body


def sse(data: dict[str, Any] | str) -> str:
    """One server-sent event: ``data: <json>`` and a blank line (``data: [DONE]`` for a string)."""
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"data: {payload}\n\n"


def usage(prompt_text: str, completion_text: str) -> dict[str, int]:
    """Token counts, estimated (no tokenizer is involved): one per CJK character or other word."""
    prompt, completion = estimate_tokens(prompt_text), estimate_tokens(completion_text)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


_TOKENISH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]|[A-Za-z0-9_]+|[^\sA-Za-z0-9_]")


def estimate_tokens(text: str) -> int:
    """A rough token count: CJK characters, words and punctuation marks each count one."""
    return len(_TOKENISH.findall(text))


def models_body(names: Sequence[str], created: int) -> dict[str, Any]:
    """The ``GET /v1/models`` list."""
    return {
        "object": "list",
        "data": [{"id": name, "object": "model", "created": created, "owned_by": OWNER} for name in names],
    }


def error_body(message: str, type_: str, code: str | None, param: str | None = None) -> dict[str, Any]:
    """OpenAI's error object: ``{"error": {"message", "type", "param", "code"}}``."""
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}
