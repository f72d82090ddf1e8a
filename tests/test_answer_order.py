"""An answer quotes the sentence that answers first: within its article when that sentence stands on its own,
and its whole article before an article read earlier."""

from __future__ import annotations

from assistant.answer import Candidate, ExtractiveAnswerer, _best_article_first
from assistant.types import Hit
from ingest.types import Chunk

ARTICLE = (
    "第七十五条 国家建立统一的未成年人网络游戏电子身份认证系统。"
    "网络游戏服务提供者不得在每日二十二时至次日八时向未成年人提供网络游戏服务。"
    "但是，经监护人同意的除外。\n"
    "第七十六条 网络直播服务提供者不得为未满十六周岁的未成年人提供网络直播发布者账号注册服务。"
)


def _hit(section: str = "第五章 网络保护 > 第七十五条～第七十六条") -> Hit:
    return Hit(Chunk("c", "d", "某保护法", "d.md", section, None, 0, len(ARTICLE), ARTICLE), 1.0, 1)


def _candidate(hit: Hit, piece: str, score: float) -> Candidate:
    a = ARTICLE.index(piece)
    return Candidate(hit, a, a + len(piece), piece, score)


def _compose(chosen: list[Candidate]) -> str:
    text, _ = ExtractiveAnswerer._compose(None, chosen, _best_article_first(chosen))  # type: ignore[arg-type]
    return text


def test_the_sentence_that_answers_leads_its_article_when_it_stands_on_its_own() -> None:
    hit = _hit()
    best = _candidate(hit, "网络游戏服务提供者不得在每日二十二时至次日八时向未成年人提供网络游戏服务。", 0.9)
    first = _candidate(hit, "第七十五条 国家建立统一的未成年人网络游戏电子身份认证系统。", 0.5)
    text = _compose([best, first])
    assert text.index("二十二时") < text.index("认证系统"), text
    assert text.count("[") == 2  # read out of order, the two are two quotes


def test_a_sentence_that_leans_on_the_one_before_keeps_the_articles_order() -> None:
    hit = _hit()
    leaning = _candidate(hit, "但是，经监护人同意的除外。", 0.9)
    rule = _candidate(hit, "网络游戏服务提供者不得在每日二十二时至次日八时向未成年人提供网络游戏服务。", 0.6)
    text = _compose([leaning, rule])
    assert text.index("二十二时") < text.index("但是"), text
    assert text.count("[") == 1  # side by side in reading order: one quote


def test_the_article_that_answers_is_read_before_an_article_read_earlier() -> None:
    hit = _hit()
    best = _candidate(hit, "第七十六条 网络直播服务提供者不得为未满十六周岁的未成年人提供网络直播发布者账号注册服务。", 0.9)
    first = _candidate(hit, "第七十五条 国家建立统一的未成年人网络游戏电子身份认证系统。", 0.5)
    text = _compose([best, first])
    assert text.index("网络直播") < text.index("认证系统"), text
