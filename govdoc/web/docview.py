"""HTML for the 文档 tab: the document lists (uploaded apart from the data folder's own) and one document's
view, its cleaned text cut into its chunks with each chunk's section path, so a user can see why a
passage was or was not found.

Every piece of document text goes through `html.escape`; the only markup is what this module writes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from govdoc.sourcename import shown_name
from govdoc.web.render import highlight, local_time, name_html, text_html, version_span

if TYPE_CHECKING:
    from govdoc.service import DocumentView
    from ingest.store import DocInfo
    from ingest.types import Chunk
    from ingest.version import Version

MAX_CHUNKS_SHOWN = 400  # a very long upload (up to ui.upload_max_chunks) would make the page sluggish
UPLOADED_KIND = "上传的文档"
DATA_KIND = "资料文件夹中的文档"


def documents_table_html(
    docs: Sequence[DocInfo], bases: Mapping[str, Iterable[str]], empty: str, versions: Mapping[str, Version] | None = None
) -> str:
    """A list of documents as a table: title (with its version, when it has others, and its file under it),
    knowledge bases, chunks, time, role.

    Args:
        docs: the documents to list.
        bases: source -> the knowledge bases it belongs to.
        empty: what to say when there are none.
        versions: doc id -> its version, for the documents that have several.
    """
    from ingest.role import ROLE_LABELS

    if not docs:
        return f'<p class="gd-empty">{html.escape(empty)}</p>'
    places = file_places(docs)
    rows = "".join(
        "<tr>"
        f'<td><div class="gd-doc-title">{html.escape(d.title)}{version_badge((versions or {}).get(d.doc_id))}</div>'
        f"{_file_line(d.source, d.title, places[d.doc_id])}</td>"
        f'<td class="gd-wide">{html.escape("、".join(sorted(bases.get(d.source, ()))))}</td>'
        f'<td class="gd-num">{d.n_chunks}</td>'
        f'<td class="gd-wide gd-nowrap">{html.escape(local_time(d.ingested_at))}</td>'
        f'<td class="gd-nowrap">{html.escape(ROLE_LABELS.get(d.role, ""))}</td>'
        "</tr>"
        for d in docs
    )
    head = (
        '<tr><th>标题与来源文件</th><th class="gd-wide">知识库</th><th class="gd-num">资料段落数</th>'
        '<th class="gd-wide">入库时间</th><th class="gd-nowrap">用途</th></tr>'
    )
    return f'<table class="gd-doc-table"><thead>{head}</thead><tbody>{rows}</tbody></table>'


def version_badge(version: Version | None) -> str:
    """A document's version beside its title (2024年9月27日修订·现行), '' for a document with no other version."""
    if version is None or not version.versioned:
        return ""
    return version_span(f"{version.label}·{'现行' if version.current else '已被取代'}", version.current)


def file_places(docs: Sequence[DocInfo]) -> dict[str, tuple[int, int]]:
    """Doc id -> (its place among the documents of its file, how many its file holds), the documents of a
    file taken in the order given (the index lists them in file order)."""
    counts: dict[str, int] = {}
    places: dict[str, int] = {}
    for d in docs:
        counts[d.source] = counts.get(d.source, 0) + 1
        places[d.doc_id] = counts[d.source]
    return {d.doc_id: (places[d.doc_id], counts[d.source]) for d in docs}


def file_words(source: str, place: tuple[int, int] = (1, 1)) -> str:
    """A file by the name its user knows (`shown_name`), and, when it holds several documents, which of
    them this is (两篇报告 in one file would otherwise show the same file twice, as if it were imported twice)."""
    name = shown_name(source)
    at, count = place
    return f"{name}（此文件共 {count} 篇，这是第 {at} 篇）" if count > 1 else name


def _file_line(source: str, title: str, place: tuple[int, int] = (1, 1)) -> str:
    """The file under a title in a list (`file_words`); none when it is the title and holds that document alone."""
    if place[1] <= 1 and shown_name(source) == title:
        return ""
    return f'<div class="gd-file">{name_html(file_words(source, place))}</div>'


def view_head_html(view: DocumentView, bases: Iterable[str]) -> str:
    """The top of a document's view: its title and what it is (file, kind, bases, chunks, time, role)."""
    from ingest.role import ROLE_LABELS

    info = view.info
    facts = [
        ("来源文件", file_words(view.name or info.source, (view.file_position, view.file_documents))),
        ("类别", UPLOADED_KIND if view.uploaded else DATA_KIND),
        ("知识库", "、".join(sorted(bases)) or "—"),
        ("资料段落数", str(info.n_chunks)),
        ("字数", str(len(view.document.text))),
        ("入库时间", local_time(info.ingested_at)),
        ("用途", ROLE_LABELS.get(info.role, "—")),
    ]
    items = "".join(f"<div><dt>{html.escape(k)}：</dt><dd>{html.escape(v)}</dd></div>" for k, v in facts)
    return (
        f'<div class="gd-doc-head"><h3>{html.escape(info.title)}</h3><dl class="gd-doc-facts">{items}</dl>'
        '<p class="gd-note">下面是入库后的正文（已整理），按查找时使用的段落分开显示；每段标明所在章节。'
        "提问时，系统在这些段落中查找依据。</p></div>"
    )


def view_body_html(view: DocumentView, focus: tuple[int, int] | None = None) -> str:
    """The document's cleaned text, chunk by chunk: each with its number, section path and page (where known);
    text that went into no chunk is shown between them, marked as such.

    Args:
        view: the document and its chunks.
        focus: a cited span (start, end) of the text: the chunk holding it is marked (``gd-hit``, for
            the page to scroll to) with the span highlighted, and is shown even past the first chunks.
    """
    text = view.document.text
    parts: list[str] = []
    hit = _focus_chunk(view.chunks, focus)
    shown = view.chunks[:MAX_CHUNKS_SHOWN]
    if hit is not None and view.chunks[hit] not in shown:
        shown = view.chunks[max(0, hit - MAX_CHUNKS_SHOWN + 1) : hit + 1]
    first = view.chunks.index(shown[0]) if shown else 0
    position = shown[0].start if first else 0
    if first:
        parts.append(f'<p class="gd-note">前面的 {first} 段没有显示。</p>')
    for n, chunk in enumerate(shown, start=first + 1):
        parts.append(_gap_html(text[position : chunk.start]))
        # What a reader finds the passage by: its section path (第三章 > 第十九条, a heading) and its page;
        # character offsets are the index's own and mean nothing on paper.
        head = [f'<span class="gd-chunk-n">第 {n} 段</span>']
        if chunk.section:
            head.append(f'<span class="gd-chunk-path">{html.escape(chunk.section)}</span>')
        if chunk.page is not None:
            head.append(f"第 {chunk.page} 页")
        body = text_html(chunk.text)
        marked = ""
        if hit is not None and chunk is view.chunks[hit] and focus is not None:
            span = (max(0, focus[0] - chunk.start), min(len(chunk.text), focus[1] - chunk.start))
            body, marked = highlight(chunk.text, span, context=None), " gd-hit"
            head.append('<span class="gd-chunk-cited">引用的原文</span>')
        parts.append(
            f'<div class="gd-chunk{marked}" data-n="{n}"><div class="gd-chunk-head">{" · ".join(head)}</div>'
            f'<div class="gd-chunk-text">{body}</div></div>'
        )
        position = max(position, chunk.end)
    if len(view.chunks) > first + len(shown):
        parts.append(
            f'<p class="gd-note">共 {len(view.chunks)} 段，这里只显示前 {len(shown)} 段。</p>'
        )
    else:
        parts.append(_gap_html(text[position:]))
    if not shown:
        parts.append('<p class="gd-empty">这篇文档没有可查找的段落（正文为空或无法读取）。</p>')
    return f'<div class="gd-doc-body">{"".join(parts)}</div>'


def _focus_chunk(chunks: Sequence[Chunk], focus: tuple[int, int] | None) -> int | None:
    """The index of the chunk that holds most of the span ``focus`` (None: no span, or no chunk holds it)."""
    if focus is None:
        return None
    start, end = focus
    overlap, index = max(((min(c.end, end) - max(c.start, start), -i) for i, c in enumerate(chunks)), default=(0, 0))
    return -index if overlap > 0 else None  # the first chunk wins a tie (chunks may overlap)


def _gap_html(text: str) -> str:
    """Text between chunks (a title line, a table of contents, spaces): shown greyed, or nothing if blank."""
    if not text.strip():
        return ""
    return (
        '<div class="gd-gap"><div class="gd-chunk-head">不在任何段落中的文字（查找不到）</div>'
        f'<div class="gd-chunk-text">{text_html(text.strip())}</div></div>'
    )


def delete_question(view: DocumentView) -> str:
    """What deleting this document's file will do, asked before anything is deleted (Markdown-free HTML)."""
    info = view.info
    what = f"将从资料中移除文件“{shown_name(info.source)}”"
    if view.file_documents > 1:
        what += f"中的全部 {view.file_documents} 篇文档（含“{info.title}”）"
    what += f"，共 {view.file_chunks} 段资料；之后提问不会再用到它。"
    if view.uploaded:
        keep = (
            "原文件默认保留：它会移到服务器上的“已移出索引的上传文件”文件夹，不会再被导入。"
            "如果也不再需要原文件，请勾选下面的“同时删除上传的原文件”。"
        )
    else:
        keep = "这是资料文件夹中的文件，原文件不会被删除；重新整理资料或重启服务时它会被重新导入。"
    return (
        f'<div class="gd-notice gd-unverified">确定要删除“{html.escape(info.title)}”吗？</div>'
        f"<p>{html.escape(what)}</p><p>{html.escape(keep)}</p>"
    )
