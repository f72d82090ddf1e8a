"""Incremental ingest on real files: real loaders, splitter, chunker, Chroma; hashing vectors for speed."""

from __future__ import annotations

import hashlib
import shutil
import socket
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ingest.config import ChunkSettings, IngestSettings, OcrSettings, StoreSettings
from ingest.embed import Embedder, HashingEmbedder
from ingest.errors import UNREADABLE
from ingest.pipeline import IngestReport, ProgressEvent, ingest_paths, source_key
from ingest.store import Index

ROOT = Path(__file__).resolve().parent.parent

LAW = """# 中华人民共和国测试法

## 第一章 总则

第一条 为了规范测试工作，保障测试质量，制定本法。

第二条 国家实行统一的测试制度。各级人民政府应当保障测试经费，加强测试队伍建设，提高测试水平。

第三条 测试工作应当坚持公开、公平、公正的原则，接受社会监督。

## 第二章 测试人员

第四条 测试人员应当遵守宪法、法律和职业道德，为人师表。

第五条 测试人员享有参加进修或者其他方式培训的权利。
"""

REPORT = """关于测试工作的情况汇报

今年以来，我单位认真贯彻落实上级部署，扎实推进测试工作，取得了阶段性成效。

一、主要做法

一是加强组织领导。成立了工作领导小组，明确了责任分工，建立了定期调度机制。

二是完善制度体系。制定了测试工作实施方案，修订了相关管理办法。

二、存在的问题

部分人员思想认识不到位，工作进展不平衡，经费保障仍有不足。
"""


class CountingEmbedder:
    """Wraps an embedder and counts the passages it embedded."""

    def __init__(self, inner: Embedder) -> None:
        self._inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.embedded = 0

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += len(texts)
        return self._inner.embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self._inner.embed_query(text)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding docs/law.md and docs/report.txt; source keys are relative to it."""
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "law.md").write_text(LAW, encoding="utf-8")
    (docs / "report.txt").write_text(REPORT, encoding="utf-8")
    return tmp_path


@pytest.fixture
def embedder() -> CountingEmbedder:
    return CountingEmbedder(HashingEmbedder())


@pytest.fixture
def index(workdir: Path, embedder: CountingEmbedder) -> Index:
    with Index.open(StoreSettings(index_dir=workdir / "index"), embedder.name, embedder.dim) as opened:
        yield opened


def ingest(
    index: Index, embedder: Embedder, paths: Sequence[str | Path] = ("docs",), **kwargs: object
) -> IngestReport:
    return ingest_paths(
        [Path(p) for p in paths],
        index=index,
        embedder=embedder,
        chunk_settings=ChunkSettings(),
        ingest_settings=IngestSettings(),
        ocr_settings=OcrSettings(enabled=False),
        **kwargs,  # type: ignore[arg-type]
    )


def test_first_ingest_adds_every_file_with_relative_keys(index: Index, embedder: CountingEmbedder) -> None:
    report = ingest(index, embedder)
    assert report.added == 2
    assert report.skipped == 0
    assert report.errors == []
    assert report.chunks == index.chunk_count() == embedder.embedded > 2
    assert index.sources() == ["docs/law.md", "docs/report.txt"]
    titles = {d["title"] for d in report.documents}
    assert "中华人民共和国测试法" in titles
    assert "关于测试工作的情况汇报" in titles
    assert sum(d["chunks"] for d in report.documents) == report.chunks
    assert set(report.to_json()) == {"added", "skipped", "removed", "documents", "chunks", "waiting", "errors"}
    assert report.waiting == index.waiting_count() == 0  # ingest waited for the vectors
    for chunk in index.chunks():
        assert chunk.text == index.document_text(chunk.doc_id)[chunk.start : chunk.end]


def test_reingest_is_idempotent_and_embeds_nothing(index: Index, embedder: CountingEmbedder) -> None:
    ingest(index, embedder)
    ids = [c.id for c in index.chunks()]
    generation = index.generation()
    embedded = embedder.embedded
    report = ingest(index, embedder)
    assert report.to_json() == {
        "added": 0,
        "skipped": 2,
        "removed": 0,
        "documents": [],
        "chunks": len(ids),
        "waiting": 0,
        "errors": [],
    }
    assert [c.id for c in index.chunks()] == ids
    assert index.generation() == generation
    assert embedder.embedded == embedded


def test_changed_file_replaces_its_chunks(workdir: Path, index: Index, embedder: CountingEmbedder) -> None:
    ingest(index, embedder)
    law_old = {c.id for c in index.chunks() if c.source == "docs/law.md"}
    report_ids = {c.id for c in index.chunks() if c.source == "docs/report.txt"}
    (workdir / "docs" / "law.md").write_text(LAW.replace("制定本法", "特制定本法"), encoding="utf-8")
    report = ingest(index, embedder)
    assert (report.added, report.skipped) == (1, 1)
    assert [d["source"] for d in report.documents] == ["docs/law.md"]
    law_new = {c.id for c in index.chunks() if c.source == "docs/law.md"}
    gone = law_old - law_new
    assert gone
    assert not gone & set(index._collection.get(ids=sorted(gone), include=[])["ids"])
    assert {c.id for c in index.chunks() if c.source == "docs/report.txt"} == report_ids
    assert any("特制定本法" in c.text for c in index.chunks())


def test_failed_file_keeps_its_previous_entries(workdir: Path, index: Index, embedder: CountingEmbedder) -> None:
    ingest(index, embedder)
    law_ids = [c.id for c in index.chunks() if c.source == "docs/law.md"]
    law_hash = index.file_hash("docs/law.md")
    (workdir / "docs" / "law.md").write_bytes(b"")  # the loader refuses empty files
    report = ingest(index, embedder)
    assert [e["file"] for e in report.errors] == ["docs/law.md"]
    assert report.errors[0]["reason"]
    assert report.added == 0
    assert [c.id for c in index.chunks() if c.source == "docs/law.md"] == law_ids
    assert index.file_hash("docs/law.md") == law_hash


def test_unexpected_parser_error_is_reported_and_others_continue(
    index: Index, embedder: CountingEmbedder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from ingest import split as split_module

    real = split_module.split_documents

    def flaky(loaded, **limits):  # type: ignore[no-untyped-def]
        if loaded.source.endswith(".txt"):
            raise RuntimeError("坏数据")
        return real(loaded, **limits)

    monkeypatch.setattr(split_module, "split_documents", flaky)
    report = ingest(index, embedder)
    # Users read plain Chinese; the parser's own words go to the server log.
    assert report.errors == [{"file": "docs/report.txt", "reason": UNREADABLE}]
    assert "docs/report.txt: RuntimeError: 坏数据" in caplog.text
    assert report.added == 1
    assert index.sources() == ["docs/law.md"]


def test_unsupported_files_are_reported_not_fatal(workdir: Path, index: Index, embedder: CountingEmbedder) -> None:
    (workdir / "docs" / "notes.doc").write_bytes(b"\xd0\xcf\x11\xe0 old word")
    report = ingest(index, embedder)
    assert report.added == 2
    assert [e["file"] for e in report.errors] == ["docs/notes.doc"]
    assert ".docx" in report.errors[0]["reason"]


def test_prune_removes_deleted_files_under_the_given_folder(
    workdir: Path, index: Index, embedder: CountingEmbedder
) -> None:
    other = workdir / "other"
    other.mkdir()
    (other / "extra.md").write_text(LAW.replace("测试法", "其他法"), encoding="utf-8")
    ingest(index, embedder, ["docs", "other"])
    (workdir / "docs" / "report.txt").unlink()
    (other / "extra.md").unlink()
    kept = ingest(index, embedder)
    assert kept.removed == 0
    assert "docs/report.txt" in index.sources()
    report = ingest(index, embedder, prune=True)
    assert report.removed == 1
    # other/ was not named, so its stale entry stays.
    assert index.sources() == ["docs/law.md", "other/extra.md"]
    assert report.chunks == index.chunk_count()
    assert set(index._collection.get(include=[])["ids"]) == {c.id for c in index.chunks()}


def test_a_moved_folder_is_indexed_once_and_keeps_its_vectors(
    workdir: Path, index: Index, embedder: CountingEmbedder
) -> None:
    ingest(index, embedder)
    before = embedder.embedded
    vectors_before = index.vectors([c.id for c in index.chunks()])
    (workdir / "docs").rename(workdir / "moved")
    report = ingest(index, embedder, ["moved"])
    assert report.added == 2
    assert report.removed == 2  # the former keys, though prune was not asked and docs/ was not named
    assert index.sources() == ["moved/law.md", "moved/report.txt"]
    assert embedder.embedded == before  # same bytes read the same: the stored vectors moved with them
    assert index.waiting_count() == 0
    moved = index.vectors([c.id for c in index.chunks()])
    assert sorted(map(bytes, (v.tobytes() for v in moved.values()))) == sorted(
        map(bytes, (v.tobytes() for v in vectors_before.values()))
    )


def test_a_copy_beside_its_original_and_a_file_that_fails_keep_the_former_entry(
    workdir: Path, index: Index, embedder: CountingEmbedder
) -> None:
    ingest(index, embedder)
    shutil.copytree(workdir / "docs", workdir / "copy")
    report = ingest(index, embedder, ["copy"])
    assert report.removed == 0  # the originals are still there: a copy is not a move
    assert len(index.sources()) == 4
    (workdir / "copy" / "law.md").unlink()
    (workdir / "docs" / "law.md").rename(workdir / "law.md")
    failing = ingest(index, embedder, ["law.md"], skip=lambda key, digest: "暂不读取")
    assert failing.errors and failing.removed == 0
    assert "docs/law.md" in index.sources()  # not read at its new place: the old entry is not lost


def test_progress_events(index: Index, embedder: CountingEmbedder) -> None:
    events: list[ProgressEvent] = []
    ingest(index, embedder, progress=events.append, embed_batch_size=2)
    kinds = [e.kind for e in events]
    assert kinds[0] == "file_start"
    assert kinds.count("file_done") == 2
    law_embeds = [e for e in events if e.kind == "embed" and e.file == "docs/law.md"]
    assert [e.done for e in law_embeds] == sorted(e.done for e in law_embeds)
    assert law_embeds[-1].done == law_embeds[-1].total
    assert all(e.file_count == 2 for e in events)
    events.clear()
    ingest(index, embedder, progress=events.append)
    assert [e.kind for e in events] == ["file_start", "file_skipped"] * 2


def test_source_key(tmp_path: Path) -> None:
    assert source_key(tmp_path / "data" / "a.md", cwd=tmp_path) == "data/a.md"
    assert source_key(Path("/elsewhere/a.md"), cwd=tmp_path) == "/elsewhere/a.md"
    assert source_key(tmp_path / "x" / ".." / "a.md", cwd=tmp_path) == "a.md"


@pytest.mark.slow
def test_real_corpus_with_real_model_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minilm_embedder: Embedder
) -> None:
    """The shipped data/ folder, the bundled MiniLM model, and no network at all."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("测试中不允许访问网络")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    with Index.open(StoreSettings(index_dir=tmp_path / "index"), minilm_embedder.name, minilm_embedder.dim) as index:
        report = ingest(index, minilm_embedder, ["data"])
        assert report.errors == []
        assert report.added == 4
        assert len(report.documents) >= 4
        chunks = index.chunks()
        target = next(c for c in chunks if "义务教育" in c.text)
        from ingest.chunk import index_text

        hits = index.query_dense(minilm_embedder.embed_query(index_text(target)), k=3)
        assert hits[0][0] == target.id
        assert hits[0][1] > 0.9
        assert ingest(index, minilm_embedder, ["data"]).added == 0


def test_a_file_is_read_again_when_the_reader_changes_and_keeps_the_vectors_of_unchanged_chunks(
    workdir: Path, index: Index, embedder: CountingEmbedder
) -> None:
    first = ingest(index, embedder)
    assert first.added == 2 and embedder.embedded > 0
    chunks = {c.id: c for c in index.chunks()}
    vectors = index.vectors(list(chunks))
    # An index written before reader stamps recorded the bytes' digest alone: it is read again...
    with sqlite3.connect(next((workdir / "index").rglob("manifest.sqlite3"))) as conn:
        conn.execute("UPDATE files SET content_hash = substr(content_hash, 1, instr(content_hash, '+') - 1)")
    embedder.embedded = 0
    again = ingest(index, embedder)
    assert again.added == 2 and again.skipped == 0
    # ...and, reading the same chunks, embeds nothing again and keeps every vector.
    assert embedder.embedded == 0 and index.waiting_count() == 0
    assert {c.id for c in index.chunks()} == set(chunks)
    kept = index.vectors(list(chunks))
    assert all(np.array_equal(kept[i], vectors[i]) for i in chunks)
    # The same reader skips the files; another chunk length reads them again and embeds what changed.
    assert ingest(index, embedder).skipped == 2
    shorter = ingest_paths(
        [Path("docs")],
        index=index,
        embedder=embedder,
        chunk_settings=ChunkSettings(target_chars=60, max_chars=120, min_chars=0),
        ingest_settings=IngestSettings(),
        ocr_settings=OcrSettings(enabled=False),
    )
    assert shorter.added == 2 and len(index.chunks()) > len(chunks) and index.waiting_count() == 0
    assert 0 < embedder.embedded < len(index.chunks())  # chunks that came out the same kept their vectors
    # An upload of the same bytes is still known as a duplicate.
    digest = hashlib.sha256((workdir / "docs" / "law.md").read_bytes()).hexdigest()
    assert index.sources_with_hash(digest) == ["docs/law.md"]
