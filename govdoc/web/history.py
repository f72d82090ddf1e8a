"""The kept side of the chat: the owner's conversations as the page lists and opens them, the writing of
each finished answer, and the links that download a conversation (see `govdoc.conversations`)."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.accounts import Principal
from govdoc.conversations import ConversationError
from govdoc.web.actions import export_url
from govdoc.web.turns import ChatTurn, Place, chat_turn
from govdoc.web.who import principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService


def browser_of(state: Mapping[str, Any] | None) -> str:
    """The browser's name kept in its local storage (empty before the page first loaded)."""
    return str((state or {}).get("id", ""))


def stored_turns(service: GovdocService, owner: str, conversation: str, who: Principal) -> list[ChatTurn]:
    """A kept conversation as display turns, as ``who`` may read it now (empty when the owner has no such
    conversation)."""
    try:
        kept = service.kept_turns(owner, conversation, who=who)
    except ConversationError:
        return []
    return [chat_turn(service, t.question, t.answer) for t in kept]


def conversation_list(service: GovdocService, owner: str, current: str) -> Any:
    """The side list: the owner's conversations, the open one selected."""
    listed = service.conversations.for_owner(owner)
    choices = [(c.title, c.id) for c in listed]
    return gr.update(
        choices=choices,
        value=current if any(c.id == current for c in listed) else None,
        label="历史对话" if listed else "历史对话（提问后自动保存）",
    )


def keep(service: GovdocService, owner: str, conversation: str, turns: Sequence[ChatTurn], at: int | None) -> str:
    """Write the newest answer (or the regenerated turn ``at``) to the owner's conversation; returns its id
    (a new conversation when there was none, or when it was deleted meanwhile)."""
    store = service.conversations
    index = len(turns) - 1 if at is None else at
    turn = turns[index]
    assert turn.result is not None
    try:
        if at is not None:
            store.replace_turn(owner, conversation, at, turn.result)
            return conversation
        store.get(owner, conversation)
    except ConversationError:
        conversation = store.create(owner, turns[0].question).id
        for earlier in turns[:index]:
            if earlier.result is not None:
                store.add_turn(owner, conversation, earlier.question, earlier.result)
    store.add_turn(owner, conversation, turn.question, turn.result)
    return conversation


# Where the export links will be, said before there is a conversation to export (the section's title promises it).
NOTHING_TO_EXPORT = '<div class="gd-actions" id="gd-export-none">提问之后，可在这里把整个对话导出为 Word 或文本。</div>'


def export_links(place: Place) -> str:
    """Links that download the whole open conversation as Word or Markdown; before there is one, where they will be."""
    if not place.conversation:
        return NOTHING_TO_EXPORT
    word = html.escape(export_url(place.conversation, place.browser, "docx"), quote=True)
    markdown = html.escape(export_url(place.conversation, place.browser, "md"), quote=True)
    return (
        f'<div class="gd-actions">导出整个对话：<a class="gd-act" id="gd-export-docx" href="{word}" download>Word</a>'
        f'<a class="gd-act" id="gd-export-md" href="{markdown}" download>文本</a></div>'
    )


def document_choices(service: GovdocService, who: Principal) -> list[tuple[str, str]]:
    """The documents ``who`` may read, as (title, doc id) choices for the "只在这些文件中回答" and "只用这些文件起草"
    selectors."""
    return [(d.title, d.doc_id) for d in sorted(service.documents(who), key=lambda d: d.title)]


def choices_refresher(service: GovdocService) -> Any:
    """The event handler that fills a document selector with the documents whoever opened it may read (wired to
    its focus, so a document uploaded since the page loaded is there)."""

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def refresh(request: gr.Request) -> Any:
        return gr.update(choices=document_choices(service, principal(service, request)))

    return refresh
