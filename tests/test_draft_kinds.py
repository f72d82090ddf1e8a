"""What a report section never states as a fact (tests/data/drafting/kinds/: a made-up regulation, two
schools' own reports and a task table): another kind of school's rules or facts when the request says
which kind we are, a law's penalties and framing lines, and a table cell apart from its row."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Draft, Drafter, _is_statement, _Plan, _Point
from assistant.kinds import ANY_SCHOOL, for_other_kind, kinds_in, stated_kind
from assistant.types import Hit
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.types import Chunk

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "kinds"
LAW = "学校安全示范条例"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    settings = hashing_settings(tmp_path_factory.mktemp("kinds"))
    svc = GovdocService(settings)
    assert not svc.ingest([DOCS / f"{LAW}.md"]).errors
    for name in ("第一中学安全工作情况.txt", "实验小学安全工作情况.txt", "安全工作任务分工表.html"):
        assert not svc.ingest([DOCS / name], role="own").errors
    yield svc
    svc.close()


def _cited(draft: Draft) -> set[tuple[str, str]]:
    """(document title, innermost section) of every citation."""
    return {(c.doc_title, c.section.rsplit(" > ", 1)[-1]) for c in draft.citations}


@pytest.mark.parametrize(
    ("request_text", "kinds"),
    [
        ("帮我起草我们中学防汛工作的情况报告", {"中学"}),
        ("我们小学下周开运动会，帮我写个通知", {"小学"}),
        ("我是实验小学的校长，帮我写份汇报", {"小学"}),
        ("给本园教职工写个通知", {"幼儿园"}),
        ("我是学校党支部书记，帮我写份汇报材料", set()),  # a school, kind unsaid
        ("打算跟隔壁职校一起开设木工课，帮我写个请示", set()),  # a partner's kind is not ours
    ],
)
def test_the_kind_of_school_a_request_says_it_is(request_text: str, kinds: set[str]) -> None:
    assert stated_kind(request_text) == kinds


def test_what_speaks_only_of_another_kind_of_school() -> None:
    assert kinds_in("中小学校、幼儿园应当…") == {"小学", "中学", "幼儿园"}
    assert for_other_kind("幼儿园教师应当爱护儿童。", ANY_SCHOOL)  # a kindergarten is no school
    assert for_other_kind("职业学校的专业课教师应当具有相应工作经历。", {"中学"})
    assert for_other_kind("关于小学实行值周制度的自查报告", {"中学"})
    assert not for_other_kind("学校、幼儿园应当建立安全管理制度。", {"中学"})  # ours among others
    assert not for_other_kind("幼儿园与小学应当互相衔接配合。", {"小学"})
    assert not for_other_kind("教师应当尊重学生的人格。", {"中学"})  # names no kind at all
    assert not for_other_kind("幼儿园应当执行收费公示制度。", set())  # not a school's draft: nothing is filtered


def test_a_middle_schools_draft_states_no_other_kinds_rules_or_facts(service: GovdocService) -> None:
    draft = service.draft("帮我写个我们中学安全工作的情况报告", ["消防疏散演练", "上学放学值守"], who=LOCAL)
    cited = _cited(draft)
    assert (LAW, "第三条") in cited  # 中学应当…演练: ours
    assert not {(LAW, "第四条"), (LAW, "第五条")} & cited  # 小学…, 幼儿园…: other kinds
    titles = {c.doc_title for c in draft.citations}
    assert "第一中学安全工作情况" in titles and "实验小学安全工作情况" not in titles
    assert "校门口值守" not in draft.text and "午睡" not in draft.text


def test_a_primary_schools_draft_takes_its_own_kinds_material(service: GovdocService) -> None:
    draft = service.draft("我们小学要报安全工作情况，帮我写个汇报，讲上学放学值守和安全教育", who=LOCAL)
    titles = {c.doc_title for c in draft.citations}
    assert "实验小学安全工作情况" in titles
    assert not {t for t in titles if "第一中学" in t}
    assert (LAW, "第四条") in _cited(draft) and (LAW, "第三条") not in _cited(draft)  # 中学应当…: another kind's


def test_unsaid_our_kind_is_what_our_own_documents_name(service: GovdocService) -> None:
    # 我校 names no kind; our documents are a 中学's and a 小学's, so a 职业学校's rule is another kind's.
    draft = service.draft("我校安全工作", ["安全隐患排查"], genre="情况报告", who=LOCAL)
    sections = {s for _, s in _cited(draft)}
    assert "第六条" in sections and "第七条" not in sections
    assert "实训场所" not in draft.text


def test_penalties_and_framing_lines_are_no_facts_of_a_report(service: GovdocService) -> None:
    draft = service.draft("我校安全工作", ["安全工作责任制", "隐患排查"], genre="情况报告", who=LOCAL)
    sections = {s for _, s in _cited(draft)}
    assert "第二条" in sections  # the rule itself
    assert not {"第一条", "第八条", "第九条"} & sections  # purpose, penalty, commencement
    assert "责令改正" not in draft.text and "起施行" not in draft.text
    # …unless the heading asks what befalls a breach.
    asked = service.draft("我校安全工作", ["未落实安全工作责任制的法律责任"], genre="情况报告", who=LOCAL)
    assert "第八条" in {s for _, s in _cited(asked)}


@pytest.mark.parametrize(
    "line",
    [
        "为了加强学校安全管理，根据有关法律，制定本条例。",
        "本办法自2025年9月1日起施行，原有规定同时废止。",
        "本细则自发布之日起实施。",
        "为进一步加强安全工作，特制定本方案。",
        "本办法由市教育局负责解释。",
        "为落实学校安全工作责任制，现将本学期安全工作任务分工如下。",
    ],
)
def test_framing_lines_state_nothing(line: str) -> None:
    assert not _is_statement(line, 0, len(line), [])


def test_a_statement_that_mentions_a_plan_is_kept() -> None:
    line = "学校研究制定本学期工作计划，明确了安全工作目标。"
    assert _is_statement(line, 0, len(line), [])


def test_a_table_row_is_stated_whole_with_its_columns_or_not_at_all(service: GovdocService) -> None:
    draft = service.draft("帮我写个我们中学安全工作的情况报告", ["隐患排查", "消防演练"], who=LOCAL)
    rows = [c for c in draft.citations if c.doc_title == "第一中学安全工作任务分工表"]
    assert rows
    for c in rows:
        # The citation quotes the whole row with its column names, never one cell alone.
        assert "工作任务：" in c.quote and "牵头部门：" in c.quote and "完成时限：" in c.quote
    body = "\n".join(s.text for s in draft.sections)
    # The draft says the row as one sentence of its header:cell pairs, without the row's number.
    assert re.search(r"工作任务为[^。]+，牵头部门为[^。]+，完成时限为[^。]+。", body)
    assert not re.search(r"序号(?:：|为)\d", body)
    assert not re.search(r"（[一二三四五六七八九十]+）(?:牵头部门|完成时限)：", body)


def _point(chunk_id: str, text: str, score: float) -> _Point:
    chunk = Chunk(chunk_id, chunk_id, "报告", "报告.txt", "", None, 0, len(text), text)
    return _Point(Hit(chunk=chunk, score=1.0, rank=1), 0, len(text), score)


def test_a_named_sub_topic_the_documents_cover_is_never_left_empty() -> None:
    shared = _point("a", "成立了师德建设工作领导小组，由校长任组长，分管副校长具体负责。", 0.9)
    other = _point("b", "本学期全体教师签订了师德承诺书，开展主题教育活动三次。", 0.8)
    lone = _point("c", "学校每学期召开一次教代会，审议学校重大事项。", 0.7)
    plans = [
        _Plan("师德建设", (), (shared, other)),
        _Plan("谁来抓、怎么分工", (), (shared,)),  # its only sentence reads better under 师德建设
        _Plan("教代会", (), (lone,)),
    ]
    out = Drafter._none_left_empty(plans, [[shared, other], [], [lone]], "own")
    assert out == [[other], [shared], [lone]]  # moved from a section that keeps another point
    # A sentence no section states is simply taken.
    assert Drafter._none_left_empty(plans[1:], [[], [lone]], "own") == [[shared], [lone]]
    # A section with a single point keeps it: the empty one stays empty (它的材料已在其他部分引用).
    single = [_Plan("教代会", (), (lone,)), _Plan("重大事项", (), (lone,))]
    assert Drafter._none_left_empty(single, [[lone], []], "own") == [[lone], []]


def test_a_stage_of_schooling_as_a_persons_education_names_no_kind_of_school() -> None:
    assert kinds_in("保洁员应当具有初中毕业程度。") == frozenset()
    assert kinds_in("应当具有高中以上学历") == frozenset()
    assert kinds_in("初中学生每天体育活动不少于一小时") == {"中学"}
    # A kindergarten's draft keeps a rule on its own staff's schooling (初中毕业程度 is no 初中).
    assert not for_other_kind("(一)保育员应当具有初中毕业程度，并受过幼儿保育职业培训。", {"幼儿园"})


@pytest.fixture(scope="module")
def posts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    docs = DOCS.parent / "posts"
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("posts")))
    assert not svc.ingest([docs / "幼儿园后勤示范办法.md"]).errors
    assert not svc.ingest([docs / "春苗幼儿园后勤情况.txt"], role="own").errors
    yield svc
    svc.close()


def test_a_kindergartens_draft_cites_the_rule_on_its_staffs_schooling(posts: GovdocService) -> None:
    draft = posts.draft("帮我们园写个保洁员队伍的情况报告，讲两点：人员配备、培训情况", who=LOCAL)
    quotes = " ".join(c.quote for c in draft.citations)
    # 保育员应当具有初中毕业程度 is a rule on a kindergarten's own staff, not on a 初中 (another kind of school).
    assert "保育员应当具有初中毕业程度" in quotes


def test_the_class_of_all_places_of_education_includes_a_kindergarten() -> None:
    from assistant.kinds import EVERY

    # 教育机构 is the class every kind belongs to: a rule on it speaks to a kindergarten too.
    assert EVERY in kinds_in("高校及其他教育机构应当向社会开放体育场馆。")
    assert not for_other_kind("各类教育机构每学期应当开展一次消防疏散演练。", {"幼儿园"})
    assert not for_other_kind("学校及其他教育机构应当保障饮用水安全。", {"幼儿园"})
    # A bare 学校 still names no kindergarten, and a stage before the class names that stage.
    assert for_other_kind("学校应当保障饮用水安全。", {"幼儿园"})
    assert kinds_in("学前教育机构应当配备保健室。") == {"幼儿园"}
    assert stated_kind("我们教育机构想办一场开放日，帮我写个通知") == frozenset()


def test_a_stage_of_education_names_its_kind_of_school() -> None:
    assert kinds_in("初等教育阶段应当开设书法课。") == {"小学"}
    assert kinds_in("高等教育应当重视创新创业。") == {"高等学校"}
    assert for_other_kind("学前教育阶段不得布置书面作业。", {"中学"})


def test_a_rule_on_the_class_binds_a_kindergarten_and_a_stage_speaks_of_schools() -> None:
    from assistant.draft import _binds, _binds_other, _school_said, names_unit

    assert names_unit("中小学及其他教育机构", "幼儿园")
    assert not names_unit("教育行政部门", "幼儿园")
    assert _binds("各类教育机构应当建立门卫登记制度。", "幼儿园")
    assert not _binds_other("各类教育机构应当建立门卫登记制度。", "幼儿园")
    assert _binds_other("卫生行政部门应当建立门卫登记制度。", "幼儿园")
    # 初等教育 is taught in schools: a sentence on it speaks of 学校; one on no kind of school does not.
    assert "学校" in _school_said("初等教育阶段应当开设书法课。")
    assert _school_said("社区应当开放阅览室。") == "社区应当开放阅览室。"
    assert _school_said("学校应当开放阅览室。") == "学校应当开放阅览室。"


def test_of_rules_alike_but_for_their_post_the_one_on_the_topic_is_stated(posts: GovdocService) -> None:
    draft = posts.draft("给本园写一份保安员管理情况的汇报，分人员配备和培训情况两部分", who=LOCAL)
    quotes = " ".join(c.quote for c in draft.citations)
    # 厨师、保安员、保洁员应当持证上岗… differ only by the post: the rule on the topic's post is the one stated.
    assert "保安员应当持证上岗" in quotes


def test_the_class_named_only_as_an_object_leaves_the_kind_bound() -> None:
    # The rule binds a kindergarten; the class is only what it may not run: still another kind for a school.
    text = "民办幼儿园不得开办营利性的托管班和其他教育机构。"
    assert for_other_kind(text, ANY_SCHOOL)
    assert not for_other_kind("小学及其他教育机构应当组织课间操。", {"幼儿园"})
