"""The role of a source document in drafting: our own material, a policy to cite, or another unit's sample.

- ``own`` (本单位材料): facts about the user's unit; a draft states them as facts.
- ``policy`` (政策依据): laws, regulations, 意见, 办法, 通知 from above; a draft cites them as its basis.
- ``sample`` (参考范文): another unit's report; a draft borrows its structure and wording, never its facts.

The role is given at ingest (``govdoc ingest PATH --role``, the upload form, the API). A document
given none gets one by rule: a law or regulation (its title ends in 法, 条例, 规定, 办法, 意见, 通知…,
or its text is laid out in articles 第X条) is a policy; a report (汇报材料, 自查报告, 总结…) is
another unit's report, since nothing says it is ours (``ingest.report_role``); anything else takes
``ingest.default_role``. The role is stored with each chunk (``Chunk.extra["role"]``); an index built
before roles existed has none, and `role_of` reads the role its title gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal, get_args

from ingest.types import Chunk, Document

Role = Literal["own", "policy", "sample"]
ROLES: tuple[str, ...] = get_args(Role)
ROLE_KEY = "role"
ROLE_LABELS: dict[str, str] = {"own": "本单位材料", "policy": "政策依据", "sample": "参考范文"}

# A title that names a law, a regulation or a document issued from above; a bracketed note may follow.
_POLICY_TITLE = re.compile(
    r"(?:法|条例|规定|办法|意见|通知|决定|细则|纲要|规则|准则|守则|规程|指南|通告|公告)"
    r"(?:[（(][^（）()]{0,20}[）)])?$"
)
_REPORT_TITLE = re.compile(
    r"(?:汇报材料|汇报|自查报告|自评报告|报告|总结|述职报告)(?:[（(][^（）()]{0,20}[）)])?$"
)
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条", re.M)
MIN_ARTICLES = 3


def infer_role(doc: Document, *, default_role: str = "own", report_role: str = "sample") -> str:
    """The role of a document given none at ingest (see the module docstring).

    Args:
        doc: the document as split from its file.
        default_role: the role of a document that is neither a policy nor a report.
        report_role: the role of a report (another unit's unless said otherwise).
    """
    title = doc.title.strip().rstrip("。")
    if _POLICY_TITLE.search(title) or len(_ARTICLE.findall(doc.text)) >= MIN_ARTICLES:
        return "policy"
    if _REPORT_TITLE.search(title):
        return report_role
    return default_role


def with_roles(
    documents: Sequence[Document],
    chunks: Sequence[Chunk],
    role: str | None,
    *,
    default_role: str = "own",
    report_role: str = "sample",
) -> list[Chunk]:
    """``chunks`` with the role of their document in ``extra``: ``role`` when given, else inferred.

    Raises:
        ValueError: ``role`` is not one of `ROLES`.
    """
    if role is not None:
        check_role(role)
    roles = {
        d.doc_id: role or infer_role(d, default_role=default_role, report_role=report_role) for d in documents
    }
    return [replace(c, extra={**c.extra, ROLE_KEY: roles.get(c.doc_id, default_role)}) for c in chunks]


def stored_role(chunk: Chunk) -> str:
    """The role stored with a chunk at ingest ('' in an index built before roles)."""
    return str(chunk.extra.get(ROLE_KEY, ""))


def role_of(chunk: Chunk, default: str = "own", report_role: str = "sample") -> str:
    """The stored role of a chunk's document; in an index built before roles, the role its title gives
    (a policy, another unit's report), else ``default``: an old index must not turn a sample into ours."""
    stored = stored_role(chunk)
    if stored in ROLES:
        return stored
    return title_role(chunk.doc_title, default, report_role)


def title_role(title: str, default: str = "own", report_role: str = "sample") -> str:
    """The role a document's title alone gives: a policy, a report (``report_role``), else ``default``."""
    title = title.strip().rstrip("。")
    if _POLICY_TITLE.search(title):
        return "policy"
    if _REPORT_TITLE.search(title):
        return report_role
    return default


def check_role(role: str) -> str:
    """``role`` when valid.

    Raises:
        ValueError: not one of `ROLES` (the message lists them with their meaning).
    """
    if role not in ROLES:
        choices = "、".join(f"{r}（{ROLE_LABELS[r]}）" for r in ROLES)
        raise ValueError(f"未知的资料用途：{role}（可选：{choices}）")
    return role
