"""Sub-headings that ask for a figure in everyday words: 巡了多少, 用了多少钱, 眼下的人手.

A person naming the parts of a report often names one by the figure it should give (how much was
checked, what it cost, how many people there are) rather than by the documents' word for its matter.
Searched by their literal words such parts find nothing, or, since the question words leave no matter
of their own, the topic's sentences on anything. The documents state such a part by the figure itself,
in their own words (共检查…71所次, 投入资金…万元, 现有保育员…人). So such a heading:

- is searched by what is left of it once the figure's words are cut (`matter_of`); an act said by one
  character (巡 of 巡了多少) in the word of the passages found that holds it (巡检, `act_word`); nothing
  left means the part is on the topic as a whole;
- is searched with the words office tables name that kind of figure by (the ``amount`` and ``person``
  kinds of ``assistant/words/column_kinds.tsv``: 经费, 资金; 人员), for an amount or a number of people;
- keeps only the sentences that state a figure of the kind asked (`states_figure`: a count, an amount
  of money, a number of people; `assistant.evidence.quantity_supported`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from assistant.evidence import QuantityAsk, quantity_ask, quantity_supported
from assistant.table import column_kinds

# Staffing said in everyday words (眼下的人手, 人手够不够, 有几个人): a number of people is asked.
_STAFF = re.compile(r"人手|多少人|几个人|几名|人数")
STAFF_ASK = QuantityAsk("count", ("名", "人", "位"), "")
# The words that ask the figure, cut to leave the matter (巡了多少 -> 巡, 眼下的人手 -> 眼下的).
_FIGURE_WORDS = re.compile(
    r"(?:了|过|掉)?(?:多少|几)(?:[个名人位次项所条场批期件份元]|万元|小时)?(?:钱|人)?|人手(?:够不够|够吗)?|人数|钱"
)
# An act said by one character before the words that ask its figure (巡了多少, 培训了几次 is two).
_ONE_CHARACTER_ACT = re.compile(r"^\s*(?P<act>[\u4e00-\u9fff])(?:了|过)?(?:多少|几)")
_KIND_COLUMNS = {"money": "amount", "staff": "person"}
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_WORDS_OF_A_TEXT = re.compile(r"[\u4e00-\u9fff]+")


def figure_asked(heading: str) -> QuantityAsk | None:
    """The figure ``heading`` asks for: a number of people (人手), an amount of money (用了多少钱) or a
    count (巡了多少, 开了多少次会); None when it asks for none, or for a date, a period or a ratio."""
    if _STAFF.search(heading):
        return STAFF_ASK
    ask = quantity_ask(heading)
    return ask if ask is not None and ask.kind in ("number", "count", "money") else None


def matter_of(heading: str) -> str:
    """``heading`` without the words that ask its figure (巡了多少 -> 巡; 用了多少钱 -> 用; 眼下的人手 -> 眼下的)."""
    return re.sub(r"\s+", " ", _FIGURE_WORDS.sub(" ", heading)).strip(" ，,、的")


def act_of(heading: str) -> str:
    """The act a heading asks the count of when one character says it (巡 of 巡了多少); empty otherwise."""
    m = _ONE_CHARACTER_ACT.match(heading)
    return m.group("act") if m else ""


def act_word(act: str, texts: Iterable[str], words: Callable[[str], list[str]] | None = None) -> str:
    """The word of ``texts`` that most often holds the one-character ``act`` (检查 for 查 where the
    passages say 检查 more than 抽查 or 排查); ``words`` segments a text into words (jieba's when None).
    Empty when none does."""
    if words is None:
        import jieba

        words = jieba.lcut
    counts: Counter[str] = Counter()
    for text in texts:
        for run in _WORDS_OF_A_TEXT.findall(text):
            counts.update(w for w in words(run) if len(w) == 2 and act in w and _CJK_WORD.fullmatch(w))
    return counts.most_common(1)[0][0] if counts else ""


def kind_words(ask: QuantityAsk) -> tuple[str, ...]:
    """The words office tables name a column of the figure's kind by (经费, 资金 for money; 人员 for a
    number of people), to search with; none for a plain count."""
    kind = "money" if ask.kind == "money" else "staff" if ask == STAFF_ASK else ""
    column = _KIND_COLUMNS.get(kind, "")
    for k in column_kinds():
        if k.kind == column:
            return tuple(p for p in k.name_parts if _CJK_WORD.fullmatch(p))
    return ()


def states_figure(ask: QuantityAsk, text: str) -> bool:
    """Whether ``text`` states a figure of the kind ``ask`` wants (a number of people counts them in
    人, 名 or 位, not 人次)."""
    if ask == STAFF_ASK:
        return bool(re.search(r"\d+\s*(?:余|多)?\s*(?:名|位|人(?!次))", text))
    return quantity_supported(ask, text)
