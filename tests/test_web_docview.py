"""govdoc.web.docview: a document's view names each passage the way a reader finds it on paper."""

from __future__ import annotations

import html
import re

from govdoc.service import DocumentView
from govdoc.web import docview
from ingest.store import DocInfo
from ingest.types import Chunk, Document

TEXT = "第一章 总则\n第一条 为了<规范>办学，制定本办法。\n第二条 本办法适用于全县中小学。\n附：联系人名单"


def _view() -> DocumentView:
    first, second = TEXT.index("第一条"), TEXT.index("第二条")
    end = TEXT.index("\n附")
    chunks = [
        Chunk(id="c1", doc_id="d1", doc_title="某县办学办法", source="data/办法.txt", section="第一章 总则 > 第一条",
              page=4, start=first, end=second - 1, text=TEXT[first : second - 1]),
        Chunk(id="c2", doc_id="d1", doc_title="某县办学办法", source="data/办法.txt", section="",
              page=None, start=second, end=end, text=TEXT[second:end]),
    ]
    info = DocInfo(doc_id="d1", title="某县办学办法", source="data/办法.txt", n_chunks=2, ingested_at="2026-01-05T08:00:00")
    document = Document(doc_id="d1", title="某县办学办法", source="data/办法.txt", text=TEXT)
    return DocumentView(info=info, document=document, chunks=chunks, uploaded=False, file_documents=1, file_chunks=2)


def _heads(body: str) -> list[str]:
    return [html.unescape(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r'<div class="gd-chunk-head">(.*?)</div>', body)]


def test_each_passage_is_headed_by_its_section_and_page_never_by_character_offsets() -> None:
    view = _view()
    body = docview.view_body_html(view)
    heads = _heads(body)
    # The gap before the first chunk (the chapter line) and after the last have heads of their own.
    assert "第 1 段 · 第一章 总则 > 第一条 · 第 4 页" in heads
    assert "第 2 段" in heads  # no section and no page: nothing made up in their place
    assert not any(re.search(r"\d+\s*[–-]\s*\d+\s*字", h) for h in heads), heads
    assert "&lt;规范&gt;" in body and "<规范>" not in body


def test_the_cited_passage_is_still_marked_without_offsets_in_its_head() -> None:
    view = _view()
    start = TEXT.index("本办法适用于")
    body = docview.view_body_html(view, (start, start + len("本办法适用于全县中小学。")))
    assert 'class="gd-chunk gd-hit" data-n="2"' in body
    assert "第 2 段 · 引用的原文" in _heads(body)
