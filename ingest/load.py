"""Read one file into raw text pages: plain text, Markdown, HTML, PDF and DOCX.

Loaders only read; cleaning happens downstream. What they guarantee:

- newlines are ``\\n``; one paragraph per line (PDF lines wrapped by the layout are joined back);
- headings the format marks for sure (Markdown ``#``, HTML ``<h1>``–``<h6>``, DOCX heading styles)
  come out as Markdown heading lines (``## 标题``);
- every failure is an `IngestError` naming the file and a reason a user can act on;
- hostile input is refused before the expensive step, by the limits in `IngestSettings` and
  `OcrSettings`: a PDF's page count and page area before its text is read, its pages needing OCR
  before any is rendered (and each rendered within a pixel budget); an image's size from its
  header before decoding; a web page's nesting depth and element count before its tree is built;
  a .docx's unpacked size from the zip directory before parsing; and the characters of text any
  one file yields, counted as it is read.

Text encodings: a byte-order mark wins; then strict UTF-8; then GB18030 when it decodes to plausible
simplified Chinese; then charset-normalizer among a few CJK candidates. A file whose lines are in
different encodings (part UTF-8, part GBK) is decoded line by line; a line that is neither is an error,
never mojibake.

Scanned pages and image files go through `ocr_page`, the single place where OCR plugs in.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.config import IngestSettings, OcrSettings
from ingest.errors import IngestError
from ingest.types import LoadedFile, PageText

if TYPE_CHECKING:
    from ingest.ocr import OcrProvider

# Called as (pages done, pages to do) while a file's scanned pages are read by OCR.
OcrProgress = Callable[[int, int], None]

TEXT_SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md"}
HTML_SUFFIXES = frozenset({".html", ".htm"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUPPORTED_SUFFIXES = frozenset({*TEXT_SUFFIXES, *HTML_SUFFIXES, ".pdf", ".docx", *IMAGE_SUFFIXES})
_OLD_WORD_SUFFIXES = frozenset({".doc", ".wps"})
_SUPPORTED_LABEL = ".txt .md .markdown .html .htm .pdf .docx 以及图片 .png .jpg .jpeg .tif .tiff"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc, and also password-protected .docx

# ----------------------------------------------------------------------------- entry point


def load_file(
    path: Path,
    ocr: OcrSettings | None = None,
    *,
    max_bytes: int | None = None,
    ocr_engine: OcrProvider | None = None,
    on_ocr_page: OcrProgress | None = None,
    limits: IngestSettings | None = None,
) -> LoadedFile:
    """Read one file into raw text pages.

    Args:
        path: the file; its suffix (any case) picks the reader.
        ocr: OCR settings for scanned PDF pages and images (with their page and pixel limits);
            None means no OCR.
        max_bytes: refuse files larger than this; None means no limit.
        ocr_engine: creates the OCR engine on first use and caches results; pass one per ingest run.
            None makes one for this call (cache in ``ocr.cache_dir``). Text pages never load the engine.
        on_ocr_page: called with (pages done, pages to do) before and after each page read by OCR.
        limits: what a file may hold (characters, PDF pages and page area, web-page depth, .docx
            unpacked size); None means the `IngestSettings` defaults. ``limits.max_file_mb`` is not
            applied here: ``max_bytes`` is.

    Returns:
        The file's text as `LoadedFile` (PDF: one `PageText` per page with text, 1-based numbers;
        other formats: a single page with number None).

    Raises:
        IngestError: the file is missing, empty, too large, of an unsupported type, damaged,
            encrypted, over one of the limits, or has no text.
    """
    source = str(path)
    suffix = path.suffix.lower()
    limits = limits or IngestSettings()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(source, unsupported_reason(suffix))
    data = _read_bytes(path, max_bytes)
    if suffix in TEXT_SUFFIXES:
        return _load_text(source, data, TEXT_SUFFIXES[suffix], limits)
    if suffix in HTML_SUFFIXES:
        return _load_html(source, data, limits)
    if ocr is not None and ocr.enabled and ocr_engine is None:
        from ingest.ocr import OcrProvider

        ocr_engine = OcrProvider(ocr.cache_dir)  # cheap: the engine itself loads on first use
    if suffix == ".pdf":
        return _load_pdf(path, data, ocr, ocr_engine, on_ocr_page, limits)
    if suffix == ".docx":
        return _load_docx(source, data, limits)
    return _load_image(path, ocr, ocr_engine, on_ocr_page)


def unsupported_reason(suffix: str) -> str:
    """The user-facing reason a file with this suffix is not read."""
    if suffix.lower() in _OLD_WORD_SUFFIXES:
        return f"旧版 Word/WPS 文档（{suffix}）无法直接读取，请用 Word 或 WPS 另存为 .docx 后再导入"
    shown = suffix or "（无扩展名）"
    return f"不支持的文件类型：{shown}（支持 {_SUPPORTED_LABEL}）"


def _read_bytes(path: Path, max_bytes: int | None) -> bytes:
    source = str(path)
    try:
        if path.is_dir():
            raise IngestError(source, "这是文件夹，不是文件")
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise IngestError(source, f"文件过大（{_human_size(size)}），超过上限 {_human_size(max_bytes)}")
        if size == 0:
            raise IngestError(source, "文件为空")
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(source, "文件不存在") from None
    except PermissionError:
        raise IngestError(source, "没有读取权限") from None
    except OSError as exc:
        raise IngestError(source, f"无法读取文件（{exc.strerror or exc}）") from None
    if not data:
        raise IngestError(source, "文件为空")
    return data


def _human_size(n: float) -> str:
    if n < 1024:
        return f"{n:g} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _check_chars(source: str, count: int, limits: IngestSettings, *, partial: bool = False) -> None:
    """Refuse a file whose text runs over ``limits.max_chars`` (``partial``: counted so far, reading stopped)."""
    if count > limits.max_chars:
        shown = f"已读出 {count:,} 字，尚未读完" if partial else f"{count:,} 字"
        raise IngestError(source, f"文字过多（{shown}），超过单个文件上限 {limits.max_chars:,} 字")


# ----------------------------------------------------------------------------- OCR plug-in point


def ocr_page(path: Path, page: int | None, ocr: OcrSettings, engine: OcrProvider | None) -> PageText | None:
    """OCR PLUG-IN POINT: the text of one scanned PDF page (1-based) or of an image file.

    ``page`` is None for a single image, or the 1-based page of a PDF or of a multi-page TIFF.
    Called only when ``ocr.enabled``. Returns a `PageText` with ``ocr=True`` and the mean recognition
    score as its confidence, or None when no engine was given.

    Raises:
        IngestError: the page cannot be rendered, or the OCR engine cannot be loaded.
    """
    from ingest.ocr import OcrUnavailable

    if engine is None:
        return None
    try:
        if path.suffix.lower() == ".pdf":
            assert page is not None
            return engine.pdf_page(path, page, ocr.dpi, max_pixels=ocr.max_pixels)
        return engine.image_page(path, page, max_pixels=ocr.max_pixels)
    except OcrUnavailable as exc:
        raise IngestError(str(path), f"需要 OCR 识别，但 {exc}") from None


def _load_image(
    path: Path, ocr: OcrSettings | None, engine: OcrProvider | None, on_ocr_page: OcrProgress | None
) -> LoadedFile:
    from ingest.ocr import image_frame_count

    if ocr is None or not ocr.enabled:
        raise IngestError(str(path), "图片需要 OCR 识别，但 OCR 未启用")
    count = image_frame_count(path, limit=ocr.max_pages)
    if count > ocr.max_pages:
        raise IngestError(
            str(path), f"图片页数过多（多于 {ocr.max_pages} 页），每页都需要 OCR 识别，超过单个文件上限 {ocr.max_pages} 页"
        )
    notify = on_ocr_page or (lambda done, total: None)
    notify(0, count)
    pages: list[PageText] = []
    for frame in range(1, count + 1):
        page = ocr_page(path, frame if count > 1 else None, ocr, engine)
        notify(frame, count)
        if page is not None and _real_chars(page.text):
            pages.append(page)
    if not pages:
        raise IngestError(str(path), "图片中没有识别出文字（OCR 不可用或图片无文字）")
    return LoadedFile(source=str(path), kind="image", pages=tuple(pages))


# ----------------------------------------------------------------------------- text and Markdown

# The closing ``#``s and spaces are stripped in Python: a lazy group before ``[ \t#]*$`` backtracks
# quadratically over a long run of them.
_MD_TITLE = re.compile(r"^#[ \t]+(.+)$", re.M)


def _load_text(source: str, data: bytes, kind: str, limits: IngestSettings) -> LoadedFile:
    _refuse_binary(source, data)
    text = normalize_newlines(decode_text(data, source))
    _check_chars(source, len(text), limits)
    if not text.strip():
        raise IngestError(source, "文件没有文字内容")
    title = None
    if kind == "md":
        match = _MD_TITLE.search(text)
        title = match.group(1).rstrip(" \t#").strip() if match else None
    return LoadedFile(source=source, kind=kind, pages=(PageText(None, text),), title_hint=title)


def _refuse_binary(source: str, data: bytes) -> None:
    """A PDF, Word or zip file saved under a text suffix is a naming mistake the user can fix."""
    head = data[:8]
    if head.startswith(b"%PDF-"):
        kind = "PDF 文件"
    elif head.startswith(b"PK\x03\x04"):
        kind = "压缩包或 .docx 文件"
    elif head == _OLE_MAGIC:
        kind = "旧版 Office 文件"
    else:
        return
    raise IngestError(source, f"文件内容不是文本（看起来是{kind}），请检查扩展名")


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and ``\\r`` become ``\\n``; a leading BOM character is dropped."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CANDIDATES = ["gb18030", "big5"]
# UTF-16 without a BOM is only considered when the bytes hold NULs: every UTF-16 text with a newline,
# a digit or an ASCII letter has them, and no GB or UTF-8 text does. Otherwise random bytes read as
# UTF-16 give plausible-looking Chinese mojibake.
_CANDIDATES_WITH_NUL = [*_CANDIDATES, "utf_16_le", "utf_16_be"]
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz", "cp936"}


def decode_text(data: bytes, source: str) -> str:
    """Decode text bytes of unknown encoding (see the module docstring for the order tried).

    Args:
        data: the file's bytes.
        source: the file name, for error messages.

    Raises:
        IngestError: no supported encoding fits.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise IngestError(source, f"文件开头标明为 {encoding.upper()} 编码，但内容无法按此解码") from None
    text = _try_decode(data, "utf-8")
    if text is not None:
        return _gbk_misread_as_utf8(text, data) or text
    lines = data.split(b"\n")
    if any(_utf8_cjk_line(line) for line in lines):
        # Valid Chinese UTF-8 lines in a file that is not UTF-8 as a whole: mixed encodings.
        return _decode_lines(lines, source)
    gb = _try_decode(data, "gb18030")
    if gb is not None and _plausible_simplified(gb):
        return gb
    guessed = _charset_normalizer_guess(data)
    if guessed is not None:
        return guessed
    if gb is not None and _looks_like_text(gb):
        return gb
    raise IngestError(source, "无法识别文件编码（不是 UTF-8、UTF-16 或 GBK/GB18030 编码的文本）")


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _is_cjkish(ch: str) -> bool:
    """CJK ideographs, CJK and full-width punctuation, general punctuation (“”、…)."""
    code = ord(ch)
    return 0x2000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or code >= 0x20000


_BEYOND_TWO_BYTES = re.compile("[^\x00-\u07ff]")


def _gbk_misread_as_utf8(text: str, data: bytes) -> str | None:
    """The GB18030 reading of a short GBK text whose bytes also happen to be valid UTF-8, else None.

    Some GBK pairs are valid two-byte UTF-8 (GBK 通知 reads as ``֪ͨ``, a Hebrew accent and a
    combining mark). We take the GBK reading only when the UTF-8 one has only two-byte sequences
    (so no Chinese), they come from scattered Unicode blocks (real Greek, Cyrillic or accented Latin
    stays within one or two neighbouring 64-code-point blocks), and they mostly do not sit next to
    ASCII letters (accented Latin words do: ``café``).
    """
    if text.isascii() or _BEYOND_TWO_BYTES.search(text):
        return None  # checked at C speed first: the loop below is slow on a large file
    wide = [i for i, ch in enumerate(text) if ord(ch) > 0x7F]
    blocks = {ord(text[i]) >> 6 for i in wide}  # the block is the UTF-8 lead byte's low five bits
    if max(blocks) - min(blocks) <= 1:
        return None
    beside_latin = sum(
        1
        for i in wide
        if (i > 0 and text[i - 1].isascii() and text[i - 1].isalpha())
        or (i + 1 < len(text) and text[i + 1].isascii() and text[i + 1].isalpha())
    )
    if beside_latin * 2 > len(wide):
        return None
    gb = _try_decode(data, "gb18030")
    return gb if gb is not None and _plausible_simplified(gb) else None


def _utf8_cjk_line(line: bytes) -> bool:
    """A line that is valid UTF-8 and whose non-ASCII characters are mostly Chinese.

    A GBK line almost never passes: its byte pairs rarely form valid UTF-8, and when they do they
    decode to Latin/Greek/Cyrillic letters (two-byte sequences), not to CJK.
    """
    text = _try_decode(line, "utf-8")
    if text is None:
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    return len(wide) >= 2 and sum(map(_is_cjkish, wide)) >= 0.8 * len(wide)


def _decode_lines(lines: list[bytes], source: str) -> str:
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line.isascii() or _utf8_cjk_line(line):
            out.append(line.decode("utf-8"))
            continue
        text = _try_decode(line, "gb18030")
        if text is None:
            text = _try_decode(line, "utf-8")
        if text is None:
            raise IngestError(source, f"文件混用了多种编码，第 {number} 行既不是 UTF-8 也不是 GBK 编码，无法识别")
        out.append(text)
    return "\n".join(out)


_CJK_CHAR = re.compile("[\u4e00-\u9fff]")
# Control characters (category Cc) other than the whitespace ones and DOS end-of-file (\x1a).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")


def _plausible_simplified(text: str) -> bool:
    """Text decoded as GB18030 that reads as simplified Chinese: nearly all CJK characters in GB2312."""
    if not _looks_like_text(text):
        return False
    cjk = [m.group() for m in itertools.islice(_CJK_CHAR.finditer(text), 20000)]
    if not cjk:
        return False
    common = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.9 * len(cjk)


def _looks_like_text(text: str) -> bool:
    """No NULs or replacement characters, and almost no other control characters."""
    if "\x00" in text or "\ufffd" in text:
        return False
    controls = sum(1 for _ in _CONTROLS.finditer(text))
    return controls <= len(text) // 200


def _charset_normalizer_guess(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    candidates = _CANDIDATES_WITH_NUL if b"\x00" in data else _CANDIDATES
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None or best.encoding is None:
        return None
    encoding = "gb18030" if best.encoding.replace("_", "").lower() in _GB_FAMILY else best.encoding
    text = _try_decode(data, encoding)
    return text if text is not None and _looks_like_text(text) else None


# ----------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DROP_TAGS = ("script", "style", "nav", "footer", "aside", "form", "noscript", "iframe", "template", "svg")
_NOISE_SUBSTRINGS = re.compile(
    r"nav|menu|sidebar|side-bar|side_bar|footer|breadcrumb|crumb|share|comment|recommend|related|"
    r"copyright|advert|toolbar|pagination|pager"
)
_NOISE_TOKENS = frozenset({"ad", "ads", "side", "bottom", "foot", "gotop", "login", "search"})
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hr", "li", "main", "ol", "p",
        "pre", "section", "summary", "ul", "caption", "tbody", "thead", "tfoot", "html",
    }
)  # fmt: skip
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0]+")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# A line break in HTML source between two Chinese characters is layout, not a space.
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\xa0]*\n[ \t\n\xa0]*(?=[{_CJK}])")
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—]\s+|_|｜|\s*--\s*")


def _load_html(source: str, data: bytes, limits: IngestSettings) -> LoadedFile:
    from bs4 import BeautifulSoup

    html = _decode_html(data, source)
    _check_html_shape(source, html, limits)
    soup = BeautifulSoup(html, "lxml")
    body = soup.body or soup
    page_title = soup.title.string if soup.title is not None else None
    _drop_boilerplate(body)
    main = _main_content(body)
    title = _html_title(main, body, page_title)
    text = "\n".join(_html_lines(main))
    _check_chars(source, len(text), limits)
    if not text.strip():
        raise IngestError(source, "网页中没有找到正文")
    return LoadedFile(source=source, kind="html", pages=(PageText(None, text),), title_hint=title)


class _OverLimit(Exception):
    """Raised from the parser's callbacks to stop at the first element past a limit."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _ShapeTarget:
    """lxml parser target that only tracks element depth and count (no tree, no text)."""

    def __init__(self, max_depth: int, max_elements: int) -> None:
        self.max_depth = max_depth
        self.max_elements = max_elements
        self.depth = 0
        self.elements = 0

    def start(self, tag: str, attrib: object) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > self.max_depth:
            raise _OverLimit(
                f"网页结构嵌套过深（超过 {self.max_depth} 层），不像正常网页，可能是异常或恶意构造的文件，已拒绝读取"
            )
        if self.elements > self.max_elements:
            raise _OverLimit(f"网页元素过多（超过 {self.max_elements:,} 个标签），超过上限，已拒绝读取")

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> None:
        return None


def _check_html_shape(source: str, html: str, limits: IngestSettings) -> None:
    """Refuse a page nested too deep or with too many elements, before any tree is built.

    The same libxml2 HTML parser that BeautifulSoup's "lxml" builder uses, so depth and count are
    the tree's (unclosed ``<font>`` tags nest; unclosed ``<p>`` tags do not). Without a tree or text
    it reads 200,000 nested ``<div>`` in a fraction of a second; the tree costs far more per element.
    """
    from lxml import etree

    parser = etree.HTMLParser(target=_ShapeTarget(limits.html_max_depth, limits.html_max_elements))
    try:
        parser.feed(html)
        parser.close()
    except _OverLimit as exc:
        raise IngestError(source, exc.reason) from None
    except etree.LxmlError:
        pass  # damaged markup: BeautifulSoup reads what it can, as before


def _decode_html(data: bytes, source: str) -> str:
    """BOM first, then the declared ``<meta charset>`` if the bytes fit it, else detect like text."""
    if not any(data.startswith(bom) for bom, _ in _BOMS):
        match = _META_CHARSET.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii").lower()
            encoding = "gb18030" if declared.replace("-", "") in _GB_FAMILY else declared
            try:
                return normalize_newlines(data.decode(encoding))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration is common; fall back to detection
    return normalize_newlines(decode_text(data, source))


def _clean_inline(text: str) -> str:
    """HTML text of one line: source line breaks between Chinese characters dropped, spaces collapsed."""
    return collapse_spaces(_BREAK_BETWEEN_CJK.sub("", text))


def collapse_spaces(text: str) -> str:
    """Runs of whitespace (including non-breaking spaces) become one space; the ends are stripped."""
    return _SPACES.sub(" ", text).strip()


def _html_title(main, body, page_title: str | None) -> str | None:
    """The main content's <h1>, else the page's remaining <h1>, else the useful part of <title>.

    Looked up after boilerplate removal, so a site logo set in an <h1> inside the header is not taken.
    """
    for scope in (main, body):
        h1 = scope.find("h1")
        text = _clean_inline(h1.get_text(" ")) if h1 is not None else ""
        if text:
            return text
    if page_title:
        # "文章标题_站点名" is the common shape; "站点名 - 文章标题" shows as a much longer later part.
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(_clean_inline(page_title)) if p.strip()]
        if parts:
            longest = max(parts, key=len)
            return longest if len(longest) >= 2 * len(parts[0]) else parts[0]
    return None


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


class _TreeCounts:
    """Per element of a tree, counted in one pass: what the boilerplate rules ask of every element.

    ``cjk``: CJK characters of its text outside links (navigation is mostly links); ``h1``: its
    ``<h1>`` descendants; ``holds_main``: whether an ``<article>``, ``<main>`` or ``<h1>`` lies inside.
    Asking each element's subtree instead costs the subtree's size per element: a page of a thousand
    500-deep chains took minutes.

    Keyed by ``id``: elements compare by content, so equal twins would share an entry.
    """

    def __init__(self, root) -> None:
        from bs4 import NavigableString

        self.cjk: dict[int, int] = {}
        self.h1: dict[int, int] = {}
        self.holds_main: set[int] = set()
        elements = [root, *root.find_all(True)]  # document order: ancestors before descendants
        in_link = {id(root): root.name == "a" or root.find_parent("a") is not None}
        for el in elements[1:]:
            in_link[id(el)] = el.name == "a" or in_link.get(id(el.parent), False)
        for el in reversed(elements):  # descendants before ancestors
            key = id(el)
            cjk = h1 = 0
            holds = False
            for child in el.contents:
                if type(child) is NavigableString:
                    cjk += _cjk_count(child)
                elif child.name is not None and id(child) in self.cjk:
                    cjk += self.cjk[id(child)]
                    h1 += self.h1[id(child)] + (child.name == "h1")
                    holds = holds or child.name in ("article", "main", "h1") or id(child) in self.holds_main
            self.cjk[key] = 0 if in_link[key] else cjk
            self.h1[key] = h1
            if holds:
                self.holds_main.add(key)

    def own_text_cjk(self, el) -> int:
        return self.cjk[id(el)]


def _is_noise(el) -> bool:
    attrs = el.attrs or {}
    if "hidden" in attrs:
        return True
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    classes = attrs.get("class", [])
    names = " ".join([str(attrs.get("id", "")), *(classes if isinstance(classes, list) else [classes])])
    names = names.lower()
    if not names.strip():
        return False
    if _NOISE_SUBSTRINGS.search(names):
        return True
    return any(token in _NOISE_TOKENS for token in re.split(r"[^a-z0-9]+", names))


def _drop_boilerplate(body) -> None:
    """Remove non-content tags and elements whose id/class name navigation, sidebars, footers, ads.

    An element that holds the page's article, main part or ``<h1>``, or half of its text, is kept
    whatever its name: wrapper divs with names like ``main-nav-wrapper`` exist.
    """
    from bs4 import Comment

    for comment in body.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in body.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in body.find_all("header"):
        if tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    # Counted once: an element is looked at before anything inside it is removed (document order),
    # and whatever was removed before it lay outside it, so its counts stay true.
    counts = _TreeCounts(body)
    total = max(counts.own_text_cjk(body), 1)
    elements = body.find_all(True)
    parents = [id(el.parent) for el in elements]  # read before removal clears them
    # Removed subtrees by id: bs4's ``el.decomposed`` looks for a child tag named "_decomposed"
    # through the whole subtree on every live element, which was quadratic on deep pages.
    gone: set[int] = set()
    for el, parent in zip(elements, parents, strict=True):
        if parent in gone:
            gone.add(id(el))
            continue
        if el.name in ("html", "body", "article", "main") or not _is_noise(el):
            continue
        if id(el) in counts.holds_main or counts.own_text_cjk(el) * 2 > total:
            continue
        el.decompose()
        gone.add(id(el))


def _main_content(body):
    """The element holding the page's main text: the biggest <article>/<main>, else by text density."""
    counts = _TreeCounts(body)
    total = counts.own_text_cjk(body)
    best = None
    for el in body.find_all(["article", "main"]):
        score = counts.own_text_cjk(el)
        if best is None or score > best[0]:
            best = (score, el)
    if best is not None and best[0] * 2 >= total:
        return best[1]
    # Descend while one child holds most of the text and keeps the main heading.
    current, current_score = body, total
    while True:
        child_best = None
        for child in current.find_all(True, recursive=False):
            score = counts.own_text_cjk(child)
            if child_best is None or score > child_best[0]:
                child_best = (score, child)
        if child_best is None or child_best[0] < 0.8 * current_score or current_score == 0:
            return current
        if counts.h1[id(current)] > counts.h1[id(child_best[1])]:
            return current  # an <h1> lies outside the child (or is the child)
        current, current_score = child_best[1], child_best[0]


def _html_lines(root) -> list[str]:
    """One line per paragraph; headings as ``## 标题``; data-table rows as cells joined by `` | ``.

    An explicit stack instead of recursion: a page's depth is bounded by ``html_max_depth``, not by
    Python's recursion limit.
    """
    from bs4 import NavigableString, Tag

    lines: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        line = _clean_inline("".join(buffer))
        buffer.clear()
        if line:
            lines.append(line)

    # Each entry: the children still to read, and whether the element is a block (a line break after it).
    stack: list[tuple[Iterator, bool]] = [(iter(root.children), False)]
    while stack:
        children, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                flush()
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                buffer.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            flush()
        elif name in _HEADING_TAGS:
            flush()
            text = _clean_inline(child.get_text(" "))
            if text:
                lines.append("#" * _HEADING_TAGS[name] + " " + text)
        elif name == "pre":
            flush()
            lines.extend(line.rstrip() for line in child.get_text().split("\n") if line.strip())
        elif name == "table" and _is_data_table(child):
            flush()
            lines.extend(_table_rows(child))
        elif name in _BLOCK_TAGS or name in ("table", "tr", "td", "th"):
            flush()
            stack.append((iter(child.children), True))
        else:
            stack.append((iter(child.children), False))
    flush()
    return lines


def _is_data_table(table) -> bool:
    """A table of short cells; layout tables (nested tables, long cells) are read as blocks instead."""
    if table.find("table") is not None:
        return False
    return all(_cjk_count(cell.get_text()) <= 200 for cell in table.find_all(["td", "th"]))


def _table_rows(table) -> list[str]:
    rows = []
    for tr in table.find_all("tr"):
        cells = [_clean_inline(cell.get_text(" ")) for cell in tr.find_all(["td", "th"], recursive=False)]
        cells = [c for c in cells if c]
        if cells:
            rows.append(" | ".join(cells))
    return rows


# ----------------------------------------------------------------------------- PDF

# A line that starts a heading or an enumerated item: the next wrapped line is never joined onto
# the line before it.
_STARTS_BLOCK = re.compile(
    r"^(?:#|[一二三四五六七八九十百零〇]+[、.．]|[（(][一二三四五六七八九十百零〇\d]+[)）]|"
    r"\d+[、.．](?!\d)|第[一二三四五六七八九十百千零〇\d]+[编章节条款部分]|[①-⑳]|附件|附：)"
)
_ENDS_BLOCK = tuple("。！？；：!?;:…”’」』）)】")
_TITLE_JUNK = re.compile(r"^(?:untitled|无标题|新建|document|文档|title|标题|microsoft word)\b", re.I)
_FILE_SUFFIX = re.compile(r"\.(?:docx?|wps|pdf|txt|rtf|xlsx?|pptx?)$", re.I)
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
        raise IngestError(source, f"PDF 文件已损坏，无法解析（详情：{exc}）") from None
    if encrypted:
        try:
            decrypted = bool(reader.decrypt(""))
        except (DependencyError, NotImplementedError):  # AES needs `cryptography`; unknown handlers
            decrypted = False
        if not decrypted:
            raise IngestError(source, "文件已加密，无法读取（请去除密码后再导入）")
    return reader


def _load_pdf(
    path: Path,
    data: bytes,
    ocr: OcrSettings | None,
    engine: OcrProvider | None,
    on_ocr_page: OcrProgress | None,
    limits: IngestSettings,
) -> LoadedFile:
    source = str(path)
    reader = _open_pdf(source, data)
    errors = _pdf_errors()
    try:
        pages = list(reader.pages)
    except errors as exc:
        raise IngestError(source, f"PDF 文件已损坏，无法解析（详情：{exc}）") from None
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
        _check_chars(source, chars, limits, partial=len(texts) < len(pages))

    joined = [join_wrapped_lines(raw) for raw in texts]
    scanned = [n for n, text in enumerate(joined, 1) if _real_chars(text) < threshold] if ocr and ocr.enabled else []
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
            recognized = ocr_page(path, number, ocr, engine)
            notify(scanned.index(number) + 1, len(scanned))
            if recognized is not None and _real_chars(recognized.text):
                out.append(recognized)
                continue
        out.append(PageText(number, text))
    kept = tuple(p for p in out if _real_chars(p.text))
    if not any(p.ocr or _real_chars(p.text) >= threshold for p in kept):
        why = "OCR 不可用" if ocr is not None and ocr.enabled else "OCR 未启用"
        raise IngestError(source, f"PDF 没有文字层（扫描件），需要 OCR 识别（{why}）")
    return LoadedFile(source=source, kind="pdf", pages=kept, title_hint=_pdf_title(reader))


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


def _real_chars(text: str) -> int:
    """Letters, digits and CJK characters: private-use glyph codes and punctuation do not count."""
    return sum(1 for ch in text if ch.isalnum())


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


def plausible_title(raw: object) -> str | None:
    """A document-property title if it reads like a real title, not a tool's placeholder or a file name."""
    if not isinstance(raw, str):
        return None
    title = collapse_spaces(raw)
    title = re.sub(r"^microsoft\s+(?:word|powerpoint)\s*-\s*", "", title, flags=re.I)
    title = _FILE_SUFFIX.sub("", title).strip()
    if not title or _TITLE_JUNK.match(title) or "/" in title or "\\" in title:
        return None
    if _cjk_count(title) >= 2 or sum(ch.isalpha() for ch in title) >= 4:
        return title
    return None


# ----------------------------------------------------------------------------- DOCX

_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.I)
_TITLE_STYLES = frozenset({"title", "标题"})


def _load_docx(source: str, data: bytes, limits: IngestSettings) -> LoadedFile:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    if data.startswith(_OLE_MAGIC):
        raise IngestError(
            source, "不是有效的 Word 文档（.docx）：文件已加密或实为旧版 .doc 格式，请另存为未加密的 .docx 后再导入"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise IngestError(source, "不是有效的 Word 文档（.docx）：文件不是 zip 格式，可能已损坏")
    _check_docx_sizes(source, data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        lines, styled_title = _docx_lines(document, source, limits)
        core_title = document.core_properties.title
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, XMLSyntaxError):
        raise IngestError(
            source, "不是有效的 Word 文档（.docx）：压缩包里没有完整的 Word 文档结构，可能已损坏或扩展名有误"
        ) from None
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(source, "Word 文档中没有文字内容")
    title = plausible_title(core_title) or styled_title
    return LoadedFile(source=source, kind="docx", pages=(PageText(None, text),), title_hint=title)


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
            f"Word 文档解压后的文字结构（XML）过大（{_human_size(xml)}），超过上限 {_human_size(xml_limit)}，"
            "可能是压缩炸弹",
        )
    if total > total_limit:
        raise IngestError(
            source, f"Word 文档解压后过大（{_human_size(total)}），超过上限 {_human_size(total_limit)}，可能是压缩炸弹"
        )


def _docx_lines(document, source: str, limits: IngestSettings) -> tuple[list[str], str | None]:
    """Body paragraphs and tables in document order; the first Title-styled paragraph's text.

    Raises:
        IngestError: the text runs over ``limits.max_chars`` (reading stops there).
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    title: str | None = None
    chars = 0
    for block in _body_blocks(document.element.body):
        _check_chars(source, chars, limits, partial=True)
        if block.tag.endswith("}tbl"):
            rows = _docx_table_rows(Table(block, document))
            chars += sum(len(row) + 1 for row in rows)
            lines.extend(rows)
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
    return lines, title


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


def _docx_table_rows(table) -> list[str]:
    """One line per row, cells joined by `` | ``; a merged cell appears once (its XML cell is one).

    Recursion into nested tables is bounded: libxml2 refuses XML nested over 256 deep, and each table
    level takes three (``w:tbl``, ``w:tr``, ``w:tc``).
    """
    from docx.table import _Cell

    rows: list[str] = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            cell = _Cell(tc, table)
            parts = [p.text.strip() for p in cell.paragraphs if p.text.strip()]
            for nested in cell.tables:
                parts.extend(_docx_table_rows(nested))
            text = collapse_spaces(" ".join(parts))
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows
