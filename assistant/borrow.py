"""What a draft borrows from a sample (参考范文), and how it says so.

A sample lends its wording, never its facts. `assistant.slots` turns its unit-specific details
(counts, dates, names, document numbers, its own slogans and programmes) into 【请填写：…】. What is
left can still report what that unit did: a verb in the perfective (建立了…制度, 开展了…活动, 完成了…工作)
or one marked done (已建立, 已经完成) states a completed act of theirs, and written under our heading it
would read as ours. So would a sentence in the present tense that says what that unit does (中层干部的任免，
征求党支部意见; 对食堂的承包…都会听取家委会的建议): a sample's sentence is the sample unit's account of
itself. Every such sentence is kept as a suggested wording, flagged for the person to check, never as a
plain assertion. Only a general norm (应当/必须/不得…, or 要 opening a clause: what ought to be, said of no
unit in particular) and an announcing line ending in a colon (a heading of what follows) keep their wording
unflagged.

A flag in front of every sentence makes a draft drawn from samples unreadable (nearly every sentence of a
report is its unit's practice). An offline draft states a section's sample sentences last, together, after
one line that flags all that follows in the section (`PRACTICE_NOTE`: 以下做法摘自参考范文…; a 【请核实：以下…】
flag covers the rest of its section or paragraph). A sentence a model wrote among its own is flagged alone
(`PRACTICE_FLAG`), since nothing keeps the sample's sentences together there.

`sample_note` tells the person, truthfully, what the draft took from the samples: how many of its
sentences are a sample's own sentences, from which documents, and what was slotted and flagged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from assistant.slots import SLOT, SLOT_PATTERN, slot_specifics
from assistant.types import Citation

# A completed act, by general Chinese grammar: a two-character verb in the perfective (建立了, 开展了; not
# 为了, 除了, 了解, 了如指掌), or one marked done (已建立, 已经完成).
ACT = re.compile(r"[一-龥][一-龥](?<![为除])了(?![解如结却])|已经?[一-龥]{2}")
PRACTICE_LABEL = "范文做法，本校有则保留"
PRACTICE_FLAG = f"【请核实：{PRACTICE_LABEL}】"
# One flag for all that follows it in a section (or a paragraph): the sample sentences stated after it.
PRACTICE_NOTE = "【请核实：以下做法摘自参考范文，本校有则保留，无则删改】"
FLAGS = (PRACTICE_FLAG, PRACTICE_NOTE)  # notes to the person: no part of a draft's length
FILL_IN = SLOT.split("{", 1)[0]  # 【请填写：
# A norm, not a report: a modal of obligation or prohibition, or 要 opening a clause (not 要求, 要点).
NORM = re.compile(r"应当|应该|必须|不得|严禁|禁止|务必|不准|不宜|(?:^|[，,；;：:])要(?![求点素])")
_ANNOUNCES = re.compile(r"[：:]\s*$")
_LEADING = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}是)")


def acts_in(text: str) -> list[str]:
    """The completed acts ``text`` states outside its slots (建立了, 已经完成), in order."""
    return [m.group(0) for m in ACT.finditer(SLOT_PATTERN.sub("", text))]


def reports_practice(text: str) -> bool:
    """Whether a sample's sentence says what its unit does or did: any completed act (`acts_in`), and
    otherwise anything but a general norm (`NORM`) or an announcing line that ends in a colon."""
    if acts_in(text):
        return True
    free = SLOT_PATTERN.sub("", text).strip()
    stem = _LEADING.sub("", free).strip()
    return bool(stem) and not _ANNOUNCES.search(stem) and not NORM.search(stem)


def borrow(sentence: str, voice: str, cited: Callable[[str], bool] | None = None, *, flag: bool = True) -> str:
    """A sample's ``sentence`` as our draft may state it: its specifics slots (`assistant.slots.slot_specifics`),
    and, with ``flag``, flagged as a whole (`PRACTICE_FLAG`, after an enumerator it opens with) when it
    reports what the sample's unit does or did (`reports_practice`). Without ``flag`` the caller flags it
    (`PRACTICE_NOTE` over a run of such sentences)."""
    text = slot_specifics(sentence, voice, cited).text
    if not flag or PRACTICE_FLAG in text or not reports_practice(text):
        return text
    lead = _LEADING.match(text)
    at = lead.end() if lead else 0
    return f"{text[:at]}{PRACTICE_FLAG}{text[at:]}"


def sample_note(citations: Iterable[Citation], body: str, *, verbatim: bool = True) -> str:
    """What the draft took from samples, said truthfully; empty when it cites none.

    Args:
        citations: the draft's citations (each sample sentence is one citation).
        body: the draft's section texts, to tell whether any slot or flag was written.
        verbatim: the sentences are the samples' own (offline); False when a model wrote from them.
    """
    taken = [c for c in citations if c.role == "sample"]
    if not taken:
        return ""
    titles = "".join(dict.fromkeys(f"《{c.doc_title}》" for c in taken))
    how = "照录了" if verbatim else "依据"
    said = [f"本稿{how}参考范文{titles}的 {len(taken)} 句原文（已标注来源），写的是范文单位的情况，不是本单位的材料"]
    if FILL_IN in body:
        said.append("其中的人数、时间、文件名称等具体信息已改为【请填写：…】")
    flagged = body.count(PRACTICE_FLAG)
    if flagged:
        said.append(f"其中写范文单位做法的 {flagged} 句已逐句标为{PRACTICE_FLAG}")
    runs = body.count(PRACTICE_NOTE)
    if runs:
        where = "开头标有" if runs == 1 else f"共 {runs} 处，每处开头标有"
        said.append(f"写范文单位做法的句子已按部分归在一起，{where}{PRACTICE_NOTE}")
    return "；".join(said) + "。请按本单位实际填写、核实，删去本单位没有的做法，并改写成本单位自己的表述。"
