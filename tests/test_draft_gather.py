"""Gathering a section's facts (tests/data/drafting/gather/, made up): our own report written one fact a
line gives every line to the section on it, our own documents are searched on the heading too, so a long
regulation does not crowd our own material out of a section, and our document titled on the heading is
about it throughout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Drafter, _is_statement, _under, shown_heading
from assistant.types import Hit
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.types import Chunk

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "gather"
OURS = ("我校家长学校本学期为一年级新生家长开设了六次专题讲座", "家长学校由德育处牵头，班主任担任授课教师")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    settings = hashing_settings(tmp_path_factory.mktemp("gather"))
    svc = GovdocService(settings)
    assert not svc.ingest([DOCS / "家长学校示范条例.md"], role="policy").errors
    assert not svc.ingest([DOCS / "我校家庭教育工作情况.txt"], role="own").errors
    school = ["青山中学2024年安全工作总结.txt", "青山中学课后服务工作情况.txt", "青山中学党支部会议纪要.txt"]
    assert not svc.ingest([DOCS / name for name in school], role="own").errors
    yield svc
    svc.close()


def test_every_line_of_our_report_on_the_heading_is_stated_beside_the_rules(service: GovdocService) -> None:
    draft = service.draft("写份情况报告，讲讲家长学校和课后服务", who=LOCAL)
    assert [s.heading for s in draft.sections] == ["家长学校", "课后服务"]
    text = draft.sections[0].text
    for fact in OURS:  # the first is a short line of its own, ending with 。: a fact, not a heading
        assert fact in text
    assert "根据《家长学校示范条例》" in text
    assert {c.role for c in draft.citations} == {"own", "policy"}


def test_a_short_line_is_a_heading_only_when_numbered_or_unfinished() -> None:
    text = "一、家长学校建设\n我校家长学校本学期开设了六次专题讲座。\n1.家长学校的建设情况。\n下一步工作"
    lines = ["一、家长学校建设", "我校家长学校本学期开设了六次专题讲座。", "1.家长学校的建设情况。", "下一步工作"]
    verdict = {line: _is_statement(text, text.index(line), text.index(line) + len(line), []) for line in lines}
    assert verdict == {
        "一、家长学校建设": False,
        "我校家长学校本学期开设了六次专题讲座。": True,
        "1.家长学校的建设情况。": False,
        "下一步工作": False,
    }


class _Scripted:
    """A retriever whose whole-index search finds only the regulation, and a search of some documents those."""

    def __init__(self, law: list[Hit], ours: list[Hit]) -> None:
        self.law, self.ours = law, ours
        self.scopes: list[list[str] | None] = []

    def retrieve(self, query: str, k: int | None = None, doc_ids: list[str] | None = None) -> list[Hit]:
        self.scopes.append(doc_ids)
        found = self.law + self.ours if doc_ids is None else [h for h in self.law + self.ours if h.chunk.doc_id in doc_ids]
        return [h for h in found if doc_ids is not None or h in self.law][: k or 6]


def _hit(doc: str, i: int, score: float) -> Hit:
    chunk = Chunk(id=f"{doc}{i}", doc_id=doc, doc_title=doc, source=doc, section="", page=None, start=0, end=1, text="x")
    return Hit(chunk, score, i)


def test_our_own_documents_are_searched_and_join_below_what_the_index_found() -> None:
    law = [_hit("law", i, 1.0 - i / 10) for i in range(1, 7)]
    ours = [_hit("ours", 1, 1.0)]  # normalised among our documents alone: the best of them, not of the index
    retriever = _Scripted(law, ours)
    drafter = Drafter(retriever, None, roles={"law": "policy", "ours": "own"})  # type: ignore[arg-type]
    hits = drafter._with_own(law, "家长学校", 3)
    assert [h.chunk.id for h in hits] == [*(h.chunk.id for h in law), "ours1"]
    assert hits[-1].score == min(h.score for h in law) and hits[-1].rank == len(law) + 1
    assert retriever.scopes == [["ours"]]  # not the policies: a law searched alone matches by common words


def test_hits_added_from_some_documents_score_no_more_than_the_weakest_found() -> None:
    merged = _under([_hit("d", 1, 0.9), _hit("d", 2, 0.4)], [_hit("d", 3, 1.0), _hit("d", 1, 1.0), _hit("d", 4, 0.2)])
    assert [(h.chunk.id, h.score, h.rank) for h in merged] == [("d1", 0.9, 1), ("d2", 0.4, 2), ("d3", 0.4, 3), ("d4", 0.2, 4)]
    assert _under([], [_hit("d", 3, 1.0)])[0].score == 1.0


def test_a_heading_does_not_name_our_unit_but_still_looks_in_our_material(service: GovdocService) -> None:
    assert shown_heading("我校家长学校") == "家长学校" and shown_heading("我们学校的课后服务") == "课后服务"
    assert shown_heading("我校的做法") == "我校的做法"  # names nothing but what we did
    draft = service.draft("写份情况报告，讲讲我校家长学校", ["我校家长学校"], who=LOCAL)
    assert [s.heading for s in draft.sections] == ["家长学校"]
    assert "我校我校" not in draft.text and "在家长学校方面" in draft.sections[0].text
    assert all(fact in draft.sections[0].text for fact in OURS)


def test_a_line_on_one_thing_a_heading_names_and_a_document_titled_on_it_are_gathered(service: GovdocService) -> None:
    draft = service.draft("帮我写份情况报告，讲安全教育和应急演练、课后服务两块，800字", who=LOCAL)
    assert [s.heading for s in draft.sections] == ["安全教育和应急演练", "课后服务"]
    drills, after_school = (s.text for s in draft.sections)
    # The minutes speak of 安全教育 only, not of 应急演练: one of the two things the heading names.
    assert "会议要求，各年级要把防溺水教育作为暑期前安全教育的重点" in drills
    assert "组织全校师生进行消防疏散演练4次" in drills
    # 青山中学课后服务工作情况 is about 课后服务 throughout, though this line does not say so.
    assert "开设了篮球、合唱、书法、机器人等兴趣社团23个" in after_school
