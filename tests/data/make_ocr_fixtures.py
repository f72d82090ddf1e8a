"""Generate the OCR fixtures in tests/data/ (deterministic; the outputs are committed).

Run: ``.venv/bin/python tests/data/make_ocr_fixtures.py``. Needs Pillow, reportlab and the CJK font
``fonts-wqy-microhei``. The text is real: paragraphs of the 自查报告 and of the 第三中学 report in
``data/``, laid out like a printed official document and rasterised like a black-and-white scan.

Writes:
    ocr_scanned.pdf  3 pages, images only (no text layer): the 自查报告 from its title on
    ocr_mixed.pdf    page 1 with a text layer (reportlab, STSong-Light), page 2 a scanned page
    ocr_columns.png  one two-column page with a title across both columns
    ocr_fixtures.json  the source text of every scanned page, one entry per drawn paragraph
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "data"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

DPI = 200
MM = DPI / 25.4
A4_PX = (round(210 * MM), round(297 * MM))
# Chinese typesetting keeps these off the start of a line (they stay at the end of the line before).
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)")

SELF_CHECK_TITLE = "关于小学实行校长负责制、学校党组织发挥政治核心作用”的自查报告"
REPORT_TITLE = "第三中学党组织领导下的校长负责制试点工作汇报材料"


def source_paragraphs() -> list[str]:
    """The non-empty lines of the saved report page in data/ (one paragraph each)."""
    (path,) = sorted(DATA.glob("*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def section(paragraphs: list[str], first: str, stop: str) -> list[str]:
    """Paragraphs from the one equal to ``first`` up to (not including) the first starting with ``stop``."""
    start = paragraphs.index(first)
    end = next(i for i in range(start + 1, len(paragraphs)) if paragraphs[i].startswith(stop))
    return paragraphs[start:end]


# --------------------------------------------------------------------------- layout


def _font(size_pt: float):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT), round(size_pt * DPI / 72))


def wrap(text: str, font, width: int, indent: int) -> list[str]:
    """Break a paragraph into lines of at most ``width`` pixels (the first line indented)."""
    lines: list[str] = []
    line = ""
    limit = width - indent
    for ch in text:
        if line and font.getlength(line + ch) > limit and ch not in _NO_LINE_START:
            lines.append(line)
            line, limit = "", width
        line += ch
    if line:
        lines.append(line)
    return lines


class Sheet:
    """Blank pages filled top to bottom with paragraphs; a paragraph may run onto the next page."""

    def __init__(self, size: tuple[int, int], margins: tuple[float, float, float, float], max_pages: int) -> None:
        self.size = size
        self.left, self.top, self.right, self.bottom = (round(m * MM) for m in margins)
        self.max_pages = max_pages
        self.pages: list = []
        self.texts: list[list[str]] = []
        self.y = 0
        self._new_page()

    def _new_page(self) -> bool:
        from PIL import Image, ImageDraw

        if len(self.pages) == self.max_pages:
            return False
        image = Image.new("L", self.size, 255)
        self.pages.append(image)
        self.draw = ImageDraw.Draw(image)
        self.texts.append([])
        self.y = self.top
        return True

    def paragraph(self, text: str, font, leading: float, *, center: bool = False, gap_after: float = 0) -> bool:
        """Draw one paragraph; False when the pages ran out (what did not fit is not recorded)."""
        width = self.size[0] - self.left - self.right
        em = round(font.size)
        indent = 0 if center else 2 * em
        step = round(leading * em)
        lines = wrap(text, font, width, indent)
        piece = ""
        for n, line in enumerate(lines):
            if self.y + step > self.size[1] - self.bottom:
                if piece:
                    self.texts[-1].append(piece)
                    piece = ""
                if not self._new_page():
                    return False
            x = self.left + (indent if n == 0 else 0)
            if center:
                x = self.left + round((width - font.getlength(line)) / 2)
            self.draw.text((x, self.y), line, fill=0, font=font)
            piece += line
            self.y += step
        self.texts[-1].append(piece)
        self.y += round(gap_after * em)
        return True

    def scans(self) -> list:
        """The pages as 1-bit images, like a black-and-white scan."""
        return [page.point(lambda v: 255 if v > 160 else 0).convert("1") for page in self.pages]


# --------------------------------------------------------------------------- fixtures


def write_scanned_pdf(paragraphs: list[str]) -> list[list[str]]:
    """ocr_scanned.pdf: the 自查报告 set in 14 pt over three A4 pages, saved as images only."""
    body = section(paragraphs, SELF_CHECK_TITLE, "四、")
    title_font, body_font = _font(18), _font(14)
    sheet = Sheet(A4_PX, (28, 30, 26, 30), max_pages=3)
    sheet.paragraph(body[0], title_font, 1.6, center=True, gap_after=0.8)
    for text in body[1:]:
        if not sheet.paragraph(text, body_font, 1.55):
            break
    _save_pdf(sheet.scans(), HERE / "ocr_scanned.pdf")
    return sheet.texts


def write_mixed_pdf(paragraphs: list[str]) -> dict[str, list[str]]:
    """ocr_mixed.pdf: page 1 has a text layer (the 第三中学 report), page 2 is a scan (工作思路)."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Frame, Paragraph

    rl_config.invariant = 1  # fixed dates and document id: the output is byte-identical on every run
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    report = section(paragraphs, REPORT_TITLE, "关于小学")
    intro = report[2]
    first_points = intro[: intro.index("三是")]  # 一是… and 二是…: one page of text
    text_page = [report[0], report[1], first_points]
    plan = section(paragraphs, "四、明年党支部的工作思路", "下载")

    sheet = Sheet(A4_PX, (28, 30, 26, 30), max_pages=1)
    for text in plan:
        if not sheet.paragraph(text, _font(14), 1.55):
            raise SystemExit("the scanned page of ocr_mixed.pdf overflows; shorten it")
    (scan,) = sheet.scans()

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setTitle(REPORT_TITLE)
    width, height = A4
    title = ParagraphStyle("title", fontName="STSong-Light", fontSize=16, leading=26, alignment=1)
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    story = [Paragraph(text_page[0], title), *(Paragraph(t, body) for t in text_page[1:])]
    frame = Frame(72, 72, width - 144, height - 144, showBoundary=0)
    frame.addFromList(story, c)
    if story:
        raise SystemExit("the text page of ocr_mixed.pdf overflows; shorten it")
    c.showPage()
    c.drawImage(ImageReader(_png_bytes(scan)), 0, 0, width, height)
    c.showPage()
    c.save()
    (HERE / "ocr_mixed.pdf").write_bytes(buf.getvalue())
    return {"text_page": text_page, "scanned_page": sheet.texts[0]}


def write_columns_png(paragraphs: list[str]) -> list[str]:
    """ocr_columns.png: a title across the top, then two columns read left column first."""
    from PIL import Image, ImageDraw

    report = section(paragraphs, REPORT_TITLE, "关于小学")
    points = [p for p in re.split(r"(?=[二三四]是)", report[2]) if p][1:4]  # 二是…三是…四是…
    title_font, body_font = _font(16), _font(11)
    size = (A4_PX[0], round(120 * MM))  # a half page: enough lines per column, less OCR time in tests
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    margin, gutter = round(20 * MM), round(12 * MM)
    title = report[0]
    draw.text(((size[0] - title_font.getlength(title)) / 2, margin), title, fill=0, font=title_font)
    column_width = (size[0] - 2 * margin - gutter) // 2
    em = round(body_font.size)
    step = round(1.5 * em)
    columns: list[list[str]] = [[], []]
    column, y = 0, margin + 3 * em
    top = y
    for text in points:
        lines = wrap(text, body_font, column_width, 2 * em)
        drawn = ""
        for n, line in enumerate(lines):
            if y + step > size[1] - margin:
                if column == 1:
                    break
                if drawn:
                    columns[column].append(drawn)
                    drawn = ""
                column, y = 1, top
            x = margin + column * (column_width + gutter) + (2 * em if n == 0 else 0)
            draw.text((x, y), line, fill=0, font=body_font)
            drawn += line
            y += step
        if drawn:
            columns[column].append(drawn)
        if y + step > size[1] - margin and column == 1:
            break
    scan = image.point(lambda v: 255 if v > 160 else 0).convert("1")
    (HERE / "ocr_columns.png").write_bytes(_png_bytes(scan).getvalue())
    return [title, *columns[0], *columns[1]]


def _png_bytes(image) -> io.BytesIO:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    buf.seek(0)
    return buf


def _save_pdf(pages: list, path: Path) -> None:
    """Pages as a PDF of images only; fixed dates so the bytes are the same on every run."""
    buf = io.BytesIO()
    pages[0].save(
        buf,
        format="PDF",
        save_all=True,
        append_images=pages[1:],
        resolution=DPI,
        title="",
        creationDate=None,
        modDate=None,
    )
    path.write_bytes(buf.getvalue())


def main() -> None:
    paragraphs = source_paragraphs()
    expected = {
        "dpi": DPI,
        "ocr_scanned.pdf": write_scanned_pdf(paragraphs),
        "ocr_mixed.pdf": write_mixed_pdf(paragraphs),
        "ocr_columns.png": write_columns_png(paragraphs),
    }
    (HERE / "ocr_fixtures.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for name in ("ocr_scanned.pdf", "ocr_mixed.pdf", "ocr_columns.png", "ocr_fixtures.json"):
        print(f"{name:20} {(HERE / name).stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
