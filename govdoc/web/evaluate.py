"""The 评测 tab: run the evaluator on the bundled or an uploaded test set; metrics, chart, failed items."""

from __future__ import annotations

import importlib.util
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.settings import with_overrides

if TYPE_CHECKING:
    from govdoc.settings import Settings

log = logging.getLogger("govdoc.web")

NOT_READY = "评测功能尚未就绪：此版本的 govdoc 还没有评测模块（evals/run.py）。"
COMPARE_MODES = ["bm25", "dense", "hybrid"]


def evaluation_available() -> bool:
    """Whether evals/run.py is installed."""
    return importlib.util.find_spec("evals.run") is not None


def metric_rows(overall: Mapping[str, Any], per_config: Any = None) -> tuple[list[str], list[list[Any]]]:
    """The metrics table: one row per configuration when several were compared, else one per metric."""
    if isinstance(per_config, Mapping) and len(per_config) > 1:
        names = sorted({key for metrics in per_config.values() for key in metrics})
        rows = [[config, *[_fmt(metrics.get(n)) for n in names]] for config, metrics in per_config.items()]
        return ["配置", *names], rows
    return ["指标", "数值"], [[name, _fmt(value)] for name, value in overall.items()]


def failed_rows(items: Sequence[Any]) -> tuple[list[str], list[list[Any]]]:
    """The failed items as a table whose columns are the items' keys (first item's order)."""
    dicts = [item if isinstance(item, Mapping) else getattr(item, "__dict__", {"item": item}) for item in items]
    columns: list[str] = []
    for item in dicts:
        columns += [key for key in item if key not in columns]
    return columns, [[_fmt(item.get(c)) for c in columns] for item in dicts]


def _fmt(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, (list, tuple)):
        return "；".join(str(v) for v in value)
    if isinstance(value, Mapping):
        return "；".join(f"{k}: {v}" for k, v in value.items())
    return value


def run_evaluation(
    settings: Settings,
    testset: str | None,
    compare: bool,
    retrieval: str,
    k: float,
    mode: str,
    progress: Any = lambda *a, **k: None,
) -> tuple[str, Any, Any, Any, str]:
    """Run the evaluator with the session's settings; returns (summary, metrics, chart, failed items, report).

    Args:
        settings: the app settings; the session's retrieval mode, k and answer mode override them.
        testset: an uploaded JSONL test set; None: the bundled one.
        compare: also compare the three retrieval modes.
    """
    empty = gr.update(value=None)
    if not evaluation_available():
        return NOT_READY, empty, empty, empty, ""
    if testset is not None and os.path.getsize(testset) > settings.ui.upload_max_mb * 1024 * 1024:
        return f"测试集文件过大，上限为 {settings.ui.upload_max_mb:g} MB。", empty, empty, empty, ""
    from evals.run import run_eval

    session = with_overrides(settings, retrieval={"mode": retrieval, "k": int(k)}, llm={"mode": mode})
    out_dir = Path(tempfile.mkdtemp(prefix="govdoc-eval-"))

    def on_progress(*args: Any, **kwargs: Any) -> None:
        done, total = (args + (None, None))[:2]
        if isinstance(done, int) and isinstance(total, int) and total:
            progress((done, total), desc="评测中")

    try:
        run = run_eval(
            session,
            testset_path=Path(testset) if testset else None,
            compare=COMPARE_MODES if compare else None,
            out_dir=out_dir,
            progress=on_progress,
        )
    except Exception as exc:  # shown on the page; the log keeps the trace
        log.exception("evaluation failed")
        return f"评测时出错：{exc}", empty, empty, empty, ""
    headers, rows = metric_rows(run.overall, getattr(run, "per_config", None))
    failed_headers, failed = failed_rows(list(run.failed_items or []))
    chart = str(run.chart_path) if getattr(run, "chart_path", None) else None
    summary = f"评测完成：{len(failed)} 条未通过。" if failed else "评测完成：全部通过。"
    return (
        summary,
        gr.update(value=rows, headers=headers),
        gr.update(value=chart),
        gr.update(value=failed, headers=failed_headers or ["（无）"]),
        run.report_md or "",
    )


def build_evaluate_tab(settings: Settings, session_inputs: list[Any]) -> None:
    """The 评测 tab's components and events; ``session_inputs`` are the settings panel's components."""
    if not evaluation_available():
        gr.Markdown(f"> {NOT_READY}", elem_id="gd-eval-not-ready")
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
    metrics = gr.Dataframe(label="指标", interactive=False, elem_id="gd-eval-metrics")
    chart = gr.Image(label="图表", type="filepath", interactive=False, elem_id="gd-eval-chart")
    failed = gr.Dataframe(label="未通过的题目", interactive=False, wrap=True, elem_id="gd-eval-failed")
    with gr.Accordion("完整报告", open=False):
        report = gr.Markdown("")
    run.click(
        partial(_run_event, settings),
        [testset, compare, *session_inputs],
        [summary, metrics, chart, failed, report],
        concurrency_limit=1,
        concurrency_id="eval",
        api_visibility="private",
    )


def _run_event(
    settings: Settings,
    testset: str | None,
    compare: bool,
    retrieval: str,
    k: float,
    mode: str,
    progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
) -> tuple[str, Any, Any, Any, str]:
    return run_evaluation(settings, testset, compare, retrieval, k, mode, progress)
