"""The parts a genre never goes without (assistant.genre `Genre.required`): a 自查报告 whose request names
its parts still finds problems and says how they are put right, and those parts state what was found in the
parts the person named, not any shortcoming of the folder (tests/data/drafting/required/, invented)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Draft
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "required"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("required")))
    assert not svc.ingest([DOCS / "星光小学本学期工作情况.md"], role="own").errors
    yield svc
    svc.close()


def _section(draft: Draft, heading: str) -> str:
    return next(s.text for s in draft.sections if s.heading == heading)


def test_a_self_inspection_of_named_parts_has_its_problems_and_remedies(service: GovdocService) -> None:
    draft = service.draft("帮学校写个某新提法落实情况的自查报告，就讲图书借阅和午休管理两块，800字", who=LOCAL)
    headings = [s.heading for s in draft.sections]
    assert headings[:2] == ["图书借阅", "午休管理"]
    assert "存在问题" in headings and "整改措施" in headings
    problems = _section(draft, "存在问题")
    # The shortcomings of the parts named, from our own report…
    assert "图书借阅的时间偏少" in problems and "值班记录不够完整" in problems
    # …not one on another matter that shares only a frame word of the topic (落实 of 某新提法落实情况).
    assert "围墙" not in problems


def test_a_report_of_named_parts_gets_no_parts_its_genre_does_not_require(service: GovdocService) -> None:
    draft = service.draft("帮学校写个汇报材料，就讲图书借阅和午休管理两块，600字", who=LOCAL)
    assert [s.heading for s in draft.sections] == ["图书借阅", "午休管理"]


KINDS = Path(__file__).resolve().parent / "data" / "drafting" / "kinds"


@pytest.fixture(scope="module")
def with_law(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("rules")))
    assert not svc.ingest([KINDS / "学校安全示范条例.md"]).errors  # a made-up regulation, a policy by its title
    assert not svc.ingest([KINDS / "第一中学安全工作情况.txt"], role="own").errors
    yield svc
    svc.close()


def test_the_rules_of_a_policy_the_request_names_are_stated_alone(with_law: GovdocService) -> None:
    draft = with_law.draft("帮我把学校安全示范条例里关于校长、学校的规定整理成学习资料", who=LOCAL)
    assert draft.citations and {c.doc_title for c in draft.citations} == {"学校安全示范条例"}
    assert "学校应当建立安全工作责任制" in draft.text
    assert not draft.preface  # a study paper on the rules does not open with our unit's size
    assert "【请填写" not in draft.text  # nor asks what we did about them


def test_rules_of_no_policy_the_request_names_still_take_our_material(with_law: GovdocService) -> None:
    # A report on how we follow the rules, naming no policy by title: our own facts stay in.
    draft = with_law.draft("请帮忙起草汇报，讲讲我校安全工作领导小组和消防疏散演练", who=LOCAL)
    assert "第一中学安全工作情况" in {c.doc_title for c in draft.citations}
