"""What only the PostgreSQL backend has: its settings, its errors, and the password kept out of them.

The store contract itself runs on this backend in tests/test_store_contract.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.backend import open_store
from ingest.config import StoreSettings
from ingest.embed import HashingEmbedder
from ingest.store import StoreError

pytest.importorskip("psycopg_pool", reason="psycopg is not installed: pip install -e '.[test]'")

from ingest.store_pg import redacted, schema_name  # noqa: E402  (needs psycopg)

EMBEDDER = HashingEmbedder()


def test_a_password_in_the_dsn_is_left_out_of_messages() -> None:
    assert "s3cret" not in redacted("host=db.example dbname=govdoc user=gd password=s3cret")
    assert "dbname=govdoc" in redacted("host=db.example dbname=govdoc user=gd password=s3cret")
    assert "s3cret" not in redacted("postgresql://gd:s3cret@db.example:5433/govdoc")
    assert "s3cret" not in redacted("host=x password='s3cret")  # unparsable: nothing of it is shown


def test_an_unreachable_server_is_a_store_error_that_names_it_without_the_password(tmp_path: Path) -> None:
    # Port 1 on the loopback refuses at once: no wait, no network beyond this machine.
    settings = StoreSettings(
        backend="postgres",
        dsn="host=127.0.0.1 port=1 dbname=govdoc user=gd password=s3cret",
        connect_timeout_s=2,
        index_dir=tmp_path / "index",
    )
    with pytest.raises(StoreError, match="无法打开 PostgreSQL 索引") as caught:
        open_store(settings, EMBEDDER.name, EMBEDDER.dim)
    assert "127.0.0.1" in str(caught.value)
    assert "s3cret" not in str(caught.value)


def test_the_postgres_backend_without_a_dsn_says_what_to_set(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="store.dsn"):
        open_store(StoreSettings(backend="postgres", index_dir=tmp_path), EMBEDDER.name, EMBEDDER.dim)


def test_schema_names_fit_postgres_and_differ_by_embedder() -> None:
    long = schema_name("govdoc", "sentence-transformers:" + "x" * 80)
    assert len(long) <= 63
    assert schema_name("govdoc", "a") != schema_name("govdoc", "b")
    assert schema_name("govdoc", "a").startswith("govdoc_")
    assert long != schema_name("govdoc", "sentence-transformers:" + "x" * 81)
