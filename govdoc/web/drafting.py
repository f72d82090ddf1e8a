"""The 起草 tab: a draft report with citations from a topic and an optional outline, and its Word file."""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import gradio as gr

from assistant import genre as genres
from assistant.request import GENRES, asks_one_paragraph, length_of, parse_request
from govdoc.accounts import Principal
from govdoc.inputs import InputError
from govdoc.sourcename import shown_to_reader
from govdoc.web import render
from govdoc.web.eventgate import ANSWER_SLOT
from govdoc.web.history import choices_refresher
from govdoc.web.turns import passages_for_citations
from govdoc.web.who import principal

if TYPE_CHECKING:
    from assistant.config import AnswerMode
    from govdoc.service import GovdocService

log = logging.getLogger("govdoc.web")
DEFAULT_LENGTH = 1500  # the length slider's starting value (characters)
LENGTH_RANGE = (200, 5000, 100)  # the slider's least, greatest and step (characters)


def parse_outline(text: str | None) -> list[str]:
    """Outline headings from the text box: one per line, or separated by ；/;."""
    return [part.strip() for part in re.split(r"[\n;；]+", text or "") if part.strip()]


def requested_length(topic: str, length: float, genre: str = "") -> int | None:
    """The length to draft to: the slider's, once the user moved it; left at its default, None when the request
    names a length of its own (写950字左右: the drafter takes the request's), asks for one paragraph (写一段…:
    the drafter's paragraph length), or asks for a brief genre (a 请示 or 通知, from ``genre`` or the request's
    words: the slider's report length is no target of theirs)."""
    asked = length_of(topic)
    chosen = _genre_drafted(topic, genre)
    brief = chosen in GENRES and genres.template(chosen).brief
    if int(length) == DEFAULT_LENGTH and (asked or asks_one_paragraph(topic) or brief):
        return None
    if asked and int(length) == slider_length(asked):  # the slider was set from the request: its own figure
        return None
    return int(length)


def _genre_drafted(topic: str, genre: str) -> str:
    """The genre the drafter will write, read from the request as the drafter reads it (`parse_request`); the
    genre field when the request cannot be read (the drafter then says why)."""
    try:
        return parse_request(topic, genre=genre or None).genre
    except ValueError:
        return genre


def slider_length(asked: int) -> int:
    """Where the length slider shows a length the request names (800字左右): the nearest step within its range."""
    least, most, step = LENGTH_RANGE
    return int(min(max(round(asked / step) * step, least), most))


def length_shown(topic: str, length: float) -> Any:
    """The slider once the topic is typed: moved to the length the request names (写800字左右), so the page
    shows the length the draft aims at; left as it is when the request names none."""
    asked = length_of((topic or "").strip())
    return gr.update(value=slider_length(asked)) if asked else gr.update(value=length)


def drafted(
    service: GovdocService,
    topic: str,
    outline: str,
    genre: str,
    length: float,
    mode: str,
    out_dir: Path | None = None,
    *,
    who: Principal,
    doc_ids: Sequence[str] | None = None,
) -> tuple[str, Any, Any]:
    """Draft a document; returns (the draft as HTML with its sources, the Word download button update, the
    draft itself: None when drafting failed; the 提纲 box shows its headings).

    Args:
        service: drafts from the indexed documents.
        topic: what the draft is about.
        outline: section headings, one per line or ；-separated; empty lets the drafter choose.
        genre: one of `GENRES`, or empty to take the genre the request's words name.
        length: target length in characters; left at the slider's default, the length the request names
            applies, or for a request of one paragraph (写一段…) the drafter's own paragraph length
            (`requested_length`).
        mode: the session's answer mode (extractive, or the configured LLM).
        out_dir: where the Word file is written; None: a new temporary folder.
        doc_ids: draft only from these documents (the "只用这些文件起草" choice); None or empty: all ``who`` may read.
    """
    hidden = gr.update(visible=False, value=None)
    topic = (topic or "").strip()
    if not topic:
        return render.error_html("请先填写主题，例如：学校党组织领导下的校长负责制落实情况。"), hidden, None
    from assistant.export import draft_to_docx

    try:
        draft = service.draft(
            topic,
            parse_outline(outline) or None,
            genre=genre or None,
            length=requested_length(topic, length, genre),
            mode=cast("AnswerMode", mode),
            who=who,
            doc_ids=list(doc_ids) if doc_ids else None,
        )
        folder = out_dir or Path(tempfile.mkdtemp(prefix="govdoc-draft-"))
        exported = shown_to_reader(draft)  # files as the page names them
        path = draft_to_docx(exported, folder / f"{_file_stem(draft.title or topic)}.docx")
    except InputError as exc:
        return render.error_html(exc.message), hidden, None
    except Exception as exc:  # shown on the page; the log keeps the trace
        log.exception("drafting failed")
        return render.error_html(f"起草时出错：{exc}"), hidden, None
    shown = render.draft_html(draft, passages_for_citations(service, draft.citations))
    return shown, gr.update(visible=True, value=str(path)), draft


def outline_text(draft: Any) -> str:
    """The 提纲 box's text for a draft: its headings, one a line (empty for a paragraph asked for alone)."""
    if draft is None or draft.paragraph:
        return ""
    return "\n".join(s.heading for s in draft.sections)


def outline_given(outline: str, topic: str, shown: tuple[str, str]) -> str:
    """The outline the person gives: the box's text, unless it is still the outline the page filled in for
    another topic (``shown``: that topic and that text), which a new topic must not inherit."""
    last_topic, last_outline = shown
    if outline.strip() and outline.strip() == last_outline.strip() and topic.strip() != last_topic.strip():
        return ""
    return outline


def _file_stem(title: str) -> str:
    """The Word file's name: the draft's title (关于…的汇报材料), not the request the user typed. Its Chinese
    punctuation (关于安保、食堂的自查报告) is kept: only what a file name may not hold on Windows, macOS or
    Linux (/\\:*?"<>| and control characters) or spaces become "_"."""
    stem = re.sub(r'[/\\:*?"<>|\x00-\x1f\s]+', "_", title).strip("_. ")[:60]
    return stem or "draft"


def build_drafting_tab(service: GovdocService, mode: gr.Radio) -> None:
    """The 起草 tab's components and events; ``mode`` is the settings panel's answer mode."""
    with gr.Row():
        with gr.Column(scale=2):
            topic = gr.Textbox(
                label="主题或要求",
                placeholder="例如：帮我写份工作总结，讲课后服务、家校沟通、校园安全三块",
                elem_id="gd-draft-topic",
            )
            outline = gr.Textbox(
                label="提纲（可不填）",
                placeholder="每行一个小标题，或用分号隔开，例如：\n基本情况\n主要做法\n存在问题\n下一步打算",
                lines=5,
                elem_id="gd-draft-outline",
            )
            docs = gr.Dropdown(
                choices=[],
                value=[],
                multiselect=True,
                label="只用这些文件起草（不选则用全部资料）",
                elem_id="gd-draft-docs",
            )
        with gr.Column(scale=1):
            genre = gr.Dropdown(
                [("按要求中的说法", ""), *[(g, g) for g in GENRES]], value="", label="文种", elem_id="gd-draft-genre"
            )
            length = gr.Slider(
                LENGTH_RANGE[0],
                LENGTH_RANGE[1],
                value=DEFAULT_LENGTH,
                step=LENGTH_RANGE[2],
                label="目标篇幅（字）",
                info="只写一段时，不动这里约为 300 字；写请示、通知时，不动这里不设字数目标",
                elem_id="gd-draft-length",
            )
            plan = gr.Button("拟定提纲", elem_id="gd-draft-plan")
            run = gr.Button("生成初稿", variant="primary", elem_id="gd-draft-run")
            download = gr.DownloadButton("下载 Word 文档", visible=False, elem_id="gd-draft-download")
    text = gr.HTML("", elem_id="gd-draft-text")
    # The topic and the outline the page last put in the 提纲 box, so that a new topic drafts to its own.
    filled = gr.State(("", ""))

    def drafted_for(
        topic: str, outline: str, genre: str, length: float, mode: str, shown: tuple[str, str], chosen: list[str] | None,
        request: gr.Request,
    ) -> tuple[str, tuple[str, Any, Any]]:
        """The outline the person gives (`outline_given`), and the draft for whoever asked (`drafted`)."""
        given = outline_given(outline, topic, shown)
        who = principal(service, request)
        return given, drafted(service, topic, given, genre, length, mode, who=who, doc_ids=chosen)

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def on_draft(
        topic: str,
        outline: str,
        genre: str,
        length: float,
        mode: str,
        shown: tuple[str, str],
        chosen: list[str] | None,
        request: gr.Request,
    ) -> tuple[str, Any, str, tuple[str, str]]:
        given, (html, file, draft) = drafted_for(topic, outline, genre, length, mode, shown, chosen, request)
        if draft is None or given.strip():  # the person's own outline stays as typed
            return html, file, outline, shown
        auto = outline_text(draft)  # the outline the drafter chose, shown to edit and draft again
        return html, file, auto, (topic, auto)

    def on_plan(
        topic: str,
        outline: str,
        genre: str,
        length: float,
        mode: str,
        shown: tuple[str, str],
        chosen: list[str] | None,
        request: gr.Request,
    ) -> tuple[str, Any, str, tuple[str, str]]:
        # The outline the drafter would follow, in the box before any text is shown: drafted, the text kept back.
        _, (html, _, draft) = drafted_for(topic, outline, genre, length, mode, shown, chosen, request)
        hidden = gr.update(visible=False, value=None)
        if draft is None:
            return html, hidden, outline, shown
        auto = outline_text(draft)
        note = render.notice_html("已拟定提纲，可在“提纲”中修改后点“生成初稿”。") if auto else html
        return note, hidden, auto or outline, (topic, auto) if auto else shown

    events = [topic, outline, genre, length, mode, filled, docs]
    docs.focus(choices_refresher(service), None, [docs], api_visibility="private")
    topic.blur(length_shown, [topic, length], [length], api_visibility="private")
    run.click(on_draft, events, [text, download, outline, filled], concurrency_id=ANSWER_SLOT, api_visibility="private")
    plan.click(on_plan, events, [text, download, outline, filled], concurrency_id=ANSWER_SLOT, api_visibility="private")
