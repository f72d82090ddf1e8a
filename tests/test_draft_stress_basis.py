"""A draft on the genre's standard outline that falls short of its length states more of the basis (tests/data/
drafting/stress/, a made-up regulation and a made-up school's report): when the request names a point to dwell
on (重点突出甲), the rules on the matter itself count too, though they do not name that point."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "stress"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("stress")))
    assert not svc.ingest([DOCS / "德育示范规定.md"], role="policy").errors
    assert not svc.ingest([DOCS / "我校德育工作情况.txt"], role="own").errors
    yield svc
    svc.close()


def test_a_short_draft_states_the_rules_on_its_matter_beside_those_on_the_stressed_point(service: GovdocService) -> None:
    draft = service.draft("写一份我校德育工作的汇报材料，重点突出立德树人，1200字", who=LOCAL)
    assert draft.outline_from == "genre"
    quotes = [c.quote for c in draft.citations if c.role == "policy"]
    assert any("立德树人" in q for q in quotes)  # the rule on the point the request stresses
    # …and the rule on 德育 itself, which does not name 立德树人.
    assert any(q.startswith("学校应当把德育放在首位") for q in quotes)
    assert not any("施行" in q for q in quotes)  # not a rule on something else
