"""A whole eval run over `Settings`: what `govdoc eval`, the web app's 评测 tab and ``/api/eval`` call.

`run_eval` loads the test set, builds one `GovdocService` per compared configuration, brings
each index up to date with ``data_dir``, runs `evals.run.evaluate` on it, and writes the reports.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from evals import metrics
from evals.judge import Judge
from evals.report import write_reports
from evals.results import EvalResult, EvalRun
from evals.run import EvalProgress, Progress, evaluate
from evals.schema import BUNDLED_TESTSET, TestItem, check_evidence, load_testset
from govdoc.accounts import LOCAL
from govdoc.compare import Combine, EvalConfig, configurations
from govdoc.indexing import ensure_index
from govdoc.service import GovdocService
from govdoc.settings import Settings, with_overrides

if TYPE_CHECKING:
    from govdoc.accounts import Principal
    from ingest.pipeline import ProgressEvent

DEFAULT_OUT_DIR = Path("eval-report")


def _check_size(items: list[TestItem], settings: Settings) -> None:
    """Refuse a test set past ``input.eval_max_items`` items, or with a question past ``input.question_max_chars``
    (the same limit as a question asked on the page): an uploaded set must not cost more than its questions would."""
    limit = settings.input.eval_max_items
    if len(items) > limit:
        raise EvalError(f"测试集共 {len(items)} 题，超过上限 {limit} 题，请拆分后分别评测")
    longest = settings.input.question_max_chars
    for item in items:
        if len(item.question) > longest:
            raise EvalError(f"第 {item.id} 题的问题共 {len(item.question)} 字，超过问题长度上限 {longest} 字")


class EvalError(RuntimeError):
    """An eval run cannot start (e.g. an LLM configuration without endpoint, an empty index)."""


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
        compare: ``AXIS=V1,V2`` specs (see `govdoc.compare`); None or empty runs ``settings`` alone.
        out_dir: where report.json, report.md and metrics.png go; None means ``eval-report/``.
        progress: receives `EvalProgress` events (ingest and per item).
        combine: how several compare specs combine: "product" or "each".
        ingest: bring each index up to date with ``settings.data_dir`` first (an empty index is
            always built).
        judge: let an LLM judge score answers when an LLM is configured.
        write: write the report files.
    Raises:
        evals.schema.TestsetError: a malformed test set line (names file and line).
        govdoc.compare.CompareError: a malformed compare spec.
        EvalError: a configuration cannot run.
        FileNotFoundError: the test set does not exist.
    """
    t0 = time.perf_counter()
    path = Path(testset_path) if testset_path is not None else BUNDLED_TESTSET
    items = load_testset(path)
    _check_size(items, settings)
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
            result = evaluate(
                service,
                items,
                progress=progress,
                judge=judge_model,
                name=config.name,
                structured=partial(service.structured, who=LOCAL),
            )
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
        write_reports(run)
    return run


def evaluate_served(
    service: GovdocService,
    testset: Path | None,
    *,
    who: Principal,
    settings: Settings | None = None,
    compare: Sequence[str] | None = None,
    out_dir: Path | None = None,
    progress: Progress | None = None,
    write: bool = True,
) -> EvalRun:
    """Evaluate the index ``service`` serves (never rebuilt from here) on a test set; administrators only.

    Args:
        service: the running service, whose permissions and audit log the run goes through.
        testset: a JSONL test set; None: the bundled one.
        who: must be an administrator.
        settings: the session's retrieval and answer settings; None: the service's.
        compare, out_dir, progress, write: as for `run_eval`.

    Raises:
        Forbidden: ``who`` is not an administrator.
        EvalError, evals.schema.TestsetError: the run cannot start.
    """
    with service.refusals(who, "eval", testset.name if testset else "内置测试集"):
        service.permissions.check_admin(who, "运行评测")
    service.audit.record(who.name, "eval", testset.name if testset else "内置测试集")
    return run_eval(
        settings or service.settings,
        testset,
        compare=compare,
        out_dir=out_dir,
        progress=progress,
        ingest=False,
        write=write,
    )


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
