"""Test helpers: a service (hashing embedder) over invented files, and an embedder that counts its work."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.embed import HashingEmbedder


def service_over(tmp: Path, files: Sequence[tuple[str, str]]) -> GovdocService:
    """A service whose data folder (``tmp/data``) holds ``files`` (name, text), all ingested (hashing
    embedder, index in ``tmp/index``); the caller closes it."""
    data = tmp / "data"
    data.mkdir()
    for name, text in files:
        (data / name).write_text(text, encoding="utf-8")
    service = GovdocService(Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp / "index"}))
    report = service.ingest([data])
    assert not report.errors, report.errors
    return service


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting the texts it embeds."""

    def __init__(self) -> None:
        super().__init__()
        self.passages: list[str] = []
        self.queries: list[str] = []
        self.batches: list[list[str]] = []  # the queries embedded together

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.passages.extend(texts)
        return super().embed_passages(texts)

    def embed_query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        return super().embed_query(text)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        self.queries.extend(texts)
        return super().embed_queries(texts)
