"""Bad files through the real ``govdoc ingest``: each is named with its reason, the rest ingest, exit 2.

Every fault is a real file on disk (fixtures from tests/data, or bytes written here): empty, junk,
truncated, encrypted, scanned without OCR, a zip that is no Word file, a picture named .docx, text
named .pdf, undecodable text, a non-UTF-8 file name, a named pipe, symbolic-link loops and a 50 MB
file. A file whose new version is broken keeps its previous good version in the index.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import time
from pathlib import Path

import pytest
from index_checks import ROOT, assert_consistent, govdoc_env, run_govdoc

from benchmarks.large_file import write_text
from govdoc.accounts import LOCAL
from govdoc.cli import main
from govdoc.service import GovdocService
from govdoc.settings import load_settings
from ingest.config import ChunkSettings
from ingest.errors import IngestError
from ingest.load import load_file

FIXTURES = ROOT / "tests" / "data"
LAW = next((ROOT / "data").glob("教师法*.md"))
MB = 1024 * 1024

# Folder-relative name -> the fragment of the reason `govdoc ingest` must give for it.
BAD = {
    "empty.txt": "文件为空",
    "junk.pdf": "不是有效的 PDF 文件（缺少 %PDF 文件头）",
    "truncated.pdf": "PDF 文件不完整",
    "encrypted.pdf": "文件已加密",
    "scanned.pdf": "需要 OCR 识别（OCR 未启用）",
    "fake.docx": "不是有效的 Word 文档（.docx）：压缩包里没有完整的 Word 文档结构",
    "图片.docx": "不是有效的 Word 文档（.docx）：文件不是 zip 格式",
    "text.pdf": "不是有效的 PDF 文件（缺少 %PDF 文件头）",
    "random.txt": "无法识别文件编码",
    "bad-line.txt": "第 2 行既不是 UTF-8 也不是 GBK 编码",
    "binary.md": "文件内容不是文本（看起来是PDF 文件）",
    "pipe.txt": "不是普通文件（设备、管道等）",
    "\\xd6\\xd0\\xce\\xc4.txt": "文件名不是有效的 UTF-8 编码",
}
GOOD = {
    "带 空格 的目录/教师法 （修订） 文本.md": "中华人民共和国教师法",
    "mixed.txt": "第一部分用UTF-8编码保存。",
    "report.pdf": "2023年度教育工作总结报告",
    "notice.docx": "关于开展2024年教师培训工作的通知",
    "gbk.txt": "关于加强校园安全管理工作的通知",
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path as the working directory (source keys are relative to it), hashing embedder, OCR off."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    monkeypatch.setenv("GOVDOC_OCR__ENABLED", "false")
    return tmp_path


def make_inbox(folder: Path) -> Path:
    """A folder holding every good and bad file above, plus symbolic-link loops."""
    folder.mkdir()
    (folder / "带 空格 的目录").mkdir()
    shutil.copy(LAW, folder / "带 空格 的目录/教师法 （修订） 文本.md")
    for name in ("mixed.txt", "report.pdf", "notice.docx", "gbk.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    for name in ("empty.txt", "junk.pdf", "truncated.pdf", "encrypted.pdf", "scanned.pdf", "fake.docx"):
        shutil.copy(FIXTURES / name, folder / name)
    shutil.copy(FIXTURES / "scanned.png", folder / "图片.docx")
    (folder / "text.pdf").write_text("这是一个文本文件，只是扩展名写成了 PDF。\n", encoding="utf-8")
    (folder / "random.txt").write_bytes(random.Random(7).randbytes(4096))
    (folder / "bad-line.txt").write_bytes("第一行是正常的中文。\n".encode() + b"\x80\xff\x80 broken\n" + "第三行。\n".encode())
    (folder / "binary.md").write_bytes((FIXTURES / "report.pdf").read_bytes())
    os.mkfifo(folder / "pipe.txt")
    with open(os.fsencode(folder) + b"/\xd6\xd0\xce\xc4.txt", "wb") as f:  # "中文.txt" in GBK
        f.write("第一条 为了保障教师的合法权益，制定本法。".encode())
    (folder / "loop").mkdir()
    (folder / "loop" / "up").symlink_to("..")  # a folder link back to its parent
    (folder / "a.md").symlink_to("b.md")  # two links pointing at each other
    (folder / "b.md").symlink_to("a.md")
    return folder


def open_service() -> GovdocService:
    return GovdocService(load_settings())


def errors_by_file(report: dict) -> dict[str, str]:
    return {e["file"]: e["reason"] for e in report["errors"]}


def test_govdoc_ingest_names_every_bad_file_ingests_the_rest_and_exits_2(workdir: Path) -> None:
    make_inbox(workdir / "inbox")
    env = govdoc_env(workdir / "index", GOVDOC_OCR__ENABLED="false")
    t0 = time.perf_counter()
    done = run_govdoc(["ingest", "--json", "inbox"], env, cwd=workdir, timeout=300)
    elapsed = time.perf_counter() - t0
    assert done.returncode == 2, done.stderr
    report = json.loads(done.stdout)
    errors = errors_by_file(report)
    links = {"inbox/loop/up", "inbox/a.md", "inbox/b.md"}
    assert set(errors) == {f"inbox/{name}" for name in BAD} | links
    for name, fragment in BAD.items():
        assert fragment in errors[f"inbox/{name}"], (name, errors[f"inbox/{name}"])
    for link in links:
        assert "是符号链接，已跳过" in errors[link]
    assert report["added"] == len(GOOD)
    assert {d["source"] for d in report["documents"]} == {f"inbox/{name}" for name in GOOD}
    assert elapsed < 120  # the named pipe must not block the run

    service = open_service()
    try:
        assert service.index.sources() == sorted(f"inbox/{name}" for name in GOOD)
        titles = {d.source: d.title for d in service.documents(LOCAL)}
        for name, title in GOOD.items():
            assert title in titles[f"inbox/{name}"] or title in service.index.document_text(
                next(d.doc_id for d in service.documents(LOCAL) if d.source == f"inbox/{name}")
            )
        for name in BAD:
            assert service.index.file_hash(f"inbox/{name}") is None
        mixed = next(d for d in service.documents(LOCAL) if d.source == "inbox/mixed.txt")
        text = service.index.document_text(mixed.doc_id)
        assert "第一部分用UTF-8编码保存。" in text and "第二部分用GBK编码保存。" in text
        assert_consistent(service.index)
    finally:
        service.close()


def test_followed_symlink_loops_are_reported_as_loops(workdir: Path, monkeypatch, capsys) -> None:
    make_inbox(workdir / "inbox")
    monkeypatch.setenv("GOVDOC_INGEST__FOLLOW_SYMLINKS", "true")
    assert main(["ingest", "inbox"]) == 2
    out = capsys.readouterr().out
    assert "未入库：inbox/loop/up：符号链接形成循环（指回上级文件夹），已跳过" in out
    assert "未入库：inbox/a.md：符号链接形成循环（互相指向），已跳过" in out
    assert "未入库：inbox/b.md：符号链接形成循环（互相指向），已跳过" in out
    assert f"新增 {len(GOOD)} 个文件" in out
    # The loop is not walked: every good file is indexed once, under its own key.
    service = open_service()
    try:
        assert service.index.sources() == sorted(f"inbox/{name}" for name in GOOD)
    finally:
        service.close()


def test_a_named_pipe_given_directly_is_refused_without_blocking(workdir: Path, capsys) -> None:
    os.mkfifo(workdir / "pipe.txt")
    assert main(["ingest", "pipe.txt"]) == 2
    assert "未入库：pipe.txt：不是普通文件（设备、管道等），已跳过" in capsys.readouterr().out


def test_a_broken_new_version_keeps_the_previous_good_one(workdir: Path, capsys) -> None:
    folder = workdir / "docs"
    folder.mkdir()
    shutil.copy(FIXTURES / "report.pdf", folder / "report.pdf")
    shutil.copy(FIXTURES / "notice.docx", folder / "notice.docx")
    shutil.copy(FIXTURES / "gbk.txt", folder / "notes.txt")
    shutil.copy(LAW, folder / "law.md")
    assert main(["ingest", "--wait", "--json", "docs"]) == 0  # both phases: the dense side is checked below
    capsys.readouterr()
    service = open_service()
    try:
        before = {c.id: c for c in service.index.chunks()}
        hashes = {s: service.index.file_hash(s) for s in service.index.sources()}
        generation = service.index.generation()
    finally:
        service.close()
    # Each file is replaced by a broken version of itself.
    (folder / "report.pdf").write_bytes((FIXTURES / "truncated.pdf").read_bytes())
    (folder / "notice.docx").write_bytes((FIXTURES / "fake.docx").read_bytes())
    (folder / "notes.txt").write_bytes(b"")
    (folder / "law.md").write_bytes((FIXTURES / "report.pdf").read_bytes())
    assert main(["ingest", "--json", "docs"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 0 and report["chunks"] == len(before)
    assert set(errors_by_file(report)) == {"docs/report.pdf", "docs/notice.docx", "docs/notes.txt", "docs/law.md"}
    service = open_service()
    try:
        assert {c.id: c for c in service.index.chunks()} == before
        assert {s: service.index.file_hash(s) for s in service.index.sources()} == hashes
        assert service.index.generation() == generation  # nothing was written at all
        for mode in ("bm25", "dense"):
            hits, _ = service.retrieve("全年新建学校3所、改扩建学校5所，新增学位4500个", retrieval=mode, k=3)
            assert hits[0].chunk.source == "docs/report.pdf", mode
        assert_consistent(service.index)
    finally:
        service.close()
    # A good new version then replaces the old one.
    (folder / "notes.txt").write_text("关于做好假期安全教育工作的通知\n各学校要切实做好假期安全教育工作。\n", encoding="utf-8")
    assert main(["ingest", "--json", "docs"]) == 2
    assert json.loads(capsys.readouterr().out)["added"] == 1
    service = open_service()
    try:
        notes = [c for c in service.index.chunks() if c.source == "docs/notes.txt"]
        assert notes and all("假期安全教育" in c.text or "假期安全教育" in c.doc_title for c in notes)
        assert_consistent(service.index)
    finally:
        service.close()


# ----------------------------------------------------------------------------- large files


def test_a_fifty_mb_file_over_a_lower_limit_is_refused_by_size(workdir: Path, monkeypatch, capsys) -> None:
    # A 50 MB file under the default 64 MB limit ingests (see the slow tests below), but the whole
    # ingest takes minutes (BM25 tokenisation); CI checks the limit itself with a 40 MB cap.
    folder = workdir / "inbox"
    folder.mkdir()
    size = write_text(folder / "大文件.txt", 50)
    assert size == 50 * MB
    shutil.copy(FIXTURES / "gbk.txt", folder / "small.txt")
    monkeypatch.setenv("GOVDOC_INGEST__MAX_FILE_MB", "40")
    t0 = time.perf_counter()
    assert main(["ingest", "--json", "inbox"]) == 2
    assert time.perf_counter() - t0 < 30
    report = json.loads(capsys.readouterr().out)
    assert errors_by_file(report) == {"inbox/大文件.txt": "文件过大（50.0 MB），超过上限 40.0 MB"}
    assert [d["source"] for d in report["documents"]] == ["inbox/small.txt"]
    service = open_service()
    try:
        assert service.index.sources() == ["inbox/small.txt"]
    finally:
        service.close()


@pytest.mark.slow
def test_a_fifty_mb_file_under_the_default_limit_is_read_whole_and_an_8_mb_one_chunks_exactly(tmp_path: Path) -> None:
    # How long this takes as files grow (splitting and chunking were once quadratic) is measured
    # by benchmarks/large_file.py; here only what comes out is checked.
    big = tmp_path / "big.txt"
    size = write_text(big, 50)
    loaded = load_file(big, max_bytes=int(load_settings().ingest.max_file_mb * MB))
    assert len(loaded.pages[0].text.encode("utf-8")) == size
    del loaded
    from ingest.chunk import chunk_document
    from ingest.split import split_documents

    part = tmp_path / "part.txt"
    write_text(part, 8)
    documents = split_documents(load_file(part))
    chunks = [c for d in documents for c in chunk_document(d, ChunkSettings())]
    assert len(chunks) > 8 * 1000
    assert all(c.text == d.text[c.start : c.end] for d in documents for c in chunks[:50] if c.doc_id == d.doc_id)


@pytest.mark.slow
def test_a_large_file_ingests_end_to_end_and_answers(workdir: Path, capsys) -> None:
    marker = "本文件中唯一的一句：青松镇中心小学的图书馆藏书量为12000册。"
    write_text(workdir / "large.txt", 1.0, marker=marker)
    assert main(["ingest", "--json", "large.txt"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["added"] == 1 and report["chunks"] > 1000
    service = open_service()
    try:
        answer = service.ask("青松镇中心小学的图书馆藏书量是多少？", who=LOCAL)
        assert "12000册" in answer.text
        assert_consistent(service.index)
    finally:
        service.close()


def test_ingest_errors_name_the_file_in_the_exception_too(tmp_path: Path) -> None:
    path = tmp_path / "空 文件.txt"
    path.write_bytes(b"")
    with pytest.raises(IngestError) as caught:
        load_file(path)
    assert caught.value.file == str(path)
    assert str(caught.value) == f"{path}: 文件为空"


# ----------------------------------------------------------------------------- uploads

UPLOAD_MAX = 1 * MB
TEXT = "关于做好校园安全工作的通知\n各学校要切实做好校园安全工作，落实安全责任。\n"


def docx_bomb(unzipped_mb: float) -> bytes:
    """A real .docx (notice.docx) whose document.xml is padded with paragraphs to ``unzipped_mb`` MB."""
    import io
    import zipfile

    source = zipfile.ZipFile(FIXTURES / "notice.docx")
    xml = source.read("word/document.xml").decode("utf-8")
    head, tail = xml.split("<w:body>", 1)
    paragraph = "<w:p><w:r><w:t>" + "第一条 为了规范管理，制定本办法。" * 20 + "</w:t></w:r></w:p>"
    count = int(unzipped_mb * MB) // len(paragraph.encode("utf-8")) + 1
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                out.writestr(info.filename, head + "<w:body>" + paragraph * count + tail)
            else:
                out.writestr(info, source.read(info.filename))
    return buffer.getvalue()


@pytest.fixture
def data_tree(tmp_path: Path) -> Path:
    """tmp/a/data (the data folder) beside tempting targets: tmp/etc/passwd, tmp/a/secret.txt."""
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_text("root:x:0:0\n")
    (tmp_path / "a" / "data").mkdir(parents=True)
    (tmp_path / "a" / "secret.txt").write_text("机密\n", encoding="utf-8")
    shutil.copy(FIXTURES / "gbk.txt", tmp_path / "a" / "data" / "gbk.txt")
    return tmp_path / "a" / "data"


HOSTILE_NAMES = [
    "../../etc/passwd",
    "../../etc/passwd.txt",
    "../secret.txt",
    "/etc/cron.d/evil.txt",
    "..\\..\\Windows\\evil.txt",
    "C:\\evil.txt",
    "evil\x00.txt",
    "evil.txt\x00.pdf",
    "..／..／evil.txt",
    "%2e%2e%2fevil.txt",
    "\u202etxt.exe",
    "....txt",
    ".txt",
    "   ",
    "uploads/../../evil.txt",
    "evil\n.txt",
    "长" * 300 + ".txt",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_store_upload_keeps_every_hostile_name_inside_the_uploads_folder(data_tree: Path, name: str) -> None:
    from index_checks import tree_snapshot

    from govdoc.uploads import UploadError, store_upload, uploads_dir

    root = data_tree.parent.parent
    before = tree_snapshot(root)
    try:
        stored = store_upload(data_tree, name, TEXT.encode("utf-8"), UPLOAD_MAX)
    except UploadError as exc:
        assert exc.status in (400, 415)  # no usable suffix left, or not the type it claims: nothing written
        assert tree_snapshot(root) == before
        return
    assert stored.path.parent == uploads_dir(data_tree)
    assert stored.path.resolve().parent == uploads_dir(data_tree).resolve()
    assert not any(ch in stored.name for ch in "/\\\x00\n\u202e") and not stored.name.startswith(".")
    assert stored.name.endswith(".txt") and len(stored.name.encode("utf-8")) < 255
    after = tree_snapshot(root)
    added = set(after) - set(before)
    assert added <= {"a/data/uploads", f"a/data/uploads/{stored.name}"}
    assert {k: v for k, v in after.items() if k in before and not k.startswith("a/data")} == {
        k: v for k, v in before.items() if not k.startswith("a/data")
    }


@pytest.mark.parametrize(
    ("name", "content", "status", "fragment"),
    [
        ("通知.pdf", TEXT.encode("utf-8"), 400, "内容是文本文件，不是PDF 文件"),
        ("通知.docx", (FIXTURES / "scanned.png").read_bytes(), 400, "内容是PNG 图片，不是Word 文档"),
        ("通知.docx", (FIXTURES / "fake.docx").read_bytes(), 400, "内容是ZIP 压缩包"),
        ("扫描.png", (FIXTURES / "report.pdf").read_bytes(), 400, "内容是PDF 文件，不是PNG 图片"),
        ("通知.txt", (FIXTURES / "report.pdf").read_bytes(), 400, "内容是PDF 文件，不是文本文件"),
        ("通知.txt", random.Random(3).randbytes(2048), 400, "二进制文件"),
        ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, 415, "另存为 .docx"),
        ("程序.exe", b"MZ\x90\x00", 415, "不支持的文件类型"),
        ("大.txt", b"a" * (UPLOAD_MAX + 1), 413, "文件过大"),
        ("空.txt", b"", 400, "文件为空"),
    ],
)
def test_store_upload_checks_size_and_type_by_content(
    data_tree: Path, name: str, content: bytes, status: int, fragment: str
) -> None:
    from index_checks import tree_snapshot

    from govdoc.uploads import UploadError, store_upload

    root = data_tree.parent.parent
    before = tree_snapshot(root)
    with pytest.raises(UploadError) as caught:
        store_upload(data_tree, name, content, UPLOAD_MAX)
    assert caught.value.status == status and fragment in caught.value.message, caught.value.message
    assert set(tree_snapshot(root)) - set(before) <= {"a/data/uploads"}


def test_store_upload_refuses_a_docx_that_unpacks_far_beyond_the_limit(data_tree: Path) -> None:
    from govdoc.uploads import UNZIPPED_RATIO, UploadError, store_upload

    bomb = docx_bomb(UNZIPPED_RATIO * UPLOAD_MAX / MB + 1)
    assert len(bomb) < UPLOAD_MAX / 4  # small on the wire
    with pytest.raises(UploadError) as caught:
        store_upload(data_tree, "报告.docx", bomb, UPLOAD_MAX)
    assert caught.value.status == 413 and "解压后过大" in caught.value.message
    assert not (data_tree / "uploads" / "报告.docx").exists()
    # A real Word file well within the ratio is stored.
    stored = store_upload(data_tree, "通知.docx", (FIXTURES / "notice.docx").read_bytes(), UPLOAD_MAX)
    assert stored.kind == "docx"


def test_store_upload_refuses_an_uploads_folder_that_links_outside(data_tree: Path) -> None:
    from govdoc.uploads import UploadError, store_upload

    outside = data_tree.parent.parent / "elsewhere"
    outside.mkdir()
    (data_tree / "uploads").symlink_to(outside)
    with pytest.raises(UploadError) as caught:
        store_upload(data_tree, "通知.txt", TEXT.encode("utf-8"), UPLOAD_MAX)
    assert caught.value.status == 500 and "数据文件夹以外" in caught.value.message
    assert list(outside.iterdir()) == []


def multipart(filename: bytes, content: bytes) -> tuple[bytes, dict[str, str]]:
    """A multipart body sending ``filename`` byte for byte (clients would escape NUL, CR, LF)."""
    boundary = "govdoc-test-boundary-7d1"
    body = (
        f"--{boundary}\r\n".encode()
        + b'Content-Disposition: form-data; name="file"; filename="'
        + filename
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def test_http_upload_route_refuses_traversal_and_bad_types_and_writes_only_uploads(data_tree: Path) -> None:
    import httpx
    from index_checks import serving, tree_snapshot

    from govdoc.api import create_api
    from govdoc.settings import Settings

    root = data_tree.parent.parent
    settings = Settings(
        data_dir=data_tree,
        embedding={"mode": "hashing"},
        store={"index_dir": root / "index"},
        ui={"upload_max_mb": UPLOAD_MAX / MB},
    )
    service = GovdocService(settings)
    try:
        assert service.ingest([data_tree]).added == 1
        (data_tree / "uploads").mkdir()  # so the data folder itself must not change at all
        before = tree_snapshot(root, skip=(root / "index", data_tree / "uploads"))
        generation = service.index.generation()
        with serving(create_api(service, settings)) as base, httpx.Client(base_url=base, timeout=120) as c:
            refused: dict[str, tuple[int, str]] = {}
            stored: list[str] = []
            for number, name in enumerate(HOSTILE_NAMES):
                content = (TEXT + f"第{number}号。\n").encode("utf-8")
                body, headers = multipart(name.encode("utf-8"), content)
                response = c.post("/api/documents", content=body, headers=headers)
                if response.status_code == 200:
                    stored.append(response.json()["stored"])
                    if response.json()["former_version"]:  # a name given twice: the first content kept beside
                        stored.append(response.json()["former_version"].removeprefix("uploads/"))
                else:
                    refused[name] = (response.status_code, response.json()["error"]["code"])
            # Names with folders are refused; the rest (C:\\evil.txt reads as C:evil.txt: the backslash
            # is a quoted-string escape in multipart) are stored under a plain name.
            for name in ("../../etc/passwd.txt", "/etc/cron.d/evil.txt", "..\\..\\Windows\\evil.txt", "../secret.txt"):
                assert refused[name] == (400, "unsafe_filename"), name
            assert all(status in (400, 415) for status, _ in refused.values()), refused
            assert all("/" not in s and "\\" not in s and "\x00" not in s for s in stored)
            middle = tree_snapshot(root, skip=(root / "index", data_tree / "uploads"))
            assert middle == before, "something outside data/uploads changed"
            assert sorted(p.name for p in (data_tree / "uploads").iterdir()) == sorted(set(stored))
            generation = service.index.generation()
            # Type by content, size, a decompression bomb, and a file that cannot be ingested.
            cases = [
                ("通知.pdf", TEXT.encode("utf-8"), 400, "upload_rejected"),
                ("通知.docx", (FIXTURES / "scanned.png").read_bytes(), 400, "upload_rejected"),
                ("大.txt", b"a" * (2 * UPLOAD_MAX), 413, "request_too_large"),
                ("炸弹.docx", docx_bomb(6), 413, "upload_rejected"),
                ("截断.pdf", (FIXTURES / "truncated.pdf").read_bytes(), 400, "ingest_failed"),
                ("加密.pdf", (FIXTURES / "encrypted.pdf").read_bytes(), 400, "ingest_failed"),
            ]
            for name, content, status, code in cases:
                response = c.post("/api/documents", files={"file": (name, content, "application/octet-stream")})
                assert response.status_code == status, (name, response.text)
                assert response.json()["error"]["code"] == code, name
            assert sorted(p.name for p in (data_tree / "uploads").iterdir()) == sorted(set(stored))
            assert service.index.generation() == generation  # nothing refused reached the index
            assert tree_snapshot(root, skip=(root / "index", data_tree / "uploads")) == before
    finally:
        service.close()
