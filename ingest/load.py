"""Read one file into raw text pages: the entry point of ingest, in front of the suffix registry.

The file's suffix picks its loader (`ingest.loaders`); this module reads the bytes within the size
limit, makes the OCR engine when OCR is on, and hands over. Loaders only read; cleaning happens
downstream.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ingest.config import IngestSettings, OcrSettings
from ingest.errors import IngestError
from ingest.loaders import format_for, unsupported_reason
from ingest.loaders.base import LoadRequest, OcrProgress, human_size
from ingest.types import LoadedFile

if TYPE_CHECKING:
    from ingest.ocr import OcrProvider


def load_file(
    path: Path,
    ocr: OcrSettings | None = None,
    *,
    max_bytes: int | None = None,
    ocr_engine: OcrProvider | None = None,
    on_ocr_page: OcrProgress | None = None,
    limits: IngestSettings | None = None,
) -> LoadedFile:
    """Read one file into raw text pages.

    Args:
        path: the file; its suffix (any case) picks the reader.
        ocr: OCR settings for scanned PDF pages and images (with their page and pixel limits);
            None means no OCR.
        max_bytes: refuse files larger than this; None means no limit.
        ocr_engine: creates the OCR engine on first use and caches results; pass one per ingest run.
            None makes one for this call (cache in ``ocr.cache_dir``). Text pages never load the engine.
        on_ocr_page: called with (pages done, pages to do) before and after each page read by OCR.
        limits: what a file may hold (characters, PDF pages and page area, web-page depth, .docx
            unpacked size); None means the `IngestSettings` defaults. ``limits.max_file_mb`` is not
            applied here: ``max_bytes`` is.

    Returns:
        The file's text as `LoadedFile` (PDF: one `PageText` per page with text, 1-based numbers;
        other formats: a single page with number None).

    Raises:
        IngestError: the file is missing, empty, too large, of an unsupported type, damaged,
            encrypted, over one of the limits, or has no text.
    """
    source = str(path)
    fmt = format_for(path.suffix)
    if fmt is None:
        raise IngestError(source, unsupported_reason(path.suffix.lower()))
    data = _read_bytes(path, max_bytes)
    if ocr is not None and ocr.enabled and ocr_engine is None:
        from ingest.ocr import OcrProvider

        ocr_engine = OcrProvider(ocr.cache_dir)  # cheap: the engine itself loads on first use
    request = LoadRequest(path, data, limits or IngestSettings(), ocr, ocr_engine, on_ocr_page)
    return fmt.read(request)


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    source = str(path)
    try:
        if path.is_dir():
            raise IngestError(source, "这是文件夹，不是文件")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise IngestError(source, f"文件过大（{human_size(size)}），超过上限 {human_size(max_bytes)}")
        if size == 0:
            raise IngestError(source, "文件为空")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(source, "文件不存在") from None
    except PermissionError:
        raise IngestError(source, "没有读取权限") from None
    except OSError as exc:
        raise IngestError(source, f"无法读取文件（{exc.strerror or exc}）") from None
    if not data:
        raise IngestError(source, "文件为空")
    return data

