"""A regulation defines its terms once, in an article of its own (本条例下列用语的含义：（一）夜间，是指…), which a
question in everyday words seldom retrieves: the answer brings the definition of a term the rule found writes when
the definition holds what is asked (晚上几点 of 禁止夜间装修), and leads with the definition of a term the question
asks about (算不算居住区), quoting that item of the list of terms alone.

The fixture (tests/data/quiet_rules.md) is a made-up city regulation, one chapter per passage."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import answer_from_section, one_file_service

FIXTURE = Path(__file__).parent / "data" / "quiet_rules.md"


@pytest.fixture(scope="module")
def quiet_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with one_file_service(FIXTURE, tmp_path_factory.mktemp("quiet")) as service:
        yield service


def test_a_time_asked_in_everyday_words_is_answered_by_the_definition_of_the_rule_s_term(quiet_service) -> None:  # type: ignore[no-untyped-def]
    answer = answer_from_section(quiet_service, "晚上几点以后不能装修了？", "第二章 防治要求")
    assert not answer.refused, answer.notes
    assert "禁止夜间进行产生噪声的装修作业" in answer.text
    assert "晚上十点至次日早晨六点" in answer.text
    # The list of terms is not quoted whole: the other definitions answer nothing asked.
    assert "居住区，是指" not in answer.text and "装修作业，是指" not in answer.text


def test_asked_whether_a_thing_counts_as_a_term_the_term_s_definition_leads(quiet_service) -> None:  # type: ignore[no-untyped-def]
    answer = answer_from_section(quiet_service, "学生宿舍楼算不算居住区？", "第二章 防治要求")
    assert not answer.refused, answer.notes
    definition = answer.text.index("居住区，是指以住宅为主的区域")
    assert all(definition < answer.text.index(c.quote[:8]) for c in answer.citations if "第十条" not in c.quote and "是指" not in c.quote)
    assert "夜间，是指" not in answer.text


def test_a_definition_of_a_term_no_passage_found_writes_is_not_added(quiet_service) -> None:  # type: ignore[no-untyped-def]
    # 养老 is in the definition of 居住区, but no passage found writes 居住区 and the question does not ask what
    # a term means: the definitions article is not brought.
    answer = answer_from_section(quiet_service, "养老院举办活动要向谁报告？", "第二章 防治要求")
    assert "是指" not in answer.text
