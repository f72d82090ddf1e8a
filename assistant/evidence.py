"""Evidence logic: what a question is about, and whether a passage actually says it.

A refusal must come from the evidence, not from a raw retrieval score: a question about
食堂午餐标准 shares 学校 and 标准 with many passages, yet no passage speaks of 食堂 or 午餐.
So each question is reduced to its focus terms, each weighted by how specific it is in the
index (idf), and a passage covers the question by the weighted share of those terms it
contains. Questions that ask for a figure (多少, 几, 何时) also need a figure in the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ingest.tokenize import STOPWORDS

# Words that frame a question rather than name its topic.
FRAME_WORDS = frozenset(
    "规定 要求 情况 内容 方面 主要 具体 有关 相关 问题 方式 方法 做法 措施 工作 怎么办 为什么 谁 "
    "哪里 哪儿 何 何时 多久 多长 多大 多高 多少钱 几年 几次 几名 几个 哪年 哪天 包括 包含 属于 "
    "应该 必须 可否 是不是 有没有 没有 叫 称为 指 什么样 如何 怎样 怎么 说 讲 提到 提出 请问 一下".split()
)
_QUANTITY = re.compile(
    r"多少|几[个名人次年岁天项条所位种级周月]|多久|多长|多大|多高|比例|百分|何时|什么时候|哪一?年|哪一?天|几月|日期|时限|期限"
)
_LIST = re.compile(r"哪些|哪几|包括|包含|有什么|几个方面|几方面|程序|流程|步骤|环节|怎样|如何|怎么|做法|措施|举措|途径|办法")
_CN_DIGITS = "零〇一二三四五六七八九十百千万两半"
_NUMBER = re.compile(
    rf"\d|[{_CN_DIGITS}]+(?:个|名|人|次|年|岁|天|日|月|周|项|条|所|位|种|元|倍|学期|学年|小时|分之)|百分之|每(?:年|学期|学年|月|周|季度)"
)
_CJK_WORD = re.compile(r"[\u3400-\u9fff]+|[A-Za-z]+|\d+")


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    import jieba

    jieba.setLogLevel(60)
    return jieba


@dataclass(frozen=True)
class Focus:
    """The topic terms of a question with their weights, and what kind of answer it wants."""

    terms: tuple[tuple[str, float], ...]
    wants_quantity: bool
    wants_list: bool

    @property
    def total(self) -> float:
        return sum(w for _, w in self.terms)


def focus_of(question: str, idf: Callable[[str], float]) -> Focus:
    """Focus terms of ``question`` (precise jieba words, no stop or frame words), weighted by idf."""
    jb = _jieba()
    seen: dict[str, float] = {}
    for piece in _CJK_WORD.findall(question):
        for word in jb.lcut(piece):
            if word in STOPWORDS or word in FRAME_WORDS or word in seen:
                continue
            if len(word) == 1 and not word.isdigit():
                seen[word] = 0.3 * idf(word)  # single characters say little on their own
            else:
                seen[word] = idf(word)
    return Focus(tuple(seen.items()), bool(_QUANTITY.search(question)), bool(_LIST.search(question)))


@lru_cache(maxsize=4096)
def _subwords(term: str) -> tuple[str, ...]:
    jb = _jieba()
    parts = {w for w in jb.lcut_for_search(term) if len(w) >= 2 and w != term}
    return tuple(sorted(parts, key=len, reverse=True))


def term_coverage(term: str, text: str) -> float:
    """1 when ``term`` occurs in ``text``; else the share of it that its longest present sub-word covers."""
    if term in text:
        return 1.0
    for sub in _subwords(term):
        if sub in text:
            return len(sub) / len(term)
    return 0.0


def coverage(focus: Focus, text: str) -> float:
    """Weighted share of the question's focus terms found in ``text`` (0 when there are none)."""
    total = focus.total
    if total <= 0:
        return 0.0
    return sum(w * term_coverage_with_synonyms(t, text) for t, w in focus.terms) / total


def has_number(text: str) -> bool:
    """Whether ``text`` states a figure, a count, a date or a frequency."""
    return bool(_NUMBER.search(text))


def unknown_share(focus: Focus, known: Callable[[str], bool]) -> float:
    """Weighted share of focus terms that occur nowhere in the index nor the retrieved passages."""
    total = focus.total
    if total <= 0:
        return 0.0
    return sum(w for t, w in focus.terms if len(t) >= 2 and not _known_any(t, known)) / total


def _known_any(term: str, known: Callable[[str], bool]) -> bool:
    return known(term) or any(known(alt) for alt in SYNONYMS.get(term, ()))


# Everyday words and the official words that documents use for them. Coverage accepts either,
# so a colloquial question (老师的工资…) is matched by an official text (教师的平均工资水平…).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "老师": ("教师", "教职工"),
    "教员": ("教师",),
    "孩子": ("学生", "儿童", "少年", "子女"),
    "小孩": ("儿童", "学生", "少年"),
    "娃娃": ("儿童", "学生"),
    "学生家长": ("父母", "监护人"),
    "家长": ("父母", "监护人", "家庭"),
    "工资": ("工资", "报酬", "薪酬", "待遇"),
    "薪水": ("工资", "报酬"),
    "钱": ("经费", "费用", "资金", "工资"),
    "经费": ("经费", "资金"),
    "拍板": ("决定", "决策"),
    "做主": ("决定", "决策"),
    "大事": ("重大事项", "重大问题", "三重一大"),
    "管": ("负责", "管理", "主管"),
    "开会": ("会议", "召开"),
    "上学": ("入学", "就学", "接受义务教育"),
    "读书": ("入学", "就学", "学习"),
    "开除": ("开除", "解聘", "辞退"),
    "辞退": ("解聘", "辞退"),
    "处罚": ("处分", "处罚", "处理", "追究"),
    "惩罚": ("处分", "处罚", "惩"),
    "放假": ("寒暑假", "假期", "休假"),
    "评职称": ("职称评审", "职称聘评", "职务"),
    "升职": ("职务晋升", "晋升"),
    "打骂": ("体罚", "侮辱", "殴打"),
    "打": ("体罚", "殴打"),
    "欺负": ("侮辱", "殴打", "侵犯"),
    "培训": ("培训", "进修", "轮训"),
    "学习": ("学习", "培训"),
    "考核": ("考核", "测评", "评议"),
    "打分": ("测评", "考核"),
    "监督": ("监督", "测评"),
    "党组织": ("党支部", "党组织", "党委"),
    "支部": ("党支部",),
    "书记": ("书记",),
    "一把手": ("校长", "书记"),
    "学费": ("学费", "杂费"),
    "收费": ("学费", "杂费", "收费"),
    "私立": ("民办",),
    "公立": ("公办",),
    "残疾": ("残疾",),
    "多少岁": ("周岁", "年龄"),
    "年纪": ("年龄", "周岁"),
    "节日": ("节",),
}


def term_coverage_with_synonyms(term: str, text: str) -> float:
    """Coverage of ``term`` or of any of its official synonyms."""
    best = term_coverage(term, text)
    if best < 1.0:
        for alt in SYNONYMS.get(term, ()):
            if alt in text:
                return 1.0
    return best
