"""Tokenizers for the BM25 side of the index: jieba search mode, or character bigrams."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Literal

TokenizerName = Literal["jieba", "bigram"]

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[A-Za-z]+|\d+(?:\.\d+)?%?")
# Function words and question words that carry no topic; kept short on purpose:
# domain words (学校, 教师…) are left to BM25's idf.
STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 对 为 由 把 被 将 以 于 从 向 等 并 而 其 之 也 都 就 要 应 应当 有 "
    "哪些 哪个 哪 什么 怎么 怎样 如何 多少 几 吗 呢 吧 啊 么 请问 请 是否 能否 可以 能 会 "
    "需要 需 一下 一个 这 那 这个 那个 这些 那些 我 我们 你 你们 他 他们 它 本 该 各 每 或者 ".split()
)


@lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    return jieba


def dictionary_count(word: str) -> int:
    """How often jieba's dictionary counts ``word`` as a word of its own (0 when it is not listed, or only
    as the start of a longer word); the dictionary is loaded first, so the answer never depends on
    whether something else has segmented a sentence yet."""
    jb = _jieba()
    return int(jb.dt.FREQ.get(word, 0))  # type: ignore[attr-defined]


def dictionary_holds(word: str) -> bool:
    """Whether jieba's dictionary lists ``word`` at all: as a word, or as the start of a longer one."""
    jb = _jieba()
    return word in jb.dt.FREQ  # type: ignore[attr-defined]


def dictionary_total() -> int:
    """The sum of all counts in jieba's dictionary (the denominator for `dictionary_count`)."""
    jb = _jieba()
    return int(jb.dt.total)  # type: ignore[attr-defined]


def search_words(text: str) -> list[str]:
    """The words of ``text`` in jieba's search mode, as jieba gives them (sub-words included, nothing removed)."""
    jb = _jieba()
    return list(jb.lcut_for_search(text))  # type: ignore[attr-defined]


def jieba_tokens(text: str) -> list[str]:
    """Words in jieba search mode (long words plus their sub-words), stopwords and punctuation removed."""
    jb = _jieba()
    out: list[str] = []
    for piece in _WORD.findall(text):
        if _CJK.fullmatch(piece):
            out.extend(w for w in jb.lcut_for_search(piece) if w not in STOPWORDS)  # type: ignore[attr-defined]
        else:
            out.append(piece.lower())
    return out


def jieba_words(text: str, hmm: bool = True) -> list[str]:
    """The words of ``text`` in jieba's accurate mode, punctuation included (for reading phrases, not BM25);
    ``hmm=False`` keeps to dictionary words."""
    jb = _jieba()
    return list(jb.lcut(text, HMM=hmm))  # type: ignore[attr-defined]


def jieba_tagged(text: str, hmm: bool = True) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) pairs of ``text`` (jieba.posseg: ns place, nr person, m numeral…);
    ``hmm=False`` keeps to dictionary words (no guessed words such as 能管 tagged a noun)."""
    _jieba()
    import jieba.posseg

    return [(w, f) for w, f in jieba.posseg.lcut(text, HMM=hmm)]


def bigram_tokens(text: str) -> list[str]:
    """Overlapping character bigrams of each CJK run (single characters for runs of one)."""
    out: list[str] = []
    for piece in _WORD.findall(text):
        if _CJK.fullmatch(piece):
            if len(piece) == 1:
                out.append(piece)
            else:
                out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
        else:
            out.append(piece.lower())
    return out


def get_tokenizer(name: TokenizerName) -> Callable[[str], list[str]]:
    """The tokenizer function for a settings name."""
    match name:
        case "jieba":
            return jieba_tokens
        case "bigram":
            return bigram_tokens
    raise ValueError(f"未知的分词方式：{name}")
