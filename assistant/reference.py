"""What a pointing phrase of a follow-up refers to: "这个小组", "上面提到的认定表", "这里说的在读证明".

A turn that points back at a thing (a demonstrative or "说的/提到的" before a noun) means the thing said
before under that name, and said there in full: "这个协调小组归谁管？" after an answer that quotes the
街道食品安全协调小组 asks who oversees the 街道食品安全协调小组. The thing is looked for first in the
previous question (what the conversation is about), then in the previous answer (what the user just
read), and the pointing phrase is replaced by the fullest name found: its run of naming words that ends
with the noun the user said. A noun said nowhere before is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.cite import MARKER
from assistant.features import kinds_stated
from assistant.lexicon import head_kind
from ingest.tokenize import jieba_tagged

# Phrases that point back at something said: "上面提到的", "这里说的", "你刚才讲的", "其中的", and the
# demonstratives 这个, 那个, 这项, 该, 上述. What follows one is the noun it points at.
_POINTER = re.compile(
    r"(?:(?:你|您)?(?:刚才|刚刚|上面|前面|上文|文中|这里|这儿|里面|其中|你|您)所?(?:说到|说|提到|提|讲到|讲|列的|写的|规定)?的"
    r"|(?:这|那)(?:个|项|种|类|些|一)|(?<!应)该|上述的?|前述的?)"
)
# jieba's tags of words that name a thing, or qualify one inside its name (民办, 经济困难: an, 协调: vn).
_NAMING = frozenset({"n", "nr", "ns", "nt", "nz", "nl", "ng", "j", "vn", "an", "b", "l", "eng"})
_NAME_WORDS = 5  # the most words the full name takes in front of the noun the user said
# Pronouns for someone said before (他们几天内办结？): after a question that asked who, the one the answer named.
# Only the plural: a body is spoken of as 他们, while 他, 她 and 对方 more often stand for a person of the case.
_WHO_PRONOUN = re.compile(r"他们|她们")
# Asking words whose answer is a person or a body (可以找谁, 由哪个部门管).
_ASKS_WHO = re.compile(r"谁|哪个部门|哪个机关|哪个单位|什么部门|什么机关|哪级|哪一级|哪些部门|哪些单位|找哪")
# Prepositions and verbs before the one an act is directed to or done by (向…申请, 由…负责, 找…).
_TOWARDS = frozenset({"向", "由", "找", "到", "请", "经", "报", "报请", "交由", "报告"})
_PUNCT = re.compile(r"[，,。？?！!；;：:、\s]")
_ENDS_NO_NAME = frozenset({"x", "y", "q"})
_NOT_NAME = frozenset({"是", "有", "能", "要", "会", "可以", "应当", "需要", "必须"})


@dataclass(frozen=True)
class Pointed:
    """A turn with its pointing phrase replaced: ``question`` as it then reads, and ``name``, the full name
    the phrase stood for."""

    question: str
    name: str


def pointed_thing(question: str, previous_question: str, previous_answer: str = "") -> Pointed | None:
    """``question`` with its pointing phrase and the noun after it replaced by that thing's full name in
    the previous question or, failing that, the previous answer; None when the turn points at no noun, at
    one said in neither, or at one said there by the same name alone (这个比例 of …按比例…: the rewrite of an
    elliptical turn keeps what it is about).

    Args:
        question: the new turn.
        previous_question: the last user question, as it stands alone.
        previous_answer: the answer given to it ('' when none is known).
    """
    answer = MARKER.sub("", previous_answer)
    for match in _POINTER.finditer(question):
        rest = question[match.end() :]
        # The thing is said in the source as the user says it: the longest run of the turn's words after the
        # pointer that the previous question (first) or answer holds, less the words that name nothing.
        for source in (previous_question, answer):
            noun = _said_in(rest, source)
            if noun:
                break
        else:
            continue
        name = _full_name(noun, source)
        if len(name) <= len(noun):
            return None
        start = match.start()
        if start and question[start - 1] == "那":  # 那这个小组: the 那 that goes on is dropped with the pointer
            start -= 1
        rewritten = question[:start] + name + question[match.end() + len(noun) :]
        return Pointed(rewritten.lstrip("，,、 "), name)
    return None


def _said_in(text: str, source: str) -> str:
    """The longest run of whole words that ``text`` opens with and ``source`` holds, ending in a word that
    can end a name (not 的, a modal verb, an adverb or 是); '' when there is none of two characters or more."""
    if not source:
        return ""
    words = jieba_tagged(text, hmm=False)
    n, said = 0, ""
    while n < len(words) and _PUNCT.match(words[n][0]) is None and said + words[n][0] in source:
        said += words[n][0]
        n += 1
    kept = words[:n]
    while kept and (kept[-1][1] in _ENDS_NO_NAME or kept[-1][1][:1] in ("u", "d", "p", "c", "r", "m") or kept[-1][0] in _NOT_NAME):
        kept.pop()
    name = "".join(w for w, _ in kept)
    # A lone act (检查 of 这个检查要多久) names no thing to find in full.
    return name if len(name) >= 2 and (len(kept) > 1 or _names(*kept[0])) else ""


def _full_name(noun: str, text: str) -> str:
    """The longest name in ``text`` that ends with ``noun``: the word ending with it (工伤保险 of 保险) and the
    naming words right before that, at most ``_NAME_WORDS`` (街道食品安全协调小组 of …由街道食品安全协调小组
    检查); ``noun`` alone when ``text`` holds it at no word's end."""
    words = jieba_tagged(text, hmm=False)
    offsets, pos = [], 0
    for w, _ in words:
        offsets.append(pos)
        pos += len(w)
    ends = {o + len(w) for o, (w, _) in zip(offsets, words, strict=True)}
    best = noun
    for at in [m.start() for m in re.finditer(re.escape(noun), text)]:
        if at + len(noun) not in ends:
            continue  # the noun begins a longer word there (组长 of 组长会议 is no 组长)
        i = max(j for j, o in enumerate(offsets) if o <= at)  # the word the noun starts in
        if offsets[i] < at and offsets[i] + len(words[i][0]) != at + len(noun):
            continue  # the noun starts inside one word and ends in another: no thing of that name there
        # A word that ends with the noun (工伤保险 for 保险) names a kind of it: the name starts with that word.
        noun_at = noun if offsets[i] == at else words[i][0]
        start = i
        while start > 0 and i - start < _NAME_WORDS:
            word, flag = words[start - 1]
            if _names(word, flag) or flag == "a":  # 紧急避难场所: a quality qualifies the thing
                start -= 1
            elif flag == "v" and start > 1 and _names(*words[start - 2]) and head_kind(words[start - 2][0]) != "person":
                # An act between naming words names what the thing is for (健身 of 小区业主健身设施); after a
                # person it is what the person does (申请人提交…), no part of a name.
                start -= 2
            else:
                break
        name = "".join(w for w, _ in words[start:i]) + noun_at
        if len(name) > len(best):
            best = name
    return best


def _names(word: str, flag: str) -> bool:
    return flag in _NAMING or flag[:2] in _NAMING


def answered_who(question: str, previous_question: str, previous_answer: str) -> Pointed | None:
    """``question`` with its pronoun for someone (他们, 对方) replaced by the person or body the previous
    answer named, when the previous question asked who (可以找谁？ answered …向县民政部门申请复核…: 他们
    几天内办结？ asks how soon the 县民政部门 settles it); None otherwise, or when the answer names no one the
    previous question did not.

    Args:
        question: the turn, as far as it was made to stand alone.
        previous_question: the last user question, as it stands alone.
        previous_answer: the answer given to it.
    """
    if not _ASKS_WHO.search(previous_question) or _WHO_PRONOUN.search(previous_question):
        return None
    pronoun = _WHO_PRONOUN.search(question)
    retold = None if pronoun else _retold_act(question, previous_question)
    if pronoun is None and retold is None:
        return None
    name = _first_new_who(MARKER.sub("", previous_answer), previous_question)
    if not name:
        return None
    if pronoun is not None:
        return Pointed(question[: pronoun.start()] + name + question[pronoun.end() :], name)
    assert retold is not None
    return Pointed(question[: retold.start()] + retold.group(1) + name + question[retold.end() :], name)


def _retold_act(question: str, previous_question: str) -> re.Match[str] | None:
    """Where ``question`` tells again, with no one after it, the act the previous question asked whom to do
    it to (问 of 该去问谁？ in 问过之后几天能办完？): the verb and its aspect before 以后, 之后 or 后. Chinese
    leaves out the one the act was done to when it is the one just asked about; None when it tells no such act."""
    words = [w for w, _ in jieba_tagged(previous_question, hmm=False)]
    acts = [
        words[i - 1]
        for i, w in enumerate(words)
        if w == "谁" and i and jieba_tagged(words[i - 1], hmm=False)[0][1].startswith("v") and words[i - 1] not in _NOT_NAME
    ]
    if not acts:
        return None
    return re.search(rf"({re.escape(acts[-1])})(?:完)?(?:了|过)?(?=以后|之后|后)", question)


def _first_new_who(answer: str, previous_question: str) -> str:
    """The name of a person or a body (`assistant.lexicon.head_kind`) in ``answer``, as its run of naming
    words, that ``previous_question`` does not hold: the first one an act is directed to (向…申请, 由…负责),
    else the first; '' when there is none."""
    words = [*jieba_tagged(answer, hmm=False), ("。", "x")]
    found: list[tuple[bool, str]] = []
    start = 0  # where the current run of naming words began
    towards = False  # whether a preposition of whom an act is directed to opened the clause so far
    for i, (word, flag) in enumerate(words):
        if _names(word, flag):
            continue
        # The longest part of the run that names someone (学校党支部 of 学校党支部研究: 研究 is what it does).
        end = next((j for j in range(i, start, -1) if _is_who("".join(w for w, _ in words[start:j]), words[j - 1][0])), start)
        name = "".join(w for w, _ in words[start:end])
        if len(name) >= 2 and name not in previous_question:
            # In 向设立该机构的县政府申请 the one directed to heads the phrase: the name before 的 only says which.
            found.append((towards and words[end][0] not in ("的", "之"), name))
        if _PUNCT.match(word):
            towards = False
        elif word in _TOWARDS:
            towards = True
        start = i + 1
    # The one the act is directed to (向…申请, 由…负责) is who was asked about, not the one who acts (申请人).
    return next((name for directed, name in found if directed), found[0][1] if found else "")


def _is_who(name: str, last_word: str) -> bool:
    """Whether ``name`` names a person or a body: by its ending (`assistant.lexicon.head_kind`), or by a last
    word that states a body as the judge reads one (民政部门, 行政机关: `assistant.features.kinds_stated`)."""
    return head_kind(name) in ("person", "body") or kinds_stated(("body",), last_word) > 0
