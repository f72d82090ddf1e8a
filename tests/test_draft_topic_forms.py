"""A report's topic said in words its sentences seldom repeat (tests/data/drafting/abbrev_topic/): the time the
whole report covers (今年, 这学期), and an abbreviation the documents use beside its full form (控辍 and 控制辍学):
a sentence on the matter that says neither is still on the topic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import _holds, _one_matter, _shares_label
from assistant.evidence import Focus
from assistant.request import names_period
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "abbrev_topic"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("abbrev_topic")))
    report = svc.ingest([DOCS])
    assert not report.errors and report.added
    yield svc
    svc.close()


def _quoted_under(work: Path, document: Path, request: str, heading: str) -> list[str]:
    """The passages the draft of ``request`` over ``document`` quotes under ``heading``."""
    svc = GovdocService(hashing_settings(work))
    try:
        assert svc.ingest([document]).added
        draft = svc.draft(request, who=LOCAL)
        by_n = {c.n: c.quote for c in draft.citations}
        section = next(s for s in draft.sections if s.heading == heading)
        return [by_n[int(n)] for n in re.findall(r"\[(\d+)\]", section.text)]
    finally:
        svc.close()


def test_words_of_time_are_told_from_matters() -> None:
    assert all(names_period(w) for w in ("今年", "这学期", "本年度", "全年", "上半年"))
    assert not any(names_period(w) for w in ("年度考核", "学期末检查", "绿化", "年级"))


def test_a_sentence_holds_the_topic_in_any_of_its_forms() -> None:
    topic = Focus((("今年", 4.0), ("控辍", 4.0)), False, False)
    spelled = Focus((("控制", 2.0), ("辍学", 3.0)), False, False)
    sentence = "劝返辍学学生11人。"
    assert _holds(topic, (), sentence) == 0.0
    assert _holds(topic, (spelled,), sentence) == pytest.approx(0.6)


def test_a_topic_said_by_abbreviation_and_time_finds_sentences_in_the_full_words(service: GovdocService) -> None:
    draft = service.draft("帮局里写个今年控辍工作的总结，800字左右。", who=LOCAL)
    by_n = {c.n: c.quote for c in draft.citations}
    quoted = [by_n[int(n)] for s in draft.sections for n in re.findall(r"\[(\d+)\]", s.text)]
    # It says neither 今年 nor 控辍, but 辍学, which the documents' 控制辍学 spells 控辍 out by.
    assert any("劝返辍学学生11人" in q for q in quoted)
    # The other matter of the same report (its title joins the two) is not on the topic.
    assert not any("乔木" in q for q in quoted)


SHARED = Path(__file__).resolve().parent / "data" / "drafting" / "shared_label"


def test_a_heading_of_several_matters_is_told_from_one_of_one_matter() -> None:
    lending = Focus((("图书", 3.0), ("借阅", 3.0)), False, False)
    assert _shares_label(lending, (), "丰富社团活动，规范图书借阅管理", 0.4)
    assert _shares_label(lending, (), "社团活动和图书借阅", 0.4)
    assert not _shares_label(lending, (), "规范图书借阅管理", 0.4)  # one matter
    assert not _shares_label(lending, (), "完善图书借阅，提高借阅率", 0.4)  # one matter said twice
    assert not _shares_label(lending, (), "丰富社团活动，开展应急演练", 0.4)  # not ours at all


def test_a_part_under_a_heading_of_several_matters_goes_where_its_own_sub_heading_says(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    quoted = _quoted_under(tmp_path_factory.mktemp("shared_label"), SHARED, "帮我写个汇报，讲两块：图书借阅、安全教育", "图书借阅")
    assert any("借出图书5200册" in q for q in quoted)
    # The clubs share the document's heading with the library, not the draft's heading.
    assert not any("围棋" in q for q in quoted)


RULES = Path(__file__).resolve().parent / "data" / "drafting" / "abbrev_rule"


def test_a_rule_speaks_of_an_abbreviated_heading_by_its_full_words_whole(tmp_path_factory: pytest.TempPathFactory) -> None:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("abbrev_rule")))
    try:
        assert not svc.ingest([RULES]).errors
        draft = svc.draft("帮我写个汇报，讲两块：劳保、校园安全", who=LOCAL)
        by_n = {c.n: c.quote for c in draft.citations}
        section = next(s for s in draft.sections if s.heading == "劳保")
        quoted = [by_n[int(n)] for n in re.findall(r"\[(\d+)\]", section.text)]
        assert any("防护手套1200副" in q for q in quoted)
        assert any("做好劳动保护" in q for q in quoted)  # the rule that names it whole
        # 生态保护 shares a word with 劳动保护, not the thing.
        assert not any("生态保护" in q for q in quoted)
    finally:
        svc.close()


KIN = Path(__file__).resolve().parent / "data" / "drafting" / "kin_items"


def test_a_heading_of_one_matter_is_told_from_one_of_several() -> None:
    assert _one_matter("后勤工作")
    assert _one_matter("做好门卫值守并取得实效")
    assert not _one_matter("加强后勤保障，规范课桌椅更新")
    assert not _one_matter("食堂和宿舍管理")
    assert not _one_matter("")


def test_a_part_of_one_matter_lends_its_other_items_to_a_heading_one_of_them_is_on(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    quoted = _quoted_under(tmp_path_factory.mktemp("kin_items"), KIN, "帮我写个汇报，讲两块：晨检防疫消杀、课后服务", "晨检防疫消杀")
    assert any("消毒液640升" in q for q in quoted)
    # Its part's heading (防疫工作) shares a word of the draft's heading: the part's other item is on it too.
    assert any("登记1430人次" in q for q in quoted)
    # A part on another matter (常规管理) lends only its item on the heading, not its other items.
    assert not any("书面作业" in q for q in quoted)


def test_a_rule_in_full_words_speaks_of_a_heading_the_documents_abbreviate(tmp_path: Path) -> None:
    docs = Path(__file__).resolve().parent / "data" / "drafting" / "abbrev_heading"
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert svc.ingest([docs / "义务教育巩固示范条例.md"]).added
        assert svc.ingest([docs / "溪口县教育局2025年控辍工作情况.txt"], role="own").added
        draft = svc.draft("帮局里写个汇报，讲讲控辍宣传和劝返复学的情况", who=LOCAL)
        by_n = {c.n: c.quote for c in draft.citations}
        section = next(s for s in draft.sections if "宣传" in s.heading)
        quoted = [by_n[int(n)] for n in re.findall(r"\[(\d+)\]", section.text)]
    finally:
        svc.close()
    # The report says 控辍, the rule only 控制辍学: the rule is on the part by its full words, though it has no 宣传.
    assert any("控制辍学" in q for q in quoted), draft.text
