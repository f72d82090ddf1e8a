"""Full-width punctuation in Chinese prose: what a 公文 writes, whatever the source typed.

Sources saved from web pages often punctuate Chinese with half-width marks (``院长(副书记)主抓科研工作,
分管处室具体落实;``). A draft that states such a sentence as its own prose writes the marks a Chinese
document uses: ，；：？！（）“” and 。. A mark is Chinese punctuation when a Chinese character stands
next to it (the nearest character that is not a space, on either side); one between two digits or
Latin letters (1,000, 10:30, 3.5, GB/T 9704) stays as it is, and so does anything in Latin text.
Brackets are paired: ( … ) becomes （ … ） when the words inside or just outside are Chinese. The
citation markers ([n]) and fill-in slots (【请填写：…】) are left alone.

Only the draft's prose is normalised: a citation's quote stays the source's text, verbatim.
"""

from __future__ import annotations

import re

from assistant.cite import MARKER

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff60“”‘’…—【】《》]")
_ASCII_WORD = re.compile(r"[0-9A-Za-z]")
_MARKS = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
_SPACE = " \t\u00a0"


def full_width(text: str) -> str:
    """``text`` with its half-width punctuation in Chinese prose made full-width (module docstring)."""
    if not text:
        return text
    chars = list(text)
    skip = [False] * len(chars)  # markers: neither changed nor read as a neighbour
    for m in MARKER.finditer(text):
        for i in range(m.start(), m.end()):
            skip[i] = True
    changed = [False] * len(chars)
    _brackets(chars, skip, changed)
    _quotes(chars, skip, changed)
    for i, c in enumerate(chars):
        if skip[i] or c not in _MARKS:
            continue
        before, after = _near(chars, skip, i, -1), _near(chars, skip, i, 1)
        if _is_word(before) and _is_word(after):
            continue  # 1,000  10:30  3.5
        if c == ".":
            # A full stop ends a Chinese sentence: Chinese before it, nothing or Chinese after (1. and
            # 3.5 and www.x.cn are no sentence ends); dots in a row (an ellipsis) are left alone.
            if not _is_chinese(before) or (after and not _is_chinese(after)) or "." in (before, after):
                continue
        elif not (_is_chinese(before) or _is_chinese(after)):
            continue
        chars[i] = _MARKS[c]
        changed[i] = True
    return _tight(chars, changed)


def _is_chinese(c: str) -> bool:
    return bool(c) and bool(_CJK.match(c))


def _is_word(c: str) -> bool:
    return bool(c) and bool(_ASCII_WORD.match(c))


def _near(chars: list[str], skip: list[bool], i: int, step: int) -> str:
    """The nearest character to ``chars[i]`` in direction ``step`` that is neither a space nor in a marker."""
    j = i + step
    while 0 <= j < len(chars) and (skip[j] or chars[j] in _SPACE):
        j += step
    return chars[j] if 0 <= j < len(chars) else ""


def _chinese_around(chars: list[str], skip: list[bool], a: int, b: int) -> bool:
    """Whether Chinese stands between ``a`` and ``b`` or right outside them."""
    inside = chars[a + 1 : b]
    return any(_is_chinese(x) for x in inside) or any(
        _is_chinese(x) for x in (_near(chars, skip, a, -1), _near(chars, skip, b, 1))
    )


def _brackets(chars: list[str], skip: list[bool], changed: list[bool]) -> None:
    """Each matched ( … ) pair becomes （ … ） when Chinese stands inside it or just outside it."""
    stack: list[int] = []
    for i, c in enumerate(chars):
        if skip[i]:
            continue
        if c == "(":
            stack.append(i)
        elif c == ")" and stack:
            a = stack.pop()
            if _chinese_around(chars, skip, a, i):
                chars[a], chars[i] = "（", "）"
                changed[a] = changed[i] = True


def _quotes(chars: list[str], skip: list[bool], changed: list[bool]) -> None:
    """Straight double quotes, paired in order, become “…” when Chinese stands inside or just outside."""
    marks = [i for i, c in enumerate(chars) if c == '"' and not skip[i]]
    for a, b in zip(marks[::2], marks[1::2], strict=False):
        if _chinese_around(chars, skip, a, b):
            chars[a], chars[b] = "“", "”"
            changed[a] = changed[b] = True


def _tight(chars: list[str], changed: list[bool]) -> str:
    """The text without the spaces around each mark made full-width (a full-width mark carries its own
    space: ``学习, 通过`` reads 学习，通过)."""
    drop = [False] * len(chars)
    for i, was in enumerate(changed):
        if not was:
            continue
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(chars) and chars[j] in _SPACE:
                drop[j] = True
                j += step
    return "".join(c for c, d in zip(chars, drop, strict=True) if not d)
