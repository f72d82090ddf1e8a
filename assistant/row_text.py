"""A table row said in words: the cells a question asks of it, stated before the row is quoted
(联系电话为664210。), and a whole row as one sentence for a draft.

A row answers a question by one or two of its cells; the rest of the row is the citation that shows
where they stand. So an answer that quotes a row first says the asked cells as ``column为cell``, and
a draft that uses a row writes it as a sentence of its header:cell pairs instead of a record line.
Which cells a question asks: the columns it names by their whole name (牵头单位, 分值, 八年级 by 初二),
the columns of the kind it asks for (谁 → 姓名, 什么时候 → 完成时限, 多少钱 → 投资金额), narrowed to
those whose name shares a pair of characters with it (几号开工 → 计划开工时间, not 计划完工时间), and
failing both, the columns whose name shares most pairs with it (电话多少 → 联系电话). A cell the question
names the row by (名师工作室 of 重点任务) is not asked; nor is a blank one (—).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.lexicon import synonyms, table_nouns
from assistant.table import (
    Fields,
    asked_kinds,
    cjk_pairs,
    is_empty_cell,
    kinds_of_column,
    measured_cells,
    number_of,
)
from ingest.record import LEVEL_SEP, count_unit, counted_thing

_ORDINAL = ("序号", "编号")
# Kinds that stand in for one another when a row has none of the kind asked: 谁牵头 is answered by a body.
_AKIN = {"person": ("body",), "body": ("person",)}
_UNIT = re.compile(r"[（(]([^（）()]{1,4})[）)]")
# A cell that shares this many pairs of characters with the question is what names the row, not what is asked.
_NAMING_PAIRS = 2


def _said(question: str) -> str:
    """The question with the official words its everyday ones stand for (初二 → 八年级)."""
    extra = [official for word, words in synonyms().items() if word in question for official in words]
    return " ".join([question, *extra])


def _parts(name: str) -> list[str]:
    """A column name's parts without their unit (经费（万元）·预算 → 经费, 预算), and the thing a column
    of counts counts (考场数 → 考场)."""
    parts = [_UNIT.sub("", part) for part in name.split(LEVEL_SEP)]
    thing = counted_thing(name)
    return [*parts, thing] if thing else parts


def _names_row(value: str, question: str) -> bool:
    """Whether a cell is what the question names the row by: it stands whole in the question, or shares
    two or more pairs of characters with it (名师工作室 of a 重点任务 cell)."""
    text = value.strip()
    return (len(text) >= 2 and text in question) or len(cjk_pairs(text) & cjk_pairs(question)) >= _NAMING_PAIRS


def _without_table_names(clause: str) -> str:
    """The clause without the words that name a table (预算表, 慰问清单): they say where to look, not
    which column is asked."""
    nouns = "|".join(re.escape(n) for n in table_nouns())
    return re.sub(rf"[\u4e00-\u9fff]{{0,2}}(?:{nouns})", " ", clause)


# Where a question ends one ask and starts another: 一中的副主考是谁，电话多少？ asks two cells.
_ASK_BREAK = re.compile(r"[？?！!。；;，,]")


def asked_cells(question: str, fields: Fields) -> list[tuple[str, str]]:
    """The (column, value) pairs of a row that ``question`` asks for, in the row's order; empty when
    it asks none the row holds. Each clause of the question asks on its own (see the module's
    docstring for the rules)."""
    open_ = [
        (name, value)
        for name, value in fields
        if name not in _ORDINAL and not is_empty_cell(value) and not _names_row(value, question)
    ]
    clauses = [c for c in _ASK_BREAK.split(question) if c.strip()] or [question]
    picked = set().union(*(_asked_columns(clause, open_) for clause in clauses))
    return [(name, value) for name, value in open_ if name in picked]


def _asked_columns(clause: str, open_: Fields) -> set[str]:
    """The columns of ``open_`` (the cells that may be asked) that one clause asks for."""
    clause = _without_table_names(clause)
    said = _said(clause)
    grams = cjk_pairs(said)
    whole = {name for name, _ in open_ if any(len(part) >= 2 and part in said for part in _parts(name))}
    by_kind: set[str] = set()
    for kind in sorted(asked_kinds(clause)):
        of_kind = [name for name, _ in open_ if kind in kinds_of_column(name)]
        if not of_kind:
            of_kind = [name for name, _ in open_ for akin in _AKIN.get(kind, ()) if akin in kinds_of_column(name)]
        named = [name for name in of_kind if grams & cjk_pairs(name)]
        by_kind |= set(named or of_kind)
    measured = {name for name, value in open_ if measured_cells(clause, [(name, value)])}  # 几分 of 分值
    picked = whole | by_kind | measured
    if picked:
        return picked
    shared = {name: len(grams & cjk_pairs("".join(_parts(name)))) for name, _ in open_}
    most = max(shared.values(), default=0)
    return {name for name, n in shared.items() if n and n == most}


def said_cell(question: str, name: str, value: str) -> str:
    """One cell said as ``column为value``: 投资金额（万元）：458.00 → 投资金额为458.00万元, a column of
    counts with its measure (分值为8分, 几个班 → 计划班数为4个班), 考试科目·八年级 → 考试科目（八年级）."""
    measured = measured_cells(question, [(name, value)])
    if measured:
        return measured[0]
    unit = _UNIT.search(name)
    parts = [p for p in (_UNIT.sub("", part) for part in name.split(LEVEL_SEP)) if p]
    column = parts[0] + "".join(f"（{p}）" for p in parts[1:]) if parts else name
    text = value.strip().rstrip("。；;，,")
    if unit and number_of(text) is not None:
        text += unit.group(1)
    elif count_unit(name) and number_of(text) is not None:
        text += count_unit(name)
    return f"{column}为{text}"


def cell_lead(question: str, rows: Sequence[Fields]) -> str:
    """The sentence an answer that quotes ``rows`` opens with: the cells ``question`` asks of them
    (联系电话为664210。); with two rows or more, each after the first other cell of its row that the
    question neither asks nor names (唐宁：…；吴海燕：…). '' when it asks no cell of them."""
    said = []
    for fields in rows:
        asked = asked_cells(question, fields)
        if not asked:
            continue
        text = "，".join(said_cell(question, name, value) for name, value in asked)
        label = next(
            (
                value.strip()
                for name, value in fields
                if name not in _ORDINAL and (name, value) not in asked and not is_empty_cell(value)
                and not _names_row(value, question)
            ),
            "",
        )
        said.append(f"{label}：{text}" if len(rows) > 1 and label else text)
    return "；".join(said) + "。\n" if said else ""


def row_sentence(fields: Fields) -> str:
    """A whole row as one sentence of its header:cell pairs, for a draft: 重点任务为…，牵头单位为…，
    完成时限为…。 Blank cells and the row's number are left out; '' for a row with fewer than two cells
    to say."""
    cells = [
        said_cell("", name, value)
        for name, value in fields
        if name not in _ORDINAL and not is_empty_cell(value)
    ]
    return "，".join(cells) + "。" if len(cells) >= 2 else ""
