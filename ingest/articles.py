"""Articles of a document, and the change of one article between two versions.

A law is read article by article (第X条 up to the next article or heading); a document without
articles, paragraph by paragraph. Which article of one version became which of the other is decided by
`ingest.revision.compare`, by their text, not their number; `counterpart` finds, in a changed
article's successor, the lines that replaced a quoted one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from ingest.structure import ARTICLE_LABEL, marker_kind, sentence_spans

SIMILAR = 0.5  # Dice share of character pairs for two articles to be one article changed
IN_PLACE = 0.3  # the same, for two articles standing in the same place between paired neighbours
ChangeKind = Literal["same", "changed", "deleted", "added"]
_SPACE = re.compile(r"\s+")
# An article's label with the space after it (第十二条 ), as a version comparison sets it aside.
LEADING_LABEL = re.compile(r"^第[一二三四五六七八九十百零〇\d]+条[\s　]*")


@dataclass(frozen=True)
class Article:
    """One article (or paragraph): ``text == document_text[start:end]``; ``label`` 第十三条, or "" for a paragraph."""

    label: str
    start: int
    end: int
    text: str

    @property
    def body(self) -> str:
        """The text without its label and spacing, what two versions are compared on."""
        return normalized(LEADING_LABEL.sub("", self.text))


@dataclass(frozen=True)
class Change:
    """One article across two versions: its old and new text (None where absent) and how alike they are."""

    kind: ChangeKind
    old: Article | None
    new: Article | None
    similarity: float


def articles(text: str) -> list[Article]:
    """The articles of a document's text, or its paragraphs when it has fewer than three articles.

    An article runs from its 第X条 line to the next article or heading line (第X章, 第X节); the title
    line and the notes above the first article are not an article.
    """
    lines = _lines(text)
    starts = [i for i, (a, b) in enumerate(lines) if ARTICLE_LABEL.match(text[a:b])]
    if len(starts) < 3:
        return [Article("", a, b, text[a:b]) for a, b in lines[1:] if text[a:b].strip()]
    out = []
    for n, i in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(lines)
        end_line = i
        for j in range(i + 1, stop):
            kind = marker_kind(text[lines[j][0] : lines[j][1]].strip())
            if kind in ("part", "chapter", "section"):
                break
            end_line = j
        a, b = lines[i][0], lines[end_line][1]
        label = ARTICLE_LABEL.match(text[a:b])
        out.append(Article(label.group(0) if label else "", a, b, text[a:b]))
    return out


def normalized(text: str) -> str:
    """Text as compared across versions: full-width forms folded (（一） and (一) alike), no spacing."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character pairs of two texts (1.0 for equal texts)."""
    if a == b:
        return 1.0
    x, y = _pairs(a), _pairs(b)
    return 2 * len(x & y) / (len(x) + len(y))


def article_at(text: str, offset: int) -> Article | None:
    """The article (or paragraph) of ``text`` that holds ``offset``."""
    return next((a for a in articles(text) if a.start <= offset < max(a.end, a.start + 1)), None)


def articles_in(text: str, start: int, end: int) -> list[Article]:
    """The articles (or paragraphs) of ``text`` that the span ``start``–``end`` overlaps, in order."""
    return [a for a in articles(text) if a.start < max(end, start + 1) and start < max(a.end, a.start + 1)]


WHOLE = 0.8  # a quote this share of its article's length stands for the whole article
MIN_SENTENCE = 12  # a sentence of a rewritten line is matched alone only when at least this long
NEARBY = 0.1  # how much more alike a line elsewhere must be than one in the paired article to be chosen
# A character pair standing in at least this share of a version's articles (and in at least COMMON_MIN of
# them) is its boilerplate (违反本条例的规定，…责令改正，处…罚款): a line elsewhere stands for a deleted
# article only by the pairs the two share beyond it, or a deleted penalty would pass for any other penalty.
# (A line of a changed article, which has its partner, may move elsewhere on its plain likeness.)
COMMON_SHARE = 0.1
COMMON_MIN = 3
CONTENT = 0.2  # the share of character pairs beyond the boilerplate two lines need to be one rule
# A quoted line or sentence alike no line of the new version may stand within a longer one (a sentence moved
# into another article and joined to its clauses: 读者须持本人借阅证。 within …，读者须持本人借阅证，遵守…):
# a line holding this share of its character pairs beyond the boilerplate, clause by clause, carries it on,
# when it has at least `MIN_CARRIED` such pairs.
CARRIED = 0.8
MIN_CARRIED = 6
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?、]")


def counterpart(quote: str, change: Change, new_text: str, max_chars: int = 600) -> Article | None:
    """What in the new version took the place of ``quote`` (text of ``change.old``): None when nothing did.

    Each line of the quote is matched to the most alike line or sentence of the new version: one in the
    paired article needs `IN_PLACE` of its character pairs, one elsewhere `SIMILAR` and `NEARBY` more
    (a paragraph moved to another article). Two lines alike only in the version's boilerplate (违反本法
    规定，…责令改正，处…罚款: the pairs in `COMMON_SHARE` of its articles) are not one rule: a line elsewhere,
    and any line when the article was paired only by its place (less than `SIMILAR` alike), also needs
    `CONTENT` of its pairs beyond that boilerplate (`SIMILAR` for a deleted article's line elsewhere,
    whose rule may be kept anywhere). Of lines alike, one opening on the quoted line's subject
    (`subject_of`: the body or the act it regulates) is preferred. The answer is the whole article the
    matches lie in when it is at most ``max_chars`` long (or the quote is nearly its whole article), else
    the span of the matches; with no match, the paired article when the quote shares `CONTENT` of its
    pairs beyond the boilerplate with it, else nothing: a rewritten article that no current article
    carries on has no counterpart, rather than a wrong one. The result is labelled with its article.
    """
    old = change.old
    all_articles = articles(new_text)
    # Each line and sentence as it is compared, once for all the quote's lines: renumbering says
    # nothing of likeness.
    pieces = [(p, normalized(LEADING_LABEL.sub("", p.text.strip()))) for p in _pieces(new_text, all_articles)]
    paired = change.new
    common = _common_pairs(all_articles)
    article_subject = subject_of(old.body) if old is not None else ""
    # Lines inside a paired article that compare found alike by its text are trusted as they are; an
    # article paired only by standing in the same place must share content beyond the boilerplate.
    loose = paired is None or change.similarity < SIMILAR
    matches: list[Article] = []
    for line in (x for x in quote.split("\n") if normalized(x)):
        topic = subject_of(line) or article_subject
        best = _most_alike(normalized(LEADING_LABEL.sub("", line.strip())), pieces, paired, common, loose, topic)
        if best is None:
            # A rewritten line may keep one of its sentences (…；对顶岗实习的，应当按时发放实习补贴。).
            parts = [normalized(line[a:b]) for a, b in sentence_spans(line)]
            found = [
                m
                for part in parts
                if len(part) >= MIN_SENTENCE and (m := _most_alike(part, pieces, paired, common, loose, topic))
            ]
            best = found[0] if found else None
        if best is None:
            # Moved and joined to other clauses, it stands within a longer line elsewhere (or here).
            body = normalized(LEADING_LABEL.sub("", line.strip()))
            parts = [body, *(normalized(line[a:b]) for a, b in sentence_spans(line))]
            best = next((m for part in parts if (m := _carrying(part, pieces, common)) is not None), None)
        if best is not None:
            matches.append(best)
    if not matches:
        if paired is not None and _content_share(normalized(quote), paired.body, common) >= CONTENT:
            return paired
        return None
    home = next((a for a in all_articles if a.start <= matches[0].start < a.end), None)
    whole = old is not None and len(normalized(quote)) >= WHOLE * len(old.body)
    if home is not None and (len(home.text) <= max_chars or (whole and home == paired)):
        return home
    same = [m for m in matches if home is None or home.start <= m.start < home.end]
    start, end = min(m.start for m in same), max(m.end for m in same)
    return Article(matches[0].label, start, end, new_text[start:end])


def _clause_pairs(text: str) -> set[str]:
    """The character pairs of ``text`` within its clauses (none across a comma or a stop)."""
    return {p for clause in _CLAUSE_BREAK.split(text) if len(clause) > 1 for p in _pairs(clause)}


def _carrying(part: str, pieces: list[tuple[Article, str]], common: frozenset[str]) -> Article | None:
    """The line or sentence of ``pieces`` that holds `CARRIED` of ``part``'s clause pairs beyond the boilerplate
    (at least `MIN_CARRIED` of them), the most of it; None when none does."""
    wanted = _clause_pairs(part) - common
    if len(wanted) < MIN_CARRIED:
        return None
    best: tuple[float, Article] | None = None
    for p, text in pieces:
        share = len(wanted & _clause_pairs(text)) / len(wanted)
        if share >= CARRIED and (best is None or share > best[0]):
            best = (share, p)
    return best[1] if best else None


def _common_pairs(arts: list[Article]) -> frozenset[str]:
    """The character pairs of a version's boilerplate: those in at least `COMMON_SHARE` of its articles
    (and `COMMON_MIN`)."""
    counts: Counter[str] = Counter(p for a in arts for p in _pairs(a.body))
    least = max(COMMON_MIN, COMMON_SHARE * len(arts))
    return frozenset(p for p, n in counts.items() if n >= least)


def _distinct_similarity(a: str, b: str, common: frozenset[str]) -> float:
    """`similarity` of two texts on their character pairs outside ``common`` (0.0 when none is left)."""
    if a == b:
        return 1.0
    x, y = _pairs(a) - common, _pairs(b) - common
    return 2 * len(x & y) / (len(x) + len(y)) if x or y else 0.0


def _content_share(quote: str, body: str, common: frozenset[str]) -> float:
    """The share of ``quote``'s character pairs outside ``common`` that ``body`` holds too (0.0 when none is left)."""
    x = _pairs(quote) - common
    return len(x & _pairs(body)) / len(x) if x else 0.0


# Words that end the subject an article opens with (国务院统计机构|负责…, 县级以上人民政府|应当…).
_SUBJECT_END = re.compile(r"[，,：:；;。（(]|应当|可以|不得|必须|负责|依照|依法|按照|根据|实行|有权|违反")
SUBJECT_BONUS = 0.05  # how much more alike a line counts when its article opens on the quote's subject


def subject_of(body: str) -> str:
    """What an article is about, as it opens: the body or the act before its first verb of duty or
    comma (国务院统计机构负责… -> 国务院统计机构; 违反本法规定，… -> the act after that clause); "" when short."""
    text = normalized(LEADING_LABEL.sub("", body))
    if text.startswith("违反"):
        # A penalty names its act after the clause on what it breaks (违反本法规定，私设会计账簿的，…).
        comma = re.search(r"[，,]", text)
        text = text[comma.end() :] if comma else ""
    m = _SUBJECT_END.search(text)
    head = text[: m.start()] if m else text[:20]
    return head if len(head) >= 2 else ""


def _same_subject(a: str, b: str) -> bool:
    # 县级人民政府… and 省级人民政府… differ by one character and are two bodies: one must hold the other.
    # A subject of two characters (国家, 企业) is too common to tell one article from another.
    return len(a) >= 3 and len(b) >= 3 and (a in b or b in a)


def _most_alike(
    body: str,
    pieces: list[tuple[Article, str]],
    paired: Article | None,
    common: frozenset[str],
    loose: bool = False,
    topic: str = "",
) -> Article | None:
    """The line or sentence most alike ``body``: in the paired article at least `IN_PLACE` alike, elsewhere
    at least `SIMILAR` alike and `NEARBY` more than the best in the paired article. A line elsewhere, and
    when ``loose`` (the article was deleted, or paired only by its place) any line, must also share
    `CONTENT` of its pairs beyond the ``common`` ones (for a deleted article's line elsewhere, be `SIMILAR`
    alike on those pairs alone). A line opening on ``topic`` (the quoted line's subject, `subject_of`)
    counts `SUBJECT_BONUS` more. ``pieces`` are the lines and sentences with their text as compared
    (normalized, article label dropped). None when none is."""
    best: tuple[float, Article] | None = None
    for p, text in pieces:
        inside = paired is not None and paired.start <= p.start < paired.end
        if not inside and paired is None:
            score = _distinct_similarity(body, text, common)
        else:
            score = similarity(body, text)
            if score >= IN_PLACE and (loose or not inside) and _distinct_similarity(body, text, common) < CONTENT:
                continue
        if score < (IN_PLACE if inside else SIMILAR):
            continue
        ranked = score + (NEARBY if inside else 0.0)
        if _same_subject(topic, subject_of(text)):
            ranked += SUBJECT_BONUS
        if best is None or ranked > best[0]:
            best = (ranked, p)
    return best[1] if best else None


def _pieces(text: str, arts: list[Article]) -> list[Article]:
    """Every line and sentence of the articles, each labelled with its article."""
    out = []
    for art in arts:
        for a, b in _lines(text[art.start : art.end]):
            a, b = art.start + a, art.start + b
            line = text[a:b].strip()
            if not line:
                continue
            out.append(Article(art.label, a, b, text[a:b]))
            spans = sentence_spans(text, a, b)
            if len(spans) > 1:
                out += [Article(art.label, x, y, text[x:y]) for x, y in spans]
    return out
