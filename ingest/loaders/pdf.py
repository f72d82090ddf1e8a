"""PDF: the text layer page by page (wrapped lines joined back), scanned pages by OCR.

Hostile input is refused before the expensive step: the page count and page area before any text
is read, and the pages needing OCR before any is rendered.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from dataclasses import dataclass

from ingest.config import OcrSettings
from ingest.errors import IngestError, parser_failure
from ingest.loaders import image
from ingest.loaders.base import LoadRequest, check_chars, plausible_title, real_chars
from ingest.loaders.encoding import normalize_newlines
from ingest.record import Slot, cell_text, header_rows, table_lines
from ingest.types import LoadedFile, PageText

# A line that starts a heading or an enumerated item: the next wrapped line is never joined onto
# the line before it.
_STARTS_BLOCK = re.compile(
    r"^(?:#|[一二三四五六七八九十百零〇]+[、.．]|[（(][一二三四五六七八九十百零〇\d]+[)）]|"
    r"\d+[、.．](?!\d)|第[一二三四五六七八九十百千零〇\d]+[编章节条款部分]|[①-⑳]|附件|附：)"
)
_ENDS_BLOCK = tuple("。！？；：!?;:…”’」』）)】")
_DEFAULT_MIN_TEXT_CHARS: int = OcrSettings.model_fields["min_text_chars"].default


def _pdf_errors() -> tuple[type[Exception], ...]:
    """What pypdf raises on damaged files: its own errors, and plain ones from deep in its parsers."""
    from pypdf.errors import PyPdfError

    return (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError)


def _open_pdf(source: str, data: bytes):
    """A pypdf reader, decrypted when the password is empty; IngestError for anything unreadable."""
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    if b"%PDF-" not in data[:1024]:
        raise IngestError(source, "不是有效的 PDF 文件（缺少 %PDF 文件头）")
    if b"%%EOF" not in data[-4096:]:
        raise IngestError(source, "PDF 文件不完整（缺少结束标记，可能在下载或复制时被截断）")
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except _pdf_errors() as exc:
        raise IngestError(source, parser_failure(source, exc, "PDF 文件已损坏，无法解析")) from None
    if encrypted:
        try:
            decrypted = bool(reader.decrypt(""))
        except (DependencyError, NotImplementedError):  # AES needs `cryptography`; unknown handlers
            decrypted = False
        if not decrypted:
            raise IngestError(source, "文件已加密，无法读取（请去除密码后再导入）")
    return reader


def load_pdf(request: LoadRequest) -> LoadedFile:
    """A PDF's pages with text (1-based numbers); pages without a text layer read by OCR when it is on.

    Raises:
        IngestError: the file is damaged, encrypted, over the page, area or character limits, or
            has no text layer and OCR is off or unavailable.
    """
    path, data, ocr, engine = request.path, request.data, request.ocr, request.engine
    on_ocr_page, limits, source = request.on_ocr_page, request.limits, request.source
    reader = _open_pdf(source, data)
    errors = _pdf_errors()
    try:
        pages = list(reader.pages)
    except errors as exc:
        raise IngestError(source, parser_failure(source, exc, "PDF 文件已损坏，无法解析")) from None
    if not pages:
        raise IngestError(source, "PDF 文件没有页面")
    if len(pages) > limits.max_pdf_pages:
        raise IngestError(source, f"PDF 页数过多（{len(pages)} 页），超过上限 {limits.max_pdf_pages} 页")
    _check_page_sizes(source, pages, limits.max_page_m2)

    threshold = ocr.min_text_chars if ocr is not None else _DEFAULT_MIN_TEXT_CHARS
    texts: list[str] = []
    chars = 0
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except errors:
            # A page whose content stream pypdf cannot parse is treated like a page without a text
            # layer: OCR can still read it, and the other pages are unaffected.
            texts.append("")
        chars += len(texts[-1])
        check_chars(source, chars, limits, partial=len(texts) < len(pages))

    joined = [join_wrapped_lines(raw) for raw in texts]
    records: set[str] = set()
    ruled = [n for n, (page, text) in enumerate(zip(pages, texts, strict=True), 1) if text.strip() and _has_rules(page)]
    for number, (text, rows) in _pages_with_tables(data, ruled).items():
        joined[number - 1] = text
        records |= rows
    scanned = [n for n, text in enumerate(joined, 1) if real_chars(text) < threshold] if ocr and ocr.enabled else []
    if ocr is not None and len(scanned) > ocr.max_pages:
        # Checked before the first page is rendered: OCR takes about a second a page.
        raise IngestError(
            source,
            f"需要 OCR 识别的扫描页过多（{len(scanned)} 页没有文字层），超过单个文件上限 {ocr.max_pages} 页，"
            "请拆分文件后再导入",
        )
    notify = on_ocr_page or (lambda done, total: None)
    if scanned:
        notify(0, len(scanned))
    out: list[PageText] = []
    for number, text in enumerate(joined, start=1):
        if ocr is not None and number in scanned:
            recognized = image.ocr_page(path, number, ocr, engine)
            notify(scanned.index(number) + 1, len(scanned))
            if recognized is not None and real_chars(recognized.text):
                out.append(recognized)
                continue
        out.append(PageText(number, text))
    kept = tuple(p for p in out if real_chars(p.text))
    if not any(p.ocr or real_chars(p.text) >= threshold for p in kept):
        why = "OCR 不可用" if ocr is not None and ocr.enabled else "OCR 未启用"
        raise IngestError(source, f"PDF 没有文字层（扫描件），需要 OCR 识别（{why}）")
    kept_records = frozenset(r for r in records if any(r in p.text for p in kept if not p.ocr))
    return LoadedFile(source=source, kind="pdf", pages=kept, title_hint=_pdf_title(reader), records=kept_records)


# ISO 216: A0 is one square metre; a PDF point is 1/72 inch.
_M2_PER_PT2 = (0.0254 / 72) ** 2


def _check_page_sizes(source: str, pages: list, max_m2: float) -> None:
    """Refuse a PDF with a page larger than ``max_m2`` square metres (MediaBox times UserUnit).

    A page whose box pypdf cannot read is left to the renderer, which caps pixels on its own.
    """
    for number, page in enumerate(pages, 1):
        try:
            box = page.mediabox
            unit = float(page.user_unit)
            width, height = abs(float(box.width)) * unit, abs(float(box.height)) * unit
        except _pdf_errors():
            continue
        area = width * height * _M2_PER_PT2
        if area > max_m2:
            metres = width * 0.0254 / 72, height * 0.0254 / 72
            raise IngestError(
                source,
                f"PDF 第 {number} 页幅面过大（{metres[0]:.2f}×{metres[1]:.2f} 米，{area:.1f} 平方米），"
                f"超过上限 {max_m2:g} 平方米（A0 纸为 1 平方米）",
            )


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def join_wrapped_lines(text: str) -> str:
    """Join lines that a PDF layout wrapped inside a paragraph; keep headings on their own lines.

    A line is joined to the next when it is nearly as wide as the widest line of the page (so it was
    wrapped, not ended), does not end in sentence or clause punctuation, and the next line does not
    start a heading or an enumerated item.
    """
    lines = [line.strip() for line in normalize_newlines(text).split("\n")]
    widths = [_display_width(line) for line in lines]
    full = max(widths, default=0)
    out: list[str] = []
    joinable = False
    for line, width in zip(lines, widths, strict=True):
        if not line:
            joinable = False
            continue
        if joinable and not _STARTS_BLOCK.match(line):
            glue = " " if out[-1][-1].isascii() and out[-1][-1].isalnum() and line[0].isascii() else ""
            out[-1] += glue + line
        else:
            out.append(line)
        joinable = full >= 30 and width >= 0.8 * full and not line.endswith(_ENDS_BLOCK)
    return "\n".join(out)


def _pdf_title(reader) -> str | None:
    try:
        metadata = reader.metadata
        raw = metadata.title if metadata is not None else None
    except _pdf_errors():
        return None  # broken metadata must not cost us the text
    return plausible_title(raw)


# ----------------------------------------------------------------------------- tables

# A line break inside a table cell beside a Chinese character is the cell's wrapping, not a space:
# Chinese sets no space between its characters, nor between them and a figure (学位540个, 目标的75%).
# Only a break between two Latin letters or figures stands for a space.
_CJK_MARK = "\u4e00-\u9fff，、；：（）。！？“”《》"
_CELL_WRAP = re.compile(rf"(?<=[{_CJK_MARK}])\n|\n(?=[{_CJK_MARK}])")


# Path operators that draw a table's rules: "x y w h re" (a rectangle) and "x y l" (a line).
_RULE_OPS = re.compile(rb"\s(?:re|l)\s")


def _has_rules(page) -> bool:
    """Whether a page's content draws a few lines or rectangles: only such a page can hold a ruled
    table, so only it is handed to the table finder (which parses the whole page, some 35 ms)."""
    try:
        contents = page.get_contents()
        raw = contents.get_data() if contents is not None else b""
    except _pdf_errors():
        return False
    return sum(1 for _ in itertools.islice(_RULE_OPS.finditer(raw), 4)) >= 4


def _plumber_errors() -> tuple[type[Exception], ...]:
    """What pdfplumber and pdfminer raise on a file pypdf could open but they cannot read."""
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    return (PdfminerException, PDFSyntaxError, PSException, ValueError, KeyError, TypeError, IndexError, AssertionError)


def _pages_with_tables(data: bytes, numbers: list[int]) -> dict[int, tuple[str, frozenset[str]]]:
    """The text of each page (of ``numbers``, 1-based) that holds a ruled table, tables as row records.

    pdfplumber's table finder (ruling lines) finds the tables; the text around them is read by
    pdfplumber too, above and below each table in turn, so a record sits where its table was. A
    table that ends a page and goes on at the top of the next keeps its header there: a repeated
    header is read as a header, and rows that go on without one are read under the header of the page
    before (`_Carried`). A file pdfplumber cannot read keeps pypdf's text: tables as plain lines,
    nothing lost.
    """
    if not numbers:
        return {}
    import pdfplumber

    out: dict[int, tuple[str, frozenset[str]]] = {}
    carried: _Carried | None = None
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
                if carried is not None and carried.page != number - 1:
                    carried = None
                if tables:
                    text, records, carried = _page_with_tables(page, tables, number, carried)
                    out[number] = (text, records)
                else:
                    carried = None
    except _plumber_errors():
        return {}
    return out


# At most this many short lines (a running head, a page number such as "— 1 —") may stand between a
# table that ends one page and its rows at the top of the next.
_PAGE_FURNITURE_LINES = 2
_PAGE_FURNITURE_CHARS = 30


@dataclass(frozen=True)
class _Carried:
    """The header of a table that ends page ``page``: its rows of slots, for rows that go on overleaf."""

    page: int
    header: tuple[tuple[Slot, ...], ...]
    above: str = ""  # the caption above the table on its first page (a unit it states holds overleaf too)


def _furniture(text: str) -> bool:
    """Whether ``text`` (what stands between a table and the page's edge) is no more than a running head
    or a page number: a couple of short lines."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return len(lines) <= _PAGE_FURNITURE_LINES and all(len(line) <= _PAGE_FURNITURE_CHARS for line in lines)


def _page_with_tables(
    page, tables: list, number: int, carried: _Carried | None
) -> tuple[str, frozenset[str], _Carried | None]:
    x0, top, x1, bottom = page.bbox
    pieces: list[str] = []
    records: set[str] = set()
    y = top
    last: _Carried | None = None
    for n, table in enumerate(tables):
        t_top, t_bottom = max(table.bbox[1], y), min(table.bbox[3], bottom)
        above = page.within_bbox((x0, y, x1, t_top)).extract_text() or "" if t_top > y else ""
        if above:
            pieces.append(join_wrapped_lines(above))
        grid = _pdf_grid(table)
        header: int | None = None
        caption = above
        if n == 0 and carried is not None and _furniture(above) and _goes_on(grid, carried.header):
            grid = [list(row) for row in carried.header] + grid
            header = len(carried.header)
            caption = carried.above
        elif n == 0 and carried is not None and _furniture(above) and _repeats(grid, carried.header):
            caption = carried.above  # the header repeated overleaf: the same table, under the same caption
        lines = table_lines(grid, header, caption)
        pieces.extend(lines.lines)
        records |= lines.records
        width = max((len(row) for row in grid), default=0)
        rows = header if header is not None else header_rows(grid)
        head = tuple(tuple(row) for row in grid[:rows])
        last = _Carried(number, head, caption) if width >= 2 and len(grid) > rows else None
        y = max(y, t_bottom)
    below = page.within_bbox((x0, y, x1, bottom)).extract_text() or "" if bottom > y else ""
    if below:
        pieces.append(join_wrapped_lines(below))
    kept = last if last is not None and _furniture(below) else None
    return "\n".join(p for p in pieces if p.strip()), frozenset(records), kept


def _goes_on(grid: list[list[Slot]], header: tuple[tuple[Slot, ...], ...]) -> bool:
    """Whether a table at the top of a page is the rest of the table whose ``header`` ended the page
    before, written without its header: as many columns, and a first row that is not that header again."""
    if not grid or not header:
        return False
    width = len(header[-1])
    if any(len(row) != width for row in grid):
        return False
    first = [slot.text for slot in grid[0]]
    return all(first != [slot.text for slot in row] for row in header)


def _repeats(grid: list[list[Slot]], header: tuple[tuple[Slot, ...], ...]) -> bool:
    """Whether a table at the top of a page opens with the ``header`` of the table that ended the page
    before: the same table, its header repeated."""
    return bool(grid and header) and [s.text for s in grid[0]] == [s.text for s in header[0]]


def _pdf_grid(table) -> list[list[Slot]]:
    """The table as a grid: a position pdfplumber leaves empty (None) belongs to the merged cell that
    reaches over it, from the left when the cell there is wider than its column, else from above."""
    texts = table.extract()
    boxes = [row.cells for row in table.rows]
    width = max((len(r) for r in boxes), default=0)
    col_x0 = [min((r[c][0] for r in boxes if c < len(r) and r[c] is not None), default=0.0) for c in range(width)]
    row_top = [min((b[1] for b in r if b is not None), default=0.0) for r in boxes]
    grid: list[list[Slot]] = []
    reach: dict[int, tuple[float, float]] = {}  # slot cell id -> (x1, bottom) of its cell
    for r, row in enumerate(boxes):
        out: list[Slot] = []
        for c in range(width):
            box = row[c] if c < len(row) else None
            if box is not None:
                text = texts[r][c] if c < len(texts[r]) else ""
                slot = Slot(cell_text(_CELL_WRAP.sub("", text or "")), len(reach))
                reach[slot.cell] = (box[2], box[3])
            elif out and reach[out[-1].cell][0] > col_x0[c] + 1:
                slot = out[-1]
            elif grid and c < len(grid[-1]) and reach[grid[-1][c].cell][1] > row_top[r] + 1:
                slot = grid[-1][c]
            else:
                slot = Slot("", len(reach))
                reach[slot.cell] = (0.0, 0.0)
            out.append(slot)
        grid.append(out)
    return grid
