"""The parts a 自查报告 adds to those the request names (存在问题, 整改措施) state our own unit's shortcomings and
remedies only: never a sample's (参考范文) or another unit's, never a sentence that only speaks of a named part;
a part with none says 待补充. A policy the request names by its title is its basis however it is said, and its
rules are stated alone only when the request is not about our own work on them; a document title that joins
several matters lends none of them to its sentences (tests/data/drafting/closing/, invented)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant import genre as genres
from assistant.draft import (
    MISSING_TEXT,
    Draft,
    Drafter,
    _beside_scope,
    _lent_title,
    _matter_of,
    _Plan,
    _Point,
)
from assistant.evidence import Focus
from assistant.types import Hit
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.types import Chunk

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "closing"
KINDS = Path(__file__).resolve().parent / "data" / "drafting" / "kinds"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("closing")))
    assert not svc.ingest([DOCS / "翠湖小学本学期工作情况.md"], role="own").errors
    assert not svc.ingest([DOCS / "湖滨区教育局午餐管理工作情况.txt"], role="own").errors
    assert not svc.ingest([DOCS / "蓝湾小学午餐管理工作汇报.txt"], role="sample").errors
    yield svc
    svc.close()


def _section(draft: Draft, heading: str) -> str:
    return next(s.text for s in draft.sections if s.heading == heading)


def test_a_sentence_states_a_shortcoming_or_a_remedy_in_its_own_words() -> None:
    problems, remedies = frozenset({"shortcomings"}), frozenset({"remedies"})
    assert genres.states_closing(problems, "部分班级的图书角藏书偏少。")
    assert genres.states_closing(problems, "东侧围墙存在安全隐患。")
    assert not genres.states_closing(problems, "全学期开展读书活动12次。")
    assert genres.states_closing(remedies, "力争明年完成操场改造。")
    assert not genres.states_closing(remedies, "部分班级的图书角藏书偏少。")


def test_a_title_joining_several_matters_lends_none_of_them() -> None:
    assert _lent_title("某镇中心小学课间活动工作情况") == "某镇中心小学课间活动工作情况"
    assert _lent_title("某区教育局午餐管理和校车安全工作情况") == ""
    assert _lent_title("某区教育局午餐管理、校车安全工作情况") == ""
    assert _lent_title("中华人民共和国某某促进法") == "中华人民共和国某某促进法"  # 共和国 joins nothing


def test_a_topic_is_held_by_its_matter_not_its_frame_or_scope() -> None:
    focus = Focus(terms=(("全县", 3.0), ("学校午餐", 2.0), ("管理", 0.4)), wants_quantity=False, wants_list=False)
    assert [t for t, _ in _matter_of(focus).terms] == ["学校午餐"]
    only_frames = Focus(terms=(("管理", 0.4), ("工作", 0.3)), wants_quantity=False, wants_list=False)
    assert _matter_of(only_frames) == only_frames  # nothing else to hold: it stays


def test_a_heading_is_held_by_its_matter_not_its_scope() -> None:
    focus = Focus(terms=(("全区", 3.0), ("教师", 2.0), ("书法", 2.5)), wants_quantity=False, wants_list=False)
    assert [t for t, _ in _beside_scope(focus).terms] == ["教师", "书法"]
    alone = Focus(terms=(("全校", 1.0),), wants_quantity=False, wants_list=False)
    assert _beside_scope(alone) == alone  # a heading of its scope alone keeps it


def test_policies_named_by_title_however_said() -> None:
    drafter = Drafter(
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        roles={"a": "policy", "b": "policy", "c": "policy", "d": "own"},
        titles={"a": "中华人民共和国国家某某语言法", "b": "中华人民共和国校舍法", "c": "中华人民共和国乡村校舍法", "d": "某校工作总结"},
    )
    assert drafter._policies_named("下周要学一下国家某某语言法，帮我理一理") == ("国家某某语言法",)
    assert drafter._policies_named("结合某某语言法的规定写") == ("国家某某语言法",)  # without its leading 国家
    assert drafter._policies_named("对照乡村校舍法对学校的要求") == ("乡村校舍法",)  # not the 校舍法 inside it
    assert drafter._policies_named("按校舍法和乡村校舍法写") == ("校舍法", "乡村校舍法")
    assert drafter._policies_named("某校工作总结") == ()  # our own material is no policy


def test_added_parts_state_our_own_shortcomings_only(service: GovdocService) -> None:
    draft = service.draft("替学校起草一份自查报告，就讲课间活动和午餐管理两块，约七百字", who=LOCAL)
    headings = [s.heading for s in draft.sections]
    assert headings == ["课间活动", "午餐管理", "存在问题", "整改措施"]
    problems = _section(draft, "存在问题")
    assert "课间活动场地偏小" in problems  # ours, under our report's 存在的问题
    assert "炊事员年纪普遍偏大" not in problems  # the sample unit's shortcoming is not ours to confess
    assert "留样记录不够规范" not in problems  # nor the bureau's, another kind of unit
    remedies = _section(draft, "整改措施")
    assert "扩大课间活动场地" in remedies
    assert "更换蒸饭设备" not in remedies  # the sample unit's plan is not ours to promise


def test_an_added_part_without_our_own_material_says_so(service: GovdocService) -> None:
    draft = service.draft("替学校起草一份自查报告，就讲午餐管理和陪餐两块，约五百字", who=LOCAL)
    # ...and what such a part holds, for the person to write (a standard part of the genre).
    assert _section(draft, "存在问题") == MISSING_TEXT.format(heading="存在问题") + "请写明还存在哪些差距和不足。"
    assert "存在问题" in draft.missing


@pytest.fixture(scope="module")
def with_law(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("rules")))
    assert not svc.ingest([KINDS / "学校安全示范条例.md"]).errors  # a made-up regulation, a policy by its title
    assert not svc.ingest([KINDS / "第一中学安全工作情况.txt"], role="own").errors
    yield svc
    svc.close()


def test_our_work_on_a_named_policy_keeps_our_material(with_law: GovdocService) -> None:
    # The topic ends on 规定 and names the policy, but asks how we carry them out: our own facts stay in.
    draft = with_law.draft("请帮忙起草汇报，讲讲我校安全工作领导小组和消防疏散演练执行学校安全示范条例的规定", who=LOCAL)
    assert "第一中学安全工作情况" in {c.doc_title for c in draft.citations}


@pytest.fixture(scope="module")
def two_units(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("units")))
    assert not svc.ingest([DOCS / "翠湖小学本学期工作情况.md"], role="own").errors
    assert not svc.ingest([DOCS / "湖滨区教育局午餐管理工作情况.txt"], role="own").errors
    yield svc
    svc.close()


@pytest.mark.parametrize("request_text", ["拟一份汇报，讲讲午餐管理和陪餐", "起草一份午餐管理的汇报"])
def test_a_guessed_voice_states_one_units_material(two_units: GovdocService, request_text: str) -> None:
    # The request names no unit: the draft speaks for the one whose material is most on it (我校 or 我局),
    # and states no fact of the other kind of unit as its own.
    draft = two_units.draft(request_text, who=LOCAL)
    assert draft.citations
    assert len({c.doc_title for c in draft.citations}) == 1


def _point(chunk_id: str, text: str, score: float) -> _Point:
    chunk = Chunk(chunk_id, chunk_id, "报告", "报告.txt", "", None, 0, len(text), text)
    return _Point(Hit(chunk=chunk, score=1.0, rank=1), 0, len(text), score)


def test_an_added_part_moves_no_sentence_from_a_named_part() -> None:
    shared = _point("a", "书法社团活动室面积偏小，学生练习时座位不足。", 0.9)
    other = _point("b", "书法社团本学期开展临帖活动十二次。", 0.8)
    plans = [_Plan("书法社团", (), (shared, other)), _Plan("存在问题", (), (shared,))]
    # A part the person named keeps its sentences: the part the genre adds stays empty (待补充)…
    assert Drafter._none_left_empty(plans, [[shared, other], []], "own", frozenset({1})) == [[shared, other], []]
    # …though a part the person named would take it (`test_draft_kinds`).
    assert Drafter._none_left_empty(plans, [[shared, other], []], "own") == [[other], [shared]]
