"""What a draft takes from a sample (参考范文) beside our own material on another matter
(tests/data/drafting/sample_kinds/: a made-up middle school's report on its 值周 rota, a sample, and a made-up
primary school's sports-day plan, our own): the sample's paragraphs under each part whatever stage it teaches,
its unit's details slotted; nothing of our unrelated plan under the sample's headings; no sample practice under
a part on remedies; no sentence that tells the last step of a story cut from the step before."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Drafter, _next_step_alone, _Point, content_characters
from assistant.kinds import ANY_SCHOOL
from assistant.types import Hit
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.types import Chunk

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "sample_kinds"
SAMPLE = "东山中学值周制度落实情况汇报"
OWN = "河西小学2026年春季体育节活动方案"
REMEDY_DOCS = DOCS.parent / "sample_remedy"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("sample_kinds")))
    assert not svc.ingest([DOCS / f"{SAMPLE}.md"], role="sample").errors
    assert not svc.ingest([DOCS / "河西小学体育节活动方案.md"], role="own").errors
    yield svc
    svc.close()


def _sources(text: str, section: str) -> str:
    """The body of ``section`` of a draft's markdown."""
    body = text.split(f"、{section}\n", 1)[1]
    return body.split("\n## ", 1)[0]


def test_a_sample_of_another_stage_is_kept_when_our_stage_was_only_read_off_our_titles() -> None:
    # Our plan's title says 小学; the request says only 我校: a middle school's report is still a model.
    assert Drafter.sample_kinds(frozenset(), frozenset({"小学"})) == ANY_SCHOOL
    # The request says which stage we are: a sample of another stage is not ours to follow.
    assert Drafter.sample_kinds(frozenset({"小学"}), frozenset({"小学"})) == {"小学"}
    # A kindergarten follows no school's report, nor a school a kindergarten's.
    assert Drafter.sample_kinds(frozenset(), frozenset({"幼儿园"})) == {"幼儿园"}


def test_named_parts_are_drafted_from_a_sample_of_another_stage(service: GovdocService) -> None:
    draft = service.draft("帮我写一段汇报材料：我校值周制度（值周队伍、值周记录）的落实情况", who=LOCAL)
    assert not draft.missing
    assert {c.doc_title for c in draft.citations} == {SAMPLE}
    team = _sources(draft.to_markdown(), "值周队伍")
    assert "值周队伍" in team and "【请填写：" in team
    assert "36名" not in draft.text  # the sample's counts are slotted, never stated as ours


def test_a_request_of_a_stated_stage_leaves_a_sample_of_another_out(service: GovdocService) -> None:
    draft = service.draft("帮我写一段汇报材料：我们小学值周制度（值周队伍、值周记录）的落实情况", who=LOCAL)
    assert SAMPLE not in {c.doc_title for c in draft.citations}


def test_the_sources_headings_are_filled_from_them_not_from_our_plan_on_another_matter(service: GovdocService) -> None:
    draft = service.draft("帮我起草一份我校值周制度落实情况的自查报告", who=LOCAL)
    assert draft.outline_from == "sources"
    rules = _sources(draft.to_markdown(), "推进值周工作规范化建设")
    assert "值周工作细则" in draft.text or "【请填写：文件名称】" in rules
    # Our sports-day plan says 推进学校体育工作规范化建设: the heading's words, not its matter.
    assert OWN not in {c.doc_title for c in draft.citations}
    assert "体育节" not in draft.text


def test_a_sample_practice_that_says_measures_is_no_remedy(tmp_path: Path) -> None:
    # tests/data/drafting/sample_remedy/: a short sample whose one practice says 重大措施调整.
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([REMEDY_DOCS / "南岭中学值周工作简况.txt"], role="sample").errors
        draft = svc.draft("帮我起草一份我校值周工作情况的自查报告", who=LOCAL)
    finally:
        svc.close()
    remedies = next(s for s in draft.sections if s.heading == "整改措施")
    assert "重大措施调整" not in remedies.text
    assert "整改措施" in draft.missing


def test_distinguishing_words_lend_no_character_to_a_heading_meant() -> None:
    # 主要 ranks 措施, it names no matter: 主要措施 shares nothing with 民主评议 that counts.
    assert not content_characters("主要措施") & content_characters("家委会民主评议")
    assert "家" in content_characters("家校共育") & content_characters("同家里一起管孩子")


def _point(text: str, start: int, end: int) -> _Point:
    chunk = Chunk("c1", "d1", "报告", "报告.txt", "", None, 0, len(text), text)
    return _Point(Hit(chunk=chunk, score=1.0, rank=1), start, end, 0.5)


def test_the_last_step_of_a_story_is_stated_only_after_the_step_before_it() -> None:
    text = "学校修订了作息制度，先由年级组讨论，然后经校务会审议通过。新的作息制度要体现劳逸结合。最后经校务会审议通过，成为全体教师的共同约定。"
    first = text.index("。") + 1
    second = text.index("。", first) + 1
    last = _point(text, second, len(text))
    story = _point(text, first, second)
    opening = _point(text, 0, first)
    # Cut from the sentence before it, it repeats the end of the first one.
    assert _next_step_alone(last, [opening, last])
    assert not _next_step_alone(last, [story, last])
    lastly = "学校开展了读书节和科技节活动。最后，学校还组织了一次家长开放日。"
    assert not _next_step_alone(_point(lastly, lastly.index("最后"), len(lastly)), [])
