"""The whole web page: header, the four tabs (问答, 起草, 文档, 评测) and the per-session settings panel."""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.accounts import ROLE_LABELS, Principal
from govdoc.web.account import audit_box_for, audit_rows, build_account_tab, key_rows
from govdoc.web.actions import SHOW_CITED
from govdoc.web.chat import READ_OPEN, build_chat_tab
from govdoc.web.documents import build_documents_tab, build_opener, controls_for, refresh
from govdoc.web.drafting import build_drafting_tab
from govdoc.web.evaluate import build_evaluate_tab, tab_for
from govdoc.web.page import CACHE_PRUNE_S, TITLE, TOAST_TITLES
from govdoc.web.pageerrors import says_chinese
from govdoc.web.users import load_users
from govdoc.web.versions import build_versions_panel, fix_box_for
from govdoc.web.versions import load as load_versions
from govdoc.web.who import principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

log = logging.getLogger("govdoc.web")

QUEUE_MAX = 256
INVALID_INPUT = "页面提交的内容无效（可能是页面已过期或选项已变化），请刷新页面后重试。"
ERROR_TITLE = TOAST_TITLES["error"]  # the title of every error popup (gradio's own is the English "Error")
UNEXPECTED = "操作没有完成，请稍后重试；如果一直这样，请联系管理员。"
# Two phrases that wrap as wholes: on a phone (390 px) the line breaks at the comma, not inside a word.
HEADER = (
    "<h1>公文问答与起草助手</h1><p class=\"gd-tagline\"><span>离线运行：回答只依据已导入的资料，</span>"
    "<span>每条结论都标注出处，可逐条核对原文。</span></p>"
)


def build_blocks(service: GovdocService, settings: Settings) -> gr.Blocks:
    """The gradio app over one `GovdocService`, with its queue configured; not yet launched or mounted.

    Serve it with `govdoc.web.server.create_app` (mounted in the HTTP API's FastAPI app) or
    ``blocks.launch(**page.mount_options(settings))``.

    Args:
        service: the operations every tab calls (shared with the CLI and the HTTP API).
        settings: the app settings (defaults of the settings panel, upload limit, data folder).
    """
    with PageBlocks(title=TITLE, analytics_enabled=False, delete_cache=CACHE_PRUNE_S) as page:
        with gr.Row(elem_id="gd-top"):
            gr.HTML(HEADER, elem_id="gd-header")
            user = gr.HTML("", elem_id="gd-user", min_width=0)
        opener = build_opener()
        with gr.Tabs() as tabs:
            with gr.Tab("问答", id="chat", elem_id="gd-tab-chat"):
                chat = build_chat_tab(service, settings)
                options, kb_choice = chat.options, chat.kb_choice
            with gr.Tab("起草", id="draft", elem_id="gd-tab-draft"):
                build_drafting_tab(service, options.mode)
            with gr.Tab("文档", id="docs", elem_id="gd-tab-docs"):
                docs = build_documents_tab(service, settings, opener)
                version_panel = build_versions_panel(service)
            # Shown on load to an administrator (gradio shows a tab on load, but does not hide one).
            with gr.Tab("评测", id="eval", elem_id="gd-tab-eval", visible=False) as eval_tab:
                evaluation = build_evaluate_tab(service, settings, options.inputs(), chat.browser)
            with gr.Tab("账号", id="account", elem_id="gd-tab-account"):
                keys, audit, audit_box, users = build_account_tab(service)

        # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
        def on_load(request: gr.Request) -> tuple[Any, ...]:
            return _on_load(service, request)

        page.load(
            on_load,
            None,
            [
                user, *docs.lists(), kb_choice, docs.target, keys, audit, audit_box, *users.outputs(), *docs.controls(),
                eval_tab,
            ],
            api_visibility="private",
        )
        page.load(None, None, [chat.opened], js=READ_OPEN, api_visibility="private").then(
            chat.load, chat.load_inputs, chat.load_outputs, api_visibility="private"
        )
        docs.opened.then(lambda: gr.Tabs(selected="docs"), None, [tabs], api_visibility="private").then(
            None, js=SHOW_CITED, api_visibility="private"
        )
        eval_tab.select(
            evaluation.show_feedback, [evaluation.browser], [evaluation.feedback], api_visibility="private"
        )

        def on_load_versions(request: gr.Request) -> Any:
            who = principal(service, request)
            return *load_versions(service, who), fix_box_for(service, who)

        page.load(on_load_versions, None, [*version_panel], api_visibility="private")
        for changed in docs.changed:  # a new or removed document may add or end a document's versions
            changed.then(on_load_versions, None, [*version_panel], api_visibility="private")
    # Questions run side by side; each writing event sets its own limit of one.
    # A bounded queue refuses events past its size ("queue full"); unbounded, some 2,000 events from one
    # script overflowed gradio's per-session message cache and stopped the queue for everyone.
    page.queue(default_concurrency_limit=settings.ui.max_concurrency, max_size=QUEUE_MAX)
    return page


class PageBlocks(gr.Blocks):
    """gr.Blocks whose refusal of an event's inputs, and whose error messages, are Chinese.

    gradio checks each input before a handler runs (a dropdown's value among its choices, a number within
    its range, a file of an accepted type) and refuses in English ("Value: '甲校' is not in the list of
    choices: []"): a page opened before its choices changed, or an event sent by hand, would show that to
    a user. Whatever gradio's check says, the user reads one Chinese sentence; the check's own words go
    to the server log.

    An error of an event whose message holds no Chinese (a library's own words) is shown as `UNEXPECTED`,
    its words going to the server log; every error is sent titled `ERROR_TITLE` rather than gr.Error's
    "Error" (gradio 6.31's front end titles popups by their kind whatever it is sent: the page's script
    puts the same word there, `page.TOAST_SCRIPT`).
    """

    async def preprocess_data(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().preprocess_data(*args, **kwargs)
        except Exception as exc:
            log.info("page event inputs refused: %s", exc)
            raise gr.Error(INVALID_INPUT, title=ERROR_TITLE) from exc

    async def process_api(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().process_api(*args, **kwargs)
        except gr.Error as exc:
            raise chinese_error(exc.message, exc) from exc
        except Exception as exc:
            raise chinese_error(str(exc), exc) from exc


def chinese_error(message: str, cause: BaseException) -> gr.Error:
    """An error popup in Chinese: ``message`` under `ERROR_TITLE` when it says something in Chinese,
    else `UNEXPECTED` (``cause`` goes to the server log)."""
    if says_chinese(message or ""):
        return gr.Error(message, title=ERROR_TITLE, print_exception=False)
    log.error("page event failed", exc_info=cause)
    return gr.Error(UNEXPECTED, title=ERROR_TITLE, print_exception=False)


def user_html(who: Principal) -> str:
    """Who is logged in, and the way out (nothing to show for the one local user)."""
    if who.via == "local":
        return ""
    role = ROLE_LABELS.get(who.role, who.role)
    return (
        f'<div class="gd-user">当前用户：<b>{html.escape(who.name)}</b>（{html.escape(role)}）'
        f' · <a href="/logout">退出登录</a></div>'
    )


def _on_load(service: GovdocService, request: gr.Request) -> tuple[Any, ...]:
    """Fill the page for the user who opened it: banner, their documents, their knowledge bases."""
    who = principal(service, request)
    listed = refresh(service, who)
    readable = service.kbs.readable(who)
    editable = service.kbs.editable(who)
    names = [kb.name for kb in service.kbs.all()]
    can_read = [n for n in names if readable is None or n in readable]
    can_edit = [n for n in names if editable is None or n in editable]
    return (
        user_html(who),
        *listed,
        gr.update(choices=can_read, value=[]),
        gr.update(choices=can_edit, value=can_edit[:1], interactive=bool(can_edit)),
        key_rows(service, who),
        audit_rows(service, who),
        audit_box_for(who),
        *load_users(service, who),
        *controls_for(service, who),
        tab_for(who),
    )
