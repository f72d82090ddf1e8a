"""Sub-headings that ask for a figure in everyday words (`assistant.figure_heading`), and the parts a genre
adds to those named: searched by their matter in the documents' words, they keep the sentences that state
a figure of the kind asked; a self-inspection's problems and remedies are found for a named part said by a
compound the documents never use (tests/data/drafting/figures/, invented)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant import figure_heading
from assistant.draft import Draft
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "figures"


def test_the_figure_a_heading_asks_for() -> None:
    assert figure_heading.figure_asked("巡了多少") is not None
    assert figure_heading.figure_asked("用了多少钱").kind == "money"  # type: ignore[union-attr]
    assert figure_heading.figure_asked("眼下的人手") == figure_heading.STAFF_ASK
    assert figure_heading.figure_asked("培训情况") is None
    assert figure_heading.figure_asked("何时完工") is None  # a date is no count, money or people


def test_the_matter_and_act_of_a_figure_heading() -> None:
    assert figure_heading.matter_of("巡了多少") == "巡"
    assert figure_heading.matter_of("眼下的人手") == "眼下"
    assert figure_heading.act_of("巡了多少") == "巡"
    assert figure_heading.act_of("培训了几次") == ""  # two characters: the documents' own word already
    texts = ["本月共检查宿舍12间，抽查食堂2次。", "后勤处检查消防器材1次。"]
    assert figure_heading.act_word("查", texts) == "检查"
    assert figure_heading.act_word("修", texts) == ""


def test_a_sentence_states_the_figure_asked() -> None:
    money = figure_heading.figure_asked("用了多少钱")
    assert money is not None
    assert figure_heading.states_figure(money, "投入维修资金86万元。")
    assert not figure_heading.states_figure(money, "后勤经费实行预算管理。")
    staff = figure_heading.STAFF_ASK
    assert figure_heading.states_figure(staff, "现有工作人员24人。")
    assert not figure_heading.states_figure(staff, "参与家长1200人次。")
    assert "经费" in figure_heading.kind_words(money)


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("figures")))
    assert not svc.ingest([DOCS / "晨光中学后勤工作情况.md"], role="own").errors
    yield svc
    svc.close()


def _section(draft: Draft, heading: str) -> str:
    return next(s.text for s in draft.sections if s.heading == heading)


def test_parts_named_by_their_figures_state_them(service: GovdocService) -> None:
    draft = service.draft("给学校起草个后勤工作的情况报告，讲讲巡了多少、用了多少钱、眼下的人手，约900字", who=LOCAL)
    assert [s.heading for s in draft.sections][:3] == ["巡了多少", "用了多少钱", "眼下的人手"]
    checked = _section(draft, "巡了多少")
    assert "共巡检校舍和设施设备43次" in checked
    assert "门卫室落实来访登记制度" not in checked  # no count: not what the part asks
    paid = _section(draft, "用了多少钱")
    assert "投入维修资金86万元" in paid
    assert "每月公开支出明细" not in paid  # money named, no amount stated
    staff = _section(draft, "眼下的人手")
    assert "现有工作人员24人" in staff
    # Every statement of a figure part states a figure of its kind.
    for line in re.findall(r"[^\n]*\[\d+\]", paid):
        assert re.search(r"\d+\s*万?元", line)


def test_problems_of_a_part_named_by_a_compound_the_documents_never_use(service: GovdocService) -> None:
    # 饮水量: the report says 饮水设备…供水紧张, never 饮水量; its problem and remedy still go to the added parts.
    draft = service.draft("给学校起草个自查报告，就讲饮水量和安全巡检两块，约800字", who=LOCAL)
    headings = [s.heading for s in draft.sections]
    assert headings[:2] == ["饮水量", "安全巡检"]
    assert "个别班级饮水设备更新不及时" in _section(draft, "存在问题")
    assert "分批更新饮水设备" in _section(draft, "整改措施")
