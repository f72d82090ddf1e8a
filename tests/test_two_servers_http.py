"""Two real ``govdoc serve`` processes on different ports, one PostgreSQL index.

A uploads a file over HTTP; B, started with ``--no-index`` and another local cache folder, answers
from it with the same answer and citations as A. Then A is killed (SIGKILL) and B keeps answering.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path

import httpx
import pytest
from index_checks import ROOT, child, free_port
from test_concurrency import wait_until_up

from ingest.backend import open_store
from ingest.config import StoreSettings
from ingest.embed import HashingEmbedder

pytestmark = pytest.mark.slow

UPLOAD = (
    "校园绿化管理办法\n\n第一条 校园绿化由后勤服务中心负责，每年三月组织一次全校植树活动。\n"
    "第二条 各班级负责认领并养护教学楼前的花坛。\n"
)


def ask(base: str, question: str) -> dict[str, object]:
    response = httpx.post(f"{base}/api/ask", json={"question": question}, timeout=120)
    assert response.status_code == 200, response.text
    body = dict(response.json())
    body.pop("timings_ms", None)
    return body


def test_upload_through_one_server_is_answered_by_the_other(tmp_path: Path, postgres_dsn: str) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_")}
    env.update(
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        GRADIO_ANALYTICS_ENABLED="False",
        GOVDOC_EMBEDDING__MODE="hashing",
        GOVDOC_DATA_DIR=str(tmp_path / "data"),
        GOVDOC_STORE__BACKEND="postgres",
        GOVDOC_STORE__DSN=postgres_dsn,
        GOVDOC_STORE__COLLECTION="http_servers",
    )
    port_a, port_b = free_port(), free_port()
    a_url, b_url = f"http://127.0.0.1:{port_a}", f"http://127.0.0.1:{port_b}"
    serve = [sys.executable, "-m", "govdoc", "serve"]
    env_a = {**env, "GOVDOC_STORE__INDEX_DIR": str(tmp_path / "cache-a")}
    env_b = {**env, "GOVDOC_STORE__INDEX_DIR": str(tmp_path / "cache-b")}
    with child([*serve, "--port", str(port_a)], env_a, tmp_path, tmp_path / "a.log") as a:
        wait_until_up(a_url, a, tmp_path / "a.log")
        with child([*serve, "--port", str(port_b), "--no-index"], env_b, tmp_path, tmp_path / "b.log") as b:
            wait_until_up(b_url, b, tmp_path / "b.log")
            law = "教师享有哪些权利？"
            assert ask(b_url, law) == ask(a_url, law)
            response = httpx.post(
                f"{a_url}/api/documents", files={"file": ("校园绿化管理办法.txt", UPLOAD.encode(), "text/plain")}, timeout=300
            )
            assert response.status_code == 200, response.text
            assert response.json()["added"] == 1
            # Both servers' background workers fill in the vectors; answers compare once they are in.
            settings = StoreSettings(backend="postgres", dsn=postgres_dsn, collection="http_servers", index_dir=tmp_path / "probe")
            embedder = HashingEmbedder()
            with open_store(settings, embedder.name, embedder.dim) as index:
                deadline = time.monotonic() + 120
                while index.waiting_count() and time.monotonic() < deadline:
                    time.sleep(0.2)
                assert index.waiting_count() == 0
            question = "校园绿化由哪个部门负责？"
            from_b = ask(b_url, question)
            assert not from_b["refused"]
            assert any("后勤服务中心" in str(c["quote"]) for c in from_b["citations"])  # type: ignore[attr-defined]
            assert from_b == ask(a_url, question)
            a.send_signal(signal.SIGKILL)
            a.wait(timeout=30)
            assert ask(b_url, question) == from_b
            assert ask(b_url, law)["citations"]
