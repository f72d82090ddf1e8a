"""The drafting-task sets whose tasks give each file its role hold to the rules they were written under
(evals/draft_verify.py): evidence verbatim and found once in its file, roles, sub-topics inside the
request, lengths, and no request copying more than 10 characters of any document."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from evals.collection import TARBALL
from evals.draft_verify import main

ROOT = Path(__file__).resolve().parents[1]
SETS = ("draft_heldout", "draft_train2", "draft_heldout2", "draft_dev", "draft_train3")


@pytest.mark.parametrize("name", SETS)
def test_set_passes_its_checks(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not TARBALL.is_file():
        pytest.skip(f"{TARBALL} 不存在")
    assert main(ROOT / "evals" / name, ["--bench", str(TARBALL)]) == 0, capsys.readouterr().out


def test_a_fact_not_in_its_file_fails_the_checks(tmp_path: Path) -> None:
    if not TARBALL.is_file():
        pytest.skip(f"{TARBALL} 不存在")
    source = ROOT / "evals" / "draft_train2"
    (tmp_path / "docs").mkdir()
    for path in (source / "docs").iterdir():
        (tmp_path / "docs" / path.name).write_bytes(path.read_bytes())
    tasks = [json.loads(line) for line in (source / "tasks.jsonl").read_text(encoding="utf-8").splitlines() if line]
    own = next(f for t in tasks for f in t["expected_facts"] if f["kind"] == "own")
    own["evidence"] = "这一句并不在任何一份材料里出现，是为检查而编的。"
    (tmp_path / "tasks.jsonl").write_text(
        "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in tasks), encoding="utf-8"
    )
    assert main(tmp_path, ["--bench", str(TARBALL)]) == 1


@pytest.mark.parametrize("name", ("draft_dev", "draft_heldout2", "draft_train2"))
def test_the_shared_task_builder_regenerates_the_committed_set(name: str, tmp_path: Path) -> None:
    folder = tmp_path / "evals" / name
    folder.mkdir(parents=True)
    (folder / "gen.py").write_bytes((ROOT / "evals" / name / "gen.py").read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, str(folder / "gen.py")], check=True, env=env, capture_output=True)
    assert (folder / "tasks.jsonl").read_bytes() == (ROOT / "evals" / name / "tasks.jsonl").read_bytes()
