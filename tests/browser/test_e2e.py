"""End to end: `govdoc serve` in a subprocess, driven by headless Chromium through Playwright.

Asks a question and checks the answer and its sources panel, uploads a DOCX with a fact no other
document holds, asks about it, deletes it; records every network request and fails on any that
leaves 127.0.0.1. Screenshots of each tab go to tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import CHROMIUM, CHROMIUM_ARGS, GOVDOC, browser_api, child, free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
UNIQUE_FACT = "青松镇中心小学的图书角共有藏书4321册。"
UPLOAD_TITLE = "青松镇中心小学图书角建设情况"
ANSWER_TIMEOUT_MS = 60_000

sync_api = browser_api()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`govdoc serve` on a free port, with a copy of data/ and a fresh hashing-embedder index."""
    work = tmp_path_factory.mktemp("e2e")
    shutil.copytree(ROOT / "data", work / "data")
    for path in (work / "data").iterdir():
        path.chmod(0o644)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_")}
    env.update(
        GOVDOC_EMBEDDING__MODE="hashing",
        GOVDOC_STORE__INDEX_DIR=str(work / "index"),
        GOVDOC_DATA_DIR="data",
        GRADIO_ANALYTICS_ENABLED="False",
        HF_HUB_OFFLINE="1",
        PYTHONUNBUFFERED="1",
    )
    # Vectors are computed before the server starts: a question asked while the server still embeds in the
    # background is answered by keywords alone, and a loaded machine then gives another (still cited) answer.
    done = subprocess.run([*GOVDOC, "ingest", "data", "--wait"], env=env, cwd=work, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    started = time.perf_counter()
    url = f"http://127.0.0.1:{port}/"
    with child([*GOVDOC, "serve", "--port", str(port)], env, work, work / "serve.log") as proc:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"govdoc serve 退出（{proc.returncode}）：\n{(work / 'serve.log').read_text('utf-8')}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.perf_counter() - started > 180:
                pytest.fail(f"govdoc serve 3 分钟内未就绪：\n{(work / 'serve.log').read_text('utf-8')}")
            time.sleep(0.5)
        print(f"govdoc serve ready in {time.perf_counter() - started:.1f}s")
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: object, server: str) -> Iterator[object]:
    """A fresh page on the app; after the test, asserts no request left 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda r: requests.append(r.url))
    tab.on("websocket", lambda ws: requests.append(ws.url))
    tab.goto(server)
    tab.wait_for_selector("#gd-question textarea, #gd-question input", timeout=30_000)
    yield tab
    context.close()
    outside = [u for u in requests if not u.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:"))]
    assert requests and not outside, f"请求离开了本机：{outside}"


def _shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)  # type: ignore[attr-defined]


def _ask(page: object, question: str) -> object:
    """Ask in the 问答 tab; returns the locator of the finished answer (the last assistant message)."""
    box = page.locator("#gd-question textarea")  # type: ignore[attr-defined]
    box.fill(question)
    box.press("Enter")
    answers = page.locator("#gd-chat .gd-answer:not(.gd-streaming)")  # type: ignore[attr-defined]
    answers.last.wait_for(timeout=ANSWER_TIMEOUT_MS)
    return answers.last


def _open_tab(page: object, label: str) -> None:
    page.get_by_role("tab", name=label).click()  # type: ignore[attr-defined]


def test_question_shows_answer_and_cited_passage(page: object) -> None:
    _shot(page, "chat-empty.png")
    answer = _ask(page, "哪些事项需要由党支部研究决定？")
    assert "党的建设" in answer.locator(".gd-text").inner_text()  # type: ignore[attr-defined]
    assert "[1]" in answer.locator(".gd-text").inner_text()  # type: ignore[attr-defined]
    source = answer.locator(".gd-sources .gd-source").first  # type: ignore[attr-defined]
    assert "校长负责制" in source.locator(".gd-source-head").inner_text()
    highlighted = source.locator("mark").inner_text()
    assert "党支部研究决定" in highlighted
    assert len(source.locator(".gd-passage").inner_text()) > len(highlighted)  # the quote sits in its passage
    page.locator("#gd-options").click()  # type: ignore[attr-defined]
    _shot(page, "chat-answer.png")

    page.locator("#gd-clear").click()  # type: ignore[attr-defined]
    page.locator("#gd-chat .gd-answer").first.wait_for(state="detached", timeout=10_000)  # type: ignore[attr-defined]
    page.locator("#gd-chat").get_by_text("教师享有哪些权利？").click()  # an example question  # type: ignore[attr-defined]
    answers = page.locator("#gd-chat .gd-answer:not(.gd-streaming)")  # type: ignore[attr-defined]
    answers.last.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert answers.count() == 1  # the cleared conversation did not come back
    assert "第七条" in answers.last.inner_text()


def test_upload_ask_delete(page: object, tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading(UPLOAD_TITLE, level=1)
    doc.add_paragraph("一、基本情况")
    doc.add_paragraph(f"学校高度重视阅读工作。{UNIQUE_FACT}图书每学期更新一次。")
    path = tmp_path / "图书角情况.docx"
    doc.save(str(path))

    _open_tab(page, "文档")
    page.locator("#gd-docs").get_by_text("中华人民共和国教师法").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.locator("#gd-upload input[type=file]").set_input_files(str(path))  # type: ignore[attr-defined]
    page.locator("#gd-upload").get_by_text("图书角情况").first.wait_for(timeout=30_000)  # name and suffix shown apart  # type: ignore[attr-defined]
    page.locator("#gd-upload-button").click()  # type: ignore[attr-defined]
    page.locator("#gd-ingest-report").get_by_text("已入库").wait_for(timeout=ANSWER_TIMEOUT_MS)  # type: ignore[attr-defined]
    page.locator("#gd-docs").get_by_text(UPLOAD_TITLE).wait_for(timeout=30_000)  # type: ignore[attr-defined]
    _shot(page, "documents.png")

    _open_tab(page, "问答")
    answer = _ask(page, "图书角共有多少册藏书？")
    assert "4321" in answer.locator(".gd-text").inner_text()  # type: ignore[attr-defined]
    assert UPLOAD_TITLE in answer.locator(".gd-sources").inner_text()  # type: ignore[attr-defined]

    _open_tab(page, "文档")
    choice = page.locator("#gd-doc-choice input")  # type: ignore[attr-defined]
    choice.click()
    page.get_by_role("option", name=UPLOAD_TITLE).click()  # type: ignore[attr-defined]
    page.locator("#gd-delete").click()  # asks first  # type: ignore[attr-defined]
    page.locator("#gd-delete-confirm").click()  # type: ignore[attr-defined]
    page.locator("#gd-ingest-report").get_by_text("已删除：").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    page.locator("#gd-docs").get_by_text(UPLOAD_TITLE).wait_for(state="detached", timeout=30_000)  # type: ignore[attr-defined]
    assert "中华人民共和国教师法" in page.locator("#gd-docs").inner_text()  # type: ignore[attr-defined]


def test_every_tab_renders(page: object) -> None:
    for label, name, marker in [
        ("起草", "draft.png", "#gd-draft-topic"),
        ("文档", "documents-list.png", "#gd-docs"),
        ("评测", "evaluate.png", "#gd-eval-run"),
    ]:
        _open_tab(page, label)
        page.locator(marker).wait_for(timeout=10_000)  # type: ignore[attr-defined]
        _shot(page, name)


def test_draft_with_sources_and_word_download(page: object) -> None:
    _open_tab(page, "起草")
    page.locator("#gd-draft-topic textarea, #gd-draft-topic input").first.fill("学校党组织领导下的校长负责制落实情况")  # type: ignore[attr-defined]
    page.locator("#gd-draft-outline textarea").fill("议事决策机制\n党支部领导体系")  # type: ignore[attr-defined]
    page.locator("#gd-draft-run").click()  # type: ignore[attr-defined]
    draft = page.locator("#gd-draft-text .gd-draft")  # type: ignore[attr-defined]
    draft.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert "一、议事决策机制" in draft.inner_text()
    assert draft.locator(".gd-sources mark").count() > 0
    download = page.locator("#gd-draft-download")  # type: ignore[attr-defined]
    download.wait_for(timeout=10_000)
    with page.expect_download() as info:  # type: ignore[attr-defined]
        download.click()
    assert info.value.suggested_filename.endswith(".docx")
    _shot(page, "draft-result.png")


def test_the_length_slider_follows_a_length_typed_in_the_request(page: object) -> None:
    _open_tab(page, "起草")
    topic = page.locator("#gd-draft-topic textarea, #gd-draft-topic input").first  # type: ignore[attr-defined]
    topic.fill("写一份校长负责制落实情况的汇报材料，八百字左右")
    topic.press("Tab")  # leaving the box moves the slider
    number = page.locator("#gd-draft-length input[type=number]")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => document.querySelector('#gd-draft-length input[type=number]').value === '800'", timeout=10_000
    )
    assert number.input_value() == "800"


def test_evaluation_shows_figures_in_words(page: object) -> None:
    _open_tab(page, "评测")
    page.locator("#gd-eval-run").click()  # type: ignore[attr-defined]
    summary = page.locator("#gd-eval-summary")  # type: ignore[attr-defined]
    summary.get_by_text("评测").first.wait_for(timeout=180_000)
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => /评测(完成|时出错|功能尚未就绪)/.test(document.querySelector('#gd-eval-summary').innerText)",
        timeout=180_000,
    )
    assert "评测完成" in summary.inner_text(), summary.inner_text()
    assert "道能回答的题，答对要点" in page.locator("#gd-eval-figures").inner_text()  # type: ignore[attr-defined]
    _shot(page, "evaluate-results.png")
