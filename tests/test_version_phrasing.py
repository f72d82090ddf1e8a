"""How people ask about an amendment, on invented fixtures: two versions each of two invented county
办法 (a rural drinking-water rule of 2015 and 2024, a village-road upkeep rule of 2012 and 2021).

- Words for the current text (修订后, 修改以后, 新修订的) choose it and are not sought in it.
- A question comparing with an earlier text (和原来相比, 跟以前比) or asking what changed (有什么变化, 变了吗)
  reads the earlier text and the current one, current first, the earlier one flagged; 变化 is not sought.
- A provision the amendment added, asked for in the earlier text (以前要…吗), is answered from the current
  text, and the note names the earlier text of the document cited, not of another one."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import Any

import pytest
from service_files import service_over

from assistant.types import Answer, Citation
from assistant.versions import VersionedAnswerer, plan, without_version_words
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.version import Version

WATER = "白水县农村饮用水工程管理办法"
ROAD = "白水县村道养护管理办法"

WATER_2015 = f"""# {WATER}

2015年4月8日白水县人民政府令第3号公布

第一条 为了加强农村饮用水工程管理，保障群众饮水安全，制定本办法。

第二条 村级管水员应当具有两年以上供水设施维护经历。

第三条 供水单位每季度应当对出厂水进行一次水质检测。

第四条 违反本办法第三条规定的，由县水行政主管部门责令改正，处八百元罚款。
"""

WATER_2024 = f"""# {WATER}

2015年4月8日白水县人民政府令第3号公布 根据2024年6月18日白水县人民政府令第21号修订

第一条 为了加强农村饮用水工程管理，保障群众饮水安全，制定本办法。

第二条 村级管水员应当具有四年以上供水设施维护经历。

第三条 供水单位每月应当对出厂水进行一次水质检测。

第四条 供水单位应当建立水源保护区日常巡查制度，并做好巡查记录。

第五条 违反本办法第三条规定的，由县水行政主管部门责令改正，处三千元罚款。
"""

ROAD_2012 = f"""# {ROAD}

2012年9月3日白水县人民政府令第7号公布

第一条 为了规范村道养护，制定本办法。

第二条 村道养护由村民委员会组织实施。

第三条 村道每半年应当进行一次路面巡查。
"""

ROAD_2021 = f"""# {ROAD}

2012年9月3日白水县人民政府令第7号公布 根据2021年11月26日白水县人民政府令第15号修订

第一条 为了规范村道养护，制定本办法。

第二条 村道养护由乡镇人民政府统筹，村民委员会组织实施。

第三条 村道每季度应当进行一次路面巡查。
"""


def _version(doc_id: str, title: str, date: str, order: int, current: bool, current_id: str) -> Version:
    return Version(doc_id, title, f"{doc_id}.md", title, date, "修订", order, 2, current, current_id)


VERSIONS = {
    "water15": _version("water15", WATER, "2015-04-08", 1, False, "water24"),
    "water24": _version("water24", WATER, "2024-06-18", 2, True, "water24"),
    "road12": _version("road12", ROAD, "2012-09-03", 1, False, "road21"),
    "road21": _version("road21", ROAD, "2021-11-26", 2, True, "road21"),
}


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("修订后水质多久检测一次？", "水质多久检测一次？"),
        ("修改以后，管水员要几年维护经历？", "管水员要几年维护经历？"),
        ("新修订的饮用水办法对巡查有什么要求？", "饮用水办法对巡查有什么要求？"),
        ("最新版本的饮用水办法对巡查有什么要求？", "饮用水办法对巡查有什么要求？"),
    ],
)
def test_words_for_the_current_text_choose_it_and_are_not_sought(question: str, asked: str) -> None:
    p = plan(question, VERSIONS, None)
    assert not p.named and not p.both
    assert sorted(p.primary or []) == ["road21", "water24"]
    assert p.asked == asked


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("和原来相比，水质检测的周期有什么变化？", "水质检测的周期？"),
        ("跟以前比，管水员的经历要求有什么不同？", "管水员的经历要求？"),
        ("与修订前相比较，罚款改了哪些？", "罚款？"),
        ("水质检测周期变了吗？", "水质检测周期？"),
        ("饮用水办法修订前后，水质检测有何变化？", "饮用水办法水质检测？"),
        ("管水员的经历要求有没有变化？", "管水员的经历要求？"),
        ("现在和以前的水质检测周期一样吗？", "水质检测周期一样吗？"),
    ],
)
def test_a_comparison_with_the_earlier_text_reads_both_texts(question: str, asked: str) -> None:
    p = plan(question, VERSIONS, None)
    assert p.both and not p.named
    assert sorted(p.primary or []) == ["road21", "water24"]
    assert sorted(p.superseded) == ["road12", "water15"]
    assert p.asked == asked


@pytest.mark.parametrize(
    "question",
    [
        "水质发生变化的，供水单位应当怎么处理？",  # 变化 as a thing in the text, not a question on the amendment
        "用水量有什么变化需要报告吗？",  # the change asked about is not the amendment's
        "重新修订的供水合同要备案吗？",  # 重新修订 is no word for the current text
    ],
)
def test_words_about_change_in_the_matter_asked_read_only_the_current_text(question: str) -> None:
    p = plan(question, VERSIONS, None)
    assert not p.both and not p.named
    assert p.asked in ("", question)


@pytest.mark.parametrize("question", ["此前的规定水质多久检测一次？", "没修订之前水质多久检测一次？"])
def test_plain_words_for_the_earlier_text_name_it(question: str) -> None:
    p = plan(question, VERSIONS, None)
    assert p.named and sorted(p.primary or []) == ["road12", "water15"]
    assert without_version_words(question) == "水质多久检测一次？"


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A service over the four invented versions (hashing embedder), dated by their notes."""
    tmp = tmp_path_factory.mktemp("phrasing")
    service = service_over(
        tmp,
        [
            (f"{ROAD}(2012-09-03).md", ROAD_2012),
            (f"{ROAD}(2021-11-26).md", ROAD_2021),
            (f"{WATER}(2015-04-08).md", WATER_2015),
            (f"{WATER}(2024-06-18).md", WATER_2024),
        ],
    )
    yield service
    service.close()


def test_a_question_on_the_amended_text_is_answered_from_it(county: GovdocService) -> None:
    answer = county.ask("修改以后，村级管水员要几年供水设施维护经历？", who=LOCAL)
    assert not answer.refused
    assert answer.citations[0].current and "四年以上" in answer.citations[0].quote
    assert all(c.current or answer.superseded for c in answer.citations)


def test_asked_what_changed_the_current_text_leads_and_the_earlier_follows_flagged(county: GovdocService) -> None:
    answer = county.ask("和原来相比，村级管水员的维护经历要求有什么变化？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert answer.citations[0].current and "四年以上" in answer.citations[0].quote
    old = [c for c in answer.citations if not c.current]
    assert old and old[0].version == "2015-04-08" and "两年以上" in old[0].quote
    assert answer.text.index("四年以上") < answer.text.index("不是现行规定")


def test_an_added_provision_asked_of_the_earlier_text_names_the_cited_documents_earlier_text(county: GovdocService) -> None:
    answer = county.ask("以前供水单位要建立水源保护区巡查制度吗？", who=LOCAL)
    assert not answer.refused
    assert answer.citations and all(c.current and c.doc_title == WATER for c in answer.citations)
    assert "巡查制度" in answer.text
    # The note names the water rule's earlier text and its current one, not the road rule's.
    assert "2015年4月8日" in answer.text and "2024年6月18日" in answer.text
    assert "2012年" not in answer.text and "2021年" not in answer.text


class _CurrentWaterAnswerer:
    """Answers any question from the current water rule, whatever documents retrieval was scoped to."""

    def answer_assessed(
        self, question: str, hits: Sequence[Any], required: Sequence[str] = (), answers_only: bool = False
    ) -> tuple[Answer, list[Any]]:
        quote = "供水单位应当建立水源保护区日常巡查制度，并做好巡查记录。"
        citation = Citation(1, WATER, "water24.md", "", None, quote, "c", "water24", 0, len(quote))
        return Answer(question, quote + "[1]", False, True, (citation,)), []


def test_the_note_on_an_added_provision_names_the_earlier_text_of_the_document_cited() -> None:
    # The road rule's earlier text comes first among those the question named; the answer cites the water rule.
    versioned = VersionedAnswerer(lambda q, ids: [], _CurrentWaterAnswerer(), SimpleNamespace(), SimpleNamespace())  # type: ignore[arg-type]
    answer = versioned._added_since("以前要巡查吗？", "要巡查吗？", ["road12", "water15"], VERSIONS, ())
    assert answer is not None and not answer.refused
    assert answer.text.startswith("在2015年4月8日修订的文本中没有找到相关规定，以下依据现行文本（2024年6月18日修订）")
    assert "2012年" not in answer.text and "2021年" not in answer.text
