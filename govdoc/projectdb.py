"""Where the project's own tables live (accounts, knowledge bases, conversations, feedback, the audit
log), and one way to open them.

- ``store.backend = "sqlite"``: a SQLite file beside the index (``govdoc.sqlite3`` in ``store.index_dir``).
- ``store.backend = "postgres"``: the schema ``<store.collection>_project`` of the index's PostgreSQL
  database, so every server on that database sees the same users, sessions, grants, conversations and
  audit log: a user logged in through one server is logged in on the others.

The modules write their queries once, in the SQL both engines read: ``?`` placeholders (given to
PostgreSQL as ``%s``), the column ``"user"`` quoted (a reserved word there), upserts as
``ON CONFLICT … DO …``. Only the table definitions differ (types, the audit log's guard), so each
module gives both in a `Schema`.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.config import StoreSettings

SQLITE_FILE = "govdoc.sqlite3"  # in store.index_dir, with the sqlite backend
PG_SCHEMA_SUFFIX = "_project"  # <store.collection>_project, with the postgres backend


class DuplicateError(Exception):
    """A row with this key exists already (a unique or primary key would be broken)."""


class ProjectDbError(RuntimeError):
    """The project database cannot be reached; the message says where (never with a password)."""


@dataclass(frozen=True)
class Schema:
    """The ``CREATE … IF NOT EXISTS`` statements of one module's tables, for each engine."""

    sqlite: str
    postgres: str


class PgDatabase:
    """The project's schema in a PostgreSQL database: one small connection pool, shared by every module
    of one process, opened on first use.

    Args:
        settings: the store section (``dsn``, ``collection``, ``connect_timeout_s``).
    """

    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings
        self.schema = f"{settings.collection}{PG_SCHEMA_SUFFIX}".lower()
        self._pool: Any = None
        self._lock = threading.Lock()

    def _connections(self) -> Any:
        with self._lock:
            if self._pool is None:
                self._pool = self._open()
            return self._pool

    def _open(self) -> Any:
        try:
            import psycopg
            from psycopg import sql
            from psycopg_pool import ConnectionPool
        except ImportError as exc:
            raise ProjectDbError("使用 PostgreSQL 存放账号与日志需要安装可选依赖：pip install 'govdoc[postgres]'") from exc
        from ingest.store_pg import liveness, redacted

        search_path = sql.Identifier(self.schema).as_string()

        def configure(conn: Any) -> None:
            conn.execute(f"SET search_path TO {search_path}")

        pool = ConnectionPool(
            self.settings.dsn,
            min_size=1,
            max_size=min(4, self.settings.pool_size),
            kwargs={"autocommit": True, **liveness(self.settings)},
            configure=configure,
            check=ConnectionPool.check_connection,
            timeout=self.settings.connect_timeout_s,
            open=False,
            name=f"govdoc-{self.schema}",
        )
        try:
            pool.open(wait=True, timeout=self.settings.connect_timeout_s)
            with pool.connection() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(hashtext('govdoc-init'))")
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {search_path}")
        except (psycopg.Error, TimeoutError) as exc:
            pool.close()
            raise ProjectDbError(f"无法连接 PostgreSQL（{redacted(self.settings.dsn)}）：{exc}") from exc
        return pool

    @contextmanager
    def transaction(self, ddl: str | None) -> Iterator[Any]:
        """A connection inside one transaction; ``ddl`` (when given) is run first, under the init lock."""
        import psycopg

        with self._connections().connection() as conn:
            try:
                with conn.transaction():
                    if ddl is not None:
                        conn.execute("SELECT pg_advisory_xact_lock(hashtext('govdoc-init'))")
                        conn.execute(ddl)
                    yield _PgConnection(conn)
            except psycopg.errors.IntegrityError as exc:
                raise DuplicateError(str(exc)) from exc

    def exists(self) -> bool:
        """Always: the database is there (its tables are made on first use)."""
        return True

    def close(self) -> None:
        """Close the pool (a later use opens a new one)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()


class _PgConnection:
    """A psycopg connection that takes the modules' ``?`` placeholders, like sqlite3's."""

    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, query: str, args: Sequence[Any] = ()) -> Any:
        return self._conn.execute(_placeholders(query), tuple(args))

    def executemany(self, query: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cur:
            cur.executemany(_placeholders(query), [tuple(r) for r in rows])


def _placeholders(query: str) -> str:
    # The modules' queries hold no literal ? or % (checked by the contract tests on both engines).
    return query.replace("?", "%s")


Place = Path | PgDatabase


def project_place(settings: StoreSettings) -> Place:
    """Where the project's tables live under these store settings (see the module docstring)."""
    if settings.backend == "postgres":
        return PgDatabase(settings)
    return Path(settings.index_dir) / SQLITE_FILE


def close_place(place: Place) -> None:
    """Release what ``place`` holds open (PostgreSQL connections; a SQLite file holds nothing between uses)."""
    if isinstance(place, PgDatabase):
        place.close()


class ProjectDb:
    """Short transactions on the project's tables of one module, created on first use.

    Args:
        place: a SQLite file (a `Path`), or a `PgDatabase` (see `project_place`).
        schema: the tables this module owns.
    """

    def __init__(self, place: Place, schema: Schema | str) -> None:
        self.place = place
        self._schema = schema if isinstance(schema, Schema) else Schema(schema, schema)
        self._lock = threading.Lock()
        self._ready = False

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A connection inside one transaction (committed on success, rolled back on error), then closed.

        Raises:
            DuplicateError: a write would break a unique key.
        """
        if isinstance(self.place, PgDatabase):
            if not self._ready:
                with self._lock:
                    if not self._ready:
                        with self.place.transaction(self._schema.postgres):
                            pass
                        self._ready = True
            with self.place.transaction(None) as conn:
                yield conn
            return
        path = Path(self.place)
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=30)
        try:
            if not self._ready:
                with self._lock:
                    conn.executescript(self._schema.sqlite)
                    self._ready = True
            with conn:
                yield conn
        except sqlite3.IntegrityError as exc:
            raise DuplicateError(str(exc)) from exc
        finally:
            conn.close()

    def exists(self) -> bool:
        """Whether the tables may hold anything yet (a SQLite file not yet written holds nothing)."""
        if isinstance(self.place, PgDatabase):
            return True
        return Path(self.place).is_file()


def copy_tables(source: Path, target: PgDatabase) -> list[tuple[str, int | None]]:
    """Copy the project's tables from a SQLite file into PostgreSQL, whose tables must exist already.

    Rows whose key the target holds already are left as they are, so a copy cut short is finished by
    running it again. A table numbered by the database (the audit log, feedback) is copied only into an
    empty table, keeping its numbers; one that holds rows already is left alone.

    Returns:
        (table, rows copied) for each table of the file; None for a table left alone.
    """
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
        tables = [
            r[0]
            for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        ]
        done: list[tuple[str, int | None]] = []
        for table in tables:
            columns = [r[1] for r in src.execute(f'PRAGMA table_info("{table}")')]
            rows = src.execute(f'SELECT {", ".join(f"{chr(34)}{c}{chr(34)}" for c in columns)} FROM "{table}"').fetchall()
            with target.transaction(None) as conn:
                numbered = conn.execute(
                    "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()"
                    " AND table_name = ? AND column_name = 'id' AND is_identity = 'YES'",
                    (table,),
                ).fetchone()
                if numbered and conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
                    done.append((table, None))
                    continue
                names = ", ".join(f'"{c}"' for c in columns)
                marks = ", ".join("?" for _ in columns)
                before = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                conn.executemany(
                    f'INSERT INTO "{table}" ({names}) OVERRIDING SYSTEM VALUE VALUES ({marks}) ON CONFLICT DO NOTHING', rows
                )
                after = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                if numbered and rows:
                    conn.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), (SELECT max(id) FROM \"{table}\"))")
                done.append((table, int(after - before)))
    return done
