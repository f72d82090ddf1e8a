"""The feedback panel under the chat: a 👍/👎 on an answer is kept at once; the panel then takes an
optional comment and "正确答案应为…", and for a 👎 turns the correction, with a sentence the user picks
from a document as evidence, into an item of the user's own test set (`govdoc.feedback`).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.accounts import Principal
from govdoc.conversations import BROWSER_PREFIX, owner_of
from govdoc.feedback import MAX_COMMENT, MAX_CORRECTION, Feedback, FeedbackError
from govdoc.web.actions import TESTSET_ROUTE
from govdoc.web.render import text_html
from govdoc.web.who import principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService

_SENTENCE_END = re.compile(r"(?<=[。！？；])|\n")
MIN_SENTENCE_CHARS = 4
MAX_SENTENCES = 3000  # a long law has about 1,500; a dropdown of more is of no use to anyone
RATING_WORDS = {1: "有帮助", -1: "没帮助"}
FEEDBACK_SHOWN = 200  # the 评测 tab lists the newest this many


def sentences(text: str) -> list[str]:
    """A document's text cut into sentences (at 。！？； and line ends), short scraps left out."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if len(piece) >= MIN_SENTENCE_CHARS and piece not in out:
            out.append(piece)
        if len(out) >= MAX_SENTENCES:
            break
    return out


def evidence_documents(service: GovdocService, who: Principal, cited: Sequence[str]) -> list[tuple[str, str]]:
    """(title, doc id) of the documents ``who`` may read, those the answer cited first."""
    docs = service.documents(who)
    first = [d for d in docs if d.doc_id in cited]
    rest = sorted((d for d in docs if d.doc_id not in cited), key=lambda d: d.title)
    return [(d.title, d.doc_id) for d in [*first, *rest]]


def document_sentences(service: GovdocService, who: Principal, doc_id: str) -> list[str]:
    """The sentences of one document ``who`` may read (nothing for any other)."""
    if not doc_id or all(d.doc_id != doc_id for d in service.documents(who)):
        return []
    return sentences(service.index.document_text(doc_id))


def visible_feedback(service: GovdocService, who: Principal, browser: str = "") -> list[Feedback]:
    """The feedback ``who`` may review, newest first: everyone's for a signed-in administrator, else the
    user's own (on an install without accounts, this browser's own, as with its conversations)."""
    everyone = who.is_admin and who.via != "local"
    return service.feedback.for_owner(None if everyone else owner_of(who, browser))


def feedback_rows(service: GovdocService, who: Principal, browser: str = "") -> list[list[str]]:
    """The feedback ``who`` may review as table rows (评价, 问题, 回答, 意见, 正确答案应为, 已加入测试集)."""
    return [
        [RATING_WORDS.get(fb.rating, ""), fb.question, fb.answer.text, fb.comment, fb.correction, fb.test_item or ""]
        for fb in visible_feedback(service, who, browser)
    ]


def feedback_list_html(service: GovdocService, who: Principal, browser: str = "") -> str:
    """The 评测 tab's list of feedback, one card each: rating, question, the whole answer, comment,
    correction and whether it became a test item; an administrator's list also names who gave it."""
    shown = visible_feedback(service, who, browser)
    if not shown:
        return '<p class="gd-empty">还没有反馈。在问答页的回答下点“有帮助”或“没帮助”即可反馈。</p>'
    everyone = who.is_admin and who.via != "local"
    cards = []
    for fb in shown[:FEEDBACK_SHOWN]:
        rows = [("回答", fb.answer.text or "（未回答）")]
        if everyone:
            rows.insert(0, ("反馈人", "本机用户" if fb.owner.startswith(BROWSER_PREFIX) else fb.owner))
        rows += [("意见", fb.comment or "—"), ("正确答案应为", fb.correction or "—")]
        rows.append(("测试集", "已加入测试集" if fb.test_item else "未加入测试集"))
        body = "".join(f"<dt>{k}</dt><dd>{text_html(v)}</dd>" for k, v in rows)
        kind = "gd-pass" if fb.rating == 1 else "gd-fail"
        cards.append(
            f'<div class="gd-failed gd-feedback-item"><div class="gd-failed-q">'
            f'<span class="gd-verdict {kind}">{RATING_WORDS.get(fb.rating, "")}</span> '
            f"{html.escape(fb.question)}</div><dl>{body}</dl></div>"
        )
    more = ""
    if len(shown) > FEEDBACK_SHOWN:
        more = f'<p class="gd-note">共 {len(shown)} 条反馈，这里列出最近的 {FEEDBACK_SHOWN} 条。</p>'
    return f'<p class="gd-note">共 {len(shown)} 条反馈。</p>' + "".join(cards) + more


@dataclass
class FeedbackPanel:
    """The panel's components; `wire` connects the chat's hidden rating event to it."""

    service: GovdocService
    panel: gr.Column
    heading: gr.Markdown
    feedback_id: gr.State
    comment: gr.Textbox
    correction: gr.Textbox
    save: gr.Button
    close: gr.Button
    testing: gr.Column
    document: gr.Dropdown
    sentence: gr.Dropdown
    unanswerable: gr.Checkbox
    make_item: gr.Button
    result: gr.Markdown

    def wire(self, rate: gr.Button, action: gr.Textbox, turns: gr.State, conversation: gr.State, browser: Any) -> None:
        """Connect the chat's hidden 👍/👎 event (``rate`` with the turn in ``action``) to the panel."""
        service = self.service

        def owner(request: gr.Request, state: Mapping[str, Any] | None) -> tuple[Principal, str]:
            who = principal(service, request)
            return who, owner_of(who, str((state or {}).get("id", "")))

        def on_rate(payload: str, shown: list[Any], conv: str, state: dict[str, Any], request: gr.Request) -> tuple[Any, ...]:
            who, me = owner(request, state)
            try:
                data = json.loads(payload or "{}")
                turn, rating = int(data["turn"]), int(data["rating"])
                if turn < 0:
                    raise IndexError(turn)  # never counted from the end
                answer = shown[turn].result
            except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
                raise gr.Error("找不到这条回答，请刷新页面后重试。") from exc
            if not conv or answer is None:
                raise gr.Error("这条回答还没有保存，请稍后再评价。")
            try:
                fb = service.feedback.rate(me, conv, turn, rating, shown[turn].question, answer)
            except FeedbackError as exc:
                raise gr.Error(str(exc)) from exc
            cited = [c.doc_id for c in answer.citations]
            docs = evidence_documents(service, who, cited)
            doc = cited[0] if cited else None
            said = document_sentences(service, who, doc) if doc else []
            quote = answer.citations[0].quote if answer.citations else ""
            picked = next((s for s in said if quote and (quote in s or s in quote)), None)
            return (
                gr.update(visible=True),
                fb.id,
                f"**对第 {turn + 1} 条回答的评价：{RATING_WORDS[rating]}**（已记录，下面可补充说明）",
                fb.comment,
                fb.correction,
                # A test item is for whoever runs evaluations (an administrator): a teacher's 没帮助 is kept as
                # feedback, without the test-set words (found by hand: 加入我的测试集 puzzled a teacher).
                gr.update(visible=rating == -1 and who.is_admin),
                gr.update(choices=docs, value=doc),
                gr.update(choices=said, value=picked),
                False,
                "",
            )

        def on_save(fb_id: int, comment: str, correction: str, state: dict[str, Any], request: gr.Request) -> str:
            _, me = owner(request, state)
            try:
                service.feedback.annotate(me, int(fb_id), comment or "", correction or "")
            except FeedbackError as exc:
                raise gr.Error(str(exc)) from exc
            gr.Info("反馈已保存，谢谢！", title="提示")
            return "反馈已保存。"

        def on_document(doc_id: str | None, request: gr.Request) -> Any:
            said = document_sentences(service, principal(service, request), doc_id or "")
            return gr.update(choices=said, value=None)

        def on_make(
            fb_id: int,
            doc_id: str | None,
            sentence: str | None,
            correction: str,
            unanswerable: bool,
            state: dict[str, Any],
            request: gr.Request,
        ) -> str:
            who, me = owner(request, state)
            titles = dict((d.doc_id, d.title) for d in service.documents(who))
            if doc_id and doc_id not in titles:
                raise gr.Error("无法读取这个文件。")
            if sentence and doc_id and sentence not in document_sentences(service, who, doc_id):
                raise gr.Error("依据必须是从文件中选出的一句原文。")
            try:
                item, path = service.feedback.to_test_item(
                    me,
                    int(fb_id),
                    doc_title=titles.get(doc_id or "", ""),
                    evidence=sentence or "",
                    correction=correction or "",
                    answerable=not unanswerable,
                )
            except FeedbackError as exc:
                raise gr.Error(str(exc)) from exc
            count = sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
            link = f"{TESTSET_ROUTE}?b={html.escape(str((state or {}).get('id', '')))}"
            points = "；".join(p[0] for p in item.key_points) or "应回答“资料中未找到”"
            return (
                f"已加入你的测试集（编号 {item.id}，共 {count} 题，文件 {path.name}）。"
                f"评测时检查的要点：{points}。[下载我的测试集]({link})"
            )

        rate.click(
            on_rate,
            [action, turns, conversation, browser],
            [self.panel, self.feedback_id, self.heading, self.comment, self.correction, self.testing,
             self.document, self.sentence, self.unanswerable, self.result],
            api_visibility="private",
        )
        self.save.click(
            on_save, [self.feedback_id, self.comment, self.correction, browser], [self.result], api_visibility="private"
        )
        self.document.input(on_document, [self.document], [self.sentence], api_visibility="private")
        self.make_item.click(
            on_make,
            [self.feedback_id, self.document, self.sentence, self.correction, self.unanswerable, browser],
            [self.result],
            api_visibility="private",
        )
        self.close.click(lambda: gr.update(visible=False), None, [self.panel], api_visibility="private")


def build_feedback_panel(service: GovdocService) -> FeedbackPanel:
    """The feedback panel (hidden until an answer is rated), rendered where it is called."""
    with gr.Column(visible=False, elem_id="gd-feedback") as panel:
        heading = gr.Markdown("", elem_id="gd-feedback-heading")
        feedback_id = gr.State(0)
        with gr.Row():
            comment = gr.Textbox(label="意见（可不填）", lines=2, max_length=MAX_COMMENT, elem_id="gd-feedback-comment")
            correction = gr.Textbox(
                label="正确答案应为…（可不填）", lines=2, max_length=MAX_CORRECTION, elem_id="gd-feedback-correction"
            )
        with gr.Row():
            save = gr.Button("保存反馈", size="sm", variant="primary", elem_id="gd-feedback-save")
            close = gr.Button("收起", size="sm", elem_id="gd-feedback-close")
        with gr.Column(visible=False, elem_id="gd-feedback-testing") as testing:
            gr.Markdown("**加入我的测试集**：填好上面的正确答案，再从文件中选一句原文作为依据，以后评测时会检查这道题。")
            with gr.Row():
                document = gr.Dropdown([], label="依据所在的文件", elem_id="gd-feedback-doc")
                sentence = gr.Dropdown([], label="从文件中选一句原文作为依据", filterable=True, elem_id="gd-feedback-sentence")
            unanswerable = gr.Checkbox(False, label="资料中本来就没有答案（应当回答“未找到”）", elem_id="gd-feedback-none")
            make_item = gr.Button("加入我的测试集", size="sm", elem_id="gd-feedback-testset")
        result = gr.Markdown("", elem_id="gd-feedback-result")
    return FeedbackPanel(
        service, panel, heading, feedback_id, comment, correction, save, close, testing, document, sentence,
        unanswerable, make_item, result,
    )
