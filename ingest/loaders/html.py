"""Web pages (.html, .htm): the main text, headings as ``## 标题``, data tables as row records.

Hostile input is refused before the tree is built: a page's nesting depth and element count are
checked by a parser that builds nothing (`_check_html_shape`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from ingest.config import IngestSettings
from ingest.errors import IngestError
from ingest.loaders.base import LoadRequest, check_chars, cjk_count, collapse_spaces
from ingest.loaders.encoding import BOMS, GB_FAMILY, decode_text, normalize_newlines
from ingest.record import Slot, TableLines, cell_text, table_lines
from ingest.types import LoadedFile, PageText

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_DROP_TAGS = ("script", "style", "nav", "footer", "aside", "form", "noscript", "iframe", "template", "svg")
_NOISE_SUBSTRINGS = re.compile(
    r"nav|menu|sidebar|side-bar|side_bar|footer|breadcrumb|crumb|share|comment|recommend|related|"
    r"copyright|advert|toolbar|pagination|pager"
)
_NOISE_TOKENS = frozenset({"ad", "ads", "side", "bottom", "foot", "gotop", "login", "search"})
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "div",
        "dl", "dt", "fieldset", "figcaption", "figure", "footer", "header", "hr", "li", "main", "ol", "p",
        "pre", "section", "summary", "ul", "caption", "tbody", "thead", "tfoot", "html",
    }
)  # fmt: skip
_HEADING_TAGS = {f"h{n}": n for n in range(1, 7)}
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
# A line break in HTML source between two Chinese characters is layout, not a space.
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\xa0]*\n[ \t\n\xa0]*(?=[{_CJK}])")
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—]\s+|_|｜|\s*--\s*")


def load_html(request: LoadRequest) -> LoadedFile:
    """A web page's main text as one page; navigation, sidebars, footers and ads left out.

    Raises:
        IngestError: the page is nested too deep, has too many elements or too much text, or no body text.
    """
    from bs4 import BeautifulSoup

    source, data, limits = request.source, request.data, request.limits

    html = _decode_html(data, source)
    _check_html_shape(source, html, limits)
    soup = BeautifulSoup(html, "lxml")
    body = soup.body or soup
    page_title = soup.title.string if soup.title is not None else None
    _drop_boilerplate(body)
    main = _main_content(body)
    title = _html_title(main, body, page_title)
    lines, records = _html_lines(main)
    text = "\n".join(lines)
    check_chars(source, len(text), limits)
    if not text.strip():
        raise IngestError(source, "网页中没有找到正文")
    return LoadedFile(source=source, kind="html", pages=(PageText(None, text),), title_hint=title, records=records)


class _OverLimit(Exception):
    """Raised from the parser's callbacks to stop at the first element past a limit."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _ShapeTarget:
    """lxml parser target that only tracks element depth and count (no tree, no text)."""

    def __init__(self, max_depth: int, max_elements: int) -> None:
        self.max_depth = max_depth
        self.max_elements = max_elements
        self.depth = 0
        self.elements = 0

    def start(self, tag: str, attrib: object) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > self.max_depth:
            raise _OverLimit(
                f"网页结构嵌套过深（超过 {self.max_depth} 层），不像正常网页，可能是异常或恶意构造的文件，已拒绝读取"
            )
        if self.elements > self.max_elements:
            raise _OverLimit(f"网页元素过多（超过 {self.max_elements:,} 个标签），超过上限，已拒绝读取")

    def end(self, tag: str) -> None:
        self.depth -= 1

    def close(self) -> None:
        return None


def _check_html_shape(source: str, html: str, limits: IngestSettings) -> None:
    """Refuse a page nested too deep or with too many elements, before any tree is built.

    The same libxml2 HTML parser that BeautifulSoup's "lxml" builder uses, so depth and count are
    the tree's (unclosed ``<font>`` tags nest; unclosed ``<p>`` tags do not). Without a tree or text
    it reads 200,000 nested ``<div>`` in a fraction of a second; the tree costs far more per element.
    """
    from lxml import etree

    parser = etree.HTMLParser(target=_ShapeTarget(limits.html_max_depth, limits.html_max_elements))
    try:
        parser.feed(html)
        parser.close()
    except _OverLimit as exc:
        raise IngestError(source, exc.reason) from None
    except etree.LxmlError:
        pass  # damaged markup: BeautifulSoup reads what it can, as before


def _decode_html(data: bytes, source: str) -> str:
    """BOM first, then the declared ``<meta charset>`` if the bytes fit it, else detect like text."""
    if not any(data.startswith(bom) for bom, _ in BOMS):
        match = _META_CHARSET.search(data[:4096])
        if match:
            declared = match.group(1).decode("ascii").lower()
            encoding = "gb18030" if declared.replace("-", "") in GB_FAMILY else declared
            try:
                return normalize_newlines(data.decode(encoding))
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration is common; fall back to detection
    return normalize_newlines(decode_text(data, source))


def _clean_inline(text: str) -> str:
    """HTML text of one line: source line breaks between Chinese characters dropped, spaces collapsed."""
    return collapse_spaces(_BREAK_BETWEEN_CJK.sub("", text))


def _html_title(main, body, page_title: str | None) -> str | None:
    """The main content's <h1>, else the page's remaining <h1>, else the useful part of <title>.

    Looked up after boilerplate removal, so a site logo set in an <h1> inside the header is not taken.
    """
    for scope in (main, body):
        h1 = scope.find("h1")
        text = _clean_inline(h1.get_text(" ")) if h1 is not None else ""
        if text:
            return text
    if page_title:
        # "文章标题_站点名" is the common shape; "站点名 - 文章标题" shows as a much longer later part.
        parts = [p.strip() for p in _TITLE_SEPARATORS.split(_clean_inline(page_title)) if p.strip()]
        if parts:
            longest = max(parts, key=len)
            return longest if len(longest) >= 2 * len(parts[0]) else parts[0]
    return None


class _TreeCounts:
    """Per element of a tree, counted in one pass: what the boilerplate rules ask of every element.

    ``cjk``: CJK characters of its text outside links (navigation is mostly links); ``h1``: its
    ``<h1>`` descendants; ``holds_main``: whether an ``<article>``, ``<main>`` or ``<h1>`` lies inside.
    Asking each element's subtree instead costs the subtree's size per element: a page of a thousand
    500-deep chains took minutes.

    Keyed by ``id``: elements compare by content, so equal twins would share an entry.
    """

    def __init__(self, root) -> None:
        from bs4 import NavigableString

        self.cjk: dict[int, int] = {}
        self.h1: dict[int, int] = {}
        self.holds_main: set[int] = set()
        elements = [root, *root.find_all(True)]  # document order: ancestors before descendants
        in_link = {id(root): root.name == "a" or root.find_parent("a") is not None}
        for el in elements[1:]:
            in_link[id(el)] = el.name == "a" or in_link.get(id(el.parent), False)
        for el in reversed(elements):  # descendants before ancestors
            key = id(el)
            cjk = h1 = 0
            holds = False
            for child in el.contents:
                if type(child) is NavigableString:
                    cjk += cjk_count(child)
                elif child.name is not None and id(child) in self.cjk:
                    cjk += self.cjk[id(child)]
                    h1 += self.h1[id(child)] + (child.name == "h1")
                    holds = holds or child.name in ("article", "main", "h1") or id(child) in self.holds_main
            self.cjk[key] = 0 if in_link[key] else cjk
            self.h1[key] = h1
            if holds:
                self.holds_main.add(key)

    def own_text_cjk(self, el) -> int:
        return self.cjk[id(el)]


def _is_noise(el) -> bool:
    attrs = el.attrs or {}
    if "hidden" in attrs:
        return True
    style = str(attrs.get("style", "")).replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    classes = attrs.get("class", [])
    names = " ".join([str(attrs.get("id", "")), *(classes if isinstance(classes, list) else [classes])])
    names = names.lower()
    if not names.strip():
        return False
    if _NOISE_SUBSTRINGS.search(names):
        return True
    return any(token in _NOISE_TOKENS for token in re.split(r"[^a-z0-9]+", names))


def _drop_boilerplate(body) -> None:
    """Remove non-content tags and elements whose id/class name navigation, sidebars, footers, ads.

    An element that holds the page's article, main part or ``<h1>``, or half of its text, is kept
    whatever its name: wrapper divs with names like ``main-nav-wrapper`` exist.
    """
    from bs4 import Comment

    for comment in body.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in body.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in body.find_all("header"):
        if tag.find_parent(["article", "main"]) is None:
            tag.decompose()
    # Counted once: an element is looked at before anything inside it is removed (document order),
    # and whatever was removed before it lay outside it, so its counts stay true.
    counts = _TreeCounts(body)
    total = max(counts.own_text_cjk(body), 1)
    elements = body.find_all(True)
    parents = [id(el.parent) for el in elements]  # read before removal clears them
    # Removed subtrees by id: bs4's ``el.decomposed`` looks for a child tag named "_decomposed"
    # through the whole subtree on every live element, which was quadratic on deep pages.
    gone: set[int] = set()
    for el, parent in zip(elements, parents, strict=True):
        if parent in gone:
            gone.add(id(el))
            continue
        if el.name in ("html", "body", "article", "main") or not _is_noise(el):
            continue
        if id(el) in counts.holds_main or counts.own_text_cjk(el) * 2 > total:
            continue
        el.decompose()
        gone.add(id(el))


def _main_content(body):
    """The element holding the page's main text: the biggest <article>/<main>, else by text density."""
    counts = _TreeCounts(body)
    total = counts.own_text_cjk(body)
    best = None
    for el in body.find_all(["article", "main"]):
        score = counts.own_text_cjk(el)
        if best is None or score > best[0]:
            best = (score, el)
    if best is not None and best[0] * 2 >= total:
        return best[1]
    # Descend while one child holds most of the text and keeps the main heading.
    current, current_score = body, total
    while True:
        child_best = None
        for child in current.find_all(True, recursive=False):
            score = counts.own_text_cjk(child)
            if child_best is None or score > child_best[0]:
                child_best = (score, child)
        if child_best is None or child_best[0] < 0.8 * current_score or current_score == 0:
            return current
        if counts.h1[id(current)] > counts.h1[id(child_best[1])]:
            return current  # an <h1> lies outside the child (or is the child)
        current, current_score = child_best[1], child_best[0]


def _html_lines(root) -> tuple[list[str], frozenset[str]]:
    """One line per paragraph; headings as ``## 标题``; data-table rows as records (`ingest.record`);
    and which lines are records.

    An explicit stack instead of recursion: a page's depth is bounded by ``html_max_depth``, not by
    Python's recursion limit.
    """
    from bs4 import NavigableString, Tag

    lines: list[str] = []
    records: set[str] = set()
    buffer: list[str] = []

    def flush() -> None:
        line = _clean_inline("".join(buffer))
        buffer.clear()
        if line:
            lines.append(line)

    # Each entry: the children still to read, and whether the element is a block (a line break after it).
    stack: list[tuple[Iterator, bool]] = [(iter(root.children), False)]
    while stack:
        children, block = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                flush()
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                buffer.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            flush()
        elif name in _HEADING_TAGS:
            flush()
            text = _clean_inline(child.get_text(" "))
            if text:
                lines.append("#" * _HEADING_TAGS[name] + " " + text)
        elif name == "pre":
            flush()
            lines.extend(line.rstrip() for line in child.get_text().split("\n") if line.strip())
        elif name == "table" and _is_data_table(child):
            flush()
            table = _table_lines(child, lines[-1] if lines and lines[-1] not in records else "")
            lines.extend(table.lines)
            records |= table.records
        elif name in _BLOCK_TAGS or name in ("table", "tr", "td", "th"):
            flush()
            stack.append((iter(child.children), True))
        else:
            stack.append((iter(child.children), False))
    flush()
    return lines, frozenset(records)


def _is_data_table(table) -> bool:
    """A table of short cells; layout tables (nested tables, long cells) are read as blocks instead."""
    if table.find("table") is not None:
        return False
    return all(cjk_count(cell.get_text()) <= 200 for cell in table.find_all(["td", "th"]))


def _table_lines(table, above: str = "") -> TableLines:
    """A data table as row records: ``rowspan``/``colspan`` spread over the positions they cover;
    the header is the ``<thead>`` rows, else the leading rows of ``<th>`` cells, else decided by
    `ingest.record.header_rows`; a ``<caption>`` is the line above the rows (``above``, the line
    before the table, when it has none: a unit either states is the unit of its figures)."""
    grid: list[list[Slot]] = []
    pending: dict[int, tuple[Slot, int]] = {}  # column -> (slot, rows it still covers below)
    ids = itertools.count()
    header: int | None = None
    th_rows = 0
    heads: set[int] = set()  # the cells written as <th>
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[Slot] = []
        cells = tr.find_all(["td", "th"], recursive=False)
        if th_rows == len(grid) and cells and all(c.name == "th" for c in cells):
            th_rows += 1
        if tr.find_parent("thead") is not None:
            header = len(grid) + 1
        for cell in cells:
            while len(row) in pending:
                row.append(_take(pending, len(row)))
            slot = Slot(cell_text(_clean_inline(cell.get_text(" "))), next(ids))
            if cell.name == "th":
                heads.add(slot.cell)
            for _ in range(_span(cell, "colspan")):
                down = _span(cell, "rowspan") - 1
                if down > 0:
                    pending[len(row)] = (slot, down)
                row.append(slot)
        while pending and len(row) <= max(pending):
            row.append(_take(pending, len(row)) if len(row) in pending else Slot("", next(ids)))
        grid.append(row)
    caption = table.find("caption")
    title = cell_text(_clean_inline(caption.get_text(" "))) if caption and caption.find_parent("table") is table else ""
    side = 0 if header or th_rows else _header_columns(grid, heads)
    if side:
        # The names stand down the first column(s) (姓名 | 张三 | 李四 over 职务 | 校长 | 副校长): each
        # column is one record, so the table is read turned over.
        grid = _turned(grid)
        header = side
    lines = table_lines(grid, header or th_rows or None, title or above)
    # The caption names the table (表1 各校招生计划): a line of its own above the rows, as on the page.
    return TableLines((title, *lines.lines), lines.records) if title else lines


def _header_columns(grid: list[list[Slot]], heads: set[int]) -> int:
    """How many leading columns of ``grid`` are written as ``<th>`` in every row while the rest of each
    row is ``<td>``: the header of a table whose records run down its columns; 0 when its header is
    not so (no row of it all ``<th>`` was seen before this is asked)."""
    if len(grid) < 2:
        return 0
    counts = []
    for row in grid:
        k = 0
        while k < len(row) and row[k].cell in heads:
            k += 1
        if k == 0 or k >= len(row) or any(slot.cell in heads for slot in row[k:]):
            return 0
        counts.append(k)
    return min(counts)


def _turned(grid: list[list[Slot]]) -> list[list[Slot]]:
    """``grid`` with its rows and columns swapped (short rows padded with empty slots)."""
    width = max(len(row) for row in grid)
    ids = itertools.count(max(slot.cell for row in grid for slot in row) + 1)
    full = [row + [Slot("", next(ids)) for _ in range(width - len(row))] for row in grid]
    return [[full[r][c] for r in range(len(full))] for c in range(width)]


def _take(pending: dict[int, tuple[Slot, int]], col: int) -> Slot:
    slot, left = pending.pop(col)
    if left > 1:
        pending[col] = (slot, left - 1)
    return slot


def _span(cell, name: str) -> int:
    """A cell's ``rowspan``/``colspan``: at least 1, at most 100 (a page cannot make a grid explode)."""
    value = str(cell.get(name, "1")).strip()
    return min(max(int(value), 1), 100) if value.isdigit() else 1
