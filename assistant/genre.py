"""One template per genre of draft: the title, the opening, the section leads, the closing, the default outline.

The words here frame a draft and state no fact: they name the topic, the sub-heading and the voice
(我校, 本单位). Section leads rotate through a few phrasings, each used once in a draft (`leads`), so that no
two sections open alike; a section of one paragraph, or under a heading long enough to say it all (a
source's own 一是… sentence), goes without one, as a written report does. Parts on what will be done
(下一步打算, 明年…的工作思路) come last (`in_report_order`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.lexicon import head_kind
from assistant.request import (
    DEFAULT_GENRE,
    GENRES,
    PLAN_GENRE,
    SUMMARY_GENRE,
    names_period,
    ours,
    role_asked,
    unreminded,
)
from assistant.slots import SLOT
from ingest.tokenize import jieba_tagged

VOICES: tuple[str, ...] = ("我校", "本校", "我院", "我园", "本单位", "我单位", "我局", "本局")
DEFAULT_VOICE = "我校"
# A part on what will be done, not on what was (下一步打算, 明年党支部的工作思路); not 计划, which a past act may
# name (党支部参与学期工作计划的制订).
_AHEAD = re.compile(r"打算|思路|下一步|明年|今后|来年|新的一年|设想|展望")
# A heading longer than this is a sentence of its own (持续抓好…为主线的政治理论学习): a lead would repeat it.
MAX_LED_HEADING = 12
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
    # Parts every draft of the genre has, whatever else its outline holds: a 自查报告 finds problems and says
    # how they are put right.
    required: tuple[str, ...] = ()
    # A document of one matter, a page or so long (a 请示, a 通知): no report's length is asked of it unless
    # the person asks for one.
    brief: bool = False
    # A document that asks the body above for approval (a 请示): it names whom to call about it (附注).
    asks: bool = False
    # A document sent to a body (a 请示 or a 报告 to the one above, a 通知 to those it binds): it opens with
    # whom it is sent to (主送机关) and ends with who sends it and when (署名, 成文日期). A 汇报材料 or 工作总结
    # is read out or filed, not sent.
    sent: bool = False
    # A letter or a talk opens by greeting the people it speaks to ({audience}: 尊敬的家长：, 各位老师：), not with
    # the body it is sent to.
    salutation: str = ""
    # What a document sent or signed ends with: who signs it and when, slots the person fills.
    signature: tuple[str, ...] = ("发文单位", "成文日期")
    # A paper that tells its readers what the rules ask (a 学习材料, a letter to parents, a talk): a section drawn
    # from laws and policies is led by the genre's own leads, not as a report's basis for its own work.
    states_rules: bool = False
    # A document that tells the units it goes to what to do (a 通知 to 各幼儿园): the rules that bind them are its matter.
    tells: bool = False
    # A document signed and dated though sent to no one (a 工作方案 the unit issues): its signature, no addressee.
    signed: bool = False
    # A paper on what the unit itself, or its own people, are to do, when it speaks for a kind of unit: the rules that
    # bind another party are left out of a part that holds rules of the unit's own ("prefer": a talk to its staff, a
    # letter), or of every part ("only": its own plan, where another party's duty is no measure of the unit's).
    own_duties: str = ""


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
        required=("存在问题", "整改措施"),
        sent=True,
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
        sent=True,
    ),
    "请示": Genre(
        "请示",
        ("请示事由", "请示事项"),
        "为做好{topic}，现将有关事项请示如下：",
        "妥否，请批示。",
        ("关于{heading}：", "{heading}的有关情况如下："),
        reports_own_work=False,
        # A 请示 ends on what it asks for, however many reasons the person named before it.
        required=("请示事项",),
        sent=True,
        brief=True,
        asks=True,
    ),
    "通知": Genre(
        "通知",
        ("总体要求", "主要任务", "工作要求"),
        "为做好{topic}，现将有关事项通知如下：",
        "特此通知。",
        ("关于{heading}：", "在{heading}方面：", "{heading}的具体要求如下："),
        reports_own_work=False,
        sent=True,
        brief=True,
        tells=True,
    ),
    # A paper that sets out what a policy lays down, to study it or to talk from it: the rules, not our work.
    "学习材料": Genre(
        "学习材料",
        ("总体要求", "主要规定", "责任要求"),
        "为便于学习掌握{topic}，现将有关内容梳理如下：",
        "以上内容供学习参考，具体以文件原文为准。",
        ("关于{heading}，有关规定如下：", "在{heading}方面，主要规定如下：", "{heading}的主要内容如下："),
        reports_own_work=False,
        states_rules=True,
    ),
    # A letter to the people the unit serves (致家长的一封信): what the rules ask of them and what the unit asks
    # them to do, greeting them first and signed by the unit; a page or so long.
    "一封信": Genre(
        "一封信",
        ("有关规定", "具体要求"),
        "您好！为做好{topic}，现将有关规定和要求告知如下：",
        "感谢您的理解与支持！",
        ("关于{heading}，有关法律法规明确规定：", "在{heading}方面，请您注意以下几点：", "{heading}主要有以下几点："),
        reports_own_work=False,
        sent=True,
        brief=True,
        salutation="尊敬的{audience}：",
        signature=("落款单位", "日期"),
        states_rules=True,
        own_duties="prefer",
    ),
    # A talk read out to a meeting (家长会上的发言): greets its hearers, says what it is about, thanks them.
    "发言稿": Genre(
        "发言稿",
        ("有关规定", "具体要求"),
        "大家好！今天，我就{topic}和大家交流几点意见。",
        "谢谢大家！",
        ("关于{heading}，法律法规有明确规定：", "在{heading}方面，希望大家做到以下几点：", "{heading}主要有以下几点："),
        reports_own_work=False,
        salutation="各位{audience}：",
        states_rules=True,
        own_duties="prefer",
    ),
    # A plan of what the unit will do (工作方案, 实施方案): why and to what end, the measures, how it is ensured. Its
    # measures carry out the rules that bind the unit; it is issued by the unit, signed and dated.
    "工作方案": Genre(
        "工作方案",
        ("指导思想", "工作目标", "主要措施", "工作要求"),
        "为{purpose}，结合{voice}实际，制定本方案。",
        "",
        ("关于{heading}：", "在{heading}方面：", "{heading}的具体安排如下："),
        reports_own_work=False,
        signature=("制定单位", "日期"),
        signed=True,
        own_duties="only",
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
    # The genre's generic parts say what follows without saying their heading again (在主要工作方面…主要…工作).
    "主要工作": "{voice}主要做了以下工作：",
    "主要做法": "{voice}的主要做法如下：",
    "存在问题": "对照要求，{voice}在{topic}方面还存在以下不足：",
    "存在不足": "对照要求，{voice}在{topic}方面还存在以下不足：",
    "问题和不足": "对照要求，{voice}在{topic}方面还存在以下不足：",
    "下一步打算": "下一步，{voice}将重点做好以下工作：",
    "下一步工作": "下一步，{voice}将重点做好以下工作：",
    "整改措施": "针对上述问题，{voice}将采取以下整改措施：",
    "取得成效": "经过努力，{topic}取得了以下成效：",
    "请示事项": "经研究，{voice}提出如下请求：",
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


# The unit a document's title names before its year or matter (柳河镇第二幼儿园关于…), shortest first:
# 城关中心小学 is a 小学. A title that opens with its year or 关于 names no unit of its own.
_TITLE_UNIT = re.compile(r"^[一-龥]{2,20}?(?P<unit>幼儿园|学校|中学|小学|学院|大学|委员会|政府|局)")
_UNIT_VOICES = {"幼儿园": "我园", "学院": "我院", "局": "我局", "委员会": "本单位", "政府": "本单位"}


def title_voice(title: str) -> str:
    """The voice of the unit a document's title names as its author (柳河镇第二幼儿园关于… ->
    我园, 东湖区教育局… -> 我局, …中学… -> 我校); empty when the title names none (2021年…经验材料)."""
    head = re.split(r"[0-9０-９]|关于", title, maxsplit=1)[0]
    m = _TITLE_UNIT.match(head)
    return _UNIT_VOICES.get(m.group("unit"), DEFAULT_VOICE) if m else ""


# A topic that opens with the kind of unit (学校食堂, 幼儿园的伙食) is about that unit, the one the draft speaks for.
_TOPIC_UNIT = (("我校", re.compile(r"^学校(?!们|之间|与|和)")), ("我园", re.compile(r"^(?:幼儿园|园里)(?!们|之间|与|和)")))


def topic_voice(topic: str) -> str:
    """The voice of the unit a topic opens with (学校的午餐 -> 我校, 幼儿园户外活动 -> 我园); empty for none."""
    return next((voice for voice, pattern in _TOPIC_UNIT if pattern.match(topic)), "")


def kind_voice(kinds: frozenset[str]) -> str:
    """The voice of a unit of the kinds a request states (本园 -> 我园, 我们中学 -> 我校); empty for none."""
    if not kinds:
        return ""
    return "我园" if kinds == {"幼儿园"} else DEFAULT_VOICE


def subject(topic: str, voice: str) -> str:
    """The topic as the subject of an opening: with the voice in front and 有关情况 after when it names no matter."""
    unit = unit_of(voice)
    on_text = bool(_ON_TEXT.match(topic))
    if topic.startswith(VOICES) or on_text:  # 《某法》中…的规定 is no unit's own work
        body = topic
    elif unit and topic.startswith(unit):  # 学校推进家校共育工作 -> 我校推进家校共育工作, not 我校学校…
        body = f"{voice}{topic[len(unit):]}"
    else:
        body = f"{voice}{topic}"
    named = _NAMES_ITS_MATTER.search(body) or (on_text and _RULES.search(body))
    return body if named else f"{body}有关情况"


_RULES = re.compile(r"(?:规定|要求|条款|条文|几条)$")
# A topic on a document's text: its title in 《》 at the start, or a part of it after a few words on the
# document (新出的《某法》中…); not our work on it (落实《某法》的情况).
_ON_TEXT = re.compile(r"^(?:《|[^《，。]{1,6}《[^》]+》(?:中|里|当中))")


# Spoken words of a request that written text says otherwise (general Chinese, speech -> writing):
# a demonstrative pointing at what both speakers know (那个条例, 这些孩子; 那两个班 keeps its count) names
# nothing in writing; the benefactive 给 that opens a clause (给甲班换课桌) is written 为; a document's 里 is 中.
# (这个学期 is a time, said so in writing too.)
_DEMONSTRATIVE = re.compile(
    r"[那这](?:个|些|几个)(?=[一-龥《])(?!学期|月|周|星期|季度|年)|[那这](?=[一两二三四五六七八九十几][个条项所名位间块辆章节])"
)
_BENEFACTIVE = re.compile(r"(?:^|(?<=[、，,])|(?<=^想)|(?<=^想要)|(?<=^打算)|(?<=^准备))给(?=[一-龥])(?!予)")
_DOCUMENT_IN = re.compile(r"(?<=[法例定则见》])里面?(?=[一-龥])")
# 父母该怎么管孩子: the spoken question word is 如何 in writing (not 怎么办, 怎么样, which say other things).
_HOW = re.compile(r"(?:应该|应当|该|要)?怎么(?![办样么])(?=[一-龥])")
# 让大家把甲搞好: who is told to do it (让大家, 叫各班) is the notice's addressee, not its matter, and the disposal
# construction with a result complement (把甲搞好) is written as the verb of doing well before its object (做好甲).
_TOLD = re.compile(r"^(?:让|叫|请|要)(?:大家|各[一-龥]{1,2}?|全体[一-龥]{0,3}?)(?=把)")
_DISPOSAL = re.compile(r"^把(?P<thing>[^，,。把]{2,30}?)(?P<verb>[搞弄做抓办])好$")
_DONE_WELL = {"搞": "做", "弄": "做"}
_TRIED = re.compile(r"^把(?P<rest>[^，,。把]{3,30}?)一下$")


def written(topic: str) -> str:
    """``topic`` in written words where a spoken request says it otherwise (那个甲 -> 甲, 给甲… -> 为甲…,
    甲条例里 -> 甲条例中, 让大家把甲搞好 -> 做好甲, 对甲有啥要求 -> 对甲的要求); unchanged when nothing in it is
    spoken."""
    said = _DOCUMENT_IN.sub("中", _BENEFACTIVE.sub("为", _DEMONSTRATIVE.sub("", topic)))
    said = _HOW.sub("如何", said)
    # 学校要搞甲活动: the unit's intention (学校要) is the request's, and 搞 an activity is written 开展; 抓甲 is 抓好甲.
    said = _WE_WILL.sub("", said)
    said = _CARRY_OUT.sub("开展", said)
    said = re.sub(r"^抓(?![好紧住])(?=[一-龥]{4})", "抓好", said)
    said = _WITH_SPOKEN.sub("与", _WHAT_RULES.sub(_the_rules, said))  # 跟学校有关的 -> 与学校有关的
    told = _TOLD.sub("", said)
    m = _DISPOSAL.match(told)
    if m:
        verb = m.group("verb")
        return f"{_DONE_WELL.get(verb, verb)}好{m.group('thing')}"
    m = _TRIED.match(told)
    if m:  # 把跑道翻新一下: the verb before its object (翻新跑道), the tentative 一下 of speech left out
        words = jieba_tagged(m.group("rest"))
        if len(words) >= 2 and words[-1][1].startswith("v") and len(words[-1][0]) >= 2:
            verb = words[-1][0]
            return f"{verb}{m.group('rest')[: -len(verb)]}"
    return said


_WE_WILL = re.compile(r"^(?:学校|我校|本校|我们|我园|幼儿园)(?:要|将|准备|打算)(?!求)(?=[一-龥]{4})")
_CARRY_OUT = re.compile(r"^搞(?=[一-龥]{2,}(?:活动|教育|培训|演练|竞赛|比赛|评比|宣传|讲座)$)")
# A sub-heading the person named in speech with a pointer after its matter (安保这块, 保健室那一摊, 跟小学衔接的事,
# 住房和体检这些保障): in writing the matter alone.
_AREA = re.compile(r"(?:(?:这|那)一?(?:块|摊|部分)|(?:(?<![做干办搞弄说讲想])的|这些|那些)事(?:情|儿)?)$|(?<=[一-龥])(?:这些|那些)(?=[一-龥]{2}$)")
# 有没有体罚孩子 -> 是否有体罚孩子
_HAS_NOT = re.compile(r"^有没有(?=[一-龥]{2})")
# 对家长有啥要求 -> 对家长的要求, 老师享有哪些权利 -> 老师享有的权利: a question for what a rule lays down, said as
# the thing it lays down.
_WHAT_RULES = re.compile(r"(?:(?<=[一-龥])有|(?P<verb>享有|负有|承担|履行))(?:啥|什么|哪些)(?P<thing>要求|规定|义务|责任|职责|权利)(?=$|[、，,])")  # `_RULE_THINGS`


# 跟…有关: the spoken 跟 of a relation is written 与.
_WITH_SPOKEN = re.compile(r"跟(?=[一-龥]{1,12}?(?:有关|相关|无关))")
_RULE_THINGS = ("要求", "规定", "义务", "责任", "职责", "权利")


def _the_rules(m: re.Match[str]) -> str:
    return f"{m.group('verb') or ''}的{m.group('thing')}"


# 学校要做什么, 安全方面要做到哪些: asked what a party or an area must do, said as what is required of it.
_WHAT_TO_DO = re.compile(
    r"^(?P<who>[一-龥、和]{2,16}?)(?P<area>方面)?(?:都)?(?:要|应该|应当|得|需要|必须)(?P<verb>做|干|管|做到|注意|落实)(?:好)?"
    r"(?:些)?(?:什么|啥|哪些)(?:事情?|工作)?$"
)
# What a duty asked by its verb is called in writing (学校要管什么 -> 学校要管的事项, 学校要干啥 -> 学校要做的工作).
_DUTY_OF = {"管": "事项", "注意": "事项"}
_DUTY_VERB = {"干": "做", "做到": "做"}
# 幼儿园不能干啥: asked what a party may not do, said as the rules that forbid it.
_WHAT_NOT_TO_DO = re.compile(
    r"^(?P<who>[一-龥、和]{2,16}?)(?:绝对|千万|坚决|万万)?(?:不能|不得|不许|不准|不可以|不应该|禁止)(?:干|做|搞)(?:些)?(?:什么|啥|哪些)(?:事情?)?$"
)
# 哪些事情老师不能做: the question word put first, said where a written heading has it (老师不能做哪些事情).
_FRONTED = re.compile(r"^(?P<q>哪些(?:事情|事儿?|行为))(?P<rest>[一-龥]{3,})$")

# 发现孩子沉迷网络怎么办: asked what to do when something happens, said as how it is dealt with.
_WHAT_IF = re.compile(
    r"^(?P<event>(?:[一-龥]{1,6}?(?=发现|遇到))?(?:发现|遇到|出现|发生)[一-龥、]{2,16}?)(?:了)?(?:该|应该|要)?(?:怎么办|如何处理|怎么处理)$"
)


def written_heading(heading: str) -> str:
    """A sub-heading the person named in speech, in the words a report's heading uses where they differ only
    by a spoken pointer or question (安保这块 -> 安保, 住房和体检这些保障 -> 住房和体检保障, 有没有体罚孩子 -> 是否有
    体罚孩子, 对家长有啥要求 -> 对家长的要求, 学校要做什么 -> 学校要做的工作, 学校要管什么 -> 学校要管的事项, 安全方面要做到哪些
    -> 安全方面的要求, 幼儿园不能干啥 -> 幼儿园不得从事的行为, 发现孩子沉迷网络怎么办 -> 发现孩子沉迷网络后的处理); every word of the matter the person named is kept, in their order."""
    said = _HAS_NOT.sub("是否有", _AREA.sub("", heading))
    said = _FRONTED.sub(r"\g<rest>\g<q>", said)
    said = _WHAT_RULES.sub(_the_rules, said)
    if m := _WHAT_TO_DO.match(said):
        who, verb = m.group("who"), m.group("verb")
        said = f"{who}方面的要求" if m.group("area") else f"{who}要{_DUTY_VERB.get(verb, verb)}的{_DUTY_OF.get(verb, '工作')}"
    elif m := _WHAT_NOT_TO_DO.match(said):
        said = f"{m.group('who')}不得从事的行为"
    elif m := _WHAT_IF.match(said):
        event = m.group("event")
        said = f"{event}{'' if event.endswith('后') else '后'}的处理"  # 发现孩子被伤害后怎么办: one 后
    return said if len(said) >= 2 else heading


def title(topic: str, genre: str, audience: str = "", occasion: str = "") -> str:
    """The title: 关于<topic>的<genre> (the topic already stripped of request phrasing, in written words: `written`),
    a plan's and a summary's by their matter alone (校园安全工作方案, 2024年档案工作总结);
    a letter names whom it is to (关于…致家长的一封信, ``audience``), and what it reminds them of without them
    (提醒家长管好… -> 关于管好…致家长的一封信); a talk given at a gathering (``occasion``) is titled by it, as talks
    are (在开学典礼上的讲话, 国旗下讲话：…)."""
    topic = written(topic)
    core = topic[2:] if topic.startswith("关于") else topic
    if occasion and template(genre).salutation and not template(genre).sent:
        matter = _without_occasion(core, occasion)
        if occasion == FLAG_CEREMONY:
            return f"国旗下讲话：{matter}" if matter else "国旗下讲话"
        return f"在{occasion}上的讲话"
    if audience and template(genre).salutation:
        core = unreminded(core, audience)
    # 甲法里关于乙的规定: the title's own 关于 says it once; the inner one reads 甲法中乙的规定.
    core = _INNER_ABOUT.sub("中", core)
    if not template(genre).reports_own_work:  # 要求各校做好…的通知 -> 关于各校做好…的通知
        core = _ASKED_FOR.sub("", core) or core
    core = re.sub(r"的(情况|做法|经验|成效|工作|问题)$", r"\1", core.rstrip("的"))  # …的情况的汇报 reads twice
    # …权益情况的情况报告, …自查的自查报告: the genre's own frame word says it already (工作 of 德育工作 is the matter).
    frame = next((w for w in _TITLE_FRAMES if genre.startswith(w) and core.endswith(w) and len(core) > len(w) + 1), "")
    if frame:
        core = core[: -len(frame)].rstrip("的")
    else:  # 甲工作的落实情况的汇报材料: the title's own 的 follows; 甲工作落实情况的汇报材料 says it once.
        core = _OWN_STATE.sub(r"\1", core)
    # 学校关于乙的做法 says 关于 itself (学校关于乙做法的汇报材料): a second one before it would read twice.
    # A letter, greeted and signed, is to its readers (致家长的一封信); a talk is given, not sent.
    if genre in (PLAN_GENRE, SUMMARY_GENRE):  # titled by its matter (禁毒教育工作方案, 2024年档案工作总结), no 关于…的
        core = core.removeprefix("关于")
    if genre == PLAN_GENRE:
        core = re.sub(r"^(?:开展|组织|做好|抓好|搞好|实施)(?=[一-龥]{4})", "", core)  # 开展甲活动 -> 甲活动方案
        return f"{core}方案" if core.endswith(("工作", "活动")) else f"{core}工作方案"
    if genre == SUMMARY_GENRE:
        return f"{core}总结" if core.endswith(("工作", "情况")) else f"{core}{genre}"
    to = f"致{audience}的" if audience and template(genre).salutation and template(genre).sent else "的"
    return f"{'' if '关于' in core else '关于'}{core}{to}{genre}"


_TITLE_FRAMES = ("情况", "自查", "汇报")
# 的 before a short …情况 that ends a topic (甲的落实情况, 学校的基本情况); not the 的 of a place or a word
# (领导下的试点情况, 目的), nor when the matter is in quotes or a title (“甲”的落实情况 keeps its 的).
_OWN_STATE = re.compile(r"(?<=[一-龥])(?<![下上中里内外目])的([一-龥]{1,4}情况)$")
# 关于 inside a topic, with the 里/中/当中 before it that says where (甲法里关于乙…, 甲文件中关于乙…).
_INNER_ABOUT = re.compile(r"(?<=[一-龥》])(?:里面?|当中|之中|中)关于")


# A 通知 or 请示 names what is to be done: the word that asks for it (要求各校…, 布置…) or a wish (学校想…) is not
# the matter, and a matter that opens with its own verb of doing (做好…, 召开…) takes no second 做好.
_ASKED_FOR = re.compile(r"^(?:(?:学校|我校|本校|我园|我局|本单位)?(?:想要?|拟|准备|打算|计划))?(?:要求|布置|部署)?")
_DOING = re.compile(
    r"^[^，,。的]{0,6}?(?:做好|抓好|加强|开展|推进|落实|组织|召开|举办|举行|实施|进一步)"
    # A verb of purpose that opens the matter (防止孩子沉迷网络); not one inside a law's name (家庭教育促进法).
    r"|^(?:防止|预防|确保|保障|促进|提高|管好|排查|检查|清查)(?![^，,。]*?(?:法|条例)》?(?:[中里]|$))"
)
_ASKING_FOR = re.compile(r"^(?:申请|请求|恳请)")
_DONE_WELL_SAID = re.compile(r"做好|抓好|搞好|办好|管好")
# A holiday or a break (暑假, 寒假, 国庆节, 五一假期): a letter's occasion, not a task to do well.
_HOLIDAY = re.compile(r"(?:今年|明年)?(?:暑假|寒假|假期|春节|国庆节?|五一|劳动节|元旦|清明节?|端午节?|中秋节?)(?:假期|长假|放假)?")
_NEGATED = re.compile(r"^(?:不要|别|不能|不许|不准|切勿|严禁)")


FLAG_CEREMONY = "国旗下"


def _without_occasion(topic: str, occasion: str) -> str:
    """``topic`` less the gathering it was said at (高一新生军训开营仪式上 -> ''); empty when nothing else is left."""
    rest = topic.replace(occasion, "", 1) if occasion in topic else topic
    rest = re.sub(r"^(?:上|时)?(?:的)?", "", rest)
    return rest if len(rest) >= 2 else ""


def opening(topic: str, genre: str, voice: str, occasion: str = "") -> str:
    """The sentence before the first section: a report names its subject; a 通知 or 请示 says what it is for
    (为做好…, 为开展…; a 请示 that asks for something names it: 现就申请…有关事项请示如下); a talk whose matter is only
    the gathering it is given at says so (今天，我们在这里举行高一新生军训开营仪式)."""
    chosen = template(genre)
    topic = written(topic)
    if occasion and chosen.salutation and occasion != FLAG_CEREMONY and not _without_occasion(topic, occasion):
        return f"大家好！今天，我们在这里举行{occasion}。"
    if chosen.reports_own_work:
        # {voice}对{topic}: a topic that opens with a unit's voice (我校甲情况) names it once, not 我校对我校甲.
        said = next((topic[len(v) :] for v in VOICES if topic.startswith(v) and len(topic) - len(v) >= 2), topic)
        return chosen.opening.format(subject=subject(topic, voice), topic=said, voice=voice)
    matter = _ASKED_FOR.sub("", topic) or topic
    # A 请示 asks for what it names (申请…, 为甲班换课桌): 现就…有关事项请示如下; only a task to carry out (开展…)
    # is what it is for (为开展…).
    if _ASKING_FOR.match(matter) or (chosen.name == "请示" and not _DOING.match(matter)):
        return f"现就{matter}有关事项{genre}如下："
    if chosen.salutation and _NEGATED.match(matter):  # 不要打骂孩子: no 为做好… before a thing not to do
        return chosen.opening.replace("为做好{topic}，", "").format(topic=topic, voice=voice)
    if chosen.salutation and _HOLIDAY.fullmatch(matter):  # 暑假: no 为做好暑假; the holiday is coming
        return chosen.opening.replace("为做好{topic}，", f"{matter}即将到来，").format(topic=topic, voice=voice)
    # 中考期间配合做好考点周边噪声防控 says 做好 itself, wherever in the matter: no second one before it.
    purpose = matter if _DOING.match(matter) or _DONE_WELL_SAID.search(matter) else f"做好{matter}"
    # 我县促进就业: a matter of our county is planned for 我县's circumstances (结合我县实际), whoever writes it.
    place = _OUR_PLACE.match(matter)
    voice = place.group(0) if place and "{voice}实际" in chosen.opening else voice or DEFAULT_VOICE
    return chosen.opening.replace("为做好{topic}", "为{purpose}").format(purpose=purpose, topic=topic, voice=voice)


# A matter of the writer's own place (我县, 本市, 我区): a county, district or city of theirs, not a unit.
_OUR_PLACE = re.compile(r"^[我本][省市县区镇乡](?=[一-龥]{2})")


def closing(genre: str) -> str:
    """The sentence after the last section."""
    return template(genre).closing


ADDRESSEE_LABEL = "主送机关"
# A 请示 names whom the body above may call about it, in brackets under the date (附注).
CONTACT_LINE = "（联系人：【请填写：联系人】，联系电话：【请填写：联系电话】）"


AUDIENCE_LABEL = "称呼"
# Those greeted as a whole (全体教职工, 老师们) take no 各位 before them.
_WHOLE = re.compile(r"^全体|^全校|们$")


def addressee_line(genre: str, addressee: str) -> str:
    """The line before the opening: for a document sent to a body (请示, 通知, 自查报告, 情况报告) whom it goes to,
    as the request names it, else a slot for it; for a letter or a talk the greeting of the people it speaks to
    (尊敬的家长：, 各位老师：, 全体教职工：), else a slot for them; empty for a genre that has neither."""
    chosen = template(genre)
    if chosen.salutation:
        if addressee and _WHOLE.search(addressee):
            return f"{addressee}："
        return chosen.salutation.format(audience=addressee or SLOT.format(label=AUDIENCE_LABEL))
    if not chosen.sent:
        return ""
    return f"{addressee or SLOT.format(label=ADDRESSEE_LABEL)}："


def signature_lines(genre: str, signer: str = "") -> tuple[str, ...]:
    """Who sends or signs a document and when, set right under the text: the unit's name as the request gives it
    (``signer``), else a slot, and a slot for the date it is signed; none for a genre that is not sent."""
    chosen = template(genre)
    if not chosen.sent and not chosen.signed:
        return ()
    who, *rest = chosen.signature
    return (signer or SLOT.format(label=who), *(SLOT.format(label=label) for label in rest))


def contact_line(genre: str) -> str:
    """Whom the body above may call about a 请示 (附注), set under the date; empty for any other genre."""
    chosen = template(genre)
    return CONTACT_LINE if chosen.sent and chosen.asks else ""


def sender_lines(genre: str, signer: str = "") -> tuple[str, ...]:
    """The lines after the closing of a document sent to a body: its signature (`signature_lines`), then for a
    请示 whom to call about it (`contact_line`); none for a genre that has none."""
    contact = contact_line(genre)
    return (*signature_lines(genre, signer), *((contact,) if contact else ()))


@dataclass(frozen=True)
class Part:
    """What a section's lead depends on: its heading, how many paragraphs it states, and whether its
    sources are all laws and policies (``basis_only``)."""

    heading: str
    paragraphs: int
    basis_only: bool = False


def looks_ahead(heading: str) -> bool:
    """Whether a heading is about what will be done (下一步打算, 明年…的工作思路), not about what was."""
    return bool(_AHEAD.search(heading))


_SHORTCOMINGS = re.compile(r"问题|不足|困难|短板|差距")
_REMEDY = re.compile(rf"整改|措施|{_AHEAD.pattern}")
# The part of a 请示 that says what it asks for (请示事项, 申请事项), or a heading that asks (申请…, 请求…).
_ASK_PART = re.compile(r"请示事项|申请|请求|恳请")


def closing_part(heading: str) -> bool:
    """Whether a heading names the part a report ends on, its shortcomings or its plans (不足与今后打算):
    what lies under it (一是…二是…) are its items, not parts of a report of their own."""
    return bool(_SHORTCOMINGS.search(heading) or _AHEAD.search(heading))


# How reports word the parts a genre requires (a 自查报告's 整改措施 is often a report's 下一步打算): general
# headings of Chinese official reports, written by hand.
_PART_WORDINGS: dict[str, tuple[str, ...]] = {
    "存在问题": ("存在问题", "存在不足", "问题和不足"),
    "整改措施": ("整改措施", "下一步打算", "下一步工作"),
    # What a 请示 asks for, our own material states among its plans (下一步…申请…).
    "请示事项": ("请示事项", "下一步打算"),
}


def part_wordings(part: str) -> tuple[str, ...]:
    """``part`` and the other headings reports give it (整改措施: 下一步打算, 下一步工作), ``part`` first."""
    return _PART_WORDINGS.get(part, (part,))


# The part of a 请示 (or of any request) that says why it is made: 请示事由, 申请理由, 原因, 依据.
_REASON_WORDS = ("事由", "理由", "缘由", "原因", "必要性", "依据")
_REASONS = re.compile("|".join(_REASON_WORDS))
# The name of a part and nothing else (依据, 理由, 背景): what it is about is the draft's topic.
_BARE_PART = re.compile(rf"(?:有关|相关|主要|具体)?(?:{'|'.join(_REASON_WORDS)}|背景)")


def names_bare_part(heading: str) -> bool:
    """Whether ``heading`` is only the name of a part (依据, 主要理由, 背景), with no matter of its own."""
    return bool(_BARE_PART.fullmatch(heading))


def gives_reasons(genre: str, heading: str) -> bool:
    """Whether ``heading`` is the part of an asking genre (a 请示) that says why it asks."""
    return template(genre).asks and bool(_REASONS.search(heading))


def closing_kinds(heading: str) -> frozenset[str]:
    """Which of a report's closing parts a heading names: "shortcomings" (存在问题), "remedies" (整改措施,
    下一步打算), both (问题和打算), "asks" (a 请示's 请示事项), or none."""
    out = set()
    if _SHORTCOMINGS.search(heading):
        out.add("shortcomings")
    if _REMEDY.search(heading):
        out.add("remedies")
    if _ASK_PART.search(heading):
        out.add("asks")
    return frozenset(out)


# How a sentence itself says it states a shortcoming (…水平偏低, 重视不够, 存在…隐患) or a remedy (下一步…, 力争…,
# 整改…): general words of Chinese official reports, for a sentence that no heading of its document places.
_STATES_SHORTCOMING = re.compile(
    r"不足|不够|不强|不高|不平衡|不稳定|不规范|不到位|不及时|不完善|不健全|不合理|偏低|偏少|偏高|偏大|偏弱|较差|较弱"
    r"|薄弱|滞后|欠缺|缺乏|短板|差距|有待|亟待|难以|流于形式|存在[^。；]{0,20}?(?:问题|隐患|困难|风险)"
)
_STATES_REMEDY = re.compile(rf"整改|改进|力争|计划|争取|拟于|将于|年底前|将进一步|将继续|{_AHEAD.pattern}")


# How a sentence asks a superior for something (向县教育局申请增开…, 恳请拨付…): the verb of asking followed by what
# is asked, not the noun (受理申请217份, 申请书, 申请表).
_STATES_ASK = re.compile(r"(?:申请|请求|恳请|拟请|请予)(?![\d０-９]|书|表|材料|人|份|件)")


def states_closing(kinds: frozenset[str], text: str) -> bool:
    """Whether ``text`` states, in its own words, what a closing part of ``kinds`` (`closing_kinds`) holds:
    a shortcoming, what will be done or put right, or what is asked for."""
    return (
        ("shortcomings" in kinds and bool(_STATES_SHORTCOMING.search(text)))
        or ("remedies" in kinds and bool(_STATES_REMEDY.search(text)))
        or ("asks" in kinds and bool(_STATES_ASK.search(text)))
    )


def with_required(headings: list[str], name: str) -> list[str]:
    """``headings`` and, after them, each part genre ``name`` always has (`Genre.required`) that none of them
    names already (主要问题 stands for 存在问题; 整改措施 for 整改措施)."""
    out = list(headings)
    for part in template(name).required:
        # A heading on shortcomings stands for 存在问题; one on what is asked for, for 请示事项; one on what will
        # be done or put right, for 整改措施.
        same = _SHORTCOMINGS if _SHORTCOMINGS.search(part) else _ASK_PART if _ASK_PART.search(part) else _REMEDY
        if not any(part in h or same.search(h) for h in out):
            out.append(part)
    return out


def in_report_order(headings: list[str]) -> list[str]:
    """``headings`` with the parts on what will be done last, as a report ends on its plans; the order
    within each group is kept."""
    return [h for h in headings if not looks_ahead(h)] + [h for h in headings if looks_ahead(h)]


def leads(genre: str, parts: list[Part], topic: str, voice: str) -> list[str]:
    """The lead sentence of each section (empty: none), no phrasing used twice in one draft; ``topic`` empty
    when the request names only the parts (甲、存在不足), so that no lead names them all as its matter.

    A part of a report (基本情况, 存在问题…) has its own lead. A section whose sources are all laws and
    policies (``basis_only``) states the requirements (关于…，有关法律法规提出了明确要求：) and claims no work of
    the unit's own. Any other section of several paragraphs takes the genre's next unused lead; one of a
    single paragraph, or under a heading that is a sentence of its own, takes none.
    """
    used: set[str] = set()
    out: list[str] = []
    for part in parts:
        chosen = _lead_template(genre, part, used)
        used.add(chosen)
        out.append(_fill(chosen, part.heading, topic, voice))
    return out


def _lead_template(genre: str, part: Part, used: set[str]) -> str:
    """The lead's template for ``part``: a part's own lead, else the first of the genre's leads that no
    earlier section used; "" when they are all used, for a section of one paragraph
    and under a heading that is a sentence of its own (a rule's section keeps its lead: it says whose
    requirements follow)."""
    heading = part.heading
    if part.paragraphs <= 0:
        return ""
    own = _PART_LEADS.get(heading)
    rotation = template(genre).leads
    studied = template(genre).states_rules  # a paper on rules only: every part is led as rules are
    if part.basis_only and (template(genre).reports_own_work or studied):
        own, rotation = None, (rotation if studied else _BASIS_LEADS)
        if studied and _ASKS.search(heading):  # 发现沉迷网络怎么办: a question takes no 在…方面 frame
            rotation = ("关于{heading}，有关规定如下：", "{heading}，有关规定如下：")
        # The heading names the basis itself (…在法律上的依据), or what the rules lay down (对家长的要求).
        if role_asked(heading) == "policy" or heading.endswith(_RULE_THINGS):
            return "{heading}如下："
    elif own:
        return own
    elif part.paragraphs < 2 or len(heading) > MAX_LED_HEADING:
        return ""
    elif (heading in template(genre).outline or gives_reasons(genre, heading)) and not template(genre).reports_own_work:
        # A notice's, a plan's or a 请示's own parts (总体要求, 主要任务, 请示事由, or 依据 and 理由 as the person
        # named them) go straight to what they require or why it is asked: 关于请示事由：, 关于依据： would name
        # the part, not lead it.
        return ""
    elif _ASKS.search(heading):  # 为什么要改: a question takes no 在…方面 frame
        rotation = ("关于{heading}，具体情况如下：", "{heading}，情况如下：")
    elif looks_ahead(heading):  # a plan speaks of what will be done, not of what was
        rotation = ("下一步，{voice}将围绕{heading}重点做好以下工作：", "{voice}将着力做好以下几项工作：")
    # (以下几点 announces a list: not before one paragraph.)
    return next(
        (t for t in rotation if t not in used and not _says_twice(t, heading) and (part.paragraphs > 1 or "几点" not in t)), ""
    )


def _says_twice(lead: str, heading: str) -> bool:
    """Whether ``lead``, with ``heading`` in it, would say a word of the heading a second time (在主要工作方面，
    我校主要做了以下工作: 主要 and 工作 twice)."""
    if "{heading}" not in lead:
        return False
    words = _fill(lead, heading, "", "").replace(heading, "", 1)  # as it reads (情况 said once: `_STATE_AGAIN`)
    return any(heading[i : i + 2] in words for i in range(len(heading) - 1))


# A lead that says 情况 after a heading that already ends in it (校车情况的有关情况如下): said once.
_STATE_AGAIN = (("{heading}的有关情况如下", "{heading}如下"), ("关于{heading}，具体情况如下", "{heading}如下"), ("{heading}，情况如下", "{heading}如下"))


def _fill(chosen: str, heading: str, topic: str, voice: str) -> str:
    if heading.endswith("情况"):
        for said, once in _STATE_AGAIN:
            chosen = chosen.replace(said, once)
    topic_core = topic[len(voice) :] if topic.startswith(voice) else topic
    # No matter beyond the parts themselves, or only the time it covers (我校2024年度): the lead names none
    # (对照要求，我园还存在以下不足：, not 我校在2024年度方面…).
    if not topic_core or names_period(topic_core):
        chosen = chosen.replace("在{topic}方面", "").replace("{topic}", "")
    return chosen.format(heading=heading, voice=voice, topic=topic_core)


def ask_part(genre: str, heading: str, voice: str, topic: str = "") -> str:
    """The text of the genre's part that says what is asked for (a 请示's 请示事项) when no document of ours asks
    it: the part's lead, then the ask as the request words it (``topic``: 申请增加两名心理教师编制 -> 恳请批准我校
    增加两名心理教师编制), else a slot where the person writes it, which only they can know. Empty for any
    other part: a part the person named (申请…的理由) or one on another matter is left to fill as it is."""
    if heading not in template(genre).outline or "asks" not in closing_kinds(heading):
        return ""
    lead = _fill(_PART_LEADS.get(heading, ""), heading, "", voice)
    said = ours(written(topic))  # 我们学校, 咱们 said as the unit's own word (我校), as everywhere in a request
    said = _ASKED_FOR.sub("", next((said[len(v) :] for v in VOICES if said.startswith(v)), said))
    asked = _ASKING_FOR.match(said)
    matter = said[asked.end() :] if asked else ""
    # 申请 with a matter of two characters or more after it (申请维修操场) is stated; anything else is the person's.
    stated = len(matter) >= 2
    # 给学校增加… names our own unit as whom the ask is for: said once, in the draft's voice (为我校增加…).
    whom, for_us = voice, _FOR_OURSELVES.match(matter)
    if for_us and len(matter) > for_us.end():
        whom, matter = f"为{voice}", matter[for_us.end() :]
    ask = f"恳请批准{whom}{matter}。" if stated else f"{SLOT.format(label=heading)}。"
    means = _means_for(matter) if stated else None
    if means:  # 申请经费组织军训: what is asked for, then what it is for (恳请批准我校组织军训，并给予经费支持)
        ask = f"恳请批准{whom}{means[1]}，并给予{means[0]}支持。"
    return f"{lead}\n{ask}" if lead else ask


def asks_part(genre: str, heading: str, asks: Sequence[str], voice: str) -> str:
    """The text of a 请示's part on what it asks for when the person said the asks (`request.petition`):
    the part's lead, then each ask in the unit's voice, numbered 一是…；二是… when there are several
    (恳请给我校配… -> 恳请为我校配…). Empty for any other part or genre."""
    if not asks or heading not in template(genre).outline or "asks" not in closing_kinds(heading):
        return ""
    lead = _fill(_PART_LEADS.get(heading, ""), heading, "", voice)
    said = [_FOR_OURSELVES.sub(f"为{voice}", a.replace("我校", voice)) for a in asks]
    numbered = "；".join(f"{_ORDINALS[i]}是{a}" for i, a in enumerate(said)) if len(said) > 1 else said[0]
    return f"{lead}\n{numbered}。" if lead else f"{numbered}。"


_ORDINALS = "一二三四五六七八九十"


def _means_for(matter: str) -> tuple[str, str] | None:
    """(what is asked for, what it is for) when an ask names a resource and then its use with no word between
    (经费组织高一新生军训 -> 经费, 组织高一新生军训); None otherwise (维修操场, 增加两名教师)."""
    words = jieba_tagged(matter)
    if len(words) < 3 or words[0][1] not in ("n", "vn") or words[1][1] != "v" or len(words[0][0]) < 2:
        return None
    # The resource is money (经费, 资金): 塑胶跑道改造经费 names what the money is for, then the money.
    if head_kind(words[0][0]) != "money":
        return None
    return words[0][0], matter[len(words[0][0]) :]


# A beneficiary that is the asking unit itself (给学校, 为我校, 给本园), once "we" is said as the unit's own
# word (`assistant.request.ours`): the ask says it in the draft's voice.
_FOR_OURSELVES = re.compile(r"(?:给|为|帮)(?:[我本](?:校|园|局|单位)|学校|幼儿园|单位)")


# What a genre's standard part holds, told to the person who must write it when the material has nothing
# for it: general 公文 practice, not any document's words.
_PART_HINTS = {
    "基本情况": "单位概况和工作开展的总体情况",
    "主要做法": "采取了哪些措施、开展了哪些工作",
    "主要工作": "开展了哪些工作、采取了哪些措施",
    "取得成效": "取得的成绩和变化，最好有数据或实例",
    "存在问题": "还存在哪些差距和不足",
    "存在不足": "还存在哪些差距和不足",
    "下一步打算": "今后的打算和具体措施",
    "下一步工作": "今后的打算和具体措施",
    "整改措施": "针对问题的整改办法、责任人和完成时限",
    "请示事由": "为什么请示：现状、遇到的困难和有关依据",
    "请示事项": "请求上级批准或解决的具体事项",
    "总体要求": "指导思想和工作目标",
    "主要任务": "要做的工作和分工",
    "工作要求": "时间安排、组织保障和报送要求",
    "指导思想": "依据的文件精神和总的考虑",
    "工作目标": "要达到的目标，最好可以检查",
    "主要措施": "要做的工作、责任部门和完成时限",
}


def part_hint(heading: str) -> str:
    """What to write under ``heading`` when it is a genre's standard part (请写明……。); empty otherwise."""
    hint = _PART_HINTS.get(heading)
    return f"请写明{hint}。" if hint else ""


def own_work_slot(genre: str, voice: str) -> str:
    """The closing line of a report's section drawn from rules only, a slot for what the unit did;
    empty for a genre that reports no work of its own (通知, 请示)."""
    if not template(genre).reports_own_work:
        return ""
    return OWN_WORK_SLOT.format(voice=voice, label=OWN_WORK_LABEL)
