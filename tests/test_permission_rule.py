"""The evidence judge answers a permission question (能否…, 可以…吗) with the sentence that states the rule,
not with the penalty for breaking it."""

from __future__ import annotations

from judges import FlatStats, shipped_judge

from assistant.features import asks_permission, states_consequence, states_rule
from assistant.types import Hit
from ingest.types import Chunk


def _answerer():  # type: ignore[no-untyped-def]
    from assistant.answer import ExtractiveAnswerer

    return ExtractiveAnswerer(FlatStats, shipped_judge())


def _hit(cid: str, doc: str, title: str, text: str, score: float, rank: int, section: str = "") -> Hit:
    return Hit(Chunk(cid, doc, title, f"{doc}.md", section, None, 0, len(text), text), score, rank)


def test_a_permission_question_is_asked_by_may_or_may_not_and_not_by_what_follows():
    assert asks_permission("考场里能否携带计算器？")
    assert asks_permission("社区活动室可以出租给商户吗？")
    assert not asks_permission("出租活动室的会受到什么处罚？")
    assert not asks_permission("活动室由谁管理？")


def test_a_rule_is_told_from_what_follows_a_breach_by_the_sentence_or_its_lead():
    text = (
        "第九条 活动室不得出租给任何商户。\n"
        "第二十条 管理单位有下列行为之一的，由主管部门责令改正，给予警告：\n"
        "（一）出租活动室的；\n"
        "（二）擅自改变用途的。"
    )
    hit = _hit("c", "d", "某活动室管理规定", text, 1.0, 1)
    assert states_rule("第九条 活动室不得出租给任何商户。", hit)
    assert not states_consequence("第九条 活动室不得出租给任何商户。", hit)
    # The item names a breach; its lead says what follows it.
    assert states_consequence("（一）出租活动室的；", hit)
    assert not states_rule("（一）出租活动室的；", hit)


def test_a_permission_question_is_answered_by_the_rule_not_by_the_penalty_for_breaking_it():
    rules = _hit("r", "d", "某活动室管理规定", "第九条 社区活动室不得出租给商户经营。", 0.8, 2, "第二章 使用")
    penalty_text = (
        "第二十条 管理单位有下列行为之一的，由主管部门责令改正，对负责人给予处分：\n"
        "（一）将社区活动室出租给商户的；\n"
        "（二）擅自改变活动室用途的。"
    )
    penalty = _hit("p", "d", "某活动室管理规定", penalty_text, 1.0, 1, "第五章 法律责任")
    answer = _answerer().answer("社区活动室能否出租给商户？", [penalty, rules])
    assert not answer.refused
    assert "不得出租" in answer.citations[0].quote
    # Asked what follows, the penalty article answers.
    asked = _answerer().answer("社区活动室出租给商户会受到什么处分？", [penalty, rules])
    assert not asked.refused and "责令改正" in asked.text


def test_a_breach_that_names_whom_the_act_concerns_asks_no_consequence():
    assert asks_permission("馆方能不能没收违反规定的读者的借书证？")
    assert asks_permission("违规停放的车辆可以拖走吗？")
    # The breach asked about, or what follows it, is still no permission question.
    assert not asks_permission("违规停放车辆会受到什么处罚？")
    assert not asks_permission("违反规定的读者能不能罚款？")


def test_a_permission_answer_leads_with_the_rule_though_the_penalty_ranks_first():
    penalty_text = (
        "第三十条 图书馆有下列行为之一的，由文化主管部门责令改正；情节严重的，对负责人依法给予处分：\n"
        "（一）擅自收取押金的；\n"
        "（二）违反本办法规定注销读者借书证的。"
    )
    penalty = _hit("p", "d", "某市公共图书馆服务办法", penalty_text, 1.0, 1, "第六章 法律责任")
    rule = _hit(
        "r", "d", "某市公共图书馆服务办法", "第十二条 对违反借阅规定的读者，图书馆应当予以提醒，不得注销其借书证。", 0.8, 2, "第三章 借阅"
    )
    answer = _answerer().answer("图书馆能不能注销违反借阅规定的读者的借书证？", [penalty, rule])
    assert not answer.refused
    assert "不得注销" in answer.citations[0].quote, answer.text
    assert answer.text.startswith("第十二条")
