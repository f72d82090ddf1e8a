"""Checks a drafting-task set whose tasks give each file its role (evals/draft_heldout/, evals/draft_train2/,
evals/draft_heldout2/, evals/draft_dev/):
evidence verbatim and found once, roles, sub-topics, lengths, and how much a request copies from any
document. Each set's verify.py calls `main` with its own folder: python3 verify.py [--bench PATH]

PATH is the laws tarball (default ../shared/bench/laws-cn.tar.xz) or a folder
it was extracted into. Exit status 1 when any check fails.
"""

import argparse
import json
import tarfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from evals.collection import TARBALL

GENRES = {"汇报材料", "自查报告", "工作总结", "情况报告", "请示", "通知"}
MAX_COPY = 10


def load_bench(source: Path, wanted: set[str]) -> dict[str, str]:
    if source.is_dir():
        return {p: (source / p).read_text(encoding="utf-8") for p in wanted}
    found: dict[str, str] = {}
    with tarfile.open(source, "r:xz") as tar:
        for member in tar:
            for p in wanted:
                handle = tar.extractfile(member) if member.isfile() else None
                if handle is not None and (member.name == p or member.name.endswith("/" + p)):
                    found[p] = handle.read().decode("utf-8")
    missing = wanted - found.keys()
    if missing:
        raise SystemExit(f"not in {source}: {sorted(missing)}")
    return found


def longest_copy(request: str, text: str) -> int:
    best = 0
    for i in range(len(request)):
        n = best + 1
        while i + n <= len(request) and request[i:i + n] in text:
            best = n
            n += 1
    return best


def main(here: Path, argv: Sequence[str] | None = None) -> int:
    """Check the set in ``here`` (its tasks.jsonl and docs/); print the findings; 1 when any check fails."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--bench", type=Path, default=TARBALL)
    args = ap.parse_args(argv)

    tasks = [json.loads(line) for line in (here / "tasks.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    errors: list[str] = []
    docs = {p.name: p.read_text(encoding="utf-8") for p in sorted((here / "docs").iterdir()) if p.is_file()}
    bench_paths = {fact["file"]: fact["bench_path"] for t in tasks for fact in t["expected_facts"] if fact["kind"] == "policy"}
    bench = load_bench(args.bench, set(bench_paths.values()))
    texts = dict(docs)
    texts.update({name: bench[path] for name, path in bench_paths.items()})

    roles_all: Counter[tuple[str, str]] = Counter()
    for t in tasks:
        for name, role in t["roles"].items():
            roles_all[(name, role)] += 1
    own_files = {n for (n, r) in roles_all if r == "own"}
    sample_files = {n for (n, r) in roles_all if r == "sample"}
    for name in sorted(own_files | sample_files):
        lo, hi = (1500, 3000) if name in own_files else (1000, 2000)
        n = len(docs[name])
        if not lo <= n <= hi:
            errors.append(f"{name}: {n} characters, want {lo}-{hi}")

    ids = [t["id"] for t in tasks]
    if len(set(ids)) != len(ids):
        errors.append("duplicate ids")
    max_copies = []
    for t in tasks:
        tid, req = t["id"], t["request"]
        if t["genre"] not in GENRES:
            errors.append(f"{tid}: genre {t['genre']}")
        if not 600 <= t["target_chars"] <= 2000:
            errors.append(f"{tid}: target_chars {t['target_chars']}")
        for s in t["subtopics"]:
            if s not in req:
                errors.append(f"{tid}: subtopic {s!r} not in request")
        facts = t["expected_facts"]
        if not 2 <= len(facts) <= 6:
            errors.append(f"{tid}: {len(facts)} facts")
        covered = {fact["subtopic"] for fact in facts}
        for s in t["subtopics"]:
            if s not in covered:
                errors.append(f"{tid}: subtopic {s!r} has no fact")
        for fact in facts:
            ev, name = fact["evidence"], fact["file"]
            if fact["subtopic"] and fact["subtopic"] not in t["subtopics"]:
                errors.append(f"{tid}: fact subtopic {fact['subtopic']!r} not listed")
            if not 15 <= len(ev) <= 120:
                errors.append(f"{tid}: evidence length {len(ev)}: {ev[:20]}")
            if name not in texts:
                errors.append(f"{tid}: unknown file {name}")
                continue
            count = texts[name].count(ev)
            if count != 1:
                errors.append(f"{tid}: evidence found {count} times in {name}: {ev[:30]}")
            if t["roles"].get(name) != fact["kind"]:
                errors.append(f"{tid}: {name} role {t['roles'].get(name)} but kind {fact['kind']}")
            if fact["kind"] == "policy" and fact.get("bench_path") != bench_paths[name]:
                errors.append(f"{tid}: bench_path mismatch for {name}")
        own = [n for n, r in t["roles"].items() if r == "own"]
        if own and not t["sample_specifics"]:
            errors.append(f"{tid}: own-document task without sample_specifics")
        if not own and t["sample_specifics"]:
            errors.append(f"{tid}: policy-only task with sample_specifics")
        for s in t["sample_specifics"]:
            if not any(s in docs[n] for n in own):
                errors.append(f"{tid}: sample_specific {s!r} not in its own documents")
        for s in t.get("sample_must_not_assert", []):
            samples = [n for n, r in t["roles"].items() if r == "sample"]
            if not samples or not all(s in docs[n] for n in samples):
                errors.append(f"{tid}: must-not-assert {s!r} not in the sample document")
            if any(s in docs[n] for n in own_files):
                errors.append(f"{tid}: must-not-assert {s!r} also occurs in an own document")
        copy = max(longest_copy(req, text) for text in texts.values())
        max_copies.append(copy)
        if copy > MAX_COPY:
            errors.append(f"{tid}: request copies {copy} consecutive characters")

    def kind(t):
        r = set(t["roles"].values()) - {"sample"}
        return "own+policy" if r == {"own", "policy"} else "own" if r == {"own"} else "policy"

    print(f"tasks: {len(tasks)}")
    print("composition:", dict(Counter(kind(t) for t in tasks)))
    print("with sub-topics:", sum(bool(t["subtopics"]) for t in tasks), "without:", sum(not t["subtopics"] for t in tasks))
    print("genres:", dict(Counter(t["genre"] for t in tasks)))
    print("facts:", sum(len(t["expected_facts"]) for t in tasks),
          dict(Counter(f["kind"] for t in tasks for f in t["expected_facts"])))
    print("tasks with sample_must_not_assert:", sum("sample_must_not_assert" in t for t in tasks))
    print("document lengths:", {n: len(x) for n, x in docs.items()})
    print("longest copy into a request:", max(max_copies), f"(limit {MAX_COPY})")
    for e in errors:
        print("FAIL", e)
    print("OK" if not errors else f"{len(errors)} problems")
    return 1 if errors else 0


