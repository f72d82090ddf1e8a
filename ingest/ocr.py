"""Offline OCR of scanned PDF pages and image files, with a page cache and reading-order text.

The engine is rapidocr-onnxruntime: PP-OCR detection, angle and recognition models that ship inside
its wheel, run by onnxruntime on the CPU; nothing is downloaded. Loading it takes a second or two,
so an `OcrProvider` (one per ingest run) creates it on first use only: a run with no scanned page
never loads it, and a page whose image was read before is answered from the cache.

Text from boxes: lines in reading order (a two-column page is read column by column, split at the
vertical gutter), lines wrapped by the layout joined back into one line per paragraph, headings and
enumerated items kept on lines of their own, so cleaning and chunking treat OCR text like any other.
A law label that opens a paragraph (第一章, 第一条) gets back the gap the engine drops after it
(第一条为… becomes 第一条 为…, as in the text version); marks that are not text (a speck read as
"·" after a 、, or standing alone) and the page number at a page's head or foot are dropped.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import statistics
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ingest.config import OcrSettings
from ingest.errors import IngestError
from ingest.structure import FOLIO, LAW_LABEL, marker_kind
from ingest.types import PageText

log = logging.getLogger("govdoc.ingest")

if TYPE_CHECKING:
    from PIL.Image import Image

CACHE_FORMAT = 1
DEFAULT_MAX_PIXELS: int = OcrSettings.model_fields["max_pixels"].default


@dataclass(frozen=True)
class Box:
    """One recognized text line: its text, recognition score and upright bounding box in pixels."""

    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def width(self) -> float:
        return self.x1 - self.x0


class OcrReader(Protocol):
    """What the provider needs from an engine."""

    def read(self, image: Image) -> list[Box]:
        """The text boxes found in ``image``."""
        ...


class OcrUnavailable(RuntimeError):
    """The OCR engine cannot be loaded (package or model missing)."""


# ----------------------------------------------------------------------------- engine


class OcrEngine:
    """rapidocr-onnxruntime with its bundled PP-OCR models (loads them on construction)."""

    def __init__(self) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise OcrUnavailable(f"未安装 OCR 引擎 rapidocr-onnxruntime（{exc}），请执行 pip install rapidocr-onnxruntime") from exc
        try:
            # No per-line angle classifier: on upright scans it turns some good lines upside down
            # (a full line of 教代会 text read as 180° at 0.92), and recognition then returns nothing.
            self._ocr = RapidOCR(use_cls=False)
        except Exception as exc:  # onnxruntime raises its own types for missing or broken model files
            raise OcrUnavailable(f"OCR 引擎无法加载模型：{type(exc).__name__}: {exc}") from exc

    def read(self, image: Image) -> list[Box]:
        """The text boxes found in ``image`` (any mode; converted to RGB)."""
        result, _elapsed = self._ocr(image.convert("RGB"))
        return [_box(points, text, score) for points, text, score in result or ()]


def engine_id() -> str:
    """Names the engine, its version and set-up: part of every cache key, so a change re-reads pages."""
    try:
        version = metadata.version("rapidocr-onnxruntime")
    except metadata.PackageNotFoundError:
        version = "missing"
    return f"rapidocr-onnxruntime {version} det+rec"


def _box(points: Sequence[Sequence[float]], text: str, score: float) -> Box:
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    return Box(str(text).strip(), float(score), min(xs), min(ys), max(xs), max(ys))


# ----------------------------------------------------------------------------- provider


class OcrProvider:
    """Creates the OCR engine on first use and caches what it read, by page image.

    One provider serves one ingest run (the pipeline passes it to every `load_file` call), so the
    engine is loaded at most once per run and never when no page needs OCR.

    Args:
        cache_dir: folder of cached results (one JSON file per page image); None means no cache.
        engine_factory: builds the engine; called at most once.
    """

    def __init__(self, cache_dir: Path | None = None, *, engine_factory: Callable[[], OcrReader] = OcrEngine) -> None:
        self.cache_dir = cache_dir
        self._factory = engine_factory
        self._engine: OcrReader | None = None
        self._engine_id = engine_id()
        self.engine_loads = 0
        self.pages_read = 0
        self.cache_hits = 0

    def engine(self) -> OcrReader:
        """The engine, created on the first call."""
        if self._engine is None:
            self._engine = self._factory()
            self.engine_loads += 1
        return self._engine

    def read(self, image: Image) -> list[Box]:
        """Boxes of one page image, from the cache when this exact image was read before."""
        key = self._key(image)
        cached = self._cache_get(key)
        if cached is not None:
            self.cache_hits += 1
            return cached
        boxes = self.engine().read(image)
        self.pages_read += 1
        self._cache_put(key, boxes)
        return boxes

    def page_text(self, image: Image, number: int | None) -> PageText:
        """The page's text in reading order, marked as OCR with the mean recognition score."""
        boxes = body_boxes(self.read(image))
        confidence = statistics.fmean(b.score for b in boxes) if boxes else None
        return PageText(number, layout_text(boxes), ocr=True, ocr_confidence=confidence)

    def pdf_page(self, path: Path, number: int, dpi: int, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> PageText:
        """OCR page ``number`` (1-based) of a PDF rendered at ``dpi``, or lower to stay within ``max_pixels``."""
        return self.page_text(render_pdf_page(path, number, dpi, max_pixels=max_pixels), number)

    def image_page(self, path: Path, frame: int | None, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> PageText:
        """OCR an image file; ``frame`` picks a page of a multi-page TIFF (1-based), None a single image.

        Raises:
            IngestError: the image holds more than ``max_pixels`` and cannot be decoded smaller.
        """
        return self.page_text(load_image(path, frame or 1, max_pixels=max_pixels), frame)

    # -- cache: a result is stored by the hash of the engine id and the page's pixels (their size
    # reflects the dpi), so a re-ingest, another embedder's index or a copy of the file hits it.

    def _key(self, image: Image) -> str:
        digest = hashlib.sha256()
        digest.update(f"{self._engine_id}\x1f{image.mode}\x1f{image.width}x{image.height}\x1f".encode())
        digest.update(image.tobytes())
        return digest.hexdigest()

    def _cache_file(self, key: str) -> Path | None:
        return None if self.cache_dir is None else self.cache_dir / key[:2] / f"{key}.json"

    def _cache_get(self, key: str) -> list[Box] | None:
        path = self._cache_file(key)
        if path is None:
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != CACHE_FORMAT:
                return None
            return [Box(t, s, x0, y0, x1, y1) for t, s, x0, y0, x1, y1 in data["boxes"]]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None  # missing, or damaged: the page is read again and the entry rewritten

    def _cache_put(self, key: str, boxes: list[Box]) -> None:
        path = self._cache_file(key)
        if path is None:
            return
        data: dict[str, Any] = {
            "format": CACHE_FORMAT,
            "engine": self._engine_id,
            "boxes": [[b.text, b.score, b.x0, b.y0, b.x1, b.y1] for b in boxes],
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError:
            return  # the cache only saves time: a read-only or full disk must not fail the ingest
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False)
            os.replace(tmp, path)  # atomic: a concurrent reader sees the old entry or the new one
        except OSError:
            Path(tmp).unlink(missing_ok=True)


# ----------------------------------------------------------------------------- page images


def render_pdf_page(path: Path, number: int, dpi: int, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> Image:
    """Page ``number`` (1-based) of a PDF as a grayscale image at ``dpi``, or lower to fit ``max_pixels``.

    The bitmap is sized before it is allocated: a blank page of 14400 pt square (the largest PDF
    allows) at 150 dpi would be 900 million pixels.

    Raises:
        IngestError: pdfium cannot open the file or render the page.
    """
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[number - 1]
            width, height = page.get_size()
            scale = render_scale(width, height, dpi, max_pixels)
            return page.render(scale=scale, grayscale=True).to_pil()
        finally:
            pdf.close()
    except pdfium.PdfiumError as exc:
        raise IngestError(str(path), f"第 {number} 页无法渲染为图片，不能进行 OCR 识别（{exc}）") from None


def render_scale(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> float:
    """The pdfium scale (pixels per point) for ``dpi``, lowered so the bitmap holds at most ``max_pixels``.

    pdfium sizes the bitmap as ``ceil(width * scale) x ceil(height * scale)``; the result keeps that
    product within the limit.
    """
    scale = dpi / 72

    def pixels(s: float) -> int:
        return math.ceil(width_pt * s) * math.ceil(height_pt * s)

    if width_pt <= 0 or height_pt <= 0 or pixels(scale) <= max_pixels:
        return scale
    scale = math.sqrt(max_pixels / (width_pt * height_pt))
    while pixels(scale) > max_pixels:  # the ceilings add up to a row and a column
        scale *= 0.999
    return scale


def image_frame_count(path: Path, limit: int | None = None) -> int:
    """How many pages an image file holds (a TIFF may hold several).

    Args:
        path: the image file.
        limit: stop counting at ``limit + 1``: a TIFF of a million tiny frames is not walked to its end.

    Raises:
        IngestError: the file is not an image Pillow can read.
    """
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if limit is None:
                return int(getattr(image, "n_frames", 1))
            count = 1
            while count <= limit:
                try:
                    image.seek(count)  # 0-based: the (count + 1)-th frame
                except EOFError:
                    break
                count += 1
            return count
    except Image.DecompressionBombError:
        raise IngestError(str(path), _decompression_bomb()) from None
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise IngestError(str(path), _unreadable_image(exc)) from None


def load_image(path: Path, frame: int = 1, *, max_pixels: int = DEFAULT_MAX_PIXELS) -> Image:
    """One page of an image file, upright (EXIF orientation applied), in grayscale.

    The size is checked from the header before any pixel is decoded: a JPEG over ``max_pixels`` is
    decoded at 1/2, 1/4 or 1/8 size (its DCT allows that for free), any other image over it is refused.

    Raises:
        IngestError: the file is not an image Pillow can read, or has too many pixels.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    source = str(path)
    try:
        with Image.open(path) as image:
            image.seek(frame - 1)
            width, height = image.size
            if width * height > max_pixels:
                _reduce_jpeg(image, max_pixels)
                if image.width * image.height > max_pixels:
                    raise IngestError(source, _too_many_pixels(width, height, max_pixels, frame))
            upright = ImageOps.exif_transpose(image)
            return upright.convert("L")
    except Image.DecompressionBombError:
        raise IngestError(source, _decompression_bomb()) from None
    except (UnidentifiedImageError, OSError, ValueError, EOFError) as exc:
        raise IngestError(source, _unreadable_image(exc)) from None


def _unreadable_image(exc: Exception) -> str:
    """What a user is told of an image Pillow cannot read; Pillow's own words (English, with the server's path of
    the file) go to the log only."""
    log.warning("unreadable image: %s", exc)
    return "图片文件已损坏或格式不受支持"


def _reduce_jpeg(image: Image, max_pixels: int) -> None:
    """Ask a JPEG's decoder for the smallest reduction (1/2, 1/4, 1/8) that fits; other formats are left."""
    if image.format != "JPEG":
        return
    width, height = image.size
    for factor in (2, 4, 8):
        if math.ceil(width / factor) * math.ceil(height / factor) <= max_pixels:
            image.draft(image.mode, (max(1, width // factor), max(1, height // factor)))
            return


def _too_many_pixels(width: int, height: int, limit: int, frame: int = 1) -> str:
    where = f"第 {frame} 页" if frame > 1 else ""
    size = f"{width}×{height}，约 {width * height / 10_000:.0f} 万像素"
    return f"图片{where}像素过多（{size}），超过上限 {limit / 10_000:.0f} 万像素，请降低分辨率后再导入"


def _decompression_bomb() -> str:
    """Pillow refuses to even open an image over twice its MAX_IMAGE_PIXELS (before our own check)."""
    from PIL import Image

    limit = 2 * (Image.MAX_IMAGE_PIXELS or 0)
    return f"图片像素过多，超过图像库的安全上限 {limit / 10_000:.0f} 万像素，请降低分辨率后再导入"


# ----------------------------------------------------------------------------- reading order


@dataclass(frozen=True)
class _Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


_STOPS = "。！？；：!?;:…"
_CLOSERS = "”’」』）)】》\"'"


def layout_text(boxes: Sequence[Box]) -> str:
    """The text of a page's boxes in reading order, one paragraph or heading per line.

    Columns: a page with a vertical gutter is read column by column; boxes that cross the gutter
    (a title over both columns) are read in their place from top to bottom. Lines: boxes on the
    same row are joined left to right. Paragraphs: a line is joined to the next when it runs to the
    column's right edge, does not end a sentence (or the page indents paragraphs and the next line
    is not indented), and the next line neither starts a heading or enumerated item (一、 （一） 1.
    第X条) nor a new block (larger gap, other font size). Marks that are not text are dropped first
    (see `scrub_marks`).
    """
    boxes = body_boxes(boxes)
    if not boxes:
        return ""
    em = statistics.median(b.height for b in boxes)
    paragraphs: list[str] = []
    for block in _blocks(boxes, em):
        paragraphs.extend(_paragraphs(_rows(block, em), em))
    return "\n".join(paragraphs)


def body_boxes(boxes: Sequence[Box]) -> list[Box]:
    """The boxes of a page that hold its text: marks that are not text dropped (see `scrub_marks`),
    and a page number at the head or foot of the page (a box alone on the first or last row) left out."""
    kept = [b for b in (_scrubbed(b) for b in boxes) if b.text and b.height > 0]
    if len(kept) < 2:
        return kept
    top, bottom = min(b.y0 for b in kept), max(b.y1 for b in kept)

    def folio(box: Box) -> bool:
        edge = box.y0 <= top + 0.5 * box.height or box.y1 >= bottom - 0.5 * box.height
        alone = not any(o is not box and o.y0 < box.y1 and box.y0 < o.y1 for o in kept)
        return edge and alone and bool(FOLIO.match(box.text))

    return [b for b in kept if not folio(b)]


def _blocks(boxes: list[Box], em: float) -> list[list[Box]]:
    """Groups of boxes to read one after another: the whole page, or column runs split at a gutter."""
    gutter = _gutter(boxes, em)
    ordered = sorted(boxes, key=lambda b: (b.y0, b.x0))
    if gutter is None:
        return [ordered]
    blocks: list[list[Box]] = []
    left: list[Box] = []
    right: list[Box] = []

    def flush() -> None:
        blocks.extend(part for part in (left[:], right[:]) if part)
        left.clear()
        right.clear()

    for box in ordered:
        if box.x1 <= gutter:
            left.append(box)
        elif box.x0 >= gutter:
            right.append(box)
        else:  # spans both columns: ends the column run above it
            flush()
            blocks.append([box])
    flush()
    return blocks


def _gutter(boxes: list[Box], em: float) -> float | None:
    """The x of a vertical gap between two columns of text, or None for a one-column page.

    A gutter is the widest band in the middle half of the text area that the fewest boxes cross
    (only a few, such as a title over both columns), with at least three lines on each side, each
    side a column at least 30% of the text width whose lines fill it (a form's short labels and
    values do not) and that runs down a good part of the page.
    """
    left_edge = min(b.x0 for b in boxes)
    right_edge = max(b.x1 for b in boxes)
    width = right_edge - left_edge
    if len(boxes) < 6 or width < 10 * em:
        return None
    step = max(width / 400, 1.0)
    xs = [left_edge + 0.25 * width + i * step for i in range(int(0.5 * width / step) + 1)]
    crossing = [sum(1 for b in boxes if b.x0 < x < b.x1) for x in xs]
    fewest = min(crossing)
    if fewest > 0.2 * len(boxes):
        return None
    best: tuple[float, float] | None = None  # (run length, centre)
    run_start: float | None = None
    for x, count in zip([*xs, xs[-1] + step], [*crossing, fewest + 1]):
        if count == fewest and run_start is None:
            run_start = x
        elif count != fewest and run_start is not None:
            if best is None or x - run_start > best[0]:
                best = (x - run_start, (run_start + x - step) / 2)
            run_start = None
    if best is None or best[0] < 0.5 * em:
        return None
    gutter = best[1]
    top = min(b.y0 for b in boxes)
    height = max(b.y1 for b in boxes) - top
    for side in ([b for b in boxes if b.x1 <= gutter], [b for b in boxes if b.x0 >= gutter]):
        if len(side) < 3:
            return None
        column = max(b.x1 for b in side) - min(b.x0 for b in side)
        if column < 0.3 * width or statistics.median(b.width for b in side) < 0.6 * column:
            return None
        if max(b.y1 for b in side) - min(b.y0 for b in side) < 0.3 * height:
            return None
    return gutter


def _rows(boxes: list[Box], em: float) -> list[_Line]:
    """Boxes grouped into text lines (vertical overlap), each read left to right."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.y0 + b.y1) / 2):
        if rows:
            last = rows[-1]
            top = min(b.y0 for b in last)
            bottom = max(b.y1 for b in last)
            overlap = min(bottom, box.y1) - max(top, box.y0)
            if overlap >= 0.5 * min(box.height, bottom - top):
                last.append(box)
                continue
        rows.append([box])
    lines: list[_Line] = []
    for row in rows:
        row.sort(key=lambda b: b.x0)
        text = row[0].text
        for before, box in zip(row, row[1:]):
            # Boxes on one row with a wide gap are separate fields (名称  内容): keep a space.
            text += (" " if box.x0 - before.x1 > 0.8 * em else "") + box.text
        lines.append(_Line(text, row[0].x0, min(b.y0 for b in row), max(b.x1 for b in row), max(b.y1 for b in row)))
    return lines


def _paragraphs(lines: list[_Line], em: float) -> list[str]:
    """Lines of one column joined into paragraphs (see `layout_text`)."""
    if not lines:
        return []
    left = min(ln.x0 for ln in lines)
    right = max(ln.x1 for ln in lines)
    centre = (left + right) / 2
    indented = sum(1 for ln in lines if 1.2 * em <= ln.x0 - left <= 3.2 * em) >= 2

    def at_left(ln: _Line) -> bool:
        return ln.x0 - left <= 0.8 * em

    def centred(ln: _Line) -> bool:
        return ln.x0 - left >= 1.5 * em and abs((ln.x0 + ln.x1) / 2 - centre) <= 1.5 * em

    def wraps(cur: _Line, nxt: _Line) -> bool:
        """The layout alone says ``nxt`` carries on ``cur``'s paragraph."""
        big, small = max(cur.height, nxt.height), min(cur.height, nxt.height)
        # The detector pads a short box more than a long one (a last line of two or three characters
        # comes out a third taller), so only lines of some width are compared for font size.
        resized = big > 1.3 * small and nxt.x1 - nxt.x0 >= 3 * em
        if resized or nxt.y0 - cur.y1 > 0.9 * big:
            return False  # another font size or a blank line: a new block
        if cur.x1 < right - 1.5 * em:
            return False  # a short line ends its paragraph
        wrapped_title = abs((cur.x0 + cur.x1) / 2 - centre) <= 1.5 * em and centred(nxt)
        if not (at_left(nxt) or wrapped_title):
            return False  # an indented line starts a paragraph
        if _ends_sentence(cur.text):
            # A full line that ends a sentence is continued only where paragraphs are indented.
            return indented and at_left(nxt)
        return True

    def continues(cur: _Line, nxt: _Line) -> bool:
        return marker_kind(nxt.text) is None and wraps(cur, nxt)

    # A page's first line that sits at the left margin of a page that indents its paragraphs carries
    # on a paragraph from the page before: its opening 第X条 is a reference, not a label.
    first = lines[0]
    out = [first.text if indented and at_left(first) and not centred(first) else _spaced_label(first.text)]
    for cur, nxt in zip(lines, lines[1:]):
        if continues(cur, nxt):
            glue = " " if out[-1][-1].isascii() and out[-1][-1].isalnum() and nxt.text[0].isascii() else ""
            out[-1] += glue + nxt.text
        else:
            out.append(_spaced_label(nxt.text))
    return out


def _spaced_label(text: str) -> str:
    """A paragraph that opens with a law label run into its text (第一条为…) with the gap put back.

    Printed regulations set a full-width space after 第X编/章/节/条; the engine reads the line
    without it, and without it the label is not recognised as a heading. Only a label that opens a
    paragraph by the layout gets here, so 第三条规定… wrapped to the start of a line is left alone. A
    part, chapter or section label must head a short line with no sentence in it (第一章总则), so a
    paragraph that opens with 第一节课… stays as it is.
    """
    label = LAW_LABEL.match(text)
    if label is None or label.end() == len(text) or text[label.end()].isspace():
        return text
    rest = text[label.end() :]
    if not label.group(0).endswith("条") and (len(rest) > 20 or any(ch in rest for ch in "，。；：！？,;:!?")):
        return text
    return f"{text[: label.end()]} {rest}"


# Marks a speck or a fold leaves on a scan that the engine reads as text: dots and ticks. They are
# never text right beside a Chinese punctuation mark (、· 、 ·, ·。) or standing on their own; between
# two characters (a name such as 卡尔·马克思) the dot is kept.
_MARKS = "·•・‧∙⋅˙'`"
_MARK_RUN = rf"[{_MARKS}]+"
_STRAY_MARKS = re.compile(
    rf"(?<=[、，。；：！？])\s*+{_MARK_RUN}\s*+|\s*+{_MARK_RUN}\s*+(?=[、，。；：！？])|(?:^|(?<=\s)){_MARK_RUN}(?=\s|$)"
)  # run on one box's text (one printed line), so the leading \s*+ tried at each space stays cheap


def scrub_marks(text: str) -> str:
    """``text`` without the marks that are not text (see ``_MARKS``): beside Chinese punctuation or alone."""
    if not any(ch in _MARKS for ch in text):
        return text
    return _SPACE_RUN.sub(" ", _STRAY_MARKS.sub("", text)).strip()


_SPACE_RUN = re.compile(r" {2,}")


def _scrubbed(box: Box) -> Box:
    text = scrub_marks(box.text)
    return box if text == box.text else Box(text, box.score, box.x0, box.y0, box.x1, box.y1)


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _STOPS
