"""The BM25 side is saved per index generation, so a new process loads it instead of rebuilding."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.bm25 import Bm25Index
from ingest.tokenize import jieba_tokens


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
    (folder / "ids.json").write_text("[不是 JSON", encoding="utf-8")

    assert not service.ask("校服价格是多少钱？").refused
    assert Bm25Index.load(folder).ids == service.retriever.bm25().ids
    service.close()
