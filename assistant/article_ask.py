"""A question that names an article and asks what it says: the article itself, quoted whole.

教师法第七条是怎么规定的？ and 第十二条说了什么？ ask for one article by its number, not for a fact. Such a
question is recognised by its form: one or more article numbers (第X条), optionally the name of a document
before them, and nothing else but the words that ask for content (规定, 说了什么, 内容, 原文…). It is answered
from the text of the document it names (its current version, or the version it names), article by
article (`ingest.articles.articles`), not by retrieval, which ranks another document's article of the
same number, or a neighbouring article, as high. A document named that is not held, or an article number
the document does not have, is said so; a number asked without a document that several documents have
asks the user which one is meant (unless an earlier question of the conversation named one).
A part of an article (第七条第四项, 第九条第二款) is quoted with the line that opens it, and a question how many
items or paragraphs an article has (第七条规定了几项权利？) is answered with the count and the list, when the
thing counted is what the list's opening line names. Any other question about an article (第十二条规定的期限是
多久？) is answered as any other question.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.cite import citation_for
from assistant.types import Answer, Citation, Hit
from assistant.versions import VersionSource, best_named, name_spans, plan, stamp
from ingest import numerals
from ingest.articles import Article, articles
from ingest.tokenize import jieba_words
from ingest.version import Version, title_key

MAX_ARTICLES = 3  # a question naming more articles than this asks for a list, and is answered as any other
MAX_NAMED = 5  # documents named when the user must say which one is meant
EARLIER_QUESTIONS = 3  # the conversation's latest questions read for the document a question leaves unnamed

_NUMBER = r"[一二两三四五六七八九十百千零〇\d]+"
_ARTICLE = re.compile(rf"第({_NUMBER})条")
# A name of a kind of document right before the article number (XX法第七条, 《XX办法》第三条): a document
# the question names, held or not; the asking words and pointers before it (请问, 按照这个) are no part of it.
_NAME_BEFORE = re.compile(
    r"《?([\u4e00-\u9fff（）()]{1,40}?(?:法典|法|条例|办法|细则|规定|规则|决定|意见|通知|方案|章程))》?[\s，,]*"
    r"(?:(?:19|20)\d{2}\s*年?\s*(?:版本|版|修订本|修正本)?)?\s*(?:的)?$"
)
_NAME_LEAD = re.compile(
    r"^(?:请问|请|麻烦|帮我|帮忙|给我|我想|想要|想|知道|告诉我|查一下|查查|查|看一下|看看|一下|按照|依照|根据|依据|关于|照|按|依"
    r"|这个|那个|这部|那部|这份|那份|上述|前述|这|那|该|本|此|咱们|我们|的|年版|年|版)+"
)
_KIND = re.compile(r"(?:法典|法|条例|办法|细则|规定|规则|决定|意见|通知|方案|章程)$")
# The words that ask for an article's content, and the function words around them; what is left of a
# question after them, its article numbers and the document's name is something asked about the article.
_FRAME = re.compile(
    r"《|》|中华人民共和国|[，。？?！!、：:；;\s]"
    r"|请问|请|麻烦|帮我|帮忙|给我|我想|想要|想|知道|告诉我|查一下|查查|查|看一下|看看|一下|念一下|念|读一下|读"
    r"|是怎么规定的|怎么规定的|如何规定的|怎样规定的|是怎么说的|怎么说的|怎么写的|说了什么|说的什么|说的是什么|讲了什么"
    r"|讲的什么|讲的是什么|写了什么|写的什么|写的是什么|规定了什么|规定的什么|规定的是什么|是什么内容|什么内容|啥内容"
    r"|内容是什么|内容|原文|全文|条文|具体|规定|说了啥|讲了啥|写了啥|说啥|讲啥|是啥|是什么|什么|啥|怎么|如何|怎样"
    r"|分别|各自|说说|讲讲|说|讲|写|主要|大概|大致|意思|的|了|是|呢|吗|吧|啊|呀|和|与|及|跟|还有|以及|里|中|上|按照|依照|依据|根据|照|按|这个|那个|这|那|条"
    r"|现行|最新|新版|旧版|老版|修订前|修订后|修改前|修改后|原来|以前|现在|(?:19|20)\d{2}\s*年?\s*版?|年版|版本|版"
)


def article_number(text: str) -> int:
    """第十二条's number from its digits (十二, 一百零三, 两百, 12); 0 when it is none."""
    return numerals.parse(text) or 0


def asked_articles(question: str) -> tuple[list[int], str] | None:
    """The article numbers a question asks the content of, and the name written before the first (or "");
    None when it asks something else."""
    found = list(_ARTICLE.finditer(question))
    if not found or len(found) > MAX_ARTICLES or "款" in question or "项" in question:
        return None
    numbers = [article_number(m.group(1)) for m in found]
    if 0 in numbers:
        return None
    written, name = _name_before(question[: found[0].start()])
    rest = question
    for m in reversed(found):
        rest = rest[: m.start()] + rest[m.end() :]
    if _FRAME.sub("", rest.replace(written, "", 1)):
        return None
    return list(dict.fromkeys(numbers)), name


def _name_before(head: str) -> tuple[str, str]:
    """The document name ``head`` (the question before an article number) ends with: the words as written, with
    any pointer before the name (此办法, 本法), and the name itself ("" for a kind of document alone: 这个办法)."""
    before = _NAME_BEFORE.search(head)
    if before is None:
        return "", ""
    name = _NAME_LEAD.sub("", before.group(1))
    return before.group(1), name if _KIND.sub("", name) else ""


_PART = re.compile(rf"^的?第({_NUMBER})(款|项)")
# How many items or paragraphs an article has: 有几项, 规定了多少种, 分几款; the noun counted after it (权利).
_COUNT = re.compile(r"(?:一共|总共|共)?(?:有|包括|包含|列了|列出|列|分为|分成|分)?(?:几|多少)(项|款|种|类|条)([\u4e00-\u9fff]{0,6}?)(?=[？?。！!，,]|呢|吗|啊|$)")
_ITEM = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]")


@dataclass(frozen=True)
class ArticlePart:
    """A part of one article a question asks for: the ``number``-th 款 or 项 (``number`` > 0), or how many
    there are (``number`` == 0) of the ``noun`` counted (权利, or ""); ``words`` are the question's other words."""

    article: int
    name: str
    kind: str
    number: int
    noun: str = ""
    words: str = ""


def asked_part(question: str) -> ArticlePart | None:
    """The part of one article ``question`` asks for (第七条第四项是什么, 第九条有几款), or None."""
    found = list(_ARTICLE.finditer(question))
    if len(found) != 1:
        return None
    label = found[0]
    article = article_number(label.group(1))
    if not article:
        return None
    written, name = _name_before(question[: label.start()])
    after = question[label.end() :]
    head = question[: label.start()].replace(written, "", 1)
    part = _PART.match(after)
    if part is not None:
        number = article_number(part.group(1))
        rest = head + after[part.end() :]
        if not number or _FRAME.sub("", rest):
            return None
        return ArticlePart(article, name, part.group(2), number)
    count = _COUNT.search(after)
    if count is None:
        return None
    kind = "款" if count.group(1) == "款" else "项"
    rest = _FRAME.sub("", head + after[: count.start()] + after[count.end() :])
    return ArticlePart(article, name, kind, 0, count.group(2), rest)


class ArticleQuoter:
    """Answers a question naming an article with that article (see the module docstring)."""

    def __init__(self, source: VersionSource) -> None:
        """
        Args:
            source: document texts and chunks (the index).
        """
        self.source = source

    def answer(
        self,
        question: str,
        versions: Mapping[str, Version],
        scope: Sequence[str] | None = None,
        earlier: Sequence[str] = (),
    ) -> Answer | None:
        """The article(s) ``question`` asks for, or None when it asks something else.

        Args:
            question: the question (stand-alone).
            versions: the version of every document the asker may read (`ingest.version.resolve`).
            scope: the documents to answer from; None: every document.
            earlier: the conversation's earlier questions, the latest first: a question that names no
                document (第十三条呢？) asks about the one the latest of them named (of the last
                `EARLIER_QUESTIONS`).
        """
        asked = asked_articles(question) if "条" in question else None
        part = asked_part(question) if asked is None and "条" in question else None
        if asked is None and part is None and not (earlier and "条" in earlier[0]):
            return None  # most questions: no title is read
        primary = plan(question, versions, scope).primary
        ids = [d for d in (primary if primary is not None else versions) if d in versions]
        if part is not None:
            asked = ([part.article], part.name)
        if asked is None:
            # The reply to 请说明要查哪一份文档 (教师法的): the document it names, for the numbers asked before.
            return self._reply(question, versions, ids, earlier)
        numbers, name = asked
        named = _named(question, versions, ids)
        if name:  # a title named only in part (管理规定 of 停车场管理规定) is another document's
            named = [d for d in named if _in_order(name.removeprefix("中华人民共和国"), title_key(versions[d].title))]
        if not named and name:
            shown = name if name.startswith("《") else f"《{name}》"
            return _refusal(question, f"资料中没有找到{shown}，无法查到它的{_labels(numbers)}。")
        if not named:
            named = next((found for e in earlier[:EARLIER_QUESTIONS] if (found := _named(e, versions, ids))), [])
        if not named:
            named = [d for d in ids if numbers[0] in _numbered(self.source.document_text(d))]
            if not named:
                return _refusal(question, f"资料中没有找到{_labels(numbers)}。")
        if len(named) > 1:
            titles = sorted({f"《{versions[d].title.strip('《》')}》" for d in named})
            if len(titles) > 1:
                shown = "、".join(titles[:MAX_NAMED]) + ("等" if len(titles) > MAX_NAMED else "")
                text = f"资料中有{len(titles)}份文档有{_labels(numbers[:1])}：{shown}。请说明要查哪一份文档的。"
                return _refusal(question, text)
        doc_id = named[0]
        if part is not None:
            return self._part_quoted(question, doc_id, part, versions)
        return self._quoted(question, doc_id, numbers, versions)

    def _reply(
        self, question: str, versions: Mapping[str, Version], ids: Sequence[str], earlier: Sequence[str]
    ) -> Answer | None:
        """A question that only names a document (教师法的？), right after one that asked an article's content
        without naming any: that article of the document named; None otherwise."""
        before = asked_articles(earlier[0]) if earlier and "条" in earlier[0] else None
        if before is None or before[1]:
            return None
        named = _named(question, versions, ids)
        if not named:
            return None
        start, end = name_spans(question, versions[named[0]].title)[0]
        if _FRAME.sub("", question[:start] + question[end:]):
            return None  # something else is asked of the document
        return self._quoted(question, named[0], before[0], versions)

    def _quoted(self, question: str, doc_id: str, numbers: Sequence[int], versions: Mapping[str, Version]) -> Answer:
        version = versions[doc_id]
        title = f"《{version.title.strip('《》')}》"
        text = self.source.document_text(doc_id)
        held = _numbered(text)
        lines, citations = quoted_lines(self.source, doc_id, text, [(held[n].start, held[n].end) for n in numbers if n in held])
        missing = [n for n in numbers if n not in held]
        if missing:
            count = max(held, default=0)
            lines.append(f"{title}共{count}条，没有{_labels(missing)}。" if held else f"{title}没有按条编号。")
        if not citations:
            return _refusal(question, "\n".join(lines))
        return quoted_answer(question, lines, citations, version, versions)

    def _part_quoted(
        self, question: str, doc_id: str, part: ArticlePart, versions: Mapping[str, Version]
    ) -> Answer | None:
        """The part of the article ``part`` asks for, with the line that opens it; how many parts it has, with
        the list; None when the question asks about the article something its parts do not say."""
        version = versions[doc_id]
        title = f"《{version.title.strip('《》')}》"
        text = self.source.document_text(doc_id)
        article = _numbered(text).get(part.article)
        label = _labels([part.article])
        if article is None:
            return None
        paragraphs, lists = _layout(article)
        spans: list[tuple[int, int]] = []
        if part.kind == "款":
            if part.number > len(paragraphs):
                held = f"只有{numerals.count(len(paragraphs))}款" if len(paragraphs) == 1 else f"共{numerals.count(len(paragraphs))}款"
                return _refusal(question, f"{title}{label}{held}，没有第{numerals.write(part.number)}款。")
            if part.number:
                spans = [paragraphs[part.number - 1]]
                intro = ""
            else:
                spans = paragraphs
                intro = f"{title}{label}共{numerals.count(len(paragraphs))}款："
        else:
            if part.number:
                items = lists[0][1] if lists else []
                if part.number > len(items):
                    shown = f"共{numerals.count(len(items))}项" if items else "没有分项"
                    return _refusal(question, f"{title}{label}{shown}，没有第{numerals.write(part.number)}项。")
                spans = [lists[0][0], items[part.number - 1]]
                intro = ""
            else:
                opened = [(lead, items) for lead, items in lists if part.noun and part.noun in _text(article, lead)]
                chosen = opened[0] if opened else (lists[0] if lists and not part.noun else None)
                if chosen is None:
                    return None  # the list counts something else, or there is none: asked as any other question
                lead, items = chosen
                if any(len(w) > 1 and w not in _text(article, lead) for w in jieba_words(part.words)):
                    return None  # 第七条规定学生有几项权利: the list's opening line is about someone else
                spans = [lead, *items]
                intro = f"{title}{label}列了{numerals.count(len(items))}项{part.noun}："
        lines, citations = quoted_lines(self.source, doc_id, text, [(article.start + a, article.start + b) for a, b in spans])
        if not citations:
            return None
        return quoted_answer(question, [intro, *lines] if intro else lines, citations, version, versions)


def _numbered(text: str) -> dict[int, Article]:
    """The numbered articles of a document's text, by number."""
    return {article_number(a.label[1:-1]): a for a in articles(text) if a.label}


def quoted_lines(
    source: VersionSource, doc_id: str, text: str, spans: Sequence[tuple[int, int]]
) -> tuple[list[str], list[Citation]]:
    """Each span of the document's ``text`` quoted as a line with its citation markers, and the citations
    numbered from 1; a span no chunk holds is left out."""
    lines: list[str] = []
    citations: list[Citation] = []
    for start, end in spans:
        quotes = span_citations(source, doc_id, text, start, end, len(citations) + 1)
        if quotes:
            citations += quotes
            lines.append(text[start:end].strip() + "".join(f"[{q.n}]" for q in quotes))
    return lines, citations


def quoted_answer(
    question: str, lines: Sequence[str], citations: Sequence[Citation], version: Version, versions: Mapping[str, Version]
) -> Answer:
    """Lines quoted from one version of a document as an answer, said to be superseded when that version is."""
    lines = list(lines)
    if not version.current:
        current = versions.get(version.current_id)
        now = f"现行文本（{current.label}）" if current is not None else "现行文本"
        lines.append(f"以上引自《{version.title.strip('《》')}》{version.label}的文本，该文本已被{now}取代，不是现行规定。")
    return Answer(
        question,
        "\n".join(lines),
        refused=False,
        verified=True,
        citations=stamp(list(citations), versions),
        superseded=not version.current,
    )


def span_citations(source: VersionSource, doc_id: str, text: str, start: int, end: int, first: int) -> list[Citation]:
    """Citations quoting the document's ``text`` from ``start`` to ``end``, numbered from ``first``: one per chunk
    it runs over."""
    out: list[Citation] = []
    at = start
    while at < end:
        chunk = source.chunk_at(doc_id, at)
        if chunk is None or chunk.end <= at:
            break
        stop = min(end, chunk.end)
        out.append(citation_for(first + len(out), Hit(chunk, 0.0, 0), at - chunk.start, stop - chunk.start))
        at = stop
        while at < end and text[at].isspace():  # the space between chunks
            at += 1
    return out


def _layout(article: Article) -> tuple[list[tuple[int, int]], list[tuple[tuple[int, int], list[tuple[int, int]]]]]:
    """An article's paragraphs (款: lines that are not items, each with the items under it) and its lists (the
    line that opens each, and its items （一）（二）…), as offsets in the article's text."""
    lines: list[tuple[int, int]] = []
    at = 0
    for line in article.text.split("\n"):
        if line.strip():
            indent = len(line) - len(line.lstrip())
            lines.append((at + indent, at + len(line.rstrip())))
        at += len(line) + 1
    paragraphs: list[tuple[int, int]] = []
    lists: list[tuple[tuple[int, int], list[tuple[int, int]]]] = []
    for start, end in lines:
        if _ITEM.match(article.text[start:end]) and paragraphs:
            paragraphs[-1] = (paragraphs[-1][0], end)
            lead = _lead_line(lines, start, article)
            if not lists or lists[-1][0] != lead:
                lists.append((lead, []))
            lists[-1][1].append((start, end))
        else:
            paragraphs.append((start, end))
    return paragraphs, lists


def _lead_line(lines: Sequence[tuple[int, int]], start: int, article: Article) -> tuple[int, int]:
    """The last line before ``start`` that is not an item: the line that opens a list."""
    return next(line for line in reversed(lines) if line[0] < start and not _ITEM.match(article.text[line[0] : line[1]]))


def _text(article: Article, span: tuple[int, int]) -> str:
    return article.text[span[0] : span[1]]


def _named(question: str, versions: Mapping[str, Version], ids: Sequence[str]) -> list[str]:
    """The documents ``question`` names by title (`assistant.versions.best_named`)."""
    return list(best_named(question, {d: versions[d].title for d in ids}))


def _in_order(name: str, key: str) -> bool:
    """Whether every character of ``name`` stands in ``key`` in order (义教法 in 义务教育法)."""
    at = 0
    for ch in name:
        at = key.find(ch, at) + 1
        if at == 0:
            return False
    return True


def _labels(numbers: Sequence[int]) -> str:
    """第十二条、第一百零三条."""
    return "、".join(f"第{numerals.write(n)}条" for n in numbers)


def _refusal(question: str, text: str) -> Answer:
    return Answer(question, text, refused=True, verified=False)
