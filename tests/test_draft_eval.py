"""`govdoc eval --drafts` end to end on two hand-written tasks: corpus from data/ and the bench laws, both roles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from evals.collection import TARBALL
from govdoc.cli import main

REPORT = "2022年中小学校贯彻党组织领导下的校长负责制试点工作落实情况汇报材料.txt"
TASKS = [
    {
        "id": "x1",
        "request": "帮我写个汇报，讲议事决策机制和师德师风建设两块，1000字左右",
        "genre": "汇报材料",
        "target_chars": 1000,
        "subtopics": ["议事决策机制", "师德师风建设"],
        "expected_facts": [
            {"subtopic": "师德师风建设", "evidence": "完成了本学期对220余名教师的师德师风考核工作", "file": REPORT, "kind": "own"}
        ],
        "sample_specifics": ["220余名"],
    },
    {
        "id": "x2",
        "request": "拟个通知，讲清楚幼小衔接的要求",
        "genre": "通知",
        "target_chars": 600,
        "subtopics": [],
        "expected_facts": [
            {
                "subtopic": "",
                "evidence": "幼儿园与小学应当互相衔接配合，共同帮助儿童做好入学准备和入学适应。",
                "file": "学前教育法(2024-11-08).md",
                "kind": "policy",
            }
        ],
        "sample_specifics": [],
    },
]


@pytest.mark.skipif(not TARBALL.is_file(), reason="bench corpus not present")
def test_eval_drafts_reports_both_roles(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    monkeypatch.setenv("GOVDOC_WORKER__ENABLED", "false")
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text("\n".join(json.dumps(t, ensure_ascii=False) for t in TASKS), encoding="utf-8")
    out = tmp_path / "report"
    assert main(["eval", "--drafts", str(tasks), "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert set(summary) >= {"own", "sample", "seconds"}
    for role in ("own", "sample"):
        assert summary[role]["tasks"] == 2 and summary[role]["markers"] == 1.0
        rows = [json.loads(line) for line in (out / f"drafts-{role}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in rows] == ["x1", "x2"]
    own = {r["id"]: r for r in map(json.loads, (out / "drafts-own.jsonl").read_text(encoding="utf-8").splitlines())}
    sample = {r["id"]: r for r in map(json.loads, (out / "drafts-sample.jsonl").read_text(encoding="utf-8").splitlines())}
    assert own["x1"]["check"]["checks"]["outline"] is True
    assert "220余名" in own["x1"]["draft"]["text"] and "220余名" not in sample["x1"]["draft"]["text"]
    assert summary["sample"]["specifics"] == 1.0 and summary["own"]["specifics"] is None
    assert "报告作为参考范文" in (out / "drafting.md").read_text(encoding="utf-8")
    assert not (Path("data") / "学前教育法(2024-11-08).md").exists()  # the bench law stays in the work folder


@pytest.mark.skipif(not TARBALL.is_file(), reason="bench corpus not present")
def test_eval_drafts_runs_a_set_that_fixes_each_files_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A held-out style set: its own docs/ beside the tasks, bench laws by path, a role per file, one pass."""
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    monkeypatch.setenv("GOVDOC_WORKER__ENABLED", "false")
    folder = tmp_path / "heldout"
    docs = folder / "docs"
    docs.mkdir(parents=True)
    own = "我校2025年秋季学期师德师风工作总结.txt"
    (docs / own).write_text(
        "我校2025年秋季学期师德师风工作总结\n一、师德师风建设\n学校建立了教师师德档案，每学期开展一次师德承诺签名活动。"
        "本学期组织全体教师学习新时代中小学教师职业行为十项准则。\n二、存在问题\n个别教师对师德规范学习不够深入。\n",
        encoding="utf-8",
    )
    (docs / REPORT).write_bytes((Path("data") / REPORT).read_bytes())
    law = "学前教育法(2024-11-08).md"
    task = {
        "id": "h1",
        "request": "帮我写个工作总结，讲师德师风建设和幼小衔接两块，800字左右",
        "genre": "工作总结",
        "target_chars": 800,
        "subtopics": ["师德师风建设", "幼小衔接"],
        "expected_facts": [
            {"subtopic": "师德师风建设", "evidence": "学校建立了教师师德档案", "file": own, "kind": "own"},
            {
                "subtopic": "幼小衔接",
                "evidence": "幼儿园与小学应当互相衔接配合，共同帮助儿童做好入学准备和入学适应。",
                "file": law,
                "kind": "policy",
                "bench_path": f"行政法/{law}",
            },
        ],
        "sample_specifics": [],
        "roles": {own: "own", law: "policy", REPORT: "sample"},
        "sample_must_not_assert": ["220余名"],
    }
    tasks = folder / "tasks.jsonl"
    tasks.write_text(json.dumps(task, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    assert main(["eval", "--drafts", str(tasks), "--out", str(out), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert set(summary) >= {"given", "seconds"} and "own" not in summary and "splits" not in summary
    row = json.loads((out / "drafts-given.jsonl").read_text(encoding="utf-8"))
    roles = {c["doc_title"]: c["role"] for c in row["draft"]["citations"]}
    assert roles.get("我校2025年秋季学期师德师风工作总结") == "own"
    assert set(roles.values()) <= {"own", "policy", "sample"} and roles.get("中华人民共和国学前教育法", "policy") == "policy"
    corpus = out / "draft-work-heldout" / "corpus"
    assert sorted(p.name for p in corpus.iterdir()) == sorted([own, REPORT, law])  # its docs and its law, not data/
    assert "220余名" not in row["draft"]["text"] and summary["given"]["specifics"] in (1.0, None)
    assert summary["given"]["markers"] == 1.0
    assert "按题集所定用途" in (out / "drafting.md").read_text(encoding="utf-8")


@pytest.mark.skipif(not TARBALL.is_file(), reason="bench corpus not present")
def test_eval_drafts_into_a_copied_work_folder_gives_the_reports_the_pass_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A work folder copied from an earlier run holds that run's files under their old keys, last set
    to samples: the next run drafts its own pass from its own corpus with the reports as ours."""
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    monkeypatch.setenv("GOVDOC_WORKER__ENABLED", "false")
    tasks = tmp_path / "tasks.jsonl"
    tasks.write_text(json.dumps(TASKS[0], ensure_ascii=False), encoding="utf-8")
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["eval", "--drafts", str(tasks), "--out", str(first), "--json"]) == 0
    shutil.copytree(first / "draft-work", second / "draft-work")
    capsys.readouterr()
    assert main(["eval", "--drafts", str(tasks), "--out", str(second), "--json"]) == 0
    row = json.loads((second / "drafts-own.jsonl").read_text(encoding="utf-8"))
    roles = {c["role"] for c in row["draft"]["citations"] if c["doc_title"] != "中华人民共和国学前教育法"}
    assert "sample" not in roles and "220余名" in row["draft"]["text"]
    sample = json.loads((second / "drafts-sample.jsonl").read_text(encoding="utf-8"))
    assert "220余名" not in sample["draft"]["text"]
