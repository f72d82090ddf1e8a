"""The evidence judge: its shipped model, its variants, its reasons, and the question signals it reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from judges import shipped_judge

from assistant.features import QUESTION_FEATURES, SENTENCE_FEATURES, ask_object, asked_kinds, with_gaps
from assistant.judge import EvidenceJudge, JudgeModel, JudgeModelError
from assistant.types import Hit
from ingest.types import Chunk


class _FlatStats:
    def idf(self, token: str) -> float:
        return 1.0

    def df(self, token: str) -> int:
        return 1


def _answerer(learned: bool = False):  # type: ignore[no-untyped-def]
    from assistant.answer import ExtractiveAnswerer

    return ExtractiveAnswerer(_FlatStats, shipped_judge(learned=learned))


def test_the_shipped_model_matches_the_features_the_code_computes():
    model = JudgeModel.load()
    assert model.sentence.names == SENTENCE_FEATURES
    assert model.question.names == QUESTION_FEATURES
    assert 0.0 < model.threshold < 1.0 and 0.0 < model.threshold_lexical < 1.0
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
        ("申请命名教育基地，要准备哪些申报材料？", "申报材料"),
        ("鉴定费是谁出？", "鉴定费"),
        ("志愿服务协议有没有统一的合同范本？", "合同范本"),
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
    answer = _answerer(learned).answer("出了安全事故，学校要在多长时间内报告？", hits)
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
