"""What a question asks, as the judge reads it: a figure only where a clause asks one, a later part on the
first part's topic, and refusal reasons that name what was asked without claiming an article was shown."""

from __future__ import annotations

import pytest
from judges import FlatStats, shipped_judge

from assistant.evidence import focus_of, quantity_ask
from assistant.features import kinds_stated
from assistant.types import Hit
from ingest.types import Chunk


def _answer(question: str, text: str, title: str = "某办法"):  # type: ignore[no-untyped-def]
    from assistant.answer import ExtractiveAnswerer

    hits = [Hit(Chunk("c1", "d1", title, "x.md", "第三章", None, 0, len(text), text), 1.0, 1)]
    return ExtractiveAnswerer(FlatStats, shipped_judge()).answer(question, hits)


def _flat(_: str) -> float:
    return 1.0


@pytest.mark.parametrize(
    "question",
    [
        "企业招的退役军人不到规定的比例，该怎么办？",  # the ratio sets the scene; what to do is asked
        "商品的价格由谁来定？",  # who sets it, not how much
        "我们接收了几个随迁子女，他们的生活补助按什么标准发？",  # 了几: a few
        "心理课是必须开设，还是搞几次活动就行？",  # a choice: 几次 is a few
    ],
)
def test_a_figure_named_or_said_in_passing_is_not_asked(question: str):
    assert quantity_ask(question) is None


def test_a_figure_is_asked_where_a_clause_asks_for_it():
    assert quantity_ask("安全生产费用按什么比例提取？").kind == "ratio"  # type: ignore[union-attr]
    assert quantity_ask("罚款的金额是多少？").kind == "money"  # type: ignore[union-attr]
    # Two clauses that both ask: 几次 still asks how many, beside 怎么预约.
    often = quantity_ask("军营每年开放几次，老百姓怎么预约？")
    assert often is not None and often.kind == "count"
    # 钟头 is the everyday word for 小时: 六小时 answers 几个钟头.
    hours = quantity_ask("一天最多学习几个钟头？")
    assert hours is not None and hours.measures == ("小时",)


def test_a_name_is_wanted_only_when_a_clause_asks_for_it():
    assert not focus_of("想拿校友的名字命名礼堂，要谁同意？", _flat).wants_name
    assert focus_of("值班的负责人叫什么名字？", _flat).wants_name


def test_the_name_of_a_thing_is_no_name_of_a_person():
    # A body or a time named asks its own name, which no person's name answers.
    assert not focus_of("专门调处邻里纠纷的那个机构叫什么名字？", _flat).wants_name
    assert not focus_of("全县集中开展植树活动的那段时间叫什么名字？", _flat).wants_name
    # A person of a body is a person, whatever jieba tags the title (组长 as a verb).
    assert focus_of("验收小组组长的姓名是什么？", _flat).wants_name
    assert focus_of("防汛指挥部的主任叫什么？", _flat).wants_name


def test_an_exemption_from_a_fee_states_the_amount_asked_about():
    assert kinds_stated(("amount",), "国家对从事个体经营的残疾人，免除行政事业性收费。") == 1
    assert kinds_stated(("amount",), "考核不得收费。") == 1
    assert kinds_stated(("amount",), "学校应当定期开展安全教育。") == 0


def test_a_later_part_is_answered_only_from_passages_on_the_first_part_s_topic():
    elsewhere = "第十五条 食品生产经营许可的有效期为5年。"
    refused = _answer("学校的消防栓多久要换一次？有效期是几年？", elsewhere)
    assert refused.refused
    assert any("消防栓" in n for n in refused.notes)
    # The same two-part question about what the passage is on: the later part is answered.
    text = "第三十条 临时身份证明的有效期不超过三个月，自签发之日起生效。"
    answered = _answer("临时身份证明的有效期是多久？从哪天开始生效？", text, "某法")
    assert not answered.refused
    assert "之日起生效" in answered.text


def test_a_refusal_names_what_was_asked_and_claims_no_article_shown():
    text = "第二十一条 社区可以聘请心理咨询师进驻社区，协助开展心理辅导。"
    who_pays = _answer("社区聘请心理咨询师进驻社区，费用由谁承担？", text)
    assert who_pays.refused
    assert who_pays.notes[0] == "资料中没有写明费用由谁承担"
    text = "第三十条 申请人应当向县级卫生行政部门申请健康检查。\n第三十一条 健康检查由县级卫生行政部门统一组织。"
    how_much = _answer("申请健康检查要不要交钱？", text)
    assert how_much.refused
    assert how_much.notes and all(n.startswith("资料中") for n in how_much.notes)
    assert not any("找到了相关条文" in n for n in how_much.notes)


def test_a_verb_asked_yes_or_no_and_a_word_holding_who_name_no_topic():
    from assistant.evidence import Focus
    from assistant.judge import topic_focus

    counted = Focus((("课间操", 6.0), ("算不算", 5.0), ("里面", 2.0)), False, False)
    assert "算不算" not in [t for t, _ in topic_focus("课间操算不算在里面？", counted).terms]
    who = Focus((("教育局", 6.0), ("由谁来", 5.0), ("决定", 3.0)), False, False)
    kept = [t for t, _ in topic_focus("两家都不管，最后由谁来决定？", who).terms]
    assert "由谁来" not in kept and "决定" in kept


def test_a_counted_noun_is_held_by_a_word_after_the_figure_that_starts_like_it():
    from assistant.evidence import quantity_supported

    doctors = quantity_ask("再次鉴定的话，医院得安排几个医生参加？")
    assert doctors is not None and doctors.noun == "医生"
    assert quantity_supported(doctors, "医疗机构应当指派三名未参与首次鉴定的执业医师参加复核鉴定")
    # The same figure beside other things says nothing of doctors.
    assert not quantity_supported(doctors, "医疗机构应当在二个工作日内作出决定，并告知申请人")


def test_money_given_by_the_act_before_duoshao_is_an_amount_asked() -> None:
    from assistant.features import asked_kinds

    assert "amount" in asked_kinds("退休教师的取暖补贴每年发多少？")
    assert "amount" in asked_kinds("这项补助一次给多少？")
    # 给多少人 counts people: no amount of money is asked.
    assert "amount" not in asked_kinds("这项补助每年给多少人？")


def test_a_bound_before_a_count_of_hours_or_people_asks_no_sum_of_money() -> None:
    from assistant.features import asked_kinds

    assert "amount" not in asked_kinds("夜间巡逻至少得安排多少人？")
    assert "amount" not in asked_kinds("合唱队最多能收多少人？")
    # The bound before a sum still asks one.
    assert "amount" in asked_kinds("场地押金最多收多少？")
    assert "amount" in asked_kinds("最低要补交多少元？")
