"""Two govdoc services on one PostgreSQL index answer as one, and as the embedded index does.

Service A ingests, service B (another local cache folder, as on another machine) answers; a
third service on the embedded sqlite + Chroma index is the reference. Questions are made from the
bundled laws' own articles, so nothing here is tuned to an answer.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FILES = 150


def article_questions(n: int) -> list[str]:
    """``n`` questions: the opening clause of evenly spaced articles of the bundled laws."""
    clauses = []
    for source in sorted(DATA_DIR.glob("*.md")):
        for line in source.read_text(encoding="utf-8").splitlines():
            match = re.match(r"第[一二三四五六七八九十百]+条\s*([^，。：:；]{8,30})", line.strip())
            if match:
                clauses.append(match.group(1) + "？")
    step = max(1, len(clauses) // n)
    return clauses[::step][:n]


def service(tmp_path: Path, name: str, **store: object) -> GovdocService:
    settings = Settings(
        data_dir=DATA_DIR,
        embedding={"mode": "hashing"},
        store={"index_dir": tmp_path / name, **store},
    )
    return GovdocService(settings)


def same_answer(service: GovdocService, question: str) -> dict[str, object]:
    answer = service.ask(question, who=LOCAL).to_json()
    answer.pop("timings_ms")
    return answer


def test_ingest_through_one_server_and_ask_through_another(tmp_path: Path, postgres_dsn: str) -> None:
    shared = {"backend": "postgres", "dsn": postgres_dsn, "collection": "two_servers"}
    a, b = service(tmp_path, "server-a", **shared), service(tmp_path, "server-b", **shared)
    local = service(tmp_path, "local")
    try:
        for one in (a, local):
            report = one.ingest([DATA_DIR])
            assert not report.errors, report.errors
        assert b.index.sources() == local.index.sources()
        assert b.index.chunks() == local.index.chunks()
        questions = article_questions(8)
        answers = {q: same_answer(b, q) for q in questions}
        assert any(not answer["refused"] and answer["citations"] for answer in answers.values())
        for question, answer in answers.items():
            assert answer == same_answer(local, question), question
            assert answer == same_answer(a, question), question

        # A file that comes in through A after B has answered (and built its BM25) is found by B.
        extra = tmp_path / "incoming" / "校园绿化管理办法.md"
        extra.parent.mkdir()
        extra.write_text(
            "# 校园绿化管理办法\n\n第一条 校园绿化由后勤服务中心负责，每年三月组织一次全校植树活动。\n"
            "第二条 各班级负责认领并养护教学楼前的花坛。\n",
            encoding="utf-8",
        )
        generation = b.index.generation()
        assert not a.ingest([extra]).errors
        assert b.index.generation() > generation
        answer = b.ask("校园绿化由哪个部门负责？", who=LOCAL)
        assert not answer.refused
        assert any("后勤服务中心" in c.quote for c in answer.citations)
    finally:
        for one in (a, b, local):
            one.close()


def test_twenty_questions_split_over_two_servers_each_get_their_own_answer(tmp_path: Path, postgres_dsn: str) -> None:
    shared = {"backend": "postgres", "dsn": postgres_dsn, "collection": "twenty"}
    a, b = service(tmp_path, "server-a", **shared), service(tmp_path, "server-b", **shared)
    try:
        assert not a.ingest([DATA_DIR]).errors
        questions = article_questions(20)
        expected = {q: same_answer(a, q) for q in questions}
        with ThreadPoolExecutor(max_workers=4) as pool:
            got = list(pool.map(lambda n: same_answer((a, b)[n % 2], questions[n]), range(len(questions))))
        for question, answer in zip(questions, got, strict=True):
            assert answer["question"] == question
            assert answer == expected[question]
    finally:
        a.close()
        b.close()


def test_a_server_killed_during_an_ingest_leaves_the_other_answering(tmp_path: Path, postgres_dsn: str) -> None:
    """Server A's ingest (a real ``govdoc ingest`` process) is killed mid-way; B answers as before; the next ingest completes."""
    shared = {"backend": "postgres", "dsn": postgres_dsn, "collection": "killed"}
    b = service(tmp_path, "server-b", **shared)
    try:
        assert not b.ingest([DATA_DIR]).errors
        questions = article_questions(4)
        before = {q: same_answer(b, q) for q in questions}
        corpus = tmp_path / "more"
        corpus.mkdir()
        for n in range(FILES):
            (corpus / f"通知{n:02d}.md").write_text(
                f"# 关于第{n}号事项的通知\n\n第一条 本通知编号为{n}号。\n第二条 本事项由第{n}工作组办理。\n",
                encoding="utf-8",
            )
        env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_")}
        env.update(
            PYTHONPATH=str(ROOT),
            PYTHONUNBUFFERED="1",
            GOVDOC_EMBEDDING__MODE="hashing",
            GOVDOC_STORE__BACKEND="postgres",
            GOVDOC_STORE__DSN=postgres_dsn,
            GOVDOC_STORE__COLLECTION="killed",
            GOVDOC_STORE__INDEX_DIR=str(tmp_path / "server-a"),
        )
        command = [sys.executable, "-m", "govdoc", "ingest", str(corpus)]
        ingest = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Killed as soon as B sees three of its files: mid-way through the folder, wherever A is.
        while len(b.index.sources()) < 4 + 3 and ingest.poll() is None:
            time.sleep(0.01)
        ingest.send_signal(signal.SIGKILL)
        ingest.wait(timeout=60)
        assert ingest.returncode == -signal.SIGKILL
        assert 3 <= len(b.index.sources()) - 4 < FILES  # some of the new files are in, not all
        for question, answer in before.items():
            assert same_answer(b, question) == answer
        done = subprocess.run([*command, "--wait"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert len(b.index.sources()) == 4 + FILES
        assert b.index.waiting_count() == 0
        answer = b.ask("第39号事项的通知编号为多少号？", who=LOCAL)
        assert any("39号" in c.quote for c in answer.citations)
    finally:
        b.close()
