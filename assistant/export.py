"""Export a draft, or answers to questions, as a Word document (python-docx) or as Markdown.

The Word layout follows the usual official-document conventions (GB/T 9704): A4, title in 宋体 二号
bold and centred, section headings in 黑体 三号, body in 仿宋 三号 with a two-character first-line
indent and 28-point line spacing. Chinese fonts are set on the East Asian slot (``w:eastAsia``) and
the theme-font attributes are removed, otherwise Word renders Chinese text in the theme's font.

Citations are real Word footnotes by default: python-docx has no footnote API, so the footnotes part
(``word/footnotes.xml``, WordprocessingML §17.11) is built here and related to the main document
part, and each [n] of the body becomes a ``w:footnoteReference`` whose footnote names the source and
quotes it. ``citations="inline"`` keeps the [n] markers as superscript text instead. Either way the
参考来源 list (each source once, with the passages quoted from it) closes the document. The draft's notes (what it
took from a sample, what is left to check) are a Word comment on its first line, by 起草助手: whoever opens the file
sees them in the margin, and they are no part of the text handed in. Fill-in slots (【请填写：…】) are highlighted.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Literal

from assistant.cite import MARKER
from assistant.draft import MISSING_PREFIX, SOURCES_TITLE, Draft, section_number
from assistant.slots import SLOT_PATTERN
from assistant.sources import source_entries, source_line
from assistant.types import Answer, Citation

TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
CitationStyle = Literal["footnotes", "inline"]
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_PART = "/word/footnotes.xml"
NOTES_AUTHOR = "起草助手"  # who the comment holding the draft's notes is by
NOTES_INITIALS = "起草"


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


def draft_to_docx(draft: Draft, path: Path, *, citations: CitationStyle = "footnotes") -> Path:
    """Write the draft as a .docx: title, opening, numbered headings, body, closing, 参考来源 list.

    Args:
        draft: the draft to export.
        path: the .docx file to write (replaced when it exists).
        citations: "footnotes" (each [n] a Word footnote quoting its source) or "inline" ([n] kept as
            superscript text).

    Returns:
        The path written.

    Raises:
        ExportError: ``path`` cannot be written.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _new_document(draft.title)
    notes = _Footnotes(draft.citations) if citations == "footnotes" and draft.citations else None
    first: Any = None  # the document's first line, which the comment holding the draft's notes is on
    # A paragraph asked for alone (写一段…) is to be pasted into a text of the person's own: no title, opening,
    # headings or closing of a report around it.
    if not draft.paragraph:
        first = doc.add_paragraph(draft.title, style="Title")
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if draft.sent_to:  # 主送机关: flush left, above the text
            _body(doc, draft.sent_to, indent=False)
        _body(doc, draft.opening, notes=notes)  # the unit's basic facts in it carry their markers
    for i, part in enumerate(draft.sections):
        if not draft.paragraph:
            doc.add_paragraph(f"{section_number(i)}{part.heading}", style="Heading 1")
        for line in part.text.split("\n"):
            if line.strip():
                written = _body(doc, line.strip(), missing=line.startswith(MISSING_PREFIX), notes=notes)
                first = first if first is not None else written
    if not draft.paragraph:
        if draft.closing:
            _body(doc, draft.closing)
        for line in draft.signature:  # 署名 and 成文日期 right-aligned under the text…
            _body(doc, line, indent=False).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if draft.contact:  # …and a 附注 indented under them
            _body(doc, draft.contact)
    # The shortfall note is for the person drafting (page, CLI, API), not for the text handed in. The draft's
    # notes are its warnings (what was taken from a sample, what is flagged or left to fill in): one who
    # opens only the Word file must see them too, as a comment in the margin, outside the text handed in.
    if notes is not None:
        notes.attach(doc)
    if draft.notes and first is not None and first.runs:
        doc.add_comment(first.runs, text="\n".join(draft.notes), author=NOTES_AUTHOR, initials=NOTES_INITIALS)
    if draft.citations:
        doc.add_paragraph(SOURCES_TITLE, style="Heading 1")
        # Each source once, the passages quoted from it indented under it (`assistant.sources`).
        for head, quotes in source_entries(draft.citations):
            for line, indent in ((head, 0), *((q, 24) for q in quotes)):
                _small(doc, line, indent=indent)
    return _save(doc, path)


def _small(doc: Any, text: str, *, indent: int | None = None, highlight: bool = False) -> None:
    """A paragraph of the back matter (说明, 参考来源): small type, tight lines, ``indent`` points in when given."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    p = doc.add_paragraph()
    p.paragraph_format.line_spacing = Pt(20)
    if indent is not None:
        p.paragraph_format.left_indent = Pt(indent)
    run = p.add_run(text)
    run.font.size = Pt(12)
    if highlight:
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _new_document(title: str) -> Any:
    """An empty A4 document with the official-document fonts, sizes and margins set on its styles, and
    its file properties (文件 → 属性) its own: ``title``, no author, made now. python-docx's template
    would name "python-docx" as the author with a note in English, made in 2013."""
    from datetime import UTC, datetime

    from docx import Document as new_document
    from docx.shared import Cm, Pt, RGBColor

    doc = new_document()
    props = doc.core_properties
    now = datetime.now(UTC).replace(microsecond=0)
    props.title, props.author, props.comments, props.last_modified_by = title, "", "", ""
    props.created = props.modified = now
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    _page_numbers(section)

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
    return doc


def _page_numbers(section: Any) -> None:
    """The page number in the footer of every page, as GB/T 9704 sets it: 宋体 四号 Arabic figures between two
    dashes (— 1 —), centred; Word fills in the number (a PAGE field), so it stays right as the text is edited."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def run(text: str = "") -> Any:
        r = p.add_run(text)
        r.font.size = Pt(14)
        r.font.name = TITLE_FONT
        r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), TITLE_FONT)
        return r

    run("— ")
    for kind, code in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind is not None:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            r._element.append(field)
        elif code == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = code
            r._element.append(instr)
        else:
            r.text = code
    run(" —")


def _save(doc: Any, path: Path) -> Path:
    """Save ``doc`` to ``path`` through a temporary file, so a failed write leaves no half file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.partial")
        doc.save(str(tmp))
        os.replace(tmp, path)
    except OSError as exc:
        raise ExportError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    return path


def answers_to_markdown(title: str, answers: list[Answer]) -> str:
    """Answers (a conversation, or one answer) as Markdown: each question, the answer with its [n]
    markers, then its 参考来源 list."""
    lines = [f"# {title}", ""]
    for answer in answers:
        lines += [f"## 问：{answer.question}", ""]
        if answer.resolved:
            lines += [f"（按「{answer.resolved}」理解）", ""]
        lines += [answer.text, ""]
        lines += [f"- {note}" for note in answer.notes]
        if answer.notes:
            lines.append("")
        if answer.citations:
            lines += [f"**{SOURCES_TITLE}**", ""]
            lines += [f"- {head}" + "".join(f"\n  - {q}" for q in quotes) for head, quotes in source_entries(answer.citations)]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def answers_to_docx(title: str, answers: list[Answer], path: Path) -> Path:
    """Write answers as a .docx in the drafts' layout: the title, then per answer the question as a
    heading, the answer's paragraphs with each [n] a Word footnote quoting its source, its notes and its
    参考来源 list.

    Args:
        title: the document's title (the conversation's name).
        answers: the answers, each with its question and citations.
        path: the .docx file to write (replaced when it exists).

    Returns:
        The path written.

    Raises:
        ExportError: ``path`` cannot be written.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = _new_document(title)
    heading = doc.add_paragraph(title, style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    notes = _Footnotes(())
    for answer in answers:
        doc.add_paragraph(f"问：{answer.question}", style="Heading 1")
        if answer.resolved:
            _body(doc, f"（按「{answer.resolved}」理解）")
        notes.by_n = {c.n: c for c in answer.citations}  # each answer numbers its sources from [1]
        for line in answer.text.split("\n"):
            if line.strip():
                _body(doc, line.strip(), notes=notes)
        for note in answer.notes:
            _body(doc, note)
        if answer.citations:
            # Each answer's sources listed under it too, as in the Markdown and the drafts: the footnotes are
            # where a reader follows a marker, the list where one sees at a glance what the answer rests on.
            doc.add_paragraph(SOURCES_TITLE, style="Heading 2")
            for head, quotes in source_entries(answer.citations):
                for line, indent in ((head, 0), *((q, 24) for q in quotes)):
                    _small(doc, line, indent=indent)
    if notes.notes:
        notes.attach(doc)
    return _save(doc, path)


class _Footnotes:
    """The footnotes part of one document: one footnote per [n] occurrence in the body, quoting citation n."""

    def __init__(self, citations: tuple[Citation, ...]) -> None:
        self.by_n = {c.n: c for c in citations}
        self.notes: list[str] = []  # footnote text, footnote id = index + 1

    def reference(self, n: int) -> int | None:
        """A new footnote for citation ``n``; its id (None when no such citation)."""
        c = self.by_n.get(n)
        if c is None:
            return None
        self.notes.append(source_line(c, file=False).split(" ", 1)[1])  # without the leading [n] and the file
        return len(self.notes)

    def attach(self, doc: Any) -> None:
        """Add the footnotes part to the package and relate it to the main document part."""
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import XmlPart
        from docx.oxml import parse_xml

        part = XmlPart(PackURI(FOOTNOTES_PART), CT.WML_FOOTNOTES, parse_xml(footnotes_xml(self.notes)), doc.part.package)
        doc.part.relate_to(part, RT.FOOTNOTES)


def footnotes_xml(notes: list[str]) -> str:
    """``word/footnotes.xml``: the separator footnotes Word expects (ids -1, 0), then ``notes`` as ids 1..n."""
    from xml.sax.saxutils import escape

    items = [
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>',
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        "</w:footnote>",
    ]
    fonts = f'<w:rFonts w:ascii="{BODY_FONT}" w:hAnsi="{BODY_FONT}" w:eastAsia="{BODY_FONT}"/>'
    for i, text in enumerate(notes, 1):
        items.append(
            f'<w:footnote w:id="{i}"><w:p>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:rPr>{fonts}<w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> {escape(text)}</w:t></w:r>'
            "</w:p></w:footnote>"
        )
    return f'<w:footnotes xmlns:w="{_W_NS}">{"".join(items)}</w:footnotes>'


def _body(doc: Any, text: str, *, missing: bool = False, notes: _Footnotes | None = None, indent: bool = True) -> Any:
    """A body paragraph, with a two-character indent unless ``indent`` is False: [n] markers as footnote
    references (``notes``) or superscript runs, fill-in slots highlighted. Returns the paragraph."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(32)
    last = 0
    for m in MARKER.finditer(text):
        if m.start() > last:
            _text_runs(p, text[last : m.start()])
        numbers = [int(x) for x in re.findall(r"\d+", m.group(1))]
        ids = [notes.reference(n) for n in numbers] if notes is not None else []
        if notes is not None and all(i is not None for i in ids):
            for footnote_id in ids:
                _footnote_reference(p, footnote_id)
        else:
            p.add_run(m.group(0)).font.superscript = True
        last = m.end()
    if last < len(text):
        _text_runs(p, text[last:])
    if missing:
        for run in p.runs:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return p


def _text_runs(p: Any, text: str) -> None:
    """Runs of ``text``, each 【请填写：…】 slot its own highlighted run."""
    from docx.enum.text import WD_COLOR_INDEX

    last = 0
    for m in SLOT_PATTERN.finditer(text):
        if m.start() > last:
            p.add_run(text[last : m.start()])
        p.add_run(m.group(0)).font.highlight_color = WD_COLOR_INDEX.YELLOW
        last = m.end()
    if last < len(text):
        p.add_run(text[last:])


def _footnote_reference(p: Any, footnote_id: int | None) -> None:
    """A run holding ``w:footnoteReference`` (superscript, as Word's FootnoteReference style sets it)."""
    from docx.oxml import parse_xml

    run = p.add_run()
    run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{_W_NS}" w:id="{footnote_id}"/>'))
    run.font.superscript = True


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

