"""Kinds of school a text speaks of, and which kind a draft speaks for.

A report is written for one unit: "我们中学" is a middle school, "本园" a kindergarten. Laws and
other units' material speak of many kinds side by side (学校、幼儿园应当…; 幼儿园教师…; 职业学校的专业课
教师…), and a rule or a fact about another kind is no point of that unit's report: a middle school's
report does not state what kindergartens must do, nor what a primary school did. The kinds are the
stages of Chinese schooling as the education laws name them:

- 幼儿园 (pre-school: not a 学校 in the laws' words, which list 学校、幼儿园 side by side);
- 小学, 中学 (初中, 高中), named together as 中小学 or 义务教育学校;
- 职业学校 (职校, 中职, 高职, 技工学校, 职业中学), 高等学校 (高校).

A stage of education (学前教育, 初等教育, 高等教育) names its kind of school.

A bare 学校 names any school but no kindergarten. A place of education named by its class, 教育机构 (学校及其他教育
机构, 各级各类教育机构), is every kind, a kindergarten too (`EVERY`); a stage before it (学前教育机构) names that stage. A draft whose request names no kind speaks for a
school of any kind (`ANY_SCHOOL`) when its voice is a school's (我校), and then only a kindergarten is
another kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

KINDERGARTEN = "幼儿园"
PRIMARY = "小学"
SECONDARY = "中学"
VOCATIONAL = "职业学校"
HIGHER = "高等学校"
SCHOOL = "学校"  # a school, kind unsaid
EVERY = "教育机构"  # the class every kind belongs to
ANY_SCHOOL: frozenset[str] = frozenset({PRIMARY, SECONDARY, VOCATIONAL, HIGHER, SCHOOL})

# Longest first at each position: 中小学 before 小学, 职业中学 before 中学, 职业学校 before 学校.
_WORDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("义务教育学校", frozenset({PRIMARY, SECONDARY})),
    ("中小学", frozenset({PRIMARY, SECONDARY})),
    ("幼儿园", frozenset({KINDERGARTEN})),
    ("学前教育机构", frozenset({KINDERGARTEN})),
    # A stage of education named as such (初等教育应当…) is taught in that stage's schools.
    ("学前教育", frozenset({KINDERGARTEN})),
    ("初等教育", frozenset({PRIMARY})),
    ("高等教育", frozenset({HIGHER})),
    ("高等教育机构", frozenset({HIGHER})),
    ("职业教育机构", frozenset({VOCATIONAL})),
    ("教育机构", frozenset({EVERY})),
    ("职业学校", frozenset({VOCATIONAL})),
    ("职业院校", frozenset({VOCATIONAL})),
    ("职业中学", frozenset({VOCATIONAL})),
    ("技工学校", frozenset({VOCATIONAL})),
    ("职校", frozenset({VOCATIONAL})),
    ("中职", frozenset({VOCATIONAL})),
    ("高职", frozenset({VOCATIONAL})),
    ("高等学校", frozenset({HIGHER})),
    ("高等院校", frozenset({HIGHER})),
    ("高校", frozenset({HIGHER})),
    ("小学", frozenset({PRIMARY})),
    ("初中", frozenset({SECONDARY})),
    ("高中", frozenset({SECONDARY})),
    ("中学", frozenset({SECONDARY})),
    ("学校", frozenset({SCHOOL})),
)
_KIND_WORD = re.compile("|".join(re.escape(w) for w, _ in sorted(_WORDS, key=lambda wk: -len(wk[0]))))
_BY_WORD = dict(_WORDS)

# How a request says which unit is ours: 我们中学, 咱们小学, 本园, 我园, 我是…小学的校长.
_OURS = re.compile(rf"(?:我们|咱们|我们这所|本|我)(?P<w>{_KIND_WORD.pattern}|园)")
_ASKER = re.compile(
    rf"我是[^，,。；;：:]{{0,12}}?(?P<w>{_KIND_WORD.pattern})(?:的)?(?:党支部|党总支|党委)?"
    r"(?:校长|副校长|书记|园长|副园长|老师|教师|主任|干部)"
)


# A stage of schooling before 毕业, 学历, 文化 or 程度 is how far a person went to school (保育员应当具有初中毕业
# 程度, 高中以上学历, 小学文化程度), not a kind of school the text speaks of.
_SCHOOLING = re.compile(r"(?:及|或者?)?(?:以上|以下)?(?:毕业|肄业|学历|文化程度|程度)")


def kinds_in(text: str) -> frozenset[str]:
    """The kinds of school ``text`` names (中小学 names 小学 and 中学; a bare 学校 names `SCHOOL`, the class 教育机构
    `EVERY`); a stage named as a person's schooling (初中毕业程度, 高中以上学历) names none."""
    out: set[str] = set()
    for m in _KIND_WORD.finditer(text):
        if _SCHOOLING.match(text, m.end()):
            continue
        out |= _BY_WORD[m.group(0)]
    return frozenset(out)


def stated_kind(request: str) -> frozenset[str]:
    """The kinds of school the request says its unit is (我们中学 -> 中学, 本园 -> 幼儿园); empty when
    it says none (我校, 我们学校 name a school but not its kind)."""
    m = _OURS.search(request) or _ASKER.search(request)
    if not m:
        return frozenset()
    word = m.group("w")
    kinds = frozenset({KINDERGARTEN}) if word == "园" else _BY_WORD.get(word, frozenset())
    return frozenset() if kinds in ({SCHOOL}, {EVERY}) else kinds


# A kind named as an instance of the class (学校 of 学校及其他教育机构): the phrase names the class alone.
_WITH_CLASS = re.compile(rf"(?:{_KIND_WORD.pattern})(?=(?:及|和|以及|与|或者|或|、)其他教育机构)")


def for_every_kind(text: str) -> bool:
    """Whether ``text`` names the class of every kind (教育机构, 学校及其他教育机构) and no kind apart from it:
    公办幼儿园不得举办…民办幼儿园和其他教育机构 names a kindergarten as who is bound, the class only as an object."""
    if EVERY not in kinds_in(text):
        return False
    return not kinds_in(_WITH_CLASS.sub("", text)) - {EVERY}


def for_other_kind(text: str, ours: Iterable[str]) -> bool:
    """Whether ``text`` speaks of kinds of school and none of them is ours: 幼儿园教师… for a school,
    小学… for a middle school. A text naming no kind, a bare 学校 (for any school), the class of all kinds
    (学校及其他教育机构 speaks to a kindergarten too), or ours among others (学校、幼儿园应当…) is not; nothing is
    when ``ours`` is empty (the unit is not a school)."""
    mine = frozenset(ours)
    if not mine:
        return False
    named = kinds_in(text)
    if not named or named & mine or for_every_kind(text):
        return False
    return not (SCHOOL in named and mine - {KINDERGARTEN})
