"""The store contract (`ingest.backend.IndexStore`), one suite run on every backend.

Each test opens a real index through `ingest.backend.open_store`: sqlite + local Chroma in
tmp_path, and PostgreSQL + pgvector started by `pgserver` for the session (conftest.postgres_dsn).
Only the public interface is used, so the same assertions hold for both. Vectors come from the
deterministic hashing embedder; texts are real articles from the laws in data/.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from store_files import EMBEDDER, make_file, put

from ingest.backend import IndexStore, open_store
from ingest.chunk import index_text
from ingest.config import StoreSettings
from ingest.stamp import stamped
from ingest.store import NotInIndexError, RepairReport, StoreError
from ingest.types import Chunk
from ingest.version import Override, resolve

ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ["sqlite", "postgres"]


def law_articles() -> list[str]:
    """Every article line (第X条 …) of the bundled laws, in file order."""
    return [
        line.strip()
        for source in sorted((ROOT / "data").glob("*.md"))
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("第") and "条" in line[:8]
    ]


ARTICLES = law_articles()


def dense_ids(index: IndexStore) -> set[str]:
    """Every chunk a dense query can return (k covers the whole index)."""
    k = index.chunk_count() + 10
    return {i for i, _ in index.query_dense(EMBEDDER.embed_query("义务教育"), k=k)}


def assert_consistent(index: IndexStore) -> None:
    """Documents, chunks, BM25 rows, backlog and vectors agree with one another."""
    chunks = index.chunks()
    ids = [c.id for c in chunks]
    assert len(set(ids)) == len(ids) == index.chunk_count()
    assert index.token_rows("bigram")[0] == ids
    docs = index.documents()
    assert sorted({d.source for d in docs}) == index.sources()
    assert {c.doc_id for c in chunks} <= {d.doc_id for d in docs}
    for info in docs:
        assert [c.id for c in index.document_chunks(info.doc_id)] == [c.id for c in chunks if c.doc_id == info.doc_id]
        assert info.n_chunks == len(index.document_chunks(info.doc_id))
    waiting = index.waiting_among(ids)
    assert len(waiting) == index.waiting_count() == sum(index.waiting_by_source().values())
    backlog = index.backlog_by_source()
    assert sum(b.chunks for b in backlog.values()) == len(ids)
    assert sum(b.waiting for b in backlog.values()) == len(waiting)
    assert dense_ids(index) <= set(ids) - waiting


# ---------------------------------------------------------------------- backends


@pytest.fixture(params=BACKENDS)
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> StoreSettings:
    """Store settings of a fresh, empty index on the backend under test."""
    if request.param == "sqlite":
        return StoreSettings(index_dir=tmp_path / "index")
    # One database for the session; each test gets its own schemas through its own collection name.
    collection = "t" + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:12]
    dsn = request.getfixturevalue("postgres_dsn")
    return StoreSettings(backend="postgres", dsn=dsn, collection=collection, index_dir=tmp_path / "index")


@pytest.fixture
def index(store_settings: StoreSettings) -> Iterator[IndexStore]:
    with open_store(store_settings, EMBEDDER.name, EMBEDDER.dim) as opened:
        yield opened


LAW = ARTICLES[:3]
REPORT = ["一、党组织领导", "一是持续抓好政治理论学习。", "二是健全党支部对学校工作全面领导的组织体系。"]


# ---------------------------------------------------------------------- add


def test_a_file_reads_back_as_written(index: IndexStore) -> None:
    doc, _ = make_file("data/法律.md", LAW)
    chunks = put(index, "data/法律.md", LAW, content_hash="abc")
    assert index.file_hash("data/法律.md") == "abc"
    assert index.file_hash("data/other.md") is None
    assert index.sources_with_hash("abc") == ["data/法律.md"]
    assert index.sources_with_hash("nope") == []
    assert index.sources() == ["data/法律.md"]
    assert index.chunks() == chunks
    assert index.chunks([chunks[2].id, "unknown", chunks[0].id]) == [chunks[2], chunks[0]]
    assert index.document(doc.doc_id) == doc
    assert index.document_text(doc.doc_id) == doc.text
    assert index.document_chunks(doc.doc_id) == chunks
    assert index.chunk_at(doc.doc_id, chunks[1].start + 1) == chunks[1]
    assert index.chunk_at(doc.doc_id, len(doc.text) + 5) is None
    assert index.next_chunk(chunks[0].id) == chunks[1]
    assert index.next_chunk(chunks[2].id) is None
    [info] = index.documents()
    assert (info.doc_id, info.title, info.source, info.n_chunks, info.role) == (
        doc.doc_id, "测试文件", "data/法律.md", 3, "policy"
    )
    assert info.ingested_at[:2] == "20"
    with pytest.raises(NotInIndexError):
        index.document("nope")
    with pytest.raises(NotInIndexError):
        index.document_text("nope")


def test_the_hashes_of_many_files_read_at_once_are_those_read_one_by_one(index: IndexStore) -> None:
    put(index, "b.md", REPORT, content_hash="hb")
    put(index, "a.md", LAW, content_hash="ha")
    put(index, "教育.md", ARTICLES[3:5], content_hash="")  # a hash cleared for re-embedding is still recorded
    asked = ["教育.md", "missing.md", "a.md", "b.md", "a.md"]
    one_by_one = {s: h for s in asked if (h := index.file_hash(s)) is not None}
    hashes = index.file_hashes(asked)
    assert hashes == one_by_one == {"教育.md": "", "a.md": "ha", "b.md": "hb"}
    assert list(hashes) == ["教育.md", "a.md", "b.md"]  # in the order asked
    assert index.file_hashes([]) == {}
    many = [f"absent-{n}.md" for n in range(1200)] + ["b.md"]  # more than one batch of names
    assert index.file_hashes(many) == {"b.md": "hb"}
    assert index.file_hashes(index.sources()) == {s: index.file_hash(s) for s in index.sources()}
    # Every file of the same bytes, by name (one school's copy must not hide another's: `GovdocService.upload`).
    put(index, "c.md", REPORT, content_hash=stamped("hb", "reader-2"))
    assert index.sources_with_hash("hb") == ["b.md", "c.md"]


def test_chunks_and_token_rows_follow_source_then_text_order(index: IndexStore) -> None:
    put(index, "b.md", REPORT)
    put(index, "a.md", LAW)
    put(index, "教育.md", ARTICLES[3:5])  # non-ASCII names sort after ASCII ones, by code point
    ids, tokens = index.token_rows("jieba")
    assert ids == [c.id for c in index.chunks()]
    assert [i.split(":")[0] for i in ids] == ["a.md"] * 3 + ["b.md"] * 3 + ["教育.md"] * 2
    assert "测试" in tokens[0]  # the title is part of the index text
    _, bigrams = index.token_rows("bigram")
    assert "党组" in bigrams[3]
    with pytest.raises(ValueError):
        index.token_rows("words")


def test_dense_query_ranks_and_filters_by_document(index: IndexStore) -> None:
    law = put(index, "law.md", LAW)
    report = put(index, "report.md", REPORT)
    query = EMBEDDER.embed_query(LAW[2])
    hits = index.query_dense(query, k=3)
    assert len(hits) == 3
    assert hits[0][0] == law[2].id
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(-1.0 <= s <= 1.0 + 1e-5 for s in scores)
    only_report = index.query_dense(query, k=5, doc_ids=["report.md#0"])
    assert {i for i, _ in only_report} == {c.id for c in report}
    assert index.query_dense(query, k=5, doc_ids=[]) == []
    assert index.query_dense(query, k=0) == []
    with pytest.raises(ValueError):
        index.query_dense(np.ones(3, dtype=np.float32), k=1)


def test_vectors_of_the_wrong_shape_are_refused_and_nothing_is_written(index: IndexStore) -> None:
    doc, chunks = make_file("law.md", LAW)
    with pytest.raises(ValueError):
        index.replace_file("law.md", "h", [doc], chunks, np.zeros((2, EMBEDDER.dim), dtype=np.float32))
    assert index.sources() == []


# ---------------------------------------------------------------------- replace, remove


def test_replacing_a_file_swaps_its_content_everywhere(index: IndexStore) -> None:
    old = put(index, "a.md", LAW)
    kept = put(index, "b.md", REPORT)
    new = put(index, "a.md", [LAW[0], ARTICLES[7]], content_hash="h2")
    assert {c.id for c in index.chunks()} == {c.id for c in new} | {c.id for c in kept}
    assert dense_ids(index) == {c.id for c in new} | {c.id for c in kept}
    assert not {c.id for c in old} - {c.id for c in new} & dense_ids(index)
    assert index.file_hash("a.md") == "h2"
    assert index.document_text("a.md#0") == "\n".join([LAW[0], ARTICLES[7]])
    assert_consistent(index)


def test_a_chunk_id_held_by_another_file_is_refused_and_nothing_is_lost(index: IndexStore) -> None:
    law = put(index, "law.md", LAW, content_hash="h1")
    doc, chunks = make_file("copy.md", LAW)
    stolen = [Chunk(**{**c.__dict__, "id": law[0].id}) if n == 0 else c for n, c in enumerate(chunks)]
    with pytest.raises(StoreError):
        index.replace_file("copy.md", "h2", [doc], stolen, EMBEDDER.embed_passages([index_text(c) for c in stolen]))
    assert index.sources() == ["law.md"]
    assert index.chunks() == law
    assert dense_ids(index) == {c.id for c in law}


def test_removing_a_file_takes_everything_of_it(index: IndexStore) -> None:
    law = put(index, "law.md", LAW)
    report = put(index, "report.md", REPORT)
    assert index.remove_source("law.md") == len(law)
    assert index.sources() == ["report.md"]
    assert [d.source for d in index.documents()] == ["report.md"]
    assert dense_ids(index) == {c.id for c in report}
    assert index.chunks([c.id for c in law]) == []
    with pytest.raises(NotInIndexError, match="索引中没有文件"):
        index.remove_source("law.md")
    assert_consistent(index)


def test_titles_group_versions_only_within_the_realm_the_caller_names(index: IndexStore) -> None:
    # Three files of one title: two in a school's knowledge bases, one in the shared base.
    for source in ("校内/制度.md", "校内/制度（修订）.md", "公共/制度.md"):
        put(index, source, LAW)
    school = "校内制度库"
    realms = {"校内/制度.md": school, "校内/制度（修订）.md": school}
    versions = resolve(index.documents(), index.version_overrides(), realms)
    mine, revised, shared = versions["校内/制度.md#0"], versions["校内/制度（修订）.md#0"], versions["公共/制度.md#0"]
    assert mine.group == revised.group and mine.count == 2
    # The shared file is no version of the school's: neither supersedes the other by its title alone.
    assert shared.group != mine.group and not shared.versioned and shared.current
    # Named in no realm, the three are versions of one document.
    assert len({v.group for v in resolve(index.documents(), index.version_overrides(), {}).values()}) == 1


def test_roles_and_versions_change_without_touching_vectors(index: IndexStore) -> None:
    law = put(index, "law.md", LAW)
    put(index, "report.md", REPORT)
    assert index.set_role("law.md", "sample") == 3
    assert index.set_role("law.md", "sample") == 0
    assert {d.source: d.role for d in index.documents()}["law.md"] == "sample"
    assert all(c.extra["role"] == "sample" for c in index.chunks([c.id for c in law]))
    with pytest.raises(NotInIndexError):
        index.set_role("nope.md", "own")
    with pytest.raises(ValueError):
        index.set_role("law.md", "boss")
    index.set_version_override("law.md#0", Override(group="", date="2020-01-02", current=True))
    assert index.version_overrides() == {"law.md#0": Override(group="", date="2020-01-02", current=True)}
    assert resolve(index.documents(), index.version_overrides(), {})["law.md#0"].date == "2020-01-02"
    index.set_version_override("law.md#0", None)
    assert index.version_overrides() == {}
    with pytest.raises(NotInIndexError):
        index.set_version_override("nope#0", Override(date="2020"))
    assert index.backfill_versions("law.md") == 3  # a file written without version marks gets them
    assert index.backfill_versions("law.md") == 0
    assert dense_ids(index) == {c.id for c in index.chunks()}


# ---------------------------------------------------------------------- two phases


def test_chunks_wait_for_vectors_until_added(index: IndexStore) -> None:
    law = put(index, "law.md", LAW, vectors=False)
    report = put(index, "report.md", REPORT)
    assert index.waiting_count() == 3
    assert index.waiting_by_source() == {"law.md": 3}
    assert index.waiting_among([law[0].id, report[0].id, "unknown"]) == {law[0].id}
    assert index.waiting_chunks(2) == law[:2]
    backlog = index.backlog_by_source()
    assert (backlog["law.md"].chunks, backlog["law.md"].waiting, backlog["report.md"].waiting) == (3, 3, 0)
    assert dense_ids(index) == {c.id for c in report}  # waiting chunks are lexical only
    assert law[0].id in index.token_rows("bigram")[0]
    vectors = EMBEDDER.embed_passages([index_text(c) for c in law])
    assert index.add_vectors(law[:2], vectors[:2]) == 2
    assert index.add_vectors(law[:2], vectors[:2]) == 0  # no longer waiting: left alone
    assert index.waiting_chunks(10) == law[2:]
    with pytest.raises(ValueError):
        index.add_vectors(law[2:], vectors[:2])
    assert index.add_vectors(law[2:], vectors[2:]) == 1
    assert index.waiting_count() == 0
    assert dense_ids(index) == {c.id for c in law + report}
    assert_consistent(index)


def test_the_embedding_rate_is_read_from_the_commits_of_any_process(index: IndexStore) -> None:
    import time

    law = put(index, "law.md", LAW, vectors=False)
    vectors = EMBEDDER.embed_passages([index_text(c) for c in law])
    assert index.vector_rate() is None  # nothing embedded yet
    index.add_vectors(law[:1], vectors[:1])
    assert index.vector_rate() is None  # one commit times nothing
    time.sleep(0.05)
    index.add_vectors(law[1:], vectors[1:])
    rate = index.vector_rate()
    assert rate is not None and rate > 0  # the second commit's 2 chunks over the time since the first
    assert index.vector_rate(now=time.time() + 3600) is None  # an idle hour ends the run


def test_vectors_for_a_file_replaced_meanwhile_are_dropped(index: IndexStore) -> None:
    old = put(index, "law.md", LAW, vectors=False)
    new = put(index, "law.md", ARTICLES[10:12], vectors=False)
    assert index.add_vectors(old, EMBEDDER.embed_passages([index_text(c) for c in old])) == 0
    assert index.waiting_among([c.id for c in old + new]) == {c.id for c in new}
    assert dense_ids(index) == set()
    assert_consistent(index)


def test_a_file_read_again_keeps_the_vectors_of_chunks_that_come_out_the_same(index: IndexStore) -> None:
    law = put(index, "law.md", LAW)
    before = index.vectors([c.id for c in law])
    # Read again by a newer reader (`ingest.stamp`): the first two paragraphs as before, the last changed.
    again = put(index, "law.md", [*LAW[:2], ARTICLES[12]], "h+new", vectors=False)
    assert [c.id for c in again[:2]] == [c.id for c in law[:2]]
    assert index.waiting_among([c.id for c in again]) == {again[2].id}
    kept = index.vectors([c.id for c in again])
    assert set(kept) == {c.id for c in again[:2]}
    assert all(np.allclose(kept[c.id], before[c.id]) for c in again[:2])
    assert dense_ids(index) == {c.id for c in again[:2]}
    assert index.file_hash("law.md") == "h+new"
    assert index.sources_with_hash("h") == ["law.md"]  # the bytes' digest still finds it (duplicate uploads)
    assert_consistent(index)


def test_stored_vectors_read_back(index: IndexStore) -> None:
    law = put(index, "law.md", LAW)
    waiting = put(index, "report.md", REPORT, vectors=False)
    got = index.vectors([c.id for c in law + waiting] + ["unknown"])
    assert set(got) == {c.id for c in law}
    expected = EMBEDDER.embed_passages([index_text(c) for c in law])
    for chunk, vector in zip(law, expected, strict=True):
        assert np.allclose(got[chunk.id], vector, atol=1e-6)
    assert index.vectors([]) == {}


# ---------------------------------------------------------------------- generations, repair, opening


def test_documents_follow_every_write_and_other_processes(index: IndexStore, store_settings: StoreSettings) -> None:
    # documents() is read once per generation: each kind of write must show in it at once.
    put(index, "law.md", LAW)
    first = index.documents()
    first.clear()  # a caller's list is its own
    assert [d.source for d in index.documents()] == ["law.md"]
    put(index, "report.md", REPORT)
    assert [d.source for d in index.documents()] == ["law.md", "report.md"]
    assert index.set_role("law.md", "sample") > 0
    assert [d.role for d in index.documents()][0] == "sample"
    index.set_version_override("law.md#0", Override(date="2021-01-01"))
    index.backfill_versions("law.md")
    # A write by another server or process moves the shared generation too.
    with open_store(store_settings, EMBEDDER.name, EMBEDDER.dim) as other:
        other.remove_source("report.md")
    assert [d.source for d in index.documents()] == ["law.md"]


def test_generation_changes_on_every_write_and_is_shared(index: IndexStore, store_settings: StoreSettings) -> None:
    seen = [index.generation()]
    put(index, "a.md", LAW)
    seen.append(index.generation())
    put(index, "a.md", LAW[:2])
    seen.append(index.generation())
    index.set_role("a.md", "sample")
    seen.append(index.generation())
    index.set_version_override("a.md#0", Override(date="2021-01-01"))
    seen.append(index.generation())
    index.remove_source("a.md")
    seen.append(index.generation())
    assert len(set(seen)) == len(seen)
    index.chunks(), index.documents(), index.sources(), dense_ids(index)
    assert index.generation() == seen[-1]  # reads change nothing
    with open_store(store_settings, EMBEDDER.name, EMBEDDER.dim) as other:
        assert other.generation() == seen[-1]
        put(other, "b.md", REPORT)
        assert index.generation() == other.generation() != seen[-1]
        assert index.sources() == ["b.md"]


def test_repair_of_a_consistent_index_changes_nothing(index: IndexStore) -> None:
    law = put(index, "law.md", LAW, content_hash="h1")
    put(index, "report.md", REPORT, vectors=False)
    before = index.chunks()
    assert index.repair() == RepairReport(orphans_removed=0, missing_vectors=0)
    assert index.chunks() == before
    assert index.file_hash("law.md") == "h1"
    assert index.waiting_count() == 3
    assert dense_ids(index) == {c.id for c in law}


def test_an_index_of_another_dimension_is_refused(index: IndexStore, store_settings: StoreSettings) -> None:
    put(index, "a.md", LAW)
    with pytest.raises(StoreError, match="不一致"):
        open_store(store_settings, EMBEDDER.name, 128)


def test_indexes_of_other_embedders_are_listed(index: IndexStore, store_settings: StoreSettings) -> None:
    assert index.other_embedders() == []
    with open_store(store_settings, "another-embedder", 128) as other:
        doc, chunks = make_file("a.md", LAW)
        other.replace_file("a.md", "h", [doc], chunks, np.eye(3, 128, dtype=np.float32))
    [summary] = index.other_embedders()
    assert (summary.embedder_name, summary.documents, summary.chunks) == ("another-embedder", 1, 3)
    assert index.chunk_count() == 0  # the other index's content stays its own


def test_reopening_keeps_everything(index: IndexStore, store_settings: StoreSettings) -> None:
    law = put(index, "law.md", LAW)
    waiting = put(index, "report.md", REPORT, vectors=False)
    generation = index.generation()
    index.close()
    with open_store(store_settings, EMBEDDER.name, EMBEDDER.dim) as reopened:
        assert reopened.chunks() == law + waiting
        assert reopened.generation() == generation
        assert reopened.waiting_among([c.id for c in waiting]) == {c.id for c in waiting}
        assert dense_ids(reopened) == {c.id for c in law}


# ---------------------------------------------------------------------- other processes

_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from test_store_contract import ARTICLES, EMBEDDER, put
    from ingest.backend import open_store
    from ingest.chunk import index_text
    from ingest.config import StoreSettings

    settings = StoreSettings.model_validate_json(sys.argv[1])
    prefix, files, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    index = open_store(settings, EMBEDDER.name, EMBEDDER.dim)
    for n in range(files):
        paragraphs = [ARTICLES[(n * 7 + j) % len(ARTICLES)] + f"（{{prefix}}{{n}}）" for j in range(size)]
        print("begin", n, flush=True)
        two_phase = n % 2 == 1
        chunks = put(index, f"{{prefix}}-{{n}}.md", paragraphs, f"hash-{{prefix}}{{n}}", vectors=not two_phase)
        if two_phase:
            index.add_vectors(chunks, EMBEDDER.embed_passages([index_text(c) for c in chunks]))
        print("done", n, len(chunks), flush=True)
        put(index, "shared.md", paragraphs[:2], f"shared-{{prefix}}{{n}}")
    index.close()
    """
)


def _writer(settings: StoreSettings, prefix: str, files: int, size: int) -> subprocess.Popen[str]:
    code = _WRITER.format(tests=str(Path(__file__).parent))
    return subprocess.Popen(
        [sys.executable, "-c", code, settings.model_dump_json(), prefix, str(files), str(size)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(index: IndexStore, store_settings: StoreSettings) -> None:
    put(index, "law.md", LAW)
    generation = index.generation()
    writers = [_writer(store_settings, "p", 4, 6), _writer(store_settings, "q", 4, 6)]
    outputs = [w.communicate(timeout=300)[0] for w in writers]
    assert [w.returncode for w in writers] == [0, 0], outputs
    expected = {"law.md", "shared.md"} | {f"{p}-{n}.md" for p in "pq" for n in range(4)}
    assert set(index.sources()) == expected
    assert index.chunk_count() == 3 + 8 * 6 + 2
    assert index.waiting_count() == 0
    assert index.generation() >= generation + 16  # every write of both counted, none merged
    assert index.file_hash("shared.md") in {"shared-p3", "shared-q3"}  # the last writer's whole file
    assert_consistent(index)
    assert dense_ids(index) == {c.id for c in index.chunks()}
    hits = index.query_dense(EMBEDDER.embed_query(index.chunks()[-9].text), k=1)
    assert hits[0][0] == index.chunks()[-9].id


@pytest.mark.slow
def test_a_writer_killed_mid_write_leaves_a_consistent_index(index: IndexStore, store_settings: StoreSettings) -> None:
    law = put(index, "law.md", LAW, content_hash="kept")
    writer = _writer(store_settings, "k", 40, 60)
    assert writer.stdout is not None
    done: dict[int, int] = {}
    for line in writer.stdout:
        word, n, *rest = line.split()
        if word == "done":
            done[int(n)] = int(rest[0])
        elif int(n) >= 3:  # the fourth file has begun: kill inside its write
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL
    assert len(done) == 3
    # Opened afresh, as the next process would. The handle is closed first: on the sqlite backend a
    # second handle in the same process shares the first one's embedded Chroma client, which has not
    # seen the killed writer's vectors (a known limit of embedded Chroma, not of the contract).
    index.close()
    with open_store(store_settings, EMBEDDER.name, EMBEDDER.dim) as after:
        assert_consistent(after)
        # Everything committed before the kill is still there, whole.
        assert after.chunks([c.id for c in law]) == law and after.file_hash("law.md") == "kept"
        for n, count in done.items():
            assert after.file_hash(f"k-{n}.md") == f"hash-k{n}"
            assert len(after.document_chunks(f"k-{n}.md#0")) == count
        after.repair()
        assert_consistent(after)
        assert dense_ids(after) == {c.id for c in after.chunks()} - after.waiting_among([c.id for c in after.chunks()])
        # The file cut off is written whole by the next writer.
        chunks = put(after, "k-3.md", ARTICLES[:5], "again")
        assert after.document_chunks("k-3.md#0") == chunks
        assert_consistent(after)

