"""The whole web page: header, the four tabs (问答, 起草, 文档, 评测) and the per-session settings panel."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import gradio as gr

from govdoc.web.chat import build_chat_tab
from govdoc.web.documents import build_documents_tab, refresh
from govdoc.web.drafting import build_drafting_tab
from govdoc.web.evaluate import build_evaluate_tab
from govdoc.web.page import TITLE

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

HEADER = "# 公文问答与起草助手\n离线运行：回答只依据已导入的资料，每条结论都标注出处，可逐条核对原文。"


def build_blocks(service: GovdocService, settings: Settings) -> gr.Blocks:
    """The gradio app over one `GovdocService`, with its queue configured; not yet launched or mounted.

    Serve it with `govdoc.web.server.create_app` (mounted in the HTTP API's FastAPI app) or
    ``blocks.launch(**page.mount_options(settings))``.

    Args:
        service: the operations every tab calls (shared with the CLI and the HTTP API).
        settings: the app settings (defaults of the settings panel, upload limit, data folder).
    """
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 24 * 3600)) as page:
        gr.Markdown(HEADER, elem_id="gd-header")
        with gr.Tabs():
            with gr.Tab("问答", id="chat", elem_id="gd-tab-chat"):
                options = build_chat_tab(service, settings)
            with gr.Tab("起草", id="draft", elem_id="gd-tab-draft"):
                build_drafting_tab(service, options.mode)
            with gr.Tab("文档", id="docs", elem_id="gd-tab-docs"):
                table, choice = build_documents_tab(service, settings)
            with gr.Tab("评测", id="eval", elem_id="gd-tab-eval"):
                build_evaluate_tab(settings, options.inputs())
        page.load(partial(refresh, service), None, [table, choice], api_visibility="private")
    # Questions run side by side; each writing event sets its own limit of one.
    page.queue(default_concurrency_limit=settings.ui.max_concurrency)
    return page
