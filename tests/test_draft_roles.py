"""Drafting by source role: own facts stated, policies cited as the basis, samples slotted (issue 18 acceptance)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.borrow import PRACTICE_FLAG, PRACTICE_NOTE
from assistant.cite import MARKER
from assistant.draft import SOURCES_TITLE, Draft, step_runs
from assistant.export import NOTES_AUTHOR, draft_to_docx
from assistant.slots import SLOT_PATTERN, UNCHECKED
from evals.draft_check import sample_acts, sample_practice
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import load_settings, with_overrides

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
REPORT = next(DATA.glob("*汇报材料.txt"))
REQUEST = "起草一段汇报材料：我校落实党组织领导下的校长负责制（优化调整党支部领导体系、加强师德师风建设、党建工作经费保障）的情况"
SUBTOPICS = ["优化调整党支部领导体系", "加强师德师风建设", "党建工作经费保障"]
# What the bundled reports say of their own school: numbers, dates, document numbers, placeholders.
SPECIFICS = ["7名", "220余名", "2%", "5次", "16次", "202*", "2022年*月*日", "沪教党[1000]158号", "《**学校", "第三中学"]


def _service(index_dir: Path, report_role: str) -> GovdocService:
    settings = with_overrides(
        load_settings(), store={"index_dir": index_dir}, embedding={"mode": "hashing"}, worker={"enabled": False}
    )
    svc = GovdocService(settings)
    assert not svc.ingest([DATA]).errors
    if report_role != "sample":  # the bundled reports read as another unit's: samples unless said otherwise
        svc.ingest([REPORT], role=report_role)
    return svc


@pytest.fixture(scope="module")
def as_own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = _service(tmp_path_factory.mktemp("own") / "index", "own")
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def as_sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = _service(tmp_path_factory.mktemp("sample") / "index", "sample")
    yield svc
    svc.close()


def _outside_slots(draft: Draft) -> str:
    body = "\n".join([draft.title, draft.opening, *(s.text for s in draft.sections), draft.closing])
    return SLOT_PATTERN.sub("", MARKER.sub("", body))


def test_bundled_reports_ship_as_samples_and_laws_as_policies(as_sample: GovdocService) -> None:
    roles = {d.title: d.role for d in as_sample.documents(LOCAL)}
    assert roles["第三中学党组织领导下的校长负责制试点工作汇报材料"] == "sample"
    assert roles["中华人民共和国教师法"] == "policy"
    assert {r for t, r in roles.items() if "自查报告" in t} == {"sample"}


def test_own_reports_fill_every_named_subtopic_with_their_facts(as_own: GovdocService) -> None:
    draft = as_own.draft(REQUEST, length=1500, who=LOCAL)
    assert [s.heading for s in draft.sections] == SUBTOPICS and not draft.missing
    body = _outside_slots(draft)
    for fact in ("7名支委委员", "220余名教师", "2%"):
        assert fact in body
    assert {c.role for c in draft.citations} <= {"own", "policy"}
    for c in draft.citations:
        assert as_own.index.document_text(c.doc_id)[c.start : c.end] == c.quote


def test_sample_reports_leave_slots_where_their_numbers_were(as_sample: GovdocService) -> None:
    draft = as_sample.draft(REQUEST, length=1500, who=LOCAL)
    assert [s.heading for s in draft.sections] == SUBTOPICS
    body = _outside_slots(draft)
    for specific in SPECIFICS:
        assert specific not in body, specific
    slots = [m.group(1) for s in draft.sections for m in SLOT_PATTERN.finditer(s.text)]
    assert any("人数" in label for label in slots) and "比例" in slots
    assert any(c.role == "sample" for c in draft.citations)
    assert any("参考范文" in n for n in draft.notes)
    for c in draft.citations:  # the sources list still quotes the sample verbatim, marked as a sample
        assert as_sample.index.document_text(c.doc_id)[c.start : c.end] == c.quote
    md = draft.to_markdown()
    assert "【参考范文】《第三中学" in md


def test_policies_are_cited_as_the_basis_before_facts(as_own: GovdocService) -> None:
    draft = as_own.draft("我校学校安全制度和应急机制建设情况", ["学校安全制度和应急机制"], who=LOCAL)
    text = draft.sections[0].text
    first_point = text.split("\n")[1]
    assert re.match(r"(?:（一）)?根据《中华人民共和国[^》]+法》第[^条]+条规定，", first_point), text
    assert draft.citations[0].role == "policy"


def test_an_llm_sees_a_samples_facts_slotted_and_cannot_restore_its_figures(as_sample: GovdocService) -> None:
    from assistant.draft import Drafter

    class Restores:
        """A model that writes back the figure a sample stated, citing the sample's fact."""

        def __init__(self) -> None:
            self.prompts: list[str] = []

        def generate(self, messages: list[tuple[str, str]]) -> str:
            user = messages[1][1]
            self.prompts.append(user)
            blocks = re.findall(r"<<<资料(\d+) 开始>>>\n来源：([^\n]*)\n([^\n]*)\n", user)
            n = next(int(k) for k, _, words in blocks if "支委委员" in words)
            return f"优化调整党支部领导体系方面，主要做法如下：一是在党支部换届时优化了支部班子，设立了7名支委委员[{n}]。"

    writer = Restores()
    drafter = Drafter(as_sample.retriever, as_sample.extractive, writer=writer)
    draft = drafter.draft("我校落实校长负责制的情况", ["优化调整党支部领导体系"])
    prompt = writer.prompts[0]
    assert "【参考范文】《第三中学" in prompt and "【请填写：" in prompt and "7名" not in prompt
    text = draft.sections[0].text
    assert "7名" not in _outside_slots(draft) and "设立了【请填写：" in text, text
    # The sentence is borne out by its (slotted) fact, so it is not flagged as unsupported; but it says what
    # the sample's school did (优化了, 设立了), so it is flagged as the sample's practice, for the user to check.
    assert UNCHECKED not in text and text.startswith(PRACTICE_FLAG), text
    cited = [c for c in draft.citations if "支委委员" in c.quote]
    assert cited and cited[0].role == "sample" and "7名支委委员" in cited[0].quote  # the source list quotes verbatim
    assert as_sample.index.document_text(cited[0].doc_id)[cited[0].start : cited[0].end] == cited[0].quote


def test_a_heading_asking_for_the_legal_basis_cites_policies_and_one_asking_what_we_did_does_not(
    as_own: GovdocService,
) -> None:
    draft = as_own.draft("写段汇报，先讲清楚校长负责制在法律上的依据，再讲我们学校自己是怎么做的", who=LOCAL)
    basis, ours = draft.sections
    by_n = {c.n: c for c in draft.citations}
    roles = [{by_n[int(n)].role for n in re.findall(r"\[(\d+)\]", s.text)} for s in (basis, ours)]
    assert roles[0] == {"policy"}, basis.text
    assert roles[1] and "policy" not in roles[1], ours.text


def test_the_steps_of_a_procedure_follow_the_clause_that_opens_them(as_own: GovdocService) -> None:
    # 具体做法：根据校长提议，召开支委会…；学校发出告示…；党支部对应聘人员进行初选；召开教师座谈会…；进行公示；最后由校长聘用。
    # Only the first steps name 中层干部; the rest are steps of the same list and belong to the same answer.
    draft = as_own.draft("写个情况报告，说明一下我们小学中层干部是怎么选出来、怎么任用的", length=1200, who=LOCAL)
    body = MARKER.sub("", "\n".join(s.text for s in draft.sections))
    for step in ("召开支委会，确定调整中层干部的岗位和职数", "党支部对应聘人员进行初选", "召开教师座谈会，进行民主测评"):
        assert step in body, step  # in the draft's full-width punctuation (the source has 召开支委会,…)


def _paragraph_of(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)]


def test_what_the_samples_school_did_is_flagged_and_the_note_says_what_was_taken(as_sample: GovdocService) -> None:
    draft = as_sample.draft(REQUEST, length=1500, who=LOCAL)
    body = "\n".join(s.text for s in draft.sections)
    taken = [c for c in draft.citations if c.role == "sample"]
    assert taken and PRACTICE_NOTE in body
    # The drafting checker's reading of what a sample's unit did (建立了, 完成了…) finds none stated as ours.
    assert all(sample_acts(s.text, [c.to_json() for c in draft.citations]) == [] for s in draft.sections)
    note = next(n for n in draft.notes if "参考范文" in n)
    assert f"{len(taken)} 句原文" in note and "照录" in note and PRACTICE_NOTE in note
    assert all(f"《{c.doc_title}》" in note for c in taken) and "只借鉴了结构" not in note


def test_our_own_reports_state_what_we_did_unflagged(as_own: GovdocService) -> None:
    draft = as_own.draft(REQUEST, length=1500, who=LOCAL)
    body = "\n".join(s.text for s in draft.sections)
    assert PRACTICE_FLAG not in body and PRACTICE_NOTE not in body and "设立了7名支委委员" in body
    assert not any("参考范文" in n for n in draft.notes)


def test_a_reports_opening_paragraph_is_no_point_of_work(as_sample: GovdocService) -> None:
    # The 自查报告 opens 为进一步贯彻落实…，作一个回顾、自查。现将…报告如下：— why it was written, not what was done.
    draft = as_sample.draft("我校落实党组织领导的校长负责制情况（议事决策、干部管理、监督保障）", genre="汇报材料", who=LOCAL)
    assert draft.citations
    for c in draft.citations:
        text = as_sample.index.document_text(c.doc_id)
        paragraph = _paragraph_of(text, c.start, c.end)
        assert not re.search(r"如下\s*[:：]\s*$", paragraph), c.quote


def test_a_slotted_document_title_keeps_its_title_marks(as_sample: GovdocService) -> None:
    draft = as_sample.draft("我校落实校长负责制的情况（健全党支部对学校工作全面领导的组织体系）", who=LOCAL)
    body = "\n".join(s.text for s in draft.sections)
    assert "制定了《【请填写：文件名称】》等各项规章制度" in body, body
    assert "**" not in body


HAND_REQUEST = "帮我写一段汇报材料：我校落实党组织领导的校长负责制情况（议事决策、干部管理、监督保障）"


def test_every_practice_sentence_of_a_sample_is_flagged_once_per_section_and_the_note_counts_them(
    as_sample: GovdocService,
) -> None:
    # Present-tense practice (中层干部的任免，征求党支部意见…) is the sample school's as much as 建立了… is.
    draft = as_sample.draft(HAND_REQUEST, who=LOCAL)
    cited = [c.to_json() for c in draft.citations]
    assert any(c.role == "sample" for c in draft.citations)
    for section in draft.sections:
        assert sample_practice(section.text, cited) == [] and sample_acts(section.text, cited) == [], section.text
        # One flag on the run of the sample's sentences, not one on each: it stands on a line of its own, and
        # every line after it cites a sample.
        assert PRACTICE_FLAG not in section.text and section.text.count(PRACTICE_NOTE) <= 1
        if PRACTICE_NOTE in section.text:
            after = section.text.split(PRACTICE_NOTE, 1)[1].strip().split("\n")
            by_n = {c.n: c for c in draft.citations}
            assert all({by_n[int(n)].role for n in re.findall(r"\[(\d+)\]", line)} == {"sample"} for line in after), after
    body = "\n".join(s.text for s in draft.sections)
    note = next(n for n in draft.notes if "参考范文" in n)
    runs = body.count(PRACTICE_NOTE)
    assert (f"共 {runs} 处，每处开头标有{PRACTICE_NOTE}" if runs > 1 else f"归在一起，开头标有{PRACTICE_NOTE}") in note


def test_the_word_file_carries_the_drafts_notes_as_a_comment_outside_its_text(as_sample: GovdocService, tmp_path: Path) -> None:
    from docx import Document

    draft = as_sample.draft(HAND_REQUEST, who=LOCAL)
    note = next(n for n in draft.notes if "参考范文" in n)
    doc = Document(str(draft_to_docx(draft, tmp_path / "d.docx")))
    texts = [p.text for p in doc.paragraphs]
    # In the margin, on the title, by the drafting assistant: not a paragraph of the text handed in.
    (comment,) = list(doc.comments)
    assert comment.author == NOTES_AUTHOR and comment.text.split("\n") == list(draft.notes)
    assert note not in texts and SOURCES_TITLE in texts
    anchored = doc.paragraphs[0]._p.xpath(".//w:commentRangeStart")
    assert doc.paragraphs[0].text == draft.title and anchored


def test_a_draft_of_named_parts_opens_with_the_law_that_governs_its_topic(as_sample: GovdocService) -> None:
    # 党组织领导的校长负责制 is a 校长负责制: 义务教育法第二十六条 (学校实行校长负责制) is its basis, though
    # the request names its parts and every part is otherwise drawn from the samples.
    draft = as_sample.draft(HAND_REQUEST, who=LOCAL)
    first = draft.sections[0].text.split("\n")
    opening = next(line for line in first if MARKER.search(line))
    assert opening.startswith("（一）根据《中华人民共和国义务教育法》第二十六条规定，学校实行校长负责制"), opening
    assert any(c.role == "policy" and c.quote == "学校实行校长负责制。" for c in draft.citations)


def test_no_off_topic_law_opens_a_draft_of_named_parts(as_sample: GovdocService) -> None:
    # Nothing in the bundled laws governs a school's 支部标准化规范化建设: no basis is forced in.
    draft = as_sample.draft("我校党支部班子配备和支部标准化规范化建设情况（班子配备、标准化规范化建设）", who=LOCAL)
    assert not any(c.role == "policy" for c in draft.citations)


def test_the_flags_are_no_part_of_the_drafts_length(as_sample: GovdocService) -> None:
    draft = as_sample.draft(HAND_REQUEST, who=LOCAL)
    body = "".join(MARKER.sub("", s.text) for s in draft.sections)
    flags = body.count(PRACTICE_NOTE)
    assert flags >= 1
    assert draft.body_chars == len(body) - flags * len(PRACTICE_NOTE + "\n")


def test_a_sample_procedure_is_one_point_not_a_point_per_step(as_sample: GovdocService) -> None:
    # 具体做法：根据校长提议，召开支委会…；学校发出告示…；党支部对应聘人员进行初选；…；最后由校长聘用。
    procedure = next(line for line in REPORT.read_text(encoding="utf-8").split("\n") if "具体做法:根据校长提议" in line)
    runs = step_runs(procedure)
    assert len(runs) == 1 and procedure[runs[0][0] :].startswith("具体做法:根据校长提议") and procedure[: runs[0][1]].endswith("最后由校长聘用。")
    draft = as_sample.draft("帮我写份汇报材料，讲议事决策和干部管理两块，1500字", who=LOCAL)
    lines = [line for s in draft.sections for line in s.text.split("\n")]
    steps = [line for line in lines if "党支部对应聘人员进行初选" in line]
    assert len(steps) == 1, lines
    for step in ("召开支委会，确定调整中层干部的岗位和职数", "学校发出告示", "召开教师座谈会，进行民主测评"):
        assert step in steps[0], steps
    # One point: one citation of the procedure, quoted verbatim from the clause that announces it.
    (n,) = re.findall(r"\[(\d+)\]", steps[0])
    quote = next(c.quote for c in draft.citations if c.n == int(n))
    assert quote.startswith("具体做法:根据校长提议") and "党支部对应聘人员进行初选;召开教师座谈会" in quote


PARAGRAPH_REQUEST = "帮我写一段话，讲讲我校议事决策的做法"


def test_a_request_for_one_paragraph_gets_one_paragraph(as_sample: GovdocService, tmp_path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    draft = as_sample.draft(PARAGRAPH_REQUEST, who=LOCAL)
    assert draft.paragraph and len(draft.sections) == 1 and not draft.missing
    text = draft.sections[0].text
    assert "\n" not in text and not re.search(r"（[一二三四五六七八九十]+）", text), text
    assert draft.citations and MARKER.search(text)
    assert draft.body_chars <= 1.3 * 300  # the paragraph's default length (`DraftSettings.paragraph_chars`)
    # The sample's practice is flagged once, inside the paragraph, and the checker finds nothing unflagged.
    cited = [c.to_json() for c in draft.citations]
    assert text.count(PRACTICE_NOTE) == 1 and sample_practice(text, cited) == [] and sample_acts(text, cited) == []
    # No report around it: no title, opening, numbered headings or closing, in Markdown, plain text or Word.
    markdown = draft.to_markdown()
    assert not re.search(r"^#{1,2} (?!参考来源)", markdown, re.M) and draft.opening not in markdown and draft.closing not in markdown
    assert draft.text == text and draft.to_json()["form"] == "paragraph"
    doc = Document(str(draft_to_docx(draft, tmp_path / "p.docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name in ("Title", "Heading 1")]
    assert headings == [SOURCES_TITLE], headings
    assert [c.text for c in doc.comments] == ["\n".join(draft.notes)]  # the notes, on its first line
    # In Word the flag is a highlighted run of its own, as the fill-in slots are.
    flags = [r for p in doc.paragraphs for r in p.runs if r.text == PRACTICE_NOTE]
    assert len(flags) == 1 and flags[0].font.highlight_color == WD_COLOR_INDEX.YELLOW
    # A length asked for is kept.
    longer = as_sample.draft(PARAGRAPH_REQUEST + "，500字左右", who=LOCAL)
    assert longer.paragraph and longer.target_chars == 500


def test_a_request_for_one_paragraph_that_names_its_parts_keeps_them_as_headings(as_sample: GovdocService) -> None:
    draft = as_sample.draft(HAND_REQUEST, who=LOCAL)
    assert not draft.paragraph and [s.heading for s in draft.sections] == ["议事决策", "干部管理", "监督保障"]


def test_a_paragraph_of_words_says_the_parts_it_names_in_one_paragraph(as_sample: GovdocService) -> None:
    # 一段…的话 asks for words to put into a report: one paragraph, the parts in it, no headings.
    draft = as_sample.draft("写一段放进述职报告里的话，讲我校议事决策和干部管理的做法", who=LOCAL)
    assert draft.paragraph and len(draft.sections) == 1
    # Asked at more than a paragraph's length, its parts are headed.
    longer = as_sample.draft("写一段放进述职报告里的话，讲我校议事决策和干部管理的做法，1200字", who=LOCAL)
    assert not longer.paragraph and len(longer.sections) >= 2



def _candidates_in(
    service: GovdocService, text: str, title: str, section: str, role: str, heading: str, topic: str, unit: str, kin: str = ""
) -> set[str]:
    """The sentences the drafter takes as candidates under ``heading`` from one passage made of ``text``."""
    from assistant.draft import Drafter
    from assistant.evidence import focus_of
    from assistant.types import Hit
    from ingest.role import ROLE_KEY
    from ingest.types import Chunk

    chunk = Chunk(
        id="c1", doc_id="d1", doc_title=title, source="r.txt", section=section,
        page=None, start=0, end=len(text), text=text, extra={ROLE_KEY: role},
    )
    drafter = Drafter(service.retriever, service.extractive)
    idf = service.extractive.stats().idf
    found = drafter._candidates(focus_of(heading, idf), focus_of(topic, idf), [Hit(chunk, 1.0, 1)], False, unit, kin=kin)
    return {p.text for p in found}


def test_a_paragraph_that_names_nothing_of_the_heading_lends_no_point_from_the_best_passage(as_sample: GovdocService) -> None:
    # The best passage found for 中层干部 holds two paragraphs of a report under a heading on decisions:
    # (2) on the term's plans and a slogan, which names nothing of the heading, and (3) on 中层干部.
    text = (
        "(2)党支部参与学校学期工作计划的制订,研究制订学期的工作目标,找准突破口。如上学期提出了“保先争优”的口号。\n"
        "(3)党支部把后备干部的培养、考察、选拔、聘用工作看作是支部重要工作之一。学校实行中层干部公开招聘,支部严格把关。"
    )
    found = _candidates_in(
        as_sample, text, "某校试点工作汇报材料", "一、党组织发挥政治核心作用", "sample",
        "中层干部 任用", "我校中层干部是怎么选出来、怎么任用的", "学校",
    )
    assert "学校实行中层干部公开招聘,支部严格把关。" in found
    assert not any("学期工作计划" in t or "口号" in t for t in found), found


def test_a_sibling_sub_heading_inside_a_passage_ends_the_passages_own_sub_heading(as_sample: GovdocService) -> None:
    # A passage that begins at its report's item (二) on training runs on into item (三) on funding: the
    # funding sentences lie under (三) alone, not under the training heading the passage's path names.
    text = (
        "（二）抓好教育培训。举办班主任心理健康培训2期，参训186人。\n"
        "（三）抓好经费保障。县财政安排校车运营补助资金286万元。全年统筹各类资金保障网络安全工作。"
    )
    where = (as_sample, text, "某县教育局2025年工作情况", "二、主要做法 > （二）抓好教育培训", "own")
    found = _candidates_in(*where, "教育培训", "我局主要做法", "局")
    assert "举办班主任心理健康培训2期，参训186人。" in found
    assert not any("补助资金" in t or "统筹各类资金" in t for t in found), found
    # Under a heading on funding, the item (三) is what the sentences lie under.
    assert "县财政安排校车运营补助资金286万元。" in _candidates_in(*where, "经费保障", "我局主要做法", "局")


def test_a_policys_sub_heading_is_not_our_part_by_its_name(as_sample: GovdocService) -> None:
    # The part our own report means (kin: 强化经费保障) makes our passages under it about the heading
    # throughout; a policy's item of the same name is not ours, and its sentences stand by their own words.
    text = "（二）加强师资培训。各地要组织班主任心理健康培训。\n（三）强化经费保障。各地要安排专项资金保障网络安全工作。"
    where = (as_sample, text, "关于加强中小学教师队伍建设的意见", "二、主要任务 > （二）加强师资培训")
    found = _candidates_in(*where, "policy", "心理健康", "我校心理健康工作", "学校", kin="强化经费保障")
    assert "各地要组织班主任心理健康培训。" in found
    assert not any("网络安全" in t for t in found), found
    # Our own report's item of that name is the part meant: what it states is on the heading.
    ours = _candidates_in(*where, "own", "心理健康", "我校心理健康工作", "学校", kin="强化经费保障")
    assert any("网络安全" in t for t in ours), ours


def test_a_run_in_standard_heading_is_left_to_the_drafts_own_heading() -> None:
    # 存在问题：… of our report, stated under the draft's 存在不足: the label is the heading's to say.
    from assistant.draft import _body_span

    for text in ("（二）存在问题：心理健康专职教师只有1人，难以满足学生需求。", "存在问题：一是心理健康专职教师只有1人，难以满足学生需求。"):
        a, b = _body_span(text, 0, len(text))
        assert text[a:b] == "心理健康专职教师只有1人，难以满足学生需求。"
    # A label that is the sentence's own matter (校长：), or a heading word alone, stays.
    for kept in ("校长：每周召开一次行政会。", "存在问题："):
        a, b = _body_span(kept, 0, len(kept))
        assert kept[a:b] == kept


def test_a_samples_plans_lend_their_wording_only_to_a_draft_on_their_matter(as_sample: GovdocService) -> None:
    # The bundled report's plans are on 校长负责制 and 党建: a summary of canteen purchasing takes none of them.
    other = as_sample.draft("写一份我校2026年度食堂采购工作总结，要提到：采购了哪些物品、明年改进措施。", who=LOCAL)
    plans = next(s for s in other.sections if "改进措施" in s.heading)
    assert "校长负责制" not in plans.text and "三个代表" not in plans.text
    # A summary on the sample's own matter still takes their wording.
    same = as_sample.draft("写一份我校落实校长负责制的工作总结，要提到：主要做法、明年工作打算。", who=LOCAL)
    kept = next(s for s in same.sections if "打算" in s.heading)
    assert "进一步完善校长负责制的领导体制" in kept.text


def test_a_notices_arrangements_quote_no_rule_of_another_matter(as_sample: GovdocService) -> None:
    # 时间安排 and 责任分工 of a notice on 禁毒 education: the bundled laws' 课外活动时间 and 分工负责 are of other
    # matters, so the parts are left for the school to fill.
    notice = as_sample.draft("起草一份学校内部通知，主题是在全校开展禁毒宣传教育，写清楚时间安排、具体要求和责任分工。", who=LOCAL)
    parts = {s.heading: s.text for s in notice.sections}
    assert "课外活动时间" not in parts["时间安排"] and "分工负责" not in parts["责任分工"]
    assert all(SLOT_PATTERN.search(parts[h]) for h in ("时间安排", "责任分工"))
    # A rule on the notice's own matter still states its requirements (教师法 on training teachers).
    training = as_sample.draft("起草一份学校内部通知，主题是组织全校教师参加暑期培训，写清楚时间安排、具体要求和责任分工。", who=LOCAL)
    assert "培训中小学教师" in {s.heading: s.text for s in training.sections}["具体要求"]


def test_a_summary_of_studying_a_named_document_takes_no_sample_plans_on_another_matter(as_sample: GovdocService) -> None:
    # 党支部 and 学习 are what is done and by whom; the matter is the document named in 《》, which the bundled
    # report's plans (学习… and 校长负责制) never name.
    told = "写一份我校党支部学习新修订《学生资助示范条例》的学习总结，要写：主要收获、存在的不足和下一步。"
    plans = next(s for s in as_sample.draft(told, who=LOCAL).sections if "下一步" in s.heading)
    assert "校长负责制" not in plans.text and "三个代表" not in plans.text, plans.text
