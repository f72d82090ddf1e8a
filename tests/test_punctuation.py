"""assistant.punctuation: half-width marks in Chinese prose become full-width; numbers, Latin and markers stay."""

from __future__ import annotations

import pytest

from assistant.punctuation import full_width


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("书记主抓党员,校长(副书记)主抓普通教师;分管领导具体负责:", "书记主抓党员，校长（副书记）主抓普通教师；分管领导具体负责："),
        ("是否落实到位?", "是否落实到位？"),
        ("学习5次, 备课组学习16次.", "学习5次，备课组学习16次。"),
        ("提出\"保先争优\"的口号", "提出“保先争优”的口号"),
        ("(1)加强理论学习", "（1）加强理论学习"),
        ("《关于实行安全责任制的若干意见(试行)》", "《关于实行安全责任制的若干意见（试行）》"),
    ],
)
def test_marks_in_chinese_prose_become_full_width(typed: str, written: str) -> None:
    assert full_width(typed) == written


@pytest.mark.parametrize(
    "kept",
    [
        "共1,000人参加",  # a thousands separator between digits
        "上午10:30开会",  # a time
        "增长3.5个百分点",  # a decimal point
        "1.党支部参与决策",  # an enumerator
        "GB/T 9704-2012 (draft), see p. 3?",  # Latin text
        "沪教党[1000]158号",  # a document number's brackets
        "已完成【请填写：教师人数】名教师的考核",  # a fill-in slot
        "…，，已是全角。",
    ],
)
def test_numbers_latin_and_full_width_text_stay(kept: str) -> None:
    assert full_width(kept) == kept


def test_citation_markers_are_neither_changed_nor_read_as_neighbours() -> None:
    assert full_width("形成了长效机制[3],并定期检查[4]。") == "形成了长效机制[3]，并定期检查[4]。"
    assert full_width("见[1,2]") == "见[1,2]"
