"""The bundled test set gives the same figures, answers and citations on both index backends.

Every tenth item of evals/testset.jsonl is run through the evaluation (`evals.run.evaluate`) over the
bundled data/, once on the embedded index (sqlite + Chroma) and once on PostgreSQL with pgvector,
with the fast hashing embedder. The full set with the default embedder is measured by
``govdoc eval`` (see the README's scale section).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.results import ItemRecord
from evals.run import evaluate
from evals.schema import load_testset
from govdoc.service import GovdocService
from govdoc.settings import Settings

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
TIMINGS = ("retrieve_ms_p50", "retrieve_ms_p95", "answer_ms_p50", "answer_ms_p95")


def outcome(record: ItemRecord) -> tuple[object, ...]:
    """What an item produced, less its timings: the ranked chunks, the answer, its citations."""
    answer = record.answer
    assert answer is not None, record.error
    return (
        tuple(hit.chunk.id for hit in record.hits),
        answer.refused,
        answer.text,
        answer.citations,
        record.citations_ok,
        record.missing_key_points,
    )


def test_bundled_questions_get_the_same_answers_and_citations_on_both_backends(tmp_path: Path, postgres_dsn: str) -> None:
    items = load_testset()[::10]
    results = {}
    for backend, store in {
        "sqlite": {},
        "postgres": {"backend": "postgres", "dsn": postgres_dsn, "collection": "bundled_eval"},
    }.items():
        settings = Settings(
            data_dir=DATA_DIR, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / backend, **store}
        )
        service = GovdocService(settings)
        try:
            assert not service.ingest([DATA_DIR]).errors
            results[backend] = evaluate(service, items)
        finally:
            service.close()

    embedded, pg = results["sqlite"], results["postgres"]
    assert embedded.metrics["n_items"] == len(items) >= 10
    assert any(r.answer is not None and r.answer.citations for r in embedded.records)  # something was cited
    assert {k: v for k, v in pg.metrics.items() if k not in TIMINGS} == {
        k: v for k, v in embedded.metrics.items() if k not in TIMINGS
    }
    for a, b in zip(embedded.records, pg.records, strict=True):
        assert outcome(b) == outcome(a), a.item.id
