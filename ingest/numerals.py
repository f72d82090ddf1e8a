"""Chinese numerals below 100,000 (一百零三, 两百, 八百五, 二〇二四 digit by digit is the caller's): read and written.

The one place that reads and writes them for article labels, section numbers, counts, dates and lengths.
cn2an does this too, but it imports ``pkg_resources`` (gone from recent setuptools) and ruamel.yaml at
import time, for a few lines of arithmetic.
"""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_WRITTEN = "零一二三四五六七八九"


def parse(text: str) -> int | None:
    """The value of ``text`` (12, 十二, 一百零三, 两百, 一千零二十, 八百五 = 850, 一千二 = 1200); None when it
    is no number. A digit right after 百, 千 or 万 with no 零 between counts the next lower unit, as in speech."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, digit, last_unit, zero = 0, None, 0, False
    for ch in text:
        if ch in DIGITS:
            if DIGITS[ch] == 0 and last_unit and digit is None:
                zero = True  # 一百零三: 零 marks a skipped unit
                continue
            if digit is not None:
                return None  # 二三 is no number (years written digit by digit are read by their reader)
            digit = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            if last_unit and unit >= last_unit:
                return None  # 十百, 百百
            total += (1 if digit is None else digit) * unit
            digit, last_unit, zero = None, unit, False
        else:
            return None
    if digit is not None:
        total += digit * (last_unit // 10 if last_unit >= 100 and not zero else 1)
    return total


def write(n: int) -> str:
    """``n`` (0 ≤ n < 100000) in characters as labels and headings write it: 十, 十二, 二十, 一百零三, 一百一十,
    一千零八十. Larger numbers stay in digits."""
    if n < 0 or n >= 100000:
        return str(n)
    if n == 0:
        return "零"
    out, gap = "", False
    for value, unit in ((10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d:
            if gap:
                out += "零"
            out += ("" if d == 1 and unit == "十" and not out else _WRITTEN[d]) + unit
            gap = False
        elif out:
            gap = True
    return out


def count(n: int) -> str:
    """``n`` as a count before a measure word (两项, 三类, 十二条); digits from 100 (共120条)."""
    if n == 2:
        return "两"
    return write(n) if 0 < n < 100 else str(n)
