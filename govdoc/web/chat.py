"""The 问答 tab: streamed answers with citation markers and a sources panel under each answer.

The conversation lives in a per-session ``gr.State`` (a list of `ChatTurn`); the chat display is
rebuilt from it on every update, so what is shown and what is sent back as history never drift.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import gradio as gr

from assistant.types import Answer, Citation
from govdoc.accounts import Principal
from govdoc.inputs import InputError
from govdoc.web import render
from govdoc.web.options import SessionOptions, build_options_panel
from govdoc.web.who import principal

if TYPE_CHECKING:
    from assistant.config import AnswerMode, RetrievalMode
    from govdoc.service import GovdocService
    from govdoc.settings import Settings
    from ingest.types import Chunk

log = logging.getLogger("govdoc.web")

EXAMPLE_QUESTIONS = (
    "哪些事项需要由党支部研究决定？",
    "教师享有哪些权利？",
    "义务教育阶段学校能否分设重点班？",
)
PLACEHOLDER = "请输入问题，按回车发送。例如：教师享有哪些权利？"

Message = dict[str, Any]


@dataclass(frozen=True)
class ChatTurn:
    """One question and its finished answer: plain text for the history, HTML for the display."""

    question: str
    answer: str
    html: str


def history(turns: Sequence[ChatTurn]) -> list[tuple[str, str]]:
    """The conversation as (role, text) pairs for `GovdocService.ask_stream`."""
    pairs: list[tuple[str, str]] = []
    for turn in turns:
        pairs += [("user", turn.question), ("assistant", turn.answer)]
    return pairs


def messages(turns: Sequence[ChatTurn], pending: tuple[str, str] | None = None) -> list[Message]:
    """The chat display: every finished turn, then the question being answered and its partial HTML."""
    out: list[Message] = []
    for turn in turns:
        out.append({"role": "user", "content": render.question_html(turn.question)})
        out.append({"role": "assistant", "content": turn.html})
    if pending is not None:
        out.append({"role": "user", "content": render.question_html(pending[0])})
        out.append({"role": "assistant", "content": pending[1]})
    return out


def passages_for_citations(
    service: GovdocService, citations: Sequence[Citation], known: Mapping[str, Chunk] | None = None
) -> dict[str, Chunk]:
    """The passage of each citation by chunk id: from ``known`` when there, else from the index."""
    found = dict(known or {})
    missing = [c.chunk_id for c in citations if c.chunk_id not in found]
    if missing:
        found.update({chunk.id: chunk for chunk in service.index.chunks(missing)})
    return found


def passages(service: GovdocService, answer: Answer) -> dict[str, Chunk]:
    """The passage of each of the answer's citations (from its hits, else from the index)."""
    return passages_for_citations(service, answer.citations, {hit.chunk.id: hit.chunk for hit in answer.hits})


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
) -> Iterator[tuple[list[Message], list[ChatTurn], str]]:
    """Answer one question from what ``who`` may read (within ``kbs`` when chosen), streaming; yields
    (chat display, turns, text left in the input box).

    The streamed pieces are replaced by the final checked answer (its text, markers and sources).
    """
    question = (question or "").strip()
    if not question:
        yield messages(turns), turns, ""
        return
    yield messages(turns, (question, render.streaming_html(""))), turns, ""
    text = ""
    final: Answer | None = None
    try:
        for item in service.ask_stream(
            question,
            history(turns),
            mode=cast("AnswerMode", mode),
            retrieval=cast("RetrievalMode", retrieval),
            k=int(k),
            who=who,
            kbs=list(kbs) if kbs else None,
        ):
            if isinstance(item, Answer):
                final = item
            else:
                text += item
                yield messages(turns, (question, render.streaming_html(text))), turns, ""
    except InputError as exc:
        yield messages(turns, (question[:200], render.error_html(exc.message))), turns, question
        return
    except Exception as exc:  # shown in the chat instead of a broken stream; the log keeps the trace
        log.exception("answering failed")
        shown = render.error_html(f"回答时出错：{exc}。请稍后重试，或在设置中改用摘录式回答。")
        yield messages(turns, (question, shown)), turns, question
        return
    if final is None:
        shown = render.error_html("回答时出错：没有得到完整的回答，请重试。")
        yield messages(turns, (question, shown)), turns, question
        return
    html = render.answer_html(final, passages(service, final))
    new_turns = [*turns, ChatTurn(question, final.text, html)]
    yield messages(new_turns), new_turns, ""


def clear() -> tuple[list[Message], list[ChatTurn], str]:
    """An empty conversation."""
    return [], [], ""


def example_text(evt: gr.SelectData) -> str:
    """The text of the example the user clicked."""
    value: Mapping[str, Any] | str = evt.value
    return str(value.get("text", "")) if isinstance(value, Mapping) else str(value)


def build_chat_tab(service: GovdocService, settings: Settings) -> tuple[SessionOptions, gr.Dropdown]:
    """The 问答 tab's components and events, with the settings panel under the input box.

    Args:
        service: answers the questions.
        settings: defaults of the settings panel.

    Returns:
        The settings panel, whose values other tabs use too, and the knowledge-base choice (filled
        on page load with the bases the user may read).
    """
    turns = gr.State([])
    chatbot = gr.Chatbot(
        label="对话",
        show_label=False,  # the floating label covered the greeting on a phone (390 px)
        elem_id="gd-chat",
        height=560,
        placeholder="**你好！** 我根据已导入的公文资料回答问题，每句回答都附出处，可逐条核对原文。点一个示例问题试试：",
        examples=[{"text": q} for q in EXAMPLE_QUESTIONS],
        buttons=[],  # a message's copy button would copy its HTML source
        feedback_options=None,
        latex_delimiters=[],
        layout="panel",
    )
    with gr.Row(equal_height=True):
        question = gr.Textbox(
            placeholder=PLACEHOLDER,
            show_label=False,
            scale=8,
            lines=1,
            max_lines=4,
            max_length=settings.input.question_max_chars,
            elem_id="gd-question",
        )
        ask = gr.Button("提问", variant="primary", scale=1, min_width=80, elem_id="gd-ask")
        clear_button = gr.Button("清空对话", scale=1, min_width=80, elem_id="gd-clear")
    options = build_options_panel(settings)
    with gr.Row():
        kb_choice = gr.Dropdown(
            choices=[],
            value=[],
            multiselect=True,
            label="只在这些知识库中回答（不选则用你能阅读的全部资料）",
            elem_id="gd-kb-choice",
        )
    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def answer(
        question: str,
        turns: list[ChatTurn],
        retrieval: str,
        k: float,
        mode: str,
        kbs: list[str] | None,
        request: gr.Request,
    ) -> Iterator[tuple[list[Message], list[ChatTurn], str]]:
        yield from respond(service, question, turns, retrieval, k, mode, who=principal(service, request), kbs=kbs)

    inputs = [question, turns, *options.inputs(), kb_choice]
    outputs = [chatbot, turns, question]
    question.submit(answer, inputs, outputs, api_name="chat")
    ask.click(answer, inputs, outputs, api_visibility="private")
    chatbot.example_select(example_text, None, [question], queue=False, api_visibility="private").then(
        answer, inputs, outputs, api_visibility="private"
    )
    clear_button.click(clear, None, outputs, queue=False, api_visibility="private")
    chatbot.clear(clear, None, outputs, queue=False, api_visibility="private")  # the chat's own trash icon
    return options, kb_choice
