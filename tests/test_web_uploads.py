"""govdoc.uploads: safe names, type by content, size limit, no overwrite, nothing outside the data folder."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from govdoc.uploads import UploadError, is_upload, safe_name, sniff, store_upload, uploads_dir

FIXTURES = Path(__file__).resolve().parent / "data"
MB = 1024 * 1024


def _docx_bytes() -> bytes:
    return (FIXTURES / "notice.docx").read_bytes()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\system.ini", "system.ini"),
        ("/abs/path/报告.TXT", "报告.txt"),
        ("关于 2022 年工作的汇报（定稿）.docx", "关于_2022_年工作的汇报（定稿）.docx"),
        ("a<b>c|d?.pdf", "a_b_c_d.pdf"),
        (".hidden.md", "hidden.md"),
        ("~$lock.docx", "lock.docx"),
        ("bad\x00name\n.txt", "badname.txt"),
        ("..", "upload"),
        ("", "upload"),
        ("$(rm -rf).md", "(rm_-rf).md"),
    ],
)
def test_safe_name_strips_directories_and_unsafe_characters(given: str, expected: str) -> None:
    assert safe_name(given) == expected


def test_safe_name_limits_length_and_keeps_suffix() -> None:
    name = safe_name("长" * 300 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name) <= 104


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", "pdf"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "jpeg"),
        (b"II*\x00\x08\x00", "tiff"),
        ("第一条 为了规范管理，制定本办法。".encode(), "text"),
        ("第一条 为了规范管理。".encode("gb18030"), "text"),
        ("\ufeff标题".encode("utf-16"), "text"),
        (b"\x00\x01\x02\x03binary\xff", "binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "ole"),
    ],
)
def test_sniff_by_magic_bytes(content: bytes, kind: str) -> None:
    assert sniff(content) == kind


def test_sniff_tells_docx_from_other_zip() -> None:
    assert sniff(_docx_bytes()) == "docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert sniff(buffer.getvalue()) == "zip"


def test_store_upload_writes_inside_uploads_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    stored = store_upload(data, "../../outside.txt", "第一条 内容。".encode(), 1 * MB)
    assert stored.path == uploads_dir(data) / "outside.txt"
    assert stored.path.read_text(encoding="utf-8") == "第一条 内容。"
    assert not (tmp_path / "outside.txt").exists()
    assert stored.kind == "text" and not stored.renamed and not stored.duplicate
    assert is_upload(stored.path, data)
    assert not is_upload(tmp_path / "outside.txt", data)


def test_store_upload_checks_type_by_content(tmp_path: Path) -> None:
    with pytest.raises(UploadError) as err:
        store_upload(tmp_path, "报告.pdf", b"\x89PNG\r\n\x1a\n....", MB)
    assert err.value.status == 400
    assert "报告.pdf" in err.value.message and "PNG 图片" in err.value.message
    with pytest.raises(UploadError) as err:
        store_upload(tmp_path, "假文档.docx", b"PK\x03\x04 not a real zip", MB)
    assert err.value.status == 400
    with pytest.raises(UploadError) as err:
        store_upload(tmp_path, "程序.exe", b"MZ\x90\x00", MB)
    assert err.value.status == 415 and "不支持的文件类型" in err.value.message
    with pytest.raises(UploadError) as err:
        store_upload(tmp_path, "旧文档.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", MB)
    assert ".docx" in err.value.message
    with pytest.raises(UploadError) as err:
        store_upload(tmp_path, "passwd", b"root:x:0:0", MB)
    assert err.value.status == 415
    assert not uploads_dir(tmp_path).exists() or not any(uploads_dir(tmp_path).iterdir())


def test_store_upload_accepts_real_docx_and_html_as_text(tmp_path: Path) -> None:
    stored = store_upload(tmp_path, "通知.docx", _docx_bytes(), 5 * MB)
    assert stored.kind == "docx"
    page = store_upload(tmp_path, "page.html", "<html><body><p>正文</p></body></html>".encode(), MB)
    assert page.kind == "html"


def test_store_upload_refuses_too_large_and_empty(tmp_path: Path) -> None:
    with pytest.raises(UploadError) as err:
        store_upload(tmp_path, "大文件.txt", b"a" * (2 * MB + 1), 2 * MB)
    assert err.value.status == 413
    assert "上限为 2 MB" in err.value.message and "大文件.txt" in err.value.message
    with pytest.raises(UploadError) as err:
        store_upload(tmp_path, "空.txt", b"", MB)
    assert err.value.status == 400 and "为空" in err.value.message


def test_store_upload_never_overwrites(tmp_path: Path) -> None:
    first = store_upload(tmp_path, "报告.txt", "第一版。".encode(), MB)
    same = store_upload(tmp_path, "sub/报告.txt", "第一版。".encode(), MB)
    assert same.duplicate and same.path == first.path
    assert "已存在相同内容" in same.message
    other = store_upload(tmp_path, "报告.txt", "第二版。".encode(), MB)
    assert other.renamed and other.name == "报告-2.txt"
    assert "另存为：报告-2" in other.message
    assert first.path.read_text(encoding="utf-8") == "第一版。"
    again = store_upload(tmp_path, "报告.txt", "第二版。".encode(), MB)
    assert again.duplicate and again.path == other.path
    third = store_upload(tmp_path, "报告.txt", "第三版。".encode(), MB)
    assert third.name == "报告-3.txt"


def test_store_upload_does_not_follow_a_planted_symlink(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("机密", encoding="utf-8")
    folder = uploads_dir(tmp_path / "data")
    folder.mkdir(parents=True)
    os.symlink(outside, folder / "note.txt")
    stored = store_upload(tmp_path / "data", "note.txt", "新内容。".encode(), MB)
    assert stored.name == "note-2.txt"
    assert outside.read_text(encoding="utf-8") == "机密"


def test_an_upload_into_a_bases_folder_stays_in_it_and_counts_as_an_upload(tmp_path: Path) -> None:
    data = tmp_path / "data"
    a = store_upload(data, "报告.txt", "甲校的。".encode(), MB, "kb-a")
    b = store_upload(data, "报告.txt", "乙校的。".encode(), MB, "kb-b")
    assert (a.name, b.name) == ("报告.txt", "报告.txt") and not b.renamed
    assert a.path.parent == uploads_dir(data) / "kb-a" and is_upload(a.path, data) and is_upload(b.path, data)
    deeper = a.path.parent / "子" / "x.txt"
    deeper.parent.mkdir()
    deeper.write_text("x", encoding="utf-8")
    assert not is_upload(deeper, data) and not is_upload(data / "x.txt", data)
