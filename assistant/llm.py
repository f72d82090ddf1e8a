"""LLM answers: one small chat-model interface, two backends, and an answerer that checks every citation.

Backends (``settings.mode``): ``openai`` talks to any OpenAI-compatible endpoint through
langchain-openai; ``llamacpp`` runs a local GGUF in process with llama-cpp-python. Both stream
text pieces. `LLMAnswerer` builds the prompt from numbered, fenced passages, streams the model's
answer, then keeps only the [n] markers that name a given passage and quotes each cited passage
verbatim; when the model fails it raises `LLMError`, or answers extractively when fallback is on.
"""

from __future__ import annotations

import copy
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from assistant.cite import MARKER, check_markers
from assistant.config import LLMSettings
from assistant.followup import standalone_question
from assistant.prompting import Message, answer_messages, rewrite_messages
from assistant.redact import redact_urls
from assistant.types import REFUSAL, Answer, Hit

if TYPE_CHECKING:
    from assistant.answer import ExtractiveAnswerer

LOCAL_LLM_EXTRA = "pip install '.[local-llm]'"
NO_KEY = "none"  # local servers need no key, but the OpenAI client insists on one
N_CTX = 4096
UNVERIFIED_NOTE = "未经核实：回答中没有指向所给资料的引用编号"
UNSUPPORTED_NOTE = "未经核实：所引资料中找不到回答的内容"
_REFUSAL_CORE = REFUSAL.rstrip("。")
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.S)
_LEADING = re.compile(r"^[\s\"'“”‘’「」『』:：]+")
_REWRITE_LABEL = re.compile(r"^(?:改写后的问题|完整问题|问题)\s*[:：]\s*")


class LLMError(RuntimeError):
    """The language model could not produce an answer; the message says why in Chinese."""


class ChatModel(Protocol):
    """What the answerer needs from a chat model."""

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """Text pieces of the reply as they arrive. Raises LLMError."""
        ...

    def generate(self, messages: Sequence[Message]) -> str:
        """The whole reply. Raises LLMError."""
        ...


# -- backends ----------------------------------------------------------------------------------
def make_chat_model(settings: LLMSettings) -> ChatModel:
    """The chat model for ``settings.mode``; heavy libraries are imported here, not at module load.

    Raises:
        LLMError: the mode needs no LLM, or its endpoint, model file or library is missing.
    """
    match settings.mode:
        case "openai":
            return OpenAIChat(settings)
        case "llamacpp":
            return LlamaCppChat(settings)
        case _:
            raise LLMError(f"回答模式 {settings.mode} 不使用大模型；请把 llm.mode 设为 openai 或 llamacpp")


class OpenAIChat:
    """An OpenAI-compatible endpoint through langchain-openai's ChatOpenAI."""

    def __init__(self, settings: LLMSettings) -> None:
        if not settings.base_url:
            raise LLMError("openai 模式需要设置 llm.base_url（例如 http://127.0.0.1:8080/v1）")
        from langchain_openai import ChatOpenAI
        from pydantic import SecretStr

        self.base_url = redact_urls(settings.base_url)  # shown in messages; the client gets the real one
        self.timeout_s = settings.timeout_s
        self._secret = settings.api_key.get_secret_value()
        self.client = ChatOpenAI(
            base_url=settings.base_url,
            model=settings.model or "default",
            api_key=SecretStr(self._secret or NO_KEY),
            temperature=settings.temperature,
            max_completion_tokens=settings.max_tokens,
            timeout=settings.timeout_s,
            # langchain sends max_completion_tokens, which llama-cpp-python's server and some other
            # local servers ignore (they read max_tokens); OpenAI's own endpoint gets only the newer field.
            extra_body=None if "api.openai.com" in settings.base_url else {"max_tokens": settings.max_tokens},
            # One try: a retry doubles the wait before the fallback answer.
            max_retries=0,
        )

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        try:
            for chunk in self.client.stream(_to_langchain(messages)):
                text = chunk.content if isinstance(chunk.content, str) else _join_parts(chunk.content)
                if text:
                    yield text
        except Exception as exc:  # noqa: BLE001 - translated into one error type below
            raise self._error(exc) from exc

    def generate(self, messages: Sequence[Message]) -> str:
        try:
            reply = self.client.invoke(_to_langchain(messages))
        except Exception as exc:  # noqa: BLE001
            raise self._error(exc) from exc
        return reply.content if isinstance(reply.content, str) else _join_parts(reply.content)

    def _error(self, exc: Exception) -> LLMError:
        """A Chinese message for a client error, without the API key."""
        import openai

        if isinstance(exc, openai.APITimeoutError):
            message = f"大模型服务响应超时（超过 {self.timeout_s:g} 秒）：{self.base_url}"
        elif isinstance(exc, openai.APIConnectionError):
            message = f"无法连接大模型服务 {self.base_url}：请确认服务已启动、地址和端口正确"
        elif isinstance(exc, openai.APIStatusError):
            message = f"大模型服务返回错误（HTTP {exc.status_code}）：{_brief(exc.message)}"
        elif isinstance(exc, openai.APIError):
            message = f"大模型服务出错：{_brief(exc.message)}"
        else:
            message = f"调用大模型失败：{type(exc).__name__}：{_brief(str(exc))}"
        if self._secret:
            message = message.replace(self._secret, "***")
        return LLMError(redact_urls(message))


class LlamaCppChat:
    """A local GGUF run in process by llama-cpp-python, with the chat template stored in the GGUF."""

    def __init__(self, settings: LLMSettings) -> None:
        path = settings.model_path
        if path is None:
            from assistant.models import default_model_path

            raise LLMError(
                "llamacpp 模式需要设置 llm.model_path（本地 GGUF 模型文件）；"
                f"make llm-deps 拼装的测试小模型位于 {default_model_path()}"
            )
        if not Path(path).is_file():
            raise LLMError(f"找不到模型文件：{path}")
        try:
            import llama_cpp
        except ImportError:
            raise LLMError(f"llamacpp 模式需要 llama-cpp-python：请运行 {LOCAL_LLM_EXTRA}") from None
        self.settings = settings
        self._lock = threading.Lock()  # one Llama context serves one generation at a time
        try:
            self.llama = llama_cpp.Llama(model_path=str(path), n_ctx=N_CTX, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise LLMError(f"无法加载模型文件 {path}：{exc}") from exc

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        deadline = time.monotonic() + self.settings.timeout_s
        with self._lock:
            try:
                chunks: Any = self.llama.create_chat_completion(
                    messages=[{"role": role, "content": content} for role, content in messages],  # type: ignore[misc]
                    temperature=self.settings.temperature,
                    max_tokens=self.settings.max_tokens,
                    stream=True,
                )
                for chunk in chunks:
                    text = chunk["choices"][0]["delta"].get("content")
                    if text:
                        yield str(text)
                    if time.monotonic() > deadline:
                        chunks.close()
                        raise LLMError(f"本地模型生成超时（超过 {self.settings.timeout_s:g} 秒）")
            except (ValueError, RuntimeError) as exc:  # e.g. the prompt does not fit the context window
                if isinstance(exc, LLMError):
                    raise
                raise LLMError(f"本地模型无法处理该请求：{exc}") from exc

    def generate(self, messages: Sequence[Message]) -> str:
        return "".join(self.stream(messages))


class LazyChatModel:
    """Builds its chat model on first use, so a configuration error surfaces as an LLMError then."""

    def __init__(self, build: Callable[[], ChatModel]) -> None:
        self._build = build
        self._model: ChatModel | None = None
        self._lock = threading.Lock()

    def model(self) -> ChatModel:
        with self._lock:
            if self._model is None:
                self._model = self._build()
            return self._model

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        return self.model().stream(messages)

    def generate(self, messages: Sequence[Message]) -> str:
        return self.model().generate(messages)


def _to_langchain(messages: Sequence[Message]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[role](content=content) for role, content in messages]


def _join_parts(parts: Any) -> str:
    return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in parts)


def _brief(text: str, limit: int = 200) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


# -- the answerer --------------------------------------------------------------------------------
class LLMAnswerer:
    """Answers from retrieved passages with a chat model, checking every [n] it writes.

    Args:
        chat: the chat model.
        extractive: quotes the sentence of a passage that backs a claim, and answers instead
            of the model when ``fallback`` is on and the model fails.
        fallback: answer extractively (with a note) instead of raising `LLMError`.
        evidence_gate: refuse without asking the model when the offline evidence check finds
            no support in the passages (the model is not trusted to notice a missing answer).
    """

    def __init__(
        self, chat: ChatModel, extractive: ExtractiveAnswerer, *, fallback: bool = False, evidence_gate: bool = False
    ) -> None:
        self.chat = chat
        self.extractive = extractive
        self.fallback = fallback
        self.evidence_gate = evidence_gate

    def checking_with(self, extractive: ExtractiveAnswerer) -> LLMAnswerer:
        """The same answerer with another extractive answerer for its evidence check and fallback (one that
        weighs words by what the asker may read, `ExtractiveAnswerer.weighing`)."""
        other = copy.copy(self)
        other.extractive = extractive
        return other

    def answer(self, question: str, hits: Sequence[Hit]) -> Answer:
        """The checked answer (see `stream`)."""
        final: Answer | None = None
        for item in self.stream(question, hits):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def stream(self, question: str, hits: Sequence[Hit]) -> Iterator[str | Answer]:
        """Yield the model's text pieces as they arrive, then the final checked `Answer`.

        Raises:
            LLMError: the model failed and fallback is off.
        """
        t0 = time.perf_counter()
        # Passages ranked below the first k (`Hit.deeper`) are only for the extractive count of a whole table.
        hits = [h for h in hits if not h.deeper]
        if not hits:
            yield REFUSAL
            yield Answer(question, REFUSAL, True, False, (), (), {"answer": _ms(t0)}, ("没有检索到相关段落",))
            return
        if self.evidence_gate:
            offline = self.extractive.answer(question, hits)
            if offline.refused:
                yield REFUSAL
                notes = ("离线证据检查未找到依据，未调用大模型", *offline.notes)
                yield Answer(question, REFUSAL, True, False, (), tuple(hits), {"answer": _ms(t0)}, notes)
                return
        pieces: list[str] = []
        try:
            for piece in self.chat.stream(answer_messages(question, hits)):
                pieces.append(piece)
                yield piece
            raw = "".join(pieces)
            if not _THINK.sub("", raw).strip():
                raise LLMError("大模型返回了空回答")
        except LLMError as exc:
            if not self.fallback:
                raise
            yield self._fallback(question, hits, exc, _ms(t0))
            return
        yield self.check(question, raw, hits, _ms(t0))

    def check(self, question: str, raw: str, hits: Sequence[Hit], ms: float = 0.0) -> Answer:
        """The model's reply as an Answer: refusal recognised, unknown markers removed, quotes verbatim."""
        text = _THINK.sub("", raw).strip()
        if is_refusal(text):
            return Answer(question, REFUSAL, True, False, (), tuple(hits), {"answer": ms}, ("大模型判断资料中没有答案",))
        checked = check_markers(text, hits, self.extractive.best_span)
        notes: list[str] = []
        if checked.dropped:
            numbers = "、".join(f"[{n}]" for n in sorted(set(checked.dropped)))
            notes.append(f"已删除不存在的引用编号 {numbers}")
        if checked.citations and checked.unsupported:
            numbers = "、".join(f"[{n}]" for n in checked.unsupported)
            notes.append(f"标注 {numbers} 的句子在所引资料中找不到对应文字")
        if not checked.verified:
            notes.append(UNVERIFIED_NOTE if not checked.citations else UNSUPPORTED_NOTE)
        return Answer(
            question,
            checked.text,
            refused=False,
            verified=checked.verified,
            citations=checked.citations,
            hits=tuple(hits),
            timings_ms={"answer": ms},
            notes=tuple(notes),
        )

    def rewrite(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """``question`` made to stand alone using the conversation ``history`` (role, text).

        A reply that is empty or not a question-sized line gives way to the rule-based rewrite.

        Raises:
            LLMError: the model failed and fallback is off.
        """
        if not history:
            return question
        try:
            reply = self.chat.generate(rewrite_messages(question, history))
        except LLMError:
            if not self.fallback:
                raise
            return standalone_question(question, history)
        return clean_rewrite(reply) or standalone_question(question, history)

    def _fallback(self, question: str, hits: Sequence[Hit], error: LLMError, ms: float) -> Answer:
        answer = self.extractive.answer(question, hits)
        note = f"大模型调用失败，已改用抽取式回答：{error}"
        return Answer(
            question,
            answer.text,
            answer.refused,
            answer.verified,
            answer.citations,
            answer.hits,
            {"answer": ms + answer.timings_ms.get("answer", 0.0)},
            (note, *answer.notes),
        )


def is_refusal(text: str) -> bool:
    """Whether a reply is the refusal phrase (possibly with trailing words, or in a short reply without markers)."""
    head = _LEADING.sub("", text)
    if head.startswith(_REFUSAL_CORE):
        return True
    return _REFUSAL_CORE in text and len(text) <= len(REFUSAL) + 20 and not MARKER.search(text)


def clean_rewrite(reply: str, max_chars: int = 200) -> str:
    """The first line of a rewrite reply without labels and quotes; empty when it is not usable."""
    text = _THINK.sub("", reply).strip()
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = _REWRITE_LABEL.sub("", _LEADING.sub("", line)).strip().strip("\"'“”‘’「」")
    return line if 0 < len(line) <= max_chars else ""


def make_llm_answerer(settings: LLMSettings, extractive: ExtractiveAnswerer) -> LLMAnswerer:
    """The answerer for the configured LLM; the model is built (and loaded) on first use.

    Args:
        settings: the ``llm`` settings section.
        extractive: the extractive answerer (quotes citations; answers when the LLM fails and
            ``settings.fallback_extractive`` is on).
    """
    return LLMAnswerer(
        LazyChatModel(lambda: make_chat_model(settings)),
        extractive,
        fallback=settings.fallback_extractive,
        evidence_gate=settings.evidence_gate,
    )


def _ms(t0: float) -> float:
    return (time.perf_counter() - t0) * 1000.0
