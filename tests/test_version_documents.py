"""The current-version preference compares versions of one document only (issue 25): a superseded article of
another document does not displace a current answer unless it answers better than that answer and its own
current version does not answer. Fakes stand for retrieval and the answerer; the judge's rule is its own (`prefer_superseded`)."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from assistant.judge import EvidenceJudge, Verdict
from assistant.types import Answer, Citation, Hit
from assistant.versions import VersionedAnswerer
from ingest.articles import Change
from ingest.version import Version


def _version(doc_id: str, group: str, order: int, current_id: str) -> Version:
    return Version(doc_id, group, f"{doc_id}.md", group, f"20{10 + order}-01-01", "", order, 2, doc_id == current_id, current_id)


VERSIONS = {
    "stat": _version("stat", "统计", 1, "stat"),  # one version: the document the current answer cites
    "acct-old": _version("acct-old", "会计", 1, "acct-new"),
    "acct-new": _version("acct-new", "会计", 2, "acct-new"),
}


def _citation(doc_id: str, quote: str) -> Citation:
    return Citation(1, VERSIONS[doc_id].title, f"{doc_id}.md", "", None, quote, "c", doc_id, 0, len(quote))


def _assessed(decision: str, score: float | None, terms: Sequence[str] = ("登记", "核算")) -> list[Any]:
    """The judge's view of a question whose topic words are ``terms``."""
    chosen = () if score is None else (SimpleNamespace(score=score),)
    view = SimpleNamespace(focus=SimpleNamespace(terms=tuple((t, 1.0) for t in terms)))
    return [SimpleNamespace(verdict=Verdict(decision, 1.0 if decision == "answer" else 0.0), chosen=chosen, view=view)]


class _Answerer:
    """Answers over the documents a retrieval was scoped to: the current 会计 text answers or not as told."""

    def __init__(self, own_current: tuple[str, float | None]) -> None:
        self.own_current = own_current
        self.asked: list[list[str]] = []
        self.answers_only: list[bool] = []  # whether each ask reads only an answer (never a refusal's reasons)

    def answer_assessed(
        self, question: str, hits: Sequence[Any], required: Sequence[str] = (), answers_only: bool = False
    ) -> tuple[Answer, list[Any]]:
        scope = list(hits)
        self.asked.append(scope)
        self.answers_only.append(answers_only)
        decision, score = self.own_current
        return Answer(question, "", decision != "answer", True), _assessed(decision, score)


def _answerer(own: tuple[str, float | None]) -> tuple[VersionedAnswerer, _Answerer]:
    fake = _Answerer(own)

    def retrieve(question: str, ids: list[str] | None) -> list[Hit]:
        return list(ids or [])  # type: ignore[arg-type]

    # The judge's own rule, at margin 0 (its default).
    rule = SimpleNamespace(superseded_margin=0.0)
    judge = SimpleNamespace(prefer_superseded=lambda *a: EvidenceJudge.prefer_superseded(rule, *a))  # type: ignore[arg-type]
    versioned = VersionedAnswerer(retrieve, fake, judge, SimpleNamespace())  # type: ignore[arg-type]
    return versioned, fake


CURRENT = Answer("q", "市统计局统一组织核算。", False, True, (_citation("stat", "市统计局统一组织核算。"),))
GONE = [(_citation("acct-old", "各地各单位统一登记、核算。"), [Change("changed", None, None, 0.5)])]


def test_an_old_article_of_another_document_scoring_below_the_current_answer_is_dropped() -> None:
    versioned, fake = _answerer(("answer", 0.3))
    kept = versioned._against_own_current("q", GONE, CURRENT, _assessed("answer", 0.75), 0.40, VERSIONS, ())  # type: ignore[arg-type]
    assert kept == []
    assert fake.asked == []  # no need to ask the other document's current text


def test_an_old_article_of_another_document_that_its_current_text_answers_as_well_is_dropped() -> None:
    versioned, fake = _answerer(("answer", 0.9))
    kept = versioned._against_own_current("q", GONE, CURRENT, _assessed("answer", 0.5), 0.8, VERSIONS, ())  # type: ignore[arg-type]
    assert kept == []
    assert fake.asked == [["acct-new"]]  # weighed against its own current version only
    assert fake.answers_only == [True]  # only whether, and how well, it answers is read


def test_an_old_article_better_than_the_answer_and_gone_from_its_own_current_text_stays() -> None:
    versioned, _ = _answerer(("refuse", None))
    kept = versioned._against_own_current("q", GONE, CURRENT, _assessed("answer", 0.5), 0.8, VERSIONS, ())  # type: ignore[arg-type]
    assert kept == GONE


def test_an_old_article_of_the_document_the_answer_cites_is_left_to_the_usual_weighing() -> None:
    versioned, fake = _answerer(("answer", 0.9))
    current = Answer("q", "…", False, True, (_citation("acct-new", "各单位统一登记、核算。"),))
    kept = versioned._against_own_current("q", GONE, current, _assessed("answer", 0.75), 0.9, VERSIONS, ())  # type: ignore[arg-type]
    assert kept == GONE and fake.asked == []


def test_an_old_article_of_another_document_adding_no_asked_word_to_the_answer_is_dropped() -> None:
    # The question asks about 核算 alone, which the current answer from another document quotes: the old
    # text of 会计 scores higher and its own current text refuses, yet it answers nothing the answer lacks.
    versioned, fake = _answerer(("refuse", None))
    kept = versioned._against_own_current("q", GONE, CURRENT, _assessed("answer", 0.5, ("核算",)), 0.8, VERSIONS, ())  # type: ignore[arg-type]
    assert kept == []
    assert fake.asked == []
