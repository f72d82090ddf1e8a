"""Phase two of ingest: embed the chunks that wait for vectors, in batches, committing each batch.

Phase one (`ingest.pipeline.ingest_paths`) makes files searchable by BM25 at once and lists their
chunks as waiting. `embed_backlog` embeds them batch by batch through `Index.add_vectors`, so a
kill loses at most the batch in flight and the next run carries on where the last one stopped;
running it twice, or in two processes, embeds nothing twice that was committed. `BacklogWorker`
runs it in a background thread for a server, waking when new chunks wait.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

from ingest.backend import IndexStore
from ingest.chunk import index_text
from ingest.embed import Embedder

# Called after each committed batch with (chunks embedded in this run, chunks that were waiting).
BacklogProgress = Callable[[int, int], None]


def embed_backlog(
    index: IndexStore,
    embedder: Embedder,
    *,
    batch_size: int = 32,
    progress: BacklogProgress | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Embed every chunk that waits for a vector, one committed batch at a time.

    Args:
        index: the index whose waiting chunks to embed (it belongs to ``embedder``).
        embedder: embeds each chunk's index text.
        batch_size: chunks embedded and committed together.
        progress: called after each batch with (done in this run, total); the total grows when
            files are added meanwhile.
        stop: when set, the run ends after the batch in flight (the rest keeps waiting).

    Returns:
        How many chunks got their vector in this run.
    """
    done = 0
    total = index.waiting_count()
    while stop is None or not stop.is_set():
        batch = index.waiting_chunks(max(1, batch_size))
        if not batch:
            break
        vectors = embedder.embed_passages([index_text(c) for c in batch])
        stored = index.add_vectors(batch, vectors)
        done += stored
        total = max(total, done + index.waiting_count())
        if progress is not None:
            progress(done, total)
        if stored == 0 and index.waiting_among([c.id for c in batch]):
            # The same chunks are still waiting though their vectors were stored: never loop on them.
            raise RuntimeError("向量写入后片段仍处于等待状态，索引可能已损坏；请运行 govdoc ingest 重试")
    return done


class BacklogWorker:
    """A daemon thread that keeps the index's vector backlog empty (``govdoc serve``).

    It embeds what waits, then sleeps until `wake` is called or ``poll_s`` passes (another process,
    such as ``govdoc ingest``, may have added chunks). `stop` ends it after the batch in flight.
    With ``nice`` above 0 the thread, and the engine threads it starts, yield the CPU to the
    process's other threads (answering questions) while they have work (`lower_priority`).

    ``after``, when given, runs once the backlog is empty and the index has changed since it last ran
    to its end (`IndexStore.generation`): the work that follows vectors, such as `assistant.warm`'s. It
    is given an event that is set when new chunks wait or the thread is asked to stop, and returns
    whether it ran to its end; one that did not runs again at the next empty backlog.
    """

    def __init__(
        self,
        index: IndexStore,
        embedder: Embedder,
        *,
        batch_size: int = 32,
        poll_s: float = 5.0,
        progress: BacklogProgress | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        nice: int = 0,
        after: Callable[[threading.Event], bool] | None = None,
    ) -> None:
        self._index = index
        self._after = after
        self._after_generation: int | None = None
        self._nice = nice
        self._embedder = embedder
        self._batch_size = batch_size
        self._poll_s = poll_s
        self._progress = progress
        self._on_error = on_error
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._thread = threading.Thread(target=self._run, name="govdoc-vectors", daemon=True)

    def start(self) -> None:
        """Start the thread."""
        self._thread.start()

    def wake(self) -> None:
        """Look for waiting chunks now rather than at the next poll."""
        self._idle.clear()
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        """Ask the thread to end after its batch in flight, and wait up to ``timeout`` seconds."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until the backlog was found empty after the last `wake`; False on timeout."""
        return self._idle.wait(timeout)

    def _run(self) -> None:
        lower_priority(self._nice)
        while not self._stop.is_set():
            self._wake.clear()
            try:
                embed_backlog(
                    self._index, self._embedder, batch_size=self._batch_size, progress=self._progress, stop=self._stop
                )
            except Exception as exc:  # noqa: BLE001 - a failing batch must not end the server; it is retried
                if self._on_error is not None:
                    self._on_error(exc)
            else:
                if not self._wake.is_set():
                    self._idle.set()
                    self._run_after()
            self._wake.wait(self._poll_s)

    def _run_after(self) -> None:
        if self._after is None:
            return
        generation = self._index.generation()
        if generation == self._after_generation:
            return
        try:
            finished = self._after(self._wake)
        except Exception as exc:  # noqa: BLE001 - like a failing batch: reported, retried at the next change
            if self._on_error is not None:
                self._on_error(exc)
            self._after_generation = generation
            return
        if finished:
            self._after_generation = generation


def lower_priority(nice: int) -> bool:
    """Raise the calling thread's nice value by ``nice`` (Linux, where nice is per thread and the
    threads it starts, such as an embedding engine's OpenMP team, inherit it); True when done.
    Elsewhere, or when refused, nothing changes: the thread keeps the process's priority."""
    if nice <= 0 or not sys.platform.startswith("linux"):
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), min(19, os.getpriority(os.PRIO_PROCESS, 0) + nice))
    except OSError:
        return False
    return True
