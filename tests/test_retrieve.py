"""Retrieval: modes, fusion, filtering, and the BM25 side staying in step with the index."""

from __future__ import annotations

from pathlib import Path

from assistant.retrieve import fuse, fuse_weighted
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.bm25 import Bm25Index


def test_rrf_fuses_ranks():
    fused = fuse([("a", 9.0), ("b", 5.0)], [("b", 0.9), ("c", 0.8)], rrf_k=60)
    assert [cid for cid, _ in fused] == ["b", "a", "c"]
    assert fused[0][1] == 1 / 61 + 1 / 62


def test_weighted_fusion_normalises_each_side():
    fused = fuse_weighted([("a", 10.0), ("b", 5.0), ("c", 0.0)], [("c", 0.9), ("a", 0.5)], bm25_weight=0.5)
    scores = dict(fused)
    assert scores["a"] == 0.5 * 1.0 + 0.5 * 0.0
    assert scores["c"] == 0.5 * 0.0 + 0.5 * 1.0
    assert scores["b"] == 0.25
    assert [cid for cid, _ in fused] == ["a", "c", "b"]


def test_deeper_candidate_lists_let_a_passage_both_sides_found_outrank_one_side_s_best():
    # Why retrieval.candidates is 50, not 30: each side is min-max normalised over its candidates,
    # so a passage that is third on one side and first on the other only gets credit for the
    # first when the list is cut short.
    bm25 = [("a", 10.0), ("b", 9.0), ("c", 8.0), ("d", 7.0), ("e", 0.0)]
    dense = [("c", 0.9), ("x", 0.8), ("a", 0.0)]
    shallow = fuse_weighted(bm25[:2], dense[:2], bm25_weight=0.5)
    deep = fuse_weighted(bm25, dense, bm25_weight=0.5)
    assert shallow[0][0] == "a"
    assert deep[0][0] == "c"
    assert dict(deep)["c"] > dict(deep)["a"]


def test_bm25_scores_without_looping_and_filters():
    index = Bm25Index(["x", "y", "z"], [["党支部", "决定"], ["校长", "负责"], ["党支部", "党支部", "监督"]])
    top = index.search(["党支部"], k=5)
    assert [cid for cid, _ in top] == ["z", "x"]
    assert index.search(["党支部"], k=5, allowed={"x"}) == [top[1]]
    assert index.search(["不存在"], k=5) == []
    assert index.df("党支部") == 2 and index.idf("不存在") > index.idf("党支部")


def test_modes_each_find_the_passage(hashing_service):  # type: ignore[no-untyped-def]
    for mode in ("bm25", "dense", "hybrid"):
        hits, _ = hashing_service.retrieve("教师节是每年的哪一天？", retrieval=mode, k=5)
        assert hits, mode
        assert any("教师节" in h.chunk.text for h in hits), mode
    hits, _ = hashing_service.retrieve("教师节是每年的哪一天？", retrieval="hybrid", k=5)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))


def test_document_filter(hashing_service):  # type: ignore[no-untyped-def]
    docs = {d.title: d.doc_id for d in hashing_service.documents(LOCAL)}
    law = docs["中华人民共和国教师法"]
    hits, _ = hashing_service.retrieve("学校", retrieval="hybrid", k=5, doc_ids=[law])
    assert hits and all(h.chunk.doc_id == law for h in hits)


def test_bm25_follows_ingest_and_remove_without_rebuilding_per_query(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("关于食堂管理的通知\n学校食堂每天供应午餐，标准为每生每天6元。", encoding="utf-8")
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "idx"})
    service = GovdocService(settings)
    try:
        service.ingest([data])
        first = service.retriever.bm25()
        assert service.retriever.bm25() is first  # cached while the index is unchanged
        assert service.ask("学校食堂的午餐标准是多少钱？", who=LOCAL).text.startswith("学校食堂每天供应午餐")
        (data / "b.txt").write_text("关于校服的通知\n校服价格为每套120元。", encoding="utf-8")
        service.ingest([data])
        assert service.retriever.bm25() is not first
        assert not service.ask("校服价格是多少钱？", who=LOCAL).refused
        service.remove(str(Path(service.documents(LOCAL)[0].source)), who=LOCAL)
        remaining = {d.title for d in service.documents(LOCAL)}
        assert len(remaining) == 1
        hits, _ = service.retrieve("午餐 校服", retrieval="bm25")
        assert all(h.chunk.doc_title in remaining for h in hits)
    finally:
        service.close()


def test_a_document_filter_keeps_its_bm25_mask_until_the_index_changes(tmp_path: Path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("关于食堂管理的通知\n学校食堂每天供应午餐，标准为每生每天6元。", encoding="utf-8")
    (data / "b.txt").write_text("关于校服的通知\n校服价格为每套120元，学校统一采购。", encoding="utf-8")
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "idx"})
    service = GovdocService(settings)
    try:
        service.ingest([data])
        docs = {d.source.rsplit("/", 1)[-1]: d.doc_id for d in service.documents(LOCAL)}
        bm25 = service.retriever.bm25()
        tokens = service.retriever.tokenize("学校 午餐 校服")
        a_ids = {c.id for c in service.index.document_chunks(docs["a.txt"])}
        # A mask finds exactly what the set of ids finds.
        assert bm25.search(tokens, 5, bm25.mask(a_ids)) == bm25.search(tokens, 5, a_ids)
        assert {cid for cid, _ in bm25.search(tokens, 5, a_ids)} <= a_ids
        hits, _ = service.retrieve("学校", retrieval="bm25", doc_ids=[docs["a.txt"]])
        mask = service.retriever._masks[frozenset([docs["a.txt"]])]
        assert hits and all(h.chunk.doc_id == docs["a.txt"] for h in hits)
        again, _ = service.retrieve("学校", retrieval="bm25", doc_ids=[docs["a.txt"]])
        assert service.retriever._masks[frozenset([docs["a.txt"]])] is mask  # kept, not rebuilt
        assert [h.chunk.id for h in again] == [h.chunk.id for h in hits]
        both, _ = service.retrieve("学校", retrieval="bm25", doc_ids=list(docs.values()))
        assert {h.chunk.doc_id for h in both} == set(docs.values())
        # A write changes the chunks: the masks are dropped and made again for the new rows.
        (data / "a.txt").write_text("关于食堂管理的通知\n学校食堂每天供应午餐和晚餐。", encoding="utf-8")
        service.ingest([data])
        new_a = next(d.doc_id for d in service.documents(LOCAL) if d.source.endswith("a.txt"))
        hits, _ = service.retrieve("学校 晚餐", retrieval="bm25", doc_ids=[new_a])
        assert hits and all(h.chunk.doc_id == new_a for h in hits)
        assert service.retriever._masks[frozenset([new_a])] is not mask
    finally:
        service.close()


def test_a_weight_given_per_call_ranks_as_the_settings_weight_would(hashing_service):  # type: ignore[no-untyped-def]
    retriever = hashing_service.retriever
    query = "学校应当如何保障教师的工资待遇？"
    words_only = retriever.retrieve(query, k=8, mode="hybrid", bm25_weight=1.0)
    meaning_only = retriever.retrieve(query, k=8, mode="hybrid", bm25_weight=0.0)
    assert [h.chunk.id for h in words_only] == [h.chunk.id for h in retriever.retrieve(query, k=8, mode="bm25")]
    assert [h.chunk.id for h in meaning_only] == [h.chunk.id for h in retriever.retrieve(query, k=8, mode="dense")]
    assert [h.chunk.id for h in words_only] != [h.chunk.id for h in meaning_only]


def test_the_drafter_s_retriever_keeps_to_its_scope_and_passes_its_weight() -> None:
    from govdoc.permissions import Scope, ScopedRetriever

    calls = []

    class Recording:
        def retrieve(self, query, k=None, doc_ids=None, bm25_weight=None):  # type: ignore[no-untyped-def]
            calls.append((doc_ids, bm25_weight))
            return []

    scoped = ScopedRetriever(Recording(), Scope(["甲", "乙"]), bm25_weight=0.7)
    scoped.retrieve("某事", k=3, doc_ids=["乙", "丙"])
    assert calls == [(["乙"], 0.7)]
