"""What changed between two versions of a document, article by article, read by content.

A revision as a whole rewrites and renumbers most articles, moves them, merges two into one and splits
one into two. Articles (`ingest.articles.articles`) are paired by what they say, not by their number
or place:

- likeness is the Dice share of the two texts' character pairs, each pair weighted by how distinctive it
  is in the two versions (a pair standing in most articles, 应当 or 本条例, weighs little; one standing
  in a few, the name of a body or an act, much), so two articles alike only in their boilerplate are not
  one rule, and an article on one kind of body is not taken for an article on another;
- an article is also compared with some of the other's clauses taken together (a comma ends a clause,
  as a sentence, a paragraph and a listed item do): a rule now the second paragraph of a longer article,
  an article split off from a longer one, or a one-sentence rule now some clauses of a longer sentence;
- the pairs are chosen together, one to one, for the greatest total likeness (a global best matching,
  `scipy.optimize.linear_sum_assignment`), with a small weight for standing in the same place so that
  ties go to the nearer article;
- an old article left without a partner whose rule some sentences of a current article carry
  (merged into it) is paired with that article too, as is a new article that some of an old
  article's sentences carry (split from it); so is one that opens as a sentence of the other nearly word
  for word and that the other carries less closely (an article's opening sentence names what it rules
  on: a part split off that grew new paragraphs); only an old article that no current article or part of one carries
  is ``deleted``, and only a new one that carries no old text is ``added``.

The result lists the changes in the new version's order, each deleted article after the article that
took the place of the nearest kept article before it, so that the deleted articles stay in their own order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ingest.articles import COMMON_MIN, LEADING_LABEL, Article, Change, articles, normalized
from ingest.structure import sentence_spans

PAIR = 0.3  # weighted likeness for two articles to be one article changed
LOOSE = 0.22  # the same, for the articles left once the pairs at `PAIR` are chosen
PART = 0.45  # weighted likeness of an article with some of another's sentences to be carried by it
COVER = 0.25  # weighted share of an article's pairs another must hold before its sentences are read
STRONG = 3  # the power the likeness is raised to when pairs are chosen: one close pair outweighs two loose ones
COMMON_SHARE = 0.25  # the share of a version's articles a character pair stands in to be its boilerplate
CONTENT = 0.15  # likeness beyond the boilerplate two articles need to be one rule
OPENING = 0.6  # likeness beyond the boilerplate of an article's opening sentence with a sentence of another
PLACE = 0.08  # how much standing in the same place counts, at most, when pairs are chosen


_CLAUSE = re.compile(r"[^，,；;。！？!?\n]*(?:[，,；;。！？!?]+[”’）)]*|\n|$)")


@dataclass(frozen=True)
class _Text:
    """An article as compared: its distinct character pairs, whole, for each of its sentences and for each
    of its clauses (a sentence cut at its commas too)."""

    pairs: frozenset[str]
    sentences: tuple[frozenset[str], ...]
    clauses: tuple[frozenset[str], ...]


def compare(old_text: str, new_text: str) -> list[Change]:
    """What changed from ``old_text`` to ``new_text``, article by article (see the module docstring)."""
    old, new = articles(old_text), articles(new_text)
    olds, news = [_text(a) for a in old], [_text(a) for a in new]
    weight, content = _weights(olds, news)
    partner: dict[int, tuple[int, float]] = {}  # old index -> (new index, likeness)
    # The same text is the same article, wherever it went.
    taken: set[int] = set()
    by_body: dict[str, list[int]] = {}
    for j, art in enumerate(new):
        by_body.setdefault(art.body, []).append(j)
    for i, art in enumerate(old):
        free = [j for j in by_body.get(art.body, []) if j not in taken]
        if free:
            partner[i] = (free[0], 1.0)
            taken.add(free[0])
    # The rest, chosen together for the greatest total likeness; then, among those still left, the
    # articles a little less alike (a rule reworded throughout keeps few of its words).
    for least in (PAIR, LOOSE):
        _assign(olds, news, weight, content, partner, taken, least)
    # Merged: an old article whose rule some sentences of a current article carry.
    extra: list[tuple[int, int, float]] = []  # (old, new, likeness) beyond the one-to-one pairs
    for i in range(len(old)):
        if i in partner:
            continue
        best = _carrier(olds[i], news, weight, content)
        if best[0] >= LOOSE:
            extra.append((i, best[1], min(best[0], 0.999)))
    # Split: a new article that some sentences of an old article carry. An old article found whole in a current
    # one (renumbered, word for word) went there entire: nothing of it was split off, however alike its
    # boilerplate reads to a new article's (违反本条例的规定 of every penalty).
    carried_new = {j for _, j, _ in extra}
    whole = [i for i, (_, s) in partner.items() if s == 1.0]
    splittable = [i for i in range(len(old)) if i not in whole]
    for j in range(len(new)):
        if j in taken or j in carried_new:
            continue
        best = _carrier(news[j], [olds[i] for i in splittable], weight, content)
        if best[0] >= LOOSE:
            extra.append((splittable[best[1]], j, min(best[0], 0.999)))
            carried_new.add(j)
    return _ordered(old, new, partner, extra)


def counts(changes: Sequence[Change]) -> dict[str, int]:
    """How many articles each kind of change holds, each article counted once: ``changed`` and ``same``
    count current articles (an article two old ones were merged into is one changed article; an old
    article split into two current ones gives two), ``added`` current articles carrying no old text,
    ``deleted`` old articles no current article carries. ``changed + same + added`` is the number of
    current articles compared.

    Args:
        changes: what `compare` returns.

    Returns:
        The count of each kind: ``changed``, ``deleted``, ``added`` and ``same``.
    """
    new_kinds: dict[int, set[str]] = {}  # current article (its start) -> the kinds of change it carries
    deleted: set[int] = set()
    for c in changes:
        if c.new is not None:
            new_kinds.setdefault(c.new.start, set()).add(c.kind)
        elif c.old is not None:
            deleted.add(c.old.start)
    out = {"changed": 0, "deleted": len(deleted), "added": 0, "same": 0}
    for kinds in new_kinds.values():
        # An article carrying one old article unchanged and another merged into it has changed.
        kind = "changed" if "changed" in kinds or len(kinds) > 1 else next(iter(kinds))
        out[kind] += 1
    return out


def _assign(
    olds: Sequence[_Text],
    news: Sequence[_Text],
    weight: dict[str, float],
    content: dict[str, float],
    partner: dict[int, tuple[int, float]],
    taken: set[int],
    least: float,
) -> None:
    """Pair the articles not yet paired, one to one, for the greatest total likeness (at least ``least``
    each, and `CONTENT` alike beyond the boilerplate), ties going to the articles that stand nearer the
    same place."""
    rest_old = [i for i in range(len(olds)) if i not in partner]
    rest_new = [j for j in range(len(news)) if j not in taken]
    if not rest_old or not rest_new:
        return
    score = np.array([[_likeness(olds[i], news[j], weight, content) for j in rest_new] for i in rest_old])
    place = np.array([[1.0 - abs(i / len(olds) - j / len(news)) for j in rest_new] for i in rest_old])
    gain = np.where(score >= least, (score + PLACE * place) ** STRONG, 0.0)
    from scipy.optimize import linear_sum_assignment  # ~0.35 s to import: only when versions are compared

    rows, cols = linear_sum_assignment(gain, maximize=True)
    for a, b in zip(rows, cols, strict=True):
        if score[a, b] >= least:
            partner[rest_old[a]] = (rest_new[b], min(float(score[a, b]), 0.999))
            taken.add(rest_new[b])


def _ordered(
    old: Sequence[Article], new: Sequence[Article], partner: dict[int, tuple[int, float]], extra: Sequence[tuple[int, int, float]]
) -> list[Change]:
    """The changes in the new version's order, each deleted article after the current article that took
    the place of the nearest kept article before it (so deleted articles keep their own order)."""
    of_new: dict[int, list[tuple[int, float]]] = {}
    for i, (j, s) in partner.items():
        of_new.setdefault(j, []).append((i, s))
    for i, j, s in extra:
        of_new.setdefault(j, []).append((i, s))
    kept_old = {i: j for i, (j, _) in partner.items()}
    for i, j, _ in extra:
        kept_old.setdefault(i, j)
    deleted_after: dict[int, list[int]] = {}  # new index (or -1) -> old articles deleted after it
    last = -1
    for i in range(len(old)):
        if i in kept_old:
            last = max(last, kept_old[i])
        else:
            deleted_after.setdefault(last, []).append(i)
    out = [Change("deleted", old[i], None, 0.0) for i in deleted_after.get(-1, [])]
    for j, art in enumerate(new):
        froms = sorted(of_new.get(j, []))
        if not froms:
            out.append(Change("added", None, art, 0.0))
        for i, s in froms:
            out.append(Change("same" if s == 1.0 else "changed", old[i], art, s))
        out += [Change("deleted", old[i], None, 0.0) for i in deleted_after.get(j, [])]
    return out


def _text(article: Article) -> _Text:
    """An article's pairs, whole and for each of its sentences (a paragraph or a listed item ends one too)."""
    body = LEADING_LABEL.sub("", article.text.strip())
    parts = [normalized(body[x:y]) for x, y in sentence_spans(body)]
    clauses = [normalized(m.group(0)) for m in _CLAUSE.finditer(body)]
    return _Text(_pairs(article.body), tuple(_pairs(p) for p in parts if p), tuple(_pairs(p) for p in clauses if p))


def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) or frozenset([text])


def _weights(olds: Sequence[_Text], news: Sequence[_Text]) -> tuple[dict[str, float], dict[str, float]]:
    """How distinctive each character pair is across the articles of both versions (the log inverse of
    the share of articles holding it); and the same with the pairs of the versions' boilerplate left out
    (those standing in at least `COMMON_SHARE`, and `COMMON_MIN`, of one version's articles: 违反本条例的
    规定，…责令改正，处…罚款), what two articles must still share to be one rule."""
    counts: Counter[str] = Counter(p for t in [*olds, *news] for p in t.pairs)
    common: set[str] = set()
    for texts in (olds, news):
        least = max(COMMON_MIN, COMMON_SHARE * len(texts))
        common |= {p for p, c in Counter(p for t in texts for p in t.pairs).items() if c >= least}
    n = max(len(olds) + len(news), 1)
    weight = {p: math.log(1.0 + n / c) for p, c in counts.items()}
    return weight, {p: w for p, w in weight.items() if p not in common}


def _dice(x: frozenset[str], y: frozenset[str], weight: dict[str, float]) -> float:
    """Dice share of two sets of pairs, each pair counted by its weight."""
    if x == y:
        return 1.0
    total = sum(weight.get(p, 0.0) for p in x) + sum(weight.get(p, 0.0) for p in y)
    if total <= 0.0:
        return 0.0
    return 2 * sum(weight.get(p, 0.0) for p in x & y) / total


def _cover(x: frozenset[str], y: frozenset[str], weight: dict[str, float]) -> float:
    """The weighted share of ``x``'s pairs that ``y`` holds too."""
    total = sum(weight.get(p, 0.0) for p in x)
    return sum(weight.get(p, 0.0) for p in x & y) / total if total > 0.0 else 0.0


def _likeness(a: _Text, b: _Text, weight: dict[str, float], content: dict[str, float]) -> float:
    """How alike two articles are: whole with whole, or one whole with some of the other's sentences
    (counted a little less, as only part of the other carries it); 0.0 when they are less than `CONTENT`
    alike beyond the boilerplate (``content``: the weights without its pairs)."""
    if _alike(a, b, content) < CONTENT:
        return 0.0
    return _alike(a, b, weight)


def _alike(a: _Text, b: _Text, weight: dict[str, float]) -> float:
    return max(
        _dice(a.pairs, b.pairs, weight), 0.9 * _carried(a, b, weight, clauses=True), 0.9 * _carried(b, a, weight, clauses=True)
    )


def _carried(a: _Text, b: _Text, weight: dict[str, float], clauses: bool = False) -> float:
    """How well some of ``b``'s sentences together carry the whole of ``a`` (0.0 when ``b`` holds too little
    of it, or has one sentence): the sentences are taken best first while each makes them more alike
    ``a``, so a rule kept in the first and last paragraphs of a longer article is found as well."""
    units = b.clauses if clauses else b.sentences
    if len(units) < 2 or _cover(a.pairs, b.pairs, weight) < COVER:
        return 0.0
    chosen: frozenset[str] = frozenset()
    best = 0.0
    left = list(units)
    while left:
        score, k = max((_dice(a.pairs, chosen | p, weight), k) for k, p in enumerate(left))
        if score <= best:
            break
        best, chosen = score, chosen | left.pop(k)
    return best


def _carried_rule(a: _Text, b: _Text, weight: dict[str, float], content: dict[str, float]) -> float:
    """`_carried`, or 0.0 when the sentences carry less than `CONTENT` of ``a`` beyond the boilerplate."""
    return _carried(a, b, weight) if _carried(a, b, content) >= CONTENT else 0.0


def _carrier(a: _Text, others: Sequence[_Text], weight: dict[str, float], content: dict[str, float]) -> tuple[float, int]:
    """The article of ``others`` some of whose sentences carry ``a`` best, and how well: at least `PART`
    (`_carried_rule`), or else at least `LOOSE` when ``a`` opens as one of its sentences (`_opens_within`);
    (0.0, -1) when none does."""
    best = max(((_carried_rule(a, b, weight, content), k) for k, b in enumerate(others)), default=(0.0, -1))
    if best[0] >= PART:
        return best
    best = max(((_opens_within(a, b, weight, content), k) for k, b in enumerate(others)), default=(0.0, -1))
    return best if best[0] >= LOOSE else (0.0, -1)


def _opens_within(a: _Text, b: _Text, weight: dict[str, float], content: dict[str, float]) -> float:
    """`_carried` of ``a`` by some of ``b``'s sentences when ``a`` opens with one of them nearly word for word
    (`OPENING` alike beyond the boilerplate): an article's opening sentence names what it rules on, so an
    article that opens as a sentence of another and that other carries in part is a part of it split off
    (or merged into it), however much it added; 0.0 otherwise."""
    if not a.sentences or max((_dice(a.sentences[0], x, content) for x in b.sentences), default=0.0) < OPENING:
        return 0.0
    return _carried(a, b, weight)
