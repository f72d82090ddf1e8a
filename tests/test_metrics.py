"""Metric functions on hand-made cases with known values."""

from __future__ import annotations

import pytest

from evals.metrics import (
    ItemResult,
    aggregate,
    citation_support,
    citation_valid,
    first_hit_rank,
    hit_at,
    key_point_recall,
    normalize,
    percentile,
    reciprocal_rank,
    refusal_stats,
)

EVIDENCE = ["设立了7名支委委员"]
RANKED = [
    "第一段：校长每学期向党支部汇报。",
    "第二段：教师节为每年九月十日。",
    "在党支部换届时优化了支部班子，设立了7名\n支委委员，经党员大会表决通过。",
    "第四段：设立了7名支委委员。",
]


def test_normalize_folds_width_quotes_whitespace_and_case() -> None:
    assert normalize("（一） 设立了７名，\n“五好” ABC") == '(一)设立了7名,"五好"abc'
    assert normalize("七名") != normalize("7名")  # numerals are deliberately not unified


def test_first_hit_rank_ignores_whitespace_and_punctuation_width() -> None:
    assert first_hit_rank(RANKED, EVIDENCE) == 3
    assert first_hit_rank(RANKED, ["支部班子,设立了7名支委委员"]) == 3  # half-width comma in the quote
    assert first_hit_rank(RANKED, EVIDENCE, k=2) is None
    assert first_hit_rank(RANKED, ["不存在的句子"]) is None
    assert first_hit_rank(RANKED, []) is None
    assert first_hit_rank([], EVIDENCE) is None


def test_hit_at_counts_any_evidence_quote_within_k() -> None:
    assert hit_at(RANKED, EVIDENCE, 1) is False
    assert hit_at(RANKED, EVIDENCE, 2) is False
    assert hit_at(RANKED, EVIDENCE, 3) is True
    assert hit_at(RANKED, ["不存在", "每年九月十日"], 2) is True
    assert hit_at(RANKED, EVIDENCE, 50) is True


def test_reciprocal_rank_is_one_over_first_hit_within_k() -> None:
    assert reciprocal_rank(RANKED, EVIDENCE) == pytest.approx(1 / 3)
    assert reciprocal_rank(RANKED, ["校长每学期"]) == 1.0
    assert reciprocal_rank(RANKED, ["每年九月十日"]) == 0.5
    assert reciprocal_rank(RANKED, EVIDENCE, k=2) == 0.0
    assert reciprocal_rank(RANKED, ["不存在"]) == 0.0


def test_key_point_recall_is_share_of_points_with_a_matching_variant() -> None:
    points = [["党的建设"], ["办学方向"], ["7名", "七名"], ["2%", "百分之二"]]
    answer = "凡涉及党的 建设、办学方向等由党支部决定；设立了七名支委委员。"
    assert key_point_recall(answer, points) == 0.75
    assert key_point_recall("党建工作经费占公用经费的２％。", points) == 0.25  # full-width ２％
    assert key_point_recall("无关回答", points) == 0.0
    assert key_point_recall("党的建设 办学方向 7名 百分之二", points) == 1.0
    assert key_point_recall("只有空白变体", [["", " "]]) == 0.0


def test_key_point_recall_without_points_is_undefined() -> None:
    with pytest.raises(ValueError, match="没有要点"):
        key_point_recall("资料中未找到相关内容。", [])


def test_refusal_stats_counts_both_kinds_of_refusal() -> None:
    items = [(False, True), (False, True), (False, False), (True, False), (True, True), (True, False), (True, False)]
    assert refusal_stats(items) == {
        "answerable": 4,
        "unanswerable": 3,
        "correct_refusals": 2,
        "false_refusals": 1,
        "refusal_accuracy": 2 / 3,
        "false_refusal_rate": 0.25,
    }


def test_refusal_stats_rates_are_none_without_a_population() -> None:
    stats = refusal_stats([(True, False)])
    assert stats["refusal_accuracy"] is None
    assert stats["false_refusal_rate"] == 0.0
    assert refusal_stats([])["false_refusal_rate"] is None


def test_citation_valid_is_verbatim() -> None:
    source = "第六条 每年九月十日为教师节。"
    assert citation_valid("每年九月十日为教师节", source) is True
    assert citation_valid("每年9月10日为教师节", source) is False
    assert citation_valid("每年九月十日 为教师节", source) is False  # no whitespace folding
    assert citation_valid("", source) is False
    assert citation_valid("   ", source + "   ") is False


def test_citation_support_requires_a_shared_run_of_twelve_characters() -> None:
    evidence = ["凡涉及党的建设、办学方向、改革发展和教职工切身利益"]  # 25 characters
    # The cited passage contains the whole quote (full-width vs half-width does not matter).
    assert citation_support(["…四是健全完善议事决策机制，凡涉及党的建设、办学方向、改革发展和教职工切身利益等"], evidence)
    # The citation is a 12-character core of the quote.
    assert citation_support(["党的建设、办学方向、改革发展"], evidence)
    # Only 11 characters shared: not enough.
    assert not citation_support(["建设、办学方向、改革发"], evidence)
    # Overlap across a boundary: the last 13 characters of the quote start the citation.
    assert citation_support(["、改革发展和教职工切身利益(职称评审、评优选先)"], evidence)
    # A short quote must be contained whole.
    assert citation_support(["第六条 每年九月十日为教师节。"], ["每年九月十日为教师节"])
    assert not citation_support(["九月十日为教师节"], ["每年九月十日为教师节"])
    assert not citation_support([], evidence)
    assert not citation_support(["任何文字"], [])
    assert citation_support(["党的建设、办学"], evidence, min_overlap=7)


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([1, 2, 3, 4], 50, 2.5),
        ([4, 1, 3, 2], 50, 2.5),
        ([10, 20, 30, 40, 50], 95, 48.0),
        ([10, 20, 30, 40, 50], 0, 10.0),
        ([10, 20, 30, 40, 50], 100, 50.0),
        ([7.5], 95, 7.5),
        (list(range(1, 101)), 95, 95.05),
    ],
)
def test_percentile_interpolates_linearly(values: list[float], p: float, expected: float) -> None:
    assert percentile(values, p) == pytest.approx(expected)


def test_percentile_rejects_empty_values_and_bad_p() -> None:
    with pytest.raises(ValueError, match="没有数值"):
        percentile([], 50)
    with pytest.raises(ValueError, match="0 到 100"):
        percentile([1.0], 101)


def test_aggregate_computes_every_metric_from_item_results() -> None:
    results = [
        # answerable, answered, hit at rank 1, all citations valid, supported
        ItemResult("a1", True, False, first_hit_rank=1, key_point_recall=1.0, citations_valid=2,
                   citations_total=2, supported=True, retrieve_ms=10, answer_ms=100),
        # answerable, answered, hit at rank 4, one bad citation, not supported
        ItemResult("a2", True, False, first_hit_rank=4, key_point_recall=0.5, citations_valid=1,
                   citations_total=2, supported=False, retrieve_ms=20, answer_ms=200),
        # answerable, falsely refused, no hit, recall missing (counts as 0)
        ItemResult("a3", True, True, first_hit_rank=None, key_point_recall=None,
                   retrieve_ms=30, answer_ms=300),
        # answerable, answered, hit at rank 12 (outside mrr@10), supported
        ItemResult("a4", True, False, first_hit_rank=12, key_point_recall=0.5, citations_valid=1,
                   citations_total=1, supported=True, retrieve_ms=40, answer_ms=400),
        # unanswerable, correctly refused
        ItemResult("u1", False, True, retrieve_ms=50, answer_ms=500),
        # unanswerable, answered anyway with one valid citation
        ItemResult("u2", False, False, citations_valid=1, citations_total=1, retrieve_ms=60, answer_ms=600),
    ]
    metrics = aggregate(results)
    assert metrics == {
        "n_items": 6,
        "n_answerable": 4,
        "n_unanswerable": 2,
        "hit@1": 0.25,
        "hit@3": 0.25,
        "hit@5": 0.5,
        "mrr@10": pytest.approx((1 + 0.25) / 4),
        "key_point_recall": 0.5,
        "refusal_accuracy": 0.5,
        "false_refusal_rate": 0.25,
        "citation_validity": pytest.approx(5 / 6),
        "citation_support": pytest.approx(2 / 3),
        "retrieve_ms_p50": 35.0,
        "retrieve_ms_p95": 57.5,
        "answer_ms_p50": 350.0,
        "answer_ms_p95": 575.0,
    }


def test_aggregate_of_nothing_has_no_rates() -> None:
    metrics = aggregate([])
    assert metrics["n_items"] == 0
    assert all(metrics[k] is None for k in metrics if not k.startswith("n_"))
