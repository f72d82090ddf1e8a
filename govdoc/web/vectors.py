"""The 文档 tab's vector progress (按意思查找的准备进度 on the page): how many chunks have their vectors, and about how long the rest take.

Files are searchable by keyword as soon as they are imported; their vectors are computed behind
(`ingest.backlog`). This bar shows that second phase, refreshed by a timer, so a user knows both
that they can ask now and when semantic search covers everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import gradio as gr

from govdoc.service import eta_words
from govdoc.web.who import principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService, VectorStatus

REFRESH_S = 2.0  # seconds between two looks at the backlog (one count query on the index)


def vector_progress_html(status: VectorStatus) -> str:
    """The bar and its line of text; empty for an empty index.

    Args:
        status: `govdoc.service.GovdocService.vector_status`.
    """
    if status.chunks == 0:
        return ""
    ready = status.chunks - status.waiting
    percent = 100 * ready // status.chunks
    bar = (
        f'<progress id="gd-vectors-bar" value="{ready}" max="{status.chunks}" '
        f'aria-label="按意思查找的准备进度" style="width:100%"></progress>'
    )
    if status.waiting == 0:
        line = f"按意思查找已准备好：全部 {status.chunks} 段资料都可以按意思查找。"
    else:
        line = (
            f"按意思查找的准备进度 {percent}%：已准备好 {ready}/{status.chunks} 段资料，{eta_words(status.eta_s)}。"
            "其间可以照常提问，还没准备好的段落先按词语查找。"
        )
    return f'<div class="gd-vectors">{bar}<div id="gd-vectors-text">{line}</div></div>'


def build_vector_progress(service: GovdocService) -> gr.HTML:
    """The bar, refreshed every `REFRESH_S` seconds while the page is open."""
    shown = gr.HTML("", elem_id="gd-vectors")

    # gradio hands gr.Request only to a handler whose own annotations say so.
    def on_tick(request: gr.Request) -> str:
        try:
            who = principal(service, request)
        except gr.Error:
            return ""  # a login that expired: the page's other events say so; a timer must not repeat it
        return vector_progress_html(service.vector_status(who))  # only what this user may read

    gr.Timer(REFRESH_S).tick(on_tick, None, shown, api_visibility="private", queue=False, show_progress="hidden")
    return shown
