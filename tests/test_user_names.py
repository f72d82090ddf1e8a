"""What users see of sources: never the server's folders, a currency tag only beside other versions,
and quotes from different places on separate lines.

The data and index folders lie under pytest's tmp folder (absolute, outside the working directory),
so every index key is an absolute path; the page, Word exports and the HTTP API must show none of it.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import httpx
import pytest
from index_checks import serving

from assistant.export import answers_to_docx, draft_to_docx
from govdoc.accounts import LOCAL
from govdoc.api import create_api
from govdoc.service import GovdocService
from govdoc.settings import Settings
from govdoc.sourcename import shown_name, source_name
from govdoc.web import docview, render
from govdoc.web.documents import removal_message
from govdoc.web.turns import chat_turn
from govdoc.web.versions import version_choices, versions_html

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "tests" / "data" / "versions"
QUESTIONS = (
    "教师享有哪些权利？",
    "学校应当履行哪些义务？",
    "公安机关对收购企业实行年审吗？",
    "劳动节放假几天？",
    "哪些事项需要由党支部研究决定？",
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GovdocService, Settings, Path]]:
    """A service over data/ (one version each) and the version pairs, all in an absolute tmp folder."""
    tmp = tmp_path_factory.mktemp("names")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    shutil.copytree(VERSIONS, data / "versions")
    settings = Settings(
        data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp / "index"}, ui={"upload_max_mb": 1.0}
    )
    service = GovdocService(settings)
    report = service.ingest([data])
    assert not report.errors, report.errors
    assert any(str(tmp) in c.source for c in service.index.chunks()), "the keys should be absolute here"
    yield service, settings, tmp
    service.close()


def _no_server_path(text: str, tmp: Path) -> None:
    assert text.strip(), "nothing to check"
    assert str(tmp) not in text
    assert "/tmp/" not in text and str(tmp.resolve()) not in text


_FILE_NAME = re.compile(r"[\w（）()\-]+\.(?:md|txt|pdf|docx|html?|png|jpe?g)\b")


def _as_the_user_knows_it(text: str) -> None:
    """Page text names files without the server's folders (uploads/, versions/) and without extensions."""
    assert "uploads/" not in text and "versions/" not in text, text
    assert not _FILE_NAME.search(text), _FILE_NAME.search(text)


def test_source_name_is_relative_to_the_data_folder_or_the_file_name(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert source_name(str(data / "uploads" / "办法.pdf"), data) == "uploads/办法.pdf"
    assert source_name(str(data / "法.md"), data) == "法.md"
    assert source_name(str(tmp_path / "elsewhere" / "secret" / "报告.docx"), data) == "报告.docx"
    assert source_name("/home/someone/uploads/x.txt", data) == "x.txt"
    assert source_name(str(data / ".." / "data" / "a" / "b.md"), data) == "a/b.md"


def test_the_page_shows_no_server_path(world) -> None:  # type: ignore[no-untyped-def]
    service, _, tmp = world
    for question in QUESTIONS:
        answer = service.ask(question, who=LOCAL)
        assert answer.citations, question
        html = chat_turn(service, question, answer).html
        _no_server_path(html, tmp)
        _as_the_user_knows_it(html)
    groups = service.versions(LOCAL)
    assert groups
    for group in groups:
        _no_server_path(versions_html(group), tmp)
        _no_server_path(json.dumps(version_choices(group), ensure_ascii=False), tmp)
        _as_the_user_knows_it(versions_html(group) + json.dumps(version_choices(group), ensure_ascii=False))
    for doc in service.documents(LOCAL):
        view = service.document_view(doc.doc_id, who=LOCAL)
        head = docview.view_head_html(view, ())
        _no_server_path(head, tmp)
        _as_the_user_knows_it(head + docview.delete_question(view))
        assert shown_name(source_name(doc.source, service.settings.data_dir)) in head
    _as_the_user_knows_it(docview.documents_table_html(service.documents(LOCAL), {}, ""))
    upload = service.upload("值班制度.txt", "值班制度\n\n第一条 学校实行教师轮流值班。".encode(), who=LOCAL)
    _no_server_path(upload.message + json.dumps(upload.report.to_json(), ensure_ascii=False), tmp)
    _as_the_user_knows_it(render.ingest_report_markdown(upload.report.to_json()))
    twin = service.upload("值班制度副本.txt", "值班制度\n\n第一条 学校实行教师轮流值班。".encode(), who=LOCAL)
    assert twin.duplicate_of == "uploads/值班制度.txt"
    _no_server_path(twin.message, tmp)
    _as_the_user_knows_it(twin.message)
    removal = service.remove(str(upload.stored.path), who=LOCAL, delete_file=True)  # type: ignore[union-attr]
    _no_server_path(removal_message(removal), tmp)
    _as_the_user_knows_it(removal_message(removal))


def test_shown_name_drops_folders_and_extensions() -> None:
    assert shown_name("uploads/值班制度.docx") == "值班制度"
    assert shown_name("versions/教师法(2009-08-27).md") == "教师法(2009-08-27)"
    assert shown_name("C:\\资料\\通知.PDF") == "通知"
    assert shown_name("2024.12") == "2024.12" and shown_name("说明") == "说明"


def test_word_exports_show_no_server_path(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, _, tmp = world
    answers = [service.ask(q, who=LOCAL) for q in QUESTIONS]
    draft = service.draft("教师的权利和义务", ["教师的权利", "教师的义务"], who=LOCAL)
    assert draft.citations
    files = [
        answers_to_docx("问答", answers, tmp_path / "answers.docx"),
        draft_to_docx(draft, tmp_path / "draft.docx"),
        draft_to_docx(draft, tmp_path / "inline.docx", citations="inline"),
    ]
    for path in files:
        body = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
        with zipfile.ZipFile(path) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        _no_server_path(body, tmp)
        _no_server_path(xml, tmp)
    assert "教师法(2009-08-27).md" in "\n".join(p.text for p in docx.Document(str(files[2])).paragraphs)


def test_api_responses_show_no_server_path(world) -> None:  # type: ignore[no-untyped-def]
    service, settings, tmp = world
    with serving(create_api(service, settings)) as base:
        bodies = [httpx.get(f"{base}/api/documents").text, httpx.get(f"{base}/api/versions").text]
        for question in QUESTIONS:
            asked = httpx.post(f"{base}/api/ask", json={"question": question})
            assert asked.json()["citations"], question
            bodies.append(asked.text)
            chat = {"model": "govdoc", "messages": [{"role": "user", "content": question}]}
            bodies.append(httpx.post(f"{base}/v1/chat/completions", json=chat).text)
        files = {"file": ("社团管理办法.md", "# 社团管理办法\n\n第一条 社团每学期活动不少于四次。".encode())}
        uploaded = httpx.post(f"{base}/api/documents", files=files)
        assert uploaded.status_code == 200, uploaded.text
        bodies.append(uploaded.text)
        bodies.append(httpx.post(f"{base}/api/documents", files=files).text)  # the duplicate's message
        doc = next(d for d in httpx.get(f"{base}/api/documents").json() if d["source"] == "uploads/社团管理办法.md")
        bodies.append(httpx.delete(f"{base}/api/documents/{doc['doc_id']}", params={"delete_file": "true"}).text)
    for body in bodies:
        _no_server_path(body, tmp)


def test_a_currency_tag_only_beside_other_versions(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _ = world
    single = service.ask("教师享有哪些权利？", who=LOCAL)
    laws = [c for c in single.citations if c.doc_title.endswith("教师法")]
    assert laws and all(c.version and c.current and not c.versioned for c in laws)
    assert all(c.version_words == "" for c in laws)
    assert all({"version": c.version, "current": True}.items() <= c.to_json().items() for c in laws)
    assert "·现行" not in chat_turn(service, "q", single).html
    paired = service.ask("劳动节放假几天？", who=LOCAL)
    current = [c for c in paired.citations if c.current and c.versioned]
    assert current and all(c.version_words.endswith("·现行") for c in current)
    assert "2024年11月10日修订·现行" in chat_turn(service, "q", paired).html


def test_quotes_from_different_places_start_new_lines(world) -> None:  # type: ignore[no-untyped-def]
    service, _, _ = world
    checked = 0
    for question in QUESTIONS:
        answer = service.ask(question, who=LOCAL)
        for before, after in zip(answer.citations, answer.citations[1:], strict=False):
            if (before.doc_id, before.section) == (after.doc_id, after.section):
                continue
            at = answer.text.find(f"[{before.n}]")
            if at < 0 or answer.text.find(after.quote, at) < 0:
                continue  # not two quotes side by side (a versions answer writes its own words)
            between = answer.text[at + len(f"[{before.n}]") : answer.text.find(after.quote, at)]
            assert between.startswith("\n"), (question, between)
            checked += 1
    assert checked >= 2


def test_a_reader_refused_a_version_correction_is_told_what_was_refused(world) -> None:  # type: ignore[no-untyped-def]
    from govdoc.accounts import Principal
    from govdoc.permissions import Forbidden

    service, _, _ = world
    reader = Principal("读者乙", "reader", "session")
    doc = service.versions(LOCAL)[0][0]
    before = service.versions_for(LOCAL)[doc.doc_id]
    with pytest.raises(Forbidden) as refused:
        service.set_version(doc.doc_id, who=reader, current=True)
    assert "更正这个文档的版本" in refused.value.message and "删除" not in refused.value.message
    assert service.versions_for(LOCAL)[doc.doc_id] == before
    source = next(d.source for d in service.documents(LOCAL) if d.doc_id == doc.doc_id)
    with pytest.raises(Forbidden) as removal:
        service.remove(source, who=reader)
    assert "删除这个文档" in removal.value.message


def test_a_reindex_report_names_failed_and_new_files_without_server_paths(world) -> None:  # type: ignore[no-untyped-def]
    from govdoc.web.render import ingest_report_markdown

    service, settings, tmp = world
    broken = settings.data_dir / "坏文件.pdf"
    fresh = settings.data_dir / "新办法.md"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF")
    fresh.write_text("# 新办法\n\n第一条 本办法自公布之日起施行。\n", encoding="utf-8")
    try:
        report = service.refresh(who=LOCAL)
        assert [e["file"] for e in report.errors] == ["坏文件.pdf"]
        assert [d["source"] for d in report.documents] == ["新办法.md"]
        _no_server_path(ingest_report_markdown(report.to_json()), tmp)
    finally:
        broken.unlink()
        fresh.unlink()
        service.refresh(who=LOCAL)
