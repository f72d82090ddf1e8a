"""Drafting from a law's articles (tests/data/drafting/articles/, a made-up regulation): a short line of an
article is a statement, an article's other sentences stand beside the one on the heading and are stated
with it under one frame, a rule binding another body than ours is told apart, a draft on the genre's
standard outline opens with the policies' basis, and each thing a heading names is found in the words
the sources use for it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import (
    Draft,
    Drafter,
    DraftSettings,
    _binds_other,
    _is_statement,
    binds_person,
    short_heading,
)
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "articles"
TITLE = "教师管理示范办法"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    settings = hashing_settings(tmp_path_factory.mktemp("articles"))
    svc = GovdocService(settings)
    report = svc.ingest([DOCS / f"{TITLE}.md"])
    assert not report.errors and report.added
    assert not svc.ingest([DOCS / "我校师德建设情况.txt"], role="own").errors
    yield svc
    svc.close()


def _section(draft: Draft, heading: str) -> str:
    return next(s.text for s in draft.sections if s.heading == heading)


def _plain(text: str) -> str:
    return re.sub(r"\[\d+\]", "", text)


def test_a_short_line_of_an_article_is_a_statement_not_a_heading(service: GovdocService) -> None:
    draft = service.draft("帮我写份情况报告：我校教师管理的情况（考核、培训）", who=LOCAL)
    assert [s.heading for s in draft.sections] == ["考核", "培训"]
    # 考核结果作为聘任和评优的依据。 is a line of its own, but inside 第三条: a paragraph of the rule.
    assert "考核结果作为聘任和评优的依据" in _section(draft, "考核")


def test_an_articles_other_sentences_are_stated_with_it_under_one_frame(service: GovdocService) -> None:
    draft = service.draft("帮我写份情况报告：我校教师管理的情况（考核、培训）", who=LOCAL)
    training = _section(draft, "培训")
    # 所需经费… does not name 培训; it stands because its article is on the heading.
    paragraph = next(line for line in training.split("\n") if "所需经费在学校公用经费中列支" in line)
    assert "保证教师每年参加培训不少于七十二学时" in paragraph
    assert paragraph.count("第四条") == 1 and "该" not in paragraph.split("规定，", 1)[1]
    assert "不少于七十二学时。所需经费" in _plain(paragraph)  # the article reads on as one text
    quotes = {c.quote for c in draft.citations}
    assert any(q.startswith("所需经费") for q in quotes)  # each sentence keeps its own verbatim citation


def test_a_rule_that_binds_another_body_and_names_no_school() -> None:
    assert _binds_other("国家建立教师培训经费保障制度。", "学校")
    assert not _binds_other("学校应当制定教师培训计划。", "学校")
    assert not _binds_other("公安机关应当加强学校周边治安巡逻。", "学校")  # it is about the school's surroundings
    assert not _binds_other("考核结果作为聘任和评优的依据。", "学校")  # no body at all
    # Another kind of unit than the one the draft speaks for is another body too.
    assert _binds_other("幼儿园应当执行收费公示制度。", "学校")
    assert not _binds_other("幼儿园应当执行收费公示制度。", "幼儿园")


def test_a_draft_on_the_genres_outline_opens_with_the_basis(service: GovdocService) -> None:
    roles = {d.doc_id: d.role for d in service.documents(LOCAL)}
    assert sorted(roles.values()) == ["own", "policy"]

    def draft(settings: DraftSettings) -> Draft:
        return Drafter(service.retriever, service.extractive, settings=settings, roles=roles).draft(
            "帮我写个我校师德建设的情况报告"
        )

    with_basis, without = draft(DraftSettings()), draft(replace(DraftSettings(), basis_points=0))
    assert with_basis.outline_from == "genre"
    first = with_basis.sections[0].text
    assert "根据《教师管理示范办法》第二条规定，学校应当把师德建设放在教师队伍建设的首位" in _plain(first)
    # Without it the first part (基本情况) would be empty: our own material is all 主要做法.
    assert without.sections[0].heading in without.missing and "第二条" not in without.text
    assert [c.role for c in with_basis.citations][0] == "policy" and {c.role for c in without.citations} == {"own"}


def test_each_thing_a_heading_names_is_stated_in_the_sources_words(service: GovdocService) -> None:
    # Room for one point, which 校长负责制 alone would take: each thing named still gets its own. 教代会 is
    # what our report says, 教职工代表大会 what the rule says.
    roles = {d.doc_id: d.role for d in service.documents(LOCAL)}
    narrow = replace(DraftSettings(), max_points=1, point_chars=10_000)
    drafter = Drafter(service.retriever, service.extractive, settings=narrow, roles=roles)
    draft = drafter.draft("我校管理体制", ["校长负责制和教代会的法律依据"])
    (section,) = draft.sections
    assert "学校实行校长负责制" in section.text
    assert "以教师为主体的教职工代表大会" in section.text
    assert {c.role for c in draft.citations} == {"policy"}


def test_a_heading_asking_for_the_basis_of_an_abbreviation_finds_the_rule(service: GovdocService) -> None:
    draft = service.draft("我校管理体制", ["教代会在法律上的依据"], who=LOCAL)
    assert "以教师为主体的教职工代表大会" in draft.sections[0].text and not draft.missing


def test_a_sources_heading_that_runs_on_as_a_sentence_keeps_its_last_clause() -> None:
    assert short_heading("校长在对学校的教育教学和行政管理工作全面负责过程中,民主决策机制贯彻落实情况") == "民主决策机制贯彻落实情况"
    assert short_heading("强化理论武装，筑牢思想根基") == "强化理论武装，筑牢思想根基"
    assert short_heading("健全党支部对学校工作全面领导的组织体系") == "健全党支部对学校工作全面领导的组织体系"


def test_a_sub_heading_inside_a_passage_heads_the_sentences_under_it(tmp_path: Path) -> None:
    """1.党支部参与学校重大问题决策的情况 sits inside the passage of 一、…: its items are on that matter though
    they do not name it, while the passage's own heading (党组织发挥作用情况) is not."""
    settings = hashing_settings(tmp_path)
    svc = GovdocService(settings)
    try:
        assert not svc.ingest([DOCS.parent / "inner"], role="own").errors
        draft = svc.draft("帮我写份汇报：我校党建工作情况（支部参与学校重大决策、党员先锋作用）", who=LOCAL)
    finally:
        svc.close()
    section = _section(draft, "支部参与学校重大决策")
    assert "学校重大改革措施的出台" in section and "学期工作计划由党政共同研究制订" in section
    assert "党员教师带头承担公开课" not in section


def test_a_part_without_material_lends_its_length_to_a_full_one(service: GovdocService) -> None:
    draft = service.draft("我校管理体制", ["校长负责制", "食堂管理"], who=LOCAL, length=240)
    assert draft.missing == ("食堂管理",)
    quoted = sum(len(c.quote) for c in draft.citations)
    assert quoted > 240 // 2  # more than its even share: 校长负责制 says all 第六条 says, within the length
    assert draft.body_chars <= 240 * 1.3


def test_a_rule_binds_the_person_a_heading_is_about() -> None:
    assert binds_person("教师应当忠诚于人民的教育事业。", "", "老师")  # 老师 is 教师 in the law's words
    assert binds_person("遵守宪法、法律和职业道德，为人师表；", "教师应当履行下列义务：", "老师")  # an item of its list
    assert not binds_person("全社会都应当尊重教师。", "", "老师")  # names the teacher, binds society
    assert not binds_person("每年九月十日为教师节。", "", "老师")
    assert not binds_person("学校应当对教师进行考核。", "", "老师")


def test_the_clause_opening_an_articles_list_is_a_rule() -> None:
    line = "教师应当履行下列义务"  # what precedes its colon: short, no punctuation, yet a rule
    assert _is_statement(line, 0, len(line), [], in_article=True)
    assert not _is_statement(line, 0, len(line), [])  # outside an article a bare short line is a heading
