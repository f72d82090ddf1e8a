"""A drafting request read into its parts: the topic without the request phrasing, the genre, the outline.

A person asks "麻烦起草一段汇报材料：我校加强食堂管理（采购验收、从业人员、卫生检查）的情况". The
drafter needs the topic (我校加强食堂管理的情况), the genre (汇报材料) and, when the request names
them, the sub-topics (采购验收, 从业人员, 卫生检查). The rules are general ones about how such requests
are phrased in Chinese:

- the request phrasing is a leading verb of asking or writing (请, 帮我, 起草, 写一段, 拟一份…) with its
  measure word, then optionally the genre and a colon; a trailing "的<genre>" also names the genre;
- sub-topics are listed in brackets (（甲、乙、丙）), as 一是…二是…, or as "A和B" / "A、B和C" between the
  subject (我校…) and the closing noun (情况, 做法, 工作…) of the topic;
- in everyday words a request is clauses: who is asking (我是校长), the occasion, the ask itself
  (帮我弄个讲话稿), the matter, its parts and a length (1500字左右, 简短点). Parts are named by a list
  with its count (按经费、场地、培训三个方面写; 两点：甲；乙), by a list after a verb of telling (讲甲、乙，
  再加上丙), or in sequence (先讲甲，再讲乙; 一个讲甲，一个讲乙). The matter is the clause left once the
  asker, the ask, the length and the parts are set aside; 我们学校 becomes the draft's 我校.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.kinds import stated_kind
from assistant.lexicon import head_kind, standard_asking
from ingest import numerals
from ingest.tokenize import dictionary_count, jieba_tagged

# Genres the drafter writes, longest first so that 情况报告 is found before 报告 would be.
GENRES: tuple[str, ...] = (
    "汇报材料", "自查报告", "工作总结", "情况报告", "请示", "通知", "学习材料", "一封信", "发言稿", "工作方案",
)
# The genre of a paper on a policy's rules themselves (梳理某条例中与学校有关的规定), for study or a talk.
STUDY_GENRE = "学习材料"
DEFAULT_GENRE = "汇报材料"
# Other ways a request names a genre.
_GENRE_ALIASES: dict[str, str] = {
    "汇报": "汇报材料",
    "工作汇报": "汇报材料",
    "总结": "工作总结",
    "自查": "自查报告",
    "报告": "情况报告",
    # 请示报告 is everyday speech for a 请示 (a 请示 asks for approval; the two genres are never one document).
    "请示报告": "请示",
    # Material to study a policy from, or to talk about it from (a lecture to parents, a briefing of principals).
    "学习资料": STUDY_GENRE,
    "解读材料": STUDY_GENRE,
    "培训材料": STUDY_GENRE,
    "宣讲材料": STUDY_GENRE,
    # A letter to the people a unit serves (给家长写封信, 致家长的一封信, 告家长书).
    "封信": "一封信",
    "公开信": "一封信",
    "告家长书": "一封信",
    # What is read out to a meeting or a class (讲稿 of a lecture to parents, 讲话稿 of a principal).
    "讲稿": "发言稿",
    "宣讲稿": "发言稿",
    "讲话稿": "发言稿",
    "演讲稿": "发言稿",
    "发言材料": "发言稿",
    "讲话材料": "发言稿",
    "国旗下讲话": "发言稿",
    "国旗下的讲话": "发言稿",
    # What a unit will do and how (实施方案, 活动方案, 工作计划): a plan, not a report on what was done.
    "实施方案": "工作方案",
    "活动方案": "工作方案",
    "方案": "工作方案",
    "工作计划": "工作方案",
}
LETTER_GENRE = "一封信"
PLAN_GENRE = "工作方案"
SUMMARY_GENRE = "工作总结"
NOTICE_GENRE = "通知"
PETITION_GENRE = "请示"
# Genres that report on the unit's work, with parts on its shortcomings and plans.
_REPORT_GENRES = ("汇报材料", "情况报告", "工作总结", "自查报告")
TALK_GENRE = "发言稿"
# Genres that speak to people (a letter, a talk): whom they greet is the request's audience (`audience_named`).
_GREETING_GENRES = (LETTER_GENRE, TALK_GENRE)
# Genres that tell the units they go to what to do (让各幼儿园…): whom they tell is their addressee (`addressee_named`).
_TELLING_GENRES = (NOTICE_GENRE,)
_TITLE_MATTER_CHARS = 30  # the most a title's matter runs to; a notice's requirements run together are longer
_GENRE_WORDS = sorted([*GENRES, *_GENRE_ALIASES], key=len, reverse=True)
_GENRE_ALT = "|".join(map(re.escape, _GENRE_WORDS))
_GENRE_WORD = re.compile(_GENRE_ALT)


def canonical_genre(word: str) -> str:
    """The genre a word for one names (讲稿 -> 发言稿, 总结 -> 工作总结); the word itself when it is one, or none."""
    return _GENRE_ALIASES.get(word, word)

# Leading request phrasing: politeness, then a verb of writing with its measure word.
_ASK = r"(?:请你|请|麻烦你?|劳驾|帮我|帮忙|给我|替我|为我|你|我想|我要|需要|想)"
# 理一下, 梳理, 捋一捋: putting in order what the documents say is a way of writing it up; 理 alone only with
# its measure (理想 is no request).
_WRITE = r"(?:起草|撰写|拟写|草拟|拟定|拟|编写|写作|书写|写成|写|整理成|整理|梳理一下|梳理|理一理|理一下|捋一捋|捋一下|形成|准备|出)"
# 一段话, 一段文字: a paragraph of words is asked by its measure and what it holds (话, 文字), no genre.
_MEASURE = r"(?:一段(?:话|文字)|段(?:话|文字)|一[段篇份个则]|[段篇份个]|一下|好)"
# Everyday verbs of making a document (整一份, 弄个, 搞个, 做个, 发个): a verb of writing only with a measure
# word after it, so that 整改, 做好, 发展 stay words of the matter.
_MAKE = r"(?:整|弄|搞|做|发|出|打|报)(?:一[份个篇封]|[份个篇封])"
_REQUEST_HEAD = re.compile(
    rf"^\s*(?:{_ASK}\s*)*(?:{_MAKE}|(?:{_WRITE})(?:{_MEASURE})?)\s*(?:(?:关于)?(?P<genre>{_GENRE_ALT}))?\s*(?:[:：，,]\s*)?"
)
_GENRE_HEAD = re.compile(rf"^\s*(?P<genre>{_GENRE_ALT})\s*[:：]\s*")
_GENRE_TAIL = re.compile(rf"(?:的)?(?P<genre>{_GENRE_ALT})$")
_TRAILING = re.compile(r"[\s。．.！!？?；;，,：:]+$")
_ABOUT = re.compile(r"^关于")

_BRACKETS = re.compile(r"[（(]([^（）()]{2,120})[）)]")
_LIST_SEP = re.compile(r"\s*[、，,；;/]\s*")
_CONJUNCTIONS = frozenset({"和", "与", "及", "以及", "同"})
MIN_CONJOINED_CHARS = 4  # 校长与书记沟通 is one thing; 教育教学和行政管理 are two
_ORDINAL = re.compile(r"[一二三四五六七八九十]{1,3}是")
# The subject and the closing noun that frame a list of sub-topics inside a topic.
_SUBJECT = re.compile(r"^(?:我校|我院|我园|本校|本单位|我单位|学校|本院|我局|本局|我所)(?:在|关于|对)?")
_FRAME_VERB = re.compile(r"^(?:贯彻落实|贯彻|落实|推进|加强|开展|做好|抓好|实施|执行|健全|完善|建设)")
_CLOSING = re.compile(
    r"(?:方面)?(?:的|等)?(?:工作)?(?:开展|落实|推进|实施|执行|建设)?"
    r"(?:情况|做法|经验|成效|进展|工作|举措|措施|问题|打算|规定|要求)$"
)
MAX_ITEM_CHARS = 24


@dataclass(frozen=True)
class DraftRequest:
    """What a drafting request asks for.

    Attributes:
        topic: the subject of the draft, without request phrasing or genre words.
        genre: one of `GENRES`.
        outline: sub-headings named by the caller or by the request itself; empty when none.
        outline_from: "caller", "request" or "" (the drafter chooses).
    """

    topic: str
    genre: str
    outline: tuple[str, ...] = ()
    outline_from: str = ""
    length: int | None = None  # characters the request asks for (1500字左右), None when it names none
    basis: tuple[str, ...] = ()  # laws the request says to draw on (引用教师法那几条写), for searching
    stress: tuple[str, ...] = ()  # what the request says to dwell on (心理健康这块是重点), for searching
    kinds: frozenset[str] = frozenset()  # the kind of school the request says it is (我们中学), `assistant.kinds`
    paragraph: bool = False  # the request asks for one paragraph (写一段, 一段话, 一小段), not a report of parts
    voice: str = ""  # the unit the request is written for, as the draft names it (我是区局人事科的 -> 我局), `voice_named`
    # The body the document is sent to, as the request names it (给区教育局写个请示, `addressee_named`); for a letter
    # or a talk, the people it speaks to (给家长写封信 -> 家长, `audience_named`).
    addressee: str = ""
    signer: str = ""  # the unit's own name as the request gives it (我们是城关镇中心小学), `signer_named`
    occasion: str = ""  # where a talk is given (开学典礼, 国旗下), `occasion_named`
    # What the request says the unit has done (我们把国防教育列入了教学计划), in the unit's voice (`done_facts`).
    done: tuple[str, ...] = ()
    # A 请示's asks as the person words them (申请5万元经费改造心理辅导室，买沙盘和放松椅), each with the verb it
    # opens with, 申请 or 恳请, and the situation it tells as the reason (学生过马路很危险) (`petition`).
    asks: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    # What the request says of a report's closing parts (存在的问题是甲；下一步打算乙), as ("shortcomings" or
    # "remedies", what it says) (`closing_told`).
    closing: tuple[tuple[str, str], ...] = ()
    # The title the request gives the document itself (题目是《××中学…工作情况的汇报》), `own_title`; empty when none.
    title: str = ""


# The document's own title given in 《》 after the words that name or ask for it (题目是《…》, 写一份《…》).
_OWN_TITLE = re.compile(
    rf"(?:题目|标题|题为|名为|名称)[是为叫：:]?\s*《(?P<t>[^《》]{{4,60}})》"
    rf"|{_WRITE}{_MEASURE}?\s*《(?P<w>[^《》]{{4,60}})》"
)
# A title's matter, before the genre word that closes it (…工作情况的汇报, …管理自查报告).
_TITLE_GENRE_END = re.compile(rf"(?:的)?(?:{_GENRE_ALT}|汇报|报告)$")


def own_title(text: str) -> str:
    """The title a request gives the document it asks for, in 《》 (题目是《甲中学…情况的汇报》, 起草一份《甲中学…自查
    报告》), when it closes with a genre word: a title of the document, not of a law it draws on (学习《某法》);
    empty when it gives none."""
    for m in _OWN_TITLE.finditer(text):
        title = (m.group("t") or m.group("w")).strip()
        if _TITLE_GENRE_END.search(title) and _TITLE_GENRE_END.sub("", title):
            return title
    return ""


def parse_request(text: str, *, genre: str | None = None, outline: Sequence[str] | None = None) -> DraftRequest:
    """Read a request into topic, genre and outline; a title the request gives the document (`own_title`) is
    its title, and what it names before its genre word its topic."""
    request = _parse_request(text, genre=genre, outline=outline)
    title = own_title(text)
    if not title:
        return request
    return replace(request, topic=re.sub(r"^关于", "", _TITLE_GENRE_END.sub("", title)), title=title)


def _parse_request(text: str, *, genre: str | None = None, outline: Sequence[str] | None = None) -> DraftRequest:
    """Read a request into topic, genre and outline.

    Args:
        text: what the person typed, e.g. 起草一段汇报材料：我校……的情况.
        genre: the genre field, when the page or the command gives one; it wins over the words.
        outline: sub-headings given by the caller; they win over those named in the request.

    Returns:
        The request; ``topic`` is never the raw request phrasing.

    Raises:
        ValueError: nothing is left once the request phrasing is removed, or the genre is unknown.
    """
    length = length_of(text)
    basis = basis_named(text)
    stress = stress_named(text)
    named_items = parts_named(text)
    reminded = []
    if canonical_genre(genre or genre_named(text) or _genre_by_use(text) or "") in (LETTER_GENRE, NOTICE_GENRE, TALK_GENRE):
        reminded = reminders(text)
        # 提醒甲，别让孩子去网吧、KTV这些地方，乙: a list inside one point is that point's, not the letter's parts.
        inside = len(named_items) >= 2 and len(reminded) >= 3 and any(_holds_list(r, named_items) for r in reminded)
        # 现在有冒充…的、冒充…的。请家长甲，乙，丙: a list no one counted, in a sentence that reminds of nothing, tells
        # the situation; the points are what the letter reminds of.
        apart = (
            len(reminded) >= 2
            and not _COUNTED_PARTS.search(text)
            and not re.search(r"[：:]", text)
            and not any(i in r for i in named_items for r in reminded)
        )
        if len(named_items) < 2 or inside or apart:
            named_items = reminded or named_items
        else:
            reminded = []
    topic, named = strip_request(matter_of(text, named_items))
    if reminded and topic == "、".join(reminded):  # a letter of reminders only: the first names its matter
        topic = reminded[0]
    named = named or genre_named(text) or _genre_by_use(text)
    studied = _STUDY_PAPER.fullmatch(topic)
    if studied:  # 学习《甲法》的材料: the paper's matter is 《甲法》
        topic = studied.group("matter")
    if canonical_genre(genre or named or "") == STUDY_GENRE:
        # 学习甲法中乙那一章 in a 学习材料: the genre says 学习 already (not 关于学习…的学习材料).
        topic = re.sub(r"^(?:学习|学(?=《|[^，,。]{1,12}(?:法|条例|办法|规定|意见)$))(?=\S{2})", "", topic)
    # 把这部法梳理一下: the 把 of a disposal construction whose verb was left out opens no written matter
    # (把握, 把关 are words of their own).
    topic = re.sub(r"^把(?![握关控])(?=[^，,。]{2})", "", topic)
    # 关于做好甲工作: the matter is 甲…; the title says 关于 itself (关于做好甲工作的通知).
    topic = re.sub(r"^关于(?=[^，,。]{2})", "", topic)
    chosen = canonical_genre(genre or named or DEFAULT_GENRE)
    if chosen not in GENRES:
        raise ValueError(f"不支持的文种：{chosen}（可选：{'、'.join(GENRES)}）")
    if chosen == PLAN_GENRE:  # 制定甲的实施方案: a plan is what is drawn up; drawing it up is no part of its matter
        topic = re.sub(r"^(?:制定|制订|编制|拟定|拟订|出台)(?=[^，,。]{2})", "", topic)
    kinds = stated_kind(text)
    one = asks_one_paragraph(text)
    voice = voice_named(text)
    to = audience_named(text) if chosen in _GREETING_GENRES else addressee_named(text, tells=chosen in _TELLING_GENRES)
    signer = signer_named(text)
    occasion = occasion_named(text) if chosen == TALK_GENRE else ""
    if to and chosen in _TELLING_GENRES:  # 让全县中小学开展甲活动: whom it tells is its addressee; the matter is 开展甲活动
        topic = re.sub(rf"^(?:让|叫|要求|请|组织){re.escape(to)}(?=[^，,。]{{2}})", "", topic)
    reminded_of = re.search(rf"(?:提醒|告诉|告知){re.escape(to)}(?:们)?(?P<x>[^，,。；;：:]{{2,20}})[。！!]", text) if to else None
    if reminded_of and chosen in _GREETING_GENRES and named_items and reminded_of.group("x") not in named_items:
        # 提醒家长防范电信网络诈骗。…请家长甲，乙: the sentence that reminds of one thing names the letter's matter.
        topic = reminded_of.group("x")
    if to and chosen in _GREETING_GENRES:  # 提醒家长管好孩子上网: what the letter asks of them is its matter
        topic = unreminded(topic, to)
        topic = re.sub(rf"^致{re.escape(to)}的(?:一封)?信\s*[：:，,]?\s*(?=\S{{2}})", "", topic)  # 致家长的一封信：甲
        topic = re.sub(rf"(?<=\S{{2}})致{re.escape(to)}(?:的(?:一封)?信)?$", "", topic)  # 暑假致家长的一封信: 暑假
    if to and chosen not in _GREETING_GENRES:
        # 发给各乡镇文化站、县图书馆和县文化馆: the units a document is sent to are its addressee, not its parts.
        named_items = [i for i in named_items if re.sub(rf"^{_SEND}", "", i) not in to]
    # 查一下甲、乙、丙, 对照甲法排查一下乙和丙: the verb of checking governs the whole list, and is no part of its
    # first item nor of the matter.
    named_items = [_checked(i) for i in named_items]
    # A 自查报告 says 自查 of itself; any other document on a check keeps its verb (排查一下甲 -> 排查甲).
    topic = _checked(topic, keep_verb=chosen != "自查报告")
    named_items = with_shared_modifier(without_list_frame([without_request_words(i) for i in named_items]), text)
    if named_items and chosen in _GREETING_GENRES:  # 讲话稿：告诉同学们甲，乙: whom it is told is no part of 甲
        told_what = _REMIND.sub("", named_items[0])
        named_items[0] = told_what if len(told_what) >= 2 else named_items[0]
    # …，安全方面要做到哪些，写个学习材料: a clause that asks for the genre is no part of the list.
    named_items = [i for i in named_items if not _GENRE_ONLY.match(i[m.end() :] if (m := _REQUEST_HEAD.match(i)) else i)]
    # 重点讲三件事：甲、乙、丙 names the parts, each searched under its own heading: not one thing to dwell on.
    stress = tuple(x for x in stress if sum(p in x for p in named_items) < 2)
    given = [h for h in (outline or ()) if h and h.strip()]
    done = tuple(d for d in done_facts(text) if d != topic)  # 写写上学期改了甲的事: the deed is the matter itself
    asks, reasons = petition(text) if chosen == PETITION_GENRE else ((), ())
    closing = closing_told(text) if chosen in _REPORT_GENRES else ()
    if chosen in _TELLING_GENRES and len(named_items) >= 2 and len(topic) > _TITLE_MATTER_CHARS and "、" in topic:
        # 要求甲，学校也不要乙，晚上不要丙: a notice's requirements told clause by clause are its parts; its title
        # names the first, which says what it is about, not all of them run together.
        first = named_items[0]
        topic = first if topic.startswith(first[: min(len(first), 6)]) else topic
    if chosen in _TELLING_GENRES and not named_items:
        # 发个通知，要求秋季开学时做好甲，发现乙要报告…: what the notice first requires names it; the clauses after
        # it say what follows, however long.
        required = next((m for c in _CLAUSE.split(text) if (m := _REQUIRES.match(c.strip()))), None)
        # …unless the matter was said before the requirements (起草一份关于甲的通知，…要求开展乙).
        said_at = text.find(topic)
        if required is not None and (said_at < 0 or said_at > text.find(required.group(0))):
            topic = strip_request(ours(required.group("x")))[0] or topic
        # 提醒收费场馆每月有免费开放日: what a notice is to remind its readers of is dwelt on, wherever it goes.
        told = [ours(m.group("x")) for c in _CLAUSE.split(text) if (m := _REMINDS_OF.match(c.strip()))]
        stress = tuple(dict.fromkeys((*stress, *told)))
    if closing and named_items:
        # 下一步打算甲、乙、丙: a list inside what is told of a closing part is that part's, not the report's parts.
        named_items = [i for i in named_items if not any(i in said for _, said in closing)]
    if asks:
        # What a 请示 asks is its matter (关于申请…的请示), not the situation that moves it; a list inside an ask
        # (画斑马线、设提示牌) is the ask's, not the 请示's parts, which stay 请示事由 and 请示事项.
        topic = _FOR_US.sub("", _ask_matter(asks[0]))
        # So are the request's own clauses listed after a colon (请示：甲，请求乙): the ask and the situation, not
        # parts; parts the person counted (一是…二是…, 一个是…) stay.
        told = [*asks, *reasons]
        said = [c for c in _CLAUSE.split(text) if _ASKS_FOR.match(_ASKED_THEN_COLON.sub("", c.strip()))]
        asked = [*said, *asks]
        unmarked = [_ASK_ITEM.sub("", i) for i in named_items]

        def in_ask(item: str) -> bool:
            return any(item in c or item in ours(c) for c in asked)

        if unmarked and (
            all(in_ask(i) for i in unmarked)
            or (not _COUNTED_PARTS.search(text) and all(in_ask(i) or any(i in t for t in told) for i in unmarked))
        ):
            named_items = []
    if given or len(named_items) >= 2:
        request = DraftRequest(
            topic, chosen, tuple(given or named_items), "caller" if given else "request", length, basis, stress, kinds,
            one, voice, to, signer, occasion, done,
        )
        return replace(request, asks=asks, reasons=reasons, closing=closing)
    items, bare = outline_in_topic(topic)
    if len(items) >= 2:
        # The genre word right before the list (…情况的汇报材料（甲、乙）) asks for the draft as one at the end does:
        # the topic is what it would be with no list.
        bare = _stripped_or_kept(bare)
        return DraftRequest(
            bare, chosen, tuple(items), "request", length, basis, stress, kinds, one, voice, to, signer, occasion, done,
            asks, reasons, closing,
        )
    return DraftRequest(
        topic, chosen, length=length, basis=basis, stress=stress, kinds=kinds, paragraph=one, voice=voice, addressee=to,
        signer=signer, occasion=occasion, done=done, asks=asks, reasons=reasons, closing=closing,
    )


def _stripped_or_kept(topic: str) -> str:
    """``topic`` without request phrasing (`strip_request`), or ``topic`` itself when nothing would be left."""
    try:
        return strip_request(topic)[0]
    except ValueError:
        return topic


# The subject before a list (我校甲、乙…) and the closing noun after it (…甲、乙情况) frame the whole list.
_LIST_SUBJECT = re.compile(r"^(?:我校|本校|我院|我园|本单位|我单位|我局|本局)(?:在|对)?(?!的)")
_LIST_CLOSING = re.compile(r"的?(?:有关|相关|工作|落实|开展)?情况$|的(?:做法|经验|成效)$")


def with_shared_modifier(items: Sequence[str], text: str) -> list[str]:
    """``items`` with a bare word that ``text`` joins to the item before it by 和/与/及 given that item's words
    before its last one, when the bare word is of the same kind as that last word (落实教师权利和义务 -> 落实教师权利,
    落实教师义务): Chinese says the shared part once. A word of another kind (师德师风建设和课堂) shares nothing, nor
    an item of a 、-list (近视和常见病防治、体检: 体检 is a part of its own)."""
    out = list(items)
    for n in range(1, len(out)):
        bare = jieba_tagged(out[n])
        words = jieba_tagged(out[n - 1])
        if len(bare) != 1 or len(out[n]) > 2 or len(words) < 2:
            continue
        (last, kind), (_, before_kind) = words[-1], words[-2]
        joined = re.search(f"{re.escape(last)}[和与及]{re.escape(out[n])}", text)
        if joined and kind == bare[0][1] and before_kind.startswith("n") and len(last) == len(out[n]):
            out[n] = out[n - 1][: -len(last)] + out[n]
    return list(dict.fromkeys(out))


def without_list_frame(items: Sequence[str]) -> list[str]:
    """The items of a list without the subject and the closing noun that frame the whole list, which the
    first and the last item carry alone (我校甲、乙情况 -> 甲, 乙): the subject is the draft's voice and the
    closing noun its title's, no item's own. An item that is a frame word and no more keeps it."""
    out = list(items)
    if len(out) < 2:
        return out
    first = _LIST_SUBJECT.match(out[0])
    if first and not any(_LIST_SUBJECT.match(i) for i in out[1:]) and len(out[0]) - first.end() >= 2:
        out[0] = out[0][first.end() :]
    last = _LIST_CLOSING.search(out[-1])
    if last and not any(_LIST_CLOSING.search(i) for i in out[:-1]) and last.start() >= 2:
        out[-1] = out[-1][: last.start()]
    return out


# Who the draft is written for, in everyday words: the asker's unit (我是区局人事科的), the unit helped or
# spoken for (帮二幼…, 以局机关名义, 以本校的口吻, 给我们园…), or whose material it is (园里的资料; not 局里要…, who
# may be the one asking). A unit is a
# bureau (局, 股), a kindergarten (园, 幼) or a school (校).
_UNIT_WORD = r"(?P<w>局|股|(?<!校)园|幼|校)"
_WRITTEN_FOR = (
    re.compile(rf"(?:我是|作为)[^，,。]{{0,12}}?{_UNIT_WORD}"),
    re.compile(rf"(?:(?:帮|替|为|给)(?:我们|咱们)[^，,。]{{0,4}}?|(?:帮|替|为)[^，,。我你]{{0,4}}?){_UNIT_WORD}"),
    re.compile(rf"(?:以|用)[^，,。]{{0,8}}?{_UNIT_WORD}[^，,。]{{0,4}}?(?:名义|口吻)"),
    re.compile(rf"{_UNIT_WORD}里的(?:材料|资料|情况)"),
    # 县教育局要发个通知, 镇中心校准备下发一份通知, 县教育局向县人民政府写个请示: the unit that sends it writes it.
    re.compile(
        rf"^[^，,。给向帮替为]{{0,8}}?{_UNIT_WORD}(?:要|想|准备|打算|拟)?(?:(?:向|给)[^，,。]{{1,10}}?)?"
        r"(?:发|下发|印发|起草|写|打|报)(?:一?[个份])?(?:通知|文件|请示|报告)"
    ),
)
_UNIT_VOICE = {"局": "我局", "股": "我局", "园": "我园", "幼": "我园", "校": "我校"}


def voice_named(text: str) -> str:
    """The voice of the unit a request is written for (我是二幼的老师 -> 我园, 以局机关名义 -> 我局); empty when it
    names none. An addressee (给区里教育局写的请示) is not the writer."""
    for pattern in _WRITTEN_FOR:
        m = pattern.search(text)
        if m:
            return _UNIT_VOICE[m.group("w")]
    return ""


# Whom a document is sent to (给区教育局写个请示, 向县教育局请示, 报给镇政府, 呈报市教育局): a body by its kind (县教育局,
# 镇政府, 街道), or the units a notice goes to (全县各校, 各处室); not 我们 nor a person. 报 and 给 that begin another
# word (报名, 报到, 给予) send nothing.
_SEND = r"(?:发给|报给|交给|呈报|呈送|报送|上报|报(?![名到告销表纸道刊考])|给(?!予)|向)"
# Kinds of school a notice goes to; several are listed with 、 or 和 (全县中小学、幼儿园).
_SCHOOLS = r"(?:中小学校|中小学|中学|小学|学校|幼儿园|中等职业学校|职业学校|特殊教育学校)"
# The units a notice goes to end in a word for a unit (各学校, 各科室, 各乡镇文化站, 县图书馆): several are listed with 、 or 和.
_UNIT_END = r"(?:学校|校|学|园|单位|科室|处室|部门|股室|站|馆|所|院)"
_BODY = (
    r"(?:[^，,。：:、给向我咱]{0,14}?(?:局|委员会|委|政府|街道|办事处|中心|总校|学区|管委会)"
    rf"|(?:全[省市县区镇乡])?各[^，,。：:、]{{0,6}}?{_UNIT_END}(?:[、和及]各?(?:{_SCHOOLS}|[^，,。：:、给向我咱和及]{{1,8}}?{_UNIT_END}))*"
    rf"|全[省市县区镇乡]{_SCHOOLS}(?:[、和及]{_SCHOOLS})*)"
)
_SENT_TO = re.compile(
    rf"(?:{_SEND}(?P<to>{_BODY}))"
    r"(?:里|那边)?(?:的)?(?=[^，,。]{0,12}?(?:写|起草|拟|弄|做|打|报|交|发|递|请示|申请|通知|报告)|[，,。]|$)"
)
# A clause that opens with whom the document goes to and the act of sending or asking (向县教育局请示…, 报给镇政府的…):
# what follows it is the matter.
_SENT_TO_LEAD = re.compile(rf"^(?:帮我|请|帮忙)?(?!给){_SEND}{_BODY}(?:里|那边)?(?:请示|汇报|报告|报)?的?")


def unreminded(topic: str, audience: str) -> str:
    """``topic`` without the verb that tells ``audience`` it and their name before it (提醒家长管好孩子上网 ->
    管好孩子上网); ``topic`` itself when it opens otherwise."""
    return re.sub(rf"^(?:提醒|告知|告诉|请|希望|倡议){re.escape(audience)}(?=[一-龥]{{2}})", "", topic)


# The unit's own name, as the person says who they are (我们是城关镇中心小学, 我是县第二实验中学的): a name of two
# characters or more before the word for its kind.
_SIGNER = re.compile(
    r"(?:我们|我|本单位|我单位)(?:学校|单位)?(?:是|为)(?P<name>[一-龥0-9０-９（）()]{2,24}?"
    r"(?:中心小学|小学|中学|学校|幼儿园|学院|大学|教育局|教体局|局))(?=的|[，,。；;\s]|$)"
)
# A name that says only the kind and its level (县教育局, 中学) is no unit's name: the slot stays.
_GENERIC_NAME = re.compile(r"^(?:[省市县区镇乡]|我们|本)?(?:中心小学|小学|中学|学校|幼儿园|学院|大学|教育局|教体局|局)$")


def signer_named(text: str) -> str:
    """The name of the unit a request is written for, as it gives it (我们是城关镇中心小学 -> 城关镇中心小学); empty
    when it gives none or only its kind (我是县教育局的)."""
    named = _IN_NAME_OF.search(text)
    if named and len(named.group("name")) >= 4 and not named.group("name").endswith("里"):
        return named.group("name")  # 以县教育局名义…: the issuer the person names signs it (not 以局里名义, 以学校名义)
    m = _SIGNER.search(text)
    return m.group("name") if m and not _GENERIC_NAME.match(m.group("name")) else ""


# The units a notice tells what to do (让各幼儿园…, 要求全县各校…): they are whom it goes to.
_TOLD_UNITS = re.compile(
    r"(?:让|叫|要求|请|组织)(?P<to>(?:全[省市县区镇乡])?各[^，,。：:、]{0,6}?(?:学校|校|学|园|单位|科室|处室|部门|股室)"
    rf"(?:[、和及]各?{_SCHOOLS})*|全[省市县区镇乡]{_SCHOOLS}(?:[、和及]{_SCHOOLS})*)"
)


def addressee_named(text: str, *, tells: bool = False) -> str:
    """The body a request says its document goes to, in written form (给区里教育局写的请示 -> 区教育局); for a
    document that ``tells`` units what to do (a 通知), the units it tells (让各幼儿园排查… -> 各幼儿园). Empty when
    it names none. (In 教体局让各校报一下情况 the units told are the writers, not whom a report goes to.)"""
    for m in _SENT_TO.finditer(text):
        to = re.sub(r"(?<=[区县市镇乡省])里", "", m.group("to"))
        if len(to) >= 2:
            return to
    told = _TOLD_UNITS.search(text) if tells else None
    return told.group("to") if told else ""


# People a letter or a talk speaks to (家长, 全体教职工, 幼儿园老师, 同学们): a few words that end in a word for
# people (general Chinese).
_PEOPLE = r"[一-龥]{0,6}?(?:家长|老师|教师|学生|同学|班主任|教职工|职工|干部|党员|员工|朋友|群众|居民|村民)们?"
_AUDIENCE = (
    # 给家长写一封信, 向全体教师讲, 致家长的一封信, 对同学们说
    re.compile(rf"(?:给|向|致|对|跟)(?P<who>{_PEOPLE})(?=[^，,。]{{0,4}}?(?:写|讲|说|谈|听|发言|发|作|做|的(?:一封)?信|的讲话|的发言))"),
    # 家长会上, 全体教职工大会上, 班主任会议上
    re.compile(rf"(?P<who>{_PEOPLE})(?:大会|会议|会)(?:上|时)"),
    # 给初二学生开心理健康主题班会, 给家长上一堂课
    re.compile(rf"(?:给|向|对|跟)(?P<who>{_PEOPLE})(?=(?:开|上|办|做|搞)[^，,。]{{0,12}}?(?:班会|队会|课|讲座|会))"),
)
# When a gathering is held (下周, 本周五, 明天): no part of whom it greets nor of its title.
_WHEN_HELD = re.compile(r"^(?:(?:下|本|这|上)(?:个)?(?:周|星期|月|学期)[一二三四五六日天末]?|明天|后天|今天|周[一二三四五六日])")


# A gathering of the whole school (开学典礼, 国旗下讲话, 升旗仪式, 全校大会): its hearers are its teachers and pupils.
_WHOLE_SCHOOL = re.compile(r"(?:开学|毕业|散学|结业)典礼|国旗下|升旗仪式|全校(?:师生)?大会|运动会|开幕式|闭幕式")
SCHOOL_GATHERING = "老师们、同学们"
# Pupils of any stage or grade (五年级小学生, 初中学生, 孩子们) are greeted as 同学们.
_PUPILS = re.compile(r"(?:学生|同学|孩子|小朋友)们?$")


# Where a talk is given (在开学典礼上, 高一新生军训开营仪式上的讲话, 家长会上): a gathering named by its kind.
_OCCASION = re.compile(
    r"(?:^|(?<=[在，,。]))(?P<occ>[一-龥0-9]{0,14}?(?:典礼|仪式|开幕式|闭幕式|大会|会议|家长会|班会|座谈会|动员会|报告会|表彰会|开营式|闭营式))"
    r"(?:上|时)"
)


def occasion_named(text: str) -> str:
    """Where a request's talk is given (在开学典礼上讲 -> 开学典礼, 国旗下讲话 -> 国旗下); empty when it names none."""
    if "国旗下" in text:
        return "国旗下"
    m = _OCCASION.search(text)
    if not m:
        return ""
    said = re.sub(r"^在", "", m.group("occ"))
    # 帮我写个班会上…: the ask before it, and when it is held (下周全校教职工大会), are no part of its name.
    head = _REQUEST_HEAD.match(said)
    said = said[head.end() :] if head and head.end() and len(said) - head.end() >= 2 else said
    return _WHEN_HELD.sub("", said)


def audience_named(text: str) -> str:
    """The people a request's letter or talk speaks to (给家长写一封信 -> 家长, 家长会上要讲 -> 家长, 给五年级小学生讲
    -> 同学们, 开学典礼上讲 -> 老师们、同学们); empty when it names none."""
    for pattern in _AUDIENCE:
        m = pattern.search(text)
        if m:
            who = _WHEN_HELD.sub("", re.sub(r"^在", "", m.group("who")))  # 在下周全校教职工大会上: 全校教职工
            return "同学们" if _PUPILS.search(who) else who
    return SCHOOL_GATHERING if _WHOLE_SCHOOL.search(text) else ""


# 写一段, 一段话, 一小段, 加一段, 写段汇报: one paragraph is asked for. Not 一段时间 (a while), 第一段 (the first one),
# nor 一段路 or 段落.
_ONE_PARAGRAPH = re.compile(
    r"(?:(?<!第)一小?段|(?<=[写加补拟])段)(?:话|文字)?(?!时间|时期|日子|路|历史|经历|距离|落|一段)"
)


def asks_one_paragraph(text: str) -> bool:
    """Whether a request asks for one paragraph (帮我写一段…, 来一段话, 写一小段, 年终总结最后加一段…)."""
    return bool(_ONE_PARAGRAPH.search(text))


# -- everyday requests -------------------------------------------------------------------------
_CLAUSE = re.compile(r"[，,。；;！!？?\n]+")
_LENGTH = re.compile(r"(?P<n>\d{2,5}|[一二两三四五六七八九][千百](?:[一二三四五六七八九][百十]?)?)\s*字")
_PERSONA = re.compile(r"^(?:我|本人|我们)(?:是|作为)")
_STYLE = re.compile(r"(?:都|也)(?:要|得)?(?:写|讲|说)(?:到|上|进去)?$|字|篇幅|简短|简洁|简要|精炼|太长|太短|别写|充分些|充分点|详细些|详细点|严肃|正式|口语|看着写|就行|即可|左右$|上下$")
_ASK_ONLY = re.compile(rf"^(?:{_ASK}\s*)*(?:{_WRITE}|补上|补充|完善|改改)")
_ADDRESSEE = re.compile(r"^(?:发给|报给|交给|给|向|发)[^，。]{0,12}$")
# 材料给家长学校用, 给新教师培训时用: who the paper is for and what it serves, not its matter.
_FOR_USE = re.compile(r"^(?:材料|稿子|讲稿|发言稿|东西)?(?:给|供|让)[^，,。]{1,12}?(?:用|使用|参考|学习|看)$")
_TELL = (
    r"(?:主要讲|重点讲|讲清楚|写清楚|说清楚|讲讲|说说|说明一下|说明|讲|说|写|按|围绕|包括|涉及|要求|抓好|提醒|强调|分"
    r"|重点看|重点是|看看|对照一下|对照|(?:排查|检查|自查|清查|查)一下)"
)
_LEAD_VERB = re.compile(rf"^(?:{_ASK}|{_TELL}|还有|再加上|以及|另外|先|再|然后|最后|(?:另)?一个(?:是)?|就|只|光|主要|重点)+")


def _lead_words_off(text: str) -> str:
    """``text`` without the asking or telling words before its matter (`_LEAD_VERB`: 重点讲甲 -> 甲), except a lead
    word of one character that makes a word with the character after it (就业援助, 先进典型, 光伏): that is the
    matter's first word, kept whole."""
    lead = _LEAD_VERB.match(text)
    if not lead or not lead.end():
        return text
    end = lead.end()
    if text[end - 1] in _ONE_CHARACTER_LEADS and dictionary_count(text[end - 1 : end + 1]) >= _WORD_COUNT:
        return text[end - 1 :]
    return text[end:]


_ONE_CHARACTER_LEADS = "就再先只光"
_WORD_COUNT = 10  # how often jieba's dictionary must count two characters as a word for them to be one


_TAIL_WORDS = re.compile(
    r"(?:这|那)(?:一|些|几个)?(?:块|摊|部分|几块|方面)$|(?:方面|这块|那块)$|等$|(?:(?:执行|落实|开展|推进|实施|运行|完成|管理|整改|[一-龥])得)?(?:怎么样|怎样|如何|咋样)$"
    r"|(?:这些|那些)?(?:都|也)?(?:要|得)?(?:写到|写上|写进去|写进|讲到|提到)$|(?:讲|写|说)(?:清楚|明白|透)$"
    r"|(?:这些|那些|等等)$"
    r"|(?:做了|干了|抓了|搞了)(?:哪些|什么|啥)(?:事|事情|工作)?$|(?:的(?:要求|规定))?(?:整理|梳理|归纳)(?:一下)?$"
)
_COUNTED = re.compile(
    r"(?P<list>[^，,。；;：:！？]+?)(?:这|那|等|共)?(?P<n>[两二三四五六七八九十几])(?:块|点|个方面|方面|部分|件事|项|个问题|个|条)"
)
_COLON_LIST = re.compile(r"[：:]\s*(?P<list>[^：:。！？]+)")
_SEQUENCE = re.compile(
    r"(?:先|首先|一个)(?:讲清楚|讲|写|说)(?P<a>[^，,。；;]+)[，,；;]\s*(?:再|然后|其次|一个|另一个)(?:讲|写|说)(?P<b>[^，,。；;]+)"
)
_TOLD_LIST = re.compile(rf"{_TELL}(?P<list>[^，,。；;、][^，,。；;]*、[^，,。；;]+(?:[，,](?:再加上|还有|以及|另外)[^，,。；;]+)*)")
_TOLD_PAIR = re.compile(
    rf"{_TELL}(?![个份篇段])(?P<list>[^，,。；;、]{{2,14}}和[^，,。；;、]{{2,14}}?)(?:的要求|的情况|的做法|两[件个方]|[，,。；;]|$)"
)
# 把操场修一修，再给老师搞一次培训: what the first clause works on (V一V), and what the next adds after 再.
_THEN = re.compile(r"把(?P<a>[^，,。；;]{2,14}?)(?P<v>[一-龥])一(?P=v)[，,]\s*(?:再|还要?|同时)(?P<b>[^，,。；;]{2,14})")
# 把甲和乙都写进去, 把甲和乙写进总结: the things the 把-clause puts into the draft are its parts (split only
# when they are a list: 甲和乙, 甲、乙).
_BOTH = re.compile(r"把(?P<list>[^，,。；;]+?)(?:都|一并|一起)?(?:写进去|写进|写入|写上|讲到|写到|放进|纳入|加进|(?:讲|写|说)(?:清楚|明白))")
# 办个读书角，顺便把书法社团也建起来: what the first clause does, and what the second adds to it.
_ALSO = re.compile(r"(?P<a>[^，,。；;：:]+)[，,]\s*(?:顺带|顺便|捎带|同时|另外|并且?|还要?)把(?P<b>[^，,。；;]{2,14}?)(?:也|一并|一起)")
_ASK_TO = re.compile(
    # (学校要给县教育局打个请示, 教育局给全县中小学发个通知: who sends it may open the clause.)
    rf"^(?:[^，,。给向为替帮]{{1,6}}?(?:要|想|准备|得|需要)?)?(?:{_ASK}\s*)*(?:帮|给|向|为|替)(?P<to>[^，,。]{{1,12}}?)"
    rf"(?:{_MAKE}|(?:{_WRITE})(?:{_MEASURE})?)\s*(?:(?P<genre>{_GENRE_ALT})|信)?$"
)
# Who a document is written to or for names a unit or a person (给区文教局起草请示, 帮二幼弄个自查, 给我们写);
# anything else after 给 is what the document is about (给学校宿舍管理做个自查, 给学校校园绿化弄份自查).
_UNIT_OR_PERSON = re.compile(r"^(?:我们|咱们)|(?:局|委|政府|街道|部门|领导|上级|单位|股|科|处|办|室|校|园|幼|学|长|书记|主任|老师)(?:里)?$")
# 我校按照…: the unit that follows a law, before the basis it names.
_UNIT_LEAD = re.compile(r"^(?:我校|我园|我局|本校|本园|本单位|我们)")
# 按档案法的规定, 对着校园欺凌防治办法: which law to follow, and nothing else.
_BASIS_ONLY = re.compile(
    r"^(?:按照|按|依据|根据|依照|对照|对着|参照|照着|结合)《?[^，,。]{2,20}?(?:法|条例|规定|办法|意见)》?(?:里|中)?"
    r"(?:对[^，,。]{1,8}?)?(?:的)?(?:要求|规定)?"
    r"(?:(?:(?:给|为|帮|替)[^，,。]{1,6}?)?(?:来|去)?(?:对照|对比|检查|自查|查)(?:一下|一遍|一查)?)?$"
)
# 看咱们落实了没: what the person wants to learn from the draft, not its matter.
_WHETHER = re.compile(r"^看看?[^，,。]{0,12}?(?:没有|了没|没|与否|吗|不)$")
# 有什么问题, 下一步怎么改: a clause that asks only for a report's closing parts (its shortcomings, its next steps),
# which the genre's outline holds; no matter of the report.
_CLOSING_ASKED = re.compile(
    r"^(?:还)?(?:有|存在)(?:些)?(?:什么|哪些|啥|哪)(?:些)?(?:问题|不足|短板|差距|毛病)(?:没有)?(?:要改)?$"
    r"|^(?:下一步|今后|接下来|以后|后面)(?:要|该|准备|打算)?(?:怎么|如何|咋|怎样)(?:改|办|整改|改进|做|干|弄|搞|推进)?$"
)
# 区里搞课后服务专项检查: who runs the campaign the draft belongs to.
_WHO_RUNS = re.compile(r"^[^，,。]{0,4}?(?:里|上面|上级|局)(?:在)?(?:搞|开展|组织|部署)")
# 区局月底要到学校督导, 省里要来看看学校的饮水安全: an occasion; what is left after it, if anything, is the matter.
_VISIT = re.compile(
    r"^[^，,。]{0,12}?(?:(?:要|将|会|准备)(?:一起|联合)?(?:来|到)|来)[^，,。]{0,4}?"
    r"(?:看一看|看看|看|转一转|转转|走一走|走走|检查|督导|调研|视察|考察|验收)(?:一下)?"
)
# 以学校工会的名义: who issues the document.
_IN_NAME = re.compile(r"(?:以|用)[^，,。]{2,12}?的?名义")
_IN_NAME_OF = re.compile(r"(?:以|用)(?P<name>[^，,。我咱]{2,12}?)的?名义")
# 李主任叫我把上半年的总结先整个框架, 把其中的要求归纳成一份提纲, 把办法里的条款捋一捋: what is worked on.
_PUT = re.compile(
    rf"^(?:[^，,。]{{0,8}}?(?:让|叫|要)我)?(?:{_ASK}\s*)*把(?![握关控持])(?P<matter>[^，,。]{{2,}}?)(?:先|再|都|给|尽快)?"
    rf"(?:弄|整|搞|做|理|梳|捋|归纳|汇总|{_WRITE})(?:一)?(?:弄|整|理|捋|写|成|个|一个|一份|一下|出来|好)*[^，,。]{{0,8}}$"
)
# 你帮我拿半年小结的资料弄一份: the material the draft is made from names its matter.
_FROM_MATERIAL = re.compile(
    rf"^(?:{_ASK}\s*)*(?:用|拿)(?P<matter>[^，,。]{{2,}}?)的?(?:材料|资料|内容)?(?:{_MAKE}|(?:{_WRITE})(?:{_MEASURE})?)"
)
# 资助这块科里想另外出个: who is to write it, after the matter.
_TRAILING_ASK = re.compile(
    rf"(?:这|那)?(?:块|方面)?[^，,。]{{0,4}}?(?:要|想|得|需要)[^，,。]{{0,4}}?(?:{_MAKE}|(?:{_WRITE})(?:{_MEASURE}))$"
)
# A matter that is only a stretch of time (这学期, 今年, 全年) is that time's work.
_PERIOD_ONLY = re.compile(r"^(?:这|本|今|上|下|全)?(?:一)?(?:个)?(?:学期|年度?|季度|半年|月)(?:以来)?$")


# 2024年度, 2024学年度, 2023-2024学年第一学期, 二〇二四年上半年: a stretch of time by its date.
_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})"
_DATED_PERIOD = re.compile(
    rf"^{_YEAR}(?:[-—至~]{_YEAR})?(?:学年度?|年度?)(?:上半年|下半年|第[一二三四]季度|第[一二]学期|[春秋]季学期)?$"
)


def names_period(word: str) -> bool:
    """Whether ``word`` only names a stretch of time (今年, 这学期, 本年度, 2024年度): when the work was done,
    not a matter."""
    return bool(_PERIOD_ONLY.match(word) or _DATED_PERIOD.match(word))


# 引用教师法那几条写: which sources to cite, not what the draft is about.
_BASIS_VERB = r"(?:依据|根据|按照|依照|遵照|参照|照着|对照|对着|引用|按)"
_BASIS_ASK = re.compile(
    rf"^{_BASIS_VERB}(?:就|要|请)?(?:写|用|引|按|找|参照|[^，,。]{{0,16}}?(?:法|条例|规定|那几条|几条)[^，,。]{{0,6}}?写"
    rf"(?:(?:一|个)?[段篇份个](?:{_GENRE_ALT})?)?$)"
)
# 帮我对照甲法…, 请依据…: the words that ask, before the law to follow.
_ASK_BEFORE_BASIS = re.compile(rf"^(?:{_ASK}\s*)+(?={_BASIS_VERB})")
_INNER_WRITE = re.compile(r"(?:写|加|补|拟|起草|整理)(?:一[段篇份个节]|[段篇份个节])(?:关于)?")
_OURS = re.compile(r"我们(?:学校|中学|小学|幼儿园|学院|单位)|我们")
# 我们园, 咱们局里, 我们股室, 我们二中, 我们一幼: "we" with the kind of unit it names (not 我们园长, a person).
_OURS_UNIT = re.compile(
    r"(?:我们|咱们)(?:(?P<w>局|股|园|校)(?:室|里)?|[一二三四五六七八九十]{1,3}(?P<k>中|小|幼))(?![长领])"
)


def ours(text: str) -> str:
    """``text`` with "we" said as the unit's own word: 我们园 -> 我园, 我们局 -> 我局, 我们二中 -> 我校; any other 我们
    (我们学校, 我们) -> 我校."""
    def unit(m: re.Match[str]) -> str:
        w = m.group("w") or ("幼" if m.group("k") == "幼" else "校")
        return _UNIT_VOICE[w]

    text = re.sub(r"(?:我们|咱们)(?=校[车园医服门区舍规训])", "我校", text)  # 我们校车 -> 我校校车
    text = re.sub(r"咱(?!们)(?=[县区市镇乡校园局])", "我", text)  # 咱局, 咱县: the everyday 咱 is our own
    text = _OURS.sub("我校", _OURS_UNIT.sub(unit, text))
    # 我们城关镇第一小学今年… -> 我校今年…: the unit's name after "we" is said once, as its own word.
    return re.sub(r"(?<=我校)[一-龥]{2,12}?(?:小学|中学|学校|中心校|完小)(?=[一-龥0-9０-９]{2})", "", text)
# 讲讲…, 介绍一下…, 主要是…: a verb of telling, or a word of focus, before the matter.
_TELL_LEAD = re.compile(
    r"^(?:还有|另外|以及|再就是)?(?:讲讲|说说|谈谈|写写|说明一下|讲清楚|介绍一下|介绍|谈一谈|讲一讲|说一说|主要是|主要讲|重点是|主题是|题目是|内容是|就是|看看|看一看|看一下|讲|说)?"
)
_GENRE_ONLY = re.compile(rf"^(?:关于)?(?:{_GENRE_ALT})?\s*$")
# 学法材料, 发言稿: a paper named by its use, not by its matter (…材料 of two or three more characters at most).
_PAPER_ONLY = re.compile(r"[一-龥]{0,3}(?:材料|讲稿|发言稿|稿子)")
# 对照某某办法查一下…, 帮我检查一下…: the rule to check against and the verb of checking come before the
# matter checked; neither is the matter (a 自查报告 would open 对对照…).
_CHECK_LEAD = re.compile(
    rf"^(?:{_ASK}\s*)*(?:(?:对照|对着|按照|依照|根据|参照)《?[^，,。]{{2,24}}?(?:法|条例|规定|办法|意见|标准|细则|制度)》?"
    rf"(?:的?(?:要求|规定))?(?:来|去)?)?\s*(?:{_ASK}\s*)*(?:查一下|查一查|查查|检查一下|自查一下|排查一下|对照检查)(?=[一-龥]{{2}})"
    rf"|^(?:{_ASK}\s*)*(?:对照|对着|按照|依照|根据|参照)《?[^，,。]{{2,24}}?(?:法|条例|规定|办法|意见|标准|细则|制度)》?"
    r"(?:的?(?:要求|规定))?(?=(?:给|为|替|帮)[一-龥]{2})"
)
# 请围绕…, 就…, 针对…: what the ask is about, before the ask itself.
_ABOUT_LEAD = re.compile(rf"^(?:{_ASK}\s*)*(?:围绕着?|就|针对|关于|结合|对于?)")
_SPLIT_ITEMS = re.compile(r"\s*(?:[、；;]|[，,]\s*(?:再加上|还有|以及|另外)|[，,])\s*")


_LAW_NAME = re.compile(r"《([^》]{2,40})》|([一-龥]{2,16}?(?:法|条例))(?=[^一-龥]|那|的|里|中|等|规定|和|与|及|写|查|检查|$)")


def basis_named(text: str) -> tuple[str, ...]:
    """Laws a clause of the request says to draw on (引用教师法那几条写 -> 教师法)."""
    out: list[str] = []
    for clause in _CLAUSE.split(text):
        clause = clause.strip()
        clause = _ASK_BEFORE_BASIS.sub("", clause)  # 帮我对照…: the ask before the basis
        if _BASIS_ASK.match(clause) or re.match(_BASIS_VERB, clause):
            clause = re.sub(rf"^{_BASIS_VERB}(?:就|要|请)?(?:写|用|引|找)?", "", clause)
            out += [a or b.lstrip("和与及") for a, b in _LAW_NAME.findall(clause)]
    return tuple(dict.fromkeys(out))


# 心理健康这块是重点, 重点讲甲, 读书活动那块多写点, 突出甲: what to dwell on, not the matter itself.
_STRESS = (
    re.compile(r"^(?P<x>[^，,。]{2,16}?)(?:这|那)?(?:块|部分|方面)?(?:是|为|作为)(?:重点|重中之重)$"),
    re.compile(r"^(?:重点|着重)(?:是|讲|写|说|突出)(?P<x>[^，,。]{2,16})$"),
    re.compile(r"^(?P<x>[^，,。]{2,16}?)(?:这|那)?(?:块|部分|方面)?(?:多|重点|详细)(?:写|讲|说)(?:点|些|一点|一些)?$"),
    re.compile(r"^突出(?P<x>[^，,。]{2,16})$"),
    re.compile(r"^结合(?P<x>[^，,。]{2,16}?)(?:来)?(?:写|讲|说)?$"),  # 结合检查发现的短板写: what to draw on
    # 让孩子们知道被打了可以找谁: what the hearers are to come away knowing.
    re.compile(rf"^(?:让|使|叫|教|告诉)(?:{_PEOPLE}|大家|他们|她们|孩子们?)?(?:知道|明白|了解|懂得|学会|记住)(?P<x>[^，,。]{{2,16}})$"),
)


# A clause of a notice's request that says what to remind of (提醒收费场馆每月有免费开放日, 同时提示…).
_REMINDS_OF = re.compile(r"^(?:并|同时|另外|还要|还)?(?:提醒|提示|告知)(?P<x>[^，,。]{4,24})$")
# 要求各校秋季开学时做好甲: what a notice requires of the units it goes to.
_REQUIRES = re.compile(r"^(?:并|同时)?要求(?:各校|各单位|各学校|各园|大家|全体[^，,。：:]{0,6}?)?(?P<x>[^，,。：:；;]{4,30})$")


def stress_named(text: str) -> tuple[str, ...]:
    """What a clause of the request says to dwell on (心理健康这块是重点 -> 心理健康)."""
    out: list[str] = []
    for clause in _CLAUSE.split(text):
        for pattern in _STRESS:
            m = pattern.match(clause.strip())
            if m:
                out.append(ours(m.group("x")))
                break
    return tuple(dict.fromkeys(out))


def length_of(text: str) -> int | None:
    """The length a request asks for: 1500字左右 -> 1500, 八百字 -> 800, 八百五十字 -> 850, 一千字上下 -> 1000."""
    m = _LENGTH.search(text)
    if not m:
        return None
    n = m.group("n")
    if n.isdigit():
        return int(n)
    return numerals.parse(n) or None


# 主题是甲, 题目是甲: the clause that says what the matter is.
# 主题是甲, 主题：甲, 主题甲 (not 主题班会, 主题活动: compounds of 主题 that name the occasion).
_NAMED_MATTER = re.compile(
    rf"^(?:{_ASK}\s*)*(?:主题|题目|话题)(?:(?:是|为|就是)[：:]?|[：:]|(?!班会|活动|教育|队会|团日|党日|演讲|征文|讲座|词|曲|歌|鲜明|突出))"
    r"\s*(?P<matter>[^，,。；;]{2,})$"
)


# 提醒家长甲，乙，丙: what a letter reminds its readers of, clause by clause.
# Whom a letter or notice tells, right after the verb of telling: people by their kind with a qualifier of whole or
# grade (全体家长, 五年级学生), not a verb and its object (要求落实学生…: 落实 is what is asked).
_PEOPLE_TOLD = (
    r"(?:全体|各位|广大|全校|全县|全镇|各|[一二三四五六七八九]年级|初[一二三]|高[一二三])?"
    r"(?:家长|老师|教师|学生|同学|班主任|教职工|职工|干部|党员|员工|朋友|群众|居民|村民)们?"
)
_REMIND = re.compile(
    rf"^(?:提醒|请|希望|告诉|告知|倡议|说说|讲讲|说一说|讲一讲|要求)(?:一下)?(?:{_PEOPLE_TOLD}|(?:全[省市县区镇乡])?各?[^，,。]{{0,4}}?(?:学校|中小学|幼儿园))?"
)
_REMIND_MORE = re.compile(r"^(?:还有|另外|以及|并且?|同时|也|再|还)+")
# 要引用法律规定, 结合有关文件写: how to write it, not a point to remind of.
_CITE_ASK = re.compile(r"(?:引用|引|结合|依据|根据|按照|对照)[^，,。]{0,10}?(?:法律|法规|规定|条例|条文|文件|政策)")


def _holds_list(point: str, items: Sequence[str]) -> bool:
    """Whether the list ``items`` stands inside ``point`` as what its verb acts on (别让孩子去网吧、KTV这些地方), not as
    what the point tells (讲甲、乙、丙三项: the list is the parts)."""
    at = point.find(items[0])
    return at >= 0 and all(i in point for i in items) and _LEAD_VERB.sub("", point[:at]) == point[:at]


def reminders(text: str) -> list[str]:
    """The points a letter's request asks it to remind its readers of (提醒家长不要打骂孩子，要用文明的方式教育孩子，
    有问题多跟学校沟通): the clause after 提醒/请/希望 and the clauses that follow it, up to the length, the style or
    who writes; [] when fewer than two."""
    # The clauses and the punctuation after each: the points a clause that reminds opens run to the end of its
    # sentence at most.
    pieces = re.split(f"({_CLAUSE.pattern})", text)
    clauses = [c.strip() for c in pieces[0::2]]
    ends = [bool(re.match(r"\s*[。！？!?\n]", mark)) for mark in pieces[1::2]] + [True]
    asks = _GENRE_WORD  # the clause that asks for the letter (请帮我给家长写封信) reminds of nothing
    starts = [i for i, c in enumerate(clauses) if (m := _REMIND.match(c)) and len(c) - m.end() >= 2 and not asks.search(c)]
    # The first clause that reminds opens the points; when its sentence holds no list of points (提醒家长防范诈骗。
    # 现在有冒充…的、…的。请家长甲，乙，丙), a later one does.
    for start in starts:
        items: list[str] = []
        stop = next((n + 1 for n in range(start, len(clauses)) if ends[n]), len(clauses))
        for i, clause in enumerate(clauses[start:stop]):
            if not clause:
                continue
            head = _REQUEST_HEAD.match(clause)
            if _PERSONA.match(clause) or _STYLE.search(clause) or _LENGTH.search(clause) or (head and head.end()) or _CITE_ASK.search(clause) or asks.search(clause):
                break
            said = _REMIND.sub("", clause) if i == 0 else _REMIND_MORE.sub("", clause)
            if len(said) >= 2:
                items.append(said)
        # (A point dictated in full, 8月8日全民健身日前后组织师生开展健身活动, may run past a heading's usual length.)
        if 2 <= len(items) <= 8 and all(len(i) <= 2 * MAX_ITEM_CHARS for i in items):
            return items
    return []


# The verb of checking (and the rule checked against) before what is checked: 查一下甲, 学前教育法排查一下乙.
_CHECKED = re.compile(r"^[^、，,。]{0,14}?(?P<verb>排查|检查|自查|清查|查)(?:一下|一查|一遍)(?=[一-龥]{2})")


def _checked(text: str, *, keep_verb: bool = False) -> str:
    """``text`` without the verb of checking it opens with and what comes before it (查一下防欺凌 -> 防欺凌); with
    ``keep_verb``, the verb of two characters stays (对照甲法排查一下乙 -> 排查乙); ``text`` itself otherwise."""
    m = _CHECKED.match(text)
    if not m:
        return text
    verb = m.group("verb") if keep_verb and len(m.group("verb")) == 2 else ""
    return f"{verb}{text[m.end():]}"


# 给班主任培训用, 供全体教师学习: a paper to train or study by is a 学习材料, whatever it is called.
_STUDY_USE = re.compile(r"(?:给|供|让|为)[^，,。]{1,12}?(?:培训|学习|学法)(?:时|的时候)?(?:用|使用)?(?:[，,。；;]|$)")
# 学习《甲法》的材料, 学甲法的资料: a paper to study a document by.
_STUDY_PAPER = re.compile(r"(?:^|(?<=[写拟出做整弄份个篇]))(?:学习|学(?=《))(?P<matter>[^，,。的]{2,30}?)的(?:材料|资料)$")


# 我要讲几句, 讲个话, 开幕式上致辞: what is to be said out loud is a talk.
_TALK_ASK = re.compile(
    r"(?:讲|说)几(?:句|分钟)(?:的)?(?:话)?|讲个话|讲一下话|(?<!不)致辞|致欢迎辞|(?:讲|说)的话(?=[，,。；;]|$)"
    # 全校教职工大会上我要讲甲, 班会上跟学生讲: at a gathering, the one who asks is to speak.
    r"|(?:会|典礼|仪式)上(?:我)?要(?:讲|说)(?!清楚|明白)"
)
# 写一封致家长的信, 给家长发封信: a letter, though 一封信 is not said in one piece.
_LETTER_ASK = re.compile(r"(?:写|发|拟|起草)一?封[^，,。]{0,10}?信")


def _genre_by_use(text: str) -> str | None:
    """The genre a request names by what the paper is for (给班主任培训用, 学习甲法的材料: a 学习材料; 开学典礼上我要
    讲几句, 开幕式上致辞: a talk); None when it names none."""
    if _STUDY_USE.search(text) or any(_STUDY_PAPER.search(c.strip()) for c in _CLAUSE.split(text)):
        return STUDY_GENRE
    if _TALK_ASK.search(text):
        return TALK_GENRE
    if _LETTER_ASK.search(text):
        return LETTER_GENRE
    return None


def genre_named(text: str) -> str | None:
    """The genre a request names anywhere (写份汇报材料, 这份工作总结), the first one after a verb of writing."""
    found = [(m.start(), m.group(0)) for m in _GENRE_WORD.finditer(text)]
    if not found:
        return None
    write = re.search(f"{_MAKE}|{_WRITE}", text)
    after = [g for at, g in found if write and at >= write.start()]
    return canonical_genre((after or [g for _, g in found])[0])


# A numbered list (1.甲 2.乙; 1、甲；2、乙; （1）甲（2）乙; ①甲②乙): a bare number opens a clause or follows a
# space, and is not the start of a decimal (1.5倍).
_NUMBERED = re.compile(
    # (4.11月30日前…: a number, then a date; not 3.5, a figure.)
    r"[（(](?:\d{1,2}|[一二三四五六七八九十])[)）]|[①②③④⑤⑥⑦⑧⑨⑩]|(?:^|(?<=[\s，,；;：:。、]))\d{1,2}[.．、)）](?!\d(?!\d?[月日号]))"
)
# 从甲、乙、丙几个方面写: the parts are what the aspects are "from".
_FROM_ASPECTS = re.compile(
    r"从(?P<list>[^，,。；;：:]+?[、和与及][^，,。；;：:]+?)(?:等|这)?(?:几个|[两二三四五六七八九十]个)?(?:方面|角度|维度)"
)


def _numbered_pieces(text: str) -> list[str]:
    """The text of each item of a numbered list in ``text``, whole; [] when fewer than two numbers open items."""
    marks = list(_NUMBERED.finditer(text))
    if len(marks) < 2:
        return []
    pieces: list[str] = []
    for m, nxt in zip(marks, [*marks[1:], None], strict=True):
        piece = text[m.end() : nxt.start() if nxt else len(text)]
        piece = _CLAUSE.split(piece.strip(), maxsplit=1)[0] if nxt is None else piece
        pieces.append(piece.strip(" \t\n　，,；;。、"))
    return pieces


def numbered_items(text: str) -> list[str]:
    """The items of a numbered list in ``text`` (1.甲 2.乙, （一）甲（二）乙, ①甲②乙), each up to its clause's end, and a
    long one named by its first clause (1.各校要配备…教师，有条件的设立…); [] when fewer than two numbers open items."""
    return [_CLAUSE.split(p, maxsplit=1)[0] if len(p) > MAX_ITEM_CHARS else p for p in _numbered_pieces(text)]


def parts_named(text: str) -> list[str]:
    """The sub-topics an everyday request names (see the module docstring); [] when it names none."""
    spans: list[list[str]] = []
    numbered = numbered_items(text)
    if numbered:
        spans.append(numbered)
    for m in _FROM_ASPECTS.finditer(text):
        spans.append(_split_list(m.group("list"), None))
    if len(_ORDINAL.findall(text)) >= 2:
        pieces = _ORDINAL.split(text)[1:]
        spans.append([_CLAUSE.split(p, maxsplit=1)[0] for p in pieces])
    for m in _SEQUENCE.finditer(text):
        spans.append([m.group("a"), m.group("b")])
    for m in _ALSO.finditer(text):
        first = _object_of(m.group("a"))
        if first:
            spans.append([first, m.group("b")])
    for m in _THEN.finditer(text):
        spans.append([m.group("a"), m.group("b")])
    for m in _BOTH.finditer(text):
        spans.append(_split_list(m.group("list"), None))
    for m in _COUNTED.finditer(text):
        n = m.group("n")
        spans.append(_split_list(m.group("list"), None if n == "几" else numerals.parse(n)))
    for m in _COLON_LIST.finditer(text):
        spans.append(_split_list(m.group("list"), None, colon=True))
    for m in _TOLD_LIST.finditer(text):
        spans.append(_split_list(m.group("list"), None))
    for m in _TOLD_PAIR.finditer(text):
        spans.append(_split_conjoined(m.group("list"), min_chars=2))
    for m in _TOLD_QUESTIONS.finditer(text):
        spans.append([m.group("a"), m.group("b")])
    spans += bare_lists(text)
    for items in spans:
        if any(_unbalanced(i) for i in items):
            continue  # a bracketed list is the topic's own (outline_in_topic)
        told_numbered = items is numbered
        # An aside in brackets after an item (主要变化（和旧版对比）, 活动依据（按现行某条例）) says more of it: no part.
        items = [_ASIDE.sub("", i) for i in items]
        if _one_phrase(items):
            continue  # 给视力、听力残疾学生提供的服务: the 、 joins two words inside one phrase, not parts
        # 按照甲法的要求，做好乙: the clause that names only the law followed is no part.
        cleaned = [c for c in (_clean_part(i) for i in items) if c and not _BASIS_ONLY.match(_UNIT_LEAD.sub("", c))]
        # Items the person numbered are the parts however long (12月20日前把演练总结、照片和排查表报教育局安全股).
        longest = 2 * MAX_ITEM_CHARS if told_numbered else MAX_ITEM_CHARS
        if 2 <= len(cleaned) <= 8 and all(2 <= len(c) <= longest for c in cleaned):
            return list(dict.fromkeys(cleaned))
    return []


_ASIDE = re.compile(r"[（(][^（()）]*[）)]")


def _unbalanced(item: str) -> bool:
    """Whether ``item`` opens or closes a bracket it does not close or open: a piece of a list in brackets."""
    return bool(re.search(r"[（(）)]", _ASIDE.sub("", item)))


def _one_phrase(items: Sequence[str]) -> bool:
    """Whether a list's ``items`` are words inside one phrase, not parts: one before the last ends on a preposition
    and the one noun after it, and the last goes on to the noun they qualify (给视力、听力残疾学生提供的服务; 对学校和老师的
    几条红线). A list a preposition governs whole is parts (按师资、场地、经费三个方面; 把甲、乙这两块写出来)."""
    if len(items) < 2 or not re.search(r"的[一-龥]{2,}", items[-1]):
        return False

    def governed(item: str) -> bool:
        words = jieba_tagged(item)
        return len(words) >= 2 and words[-2][1] == "p" and words[-1][1].startswith("n")

    return any(governed(i) for i in items[:-1])


# 讲讲法律对老师有哪些要求，哪些事情老师绝对不能做: two questions told one after the other are two parts.
_QUESTION = r"(?:哪些|什么|啥|怎么|如何|能不能|要不要|可不可以)"
_TOLD_QUESTIONS = re.compile(
    rf"{_TELL}(?P<a>[^，,。；;：:]{{0,20}}?{_QUESTION}[^，,。；;：:]{{0,12}})[，,；;]\s*(?:还有|以及|再讲讲|再说说|再)?"
    rf"(?P<b>[^，,。；;：:]{{0,12}}?{_QUESTION}[^，,。；;：:]{{0,16}})(?=[，,。；;]|$)"
)


# A clause that adds one more part to a list before it (，再加上丙; ，还有丙).
_ADDS = re.compile(r"^(?:再加上|加上|还有|以及|另外|外加)")


def bare_lists(text: str) -> list[list[str]]:
    """Lists a request names as a clause of their own, with no verb of telling before them (帮我写总结里问题那
    一块，甲、乙这些，再加上丙): each clause holding a 、-list, with the clauses after it that add to it; not
    the clause that asks for the draft, nor one that states the length or the style."""
    clauses = [c.strip() for c in _CLAUSE.split(text)]
    out: list[list[str]] = []
    for i, clause in enumerate(clauses):
        if "、" not in clause or _ADDS.match(clause) or _LENGTH.search(clause) or _STYLE.search(_TAIL_WORDS.sub("", clause)):
            continue
        head = _REQUEST_HEAD.match(clause)
        if (head and head.end() > 0) or _ASK_ONLY.match(clause) or re.search(_GENRE_ALT, clause):
            continue
        if _PUT.match(clause) or re.search(r"有关|相关|关于|[把对]", clause):
            continue  # 把跟甲、乙有关的规定整理成…: the list qualifies the matter, and names no parts
        items = _SPLIT_ITEMS.split(clause)
        if _places_of_one_act(items):
            continue  # 组织学生到甲、乙、丙开展研学: where one act is done, not parts
        for more in clauses[i + 1 :]:
            if not _ADDS.match(more):
                break
            items.append(more)
        out.append(items)
    return out


def _places_of_one_act(items: Sequence[str]) -> bool:
    """Whether a 、-list is where one act is done, inside its clause (组织学生到图书馆、博物馆、文化馆开展研学活动):
    the first item ends on a place after 到/去/在/往/赴, and the last goes on past its place with a verb."""
    if len(items) < 2 or not _TO_PLACE.search(items[0]):
        return False
    words = jieba_tagged(items[-1])
    return len(words) >= 2 and any(tag.startswith("v") for _, tag in words[1:]) and len(words[0][0]) <= _PLACE_CHARS


_PLACE_CHARS = 6  # a place named in a list (博物馆, 青少年宫): a few characters, not a clause
_TO_PLACE = re.compile(rf"[到去在往赴][一-龥]{{2,{_PLACE_CHARS}}}$")


def _object_of(clause: str) -> str:
    """What the last verb of a clause acts on (给新生办个读书角 -> 读书角); empty when it ends on no noun."""
    import jieba.posseg as pseg

    words = [(w, f) for w, f in pseg.cut(clause)]
    last = max((i for i, (_, f) in enumerate(words) if f == "v"), default=-1)
    tail = words[last + 1 :]
    while tail and tail[0][1] in ("m", "q", "mq"):  # 办个读书角: the measure word is not the thing
        tail = tail[1:]
    if not tail or not tail[-1][1].startswith("n"):
        return ""
    return "".join(w for w, _ in tail)


def _split_list(text: str, count: int | None, *, colon: bool = False) -> list[str]:
    """A named list split into its parts; ``count`` (when the request says how many) must match."""
    if colon and re.search(r"[；;]", text):
        parts = re.split(r"\s*[；;]\s*", text)
    elif colon:
        parts = _SPLIT_ITEMS.split(_CLAUSE.split(text, maxsplit=1)[0]) if "、" in text else _CLAUSE.split(text)
    else:
        parts = _SPLIT_ITEMS.split(text)
    if len(parts) < 2 or (count is not None and len(parts) != count):
        words = [p for piece in parts for p in _split_conjoined(piece, min_chars=2)]
        if count is not None and len(words) == count:
            return words
        if len(parts) < 2:
            return words if count is None and len(words) >= 2 and "和" in text else []
    if count is None and len(parts) >= 2 and "、" in text and not re.search(r"[；;]", text):
        # 甲、乙和丙: Chinese joins the last item of a 、-list with 和 (each item two characters or more).
        parts = [*parts[:-1], *_split_conjoined(parts[-1], min_chars=2)]
    return parts if count is None or len(parts) == count else []


# 学期总结里后勤保障: the part of a document the person is writing, named after the document.
_IN_DOCUMENT = re.compile(rf"^[^，,。]{{0,12}}?(?:{_GENRE_ALT})(?:里|中)的?")


# 甲来写, 乙写一段汇报材料: the ask to write after a part named before it is no part of it.
_WRITE_AFTER = re.compile(
    rf"(?:来|去)(?:写|讲|说)$|(?:来|去)?(?:起草|撰写|拟写|草拟|写|拟|整|弄|搞|做)(?:一[段篇份个]|[段篇份个])(?:关于)?(?:{_GENRE_ALT})?$"
)


# 写一份甲、乙…: the measure word of the ask (一份, 一篇, 个) is no part of the first item; 个人, 个别, 一段时间 are words.
_LEAD_MEASURE = re.compile(r"^(?:一?[份篇则]|一段(?!时间|时期|日子)|一?个(?![人别性体案]))(?=[一-龥]{2})")
# …乙的自查报告: the genre the ask names after its list is no part of the last item (…安全自查 is a matter: only a
# full genre name, or any after 的, is the genre).
_PART_GENRE = re.compile(rf"的(?:{_GENRE_ALT})$|(?:{'|'.join(GENRES[:4])})$")


def without_measure(text: str) -> str:
    """``text`` without the measure word an ask puts before its matter (一份甲 -> 甲, 个乙 -> 乙)."""
    return _LEAD_MEASURE.sub("", text)


# 主任让我把…, 把…: who asked, and the 把 that fronts the object; 这学期的…, 上个月…: the stretch of time a part
# is in, which the whole draft covers.
_PART_ASKER = re.compile(rf"^(?:[^，,。]{{0,8}}?(?:让|叫|要)我)?(?:{_ASK}\s*)*把")
# 对照甲条例讲讲乙, 那个甲条例对乙有啥要求: the law a part is read against opens it; the part is what follows
# (乙, 对乙有啥要求), the law being the request's basis.
_PART_BASIS = re.compile(
    r"^(?:对照|对着|按照|按|根据|依照)?(?:那个|这个)?《?[^，,。、]{1,16}?(?:法|条例|办法|规定|意见)》?(?:里|中|上)?"
    r"(?:的要求|的规定)?(?:来)?(?:讲讲|说说|谈谈|写写|讲|说|写)?(?=对[一-龥]{2}|关于)"
    r"|^(?:对照|对着|按照|按|根据|依照)?(?:那个|这个)?《?[^，,。、]{1,16}?(?:法|条例|办法|规定|意见)》?(?:的要求|的规定)?(?:来)?(?:讲讲|说说|谈谈|写写)"
    # 要对照法律逐项查甲: the law checked against and the checking, before the first thing checked.
    # (法律逐项查甲 when the list began after 对照.)
    r"|^(?:要|得|需要)?(?:(?:对照|对着|按照|依照|根据)(?:那个|这个)?《?[^，,。、]{0,16}?(?:法律|法规|法|条例|办法|规定|意见|标准)》?"
    r"|(?:法律|法规|条例|规定|标准))"
    r"(?:的要求|的规定)?(?:逐项|逐条|一项一项地?|一条一条地?)?(?:来)?(?:查一查|查查|检查|查|看看|看)(?=[一-龥]{2})"
)
_PART_PERIOD = re.compile(r"^(?:这|本|今|上)(?:一)?(?:个)?(?:学期|学年|年度?|季度|半年|月)(?:以来)?(?:的)?")


def _clean_part(text: str) -> str:
    if _LENGTH.search(text):
        return ""  # 1150字, 要求850字: the length asked for, no part of the draft
    text = _IN_DOCUMENT.sub("", text.strip(" \t\n　"))
    for frame in (_PART_BASIS, _PART_ASKER, _PART_PERIOD):
        rest = frame.sub("", text, count=1)
        text = rest if len(rest) >= 2 else text
    part = _lead_words_off(_IN_DOCUMENT.sub("", text))
    part = without_measure(part)
    part = _WRITE_AFTER.sub("", part)
    part = _PART_GENRE.sub("", part) if len(_PART_GENRE.sub("", part)) >= 2 else part
    part = _TAIL_WORDS.sub("", part)
    # 乙这些方面做得怎么样: one tail word may stand before another; each comes off.
    while (bare := _TAIL_WORDS.sub("", part)) != part and len(bare) >= 2:
        part = bare
    part = re.sub(r"(?:是怎么|怎么样|怎样)?(?:落实|开展)的$", "", part)
    return _clean_item(ours(part))


# A time or an event reached (期末考试结束了, 暑假快到了, 开学了): the occasion of a paper, not its matter.
_TIME_REACHED = re.compile(r"^[一-龥]{1,10}?(?:快要|快|就要|即将|已经)?(?:结束|到|开始|来临|临近|过去|来)了$")
_DATES_ONLY = re.compile(r"^[0-9０-９一二三四五六七八九十年月日号至到\-—~～]+(?:开展|举行|进行|实施|完成|结束|开始|期间)?$")
# A verb with the perfective 了 before what it acted on (列入了教学计划, 请了人武部的同志): something done. Not the
# 了 of 为了, 除了, 了解, 了结, nor one that ends the clause (开学了, 考试结束了: a state reached, not a deed).
_DONE_ACT = re.compile(
    r"(?<![为除罢受])了(?![解结然吗呢吧么]|可以|能够?(?!源)|就|要|该|应当|应该)(?=[一-龥0-9０-９])|^(?:我们|我校|学校)?(?:已经|已)(?=[一-龥]{2})"
)
_NOT_DONE = re.compile(
    rf"{_GENRE_ALT}|要|想|帮|请你|麻烦|哪|什么|啥|怎|咋|如何|多少|(?<![十百千好])几|谁|吗|呢|是否|能否|写|起草|稿"
    r"|^(?:讲讲|说说|谈谈|讲一讲|说一说|介绍)"
)
# Another body's deed (局里下发了通知, 上级组织了检查) is not the unit's own to report.
_OTHERS_DEED = re.compile(r"^(?:[省市县区镇乡]里|上级|上面|局里|[省市县区]教育局|教育局|领导|家长|学生|孩子)")
_DONE_LEAD = re.compile(r"^(?:还|并且?|也|另外|同时|此外|而且|又|再)(?=[一-龥]{3})")


def _is_done(clause: str) -> bool:
    """Whether ``clause`` says what the writing unit has done (`done_facts`)."""
    return (
        len(clause) >= 5
        and bool(_DONE_ACT.search(clause))
        and not _NOT_DONE.search(re.sub(r"(?<=[请邀])了", "", clause).replace("请了", ""))
        and not _PERSONA.match(clause)
        and not _OTHERS_DEED.match(clause)
    )


def done_facts(text: str) -> tuple[str, ...]:
    """What the request says the unit has done, in its own words and the unit's voice, in order: a clause with a
    deed in the perfective (我们把国防教育列入了教学计划，九月份组织了主题班会，还请了人武部的同志来讲课), not
    the ask, a question, nor another body's deed. The person's own account of their work is our own material for
    a report on it."""
    out: list[str] = []
    for clause in _CLAUSE.split(text):
        clause = clause.strip()
        if _is_done(clause):
            out.append(ours(_DONE_LEAD.sub("", clause)))
    return tuple(dict.fromkeys(out))


# A clause of a 请示's request that asks the body above for something (请教育局协调交警部门…, 我们学校想申请5万元
# 经费…, 另外请求给我们配…): the verb of asking, then what is asked. Whom it is asked of (教育局) is the addressee.
_ASKS_FOR = re.compile(
    r"^(?:另外|此外|同时|还|并且?|再)?(?:我们学校|咱们学校|我们|咱们|我校|本校|学校|我园|本园)?"
    r"(?:想|希望|想要|打算|准备|拟)?(?:向[^，,。：:]{1,10}?)?"
    r"(?P<verb>恳请|申请|请求|请(?![示假客柬]|教(?!育)))(?P<ask>[^，,。；;]{2,})$"
)
# Parts a request counts off (一是…, 一个是…, 第一…, 1., （一）, 两件事：).
_COUNTED_PARTS = re.compile(r"一是|一个是|其一|第一(?:[，,、是]|点|条|项|件)|首先|(?:^|[：:，,。；;\s])1[.．、]|[（(]一[）)]|[两二三四五几]件事|[两二三四五几]个(?:事|方面)")
def done_to(text: str) -> tuple[str, str] | None:
    """(the thing, the act) of an act said as done to a thing (对老教学楼进行抗震加固 -> 老教学楼, 抗震加固; 对甲开展乙,
    对甲实施乙); None when ``text`` is not said so."""
    m = _DONE_TO.fullmatch(text)
    return (m.group("x"), m.group("y")) if m else None


_DONE_TO = re.compile(r"对(?P<x>[^，,。]{2,}?)(?:进行|开展|实施)(?P<y>[^，,。]{2,})")


def _ask_matter(ask: str) -> str:
    """What a 请示's ask is about: its first clause (申请增开公交线路), or, when that clause asks for money and
    names nothing else (申请专项经费) while the next says what for (对老教学楼进行抗震加固, 用于维修围墙), the money
    named by its use (申请老教学楼抗震加固专项经费), as 公文 titles name a fund."""
    clauses = [c.strip() for c in re.split(r"[，,]", ask.removeprefix("恳请")) if c.strip()]
    first = clauses[0] if clauses else ask
    verb = next(v for v in ("申请", "请求", "请", "") if first.startswith(v))
    money = first[len(verb) :]
    # A number of one digit is tagged as no word at all (8 of 8万元, where 20 of 20万元 is a numeral): a numeral.
    words = [(w, "m" if re.fullmatch(r"[0-9０-９.．]+", w) else tag) for w, tag in jieba_tagged(money)]
    # 专项经费20万元: the sum said after the fund is said before it in a title (20万元…专项经费).
    while len(words) > 1 and words[-1][1][0] in "mq":
        words = [words[-1], *words[:-1]]
    fund = "".join(w for w, tag in words if tag[0] not in "mq")
    bare = bool(words) and all(tag[0] in "mnbq" for _, tag in words[:-1]) and words[-1][1][0] in "nv"
    if len(clauses) < 2 or head_kind(fund) != "money" or not bare:
        return first
    use = re.sub(r"^(?:主要)?(?:用于|用来|用作|以便|为了|为|来)", "", clauses[1])
    done = done_to(use)
    use = "".join(done) if done else use
    if len(use) > _MAX_USE_CHARS and "、" in use:
        # 用于甲、购买乙和丙: a fund of several uses is named by the first, as 等 says there are more.
        use = use.split("、", 1)[0] + "等"
    if not 2 <= len(use) <= _MAX_USE_CHARS or re.search(r"[。；;？?]", use):
        return first
    counted = "".join(w for w, tag in words if tag[0] in "mq")  # 50万元 of 50万元专项资金 says how much, first
    named = "".join(w for w, tag in words if tag[0] not in "mq")
    return f"{verb or '申请'}{counted}{use}{named}"


_MAX_USE_CHARS = 24  # a use longer than this is a sentence of its own, not a fund's name
# 给我校配…: whom an ask is for, when it is the unit itself, is no part of what is asked (关于配…的请示).
_FOR_US = re.compile(r"^(?:给|为|帮)(?:我校|本校|我园|本园|我局|本单位|学校|幼儿园)(?=[一-龥]{2})")
_ASKED_OF = re.compile(r"^[^，,。：:]{0,8}?(?:局|委|政府|上级|领导)(?:里|那边)?(?=[一-龥：:]|$)")
_HELP = re.compile(r"^(?:帮忙|帮助|帮我们|帮)(?=[一-龥]{2})")
_TITLED_ASK = re.compile(r"^(?:写个|写一份|起草)?关于(?P<verb>申请|请求|恳请)(?P<ask>[^，,。]{2,30})的请示$")
# An item of a list the ask opens with a colon (想请局里：一是…；二是…, 申请：一、…；二、…).
_ASK_ITEM = re.compile(r"^(?:[一二三四五六七八九十]是|[一二三四五六七八九十][、.．]|\d{1,2}[、.．])")
# A clause that opens on a connective (另外…, 此外…) says something of its own, no part of the ask before it.
_CONNECTIVE = re.compile(r"^(?:另外|此外|同时|但是|但|而且|不过|并且)")
# A clause that tells who or when of its own (学生过马路很危险, 现在只有1名兼职心理老师): no part of the ask before it.
_OWN_OPENING = re.compile(
    r"^(?:我们|我校|本校|学校|学生|孩子|老师|教师|家长|现在|目前|现有|今年|去年|近年|平时|经(?=[一-龥])|据|全[省市县区镇乡])"
)
# A clause that asks the writer to do something (理由讲充分些, 把理由讲清楚, 依据写…) or asks a question.
_TO_WRITER = re.compile(r"讲|写|说|咋|怎么|什么|哪|吗|帮我|麻烦")


# A sentence of a request that tells a report's shortcomings or its plans (存在的问题是…, 下一步打算…, 今后…).
_CLOSING_TOLD = re.compile(
    r"^(?:(?P<bad>(?:还)?存在的?(?:主要)?(?:问题|不足)|(?:主要)?问题|不足之处)(?:是|有|主要是|主要有)?"
    r"|(?P<next>下一步(?:打算|计划|工作)?|今后(?:打算|计划)?|接下来)(?:是|要|将|打算)?)[：:，,]?\s*(?P<said>[^。；;！？!?]{4,})"
)


def closing_told(text: str) -> tuple[tuple[str, str], ...]:
    """The shortcomings and plans a request tells for a report's closing parts, each in its own words and the
    unit's voice: 存在的问题是2号楼还没加固，应急物资储备不够 -> ("shortcomings", "2号楼还没加固，应急物资储备不够")."""
    out: list[tuple[str, str]] = []
    for sentence in re.split(r"[。；;！？!?\n]+", text):
        m = _CLOSING_TOLD.match(sentence.strip())
        if m and not _TO_WRITER.search(m.group("said")):
            out.append(("shortcomings" if m.group("bad") else "remedies", ours(m.group("said").strip("，, "))))
    return tuple(out)


def petition(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A 请示 request's asks and reasons, in the unit's voice: each clause that asks (请…, 申请…, 请求…) with the
    clauses after it that tell no one of their own (买沙盘和放松椅, 上下学时段派交警执勤), opened by 申请 when it
    was asked so and by 恳请 otherwise; and the clauses that tell the situation (学生过马路很危险), not who the
    unit is, the paper asked for, its length or style, nor what to write. ((), ()) when it asks nothing."""
    asks: list[str] = []
    reasons: list[str] = []
    going_on = False
    listing = ""  # the verb of an ask that opened a list with a colon; its items follow
    for clause in _CLAUSE.split(text):
        clause = _ASKED_THEN_COLON.sub("", clause.strip())
        titled = _TITLED_ASK.match(clause)  # 关于申请甲的请示: the title the person gives says what is asked
        if titled:
            asks.append(("申请" if titled.group("verb") == "申请" else "恳请") + ours(titled.group("ask")))
            going_on = False
            continue
        if (
            not clause
            or _PERSONA.match(clause)
            or _STYLE.search(clause)
            or _BASIS_ASK.match(clause)
            or _BASIS_ONLY.match(clause)
            or "请示" in clause
        ):
            going_on = False
            continue
        m = _ASKS_FOR.match(clause)
        if m:
            verb = "申请" if m.group("verb") == "申请" else "恳请"
            ask = m.group("ask")
            ask = ask[o.end() :] if (o := _ASKED_OF.match(ask)) else ask  # 请局里…: whom it is asked of
            head, colon, first = (ask.partition("：") if "：" in ask else ask.partition(":"))
            listing = verb if colon else ""
            ask = _ASK_ITEM.sub("", first) if colon else head
            asks.append(verb + ours(_HELP.sub("", ask)))
            going_on = True
        elif listing and _ASK_ITEM.match(clause):  # 二是…, 二、… of a list the ask opened
            asks.append(listing + ours(_HELP.sub("", _ASK_ITEM.sub("", clause))))
            going_on = True
        elif going_on and not (_OWN_OPENING.match(clause) or _CONNECTIVE.match(clause) or _TO_WRITER.search(clause)):
            asks[-1] += "，" + ours(clause)
        elif not _TO_WRITER.search(clause) and len(clause) >= 2:
            reasons.append(ours(clause))
            going_on, listing = False, ""
    return (tuple(asks), tuple(reasons)) if asks else ((), ())


_ASKED_THEN_COLON = re.compile(
    rf"^[^，,。：:]{{0,16}}?(?:{_WRITE}|{_MAKE})[^，,。：:]{{0,4}}?(?:{_GENRE_ALT})\s*[：:]\s*(?=[^，,。]{{2}})"
)
# 给教育局报个…, 向上级汇报一下…: whom it is reported to, and the verb of reporting, before the matter.
_REPORTED_TO = re.compile(
    r"^(?:给|向)[^，,。]{1,10}?(?:局|委|政府|部门|领导|上级|单位)(?:里)?(?:报个|报一份|报一下|汇报一下|汇报|报)(?=[一-龥]{2})"
    r"|^(?:汇报|报告)(?:一下)?(?=(?:我们|我校|本校|咱们|学校)[一-龥]{2})"
)
# A number that opens an item of a list (1. 2、 （3）).
_NUMBER_LEAD = re.compile(r"^\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十]是)\s*")
# 开心理健康主题班会, 禁毒主题教育活动: the theme of a gathering named before 主题.
_THEMED = re.compile(r"(?:开|召开|搞|举行|组织)(?:一[次个场节])?(?P<x>[一-龥]{2,8}?)主题(?:班会|队会|活动|教育|团日|党日)")
# “防震减灾安全教育周”活动方案, “安全月”活动: an event named in quotes, then the paper or the activity.
_QUOTED_EVENT = re.compile(r"[“\"](?P<x>[^”\"]{2,20})[”\"](?=(?:主题)?(?:活动|工作)?(?:方案|计划|通知|活动))")
# 要写清楚甲、乙, 要包括甲、乙: what the paper is to hold.
_WRITE_OUT = re.compile(r"^(?:要|需要|请|得|应)?(?:写清楚|写清|写明|写上|写出|写到|提到|讲到|说到|谈到|涉及|涵盖|包括|包含)")
# 写一份甲情况报告交给县教育局: what the genre word is followed by says where the paper goes, not its matter.
_GENRE_SENT = re.compile(
    rf"(?P<genre>{_GENRE_ALT})(?:(?:交给|报给|发给|送给|送交|交到|送到|报到|呈报|报送|上报)[^，,。]*|给[^，,。]{{1,10}}?(?:看|用|学习|参考)?)$"
)


def matter_of(text: str, parts: Sequence[str] = ()) -> str:
    """What the request is about: its clauses less the asker, the ask, the length, the style and the
    named parts; the longest clause left, or the parts themselves when nothing else is left. A clause that says
    what was done (`done_facts`) is the matter only when no other clause is left."""
    kept: list[str] = []
    done: list[str] = []
    reached: list[str] = []
    titled: list[str] = []  # clauses that name the paper: its matter, then its genre
    listed = {c.strip() for piece in _numbered_pieces(text) for c in _CLAUSE.split(piece)}  # clauses of a numbered item
    gatherings: list[str] = []
    for clause in _CLAUSE.split(text):
        clause = _ASKED_THEN_COLON.sub("", clause.strip())  # 给县教育局写请示：甲 -> 甲
        clause = _REPORTED_TO.sub("", clause)  # 给教育局报个甲的情况 -> 甲的情况
        head_word, colon, rest = clause.partition("：") if "：" in clause else clause.partition(":")
        # 要求：一是甲 -> 甲 (a short word that heads the list; 抓甲：乙 names the matter the list is of)
        unnumbered = _NUMBER_LEAD.sub("", rest if colon and len(head_word) <= 4 else clause)
        if (parts and any(unnumbered in p for p in parts)) or unnumbered in listed or _REPORTED_BACK.search(clause):
            # (请各校11月30日前把…报局体卫艺股: when and to whom the units report back is no matter of the paper.)
            continue  # 3.别让孩子去网吧 of the part 别让孩子去网吧，防止…: a piece of a part, no matter of its own
        themed = _THEMED.search(clause)
        if themed:  # 开心理健康主题班会: the gathering's theme is the matter
            return ours(themed.group("x"))
        quoted = _QUOTED_EVENT.search(clause)
        if quoted:  # 写个“防震减灾安全教育周”活动方案: the event named in quotes is the matter (an activity: 甲活动)
            return quoted.group("x") + ("活动" if clause[quoted.end() :].startswith(("活动", "主题活动")) else "")
        if _WRITE_OUT.match(clause):
            continue  # 要写清楚指导思想、活动时间…: what the paper is to hold, not what it is about
        deed = _is_done(clause)
        sent = _GENRE_SENT.search(clause)
        if sent:
            clause = clause[: sent.end("genre")]
        clause = _IN_NAME.sub("", clause)
        # 请对照甲条例写个汇报材料: the law to follow and the ask, after the words that ask (请, 帮我): no matter.
        basis_asked = _BASIS_ASK.match(_ASK_BEFORE_BASIS.sub("", clause))
        if not clause or _PERSONA.match(clause) or _STYLE.search(clause) or basis_asked:
            continue
        # 期末考试结束了, 暑假快到了, 6月1日到6月30日开展: when it is written or done, not what about, unless nothing else is.
        when = bool(_TIME_REACHED.match(clause) or _DATES_ONLY.match(clause))
        named = _NAMED_MATTER.match(clause)
        if named and len(named.group("matter")) >= 2:  # 主题是甲: the person says what the matter is
            return ours(noun_phrase(named.group("matter")))
        if _BASIS_ONLY.match(clause) or _WHETHER.match(clause) or _CLOSING_ASKED.match(clause):
            continue
        visit = _VISIT.match(clause)
        least = 2 if visit else 3  # what a visit looks at may be one word (食堂); elsewhere 开学了 says when, not what about
        if visit:  # 局里要来检查食堂: who comes and what for is the occasion; what they look at (食堂) is the matter
            clause = clause[visit.end() :]
            if len(clause) < 2:
                continue
        meeting = _MEETING.match(clause)
        if meeting:
            # The gathering is the matter only if nothing else is (高一新生军训开营仪式上的讲话稿).
            gatherings.append(re.sub(r"(?:上|时)[^，,。]*$", "", meeting.group(0)))
            clause = clause[meeting.end() :]
            if len(clause) < 2:
                continue
        put = _PUT.match(clause)
        if put:
            clause = put.group("matter")
        source = None if put else _FROM_MATERIAL.match(clause)
        if source:  # the material's own genre (上半年的总结) is not the draft's
            clause = _GENRE_TAIL.sub("", source.group("matter"))
        if any(p.match(clause) for p in _STRESS):  # what to dwell on is searched, not the matter
            continue
        if parts and sum(p in clause or p in ours(clause) for p in parts) >= 1:
            told = _TOLD_TO.sub("", clause.split("：")[-1].split(":")[-1])  # 家长学校讲课用：给家长讲讲…
            ruled = _RULED_PARTS.match(_lead_words_off(_TELL_LEAD.sub("", told)))
            if ruled:  # 讲讲那个…条例对家长有啥要求、对…: what a policy asks of each part, whatever the clauses before say
                return ruled.group(0)
            opener = _list_head(clause)
            if opener:  # 强调安全管理：甲、乙、丙 — what opens the list names the matter the parts belong to
                return ours(opener)
            continue
        clause = _CHECK_LEAD.sub("", clause)
        head = _REQUEST_HEAD.match(clause)
        rest = clause[head.end() :] if head and head.end() > 0 else clause
        sent = _SENT_TO_LEAD.match(rest)
        if sent:  # (起草一份)报县教育局的请示: whom it goes to is the addressee's (`addressee_named`), not the matter
            rest = rest[sent.end() :]
            if not rest or _GENRE_ONLY.match(rest):
                continue
            clause = rest
        genre_tail = _GENRE_TAIL.search(rest)
        lead = re.match(_GENRE_ALT, rest)
        after = rest[lead.end() :] if lead else rest
        if (genre_tail and genre_tail.start() == 0) or after.startswith("的") or (lead and len(after.strip("：: ")) <= 3):
            continue
        if _ASK_ONLY.match(clause) and (len(rest) <= 3 or _ADDRESSEE.match(rest)):
            continue
        to = _ASK_TO.match(clause)
        if to and _UNIT_OR_PERSON.search(to.group("to")):  # 帮我给街道写个请示: the ask and its addressee, no matter
            continue
        if to:  # 给学校宿舍管理做个自查: what the document is about
            rest = to.group("to")
        if _ADDRESSEE.match(rest) or _FOR_USE.match(rest):
            continue
        inner = _INNER_WRITE.search(rest)
        about = _ABOUT_LEAD.match(rest)
        if inner and about and _GENRE_ONLY.match(rest[inner.end() :]) and inner.start() > about.end():
            # 围绕课堂改革写一份汇报材料: the matter comes before the ask, which names only the genre after it.
            rest = rest[about.end() : inner.start()]
        elif inner and len(rest) - inner.end() >= 4:  # 述职报告后面要补一段下学期的安排: the matter follows the ask
            rest = rest[inner.end() :]
        rest = noun_phrase(_TELL_LEAD.sub("", _TOLD_TO_VERB.sub("", rest)))
        if _GENRE_ONLY.match(rest) or _PAPER_ONLY.fullmatch(rest):  # 局里要我们报个情况报告: the ask, its genre and nothing else
            continue
        if len(rest) >= least:
            (reached if when else done if deed else kept).append(ours(rest))
            titling = _TITLING.search(clause)
            if titling and not when and not deed and _names_thing(titling.group("m")):
                titled.append(ours(rest))
    # 写一份我校特种设备安全管理自查报告，学校有两部电梯…: the clause that names the paper by its matter and genre says
    # what it is about; the others tell the situation, however long.
    if titled:
        return max(titled, key=len)
    if kept or done:
        return max(kept or done, key=len)
    if not parts and any(len(g) >= 2 for g in gatherings):
        return next(g for g in gatherings if len(g) >= 2)
    if parts:
        # Only the parts name the matter: without the words that ask for the basis or for our work
        # (甲在法律上的依据、我们自己是怎么做的 -> 甲), which are the outline's business, not the title's.
        bare = [without_ours_words(without_basis_words(p)) if role_asked(p) else p for p in parts]
        return "、".join(b for b in bare if b) or "、".join(parts)
    if reached:
        return max(reached, key=len)
    return text


# 写一份甲自查报告, 起草个甲的通知: the paper asked for, named by its matter right before its genre.
_TITLING = re.compile(
    rf"(?:{_WRITE}|做|弄|整|搞)(?:一)?(?:份|篇|个)(?P<m>[^，,。给向]{{2,30}}?)(?:的)?(?:{_GENRE_ALT})$"
)


def _names_thing(text: str) -> bool:
    """Whether ``text`` holds a noun (特种设备安全管理, 党建), not only words that say how a paper is (完整的)."""
    return any(flag.startswith(("n", "vn", "j")) for _, flag in jieba_tagged(text))


# 上面要各校报…, 月底前要交一份…: who asks for the report and when; the matter is what is to be reported.
_REPORT_ASKED = re.compile(
    # (The verb of handing in is not the first character of another word: 交通, 报名, 听课, 写字, 整改.)
    r"^[^，,。]*?(?:要|让|请|叫|安排|通知)[^，,。]{0,8}?(?:上报|报送|报(?![名到告销表纸道刊考警案])|提交|交(?![通流往接换叉友际界织])"
    r"|汇报|听(?![证力])|写(?![字作生])|弄|整(?![改治顿理体合]))(?:一[份个篇]|[份个篇]|一下)?(?=[一-龥]{2})"
    r"|^[^，,。]{0,8}?要(?:一[份个篇]|[份个篇])(?=[一-龥]{4})"
    r"|^[^，,。]{0,8}?(?:想|要|需要)(?:了解|知道|掌握)(?:一下)?(?=[一-龥]{2})"
)
# 我局讲甲, 我园汇报乙: the unit that tells, and its verb of telling, before the matter told.
_UNIT_TELLS = re.compile(r"^(?:我校|我局|我园|本校|本局|本单位)(?:讲讲|讲|说说|谈谈|介绍|汇报)(?![座课话])(?=[一-龥]{2})")
# 召开班主任会议学习甲, 周一开行政会: a meeting is the occasion; what it is to study, if named, is the matter.
_MEETING = re.compile(
    r"^[^，,。]{0,6}?(?:要|将|准备)?(?:召开|开)(?![展始设发放通支学办])[^，,。]{0,10}?会(?:议)?(?:上|时)?(?:要|将)?(?:学习|学)?"
    # 家长会上要讲一讲…, 开学典礼上讲: the gathering a talk is given at, and the verb of talking after it
    rf"|^(?:在)?(?:{_PEOPLE}(?:大会|会议|会)|[一-龥]{{0,8}}?(?:座谈会|讲座|培训会|动员会|报告会|典礼|开幕式|闭幕式|仪式|班会课|班会))"
    r"(?:(?:上|时)(?:我)?(?:要|想|准备|得)?(?:讲一讲|讲讲|讲几句话?|讲|说说|说一说|谈谈|谈一谈|发言|致辞|介绍一下|介绍)?"
    r"|(?:我)?(?:要|想|准备|得)?(?:讲一讲|讲讲|说说|说一说|谈谈|谈一谈|发言|介绍一下|致辞|讲几句话?))"
    # 下周一国旗下讲话轮到我了: whose turn it is to talk is the occasion
    r"|^[^，,。]{0,6}?国旗下的?讲话(?:轮到我了?|由我来?讲|我来讲)?"
)
# 工作总结里食堂管理这部分还没写: the part of a document the person is writing.
_PART_OF = re.compile(rf"^[^，,。]{{0,4}}?(?:{_GENRE_ALT})(?:里|中|的)(?P<matter>[^，,。]{{2,}}?)(?:这|那)一?(?:部分|块|节|段)")
# 把报名办法详细讲清楚: what is to be made clear.
_MAKE_CLEAR = re.compile(r"^把(?P<matter>[^，,。]+?)(?:一步一步|逐条|逐项|详细)?(?:讲|写|说)(?:清楚|明白|透)$")
# 让我们对近三年…的情况做个梳理: what is to be looked at is the object of 对.
_LOOK_AT = re.compile(r"^[^，,。]*?对(?P<matter>[^，,。]{4,}?)(?:做|进行|开展|搞)(?:了|个|一个|一次|一下)?[一-龥]{1,4}$")
_WHEN_WORDS = re.compile(r"马上|即将|快要|就要")
_HAPPENS = re.compile(r"(?:快|就|也)?(?:要)?(?:到|来|开始|结束)?了$")


def noun_phrase(clause: str) -> str:
    """The matter a clause names, without who asks for it, when, or what is done with it:
    上面要各校报甲的落实情况 -> 甲的落实情况; 教育局让我校对甲做个回头看 -> 甲; 教代会快到了 -> 教代会;
    我校马上招新生 -> 我校招新生."""
    m = _LOOK_AT.match(clause) or _PART_OF.match(clause) or _MAKE_CLEAR.match(clause)
    if m:
        clause = m.group("matter")
    clause = _REPORT_ASKED.sub("", clause)
    clause = _UNIT_TELLS.sub("", ours(clause))
    clause = re.sub(r"^(?:里面|其中)", "", _WHO_RUNS.sub("", clause))
    clause = _WHEN_WORDS.sub("", clause)
    clause = re.sub(r"^(?:里|中)的?(?=[一-龥]{2})", "", clause)  # (总结)里问题那一块: the part of the genre named before
    bare = _TAIL_WORDS.sub("", clause)  # 安全教育搞得咋样, 问题那一块: the matter, not how it is asked after
    return _HAPPENS.sub("", bare if len(bare) >= 2 else clause).strip()


# Words that say what a stretch of text is for, not what it is about (理由, 情况, 原因).
_NO_MATTER = re.compile(r"(?:具体)?(?:理由|原因|情况|内容|事情|事儿?|缘由|道理|背景|细节|来龙去脉)")


# A policy (那个管孩子上网的条例, 学前教育法) right before the parts it is asked about (对家长有啥要求、…): the
# clause is the matter, a paper on what the policy lays down for each part.
# 给家长讲讲…: to whom it is told, before the verb of telling.
_TOLD_TO = re.compile(r"^(?:给|向|跟|为)[一-龥]{1,8}?(?=讲|说|谈|介绍)")
# 给五年级学生讲讲甲: to whom it is told and the verb of telling, before the matter.
_TOLD_TO_SAID = r"(?:给|向|跟|为)[一-龥]{1,8}?(?:讲讲|说说|谈谈|讲一讲|说一说|介绍一下|介绍|讲|说)"
_TOLD_TO_VERB = re.compile(rf"^{_TOLD_TO_SAID}(?=[一-龥]{{2}})")
_RULED_PARTS = re.compile(r"^[^，,。：:]{2,30}?(?:条例|办法|法|规定|细则|意见)(?:里|中|里面)?(?:对|关于)[^，,。：:]+$")


def _list_head(clause: str) -> str:
    """What a clause says before the colon that opens its list of parts (强调安全管理：… -> 安全管理); empty
    when that is only a count, a verb of telling or the ask itself (分三点写：…, 帮我写：…)."""
    m = _COLON_LIST.search(clause)
    if not m:
        return ""
    head = _lead_words_off(clause[: m.start()].strip())
    if _REQUEST_HEAD.match(head) or _ASK_ONLY.match(head) or _COUNTED.search(head) or re.search(_GENRE_ALT, head):
        return ""
    if re.fullmatch(_TOLD_TO_SAID, head):
        return ""  # 给学生讲讲：…: to whom the parts are told, no matter of their own
    head = re.sub(r"(?:(?:以下|如下|下面|这些|几点|几件事|几个方面|方面|要求|内容|事项|主要)(?:包括|包含|有|为|是)?)$", "", head).strip()
    head = re.sub(r"(?:来)?(?:写|讲|说)$", "", head)
    clear = _MAKE_CLEAR.match(head)
    if clear and _NO_MATTER.fullmatch(clear.group("matter")):
        return ""  # 把理由讲清楚：… says what the parts are for, and names no matter
    head = _TAIL_WORDS.sub("", head) if len(_TAIL_WORDS.sub("", head)) >= 2 else head  # …这块, …抓了啥
    if re.fullmatch(r"(?:这|那|分|共)?[一两二三四五六七八九十几]*(?:块|点|个方面|方面|部分|件事|项|个问题|个)?", head):
        return ""  # 三块：… counts the parts and names nothing
    return head if len(head) >= 2 else ""


def strip_request(text: str) -> tuple[str, str | None]:
    """The topic without request phrasing, and the genre the words name (None when they name none).

    Raises:
        ValueError: the request holds nothing but request phrasing.
    """
    topic = re.sub(r"\s+", " ", text).strip()
    genre: str | None = None
    for _ in range(3):  # 请帮我写一段：汇报材料：… peels in a few rounds
        before = topic
        m = _REQUEST_HEAD.match(topic)
        if m and m.end() == len(topic):
            topic = ""
            break
        if m and m.end() > 0:
            genre = genre or m.group("genre")
            topic = topic[m.end() :]
        m = _GENRE_HEAD.match(topic)
        if m and m.end() < len(topic):
            genre = genre or m.group("genre")
            topic = topic[m.end() :]
        if topic == before:
            break
    topic = _TRAILING.sub("", topic)
    tail = _GENRE_TAIL.search(topic)
    if tail and tail.start() > 0:
        genre = genre or tail.group("genre")
        topic = topic[: tail.start()]
        if topic.startswith("关于"):
            topic = _ABOUT.sub("", topic)
    topic = _TRAILING_ASK.sub("", _TRAILING.sub("", topic))  # 资助这块科里想另外出个(总结): the ask after the matter
    if _PERIOD_ONLY.match(topic):  # 上半年的总结 is on that half-year's work
        topic = f"{topic}工作"
    # …的年度工作总结; not a dated period (2024年度, 2024学年度), which is the matter's own time
    topic = re.sub(r"(?<![\d〇零一二三四五六七八九十学])的?(?:年度|年终|半年|季度|学期)$", "", _TRAILING.sub("", topic)).strip()
    if topic.startswith("关于") and topic.endswith("的") and len(topic) > 4:  # 关于校园欺凌防治的: the genre was elsewhere
        topic = topic[2:-1]
    topic = without_request_words(without_measure(topic))
    if not topic:
        raise ValueError("起草主题不能为空：请写明材料的内容，如“我校加强食堂管理的情况”")
    return topic, genre


# Words that ask for the draft, wherever they are left in a topic or a part: a verb of asking (帮我, 麻烦),
# a verb of writing with its measure word (写一段, 起草一份, 拟个), and a length (850字上下).
_REQUEST_WORDS = re.compile(
    rf"(?:{_ASK})?(?:起草|撰写|拟写|草拟|写|拟)(?:一[段篇份个]|[段篇份个])(?:关于)?(?:{_GENRE_ALT})?"
    r"|(?:帮我|帮忙|麻烦你?|请你)(?=[一-龥])"
    r"|(?:要求|字数|大约|大概|约)?(?:\d{2,5}|[一二两三四五六七八九][千百][一二三四五六七八九]?百?)\s*字(?:左右|上下|以内)?"
)


def without_request_words(text: str) -> str:
    """``text`` without words that ask for the draft (`_REQUEST_WORDS`), which a title, an opening or a heading
    must never echo; ``text`` itself when nothing of two characters would be left."""
    rest = _TRAILING.sub("", _REQUEST_WORDS.sub("", text)).strip(" ，,、；;：:")
    return rest if len(rest) >= 2 else text


def outline_in_topic(topic: str) -> tuple[list[str], str]:
    """Sub-topics the topic names itself, and the topic with a bracketed list removed.

    Args:
        topic: the topic, request phrasing already stripped.

    Returns:
        (sub-topics in order, the topic to title the draft with); no sub-topics: ([], topic).
    """
    m = _BRACKETS.search(topic)
    if m:
        items = _items(m.group(1))
        if len(items) >= 2:
            rest = _TRAILING.sub("", (topic[: m.start()] + topic[m.end() :]).strip())
            # 写一份自查报告（甲、乙）: the list right after the genre word is all the topic there is.
            return items, rest if _BARE_REST.sub("", rest) else joined(items)
    if len(_ORDINAL.findall(topic)) >= 2:
        parts = [p for p in _ORDINAL.split(topic)[1:]]
        items = [_clean_item(p) for p in parts]
        items = [i for i in items if i]
        if len(items) >= 2:
            head = _ORDINAL.split(topic)[0]
            return items, _TRAILING.sub("", head) or topic
    core = _core(topic)
    if core and core != topic:
        items = _items(core)
        if len(items) >= 2:
            return items, topic
    return [], topic


def joined(items: Sequence[str]) -> str:
    """Items named in one phrase, as Chinese lists them: 甲和乙, 甲、乙和丙."""
    return items[0] if len(items) == 1 else f"{'、'.join(items[:-1])}和{items[-1]}"


# What is left of a topic once a bracketed list is taken out that names no matter of its own.
_BARE_REST = re.compile(r"关于|的|[\s。．.！!？?；;，,：:、]")


def _core(topic: str) -> str:
    """The part of a topic between its subject (我校…) and its closing noun (…的情况)."""
    core = _SUBJECT.sub("", re.sub(r"^[^，,。]*?关于", "", topic))
    core = re.sub(r"^(?:跟|与|同)(?P<x>[^，,。]{2,})(?:有关|相关)(?=的)", r"\g<x>", core)  # 跟家长、学生有关的要求
    core = _FRAME_VERB.sub("", core)
    core = _CLOSING.sub("", core)
    return core.strip()


def _items(text: str) -> list[str]:
    parts = [_clean_item(q) for p in _LIST_SEP.split(text) for q in _split_conjoined(p)]
    items = with_shared_modifier([p for p in parts if p], text)
    if len(items) < 2 or any(len(p) < 2 or len(p) > MAX_ITEM_CHARS for p in items) or _one_phrase(items):
        return []
    return list(dict.fromkeys(items))


# What two things joined by 和 have between them: the pair is one matter (甲和乙的区别, 甲与乙的关系).
_RELATION = re.compile(r"(?:之间)?的?(?:区别|异同|关系|联系|不同|差别|差异|衔接|结合)$")


def _split_conjoined(text: str, min_chars: int = 0) -> list[str]:
    """``text`` split at the words 和/与/及 (as jieba reads them, so 参与 is not split) when every
    part is long enough to name a sub-topic of its own (``min_chars``, default `MIN_CONJOINED_CHARS`)."""
    from ingest.tokenize import jieba_words

    if _RELATION.search(text):  # 心理咨询和心理治疗的区别: one thing, the relation between the two
        return [text]
    parts: list[str] = [""]
    for word in jieba_words(text):
        if word in _CONJUNCTIONS:
            parts.append("")
        else:
            parts[-1] += word
    parts = [p.strip() for p in parts]
    if len(parts) < 2 or any(len(p) < (min_chars or MIN_CONJOINED_CHARS) for p in parts):
        return [text]
    return parts


def parts_of(heading: str) -> list[str]:
    """The things a sub-heading names side by side (考核、培训; 值周制度和家委会 -> 值周制度, 家委会), each of
    two characters or more, and of three around 和/与/及; [] when it names one thing (校长与书记沟通)."""
    if _one_phrase(_LIST_SEP.split(heading)):
        return []  # 给视力、听力残疾学生提供的服务: the 、 joins two words inside the phrase that names one thing
    items = [_clean_item(q) for p in _LIST_SEP.split(heading) for q in _split_conjoined(p, min_chars=3)]
    items = [i for i in items if i]
    if len(items) < 2 or any(len(i) < 2 or len(i) > MAX_ITEM_CHARS for i in items):
        return []
    return list(dict.fromkeys(items))


def _clean_item(text: str) -> str:
    return text.strip(" \t\n　；;，,。：:、等")


_ASKING = re.compile(
    r"(?:是)?(?:怎么|怎样|如何|为什么|为何|哪些|什么时候|何时|什么|谁来|谁)(?:搞|弄)?(?:的|了|得)?"
    r"|(?:这|那)(?:块|部分)|(?:做得|搞得)(?:怎么样|怎样|如何|咋样)?|(?:[一-龥]得)?(?:怎么样|咋样)"
)


_ASKS_BASIS = re.compile(r"(?:在|从)?(?:法律|法规|政策|法定|上级)[^，。、]{0,6}?(?:的)?(?:依据|规定|要求)|(?:的)?依据")
_ASKS_OURS = re.compile(r"我校|本单位|我们|自己|怎么做|做法|做了")


def role_asked(heading: str) -> str | None:
    """The source role a sub-heading asks for: "policy" for the legal basis (法律上的依据, 政策要求),
    "own" for what we did (我校的做法, 自己是怎么做的), None when it asks for neither."""
    if _ASKS_BASIS.search(heading):
        return "policy"
    if _ASKS_OURS.search(heading):
        return "own"
    return None


def without_basis_words(heading: str) -> str:
    """A heading that asks for the legal basis, without those words (校长负责制在法律上的依据 -> 校长负责制),
    since the law itself does not say 依据."""
    rest = re.sub(r"^(?:在|从)?(?:法律|法规|政策|法定|上级)(?:上|层面)?(?:的|对)?", "", heading.strip(" 、，,；;"))
    rest = re.sub(r"(?:在|从)?(?:法律|法规|政策|法定|上级)(?:上|层面)?(?:的)?(?:依据|规定|要求)$|(?:的)?(?:依据|规定|要求)$", "", rest)
    rest = rest.strip(" 的和对")
    return rest if len(rest) >= 2 else heading


def without_ours_words(heading: str) -> str:
    """A heading that asks what we did, without those words (我校的考核做法 -> 考核); empty when nothing is left."""
    rest = re.sub(r"我校|本单位|我们(?:学校|中学|小学)?|自己|是?怎么做的?|做法|做了", " ", heading)
    rest = re.sub(r"\s+", " ", rest).strip(" 的和、，,；;")
    rest = re.sub(r"(?<=[一-龥]) (?=[一-龥])", "", rest)  # 学校自己也不要… -> 学校也不要…, with no gap left
    return rest if len(rest.replace(" ", "")) >= 2 else ""


# Everyday prohibitions in the words rules use: 不许乱收费 -> 不得 收费 (乱 before a verb is "against the rules").
_PROHIBIT = re.compile(r"不许|不准|不让|严禁|别再|(?:的)?禁止性(?:规定|要求)|不得从事(?:的行为)?")
_ARBITRARY = re.compile(r"乱(?=[一-龥]{2})")


_QUESTION_HEAD = re.compile(r"^(?:是)?(?:怎么|怎样|如何|为什么|为何|是否|有没有|谁来)")
_SUBJECT_BEFORE_QUESTION = re.compile(r"^(?P<subject>[^，,、；;]{2,12}?)(?:是)?(?:怎么|怎样|如何|为什么|为何|是否|谁来)")


def with_subjects(headings: Sequence[str]) -> list[str]:
    """Sub-headings for searching, each naming what it asks about: one that opens with a question word
    takes the subject of the heading before it (班干部是怎么产生、怎么轮换的 -> 怎么轮换的 is about
    班干部). The draft still shows the headings as given."""
    out: list[str] = []
    subject = ""
    for heading in headings:
        m = _SUBJECT_BEFORE_QUESTION.match(heading)
        if m:
            subject = m.group("subject")
        elif _QUESTION_HEAD.match(heading) and subject:
            heading = f"{subject}{heading}"
        else:
            subject = ""
        out.append(heading)
    return out


# An everyday yes-no question asks A-not-A (达没达标, 规不规范): the documents say A.
_A_NOT_A = re.compile(r"(?P<a>[一-龥])[没不](?P=a)(?P<rest>[一-龥]?)")
# …那些事, …的事: the matter itself.
_THE_MATTER_OF = re.compile(r"(?:的|那些|这些|那件|这件)事(?:情|儿)?$|(?<=[一-龥]{2})的(?:职责|事项|工作|行为)$")


def plain_heading(heading: str) -> str:
    """A sub-heading as the documents would word it: question words and asides dropped (考核怎么搞的 -> 考核),
    everyday prohibitions in a rule's words (不许乱收费 -> 不得 收费), the kind of rule a written heading names
    (学校要管的事项 -> 学校要管; a rule seldom says 事项 of itself), for finding and scoring passages; the
    draft still shows the heading as given."""
    plain = _ARBITRARY.sub(" ", _PROHIBIT.sub("不得 ", standard_asking(heading)))
    plain = _THE_MATTER_OF.sub("", re.sub(r"^(?:有没有|是否|是不是)", "", plain))  # 有没有乱订教辅, 午休的事
    plain = _A_NOT_A.sub(r"\g<a>\g<rest>", plain)  # 达没达标 -> 达标, 规不规范 -> 规范
    plain = _ASKING.sub(" ", ours(plain))
    plain = re.sub(r"\s+", " ", plain).strip(" ，,、的")
    return plain if len(plain.replace(" ", "")) >= 2 else heading


# A word names a person or post when it ends in one of these (校长, 党支部书记, 班主任, 教师, 党员, 教职工).
_PERSON_END = re.compile(r"(?:长|书记|主任|师|党员|委员|干部|职工|监护人|父母)$")
# …and is the heading's subject, not the first half of a compound naming a system or a body (校长负责制).
_NOT_SUBJECT_NEXT = re.compile(r"(?:制|会|部|处|室|组|团|队伍)$")


# A notice's item that says when and to whom the units report back (11月30日前把工作开展情况报教育局, 月底前
#报送总结): a deadline, then sending. It is the issuer's instruction, which no document speaks of.
_REPORT_BACK = re.compile(
    r"(?:\d{1,2}月\d{1,2}[日号]|[0-9一二三四五六七八九十]{1,3}[日号]|月底|月初|月中|周[一二三四五六日末]|星期[一二三四五六日天]|期末|学期末)"
    r"(?:前|之前|以前)[^，,。；;]{0,30}?(?:报送|上报|提交|报|交|送)"
)


# …a report-back that names the body it goes to (…报局体卫艺股, …报送县教育局).
_REPORTED_BACK = re.compile(_REPORT_BACK.pattern + r"(?:至|到|给)?[^，,。；;]{0,8}?(?:局|股|处|科|办|室|中心|委|政府)")


def reports_back(item: str) -> bool:
    """Whether a notice's item tells when and to whom to report back (11月30日前把总结报教育局安全股)."""
    return bool(_REPORT_BACK.search(item))


def heading_person(heading: str) -> str:
    """The person or post a sub-heading is about (校长职责 -> 校长, 党支部书记 -> 党支部书记, 制度对班主任的要求
    -> 班主任); empty when it names none, or names one only as part of a system (校长负责制)."""
    import jieba.posseg as pseg

    words = [(w, f) for w, f in pseg.cut(heading)]
    # 各校要配备…教师, 学校要配齐心理教师: a unit is the subject, and the person is what it is to act on; the
    # heading is on the unit's duty, not on rules about that person.
    lead = words[1:] if words and words[0][0] == "各" else words
    if len(lead) > 1 and head_kind(lead[0][0]) == "body" and lead[1][1].startswith(("v", "d")):
        return ""
    for i, (word, flag) in enumerate(words):
        # Plain nouns only: jieba reads some compounds (师德师) as a person's name (nr).
        if flag not in ("n", "nz", "j") or len(word) < 2 or not _PERSON_END.search(word):
            continue
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if nxt and _NOT_SUBJECT_NEXT.search(nxt) and words[i + 1][1].startswith("n"):
            continue
        # 党支部书记 reads as 党支部 + 书记: the post is the whole noun phrase.
        head = words[i - 1][0] if i and words[i - 1][1] in ("j", "n", "nt") and len(word) <= 2 else ""
        return f"{head}{word}" if head and not _PERSON_END.search(head) else word
    return ""
