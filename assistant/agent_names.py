"""The documents' name for a party a person names in everyday words (游戏公司 → 网络游戏服务提供者).

People name a party by what it deals in and a plain word for a business or body (游戏公司, 物业公司, 外卖平台,
培训机构); laws name the same party by what it does, ending in their own word for one who acts (网络游戏服务提供者,
物业服务企业, 网络餐饮服务第三方平台提供者). What the two share is the thing dealt in. So a word of a request that
the documents never use, made of such a thing and a plain word for a party, means the party whose name the
documents' rules bind (the words before 应当/不得…) that holds the same thing and ends in a word for a party.
The documents decide: the name their rules use most often wins, and a word with no such name is left alone.
General Chinese word formation (the last morpheme of a compound names its kind), not a list of parties.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

# A party named in everyday words: what it deals in, then a plain word for a business or a body.
_EVERYDAY = re.compile(r"(?P<thing>[\u4e00-\u9fff]{2,6}?)(?P<kind>公司|企业|厂家|厂商|商家|平台|机构|单位)")
# How a law's name for a party ends: one who provides, runs, makes or sells, a business, a body.
_PARTY_END = re.compile(r"(?:提供者|经营者|运营者|生产者|销售者|服务者|企业|单位|机构|平台|公司)$")
# The words a rule binds come before its first modal verb, after the clause's last mark.
_MODAL = re.compile(r"应当|不得|必须|可以|禁止|负责")
_CLAUSE = re.compile(r"[\s，,；;：:。！？）)]")
_MEMBERS = re.compile(r"[、]|以及|或者|和|与|及|等")


def _parties(text: str) -> Iterable[str]:
    """The parties ``text``'s rules bind: each member of the words before a modal verb, in its clause."""
    for m in _MODAL.finditer(text):
        clause = _CLAUSE.split(text[: m.start()])[-1]
        for member in _MEMBERS.split(clause):
            member = member.strip()
            if len(member) >= 3 and _PARTY_END.search(member):
                yield member


def documents_party(word: str, texts: Iterable[str]) -> str:
    """The documents' name for the party ``word`` names in everyday words (游戏公司 → 网络游戏服务提供者): of the
    parties the rules in ``texts`` bind that hold what ``word`` deals in, the one named most often (the
    shorter of a tie); empty when ``word`` is no such name or no rule binds such a party."""
    m = _EVERYDAY.fullmatch(word)
    if not m:
        return ""
    thing = m.group("thing")
    counts: Counter[str] = Counter(p for text in texts for p in _parties(text) if thing in p and p != word)
    if not counts:
        return ""
    return min(counts, key=lambda p: (-counts[p], len(p), p))


def everyday_parties(text: str) -> list[str]:
    """The parties ``text`` names in everyday words (对游戏公司的要求 -> 游戏公司): a word for a business or body
    (公司, 平台…) with the word before it, or one word that ends in it (物业公司)."""
    import jieba

    words = [w for w in jieba.lcut(text) if w.strip()]
    found: list[str] = []
    for i, word in enumerate(words):
        if _EVERYDAY.fullmatch(word):
            found.append(word)
        elif i and _EVERYDAY.fullmatch(words[i - 1] + word) and len(words[i - 1]) >= 2:
            found.append(words[i - 1] + word)
    return found


def name_parties(text: str, texts: Iterable[str], known: Callable[[str], bool]) -> dict[str, str]:
    """For each party ``text`` names in everyday words (`everyday_parties`) that the documents never use (not
    ``known``), the documents' name for it (`documents_party`), where there is one."""
    pool = list(texts)
    found: dict[str, str] = {}
    for word in everyday_parties(text):
        if known(word):
            continue
        name = documents_party(word, pool)
        if name:
            found[word] = name
    return found
