"""The page's words are plain Chinese: no engineer words or English in what a user reads (labels, choices,
buttons, the answer's actions), files named as users know them, and gradio's English popup titles replaced."""

from __future__ import annotations

import json
import re

import gradio as gr
import pytest

from assistant.sources import source_line
from assistant.types import Answer, Citation
from govdoc.settings import Settings
from govdoc.sourcename import shown_citations
from govdoc.web import actions, docview, evaluate, options, page
from govdoc.web.blocks import ERROR_TITLE, UNEXPECTED, build_blocks, chinese_error
from govdoc.web.history import export_links
from govdoc.web.turns import Place
from ingest.store import DocInfo

# Names a Chinese office user reads as they are (products, formats, units).
NAMES = {"Word", "Excel", "WPS", "PDF", "API", "MB"}
# Engineer words the page must not use (the list).
ENGINEER = ("向量", "片段", "语义", "索引", "Markdown", "JSONL", "关键词检索", "混合检索")
_LETTERS = re.compile(r"[A-Za-z]+")


def _english(text: str) -> list[str]:
    return [w for w in _LETTERS.findall(re.sub(r"<[^>]+>", " ", text)) if w not in NAMES]


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> dict:
    from govdoc.service import GovdocService

    root = tmp_path_factory.mktemp("words")
    (root / "docs").mkdir()
    settings = Settings(data_dir=root / "docs", embedding={"mode": "hashing"}, store={"index_dir": root / "index"})  # type: ignore[arg-type]
    service = GovdocService(settings)
    try:
        return build_blocks(service, settings).get_config_file()
    finally:
        service.close()


def test_no_label_choice_or_button_of_the_page_holds_english_or_engineer_words(config: dict) -> None:
    shown: list[str] = []
    for component in config["components"]:
        props = component.get("props", {})
        for key in ("label", "info", "placeholder"):
            if isinstance(props.get(key), str):
                shown.append(props[key])
        if component.get("type") in ("button", "downloadbutton", "checkbox") and isinstance(props.get("value"), str):
            shown.append(props["value"])
        for choice in props.get("choices") or []:
            shown.append(choice[0] if isinstance(choice, (list, tuple)) else str(choice))
    assert shown
    for text in shown:
        assert not _english(text), text
        assert not any(word in text for word in ENGINEER), text


def test_the_retrieval_ways_are_named_in_plain_words() -> None:
    assert [label for label, _ in options.RETRIEVAL_CHOICES] == ["综合（推荐）", "按词语", "按意思"]
    assert {evaluate.CONFIG_LABELS[k] for k in ("bm25", "dense", "hybrid")} == {"按词语检索", "按意思检索", "综合检索"}


def test_the_answer_and_the_conversation_export_as_word_or_text() -> None:
    answer = Answer("问", "答", False, True)
    row = actions.actions_html(0, answer, "c1", "b1")
    links = export_links(Place("c1", "b1"))
    for shown in (row, links):
        text = re.sub(r"<[^>]+>", " ", shown)
        assert not _english(text), text
        assert "Word" in text and "文本" in text
    # Before there is a conversation, the section that promises an export says where it will be.
    none = export_links(Place("", "b1"))
    assert "导出" in none and "href" not in none and not _english(re.sub(r"<[^>]+>", " ", none))


def test_two_documents_of_one_file_say_which_of_its_documents_each_is() -> None:
    docs = [
        DocInfo("a", "第一份报告", "data/汇编.docx", 3, "2026-01-01T00:00:00"),
        DocInfo("b", "第二份报告", "data/汇编.docx", 4, "2026-01-01T00:00:00"),
        DocInfo("c", "教师法", "data/教师法.md", 5, "2026-01-01T00:00:00"),
    ]
    table = docview.documents_table_html(docs, {}, "无")
    assert "汇编（此文件共 2 篇，这是第 1 篇）" in table and "汇编（此文件共 2 篇，这是第 2 篇）" in table
    assert "教师法.md" not in table and table.count("教师法") == 1  # a file named as its title is not named again
    assert "资料段落数" in table and "片段" not in table


def _citation(source: str, title: str = "中华人民共和国教师法") -> Citation:
    return Citation(1, title, source, "第八条", None, "教师应当履行下列义务", "c1", "d1", 0, 10)


def test_exports_name_files_as_the_page_does_without_folders_or_extensions() -> None:
    named = shown_citations((_citation("uploads/值班制度.docx"), _citation("中华人民共和国教师法.md")))
    assert [c.source for c in named] == ["值班制度", ""]
    assert source_line(named[0]) == "[1] 《中华人民共和国教师法》 第八条（值班制度）：“教师应当履行下列义务”"
    # A file named as its title is not named twice, and no empty brackets are left.
    assert source_line(named[1]) == "[1] 《中华人民共和国教师法》 第八条：“教师应当履行下列义务”"


def test_errors_are_titled_in_chinese_and_a_librarys_english_is_not_shown() -> None:
    kept = chinese_error("请先选择一个已保存的对话。", ValueError())
    assert isinstance(kept, gr.Error) and kept.title == ERROR_TITLE == "出错了"
    assert kept.message == "请先选择一个已保存的对话。"
    replaced = chinese_error("list index out of range", IndexError("list index out of range"))
    assert replaced.message == UNEXPECTED and replaced.title == ERROR_TITLE
    # gradio's front end titles popups by kind ("Error", "Info"): the page's script renames each kind.
    assert page.TOAST_TITLES == {"error": "出错了", "warning": "注意", "info": "提示", "success": "完成"}
    assert json.dumps(page.TOAST_TITLES, ensure_ascii=False) in page.SCRIPT and "gdChatActions" in page.SCRIPT
    assert all(not _english(word) for word in page.TOAST_TITLES.values())


def test_the_vector_progress_module_names_no_engineer_word() -> None:
    from govdoc.service import VectorStatus
    from govdoc.web.vectors import vector_progress_html

    for status in (VectorStatus(1, 10, 5, 30.0), VectorStatus(1, 10, 0, 0.0)):
        shown = vector_progress_html(status)
        text = re.sub(r"<[^>]+>", " ", shown) + " ".join(re.findall(r'aria-label="([^"]+)"', shown))
        assert not _english(text) and not any(word in text for word in ENGINEER), text


