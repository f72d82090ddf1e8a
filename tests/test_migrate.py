"""Moving a local index (sqlite + Chroma) into PostgreSQL: `ingest.migrate.copy_index` and ``govdoc migrate``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from test_store_contract import EMBEDDER, LAW, REPORT, put

from ingest.backend import open_store
from ingest.config import StoreSettings
from ingest.migrate import copy_index
from ingest.version import Override

ROOT = Path(__file__).resolve().parent.parent


def test_a_copy_holds_everything_and_answers_alike(tmp_path: Path, postgres_dsn: str) -> None:
    local = StoreSettings(index_dir=tmp_path / "local")
    remote = StoreSettings(backend="postgres", dsn=postgres_dsn, collection="copied", index_dir=tmp_path / "cache")
    with open_store(local, EMBEDDER.name, EMBEDDER.dim) as source:
        put(source, "law.md", LAW, content_hash="h1")
        waiting = put(source, "report.md", REPORT, content_hash="h2", vectors=False)
        source.set_role("law.md", "sample")
        source.set_version_override("law.md#0", Override(date="2019-05-06", current=True))
        with open_store(remote, EMBEDDER.name, EMBEDDER.dim) as target:
            report = copy_index(source, target)
            assert (report.copied, report.skipped, report.chunks, report.waiting) == (2, 0, 6, 3)
            assert target.chunks() == source.chunks()
            assert [target.document(d.doc_id) for d in target.documents()] == [
                source.document(d.doc_id) for d in source.documents()
            ]
            assert [(d.doc_id, d.role, d.n_chunks) for d in target.documents()] == [
                (d.doc_id, d.role, d.n_chunks) for d in source.documents()
            ]
            assert target.token_rows("jieba") == source.token_rows("jieba")
            assert target.file_hash("law.md") == "h1"
            assert target.version_overrides() == source.version_overrides()
            assert target.waiting_among([c.id for c in waiting]) == {c.id for c in waiting}
            query = EMBEDDER.embed_query(LAW[1])
            ours, theirs = source.query_dense(query, k=3), target.query_dense(query, k=3)
            assert [i for i, _ in ours] == [i for i, _ in theirs]
            assert np.allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-5)
            # Run again (as after an interruption): nothing is copied twice.
            generation = target.generation()
            again = copy_index(source, target)
            assert (again.copied, again.skipped) == (0, 2)
            assert target.chunks() == source.chunks()
            assert target.generation() >= generation


def test_copy_between_embedders_is_refused(tmp_path: Path) -> None:
    with open_store(StoreSettings(index_dir=tmp_path / "a"), EMBEDDER.name, EMBEDDER.dim) as a, open_store(
        StoreSettings(index_dir=tmp_path / "b"), "other-embedder", EMBEDDER.dim
    ) as b, pytest.raises(ValueError, match="嵌入模型不同"):
        copy_index(a, b)


@pytest.mark.slow
def test_govdoc_migrate_moves_an_ingested_folder(tmp_path: Path, postgres_dsn: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_")}
    env.update(PYTHONPATH=str(ROOT), GOVDOC_EMBEDDING__MODE="hashing", GOVDOC_STORE__INDEX_DIR=str(tmp_path / "old"))
    govdoc = [sys.executable, "-m", "govdoc"]
    ingested = subprocess.run([*govdoc, "ingest", "--wait", str(ROOT / "data")], env=env, capture_output=True, text=True)
    assert ingested.returncode == 0, ingested.stderr
    env.update(
        GOVDOC_STORE__BACKEND="postgres",
        GOVDOC_STORE__DSN=postgres_dsn,
        GOVDOC_STORE__COLLECTION="migrated",
        GOVDOC_STORE__INDEX_DIR=str(tmp_path / "cache"),
    )
    moved = subprocess.run([*govdoc, "migrate", "--from", str(tmp_path / "old")], env=env, capture_output=True, text=True)
    assert moved.returncode == 0, moved.stderr
    assert "复制 4 个文件" in moved.stdout
    question = "教师享有哪些权利？"
    after = subprocess.run([*govdoc, "ask", "--json", question], env=env, capture_output=True, text=True)
    env.update(GOVDOC_STORE__BACKEND="sqlite", GOVDOC_STORE__INDEX_DIR=str(tmp_path / "old"))
    before = subprocess.run([*govdoc, "ask", "--json", question], env=env, capture_output=True, text=True)
    assert after.returncode == before.returncode == 0, after.stderr + before.stderr
    ours, theirs = json.loads(before.stdout), json.loads(after.stdout)
    ours.pop("timings_ms"), theirs.pop("timings_ms")
    assert theirs == ours
    assert ours["citations"]
