"""Find the files to ingest: walk folders in a stable order and report what is skipped, and why."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.errors import IngestError
from ingest.loaders import SUPPORTED_SUFFIXES, unsupported_reason

# Operating-system and editor by-products that are never documents; skipped without a word,
# like dot-files. ``~$name.docx`` is the lock file Word keeps next to an open document.
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini"})

# A folder's own notes (what is in it, where it came from, its licence) sit beside the documents
# by a convention that is not Chinese office practice; indexing one would cite the catalogue as a
# source. Skipped silently when a folder is walked, like the system files; read when named on its own.
_FOLDER_NOTES = frozenset({"readme", "sources", "license", "licence", "changelog"})


def iter_files(paths: Iterable[Path], follow_symlinks: bool = False) -> Iterator[Path | IngestError]:
    """Yield the supported files under ``paths``, and an `IngestError` for each thing skipped.

    Folders are walked recursively in sorted name order; hidden entries (``.name``, ``~$name``,
    Thumbs.db, desktop.ini) and a folder's notes (README, SOURCES…) are skipped silently, other
    unsupported files are reported. A file reached twice is yielded once. Symbolic links are reported and skipped unless ``follow_symlinks``; when
    followed, a link back to a folder being walked is reported as a loop instead of recursing.

    Args:
        paths: files and folders, in the order they should be read.
        follow_symlinks: descend into linked folders and read linked files.

    Yields:
        A path to load, or an `IngestError` naming a path that was skipped and the reason.
    """
    seen_files: set[Path] = set()
    walked: set[Path] = set()
    for path in paths:
        if path.is_symlink() and not path.exists():
            yield IngestError(shown_path(path), _dangling_reason(path))
        elif not path.exists():
            yield IngestError(shown_path(path), "文件或文件夹不存在")
        elif path.is_dir():
            yield from _walk_dir(path, follow_symlinks, seen_files, walked, ancestors=frozenset())
        elif not path.is_file():
            # Opening a named pipe would block the whole run until something writes to it.
            yield IngestError(shown_path(path), "不是普通文件（设备、管道等），已跳过")
        else:
            yield from _file(path, seen_files)


def shown_path(path: Path) -> str:
    """A path as text that can be printed and stored: bytes of a non-UTF-8 name appear as ``\\xNN``."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _bad_name(path: Path) -> IngestError | None:
    """An error for a name that is not valid UTF-8 (e.g. GBK names from a Windows zip), which no index key can hold."""
    shown = shown_path(path)
    if shown == str(path):
        return None
    return IngestError(shown, "文件名不是有效的 UTF-8 编码（可能来自 Windows 压缩包），请重命名后再导入")


def _dangling_reason(link: Path) -> str:
    try:
        link.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "符号链接形成循环（互相指向）"
    return "符号链接指向的文件不存在"


def _file(path: Path, seen: set[Path]) -> Iterator[Path | IngestError]:
    bad = _bad_name(path)
    if bad is not None:
        yield bad
        return
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        yield IngestError(shown_path(path), f"{unsupported_reason(path.suffix)}，已跳过")
        return
    resolved = path.resolve()
    if resolved not in seen:
        seen.add(resolved)
        yield path


def _is_hidden(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in _SYSTEM_FILES


def _is_folder_note(name: str) -> bool:
    stem, dot, suffix = name.partition(".")
    return stem.lower() in _FOLDER_NOTES and suffix.lower() in {"", "md", "txt", "rst"}


def _walk_dir(
    folder: Path,
    follow_symlinks: bool,
    seen_files: set[Path],
    walked: set[Path],
    ancestors: frozenset[Path],
) -> Iterator[Path | IngestError]:
    resolved = folder.resolve()
    if resolved in ancestors:
        yield IngestError(shown_path(folder), "符号链接形成循环（指回上级文件夹），已跳过")
        return
    if resolved in walked:
        return  # reached again through another link: its files were yielded already
    walked.add(resolved)
    ancestors = ancestors | {resolved}
    try:
        with os.scandir(folder) as scan:
            names = sorted(entry.name for entry in scan)
    except PermissionError:
        yield IngestError(shown_path(folder), "没有读取该文件夹的权限，已跳过")
        return
    except OSError as exc:
        yield IngestError(shown_path(folder), f"无法读取文件夹（{exc.strerror or exc}），已跳过")
        return
    for name in names:
        if _is_hidden(name) or _is_folder_note(name):
            continue
        path = folder / name
        if path.is_symlink():
            if not follow_symlinks:
                yield IngestError(shown_path(path), "是符号链接，已跳过（需要时请开启 follow_symlinks）")
                continue
            if not path.exists():
                yield IngestError(shown_path(path), f"{_dangling_reason(path)}，已跳过")
                continue
        if path.is_dir():
            yield from _walk_dir(path, follow_symlinks, seen_files, walked, ancestors)
        elif path.is_file():
            yield from _file(path, seen_files)
        else:
            yield IngestError(shown_path(path), "不是普通文件（设备、管道等），已跳过")
