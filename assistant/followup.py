"""Follow-up questions without an LLM: make "那民办的呢？" stand alone with the previous question.

A turn is a follow-up when it opens with 那/还有/要是…, is short and ends in 呢/吗, has a clause ending
in 呢, or names no thing of its own (最长能管多久？).

An elliptical turn either swaps one thing of the previous question ("那民办的呢？" after a question about
公办学校, "那幼儿园呢？", "那乙类的呢？") or asks something new about the same matter ("最长能管多久？",
"那要怎么申请？"). A swap replaces, in the previous question, the words that share the most characters
with the new thing (公办→民办, 甲类→乙类, 复查→复核), else the noun phrase the previous question opens
with (its subject: 医院→疾控中心, 高校→初中). A new ask keeps the previous question's subject and
asks the new thing. The result is a question of its own: it is retrieved for and judged as such.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.tokenize import jieba_tagged

_FOLLOW_OPENERS = re.compile(r"^(?:那么?|那个|还有|另外|此外|它|他们|她们|其|这个|这些|那些|同样|再问|要是|如果|假如)")
_FOLLOW_ENDERS = re.compile(r"(?:呢|吗)[？?]?$")
_LEAD = re.compile(r"^(?:(?:那么?|还有|另外|此外|再问|要是|如果|假如)[，,\s]*)+")
_TAIL = re.compile(r"(?:的)?(?:呢|又如何|怎么样|怎样)?[？?。\s]*$")
# Words that ask for something: a turn holding one asks a new thing rather than swapping one.
_ASKS = re.compile(r"多少|多久|多长|几[天个年次月小人项]|什么|哪|怎么|怎样|如何|能不能|可不可以|是否|要不要|有没有|吗|谁")
_PUNCT = re.compile(r"[，,。？?！!；;：:、\s]")
_CLAUSE_NE = re.compile(r"呢[，,]")
_OWN_NOUN = ("n", "nr", "ns", "nt", "nz", "j", "eng")  # a thing named (医生, 疾控中心), not 答复 (vn)
_OPENING_NOUN = frozenset({"n", "nr", "ns", "nt", "nz", "nl", "ng", "j", "vn", "an", "b", "l", "x", "eng"})


def is_follow_up(question: str) -> bool:
    """A question that leans on the previous one: it opens with 那/还有/要是…, it is short and ends in
    呢 or 吗, a clause of it ends in 呢 (情况复杂的呢，最长能拖多久？), or it names no thing of its own
    (最长能管多久？ 找了以后多久给答复？)."""
    q = question.strip()
    if _FOLLOW_OPENERS.search(q) or (len(q) <= 8 and _FOLLOW_ENDERS.search(q)) or _CLAUSE_NE.search(q):
        return True
    return len(q) <= 16 and not any(flag.startswith(_OWN_NOUN) and len(w) >= 2 for w, flag in jieba_tagged(q, hmm=False))


def standalone_question(question: str, history: Sequence[tuple[str, str]]) -> str:
    """The question made to stand alone with the last user question, when it is a follow-up."""
    previous = [text for role, text in history if role == "user" and text.strip()]
    if not previous or not is_follow_up(question):
        return question
    last = previous[-1].strip()
    core = _TAIL.sub("", _LEAD.sub("", question.strip())).strip("，,。 ")
    core = _CLAUSE_NE.sub("，", core)  # 网上联名信访呢，联名人数… → 网上联名信访，联名人数…
    if not core:
        return last
    if _ASKS.search(core):
        return _ask_anew(last, core)
    words = jieba_tagged(core)
    # A thing named (劳动仲裁的仲裁费: it ends in a noun) swaps; an act or a state (寄盲文书) is a new situation.
    ends_in_noun = bool(words) and words[-1][1].startswith(_OWN_NOUN)
    if len(core) >= 4 and not ends_in_noun and any(flag.startswith("v") for _, flag in words):
        return _new_situation(last, core, words)
    return _swap(last, core)


def _new_situation(previous: str, new: str, new_words: list[tuple[str, str]]) -> str:
    """The previous question's ask about a new situation ("那要是特别重大事故呢？", "到期还不改呢？")."""
    head, _, tail = _strip_end(previous).rpartition("，")
    tail = (tail or _strip_end(previous)) + "？"
    if _opening_noun_phrase(new_words):  # the new situation names who or what: it replaces the old one
        return f"{new}，{tail}"
    if head and len(new) >= 6:  # a new act of the same subject
        head_words = jieba_tagged(head)
        span = _opening_noun_phrase(head_words)
        if span:
            subject = "".join(w for w, _ in head_words[span[0] : span[1]])
            return f"{subject}{new}，{tail}"
    return f"{head}，{new}，{tail}" if head else f"{new}，{tail}"


def _swap(previous: str, new: str) -> str:
    """``previous`` with the words that ``new`` stands in for replaced by ``new``."""
    words = jieba_tagged(previous)
    span = _closest_span(words, new) or _opening_noun_phrase(words)
    if span is None:
        return f"{new}{_strip_end(previous)}？"
    start, end = _whole_coordination(words, *span)
    old = "".join(w for w, _ in words[start:end])
    return "".join(w for w, _ in words[:start]) + new + "".join(w for w, _ in words[end:]).replace(old, new)


def _whole_coordination(words: list[tuple[str, str]], start: int, end: int) -> tuple[int, int]:
    """``start, end`` widened to the whole run of coordinated nouns it sits in (小学和初中 for 初中), so
    "那高中呢？" replaces both stages, not one of them."""
    joins = ("、", "和", "及", "与", "或")
    while start >= 2 and words[start - 1][0] in joins and words[start - 2][1].startswith(_OWN_NOUN):
        start -= 2
    while end + 1 < len(words) and words[end][0] in joins and words[end + 1][1].startswith(_OWN_NOUN):
        end += 2
    return start, end


def _ask_anew(previous: str, new: str) -> str:
    """A new question about the previous one's matter: that matter (its situation, or the question less
    its asking words), then ``new``."""
    head, _, _ = _strip_end(previous).rpartition("，")
    matter = head or _ASKS.sub("", _strip_end(previous))
    ending = "" if new.endswith(("？", "?")) else "？"
    return f"{matter}，{new}{ending}" if matter else f"{new}{ending}"


def _closest_span(words: list[tuple[str, str]], new: str) -> tuple[int, int] | None:
    """The run of up to three words sharing the most characters with ``new`` (at least one, punctuation aside)."""
    wanted = {ch for ch in new if not _PUNCT.match(ch)}
    best: tuple[float, int, int] | None = None
    for start in range(len(words)):
        for end in range(start + 1, min(start + 3, len(words)) + 1):
            text = "".join(w for w, _ in words[start:end])
            if _PUNCT.search(text):
                break
            shared = len(wanted & set(text))
            if not shared:
                continue
            # Shared characters weigh most; a span of the new thing's length and the same last character next.
            score = shared - 0.1 * abs(len(text) - len(new)) + (0.5 if text[-1] == new[-1] else 0.0)
            if best is None or score >= best[0]:  # on a tie the later words: in "X的Y" the swap is Y
                best = (score, start, end)
    if best is None:
        return None
    if "".join(w for w, _ in words[best[1] : best[2]]) == new:  # the same thing: nothing to swap
        return None
    return best[1], best[2]


def _opening_noun_phrase(words: list[tuple[str, str]]) -> tuple[int, int] | None:
    """The nouns (joined by 、 or 和) the question opens with: its subject, as (start, end) word indices."""
    end = 0
    while end < len(words):
        word, flag = words[end]
        if flag[:2] in _OPENING_NOUN or flag in _OPENING_NOUN or (end and word in ("、", "和", "及", "与")):
            end += 1
            continue
        break
    while end and words[end - 1][0] in ("、", "和", "及", "与"):
        end -= 1
    return (0, end) if end else None


def _strip_end(text: str) -> str:
    return text.rstrip("？?。！! ")
