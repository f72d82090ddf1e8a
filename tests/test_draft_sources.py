"""Drafting rules on where a section's facts come from: further points of one passage (or document) are
worth less than another passage's, and a rule binds the unit its subject's head names, not a unit named
inside another body's name (社区家长学校)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.draft import (
    Drafter,
    DraftSettings,
    _binds,
    _binds_other,
    _novelty,
    _Point,
    about_person,
    names_unit,
    subject_phrase,
)
from assistant.types import Hit
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import load_settings, with_overrides
from ingest.types import Chunk


def _point(chunk_id: str, doc_id: str, text: str, score: float) -> _Point:
    chunk = Chunk(chunk_id, doc_id, "材料", "a.txt", "", None, 0, len(text), text)
    return _Point(Hit(chunk, 1.0, 1), 0, len(text), score)


def test_each_further_point_of_one_passage_is_worth_less() -> None:
    chosen = [
        _point("p1", "d1", "建立了师德考核制度，每学期考核一次。", 1.0),
        _point("p1", "d1", "组织教师签订师德承诺书，开展专题学习。", 0.95),
    ]
    same = _point("p1", "d1", "设立师德监督电话，接受家长监督。", 0.9)
    other = _point("p2", "d2", "将师德表现作为评优评先的首要条件。", 0.8)
    # Alone, the stronger candidate comes first; after two points of its passage, the other passage's does.
    assert _novelty(same, [], 1.0, 0.5, repeat=0.08) > _novelty(other, [], 1.0, 0.5, repeat=0.08)
    assert _novelty(other, chosen, 1.0, 0.5, repeat=0.08) > _novelty(same, chosen, 1.0, 0.5, repeat=0.08)
    # The cost grows with each point taken from the passage, earlier sections' points included.
    one = _novelty(same, chosen[:1], 1.0, 0.5, repeat=0.08)
    two = _novelty(same, chosen[:1], 1.0, 0.5, earlier=chosen[1:], repeat=0.08)
    assert two < one
    # Another passage of the same document costs less than the same passage, more than another document.
    sibling = _point("p3", "d1", "将师德表现作为评优评先的首要条件。", 0.8)
    assert _novelty(other, chosen, 1.0, 0.5, repeat=0.08) > _novelty(sibling, chosen, 1.0, 0.5, repeat=0.08)
    # When every candidate is of one passage, they all pay alike: the order is their own.
    weaker = _point("p1", "d1", "开展师德典型评选活动。", 0.7)
    assert _novelty(same, chosen, 1.0, 0.5, repeat=0.08) > _novelty(weaker, chosen, 1.0, 0.5, repeat=0.08)


def test_the_subject_of_a_rule_is_the_head_of_its_phrase() -> None:
    assert subject_phrase("对严重的欺凌行为，学校不得隐瞒，应当及时报告。") == "学校"
    assert subject_phrase("（一）居民委员会、村民委员会可以设立社区家长学校。") == "居民委员会、村民委员会"
    assert subject_phrase("遵守宪法、法律和职业道德。") == ""
    assert names_unit("学校", "学校") and names_unit("中小学校、幼儿园", "学校")
    assert names_unit("各级人民政府教育行政部门、学校主管部门和学校", "学校")
    assert names_unit("实施义务教育的学校", "学校")
    assert not names_unit("学校主管部门", "学校")  # a body named after the school is not the school
    assert not names_unit("社区家长学校", "学校")  # a school for parents is not a school of ours
    assert not names_unit("网上家长学校和家庭教育指导机构", "学校")
    assert not names_unit("", "学校") and not names_unit("学校", "")


def test_a_rule_for_a_parents_school_does_not_bind_ours() -> None:
    rule = "社区家长学校应当定期组织家庭教育指导活动。"
    assert not _binds(rule, "学校")
    assert _binds("中小学校、幼儿园可以采取建立家长学校等方式，组织家庭教育指导服务。", "学校")
    # The body it binds is another one, though its name holds 学校.
    assert _binds_other("居民委员会应当依托社区家长学校开展家庭教育指导。", "学校")
    assert not _binds_other("居民委员会应当配合学校开展家庭教育指导。", "学校")  # it names our school
    # Under a heading about teachers, a rule for the parents' school is not about what our school has them do.
    assert not about_person("社区家长学校应当组织教师开展家庭教育指导。", "", "教师", "学校")
    assert about_person("学校应当组织教师开展家庭教育指导。", "", "教师", "学校")


_RULES = """# 教师权益示范办法

（本文件为测试用的示范条文，不是真实法规。）

## 第二章 权利

第三条 教师享有下列权利：
（一）进行教育教学活动，开展教育教学改革；
（二）参加进修或者其他方式的培训；
（三）按时获取工资报酬。

## 第三章 培训

第四条 学校应当制定教师培训规划，每学年组织教师参加业务培训。

第五条 学校应当为教师参加培训提供经费和时间保障。

第六条 学校应当建立教师培训档案，记录教师参加培训的情况。

第七条 国家鼓励社会力量参与教师培训。
"""


@pytest.fixture(scope="module")
def rules_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    folder = tmp_path_factory.mktemp("rules")
    (folder / "教师权益示范办法.md").write_text(_RULES, encoding="utf-8")
    settings = with_overrides(
        load_settings(),
        store={"index_dir": folder / "index"},
        embedding={"mode": "hashing"},
        worker={"enabled": False},
    )
    svc = GovdocService(settings)
    report = svc.ingest([folder / "教师权益示范办法.md"])
    assert not report.errors and report.added
    yield svc
    svc.close()


def test_an_item_of_a_list_stands_by_its_own_words(rules_service: GovdocService) -> None:
    draft = rules_service.draft("帮我写份情况报告：我校保障教师权益的情况（培训进修、工资报酬）", who=LOCAL)
    training = next(s.text for s in draft.sections if s.heading == "培训进修")
    assert "参加进修或者其他方式的培训" in training
    # The clause that opens the list (教师享有下列权利：) with one item would read as the only right: the list's
    # other items come along, in the article's order, once.
    lead = training.index("下列权利")
    assert lead < training.index("进行教育教学活动") < training.index("参加进修或者其他方式的培训")
    assert training.count("进行教育教学活动") == 1


def test_a_short_draft_may_state_more_of_the_basis_that_binds_the_school(rules_service: GovdocService) -> None:
    roles = {d.doc_id: d.role for d in rules_service.documents(LOCAL)}
    drafter = Drafter(rules_service.retriever, rules_service.extractive, roles=roles)
    usual = drafter._basis_points("我校教师培训", "学校", (), [])
    more = drafter._basis_points("我校教师培训", "学校", (), [], limit=DraftSettings().max_basis_points)
    assert len(usual) == DraftSettings().basis_points < len(more) <= DraftSettings().max_basis_points
    # Past the usual few, only rules that bind the school: 国家鼓励… is no basis a school states.
    assert all(p.text.startswith("学校") for p in more[DraftSettings().basis_points :])
    assert [p.text for p in more[: len(usual)]] == [p.text for p in usual]


def test_short_points_go_past_the_point_limit_until_the_section_is_near_its_share(rules_service: GovdocService) -> None:
    from assistant.draft import _Plan

    facts = ["建立师德档案。", "签订师德承诺书。", "开展师德主题教育。", "评选师德标兵。", "设立师德监督电话。", "开展家访活动。"]
    points = tuple(_point(f"p{i}", f"d{i}", text, 1.0 - i * 0.01) for i, text in enumerate(facts))
    plans = [_Plan("师德建设", tuple(p.hit for p in points), points)]
    owner = {p.key: (p.score, 0) for p in points}
    drafter = Drafter(rules_service.retriever, rules_service.extractive)
    # Six short facts come to far less than the section's share: the limit of three points does not stop them.
    assert len(drafter._pick(plans, 0, owner, [], budget=400, max_points=3)) == len(facts)
    # A section already near its share stops at the limit.
    assert len(drafter._pick(plans, 0, owner, [], budget=24, max_points=3)) == 3
