"""Check evals/version_set/items.jsonl against the bench laws tarball.

Usage: python evals/version_set/check_items.py [TARBALL]

Reads the tarball (default /work/shared/bench/laws-cn.tar.xz) without extracting it and checks:
- every `evidence` string occurs verbatim in the file the answer comes from (the current
  version, or the older version when `asks_version` is set);
- every `old_evidence` string occurs verbatim in the older version;
- each key-point group has one spelling that occurs in the evidence;
- the question copies at most 10 consecutive characters of any evidence or old_evidence;
- a `deleted` item's old_evidence no longer occurs verbatim in the current file, and an
  asks_version item's evidence repeats its old_evidence;
- field values, per-kind rules and the split-by-regulation rule.
Prints one line per problem and a summary; exits 1 if there is any problem.
"""

from __future__ import annotations

import collections
import json
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_TARBALL = "/work/shared/bench/laws-cn.tar.xz"
MAX_COPY = 10
FIELDS = [
    "id", "question", "answerable", "reference", "key_points", "evidence", "old_evidence",
    "change", "asks_version", "doc_title", "current_path", "old_path", "split",
]


def longest_common_run(a: str, b: str) -> int:
    """Length of the longest common substring of a and b."""
    best = 0
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0] * (len(b) + 1)
        for j, cb in enumerate(b, 1):
            if ca == cb:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def load_texts(tarball: str, wanted: set[str]) -> dict[str, str]:
    texts: dict[str, str] = {}
    with tarfile.open(tarball, "r:xz") as tar:
        for member in tar:
            name = member.name.lstrip("./")
            if name in wanted and member.isfile():
                fh = tar.extractfile(member)
                if fh is not None:
                    texts[name] = fh.read().decode("utf-8")
    return texts


def main() -> int:
    tarball = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_TARBALL
    items = [json.loads(line) for line in (HERE / "items.jsonl").read_text("utf-8").splitlines() if line]
    paths = {it["current_path"] for it in items} | {it["old_path"] for it in items}
    texts = load_texts(tarball, paths)
    problems: list[str] = []
    n_ev = n_old = 0
    max_run = 0
    for p in sorted(paths - texts.keys()):
        problems.append(f"missing file in tarball: {p}")
    ids = collections.Counter(it["id"] for it in items)
    problems += [f"duplicate id {i}" for i, c in ids.items() if c > 1]
    for it in items:
        iid = it["id"]
        if list(it) != FIELDS:
            problems.append(f"{iid}: fields {list(it)}")
        cur = texts.get(it["current_path"], "")
        old = texts.get(it["old_path"], "")
        if cur and not cur.lstrip().startswith("# " + it["doc_title"]):
            problems.append(f"{iid}: doc_title is not the first heading of the current file")
        ev_source = old if it["asks_version"] else cur
        for s in it["evidence"]:
            n_ev += 1
            if s not in ev_source:
                problems.append(f"{iid}: evidence not verbatim: {s[:40]}")
        for s in it["old_evidence"]:
            n_old += 1
            if s not in old:
                problems.append(f"{iid}: old_evidence not verbatim: {s[:40]}")
        joined = "".join(it["evidence"])
        for group in it["key_points"]:
            if not any(alt in joined for alt in group):
                problems.append(f"{iid}: key point {group} not in evidence")
        for s in it["evidence"] + it["old_evidence"]:
            run = longest_common_run(it["question"], s)
            max_run = max(max_run, run)
            if run > MAX_COPY:
                problems.append(f"{iid}: question copies {run} characters of evidence")
        kind = it["change"]
        if kind not in ("changed", "deleted", "added"):
            problems.append(f"{iid}: bad change {kind}")
        if kind == "deleted" and (it["evidence"] or it["key_points"] or not it["old_evidence"]):
            problems.append(f"{iid}: deleted item needs [] evidence/key_points and old_evidence")
        if kind == "deleted" and cur:
            for s in it["old_evidence"]:
                if s in cur:
                    problems.append(f"{iid}: deleted item's old_evidence still in current file: {s[:40]}")
        if it["asks_version"] is not None and it["evidence"] != it["old_evidence"]:
            problems.append(f"{iid}: asks_version item must repeat old_evidence as evidence")
        if kind == "added" and it["old_evidence"]:
            problems.append(f"{iid}: added item must have [] old_evidence")
        if kind != "deleted" and not (it["evidence"] and it["key_points"]):
            problems.append(f"{iid}: needs evidence and key_points")
        year = it["asks_version"]
        if year is not None and (year not in it["question"] or f"({year}-" not in it["old_path"]):
            problems.append(f"{iid}: asks_version {year} must be named in the question and match old_path")
        if it["split"] not in ("train", "dev", "test", "test2") or it["answerable"] is not True:
            problems.append(f"{iid}: bad split/answerable")
    split_of: dict[str, set[str]] = collections.defaultdict(set)
    for it in items:
        split_of[it["doc_title"]].add(it["split"])
    problems += [f"regulation {t} is in several splits {s}" for t, s in split_of.items() if len(s) > 1]

    regs = collections.Counter(next(iter(s)) for s in split_of.values())
    kinds = collections.Counter((it["split"], it["change"]) for it in items)
    asks = collections.Counter(it["split"] for it in items if it["asks_version"])
    print(f"items={len(items)} regulations={len(split_of)} per split={dict(regs)}")
    for split in ("train", "dev", "test", "test2"):
        n = sum(1 for it in items if it["split"] == split)
        per = {k: kinds[(split, k)] for k in ("changed", "deleted", "added")}
        print(f"  {split}: {n} items {per} asks_version={asks[split]}")
    print(f"evidence strings checked={n_ev} old_evidence strings checked={n_old}")
    print(f"longest question copy of an evidence string={max_run} (limit {MAX_COPY})")
    for p in problems:
        print("PROBLEM", p)
    print("CHECK", "OK" if not problems else f"FAILED ({len(problems)} problems)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
