"""Hostile input against a live `govdoc serve`, as a user on the LAN would send it.

Each test replays one attack and asserts the status, the Chinese message, that the server's peak
memory stays under 2 GiB, that it answers a normal question within 10 s right after, and that
nothing was written outside the upload area.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from index_checks import GOVDOC, child, free_port, govdoc_env, wait_listening

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
SECRET = "服务器上的秘密口令是蓝色长颈鹿四十二"
NORMAL_QUESTION = "教师享有哪些权利？"
MEMORY_CEILING_MB = 2048


@dataclass
class Server:
    base: str
    pid: int
    root: Path
    data: Path
    secret: Path
    upload_cache: Path

    def client(self, timeout: float = 60) -> httpx.Client:
        return httpx.Client(base_url=self.base, timeout=timeout)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "教师法(2009-08-27).md", data)
    outside = root / "elsewhere"
    outside.mkdir()
    secret = outside / "secret.md"
    secret.write_text(f"# 机密\n\n{SECRET}。本文件从未上传。\n", encoding="utf-8")
    port = free_port()
    upload_cache = root / "gradio-cache"
    env = govdoc_env(
        root / "index",
        GOVDOC_DATA_DIR=str(data),
        GOVDOC_UI__PORT=str(port),
        GRADIO_TEMP_DIR=str(upload_cache),
    )
    log = root / "serve.log"
    with child([*GOVDOC, "serve"], env, root, log) as process:
        base = f"http://127.0.0.1:{port}"
        wait_listening(base + "/api/documents", process, log)
        yield Server(base, process.pid, root, data, secret, upload_cache)


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def assert_still_serving(server: Server) -> None:
    """A normal question is answered within 10 s, and peak memory stayed under the ceiling."""
    t0 = time.monotonic()
    with server.client(timeout=10) as c:
        reply = c.post("/api/ask", json={"question": NORMAL_QUESTION})
    assert reply.status_code == 200, reply.text
    assert time.monotonic() - t0 < 10
    assert not reply.json()["refused"]
    assert peak_rss_mb(server.pid) < MEMORY_CEILING_MB


def files_outside_uploads(server: Server) -> set[str]:
    """Files under the data folder that are not in its uploads folder."""
    return {str(p.relative_to(server.data)) for p in server.data.rglob("*") if p.is_file() and "uploads" not in p.parts}


def gradio_event(c: httpx.Client, elem_id: str, data: list[Any]) -> httpx.Response:
    """Queue the click event of the page component ``elem_id`` with raw ``data``, as a script would."""
    config = c.get("/config").json()
    ids = {comp.get("props", {}).get("elem_id"): comp["id"] for comp in config["components"]}
    target = ids[elem_id]
    fn = next(i for i, dep in enumerate(config["dependencies"]) if any(t[0] == target for t in dep["targets"]))
    body = {"data": data, "fn_index": fn, "session_hash": "attacker", "event_data": None, "trigger_id": target}
    return c.post("/gradio_api/queue/join", json=body)


def event_output(c: httpx.Client, session_hash: str = "attacker", timeout: float = 60) -> Any:
    """The output of the session's next completed event."""
    deadline = time.monotonic() + timeout
    with c.stream("GET", "/gradio_api/queue/data", params={"session_hash": session_hash}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return message.get("output")
            assert time.monotonic() < deadline
    return None


# ----------------------------------------------------------------------------- 1. file references


@pytest.mark.parametrize("elem_id", ["gd-upload-button", "gd-eval-run"])
def test_a_server_file_named_in_an_event_is_never_read(server: Server, elem_id: str) -> None:
    before = files_outside_uploads(server)
    reference = {"path": str(server.secret), "orig_name": "secret.md", "meta": {"_type": "gradio.FileData"}}
    sneaky = {"path": str(server.upload_cache / ".." / "elsewhere" / "secret.md"), "meta": {"_type": "gradio.FileData"}}
    with server.client() as c:
        for ref in (reference, sneaky, {"path": "http://127.0.0.1:1/x.md", "meta": {"_type": "gradio.FileData"}}):
            data: list[Any] = [[ref], []] if elem_id == "gd-upload-button" else [ref, False, "hybrid", 5, "extractive"]
            reply = gradio_event(c, elem_id, data)
            assert reply.status_code == 400, reply.text
            assert "只接受通过网页上传的文件" in reply.json()["error"]
        answer = c.post("/api/ask", json={"question": "服务器上的秘密口令是什么？"}).json()
        assert SECRET not in json.dumps(answer, ensure_ascii=False)
        assert answer["refused"]
        docs = c.get("/api/documents").json()
    assert all("secret" not in d["source"] for d in docs)
    assert not (server.data / "uploads" / "secret.md").exists()
    assert files_outside_uploads(server) == before
    assert_still_serving(server)


def test_the_file_route_serves_no_server_file(server: Server) -> None:
    with server.client() as c:
        for path in (str(server.secret), str(ROOT / "pyproject.toml"), "/etc/passwd"):
            reply = c.get(f"/gradio_api/file={path}")
            assert reply.status_code == 403, (path, reply.status_code)
            assert SECRET not in reply.text


def test_a_file_uploaded_through_the_page_is_still_accepted(server: Server) -> None:
    """The guard lets through what a browser does: upload, then the upload event naming the returned path."""
    with server.client() as c:
        body = "# 本校值班安排\n\n周六值班由总务处负责，值班教师须在七点三十分前到岗。\n"
        uploaded = c.post("/gradio_api/upload", files={"files": ("值班安排.md", body.encode("utf-8"), "text/markdown")})
        assert uploaded.status_code == 200, uploaded.text
        path = uploaded.json()[0]
        ref = {"path": path, "orig_name": "值班安排.md", "meta": {"_type": "gradio.FileData"}}
        assert gradio_event(c, "gd-upload-button", [[ref], [], ""]).status_code == 200
        output = event_output(c)
    assert output is not None and "已入库" in output["data"][0], output
    assert (server.data / "uploads" / "值班安排.md").is_file()


# ----------------------------------------------------------------------------- 3. long questions, odd text


@pytest.mark.parametrize(
    ("route", "body"),
    [
        ("/api/ask", {"question": "教师的权利" * 63_000}),  # 945 KB, under the 1 MB body limit
        ("/v1/chat/completions", {"model": "govdoc", "messages": [{"role": "user", "content": "学校" * 10_000}]}),
        (
            "/v1/chat/completions",
            {"model": "govdoc", "stream": True, "messages": [{"role": "user", "content": "学校" * 10_000}]},
        ),
        ("/api/draft", {"topic": "落实情况" * 20_000}),
    ],
)
def test_a_long_question_or_topic_is_refused_at_once(server: Server, route: str, body: dict[str, Any]) -> None:
    t0 = time.monotonic()
    with server.client(timeout=30) as c:
        reply = c.post(route, json=body)
    assert time.monotonic() - t0 < 5
    assert reply.status_code == 413, reply.text[:300]
    assert "过长" in reply.json()["error"]["message"] and "上限为 1000 字" in reply.json()["error"]["message"]
    assert_still_serving(server)


def test_eight_abandoned_long_questions_do_not_lock_others_out(server: Server) -> None:
    with server.client(timeout=3) as c:
        for _ in range(8):
            with contextlib.suppress(httpx.TimeoutException):
                c.post("/api/ask", json={"question": "学校" * 9_500})
    assert_still_serving(server)


def test_a_lone_surrogate_gets_400_not_a_reset_connection(server: Server) -> None:
    raw = '{"question": "教师\\ud800的权利"}'.encode()
    chat = '{"model": "govdoc", "messages": [{"role": "user", "content": "学校\\udc00"}]}'.encode()
    with server.client() as c:
        for route, body in (("/api/ask", raw), ("/v1/chat/completions", chat)):
            reply = c.post(route, content=body, headers={"Content-Type": "application/json"})
            assert reply.status_code == 400, reply.text
            assert "无法识别的字符" in reply.json()["error"]["message"]
    assert_still_serving(server)


def test_the_api_docs_load_nothing_from_outside(server: Server) -> None:
    import re

    with server.client() as c:
        reply = c.get("/docs")
        assert reply.status_code == 200
        assets = re.findall(r'(?:src|href)="([^"]+)"', reply.text)
        assert assets and all(a.startswith("/") for a in assets), assets
        assert all(c.get(a).status_code == 200 for a in assets)
        assert c.get("/redoc").status_code == 404  # its footer fetched a logo from a CDN


# ----------------------------------------------------------------------------- 2 and 4. small files, huge cost


def big_page_pdf(path: Path) -> Path:
    """One blank page of 14400 x 14400 pt (5 m square): rendered whole for OCR it would need ~20 GB."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(14400, 14400))
    pdf.showPage()
    pdf.save()
    return path


def one_line_text(path: Path, size: int) -> Path:
    """``size`` bytes of Chinese on one line, with no punctuation at all."""
    path.write_bytes(("甲乙丙丁戊己庚辛壬癸" * (size // 30 + 1)).encode("utf-8")[: size - size % 3])
    return path


def nested_html(path: Path, depth: int) -> Path:
    path.write_text("<html><body>" + "<div>" * depth + "正文" + "</div>" * depth + "</body></html>", encoding="utf-8")
    return path


def huge_docx(path: Path, chars: int) -> Path:
    """A small .docx whose one paragraph unpacks to ``chars`` characters."""
    import docx

    document = docx.Document()
    document.add_paragraph("学" * chars)
    document.save(str(path))
    return path


HOSTILE_FILES = {
    "big_page.pdf": (lambda p: big_page_pdf(p), 400),
    "bars_200_pages.pdf": (lambda p: drawn_pdf(p, 200), 400),
    "one_line_256k.txt": (lambda p: one_line_text(p, 256 * 1024), 200),
    "one_line_19m.txt": (lambda p: one_line_text(p, 19 * 1024 * 1024), 413),
    "deep_10k.html": (lambda p: nested_html(p, 10_000), 400),
    "deep_200k.html": (lambda p: nested_html(p, 200_000), 400),
    "huge_text.docx": (lambda p: huge_docx(p, 22_600_000), 400),
}


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_a_hostile_file_is_bounded_or_refused_by_name(server: Server, tmp_path: Path, name: str) -> None:
    build, expected = HOSTILE_FILES[name]
    path = build(tmp_path / name)
    before = files_outside_uploads(server)
    t0 = time.monotonic()
    with server.client(timeout=60) as c:
        reply = c.post("/api/documents", files={"file": (name, path.read_bytes(), "application/octet-stream")})
    elapsed = time.monotonic() - t0
    assert elapsed < 30, f"{name} took {elapsed:.1f} s"
    assert reply.status_code == expected, reply.text[:500]
    if expected != 200:
        message = reply.json()["error"]["message"]
        assert message.startswith("文件无法入库：" if expected == 400 else "文件过长：") and name in message, message
        assert not (server.data / "uploads" / name).exists()
    else:
        assert reply.json()["added"] == 1
        chunks = [c for c in httpx.get(server.base + "/api/documents").json() if c["source"].endswith(name)]
        assert chunks, "the file was not indexed"
    assert not any((server.root / "index" / "staging").glob("*/*")), "a staged upload was left behind"
    assert files_outside_uploads(server) == before
    assert_still_serving(server)


# ----------------------------------------------------------------------------- 5. a crash during an upload


def drawn_pdf(path: Path, pages: int) -> Path:
    """A PDF of ``pages`` pages of drawn bars and no text layer: every page goes to OCR."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for n in range(pages):
        for row in range(40):
            pdf.rect(60 + (row * 37 + n * 11) % 200, 60 + row * 18, 120 + (row * 53) % 300, 8, fill=1)
        pdf.showPage()
    pdf.save()
    return path


def test_a_crash_mid_upload_leaves_nothing_in_data_and_does_not_block_the_restart(
    tmp_path: Path,
) -> None:
    import os
    import signal
    import threading

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "教师法(2009-08-27).md", data)
    slow = drawn_pdf(tmp_path / "扫描件.pdf", 60)
    port = free_port()
    env = govdoc_env(tmp_path / "index", GOVDOC_DATA_DIR=str(data), GOVDOC_UI__PORT=str(port))
    base = f"http://127.0.0.1:{port}"

    def upload() -> None:
        with contextlib.suppress(httpx.HTTPError):
            httpx.post(base + "/api/documents", files={"file": ("扫描件.pdf", slow.read_bytes(), "application/pdf")}, timeout=60)

    with child([*GOVDOC, "serve"], env, tmp_path, tmp_path / "first.log") as first:
        wait_listening(base + "/api/documents", first, tmp_path / "first.log")
        sender = threading.Thread(target=upload, daemon=True)
        sender.start()
        deadline = time.monotonic() + 30
        staging = tmp_path / "index" / "staging"
        while not (staging.is_dir() and any(staging.rglob("*.pdf"))):
            assert time.monotonic() < deadline, "the upload never reached the staging folder"
            time.sleep(0.1)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(10)
    assert not (data / "uploads").exists() or not any((data / "uploads").iterdir())

    with child([*GOVDOC, "serve"], env, tmp_path, tmp_path / "second.log") as second:
        # It serves without first re-reading the staged upload (no timing assertion: CI shares its cores).
        wait_listening(base + "/api/documents", second, tmp_path / "second.log", timeout=120)
        log = (tmp_path / "second.log").read_text(encoding="utf-8")
        assert "已隔离" in log and "扫描件.pdf" in log
        assert [p.name for p in (tmp_path / "index" / "quarantine").iterdir()] == ["扫描件.pdf"]
        assert not (data / "uploads").exists() or not any((data / "uploads").iterdir())
        reply = httpx.post(base + "/api/ask", json={"question": NORMAL_QUESTION}, timeout=10)
        assert reply.status_code == 200 and not reply.json()["refused"]


# ----------------------------------------------------------------------------- 6, 7, 8: rendering, secrets, small faults


def test_html_in_a_test_set_is_shown_as_text_in_the_evaluation_report(server: Server) -> None:
    hostile = '<img src="http://192.0.2.1/beacon" onerror="alert(1)"><script>alert(2)</script>[链接](javascript:alert(3))'
    rows = [
        {"id": f"x{hostile}", "question": f"教师享有哪些权利？{hostile}", "answerable": True, "reference": hostile,
         "key_points": [[f"{hostile}不存在的要点"]], "evidence": ["教师享有下列权利"], "doc_title": f"教师法{hostile}"},
    ]
    content = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode("utf-8")
    with server.client(timeout=120) as c:
        uploaded = c.post("/gradio_api/upload", files={"files": ("坏题.jsonl", content, "application/jsonl")})
        assert uploaded.status_code == 200, uploaded.text
        ref = {"path": uploaded.json()[0], "orig_name": "坏题.jsonl", "meta": {"_type": "gradio.FileData"}}
        assert gradio_event(c, "gd-eval-run", [ref, False, "hybrid", 5, "extractive"]).status_code == 200
        output = event_output(c, timeout=120)
    assert output is not None and "data" in output, output
    failed = output["data"][2]["value"]  # the failed items, whole, as the page's own HTML
    assert "beacon" in failed and "&lt;img" in failed  # the text is there ...
    for raw in ("<img", "<script", 'href="javascript:'):  # ... but never as markup
        assert raw not in failed, raw
    report = Path(output["data"][3]["value"]["path"]).read_text(encoding="utf-8")  # the report to download
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").enable("table").render(report)
    assert "beacon" in report
    for raw in ("<img", "<script", 'href="javascript:'):
        assert raw not in rendered, raw


def test_the_same_content_under_another_name_is_stored_once(server: Server) -> None:
    body = "# 食堂管理办法\n\n第一条 学校食堂每周一公布菜谱，由总务处负责。\n".encode()
    with server.client() as c:
        first = c.post("/api/documents", files={"file": ("食堂管理办法.md", body, "text/markdown")})
        second = c.post("/api/documents", files={"file": ("食堂-副本.md", body, "text/markdown")})
    assert first.status_code == second.status_code == 200
    assert second.json()["duplicate_of"].endswith("食堂管理办法.md") and "已存在相同内容的文件" in second.json()["message"]
    assert not (server.data / "uploads" / "食堂-副本.md").exists()


def test_credentials_in_the_model_address_never_come_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "教师法(2009-08-27).md", data)
    port = free_port()
    env = govdoc_env(
        tmp_path / "index",
        GOVDOC_DATA_DIR=str(data),
        GOVDOC_UI__PORT=str(port),
        GOVDOC_LLM__MODE="openai",
        GOVDOC_LLM__BASE_URL="http://admin:s3cret-pw@127.0.0.1:9/v1",
        GOVDOC_LLM__FALLBACK_EXTRACTIVE="false",
        GOVDOC_LLM__EVIDENCE_GATE="false",
        GOVDOC_LLM__TIMEOUT_S="3",
    )
    log = tmp_path / "serve.log"
    base = f"http://127.0.0.1:{port}"
    with child([*GOVDOC, "serve"], env, tmp_path, log) as process:
        wait_listening(base + "/api/documents", process, log)
        with httpx.Client(base_url=base, timeout=60) as c:
            replies = [
                c.post("/api/ask", json={"question": NORMAL_QUESTION, "mode": "openai"}),
                c.post("/v1/chat/completions", json={"model": "govdoc", "messages": [{"role": "user", "content": NORMAL_QUESTION}]}),
            ]
    for reply in replies:
        assert reply.status_code == 502, reply.text
        assert "s3cret-pw" not in reply.text and "admin:" not in reply.text
        assert "***@127.0.0.1:9" in reply.json()["error"]["message"]
    assert "s3cret-pw" not in log.read_text(encoding="utf-8")


def test_an_evaluation_obeys_the_question_limits_and_odd_fields_get_400(server: Server) -> None:
    long_item = {"id": "l1", "question": "教师" * 600, "answerable": False, "reference": "无", "key_points": [],
                 "evidence": [], "doc_title": ""}
    content = json.dumps(long_item, ensure_ascii=False).encode("utf-8")
    t0 = time.monotonic()
    with server.client() as c:
        reply = c.post("/api/eval", files={"testset": ("t.jsonl", content, "application/jsonl")})
        assert reply.status_code == 400 and "超过问题长度上限" in reply.json()["error"]["message"], reply.text
        assert time.monotonic() - t0 < 5
        many = c.post("/api/ask", json={"question": "教师", "doc_ids": [f"d{i}" for i in range(50_000)]})
        assert many.status_code == 400, many.text
        odd = c.post("/v1/chat/completions", content='{"model": "\\ud800", "messages": [{"role": "user", "content": "x"}]}',
                     headers={"Content-Type": "application/json"})
        assert odd.status_code in (400, 404) and odd.status_code != 500, odd.text
    assert_still_serving(server)
