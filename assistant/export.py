"""Export a draft as a Word document (python-docx) or as Markdown.

The Word layout follows the usual official-document conventions (GB/T 9704): A4, title in 宋体 二号
bold and centred, section headings in 黑体 三号, body in 仿宋 三号 with a two-character first-line
indent and 28-point line spacing. Chinese fonts are set on the East Asian slot (``w:eastAsia``) and
the theme-font attributes are removed, otherwise Word renders Chinese text in the theme's font.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from assistant.cite import MARKER
from assistant.draft import MISSING_TEXT, SOURCES_TITLE, Draft, section_number, source_line

TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
_MISSING_PREFIX = MISSING_TEXT.split("：", 1)[0]


class ExportError(OSError):
    """The file could not be written (folder missing, no permission)."""


def draft_to_markdown(draft: Draft, path: Path | None = None) -> str:
    """The draft as Markdown; also written to ``path`` (UTF-8) when given.

    Raises:
        ExportError: ``path`` cannot be written.
    """
    text = draft.to_markdown()
    if path is not None:
        _write_atomically(path, text.encode("utf-8"))
    return text


def draft_to_docx(draft: Draft, path: Path) -> Path:
    """Write the draft as a .docx: title, numbered headings, body with [n] markers, 参考来源 list.

    Args:
        draft: the draft to export.
        path: the .docx file to write (replaced when it exists).

    Returns:
        The path written.

    Raises:
        ExportError: ``path`` cannot be written.
    """
    from docx import Document as new_document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    doc = new_document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    normal = doc.styles["Normal"]
    _set_font(normal, BODY_FONT, Pt(16))
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)
    for name, font, size in (("Title", TITLE_FONT, Pt(22)), ("Heading 1", HEADING_FONT, Pt(16))):
        style = doc.styles[name]
        _set_font(style, font, size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = name == "Title"
        style.paragraph_format.line_spacing = Pt(28)
        _drop_border(style)

    title = doc.add_paragraph(draft.topic, style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _body(doc, draft.opening)
    for i, part in enumerate(draft.sections):
        doc.add_paragraph(f"{section_number(i)}{part.heading}", style="Heading 1")
        for line in part.text.split("\n"):
            if line.strip():
                _body(doc, line.strip(), missing=line.startswith(_MISSING_PREFIX))
    if draft.citations:
        doc.add_paragraph(SOURCES_TITLE, style="Heading 1")
        for c in draft.citations:
            p = doc.add_paragraph()
            p.paragraph_format.line_spacing = Pt(20)
            run = p.add_run(source_line(c))
            run.font.size = Pt(12)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.partial")
        doc.save(str(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    return path


def _body(doc: Any, text: str, *, missing: bool = False) -> None:
    """A body paragraph with a two-character indent; [n] markers as superscript runs."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    last = 0
    for m in MARKER.finditer(text):
        if m.start() > last:
            p.add_run(text[last : m.start()])
        p.add_run(m.group(0)).font.superscript = True
        last = m.end()
    if last < len(text):
        p.add_run(text[last:])
    if missing:
        for run in p.runs:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _set_font(style: Any, name: str, size: Any) -> None:
    """Use ``name`` for Latin and East Asian text of a style, overriding the theme fonts."""
    from docx.oxml.ns import qn

    style.font.name = name
    style.font.size = size
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _drop_border(style: Any) -> None:
    """The default Title style draws a rule under the title; official documents have none."""
    from docx.oxml.ns import qn

    ppr = style.element.find(qn("w:pPr"))
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.partial")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"无法写入 {path}：{exc.strerror or exc}") from exc

