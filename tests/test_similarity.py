"""The embedder's similarity with its vectors kept: the same cosines, each text embedded once."""

from __future__ import annotations

import numpy as np
from service_files import CountingEmbedder

from assistant.evidence import Focus
from assistant.judge import alike_nouns
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


def test_primed_words_are_embedded_together_once_and_give_the_same_cosines():
    embedder = CountingEmbedder()
    plain = HashingEmbedder()
    similarity = KeptSimilarity(embedder)
    similarity.prime(["文凭", "医生", "文凭"])
    similarity.prime(["医生"])  # kept: nothing more to embed
    assert embedder.batches == [["文凭", "医生"]]
    texts = ["学历", "医师"]
    for word in ("文凭", "医生"):
        assert np.allclose(similarity(word, texts), plain.embed_passages(texts) @ plain.embed_query(word))
    assert embedder.queries == ["文凭", "医生"]  # the calls found them kept


def test_the_judge_embeds_a_questions_unwritten_nouns_in_one_batch():
    embedder = CountingEmbedder()
    similarity = KeptSimilarity(embedder)
    focus = Focus(terms=(("文凭", 1.0), ("医生", 1.0), ("学校", 1.0)), wants_quantity=False, wants_list=False)
    alike_nouns(focus, "学校应当查验医师的学历证书。", similarity, floor=2.0)
    # 学校 is written in the text; the other two are compared, embedded together.
    assert embedder.batches == [["文凭", "医生"]]
    assert embedder.queries == ["文凭", "医生"]
