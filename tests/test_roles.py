"""Source roles: inferred from what a document is, stored with its chunks, read back from older indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import load_settings, with_overrides
from ingest.role import ROLE_LABELS, ROLES, check_role, infer_role, role_of, with_roles
from ingest.types import Chunk, Document


def _doc(title: str, text: str = "正文。") -> Document:
    return Document(doc_id=title, title=title, source="x", text=text)


@pytest.mark.parametrize(
    ("title", "text", "role"),
    [
        ("中华人民共和国学前教育法", "正文。", "policy"),
        ("校车安全管理条例", "正文。", "policy"),
        ("关于进一步加强中小学校党的建设工作的意见", "正文。", "policy"),
        ("教育部关于做好2024年招生工作的通知", "正文。", "policy"),
        ("中小学教师继续教育规定（试行）", "正文。", "policy"),
        ("某份材料", "第一条 甲。\n第二条 乙。\n第三条 丙。", "policy"),  # laid out in articles
        ("第三中学党组织领导下的校长负责制试点工作汇报材料", "我校……", "sample"),
        ("关于落实校长负责制的自查报告", "正文。", "sample"),
        ("2023年度工作总结", "正文。", "sample"),
        ("本学期教研安排", "正文。", "own"),
    ],
)
def test_roles_are_inferred_from_what_a_document_is(title: str, text: str, role: str) -> None:
    assert infer_role(_doc(title, text)) == role


def test_settings_defaults_decide_reports_and_the_rest() -> None:
    assert infer_role(_doc("2023年度工作总结"), report_role="own") == "own"
    assert infer_role(_doc("本学期教研安排"), default_role="sample") == "sample"
    assert infer_role(_doc("校车安全管理条例"), default_role="sample", report_role="own") == "policy"


def test_a_given_role_wins_and_is_checked() -> None:
    doc = _doc("中华人民共和国学前教育法")
    chunk = Chunk(id="c", doc_id=doc.doc_id, doc_title=doc.title, source="x", section="", page=None, start=0, end=3, text="正文。")
    assert role_of(with_roles([doc], [chunk], None)[0]) == "policy"
    assert role_of(with_roles([doc], [chunk], "own")[0]) == "own"
    # Stored none (an index built before roles): the role the title gives, else the default. Another
    # unit's report never becomes "ours" because the index is old.
    assert role_of(chunk, "sample") == "policy"
    report = Chunk(id="r", doc_id="r", doc_title="第三中学试点工作汇报材料", source="x", section="", page=None, start=0, end=3, text="我校。")
    assert role_of(report, "own") == "sample"
    plain = Chunk(id="p", doc_id="p", doc_title="学校开放日安排", source="x", section="", page=None, start=0, end=3, text="开放。")
    assert role_of(plain, "own") == "own"
    with pytest.raises(ValueError, match="资料用途"):
        check_role("mine")
    assert set(ROLE_LABELS) == set(ROLES)


def test_an_index_built_before_roles_reads_as_the_default(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "note.txt").write_text("学校开放日安排\n\n学校每学期举办一次校园开放日，邀请家长参加。\n", encoding="utf-8")
    settings = with_overrides(
        load_settings(), store={"index_dir": tmp_path / "index"}, embedding={"mode": "hashing"}, worker={"enabled": False}
    )
    settings = with_overrides(settings, ingest={"default_role": "sample"})
    service = GovdocService(settings)
    try:
        service.ingest([folder], role="own")
        assert [d.role for d in service.documents(LOCAL)] == ["own"]
        # What an index written before roles holds: no role in the chunks' extra fields.
        manifest = next((tmp_path / "index").glob("*/manifest.sqlite3"))
        service.close()  # an old index is one a service opens afresh, not one edited under an open one
        with sqlite3.connect(manifest) as conn:
            conn.execute("UPDATE chunks SET extra_json = '{}'")
        service = GovdocService(settings)
        assert [d.role for d in service.index.documents()] == [""]
        assert [d.role for d in service.documents(LOCAL)] == ["sample"]
        draft = service.draft("学校开放日", ["校园开放日"], who=LOCAL)
        assert draft.citations and {c.role for c in draft.citations} == {"sample"}
    finally:
        service.close()


def _folder(folder: Path, name: str, text: str) -> Path:
    """``folder``, made, holding one file ``name`` of ``text``."""
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def _service(tmp_path: Path) -> GovdocService:
    settings = with_overrides(
        load_settings(), store={"index_dir": tmp_path / "index"}, embedding={"mode": "hashing"}, worker={"enabled": False}
    )
    return GovdocService(settings)


def test_an_answer_quoting_only_samples_says_so_in_its_text_and_a_follow_up_reads_past_it(tmp_path: Path) -> None:
    from assistant.cited import cited_documents
    from assistant.sources import SAMPLE_LEAD, previous_answer

    samples = _folder(tmp_path / "samples", "report.txt", "青松镇中心小学家长开放日工作汇报\n\n我校每学期举办一次家长开放日，家长可以进入课堂随堂听课。\n")
    service = _service(tmp_path)
    try:
        service.ingest([samples], role="sample")
        answer = service.ask("家长开放日怎么安排？", who=LOCAL)
        assert not answer.refused and {c.role for c in answer.citations} == {"sample"}
        assert answer.text.startswith(SAMPLE_LEAD + "\n")
        assert answer.to_json()["answer"] == answer.text  # the CLI's and the API's JSON carry the same words
        quoted = answer.text[len(SAMPLE_LEAD) :]
        assert all(c.quote in quoted for c in answer.citations)  # the quotes stay verbatim after the lead
        # A follow-up reads the answer's own words: the lead names no document and is not taken as a quote.
        history = [("user", answer.question), ("assistant", answer.text)]
        assert not previous_answer(history).startswith(SAMPLE_LEAD)
        found = cited_documents(previous_answer(history), lambda line: [h.chunk for h in service.retrieve(line, retrieval="bm25")[0]], 8)
        assert found == [answer.citations[0].doc_id]

    finally:
        service.close()


def test_an_answer_from_our_own_material_quotes_no_other_units_report_beside_it(tmp_path: Path) -> None:
    # Quoted beside our own facts with nothing to say whose they are, a sample's would read as ours.
    own = _folder(tmp_path / "own", "总结.txt", "红星路小学2024年工作总结\n\n我校现有教学班28个，在校学生1320人，其中专任教师79人。\n")
    samples = _folder(tmp_path / "samples", "汇报.txt", "青松镇中心小学师资队伍建设工作汇报\n\n我校现有专任教师112人，其中高级教师35人。\n")
    service = _service(tmp_path)
    try:
        service.ingest([samples], role="sample")
        both = service.ask("专任教师有多少人？", who=LOCAL)
        assert {c.role for c in both.citations} == {"sample"}  # the sample alone: said to be one
        service.ingest([own], role="own")
        answer = service.ask("我校有多少专任教师？", who=LOCAL)
        assert not answer.refused and {c.role for c in answer.citations} == {"own"}, answer.citations
        assert "79人" in answer.text and "112人" not in answer.text
    finally:
        service.close()


def test_the_sample_lead_needs_every_citation_from_a_sample() -> None:
    from assistant.sources import SAMPLE_LEAD, with_sample_lead
    from assistant.types import Answer, Citation

    def cite(n: int, role: str) -> Citation:
        return Citation(n=n, doc_title="某校汇报", source="x", section="", page=None, quote="我校每月召开一次会议。",
                        chunk_id=f"c{n}", doc_id=f"d{n}", start=0, end=11, role=role)

    def answer(*roles: str, refused: bool = False) -> Answer:
        return Answer(question="怎么开会？", text="我校每月召开一次会议。[1]", refused=refused, verified=True,
                      citations=tuple(cite(n, r) for n, r in enumerate(roles, start=1)))

    led = with_sample_lead(answer("sample", "sample"))
    assert led.text == f"{SAMPLE_LEAD}\n我校每月召开一次会议。[1]"
    assert with_sample_lead(led).text == led.text  # said once
    for unled in (answer("sample", "policy"), answer("sample", "own"), answer("sample", ""), answer(),
                  answer("sample", refused=True)):
        assert with_sample_lead(unled).text == unled.text
