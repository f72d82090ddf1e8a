"""The 文档 and 评测 tabs and the page's words, in real use: `govdoc serve` driven by headless Chromium.

- every tab, in use, at 390×844 (browser set to English) and 1366×900: screenshots in tests/artifacts/,
  and no English interface word in the visible text, progress text included, nor in tooltips and the
  names a screen reader speaks (`screens.py`);
- delete asks first, says the uploaded original is kept, and keeps it (moved out of the data folder);
- the document view shows the cleaned text cut at its chunk borders, each chunk with its section path;
- the evaluation shows each figure in words with its goal and a verdict, 误拒 apart, failed items whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import screens
from index_checks import CHROMIUM, CHROMIUM_ARGS, browser_api

pytestmark = pytest.mark.browser

UPLOAD_NAME = "图书角情况.docx"
UPLOAD_TITLE = "青松镇中心小学图书角建设情况"
SECTIONS = ("一、基本情况", "二、下一步打算")
LAW = "中华人民共和国教师法"

sync_api = browser_api()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The page's URL and the folder it serves from (data/ and index/ inside)."""
    work = tmp_path_factory.mktemp("pages")
    with screens.served(work) as url:
        yield url, work


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, site: tuple[str, Path]) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.goto(site[0])
    screens.loaded(tab)
    yield tab
    context.close()


def test_every_tab_at_both_sizes_has_no_english(browser: Any, site: tuple[str, Path]) -> None:
    shots = screens.capture(browser, site[0], screens.ARTIFACTS)
    assert {(s.tab, s.size) for s in shots} == {
        (tab, (w, h)) for tab, _, _ in screens.TABS for w, h, _ in screens.SIZES
    }
    assert all(s.path.stat().st_size > 10_000 for s in shots)  # a real picture, not a blank page
    english = {f"{s.tab} {s.size[0]}×{s.size[1]}": s.english for s in shots if s.english}
    assert not english, english
    # Nor in tooltips and the names a screen reader gives the controls (gradio's own are English).
    unseen = {f"{s.tab} {s.size[0]}×{s.size[1]}": s.unseen_english for s in shots if s.unseen_english}
    assert not unseen, unseen


def test_english_words_are_found_and_names_pass() -> None:
    assert screens.english_words("处理中 processing | 0.3/0.1s steps") == ["processing", "steps"]
    assert screens.english_words("下载 Word 文档；支持 PDF、API；教师法(2009-08-27).md") == []


def test_the_link_down_to_the_conversations_shows_on_a_phone_only(page: Any) -> None:
    # On a desktop the list stands beside the chat, under 新建对话: no link to it.
    assert page.locator("#gd-conversations").is_visible()
    assert not page.locator("#gd-jump").is_visible()


def test_an_error_popup_is_titled_in_chinese(page: Any) -> None:
    # Renaming with no conversation kept raises gr.Error; gradio titles every error popup "Error".
    page.locator("#gd-manage").get_by_text("重命名、删除或导出对话").click()
    page.locator("#gd-rename-go").click()
    popup = page.locator("[data-testid=toast-body]").first
    popup.wait_for(timeout=10_000)
    popup.get_by_text("出错了").wait_for(timeout=5_000)
    text = popup.inner_text()
    assert "请先选择一个已保存的对话" in text and screens.english_words(text) == [], text


def test_a_file_over_the_upload_limit_is_refused_in_chinese_and_not_sent(page: Any, tmp_path: Path) -> None:
    # gradio's own check (max_file_size, the upload limit) refuses it in the browser, in English words.
    big = tmp_path / "大文件.md"
    big.write_bytes(b"# x\n" + b"a" * (21 * 1024 * 1024))  # the default limit is 20 MB
    page.get_by_role("tab", name="文档").click()
    page.locator("#gd-upload-box input[type=file]").first.set_input_files(str(big))
    popup = page.locator("[data-testid=toast-body]").first
    popup.wait_for(timeout=10_000)
    popup.get_by_text("文件过大").wait_for(timeout=5_000)
    text = popup.inner_text()
    assert "大文件.md" in text and "20 MB" in text and screens.english_words(text) == [], text


def _make_docx(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading(UPLOAD_TITLE, level=1)
    doc.add_paragraph(SECTIONS[0])
    doc.add_paragraph("学校高度重视阅读工作。青松镇中心小学的图书角共有藏书4321册。图书每学期更新一次。" * 3)
    doc.add_paragraph(SECTIONS[1])
    doc.add_paragraph("下一步将增设流动书架，每月举办一次读书分享会。" * 3)
    doc.save(str(path))
    return path


def _choose(page: Any, title: str) -> None:
    page.locator("#gd-doc-choice input").click()
    page.get_by_role("option", name=title).first.click()


def test_document_view_and_delete_asks_first(page: Any, site: tuple[str, Path], tmp_path: Path) -> None:
    _, work = site
    page.get_by_role("tab", name="文档").click()
    page.locator("#gd-docs-shared").get_by_text(LAW).first.wait_for()
    page.locator("#gd-upload input[type=file]").set_input_files(str(_make_docx(tmp_path / UPLOAD_NAME)))
    page.locator("#gd-upload").get_by_text(Path(UPLOAD_NAME).stem).first.wait_for()  # gradio shows name and suffix apart
    page.locator("#gd-upload-button").click()
    page.locator("#gd-ingest-report").get_by_text("已入库").wait_for(timeout=60_000)
    uploaded = page.locator("#gd-docs-uploaded")
    uploaded.get_by_text(UPLOAD_TITLE).wait_for()
    assert UPLOAD_TITLE not in page.locator("#gd-docs-shared").inner_text()  # kept apart from the bundled laws
    stored = work / "data" / "uploads" / UPLOAD_NAME
    assert stored.is_file()

    # The view: the cleaned text at its chunk borders, each chunk with its section path.
    _choose(page, UPLOAD_TITLE)
    chunks = page.locator("#gd-doc-view .gd-chunk")
    chunks.first.wait_for()
    head = page.locator("#gd-doc-head").inner_text()
    assert UPLOAD_TITLE in head and "上传的文档" in head
    count = int(re.search(r"资料段落数：\s*(\d+)", head).group(1))  # type: ignore[union-attr]
    assert chunks.count() == count >= 1
    paths = page.locator("#gd-doc-view .gd-chunk-path").all_inner_texts()
    assert any(SECTIONS[0] in p for p in paths) and any(SECTIONS[1] in p for p in paths), paths
    assert [f"第 {n} 段" for n in range(1, count + 1)] == page.locator("#gd-doc-view .gd-chunk-n").all_inner_texts()
    assert "4321册" in page.locator("#gd-doc-view").inner_text()

    # Delete asks first, and says the original is kept; 取消 deletes nothing.
    confirm = page.locator("#gd-delete-confirm-box").first  # gradio gives a group its id twice (outer and inner)
    page.locator("#gd-delete").click()
    confirm.wait_for()
    asked = page.locator("#gd-delete-question").inner_text()
    assert "确定要删除" in asked and "原文件默认保留" in asked, asked
    assert page.locator("#gd-delete-file").is_visible()
    assert UPLOAD_TITLE in uploaded.inner_text() and stored.is_file()
    screens.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screens.ARTIFACTS / "documents-delete-asks-1366x900.png"), full_page=True)
    page.locator("#gd-delete-cancel").click()
    confirm.wait_for(state="hidden")
    assert UPLOAD_TITLE in uploaded.inner_text() and stored.is_file()

    # Confirmed, unticked: gone from the index and the list, the original kept out of the data folder.
    page.locator("#gd-delete").click()
    confirm.wait_for()
    page.locator("#gd-delete-confirm").click()
    page.locator("#gd-ingest-report").get_by_text("原文件已保留").wait_for()
    uploaded.get_by_text(UPLOAD_TITLE).wait_for(state="detached")
    assert not stored.exists()
    assert (work / "index" / "已移出索引的上传文件" / UPLOAD_NAME).is_file()

    # A data-folder document: the question says the file stays, and offers no file deletion.
    _choose(page, LAW)
    page.locator("#gd-doc-view .gd-chunk").first.wait_for()
    page.locator("#gd-delete").click()
    confirm.wait_for()
    assert "原文件不会被删除" in page.locator("#gd-delete-question").inner_text()
    assert not page.locator("#gd-delete-file").is_visible()
    page.locator("#gd-delete-cancel").click()
    assert LAW in page.locator("#gd-docs-shared").inner_text()


def test_evaluation_in_words_with_verdicts(page: Any) -> None:
    page.get_by_role("tab", name="评测").click()
    page.locator("#gd-eval-run").click()
    figures = page.locator("#gd-eval-figures .gd-figure")
    figures.first.wait_for(timeout=screens.EVAL_TIMEOUT_MS)
    texts = figures.all_inner_texts()
    assert any(re.search(r"\d+ 道能回答的题，答对要点 [\d.]+%", t) for t in texts), texts
    judged = page.locator("#gd-eval-figures .gd-figure:has(.gd-verdict)")
    assert judged.count() >= 5
    for text in judged.all_inner_texts():
        assert "目标：" in text and ("达标" in text or "未达标" in text), text
    groups = page.locator("#gd-eval-figures .gd-eval-group").all_inner_texts()
    assert any(g.startswith("误拒") for g in groups), groups
    wrong = page.locator("#gd-eval-figures .gd-figures").nth(1).inner_text()
    assert "误答成“资料中未找到”" in wrong and "目标：不高于 5%" in wrong
    summary = page.locator("#gd-eval-summary").inner_text()
    assert summary.startswith("评测完成：内置测试集共")
    tab = page.locator("#gd-tab-eval").inner_text()
    for word in ("MRR", "@", "llm", "LLM", "default", "extractive", "命中率"):
        assert word not in tab, word
    # Failed items whole: every card shows its whole answer, nothing runs off to the right.
    cards = page.locator("#gd-eval-failed .gd-failed")
    assert cards.count() >= 1
    overflow = page.evaluate(
        "() => [...document.querySelectorAll('#gd-eval-failed .gd-failed, #gd-eval-failed dd')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert overflow == 0
    assert "实际回答" in cards.first.inner_text()


def test_a_source_opens_its_document_at_the_quote(page: Any) -> None:
    """"在文档中查看" under source 1 opens the 文档 tab's view of that document, scrolled to the cited
    chunk with the quoted sentence highlighted."""
    box = page.locator("#gd-question textarea")
    box.fill(screens.QUESTION)
    box.press("Enter")
    source = page.locator("#gd-chat .gd-source-1").last
    source.locator(".gd-open-doc").wait_for(timeout=screens.ANSWER_TIMEOUT_MS)
    title = source.locator(".gd-source-head b").inner_text()
    quote = source.locator("mark").inner_text()
    source.locator(".gd-open-doc").click()
    hit = page.locator("#gd-doc-view .gd-chunk.gd-hit")
    hit.wait_for(timeout=30_000)
    assert page.get_by_role("tab", name="文档").get_attribute("aria-selected") == "true"
    assert page.locator("#gd-doc-choice input").input_value().startswith(title)
    assert title in page.locator("#gd-doc-head").inner_text()
    assert hit.count() == 1 and hit.locator("mark").inner_text() == quote
    page.wait_for_function(
        "() => { const r = document.querySelector('#gd-doc-view .gd-hit').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }",
        timeout=10_000,
    )  # scrolled to it
    # Choosing another document shows it plainly; the cited one, chosen again, is at its quote again.
    _choose(page, LAW)
    page.locator("#gd-doc-head").get_by_text(LAW).first.wait_for()
    assert page.locator("#gd-doc-view .gd-hit").count() == 0


def test_the_evaluation_tab_lists_the_users_feedback(page: Any) -> None:
    box = page.locator("#gd-question textarea")
    box.fill("教师享有哪些权利？")
    box.press("Enter")
    page.locator("#gd-chat .gd-act-down").last.wait_for(timeout=screens.ANSWER_TIMEOUT_MS)
    page.locator("#gd-chat .gd-act-down").last.click()
    panel = page.locator("#gd-feedback")
    panel.get_by_text("没帮助").first.wait_for(timeout=20_000)
    panel.locator("#gd-feedback-comment textarea").fill("漏了第七条")
    panel.locator("#gd-feedback-correction textarea").fill("还应包括参加进修或者其他方式的培训")
    panel.locator("#gd-feedback-save").click()
    page.locator("#gd-feedback-result").get_by_text("反馈已保存").wait_for(timeout=10_000)
    page.get_by_role("tab", name="评测").click()
    item = page.locator("#gd-feedback-list .gd-feedback-item").filter(has_text="教师享有哪些权利？")
    item.first.wait_for(timeout=20_000)
    text = item.first.inner_text()
    for part in ("没帮助", "漏了第七条", "还应包括参加进修或者其他方式的培训", "未加入测试集", "回答"):
        assert part in text, (part, text)
    assert "反馈人" not in text  # the local user's own list names nobody


def test_on_a_phone_the_answer_is_in_view_and_the_header_wraps_between_phrases(
    browser: Any, site: tuple[str, Path]
) -> None:
    width, height = 390, 844
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    phone = context.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(site[0])
    screens.loaded(phone)
    # The title on one line; the tagline breaks only between its two phrases, each on one line.
    lines = phone.evaluate(
        "() => [document.querySelector('#gd-header h1'), ...document.querySelectorAll('#gd-header .gd-tagline span')]"
        ".map(e => { const r = document.createRange(); r.selectNodeContents(e);"
        " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })"
    )
    assert lines == [1, 1, 1], lines
    box = phone.locator("#gd-question textarea")
    box.fill("教师享有哪些权利？")
    box.press("Enter")
    phone.locator("#gd-chat .gd-actions").first.wait_for(timeout=screens.ANSWER_TIMEOUT_MS)
    # The page scrolls up from the input box to the question and the start of its answer.
    phone.wait_for_function(
        "() => { const r = document.querySelector('#gd-chat .gd-question').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight / 2; }",
        timeout=10_000,
    )
    text = phone.locator("#gd-chat .gd-answer .gd-text").first.bounding_box()
    assert text is not None and 0 <= text["y"] < height
    screens.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.screenshot(path=str(screens.ARTIFACTS / "chat-answered-390x844.png"))
    context.close()


def test_on_a_phone_the_question_box_comes_before_the_history_and_file_names_break_between_words(
    browser: Any, site: tuple[str, Path]
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    phone = context.new_page()
    phone.set_default_timeout(30_000)
    phone.goto(site[0])
    screens.loaded(phone)
    box = phone.locator("#gd-question textarea").bounding_box()
    listing = phone.locator("#gd-conversations").bounding_box()
    assert box is not None and listing is not None
    assert box["y"] + box["height"] <= listing["y"], (box, listing)
    # On opening, the box shows whole on the first screen, with 新建对话 and the link down to the list above the chat.
    assert box["y"] + box["height"] <= 844, box
    chat = phone.locator("#gd-chat").bounding_box()
    assert chat is not None
    for control in ("#gd-clear", "#gd-jump a"):
        place = phone.locator(control).bounding_box()
        assert place is not None and place["y"] + place["height"] <= chat["y"], (control, place, chat)
    phone.locator("#gd-jump a").click()
    phone.wait_for_function(
        "() => { const r = document.querySelector('#gd-conversations').getBoundingClientRect();"
        " return r.top >= 0 && r.top < window.innerHeight; }"
    )
    # The document list names each file under its title; a date in the name, "(2009-08-27)", stays on
    # one line (it was broken as "(2009-0 / 8-27)").
    screens.open_tab(phone, "文档")
    phone.locator("#gd-docs .gd-doc-table .gd-file").first.wait_for()
    dates = phone.evaluate(
        "() => [...document.querySelectorAll('#gd-docs .gd-doc-table .gd-file')].flatMap(e => {"
        " const t = document.createTreeWalker(e, NodeFilter.SHOW_TEXT); const found = [];"
        " for (let n = t.nextNode(); n; n = t.nextNode()) { const m = n.data.match(/\\(\\d{4}-\\d{2}-\\d{2}\\)/);"
        " if (!m) continue; const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);"
        " found.push([m[0], new Set([...r.getClientRects()].map(x => Math.round(x.top))).size]); }"
        " return found; })"
    )
    assert dates, "no file name with a date in the document list"
    assert all(lines == 1 for _, lines in dates), dates
    context.close()
