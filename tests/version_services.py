"""Set-up shared by the version tests: a service over two invented versions of one document, and the
versioned answerer over it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings


def two_versions(tmp: Path, files: dict[str, str]) -> GovdocService:
    """A service (hashing embedder) over ``files`` (file name -> text), ingested without errors."""
    data = tmp / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    service = GovdocService(Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp / "index"}))
    report = service.ingest([data])
    assert not report.errors, report.errors
    return service


def versioned_answerer(service: GovdocService) -> tuple[Any, dict[str, Any], str, str]:
    """The versioned answerer over ``service``, its versions, and the ids of the old and the current version."""
    from assistant.versions import VersionedAnswerer

    versions = service.versions_for(LOCAL)
    old = next(v.doc_id for v in versions.values() if not v.current)
    new = next(v.doc_id for v in versions.values() if v.current)
    answerer = VersionedAnswerer(lambda q, ids: service.retrieve(q, doc_ids=ids)[0], service.extractive, service.judge, service.index)
    return answerer, versions, old, new


def cite(answerer: Any, doc_id: str, words: str) -> Any:
    """The answerer's citation of ``words`` in the document ``doc_id``, its whole article."""
    text = answerer.source.document_text(doc_id)
    at = text.index(words)
    cited = answerer._cite_article(doc_id, at, at + len(words), 1, cut=False)
    assert cited is not None
    return cited
