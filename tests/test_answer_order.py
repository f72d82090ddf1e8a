"""An answer quotes the sentence that answers first: within its article when that sentence stands on its own,
and its whole article before an article read earlier."""

from __future__ import annotations

import pytest

from assistant.answer import Candidate, ExtractiveAnswerer, _best_article_first
from assistant.types import Hit
from ingest.types import Chunk

ARTICLE = (
    "第七十五条 国家建立统一的未成年人网络游戏电子身份认证系统。"
    "网络游戏服务提供者不得在每日二十二时至次日八时向未成年人提供网络游戏服务。"
    "但是，经监护人同意的除外。\n"
    "第七十六条 网络直播服务提供者不得为未满十六周岁的未成年人提供网络直播发布者账号注册服务。\n"
    "第七十七条 本法中下列用语的含义：\n（一）网络游戏，是指通过信息网络提供的游戏产品和服务。"
)


def _hit(section: str = "第五章 网络保护 > 第七十五条～第七十六条") -> Hit:
    return Hit(Chunk("c", "d", "某保护法", "d.md", section, None, 0, len(ARTICLE), ARTICLE), 1.0, 1)


def _candidate(hit: Hit, piece: str, score: float) -> Candidate:
    a = ARTICLE.index(piece)
    return Candidate(hit, a, a + len(piece), piece, score)


def _compose(chosen: list[Candidate]) -> str:
    text, _ = ExtractiveAnswerer._compose(None, chosen, _best_article_first(chosen))  # type: ignore[arg-type]
    return text


RULE = "网络游戏服务提供者不得在每日二十二时至次日八时向未成年人提供网络游戏服务。"
SYSTEM = "第七十五条 国家建立统一的未成年人网络游戏电子身份认证系统。"
LIVE = "第七十六条 网络直播服务提供者不得为未满十六周岁的未成年人提供网络直播发布者账号注册服务。"


@pytest.mark.parametrize(
    ("best", "other", "first", "then", "quotes"),
    [
        # The sentence that answers leads its article when it stands on its own: read out of order, two quotes.
        (RULE, SYSTEM, "二十二时", "认证系统", 2),
        # One that leans on the sentence before it (但是…) keeps the article's order: side by side, one quote.
        ("但是，经监护人同意的除外。", RULE, "二十二时", "但是", 1),
        # The article that answers is read before an article read earlier.
        (LIVE, SYSTEM, "网络直播", "认证系统", 2),
        # An item that scores best (a definition) is read where its list stands, after the rule.
        ("（一）网络游戏，是指通过信息网络提供的游戏产品和服务。", RULE, "二十二时", "是指", 2),
    ],
)
def test_the_sentence_that_answers_is_read_first(best: str, other: str, first: str, then: str, quotes: int) -> None:
    hit = _hit()
    text = _compose([_candidate(hit, best, 0.9), _candidate(hit, other, 0.5)])
    assert text.index(first) < text.index(then), text
    assert text.count("[") == quotes, text
