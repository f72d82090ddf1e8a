"""A request that names the law to draw on (按甲办法的要求…) opens with that law's rule on the whole topic,
even where its parts cite other articles of it (tests/data/drafting/named/, a made-up rule and a made-up
school's report); only a rule on our kind of unit qualifies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Draft, _on_unit
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "named"
WHOLE_RULE = "学校的学生公寓应当严格执行公寓安全管理制度"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("named")))
    assert not svc.ingest([DOCS / "学生公寓示范办法.md"]).errors
    assert not svc.ingest([DOCS / "我校公寓工作情况.txt"], role="own").errors
    yield svc
    svc.close()


def _body(draft: Draft) -> str:
    return "\n".join(s.text for s in draft.sections)


def test_a_named_law_opens_with_its_rule_on_the_whole_topic(service: GovdocService) -> None:
    draft = service.draft("按学生公寓示范办法的要求，给学校公寓做个自查，对照一下消防器材、夜间查寝这两条，600字左右。", who=LOCAL)
    first = draft.sections[0].text
    assert WHOLE_RULE in first and first.index(WHOLE_RULE) < first.index("配备消防器材")
    # The rule on another body is no basis of ours.
    assert "县级以上人民政府" not in _body(draft)


def test_a_law_named_by_a_short_name_is_the_named_law(service: GovdocService) -> None:
    # 公寓办法 keeps characters of 学生公寓示范办法 in order and ends in its kind: the request names it.
    draft = service.draft("按公寓办法的要求，给学校公寓做个自查，对照一下消防器材、夜间查寝这两条，600字左右。", who=LOCAL)
    first = draft.sections[0].text
    assert WHOLE_RULE in first and first.index(WHOLE_RULE) < first.index("配备消防器材")


def test_a_request_to_put_a_laws_articles_in_order_states_them_alone(service: GovdocService) -> None:
    # 理一下…那几条 asks for the law's articles (a study paper), not for a report on our work: the title and
    # the opening name the law in 《》, no unit's voice is put before it, and our own facts stay out.
    draft = service.draft("帮我理一下学生公寓示范办法里讲学校的那几条，讲讲消防器材、夜间查寝，600字", who=LOCAL)
    assert draft.topic == "《学生公寓示范办法》中讲学校的那几条"
    assert "理一下" not in draft.text and "我校《" not in draft.text
    assert "配备消防器材" in _body(draft)
    assert "灭火器240具" not in draft.text and "21时30分" not in draft.text


def test_without_a_named_law_parts_that_cite_one_take_no_more(service: GovdocService) -> None:
    draft = service.draft("给学校公寓做个自查，对照一下消防器材、夜间查寝这两条，600字左右。", who=LOCAL)
    assert "配备消防器材" in _body(draft) and WHOLE_RULE not in _body(draft)


def test_a_rule_is_on_our_unit_when_its_subject_names_it() -> None:
    assert _on_unit("学校的学生宿舍应当落实管理责任。", "学校")
    assert _on_unit("中小学应当配备校医。", "学校")
    assert _on_unit("幼儿园园长应当每学期召开一次家长会。", "幼儿园")
    assert not _on_unit("汉语文教材应当符合规范。", "学校")
    assert not _on_unit("社区家长学校应当定期开课。", "学校")
    assert not _on_unit("学校宿舍整洁明亮。", "学校")  # no rule at all


def test_a_part_that_finds_rules_in_the_named_law_cites_no_other_law(tmp_path: Path) -> None:
    """落实甲条例情况的自查报告: its part on funding cites 甲条例's funding rule, not another law's beside it."""
    named = tmp_path / "文化设施示范条例.md"
    named.write_text(
        "# 文化设施示范条例\n\n（本文件为测试用的示范条文，不是真实法规。）\n\n"
        "第一条 县级人民政府应当将文化设施建设经费纳入本级财政预算，保障文化设施的经费。\n\n"
        "第二条 文化设施应当免费向公众开放。\n",
        encoding="utf-8",
    )
    other = tmp_path / "学校经费示范办法.md"
    other.write_text(
        "# 学校经费示范办法\n\n（本文件为测试用的示范条文，不是真实法规。）\n\n"
        "第一条 县级以上人民政府应当建立经费保障机制，保障学校建设经费。\n\n"
        "第二条 国务院和县级以上地方人民政府应当设立专项资金，用于经费保障。\n\n"
        "第三条 各级人民政府应当加大经费保障力度，逐步提高经费保障水平。\n",
        encoding="utf-8",
    )
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([named, other]).errors
        draft = svc.draft("帮我写一份我局落实文化设施示范条例情况的自查报告，重点写经费保障和免费开放", who=LOCAL)
    finally:
        svc.close()
    funds = next(s for s in draft.sections if s.heading == "经费保障")
    assert "文化设施建设经费纳入本级财政预算" in funds.text, draft.text
    assert "经费保障机制" not in draft.text and all("学校经费示范办法" not in c.doc_title for c in draft.citations)
