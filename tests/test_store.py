"""The index store: a real sqlite manifest and a real local Chroma in tmp_path, hashing vectors."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from store_files import EMBEDDER, make_file, put

from ingest.config import StoreSettings
from ingest.store import Index, NotInIndexError, StoreError

ROOT = Path(__file__).resolve().parent.parent


def chroma_ids(index: Index) -> set[str]:
    return set(index._collection.get(include=[])["ids"])


LAW = ["第一条 国家实行九年义务教育制度。", "第二条 适龄儿童应当入学接受义务教育。", "第三条 教师应当遵守宪法和法律。"]
REPORT = ["一、党组织领导", "一是持续抓好政治理论学习。", "二是健全党支部对学校工作全面领导的组织体系。"]


@pytest.fixture
def settings(tmp_path: Path) -> StoreSettings:
    return StoreSettings(index_dir=tmp_path / "index")


@pytest.fixture
def index(settings: StoreSettings) -> Index:
    with Index.open(settings, EMBEDDER.name, EMBEDDER.dim) as opened:
        yield opened


def test_round_trip_of_documents_and_chunks(index: Index) -> None:
    chunks = put(index, "data/law.md", LAW, content_hash="abc")
    assert index.file_hash("data/law.md") == "abc"
    assert index.file_hash("data/other.md") is None
    assert index.sources() == ["data/law.md"]
    assert index.chunks() == chunks
    assert index.chunks([chunks[2].id, "unknown", chunks[0].id]) == [chunks[2], chunks[0]]
    doc, _ = make_file("data/law.md", LAW)
    assert index.document(doc.doc_id) == doc
    assert index.document_text(doc.doc_id) == doc.text
    for chunk in index.chunks():
        assert chunk.text == doc.text[chunk.start : chunk.end]
    [info] = index.documents()
    assert (info.doc_id, info.title, info.source, info.n_chunks) == (doc.doc_id, "测试文件", "data/law.md", 3)
    assert info.ingested_at[:2] == "20"
    with pytest.raises(NotInIndexError):
        index.document("nope")


def test_next_chunk_follows_document_order_and_stays_in_the_document(index: Index) -> None:
    law = put(index, "data/law.md", LAW)
    report = put(index, "data/report.md", REPORT)
    assert index.next_chunk(law[0].id) == law[1]
    assert index.next_chunk(law[1].id) == law[2]
    assert index.next_chunk(law[2].id) is None  # the report's chunks belong to another document
    assert index.next_chunk(report[0].id) == report[1]
    assert index.next_chunk("unknown") is None


def test_layout_is_one_folder_per_embedder(index: Index, settings: StoreSettings) -> None:
    assert index.root.parent == settings.index_dir
    assert index.root.name.startswith("hashing-char12-256-")
    assert (index.root / "manifest.sqlite3").is_file()
    assert (index.root / "chroma").is_dir()


def test_generation_changes_on_every_write(index: Index) -> None:
    seen = [index.generation()]
    put(index, "a.md", LAW)
    seen.append(index.generation())
    put(index, "a.md", LAW[:2])
    seen.append(index.generation())
    index.remove_source("a.md")
    seen.append(index.generation())
    assert len(set(seen)) == 4


def test_reads_keep_a_connection_per_thread_that_sees_every_later_write(settings: StoreSettings) -> None:
    import threading

    index = Index.open(settings, EMBEDDER.name, EMBEDDER.dim)
    seen: dict[str, list[int]] = {"main": [], "other": []}

    def read(who: str) -> None:
        seen[who].append(index.generation())

    def in_thread() -> None:
        worker = threading.Thread(target=read, args=("other",))
        worker.start()
        worker.join()

    read("main")
    in_thread()
    put(index, "a.md", LAW)  # written on a connection of its own, after both readers were opened
    read("main")
    in_thread()
    assert seen["main"][1] > seen["main"][0] and seen["other"][1] > seen["other"][0]
    assert seen["main"][1] == seen["other"][1] == index.generation()
    assert index.sources() == ["a.md"]
    # The main thread reused its reader; a thread that has ended has its reader closed when another opens.
    kept = [conn for _, conn in index._readers.values()]
    assert len(kept) == 2
    index.close()
    assert index._readers == {}
    for conn in kept:
        with pytest.raises(Exception, match="closed"):
            conn.execute("SELECT 1")


def test_replacing_a_file_removes_its_old_chunks_everywhere(index: Index) -> None:
    old = put(index, "a.md", LAW)
    kept = put(index, "b.md", REPORT)
    new = put(index, "a.md", [LAW[0], "第二条 修改后的条文。"])
    gone = {c.id for c in old} - {c.id for c in new}
    assert gone
    manifest_ids = {c.id for c in index.chunks()}
    assert manifest_ids == {c.id for c in new} | {c.id for c in kept}
    assert chroma_ids(index) == manifest_ids
    assert index.chunk_count() == len(new) + len(kept)


def test_query_dense_ranks_and_filters_by_document(index: Index) -> None:
    law = put(index, "law.md", LAW)
    report = put(index, "report.md", REPORT)
    hits = index.query_dense(EMBEDDER.embed_query("教师应当遵守宪法"), k=3)
    assert len(hits) == 3
    assert hits[0][0] == law[2].id
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(-1.0 <= s <= 1.0 + 1e-6 for s in scores)
    only_report = index.query_dense(EMBEDDER.embed_query("教师应当遵守宪法"), k=5, doc_ids=["report.md#0"])
    assert {i for i, _ in only_report} == {c.id for c in report}
    assert index.query_dense(EMBEDDER.embed_query("教师"), k=5, doc_ids=[]) == []
    with pytest.raises(ValueError):
        index.query_dense(np.ones(3, dtype=np.float32), k=1)


def test_a_document_filter_gives_the_same_hits_whether_chroma_or_the_index_drops_the_rest(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Few chunks left out: an unfiltered search, the left-out dropped after it; many: Chroma's filter.
    put(index, "law.md", LAW)
    report = put(index, "report.md", REPORT)
    query = EMBEDDER.embed_query("教师应当遵守宪法")
    wanted = ["law.md#0"]
    compared_each = index.query_dense(query, k=3, doc_ids=wanted)
    monkeypatch.setattr("ingest.store._EXACT_MAX", 0)
    dropped_after = index.query_dense(query, k=3, doc_ids=wanted)
    monkeypatch.setattr("ingest.store._POST_FILTER_MAX", 0)
    filtered_by_chroma = index.query_dense(query, k=3, doc_ids=wanted)
    assert [i for i, _ in dropped_after] == [i for i, _ in filtered_by_chroma] == [i for i, _ in compared_each]
    assert len(dropped_after) == 3 and not {i for i, _ in dropped_after} & {c.id for c in report}


def test_a_search_within_few_chunks_compares_each_with_the_query_as_chromas_filter_would(
    index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    law = put(index, "law.md", LAW)
    put(index, "report.md", REPORT)
    put(index, "more.md", [f"第{i}条 学校应当保障学生安全，第{i}项。" for i in range(1, 40)])
    waiting = put(index, "wait.md", ["第三条 教师应当遵守宪法和法律。"], vectors=False)
    query = EMBEDDER.embed_query("教师应当遵守宪法和法律")
    wanted = ["law.md#0", "report.md#0", "wait.md#0"]

    def no_graph_search(*args: object, **kwargs: object) -> None:
        raise AssertionError("few chunks inside: no graph search")

    with monkeypatch.context() as patched:
        patched.setattr(index._collection, "query", no_graph_search)
        compared_each = index.query_dense(query, k=4, doc_ids=wanted)
    monkeypatch.setattr("ingest.store._EXACT_MAX", 0)
    monkeypatch.setattr("ingest.store._POST_FILTER_MAX", 0)
    filtered_by_chroma = index.query_dense(query, k=4, doc_ids=wanted)
    assert [i for i, _ in compared_each] == [i for i, _ in filtered_by_chroma]
    assert np.allclose([s for _, s in compared_each], [s for _, s in filtered_by_chroma], atol=1e-6)
    assert compared_each[0][0] == law[2].id
    assert len(compared_each) == 4 and waiting[0].id not in {i for i, _ in compared_each}


def test_an_index_made_with_a_narrower_search_is_searched_with_the_set_breadth(settings: StoreSettings) -> None:
    # Chroma keeps ef_search with the collection and an open local client keeps the value it loaded:
    # opening an older index must change it and search with the new value at once, and keep it.
    narrow = settings.model_copy(update={"ef_search": 100})
    with Index.open(narrow, EMBEDDER.name, EMBEDDER.dim) as old:
        law = put(old, "law.md", LAW)
        assert old._collection.configuration["hnsw"]["ef_search"] == 100
    with Index.open(settings, EMBEDDER.name, EMBEDDER.dim) as reopened:
        hits = reopened.query_dense(EMBEDDER.embed_query("教师应当遵守宪法"), k=3)
        assert reopened._collection.configuration["hnsw"]["ef_search"] == settings.ef_search == 400
        assert hits[0][0] == law[2].id and len(hits) == 3
    with Index.open(settings, EMBEDDER.name, EMBEDDER.dim) as again:
        again.query_dense(EMBEDDER.embed_query("教师"), k=1)
        assert again._collection.configuration["hnsw"]["ef_search"] == 400


def test_an_index_whose_search_breadth_cannot_change_now_still_opens_and_searches(
    settings: StoreSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chromadb.api.models.Collection import Collection
    from chromadb.errors import InternalError

    with Index.open(settings.model_copy(update={"ef_search": 100}), EMBEDDER.name, EMBEDDER.dim) as old:
        law = put(old, "law.md", LAW)

    def locked(*args: object, **kwargs: object) -> None:
        raise InternalError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(Collection, "modify", locked)
        with Index.open(settings, EMBEDDER.name, EMBEDDER.dim) as busy:
            assert busy.query_dense(EMBEDDER.embed_query("教师应当遵守宪法"), k=1)[0][0] == law[2].id
            assert busy._collection.configuration["hnsw"]["ef_search"] == 100
    with Index.open(settings, EMBEDDER.name, EMBEDDER.dim) as later:
        later.query_dense(EMBEDDER.embed_query("教师"), k=1)
        assert later._collection.configuration["hnsw"]["ef_search"] == 400


def test_a_database_locked_for_a_moment_still_gets_the_set_search_breadth(
    settings: StoreSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another client still closing the database locks it for a moment: the opening waits and tries again.
    from chromadb.api.models.Collection import Collection
    from chromadb.errors import InternalError

    with Index.open(settings.model_copy(update={"ef_search": 100}), EMBEDDER.name, EMBEDDER.dim) as old:
        put(old, "law.md", LAW)
    modify = Collection.modify
    calls: list[int] = []

    def locked_once(self: Collection, *args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 1:
            raise InternalError("database is locked")
        modify(self, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(Collection, "modify", locked_once)
        with Index.open(settings, EMBEDDER.name, EMBEDDER.dim) as index:
            assert index._collection.configuration["hnsw"]["ef_search"] == 400
    assert len(calls) == 2


def test_a_dense_search_sees_every_vector_written_since_the_last_one(index: Index, settings: StoreSettings) -> None:
    # The count of stored vectors that bounds a search is kept between searches: a write, here or by
    # another writer of the same folder, must make the next search count again.
    query = EMBEDDER.embed_query("教师")
    put(index, "law.md", LAW)
    assert len(index.query_dense(query, k=20)) == 3
    put(index, "report.md", REPORT)
    assert len(index.query_dense(query, k=20)) == 6
    with Index.open(settings, EMBEDDER.name, EMBEDDER.dim) as other:
        put(other, "other.md", ["第一条 另一个写入者的条文。", "第二条 另一个写入者的第二条。"])
    assert len(index.query_dense(query, k=20)) == 8
    index.remove_source("report.md")
    assert len(index.query_dense(query, k=20)) == 5


def test_orphan_vectors_are_never_returned_and_repair_removes_them(settings: StoreSettings) -> None:
    index = Index.open(settings, EMBEDDER.name, EMBEDDER.dim)
    law = put(index, "law.md", LAW)
    query = EMBEDDER.embed_query("教师应当遵守宪法")
    # Simulate a crash after the Chroma upsert but before the manifest transaction.
    index._collection.upsert(
        ids=["orphan-1", "orphan-2"],
        embeddings=np.stack([query, query]),
        metadatas=[{"doc_id": "law.md#0"}, {"doc_id": "law.md#0"}],
    )
    ids = [i for i, _ in index.query_dense(query, k=2)]
    assert len(ids) == 2
    assert ids[0] == law[2].id
    assert not {"orphan-1", "orphan-2"} & {i for i, _ in index.query_dense(query, k=10)}
    assert len(index.query_dense(query, k=3)) == 3
    index.close()
    # Opening sees Chroma's count differ from the manifest's and repairs.
    reopened = Index.open(settings, EMBEDDER.name, EMBEDDER.dim)
    assert chroma_ids(reopened) == {c.id for c in law}
    reopened._collection.upsert(ids=["orphan-3"], embeddings=[query], metadatas=[{"doc_id": "x"}])
    report = reopened.repair()
    assert report.orphans_removed == 1
    assert report.missing_vectors == 0
    assert chroma_ids(reopened) == {c.id for c in law}
    reopened.close()


def test_repair_marks_files_with_missing_vectors_stale(index: Index) -> None:
    law = put(index, "law.md", LAW, content_hash="h1")
    put(index, "report.md", REPORT, content_hash="h2")
    index._collection.delete(ids=[law[0].id])
    report = index.repair()
    assert report.missing_vectors == 1
    assert index.file_hash("law.md") == ""  # re-embedded by the next ingest
    assert index.file_hash("report.md") == "h2"


def test_remove_source(index: Index) -> None:
    law = put(index, "law.md", LAW)
    put(index, "report.md", REPORT)
    assert index.remove_source("law.md") == len(law)
    assert index.sources() == ["report.md"]
    assert not {c.id for c in law} & chroma_ids(index)
    assert [d.source for d in index.documents()] == ["report.md"]
    with pytest.raises(NotInIndexError, match="索引中没有文件"):
        index.remove_source("law.md")


def test_token_rows_follow_chunk_order(index: Index) -> None:
    put(index, "b.md", REPORT)
    put(index, "a.md", LAW)
    ids, tokens = index.token_rows("jieba")
    assert ids == [c.id for c in index.chunks()]
    assert ids[0].startswith("a.md:")
    assert "义务教育" in tokens[0] or "义务教育" in tokens[1]
    assert "测试" in tokens[0]  # the title is part of the index text
    _, bigrams = index.token_rows("bigram")
    assert "义务" in bigrams[0]
    with pytest.raises(ValueError):
        index.token_rows("words")


def test_index_of_another_embedder_dimension_is_refused(settings: StoreSettings, index: Index) -> None:
    put(index, "a.md", LAW)
    with pytest.raises(StoreError, match="不一致"):
        Index.open(settings, EMBEDDER.name, 128)


def test_unusable_index_dir_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="无法创建索引目录"):
        Index.open(StoreSettings(index_dir=blocker), EMBEDDER.name, EMBEDDER.dim)


_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from test_store import EMBEDDER, put
    from ingest.config import StoreSettings
    from ingest.store import Index

    index = Index.open(StoreSettings(index_dir=Path(sys.argv[1])), EMBEDDER.name, EMBEDDER.dim)
    for n in range(int(sys.argv[3])):
        put(index, f"{{sys.argv[2]}}-{{n}}.md", ["第一条 进程写入的条文。", f"第二条 编号 {{sys.argv[2]}} {{n}}。"])
    index.close()
    """
)


def _writer(settings: StoreSettings, prefix: str, files: int) -> subprocess.Popen[bytes]:
    code = _WRITER.format(tests=str(Path(__file__).parent))
    return subprocess.Popen(
        [sys.executable, "-c", code, str(settings.index_dir), prefix, str(files)], cwd=ROOT
    )


@pytest.mark.slow
def test_other_processes_writes_are_seen_and_serialised(settings: StoreSettings, index: Index) -> None:
    put(index, "law.md", LAW)
    assert index.query_dense(EMBEDDER.embed_query("教师"), k=10)
    writers = [_writer(settings, "p", 4), _writer(settings, "q", 4)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    assert len(index.sources()) == 9
    # This process's Chroma client predates the writes; it must reopen and see them.
    hits = index.query_dense(EMBEDDER.embed_query("第二条 编号 q 3。"), k=1)
    assert hits[0][0].startswith("q-3.md:")
    assert index.chunk_count() == 3 + 8 * 2
    assert chroma_ids(index) == {c.id for c in index.chunks()}
    assert index.repair().orphans_removed == 0
