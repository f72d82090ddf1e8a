"""The 评测 tab: run the evaluator on the bundled or an uploaded test set; metrics, chart, failed items."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.markup import md_inline
from govdoc.accounts import Principal
from govdoc.permissions import Forbidden
from govdoc.settings import with_overrides
from govdoc.web.filerefs import FileRefError, check_uploaded
from govdoc.web.who import principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

log = logging.getLogger("govdoc.web")

COMPARE_SPEC = "retrieval=bm25,dense,hybrid"


def metric_rows(
    per_config: Mapping[str, Mapping[str, Any]], labels: Mapping[str, str] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """The metrics table: one row per metric, one column per configuration (数值 when only one).

    Args:
        per_config: configuration name -> metric key -> value.
        labels: metric key -> Chinese label (keys without one are shown as they are).
    """
    labels = labels or {}
    configs = list(per_config)
    keys: list[str] = []
    for metrics in per_config.values():
        keys += [key for key in metrics if key not in keys]
    headers = ["指标", *(configs if len(configs) > 1 else ["数值"])]
    rows = [[labels.get(key, key), *[_fmt(per_config[c].get(key)) for c in configs]] for key in keys]
    return headers, rows


FAILED_HEADERS = {
    "config": "配置",
    "id": "编号",
    "question": "问题",
    "reasons": "未通过原因",
    "expected": "应含要点",
    "answer": "回答",
    "citations": "引用",
}


def failed_rows(items: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """The failed items as a table: columns are the items' keys (first seen order), named in Chinese."""
    columns: list[str] = []
    for item in items:
        columns += [key for key in item if key not in columns]
    headers = [FAILED_HEADERS.get(c, c) for c in columns]
    return headers, [[_fmt(item.get(c)) for c in columns] for item in items]


def _fmt(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, (list, tuple)):
        return "；".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return "；".join(f"{k}: {v}" for k, v in value.items())
    return value


def run_evaluation(
    service: GovdocService,
    who: Principal,
    testset: str | None,
    compare: bool,
    retrieval: str,
    k: float,
    mode: str,
    progress: Any = lambda *a, **k: None,
) -> tuple[str, Any, Any, Any, str]:
    """Run the evaluator with the session's settings; returns (summary, metrics, chart, failed items, report).

    Args:
        service: evaluates its index (``service.settings`` with the session's retrieval mode, k and
            answer mode); ``who`` must be an administrator.
        testset: an uploaded JSONL test set; None: the bundled one.
        compare: also compare the three retrieval modes.
    """
    hidden = gr.update(visible=False)
    settings = service.settings
    if testset is not None and os.path.getsize(testset) > settings.ui.upload_max_mb * 1024 * 1024:
        return f"测试集文件过大，上限为 {settings.ui.upload_max_mb:g} MB。", hidden, hidden, hidden, ""
    from evals.report import LABELS
    from evals.run import EvalProgress
    from govdoc.evaluation import evaluate_served
    session = with_overrides(settings, retrieval={"mode": retrieval, "k": int(k)}, llm={"mode": mode})
    out_dir = Path(tempfile.mkdtemp(prefix="govdoc-eval-"))

    def on_progress(event: EvalProgress) -> None:
        if event.total:
            stage = "准备索引" if event.stage == "ingest" else "评测"
            progress((event.done, event.total), desc=f"{event.config}：{stage} {event.done}/{event.total}")

    try:
        run = evaluate_served(
            service,
            Path(testset) if testset else None,
            who=who,
            settings=session,
            compare=[COMPARE_SPEC] if compare else None,
            out_dir=out_dir,
            progress=on_progress,
        )
    except Forbidden as exc:
        return exc.message, hidden, hidden, hidden, ""
    except Exception as exc:  # shown on the page; the log keeps the trace
        log.exception("evaluation failed")
        return f"评测时出错：{md_inline(exc)}", hidden, hidden, hidden, ""
    headers, rows = metric_rows(run.per_config, LABELS)
    failed_headers, failed = failed_rows(run.failed_items)
    chart = str(run.chart_path) if run.chart_path.is_file() else None
    report = run.report_md.read_text(encoding="utf-8") if run.report_md.is_file() else ""
    lines = [f"评测完成：{len(run.results)} 种配置，未通过 {len(failed)} 条，用时 {run.elapsed_s:.1f} 秒。"]
    lines += [f"- {md_inline(w)}" for w in [run.judge_note, *run.warnings] if w]
    return (
        "\n".join(lines),
        gr.update(value=rows, headers=headers, visible=True),
        gr.update(value=chart, visible=chart is not None),
        gr.update(value=failed, headers=failed_headers, visible=bool(failed)),
        report,
    )


def build_evaluate_tab(service: GovdocService, settings: Settings, session_inputs: list[Any]) -> None:
    """The 评测 tab's components and events; ``session_inputs`` are the settings panel's components."""
    gr.Markdown("用测试集检验回答质量：检索命中、要点覆盖、拒答是否恰当、引用是否可核对。使用本页的检索与回答设置。")
    with gr.Row():
        testset = gr.File(
            label="测试集（JSONL，可不选：默认用内置测试集）",
            file_types=[".jsonl"],
            type="filepath",
            elem_id="gd-eval-file",
        )
        with gr.Column():
            compare = gr.Checkbox(label="同时对比三种检索方式（BM25 / 向量 / 混合）", value=False)
            run = gr.Button("运行评测", variant="primary", elem_id="gd-eval-run")
            summary = gr.Markdown("", elem_id="gd-eval-summary")
    # Hidden until there are results: an empty table would show placeholder column numbers.
    metrics = gr.Dataframe(label="指标", interactive=False, visible=False, elem_id="gd-eval-metrics")
    chart = gr.Image(label="图表", type="filepath", interactive=False, visible=False, elem_id="gd-eval-chart")
    failed = gr.Dataframe(
        label="未通过的题目", interactive=False, wrap=True, visible=False, elem_id="gd-eval-failed"
    )
    with gr.Accordion("完整报告", open=False):
        report = gr.Markdown("")

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def on_run(
        testset: str | None,
        compare: bool,
        retrieval: str,
        k: float,
        mode: str,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
    ) -> tuple[str, Any, Any, Any, str]:
        return _run_event(service, settings, testset, compare, retrieval, k, mode, request, progress)
    run.click(
        on_run,
        [testset, compare, *session_inputs],
        [summary, metrics, chart, failed, report],
        concurrency_limit=1,
        concurrency_id="eval",
        api_visibility="private",
    )


def _run_event(
    service: GovdocService,
    settings: Settings,
    testset: str | None,
    compare: bool,
    retrieval: str,
    k: float,
    mode: str,
    request: gr.Request,
    progress: Any,
) -> tuple[str, Any, Any, Any, str]:
    who = principal(service, request)
    if testset is not None:
        try:
            testset = str(check_uploaded(testset))
        except FileRefError as exc:
            hidden = gr.update(visible=False)
            return str(exc), hidden, hidden, hidden, ""
    return run_evaluation(service, who, testset, compare, retrieval, k, mode, progress)
