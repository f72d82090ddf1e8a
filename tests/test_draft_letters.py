"""Letters and talks: a 致家长的一封信 or a 发言稿 greets the people it speaks to, tells them what the rules ask of
them (not what binds the school that writes it), and ends as its kind does; a request names them by its
everyday words (给家长写封信, 家长会上要讲, 讲稿)."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Draft
from assistant.genre import (
    Part,
    addressee_line,
    leads,
    opening,
    signature_lines,
    title,
    written,
    written_heading,
)
from assistant.request import audience_named, parse_request
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting"


@pytest.mark.parametrize(
    ("text", "genre", "audience", "topic"),
    [
        ("暑假快到了，帮我给家长写一封信，提醒家长预防孩子沉迷网络", "一封信", "家长", "预防孩子沉迷网络"),
        ("给全体教职工写封信，倡议节约用电", "一封信", "全体教职工", "倡议节约用电"),
        ("写一份致家长的一封信：防溺水安全教育", "一封信", "家长", "防溺水安全教育"),
        ("家长会上要讲一讲父母在家里该怎么管孩子，写个800字的发言稿", "发言稿", "家长", "父母在家里该怎么管孩子"),
        ("帮我写个讲话稿，在开学典礼上讲讲安全教育", "发言稿", "老师们、同学们", "安全教育"),
        ("开学典礼上我要讲几句，主题是加强体育锻炼，每天锻炼一小时，帮我写个讲话稿", "发言稿", "老师们、同学们", "加强体育锻炼"),
        ("下周一国旗下讲话轮到我了，讲讲全民国防教育日，给初中学生听的", "发言稿", "同学们", "全民国防教育日"),
        ("班会课想讲讲家庭暴力，帮我写个班会发言稿，给五年级小学生讲的", "发言稿", "同学们", "家庭暴力"),
        ("帮我写个发言稿，讲讲课后服务", "发言稿", "", "课后服务"),
    ],
)
def test_a_letter_or_a_talk_is_a_genre_and_names_whom_it_speaks_to(text: str, genre: str, audience: str, topic: str) -> None:
    request = parse_request(text)
    assert (request.genre, request.addressee, request.topic) == (genre, audience, topic)


def test_whom_a_letter_or_a_talk_speaks_to() -> None:
    assert audience_named("班主任会议上发言") == "班主任"
    assert audience_named("向同学们讲讲防诈骗") == "同学们"
    assert audience_named("给区教育局写个请示") == ""  # a body is sent a document, not greeted
    # A report sent to a body keeps its addressee; people named in its matter are none.
    assert parse_request("给县教育局写个请示，申请给家长学校配置设备").addressee == "县教育局"


def test_a_paper_named_by_its_use_is_a_study_paper() -> None:
    request = parse_request("帮我整理一下法律里关于学生手机管理的规定，给班主任培训用")
    assert request.genre == "学习材料"
    studied = parse_request("帮我写一份学习《中华人民共和国某某法》的材料")
    assert (studied.genre, studied.topic) == ("学习材料", "《中华人民共和国某某法》")
    assert parse_request("帮我写一份学校安全工作的材料").genre == "汇报材料"  # a 材料 of no use named stays a report


def test_a_letter_greets_its_readers_and_is_signed() -> None:
    assert title("提醒家长预防孩子沉迷网络", "一封信", "家长") == "关于预防孩子沉迷网络致家长的一封信"
    assert title("防溺水安全教育", "一封信") == "关于防溺水安全教育的一封信"
    assert addressee_line("一封信", "家长") == "尊敬的家长："
    assert addressee_line("一封信", "") == "尊敬的【请填写：称呼】："
    assert signature_lines("一封信") == ("【请填写：落款单位】", "【请填写：日期】")
    assert opening("预防孩子沉迷网络", "一封信", "我校").startswith("您好！为预防孩子沉迷网络，")


def test_a_talk_greets_its_hearers_and_is_not_signed() -> None:
    assert addressee_line("发言稿", "老师") == "各位老师："
    assert addressee_line("发言稿", "全体教职工") == "全体教职工："  # those greeted as a whole take no 各位
    assert signature_lines("发言稿") == ()
    assert opening("父母在家里该怎么管孩子", "发言稿", "我校") == "大家好！今天，我就父母在家里如何管孩子和大家交流几点意见。"
    assert written("学生遇到欺凌怎么办") == "学生遇到欺凌怎么办"  # 怎么办 is no 如何


def _draft_from(tmp_path: Path, request: str, *, sample: bool = False) -> Draft:
    """A draft of ``request`` from an index of 儿童上网保护示范条例, and a made-up school's report on the same matter
    as a sample (参考范文) when ``sample``."""
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([DOCS / "儿童上网保护示范条例.md"]).errors
        assert not sample or not svc.ingest([DOCS / "sample_online"], role="sample").errors
        return svc.draft(request, who=LOCAL)
    finally:
        svc.close()


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Draft]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("letters")))
    try:
        assert not svc.ingest([DOCS / "儿童上网保护示范条例.md", DOCS / "学校管理示范条例.md"]).errors
        return {
            "letter": svc.draft("暑假快到了，帮我给家长写一封信，提醒家长预防儿童沉迷网络", who=LOCAL),
            "talk": svc.draft("家长会上要讲一讲父母怎么预防儿童沉迷网络，写个发言稿", who=LOCAL),
            "study": svc.draft("帮我写个学习材料，讲讲儿童上网保护示范条例对家长有啥要求", length=1500, who=LOCAL),
        }
    finally:
        svc.close()


@pytest.mark.parametrize("kind", ["letter", "talk"])
def test_a_letter_or_a_talk_to_parents_states_the_rules_that_bind_them(drafts: dict[str, Draft], kind: str) -> None:
    """学校发现学生有沉迷网络倾向的，应当及时告知其监护人 names the guardian but binds the school that writes: a letter
    or a talk to parents gives the guardian's own duties."""
    draft = drafts[kind]
    quotes = [c.quote for c in draft.citations]
    assert any(q.startswith("儿童的监护人应当合理安排") for q in quotes), draft.text
    assert not any(q.startswith("学校") for q in quotes), draft.text
    assert "我校" not in draft.text and "汇报如下" not in draft.text


def test_a_letter_and_a_talk_are_framed_as_their_kinds(drafts: dict[str, Draft]) -> None:
    letter, talk = drafts["letter"], drafts["talk"]
    assert letter.genre == "一封信" and letter.title == "关于预防儿童沉迷网络致家长的一封信"
    assert letter.text.startswith("尊敬的家长：\n\n您好！为预防儿童沉迷网络，")
    assert letter.text.endswith("感谢您的理解与支持！\n\n【请填写：落款单位】\n【请填写：日期】")
    assert talk.genre == "发言稿" and talk.title == "在家长会上的讲话"
    assert "大家好！今天，我就父母如何预防儿童沉迷网络和大家交流几点意见。" in talk.text
    # The genre's parts that no rule speaks to are left out, not left 待补充 in a letter to parents.
    assert [s.heading for s in letter.sections] == ["有关规定"] and not letter.missing
    assert talk.text.startswith("各位家长：\n\n大家好！") and talk.text.endswith("谢谢大家！")


def test_a_verb_of_purpose_opens_the_matter_only_outside_a_laws_name() -> None:
    assert opening("防止孩子沉迷网络", "通知", "我校") == "为防止孩子沉迷网络，现将有关事项通知如下："
    # 促进 of 家庭教育促进法 is the law's name, not what the notice is for.
    assert opening("照家庭教育促进法讲讲学校该干的", "通知", "我校").startswith("为做好照家庭教育促进法")


@pytest.mark.parametrize(
    "request_text",
    ["帮我整理一下法律里关于预防儿童沉迷网络的规定，给班主任培训用", "暑假快到了，帮我给家长写一封信，提醒家长预防儿童沉迷网络"],
)
def test_a_paper_on_what_the_rules_ask_quotes_no_sample_report(tmp_path: Path, request_text: str) -> None:
    """Another school's report (参考范文) on the same matter holds no rule: a study paper or a letter states the
    law's, not that school's work (sample_online/: a made-up primary school's report)."""
    draft = _draft_from(tmp_path, request_text, sample=True)
    assert draft.citations and all(c.role == "policy" for c in draft.citations), draft.text
    assert "北山小学" not in draft.text and "【请核实" not in draft.text


def test_the_request_and_the_templates_agree_on_which_genres_greet_or_tell() -> None:
    from assistant.genre import template
    from assistant.request import _GREETING_GENRES, _TELLING_GENRES, GENRES

    assert {g for g in GENRES if template(g).salutation} == set(_GREETING_GENRES)
    assert {g for g in GENRES if template(g).tells} == set(_TELLING_GENRES)


def test_a_study_paper_short_of_its_length_asks_for_more_documents_not_more_material_of_ours(drafts: dict[str, Draft]) -> None:
    short = drafts["study"].shortfall
    assert short.startswith("正文约") and short.endswith("如需更长，请上传更多有关文件，或自行补充讲解。"), short


def test_a_letter_is_signed_by_the_unit_the_request_names() -> None:
    from assistant.request import signer_named

    request = parse_request("写一份致家长的一封信，主题是预防未成年人违法犯罪，请家长多关心孩子。我们是县第二实验中学。")
    assert (request.topic, request.signer) == ("预防未成年人违法犯罪", "县第二实验中学")
    assert signature_lines("一封信", request.signer) == ("县第二实验中学", "【请填写：日期】")
    assert signer_named("我是县教育局的，帮我写个通知") == ""  # its kind and level only: no unit's name
    assert signer_named("我是校长，帮我写个讲话稿") == ""
    assert signer_named("我们学校是城关镇中心小学，帮我写个自查报告") == "城关镇中心小学"


def test_what_a_letter_reminds_of_clause_by_clause_are_its_parts() -> None:
    request = parse_request("给家长写封信，提醒家长不要动不动就打骂孩子，要用文明的方式教育孩子，有问题多跟学校沟通")
    assert request.outline == ("不要动不动就打骂孩子", "要用文明的方式教育孩子", "有问题多跟学校沟通")
    assert request.topic == "不要动不动就打骂孩子"
    # How to write it (要引用法律规定) and the ask itself (请帮我…写封信) are no points to remind of.
    assert parse_request("暑假快到了，帮我给家长写一封信，提醒家长防止孩子沉迷网络游戏，要引用法律规定").outline == ()
    assert parse_request("请帮我给家长写封信，提醒家长注意防溺水，看好孩子").outline == ("注意防溺水", "看好孩子")
    # A thing not to do takes no 为做好… before it.
    assert opening("不要动不动就打骂孩子", "一封信", "我校") == "您好！现将有关规定和要求告知如下："
    # (A talk has no 为做好… to leave out: it names its matter as it stands, every field of it filled.)
    assert opening("不要沉迷网络游戏", "发言稿", "我校") == "大家好！今天，我就不要沉迷网络游戏和大家交流几点意见。"


def test_what_a_study_paper_dwells_on_is_a_part_after_its_main_rules(tmp_path: Path) -> None:
    assert written_heading("老师发现学生被家暴了该怎么办") == "老师发现学生被家暴后的处理"
    draft = _draft_from(tmp_path, "给老师们整理一份儿童上网保护示范条例的学习材料，重点讲学校发现学生沉迷网络该怎么办")
    assert [s.heading for s in draft.sections] == ["主要规定", "学校发现学生沉迷网络后的处理"], draft.text


@pytest.mark.parametrize(
    ("text", "wanted", "opens"),
    [
        ("高一新生军训开营仪式上的讲话稿，我是分管德育的副校长", "在高一新生军训开营仪式上的讲话", "大家好！今天，我们在这里举行高一新生军训开营仪式。"),
        ("在全校教职工大会上讲个话，讲讲反家庭暴力法，写个讲话稿", "在全校教职工大会上的讲话", "大家好！今天，我就反家庭暴力法和大家交流几点意见。"),
        ("下周一国旗下讲话轮到我了，讲讲全民国防教育日", "国旗下讲话：全民国防教育日", "大家好！今天，我就全民国防教育日和大家交流几点意见。"),
        ("帮我写个发言稿，讲讲课后服务", "关于课后服务的发言稿", "大家好！今天，我就课后服务和大家交流几点意见。"),
    ],
)
def test_a_talk_given_at_a_gathering_is_titled_by_it(text: str, wanted: str, opens: str) -> None:
    request = parse_request(text)
    assert title(request.topic, request.genre, request.addressee, request.occasion) == wanted
    assert opening(request.topic, request.genre, "我校", request.occasion) == opens
    assert addressee_line(request.genre, request.addressee) in ("各位【请填写：称呼】：", "全校教职工：", "同学们：", "老师们、同学们：")


@pytest.mark.parametrize(
    ("text", "genre", "audience", "topic", "outline"),
    [
        ("学校秋季运动会开幕式上我要致辞，我是校长，鼓励同学们赛出风格赛出水平", "发言稿", "老师们、同学们", "鼓励同学们赛出风格赛出水平", ()),
        ("六年级毕业典礼上我要讲几句话，送给毕业生几句叮嘱：要遵纪守法，远离不良行为", "发言稿", "老师们、同学们", None, ("要遵纪守法", "远离不良行为")),
        ("学校要给家长发一封信，说说孩子每天要锻炼一小时，少玩手机，预防近视。我们是东风路小学。", "一封信", "家长", "孩子每天要锻炼一小时", ("孩子每天要锻炼一小时", "少玩手机", "预防近视")),
    ],
)
def test_a_talk_or_a_letter_asked_for_in_other_words(text: str, genre: str, audience: str, topic: str | None, outline: tuple[str, ...]) -> None:
    request = parse_request(text)
    assert (request.genre, request.addressee, request.outline) == (genre, audience, outline)
    assert topic is None or request.topic == topic


def test_who_sends_a_document_may_open_the_clause_that_asks_for_it() -> None:
    plea = parse_request("学校要给县教育局打个请示，申请经费组织高一新生军训。我们是县第一高级中学。")
    assert (plea.topic, plea.addressee, plea.signer) == ("申请经费组织高一新生军训", "县教育局", "县第一高级中学")
    notice = parse_request("教育局给全县中小学发个通知，要求开齐开足体育课，不准占用体育课，保证学生每天锻炼一小时")
    assert notice.addressee == "全县中小学"
    assert notice.outline == ("开齐开足体育课", "不准占用体育课", "保证学生每天锻炼一小时")


def test_a_paper_on_rules_says_a_rule_is_lacking_not_the_units_own_material(drafts: dict[str, Draft]) -> None:
    from dataclasses import replace

    from govdoc.web import render

    letter = replace(drafts["letter"], lacking=("具体要求",))
    out = render.draft_html(letter, {})
    assert render.MISSING_RULES_NOTICE + "具体要求" in out and render.MISSING_NOTICE not in out


def test_a_talk_to_the_schools_own_staff_states_the_schools_duties_and_no_other_partys(tmp_path: Path) -> None:
    """全校教职工 act for the school: a talk to them on a matter states the rules that bind the school (学校发现…应当…),
    not those of parents or firms on the same matter, and a part of one paragraph is not announced as 以下几点."""
    draft = _draft_from(tmp_path, "在全校教职工大会上讲个话，讲讲学生沉迷网络了怎么办，我是校长，写个讲话稿")
    quotes = [c.quote for c in draft.citations]
    assert any(q.startswith("学校发现学生有沉迷网络倾向的") for q in quotes), draft.text
    assert not any(q.startswith(("儿童的监护人", "网络游戏服务提供者", "信息处理者")) for q in quotes), draft.text
    for section in draft.sections:
        assert "以下几点" not in section.text or "（一）" in section.text, draft.text


def test_a_lead_that_announces_several_points_is_not_put_before_one() -> None:
    parts = [Part("甲事", 2, True), Part("乙事", 1, True), Part("丙事", 2, True)]
    first, second, third = leads("发言稿", parts, "话题", "我校")
    assert first == "关于甲事，法律法规有明确规定："
    assert "几点" not in second
    assert third == "在丙事方面，希望大家做到以下几点："
