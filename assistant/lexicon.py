"""Word resources of the evidence logic, kept as data files in assistant/words/ (each says where it came from).

- ``synonyms.tsv``: everyday words and the official words documents use for them (老师 → 教师).
- ``frame_words.txt``: words that frame a question rather than name its topic (规定, 怎么, 哪里).
- ``table_nouns.txt``: words that name a table as a whole (清单, 一览表, 明细).
- ``complements.txt``: complements that follow a verb (上去 of 报上去, 清楚 of 查清楚).
- ``official_names.tsv``: names regulations give people and bodies (学生 → 受教育者), for follow-ups only.
- ``heads.txt``: endings that say what kind of thing a compound names (…支部 a body, …师 a person).
- ``matter_frames.txt``: words that frame a matter without naming one (落实, 工作, 管理), for drafting.
- ``charge_verbs.txt``: verbs that say a body is in charge of a matter (负责, 主管, 批准), not an act of its own.
- ``search_terms.tsv``: everyday words and the official words lexical search adds for them (孩子 → 未成年人), search only.
- ``asking_words.tsv``: spoken asking words and the standard ones they stand for (啥 → 什么, 多会儿 → 什么时候).

And one rule of general grammar both the question's words and a table's names need: a numeral counts the
measure or period right after it (`numeral_counts`: 一 of 看护费一学期).

Read once, on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("assistant").joinpath("words", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _word_table(name: str) -> dict[str, tuple[str, ...]]:
    """A word list of lines "word<TAB>alternative alternative …", as word -> its alternatives."""
    out: dict[str, tuple[str, ...]] = {}
    for line in _lines(name):
        word, _, alternatives = line.partition("\t")
        out[word.strip()] = tuple(alternatives.split())
    return out


@lru_cache(maxsize=1)
def synonyms() -> dict[str, tuple[str, ...]]:
    """Everyday word -> the official words that may stand for it."""
    return _word_table("synonyms.tsv")


@lru_cache(maxsize=1)
def search_terms() -> dict[str, tuple[str, ...]]:
    """Everyday word -> the official words lexical search adds for it (search only, not the judge's synonyms)."""
    return _word_table("search_terms.tsv")


@lru_cache(maxsize=1)
def official_names() -> dict[str, tuple[str, ...]]:
    """Everyday name of a person or body -> the names regulations give it (a follow-up's new thing only)."""
    return _word_table("official_names.tsv")


@lru_cache(maxsize=1)
def frame_words() -> frozenset[str]:
    """Words that frame a question rather than name its topic."""
    return frozenset(w for line in _lines("frame_words.txt") for w in line.split())


@lru_cache(maxsize=1)
def title_frames() -> frozenset[str]:
    """Words that frame a regulation's title without naming its subject (保护, 条例, 暂行)."""
    return frozenset(w for line in _lines("title_frames.txt") for w in line.split())


@lru_cache(maxsize=1)
def matter_frames() -> frozenset[str]:
    """Words that frame a matter without naming one (落实, 推进, 工作, 管理)."""
    return frozenset(w for line in _lines("matter_frames.txt") for w in line.split())


@lru_cache(maxsize=1)
def charge_verbs() -> frozenset[str]:
    """Verbs that say a body is in charge of a matter (负责, 主管, 批准) rather than name an act of its own."""
    return frozenset(w for line in _lines("charge_verbs.txt") for w in line.split())


@lru_cache(maxsize=1)
def table_nouns() -> tuple[str, ...]:
    """Words that name a table as a whole rather than what it is about, longest first."""
    words = {w for line in _lines("table_nouns.txt") for w in line.split()}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def complements() -> tuple[str, ...]:
    """Directional and resultative complements that may follow a verb (上去, 清楚, 完), longest first."""
    words = {w for line in _lines("complements.txt") for w in line.split()}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def head_kinds() -> tuple[tuple[str, str], ...]:
    """(ending, kind) pairs that say what kind of thing a compound names (…支部: a body), longest ending first."""
    pairs = {(ending, kind) for line in _lines("heads.txt") for kind, *endings in [line.split()] for ending in endings}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


def head_kind(phrase: str) -> str:
    """The kind of thing ``phrase`` names by its ending (`head_kinds`), '' when its ending says none."""
    return next((kind for ending, kind in head_kinds() if phrase.endswith(ending)), "")


@lru_cache(maxsize=1)
def asking_words() -> tuple[tuple[str, str], ...]:
    """(spoken asking word, its standard form) pairs (啥 → 什么), longest spoken word first."""
    pairs = {(word, standard) for word, (standard, *_) in _word_table("asking_words.tsv").items()}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


def standard_asking(text: str) -> str:
    """``text`` with its spoken asking words in their standard form (啥时候 → 什么时候, 咋办 → 怎么办,
    多会儿 → 什么时候), so a reader that knows the standard phrases reads the spoken ones too."""
    for word, standard in asking_words():
        text = text.replace(word, standard)
    return text


_NUMERALS = "一二两三四五六七八九十"
# What a numeral counts right after it: 一学期, 两年, 三次, 一个.
_COUNTED = re.compile(r"学期|学年|年|月|周|星期|天|日|次|回|个|位|名|人|项|份|套|件|节|课时|小时|趟|顿|餐")


def numeral_counts(numeral: str, after: str) -> bool:
    """Whether ``numeral`` counts what ``after`` opens with (一 before 学期 of 看护费一学期): then it ends no
    word or name before it (费一 is no word, though 第一 and 统一 are)."""
    return numeral in _NUMERALS and bool(_COUNTED.match(after))
