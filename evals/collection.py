"""The blind collection (evals/blind_set/): questions written by people who saw only the documents.

The 54 regulations come from the bench corpus (``../shared/bench/laws-cn.tar.xz``) and are indexed
beside the bundled data/; they are never copied into the project. Items are split by document into
train, dev, test, test2, test3 and test4 (``documents.json``); test2, test3 and test4 were each written later,
for regulations nobody had fitted on, and are only ever measured. Run it with ``python -m govdoc.blind_eval`` (see there).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent / "blind_set"
ITEMS = HERE / "items.jsonl"
FOLLOWUPS = HERE / "followups.jsonl"
DOCUMENTS = HERE / "documents.json"
TARBALL = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "laws-cn.tar.xz"
SPLITS = ("train", "dev", "test", "test2", "test3", "test4")
SCHEMA_FIELDS = ("id", "question", "answerable", "reference", "key_points", "evidence", "doc_title")


def load(path: Path = ITEMS, split: str | None = None) -> list[dict[str, Any]]:
    """The collection's rows (all fields), optionally of one split."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split is None or r["split"] == split]


def documents() -> dict[str, str]:
    """Bench path of each document -> its split."""
    return dict(json.loads(DOCUMENTS.read_text(encoding="utf-8"))["split"])


def build_corpus(work: Path, data_dir: Path, leave_out: Sequence[str] = (), tarball: Path = TARBALL) -> Path:
    """A folder with data/'s files and the collection's documents (less ``leave_out``); returns it."""
    name = "corpus" if not leave_out else f"corpus-without-{_digest(leave_out)}"
    wanted = [p for p in documents() if p not in set(leave_out)]
    return bench_corpus(work / name, data_dir, wanted, tarball)


def bench_corpus(corpus: Path, data_dir: Path, wanted: Sequence[str], tarball: Path = TARBALL) -> Path:
    """``corpus``: data/'s files and the bench documents ``wanted`` (paths inside the tarball).

    Built once; when it exists, documents added to ``wanted`` since are extracted into it and files no
    longer wanted are removed, so a grown collection is never measured on a stale corpus.

    Raises:
        FileNotFoundError: a wanted document is not in the tarball.
    """
    expected = {Path(p).name for p in wanted} | {p.name for p in data_dir.iterdir() if p.is_file()}
    if corpus.is_dir():
        present = {p.name for p in corpus.iterdir() if p.is_file()}
        if present == expected:
            return corpus
        for stale in present - expected:
            (corpus / stale).unlink()
        _extract(corpus, [p for p in wanted if Path(p).name not in present], tarball)
        for path in data_dir.iterdir():
            if path.is_file() and path.name not in present:
                shutil.copy(path, corpus / path.name)
        return corpus
    tmp = corpus.with_name(corpus.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    _extract(tmp, wanted, tarball)
    for path in data_dir.iterdir():
        if path.is_file():
            shutil.copy(path, tmp / path.name)
    tmp.rename(corpus)
    return corpus


def _extract(folder: Path, wanted: Sequence[str], tarball: Path) -> None:
    """Write the bench documents ``wanted`` (paths inside the tarball) into ``folder`` by their file names."""
    if not wanted:
        return
    with tarfile.open(tarball) as archive:
        for member in archive.getmembers():
            relative = member.name.removeprefix("./").removeprefix("laws-cn/")
            if relative in wanted and member.isfile():
                source = archive.extractfile(member)
                assert source is not None
                (folder / Path(relative).name).write_bytes(source.read())
    lost = [p for p in wanted if not (folder / Path(p).name).is_file()]
    if lost:
        raise FileNotFoundError(f"{tarball} 中没有：{lost}")


def _digest(paths: Sequence[str]) -> str:
    """A short name for a set of left-out documents, so each set gets its own corpus and index."""
    return hashlib.sha256("\n".join(sorted(paths)).encode("utf-8")).hexdigest()[:10]


def index_name(embedding: str, leave_out: Sequence[str] = ()) -> str:
    """The index folder's name for an embedder and a set of left-out documents."""
    return f"index-{embedding}" + (f"-without-{_digest(leave_out)}" if leave_out else "")


def schema_rows(rows: list[dict[str, Any]], *, unanswerable: bool = False) -> list[dict[str, Any]]:
    """Rows reduced to the test-set schema; ``unanswerable`` turns every row into a must-refuse item."""
    out = []
    for row in rows:
        item = {k: row[k] for k in SCHEMA_FIELDS}
        if unanswerable:
            item.update(answerable=False, key_points=[], evidence=[], doc_title="", reference="资料中未找到相关内容")
        out.append(item)
    return out
