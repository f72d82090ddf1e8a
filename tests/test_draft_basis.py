"""How laws stand beside our own facts in a section (tests/data/drafting/titles/, made-up rules and a
made-up school's report): a law's title or the unit's own word does not make its articles about a heading,
and a section with our own facts cites only a few articles as their basis."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Draft, _beside_unit, _is_used, _Point
from assistant.evidence import focus_of
from assistant.types import Hit
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.types import Chunk

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "titles"
REQUEST = "帮我起草一份汇报，讲讲校园安全和卫生保健两块，800字"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("titles")))
    assert not svc.ingest([DOCS / "桶装饮水安全示范办法.md", DOCS / "健康促进示范规定.md"]).errors
    assert not svc.ingest([DOCS / "我校后勤工作情况.txt"], role="own").errors
    yield svc
    svc.close()


def _section(draft: Draft, heading: str) -> str:
    return next(s.text for s in draft.sections if s.heading == heading)


def test_neither_a_laws_title_nor_the_units_own_word_makes_an_article_about_a_heading(service: GovdocService) -> None:
    draft = service.draft(REQUEST, who=LOCAL)
    safety = _section(draft, "校园安全")
    # 学校 names the unit, not its safety; 安全 of the title names what the whole law is about, not this article.
    assert "桶装" not in safety and "健康体检" not in safety and "根据《" not in safety
    assert "宿舍管理员实行24小时值班" in safety


def test_a_section_with_our_own_facts_cites_few_articles(service: GovdocService) -> None:
    health = _section(service.draft(REQUEST, who=LOCAL), "卫生保健")
    articles = set(re.findall(r"第[一二三四五六七八九十]+条", health))
    assert 1 <= len(articles) <= 2
    # The room goes to our own facts: all of them are stated.
    for fact in ("接诊学生1350人次", "体检率为99.6%", "卫生流动红旗班级16个", "全学期共授课540节"):
        assert fact in health


def test_the_units_own_word_leaves_the_heading_only_when_more_is_left() -> None:
    focus = focus_of("校园安全", lambda term: 1.0)
    assert [t for t, _ in _beside_unit(focus, "学校").terms] == ["安全"]
    assert _beside_unit(focus, "") == focus and _beside_unit(focus, "幼儿园") == focus
    alone = focus_of("校园", lambda term: 1.0)
    assert _beside_unit(alone, "学校") == alone


def test_a_topic_that_asks_for_the_rules_states_them_however_many(service: GovdocService) -> None:
    draft = service.draft("帮我把健康促进示范规定里关于卫生保健和健康体检的规定理一理，整理成学习资料，800字", who=LOCAL)
    assert len(set(re.findall(r"第[一二三四五六七八九十]+条", _section(draft, "卫生保健")))) >= 3


def _point(text: str, doc: str, role: str | None) -> _Point:
    from ingest.role import ROLE_KEY

    extra = {ROLE_KEY: role} if role else {}
    chunk = Chunk(f"{doc}-c", doc, doc, f"{doc}.txt", "", None, 0, len(text), text, extra=extra)
    return _Point(Hit(chunk, 1.0, 1), 0, len(text), 1.0)


def test_our_fact_that_quotes_a_short_rule_is_no_repeat_of_it() -> None:
    rule = _point("严禁在宿舍内使用明火。", "规定", "policy")
    ours = _point("组织严禁在宿舍内使用明火专题教育3次，全学期未发现违规用火。", "我校", "own")
    assert not _is_used(ours, [rule], "own")  # it says what we did about the rule
    assert _is_used(rule, [ours], "own")  # the rule is in our fact's words already
    # Within one role a short point inside a longer one is still a repeat, either way round.
    again = _point("严禁在宿舍内使用明火。本学期共检查宿舍120间。", "我校", "own")
    assert _is_used(_point("严禁在宿舍内使用明火，", "我校二", "own"), [again], "own")
    assert _is_used(again, [_point("严禁在宿舍内使用明火，", "我校二", "own")], "own")


def test_a_passage_without_a_role_takes_the_settings_default_role_when_compared() -> None:
    # Indexed before roles existed: with policy as the default it is a rule, and our fact that quotes it is
    # no repeat of it; with own as the default both are our facts, and the short one is inside the long one.
    rule = _point("严禁在宿舍内使用明火。", "旧材料", None)  # its title says no role either
    ours = _point("组织严禁在宿舍内使用明火专题教育3次，全学期未发现违规用火。", "我校", "own")
    assert not _is_used(ours, [rule], "policy")
    assert _is_used(ours, [rule], "own")
