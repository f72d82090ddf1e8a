"""Word documents (.docx): paragraphs, heading styles and tables in document order.

A .docx is a zip: its parts' unpacked sizes are checked from the zip directory before parsing.
"""

from __future__ import annotations

import io
import itertools
import re
import zipfile
from collections.abc import Iterable, Iterator

from ingest.config import IngestSettings
from ingest.errors import IngestError
from ingest.loaders.base import (
    OLE_MAGIC,
    LoadRequest,
    check_chars,
    collapse_spaces,
    human_size,
    plausible_title,
)
from ingest.record import Slot, cell_text, table_lines
from ingest.types import LoadedFile, PageText

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_STYLES = frozenset({"title", "标题"})


def load_docx(request: LoadRequest) -> LoadedFile:
    """A Word document's body paragraphs and tables in order, as one page; heading styles as ``## 标题``.

    Raises:
        IngestError: the file is not a .docx (old .doc, encrypted, damaged), unpacks too large, or has no text.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    source, data, limits = request.source, request.data, request.limits
    if data.startswith(OLE_MAGIC):
        raise IngestError(
            source, "不是有效的 Word 文档（.docx）：文件已加密或实为旧版 .doc 格式，请另存为未加密的 .docx 后再导入"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(source, "不是有效的 Word 文档（.docx）：文件不是 zip 格式，可能已损坏")
    _check_docx_sizes(source, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        lines, styled_title, records = _docx_lines(document, source, limits)
        core_title = document.core_properties.title
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, XMLSyntaxError):
        raise IngestError(
            source, "不是有效的 Word 文档（.docx）：压缩包里没有完整的 Word 文档结构，可能已损坏或扩展名有误"
        ) from None
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(source, "Word 文档中没有文字内容")
    title = plausible_title(core_title) or styled_title
    return LoadedFile(source=source, kind="docx", pages=(PageText(None, text),), title_hint=title, records=records)


def _check_docx_sizes(source: str, data: bytes, limits: IngestSettings) -> None:
    """Refuse a .docx whose parts unpack too large, by the sizes its zip directory declares.

    python-docx reads every part into memory and parses the XML ones; zipfile never inflates a part
    past its declared size (more fails the checksum), so the declared sizes bound what parsing costs.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # python-docx reports the damage in its own words
    xml = sum(i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels")))
    total = sum(i.file_size for i in infos)
    xml_limit = limits.docx_max_xml_mb * 1024 * 1024
    total_limit = limits.docx_max_unpacked_mb * 1024 * 1024
    if xml > xml_limit:
        raise IngestError(
            source,
            f"Word 文档解压后的文字结构（XML）过大（{human_size(xml)}），超过上限 {human_size(xml_limit)}，"
            "可能是压缩炸弹",
        )
    if total > total_limit:
        raise IngestError(
            source, f"Word 文档解压后过大（{human_size(total)}），超过上限 {human_size(total_limit)}，可能是压缩炸弹"
        )


def _docx_lines(document, source: str, limits: IngestSettings) -> tuple[list[str], str | None, frozenset[str]]:
    """Body paragraphs and tables in document order; the first Title-styled paragraph's text; the
    lines that are table row records.

    Raises:
        IngestError: the text runs over ``limits.max_chars`` (reading stops there).
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    title: str | None = None
    records: frozenset[str] = frozenset()
    chars = 0
    for block in _body_blocks(document.element.body):
        check_chars(source, chars, limits, partial=True)
        if block.tag.endswith("}tbl"):
            above = lines[-1] if lines and lines[-1] not in records else ""
            table = table_lines(_docx_grid(Table(block, document)), above=above)
            chars += sum(len(row) + 1 for row in table.lines)
            lines.extend(table.lines)
            records |= table.records
            continue
        paragraph = Paragraph(block, document)
        text = paragraph.text.strip()
        chars += len(text) + 1
        if not text:
            continue
        level, is_title = _docx_heading_level(paragraph)
        if level:
            text = collapse_spaces(text)
            if is_title and title is None:
                title = text
            lines.append("#" * level + " " + text)
        else:
            lines.extend(part.strip() for part in text.split("\n") if part.strip())
    return lines, title, records


def _body_blocks(body) -> Iterable:
    """``w:p`` and ``w:tbl`` children of the body in order, looking inside content controls (``w:sdt``).

    An explicit stack rather than recursion (libxml2 already refuses XML nested over 256 deep).
    """
    stack: list[Iterator] = [body.iterchildren()]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if tag.endswith("}p") or tag.endswith("}tbl"):
            yield child
        elif tag.endswith("}sdt"):
            contents = (c for c in child.iterchildren() if c.tag.endswith("}sdtContent"))
            stack.append(block for content in contents for block in content.iterchildren())


def _docx_heading_level(paragraph) -> tuple[int, bool]:
    """Markdown heading level from the paragraph's style (or a style it is based on) or outline level."""
    from docx.oxml.ns import qn

    style = paragraph.style
    for _ in range(5):
        if style is None:
            break
        name = (style.name or "").strip()
        if name.lower() in _TITLE_STYLES:
            return 1, True
        match = _HEADING_STYLE.match(name)
        if match:
            return int(match.group(1)), False
        style = style.base_style
    ppr = paragraph._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    value = outline.get(qn("w:val")) if outline is not None else None
    if value is not None and value.isdigit() and int(value) < 9:  # 9 means body text
        return int(value) + 1, False
    return 0, False


def _docx_grid(table) -> list[list[Slot]]:
    """The table as a grid: a cell spanning columns (``w:gridSpan``) or continuing the cell above
    (``w:vMerge``) fills each position it covers with the same `Slot`.

    A nested table's rows are read into its cell's text. Recursion is bounded: libxml2 refuses XML
    nested over 256 deep, and each table level takes three (``w:tbl``, ``w:tr``, ``w:tc``).
    """
    from docx.table import _Cell

    grid: list[list[Slot]] = []
    ids = itertools.count()
    for tr in table._tbl.tr_lst:
        row = [Slot("", next(ids)) for _ in range(tr.grid_before)]
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            above = grid[-1] if grid else []
            if tc.vMerge == "continue" and len(row) < len(above):
                row.extend(above[col] if col < len(above) else above[-1] for col in range(len(row), len(row) + span))
                continue
            cell = _Cell(tc, table)
            parts = [p.text.strip() for p in cell.paragraphs if p.text.strip()]
            for nested in cell.tables:
                parts.extend(line for line in table_lines(_docx_grid(nested)).lines)
            slot = Slot(cell_text(" ".join(parts)), next(ids))
            row.extend([slot] * span)
        grid.append(row)
    return grid
