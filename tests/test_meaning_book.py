"""The index's book of vectors: what answers compare by meaning is embedded ahead, and read back unchanged."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import numpy as np
from judges import FlatStats
from service_files import CountingEmbedder

from assistant.answer import ExtractiveAnswerer, meaning_opening
from assistant.features import SENTENCE_FEATURES
from assistant.judge import EvidenceJudge, JudgeModel, Linear
from assistant.similarity import KeptSimilarity
from assistant.types import Hit
from assistant.warm import meaning_texts, warm_meanings
from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.backlog import BacklogWorker
from ingest.embed import HashingEmbedder
from ingest.meanings import PASSAGE, QUERY, VectorBook, text_hash
from ingest.types import Chunk

QUESTION = "学生在校园里受伤了，家长应该找哪个部门？"
TEXT = (
    "第九条 学生在校园里受伤的，家长可以先行协商；协商不成的，可以申请调解。"
    "此类纠纷由教育行政部门调解。当事人也可以向人民法院起诉。"
)
LAWS = sorted(p for p in (Path(__file__).resolve().parent.parent / "data").glob("*.md") if p.name != "SOURCES.md")


def _judge() -> EvidenceJudge:
    """The shipped model, told the passages were scored by the embedder it was fitted with, comparing the
    best three sentences by meaning."""
    names = SENTENCE_FEATURES
    sentence = Linear(names, (0.0,) * len(names), (1.0,) * len(names), tuple(float(n == "kinds_stated") for n in names), 0.0)
    model = replace(JudgeModel.load(), sentence=sentence, sentence_lexical=sentence)
    return EvidenceJudge(model, model.embedding, meaning_k=3)


def _hits() -> list[Hit]:
    chunk = Chunk("c1", "d1", "某条例", "x.md", "第二章", None, 0, len(TEXT), TEXT)
    return [Hit(chunk, 1.0, 1, dense_score=0.8)]


def test_the_book_gives_back_what_was_put_and_a_missing_file_is_an_empty_book(tmp_path: Path) -> None:
    book = VectorBook.beside(tmp_path / "index", dim=4)
    assert book.get(PASSAGE, ["学历"]) == {} and book.done(["x"]) == set() and book.size() == 0
    assert not book.path.exists()  # looking up creates nothing
    vectors = np.arange(8, dtype=np.float32).reshape(2, 4)
    book.put(PASSAGE, ["学历", "文凭"], vectors)
    got = book.get(PASSAGE, ["文凭", "教师", "学历", "文凭"])
    assert sorted(got) == ["学历", "文凭"]
    np.testing.assert_array_equal(got["文凭"], vectors[1])
    assert book.get(QUERY, ["学历"]) == {}  # a query's vector is another text's
    assert book.missing(PASSAGE, ["教师", "学历", "教师"]) == ["教师"]
    book.mark_done([text_hash("甲"), text_hash("乙")])
    assert book.done([text_hash("乙"), text_hash("丙")]) == {text_hash("乙")}
    book.close()
    # Another embedder's size is never returned; the file is read again after closing.
    assert VectorBook.beside(tmp_path / "index", dim=8).get(PASSAGE, ["学历"]) == {}
    assert VectorBook.beside(tmp_path / "index", dim=4).size() == 2


def test_booked_vectors_cost_the_embedder_nothing_and_give_the_same_cosines(tmp_path: Path) -> None:
    plain = HashingEmbedder()
    book = VectorBook.beside(tmp_path, plain.dim)
    book.put(PASSAGE, ["学历", "教师资格"], plain.embed_passages(["学历", "教师资格"]))
    book.put(QUERY, ["文凭"], np.stack([plain.embed_query("文凭")]))
    counting = CountingEmbedder()
    similarity = KeptSimilarity(counting, book=book)
    texts = ["学历", "校长", "教师资格"]
    expected = plain.embed_passages(texts) @ plain.embed_query("文凭")
    assert np.allclose(similarity("文凭", texts), expected)
    assert counting.passages == ["校长"] and counting.queries == []


def test_a_warmed_chunk_answers_the_same_without_embedding_a_sentence(tmp_path: Path) -> None:
    hits = _hits()
    openings, nouns = meaning_texts(hits[0].chunk)
    assert meaning_opening("第九条 此类纠纷由教育行政部门调解。") == "此类纠纷由教育行政部门调解。"
    assert "此类纠纷由教育行政部门调解。" in openings and "当事人也可以向人民法院起诉。" in openings
    assert "纠纷" in nouns and "人民法院" in nouns
    cold = CountingEmbedder()
    expected = ExtractiveAnswerer(FlatStats, _judge(), similarity=KeptSimilarity(cold)).answer(QUESTION, hits)
    assert cold.passages  # without the book, the answer embeds sentence openings (and nouns)
    book = VectorBook.beside(tmp_path, cold.dim)
    warm_embedder = CountingEmbedder()
    for text_list, kind in ((openings + nouns, PASSAGE),):
        book.put(kind, text_list, warm_embedder.embed_passages(text_list))
    book.put(QUERY, nouns, np.stack([warm_embedder.embed_query(n) for n in nouns]))
    warm = CountingEmbedder()
    answer = ExtractiveAnswerer(FlatStats, _judge(), similarity=KeptSimilarity(warm, book=book)).answer(QUESTION, hits)
    assert answer.text == expected.text and answer.refused == expected.refused
    assert warm.passages == []  # every opening and noun came from the book


def test_warming_an_index_does_each_chunk_once_and_again_when_its_text_changes(tmp_path: Path) -> None:
    service = GovdocService(Settings(embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"}))
    try:
        service.ingest(LAWS[:1])
        index = service.index
        book = VectorBook.beside(index.root, service.embedder.dim)
        embedder = CountingEmbedder()
        done = warm_meanings(index, embedder, book, batch_size=4)
        chunks = [c for d in index.documents() for c in index.document_chunks(d.doc_id)]
        assert done == len(chunks) > 4
        for chunk in chunks:
            openings, nouns = meaning_texts(chunk)
            assert book.missing(PASSAGE, [*openings, *nouns]) == []
            assert book.missing(QUERY, nouns) == []
        assert len(embedder.passages) == len(set(embedder.passages))  # each text embedded once
        embedder.passages.clear()
        assert warm_meanings(index, embedder, book) == 0 and embedder.passages == []
        # A stop asked for before a batch leaves the rest for the next run.
        stop = threading.Event()
        stop.set()
        fresh = VectorBook.beside(tmp_path / "other", service.embedder.dim)
        assert warm_meanings(index, embedder, fresh, stop=stop) == 0 and fresh.size() == 0
        # The same chunk id with another text is done again.
        changed = replace(chunks[0], text=chunks[0].text + "另有规定的，从其规定。")
        assert book.done([text_hash(changed.text)]) == set()
    finally:
        service.close()


def test_the_vector_thread_runs_its_follow_up_once_per_change_of_the_index(tmp_path: Path) -> None:
    service = GovdocService(Settings(embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"}))
    laws = LAWS
    runs: list[int] = []
    ran = threading.Event()

    def after(stop: threading.Event) -> bool:
        runs.append(service.index.generation())
        ran.set()
        return True

    try:
        service.ingest(laws[:1], wait=False)
        worker = BacklogWorker(service.index, service.embedder, poll_s=0.05, after=after)
        worker.start()
        assert ran.wait(60) and worker.wait_idle(60)
        threading.Event().wait(0.3)  # several polls with nothing new
        assert len(runs) == 1
        ran.clear()
        service.ingest(laws[1:2], wait=False)
        worker.wake()
        assert ran.wait(60)
        assert len(runs) == 2 and runs[1] != runs[0]
        worker.stop(timeout=30)
    finally:
        service.close()


def test_a_server_warms_the_book_only_when_warming_is_on(tmp_path: Path) -> None:
    for on in (True, False):
        settings = Settings(
            embedding={"mode": "hashing", "warm_meanings": on}, store={"index_dir": tmp_path / f"index-{on}"}
        )
        service = GovdocService(settings)
        try:
            service.ingest(LAWS[:1])
            service.judge.same_embedder = True  # as when the judge was fitted with this index's embedder
            assert service.warm()
            assert (service.book.size() > 0) is on
        finally:
            service.close()


def test_closing_a_server_while_its_vector_thread_asks_for_the_judge_does_not_hang(tmp_path: Path) -> None:
    # The follow-up of the vector thread (warming) builds the judge under the service's lock; close()
    # waits for that thread, so it must not hold the lock meanwhile.
    service = GovdocService(Settings(embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"}))
    service.ingest(LAWS[:1])
    started, go_on = threading.Event(), threading.Event()

    def warm(stop: threading.Event | None = None) -> bool:
        started.set()
        go_on.wait(30)
        return service.judge is not None

    service.warm = warm  # type: ignore[method-assign]
    service.start_vectors()
    assert started.wait(60)
    closer = threading.Thread(target=service.close, daemon=True)
    closer.start()
    closer.join(0.5)  # let close() reach the vector thread before the follow-up asks for the judge
    go_on.set()
    closer.join(60)
    assert not closer.is_alive()
