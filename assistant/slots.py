"""Fill-in slots: another unit's specifics in a sample sentence become 【请填写：…】 for the user to fill.

A sample (参考范文) lends its structure and wording, never its facts. What makes a sentence about one
particular unit is, in general: numbers with what they count (220余名教师, 5次, 2%), dates (2022年*月*日),
document numbers (沪教党[1000]158号), titles of the unit's own or local documents (《**学校…规则》), place
and person names (上海市, 张伟), a school named by ordinal (第三中学), and the template's own placeholders
(**, ×××, 202*), how often and when things happen there (每学期召开一次, 一个月左右, 上学期, 周一), who
issued what it follows (县委宣传部、县文旅局联合印发的), its own programmes (实施育苗工程, 二期课改), what happened
there on one occasion (在202*年职称评审中，… : the happening itself is a slot) and its own
slogans (a quoted phrase of six or more characters, or one with a pause: “黄河水甜、共产党亲”, or one the
sentence says the unit coined: 提出了“保先争优”的口号). Each becomes a slot that names what to fill in.
Named theories stay, and so do short quoted terms (“三会一课”, “三重一大”) unless ``cited`` is given
and the policies do not use them. A slotted title keeps its 《》 (制定了《【请填写：文件名称】》).

What the sample says it follows (《…》, or a named 制度/规范/办法 after 贯彻落实/执行/依据) is its own choice of
basis. When the caller says which of them the draft can cite (``cited``: the policies in the index), the
others become a 依据文件名称 slot; without it, national laws and Party regulations (《中国共产党…》,
《中华人民共和国…》) stay and the rest is a slot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

SLOT = "【请填写：{label}】"
# A sentence the sources do not bear out (an LLM's words) is flagged in place, highlighted like a slot.
UNCHECKED = "【请核实：资料中未找到此句依据】"
SLOT_PATTERN = re.compile(r"【(?:请填写|请核实)：([^】]{1,30})】")

_DIGITS = r"(?:\d+(?:[.．]\d+)?|[\d*＊]+)"
_CN_COUNT = r"[两二三四五六七八九十百千万]+"
# What a number counts, and the slot label for it.
_UNITS: tuple[tuple[str, str], ...] = (
    ("%", "比例"),
    ("％", "比例"),
    ("万元", "金额"),
    ("元", "金额"),
    ("名", "人数"),
    ("人", "人数"),
    ("次", "次数"),
    ("场", "次数"),
    ("期", "期数"),
    ("届", "届次"),
    ("批", "批次"),
    ("所", "数量"),
    ("项", "数量"),
    ("个", "数量"),
    ("条", "数量"),
    ("篇", "数量"),
    ("节", "数量"),
    ("课时", "数量"),
    ("小时", "时长"),
    ("天", "天数"),
    ("年", "年数"),
)
_UNIT_ALT = "|".join(re.escape(u) for u, _ in _UNITS)
_UNIT_LABEL = dict(_UNITS)

_DATE = re.compile(
    r"(?:(?:19|20)[\d*＊]{2}|[\d*＊]{4})\s*年(?:\s*[\d*＊]{1,2}\s*月)?(?:\s*[\d*＊]{1,2}\s*日)?"
    r"(?:[一-龥]{0,2}学年)?|(?<![\d*＊])[\d*＊]{1,2}\s*月\s*[\d*＊]{1,2}\s*日"
)
_DOC_NUMBER = re.compile(r"[一-龥]{1,12}\s*[〔\[［(（【]\s*[\d*＊]{4}\s*[〕\]］)）】]\s*[\d*＊]+\s*号")
_TITLE = re.compile(r"《([^《》]{1,80})》")
_NATIONAL = re.compile(r"^(?:中国共产党|中华人民共和国|中共中央|国务院|全国人民代表大会)")
_PLACEHOLDER = re.compile(r"(?:[*＊]{2,}|×{2,}|[XＸ]{2,}|某某)(?P<unit>学校|中学|小学|幼儿园|单位|公司|医院|[省市区县镇乡村])?")
_ORDINAL_SCHOOL = re.compile(r"第[一二三四五六七八九十\d]+(?:中学|小学|中心小学|幼儿园|实验学校|学校)")
_NUMBER = re.compile(
    rf"(?<![\d.．＊*])(?:{_DIGITS}|{_CN_COUNT}(?=(?:余|多)?(?:{_UNIT_ALT})))\s*(?:余|多)?\s*(?P<unit>{_UNIT_ALT})?"
)
_BARE_YEAR_DIGITS = re.compile(r"^\d{1,2}[.．、]")  # an enumerator (1. 2、) is no fact
_PLACE_SUFFIX = re.compile(r"[省市区县州镇乡村旗盟]$")
_QUOTED = re.compile(r"“[^“”]{0,40}”|\"[^\"]{0,40}\"")
# A person is named before a position (张伟校长); jieba also tags some compounds (师德师) as names.
_POSITION = re.compile(r"(?:副)?(?:校长|书记|主任|局长|院长|园长|老师|教师|主席|委员|组长|同学)")
_FREQUENCY = re.compile(
    r"(?:每|一)个?(?:学期|学年|年度|年|季度|月|周|星期|天|日)"
    r"(?P<verb>[^，。；,;]{0,12}?)(?:[一两二三四五六七八九十]|\d+)次"
)
_DURATION = re.compile(r"(?<![第\d])(?:[一两二三四五六七八九十]|\d+)个?(?:月|星期|周|天|学期|学年)(?:左右|以上|以内|前|后)")
# The level of an honour a unit won or aims at (区级文明单位) is that unit's own.
_HONOUR_LEVEL = re.compile(r"(?:区|县|市|州|省|国家|全国)级(?=[一-龥]{0,8}(?:标兵|先进|示范|单位|学校|称号|荣誉|奖|基地))")
# A sentence framed by one occasion at a given time (在202*年职称评审中，…; 上学期开学时，…) reports an event.
_EVENT = re.compile(
    r"^(?:在|于)?(?:(?:19|20)[\d*＊]{2}\s*年|[\d*＊]{4}\s*年|(?:上|本|下)(?:学期|学年)|去年|今年|前年)"
    r"[^，,。；;]{0,14}?(?:中|时|期间|之际|以来)[，,]"
)
_WEEKDAY = re.compile(r"(?:每|(?<!值))(?:周|星期)[一二三四五六日天]")  # not 值周 (duty week) of 值周日志
# A unit's own programme (实施育苗工程) and who issued what it follows (县委宣传部、县文旅局联合印发的).
# A programme named by its phase (二期课改, 三期工程) is the unit's or its region's own as well.
_PROGRAMME = re.compile(r"(?<=实施|落实|启动|推进|开展)[一-龥]{2,6}工程|(?<![第\d])[一二三四五六七八九十]期(?![间限])[一-龥]{2}")
_ISSUERS = re.compile(r"(?<=落实|执行|学习)[一-龥、]{2,30}?(?=(?:联合)?(?:下发|印发|颁发)的)")
_RELATIVE_TIME = re.compile(r"(?:上|本|下)(?:学期|学年|半年)|去年|今年|明年|前年|年初|年底|年中")
_SLOGAN_KEEP = re.compile(r"思想|精神|主义|理论")
# A quoted phrase the sentence says the unit coined: 提出了“…”的口号, 打造“…”品牌.
_COINED_BEFORE = re.compile(r"(?:提出了?|打造了?|确立了?|命名为|称为|叫做)$")
_COINED_AFTER = re.compile(r"^的?(?:口号|提法|理念|品牌|特色|校训|校风|教风|学风)")
# A rule or system followed, named without 《》: 贯彻落实中小学教师…和师德考核负面清单制度.
_FOLLOWED = re.compile(
    r"(?:贯彻落实|贯彻执行|贯彻|落实|执行|遵照|依据|按照)(?P<name>[一-龥、和与及]{4,40}?"
    r"(?:制度|规范|办法|规定|条例|意见|准则|细则|清单))(?=[。；;，,、]|$)"
)
_SELF = re.compile(r"我校|本校|我院|本院|我园|本园|我单位|本单位")
# Chinese counts that are fixed terms, not facts (一 is "a/one"; 两个方面 frames a list).
_CN_UNITS_COUNTED = frozenset({"名", "人", "次", "场", "届", "批", "所", "项", "万元", "元", "年", "天", "小时"})


@dataclass(frozen=True)
class Slotted:
    """A sentence with its specifics turned into slots; ``labels`` in order of appearance."""

    text: str
    labels: tuple[str, ...]


def slot(label: str) -> str:
    """The visible fill-in slot for ``label``."""
    return SLOT.format(label=label)


def slot_specifics(text: str, voice: str = "我校", cited: Callable[[str], bool] | None = None) -> Slotted:
    """``text`` (a sample's sentence) with every unit-specific detail a slot and its self-references in ``voice``.

    Args:
        text: a sentence of another unit's report.
        voice: how the draft names its own unit (我校, 本单位).
        cited: whether a document or rule the sentence names (without 《》) is one the draft can cite;
            None keeps national laws and Party regulations only.

    Returns:
        The slotted sentence and the slot labels.
    """
    protected: list[tuple[int, int]] = [m.span() for m in _QUOTED.finditer(text)]
    edits: list[tuple[int, int, str, str]] = []  # (start, end, label, words kept after the slot)

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in protected) and not any(a < y and x < b for x, y, *_ in edits)

    def add(a: int, b: int, label: str, keep: str = "") -> None:
        if a < b and free(a, b):
            edits.append((a, b, label, keep))

    event = _EVENT.match(text)
    if event:  # 在202*年职称评审中，… reports what happened there once: the whole happening is theirs
        add(event.end(), len(text.rstrip("。；;")), "本单位事例")

    def kept(name: str) -> bool:
        return cited(name) if cited is not None else bool(_NATIONAL.match(name))

    for m in _QUOTED.finditer(text):
        inner = m.group(0)[1:-1]
        coined = bool(_COINED_BEFORE.search(text[: m.start()]) or _COINED_AFTER.match(text[m.end() :]))
        own_words = (len(inner) >= 6 or re.search(r"[、，,；;]", inner)) and not _SLOGAN_KEEP.search(inner)
        # A short quoted term (“三重一大”) is the sample's wording unless the policies the draft cites use it.
        unbacked = cited is not None and not _SLOGAN_KEEP.search(inner) and not cited(inner)
        if coined or own_words or unbacked:
            protected.remove(m.span())
            add(m.start(), m.end(), "本单位提法")

    for m in _FOLLOWED.finditer(text):
        if not kept(m.group("name")):
            add(m.start("name"), m.end("name"), "依据文件名称")
    for m in _DOC_NUMBER.finditer(text):
        add(m.start(), m.end(), "文号")
    for m in _FREQUENCY.finditer(text):
        add(m.start(), m.end(), "频次", m.group("verb"))
    for m in _DURATION.finditer(text):
        add(m.start(), m.end(), "时长")
    for m in _TITLE.finditer(text):
        if not kept(m.group(1)):  # the title is the slot; its 《》 stay, so the sentence still reads as naming a document
            add(m.start(1), m.end(1), "依据文件名称" if cited is not None and _NATIONAL.match(m.group(1)) else "文件名称")
    for m in _DATE.finditer(text):
        add(m.start(), m.end(), "时间")
    for m in _RELATIVE_TIME.finditer(text):
        add(m.start(), m.end(), "时间")
    for m in _WEEKDAY.finditer(text):
        add(m.start(), m.end(), "时间")
    for m in _PROGRAMME.finditer(text):
        add(m.start(), m.end(), "本单位提法")
    for m in _ISSUERS.finditer(text):
        add(m.start(), m.end(), "发文单位")
    for m in _HONOUR_LEVEL.finditer(text):
        add(m.start(), m.end(), "级别")
    for m in _PLACEHOLDER.finditer(text):
        unit = m.group("unit") or ""
        add(m.start(), m.end(), f"{_unit_name(unit)}名称" if unit else "具体内容")
    for m in _ORDINAL_SCHOOL.finditer(text):
        add(m.start(), m.end(), "学校名称")
    for m in _NUMBER.finditer(text):
        if _is_enumerator(text, m):
            continue
        unit = m.group("unit") or ""
        number = m.group(0)
        if not re.search(r"[\d*＊]", number) and unit not in _CN_UNITS_COUNTED:
            continue
        end = m.start("unit") if unit else m.end()  # the unit stays: 【请填写：人数】名教师
        add(m.start(), end, _count_label(text, m.end(), unit))
    for a, b, label in _names(text):
        add(a, b, label)
    out: list[str] = []
    labels: list[str] = []
    last = 0
    for a, b, label, keep in sorted(edits):
        out.append(_SELF.sub(voice, text[last:a]))
        if not (labels and out[-1] == "" and labels[-1] == label and last == a):
            out.append(slot(label))
            labels.append(label)
        out.append(keep)
        last = b
    out.append(_SELF.sub(voice, text[last:]))
    return Slotted("".join(out), tuple(labels))


def slot_placeholders(text: str) -> str:
    """``text`` with only the template's own placeholders as slots (《**学校…》, ×××, 2022年*月*日): in any
    source, even our own material, they mark what was left blank, never a fact to state."""
    edits: list[tuple[int, int, str]] = []
    for m in _PLACEHOLDER.finditer(text):
        unit = m.group("unit") or ""
        edits.append((m.start(), m.end(), f"{_unit_name(unit)}名称" if unit else "具体内容"))
    for m in _DATE.finditer(text):
        if re.search(r"[*＊]", m.group(0)) and not any(a < m.end() and m.start() < b for a, b, _ in edits):
            edits.append((m.start(), m.end(), "时间"))
    out: list[str] = []
    last = 0
    for a, b, label in sorted(edits):
        out += [text[last:a], slot(label)]
        last = b
    return "".join(out) + text[last:]


def has_slot(text: str) -> bool:
    """Whether ``text`` holds a fill-in slot."""
    return bool(SLOT_PATTERN.search(text))


def _is_enumerator(text: str, m: re.Match[str]) -> bool:
    """1. or 2、 at the start of a sentence numbers a point; it is no fact."""
    head = text[m.start() : m.end() + 1]
    at_start = m.start() == 0 or text[m.start() - 1] in "\n。；;：:（("
    if m.group("unit"):
        return False
    bracketed = m.start() > 0 and text[m.start() - 1] in "（(" and text[m.end() : m.end() + 1] in ("）", ")")
    return at_start and (bracketed or bool(_BARE_YEAR_DIGITS.match(head)))


def _count_label(text: str, end: int, unit: str) -> str:
    """A slot label for a count: what follows names what is counted (220余名教师 -> 教师人数)."""
    base = _UNIT_LABEL.get(unit, "数字")
    if base == "人数":
        noun = re.match(r"[一-龥]{2,4}?(?=[，。；、的和及与在参（(]|$)", text[end : end + 8])
        if noun:
            return f"{noun.group(0)}人数"
    return base


def _unit_name(unit: str) -> str:
    return {"中学": "学校", "小学": "学校", "幼儿园": "幼儿园"}.get(unit, "地" if _PLACE_SUFFIX.match(unit) else unit)


def _names(text: str) -> list[tuple[int, int, str]]:
    """Place names with an administrative suffix and person names, as jieba's part-of-speech tags read them."""
    from ingest.tokenize import jieba_tagged

    out: list[tuple[int, int, str]] = []
    pos = 0
    for word, flag in jieba_tagged(text):
        start = text.find(word, pos)
        if start < 0:
            continue
        pos = start + len(word)
        if flag == "ns" and _PLACE_SUFFIX.search(word) and len(word) >= 2:
            out.append((start, pos, "地名"))
        elif flag == "nr" and 2 <= len(word) <= 3 and _POSITION.match(text, pos) and not text.startswith("同志", pos):
            out.append((start, pos, "姓名"))
    return out
