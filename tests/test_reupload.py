"""Uploading a changed file under a name already stored: the new content becomes the file's current
version and the former content stays, indexed, as its superseded version; never a silent second copy
named 值班制度-2, never a silent loss. The document view says how many versions a document has."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from govdoc.accounts import LOCAL, Principal
from govdoc.permissions import Forbidden
from govdoc.service import GovdocService
from govdoc.settings import Settings
from govdoc.uploads import UploadError, former_name, replace_upload
from govdoc.web.documents import document_choices, lists_html
from govdoc.web.versions import ONE_VERSION, document_versions_html
from ingest.store import Backlog

FIRST = "# 值班制度\n\n第一条 周六值班由总务处安排，值班教师八点到岗。\n".encode()
SECOND = "# 值班制度\n\n第一条 周六值班由办公室安排，值班教师七点到岗。\n第二条 值班记录交办公室存档。\n".encode()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[GovdocService]:
    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    (tmp_path / "data").mkdir()
    service = GovdocService(settings)
    yield service
    service.close()


def test_a_changed_file_of_the_same_name_becomes_its_current_version(service: GovdocService) -> None:
    uploads = service.settings.data_dir / "uploads"
    first = service.upload("值班制度.md", FIRST, who=LOCAL, role="policy")
    assert first.message == "已保存：值班制度"
    second = service.upload("值班制度.md", SECOND, who=LOCAL)
    assert second.name == "值班制度.md" and second.former_version is not None
    assert "替换" in second.message and "旧版本" in second.message and ".md" not in second.message
    assert not (uploads / "值班制度-2.md").exists()
    # Nothing lost: the former content is kept, under a name that says what it is.
    assert (uploads / "值班制度.md").read_bytes() == SECOND
    kept = [p for p in uploads.iterdir() if p.name != "值班制度.md"]
    assert [p.name for p in kept] == ["值班制度（旧版本1）.md"] and kept[0].read_bytes() == FIRST
    # Both are indexed, as two versions of one document, the new one current.
    groups = service.versions(LOCAL)
    assert len(groups) == 1 and len(groups[0]) == 2
    old, new = groups[0]
    assert new.current and not old.current and new.source.endswith("uploads/值班制度.md")
    assert new.date == time.strftime("%Y-%m-%d") and not old.date  # undated texts: the new one dated by its upload
    assert {d.role for d in service.documents(LOCAL)} == {"policy"}  # both keep the role the file was given
    answer = service.ask("周六值班由谁安排？", who=LOCAL)
    assert not answer.refused and "办公室" in answer.text and "日期不详" not in answer.text, answer.text
    assert answer.citations[0].source.endswith("值班制度.md") and answer.citations[0].current
    # The document view lists both versions.
    shown = document_versions_html(groups, new.doc_id, True)
    assert "共有 2 个版本" in shown and "现行" in shown and "已被取代" in shown and "uploads/" not in shown
    # The document choice tells the two apart by their versions: the dated one by its date, the undated one by its
    # file's name, each saying whether it is current.
    labels = [label for label, _ in document_choices(service, LOCAL)]
    assert sorted(labels) == [f"值班制度 · {new.label}（现行）（上传）", "值班制度 · 值班制度（旧版本1）（已被取代）（上传）"], labels
    # So does the list of uploaded documents, beside each title.
    listed, _ = lists_html(service, LOCAL)
    assert listed.count("gd-version-current") == 1 and listed.count("gd-version-superseded") == 1, listed
    assert f"{new.label}·现行" in listed and "日期不详·已被取代" in listed, listed
    # The same content again changes nothing; a third version keeps both earlier ones.
    again = service.upload("值班制度.md", SECOND, who=LOCAL)
    assert again.stored is None and "未重复导入" in again.message
    third = service.upload("值班制度.md", SECOND + "第三条 节假日值班另行通知。\n".encode(), who=LOCAL)
    assert third.former_version is not None
    assert (uploads / "值班制度（旧版本2）.md").read_bytes() == SECOND and (uploads / "值班制度（旧版本1）.md").is_file()
    assert [v.current for v in service.versions(LOCAL)[0]] == [False, False, True]  # replaced twice in a day


def test_a_file_of_the_same_name_in_a_base_one_may_not_change_is_never_replaced(service: GovdocService) -> None:
    service.kbs.create("甲校")
    service.kbs.create("乙校")
    for name in ("编辑甲", "编辑乙"):
        service.accounts.add_user(name, "long-enough-1", "editor")
    service.kbs.grant("甲校", "编辑甲", "editor")
    service.kbs.grant("乙校", "编辑乙", "editor")
    a, b = Principal("编辑甲", "editor", "session"), Principal("编辑乙", "editor", "session")
    uploads = service.settings.data_dir / "uploads"
    service.upload("值班制度.md", FIRST, who=a, kbs=["甲校"])
    other = service.upload("值班制度.md", SECOND, who=b, kbs=["乙校"])
    # Each school's uploads have a folder of their own: no 值班制度-2 that would tell 编辑乙 甲校 has the file.
    assert other.former_version is None and other.name == "值班制度.md" and other.message == "已保存：值班制度"
    assert (uploads / service.kbs.folder_for(["甲校"]) / "值班制度.md").read_bytes() == FIRST
    assert (uploads / service.kbs.folder_for(["乙校"]) / "值班制度.md").read_bytes() == SECOND
    # 编辑乙's next 值班制度.md is the new version of their own file, not of 甲校's.
    mine = service.upload("值班制度.md", SECOND + "第三条 另行通知。\n".encode(), who=b, kbs=["乙校"])
    assert mine.name == "值班制度.md" and mine.former_version == f"uploads/{service.kbs.folder_for(['乙校'])}/值班制度（旧版本1）.md"
    assert (uploads / service.kbs.folder_for(["甲校"]) / "值班制度.md").read_bytes() == FIRST
    assert (uploads / service.kbs.folder_for(["乙校"]) / "值班制度（旧版本1）.md").read_bytes() == SECOND
    assert [d.source for d in service.documents(a)] == [str(uploads / service.kbs.folder_for(["甲校"]) / "值班制度.md")]
    assert sorted(d.source.rsplit("/", 1)[-1] for d in service.documents(b)) == ["值班制度.md", "值班制度（旧版本1）.md"]
    # 甲校's own content uploaded by 编辑乙 is stored and indexed for 乙校 alone: nothing said of 甲校's copy.
    same = service.upload("值班制度.md", FIRST, who=b, kbs=["乙校"])
    assert "相同内容" not in same.message and same.former_version is not None
    assert [d.source for d in service.documents(a)] == [str(uploads / service.kbs.folder_for(["甲校"]) / "值班制度.md")]
    # 甲校's editor may still delete their file (it was never put into 乙校).
    service.remove(str(uploads / service.kbs.folder_for(["甲校"]) / "值班制度.md"), who=a, delete_file=True)
    assert not (uploads / service.kbs.folder_for(["甲校"]) / "值班制度.md").exists() and (uploads / service.kbs.folder_for(["乙校"]) / "值班制度.md").read_bytes() == FIRST


def test_a_schools_upload_stored_before_bases_had_folders_still_gets_its_new_version(service: GovdocService) -> None:
    service.kbs.create("甲校")
    service.accounts.add_user("编辑甲", "long-enough-1", "editor")
    service.kbs.grant("甲校", "编辑甲", "editor")
    uploads = service.settings.data_dir / "uploads"
    service.upload("值班制度.md", FIRST, who=LOCAL)  # flat in uploads/, as every upload was stored before
    key = service.documents(LOCAL)[0].source
    service.kbs.forget(key)
    service.kbs.assign(key, ["甲校"])  # 甲校's alone
    again = service.upload("值班制度.md", SECOND, who=Principal("编辑甲", "editor", "session"), kbs=["甲校"])
    assert again.former_version == "uploads/值班制度（旧版本1）.md" and again.name == "值班制度.md"
    assert (uploads / "值班制度.md").read_bytes() == SECOND and not (uploads / service.kbs.folder_for(["甲校"]) / "值班制度.md").exists()


def test_a_planted_link_as_a_bases_folder_leads_no_upload_out_of_the_data_folder(
    service: GovdocService, tmp_path: Path
) -> None:
    service.kbs.create("甲校")
    service.accounts.add_user("编辑甲", "long-enough-1", "editor")
    service.kbs.grant("甲校", "编辑甲", "editor")
    outside = tmp_path / "outside"
    outside.mkdir()
    (service.settings.data_dir / "uploads").mkdir()
    (service.settings.data_dir / "uploads" / service.kbs.folder_for(["甲校"])).symlink_to(outside, target_is_directory=True)
    with pytest.raises(UploadError) as refused:
        service.upload("值班制度.md", FIRST, who=Principal("编辑甲", "editor", "session"), kbs=["甲校"])
    assert refused.value.status == 500 and "数据文件夹以外" in refused.value.message
    assert not any(outside.iterdir())


def test_a_document_with_one_version_says_so(service: GovdocService) -> None:
    service.upload("通知.md", "# 关于春游的通知\n\n第一条 四月组织春游。\n".encode(), who=LOCAL)
    doc = service.documents(LOCAL)[0]
    shown = document_versions_html(service.versions(LOCAL), doc.doc_id, True)
    assert ONE_VERSION in shown and "只有一个版本" in shown and "更正版本" in shown
    # A reader is not pointed to a section they are not shown.
    read = document_versions_html(service.versions(LOCAL), doc.doc_id, False)
    assert ONE_VERSION in read and "更正版本" not in read


def test_replace_upload_puts_the_former_content_back_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "报告.md"
    path.write_bytes(FIRST)
    assert former_name("报告.md", 1) == "报告（旧版本1）.md"
    former = replace_upload(path, SECOND)
    assert former.name == "报告（旧版本1）.md" and former.read_bytes() == FIRST and path.read_bytes() == SECOND
    told: list[tuple[str, bool]] = []
    again = replace_upload(path, b"third", lambda kept: told.append((kept.name, kept.exists())))
    assert again.name == "报告（旧版本2）.md" and again.read_bytes() == SECOND and former.read_bytes() == FIRST
    assert told == [("报告（旧版本2）.md", False)]  # told where, before a file of that name exists
    with pytest.raises(TypeError):  # the write fails (not bytes) after the former content was moved
        replace_upload(path, 42)  # type: ignore[arg-type]
    assert path.read_bytes() == b"third" and not (tmp_path / "报告（旧版本3）.md").exists()


def test_the_former_content_is_put_back_when_reading_it_fails_after_the_swap(
    service: GovdocService, monkeypatch: pytest.MonkeyPatch
) -> None:
    uploads = service.settings.data_dir / "uploads"
    service.upload("值班制度.md", FIRST, who=LOCAL)

    def unreadable(self: object, path: Path, kept: Path) -> None:
        raise OSError("index unreadable")

    monkeypatch.setattr("govdoc.replacement.Replacements.former", unreadable)
    with pytest.raises(OSError):
        service.upload("值班制度.md", SECOND, who=LOCAL)
    # Nothing lost, nothing left behind: the stored file is the first content again, under its name alone.
    assert [p.name for p in uploads.iterdir()] == ["值班制度.md"]
    assert (uploads / "值班制度.md").read_bytes() == FIRST


@pytest.fixture
def schools(service: GovdocService) -> dict[str, Principal]:
    """甲校 and 乙校, an editor of each, and 编辑丙: an editor of 乙校 who may read 甲校."""
    for kb in ("甲校", "乙校"):
        service.kbs.create(kb)
    for name in ("编辑甲", "编辑乙", "编辑丙"):
        service.accounts.add_user(name, "long-enough-1", "editor")
    service.kbs.grant("甲校", "编辑甲", "editor")
    service.kbs.grant("乙校", "编辑乙", "editor")
    service.kbs.grant("乙校", "编辑丙", "editor")
    service.kbs.grant("甲校", "编辑丙", "reader")
    return {n: Principal(n, "editor", "session") for n in ("编辑甲", "编辑乙", "编辑丙")}


def test_a_copy_of_a_shared_file_leaves_it_shared_and_unchanged(service: GovdocService, schools: dict[str, Principal]) -> None:
    law = service.upload("值班制度.md", FIRST, who=LOCAL, role="policy")  # everyone's
    key = service.documents(LOCAL)[0].source
    copy = service.upload("我校学习材料.md", FIRST, who=schools["编辑乙"], kbs=["乙校"], role="sample")
    assert copy.stored is None and "未重复导入" in copy.message and law.stored is not None
    assert service.kbs.bases_of([key])[key] == {"公共资料"}  # not taken into 乙校, away from 甲校's readers
    assert {d.role for d in service.documents(LOCAL)} == {"policy"}  # nor given another role
    assert [d.source for d in service.documents(schools["编辑甲"])] == [key]
    with pytest.raises(Forbidden):
        service.remove(key, who=schools["编辑乙"], delete_file=True)
    assert any(e.action == "upload" and e.user == "编辑乙" for e in service.audit.entries())


def test_a_copy_of_a_file_one_may_only_read_is_stored_as_ones_own(service: GovdocService, schools: dict[str, Principal]) -> None:
    mine = service.upload("图书室.md", FIRST, who=schools["编辑甲"], kbs=["甲校"])
    assert mine.stored is not None
    theirs = service.upload("图书室.md", FIRST, who=schools["编辑丙"], kbs=["乙校"])
    assert theirs.stored is not None and theirs.stored.path != mine.stored.path
    a_key, b_key = str(mine.stored.path), str(theirs.stored.path)
    assert service.kbs.bases_of([a_key, b_key]) == {a_key: {"甲校"}, b_key: {"乙校"}}
    # 编辑甲's own copy is his again to re-upload (the copy of 乙校 named first is not taken for it) and delete.
    again = service.upload("图书室.md", FIRST, who=schools["编辑甲"], kbs=["甲校"])
    assert again.duplicate_of is not None and again.duplicate_of.endswith(f"{service.kbs.folder_for(['甲校'])}/图书室.md")
    service.remove(a_key, who=schools["编辑甲"], delete_file=True)
    assert [d.source for d in service.documents(schools["编辑乙"])] == [b_key]


def test_an_upload_is_in_its_base_before_it_is_indexed(
    service: GovdocService, schools: dict[str, Principal], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[set[str]] = []
    ingest = service._ingest_upload

    def watched(path: Path, role: str | None, progress: object) -> object:
        seen.append(service.kbs.bases_of([str(path)])[str(path)])
        if path.name == "断电.md":
            raise RuntimeError("进程中断")
        return ingest(path, role, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "_ingest_upload", watched)
    service.upload("值班制度.md", FIRST, who=schools["编辑甲"], kbs=["甲校"])
    service.upload("值班制度.md", SECOND, who=schools["编辑甲"], kbs=["甲校"])  # its former content too
    assert seen == [{"甲校"}, {"甲校"}, {"甲校"}]
    # An upload whose indexing fails leaves neither its file nor its bases behind.
    with pytest.raises(RuntimeError):
        service.upload("断电.md", "# 断电\n\n第一条 停电时由总务处值班。\n".encode(), who=schools["编辑甲"], kbs=["甲校"])
    gone = service.settings.data_dir / "uploads" / service.kbs.folder_for(["甲校"]) / "断电.md"
    assert not gone.exists() and service.kbs.bases_of([str(gone)])[str(gone)] == {"公共资料"}
    assert seen[-1] == {"甲校"}


def test_a_file_in_bases_one_may_not_read_names_only_those_one_may(service: GovdocService, schools: dict[str, Principal]) -> None:
    both = service.upload("联合通知.md", FIRST, who=LOCAL, kbs=["甲校", "乙校"])
    shared = service.upload("公共.md", SECOND, who=LOCAL)
    assert both.stored is not None and shared.stored is not None
    a, s = str(both.stored.path), str(shared.stored.path)
    assert service.bases_of([a, s], who=schools["编辑甲"]) == {a: {"甲校"}, s: {"公共资料"}}
    assert service.bases_of([a], who=LOCAL) == {a: {"甲校", "乙校"}}
    # Nor does the path it is shown by name them.
    assert "乙校" not in service.source_name(a) and "甲校" not in service.source_name(a)


def test_an_upload_stored_but_not_placed_before_a_crash_is_placed_by_its_folder_or_held_back(
    service: GovdocService, schools: dict[str, Principal]
) -> None:
    uploads = service.settings.data_dir / "uploads"
    folder = uploads / service.kbs.folder_for(["甲校"])
    folder.mkdir(parents=True)
    # Stored into 甲校's folder, then the server stopped before it was put into 甲校.
    (folder / "断电.md").write_bytes("# 断电\n\n第一条 甲校停电时由总务处值班。\n".encode())
    stray = uploads / "kb-0123456789abcdef" / "来历不明.md"  # a folder no set of bases was given
    stray.parent.mkdir()
    stray.write_bytes("# 来历不明\n\n第一条 某事项。\n".encode())
    report = service.refresh(who=LOCAL)
    assert [e["file"].rsplit("/", 1)[-1] for e in report.errors if "不属于任何知识库" in e["reason"]] == ["来历不明.md"]
    assert [d.source.rsplit("/", 1)[-1] for d in service.documents(schools["编辑甲"])] == ["断电.md"]
    assert service.documents(schools["编辑乙"]) == []
    assert all(not d.source.endswith("来历不明.md") for d in service.documents(LOCAL))


def test_replacing_a_shared_file_while_uploading_into_a_base_keeps_it_shared(
    service: GovdocService, schools: dict[str, Principal]
) -> None:
    service.upload("旧通知.md", FIRST, who=LOCAL)
    again = service.upload("旧通知.md", SECOND, who=LOCAL, kbs=["乙校"])
    assert again.former_version is not None
    key = str(service.settings.data_dir / "uploads" / "旧通知.md")
    assert service.kbs.bases_of([key])[key] == {"公共资料"}
    assert [d.source for d in service.documents(schools["编辑甲"]) if d.source == key] == [key]


def test_an_uploads_report_counts_only_what_its_uploader_may_read_as_waiting(
    service: GovdocService, schools: dict[str, Principal], monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = service.upload("大文件.md", FIRST, who=schools["编辑甲"], kbs=["甲校"])
    assert theirs.stored is not None
    other = str(theirs.stored.path)
    backlog = service.index.backlog_by_source

    def still_embedding() -> dict[str, Backlog]:  # 甲校's big upload still waits for 912 vectors
        return {**backlog(), other: Backlog(1, 1167, 912)}

    monkeypatch.setattr(service.index, "backlog_by_source", still_embedding)
    mine = service.upload("小文件.md", SECOND, who=schools["编辑乙"], kbs=["乙校"])
    assert mine.report.waiting == 0  # nothing of 乙校's waits; 甲校's 912 are no business of 编辑乙's
    assert service.upload("又一个.md", b"# x\n\n" + SECOND, who=schools["编辑甲"], kbs=["甲校"]).report.waiting == 912


def test_a_copy_of_a_file_gone_from_disk_is_no_move_of_another_schools_file(
    service: GovdocService, schools: dict[str, Principal]
) -> None:
    theirs = service.upload("移动.md", FIRST, who=schools["编辑甲"], kbs=["甲校"])
    assert theirs.stored is not None
    theirs.stored.path.unlink()  # gone from disk (cleaned by hand), still indexed
    mine = service.upload("我的.md", FIRST, who=schools["编辑乙"], kbs=["乙校"])
    assert mine.report.removed == 0 and mine.report.added == 1  # nothing said of 甲校's entry
    assert [d.source for d in service.documents(schools["编辑甲"])] == [str(theirs.stored.path)]
