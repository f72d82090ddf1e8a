"""End to end: versions on the page. `govdoc serve` over three real amended regulations (tests/data/versions),
driven by headless Chromium: the sources panel names each cited version and whether it is current, and
the 文档 tab shows a document's versions and what changed between them, article by article."""

from __future__ import annotations

import os
import shutil
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import CHROMIUM, CHROMIUM_ARGS, GOVDOC, browser_api, child, free_port

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
ANSWER_TIMEOUT_MS = 60_000

sync_api = browser_api()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`govdoc serve` on a free port over a copy of the version pairs, with a hashing-embedder index."""
    work = tmp_path_factory.mktemp("versions-e2e")
    shutil.copytree(ROOT / "tests" / "data" / "versions", work / "data")
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
    url = f"http://127.0.0.1:{port}/"
    started = time.perf_counter()
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
        yield url


@pytest.fixture()
def page(server: str) -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
        tab.goto(server)
        tab.wait_for_selector("#gd-question textarea", timeout=30_000)
        yield tab
        chromium.close()


def _ask(page: object, question: str) -> object:
    """Ask in the 问答 tab of a fresh page; returns the locator of the finished answer."""
    box = page.locator("#gd-question textarea")  # type: ignore[attr-defined]
    box.fill(question)
    box.press("Enter")
    answers = page.locator("#gd-chat .gd-answer:not(.gd-streaming)")  # type: ignore[attr-defined]
    answers.last.wait_for(timeout=ANSWER_TIMEOUT_MS)
    return answers.last


def test_sources_panel_flags_a_superseded_version(page: object) -> None:
    answer = _ask(page, "公安机关对收购企业实行年审吗？")
    assert "已删除" in answer.locator(".gd-text").inner_text()  # type: ignore[attr-defined]
    head = answer.locator(".gd-sources .gd-source-head").first  # type: ignore[attr-defined]
    badge = head.locator(".gd-version-superseded")
    assert "1994年1月25日公布" in badge.inner_text() and "已被取代" in badge.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "versions-sources.png"), full_page=True)  # type: ignore[attr-defined]


def test_sources_panel_names_the_current_version(page: object) -> None:
    answer = _ask(page, "法定节假日前后最多连续上几天班？")  # a provision the 2024 text added
    badges = answer.locator(".gd-sources .gd-source-head .gd-version")  # type: ignore[attr-defined]
    # The finished answer may still be drawn once more (its sources panel last): wait for a badge first.
    badges.first.wait_for(timeout=ANSWER_TIMEOUT_MS)
    assert set(badges.all_inner_texts()) == {"2024年11月10日修订·现行"}


def test_documents_tab_lists_versions_and_shows_the_article_diff(page: object) -> None:
    page.get_by_role("tab", name="文档").click()  # type: ignore[attr-defined]
    # Documents have several versions here: no note saying none has (it shows only when that is so).
    page.locator("#gd-version-group").get_by_text("有多个版本的文档").wait_for()  # type: ignore[attr-defined]
    page.wait_for_timeout(2_000)  # type: ignore[attr-defined]  # the page's load events have run
    assert "目前没有" not in page.locator("#gd-version-list").inner_text()  # type: ignore[attr-defined]
    page.locator("#gd-version-group input").click()  # type: ignore[attr-defined]
    page.get_by_role("option", name="废旧金属收购业治安管理办法（2 个版本）").click()  # type: ignore[attr-defined]
    diff = page.locator("#gd-version-diff")  # type: ignore[attr-defined]
    diff.locator(".gd-diff").wait_for(timeout=30_000)
    listing = page.locator("#gd-version-list").inner_text()  # type: ignore[attr-defined]
    assert "2023年7月20日修订" in listing and "现行" in listing and "1994年1月25日公布" in listing
    assert "删除 3 条" in diff.inner_text()
    deleted = diff.locator(".gd-change-deleted")
    assert deleted.count() == 3 and "年审" in deleted.nth(1).inner_text()
    changed = diff.locator(".gd-change-changed").first
    assert changed.locator("del").count() > 0 and changed.locator("ins").count() > 0
    page.screenshot(path=str(ARTIFACTS / "versions-diff.png"), full_page=True)  # type: ignore[attr-defined]


def test_the_document_view_lists_a_documents_versions(page: object) -> None:
    page.get_by_role("tab", name="文档").click()  # type: ignore[attr-defined]
    page.locator("#gd-doc-choice input").click()  # type: ignore[attr-defined]
    page.get_by_role("option").filter(has_text="废旧金属收购业治安管理办法").first.click()  # type: ignore[attr-defined]
    shown = page.locator("#gd-doc-versions")  # type: ignore[attr-defined]
    shown.get_by_text("这份文档共有 2 个版本").wait_for(timeout=30_000)
    text = shown.inner_text()
    assert "2023年7月20日修订" in text and "1994年1月25日公布" in text and "现行" in text and "已被取代" in text
    assert ".md" not in text and "/" not in text  # files by the names users know
    page.screenshot(path=str(ARTIFACTS / "versions-document-view.png"), full_page=True)  # type: ignore[attr-defined]


def test_correcting_versions_twice_in_a_row_warns_of_an_older_current_text(page: object) -> None:
    """The 更正版本 form: saving with no document chosen says so in Chinese; making the older text current warns,
    and a second correction right after (setting the newer one back) is saved without reloading the page."""
    page.get_by_role("tab", name="文档").click()  # type: ignore[attr-defined]
    page.locator("#gd-version-group").get_by_text("有多个版本的文档").wait_for()  # type: ignore[attr-defined]
    page.wait_for_timeout(2_000)  # type: ignore[attr-defined]  # the page's load events have run
    fix = page.locator("#gd-version-fix")  # type: ignore[attr-defined]
    fix.get_by_text("更正版本").first.click()
    message = page.locator("#gd-version-message")  # type: ignore[attr-defined]
    page.locator("#gd-version-save").click()  # type: ignore[attr-defined]
    message.get_by_text("请先选择要更正的文档").wait_for(timeout=30_000)
    assert page.locator(".toast-body.error").count() == 0  # type: ignore[attr-defined]  # no program error popped up

    def choose(box: str, name: str) -> None:
        page.locator(f"{box} input").click()  # type: ignore[attr-defined]
        page.get_by_role("option").filter(has_text=name).first.click()  # type: ignore[attr-defined]
        page.wait_for_timeout(1_000)  # type: ignore[attr-defined]

    choose("#gd-version-group", "废旧金属收购业治安管理办法（2 个版本）")
    page.locator("#gd-version-diff .gd-diff").wait_for(timeout=30_000)  # type: ignore[attr-defined]
    choose("#gd-version-doc", "1994年1月25日公布")
    page.locator("#gd-version-current input").check()  # type: ignore[attr-defined]
    page.locator("#gd-version-save").click()  # type: ignore[attr-defined]
    message.get_by_text("注意").wait_for(timeout=30_000)
    assert "早于同一文件" in message.inner_text()
    # The panel is filled again: 设为现行版本 is unticked, and the list says which text is current now.
    page.wait_for_function(  # type: ignore[attr-defined]
        "() => !document.querySelector('#gd-version-current input').checked"
        " && /1994年1月25日公布\\s*现行/.test(document.querySelector('#gd-version-list').innerText)",
        timeout=30_000,
    )
    # The group stays chosen: the next correction picks from choices the server still holds.
    choose("#gd-version-doc", "2023年7月20日修订")
    page.locator("#gd-version-current input").check()  # type: ignore[attr-defined]
    page.locator("#gd-version-save").click()  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        # The second save's own message, whole (the first one's warning also names 2023年7月20日修订 and 现行).
        "() => /^已更正：《[^》]*》2023年7月20日修订，第 2\\/2 版，现行。$/"
        ".test(document.querySelector('#gd-version-message').innerText.trim())",
        timeout=30_000,
    )
    assert "注意" not in message.inner_text() and "无效" not in message.inner_text()
    assert page.locator(".toast-body.error").count() == 0  # type: ignore[attr-defined]
    listing = page.locator("#gd-version-list").inner_text()  # type: ignore[attr-defined]
    assert listing.index("2023年7月20日修订") < listing.index("现行") < listing.index("1994年1月25日公布")
