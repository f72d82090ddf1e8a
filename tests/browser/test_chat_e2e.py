"""The chat in real use: `govdoc serve` in a subprocess, driven by headless Chromium through Playwright.

A conversation survives a page reload and a server restart (and so do the page settings); a
follow-up shows what it was taken to mean; [1] scrolls to and highlights source 1; copy puts the
answer and its sources on the clipboard; the Word export opens with python-docx and holds the
citations as footnotes; a 没帮助 with a correction becomes a test item that ``govdoc eval --testset``
accepts and reports. Screenshots at 390×844 and 1366×900 go to tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from index_checks import CHROMIUM, CHROMIUM_ARGS, GOVDOC, browser_api, child, free_port, wait_listening

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
ANSWER_TIMEOUT_MS = 60_000
FIRST = "教师享有哪些权利？"
FOLLOW_UP = "那学生呢？"
RESOLVED = "学生享有哪些权利？"
PARTY = "哪些事项需要由党支部研究决定？"
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
NAMES = {"Word", "Markdown", "BM25", "API"}  # names, not interface words (file names are left out of the scan)

sync_api = browser_api()


class Server:
    """`govdoc serve` on a free port over a copy of data/, which can be stopped and started again."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_")}
        self.env.update(
            GOVDOC_EMBEDDING__MODE="hashing",
            GOVDOC_STORE__INDEX_DIR=str(work / "index"),
            GOVDOC_DATA_DIR="data",
            GRADIO_ANALYTICS_ENABLED="False",
            HF_HUB_OFFLINE="1",
            PYTHONUNBUFFERED="1",
            PYTHONPATH=str(ROOT),  # this checkout's code, whichever one the console script was installed from
        )
        self._stack: ExitStack | None = None

    def start(self) -> None:
        self._stack = ExitStack()
        log = self.work / "serve.log"
        process = self._stack.enter_context(child([*GOVDOC, "serve", "--port", str(self.port)], self.env, self.work, log))
        wait_listening(self.url, process, log, timeout=180)

    def stop(self) -> None:
        if self._stack is not None:
            self._stack.close()
            self._stack = None

    def govdoc(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*GOVDOC, *args], env=self.env, cwd=self.work, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("chat-e2e")
    shutil.copytree(ROOT / "data", work / "data")
    for path in (work / "data").iterdir():
        path.chmod(0o644)
    site = Server(work)
    site.start()
    yield site
    site.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser: Any, server: Server, size: str = "desktop") -> tuple[Any, Any, list[str]]:
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="zh-CN",
        permissions=["clipboard-read", "clipboard-write"],
        accept_downloads=True,
    )
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(server.url)
    _ready(page)
    return context, page, requests


def _ready(page: Any) -> None:
    page.wait_for_selector("#gd-question textarea", timeout=30_000)
    page.wait_for_function("() => !document.querySelector('.pending, .generating')", timeout=30_000)


def _ask(page: Any, question: str) -> Any:
    """Ask in the 问答 tab; returns the finished answer's message once its actions are shown (it is kept)."""
    before = page.locator("#gd-chat .gd-actions").count()
    box = page.locator("#gd-question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#gd-chat .gd-actions').length > n", arg=before, timeout=ANSWER_TIMEOUT_MS
    )
    page.wait_for_timeout(800)  # the scroll to the answer's start
    return page.locator("#gd-chat .gd-answer:not(.gd-streaming)").last


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def _assert_local(requests: list[str]) -> None:
    outside = [u for u in requests if not u.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:"))]
    assert requests and not outside, f"请求离开了本机：{outside}"


def test_a_conversation_survives_reload_and_restart(browser: Any, server: Server) -> None:
    context, page, requests = _open(browser, server)
    _ask(page, FIRST)
    follow = _ask(page, FOLLOW_UP)
    assert follow.locator(".gd-resolved").inner_text() == f"按「{RESOLVED}」理解"
    _shot(page, "chat-followup-1366x900.png")
    page.locator("#gd-options").click()
    page.locator("#gd-retrieval").get_by_text("按词语", exact=True).click()
    page.wait_for_timeout(1000)  # the setting is saved by its own event

    def check_kept() -> None:
        page.locator("#gd-chat .gd-answer").nth(1).wait_for(timeout=30_000)
        assert page.locator("#gd-chat .gd-answer").count() == 2
        assert page.locator("#gd-chat .gd-resolved").inner_text() == f"按「{RESOLVED}」理解"
        assert FIRST in page.locator("#gd-conversations").inner_text()
        assert page.locator("#gd-conversations input:checked").count() == 1
        page.locator("#gd-options").click()
        assert page.locator("#gd-retrieval input[value=bm25]").is_checked()

    page.reload()
    _ready(page)
    check_kept()
    server.stop()
    server.start()
    page.reload()
    _ready(page)
    check_kept()

    # A new tab of the same browser opens on a new conversation: the kept one is listed, not resumed, so a
    # question asked there is not read as a follow-up of the other tab's.
    other = context.new_page()
    other.goto(server.url)
    _ready(other)
    other.wait_for_function(
        "q => document.querySelector('#gd-conversations').innerText.includes(q)", arg=FIRST, timeout=30_000
    )
    assert other.locator("#gd-chat .gd-answer").count() == 0
    assert other.locator("#gd-conversations input:checked").count() == 0
    other.close()
    page.reload()
    _ready(page)
    check_kept()  # the first tab still has its own

    # A new conversation starts empty; the kept one opens again from the list.
    page.locator("#gd-clear").click()
    page.locator("#gd-chat .gd-answer").first.wait_for(state="detached", timeout=10_000)
    _ask(page, PARTY)
    listing = page.locator("#gd-conversations")
    assert PARTY in listing.inner_text() and FIRST in listing.inner_text()
    listing.get_by_text(FIRST).click()
    page.locator("#gd-chat .gd-resolved").wait_for(timeout=10_000)
    assert page.locator("#gd-chat .gd-answer").count() == 2
    context.close()
    _assert_local(requests)

    # Another browser (another person on a machine without accounts) does not see them.
    context, page, _ = _open(browser, server)
    page.wait_for_timeout(1000)
    assert FIRST not in page.locator("#gd-conversations").inner_text()
    assert page.locator("#gd-chat .gd-answer").count() == 0
    context.close()


def test_marker_copy_and_word_export(browser: Any, server: Server, tmp_path: Path) -> None:
    from docx import Document

    context, page, requests = _open(browser, server)
    _ask(page, FIRST)
    answer = _ask(page, PARTY)
    message = answer.locator("xpath=..")
    # The view shows the new question and the start of its answer, not the end of its sources.
    chat, asked = page.locator("#gd-chat").bounding_box(), page.locator("#gd-chat .gd-question").last.bounding_box()
    assert chat is not None and asked is not None
    assert chat["y"] <= asked["y"] < chat["y"] + chat["height"] / 2

    answer.locator(".gd-marker.gd-n-1").first.click()
    source = answer.locator(".gd-source-1")
    page.wait_for_function("() => document.querySelector('#gd-chat .gd-source.gd-hit') !== null", timeout=5_000)
    assert "gd-hit" in (source.get_attribute("class") or "")
    assert page.locator("#gd-chat .gd-source.gd-hit").count() == 1
    page.wait_for_timeout(800)  # the smooth scroll
    box = source.bounding_box()
    assert box is not None and 0 <= box["y"] < SIZES["desktop"][1]  # scrolled into view
    _shot(page, "chat-source-highlight-1366x900.png")

    message.locator(".gd-act-copy").click()
    message.get_by_text("已复制").wait_for(timeout=5_000)
    copied = page.evaluate("navigator.clipboard.readText()")
    text = answer.locator(".gd-text").inner_text().strip()
    title = answer.locator(".gd-source-1 .gd-source-head b").inner_text()
    assert text[:30] in copied and "参考来源" in copied and f"[1] 【参考范文】《{title}》" in copied
    assert copied.index(text[:30]) < copied.index("参考来源")

    with page.expect_download() as info:
        message.locator(".gd-export-docx").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert path.suffix == ".docx"
    doc = Document(str(path))
    assert any(PARTY in p.text for p in doc.paragraphs)
    footnotes = [p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/footnotes.xml"]
    assert footnotes, "Word 文件里没有脚注"
    xml = footnotes[0].blob.decode("utf-8")
    assert title in xml and "党支部研究决定" in xml
    assert b"footnoteReference" in doc.part.blob

    # 重新回答 on the first answer: answered again and kept in its place, the second one untouched.
    def kept() -> list[tuple[int, str, float]]:
        with sqlite3.connect(server.work / "index" / "govdoc.sqlite3") as conn:
            # This test's conversation is the one whose second turn asked PARTY: an earlier test's conversation
            # may have been saved later (under load), so "the last updated" is not this one.
            rows = conn.execute(
                "SELECT seq, question, created_at FROM conversation_turns WHERE conversation ="
                " (SELECT conversation FROM conversation_turns WHERE question = ? AND seq = 1"
                " ORDER BY created_at DESC LIMIT 1) ORDER BY seq",
                (PARTY,),
            ).fetchall()
        return [(int(r[0]), str(r[1]), float(r[2])) for r in rows]

    before = kept()
    assert [q for _, q, _ in before] == [FIRST, PARTY]
    page.locator("#gd-chat .gd-act-regen.gd-turn-0").click()
    page.wait_for_function(
        "() => document.querySelectorAll('#gd-chat .gd-actions').length === 2", timeout=ANSWER_TIMEOUT_MS
    )
    for _ in range(50):
        if kept()[0][2] > before[0][2]:
            break
        page.wait_for_timeout(200)
    after = kept()
    assert after[0][2] > before[0][2] and after[1] == before[1]
    assert page.locator("#gd-chat .gd-error").count() == 0
    context.close()
    _assert_local(requests)


def test_thumbs_down_becomes_a_test_item_that_eval_runs(browser: Any, server: Server, tmp_path: Path) -> None:
    context, page, requests = _open(browser, server)
    answer = _ask(page, PARTY)
    message = answer.locator("xpath=..")
    message.locator(".gd-act-down").click()
    panel = page.locator("#gd-feedback")
    panel.get_by_text("对第 1 条回答的评价：没帮助").wait_for(timeout=20_000)
    panel.locator("#gd-feedback-comment textarea").fill("只给了一句，不够全")
    panel.locator("#gd-feedback-correction textarea").fill("党的建设、办学方向、改革发展和教职工切身利益等重大事项由党支部研究决定")
    evidence = panel.locator("#gd-feedback-sentence input").input_value()
    assert "党支部研究决定" in evidence  # the cited sentence is picked to begin with
    panel.locator("#gd-feedback-save").click()
    page.locator("#gd-feedback-result").get_by_text("反馈已保存").wait_for(timeout=10_000)
    panel.locator("#gd-feedback-testset").click()
    result = page.locator("#gd-feedback-result")
    result.get_by_text("已加入你的测试集").wait_for(timeout=10_000)
    panel.scroll_into_view_if_needed()
    _shot(page, "chat-feedback-1366x900.png")
    context.close()
    _assert_local(requests)

    files = list((server.work / "index" / "user-testsets").glob("*.jsonl"))
    assert len(files) == 1
    item = json.loads(files[0].read_text(encoding="utf-8").splitlines()[-1])
    assert item["question"] == PARTY and item["answerable"] and item["evidence"] == [evidence]
    assert ["党的建设"] in item["key_points"]
    out = tmp_path / "report"
    done = server.govdoc("eval", "--testset", str(files[0]), "--no-ingest", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "1" in done.stdout and "报告" in done.stdout
    report = (out / "report.json").read_text(encoding="utf-8")
    assert item["id"] in report


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_chat_screenshots(browser: Any, server: Server, size: str) -> None:
    """Screenshots of the chat's own parts at both sizes (looked at by a person; the text is checked here)."""
    width, height = SIZES[size]
    context, page, _ = _open(browser, server, size)
    _shot(page, f"chat-start-{width}x{height}.png")
    answer = _ask(page, FIRST)
    _shot(page, f"chat-answer-{width}x{height}.png")
    answer.locator("xpath=..").locator(".gd-act-down").click()
    # (The panel waits on a server round trip that looks up the cited documents: slow on a loaded 2-core machine.)
    page.locator("#gd-feedback").get_by_text("没帮助").first.wait_for(timeout=60_000)
    page.locator("#gd-feedback").scroll_into_view_if_needed()
    _shot(page, f"chat-feedback-{width}x{height}.png")
    page.locator("#gd-manage").click()
    page.locator("#gd-rename input, #gd-rename textarea").first.fill("教师权利")
    page.locator("#gd-rename-go").click()
    page.locator("#gd-conversations").get_by_text("教师权利").wait_for(timeout=10_000)
    page.locator("#gd-conversations").scroll_into_view_if_needed()  # (on a phone #gd-history lays out its parts apart)
    _shot(page, f"chat-history-{width}x{height}.png")
    shown = page.locator("#gd-tab-chat").inner_text()  # what is rendered visible
    for name in [*page.locator("#gd-tab-chat .gd-file").all_inner_texts(), *NAMES]:
        shown = shown.replace(name, " ")
    english = set(re.findall(r"[A-Za-z]{2,}", shown))
    assert not english, f"问答页上有英文：{english}"
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#gd-delete-conv").click()
    page.locator("#gd-conversations").get_by_text("教师权利").wait_for(state="detached", timeout=10_000)
    assert page.locator("#gd-chat .gd-answer").count() == 0
    context.close()


# The contrast ratio (WCAG 2) of each element's text colour with the background it is drawn on: the
# ancestors' background colours, composited over white from the outermost opaque one inwards.
_CONTRAST = """(selector) => {
  const rgba = (s) => { const v = (s.match(/[\\d.]+/g) || []).map(Number); return v.length === 3 ? [...v, 1] : v; };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
  const lum = (c) => { const f = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
  };
  return [...document.querySelectorAll(selector)].filter((el) => el.checkVisibility()).map((el) => {
    const back = background(el), text = over(rgba(getComputedStyle(el).color), back);
    const [hi, lo] = [lum(text), lum(back)].sort((a, b) => b - a);
    return [el.textContent.trim().slice(0, 30), (hi + 0.05) / (lo + 0.05)];
  });
}"""

# The text lines of the last answer that can be seen (clipped to the message list) and that the
# scroll-to-bottom button's box meets.
_UNDER_BUTTON = """() => {
  const button = document.querySelector('#gd-chat .scroll-down-button-container');
  const list = document.querySelector('#gd-chat [role=log]');
  const answer = [...document.querySelectorAll('#gd-chat .gd-answer')].pop();
  const b = button.getBoundingClientRect(), view = list.getBoundingClientRect();
  const meets = (r, s) => r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
  const hits = [];
  const walker = document.createTreeWalker(answer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || !node.parentElement.checkVisibility()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const line of range.getClientRects()) {
      if (meets(line, view) && meets(line, b)) hits.push(node.textContent.trim().slice(0, 20));
    }
  }
  return hits;
}"""
MIN_CONTRAST = 4.5  # WCAG AA for text under 18.66 px bold / 24 px


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_answer_text_is_legible_and_never_under_the_scroll_button(browser: Any, server: Server, size: str) -> None:
    """The follow-up line, the sources toggle and the answer's buttons reach 4.5:1 contrast; the scroll-to-bottom
    button, shown while the list is scrolled up, covers no line of the last answer."""
    width, height = SIZES[size]
    context, page, _ = _open(browser, server, size)
    _ask(page, FIRST)
    _ask(page, FOLLOW_UP)
    for selector in ("#gd-chat .gd-resolved", "#gd-chat .gd-sources > summary", "#gd-chat .gd-act"):
        measured = page.evaluate(_CONTRAST, selector)
        assert measured, f"页面上没有 {selector}"
        faint = [(text, round(ratio, 2)) for text, ratio in measured if ratio < MIN_CONTRAST]
        assert not faint, f"{selector} 对比度不足 {MIN_CONTRAST}:1：{faint}"
    # Scroll the list so that the last answer's end is just out of view: the button shows over its text.
    page.evaluate("() => { const l = document.querySelector('#gd-chat [role=log]');"
                  " l.scrollTop = l.scrollHeight - l.clientHeight - 150; }")
    page.locator("#gd-chat .scroll-down-button-container").wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    _shot(page, f"chat-scroll-button-{width}x{height}.png")
    covered = page.evaluate(_UNDER_BUTTON)
    assert not covered, f"回到底部按钮盖住了回答的文字：{covered}"
    context.close()
