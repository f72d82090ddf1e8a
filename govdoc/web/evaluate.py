"""The 评测 tab: run the evaluator on the bundled or an uploaded test set; each result in words with its
goal and a 达标 / 未达标 verdict (误拒 apart), and the failed items in full."""

from __future__ import annotations

import html
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.markup import md_inline
from govdoc.accounts import Principal
from govdoc.permissions import Forbidden
from govdoc.settings import with_overrides
from govdoc.web import render
from govdoc.web.filerefs import FileRefError, check_uploaded
from govdoc.web.who import principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

log = logging.getLogger("govdoc.web")

COMPARE_SPEC = "retrieval=bm25,dense,hybrid"
CONFIG_LABELS = {"default": "本页当前设置", "bm25": "按词语检索", "dense": "按意思检索", "hybrid": "综合检索"}
FAILED_SHOWN = 200  # the page lists this many failed items; the report file holds them all


@dataclass(frozen=True)
class Figure:
    """One result in words: the sentence, its goal in words ("" when it has none) and whether it was met."""

    text: str
    goal: str = ""
    met: bool | None = None


def _pct(value: float) -> str:
    return f"{value * 100:.1f}%".replace(".0%", "%")


def figures(metrics: Mapping[str, Any]) -> tuple[list[Figure], list[Figure], list[Figure]]:
    """A configuration's metrics as sentences a non-engineer reads: (what should be high, the false
    refusals, the rest without a goal). Metrics the run has no items for are left out."""
    from evals.targets import TARGETS

    answerable = int(metrics.get("n_answerable") or 0)
    unanswerable = int(metrics.get("n_unanswerable") or 0)

    def figure(key: str, text: str) -> Figure | None:
        value = metrics.get(key)
        if value is None:
            return None
        target = TARGETS.get(key)
        if target is None:
            return Figure(text.format(_pct(value)))
        bound = "不低于" if target.kind == "min" else "不高于"
        goal = "全部做到" if target.kind == "min" and target.value >= 1 else f"{bound} {_pct(target.value)}"
        return Figure(text.format(_pct(value)), f"目标：{goal}", target.met(value))

    main = [
        figure("hit@5", f"{answerable} 道能回答的题，{{}} 在检索到的前 5 段资料中找到了依据"),
        figure("key_point_recall", f"{answerable} 道能回答的题，答对要点 {{}}"),
        figure("refusal_accuracy", f"{unanswerable} 道资料中没有答案的题，{{}} 如实回答了“资料中未找到”"),
        figure("citation_validity", "回答中的引用，{} 与原文逐字一致"),
    ]
    wrong = metrics.get("false_refusal_rate")
    count = round(wrong * answerable) if wrong is not None else 0
    refusals = [
        figure("false_refusal_rate", f"{answerable} 道能回答的题，有 {count} 道被误答成“资料中未找到”，占 {{}}")
    ]
    rest = [figure("citation_support", "答出的题中，{} 的引用包含应有的依据原文")]
    p50 = _sum(metrics.get("retrieve_ms_p50"), metrics.get("answer_ms_p50"))
    p95 = _sum(metrics.get("retrieve_ms_p95"), metrics.get("answer_ms_p95"))
    if p50 is not None and p95 is not None:
        rest.append(Figure(f"一半的题在 {p50:.0f} 毫秒内答完，95% 的题在 {p95:.0f} 毫秒内答完"))
    errors = int(metrics.get("n_errors") or 0)
    if errors:
        rest.append(Figure(f"{errors} 道题在评测时出错，没有得到回答"))
    return [f for f in main if f], [f for f in refusals if f], [f for f in rest if f]


def _sum(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a + b


def figures_html(per_config: Mapping[str, Mapping[str, Any]]) -> str:
    """Every configuration's figures as cards: the sentence, the goal and a 达标 / 未达标 verdict."""
    parts: list[str] = []
    for name, metrics in per_config.items():
        main, refusals, rest = figures(metrics)
        judged = [f for f in (*main, *refusals) if f.met is not None]
        passed = sum(bool(f.met) for f in judged)
        title = CONFIG_LABELS.get(name, name)
        heading = f"{title}：{len(judged)} 项有目标的指标中 {passed} 项达标" if judged else title
        parts.append(f'<h3 class="gd-eval-config">{html.escape(heading)}</h3>')
        parts.append(_cards(main))
        if refusals:
            parts.append('<h4 class="gd-eval-group">误拒（能回答却说“未找到”，越低越好）</h4>' + _cards(refusals))
        if rest:
            parts.append('<h4 class="gd-eval-group">其他参考（没有目标）</h4>' + _cards(rest))
    return f'<div class="gd-eval">{"".join(parts)}</div>'


def _cards(items: Sequence[Figure]) -> str:
    cards = []
    for f in items:
        if f.met is None:
            verdict = ""
        elif f.met:
            verdict = '<span class="gd-verdict gd-pass">达标</span>'
        else:
            verdict = '<span class="gd-verdict gd-fail">未达标</span>'
        goal = f'<div class="gd-goal">{html.escape(f.goal)}</div>' if f.goal else ""
        state = "" if f.met is None else (" gd-figure-pass" if f.met else " gd-figure-fail")
        cards.append(f'<div class="gd-figure{state}"><div class="gd-figure-text">{html.escape(f.text)}</div>{goal}{verdict}</div>')
    return f'<div class="gd-figures">{"".join(cards)}</div>'


def failed_html(items: Sequence[Mapping[str, Any]], several: bool) -> str:
    """The failed items in full, one card each: question, why it failed, what was expected, the whole
    answer and its citations (nothing cut off). ``several``: name each item's configuration."""
    if not items:
        return '<p class="gd-empty">没有未通过的题目。</p>'
    cards = []
    for item in items[:FAILED_SHOWN]:
        where = f"{CONFIG_LABELS.get(item.get('config', ''), item.get('config', ''))} · " if several else ""
        rows = [
            ("未通过原因", "；".join(item.get("reasons", []))),
            ("应含要点", "；".join(item.get("expected", []))),
            ("实际回答", str(item.get("answer", ""))),
        ]
        body = "".join(f"<dt>{k}</dt><dd>{render.text_html(v)}</dd>" for k, v in rows)
        cites = item.get("citations") or []
        if cites:
            body += "<dt>引用</dt><dd><ul>" + "".join(f"<li>{render.text_html(c)}</li>" for c in cites) + "</ul></dd>"
        # The item's id (an engineer's label) stays out of the text and the tooltips, in an attribute for
        # whoever edits the set.
        cards.append(
            f'<div class="gd-failed" data-item="{html.escape(str(item.get("id", "")))}"><div class="gd-failed-q">'
            f'{html.escape(where)}{html.escape(str(item.get("question", "")))}</div><dl>{body}</dl></div>'
        )
    more = ""
    if len(items) > FAILED_SHOWN:
        more = f'<p class="gd-note">共 {len(items)} 道未通过，这里列出前 {FAILED_SHOWN} 道；全部见下载的完整报告。</p>'
    return "".join(cards) + more


def run_evaluation(
    service: GovdocService,
    who: Principal,
    testset: str | None,
    compare: bool,
    retrieval: str,
    k: float,
    mode: str,
    progress: Any = lambda *a, **k: None,
) -> tuple[str, Any, Any, Any]:
    """Run the evaluator with the session's settings; returns (summary, figures, failed items, report file).

    Args:
        service: evaluates its index (``service.settings`` with the session's retrieval mode, k and
            answer mode); ``who`` must be an administrator.
        testset: an uploaded JSONL test set; None: the bundled one.
        compare: also compare the three retrieval modes.
    """
    hidden = gr.update(visible=False)
    settings = service.settings
    if testset is not None and os.path.getsize(testset) > settings.ui.upload_max_bytes():
        return f"测试集文件过大，上限为 {settings.ui.upload_max_mb:g} MB。", hidden, hidden, hidden
    from evals.run import EvalProgress
    from govdoc.evaluation import evaluate_served
    session = with_overrides(settings, retrieval={"mode": retrieval, "k": int(k)}, llm={"mode": mode})
    out_dir = Path(tempfile.mkdtemp(prefix="govdoc-eval-"))

    def on_progress(event: EvalProgress) -> None:
        if event.total:
            stage = "正在整理资料" if event.stage == "ingest" else "正在评测"
            where = f"{CONFIG_LABELS.get(event.config, event.config)}：" if compare else ""
            progress((event.done, event.total), desc=f"{where}{stage}", unit="题")

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
        return exc.message, hidden, hidden, hidden
    except Exception as exc:  # shown on the page; the log keeps the trace
        log.exception("evaluation failed")
        return f"评测时出错：{md_inline(exc)}", hidden, hidden, hidden
    failed = run.failed_items
    first = next(iter(run.per_config.values()), {})
    source = "内置测试集" if testset is None else "上传的测试集"
    lines = [
        f"评测完成：{source}共 {first.get('n_items', 0)} 道题（{first.get('n_answerable', 0)} 道能回答，"
        f"{first.get('n_unanswerable', 0)} 道资料中没有答案），未通过 {len(failed)} 道，用时 {run.elapsed_s:.1f} 秒。"
    ]
    if any(result.judge is None for result in run.results.values()):
        lines.append("- 这次只做了自动核对（要点、拒答、引用是否逐字一致），没有请大模型逐题评审。")
    for warning in filter(None, run.warnings):
        for name in run.results:  # warnings name the configuration as [name]
            warning = warning.replace(f"[{name}]", f"（{CONFIG_LABELS.get(name, name)}）")
        lines.append(f"- {md_inline(warning)}")
    report = run.report_md if run.report_md.is_file() else None
    return (
        "\n".join(lines),
        gr.update(value=figures_html(run.per_config), visible=True),
        gr.update(value=failed_html(failed, len(run.results) > 1), visible=True),
        gr.update(value=str(report) if report else None, visible=report is not None),
    )


def tab_for(who: Principal) -> Any:
    """The 评测 tab is an administrator's: the server refuses anyone else's run, and a teacher who opened it
    met test sets and ways of searching, words of no use to them (found by hand)."""
    return gr.update(visible=who.is_admin)


@dataclass(frozen=True)
class EvaluateTab:
    """The tab's feedback list, which the page fills when the tab is opened (`show_feedback`)."""

    feedback: gr.HTML
    show_feedback: Any  # (browser state, request) -> the list's HTML
    browser: Any


def build_evaluate_tab(
    service: GovdocService, settings: Settings, session_inputs: list[Any], browser: Any
) -> EvaluateTab:
    """The 评测 tab's components and events; ``session_inputs`` are the settings panel's components,
    ``browser`` the chat's browser state (whose feedback a page without accounts lists)."""
    from govdoc.web.feedback import feedback_list_html
    gr.Markdown(
        "用一组已知答案的题目检验回答质量：能否找到依据、要点是否答全、资料中没有的是否如实说“未找到”、"
        "引用是否与原文一致。检索与回答方式沿用问答页“检索与回答设置”中的选择。"
    )
    with gr.Row(elem_id="gd-eval-runner"):
        testset = gr.File(
            label="测试集文件（可不选：默认用内置测试集；也可用问答页“下载我的测试集”得到的文件）",
            file_types=[".jsonl"],
            type="filepath",
            elem_id="gd-eval-file",
        )
        with gr.Column():
            compare = gr.Checkbox(label="同时对比三种检索方式（按词语 / 按意思 / 综合）", value=False)
            run = gr.Button("运行评测", variant="primary", elem_id="gd-eval-run")
            summary = gr.Markdown("", elem_id="gd-eval-summary")
    # Hidden until there are results.
    shown = gr.HTML("", visible=False, elem_id="gd-eval-figures")
    # Hidden until a run has results: an empty section titled for them would be all a reader ever sees.
    with gr.Accordion("未通过的题目（完整内容）", open=True, visible=False, elem_id="gd-eval-failed-box") as failed_box:
        failed = gr.HTML("", visible=False, elem_id="gd-eval-failed")
    report = gr.DownloadButton("下载完整报告（供技术人员查看）", visible=False, size="sm", elem_id="gd-eval-report")
    gr.Markdown(
        "### 用户反馈\n问答页上对回答的评价。“没帮助”的回答可在问答页的反馈栏中，"
        "连同正确答案和原文依据加入测试集；管理员可看到所有人的反馈。"
    )
    feedback = gr.HTML("", elem_id="gd-feedback-list")
    reload = gr.Button("刷新反馈列表", size="sm", elem_id="gd-feedback-refresh")

    def show_feedback(state: dict[str, Any] | None, request: gr.Request) -> str:
        return feedback_list_html(service, principal(service, request), str((state or {}).get("id", "")))

    reload.click(show_feedback, [browser], [feedback], api_visibility="private")

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def on_run(
        testset: str | None,
        compare: bool,
        retrieval: str,
        k: float,
        mode: str,
        request: gr.Request,
        progress: gr.Progress = gr.Progress(),  # noqa: B008 - gradio injects the tracker through this default
    ) -> tuple[str, Any, Any, Any]:
        return _run_event(service, settings, testset, compare, retrieval, k, mode, request, progress)
    run.click(
        on_run,
        [testset, compare, *session_inputs],
        [summary, shown, failed, report],
        concurrency_limit=1,
        concurrency_id="eval",
        api_visibility="private",
    ).success(lambda: gr.update(visible=True), None, [failed_box], api_visibility="private")
    return EvaluateTab(feedback, show_feedback, browser)


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
) -> tuple[str, Any, Any, Any]:
    who = principal(service, request)
    if testset is not None:
        try:
            testset = str(check_uploaded(testset))
        except FileRefError as exc:
            hidden = gr.update(visible=False)
            return str(exc), hidden, hidden, hidden
    return run_evaluation(service, who, testset, compare, retrieval, k, mode, progress)
