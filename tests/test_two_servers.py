"""Two govdoc services on one PostgreSQL index answer as one, and as the embedded index does.

Service A ingests, service B (another local cache folder, as on another machine) answers; a
third service on the embedded sqlite + Chroma index is the reference. Questions are made from the
bundled laws' own articles, so nothing here is tuned to an answer.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"


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
