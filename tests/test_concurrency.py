"""Questions and ingest at the same time, over real processes and sockets.

1. A real ``govdoc serve`` on a free 127.0.0.1 port: 20 questions at once (``/api/ask`` and
   ``/v1/chat/completions``, from threads) while a larger upload is being ingested by
   ``POST /api/documents``. Every question is answered, no error, and each answer is the answer to
   its own question (as asked alone before or after the upload; the 20 answers all differ).
2. One process ingesting repeatedly (files added, changed, deleted) while this process queries the
   same index: no query fails, and afterwards the index passes the consistency check.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from index_checks import GOVDOC, ROOT, assert_consistent, child, free_port, govdoc_env

from govdoc import openai_compat as oa
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings

pytestmark = pytest.mark.slow

N_QUESTIONS = 20
START_TIMEOUT_S = 240


def wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"govdoc serve 退出（{process.returncode}）：{log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{base}/v1/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"govdoc serve 在 {START_TIMEOUT_S} 秒内没有就绪：{log.read_text(errors='replace')[-2000:]}")


def candidate_questions() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "evals/testset.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [row["question"] for row in rows if row.get("answerable", True)]


def ask_api(client: httpx.Client, question: str) -> str:
    response = client.post("/api/ask", json={"question": question})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["question"] == question
    return str(body["answer"])


def ask_chat(client: httpx.Client, question: str) -> str:
    body = {"model": "govdoc", "messages": [{"role": "user", "content": question}]}
    response = client.post("/v1/chat/completions", json=body)
    assert response.status_code == 200, response.text
    return oa.strip_footer(response.json()["choices"][0]["message"]["content"])


def large_upload(size_bytes: int) -> bytes:
    """Real sentences from data/ in numbered parts, about ``size_bytes`` long."""
    lines = [
        line.strip()
        for source in sorted((ROOT / "data").glob("*.md"))
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    block = "\n".join(lines) + "\n"
    parts: list[str] = ["关于汇编教育法律条文的说明\n"]
    size, n = 0, 0
    while size < size_bytes:
        n += 1
        piece = f"第{n}部分\n{block}"
        parts.append(piece)
        size += len(piece.encode("utf-8"))
    return "".join(parts).encode("utf-8")


def test_twenty_questions_while_an_upload_ingests_on_govdoc_serve(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    port = free_port()
    env = govdoc_env(
        tmp_path / "index",
        GOVDOC_DATA_DIR=str(tmp_path / "data"),
        GOVDOC_UI__MAX_CONCURRENCY="32",
        GOVDOC_UI__UPLOAD_MAX_MB="20",
        GOVDOC_UI__UPLOAD_MAX_CHUNKS="10000",  # a long ingest on purpose
    )
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with child([*GOVDOC, "serve", "--port", str(port)], env, tmp_path, log) as server:
        wait_until_up(base, server, log)
        with httpx.Client(base_url=base, timeout=120) as c:
            before: dict[str, str] = {}
            for question in candidate_questions():
                text = ask_api(c, question)
                if "未找到" not in text and text not in before.values():
                    before[question] = text
                if len(before) == N_QUESTIONS:
                    break
        assert len(before) == N_QUESTIONS
        questions = list(before)

        upload = large_upload(2 * 1024 * 1024)
        upload_done = threading.Event()
        upload_result: dict[str, Any] = {}

        def do_upload() -> None:
            with httpx.Client(base_url=base, timeout=600) as uc:
                response = uc.post("/api/documents", files={"file": ("法律条文汇编.txt", upload, "text/plain")})
                upload_result["status"] = response.status_code
                upload_result["body"] = response.json()
                upload_result["at"] = time.monotonic()
            upload_done.set()

        uploader = threading.Thread(target=do_upload)
        uploader.start()
        stored = tmp_path / "data" / "uploads" / "法律条文汇编.txt"
        deadline = time.monotonic() + 60
        while not stored.exists():  # stored: the ingest of it has begun
            assert time.monotonic() < deadline and not upload_done.is_set(), upload_result
            time.sleep(0.05)

        def ask(i: int) -> tuple[str, str, float]:
            question = questions[i]
            with httpx.Client(base_url=base, timeout=300) as qc:
                text = ask_api(qc, question) if i % 2 == 0 else ask_chat(qc, question)
            return question, text, time.monotonic()

        with ThreadPoolExecutor(max_workers=N_QUESTIONS) as pool:
            results = list(pool.map(ask, range(N_QUESTIONS)))
        uploader.join(600)
        assert upload_result["status"] == 200, upload_result
        assert upload_result["body"]["added"] == 1 and not upload_result["body"]["errors"]
        # The questions really ran while the upload was ingesting.
        overlapped = sum(1 for _, _, at in results if at < upload_result["at"])
        assert overlapped >= 1, "every answer came after the upload finished: no overlap was tested"

        with httpx.Client(base_url=base, timeout=120) as c:
            after = {q: ask_api(c, q) for q in questions}
            documents = c.get("/api/documents").json()
    assert len(results) == N_QUESTIONS
    for question, text, _ in results:
        assert text in (before[question], after[question]), question
    assert any(d["source"].endswith("uploads/法律条文汇编.txt") for d in documents)
    assert "Traceback" not in log.read_text(errors="replace")


# ----------------------------------------------------------------------------- two processes

_WRITER = textwrap.dedent(
    """
    import shutil, sys
    from pathlib import Path
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    index_dir, folder, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    service = GovdocService(Settings(embedding={"mode": "hashing"}, store={"index_dir": index_dir}))
    laws = sorted(Path(sys.argv[4]).glob("*.md"))
    for r in range(rounds):
        for n, law in enumerate(laws):
            target = folder / f"law{n}.md"
            if (r + n) % 3 == 0:
                target.unlink(missing_ok=True)  # deleted this round, pruned below
            else:
                text = law.read_text(encoding="utf-8")
                target.write_text(text + f"\\n第九百条 第{r}轮修订的补充条文。\\n", encoding="utf-8")
        report = service.ingest([folder], prune=True)
        assert not report.errors, report.errors
        print(f"round {r}: +{report.added} -{report.removed}", flush=True)
    service.close()
    """
)


def test_ingest_in_one_process_while_another_queries_keeps_the_index_consistent(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    index_dir = tmp_path / "index"
    settings = Settings(embedding={"mode": "hashing"}, store={"index_dir": index_dir})
    reader = GovdocService(settings)
    seed = reader.ingest([ROOT / "data" / next(p.name for p in (ROOT / "data").glob("教育法*.md"))])
    assert seed.added == 1
    log = tmp_path / "writer.log"
    code = [sys.executable, "-c", _WRITER, str(index_dir), str(folder), "12", str(ROOT / "data")]
    queries = 0
    failures: list[str] = []
    try:
        with child(code, govdoc_env(index_dir), ROOT, log) as writer:
            while writer.poll() is None:
                for mode in ("bm25", "dense", "hybrid"):
                    try:
                        hits, _ = reader.retrieve("教师应当履行哪些义务？", retrieval=mode, k=5)
                        assert hits and all(h.chunk.text for h in hits)
                        answer = reader.ask("教育经费由谁保障？", retrieval=mode, who=LOCAL)
                        cited = {h.chunk.id: h.chunk.text for h in answer.hits}
                        for citation in answer.citations:
                            assert citation.quote in cited[citation.chunk_id]
                    except Exception as exc:  # collected, so the writer's state is still checked below
                        failures.append(f"{mode}: {type(exc).__name__}: {exc}")
                    queries += 1
            assert writer.wait(timeout=300) == 0, log.read_text(errors="replace")
        assert not failures, failures[:5]
        assert queries >= 10, f"only {queries} queries ran while the writer wrote"
        assert "round 11" in log.read_text()
        assert_consistent(reader.index)
        report = reader.index.repair()
        assert (report.orphans_removed, report.missing_vectors) == (0, 0)
        # The reader sees the writer's last round.
        hits, _ = reader.retrieve("第11轮修订的补充条文", retrieval="bm25", k=3)
        assert "第11轮修订" in hits[0].chunk.text
    finally:
        reader.close()
