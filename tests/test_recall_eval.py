"""The retrieval-recall report of the blind collection (govdoc.recall_eval)."""

from __future__ import annotations

from govdoc.recall_eval import item_ranks, recall_table

ROWS = [
    {"question": "甲", "answerable": True, "evidence": ["学校应当建立安全制度"]},
    {"question": "乙", "answerable": True, "evidence": ["报告教育行政部门"]},
    {"question": "丙", "answerable": False, "evidence": []},
    {"question": "丁", "answerable": True, "evidence": ["不收取任何费用"]},
]

PASSAGES = {
    "bm25": {
        "甲": ["无关的一段。", "第五条 学校应当建立安全制度。"],
        "乙": ["无关。"] * 7 + ["发现后应当在二十四小时内报告教育行政部门。"],
        "丁": ["无关。"],
    },
    "dense": {
        "甲": ["第五条 学校应当建立安全制度。"],
        "乙": ["无关。", "应当报告教育行政部门。"],
        "丁": ["调解民间纠纷，不收取任何费用。"],
    },
}


def search(question: str, mode: str) -> list[str]:
    return PASSAGES[mode][question]


def test_ranks_are_those_of_the_first_passage_holding_the_evidence_and_unanswerables_are_skipped() -> None:
    ranks = item_ranks(ROWS, search, ["bm25", "dense"])
    assert ranks == {"bm25": [2, 8, None], "dense": [1, 2, 1]}


def test_table_counts_hits_at_each_depth_and_buckets_the_ranks() -> None:
    table = recall_table(item_ranks(ROWS, search, ["bm25", "dense"]))
    bm25, dense = table["bm25"], table["dense"]
    assert bm25["n"] == 3
    assert (bm25["hit@5"], bm25["hit@10"], bm25["hit@20"]) == (0.333, 0.667, 0.667)
    assert bm25["ranks"] == {"1": 0, "2-3": 1, "4-5": 0, "6-10": 1, "11-20": 0, "miss": 1}
    assert bm25["mrr@20"] == round((1 / 2 + 1 / 8) / 3, 3)
    assert dense["hit@5"] == 1.0
    assert dense["ranks"]["1"] == 2 and dense["ranks"]["2-3"] == 1
