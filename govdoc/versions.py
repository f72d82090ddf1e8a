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
    """Whether a draft's part asks what a revision of a document changed."""
    return bool(_ASKS_CHANGES.search(heading))


def with_version_changes(
    draft: Draft, versions: Iterable[Version], diff: Callable[[Version, Version], Sequence[Change]]
) -> Draft:
    """``draft`` with its parts that ask what a revision changed (`asks_changes`), and that the documents left
    to fill, stated from the article-by-article comparison of the current version of the document its title or
    topic names with the version before it: how many articles were changed, deleted and added, and which.
    Unchanged when the draft names no document with several versions, or found text for those parts."""
    from assistant.draft import MISSING_PREFIX, DraftSection

    asking = [s for s in draft.sections if asks_changes(s.heading) and s.text.startswith(MISSING_PREFIX)]
    if not asking:
        return draft
    named = f"{draft.given_title}{draft.topic}"
    groups: dict[str, list[Version]] = {}
    for v in versions:
        if v.versioned:
            groups.setdefault(v.group, []).append(v)
    meant = [g for g in groups.values() if _bare_title(g[0].title) and _bare_title(g[0].title) in named]
    if not meant:
        return draft
    longest: list[Version] = max(meant, key=lambda g: len(g[0].title))  # 某法实施条例 over 某法
    group = sorted(longest, key=lambda x: x.order)
    current = next((v for v in group if v.current), group[-1])
    before = [v for v in group if v.order < current.order]
    if not before:
        return draft
    old = before[-1]
    changes = list(diff(old, current))
    text = changes_paragraph(old, current, changes)
    parts = [s.heading for s in asking]
    sections = tuple(DraftSection(s.heading, text) if s.heading in parts else s for s in draft.sections)
    return replace(
        draft,
        sections=sections,
        missing=tuple(m for m in draft.missing if m not in parts),
        notes=(*draft.notes, _CHANGES_NOTE.format(parts="、".join(parts))),
    )


def changes_paragraph(old: Version, new: Version, changes: Sequence[Change]) -> str:
    """What changed from ``old`` to ``new``, in words: the counts, then the articles of each kind by number."""
    said = [f"与{old.label}的文本相比，现行的《{_bare_title(new.title)}》（{new.label}）{diff_summary(changes)}。"]
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


def _bare_title(title: str) -> str:
    return title.removeprefix("中华人民共和国").strip()
