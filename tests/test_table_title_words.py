"""A table row does not repeat what its document's title says it is about, in the title's own official
word: a question that says 老师 of a table titled on 教师, and points at a row by a range its condition
holds, is answered by that row (issue 19). Invented table."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

_ALLOWANCE = """<html><head><meta charset="utf-8"><title>青禾县教师山区任教津贴发放标准</title></head><body>
<h1>青禾县教师山区任教津贴发放标准</h1>
<p>为鼓励长期扎根山区学校，按在山区学校累计任教年限分档发放津贴。</p>
<table border="1">
<tr><th>档次</th><th>累计任教年限</th><th>月津贴（元）</th></tr>
<tr><td>第一档</td><td>不满6年</td><td>260</td></tr>
<tr><td>第二档</td><td>6年以上不满15年</td><td>450</td></tr>
<tr><td>第三档</td><td>15年以上</td><td>700</td></tr>
</table>
</body></html>
"""


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("title-words-files")
    (files / "allowance.html").write_bytes(_ALLOWANCE.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("title-words-index")) as service:
        yield service


def test_a_row_pointed_at_by_range_is_about_what_the_title_names_in_its_official_word(county) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(county, "在山区干了4年的老师每月有多少津贴？")
    assert not answer.refused
    assert "260" in answer.text and "450" not in answer.text and "700" not in answer.text


def test_a_thing_the_table_does_not_state_is_still_refused(county) -> None:  # type: ignore[no-untyped-def]
    # The title names the 老师 (as 教师), but no column gives a year-end bonus.
    assert ask_checked(county, "在山区干了4年的老师年终奖有多少？").refused
