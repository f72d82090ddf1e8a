"""HTML for the web page: answers with their sources panel, the quoted sentence highlighted in its passage.

Every piece of document or user text goes through `html.escape`; the only markup is what this
module writes. The chat renders Markdown, so an answer is one HTML block without blank lines (a
Markdown HTML block ends at a blank line), which keeps Markdown from touching document text.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from assistant.cite import MARKER
from assistant.judge import ABSENT_LEAD
from assistant.markup import md_escape
from assistant.slots import SLOT_PATTERN
from assistant.sources import Quote, Source, numbers_label, sources_of
from assistant.types import REFUSAL, Answer, Citation
from govdoc.sourcename import shown_name
from ingest.chunk import SECTION_SEP
from ingest.types import Chunk
from ingest.version import title_key

REFUSAL_HEAD = "资料中未找到相关内容。"
# Asking again in other words comes first: a reader who had just uploaded the law was told to upload it. Uploading
# is for a file not yet there, and only some may upload: said as a condition, to whoever can.
REFUSAL_HINT = "可以换个问法再问；有关文件如果还没有导入，要先在“文档”页上传。"
# After a reason that names the one word not found (「新馆」): the documents may say the same thing in other
# words (重建), which a reader took for "the law says nothing on this".
WORD_HINT = "原文可能用的是别的说法，可以换成文件里的用语再问；有关文件如果还没有导入，要先在“文档”页上传。"
NO_ANSWER = "资料中没有这个问题的答案："  # before a reason that does not itself say what is missing
NOT_FOUND = "没有找到能回答这个问题的内容："  # before a word the passages found do not write (`absent`)
REFUSED_NOTICE = REFUSAL_HEAD + REFUSAL_HINT
UNVERIFIED_NOTICE = "未经核实：这段回答没有找到可核对的出处，请以原文为准。"
OCR_NOTE = "扫描件识别，可能有误"
# Names `Draft.lacking`: sections left 待补充 and those drawn from laws alone, the same list the shortfall names.
MISSING_NOTICE = "以下部分资料中没有本单位的相应材料，请按实际补写："
# …in a paper on what the rules ask (学习材料, a letter, a talk): what is lacking is a rule, not the unit's own facts.
MISSING_RULES_NOTICE = "以下部分资料中没有找到相应的规定，请补写，或上传有关文件后重新起草："
_CONTEXT_CHARS = 160  # passage text shown on each side of the quote
# An article's label at a line's start: the text shown before a quote starts no earlier than its article does.
_ARTICLE_START = re.compile(r"^[ \t　]*第[一二三四五六七八九十百零〇\d]+条", re.M)


def text_html(text: str) -> str:
    """Plain text as HTML: escaped, line breaks kept (no blank lines left for Markdown to split on)."""
    return html.escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def marked_text_html(text: str, plain: Callable[[str], str] = text_html) -> str:
    """Answer text as HTML with its citation markers [n] set off; the text between them through ``plain``."""
    out: list[str] = []
    last = 0
    for m in MARKER.finditer(text):
        out.append(plain(text[last : m.start()]))
        first = re.findall(r"\d+", m.group(1))[0]  # the chat's sanitiser keeps classes, not data attributes
        out.append(f'<span class="gd-marker gd-n-{first}" title="查看出处">{html.escape(m.group(0))}</span>')
        last = m.end()
    out.append(plain(text[last:]))
    return "".join(out)


def slots_html(text: str) -> str:
    """Plain text as HTML (`text_html`) with each fill-in slot (【请填写：…】, 【请核实：…】) highlighted."""
    out: list[str] = []
    last = 0
    for m in SLOT_PATTERN.finditer(text):
        out.append(f'{text_html(text[last : m.start()])}<mark class="gd-slot">{text_html(m.group(0))}</mark>')
        last = m.end()
    out.append(text_html(text[last:]))
    return "".join(out)


def draft_text_html(text: str) -> str:
    """A draft's text as HTML, what the user must fill in or check highlighted as in the Word export
    (`assistant.export`): each fill-in slot, and a paragraph left 待补充 whole; markers set off."""
    from assistant.draft import MISSING_PREFIX

    lines = []
    for line in text.replace("\r\n", "\n").split("\n"):
        body = marked_text_html(line, slots_html)
        lines.append(f'<mark class="gd-slot">{body}</mark>' if line.startswith(MISSING_PREFIX) else body)
    return "<br>".join(lines)


def quote_span(citation: Citation, chunk: Chunk) -> tuple[int, int] | None:
    """Where the citation's quote lies in the passage text, or None when it cannot be found there."""
    start, end = citation.start - chunk.start, citation.end - chunk.start
    if 0 <= start <= end <= len(chunk.text) and chunk.text[start:end] == citation.quote:
        return start, end
    found = chunk.text.find(citation.quote) if citation.quote else -1
    return (found, found + len(citation.quote)) if found >= 0 else None


def highlight(passage: str, span: tuple[int, int] | None, context: int | None = _CONTEXT_CHARS) -> str:
    """The passage as escaped HTML with ``passage[span]`` in ``<mark>``; long passages are trimmed
    to ``context`` characters around the quote (None keeps everything)."""
    return highlight_all(passage, [span] if span is not None else [], context)


def highlight_all(passage: str, spans: Iterable[tuple[int, int]], context: int | None = _CONTEXT_CHARS) -> str:
    """The passage as escaped HTML with each of ``spans`` in ``<mark>``; long passages are trimmed to
    ``context`` characters before the first quote and after the last (None keeps everything)."""
    spans = sorted(set(spans))
    if not spans:
        return text_html(passage)
    left, right = 0, len(passage)
    own: list[int] = []
    if context is not None:
        left, right = max(0, spans[0][0] - context), min(len(passage), max(b for _, b in spans) + context)
        # A passage that runs over two articles: the end of the one before is not shown above a quote of the next,
        # under the next one's label.
        own = [m.start() for m in _ARTICLE_START.finditer(passage, left, spans[0][0] + 1)]
        left = max([left, *own])
    out = ["…" if left > 0 and left not in own else ""]
    at = left
    for start, end in spans:
        start = max(start, at)
        if end <= start:
            continue
        out.append(f"{text_html(passage[at:start])}<mark>{text_html(passage[start:end])}</mark>")
        at = end
    out.append(text_html(passage[at:right]) + ("…" if right < len(passage) else ""))
    return "".join(out)


def citation_heading(citation: Citation) -> str:
    """``title · section · 第 N 页`` (escaped), with the OCR warning when the text came from a scan."""
    parts = [f"<b>{html.escape(citation.doc_title)}</b>"]
    if citation.section:
        parts.append(html.escape(citation.section))
    if citation.page is not None:
        last = citation.page_end
        parts.append(f"第 {citation.page}～{last} 页" if last and last != citation.page else f"第 {citation.page} 页")
    head = " · ".join(parts)
    if citation.version_words:
        head += version_span(citation.version_words, citation.current)
    if citation.ocr:
        head += f' <span class="gd-ocr">{OCR_NOTE}</span>'
    return head


def source_html(citation: Citation, chunk: Chunk | None) -> str:
    """One source: where it is from, then its passage with the quoted sentence highlighted."""
    if chunk is not None:
        body = highlight(chunk.text, quote_span(citation, chunk))
    else:
        body = f"<mark>{text_html(citation.quote)}</mark>"
    return (
        f'<div class="gd-source gd-source-{citation.n}" data-n="{citation.n}">'
        f'<div class="gd-source-head"><span class="gd-n">[{citation.n}]</span> {role_badge(citation)}'
        f"{citation_heading(citation)}</div>"
        f"{row_table(citation)}"
        f'<div class="gd-passage">{body}</div>'
        f'<div class="gd-file">{file_words(citation)}{open_document_button(citation)}</div>'
        "</div>"
    )


def file_words(citation: Citation) -> str:
    """来源文件：its name as the user knows it (`shown_name`), when that is not the title shown above it."""
    name = shown_name(citation.source)
    return "" if not name or name == citation.doc_title else f"来源文件：{name_html(name)}　"


# A run of letters, digits and their punctuation inside a file name ("(2018-12-29)", "v2.1"): the browser may
# break a line after a hyphen, which cut a date in two on a phone.
_LATIN_RUN = re.compile(r"[\x21-\x7e]{2,32}")


def name_html(name: str) -> str:
    """A file name as HTML, each run of letters and digits kept on one line (CJK text around it still wraps)."""
    out, at = [], 0
    for m in _LATIN_RUN.finditer(name):
        out += [html.escape(name[at : m.start()]), f'<span class="gd-nowrap">{html.escape(m.group())}</span>']
        at = m.end()
    return "".join(out) + html.escape(name[at:])


_CLASS_SAFE = re.compile(r"[0-9A-Za-z]+")


def open_document_button(citation: Citation) -> str:
    """A button that opens the cited document in the 文档 tab at the quote (handled by the page's script).

    The chat's sanitiser keeps classes, not data attributes, so the document and the quote's place
    travel as classes (``gd-doc-ID``, ``gd-at-START-END``); empty when the id is not class-safe.
    """
    if not _CLASS_SAFE.fullmatch(citation.doc_id):
        return ""
    return (
        f'<span class="gd-open-doc gd-doc-{citation.doc_id} gd-at-{int(citation.start)}-{int(citation.end)}"'
        ' role="button" title="在文档页打开原文，定位到这句">在文档中查看</span>'
    )


def row_table(citation: Citation) -> str:
    """A cited table row as a small two-column table (column, value); empty when the quote is not a row."""
    if not citation.row:
        return ""
    cells = "".join(
        f"<tr><th>{html.escape(name)}</th><td>{html.escape(value)}</td></tr>" for name, value in citation.row
    )
    return f'<table class="gd-row">{cells}</table>'


def role_badge(citation: Citation) -> str:
    """The source's drafting role (本单位材料, 政策依据, 参考范文) as a badge; empty when unknown."""
    from ingest.role import ROLE_LABELS

    label = ROLE_LABELS.get(citation.role, "")
    return f'<span class="gd-role gd-role-{citation.role}">【{label}】</span>' if label else ""


def sources_html(citations: Sequence[Citation], chunks: Mapping[str, Chunk]) -> str:
    """The sources panel: each cited document once (`assistant.sources`), with the passages quoted from
    it, numbered as in the answer."""
    if not citations:
        return ""
    sources = sources_of(citations)
    items = "".join(
        source_html(s.first, chunks.get(s.first.chunk_id)) if len(s.quotes) == 1 and len(s.numbers) == 1 else group_html(s, chunks)
        for s in sources
    )
    return f'<details class="gd-sources" open><summary>参考来源（{sources_count(sources, len(citations))}）</summary>{items}</details>'


def sources_count(sources: Sequence[Source], quotes: int) -> str:
    """How many sources, in words: ``3 条`` (one quote per source), ``2 个文件，5 处``, and for versions of one
    document (their titles alike once dates and amendment notes are set aside, `ingest.version.title_key`)
    ``1 个文件（2 个版本），3 处``: versions are one document, counted once; beside other documents,
    ``2 个文件（其中 1 个有 2 个版本），4 处``, so that the other file is not read as a version."""
    versions = Counter(
        title_key(s.first.doc_title) if s.first.versioned else f"{s.first.doc_id}\n{s.first.source}" for s in sources
    )
    documents = len(versions)
    if documents < len(sources):
        several = [n for n in versions.values() if n > 1]
        if documents == 1:
            return f"1 个文件（{several[0]} 个版本），{quotes} 处"
        which = f"其中 1 个有 {several[0]} 个版本" if len(several) == 1 else f"其中 {len(several)} 个有多个版本"
        return f"{documents} 个文件（{which}），{quotes} 处"
    return f"{len(sources)} 个文件，{quotes} 处" if len(sources) < quotes else f"{quotes} 条"


def group_html(source: Source, chunks: Mapping[str, Chunk]) -> str:
    """One document cited more than once (`assistant.sources.Source`): its heading once, then each passage
    quoted from it with all its quotes highlighted, the numbers of each passage before it."""
    first = source.first
    passages: list[tuple[Chunk | None, list[Quote]]] = []  # (passage, its quotes)
    for quote in source.quotes:
        c = quote.citation
        home = next(
            (group for group in passages if group[0] is not None and quote_span(c, group[0]) is not None), None
        )
        if home is None:
            passages.append((chunks.get(c.chunk_id), [quote]))
        else:
            home[1].append(quote)
    body: list[str] = []
    for chunk, quotes in passages:
        c = quotes[0].citation
        numbers = numbers_label(sorted(n for q in quotes for n in q.numbers))
        # Each quote's own section (a passage can run over several articles), each named once.
        sections = sections_label([q.citation.section for q in quotes if q.citation.section])
        where = " · ".join(
            html.escape(x) for x in (sections, c.pages_label.replace("第", "第 ").replace("页", " 页")) if x
        )
        body.append(
            f'<div class="gd-passage-head"><span class="gd-n">{numbers}</span> {where}　{open_document_button(c)}</div>'
        )
        body += [row_table(q.citation) for q in quotes if q.citation.row]
        if chunk is not None:
            passage = highlight_all(chunk.text, (s for s in (quote_span(q.citation, chunk) for q in quotes) if s))
        else:
            passage = "<br>".join(f"<mark>{text_html(q.citation.quote)}</mark>" for q in quotes)
        body.append(f'<div class="gd-passage">{passage}</div>')
    classes = " ".join(f"gd-source-{n}" for n in source.numbers)
    head = citation_heading(replace(first, section="", page=None))
    return (
        f'<div class="gd-source {classes}" data-n="{source.numbers[0]}">'
        f'<div class="gd-source-head"><span class="gd-n">{source.label}</span> {role_badge(first)}{head}</div>'
        f"{''.join(body)}"
        f'<div class="gd-file">{file_words(first)}</div>'
        "</div>"
    )


def sections_label(sections: Sequence[str]) -> str:
    """The quoted sections of one passage, each named once, their common head said once
    (第五章 > 第三十七条 and 第五章 > 第四十一条 → 第五章 > 第三十七条；第四十一条)."""
    paths = [s.split(SECTION_SEP) for s in dict.fromkeys(sections)]
    if len(paths) < 2:
        return SECTION_SEP.join(paths[0]) if paths else ""
    head = 0
    while all(len(p) > head + 1 and p[head] == paths[0][head] for p in paths):
        head += 1
    tails = "；".join(SECTION_SEP.join(p[head:]) for p in paths)
    return SECTION_SEP.join([*paths[0][:head], tails]) if head else tails


def answer_html(answer: Answer, chunks: Mapping[str, Chunk]) -> str:
    """A finished answer as one chat message: notices, the text with markers, the sources panel."""
    parts: list[str] = []
    if answer.resolved:
        parts.append(f'<div class="gd-resolved">按「{html.escape(answer.resolved)}」理解</div>')
    notes = [plain_note(n) for n in answer.notes if plain_note(n)]
    if answer.refused and answer.text.strip() != REFUSAL:
        # A message of its own instead of an answer (write the whole question; a source no longer shown).
        parts.append(f'<div class="gd-notice gd-refused">{text_html(answer.text)}</div>')
    elif answer.refused:
        parts.append(f'<div class="gd-notice gd-refused">{text_html(refusal_text(notes))}</div>')
        notes = notes[1:]
    else:
        if not answer.verified:
            parts.append(f'<div class="gd-notice gd-unverified">{html.escape(UNVERIFIED_NOTICE)}</div>')
        parts.append(f'<div class="gd-text">{marked_text_html(answer.text)}</div>')
        parts.append(sources_html(answer.citations, chunks))
    for note in notes:
        parts.append(f'<div class="gd-note">{text_html(note)}</div>')
    return f'<div class="gd-answer">{"".join(parts)}</div>'


_SCORE = re.compile(r"\s*[（(]\s*[-+]?\d+(?:\.\d+)?\s*[）)]")


def plain_note(note: str) -> str:
    """A note as a user reads it: any bracketed figure (an internal score) left out."""
    return _SCORE.sub("", note).strip()


def refusal_text(notes: Sequence[str]) -> str:
    """That nothing was answered and why, said once, then what the user can do.

    The first note is the reason. One that says what the documents do not state ("资料中没有写明所问的期限")
    stands alone: the general phrase before it would say the same twice. One that names a word the passages
    found do not write ("查到的相关内容里没有提到「饭菜」") follows the words that nothing answering was found,
    and the hint says the documents may use other words for it.
    Another (a table's: "表中与「人事科」对应的一行没有写明「电话」") follows the words that nothing was
    answered; with no reason, the general phrase.
    """
    reason = notes[0].strip().rstrip("。") if notes else ""
    if not reason:
        return f"{REFUSAL_HEAD}{REFUSAL_HINT}"
    if reason.startswith(ABSENT_LEAD):
        return f"{NOT_FOUND}{reason}。{WORD_HINT}"
    if reason.startswith("资料中"):
        return f"{reason}。{REFUSAL_HINT}"
    return f"{NO_ANSWER}{reason}。{REFUSAL_HINT}"


def draft_html(draft: Any, chunks: Mapping[str, Chunk]) -> str:
    """A draft (`assistant.draft.Draft`) as HTML: title, opening, numbered sections with markers,
    a notice naming the sections the documents do not cover, and the sources panel."""
    from assistant import genre as genres
    from assistant.draft import section_number

    # A paragraph asked for alone (写一段…) is shown as the paragraph, without a report's title and frame.
    alone = bool(draft.paragraph)
    parts = [] if alone else [f'<h2 class="gd-draft-title">{html.escape(draft.title)}</h2>']
    if draft.sent_to:
        parts.append(f'<p class="gd-draft-to">{draft_text_html(draft.sent_to)}</p>')
    if not alone:
        parts.append(f"<p>{draft_text_html(draft.opening)}</p>")
    if draft.lacking:
        names = "、".join(draft.lacking)
        notice = MISSING_RULES_NOTICE if genres.template(draft.genre).states_rules else MISSING_NOTICE
        parts.append(f'<div class="gd-notice gd-unverified">{html.escape(notice + names)}</div>')
    for i, section in enumerate(draft.sections):
        missing = ' gd-missing' if section.heading in draft.missing else ""
        if not alone:
            parts.append(f'<h3 class="gd-draft-heading{missing}">{html.escape(section_number(i) + section.heading)}</h3>')
        parts.append(f'<div class="gd-text{missing}">{draft_text_html(section.text)}</div>')
    if not alone and draft.closing:
        parts.append(f"<p>{draft_text_html(draft.closing)}</p>")
    if draft.signature:
        parts.append(f'<p class="gd-draft-sender">{"<br>".join(draft_text_html(line) for line in draft.signature)}</p>')
    if draft.contact:
        parts.append(f"<p>{draft_text_html(draft.contact)}</p>")
    if draft.shortfall:
        parts.append(f'<div class="gd-notice gd-unverified">{html.escape(draft.shortfall)}</div>')
    for note in draft.notes:
        parts.append(f'<div class="gd-note">{text_html(note)}</div>')
    parts.append(sources_html(draft.citations, chunks))
    return f'<div class="gd-answer gd-draft">{"".join(parts)}</div>'


def streaming_html(partial: str) -> str:
    """The answer while it streams in."""
    return f'<div class="gd-answer gd-streaming"><div class="gd-text">{marked_text_html(partial)}▌</div></div>'


def question_html(question: str) -> str:
    """A user's question as a chat message (escaped: it is shown, never interpreted)."""
    return f'<div class="gd-question">{text_html(question)}</div>'


def error_html(message: str) -> str:
    """An error shown in place of an answer."""
    return f'<div class="gd-answer"><div class="gd-notice gd-error">{text_html(message)}</div></div>'


def notice_html(message: str) -> str:
    """A short notice shown in place of an answer (what the page did, what to do next)."""
    return f'<div class="gd-answer"><div class="gd-notice">{text_html(message)}</div></div>'


def local_time(timestamp: str) -> str:
    """An ISO timestamp shown as local ``YYYY-MM-DD HH:MM`` (unchanged when it does not parse)."""
    try:
        return datetime.fromisoformat(timestamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return timestamp


def ingest_report_markdown(
    report: Mapping[str, Any] | None, notes: Iterable[str] = (), refused: Iterable[str] = ()
) -> str:
    """Upload notes, refused uploads and an ingest report (``IngestReport.to_json()``) as Markdown.

    Args:
        report: what ingest did; None when nothing was ingested (no summary line then).
        notes: one line per stored upload (saved, renamed, already there).
        refused: one line per upload that was not stored, with the reason.
    """
    lines = [f"- {md_escape(n)}" for n in notes]
    lines += [f"- **未保存**：{md_escape(r)}" for r in refused]
    if report is None:
        return "\n".join(lines)
    for doc in report.get("documents", []):
        name = shown_name(doc["source"])
        where = "" if name == doc["title"] else f"{md_escape(name)}，"
        lines.append(f"- 已入库：{md_escape(doc['title'])}（{where}{doc['chunks']} 段）")
    for err in report.get("errors", []):
        lines.append(f"- **未入库**：{md_escape(shown_name(err['file']))}：{md_escape(err['reason'])}")
    summary = (
        f"新增 {report.get('added', 0)} 个文件，跳过 {report.get('skipped', 0)} 个未变化的文件，"
        f"移除 {report.get('removed', 0)} 个，失败 {len(report.get('errors', []))} 个；"
        f"资料共 {report.get('chunks', 0)} 段。"
    )
    return "\n".join([*lines, "", summary]).strip()


def version_span(words: str, current: bool) -> str:
    """A version in words (2024年9月27日修订·现行) as the page's badge, green when current, red when superseded."""
    return f' <span class="gd-version gd-version-{"current" if current else "superseded"}">{html.escape(words)}</span>'
