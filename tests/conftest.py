"""Shared fixtures: every state directory in tmp_path, no network, tiny real models loaded once."""

from __future__ import annotations

import os
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
