"""The drafting checker (evals/draft_check.py) on hand-made drafts: each check passes and fails as described."""

from __future__ import annotations

from typing import Any

from evals.draft_check import (
    check,
    fold_width,
    longest_run,
    rates,
    same_heading,
    sample_acts,
    sample_practice,
)

TASK: dict[str, Any] = {
    "id": "t1",
    "request": "帮我写份汇报，讲甲工作、乙工作，1000字",
    "genre": "汇报材料",
    "target_chars": 1000,
    "subtopics": ["甲工作", "乙工作"],
    "expected_facts": [
        {"subtopic": "甲工作", "evidence": "完成了对220余名教师的考核工作", "file": "r.txt", "kind": "own"},
        {"subtopic": "乙工作", "evidence": "学校应当建立安全制度和应急机制。", "file": "law.md", "kind": "policy"},
    ],
    "sample_specifics": ["220余名"],
}


def _draft(first: str, *, title: str = "关于甲工作、乙工作的汇报材料", chars: int = 900, role: str = "own") -> dict[str, Any]:
    return {
        "title": title,
        "text": "根据工作安排，现将我校有关情况汇报如下：\n\n一、甲工作\n…",
        "sections": [
            {"heading": "甲工作", "text": f"在甲工作方面：\n（一）{first}[1]。"},
            {"heading": "乙工作", "text": "（一）根据《某法》第一条规定，学校应当建立安全制度和应急机制[2]。"},
        ],
        "citations": [
            {"n": 1, "quote": "完成了对220余名教师的考核工作;", "role": role},
            {"n": 2, "quote": "学校应当建立安全制度和应急机制。", "role": "policy"},
        ],
        "chars": chars,
    }


def test_a_good_draft_with_own_reports_passes_everything() -> None:
    result = check(TASK, _draft("完成了对220余名教师的考核工作"), reports_role="own", verbatim=lambda c: True)
    assert result.checks == {
        "outline": True, "facts": True, "request": True, "specifics": None, "markers": True, "length": True
    }
    assert (result.facts_found, result.subtopics_found) == (2, 2)


def test_sample_reports_need_slots_not_their_figures() -> None:
    slotted = _draft("【请核实：范文单位的做法】完成了对【请填写：教师人数】名教师的考核工作", role="sample")
    ok = check(TASK, slotted, reports_role="sample", verbatim=lambda c: True)
    assert ok.checks["facts"] and ok.checks["specifics"]
    asserted = check(TASK, _draft("完成了对220余名教师的考核工作", role="sample"), reports_role="sample", verbatim=lambda c: True)
    assert asserted.checks["facts"] is False and asserted.checks["specifics"] is False


def test_each_failure_is_caught() -> None:
    bad = _draft("开展了其他工作", title="关于帮我写份汇报的汇报材料", chars=300)
    bad["sections"][1]["heading"] = "其他"
    bad["sections"][1]["text"] += "另见[3]。"
    result = check(TASK, bad, reports_role="own", verbatim=lambda c: c["n"] != 2)
    assert result.checks["outline"] is False and result.checks["facts"] is False
    assert result.checks["request"] is False and result.checks["markers"] is False
    assert result.checks["length"] is False
    bad["shortfall"] = "正文约 300 字，比目标 1000 字少约 700 字。"
    assert check(TASK, bad, reports_role="own", verbatim=lambda c: True).checks["length"] is True
    summary = rates([result])
    assert summary["outline"] == 0.0 and summary["specifics"] is None and summary["fact_recall"] == 0.5  # the policy fact is still there


def test_helpers() -> None:
    assert longest_run("abcdef", "xxcdeyy") == 3
    assert same_heading("我们小学具体是怎么做的", "我校具体是怎么做的")
    assert same_heading("法律上的依据", "校长负责制在法律上的依据")
    assert not same_heading("经费", "活动场地")


def test_a_specific_the_request_itself_names_is_the_users_word() -> None:
    task = {**TASK, "request": TASK["request"] + "，我们有220余名教师", "sample_specifics": ["220余名"]}
    draft = _draft("【请核实：范文单位的做法】完成了对【请填写：教师人数】名教师的考核工作", role="sample")
    draft["text"] = "根据工作安排，现将我校220余名教师的考核情况汇报如下：\n\n…"
    assert check(task, draft, reports_role="sample", verbatim=lambda c: True).checks["specifics"] is True
    assert check(TASK, draft, reports_role="sample", verbatim=lambda c: True).checks["specifics"] is False


def test_a_set_with_roles_per_file_checks_what_its_sample_must_not_lend() -> None:
    task = {**TASK, "sample_specifics": ["220余名"], "sample_must_not_assert": ["每生每学期300元"]}
    leaked = _draft("完成了对220余名教师的考核工作，收费标准为每生每学期300元")
    result = check(task, leaked, reports_role="own", verbatim=lambda c: True)
    assert result.checks["specifics"] is False and any("每生每学期300元" in p for p in result.problems)
    # Our own figures (sample_specifics of the own documents) are no leak; a slotted figure is none either.
    slotted = _draft("完成了对220余名教师的考核工作，收费标准为每生每学期【请填写：金额】元")
    assert check(task, slotted, reports_role="own", verbatim=lambda c: True).checks["specifics"] is True


def test_a_fact_reads_the_same_in_half_and_full_width_punctuation() -> None:
    task = {**TASK, "expected_facts": [
        {"subtopic": "甲工作", "evidence": "书记主抓党员,校长(副书记)主抓普通教师,分管领导具体负责", "file": "r.txt", "kind": "own"},
    ], "sample_specifics": ["校长(副书记)主抓"]}
    draft = _draft("书记主抓党员，校长（副书记）主抓普通教师，分管领导具体负责")
    assert fold_width("校长（副书记）主抓，“三会一课”") == '校长(副书记)主抓,"三会一课"'
    assert check(task, draft, reports_role="own", verbatim=lambda c: True).checks["facts"]
    # …and a sample's specific written in full-width marks is still caught outside a slot.
    leaked = check(task, _draft("书记主抓党员，校长（副书记）主抓普通教师", role="sample"), reports_role="sample", verbatim=lambda c: True)
    assert leaked.checks["specifics"] is False


def test_what_a_sample_unit_did_is_counted_when_stated_as_ours() -> None:
    # Slotting the figure is not enough: 完成了…考核工作 still says we did what the sample's school did.
    stated = check(TASK, _draft("完成了对【请填写：教师人数】名教师的考核工作", role="sample"), reports_role="sample", verbatim=lambda c: True)
    assert stated.checks["facts"] is True and stated.checks["specifics"] is False
    assert stated.sample_acts == ["完成了"] and rates([stated])["sample_acts"] == 1
    assert any("范文单位做过的事" in p for p in stated.problems)
    # The same sentence from our own material is our fact.
    own = check(TASK, _draft("完成了对220余名教师的考核工作"), reports_role="own", verbatim=lambda c: True)
    assert own.checks["specifics"] is None and own.sample_acts == []


def test_sample_acts_by_general_grammar() -> None:
    sample = [{"n": 1, "role": "sample", "quote": "探索建立了集体领导的工作机制,为了落实要求,大致了解职责,已经完成考核,引导教师研究二期课改中的经验,大力实施育苗工程。"}]
    body = "（一）探索建立了集体领导的工作机制，为了落实要求，大致了解职责，已经完成考核，引导教师研究二期课改中的经验，大力实施育苗工程[1]。"
    assert sample_acts(body, sample) == ["建立了", "已经完成", "二期课改", "实施育苗工程"]
    # Flagged as a whole, inside a slot, or the drafter's own lead (it cites nothing): not asserted.
    assert sample_acts("（一）【请核实：范文单位的做法】探索建立了集体领导的工作机制[1]。", sample) == []
    assert sample_acts("（一）探索【请填写：建立了什么机制】[1]。", sample) == []
    assert sample_acts("围绕议事决策，我校开展了以下工作：\n（一）研究工作机制[1]。", sample) == []
    # A policy's words are its own: 建立了 in a law's quote is no sample act.
    law = [{"n": 1, "role": "policy", "quote": "学校建立了制度。"}]
    assert sample_acts("根据《某法》第一条规定，学校建立了制度[1]。", law) == []


def test_a_samples_practice_in_the_present_tense_is_counted_unless_flagged() -> None:
    sample = [{"n": 1, "role": "sample", "quote": "中层干部的任免,征求党支部意见,要求支部把关。"}]
    # No 了, no 已: still what the sample's school does, stated as ours.
    assert sample_practice("（一）中层干部的任免，征求党支部意见，要求支部把关[1]。", sample) == ["中层干部的任免,征求党支部意见,要求支部把关"]
    assert sample_acts("（一）中层干部的任免，征求党支部意见，要求支部把关[1]。", sample) == []
    # A flag anywhere in the sentence covers its ；-joined clauses too.
    assert sample_practice("（一）【请核实：范文做法，本校有则保留】中层干部的任免；征求党支部意见[1]。", sample) == []
    # A general norm, a colon-ended lead, our own words (no marker) and a policy's sentence are not counted.
    assert sample_practice("（二）学校应当征求党支部意见[1]。", sample) == []
    assert sample_practice("重大事项，要充分沟通，形成共识[1]。", sample) == []
    assert sample_practice("具体做法如下：[1]", sample) == []
    assert sample_practice("在干部管理方面，我校主要做了以下工作：\n", sample) == []
    law = [{"n": 1, "role": "policy", "quote": "学校实行校长负责制。"}]
    assert sample_practice("根据《某法》第二十六条规定，学校实行校长负责制[1]。", law) == []
    # A norm that also reports a completed act is the unit's practice.
    assert sample_practice("建立了沟通制度，书记、校长要充分沟通[1]。", sample) == ["建立了沟通制度,书记、校长要充分沟通"]


def test_the_checker_fails_specifics_on_unflagged_practice() -> None:
    stated = check(TASK, _draft("对【请填写：教师人数】名教师进行考核", role="sample"), reports_role="sample", verbatim=lambda c: True)
    assert stated.checks["specifics"] is False and stated.sample_acts == []
    assert len(stated.sample_practice) == 1 and rates([stated])["sample_practice"] == 1
    assert any("未标请核实" in p for p in stated.problems)
    flagged = check(
        TASK, _draft("【请核实：范文做法，本校有则保留】对【请填写：教师人数】名教师进行考核", role="sample"), reports_role="sample", verbatim=lambda c: True
    )
    assert flagged.sample_practice == [] and flagged.checks["specifics"] is True


def test_a_flag_on_what_follows_covers_the_rest_of_its_section_only() -> None:
    sample = [{"n": 1, "role": "sample", "quote": "中层干部的任免,征求党支部意见。"}, {"n": 2, "role": "sample", "quote": "建立了沟通制度。"}]
    flag = "【请核实：以下做法摘自参考范文，本校有则保留，无则删改】"
    # One flag line before a run of the sample's sentences covers each of them, acts (建立了) included.
    section = f"在干部管理方面：\n{flag}\n（一）中层干部的任免，征求党支部意见[1]。\n（二）建立了沟通制度[2]。"
    assert sample_practice(section, sample) == [] and sample_acts(section, sample) == []
    # …inside one paragraph too.
    assert sample_practice(f"{flag}中层干部的任免，征求党支部意见[1]。建立了沟通制度[2]。", sample) == []
    # A sentence before the flag is not covered by it: still the sample's practice stated as ours.
    before = f"（一）中层干部的任免，征求党支部意见[1]。\n{flag}\n（二）建立了沟通制度[2]。"
    assert sample_practice(before, sample) == ["中层干部的任免,征求党支部意见"] and sample_acts(before, sample) == []
    assert sample_acts(f"（一）建立了沟通制度[2]。\n{flag}\n（二）中层干部的任免[1]。", sample) == ["建立了"]
    # A flag that does not speak of what follows covers its own sentence only.
    assert sample_practice("【请核实：范文做法】中层干部的任免[1]。\n建立了沟通制度[2]。", sample) == ["建立了沟通制度"]


def test_the_checker_fails_a_draft_whose_flag_stands_in_another_section() -> None:
    draft = _draft("对【请填写：教师人数】名教师进行考核", role="sample")
    # The flag heads the second section: it says nothing of the first section's sample sentence.
    draft["sections"][1]["text"] = "【请核实：以下做法摘自参考范文，本校有则保留，无则删改】\n" + draft["sections"][1]["text"]
    stated = check(TASK, draft, reports_role="sample", verbatim=lambda c: True)
    assert stated.checks["specifics"] is False and len(stated.sample_practice) == 1
    # Moved to the head of the sentence's own section, it covers it.
    draft = _draft("对【请填写：教师人数】名教师进行考核", role="sample")
    draft["sections"][0]["text"] = draft["sections"][0]["text"].replace("（一）", "【请核实：以下做法摘自参考范文，本校有则保留，无则删改】\n（一）")
    flagged = check(TASK, draft, reports_role="sample", verbatim=lambda c: True)
    assert flagged.sample_practice == [] and flagged.checks["specifics"] is True


def test_the_opening_of_a_document_sent_to_a_body_is_read_after_its_addressee() -> None:
    """A 请示's text opens with whom it goes to (区教育局：); the request check reads the opening after it."""
    sent = _draft("完成了对220余名教师的考核工作")
    sent["addressee"] = "区教育局："
    sent["text"] = "区教育局：\n\n现就帮我写份请示有关事项请示如下：\n\n一、甲工作\n…"
    assert check(TASK, sent, reports_role="own", verbatim=lambda c: True).checks["request"] is False
    sent["text"] = "区教育局：\n\n现就甲工作有关事项请示如下：\n\n一、甲工作\n…"
    assert check(TASK, sent, reports_role="own", verbatim=lambda c: True).checks["request"] is True
