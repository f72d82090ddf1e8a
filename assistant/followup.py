"""Follow-up questions without an LLM: make "那校长呢？" stand alone with the previous question."""

from __future__ import annotations

import re
from collections.abc import Sequence

_FOLLOW_OPENERS = re.compile(r"^(?:那么?|那个|还有|另外|此外|它|他们|她们|其|这个|这些|那些|同样|再问)")
_FOLLOW_ENDERS = re.compile(r"(?:呢|吗)[？?]?$")
_TRIM = re.compile(r"^(?:那么?|还有|另外|此外|再问)[，,\s]*|(?:呢|又如何|怎么样|怎样)?[？?]?$")


def is_follow_up(question: str) -> bool:
    """A short question that leans on the previous one (那校长呢？ 还有呢？ 它的依据是什么？)."""
    q = question.strip()
    return bool(_FOLLOW_OPENERS.search(q)) or (len(q) <= 8 and bool(_FOLLOW_ENDERS.search(q)))


def standalone_question(question: str, history: Sequence[tuple[str, str]]) -> str:
    """The question, completed with the last user question when it is a follow-up."""
    previous = [text for role, text in history if role == "user" and text.strip()]
    if not previous or not is_follow_up(question):
        return question
    core = _TRIM.sub("", question.strip()).strip("，,。 ")
    return f"{previous[-1].rstrip('？?。')}，{core}？" if core else previous[-1]
