"""Export of drafts: the .docx opens with python-docx and holds title, headings, markers and sources."""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from assistant.draft import Draft, DraftSection
from assistant.export import BODY_FONT, HEADING_FONT, ExportError, draft_to_docx, draft_to_markdown
from assistant.types import Citation

QUOTES = (
    "健全了支委会议、党政联席会议、校委会议事决策制度,明确议事决策的具体内容、程序和要求。",
    "第二十四条 学校应当建立、健全安全制度和应急机制。",
)


def _draft() -> Draft:
    citations = (
        Citation(1, "第三中学工作汇报", "data/report.txt", "四是健全完善议事决策机制", None, QUOTES[0], "c1", "d1", 10, 52, role="own"),
        Citation(
            2, "中华人民共和国义务教育法", "data/law.md", "第三章 学校 > 第二十四条", 3, QUOTES[1], "c2", "d2", 5, 30, role="policy"
        ),
    )
    sections = (
        DraftSection(
            "健全完善议事决策机制",
            "在健全完善议事决策机制方面，我校主要做了以下工作：\n"
            "（一）根据《中华人民共和国义务教育法》第二十四条规定，学校应当建立、健全安全制度和应急机制[2]。\n"
            "（二）健全了支委会议、党政联席会议、校委会议事决策制度，设立了【请填写：支委委员人数】名支委委员[1]。",
        ),
        DraftSection("校园安全管理", "待补充：资料中未找到与“校园安全管理”相关的内容。"),
    )
    return Draft("我校健全完善议事决策机制的做法", "汇报材料", sections, citations, ("校园安全管理",))


def _package_part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(name)


def test_docx_has_title_headings_footnotes_slots_and_sources(tmp_path: Path) -> None:
    path = draft_to_docx(_draft(), tmp_path / "草稿.docx")
    doc = docx.Document(str(path))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs[0] == ("Title", "关于我校健全完善议事决策机制做法的汇报材料")
    assert paragraphs[1] == ("Normal", "根据工作安排，现将我校健全完善议事决策机制的做法汇报如下：")
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == ["一、健全完善议事决策机制", "二、校园安全管理", "参考来源"]
    assert ("Normal", "特此汇报。") in paragraphs
    # The footnotes part is in the package, related from the main document, one footnote per marker.
    rels = [r for r in doc.part.rels.values() if r.reltype == RT.FOOTNOTES]
    assert len(rels) == 1 and str(rels[0].target_part.partname) == "/word/footnotes.xml"
    notes = etree.fromstring(_package_part(path, "word/footnotes.xml"))
    texts = {
        int(n.get(qn("w:id"))): "".join(t.text or "" for t in n.iter(qn("w:t")))
        for n in notes.iter(qn("w:footnote"))
        if n.get(qn("w:type")) is None
    }
    # A footnote cites by title, article and page; the file it was read from is named in the list at the end.
    assert texts == {
        1: f" 【政策依据】《中华人民共和国义务教育法》 第三章 学校 > 第二十四条（第3页）：“{QUOTES[1]}”",
        2: f" 【本单位材料】《第三中学工作汇报》 四是健全完善议事决策机制：“{QUOTES[0]}”",
    }
    body = next(p for p in doc.paragraphs if p.text.startswith("（二）"))
    refs = [int(e.get(qn("w:id"))) for e in body._p.iter(qn("w:footnoteReference"))]
    assert refs == [2]
    assert "[1]" not in body.text and "[2]" not in "".join(p.text for p in doc.paragraphs[:6])
    assert b"footnotes+xml" in _package_part(path, "[Content_Types].xml")
    # The slot is its own highlighted run; the sources close the document.
    slot = next(r for r in body.runs if r.text.startswith("【请填写"))
    assert slot.text == "【请填写：支委委员人数】" and slot.font.highlight_color is not None
    assert not any(r.font.highlight_color for r in body.runs if "请填写" not in r.text)
    sources = paragraphs[[t for _, t in paragraphs].index("参考来源") + 1 :]
    assert [t for _, t in sources] == [
        f"[1] 【本单位材料】《第三中学工作汇报》 四是健全完善议事决策机制（data/report.txt）：“{QUOTES[0]}”",
        f"[2] 【政策依据】《中华人民共和国义务教育法》 第三章 学校 > 第二十四条（data/law.md，第3页）：“{QUOTES[1]}”",
    ]


def test_docx_inline_markers_are_superscript_and_missing_is_highlighted(tmp_path: Path) -> None:
    path = draft_to_docx(_draft(), tmp_path / "d.docx", citations="inline")
    doc = docx.Document(str(path))
    assert not [r for r in doc.part.rels.values() if r.reltype == RT.FOOTNOTES]
    body = next(p for p in doc.paragraphs if p.text.startswith("（一）"))
    markers = [r for r in body.runs if r.text in ("[1]", "[2]")]
    assert len(markers) == 1 and all(r.font.superscript for r in markers)
    assert not any(r.font.superscript for r in body.runs if r.text not in ("[1]", "[2]"))
    missing = next(p for p in doc.paragraphs if p.text.startswith("待补充"))
    assert missing.runs and all(r.font.highlight_color is not None for r in missing.runs)


def test_docx_sets_chinese_fonts_on_the_east_asian_slot(tmp_path: Path) -> None:
    doc = docx.Document(str(draft_to_docx(_draft(), tmp_path / "d.docx")))
    for style_name, font in (("Normal", BODY_FONT), ("Heading 1", HEADING_FONT)):
        fonts = doc.styles[style_name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == font
        assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would override it
    section = doc.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7


def test_every_page_of_a_draft_or_of_answers_is_numbered_in_its_footer(tmp_path: Path) -> None:
    from assistant.export import answers_to_docx

    for path in (draft_to_docx(_draft(), tmp_path / "d.docx"), answers_to_docx("问答", [], tmp_path / "a.docx")):
        footer = docx.Document(str(path)).sections[0].footer
        assert not footer.is_linked_to_previous
        xml = footer._element.xml
        # A PAGE field Word fills in, between the two dashes GB/T 9704 sets around the figure, centred.
        assert "PAGE" in "".join(t.text or "" for t in footer._element.iter(qn("w:instrText")))
        assert [f.get(qn("w:fldCharType")) for f in footer._element.iter(qn("w:fldChar"))] == ["begin", "separate", "end"]
        text = footer.paragraphs[0].text
        assert text.startswith("— ") and text.endswith(" —"), text
        assert footer.paragraphs[0].alignment == 1 and "w:jc" in xml  # centred


def test_docx_file_properties_name_the_draft_and_no_program(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from assistant.export import answers_to_docx

    before = datetime.now(UTC) - timedelta(minutes=1)
    drafted = docx.Document(str(draft_to_docx(_draft(), tmp_path / "d.docx"))).core_properties
    answered = docx.Document(str(answers_to_docx("食堂管理问答", [], tmp_path / "a.docx"))).core_properties
    for props, title in ((drafted, _draft().title), (answered, "食堂管理问答")):
        # What Word or WPS shows under 文件 → 属性: the document's own title, no program named as its author.
        assert props.title == title
        assert "docx" not in f"{props.author} {props.comments} {props.last_modified_by}"
        assert props.created is not None and props.created.replace(tzinfo=UTC) >= before


def test_docx_replaces_an_existing_file_and_creates_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "d.docx"
    draft_to_docx(_draft(), path)
    first = [p.text for p in docx.Document(str(path)).paragraphs]
    draft_to_docx(_draft(), path)
    # Replaced, not appended to: the same paragraphs once. (Not the byte size: the file's
    # creation time is stored inside it, and a different second can compress one byte apart.)
    assert [p.text for p in docx.Document(str(path)).paragraphs] == first
    assert first and any(p.strip() for p in first)
    assert sorted(p.name for p in path.parent.iterdir()) == ["d.docx"]  # no partial file left


def test_markdown_export_writes_what_it_returns(tmp_path: Path) -> None:
    path = tmp_path / "d.md"
    text = draft_to_markdown(_draft(), path)
    assert path.read_text(encoding="utf-8") == text == _draft().to_markdown()
    assert text.splitlines()[:3] == [
        "# 关于我校健全完善议事决策机制做法的汇报材料",
        "",
        "根据工作安排，现将我校健全完善议事决策机制的做法汇报如下：",
    ]
    assert "## 二、校园安全管理\n\n待补充" in text
    assert draft_to_markdown(_draft()) == text  # no path: nothing written, same text


def test_unwritable_target_is_an_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="无法写入"):
        draft_to_docx(_draft(), blocker / "d.docx")
    with pytest.raises(ExportError, match="无法写入"):
        draft_to_markdown(_draft(), blocker / "d.md")


def test_docx_leaves_the_shortfall_note_to_the_person_drafting(tmp_path: Path) -> None:
    note = "正文约 120 字，比目标 1500 字少约 1380 字；资料不足的部分：校园安全管理。请补充材料后再充实。"
    draft = dataclasses.replace(_draft(), target_chars=1500, shortfall=note)
    doc = docx.Document(str(draft_to_docx(draft, tmp_path / "d.docx")))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "比目标" not in body and "请补充材料" not in body
    assert "校园安全管理" in body  # the missing section itself stays, highlighted as 待补充


def test_docx_sources_list_names_each_document_once_with_its_quotes(tmp_path: Path) -> None:
    more = "建立了校长每学期向党支部汇报学校建设发展情况的报告制度。"
    base = _draft()
    third = Citation(3, "第三中学工作汇报", "data/report.txt", "二是优化组织体系", None, more, "c3", "d1", 80, 80 + len(more), role="own")
    again = dataclasses.replace(base.citations[0], n=4, chunk_id="c9")  # the same sentence where two passages overlap
    section = DraftSection("组织体系", f"（一）{more}[3]\n（二）{QUOTES[0]}[4]")
    draft = dataclasses.replace(base, sections=(*base.sections, section), citations=(*base.citations, third, again))
    doc = docx.Document(str(draft_to_docx(draft, tmp_path / "d.docx")))
    texts = [p.text for p in doc.paragraphs]
    sources = texts[texts.index("参考来源") + 1 :]
    assert sources == [
        "[1][3][4] 【本单位材料】《第三中学工作汇报》（data/report.txt）",
        f"[1][4] 四是健全完善议事决策机制：“{QUOTES[0]}”",
        f"[3] 二是优化组织体系：“{more}”",
        f"[2] 【政策依据】《中华人民共和国义务教育法》 第三章 学校 > 第二十四条（data/law.md，第3页）：“{QUOTES[1]}”",
    ]
    # Every marker is still its own footnote, quoting its passage.
    notes = etree.fromstring(_package_part(tmp_path / "d.docx", "word/footnotes.xml"))
    assert len([n for n in notes.iter(qn("w:footnote")) if n.get(qn("w:type")) is None]) == 4
    assert draft.to_markdown().count("《第三中学工作汇报》") == 1


def test_a_request_for_approval_in_word_names_whom_it_goes_to_and_leaves_sender_and_date_to_fill(tmp_path: Path) -> None:
    """A 请示 opens with its addressee (主送机关) flush left and ends with who sends it and when, right-aligned;
    a report has neither."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    asked = Draft("申请增加两名心理健康教师编制", "请示", (DraftSection("请示事项", "恳请批准我校增加两名心理健康教师编制。"),),
                  (), (), addressee="区教育局")
    doc = docx.Document(str(draft_to_docx(asked, tmp_path / "请示.docx")))
    body = [p for p in doc.paragraphs if p.style.name == "Normal"]
    assert body[0].text == "区教育局：" and not body[0].paragraph_format.first_line_indent
    assert body[1].text.startswith("现就申请增加两名心理健康教师编制")
    tail = [p for p in body if p.text in ("【请填写：发文单位】", "【请填写：成文日期】")]
    assert [p.text for p in tail] == ["【请填写：发文单位】", "【请填写：成文日期】"]
    assert body[-1].text.startswith("（联系人：【请填写：联系人】")  # whom the body above may call
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in tail)
    assert body.index(tail[0]) > [p.text for p in body].index("妥否，请批示。")
    report = docx.Document(str(draft_to_docx(_draft(), tmp_path / "汇报.docx")))
    assert not any("主送机关" in p.text or "发文单位" in p.text for p in report.paragraphs)


def test_answers_in_word_carry_footnotes_and_each_answers_source_list(tmp_path: Path) -> None:
    from assistant.export import answers_to_docx
    from assistant.types import Answer

    citations = _draft().citations
    answer = Answer("学校要建立哪些制度？", "学校应当建立、健全安全制度和应急机制。[2]", False, True, (citations[1],))
    path = answers_to_docx("问答", [answer], tmp_path / "问答.docx")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "学校应当建立、健全安全制度和应急机制。" in texts  # the marker is a footnote reference, not text
    notes = etree.fromstring(_package_part(path, "word/footnotes.xml"))
    assert any(QUOTES[1] in "".join(n.itertext()) for n in notes.iter(qn("w:footnote")))
    # Under the answer, its sources are listed by document, with the passage quoted.
    at = texts.index("参考来源")
    assert any("中华人民共和国义务教育法" in t for t in texts[at:]) and any(QUOTES[1] in t for t in texts[at:])
