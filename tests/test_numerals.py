"""Chinese numerals are read and written in one place (ingest.numerals)."""

import pytest

from ingest import numerals


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12", 12),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("三十一", 31),
        ("两百", 200),
        ("一百零三", 103),
        ("一百一十", 110),
        ("一千零二十", 1020),
        ("八百五", 850),  # spoken: the last digit counts tens after 百
        ("一千二", 1200),
        ("一千零五", 1005),  # 零 keeps the digit a one
        ("两万三", 23000),
        ("〇", 0),
    ],
)
def test_parse_reads_written_and_spoken_forms(text: str, value: int) -> None:
    assert numerals.parse(text) == value


@pytest.mark.parametrize("text", ["", "第", "二三", "十百", "百百", "三条"])
def test_parse_refuses_what_is_no_number(text: str) -> None:
    assert numerals.parse(text) is None


def test_write_is_the_inverse_of_parse_below_a_hundred_thousand() -> None:
    for n in range(1, 20000):
        assert numerals.parse(numerals.write(n)) == n
    assert [numerals.write(n) for n in (1, 10, 11, 20, 21, 103, 110, 1080)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百零三",
        "一百一十",
        "一千零八十",
    ]
    assert numerals.write(123456) == "123456"


def test_count_says_two_as_liang_and_large_counts_in_digits() -> None:
    assert [numerals.count(n) for n in (2, 3, 12, 99, 120)] == ["两", "三", "十二", "九十九", "120"]
