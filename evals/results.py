"""What an eval run produces: per-item records, one configuration's result, and a whole run.

Plain data shared by the runner (`evals.run`), the report writers (`evals.report`) and the
entry points that show them; nothing here runs anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.types import Answer, Hit
from evals import metrics
from evals.judge import JudgeScore
from evals.schema import TestItem

HIT_CUTOFF = 5  # an answerable item with no evidence in the top 5 counts as failed


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
        """The ``eval --json`` object: the metrics, or {config: metrics} when comparing."""
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
