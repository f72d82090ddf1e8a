"""Numbers with a measure read as intervals: a table row's condition (3年以上, 不满1年, 5000元至1万元,
满60周岁不满70周岁) and a value or range a question states (工龄8年, 超过2万元, 3到5年), so that a question
giving a value lands in the row whose condition holds it though no cell writes that value.

Chinese legal usage counts the number itself in 以上, 以下, 以内 and 不超过, and leaves it out of 超过,
不满, 不足, 低于 and 未满 (and out of 以上 or 以下 followed by 不含). A range joined by 至, 到, ~ or a dash
holds both ends. A measure scaled by 万, 千 or 亿 (3万元) is read in its base measure (30000元), so that a
row and a question that write one amount differently still meet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Measures a condition is stated in: money, time spans, ages, people, sizes. Days of a month (日, 号)
# and months are dates, told apart elsewhere, not quantities compared.
_MEASURE = r"周岁|岁|元|年|个月|天|小时|学时|课时|分钟|人|名|户|次|分|平方米|米|公里|千米|千克|公斤|吨|亩|台|辆|件|项|间|%|％"
_NUMBER = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+"
_SCALE = {"": 1.0, "十": 10.0, "百": 100.0, "千": 1000.0, "万": 10000.0, "亿": 100000000.0}
_VALUE = re.compile(rf"(?<![\d.:：/／月第点含零〇一二两三四五六七八九十百])({_NUMBER})\s*([万千百亿]?)\s*({_MEASURE})?(?!级|度|代|纪)")
# One measure written two ways.
_SAME_MEASURE = {"周岁": "岁", "千米": "公里", "公斤": "千克", "％": "%"}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# Words before a number that bound it, and whether the bound holds the number itself.
_BEFORE_LOW = {"超过": False, "高于": False, "多于": False, "大于": False, "满": True, "不低于": True, "不少于": True, "达到": True}
_BEFORE_HIGH = {"不超过": True, "不高于": True, "不多于": True, "不满": False, "未满": False, "不足": False, "低于": False, "少于": False, "小于": False}
# Words after a number (and its measure) that bound it.
_AFTER_LOW = {"以上": True, "及以上": True, "或以上": True, "(含)以上": True, "（含）以上": True}
_AFTER_HIGH = {"以下": True, "及以下": True, "或以下": True, "以内": True, "(含)以下": True, "（含）以下": True}
_EXCLUDED = re.compile(r"^\s*[（(]?\s*不含")
_JOIN = re.compile(r"^\s*(?:至|到|—+|–|-|－|~|～)\s*")


@dataclass(frozen=True)
class Interval:
    """The numbers of one measure a condition or a question covers: from ``low`` to ``high`` (either
    side unbounded as -inf or inf), each end held or not."""

    measure: str
    low: float = -math.inf
    high: float = math.inf
    low_held: bool = False
    high_held: bool = False

    def holds(self, other: Interval) -> bool:
        """Whether every number of ``other`` (a point is an interval of one number) lies in this one."""
        if other.measure != self.measure:
            return False
        low_ok = other.low > self.low or (other.low == self.low and (self.low_held or not other.low_held))
        high_ok = other.high < self.high or (other.high == self.high and (self.high_held or not other.high_held))
        return low_ok and high_ok

    @property
    def bounded(self) -> bool:
        """Whether the interval is a condition (has an open side or spans numbers), not one value."""
        return not (self.low == self.high and self.low_held and self.high_held)


def _number(text: str) -> float | None:
    """A number written in digits or in Chinese numerals up to the hundreds (八, 十二, 两百五十); None otherwise."""
    if text[0].isdigit():
        return float(text)
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            if digit is not None:
                return None  # 二三: a run of numerals, not one number
            digit = _DIGITS[ch]
        elif ch in ("十", "百"):
            total += (1 if digit is None else digit) * (10 if ch == "十" else 100)
            digit = None
        else:
            return None
    return float(total + (digit or 0))


@dataclass(frozen=True)
class _Value:
    number: float  # as written, before its scale
    scale: str
    measure: str  # '' when the number writes none
    start: int
    end: int


def _values(text: str) -> list[_Value]:
    out = []
    for m in _VALUE.finditer(text):
        number = _number(m.group(1))
        if number is None:
            continue
        scale, measure = m.group(2), _SAME_MEASURE.get(m.group(3) or "", m.group(3) or "")
        if not m.group(1)[0].isdigit() and not measure:
            continue  # a Chinese numeral without a measure is a word (一中, 三班), not a quantity
        if measure == "年" and number >= 1000:
            continue  # 2025年 is a year of the calendar, not a span of years
        out.append(_Value(number, scale, measure, m.start(), m.end()))
    return out


def intervals(text: str, measure: str = "", scale: float = 1.0) -> list[Interval]:
    """The intervals of `stated` without their words."""
    return [interval for interval, _ in stated(text, measure, scale)]


def stated(text: str, measure: str = "", scale: float = 1.0) -> list[tuple[Interval, str]]:
    """The intervals ``text`` states: each range (3至5年, 1-3万元), each bounded number (3年以上, 不满1年)
    and each plain number with a measure (8年) as an interval of itself. A lower and an upper bound in
    one measure one after another (满1年不满3年, 3年以上5年以下) are one interval. ``measure`` and ``scale``
    are those of numbers written without a measure (a column named 工龄（年） or 金额（万元））; numbers with
    no measure and no ``measure`` are left out."""
    values = _values(text)
    out: list[tuple[Interval, str]] = []
    k = 0
    while k < len(values):
        v = values[k]
        nxt = values[k + 1] if k + 1 < len(values) else None
        join = _JOIN.match(text[v.end :])
        if nxt is not None and join and v.end + join.end() == nxt.start and (not v.measure or v.measure == nxt.measure):
            # 3至5年, 1-3万元: the first number takes the second's measure and scale when it writes none.
            first_scale = v.scale if v.scale or v.measure else nxt.scale
            got = _measured(nxt, measure, scale)
            if got is not None:
                unit, factor = got
                low_factor = _SCALE[first_scale] if (v.scale or v.measure or nxt.scale) else factor
                out.append((Interval(unit, v.number * low_factor, nxt.number * factor, True, True), text[v.start : nxt.end]))
            k += 2
            continue
        got = _measured(v, measure, scale)
        if got is not None:
            bound, words = _bound(text, v, *got)
            if out and bound.measure == out[-1][0].measure and _joins(out[-1][0], bound, text[values[k - 1].end : v.start]):
                last, said = out.pop()
                first = text.rindex(said, 0, v.start)
                out.append((_meet(last, bound), text[first : text.index(words, first) + len(words)]))
            else:
                out.append((bound, words))
        k += 1
    return out


def _measured(v: _Value, measure: str, scale: float) -> tuple[str, float] | None:
    """The measure of a number and the factor to its base measure; None when it has no measure."""
    if v.measure:
        return v.measure, _SCALE[v.scale]
    if measure:
        return measure, _SCALE[v.scale] * scale
    return None


def _bound(text: str, v: _Value, measure: str, factor: float) -> tuple[Interval, str]:
    """The interval one number states with the words about it, and those words (不满3年, 5年以上)."""
    number = v.number * factor
    said = text[v.start : v.end]
    before = text[max(0, v.start - 3) : v.start]
    after = text[v.end : v.end + 6]
    excluded = bool(_EXCLUDED.match(after[2:] if after.startswith(("以上", "以下")) else ""))
    for word in sorted([*_AFTER_LOW, *_AFTER_HIGH], key=len, reverse=True):
        if after.startswith(word):
            if word in _AFTER_LOW:
                return Interval(measure, number, math.inf, not excluded, False), said + word
            return Interval(measure, -math.inf, number, False, not excluded), said + word
    for word in sorted([*_BEFORE_HIGH, *_BEFORE_LOW], key=len, reverse=True):
        if before.endswith(word):  # the longest word: 不低于, not 低于
            if word in _BEFORE_HIGH:
                return Interval(measure, -math.inf, number, False, _BEFORE_HIGH[word]), word + said
            return Interval(measure, number, math.inf, _BEFORE_LOW[word], False), word + said
    return Interval(measure, number, number, True, True), said


def _joins(last: Interval, bound: Interval, gap: str) -> bool:
    """Whether ``bound`` closes the interval before it (满1年不满3年): one a lower bound only, the other
    an upper bound only, with only a few characters between them and no punctuation."""
    low_only = last.high == math.inf and last.low != -math.inf
    high_only = bound.low == -math.inf and bound.high != math.inf
    return low_only and high_only and len(gap) <= 6 and not re.search(r"[，,；;。、]", gap)


def _meet(a: Interval, b: Interval) -> Interval:
    return Interval(a.measure, a.low, b.high, a.low_held, b.high_held)


_HEADER_MEASURE = re.compile(rf"[（(]\s*([万千]?)({_MEASURE})\s*[）)]\s*$")


def column_measure(name: str) -> tuple[str, float]:
    """The measure a column's name gives its plain numbers (工龄（年）, 金额（万元）) and its scale; ('', 1)
    when it gives none."""
    m = _HEADER_MEASURE.search(name)
    return (_SAME_MEASURE.get(m.group(2), m.group(2)), _SCALE[m.group(1)]) if m else ("", 1.0)


def cell_conditions(name: str, value: str) -> list[Interval]:
    """The conditions a table cell states (3年以上, 1至3年): its intervals that span numbers, in the
    measure its column gives when the cell writes none; a cell that states plain values (800元) states
    no condition."""
    measure, scale = column_measure(name)
    return [i for i in intervals(value, measure, scale) if i.bounded]


def rows_in_range(question: str, conditions: dict[int, list[Interval]]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The rows whose conditions (``conditions``: each row's, `cell_conditions`) hold every value or range
    ``question`` states in a measure the rows are told apart by (工龄8年 of rows 1至5年, 5年以上), and the
    question's words that state them. A measure counts only when two rows or more state conditions in it:
    a single row's condition is a fact about that row, not how the table sorts its rows. ``((), ())`` when
    the question states no such value or no row holds it."""
    sorting = {m for m in {c.measure for cs in conditions.values() for c in cs} if sum(any(c.measure == m for c in cs) for cs in conditions.values()) >= 2}
    asked = [(i, w) for i, w in stated(question) if i.measure in sorting]
    if not asked:
        return (), ()
    held = tuple(r for r, cs in conditions.items() if all(any(c.holds(i) for c in cs) for i, _ in asked))
    return held, (tuple(w for _, w in asked) if held else ())

