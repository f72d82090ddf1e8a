"""The drafting set run through the application layer: ``govdoc eval --drafts`` (see `evals.drafting`)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evals.draft_check import CHECKS, TaskResult, check, rates
from evals.drafting import (
    CHECK_NAMES,
    GIVEN,
    ROLES,
    TASKS,
    build_corpus,
    build_set_corpus,
    file_roles,
    load_tasks,
    report_markdown,
    split_of,
)
from govdoc.accounts import LOCAL, Principal
from govdoc.service import GovdocService
from govdoc.settings import Settings, with_overrides


def run_drafting(
    settings: Settings,
    out_dir: Path,
    *,
    tasks_path: Path = TASKS,
    roles: Sequence[str] = ROLES,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Draft every task once per role of the reports, check each draft, write the drafts and a report.

    A set whose tasks give each file its role (``roles``: the held-out set, evals/draft_heldout/) is
    drafted once over its own documents (``docs/`` beside the tasks) and the bench laws its facts
    name, each ingested with the role the set gives it.

    Args:
        settings: the app settings (embedding, retrieval, llm); the index lives in ``out_dir``.
        out_dir: where the corpus, the index, ``drafts-<role>.jsonl`` and ``drafting.md`` go.
        tasks_path: the task file.
        roles: how to ingest the school reports, one pass each.
        progress: called with a line per finished task.

    Returns:
        {role: rates} ("given" for a role-per-file set), "splits" ({role: {train, dev: rates}}, the odd
        and even task ids, for a set without roles) and "seconds".
    """
    notify = progress or (lambda line: None)
    tasks = load_tasks(tasks_path)
    given = file_roles(tasks)
    work = out_dir / ("draft-work" if not given else f"draft-work-{tasks_path.parent.name}")
    if given:  # the set fixes each file's role: its own documents and laws, one pass
        corpus = build_set_corpus(work, tasks_path, tasks)
        passes: Sequence[str] = (GIVEN,)
    else:
        corpus = build_corpus(work, settings.data_dir)
        passes = roles
    local = with_overrides(settings, store={"index_dir": work / "index"}).model_copy(update={"data_dir": corpus})
    t0 = time.perf_counter()
    service = GovdocService(local)
    summary: dict[str, Any] = {}
    try:
        report = service.ingest([corpus], prune=True)
        if report.errors:
            raise RuntimeError(f"语料导入失败：{report.errors}")
        sources = _corpus_sources(service, corpus)
        if given:
            lost = sorted(n for n in given if n not in sources)
            if lost:
                raise RuntimeError(f"题集所列文件不在语料中：{lost}")
            for name, role in given.items():
                service.index.set_role(sources[name], role)
        own_files = {f["file"] for t in tasks for f in t["expected_facts"] if f["kind"] == "own"}
        reports = [s for n, s in sources.items() if n in own_files]
        splits: dict[str, dict[str, Any]] = {}
        for role in passes:
            if not given:
                for source in reports:
                    service.index.set_role(source, role)
            results: list[TaskResult] = []
            rows = []
            for task in tasks:
                result, row = _one(service, task, "own" if role == GIVEN else role, LOCAL)
                results.append(result)
                rows.append(row)
                passed = "、".join(CHECK_NAMES[k] for k in CHECKS if result.checks.get(k) is False) or "全部通过"
                notify(f"[{role}] {task['id']} {'未通过：' + passed if passed != '全部通过' else passed}")
            summary[role] = rates(results)
            if not given:
                by_split: dict[str, list[TaskResult]] = {}
                for task, result in zip(tasks, results, strict=True):
                    by_split.setdefault(split_of(task["id"]), []).append(result)
                splits[role] = {part: rates(by_split[part]) for part in ("train", "dev") if part in by_split}
            out_dir.mkdir(parents=True, exist_ok=True)
            with (out_dir / f"drafts-{role}.jsonl").open("w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
        if splits:
            summary["splits"] = splits
    finally:
        service.close()
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    (out_dir / "drafting.md").write_text(report_markdown(summary), encoding="utf-8")
    return summary


def _corpus_sources(service: GovdocService, corpus: Path) -> dict[str, str]:
    """The index's files of ``corpus``, by file name; any other file the work index holds is removed.

    A work folder copied from an earlier run, or an earlier run started from another working
    directory, leaves that run's files in the index under other keys (a key is the path, relative to
    the working directory when below it), and ``prune`` only looks under the corpus. Those copies hold
    the same text with the last pass's role: retrieval keeps one of two identical passages, so a
    stale copy would carry the wrong role into the next pass.
    """
    root = corpus.resolve()
    found: dict[str, str] = {}
    for source in service.index.sources():
        path = Path(source).resolve()
        if path.is_relative_to(root) and path.is_file():
            found[path.name] = source
        else:
            service.index.remove_source(source)
    return found


def _one(service: GovdocService, task: dict[str, Any], role: str, who: Principal) -> tuple[TaskResult, dict[str, Any]]:
    """Draft one task as a user would ask it (the request as typed, the page's length) and check it."""
    try:
        draft = service.draft(task["request"], length=int(task["target_chars"]), who=who)
    except ValueError as exc:
        failed = TaskResult(task["id"], role, dict.fromkeys(CHECKS, False), problems=[f"无法起草：{exc}"])
        return failed, {"id": task["id"], "error": str(exc), "check": failed.to_json()}
    texts = {c.doc_id: service.index.document_text(c.doc_id) for c in draft.citations}
    exact = {c.n: texts[c.doc_id][c.start : c.end] == c.quote for c in draft.citations}
    data = draft.to_json()
    result = check(task, data, reports_role=role, verbatim=lambda c: exact.get(c["n"], False))
    return result, {"id": task["id"], "draft": data, "check": result.to_json()}
