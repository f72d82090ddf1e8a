"""What frames a request, a list or a rule is stated once and in its place: the measure word and the genre
an ask puts around its list are no part of any item, the subject and the closing noun of a list frame the
whole of it, the opening names the unit once, every notice names the same parts as lacking material, a law's
list is quoted with all its items or not at all, and a part on our shortcomings or remedies takes no rule for
another body. Requests and documents are made up."""

from __future__ import annotations

from assistant import genre as genres
from assistant.draft import Draft, DraftSection, _lists_whole, _Point, lacking_parts, shortfall
from assistant.request import parse_request, without_list_frame, without_measure
from assistant.types import Hit
from govdoc.web import render
from govdoc.web.drafting import outline_given, outline_text
from ingest.types import Chunk


def test_the_measure_word_and_the_genre_of_the_ask_are_no_part_of_the_topic_or_its_parts() -> None:
    req = parse_request("帮我写一份我校规范课后托管、改进午餐供应情况的自查报告，950字上下")
    assert req.genre == "自查报告" and req.length == 950
    assert req.outline == ("规范课后托管", "改进午餐供应")
    assert "一份" not in req.topic and "自查报告" not in req.topic and " " not in req.topic
    assert genres.title(req.topic, req.genre).startswith("关于规范课后托管")
    other = parse_request("请写一篇我校图书角建设、读书节开展情况的工作总结")
    assert other.outline == ("图书角建设", "读书节")  # …开展情况 closes the whole list
    assert not any(h.startswith(("一篇", "我校")) or h.endswith("工作总结") for h in other.outline)


def test_a_measure_word_goes_but_words_that_open_with_one_stay() -> None:
    assert without_measure("一份校园绿化情况") == "校园绿化情况"
    assert without_measure("个课后服务方案") == "课后服务方案"
    assert without_measure("个人防护用品发放") == "个人防护用品发放"
    assert without_measure("一段时间以来的值周工作") == "一段时间以来的值周工作"


def test_the_subject_and_the_closing_noun_frame_the_whole_list() -> None:
    assert without_list_frame(["我校校车接送", "门卫值守情况"]) == ["校车接送", "门卫值守"]
    # Each item says its own closing noun or subject: nothing frames the list as a whole.
    assert without_list_frame(["校车接送情况", "门卫值守情况"]) == ["校车接送情况", "门卫值守情况"]
    assert without_list_frame(["我校的做法", "上级要求"]) == ["我校的做法", "上级要求"]


def test_the_opening_of_a_self_check_names_the_unit_once() -> None:
    opening = genres.opening("我校落实课间十五分钟情况", "自查报告", "我校")
    assert "我校对我校" not in opening and "我校对落实课间十五分钟情况进行了认真自查" in opening


def _draft(sections: list[DraftSection], missing: tuple[str, ...], rules_only: tuple[str, ...], target: int) -> Draft:
    draft = Draft(
        "某项工作",
        "自查报告",
        tuple(sections),
        (),
        missing,
        target_chars=target,
        lacking=lacking_parts(sections, missing, rules_only),
    )
    return Draft(**{**draft.__dict__, "shortfall": shortfall(draft)})


def test_the_notice_above_and_the_shortfall_below_name_the_same_parts() -> None:
    sections = [
        DraftSection("基本情况", "根据某法规定，学校应当建立制度[1]。\n按照上述要求，我校【请填写：本单位的具体做法和成效】。"),
        DraftSection("存在问题", "待补充：资料中未找到与“存在问题”相关的内容。"),
        DraftSection("整改措施", "根据某法规定，学校应当及时整改[2]。\n按照上述要求，我校【请填写：本单位的具体做法和成效】。"),
    ]
    draft = _draft(sections, ("存在问题",), ("基本情况", "整改措施"), 2000)
    assert draft.lacking == ("基本情况", "存在问题", "整改措施")
    assert draft.shortfall.endswith("资料不足的部分：基本情况、存在问题、整改措施。请补充材料后再充实。")
    out = render.draft_html(draft, {})
    assert render.MISSING_NOTICE + "基本情况、存在问题、整改措施" in out
    # A long enough draft says nothing of its length, but the notice above still names the same parts.
    enough = _draft(sections, ("存在问题",), ("基本情况", "整改措施"), 50)
    assert enough.shortfall == "" and render.MISSING_NOTICE + "基本情况、存在问题、整改措施" in render.draft_html(enough, {})
    # A part left to fill has no text yet: its 待补充 line is no part of the draft's length.
    assert draft.body_chars == sum(len(s.text) - 3 for s in (sections[0], sections[2]))


LIST = "第六条 学校应当履行下列职责：\n（一）配备合格的安保人员；\n（二）定期检修消防设施；\n（三）每学期组织一次疏散演练。\n第七条 学校可以聘请法律顾问。"
SECTION = "第二章 职责 > 第六条～第七条"


def _point(text: str, piece: str) -> _Point:
    chunk = Chunk(id="c", doc_id="d", doc_title="某安全条例", source="d", section=SECTION, page=None, start=0, end=len(text), text=text)
    a = text.index(piece)
    return _Point(Hit(chunk, 1.0, 1), a, a + len(piece), 1.0)


def test_an_item_of_a_laws_list_is_stated_with_the_whole_list() -> None:
    item = _point(LIST, "定期检修消防设施；")
    whole = _lists_whole([item], lambda p: True)
    assert [p.text for p in whole] == ["定期检修消防设施；", "配备合格的安保人员；", "每学期组织一次疏散演练。"]
    # A sentence that is no item, and a report's sentence (``is_policy`` says no), stay as they are.
    assert len(_lists_whole([_point(LIST, "学校可以聘请法律顾问。")], lambda p: True)) == 1
    assert len(_lists_whole([item], lambda p: False)) == 1


TERMS = (
    "第二十条 本条例下列用语的含义：\n（一）夜间，是指晚上十点至次日早晨六点之间的期间；\n"
    "（二）居住区，是指以住宅为主的区域；\n（三）装修作业，是指对已交付使用的建筑物进行的室内装修活动。"
)


def test_an_item_of_a_list_of_terms_is_stated_alone() -> None:
    # Each item defines a term of its own: one is true without the others, and the others answer nothing asked.
    item = _point(TERMS, "居住区，是指以住宅为主的区域；")
    assert [p.text for p in _lists_whole([item], lambda p: True)] == ["居住区，是指以住宅为主的区域；"]


def test_a_list_that_cannot_be_stated_whole_is_not_quoted() -> None:
    # The passage ends inside the list (its last item ends with ；): the rest of it is elsewhere.
    cut = LIST[: LIST.index("（三）")]
    assert _lists_whole([_point(cut, "定期检修消防设施；")], lambda p: True) == []
    # No room for the other items: none of them, rather than one item under the clause that opens the list.
    assert _lists_whole([_point(LIST, "定期检修消防设施；")], lambda p: True, room=5) == []


def test_the_outline_box_shows_the_drafters_headings_and_a_new_topic_drops_them() -> None:
    draft = Draft("某项工作", "汇报材料", (DraftSection("主要做法", "甲[1]"), DraftSection("存在问题", "乙[2]")), (), ())
    assert outline_text(draft) == "主要做法\n存在问题"
    assert outline_text(None) == ""
    shown = ("我校甲工作", "主要做法\n存在问题")
    assert outline_given("主要做法\n存在问题", "我校乙工作", shown) == ""  # filled for another topic
    assert outline_given("主要做法\n存在问题", "我校甲工作", shown) == "主要做法\n存在问题"
    assert outline_given("主要做法\n成效", "我校乙工作", shown) == "主要做法\n成效"  # edited: the person's own
