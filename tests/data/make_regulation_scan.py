"""Generate ocr_regulation.pdf: the regulation in regulation.md, printed and scanned (deterministic).

Run: ``.venv/bin/python tests/data/make_regulation_scan.py``. Needs Pillow and ``fonts-wqy-microhei``
(see make_ocr_fixtures.py, whose page layout and scan look it shares). The text is the real
公共场所卫生管理条例 (regulation.md, from the bench laws: LawRefBook/Laws, official text, not subject
to copyright under Copyright Law art. 5), set the way regulations are printed: the
title centred, chapter headings centred with a full-width space between label and name
(第一章　总则), each article an indented paragraph whose label is followed by a full-width space
(第一条　为…). Like a real scan, the pages carry marks that are not text: a dot between a 、 and the
next character, twice. Each page has its number at the foot (— 1 —).

Writes:
    ocr_regulation.pdf   images only (no text layer)
"""

from __future__ import annotations

import re

from make_ocr_fixtures import A4_PX, HERE, Sheet, _font, _save_pdf

SOURCE = HERE / "regulation.md"
# Marks a scan picks up that are not text (article label -> where): a dot printed right after a 、.
DOT_AFTER = {"第七条": "痢疾、", "第十四条": "给予警告、"}


def printed_paragraphs() -> list[tuple[str, str]]:
    """(kind, text) of the regulation body: 'title', 'chapter' or 'body', labels spaced as printed."""
    out: list[tuple[str, str]] = []
    text = SOURCE.read_text(encoding="utf-8").split("<!-- INFO END -->")[1]
    title = SOURCE.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
    out.append(("title", title))
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("## "):
            out.append(("chapter", re.sub(r"^(第\S+章)\s+", "\\1\u3000", line[3:])))
        else:
            out.append(("body", re.sub(r"^(第\S+?条)\s+", "\\1\u3000", line)))
    return out


def main() -> None:
    from PIL import ImageDraw

    title_font, head_font, body_font = _font(18), _font(14), _font(12)
    sheet = Sheet(A4_PX, (25, 28, 25, 28), max_pages=6)
    em = round(body_font.size)
    for kind, text in printed_paragraphs():
        if kind == "title":
            sheet.paragraph(text, title_font, 1.6, center=True, gap_after=0.8)
        elif kind == "chapter":
            sheet.y += em // 2
            sheet.paragraph(text, head_font, 1.6, center=True, gap_after=0.2)
        else:
            label = text.split("\u3000")[0]
            if label in DOT_AFTER:
                text = text.replace(DOT_AFTER[label], DOT_AFTER[label] + "\u00b7", 1)
            sheet.paragraph(text, body_font, 1.55)
    for number, page in enumerate(sheet.pages, start=1):  # a page number at the foot, as official documents print it
        folio = f"— {number} —"
        x = (A4_PX[0] - body_font.getlength(folio)) / 2
        ImageDraw.Draw(page).text((x, A4_PX[1] - sheet.bottom + 2 * em), folio, fill=0, font=body_font)
    _save_pdf(sheet.scans(), HERE / "ocr_regulation.pdf")
    print(f"ocr_regulation.pdf {len(sheet.pages)} pages {(HERE / 'ocr_regulation.pdf').stat().st_size} bytes")


if __name__ == "__main__":
    main()
