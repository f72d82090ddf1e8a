"""Knowledge bases: named sets of indexed files, each with its readers and editors.

A file (an index source) belongs to one or more knowledge bases; a file assigned to none belongs to
the shared base `SHARED` (the bundled data folder), which every user may read. Who may read or edit
a base: admins all; others as granted, and anyone may read a base marked public.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from govdoc.accounts import Principal
from govdoc.projectdb import Place, ProjectDb, Schema

SHARED = "公共资料"
Access = Literal["reader", "editor"]
_NAME = re.compile(r"^[^\s/\\<>&\"']{1,40}$")

_TABLES = f"""
CREATE TABLE IF NOT EXISTS kbs (name TEXT PRIMARY KEY, public INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS kb_members (
    kb TEXT NOT NULL, "user" TEXT NOT NULL, access TEXT NOT NULL, PRIMARY KEY (kb, "user"));
CREATE TABLE IF NOT EXISTS kb_files (kb TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (kb, source));
CREATE INDEX IF NOT EXISTS kb_files_source ON kb_files (source);
CREATE TABLE IF NOT EXISTS kb_folders (bases TEXT PRIMARY KEY, folder TEXT NOT NULL UNIQUE);
INSERT INTO kbs (name, public) VALUES ('{SHARED}', 1) ON CONFLICT DO NOTHING;
"""
_SCHEMA = Schema(_TABLES, _TABLES)


class KbError(ValueError):
    """A knowledge-base request that cannot be done; the message is for the user."""


@dataclass(frozen=True)
class KnowledgeBase:
    """One knowledge base as listed."""

    name: str
    public: bool


class KnowledgeBases:
    """The knowledge bases in the project database.

    Args:
        place: the project database (`govdoc.projectdb.project_place`), shared with `govdoc.accounts`.
    """

    def __init__(self, place: Place) -> None:
        self._db = ProjectDb(place, _SCHEMA)

    # -- bases -----------------------------------------------------------------------------
    def create(self, name: str, *, public: bool = False) -> KnowledgeBase:
        """Create a knowledge base (an existing one is left as it is)."""
        if not _NAME.match(name or ""):
            raise KbError("知识库名称不能为空、不能含空格或 / \\ < > & 引号，长度不超过 40")
        with self._db.transaction() as conn:
            conn.execute("INSERT INTO kbs (name, public) VALUES (?, ?) ON CONFLICT DO NOTHING", (name, int(public)))
        return KnowledgeBase(name, public)

    def all(self) -> list[KnowledgeBase]:
        """Every knowledge base, the shared one first."""
        with self._db.transaction() as conn:
            rows = conn.execute("SELECT name, public FROM kbs ORDER BY name != ?, name", (SHARED,)).fetchall()
        return [KnowledgeBase(r[0], bool(r[1])) for r in rows]

    def exists(self, name: str) -> bool:
        """Whether a knowledge base of this name exists."""
        return any(kb.name == name for kb in self.all())

    def grant(self, kb: str, user: str, access: Access) -> None:
        """Let ``user`` read, or read and edit, ``kb``."""
        if access not in ("reader", "editor"):
            raise KbError("权限应为 reader 或 editor")
        if not self.exists(kb):
            raise KbError(f"没有知识库 {kb}")
        with self._db.transaction() as conn:
            conn.execute(
                'INSERT INTO kb_members (kb, "user", access) VALUES (?, ?, ?)'
                ' ON CONFLICT (kb, "user") DO UPDATE SET access = excluded.access',
                (kb, user, access),
            )

    def revoke(self, kb: str, user: str) -> None:
        """Take ``user``'s access to ``kb`` away."""
        with self._db.transaction() as conn:
            conn.execute('DELETE FROM kb_members WHERE kb = ? AND "user" = ?', (kb, user))

    def members(self, kb: str) -> list[tuple[str, Access]]:
        """(user, access) of each member of ``kb``, by name."""
        with self._db.transaction() as conn:
            rows = conn.execute('SELECT "user", access FROM kb_members WHERE kb = ? ORDER BY "user"', (kb,)).fetchall()
        return [(r[0], r[1]) for r in rows]

    # -- who may do what -------------------------------------------------------------------
    def readable(self, who: Principal) -> set[str] | None:
        """The bases ``who`` may read; None means every base (admins, a settings key, the local user)."""
        if who.is_admin:
            return None
        with self._db.transaction() as conn:
            public = {r[0] for r in conn.execute("SELECT name FROM kbs WHERE public = 1")}
            granted = {r[0] for r in conn.execute('SELECT kb FROM kb_members WHERE "user" = ?', (who.name,))}
        return public | granted

    def editable(self, who: Principal) -> set[str] | None:
        """The bases ``who`` may add documents to and delete from; None means every base."""
        if who.is_admin:
            return None
        if who.role != "editor":
            return set()
        with self._db.transaction() as conn:
            return {
                r[0] for r in conn.execute("SELECT kb FROM kb_members WHERE \"user\" = ? AND access = 'editor'", (who.name,))
            }

    # -- files -----------------------------------------------------------------------------
    def assign(self, source: str, kbs: Iterable[str]) -> None:
        """Put a file into these bases (in addition to any it is in)."""
        names = list(kbs)
        for name in names:
            if not self.exists(name):
                raise KbError(f"没有知识库 {name}")
        with self._db.transaction() as conn:
            conn.executemany(
                "INSERT INTO kb_files (kb, source) VALUES (?, ?) ON CONFLICT DO NOTHING", [(n, source) for n in names]
            )

    def folder_for(self, bases: Iterable[str]) -> str:
        """The folder, inside the uploads folder, of the uploads into exactly these bases: a random name
        (kb-3f1a…) kept here, made on first use, so that no two sets of bases share one and nothing in a path
        names, or lets anyone confirm a guess of, a base the reader may not read."""
        key = "\n".join(sorted(set(bases)))
        for _ in range(3):  # a name made by another process at the same moment is read back
            with self._db.transaction() as conn:
                row = conn.execute("SELECT folder FROM kb_folders WHERE bases = ?", (key,)).fetchone()
                if row is not None:
                    return str(row[0])
                conn.execute(
                    "INSERT INTO kb_folders (bases, folder) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    (key, f"kb-{secrets.token_hex(8)}"),
                )
        raise KbError("无法为上传的文件建立知识库文件夹")

    def bases_in_folder(self, folder: str) -> list[str] | None:
        """The bases whose uploads `folder_for` keeps in ``folder``; None for a folder it never made."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT bases FROM kb_folders WHERE folder = ?", (folder,)).fetchone()
        return None if row is None else str(row[0]).split("\n")

    def forget(self, source: str) -> None:
        """Drop a removed file from every base."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM kb_files WHERE source = ?", (source,))

    def placed(self, source: str) -> bool:
        """Whether the file ``source`` was put into some base (`assign`), the shared one by name included."""
        with self._db.transaction() as conn:
            return conn.execute("SELECT 1 FROM kb_files WHERE source = ?", (source,)).fetchone() is not None

    def bases_of(self, sources: Iterable[str]) -> dict[str, set[str]]:
        """The bases of each file; a file assigned to none is in the shared base."""
        wanted = list(sources)
        with self._db.transaction() as conn:
            rows = conn.execute("SELECT source, kb FROM kb_files").fetchall()
        found: dict[str, set[str]] = {s: set() for s in wanted}
        for source, kb in rows:
            if source in found:
                found[source].add(kb)
        return {s: kbs or {SHARED} for s, kbs in found.items()}

    def realms(self, sources: Iterable[str]) -> dict[str, str]:
        """The realm each file's title groups it in as a version (`ingest.version.resolve`): its set of bases,
        so that a file never supersedes by its title a file that other editors look after (an upload to a
        school's base never makes the shared law "已被取代"); "" for a file of the shared base alone, so an
        installation of one base groups as before."""
        return {s: "" if kbs == {SHARED} else "\n".join(sorted(kbs)) for s, kbs in self.bases_of(sources).items()}

    def visible(self, sources: Iterable[str], allowed: set[str] | None) -> set[str]:
        """The files among ``sources`` that lie in at least one of the ``allowed`` bases (None: all)."""
        listed = list(sources)
        if allowed is None:
            return set(listed)
        return {s for s, kbs in self.bases_of(listed).items() if kbs & allowed}
