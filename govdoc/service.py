"""One object that the CLI, the web app, the HTTP API and evals all call: ask, stream, ingest, list, remove.

It is built from one `Settings` and assembles the parts (index, embedder, retriever, answerers)
lazily, so constructing it costs nothing and a text-only command never loads a model it does not use.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answer import ExtractiveAnswerer
from assistant.config import AnswerMode, RetrievalMode
from assistant.followup import standalone_question
from assistant.retrieve import Retriever
from assistant.types import Answer, Hit
from govdoc.indexing import open_index, run_ingest
from govdoc.inputs import Turn, check_text, recent_history
from govdoc.settings import Settings

if TYPE_CHECKING:
    from assistant.draft import Draft
    from ingest.embed import Embedder
    from ingest.pipeline import IngestReport, ProgressEvent
    from ingest.store import DocInfo, Index



class GovdocService:
    """The application's operations, shared by every entry point. Thread-safe for concurrent questions."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.RLock()
        self._index: Index | None = None
        self._embedder: Embedder | None = None
        self._retriever: Retriever | None = None
        self._extractive: ExtractiveAnswerer | None = None
        self._llm: Any = None

    # -- parts -----------------------------------------------------------------------------
    @property
    def index(self) -> Index:
        with self._lock:
            if self._index is None:
                self._index, self._embedder = open_index(self.settings)
            return self._index

    @property
    def embedder(self) -> Embedder:
        self.index  # noqa: B018 - opening the index builds the embedder
        assert self._embedder is not None
        return self._embedder

    @property
    def retriever(self) -> Retriever:
        with self._lock:
            if self._retriever is None:
                self._retriever = Retriever(self.index, self.embedder, self.settings.retrieval)
            return self._retriever

    @property
    def extractive(self) -> ExtractiveAnswerer:
        with self._lock:
            if self._extractive is None:
                self._extractive = ExtractiveAnswerer(
                    self.retriever.bm25, following=lambda c: self.index.next_chunk(c.id)
                )
            return self._extractive

    def llm(self) -> Any:
        """The LLM answerer for the configured endpoint (built on first use)."""
        with self._lock:
            if self._llm is None:
                from assistant.llm import LLMError, make_llm_answerer

                mode = self.settings.llm.configured_mode()
                if mode is None:
                    raise LLMError("未配置大模型：请设置 llm.base_url（OpenAI 兼容接口）或 llm.model_path（本地 GGUF 文件）")
                llm_settings = self.settings.llm.model_copy(update={"mode": mode})
                self._llm = make_llm_answerer(llm_settings, self.extractive)
            return self._llm

    def close(self) -> None:
        """Release the index (Chroma client, sqlite connections)."""
        with self._lock:
            if self._index is not None:
                self._index.close()
            self._index = self._retriever = self._extractive = None

    # -- questions -------------------------------------------------------------------------
    def retrieve(
        self,
        question: str,
        *,
        retrieval: RetrievalMode | None = None,
        k: int | None = None,
        doc_ids: list[str] | None = None,
    ) -> tuple[list[Hit], float]:
        """Passages for a question and the milliseconds it took."""
        t0 = time.perf_counter()
        hits = self.retriever.retrieve(question, k=k, mode=retrieval, doc_ids=doc_ids)
        return hits, (time.perf_counter() - t0) * 1000.0

    def checked(self, question: str, history: Sequence[Turn] = ()) -> tuple[str, list[Turn]]:
        """The question as accepted and the history as kept (see `ask_stream`).

        Raises:
            InputError: the question is too long or not valid Unicode.
        """
        limits = self.settings.input
        return check_text(question, limits.question_max_chars, "问题"), recent_history(history, limits.history_max_chars)

    def standalone(self, question: str, history: Sequence[Turn], mode: AnswerMode) -> str:
        """The question rewritten to stand alone, using the conversation so far."""
        if not history:
            return question
        if mode != "extractive":
            return str(self.llm().rewrite(question, history))
        return standalone_question(question, history)

    def ask(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        mode: AnswerMode | None = None,
        retrieval: RetrievalMode | None = None,
        k: int | None = None,
        doc_ids: list[str] | None = None,
    ) -> Answer:
        """Answer a question from the documents, with checked citations or the refusal phrase."""
        final: Answer | None = None
        for item in self.ask_stream(question, history, mode=mode, retrieval=retrieval, k=k, doc_ids=doc_ids):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def ask_stream(
        self,
        question: str,
        history: Sequence[Turn] = (),
        *,
        mode: AnswerMode | None = None,
        retrieval: RetrievalMode | None = None,
        k: int | None = None,
        doc_ids: list[str] | None = None,
    ) -> Iterator[str | Answer]:
        """Yield text pieces as they are produced, then the final checked `Answer`.

        The question and the history are checked first (`govdoc.inputs`): a question over
        ``input.question_max_chars`` or with a lone surrogate raises `InputError` before any
        retrieval; history beyond ``input.history_max_chars`` is dropped, oldest first.

        The pieces of an LLM answer are raw model output; the final Answer's text is the checked
        one (unknown markers removed) and is what should be kept and shown at the end.
        """
        question, history = self.checked(question, history)
        mode = mode or self.settings.llm.mode
        query = self.standalone(question, history, mode)
        hits, retrieve_ms = self.retrieve(query, retrieval=retrieval, k=k, doc_ids=doc_ids)
        if mode == "extractive":
            answer = self.extractive.answer(query, hits)
            yield from _pieces(answer.text)
            yield _finish(answer, question, retrieve_ms)
            return
        for item in self.llm().stream(query, hits):
            if isinstance(item, Answer):
                yield _finish(item, question, retrieve_ms)
            else:
                yield item

    def draft(
        self,
        topic: str,
        outline: Sequence[str] | None = None,
        *,
        genre: str | None = None,
        length: int | None = None,
        mode: AnswerMode | None = None,
    ) -> Draft:
        """Draft a report on ``topic`` from the documents (see `assistant.draft.Drafter.draft`)."""
        from assistant.draft import Drafter

        limit = self.settings.input.topic_max_chars
        check_text(topic + "".join(outline or ()), limit, "起草主题和提纲")
        mode = mode or self.settings.llm.mode
        writer = None if mode == "extractive" else self.llm().chat
        drafter = Drafter(self.retriever, self.extractive, writer=writer, fallback=self.settings.llm.fallback_extractive)
        return drafter.draft(topic, outline, genre, length)

    # -- documents -------------------------------------------------------------------------
    def ingest(
        self,
        paths: Sequence[Path],
        *,
        prune: bool = False,
        progress: Callable[[ProgressEvent], None] | None = None,
    ) -> IngestReport:
        """Ingest files or folders into the index."""
        return run_ingest(self.settings, paths, index=self.index, embedder=self.embedder, prune=prune, progress=progress)

    def documents(self) -> list[DocInfo]:
        """Documents in the index."""
        return self.index.documents()

    def remove(self, source: str) -> int:
        """Remove a source file's documents from the index; returns the chunks removed."""
        return self.index.remove_source(source)


def _pieces(text: str, size: int = 12) -> Iterator[str]:
    """An extractive answer streamed in small pieces, so every client sees the same streaming."""
    for i in range(0, len(text), size):
        yield text[i : i + size]


def _finish(answer: Answer, question: str, retrieve_ms: float) -> Answer:
    """The answer with the user's own question and the full timings."""
    timings = {"retrieve": retrieve_ms, **answer.timings_ms}
    return Answer(
        question=question,
        text=answer.text,
        refused=answer.refused,
        verified=answer.verified,
        citations=answer.citations,
        hits=answer.hits,
        timings_ms=timings,
        notes=answer.notes,
    )
