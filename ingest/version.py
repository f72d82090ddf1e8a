"""Versions of a document: which indexed documents are versions of one another, their dates, which is current.

A regulation and its amendment, last year's 办法 and this year's, a draft and the issued text: each is
indexed as its own document. At ingest every document gets its version date and kind
(`detect_version`), stored with each chunk (``Chunk.extra``), from, in this order:

1. the dated notes at the top of the text, before the first chapter or article
   (``2024年12月31日 …会议修正``): the latest date there, with the kind its line names
   (公布, 施行, 修正, 修订, 印发, 通过);
2. a date in the file name (``…(2024-12-31).md``, ``…2024年12月31日…``, ``…20240301…``, ``…2024年…``,
   a year alone as in ``…办法2019.docx`` or ``…(2024版).pdf``);
3. a date line alone at the end of the text (the date a 公文 was signed), kind 印发.

Documents whose titles are the same once spacing, punctuation, a 中华人民共和国 prefix, a leading year,
bracketed version notes (（2011年修订）, （征求意见稿）, （试行）, （2011年） except after …修正案) and a
date closing a title taken from a file name (…办法(2024-11-10), …办法-2013) are set aside (`title_key`) are
versions of one document (`resolve`); the newest is current. Documents of one title and one date are
parts or copies of one version, not versions of each other. A user override (`Override`) puts a
document into another document's group or alone, gives it a date, or makes it current.

Titles group documents only within one realm: the caller names each source's realm (who may change it,
say, its knowledge bases), so that a file one office may write never supersedes, by its title alone, a
file that only others may change. Sources of no named realm share one.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Protocol

from ingest import numerals
from ingest.types import Chunk, Document

DATE_KEY = "version_date"  # ISO date (2024-12-31), a month (2024-12) or a year (2024); "" when unknown
KIND_KEY = "version_kind"
KINDS = ("公布", "施行", "修正", "修订", "印发", "通过", "文件名", "落款")

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?")
_CN_DATE = re.compile(r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
_FILE_DATE = re.compile(r"(?<!\d)(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")
# A date written without separators (…20240301.docx) and a year standing alone before a version word, a
# bracket, a separator or the extension (…办法2019.docx, …办法(2024版).pdf, …_2019_修订.docx).
_FILE_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_FILE_BARE_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?=\s*(?:版|修订|修正|[）)\]】_\-\s.]|$))")
_BODY_START = re.compile(r"^(?:第[一二三四五六七八九十百零〇\d]+[编章节条]|[一二三四五六七八九十]+、)")
# Kinds by precedence within one note line: an amendment says what it did last (…的决定》修正).
_KIND_WORDS = ("修正", "修订", "修改", "印发", "施行", "公布", "发布", "通过", "批准")
_KIND_OF = {"修改": "修正", "发布": "公布", "批准": "公布"}
_HEAD_LINES = 20
_TAIL_LINES = 4

_PREFIX = re.compile(r"^中华人民共和国")
_LEAD_YEAR = re.compile(r"^(?:19|20)\d{2}\s*(?:年度?|—|-)?")
# A bracketed note naming a version (（2011年修订）, （征求意见稿）, （试行）).
_VERSION_NOTE = re.compile(r"[（(\[【][^（）()\[\]【】]*(?:修订|修正|修改|草案|征求意见|送审|试行|暂行|版|稿)[^（）()\[\]【】]*[）)\]】]")
_NOISE = re.compile(r"[\s《》〈〉「」『』“”\"'‘’·・,，、.。:：;；!！?？\-—_]+")
# A bracketed date alone (（2011年）, (2011)) names a version too, except in the title of an act that
# amends another (…修正案（1988年）, …的决定（2004年）): each of those is an act of its own.
_DATE_NOTE = re.compile(r"[（(\[【]\s*(?:19|20)\d{2}\s*(?:年(?:\d{1,2}月(?:\d{1,2}日)?)?)?\s*[）)\]】]")
_AMENDING_ACT = re.compile(r"(?:修正案|决定)$")
# A date or a year closing a title taken from a file name (…办法(2024-11-10), …办法-2013, …办法2019,
# …办法_20240301, …办法 2013年12月11日修订): it dates the version, as `_file_date` reads it.
_TRAILING_DATE = re.compile(
    r"[\s_\-—.(（\[【]*(?:19|20)\d{2}(?:\s*[-_.年]\s*\d{1,2}(?:\s*[-_.月]\s*\d{1,2}\s*日?)?|\d{4})?\s*年?"
    r"\s*(?:版|修订|修正|修改|公布|印发)?\s*[)）\]】]?$"
)


@dataclass(frozen=True)
class VersionMark:
    """What ingest finds about one document's version: its date and the kind of act that dated it."""

    date: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Override:
    """A user's correction of one document's version: ``group`` another document's id (join its
    group) or "" (stand alone); ``date`` its version date; ``current`` whether it is the current one."""

    group: str | None = None
    date: str | None = None
    current: bool | None = None


class VersionedDoc(Protocol):
    """What `resolve` needs of an indexed document (ingest.store.DocInfo)."""

    @property
    def doc_id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def ingested_at(self) -> str: ...

    @property
    def version_date(self) -> str: ...

    @property
    def version_kind(self) -> str: ...


@dataclass(frozen=True)
class Version:
    """One document as a version: its group (shared by its versions), date, kind, place and currency.

    ``order`` counts from 1 (the oldest); ``count`` is the number of versions in the group (documents
    of one title and one date are parts of one version); ``current_id`` names the group's current version
    (its first part).
    """

    doc_id: str
    title: str
    source: str
    group: str
    date: str
    kind: str
    order: int
    count: int
    current: bool
    current_id: str

    @property
    def versioned(self) -> bool:
        """Whether the document has other versions in the index."""
        return self.count > 1

    @property
    def label(self) -> str:
        """The version in words: 2024年12月31日修正 (the date alone when the kind is not an act)."""
        text = date_words(self.date)
        if not text:
            return "日期不详"
        return text + (self.kind if self.kind in _ACT_KINDS else "")


_ACT_KINDS = {"公布", "施行", "修正", "修订", "印发", "通过"}


def date_words(date: str) -> str:
    """2024-12-31 as 2024年12月31日 (a month or a year alone likewise); "" for no date."""
    parts = [p for p in date.split("-") if p]
    if not parts:
        return ""
    units = ("年", "月", "日")
    return "".join(f"{int(p)}{u}" for p, u in zip(parts, units, strict=False))


def year_of(date: str) -> int | None:
    """The year of a version date, or None."""
    return int(date[:4]) if len(date) >= 4 and date[:4].isdigit() else None


def _iso(year: int, month: int | None, day: int | None) -> str:
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is None or not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


def dates_in(line: str) -> list[str]:
    """Every date written in ``line`` (2024年12月31日 or 二〇二四年十二月三十一日), as ISO dates, in order."""
    return [d for _, d in _dates_at(line)]


def _dated_acts(line: str) -> list[tuple[str, str]]:
    """(date, kind) of each date in a note line (`_acts_in`)."""
    return [(date, kind) for _, _, date, kind in _acts_in(line)]


def _acts_in(line: str) -> list[tuple[int, int, str, str]]:
    """(start, end, date, kind) of each date in a note line, the kind named between it and the next date
    (2023年12月29日公布，自2024年1月1日起施行: 公布, then 施行), the stretch from the date to the next one with
    the separators after it cut; dates naming no act are left out."""
    found = _dates_at(line)
    out = []
    for i, (at, date) in enumerate(found):
        end = found[i + 1][0] if i + 1 < len(found) else len(line)
        kind = _kind_in(line[at:end])
        if kind:
            out.append((at, at + len(line[at:end].rstrip(" \t，,；;。、（(")), date, kind))
    return out


def _dates_at(line: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for m in _DATE.finditer(line):
        day = int(m.group(3)) if m.group(3) else None
        found.append((m.start(), _iso(int(m.group(1)), int(m.group(2)), day)))
    for m in _CN_DATE.finditer(line):
        year = int("".join(str(numerals.DIGITS[c]) for c in m.group(1)))
        day = (numerals.parse(m.group(3)) or 0) if m.group(3) else None
        found.append((m.start(), _iso(year, (numerals.parse(m.group(2)) or 0), day)))
    return sorted(found)


def _kind_in(line: str) -> str:
    """The act a dated note line names: the word that comes last wins (…公布，…起施行 is 施行)."""
    best, pos = "", -1
    for word in _KIND_WORDS:
        at = line.rfind(word)
        if at > pos:
            best, pos = word, at
    return _KIND_OF.get(best, best)


def _head(text: str) -> list[str]:
    """The lines before the body (the first chapter, article or 一、 heading), title excluded."""
    lines = text.split("\n")[1 : 1 + _HEAD_LINES]
    out = []
    for line in lines:
        if _BODY_START.match(line.strip()):
            break
        out.append(line)
    return out


def dated_notes(text: str) -> list[tuple[int, int, str, str]]:
    """The dated acts the notes at the top of ``text`` name (the lines before its body, `_head`): for each,
    (start, end, date, kind) with the offsets of the stretch of its line that says it (from its date to the next
    date, or to the line's end), the ISO date and the act (公布, 施行, 修正, 修订, 印发, 通过)."""
    out: list[tuple[int, int, str, str]] = []
    at = text.find("\n") + 1 if "\n" in text else len(text)
    for line in _head(text):
        out += [(at + start, at + end, date, kind) for start, end, date, kind in _acts_in(line)]
        at += len(line) + 1
    return out


def detect_version(doc: Document, source: str) -> VersionMark:
    """The version date and kind of a document (see the module docstring for the order of the rules).

    Args:
        doc: the document as split from its file.
        source: its file's source key (a date in the file name is the second rule).
    """
    notes: list[tuple[str, str]] = []
    for line in _head(doc.text):
        notes += _dated_acts(line)
    # The notes of a reprint may stop before its last amendment while its file name carries it: the
    # latest of the two wins. A date it takes effect on is not a version's date unless it is the only one.
    acts = [n for n in notes if n[1] != "施行"]
    named = _file_date(PurePosixPath(source).name)
    if named:
        acts.append((named, "文件名"))
    if acts:
        # On the same date an act in the notes says more than the file name.
        date, kind = max(acts, key=lambda n: (n[0], n[1] != "文件名"))
        return VersionMark(date, kind)
    if notes:
        date, kind = max(notes)
        return VersionMark(date, kind)
    tail = [line.strip() for line in doc.text.rstrip().split("\n")[-_TAIL_LINES:]]
    for line in reversed(tail):
        found = dates_in(line)
        # A signature date stands alone on its line (at most a bracket or the issuer beside it).
        if found and len(_NOISE.sub("", _DATE.sub("", _CN_DATE.sub("", line)))) <= 2:
            return VersionMark(found[-1], "落款")
    return VersionMark()


def _file_date(name: str) -> str:
    """The date a file name carries (…(2024-12-31).md, …2024年12月31日…, …20240301…, …2024年…, …2024.docx), or ""."""
    m = _FILE_DATE.search(name)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    named = dates_in(name)
    if named:
        return named[-1]
    compact = _FILE_COMPACT.search(name)
    if compact and 1 <= int(compact.group(2)) <= 12 and 1 <= int(compact.group(3)) <= 31:
        return _iso(int(compact.group(1)), int(compact.group(2)), int(compact.group(3)))
    year = _FILE_YEAR.search(name) or _FILE_BARE_YEAR.search(name)
    return year.group(1) if year else ""


def with_versions(documents: Sequence[Document], chunks: Sequence[Chunk], source: str) -> list[Chunk]:
    """``chunks`` with their document's version date and kind in ``extra`` (`DATE_KEY`, `KIND_KEY`)."""
    marks = {d.doc_id: detect_version(d, source) for d in documents}
    out = []
    for c in chunks:
        mark = marks.get(c.doc_id, VersionMark())
        out.append(replace(c, extra={**c.extra, DATE_KEY: mark.date, KIND_KEY: mark.kind}))
    return out


def title_key(title: str) -> str:
    """The title that versions of one document share (see the module docstring)."""
    key = _VERSION_NOTE.sub("", title.strip())
    undated = _TRAILING_DATE.sub("", _DATE_NOTE.sub("", key)) or key
    if not _AMENDING_ACT.search(_NOISE.sub("", undated)):
        key = undated
    key = _NOISE.sub("", key)
    key = _PREFIX.sub("", key)
    key = _LEAD_YEAR.sub("", key)
    return key.translate(str.maketrans("（）［］", "()[]"))


def resolve(
    docs: Iterable[VersionedDoc],
    overrides: Mapping[str, Override] | None = None,
    realms: Mapping[str, str] | None = None,
) -> dict[str, Version]:
    """Every document's version: grouped by `title_key` (or as overridden), ordered by date, newest current.

    Within a group, undated versions count as older than dated ones; equal dates fall back to the
    time of ingest. A document joined to another by an override follows that document's group.

    Args:
        realms: source -> the realm its title groups it in (absent or "": the common realm); documents
            of different realms are versions of one another only when an override joins them. A group
            of a named realm is keyed by its title and its first document's id (never the realm's name,
            which a reader of the group may not know).

    Returns:
        doc_id -> `Version`.
    """
    overrides = overrides or {}
    realms = realms or {}
    docs = list(docs)
    by_id = {d.doc_id: d for d in docs}
    clusters: dict[tuple[str, str], list[VersionedDoc]] = {}
    for d in docs:
        clusters.setdefault(_group_of(d, by_id, overrides, realms), []).append(d)
    groups = {
        key if not realm else f"{key}@{min(d.doc_id for d in members)}": members
        for (realm, key), members in clusters.items()
    }
    out: dict[str, Version] = {}
    for group, members in groups.items():

        def date_of(d: VersionedDoc) -> str:
            o = overrides.get(d.doc_id)
            return o.date if o is not None and o.date is not None else d.version_date

        def edition(d: VersionedDoc) -> str:
            # Same title and same date: parts or copies of one version (a code split by 编), not versions.
            return date_of(d) or f"#{d.doc_id}"

        ordered = sorted(members, key=lambda d: (bool(date_of(d)), date_of(d), d.ingested_at, d.source, d.doc_id))
        editions = list(dict.fromkeys(edition(d) for d in ordered))
        pinned = [d for d in members if (o := overrides.get(d.doc_id)) is not None and o.current]
        newest = edition(pinned[-1]) if pinned else editions[-1]
        current_id = next(d.doc_id for d in ordered if edition(d) == newest)
        for d in ordered:
            o = overrides.get(d.doc_id)
            kind = d.version_kind if o is None or o.date is None else "指定"
            out[d.doc_id] = Version(
                d.doc_id,
                d.title,
                d.source,
                group,
                date_of(d),
                kind,
                editions.index(edition(d)) + 1,
                len(editions),
                edition(d) == newest,
                current_id,
            )
    return out


# Kinds that name no act (a date taken from the file name or the signature; none): a later version's notes may.
_UNNAMED_ACT = ("文件名", "落款", "")


def acts_from_later_notes(versions: Mapping[str, Version], text_of: Callable[[str], str]) -> dict[str, Version]:
    """``versions`` with the act of each version dated by no act of its own notes (its file name or signature:
    `_UNNAMED_ACT`) taken from the notes of a later version of its document that list that date (…2019年3月2日
    …第二次修订): a reprint's notes may stop before the amendment that made it, and the next text lists every
    earlier one. The nearest later version that lists the date decides; a date no later version lists keeps its
    kind, and an act dated only as taking effect (施行) dates no version.

    Args:
        versions: doc_id -> `Version`, as `resolve` gives them.
        text_of: a document's text by its id (its notes are the lines before its body, `dated_notes`).
    """
    out = dict(versions)
    groups: dict[str, list[Version]] = {}
    for v in versions.values():
        groups.setdefault(v.group, []).append(v)
    notes: dict[str, dict[str, str]] = {}
    for v in versions.values():
        if v.kind not in _UNNAMED_ACT or not v.date or v.count < 2:
            continue
        for later in sorted((w for w in groups[v.group] if w.order > v.order), key=lambda w: w.order):
            if later.doc_id not in notes:
                acts = [(date, kind) for _, _, date, kind in dated_notes(text_of(later.doc_id)) if kind != "施行"]
                notes[later.doc_id] = dict(acts)
            kind = notes[later.doc_id].get(v.date)
            if kind:
                out[v.doc_id] = replace(v, kind=kind)
                break
    return out


class KeptVersions:
    """`resolve`, kept for the last few document lists and overrides it was given.

    Every question resolves the versions of the documents its asker may read, and at 2k documents
    that costs about 100 ms; the same documents come back question after question. An entry is kept
    under everything `resolve` reads (each document's fields of `VersionedDoc`, the overrides and the
    realms), so a changed document, override or realm is resolved afresh.

    Args:
        size: how many different (documents, overrides, realms) are kept (one per set of readers, say).
    """

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._kept: OrderedDict[tuple[object, ...], dict[str, Version]] = OrderedDict()
        self._mutex = threading.Lock()

    def resolve(
        self,
        docs: Iterable[VersionedDoc],
        overrides: Mapping[str, Override] | None = None,
        realms: Mapping[str, str] | None = None,
        text_of: Callable[[str], str] | None = None,
    ) -> dict[str, Version]:
        """`resolve` (ingest.version) of ``docs``, ``overrides`` and ``realms``: a new dict, from the kept one
        when the same were seen; with ``text_of`` (a document's text by its id), a version dated by no act of its
        own takes the act later versions' notes name for its date (`acts_from_later_notes`)."""
        docs = list(docs)
        overrides = overrides or {}
        realms = {s: r for s, r in (realms or {}).items() if r}
        key = (
            tuple((d.doc_id, d.title, d.source, d.ingested_at, d.version_date, d.version_kind) for d in docs),
            tuple(sorted(overrides.items())),
            tuple(sorted(realms.items())),
            text_of is not None,  # acts read from later notes or not
        )
        with self._mutex:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                return dict(kept)
        value = resolve(docs, overrides, realms)
        if text_of is not None:
            value = acts_from_later_notes(value, text_of)
        with self._mutex:
            self._kept[key] = value
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return dict(value)


def _group_of(
    doc: VersionedDoc, by_id: Mapping[str, VersionedDoc], overrides: Mapping[str, Override], realms: Mapping[str, str]
) -> tuple[str, str]:
    """The (realm, title group) of a document, following overrides that join it to another document (no
    cycles): the realm and title of the document it ends at."""
    seen: set[str] = set()
    current = doc
    while True:
        o = overrides.get(current.doc_id)
        if o is None or o.group is None:
            break
        if o.group == "":
            return "", f"#{current.doc_id}"
        if o.group in seen or o.group not in by_id:
            break
        seen.add(current.doc_id)
        current = by_id[o.group]
    return realms.get(current.source, ""), title_key(current.title) or current.doc_id
