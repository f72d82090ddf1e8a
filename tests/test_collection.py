"""The blind collection holds to the rules it was written under (evals/blind_set/BRIEF.md)."""

from __future__ import annotations

import re
import tarfile
from pathlib import Path

import pytest

from evals.collection import FOLLOWUPS, ITEMS, SPLITS, TARBALL, bench_corpus, documents, load


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _longest_shared_run(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        while i + best < len(a) and a[i : i + best + 1] in b:
            best += 1
    return best


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    if not TARBALL.is_file():
        pytest.skip(f"{TARBALL} 不存在")
    wanted = set(documents())
    found: dict[str, str] = {}
    with tarfile.open(TARBALL) as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("./")
            if name in wanted:
                source = archive.extractfile(member)
                assert source is not None
                found[name] = _norm(source.read().decode("utf-8"))
    assert set(found) == wanted
    return found


def test_size_split_and_kinds() -> None:
    items, followups = load(ITEMS), load(FOLLOWUPS)
    assert len(items) >= 600 and sum(not i["answerable"] for i in items) >= 200
    assert len(followups) >= 60
    assert {i["split"] for i in items} == set(SPLITS)
    split = documents()
    for row in items + followups:
        assert row["split"] == split[row["doc_path"]], row["id"]  # split by document, never by item
    assert len({r["id"] for r in items + followups}) == len(items) + len(followups)


def test_evidence_is_verbatim_and_questions_do_not_copy_it(texts: dict[str, str]) -> None:
    for row in load(ITEMS) + load(FOLLOWUPS):
        if not row["answerable"]:
            assert not row["evidence"] and not row["key_points"], row["id"]
            continue
        text = texts[row["doc_path"]]
        evidence = [_norm(e) for e in row["evidence"]]
        for quote in evidence:
            assert quote in text, (row["id"], quote)
            assert _longest_shared_run(_norm(row["question"]), quote) <= 10, row["id"]
        for variants in row["key_points"]:
            assert any(_norm(v) in "".join(evidence) for v in variants), (row["id"], variants)


def test_followups_say_what_they_mean() -> None:
    for row in load(FOLLOWUPS):
        assert row["history"] and row["resolved_question"] and row["resolved_question"] != row["question"]


def test_a_grown_collection_is_never_measured_on_a_stale_corpus(tmp_path: Path) -> None:
    laws = tmp_path / "laws"
    (laws / "行政法").mkdir(parents=True)
    for name in ("甲法", "乙法", "丙法"):
        (laws / "行政法" / f"{name}.md").write_text(f"# {name}\n\n第一条 {name}的正文。\n", encoding="utf-8")
    tarball = tmp_path / "laws.tar.xz"
    with tarfile.open(tarball, "w:xz") as archive:
        archive.add(laws, arcname=".")
    data = tmp_path / "data"
    data.mkdir()
    (data / "本校材料.txt").write_text("本校材料\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    bench_corpus(corpus, data, ["行政法/甲法.md", "行政法/乙法.md"], tarball)
    assert sorted(p.name for p in corpus.iterdir()) == ["乙法.md", "本校材料.txt", "甲法.md"]
    bench_corpus(corpus, data, ["行政法/甲法.md", "行政法/丙法.md"], tarball)  # one added, one dropped
    assert sorted(p.name for p in corpus.iterdir()) == ["丙法.md", "本校材料.txt", "甲法.md"]
    assert (corpus / "丙法.md").read_text(encoding="utf-8").startswith("# 丙法")
    with pytest.raises(FileNotFoundError, match="丁法"):
        bench_corpus(corpus, data, ["行政法/丁法.md"], tarball)
