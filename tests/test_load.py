"""Loaders on real fixture files (tests/data/, made by make_fixtures.py) and on files built in tmp_path."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

import ingest.loaders.image as image_loader
from ingest.config import OcrSettings
from ingest.errors import IngestError
from ingest.load import load_file
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.loaders.encoding import decode_text
from ingest.loaders.pdf import join_wrapped_lines
from ingest.types import PageText
from ingest.walk import iter_files

FIXTURES = Path(__file__).resolve().parent / "data"


def _text(path: Path, **kwargs) -> str:
    loaded = load_file(path, **kwargs)
    assert len(loaded.pages) == 1 and loaded.pages[0].number is None
    return loaded.pages[0].text


def _error(path: Path, **kwargs) -> IngestError:
    with pytest.raises(IngestError) as info:
        load_file(path, **kwargs)
    assert path.name in str(info.value)
    return info.value


# ----------------------------------------------------------------------------- text encodings


def test_gbk_text_with_windows_newlines():
    loaded = load_file(FIXTURES / "gbk.txt")
    text = loaded.pages[0].text
    assert loaded.kind == "txt" and loaded.source == str(FIXTURES / "gbk.txt")
    assert "\r" not in text
    assert text.startswith("关于加强校园安全管理工作的通知\n\n各中小学校、幼儿园：\n")
    assert "\n一、提高思想认识\n（一）压实主体责任。各校校长是校园安全第一责任人" in text
    assert "联系人：王喆，电话：010-12345678。" in text  # 喆 is GBK, not GB2312


def test_utf16_text_with_bom():
    text = _text(FIXTURES / "utf16.txt")
    assert text.startswith("教师培训工作实施方案\n\n为提升教师专业素养")
    assert "\ufeff" not in text and "\r" not in text
    assert "（二）课堂教学能力提升。\n\n三、考核方式\n" in text


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_text_with_and_without_bom(tmp_path, bom):
    path = tmp_path / "note.txt"
    path.write_bytes(bom + "第一行内容。\r\n第二行内容。\r第三行".encode())
    assert _text(path) == "第一行内容。\n第二行内容。\n第三行"


def test_mixed_encodings_decode_line_by_line():
    text = _text(FIXTURES / "mixed.txt")
    assert text == "第一部分用UTF-8编码保存。\n这里记录会议的基本情况。\n第二部分用GBK编码保存。\n这里记录会议的主要决定。\n"


def test_line_in_no_known_encoding_is_an_error_not_mojibake(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("第一行是UTF-8中文。\n".encode() + b"\x81\x20\xff\xfe\x81\n")
    error = _error(path)
    assert "第 2 行" in error.reason


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("通知", "gbk"),  # GBK bytes that are also valid UTF-8
        ("关于印发《实施方案》的通知", "gbk"),
        ("生僻字𠀀与欧元符号€", "gb18030"),
        ("關於加強校園安全管理工作的通知，請各校落實。各級學校應當建立健全安全管理制度。", "big5"),
        ("关于加强校园安全管理工作的通知\n各学校：请落实。", "utf-16-le"),
        ("Ελληνικά κείμενο", "utf-8"),
        ("café résumé", "utf-8"),
    ],
)
def test_decode_text_detects_encoding(text, encoding):
    assert decode_text(text.encode(encoding), "x.txt") == text


def test_undetectable_bytes_raise():
    with pytest.raises(IngestError, match="无法识别文件编码"):
        decode_text("café au lait".encode("latin-1"), "x.txt")


def test_binary_content_under_text_suffix(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes((FIXTURES / "report.pdf").read_bytes())
    assert "看起来是PDF 文件" in _error(path).reason


def test_markdown_keeps_headings_and_takes_title(tmp_path):
    path = tmp_path / "law.md"
    path.write_text("前言一句。\n\n# 中华人民共和国示范法\n\n## 第一章 总则\n\n第一条 为了示范，制定本法。\n", "utf-8")
    loaded = load_file(path)
    assert loaded.kind == "md"
    assert loaded.title_hint == "中华人民共和国示范法"
    assert "\n## 第一章 总则\n" in loaded.pages[0].text


def test_markdown_without_level_one_heading_has_no_title(tmp_path):
    path = tmp_path / "notes.markdown"
    path.write_text("## 第一章 总则\n正文。\n", "utf-8")
    loaded = load_file(path)
    assert loaded.kind == "md" and loaded.title_hint is None


# ----------------------------------------------------------------------------- HTML


def test_html_keeps_article_and_drops_boilerplate():
    loaded = load_file(FIXTURES / "page.html")  # GBK bytes declared as gb2312
    text = loaded.pages[0].text
    assert loaded.kind == "html"
    assert loaded.title_hint == "关于做好2024年春季学期开学工作的通知"
    lines = text.split("\n")
    assert lines[0] == "# 关于做好2024年春季学期开学工作的通知"
    assert "## 一、做好开学准备" in lines
    assert "### （一）物资储备" in lines
    # a source line break between Chinese characters is not a paragraph break or a space
    assert "为确保2024年春季学期开学工作平稳有序，现将有关事项通知如下。" in lines
    assert lines.index("## 一、做好开学准备") < lines.index("## 二、加强疫情和传染病防控")
    assert "附件：开学工作检查表" in lines
    for boilerplate in [
        "首页", "机构概况", "当前位置", "相关推荐", "2023年秋季", "版权所有", "备案号", "联系我们",
        "网站地图", "统计", "站内搜索", "分享到", "float",
    ]:  # fmt: skip
        assert boilerplate not in text, boilerplate


def test_html_without_article_picks_densest_block(tmp_path):
    links = "".join(f'<li><a href="/{i}">栏目链接名称第{i}项</a></li>' for i in range(30))
    html = f"""<html><head><meta charset="utf-8"><title>工作动态 - 某市人民政府</title></head><body>
    <div id="a"><ul>{links}</ul></div>
    <div id="b"><div class="t">市政府召开常务会议</div>
      <p>会议研究部署了下一阶段经济社会发展重点工作，要求各部门狠抓落实。</p>
      <p>会议强调，要坚持稳中求进工作总基调，切实做好民生保障工作。</p></div>
    <div id="c">地址：某市某路1号</div></body></html>"""
    path = tmp_path / "news.htm"
    path.write_text(html, "utf-8")
    loaded = load_file(path)
    assert loaded.title_hint == "工作动态"
    assert loaded.pages[0].text.split("\n") == [
        "市政府召开常务会议",
        "会议研究部署了下一阶段经济社会发展重点工作，要求各部门狠抓落实。",
        "会议强调，要坚持稳中求进工作总基调，切实做好民生保障工作。",
    ]


def test_html_title_skips_logo_heading_in_site_header(tmp_path):
    html = """<html><head><meta charset="utf-8"><title>某区教育局 - 关于开展校园安全检查工作的通知</title></head>
    <body><header><h1 class="logo">某区教育局</h1></header>
    <div class="main"><p>各学校要按照要求认真开展自查，发现问题及时整改。</p></div></body></html>"""
    path = tmp_path / "logo.html"
    path.write_text(html, "utf-8")
    loaded = load_file(path)
    assert loaded.title_hint == "关于开展校园安全检查工作的通知"
    assert loaded.pages[0].text == "各学校要按照要求认真开展自查，发现问题及时整改。"


def test_html_data_table_rows_and_undeclared_encoding(tmp_path):
    html = """<html><body><article><h2>报名情况</h2>
    <table><tr><th>学校</th><th>人数</th></tr><tr><td>第一中学</td><td>120</td></tr></table>
    <p>以上数据截至三月底。</p></article></body></html>"""
    path = tmp_path / "table.html"
    path.write_bytes(html.encode("gbk"))  # no <meta charset>: detected
    loaded = load_file(path)
    assert loaded.pages[0].text.split("\n") == ["## 报名情况", "学校：第一中学；人数：120", "以上数据截至三月底。"]
    assert loaded.records == {"学校：第一中学；人数：120"}


def test_html_wrong_charset_declaration_falls_back_to_detection(tmp_path):
    path = tmp_path / "wrong.html"
    path.write_bytes('<meta charset="utf-8"><p>各区县教育局：请认真落实。</p>'.encode("gbk"))
    assert _text(path) == "各区县教育局：请认真落实。"


def test_html_without_text_is_an_error(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><body><script>var a = '正文';</script></body></html>", "utf-8")
    assert "没有找到正文" in _error(path).reason


# ----------------------------------------------------------------------------- PDF


def test_pdf_pages_numbers_and_joined_lines():
    expected = json.loads((FIXTURES / "report.json").read_text("utf-8"))
    loaded = load_file(FIXTURES / "report.pdf")
    assert loaded.kind == "pdf"
    assert loaded.title_hint == expected["title"]
    assert [p.number for p in loaded.pages] == [1, 2, 3]
    for page, want in zip(loaded.pages, expected["pages"], strict=True):
        assert page.text.split("\n") == want["lines"]
        assert page.ocr is False


def test_pdf_blank_page_is_skipped_and_numbers_stay_true(tmp_path):
    writer = PdfWriter(clone_from=PdfReader(FIXTURES / "report.pdf"))
    writer.insert_blank_page(index=1)
    path = tmp_path / "with_blank.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    loaded = load_file(path)
    assert [p.number for p in loaded.pages] == [1, 3, 4]
    assert loaded.pages[1].text.startswith("二、存在的主要问题\n")


def test_pdf_with_empty_user_password_is_read(tmp_path):
    writer = PdfWriter(clone_from=PdfReader(FIXTURES / "report.pdf"))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "restricted.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert [p.number for p in load_file(path).pages] == [1, 2, 3]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("encrypted.pdf", "文件已加密，无法读取"),
        ("junk.pdf", "不是有效的 PDF 文件"),
        ("truncated.pdf", "PDF 文件不完整"),
        ("scanned.pdf", "PDF 没有文字层（扫描件），需要 OCR 识别"),
        ("empty.txt", "文件为空"),
        ("fake.docx", "不是有效的 Word 文档（.docx）"),
    ],
)
def test_bad_fixture_files_raise_with_name_and_reason(name, reason):
    error = _error(FIXTURES / name)
    assert reason in error.reason
    assert error.file == str(FIXTURES / name)


def test_ocr_hook_fills_scanned_pages(monkeypatch):
    calls = []

    def fake_ocr(path, page, ocr, engine):
        calls.append((path.name, page, ocr.dpi))
        return PageText(page, "关于开展校园安全检查的通知", ocr=True, ocr_confidence=0.9)

    monkeypatch.setattr(image_loader, "ocr_page", fake_ocr)
    loaded = load_file(FIXTURES / "scanned.pdf", OcrSettings(dpi=150))
    assert calls == [("scanned.pdf", 1, 150)]
    assert loaded.pages == (PageText(1, "关于开展校园安全检查的通知", ocr=True, ocr_confidence=0.9),)


def test_ocr_hook_not_called_when_disabled_or_text_layer_present(monkeypatch):
    def no_ocr(path, page, ocr, engine):
        raise AssertionError("OCR must not run")

    monkeypatch.setattr(image_loader, "ocr_page", no_ocr)
    load_file(FIXTURES / "report.pdf", OcrSettings())
    with pytest.raises(IngestError, match="OCR 未启用"):
        load_file(FIXTURES / "scanned.pdf", OcrSettings(enabled=False))


def test_image_needs_ocr():
    assert "OCR 未启用" in _error(FIXTURES / "scanned.png").reason


def test_join_wrapped_lines_rules():
    full = "这是一段很长的正文内容，它在版面上占满了一整行的宽度而被折行"
    text = "\n".join(
        [
            "一、总体要求",  # short line: never joined to the next
            full,
            "继续的正文。",  # joined: previous line is full and does not end a sentence
            full,
            "（一）新的条目",  # starts an enumerator: stays on its own line
            "English words that wrap across the line and continue here",
            "next line",
        ]
    )
    assert join_wrapped_lines(text).split("\n") == [
        "一、总体要求",
        full + "继续的正文。",
        full,
        "（一）新的条目",
        "English words that wrap across the line and continue here next line",
    ]


# ----------------------------------------------------------------------------- DOCX


def test_docx_headings_and_table_in_document_order():
    loaded = load_file(FIXTURES / "notice.docx")
    assert loaded.kind == "docx"
    assert loaded.title_hint == "关于开展2024年教师培训工作的通知"
    assert loaded.pages[0].text.split("\n") == [
        "# 关于开展2024年教师培训工作的通知",
        "各中小学校：",
        "为加强教师队伍建设，提升教师专业能力，经研究，决定开展2024年教师培训工作。",
        "# 一、工作目标",
        "通过系统培训，使新入职教师尽快熟悉教育教学常规，骨干教师进一步提升示范引领能力。",
        "## （一）培训覆盖面",
        "全年培训教师不少于1200人次，实现在职教师全员轮训。",
        "# 二、任务分工",
        "具体分工见下表：",
        "培训项目：新教师入职培训；负责科室：人事科；完成时限：2024年8月底",
        "各科室要按照分工抓好落实，确保培训工作按期完成。",
        "# 三、保障措施",
        "培训经费从教师继续教育专项经费中列支，专款专用。",
    ]


def test_docx_merged_cells_chinese_styles_and_core_title(tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.core_properties.title = "关于调整工作安排的通知"
    document.styles.add_style("标题 2", WD_STYLE_TYPE.PARAGRAPH)
    custom = document.styles.add_style("公文一级标题", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 1"]
    document.add_paragraph("一、调整内容", style="公文一级标题")
    document.add_paragraph("（一）时间安排", style="标题 2")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "合并后的表头"
    table.cell(1, 0).text = "甲"
    table.cell(1, 2).text = "丙"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    loaded = load_file(path)
    assert loaded.title_hint == "关于调整工作安排的通知"
    assert loaded.pages[0].text.split("\n") == ["# 一、调整内容", "## （一）时间安排", "合并后的表头", "甲 | 丙"]


def test_docx_that_is_not_a_zip_or_is_an_old_doc(tmp_path):
    not_zip = tmp_path / "plain.docx"
    not_zip.write_text("只是一段文字", "utf-8")
    assert "不是有效的 Word 文档（.docx）" in _error(not_zip).reason
    ole = tmp_path / "locked.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "已加密或实为旧版 .doc" in _error(ole).reason
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert "另存为 .docx" in _error(old).reason


def test_docx_zip_of_something_else(tmp_path):
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>")
    assert "不是有效的 Word 文档（.docx）" in _error(path).reason


# ----------------------------------------------------------------------------- general refusals


def test_unsupported_empty_too_large_missing_and_uppercase_suffix(tmp_path):
    odd = tmp_path / "data.xyz"
    odd.write_text("x", "utf-8")
    reason = _error(odd).reason
    assert reason.startswith("不支持的文件类型：.xyz（支持 ") and ".docx" in reason

    big = tmp_path / "big.txt"
    big.write_text("正文" * 600, "utf-8")
    reason = _error(big, max_bytes=1024).reason
    assert "文件过大（3.5 KB）" in reason and "1.0 KB" in reason
    assert load_file(big, max_bytes=4096).pages[0].text == "正文" * 600

    assert "文件不存在" in _error(tmp_path / "missing.txt").reason

    upper = tmp_path / "REPORT.PDF"
    upper.write_bytes((FIXTURES / "report.pdf").read_bytes())
    assert load_file(upper).kind == "pdf"


def test_whitespace_only_text_is_an_error(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n　\n", "utf-8")
    assert "没有文字内容" in _error(path).reason


# ----------------------------------------------------------------------------- walking folders


def _describe(items) -> list[str]:
    out = []
    for item in items:
        if isinstance(item, IngestError):
            out.append(f"ERR {Path(item.file).name}")
        else:
            out.append(item.name)
    return out


def test_iter_files_sorted_recursive_with_errors_for_skipped(tmp_path):
    root = tmp_path / "docs"
    (root / "sub" / ".git").mkdir(parents=True)
    for name in ["b.pdf", "a.txt", "c.doc", ".hidden.txt", "~$lock.docx", "Thumbs.db", "d.PNG"]:
        (root / name).write_bytes(b"x")
    (root / "sub" / "z.md").write_bytes(b"x")
    (root / "sub" / ".git" / "HEAD.txt").write_bytes(b"x")
    items = list(iter_files([root, tmp_path / "nope", root / "a.txt"]))
    assert _describe(items) == ["a.txt", "b.pdf", "ERR c.doc", "d.PNG", "z.md", "ERR nope"]
    assert "另存为 .docx" in str(items[2])
    assert "不存在" in str(items[5])


def test_iter_files_explicit_unsupported_file(tmp_path):
    path = tmp_path / "table.xlsx"
    path.write_bytes(b"x")
    [item] = list(iter_files([path]))
    assert isinstance(item, IngestError) and "不支持的文件类型：.xlsx" in str(item)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_iter_files_symlink_loop_terminates(tmp_path):
    root = tmp_path / "root"
    (root / "inner").mkdir(parents=True)
    (root / "inner" / "doc.txt").write_bytes(b"x")
    (root / "inner" / "back").symlink_to(root, target_is_directory=True)
    (root / "alias.txt").symlink_to(root / "inner" / "doc.txt")

    followed = list(iter_files([root], follow_symlinks=True))
    # alias.txt (sorted first) and inner/doc.txt are the same file: yielded once, under the first path
    assert _describe(followed) == ["alias.txt", "ERR back"]
    assert "循环" in str(followed[1])

    not_followed = list(iter_files([root]))
    assert _describe(not_followed) == ["ERR alias.txt", "ERR back", "doc.txt"]
    assert all("符号链接" in str(e) for e in not_followed if isinstance(e, IngestError))


def test_supported_suffixes_cover_documents_and_images():
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"} <= SUPPORTED_SUFFIXES
    assert {".png", ".jpg", ".jpeg", ".tif", ".tiff"} <= SUPPORTED_SUFFIXES
    assert ".doc" not in SUPPORTED_SUFFIXES


def test_fixtures_are_small():
    for path in FIXTURES.iterdir():
        assert path.stat().st_size < 200 * 1024, path.name


def test_docx_fixture_is_a_real_zip():
    with zipfile.ZipFile(io.BytesIO((FIXTURES / "notice.docx").read_bytes())) as z:
        assert "word/document.xml" in z.namelist()


def test_iter_files_skips_a_folders_notes_but_reads_one_named(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    for name in ["SOURCES.md", "README.txt", "readme", "规定.md", "sources-of-funding.md"]:
        (root / name).write_text("x", encoding="utf-8")
    items = list(iter_files([root]))
    assert _describe(items) == ["sources-of-funding.md", "规定.md"]
    # Named on its own, the same file is read: the user asked for it.
    [named] = list(iter_files([root / "SOURCES.md"]))
    assert named == root / "SOURCES.md"
