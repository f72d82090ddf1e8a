"""A noun after a demonstrative and a measure word (胶装用的那台机器) says what kind of thing the words
before it named: a row the question names by its subject cell need not hold it. Small made-up rows, not
the eval documents."""

from __future__ import annotations

from assistant.evidence import focus_of
from assistant.judge import Gate
from assistant.table import demonstrated_nouns, subjects_named
from ingest.types import Chunk

OFFICE = [
    [("序号", "1"), ("设备名称", "喷墨打印机"), ("型号", "L3258"), ("数量（台）", "4"), ("单价（元）", "1200")],
    [("序号", "2"), ("设备名称", "碎纸机"), ("型号", "S-220"), ("数量（台）", "2"), ("单价（元）", "680")],
    [("序号", "3"), ("设备名称", "胶装机"), ("型号", "J-60"), ("数量（台）", "1"), ("单价（元）", "2300")],
]


def test_the_noun_after_a_demonstrative_says_what_kind_of_thing_was_named() -> None:
    assert demonstrated_nouns("胶装用的那台机器一共有几台？") == ["机器"]
    assert demonstrated_nouns("装订用的那种耗材买了几箱？") == ["耗材"]
    # Nothing named before the demonstrative: the noun names the thing itself.
    assert demonstrated_nouns("这批桌椅什么时候送到？") == []
    assert demonstrated_nouns("胶装机买了几台？") == []


def test_a_row_named_by_its_subject_need_not_hold_the_kind_noun() -> None:
    chunk = Chunk("c", "d", "某单位办公设备采购清单", "office.html", "", None, 0, 1, "x")
    question = "胶装用的那台机器一共有几台？"
    assert subjects_named(question, OFFICE) == (2,)
    focus = focus_of(question, lambda term: 3.0)
    gate = Gate()
    assert gate.names_row(focus, OFFICE[2], chunk, question, question, subject_named=True)
    # Not named by its subject, the row must hold 机器, which it does not write.
    assert not gate.names_row(focus, OFFICE[2], chunk, question, question)
