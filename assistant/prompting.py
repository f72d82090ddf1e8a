"""Chat messages for the LLM answerer: numbered, fenced passages and the rendered prompt files."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.cite import MARKER
from assistant.types import REFUSAL, Hit
from prompts import render

# A chat message: (role, content) with role "system", "user" or "assistant".
Message = tuple[str, str]

HISTORY_TURNS = 6  # the last turns a rewrite sees
HISTORY_CHARS = 200  # a long earlier answer is cut to this many characters

_FENCE_OPEN = "<<<资料{n} 开始>>>"
_FENCE_CLOSE = "<<<资料{n} 结束>>>"
# A passage must not be able to close its own fence or open a fake one.
_FENCE_LIKE = re.compile(r"<{3,}|>{3,}")
_FULL_WIDTH = str.maketrans({"<": "＜", ">": "＞"})


def _neutralise(text: str) -> str:
    return _FENCE_LIKE.sub(lambda m: m.group(0).translate(_FULL_WIDTH), text)


def source_label(hit: Hit) -> str:
    """Where a passage comes from: 《title》, section path, page."""
    chunk = hit.chunk
    parts = [f"《{chunk.doc_title}》"]
    if chunk.section:
        parts.append(chunk.section)
    if chunk.page is not None:
        parts.append(f"第{chunk.page}页")
    return " ".join(parts)


def format_context(hits: Sequence[Hit]) -> str:
    """The passages numbered [1]..[k], each with its source, fenced as data between clear delimiters.

    Args:
        hits: retrieved passages, best first; passage n is ``hits[n-1]``.

    Returns:
        The context block for the answer prompt; an empty string when there are no hits.
    """
    blocks = []
    for n, hit in enumerate(hits, start=1):
        text = _neutralise(hit.chunk.text.strip())
        blocks.append(
            f"{_FENCE_OPEN.format(n=n)}\n来源：{_neutralise(source_label(hit))}\n"
            f"{text}\n{_FENCE_CLOSE.format(n=n)}"
        )
    return "\n\n".join(blocks)


def format_facts(items: Sequence[tuple[str, str]]) -> str:
    """Facts numbered 1..k, each ``(where it comes from, its words)``, fenced like passages (`format_context`).

    Args:
        items: the facts a drafted section may state; fact n is ``items[n-1]``.

    Returns:
        The context block for the drafting prompt; an empty string when there are none.
    """
    blocks = []
    for n, (source, words) in enumerate(items, start=1):
        blocks.append(
            f"{_FENCE_OPEN.format(n=n)}\n来源：{_neutralise(source)}\n"
            f"{_neutralise(words.strip())}\n{_FENCE_CLOSE.format(n=n)}"
        )
    return "\n\n".join(blocks)


def format_history(history: Sequence[tuple[str, str]]) -> str:
    """The last turns of a conversation as ``用户：…`` / ``助手：…`` lines, without citation markers."""
    lines = []
    for role, text in list(history)[-HISTORY_TURNS:]:
        who = "用户" if role == "user" else "助手"
        flat = " ".join(MARKER.sub("", text).split())
        if len(flat) > HISTORY_CHARS:
            flat = flat[:HISTORY_CHARS] + "……"
        lines.append(f"{who}：{flat}")
    return "\n".join(lines)


def answer_messages(question: str, hits: Sequence[Hit]) -> list[Message]:
    """System and user messages asking for a cited answer to ``question`` from ``hits``."""
    system = render("answer_system", refusal=REFUSAL).strip()
    user = render("answer_user", context=format_context(hits), question=question.strip(), refusal=REFUSAL).strip()
    return [("system", system), ("user", user)]


def rewrite_messages(question: str, history: Sequence[tuple[str, str]]) -> list[Message]:
    """One user message asking to make a follow-up question stand alone."""
    return [("user", render("rewrite", history=format_history(history), question=question.strip()).strip())]
