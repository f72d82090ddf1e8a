"""Files kept out of the next start: uploads not yet ingested, files that failed, and a file that crashed ingest.

An upload is staged in ``<index_dir>/staging`` until it has been parsed and indexed, and only then
moved into ``data_dir/uploads``; a crash meanwhile leaves it in staging, never in the data folder.
During a run each file's start and end are journalled, so after a crash (kill -9, out of memory)
the file being read is known. At the next start `Quarantine.recover` moves staged leftovers to
``<index_dir>/quarantine`` and records the crashed file as failed; a failed file is not read again
until its content changes (`Quarantine.held_back`), so a bad file never delays a start twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ingest.pipeline import ProgressEvent

CRASHED = "上次导入该文件时进程中断（可能内存不足或文件异常），已暂停导入；文件内容改变后会重新导入"


@dataclass(frozen=True)
class Recovered:
    """What `Quarantine.recover` found: staged uploads moved aside, and the file a crash interrupted."""

    quarantined: list[Path]
    crashed: str | None


class Quarantine:
    """The staging folder, the journal and the failure list of one index folder.

    Args:
        index_dir: ``store.index_dir``; everything lives in it, outside the data folder.
    """

    def __init__(self, index_dir: Path) -> None:
        self.root = Path(index_dir)
        self.staging = self.root / "staging"
        self.folder = self.root / "quarantine"
        self._journal = self.root / "ingest-journal.json"
        self._failures = self.root / "ingest-failures.json"
        self._lock = threading.Lock()

    # -- uploads ---------------------------------------------------------------------------
    def stage(self, name: str, content: bytes) -> Path:
        """Write an upload into the staging folder under a fresh name; returns its path."""
        self.staging.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(content).hexdigest()[:16]
        folder = self.staging / f"{digest}-{os.getpid()}-{threading.get_ident()}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        with open(path, "xb") as f:
            f.write(content)
        return path

    def unstage(self, path: Path) -> None:
        """Remove a staged upload and its folder."""
        if path.parent.parent == self.staging:
            shutil.rmtree(path.parent, ignore_errors=True)

    # -- a run -----------------------------------------------------------------------------
    def journal(self, progress: Callable[[ProgressEvent], None] | None) -> Callable[[ProgressEvent], None]:
        """A progress callback that journals each file's start and end, then passes the event on."""

        def on_event(event: ProgressEvent) -> None:
            if event.kind == "file_start":
                self._write(self._journal, {"file": event.file})
            elif event.kind in ("file_done", "file_skipped", "file_error"):
                self._journal.unlink(missing_ok=True)
                if event.kind == "file_error" and event.reason != CRASHED and not _held(event.reason):
                    self.record_failure(event.file, event.reason)
                elif event.kind == "file_done":
                    self.forget(event.file)
            if progress is not None:
                progress(event)

        return on_event

    def held_back(self, key: str, digest: str) -> str | None:
        """Why a changed file is not read this run (it failed or crashed with this content), or None."""
        failure = self._read(self._failures).get(key)
        if isinstance(failure, dict) and failure.get("hash") == digest:
            return f"{HELD_PREFIX}{failure.get('reason', '')}"
        return None

    def record_failure(self, key: str, reason: str) -> None:
        """Remember that ``key`` failed with its current content."""
        digest = _digest(Path(key))
        if digest is None:
            return
        with self._lock:
            failures = self._read(self._failures)
            failures[key] = {"hash": digest, "reason": reason}
            self._write(self._failures, failures)

    def forget(self, key: str) -> None:
        """Drop a recorded failure (the file was ingested, or removed)."""
        with self._lock:
            failures = self._read(self._failures)
            if failures.pop(key, None) is not None:
                self._write(self._failures, failures)

    def recover(self) -> Recovered:
        """After a crash: move staged uploads to the quarantine folder, and hold back the file being read."""
        moved: list[Path] = []
        if self.staging.is_dir():
            for folder in sorted(self.staging.iterdir()):
                for item in sorted(folder.iterdir()) if folder.is_dir() else [folder]:
                    self.folder.mkdir(parents=True, exist_ok=True)
                    target = _free_name(self.folder / item.name)
                    shutil.move(str(item), target)
                    moved.append(target)
                shutil.rmtree(folder, ignore_errors=True)
        crashed = self._read(self._journal).get("file")
        self._journal.unlink(missing_ok=True)
        if isinstance(crashed, str):
            self.record_failure(crashed, CRASHED)
            return Recovered(moved, crashed)
        return Recovered(moved, None)

    # -- files -----------------------------------------------------------------------------
    @staticmethod
    def _read(path: Path) -> dict[str, object]:
        try:
            value = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def _write(self, path: Path, value: dict[str, object]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)


HELD_PREFIX = "上次导入失败，内容未变，已跳过："


def _held(reason: str) -> bool:
    return reason.startswith(HELD_PREFIX)


def _digest(path: Path) -> str | None:
    """The content hash of a regular file; None for anything else (a pipe would block the read)."""
    if path.is_symlink() or not path.is_file():
        return None
    try:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except OSError:
        return None


def _free_name(path: Path) -> Path:
    if not path.exists():
        return path
    for n in range(2, 10_000):
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(path)
