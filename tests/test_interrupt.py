"""A real ``govdoc ingest`` killed with SIGKILL mid-way leaves a consistent index that the next run completes.

Two kinds of kill: at whatever point the process has reached once some files are in (read from its
progress on stderr), repeated over several runs; and exactly at the store's worst moments (inside
the manifest transaction of phase one, after the commit but before stale vectors are deleted, and
in phase two after a batch's vectors are written but before the batch leaves the waiting list, or
inside that transaction), by a wrapper that SIGKILLs its own process there.

After each kill the index is opened while the test holds the writers' lock (so nothing is repaired
on open) and checked: no dense query returns a chunk the manifest does not list, BM25 rows are the
manifest's chunks, documents and chunks agree. `Index.repair` then removes every orphan vector and
the next ``govdoc ingest`` brings in every file with the right counts.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from index_checks import GOVDOC, ROOT, assert_consistent, chroma_ids, govdoc_env, manifest_counts, run_govdoc

from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.config import EmbeddingSettings
from ingest.embed import embedder_name
from ingest.store import Index, slug

pytestmark = pytest.mark.slow

N_FILES = 160
HASHING = EmbeddingSettings(mode="hashing")


def make_corpus(folder: Path, n: int = N_FILES) -> None:
    """``n`` distinct files built from the real laws in data/ (a few chunks each)."""
    folder.mkdir(parents=True)
    articles = [
        line.strip()
        for source in sorted((ROOT / "data").glob("*.md"))
        for line in source.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("第") and "条" in line[:8]
    ]
    for i in range(n):
        picked = [articles[(i * 7 + j) % len(articles)] for j in range(8)]
        body = "\n".join(picked)
        (folder / f"文件{i:03d}.md").write_text(
            f"# 关于第{i}号事项的规定\n\n第一条 本规定编号为{i}号，适用于第{i}号事项。\n{body}\n", encoding="utf-8"
        )


def index_root(index_dir: Path) -> Path:
    return index_dir / slug(embedder_name(HASHING))


@contextmanager
def writers_locked(index_dir: Path) -> Iterator[None]:
    """Hold the index's writer lock, as a running ingest would: `Index.open` then repairs nothing."""
    root = index_root(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(root / "write.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def open_index(index_dir: Path) -> Index:
    return Index.open(Settings(store={"index_dir": index_dir}).store, embedder_name(HASHING), 256)


def check_after_kill(index_dir: Path) -> tuple[Index, set[str]]:
    """Open without repairing, check consistency (orphans allowed); returns the index and its orphans."""
    with writers_locked(index_dir):
        index = open_index(index_dir)
        assert_consistent(index, orphans_allowed=True)
        orphans = chroma_ids(index) - {c.id for c in index.chunks()}
    return index, orphans


def expected_chunk_ids(corpus: Path, workdir: Path) -> set[str]:
    """The chunk ids a clean, uninterrupted ingest of ``corpus`` produces (source keys relative to workdir)."""
    settings = Settings(embedding={"mode": "hashing"}, store={"index_dir": workdir / "clean-index"})
    cwd = Path.cwd()
    os.chdir(workdir)
    try:
        service = GovdocService(settings)
        try:
            assert not service.ingest([Path(corpus.name)]).errors
            return {c.id for c in service.index.chunks()}
        finally:
            service.close()
    finally:
        os.chdir(cwd)


def ingest_until_killed(corpus: Path, env: dict[str, str], cwd: Path, files_done: int) -> int:
    """Start ``govdoc ingest``, SIGKILL it once ``files_done`` more files are in.

    Returns:
        How many files it reported as done before it died (read to the end of its output: the
        process may have run ahead of this reader).
    """
    process = subprocess.Popen(
        [*GOVDOC, "ingest", corpus.name], env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    done = 0
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if "已入库" in line:
                done += 1
                if done >= files_done:
                    break
        assert done >= files_done, "the ingest ended before it could be killed"
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
        done += process.stderr.read().count("已入库")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
    return done


def test_sigkill_mid_ingest_leaves_a_consistent_index_and_the_next_run_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus)
    index_dir = tmp_path / "index"
    env = govdoc_env(index_dir)
    indexed = 0
    for files_done in (20, 45):  # two runs, each killed further on
        t0 = time.perf_counter()
        reported = ingest_until_killed(corpus, env, tmp_path, files_done)
        counts = manifest_counts(index_root(index_dir))
        # Every file reported as done is committed; at most one more (committed, not yet reported).
        assert indexed + reported <= counts["files"] <= indexed + reported + 1
        assert counts["files"] < N_FILES
        index, _ = check_after_kill(index_dir)
        report = index.repair()
        assert report.missing_vectors == 0
        assert_consistent(index)  # no orphans left
        indexed = len(index.sources())
        index.close()
        assert time.perf_counter() - t0 < 120
    done = run_govdoc(["ingest", "--json", corpus.name], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f'"skipped": {indexed}' in done.stdout and f'"added": {N_FILES - indexed}' in done.stdout
    index = open_index(index_dir)
    try:
        assert len(index.sources()) == N_FILES
        assert {c.id for c in index.chunks()} == expected_chunk_ids(corpus, tmp_path)
        assert_consistent(index)
    finally:
        index.close()


# A wrapper around the real CLI that SIGKILLs its own process at one point of the store's write path.
_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from ingest.store import Index

    point, after = sys.argv[1], int(sys.argv[2])
    calls = 0

    def counted(name, before):
        original = getattr(Index, name)

        def wrapper(*args, **kwargs):
            global calls
            if before:
                calls += 1
                if calls == after:
                    os.kill(os.getpid(), signal.SIGKILL)
            result = original(*args, **kwargs)
            if not before:
                calls += 1
                if calls == after:
                    os.kill(os.getpid(), signal.SIGKILL)
            return result

        static = name in ("_bump_generation", "_bump_vectors")
        setattr(Index, name, staticmethod(wrapper) if static else wrapper)

    match point:
        case "after_vectors":  # vectors written, manifest not yet
            counted("_chroma_upsert", before=False)
        case "in_transaction":  # inside the manifest transaction, before COMMIT
            counted("_bump_generation", before=True)
        case "in_vectors_transaction":  # phase two: inside the transaction that ends a batch's wait
            counted("_bump_vectors", before=True)
        case "before_stale_delete":  # manifest committed, old vectors not yet deleted
            counted("_chroma_delete", before=True)

    from govdoc.cli import main

    sys.exit(main(sys.argv[3:]))
    """
)


def run_killed_at(point: str, after: int, args: list[str], env: dict[str, str], cwd: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _KILLER, point, str(after), *args], env=env, cwd=cwd, capture_output=True, timeout=300
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode(errors="replace")


def test_kill_inside_the_manifest_transaction_of_phase_one_keeps_the_committed_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 12)
    index_dir = tmp_path / "index"
    env = govdoc_env(index_dir)
    run_killed_at("in_transaction", 5, ["ingest", corpus.name], env, tmp_path)  # files 1-4 committed, file 5 not
    index, orphans = check_after_kill(index_dir)
    try:
        assert index.sources() == [f"corpus/文件{i:03d}.md" for i in range(4)]
        assert not orphans  # phase one writes no vectors
        assert index.waiting_count() == index.chunk_count() > 0
        report = index.repair()
        assert (report.orphans_removed, report.missing_vectors) == (0, 0)
        assert_consistent(index)
    finally:
        index.close()
    done = run_govdoc(["ingest", "--wait", "--json", corpus.name], env, cwd=tmp_path)
    assert done.returncode == 0 and '"added": 8' in done.stdout and '"waiting": 0' in done.stdout, done.stdout + done.stderr
    index = open_index(index_dir)
    try:
        assert {c.id for c in index.chunks()} == expected_chunk_ids(corpus, tmp_path)
        assert chroma_ids(index) == {c.id for c in index.chunks()}
        assert_consistent(index)
    finally:
        index.close()


@pytest.mark.parametrize("point", ["after_vectors", "in_vectors_transaction"])
def test_kill_during_phase_two_loses_nothing_and_the_next_run_continues_the_backlog(tmp_path: Path, point: str) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 40)  # one or two chunks a file
    index_dir = tmp_path / "index"
    env = govdoc_env(index_dir, GOVDOC_EMBEDDING__BATCH_SIZE="8")
    # Phase one commits every file; phase two commits two batches and dies in the third.
    run_killed_at(point, 3, ["ingest", "--wait", corpus.name], env, tmp_path)
    index, orphans = check_after_kill(index_dir)
    try:
        assert len(index.sources()) == 40  # every file stays searchable
        all_ids = {c.id for c in index.chunks()}
        assert all_ids == expected_chunk_ids(corpus, tmp_path)
        assert not orphans  # the dying batch's vectors belong to chunks still waiting
        waiting = index.waiting_among(sorted(all_ids))
        assert len(all_ids) > 24
        assert len(waiting) == len(all_ids) - 16
        # manifest = BM25 = Chroma for the chunks that have their vectors (checked by assert_consistent)
        assert chroma_ids(index) - waiting == all_ids - waiting
        assert len(chroma_ids(index) & waiting) == 8  # written to Chroma, the commit never came
        report = index.repair()
        assert (report.orphans_removed, report.missing_vectors) == (0, 0)
        assert index.waiting_count() == len(all_ids) - 24  # repair took the arrived batch off the list
        assert_consistent(index)
    finally:
        index.close()
    done = run_govdoc(["ingest", "--wait", "--json", corpus.name], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert '"skipped": 40' in done.stdout and '"waiting": 0' in done.stdout, done.stdout
    index = open_index(index_dir)
    try:
        assert chroma_ids(index) == {c.id for c in index.chunks()} == all_ids
        assert index.waiting_count() == 0
        assert_consistent(index)
    finally:
        index.close()


def test_kill_before_stale_vectors_are_deleted_keeps_the_new_version_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 3)
    index_dir = tmp_path / "index"
    env = govdoc_env(index_dir)
    assert run_govdoc(["ingest", "--wait", corpus.name], env, cwd=tmp_path).returncode == 0
    index = open_index(index_dir)
    old = {c.id for c in index.chunks() if c.source == "corpus/文件001.md"}
    index.close()
    changed = corpus / "文件001.md"
    changed.write_text("# 关于第1号事项的规定（修订）\n\n第一条 本规定已经修订，原有条文全部废止。\n", encoding="utf-8")
    run_killed_at("before_stale_delete", 1, ["ingest", corpus.name], env, tmp_path)
    index, orphans = check_after_kill(index_dir)
    try:
        new = {c.id for c in index.chunks() if c.source == "corpus/文件001.md"}
        assert new and not new & old
        assert orphans == old  # the old version's vectors only, and no query returns them
        assert index.repair().orphans_removed == len(old)
        assert_consistent(index)
    finally:
        index.close()
    done = run_govdoc(["ingest", "--json", corpus.name], env, cwd=tmp_path)
    assert done.returncode == 0 and '"skipped": 3' in done.stdout


def test_opening_after_a_kill_repairs_by_itself_when_no_writer_runs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 6)
    index_dir = tmp_path / "index"
    env = govdoc_env(index_dir)
    run_killed_at("in_transaction", 3, ["ingest", corpus.name], env, tmp_path)
    index = open_index(index_dir)  # nobody holds the lock: open repairs
    try:
        assert_consistent(index)
        assert len(index.sources()) == 2
    finally:
        index.close()
    # govdoc ask works on it straight away, and never cites the half-ingested file.
    done = run_govdoc(["ask", "--json", "本规定编号为2号，适用于哪个事项？"], env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "文件002" not in done.stdout
