"""The per-item eval loop: every test item through retrieval and answering, scored by `evals.metrics`.

`evaluate` runs one configuration: any service that retrieves, answers and reads back its
indexed documents (see `Service`). Loading the test set, building one service per compared
configuration and writing the reports is the entry point's work.

Per item, retrieval runs once (top ``k_eval`` for hit@k and MRR@10) and is timed on its own;
the answerer then gets the first ``settings.retrieval.k`` of those hits (more for a count of table rows,
`assistant.retrieve.Retriever.for_answer`) and is timed apart.
Those are the hits the service's own ask would hand it, as long as ``retrieval.candidates`` is
at least ``k_eval`` (each side of hybrid retrieval takes max(candidates, k) before fusion).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from assistant.config import LLMSettings, RetrievalSettings
from assistant.llm import LLMAnswerer, LLMError
from assistant.types import Answer, Hit
from evals import metrics
from evals.judge import Judge, summarize
from evals.results import EvalResult, ItemRecord
from evals.schema import TestItem

if TYPE_CHECKING:
    from assistant.answer import ExtractiveAnswerer
    from assistant.retrieve import Retriever
    from ingest.backend import IndexStore

K_EVAL = 10
DEFAULT_NAME = "default"  # the configuration's name when nothing is compared


@dataclass(frozen=True)
class EvalProgress:
    """One step of an eval run: ingest of a configuration's index, or one item evaluated."""

    config: str
    stage: Literal["ingest", "eval"]
    done: int
    total: int
    detail: str = ""  # the item id, or what happened to an ingested file


Progress = Callable[[EvalProgress], None]
# The answer the documents' structure gives a question (the service's article lookup, a document's dates), or None.
Structured = Callable[[str], Answer | None]


class ServiceSettings(Protocol):
    """The settings sections `evaluate` reads: the hits the answerer gets, and the answer mode."""

    @property
    def retrieval(self) -> RetrievalSettings: ...

    @property
    def llm(self) -> LLMSettings: ...


class Service(Protocol):
    """What `evaluate` needs of the configuration under test: its parts, built from its settings."""

    @property
    def settings(self) -> ServiceSettings: ...

    @property
    def index(self) -> IndexStore: ...

    @property
    def retriever(self) -> Retriever: ...

    @property
    def extractive(self) -> ExtractiveAnswerer: ...

    def llm(self) -> LLMAnswerer:
        """The LLM answerer; raises `assistant.llm.LLMError` when no model is configured."""
        ...

    def retrieve(self, question: str, *, k: int | None = None) -> tuple[list[Hit], float]:
        """Hits for ``question``, best first, and the milliseconds retrieval took."""
        ...


def evaluate(
    service: Service,
    items: Sequence[TestItem],
    *,
    k_eval: int = K_EVAL,
    progress: Progress | None = None,
    judge: Judge | None = None,
    name: str = DEFAULT_NAME,
    structured: Structured | None = None,
) -> EvalResult:
    """Run every item through ``service`` in its configured retrieval and answer modes.

    Args:
        service: the configuration under test; its index must already be built.
        items: the test items.
        k_eval: chunks retrieved per question for hit@k and MRR (at least ``retrieval.k``).
        progress: receives one `EvalProgress` per item.
        judge: scores non-refused answers with an LLM; None skips it.
        name: the configuration's name in progress events and reports.
        structured: the service's answer from the documents' structure, asked first as its ask does.
    Returns:
        Records and metrics; ``metrics`` is `evals.metrics.aggregate` plus ``n_errors``.
    """
    t_run = time.perf_counter()
    answer_k = service.settings.retrieval.k
    k = max(k_eval, answer_k)
    if items:
        _warm_up(service, items[0].question, k)
    doc_texts: dict[str, str] = {}
    records: list[ItemRecord] = []
    for done, item in enumerate(items, start=1):
        records.append(_evaluate_item(service, item, k, answer_k, judge, doc_texts, structured))
        if progress is not None:
            progress(EvalProgress(name, "eval", done, len(items), item.id))
    overall = metrics.aggregate([r.result for r in records])
    overall["n_errors"] = sum(1 for r in records if r.error)
    judged = [r.judge for r in records if r.judge is not None]
    return EvalResult(
        name=name,
        records=tuple(records),
        metrics=overall,
        judge=summarize(judged) if judge is not None else None,
        elapsed_s=time.perf_counter() - t_run,
    )


def _warm_up(service: Service, question: str, k: int) -> None:
    """Load the embedding model, jieba and the BM25 side before anything is timed."""
    hits, _ = service.retrieve(question, k=k)
    service.retriever.bm25()
    if service.settings.llm.mode == "extractive":
        service.extractive.answer(question, hits[: service.settings.retrieval.k])


def _evaluate_item(
    service: Service,
    item: TestItem,
    k: int,
    answer_k: int,
    judge: Judge | None,
    doc_texts: dict[str, str],
    structured: Structured | None = None,
) -> ItemRecord:
    # A count of table rows is answered over more passages than ``answer_k`` (`Retriever.for_answer`).
    found, retrieve_ms = service.retrieve(item.question, k=max(k, service.retriever.depth(item.question, answer_k)))
    hits = found[:k]
    rank = metrics.first_hit_rank([h.chunk.text for h in hits], item.evidence) if item.answerable else None
    t0 = time.perf_counter()
    try:
        answer = _answer(
            service, item.question, service.retriever.for_answer(item.question, found, answer_k), structured
        )
    except LLMError as exc:
        result = metrics.ItemResult(
            id=item.id,
            answerable=item.answerable,
            refused=False,
            first_hit_rank=rank,
            key_point_recall=0.0 if item.answerable else None,
            retrieve_ms=retrieve_ms,
            answer_ms=(time.perf_counter() - t0) * 1000.0,
        )
        return ItemRecord(item, result, tuple(hits), None, error=str(exc))
    answer_ms = (time.perf_counter() - t0) * 1000.0

    recall: float | None = None
    missing: tuple[str, ...] = ()
    if item.answerable:
        recall = 0.0 if answer.refused else metrics.key_point_recall(answer.text, item.key_points)
        missing = tuple(
            variants[0]
            for variants in item.key_points
            if answer.refused or metrics.key_point_recall(answer.text, [variants]) == 0.0
        )
    quotes = [c.quote for c in answer.citations]
    valid = tuple(metrics.citation_valid(c.quote, _doc_text(service, c.doc_id, doc_texts)) for c in answer.citations)
    supported = item.answerable and metrics.citation_support(quotes, item.evidence)
    result = metrics.ItemResult(
        id=item.id,
        answerable=item.answerable,
        refused=answer.refused,
        first_hit_rank=rank,
        key_point_recall=recall,
        citations_valid=sum(valid),
        citations_total=len(valid),
        supported=supported,
        retrieve_ms=retrieve_ms,
        answer_ms=answer_ms,
        answer=answer.text,
        citations=tuple(quotes),
    )
    score = judge.score(item, answer) if judge is not None and not answer.refused else None
    return ItemRecord(item, result, tuple(hits), answer, valid, missing, score)


def _answer(service: Service, question: str, hits: Sequence[Hit], structured: Structured | None = None) -> Answer:
    """Answer from given hits in the service's configured mode (no second retrieval), unless the documents'
    structure answers the question (what an article says, when a document took effect), as in the service's ask."""
    found = structured(question) if structured is not None else None
    if found is not None:
        return found
    if service.settings.llm.mode == "extractive":
        return service.extractive.answer(question, hits)
    return service.llm().answer(question, hits)


def _doc_text(service: Service, doc_id: str, cache: dict[str, str]) -> str:
    """A document's cleaned text; empty (so every quote is invalid) when it is not in the index."""
    from ingest.store import NotInIndexError

    if doc_id not in cache:
        try:
            cache[doc_id] = service.index.document_text(doc_id)
        except NotInIndexError:
            cache[doc_id] = ""
    return cache[doc_id]
