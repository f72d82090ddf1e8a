"""The latency report counts the target as met only when its timed questions were mostly answered."""

from benchmarks.answer_latency import verdict


def test_a_run_of_refusals_does_not_meet_the_target() -> None:
    assert "**not measured**" in verdict(120.0, 1.0)
    assert "**met**" in verdict(120.0, 0.07)
    assert "**not met**" in verdict(420.0, 0.07)
