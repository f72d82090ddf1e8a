"""The eval runner: every test item through retrieval and answering, scored by `evals.metrics`.

`evaluate` runs one configuration (one `GovdocService`); `run_eval` is what the CLI, the web
app and the API call: it loads the test set, builds one service per compared configuration,
brings each index up to date with ``data_dir``, evaluates, and writes the reports.

Per item, retrieval runs once (top ``k_eval`` for hit@k and MRR@10) and is timed on its own;
the answerer then gets the first ``settings.retrieval.k`` of those hits and is timed apart.
Those are the hits `GovdocService.ask` would hand it, as long as ``retrieval.candidates`` is at
least ``k_eval`` (each side of hybrid retrieval takes max(candidates, k) before fusion).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.llm import LLMError
from assistant.types import Answer, Hit
from evals import metrics
from evals.compare import DEFAULT_NAME, Combine, EvalConfig, configurations
from evals.judge import Judge, JudgeScore, summarize
from evals.schema import BUNDLED_TESTSET, TestItem, check_evidence, load_testset
from govdoc.service import GovdocService
from govdoc.settings import Settings, with_overrides

if TYPE_CHECKING:
    from ingest.pipeline import ProgressEvent

DEFAULT_OUT_DIR = Path("eval-report")
K_EVAL = 10
HIT_CUTOFF = 5  # an answerable item with no evidence in the top 5 counts as failed


class EvalError(RuntimeError):
    """An eval run cannot start (e.g. an LLM configuration without endpoint, an empty index)."""


@dataclass(frozen=True)
class EvalProgress:
    """One step of an eval run: ingest of a configuration's index, or one item evaluated."""

    config: str
    stage: Literal["ingest", "eval"]
    done: int
    total: int
    detail: str = ""  # the item id, or what happened to an ingested file


Progress = Callable[[EvalProgress], None]


@dataclass(frozen=True)
class ItemRecord:
    """What one test item produced under one configuration, with what reports show of it."""

    item: TestItem
    result: metrics.ItemResult
    hits: tuple[Hit, ...]  # the top k_eval retrieved, best first
    answer: Answer | None  # None when answering failed (see error)
    citations_ok: tuple[bool, ...] = ()  # per citation: quote verbatim in its document
    missing_key_points: tuple[str, ...] = ()  # canonical form of each key point not in the answer
    judge: JudgeScore | None = None
    error: str = ""

    @property
    def failures(self) -> tuple[str, ...]:
        """Why the item counts as failed (empty when it passed), in Chinese."""
        r = self.result
        out: list[str] = []
        if self.error:
            out.append(f"出错：{self.error}")
        if r.answerable:
            if r.first_hit_rank is None or r.first_hit_rank > HIT_CUTOFF:
                out.append(f"检索前 {HIT_CUTOFF} 条中没有证据")
            if r.refused:
                out.append("误拒答")
            elif (r.key_point_recall or 0.0) < 1.0 and not self.error:
                out.append(f"要点缺失：{'；'.join(self.missing_key_points)}")
        elif not r.refused:
            out.append("应拒答却作答")
        invalid = r.citations_total - r.citations_valid
        if invalid:
            out.append(f"{invalid} 条引用未在原文中逐字出现")
        return tuple(out)


@dataclass(frozen=True)
class EvalResult:
    """One configuration's run: per-item records, deterministic metrics, and the judge's apart."""

    name: str
    records: tuple[ItemRecord, ...]
    metrics: dict[str, float | int | None]
    judge: dict[str, float | int | None] | None = None  # None: the judge did not run
    overrides: dict[str, Any] | None = None
    elapsed_s: float = 0.0

    @property
    def failed(self) -> list[ItemRecord]:
        """Records with at least one failure reason, in test set order."""
        return [r for r in self.records if r.failures]


@dataclass(frozen=True)
class EvalRun:
    """A whole eval run (one or several configurations) and where its reports were written.

    ``results`` holds each configuration's records; the properties give the plain views that
    the CLI, the web page and the API show.
    """

    testset: Path
    results: dict[str, EvalResult]
    compared: bool
    judge_note: str
    warnings: tuple[str, ...]
    elapsed_s: float
    out_dir: Path

    @property
    def per_config(self) -> dict[str, dict[str, Any]]:
        """Configuration name -> its metrics (deterministic ones, plus ``llm_judge`` when judged)."""
        out: dict[str, dict[str, Any]] = {}
        for name, result in self.results.items():
            values: dict[str, Any] = dict(result.metrics)
            if result.judge is not None:
                values["llm_judge"] = dict(result.judge)
            out[name] = values
        return out

    @property
    def overall(self) -> dict[str, Any]:
        """The ``govdoc eval --json`` object: the metrics, or {config: metrics} when comparing."""
        per_config = self.per_config
        if not self.compared and len(per_config) == 1:
            return next(iter(per_config.values()))
        return per_config

    @property
    def failed_items(self) -> list[dict[str, Any]]:
        """Every failed item of every configuration as a flat row (config, id, question, reasons…)."""
        rows = []
        for name, result in self.results.items():
            for record in result.failed:
                answer = record.answer
                rows.append(
                    {
                        "config": name,
                        "id": record.item.id,
                        "question": record.item.question,
                        "reasons": list(record.failures),
                        "expected": ["/".join(v) for v in record.item.key_points] or ["（应拒答）"],
                        "answer": answer.text if answer is not None else f"（出错）{record.error}",
                        "citations": [
                            f"[{c.n}]《{c.doc_title}》{c.quote}" + ("" if ok else "（未在原文中找到）")
                            for c, ok in zip(answer.citations, record.citations_ok)
                        ]
                        if answer is not None
                        else [],
                    }
                )
        return rows

    @property
    def report_json(self) -> Path:
        return self.out_dir / "report.json"

    @property
    def report_md(self) -> Path:
        return self.out_dir / "report.md"

    @property
    def chart_path(self) -> Path:
        return self.out_dir / "metrics.png"

    def to_json(self) -> dict[str, Any]:
        """A JSON summary for the HTTP API: metrics, failed items, notes and report paths."""
        return {
            "testset": str(self.testset),
            "configs": list(self.results),
            "overall": self.overall,
            "failed_items": self.failed_items,
            "llm_judge_note": self.judge_note,
            "warnings": list(self.warnings),
            "elapsed_s": round(self.elapsed_s, 2),
            "reports": {"json": str(self.report_json), "markdown": str(self.report_md), "chart": str(self.chart_path)},
        }


def evaluate(
    service: GovdocService,
    items: Sequence[TestItem],
    *,
    k_eval: int = K_EVAL,
    progress: Progress | None = None,
    judge: Judge | None = None,
    name: str = DEFAULT_NAME,
) -> EvalResult:
    """Run every item through ``service`` in its configured retrieval and answer modes.

    Args:
        service: the configuration under test; its index must already be built.
        items: the test items.
        k_eval: chunks retrieved per question for hit@k and MRR (at least ``retrieval.k``).
        progress: receives one `EvalProgress` per item.
        judge: scores non-refused answers with an LLM; None skips it.
        name: the configuration's name in progress events and reports.
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
        records.append(_evaluate_item(service, item, k, answer_k, judge, doc_texts))
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


def _warm_up(service: GovdocService, question: str, k: int) -> None:
    """Load the embedding model, jieba and the BM25 side before anything is timed."""
    hits, _ = service.retrieve(question, k=k)
    service.retriever.bm25()
    if service.settings.llm.mode == "extractive":
        service.extractive.answer(question, hits[: service.settings.retrieval.k])


def _evaluate_item(
    service: GovdocService,
    item: TestItem,
    k: int,
    answer_k: int,
    judge: Judge | None,
    doc_texts: dict[str, str],
) -> ItemRecord:
    hits, retrieve_ms = service.retrieve(item.question, k=k)
    rank = metrics.first_hit_rank([h.chunk.text for h in hits], item.evidence) if item.answerable else None
    t0 = time.perf_counter()
    try:
        answer = _answer(service, item.question, hits[:answer_k])
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


def _answer(service: GovdocService, question: str, hits: Sequence[Hit]) -> Answer:
    """Answer from given hits in the service's configured mode (no second retrieval)."""
    if service.settings.llm.mode == "extractive":
        return service.extractive.answer(question, hits)
    return service.llm().answer(question, hits)  # type: ignore[no-any-return]


def _doc_text(service: GovdocService, doc_id: str, cache: dict[str, str]) -> str:
    """A document's cleaned text; empty (so every quote is invalid) when it is not in the index."""
    from ingest.store import NotInIndexError

    if doc_id not in cache:
        try:
            cache[doc_id] = service.index.document_text(doc_id)
        except NotInIndexError:
            cache[doc_id] = ""
    return cache[doc_id]


# -- a whole run ---------------------------------------------------------------------------------


def run_eval(
    settings: Settings,
    testset_path: str | Path | None = None,
    compare: Sequence[str] | None = None,
    out_dir: str | Path | None = None,
    progress: Progress | None = None,
    *,
    combine: Combine = "product",
    ingest: bool = True,
    judge: bool = True,
    write: bool = True,
) -> EvalRun:
    """Evaluate one configuration, or compare several, and write the reports.

    Args:
        settings: the base settings.
        testset_path: a JSONL test set; None means the bundled ``evals/testset.jsonl``.
        compare: ``AXIS=V1,V2`` specs (see `evals.compare`); None or empty runs ``settings`` alone.
        out_dir: where report.json, report.md and metrics.png go; None means ``eval-report/``.
        progress: receives `EvalProgress` events (ingest and per item).
        combine: how several compare specs combine: "product" or "each".
        ingest: bring each index up to date with ``settings.data_dir`` first (an empty index is
            always built).
        judge: let an LLM judge score answers when an LLM is configured.
        write: write the report files.
    Raises:
        evals.schema.TestsetError: a malformed test set line (names file and line).
        evals.compare.CompareError: a malformed compare spec.
        EvalError: a configuration cannot run.
        FileNotFoundError: the test set does not exist.
    """
    t0 = time.perf_counter()
    path = Path(testset_path) if testset_path is not None else BUNDLED_TESTSET
    items = load_testset(path)
    configs = [_for_eval(c) for c in configurations(settings, list(compare or []), combine)]
    for config in configs:
        _check_runnable(config)
    judge_model, judge_note = _judge(settings, judge)
    warnings: list[str] = []
    prepared: set[tuple[str, str]] = set()
    results: dict[str, EvalResult] = {}
    for config in configs:
        service = GovdocService(config.settings)
        try:
            key = (service.index.embedder_name, str(service.index.root))
            if key not in prepared:
                prepared.add(key)
                _prepare_index(service, config.name, ingest, progress)
                warnings.extend(_evidence_problems(service, items, config.name))
            result = evaluate(service, items, progress=progress, judge=judge_model, name=config.name)
        finally:
            service.close()
        results[config.name] = EvalResult(
            result.name, result.records, result.metrics, result.judge, config.overrides, result.elapsed_s
        )
    run = EvalRun(
        testset=path,
        results=results,
        compared=bool(compare),
        judge_note=judge_note,
        warnings=tuple(warnings),
        elapsed_s=time.perf_counter() - t0,
        out_dir=Path(out_dir) if out_dir is not None else DEFAULT_OUT_DIR,
    )
    if write:
        from evals.report import write_reports

        write_reports(run)
    return run


def _for_eval(config: EvalConfig) -> EvalConfig:
    """An LLM configuration without extractive fallback: a failed call is an error, not an extractive answer."""
    if config.settings.llm.mode == "extractive" or not config.settings.llm.fallback_extractive:
        return config
    settings = with_overrides(config.settings, llm={"fallback_extractive": False})
    return EvalConfig(config.name, settings, config.overrides)


def _check_runnable(config: EvalConfig) -> None:
    llm = config.settings.llm
    if llm.mode == "openai" and not llm.base_url:
        raise EvalError(
            f"配置 {config.name} 使用 openai 回答模式，但没有设置 llm.base_url"
            "（环境变量 GOVDOC_LLM__BASE_URL 或配置文件）"
        )


def _judge(settings: Settings, wanted: bool) -> tuple[Judge | None, str]:
    if not wanted:
        return None, "已按要求跳过 LLM 评审（--no-judge）"
    judge = Judge.from_settings(settings.llm)
    if judge is None:
        return None, "未配置大模型（llm.mode 为 extractive 且没有 llm.base_url），已跳过 LLM 评审"
    return judge, "LLM 评审已运行：分数是大模型的判断，不是确定性指标"


def _prepare_index(service: GovdocService, name: str, ingest: bool, progress: Progress | None) -> None:
    """Bring the service's index up to date with data_dir; build it when empty even without ``ingest``."""
    from govdoc.services import ensure_index

    def forward(event: ProgressEvent) -> None:
        if progress is None:
            return
        if event.kind == "file_done":
            detail = f"已入库 {event.file}（{event.total} 个片段）"
        elif event.kind == "file_error":
            detail = f"未入库 {event.file}：{event.reason}"
        else:
            return
        progress(EvalProgress(name, "ingest", event.file_index, event.file_count, detail))

    settings = service.settings
    if ingest:
        report = ensure_index(settings, forward, index=service.index, embedder=service.embedder)
    elif service.index.chunk_count() == 0:
        report = service.ingest([settings.data_dir], progress=forward)
    else:
        return
    if service.index.chunk_count() == 0:
        errors = "；".join(f"{e['file']}：{e['reason']}" for e in report.errors)
        raise EvalError(f"配置 {name} 的索引为空：{settings.data_dir} 中没有可导入的文件{('（' + errors + '）') if errors else ''}")


def _evidence_problems(service: GovdocService, items: Sequence[TestItem], name: str) -> list[str]:
    """Evidence quotes not found in the indexed documents (the index does not match the test set)."""
    texts = {d.title: service.index.document_text(d.doc_id) for d in service.index.documents()}
    problems = check_evidence(items, texts, normalize=metrics.normalize)
    return [f"[{name}] {p}" for p in problems]
