"""Store an uploaded file safely under ``data_dir/uploads``: shared by the web app and the HTTP API.

What is checked, in order: the size, the name (directories stripped, unsafe characters replaced,
Chinese kept), the type by content (magic bytes, not the extension alone), and the destination (a
new name when another file already has the name; nothing is ever overwritten and nothing is written
outside the uploads folder).

An upload into knowledge bases other than the shared one is stored in a folder of its own for those
bases (``uploads/kb-1f0c…/值班制度.md``, `govdoc.kbs.KnowledgeBases.folder_for`): one school's file never takes a name another school's
upload needs, so a name given as 值班制度-2 never tells an uploader that a file they may not see exists.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govdoc.sourcename import shown_name
from ingest.loaders import SUPPORTED_SUFFIXES, accepted_label, format_for, old_word_reason

UPLOADS_FOLDER = "uploads"
# The suffixes an upload may have: those ingest reads (`ingest.loaders`, one registry for both).
ACCEPTED_SUFFIXES = SUPPORTED_SUFFIXES

ACCEPTED_LABEL = accepted_label()
_KIND_LABEL = {
    "pdf": "PDF 文件",
    "docx": "Word 文档（.docx）",
    "text": "文本文件",
    "html": "网页文件",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "tiff": "TIFF 图片",
    "zip": "ZIP 压缩包",
    "ole": "旧版 Word（.doc）或加密的 Office 文件",
    "binary": "二进制文件",
}

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_TIFF = (b"II*\x00", b"MM\x00*")
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")

_MB = 1024 * 1024
_MAX_STEM = 100
# File systems cap a name at 255 bytes, not characters: 100 Chinese characters are 300 bytes in UTF-8.
_MAX_STEM_BYTES = 200
# A .docx is a zip: its parts may unpack to this many times the upload limit, no more. A 1.2 MB
# file that unpacks to 300 MB of XML ties up ingest for minutes and most of a gigabyte of memory.
UNZIPPED_RATIO = 5
# Anything but letters/digits of any script (Chinese included), and a few harmless marks, becomes "_".
_UNSAFE = re.compile(r"[^\w\-.()（）【】《》、，·]+")


class UploadError(ValueError):
    """An upload refused; ``status`` is the HTTP status an API returns, ``message`` is for the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class StoredUpload:
    """Where an upload was stored and what the user should be told.

    ``renamed`` is True when the file got a numeric suffix because another file had its name;
    ``duplicate`` is True when identical content was already stored (nothing was written and
    ``path`` is the existing file).
    """

    path: Path
    name: str
    original_name: str
    kind: str
    size: int
    renamed: bool = False
    duplicate: bool = False

    @property
    def message(self) -> str:
        """A one-line Chinese summary for the user."""
        if self.duplicate:
            return f"已存在相同内容的文件：{shown_name(self.name)}，未重复保存"
        if self.renamed:
            return f"已有同名的文件，未覆盖它，新文件另存为：{shown_name(self.name)}"
        return f"已保存：{shown_name(self.name)}"


def uploads_dir(data_dir: Path) -> Path:
    """The folder uploads are stored in (inside the data folder, so re-indexing keeps them)."""
    return data_dir / UPLOADS_FOLDER


def upload_folder(data_dir: Path, base: str = "") -> Path:
    """Where an upload is stored: the uploads folder, or its bases' folder ``base`` in it
    (`govdoc.kbs.KnowledgeBases.folder_for`)."""
    return uploads_dir(data_dir) / base if base else uploads_dir(data_dir)


def safe_name(filename: str) -> str:
    """A file name safe to create in one folder: no directories, no hidden or control characters.

    ``../../etc/passwd`` becomes ``passwd``; Chinese characters are kept; the suffix is lower-cased;
    a name with nothing usable left becomes ``upload``.
    """
    base = re.split(r"[\\/]", filename.strip())[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _UNSAFE.sub("_", stem.replace(" ", "_")).strip("._-~$ ")
    suffix = _UNSAFE.sub("", suffix).lower()
    stem = stem[:_MAX_STEM]
    while len(stem.encode("utf-8")) > _MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip("._-") or "upload"
    return f"{stem}.{suffix}" if suffix else stem


def sniff(content: bytes) -> str:
    """The kind of file the bytes are, by their signature: pdf, docx, png, jpeg, tiff, text, ...

    Text (``text``) means decodable as UTF-8, UTF-16 with a byte-order mark, or GB18030.
    """
    head = content[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if content.startswith(_PNG):
        return "png"
    if content.startswith(_JPEG):
        return "jpeg"
    if content.startswith(_TIFF):
        return "tiff"
    if content.startswith(_OLE):
        return "ole"
    if content.startswith(_ZIP):
        return "docx" if _is_docx(content) else "zip"
    return "text" if _decodes(content) else "binary"


def _is_docx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _check_unzipped(filename: str, content: bytes, limit: int) -> None:
    """Refuse a zip whose parts unpack to more than ``limit`` bytes (sizes as the archive declares them;
    a part that unpacks to more than it declares fails its checksum when read)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    if unzipped > limit:
        raise UploadError(
            413, f"文件解压后过大：{filename} 解压后为 {_mb(unzipped)}，上限为 {limit / _MB:g} MB，可能是压缩炸弹"
        )


def _decodes(content: bytes) -> bool:
    if content.startswith(_BOMS):
        for encoding in ("utf-8-sig", "utf-16"):
            try:
                content.decode(encoding)
                return True
            except UnicodeDecodeError:
                continue
        return False
    if b"\x00" in content:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            content.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


def check_type(name: str, content: bytes) -> str:
    """The kind of an upload, checked against its suffix.

    Raises:
        UploadError: 415 for an unsupported suffix, 400 when the content is not what the suffix says.
    """
    suffix = Path(name).suffix.lower()
    fmt = format_for(suffix)
    if fmt is None:
        if old_word_reason(suffix) is not None:
            raise UploadError(415, f"旧版 Word/WPS 文档无法直接读取：{name}，请另存为 .docx 后再上传")
        shown = suffix or "（无扩展名）"
        raise UploadError(415, f"不支持的文件类型：{name}（{shown}）；支持 {ACCEPTED_LABEL}")
    expected = fmt.content
    actual = sniff(content)
    compatible = actual == expected or (expected == "html" and actual == "text")  # a page is text
    if not compatible:
        shown = _KIND_LABEL.get(actual, actual)
        raise UploadError(400, f"文件内容与扩展名不符：{name} 的内容是{shown}，不是{_KIND_LABEL[expected]}")
    return expected


def check_upload(filename: str, content: bytes, max_bytes: int) -> tuple[str, str]:
    """The safe name and kind of an upload that passes the size, type and unpacked-size checks.

    Raises:
        UploadError: as `store_upload` does, before anything is written.
    """
    if len(content) > max_bytes:
        raise UploadError(
            413, f"文件过大：{filename}（{_mb(len(content))}），单个文件上限为 {max_bytes / _MB:g} MB"
        )
    if not content:
        raise UploadError(400, f"文件为空：{filename}")
    name = safe_name(filename)
    kind = check_type(name, content)
    if kind == "docx":
        _check_unzipped(filename, content, max_bytes * UNZIPPED_RATIO)
    return name, kind


def store_upload(data_dir: Path, filename: str, content: bytes, max_bytes: int, base: str = "") -> StoredUpload:
    """Check an upload and store it under ``data_dir/uploads`` without overwriting anything.

    Args:
        data_dir: the data folder (settings.data_dir).
        filename: the name the client sent; only its last path component is used.
        content: the file's bytes.
        max_bytes: the largest size accepted.
        base: the folder of the upload's knowledge bases (`govdoc.kbs.KnowledgeBases.folder_for`); "" for the
            uploads folder itself.

    Returns:
        Where it was stored (or the identical file already there) and what to tell the user.

    Raises:
        UploadError: too large (413, also a .docx that unpacks to more than ``UNZIPPED_RATIO`` times
            ``max_bytes``), empty or content not matching the name (400), unsupported type (415),
            uploads folder leading outside ``data_dir`` (500).
    """
    name, kind = check_upload(filename, content, max_bytes)
    folder = upload_folder(data_dir, base)
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    inside = uploads_dir(data_dir).resolve()
    if not inside.is_relative_to(Path(data_dir).resolve()) or root not in (inside, inside / base):
        # A link planted in place of the uploads folder, or of a base's folder, must not lead writes elsewhere
        # (the message, which an uploader reads, names no server path).
        raise UploadError(500, "上传文件夹指向数据文件夹以外的位置，已拒绝保存；请管理员删除该链接")
    digest = hashlib.sha256(content).hexdigest()
    stem, suffix = os.path.splitext(name)
    for number in range(1, 10_000):
        candidate = name if number == 1 else f"{stem}-{number}{suffix}"
        target = folder / candidate
        if target.resolve().parent != root:  # a planted symlink must not lead outside
            continue
        if target.is_symlink() or (target.exists() and not target.is_file()):
            continue
        if target.exists():
            if _sha256(target) == digest:
                return StoredUpload(target, candidate, filename, kind, len(content), number > 1, True)
            continue
        try:
            with open(target, "xb") as f:  # "x": fails instead of overwriting a file created meanwhile
                f.write(content)
        except FileExistsError:
            continue
        return StoredUpload(target, candidate, filename, kind, len(content), renamed=number > 1)
    raise UploadError(409, f"同名文件过多，无法保存：{name}")


def former_name(name: str, number: int) -> str:
    """The name the content of a replaced upload keeps: 值班制度（旧版本1）.md, numbered from the first replaced.

    No date in it: ingest reads a date in a file name as the version's date, and the moment of
    replacing is not the date of the former text.
    """
    stem, suffix = os.path.splitext(name)
    mark = f"（旧版本{number}）"
    while len((stem + mark + suffix).encode("utf-8")) > _MAX_STEM_BYTES + 40 and len(stem) > 1:
        stem = stem[:-1]
    return f"{stem}{mark}{suffix}"


def replace_upload(path: Path, content: bytes, before: Callable[[Path], object] | None = None) -> Path:
    """Put ``content`` in place of the stored upload ``path``; its former content moves, in the same folder, to
    the first free `former_name`, so nothing stored is lost. Returns where it went. ``before`` is told where,
    before the move (so the former content is in its bases before a file of that name exists).

    Raises:
        UploadError: 409 when no free name is left, 500 when ``path`` is not a stored upload.
        OSError: the new content could not be written (the former content is back in place).
    """
    if path.is_symlink() or not path.is_file():
        raise UploadError(500, f"无法替换：{path.name} 不是上传的文件")
    for number in range(1, 10_000):
        former = path.parent / former_name(path.name, number)
        if not former.exists() and not former.is_symlink():
            break
    else:
        raise UploadError(409, f"同名文件过多，无法保留旧版本：{path.name}")
    if before is not None:
        before(former)
    os.rename(path, former)
    try:
        with open(path, "xb") as f:
            f.write(content)
    except BaseException:
        path.unlink(missing_ok=True)
        os.rename(former, path)
        raise
    return former


def is_upload(path: Path, data_dir: Path) -> bool:
    """Whether ``path`` is a file stored by `store_upload` (inside the uploads folder or a base's folder in it)."""
    try:
        root, parent = uploads_dir(data_dir).resolve(), path.resolve().parent
    except OSError:
        return False
    return parent == root or parent.parent == root


def set_aside(path: Path, folder: Path) -> Path:
    """Move a stored upload into ``folder`` (created if needed) under a name no other file there has.

    Used when a document leaves the index but its uploaded file is kept: outside the data folder, the
    next re-index does not bring it back. Returns where it went.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = os.path.splitext(path.name)
    for number in range(1, 10_000):
        target = folder / (path.name if number == 1 else f"{stem}-{number}{suffix}")
        if not target.exists() and not target.is_symlink():
            return Path(shutil.move(str(path), str(target)))
    raise UploadError(409, f"同名文件过多，无法保留：{path.name}")


def same_content(path: Path, content: bytes) -> bool:
    """Whether the file at ``path`` holds exactly ``content``."""
    return path.stat().st_size == len(content) and _sha256(path) == hashlib.sha256(content).hexdigest()


def _sha256(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _mb(size: int) -> str:
    return f"{size / _MB:.1f} MB"
