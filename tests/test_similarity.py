"""The embedder's similarity with its vectors kept: the same cosines, each text embedded once."""

from __future__ import annotations

import numpy as np
from service_files import CountingEmbedder

from assistant.similarity import KeptSimilarity
from ingest.embed import HashingEmbedder


def test_kept_vectors_give_the_same_cosines_and_are_embedded_once():
    embedder = CountingEmbedder()
    plain = HashingEmbedder()
    similarity = KeptSimilarity(embedder)
    words = ["学历", "教师资格证书", "学历"]
    expected = plain.embed_passages(words) @ plain.embed_query("文凭")
    assert np.allclose(similarity("文凭", words), expected)
    assert np.allclose(similarity("文凭", ["教师资格证书", "学历"]), expected[[1, 0]])
    assert embedder.passages == ["学历", "教师资格证书"]  # each text once, a repeated one too
    assert embedder.queries == ["文凭"]
    assert similarity("文凭", []) == []


def test_a_full_cache_drops_the_least_recently_used_and_still_answers():
    embedder = CountingEmbedder()
    plain = HashingEmbedder()
    similarity = KeptSimilarity(embedder, size=2)
    similarity("学校", ["教师", "学生"])
    similarity("学校", ["教师"])  # 教师 used again: 学生 is now the oldest
    similarity("学校", ["校长"])
    embedder.passages.clear()
    similarity("学校", ["教师"])
    assert embedder.passages == []  # kept
    similarity("学校", ["学生"])
    assert embedder.passages == ["学生"]  # dropped, embedded again
    # More texts than the cache holds at once: the cosines are still right.
    texts = ["教师", "学生", "校长", "家长"]
    assert np.allclose(similarity("学校", texts), plain.embed_passages(texts) @ plain.embed_query("学校"))
