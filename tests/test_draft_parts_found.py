"""What a short report may still draw on: the achievements of the whole topic whatever the genre's outline,
a matter said with the kind of unit before it, every part of a document titled on the topic; and what a
topic of time words alone does not fill."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import (
    _REPORT_PARTS,
    DEFAULT_OUTLINES,
    Drafter,
    _names_matter_beside_time,
    _past_unit_kind,
)
from assistant.evidence import Focus
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService


def test_every_report_on_own_work_searches_the_parts_of_any_such_report() -> None:
    # A 情况报告's outline has no part on achievements, but its facts on the topic include them.
    assert "取得成效" not in DEFAULT_OUTLINES["情况报告"]
    assert "取得成效" in _REPORT_PARTS
    assert all(h in _REPORT_PARTS for h in DEFAULT_OUTLINES["自查报告"])
    assert len(_REPORT_PARTS) == len(set(_REPORT_PARTS))
    # A notice's parts say what is to be done, not what was: no report on own work searches them.
    assert not any(h in _REPORT_PARTS for h in DEFAULT_OUTLINES["通知"])


def test_a_word_opening_with_a_kind_of_unit_is_said_by_the_rest_of_it() -> None:
    assert _past_unit_kind("学校食堂") == "食堂"
    assert _past_unit_kind("幼儿园膳食") == "膳食"
    assert _past_unit_kind("学院图书馆") == "图书馆"
    assert _past_unit_kind("学校") == ""  # nothing left
    assert _past_unit_kind("学校网") == ""  # one character is no word of its own
    assert _past_unit_kind("校园绿化") == ""  # no kind of unit opens it


def test_a_title_holds_the_topic_by_its_main_word_or_by_most_of_it() -> None:
    seen = Focus((("学期", 3.0), ("工作", 1.0)), False, False)
    assert Drafter._titled(seen, "学期", "某镇中心小学秋季学期工作小结", 0.6)
    assert Drafter._titled(seen, "学期", "某镇中心小学学期小结", 0.6)
    assert not Drafter._titled(seen, "学期", "某镇中心小学绿化工作小结", 0.6)
    assert not Drafter._titled(seen, "", "某镇中心小学绿化小结", 0.6)


UPKEEP = Path(__file__).resolve().parent / "data" / "drafting" / "county_upkeep"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("county_upkeep")))
    report = svc.ingest([UPKEEP])
    assert not report.errors and report.added
    yield svc
    svc.close()


def test_a_short_situation_report_states_the_achievement_on_its_topic(service: GovdocService) -> None:
    draft = service.draft("全县学校后勤管理", ["检查", "经费"], genre="情况报告", length=1000, who=LOCAL)
    by_n = {c.n: c.quote for c in draft.citations}
    quoted = [by_n[int(n)] for s in draft.sections for n in re.findall(r"\[(\d+)\]", s.text)]
    # A 情况报告 has no part on achievements, and the sentence names 后勤 but not 学校后勤 whole; it is on the topic.
    assert any("响应率由去年的70%提高到92%" in q for q in quoted)
    # The other matter of the same report (its title joins the two) is not on the topic.
    assert not any("18.6万公里" in q for q in quoted)


def test_a_topic_of_time_and_frame_words_names_no_matter_of_its_own() -> None:
    assert not _names_matter_beside_time("下半年工作")
    assert not _names_matter_beside_time("上半年的情况")
    assert _names_matter_beside_time("今年校园绿化")
    assert _names_matter_beside_time("本学期家访工作")
