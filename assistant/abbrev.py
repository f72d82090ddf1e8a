"""Chinese abbreviations spelled out from the documents' own wording (教代会 → 教职工代表大会).

A Chinese abbreviation keeps one or two characters of each word of the full term, in order: 教代会 is
教(职工)代(表大)会, 违纪 is 违(反校规校)纪, 幼小 is 幼(儿园与)小(学). So a word of a request that the documents
never use may be an abbreviation of a term they do use: a run of their text, within one clause, that
starts a word with the abbreviation's first character, holds its other characters in order with at
most ``MAX_GAP`` characters between two of them, and ends where the word holding the last one ends.
The documents decide: the run they use most often wins, and a word with no such run is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache

MAX_GAP = 4  # characters left out between two kept ones (违反校规校纪 leaves 反校规校 between 违 and 纪)
_CJK = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


@lru_cache(maxsize=1024)
def _pattern(term: str) -> re.Pattern[str]:
    gap = f"[\u4e00-\u9fff]{{0,{MAX_GAP}}}?"
    return re.compile(gap.join(re.escape(c) for c in term))


def _word_ends(clause: str, fine: bool = False) -> tuple[set[int], list[int]]:
    import jieba

    starts, ends, pos = set(), [], 0
    for word in jieba.lcut(clause):
        starts.add(pos)
        pos += len(word)
        ends.append(pos)
    if fine:
        # The words inside a long one start runs too: 调解 of 人民调解 (search mode's sub-words).
        starts.update(start for _, start, _ in jieba.tokenize(clause, mode="search"))
    return starts, ends


def expansions(term: str, texts: Iterable[str], fine: bool = False) -> Counter[str]:
    """Runs of ``texts`` that spell ``term`` out (module docstring), with how often each occurs.

    ``fine``: a run may also start at a word inside a longer one (质监 of 产品质量监督 starts at 质量)."""
    found: Counter[str] = Counter()
    if not _CJK.match(term):
        return found
    pattern = _pattern(term)
    for text in texts:
        for clause in re.split(r"[^\u4e00-\u9fff]+", text):
            if len(clause) <= len(term) or not pattern.search(clause):
                continue
            starts, ends = _word_ends(clause, fine)
            for m in pattern.finditer(clause):
                if m.start() not in starts:
                    continue
                end = next((e for e in ends if e >= m.end()), len(clause))
                run = clause[m.start() : end]
                if len(run) > len(term) and run != term:
                    found[run] += 1
    return found


def spelled_out(term: str, texts: Iterable[str]) -> str:
    """The documents' full form of the abbreviation ``term`` (their most frequent, then shortest), or ""."""
    found = expansions(term, texts)
    if not found:
        return ""
    return min(found, key=lambda run: (-found[run], len(run), run))


def spell_out(words: Iterable[str], texts: Iterable[str], known: Callable[[str], bool]) -> dict[str, str]:
    """Each of ``words`` the documents never use (``known`` is False) that ``texts`` spell out, with its full form."""
    pool = list(texts)
    out: dict[str, str] = {}
    for word in words:
        if known(word) or any(word in t for t in pool):
            continue
        full = spelled_out(word, pool)
        if full:
            out[word] = full
    return out
