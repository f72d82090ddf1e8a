"""Plans: a 工作方案 (实施方案, 活动方案, 工作计划) says what the unit will do, under 指导思想, 工作目标, 主要措施 and
工作要求; its measures carry out the rules that bind the unit, not another party's; it is titled by its matter and
signed by the unit."""

from __future__ import annotations

from pathlib import Path

from index_checks import hashing_settings

from assistant.genre import opening, signature_lines, title
from assistant.request import parse_request
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting"


def test_a_plan_is_a_genre_titled_by_its_matter() -> None:
    request = parse_request("帮我写个禁毒宣传教育工作方案，我们是县实验小学")
    assert (request.genre, request.topic, request.signer) == ("工作方案", "禁毒宣传教育", "县实验小学")
    assert title(request.topic, request.genre) == "禁毒宣传教育工作方案"
    assert signature_lines("工作方案", "县实验小学") == ("县实验小学", "【请填写：日期】")
    # 学校要搞甲活动: the unit's intention is the request's; 搞 an activity is written 开展, and the plan's title is
    # the activity's.
    event = parse_request("学校要搞交通安全教育月活动，写个活动方案")
    assert event.genre == "工作方案"
    assert title(event.topic, event.genre) == "交通安全教育月活动方案"
    assert opening(event.topic, event.genre, "我校") == "为开展交通安全教育月活动，结合我校实际，制定本方案。"
    assert parse_request("写一份校园心理健康教育实施方案").genre == "工作方案"


def test_the_verb_that_asks_for_a_paper_is_not_read_inside_a_word() -> None:
    """学校要开展交通安全教育…: 交 is the first character of 交通, not the verb of handing a paper in (要交一份…)."""
    notice = parse_request("学校要开展交通安全教育月活动，写个通知")
    assert title(notice.topic, notice.genre) == "关于开展交通安全教育月活动的通知"
    assert parse_request("月底前要交一份课后服务的总结").topic == "课后服务"


def test_a_plans_measures_carry_out_the_rules_that_bind_the_unit(tmp_path: Path) -> None:
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([DOCS / "学校管理示范条例.md"]).errors
        draft = svc.draft("帮我写个校园安全工作方案，我们是城关镇中心小学", who=LOCAL)
    finally:
        svc.close()
    assert draft.title == "校园安全工作方案"
    assert [s.heading for s in draft.sections] == ["指导思想", "工作目标", "主要措施", "工作要求"]
    measures = next(s for s in draft.sections if s.heading == "主要措施")
    assert "学校应当" in measures.text, draft.text
    assert not any("公安机关" in c.quote for c in draft.citations), draft.text
    # Issued by the unit, signed and dated; sent to no one, and no 特此… after its last part.
    assert draft.sent_to == "" and draft.closing == ""
    assert draft.signature == ("城关镇中心小学", "【请填写：日期】")
    assert draft.text.endswith("城关镇中心小学\n【请填写：日期】"), draft.text


def test_a_notices_dictated_requirement_is_stated_not_left_to_fill(tmp_path: Path) -> None:
    """要求：甲；乙 in a notice are the issuer's own requirements: one no rule speaks of stands as its heading, with a
    slot for its particulars and a note that no rule was found, instead of 待补充."""
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([DOCS / "学校管理示范条例.md"]).errors
        draft = svc.draft("我是县教育局的，给各学校发个通知，要求：每个学校本月至少开一次家长会；开展一次应急疏散演练", who=LOCAL)
    finally:
        svc.close()
    first, second = draft.sections
    # Stated as its heading, with a slot under it for its particulars (a part with nothing under it was missed
    # once printed: the note that says so is a Word comment).
    assert (first.heading, first.text) == ("每个学校本月至少开一次家长会", "【请填写：具体要求和完成时限】"), draft.text
    assert "每个学校本月至少开一次家长会" not in draft.missing and "待补充" not in draft.text
    assert any("按起草要求中的说法写出" in n for n in draft.notes), draft.notes
    assert "应急疏散演练" in second.text, draft.text
    assert "一、每个学校本月至少开一次家长会\n【请填写：具体要求和完成时限】\n\n二、" in draft.text


def test_a_bureaus_notice_states_its_own_instructions_and_borrows_no_schools_report(tmp_path: Path) -> None:
    """A notice from a bureau (以县教育局名义) to 全县中小学、幼儿园: it goes to both kinds; an item on when to report
    back is the bureau's instruction, which no passage fills; a school's report (a sample) lends it nothing; and
    an item whose subject is the schools (各校要配备…教师) states the schools' rule, not the teachers'."""
    docs = DOCS / "bureau_notice"
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([docs / "学生心理健康示范条例.md"]).errors
        assert not svc.ingest([docs / "东坡小学教师学习工作总结.md"], role="sample").errors
        draft = svc.draft(
            "以县教育局名义给全县中小学、幼儿园发个通知，加强学生心理健康教育。要求：1.各校要配备心理健康教育教师；"
            "2.组织全体教师学习心理健康知识；3.11月30日前把工作开展情况报教育局。",
            who=LOCAL,
        )
    finally:
        svc.close()
    assert draft.sent_to == "全县中小学、幼儿园：", draft.text
    staffed, learning, report = draft.sections
    assert "配备专职或者兼职心理健康教育教师" in staffed.text, draft.text
    assert "教师应当学习心理健康知识" in learning.text, draft.text
    assert (report.heading, report.text) == ("11月30日前把工作开展情况报教育局", "【请填写：具体要求和完成时限】"), draft.text
    assert not any(c.doc_title == "东坡小学教师学习工作总结" for c in draft.citations), draft.text
    assert "政治理论学习" not in draft.text and "报教务处" not in draft.text
