"""The latency report: the target counts as met only when its timed questions were mostly answered, and
the timed questions are the blind collection's, on regulations indexed with real vectors."""

import pytest

from benchmarks.answer_latency import blind_questions, verdict


def test_a_run_of_refusals_does_not_meet_the_target() -> None:
    assert "**not measured**" in verdict(120.0, 1.0)
    assert "**met**" in verdict(120.0, 0.07)
    assert "**not met**" in verdict(420.0, 0.07)


def test_timed_questions_are_the_splits_own_distinct_and_seeded() -> None:
    from evals.collection import load

    split_questions = {row["question"] for row in load(split="dev")}
    first = blind_questions("dev", 40, seed=0)
    assert len(set(first)) == 40 and set(first) <= split_questions
    assert blind_questions("dev", 40, seed=0) == first
    assert blind_questions("dev", 40, seed=1) != first
    with pytest.raises(ValueError, match="fewer than"):
        blind_questions("dev", len(split_questions) + 1, seed=0)
