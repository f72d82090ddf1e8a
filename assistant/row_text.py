"""A table row said in words: the cells a question asks of it, stated before the row is quoted
(联系电话为664210。), and a whole row as one sentence for a draft.

A row answers a question by one or two of its cells; the rest of the row is the citation that shows
where they stand. So an answer that quotes a row first says the asked cells as ``column为cell``, and
a draft that uses a row writes it as a sentence of its header:cell pairs instead of a record line.
Each clause of a question asks on its own. A clause asks the columns it names by a whole part of
their name (牵头单位, 短号 of 带班领导电话（短号）, 八年级 by 初二, 考场 of 考场数; the longer of two such
names), the columns of the kind it asks for (谁 → 姓名, 什么时候 → 完成时限, 多少钱 → a column with a
figure), narrowed to those whose name shares most pairs of characters with it (几号开工 → 计划开工时间),
and failing both, a column whose pair of characters is followed by an asking word (电话多少) or follows
one (哪块工作). A kind named by a noun alone (经费, 日期) is not asked when a 哪 asks for another
thing (经费由哪个单位出的).
A cell the question names the row by (名师工作室 of 重点任务) is not asked, nor a blank one (—), and a
question for a count of several rows, or for a total that does not name the row, gets no such
sentence: the table's ruling says it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.lexicon import standard_asking, synonyms, table_nouns
from assistant.table import (
    Fields,
    asked_kinds,
    asks_total,
    cjk_pairs,
    column_kinds,
    count_measure,
    is_empty_cell,
    kinds_of_column,
    measured_cells,
    number_of,
    per_unit_asked,
    phase_asked,
    span_end,
    unit_price_columns,
    with_measure,
    year_asked,
)
from ingest.record import LEVEL_SEP, ORDINAL_COLUMNS, count_unit, counted_thing
from ingest.tokenize import jieba_tagged

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
    """A column name's parts without their unit (经费（万元）·预算 → 经费, 预算), a word in its brackets
    that is no measure (带班领导电话（短号） → 短号), and the thing a column of counts counts (考场数 → 考场)."""
    parts = [_UNIT.sub("", part) for part in name.split(LEVEL_SEP)]
    parts += [u for u in _UNIT.findall(name) if not _is_measure(u)]
    thing = counted_thing(name)
    return [*parts, thing] if thing else parts


# Measures a bracket in a column name gives its numbers: 预算（万元）, 数量（件）.
_MEASURE = re.compile(r"^(?:[万亿千百]?元|[\u4e00-\u9fff]|%|％|平方米|立方米|公里|小时|学时|课时|工作日|自然日|个月)$")


def _is_measure(unit: str) -> bool:
    """Whether a bracket in a column name is the measure of its numbers (万元, 件), not a word (短号)."""
    return bool(_MEASURE.match(unit))


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
    cells = [(name, value) for name, value in fields if name not in ORDINAL_COLUMNS and not is_empty_cell(value)]
    open_ = [(name, value) for name, value in cells if not _names_row(value, question)]
    clauses = [c for c in _ASK_BREAK.split(question) if c.strip()] or [question]
    # A cell that writes the act asked before its figure (扣3分 of 扣几分) is asked, though it shares words with
    # the question (保存不足30天扣3分 of 保存不满一个月扣几分) as a cell that names the row would.
    picked = set().union(*(_named_blank_aside(clause, fields, _asked_columns(clause, open_, cells)) for clause in clauses))
    acted = _acted(question, cells)
    return [(name, value) for name, value in cells if name in picked and ((name, value) in open_ or name in acted)]


def _named_blank_aside(clause: str, fields: Fields, names: set[str]) -> set[str]:
    """``names`` without the columns a clause picked by kind alone when it names by its own name a column
    the row leaves blank (法定时限 of 法定时限：— beside 承诺时限：5): the cell asked is the blank one, and a
    sibling of the same kind is not its answer."""
    said = _said(clause)
    if not any(is_empty_cell(value) and name not in ORDINAL_COLUMNS and _leaf_named(name, said) for name, value in fields):
        return names
    return {name for name in names if _leaf_named(name, said)}


# An asking word right after a column's word: 电话多少, 短号是多少, 时限是怎么定的, 面积有多大.
_HOW_GREAT = r"多[大长高宽重远久]"  # 多大, 多长: how great a measure is, asked as 多少 asks a count
_ASKS_AFTER = re.compile(rf"^(?:是|为|有|的|在)?(?:多少|几|什么|哪|谁|怎|{_HOW_GREAT})")
_ASKS_BEFORE = re.compile(rf"(?:哪[一两几]?[块个项些类种]?|什么|多少|几[个项]|{_HOW_GREAT}的?)$")
# Words that ask: a kind asked by a noun alone (经费, 日期) gives way to a 哪 that asks for another thing.
_ASKING_CHARS = re.compile(r"多少|几|什么|哪|谁|何")
# Kinds a cell holds as a figure: a cell without a digit (区级财政 in 资金来源) gives none.
_FIGURES = ("amount", "quantity")


# A figure asked by the verb of one character right before the asking word and its measure (扣几分, 罚多少元).
_ACT_ASKED = re.compile(r"([\u4e00-\u9fff])[了过]?(?:多少|几)(个|[名人位所项种条级节次倍年岁天日周月元分])")
_FIGURE = r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千]+)"


def _acted(question: str, cells: Fields) -> set[str]:
    """`_acted_figures` over each clause of ``question``."""
    return set().union(*(_acted_figures(c, cells) for c in _ASK_BREAK.split(question) if c.strip()))


def _acted_figures(clause: str, open_: Fields) -> set[str]:
    """The columns of ``open_`` whose cell writes the verb by which ``clause`` asks a figure, right before a
    figure in the measure asked (扣几分 of 扣3分); empty when the clause asks no figure so, the verb is no
    verb of one character (jieba's tag), or no cell writes it so."""
    tags, at = {}, 0
    for word, flag in jieba_tagged(clause, hmm=False):
        if len(word) == 1:
            tags[at] = flag
        at += len(word)
    out: set[str] = set()
    for m in _ACT_ASKED.finditer(clause):
        verb, measure = m.group(1), m.group(2)
        if not tags.get(m.start(1), "").startswith("v"):
            continue
        written = re.compile(rf"{re.escape(verb)}{_FIGURE}{'个?' if measure == '个' else ''}{re.escape(measure)}")
        out |= {name for name, value in open_ if written.search(value)}
    return out


def _asked_columns(clause: str, open_: Fields, cells: Fields = ()) -> set[str]:
    """The columns of ``open_`` (the cells that may be asked) that one clause asks for, or the columns of
    ``cells`` (every filled cell of the row) that write the act by which it asks a figure (`_acted_figures`)."""
    clause = standard_asking(_without_table_names(clause))  # 电话是啥 asks as 电话是什么 does
    said = _said(clause)
    own = cjk_pairs(clause)
    whole = {name for name, _ in open_ if any(len(part) >= 2 and part in said for part in _parts(name))}
    # 带班领导 inside 带班领导电话（短号）, both named: the longer one is what is asked.
    whole = {name for name in whole if not any(name != other and name in other for other in whole)}
    # 资金（元）·中央 and 资金（元）·省级 both hold 资金: a sub-column named by its own name (中央资金) is
    # what is asked, not its siblings named by their group's title alone.
    leaves = {name for name in whole if LEVEL_SEP in name and _leaf_named(name, said)}
    # 男生·及格标准 beside 男生·满分标准, asked 男生…及格: a leaf named by what sets it apart from its
    # siblings (及格 of 及格标准, not the 标准 every leaf shares) is what is asked.
    leaves = leaves or _leaves_told_apart([name for name in whole if LEVEL_SEP in name], said)
    # 2025年·实际 beside 2026年·实际, asked 2026年实际: of the leaves named, those with the most levels named.
    most = max((_levels_named(name, said) for name in leaves), default=0)
    leaves = {name for name in leaves if _levels_named(name, said) == most}
    if leaves:
        whole = {name for name in whole if LEVEL_SEP not in name or name in leaves}
    # 哪个组 asks the column that tells the rows' groups (组别), 哪类 the 类别.
    which = {m.group(1) for m in _WHICH.finditer(clause)}
    whole |= {name for name, _ in open_ if len(name) == 2 and name[1] == "别" and name[0] in which}
    by_kind: set[str] = set()
    for kind in sorted(_kinds_asked(clause)):
        of_kind = [
            name
            for name, value in open_
            if kind in kinds_of_column(name) and (kind not in _FIGURES or re.search(r"\d", value))
        ]
        if not of_kind:
            of_kind = [name for name, _ in open_ for akin in _AKIN.get(kind, ()) if akin in kinds_of_column(name)]
        shared = {name: len(own & cjk_pairs(name)) for name in of_kind}
        most = max(shared.values(), default=0)
        by_kind |= {name for name in of_kind if shared[name] == most}
    if per_unit_asked(clause) and (priced := set(unit_price_columns(open_)) & by_kind):
        by_kind = priced  # 一台多少钱 asks the 单价, not the amount for every one bought
    measured = {name for name, value in open_ if measured_cells(clause, [(name, value)], cells or open_)}  # 几分 of 分值
    picked = whole | by_kind | measured
    acted = _acted_figures(clause, cells or open_)
    if acted and not whole:
        # 扣几分 of a row whose 评分标准 writes 扣3分: the cell that writes the act before its figure is what is
        # asked, not a bare figure of the same measure beside it (分值：8).
        return acted
    if picked:
        return _of_year_asked(clause, picked)
    # Failing those, a column one of whose pairs of characters is followed by an asking word (电话多少)
    # or follows one (负责哪块工作).
    return {
        name
        for name, _ in open_
        for g in cjk_pairs("".join(_parts(name)))
        for m in re.finditer(re.escape(g), clause)
        if _ASKS_AFTER.match(clause[m.end() :]) or _ASKS_BEFORE.search(clause[: m.start()])
    }


_WHICH = re.compile(r"哪[个一]?([\u4e00-\u9fff])")
# A year in a column's name: 2024年预算数, 2023年·实际, 2025.
_NAMED_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


def _of_year_asked(clause: str, names: set[str]) -> set[str]:
    """Of the columns picked, those of the one year the clause names (2024年 → 2024年预算数, not 2023年预算数),
    with those whose name states no year; all of them when the clause names no year or no column states it."""
    asked = year_asked(clause)
    if asked is None:
        return names
    years = {name: {int(y) for y in _NAMED_YEAR.findall(name)} for name in names}
    kept = {name for name in names if not years[name] or asked[0] in years[name]}
    return kept if any(asked[0] in years[name] for name in kept) else names


def _leaf_named(name: str, said: str) -> bool:
    """Whether the last level of a column's name (中央 of 资金（元）·中央) stands in the question."""
    leaf = _UNIT.sub("", name.rsplit(LEVEL_SEP, 1)[-1])
    return len(leaf) >= 2 and leaf in said


def _levels_named(name: str, said: str) -> int:
    """How many levels of a sub-column's name (2026年 and 实际 of 2026年·实际), without their unit, stand
    in the question."""
    levels = [_UNIT.sub("", level) for level in name.split(LEVEL_SEP)]
    return sum(len(level) >= 2 and level in said for level in levels)


def _leaves_told_apart(names: Sequence[str], said: str) -> set[str]:
    """Of sub-columns, those whose last level shares with ``said`` a pair of characters that no other
    one's last level holds (及格 of 及格标准 beside 满分标准); empty when none does or all do."""
    pairs = {name: cjk_pairs(_UNIT.sub("", name.rsplit(LEVEL_SEP, 1)[-1])) for name in names}
    asked = cjk_pairs(said)
    out = {
        name
        for name, own in pairs.items()
        if (own - set().union(*(p for other, p in pairs.items() if p != own and other != name))) & asked
    }
    return out if len(out) < len(names) else set()


def _kinds_asked(clause: str) -> frozenset[str]:
    """The kinds a clause asks for (`assistant.table.asked_kinds`), without those it names by a noun
    alone (经费, 日期) when a 哪 asks for another thing (经费由哪个单位出的 asks no amount)."""
    kinds = asked_kinds(clause)
    if "哪" not in clause:
        return kinds
    asked = {k.kind for k in column_kinds() for a in k.asks if a in clause and _ASKING_CHARS.search(a)}
    return frozenset(k for k in kinds if k in asked)


# A column that gives the measure of the row's count (单位：套 beside 数量：6), as equipment and supply lists keep it.
_UNIT_COLUMN = re.compile(r"^(?:计量)?单位$")
_MEASURE_CELL = re.compile(r"^[\u4e00-\u9fff]{1,2}$")


def row_measure(fields: Fields) -> str:
    """The measure a row's own 单位 column gives its count (套 of 单位：套); '' when it has none."""
    return next(
        (value.strip() for name, value in fields if _UNIT_COLUMN.match(name.strip()) and _MEASURE_CELL.match(value.strip())),
        "",
    )


# A measure of money per something in a column name's brackets (逾期费（元/册·天）): its · joins the measure's
# parts, not the levels of a merged header.
_PER_UNIT = re.compile(r"[（(]\s*([千万亿]?元\s*[/／][^（）()]{1,8})\s*[）)]")
# The · that parts the levels of a merged header, outside any brackets.
_OUTSIDE_BRACKETS_SEP = re.compile(rf"{re.escape(LEVEL_SEP)}(?![^（(]*[）)])")


def said_cell(question: str, name: str, value: str, measure: str = "") -> str:
    """One cell said as ``column为value``: 投资金额（万元）：458.00 → 投资金额为458.00万元, a column of
    counts with its measure (分值为8分, 几个班 → 计划班数为4个班; 数量 with the row's 单位 cell ``measure``:
    数量为6套), 考试科目·八年级 → 考试科目（八年级）."""
    measured = measured_cells(question, [(name, value)], [])  # a cell alone: no measure of its row's is told apart
    if measured:
        return measured[0]
    per = _PER_UNIT.search(name)
    unit = per.group(1) if per else next((u for u in _UNIT.findall(name) if _is_measure(u)), "")
    bare = name[: per.start()] + name[per.end() :] if per else name
    bare = _UNIT.sub(lambda m: "" if _is_measure(m.group(1)) else m.group(0), bare)
    parts = [p for p in _OUTSIDE_BRACKETS_SEP.split(bare) if p]
    column = parts[0] + (f"（{LEVEL_SEP.join(parts[1:])}）" if parts[1:] else "") if parts else name
    text = value.strip().rstrip("。；;，,")
    if unit and number_of(text) is not None:
        text = with_measure(text, unit)
    elif count_unit(name) and "amount" not in kinds_of_column(name) and number_of(text) is not None:
        # 预算数 of 2024年预算数 is a sum of money, not a count of 预算: it takes no 个.
        text += count_unit(name)
    elif measure and "quantity" in kinds_of_column(name) and number_of(text) is not None:
        text += measure
    # 什么时候截止 of 2026年4月—7月: the end asked, said whole (2026年7月), after the span the cell writes.
    phase, word = phase_asked(question)
    end = span_end(text, phase) if phase else ""
    if end:
        text += f"，即{end}{word}"
    return f"{column}为{text}"


def cell_lead(question: str, rows: Sequence[Fields]) -> str:
    """The sentence an answer that quotes ``rows`` opens with: the cells ``question`` asks of them
    (联系电话为664210。); with two rows or more, each after the cell of its own by which the question names
    it (云岗小学：…；南湾小学：…), or else the first other cell of its row that the question neither asks nor
    names (唐宁：…；吴海燕：…). '' when it asks no cell of them."""
    if count_measure(question) and len(rows) > 1:
        return ""  # a count of rows is said by the table's ruling, not by their cells
    total = asks_total(question, rows)
    said = []
    for fields in rows:
        named = cjk_pairs(question) & cjk_pairs(" ".join(value for _, value in fields))
        if total and len(named) < _NAMING_PAIRS:
            continue  # a total of the table (合计投资多少) is not the cell of a row it does not name
        asked = asked_cells(question, fields)
        if not asked:
            continue
        measure = row_measure(fields)
        text = "，".join(said_cell(question, name, value, measure) for name, value in asked)
        # Rows the question names each by a cell of its own (云岗小学和南湾小学) are told apart by that cell.
        others = {value.strip() for row in rows if row is not fields for _, value in row}
        label = next(
            (
                value.strip()
                for name, value in fields
                if name not in ORDINAL_COLUMNS
                and (name, value) not in asked
                and _names_row(value, question)
                and value.strip() not in others
            ),
            "",
        ) or next(
            (
                value.strip()
                for name, value in fields
                if name not in ORDINAL_COLUMNS and (name, value) not in asked and not is_empty_cell(value)
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
        if name not in ORDINAL_COLUMNS and not is_empty_cell(value)
    ]
    return "，".join(cells) + "。" if len(cells) >= 2 else ""
