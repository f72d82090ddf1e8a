"""The suffix registry: which loader reads a file, and what its bytes must look like.

One entry per format. Ingest picks the loader by suffix (`format_for`); uploads check that an
upload's content is what its suffix says (`Format.content`); walking a folder and the upload form
list the same suffixes. Each loader lives in its own module and is called as
``read(LoadRequest) -> LoadedFile``.

What loaders guarantee:

- newlines are ``\\n``; one paragraph per line (PDF lines wrapped by the layout are joined back);
- headings the format marks for sure (Markdown ``#``, HTML ``<h1>``–``<h6>``, DOCX heading styles)
  come out as Markdown heading lines (``## 标题``);
- table rows come out as records that carry their header (`ingest.record`);
- every failure is an `IngestError` naming the file and a reason a user can act on;
- hostile input is refused before the expensive step, by the limits in `IngestSettings` and
  `OcrSettings`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ingest.loaders import docx, html, image, pdf, text
from ingest.loaders.base import LoadRequest
from ingest.types import LoadedFile


@dataclass(frozen=True)
class Format:
    """One file format: its suffixes, its loader, and the content kind its bytes must show.

    ``content`` is the kind of bytes the format holds (pdf, docx, text, html, png, jpeg, tiff); a
    signature check tells text (html included) from binary formats;
    ``label`` names the format to users in plain words (an office user knows 网页, not HTML); formats
    with the same label are one kind to them.
    """

    suffixes: tuple[str, ...]
    read: Callable[[LoadRequest], LoadedFile]
    content: str
    label: str
    needs_ocr: bool = False


FORMATS: tuple[Format, ...] = (
    Format((".txt",), text.load_txt, "text", "纯文本"),
    Format((".md", ".markdown"), text.load_markdown, "text", "纯文本"),
    Format((".html", ".htm"), html.load_html, "html", "网页"),
    Format((".docx",), docx.load_docx, "docx", "Word（.docx）"),
    Format((".pdf",), pdf.load_pdf, "pdf", "PDF"),
    Format((".png",), image.load_image, "png", "图片", needs_ocr=True),
    Format((".jpg", ".jpeg"), image.load_image, "jpeg", "图片", needs_ocr=True),
    Format((".tif", ".tiff"), image.load_image, "tiff", "图片", needs_ocr=True),
)
_BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}
SUPPORTED_SUFFIXES = frozenset(_BY_SUFFIX)
_OLD_WORD_SUFFIXES = frozenset({".doc", ".wps"})


def format_for(suffix: str) -> Format | None:
    """The format a file suffix (any case) names, or None when it is not supported."""
    return _BY_SUFFIX.get(suffix.lower())


def accepted_label() -> str:
    """The supported formats in plain words, each kind once, for messages and the upload form."""
    plain = "、".join(dict.fromkeys(f.label for f in FORMATS if not f.needs_ocr))
    return f"{plain}，以及图片（扫描件、照片，自动识别文字）"


def old_word_reason(suffix: str) -> str | None:
    """Why an old Word/WPS file is not read and how to fix it; None for other suffixes."""
    if suffix.lower() in _OLD_WORD_SUFFIXES:
        return f"旧版 Word/WPS 文档（{suffix}）无法直接读取，请用 Word 或 WPS 另存为 .docx 后再导入"
    return None


def unsupported_reason(suffix: str) -> str:
    """The user-facing reason a file with this suffix is not read."""
    old = old_word_reason(suffix)
    if old is not None:
        return old
    shown = suffix or "（无扩展名）"
    suffixes = " ".join(s for f in FORMATS if not f.needs_ocr for s in f.suffixes)
    images = " ".join(s for f in FORMATS if f.needs_ocr for s in f.suffixes)
    return f"不支持的文件类型：{shown}（支持 {suffixes} 以及图片 {images}）"
