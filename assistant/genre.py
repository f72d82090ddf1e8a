"""One template per genre of draft: the title, the opening, the section leads, the closing, the default outline.

The words here frame a draft and state no fact: they name the topic, the sub-heading and the voice
(我校, 本单位). Section leads rotate through a few phrasings so that no two sections open alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.request import DEFAULT_GENRE, GENRES, role_asked

VOICES: tuple[str, ...] = ("我校", "本校", "我院", "我园", "本单位", "我单位", "我局", "本局")
DEFAULT_VOICE = "我校"
# A topic that already names what it reports (…的情况, …的做法) needs no 有关情况 after it.
_AHEAD = re.compile(r"打算|思路|计划|下一步|明年|今后|规划|设想")
_ASKS = re.compile(r"怎么|怎样|如何|为什么|为何|哪些|什么|谁")
_NAMES_ITS_MATTER = re.compile(r"(?:情况|做法|经验|成效|进展|工作|举措|措施|问题|打算|计划|方案|安排|事项)$")


@dataclass(frozen=True)
class Genre:
    """The framing of one genre. Templates use {subject} (the voice and the topic), {topic}, {heading}, {voice}."""

    name: str
    outline: tuple[str, ...]
    opening: str
    closing: str
    leads: tuple[str, ...]
    reports_own_work: bool = True  # a report says what the unit did; a 通知 or 请示 states what is to be done


_REPORT_LEADS = (
    "在{heading}方面，{voice}主要做了以下工作：",
    "围绕{heading}，{voice}重点抓了以下几个方面：",
    "关于{heading}，具体情况如下：",
    "在推进{heading}中，{voice}着重做好以下工作：",
)
_TEMPLATES: dict[str, Genre] = {
    "汇报材料": Genre(
        "汇报材料",
        ("主要做法", "取得成效", "存在问题", "下一步打算"),
        "根据工作安排，现将{subject}汇报如下：",
        "特此汇报。",
        _REPORT_LEADS,
    ),
    "自查报告": Genre(
        "自查报告",
        ("基本情况", "存在问题", "整改措施"),
        "按照上级有关要求，{voice}对{topic}进行了认真自查，现将自查情况报告如下：",
        "特此报告。",
        ("对照{heading}，自查情况如下：", "在{heading}方面，{voice}的情况是：", "关于{heading}，经自查："),
    ),
    "工作总结": Genre(
        "工作总结",
        ("主要工作", "取得成效", "存在不足", "下一步工作"),
        "现将{subject}总结如下：",
        "以上总结如有不妥之处，请批评指正。",
        ("在{heading}方面，{voice}主要做了以下工作：", "围绕{heading}，{voice}着力抓好以下几点：", "关于{heading}："),
    ),
    "情况报告": Genre(
        "情况报告",
        ("基本情况", "主要做法", "存在问题", "下一步打算"),
        "现将{subject}报告如下：",
        "特此报告。",
        _REPORT_LEADS,
    ),
    "请示": Genre(
        "请示",
        ("请示事由", "请示事项"),
        "为做好{topic}，现将有关事项请示如下：",
        "妥否，请批示。",
        ("关于{heading}：", "{heading}的有关情况如下："),
        reports_own_work=False,
    ),
    "通知": Genre(
        "通知",
        ("总体要求", "主要任务", "工作要求"),
        "为做好{topic}，现将有关事项通知如下：",
        "特此通知。",
        ("关于{heading}：", "在{heading}方面：", "{heading}的具体要求如下："),
        reports_own_work=False,
    ),
}
# Leads of a section whose sources are all laws and policies: what is required, never what the unit did.
_BASIS_LEADS = (
    "关于{heading}，有关法律法规提出了明确要求：",
    "在{heading}方面，按照有关规定，应当做到以下几点：",
    "{heading}的有关依据如下：",
)
# After a report's section drawn from rules only: where the person writes what the unit did.
OWN_WORK_SLOT = "按照上述要求，{voice}【请填写：{label}】。"
OWN_WORK_LABEL = "本单位的具体做法和成效"
# Leads of the headings that name a part of a report rather than a subject.
_PART_LEADS: dict[str, str] = {
    "基本情况": "{voice}的基本情况如下：",
    "存在问题": "对照要求，{voice}在{topic}方面还存在以下不足：",
    "存在不足": "对照要求，{voice}在{topic}方面还存在以下不足：",
    "问题和不足": "对照要求，{voice}在{topic}方面还存在以下不足：",
    "下一步打算": "下一步，{voice}将重点做好以下工作：",
    "下一步工作": "下一步，{voice}将重点做好以下工作：",
    "整改措施": "针对上述问题，{voice}将采取以下整改措施：",
    "取得成效": "经过努力，{topic}取得了以下成效：",
}


def template(name: str | None) -> Genre:
    """The template of genre ``name`` (default 汇报材料).

    Raises:
        ValueError: an unknown genre.
    """
    name = name or DEFAULT_GENRE
    if name not in _TEMPLATES:
        raise ValueError(f"不支持的文种：{name}（可选：{'、'.join(GENRES)}）")
    return _TEMPLATES[name]


_UNITS = {"我校": "学校", "本校": "学校", "我院": "学院", "我园": "幼儿园", "本单位": "单位", "我单位": "单位", "我局": "局", "本局": "局"}


def unit_of(voice: str) -> str:
    """The kind of unit a voice speaks for, as laws name it (我校 -> 学校); empty when unknown."""
    return _UNITS.get(voice, "")


def voice_of(topic: str, default: str = DEFAULT_VOICE) -> str:
    """The voice a topic speaks in (我校, 本单位…), else ``default``."""
    return next((v for v in VOICES if topic.startswith(v)), default)


def subject(topic: str, voice: str) -> str:
    """The topic as the subject of an opening: with the voice in front and 有关情况 after when it names no matter."""
    unit = unit_of(voice)
    if topic.startswith(VOICES):
        body = topic
    elif unit and topic.startswith(unit):  # 学校依法保障教师权益 -> 我校依法保障教师权益, not 我校学校…
        body = f"{voice}{topic[len(unit):]}"
    else:
        body = f"{voice}{topic}"
    return body if _NAMES_ITS_MATTER.search(body) else f"{body}有关情况"


def title(topic: str, genre: str) -> str:
    """The title: 关于<topic>的<genre> (the topic already stripped of request phrasing)."""
    core = topic[2:] if topic.startswith("关于") else topic
    core = re.sub(r"的(情况|做法|经验|成效|工作)$", r"\1", core.rstrip("的"))  # …的情况的汇报 reads twice
    # …权益情况的情况报告, …自查的自查报告: the genre's own frame word says it already (工作 of 德育工作 is the matter).
    frame = next((w for w in _TITLE_FRAMES if genre.startswith(w) and core.endswith(w) and len(core) > len(w) + 1), "")
    if frame:
        core = core[: -len(frame)].rstrip("的")
    return f"关于{core}的{genre}"


_TITLE_FRAMES = ("情况", "自查", "汇报")


def opening(topic: str, genre: str, voice: str) -> str:
    """The sentence before the first section."""
    return template(genre).opening.format(subject=subject(topic, voice), topic=topic, voice=voice)


def closing(genre: str) -> str:
    """The sentence after the last section."""
    return template(genre).closing


def lead(genre: str, heading: str, index: int, topic: str, voice: str, *, basis_only: bool = False) -> str:
    """The lead sentence of the ``index``-th section (0-based): a part's own lead, else the genre's in turn.

    Args:
        basis_only: the section's sources are all laws and policies; a report's lead then states the
            requirements (关于…，有关法律法规提出了明确要求：) and claims no work of the unit's own.
    """
    part = _PART_LEADS.get(heading)
    leads = template(genre).leads
    if basis_only and template(genre).reports_own_work:
        part, leads = None, _BASIS_LEADS
    chosen = part if part else leads[index % len(leads)]
    if basis_only and role_asked(heading) == "policy":  # the heading names the basis itself (…在法律上的依据)
        chosen = "{heading}如下："
    elif not part and _ASKS.search(heading):  # 为什么要改: a question takes no 在…方面 frame
        chosen = "关于{heading}，具体情况如下："
    elif not part and _AHEAD.search(heading):  # a plan speaks of what will be done, not of what was
        chosen = "下一步，{voice}将围绕{heading}重点做好以下工作："
    topic_core = topic[len(voice) :] if topic.startswith(voice) else topic
    return chosen.format(heading=heading, voice=voice, topic=topic_core)


def own_work_slot(genre: str, voice: str) -> str:
    """The closing line of a report's section drawn from rules only, a slot for what the unit did;
    empty for a genre that reports no work of its own (通知, 请示)."""
    if not template(genre).reports_own_work:
        return ""
    return OWN_WORK_SLOT.format(voice=voice, label=OWN_WORK_LABEL)
