"""End to end with accounts: a live `govdoc serve` on 0.0.0.0, driven by headless Chromium through Playwright.

Two schools share the server (甲校 and 乙校, a knowledge base each); the bundled 教师法 is in the
shared base and one document is only in 乙校. The editor of 甲校 logs in through the Chinese login
page (after a wrong password), asks about the shared law, is refused on 乙校's document and never sees
its title, path or base, uploads a file into 甲校, and logs out; the page's /config then answers 401.
Every request the browser makes is recorded, and the test fails on any to a host other than the
server. Screenshots of the logged-in page, the 文档 tab and the upload go to a temporary folder
(printed; keep it with ``--basetemp``).
"""

from __future__ import annotations

import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from index_checks import (
    CHROMIUM,
    CHROMIUM_ARGS,
    GOVDOC,
    browser_api,
    child,
    free_port,
    govdoc_env,
    wait_listening,
)
from index_checks import govdoc_ok as _govdoc

from govdoc.access import COOKIE

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-42"
EDITOR = "编辑甲"
READER = "读者丙"
ADMIN = "管理员丁"
NEW_PASSWORD = "battery-staple-43"
LAW_TITLE = "中华人民共和国教师法"
SHARED_QUESTION = "教师享有哪些权利？"
SCHOOL_B_TITLE = "乙校游泳馆开放管理办法"
SCHOOL_B_FACT = "乙校游泳馆每周四下午向教职工开放，由工会负责登记"
SCHOOL_B_QUESTION = "乙校游泳馆什么时候向教职工开放？"
SCHOOL_B_FOLDER = "乙校资料"
UPLOAD_NAME = "甲校值班制度.md"
UPLOAD_TITLE = "甲校周末值班制度"
REFUSAL = "没有找到"  # the refusal says nothing answering was found (资料中未找到…, 没有找到能回答…)
ANSWER_TIMEOUT_MS = 60_000

sync_api = browser_api()


@dataclass
class Site:
    base: str  # http://127.0.0.1:PORT, no trailing slash
    root: Path
    log: Path


@dataclass
class Recorder:
    """Every URL the browser asked for; ``outside`` those to another host (aborted, never sent)."""

    host: str
    seen: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def note(self, url: str) -> None:
        self.seen.append(url)
        if urlsplit(url).scheme in ("data", "blob", "about"):
            return
        if urlsplit(url).netloc != self.host:
            self.outside.append(url)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """`govdoc serve` on 0.0.0.0 with an editor of 甲校, the shared law, and one document only in 乙校."""
    root = tmp_path_factory.mktemp("login-e2e")
    data = root / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "教师法(2009-08-27).md", data)
    inbox_b = root / SCHOOL_B_FOLDER
    inbox_b.mkdir()
    (inbox_b / "游泳馆.md").write_text(f"# {SCHOOL_B_TITLE}\n\n第一条 {SCHOOL_B_FACT}。\n", encoding="utf-8")
    port = free_port()
    env = govdoc_env(root / "index", GOVDOC_DATA_DIR=str(data), GOVDOC_UI__PORT=str(port), GOVDOC_UI__HOST="0.0.0.0")
    _govdoc(["user", "add", EDITOR, "--role", "editor", "--password-stdin"], env, root, PASSWORD + "\n")
    _govdoc(["user", "add", READER, "--role", "reader", "--password-stdin"], env, root, PASSWORD + "\n")
    _govdoc(["user", "add", ADMIN, "--role", "admin", "--password-stdin"], env, root, PASSWORD + "\n")
    for kb in ("甲校", "乙校"):
        _govdoc(["kb", "add", kb], env, root)
    _govdoc(["kb", "grant", "甲校", EDITOR, "editor"], env, root)
    _govdoc(["ingest", "--kb", "乙校", str(inbox_b)], env, root)
    log = root / "serve.log"
    base = f"http://127.0.0.1:{port}"
    with child([*GOVDOC, "serve"], env, root, log) as process:
        wait_listening(base + "/login", process, log)
        yield Site(base, root, log)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def shots(tmp_path: Path) -> Path:
    folder = tmp_path / "screenshots"
    folder.mkdir()
    print(f"screenshots: {folder}")
    return folder


def _shot(page: Any, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / name), full_page=True)


def _ask(page: Any, question: str) -> Any:
    """Ask in the 问答 tab; returns the finished answer (the last assistant message)."""
    answers = page.locator("#gd-chat .gd-answer:not(.gd-streaming)")
    before = answers.count()
    box = page.locator("#gd-question textarea")
    box.fill(question)
    page.locator("#gd-ask").click()
    answers.nth(before).wait_for(timeout=ANSWER_TIMEOUT_MS)
    return answers.nth(before)


def _options(page: Any, elem_id: str) -> list[str]:
    """The choices a dropdown offers (opened, read, closed again)."""
    page.locator(f"#{elem_id} input").first.click()
    listbox = page.get_by_role("listbox")  # gradio shows one list, for the dropdown that has focus
    listbox.wait_for(timeout=10_000)
    names = [t.replace("✓", "").strip() for t in listbox.get_by_role("option").all_inner_texts()]
    page.keyboard.press("Escape")
    page.locator("#gd-header").click()
    listbox.wait_for(state="detached", timeout=10_000)
    return names


def _table_row(page: Any, text: str) -> Any:
    """The row of a document list holding ``text``."""
    return page.locator("#gd-docs tbody tr").filter(has_text=text).first


def test_editor_logs_in_asks_uploads_and_logs_out(site: Site, browser: Any, shots: Path, tmp_path: Path) -> None:
    host = urlsplit(site.base).netloc
    recorder = Recorder(host)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    context.on("request", lambda r: recorder.note(r.url))
    # Abort anything to another host, so a leak is recorded and never sent.
    context.route(lambda url: urlsplit(url).netloc not in ("", host), lambda route: route.abort())
    page = context.new_page()
    page.on("websocket", lambda ws: recorder.note(ws.url))
    page.set_default_timeout(30_000)
    try:
        _flow(page, site, shots, tmp_path)
    finally:
        context.close()
    assert recorder.seen, "no request recorded"
    assert not recorder.outside, f"请求离开了本服务（{host}）：{recorder.outside}"


def _flow(p: Any, site: Site, shots: Path, tmp_path: Path) -> None:
    # 1. No credentials: the Chinese login page; a wrong password is said so.
    p.goto(site.base + "/")
    assert urlsplit(p.url).path == "/login", p.url
    assert p.title() == "登录 · govdoc 公文助手"
    assert p.locator("h1").inner_text() == "公文问答与起草助手"
    assert p.locator("html").get_attribute("lang") == "zh-CN"
    p.get_by_label("用户名").fill(EDITOR)
    p.get_by_label("密码").fill("wrong-password-1")
    with p.expect_navigation():
        p.get_by_role("button", name="登录").click()
    assert urlsplit(p.url).path == "/login"
    assert p.locator(".err").inner_text() == "用户名或密码不正确。"
    _shot(p, shots, "0-login-refused.png")

    # 2. The editor of 甲校 logs in through the form; the header names them and offers 退出登录.
    p.get_by_label("用户名").fill(EDITOR)
    p.get_by_label("密码").fill(PASSWORD)
    with p.expect_navigation():
        p.get_by_role("button", name="登录").click()
    assert urlsplit(p.url).path == "/", p.url
    p.locator("#gd-question textarea").wait_for()
    user = p.locator("#gd-user")
    user.get_by_text("退出登录").wait_for()
    assert EDITOR in user.inner_text() and "编辑" in user.inner_text()
    _shot(p, shots, "1-logged-in.png")

    # 3. A question the shared law answers: an answer with its sources.
    answer = _ask(p, SHARED_QUESTION)
    assert answer.locator(".gd-refused").count() == 0, answer.inner_text()
    assert answer.locator(".gd-text").inner_text().strip()
    sources = answer.locator(".gd-sources .gd-source")
    assert sources.count() >= 1
    assert "教师法" in answer.locator(".gd-sources").inner_text()

    # 4. A question only 乙校's document answers: refused, and nothing of it shows.
    refused = _ask(p, SCHOOL_B_QUESTION)
    assert REFUSAL in refused.locator(".gd-refused").inner_text()
    # The reason may quote the reader's own word (the same whether or not another school has it).
    shown = refused.inner_text().replace("查到的相关内容里没有提到「游泳馆」", "")
    assert "游泳馆" not in shown and SCHOOL_B_FOLDER not in shown and refused.locator(".gd-sources").count() == 0
    kb_choices = _options(p, "gd-kb-choice")
    assert "甲校" in kb_choices and "乙校" not in kb_choices, kb_choices
    _shot(p, shots, "2-refused.png")
    p.get_by_role("tab", name="文档").click()
    docs = p.locator("#gd-docs")
    _table_row(p, LAW_TITLE).wait_for()
    table = docs.text_content()  # hidden text too
    for secret in (SCHOOL_B_TITLE, "游泳馆", SCHOOL_B_FOLDER, "乙校"):
        assert secret not in table, (secret, table)
    assert "公共资料" in _table_row(p, LAW_TITLE).inner_text()
    upload_choices = _options(p, "gd-upload-kb")
    assert upload_choices == ["甲校"], upload_choices
    _shot(p, shots, "3-documents.png")

    # 5. Upload a .md into 甲校 through the 文档 tab.
    path = tmp_path / UPLOAD_NAME
    path.write_text(f"# {UPLOAD_TITLE}\n\n第一条 甲校周末值班由总务处安排，值班教师七点到岗。\n", encoding="utf-8")
    target = p.locator("#gd-upload-kb")
    if "甲校" not in target.inner_text():  # preselected for a user who edits one base; choose it otherwise
        target.locator("input").first.click()
        p.get_by_role("listbox").get_by_role("option", name="甲校").click()
        p.locator("#gd-header").click()
    assert "甲校" in target.inner_text()
    p.locator("#gd-upload input[type=file]").set_input_files(str(path))
    p.locator("#gd-upload").get_by_text(Path(UPLOAD_NAME).stem).first.wait_for()  # name and suffix shown apart
    p.locator("#gd-upload-button").click()
    p.locator("#gd-ingest-report").get_by_text("已入库").wait_for(timeout=ANSWER_TIMEOUT_MS)
    row = _table_row(p, UPLOAD_TITLE)
    row.wait_for()
    # The file by the name its user knows: no folder, no extension.
    assert "甲校" in row.inner_text() and Path(UPLOAD_NAME).stem in row.inner_text(), row.inner_text()
    assert UPLOAD_NAME not in row.inner_text() and "uploads/" not in row.inner_text()
    assert UPLOAD_TITLE in p.locator("#gd-docs-uploaded").inner_text()  # listed apart from the shared law
    assert "乙校" not in docs.text_content()
    _shot(p, shots, "4-uploaded.png")

    # 6. 退出登录: back at the login page, and the page's /config is closed again.
    with p.expect_navigation():
        p.locator("#gd-user").get_by_text("退出登录").click()
    assert urlsplit(p.url).path == "/login", p.url
    p.get_by_label("用户名").wait_for()
    assert not [c for c in p.context.cookies() if c["name"] == COOKIE and c["value"]], p.context.cookies()
    status = p.evaluate("async () => (await fetch('/config', {credentials: 'same-origin'})).status")
    assert status == 401
    p.goto(site.base + "/")
    assert urlsplit(p.url).path == "/login", p.url
    try:  # and without the browser, the same: nothing answers without a login
        urllib.request.urlopen(site.base + "/config", timeout=10)
    except urllib.error.HTTPError as exc:
        assert exc.code == 401
    else:
        pytest.fail("/config answered without a login")


def test_a_tab_left_open_after_signing_out_goes_to_the_login_page(site: Site, browser: Any, shots: Path) -> None:
    """Signed out in another tab, a tab left open showed only red 错误 badges on its next click; looked at again,
    it now goes to the login page, which brings the user back to the page."""
    context = browser.new_context(locale="zh-CN")
    try:
        first = context.new_page()
        first.goto(site.base + "/login")
        first.get_by_label("用户名").fill(EDITOR)
        first.get_by_label("密码").fill(PASSWORD)
        with first.expect_navigation():
            first.get_by_role("button", name="登录").click()
        first.locator("#gd-user").get_by_text("退出登录").wait_for()
        second = context.new_page()
        second.goto(site.base + "/")
        with second.expect_navigation():
            second.locator("#gd-user").get_by_text("退出登录").click()
        assert urlsplit(second.url).path == "/login", second.url
        with first.expect_navigation(timeout=15_000):
            first.evaluate("() => window.dispatchEvent(new Event('focus'))")
        assert urlsplit(first.url).path == "/login", first.url
        first.get_by_label("用户名").wait_for()
        _shot(first, shots, "5-signed-out-tab.png")
    finally:
        context.close()


def _log_in(page: Any, site: Site, name: str, password: str) -> None:
    page.goto(site.base + "/login")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="登录").click()
    page.locator("#gd-user").get_by_text("退出登录").wait_for()


def test_a_reader_changes_their_password_on_the_page_and_logs_in_with_it(site: Site, browser: Any, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        p = context.new_page()
        _log_in(p, site, READER, PASSWORD)
        p.get_by_role("tab", name="账号").click()
        box = p.locator("#gd-password-box")
        box.wait_for()
        assert not p.locator("#gd-users-box").is_visible()  # managing accounts is for administrators
        # The personal keys are folded away until asked for.
        keys = p.locator("#gd-keys-box")
        assert keys.is_visible() and not p.locator("#gd-key-create").is_visible()
        keys.get_by_text("个人访问密钥").first.click()
        p.locator("#gd-key-create").wait_for()
        keys.get_by_text("个人访问密钥").first.click()
        p.get_by_role("tab", name="评测").wait_for(state="hidden")  # the evaluation is an administrator's
        assert p.get_by_role("tab", name="起草").is_visible()
        # A reader's 没帮助 is kept as feedback, without the test-set part that only an evaluation uses.
        p.get_by_role("tab", name="问答").click()
        answer = _ask(p, SHARED_QUESTION)
        answer.locator("xpath=..").locator(".gd-act-down").click()
        p.locator("#gd-feedback").get_by_text("没帮助").first.wait_for(timeout=20_000)
        assert not p.locator("#gd-feedback-testing").is_visible()
        p.get_by_role("tab", name="账号").click()
        box.get_by_text("修改我的密码").click()
        p.locator("#gd-password-current input").fill("not-my-password")
        p.locator("#gd-password-new input").fill(NEW_PASSWORD)
        p.locator("#gd-password-again input").fill(NEW_PASSWORD)
        p.locator("#gd-password-change").click()
        p.locator("#gd-password-said").get_by_text("当前密码不正确").wait_for()
        p.locator("#gd-password-current input").fill(PASSWORD)
        p.locator("#gd-password-new input").fill(NEW_PASSWORD)
        p.locator("#gd-password-again input").fill(NEW_PASSWORD)
        p.locator("#gd-password-change").click()
        said = p.locator("#gd-password-said")
        said.get_by_text("密码已修改").wait_for()
        assert p.locator("#gd-password-current input").input_value() == ""  # no password left on the page
        _shot(p, shots, "6-password-changed.png")
        # Every login of theirs has ended: the page goes to the login page by itself.
        p.wait_for_url(lambda url: urlsplit(url).path == "/login", timeout=15_000)
        assert "密码已修改" in p.locator(".ok").inner_text()  # the login page says why the user is there
        p.get_by_label("用户名").fill(READER)
        p.get_by_label("密码").fill(PASSWORD)
        with p.expect_navigation():
            p.get_by_role("button", name="登录").click()
        assert p.locator(".err").inner_text() == "用户名或密码不正确。"  # the old one no longer works
        _log_in(p, site, READER, NEW_PASSWORD)
    finally:
        context.close()


def test_an_administrator_makes_an_account_on_the_page(site: Site, browser: Any, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        p = context.new_page()
        _log_in(p, site, ADMIN, PASSWORD)
        p.get_by_role("tab", name="评测").wait_for()  # the evaluation is an administrator's
        p.get_by_role("tab", name="账号").click()
        box = p.locator("#gd-users-box")
        box.wait_for()
        box.get_by_text("账号管理").first.click()
        users = p.locator("#gd-users")
        users.get_by_text(EDITOR).wait_for()
        p.locator("#gd-user-name textarea, #gd-user-name input").first.fill("新老师")
        p.locator("#gd-user-password input").fill("xinlaoshi-2026")
        p.locator("#gd-user-add").click()
        p.locator("#gd-users-said").get_by_text("已新建账号 新老师").wait_for()
        users.get_by_text("新老师").wait_for()
        assert "新老师" in users.inner_text() and "读者" in users.inner_text()
        assert p.locator("#gd-user-password input").input_value() == ""
        _shot(p, shots, "7-account-made.png")
        other = browser.new_context(locale="zh-CN")
        try:
            _log_in(other.new_page(), site, "新老师", "xinlaoshi-2026")
        finally:
            other.close()

        # The name is still in the box: 停用 asks first, and a "no" leaves the account as it was.
        asked: list[str] = []

        def answer(dialog: Any, yes: bool) -> None:
            asked.append(dialog.message)
            dialog.accept() if yes else dialog.dismiss()

        p.once("dialog", lambda d: answer(d, False))
        p.locator("#gd-user-disable").click()
        p.wait_for_timeout(1500)
        assert asked and "新老师" in asked[0]
        assert re.search(r"新老师\s+读者\s+正常", users.inner_text()), users.inner_text()
        assert "已停用账号" not in p.locator("#gd-users-said").inner_text()
        p.once("dialog", lambda d: answer(d, True))
        p.locator("#gd-user-disable").click()
        p.locator("#gd-users-said").get_by_text("已停用账号 新老师").wait_for()
        assert re.search(r"新老师\s+读者\s+已停用", users.inner_text()), users.inner_text()
    finally:
        context.close()
