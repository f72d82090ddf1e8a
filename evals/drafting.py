"""The drafting set (evals/draft_set/): draft every task twice, the school reports as our own and as samples.

The tasks were written blind (see ``draft_set/BRIEF.md``) over data/ and four laws of the bench corpus
(``../shared/bench/laws-cn.tar.xz``). Those laws are unpacked into a work folder beside data/'s files
and indexed there, never copied into the project. The index is built once; between the two passes
only the reports' role changes (`ingest.store.Index.set_role`), so the passes differ in nothing else.
Each draft is checked by `evals.draft_check.check`; ``govdoc eval --drafts`` prints the rates.
"""

from __future__ import annotations

import json
import shutil
import tarfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from evals.collection import TARBALL
from evals.draft_check import CHECKS, TaskResult, check, rates

HERE = Path(__file__).resolve().parent / "draft_set"
TASKS = HERE / "tasks.jsonl"
BENCH_DOCUMENTS = (
    "行政法/学前教育法(2024-11-08).md",
    "社会法/家庭教育促进法(2021-10-23).md",
    "行政法/职业教育法(2022-04-20).md",
    "社会法/未成年人保护法(2024-04-26).md",
)
ROLES = ("own", "sample")
CHECK_NAMES = {
    "outline": "小标题即所列分项",
    "facts": "要点齐全（按来源用途）",
    "request": "未复述请求用语",
    "specifics": "未把范文单位信息写成本单位的",
    "markers": "引用编号与原文可核对",
    "length": "篇幅达标或已说明",
}


def load_tasks(path: Path = TASKS) -> list[dict[str, Any]]:
    """The tasks, one JSON object per line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_corpus(work: Path, data_dir: Path, tarball: Path = TARBALL) -> Path:
    """A folder with data/'s files and the bench laws the tasks use; built once, then reused."""
    corpus = work / "corpus"
    if corpus.is_dir():
        return corpus
    tmp = work / "corpus.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("./").removeprefix("laws-cn/")
            if name in BENCH_DOCUMENTS and member.isfile():
                source = archive.extractfile(member)
                assert source is not None
                (tmp / Path(name).name).write_bytes(source.read())
    lost = [p for p in BENCH_DOCUMENTS if not (tmp / Path(p).name).is_file()]
    if lost:
        raise FileNotFoundError(f"{tarball} 中没有：{lost}")
    for path in data_dir.iterdir():
        if path.is_file():
            shutil.copy(path, tmp / path.name)
    tmp.rename(corpus)
    return corpus


def run_drafting(
    settings: Any,
    out_dir: Path,
    *,
    tasks_path: Path = TASKS,
    roles: Sequence[str] = ROLES,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Draft every task once per role of the reports, check each draft, write the drafts and a report.

    Args:
        settings: the app settings (embedding, retrieval, llm); the index lives in ``out_dir``.
        out_dir: where the corpus, the index, ``drafts-<role>.jsonl`` and ``drafting.md`` go.
        tasks_path: the task file.
        roles: how to ingest the school reports, one pass each.
        progress: called with a line per finished task.

    Returns:
        {role: rates} plus "seconds".
    """
    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.settings import with_overrides

    notify = progress or (lambda line: None)
    tasks = load_tasks(tasks_path)
    work = out_dir / "draft-work"
    corpus = build_corpus(work, settings.data_dir)
    local = with_overrides(settings, store={"index_dir": work / "index"}).model_copy(update={"data_dir": corpus})
    t0 = time.perf_counter()
    service = GovdocService(local)
    summary: dict[str, Any] = {}
    try:
        report = service.ingest([corpus], prune=True)
        if report.errors:
            raise RuntimeError(f"语料导入失败：{report.errors}")
        own_files = {f["file"] for t in tasks for f in t["expected_facts"] if f["kind"] == "own"}
        reports = [s for s in service.index.sources() if Path(s).name in own_files]
        for role in roles:
            for source in reports:
                service.index.set_role(source, role)
            results: list[TaskResult] = []
            rows = []
            for task in tasks:
                result, row = _one(service, task, role, LOCAL)
                results.append(result)
                rows.append(row)
                passed = "、".join(CHECK_NAMES[k] for k in CHECKS if result.checks.get(k) is False) or "全部通过"
                notify(f"[{role}] {task['id']} {'未通过：' + passed if passed != '全部通过' else passed}")
            summary[role] = rates(results)
            out_dir.mkdir(parents=True, exist_ok=True)
            with (out_dir / f"drafts-{role}.jsonl").open("w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        service.close()
    summary["seconds"] = round(time.perf_counter() - t0, 1)
    (out_dir / "drafting.md").write_text(report_markdown(summary), encoding="utf-8")
    return summary


def _one(service: Any, task: dict[str, Any], role: str, who: Any) -> tuple[TaskResult, dict[str, Any]]:
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


def report_markdown(summary: dict[str, Any]) -> str:
    """The rates of both passes as a Markdown table."""
    roles = [r for r in ROLES if r in summary]
    label = {"own": "报告作为本单位材料", "sample": "报告作为参考范文"}
    lines = ["| 检查 | " + " | ".join(label[r] for r in roles) + " |", "| --- |" + " --- |" * len(roles)]
    for name in CHECKS:
        cells = []
        for r in roles:
            value, n = summary[r][name], summary[r][f"{name}_n"]
            cells.append("—" if value is None else f"{value:.3f}（{n} 题）")
        lines.append(f"| {CHECK_NAMES[name]} | " + " | ".join(cells) + " |")
    for key, name in (("fact_recall", "要点召回率"), ("subtopic_recall", "分项召回率"), ("all_checks", "全部通过的题")):
        lines.append(f"| {name} | " + " | ".join(f"{summary[r][key]:.3f}" for r in roles) + " |")
    return "\n".join(lines) + "\n"
