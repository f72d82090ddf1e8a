"""Cleaning: normalise lines and strip web-page boilerplate with general rules.

Pages saved from portals and document-sharing sites wrap the real text in a header
(date stamp, author, 简介, breadcrumbs), a footer (download links, 声明, copyright, contact)
and lists of other pages' teasers (相关推荐…). These rules look at what such chrome is
made of (link words, legal words, metadata labels, truncated teasers) rather than at any
one site's wording, and they only strip it from the edges of the text, where it lives,
except for lines that are unmistakably chrome anywhere.

Document-sharing (文库-style) sites add chrome inside the text too: a metadata line of
"key：value | key：value" fields with view, download and page counts, uploader and format; teasers
that ask the reader to open the rest (展开全文, 还剩N页未读，继续阅读); pay and login prompts. These are
recognised by their shape (fields split by "|", each a labelled value or a count; a short line
with no sentence in it) and by what they ask for (reading on, paying, logging in, downloading),
and removed wherever they stand. A line that opens with a structure marker is never removed so.

Every pattern here runs on lines of any length a file may hold, so none may backtrack
quadratically: no two adjacent quantifiers that can match the same characters, and a pattern
searched unanchored starts only where its first character can start. A line longer than
``max_line_chars`` is cut by `cut_spans` (sentence end, else comma or space, else hard).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.config import IngestSettings
from ingest.structure import BARE_NUMBER, CLOSERS, FOLIO, marker_kind
from ingest.types import PageText

DEFAULT_MAX_LINE_CHARS: int = IngestSettings.model_fields["max_line_chars"].default


@dataclass(frozen=True)
class Line:
    """One cleaned line (a paragraph or a heading) and where it came from."""

    text: str
    page: int | None
    heading_level: int | None = None  # from Markdown '#' marks; None for body text
    ocr: bool = False
    ocr_confidence: float | None = None


# The closing ``#``s and spaces are stripped in Python (see `_md_heading`): a lazy group before
# ``\s*#*$`` backtracks quadratically over a long run of them.
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+)$")
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u3000\ufeff]+")
# Characters that take no room (zero-width spaces and joiners, a word joiner): pasted from web pages, they split a
# word in two for search and, on a line of their own, make a "paragraph" of nothing.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060]+")

# What a teaser asks for: open the rest (展开全文, 继续阅读), or how much is left (还剩3页未读).
# ``\s*+``: a long run of spaces after 还剩 is read once.
READ_ON_PATTERN = (
    r"展开(?:全文|阅读|全部|更多)|(?:阅读|查看|显示)(?:全文|全部|完整|更多|剩余)|全文阅读|余下全文|继续阅读|试读|阅读已结束|"
    r"(?:还剩|剩余|剩下)\s*+\d+\s*+页|\d\s*页未读"
)

# Marker families of page chrome. A line's boilerplate score counts the families it hits.
_STRONG_MARKERS: dict[str, re.Pattern[str]] = {
    "download": re.compile(r"下载|上传|点此|点击(?:这里|此处|查看|下载|进入)|扫码|扫一扫|登录|VIP"),
    "legal": re.compile(r"声明|版权|侵权|举报|免责|所有权|备案号|ICP|联系我们|关于我们|网站地图|隐私政策"),
    # Possessive spaces: ``\s*[:：]?\s*`` would try every split of a long run of spaces.
    "meta": re.compile(r"^(?:作者|来源|发布时间|发布日期|发布者|编辑|责任编辑|简介|摘要来源|浏览次数|点击数|阅读量)\s*[:：]|作者\s*[:：]|字号\s*+[:：]?\s*+[大中小]"),
    # An e-mail address is there when one name character precedes "@" and a dotted domain follows;
    # ``[\w.+-]+@`` would rescan a long run of letters from each of its positions (quadratic).
    "contact": re.compile(r"https?://|www\.|[\w.+-]@[\w-]+\.[\w.]|邮件至|邮箱[:：]|电话[:：]|客服"),
    "file": re.compile(r"(?:doc|docx|pdf|word|wps|ppt|txt)\s*(?:格式|文档|版)|\.(?:docx?|pdf|pptx?|xlsx?|wps)\b", re.I),
    "site": re.compile(r"本站|本网|网站|文库|小编|收藏|分享到|打印本页|关闭窗口|返回顶部|上一篇|下一篇"),
}
# Families of a document site's prompts. Not page chrome on their own: a fee table's last lines
# (1000元以下的部分 40－100元) name prices, so they only count together (see `is_site_prompt`).
_PROMPT_MARKERS: dict[str, re.Pattern[str]] = {
    # Paying for a document: a price, points or coupons, a membership.
    "pay": re.compile(r"付费|购买|充值|积分|下载券|金币|会员|VIP|免费|[¥￥]\s*\d|\d\s*元", re.I),
    # Asking to read on: the rest of a document hidden behind a click.
    "read_on": re.compile(READ_ON_PATTERN),
}
_RELATED_HEADER = re.compile(
    r"^(?:相关|推荐|热门|猜你喜欢|延伸阅读|更多|精彩推荐|最新)\S{0,8}$|^\S{0,6}(?:推荐|相关文章|相关阅读|相关范文)\S{0,4}$"
)
_TIMESTAMP = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}[:：]\d{2}")
_TEASER_ENDS = ("...", "…", "。。。")  # checked with endswith: ``\.{3,}\s*$`` searched is quadratic on dots
# A link to another page followed by its date stamp (关于…的通知 2024-07-05), as in 相关阅读 lists.
# A date after a colon (截止日期：2024-09-20) is a labelled value, not a list entry.
_DATED_ENTRY = re.compile(
    r"^[^。！？；!?;]{5,70}[^。！？；!?;：:\s]\s*[\[【(（]?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}[\]】)）]?$"
)
_BREADCRUMB = re.compile(r"^(?:当前位置|您的位置|首页)\s*[:：>»/]|(?:\s*[>»]\s*\S{1,12}){2,}$")
_SENTENCE_END = re.compile(r"[。！？；：!?;:…]['\"”’）)」』]*$")


# A metadata line is fields split by "|" (a full-width bar, a middle dot), or by spaces; a field is a
# labelled value (上传人：…, 格式：DOCX) or a count (1.2万阅读, 37次, 3页, 4.6分, 21.5KB).
_FIELD_SEP = re.compile(r"[|｜│¦·•]")
_LABELLED = re.compile(r"^[^\s：:]{1,8}[：:]\s*\S")
_COUNT = re.compile(r"\d\s*[万千kK]?\s*(?:次|页|人|分|份|[KMG]B|阅读|浏览|下载|收藏|赞|评)", re.I)
# Fields a document site shows about a document: how often it was read or downloaded, its pages,
# size, format, who uploaded it and under what category.
_SITE_FIELD = re.compile(r"阅读|浏览|下载|上传|页数|\d\s*页|格式|大小|[KMG]B|分类|贡献|收藏|评分", re.I)


def is_metadata_line(text: str) -> bool:
    """A document site's line of "key：value | key：value" fields about a document (counts, uploader, format).

    Two or more fields, none longer than 30 characters or holding a sentence end, two thirds of them
    labelled values or counts, at least two of them what a document site counts or names (reads,
    downloads, pages, size, format, uploader). A table row of figures has no such fields. Fields
    split by spaces only (浏览：1286 下载：37 页数：3页) must be three or more, all of that shape, and
    count reads or downloads.
    """
    if len(text) > 200:
        return False
    barred = bool(_FIELD_SEP.search(text))
    fields = [f.strip() for f in (_FIELD_SEP.split(text) if barred else text.split()) if f.strip()]
    if len(fields) < (2 if barred else 3) or any(len(f) > 30 or _SENTENCE_END_ANY.search(f) for f in fields):
        return False
    shaped = sum(1 for f in fields if _LABELLED.match(f) or _COUNT.search(f))
    site = sum(1 for f in fields if _SITE_FIELD.search(f))
    if barred:
        return 3 * shaped >= 2 * len(fields) and site >= 2
    return shaped == len(fields) and site >= 2 and bool(_ACTIVITY.search(text))


_SENTENCE_END_ANY = re.compile(r"[。！？；!?;]")
# A count of reads or downloads (浏览：1286, 1.2万阅读, 37人已下载): what only a site shows about a document.
_ACTIVITY = re.compile(
    r"(?:阅读|浏览|下载|收藏|点击)(?:量|次数|数)?\s*+[：:]?\s*+\d|\d\s*+[万千]?\s*+(?:次|人)?\s*+(?:已)?(?:阅读|浏览|下载|收藏)"
)


def is_site_prompt(text: str) -> bool:
    """A teaser or a pay, login or download prompt of a document site, wherever it stands.

    A short line without a sentence end (。？；) that asks to read on (展开全文, 还剩3页未读), or that
    asks for two of: reading on, paying, logging in or downloading (开通VIP会员后可阅读全文).
    """
    if len(text) > 50 or _SENTENCE_END_ANY.search(text) or marker_kind(text) is not None:
        return False
    families = {name for name, pat in _PROMPT_MARKERS.items() if pat.search(text)}
    if "read_on" in families and len(text) <= 30:
        return True
    if _STRONG_MARKERS["download"].search(text):
        families.add("download")
    return len(families) >= 2


def chrome_families(text: str) -> set[str]:
    """The marker families of page chrome that a line hits."""
    return {name for name, pat in _STRONG_MARKERS.items() if pat.search(text)}


def _is_chrome(text: str) -> bool:
    """Unmistakable chrome anywhere: a short line with a date-time stamp, a breadcrumb or two marker families."""
    if len(text) > 80:
        return False
    if _TIMESTAMP.search(text) or _BREADCRUMB.search(text):
        return True
    return len(text) <= 50 and not _SENTENCE_END.search(text) and len(chrome_families(text)) >= 2


def _is_edge_chrome(text: str) -> bool:
    """Chrome at a page's edge: also one marker family on a short line, or a related-list header.

    A line that opens with a structure marker (第一条, 一、…) is body text, never chrome.
    """
    if marker_kind(text) is not None:
        return False
    if _is_chrome(text) or _RELATED_HEADER.match(text) or is_metadata_line(text):
        return True
    families = chrome_families(text)
    short_fragment = len(text) <= 60 and not _SENTENCE_END.search(text)
    return len(families) >= 2 or (bool(families) and short_fragment)


def _is_teaser(text: str) -> bool:
    """A truncated snippet of another page: a longish line cut off with an ellipsis."""
    return len(text) >= 30 and text.rstrip().endswith(_TEASER_ENDS)


def _is_dated_entry(text: str) -> bool:
    """An entry of a list of other pages: a short title ending with a numeric date stamp."""
    return bool(_DATED_ENTRY.match(text))


def _is_short_title(text: str) -> bool:
    return len(text) <= 40 and not _SENTENCE_END.search(text)


def normalise_lines(pages: tuple[PageText, ...], max_line_chars: int = DEFAULT_MAX_LINE_CHARS) -> list[Line]:
    """Split pages into stripped, non-empty lines; turn Markdown headings into heading levels.

    Args:
        pages: the loaded pages.
        max_line_chars: a longer line is cut into pieces no longer (see `cut_spans`); a heading
            keeps its level on the first piece only.
    """
    lines: list[Line] = []
    for page in pages:
        text = _strip_html_comments(page.text.replace("\r\n", "\n").replace("\r", "\n"))
        raws = [line for line in (_SPACES.sub(" ", _INVISIBLE.sub("", raw)).strip() for raw in text.split("\n")) if line]
        if page.number is not None:
            raws = _without_folios(raws, page.number)
        else:  # a PDF's text pasted into one file: only the unmistakable forms, wherever they stand
            raws = [line for line in raws if not PASTED_FOLIO.match(line)]
        for line in raws:
            level = None
            md = _MD_HEADING.match(line)
            if md:
                level, line = len(md.group(1)), _md_heading_text(md.group(2))
            if len(line) <= max_line_chars:
                lines.append(Line(line, page.number, level, page.ocr, page.ocr_confidence))
                continue
            for a, b in cut_spans(line, 0, len(line), max_line_chars):
                lines.append(Line(line[a:b], page.number, level, page.ocr, page.ocr_confidence))
                level = None
    return lines


# How far a bare number at a page's edge may stand from the page's place in the file and still be
# taken for its printed page number (front matter and covers are numbered apart from the body).
FOLIO_DRIFT = 30
# A page number set off as one: — 3 —, - 3 -, 第3页, 第3页 共12页 (not a bare number, which may be data).
PASTED_FOLIO = re.compile(r"^[-—–－]\s*\d{1,4}\s*[-—–－]$|^第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?$")


def is_folio(line: str, page: int) -> bool:
    """Whether ``line`` is a printed page number (— 3 —, 第3页, 3/12; a bare 3 near ``page``)."""
    if not FOLIO.match(line):
        return False
    if BARE_NUMBER.match(line):
        return abs(int(line) - page) <= FOLIO_DRIFT
    return True


def _without_folios(lines: list[str], page: int) -> list[str]:
    """A page's lines without the page number printed on its first or last line."""
    if lines and is_folio(lines[-1], page):
        lines = lines[:-1]
    if lines and is_folio(lines[0], page):
        lines = lines[1:]
    return lines


def _md_heading_text(body: str) -> str:
    """A Markdown heading's text without its closing ``#``s (``## 标题 ##``); at least one character."""
    text = body.rstrip("#").rstrip()
    return text or body[:1]


def _strip_html_comments(text: str) -> str:
    """``<!-- … -->`` replaced by a line break, in one pass.

    A regex ``<!--.*?-->`` rescans to the end of the text from every unclosed ``<!--``.
    """
    start = text.find("<!--")
    if start < 0:
        return text
    parts: list[str] = []
    pos = 0
    while start >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break  # no comment closes after here, so none of the later openers does either
        parts.append(text[pos:start])
        parts.append("\n")
        pos = end + 3
        start = text.find("<!--", pos)
    parts.append(text[pos:])
    return "".join(parts)


_SENTENCE_STOPS = "。！？；!?;"
_CLAUSE_STOPS = "，、,"


def cut_spans(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into spans of at most ``limit`` characters, by one general rule.

    Each cut falls after the last sentence end (。！？； with its closing quotes) within reach, else
    after the last comma (，、) or space, else hard at the limit. Spans are trimmed of surrounding
    whitespace and never empty. Linear: each cut looks back at most ``limit`` characters.

    Args:
        text: the text.
        start: where the run starts.
        end: where it ends.
        limit: the longest span (at least 1).
    """
    spans: list[tuple[int, int]] = []
    while True:
        while start < end and text[start].isspace():
            start += 1
        if end - start <= limit:
            break
        cut = _cut_point(text, start, start + limit)
        stop = cut
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        if stop > start:
            spans.append((start, stop))
        start = cut
    stop = end
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        spans.append((start, stop))
    return spans


def _cut_point(text: str, start: int, reach: int) -> int:
    """Where to cut a run that starts at ``start`` and must end by ``reach``."""
    for stops in (_SENTENCE_STOPS, _CLAUSE_STOPS + " \t\u3000"):
        found = max(text.rfind(ch, start, reach) for ch in stops)
        if found >= start:
            cut = found + 1
            while cut < reach and text[cut] in CLOSERS:
                cut += 1
            return cut
    return reach


def strip_boilerplate(lines: list[Line], records: frozenset[str] = frozenset()) -> list[Line]:
    """Remove header chrome, footer chrome and teaser lists from the edges, and clear chrome anywhere.

    A table row (one of ``records``, the loader's rows written as records) is the document's own data: a
    duty roster's or contact list's row (值班电话：138…) has what a site's footer has, so only unmistakable
    chrome (`_is_chrome`: a date-time stamp, a breadcrumb, two marker families) removes one.
    """
    lines = _strip_tail(lines, records)
    lines = _strip_head(lines, records)
    lines = _strip_field_runs(lines, records)
    return [ln for ln in lines if ln.heading_level is not None or not _is_chrome_anywhere(ln.text, records)]


def _is_field_line(text: str) -> bool:
    """A line that is one field of a document's metadata: a short labelled value or count, no sentence."""
    if len(text) > 30 or _SENTENCE_END_ANY.search(text) or marker_kind(text) is not None:
        return False
    return bool(_LABELLED.match(text) or _COUNT.search(text))


def _strip_field_runs(lines: list[Line], records: frozenset[str]) -> list[Line]:
    """Drop a document site's metadata set one field per line (浏览：1286 / 下载：37 / 页数：3页).

    A run of two or more field lines goes when two of its fields are what a site counts or names
    and one counts reads or downloads: a notice's own 格式：PDF / 大小：不超过10MB has no such count.
    """
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while (
            j < len(lines)
            and lines[j].heading_level is None
            and lines[j].text not in records
            and _is_field_line(lines[j].text)
        ):
            j += 1
        run = [ln.text for ln in lines[i:j]]
        site = sum(1 for t in run if _SITE_FIELD.search(t))
        if len(run) >= 2 and site >= 2 and any(_ACTIVITY.search(t) for t in run):
            i = j
            continue
        out.extend(lines[i : max(j, i + 1)])
        i = max(j, i + 1)
    return out


def _is_chrome_anywhere(text: str, records: frozenset[str]) -> bool:
    if _is_chrome(text):
        return True
    return text not in records and marker_kind(text) is None and (is_metadata_line(text) or is_site_prompt(text))


def _strip_tail(lines: list[Line], records: frozenset[str]) -> list[Line]:
    end = len(lines)
    while end > 0:
        text = lines[end - 1].text
        if text in records:
            if _is_chrome(text):
                end -= 1
                continue
            break
        if _is_edge_chrome(text) or _is_teaser(text) or _is_dated_entry(text):
            end -= 1
            continue
        # A short title line heads the teaser (or chrome) that was just removed after it.
        removed_after = end < len(lines)
        if removed_after and _is_short_title(text) and _is_teaser(lines[end].text):
            end -= 1
            continue
        break
    return lines[:end]


def _strip_head(lines: list[Line], records: frozenset[str]) -> list[Line]:
    """Drop chrome lines near the top; the page's own title line (first line) is kept."""
    out: list[Line] = []
    in_head = True
    for i, ln in enumerate(lines):
        if not in_head or i == 0:
            out.append(ln)
            continue
        chrome = _is_chrome(ln.text) if ln.text in records else _is_edge_chrome(ln.text)
        if chrome and ln.heading_level is None:
            continue
        in_head = chrome
        out.append(ln)
    return out


def clean_lines(
    pages: tuple[PageText, ...],
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS,
    records: frozenset[str] = frozenset(),
) -> list[Line]:
    """Normalised lines of a file with page chrome removed; no line longer than ``max_line_chars``.

    ``records`` are the loader's table rows written as records: kept unless unmistakably chrome.
    """
    return strip_boilerplate(normalise_lines(pages, max_line_chars), records)
