"""Versions as every entry point shows them: the JSON of a version and of a change between two, in words.

The CLI (``govdoc versions``), the HTTP API (``/api/versions``) and the page's 文档 tab
(`govdoc.web.versions`) all print what `GovdocService.versions` and `GovdocService.version_diff` return
through these functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ingest.articles import Change
from ingest.revision import counts
from ingest.version import Version

if TYPE_CHECKING:
    from assistant.draft import Draft

CHANGE_WORDS = {"same": "未改动", "changed": "修改", "deleted": "删除", "added": "新增"}


def version_json(v: Version) -> dict[str, Any]:
    """One version: its document, date, kind, label, place in its group and whether it is current."""
    return {
        "doc_id": v.doc_id,
        "title": v.title,
        "source": v.source,
        "version": v.date,
        "version_kind": v.kind,
        "version_label": v.label,
        "order": v.order,
        "count": v.count,
        "current": v.current,
    }


def change_json(c: Change) -> dict[str, Any]:
    """One article across two versions: ``kind`` (same, changed, deleted, added), old and new label and text."""
    return {
        "kind": c.kind,
        "old_label": c.old.label if c.old else None,
        "old_text": c.old.text if c.old else None,
        "new_label": c.new.label if c.new else None,
        "new_text": c.new.text if c.new else None,
        "similarity": round(c.similarity, 3),
    }


def diff_summary(changes: Sequence[Change]) -> str:
    """修改 3 条，删除 1 条，新增 2 条，未改动 10 条 (kinds with none left out), each article counted once
    (`ingest.revision.counts`: an article merged from two old ones, or each part of one split, is one article)."""
    parts = [f"{CHANGE_WORDS[k]} {n} 条" for k, n in counts(changes).items() if n]
    moved = renumbered(changes)
    if moved and parts and parts[-1].startswith(CHANGE_WORDS["same"]):
        parts[-1] += f"（其中 {len(moved)} 条只是条号变了）"
    return "，".join(parts) if parts else "两个版本都没有可对比的条文"


def version_groups(versions: Iterable[Version]) -> list[list[Version]]:
    """The documents with several versions among ``versions``: one list per document, oldest first."""
    groups: dict[str, list[Version]] = {}
    for v in versions:
        groups.setdefault(v.group, []).append(v)
    return [sorted(g, key=lambda v: (v.order, v.source)) for g in groups.values() if g[0].versioned]


def renumbered(changes: Sequence[Change]) -> list[Change]:
    """The articles kept word for word under another number (原第三十二条 is now 第三十三条)."""
    return [c for c in changes if c.kind == "same" and c.old is not None and c.new is not None and c.old.label != c.new.label]


# A part of a draft that asks what a revision changed (这次修订的主要变化, 和旧版对比, 新旧条例的不同).
_ASKS_CHANGES = re.compile(
    r"(?:修订|修改|修正|新旧|旧版|新版|前后)[^，。；]{0,8}(?:变化|对比|比较|不同|区别|改动|修改之处)"
    r"|(?:主要|有哪些|哪些)(?:变化|改动|修改)"
)
_LISTED = 8  # articles named per kind of change before 等N条
_CHANGES_NOTE = "「{parts}」按资料中两个版本的逐条对比写出（条数与条号），请在“文档”页“文档版本”中核对。"


def asks_changes(heading: str) -> bool:
    """Whether a draft's part asks what a revision of a document changed, as a whole (not of one matter:
    `changed_matter`)."""
    return bool(_ASKS_CHANGES.search(heading)) and not changed_matter(heading)


# A part on how one matter changed (学生资助方面的变化, 教育优待有哪些变化): the matter, before its frame.
_MATTER_CHANGED = re.compile(r"^(?P<matter>[一-龥]{2,}?)(?:方面)?(?:的|有哪些|有什么)?(?:变化|改动|调整)$")


def changed_matter(heading: str) -> str:
    """The matter a part asks the changes of (学生资助 of 学生资助方面的变化); '' for any other part, and for one
    that names only the revision (这次修订的主要变化)."""
    m = _MATTER_CHANGED.match(heading)
    return m.group("matter") if m and not _REVISION_ONLY.fullmatch(m.group("matter")) else ""


# What names the revision itself, not a matter of it (这次修订的主要, 新旧条例).
_REVISION_ONLY = re.compile(r"(?:这次|本次|此次)?(?:修订|修改|修正|新旧|前后|新版|旧版|条例|法规|办法)*(?:后|前|的)?(?:主要|哪些)?")


def with_version_changes(
    draft: Draft, versions: Iterable[Version], diff: Callable[[Version, Version], Sequence[Change]]
) -> Draft:
    """``draft`` with its parts that ask what a revision changed (`asks_changes`), and that the documents left
    to fill, stated from the article-by-article comparison of the current version of the document its title or
    topic names with the version before it: how many articles were changed, deleted and added, and which.
    Unchanged when the draft names no document with several versions, or found text for those parts."""
    from assistant.draft import MISSING_PREFIX, DraftSection

    asking = [
        s for s in draft.sections if (asks_changes(s.heading) or changed_matter(s.heading)) and s.text.startswith(MISSING_PREFIX)
    ]
    if not asking:
        return draft
    named = f"{draft.given_title}{draft.topic}"
    meant = [g for g in version_groups(versions) if _bare_title(g[0].title) and _bare_title(g[0].title) in named]
    if not meant:
        return draft
    group: list[Version] = max(meant, key=lambda g: len(g[0].title))  # 某法实施条例 over 某法
    current = next((v for v in group if v.current), group[-1])
    before = [v for v in group if v.order < current.order]
    if not before:
        return draft
    old = before[-1]
    changes = list(diff(old, current))
    told = {
        s.heading: changes_paragraph(old, current, changes) if asks_changes(s.heading) else _matter_paragraph(s.heading, old, current, changes)
        for s in asking
    }
    told = {heading: text for heading, text in told.items() if text}
    parts = list(told)
    if not parts:
        return draft
    sections = tuple(DraftSection(s.heading, told[s.heading]) if s.heading in told else s for s in draft.sections)
    return replace(
        draft,
        sections=sections,
        missing=tuple(m for m in draft.missing if m not in parts),
        notes=(*draft.notes, _CHANGES_NOTE.format(parts="、".join(parts))),
    )


def changes_paragraph(old: Version, new: Version, changes: Sequence[Change]) -> str:
    """What changed from ``old`` to ``new``, in words: the counts, then the articles of each kind by number."""
    said = [f"{_compared(old, new)}{diff_summary(changes)}。"]
    for kind, label in (("added", "新增"), ("deleted", "删除"), ("changed", "修改")):
        numbers = list(
            dict.fromkeys(
                (c.old.label if kind == "deleted" and c.old else c.new.label if c.new else "")
                for c in changes
                if c.kind == kind
            )
        )
        numbers = [n for n in numbers if n]
        if not numbers:
            continue
        shown = "、".join(numbers[:_LISTED]) + (f"等{len(numbers)}条" if len(numbers) > _LISTED else "")
        said.append(f"{label}的有{'原' if kind == 'deleted' else ''}{shown}。")
    return "".join(said)


def _matter_paragraph(heading: str, old: Version, new: Version, changes: Sequence[Change]) -> str:
    """The articles whose old or current text speaks of the matter of ``heading`` (`changed_matter`) and that the
    revision changed, added or deleted, by number; '' when none does."""
    from ingest.tokenize import jieba_words

    matter = changed_matter(heading)
    words = [w for w in jieba_words(matter) if len(w) >= 2] or [matter]
    said: dict[str, list[str]] = {}  # what is said of an article -> the current articles it went to
    for c in changes:
        if c.kind == "same":
            continue
        text = f"{c.old.text if c.old else ''} {c.new.text if c.new else ''}"
        # A compound of two words (子女教育) is written by both, not always side by side (子女接受学前教育).
        if all(w in text or (len(w) == 4 and w[:2] in text and w[2:] in text) for w in words):
            if c.kind == "changed" and c.old and c.new:
                if c.old.label == c.new.label:
                    said.setdefault(f"{c.new.label}有修改", [])
                else:  # one old article split in two is said once: 原第二十二条修改为现行第二十七条、第二十八条
                    said.setdefault(f"原{c.old.label}修改为现行", []).append(c.new.label)
            elif c.kind == "added" and c.new:
                said.setdefault(f"新增{c.new.label}", [])
            elif c.kind == "deleted" and c.old:
                said.setdefault(f"删除原{c.old.label}", [])
    if not said:
        return ""
    listed = "；".join(f"{head}{'、'.join(dict.fromkeys(to))}" for head, to in said.items())
    return f"{_compared(old, new)}中写到{matter}的条文：{listed}。"


def _compared(old: Version, new: Version) -> str:
    """与2019年8月1日修订的文本相比，现行的《某条例》（2024年9月27日修订）: what a paragraph on the changes opens with."""
    return f"与{old.label}的文本相比，现行的《{_bare_title(new.title)}》（{new.label}）"


def _bare_title(title: str) -> str:
    return title.removeprefix("中华人民共和国").strip()
