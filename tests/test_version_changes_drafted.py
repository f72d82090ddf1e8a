"""Two invented versions of one regulation: a draft's part on what a revision changed (这次修订的主要变化) is
stated from the comparison of the named document's versions, and the current version corrected by hand is the
one last made current."""

from __future__ import annotations

from pathlib import Path

from version_services import two_versions

from assistant.draft import Draft
from govdoc.accounts import LOCAL
from govdoc.versions import asks_changes, changed_matter

OLD = """# 青禾市书店管理办法

2015年1月1日公布

第一条 为了规范书店经营，制定本办法。
第二条 书店应当亮证经营。
第三条 书店每年向文化主管部门报送经营情况。
第四条 本办法自2015年1月1日起施行。
"""

NEW = """# 青禾市书店管理办法

2025年1月1日修订

第一条 为了规范书店经营，促进全民阅读，制定本办法。
第二条 书店应当亮证经营。
第三条 书店应当设置未成年人阅读专区。
第四条 本办法自2025年1月1日起施行。
"""


FILES = {"书店管理办法(2015-01-01).md": OLD, "书店管理办法(2025-01-01).md": NEW}


def _part(tmp_path: Path, parts: str, heading: str) -> tuple[Draft, str]:
    """The study summary of the revised 办法 that names ``parts``, and the text of its part ``heading``."""
    service = two_versions(tmp_path, FILES)
    try:
        draft = service.draft(f"写一份我校学习新修订《青禾市书店管理办法》的学习总结，要写：{parts}。", who=LOCAL)
    finally:
        service.close()
    return draft, next(s.text for s in draft.sections if s.heading == heading)


def test_a_part_asking_what_the_revision_changed_states_the_comparison(tmp_path: Path) -> None:
    draft, changed = _part(tmp_path, "这次修订的主要变化、下一步打算", "这次修订的主要变化")
    assert changed.startswith("与2015年1月1日公布的文本相比，现行的《青禾市书店管理办法》（2025年1月1日修订）"), changed
    # The old 第三条 (a yearly report) went, a new 第三条 (a reading corner) came: one deleted, one added.
    assert "修改 2 条，删除 1 条，新增 1 条，未改动 1 条。" in changed, changed
    assert changed.endswith("新增的有第三条。删除的有原第三条。修改的有第一条、第四条。"), changed
    assert "这次修订的主要变化" not in draft.missing
    assert any("逐条对比" in n for n in draft.notes), draft.notes


def test_which_parts_ask_what_a_revision_changed() -> None:
    for heading in ("这次修订的主要变化", "新旧条例对比", "修订前后的不同", "主要有哪些修改", "和旧版比较"):
        assert asks_changes(heading) and not changed_matter(heading), heading
    for heading in ("烈士子女教育优待方面的变化", "学生思想变化", "下一步打算", "修订工作的组织"):
        assert not asks_changes(heading), heading
    # A part on how one matter changed names that matter.
    assert changed_matter("未成年人阅读方面的变化") == "未成年人阅读"
    assert changed_matter("学生资助有哪些变化") == "学生资助"
    assert changed_matter("下一步打算") == ""


def test_a_part_on_how_one_matter_changed_names_the_articles_that_speak_of_it(tmp_path: Path) -> None:
    _, part = _part(tmp_path, "未成年人阅读方面的变化、下一步打算", "未成年人阅读方面的变化")
    # Only the new 第三条 (未成年人阅读专区) speaks of it: not the revision's other changes.
    assert part.endswith("中写到未成年人阅读的条文：新增第三条。"), part


def test_making_one_version_current_by_hand_undoes_another_made_current_before(tmp_path: Path) -> None:
    # Old made current, then the new one back, then the old one again: each time the one just chosen is current
    # (the third time the new one's earlier mark kept it current, and the old was reported 已被取代).
    service = two_versions(tmp_path, FILES)
    try:
        ids = {v.date[:4]: v.doc_id for v in service.versions_for(LOCAL).values()}
        for year in ("2015", "2025", "2015"):
            assert service.set_version(ids[year], who=LOCAL, current=True).current, year
            assert [v.doc_id for v in service.versions_for(LOCAL).values() if v.current] == [ids[year]], year
    finally:
        service.close()


def test_a_version_leaving_its_group_as_current_undoes_no_mark_in_the_group_it_left(tmp_path: Path) -> None:
    # 2020 made current by hand among three texts; the 2015 text then leaves the group and is made current on its own:
    # 2020 stays current in the group (it was cleared, and the newest, 2025, took its place).
    middle = NEW.replace("2025年1月1日修订", "2020年1月1日修订").replace("2025年1月1日起", "2020年1月1日起")
    service = two_versions(tmp_path, {**FILES, "书店管理办法(2020-01-01).md": middle})
    try:
        ids = {v.date[:4]: v.doc_id for v in service.versions_for(LOCAL).values()}
        service.set_version(ids["2020"], who=LOCAL, current=True)
        alone = service.set_version(ids["2015"], who=LOCAL, group="", current=True)
        assert alone.count == 1 and alone.current
        assert service.versions_for(LOCAL)[ids["2020"]].current
    finally:
        service.close()
