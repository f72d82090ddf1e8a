"""The web app's callbacks on a real small index (hashing embedder): chat, uploads, delete, re-index, page."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from pydantic import SecretStr

from assistant.request import parse_request
from govdoc.accounts import LOCAL
from govdoc.permissions import Forbidden
from govdoc.service import REMOVED_UPLOADS, GovdocService
from govdoc.settings import Settings, with_overrides
from govdoc.uploads import uploads_dir
from govdoc.web import chat, documents, docview, drafting, evaluate, history, options
from govdoc.web.blocks import build_blocks

ROOT = Path(__file__).resolve().parent.parent
UNIQUE_FACT = "青松镇中心小学的图书角共有藏书4321册。"


@pytest.fixture(scope="module")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("web")
    data = root / "data"
    shutil.copytree(ROOT / "data", data)
    for path in data.iterdir():
        path.chmod(0o644)
    return Settings(
        data_dir=data,
        embedding={"mode": "hashing"},  # type: ignore[arg-type]
        store={"index_dir": root / "index"},  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def service(web_settings: Settings) -> Iterator[GovdocService]:
    svc = GovdocService(web_settings)
    svc.ingest([web_settings.data_dir])
    yield svc
    svc.close()


def _final(stream: Iterator[tuple[list[dict], list[chat.ChatTurn], str]]) -> tuple[list, list, list, str]:
    """Run a chat stream; returns (all updates, final display, final turns, input box text)."""
    updates = list(stream)
    display, turns, box = updates[-1]
    return updates, display, turns, box


def test_chat_streams_then_shows_the_checked_answer_with_sources(service: GovdocService) -> None:
    updates, display, turns, box = _final(
        chat.respond(service, " 哪些事项需要由党支部研究决定？ ", [], "hybrid", 5, "extractive", who=LOCAL)
    )
    assert len(updates) > 2  # the question at once, then streamed pieces, then the final answer
    assert "gd-streaming" in updates[1][0][-1]["content"]
    assert box == ""
    assert [m["role"] for m in display] == ["user", "assistant"]
    answer_html = display[-1]["content"]
    assert "gd-streaming" not in answer_html
    assert "党的建设" in answer_html
    assert '<span class="gd-marker gd-n-1" title="查看出处">[1]</span>' in answer_html
    assert "参考来源" in answer_html and "<mark>" in answer_html
    assert "党支部研究决定" in answer_html.split("<mark>")[1]
    assert len(turns) == 1 and turns[0].question == "哪些事项需要由党支部研究决定？"
    assert "[1]" in turns[0].answer and "<" not in turns[0].answer


def test_chat_passes_history_and_keeps_turns(service: GovdocService) -> None:
    _, _, turns, _ = _final(chat.respond(service, "教师享有哪些权利？", [], "bm25", 3, "extractive", who=LOCAL))
    _, display, turns2, _ = _final(chat.respond(service, "那义务呢？", turns, "bm25", 3, "extractive", who=LOCAL))
    assert len(turns2) == 2 and len(display) == 4
    assert turns2[0] == turns[0]
    assert chat.history(turns2)[:2] == [("user", "教师享有哪些权利？"), ("assistant", turns[0].answer)]


def test_chat_refusal_is_a_plain_notice(service: GovdocService) -> None:
    _, display, turns, _ = _final(chat.respond(service, "火星上有几个月亮？", [], "hybrid", 5, "extractive", who=LOCAL))
    html = display[-1]["content"]
    notice = html.split('gd-refused">')[1].split("</div>")[0]
    # The refusal is said once: that nothing answering was found, and which word the passages found lack.
    assert notice.startswith("没有找到能回答这个问题的内容") and notice.count("没有找到") == 1 and "「火星」" in notice
    assert "gd-sources" not in html
    assert turns[0].answer.startswith("资料中未找到相关内容")


def test_chat_ignores_blank_input_and_clear_empties(service: GovdocService) -> None:
    updates = list(chat.respond(service, "   ", [], "hybrid", 5, "extractive", who=LOCAL))
    assert updates == [([], [], "")]
    assert chat.clear() == ([], [], "")


class _BrokenService(GovdocService):
    def ask_stream(self, *args: object, **kwargs: object) -> Iterator[str]:  # type: ignore[override]
        yield "部分"
        raise RuntimeError("接口超时")


def test_chat_error_is_shown_and_the_question_kept(web_settings: Settings) -> None:
    broken = _BrokenService(web_settings)
    _, display, turns, box = _final(chat.respond(broken, "教师享有哪些权利？", [], "hybrid", 5, "extractive", who=LOCAL))
    assert "gd-error" in display[-1]["content"] and "接口超时" in display[-1]["content"]
    assert turns == [] and box == "教师享有哪些权利？"


def _make_docx(path: Path) -> Path:
    doc = DocxDocument()
    doc.add_heading("青松镇中心小学图书角建设情况", level=1)
    doc.add_paragraph("一、基本情况")
    doc.add_paragraph(f"学校高度重视阅读工作。{UNIQUE_FACT}图书每学期更新一次。")
    doc.save(str(path))
    return path


def test_upload_ingest_ask_delete(service: GovdocService, web_settings: Settings, tmp_path: Path) -> None:
    received = tmp_path / "gradio" / "图书角 情况.docx"  # gradio keeps the user's file name
    received.parent.mkdir()
    _make_docx(received)
    events: list[tuple[float, str]] = []
    report, uploaded, shared, choices = documents.upload_files(
        service, web_settings, [str(received)], lambda value, desc="": events.append((value, desc)), who=LOCAL
    )
    stored = uploads_dir(web_settings.data_dir) / "图书角_情况.docx"
    assert stored.is_file()
    report = report.replace("\\", "")  # Markdown escapes, e.g. \_
    assert "已保存：图书角_情况" in report and ".docx" not in report and "已入库" in report
    assert events and events[-1][0] == 1.0 and "图书角_情况" in events[-1][1] and ".docx" not in events[-1][1]
    # Uploaded documents are listed apart from the data folder's own.
    assert "青松镇中心小学图书角建设情况" in uploaded and "图书角_情况" in uploaded and ".docx" not in uploaded
    assert "图书角" not in shared and "中华人民共和国教师法" in shared
    label, doc_id = next((label, value) for label, value in choices["choices"] if label.startswith("青松镇"))
    assert label.endswith("（上传）") and choices["choices"][0][1] == doc_id  # uploads come first

    _, display, _, _ = _final(chat.respond(service, "图书角共有多少册藏书？", [], "hybrid", 5, "extractive", who=LOCAL))
    assert "4321册" in display[-1]["content"]

    again, *_ = documents.upload_files(service, web_settings, [str(received)], who=LOCAL)
    assert "已存在相同内容的文件" in again and "跳过 1 个" in again

    # Asked first: what goes, and that the original is kept unless ticked.
    asked = docview.delete_question(service.document_view(doc_id, who=LOCAL))
    assert "确定要删除" in asked and "原文件默认保留" in asked and "同时删除上传的原文件" in asked
    message, uploaded, shared, choices = documents.delete_document(service, doc_id, who=LOCAL)
    kept = web_settings.store.index_dir / REMOVED_UPLOADS / "图书角_情况.docx"
    assert "原文件已保留" in message and REMOVED_UPLOADS in message
    assert not stored.exists() and kept.is_file() and kept.read_bytes() == received.read_bytes()
    assert "图书角" not in uploaded and all(value != doc_id for _, value in choices["choices"])
    report, *_ = documents.reindex(service, web_settings, who=LOCAL)  # a kept upload does not come back
    assert not any(s.endswith("图书角_情况.docx") for s in service.index.sources()), report

    # Ticked: the uploaded original is deleted too.
    _, _, _, choices = documents.upload_files(service, web_settings, [str(received)], who=LOCAL)
    doc_id = next(value for label, value in choices["choices"] if label.startswith("青松镇"))
    message, *_ = documents.delete_document(service, doc_id, True, who=LOCAL)
    assert "上传的原文件也已删除" in message
    assert not stored.exists() and not kept.with_name("图书角_情况-2.docx").exists()


def test_document_view_shows_every_chunk_with_its_section(service: GovdocService) -> None:
    doc = next(d for d in service.documents(LOCAL) if d.title == "中华人民共和国教师法")
    view = service.document_view(doc.doc_id, who=LOCAL)
    assert not view.uploaded and len(view.chunks) == doc.n_chunks > 3
    body = docview.view_body_html(view)
    assert body.count('class="gd-chunk"') == len(view.chunks)
    assert "第二章 权利和义务" in body  # a chunk's section path
    # Chunk borders in order: chunk n's text follows chunk n-1's, and together they hold the cleaned text.
    starts = [body.index(f'data-n="{n}"') for n in range(1, len(view.chunks) + 1)]
    assert starts == sorted(starts)
    shown = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert all(ch in shown for ch in ("第一条", "第四十三条")) and view.document.text[:10] in shown
    head = docview.view_head_html(view, {"公共资料"})
    assert "资料文件夹中的文档" in head and "公共资料" in head
    assert "原文件不会被删除" in docview.delete_question(view)
    with pytest.raises(Forbidden):
        service.document_view("no-such-document", who=LOCAL)


def test_upload_refuses_wrong_type_and_too_large(service: GovdocService, web_settings: Settings, tmp_path: Path) -> None:
    fake = tmp_path / "报告.pdf"
    fake.write_text("这不是 PDF。", encoding="utf-8")
    report, *_ = documents.upload_files(service, web_settings, [str(fake)], who=LOCAL)
    assert "**未保存**" in report and "文件内容与扩展名不符" in report
    assert not (uploads_dir(web_settings.data_dir) / "报告.pdf").exists()

    tiny = with_overrides(web_settings, ui={"upload_max_mb": 0.001})
    big = tmp_path / "大.txt"
    big.write_text("字" * 2000, encoding="utf-8")
    report, *_ = documents.upload_files(service, tiny, [str(big)], who=LOCAL)
    assert "文件过大" in report and "0.001 MB" in report
    assert documents.upload_files(service, web_settings, None, who=LOCAL)[0] == "请先选择要上传的文件。"


def _shown(page_html: str) -> str:
    """The text a reader sees in a piece of the page (its tags gone)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def test_delete_of_a_data_file_keeps_the_file_and_reindex_restores_it(
    service: GovdocService, web_settings: Settings
) -> None:
    doc = next(d for d in service.documents(LOCAL) if "教师法" in d.source)
    message, _, shared, _ = documents.delete_document(service, doc.doc_id, True, who=LOCAL)  # ticked or not
    assert "仍在资料文件夹中" in message
    assert Path(doc.source).exists()
    assert "教师法(2009-08-27)" not in _shown(shared)
    report, _, shared, _ = documents.reindex(service, web_settings, who=LOCAL)
    assert "新增 1 个文件" in report
    assert "教师法(2009-08-27)" in _shown(shared)
    assert "请先在列表中选择" in documents.delete_document(service, None, who=LOCAL)[0]


def test_reindex_prunes_an_upload_deleted_on_disk(service: GovdocService, web_settings: Settings, tmp_path: Path) -> None:
    note = tmp_path / "临时通知.txt"
    note.write_text("第一条 本通知自发布之日起施行。", encoding="utf-8")
    documents.upload_files(service, web_settings, [str(note)], who=LOCAL)
    stored = uploads_dir(web_settings.data_dir) / "临时通知.txt"
    assert any(s.endswith("临时通知.txt") for s in service.index.sources())
    stored.unlink()
    report, *_ = documents.reindex(service, web_settings, who=LOCAL)
    assert "移除 1 个" in report
    assert not any(s.endswith("临时通知.txt") for s in service.index.sources())


def test_options_never_show_the_api_key(web_settings: Settings) -> None:
    secret = "sk-test-should-never-appear-123"
    configured = with_overrides(
        web_settings, llm={"mode": "openai", "base_url": "http://127.0.0.1:9/v1", "model": "qwen", "api_key": SecretStr(secret)}
    )
    assert "大模型密钥：已配置" in options.llm_status(configured)
    assert "大模型接口：已配置" in options.llm_status(configured)
    assert [v for _, v in options.answer_mode_choices(configured)] == ["extractive", "openai"]
    assert "未接入大模型" in options.llm_status(web_settings) and "密钥" not in options.llm_status(web_settings)
    assert [v for _, v in options.answer_mode_choices(web_settings)] == ["extractive"]
    page = build_blocks(GovdocService(configured), configured)
    config = json.dumps(page.get_config_file(), ensure_ascii=False, default=str)
    assert secret not in config and "127.0.0.1:9" not in config
    assert "已配置" in config


def test_page_has_five_tabs_and_a_queue(service: GovdocService, web_settings: Settings) -> None:
    page = build_blocks(service, web_settings)
    config = page.get_config_file()
    labels = {c["props"].get("label") for c in config["components"] if c.get("type") == "tabitem"}
    assert labels == {"问答", "起草", "文档", "评测", "账号"}
    assert page._queue.default_concurrency_limit == web_settings.ui.max_concurrency
    assert page._queue.max_size == 256  # bounded: a flood of events is refused, never kills the queue
    text = json.dumps(config, ensure_ascii=False, default=str)
    assert "fonts.googleapis.com" not in text


def test_index_writes_run_one_at_a_time_beside_questions(service: GovdocService, web_settings: Settings) -> None:
    page = build_blocks(service, web_settings)
    writers = [fn for fn in page.fns.values() if fn.concurrency_id == documents.WRITE_SLOT]
    assert len(writers) == 3  # upload, delete, re-index share one slot of one
    assert all(fn.concurrency_limit == 1 for fn in writers)
    assert sum(fn.tracks_progress for fn in writers) == 2  # upload and re-index show a progress bar
    chat_fn = next(fn for fn in page.fns.values() if fn.api_name == "chat")
    assert chat_fn.concurrency_id != documents.WRITE_SLOT
    assert chat_fn.concurrency_limit == "default"  # the queue's default_concurrency_limit (ui.max_concurrency)


def test_drafting_and_evaluation_guards(service: GovdocService) -> None:
    assert drafting.parse_outline("基本情况\n主要做法；存在问题;  \n下一步打算") == ["基本情况", "主要做法", "存在问题", "下一步打算"]
    assert drafting.parse_outline("") == []
    text, download, _ = drafting.drafted(service, "  ", "", "汇报材料", 1500, "extractive", who=LOCAL)
    assert "请先填写主题" in text and download["visible"] is False
    metrics = {"n_answerable": 100, "n_unanswerable": 20, "hit@5": 0.97, "key_point_recall": 0.955,
               "refusal_accuracy": 0.85, "false_refusal_rate": 0.07, "citation_validity": 1.0, "mrr@10": 0.9}
    main, refusals, rest = evaluate.figures(metrics)
    said = {f.text: (f.goal, f.met) for f in main}
    assert said["100 道能回答的题，答对要点 95.5%"] == ("目标：不低于 90%", True)
    assert said["20 道资料中没有答案的题，85% 如实回答了“资料中未找到”"] == ("目标：不低于 90%", False)
    assert said["回答中的引用，100% 与原文逐字一致"] == ("目标：全部做到", True)
    assert [(f.text, f.met) for f in refusals] == [("100 道能回答的题，有 7 道被误答成“资料中未找到”，占 7%", False)]
    shown = evaluate.figures_html({"default": metrics})
    assert "5 项有目标的指标中 3 项达标" in shown and "误拒" in shown and "MRR" not in shown
    failed = evaluate.failed_html([{"config": "default", "id": "q1", "question": "问？", "reasons": ["误拒答"],
                                    "expected": ["甲"], "answer": "长" * 3000, "citations": ["[1]《法》句"]}], False)
    assert "长" * 3000 in failed and "误拒答" in failed and "[1]《法》句" in failed  # whole, nothing cut
    assert ">q1<" not in failed and "default" not in failed


def test_draft_with_sources_and_word_file(service: GovdocService, tmp_path: Path) -> None:
    html, download, _ = drafting.drafted(
        service, "学校党组织领导下的校长负责制落实情况", "议事决策机制；党支部领导体系", "汇报材料", 1200, "extractive", tmp_path, who=LOCAL
    )
    assert html.startswith('<div class="gd-answer gd-draft">')
    assert "一、议事决策机制" in html and "二、党支部领导体系" in html
    assert '<span class="gd-marker gd-n-1" title="查看出处">[1]</span>' in html
    assert "参考来源" in html and "<mark>" in html
    path = Path(download["value"])
    assert download["visible"] and path.parent == tmp_path and path.suffix == ".docx"
    # Named by the draft's title, as a person would save it, not by the request as typed.
    assert path.stem.startswith("关于") and path.stem.endswith("汇报材料"), path.name
    # …its Chinese punctuation kept (关于安保、食堂的…, not 关于安保_食堂的…); only what a file name may not hold goes.
    assert drafting._file_stem("关于安保、食堂的自查报告") == "关于安保、食堂的自查报告"
    assert drafting._file_stem("关于A/B:C*的报告") == "关于A_B_C_的报告"
    text = "\n".join(p.text for p in DocxDocument(str(path)).paragraphs)
    assert "学校党组织领导下的校长负责制落实情况" in text
    # The sources name files as the page does: no folder, no extension (教师法(2009-08-27), not ….md).
    sources = text[text.rindex("参考来源") :]
    assert "《" in sources and not re.search(r"\.(?:md|txt|docx|pdf)\b", sources), sources


def test_one_paragraph_asked_on_the_page_is_a_paragraph_long_unless_the_length_was_moved(
    service: GovdocService, tmp_path: Path
) -> None:
    def body_chars(length: int) -> int:
        html, _, _ = drafting.drafted(
            service, "帮我写一段汇报材料：我校落实校长负责制的情况", "", "", length, "extractive", tmp_path, who=LOCAL
        )
        body = html[: html.index("参考来源")] if "参考来源" in html else html
        return len(re.sub(r"<[^>]+>|\[\d+\]|\s", "", body))

    # The slider left where it starts: a paragraph's length, not the 1500 characters of a report.
    assert body_chars(drafting.DEFAULT_LENGTH) < 700
    # Moved by the user, it is the length asked for.
    assert body_chars(1200) > body_chars(drafting.DEFAULT_LENGTH)


def test_a_length_the_request_names_is_the_target_unless_the_slider_was_moved(service: GovdocService) -> None:
    topic = "麻烦拟一份汇报材料，讲讲学校党组织领导下的校长负责制落实情况，950字左右"
    assert drafting.requested_length(topic, drafting.DEFAULT_LENGTH) is None
    assert drafting.requested_length(topic, 900) == 900  # moved by the user: the slider's
    assert drafting.requested_length("学校党组织领导下的校长负责制落实情况", drafting.DEFAULT_LENGTH) == drafting.DEFAULT_LENGTH
    draft = service.draft(topic, length=drafting.requested_length(topic, drafting.DEFAULT_LENGTH), who=LOCAL)
    assert draft.target_chars == 950


def test_a_brief_genre_is_not_held_to_the_sliders_report_length(service: GovdocService) -> None:
    """A 请示 or 通知 is a page or so: left at the slider's 1500, the draft was told it fell short by about 1400."""
    asked = "帮我给区教育局写个请示：申请增加两名心理健康教师编制"
    assert drafting.requested_length(asked, drafting.DEFAULT_LENGTH) is None
    assert drafting.requested_length("开展消防演练", drafting.DEFAULT_LENGTH, "通知") is None  # from the genre field
    assert drafting.requested_length(asked, 800) == 800  # moved by the user: the slider's
    assert drafting.requested_length("写个校园安全工作的自查报告", drafting.DEFAULT_LENGTH) == drafting.DEFAULT_LENGTH
    # The genre is read as the drafter reads it (a 通知 named first does not make a 情况报告 brief).
    assert drafting.requested_length("起草一份关于维修操场的请示报告", drafting.DEFAULT_LENGTH) is None
    report = "写一份通知家长假期安全事项的情况报告"
    assert parse_request(report).genre == "情况报告"
    assert drafting.requested_length(report, drafting.DEFAULT_LENGTH) == drafting.DEFAULT_LENGTH
    draft = service.draft(asked, length=drafting.requested_length(asked, drafting.DEFAULT_LENGTH), who=LOCAL)
    assert draft.target_chars is None and not draft.shortfall


def test_the_slider_shows_the_length_the_request_names() -> None:
    # Typed "800字左右": the slider moves there, and drafting at that slider is drafting to the request's figure.
    topic = "写一份校园安全工作的自查报告，八百五十字左右"
    assert drafting.length_shown(topic, drafting.DEFAULT_LENGTH)["value"] == 800
    assert drafting.requested_length(topic, 800) is None
    assert drafting.requested_length(topic, 1200) == 1200  # moved again by the user: the slider's
    # No length named: the slider stays where the user left it; beyond its range: its end.
    assert drafting.length_shown("校园安全工作的自查报告", 2300)["value"] == 2300
    assert drafting.length_shown("写一份九千字的工作总结", 1500)["value"] == drafting.LENGTH_RANGE[1]


@pytest.mark.slow
def test_evaluation_on_the_bundled_test_set(service: GovdocService, web_settings: Settings) -> None:
    summary, figures, failed, report = evaluate.run_evaluation(service, LOCAL, None, False, "hybrid", 5, "extractive")
    assert summary.startswith("评测完成：内置测试集共"), summary
    assert "llm." not in summary and "LLM" not in summary
    assert figures["visible"] and "道能回答的题，答对要点" in figures["value"]
    assert "目标：" in figures["value"] and ("达标" in figures["value"])
    assert failed["visible"] and 'class="gd-failed"' in failed["value"]
    assert report["visible"] and Path(report["value"]).read_text(encoding="utf-8").startswith("# ")


def test_regenerate_replaces_that_answer_keeps_the_rest_and_is_kept(service: GovdocService) -> None:
    owner = "本机:regenerate"
    _, _, turns, _ = _final(chat.respond(service, "教师享有哪些权利？", [], "bm25", 3, "extractive", who=LOCAL))
    conv = chat.keep(service, owner, "", turns, None)
    _, _, turns, _ = _final(chat.respond(service, "哪些事项需要由党支部研究决定？", turns, "bm25", 3, "extractive", who=LOCAL))
    assert chat.keep(service, owner, conv, turns, None) == conv
    _, display, again, _ = _final(
        chat.respond(service, "", turns, "hybrid", 8, "extractive", who=LOCAL, at=0, place=chat.Place(conv, "b"))
    )
    assert [t.question for t in again] == [t.question for t in turns]
    assert again[1] is turns[1] and again[0] is not turns[0] and again[0].result is not None
    assert len(display) == 4 and "gd-turn-1" in display[3]["content"] and f"/chat/export/{conv}" in display[3]["content"]
    assert chat.keep(service, owner, conv, again, 0) == conv
    kept = service.conversations.turns(owner, conv)
    assert [t.question for t in kept] == [t.question for t in again]
    assert kept[0].answer.citations == again[0].result.citations
    # Deleted meanwhile (say in another tab): the next answer starts a new conversation with all turns.
    service.conversations.delete(owner, conv)
    fresh = chat.keep(service, owner, conv, again, None)
    assert fresh != conv and len(service.conversations.turns(owner, fresh)) == 2


def test_answers_only_from_the_chosen_documents(service: GovdocService) -> None:
    question = "哪些事项需要由党支部研究决定？"
    docs = dict(chat.document_choices(service, LOCAL))
    law = next(doc_id for title, doc_id in docs.items() if title == "中华人民共和国教师法")
    _, _, free, _ = _final(chat.respond(service, question, [], "hybrid", 5, "extractive", who=LOCAL))
    assert free[0].result is not None and any(c.doc_id != law for c in free[0].result.citations)
    _, _, chosen, _ = _final(chat.respond(service, question, [], "hybrid", 5, "extractive", who=LOCAL, doc_ids=[law]))
    result = chosen[0].result
    assert result is not None and all(c.doc_id == law for c in result.citations)


def test_a_draft_limited_to_chosen_documents_cites_only_them(service: GovdocService, tmp_path: Path) -> None:
    """The 起草 tab's "只用这些文件起草": a draft on teachers' duties drew on the 教师法 and the 义务教育法 alike;
    limited to one of them, every citation is that one's."""
    docs = {d.title: d.doc_id for d in service.documents(LOCAL)}
    law = next(doc_id for title, doc_id in docs.items() if "教师法" in title)
    topic = "写一份我校落实教师权利和义务情况的汇报材料"
    everything, _, drawn = drafting.drafted(service, topic, "", "", 1200, "extractive", tmp_path, who=LOCAL)
    assert drawn is not None and len({c.doc_id for c in drawn.citations}) > 1
    html, _, only = drafting.drafted(service, topic, "", "", 1200, "extractive", tmp_path, who=LOCAL, doc_ids=[law])
    assert only is not None and only.citations
    assert {c.doc_id for c in only.citations} == {law}
    # The choices are the documents the user may read, by title.
    assert (next(t for t in docs if "教师法" in t), law) in history.document_choices(service, LOCAL)


def test_the_outline_the_drafter_chose_is_what_the_outline_box_shows(service: GovdocService, tmp_path: Path) -> None:
    from assistant.draft import section_number

    html, download, draft = drafting.drafted(
        service, "学校党组织领导下的校长负责制落实情况", "", "汇报材料", 1200, "extractive", tmp_path, who=LOCAL
    )
    assert draft is not None and download["visible"]
    shown = drafting.outline_text(draft)
    headings = shown.split("\n")
    assert len(headings) >= 2 and all(f"{section_number(i)}{h}" in html for i, h in enumerate(headings))
    # Drafted again from the box as filled, the draft keeps those headings.
    again = drafting.drafted(service, "学校党组织领导下的校长负责制落实情况", shown, "汇报材料", 1200, "extractive", tmp_path, who=LOCAL)[2]
    assert again is not None and [s.heading for s in again.sections] == headings
    assert drafting.drafted(service, " ", "", "", 1200, "extractive", tmp_path, who=LOCAL)[2] is None
