"""A drafting request read into its parts: the topic without the request phrasing, the genre, the outline.

A person asks "帮我起草一段汇报材料：我校落实校长负责制（议事决策、民主管理、师德师风）的情况". The
drafter needs the topic (我校落实校长负责制的情况), the genre (汇报材料) and, when the request names
them, the sub-topics (议事决策, 民主管理, 师德师风). The rules are general ones about how such requests
are phrased in Chinese:

- the request phrasing is a leading verb of asking or writing (请, 帮我, 起草, 写一段, 拟一份…) with its
  measure word, then optionally the genre and a colon; a trailing "的<genre>" also names the genre;
- sub-topics are listed in brackets (（甲、乙、丙）), as 一是…二是…, or as "A和B" / "A、B和C" between the
  subject (我校…) and the closing noun (情况, 做法, 工作…) of the topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Genres the drafter writes, longest first so that 情况报告 is found before 报告 would be.
GENRES: tuple[str, ...] = ("汇报材料", "自查报告", "工作总结", "情况报告", "请示", "通知")
DEFAULT_GENRE = "汇报材料"
# Other ways a request names a genre.
_GENRE_ALIASES: dict[str, str] = {
    "汇报": "汇报材料",
    "工作汇报": "汇报材料",
    "总结": "工作总结",
    "自查": "自查报告",
    "报告": "情况报告",
}
_GENRE_WORDS = sorted([*GENRES, *_GENRE_ALIASES], key=len, reverse=True)
_GENRE_ALT = "|".join(map(re.escape, _GENRE_WORDS))

# Leading request phrasing: politeness, then a verb of writing with its measure word.
_ASK = r"(?:请你|请|麻烦你?|劳驾|帮我|帮忙|给我|替我|为我|你|我想|我要|需要|想)"
_WRITE = r"(?:起草|撰写|拟写|草拟|拟定|拟|编写|写作|书写|写|整理|形成|准备|出)"
_MEASURE = r"(?:一[段篇份个则]|[段篇份个]|一下|好)"
_REQUEST_HEAD = re.compile(
    rf"^\s*(?:{_ASK}\s*)*(?:{_WRITE})(?:{_MEASURE})?\s*(?:(?:关于)?(?P<genre>{_GENRE_ALT}))?\s*(?:[:：，,]\s*)?"
)
_GENRE_HEAD = re.compile(rf"^\s*(?P<genre>{_GENRE_ALT})\s*[:：]\s*")
_GENRE_TAIL = re.compile(rf"(?:的)?(?P<genre>{_GENRE_ALT})$")
_TRAILING = re.compile(r"[\s。．.！!？?；;，,：:]+$")
_ABOUT = re.compile(r"^关于")

_BRACKETS = re.compile(r"[（(]([^（）()]{2,120})[）)]")
_LIST_SEP = re.compile(r"\s*[、，,；;/]\s*")
_CONJUNCTIONS = frozenset({"和", "与", "及", "以及", "同"})
MIN_CONJOINED_CHARS = 4  # 校长与书记沟通 is one thing; 教育教学和行政管理 are two
_ORDINAL = re.compile(r"[一二三四五六七八九十]{1,3}是")
# The subject and the closing noun that frame a list of sub-topics inside a topic.
_SUBJECT = re.compile(r"^(?:我校|我院|我园|本校|本单位|我单位|学校|本院|我局|本局|我所)(?:在|关于|对)?")
_FRAME_VERB = re.compile(r"^(?:贯彻落实|贯彻|落实|推进|加强|开展|做好|抓好|实施|执行|健全|完善|建设)")
_CLOSING = re.compile(
    r"(?:方面)?(?:的|等)?(?:工作)?(?:开展|落实|推进|实施|执行|建设)?"
    r"(?:情况|做法|经验|成效|进展|工作|举措|措施|问题|打算)$"
)
MAX_ITEM_CHARS = 24


@dataclass(frozen=True)
class DraftRequest:
    """What a drafting request asks for.

    Attributes:
        topic: the subject of the draft, without request phrasing or genre words.
        genre: one of `GENRES`.
        outline: sub-headings named by the caller or by the request itself; empty when none.
        outline_from: "caller", "request" or "" (the drafter chooses).
    """

    topic: str
    genre: str
    outline: tuple[str, ...] = ()
    outline_from: str = ""


def parse_request(text: str, *, genre: str | None = None, outline: Sequence[str] | None = None) -> DraftRequest:
    """Read a request into topic, genre and outline.

    Args:
        text: what the person typed, e.g. 起草一段汇报材料：我校……的情况.
        genre: the genre field, when the page or the command gives one; it wins over the words.
        outline: sub-headings given by the caller; they win over those named in the request.

    Returns:
        The request; ``topic`` is never the raw request phrasing.

    Raises:
        ValueError: nothing is left once the request phrasing is removed, or the genre is unknown.
    """
    topic, named = strip_request(text)
    chosen = genre or named or DEFAULT_GENRE
    chosen = _GENRE_ALIASES.get(chosen, chosen)
    if chosen not in GENRES:
        raise ValueError(f"不支持的文种：{chosen}（可选：{'、'.join(GENRES)}）")
    given = [h for h in (outline or ()) if h and h.strip()]
    if given:
        return DraftRequest(topic, chosen, tuple(given), "caller")
    items, bare = outline_in_topic(topic)
    if len(items) >= 2:
        return DraftRequest(bare, chosen, tuple(items), "request")
    return DraftRequest(topic, chosen)


def strip_request(text: str) -> tuple[str, str | None]:
    """The topic without request phrasing, and the genre the words name (None when they name none).

    Raises:
        ValueError: the request holds nothing but request phrasing.
    """
    topic = re.sub(r"\s+", " ", text).strip()
    genre: str | None = None
    for _ in range(3):  # 请帮我写一段：汇报材料：… peels in a few rounds
        before = topic
        m = _REQUEST_HEAD.match(topic)
        if m and m.end() == len(topic):
            topic = ""
            break
        if m and m.end() > 0:
            genre = genre or m.group("genre")
            topic = topic[m.end() :]
        m = _GENRE_HEAD.match(topic)
        if m and m.end() < len(topic):
            genre = genre or m.group("genre")
            topic = topic[m.end() :]
        if topic == before:
            break
    topic = _TRAILING.sub("", topic)
    tail = _GENRE_TAIL.search(topic)
    if tail and tail.start() > 0:
        genre = genre or tail.group("genre")
        topic = topic[: tail.start()]
        if topic.startswith("关于"):
            topic = _ABOUT.sub("", topic)
    topic = _TRAILING.sub("", topic).strip()
    if not topic:
        raise ValueError("起草主题不能为空：请写明材料的内容，如“我校落实校长负责制的情况”")
    return topic, genre


def outline_in_topic(topic: str) -> tuple[list[str], str]:
    """Sub-topics the topic names itself, and the topic with a bracketed list removed.

    Args:
        topic: the topic, request phrasing already stripped.

    Returns:
        (sub-topics in order, the topic to title the draft with); no sub-topics: ([], topic).
    """
    m = _BRACKETS.search(topic)
    if m:
        items = _items(m.group(1))
        if len(items) >= 2:
            return items, _TRAILING.sub("", (topic[: m.start()] + topic[m.end() :]).strip())
    if len(_ORDINAL.findall(topic)) >= 2:
        parts = [p for p in _ORDINAL.split(topic)[1:]]
        items = [_clean_item(p) for p in parts]
        items = [i for i in items if i]
        if len(items) >= 2:
            head = _ORDINAL.split(topic)[0]
            return items, _TRAILING.sub("", head) or topic
    core = _core(topic)
    if core and core != topic:
        items = _items(core)
        if len(items) >= 2:
            return items, topic
    return [], topic


def _core(topic: str) -> str:
    """The part of a topic between its subject (我校…) and its closing noun (…的情况)."""
    core = _SUBJECT.sub("", topic)
    core = _FRAME_VERB.sub("", core)
    core = _CLOSING.sub("", core)
    return core.strip()


def _items(text: str) -> list[str]:
    parts = [_clean_item(q) for p in _LIST_SEP.split(text) for q in _split_conjoined(p)]
    items = [p for p in parts if p]
    if len(items) < 2 or any(len(p) < 2 or len(p) > MAX_ITEM_CHARS for p in items):
        return []
    return list(dict.fromkeys(items))


def _split_conjoined(text: str) -> list[str]:
    """``text`` split at the words 和/与/及 (as jieba reads them, so 参与 is not split) when every
    part is long enough to name a sub-topic of its own."""
    from ingest.tokenize import jieba_words

    parts: list[str] = [""]
    for word in jieba_words(text):
        if word in _CONJUNCTIONS:
            parts.append("")
        else:
            parts[-1] += word
    parts = [p.strip() for p in parts]
    if len(parts) < 2 or any(len(p) < MIN_CONJOINED_CHARS for p in parts):
        return [text]
    return parts


def _clean_item(text: str) -> str:
    return text.strip(" \t\n　；;，,。：:、等")
