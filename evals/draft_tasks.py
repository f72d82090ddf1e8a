"""The builder the drafting-task sets' gen.py scripts share: facts, tasks and roles, written as tasks.jsonl.

A fact names the file its evidence is in: a key of ``laws`` (a regulation from the bench, with its path
there) or a file of the set's own documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class DraftTasks:
    """Tasks numbered ``prefix01``, ``prefix02``… in the order they are added."""

    def __init__(self, prefix: str, laws: dict[str, tuple[str, str]], sample: str) -> None:
        self.prefix, self.laws, self.sample = prefix, laws, sample
        self.tasks: list[dict[str, Any]] = []

    def fact(self, subtopic: str, evidence: str, file: str) -> dict[str, Any]:
        """An expected fact; ``file`` is a law key or an own document's name."""
        if file in self.laws:
            name, bench_path = self.laws[file]
            return {"subtopic": subtopic, "evidence": evidence, "file": name, "kind": "policy", "bench_path": bench_path}
        return {"subtopic": subtopic, "evidence": evidence, "file": file, "kind": "own"}

    def roles(self, *keys: str, sample: bool = False) -> dict[str, str]:
        """The role of each named document (law keys are policy), with the set's sample when ``sample``."""
        out = {self.laws[k][0] if k in self.laws else k: "policy" if k in self.laws else "own" for k in keys}
        if sample:
            out[self.sample] = "sample"
        return out

    def add(
        self,
        request: str,
        genre: str,
        target: int,
        subtopics: list[str],
        facts: list[dict[str, Any]],
        specifics: list[str],
        roles: dict[str, str],
        must_not: list[str] | None = None,
    ) -> None:
        """Append a task."""
        task: dict[str, Any] = {
            "id": f"{self.prefix}{len(self.tasks) + 1:02d}",
            "request": request,
            "genre": genre,
            "target_chars": target,
            "subtopics": subtopics,
            "expected_facts": facts,
            "sample_specifics": specifics,
            "roles": roles,
        }
        if must_not:
            task["sample_must_not_assert"] = must_not
        self.tasks.append(task)

    def write(self, folder: Path) -> None:
        """Write ``folder/tasks.jsonl``, one task per line, and print how many."""
        with (folder / "tasks.jsonl").open("w", encoding="utf-8") as fh:
            for task in self.tasks:
                fh.write(json.dumps(task, ensure_ascii=False) + "\n")
        print(len(self.tasks))
