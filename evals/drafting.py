"""The drafting set (evals/draft_set/): draft every task twice, the school reports as our own and as samples.

The tasks were written blind (see ``draft_set/BRIEF.md``) over data/ and four laws of the bench corpus
(``../shared/bench/laws-cn.tar.xz``). Those laws are unpacked into a work folder beside data/'s files
and indexed there, never copied into the project. The index is built once; between the two passes
only the reports' role changes (`ingest.store.Index.set_role`), so the passes differ in nothing else.
Each draft is checked by `evals.draft_check.check`; `govdoc.draft_eval.run_drafting` drafts through
the application layer and ``govdoc eval --drafts`` prints the rates. Nothing here imports govdoc.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.collection import TARBALL, bench_corpus
from evals.draft_check import CHECKS

HERE = Path(__file__).resolve().parent / "draft_set"
TASKS = HERE / "tasks.jsonl"
HELDOUT = Path(__file__).resolve().parent / "draft_heldout" / "tasks.jsonl"
GIVEN = "given"  # the pass of a set whose tasks fix each file's role (``roles``): the held-out set
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
    return bench_corpus(work / "corpus", data_dir, BENCH_DOCUMENTS, tarball)


def file_roles(tasks: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Each file's role in a set whose tasks name them (``roles``); {} for a set without.

    Raises:
        ValueError: two tasks give one file different roles.
    """
    roles: dict[str, str] = {}
    for task in tasks:
        for name, role in task.get("roles", {}).items():
            if roles.setdefault(name, role) != role:
                raise ValueError(f"题集中 {name} 的用途前后不一：{roles[name]} 与 {role}")
    return roles


def build_set_corpus(work: Path, tasks_path: Path, tasks: Sequence[dict[str, Any]], tarball: Path = TARBALL) -> Path:
    """A folder with a role-per-file set's own documents (``docs/`` beside its tasks) and the bench laws
    its policy facts name (``bench_path``); built once, then reused."""
    laws = sorted({f["bench_path"] for t in tasks for f in t["expected_facts"] if f.get("bench_path")})
    return bench_corpus(work / "corpus", tasks_path.parent / "docs", laws, tarball)


def split_of(task_id: str) -> str:
    """The development split of a task of evals/draft_set/: odd numbers train, even numbers dev."""
    digits = "".join(c for c in task_id if c.isdigit())
    return "train" if digits and int(digits) % 2 else "dev"


def report_markdown(summary: dict[str, Any]) -> str:
    """The rates of each pass as a Markdown table, and per development split when the set has them."""
    roles = [r for r in (*ROLES, GIVEN) if r in summary]
    label = {"own": "报告作为本单位材料", "sample": "报告作为参考范文", GIVEN: "按题集所定用途"}
    lines = ["| 检查 | " + " | ".join(label[r] for r in roles) + " |", "| --- |" + " --- |" * len(roles)]
    for name in CHECKS:
        cells = []
        for r in roles:
            value, n = summary[r][name], summary[r][f"{name}_n"]
            cells.append("—" if value is None else f"{value:.3f}（{n} 题）")
        lines.append(f"| {CHECK_NAMES[name]} | " + " | ".join(cells) + " |")
    for key, name in (("fact_recall", "要点召回率"), ("subtopic_recall", "分项召回率"), ("all_checks", "全部通过的题")):
        lines.append(f"| {name} | " + " | ".join(_rate(summary[r][key]) for r in roles) + " |")
    # How many sentences state what a sample's unit did as ours (`evals.draft_check.sample_acts`), over all tasks.
    lines.append("| 把范文单位做过的事写成本单位的（处） | " + " | ".join(str(summary[r].get("sample_acts", 0)) for r in roles) + " |")
    # …and how many sentences citing a sample state its practice unflagged (`evals.draft_check.sample_practice`).
    lines.append("| 范文单位做法未标请核实的（句） | " + " | ".join(str(summary[r].get("sample_practice", 0)) for r in roles) + " |")
    splits = summary.get("splits") or {}
    if splits:
        lines += [
            "",
            "| 用途 | 划分 | 要点召回率 | 要点齐全 | 未把范文单位信息写成本单位的 | 全部通过 | 范文单位做过的事（处） | 做法未标请核实（句） |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        for role, parts in splits.items():
            for part, r in parts.items():
                cells = [_rate(r[k]) for k in ("fact_recall", "facts", "specifics", "all_checks")] + [str(r.get(k, 0)) for k in ("sample_acts", "sample_practice")]
                lines.append(f"| {label[role]} | {part}（{r['tasks']} 题） | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"
