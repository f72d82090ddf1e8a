"""Test documents: a one-table PDF with a paragraph of body text on each side, drawn with reportlab."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def write_table_pdf(
    path: Path,
    title: str,
    rows: Sequence[Sequence[str]],
    before: str,
    after: str,
    *,
    header_rows: int = 1,
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
) -> None:
    """Write ``path``: ``title``, ``before``, a gridded table of ``rows`` (its first ``header_rows`` repeated on
    every page; ``spans`` are merged cells as reportlab's ``(col, row)`` corners), then ``after``."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if not FONT.exists():
        pytest.skip("未找到文泉驿微米黑字体（apt-get install fonts-wqy-microhei）")
    rl_config.invariant = 1
    pdfmetrics.registerFont(TTFont("wqy", str(FONT), subfontIndex=0))
    style = ParagraphStyle("body", fontName="wqy", fontSize=11, leading=16)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title)
    table = Table([list(r) for r in rows], repeatRows=header_rows)
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), "wqy"),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
    ]
    commands += [("SPAN", a, b) for a, b in spans]
    table.setStyle(TableStyle(commands))
    body = [Paragraph(title, style), Paragraph(before, style), Spacer(1, 12), table, Spacer(1, 12), Paragraph(after, style)]
    doc.build(body)
    path.write_bytes(buf.getvalue())
