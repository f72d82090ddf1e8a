"""Versions as every entry point shows them: the JSON of a version and of a change between two, in words.

The CLI (``govdoc versions``), the HTTP API (``/api/versions``) and the page's 文档 tab
(`govdoc.web.versions`) all print what `GovdocService.versions` and `GovdocService.version_diff` return
through these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ingest.articles import Change
from ingest.revision import counts
from ingest.version import Version

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
