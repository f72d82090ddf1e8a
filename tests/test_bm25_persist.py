"""The BM25 side: scores equal to bm25s's, saved per index generation so a new process loads it."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.bm25 import Bm25Index
from ingest.tokenize import jieba_tokens


def test_scores_are_bm25s_scores_bit_for_bit(tmp_path: Path) -> None:
    import bm25s

    texts = [
        "学校食堂每天供应午餐，标准为每生每天6元。",
        "校服价格为每套120元，学生自愿购买校服。",
        "党支部讨论决定学校重大事项，党支部书记主持会议。",
        "教师节是每年的九月十日。",
        "学校应当建立食品安全管理制度，食堂从业人员持证上岗。",
    ]
    tokens = [jieba_tokens(t) for t in texts]
    ours = Bm25Index([str(i) for i in range(len(texts))], tokens)
    reference = bm25s.BM25()
    reference.index(tokens, show_progress=False)
    for query in (["学校"], ["党支部", "党支部", "食堂"], ["校服", "价格", "学生"], ["教师节", "不存在"]):
        known = [t for t in query if t in reference.vocab_dict]
        assert np.array_equal(ours.scores(query), reference.get_scores(known))
    assert ours.df("学校") == 3


def test_saved_index_scores_exactly_like_a_fresh_build(tmp_path: Path) -> None:
    ids = ["x", "y", "z"]
    tokens = [["党支部", "决定"], ["校长", "负责"], ["党支部", "党支部", "监督"]]
    built = Bm25Index(ids, tokens)
    built.save(tmp_path / "bm25")
    loaded = Bm25Index.load(tmp_path / "bm25")

    assert loaded.ids == ids and loaded.df("党支部") == 2
    for query in (["党支部"], ["校长", "监督"], ["不存在"]):
        assert np.array_equal(loaded.scores(query), built.scores(query))
        assert loaded.search(query, k=5) == built.search(query, k=5)
    empty = tmp_path / "empty"
    Bm25Index([], []).save(empty)
    assert len(Bm25Index.load(empty)) == 0


def test_new_process_loads_the_saved_generation_and_a_write_replaces_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("关于食堂管理的通知\n学校食堂每天供应午餐，标准为每生每天6元。", encoding="utf-8")
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "idx"})
    first = GovdocService(settings)
    first.ingest([data])
    built = first.retriever.bm25()
    generation = first.index.generation()
    folder = first.index.bm25_folder("jieba", generation)
    assert folder.is_dir()

    second = GovdocService(settings)  # as another process would: nothing shared in memory
    loaded = second.retriever.bm25()
    assert loaded is not built and loaded.ids == built.ids
    query = jieba_tokens("学校食堂午餐标准")
    assert loaded.search(query, k=3) == built.search(query, k=3)

    (data / "b.txt").write_text("关于校服的通知\n校服价格为每套120元。", encoding="utf-8")
    second.ingest([data])
    assert len(second.retriever.bm25()) == len(built) + 1
    assert not folder.exists()  # the old generation's folder is pruned
    assert second.index.bm25_folder("jieba", second.index.generation()).is_dir()
    first.close()
    second.close()


def test_damaged_saved_index_is_rebuilt(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.txt").write_text("关于校服的通知\n校服价格为每套120元。", encoding="utf-8")
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "idx"})
    service = GovdocService(settings)
    service.ingest([data])
    folder = service.index.bm25_folder("jieba", service.index.generation())
    folder.mkdir(parents=True)
    (folder / "meta.json").write_text("[不是 JSON", encoding="utf-8")

    assert not service.ask("校服价格是多少钱？", who=LOCAL).refused
    assert Bm25Index.load(folder).ids == service.retriever.bm25().ids
    service.close()
