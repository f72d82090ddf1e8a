"""A section on our own work states our facts first and a rule as their basis; a 请示 ends on what it asks for.

Fixtures are written here: a school's own work summary and a short regulation on the same matters, whose every
sentence names the matter and so outscores the summary's items that name it only by their heading."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant import genre as genres
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import load_settings, with_overrides

OWN = """# 青松路小学2025年工作总结

2025年，我校现有教学班24个，在校学生1080人，教职工72人。现将本年度工作总结如下。

## 一、劳动教育

（一）课程开设。各年级每周开设劳动教育课1节，编写校本劳动教材3册。

（二）实践基地。在校园东侧开辟种植园2亩，分给24个班级轮流管护。

（三）校外实践。5月组织五年级学生186人到城郊农场参加插秧体验。

（四）家务打卡。寒假布置家务劳动清单，收到学生打卡记录930份。

## 二、体育锻炼

（一）大课间。每天上午安排大课间30分钟，全校学生参加。

（二）体质测试。全年体质健康测试合格率达到93.5%。

## 三、存在的问题和下步打算

（一）存在问题。一是种植园面积偏小，高年级学生实践机会不足；二是体育场地不足，雨天活动受限。

（二）下步打算。一是向区教育局申请增拨劳动实践经费5万元；二是建设风雨操场1座。

青松路小学
2026年1月10日
"""

POLICY = """# 中小学劳动教育条例

## 第一章 总则

第一条 为了加强中小学劳动教育，培养学生劳动观念和劳动能力，制定本条例。

第二条 学校应当将劳动教育纳入教育教学计划，保证劳动教育课时，每周安排劳动教育课不少于一课时。学校应当配备劳动教育专任教师，开展劳动教育教研活动，提高劳动教育教学质量。学校劳动教育应当与德育、智育、体育、美育相结合，形成劳动教育的整体合力。

第三条 学校应当建立劳动教育评价制度，将劳动教育情况纳入学生综合素质评价，作为评优评先的重要参考。学校应当记录学生参加劳动教育的过程和结果，定期公示劳动教育评价结果。

## 第二章 实施

第四条 学校应当组织学生参加校内劳动教育实践活动，劳动教育实践活动应当注重安全，制定劳动教育安全预案。学校应当利用校内场地开设劳动教育实践园地，保障每名学生参加劳动教育实践的机会。

第五条 教育行政部门应当统筹建设劳动教育实践基地，为学校开展劳动教育提供条件，并对学校劳动教育工作定期进行督导考核。

第六条 学校应当指导家长支持学生参加家庭劳动教育，劳动教育应当家校协同，家长应当为学生参加家务劳动教育创造条件。
"""


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    root = tmp_path_factory.mktemp("own_first")
    docs = root / "docs"
    docs.mkdir()
    (docs / "青松路小学2025年工作总结.md").write_text(OWN, encoding="utf-8")
    (docs / "中小学劳动教育条例.md").write_text(POLICY, encoding="utf-8")
    settings = with_overrides(
        load_settings(), store={"index_dir": root / "index"}, embedding={"mode": "hashing"}, worker={"enabled": False}
    )
    service = GovdocService(settings)
    assert not service.ingest([docs / "青松路小学2025年工作总结.md"], role="own").errors
    assert not service.ingest([docs / "中小学劳动教育条例.md"], role="policy").errors
    yield service
    service.close()


def test_own_facts_are_not_crowded_out_by_a_law_on_the_heading(svc: GovdocService) -> None:
    draft = svc.draft("帮我写个工作总结，讲劳动教育和体育锻炼两块，400字左右", length=400, who=LOCAL)
    section = next(s for s in draft.sections if s.heading == "劳动教育")
    # Every item our summary states under its 劳动教育 part, including those that name the matter only by
    # that heading, is in the section, though each article of the regulation names 劳动教育 itself.
    for fact in ("劳动教育课1节", "种植园2亩", "插秧体验", "打卡记录930份"):
        assert fact in section.text, section.text
    # …and the regulation is still cited as the basis of our work, at most as many articles as the settings allow.
    assert "根据《中小学劳动教育条例》" in section.text


def test_a_request_for_approval_ends_on_what_it_asks_for(svc: GovdocService) -> None:
    draft = svc.draft("帮我给区教育局写个请示，想多要点劳动实践经费，把理由讲清楚：劳动教育现在怎么开展的、种植园够不够用", who=LOCAL)
    assert draft.genre == "请示"
    last = draft.sections[-1]
    assert last.heading == "请示事项"
    assert "申请增拨劳动实践经费5万元" in last.text
    assert draft.closing == "妥否，请批示。"
    # It goes to the bureau the request names, and ends with who sends it and when, for the person to fill.
    assert draft.text.startswith("区教育局：\n\n") and draft.to_json()["addressee"] == "区教育局："
    assert draft.text.endswith("妥否，请批示。\n\n【请填写：发文单位】\n【请填写：成文日期】\n（联系人：【请填写：联系人】，联系电话：【请填写：联系电话】）")


def test_the_ask_part_is_added_once_and_only_to_a_request_for_approval() -> None:
    assert genres.with_required(["甲的情况", "乙的情况"], "请示") == ["甲的情况", "乙的情况", "请示事项"]
    assert genres.with_required(["申请增加经费的理由"], "请示") == ["申请增加经费的理由"]
    assert "请示事项" not in genres.with_required(["甲的情况"], "汇报材料")


def test_an_ask_is_the_verb_of_asking_not_the_noun() -> None:
    asks = frozenset({"asks"})
    assert genres.states_closing(asks, "向区教育局申请增拨经费5万元")
    assert genres.states_closing(asks, "恳请上级拨付专项资金")
    assert not genres.states_closing(asks, "本学期共受理申请217份")
    assert not genres.states_closing(asks, "学生须填写申请表")


def test_a_request_for_approval_whose_documents_hold_no_ask_leaves_a_slot_for_it(svc: GovdocService) -> None:
    # Our material asks for nothing on this matter: the part the 请示 ends on is the person's to write, a slot
    # under its lead, not a part left 待补充 as if the documents had been searched for it in vain.
    draft = svc.draft("帮我给区教育局写个请示，想给学校食堂换一批新灶具，把理由讲清楚：体育锻炼现在怎么开展的", who=LOCAL)
    assert draft.genre == "请示"
    last = draft.sections[-1]
    assert last.heading == "请示事项"
    assert "【请填写：请示事项】" in last.text
    assert not last.text.startswith("待补充")
    assert "请示事项" not in draft.missing
    assert "请示事项" in draft.lacking
    assert "申请增拨劳动实践经费" not in last.text  # another matter's ask is not this one's
