"""The benchmark corpus generator: deterministic, sized in real chunks, a prefix per size (no timing)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.corpus import MAX_CHUNKS, MIN_CHUNKS, CorpusFile, count_chunks, generate, load_sources
from ingest.config import ChunkSettings

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _contents(files: list[CorpusFile]) -> list[tuple[str, bytes]]:
    return [(f.path.name, f.path.read_bytes()) for f in files]


def test_corpus_is_deterministic_and_sized_in_chunks(tmp_path: Path) -> None:
    sources = load_sources(None, DATA_DIR)
    first = generate(tmp_path / "a", 300, sources, seed=7)
    second = generate(tmp_path / "b", 300, sources, seed=7)

    assert _contents(first) == _contents(second)
    total = sum(f.chunks for f in first)
    assert 300 <= total < 300 + MAX_CHUNKS
    assert all(MIN_CHUNKS <= f.chunks <= MAX_CHUNKS for f in first)
    # The recorded counts are what the real chunker makes of each file.
    assert all(count_chunks(f.path, ChunkSettings()) == (f.chunks, f.chars) for f in first)
    assert not any(DATA_DIR in f.path.parents for f in first)


def test_smaller_corpus_is_a_prefix_and_seed_changes_text(tmp_path: Path) -> None:
    sources = load_sources(None, DATA_DIR)
    large = generate(tmp_path / "a", 200, sources, seed=1)
    small = generate(tmp_path / "a", 80, sources, seed=1)
    other = generate(tmp_path / "c", 80, sources, seed=2)

    assert _contents(small) == _contents(large[: len(small)])
    assert sum(f.chunks for f in small) >= 80
    assert _contents(other) != _contents(small)
    text = small[0].path.read_text(encoding="utf-8")
    assert text.startswith("# ") and ("第一条" in text or "一、" in text)
