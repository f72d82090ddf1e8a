"""How the page looks and is served: theme with system fonts (nothing fetched from the internet), CSS,
and the options for ``gr.mount_gradio_app`` / ``Blocks.launch`` (gradio 6 takes theme and CSS there)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import gradio as gr

from govdoc.settings import Settings
from govdoc.web import actions

TITLE = "govdoc 公文助手"
ZH_WORDS = "gradio-zh-CN.json"
CACHE_PRUNE_S = (600, 3600)  # every 10 minutes, files of the page older than an hour go (gradio's delete_cache)

# System fonts only: a web font would be a request to the internet, and CJK fonts come with the OS.
_SANS = ["system-ui", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "sans-serif"]
_MONO = ["ui-monospace", "SFMono-Regular", "Consolas", "WenQuanYi Micro Hei Mono", "monospace"]

CSS = """
.gd-answer { line-height: 1.75; }
.gd-question { white-space: normal; }
.gd-marker { color: var(--color-accent); font-weight: 600; font-size: 0.85em; margin: 0 1px; }
.gd-notice { padding: 0.5em 0.75em; border-radius: 6px; margin: 0.25em 0 0.5em; border-left: 4px solid; }
.gd-refused { background: #eff6ff; border-color: #3b82f6; color: #1e3a8a; }
.gd-unverified { background: #fff7ed; border-color: #f97316; color: #7c2d12; font-weight: 600; }
.gd-error { background: #fef2f2; border-color: #dc2626; color: #7f1d1d; }
.gd-sources { margin-top: 0.75em; border-top: 1px solid var(--border-color-primary); padding-top: 0.5em; }
.gd-sources > summary { cursor: pointer; font-weight: 600; color: var(--body-text-color-subdued); }
.gd-source { margin: 0.5em 0; padding: 0.5em 0.75em; border-radius: 6px; font-size: 0.92em;
  background: var(--background-fill-secondary); border: 1px solid var(--border-color-primary); }
.gd-source-head { margin-bottom: 0.25em; }
.gd-passage-head { margin: 0.4em 0 0.15em; color: var(--body-text-color-subdued); font-size: 0.92em; }
.gd-n { color: var(--color-accent); font-weight: 700; }
.gd-passage { color: var(--body-text-color); }
.gd-row { border-collapse: collapse; margin: 0.25em 0 0.5em; font-size: 0.95em; }
.gd-row th, .gd-row td { border: 1px solid var(--border-color-primary); padding: 2px 8px; text-align: left; }
.gd-row th { font-weight: normal; color: var(--body-text-color-subdued); white-space: nowrap; }
.gd-row td { background: #fef3c7; color: #111827; }
.gd-passage mark, .gd-source mark { background: #fde68a; color: #111827; padding: 0 2px; border-radius: 2px; }
.gd-file { color: var(--body-text-color-subdued); font-size: 0.85em; margin-top: 0.25em; }
.gd-ocr { color: #b45309; font-size: 0.85em; border: 1px solid #f59e0b; border-radius: 4px; padding: 0 4px; }
.gd-version { font-size: 0.85em; border-radius: 4px; padding: 0 4px; margin-left: 4px; }
.gd-version-current { color: #166534; border: 1px solid #16a34a; }
.gd-version-superseded { color: #991b1b; border: 1px solid #dc2626; background: #fef2f2; }
.gd-diff { width: 100%; border-collapse: collapse; font-size: 0.92em; }
.gd-diff td, .gd-diff th { border: 1px solid var(--border-color-primary); padding: 4px 6px; vertical-align: top; }
.gd-diff td:first-child { width: 7em; white-space: nowrap; }
.gd-diff del { background: #fee2e2; color: #991b1b; }
.gd-diff ins { background: #dcfce7; color: #166534; text-decoration: none; }
.gd-note { color: var(--body-text-color); font-size: 0.9em; margin-top: 0.25em; }
.gd-resolved { color: var(--body-text-color-subdued); font-size: 0.88em; margin-bottom: 0.35em; }
.gd-streaming .gd-text { opacity: 0.85; }
.gd-draft { font-size: 1.02em; }
.gd-draft-title { text-align: center; margin: 0.5em 0; }
.gd-draft-sender { text-align: right; }
.gd-draft-heading { margin: 1em 0 0.4em; font-weight: 700; }
.gd-missing { color: #b45309; }
/* What the user must fill in or check in a draft, highlighted as in the Word export. */
.gd-draft mark.gd-slot { background: #fde68a; color: #111827; padding: 0 2px; border-radius: 2px; }
#gd-header h1 { margin: 0.25em 0 0.3em; font-size: 1.75em; font-weight: 600; line-height: 1.3; }
#gd-header .gd-tagline { margin: 0; font-size: 0.95em; color: var(--body-text-color); }
#gd-header .gd-tagline span { display: inline-block; }
/* gradio's timer ("processing | 0.3/0.1s", "queue: 1/2 |") is English it does not translate; the progress
   bar and its Chinese description stay. */
.progress-text { display: none !important; }
/* gradio floats its scroll-to-bottom button over the middle of the message list, on the text; while it shows,
   the list ends above it, so no line is ever under the button. */
#gd-chat .wrapper:has(> .scroll-down-button-container) > [role="log"] {
  height: calc(100% - 44px); flex: none; }
#gd-chat .scroll-down-button-container { bottom: 8px; }
#gd-jump { display: none; }
#gd-top { flex-wrap: wrap; }
#gd-top > #gd-header { flex: 1 1 320px; }
#gd-top > #gd-user { flex: 0 1 auto; }
#gd-top > #gd-user:not(:has(.gd-user)) { display: none; }  /* the one local user: no banner, no blank line */
.gd-empty { color: var(--body-text-color-subdued); }
.gd-nowrap, .gd-num { white-space: nowrap; }
.gd-num { text-align: right; }
.gd-doc-table { width: 100%; border-collapse: collapse; font-size: 0.92em; }
#gd-docs .gd-doc-table, #gd-docs .gd-doc-table tr { border: none !important; }
#gd-docs .gd-doc-table th, #gd-docs .gd-doc-table td { padding: 0.4em 0.5em; border: none !important;
  border-bottom: 1px solid var(--border-color-primary) !important; text-align: left; vertical-align: top; }
#gd-docs .gd-doc-table .gd-num { text-align: right; }
#gd-doc-row { align-items: flex-end; }
.gd-doc-table th { color: var(--body-text-color-subdued); font-weight: 600; }
.gd-doc-title { font-weight: 600; }
.gd-doc-table .gd-file, .gd-chunk .gd-file { overflow-wrap: anywhere; }  /* a long name breaks only where it must */
.gd-doc-head h3 { margin: 0.25em 0; }
.gd-doc-facts { display: flex; flex-wrap: wrap; gap: 0.25em 1.5em; margin: 0.5em 0; font-size: 0.9em; }
.gd-doc-facts dt { display: inline; color: var(--body-text-color-subdued); }
.gd-doc-facts dd { display: inline; margin: 0; overflow-wrap: anywhere; }
.gd-chunk, .gd-gap { margin: 0 0 0.5em; padding: 0.5em 0.75em; border-radius: 6px;
  border: 1px solid var(--border-color-primary); border-left: 4px solid var(--color-accent); }
.gd-gap { border-left-color: var(--border-color-primary); background: var(--background-fill-secondary);
  color: var(--body-text-color-subdued); }
.gd-chunk-head { font-size: 0.85em; color: var(--body-text-color-subdued); margin-bottom: 0.3em; }
.gd-chunk-n { color: var(--color-accent); font-weight: 700; }
.gd-chunk-path { color: var(--body-text-color); font-weight: 600; }
.gd-chunk-text { line-height: 1.75; }
.gd-figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 0.6em; margin: 0.5em 0 1em; }
.gd-figure { padding: 0.7em 0.9em; border-radius: 8px; border: 1px solid var(--border-color-primary);
  background: var(--background-fill-secondary); }
.gd-figure-pass { border-left: 5px solid #16a34a; }
.gd-figure-fail { border-left: 5px solid #dc2626; }
.gd-figure-text { font-size: 1.05em; line-height: 1.6; }
.gd-goal { color: var(--body-text-color-subdued); font-size: 0.88em; margin-top: 0.3em; display: inline-block; }
.gd-verdict { display: inline-block; margin-left: 0.75em; padding: 0 0.5em; border-radius: 4px; font-weight: 700; font-size: 0.88em; }
.gd-pass { background: #dcfce7; color: #166534; }
.gd-fail { background: #fee2e2; color: #991b1b; }
.gd-feedback-item .gd-verdict { margin: 0 0.5em 0 0; }
.gd-eval-config { margin: 0.75em 0 0.25em; }
.gd-eval-group { margin: 0.5em 0 0.25em; color: var(--body-text-color-subdued); font-size: 0.95em; }
.gd-failed { margin: 0 0 0.75em; padding: 0.6em 0.8em; border-radius: 6px; border: 1px solid var(--border-color-primary); }
.gd-failed-q { font-weight: 700; margin-bottom: 0.3em; }
.gd-failed dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 0.25em 0.75em; }
.gd-failed dt { color: var(--body-text-color-subdued); white-space: nowrap; }
.gd-failed dd { margin: 0; overflow-wrap: anywhere; }
.gd-failed ul { margin: 0; padding: 0; list-style: none; }
@media (max-width: 640px) {
  #gd-header h1 { font-size: 1.4em; margin-top: 0; }
  #gd-header .gd-tagline { font-size: 0.88em; }
  .gd-doc-table .gd-wide { display: none; }
  /* On a phone the columns stack: the conversation and the question box come first, the list of earlier
     conversations after them (it was a screen above the box); 新建对话 and a link down to the list stay on
     top (they were a screen below the box), and the chat is short enough for the box to show on opening. */
  #gd-chat-row > #gd-history { display: contents; }
  #gd-chat-row > #gd-history > * { order: 2; flex: 1 1 100%; }
  #gd-chat-row > #gd-history > #gd-clear, #gd-chat-row > #gd-history > #gd-jump { order: 0; flex: 1 1 40%; }
  #gd-chat-row > :not(#gd-history) { order: 1; flex: 1 1 100%; }
  #gd-jump { display: flex; align-items: center; justify-content: center; }
  #gd-chat { height: min(560px, calc(100svh - 380px)) !important; min-height: 260px; }
  .gd-failed dl { grid-template-columns: 1fr; }
  .gd-failed dt { margin-top: 0.3em; }
}
"""


# gradio 6.31's popups are titled by their kind in English ("Error", "Info", "Warning"), whatever title the
# server sends (its front end reads the title from a field its own client never fills): the page puts the
# Chinese word in its place as each popup appears.
TOAST_TITLES = {"error": "出错了", "warning": "注意", "info": "提示", "success": "完成"}
TOAST_SCRIPT = (
    """
() => {
  if (window.gdToastTitles) return;
  window.gdToastTitles = true;
  const words = """
    + json.dumps(TOAST_TITLES, ensure_ascii=False)
    + """;
  const retitle = () => {
    document.querySelectorAll('.toast-title').forEach((el) => {
      const kind = Object.keys(words).find((k) => el.classList.contains(k));
      if (kind && el.textContent.trim() !== words[kind]) el.textContent = words[kind];
    });
    // The browser refuses a file over the upload limit before sending it, in gradio's English words.
    document.querySelectorAll('.toast-message-text').forEach((el) => {
      const m = el.textContent.trim().match(/^File\\(s\\) exceed the maximum allowed size of ([^:]+): (.*)$/s);
      if (!m) return;
      const limit = m[1].replace('.0 ', ' ').replace(/([KMGT])b$/, '$1B');  // gradio writes "20.0 Mb"
      el.textContent = '文件过大：' + m[2].replace(/"/g, '') + '。单个文件不能超过 ' + limit;
    });
  };
  new MutationObserver(retitle).observe(document.body, { childList: true, subtree: true });
}
"""
)
# gradio 6.31's front end names some controls for screen readers and tooltips in fixed English that its
# translation keys do not reach ("Fullscreen", "range slider for 目标篇幅（字）", "bot's message: …"): the page
# puts Chinese in their place as they appear. Whole texts first, then a leading English phrase before the
# control's own Chinese label.
LABEL_WORDS = {
    "More tabs": "更多标签页",
    "chatbot conversation": "对话记录",
    "Reset to default value": "恢复默认值",
    "Click to upload or drop files": "点击上传或拖入文件",
    "File upload": "上传文件",
    "Upload a file": "上传文件",
    "Table actions": "表格操作",
    "Copy table data": "复制表格内容",
    "Fullscreen": "全屏",
    "Exit fullscreen": "退出全屏",
    "Open cell menu": "打开单元格菜单",
    "Dataframe": "表格",
    "Close": "关闭",
    "Clear": "清除",
    "Dismiss": "关闭",
    "Copy": "复制",
    "Copied": "已复制",
    "Download": "下载",
    "Scroll down": "滚动到最新",
}
LABEL_PREFIXES = {
    "user's message: ": "提问：",
    "bot's message: ": "回答：",
    "number input for ": "输入数值：",
    "range slider for ": "拖动调节：",
    "Select example ": "示例问题 ",  # gradio's example buttons: "Select example 1: <the question>"
}
LABEL_SCRIPT = (
    """
() => {
  if (window.gdLabels) return;
  window.gdLabels = true;
  const whole = """
    + json.dumps(LABEL_WORDS, ensure_ascii=False)
    + """;
  const leading = """
    + json.dumps(LABEL_PREFIXES, ensure_ascii=False)
    + """;
  const chinese = (text) => {
    if (Object.hasOwn(whole, text.trim())) return whole[text.trim()];
    for (const [english, zh] of Object.entries(leading)) {
      if (text.startsWith(english)) return zh + text.slice(english.length);
    }
    return null;
  };
  const relabel = (root) => {
    for (const el of root.querySelectorAll('[aria-label], [title]')) {
      for (const name of ['aria-label', 'title']) {
        const text = el.getAttribute(name);
        const zh = text && chinese(text);
        if (zh !== null && zh !== text) el.setAttribute(name, zh);
      }
    }
  };
  relabel(document.body);
  new MutationObserver((changes) => {
    for (const { target } of changes) {
      if (target.nodeType === 1) relabel(target.parentElement || target);
    }
  }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label', 'title'] });
}
"""
)
# A tab left open after its user signed out (in another tab, or the session ended) showed only red 错误
# badges on the next click. The page asks the server whether it is still signed in whenever the tab is
# looked at again, and every five minutes: once not, it goes to the login page, which brings it back here.
SESSION_SCRIPT = """
() => {
  if (window.gdSessionCheck) return;
  window.gdSessionCheck = true;
  const check = async () => {
    try {
      const reply = await fetch('/', {method: 'HEAD', cache: 'no-store', credentials: 'same-origin'});
      if (reply.status === 401) {
        location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
      }
    } catch (e) { /* the server is away: the page's own errors say so */ }
  };
  window.addEventListener('focus', check);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) check(); });
  setInterval(check, 5 * 60 * 1000);
}
"""

# The page's scripts, run once on load: the answers' buttons and markers, the popups' titles, the
# controls' screen-reader names, and the check that the user is still signed in.
SCRIPT = (
    f"() => {{ ({actions.SCRIPT.strip()})(); ({TOAST_SCRIPT.strip()})(); ({LABEL_SCRIPT.strip()})();"
    f" ({SESSION_SCRIPT.strip()})(); }}"
)


def interface_text() -> gr.I18n:
    """gradio's own interface words in Chinese, whatever the browser's language (gradio picks them by the
    browser's language and falls back to English): upload boxes, "or", loading, clear, download, and the
    screen reader's "complete".

    ``gradio-zh-CN.json`` is gradio's own ``zh-CN.json`` (gradio 6.31 front end, flattened to
    ``section.key``) plus the few keys it lacks (``common.complete``, ``common.progress``, ``status.*``
    and some ``dataframe.*``), which a Chinese browser would otherwise show as raw keys or in English.
    """
    words = json.loads(resources.files("govdoc.web").joinpath(ZH_WORDS).read_text(encoding="utf-8"))
    return gr.I18n(en=words, **{"zh-CN": words})


def theme() -> gr.themes.Base:
    """The page theme: gradio's default look in the red of official documents, with system fonts, and every
    text at least 4.5:1 against its background (WCAG AA): gradio's light grey (slate-400, 2.6:1 on white)
    for secondary text becomes slate-600, and its red (red-500, 3.8:1) a shade darker for text and buttons."""
    return gr.themes.Default(
        primary_hue="red",
        neutral_hue="slate",
        font=[gr.themes.Font(name) if name != "sans-serif" else name for name in _SANS],
        font_mono=[gr.themes.Font(name) if name != "monospace" else name for name in _MONO],
    ).set(
        body_text_color_subdued="*neutral_600",
        block_label_text_color="*neutral_600",
        block_title_text_color="*neutral_600",
        input_placeholder_color="*neutral_500",
        color_accent="*primary_700",
        button_primary_background_fill="*primary_600",
        button_primary_background_fill_hover="*primary_700",
        button_primary_border_color="*primary_600",
        button_primary_border_color_hover="*primary_700",
        button_cancel_background_fill="*primary_600",
        button_cancel_background_fill_hover="*primary_700",
    )


def mount_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``gr.mount_gradio_app`` (and, less the mount-only ones, ``Blocks.launch``).

    No server-side rendering (it needs Node), no run history, no footer links. A file over
    ``ui.upload_max_mb`` is refused by gradio itself (``max_file_size``): the browser does not send it,
    and one sent by hand is removed as it arrives. Its English words are put in Chinese by the page's
    script (`TOAST_SCRIPT`) and by `govdoc.web.uploadgate`.
    """
    return {
        "theme": theme(),
        "css": CSS + actions.CSS,
        "js": SCRIPT,  # the answers' buttons and [n] markers, the popups' Chinese titles
        "ssr_mode": False,
        "run_history": False,
        "footer_links": [],
        "show_error": True,
        "max_file_size": settings.ui.upload_max_bytes(),
        "i18n": interface_text(),
    }
