"""The entrance examinations by their everyday short names (中考, 高考): rules write them in full
(中等学校招生考试, 高等学校招生统一考试), and a question or a draft in the short names finds those rules."""

from __future__ import annotations

from pathlib import Path

from index_checks import hashing_settings

from assistant.evidence import term_coverage_with_synonyms
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

RULES = """# 某市考试环境保障办法

第八条 在举行中等学校招生考试、高等学校招生统一考试期间，考点周边禁止进行产生噪声的施工作业。

第九条 考点学校应当配备备用电源。
"""


def test_the_short_names_are_covered_by_the_full_ones() -> None:
    assert term_coverage_with_synonyms("中考", "在举行中等学校招生考试期间") == 1.0
    assert term_coverage_with_synonyms("高考", "高等学校招生统一考试期间") == 1.0


def test_a_question_about_zhongkao_is_answered_by_the_rule_on_the_full_name(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "考试环境保障办法.md").write_text(RULES, encoding="utf-8")
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([tmp_path / "docs"]).errors
        answer = svc.ask("中考那几天，考点旁边的工地能施工吗？", who=LOCAL)
    finally:
        svc.close()
    assert not answer.refused, answer.notes
    assert "中等学校招生考试" in answer.text
