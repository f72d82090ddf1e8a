"""The real answer path with a real tiny model: llama-cpp-python's OpenAI server and the in-process backend.

A 0.5B model answers poorly, so these tests assert the protocol and the checks (streaming, a final
answer, every kept [n] backed by a verbatim quote), never the quality of the prose.
"""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Reply

from assistant.llm import UNSUPPORTED_NOTE, UNVERIFIED_NOTE
from assistant.types import REFUSAL, Answer
from govdoc.accounts import LOCAL
from govdoc.cli import main
from govdoc.service import GovdocService
from govdoc.settings import load_settings, with_overrides

pytestmark = pytest.mark.integration

QUESTION = "第三中学党支部换届时设立了几名支委委员？"
MAX_TOKENS = "160"  # enough for a short cited answer, keeps each call to seconds on 2 cores


@pytest.fixture
def cli(data_index: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """``govdoc ask`` in process against the data/ index, returning (status, stdout, stderr)."""
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    monkeypatch.setenv("GOVDOC_LLM__MAX_TOKENS", MAX_TOKENS)

    def run(*argv: str) -> tuple[int, str, str]:
        code = main(["ask", *argv, "--index", str(data_index)])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def assert_checked(answer: Answer) -> None:
    """Every kept marker names a citation whose quote is verbatim text of the cited chunk."""
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert numbers <= {c.n for c in answer.citations}
    chunks = {h.chunk.id: h.chunk for h in answer.hits}
    for c in answer.citations:
        chunk = chunks[c.chunk_id]
        assert c.quote and c.quote in chunk.text
        assert chunk.text[c.start - chunk.start : c.end - chunk.start] == c.quote
    if answer.refused:
        assert answer.text == REFUSAL and not answer.citations
    elif not answer.verified:
        assert UNVERIFIED_NOTE in answer.notes or UNSUPPORTED_NOTE in answer.notes
    else:
        assert answer.citations


def test_govdoc_ask_streams_from_the_real_server(cli, llama_server, monkeypatch):
    monkeypatch.setenv("GOVDOC_LLM__BASE_URL", llama_server.base_url)
    monkeypatch.setenv("GOVDOC_LLM__FALLBACK_EXTRACTIVE", "false")
    code, out, err = cli(QUESTION, "--mode", "openai", "--stream", "--json", "--k", "3")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    deltas = [line["delta"] for line in lines if "delta" in line]
    assert len(deltas) >= 3, "the answer should arrive in several pieces"
    final = lines[-1]
    assert final["question"] == QUESTION and "answer" in final
    assert final["answer"].strip()
    assert set(final["timings_ms"]) >= {"retrieve", "answer"}
    for citation in final["citations"]:
        assert citation["quote"] and citation["doc_title"]


def test_service_answer_from_the_real_server_has_checked_citations(data_index, llama_server):
    settings = with_overrides(
        load_settings(),
        embedding={"mode": "hashing"},
        store={"index_dir": data_index},
        llm={"mode": "openai", "base_url": llama_server.base_url, "max_tokens": int(MAX_TOKENS), "fallback_extractive": False},
    )
    service = GovdocService(settings)
    try:
        answer = service.ask("教师应当履行哪些义务？", k=3, who=LOCAL)
        assert_checked(answer)
        assert answer.hits
        # The follow-up rewrite goes through the same server and returns one usable line.
        rewritten = service.llm().rewrite("那学生呢？", [("user", "教师应当履行哪些义务？"), ("assistant", answer.text)])
        assert rewritten.strip() and "\n" not in rewritten and len(rewritten) <= 200
    finally:
        service.close()


def test_in_process_llamacpp_mode_answers(data_index, tiny_model):
    settings = with_overrides(
        load_settings(),
        embedding={"mode": "hashing"},
        store={"index_dir": data_index},
        llm={"mode": "llamacpp", "model_path": tiny_model, "max_tokens": int(MAX_TOKENS), "fallback_extractive": False},
    )
    service = GovdocService(settings)
    try:
        items = list(service.ask_stream(QUESTION, k=3, who=LOCAL))
    finally:
        service.close()
    pieces = [i for i in items if isinstance(i, str)]
    final = items[-1]
    assert isinstance(final, Answer)
    assert len(pieces) >= 3 and "".join(pieces).strip()
    assert_checked(final)


def test_server_down_gives_a_clear_error_and_the_extractive_fallback(cli, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GOVDOC_LLM__BASE_URL", f"http://127.0.0.1:{port}/v1")
    monkeypatch.setenv("GOVDOC_LLM__FALLBACK_EXTRACTIVE", "false")
    code, out, err = cli(QUESTION, "--mode", "openai")
    assert code == 1 and out == ""
    assert f"无法连接大模型服务 http://127.0.0.1:{port}/v1" in err
    monkeypatch.setenv("GOVDOC_LLM__FALLBACK_EXTRACTIVE", "true")
    code, out, err = cli(QUESTION, "--mode", "openai")
    assert code == 0
    assert "7名支委委员" in out and "参考来源：" in out
    assert "大模型调用失败，已改用抽取式回答" in err


def test_slow_server_times_out(cli, monkeypatch):
    with FakeOpenAI() as slow:
        slow.enqueue(Reply("迟到的回答[1]。", delay_s=5.0), Reply("迟到的回答[1]。", delay_s=5.0))
        monkeypatch.setenv("GOVDOC_LLM__BASE_URL", slow.base_url)
        monkeypatch.setenv("GOVDOC_LLM__TIMEOUT_S", "1")
        monkeypatch.setenv("GOVDOC_LLM__FALLBACK_EXTRACTIVE", "false")
        code, _, err = cli(QUESTION, "--mode", "openai")
        assert code == 1 and "超时" in err
        monkeypatch.setenv("GOVDOC_LLM__FALLBACK_EXTRACTIVE", "true")
        code, out, err = cli(QUESTION, "--mode", "openai", "--json")
        assert code == 0
        assert json.loads(out)["notes"][0].startswith("大模型调用失败，已改用抽取式回答：大模型服务响应超时")
