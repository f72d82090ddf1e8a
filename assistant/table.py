"""Questions about a table rather than one sentence: what kind of thing a column holds, which row a
question names, and how many rows meet a condition.

A table row answers a question only when one of its columns holds the kind of thing asked (an amount,
a date, a person, a body, a place); a question that asks 多少经费 of a task-division table, which has no
amount column, is about something the table does not say. A row is named by its subject cell in the
user's words (特教学校 for 青溪区特殊教育学校): the share of that cell's characters the question holds.
A question that counts (…一共有几项？) is answered by counting the rows whose cell in one column holds
the value the question names, and quoting them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

Fields = Sequence[tuple[str, str]]

_CJK = re.compile(r"[\u4e00-\u9fff]")
# 几项, 多少个, 一共有几天; not 多少钱/多少万 (an amount) nor 几月/几号 (a date).
_COUNT = re.compile(r"(?:几|多少)(个|项|天|所|条|次|名|位|家|处|场|批|门|类|人)(?![民币])")
_AMOUNT_VALUE = re.compile(r"\d[\d,.]*\s*(?:万元|亿元|元)")
_DATE_VALUE = re.compile(r"\d{4}年|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[:：]\d{2}")
_TOTAL = ("合计", "总计", "小计")
_ORDINAL = ("序号", "编号")
# Kinds that stand in for one another: 谁牵头 is answered by a body as well as by a person.
_AKIN = {"person": {"person", "body"}, "body": {"body", "person"}}


@dataclass(frozen=True)
class ColumnKind:
    """One kind of column: the parts of a column name that mark it, the phrases of a question that ask for it."""

    kind: str
    name_parts: tuple[str, ...]
    asks: tuple[str, ...]


@lru_cache(maxsize=1)
def column_kinds() -> tuple[ColumnKind, ...]:
    """The kinds of ``assistant/words/column_kinds.tsv``, in file order."""
    text = resources.files("assistant").joinpath("words", "column_kinds.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, parts, asks = line.split("\t")
        out.append(ColumnKind(kind, tuple(parts.split()), tuple(asks.split())))
    return tuple(out)


def kinds_of_column(name: str) -> frozenset[str]:
    """The kinds a column holds by its name (投资金额（万元） → amount; 完成时限 → date)."""
    return frozenset(k.kind for k in column_kinds() if any(p in name for p in k.name_parts))


def asked_kinds(question: str) -> frozenset[str]:
    """The kinds of thing ``question`` asks for, by its phrases (多少钱 → amount, 什么时候 → date)."""
    return frozenset(k.kind for k in column_kinds() if any(a in question for a in k.asks))


def holds_kind(kind: str, fields: Fields) -> bool:
    """Whether a row holds a value of ``kind``: a column named so, or (amounts, dates) a value that
    states one with its measure (8万元, 2025年6月)."""
    wanted = _AKIN.get(kind, {kind})
    if any(kinds_of_column(name) & wanted for name, _ in fields):
        return True
    if kind == "amount":
        return any(_AMOUNT_VALUE.search(value) for _, value in fields)
    if kind == "date":
        return any(_DATE_VALUE.search(value) for _, value in fields)
    return False


def lacks_asked(question: str, fields: Fields) -> str:
    """The kind ``question`` asks for that no column (nor value) of the row holds; '' when it holds all."""
    return next((k for k in sorted(asked_kinds(question)) if not holds_kind(k, fields)), "")


def asking_phrases(question: str, fields: Fields) -> list[str]:
    """The phrases of ``question`` that ask for a kind the row holds (什么工程 of a row with 项目名称):
    their words say what is asked, not which row, so they need not stand in the row."""
    return [a for k in column_kinds() if holds_kind(k.kind, fields) for a in k.asks if a in question]


def subject_share(question: str, fields: Fields) -> float:
    """How much of a row's subject the question names: the share of the Chinese characters of its
    best-named cell (not an ordinal column) that the question holds. 特教学校 names 青溪区特殊教育学校
    by 4 of its 9 characters."""
    asked = set(_CJK.findall(question))
    best = 0.0
    for name, value in fields:
        chars = _CJK.findall(value)
        if name in _ORDINAL or len(chars) < 2:
            continue
        best = max(best, sum(ch in asked for ch in chars) / len(chars))
    return best


def short_forms(terms: Sequence[str], fields: Fields) -> list[str]:
    """The ``terms`` that a cell of the row holds as a short form: every character of the term (two or
    more) stands in one cell of three or more, in any order (特教 in 特殊教育学校, 保安 in 安保服务).
    Office Chinese shortens a name by keeping one character of each of its words."""
    cells = [value for name, value in fields if name not in _ORDINAL and len(_CJK.findall(value)) >= 3]
    out = []
    for term in terms:
        chars = _CJK.findall(term)
        if len(chars) >= 2 and len(chars) == len(term) and any(all(ch in cell for ch in chars) for cell in cells):
            out.append(term)
    return out


def is_total(fields: Fields) -> bool:
    """A totals row (合计, 总计, 小计): not one of the things the table lists."""
    return any(value.strip() in _TOTAL for _, value in fields)


def count_measure(question: str) -> str:
    """The measure word a counting question counts in (几项 → 项); '' when it does not count."""
    m = _COUNT.search(question)
    return m.group(1) if m else ""


@dataclass(frozen=True)
class RowCount:
    """The rows of one table whose ``column`` holds ``value``, as indexes into the rows given."""

    column: str
    value: str
    rows: tuple[int, ...]


def count_rows(question: str, rows: Sequence[Fields], min_chars: int = 3) -> RowCount | None:
    """The rows a counting question counts: those whose cell in one column holds the value it names.

    The value is the longest piece of the question (``min_chars`` characters or more, or a whole cell)
    found in a cell; the column is, of those holding it, the one whose name shares most character
    pairs with the question (…牵头的任务 counts by 牵头单位 even when the value also stands among the
    责任单位), then the one where it is most often the whole cell. Totals rows are never counted.

    Returns:
        None when the question names no cell value.
    """
    listed = [i for i, r in enumerate(rows) if not is_total(r)]
    values = [(name, value) for i in listed for name, value in rows[i] if name not in _ORDINAL]
    names = {name for name, _ in values}
    needle = ""
    for a in range(len(question)):
        for b in range(len(question), a + max(len(needle), 1), -1):
            piece = question[a:b]
            if not _CJK.match(piece) or any(piece in n for n in names):
                continue
            if any(piece in v and (len(piece) >= min_chars or piece == v) for _, v in values):
                needle = piece
                break
    if not needle:
        return None
    grams = _bigrams(question)
    columns = {name for name, value in values if needle in value}

    def rank(name: str) -> tuple[int, int]:
        whole = sum(1 for n, v in values if n == name and v == needle)
        return len(grams & _bigrams(name)), whole

    column = max(sorted(columns), key=rank)
    hit = tuple(i for i in listed if any(n == column and needle in v for n, v in rows[i]))
    return RowCount(column, needle, hit)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}
