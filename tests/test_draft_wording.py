"""Drafting when the request's words are not the documents' (tests/data/drafting/wording/): an abbreviation
the documents spell out (教代会 → 教职工代表大会), an everyday word with an official synonym (校园 → 学校);
and a section that covers its sub-topic's distinct facts rather than one fact in several passages' words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.abbrev import expansions, spell_out, spelled_out
from assistant.draft import (
    MISSING_TEXT,
    Draft,
    Drafter,
    DraftSettings,
    _is_statement,
    _novelty,
    _Point,
    _sentences,
)
from assistant.types import Hit
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.types import Chunk

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "wording"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    settings = hashing_settings(tmp_path_factory.mktemp("wording"))
    svc = GovdocService(settings)
    report = svc.ingest([DOCS])
    assert not report.errors and report.added
    yield svc
    svc.close()


def _quotes(draft: Draft, heading: str) -> list[str]:
    text = next(s.text for s in draft.sections if s.heading == heading)
    by_n = {c.n: c.quote for c in draft.citations}
    return [by_n[int(n)] for n in re.findall(r"\[(\d+)\]", text)]


def test_an_abbreviation_is_spelled_out_from_the_documents_own_wording() -> None:
    texts = ["学校每学年召开教职工代表大会。", "学生违反校规校纪的，学校应当进行批评教育。", "幼儿园与小学应当互相衔接。"]
    assert spelled_out("教代会", texts) == "教职工代表大会"
    assert spelled_out("违纪", texts) == "违反校规校纪"
    assert spelled_out("幼小", texts) == "幼儿园与小学"  # the run ends where the word holding 小 ends
    # Characters too far apart, across a clause break, or not opening a word spell nothing out.
    assert spelled_out("教会", ["教职工代表在本学年的全体大会"]) == ""
    assert spelled_out("违纪", ["违反规定，遵守纪律"]) == ""
    assert not expansions("职会", ["教职工代表大会"])  # 职 opens no word there
    # The documents' most frequent run wins; a word the documents use is left alone.
    assert spelled_out("教代会", ["教职工代表大会", "教职工代表大会", "教师代表大会"]) == "教职工代表大会"
    assert spell_out(["教代会", "批评"], texts, known=lambda w: w == "批评") == {"教代会": "教职工代表大会"}
    assert spell_out(["教代会"], ["学校召开教代会。", *texts], known=lambda w: False) == {}


def test_a_sub_topic_named_by_its_abbreviation_is_drafted_from_the_full_term(service: GovdocService) -> None:
    draft = service.draft("写个情况报告：我校民主管理的情况（教代会、违纪学生的教育）", who=LOCAL)
    assert [s.heading for s in draft.sections] == ["教代会", "违纪学生的教育"]
    assert not draft.missing
    assert any("教职工代表大会" in q for q in _quotes(draft, "教代会"))
    assert any("违反校规校纪" in q for q in _quotes(draft, "违纪学生的教育"))


def test_an_everyday_word_is_drafted_from_its_official_synonym(service: GovdocService) -> None:
    draft = service.draft("写个情况报告：我校卫生和安全工作（校园卫生、学生教育）", who=LOCAL)
    section = next(s for s in draft.sections if s.heading == "校园卫生")
    assert section.text != MISSING_TEXT.format(heading="校园卫生")
    assert any("卫生" in q and "学校" in q for q in _quotes(draft, "校园卫生"))


def _point(chunk_id: str, text: str, score: float) -> _Point:
    chunk = Chunk(chunk_id, "d", "办法", "办法.md", "", None, 0, len(text), text)
    return _Point(Hit(chunk=chunk, score=1.0, rank=1), 0, len(text), score)


def test_the_next_point_states_something_new_before_another_passage_restates() -> None:
    first = _point("a", "学校应当建立食堂食品安全管理制度，明确食品安全管理人员。", 1.0)
    new_fact = _point("a", "发现变质食材的，学校应当立即停止使用并报告主管部门。", 0.8)
    restated = _point("b", "学校食堂应当建立食品安全管理制度，明确食品安全管理人员职责。", 0.9)
    chosen = [first]
    assert _novelty(new_fact, chosen, 1.0, 0.5) > _novelty(restated, chosen, 1.0, 0.5)
    # With nothing chosen yet, the score alone decides.
    assert _novelty(restated, [], 1.0, 0.5) > _novelty(new_fact, [], 1.0, 0.5)
    # Two sentences of one passage that say different things still weigh less than two passages'.
    other = _point("c", "发现变质食材的，学校应当立即停止使用并报告主管部门。", 0.8)
    assert _novelty(other, chosen, 1.0, 0.5) > _novelty(new_fact, chosen, 1.0, 0.5)


def test_a_laws_purpose_and_commencement_are_no_point_of_a_report() -> None:
    text = "第一条 为了规范学校管理，保障教育教学秩序，制定本条例。第二条 学校应当建立安全管理制度。第三十条 本条例自公布之日起施行。"
    points = [text[a:b] for a, b in _sentences(text) if _is_statement(text, a, b, [])]
    assert points == ["第二条 学校应当建立安全管理制度。"]


def test_sentences_of_the_law_the_request_says_to_follow_score_more(service: GovdocService) -> None:
    drafter = Drafter(service.retriever, service.extractive)
    plain = {c.key: c.score for c in drafter._plan("安全工作", "安全检查", "学校").candidates}
    named = drafter._plan("安全工作", "安全检查", "学校", ("校园安全示范规定",)).candidates
    assert {c.hit.chunk.doc_title for c in named} >= {"校园安全示范规定", "学校民主管理示范办法"}
    for c in named:
        extra = DraftSettings().basis_bonus if c.hit.chunk.doc_title == "校园安全示范规定" else 0.0
        assert c.score == pytest.approx(plain[c.key] + extra)


def test_a_short_numbered_line_followed_by_its_sibling_is_an_item_not_a_heading() -> None:
    text = (
        "1.校长全面负责学校的行政管理工作情况。\n(1)校长主持学校日常工作,定期听取各部门汇报。\n"
        "2.涉及教职工切身利益的事项都征询教代会意见。\n3.教代会每年对校长进行一次民主测评。"
    )
    points = [text[a:b] for a, b in _sentences(text) if _is_statement(text, a, b, [])]
    assert "1.校长全面负责学校的行政管理工作情况。" not in points  # a heading: deeper items follow
    assert "2.涉及教职工切身利益的事项都征询教代会意见。" in points  # an item: its sibling follows
    assert "3.教代会每年对校长进行一次民主测评。" in points  # the last item: its sibling precedes it
    assert any(p.startswith("(1)校长主持") for p in points)
