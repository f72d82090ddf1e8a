"""Two-phase ingest: files are answerable from BM25 at once, vectors fill in behind, nothing is lost.

Real files (the bundled laws in data/), a real Chroma in tmp_path, the deterministic hashing embedder.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from index_checks import GOVDOC, assert_consistent, child, chroma_ids, free_port, govdoc_env, run_govdoc

from assistant.retrieve import fuse, fuse_weighted
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.backlog import BacklogWorker, embed_backlog
from ingest.chunk import index_text
from ingest.embed import HashingEmbedder
from ingest.ocr import OcrProvider
from ingest.pipeline import content_hash, source_key
from ingest.read import local_reader
from ingest.role import with_roles
from ingest.store import Backlog
from ingest.version import with_versions

ROOT = Path(__file__).resolve().parent.parent
LAWS = sorted((ROOT / "data").glob("*.md"))
TESTSET = ROOT / "evals" / "testset.jsonl"


def make_service(index_dir: Path) -> GovdocService:
    return GovdocService(Settings(embedding={"mode": "hashing"}, store={"index_dir": index_dir}))


def one_phase_ingest(service: GovdocService, paths: list[Path]) -> None:
    """The ingest before two phases: each file read, embedded and written with its vectors in one go."""
    settings = service.settings
    reader = local_reader(
        chunk_settings=settings.chunk,
        ingest_settings=settings.ingest,
        ocr_settings=settings.ocr,
        ocr_engine=OcrProvider(settings.store.index_dir / "ocr-cache"),
    )
    for path in paths:
        key = source_key(path)
        digest, size = content_hash(path)
        documents, chunks = reader(path, key)
        chunks = with_roles(
            documents,
            chunks,
            None,
            default_role=settings.ingest.default_role,
            report_role=settings.ingest.report_role,
        )
        chunks = with_versions(documents, chunks, key)
        texts = [index_text(c) for c in chunks]
        vectors = service.embedder.embed_passages(texts)
        service.index.replace_file(key, digest, documents, chunks, vectors, texts=texts, size=size)


class FailingEmbedder(HashingEmbedder):
    """The hashing embedder, raising on its ``fail_on``-th batch (a crash mid-way through phase two)."""

    def __init__(self, fail_on: int) -> None:
        super().__init__()
        self.fail_on = fail_on
        self.calls = 0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        if self.calls == self.fail_on:
            raise RuntimeError("simulated crash while embedding")
        return super().embed_passages(texts)


@pytest.fixture
def phase_one(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A service whose index holds the bundled laws after phase one only."""
    service = make_service(tmp_path / "two-phase")
    report = service.ingest(LAWS, wait=False)
    assert not report.errors
    yield service, report
    service.close()


def test_phase_one_makes_every_file_searchable_with_every_chunk_waiting(phase_one) -> None:  # type: ignore[no-untyped-def]
    service, report = phase_one
    index = service.index
    assert report.added == len(LAWS)
    assert report.waiting == report.chunks == index.chunk_count() > 0
    assert chroma_ids(index) == set()  # no vector yet
    bm25_ids, _ = index.token_rows("jieba")
    assert bm25_ids == [c.id for c in index.chunks()]
    assert_consistent(index)
    status = service.vector_status()
    assert (status.documents, status.chunks, status.waiting) == (len(LAWS), report.chunks, report.chunks)
    # Counted for one file only (what a user who may read just that file is shown), the rest is not told.
    one = index.sources()[0]
    own = [c for c in index.chunks() if c.source == one]
    counts = index.backlog_by_source()
    assert counts[one] == Backlog(1, len(own), len(own)) and len(own) < report.chunks
    assert Backlog.total(counts.values()) == Backlog(len(LAWS), report.chunks, report.chunks)
    assert Backlog.total([]) == Backlog(0, 0, 0)


def test_a_question_about_a_file_waiting_for_vectors_is_answered_with_its_citation(phase_one) -> None:  # type: ignore[no-untyped-def]
    service, _ = phase_one
    answer = service.ask("教师享有哪些权利？", who=LOCAL, mode="extractive", retrieval="hybrid")
    assert not answer.refused
    assert answer.citations
    assert any("教师法" in c.source for c in answer.citations)
    cited = [c.chunk_id for c in answer.citations]
    assert service.index.waiting_among(cited) == set(cited)  # found by BM25 alone


def test_a_failed_batch_loses_nothing_and_the_next_run_continues(phase_one) -> None:  # type: ignore[no-untyped-def]
    service, report = phase_one
    index = service.index
    total = report.waiting
    failing = FailingEmbedder(fail_on=3)
    with pytest.raises(RuntimeError, match="simulated crash"):
        embed_backlog(index, failing, batch_size=8)
    # Two batches were committed before the third failed; the rest still waits.
    assert index.waiting_count() == total - 16
    all_ids = {c.id for c in index.chunks()}
    assert chroma_ids(index) == all_ids - index.waiting_among(sorted(all_ids))
    assert_consistent(index)
    counting = FailingEmbedder(fail_on=0)
    assert embed_backlog(index, counting, batch_size=8) == total - 16
    assert index.waiting_count() == 0
    assert chroma_ids(index) == all_ids
    assert_consistent(index)
    # Idempotent: nothing waits, nothing is embedded again.
    again = FailingEmbedder(fail_on=0)
    assert embed_backlog(index, again, batch_size=8) == 0
    assert again.calls == 0


def test_vector_commits_keep_the_text_generation_and_the_bm25_side(phase_one) -> None:  # type: ignore[no-untyped-def]
    # BM25 depends only on chunk text: a question asked while the backlog is embedded must not pay a
    # BM25 rebuild (seconds at 100k chunks) after every committed batch.
    service, report = phase_one
    index, retriever = service.index, service.retriever
    bm25 = retriever.bm25()
    generation = index.generation()
    saved = sorted(p.name for p in index.bm25_folder("jieba", generation).parent.iterdir())
    assert embed_backlog(index, service.embedder, batch_size=8, stop=None) == report.chunks
    assert index.waiting_count() == 0
    assert index.generation() == generation
    assert retriever.bm25() is bm25
    assert sorted(p.name for p in index.bm25_folder("jieba", generation).parent.iterdir()) == saved
    # The vectors are used at once: a dense hit now, where there was none before the batches.
    assert service.retrieve("教师享有哪些权利？", retrieval="dense")[0]
    assert retriever.bm25() is bm25
    # A text change does move the generation, and the BM25 side follows it.
    service.index.remove_source(service.index.sources()[0])
    assert index.generation() > generation
    assert retriever.bm25() is not bm25 and len(retriever.bm25()) < len(bm25)


def test_questions_are_answered_while_another_process_stores_vectors(phase_one) -> None:  # type: ignore[no-untyped-def]
    # govdoc ingest --wait beside a running server: between its Chroma write and its manifest commit
    # (or after a kill there), the server's loaded Chroma index lacks ids its filter finds.
    import subprocess
    import sys
    import threading

    service, _ = phase_one
    index = service.index
    stop = threading.Event()
    embed_backlog(index, service.embedder, batch_size=8, progress=lambda done, _: done >= 16 and stop.set(), stop=stop)
    query = service.embedder.embed_query("教师的权利和义务")
    doc_ids = [d.doc_id for d in index.documents()]
    assert index.query_dense(query, 5, doc_ids)
    waiting = index.waiting_count()
    writer = (
        "import sys; from pathlib import Path\n"
        "from ingest.chunk import index_text\n"
        "from ingest.config import StoreSettings\n"
        "from ingest.embed import HashingEmbedder\n"
        "from ingest.store import Index\n"
        "e = HashingEmbedder()\n"
        "index = Index.open(StoreSettings(index_dir=Path(sys.argv[1])), e.name, e.dim)\n"
        "batch = index.waiting_chunks(10000)\n"
        "index._chroma_upsert(batch, e.embed_passages([index_text(c) for c in batch]))\n"  # then killed
    )
    done = subprocess.run(
        [sys.executable, "-c", writer, str(service.settings.store.index_dir)],
        env={**govdoc_env(service.settings.store.index_dir), "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert index.waiting_count() == waiting  # nothing committed to the manifest
    hits = index.query_dense(query, 5, doc_ids)
    assert hits and all(cid in {c.id for c in index.chunks()} for cid, _ in hits)
    answer = service.ask("教师享有哪些权利？", who=LOCAL, mode="extractive", retrieval="hybrid")
    assert not answer.refused and answer.citations
    # The leftover vectors are the uncommitted batch's: the next run (or repair) takes them off the list.
    assert embed_backlog(index, service.embedder, batch_size=8) == waiting
    assert_consistent(index)


def test_after_the_backlog_answers_equal_a_one_phase_ingest(tmp_path: Path) -> None:
    one = make_service(tmp_path / "one-phase")
    two = make_service(tmp_path / "two-phase")
    try:
        one_phase_ingest(one, LAWS)
        assert one.index.waiting_count() == 0
        two.ingest(LAWS, wait=False)
        embed_backlog(two.index, two.embedder, batch_size=16)
        assert two.index.waiting_count() == 0
        assert [c.id for c in two.index.chunks()] == [c.id for c in one.index.chunks()]
        assert chroma_ids(two.index) == chroma_ids(one.index)
        questions = [json.loads(line)["question"] for line in TESTSET.read_text(encoding="utf-8").splitlines()[:15]]
        for question in questions:
            for mode in ("hybrid", "dense", "bm25"):
                a = [h.chunk.id for h in one.retrieve(question, retrieval=mode)[0]]
                b = [h.chunk.id for h in two.retrieve(question, retrieval=mode)[0]]
                assert a == b, (question, mode)
            first = one.ask(question, who=LOCAL, mode="extractive")
            second = two.ask(question, who=LOCAL, mode="extractive")
            assert (first.text, first.refused, first.citations) == (second.text, second.refused, second.citations)
    finally:
        one.close()
        two.close()


def test_the_background_thread_fills_the_backlog_and_later_ingests_wait_for_it(tmp_path: Path) -> None:
    service = make_service(tmp_path / "served")
    try:
        service.ingest(LAWS[:1], wait=False)
        service.start_vectors()
        assert service.wait_for_vectors(timeout=120)
        assert service.vector_status().waiting == 0
        # With the thread running, an ingest returns after phase one and wakes the thread.
        report = service.ingest(LAWS[1:])
        assert report.added == len(LAWS) - 1
        assert service.wait_for_vectors(timeout=120)
        status = service.vector_status()
        assert status.waiting == 0 and status.eta_s == 0.0
        assert_consistent(service.index)
    finally:
        service.close()


class PriorityRecorder(HashingEmbedder):
    """The hashing embedder, noting the nice value of the thread that embeds each batch."""

    def __init__(self) -> None:
        super().__init__()
        self.nice: list[int] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.nice.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return super().embed_passages(texts)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="nice per thread is Linux's")
def test_the_background_thread_yields_the_cpu_and_the_answering_thread_does_not(phase_one) -> None:  # type: ignore[no-untyped-def]
    service, _ = phase_one
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    recorder = PriorityRecorder()
    worker = BacklogWorker(service.index, recorder, batch_size=8, nice=5)
    worker.start()
    try:
        assert worker.wait_idle(timeout=120)
    finally:
        worker.stop(timeout=30)
    assert recorder.nice and set(recorder.nice) == {min(19, before + 5)}
    assert service.index.waiting_count() == 0
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before  # this thread is untouched


def test_fusion_does_not_rank_a_chunk_down_for_waiting() -> None:
    bm25 = [("new", 9.0), ("old", 5.0), ("other", 1.0)]
    dense = [("old", 0.9), ("other", 0.5)]
    # Without its vector, "new" (best lexical match) fell below "old", which both sides found.
    assert [cid for cid, _ in fuse(bm25, dense, rrf_k=60)][0] == "old"
    fused = dict(fuse(bm25, dense, rrf_k=60, lexical_only={"new"}))
    assert fused["new"] == pytest.approx(2 / 61)  # as if ranked first on both sides
    assert fused["new"] > fused["old"]
    weighted = dict(fuse_weighted(bm25, dense, 0.5, lexical_only={"new"}))
    assert weighted["new"] == pytest.approx(1.0)
    # Nothing waiting: the one-phase ranking, unchanged.
    assert fuse(bm25, dense, rrf_k=60, lexical_only=set()) == fuse(bm25, dense, rrf_k=60)


@pytest.mark.slow
def test_serve_resumes_the_vector_backlog_left_by_ingest(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    env = govdoc_env(index_dir)
    (tmp_path / "docs").mkdir()
    for law in LAWS:
        (tmp_path / "docs" / law.name).write_bytes(law.read_bytes())
    done = run_govdoc(["ingest", "--json", "docs"], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["waiting"] > 0
    serve = [*GOVDOC, "serve", "--no-index", "--port", str(free_port())]
    with child(serve, env, tmp_path, tmp_path / "serve.log"):
        deadline = time.monotonic() + 240
        status: dict[str, int] = {}
        while time.monotonic() < deadline:
            status = json.loads(run_govdoc(["status", "--json"], env, cwd=tmp_path).stdout)
            if status["waiting"] == 0:
                break
            time.sleep(1)
    assert status["waiting"] == 0 and status["chunks"] > 0, (tmp_path / "serve.log").read_text(errors="replace")


def test_api_status_shows_the_backlog_then_its_end(phase_one) -> None:  # type: ignore[no-untyped-def]
    import httpx
    from test_api import serving

    from govdoc.api import create_api

    service, report = phase_one
    with serving(create_api(service, service.settings)) as base:
        before = httpx.get(f"{base}/api/status", timeout=30).json()
        assert before == {"documents": len(LAWS), "chunks": report.chunks, "waiting": report.chunks, "eta_s": None}
        service.start_vectors()
        assert service.wait_for_vectors(240)
        after = httpx.get(f"{base}/api/status", timeout=30).json()
    assert after == {"documents": len(LAWS), "chunks": report.chunks, "waiting": 0, "eta_s": 0}


def test_govdoc_status_shows_the_time_left_while_another_process_embeds(phase_one) -> None:  # type: ignore[no-untyped-def]
    import threading

    service, report = phase_one
    env = govdoc_env(service.settings.store.index_dir, PYTHONPATH=str(ROOT))
    idle = json.loads(run_govdoc(["status", "--json"], env, ROOT).stdout)
    assert idle == {"documents": len(LAWS), "chunks": report.chunks, "waiting": report.chunks, "eta_s": None}
    assert "暂无法估算剩余时间" in run_govdoc(["status"], env, ROOT).stdout
    # Three batches committed, then the embedding stops part-way (as a server would, mid-backlog).
    stop = threading.Event()
    embed_backlog(service.index, service.embedder, batch_size=8, progress=lambda done, _: done >= 24 and stop.set(), stop=stop)
    waiting = service.index.waiting_count()
    assert waiting == report.chunks - 24
    rate = service.index.vector_rate()
    assert rate is not None and rate > 0
    # Another process (the command line) sees the rate the index recorded: the page's words, an ETA.
    busy = json.loads(run_govdoc(["status", "--json"], env, ROOT).stdout)
    assert busy["waiting"] == waiting and isinstance(busy["eta_s"], int)  # the hashing embedder: well under a minute
    shown = run_govdoc(["status"], env, ROOT).stdout
    assert f"已完成 24/{report.chunks} 个片段，{waiting} 个等待，预计不到 1 分钟完成" in shown, shown
    # A pause longer than two minutes ends the run: no rate from before an idle spell.
    assert service.index.vector_rate(now=time.time() + 121) is None
    embed_backlog(service.index, service.embedder, batch_size=8)
    assert service.vector_status().eta_s == 0.0


def test_the_page_shows_vector_progress_in_chinese_from_zero_to_full(phase_one) -> None:  # type: ignore[no-untyped-def]
    import re

    from govdoc.service import VectorStatus
    from govdoc.web.vectors import vector_progress_html

    service, report = phase_one
    before = vector_progress_html(service.vector_status())
    assert f'value="0" max="{report.chunks}"' in before
    assert f"按意思查找的准备进度 0%：已准备好 0/{report.chunks} 段资料，正在估算剩余时间" in before
    half = vector_progress_html(VectorStatus(3, 200, 100, 600.0))
    assert "按意思查找的准备进度 50%：已准备好 100/200 段资料，预计还需约 10 分钟" in half
    service.start_vectors()
    assert service.wait_for_vectors(240)
    after = vector_progress_html(service.vector_status())
    assert f'value="{report.chunks}" max="{report.chunks}"' in after and "按意思查找已准备好" in after
    for shown in (before, half, after):
        text = re.sub(r"<[^>]+>", "", shown)
        assert not re.search(r"[A-Za-z]", text), text  # no English on the page
    assert vector_progress_html(VectorStatus(0, 0, 0, 0.0)) == ""


def test_the_time_left_is_shown_only_to_a_user_whose_documents_wait(tmp_path: Path) -> None:
    # Another school's upload is no business of a reader's: while only its chunks wait, the reader's
    # status says nothing waits and no time is left, not the whole queue's.
    from govdoc.accounts import Principal

    service = make_service(tmp_path / "kbs")
    service.accounts.add_user("读者甲", "long-enough-1", "reader")
    service.kbs.create("乙校")
    report = service.ingest(LAWS[:1], wait=False, kbs=["乙校"])
    assert not report.errors
    stop = threading.Event()  # one batch embedded, the rest waiting: the index has a rate to tell time by
    embed_backlog(service.index, service.embedder, batch_size=1, progress=lambda done, _: done >= 2 and stop.set(), stop=stop)
    everyone = service.vector_status()
    assert everyone.waiting > 0 and everyone.eta_s not in (None, 0.0)
    mine = service.vector_status(Principal("读者甲", "reader", "session"))
    assert mine.waiting == 0 and mine.eta_s == 0.0
    service.close()
