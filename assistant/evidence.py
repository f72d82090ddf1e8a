"""Evidence logic: what a question is about, and whether a passage actually says it.

A refusal must come from the evidence, not from a raw retrieval score: a question about
食堂午餐标准 shares 学校 and 标准 with many passages, yet no passage speaks of 食堂 or 午餐.
So each question is reduced to its focus terms, each weighted by how specific it is in the
index (idf), and a passage covers the question by the weighted share of those terms it
contains. Questions that ask for a figure (多少, 几, 何时) also need a figure in the evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.lexicon import frame_words, head_kind, numeral_counts, search_terms, standard_asking, synonyms
from ingest import numerals
from ingest.tokenize import (
    STOPWORDS,
    dictionary_count,
    dictionary_holds,
    dictionary_total,
    jieba_words,
    search_words,
)

_QUANTITY = re.compile(
    r"多少|几[个名人次年岁天项条所位种级周月]|多久|多长|多大|多高|比例|百分|何时|什么时候|哪一?年|哪一?天|几月|日期|时限|期限"
)
_LIST = re.compile(
    r"哪些|哪几|包括|包含|有什么|几个方面|几方面|程序|流程|步骤|环节|怎样|如何|怎么|做法|措施|举措|途径|办法"
    # 提交什么证明, 要什么材料: what papers or conditions, which a text lists.
    r"|什么(?:证明|材料|证件|手续|条件|资料)"
)
_CN_DIGITS = "零〇一二三四五六七八九十百千万两半"
_NUMBER = re.compile(
    rf"\d|[{_CN_DIGITS}]+(?:个|名|人|次|年|岁|天|日|月|周|项|条|所|位|种|元|倍|学期|学年|小时|分之)|百分之|每(?:年|学期|学年|月|周|季度)"
)
# Where a text is numbered (第九十一条, 第3章, （二）) the numbers name a place, not a figure.
_NUMBERING = re.compile(rf"第[\d{_CN_DIGITS}]+[条章节款项编部分]|[（(][\d{_CN_DIGITS}]+[）)]|^\s*\d+[.．、]", re.M)
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]")
_CJK_WORD = re.compile(r"[\u3400-\u9fff]+|[A-Za-z]+|\d+")


@dataclass(frozen=True)
class QuantityAsk:
    """What figure a question asks for: its kind, the measure words that may carry it, the thing counted."""

    kind: str  # "count", "money", "ratio", "date", "period", "number"
    measures: tuple[str, ...]
    noun: str
    often: bool = False  # how often (多长时间…一次): only a frequency answers (每年, 三年一次), not a deadline
    # When, by the calendar (几月几号, 哪一天, 哪一年): a time that recurs (每年) does not say it.
    calendar: bool = False
    # How many kinds, parts or items (分为几个层次, 有几类, 包括几种): a list of them answers (`enumerated`).
    listable: bool = False
    # How often a meeting is held, of the body that holds it (董事会, 家长委员会: `_meeting_asked`): the words that
    # name it, all of which a frequency's sentence must write; another body's meetings are not its.
    meeting: tuple[str, ...] = ()


_MEASURE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("名人位", ("名", "人", "位")),
    ("个", ("个",)),
    ("所", ("所",)),
    ("项", ("项",)),
    ("种", ("种",)),
    ("条", ("条",)),
    ("级", ("级",)),
    ("节", ("节", "课时")),  # a lesson is counted in 节 or in 课时 (一节课 is one 课时)
    ("次", ("次",)),
    ("倍", ("倍",)),
    ("年", ("年",)),
    ("岁", ("岁", "周岁")),
    ("天日", ("天", "日", "工作日", "自然日")),  # 几个工作日 counts days: 3个工作日, 5日
    ("周", ("周",)),
    ("月", ("月", "个月")),
    ("元", ("元", "万元", "亿元")),
    ("小时钟头", ("小时",)),  # 钟头 is the everyday word for 小时
)


def same_measure(unit: str, measure: str) -> bool:
    """Whether a figure kept in ``unit`` (课时 of a column 周课时量（课时）) is counted in the ``measure`` a
    question asks in (几节): the same word, or two of one group of `_MEASURE_GROUPS` (节 and 课时, 名 and 人)."""
    if not unit or not measure:
        return False
    return unit == measure or any(
        unit in (*group, *measures) and measure in (*group, *measures) for group, measures in _MEASURE_GROUPS
    )


# 十几个, 几十户, 几百人: a 几 beside 十, 百, 千 or 万 is a rough number the asker states, not one asked for;
# so is 好几 (several) and 这几, 那几 (these few), and 几乎 is "almost".
# After 几 a measure word always stands (几届, 几期, 几门): it is the unit the figure is asked in. After 多少 one is
# optional, so only those that open no common noun are read there (多少家长 counts parents, not 家).
_ASK = re.compile(
    r"(?:多少|(?<![哪十好这那])几(?![十百千万乎]))(小时|[个名人位所项种条级节次倍年岁天日周月元]|(?<=几)[届期批轮门家本张件台辆间套篇场层座栋部户份册])?"
    r"([\u4e00-\u9fff]{0,6})"
)
_YES_NO = re.compile(r"[^，。；？！,;?!]*吗")  # the rest of a clause that 吗 ends: a yes-or-no question
_CLOCK_ASK = re.compile(r"几点")
# 多大年纪, and 多大才…, 多大可以…: 多大 before what one may do at an age asks the age.
_AGE_ASK = re.compile(r"多大(?:年纪|岁数|年龄)|多少岁|年龄(?:是|有|要|得)?多大|多大(?:才|就|可以|能)")
# A size asked in its unit (多大面积, 几平米, 多宽, 几公斤): only a figure in a unit of that measure states it.
_SIZES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (
        re.compile(r"多大(?:的)?面积|面积(?:是|有|要|得)?多大|(?:多少|几)(?:个)?(?:平方|平米|亩|公顷)"),
        ("平方米", "平方公里", "平方", "平米", "亩", "公顷", "㎡"),
    ),
    (re.compile(r"多宽|多深|(?:多少|几)(?:米|公里|千米|厘米)(?!饭|粮)"), ("米", "公里", "千米", "厘米")),
    (re.compile(r"多重|(?:多少|几)(?:公斤|千克|斤|吨)"), ("公斤", "千克", "克", "斤", "吨")),
    (re.compile(r"(?:多少|几)(?:毫升|升)"), ("毫升", "升")),
)
# Money asked by the act that pays it (罚多少, 每月收多少, 交多少): 多少 ending its clause, not 收多少学生.
_MONEY_ACT_ASK = re.compile(
    r"(?:收|交|缴|罚|赔|付|补|花|拿|领|退)(?:款)?(?:了)?多少(?:钱)?(?=[，。？！?!,；;\s]|呢|啊|吧|$)"
)
_COUNTED_MEASURES = ("小时", "钟头", "工作日", "自然日", "人", "月")
# The measure words that count things and people (not times done, time, money or age), any of which a
# text may use where a question says 几个.
_THINGS_COUNTED = ("个", "名", "人", "位", "所", "项", "种", "条", "级", "类", "家", "户", "件", "份", "张", "台")
_DATE_ASK = re.compile(r"哪一?年|哪一?天|何时|什么时候|几月|几号|日期|哪个月")
_CALENDAR_ASK = re.compile(r"哪一?年|哪一?天|几月|几号|日期|哪个月")
_PERIOD_ASK = re.compile(r"多久|多长时间|多少时间|多长|期限|时限|频率|多少天|几天内")
# A question whether (能不能…, 可不可以…, 是否…, …吗): it asks yes or no, and a figure only by a word that
# asks one (多久, 多少, 几天, 什么时候), not by naming one (期限, 时限, 日期: 能不能延长期限).
_WHETHER = re.compile(
    r"能不能|可不可以|可以不可以|行不行|是否|能否|可否|要不要|需不需要|用不用|有没有|会不会|算不算|是不是|吗[？?！!。\s]*$"
)
_NAMES_FIGURE = ("期限", "时限", "频率", "日期")
_RATIO_ASK = re.compile(r"比例|百分|比率|[\u4e00-\u9fff]率")
_MONEY_ASK = re.compile(r"多少钱|多少元|多少万|[\u4e00-\u9fff]费(?:用)?(?:是|为|要|需要|得)?多少|标准是多少")
# Words that name an amount without asking one: they ask it only in a clause that asks a figure (`_asked_in_clause`).
_MONEY_NAMED = re.compile(r"金额|价格")
_NAME = re.compile(r"叫什么名字|名字|姓名|叫什么")
# The words that ask something of a clause; a clause without one only sets the scene (没达到规定比例，该怎么办).
_ASKING_CLAUSE = re.compile(r"多少|几|什么|怎么|怎样|如何|哪|谁|吗|是否|多高|多大|多长|多久")
# Words that ask who or how rather than a figure: 价格由谁定, 比例怎么规定的 ask a body or a rule.
_ASKS_OTHER = re.compile(r"谁|哪个部门|哪个单位|哪个机关|哪一级|哪级|怎么|怎样|如何")
_CLAUSES = re.compile(r"[^，,；;：:。？?！!]+")
# 几 that means "a few" rather than "how many": after a verb's 了 (收了几个孩子，按什么标准拨), after a
# personal pronoun (我们几个人: "the few of us"), or in a clause that offers a choice (是必须建馆，还是搞几次展览
# 就行) or asks whether (能不能请几天假, 可不可以停几周): such a clause asks yes or no, not how many.
_FEW_AFTER = re.compile(r"了几|(?:我们|咱们|你们|他们|她们|它们|大家)几")
_CHOICE = re.compile(r"还是")
_WHETHER_WORDS = re.compile(
    r"能不能|可不可以|可以不可以|行不行|是否|能否|可否|要不要|需不需要|用不用|有没有|会不会|算不算|是不是"
)
# A tag that turns the clauses before it into a statement put up for a yes or no (…，可以吗？ …，对不对？):
# a 几 in those clauses is "a few" (我们几个同事想一起开个托管班，可以吗？).
_TAG_QUESTION = re.compile(
    r"^(?:这样|那样|这么做|那么做)?(?:可以|行|对|是|好|能|成|合法|允许)吗$|^(?:对不对|是不是|行不行|可不可以|好不好|能不能|合不合法)$"
)
_SENTENCES = re.compile(r"[^。？?！!]+")
# How often (多长时间审核一次, 几年一次, 每隔多久开一回): the 一次 belongs to the question, not its topic.
_FREQUENCY = re.compile(r"(?:多久|多长时间|多长|几[年月天周日]|几个月|多少[年天]|每隔)[^，。；？！,;?!]{0,8}一[次回]")


# What a text did not state (范围里没写保密多久，…能不能…？): a figure word there names what is missing, it asks for none.
_NOT_STATED = re.compile(r"(?:没有?|未)(?:写明?|规定|说明?|注明|明确|载明)[^，。；？！,;?!]*[，,；;]")


def quantity_ask(question: str) -> QuantityAsk | None:
    """The figure a question asks for, or None when it asks for none."""
    question = _NOT_STATED.sub("，", question)
    if _CLOCK_ASK.search(question):
        return QuantityAsk("clock", (), "")
    if _FREQUENCY.search(question):
        return QuantityAsk("period", (), _done_how_often(question), often=True, meeting=_meeting_asked(question))
    whether = bool(_WHETHER.search(question))
    if _asks_figure(_DATE_ASK, question, whether):
        return QuantityAsk("date", (), "", calendar=bool(_CALENDAR_ASK.search(question)))
    if _asks_figure(_PERIOD_ASK, question, whether):
        return QuantityAsk("period", (), "")
    if _AGE_ASK.search(question):
        return QuantityAsk("count", ("岁", "周岁"), "")
    size = next((measures for pattern, measures in _SIZES if pattern.search(question)), None)
    if size is not None:
        return QuantityAsk("count", size, "")
    if asks_money(question):
        # A fine is often a multiple of a sum (货值的2倍罚款): 倍 states an amount too.
        return QuantityAsk("money", ("元", "万元", "亿元", "倍"), "")
    m = _ASK.search(question)
    if m is not None and m.group(0).startswith("几") and (_YES_NO.match(question, m.start(2)) or _few(question, m.start())):
        m = None  # 能分几次交吗: in a question that 吗 ends, 几 means "a few", it asks for no figure
    ratio = _asked_in_clause(_RATIO_ASK, question)
    if m is None:
        return QuantityAsk("ratio", ("%", "％", "百分之", "分之"), _ratio_base(question)) if ratio else None
    measure, tail = m.group(1) or "", m.group(2)
    general = False
    if measure == "个":
        # 几个人, 几个月, 几个小时: what is counted is itself a measure, and texts write 五人, 三个月.
        inner = next((w for w in _COUNTED_MEASURES if tail.startswith(w)), "")
        if inner:
            measure, tail = inner, tail[len(inner) :]
        else:
            general = True  # 个 is the everyday measure word: texts count 委员 in 人, 等级 in 级, 医师 in 名
    if ratio:
        return QuantityAsk("ratio", ("%", "％", "百分之", "分之"), _ratio_base(question))
    noun = ""
    if tail:
        import jieba.posseg as pseg

        # Bind the figure to the thing counted only when a noun follows the measure (多少名学生),
        # not a verb phrase (几岁该上学).
        # A one-character word after the measure (休几天假, 上几天班) is the object of a verb split by the figure,
        # which a text may say in other words (工作六天 for 上六天班): it is not required.
        first = next(iter(pseg.cut(tail)), None)
        if first is not None and first.flag.startswith("n") and len(first.word) >= 2:
            noun = first.word
    listable = bool(_LIST_COUNT_ASK.search(question))
    if not measure:
        return QuantityAsk("number", (), noun, listable=listable)
    if general:
        return QuantityAsk("count", _THINGS_COUNTED, noun, listable=listable)
    for group, measures in _MEASURE_GROUPS:
        if measure in group or measure in measures:
            return QuantityAsk("count", measures, noun, listable=listable)
    return QuantityAsk("count", (measure,), noun, listable=listable)


# A count of kinds, parts or items (几个层次, 几类, 几种, 几项, 多少个方面), not of people, time or money: a text
# answers it by listing them (分为甲、乙和丙), and the count is the number of items listed.
# 个 counts anything (几个保安): it asks for kinds only before a noun that names a kind or a part (层次, 类别, 方面,
# 部分, 阶段, 环节, 类型, 等级), or after a verb that divides or includes (分为几个, 包括几个).
_LIST_COUNT_ASK = re.compile(
    r"(?:多少|(?<![哪十好这那第])几)(?:类|种|项|方面|部分|级|层|步|条|个[\u4e00-\u9fff]?[类种项级层次面分段节型别])"
    r"|(?:分为|分成|划分为|包括|包含)(?:多少|几)个"
)
# Words that open a list of kinds or parts: 分为, 划分为, 包括, 包含, 由…组成 and 有下列 ... (分为：, 包括以下).
_LIST_OPENS = re.compile(r"(?:划分为|划分成|分为|分成|区分为|包括|包含|涵盖|设有|分设|下列|以下|如下)[：:]?")
# Words that forbid or deny what follows in their clause (不得, 禁止, 不能).
_NEGATED = re.compile(r"不得|不准|不许|不应|不能|不可|禁止|严禁|不再|不予|无须|无需")
# The words that join the items of a list in one clause: 、 between them, 和, 及, 以及, 与 or 或者 before the last.
_ITEM_JOINS = re.compile(r"、|以及|及|和|与|或者|或")
# A numbered item of a list that follows its opening line: （一）, 1., 一、
_NUMBERED_ITEM = re.compile(rf"[（(][\d{_CN_DIGITS}]+[）)]|(?:^|\n)\s*(?:\d+[.．、]|[{_CN_DIGITS}]+、)")


def enumerated(text: str) -> int:
    """How many items ``text`` lists after a word that opens a list (分为, 包括, 下列…): the numbered items
    that follow it (（一）…（二）…), else the items its clause joins (甲、乙和丙 lists three); 0 when it lists
    fewer than two. A list answers how many kinds or parts there are: the count is its length."""
    return max(_list_lengths(text), default=0)


def count_lead(question: str, text: str) -> str:
    """What an answer says before the sentences it quotes when ``question`` asks how many kinds or parts
    (分为几个层次) and they answer by one list (分为甲、乙和丙): 共三个： in the question's measure word. ''
    when the question asks no such count, the sentences already state a figure in its measure (分为四级),
    or they hold no list or lists of different lengths."""
    ask = quantity_ask(question)
    m = _LIST_COUNT_ASK.search(question)
    if ask is None or not ask.listable or m is None:
        return ""
    text = re.sub(r"\[\d+\]", "", text)  # an answer's citation markers are no figures
    lengths = set(_list_lengths(text))
    if len(lengths) != 1 or quantity_supported(replace(ask, listable=False), text):
        return ""
    word = m.group(0)
    measure = next((c for c in "类种项级层步条" if word.endswith(c) or f"几{c}" in word or f"少{c}" in word), "")
    if "方面" in word or "部分" in word:
        measure = "个"
    return f"共{numerals.count(lengths.pop())}{measure or '个'}："


def _list_lengths(text: str) -> list[int]:
    """The length of each list of two items or more that ``text`` opens (`enumerated`)."""
    lengths = []
    for m in _LIST_OPENS.finditer(text):
        before = re.split(r"[，,。；;！？!?：:\n]", text[: m.start()])[-1]
        if _NEGATED.search(before):
            continue  # 不得将学校分为甲和乙 forbids the division: it lists no kinds there are
        rest = text[m.end() :]
        first = _NUMBERED_ITEM.search(rest)
        # The numbered items follow the opening word in its sentence (包括：（一）…), not in another article.
        near = first is not None and first.start() <= 30 and not re.search(r"[。；;！？!?]", rest[: first.start()])
        numbered = len({n.group(0).strip() for n in _NUMBERED_ITEM.finditer(rest)}) if near else 0
        if numbered >= 2:
            lengths.append(numbered)
            continue
        clause = re.split(r"[，,。；;！？!?：:\n]", rest, maxsplit=1)[0]
        items = [i for i in _ITEM_JOINS.split(clause) if i.strip()]
        if len(items) >= 2:
            lengths.append(len(items))
    return lengths


def asks_money(question: str) -> bool:
    """Whether ``question`` asks for a sum of money: 多少钱, 学费是多少, or by the act that pays it (收多少,
    交多少), or 金额 in a clause that asks."""
    question = _NOT_STATED.sub("，", question)
    return bool(_MONEY_ASK.search(question) or _MONEY_ACT_ASK.search(question)) or _asked_in_clause(_MONEY_NAMED, question)


def _asked_in_clause(pattern: re.Pattern[str], question: str) -> bool:
    """Whether a word of ``pattern`` (比例, 金额, 名字) stands in a clause of ``question`` that asks for it: a
    clause with a question word (`_ASKING_CLAUSE`) that does not ask who or how (`_ASKS_OTHER`). In
    没达到规定比例，该怎么办 the ratio sets the scene, and 价格由谁定 asks a body."""
    return any(
        pattern.search(c) and _ASKING_CLAUSE.search(c) and not _ASKS_OTHER.search(c) for c in _CLAUSES.findall(question)
    )


_NOMINAL_FLAGS = frozenset("ntbsj")  # jieba's tags of nouns, time and place nouns, attributives, abbreviations


def _names_a_thing(question: str) -> bool:
    """Whether the name ``question`` asks for is a thing's (节日, 机构, 期间), not a person's: before the word
    asking it, its clause names something whose ending the lexicon gives a kind other than a person
    (`assistant.lexicon.head_kind`), and nothing it calls a person."""
    import jieba.posseg as pseg

    for clause in _CLAUSES.findall(question):
        m = _NAME.search(clause)
        if m is None:
            continue
        words = [(w, flag) for w, flag in pseg.cut(clause[: m.start()]) if len(w) >= 2]
        # A word ending as a person's title does, however jieba tags it (组长 as a verb), names a person; a thing
        # is named by a noun as jieba tags them, its time nouns (节日) among them.
        if any(head_kind(w) == "person" for w, _ in words):
            return False
        return any(head_kind(w) for w, flag in words if flag[:1] in _NOMINAL_FLAGS)
    return False


def _few(question: str, at: int) -> bool:
    """Whether the 几 at ``at`` means "a few": right after 了 (收了几个孩子) or a personal pronoun (我们几个人),
    in a clause that offers a choice (…，还是搞几次展览就行) or asks whether (能不能请几天假), or in a
    statement that a tag question ends (…几个人想…，可以吗？)."""
    if any(m.end() == at + 1 for m in _FEW_AFTER.finditer(question, max(0, at - 2), at + 1)):
        return True
    clause = next((c for c in _CLAUSES.finditer(question) if c.start() <= at < c.end()), None)
    if clause is not None and (_CHOICE.search(clause.group(0)) or _WHETHER_WORDS.search(clause.group(0))):
        return True
    sentence = next((s for s in _SENTENCES.finditer(question) if s.start() <= at < s.end()), None)
    if sentence is None:
        return False
    clauses = [c.group(0).strip() for c in _CLAUSES.finditer(sentence.group(0))]
    # The tag stands alone after the clause that holds the 几 (…几个人想…，可以吗).
    return (
        len(clauses) >= 2
        and bool(_TAG_QUESTION.match(clauses[-1]))
        and clause is not None
        and clause.group(0).strip() != clauses[-1]
    )


def _asks_figure(pattern: re.Pattern[str], question: str, whether: bool) -> bool:
    """Whether ``question`` asks for a figure of ``pattern``'s kind: by a word that asks (多久), or by one
    that names the figure (期限) in a clause that asks for it (`_asked_in_clause`: in 试用期限内辞职，要赔偿
    多少钱 the 期限 sets the scene), never in a question whether (`_WHETHER`: 能不能延长期限)."""
    return any(
        m.group(0) not in _NAMES_FIGURE or (not whether and _asked_in_clause(pattern, _clause_at(question, m.start())))
        for m in pattern.finditer(question)
    )


def _clause_at(question: str, at: int) -> str:
    """The clause of ``question`` that holds the character at ``at``."""
    return next((c.group(0) for c in _CLAUSES.finditer(question) if c.start() <= at < c.end()), "")


def _done_how_often(question: str) -> str:
    """What a how-often question asks about: the word before its 一次 (审核一次), else the word after
    it (做一次体检), a modal verb that jieba joins to the verb set aside (要查 is 查); where neither is a word of
    two characters or more (开一次, 查一次: a verb of one character says too little), the thing the asking
    clause names before the words that ask (教职工大会多久开一次 → 大会: `_asked_of_often`); "" when none."""
    words = jieba_words(question)
    at = next((i for i, w in enumerate(words) if w in ("一次", "一回")), -1)
    if at < 0:
        return ""
    before = words[at - 1] if at > 0 else ""
    modal = next((m for m in _OFTEN_MODALS if before.startswith(m) and len(before) > len(m)), "")
    before = before[len(modal) :]
    after = words[at + 1] if at + 1 < len(words) else ""
    done = next((w for w in (before, after) if len(w) >= 2 and _CJK_WORD.fullmatch(w)), "")
    return done or _asked_of_often(question)


def _meeting_asked(question: str) -> tuple[str, ...]:
    """The body or meeting a how-often question asks of, when the clause before its asking words ends in a noun
    for one (a word ending in 会 or 会议: 董事会, 村民会议): that noun with the nouns right before it that qualify it
    (家长 委员会, 教职工 代表大会); () when the clause ends in no such noun."""
    m = _FREQUENCY.search(question)
    if m is None:
        return ()
    import jieba.posseg as pseg

    words = list(pseg.cut(_CLAUSE_BREAK.split(question[: m.start()])[-1], HMM=False))
    run: list[str] = []
    for p in reversed(words):
        if not (p.flag.startswith(("n", "j")) and len(p.word) >= 2):
            break
        run.insert(0, p.word)
    if not run or not run[-1].endswith(("会", "会议")):
        return ()
    return tuple(run)


# Modal verbs that jieba joins to the verb after them in a how-often question (要查, 得开, 需做).
_OFTEN_MODALS = ("需要", "应当", "应该", "必须", "要", "得", "需", "应", "该")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?]")


def _asked_of_often(question: str) -> str:
    """The thing a how-often question asks of when its verb says too little (村委会多久开一次会 → 村委会): the
    last noun of two characters or more (a dictionary word, jieba's n tags, or an abbreviation: j) in the clause
    before the words that ask how often; "" when that clause names none (多久要查一次 of a thing named in the clause before)."""
    m = _FREQUENCY.search(question)
    if m is None:
        return ""
    import jieba.posseg as pseg

    clause = _CLAUSE_BREAK.split(question[: m.start()])[-1]
    nouns = [p.word for p in pseg.cut(clause, HMM=False) if p.flag.startswith(("n", "j")) and len(p.word) >= 2]
    return nouns[-1] if nouns else ""


_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二三四五六七八九十百千万两半]+)"
# 二十二时, 8点半, 7:30; not 三点要求 (点 as "point") nor 时期/时间.
_CLOCK = re.compile(
    rf"{_NUM}\s*时(?![期间代候刻])|{_NUM}\s*点(?=半|钟|{_NUM}分|前|后|以前|以后|之前|之后|至|到)|\d{{1,2}}[:：]\d{{2}}"
)
# A date of the lunar calendar (农历八月十五, 正月十五, 腊月二十三, 五月初五): its months are named 正月 and 腊月
# too, and its first ten days are 初一 to 初十.
_LUNAR_DATE = re.compile(
    r"(?:农历|阴历)(?:[正腊冬]|[一二三四五六七八九十]{1,2})月"
    r"|[正腊冬]月(?:初[一二三四五六七八九十]|[廿二三]?十?[一二三四五六七八九十])"
    r"|[一二三四五六七八九十]{1,2}月初[一二三四五六七八九十]"
)
_DATE = re.compile(
    rf"(?:\d{{4}}|[〇零一二三四五六七八九]{{4}})年|{_NUM}月{_NUM}[日号]|每年{_NUM}月|{_LUNAR_DATE.pattern}"
)
# A time limit counted from an event (三十日内, 收到之日起十五日内, 开学十日前): how Chinese rules answer
# 什么时候/何时 about an act, rather than with a calendar date.
_TIME_LIMIT = re.compile(rf"{_NUM}\s*个?(?:工作|自然)?(?:日|天|月|年|小时|周)(?:内|以内|之内|前|以前|之前)|之日起")


# A frequency: 每年, 每学期, 每两年, 每隔三个月; 三年一次, 一年两次.
_UNIT = r"(?:年|学年|学期|季度|月|周|星期|天|日)"
_OFTEN = re.compile(rf"每隔?(?:{_NUM})?个?{_UNIT}|{_NUM}个?{_UNIT}(?:至少|不少于|不超过)?{_NUM}次")


_CALENDAR_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}\s*年|[一二][〇零○九][〇零○一二三四五六七八九]{2}年")
# A day of the month (九月十日, 3月1日, 十月一号) names a day of the calendar, not a count of days, and its month
# no count of months: 每年九月十日为… says on which day, not for how many days (放几天).
_CALENDAR_DAY = re.compile(r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:份)?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]")


def quantity_supported(ask: QuantityAsk, text: str) -> bool:
    """Whether ``text`` states the kind of figure ``ask`` wants, next to the thing counted when known."""
    if ask.often:
        # The frequency must be of the thing done (每年审核), in its clause; 每天锻炼 says nothing of 体检.
        if ask.meeting and not all(term_coverage_with_synonyms(w, text) >= 1.0 for w in ask.meeting):
            return False  # 监事会每年召开一次 says nothing of how often the 董事会 meets
        return any(not ask.noun or _noun_in_clause(ask.noun, text, m) for m in _OFTEN.finditer(text))
    if ask.kind == "clock":
        return bool(_CLOCK.search(text))
    if ask.kind == "date":
        # 什么时候 of a thing done again and again is said by the time it recurs (每学年末, 每学期开学前,
        # 三年一次); a date by the calendar (几月几号) is not, nor is 定期 (regularly), which says no time.
        return states_date(text) or (not ask.calendar and bool(_OFTEN.search(text)))
    if ask.kind == "period":
        return has_number(text)
    if ask.listable and enumerated(text) >= 2:
        return True  # 分为甲、乙和丙 says how many kinds there are: three
    if ask.kind == "ratio":
        # A figure: 5%, 百分之二, 三分之一, 三成. The word 比例 alone names the ratio without stating it.
        figures = list(_RATIO_FIGURE.finditer(text))
        if not ask.noun:
            return bool(figures)
        # A share of the whole the question names (会费收入的百分之几) is stated before that whole in its clause
        # (按会费收入的1.5%): a share of another whole (年收入百分之二十) is another figure.
        names = (ask.noun, *synonyms().get(ask.noun, ()))
        return any(any(n in _clause_before(text, f.start()) for n in names) for f in figures)
    if not ask.measures:
        if not ask.noun and _SHARE.search(text):
            return True  # 多少 answered by a share: 须有三分之二以上到会, 过半数同意
        return has_number(text) and (not ask.noun or _noun_near(ask.noun, text, None))
    # 3个工作日 and 两个小时 answer 几天 and 几小时: a 个 and a 工作/自然 may stand before the measure.
    # 第十六条 and （二） name a place in the text, not a count.
    text = _NUMBERING.sub("　", text)
    if "年" in ask.measures:
        # 2004年 and 二〇〇四年 name a year of the calendar, not a count of years (每届任几年).
        text = _CALENDAR_YEAR.sub("　", text)
    if {"天", "日", "月"} & set(ask.measures):
        text = _CALENDAR_DAY.sub("　", text)
    pattern = re.compile(rf"{_NUM}\s*(?:余|多)?\s*个?(?:工作|自然)?(?:{'|'.join(map(re.escape, ask.measures))})")
    if any(not ask.noun or _noun_near(ask.noun, text, m) for m in pattern.finditer(text)):
        return True
    # 要多少票才算数: how many people or votes is said as a share of a body (到会代表的三分之二以上, 过半数).
    if "人" in ask.measures and any(
        (_noun_near(ask.noun, text, m) if ask.noun else _of_people(text, m)) for m in _SHARE.finditer(text)
    ):
        return True
    # 按就餐人数三百比一配备营养师: how many of one thing go with one of another is said as a ratio.
    return ask.kind == "count" and "个" in ask.measures and any(
        not ask.noun or _noun_near(ask.noun, text, m) for m in _PER.finditer(text)
    )


_PER = re.compile(rf"{_NUM}\s*比\s*{_NUM}")
# The last character of a word for people (委员, 代表, 股东, 职工, 成员, 学生, 教师, 记者): a share of them counts people.
_PERSON_ENDS = "人员者表东工生师民士"
_SHARE_BEFORE = re.compile(rf"[{_PERSON_ENDS}](?:总数|总人数)?的?\s*$")
_SHARE_AFTER = re.compile(rf"^\s*(?:以上|以下|以内|之内)?的?[\u4e00-\u9fff]{{0,3}}[{_PERSON_ENDS}]")


def _of_people(text: str, m: re.Match[str]) -> bool:
    """Whether the share ``m`` of ``text`` is a share of people: a word for people stands right before it (全体委员
    过半数, 代表的三分之二) or right after it (三分之二以上委员); a share of a sum (当年奖金的百分之三十) is not."""
    before = _clause_before(text, m.start(), 8)
    after = re.split(r"[，,。；;：:]", text[m.end() : m.end() + 8])[0]
    return bool(_SHARE_BEFORE.search(before) or _SHARE_AFTER.search(after))


# How a text states a span of time (`states_span`): a number in a measure of time, or a word that bounds one.
_TIME_SPAN = re.compile(
    rf"{_NUM}\s*(?:余|多)?\s*个?\s*(?:工作|自然)?(?:日|天|月|年|小时|周|星期|分钟|学期|学年|季度)"
    r"|届满|期满|终身|长期|永久|每(?:年|学期|学年|月|周|季度)"
)
# A ratio stated: 5%, 百分之二, 三分之一, 三成 (not 成立, 成为, 成员…).
_RATIO_FIGURE = re.compile(rf"[%％]|百分之|分之|{_NUM}\s*成(?![立为员果本年人])")
# The words that ask a share of a whole after its 的 (会费收入的百分之几, 门票收入的比例, 工资的几成), and those that
# may lead the whole (按, 占, 以, a copula) or end the words before it.
_RATIO_OF = re.compile(r"的(?:百分之几|百分之多少|几成|多少比例|比例|百分比)")
_RATIO_LEAD = re.compile(r"按照|按|占|以|是|为|[，,。？?；;：:\s]")


def _ratio_base(question: str) -> str:
    """The whole a question asks a share of (会费收入 of 要按会费收入的百分之几留存, 门票收入 of 门票收入里的比例):
    the words between the 的 before the asking words and the word that leads the whole or the clause's start;
    '' when it names none of two to eight Chinese characters."""
    m = _RATIO_OF.search(question)
    if m is None:
        return ""
    before = question[: m.start()]
    leads = [x.end() for x in _RATIO_LEAD.finditer(before)]
    base = before[max(leads, default=0) :]
    return base if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", base) else ""


def _clause_before(text: str, at: int, window: int = 15) -> str:
    """Up to ``window`` characters of ``text`` before ``at``, within the clause that holds ``at``."""
    start = max(text.rfind(p, 0, at) for p in "，。；！？,;\n") + 1
    return text[max(start, at - window) : at]
# A share of a whole (三分之二, 百分之六十, 60%, 半数, 过半): how many of a body, when a number of people is asked.
_SHARE = re.compile(rf"{_NUM}\s*分之\s*{_NUM}|\d+(?:\.\d+)?\s*[%％]|半数|过半|一半")


def _noun_in_clause(noun: str, text: str, m: re.Match[str]) -> bool:
    """Whether ``noun`` (or an official word for it) stands in the clause of ``text`` that holds ``m``."""
    a = max(text.rfind(p, 0, m.start()) for p in "，。；！？,;\n") + 1
    ends = [i for p in "，。；！？,;\n" if (i := text.find(p, m.end())) >= 0]
    clause = text[a : min(ends, default=len(text))]
    return any(n in clause for n in (noun, *synonyms().get(noun, ()), *subwords(noun)))


def states_date(text: str) -> bool:
    """Whether ``text`` says when: a calendar date, or a time limit counted from an event."""
    return bool(_DATE.search(text) or _TIME_LIMIT.search(text))


def _noun_near(noun: str, text: str, m: re.Match[str] | None, window: int = 15) -> bool:
    names = (noun, *synonyms().get(noun, ()), *subwords(noun))
    if m is None:
        return any(n in text for n in names)
    lo, hi = max(0, m.start() - window), min(len(text), m.end() + window)
    if any(n in text[lo:hi] for n in names):
        return True
    # 医师 for 医生, 经历 for 经验: a two-character noun written with its leading character and another
    # right after the figure (二名…医师, 两年以上带教经历) in the clause that holds it.
    if len(noun) != 2:
        return False
    end = min([i for p in "，。；,;" if (i := text.find(p, m.end())) >= 0], default=len(text))
    return bool(re.search(rf"{re.escape(noun[0])}[\u4e00-\u9fff]", text[m.end() : min(end, hi)]))


@dataclass(frozen=True)
class Focus:
    """The topic terms of a question with their weights, and what kind of answer it wants."""

    terms: tuple[tuple[str, float], ...]
    wants_quantity: bool
    wants_list: bool
    quantity: QuantityAsk | None = None
    wants_name: bool = False

    @property
    def total(self) -> float:
        return sum(w for _, w in self.terms)


# The question-word spans themselves (什么时候, 多少, 几个, 哪些, 各有 of 各有多少 …): cut out before segmenting, so
# their leftovers (时候, 个) never pose as topic words. 几 is always followed by its measure word (几本, 几间, 几台):
# cut with it, so that the measure does not join the noun after it into another word (几本书 would leave 本书,
# "this book"). After 多少 a measure word is optional (多少家长 counts parents), so none is cut there.
_MEASURES_AFTER_JI = "个名人次年岁天项条所位种级周月点本册张件份家台辆间套门节篇场期届层座栋部户批"
_ASK_SPANS = re.compile(
    r"各[有是要需收交为](?=多少|几)|是?(?:从|自)(?:哪一?天|哪一?年|哪个月|何时|什么时候)(?:开始|起)?|什么时候|多长时间|多少钱|多少|"
    rf"哪?几[{_MEASURES_AFTER_JI}]?|哪一?年|哪一?天|何时|多久|多长|多大|"
    r"哪些|哪个|什么|怎么样|怎样|如何|怎么|为什么|吗|呢"
)
# A demonstrative and a measure word (那笔钱, 那一条, 这项, 这一段): they point at what the question names
# elsewhere and name no topic of their own, so they are cut out before segmenting as well (这一次会议 keeps
# 一次: a count of events may be what is asked about).
_POINTER_SPANS = re.compile(r"[这那该此][一]?[个项条笔件份类种位所家张本批场栏行段块组轮届套台门间座]")
_NOUN_TAGS = ("n", "vn", "l")


def general_rarity(word: str) -> float:
    """How telling a word is in general Chinese (jieba's dictionary), from 0.15 (everyday) to 1 (rare)."""
    g = math.log(dictionary_total() / (dictionary_count(word) + 1))
    return min(1.0, max(0.15, (g - 8.0) / 5.0))


@lru_cache(maxsize=8192)
def _one_word_tag(word: str) -> str:
    """jieba's dictionary tag of ``word`` when it reads it as one word; '' when it reads several."""
    import jieba.posseg as pseg

    tags = [p.flag for p in pseg.lcut(word, HMM=False)]
    return tags[0] if len(tags) == 1 else ""


def is_noun(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as one noun (n, vn, l)."""
    return _one_word_tag(word).startswith(_NOUN_TAGS)


def names_thing_or_time(word: str) -> bool:
    """Whether jieba's dictionary tags ``word`` as one noun (`is_noun`) or one word of time (晚上, 周末: t)."""
    tag = _one_word_tag(word)
    return tag.startswith(_NOUN_TAGS) or tag == "t"


def _term_weight(word: str, idf: Callable[[str], float], unseen: float) -> float:
    """Weight of a focus word: its idf in the index, with two corrections for everyday wording.

    A word with an official synonym weighs what the official word weighs (老师 as 教师). A word the
    index never saw that is not a noun (碰到, 顺便, 以后) is weighed by its rarity in general Chinese,
    so filler words of a colloquial question do not pose as unknown concepts; an unseen noun
    (食堂, 任期) keeps the full weight of an unknown concept.
    """
    w = idf(word)
    if word in synonyms():
        official = min([w, *(idf(alt) for alt in synonyms()[word])])
        if official < unseen - 1e-9:
            return official
        # Neither the word nor its official forms occur here: weigh it as any unseen word.
    if w >= unseen - 1e-9 and not is_noun(word):
        return w * general_rarity(word)
    return w


# A time asked (什么时候, 哪天, 几号, 多久; spoken words read as standard ones first) and a verb of one
# character ended by the resultative 完 or 完毕 (办完, 交完毕); 完善, 完整 are words of their own.
_TIME_ASKED = re.compile(r"什么时候|什么时间|何时|哪一?天|哪一?年|哪个月|几月|几号|多久|多长时间|期限|时限|截止")
_ENDED_ACT = re.compile(r"[\u4e00-\u9fff]完毕?")
# Where `focus_of` cut out an asking span that counts or times an act (几次, 几年, 多久), and any other (多少, 什么).
_ASKED_MARK, _OTHER_ASK_MARK = "\x01", "\x02"
_COUNTS_ACT = re.compile(r"哪?几|多久|多长")
# Characters that follow 最 as an adverb of limit (最多, 最长, 最迟): 最 and one of them bound the act after them.
_LIMIT_CHARS = frozenset("多少长短高低早迟晚久快")
_TIME_LIMIT_CHARS = frozenset("长短早迟晚久")  # of those, the ones that bound a time
# Modal verbs of one character that jieba runs into the act after them (可充 of 每天可充几次).
_GLUING_MODALS = frozenset("能可")


def _glued_act(before: str, word: str, asked_after: bool) -> bool:
    """Whether ``word``, a dictionary word of two characters, is an adverb of limit's or a modal verb's character
    and the one-character act after it, as jieba runs them together: 最多招几名 is 最多 and 招 (jieba: 最 多招),
    每天可充几次 is 可 and 充 (jieba: 可充). The limit's character follows 最 standing alone; the modal's
    word ends right before an asking word that counts or times the act (几次, 几年, 多久), where a name of a
    thing would not (能耗多少 asks the amount of the thing); either way the second character alone is a verb."""
    if len(word) != 2:
        return False
    glued = (before == "最" and word[0] in _LIMIT_CHARS) or (asked_after and word[0] in _GLUING_MODALS)
    return glued and _one_verb(word[1])


@lru_cache(maxsize=1024)
def _one_verb(char: str) -> bool:
    return _tags(char) == ("v",)


@lru_cache(maxsize=1024)
def _tags(text: str) -> tuple[str, ...]:
    import jieba.posseg as pseg

    return tuple(p.flag for p in pseg.lcut(text, HMM=False))


# An aspect particle or 的 right after a verb (交了, 领的, 报过): what stands before it is an act.
_AFTER_ACT = frozenset("了的过着")


def _name_glued(before: str, word: str, after: str) -> bool:
    """Whether jieba ran the last character of a two-character name into the one-character act after
    it: a surname standing alone (陈, tagged as a person's name) before a word of two characters whose
    second is a verb on its own, followed by an aspect particle or 的 (陈 立交 了 is 陈立 交了). The
    name is the surname and the first character; the act is the second."""
    return (
        len(before) == 1
        and len(word) == 2
        and after[:1] in _AFTER_ACT
        and _tags(before) == ("nr",)
        and _one_verb(word[1])
    )


def _question_words(piece: str, idf: Callable[[str], float], unseen: float, asked_after: bool = False) -> list[str]:
    """Words of a question, segmented as the index was (jieba with HMM), except that a word the HMM
    invented (in no dictionary) and the index never saw is split into dictionary words: 师德师 is
    kept (the index has it), 想新办 and 最多收 are not words of anyone's text. A dictionary word that
    ran an adverb of limit or a modal verb into the one-character act after it (`_glued_act`) is no
    word of the question either: it is cut into its characters. A name whose last character jieba ran into the act after
    it (陈 立交 了) is rejoined (`_name_glued`: 陈立 and 交). ``asked_after``: an asking word that
    counts or times an act (几次, 多久) follows the piece."""
    out: list[str] = []
    words = jieba_words(piece)
    for n, word in enumerate(words):
        after = words[n + 1] if n + 1 < len(words) else ""
        if _glued_act(words[n - 1] if n else "", word, asked_after and n == len(words) - 1):
            out.extend(word)
        elif n and out and out[-1] == words[n - 1] and _name_glued(words[n - 1], word, after):
            out[-1] += word[0]
            out.append(word[1])
        elif len(word) == 2 and not dictionary_count(word) and numeral_counts(word[1], after):
            # 费一 of 看护费一学期 is no word (第一, 统一 are): the numeral counts what follows it (一学期).
            out.append(word[0])
        elif len(word) > 1 and not dictionary_holds(word) and idf(word) >= unseen - 1e-9:
            out.extend(jieba_words(word, hmm=False))
        else:
            out.append(word)
    return out



# A determiner and a measure word for things before a noun (一家公司, 某所学校, 每名学生, 这项工作) say which or
# how many of the noun are meant, as 一个 does (a stop word): the noun is the topic, the pair is no word of it.
# General Chinese grammar (nominal measure words, 《现代汉语词典》); not 类 (一类疫苗 is a grade), not 本
# (一本院校), not measures of time or of acts (一年, 一次), written by hand (2026).
_DETERMINERS = "一某每这那"
_THING_MEASURES = "家名位所项份件种条批座台辆张支块间栋户只笔宗起例封部门套篇幅处"


def _determiner(word: str, after: str) -> bool:
    """Whether ``word`` is a determiner and a measure word for things (一家, 某所) before the noun ``after``."""
    return len(word) == 2 and word[0] in _DETERMINERS and word[1] in _THING_MEASURES and bool(after) and is_noun(after)


def focus_of(question: str, idf: Callable[[str], float]) -> Focus:
    """Focus terms of ``question`` (no stop, frame or question words), weighted. Spoken asking words are
    question words as their standard forms are (啥时候 as 什么时候: `assistant.lexicon.standard_asking`)."""
    question = standard_asking(question)
    unseen = idf("\x00")
    seen: dict[str, float] = {}
    # A phrase the asker put in quotes names exactly what they mean: it counts as one strong term.
    for phrase in _QUOTED.findall(question):
        if len(phrase) >= 2:
            seen[phrase] = 2.0 * idf(phrase)
    marked = _POINTER_SPANS.sub(
        "，", _ASK_SPANS.sub(lambda m: _ASKED_MARK if _COUNTS_ACT.match(m.group()) else _OTHER_ASK_MARK, question)
    )
    for match in _CJK_WORD.finditer(marked):
        piece, asked_after = match.group(), marked.startswith(_ASKED_MARK, match.end())
        words = _question_words(piece, idf, unseen, asked_after)
        for n, word in enumerate(words):
            if word in STOPWORDS or word in frame_words() or word in seen:
                continue
            if _determiner(word, words[n + 1] if n + 1 < len(words) else ""):
                continue
            if len(word) == 1 and word not in synonyms():
                continue  # single characters say little on their own
            seen[word] = _term_weight(word, idf, unseen)
    quantity = quantity_ask(question)
    if quantity is not None and quantity.kind == "money":
        seen.pop("钱", None)  # in 多少钱 the word asks for the figure; it is not the topic
    if quantity is not None and quantity.listable:
        for word in [w for w in seen if _LIST_OPENS.fullmatch(w)]:
            seen.pop(word)  # in 分为几类 the verb asks for the list (a text may say 包括); it is not the topic
        for word in [w for w in seen if f"几个{w}" in question or f"多少个{w}" in question]:
            seen.pop(word)  # in 分为几个层次 the kinds are counted, and a text lists them without saying 层次
    if quantity is not None and quantity.kind == "count":
        # 用几个钟头, 多少小时: the measure the figure is asked in says the answer's unit, which a text writes after its
        # figure (六小时); it is not the topic (几天 and 几个月 lose their one-character measure alike).
        for word in [w for w in seen if _asked_measure(w, question)]:
            seen.pop(word)
    if _TIME_ASKED.search(question):
        # In 什么时候办完 a verb with the resultative 完 asks when the act ends, which a text states by its
        # date or 时限 (完成时限), not by the verb: it is not the topic. In 签完后从哪天起算 the ended act is the
        # event the time is counted from, and is.
        for word in [w for w in seen if _ENDED_ACT.fullmatch(w)]:
            if not re.search(rf"{re.escape(word)}了?(?:以|之)?后", question):
                seen.pop(word)
    if quantity is not None:
        # 最晚, 最迟, 最长 before the figure asked bound it (最晚几天内去登记): an adverb of limit, not the topic.
        for word in [w for w in seen if len(w) == 2 and w[0] == "最" and w[1] in _TIME_LIMIT_CHARS]:
            seen.pop(word)
    if _FREQUENCY.search(question):
        for word in ("一次", "一回", "每隔"):  # in 每隔多久…一次 the words ask how often, not what about
            seen.pop(word, None)
    return Focus(
        tuple(seen.items()),
        quantity is not None,
        bool(_LIST.search(question)),
        quantity,
        # 想拿校友的名字命名礼堂，要谁同意 asks who approves, not a name; 那个节日叫什么 asks a thing's name.
        _asked_in_clause(_NAME, question) and not _names_a_thing(question),
    )


def _asked_measure(word: str, question: str) -> bool:
    """Whether ``word`` is a measure (`_MEASURE_GROUPS`) that a 几 or 多少 of ``question`` asks a figure in."""
    measure = any(word in group or word in measures for group, measures in _MEASURE_GROUPS)
    return measure and bool(re.search(rf"(?:几|多少)个?{re.escape(word)}", question))


@lru_cache(maxsize=4096)
def subwords(term: str) -> tuple[str, ...]:
    """The words of two characters or more inside ``term`` (饮水 of 饮水量), longest first."""
    parts = {w for w in search_words(term) if len(w) >= 2 and w != term}
    return tuple(sorted(parts, key=len, reverse=True))


def term_coverage(term: str, text: str) -> float:
    """1 when ``term`` occurs in ``text``; else the share of it that its longest present sub-word covers."""
    if term in text:
        return 1.0
    for sub in subwords(term):
        if sub in text:
            return len(sub) / len(term)
    return 0.0


def coverage(focus: Focus, text: str) -> float:
    """Weighted share of the question's focus terms found in ``text`` (0 when there are none)."""
    total = focus.total
    if total <= 0:
        return 0.0
    return sum(w * term_coverage_with_synonyms(t, text) for t, w in focus.terms) / total


def states_span(text: str) -> bool:
    """Whether ``text`` states a span of time: a number in a measure of time (三十日, 2个工作日, 半年) or a word that
    bounds one (届满, 终身); a count of people or things, a sum, or a list's numbering states none. How long is
    answered only by such a span, though a sentence with any figure may rank as one that states a period."""
    return bool(_TIME_SPAN.search(_NUMBERING.sub(" ", text)))


def has_number(text: str) -> bool:
    """Whether ``text`` states a figure, a count, a date or a frequency."""
    return bool(_NUMBER.search(_NUMBERING.sub(" ", text)))


def unknown_share(focus: Focus, known: Callable[[str], bool]) -> float:
    """Weighted share of focus terms that occur nowhere in the index nor the retrieved passages."""
    total = focus.total
    if total <= 0:
        return 0.0
    return sum(w for t, w in focus.terms if len(t) >= 2 and is_noun(t) and not _known_any(t, known)) / total


def _known_any(term: str, known: Callable[[str], bool]) -> bool:
    """A term is known when it, an official synonym, or a sub-word of it (奖助学金 → 助学金) is known."""
    if known(term) or any(known(alt) for alt in synonyms().get(term, ())):
        return True
    return any(known(sub) or any(known(alt) for alt in synonyms().get(sub, ())) for sub in subwords(term))




def term_coverage_with_synonyms(term: str, text: str) -> float:
    """Coverage of ``term`` or of any of its official synonyms."""
    best = term_coverage(term, text)
    if best < 1.0:
        for alt in synonyms().get(term, ()):
            if alt in text:
                return 1.0
    return best


def has_person_name(text: str, near: tuple[str, ...] = (), window: int = 6) -> bool:
    """Whether ``text`` names a person (jieba's tag nr), within ``window`` characters of a ``near`` word."""
    import jieba.posseg as pseg

    pos = 0
    for word, flag in pseg.cut(text):
        start = text.find(word, pos)
        pos = start + len(word)
        if flag != "nr" or len(word) < 2:
            continue
        around = text[max(0, start - window) : pos + window]
        if not near or any(n in around for n in near):
            return True
    return False


_DOC_NAME = re.compile(r"(?:法|条例|规定|办法|意见|报告|材料|通知|决定|规则|章程|细则|纲要|方案)$")


def is_document_name(term: str) -> bool:
    """A focus term that names a document (教育法, 自查报告), which a document's title may answer."""
    return bool(_DOC_NAME.search(term))


def official_wording(query: str, *, everyday: bool = True) -> str:
    """The official words for the everyday words of ``query`` (老师 → 教师 教职工), for lexical search.

    ``everyday``: also the search-only terms (孩子 → 未成年人, 多久 → 日内 期限). They widen a lexical search
    that dense ranking keeps in check; alone, they outrank the passages the question's own words find
    (bundled held-out sets, BM25 only: hit@5 0.90 → 0.84)."""
    tables = (synonyms(), search_terms()) if everyday else (synonyms(),)
    extra = [
        alt
        for table in tables
        for word, alts in table.items()
        if len(word) >= 2 and word in query
        for alt in alts
    ]
    # A bureau said by its seat's name (教育局, 卫生局) is the department a statute names by its field.
    extra += [f"{m.group(1)}行政部门 {m.group(1)}主管部门" for m in _BUREAU.finditer(query)]
    return " ".join(dict.fromkeys(a for a in extra if a not in query))


# Two characters of a field before 局 (教育局, 卫生局), not a word that merely ends in 局 (格局, 布局, 结局, 当局).
_BUREAU = re.compile(r"([\u4e00-\u9fff]{2})(?<![格布结当饭赌骗])局")
