"""Questions about a table rather than one sentence: what kind of thing a column holds, which row a
question names, and how many rows meet a condition.

A table row answers a question only when one of its columns holds the kind of thing asked (an amount,
a date, a person, a body, a place); a question that asks 多少经费 of a task-division table, which has no
amount column, is about something the table does not say. A row is named by its subject cell in the
user's words (特教学校 for 东湖区特殊教育学校): the share of that cell's characters the question holds.
A row may also be pointed at without its subject: by a day (10月3号), a short cell named whole
(中秋节 in 备注), its place (第3项, 最后一天), a value its condition holds (工龄8年 of a row for 5年以上,
`assistant.ranges`) or, where the judge allows it, its subject said in other words (电子放大镜 of 数码显微镜,
`rows_meant`). A question that counts (…一共有几项？) is answered by
counting the rows whose cell in one column holds the value the question names; one that asks for a
total (…总共要花多少？) by the totals row or the sum of an amount column; one that asks for the
most or the least by comparing an amount column. A question may name the table itself by a word
any table goes by (清单, 一览表, 明细) or by one of its own names with such a word (预算表), which no
row need hold; and it may name a person by a name no dictionary knows (王刚), whom a row must hold.
A word one character off a row's own (复印纸 of A4打印纸, 文件夹 of 文件盒, 主持人 of 主讲人) names
another thing, not that row; a floor asked (几楼) needs a cell that states one (三楼会议室); a row
whose dates span days (7月21日—7月23日) holds each of them.
These are the pieces; the evidence judge (`assistant.judge`) decides with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from assistant.evidence import asks_money, same_measure
from assistant.lexicon import charge_verbs, numeral_counts, standard_asking, synonyms, table_nouns
from assistant.ranges import Interval, cell_conditions, rows_in_range, stated
from ingest import numerals
from ingest.record import (
    LEVEL_SEP,
    ORDINAL_COLUMNS,
    TOTAL_WORDS,
    column_unit,
    count_unit,
    counted_thing,
    figure_date,
)
from ingest.tokenize import dictionary_count, jieba_tagged, jieba_words

Fields = Sequence[tuple[str, str]]

_CJK = re.compile(r"[\u4e00-\u9fff]")
# 几项, 多少个, 一共有几天, 多少种; not 哪几位 (which ones), 多少钱/多少万 (an amount) nor 几月/几号 (a date), nor 几个小时,
# 几个月 (a length of time).
_COUNT = re.compile(
    r"(?:(?<!哪)几|多少)(个(?!小时|钟头|月|星期|工作日|学时|课时)|项|天|所|条|次|名|位|家|处|场|节|批|门|类|种|样|件|台|套|人)(?![民币])"
)
_AMOUNT_VALUE = re.compile(r"\d[\d,.]*\s*(?:万元|亿元|元)")
_DATE_VALUE = re.compile(r"\d{4}年|\d{1,2}月(?:\d{1,2}[日号])?|\d{1,2}[:：]\d{2}")
_FLOOR_VALUE = re.compile(r"[\d一二三四五六七八九十]+\s*(?:楼|层)(?![梯道])")
# A document cited by its number (县教体〔2025〕7号) or its title (《校园绿化养护规程》).
_DOCUMENT_VALUE = re.compile(r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号|《[^》]+》")
_QUANTITY_VALUE = re.compile(r"\d[\d,]*\s*(?:件|本|台|套|张|册|箱)")
# A place a cell states in prose: where people go (赴县青少年宫, 前往实践基地) or where a thing is held
# (在三楼报告厅举行).
_PLACE_VALUE = re.compile(
    r"(?:赴|前往|去往)[\u4e00-\u9fff]{2,12}|在[\u4e00-\u9fff]{2,12}?(?:举行|召开|举办|集合|集中)"
)
# A score a rule states (扣3分, 得0.5分); not 3分钟 nor 三分之一.
_SCORE_VALUE = re.compile(r"\d+(?:\.\d+)?\s*分(?![钟之])")
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


# A column named by what a person does with a 人 at its end (经办人, 责任人, 审核人) holds people; 人数 does not.
_PERSON_COLUMN = re.compile(r"[\u4e00-\u9fff]人(?:[（(][^（）()]*[）)])?$")


# A column named by a room or hall (会议室, 报告厅, 考场, 场馆) holds where things happen; one named by a
# body (科室, 处室) holds who does them and is a body column instead.
_ROOM_COLUMN = re.compile(r"[\u4e00-\u9fff][室厅馆场堂]$")


# A column named by a rank or post (组长, 校长, 成员, 班主任) holds the people who hold it.
_ROLE_COLUMN = re.compile(r"[\u4e00-\u9fff]{1,2}(?:长|员|主任)")


# How a refusal names a kind of thing a row does not state.
KIND_WORDS = {
    "amount": "金额",
    "date": "时间",
    "person": "人员",
    "body": "单位",
    "place": "地点",
    "floor": "楼层",
    "quantity": "数量",
    "document": "文件",
    "score": "分值",
}


# 计费单位, 计量单位, 金额单位: a unit of measure, not a body (责任单位).
_MEASURE_UNIT = re.compile(r"(?:计费|计量|计价|计算|金额|数量|货币|收费)单位")


# A unit of money in brackets at a header's end, alone or per something: （元）, （万元）, （元/人）,
# （元/生·学期）, （元／人·月）. The column holds sums of money whatever its name says (单价, 标准).
_MONEY_UNIT = re.compile(r"[（(]\s*[千万亿]?元\s*(?:[/／每][^（）()]{1,8})?[）)]\s*$")
# A unit per something in brackets at a header's end, longer than the reader writes beside each value
# (`ingest.record.as_statements` reads up to four characters: （元/人）, not （元/生·学期）).
_LONG_UNIT = re.compile(r"[（(]([^（）()/／]{1,4}[/／][^（）()]{1,8})[）)]\s*$")


def with_header_units(fields: Fields) -> Fields:
    """The row with a long unit of a header (收费标准（元/生·学期）) moved after each plain number of its
    column (收费标准：300元/生·学期), so that a figure reads with its measure as in prose; other cells as
    they are."""
    out: list[tuple[str, str]] = []
    for name, value in fields:
        unit = _LONG_UNIT.search(name)
        if unit and len(unit.group(0)) > 6 and _NUMBER.match(value.strip()):
            out.append((name[: unit.start()].rstrip(), f"{value.strip()}{unit.group(1)}"))
        else:
            out.append((name, value))
    return out


# A unit of money a table's caption or section gives its figures: （单位：万元）, 金额单位：元.
_CAPTION_MONEY_UNIT = re.compile(r"单位\s*[:：]\s*([千万亿]?元)")


def with_caption_unit(fields: Fields, caption: str) -> Fields:
    """The row with the unit of money its table's ``caption`` (or section) gives (（单位：万元）) written in the
    header of each column of sums (预算数, 金额) that has no unit of its own and holds a plain number
    (2024年预算数 → 2024年预算数（万元）), so that its figure reads as money; the row as it is without one."""
    unit = _CAPTION_MONEY_UNIT.search(caption)
    if unit is None:
        return fields
    return [
        (f"{name}（{unit.group(1)}）", value)
        if "amount" in kinds_of_column(name) and not _UNIT_NAME.search(name) and _NUMBER.match(value.strip())
        else (name, value)
        for name, value in fields
    ]


def header_states(kind: str, fields: Fields) -> bool:
    """Whether a row answers a question for a time (``kind`` ``date``, or ``often``: how often) by a filled
    cell of a column named for times (完成时限：长期坚持, 时间安排：每月上旬): the header says what the cell
    is, though it writes no date of the calendar."""
    return kind in ("date", "often") and any(
        "date" in kinds_of_column(name) and not is_empty_cell(value) for name, value in fields
    )


def kinds_of_column(name: str) -> frozenset[str]:
    """The kinds a column holds by its name (投资金额（万元） → amount; 完成时限 → date; 经办人 → person;
    会议室 → place), and by the unit of money its name ends with (单价（元/人） → amount)."""
    kinds = {k.kind for k in column_kinds() if any(p in name for p in k.name_parts)}
    if _MONEY_UNIT.search(name):
        kinds.add("amount")
    if _MEASURE_UNIT.search(name) and not _MEASURE_UNIT.sub("", name).count("单位"):
        kinds.discard("body")  # 计费单位 holds a measure (生·学期), not a body
    leaf = name.rsplit("·", 1)[-1]
    if _PERSON_COLUMN.search(leaf) or _ROLE_COLUMN.fullmatch(leaf):
        kinds.add("person")
    if "body" not in kinds and _ROOM_COLUMN.search(_UNIT_NAME.sub("", leaf).strip()):
        kinds.add("place")
    return frozenset(kinds)


def asks_table(question: str, terms: Sequence[str], rows: Sequence[Fields], title: str = "") -> bool:
    """Whether a question asks a table: one of its ``terms`` names a column (审计科的联系人是谁 of a
    联系人 column), or one stands in the table's ``title`` (its document's title and section: 期中考试 of
    …期中考试安排的通知) while the question asks for a kind of thing a column holds (哪一天 of a 日期
    column)."""
    columns = " ".join(dict.fromkeys(n for r in rows for n, _ in r))
    if any(len(term) >= 2 and term in columns for term in terms):
        return True
    kinds = frozenset().union(*(kinds_of_column(n) for n in columns.split()))
    return bool(asked_kinds(question) & kinds) and any(len(term) >= 2 and term in title for term in terms)


def names_person(fields: Fields | None) -> bool:
    """Whether a row names a person: a cell of a column of people (姓名, 负责人, 值班人员) that holds a
    name, two to four Chinese characters (or several, 李明、赵婷), not a body (区教育局)."""
    for name, value in fields or ():
        if "person" not in kinds_of_column(name) or "body" in kinds_of_column(name):
            continue
        if any(2 <= len(item) <= 4 and _ALL_CJK.match(item) for item in _items(value)):
            return True
    return False


def asked_kinds(question: str) -> frozenset[str]:
    """The kinds of thing ``question`` asks for, by its phrases (多少钱 → amount, 什么时候 → date); an
    amount also when it asks money by the act that pays it (一学期收多少, 要交多少: `assistant.evidence.asks_money`).
    Spoken asking words ask as their standard forms do (啥时候 as 什么时候: `assistant.lexicon.standard_asking`)."""
    question = standard_asking(question)
    kinds = {k.kind for k in column_kinds() if any(a in question for a in k.asks)}
    if asks_money(question):
        kinds.add("amount")
    # 哪间教室, 什么场所, 哪几个部门: an asking word and a measure word before a noun a column of a kind is
    # named by (教室 of place) ask for that kind, whichever measure word the noun takes.
    for m in _WHICH_NOUN.finditer(question):
        after = question[m.end() :]
        kinds |= {
            k.kind
            for k in column_kinds()
            if k.kind not in _HOW_MUCH_KINDS
            for p in k.name_parts
            if len(p) >= 2 and _ALL_CJK.match(p) and after.startswith(p)
        }
    return frozenset(kinds)


# 哪笔经费, 哪些费用 ask which sum, not how much: a kind of measure is asked by how much (多少钱), not by which.
_HOW_MUCH_KINDS = frozenset({"amount", "quantity", "score"})
# An asking word with the measure word after it (哪间, 哪一个, 哪几家, 什么样的 aside): what follows is the noun asked.
_WHICH_NOUN = re.compile(r"(?:哪[一几些]?|什么)[个间家所座栋位处块项份门类种条]?")


def holds_kind(kind: str, fields: Fields) -> bool:
    """Whether a row holds a value of ``kind``: a column named so, or (amounts, dates, quantities,
    floors) a value that states one with its measure (8万元, 2025年6月, 200件, 三楼会议室)."""
    # Scores are held by a value with its measure too (扣2分), and a place by a cell that states one in
    # prose (赴县青少年宫).
    wanted = _AKIN.get(kind, {kind})
    if any(kinds_of_column(name) & wanted for name, _ in fields):
        return True
    if kind == "amount":
        return any(_AMOUNT_VALUE.search(value) for _, value in fields)
    if kind == "date":
        return any(_DATE_VALUE.search(value) for _, value in fields)
    if kind == "quantity":
        return any(_QUANTITY_VALUE.search(value) for _, value in fields)
    if kind == "floor":
        return any(_FLOOR_VALUE.search(value) for _, value in fields)
    if kind == "document":
        return any(_DOCUMENT_VALUE.search(value) for _, value in fields)
    if kind == "score":
        return any(_SCORE_VALUE.search(value) for _, value in fields)
    if kind == "place":
        return any(_PLACE_VALUE.search(value) for _, value in fields)
    return False


def lacks_asked(question: str, fields: Fields) -> str:
    """The kind ``question`` asks for that no column (nor value) of the row holds; '' when it holds all.
    A word of the row's own cells (费用 of 秋季运动会费用审核) asks for nothing (`_cells_unsaid`).

    A cell the question names whole is what it asks about, not its answer: 赵晓燕是哪个单位的 asks of
    the person in 主讲人 for a unit, which that column does not give.
    """
    open_ = [(name, value) for name, value in fields if not (len(value) >= 2 and value in question)]
    asked = asked_kinds(_cells_unsaid(question, fields))
    return next(
        (k for k in sorted(asked) if not holds_kind(k, open_) and not agent_stated(question, k, open_)),
        "",
    )


_CELL_PHRASE = 3  # a run of this many characters of a cell, said in a question, names that cell


def _cells_unsaid(question: str, fields: Fields) -> str:
    """``question`` without the runs of three characters or more it shares with the row's cells: a word
    that would ask for a kind (费用 of an amount) but stands inside the words naming the row (秋季运动会费用审核)
    names the row, it asks nothing of it."""
    values = [value for name, value in fields if name not in ORDINAL_COLUMNS]
    text = question
    longest = max((len(value) for value in values), default=0)  # no longer run stands inside a cell
    for n in range(min(len(question), longest), _CELL_PHRASE - 1, -1):
        for start in range(len(question) - n + 1):
            run = question[start : start + n]
            if _ALL_CJK.match(run) and run in text and any(run in value for value in values):
                text = text.replace(run, " ")
    return text


# The price of one thing asked (多少钱一盒, 一台多少钱, 每个多少钱, 单价): a measure word after 一 or 每.
_ONE_OF = r"[个件台套张本册箱盒瓶袋包支把只辆块条份具组副双斤桶根]"
_PER_UNIT = re.compile(
    rf"(?:多少钱|几[块元]钱?)(?:一|每){_ONE_OF}|(?:一|每){_ONE_OF}(?:要|得|是|大概|大约)?(?:多少钱|几[块元])|单价"
)
_UNIT_PRICE_COLUMN = re.compile(r"单价|价格|单位价|每[\u4e00-\u9fff]?价")


def per_unit_asked(question: str) -> bool:
    """Whether ``question`` asks the price of one thing (多少钱一盒, 一台多少钱, 每个多少钱, 单价)."""
    return bool(_PER_UNIT.search(question))


def unit_price_columns(fields: Fields) -> list[str]:
    """The row's columns that give the price of one thing (单价（元）, 价格): their name says so."""
    return [n for n, _ in fields if _UNIT_PRICE_COLUMN.search(n)]


def unit_price_unheld(question: str, fields: Fields) -> bool:
    """Whether ``question`` asks the price of one thing of a row that states no such price, only the
    amount for a count of more than one (领用量（盒）：25 and 金额（元）：750 say nothing of one box)."""
    if not per_unit_asked(question) or unit_price_columns(fields):
        return False
    counts = [
        number_of(v)
        for n, v in fields
        if n not in ORDINAL_COLUMNS and ("quantity" in kinds_of_column(n) or count_unit(n) or _bracket_measure(n))
    ]
    return any(c is not None and c > 1 for c in counts)


def _bracket_measure(name: str) -> str:
    """The measure word of one character a column names in brackets (领用量（盒） → 盒); '' for an
    amount's unit (元, 万元) or none."""
    unit = column_unit(name)
    return unit if len(unit) == 1 and unit != "元" and _CJK.match(unit) else ""


def _long_measure(name: str) -> str:
    """A measure of two or three Chinese characters a column names in brackets (服务时长（小时） → 小时,
    里程（公里） → 公里); '' for money (万元), a single character (`_bracket_measure`) or none."""
    unit = column_unit(name)
    return unit if 2 <= len(unit) <= 3 and _ALL_CJK.match(unit) and not unit.endswith("元") else ""


def agent_stated(question: str, kind: str, fields: Fields) -> bool:
    """Whether a cell says who does the act asked after 谁 (谁来修 of a 备注 that writes 由物业公司负责维修):
    由, a doer of two characters or more, then the act, within one clause. Asked a person or a body,
    such a cell answers though no column is named for one."""
    acts = acts_after_who(question) if kind in ("person", "body") else []
    for _, value in fields if acts else ():
        for m in _AGENT.finditer(value):
            if any(act in m.group(1)[2:] for act in acts):
                return True
    return False


# 由物业公司负责维修: 由 and the rest of its clause, the doer first.
_AGENT = re.compile(r"由([\u4e00-\u9fff]{3,16})")


def asking_phrases(question: str, fields: Fields) -> list[str]:
    """The phrases of ``question`` that ask for a kind the row holds (什么工程 of a row with 项目名称), and
    the words of the question they stand in (由谁来 of 由谁来保障): their words say what is asked, not
    which row, so they need not stand in the row."""
    import jieba

    held = [k for k in column_kinds() if holds_kind(k.kind, fields) or agent_stated(question, k.kind, fields)]
    phrases = [a for k in held for a in k.asks if a in question]
    cut = jieba.lcut(question)
    words = [w for w in cut if len(w) > 1 and any(a in w for a in phrases) and w not in phrases]
    if "谁" in phrases:
        words += acts_after_who(question)
    if any(k.kind in ("body", "person") for k in held if any(a in question for a in k.asks)):
        # 归哪个部门管, 哪个单位负责: asked which body, a verb of being in charge (`assistant.lexicon.charge_verbs`)
        # says what the body asked does, which a column of bodies answers as 谁管 does.
        words += [w for w in cut if w in charge_verbs() and w not in words]
    if any(k.kind == "place" for k in held):
        words += acts_at_where(question)
    return phrases + words


def _dictionary_verb(word: str) -> bool:
    """Whether jieba's dictionary lists ``word`` itself as a verb (报到), however it cuts it in a sentence
    (报 到: the characters alone are more frequent than the word)."""
    import jieba.posseg

    jieba_tagged(word, hmm=False)  # loads the dictionary
    return str(jieba.posseg.dt.word_tag_tab.get(word, "")).startswith("v")


# Words that ask where, after 在, 去 or 到 (在哪个教室上课, 去哪里报到), and a noun of place that may follow 哪个.
_WHERE = frozenset({"哪里", "哪儿", "哪", "哪个", "哪间", "哪座", "哪栋", "哪所", "什么地方", "何处"})
_TOWARD = frozenset("在去到")


def acts_at_where(question: str) -> list[str]:
    """The verb right after a question's asking where (在哪个教室上课 → 上课, 去哪里报到 → 报到), past a
    noun of place after the asking word (教室): the act done at the place asked, which a column of places
    answers as 哪里 alone does."""
    tagged = jieba_tagged(question, hmm=False)
    out = []
    for k in range(1, len(tagged)):
        if tagged[k][0] not in _WHERE or tagged[k - 1][0][-1:] not in _TOWARD:
            continue
        after = tagged[k + 1 : k + 4]
        if len(after) > 1 and len(after[0][0]) >= 2 and after[0][1].startswith(("n", "s")):
            after = after[1:]  # 教室 of 哪个教室上课
        words = [w for w, _ in after[:2]]
        # A verb the dictionary cuts in two in its context (报 到 of 去哪里报到) is joined back.
        joined = "".join(words) if len(words) == 2 and all(len(w) == 1 for w in words) else ""
        if joined and _dictionary_verb(joined):
            out.append(joined)
        elif after and after[0][1].startswith("v") and len(after[0][0]) >= 2:
            out.append(after[0][0])
    return out


def acts_after_who(question: str) -> list[str]:
    """The verb of one character right after 谁 (谁管, 由谁来开, 谁去教): the act a person is asked for, which
    a column of people answers as 谁 alone does; the dictionary may tag it a noun out of context (管)."""
    tags, at = {}, 0
    for word, flag in jieba_tagged(question, hmm=False):
        tags[at] = (word, flag)
        at += len(word)
    out = []
    for m in _WHO_ACT.finditer(question):
        word, flag = tags.get(m.start(1), ("", ""))
        if word == m.group(1) and flag.startswith("v") and word not in _FUNCTION_CHARS:
            out.append(word)
    return out


_WHO_ACT = re.compile(r"谁[来去]?([\u4e00-\u9fff])")


def asks_which(term: str) -> bool:
    """Whether a word of a question opens with an asking word (哪门, 几位, 什么样): it asks which one, and
    names nothing a row must hold."""
    return bool(_WHICH.match(term))


# 哪门, 几位, 多少人, 什么样; not 几何 (a subject) nor a name after 何 or 谁.
_WHICH = re.compile(r"哪|什么|多少|几(?!何)")


def subject_share(question: str, fields: Fields) -> float:
    """How much of a row's subject the question names: the share of the Chinese characters of its
    best-named cell (not an ordinal column) that the question holds. 特教学校 names 东湖区特殊教育学校
    by 4 of its 9 characters."""
    asked = set(_CJK.findall(question))
    best = 0.0
    for name, value in fields:
        chars = _CJK.findall(value)
        if name in ORDINAL_COLUMNS or len(chars) < 2:
            continue
        best = max(best, sum(ch in asked for ch in chars) / len(chars))
    return best


def short_forms(terms: Sequence[str], fields: Fields) -> list[str]:
    """The ``terms`` that a cell of the row holds as a short form: every character of the term (two or
    more) stands in one cell of three or more, in any order (特教 in 特殊教育学校, 保安 in 安保服务), or a
    person named by surname and title whose full name the row holds (王老师 of 王丽华: `addressed_person`).
    Office Chinese shortens a name by keeping one character of each of its words."""
    cells = [value for name, value in fields if name not in ORDINAL_COLUMNS and len(_CJK.findall(value)) >= 3]
    spellings = class_spellings(fields)
    out = []
    for term in terms:
        chars = _CJK.findall(term)
        spread = len(chars) >= 2 and len(chars) == len(term) and any(all(ch in cell for ch in chars) for cell in cells)
        if spread or addressed_person(term, fields) or (len(term) >= 2 and any(term in s for s in spellings)):
            out.append(term)
    return out


def column_spread(terms: Sequence[str], fields: Fields) -> list[str]:
    """The two-character ``terms`` whose characters both stand in one column's name of the row, in any
    order: a word the segmenter cut across two of the question's words (人参 of 有多少人参训, beside a
    参训人数 column) or a column's name said in another order (人数 of 参训人数); they name the column."""
    names = [name for name, _ in fields if name not in ORDINAL_COLUMNS]
    return [t for t in terms if len(t) == 2 and _ALL_CJK.match(t) and any(t[0] in n and t[1] in n for n in names)]


def class_spellings(fields: Fields) -> list[str]:
    """The ways of writing each school class a row's cells name (八（1）班 → 八年级1班, 八年级一班, 八（1）班),
    so that a question naming the class in another of them (八年级一班的张晓明) names the row's."""
    numerals = "〇一二三四五六七八九"
    out = []
    for _, value in fields:
        for grade, number in sorted(classes_named(value)):
            g = numerals[grade] if grade < 10 else str(grade)
            n = numerals[number] if number < 10 else ("十" if number == 10 else f"十{numerals[number - 10]}")
            out += [f"{g}年级{number}班", f"{g}年级{n}班", f"{g}（{number}）班"]
    return out


# Characters that stand before a unit's kind (小学, 中学) without naming it: 哪个小学, 这所学校, 各中学.
_NOT_NAMING = frozenset("哪什么的个所家这那该各本每几其某是在和与及或到去从")


def _named_cells(fields: Fields) -> list[str]:
    """The cells of a row that name a thing by a proper name ending in its kind: those of a column of
    bodies (工作单位, 学校名称: 城北小学), and the row's subject cell (`subject_cell`) when it is all Chinese
    (人民公园 of 公园名称)."""
    subject = subject_cell(fields)
    cells = [value for name, value in fields if "body" in kinds_of_column(name)]
    if _ALL_CJK.match(subject.strip()) and subject not in cells:
        cells.append(subject)
    return cells


def unit_unheld(question: str, fields: Fields) -> str:
    """The name of a unit ``question`` speaks of (石桥镇小学) that ends like the row's unit (城北小学, in a
    column of bodies: 工作单位, 学校名称) but is another one: the two characters before the shared ending
    do not all stand in the row's cell (桥镇 of 城北小学). The row's subject cell counts as such a unit
    when the ending it shares is a noun (儿童公园 is not the row of 人民公园; 班主任培训 ends in an act, and
    acts are told apart by the judge's other rules). '' when the question names no such unit, names the
    row's own (特教学校 of 特殊教育学校, 二中 of 第二中学) or only asks which one (哪个小学)."""
    bodies = {value for name, value in fields if "body" in kinds_of_column(name)}
    for value in _named_cells(fields):
        if len(value) < 4 or value in question:
            continue
        for size in range(min(len(value) - 1, 4), 1, -1):
            ending = value[-size:]
            if value not in bodies and not _noun(ending):
                continue
            at = question.find(ending)
            if at < 2:
                continue
            before = question[at - 2 : at]
            if not all(_CJK.match(ch) and ch not in _NOT_NAMING for ch in before):
                break
            if not all(ch in value for ch in before):
                return before + ending
            break
    return ""


def unit_unlisted(question: str, tables: Sequence[Sequence[Fields]]) -> str:
    """The unit ``question`` speaks of (石桥镇小学) when no row of the ``tables`` lists it: some row's unit
    ends like it (`unit_unheld`), and every row whose unit ends so is another unit. '' when a row lists
    it or it names none."""
    rows = [r for t in tables for r in t if not is_total(r)]
    named = next((u for r in rows if (u := unit_unheld(question, r))), "")
    if not named:
        return ""
    ending = named[2:]
    sharing = [r for r in rows if any(v.endswith(ending) for v in _named_cells(r))]
    return named if all(unit_unheld(question, r) for r in sharing) else ""


# How one speaks of a person by surname and title (王老师, 李校长, 张主任): the row of a person so named holds it.
_ADDRESS = re.compile(r"^([\u4e00-\u9fff]{1,2}?)(老师|校长|园长|院长|主任|书记|局长|科长|组长|同志|师傅)$")


def addressed_person(term: str, fields: Fields) -> bool:
    """Whether ``term`` speaks of a person by surname and title (王老师) and a cell of a column of people
    in the row (姓名, 主讲人) holds a name of two to four characters that starts with that surname."""
    m = _ADDRESS.match(term)
    if m is None:
        return False
    surname = m.group(1)
    return any(
        item.startswith(surname) and 2 <= len(item) <= 4 and _ALL_CJK.match(item) is not None
        for name, value in fields
        if "person" in kinds_of_column(name) and "body" not in kinds_of_column(name)
        for item in _items(value)
    )


def is_total(fields: Fields) -> bool:
    """A totals row (合计, 总计, 小计, or a group's 城区学校小计): not one of the things the table lists."""
    return any(value.strip() in TOTAL_WORDS or _GROUP_TOTAL.fullmatch(value.strip()) for _, value in fields)


# A totals row's label that names its group before the total word (城区学校小计, 中心卫生院合计): a short run
# of Chinese characters ending in it, as a merged label cell of a subtotal row reads.
_GROUP_TOTAL = re.compile(rf"[\u4e00-\u9fff]{{1,10}}(?:{'|'.join(TOTAL_WORDS)})")


def count_measure(question: str) -> str:
    """The measure word a counting question counts in (几项 → 项, 几个人 → 人: people are counted in 人);
    '' when it does not count."""
    m = _COUNT.search(question)
    if m is None:
        return ""
    return "人" if m.group(1) == "个" and question[m.end() : m.end() + 1] == "人" else m.group(1)


def count_word(question: str) -> str:
    """The measure word as a counting question says it (几个人 → 个): 几个 asks how many rows, even of
    people, where 多少人 may ask a figure a column keeps (计划人数); '' when it does not count."""
    m = _COUNT.search(question)
    return m.group(1) if m else ""


def distinct_count(question: str, rows: Sequence[Fields], measure: str) -> tuple[str, int]:
    """What a count of a whole table counts, and how many: the distinct values of one column over its
    listed rows. For days (几天) it is the table's column of dates; else the one the question's words
    name (几个科室 → 科室); else the column that names the rows (the first after any 序号). A schedule of
    a morning and an afternoon on each of three days lists six rows but three days."""
    listed = [r for r in rows if not is_total(r)]
    columns = list(dict.fromkeys(n for r in listed for n, _ in r if n not in ORDINAL_COLUMNS))
    if not columns:
        return "", len(listed)
    grams = cjk_pairs(question)
    # A column of figures (补助金额（元）) counts no things: its distinct amounts are not what is counted.
    named = [n for n in columns if grams & cjk_pairs(n) and not kinds_of_column(n) & {"amount", "quantity"} and not column_unit(n)]
    dated = [n for n in columns if "date" in kinds_of_column(n)] if measure in ("天", "日") else []
    column = (dated or named or columns)[0]
    return column, len({next((v for n, v in r if n == column), "") for r in listed})


@dataclass(frozen=True)
class RowCount:
    """The rows of one table whose ``column`` holds ``value``, as indexes into the rows given; with
    ``filled``, the rows whose ``column`` is not left empty (``value`` is '')."""

    column: str
    value: str
    rows: tuple[int, ...]
    filled: bool = False
    exact: bool = True  # the value stands in the cells as the question writes it
    empty: bool = False  # with ``filled``: the rows whose ``column`` is left empty instead (没有法定时限的)
    bound: str = ""  # a figure counted by a bound (超过, 以下: `figure_bound`), not by the value itself


def count_rows(question: str, rows: Sequence[Fields], min_chars: int = 3, title: str = "") -> RowCount | None:
    """The rows a counting question counts: those whose cell in one column holds the value it names.

    The value is the longest piece of the question that names a cell or one item of a cell
    (区市场监管局 of 区市场监管局、各学校): the whole of it, or ``min_chars`` characters or more making up
    its start or most of it (白沙镇 of 白沙镇中学, 资助中心 of 学生资助中心, not 中小学 of 各中小学校). The
    column is, of those holding it (the column that names the rows only when it holds it in two rows
    or more), the one whose name shares
    most character pairs with the question (…牵头的任务 counts by 牵头单位 even when the value also
    stands among the 责任单位), then the one where it is most often the whole cell. Totals rows are
    never counted.

    A year (2024年, or 去年 of a table whose ``title`` is of 2025年) counts the rows whose date falls in it
    (`_count_by_year`).

    Returns:
        None when the question names no cell value that counts.
    """
    listed = [i for i, r in enumerate(rows) if not is_total(r)]
    values = [(name, value) for i in listed for name, value in rows[i] if name not in ORDINAL_COLUMNS]
    names = {name for name, _ in values}
    by_number = (
        _count_by_class(question, rows, listed)
        or _count_by_number(question, rows, listed)
        or _count_by_month(question, rows, listed)
        or _count_by_year(question, rows, listed, title)
    )
    if by_number is not None:
        return by_number
    # 联系人一栏没有填的服务站有几个: the rows that leave the column it names empty are counted, whatever
    # value the question also names of them all.
    blank = _count_filled(question, rows, listed)
    if blank is not None and blank.empty:
        return blank
    needle = ""
    for a in range(len(question)):
        for b in range(len(question), a + max(len(needle), 1), -1):
            piece = question[a:b]
            if not _CJK.match(piece) or any(piece in n for n in names):
                continue
            if any(_names_cell(piece, v, min_chars) for _, v in values):
                needle = piece
                break
    # 按季度收 says the rate's period as 每季度 does (每人每季度).
    for m in () if needle else _BY_PERIOD.finditer(question):
        for k in range(len(m.group(1)), 0, -1):
            rate = "每" + m.group(1)[:k]
            if any(per_period(rate, item) for _, v in values for item in _items(v)):
                needle = rate
                break
        if needle:
            break
    # Failing that, a word of a column the question names (备注里写着有校车的 → 校车), held as a word.
    by_word = not needle
    needle = needle or _word_in_named_column(question, values)

    def match(piece: str, value: str) -> bool:
        return _in_words(piece, value) if by_word else _names_cell(piece, value, min_chars)

    if not needle:
        return _count_by_weekday(question, rows, listed) or _count_filled(question, rows, listed)
    grams = _bigrams(question)
    columns = {name for name, value in values if match(needle, value)}
    # The first column after any 序号 names the rows themselves: a value of it standing in one row
    # counts nothing (校舍维修改造 is one row, not a count); a part of several names does (白沙镇).
    subject = next((n for i in listed for n, _ in rows[i] if n not in ORDINAL_COLUMNS), "")
    if sum(1 for n, v in values if n == subject and match(needle, v)) < 2:
        columns.discard(subject)
    if not columns:
        return None

    def rank(name: str) -> tuple[int, int]:
        whole = sum(1 for n, v in values if n == name and v == needle)
        return len(grams & _bigrams(name)), whole

    column = max(sorted(columns), key=rank)
    hit = tuple(i for i in listed if any(n == column and match(needle, v) for n, v in rows[i]))
    # A value said in full (调试好后才可用) is reported as the table writes it (调试后可用).
    written = [item for i in hit for n, v in rows[i] if n == column for item in _items(v) if spelled_out(needle, item)]
    if written and not any(needle in v for i in hit for n, v in rows[i] if n == column):
        needle = written[0]
    # A cell the question writes as the table does (学期 of 生·学期) is a surer match than one read from
    # the question's own wording (每季度 of 每人每季度, 海带骨头汤 of 海带骨汤).
    exact = by_word or any(_names_cell(needle, v, min_chars, loose=False) for i in hit for n, v in rows[i] if n == column)
    return RowCount(column, needle, hit, exact=exact)


# A school class as offices write it: 八（3）班, 八年级3班, 八年级三班, 初二3班, 高一（2）班.
_CLASS_NUMBER = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_CLASS = re.compile(
    rf"(?:(?P<stage>初|高)(?P<low>[一二三])|(?P<grade>[一二三四五六七八九]|[1-9])\s*(?:年级)?)\s*"
    rf"(?:[（(]\s*(?P<bracketed>{_CLASS_NUMBER})\s*[）)]|(?P<plain>{_CLASS_NUMBER}))\s*班"
)


def classes_named(text: str) -> frozenset[tuple[int, int]]:
    """The school classes ``text`` names, as (grade, class): 八（3）班, 八年级3班 and 八年级三班 are all
    (8, 3); 初二3班 is (8, 3) and 高一（2）班 (10, 2). A class number written without brackets after a
    grade needs 年级 or a stage (八3班 is no way to write one)."""
    out = set()
    for m in _CLASS.finditer(text):
        if m.group("plain") and not (m.group("stage") or "年级" in m.group(0)):
            continue
        if m.group("stage"):
            grade = _numeral(m.group("low")) + (6 if m.group("stage") == "初" else 9)
        else:
            grade = _numeral(m.group("grade"))
        number = _numeral(m.group("bracketed") or m.group("plain"))
        if grade and number:
            out.add((grade, number))
    return frozenset(out)


def class_unheld(question: str, fields: Fields, own: str = "") -> bool:
    """Whether ``question`` names a school class (四年级（5）班) that neither the row's cells nor its table's
    ``own`` names (its document's title and section) name, while they do name another class: a timetable of
    四年级（2）班 says nothing of 四年级（5）班."""
    asked = classes_named(question)
    if not asked:
        return False
    held = classes_named(" ".join([own, *(value for _, value in fields)]))
    return bool(held) and not asked & held


def _count_by_class(question: str, rows: Sequence[Fields], listed: Sequence[int]) -> RowCount | None:
    """The rows whose cell names the one school class ``question`` names, in whatever form each writes
    it (八年级三班 of 八（3）班 and 八年级3班: `classes_named`); None when it names no class or no
    column holds one."""
    asked = classes_named(question)
    if len(asked) != 1:
        return None
    names = list(dict.fromkeys(n for i in listed for n, v in rows[i] if n not in ORDINAL_COLUMNS and classes_named(v)))
    for column in names:
        hit = tuple(i for i in listed if any(n == column and classes_named(v) & asked for n, v in rows[i]))
        if hit:
            m = _CLASS.search(question)
            return RowCount(column, m.group(0) if m else "", hit)
    return None


# 6个班, 10分, 200万元: a number with the measure a column of counts is kept in (`column_unit`).
_NUMBER_MEASURED = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(个?)([千万亿]元|[\u4e00-\u9fff])")

# A bound a question sets on a figure, by the words before it (超过80分) or after it (80分以上), as statute
# reads them (《民法典》第一千二百五十九条: 以上、以下、以内 include the number itself; 不满、超过 do not).
# Longer words first: 不超过 is no 超过.
_BOUND_BEFORE = (
    ("不超过", "<="), ("不高于", "<="), ("不多于", "<="), ("不大于", "<="), ("至多", "<="),
    ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少", ">="),
    ("超过", ">"), ("超出", ">"), ("高于", ">"), ("大于", ">"), ("多于", ">"),
    ("未达到", "<"), ("没达到", "<"), ("低于", "<"), ("少于", "<"), ("小于", "<"), ("不足", "<"), ("不满", "<"),
    ("不到", "<"), ("未满", "<"),
)
_BOUND_AFTER = (("及以上", ">="), ("或以上", ">="), ("以上", ">="), ("及以下", "<="), ("或以下", "<="), ("以下", "<="), ("以内", "<="))
_BOUND_TEST: dict[str, Callable[[float, float], bool]] = {
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


def figure_bound(question: str, start: int, end: int) -> tuple[str, str]:
    """The bound ``question`` sets on the figure it writes at ``start``:``end`` (超过80分 → 超过, >; 10节以上
    → 以上, >=), as (the words, the comparison); ('', '') when it names the figure itself (正好14节)."""
    before = question[max(0, start - 4) : start].rstrip("了在为是")
    for word, op in _BOUND_BEFORE:
        if before.endswith(word):
            return word, op
    after = question[end : end + 3]
    for word, op in _BOUND_AFTER:
        if after.startswith(word):
            return word, op
    return "", ""


def _count_by_number(question: str, rows: Sequence[Fields], listed: Sequence[int]) -> RowCount | None:
    """The rows whose cell in a column of counts holds the number ``question`` names with that column's
    measure (计划招4个班的有几所学校 → 计划班数 4; 分值定为10分的 → 分值 10), or, failing one, in a column
    the question names by its own name (量化积分拿到86.5分的 → 量化积分 86.5: the name says which
    figure the number is). A number under a bound (超过80分, 10节以上: `figure_bound`) counts the rows whose
    figure passes it, in the first such column that holds figures. None when it names none."""
    names = list(dict.fromkeys(n for i in listed for n, _ in rows[i] if n not in ORDINAL_COLUMNS))
    for m in _NUMBER_MEASURED.finditer(question):
        number, measure = float(m.group(1)), m.group(3)
        measured = [n for n in names if same_measure(column_unit(n), measure)]
        # 周课时加起来正好14节 of 授课, 早晚自习 and 合计 all kept in 课时: the column the question names best,
        # and, when it says a total (加起来, 一共), the column of the row's total (合计) before its parts.
        grams = cjk_pairs(question)
        totalled = bool(_TOTAL_ASK.search(question))
        measured.sort(
            key=lambda n: (
                -len(grams & cjk_pairs(n.rsplit(LEVEL_SEP, 1)[-1])),
                not (totalled and _UNIT_NAME.sub("", n.rsplit(LEVEL_SEP, 1)[-1]).strip() in TOTAL_WORDS),
            )
        )
        named = [n for n in names if len(_role_of(n)) >= 2 and _role_of(n) in question and n not in measured]
        word, op = figure_bound(question, m.start(1), m.end())
        for column in (*measured, *named):
            if op:
                # 超过80分的有几个: the rows whose figure passes the bound, of a column that holds figures.
                figures = [(i, number_of(v)) for i in listed for n, v in rows[i] if n == column]
                if not any(f is not None for _, f in figures):
                    continue
                hit = tuple(i for i, f in figures if f is not None and _BOUND_TEST[op](f, number))
                return RowCount(column, m.group(1), hit, bound=word)
            hit = tuple(i for i in listed if any(n == column and number_of(v) == number for n, v in rows[i]))
            if hit:
                return RowCount(column, m.group(1), hit)
    return None


# 12月, 2025年12月: a month, with its year when given; not the 12 of 12月31日 (a day).
_MONTH = re.compile(r"(?:(\d{4})\s*年\s*)?(?<!\d)(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])")


def _count_by_month(question: str, rows: Sequence[Fields], listed: Sequence[int]) -> RowCount | None:
    """The rows whose date cell falls in the month ``question`` names (12月完工的 → 完成时限 2025年12月;
    with a year, 2025年12月, that year's only), in the date column where that month stands most often;
    None when it names no month or no date column holds it."""
    asked = [(m.group(1), int(m.group(2))) for m in _MONTH.finditer(question)]
    if len(asked) != 1:
        return None
    year, month = asked[0]
    names = list(dict.fromkeys(n for i in listed for n, _ in rows[i] if "date" in kinds_of_column(n)))

    def holds(value: str) -> bool:
        return any(int(m.group(2)) == month and (year is None or m.group(1) in (None, year)) for m in _MONTH.finditer(value))

    hits = {n: tuple(i for i in listed if any(c == n and holds(v) for c, v in rows[i])) for n in names}
    column = max(names, key=lambda n: len(hits[n]), default="")
    if not column or not hits[column]:
        return None
    said = _MONTH.search(question)
    return RowCount(column, said.group(0) if said else "", hits[column])


# A year said by its number (2024年, not the 2024 of 2024年9月) or relative to the year a document is of.
_YEAR_SAID = re.compile(r"(?<!\d)(\d{4})\s*年(?!\s*\d{1,2}\s*月)(?:度)?")
_RELATIVE_YEARS = {"前年": -2, "去年": -1, "上一年": -1, "上年": -1, "今年": 0, "本年": 0, "当年": 0}
_RELATIVE_YEAR = re.compile("|".join(sorted(_RELATIVE_YEARS, key=len, reverse=True)))
# The year a date cell falls in: 2024年9月, 2024.09, 2024-09-06.
_CELL_YEAR_OF_DATE = re.compile(r"(?<!\d)(\d{4})(?=\s*(?:年|[.\-/／]\s*\d))")


def year_asked(question: str, title: str = "") -> tuple[int, str] | None:
    """The one year ``question`` names as a condition, with the words it names it by: a year by its number
    (2024年), or 前年, 去年, 今年 reckoned from the first year ``title`` names (the year the document is
    of); None for none, for several, for a relative year without a year in ``title``, and for the
    title's own year said with the title's words after it (2025年秋季 of 2025年秋季学期…名单: it names
    the document, not a condition)."""
    said = [(int(m.group(1)), m.group(0)) for m in _YEAR_SAID.finditer(question)]
    said = [(y, w) for y, w in said if not _names_title(question, w, title)]
    own = _YEAR_SAID.search(title)
    said += [
        (int(own.group(1)) + _RELATIVE_YEARS[m.group(0)], m.group(0)) for m in _RELATIVE_YEAR.finditer(question) if own
    ]
    return said[0] if len(said) == 1 else None


def _names_title(question: str, year: str, title: str) -> bool:
    """Whether ``year`` stands in ``question`` followed by the same two characters as in ``title``."""
    at = question.find(year)
    after = "".join(_CJK.findall(question[at + len(year) : at + len(year) + 4]))[:2]
    return len(after) == 2 and f"{year}{after}" in title.replace(" ", "")


def count_by_year(question: str, rows: Sequence[Fields], title: str = "") -> RowCount | None:
    """`_count_by_year` over every row but the totals rows."""
    return _count_by_year(question, rows, [i for i, r in enumerate(rows) if not is_total(r)], title)


def _count_by_year(question: str, rows: Sequence[Fields], listed: Sequence[int], title: str = "") -> RowCount | None:
    """The rows whose date cell falls in the one year ``question`` names (`year_asked`: 2024年入选的, 去年评上的),
    in the date column where that year stands most often; None when it names no year or no date column holds it."""
    asked = year_asked(question, title)
    if asked is None:
        return None
    year, said = asked
    names = list(dict.fromkeys(n for i in listed for n, _ in rows[i] if "date" in kinds_of_column(n)))

    def holds(value: str) -> bool:
        return any(int(m.group(1)) == year for m in _CELL_YEAR_OF_DATE.finditer(value))

    hits = {n: tuple(i for i in listed if any(c == n and holds(v) for c, v in rows[i])) for n in names}
    column = max(names, key=lambda n: len(hits[n]), default="")
    if not column or not hits[column]:
        return None
    return RowCount(column, said if said.endswith(("年", "度")) and said[0].isdigit() else f"{year}年", hits[column])


def _count_by_weekday(question: str, rows: Sequence[Fields], listed: Sequence[int]) -> RowCount | None:
    """The rows whose cell names the one day of the week ``question`` names (周五有活动的 → 周三、周五
    16:30—17:30 and 周五16:30—17:30 alike), in the column where most rows name days of the week; None
    when it names no single day or no column names days."""
    asked = weekdays_named(question)
    if len(asked) != 1:
        return None
    names = list(dict.fromkeys(n for i in listed for n, _ in rows[i] if n not in ORDINAL_COLUMNS))
    held = {n: [i for i in listed if any(c == n and weekdays_named(v) for c, v in rows[i])] for n in names}
    column = max(names, key=lambda n: len(held[n]), default="")
    if not column or len(held[column]) < 2:
        return None
    hit = tuple(i for i in held[column] if any(c == column and asked <= weekdays_named(v) for c, v in rows[i]))
    day = _WEEKDAY.search(question)
    return RowCount(column, day.group(0) if day else "", hit) if hit else None


# What a table writes in a cell that holds nothing: a dash, a slash, 无.
_EMPTY_CELLS = frozenset({"", "—", "——", "-", "－", "/", "／", "无", "空"})


def is_empty_cell(value: str) -> bool:
    """Whether a cell says nothing (blank, —, /, 无)."""
    return value.strip() in _EMPTY_CELLS


def _count_filled(question: str, rows: Sequence[Fields], listed: Sequence[int]) -> RowCount | None:
    """The rows whose cell in a column ``question`` names (by its name, or by an everyday word for it:
    初三 for 九年级) is filled, when some rows leave that column empty (— where a grade has no exam):
    九年级一共要考几场 counts the slots that give 九年级 an exam. None when it names no such column."""
    said = {question, *(official for word, words in synonyms().items() if word in question for official in words)}
    columns = list(dict.fromkeys(n for i in listed for n, _ in rows[i] if n not in ORDINAL_COLUMNS))
    for column in columns:
        role = _role_of(column)
        if len(role) < 2 or not any(role in text for text in said):
            continue
        cells = {i: next((v for n, v in rows[i] if n == column), "") for i in listed}
        empty = any(_says_empty(text, role) for text in said)
        hit = tuple(i for i in listed if is_empty_cell(cells[i]) == empty)
        if hit and len(hit) < len(listed):
            return RowCount(column, "", hit, filled=True, empty=empty)
    return None


# A column said to be left empty: 没有法定时限, 未规定法定时限, 法定时限是空的, 法定时限没填, 联系人还没填.
_EMPTY_BEFORE = re.compile(
    r"(?:没有|没|未|无|不)(?:规定|设|设定|写|写明|填|填写|注明|明确|标注|安排|确定|落实|报|上报|报送|提供)?(?:的)?$"
)
_EMPTY_AFTER = re.compile(
    r"^(?:一栏|一项|这一栏|栏)?(?:还|仍|尚|都)?(?:是|为)?(?:空的|空着|空白|为空|空|没填|未填|没写|未写|没有填|没有写|没有|没定|未定)"
)
_WHICH_ROWS = re.compile(r"哪[些几个一位家所项条]|(?<!为)什么")


def blank_rows(question: str, rows: Sequence[Fields]) -> RowCount | None:
    """The rows a question asks which of by a column they leave empty (哪些服务站还没有联系人？, 联系人没填的是哪几个？),
    or, naming no column (哪几个还没填？), by the one column some rows leave blank: the listed rows whose cell
    there is blank (—, 无), when some rows fill it. None when the question asks
    which of no rows, names a row by its subject (东园社区服务站怎么没有联系人), or says of no column it names
    that it is left empty."""
    if not _WHICH_ROWS.search(question) or subjects_named(question, rows):
        return None
    listed = [i for i, r in enumerate(rows) if not is_total(r)]
    found = _count_filled(question, rows, listed)
    if found is not None:
        return found if found.empty else None
    if not _LEFT_UNFILLED.search(question):
        return None
    # 哪几项还没填 names no column: the one column that some rows leave blank and others fill is meant.
    columns = list(dict.fromkeys(n for i in listed for n, _ in rows[i] if n not in ORDINAL_COLUMNS))
    blanks = {
        n: hit
        for n in columns
        if 0 < len(hit := tuple(i for i in listed if is_empty_cell(dict(rows[i]).get(n, "")))) < len(listed)
    }
    if len(blanks) != 1:
        return None
    ((column, hit),) = blanks.items()
    return RowCount(column, "", hit, filled=True, empty=True)


# Said of a row with no column named: 还没填, 没有填写, 未填报, 空着.
_LEFT_UNFILLED = re.compile(r"(?:没有?|未|尚未)(?:填|写|报)|空着|空白")


def _says_empty(question: str, role: str) -> bool:
    """Whether ``question`` asks of the rows that leave the column ``role`` names empty (没有法定时限的,
    法定时限是空的) rather than of those that fill it."""
    return any(
        _EMPTY_BEFORE.search(question[: m.start()]) or _EMPTY_AFTER.match(question[m.end() :])
        for m in re.finditer(re.escape(role), question)
    )


def _word_in_named_column(question: str, values: Sequence[tuple[str, str]]) -> str:
    """A word of two characters or more that ``question`` shares with the cells of a column it names
    (备注里写着有校车的 → 校车 of 提供校车 in 备注): a short word counts when the question says which
    column to look in. The longest such word; '' when the question names no column or none of its words."""
    import jieba

    named = {n for n, _ in values if len(_role_of(n)) >= 2 and _role_of(n) in question}
    best = ""
    for name, value in values:
        if name not in named:
            continue
        for word in jieba.lcut(value):
            if len(word) < 2 or len(word) <= len(best) or not _ALL_CJK.match(word) or word not in question:
                continue
            if not any(word in n for n, _ in values):  # 学校 of 学校名称 names what is counted
                best = word
    return best


def _in_words(piece: str, value: str) -> bool:
    """Whether ``piece`` is one of the dictionary words of a cell (寄宿 of 提供寄宿)."""
    import jieba

    return piece in jieba.lcut(value)


# A part in brackets is an item of its own: 星期三 of 11月5日（星期三）.
_ITEM_SEP = re.compile(r"[、，,；;/／·\s（）()]+")
_MOST_OF_CELL = 0.65  # a piece of a question names a cell item when it holds this share of its characters


def _items(value: str) -> list[str]:
    """A cell's items: 区教育局、各学校 → 区教育局, 各学校; 11月5日（星期三） → 11月5日, 星期三."""
    return [item for item in _ITEM_SEP.split(value) if item]


# The last character of a body's name that a lower body's name may follow: 区教育局 of 区教育局基建科,
# 白沙镇 of 白沙镇中学, 青溪区 of 青溪区第二中学.
_BODY_END = re.compile(r"[局委厅部办院府区县市镇乡村校处科室所站馆团会]$|中心$|街道$")


def lower_body(piece: str, item: str) -> bool:
    """Whether ``piece`` is the name of the lower body that ``item`` names after its higher one:
    基建科 of 区教育局基建科, 第二中学 of 青溪区第二中学. Offices name a unit by its own name and leave
    out the body above it, so the name is the end of the cell and what goes before it names a body."""
    return len(piece) < len(item) and item.endswith(piece) and bool(_BODY_END.search(item[: -len(piece)]))


def spelled_out(piece: str, item: str) -> bool:
    """Whether ``piece`` is ``item`` said with a word or two more inside it, as people say a short
    name in full (海带骨头汤 of 海带骨汤, 调试好后才可用 of 调试后可用): same first and last character,
    the item's characters in order, the item three characters or more, one character more of a short
    item and two of one of four or more."""
    extra = len(piece) - len(item)
    if len(item) < 3 or not 1 <= extra <= (1 if len(item) == 3 else 2) or piece[0] != item[0] or piece[-1] != item[-1]:
        return False
    rest = iter(piece)
    if not all(ch in rest for ch in item):
        return False
    # A numeral more tells things apart (星期三一 is no 星期一 said in full, 三班 no 班): only words are put in.
    inserted = list(piece)
    for ch in item:
        inserted.remove(ch)
    return not any(ch.isdigit() or ch in _NUMERAL or ch == "两" for ch in inserted)


_BY_PERIOD = re.compile(r"按([\u4e00-\u9fff]{1,3})")


def per_period(piece: str, item: str) -> bool:
    """Whether ``piece`` says the last "per" of a rate (每季度 of 每人每季度, 每年 of 每户每年): a fee is
    charged per person and per period, and people name the rate by its period alone."""
    return piece.startswith("每") and len(piece) >= 2 and len(item) > len(piece) and item.endswith(piece) and "每" in item[: -len(piece)]


def _names_cell(piece: str, value: str, min_chars: int, loose: bool = True) -> bool:
    """Whether ``piece`` names a cell: all of it or of one of its items, or the start (白沙镇 of
    白沙镇中学), most of an item, or the lower body an item names after its higher one (基建科 of
    区教育局基建科, `lower_body`)."""
    if piece == value:
        return True
    return any(
        piece == item
        or (loose and (spelled_out(piece, item) or per_period(piece, item)))
        or (
            len(piece) >= min_chars
            and (
                item.startswith(piece)
                or piece in item
                and len(piece) >= _MOST_OF_CELL * len(item)
                or lower_body(piece, item)
            )
        )
        for item in _items(value)
    )


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


# -- rows named by their place in the table, by a day, or by a whole short cell ------------------

_DAY = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
_NUMERAL = "〇一二三四五六七八九十"
# 第3项, 第一行, 第二天; not 第X条 or 第X款 (a law's articles) nor a 项 under them (第二款第一项).
_POSITION = re.compile(r"(?<![条款])第([一二三四五六七八九十\d]{1,3})(?:行|项|个|天|位|栏)")
_LAST = re.compile(r"最后(?:一)?(?:行|项|个|天|位|栏)|最末(?:一)?(?:行|项|个|天)|倒数第一(?:行|项|个|天)")
_FIRST = re.compile(r"首(?:日|行|项)|头一(?:天|行|项)")
# Words that point at a row already named (当天 after 中秋节): they name no subject of their own.
POINTERS = ("当天", "当日", "那天", "那一天", "这天", "这一天", "那项", "这项", "那一项", "这一项")
# 哪两位同事, 哪位领导, 哪个部门: the noun after the asking measure word is the thing asked for.
_ASKED_NOUN = re.compile(r"哪[一两几三]?[位个名家所][\u4e00-\u9fff]{2}")
_TOTAL_ASK = re.compile(r"合计|总计|共计|总共|一共|加起来|加在一起|相加|总额|总金额|总数")
_NUMBER = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")
_NAMED_SHARE = 0.6  # a question holding this share of a row's subject cell names that row


def days_named(text: str) -> frozenset[tuple[int, int]]:
    """The days ``text`` names as (month, day): 10月3号 → (10, 3)."""
    return frozenset((int(m), int(d)) for m, d in _DAY.findall(text))


# 22号, 15日 with no month before it: a day of the month the table's dates run in.
_MONTH_DAY = re.compile(r"(?<![\d月./／第-])(\d{1,2})\s*[日号](?![楼线门院文令]|[\u4e00-\u9fff]?[内前后起])")


def month_days_named(text: str) -> frozenset[int]:
    """The days of the month ``text`` names without their month (22号那天 → 22); a day with its month
    (10月22号) is `days_named`'s, and 15日内 counts days, it names none."""
    return frozenset(int(d) for d in _MONTH_DAY.findall(text) if 1 <= int(d) <= 31)


def _day_words(question: str, fields: Fields) -> list[str]:
    """The words of ``question`` that name a day the row holds: 10月3号, or 22号 alone."""
    held = row_days(fields)
    words = [m.group(0) for m in _DAY.finditer(question) if days_named(m.group(0)) & held]
    return words + [m.group(0) for m in _MONTH_DAY.finditer(question) if int(m.group(1)) in {d for _, d in held}]


def _numeral(text: str) -> int:
    return numerals.parse(text) or 0


def position_named(question: str) -> tuple[int, str] | None:
    """The place in a table a question names a row by, and the words that name it: (0-based index,
    words), -1 for the last row (第3项 → 2; 最后一天 → -1); None when it names none."""
    m = _LAST.search(question)
    if m:
        return -1, m.group(0)
    m = _FIRST.search(question)
    if m:
        return 0, m.group(0)
    m = _POSITION.search(question)
    if m:
        n = _numeral(m.group(1))
        return (n - 1, m.group(0)) if n >= 1 else None
    return None


def pointing_words(question: str, fields: Fields) -> list[str]:
    """The words of ``question`` that point at this row rather than say what it is about: a day its
    cells hold, a whole short cell (中秋节 in 备注), the words after an asking measure (哪两位同事),
    and words that point back (当天)."""
    words = _day_words(question, fields)
    words += [value for _, value in fields if 2 <= len(value) <= 8 and _CJK.search(value) and value in question]
    words += [m.group(0)[-2:] for m in _ASKED_NOUN.finditer(question)]
    values = " ".join(v for _, v in fields)
    words += [m.group(0) for m in _WEEKDAY.finditer(question) if weekdays_named(m.group(0)) & weekdays_named(values)]
    if weekdays_named(values):
        words += [m.group(0) for m in _WEEK.finditer(question)]  # 第八周 of a row of a weekly schedule
    words += _slot_words(question, fields)
    words += [w for w in POINTERS if w in question]
    words += [w for w in place_words(question) if _GROUP_PLACE.fullmatch(w)]  # 头一节课 of 晚上头一节课
    words += range_words(question, fields)
    return words


def row_conditions(fields: Fields) -> list[Interval]:
    """The conditions a row's label cells state (3年以上, 1至3万元: `assistant.ranges.cell_conditions`); a
    cell in prose (每学期开展演练不少于2次) states a requirement of its row, not which row it is."""
    return [
        c
        for n, v in fields
        if n not in ORDINAL_COLUMNS and len(_CJK.findall(v)) < PROSE_CELL
        for c in cell_conditions(n, v)
    ]


def range_words(question: str, fields: Fields) -> list[str]:
    """The words by which ``question`` states a value or range that a condition of this row holds (工龄8年
    of a row for 5年以上): they point at the row as a day does."""
    conditions = row_conditions(fields)
    if not conditions:
        return []
    return list(dict.fromkeys(w for i, w in stated(question) for c in conditions if c.holds(i)))


def rows_in_conditions(question: str, rows: Sequence[Fields], listed: Sequence[int]) -> tuple[int, ...]:
    """The listed rows whose conditions hold the value or range ``question`` states (`assistant.ranges.rows_in_range`),
    narrowed by a short cell the question names whole when several do."""
    held, _ = rows_in_range(question, {i: row_conditions(rows[i]) for i in listed})
    narrowed = tuple(i for i in held if _short_cell_named(question, rows[i]))
    return narrowed or held


def asked_role_unheld(question: str, fields: Fields) -> str:
    """The thing a question asks for after 哪 and a measure (哪个厂家, 哪位作家) when the row gives no
    such thing: the noun is no column's name nor a kind of column (单位, 部门, 老师 are), and either it
    is not asked as a person (哪个厂家) or the row names it in its values as what the row is about
    (哪位作家 of 作家进校园讲座: the row's 负责人 is not its 作家). A person asked by 哪两位同事 of a
    roster is any person column's. A noun whose phrase asks for a kind of column the row holds (哪个学校
    of a row with 工作单位) is given. '' when the row gives it, or the question asks no such noun."""
    columns = " ".join(name for name, _ in fields)
    values = " ".join(value for _, value in fields)
    asking = asking_phrases(question, fields)
    for m in _ASKED_NOUN.finditer(question):
        noun = m.group(0)[-2:]
        if not dictionary_count(noun) or noun in columns or kinds_of_column(noun):
            continue  # not a word (哪个科负责 → 科负), or a column or a kind of column the row may hold
        if any(noun in phrase for phrase in asking):
            continue  # 哪个学校 asks for a body, which the row's 工作单位 gives
        person = m.group(0)[-3] in "位名"
        if person and noun not in values:
            continue
        if not person and any(noun in v for v in _answer_cells(fields)):
            continue  # 哪些年级 of a row whose 对象 says 一、二年级: that cell gives the 年级
        return noun
    return ""


def _answer_cells(fields: Fields) -> list[str]:
    """The cells of a row that may answer what is asked of it: all but its number and its subject."""
    subject = subject_cell(fields)
    return [value for name, value in fields if name not in ORDINAL_COLUMNS and value != subject]


# 是什么职称, 是什么学历: the noun after 是什么 is the thing asked of the row.
PROSE_CELL = 12  # a cell of this many Chinese characters or more says things in prose, not by its column
# Only 是什么 and a noun that ends the clause (蒋红梅是什么职称？): 有什么研修活动 asks which activity.
_WHAT_NOUN = re.compile(r"是什么([\u4e00-\u9fff]{2})(?=[？?。，,；;]|$)")


def asked_attribute_unheld(question: str, fields: Fields, own: str = "") -> str:
    """The thing a question asks of a row after 什么 (是什么职称) when the row gives no such thing: the
    noun is a word, no column is named by it nor holds its kind, and no cell holds it, nor does ``own``
    (the table's title and section: 测评是什么结果 of a table titled 测评结果的公示 asks what it lists).
    什么时候, 什么工程 and 什么名字 ask for kinds a row may hold (`column_kinds`). A row with a cell of
    prose is not judged so: such a cell may state the thing without its word. '' when the row gives it
    or none is asked."""
    columns = " ".join(name for name, _ in fields)
    values = " ".join(value for _, value in fields)
    if any(len(_CJK.findall(value)) >= PROSE_CELL for name, value in fields if name not in ORDINAL_COLUMNS):
        return ""  # a cell of prose (须经区专家委员会评估) may state a 程序 without naming it
    for m in _WHAT_NOUN.finditer(question):
        noun = m.group(1)
        if not dictionary_count(noun) or asked_kinds(m.group(0)) or kinds_of_column(noun):
            continue
        if noun not in columns and noun not in values and noun not in own:
            return noun
    return ""


# The roles a person is asked by (保密员是谁, 谁是组长): a word that ends in one of these.
_ROLE_ENDS = ("员", "长", "人", "师", "主任")


def role_asked(question: str) -> str:
    """The role a question asks who holds (城东考点的监考员是谁 → 监考员; 谁是考务办公室主任 → 主任): the
    word right before 是谁, or the last word of what follows 谁是, when it ends like a role (员, 长, 人, 师,
    主任); a role the dictionary splits (保密 员) is joined back. '' when none."""
    import jieba

    words = [w for w in jieba.lcut(question) if _ALL_CJK.match(w)]
    text = "".join(words)
    spots = []
    at = text.find("是谁")
    if at > 0:
        spots.append(text[:at])
    at = text.find("谁是")
    if at >= 0:
        spots.append(text[at + 2 :])
    for spot in spots:
        tail = [w for w in jieba.lcut(spot)]
        if not tail:
            continue
        word = tail[-1]
        if len(word) == 1 and len(tail) > 1:
            word = tail[-2] + word  # 保密 员 → 保密员
        if len(word) >= 2 and word.endswith(_ROLE_ENDS) and word != "什么人":
            return word
    return ""


# 副 marks a deputy and 总 a chief: 副科长 is not the 科长, nor 总主考 the 主考, nor 主考 the 副主考.
RANKS = ("副", "总")


def deputy_mismatch(question: str, fields: Fields) -> str:
    """A rank the question names that the row's cell holds only with or without 副 or 总 (the
    question's 副科长 against the cell 科长, its 总主考 against 主考, or its 主任 against the cell 副主任);
    '' when none."""
    for _, value in fields:
        if not 2 <= len(value) <= 8 or not _CJK.search(value):
            continue
        for rank in RANKS:
            if value.startswith(rank) and len(value) > 2 and value[1:] in question and value not in question:
                return value[1:]
            if rank + value in question and not any(rank + value in v for _, v in fields):
                return rank + value
    return ""


def named_whole(question: str, value: str, rivals: Sequence[str] = ()) -> bool:
    """Whether ``question`` names a cell by the whole of it, as a word of its own: not only inside a
    longer cell among ``rivals`` that it also names (主考 inside 副主考), nor after a rank (总主考 does
    not name the cell 主考). A cell of fewer than two Chinese characters is named by no question."""
    text = value.strip()
    if len(_CJK.findall(text)) < 2:
        return False
    longer = [r.strip() for r in rivals if text in r.strip() and len(r.strip()) > len(text)]
    spans = [(m.start(), m.start() + len(r)) for r in longer for m in re.finditer(re.escape(r), question)]
    for m in re.finditer(re.escape(text), question):
        a, b = m.start(), m.end()
        if any(i <= a and b <= j for i, j in spans):
            continue
        if a > 0 and question[a - 1] in RANKS and not text.startswith(RANKS):
            continue
        return True
    return False


def abbreviations(question: str, fields: Fields) -> list[str]:
    """The words of ``question`` that name a cell of the row by a short form, its characters in the
    cell's order but not standing together there (二中 of 第二中学, 特教 of 特殊教育学校)."""
    import jieba

    cells = [v for n, v in fields if n not in ORDINAL_COLUMNS and len(_CJK.findall(v)) >= 3]
    out = []
    for word in dict.fromkeys(jieba.lcut(question)):
        short = 2 <= len(word) <= 4 and _ALL_CJK.match(word) and not any(word in v for v in cells)
        if short and any(_in_order(word, v) for v in cells):
            out.append(word)
    return out


def named_chars(question: str, fields: Fields, rivals: Sequence[str] = ()) -> tuple[int, float]:
    """How much of ``question`` a row accounts for as words: first the characters of each cell named
    whole (`named_whole`) and of each short form of one (`abbreviations`), then half the characters
    of each other word of the question that stands inside one of its cells or column names (一中 of
    县第一中学, 电话 of 联系电话), which only tells apart rows that tie on the first. Rows of several
    tables are told apart by it: 一中的副主考 is the row holding 副主考 and 第一中学, not a row holding
    副主考 alone, and 总主考 the row holding 总主考, not 主考."""
    import jieba

    cells = [v.strip() for n, v in fields if n not in ORDINAL_COLUMNS]
    whole = [v for v in cells if named_whole(question, v, rivals)]
    short = abbreviations(question, fields)
    held = [*cells, *(n for n, _ in fields)]
    parts = [
        w
        for w in dict.fromkeys(jieba.lcut(question))
        if len(w) >= 2
        and _ALL_CJK.match(w)
        and w not in short
        and not any(w in v for v in whole)
        and any(w in h for h in held)
    ]
    return sum(len(v) for v in whole) + sum(len(w) for w in short), sum(len(w) for w in parts) / 2


# 7月21日—7月23日, 7月14日至18日: a span of days, each of which the row is about.
_DAY_SPAN = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?\s*(?:—+|–|-|－|~|～|至|到)\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*[日号]")


def _span_days(value: str) -> set[tuple[int, int]]:
    """Every day of the spans a cell names (7月30日至8月2日 → 7月30日 … 8月2日), in a leap year so that
    2月29日 counts; a span running backwards names no day."""
    from datetime import date, timedelta

    out: set[tuple[int, int]] = set()
    for m in _DAY_SPAN.finditer(value):
        first_month, first_day, last_month, last_day = m.groups()
        try:
            start = date(2024, int(first_month), int(first_day))
            end = date(2024, int(last_month or first_month), int(last_day))
        except ValueError:
            continue
        while start <= end:
            out.add((start.month, start.day))
            start += timedelta(days=1)
    return out


def row_days(fields: Fields) -> frozenset[tuple[int, int]]:
    """The days a row's cells name, each day of a span (7月21日—7月23日) among them, and a day written
    with figures only (2025-10-14; 10.15 in a 日期 column: `ingest.record.figure_date`)."""
    out: set[tuple[int, int]] = set()
    for name, value in fields:
        out |= days_named(value) | _span_days(value)
        date = figure_date(name, value)
        if date is not None and date[2] is not None:
            out.add((date[1], date[2]))
    return frozenset(out)


# 星期三, 周三, 礼拜三: a day of the week (星期天 and 星期日 are one day).
# A 周 after a number counts weeks (两周一共, 三周一次): the 一 after it, with 共 or 次, is no Monday
# (初二周一 is a Monday).
_WEEKDAY = re.compile(
    r"(?:星期|礼拜|(?<![一二两三四五六七八九十\d几多])周|周(?![一二三四五六日天][共次回遍]))([一二三四五六日天])"
)
# 14:30—16:00, 8:00: times of day in a cell.
_CLOCK = re.compile(r"(\d{1,2})[:：](\d{2})(?:\s*(?:—+|–|-|－|~|～|至|到)\s*(\d{1,2})[:：](\d{2}))?")
# 九点半, 10点, 两点十分, 三点一刻: a time of day as people say it.
_SPOKEN_CLOCK = re.compile(r"([零一二两三四五六七八九十\d]{1,3})点(半|一刻|三刻|[零一二三四五六七八九十\d]{1,3}分?)?")
_AFTERNOON = ("下午", "晚上", "傍晚", "夜间", "晚间", "夜里")


def weekday_words(text: str) -> list[str]:
    """The words of ``text`` that name a day of the week (周二, 星期三), in order."""
    return [m.group(0) for m in _WEEKDAY.finditer(text)]


def weekdays_named(text: str) -> frozenset[int]:
    """The days of the week ``text`` names, 1 for 星期一 to 7 for 星期日 (周三, 礼拜三 alike)."""
    return frozenset("一二三四五六日".index(d) + 1 if d != "天" else 7 for d in _WEEKDAY.findall(text))


def _minutes(hour: int, minute: int) -> int:
    return hour * 60 + minute


def clock_spans(fields: Fields) -> list[tuple[int, int]]:
    """The times of day a row's cells give, as (start, end) minutes after midnight; a single time is a
    span of one minute."""
    out = []
    for _, value in fields:
        for m in _CLOCK.finditer(value):
            start = _minutes(int(m.group(1)), int(m.group(2)))
            end = _minutes(int(m.group(3)), int(m.group(4))) if m.group(3) else start + 1
            out.append((start, max(end, start + 1)))
    return out


def day_part_of(minute: int) -> str:
    """The part of the day a time falls in: 上午 before noon, 中午 up to one, 下午 up to six, then 晚上."""
    if minute < 12 * 60:
        return "上午"
    if minute < 13 * 60:
        return "中午"
    return "下午" if minute < 18 * 60 else "晚上"


def clock_asked(question: str) -> int | None:
    """The time of day ``question`` names (上午九点半 → 9:30, 下午两点 → 14:00), as minutes after
    midnight; None when it names none."""
    m = _SPOKEN_CLOCK.search(question) or _CLOCK.search(question)
    if m is None:
        return None
    if m.re is _CLOCK:
        return _minutes(int(m.group(1)), int(m.group(2)))
    hour_text, rest = m.group(1), m.group(2) or ""
    hour = _numeral(hour_text.replace("两", "二")) if not hour_text.isdigit() else int(hour_text)
    if rest == "半":
        minute = 30
    elif rest in ("一刻", "三刻"):
        minute = 15 if rest == "一刻" else 45
    elif rest:
        digits = rest.rstrip("分")
        minute = int(digits) if digits.isdigit() else _numeral(digits)
    else:
        minute = 0
    if hour < 12 and any(p in question[: m.start()] for p in _AFTERNOON):
        hour += 12
    return _minutes(hour, minute) if hour < 24 and minute < 60 else None


def slot_named(question: str, fields: Fields) -> bool:
    """Whether ``question`` names the time slot of a row of a schedule: a time of day inside one of its
    spans (九点半 of 9:30—10:30), or, naming none, the part of the day its spans start in (下午 of
    14:30—16:00)."""
    spans = clock_spans(fields)
    if not spans:
        return False
    asked = clock_asked(question)
    if asked is not None:
        return any(a <= asked < b for a, b in spans)
    parts = set(_DAY_PART.findall(question))
    return bool(parts) and any(day_part_of(a) in parts for a, _ in spans)


def clock_unheld(question: str, fields: Fields) -> bool:
    """Whether ``question`` names a time of day (九点半) that no time span of the row holds: a row
    that gives no such time, or another one, is not the slot asked about."""
    return clock_asked(question) is not None and not slot_named(question, fields)


def _slot_words(question: str, fields: Fields) -> list[str]:
    """The words of ``question`` that name a row's time slot (上午九点半, 下午), when they do."""
    if not slot_named(question, fields):
        return []
    words = [m.group(0) for m in _SPOKEN_CLOCK.finditer(question)]
    return words + _DAY_PART.findall(question)


# 第七周, 第2周: a week named by its number.
_WEEK = re.compile(r"第([一二三四五六七八九十\d]{1,3})周")
# 第七、八周, 第7—8周, 第七至第九周: the weeks a document names.
_WEEKS = re.compile(r"第([一二三四五六七八九十\d]{1,3})((?:\s*[、，,和及]\s*第?[一二三四五六七八九十\d]{1,3})*)\s*(?:[至到—–~～-]+\s*第?([一二三四五六七八九十\d]{1,3}))?周")


def _weeks_of(rows: Sequence[Fields], listed: Sequence[int]) -> list[list[int]]:
    """The listed rows in weeks: a new week starts where the day of the week does not come after the one
    before (星期五, then 星期一)."""
    weeks: list[list[int]] = []
    last = 8
    for i in listed:
        days = weekdays_named(" ".join(v for _, v in rows[i]))
        day = min(days) if days else last
        if not weeks or day <= last:
            weeks.append([])
        weeks[-1].append(i)
        last = day
    return weeks


def _week_numbers(names: str) -> list[int]:
    """The numbers of the weeks ``names`` (a table's title and caption) says it covers, in order
    (第七、八周 → [7, 8]; 第7—9周 → [7, 8, 9]); [] when it names none."""
    m = _WEEKS.search(names)
    if m is None:
        return []
    first = _numeral(m.group(1))
    more = [_numeral(x) for x in re.findall(r"[一二三四五六七八九十\d]{1,3}", m.group(2) or "")]
    if m.group(3):
        return list(range(first, _numeral(m.group(3)) + 1))
    return [first, *more]


def week_narrowed(question: str, rows: Sequence[Fields], picked: Sequence[int], names: str = "") -> tuple[int, ...]:
    """The ``picked`` rows (of one day of the week) that fall in the week ``question`` names by number
    (第八周星期一): the weeks the table's ``names`` say it covers (第七、八周), in order, or, naming none,
    the first, second … week it lists; ``picked`` as given when the question names no week or the table
    has no such week."""
    m = _WEEK.search(question)
    if m is None:
        return tuple(picked)
    listed = [i for i, r in enumerate(rows) if not is_total(r)]
    weeks = _weeks_of(rows, listed)
    numbers = _week_numbers(names)
    asked = _numeral(m.group(1))
    if len(numbers) == len(weeks) and asked in numbers:
        week = weeks[numbers.index(asked)]
    elif not numbers and 1 <= asked <= len(weeks):
        week = weeks[asked - 1]
    else:
        return tuple(picked)
    return tuple(i for i in picked if i in week) or tuple(picked)


def rows_pointed(question: str, rows: Sequence[Fields], names: str = "") -> tuple[tuple[int, ...], str]:
    """The rows of one table (in order) that ``question`` points at without naming their subject, and
    how: ``day`` (a day one of their cells holds: 10月3号), ``range`` (a value or range the condition of
    their cells holds: 工龄8年 of 5年以上, `rows_in_conditions`), ``place`` (第3项, 最后一天; totals rows
    have no place, and a place in days needs a table of days) or ``cell`` (a short cell named whole
    that one row alone holds, when no other row is named by its subject: 中秋节 in 备注).
    ``((), "")`` when it points at none."""
    listed = [i for i, r in enumerate(rows) if not is_total(r)]
    asked = days_named(question)
    alone = month_days_named(question) if not asked else frozenset()
    if asked or alone:
        by_day = tuple(i for i in listed if row_days(rows[i]) & asked or {d for _, d in row_days(rows[i])} & alone)
        if by_day:
            # A day of two rows (上午 and 下午) is narrowed by a short cell the question names whole.
            narrowed = tuple(i for i in by_day if slot_named(question, rows[i]) or _short_cell_named(question, rows[i]))
            return narrowed or by_day, "day"
    weekdays = weekdays_named(question)
    # A weekday that names a column (星期一 of a 课程表 whose columns are the days) says which cell of a
    # row, not which row: a cell that mentions the day (周一升旗) does not make its row the one asked.
    columns = " ".join(dict.fromkeys(n for i in listed for n, _ in rows[i]))
    if weekdays and not weekdays <= weekdays_named(columns):
        by_weekday = tuple(i for i in listed if weekdays_named(" ".join(v for _, v in rows[i])) & weekdays)
        if by_weekday:
            narrowed = tuple(i for i in by_weekday if slot_named(question, rows[i]) or _short_cell_named(question, rows[i]))
            # A time of day asked (九点半) of a table that gives none: its rows of that weekday are not the slot asked.
            timed = any(clock_spans(rows[i]) for i in listed)
            if narrowed or timed or clock_asked(question) is None:
                return week_narrowed(question, rows, narrowed or by_weekday, names), "day"
    in_group = group_place(question, rows, listed)
    if in_group is not None:
        return (in_group,), "place"
    place = position_named(question)
    if place is not None and listed and place[1].endswith(("天", "日")) and row_days(rows[listed[0]]):
        of_day = _day_place(question, rows, listed, place[0])
        if of_day is not None:
            return of_day, ("place" if of_day else "")
    if place is not None and listed and (not place[1].endswith(("天", "日")) or row_days(rows[listed[0]])):
        index = place[0]
        numbered = [i for i in listed if rows[i][0][0] in ORDINAL_COLUMNS and rows[i][0][1].strip() == str(index + 1)]
        if numbered:
            return (numbered[0],), "place"
        if index == -1 or index < len(listed):
            return (listed[index],), "place"
    by_range = rows_in_conditions(question, rows, listed)
    if by_range:
        return by_range, "range"
    by_cell = [
        i for i in listed if any(2 <= len(v) <= 8 and _CJK.search(v) and v in question for n, v in rows[i] if n not in ORDINAL_COLUMNS)
    ]
    # One row only, and no other row named by its subject: 计划财务科 in …计划财务科牵头的乡村教师补助…
    # is a condition on the row that 乡村教师补助 names, not a pointer to another row holding it.
    timed = any(clock_spans(rows[i]) for i in listed)
    if len(by_cell) == 1 and len(listed) > 1 and (timed or clock_asked(question) is None):
        (i,) = by_cell
        if not any(subject_share(question, rows[j]) >= _NAMED_SHARE for j in listed if j != i):
            return (i,), "cell"
    return (), ""


def _day_place(question: str, rows: Sequence[Fields], listed: Sequence[int], index: int) -> tuple[int, ...] | None:
    """The rows of the day a question names by its place among the table's days (第二天上午, 最后一天):
    a schedule that splits its days into parts (上午, 下午) gives a day several rows, so the second day
    is not the second row. The day's rows are narrowed by a part of the day or a short cell the question
    names; a part of the day that no row of the table holds (下午 of a table of whole weeks) points at no
    row here, ``()``. None otherwise when every day has one row (the place counts rows, as elsewhere)."""
    days: dict[tuple[int, int], list[int]] = {}
    for i in listed:
        held = row_days(rows[i])
        if held:
            days.setdefault(min(held), []).append(i)
    parts = set(_DAY_PART.findall(question))
    if parts and not any(v.strip() in parts or slot_named(question, rows[i]) for i in listed for _, v in rows[i]):
        return ()
    if all(len(group) == 1 for group in days.values()):
        return None
    ordered = list(days.values())
    if not -len(ordered) <= index < len(ordered):
        return ()
    group = ordered[index]
    narrowed = tuple(i for i in group if slot_named(question, rows[i]) or _short_cell_named(question, rows[i]))
    return narrowed or tuple(group)


# 晚上第一节, 上午头一场, 下午最末一节: a place counted within the rows that share a cell the question names.
_GROUP_PLACE = re.compile(r"(?:第([一二三四五六七八九十\d]{1,2})|头([一])|(最后|最末)一?)([节场堂项个位行])课?")


def group_place(question: str, rows: Sequence[Fields], listed: Sequence[int]) -> int | None:
    """The row a question points at by its place within a group of rows (晚上第一节: the first row
    whose 时段 is 晚上, which the table may number 第五节 since its numbering runs on through the day).
    The group is the rows that share a short cell the question names whole (下午 of a 时段 spanning
    rows), some rows of the table but not all. A row of the group whose cell is the place's words
    themselves (上午第二节 where 节次 says 第二节) is that row; 最后一节 is the group's last row. None when the question names no place or
    no such group, or the group has no row at that place."""
    m = _GROUP_PLACE.search(question)
    if m is None:
        return None
    n = -1 if m.group(3) else _numeral(m.group(1) or m.group(2))
    said = m.group(0).removesuffix("课")  # 第一节课 is the row of 第一节
    group = list(listed)
    narrowed = False
    columns = dict.fromkeys(name for i in listed for name, _ in rows[i] if name not in ORDINAL_COLUMNS)
    for column in columns:
        cells = {i: next((v.strip() for name, v in rows[i] if name == column), "") for i in group}
        named = {v for v in cells.values() if 2 <= len(v) <= 6 and _CJK.match(v) and v in question and v != said}
        if len(named) != 1:
            continue
        (value,) = named
        kept = [i for i in group if cells[i] == value]
        if 2 <= len(kept) < len(group):
            group, narrowed = kept, True
    if not narrowed or n == 0:
        return None
    if n == -1:
        # The group's last row counted by the place's measure (最后一节 of the rows whose cell says 第N节):
        # a row of another sort closing the group (课后服务, 午休) is not one of them.
        measure = m.group(4)
        counted = [i for i in group if any(v.strip().endswith(measure) for _, v in rows[i])]
        return (counted or group)[-1]
    literal = [i for i in group if any(v.strip() == said for _, v in rows[i])]
    if literal:
        return literal[0]
    return group[n - 1] if n <= len(group) else None


def place_words(question: str) -> tuple[str, ...]:
    """The words by which ``question`` names a row's place (第3项, 最后一天, 晚上第一节's 第一节)."""
    place = position_named(question)
    group = _GROUP_PLACE.search(question)
    return tuple(w for w in (place[1] if place else "", group.group(0) if group else "") if w)


def _short_cell_named(question: str, fields: Fields) -> bool:
    """Whether ``question`` names a short cell of the row whole (下午, 报告厅), a day or a weekday aside."""
    return any(
        2 <= len(v) <= 8 and _CJK.search(v) and v in question and not days_named(v) and not weekdays_named(v)
        for n, v in fields
        if n not in ORDINAL_COLUMNS
    )


def days_missing(question: str, rows: Sequence[Fields]) -> frozenset[tuple[int, int]]:
    """The days ``question`` names that a table listing days (a column of them) does not hold; empty
    when the table lists no days or holds them all."""
    asked = days_named(question)
    held = [row_days(r) for r in rows if not is_total(r)]
    if sum(1 for d in held if d) < 2:
        return frozenset()
    days = frozenset().union(*held)
    months = {m for m, _ in days}
    if not asked and len(months) == 1:
        # 27号 of a table whose days all fall in one month is a day of that month.
        (month,) = months
        asked = frozenset((month, d) for d in month_days_named(question))
    return asked - days


_HOW_MUCH = re.compile(r"多少|几")


# The parts of a day a schedule splits it into.
_DAY_PART = re.compile(r"上午|下午|中午|晚上|早上|傍晚|夜间|晚间|凌晨|白天|夜里")


def day_part_missing(question: str, rows: Sequence[Fields]) -> str:
    """A part of a day the question names (7月10日晚上) that the table's rows for that day do not hold,
    though they hold other parts of it (上午, 下午), as ``7月10日晚上``; '' when there is none."""
    asked = days_named(question)
    parts = set(_DAY_PART.findall(question))
    if not asked or not parts:
        return ""
    held = {p for r in rows if not is_total(r) and row_days(r) & asked for _, v in r for p in _DAY_PART.findall(v)}
    missing = sorted(parts - held)
    if not held or not missing:
        return ""
    month, day = min(asked)
    return f"{month}月{day}日{missing[0]}"


def asks_total(question: str, rows: Sequence[Fields] = ()) -> bool:
    """Whether ``question`` asks for a whole table's total (…总共要花多少？, 计划数量一共多少件？), not a
    count of rows (…一共有几项？); a count in the measure a column of ``rows`` is kept in (各校合计一共要开多少个班
    of a column 计划班数) is that column's total (`measured_totals`), and so is a question whose count
    only names the rows it adds up (这几个社团一共招多少学生: `total_after_count`)."""
    if not (_TOTAL_ASK.search(question) and _HOW_MUCH.search(question)):
        return False
    return not count_measure(question) or total_after_count(question) or bool(measured_totals(question, rows))


def total_named(question: str) -> bool:
    """Whether ``question`` says it wants a whole (一共, 总共, 合计), whether of a count or of a sum."""
    return bool(_TOTAL_ASK.search(question))


def total_after_count(question: str) -> bool:
    """Whether the count in ``question`` (几个社团) stands before the word that asks for a total (一共,
    加起来) and a figure is asked after that word with no count of its own (一共要买多少桌椅): the count
    names the rows added up, what is asked is their total."""
    total = _TOTAL_ASK.search(question)
    if total is None or not count_measure(question[: total.start()]):
        return False
    tail = question[total.end() :]
    return not count_measure(tail) and bool(_HOW_MUCH.search(tail))


def measured_totals(question: str, rows: Sequence[Fields]) -> list[str]:
    """The columns of counts whose measure a question that asks for a total asks in (各校合计一共要开多少个班
    → 计划班数), or that count the thing it counts (一共有几个班 → 班级数: `counts_named`), in table order:
    what it adds up is that column, not the rows. Empty when it asks no total."""
    if not _TOTAL_ASK.search(question):
        return []
    measures = {m for _, m in _MEASURE_ASKED.findall(question)}
    names = dict.fromkeys(n for r in rows for n, _ in r if n not in ORDINAL_COLUMNS)
    return [n for n in names if any(same_measure(column_unit(n), m) for m in measures) or counts_named(question, n)]


def counts_named(question: str, name: str) -> bool:
    """Whether column ``name`` counts the thing ``question`` counts, by a word before 数 (`counted_thing`):
    the word right after its count (几个, 多少个) is that word (几个考场 of 考场数) or begins it (几个班 of
    班级数). A word said elsewhere in the question (设有考场的学校有几所) is not what it counts."""
    thing = counted_thing(name)
    m = _COUNT.search(question)
    if not thing or m is None:
        return False
    after = question[m.end() :]
    if after.startswith(thing):
        return True
    words = jieba_words(after, hmm=False)
    word = words[0] if words else ""
    return bool(_CJK.match(word)) and thing.startswith(word)


def number_of(value: str) -> float | None:
    """A cell's number (1,850.00 → 1850.0); None when the cell is not a plain number."""
    text = value.strip()
    return float(text.replace(",", "")) if _NUMBER.match(text) else None


# What a figure column writes in words for nothing, or for no time at all: 即办 of a time limit, 免费 of a fee.
_ZERO_WORDS = frozenset({"即办", "即时办结", "即时", "立即", "立办", "当场", "当场办结", "当即", "免费", "免收", "不收费", "零"})
# What a figure column writes where the figure is not set yet: no figure to compare, and a sum left unknown.
_PENDING_WORDS = frozenset({"待定", "暂定", "未定", "另定", "待议", "面议", "另行通知", "另行确定", "待核定", "待明确"})


def figure_of(value: str) -> float | None:
    """A figure cell's number: a plain number (`number_of`), or 0 for a word that says none (即办, 免费);
    None for anything else (待定, a blank)."""
    number = number_of(value)
    return 0.0 if number is None and value.strip() in _ZERO_WORDS else number


_TIME_UNITS = frozenset({"工作日", "自然日", "日", "天", "小时", "分钟", "周", "月", "年"})


def figure_in_words(kind: str, measures: Sequence[str], fields: Fields) -> bool:
    """Whether a table row answers a figure asked (of ``kind``, in one of ``measures``) by a word in place of
    its number: a column counted in that measure, or of amounts asked for money, or of times asked how
    long, whose cell says none (即办, 免费) or not yet set (待定)."""
    for name, value in fields:
        if value.strip() not in _ZERO_WORDS | _PENDING_WORDS:
            continue
        unit = column_unit(name)
        if unit and any(same_measure(unit, m) for m in measures):
            return True
        if kind == "money" and "amount" in kinds_of_column(name):
            return True
        if kind == "period" and unit in _TIME_UNITS:
            return True
    return False


def figure_unset(value: str) -> bool:
    """Whether a figure cell states no figure: left blank (—, 无: `is_empty_cell`) or not set yet (待定)."""
    return is_empty_cell(value) or value.strip() in _PENDING_WORDS


@dataclass(frozen=True)
class TableTotal:
    """A table's total in one amount ``column``: the totals row's value when the table has one
    (``rows`` is that row), else the sum of the column over every listed row (``rows`` are all of them).
    A totals row's figures in several columns the question names are said together: ``column`` is ''
    and ``value`` names each (计划投资为11,512.00，完成投资为7,965.00)."""

    column: str
    value: str
    rows: tuple[int, ...]
    summed: bool


def summed_columns(question: str, rows: Sequence[Fields]) -> list[str]:
    """The columns a total may be asked of, in table order: for a question that asks for money, the
    amount columns (`kinds_of_column`); for any other figure (多少件, 多少人), the columns the question
    names (a pair of characters of their name) whose every listed cell is a figure (`figure_of`) or left
    blank, one a plain number at least (数量（件）·计划)."""
    listed = [r for r in rows if not is_total(r)]
    names = list(dict.fromkeys(n for r in rows for n, _ in r if n not in ORDINAL_COLUMNS))
    measured = measured_totals(question, rows)
    if measured:
        return measured
    if "amount" in asked_kinds(question):
        return [n for n in names if "amount" in kinds_of_column(n)]
    grams = _column_pairs(question, rows)

    def numeric(name: str) -> bool:
        values = [next((v for n, v in r if n == name), "") for r in listed]
        return any(number_of(v) is not None for v in values) and all(figure_of(v) is not None or is_empty_cell(v) for v in values)

    return [n for n in names if grams & cjk_pairs(n) and numeric(n)]


def table_total(question: str, rows: Sequence[Fields], title: str = "") -> TableTotal | None:
    """The total a question asks of one table (`asks_total`): its totals row in the column the
    question's words name best (`summed_columns`), or, with no totals row, the sum of that column when
    every listed row holds a figure there, or leaves it blank (`_summed`). None when the table has no such column or the question
    names a row instead (`names_rows`)."""
    if not asks_total(question, rows) or not rows or names_rows(question, rows, title):
        return None
    listed = [i for i, r in enumerate(rows) if not is_total(r)]
    names = summed_columns(question, rows)
    if not names:
        return None
    grams = _bigrams(question)
    column = max(names, key=lambda n: (len(grams & _bigrams(n)), -names.index(n)))
    group = _group_total(question, rows, names, column, listed)
    if group is not None:
        return group
    totals = [i for i, r in enumerate(rows) if is_total(r) and any(n == column for n, _ in r)]
    if totals:
        held = dict(rows[totals[-1]])
        # 预算金额和实际支出各是多少: every column the question says by name, when the totals row holds each.
        said = [n for n in names if _UNIT_NAME.sub("", n.rpartition(LEVEL_SEP)[2]) in question and n in held]
        # 一共多少名学员？其中女学员几名？: each clause that asks a total asks it of the column it names best.
        if len(said) < 2:
            said = [n for n in _clause_columns(question, rows) if n in held]
        if len(said) >= 2:
            return TableTotal("", "，".join(figure_said(n, held[n]) for n in said), (totals[-1],), False)
        return TableTotal(column, held[column], (totals[-1],), False)
    return _summed(rows, listed, column)


_CLAUSE_END = re.compile(r"[？?。！!；;]")


def _clause_columns(question: str, rows: Sequence[Fields]) -> list[str]:
    """The column each clause of ``question`` that asks a total on its own asks it of (the one whose
    name shares most pairs of characters with the clause, `summed_columns`), in clause order, once each;
    empty when fewer than two clauses ask a total."""
    out: list[str] = []
    for clause in (c for c in _CLAUSE_END.split(question) if c.strip()):
        if not asks_total(clause, rows):
            continue
        names = summed_columns(clause, rows)
        if not names:
            continue
        grams = _bigrams(clause)
        best = max(names, key=lambda n: (len(grams & _bigrams(n)), -names.index(n)))
        if best not in out:
            out.append(best)
    return out if len(out) >= 2 else []


def figure_said(column: str, value: str) -> str:
    """A column's figure as an answer says it: the unit a header writes in brackets (专任教师（人）)
    after the plain number instead (专任教师为86人); other names and values as they are."""
    name, unit = figure_name(column)
    if not unit or number_of(value) is None:
        return f"{column}为{value}"
    return f"{name}为{value.strip()}{unit}"


def figure_name(column: str) -> tuple[str, str]:
    """A column of figures as an answer names it, and the unit its figures are said in: the short unit its
    header writes in brackets at its end (测评得分（分） → 测评得分, 分) or at the end of the group it stands
    under (月用量（吨）·合计 → 月用量（合计）, 吨); the name as it is and '' when it writes none."""
    unit = header_unit(column)
    if unit:
        return _as_leaf(_END_UNIT.sub("", column).rstrip()), unit
    level = _LEVEL_UNIT.search(column)
    if level:
        return _as_leaf(column[: level.start()] + column[level.end() :]), level.group(1).strip()
    return column, ""


# The · that parts the levels of a merged header, outside any brackets (元/生·学期 is one measure).
_LEVELS = re.compile(rf"{re.escape(LEVEL_SEP)}(?![^（(]*[）)])")


def _as_leaf(name: str) -> str:
    """A merged header's name as an answer says it, its lower levels in brackets (资金·省级 → 资金（省级））."""
    parts = [p for p in _LEVELS.split(name) if p]
    return parts[0] + (f"（{LEVEL_SEP.join(parts[1:])}）" if parts[1:] else "") if parts else name


def figure_with_unit(column: str, value: str) -> str:
    """A figure of ``column`` with the unit its header writes (91.5 of 测评得分（分） → 91.5分); other values as they are."""
    _, unit = figure_name(column)
    return with_measure(value.strip(), unit) if unit and number_of(value) is not None else value


# Units of time a number counts only through 个 (5个工作日, 3个月; not 5工作日): general grammar, as 个 stands
# before 月 of a duration and before a noun that is no measure word of its own.
_COUNTED_BY_GE = frozenset({"工作日", "自然日", "月", "星期", "学期", "学年", "季度"})


def with_measure(number: str, unit: str) -> str:
    """A number with the unit it counts: 45万元, 16课时, and 个 before a unit that needs it (5个工作日)."""
    return f"{number}个{unit}" if unit in _COUNTED_BY_GE else f"{number}{unit}"


_END_UNIT = re.compile(r"[（(]([^（）()]*)[）)]\s*$")
# 月用量（吨）·合计: a short unit a group header writes, which every column under it is counted in.
_LEVEL_UNIT = re.compile(rf"[（(]([^（）()/／{LEVEL_SEP}]{{1,4}})[）)]\s*(?={LEVEL_SEP})")


def header_unit(column: str) -> str:
    """The unit a header writes in brackets at its end, short enough to follow a figure (（人）, （万元）);
    '' for none or a longer one (（元/生·学期）)."""
    unit = _END_UNIT.search(column)
    inner = unit.group(1).strip() if unit else ""
    return inner if len(inner) <= 4 else ""


def _group_total(
    question: str, rows: Sequence[Fields], names: Sequence[str], column: str, listed: Sequence[int]
) -> TableTotal | None:
    """The totals of every sub-column under the group title a question names without naming one of
    them (资金合计多少 of 资金（元）·中央, ·省级 and ·县级), said one by one in the value (中央26,400,000、
    省级10,175,000…); None when the column picked is no sub-column, the question names its own name, or
    it has no siblings."""
    group, sep, leaf = column.rpartition(LEVEL_SEP)
    if not sep or _UNIT_NAME.sub("", leaf) in question:
        return None
    siblings = [n for n in names if n.rpartition(LEVEL_SEP)[0] == group]
    if len(siblings) < 2 or any(_UNIT_NAME.sub("", n.rpartition(LEVEL_SEP)[2]) in question for n in siblings):
        return None
    totals = [i for i, r in enumerate(rows) if is_total(r)]
    parts: list[str] = []
    for name in siblings:
        held = next((v for n, v in rows[totals[-1]] if n == name), None) if totals else None
        if held is None:
            summed = _summed(rows, listed, name)
            if summed is None:
                return None
            held = summed.value
        parts.append(f"{name.rpartition(LEVEL_SEP)[2]}{held}")
    picked = (totals[-1],) if totals else tuple(listed)
    return TableTotal(group, "、".join(parts), picked, not totals)


_UNIT_NAME = re.compile(r"[（(][^（）()]*[）)]")


_WHOLE = "全"


def names_rows(question: str, rows: Sequence[Fields], title: str = "") -> bool:
    """Whether ``question`` names rows of a table rather than the table: it shares a pair of characters
    with a row's values (课后托管 with 城区小学课后托管项目) that no column name, nor the table's
    ``title`` (its document's title and section: 读书节 of 读书节活动方案), holds. 全 and what follows it
    (全区, 全校) names the whole of a place, not a row, a count asked (多少个班) names what is counted, a
    column's name said in the question (已完成投资 of 完成投资) names that column, and a word every listed
    row holds (社区服务站 of each 社区服务站) names no one row."""
    asked = _MEASURE_ASKED.sub(" ", question)
    # The words that say a column's name (已完成投资 of 完成投资) name the column, not a row: the pairs they
    # make with the characters beside them (已完) are no row's words either.
    for name in sorted({_UNIT_NAME.sub("", part) for r in rows for n, _ in r for part in n.split(LEVEL_SEP)}, key=len, reverse=True):
        if len(name) >= 2:
            asked = asked.replace(name, " ")
    named = cjk_pairs(asked) - {g for r in rows for n, _ in r for g in cjk_pairs(n)} - cjk_pairs(title)
    named = {g for g in named if not g.startswith(_WHOLE)}
    listed = [cjk_pairs(" ".join(v for n, v in r if n not in ORDINAL_COLUMNS)) for r in rows if not is_total(r)]
    # A word every listed row holds (社区服务站 of 东园社区服务站, 西园社区服务站) is what the rows all are:
    # it tells no row from another, so it names the table's rows as a whole.
    if len(listed) >= 2:
        named -= listed[0].intersection(*listed[1:])
    return any(named & pairs for pairs in listed)


def _summed(rows: Sequence[Fields], picked: Sequence[int], column: str) -> TableTotal | None:
    """The sum of ``column`` over the rows ``picked``, written with as many decimals as its cells; a cell
    left blank (—) or saying none (免费, 即办: `figure_of`) adds nothing. None when one of them holds
    anything else there (待定), or none a number."""
    cells = [next((v for n, v in rows[i] if n == column), "") for i in picked]
    values = [0.0 if is_empty_cell(v) else figure_of(v) for v in cells]
    if not picked or any(v is None for v in values) or all(number_of(v) is None for v in cells):
        return None
    total = sum(v for v in values if v is not None)
    places = _decimal_places(v for i in picked for n, v in rows[i] if n == column)
    return TableTotal(column, f"{total:,.{places}f}", tuple(picked), True)


def _decimal_places(cells: Iterable[str]) -> int:
    """The most digits after a decimal point that ``cells`` write: a sum of them is said to as many."""
    return max((len(v.split(".")[1]) for v in cells if "." in v), default=0)


# Kinds of column whose cells state a value of the row (完成时限, 金额, 人数), not what the row is about.
_VALUE_KINDS = frozenset({"date", "amount", "quantity"})


def subject_cell(fields: Fields) -> str:
    """The cell that names what a row is about: its first that does not number rows (序号, 编号), or,
    where that first column states a value (a table that opens with 完成期限 or 金额) and another column
    is named as what the rows are (事项, 任务, 项目, 内容, 名称), that column's cell. A roster that opens
    with 日期 and lists no such column keeps its day as the subject."""
    cells = [(n, v) for n, v in fields if n not in ORDINAL_COLUMNS]
    if not cells:
        return ""
    kinds = kinds_of_column(cells[0][0])
    if kinds & _VALUE_KINDS and "item" not in kinds:
        return next((v for n, v in cells[1:] if "item" in kinds_of_column(n)), cells[0][1])
    return cells[0][1]


def subjects_named(question: str, rows: Sequence[Fields]) -> tuple[int, ...]:
    """The listed rows whose subject cell (the first after any 序号) ``question`` names by most of its
    characters (硒鼓, 签字笔; not 采购 of 图书采购). Where that first cell is a group's, carried down
    from a merged cell over several rows (类别 田赛), and the question names no group, the next cell
    names the row (跳高)."""
    asked = set(_CJK.findall(question))
    firsts = [subject_cell(r) for r in rows if not is_total(r)]
    values = [" ".join(v for n, v in r if n not in ORDINAL_COLUMNS) for r in rows if not is_total(r)]

    @cache
    def heads_said() -> frozenset[str]:
        """The question's words that stand on their own, no modifier of a noun after them (学校 of 学校食堂);
        tagged only when a cell is not named by most of its characters."""
        tagged = jieba_tagged(question, hmm=False)
        return frozenset(
            w for k, (w, _) in enumerate(tagged) if not tagged[k + 1 : k + 2] or not tagged[k + 1][1].startswith("n")
        )

    def named_cell(subject: str) -> bool:
        chars = _CJK.findall(subject)
        if len(chars) < 2 or _DATE_VALUE.search(subject):
            return False  # 1月28日 is named by its day (`rows_pointed`), not by 月 and 日
        if sum(ch in asked for ch in chars) / len(chars) >= _NAMED_SHARE:
            return True
        # 输液器 names 一次性输液器: the noun a long cell ends in names it when no other row's cell holds it.
        head = _head_noun(subject)
        return bool(head) and head in heads_said() and sum(head in v for v in values) == 1

    groups_named = any(named_cell(f) for f in firsts if firsts.count(f) >= 2)

    def named(fields: Fields) -> bool:
        cells = [v for n, v in fields if n not in ORDINAL_COLUMNS]
        if not cells:
            return False
        subject = subject_cell(fields)
        if subject != cells[0]:
            return named_cell(subject)  # a table that opens with a value column (完成期限) names rows by 事项
        if firsts.count(cells[0]) >= 2 and not groups_named:
            return len(cells) > 1 and named_cell(cells[1])
        return named_cell(cells[0])

    return tuple(i for i, r in enumerate(rows) if not is_total(r) and named(r))


def holds_named_value(question: str, people: Sequence[str], rows: Sequence[Fields]) -> bool:
    """Whether a table's ``rows`` hold one of ``people`` (the persons ``question`` names by name,
    `person_names`), or a cell of three Chinese characters or more that ``question`` names whole: the
    question is about that table's rows."""
    values = [v.strip() for r in rows for n, v in r if n not in ORDINAL_COLUMNS]
    if any(name in v for name in people for v in values):
        return True
    return any(len(v) >= 3 and _ALL_CJK.match(v) and v in question for v in values)


def _head_noun(cell: str) -> str:
    """The noun of two characters or more a cell of four or more ends in, by the dictionary (输液器 of
    一次性输液器, 口罩 of 医用外科口罩): what the cell names, the words before only qualify it; '' when
    it ends in no such noun or is short enough to be named by most of its characters."""
    text = cell.strip()
    if len(text) < 4 or not _ALL_CJK.match(text):
        return ""
    words = jieba_tagged(text, hmm=False)
    if len(words) < 2:
        return ""
    word, flag = words[-1]
    return word if len(word) >= 2 and flag.startswith("n") and flag != "nr" else ""


def rows_total(question: str, rows: Sequence[Fields]) -> TableTotal | None:
    """The total a question asks of two or more rows it names (硒鼓和签字笔一共花了多少钱？): the sum of the
    column its words name best (`summed_columns`) over the rows whose subject cell (the first after any
    序号) it names, each by most of its characters, or, naming none so, over the rows that list a person
    it names by name (彭涛一共领了多少钱); or, when those rows are the whole of one group (类别
    艺术类) that has a 小计 row, that row's figure (`_subtotal`). None when it asks no total or names fewer
    than two rows."""
    if not asks_total(question, rows) or not rows:
        return None
    picked = subjects_named(question, rows)
    if len(picked) < 2:
        # 彭涛一共领了多少钱: the rows that list the person the question names, in whatever column.
        people = person_names(question)
        picked = tuple(i for i, r in enumerate(rows) if not is_total(r) and any(p in v for p in people for _, v in r))
    if len(picked) < 2 and (group := _group_named(question, rows)):
        picked = group
    names = summed_columns(question, rows)
    if len(picked) < 2 or not names:
        return None
    grams = _column_pairs(question, rows)
    column = max(names, key=lambda n: (len(grams & _bigrams(n)), -names.index(n)))
    return _subtotal(rows, picked, column) or _summed(rows, picked, column)


def _column_pairs(question: str, rows: Sequence[Fields]) -> set[str]:
    """The pairs of characters of ``question`` that may name a column: those no cell of words (no digit) of
    the rows holds (卫生 of 一般卫生院 names rows, not the column 村卫生室（个）)."""
    held = set().union(*(_bigrams(v) for r in rows for n, v in r if n not in ORDINAL_COLUMNS and not re.search(r"\d", v)))
    return _bigrams(question) - held


def _group_named(question: str, rows: Sequence[Fields]) -> tuple[int, ...]:
    """The rows of a group the question names by its label (体艺组的老师一共上多少节 of 教研组：体艺组): the rows
    a count would take (`count_rows`), when the value named is the whole cell of each (a label the rows
    share, not a word inside their prose: 已完成 of 已完成招标); empty otherwise."""
    found = count_rows(question, rows)
    if found is None or found.filled or not found.exact or len(found.rows) < 2:
        return ()
    whole = all(v.strip() == found.value for i in found.rows for n, v in rows[i] if n == found.column)
    return found.rows if whole else ()


def _subtotal(rows: Sequence[Fields], picked: Sequence[int], column: str) -> TableTotal | None:
    """The 小计 row of the group the rows ``picked`` make up: a totals row that holds, in the column that
    names the group (类别, carried down from a merged cell), the value every picked row holds there, and
    a figure in ``column``. None when the picked rows are no such group or it has no 小计 row."""
    subject = next((n for n, _ in rows[picked[0]] if n not in ORDINAL_COLUMNS), "")
    values = {next((v for n, v in rows[i] if n == subject), "") for i in picked}
    if len(values) != 1 or not subject:
        return None
    (group,) = values
    members = {i for i, r in enumerate(rows) if not is_total(r) and any(n == subject and v == group for n, v in r)}
    if members != set(picked):
        return None  # the question names some rows of the group, not the whole of it
    for i, r in enumerate(rows):
        if is_total(r) and (subject, group) in r:
            held = next((v for n, v in r if n == column), None)
            if held is not None and number_of(held) is not None:
                return TableTotal(column, held, (i,), False)
    return _block_total(rows, picked, column)


def _block_total(rows: Sequence[Fields], picked: Sequence[int], column: str) -> TableTotal | None:
    """The totals row right below the rows ``picked`` when they are all the rows between it and the
    totals row above (or the table's top): a 小计 that follows its group names no group of its own, the
    rows it closes are its group. None when other rows stand in that stretch or no figure is there."""
    last = max(picked)
    after = last + 1
    if after >= len(rows) or not is_total(rows[after]):
        return None
    before = max((j for j in range(last) if is_total(rows[j])), default=-1)
    if set(range(before + 1, after)) != set(picked):
        return None
    held = next((v for n, v in rows[after] if n == column), None)
    if held is None or number_of(held) is None:
        return None
    return TableTotal(column, held, (after,), False)


# 表2, 附表一, 第二张表: a table named by its number.
_TABLE_NUMBER = re.compile(r"表\s*([\d一二三四五六七八九十]{1,3})|第([\d一二三四五六七八九十]{1,3})张表")


def table_numbers_named(text: str) -> set[str]:
    """The numbers of the tables ``text`` names (表2, 表二, 第二张表 → {"表2"}), as marks that do not
    stand for any pair of characters."""
    digits = "〇一二三四五六七八九"
    out = set()
    for m in _TABLE_NUMBER.finditer(text):
        n = m.group(1) or m.group(2)
        if not n.isdigit():
            n = str(digits.index(n)) if len(n) == 1 and n in digits else {"十": "10"}.get(n, n)
        out.add(f"表{n}")
    return out


def cjk_pairs(text: str) -> set[str]:
    """Pairs of neighbouring Chinese characters."""
    return {text[i : i + 2] for i in range(len(text) - 1) if _CJK.match(text[i]) and _CJK.match(text[i + 1])}


# 去年, 上一年, 明年, 上学期, 上季度: a year or term other than the one a table is about. Such a question
# is answered only by a column for that year or term (上年执行数, 2024年, 上学期人数).
_OTHER_PERIODS = r"去年|前年|明年|往年|上一?(?:个)?(?:学期|学年|季度)|下一?(?:个)?(?:学期|学年|季度)|上一?年|下一?年"
_OTHER_YEAR = re.compile(_OTHER_PERIODS)
_YEAR_COLUMN = re.compile(rf"\d{{4}}\s*年|{_OTHER_PERIODS}")


def other_year_asked(question: str, fields: Fields) -> bool:
    """Whether ``question`` asks of another year or term (去年执行了多少, 上学期报了多少) than the row's
    table is about: no column of the row is named by a year or such a term, and the words after the
    year said are not words a cell writes after its own year (`_year_of_cell`)."""
    if any(_YEAR_COLUMN.search(name) for name, _ in fields):
        return False
    return any(not _year_of_cell(question[m.end() :], fields) for m in _OTHER_YEAR.finditer(question))


# A year a cell opens its words with (2026年秋季运动会筹备), and the words after it.
_CELL_YEAR = re.compile(r"\d{4}\s*年(?:度)?([\u4e00-\u9fff]+)")


def _year_of_cell(after: str, fields: Fields) -> bool:
    """Whether the words after a year said in other words (明年 of 明年运动会筹备) are, two characters or
    more of them, the words a cell of the row writes after a year of its own (2026年秋季运动会筹备): the
    question names that cell's year, not another one."""
    words = "".join(_CJK.findall(after[:6]))
    if len(words) < 2:
        return False
    return any(words[:2] in m.group(1) for _, value in fields for m in _CELL_YEAR.finditer(value))


def place_missing(question: str, rows: Sequence[Fields]) -> str:
    """The words naming a place (第12项) past the rows of a table; '' when it names none or the table has it."""
    place = position_named(question)
    listed = [r for r in rows if not is_total(r)]
    if place is None or place[0] < 0 or not listed:
        return ""
    numbered = {r[0][1].strip() for r in listed if r[0][0] in ORDINAL_COLUMNS}
    if place[0] < len(listed) or str(place[0] + 1) in numbered:
        return ""
    return place[1]


# 第二 in 第二实验小学, 二 in 二中: an ordinal inside a name tells it from its namesakes (实验小学, 第二中学).
_NAME_ORDINAL = re.compile(
    r"第[一二三四五六七八九十\d]{1,3}(?![项行个天位栏条款章节次批届年月日号期部篇轮名周])[\u4e00-\u9fff]{0,4}"
)
# Characters that end a name in a question (…小学的, …小学做什么, …中学由谁…).
_NAME_END = re.compile(r"[的做是有在由和与及什谁哪多几怎要把被给对从向将今去明本该].*")


def ordinal_unheld(question: str, fields: Fields) -> str:
    """A name with an ordinal in ``question`` (第二实验小学) that no cell of the row holds, its
    characters in order (青溪区第二实验小学 holds it; 青溪区第二中学 and 青溪区实验小学 do not); ''
    when there is none or the row holds each."""
    for m in _NAME_ORDINAL.finditer(question):
        name = _NAME_END.sub("", m.group(0))
        if not any(_in_order(name, value) or _opens_with_cell(name, value) for _, value in fields):
            return name
    return ""


def _opens_with_cell(name: str, value: str) -> bool:
    """Whether a name caught in a question (第三小学领了: no character ends it before a verb) opens with
    a cell's own name from its ordinal on (第三小学 of 某镇第三小学): the rest is the question's words."""
    start = value.find(name[:2])
    return start >= 0 and len(value) - start > 2 and name.startswith(value[start:])


def _in_order(part: str, text: str) -> bool:
    """Whether every character of ``part`` stands in ``text``, in order."""
    rest = iter(text)
    return all(ch in rest for ch in part)


_MOST = re.compile(r"最多|最高|最大|最贵|最长")
_LEAST = re.compile(r"最少|最低|最小|最便宜|最短")


@dataclass(frozen=True)
class TableExtreme:
    """The rows of a table whose number in ``column`` is the largest (``most``) or the smallest."""

    column: str
    value: str
    rows: tuple[int, ...]
    most: bool


def table_extreme(question: str, rows: Sequence[Fields], title: str = "") -> TableExtreme | None:
    """The row a question asks for by the largest or smallest number of a column (投资最多的项目是哪个？):
    the amount column the question's words name best, over the listed rows that state a figure there (a
    plain number, or a word for none: 即办, 免费; not 待定 or a blank: `figure_unset`). None when the question asks no such thing, the table has no such column, or it names a row
    (`names_rows`)."""
    most, least = _MOST.search(question), _LEAST.search(question)
    if bool(most) == bool(least) or not rows:
        return None
    listed = [i for i, r in enumerate(rows) if not is_total(r)]
    if names_rows(question, rows, title):
        return None
    grams = _bigrams(question)
    names = list(dict.fromkeys(n for r in rows for n, _ in r if "amount" in kinds_of_column(n)))
    about_amount = "amount" in asked_kinds(question) or any(grams & _bigrams(n) for n in names) or "钱" in question
    of_figures = not names or not about_amount
    if of_figures:
        # 得分最高的是谁, 课时总量最多的老师: a column of figures the question names by its words, not of money.
        names = _figure_columns(question, rows, listed)
        if not names:
            return None  # 最多 of what: the question names no figure (最多的是哪天 is no question of money)
    column = max(names, key=lambda n: (len(grams & _bigrams(n)), _totals_leaf(question, n), -names.index(n)))
    # A row whose cell there is left blank (—) or not set yet (待定) has no figure to compare (不定等次 has
    # no 得分); one that says none in words (即办, 免费) has the least.
    listed = [i for i in listed if not figure_unset(next((v for n, v in rows[i] if n == column), ""))]
    values = [next((figure_of(v) for n, v in rows[i] if n == column), None) for i in listed]
    if len(listed) < 2 or any(v is None for v in values):
        return None
    numbers = [v for v in values if v is not None]
    grouped = _group_extreme(question, rows, listed, column, numbers, bool(most))
    if grouped is not None:
        return grouped
    best = max(numbers) if most else min(numbers)
    hit = tuple(i for i, v in zip(listed, numbers, strict=True) if v == best)
    value = next(v for n, v in rows[hit[0]] if n == column)
    return TableExtreme(column, value, hit, bool(most))


def _figure_columns(question: str, rows: Sequence[Fields], listed: Sequence[int]) -> list[str]:
    """The columns of figures a question for the most or least may compare, in table order: those it names by
    a pair of characters (综合得分 of 综合得分（分）, 课时 of 周课时量（课时）·合计) that keep a measure (a unit in
    brackets, a count: `column_unit`) or a kind of figure (quantity, score), and whose listed cells are all
    figures (`figure_of`) or state none (`figure_unset`), two of them numbers at least."""
    grams = _bigrams(question)
    names = list(dict.fromkeys(n for i in listed for n, _ in rows[i] if n not in ORDINAL_COLUMNS))

    def figures(name: str) -> bool:
        cells = [next((v for n, v in rows[i] if n == name), "") for i in listed]
        numbers = [v for v in cells if number_of(v) is not None]
        return len(numbers) >= 2 and all(figure_of(v) is not None or figure_unset(v) for v in cells)

    named = [n for n in names if grams & _bigrams(_UNIT_NAME.sub("", n)) and (column_unit(n) or kinds_of_column(n) & {"quantity", "score"})]
    # 承诺时限 of 办理时限·承诺时限 beside 办理时限·法定时限: a sub-column the question names by its own last level
    # is the one compared, not a sibling that shares its group's name.
    told = [n for n in named if LEVEL_SEP in n and len(leaf := _UNIT_NAME.sub("", n.rsplit(LEVEL_SEP, 1)[-1]).strip()) >= 2 and leaf in question]
    return [n for n in told or named if figures(n)]


def _totals_leaf(question: str, name: str) -> bool:
    """Whether ``name`` is the column of a row's total (周课时量·合计) and ``question`` asks a total (总量, 一共)."""
    leaf = _UNIT_NAME.sub("", name.rsplit(LEVEL_SEP, 1)[-1]).strip()
    return leaf in TOTAL_WORDS and ("总" in question or bool(_TOTAL_ASK.search(question)))


def _group_extreme(
    question: str, rows: Sequence[Fields], listed: Sequence[int], column: str, numbers: Sequence[float], most: bool
) -> TableExtreme | None:
    """The largest or smallest sum of ``column`` over the rows that share a value in the column the
    question asks which of (哪个科室 of a 申报科室 column where a 科室 stands in several rows): what is
    compared is each value's rows added up, not one row. ``value`` names the group and its sum; None
    when the question asks which of no such column or no value stands in two rows."""
    by = _asked_column(question, rows, column)
    if not by:
        return None
    groups: dict[str, list[int]] = {}
    sums: dict[str, float] = {}
    for i, number in zip(listed, numbers, strict=True):
        key = next((v.strip() for n, v in rows[i] if n == by), "")
        if is_empty_cell(key):
            return None
        groups.setdefault(key, []).append(i)
        sums[key] = sums.get(key, 0.0) + number
    if all(len(g) < 2 for g in groups.values()):
        return None
    best = max(sums.values()) if most else min(sums.values())
    keys = [k for k, v in sums.items() if v == best]
    cells = [v for i in listed for n, v in rows[i] if n == column]
    places = _decimal_places(cells)
    figure = f"{best:,.{places}f}" if any("," in v for v in cells) else f"{best:.{places}f}"
    hit = tuple(i for k in keys for i in groups[k])
    return TableExtreme(column, f"{'、'.join(keys)}（共{figure}{header_unit(column)}）", hit, most)


def _asked_column(question: str, rows: Sequence[Fields], column: str) -> str:
    """The column ``question`` asks which of (哪个科室 → 申报科室, 哪位老师 → a column of people): a column
    other than ``column`` whose name shares a pair of characters with the noun after the asking word, or,
    sharing none, whose kind that noun asks for; '' when it asks which of none."""
    names = [n for n in dict.fromkeys(n for r in rows for n, _ in r) if n != column and n not in ORDINAL_COLUMNS]
    for m in _WHICH_NOUN.finditer(question):
        noun = "".join(_CJK.findall(question[m.end() : m.end() + 4]))
        if len(noun) < 2:
            continue
        by_name = [n for n in names if _bigrams(noun[:2]) & _bigrams(_UNIT_NAME.sub("", n))]
        if by_name:
            return by_name[0]
        kinds = asked_kinds(question[m.start() : m.end() + 4]) - _HOW_MUCH_KINDS
        by_kind = [n for n in names if kinds & kinds_of_column(n)]
        if by_kind:
            return by_kind[0]
    return ""


def extreme_unheld(question: str, fields: Fields) -> bool:
    """Whether ``question`` asks for the most or the least of something (哪个科带班最多) that the row's
    own cells do not say: one row cannot tell it; only a comparison of rows can (`table_extreme`)."""
    words = [m.group(0) for m in (*_MOST.finditer(question), *_LEAST.finditer(question))]
    return bool(words) and not any(w in value for w in words for _, value in fields)


# -- words that name a table, people a question names ------------------------------------------


def names_table(term: str, names: str) -> bool:
    """Whether a question's ``term`` names a table as a whole rather than what it is about: a table word
    (清单, 一览表, 明细), or one after words the table's own ``names`` hold (its title, section and
    column names: 预算表 of a table with a 预算 column), with or without a word of place after it (表里,
    清单中), or the present year or term the table is for (今年, 本学期). Such a word says where the
    answer stands, so no row or sentence need hold it."""
    term = _PLACE_AFTER.sub("", term) or term
    if term in _THIS_PERIOD:
        return True  # 今年, 本学期: the time the table is for, which its rows do not write
    return any(term == noun or (term.endswith(noun) and term[: -len(noun)] in names) for noun in table_nouns())


_PLACE_AFTER = re.compile(r"(?<=.)[里中内上]$")
# Words for the present year or term: a plan or a table is of its period, and says it by a date in its title
# or not at all (河口镇的幼儿园今年准备收多少孩子 of a 2025年招生计划表).
_THIS_PERIOD = frozenset({"今年", "本年", "本年度", "今年度", "本学期", "这学期", "本学年", "这学年"})


def about_table(terms: Sequence[tuple[str, float]], own: str, min_share: float = 0.25) -> bool:
    """Whether a question whose weighted focus ``terms`` these are asks about a table as a whole rather
    than about rows of it: no term of ``min_share`` or more of the question's weight lies outside the
    table's ``own`` names (column names, its document's title and section), unless it names a table
    (`names_table`; the table's period, 今年, says which table, not that the whole of it is asked), asks for a total, a most or a least (加起来, 最高), or asks which (哪项). 读书节预算
    总共要花多少 is about the 读书节 budget; 硒鼓和签字笔一共花了多少钱 is about two of its rows."""
    total = sum(w for _, w in terms) or 1.0
    return not any(
        w / total >= min_share
        and len(term) >= 2
        and term not in own
        and (term in _THIS_PERIOD or not names_table(term, own))
        and not _ASKING_WORD.match(term)
        for term, w in terms
    )


# Words that ask rather than name: 哪项, 什么, and those of totals and extremes (加起来, 最高).
_ASKING_WORD = re.compile(rf"哪|什么|(?:{_TOTAL_ASK.pattern}|{_MOST.pattern}|{_LEAST.pattern})$")


@lru_cache(maxsize=256)
def person_names(question: str) -> tuple[str, ...]:
    """The people a question names by name: a word of two to four characters outside jieba's dictionary
    that its tagger reads as a person's name (nr): 王刚 of 王刚在哪个办公室. A dictionary word tagged nr
    (幼儿园, 周转) is an ordinary word the dictionary mis-tags, and stays a focus term as it is. A name is
    a row's subject however rare its characters, though the focus terms split it into single ones."""
    import jieba.posseg as pseg

    out = []
    at = 0
    for w, flag in pseg.cut(question):
        at += len(w)
        if flag != "nr" or not 2 <= len(w) <= 4 or not _CJK.match(w) or dictionary_count(w):
            continue
        if numeral_counts(w[-1], question[at:]):
            continue  # 费一 of 看护费一学期: the 一 counts the 学期, no name ends in it
        out.append(w)
    return tuple(out)



def name_unheld(question: str, fields: Fields) -> str:
    """A person ``question`` names (`person_names`) whom no cell of the row holds; '' when it holds each."""
    return next((n for n in person_names(question) if not any(n in value for _, value in fields)), "")


# -- a word one character off what a row says: 复印纸 against 打印纸, 主持人 against 主讲人 -------------


@dataclass(frozen=True)
class Mismatch:
    """A word of a question (``asked``) one character off a word of a row (``held``): the same length,
    the same characters in the same places but one. ``column`` is the column whose cell holds ``held``,
    or '' when ``held`` is a column's own name (a role: 主讲人)."""

    asked: str
    held: str
    column: str


def _one_off(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ in exactly one place, a Chinese character in each."""
    if len(a) != len(b) or a == b:
        return False
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diff) == 1 and bool(_CJK.match(diff[0][0])) and bool(_CJK.match(diff[0][1]))


@lru_cache(maxsize=4096)
def _cell_words(value: str) -> tuple[str, ...]:
    """The words a cell names things by: each whole item (文件盒, 科员) and each dictionary word of
    three characters or more inside an item (打印纸 of A4打印纸)."""
    import jieba

    out: list[str] = []
    for item in _items(value):
        if 2 <= len(item) <= 8 and _ALL_CJK.match(item):
            out.append(item)
        out += [w for w in jieba.lcut(item) if len(w) >= 3 and _ALL_CJK.match(w) and w != item]
    return tuple(out)


_ALL_CJK = re.compile(r"^[\u4e00-\u9fff]+$")  # 10月3日 and 10月3号 are one day, told apart by `days_named`
# A demonstrative and a measure word (那笔, 这项, 那天): they point at a thing, they name none.
_DEMONSTRATIVE = re.compile(r"[这那该此]一?[个项条笔件份类种位所家张本批场栏行天次台套把辆间座]")
# Characters that tie words together rather than name a thing.
_FUNCTION_CHARS = frozenset("的了是在和与及由把被给对从向将也都就又还吗呢吧啊之其")
# Verbs of need and of paying that stand as a word of their own after a thing (伙食要交, 资料费收多少).
_LONE_VERBS = frozenset("要需须收交缴付")
# Words that ask (哪一级, 几楼, 多少, 什么): a character of theirs is what is asked, not a name.
_ASKING = re.compile(r"哪[一两几]?|几|多少|什么|谁|何")


# 由谁主持, 谁主讲: the two characters after 谁 (a 来 or 去 before them aside) name the role asked.
# 谁来讲: 来 and 去 go with 谁, never into the role (来讲人 is no role one character off 主讲人).
_WHO_DOES = re.compile(r"谁(?:[来去](?=[\u4e00-\u9fff]{2})|(?![来去]))([\u4e00-\u9fff]{2})")
_ROLE_END = "人"


def _role_of(name: str) -> str:
    """A column's name as a role (主讲人 of 主讲人, 值班人员·白班 → 值班人员), without its unit in brackets."""
    leaf = name.rsplit("·", 1)[-1]
    return re.sub(r"[（(][^（）()]*[）)]$", "", leaf)


def column_names_thing(thing: str, fields: Fields) -> bool:
    """Whether a filled cell of the row stands in a column whose own name is ``thing`` or ends with it:
    the name under a merged header (汤 of 午餐·汤) or a whole header (联系电话 of 电话), without its unit.
    The cell is then the thing asked, though its value (冬瓜汤) need not say so."""
    return any(
        (leaf := _role_of(name)) and (leaf == thing or leaf.endswith(thing)) and not is_empty_cell(value)
        for name, value in fields
        if name not in ORDINAL_COLUMNS
    )


def demonstrated_nouns(question: str) -> list[str]:
    """The nouns right after a demonstrative and a measure word that follow words naming a thing (胶装用的那台机器,
    装订用的那种耗材): 机器 and 耗材 say what kind of thing was named before, not which; a row named by
    those words need not hold them."""
    import jieba

    out = []
    for m in _DEMONSTRATIVE.finditer(question):
        if len(_CJK.findall(question[: m.start()].rstrip("的"))) < 2:
            continue  # 这批校舍: nothing named before it, the noun names the thing itself
        words = jieba.lcut(question[m.end() :], HMM=False)
        if words and len(words[0]) >= 2 and _ALL_CJK.match(words[0]) and _noun(words[0]):
            out.append(words[0])
    return out


def word_mismatch(question: str, fields: Fields, own: str = "") -> Mismatch | None:
    """A word of ``question`` that no cell of the row, nor its column names nor ``own`` (its table's
    title and section), holds, one character off a word the row does hold: 复印纸 against 打印纸 of
    A4打印纸, 文件夹 against 文件盒, 上午 against 下午, and a role asked (主持人, or 由谁主持) against a
    column of people (主讲人). Such words name different things however many characters they share, so
    the row does not answer for the question's word. A word of three characters or more that the cell
    holds in its order (政务中心 of 政务服务中心) is the cell's name shortened, not another thing. None when
    there is none."""
    import jieba

    held = " ".join([*(f"{n} {v}" for n, v in fields), own])
    # Stretches of the question the row holds (基础教育科): a word overlapping one must lie around it,
    # not run out of it (科科 of 基础教育科科长 is no word; 科长 is).
    stretches = [
        (a, b)
        for a in range(len(question))
        for b in [max((b for b in range(a + 2, len(question) + 1) if question[a:b] in held), default=0)]
        if b
    ]
    # A word starts and ends where the question's dictionary words do, or where a stretch the row holds
    # ends (科长 of 基础教育科科长, which the dictionary reads as 科科长): 科的 of 人事科的 is no word.
    cuts = {0, *(j for _, j in stretches)}
    tokens: list[tuple[int, int]] = []
    at = 0
    for token in jieba.lcut(question, HMM=False):
        tokens.append((at, at + len(token)))
        at += len(token)
        cuts.add(at)
    for name, value in fields:
        if name in ORDINAL_COLUMNS:
            continue
        for word in _cell_words(value):
            for a in range(len(question) - len(word) + 1):
                b = a + len(word)
                piece = question[a:b]
                if a not in cuts or b not in cuts or not _one_off(piece, word) or piece in held:
                    continue
                if any(official in held for official in synonyms().get(piece, ())):
                    continue  # 午饭 is the row's 午餐 in everyday words, not another thing one character off 米饭
                if len(piece) >= 3 and _in_order(piece, value):
                    continue  # 政务中心 of 政务服务中心, 工商联 of 工商业联合会: the cell's name shortened, in its order
                if any(
                    piece.replace(everyday, official) in held
                    for everyday, officials in synonyms().items()
                    if len(everyday) >= 2 and everyday in piece
                    for official in officials
                ):
                    continue  # 骨干老师 is the row's 骨干教师: an everyday word inside it, said officially
                if any(m.start() < b and a < m.end() for m in _DEMONSTRATIVE.finditer(question)):
                    continue  # 新生体检那 of 新生体检那笔钱 is no word: 那笔 points at the thing named before it
                if any(ch in _FUNCTION_CHARS for ch in piece) or (len(piece) == 2 and not dictionary_count(piece)):
                    continue  # 科的 of 审计科的, 赵晓 of 赵晓燕 are no words
                if len(piece) == 2 and piece[1] != word[1]:
                    continue  # two words of two characters are kin by their last (上午, 下午), not 上课 and 上午
                if any(n.find(piece) >= 0 or piece.find(n) >= 0 for n in person_names(question)):
                    continue  # a person's name is told from another's by `name_unheld`
                at = a + next(k for k in range(len(word)) if piece[k] != word[k])
                if any(m.start() <= at < m.end() for m in _ASKING.finditer(question)):
                    continue  # 一级 of 哪一级财政 is no word one character off 区级
                if question[at] in _LONE_VERBS and (at, at + 1) in tokens:
                    continue  # 伙食要 of 伙食要交 is no word one character off 伙食费: 要 is a word of its own
                if len(piece) > 2 and at == b - 1 and _last_of_pair(tokens, at, a):
                    continue  # 新训 of 高一新训 is kin to no 新生 of 高一新生: two-character words are kin by their last
                if question[at - 1 : at] != "第" and numeral_counts(question[at], question[at + 1 :]):
                    continue  # 午间托管一 and 一个 of 午间托管一个月 are no words: 一 counts the 个月 after it
                if not any(i < b and a < j and (i < a or j > b) for i, j in stretches):
                    return Mismatch(piece, word, name)
    roles = [_role_of(n) for n, _ in fields if _role_of(n).endswith(_ROLE_END) and len(_role_of(n)) >= 3]
    asked = [m.group(1) + _ROLE_END for m in _WHO_DOES.finditer(question)]
    asked += [question[a : a + 3] for a in range(len(question) - 2) if question[a + 2] == _ROLE_END]
    # 领的人 of 谁领的 is no role: a verb and 的 say who did it, as the row's 领用人 does.
    asked = [piece for piece in asked if not set(piece) & _FUNCTION_CHARS]
    for role in roles:
        for piece in asked:
            if _one_off(piece, role) and piece not in held:
                return Mismatch(piece, role, "")
    return _modifier_mismatch(question, fields, held)


def cut_across(question: str, terms: Sequence[str], fields: Fields) -> frozenset[str]:
    """The ``terms`` the dictionary cut across a stretch of ``question`` that a cell of the row holds,
    three characters or more, leaving outside it only a verb: 衣领 of 手术衣领了几盒, where the row
    holds 无菌手术衣, is 手术衣 and the verb 领, no collar. A term whose leftover is a thing (衣柜 of
    手术衣柜) stays a word of its own."""
    values = [v for n, v in fields if n not in ORDINAL_COLUMNS]
    stretches = [
        (a, b)
        for a in range(len(question))
        for b in [max((b for b in range(a + 3, len(question) + 1) if any(question[a:b] in v for v in values)), default=0)]
        if b
    ]
    out: set[str] = set()
    for term in terms:
        for at in (m.start() for m in re.finditer(re.escape(term), question)):
            end = at + len(term)
            for a, b in stretches:
                if a < at < b < end:
                    rest = question[b:end]
                elif at < a < end <= b:
                    rest = question[at:a]
                else:
                    continue
                tags = [f for _, f in jieba_tagged(rest, hmm=False)]
                if tags and all(f.startswith("v") and f != "vn" for f in tags):
                    out.add(term)
    return frozenset(out)


def _last_of_pair(tokens: Sequence[tuple[int, int]], at: int, start: int) -> bool:
    """Whether the character at ``at`` ends a word of two characters inside a piece that starts at
    ``start``: a dictionary word of two (学生), or two lone characters the dictionary does not know as
    one (新 训 of 新训, short for 新生军训)."""
    word = next(((i, j) for i, j in tokens if i <= at < j), None)
    if word is None or start > word[0]:
        return False
    if word[1] - word[0] == 2:
        return at == word[1] - 1
    before = next(((i, j) for i, j in tokens if j == at), None)
    return word[1] - word[0] == 1 and before is not None and before[1] - before[0] == 1 and before[0] >= start


# Tags of jieba's dictionary for words that name no thing: pronouns (这次), numerals and measure words,
# prepositions, conjunctions, particles, adverbs, time words, idioms (由谁来) and adjectives (优秀).
_NO_THING_TAGS = ("r", "m", "q", "p", "c", "u", "d", "t", "l", "f", "a")


@lru_cache(maxsize=4096)
def _dictionary_tags(word: str) -> tuple[str, ...]:
    """The tags jieba's dictionary gives the pieces of ``word`` (one tag when it is one word)."""
    import jieba.posseg as pseg

    return tuple(p.flag for p in pseg.lcut(word, HMM=False))


@lru_cache(maxsize=4096)
def _thing(word: str) -> bool:
    """Whether ``word`` may name a thing (食堂, 跑道, which the dictionary tags as a verb): no pronoun,
    numeral, particle or other function word (`_NO_THING_TAGS`), no asking word, and no word by which a
    question asks for a kind of column (负责 of 谁负责 and 负责人, 牵头, 时间)."""
    tags = _dictionary_tags(word)
    if len(tags) != 1 or tags[0].startswith(_NO_THING_TAGS) or _ASKING.search(word):
        return False
    return not any(word in phrase for k in column_kinds() for phrase in (*k.name_parts, *k.asks))


def _noun(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as one noun or place word (厕所, 运动场), not a verbal noun."""
    tags = _dictionary_tags(word)
    return len(tags) == 1 and (tags[0].startswith("n") or tags[0] == "s") and tags[0] != "vn"


def _modifier_mismatch(question: str, fields: Fields, held: str) -> Mismatch | None:
    """A thing the question names by a word and what kind of thing it is (食堂改造: 食堂, then 改造)
    where a cell of the row names a thing of that kind by another word (厕所改造提升: 厕所, then 改造):
    the question's word stands nowhere in the row (``held``: its cells, its column names, its table's
    title), shares no character with the cell's word (操场 and 运动场 may name one place) and is no
    everyday word for it, and the cell's word is a noun (优秀中青年 names no other thing than 中青年). The two name different things of one kind, so the row is not the one asked of."""
    import jieba

    said = jieba.lcut(question, HMM=False)
    pairs = [(said[k], said[k + 1]) for k in range(len(said) - 1)]
    for name, value in fields:
        if name in ORDINAL_COLUMNS:
            continue
        words = jieba.lcut(value, HMM=False)
        before = {words[k + 1]: words[k] for k in range(len(words) - 1)}
        # The words that run up to each word of the cell (家庭 and 生活 of 家庭生活困难): the cell's whole
        # modifier of it, of which ``before`` keeps only the nearest.
        run_up = {words[k]: _run_before(words, k) for k in range(len(words))}
        for word, head in pairs:
            other = before.get(head, "")
            if len(head) < 2 or len(word) < 2 or len(other) < 2 or not _ALL_CJK.match(word + head + other):
                continue
            if word in held or other in question or set(word) & set(other) or not (_thing(word) and _noun(other)):
                continue  # 负责医疗, 这次改造, 由谁来保障, 优秀中青年: no two things of one kind
            if set(word) & set(run_up.get(head, "")):
                continue  # 家里困难 of 家庭生活困难: the question's word is kin to a farther word of the cell's modifier
            if other in synonyms().get(word, ()) or word in synonyms().get(other, ()):
                continue
            return Mismatch(word + head, other + head, name)
    return None


def _run_before(words: Sequence[str], k: int, most: int = 2) -> str:
    """The words of Chinese right before ``words[k]``, at most ``most`` of them and none past a mark, a
    figure or a word that ties others together (的, 和): what modifies it in its cell."""
    start = k
    while start > max(0, k - most) and _ALL_CJK.match(words[start - 1]) and words[start - 1] not in _FUNCTION_CHARS:
        start -= 1
    return "".join(words[start:k])


def blank_named(question: str, rows: Sequence[Fields], index: int) -> str:
    """A column of the table that ``question`` names (备注, 带班领导电话) and row ``index`` leaves
    blank, though other rows fill it; '' when there is none. The row does not say what is asked, and
    no other cell of it may stand in for the blank one."""
    own = {name for name, _ in rows[index]}
    for name in dict.fromkeys(n for r in rows if not is_total(r) for n, _ in r):
        core = _role_of(name)
        if name not in own and name not in ORDINAL_COLUMNS and len(core) >= 2 and core in question.replace("的", ""):
            return core
    return ""


@lru_cache(maxsize=256)
def _who_does(question: str) -> str:
    """The verb of two characters right after 谁 (由谁主持 → 主持; 谁去参加 → 参加); '' when none."""
    import jieba.posseg as pseg

    words = [(w, f) for w, f in pseg.cut(question)]
    for n, (w, _) in enumerate(words[:-1]):
        if w != "谁":
            continue
        rest = words[n + 1 :]
        if rest and rest[0][0] in ("来", "去") and len(rest) > 1:
            rest = rest[1:]
        verb, flag = rest[0]
        if len(verb) == 2 and flag.startswith("v") and _ALL_CJK.match(verb):
            return verb
    return ""


def role_unheld(question: str, fields: Fields) -> str:
    """The role a question asks for by what a person does (由谁主持, 谁审核) when no column of the row
    is named for it: no column name shares a character with the verb (主讲人 does with 讲课; 负责人 does
    not with 主持), and the verb is not one any column of people or bodies answers (谁负责, 谁牵头:
    `column_kinds`). A table of who is 负责人 does not say who 主持 or 审核. A row whose own cells
    write the act (慰问困难老党员 of its 工作内容) is the task asked of: its columns of people and bodies say who
    does it. '' when there is none."""
    verb = _who_does(question)
    if not verb:
        return ""
    if any(f"谁{verb}" in k.asks for k in column_kinds()):
        return ""
    names = "".join(name for name, _ in fields)
    if set(verb) & set(names) or not any(kinds_of_column(n) & {"person", "body"} for n, _ in fields):
        return ""
    if any(verb in value for name, value in fields if not kinds_of_column(name) & {"person", "body"}):
        return ""
    return verb


# -- the asked cell said with its measure: 几个班 of 计划班数：4 is answered 4个班 ------------------------

# 几个班, 多少人, 几分, 多少名: a count asked, with 个 before its measure when the question says it.
# Not after a verb that changes a figure (扣几分, 加多少分): that asks how much it changes by, not the cell.
_MEASURE_ASKED = re.compile(r"(?<![扣减罚加])(?:几|多少)(个?)([\u4e00-\u9fff])(?!钟)")


def measured_cells(question: str, fields: Fields, row: Fields | None = None) -> list[str]:
    """The row's cells that ``question`` asks for by a count and its measure (几个班, 多少人, 几分) or by
    the column's own name and an asking word (分值多少, 班数是多少), each said with the column's measure
    (计划班数为4个班, 分值为8分): a column of counts names its measure (`count_unit`), and its plain
    number is a number of that thing. A measure of several characters in brackets (服务时长（小时）) is asked
    by it only when no other column of the whole ``row`` the ``fields`` come from (default: ``fields``)
    is counted in it. Empty when the question asks no such count."""
    asked = [(ge, measure) for ge, measure in _MEASURE_ASKED.findall(question)]
    # A measure of several characters in brackets (服务时长（小时）, 里程（公里）) is asked by it (多少个小时)
    # when no other column of the row is counted in it: 多少学时 beside four columns of 学时 names none.
    longer = [_long_measure(name) for name, _ in (fields if row is None else row)]
    asked += [
        (m.group(1), unit)
        for unit in dict.fromkeys(u for u in longer if u and longer.count(u) == 1)
        for m in re.finditer(rf"(?<![扣减罚加])(?:几|多少)(个?){re.escape(unit)}", question)
    ]
    out: list[str] = []
    for name, value in fields:
        # An amount's unit (预算（万元）) is quoted with its column already; a measure word in brackets
        # (领用量（盒）) counts the column's things as 计划班数 does.
        measure = count_unit(name) or _bracket_measure(name) or _long_measure(name)
        if name in ORDINAL_COLUMNS or not measure or number_of(value) is None:
            continue
        role = _role_of(name)
        by_name = re.search(rf"{re.escape(role)}(?:是|为|有|定为)?(?:多少|几)", question)
        ge = next((g for g, m in asked if m == measure), None)
        if ge is None and not by_name:
            continue
        said = f"{role}为{value.strip()}{ge or ''}{measure}"
        if said not in out:
            out.append(said)
    return out


def measured_lead(question: str, rows: Sequence[Fields]) -> str:
    """A sentence that says the counts ``question`` asks of the quoted ``rows`` with their measure
    (计划班数为4个班。), before the rows are quoted; '' when it asks none of them."""
    lines = ["，".join(said) + "。" for fields in rows if (said := measured_cells(question, fields))]
    return "\n".join(lines) + "\n" if lines else ""


# -- a person named by surname and title: 马组长 for 马国强 in a 组长 column ---------------------------


def titled_names(question: str, rows: Sequence[Fields]) -> str:
    """``question`` with each person it names by surname and title (马组长, 林主任) written as the full
    name a row holds, so that the row is named as by the name itself.

    A form is the first character of a name cell (two to four Chinese characters, in a column of people
    or a column named by a role: 组长, 负责人) followed by the column's name when that is a role, or by a
    role the same row states in another short cell (职务：校长 → 马校长). A form that stands for two
    different people is left as it is (which one is meant is the user's to say).
    """
    forms: dict[str, set[str]] = {}
    for fields in rows:
        roles = [v.strip() for _, v in fields if 2 <= len(v.strip()) <= 4 and v.strip().endswith(_ROLE_ENDS)]
        for name, value in fields:
            person = value.strip()
            if not (2 <= len(person) <= 4 and _ALL_CJK.match(person)):
                continue
            own = name.rsplit("·", 1)[-1]
            titled = own.endswith(_ROLE_ENDS) and len(own) <= 4
            if not titled and "person" not in kinds_of_column(name):
                continue
            for title in ([own] if titled else []) + [r for r in roles if r != person]:
                forms.setdefault(person[0] + title, set()).add(person)
    for form in sorted(forms, key=len, reverse=True):
        people = forms[form]
        if len(people) == 1 and form in question and not any(p in question for p in people):
            question = question.replace(form, next(iter(people)))
    return question


# 七八年级, 三四班: two numerals one after the other, run together before what they number, stand for
# the pair a table lists with a 、 between them (七、八年级).
_RUN_PAIR = re.compile(r"(?<![一二三四五六七八九十\d])([一二三四五六七八九])([一二三四五六七八九])(?=[\u4e00-\u9fff])")


def listed_pairs(question: str, rows: Sequence[Fields]) -> str:
    """``question`` with each pair of numbers it runs together (七八年级) written as a row's cell lists
    them (七、八年级), so that the row is named as by its own words. Only consecutive numbers (七八, not
    七九) are a pair spoken so, and only a pair a cell lists before the same character is rewritten."""
    cells = " ".join(v for fields in rows for _, v in fields)
    for m in reversed(list(_RUN_PAIR.finditer(question))):
        first, second = m.group(1), m.group(2)
        if _NUMERAL.index(second) != _NUMERAL.index(first) + 1:
            continue
        listed = f"{first}、{second}{question[m.end()]}"
        if listed in cells:
            question = question[: m.start()] + f"{first}、{second}" + question[m.end() :]
    return question


def spoken_nouns(question: str, rows: Sequence[Fields]) -> str:
    """``question`` with the everyday forms of two nouns written as a row's cell writes them, so that the
    row is named as by its own words: a noun of one character said with the suffix 子 (本子 of 本子费,
    where a cell holds 作业本费: 本费), and a thing said as another's in full with 的 (学校的车, where a
    cell holds 校车接送费: the compound 校车 of the owner's last character and the thing). A form is
    rewritten only when the rewritten stretch, with the character after it, stands in a cell and the
    compound is a word of the dictionary or opens a cell; the question is returned as it is otherwise."""
    cells = " ".join(v for fields in rows for n, v in fields if n not in ORDINAL_COLUMNS)
    if not cells:
        return question
    at = 0
    words: list[tuple[int, str, str]] = []
    for word, flag in jieba_tagged(question, hmm=False):
        words.append((at, word, flag))
        at += len(word)
    for k in reversed(range(len(words))):
        start, word, flag = words[k]
        end = start + len(word)
        if len(word) == 2 and word[1] == "子" and flag.startswith("n") and _CJK.match(word[0]):
            # 本子费 → 本费: the suffix dropped, the noun and the word after it stand in a cell.
            after = question[end : end + 1]
            if after and _CJK.match(after) and word[0] + after in cells and word + after not in cells:
                question = question[: start + 1] + question[end:]
        elif word == "的" and 0 < k < len(words) - 1:
            owner, thing = words[k - 1], words[k + 1]
            if len(owner[1]) < 2 or not owner[2].startswith("n") or len(thing[1]) != 1 or thing[2][:1] not in ("n", "z"):
                continue
            compound = owner[1][-1] + thing[1]
            opens = any(v.strip().startswith(compound) for fields in rows for n, v in fields if n not in ORDINAL_COLUMNS)
            if (opens or (compound in cells and dictionary_count(compound))) and f"{owner[1]}的{thing[1]}" not in cells:
                question = question[: owner[0]] + compound + question[thing[0] + 1 :]
    return question


# -- the column asked, by the words of its header: 开工 asks a 计划开工时间, not a 完成时限 ------------------


# Kinds a column states by a figure: a question may ask one by its word alone (多少投资, 几号的时间).
_FIGURE_KINDS = ("amount", "date", "quantity")


def _head_words() -> frozenset[str]:
    """The words that say what kind of thing a column holds (时间, 资金, 单位: `column_kinds`)."""
    return frozenset(p for k in column_kinds() for p in k.name_parts)


@lru_cache(maxsize=1024)
def header_modifiers(name: str) -> tuple[str, ...]:
    """The words of a column's name besides the word of its kind and its unit: what tells it from other
    columns of its kind (完成 of 完成时限, 计划 and 开工 of 计划开工时间, 分配 of 分配资金（万元）·小计);
    none for a bare column of its kind (投资金额, 时间)."""
    import jieba

    heads = _head_words()
    return tuple(
        dict.fromkeys(
            word
            for part in name.split(LEVEL_SEP)
            for word in jieba.lcut(_UNIT_NAME.sub("", part))
            if len(word) >= 2 and _ALL_CJK.match(word) and not any(word in h or h in word for h in heads)
        )
    )


def header_words(tables: Sequence[Sequence[str]], kind: str) -> frozenset[str]:
    """The words that tell columns of ``kind`` apart within one of the ``tables`` (each its column names):
    a word some of its columns of that kind hold in their names and others do not (开工 of 计划开工时间
    beside 计划完工时间; 完成 of 完成投资 beside 计划投资). 计划, which both dates of a repair list hold,
    tells none apart."""
    out: set[str] = set()
    for names in tables:
        of_kind = [header_modifiers(n) for n in dict.fromkeys(names) if kind in kinds_of_column(n)]
        words = {w for mods in of_kind for w in mods}
        out |= {w for w in words if not all(w in mods for mods in of_kind)}
    return frozenset(out)


def asked_column_unheld(question: str, fields: Fields, tables: Sequence[Sequence[str]]) -> str:
    """The word by which ``question`` asks which column of a kind it wants (开工 of 什么时候开工, 完成 of
    完成了多少投资) when the row's columns of that kind are of another meaning: each says by its name
    what it is of (完成时限, 分配资金), and none holds that word, starts with its character (完工 for 完成)
    or has its own word stand in the question. A date column named 完成时限 does not say when a thing
    starts, nor a column of money allotted what was spent. The asking words are those that tell columns
    of the kind apart in the tables found (`header_words`); one the row's cells hold names the row, not
    the column. A bare column of the kind (投资金额, 时间) says no other meaning and answers. '' when the
    row has such a column, or the question asks by no such word."""
    import jieba

    said = [w for w in jieba.lcut(question) if len(w) >= 2]
    values = " ".join(value for _, value in fields)
    # 完成了多少投资 asks an amount by the word of its kind (投资) and an asking word, not by a phrase.
    named = {k for w in said if w in _head_words() for k in kinds_of_column(w) if k in _FIGURE_KINDS}
    kinds = asked_kinds(question) | (named if _ASKING.search(question) else set())
    if scored := score_unheld(question, fields):
        return scored
    for kind in sorted(kinds):
        if kind == "amount" and (act := _act_unheld(question, fields)):
            return act
        if kind == "date" and (phase := phase_unheld(question, fields)):
            return phase
        asking = [w for w in said if w in header_words(tables, kind) and w not in values]
        own = [header_modifiers(name) for name, _ in fields if kinds_of_column(name) & _AKIN.get(kind, {kind})]
        if not asking or not own or any(not mods for mods in own):
            continue
        if not any(m in question or m[0] == w[0] for mods in own for m in mods for w in asking):
            return asking[0]
    return ""


# The two ends of a thing done over time: the words that name its start and those that name its end. A date
# named for one end (发车时间, 计划开工时间) does not say when the other comes (到, 完工).
_STARTS = re.compile(
    r"开工|动工|开始|开学|开班|开课|开幕|开放|开门|开馆|开船|开车|开航|启动|启程|出发|出车|发车|发船|起飞|起运|起航"
)
_ENDS = re.compile(
    r"完成|完工|竣工|结束|截止|闭幕|结课|闭馆|关门|收车|到期|到达|抵达|到站|到港|靠岸"
    r"|(?:几点|什么时候|什么时间|何时|哪天|几号)(?:才|能|会|可以)?到"
    # A verb with the resultative 完 (办完, 做完, 建完) says the act is ended; 完善, 完整 are words of their own.
    r"|完毕|[\u4e00-\u9fff]完(?![善整全美备好成工毕])"
)
# A span of time (9:00—11:30, 4月1日至4月5日, 2026年4月—7月) says when a thing starts and when it ends.
_SPAN = re.compile(r"\d\s*[年月日号]?\s*(?:—+|–|-|－|~|～|至|到)\s*\d")
# The two ends of a span of days or months (2026年4月—7月, 3月1日至15日) or of clock times (8:00—10:00).
_SPAN_ENDS = re.compile(
    r"^\s*(?P<a>(?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*[日号])?|\d{1,2}[:：]\d{2})\s*"
    r"(?:—+|–|-|－|~|～|至|到)\s*"
    r"(?P<b>(?:\d{4}\s*年)?\s*(?:\d{1,2}\s*月)?\s*(?:\d{1,2}\s*[日号])?|\d{1,2}[:：]\d{2})\s*(?:底|末|止)?\s*$"
)
_DATE_PARTS = re.compile(r"(?:(\d{4})\s*年)?\s*(?:(\d{1,2})\s*月)?\s*(?:(\d{1,2})\s*[日号])?")


def phase_asked(question: str) -> tuple[str, str]:
    """The one end of a thing done over time that ``question`` asks the date of, and the word it asks it by:
    ('end', 截止) of 什么时候截止, ('start', 开工) of 几号开工; ('', '') when it asks both or neither."""
    asked = _phases(question)
    if len(asked) != 1:
        return "", ""
    (phase,) = asked
    m = (_STARTS if phase == "start" else _ENDS).search(question)
    word = m.group(0) if m else ""
    return phase, word if len(word) <= 2 else word[-1]


def span_end(value: str, phase: str) -> str:
    """The start or end (``phase``) of a span a cell writes, whole: 2026年4月—7月 ends 2026年7月 (the year
    carried over from its start), 3月1日至15日 ends 3月15日, 8:00—10:00 ends 10:00; '' for a cell that
    writes no such span."""
    m = _SPAN_ENDS.match(value)
    if not m or not re.search(r"\d", m.group("a")) or not re.search(r"\d", m.group("b")):
        return ""
    a, b = m.group("a").strip(), m.group("b").strip()
    if re.search(r"[:：]", a) or re.search(r"[:：]", b):
        return (a if phase == "start" else b) if re.search(r"[:：]", a) and re.search(r"[:：]", b) else ""
    if phase == "start":
        return a
    start, end = _DATE_PARTS.fullmatch(a), _DATE_PARTS.fullmatch(b)
    if start is None or end is None:
        return ""
    year, month, day = (end.group(k) or "" for k in (1, 2, 3))
    if not year and not month:
        month = start.group(2) or ""  # 3月1日至15日: the end's month is the start's
    if not year and (month or day):
        year = start.group(1) or ""
    if not (month or day) or (day and not month):
        return ""
    close = value.strip()[-1] if value.strip()[-1] in "底末" else ""  # 6月底 ends at the month's close
    return f"{f'{year}年' if year else ''}{month}月{f'{day}日' if day else ''}{close}"


def _phases(text: str) -> set[str]:
    return {phase for phase, words in (("start", _STARTS), ("end", _ENDS)) if words.search(text)}


def phase_unheld(question: str, fields: Fields) -> str:
    """The end of a thing done over time that ``question`` asks the date of (到 of 几点到, 开工 of 什么时候开工)
    when each date column of the row is named for its other end (发车时间, 完成时限) and no cell of the row
    names the end asked: a time of leaving is not a time of arriving. '' when the question names both ends
    or neither, a date column names no end (时间, 比赛时间) or the end asked, or the row says it."""
    asked = _phases(question)
    if len(asked) != 1:
        return ""
    dates = [name for name, _ in fields if "date" in kinds_of_column(name)]
    if not dates or any(_phases(name) != {"start", "end"} - asked for name in dates):
        return ""
    if any(_phases(value) & asked or ("date" in kinds_of_column(name) and _SPAN.search(value)) for name, value in fields):
        return ""
    words = _STARTS if "start" in asked else _ENDS
    m = words.search(question)
    word = m.group(0) if m else ""
    return word if len(word) <= 2 else word[-1]  # 到 of 几点到


# A score a question asks as given (打了几分, 得了多少分, 考了几分): what was scored, which a column of the
# points an item is worth (分值, 满分) does not say.
_SCORED = re.compile(r"([打得评拿考获给])了(?:几|多少)分")
_WORTH = ("分值", "满分", "标准分")
# A column of scores given: 得分, 积分, 分数, 成绩, 评分 (not 评分标准, the rule by which points are taken off).
_GIVEN = re.compile(r"得分|积分|分数|成绩|评分(?!标准|办法|细则|依据)")


def score_unheld(question: str, fields: Fields) -> str:
    """The act by which ``question`` asks a score that was given (打了 of 打了几分) when every score column of
    the row names the points an item is worth (分值, 满分), not what it scored (得分, 积分): a table of what
    each item is worth does not say what anyone scored. '' when the question asks no such score, or the row
    has a column of scores given."""
    m = _SCORED.search(question)
    if not m:
        return ""
    names = [name for name, _ in fields]
    if not any(w in name for name in names for w in _WORTH) or any(_GIVEN.search(name) for name in names):
        return ""
    return m.group(1) + "了"


# Verbs of paying, buying, having and needing: a sum asked by them (要交多少, 花了多少) is what a column of money
# says, whatever act its name is of.
_GENERAL_ACTS = _LONE_VERBS | frozenset("花给有是用买购")
# The asking words of a sum, after an aspect word (退了多少).
_SUM_ASKED = re.compile(r"([\u4e00-\u9fff])[了过]?(?:多少|几)")


def _act_unheld(question: str, fields: Fields) -> str:
    """The verb of one character by which ``question`` asks a sum (退 of 能退多少钱) when the row says no
    such act: each of its columns of money is named for another act (收费 of 收费标准（元）), and no column
    name nor cell of the row holds the verb. A sum charged is not the sum given back. '' when the verb is one
    of paying, having or needing (`_GENERAL_ACTS`), the row holds it, or a column of money says no act."""
    own = [header_modifiers(name) for name, _ in fields if "amount" in kinds_of_column(name)]
    if not own or any(not mods for mods in own):
        return ""
    tags = dict(_single_char_words(question))
    held = " ".join(f"{name} {value}" for name, value in fields)
    for m in _SUM_ASKED.finditer(question):
        verb = m.group(1)
        if verb in _GENERAL_ACTS or not tags.get(m.start(1), "").startswith("v") or verb in held:
            continue
        if not any(verb in mod for mods in own for mod in mods):
            return verb
    return ""


def _single_char_words(text: str) -> list[tuple[int, str]]:
    """Where jieba cuts a word of one character out of ``text``, with its tag."""
    out, at = [], 0
    for word, flag in jieba_tagged(text, hmm=False):
        if len(word) == 1:
            out.append((at, flag))
        at += len(word)
    return out


# A column of bodies or people asked by what the body does (施工单位, 监理单位, 验收部门, 值班人员).
_QUALIFIED_BODY = re.compile(r"([\u4e00-\u9fff]{2})(单位|部门|科室|处室|机构|人员)")


def qualified_column_unheld(question: str, fields: Fields) -> str:
    """The column a question names by what its body or people do (施工单位 of 路灯安装的施工单位是哪家)
    when the row has columns of that kind for another role only (责任单位, 牵头部门): the role's word (施工)
    stands in no column name nor cell of the row, and no column of the kind is a bare one (单位) that
    says no role. 责任单位 does not say who builds, so the row does not answer. '' when the row has such
    a column, or the question names none."""
    import jieba

    values = " ".join(value for _, value in fields)
    starts = {0}
    at = 0
    for token in jieba.lcut(question, HMM=False):
        at += len(token)
        starts.add(at)
    for m in _QUALIFIED_BODY.finditer(question):
        role, head = m.group(1), m.group(2)
        if m.start() not in starts or not dictionary_count(role) or _ASKING.search(role):
            continue  # 哪个部门 asks, 室的部门 is no word
        if any(ch in _FUNCTION_CHARS for ch in role):
            continue
        kinds = _AKIN.get(next(iter(sorted(kinds_of_column(head))), ""), kinds_of_column(head))
        of_kind = [_UNIT_NAME.sub("", name.rsplit(LEVEL_SEP, 1)[-1]) for name, _ in fields if kinds_of_column(name) & kinds]
        if not of_kind or any(name == head for name in of_kind):
            continue  # no column of the kind (another rule's), or a bare 单位 that says no role
        if any(role in name for name, _ in fields) or role in values:
            continue  # 牵头 of 牵头单位, or a word the row's cells hold (the row's subject)
        if any(name.replace(head, "")[:1] == role[:1] for name in of_kind):
            continue  # 主办单位 of a 主责单位 column: one character of the role is one word of it
        return role + head
    return ""


def row_words(
    question: str, fields: Fields, columns: str, groups: frozenset[str] = frozenset(), short_only: bool = False
) -> frozenset[str]:
    """The words of ``question`` (two characters or more, no column's word: 完成, 投资) that a row's naming
    cells hold, whole or as a short form (三小 of 青溪区第三小学): the words by which the question names
    it. A naming cell is its subject (the first after any 序号, and the next one too where the first is
    a group's, carried down from a merged cell over several rows: one of ``groups``) or a short one; a
    cell of prose (为全区58所学校…提供驻校保安服务) holds many words by the way, and names nothing by them.
    With ``short_only``, a subject of prose (a task of a 任务分工表) names nothing either."""
    import jieba

    listed = [value for name, value in fields if name not in ORDINAL_COLUMNS]
    first = 2 if listed and listed[0] in groups else 1
    short = [v for v in listed if len(_CJK.findall(v)) < PROSE_CELL]
    head = listed[:first]
    subject = subject_cell(fields)
    if subject and subject not in head:
        head.append(subject)  # 具体事项 of a table that opens with 完成期限: the day and the task both name it
    cells = short if short_only else head + [v for v in listed if v not in head and v in short]
    words = [
        w
        for w in dict.fromkeys(jieba.lcut(question))
        if len(w) >= 2 and _ALL_CJK.match(w) and w not in columns and not _asking_word(w)
    ]
    naming = [(name, value) for name, value in fields if value in cells]
    return frozenset(w for w in words if any(w in v for v in cells) or short_forms([w], naming))


def _asking_word(word: str) -> bool:
    """Whether a word belongs to how questions ask for a kind of column (负责 of 谁负责, 牵头 of 谁牵头,
    时限, 预算): it says what is asked of a row, not which row."""
    return any(word in ask for kind in column_kinds() for ask in kind.asks)


def named_better_elsewhere(question: str, fields: Fields, rows: Sequence[Fields]) -> bool:
    """Whether ``question`` names another row of the tables found (``rows``) rather than this one:
    that row's short cells hold every word by which the question names this row and more (二中扩建工程 names
    柳湾区第二中学扩建工程 by 二中, 扩建 and 工程, and the row of 柳湾区第二中学's 消防设施改造 by 二中
    alone), or the question says that row's subject cell whole (城南小学) and no cell of this row, which
    holds that subject nowhere (河口镇中学围墙改造)."""
    columns = " ".join(dict.fromkeys(n for r in rows for n, _ in r))
    firsts = [subject_cell(r) for r in rows if not is_total(r)]
    groups = frozenset(f for f in firsts if firsts.count(f) >= 2)
    own = row_words(question, fields, columns, groups)
    mine = tuple(fields)
    others = [r for r in rows if tuple(r) != mine and not is_total(r)]
    # Only the other row's names count (a short subject cell, 柳湾区第二中学扩建工程): a task of prose holds
    # many words by the way, and outnames no row by them.
    if any(own < row_words(question, other, columns, groups, short_only=True) for other in others):
        return True
    cells = [value.strip() for name, value in fields if name not in ORDINAL_COLUMNS]
    if any(len(v) >= 3 and v in question for v in cells):
        return False
    subjects = {subject_cell(r).strip() for r in others}
    return any(len(_CJK.findall(s)) >= 3 and s in question and not any(s in v for v in cells) for s in subjects)


# A row's subject cell named by meaning: at least this many Chinese characters, and no day or figure (days
# and places point at rows by `rows_pointed`; a figure is no name to compare in meaning).
_MEANT_CHARS = 2
_FIGURE = re.compile(r"\d")


def _meant_subjects(rows: Sequence[Fields]) -> dict[str, list[int]]:
    """The listed rows by their subject cell, for the cells a question may name in other words."""
    out: dict[str, list[int]] = {}
    for i, fields in enumerate(rows):
        if is_total(fields):
            continue
        subject = subject_cell(fields).strip()
        if len(_CJK.findall(subject)) >= _MEANT_CHARS and not _FIGURE.search(subject):
            out.setdefault(subject, []).append(i)
    return out


def closest_subject(
    text: str,
    subjects: Sequence[str],
    similarity: Callable[[str, Sequence[str]], Sequence[float]],
    margin: float,
    chars: float = 0.0,
) -> int | None:
    """The index of the one of ``subjects`` closest to ``text``, when it is closer than every other by
    ``margin`` at least; None otherwise (fewer than two subjects: no rival to be closer than). Closeness is
    the embedder's cosine (``text`` as a query) plus ``chars`` times the share of the subject's Chinese
    characters that ``text`` holds: meaning, with the words the two share (本子费 of 作业本费)."""
    if len(subjects) < 2:
        return None
    held = set(_CJK.findall(text))
    scores = [
        cosine + chars * (sum(ch in held for ch in cjk) / len(cjk) if (cjk := _CJK.findall(subject)) else 0.0)
        for cosine, subject in zip(similarity(text, subjects), subjects, strict=True)
    ]
    order = sorted(range(len(subjects)), key=lambda k: -scores[k])
    return order[0] if scores[order[0]] - scores[order[1]] >= margin else None


def rows_meant(
    question: str,
    terms: Sequence[str],
    rows: Sequence[Fields],
    similarity: Callable[[str, Sequence[str]], Sequence[float]],
    margin: float,
    chars: float = 0.0,
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The row ``question`` names by its subject in other words (电子放大镜 of a row for 数码显微镜), and the words
    of the question (of its ``terms``) that name it so. A row is meant when its subject cell is the closest
    of the table's to the question by ``margin`` (`closest_subject`, with ``chars``), and each of ``terms`` that
    the table does not write whole (no column name nor cell holds it or its official word, and it does not
    name the table itself: `names_table`)
    is itself closest to that subject by the same margin: those are the words that name it. No row when such
    a word points elsewhere or nowhere (保修 of a purchase list: a thing the table does not say), when every
    term stands in the table (its own words name the row, or none), or when the closest subject is the
    subject of several rows. ``((), ())`` when no row is meant."""
    held = " ".join(f"{n} {v}" for fields in rows for n, v in fields)
    unheld = [
        t
        for t in dict.fromkeys(terms)
        if len(t) >= 2
        and _ALL_CJK.match(t)
        and not _ASKING.search(t)
        and not names_table(t, held)
        and t not in held
        and not any(official in held for official in synonyms().get(t, ()))
    ]
    if not unheld:
        return (), ()
    subjects = _meant_subjects(rows)
    names = list(subjects)
    best = closest_subject(question, names, similarity, margin, chars)
    if best is None or len(subjects[names[best]]) != 1:
        return (), ()
    if any(closest_subject(t, names, similarity, margin, chars) != best for t in unheld):
        return (), ()
    return tuple(subjects[names[best]]), tuple(unheld)


# Words that join the items of one list in a question (A和B, A、B, A与B, A以及B, A或B).
_COORDINATOR = re.compile(r"以及|还有|或者|和|与|及|跟|同|、|或")
_COORDINATED_GAP = 4  # at most this many characters stand between two coordinated items besides the joining word


def _coordinated(question: str, a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` stand in ``question`` as items of one list: one after the other, joined by a
    coordinating word with at most a few characters (电子 of 显微镜和电子天平) beside it."""
    for first, second in ((a, b), (b, a)):
        at = question.find(first)
        while at >= 0:
            rest = question[at + len(first) :]
            end = rest.find(second)
            if end >= 0:
                gap = rest[:end]
                if _COORDINATOR.search(gap) and len(gap) <= _COORDINATED_GAP + 2 and all(_CJK.match(ch) or ch == "、" for ch in gap):
                    return True
            at = question.find(first, at + 1)
    return False


def sibling_words(question: str, terms: Sequence[str], fields: Fields, rows: Sequence[Fields]) -> list[str]:
    """The words of ``terms`` by which ``question`` names other rows of this row's table alongside this one
    (天平 of 显微镜和天平的单价, asked of the 显微镜's row): a word no cell of this row holds, held by another
    row (``rows``) in the very column where this row holds a word of the question that the list joins to it
    and that row's cell does not. They name the rows asked beside this one, not something this row lacks."""
    mine = tuple(fields)
    own = [(name, value) for name, value in fields if name not in ORDINAL_COLUMNS]
    out = []
    for term in terms:
        if len(term) < 2 or any(term in value for _, value in fields):
            continue
        for other in rows:
            if tuple(other) == mine or is_total(other):
                continue
            columns = {name: value for name, value in other if name not in ORDINAL_COLUMNS and term in value}
            # The word joined to it must tell this row from that one (云岗 and 南湾, not 小学 of both).
            if any(
                u != term and u in value and u not in columns[name] and _coordinated(question, u, term)
                for name, value in own
                if name in columns
                for u in terms
                if len(u) >= 2
            ):
                out.append(term)
                break
    return out

