"""Images (PNG, JPEG, TIFF) read by OCR, and `ocr_page`, the single place where OCR plugs in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ingest.config import OcrSettings
from ingest.errors import IngestError
from ingest.loaders.base import LoadRequest, real_chars
from ingest.types import LoadedFile, PageText

if TYPE_CHECKING:
    from ingest.ocr import OcrProvider


def ocr_page(path: Path, page: int | None, ocr: OcrSettings, engine: OcrProvider | None) -> PageText | None:
    """OCR PLUG-IN POINT: the text of one scanned PDF page (1-based) or of an image file.

    ``page`` is None for a single image, or the 1-based page of a PDF or of a multi-page TIFF.
    Called only when ``ocr.enabled``. Returns a `PageText` with ``ocr=True`` and the mean recognition
    score as its confidence, or None when no engine was given.

    Raises:
        IngestError: the page cannot be rendered, or the OCR engine cannot be loaded.
    """
    from ingest.ocr import OcrUnavailable

    if engine is None:
        return None
    try:
        if path.suffix.lower() == ".pdf":
            assert page is not None
            return engine.pdf_page(path, page, ocr.dpi, max_pixels=ocr.max_pixels)
        return engine.image_page(path, page, max_pixels=ocr.max_pixels)
    except OcrUnavailable as exc:
        raise IngestError(str(path), f"需要 OCR 识别，但 {exc}") from None


def load_image(request: LoadRequest) -> LoadedFile:
    """An image file (every frame of a multi-page TIFF) as OCR'd pages.

    Raises:
        IngestError: OCR is off, the image has too many frames, or no text was recognised.
    """
    from ingest.ocr import image_frame_count

    path, ocr = request.path, request.ocr
    if ocr is None or not ocr.enabled:
        raise IngestError(str(path), "图片需要 OCR 识别，但 OCR 未启用")
    count = image_frame_count(path, limit=ocr.max_pages)
    if count > ocr.max_pages:
        raise IngestError(
            str(path), f"图片页数过多（多于 {ocr.max_pages} 页），每页都需要 OCR 识别，超过单个文件上限 {ocr.max_pages} 页"
        )
    notify = request.on_ocr_page or (lambda done, total: None)
    notify(0, count)
    pages: list[PageText] = []
    for frame in range(1, count + 1):
        page = ocr_page(path, frame if count > 1 else None, ocr, request.engine)
        notify(frame, count)
        if page is not None and real_chars(page.text):
            pages.append(page)
    if not pages:
        raise IngestError(str(path), "图片中没有识别出文字（OCR 不可用或图片无文字）")
    return LoadedFile(source=str(path), kind="image", pages=tuple(pages))
