"""What a draft borrows from a sample (assistant.borrow), on the bundled reports' own sentences: what their
school did is flagged for the person to check, general practice keeps its wording, and the note says what
was taken."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.borrow import PRACTICE_FLAG, PRACTICE_NOTE, acts_in, borrow, reports_practice, sample_note
from assistant.cite import MARKER
from assistant.slots import SLOT_PATTERN
from assistant.types import Citation
from evals.draft_check import sample_acts, sample_practice

REPORT = next((Path(__file__).resolve().parent.parent / "data").glob("*汇报材料.txt"))
TEXT = REPORT.read_text(encoding="utf-8")
# The two reports' body, without the site's header and its 相关范文推荐 teasers.
BODY = TEXT[TEXT.index("根据会议安排") : TEXT.index("下载2022年")]


def _sentences() -> list[str]:
    return [s for s in re.findall(r"[^。；;\n]+[。；;]?", BODY) if len(s.strip()) >= 8]


@pytest.mark.parametrize(
    "sentence",
    [
        "探索建立了集体领导、党政分工合作、协调运行的工作机制。",
        "完成了本学期对220余名教师的师德师风考核工作;",
        "如上学期提出了“保先争优”的口号。",
        "建立了书记、校长经常性沟通制度,涉及“三重一大”等重大事项和内容要充分沟通形成共识;",
    ],
)
def test_what_the_samples_school_did_is_flagged_not_asserted(sentence: str) -> None:
    assert sentence in TEXT
    out = borrow(sentence, "我校")
    assert out.startswith(PRACTICE_FLAG) and acts_in(sentence)
    assert not re.search(r"220|上学期|保先争优", SLOT_PATTERN.sub("", out))  # its specifics are slots as well


@pytest.mark.parametrize(
    "sentence",
    [
        "党支部负责后备干部的培养、考察、考核等工作。",
        "中层干部的任免,征求党支部意见,要求支部把关。",
        "对教职工的奖惩等涉及教职工切身利益的都能征询教代会的意见。",
        "全校教职工通过学习,都能知道现在实行的是校长负责制,也大致了解党支部、校长、工会主要职责。",
    ],
)
def test_what_the_samples_school_does_in_the_present_tense_is_flagged_too(sentence: str) -> None:
    # No 了 and no 已: still the sample school's account of its own practice, not ours.
    assert sentence in TEXT and not acts_in(sentence)
    assert borrow(sentence, "我校") == PRACTICE_FLAG + sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "(1)支委成员实质就是学校领导的核心人员,要真正形成一个核心,一是要加强支委一班人的学习,努力提高自身素质;",
        "现将学校实行校长负责制的情况报告如下:",
    ],
)
def test_a_norm_or_an_announcing_line_keeps_its_wording_unflagged(sentence: str) -> None:
    assert sentence in TEXT
    assert PRACTICE_FLAG not in borrow(sentence, "我校")


def test_an_enumerator_stays_in_front_of_the_flag() -> None:
    assert borrow("（二）探索建立了集体领导的工作机制", "我校") == f"（二）{PRACTICE_FLAG}探索建立了集体领导的工作机制"


def test_no_sentence_of_the_bundled_reports_asserts_their_acts_once_borrowed() -> None:
    sentences = _sentences()
    flagged = 0
    for n, sentence in enumerate(sentences, 1):
        quote = [{"n": n, "role": "sample", "quote": sentence}]
        borrowed = borrow(sentence, "我校")
        flagged += PRACTICE_FLAG in borrowed
        # The drafting checker's own reading of what a sample's unit did finds nothing left standing.
        stated = f"{MARKER.sub('', borrowed).rstrip('。；;')}[{n}]。"
        assert sample_acts(stated, quote) == [], borrowed
        # …nor, by its own reading of norms, any practice of theirs stated unflagged.
        assert sample_practice(stated, quote) == [], borrowed
    assert flagged >= 80  # both reports are almost wholly what their schools do and did


def _citation(n: int, title: str, role: str) -> Citation:
    return Citation(n, title, "r.txt", "", None, "句子。", f"c{n}", f"d-{title}", 0, 3, role=role)


def test_the_note_says_what_was_taken_from_which_sample() -> None:
    citations = [_citation(1, "第三中学试点工作汇报材料", "sample"), _citation(2, "某自查报告", "sample"), _citation(3, "教师法", "policy")]
    body = f"（一）{PRACTICE_FLAG}建立了制度[1]。\n（二）学校【请填写：频次】召开教代会[2]。"
    note = sample_note(citations, body)
    assert "2 句" in note and "《第三中学试点工作汇报材料》《某自查报告》" in note and "教师法" not in note
    assert "照录" in note and "【请填写：…】" in note and PRACTICE_FLAG in note and "做法的 1 句" in note
    assert "只借鉴了结构" not in note  # the wording was taken too, and the note says so
    # Nothing slotted or flagged: the note does not claim it was.
    plain = sample_note(citations[1:2], "（一）党支部负责后备干部的培养[1]。")
    assert "【请填写" not in plain and PRACTICE_FLAG not in plain and "1 句" in plain
    assert "依据" in sample_note(citations, body, verbatim=False) and "照录" not in sample_note(citations, body, verbatim=False)
    assert sample_note(citations[2:], body) == ""


def test_without_a_flag_a_borrowed_sentence_is_slotted_and_left_to_the_caller_to_flag() -> None:
    sentence = "完成了本学期对220余名教师的师德师风考核工作;"
    out = borrow(sentence, "我校", flag=False)
    assert PRACTICE_FLAG not in out and "220" not in SLOT_PATTERN.sub("", out) and reports_practice(out)


def test_the_note_counts_the_runs_flagged_as_a_samples_practice() -> None:
    citations = [_citation(1, "某试点工作汇报材料", "sample")]
    body = f"在甲方面：\n{PRACTICE_NOTE}\n（一）建立了制度[1]。\n（二）党支部负责考核[1]。"
    note = sample_note(citations, body)
    assert f"归在一起，开头标有{PRACTICE_NOTE}" in note and "共 1 处" not in note and "逐句" not in note
    twice = sample_note(citations, body + f"\n在乙方面：\n{PRACTICE_NOTE}\n（一）开展了活动[1]。")
    assert f"共 2 处，每处开头标有{PRACTICE_NOTE}" in twice
