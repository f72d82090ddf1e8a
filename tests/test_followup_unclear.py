"""A turn that cannot be read as a question is not answered: the user is asked for the whole question, on
every route (the service, the page's rendering), instead of getting an answer to something never asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import one_file_service

from assistant.followup import ASK_WHOLE
from assistant.types import REFUSAL
from govdoc.accounts import LOCAL
from govdoc.web import render

FIXTURE = Path(__file__).parent / "data" / "school_rules.md"


@pytest.fixture(scope="module")
def school_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService over the school rules fixture alone, with the deterministic hashing embedder."""
    with one_file_service(FIXTURE, tmp_path_factory.mktemp("unclear")) as service:
        yield service


def test_a_follow_up_opening_a_conversation_asks_for_the_whole_question(school_service) -> None:  # type: ignore[no-untyped-def]
    answer = school_service.ask("那学生呢？", who=LOCAL)
    assert answer.refused and answer.text == ASK_WHOLE
    assert not answer.citations and not answer.resolved
    # The same words after a question are answered as a follow-up.
    first = "教师享有哪些权利？"
    previous = school_service.ask(first, who=LOCAL)
    followed = school_service.ask("那学生呢？", [("user", first), ("assistant", previous.text)], who=LOCAL)
    assert followed.text != ASK_WHOLE and followed.resolved == "学生享有哪些权利？"


def test_a_follow_up_that_fits_nowhere_in_the_previous_question_names_what_it_could_not_place(school_service) -> None:  # type: ignore[no-untyped-def]
    first = "校服的价格由谁定？"
    answer = school_service.ask("那家长呢？", [("user", first), ("assistant", "……")], who=LOCAL)
    assert answer.refused and "“家长”" in answer.text and "完整" in answer.text
    assert not answer.citations


def test_the_page_shows_the_request_for_the_whole_question_not_the_refusal(school_service) -> None:  # type: ignore[no-untyped-def]
    shown = render.answer_html(school_service.ask("那民办的呢？", who=LOCAL), {})
    assert ASK_WHOLE in shown and REFUSAL not in shown
