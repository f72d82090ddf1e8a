"""Read one file in a child process with a memory cap and a time limit, so no file can take the server.

A hostile or broken file (a PDF page of 5 m by 5 m, a web page nested 200,000 deep, a parser bug
that loops) can cost the parsing process all its memory or all its time. `IsolatedReader` runs
`ingest.read.read_file` in a ``python -m ingest.worker`` process whose address space is capped
(``RLIMIT_AS``) and which is killed when it runs past its time; either way the file gets an
`IngestError` naming the limit, and the server's own memory and answers are untouched.

Protocol: the parent writes pickled, length-prefixed requests on the child's stdin, one file each;
for each the child writes pickled, length-prefixed messages on its stdout: ``("ocr", done, total)``
while it reads scanned pages, then ``("done", documents, chunks)``, ``("error", reason)`` or ``("memory", reason)``. The
child exits when its stdin ends. Only this module's own objects travel.
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
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ingest.config import ChunkSettings, IngestSettings, OcrSettings
from ingest.errors import IngestError, parser_failure
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


class IsolatedReader:
    """Reads files in a child process: ``reader(path, key, on_ocr_page)`` as `ingest.pipeline` calls it.

    One child reads file after file, so a folder of small files does not pay a Python start and
    the parsers' imports per file (they cost more than reading a typical law). A child that fails
    a file, runs out of memory or time, or dies is replaced by a fresh one for the next file.
    `close` ends the child; it also ends when this object is collected or the parent dies.

    Args:
        chunk_settings, ingest_settings, ocr_settings: as for `ingest.read.read_file`.
        ocr_cache: the OCR cache folder (shared with in-process reads, so a re-read costs no OCR).
        memory_mb: the child's address-space cap.
        timeout_s: the child is killed when one file takes longer than this many seconds.
    """

    def __init__(
        self,
        *,
        chunk_settings: ChunkSettings,
        ingest_settings: IngestSettings,
        ocr_settings: OcrSettings,
        ocr_cache: Path,
        memory_mb: int,
        timeout_s: float,
    ) -> None:
        self.chunk_settings = chunk_settings
        self.ingest_settings = ingest_settings
        self.ocr_settings = ocr_settings
        self.ocr_cache = ocr_cache
        self.memory_mb = memory_mb
        self.timeout_s = timeout_s
        self._lock = threading.Lock()
        self._child: _Child | None = None
        self._reused = False  # the child of the last read had read other files before

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the child process (the next file starts a new one)."""
        with self._lock:
            self._drop()

    def __call__(
        self, path: Path, key: str, on_ocr_page: Callable[[int, int], None] | None = None
    ) -> tuple[list[Document], list[Chunk]]:
        """The documents and chunks of one file, read in the child process.

        Raises:
            IngestError: the file is unreadable or over a limit, or the child ran out of memory or time.
        """
        request = _Request(
            str(path), key, self.chunk_settings, self.ingest_settings, self.ocr_settings, str(self.ocr_cache), self.memory_mb
        )
        with self._lock:
            try:
                return self._read(request, key, on_ocr_page)
            except _OutOfRoom:
                # Memory a child kept from earlier files counts against its cap: a file that found too
                # little room in a used child gets one more try in a fresh one.
                if not self._reused:
                    raise
            return self._read(request, key, on_ocr_page)

    def _read(
        self, request: _Request, key: str, on_ocr_page: Callable[[int, int], None] | None
    ) -> tuple[list[Document], list[Chunk]]:
        if self._child is None or self._child.process.poll() is not None:
            self._drop()
            self._child = _Child.start()
        child = self._child
        self._reused = child.served > 0
        try:
            child.send(request)
            found = self._await(child, key, on_ocr_page)
        except BaseException:
            # After a failure the child's state is unknown (memory near its cap, a parser mid-way):
            # the next file gets a fresh one.
            self._drop()
            raise
        child.served += 1
        return found

    def _drop(self) -> None:
        if self._child is not None:
            self._child.end()
            self._child = None

    def _await(
        self, child: _Child, key: str, on_ocr_page: Callable[[int, int], None] | None
    ) -> tuple[list[Document], list[Chunk]]:
        deadline = time.monotonic() + self.timeout_s
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                child.process.kill()
                raise IngestError(key, f"处理时间超过上限 {self.timeout_s:g} 秒，已停止（文件可能过大或结构异常）")
            try:
                message = child.messages.get(timeout=min(left, 1.0))
            except queue.Empty:
                continue
            if message is None:  # the child's output ended without a result
                code = child.process.wait()
                raise _OutOfRoom(key, _death_reason(code, self.memory_mb))
            match message:
                case ("ocr", done, total):
                    if on_ocr_page is not None:
                        on_ocr_page(done, total)
                case ("done", documents, chunks):
                    return documents, chunks
                case ("error", reason):
                    raise IngestError(key, reason)
                case ("memory", reason):
                    raise _OutOfRoom(key, reason)


class _OutOfRoom(IngestError):
    """The child ran out of memory, or died (most often for the same reason)."""


class _Child:
    """One ``python -m ingest.worker`` process and the thread that reads its messages."""

    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.served = 0  # files it has read
        self.messages: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
        self._reader = threading.Thread(target=_pump, args=(process.stdout, self.messages), daemon=True)
        self._reader.start()
        # A reader dropped without close() must not leave its child running.
        self._finalizer = weakref.finalize(self, _end_process, process)

    @classmethod
    def start(cls) -> _Child:
        env = {**os.environ, "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1")}
        process = subprocess.Popen(
            [sys.executable, "-m", "ingest.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        return cls(process)

    def send(self, request: _Request) -> None:
        assert self.process.stdin is not None
        body = pickle.dumps(request)
        try:
            self.process.stdin.write(_HEADER.pack(len(body)) + body)
            self.process.stdin.flush()
        except BrokenPipeError:
            pass  # the child died; _pump reports the end of its output

    def end(self) -> None:
        self._finalizer()
        self._reader.join(5)


def _end_process(process: subprocess.Popen[bytes]) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()  # a waiting child reads the end of its input and exits
    try:
        process.wait(2)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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
    """The child's side: cap memory, then read requests one by one until the input ends."""
    # Messages go out on a private copy of stdout; anything a library prints goes to stderr instead.
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    _die_with_parent()
    requests = sys.stdin.buffer
    capped = False
    while True:
        header = requests.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return 0
        (size,) = _HEADER.unpack(header)
        request: _Request = pickle.loads(requests.read(size))
        if not capped:
            cap = request.memory_mb * _MB
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
            capped = True
        _send(out, _read(request, out))


def _read(request: _Request, out: IO[bytes]) -> tuple[Any, ...]:
    """Read one requested file; the message to send back."""
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
        return ("error", exc.reason)
    except MemoryError:
        return ("memory", f"内存超过上限 {request.memory_mb} MB，已停止（文件可能过大或结构异常）")
    except RecursionError:
        return ("error", "文件结构嵌套过深，无法解析")
    except Exception as exc:  # noqa: BLE001 - any parser bug must become a reason, as in-process reads do
        return ("error", parser_failure(request.key, exc))
    return ("done", documents, chunks)


if __name__ == "__main__":
    sys.exit(_child())
