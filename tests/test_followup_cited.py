"""A follow-up prefers the documents the previous answer quoted (`assistant.cited`).

The fixtures (tests/data/stall_and_pier) are two invented rules, one on night-market stalls and one on boat
piers, written alike: where to apply, what is paid, whose consent a transfer needs, where to apply for a
temporary place.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from index_checks import service_over

from assistant.cited import cited_documents, prefer_cited, quoted_lines
from assistant.sources import previous_answer
from assistant.types import REFUSAL, Answer, Citation
from govdoc.accounts import LOCAL
from ingest.types import Chunk

FIXTURES = Path(__file__).parent / "data" / "stall_and_pier"
STALL = "第四条 摊主转让摊位的，应当事先报街道办事处同意。[1]"
FIRST = "转让摊位事先要经过谁点头？"


def _chunk(doc_id: str, text: str) -> Chunk:
    return Chunk(id=doc_id + "#0", doc_id=doc_id, doc_title=doc_id, source=doc_id, section="", page=None, start=0, end=len(text), text=text)


def test_the_longest_line_before_each_marker_is_what_was_quoted() -> None:
    answer = "第九条 下列物品不得带入：\n（一）易燃物品；\n（二）管制刀具。[1]\n短句。[2]\n第三条 门票当日有效。【3】"
    assert quoted_lines(answer, min_chars=6) == ["第九条 下列物品不得带入：", "第三条 门票当日有效。"]
    assert quoted_lines("资料中未找到相关内容。", min_chars=6) == []


def test_a_document_counts_as_cited_only_when_it_holds_the_quoted_line() -> None:
    chunks = [
        _chunk("aquarium", "第三条 门票当日有效，\n逾期作废。"),
        _chunk("museum", "第三条 门票三日内有效。"),
    ]
    found = cited_documents("第三条 门票当日有效，逾期作废。[1]", lambda _line: chunks, min_chars=6)
    assert found == ["aquarium"]
    assert cited_documents("第三条 门票当日有效，逾期作废。[1]", lambda _line: [], min_chars=6) == []


def test_the_previous_answer_is_the_last_assistant_turn() -> None:
    history = [("user", "甲？"), ("assistant", "一。[1]"), ("user", "乙？"), ("assistant", "二。[1]"), ("user", "丙？")]
    assert previous_answer(history) == "二。[1]"
    assert previous_answer([("user", "甲？")]) == ""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("cited")
    with service_over(FIXTURES, root, embedding={"mode": "hashing"}) as s:
        yield s


def _titles(service: Any, answer: Any) -> set[str]:
    titles = {d.doc_id: d.title for d in service.documents(LOCAL)}
    return {titles[c.doc_id] for c in answer.citations}


def _answer(*doc_ids: str) -> Answer:
    quotes = tuple(
        Citation(n=i, doc_title=d, source=d, section="", page=None, quote="一段原文", chunk_id=d + "#0", doc_id=d, start=0, end=4)
        for i, d in enumerate(doc_ids, 1)
    )
    if not quotes:
        return Answer(question="问", text=REFUSAL, refused=True, verified=False)
    return Answer(question="问", text="一段原文。[1]", refused=False, verified=True, citations=quotes)


def test_an_answer_from_other_documents_only_gives_way_to_the_cited_documents_answer() -> None:
    asked: list[list[str]] = []

    def ask(ids: list[str]) -> Answer:
        asked.append(ids)
        return _answer(*ids)

    assert [c.doc_id for c in prefer_cited(_answer("other"), ["before"], ask).citations] == ["before"]
    assert asked == [["before"]]
    # An answer quoting a cited document stands, as does a refusal; nothing cited, nothing asked.
    for kept, cited in ((_answer("other", "before"), ["before"]), (_answer(), ["before"]), (_answer("other"), [])):
        assert prefer_cited(kept, cited, ask) is kept
    assert asked == [["before"]]
    # The cited documents do not answer: the answer from elsewhere stands.
    elsewhere = _answer("other")
    assert prefer_cited(elsewhere, ["before"], lambda _ids: _answer()) is elsewhere


def test_the_service_finds_the_document_a_previous_answer_quoted(service: Any) -> None:
    titles = {d.doc_id: d.title for d in service.documents(LOCAL)}
    found = service.cited_before([("user", FIRST), ("assistant", STALL)], None)
    assert [titles[d] for d in found] == ["某市夜市摊位管理规定"]
    assert service.cited_before([("user", "问"), ("assistant", REFUSAL)], None) == []


def test_a_follow_up_the_cited_document_cannot_answer_is_answered_elsewhere(service: Any) -> None:
    answer = service.ask("要是泊位呢？", [("user", FIRST), ("assistant", STALL)], who=LOCAL)
    assert not answer.refused, answer.notes
    assert _titles(service, answer) == {"某市游船码头管理规定"}
    assert "水务部门" in answer.text


def test_a_follow_up_reads_only_the_answer_to_its_own_previous_question() -> None:
    history = [("user", "甲？"), ("assistant", "一。[1]"), ("user", "乙？")]
    assert previous_answer(history, of_last_question=True) == ""
    assert previous_answer([*history, ("assistant", "二。[1]")], of_last_question=True) == "二。[1]"
