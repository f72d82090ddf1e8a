"""A level of government said by one character before a body (县档案馆, 市教育局): rules name the level (县级)."""

from __future__ import annotations

from pathlib import Path

from index_checks import hashing_settings

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

RULES = """# 某省学校档案管理办法

第十二条 属于省级和设区的市级档案馆接收范围的档案，学校应当自档案形成之日起满二十年即向有关的档案馆移交。属于县级档案馆接收范围的档案，学校应当自档案形成之日起满十年即向有关的县级档案馆移交。

第十三条 学校应当配备档案柜，做好防火、防潮工作。
"""


def test_a_county_body_said_by_one_character_is_answered_by_the_county_rule(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "学校档案管理办法.md").write_text(RULES, encoding="utf-8")
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([tmp_path / "docs"]).errors
        answer = svc.ask("我们学校的档案归县档案馆接收，形成以后多少年要交过去？", who=LOCAL)
    finally:
        svc.close()
    assert not answer.refused, answer.notes
    assert "满十年" in answer.text and "满二十年" not in answer.text, answer.text
