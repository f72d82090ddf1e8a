"""An allocation table asked in everyday words (issue 19): a unit named without a word of its name
(河口镇幼儿园 of 河口镇中心幼儿园) is that row, not a row the table lacks, and a level of government said
by its seat (县里) is the level the header writes (县级资金). A made-up document, not the eval documents."""

from __future__ import annotations

import pytest
from index_checks import ask_checked, service_over

from assistant.lexicon import synonyms
from assistant.table import word_mismatch

_FUNDS_HTML = """<html><head><meta charset="utf-8"><title>资金</title></head><body>
<h1>北塘县财政局 北塘县教育局关于下达2026年学前教育发展资金的通知</h1>
<p>各乡镇中心学校、县直幼儿园：现将2026年学前教育发展资金分配方案下达如下，请按规定使用。</p>
<table><tr><th rowspan="2">序号</th><th rowspan="2">单位名称</th><th colspan="3">下拨资金（万元）</th><th rowspan="2">主要用途</th></tr>
<tr><th>小计</th><th>中央资金</th><th>县级资金</th></tr>
<tr><td>1</td><td>县实验幼儿园</td><td>85.00</td><td>60.00</td><td>25.00</td><td>户外游戏场地修缮</td></tr>
<tr><td>2</td><td>沙湾镇中心幼儿园</td><td>42.50</td><td>30.00</td><td>12.50</td><td>添置保教设备</td></tr>
<tr><td>3</td><td>松林乡中心幼儿园</td><td>38.00</td><td>28.00</td><td>10.00</td><td>厨房改造</td></tr>
<tr><td colspan="2">合计</td><td>165.50</td><td>118.00</td><td>47.50</td><td></td></tr>
</table><p>各单位要专款专用，不得擅自改变用途。</p></body></html>"""


def test_a_level_said_by_its_seat_is_the_level_a_budget_writes() -> None:
    for seat, level in (("县里", "县级"), ("市里", "市级"), ("省里", "省级"), ("区里", "区级")):
        assert level in synonyms()[seat]


def test_another_row_of_the_same_kind_is_one_the_question_does_not_name() -> None:
    # Against the 松林乡 row, 沙湾镇幼儿园 is another kindergarten: the mismatch stands for that row.
    row = [("序号", "3"), ("单位名称", "松林乡中心幼儿园"), ("主要用途", "厨房改造")]
    off = word_mismatch("沙湾镇幼儿园分到多少钱？", row)
    assert off is not None and off.asked == "沙湾镇幼儿园"


@pytest.fixture(scope="module")
def funds(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    files = tmp_path_factory.mktemp("funds-files")
    (files / "zijin.html").write_bytes(_FUNDS_HTML.encode("utf-8"))
    with service_over(files, tmp_path_factory.mktemp("funds-index")) as service:
        yield service


def test_a_unit_named_without_a_word_of_its_name_is_answered_with_its_row(funds) -> None:  # type: ignore[no-untyped-def]
    answer = ask_checked(funds, "沙湾镇幼儿园的县里配套是多少？")
    assert not answer.refused
    assert "12.50" in answer.text
    assert [c.doc_title for c in answer.citations] == ["北塘县财政局 北塘县教育局关于下达2026年学前教育发展资金的通知"]
    answer = ask_checked(funds, "松林乡幼儿园的中央资金是多少？")
    assert answer.text.startswith("下拨资金（中央资金）为28.00万元。")
