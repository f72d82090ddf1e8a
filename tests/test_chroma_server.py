"""Store mode "server": vectors in a real ``chroma run`` on 127.0.0.1, the manifest in a shared index_dir.

``govdoc ingest`` writes through the server and a second process answers through it with the same
settings (env ``GOVDOC_STORE__MODE=server`` …), giving the same answer as a local index. Also: the
server restarting keeps the vectors; a wiped server is healed by the next ingest; a second index
folder cannot take over (and wipe) the first one's collection; a server that is down is a clear
error. Every server is stopped however the test ends.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from index_checks import ROOT, assert_consistent, child, free_port, govdoc_env, run_govdoc

from govdoc.settings import Settings
from ingest.config import EmbeddingSettings
from ingest.embed import HASHING_DIM, embedder_name
from ingest.store import Index, StoreError

pytestmark = pytest.mark.slow

CHROMA = Path(sys.executable).with_name("chroma")
QUESTION = "教师应当履行哪些义务？"
START_TIMEOUT_S = 90
HASHING = embedder_name(EmbeddingSettings(mode="hashing"))


@contextmanager
def chroma_server(path: Path, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``chroma run`` persisting in ``path``; stopped (terminate, then kill) when the block ends."""
    assert CHROMA.is_file(), f"chroma 命令不存在：{CHROMA}（随 chromadb 安装）"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    args = [str(CHROMA), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]
    with child(args, env, path.parent, log) as process:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                pytest.fail(f"chroma run 退出（{process.returncode}）：{log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, f"chroma run 在 {START_TIMEOUT_S} 秒内没有就绪"
            time.sleep(0.3)
        yield process
    assert process.poll() is not None, "the chroma server is still running"


def server_env(index_dir: Path, port: int, **extra: str) -> dict[str, str]:
    return govdoc_env(
        index_dir, GOVDOC_STORE__MODE="server", GOVDOC_STORE__HOST="127.0.0.1", GOVDOC_STORE__PORT=str(port), **extra
    )


def open_server_index(index_dir: Path, port: int) -> Index:
    settings = Settings(store={"mode": "server", "index_dir": index_dir, "host": "127.0.0.1", "port": port})
    return Index.open(settings.store, HASHING, HASHING_DIM)


def ask_json(env: dict[str, str], cwd: Path, question: str = QUESTION) -> dict[str, object]:
    done = run_govdoc(["ask", "--json", question], env, cwd=cwd)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def test_ingest_and_answer_through_a_chroma_server_from_two_processes(workdir: Path) -> None:
    port = free_port()
    env = server_env(workdir / "index", port)
    with chroma_server(workdir / "chroma", port, workdir / "chroma.log"):
        done = run_govdoc(["ingest", "--wait", "--json", "data"], env, cwd=workdir)
        assert done.returncode == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["added"] == 4 and not report["errors"]
        # Nothing of the vectors is stored locally: they live in the server's folder.
        root = next((workdir / "index").iterdir())
        assert (root / "manifest.sqlite3").is_file() and not (root / "chroma").exists()
        assert any((workdir / "chroma").iterdir())
        served = ask_json(env, workdir)  # a second process, same settings
        assert served["refused"] is False and served["citations"]
        index = open_server_index(workdir / "index", port)
        try:
            assert index.chunk_count() == report["chunks"]
            assert_consistent(index)
        finally:
            index.close()
        # The server restarting loses nothing.
    with chroma_server(workdir / "chroma", port, workdir / "chroma-2.log"):
        again = ask_json(env, workdir)
        assert again["answer"] == served["answer"]
        done = run_govdoc(["ingest", "--wait", "--json", "data"], env, cwd=workdir)
        assert json.loads(done.stdout)["skipped"] == 4
    # The same question on a local index of the same files gets the same answer.
    local_env = govdoc_env(workdir / "local-index")
    assert run_govdoc(["ingest", "--wait", "data"], local_env, cwd=workdir).returncode == 0
    local = ask_json(local_env, workdir)
    assert local["answer"] == served["answer"] and local["citations"] == served["citations"]


def test_a_wiped_server_is_refilled_by_the_next_ingest(workdir: Path) -> None:
    port = free_port()
    env = server_env(workdir / "index", port)
    with chroma_server(workdir / "chroma", port, workdir / "chroma.log"):
        assert run_govdoc(["ingest", "--wait", "data"], env, cwd=workdir).returncode == 0
        expected = ask_json(env, workdir)
    shutil.rmtree(workdir / "chroma")
    with chroma_server(workdir / "chroma", port, workdir / "chroma-2.log"):
        # Opening sees a manifest without vectors: every file is marked stale and re-embedded.
        done = run_govdoc(["ingest", "--wait", "--json", "data"], env, cwd=workdir)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["added"] == 4
        assert ask_json(env, workdir)["answer"] == expected["answer"]
        index = open_server_index(workdir / "index", port)
        try:
            assert_consistent(index)
        finally:
            index.close()


def test_a_second_index_folder_cannot_take_over_the_collection(workdir: Path) -> None:
    port = free_port()
    with chroma_server(workdir / "chroma", port, workdir / "chroma.log"):
        first = server_env(workdir / "index", port)
        assert run_govdoc(["ingest", "--wait", "data"], first, cwd=workdir).returncode == 0
        # A worker whose index_dir is not the shared one: refused, before it repairs anything away.
        stray = server_env(workdir / "other-index", port)
        done = run_govdoc(["ask", "--json", QUESTION], stray, cwd=workdir)
        assert done.returncode == 1
        assert "属于另一个索引目录" in done.stderr and "store.collection" in done.stderr
        with pytest.raises(StoreError, match="属于另一个索引目录"):
            open_server_index(workdir / "other-index", port)
        index = open_server_index(workdir / "index", port)
        try:
            assert_consistent(index)  # every vector of the first index is still there
        finally:
            index.close()
        # A separate index is fine under its own collection name.
        separate = server_env(workdir / "other-index", port, GOVDOC_STORE__COLLECTION="other")
        assert run_govdoc(["ingest", "--wait", "data"], separate, cwd=workdir).returncode == 0
        assert ask_json(separate, workdir)["citations"]


def test_a_server_that_is_down_is_a_clear_error(workdir: Path) -> None:
    port = free_port()
    done = run_govdoc(["ask", "--json", QUESTION], server_env(workdir / "index", port), cwd=workdir)
    assert done.returncode == 1
    assert f"无法打开 Chroma 服务 127.0.0.1:{port}" in done.stderr
    assert "chroma run" in done.stderr and "Traceback" not in done.stderr
