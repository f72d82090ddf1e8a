"""The table question set's loader and scoring (evals/tables.py), on the set's real files."""

from __future__ import annotations

from pathlib import Path

from assistant.types import Answer, Citation
from evals.schema import load_testset
from evals.tables import DOCS, SPLITS, answer_right, as_testset, build_corpus, load


def _answer(text: str, doc_title: str, refused: bool = False) -> Answer:
    cite = Citation(1, doc_title, "x.docx", "", None, text, "c", "d", 0, len(text))
    return Answer("问", text, refused, not refused, () if refused else (cite,))


def test_every_item_becomes_a_valid_test_item_and_splits_follow_documents(tmp_path: Path) -> None:
    rows = load()
    path = tmp_path / "tables.jsonl"
    path.write_text(as_testset(rows), encoding="utf-8")
    items = load_testset(path)
    assert len(items) == len(rows) == 332
    assert all(i.doc_title == "" for i in items if not i.answerable)
    splits: dict[str, set[str]] = {}
    for row in rows:
        splits.setdefault(row["doc_file"], set()).add(row["split"])
    assert all(len(s) == 1 for s in splits.values()) and len(splits) == 29
    assert {row["split"] for row in rows} == set(SPLITS)  # every split has items, and the eval knows each


def test_right_means_every_key_point_and_a_citation_of_the_document() -> None:
    points = [["1,126.40", "1126.4"], ["中央转移支付"]]
    title = "青溪区教育局2025年部门预算编制说明"
    row = "支出项目：农村义务教育学生营养改善计划；预算金额：1,126.40；资金来源：中央转移支付"
    assert answer_right(True, points, title, _answer(row, title))
    assert not answer_right(True, points, title, _answer(row, "另一份文件"))
    assert not answer_right(True, points, title, _answer("预算金额：1,126.40", title))
    assert answer_right(False, [], "", _answer("资料中未找到相关内容。", "", refused=True))
    assert not answer_right(False, [], "", _answer(row, title))


def test_the_corpus_holds_data_and_the_sets_documents(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("一份资料。", encoding="utf-8")
    corpus = build_corpus(tmp_path / "corpus", data)
    assert sorted(p.name for p in corpus.iterdir()) == sorted(["a.txt", *(p.name for p in DOCS.iterdir())])
