"""Read one file in a child process with a memory cap and a time limit, so no file can take the server.

A hostile or broken file (a PDF page of 5 m by 5 m, a web page nested 200,000 deep, a parser bug
that loops) can cost the parsing process all its memory or all its time. `IsolatedReader` runs
`ingest.read.read_file` in a fresh ``python -m ingest.worker`` process whose address space is capped
(``RLIMIT_AS``) and which is killed when it runs past its time; either way the file gets an
`IngestError` naming the limit, and the server's own memory and answers are untouched.

Protocol: the parent writes one pickled request on the child's stdin; the child writes pickled,
length-prefixed messages on its stdout: ``("ocr", done, total)`` while it reads scanned pages, then
``("done", documents, chunks)`` or ``("error", reason)``. Only this module's own objects travel.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import resource
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ingest.config import ChunkSettings, IngestSettings, OcrSettings
from ingest.errors import IngestError
from ingest.types import Chunk, Document

_HEADER = struct.Struct(">Q")
_MB = 1024 * 1024


@dataclass(frozen=True)
class _Request:
    path: str
    key: str
    chunk: ChunkSettings
    ingest: IngestSettings
    ocr: OcrSettings
    ocr_cache: str
    memory_mb: int


@dataclass(frozen=True)
class IsolatedReader:
    """Reads files in child processes: ``reader(path, key, on_ocr_page)`` as `ingest.pipeline` calls it.

    Args:
        chunk_settings, ingest_settings, ocr_settings: as for `ingest.read.read_file`.
        ocr_cache: the OCR cache folder (shared with in-process reads, so a re-read costs no OCR).
        memory_mb: the child's address-space cap.
        timeout_s: the child is killed after this many seconds.
    """

    chunk_settings: ChunkSettings
    ingest_settings: IngestSettings
    ocr_settings: OcrSettings
    ocr_cache: Path
    memory_mb: int
    timeout_s: float

    def __call__(
        self, path: Path, key: str, on_ocr_page: Callable[[int, int], None] | None = None
    ) -> tuple[list[Document], list[Chunk]]:
        """The documents and chunks of one file, read in a child process.

        Raises:
            IngestError: the file is unreadable or over a limit, or the child ran out of memory or time.
        """
        request = _Request(
            str(path), key, self.chunk_settings, self.ingest_settings, self.ocr_settings, str(self.ocr_cache), self.memory_mb
        )
        env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
        child = subprocess.Popen(
            [sys.executable, "-m", "ingest.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        messages: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
        reader = threading.Thread(target=_pump, args=(child.stdout, messages), daemon=True)
        reader.start()
        try:
            assert child.stdin is not None
            try:
                child.stdin.write(pickle.dumps(request))
                child.stdin.close()
            except BrokenPipeError:
                pass
            return self._await(child, messages, key, on_ocr_page)
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()
            reader.join(5)

    def _await(
        self,
        child: subprocess.Popen[bytes],
        messages: queue.Queue[tuple[Any, ...] | None],
        key: str,
        on_ocr_page: Callable[[int, int], None] | None,
    ) -> tuple[list[Document], list[Chunk]]:
        deadline = time.monotonic() + self.timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                child.kill()
                raise IngestError(key, f"处理时间超过上限 {self.timeout_s:g} 秒，已停止（文件可能过大或结构异常）")
            try:
                message = messages.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if message is None:  # the child's output ended without a result
                code = child.wait()
                raise IngestError(key, _death_reason(code, self.memory_mb))
            match message:
                case ("ocr", done, total):
                    if on_ocr_page is not None:
                        on_ocr_page(done, total)
                case ("done", documents, chunks):
                    return documents, chunks
                case ("error", reason):
                    raise IngestError(key, reason)


def _death_reason(code: int, memory_mb: int) -> str:
    if code < 0:
        return f"解析进程异常退出（信号 {-code}），可能超过内存上限 {memory_mb} MB 或文件结构异常"
    return f"解析进程异常退出（退出码 {code}），可能超过内存上限 {memory_mb} MB"


def _pump(stream: IO[bytes] | None, messages: queue.Queue[tuple[Any, ...] | None]) -> None:
    """Move the child's messages into ``messages``; None once its output ends or breaks off."""
    try:
        assert stream is not None
        while True:
            header = stream.read(_HEADER.size)
            if len(header) < _HEADER.size:
                break
            (size,) = _HEADER.unpack(header)
            body = stream.read(size)
            if len(body) < size:
                break
            messages.put(pickle.loads(body))
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        pass
    finally:
        messages.put(None)


def _send(out: IO[bytes], message: tuple[Any, ...]) -> None:
    body = pickle.dumps(message)
    out.write(_HEADER.pack(len(body)) + body)
    out.flush()


def _die_with_parent() -> None:
    """On Linux, ask to be killed when the parent dies (a killed server must not leave a parse running)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _child() -> int:
    """The child's side: cap memory, read the request, read the file, send the result."""
    # Messages go out on a private copy of stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _die_with_parent()
    request: _Request = pickle.loads(sys.stdin.buffer.read())
    cap = request.memory_mb * _MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from ingest.ocr import OcrProvider
    from ingest.read import read_file

    try:
        documents, chunks = read_file(
            Path(request.path),
            request.key,
            chunk_settings=request.chunk,
            ingest_settings=request.ingest,
            ocr_settings=request.ocr,
            ocr_engine=OcrProvider(Path(request.ocr_cache)),
            on_ocr_page=lambda done, total: _send(out, ("ocr", done, total)),
        )
    except IngestError as exc:
        _send(out, ("error", exc.reason))
        return 0
    except MemoryError:
        _send(out, ("error", f"内存超过上限 {request.memory_mb} MB，已停止（文件可能过大或结构异常）"))
        return 0
    except RecursionError:
        _send(out, ("error", "文件结构嵌套过深，无法解析"))
        return 0
    except Exception as exc:  # noqa: BLE001 - any parser bug must become a reason, as in-process reads do
        _send(out, ("error", f"无法解析：{type(exc).__name__}: {str(exc)[:300]}"))
        return 0
    _send(out, ("done", documents, chunks))
    return 0


if __name__ == "__main__":
    sys.exit(_child())
