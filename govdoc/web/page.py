"""How the page looks and is served: theme with system fonts (nothing fetched from the internet), CSS,
and the options for ``gr.mount_gradio_app`` / ``Blocks.launch`` (gradio 6 takes theme and CSS there)."""

from __future__ import annotations

from typing import Any

import gradio as gr

from govdoc.settings import Settings

TITLE = "govdoc 公文助手"
UPLOAD_BACKSTOP = 4  # gradio's own upload limit, as a multiple of ui.upload_max_mb

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
.gd-n { color: var(--color-accent); font-weight: 700; }
.gd-passage { color: var(--body-text-color); }
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
.gd-draft-heading { margin: 1em 0 0.4em; font-weight: 700; }
.gd-missing { color: #b45309; }
#gd-header h1 { margin-bottom: 0; }
"""


def theme() -> gr.themes.Base:
    """The page theme: gradio's default look in the red of official documents, with system fonts."""
    return gr.themes.Default(
        primary_hue="red",
        neutral_hue="slate",
        font=[gr.themes.Font(name) if name != "sans-serif" else name for name in _SANS],
        font_mono=[gr.themes.Font(name) if name != "monospace" else name for name in _MONO],
    )


def mount_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for ``gr.mount_gradio_app`` (and, less the mount-only ones, ``Blocks.launch``).

    No server-side rendering (it needs Node), no run history, no footer links. Uploads past
    ``ui.upload_max_mb`` are refused by `govdoc.uploads` with a Chinese message; gradio's own limit
    (whose message is English and cannot be translated) is only a backstop against huge files
    filling its temporary folder, so it is set well above.
    """
    return {
        "theme": theme(),
        "css": CSS,
        "ssr_mode": False,
        "run_history": False,
        "footer_links": [],
        "show_error": True,
        "max_file_size": int(UPLOAD_BACKSTOP * settings.ui.upload_max_mb * 1024 * 1024),
    }
