"""Helpers shared by the robustness tests: an index consistency check, a free port, the govdoc CLI as a process."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ingest.store import Index

ROOT = Path(__file__).resolve().parent.parent
# The installed console script when there is one (what users run), else the module.
_SCRIPT = Path(sys.executable).with_name("govdoc")
GOVDOC = [str(_SCRIPT)] if _SCRIPT.is_file() else [sys.executable, "-m", "govdoc.cli"]
PROBES = ("教师的权利和义务", "学校党组织", "义务教育经费", "第一条", "会议")
# Debian's Chromium, driven by Playwright: no sandbox (root), no connections of its own to the outside.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_api() -> Any:
    """``playwright.sync_api``; skips the calling test module when Debian's Chromium is missing."""
    import pytest

    if not CHROMIUM.exists():
        pytest.skip(
            "未找到 /usr/bin/chromium：浏览器测试需要它（make system-deps 或 apt-get install chromium fonts-wqy-microhei）",
            allow_module_level=True,
        )
    return pytest.importorskip("playwright.sync_api")


def build_hashing_index(folder: Path, source: Path = ROOT / "data") -> Path:
    """Ingest ``source`` into ``folder`` with the hashing embedder (fast; retrieval quality aside); returns ``folder``."""
    from govdoc.service import GovdocService
    from govdoc.settings import load_settings, with_overrides

    settings = with_overrides(load_settings(), embedding={"mode": "hashing"}, store={"index_dir": folder})
    service = GovdocService(settings)
    try:
        report = service.ingest([source])
        assert not report.errors, report.errors
    finally:
        service.close()
    return folder


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def govdoc_env(index_dir: Path, **settings: str) -> dict[str, str]:
    """The environment of a ``govdoc`` child process: offline, hashing embedder, this index.

    Args:
        index_dir: store.index_dir.
        settings: more ``GOVDOC_*`` variables, e.g. ``GOVDOC_OCR__ENABLED="false"``.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_")}
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        GRADIO_ANALYTICS_ENABLED="False",
        PYTHONUNBUFFERED="1",
        GOVDOC_EMBEDDING__MODE="hashing",
        GOVDOC_STORE__INDEX_DIR=str(index_dir),
    )
    env.update(settings)
    return env


def run_govdoc(
    args: list[str], env: Mapping[str, str], cwd: Path, timeout: float = 300, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``govdoc ARGS`` as a child process (``stdin`` fed to it) and wait for it."""
    return subprocess.run(
        [*GOVDOC, *args], env=dict(env), cwd=cwd, input=stdin, capture_output=True, text=True, timeout=timeout
    )


def govdoc_ok(args: list[str], env: Mapping[str, str], cwd: Path, stdin: str | None = None) -> str:
    """Run ``govdoc ARGS``, which must succeed; returns what it printed (stdout, then stderr)."""
    done = run_govdoc(args, env, cwd, stdin=stdin)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout + done.stderr


def manifest_counts(index_root: Path) -> dict[str, int]:
    """Row counts of the manifest tables, read with plain sqlite (no Index, so nothing is repaired)."""
    with sqlite3.connect(index_root / "manifest.sqlite3") as conn:
        return {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in ("files", "documents", "chunks")}


def chroma_ids(index: Index) -> set[str]:
    """Every id in the index's Chroma collection (orphans included)."""
    return set(index._collection.get(include=[])["ids"])


def assert_consistent(index: Index, *, orphans_allowed: bool = False) -> None:
    """Fail unless the manifest, the BM25 rows and the Chroma vectors agree.

    - every chunk belongs to a stored document of the same source, and its text is that document's slice;
    - every document belongs to a file row, and each file row counts its documents and chunks right;
    - the BM25 rows are exactly the manifest's chunks, in the same order;
    - every manifest chunk has a vector unless it waits for one (two-phase ingest), and no dense
      query returns an id the manifest does not hold;
    - no vector lacks a manifest row, unless ``orphans_allowed`` (a killed writer may leave some
      until `Index.repair`).
    """
    chunks = index.chunks()
    ids = [c.id for c in chunks]
    assert len(ids) == len(set(ids)) == index.chunk_count()
    docs = {d.doc_id: d for d in index.documents()}
    per_source_docs: dict[str, int] = {}
    per_source_chunks: dict[str, int] = {}
    for d in docs.values():
        per_source_docs[d.source] = per_source_docs.get(d.source, 0) + 1
    for c in chunks:
        assert c.doc_id in docs, f"chunk {c.id} of a missing document {c.doc_id}"
        assert docs[c.doc_id].source == c.source
        assert index.document_text(c.doc_id)[c.start : c.end] == c.text
        per_source_chunks[c.source] = per_source_chunks.get(c.source, 0) + 1
    with sqlite3.connect(index.root / "manifest.sqlite3") as conn:
        files = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT source, n_docs, n_chunks FROM files")}
    assert set(per_source_docs) <= set(files), "documents without a file row"
    for source, (n_docs, n_chunks) in files.items():
        assert per_source_docs.get(source, 0) == n_docs, source
        assert per_source_chunks.get(source, 0) == n_chunks, source
    bm25_ids, _ = index.token_rows("jieba")
    assert bm25_ids == ids
    vectors = chroma_ids(index)
    waiting = index.waiting_among(ids)  # phase two of ingest has not reached these yet
    with_vectors = set(ids) - waiting
    assert with_vectors <= vectors, f"{len(with_vectors - vectors)} manifest chunks without a vector"
    if not orphans_allowed:
        # A vector stored just before a kill may sit beside a chunk still listed as waiting.
        assert vectors <= set(ids), f"{len(vectors - set(ids))} vectors without a manifest row"
    known = set(ids)
    for probe in PROBES:
        for chunk_id, _ in index.query_dense(_probe_vector(index, probe), k=20):
            assert chunk_id in known, f"dense query returned {chunk_id}, which the manifest does not hold"


def _probe_vector(index: Index, text: str) -> np.ndarray:
    from ingest.embed import HashingEmbedder

    embedder = HashingEmbedder()
    assert index.dim == embedder.dim, "consistency probes expect the hashing embedder"
    return embedder.embed_query(text)


def read_json_lines(text: str) -> Iterator[dict[str, object]]:
    """The JSON objects of ``--json`` output, one per non-empty line."""
    for line in text.splitlines():
        if line.strip():
            yield json.loads(line)


@contextmanager
def child(args: list[str], env: Mapping[str, str], cwd: Path, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A long-running child process (output to ``log``), killed and reaped however the block ends."""
    with log.open("wb") as out:
        process = subprocess.Popen(args, env=dict(env), cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


@contextmanager
def serving(app: object) -> Iterator[str]:
    """Run an ASGI app with uvicorn on a free 127.0.0.1 port in a thread; yields the base URL."""
    import threading
    import time

    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def tree_snapshot(root: Path, skip: tuple[Path, ...] = ()) -> dict[str, tuple[int, int, int]]:
    """(size, mtime, mode) of every entry under ``root`` (links not followed), except under ``skip``."""
    out: dict[str, tuple[int, int, int]] = {}
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d not in skip]
        for name in [*dirs, *files]:
            st = os.lstat(here / name)
            out[str((here / name).relative_to(root))] = (st.st_size, st.st_mtime_ns, st.st_mode)
    return out


def wait_listening(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    """Wait until ``url`` answers (any status below 500) while ``process`` lives; fail with its log."""
    import time

    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text(encoding="utf-8", errors="replace")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError("server did not start:\n" + log.read_text(encoding="utf-8", errors="replace"))


def hashing_settings(root: Path) -> Any:
    """The loaded settings with an index under ``root``, the deterministic hashing embedder and files read in
    this process (no worker), for tests that build a service of their own."""
    from govdoc.settings import load_settings, with_overrides

    return with_overrides(
        load_settings(), store={"index_dir": root / "index"}, embedding={"mode": "hashing"}, worker={"enabled": False}
    )


@contextmanager
def service_over_text(name: str, text: str, root: Path, **settings: Any) -> Iterator[Any]:
    """`service_over` one document ``name`` holding ``text``, written in ``root``, with hashing vectors."""
    files = root / "docs"
    files.mkdir(parents=True, exist_ok=True)
    (files / name).write_text(text, encoding="utf-8")
    with service_over(files, root, embedding={"mode": "hashing"}, **settings) as service:
        yield service


@contextmanager
def service_over(files: Path, root: Path, **settings: Any) -> Iterator[Any]:
    """A `GovdocService` over the files in ``files``, indexed under ``root``, with further ``settings``
    (e.g. ``embedding={"mode": "hashing"}``); every file must ingest."""
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    service = GovdocService(Settings(data_dir=files, store={"index_dir": root / "index"}, **settings))
    try:
        report = service.ingest([files])
        assert not report.errors, report.errors
        yield service
    finally:
        service.close()


@contextmanager
def one_file_service(file: Path, root: Path) -> Iterator[Any]:
    """`service_over` a folder holding ``file`` alone, with the deterministic hashing embedder."""
    (root / "docs").mkdir()
    shutil.copy(file, root / "docs" / file.name)
    with service_over(root / "docs", root, embedding={"mode": "hashing"}) as service:
        yield service


def answer_from_section(service, question: str, section: str):  # type: ignore[no-untyped-def]
    """The local user's answer to ``question`` when retrieval found only the passage of ``section`` (a chapter of
    the one document the question's passages are of): what the answerer brings from the rest of the document."""
    from assistant.types import Hit
    from govdoc.accounts import LOCAL

    answerer = service.extractive_for(LOCAL)
    found, _ = service.retrieve(question, k=5)
    passage = next(c for c in answerer.document(found[0].chunk.doc_id) if c.section == section)
    return answerer.answer(question, [Hit(passage, 1.0, 1)])


def ask_checked(service, question: str):  # type: ignore[no-untyped-def]
    """Ask as the local user; every citation must be its document's own text at its offsets."""
    from govdoc.accounts import LOCAL

    answer = service.ask(question, who=LOCAL)
    for c in answer.citations:
        assert service.index.document_text(c.doc_id)[c.start : c.end] == c.quote
    return answer
