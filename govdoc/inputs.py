"""What a user may send: text that encodes, within a length, checked before anything costly runs."""

from __future__ import annotations

from collections.abc import Sequence

# A chat turn: (role, text) with role "user" or "assistant".
Turn = tuple[str, str]


class InputError(ValueError):
    """Input refused before any work; ``status`` is the HTTP status an API returns (400 or 413)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_text(text: str, limit: int, what: str) -> str:
    """``text`` unchanged when it is valid Unicode of at most ``limit`` characters.

    Args:
        text: what the user sent.
        limit: the most characters accepted.
        what: the name of the field in the message (问题, 起草主题).

    Raises:
        InputError: 400 for a lone surrogate (not a character; it cannot be stored or shown),
            413 for text over the limit.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(400, f"{what}中含有无法识别的字符，请删除后重试") from None
    if len(text) > limit:
        raise InputError(413, f"{what}过长：共 {len(text)} 字，上限为 {limit} 字，请精简后再试")
    return text


def recent_history(history: Sequence[Turn], max_chars: int) -> list[Turn]:
    """The latest turns whose texts add up to at most ``max_chars`` characters (older ones dropped).

    Raises:
        InputError: 400 when a kept turn is not valid Unicode.
    """
    kept: list[Turn] = []
    total = 0
    for role, text in reversed(history):
        total += len(text)
        if total > max_chars:
            break
        kept.append((role, check_text(text, max_chars, "对话记录")))
    kept.reverse()
    return kept
