"""Hostile input is refused or bounded before the expensive step; every limit is a setting.

Each hostile file is built here in tmp_path, the shape of one that was measured on the product:
a one-page PDF of 14400 pt square (10 GB to render for OCR), 200 pages of drawn bars (every page
to OCR), one 87,000-character line without punctuation (16 s in one regex), web pages nested
10,000 deep (a minute), a .docx that unpacks to tens of MB of XML. Time bounds are loose and only
where the defect was time itself; the rest asserts structure.
"""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from ingest.chunk import chunk_document
from ingest.clean import chrome_families, clean_lines, cut_spans, normalise_lines
from ingest.config import ChunkSettings, IngestSettings, OcrSettings
from ingest.errors import IngestError
from ingest.load import load_file
from ingest.ocr import OcrProvider, image_frame_count, load_image, render_pdf_page, render_scale
from ingest.split import split_documents
from ingest.types import LoadedFile, PageText

FIXTURES = Path(__file__).resolve().parent / "data"
MB = 1024 * 1024
# 5,000 different CJK characters (all ``\w``, no punctuation), cycled: a "text" with no sentence end.
CJK = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(5000))


def _run(n: int) -> str:
    return (CJK * (n // len(CJK) + 1))[:n]


def _refused(path: Path, **kwargs) -> str:
    with pytest.raises(IngestError) as info:
        load_file(path, **kwargs)
    assert info.value.file == str(path)
    return info.value.reason


class _NoOcr:
    """An OCR provider whose engine must never load: refusals come before the first page is read."""

    def __init__(self) -> None:
        self.provider = OcrProvider(None, engine_factory=self._never)
        self.progress: list[tuple[int, int]] = []

    @staticmethod
    def _never():  # type: ignore[no-untyped-def]
        raise AssertionError("the OCR engine must not be loaded")

    def kwargs(self) -> dict:
        return {"ocr_engine": self.provider, "on_ocr_page": lambda done, total: self.progress.append((done, total))}


# ----------------------------------------------------------------------------- settings


def test_every_limit_is_a_described_setting_with_a_default() -> None:
    ingest = IngestSettings.model_fields
    ocr = OcrSettings.model_fields
    names = {
        "max_chars", "max_line_chars", "max_pdf_pages", "max_page_m2", "html_max_depth", "html_max_elements",
        "docx_max_xml_mb", "docx_max_unpacked_mb",
    }  # fmt: skip
    assert names <= set(ingest)
    assert {"max_pages", "max_pixels"} <= set(ocr)
    for field in [*(ingest[n] for n in names), ocr["max_pages"], ocr["max_pixels"]]:
        assert field.description and field.default is not None


# ----------------------------------------------------------------------------- PDF


def _raw_pdf(page_boxes: list[tuple[float, float]]) -> bytes:
    """A minimal valid PDF of blank pages with these MediaBox sizes (points); no content, no text."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(len(page_boxes)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {len(page_boxes)} >>".encode()]
    objects += [f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:g} {h:g}] >>".encode() for w, h in page_boxes]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_a_tiny_pdf_with_a_14400_pt_page_is_refused_by_area_before_rendering(tmp_path: Path) -> None:
    pdf = tmp_path / "巨幅.pdf"
    pdf.write_bytes(_raw_pdf([(14400, 14400)]))
    assert pdf.stat().st_size < 500
    no_ocr = _NoOcr()
    reason = _refused(pdf, ocr=OcrSettings(), **no_ocr.kwargs())
    assert reason == "PDF 第 1 页幅面过大（5.08×5.08 米，25.8 平方米），超过上限 4 平方米（A0 纸为 1 平方米）"
    assert no_ocr.progress == [] and no_ocr.provider.engine_loads == 0
    # A0 itself (841 x 1189 mm) and A4 pass the area check.
    a0 = tmp_path / "a0.pdf"
    a0.write_bytes(_raw_pdf([(595, 842), (2384, 3370)]))
    assert "幅面过大" not in _refused(a0, ocr=OcrSettings(enabled=False))


def test_the_page_area_limit_is_a_setting(tmp_path: Path) -> None:
    pdf = tmp_path / "a0.pdf"
    pdf.write_bytes(_raw_pdf([(595, 842), (2384, 3370)]))
    reason = _refused(pdf, ocr=OcrSettings(enabled=False), limits=IngestSettings(max_page_m2=0.5))
    assert reason.startswith("PDF 第 2 页幅面过大（0.84×1.19 米，1.0 平方米），超过上限 0.5 平方米")


def test_render_scale_keeps_the_dpi_for_office_pages_and_caps_the_pixels_of_huge_ones() -> None:
    assert render_scale(595, 842, 150, 40_000_000) == pytest.approx(150 / 72)
    for width, height, limit in [(14400, 14400, 40_000_000), (14400, 300, 1_000_000), (3000.5, 7000.25, 2_000_000)]:
        scale = render_scale(width, height, 150, limit)
        pixels = -(-width * scale // 1) * -(-height * scale // 1)  # ceilings, as pdfium sizes the bitmap
        assert pixels <= limit
        assert pixels >= 0.98 * limit  # scaled down to the limit, not far below it


def test_a_huge_page_renders_for_ocr_within_the_pixel_limit(tmp_path: Path) -> None:
    pdf = tmp_path / "huge.pdf"
    pdf.write_bytes(_raw_pdf([(14400, 14400)]))
    image = render_pdf_page(pdf, 1, 150, max_pixels=4_000_000)
    assert image.width * image.height <= 4_000_000
    assert image.width == image.height > 1900


def test_rendering_the_huge_page_at_the_default_limit_stays_far_below_a_gigabyte(tmp_path: Path) -> None:
    # Rendered in a child process so its peak memory is its own: VmHWM belongs to the child's own
    # address space (ru_maxrss would carry over the forking pytest process's peak through exec).
    # Before the pixel cap this page took 10 GB at 150 dpi.
    pdf = tmp_path / "huge.pdf"
    pdf.write_bytes(_raw_pdf([(14400, 14400)]))
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from ingest.ocr import render_pdf_page
        image = render_pdf_page(Path({str(pdf)!r}), 1, 150)
        peak = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
        print(image.width * image.height, peak)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300)
    pixels, peak_kb = map(int, out.stdout.split())
    assert pixels <= OcrSettings().max_pixels
    assert peak_kb < 600 * 1024, f"peak {peak_kb / 1024:.0f} MB"


def _bars_pdf(path: Path, pages: int) -> None:
    """Pages of drawn bars: no text layer, so every page would need OCR."""
    from reportlab.pdfgen import canvas

    drawing = canvas.Canvas(str(path))
    for page in range(pages):
        for i in range(40):
            drawing.rect(50 + i * 12, 100, 8, 50 + (i * 37 + page * 11) % 500, fill=1)
        drawing.showPage()
    drawing.save()


def test_a_pdf_with_more_scanned_pages_than_the_ocr_limit_is_refused_before_any_ocr(tmp_path: Path) -> None:
    pdf = tmp_path / "柱状图.pdf"
    _bars_pdf(pdf, 200)
    no_ocr = _NoOcr()
    t0 = time.perf_counter()
    reason = _refused(pdf, ocr=OcrSettings(), **no_ocr.kwargs())
    elapsed = time.perf_counter() - t0
    assert reason == "需要 OCR 识别的扫描页过多（200 页没有文字层），超过单个文件上限 100 页，请拆分文件后再导入"
    assert no_ocr.progress == [] and no_ocr.provider.engine_loads == 0
    assert elapsed < 60  # text layers only; it used to OCR all 200 pages (over two minutes)


def test_the_ocr_page_limit_is_a_setting(tmp_path: Path) -> None:
    pdf = tmp_path / "bars.pdf"
    _bars_pdf(pdf, 4)
    no_ocr = _NoOcr()
    reason = _refused(pdf, ocr=OcrSettings(max_pages=3), **no_ocr.kwargs())
    assert "4 页没有文字层" in reason and "上限 3 页" in reason
    assert no_ocr.provider.engine_loads == 0


def test_a_pdf_over_the_page_limit_is_refused_by_count(tmp_path: Path) -> None:
    pdf = tmp_path / "pages.pdf"
    pdf.write_bytes(_raw_pdf([(595, 842)] * 5))
    no_ocr = _NoOcr()
    reason = _refused(pdf, ocr=OcrSettings(), limits=IngestSettings(max_pdf_pages=4), **no_ocr.kwargs())
    assert reason == "PDF 页数过多（5 页），超过上限 4 页"
    assert no_ocr.provider.engine_loads == 0


def test_a_pdf_over_the_character_limit_is_refused_while_its_pages_are_read(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "text.pdf"
    drawing = canvas.Canvas(str(pdf))
    for _ in range(10):
        for row in range(40):
            drawing.drawString(50, 800 - row * 18, "The quick brown fox jumps over the lazy dog " * 2)
        drawing.showPage()
    drawing.save()
    reason = _refused(pdf, ocr=OcrSettings(enabled=False), limits=IngestSettings(max_chars=5000))
    assert reason.startswith("文字过多（已读出 ") and "尚未读完），超过单个文件上限 5,000 字" in reason


# ----------------------------------------------------------------------------- images


def _png_header_only(path: Path, width: int, height: int) -> None:
    """A PNG whose header declares width x height over a few bytes of (invalid) image data."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


def test_an_image_over_the_pixel_limit_is_refused_from_its_header(tmp_path: Path) -> None:
    # The data is a few bytes: decoding would fail as "damaged"; the size check comes first.
    image = tmp_path / "扫描.png"
    _png_header_only(image, 8000, 8000)
    no_ocr = _NoOcr()
    reason = _refused(image, ocr=OcrSettings(), **no_ocr.kwargs())
    assert reason == "图片像素过多（8000×8000，约 6400 万像素），超过上限 4000 万像素，请降低分辨率后再导入"
    assert no_ocr.provider.engine_loads == 0
    # Past Pillow's own bomb limit (2 x MAX_IMAGE_PIXELS) the image does not even open.
    _png_header_only(image, 20000, 20000)
    assert "超过图像库的安全上限" in _refused(image, ocr=OcrSettings(), **no_ocr.kwargs())


def test_a_jpeg_over_the_pixel_limit_is_decoded_at_a_reduced_size(tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (3000, 2000), "white").save(photo, quality=80)
    reduced = load_image(photo, max_pixels=1_000_000)
    assert (reduced.width, reduced.height) == (750, 500)  # 1/4: 1/2 would still be 1.5 million
    assert load_image(photo, max_pixels=6_000_000).size == (3000, 2000)
    png = tmp_path / "scan.png"
    Image.new("L", (3000, 2000), 255).save(png)
    with pytest.raises(IngestError, match="3000×2000"):
        load_image(png, max_pixels=1_000_000)


def test_a_tiff_with_more_frames_than_the_ocr_limit_is_refused_before_any_ocr(tmp_path: Path) -> None:
    from PIL import Image

    tiff = tmp_path / "多页.tif"
    frames = [Image.new("L", (64, 64), 255) for _ in range(6)]
    frames[0].save(tiff, save_all=True, append_images=frames[1:])
    assert image_frame_count(tiff) == 6
    assert image_frame_count(tiff, limit=3) == 4  # counting stops past the limit
    no_ocr = _NoOcr()
    reason = _refused(tiff, ocr=OcrSettings(max_pages=5), **no_ocr.kwargs())
    assert reason == "图片页数过多（多于 5 页），每页都需要 OCR 识别，超过单个文件上限 5 页"
    assert no_ocr.progress == [] and no_ocr.provider.engine_loads == 0


# ----------------------------------------------------------------------------- text, cleaning and chunking


def test_chrome_patterns_are_linear_on_a_long_run_without_punctuation() -> None:
    # The e-mail pattern ([\w.+-]+@…) took 16.5 s on 87,000 such characters, growing with the square.
    line = _run(300_000)
    t0 = time.perf_counter()
    assert chrome_families(line) == set()
    assert chrome_families("." * 200_000 + "x") == set()
    assert chrome_families("字号" + "\u2003" * 100_000 + "x") == set()
    assert time.perf_counter() - t0 < 5


def test_rewritten_patterns_still_find_what_they_found() -> None:
    assert "contact" in chrome_families("投稿请发邮件至编辑部邮箱 news.office@edu.gov.cn 联系")
    assert "contact" not in chrome_families("会议纪要@全体同事")
    assert "meta" in chrome_families("字号： 大 中 小")
    assert "meta" in chrome_families("字号大中小")
    lines = normalise_lines((PageText(None, "## 第一章 总则 ##\n正文<!-- 注释 -->继续\n<!-- 未闭合"),))
    assert [(ln.text, ln.heading_level) for ln in lines] == [
        ("第一章 总则", 2),
        ("正文", None),
        ("继续", None),
        ("<!-- 未闭合", None),
    ]
    teaser = "关于做好2024年暑期学生安全教育工作的通知各学校要高度重视..."
    kept = clean_lines((PageText(None, "关于开展安全检查的通知\n各学校：请认真落实。\n" + teaser),))
    assert [ln.text for ln in kept] == ["关于开展安全检查的通知", "各学校：请认真落实。"]


def test_cut_spans_cuts_at_sentence_ends_then_commas_then_hard() -> None:
    text = "第一句话写完了。第二句还没有写完，后面是很长的一段没有任何标点的文字" + "字" * 100
    spans = cut_spans(text, 0, len(text), 40)
    pieces = [text[a:b] for a, b in spans]
    assert pieces[0] == "第一句话写完了。"
    assert pieces[1] == "第二句还没有写完，"
    assert all(len(p) <= 40 for p in pieces)
    assert "".join(pieces) == text
    quoted = "他说：“到此为止。”" + "字" * 50
    assert quoted[: cut_spans(quoted, 0, len(quoted), 30)[0][1]] == "他说：“到此为止。”"  # the closing quote stays
    spaced = "word " * 30
    assert all(len(spaced[a:b]) <= 12 and not spaced[a:b].endswith(" ") for a, b in cut_spans(spaced, 0, 150, 12))


def test_an_overlong_line_is_cut_into_lines_within_the_limit() -> None:
    line = ("这是一句完整的话。" * 600) + _run(9000)
    lines = normalise_lines((PageText(None, "# 标题\n" + line),), max_line_chars=4000)
    assert lines[0].text == "标题" and lines[0].heading_level == 1
    body = [ln.text for ln in lines[1:]]
    assert all(len(t) <= 4000 for t in body)
    assert "".join(body) == line
    assert body[0].endswith("。")  # the sentences are cut at a sentence end, the run hard


def test_a_five_megabyte_line_without_punctuation_loads_and_chunks_within_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "一行.txt"
    path.write_text(_run(5 * MB // 3), encoding="utf-8")
    assert path.stat().st_size >= 5 * MB - 3
    settings = ChunkSettings()
    t0 = time.perf_counter()
    documents = split_documents(load_file(path))
    chunks = [c for d in documents for c in chunk_document(d, settings)]
    elapsed = time.perf_counter() - t0
    assert max(len(c.text) for c in chunks) <= settings.max_chars
    assert "".join(c.text for c in chunks).replace("\n", "") == path.read_text(encoding="utf-8")
    assert all(c.text == documents[0].text[c.start : c.end] for c in chunks[:200])
    assert elapsed < 120, f"{elapsed:.1f} s"  # a 256 KB line took 21 s; this is 20 times longer


def test_a_long_sentence_is_chunked_within_max_chars_at_commas() -> None:
    clause = "各级各类学校要结合实际认真组织开展专题学习和安全隐患排查整治工作，"
    title = "关于加强学校安全工作的通知"
    documents = split_documents(LoadedFile("通知.txt", "txt", (PageText(None, f"{title}\n{clause * 60}确保师生安全。"),)))
    settings = ChunkSettings()
    body = [c.text for d in documents for c in chunk_document(d, settings) if c.text != title]
    assert len(body) > 3
    assert all(len(text) <= settings.max_chars for text in body)
    assert all(text.endswith(("，", "。")) for text in body)


def test_a_text_file_over_the_character_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "长文.txt"
    path.write_text("这是正文。" * 400, encoding="utf-8")
    assert _refused(path, limits=IngestSettings(max_chars=1000)) == "文字过多（2,000 字），超过单个文件上限 1,000 字"
    assert load_file(path).pages[0].text.startswith("这是正文。")


# ----------------------------------------------------------------------------- HTML


def _nested_html(depth: int) -> str:
    return (
        "<html><head><title>通知</title></head><body>"
        + "<div>" * depth
        + "<p>各学校要认真做好安全工作，确保师生平安。</p>"
        + "</div>" * depth
        + "</body></html>"
    )


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_a_page_nested_deeper_than_the_limit_is_refused_before_its_tree_is_built(tmp_path: Path, depth: int) -> None:
    page = tmp_path / "深.html"
    page.write_text(_nested_html(depth), encoding="utf-8")
    t0 = time.perf_counter()
    reason = _refused(page)
    assert reason == "网页结构嵌套过深（超过 500 层），不像正常网页，可能是异常或恶意构造的文件，已拒绝读取"
    assert time.perf_counter() - t0 < 20  # 10,000 levels took a minute to read; 200,000 never finished


def test_unclosed_inline_tags_count_as_nesting_as_in_the_tree(tmp_path: Path) -> None:
    page = tmp_path / "font.html"
    page.write_text("<html><body>" + "<font>正文内容" * 40 + "</body></html>", encoding="utf-8")
    assert "嵌套过深（超过 32 层）" in _refused(page, limits=IngestSettings(html_max_depth=32))
    assert "正文内容" in load_file(page).pages[0].text


def test_a_page_with_more_elements_than_the_limit_is_refused_before_its_tree_is_built(tmp_path: Path) -> None:
    page = tmp_path / "标签.html"
    page.write_text("<html><body><p>各学校要认真做好安全工作。</p>" + "<b></b>" * 2000 + "</body></html>", encoding="utf-8")
    assert _refused(page, limits=IngestSettings(html_max_elements=1000)) == "网页元素过多（超过 1,000 个标签），超过上限，已拒绝读取"
    assert load_file(page).pages[0].text == "各学校要认真做好安全工作。"


def test_a_page_just_under_a_raised_depth_limit_reads_without_recursion(tmp_path: Path) -> None:
    # 1,500 levels is past Python's recursion limit: the tree walks must not recurse per level.
    page = tmp_path / "深但允许.html"
    page.write_text(_nested_html(1500), encoding="utf-8")
    text = load_file(page, limits=IngestSettings(html_max_depth=1600)).pages[0].text
    assert text == "各学校要认真做好安全工作，确保师生平安。"


# ----------------------------------------------------------------------------- DOCX


def _docx_with(document_xml_body: str, extra: dict[str, bytes] | None = None) -> bytes:
    """tests/data/notice.docx with its body replaced and extra parts added."""
    source = zipfile.ZipFile(FIXTURES / "notice.docx")
    xml = source.read("word/document.xml").decode("utf-8")
    head, rest = xml.split("<w:body>", 1)
    tail = rest[rest.index("<w:sectPr") :]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                out.writestr(info.filename, head + "<w:body>" + document_xml_body + tail)
            else:
                out.writestr(info, source.read(info.filename))
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return buffer.getvalue()


def _paragraphs(count: int, text: str = "第一条为了规范管理制定本办法") -> str:
    return ("<w:p><w:r><w:t>" + text * 20 + "</w:t></w:r></w:p>") * count


def test_a_docx_whose_xml_unpacks_over_the_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    # The XML is cut off mid-element: had it been parsed, the reason would be a damaged document.
    body = _paragraphs(3000)
    broken = _docx_with(body[: len(body) // 2 + 7])  # inside a paragraph
    path = tmp_path / "炸弹.docx"
    path.write_bytes(broken)
    assert path.stat().st_size < 1.3 * MB / 10
    reason = _refused(path, limits=IngestSettings(docx_max_xml_mb=1))
    assert reason.startswith("Word 文档解压后的文字结构（XML）过大（") and "超过上限 1.0 MB，可能是压缩炸弹" in reason
    assert "不是有效的 Word 文档" in _refused(path)  # under the default the parser sees the damage


def test_a_docx_whose_parts_unpack_over_the_total_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "图片炸弹.docx"
    path.write_bytes(_docx_with(_paragraphs(1), {"word/media/image1.png": b"\0" * (3 * MB)}))
    reason = _refused(path, limits=IngestSettings(docx_max_unpacked_mb=2))
    assert reason.startswith("Word 文档解压后过大（3.") and "超过上限 2.0 MB" in reason


def test_a_docx_over_the_character_limit_is_refused_while_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "长.docx"
    path.write_bytes(_docx_with(_paragraphs(100)))
    reason = _refused(path, limits=IngestSettings(max_chars=10_000))
    assert reason.startswith("文字过多（已读出 ") and "超过单个文件上限 10,000 字" in reason
    assert len(load_file(path).pages[0].text) > 10_000
