"""Which stored upload a new upload replaces (`govdoc.replacement.replaced_upload`), on real files in tmp_path;
what the service then does with both contents is in test_reupload.py."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pytest

from govdoc.permissions import Forbidden
from govdoc.replacement import replaced_upload

OLD = "第一条 周六值班由总务处安排。".encode()
NEW = "第一条 周六值班由办公室安排。".encode()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    return uploads


def replaced(
    folder: Path, shown: Collection[str], locked: Collection[str] = (), before: Path | None = None
) -> str | None:
    """The name of the file an upload of 值班制度.md with ``NEW`` replaces, when the uploader is shown the
    files named ``shown`` and may not change those named ``locked``."""

    def check(key: str) -> None:
        if Path(key).name in locked:
            raise Forbidden("你没有替换这个文件的权限")

    folders = [folder] if before is None else [folder, before]
    path = replaced_upload(folders, "值班制度.md", NEW, shown=lambda key: Path(key).name in shown, check_replace=check)
    return None if path is None else path.relative_to(path.parents[1]).as_posix()


def test_the_file_of_the_same_name_is_replaced_when_shown_changed_and_changeable(folder: Path) -> None:
    (folder / "值班制度.md").write_bytes(OLD)
    assert replaced(folder, {"值班制度.md"}) == "uploads/值班制度.md"
    assert replaced(folder, {"值班制度.md"}, locked={"值班制度.md"}) is None  # stored beside instead
    (folder / "值班制度.md").write_bytes(NEW)
    assert replaced(folder, {"值班制度.md"}) is None  # the same content: nothing to replace


def test_a_free_name_replaces_nothing_though_numbered_names_exist(folder: Path) -> None:
    (folder / "值班制度-2.md").write_bytes(OLD)
    assert replaced(folder, {"值班制度-2.md"}) is None


def test_a_hidden_file_is_passed_over_for_the_first_shown_numbered_name_in_number_order(folder: Path) -> None:
    for name in ("值班制度.md", "值班制度-2.md", "值班制度-10.md", "值班制度-3.md", "值班制度-x.md"):
        (folder / name).write_bytes(OLD)
    assert replaced(folder, {"值班制度-10.md", "值班制度-3.md"}) == "uploads/值班制度-3.md"
    assert replaced(folder, {"值班制度-10.md", "值班制度-x.md"}) == "uploads/值班制度-10.md"
    assert replaced(folder, {"值班制度-x.md"}) is None  # not one of its numbered names
    assert replaced(folder, set()) is None


def test_a_missing_uploads_folder_replaces_nothing(tmp_path: Path) -> None:
    assert replaced(tmp_path / "none", {"值班制度.md"}) is None


def test_a_file_stored_before_bases_had_folders_is_replaced_when_the_bases_folder_has_none(folder: Path) -> None:
    base = folder / "甲校"
    base.mkdir()
    (folder / "值班制度.md").write_bytes(OLD)  # stored flat, before each set of bases had a folder
    assert replaced(base, {"值班制度.md"}, before=folder) == "uploads/值班制度.md"
    assert replaced(base, set(), before=folder) is None  # another school's: stored in the base's folder
    (base / "值班制度.md").write_bytes(OLD)  # the base's own file of that name comes first
    assert replaced(base, {"值班制度.md"}, before=folder) == "甲校/值班制度.md"
