"""Which reader made an index's chunks: a file is read again when the reader changes, not only its bytes.

A file is skipped on the next ingest when its recorded hash is unchanged. Were that the bytes alone, a
new version of govdoc whose loaders, cleaning, splitting or chunking read files better (or changed
chunk settings) would never reach files indexed before it. The recorded hash is therefore the bytes'
sha256 stamped with `reader_stamp`: a digest of the source of the modules that turn a file into
documents and chunks, and of the settings they read. Chunks that come out the same keep their vectors
(`ingest.store.Index.replace_file`), so reading again costs vectors only for what changed.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from ingest.config import ChunkSettings, IngestSettings, OcrSettings

# The modules that shape documents and chunks (relative to the ingest package); storage, transport
# and embedding are left out: they do not change what a file reads as.
_READER_MODULES = (
    "loaders",
    "articles.py",
    "chunk.py",
    "clean.py",
    "load.py",
    "ocr.py",
    "read.py",
    "record.py",
    "role.py",
    "split.py",
    "structure.py",
    "tokenize.py",
    "types.py",
    "version.py",
)
_SEPARATOR = "+"


@functools.cache
def _code_digest() -> bytes:
    """The digest of the reading modules' source, read once per process (the source does not change under it)."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for name in _READER_MODULES:
        path = package / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            h.update(file.relative_to(package).as_posix().encode())
            h.update(file.read_bytes())
    return h.digest()


def reader_stamp(chunk: ChunkSettings, ingest: IngestSettings, ocr: OcrSettings) -> str:
    """12 hex characters that change whenever the reading code or its settings do."""
    h = hashlib.sha256(_code_digest())
    h.update(chunk.model_dump_json().encode())
    h.update(ingest.model_dump_json().encode())
    h.update(ocr.model_dump_json(exclude={"cache_dir"}).encode())  # where results are cached reads nothing
    return h.hexdigest()[:12]


def stamped(content_digest: str, stamp: str) -> str:
    """The hash an index records for a file: its bytes' digest with the reader's stamp."""
    return f"{content_digest}{_SEPARATOR}{stamp}"


def bytes_digest(recorded: str) -> str:
    """The bytes' digest inside a recorded hash (`stamped`), whatever reader stamped it."""
    return recorded.split(_SEPARATOR, 1)[0]

