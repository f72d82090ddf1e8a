"""Eval reports: the summary table, report.json, report.md (failed items) and metrics.png."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.markup import md_inline
from evals import metrics
from evals.results import EvalRun, ItemRecord

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# Metric key -> Chinese label, in table order.
LABELS: dict[str, str] = {
    "n_items": "题目数",
    "n_answerable": "可回答题数",
    "n_unanswerable": "不可回答题数",
    "hit@1": "检索命中率@1",
    "hit@3": "检索命中率@3",
    "hit@5": "检索命中率@5",
    "mrr@10": "MRR@10",
    "key_point_recall": "要点召回率",
    "refusal_accuracy": "拒答准确率",
    "false_refusal_rate": "误拒率",
    "citation_validity": "引用有效率",
    "citation_support": "引用支撑率",
    "retrieve_ms_p50": "检索耗时 p50 (ms)",
    "retrieve_ms_p95": "检索耗时 p95 (ms)",
    "answer_ms_p50": "回答耗时 p50 (ms)",
    "answer_ms_p95": "回答耗时 p95 (ms)",
    "n_errors": "出错题数",
}
JUDGE_LABELS: dict[str, str] = {
    "judged": "评审题数",
    "judge_errors": "评审失败数",
    "faithfulness": "忠实度（LLM 评审）",
    "correctness": "正确性（LLM 评审）",
}
# The bars of metrics.png: (key, Chinese label, English label).
CHART_METRICS: tuple[tuple[str, str, str], ...] = (
    ("hit@1", "命中率@1", "hit@1"),
    ("hit@5", "命中率@5", "hit@5"),
    ("mrr@10", "MRR@10", "MRR@10"),
    ("key_point_recall", "要点召回率", "key-point recall"),
    ("refusal_accuracy", "拒答准确率", "refusal accuracy"),
    ("false_refusal_rate", "误拒率", "false refusals"),
    ("citation_validity", "引用有效率", "citation validity"),
    ("citation_support", "引用支撑率", "citation support"),
)


def write_reports(run: EvalRun) -> None:
    """Write report.json, report.md and metrics.png into ``run.out_dir`` (created if needed)."""
    run.out_dir.mkdir(parents=True, exist_ok=True)
    run.report_json.write_text(json.dumps(report_json(run), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    run.report_md.write_text(report_markdown(run), encoding="utf-8")
    write_chart(run, run.chart_path)


# -- the summary table -------------------------------------------------------------------------------


def format_value(key: str, value: float | int | None) -> str:
    """A metric for a table cell: counts as integers, milliseconds with one decimal, shares with three."""
    if value is None:
        return "—"
    if key.startswith("n_") or key in ("judged", "judge_errors"):
        return str(int(value))
    if key.endswith(("_p50", "_p95")):
        return f"{value:.1f}"
    return f"{value:.3f}"


def summary_rows(run: EvalRun) -> list[list[str]]:
    """Header row then one row per metric: label, key, one value per configuration."""
    names = list(run.results)
    rows = [["指标", "key", *names]]
    for key, label in LABELS.items():
        rows.append([label, key, *(format_value(key, run.results[n].metrics.get(key)) for n in names)])
    if any(r.judge is not None for r in run.results.values()):
        for key, label in JUDGE_LABELS.items():
            values = [
                format_value(key, (r.judge or {}).get(key)) if r.judge is not None else "—"
                for r in run.results.values()
            ]
            rows.append([label, f"llm_judge.{key}", *values])
    return rows


def summary_table(run: EvalRun) -> str:
    """The summary as aligned plain text (rows: metrics, columns: configurations)."""
    rows = summary_rows(run)
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [_pad(cell, widths[i], right=i >= 2 and n > 0) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


# -- report.json ---------------------------------------------------------------------------------------


def report_json(run: EvalRun) -> dict[str, Any]:
    """Overall metrics per configuration and every item's record per configuration."""
    return {
        "created_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "testset": str(run.testset),
        "elapsed_s": round(run.elapsed_s, 2),
        "configs": {
            name: {"overrides": _plain(r.overrides or {}), "elapsed_s": round(r.elapsed_s, 2)}
            for name, r in run.results.items()
        },
        "overall": {name: r.metrics for name, r in run.results.items()},
        "llm_judge": {
            "note": run.judge_note,
            "overall": {name: r.judge for name, r in run.results.items() if r.judge is not None},
        },
        "warnings": list(run.warnings),
        "items": {name: [item_json(rec) for rec in r.records] for name, r in run.results.items()},
    }


def item_json(record: ItemRecord) -> dict[str, Any]:
    """One item's record as JSON."""
    r = record.result
    answer = record.answer
    citations = []
    if answer is not None:
        for citation, ok in zip(answer.citations, record.citations_ok):
            citations.append({**citation.to_json(), "valid": ok})
    return {
        "id": r.id,
        "question": record.item.question,
        "answerable": r.answerable,
        "refused": r.refused,
        "first_hit_rank": r.first_hit_rank,
        "key_point_recall": r.key_point_recall,
        "missing_key_points": list(record.missing_key_points),
        "answer": r.answer,
        "citations": citations,
        "citations_supported": r.supported,
        "retrieve_ms": round(r.retrieve_ms, 1),
        "answer_ms": round(r.answer_ms, 1),
        "retrieved": [
            {
                "rank": h.rank,
                "doc_title": h.chunk.doc_title,
                "section": h.chunk.section,
                "chunk_id": h.chunk.id,
                "has_evidence": metrics.first_hit_rank([h.chunk.text], record.item.evidence) is not None,
            }
            for h in record.hits
        ],
        "failures": list(record.failures),
        "notes": list(answer.notes) if answer is not None else [],
        "judge": record.judge.to_json() if record.judge is not None else None,
        "error": record.error or None,
    }


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, str | int | float | bool) or v is None else str(v) for k, v in values.items()}


# -- report.md -----------------------------------------------------------------------------------------


def report_markdown(run: EvalRun) -> str:
    """The Markdown report: summary, LLM judge (apart), warnings, then every failed item."""
    lines = ["# govdoc 评测报告", ""]
    lines.append(f"- 测试集：{md_inline(run.testset)}（{_first(run).metrics.get('n_items')} 题）")
    lines.append(f"- 配置：{'、'.join(md_inline(name) for name in run.results)}")
    lines.append(f"- 用时：{run.elapsed_s:.1f} 秒")
    lines += ["", "## 确定性指标", ""]
    lines += _markdown_table(summary_rows(run), judge=False)
    lines += ["", "## LLM 评审（大模型打分，非确定性）", "", md_inline(run.judge_note), ""]
    if any(r.judge is not None for r in run.results.values()):
        lines += _markdown_table(summary_rows(run), judge=True)
        lines.append("")
    if run.warnings:
        lines += ["## 警告", ""]
        lines += [f"- {md_inline(w)}" for w in run.warnings]
        lines.append("")
    lines += ["## 未通过的题目", ""]
    lines.append(
        "判定规则：可回答题目要点未全部覆盖、被拒答或前 5 条检索结果中没有证据；不可回答题目未拒答；"
        "任何一条引用未在原文中逐字出现；运行出错。"
    )
    lines.append("")
    for name, result in run.results.items():
        failed = result.failed
        lines.append(f"### 配置 {md_inline(name)}：{len(failed)} / {len(result.records)} 题未通过")
        lines.append("")
        for record in failed:
            lines += _failed_item(record)
    return "\n".join(lines).rstrip() + "\n"


def _markdown_table(rows: list[list[str]], judge: bool) -> list[str]:
    header, body = rows[0], rows[1:]
    body = [row for row in body if row[1].startswith("llm_judge.") == judge]
    out = ["| " + " | ".join(md_inline(h) for h in header) + " |", "|" + "|".join(["---"] * 2 + ["---:"] * (len(header) - 2)) + "|"]
    out += ["| " + " | ".join(md_inline(c) for c in row) + " |" for row in body]
    return out


def _failed_item(record: ItemRecord) -> list[str]:
    item, r = record.item, record.result
    kind = "可回答" if item.answerable else "不可回答"
    lines = [f"#### {md_inline(item.id)}（{kind}）{md_inline(item.question)}", ""]
    lines.append(f"- 未通过原因：{md_inline('；'.join(record.failures))}")
    if item.answerable:
        points = "；".join(" / ".join(v) for v in item.key_points)
        lines.append(f"- 期望要点：{md_inline(points)}")
        lines.append(f"- 证据所在文档：《{md_inline(item.doc_title)}》")
        rank = "无（前 10 条中没有证据）" if r.first_hit_rank is None else f"第 {r.first_hit_rank} 条"
        lines.append(f"- 首个含证据的检索结果：{rank}")
        if r.key_point_recall is not None:
            lines.append(f"- 要点召回率：{r.key_point_recall:.2f}")
    lines.append(f"- 参考答案：{md_inline(item.reference)}")
    if record.answer is None:
        lines.append(f"- 回答：（出错）{md_inline(record.error)}")
    else:
        lines.append(f"- 回答：{md_inline(record.answer.text)}")
        if record.answer.citations:
            lines.append("- 引用：")
            for citation, ok in zip(record.answer.citations, record.citations_ok):
                mark = "✓ 原文逐字" if ok else "✗ 未在原文中找到"
                where = f"《{citation.doc_title}》" + (f" {citation.section}" if citation.section else "")
                lines.append(f"  - [{citation.n}] {md_inline(where)}：“{md_inline(citation.quote)}”（{mark}）")
        for note in record.answer.notes:
            lines.append(f"- 说明：{md_inline(note)}")
    if record.judge is not None:
        j = record.judge
        lines.append(
            f"- LLM 评审：忠实度 {format_value('faithfulness', j.faithfulness)}，正确性 {format_value('correctness', j.correctness)}"
            + (f"；{md_inline(j.reason)}" if j.reason else "")
            + (f"；评审失败：{md_inline(j.error)}" if j.error else "")
        )
    lines.append("")
    return lines


def _first(run: EvalRun) -> Any:
    return next(iter(run.results.values()))


# -- metrics.png ---------------------------------------------------------------------------------------


def write_chart(run: EvalRun, path: Path) -> None:
    """A grouped bar chart of the main metrics, one bar colour per configuration.

    Chinese labels when the WenQuanYi Micro Hei font is installed, English ones otherwise.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    font = None
    if CJK_FONT.is_file():
        font_manager.fontManager.addfont(str(CJK_FONT))
        font = font_manager.FontProperties(fname=str(CJK_FONT))
    chinese = font is not None
    labels = [zh if chinese else en for _, zh, en in CHART_METRICS]
    names = list(run.results)
    width = 0.8 / max(len(names), 1)
    fig, ax = plt.subplots(figsize=(max(8.0, 1.2 * len(labels) + 0.4 * len(names)), 4.8), dpi=120)
    try:
        for i, name in enumerate(names):
            values = _chart_values(run.results[name].metrics)
            xs = [x + (i - (len(names) - 1) / 2) * width for x in range(len(labels))]
            bars = ax.bar(xs, values, width, label=name)
            if len(names) <= 4:
                ax.bar_label(bars, labels=[f"{v:.2f}" for v in values], fontsize=7, padding=1)
        ax.set_xticks(range(len(labels)))
        ax.set_xticklabels(labels, fontproperties=font, rotation=20, ha="right")
        ax.set_ylim(0, 1.08)
        ax.set_ylabel("比例" if chinese else "share", fontproperties=font)
        title = "govdoc 评测：主要指标" if chinese else "govdoc eval: main metrics"
        ax.set_title(title, fontproperties=font, pad=8 + 14 * ((len(names) + 3) // 4))
        legend_font = font.copy() if font is not None else font_manager.FontProperties()
        legend_font.set_size(8)
        # Above the bars, outside the axes: shares near 1.0 would hide under an inside legend.
        ax.legend(prop=legend_font, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(len(names), 4), frameon=False)
        ax.grid(axis="y", alpha=0.3)
        fig.tight_layout()
        fig.savefig(path, bbox_inches="tight")
    finally:
        plt.close(fig)


def _chart_values(values: dict[str, float | int | None]) -> Sequence[float]:
    return [float(values.get(key) or 0.0) for key, _, _ in CHART_METRICS]
