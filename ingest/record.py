"""Table rows as records: one line per row that carries its header, ``列名：值；列名：值``.

A table cell means nothing without its column: "8" is a budget only next to "预算（万元）". So every
loader that reads a table (DOCX, HTML, PDF) turns it into a grid (`Slot`s, a merged cell filling
every position it covers) and hands it to `table_lines`, which writes each data row as one record
line that names each value's column. A row then stands on its own wherever the chunker cuts, and
the answerer can quote exactly the row that holds a cell.

Header rows: the first row always; the second too when a first-row cell spans several columns and
the second row splits it (预算（万元） over 2024年 and 2025年), giving columns named
``预算（万元）·2024年``. A row that is one merged cell across the table (一、基础设施) is a group
line, written as it is. A table of one row or one column has no header to carry and is written as
before: cells joined by `` | ``.

The chunks keep where their records are (`ROWS_KEY` in ``Chunk.extra``), and `parse_record` turns a
record back into its (column, value) pairs for the sources panel.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Columns that number rows (序号, 编号): they name no row's subject and count nothing.
ORDINAL_COLUMNS = ("序号", "编号")
# The cell that opens a table's totals row (合计, 总计, 小计).
TOTAL_WORDS = ("合计", "总计", "小计")

FIELD_SEP = "；"
NAME_SEP = "："
LEVEL_SEP = "·"
ROWS_KEY = "rows"  # Chunk.extra: the record lines of a chunk, "start-end" local offsets joined by ","
TABLES_KEY = "tables"  # Chunk.extra: the table (its number in the document) of each record line, joined by ","

# A line between two rows that ends one table: a sentence, a lead (…如下：), or a caption (表2 …).
_TABLE_BREAK = re.compile(r"[。！？：:]\s*$|表")
_MAX_GROUP_LINE = 30
_SPACES = re.compile(r"[ \t\r\n\f\v\xa0\u2002\u2003\u3000\ufeff]+")
# Space that a cell's line break leaves beside full-width punctuation (数量 / （个）): the break only wrapped it.
_SPACE_BY_MARK = re.compile(r"\s+(?=[（）【】《》，、；：。])|(?<=[（）【】《》，、；：。])\s+")
# A column name: short, on one line, no sentence punctuation (it names, it does not say).
_NAME = re.compile(r"[^：；。！？!?\n]{1,24}")


@dataclass(frozen=True)
class Slot:
    """One grid position of a table: the text of the cell that covers it, and that cell's identity.

    A merged cell covers several positions with the same ``cell`` id.
    """

    text: str
    cell: int


@dataclass(frozen=True)
class TableLines:
    """A table as lines: ``lines`` in order, of which ``records`` are row records."""

    lines: tuple[str, ...]
    records: frozenset[str]


def cell_text(text: str) -> str:
    """A cell's text on one line: runs of whitespace become one space (as cleaning does later), and none
    is left beside full-width punctuation."""
    return _SPACE_BY_MARK.sub("", _SPACES.sub(" ", text)).strip()


# The most rows a header runs over (资金（万元） over 上级补助 over 预算: three).
_MAX_HEADER_ROWS = 4


def header_rows(grid: Sequence[Sequence[Slot]]) -> int:
    """How many leading rows name the columns: one more for each row that splits the cells spanning
    columns in the row above it, while every other column's cell above reaches down into it (or it
    leaves that column empty), so 资金（万元） over 上级补助 and 区级配套 over 预算 and 已拨付 is a
    header of three rows; 1 when the second row splits nothing. At least one data row stays below."""
    rows = 1
    while rows < _MAX_HEADER_ROWS and len(grid) >= rows + 2 and _splits(grid[rows - 1], grid[rows]):
        rows += 1
    return rows


def _splits(first: Sequence[Slot], second: Sequence[Slot]) -> bool:
    """Whether ``second`` is a header row below ``first``: cells of ``first`` span columns that ``second``
    splits, and every other column's cell of ``first`` reaches down into ``second`` (or ``second`` leaves
    it empty)."""
    width = min(len(first), len(second))
    spanned = {
        col
        for col in range(width)
        if (col > 0 and first[col].cell == first[col - 1].cell)
        or (col + 1 < width and first[col].cell == first[col + 1].cell)
    }
    split = any(
        second[col].cell != second[col - 1].cell and first[col].cell == first[col - 1].cell
        for col in range(1, width)
        if second[col].text and second[col - 1].text
    )
    others_reach = all(
        second[col].cell == first[col].cell or not second[col].text for col in range(width) if col not in spanned
    )
    return split and others_reach


def column_names(grid: Sequence[Sequence[Slot]], header: int) -> list[str]:
    """Each column's name from the header rows: ``上级·下级`` when a header cell spans sub-columns."""
    width = max(len(row) for row in grid)
    names: list[str] = []
    for col in range(width):
        parts: list[str] = []
        for row in grid[:header]:
            text = row[col].text if col < len(row) else ""
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        names.append(LEVEL_SEP.join(parts) or f"第{col + 1}列")
    return names


def table_lines(grid: Sequence[Sequence[Slot]], header: int | None = None, above: str = "") -> TableLines:
    """The lines of a table: one record per data row, each naming its values' columns.

    Args:
        grid: rows of slots, merged cells already spread over the positions they cover.
        header: how many leading rows are the header (an HTML ``<thead>`` says); None decides by
            `header_rows`.
        above: the text just above the table (its caption): a unit it states for the table's figures
            (（单位：万元）) is the unit of each column of bare figures (`stated_unit`, `with_units`).
    """
    grid = [list(row) for row in grid if any(slot.text for slot in row)]
    captions: list[str] = []
    while grid and len(grid[0]) > 1 and len({slot.cell for slot in grid[0]}) == 1:
        captions.append(grid.pop(0)[0].text)  # a title row across the table, above the header
        header = None if header is None else max(header - 1, 0) or None
    if not grid:
        return TableLines(tuple(captions), frozenset())
    width = max(len(row) for row in grid)
    if len(grid) < 2 or width < 2:
        plain = tuple(_joined(row) for row in grid)
        return TableLines((*captions, *(p for p in plain if p)), frozenset())
    header = min(header if header is not None else header_rows(grid), len(grid) - 1)
    names = with_units(column_names(grid, header), grid[header:], stated_unit(" ".join([above, *captions])))
    lines: list[str] = list(captions)
    records: set[str] = set()
    heads = [[slot.text for slot in row] for row in grid[:header]]
    for row in grid[header:]:
        if [slot.text for slot in row] in heads:
            continue  # the header again (repeated on a new page, or two tables pasted together)
        if len({slot.cell for slot in row}) == 1 and len(row) > 1:
            lines.append(row[0].text)  # one cell across the table: a group line, not a record
            continue
        fields: list[str] = []
        for col, slot in enumerate(row):
            if not slot.text or (col > 0 and row[col - 1].cell == slot.cell):
                continue  # empty, or the same merged cell as the column before: said once
            fields.append(f"{names[col]}{NAME_SEP}{slot.text}")
        if len(fields) >= 2:
            line = FIELD_SEP.join(fields)
            records.add(line)
            lines.append(line)
        elif fields:
            lines.append(_joined(row))
    return TableLines(tuple(lines), frozenset(records))


# A unit a table's caption states for its figures: （单位：万元）, 金额单位：元, 单位:人. The unit is the
# first word after the colon, up to a bracket, a comma or a space; 单位 after another character is a
# column or a body (责任单位：…), not a unit.
_STATED_UNIT = re.compile(r"(?<![\u4e00-\u9fff])(金额|数量)?单位\s*[：:]\s*([^\s，,；;。：:（）()、]{1,3})(?![^\s，,；;。（）()、])")
_MONEY = ("元", "万元", "亿元", "千元", "百元", "万", "亿")


def stated_unit(text: str) -> tuple[str, bool]:
    """The unit the last line of ``text`` (a table's caption) states for its figures, and whether it is
    stated for amounts only (金额单位); ('', False) when it states none."""
    lines = [line for line in text.strip().split("\n") if line.strip()]
    found = _STATED_UNIT.search(lines[-1]) if lines else None
    if found is None:
        return "", False
    return found.group(2), found.group(1) == "金额"


def with_units(names: Sequence[str], rows: Sequence[Sequence[Slot]], stated: tuple[str, bool]) -> list[str]:
    """Column names with the unit a caption states (``stated``, from `stated_unit`) added to each column
    that holds bare figures and names no measure of its own: 计划投资 under （金额单位：万元） is 计划投资（万元）.

    A column numbering rows (序号), one counting things (计划班数, 人数: they have their own measure)
    and one with any cell that is not a figure keep their names; a unit of amounts (元, 万元) is not given
    to a column of quantities (数量, 人数), nor one stated for amounts to a column of anything else's.
    """
    unit, amounts_only = stated
    if not unit:
        return list(names)
    money = unit in _MONEY
    out = list(names)
    for col, name in enumerate(names):
        leaf = _UNIT.sub("", name.rsplit(LEVEL_SEP, 1)[-1])
        if leaf in ORDINAL_COLUMNS or column_unit(name) or ((money or amounts_only) and "数" in leaf):
            continue
        values = [row[col].text for row in rows if col < len(row) and row[col].text not in ("", "—", "-", "/")]
        if values and all(_PLAIN_NUMBER.match(v) for v in values if v not in TOTAL_WORDS) and any(
            _PLAIN_NUMBER.match(v) for v in values
        ):
            out[col] = f"{name}（{unit}）"
    return out



def _joined(row: Sequence[Slot]) -> str:
    cells: list[str] = []
    for col, slot in enumerate(row):
        if slot.text and not (col > 0 and row[col - 1].cell == slot.cell):
            cells.append(slot.text)
    return " | ".join(cells)


def parse_record(line: str) -> list[tuple[str, str]] | None:
    """A record line's (column, value) pairs; None when the line is not a record of two or more fields.

    A value that itself holds ``；`` keeps it: a piece without a column name belongs to the value before.
    """
    fields: list[tuple[str, str]] = []
    for piece in line.split(FIELD_SEP):
        name, sep, value = piece.partition(NAME_SEP)
        if sep and _NAME.fullmatch(name):
            fields.append((name, value))
        elif fields:
            last_name, last_value = fields[-1]
            fields[-1] = (last_name, f"{last_value}{FIELD_SEP}{piece}")
        else:
            return None
    return fields if len(fields) >= 2 else None


# A measure in brackets in a column name (预算（万元）, 人数(人)): the unit of every value in the column.
_UNIT = re.compile(r"[（(]([^（）()]{1,4})[）)]")


# Measure words that a column of counts names before 数 or 值 (计划班数, 招生人数, 分值): the column
# counts that thing, so each of its plain numbers is a number of it (4 in 计划班数 is 4班).
_MEASURES = "班人分场次名所项条门节天个位件台套张本册箱间户"
_COUNT_COLUMN = re.compile(rf"([{_MEASURES}])[数值](?:[（(][^（）()]*[）)])?$")
_PLAIN_NUMBER = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def column_unit(name: str) -> str:
    """The measure every value of a column is counted in: the unit in brackets (预算（万元） → 万元), or
    the measure word a column of counts names before 数 or 值 (计划班数 → 班, 计划招生人数 → 人, 分值 →
    分); '' when the name gives none (序号 and 编号 give none: they number rows, they count nothing)."""
    unit = _UNIT.search(name.rsplit(LEVEL_SEP, 1)[-1]) or _UNIT.search(name)
    return unit.group(1) if unit else count_unit(name)


def count_unit(name: str) -> str:
    """The measure word a column of counts names before 数 or 值 (计划班数 → 班, 分值 → 分), or 个 for
    a column that counts a thing named by a word (考场数, 教室数: 12个考场; the 场 of 考场 is no
    measure); '' for any other column. A sub-column of a merged header that names no measure of its
    own counts in its parent's (学生人数·已报名 → 人: the leaf 已报名 only splits 学生人数)."""
    levels = [_UNIT.sub("", level) for level in name.split(LEVEL_SEP)]
    leaf = levels[-1]
    if leaf in ORDINAL_COLUMNS:
        return ""
    stem = counted_thing(name)
    if stem:
        return "个"
    count = _COUNT_COLUMN.search(leaf)
    if count:
        return count.group(1)
    if leaf.endswith("数"):
        return ""  # the leaf counts a thing of its own (得票数), not its parent's
    parent = next((m for m in (_COUNT_COLUMN.search(level) for level in reversed(levels[:-1])) if m), None)
    return parent.group(1) if parent else ""


def counted_thing(name: str) -> str:
    """The thing a column of counts counts when its name says it by a word before 数 (考场数 → 考场,
    班级数 → 班级); '' when the name ends in a measure and 数 (计划班数, 招生人数) or is no count."""
    import jieba

    leaf = _UNIT.sub("", name.rsplit(LEVEL_SEP, 1)[-1])
    if not leaf.endswith("数") or len(leaf) < 3:
        return ""
    words = jieba.lcut(leaf[:-1], HMM=False)
    last = words[-1] if words else ""
    whole = jieba.lcut(leaf, HMM=False)
    if len(last) < 2 or whole[-1] != "数":
        return ""  # 班数, 人数 bind their measure to 数; 计划数 names no thing counted
    return last


# Dates written with figures only: 2025-03-10, 2025.09, 2025/3/10 (a year of four figures first), and
# in a column of dates (日期, 认定时间) also a month and day alone: 10.15, 10/16, 10-17.
_FIGURE_DATE = re.compile(r"^(\d{4})\s*[-./／]\s*(\d{1,2})(?:\s*[-./／]\s*(\d{1,2}))?$")
_FIGURE_DAY = re.compile(r"^(\d{1,2})\s*[./／-]\s*(\d{1,2})$")
_DATE_COLUMN = re.compile(r"日期|时间|时限|期限|[日天]$")


def figure_date(name: str, value: str) -> tuple[int | None, int, int | None] | None:
    """The (year, month, day) a cell of column ``name`` writes with figures only (2025-03-10 →
    (2025, 3, 10); 2025.09 → (2025, 9, None); 10.15 in a 日期 column → (None, 10, 15)); None when it
    writes no such date. A column with a measure of its own (补助金额（元）) holds figures, not dates."""
    text = value.strip()
    if _UNIT.search(name.rsplit(LEVEL_SEP, 1)[-1]):
        return None
    m = _FIGURE_DATE.match(text)
    if m:
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None
        if 1900 <= year <= 2100 and 1 <= month <= 12 and (day is None or 1 <= day <= 31):
            return year, month, day
        return None
    m = _FIGURE_DAY.match(text)
    if m and _DATE_COLUMN.search(_UNIT.sub("", name)):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return None, month, day
    return None


def spoken_date(name: str, value: str) -> str:
    """A cell's date as words say it (2025-03-10 → 2025年3月10日, 10.15 in a 日期 column → 10月15日);
    the value as it is when it writes no date with figures only (`figure_date`)."""
    date = figure_date(name, value)
    if date is None:
        return value
    year, month, day = date
    return f"{f'{year}年' if year else ''}{month}月{f'{day}日' if day else ''}"


def as_statements(fields: Sequence[tuple[str, str]]) -> str:
    """A record read as statements, each value with its column's name and unit: 预算（万元）：8 →
    预算8万元, 计划班数：4 → 计划班数4班, so that a figure is recognised with its measure as it would be
    in prose; a date written with figures only reads as words say it (认定时间：2025-03-10 →
    认定时间2025年3月10日). A count's measure is added to a plain number only (分值：— stays as it is)."""
    out: list[str] = []
    for name, value in fields:
        value = spoken_date(name, value)
        unit = _UNIT.search(name)
        base = _UNIT.sub("", name) if unit else name
        if unit:
            out.append(f"{base}{value}{unit.group(1)}")
            continue
        measure = column_unit(name)
        out.append(f"{name}{value}{measure if measure and _PLAIN_NUMBER.match(value.strip()) else ''}")
    return FIELD_SEP.join(out)


def encode_spans(spans: Sequence[tuple[int, int]]) -> str:
    """Offsets as ``Chunk.extra`` keeps them: ``"start-end,start-end"``."""
    return ",".join(f"{a}-{b}" for a, b in spans)


def decode_spans(value: str) -> list[tuple[int, int]]:
    """The offsets `encode_spans` wrote (an empty or malformed value gives none)."""
    out: list[tuple[int, int]] = []
    for part in value.split(","):
        a, sep, b = part.partition("-")
        if sep and a.isdigit() and b.isdigit():
            out.append((int(a), int(b)))
    return out


def row_spans(extra: dict[str, str]) -> list[tuple[int, int]]:
    """The record lines of a chunk, as offsets in its text (from its ``extra``)."""
    return decode_spans(extra.get(ROWS_KEY, ""))


def table_numbers(text: str, records: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """Which table each record line of a document's ``text`` belongs to, numbered from 0 in order.

    Rows follow one another within a table; a group line (一、基础设施: short, no sentence) may stand
    between them. Anything else between two rows (a sentence, a caption naming a 表, a heading, more
    than one line) starts a new table, so two tables that both open with 序号 stay two.
    """
    out: list[int] = []
    number = 0
    for n, (a, _) in enumerate(records):
        if n:
            between = [line.strip() for line in text[records[n - 1][1] : a].split("\n") if line.strip()]
            if len(between) > 1 or any(
                len(line) > _MAX_GROUP_LINE or line.startswith("#") or _TABLE_BREAK.search(line) for line in between
            ):
                number += 1
        out.append(number)
    return tuple(out)


def row_tables(extra: dict[str, str]) -> list[int]:
    """The table number of each record line of a chunk (from its ``extra``); empty when not kept."""
    parts = extra.get(TABLES_KEY, "").split(",")
    return [int(p) for p in parts] if all(p.isdigit() for p in parts) else []
