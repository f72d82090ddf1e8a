"""The version set (evals/version_set/): questions on provisions that changed, were deleted or were added
between two versions of a regulation, written blind (see ``version_set/BRIEF.md``).

Both versions of each regulation are unpacked from the bench corpus (``../shared/bench/laws-cn.tar.xz``)
beside data/'s files and indexed there; they are never copied into the project. An item is correct when

- it asks about the rule now (``asks_version`` null) and the change is ``changed`` or ``added``: the
  answer holds every key point (from the current text), cites at least one current version, and
  cites a superseded version only in an answer that says so (``superseded``);
- the provision was ``deleted``: the answer says the quoted text is superseded (``superseded``) and
  cites the old version as not current;
- it names an older version (``asks_version``): the answer holds the key points (from that text),
  cites only that version, and says it is not the current one.

An answer citing a superseded version without saying so counts as ``old_as_current``: the error this
set exists to catch. `govdoc.version_eval` runs the set through the application layer and
``govdoc eval --versions`` prints the rates. Nothing here imports govdoc.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from evals.collection import TARBALL, bench_corpus
from evals.metrics import key_point_recall

HERE = Path(__file__).resolve().parent / "version_set"
ITEMS = HERE / "items.jsonl"
KINDS = ("changed", "deleted", "added")


def load(path: Path = ITEMS, split: str | None = None) -> list[dict[str, Any]]:
    """The items (all fields), optionally of one split."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def documents(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Every version the items name (paths inside the tarball), sorted."""
    return sorted({r["current_path"] for r in rows} | {r["old_path"] for r in rows})


def build_corpus(work: Path, data_dir: Path, rows: Sequence[dict[str, Any]], tarball: Path = TARBALL) -> Path:
    """A folder with data/'s files and both versions of every regulation of ``rows``; built once."""
    return bench_corpus(work / "version-corpus", data_dir, documents(rows), tarball)


def score(item: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    """One item's verdict from the answer object (``govdoc ask --json``): correct, and why.

    Returns:
        {"correct", "recall", "old_as_current", "reason"}; ``reason`` is "" when correct.
    """
    citations = answer.get("citations") or []
    refused = bool(answer.get("refused"))
    superseded = bool(answer.get("superseded"))
    old_cited = [c for c in citations if not c.get("current", True)]
    current_cited = [c for c in citations if c.get("current", True)]
    old_as_current = bool(old_cited) and not superseded
    recall = None if refused or not item["key_points"] else key_point_recall(answer.get("answer", ""), item["key_points"])
    if refused:
        return {"correct": False, "recall": recall, "old_as_current": False, "reason": "拒答"}
    if item.get("asks_version"):
        year = str(item["asks_version"])
        of_year = all(str(c.get("version", "")).startswith(year) for c in citations)
        checks = [
            (recall == 1.0, "缺少要点"),
            (bool(citations) and of_year, f"引用的不是{year}年版本"),
            (superseded, "没有说明该版本已不是现行规定"),
        ]
    elif item["change"] == "deleted":
        checks = [(superseded and bool(old_cited), "没有说明该规定已被删除或已不是现行规定")]
    else:
        checks = [
            (recall == 1.0, "缺少要点"),
            (bool(current_cited), "没有引用现行版本"),
            (not old_as_current, "引用了旧版本却没有说明"),
        ]
    failed = [why for ok, why in checks if not ok]
    return {"correct": not failed, "recall": recall, "old_as_current": old_as_current, "reason": "；".join(failed)}


def summarize(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Rates over scored records (each an item with its ``score``): overall, per change kind, named versions."""

    def rate(rows: Sequence[dict[str, Any]]) -> float | None:
        return round(sum(r["score"]["correct"] for r in rows) / len(rows), 3) if rows else None

    plain = [r for r in records if not r.get("asks_version")]
    return {
        "n_items": len(records),
        "correct": rate(records),
        **{f"{kind}_correct": rate([r for r in plain if r["change"] == kind]) for kind in KINDS},
        "asks_version_correct": rate([r for r in records if r.get("asks_version")]),
        "old_as_current": sum(r["score"]["old_as_current"] for r in records),
        "refused": sum(r["score"]["reason"] == "拒答" for r in records),
    }


def report_markdown(summary: dict[str, Any], records: Sequence[dict[str, Any]]) -> str:
    """The rates as a table, then every item that failed with its reason."""
    names = {
        "correct": "全部",
        "changed_correct": "条文修改（问现行规定）",
        "deleted_correct": "条文删除",
        "added_correct": "条文新增",
        "asks_version_correct": "指明旧版本的问题",
    }
    lines = ["| 题目类别 | 正确率 |", "|---|---|"]
    lines += [f"| {label} | {summary[key] if summary[key] is not None else '—'} |" for key, label in names.items()]
    lines += [
        "",
        f"共 {summary['n_items']} 题；把旧版本当作现行规定引用：{summary['old_as_current']} 题；拒答：{summary['refused']} 题。",
    ]
    failed = [r for r in records if not r["score"]["correct"]]
    if failed:
        lines += ["", "未通过的题目："]
        lines += [f"- {r['id']} {r['question']}：{r['score']['reason']}" for r in failed]
    return "\n".join(lines)
