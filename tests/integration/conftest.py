"""Fixtures of the LLM integration tests: the tiny GGUF, a real llama-cpp-python server, an index of data/.

The model and llama-cpp-python come from ``make llm-deps``. Without them these tests are skipped
on a developer machine and fail under CI (``CI`` set), so a broken install step cannot hide.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from index_checks import ROOT, build_hashing_index, child, free_port

DATA = Path(__file__).resolve().parents[2] / "data"
MODEL_ALIAS = "qwen2.5-0.5b-instruct"
START_TIMEOUT_S = 180


def _missing(reason: str) -> None:
    message = f"{reason}：请先运行 make llm-deps"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def tiny_model() -> Path:
    """The assembled GGUF (``make llm-deps``)."""
    from assistant.models import SIZE, default_model_path

    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        _missing("未安装 llama-cpp-python")
    path = default_model_path()
    if not path.is_file() or path.stat().st_size != SIZE:
        _missing(f"找不到小模型 {path}")
    return path


@dataclass(frozen=True)
class LlamaServer:
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path


@pytest.fixture(scope="session")
def llama_server(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    """``python -m llama_cpp.server`` on a free loopback port, stopped at the end of the session."""
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    cmd = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(tiny_model), "--model_alias", MODEL_ALIAS,
        "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "4096",
    ]  # fmt: skip
    with child(cmd, os.environ, ROOT, log) as process:
        server = LlamaServer(f"http://127.0.0.1:{port}/v1", process, log)
        _wait_until_up(server)
        yield server


def _wait_until_up(server: LlamaServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            tail = server.log.read_text(encoding="utf-8", errors="replace")[-2000:]
            pytest.fail(f"llama_cpp.server 退出（{server.process.returncode}）：{tail}")
        try:
            with urllib.request.urlopen(f"{server.base_url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    pytest.fail(f"llama_cpp.server 在 {START_TIMEOUT_S} 秒内没有就绪")


@pytest.fixture(scope="session")
def data_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of data/ with the hashing embedder (fast; retrieval quality is not under test here)."""
    return build_hashing_index(tmp_path_factory.mktemp("llm-index"), DATA)
