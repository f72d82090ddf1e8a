"""The ingest-side CLI (`govdoc ingest/chunks/docs/remove`) and indexing.ensure_index, via main()."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from govdoc.cli import COMMAND_MODULES, build_parser, main
from govdoc.indexing import ensure_index, open_index
from govdoc.settings import load_settings

LAW = """# 中华人民共和国测试法

第一条 为了规范测试工作，保障测试质量，制定本法。

第二条 国家实行统一的测试制度。各级人民政府应当保障测试经费，加强测试队伍建设。

第三条 测试人员应当遵守宪法、法律和职业道德，为人师表。
"""

NOTICE = """关于开展测试工作的通知

各单位：为进一步做好测试工作，现将有关事项通知如下。

一、高度重视测试工作，明确责任分工。

二、按时报送测试材料，确保数据真实准确。
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    monkeypatch.setenv("GOVDOC_OCR__ENABLED", "false")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "law.md").write_text(LAW, encoding="utf-8")
    (docs / "notice.txt").write_text(NOTICE, encoding="utf-8")
    return tmp_path


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict]:
    code = main(argv)
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1, out
    return code, json.loads(out[0])


def test_ingest_json_shape_and_idempotence(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, first = run_json(capsys, ["ingest", "docs", "--json"])
    assert code == 0
    assert list(first) == ["added", "skipped", "removed", "documents", "chunks", "waiting", "errors"]
    assert first["added"] == 2
    assert first["errors"] == []
    assert {d["source"] for d in first["documents"]} == {"docs/law.md", "docs/notice.txt"}
    assert all(set(d) == {"title", "source", "chunks", "role"} for d in first["documents"])
    # ingest returns once the files are searchable by BM25: every chunk still waits for its vector.
    assert first["waiting"] == first["chunks"] > 0
    code, second = run_json(capsys, ["ingest", "docs", "--json"])
    assert code == 0
    assert second == {
        "added": 0,
        "skipped": 2,
        "removed": 0,
        "documents": [],
        "chunks": first["chunks"],
        "waiting": first["chunks"],
        "errors": [],
    }
    code, status = run_json(capsys, ["status", "--json"])
    assert code == 0
    # Nothing embedded yet, so no rate to tell the time left from.
    assert status == {"documents": 2, "chunks": first["chunks"], "waiting": first["chunks"], "eta_s": None}
    # --wait also runs phase two: nothing is re-read (files unchanged), every vector is filled in.
    code, third = run_json(capsys, ["ingest", "docs", "--wait", "--json"])
    assert code == 0
    assert (third["skipped"], third["chunks"], third["waiting"]) == (2, first["chunks"], 0)
    code, status = run_json(capsys, ["status", "--json"])
    assert status == {"documents": 2, "chunks": first["chunks"], "waiting": 0, "eta_s": 0}


def test_ingest_partial_failure_exits_2(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "docs" / "empty.txt").write_bytes(b"")
    code, report = run_json(capsys, ["ingest", "docs", "--json"])
    assert code == 2
    assert report["added"] == 2
    assert [e["file"] for e in report["errors"]] == ["docs/empty.txt"]
    assert report["errors"][0]["reason"]


def test_ingest_fatal_error_exits_1(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = workdir / "not-a-dir"
    blocker.write_text("x")
    assert main(["ingest", "docs", "--index", str(blocker), "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "无法创建索引目录" in captured.err


def test_ingest_human_output_is_chinese(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "docs"]) == 0
    captured = capsys.readouterr()
    assert "已入库：中华人民共和国测试法" in captured.out
    assert "完成：新增 2 个文件" in captured.out
    assert "[1/2] 处理 docs/law.md" in captured.err


def test_index_option_overrides_settings(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "docs", "--index", "elsewhere", "--json"]) == 0
    capsys.readouterr()
    assert list((workdir / "elsewhere").iterdir())
    code, _ = run_json(capsys, ["ingest", "docs", "--index", "elsewhere", "--json"])
    assert code == 0


def test_chunks_json_lines(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["ingest", "docs", "--json"])
    total = json.loads(capsys.readouterr().out)["chunks"]
    assert main(["chunks", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == total
    for row in rows:
        assert list(row) == ["id", "doc_title", "source", "section", "page", "start", "end", "text"]
        assert row["end"] - row["start"] == len(row["text"])
    assert main(["chunks"]) == 0
    assert f"共 {total} 个片段" in capsys.readouterr().out


def test_docs_and_remove(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["ingest", "docs", "--json"])
    capsys.readouterr()
    assert main(["docs", "--json"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {d["source"] for d in docs} == {"docs/law.md", "docs/notice.txt"}
    assert all(d["chunks"] > 0 for d in docs)
    code, removed = run_json(capsys, ["remove", "./docs/law.md", "--json"])
    assert code == 0
    assert removed["removed"] == "docs/law.md"
    assert removed["chunks"] > 0
    assert main(["remove", "docs/law.md"]) == 1
    assert "索引中没有文件 docs/law.md" in capsys.readouterr().err
    main(["docs", "--json"])
    assert [json.loads(line)["source"] for line in capsys.readouterr().out.splitlines()] == ["docs/notice.txt"]


def test_prune_via_cli(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["ingest", "docs", "--json"])
    capsys.readouterr()
    (workdir / "docs" / "notice.txt").unlink()
    code, report = run_json(capsys, ["ingest", "docs", "--prune", "--json"])
    assert code == 0
    assert report["removed"] == 1


def test_config_file_sets_settings(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GOVDOC_EMBEDDING__MODE")
    config = workdir / "govdoc-test.toml"
    config.write_text('[embedding]\nmode = "hashing"\n', encoding="utf-8")
    monkeypatch.setenv("GOVDOC_CONFIG", str(config))  # so monkeypatch undoes what main() sets
    assert main(["ingest", "docs", "--config", str(config), "--index", "ix", "--json"]) == 0
    assert [p.name.split("-")[0] for p in (workdir / "ix").iterdir()] == ["hashing"]
    assert main(["docs", "--config", str(workdir / "missing.toml")]) == 1
    assert "配置文件不存在" in capsys.readouterr().err


def test_main_sets_offline_environment(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "ANONYMIZED_TELEMETRY", "GRADIO_ANALYTICS_ENABLED"):
        monkeypatch.delenv(name, raising=False)
    assert main(["docs"]) == 0
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert os.environ["ANONYMIZED_TELEMETRY"] == "False"
    assert "索引为空" in capsys.readouterr().out


def test_every_subcommand_has_common_options() -> None:
    assert "ingest" in COMMAND_MODULES
    parser = build_parser()
    for argv in (["ingest", "x"], ["chunks"], ["docs"], ["remove", "s"]):
        args = parser.parse_args([*argv, "--index", "d", "--config", "c.toml"])
        assert args.index == Path("d")
        assert args.config == Path("c.toml")
        assert callable(args.func)


def test_ensure_index_builds_then_skips_then_prunes(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDOC_DATA_DIR", "docs")
    settings = load_settings()
    first = ensure_index(settings)
    assert (first.added, first.errors) == (2, [])
    second = ensure_index(settings)
    assert (second.added, second.skipped, second.chunks) == (0, 2, first.chunks)
    (workdir / "docs" / "notice.txt").unlink()
    third = ensure_index(settings)
    assert third.removed == 1
    index, embedder = open_index(settings)
    assert index.sources() == ["docs/law.md"]
    assert not embedder.loaded  # type: ignore[attr-defined]  # listing needs no model
    index.close()


def test_ingest_role_is_inferred_set_and_listed(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "docs" / "report.txt").write_text(
        "实验中学自查报告\n\n一是建立了校园开放日制度，每学期举办一次。\n", encoding="utf-8"
    )
    (workdir / "docs" / "plan.txt").write_text("本学期教研安排\n\n每周二下午集体备课。\n", encoding="utf-8")
    code, first = run_json(capsys, ["ingest", "docs", "--json"])
    assert code == 0
    assert {d["source"]: d["role"] for d in first["documents"]} == {
        "docs/law.md": "policy",  # a law by its title and its articles
        "docs/notice.txt": "policy",  # a 通知 from above
        "docs/report.txt": "sample",  # a report nobody said is ours
        "docs/plan.txt": "own",  # ingest.default_role
    }
    # An unchanged file given a role keeps its vectors and takes the role.
    code, again = run_json(capsys, ["ingest", "docs/report.txt", "--role", "own", "--json"])
    assert code == 0 and again["skipped"] == 1 and again["added"] == 0
    assert main(["docs", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["source"]: r["role"] for r in rows}["docs/report.txt"] == "own"
    code, _ = run_json(capsys, ["ingest", "docs/plan.txt", "--role", "sample", "--json"])
    assert main(["docs"]) == 0
    assert "参考范文" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["ingest", "docs", "--role", "mine"])
