"""The version set's grading (evals/versions.py): what counts as answered from the current text, as saying
a text is superseded, and as answering from a named version."""

from __future__ import annotations

from typing import Any

from evals.versions import ITEMS, documents, load, score, summarize

CHANGED = {
    "id": "x1", "question": "春节放几天？", "change": "changed", "asks_version": None,
    "key_points": [["4天", "四天"]], "evidence": ["（二）春节，放假4天"], "old_evidence": ["(二)春节，放假3天"],
}  # fmt: skip
DELETED = {**CHANGED, "id": "x2", "change": "deleted", "key_points": [], "evidence": []}
NAMED = {**CHANGED, "id": "x3", "asks_version": "2013", "key_points": [["3天"]]}


def _answer(text: str, *citations: tuple[str, bool], superseded: bool = False, refused: bool = False) -> dict[str, Any]:
    return {
        "answer": text,
        "refused": refused,
        "superseded": superseded,
        "citations": [{"n": i + 1, "version": v, "current": c} for i, (v, c) in enumerate(citations)],
    }


def test_a_changed_rule_needs_the_current_figure_from_a_current_citation() -> None:
    assert score(CHANGED, _answer("春节，放假4天[1]", ("2024-11-10", True)))["correct"]
    old = score(CHANGED, _answer("春节，放假3天[1]", ("2013-12-11", False)))
    assert not old["correct"] and old["old_as_current"]
    # Superseded said, and what replaced it quoted: correct.
    both = _answer("见于2013年文本：放假3天[1]；现行：放假4天[2]", ("2013-12-11", False), ("2024-11-10", True), superseded=True)
    assert score(CHANGED, both)["correct"]
    assert score(CHANGED, _answer("资料中未找到相关内容。", refused=True))["reason"] == "拒答"


def test_a_deleted_rule_must_be_named_as_superseded() -> None:
    said = _answer("该规定见于2013年文本……现行文本已删除该规定[1]", ("2013-12-11", False), superseded=True)
    assert score(DELETED, said)["correct"]
    as_current = _answer("第十二条 ……实行年审制度。[1]", ("2013-12-11", False))
    assert not score(DELETED, as_current)["correct"] and score(DELETED, as_current)["old_as_current"]


def test_a_named_version_is_answered_from_it_and_said_not_current() -> None:
    assert score(NAMED, _answer("以下依据2013年……放假3天[1]", ("2013-12-11", False), superseded=True))["correct"]
    assert not score(NAMED, _answer("放假3天[1]", ("2013-12-11", False)))["correct"]
    assert not score(NAMED, _answer("放假3天[1]", ("2024-11-10", True), superseded=True))["correct"]


def test_summary_rates_by_kind_of_change() -> None:
    records = [
        {**CHANGED, "score": score(CHANGED, _answer("放假4天[1]", ("2024", True)))},
        {**DELETED, "score": score(DELETED, _answer("放假3天[1]", ("2013", False)))},
    ]
    summary = summarize(records)
    assert summary["correct"] == 0.5 and summary["changed_correct"] == 1.0 and summary["deleted_correct"] == 0.0
    assert summary["old_as_current"] == 1 and summary["added_correct"] is None


def test_the_set_names_both_versions_of_each_regulation_and_splits_by_regulation() -> None:
    rows = load(ITEMS)
    assert len(rows) >= 20
    titles = {r["doc_title"] for r in rows}
    assert len(titles) >= 4 and len(documents(rows)) == 2 * len(titles)
    assert all(len({r["split"] for r in rows if r["doc_title"] == t}) == 1 for t in titles)
