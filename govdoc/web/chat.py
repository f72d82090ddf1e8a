"""The 问答 tab: streamed answers with citation markers, a sources panel and a row of actions under
each answer, conversations kept on the server (`govdoc.conversations`) and listed beside the chat.

The conversation on screen is a per-session ``gr.State`` (a list of `govdoc.web.turns.ChatTurn`).
Each finished answer is also written to the owner's conversation (`govdoc.web.history`), which the
page opens again after a reload or a server restart (the browser remembers which one in its local
storage).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import gradio as gr

from assistant.types import Answer
from govdoc.accounts import Principal
from govdoc.conversations import NAME_CHARS, ConversationError, new_browser_id, owner_of
from govdoc.inputs import InputError
from govdoc.web import render
from govdoc.web.actions import BRIDGE_BOX, RATE, REGENERATE, SHOW_ANSWER
from govdoc.web.eventgate import ANSWER_SLOT
from govdoc.web.history import (
    NOTHING_TO_EXPORT,
    browser_of,
    choices_refresher,
    conversation_list,
    document_choices,
    export_links,
    keep,
    stored_turns,
)
from govdoc.web.options import SessionOptions, build_options_panel
from govdoc.web.turns import NOWHERE, ChatTurn, Message, Place, chat_turn, history, messages
from govdoc.web.who import principal

if TYPE_CHECKING:
    from assistant.config import AnswerMode, RetrievalMode
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

__all__ = ["ChatTurn", "Place", "build_chat_tab", "clear", "document_choices", "history", "keep", "respond"]

log = logging.getLogger("govdoc.web")

EXAMPLE_QUESTIONS = (
    "学校的重大决策要经过哪些程序？",
    "教师享有哪些权利？",
    "义务教育阶段学校能否分设重点班？",
)
PLACEHOLDER = "请输入问题，按回车发送。例如：教师享有哪些权利？"
BROWSER_KEY = "govdoc-chat"
HISTORY_ID = "gd-conversations"  # the list of earlier conversations, linked to on a phone
# The browser's local storage holds only a random name for the browser; gradio encrypts it with this
# fixed key so that it reads back after a server restart.
BROWSER_SECRET = "govdoc-chat-browser"
# The conversation open in a tab is kept in that tab's session storage: a reload (or a server restart)
# shows it again, while a new tab opens on a new conversation instead of going on with another tab's.
OPEN_KEY = "govdoc-open-conversation"
READ_OPEN = f"() => sessionStorage.getItem({OPEN_KEY!r}) || ''"
KEEP_OPEN = f"(c) => {{ sessionStorage.setItem({OPEN_KEY!r}, c || ''); }}"
DELETE_QUESTION = "确定删除这个对话吗？删除后无法恢复。"
SAVED_SETTINGS = ("retrieval", "k", "mode")


def respond(
    service: GovdocService,
    question: str,
    turns: list[ChatTurn],
    retrieval: str,
    k: float,
    mode: str,
    *,
    who: Principal,
    kbs: Sequence[str] | None = None,
    doc_ids: Sequence[str] | None = None,
    at: int | None = None,
    place: Place = NOWHERE,
) -> Iterator[tuple[list[Message], list[ChatTurn], str]]:
    """Answer one question from what ``who`` may read (within ``kbs`` and ``doc_ids`` when chosen),
    streaming; yields (chat display, turns, text left in the input box).

    With ``at``, the question of turn ``at`` is answered again (from the turns before it) and the new
    answer takes its place. The streamed pieces are replaced by the final checked answer.
    """
    if at is not None:
        question, before, after = turns[at].question, turns[:at], turns[at + 1 :]
    else:
        question, before, after = (question or "").strip(), turns, []
    if not question:
        yield messages(turns, place=place), turns, ""
        return

    def show(pending: str) -> list[Message]:
        return messages(before, (question, pending), place) + messages(after, place=place, start=len(before) + 1)

    yield show(render.streaming_html("")), turns, ""
    text = ""
    final: Answer | None = None
    try:
        for item in service.ask_stream(
            question,
            history(before),
            mode=cast("AnswerMode", mode),
            retrieval=cast("RetrievalMode", retrieval),
            k=int(k),
            who=who,
            kbs=list(kbs) if kbs else None,
            doc_ids=list(doc_ids) if doc_ids else None,
        ):
            if isinstance(item, Answer):
                final = item
            else:
                text += item
                yield show(render.streaming_html(text)), turns, ""
    except InputError as exc:
        yield messages(before, (question[:200], render.error_html(exc.message)), place), turns, question
        return
    except Exception as exc:  # shown in the chat instead of a broken stream; the log keeps the trace
        log.exception("answering failed")
        yield show(render.error_html(f"回答时出错：{exc}。请稍后重试，或在设置中改用摘录式回答。")), turns, question
        return
    if final is None:
        yield show(render.error_html("回答时出错：没有得到完整的回答，请重试。")), turns, question
        return
    new_turns = [*before, chat_turn(service, question, final), *after]
    yield messages(new_turns, place=place), new_turns, ""


def clear() -> tuple[list[Message], list[ChatTurn], str]:
    """An empty conversation."""
    return [], [], ""


def example_text(evt: gr.SelectData) -> str:
    """The text of the example the user clicked."""
    value: Mapping[str, Any] | str = evt.value
    return str(value.get("text", "")) if isinstance(value, Mapping) else str(value)

@dataclass(frozen=True)
class ChatTab:
    """The 问答 tab's parts that the page wires to its load event and that other tabs use."""

    options: SessionOptions
    kb_choice: gr.Dropdown
    browser: Any  # the browser's state: its random name
    opened: Any  # the conversation open in this tab, as the tab's session storage holds it (`READ_OPEN`)
    load: Any  # (browser state, opened, turns on screen, their conversation, request) -> updates of `load_outputs`
    load_inputs: list[Any]
    load_outputs: list[Any]


def build_chat_tab(service: GovdocService, settings: Settings) -> ChatTab:
    """The 问答 tab's components and events: the conversation list, the chat with its actions, the input
    box, the settings panel, the knowledge-base and document choices, and the feedback panel.

    Args:
        service: answers the questions and keeps the conversations.
        settings: defaults of the settings panel.

    Returns:
        The settings panel (other tabs use its values), the knowledge-base choice, and the page-load
        handler that fills the tab for the user who opened it.
    """
    from govdoc.web.feedback import build_feedback_panel

    turns = gr.State([])
    conversation = gr.State("")
    browser = gr.BrowserState({}, storage_key=BROWSER_KEY, secret=BROWSER_SECRET)
    with gr.Row(equal_height=False, elem_id="gd-chat-row"):
        with gr.Column(scale=1, min_width=220, elem_id="gd-history"):
            new = gr.Button("新建对话", variant="secondary", size="sm", elem_id="gd-clear")
            # On a phone the list comes after the chat: this link, shown there only, beside 新建对话 at the top.
            gr.HTML(f'<a href="#{HISTORY_ID}">历史对话 ↓</a>', elem_id="gd-jump", padding=False)
            listing = gr.Radio([], value=None, label="历史对话", elem_id=HISTORY_ID)
            with gr.Accordion("重命名、删除或导出对话", open=False, elem_id="gd-manage"):
                new_name = gr.Textbox(
                    placeholder="新的名称", label="新的名称", show_label=False, max_length=NAME_CHARS, elem_id="gd-rename"
                )
                with gr.Row():
                    rename = gr.Button("重命名", size="sm", elem_id="gd-rename-go")
                    delete = gr.Button("删除对话", size="sm", variant="stop", elem_id="gd-delete-conv")
                exports = gr.HTML(NOTHING_TO_EXPORT, elem_id="gd-conv-export")
            confirmed = gr.Checkbox(False, label="确认删除", visible="hidden", elem_id="gd-delete-confirmed")
            opened = gr.Textbox("", label="打开的对话", visible="hidden", elem_id="gd-opened")
        with gr.Column(scale=4, min_width=300):
            chatbot = gr.Chatbot(
                label="对话",
                show_label=False,  # the floating label covered the greeting on a phone (390 px)
                elem_id="gd-chat",
                height=560,
                placeholder="**你好！** 我根据已导入的公文资料回答问题，每句回答都附出处，可逐条核对原文。点一个示例问题试试：",
                examples=[{"text": q} for q in EXAMPLE_QUESTIONS],
                buttons=[],  # a message's own copy button would copy its HTML source; see govdoc.web.actions
                feedback_options=None,
                latex_delimiters=[],
                layout="panel",
            )
            with gr.Row(equal_height=True):
                question = gr.Textbox(
                    placeholder=PLACEHOLDER,
                    label="问题",  # unseen, but read out by screen readers (gradio's default is an English name)
                    show_label=False,
                    scale=8,
                    lines=1,
                    max_lines=4,
                    max_length=settings.input.question_max_chars,
                    elem_id="gd-question",
                )
                ask = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="gd-ask")
            with gr.Row():
                doc_choice = gr.Dropdown(
                    choices=[],
                    value=[],
                    multiselect=True,
                    label="只在这些文件中回答（不选则用全部资料）",
                    elem_id="gd-chat-docs",
                    min_width=280,  # side by side on a desktop, one above the other on a phone
                )
                kb_choice = gr.Dropdown(
                    choices=[],
                    value=[],
                    multiselect=True,
                    label="只在这些知识库中回答（不选则用你能阅读的全部资料）",
                    elem_id="gd-kb-choice",
                    min_width=280,
                )
            action = gr.Textbox("", label="操作", show_label=False, visible="hidden", elem_id=BRIDGE_BOX)
            regenerate = gr.Button("重新回答", visible="hidden", elem_id=REGENERATE)
            rate = gr.Button("评价", visible="hidden", elem_id=RATE)
            feedback = build_feedback_panel(service)
            options = build_options_panel(settings)

    def who_and_owner(request: gr.Request, state: Mapping[str, Any] | None) -> tuple[Principal, str, Place]:
        who = principal(service, request)
        return who, owner_of(who, browser_of(state)), Place("", browser_of(state))

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def answer(
        question: str,
        turns: list[ChatTurn],
        conversation: str,
        state: dict[str, Any],
        retrieval: str,
        k: float,
        mode: str,
        kbs: list[str] | None,
        docs: list[str] | None,
        request: gr.Request,
    ) -> Iterator[tuple[Any, ...]]:
        yield from _answer(question, turns, conversation, state, retrieval, k, mode, kbs, docs, request, None)

    def again(
        payload: str,
        turns: list[ChatTurn],
        conversation: str,
        state: dict[str, Any],
        retrieval: str,
        k: float,
        mode: str,
        kbs: list[str] | None,
        docs: list[str] | None,
        request: gr.Request,
    ) -> Iterator[tuple[Any, ...]]:
        at = _turn_of(payload, turns)
        if at is None:
            raise gr.Error("找不到这条回答，请刷新页面后重试。")
        yield from _answer("", turns, conversation, state, retrieval, k, mode, kbs, docs, request, at)

    def _answer(
        text: str,
        turns: list[ChatTurn],
        conv: str,
        state: dict[str, Any],
        retrieval: str,
        k: float,
        mode: str,
        kbs: list[str] | None,
        docs: list[str] | None,
        request: gr.Request,
        at: int | None,
    ) -> Iterator[tuple[Any, ...]]:
        if not browser_of(state):  # asked before the page's load event named this browser
            state = {**(state or {}), "id": new_browser_id()}
        who, owner, place = who_and_owner(request, state)
        place = Place(conv, place.browser)
        skip = gr.skip()
        done: list[ChatTurn] = turns
        for display, done, box in respond(
            service, text, turns, retrieval, k, mode, who=who, kbs=kbs, doc_ids=docs, at=at, place=place
        ):
            yield display, done, box, skip, skip, skip, skip
        changed = at is not None and done is not turns or at is None and len(done) > len(turns)
        if not changed:
            return
        conv = keep(service, owner, conv, done, at)
        place = Place(conv, place.browser)
        yield (
            messages(done, place=place),
            done,
            "",
            conv,
            gr.skip(),
            conversation_list(service, owner, conv),
            export_links(place),
        )

    def open_conversation(
        chosen: str | None, state: dict[str, Any], request: gr.Request
    ) -> tuple[Any, ...]:
        asker, owner, place = who_and_owner(request, state)
        if not chosen:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        shown = stored_turns(service, owner, chosen, asker)
        place = Place(chosen, place.browser)
        return messages(shown, place=place), shown, chosen, gr.skip(), export_links(place)

    def start_new(state: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        _, owner, _ = who_and_owner(request, state)
        return [], [], "", "", gr.skip(), conversation_list(service, owner, ""), NOTHING_TO_EXPORT

    def rename_current(name: str, conv: str, state: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        _, owner, _ = who_and_owner(request, state)
        if not conv:
            raise gr.Error("请先选择一个已保存的对话。")
        try:
            service.conversations.rename(owner, conv, name or "")
        except (ConversationError, ValueError) as exc:
            raise gr.Error(str(exc)) from exc
        return conversation_list(service, owner, conv), ""

    def delete_current(ok: bool, conv: str, state: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
        _, owner, _ = who_and_owner(request, state)
        if not ok or not conv:
            return (gr.skip(),) * 7
        try:
            service.conversations.delete(owner, conv)
        except ConversationError as exc:
            raise gr.Error(str(exc)) from exc
        gr.Info("已删除该对话。", title="提示")
        return [], [], "", "", gr.skip(), conversation_list(service, owner, ""), NOTHING_TO_EXPORT

    def save_settings(retrieval: str, k: float, mode: str, state: dict[str, Any], request: gr.Request) -> None:
        _, owner, _ = who_and_owner(request, state)
        service.conversations.save_settings(owner, {"retrieval": retrieval, "k": int(k), "mode": mode})

    def on_load(
        state: dict[str, Any] | None,
        tab_open: str | None,
        answered: list[ChatTurn] | None,
        current: str | None,
        request: gr.Request,
    ) -> tuple[Any, ...]:
        who = principal(service, request)
        state = dict(state or {})
        if not state.get("id"):
            state["id"] = new_browser_id()
        owner = owner_of(who, state["id"])
        saved = service.conversations.settings(owner)
        values = [gr.update(value=saved[name]) if name in saved else gr.skip() for name in SAVED_SETTINGS]
        state.pop("conversation", None)  # kept here before the tab kept its own
        # Only this tab's own conversation opens again; one that is not the owner's shows nothing.
        conv = str(tab_open or "")
        shown = stored_turns(service, owner, conv, who) if conv and not answered else []
        chat: tuple[Any, ...] = (conv, shown, messages(shown, place=Place(conv, state["id"])))
        if not shown:
            # Nothing to open again: the chat is left as it is, so a question asked before the page had
            # finished loading (a busy server) keeps its answer on screen.
            conv = str(current or "") if answered else ""
            chat = (gr.skip(), gr.skip(), gr.skip())
        return (
            state,
            *chat,
            conversation_list(service, owner, conv),
            export_links(Place(conv, state["id"])),
            gr.update(choices=document_choices(service, who), value=[]),
            *values,
        )

    chat_inputs = [turns, conversation, browser, *options.inputs(), kb_choice, doc_choice]
    chat_outputs = [chatbot, turns, question, conversation, browser, listing, exports]
    question.submit(answer, [question, *chat_inputs], chat_outputs, api_name="chat", concurrency_id=ANSWER_SLOT).then(
        None, js=SHOW_ANSWER, api_visibility="private"
    )
    ask.click(answer, [question, *chat_inputs], chat_outputs, concurrency_id=ANSWER_SLOT, api_visibility="private").then(
        None, js=SHOW_ANSWER, api_visibility="private"
    )
    chatbot.example_select(example_text, None, [question], queue=False, api_visibility="private").then(
        answer, [question, *chat_inputs], chat_outputs, concurrency_id=ANSWER_SLOT, api_visibility="private"
    ).then(None, js=SHOW_ANSWER, api_visibility="private")
    regenerate.click(again, [action, *chat_inputs], chat_outputs, concurrency_id=ANSWER_SLOT, api_visibility="private")
    feedback.wire(rate, action, turns, conversation, browser)
    listing.input(
        open_conversation, [listing, browser], [chatbot, turns, conversation, browser, exports], api_visibility="private"
    ).then(None, js=SHOW_ANSWER, api_visibility="private")
    resets = [chatbot, turns, question, conversation, browser, listing, exports]
    new.click(start_new, [browser], resets, api_visibility="private")
    chatbot.clear(start_new, [browser], resets, api_visibility="private")  # the chat's own trash icon
    rename.click(rename_current, [new_name, conversation, browser], [listing, new_name], api_visibility="private")
    delete.click(None, None, [confirmed], js=f"() => confirm({DELETE_QUESTION!r})", api_visibility="private").then(
        delete_current, [confirmed, conversation, browser], resets, api_visibility="private"
    )
    for control in (options.retrieval, options.k, options.mode):
        control.input(save_settings, [*options.inputs(), browser], None, api_visibility="private")
    doc_choice.focus(choices_refresher(service), None, [doc_choice], api_visibility="private")
    # The open conversation lives on the server (a State); its id is copied to the hidden box, whose change
    # writes it to the tab's session storage.
    conversation.change(lambda c: c, [conversation], [opened], api_visibility="private")
    opened.change(None, [opened], None, js=KEEP_OPEN, api_visibility="private")
    load_outputs = [browser, conversation, turns, chatbot, listing, exports, doc_choice, *options.inputs()]
    return ChatTab(options, kb_choice, browser, opened, on_load, [browser, opened, turns, conversation], load_outputs)

def _turn_of(payload: str, turns: Sequence[ChatTurn]) -> int | None:
    """The turn number the page's script sent (None when it is not one of the turns on screen)."""
    import json

    try:
        turn = int(json.loads(payload or "{}").get("turn", -1))
    except (ValueError, TypeError, AttributeError):
        return None
    return turn if 0 <= turn < len(turns) and turns[turn].result is not None else None
