"""A draft short of its length while our own material holds more on the whole topic
(tests/data/drafting/topic_fill/): a notice opens with the plan of ours it carries out and the shortcoming
behind it; a report states facts on the topic that fit none of its parts under the closest one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "topic_fill"
DOC = next(DOCS.glob("*.txt"))


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("topic_fill")))
    report = svc.ingest([DOCS])
    assert not report.errors and report.added
    yield svc
    svc.close()


def _quotes(text: str, by_n: dict[int, str]) -> list[str]:
    return [by_n[int(n)] for n in re.findall(r"\[(\d+)\]", text)]


def test_a_notice_opens_with_the_shortcoming_and_the_plan_it_carries_out(service: GovdocService) -> None:
    draft = service.draft("图书室夜间开放试点", ["开放时段", "管理员安排"], genre="通知", length=700, who=LOCAL)
    by_n = {c.n: c.quote for c in draft.citations}
    opening = draft.preface
    quoted = _quotes(opening, by_n)
    assert any("夜间开放试点" in q for q in quoted)
    assert any("开放时间偏少" in q for q in quoted)
    # The shortcoming comes first, then the plan, then what the notice is for.
    assert opening.index("开放时间偏少") < opening.index("夜间开放试点")
    # Each is stated once: no part repeats the opening.
    body = "\n".join(s.text for s in draft.sections)
    assert "夜间开放试点" not in body


def test_a_short_report_states_more_on_its_topic_under_the_closest_part(service: GovdocService) -> None:
    draft = service.draft("我校图书室工作", ["藏书", "开放"], genre="汇报材料", length=1200, who=LOCAL)
    by_n = {c.n: c.quote for c in draft.citations}
    every = [q for s in draft.sections for q in _quotes(s.text, by_n)]
    # The outcome on the topic fits neither named part, yet the material holds it and the draft is short.
    assert any("借阅量达到9400人次" in q for q in every)
    # …in the document's own words, under a part that states what was done.
    text = DOC.read_text(encoding="utf-8")
    assert all(q.rstrip("。；") in text for q in every)
