"""govdoc.web.render: escaped HTML, the quote highlighted inside its passage, notices for refused/unverified."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.types import REFUSAL, Answer, Citation
from govdoc.web import render
from ingest.types import Chunk

PASSAGE = "第五条 学校应当<公开>办学信息 & 接受监督。凡涉及党的建设等重大事项由党支部研究决定。其他事项由校长办公会决定。"
QUOTE = "凡涉及党的建设等重大事项由党支部研究决定。"


def _chunk(text: str = PASSAGE, start: int = 100, *, ocr: bool = False) -> Chunk:
    return Chunk(
        id="c1",
        doc_id="d1",
        doc_title="某校<汇报>材料",
        source="data/某校_汇报.txt",
        section="二、主要做法 > （一）议事规则",
        page=3,
        start=start,
        end=start + len(text),
        text=text,
        ocr=ocr,
    )


def _citation(chunk: Chunk, quote: str = QUOTE, *, n: int = 1, shift: int = 0) -> Citation:
    local = chunk.text.find(quote)
    return Citation(
        n=n,
        doc_title=chunk.doc_title,
        source=chunk.source,
        section=chunk.section,
        page=chunk.page,
        quote=quote,
        chunk_id=chunk.id,
        doc_id=chunk.doc_id,
        start=chunk.start + local + shift,
        end=chunk.start + local + len(quote) + shift,
        ocr=chunk.ocr,
    )


def test_text_html_escapes_and_keeps_line_breaks() -> None:
    out = render.text_html('<script>alert("x")</script>\n第二行\r\n第三行')
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert out.count("<br>") == 2 and "\n" not in out


def test_marked_text_html_sets_off_markers_and_escapes_the_rest() -> None:
    out = render.marked_text_html("甲<b>乙</b>。[1]丙[2,3]")
    assert '<span class="gd-marker gd-n-1" title="查看出处">[1]</span>' in out
    assert '<span class="gd-marker gd-n-2" title="查看出处">[2,3]</span>' in out
    assert "&lt;b&gt;乙&lt;/b&gt;" in out and "<b>" not in out


def test_quote_span_uses_offsets_then_falls_back_to_search() -> None:
    chunk = _chunk()
    local = PASSAGE.find(QUOTE)
    assert render.quote_span(_citation(chunk), chunk) == (local, local + len(QUOTE))
    # Offsets that do not match the passage text (e.g. a re-chunked document): found by search.
    assert render.quote_span(_citation(chunk, shift=3), chunk) == (local, local + len(QUOTE))
    missing = _citation(chunk, "这句话不在片段里。")
    assert render.quote_span(missing, chunk) is None


def test_highlight_marks_the_quote_inside_the_escaped_passage() -> None:
    chunk = _chunk()
    span = render.quote_span(_citation(chunk), chunk)
    out = render.highlight(PASSAGE, span, context=None)
    assert f"<mark>{QUOTE}</mark>" in out
    assert "&lt;公开&gt;" in out and "&amp;" in out
    assert out.startswith("第五条") and out.endswith("校长办公会决定。")
    assert render.highlight(PASSAGE, None) == render.text_html(PASSAGE)


def test_highlight_escapes_markup_inside_the_quote() -> None:
    passage = "前文。<img src=x onerror=alert(1)>引文。后文。"
    out = render.highlight(passage, (3, len(passage) - 3), context=None)
    assert "<img" not in out
    assert "<mark>&lt;img src=x onerror=alert(1)&gt;引文。</mark>" in out


def test_highlight_trims_long_passages_around_the_quote() -> None:
    passage = "甲" * 500 + QUOTE + "乙" * 500
    out = render.highlight(passage, (500, 500 + len(QUOTE)), context=20)
    assert out == "…" + "甲" * 20 + f"<mark>{QUOTE}</mark>" + "乙" * 20 + "…"


def test_the_text_shown_before_a_quote_starts_no_earlier_than_its_article() -> None:
    # A passage that runs from the end of 第八十六条 into 第八十七条: a quote of 第八十七条 is shown under its own
    # label, without the other article's fine above it.
    passage = "（二）未按规定办理手续的。\n第八十六条 违反本法规定的，处一万元以上五万元以下罚款。\n第八十七条 运营使用单位未配备安全管理人员的，责令改正。"
    start = passage.index("运营使用单位")
    out = render.highlight(passage, (start, len(passage)))
    assert out.startswith("第八十七条") and "五万元" not in out
    # Within one article the lead before a quote is still shown.
    inside = passage.index("处一万元")
    assert render.highlight(passage, (inside, inside + 4)).startswith("第八十六条 违反本法规定的")


def test_source_html_shows_title_section_page_and_ocr_warning() -> None:
    chunk = _chunk(ocr=True)
    out = render.source_html(_citation(chunk), chunk)
    assert "<b>某校&lt;汇报&gt;材料</b>" in out
    assert "二、主要做法 &gt; （一）议事规则" in out
    assert "第 3 页" in out
    assert render.OCR_NOTE in out
    assert f"<mark>{QUOTE}</mark>" in out
    assert "来源文件：某校_汇报<" in out or "来源文件：某校_汇报　" in out  # no folder, no extension
    assert "data/" not in out and ".txt" not in out
    plain = render.source_html(_citation(_chunk()), _chunk())
    assert render.OCR_NOTE not in plain


def test_source_html_without_passage_shows_the_quote() -> None:
    chunk = _chunk()
    out = render.source_html(_citation(chunk), None)
    assert f'<div class="gd-passage"><mark>{QUOTE}</mark></div>' in out


def _answer(**kw: object) -> Answer:
    chunk = _chunk()
    base: dict[str, object] = {
        "question": "哪些事项由党支部研究决定？",
        "text": f"{QUOTE}[1]",
        "refused": False,
        "verified": True,
        "citations": (_citation(chunk),),
    }
    base.update(kw)
    return Answer(**base)  # type: ignore[arg-type]


def test_answer_html_lists_every_cited_passage_as_one_markdown_safe_block() -> None:
    chunk = _chunk()
    other = replace(_chunk(), id="c2", doc_id="d2", doc_title="另一份文件")
    second = _citation(chunk, "其他事项由校长办公会决定。", n=2)
    third = _citation(other, "其他事项由校长办公会决定。", n=3)
    text = f"{QUOTE}[1]其他事项由校长办公会决定。[2][3]"
    out = render.answer_html(_answer(text=text, citations=(_citation(chunk), second, third)), {"c1": chunk, "c2": other})
    assert out.startswith('<div class="gd-answer">') and out.endswith("</div>")
    assert "参考来源（2 个文件，3 处）" in out
    # Two quotes of one passage: one card naming both numbers, both sentences marked in the one passage.
    assert out.count('class="gd-source gd-source-') == 2
    assert '<div class="gd-source gd-source-1 gd-source-2" data-n="1">' in out
    assert out.count("<mark>其他事项由校长办公会决定。</mark>") == 2  # once per document
    assert f"<mark>{QUOTE}</mark><mark>其他事项由校长办公会决定。</mark>" in out
    assert out.count('class="gd-passage"') == 2 and "另一份文件" in out
    assert render.UNVERIFIED_NOTICE not in out and "gd-refused" not in out
    assert "\n" not in out  # a blank line would end the HTML block and let Markdown rewrite the rest


def test_a_passage_over_several_articles_is_headed_by_each_quoted_article() -> None:
    # One passage (chunk) runs over two articles and both are quoted: its heading names both, not the first alone.
    chunk = _chunk()
    first = replace(_citation(chunk), section="第五章 受教育者 > 第三十七条")
    second = replace(_citation(chunk, "其他事项由校长办公会决定。", n=2), section="第五章 受教育者 > 第四十一条")
    out = render.answer_html(_answer(text=f"{QUOTE}[1]其他事项由校长办公会决定。[2]", citations=(first, second)), {"c1": chunk})
    assert "第五章 受教育者 &gt; 第三十七条；第四十一条" in out


def test_the_quoted_sections_of_one_passage_say_their_common_head_once() -> None:
    long_head = "二、民主决策机制的落实情况 > 1.校长全面负责教育教学工作"
    paths = [f"{long_head} > (1)全体教职工学习", f"{long_head} > (2)提高教学质量", f"{long_head} > (3)协调各部门"]
    assert render.sections_label(paths) == f"{long_head} > (1)全体教职工学习；(2)提高教学质量；(3)协调各部门"
    assert render.sections_label([paths[0], paths[0]]) == paths[0]
    # Different heads are each named whole; one level alone is never cut away.
    assert render.sections_label(["第一章 > 第二条", "第三章 > 第九条"]) == "第一章 > 第二条；第三章 > 第九条"
    assert render.sections_label(["第二条", "第二条 > （一）"]) == "第二条；第二条 > （一）"
    assert render.sections_label([]) == ""


def test_answer_html_marks_refusals_and_unverified_answers() -> None:
    refused = render.answer_html(_answer(text=REFUSAL, refused=True, verified=False, citations=()), {})
    assert "gd-refused" in refused and "资料中未找到相关内容" in refused
    assert "gd-sources" not in refused
    unverified = render.answer_html(_answer(text="模型自行生成的内容。", verified=False, citations=()), {})
    assert "gd-unverified" in unverified and "未经核实" in unverified
    assert "模型自行生成的内容。" in unverified


def test_answer_html_shows_notes_escaped() -> None:
    out = render.answer_html(_answer(notes=("大模型不可用，已改用<摘录式>回答",)), {"c1": _chunk()})
    assert '<div class="gd-note">大模型不可用，已改用&lt;摘录式&gt;回答</div>' in out


def test_question_and_error_html_are_escaped() -> None:
    assert render.question_html("<b>问</b>") == '<div class="gd-question">&lt;b&gt;问&lt;/b&gt;</div>'
    assert "&lt;x&gt;" in render.error_html("出错<x>")


def test_ingest_report_markdown_lists_documents_errors_and_summary() -> None:
    report = {
        "added": 1,
        "skipped": 2,
        "removed": 0,
        "documents": [{"title": "通知_2024*版", "source": "data/uploads/通知.docx", "chunks": 3}],
        "chunks": 40,
        "errors": [{"file": "data/uploads/坏.pdf", "reason": "文件已加密"}],
    }
    out = render.ingest_report_markdown(report, ["已保存：通知.docx"], ["文件过大：大_图.png"])
    assert "已入库：通知\\_2024\\*版（通知，3 段）" in out  # the file by its name, no folder or extension
    assert "- **未入库**：坏：文件已加密" in out
    titled = {**report, "documents": [{"title": "通知", "source": "data/uploads/通知.docx", "chunks": 3}]}
    assert "已入库：通知（3 段）" in render.ingest_report_markdown(titled)  # not the same name twice
    assert "- **未保存**：文件过大：大\\_图.png" in out
    assert "新增 1 个文件，跳过 2 个未变化的文件" in out and "失败 1 个" in out and "资料共 40 段" in out
    assert out.splitlines()[0] == "- 已保存：通知.docx"
    assert render.ingest_report_markdown(None, [], ["文件为空：a.txt"]) == "- **未保存**：文件为空：a.txt"


def test_local_time_formats_iso_timestamps() -> None:
    assert len(render.local_time("2026-11-26T01:52:43+00:00")) == len("2026-11-26 01:52")
    assert render.local_time("not a time") == "not a time"


def test_draft_html_numbers_sections_marks_missing_ones_and_lists_sources() -> None:
    draft_module = pytest.importorskip("assistant.draft")
    chunk = _chunk()
    draft = draft_module.Draft(
        topic="议事<规则>落实情况",
        genre="汇报材料",
        sections=(
            draft_module.DraftSection("主要做法", f"一是{QUOTE}[1]"),
            draft_module.DraftSection("存在问题", "待补充。"),
        ),
        citations=(_citation(chunk),),
        missing=("存在问题",),
        lacking=("存在问题",),
    )
    out = render.draft_html(draft, {"c1": chunk})
    assert '<h2 class="gd-draft-title">关于议事&lt;规则&gt;落实情况的汇报材料</h2>' in out
    assert "<p>特此汇报。</p>" in out
    assert ">一、主要做法</h3>" in out and ">二、存在问题</h3>" in out
    assert 'class="gd-draft-heading gd-missing"' in out
    assert render.MISSING_NOTICE + "存在问题" in out
    assert '<span class="gd-marker gd-n-1" title="查看出处">[1]</span>' in out and f"<mark>{QUOTE}</mark>" in out
    sampled = draft_module.Draft(
        topic="议事规则落实情况",
        genre="汇报材料",
        sections=(draft_module.DraftSection("主要做法", f"一是{QUOTE}[1]"),),
        citations=(replace(_citation(chunk), role="sample"),),
        missing=(),
        target_chars=2000,
        shortfall="正文约 30 字，比目标 2000 字少约 1970 字。",
    )
    out = render.draft_html(sampled, {"c1": chunk})
    assert "【参考范文】" in out and "比目标 2000 字少约 1970 字" in out
    assert "gd-draft-to" not in out and "gd-draft-sender" not in out  # a report goes to no named body
    asked = draft_module.Draft(topic="申请维修操场", genre="请示", sections=(draft_module.DraftSection("请示事项", "恳请批准。"),),
                               citations=(), missing=(), addressee="区教育局")
    out = render.draft_html(asked, {})
    assert out.index('<p class="gd-draft-to">区教育局：</p>') < out.index("现就申请维修操场")
    assert out.index("妥否，请批示。") < out.index('class="gd-draft-sender"') and "成文日期" in out
    assert out.index('class="gd-draft-sender"') < out.index("（联系人：")  # the 附注 under the date, not right-aligned


def test_a_follow_up_shows_what_it_was_taken_to_mean() -> None:
    from assistant.types import Answer

    answer = Answer(question="那民办的呢？", text="资料中未找到相关内容。", refused=True, verified=False,
                    resolved="学生在课间摔伤，学校要承担责任吗？")
    html = render.answer_html(answer, {})
    assert "按「学生在课间摔伤，学校要承担责任吗？」理解" in html
    assert answer.to_json()["resolved_question"] == "学生在课间摔伤，学校要承担责任吗？"
    plain = Answer(question="教师享有哪些权利？", text="……", refused=False, verified=True)
    assert "gd-resolved" not in render.answer_html(plain, {}) and "resolved_question" not in plain.to_json()


def test_a_refusal_says_why_in_words_never_a_score() -> None:
    from assistant.types import Answer

    answer = Answer(question="校长办公会怎么开？", text=REFUSAL, refused=True, verified=False,
                    notes=("查到的相关内容里没有提到「校长办公会」（0.37）", "另一条说明"))
    html = render.answer_html(answer, {})
    notice = html.split('gd-refused">')[1].split("</div>")[0]
    # It says nothing answering was found and which word the passages found do not write, never that the
    # documents lack the word (a passage not found may write it), and that they may use other words for it.
    assert notice.startswith(
        "没有找到能回答这个问题的内容：查到的相关内容里没有提到「校长办公会」。原文可能用的是别的说法，可以换成文件里的用语再问"
    )
    assert "资料中未找到相关内容" not in html and "资料中没有" not in html
    assert "0.37" not in html and html.count("没有提到「校长办公会」") == 1  # the reason is not repeated below
    assert "另一条说明" in html
    unstated = Answer(question="申请要交多少钱？", text=REFUSAL, refused=True, verified=False,
                      notes=("找到了相关条文，但没有写明所问的金额",))
    said = render.answer_html(unstated, {}).split('gd-refused">')[1].split("</div>")[0]
    assert said.startswith("资料中没有这个问题的答案：找到了相关条文，但没有写明所问的金额。")
    bare = render.answer_html(Answer(question="？", text=REFUSAL, refused=True, verified=False), {})
    assert "资料中未找到相关内容。可以换个问法" in bare


def test_the_sources_panel_counts_versions_of_one_document_as_one_file() -> None:
    from dataclasses import replace

    from assistant.types import Citation

    def cited(n: int, doc_id: str, title: str, version: str, current: bool) -> Citation:
        return Citation(
            n, title, f"data/{doc_id}.md", "", None, f"第{n}句。", f"{doc_id}-c", doc_id, n * 10, n * 10 + 4,
            version=version, version_label=f"{version}修订", current=current, versioned=True,
        )

    old = cited(2, "old", "青石县乡村图书室管理办法", "2012-03-01", False)
    new = cited(1, "new", "青石县乡村图书室管理办法", "2023-05-01", True)
    again = replace(new, n=3, quote="第3句。", start=40, end=44)
    # Two versions of one document, quoted three times: one file in two versions.
    summary = render.sources_html([new, old, again], {})
    assert "参考来源（1 个文件（2 个版本），3 处）" in summary
    # Another document beside them is a second file, not a third version.
    other = replace(cited(4, "other", "青石县文化站管理办法", "2020-01-01", True), versioned=False)
    assert "参考来源（2 个文件（其中 1 个有 2 个版本），4 处）" in render.sources_html([new, old, again, other], {})
    # Two documents each cited in two versions.
    other_old = cited(5, "o-old", "青石县文化站管理办法", "2011-01-01", False)
    other_new = cited(6, "o-new", "青石县文化站管理办法", "2021-01-01", True)
    both = render.sources_html([new, old, other_old, other_new], {})
    assert "参考来源（2 个文件（其中 2 个有多个版本），4 处）" in both
    # Documents without versions are counted as before.
    plain = [replace(other, n=1), replace(other, n=2, doc_id="o2", chunk_id="o2-c", source="data/o2.md")]
    assert "参考来源（2 条）" in render.sources_html(plain, {})


def test_a_draft_highlights_its_fill_in_slots_and_sections_left_to_write_as_the_word_export_does() -> None:
    draft_module = pytest.importorskip("assistant.draft")
    chunk = _chunk()
    text = "学校【请填写：频次】召开<b>教代会</b>，会前【请填写：<i>时长</i>】公示[1]。\n【请填写：未闭合"
    draft = draft_module.Draft(
        topic="议事规则落实情况",
        genre="汇报材料",
        sections=(
            draft_module.DraftSection("主要做法", text),
            draft_module.DraftSection("师德建设", draft_module.MISSING_TEXT.format(heading="<师德>")),
        ),
        citations=(_citation(chunk),),
        missing=("师德建设",),
    )
    out = render.draft_html(draft, {"c1": chunk})
    assert '学校<mark class="gd-slot">【请填写：频次】</mark>召开&lt;b&gt;教代会&lt;/b&gt;' in out
    assert '<mark class="gd-slot">【请填写：&lt;i&gt;时长&lt;/i&gt;】</mark>公示' in out
    assert '<span class="gd-marker gd-n-1" title="查看出处">[1]</span>' in out
    assert "<br>【请填写：未闭合" in out  # no closing bracket: not a slot, left as written
    assert '<mark class="gd-slot">待补充：资料中未找到与“&lt;师德&gt;”相关的内容。</mark>' in out
    assert "<b>教代会" not in out and "<i>" not in out
    # A sentence without a slot is not marked.
    plain = render.draft_text_html("一是坚持集体研究[2]。")
    assert "gd-slot" not in plain and "一是坚持集体研究" in plain
