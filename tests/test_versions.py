"""Versions on real amended regulations (tests/data/versions: three pairs copied from the bench corpus,
dated in the file name): grouping, dates, the article diff, answers to changed, deleted and added
provisions, a question naming a version, and the version flags in JSON, the CLI, the API and Word."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import httpx
import pytest
from index_checks import serving

from assistant.export import draft_to_docx
from govdoc.accounts import LOCAL
from govdoc.api import create_api
from govdoc.cli import main
from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.revision import compare
from ingest.types import Document
from ingest.version import KeptVersions, Override, acts_from_later_notes, detect_version, resolve, title_key

FIXTURES = Path(__file__).resolve().parent / "data" / "versions"
HOLIDAYS = "全国年节及纪念日放假办法"
SCRAP = "废旧金属收购业治安管理办法"
IP_COURT = "最高人民法院关于知识产权法庭若干问题的规定"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GovdocService, Settings]]:
    """A service over an index of the three version pairs (hashing embedder)."""
    tmp = tmp_path_factory.mktemp("versions")
    data = tmp / "data"
    shutil.copytree(FIXTURES, data)
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp / "index"})
    service = GovdocService(settings)
    report = service.ingest([data])
    assert not report.errors, report.errors
    yield service, settings
    service.close()


def _by_title(service: GovdocService) -> dict[str, list]:  # type: ignore[type-arg]
    return {g[-1].title: g for g in service.versions(LOCAL)}


# -- recognising versions -----------------------------------------------------------------------


def test_same_title_files_are_grouped_dated_and_the_newest_is_current(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    groups = _by_title(service)
    assert set(groups) == {HOLIDAYS, SCRAP, IP_COURT}
    for title, group in groups.items():
        assert len(group) == 2
        # Every date is the one the file name carries (the bench names files by their last amendment).
        for v in group:
            assert Path(v.source).name == f"{title}({v.date}).md"
        assert [v.current for v in group] == [False, True]
        assert group[0].date < group[1].date
    # The kind comes from the notes at the top when they date the version: 1994 公布, 2023 修订.
    scrap = groups[SCRAP]
    assert [(v.date, v.kind) for v in scrap] == [("1994-01-25", "公布"), ("2023-07-20", "修订")]
    assert scrap[1].label == "2023年7月20日修订"


def test_dates_come_from_the_notes_then_the_file_name_then_the_signature() -> None:
    notes = "某某条例\n2004年4月30日国务院令第406号公布\n2012年11月9日《国务院关于修改部分行政法规的决定》第一次修订\n第一条 正文。"
    doc = Document("d", "某某条例", "x", notes)
    assert detect_version(doc, "某某条例.md").date == "2012-11-09"
    assert detect_version(doc, "某某条例.md").kind == "修订"
    # A reprint whose notes stop before its last amendment: the file name's later date wins.
    assert detect_version(doc, "某某条例(2019-03-02).md").date == "2019-03-02"
    # A date it takes effect on, beside the date it was issued, is not the version's date.
    issued = Document("d", "某办法", "x", "某办法\n2023年12月29日公布，自2024年1月1日起施行\n第一条 正文。")
    assert (detect_version(issued, "a.md").date, detect_version(issued, "a.md").kind) == ("2023-12-29", "公布")
    signed = Document("d", "关于做好招生工作的通知", "x", "关于做好招生工作的通知\n各学校：\n请认真落实。\n某某区教育局\n二〇二四年三月五日")
    assert detect_version(signed, "通知.docx").date == "2024-03-05"
    assert detect_version(Document("d", "无日期", "x", "无日期\n正文。"), "a.txt").date == ""
    # Office file names: a date without separators, a year alone before the extension, a bracket or 版;
    # other numbers (份数, 版本号, 文号) are no date.
    plain = Document("d", "某办法", "x", "某办法\n第一条 正文。")
    named = {n: detect_version(plain, n).date for n in ("某办法20240301.docx", "某办法2019.docx", "某办法(2024版).pdf", "某办法_2019_修订.docx")}
    assert named == {"某办法20240301.docx": "2024-03-01", "某办法2019.docx": "2019", "某办法(2024版).pdf": "2024", "某办法_2019_修订.docx": "2019"}
    assert [detect_version(plain, n).date for n in ("关于2000份材料的通知.docx", "某办法v2.1.docx", "国务院令第406号.md")] == ["", "", ""]


def test_titles_group_versions_but_not_different_acts() -> None:
    assert title_key("中华人民共和国职业教育法") == title_key("职业教育法（2022年修订）")
    assert title_key("学生欺凌防治办法（征求意见稿）") == title_key("学生欺凌防治办法")
    assert title_key("2023年学校安全工作要点") == title_key("2024年学校安全工作要点")
    assert title_key("刑法修正案（七）") != title_key("刑法修正案（十）")
    assert title_key("宪法修正案（1988年）") != title_key("宪法修正案（2004年）")
    assert title_key("某市中小学校学生人身伤害事故预防与处理条例（2011年）") == title_key("某市中小学校学生人身伤害事故预防与处理条例")


class _Doc:
    def __init__(self, doc_id: str, title: str, date: str, ingested_at: str = "2024-01-01") -> None:
        self.doc_id, self.title, self.source, self.version_date = doc_id, title, f"{doc_id}.md", date
        self.version_kind, self.ingested_at = "文件名", ingested_at


def test_parts_of_one_date_are_one_version_and_overrides_regroup_and_reorder() -> None:
    docs = [_Doc("a", "某法", "2020-05-28"), _Doc("b", "某法", "2020-05-28"), _Doc("old", "某法", "2011-01-01")]
    v = resolve(docs)
    # Two documents of one title and one date (a code split by 编) are parts of one current version.
    assert v["a"].current and v["b"].current and not v["old"].current
    assert v["a"].count == 2
    three = [_Doc("x1", "规划", "2019"), _Doc("x2", "规划", "2021-06"), _Doc("x3", "规划", "2024-01-05")]
    assert [resolve(three)[d].order for d in ("x1", "x2", "x3")] == [1, 2, 3]
    # Overrides: a later date reorders, a pin makes current, "" stands alone, a doc id joins.
    assert resolve(three, {"x1": Override(date="2025")})["x1"].current
    assert resolve(three, {"x1": Override(current=True)})["x1"].current
    assert not resolve(three, {"x1": Override(current=True)})["x3"].current
    alone = resolve(three, {"x3": Override(group="")})
    assert not alone["x3"].versioned and alone["x2"].current
    other = [*three, _Doc("y", "另一标题的文件", "2026")]
    joined = resolve(other, {"y": Override(group="x1")})
    assert joined["y"].current and not joined["x3"].current and joined["y"].count == 4


def test_titles_group_versions_only_within_one_realm() -> None:
    docs = [_Doc("law", "某法", "2024-11-10"), _Doc("fake", "中华人民共和国某法", "2030-01-01"), _Doc("old", "某法", "2013")]
    plain = resolve(docs)  # no realms: one realm, as before
    assert plain["fake"].current and not plain["law"].current
    realms = {"fake.md": "三中"}
    v = resolve(docs, realms=realms)
    assert v["law"].current and v["law"].count == 2 and not v["old"].current
    assert v["fake"].current and v["fake"].count == 1 and v["fake"].group != v["law"].group
    assert "三中" not in v["fake"].group  # the key names no realm
    assert resolve(docs, realms={"fake.md": ""}) == plain  # "" is the common realm
    # An override joins across realms (whoever may change every document of the group decides).
    joined = resolve(docs, {"fake": Override(group="law")}, realms)
    assert joined["fake"].current and not joined["law"].current and joined["law"].count == 3
    kept = KeptVersions()
    assert kept.resolve(docs)["fake"].current_id == "fake" and kept.resolve(docs, realms=realms)["law"].current


def test_kept_versions_are_resolved_afresh_when_a_document_or_an_override_changes() -> None:
    kept = KeptVersions(size=2)
    three = [_Doc("x1", "规划", "2019"), _Doc("x2", "规划", "2021-06"), _Doc("x3", "规划", "2024-01-05")]
    first = kept.resolve(three)
    assert first == resolve(three) and first["x3"].current
    first.clear()  # the caller's copy: the kept one stands
    assert kept.resolve(three) == resolve(three)
    pinned = {"x1": Override(current=True)}
    assert kept.resolve(three, pinned)["x1"].current
    redated = [_Doc("x1", "规划", "2025"), *three[1:]]
    assert kept.resolve(redated)["x1"].current and not kept.resolve(three)["x1"].current
    renamed = [*three[:2], _Doc("x3", "另一规划", "2024-01-05")]
    assert not kept.resolve(renamed)["x3"].versioned


def test_a_version_dated_by_its_file_name_takes_the_act_a_later_versions_notes_name_for_that_date() -> None:
    # Three made-up texts of one rule: the middle one is a reprint whose notes stop at its predecessor, so only its
    # file name dates it; the newest lists every amendment, each with its act.
    texts = {
        "r08": "某县河道保洁办法\n2008年3月1日县政府令第2号公布\n第一条 正文。",
        "r15": "某县河道保洁办法\n2008年3月1日县政府令第2号公布\n第一条 正文有所修改。",
        "r21": "某县河道保洁办法\n2008年3月1日县政府令第2号公布\n2015年6月9日县政府令第7号第一次修正\n"
        "2021年10月20日县政府令第15号第二次修订\n第一条 正文又有修改。",
    }
    docs = [_Doc("r08", "某县河道保洁办法", "2008-03-01"), _Doc("r15", "某县河道保洁办法", "2015-06-09")]
    docs.append(_Doc("r21", "某县河道保洁办法", "2021-10-20"))
    plain = resolve(docs)
    assert plain["r15"].label == "2015年6月9日"  # the file name says no act
    filled = acts_from_later_notes(plain, texts.__getitem__)
    assert filled["r15"].label == "2015年6月9日修正"
    assert filled["r08"].label == "2008年3月1日公布"
    # The newest has no later notes: its own are read at ingest (`detect_version`), not here.
    assert filled["r21"].label == "2021年10月20日"
    # A date no later version's notes list keeps what its own file said, and nothing else changes.
    moved = [_Doc("r08", "某县河道保洁办法", "2008-03-01"), _Doc("r16", "某县河道保洁办法", "2016-01-01"), docs[2]]
    texts["r16"] = texts["r15"]
    assert acts_from_later_notes(resolve(moved), texts.__getitem__)["r16"].label == "2016年1月1日"
    # The kept resolution reads the notes only when given the texts, and keeps the two apart.
    kept = KeptVersions()
    assert kept.resolve(docs)["r15"].label == "2015年6月9日"
    assert kept.resolve(docs, text_of=texts.__getitem__)["r15"].label == "2015年6月9日修正"
    assert kept.resolve(docs)["r15"].label == "2015年6月9日"


# -- the article diff ---------------------------------------------------------------------------


def test_diff_pairs_articles_by_text_across_renumbering() -> None:
    old = (FIXTURES / f"{SCRAP}(1994-01-25).md").read_text(encoding="utf-8")
    new = (FIXTURES / f"{SCRAP}(2023-07-20).md").read_text(encoding="utf-8")
    changes = compare(old, new)
    deleted = [c.old.label for c in changes if c.kind == "deleted" and c.old]
    assert deleted == ["第六条", "第十二条", "第十六条"]
    # 第九条 became 第八条 after 第六条 was deleted: the same article renumbered (only its brackets went full-width).
    moved = next(c for c in changes if c.old and c.old.label == "第九条")
    assert moved.new is not None and moved.new.label == "第八条" and moved.kind == "same"
    rewritten = next(c for c in changes if c.old and c.old.label == "第四条")
    assert rewritten.kind == "changed" and rewritten.new is not None and "备案" in rewritten.new.text
    holidays = compare(
        (FIXTURES / f"{HOLIDAYS}(2013-12-11).md").read_text(encoding="utf-8"),
        (FIXTURES / f"{HOLIDAYS}(2024-11-10).md").read_text(encoding="utf-8"),
    )
    added = [c.new.label for c in holidays if c.kind == "added" and c.new]
    assert added == ["第七条"]
    # Full-width and half-width brackets alone are no change.
    assert next(c for c in holidays if c.new and c.new.label == "第三条").kind == "same"


# -- answers ------------------------------------------------------------------------------------


def test_a_changed_provision_is_answered_with_the_current_text_and_the_old_named_as_superseded(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    answer = service.ask("春节放几天假？", who=LOCAL)
    assert not answer.refused
    current = [c for c in answer.citations if c.current]
    old = [c for c in answer.citations if not c.current]
    # The current figure is quoted from the current version; the old figure only as superseded, and said so.
    assert len(current) == 1 and current[0].version == "2024-11-10"
    assert "（二）春节，放假4天（农历除夕、正月初一至初三）；" in current[0].quote and "春节，放假3天" not in current[0].quote
    assert [c.version for c in old] == ["2013-12-11"] and "春节，放假3天" in old[0].quote
    assert answer.superseded and "已被现行文本（2024年11月10日修订）第二条取代，不是现行规定" in answer.text
    # What is in force leads; the superseded text follows, flagged as such.
    assert answer.text.startswith("现行文本（2024年11月10日修订）第二条规定：")
    assert answer.text.index("放假4天") < answer.text.index("修改前，2013年12月11日修订的文本第二条规定：") < answer.text.index("春节，放假3天")
    assert [c.current for c in answer.citations] == [True, False]


def test_a_deleted_provision_is_named_as_superseded_and_cites_the_old_version(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    answer = service.ask("公安机关对收购企业实行年审吗？", who=LOCAL)
    assert answer.superseded and not answer.refused
    assert "第十二条" in answer.text and "已删除" in answer.text and "不是现行规定" in answer.text
    old = [c for c in answer.citations if not c.current]
    assert old and old[0].version == "1994-01-25" and "年审" in old[0].quote
    assert answer.to_json()["superseded"] is True


def test_an_added_provision_is_answered_from_the_current_text(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    answer = service.ask("法定节假日前后最多连续上几天班？", who=LOCAL)
    assert not answer.refused and not answer.superseded
    assert "不超过6天" in answer.text
    assert all(c.current for c in answer.citations)


def test_a_question_naming_a_year_is_answered_from_that_version_and_says_so(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    answer = service.ask("2013年版的放假办法中，春节放假几天？", who=LOCAL)
    assert "3天" in answer.text and answer.superseded
    assert answer.text.startswith("以下依据2013年12月11日修订的文本")
    assert all(c.version == "2013-12-11" and not c.current for c in answer.citations)


def test_a_superseded_provision_shows_what_replaced_it(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    from assistant.versions import VersionedAnswerer

    versions = service.versions_for(LOCAL)
    old_scrap = next(v.doc_id for v in versions.values() if v.title == SCRAP and not v.current)
    # Asked in the words of the 1994 text, whose 第四条 the 2023 text rewrote: the current 第四条 follows.
    answerer = VersionedAnswerer(lambda q, ids: service.retrieve(q, doc_ids=ids)[0], service.extractive, service.judge, service.index)
    hits = service.retrieve("收购生产性废旧金属的企业要领取什么许可证？", doc_ids=[old_scrap])[0]
    old = service.extractive.answer("收购生产性废旧金属的企业要领取什么许可证？", hits)
    changes = answerer._changes(old.citations[0], versions)
    assert [c.kind for c in changes] == ["changed"] and changes[0].new is not None
    replaced = answerer._replacements([(old.citations[0], changes)], versions)
    answer = answerer._superseded("问", old, old, replaced, versions)
    assert answer.text.startswith("现行文本（2023年7月20日修订）第四条规定")
    assert "修改前，1994年1月25日公布的文本第四条规定：" in answer.text
    assert [c.current for c in answer.citations] == [True, False]
    assert "备案" in answer.citations[0].quote


def test_drafting_cites_only_current_versions(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    outline = ["法律对收购废旧金属的要求", "公安机关怎么管理收购企业"]
    draft = service.draft("收购废旧金属的管理要求", outline, who=LOCAL)
    assert draft.citations
    assert all(c.current and c.version == "2023-07-20" for c in draft.citations)
    # Told otherwise, drafting draws on every version, and says which are superseded.
    every = service.draft("收购废旧金属的管理要求", outline, who=LOCAL, all_versions=True)
    assert any(not c.current for c in every.citations)


# -- the flags in every output ------------------------------------------------------------------


def test_cli_json_and_text_show_version_and_current(world, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    _, settings = world
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    index = str(settings.store.index_dir)
    assert main(["ask", "公安机关对收购企业实行年审吗？", "--json", "--index", index]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["citations"] and all({"version", "current"} <= set(c) for c in out["citations"])
    assert out["citations"][0] == {**out["citations"][0], "version": "1994-01-25", "current": False}
    assert main(["ask", "公安机关对收购企业实行年审吗？", "--index", index]) == 0
    text = capsys.readouterr().out
    assert "1994年1月25日公布·已被取代，非现行规定" in text
    assert main(["versions", "--json", "--index", index]) == 0
    groups = json.loads(capsys.readouterr().out)
    assert sorted(g[-1]["title"] for g in groups) == sorted([HOLIDAYS, SCRAP, IP_COURT])
    old, new = (next(g for g in groups if g[-1]["title"] == SCRAP)[i]["doc_id"] for i in (0, 1))
    assert main(["versions", "--diff", old, new, "--index", index]) == 0
    shown = capsys.readouterr().out
    assert "删除 3 条" in shown and "【删除】第十二条" in shown


def test_api_lists_diffs_and_corrects_versions(world) -> None:  # type: ignore[no-untyped-def]
    service, settings = world
    app = create_api(service, settings)
    with serving(app) as base:
        groups = httpx.get(f"{base}/api/versions").json()
        ip = next(g for g in groups if g[-1]["title"] == IP_COURT)
        diff = httpx.get(f"{base}/api/versions/diff", params={"old": ip[0]["doc_id"], "new": ip[1]["doc_id"]}).json()
        assert {c["kind"] for c in diff["changes"]} >= {"changed", "deleted"}
        assert httpx.get(f"{base}/api/versions/diff", params={"old": "nope", "new": ip[1]["doc_id"]}).status_code == 404
        pinned = httpx.post(f"{base}/api/versions/{ip[0]['doc_id']}", json={"current": True})
        assert pinned.status_code == 200 and pinned.json()["current"] is True
        after = next(g for g in httpx.get(f"{base}/api/versions").json() if g[-1]["title"] == IP_COURT)
        assert [v["current"] for v in after] == [True, False]
        assert httpx.post(f"{base}/api/versions/{ip[0]['doc_id']}", json={"clear": True}).json()["current"] is False
        bad = httpx.post(f"{base}/api/versions/{ip[0]['doc_id']}", json={"date": "去年"})
        assert bad.status_code == 400
        asked = httpx.post(f"{base}/api/ask", json={"question": "公安机关对收购企业实行年审吗？"}).json()
        assert all({"version", "current"} <= set(c) for c in asked["citations"])
        chat = httpx.post(
            f"{base}/v1/chat/completions",
            json={"model": "govdoc", "messages": [{"role": "user", "content": "公安机关对收购企业实行年审吗？"}]},
        ).json()
        assert "1994年1月25日公布·已被取代，非现行规定：“" in chat["choices"][0]["message"]["content"]
        assert chat["citations"][0]["current"] is False


def test_word_export_names_each_source_version(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    from dataclasses import replace

    draft = service.draft("收购废旧金属的管理要求", ["法律对收购废旧金属的要求"], who=LOCAL)
    old = replace(draft.citations[0], current=False, version="1994-01-25", version_label="1994年1月25日公布")
    draft = replace(draft, citations=(old, *draft.citations[1:]))
    doc = docx.Document(str(draft_to_docx(draft, tmp_path / "d.docx", citations="inline")))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "1994年1月25日公布·已被取代，非现行规定" in text
    assert "2023年7月20日修订·现行" in text


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("2013年版的放假办法中，春节放假几天？", 2013),
        ("按2013年那版，春节放几天？", 2013),
        ("按2007年的基金条例，违规会怎样处理？", 2007),
        ("2011年修订的文本怎么规定的？", 2011),
        ("2024年的春节放几天？", None),
        ("2020年出生的孩子什么时候上学？", None),
        ("2023年度工作要点有哪些？", None),
    ],
)
def test_a_question_names_a_version_by_its_year_only_with_a_word_for_a_text(question: str, year: int | None) -> None:
    from assistant.versions import named_year

    assert named_year(question) == year


def test_versions_are_grouped_among_what_the_asker_may_read(tmp_path: Path) -> None:
    """A reader who may read only the 2013 text is answered from it as it stands, with no hint that a
    newer version sits in a knowledge base they cannot read."""
    from govdoc.accounts import Principal

    data = tmp_path / "data"
    data.mkdir()
    old, new = (FIXTURES / f"{HOLIDAYS}(2013-12-11).md", FIXTURES / f"{HOLIDAYS}(2024-11-10).md")
    for path in (old, new):
        shutil.copy(path, data / path.name)
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        service.kbs.create("甲校")
        service.kbs.create("乙校")
        service.ingest([data / old.name], kbs=["甲校"])
        service.ingest([data / new.name], kbs=["乙校"])
        service.kbs.grant("甲校", "读者", "reader")
        reader = Principal("读者", "reader", "session")
        assert service.versions(reader) == []
        # Two bases, each its own editors: not versions of each other by title, for the administrator too,
        # unless someone who may change both joins them.
        assert service.versions(LOCAL) == []
        ids = {Path(d.source).name: d.doc_id for d in service.documents(LOCAL)}
        service.set_version(ids[new.name], who=LOCAL, group=ids[old.name])
        assert [len(g) for g in service.versions(LOCAL)] == [2]
        assert service.versions(reader) == []
        answer = service.ask("春节放几天假？", who=reader)
        assert "放假3天" in answer.text and not answer.superseded and "2024" not in answer.text
        assert answer.citations and all(c.current and c.version == "2013-12-11" for c in answer.citations)
    finally:
        service.close()


def test_an_index_built_before_versions_gets_its_dates_on_the_next_ingest(tmp_path: Path) -> None:
    import sqlite3

    data = tmp_path / "data"
    shutil.copytree(FIXTURES, data)
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        service.ingest([data])
        manifest = next((tmp_path / "index").glob("*/manifest.sqlite3"))
        with sqlite3.connect(manifest) as conn:
            conn.execute("UPDATE chunks SET extra_json = json_remove(extra_json, '$.version_date', '$.version_kind')")
        assert {d.version_date for d in service.index.documents()} == {""}
        report = service.ingest([data])
        assert report.skipped == 6 and report.added == 0  # nothing embedded again
        dates = sorted(v.date for g in service.versions(LOCAL) for v in g)
        assert dates == ["1994-01-25", "2013-12-11", "2018-12-28", "2023-07-20", "2023-10-21", "2024-11-10"]
    finally:
        service.close()


def test_a_conversation_exported_to_word_names_each_footnote_version(world, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from assistant.export import answers_to_docx

    service, _ = world
    answer = service.ask("公安机关对收购企业实行年审吗？", who=LOCAL)
    path = answers_to_docx("年审", [answer], tmp_path / "问答.docx")
    with zipfile.ZipFile(path) as package:
        notes = package.read("word/footnotes.xml").decode("utf-8")
    assert "1994年1月25日公布·已被取代，非现行规定" in notes


def test_the_current_text_leads_and_the_superseded_one_follows_flagged(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    # 五一劳动节 is what people call 劳动节; the 2024 text gives it 2 days, the 2013 text 1 day.
    answer = service.ask("五一劳动节放几天假？", who=LOCAL)
    assert not answer.refused and answer.superseded
    first, *rest = answer.citations
    assert first.current and "（四）劳动节，放假2天（5月1日、2日）；" in first.quote
    assert answer.text.startswith("现行文本（2024年11月10日修订）第二条规定：")
    old = [c for c in rest if not c.current]
    assert old and all("放假2天" not in c.quote for c in old)
    flagged = answer.text.index("修改前，2013年12月11日修订的文本第二条规定：")
    assert flagged < answer.text.index("(四)劳动节，放假1天(5月1日)；") < answer.text.index("已被现行文本（2024年11月10日修订）第二条取代，不是现行规定")


def test_when_a_text_took_effect_is_answered_from_the_current_version(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    # 生效 is said 施行 in a law; 现在 and 从哪天开始 frame the question.
    answer = service.ask("现在这版知识产权法庭规定从哪天开始生效？", who=LOCAL)
    assert not answer.refused, answer.notes
    assert "本规定自2019年1月1日起施行" in answer.text
    assert answer.citations and all(c.current and c.version == "2023-10-21" for c in answer.citations)


def test_quotes_of_one_superseded_article_are_said_once(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    from dataclasses import replace

    from assistant.versions import VersionedAnswerer

    versions = service.versions_for(LOCAL)
    old_scrap = next(v.doc_id for v in versions.values() if v.title == SCRAP and not v.current)
    answerer = VersionedAnswerer(lambda q, ids: service.retrieve(q, doc_ids=ids)[0], service.extractive, service.judge, service.index)
    question = "收购生产性废旧金属的企业要领取什么许可证？"
    old = service.extractive.answer(question, service.retrieve(question, doc_ids=[old_scrap])[0])
    cited = next(c for c in old.citations if "特种行业许可证" in c.quote and c.quote.startswith("第四条"))
    cut = cited.quote.index("，并向") + 1
    halves = [replace(cited, quote=cited.quote[:cut], end=cited.start + cut), replace(cited, quote=cited.quote[cut:], start=cited.start + cut)]
    replaced = answerer._replacements([(h, answerer._changes(h, versions)) for h in halves], versions)
    answer = answerer._superseded(question, old, old, replaced, versions)
    assert answer.text.count("修改前，1994年1月25日公布的文本第四条规定：") == 1
    assert answer.text.count("现行文本（2023年7月20日修订）第四条规定：") == 1
    assert [c.current for c in answer.citations] == [True, False, False]
    paragraph = answer.text[answer.text.index("修改前") :]
    assert "[2]" in paragraph and "[3]" in paragraph and paragraph.index("[3]") < paragraph.index("不是现行规定")


def test_a_rewritten_article_that_keeps_one_sentence_is_replaced_not_deleted() -> None:
    from ingest.articles import counterpart

    # The 1996 and 2022 职业教育法 (bench corpus), abridged: 第三十七条 was rewritten into 第五十条, which keeps
    # its sentence on paying interns; the rest of the line matches nothing.
    old = (
        "# 职业教育法\n\n第三十六条 县级以上各级人民政府应当举办职业学校。\n\n"
        "第三十七条 企业、事业组织应当接纳职业学校和职业培训机构的学生和教师实习；对上岗实习的，应当给予适当的劳动报酬。\n\n"
        "第三十八条 本法自1996年9月1日起施行。\n"
    )
    new = (
        "# 职业教育法\n\n第四十九条 县级以上人民政府应当举办职业学校。\n\n"
        "第五十条 国家鼓励企业、事业单位安排实习岗位，接纳职业学校和职业培训机构的学生实习。接纳实习的单位应当保障学生在实习期间"
        "按照规定享受休息休假、获得劳动安全卫生保护、参加相关保险、接受职业技能指导等权利；对上岗实习的，应当签订实习协议，给予适当的劳动报酬。\n\n"
        "第五十一条 本法自2022年5月1日起施行。\n"
    )
    from ingest.articles import Change, articles

    # In the whole laws the two articles stand too far apart to pair: 第三十七条 counts as deleted.
    article = next(x for x in articles(old) if x.label == "第三十七条")
    deleted = Change("deleted", article, None, 0.0)
    replaced = counterpart(article.text, deleted, new)
    assert replaced is not None and replaced.label == "第五十条" and "给予适当的劳动报酬" in replaced.text
    # With 第五十条 on another matter nothing replaced it: the short sentences left (本法自…起施行) pair with nothing.
    other = new[: new.index("第五十条")] + "第五十条 国家支持职业学校开展国际交流与合作。\n\n" + new[new.index("第五十一条") :]
    assert counterpart(article.text, deleted, other) is None


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("按2010年那版档案法，单位丢失档案罚多少？", "档案法，单位丢失档案罚多少？"),
        ("2013年版的放假办法中，春节放假几天？", "放假办法中，春节放假几天？"),
        ("按2013年那版，春节放几天？", "春节放几天？"),
        ("按2007年的基金条例，违规会怎样处理？", "基金条例，违规会怎样处理？"),
        ("修订前的办法规定春节放几天？", "办法规定春节放几天？"),
        ("2011年修订的文本", "2011年修订的文本"),  # nothing would be left: the question stays whole
        ("春节原来放几天，现在放几天？", "春节放几天？"),  # asked once, without the words for the two texts
        ("以前春节放几天？", "春节放几天？"),
    ],
)
def test_the_words_naming_a_version_are_not_sought_in_its_text(question: str, asked: str) -> None:
    from assistant.versions import without_version_words

    assert without_version_words(question) == asked


def test_a_named_version_answers_with_the_figure_the_question_asks(world) -> None:  # type: ignore[no-untyped-def]
    service, _ = world
    # 2013年版本的 chooses the 2013 text; its words are no topic the 2013 text must state.
    answer = service.ask("2013年版本的放假办法里，清明节放几天？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert "清明节，放假1天" in answer.text and answer.text.startswith("以下依据2013年12月11日修订的文本")
    assert answer.question == "2013年版本的放假办法里，清明节放几天？"
    assert all(c.version == "2013-12-11" and not c.current for c in answer.citations)


def test_a_question_in_words_the_amendment_struck_gets_the_new_rule_and_the_old_flagged(world) -> None:  # type: ignore[no-untyped-def]
    import copy

    from assistant.versions import VersionedAnswerer

    service, _ = world
    # A judge that lets a superseded text answer only when the current one gives nothing: the words
    # of the question still choose the superseded provision, since 特种行业许可证 stands only in the
    # 1994 text (the 2023 text replaced the licence by a filing, 备案).
    judge = copy.copy(service.judge)
    judge.superseded_margin = 10.0
    answerer = VersionedAnswerer(lambda q, ids: service.retrieve(q, doc_ids=ids)[0], service.extractive, judge, service.index)
    versions = service.versions_for(LOCAL)
    answer = answerer.answer("收购生产性废旧金属的企业，开业前要办哪些手续，要不要特种行业许可证？", versions)
    assert not answer.refused and answer.superseded
    assert answer.citations[0].current and "备案" in answer.citations[0].quote
    old = [c for c in answer.citations if not c.current]
    assert old and old[0].version == "1994-01-25" and "特种行业许可证" in old[0].quote
    assert "不是现行规定" in answer.text
    assert answer.text.index("备案") < answer.text.index("特种行业许可证")
    # A provision the 2023 text deleted (年审), asked in its words: named as deleted, not answered from
    # unrelated current articles.
    deleted = answerer.answer("公安机关对收购企业实行年审吗？", versions)
    assert deleted.superseded and "已删除" in deleted.text
    assert any(not c.current and "年审" in c.quote for c in deleted.citations)
    # Asked in words both texts hold, the current text answers alone under that judge.
    plain = answerer.answer("收购废旧金属的企业应当向哪个部门备案？", versions)
    assert not plain.refused and not plain.superseded and all(c.current for c in plain.citations)


# -- three versions of one regulation ------------------------------------------------------------

ROAD = Path(__file__).resolve().parent / "data" / "versions3"


@pytest.fixture(scope="module")
def road(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A service over three versions of one regulation (tests/data/versions3: the notes and the penalty
    chapter, 第六十三条 to 第七十一条, of the 道路运输条例 of 2019, 2022 and 2023 from the bench corpus)."""
    tmp = tmp_path_factory.mktemp("road")
    data = tmp / "data"
    shutil.copytree(ROAD, data)
    service = GovdocService(Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp / "index"}))
    report = service.ingest([data])
    assert not report.errors, report.errors
    yield service
    service.close()


def _road_text(year: str) -> str:
    return next(ROAD.glob(f"*({year}-*.md")).read_text(encoding="utf-8")


def test_three_versions_are_one_document_in_date_order_with_the_newest_current(road) -> None:  # type: ignore[no-untyped-def]
    groups = road.versions(LOCAL)
    assert len(groups) == 1
    assert [(v.date, v.current) for v in groups[0]] == [("2019-03-02", False), ("2022-03-29", False), ("2023-07-20", True)]


def test_a_deleted_penalty_is_not_replaced_by_another_penalty_in_the_same_words() -> None:
    from ingest.articles import SIMILAR, articles, counterpart, normalized, similarity

    old, new = _road_text("2022"), _road_text("2023")
    # 2022 第六十八条 (fine for not carrying the vehicle permit) was deleted in 2023. The 2023 第六十九条 on
    # refitting a vehicle shares its boilerplate (违反本条例的规定，客运经营者、货运经营者…责令改正，处…罚款)
    # and the words 车辆营运证, but not its rule.
    change = next(c for c in compare(old, new) if c.old is not None and c.old.label.startswith("第六十八条"))
    assert change.kind == "deleted"
    refit = [x for x in next(a for a in articles(new) if a.label.startswith("第六十九条")).text.split("\n") if x.strip()][-1]
    assert "车辆营运证" in refit and similarity(normalized(change.old.body), normalized(refit)) >= SIMILAR
    assert counterpart(change.old.text, change, new) is None


def test_a_provision_the_last_amendment_deleted_is_quoted_from_the_text_before_it(road) -> None:  # type: ignore[no-untyped-def]
    answer = road.ask("客运、货运经营者没有随车携带车辆营运证，罚多少？", who=LOCAL)
    assert answer.superseded and not answer.refused
    old = [c for c in answer.citations if not c.current]
    # The 2019 and 2022 texts both hold the article (2022 with the new authority's name): the text the
    # current one replaced is quoted, and the current text is said to have deleted it.
    assert old and all(c.version == "2022-03-29" for c in old)
    assert any("携带车辆营运证" in c.quote for c in old)
    assert "2022年3月29日修订的文本第六十八条" in answer.text and "已删除" in answer.text
    assert all("车辆营运证" not in c.quote or not c.current for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "named", "both"),
    [
        ("以前春节放几天？", True, False),  # 以前 opening a clause: the text before
        ("放假办法原来规定春节放几天？", True, False),
        ("修改以前春节放几天？", True, False),
        ("春节原来放几天，现在放几天？", False, True),  # both texts asked
        ("通知要求12月1日以前报送吗？", False, False),  # before a date, no version
        ("之前说的春节放假安排呢？", False, False),  # an earlier turn, no version
        ("毕业后，档案还放在原来的学校吗？", False, False),  # the school one came from, no text
        ("原来的办法规定春节放几天？", True, False),
        ("现在春节放几天？", False, False),
    ],
)
def test_words_for_an_earlier_or_the_current_text_choose_the_versions(world, question: str, named: bool, both: bool) -> None:  # type: ignore[no-untyped-def]
    from assistant.versions import plan

    service, _ = world
    p = plan(question, service.versions_for(LOCAL), None)
    assert (p.named, p.both) == (named, both)


def test_asked_for_the_earlier_text_and_the_current_one_both_are_quoted_current_first(road) -> None:  # type: ignore[no-untyped-def]
    answer = road.ask("客运经营者不按批准站点停靠，原来罚多少，现在罚多少？", who=LOCAL)
    assert answer.superseded and not answer.refused
    assert answer.citations[0].current and "1000元以上2000元以下" in answer.citations[0].quote
    old = [c for c in answer.citations if not c.current]
    assert old and old[0].version == "2022-03-29" and "1000元以上3000元以下" in old[0].quote
    assert answer.text.index("1000元以上2000元以下") < answer.text.index("不是现行规定")


def test_an_item_opening_its_chunk_brings_its_list_lead_from_the_chunk_before(road) -> None:  # type: ignore[no-untyped-def]
    versions = road.versions_for(LOCAL)
    old = next(d for d, v in versions.items() if v.date == "2022-03-29")
    chunks = road.index.document_chunks(old)
    # The fixture's guard: in the 2022 text the list of 第六十九条 opens a chunk, its lead ends the one before.
    at = next(i for i, c in enumerate(chunks) if c.text.startswith("（一）不按批准的客运站点停靠"))
    assert chunks[at - 1].text.rstrip().endswith("下列情形之一的，由县级以上地方人民政府交通运输主管部门责令改正，处1000元以上3000元以下的罚款；情节严重的，由原许可机关吊销道路运输经营许可证：")
    answer = road.ask("以前客运经营者不按批准站点停靠罚多少？", who=LOCAL)
    assert answer.superseded and answer.text.startswith("以下依据2022年3月29日修订的文本")
    quotes = [c.quote for c in answer.citations]
    lead = next(i for i, q in enumerate(quotes) if "1000元以上3000元以下" in q)
    item = next(i for i, q in enumerate(quotes) if q.startswith("（一）不按批准的客运站点停靠"))
    assert lead < item
    assert all(c.version == "2022-03-29" for c in answer.citations)


def test_an_editor_corrects_only_versions_whose_whole_group_they_may_change(tmp_path: Path) -> None:
    """Joining a group, or dating a version of a group, decides which of the group is current: an editor
    may not so make a shared law superseded for everyone who reads both (the administrator included)."""
    from govdoc.accounts import Principal
    from govdoc.permissions import Forbidden

    data = tmp_path / "data"
    data.mkdir()
    law = FIXTURES / f"{HOLIDAYS}(2024-11-10).md"
    shutil.copy(law, data / law.name)
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        service.ingest([data])  # the shared base: everyone reads it, editors of a school's base do not change it
        service.kbs.create("乙校")
        service.accounts.add_user("编辑乙", "long-enough-1", "editor")
        service.kbs.grant("乙校", "编辑乙", "editor")
        editor = Principal("编辑乙", "editor", "session")
        notice = "# 乙校值班通知\n\n一、寒假值班由办公室安排。\n".encode()
        service.upload("值班通知.md", notice, who=editor, kbs=["乙校"])
        copy = "# 全国年节及纪念日放假办法\n\n第一条 本校另行规定。\n".encode()  # the shared law's title
        service.upload("放假办法.md", copy, who=editor, kbs=["乙校"])
        ours = next(d.doc_id for d in service.documents(editor) if d.source.endswith("值班通知.md"))
        shared = next(d.doc_id for d in service.documents(LOCAL) if d.source.endswith(law.name))
        copied = next(d.doc_id for d in service.documents(editor) if d.source.endswith("放假办法.md"))
        assert len(service.documents(editor)) == 3  # the shared law and the two uploads
        with pytest.raises(Forbidden, match="只能阅读"):
            service.set_version(ours, who=editor, group=shared, date="2099-01-01")
        # The copy bears the law's title but lies in another base: not a version of the law, so dating it
        # or making it current is the editor's own business and leaves the law current.
        assert service.versions_for(LOCAL)[copied].count == 1
        assert service.set_version(copied, who=editor, date="2099-01-01").current
        assert service.set_version(copied, who=editor, current=True).count == 1
        assert service.versions_for(LOCAL)[shared].current  # the law stays current for the administrator
        assert service.set_version(copied, who=editor, group="").count == 1  # leaving the group is the editor's
        assert service.set_version(ours, who=editor, date="2025-03").date == "2025-03"
        for wrong in ("2024-99-99", "2025-02-30", "2024-13", "0000"):
            with pytest.raises(ValueError, match="日期格式不对"):
                service.set_version(ours, who=editor, date=wrong)
        with pytest.raises(ValueError) as long_one:
            service.set_version(ours, who=editor, date="1" * 10_000)
        assert len(str(long_one.value)) < 100  # the message does not echo a whole request back
        service.set_version(copied, who=LOCAL, group=shared, date="2099-01-01")  # an administrator may
        assert not service.versions_for(LOCAL)[shared].current
    finally:
        service.close()


def test_a_file_of_one_base_never_supersedes_by_its_title_a_file_others_look_after(tmp_path: Path) -> None:
    """An editor of a school's base uploads a text bearing the shared law's title and a later amendment
    date: it is no version of the law (their bases have different editors), so the law stays current for
    the administrator, the school's readers and the editor; within the school's base the newer of two
    texts of one title still supersedes the older, and versions in the shared base group as before."""
    from govdoc.accounts import Principal

    data = tmp_path / "data"
    data.mkdir()
    for name in (f"{HOLIDAYS}(2013-12-11).md", f"{HOLIDAYS}(2024-11-10).md"):
        shutil.copy(FIXTURES / name, data / name)
    settings = Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        service.ingest([data])
        law = next(d.doc_id for d in service.documents(LOCAL) if d.source.endswith("(2024-11-10).md"))
        old_law = next(d.doc_id for d in service.documents(LOCAL) if d.source.endswith("(2013-12-11).md"))
        service.kbs.create("三中")
        service.accounts.add_user("三中编辑", "long-enough-1", "editor")
        service.accounts.add_user("三中教师", "long-enough-2", "reader")
        service.kbs.grant("三中", "三中编辑", "editor")
        service.kbs.grant("三中", "三中教师", "reader")
        editor = Principal("三中编辑", "editor", "session")
        reader = Principal("三中教师", "reader", "session")
        fake = f"# {HOLIDAYS}\n\n2030年1月1日 第五次修正\n\n第一条 本校全年不放假。\n".encode()
        older = f"# {HOLIDAYS}\n\n2029年1月1日 第五次修正\n\n第一条 本校另行安排。\n".encode()
        service.upload("放假办法2029.md", older, who=editor, kbs=["三中"])
        service.upload("放假办法2030.md", fake, who=editor, kbs=["三中"])
        ours = {d.source.rsplit("/", 1)[-1]: d.doc_id for d in service.documents(editor) if "放假办法20" in d.source}
        assert len(ours) == 2
        for who in (LOCAL, reader, editor):
            versions = service.versions_for(who)
            # The shared law: its own two versions, the 2024 text current.
            assert versions[law].current and versions[law].count == 2
            assert not versions[old_law].current and versions[old_law].current_id == law
            # The school's two texts: versions of each other, the 2030 one current, the law not among them.
            new, old = versions[ours["放假办法2030.md"]], versions[ours["放假办法2029.md"]]
            assert new.current and not old.current and old.current_id == new.doc_id and new.count == 2
            assert new.group == old.group != versions[law].group
            # Listed as two documents of several versions each, not one group of four.
            groups = [g for g in service.versions(who) if g[-1].title == HOLIDAYS]
            assert sorted(len(g) for g in groups) == [2, 2]
        # The group key names no knowledge base (a reader of the group need not know its bases).
        assert "三中" not in service.versions_for(reader)[ours["放假办法2030.md"]].group
        # An answer to the school's reader quotes the law as the current text.
        answer = service.ask("春节放假几天？", who=reader)
        cited = [c for c in answer.citations if c.doc_id == law]
        assert cited and all(c.current for c in cited)
    finally:
        service.close()
