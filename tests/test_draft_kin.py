"""A part named in everyday words that share only a piece of our own document's heading (练身体 beside 体育锻炼):
every statement under that heading is on the part, though none repeats the part's words
(tests/data/drafting/kin_heading/)."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Drafter, content_characters
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "kin_heading"
TOPIC = "河湾镇中心小学本学期工作"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("kin")))
    for path in sorted(DOCS.iterdir()):
        assert not svc.ingest([path], role="own").errors
    yield svc
    svc.close()


def _drafter(service: GovdocService, alike: Callable[[str, Sequence[str]], list[float]]) -> Drafter:
    extractive = copy.copy(service.extractive)
    extractive.similarity = alike
    docs = service.documents(LOCAL)
    return Drafter(service.retriever, extractive, roles={d.doc_id: d.role for d in docs}, titles={d.doc_id: d.title for d in docs})


def _clear(query: str, texts: Sequence[str]) -> list[float]:
    return [0.9 if "体育" in t else 0.84 for t in texts]


def test_content_characters_leave_out_particles_pronouns_and_measure_words() -> None:
    chars = content_characters("带他们练练身体的那些事")
    assert {"练", "身", "体"} <= chars
    assert not chars & {"的", "他", "们", "那", "些"}


def test_every_statement_under_the_heading_the_part_means_is_drafted(service: GovdocService) -> None:
    draft = _drafter(service, _clear).draft(TOPIC, outline=["带学生练身体这块"])
    body = draft.sections[0].text
    assert "16支班队" in body and "跑操" in body and "52.6%" in body
    assert "陪餐" not in body and "书香班级" not in body


def test_no_heading_is_meant_without_a_clear_first_or_a_shared_character(service: GovdocService) -> None:
    even = _drafter(service, lambda q, texts: [0.9 for _ in texts])
    assert "16支班队" not in even.draft(TOPIC, outline=["带学生练身体这块"]).text
    # A heading sharing no character of the part's content words is never the part meant, however alike.
    unrelated = _drafter(service, lambda q, texts: [0.9 if "图书" in t else 0.86 for t in texts])
    assert unrelated._heading_by_characters("带学生练身体", TOPIC) == "体育锻炼"
    assert unrelated._heading_by_characters("孩子们的午饭", TOPIC) == ""


def test_a_heading_of_several_matters_is_not_meant_nor_crowds_out_one_of_one_matter(service: GovdocService) -> None:
    # 卫生和安全 holds items on two matters: never the part meant, and no rival of 门卫值守 either.
    def alike(query: str, texts: Sequence[str]) -> list[float]:
        return [0.9 if "卫生" in t else 0.89 if "门卫" in t else 0.84 for t in texts]

    assert _drafter(service, alike)._heading_by_characters("门口安保", TOPIC) == "门卫值守"


def test_a_part_in_everyday_words_may_mean_a_heading_of_ours_the_search_did_not_find(service: GovdocService) -> None:
    # The passages found for the part lie under other headings (a search by a passage's whole text weighs its
    # heading's few words little): every heading of our own material is weighed by meaning, not only theirs.
    def alike(query: str, texts: Sequence[str]) -> list[float]:
        return [0.9 if "食堂" in t else 0.84 for t in texts]

    found = service.retriever.retrieve("体育锻炼 图书阅读", k=6)
    elsewhere = [h for h in found if "食堂" not in h.chunk.section]
    assert elsewhere
    assert _drafter(service, alike)._heading_meant("娃娃午餐供应", elsewhere) == "食堂管理"
    # Without a clear first among them, none is meant.
    assert _drafter(service, lambda q, texts: [0.9 for _ in texts])._heading_meant("娃娃午餐供应", elsewhere) == ""



def test_a_part_whose_words_found_nothing_takes_no_heading_only_as_alike_as_any_two_texts_of_a_folder(
    service: GovdocService,
) -> None:
    # The embedder finds any two short texts of one folder somewhat alike (食堂 beside 构建全员全过程全方位育人格局:
    # 0.842, next 0.824): a heading that stands out by a little at that level is not the part meant, and its
    # section says what is missing rather than quote another matter; one clearly alike is.
    found = service.retriever.retrieve("体育锻炼 门卫值守", k=6)
    elsewhere = [h for h in found if "食堂" not in h.chunk.section and "图书" not in h.chunk.section]
    assert elsewhere

    def alike(best: float) -> Callable[[str, Sequence[str]], list[float]]:
        return lambda query, texts: [best if "图书" in t else best - 0.02 for t in texts]

    assert _drafter(service, alike(0.88))._heading_meant("借书的事", elsewhere, found_none=True) == "图书阅读"
    assert _drafter(service, alike(0.84))._heading_meant("借书的事", elsewhere, found_none=True) == ""


def test_no_heading_of_a_sample_off_the_drafts_matter_is_meant(tmp_path: Path) -> None:
    """公益性岗位开发 shares 发 with 党组织发挥政治核心作用, and an embedder may find them alike: a plan on promoting
    employment means no heading of another school's report (a sample) on its Party branch, whose passages say
    nothing of its matter."""
    report = tmp_path / "第二中学党建工作情况.txt"
    report.write_text(
        "第二中学党建工作情况\n一、党组织发挥政治核心作用\n学校重大事项都经过党支部会议研究，再经教代会讨论通过。\n"
        "二、教学管理\n学校完善了考勤制度和教学奖惩制度。\n",
        encoding="utf-8",
    )
    law = tmp_path / "就业示范办法.md"
    law.write_text(
        "# 就业示范办法\n\n（本文件为测试用的示范条文，不是真实法规。）\n\n"
        "第一条 开发的公益性岗位，应当优先安排就业困难人员。\n\n"
        "第二条 职业技能培训应当面向就业困难人员。\n",
        encoding="utf-8",
    )
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([report], role="sample").errors
        assert not svc.ingest([law]).errors
        alike = _drafter(svc, lambda q, texts: [0.9 if "发挥" in t else 0.5 for t in texts])
        draft = alike.draft("我县促进就业工作方案", outline=["公益性岗位开发", "职业技能培训"])
    finally:
        svc.close()
    assert "党支部会议研究" not in draft.text, draft.text
    assert "开发的公益性岗位，应当优先安排就业困难人员" in draft.text, draft.text
