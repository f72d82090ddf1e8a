"""A GovdocService (default embedder) over some of the fixture files in tests/data, for module fixtures."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "data"


def service_over(root: Path, names: Sequence[str]) -> Any:
    """A service whose data folder under ``root`` holds copies of the fixture files ``names``, ingested
    (the caller closes it)."""
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    docs = root / "docs"
    docs.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, docs / name)
    service = GovdocService(Settings(data_dir=docs, store={"index_dir": root / "index"}))
    report = service.ingest([docs])
    assert not report.errors, report.errors
    return service
