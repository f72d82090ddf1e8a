"""The conversation on screen: its turns, the chat messages they render to, and the history sent
with a follow-up. The display is rebuilt from the turns on every update, so what is shown and what
is sent back as history never drift."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from assistant.types import Answer, Citation
from govdoc.web import render
from govdoc.web.actions import actions_html

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from ingest.types import Chunk

Message = dict[str, Any]


@dataclass(frozen=True)
class ChatTurn:
    """One question and its finished answer: plain text for the history, HTML for the display, and
    the answer itself (for its actions, export and feedback)."""

    question: str
    answer: str
    html: str
    result: Answer | None = None


@dataclass(frozen=True)
class Place:
    """Where the conversation on screen is kept: its id (empty until its first answer) and the browser."""

    conversation: str = ""
    browser: str = ""


NOWHERE = Place()  # a conversation not kept yet, in a browser not yet named


def history(turns: Sequence[ChatTurn]) -> list[tuple[str, str]]:
    """The conversation as (role, text) pairs for `GovdocService.ask_stream`."""
    pairs: list[tuple[str, str]] = []
    for turn in turns:
        pairs += [("user", turn.question), ("assistant", turn.answer)]
    return pairs


def messages(
    turns: Sequence[ChatTurn], pending: tuple[str, str] | None = None, place: Place = NOWHERE, start: int = 0
) -> list[Message]:
    """The chat display: every finished turn with its actions, then the question being answered and
    its partial HTML; ``start`` is the number of the first turn."""
    out: list[Message] = []
    for i, turn in enumerate(turns, start):
        actions = actions_html(i, turn.result, place.conversation, place.browser) if turn.result else ""
        out.append({"role": "user", "content": render.question_html(turn.question)})
        out.append({"role": "assistant", "content": turn.html + actions})
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


def chat_turn(service: GovdocService, question: str, answer: Answer) -> ChatTurn:
    """A finished answer as a turn of the display (its passages read from the index when not at hand)."""
    return ChatTurn(question, answer.text, render.answer_html(answer, passages(service, answer)), answer)
