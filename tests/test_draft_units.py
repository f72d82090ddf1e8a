"""Our own material from two units side by side (tests/data/drafting/units/: a school's term summary and a
kindergarten's report, both ingested as our own): which unit a draft speaks for, which of the material it
states, and how the outline reads the summary's headings."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant import genre as genres
from assistant.draft import Drafter, _inner_heading, _is_statement
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "units"
SCHOOL = "城南实验学校2024年春季学期工作总结"
KINDERGARTEN = "城南幼儿园2024年保健与膳食工作情况"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("units")))
    for path in sorted(DOCS.iterdir()):
        assert not svc.ingest([path], role="own").errors
    yield svc
    svc.close()


def test_a_schools_draft_states_its_own_report_though_a_kindergartens_is_beside_it(service: GovdocService) -> None:
    # 党建 is the documents' 党的建设; the kindergarten's report beside ours must not make us a kindergarten.
    draft = service.draft("帮我起草我校本学期党建工作的汇报", who=LOCAL)
    assert draft.voice == "我校"
    assert "支委会本学期开会7次" in draft.text
    assert {c.doc_title for c in draft.citations} == {SCHOOL}
    # The outline is the heading on the topic, not every heading of the summary.
    assert [s.heading for s in draft.sections] == ["加强党的建设，提升支部组织力"]


def test_a_request_naming_no_unit_speaks_as_the_author_of_our_material_on_it(service: GovdocService) -> None:
    draft = service.draft("帮我起草幼儿健康检查工作报告", who=LOCAL)
    assert draft.voice == "我园"
    assert "晨检幼儿四万余人次" in draft.text


def test_the_items_of_a_summarys_closing_part_are_not_parts_of_the_outline(service: GovdocService) -> None:
    draft = service.draft("督导组月底要到学校看看，你帮我拿本学期总结的材料弄一份汇报", who=LOCAL)
    assert draft.topic == "本学期工作" and draft.genre == "汇报材料"
    headings = [s.heading for s in draft.sections]
    assert "不足与今后打算" in headings
    assert not any("藏书" in h or "经费" in h for h in headings)  # 一是…二是… under it are its items


def test_a_self_inspection_outlined_from_the_sources_has_its_problems_and_remedies(service: GovdocService) -> None:
    draft = service.draft("给图书馆管理弄个自查", who=LOCAL)
    assert draft.genre == "自查报告" and draft.outline_from == "sources"
    headings = [s.heading for s in draft.sections]
    assert headings[-2:] == ["存在问题", "整改措施"]


def test_a_required_part_is_added_only_when_no_heading_names_it() -> None:
    assert genres.with_required(["图书馆管理"], "自查报告") == ["图书馆管理", "存在问题", "整改措施"]
    assert genres.with_required(["图书馆管理", "不足与今后打算"], "自查报告") == ["图书馆管理", "不足与今后打算"]
    assert genres.with_required(["图书馆管理", "主要短板"], "自查报告") == ["图书馆管理", "主要短板", "整改措施"]
    assert genres.with_required(["图书馆管理"], "汇报材料") == ["图书馆管理"]


def test_the_unit_a_title_names_as_its_author() -> None:
    assert genres.title_voice(KINDERGARTEN) == "我园"
    assert genres.title_voice(SCHOOL) == "我校"
    assert genres.title_voice("河口镇第二小学2023年防汛工作总结") == "我校"
    assert genres.title_voice("某区文化教育局2023年校车管理工作情况") == "我局"
    assert genres.title_voice("2021年各校团建工作经验交流材料") == ""  # opens with its year: no author named
    assert genres.title_voice("关于规范校服征订的通知") == ""


def test_a_run_in_heading_states_nothing_and_heads_its_paragraph() -> None:
    text = "（一）改进借阅办法。图书馆推行班级整借，本学期借出图书6200册次。\n（二）办好读书节。"
    end = text.index("。") + 1
    assert not _is_statement(text, 0, end, [])
    assert _inner_heading(text, 0, end) == "改进借阅办法"
    assert _is_statement(text, end, text.index("\n"), [])


def test_a_draft_states_only_its_own_units_material(service: GovdocService) -> None:
    # The bureau's report is our material too, but a school's draft does not state the bureau's work…
    school = service.draft("帮我起草我们学校图书馆管理情况报告", who=LOCAL)
    assert school.voice == "我校"
    assert "借出图书6200册次" in school.text
    assert "260万元" not in school.text and "图书管理员64人" not in school.text
    # …a request naming no unit speaks as the author whose material is on it (a guess, so nothing is left out)…
    guessed = service.draft("帮我起草全区学校图书馆建设的报告", who=LOCAL)
    assert guessed.voice == "我局"
    assert "260万元" in guessed.text
    # …and one saying whom it is written for leaves out the other units' own material.
    bureau = service.draft("以区局名义起草全区学校图书馆建设的报告", who=LOCAL)
    assert bureau.voice == "我局"
    assert "260万元" in bureau.text
    assert "借出图书6200册次" not in bureau.text


def test_a_request_sent_to_a_body_is_not_written_in_that_bodys_voice(service: GovdocService) -> None:
    # The bureau's report speaks of school libraries most, but a 请示 sent to the bureau is not the bureau's own:
    # the draft speaks as the author of the rest of our material on it (the school), not 我局.
    draft = service.draft("给区教育局写个请示，想给学校图书馆添置一批新书", who=LOCAL)
    assert draft.genre == "请示"
    assert draft.voice == "我校"
    assert "我局" not in draft.text


def test_what_states_a_units_plans() -> None:
    from assistant.draft import _states_plan

    assert _states_plan("一是多方争取经费购置新书，力争年内新增图书三千册；")
    assert _states_plan("下一步，我校将健全读书活动考核办法。")
    assert not _states_plan("本学期举办读书节1次，评出书香班级8个。")


def test_a_generic_part_states_only_sentences_on_the_topic(service: GovdocService) -> None:
    # 主要工作 is a part of any report: a passage under a heading of that frame does not lend its sentences on
    # other matters (lending, a reading festival, a football league) to a draft on the librarians' training.
    draft = service.draft("帮我写个图书管理员培训工作的总结", who=LOCAL)
    assert draft.outline_from == "genre"
    assert "图书管理员64人" in draft.text
    assert "借出图书" not in draft.text and "读书节" not in draft.text and "足球" not in draft.text


def _drafter_with_meaning(service: GovdocService, alike: Callable[[str, Sequence[str]], list[float]]) -> Drafter:
    extractive = copy.copy(service.extractive)
    extractive.similarity = alike
    docs = service.documents(LOCAL)
    return Drafter(
        service.retriever,
        extractive,
        roles={d.doc_id: d.role for d in docs},
        titles={d.doc_id: d.title for d in docs},
    )


def test_a_part_in_everyday_words_takes_the_documents_heading_closest_in_meaning(service: GovdocService) -> None:
    # 孩子们每天吃的饭菜 holds too few words of the documents: the heading the embedder finds clearly closest (伙食管理) is searched.
    def alike(query: str, texts: Sequence[str]) -> list[float]:
        return [0.9 if "伙食" in t else 0.84 for t in texts]

    draft = _drafter_with_meaning(service, alike).draft("城南幼儿园本年度工作", outline=["孩子们每天吃的饭菜"])
    assert "食谱每周一换" in draft.text
    assert not draft.missing
    # Without a clear first the part is searched in its own words, which the documents lack.
    unsure = _drafter_with_meaning(service, lambda q, texts: [0.9 for _ in texts])
    assert unsure.draft("城南幼儿园本年度工作", outline=["孩子们每天吃的饭菜"]).missing == ("孩子们每天吃的饭菜",)


def test_no_heading_is_taken_when_none_is_clearly_closest_in_meaning(service: GovdocService) -> None:
    def clear(query: str, texts: Sequence[str]) -> list[float]:
        return [0.9 if "伙食" in t else 0.84 for t in texts]

    def even(query: str, texts: Sequence[str]) -> list[float]:
        return [0.9 for _ in texts]

    hits = service.retriever.retrieve("城南幼儿园本年度工作 孩子们每天吃的饭菜", k=6)
    assert any("伙食管理" in h.chunk.section for h in hits)
    assert _drafter_with_meaning(service, clear)._heading_meant("孩子们每天吃的饭菜", hits) == "伙食管理"
    assert _drafter_with_meaning(service, even)._heading_meant("孩子们每天吃的饭菜", hits) == ""
    # A part the documents' words already name is searched as it is.
    assert _drafter_with_meaning(service, clear)._heading_meant("健康检查", hits) == ""


def test_a_part_in_none_of_the_documents_words_takes_the_heading_both_readings_agree_on(service: GovdocService) -> None:
    # 小朋友吃饭: the documents use none of its words, only their synonyms (幼儿, 伙食). Two headings nearly tie
    # in meaning; the passage retrieval ranks first lies under the embedder's first, so both readings agree on it.
    def near(query: str, texts: Sequence[str]) -> list[float]:
        return [0.9 if "伙食" in t else 0.895 for t in texts]

    hits = service.retriever.retrieve("伙食 小朋友吃饭", k=6)
    assert "伙食管理" in hits[0].chunk.section
    drafter = _drafter_with_meaning(service, near)
    assert drafter._heading_meant("小朋友吃饭", hits) == "伙食管理"
    # When retrieval ranks another heading's passage first, the readings disagree: neither is taken.
    others = [h for h in hits if "伙食管理" not in h.chunk.section] + [h for h in hits if "伙食管理" in h.chunk.section]
    assert drafter._heading_meant("小朋友吃饭", [replace(h, rank=i + 1) for i, h in enumerate(others)]) == ""
    # A part the documents name in some of its words (伙食 of 伙食和饭菜) is not read in another heading's.
    assert drafter._heading_meant("伙食和饭菜", hits) == ""
    # One word the documents name by its synonym (吃饭: 伙食) is searched as it is, its synonym covering it.
    assert drafter._heading_meant("吃饭", hits) == ""


def test_a_topic_opening_with_the_kind_of_unit_speaks_for_that_unit(service: GovdocService) -> None:
    # 学校图书馆… names the school as plainly as 我们学校…: the bureau's material is not the school's.
    draft = service.draft("帮我起草学校图书馆管理情况报告", who=LOCAL)
    assert draft.voice == "我校"
    assert "借出图书6200册次" in draft.text
    assert "260万元" not in draft.text and "图书管理员64人" not in draft.text
    assert genres.topic_voice("幼儿园午睡管理") == "我园"
    assert genres.topic_voice("学校之间的联合教研") == ""
    assert genres.topic_voice("全区学校图书馆建设") == ""
