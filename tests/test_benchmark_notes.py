"""A benchmark report written again keeps the notes written by hand between its markers."""

from pathlib import Path

from benchmarks.run import NOTES_END, NOTES_START, kept_notes


def test_the_notes_between_the_markers_are_kept(tmp_path: Path) -> None:
    md = tmp_path / "report.md"
    md.write_text(f"# figures\n| a | 1 |\n{NOTES_START}\n前后对比：p95 951 → 574 毫秒\n{NOTES_END}\n", encoding="utf-8")
    assert kept_notes(md) == "\n前后对比：p95 951 → 574 毫秒\n"


def test_a_report_without_notes_or_not_yet_written_has_none(tmp_path: Path) -> None:
    assert kept_notes(tmp_path / "missing.md") == "(none yet)"
    md = tmp_path / "report.md"
    md.write_text(f"# figures\n{NOTES_START} but never closed\n", encoding="utf-8")
    assert kept_notes(md) == "(none yet)"
