"""Parsing in a child process with limits, staging of uploads, and what a crash leaves for the next start."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from govdoc.quarantine import CRASHED, HELD_PREFIX, Quarantine
from ingest.config import ChunkSettings, IngestSettings, OcrSettings
from ingest.errors import IngestError
from ingest.pipeline import ProgressEvent
from ingest.worker import IsolatedReader

TEXT = "# 值班制度\n\n第一条 学校实行领导带班和教师值班制度。\n\n第二条 值班教师须在七点三十分前到岗。\n"


def reader(tmp_path: Path, **limits: float) -> IsolatedReader:
    return IsolatedReader(
        chunk_settings=ChunkSettings(),
        ingest_settings=IngestSettings(),
        ocr_settings=OcrSettings(enabled=False),
        ocr_cache=tmp_path / "ocr-cache",
        memory_mb=int(limits.get("memory_mb", 2048)),
        timeout_s=limits.get("timeout_s", 120),
    )


def test_a_file_read_in_a_child_gives_the_same_chunks_as_in_process(tmp_path: Path) -> None:
    from ingest.ocr import OcrProvider
    from ingest.read import read_file

    path = tmp_path / "值班制度.md"
    path.write_text(TEXT, encoding="utf-8")
    documents, chunks = reader(tmp_path)(path, "data/值班制度.md")
    local_docs, local_chunks = read_file(
        path,
        "data/值班制度.md",
        chunk_settings=ChunkSettings(),
        ingest_settings=IngestSettings(),
        ocr_settings=OcrSettings(enabled=False),
        ocr_engine=OcrProvider(tmp_path / "ocr-cache"),
    )
    assert documents == local_docs and chunks == local_chunks
    assert chunks and all(c.source == "data/值班制度.md" for c in chunks)


def test_a_child_past_its_time_is_killed_and_the_file_named(tmp_path: Path) -> None:
    path = tmp_path / "值班制度.md"
    path.write_text(TEXT, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        reader(tmp_path, timeout_s=0.01)(path, "data/值班制度.md")
    assert caught.value.file == "data/值班制度.md"
    assert "处理时间超过上限" in caught.value.reason


def test_a_child_that_cannot_get_memory_is_refused_not_the_server(tmp_path: Path) -> None:
    path = tmp_path / "大文件.txt"
    path.write_bytes(("学校" * 5_000_000).encode("utf-8"))  # 30 MB of text, more than 150 MB of room once decoded, cleaned and chunked
    with pytest.raises(IngestError) as caught:
        reader(tmp_path, memory_mb=150)(path, "data/大文件.txt")
    assert "内存" in caught.value.reason or "异常退出" in caught.value.reason


def test_an_unreadable_file_gives_its_reason_from_the_child(tmp_path: Path) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\nnot really a pdf")
    with pytest.raises(IngestError) as caught:
        reader(tmp_path)(path, "data/坏.pdf")
    assert "PDF" in caught.value.reason


def test_one_child_reads_file_after_file_and_a_failure_gets_a_fresh_one(tmp_path: Path) -> None:
    good = tmp_path / "值班制度.md"
    good.write_text(TEXT, encoding="utf-8")
    other = tmp_path / "请假制度.md"
    other.write_text(TEXT.replace("值班", "请假"), encoding="utf-8")
    big = tmp_path / "大文件.txt"
    big.write_bytes(("学校" * 5_000_000).encode("utf-8"))
    with reader(tmp_path, memory_mb=150) as read:
        _, first = read(good, "data/值班制度.md")
        assert read._child is not None
        pid = read._child.process.pid
        _, second = read(other, "data/请假制度.md")
        assert read._child is not None and read._child.process.pid == pid  # no new process per file
        assert "请假" in second[0].text and "值班" in first[0].text
        with pytest.raises(IngestError):
            read(big, "data/大文件.txt")  # over the memory cap
        assert read._child is None
        _, again = read(good, "data/值班制度.md")  # a fresh child, under the same cap
        assert again == first and read._child is not None and read._child.process.pid != pid
        child = read._child.process
    assert child.poll() is not None  # closing the reader ended its child


def test_a_staged_upload_left_by_a_crash_is_quarantined_not_ingested(tmp_path: Path) -> None:
    quarantine = Quarantine(tmp_path / "index")
    staged = quarantine.stage("通知.md", TEXT.encode("utf-8"))
    assert staged.is_file() and staged.is_relative_to(tmp_path / "index" / "staging")
    recovered = Quarantine(tmp_path / "index").recover()  # the next start
    assert [p.name for p in recovered.quarantined] == ["通知.md"]
    assert recovered.quarantined[0].read_text(encoding="utf-8") == TEXT
    assert not any((tmp_path / "index" / "staging").iterdir())
    assert recovered.crashed is None


def test_the_file_a_crash_interrupted_is_held_back_until_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    data.mkdir()
    bad = data / "deep.html"
    bad.write_text("<div>" * 10 + "正文" + "</div>" * 10, encoding="utf-8")
    quarantine = Quarantine(tmp_path / "index")
    seen: list[str] = []
    on_event = quarantine.journal(lambda event: seen.append(event.kind))
    on_event(ProgressEvent("file_start", "data/deep.html", 1, 1))
    # ... the process is killed here ...
    recovered = Quarantine(tmp_path / "index").recover()
    assert recovered.crashed == "data/deep.html" and seen == ["file_start"]
    digest = hashlib.sha256(bad.read_bytes()).hexdigest()
    held = quarantine.held_back("data/deep.html", digest)
    assert held is not None and held.startswith(HELD_PREFIX) and CRASHED in held
    bad.write_text("<p>改过的正文</p>", encoding="utf-8")
    assert quarantine.held_back("data/deep.html", hashlib.sha256(bad.read_bytes()).hexdigest()) is None


def test_a_failed_file_is_remembered_and_forgotten_once_ingested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "坏.pdf").write_bytes(b"%PDF-1.7 broken")
    quarantine = Quarantine(tmp_path / "index")
    on_event = quarantine.journal(None)
    on_event(ProgressEvent("file_start", "坏.pdf", 1, 1))
    on_event(ProgressEvent("file_error", "坏.pdf", 1, 1, reason="PDF 文件已损坏"))
    digest = hashlib.sha256(b"%PDF-1.7 broken").hexdigest()
    assert quarantine.held_back("坏.pdf", digest) == HELD_PREFIX + "PDF 文件已损坏"
    on_event(ProgressEvent("file_done", "坏.pdf", 1, 1, 3, 3))
    assert quarantine.held_back("坏.pdf", digest) is None
    assert os.listdir(tmp_path / "index") == ["ingest-failures.json"]


def test_a_full_disk_is_said_plainly_and_nothing_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from govdoc.uploads import UploadError

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)

    def full(name: str, content: bytes) -> Path:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(service.quarantine, "stage", full)
    with pytest.raises(UploadError) as caught:
        service.upload("通知.md", TEXT.encode("utf-8"), who=LOCAL)
    assert caught.value.status == 507 and "磁盘空间已满" in caught.value.message and "通知.md" in caught.value.message
    assert not (tmp_path / "data" / "uploads").exists()
    service.close()
