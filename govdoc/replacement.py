"""A stored upload replaced by its new version: which upload a new one replaces, and the former content kept
indexed as the older version.

A file uploaded under the name of an indexed upload that the uploader may change takes that name
(`govdoc.uploads.replace_upload` swaps the bytes); the former content stays indexed under a name of its own
(`govdoc.uploads.former_name`: 值班制度（旧版本1）.md), in the same knowledge bases, as the superseded
version. `GovdocService.upload` takes the steps in this order, holding its one writer's lock:

1. `replaced_upload`: the stored upload the new one replaces, or None (it is stored beside);
2. `Replacements.former`: once the bytes are swapped, what the index says of the former content;
3. `Replacements.ingest_former`: the former content indexed under its kept name, before the new content,
   so that the times of ingest put the versions in order;
4. `Replacements.link` once the new content is indexed, or `Replacements.undo` when that failed.
"""

from __future__ import annotations

import glob
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govdoc.permissions import Forbidden
from govdoc.uploads import same_content
from ingest.pipeline import source_key
from ingest.version import KeptVersions, Override, Version

if TYPE_CHECKING:
    from govdoc.kbs import KnowledgeBases
    from ingest.backend import IndexStore
    from ingest.store import DocInfo


def replaced_upload(
    folders: Sequence[Path],
    name: str,
    content: bytes,
    *,
    shown: Callable[[str], bool],
    check_replace: Callable[[str], object],
) -> Path | None:
    """The stored upload an upload named ``name`` replaces as its new version: the first upload of that name
    (or, when the name is taken, of its numbered names, 值班制度-2.md, given for that reason) that is shown
    to the uploader, if its content differs and the uploader may change it. None: store it beside
    (`govdoc.uploads.store_upload`). Uploads not shown are passed over, as if absent.

    Args:
        folders: where uploads of the upload's knowledge bases are stored, in order: their own folder
            (`govdoc.uploads.upload_folder`), then the uploads folder itself, where uploads into any base
            were stored before each set of bases had a folder. The first that holds a file of that name is
            searched.
        name: the upload's safe name (`govdoc.uploads.check_upload`).
        content: the upload's bytes.
        shown: whether the file of an index key is indexed and the uploader may see it.
        check_replace: raises `Forbidden` when the uploader may not change the file of an index key.
    """
    folder = next((f for f in folders if (f / name).is_file() and not (f / name).is_symlink()), None)
    if folder is None:
        return None  # the name is free: no other file's numbered name is this upload's
    stem, suffix = os.path.splitext(name)
    numbered = re.compile(re.escape(stem) + r"-(\d+)" + re.escape(suffix))
    others = sorted(
        (int(m.group(1)), p) for p in folder.glob(f"{glob.escape(stem)}-*{suffix}") if (m := numbered.fullmatch(p.name))
    )
    for path in [folder / name, *(p for _, p in others)]:
        if path.is_symlink() or not path.is_file():
            continue
        key = source_key(path)
        if not shown(key):
            continue
        if same_content(path, content):
            return None
        try:
            check_replace(key)
        except Forbidden:
            return None
        return path
    return None


@dataclass(frozen=True)
class Former:
    """The former content of a replaced upload, and what the index said of it before the replacement.

    ``role``: the drafting role its documents shared (None: they shared none); ``dates``: the version
    date of each of its documents, by title, corrections included.
    """

    path: Path  # where the former content was kept (`govdoc.uploads.replace_upload`)
    role: str | None
    dates: Mapping[str, str]


class Replacements:
    """The index's side of replacing a stored upload: the former content indexed, linked as the older
    version, or taken back out after a failure.

    Args:
        index: the index both contents go into.
        kbs: the knowledge bases (the former content stays in those of its file).
        versions: resolves documents' versions (the service's, kept between questions).
    """

    def __init__(self, index: IndexStore, kbs: KnowledgeBases, versions: KeptVersions) -> None:
        self._index = index
        self._kbs = kbs
        self._versions = versions

    def former(self, path: Path, kept: Path) -> Former:
        """The former content of the upload ``path``, now kept at ``kept``, as the index still has it under
        ``path``: read after the bytes are swapped and before either content is indexed again."""
        source = source_key(path)
        return Former(kept, self._role_of(source), self._dates_of(source))

    def ingest_former(self, path: Path, former: Former, ingest: Callable[[Path, str | None], object]) -> None:
        """Index the former content of the replaced upload ``path`` under the name it was kept as, with its
        role, in the same bases.

        Args:
            ingest: indexes one stored upload with a drafting role (None: inferred).
        """
        key, old_key = source_key(path), source_key(former.path)
        # Into its bases before it is indexed: a file in none is the shared base's, everyone's to read.
        self._kbs.assign(old_key, self._kbs.bases_of([key])[key])
        ingest(former.path, former.role)

    def link(self, path: Path, former: Former) -> None:
        """Make the former content of a replaced upload the older version of its new content: grouped with it
        (also when its title changed), the new content current. A version whose text bears no date is dated
        by its time here: the new content by today (the day it became current), the former content by the
        date it had (``former.dates``, by title), so that answers name them (现行文本（2026年12月1日）) instead
        of saying 日期不详."""
        key, old_key = source_key(path), source_key(former.path)
        docs = self._index.documents()
        new = [d for d in docs if d.source == key]
        old = [d for d in docs if d.source == old_key]
        versions = self._resolved(docs)
        joined = len(new) == 1 and len(old) == 1 and versions[old[0].doc_id].group != versions[new[0].doc_id].group
        today = time.strftime("%Y-%m-%d")
        for doc in old:
            # Not today's date: one date for both would make them one version (parts of one edition).
            dated = former.dates.get(doc.title) if not doc.version_date else None
            dated = dated if dated != today else None
            if joined or dated:
                self._index.set_version_override(doc.doc_id, Override(group=new[0].doc_id if joined else None, date=dated))
        for doc in new:  # corrections made to the former content do not carry over to the new
            self._index.set_version_override(doc.doc_id, Override(date=None if doc.version_date else today, current=True))

    def undo(self, path: Path, former: Former | None) -> None:
        """After a failed ingest of a replacing upload: the former content back under its own name and key."""
        if former is None:
            return
        old_key = source_key(former.path)
        if self._index.file_hash(old_key) is not None:
            self._index.remove_source(old_key)
        self._kbs.forget(old_key)
        put_back(path, former.path)

    def _role_of(self, source: str) -> str | None:
        """The drafting role the documents of ``source`` share, if they share one."""
        roles = {d.role for d in self._index.documents() if d.source == source}
        return roles.pop() if len(roles) == 1 and "" not in roles else None

    def _resolved(self, docs: Sequence[DocInfo]) -> dict[str, Version]:
        """The versions of ``docs``, titles grouping only files of the same bases (as the service does)."""
        return self._versions.resolve(docs, self._index.version_overrides(), self._kbs.realms({d.source for d in docs}))

    def _dates_of(self, source: str) -> dict[str, str]:
        """The version date of each document of ``source`` (by title), corrections included."""
        versions = self._resolved(self._index.documents())
        return {v.title: v.date for v in versions.values() if v.source == source and v.date}


def put_back(path: Path, former: Path) -> None:
    """Undo `govdoc.uploads.replace_upload` after a failure: the former content back under its name."""
    if former.is_file():
        path.unlink(missing_ok=True)
        former.rename(path)
