"""Fifty files uploaded at once on the 文档 tab: the last one is answered with its citation straight away,
and the vector progress bar under the import result reaches 100%.

`govdoc serve` (hashing embedder) driven by headless Chromium; the files are small real regulations
written here, the last one on a subject no other file touches.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import screens
from index_checks import CHROMIUM, CHROMIUM_ARGS, browser_api

pytestmark = pytest.mark.browser

sync_api = browser_api()
COUNT = 50
LAST_TITLE = "校园果树养护办法"
LAST_TEXT = (
    f"# {LAST_TITLE}\n\n第一条 校园内的果树由总务处负责养护，每年三月修剪一次。\n\n"
    "第二条 果实成熟后由学生会组织采摘，分给各班品尝。\n"
)


def _write_files(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for n in range(1, COUNT):
        path = folder / f"片区{n:02d}公共事务办法.md"
        path.write_text(
            f"# 第{n}片区公共事务办法\n\n第一条 本办法适用于第{n}片区的道路、路灯和绿地。\n\n"
            f"第二条 第{n}片区的公共事务由片区居民委员会登记，每季度公布一次。\n",
            encoding="utf-8",
        )
        paths.append(path)
    last = folder / f"{LAST_TITLE}.md"
    last.write_text(LAST_TEXT, encoding="utf-8")
    return [*paths, last]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with screens.served(tmp_path_factory.mktemp("many")) as url:
        yield url


def test_fifty_uploads_answer_the_last_at_once_and_vectors_reach_full(site: str, tmp_path: Path) -> None:
    files = _write_files(tmp_path / "files")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
        page.set_default_timeout(30_000)
        page.goto(site)
        screens.loaded(page)
        screens.open_tab(page, "文档")
        page.locator("#gd-upload input[type=file]").set_input_files([str(f) for f in files])
        page.locator("#gd-upload").get_by_text(LAST_TITLE).first.wait_for()
        page.locator("#gd-upload-button").click()
        report = page.locator("#gd-ingest-report")
        # The final report, not the progress line over it ("[1/1] 读取 校园果树养护办法.md" names the
        # file while it is still being read): its summary exists only once every upload is indexed.
        report.get_by_text("资料共").first.wait_for(timeout=180_000)
        assert f"已入库：{LAST_TITLE}" in report.inner_text()
        finished = time.monotonic()
        assert "未入库" not in report.inner_text()

        # Ask about the last file at once, while its vectors may still be computed.
        screens.open_tab(page, "问答")
        box = page.locator("#gd-question textarea")
        box.fill("校园果树由哪个部门负责养护？")
        box.press("Enter")
        answer = page.locator("#gd-chat .gd-answer:not(.gd-streaming)").last
        answer.wait_for(timeout=180_000)  # generous: the embedder shares the cores with the page (no timing test)
        asked = time.monotonic() - finished
        text = answer.inner_text()
        assert answer.locator(".gd-source-1").count() == 1, text
        assert "总务处" in text and LAST_TITLE in text, text
        print(f"answered with its citation {asked:.1f} s after the upload finished")  # the figure, not a test

        # The bar under the import result reaches 100%, in Chinese.
        screens.open_tab(page, "文档")
        shown = page.locator("#gd-vectors")
        shown.get_by_text("按意思查找已准备好").wait_for(timeout=120_000)
        bar = page.locator("#gd-vectors-bar")
        assert bar.get_attribute("value") == bar.get_attribute("max")
        assert "全部" in shown.inner_text()
        browser.close()
