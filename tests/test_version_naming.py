"""How a question names a version, on invented fixtures: two versions each of two invented municipal
办法 (a school-bus rule of 2014 and 2023, a school-lunch delivery rule of 2011 and 2022). A question that
names a year or an earlier text is answered from the version named of the document it names, and a
document with no version of that time is left out; words for an earlier text stand before a document's
name too (老校车办法, 原来的校车办法, 原《…》); an answer that shows a superseded text keeps what other
documents currently say."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from service_files import service_over

from assistant.types import Answer
from assistant.versions import VersionedAnswerer, best_named, name_spans, plan, without_version_words
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from ingest.version import Version

BUS = "青山市校车安全管理办法"
LUNCH = "青山市学生午餐配送管理办法"

BUS_2014 = f"""# {BUS}

2014年3月1日青山市人民政府令第12号公布

第一条 为了加强校车安全管理，保障乘车学生人身安全，制定本办法。

第二条 校车驾驶人应当取得相应准驾车型驾驶证，并具有三年以上驾驶经历。

第三条 校车每学期开学前应当进行一次安全检验。

第四条 学校应当为每辆校车配备一名随车照管人员。

第五条 违反本办法第三条规定的，由公安机关交通管理部门责令改正，处五百元罚款。
"""

BUS_2023 = f"""# {BUS}

2014年3月1日青山市人民政府令第12号公布 根据2023年5月10日青山市人民政府令第30号修订

第一条 为了加强校车安全管理，保障乘车学生人身安全，制定本办法。

第二条 校车驾驶人应当取得相应准驾车型驾驶证，并具有五年以上驾驶经历。

第三条 校车每月应当进行一次安全检验。

第四条 学校应当为每辆校车配备一名随车照管人员。

第五条 校车应当安装具有行驶记录功能的卫星定位装置。

第六条 违反本办法第三条规定的，由公安机关交通管理部门责令改正，处二千元罚款。
"""

LUNCH_2011 = f"""# {LUNCH}

2011年8月20日青山市人民政府令第5号公布

第一条 为了保障学生午餐安全，制定本办法。

第二条 配送单位应当具有两年以上餐饮配送经历。

第三条 配送车辆每学期应当进行一次安全检验。

第四条 违反本办法第三条规定的，处三百元罚款。
"""

LUNCH_2022 = f"""# {LUNCH}

2011年8月20日青山市人民政府令第5号公布 根据2022年9月1日青山市人民政府令第26号修订

第一条 为了保障学生午餐安全，制定本办法。

第二条 配送单位应当具有三年以上餐饮配送经历。

第三条 配送车辆每季度应当进行一次安全检验。

第四条 违反本办法第三条规定的，处一千元罚款。
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A service over the four invented versions (hashing embedder), dated by their notes."""
    tmp = tmp_path_factory.mktemp("naming")
    service = service_over(
        tmp,
        [
            (f"{BUS}(2014-03-01).md", BUS_2014),
            (f"{BUS}(2023-05-10).md", BUS_2023),
            (f"{LUNCH}(2011-08-20).md", LUNCH_2011),
            (f"{LUNCH}(2022-09-01).md", LUNCH_2022),
        ],
    )
    yield service
    service.close()


def _version(doc_id: str, title: str, date: str, order: int, current: bool, current_id: str, count: int = 2) -> Version:
    return Version(doc_id, title, f"{doc_id}.md", title, date, "修订", order, count, current, current_id)


# An invented index: two versions of each 办法, and a report with one version.
VERSIONS = {
    "bus14": _version("bus14", BUS, "2014-03-01", 1, False, "bus23"),
    "bus23": _version("bus23", BUS, "2023-05-10", 2, True, "bus23"),
    "lunch11": _version("lunch11", LUNCH, "2011-08-20", 1, False, "lunch22"),
    "lunch22": _version("lunch22", LUNCH, "2022-09-01", 2, True, "lunch22"),
    "report": _version("report", "青山市教育局2015年工作总结", "2015-12-30", 1, True, "report", count=1),
}


@pytest.mark.parametrize(
    ("title", "question", "span"),
    [
        ("中华人民共和国青山法", "青山法里怎么规定？", "青山法"),
        ("中华人民共和国青山法", "按原《中华人民共和国青山法》", "青山法"),  # the prefix is no part of the name
        (BUS, "校车办法里怎么规定？", "校车办法"),  # a short name keeps characters of the title in order
        (BUS, "青山市校车安全管理办法里", BUS),
        (f"{BUS}实施细则", "校车办法里怎么规定？", None),  # the 实施细则 is named by its own kind
        ("中华人民共和国青山法", "绿山法里怎么规定？", None),  # 山法 is no name of the 青山法
        (LUNCH, "这个办法怎么规定？", None),  # the kind alone names no document
    ],
)
def test_a_question_names_a_document_by_its_title_or_a_short_name(title: str, question: str, span: str | None) -> None:
    found = name_spans(question, title)
    assert [question[s:e] for s, e in found[:1]] == ([span] if span else [])


@pytest.mark.parametrize(
    ("question", "primary", "asked"),
    [
        # A year and a name: that document's version of the time, nothing else of the time.
        ("按2015年的校车办法，多久检验一次？", ["bus14"], "校车办法，多久检验一次？"),
        # A year before any version of the document it names: its oldest text, the nearest to that year.
        ("2010年的校车办法，多久检验一次？", ["bus14"], "校车办法，多久检验一次？"),
        # A year alone: each document's version then; the school-bus rule had none in 2012, so it is left
        # out, as is the report, which has no versions.
        ("2012年的规定里，车辆多久检验一次？", ["lunch11"], "车辆多久检验一次？"),
        ("2016年的时候，车辆多久检验一次？", ["bus14", "lunch11"], "车辆多久检验一次？"),
        # Words for an earlier text before a name: the version before the current one of that document.
        ("老校车办法规定驾驶人要几年驾龄？", ["bus14"], "校车办法规定驾驶人要几年驾龄？"),
        ("原来的午餐配送办法罚多少？", ["lunch11"], "午餐配送办法罚多少？"),
        ("原《青山市学生午餐配送管理办法》罚多少？", ["lunch11"], "《青山市学生午餐配送管理办法》罚多少？"),
        ("上个版本怎么规定检验的？", ["bus14", "lunch11"], "怎么规定检验的？"),
        ("修法以前车辆多久检验一次？", ["bus14", "lunch11"], "车辆多久检验一次？"),
    ],
)
def test_a_question_naming_an_earlier_version_reads_only_the_versions_named(question: str, primary: list[str], asked: str) -> None:
    p = plan(question, VERSIONS, None)
    assert p.named and not p.both
    assert sorted(p.primary or []) == primary
    assert p.asked == asked


@pytest.mark.parametrize(
    "question",
    [
        "校车办法现在规定驾驶人要几年驾龄？",
        "养老校车办法怎么规定？",  # 养老 ends in 老 without naming an old text
        "2024年的校车办法规定驾驶人要几年驾龄？",  # the year's text is the current one
        "2013年的工作总结里写了什么？",  # a year that names no text
        "原来的做法还能用吗？",  # a way of working, not a text
    ],
)
def test_questions_that_name_no_earlier_version_are_answered_from_the_current_ones(question: str) -> None:
    p = plan(question, VERSIONS, None)
    assert not p.named and not p.both
    assert sorted(p.primary or []) == ["bus23", "lunch22", "report"]


def test_before_and_after_an_amendment_both_texts_are_read() -> None:
    p = plan("校车办法修订前后，检验周期有什么变化？", VERSIONS, None)
    assert p.both and not p.named
    assert p.asked == "校车办法检验周期？"  # what changed is shown by the two texts: 变化 is not sought in them
    assert without_version_words("2019年修订前后有什么变化？") == "有什么变化？"


def test_a_named_year_and_name_are_answered_from_that_document_only(rules: GovdocService) -> None:
    # The 2011 lunch rule checks its vehicles each term in the same words: it is no text of the bus rule.
    answer = rules.ask("按2015年的校车办法，校车多久进行一次安全检验？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert answer.text.startswith("以下依据2014年3月1日公布的文本")
    assert "每学期开学前" in answer.text
    assert answer.citations and all(c.doc_title == BUS and c.version == "2014-03-01" for c in answer.citations)


def test_a_year_before_a_document_had_any_version_leaves_it_out(rules: GovdocService) -> None:
    # The lunch rule of 2011 was in force in 2012 and answers in its own words.
    answer = rules.ask("2012年的规定里，车辆多久进行一次安全检验？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert answer.citations and all(c.doc_title == LUNCH and c.version == "2011-08-20" for c in answer.citations)
    # No text of the bus rule was in force in 2012: its 2023 rule (每月) is no answer for that year.
    bus = rules.ask("2012年的规定里，校车多久进行一次安全检验？", who=LOCAL)
    assert "每月" not in bus.text
    assert all(c.doc_title != BUS for c in bus.citations)


def test_a_year_before_the_oldest_version_of_the_document_named_is_answered_from_that_version_and_says_so(rules: GovdocService) -> None:
    answer = rules.ask("2010年的校车办法规定驾驶人要有几年驾驶经历？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert answer.text.startswith("资料中没有2010年时的文本，以下依据现存最早的2014年3月1日公布的文本")
    assert "三年以上" in answer.text and "五年以上" not in answer.text
    assert all(c.version == "2014-03-01" for c in answer.citations)


def test_old_before_a_name_asks_for_its_earlier_text(rules: GovdocService) -> None:
    answer = rules.ask("老校车办法规定驾驶人要有几年驾驶经历？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert answer.text.startswith("以下依据2014年3月1日公布的文本") and "三年以上" in answer.text
    assert all(c.version == "2014-03-01" and not c.current for c in answer.citations)


def test_a_superseded_answer_keeps_what_another_document_says_now(rules: GovdocService) -> None:
    """The superseded text of one document is weighed against its own current text only: what another
    document says now stands in the answer beside it, not dropped for it."""
    versions = rules.versions_for(LOCAL)
    answerer = VersionedAnswerer(lambda q, ids: rules.retrieve(q, doc_ids=ids)[0], rules.extractive, rules.judge, rules.index)
    old_bus = next(d for d, v in versions.items() if v.title == BUS and not v.current)
    new_lunch = next(d for d, v in versions.items() if v.title == LUNCH and v.current)
    question = "校车和配送车辆多久进行一次安全检验？"
    asked_old, asked_now = "校车多久进行一次安全检验？", "配送车辆多久进行一次安全检验？"
    old = rules.extractive.answer(asked_old, rules.retrieve(asked_old, doc_ids=[old_bus])[0])
    now = rules.extractive.answer(asked_now, rules.retrieve(asked_now, doc_ids=[new_lunch])[0])
    assert old.citations and "每学期开学前" in old.citations[0].quote
    assert now.citations and "每季度" in now.citations[0].quote
    gone = [(c, [ch for ch in answerer._changes(c, versions) if ch.kind != "same"]) for c in old.citations]
    answer = answerer._superseded(question, now, replace(old, citations=old.citations), answerer._replacements(gone, versions), versions)
    # The bus rule's current article leads, the lunch rule's current article follows, the old bus text is flagged.
    assert answer.text.startswith("现行文本（2023年5月10日修订）第三条规定")
    assert f"《{LUNCH}》（2022年9月1日修订）第三条规定：" in answer.text
    assert answer.text.index("每季度") < answer.text.index("每学期开学前") < answer.text.index("不是现行规定")
    cited = [(c.doc_title, c.current) for c in answer.citations]
    assert cited == [(BUS, True), (LUNCH, True), (BUS, False)]
    assert isinstance(answer, Answer) and answer.superseded


def test_best_named_prefers_the_longest_run_then_the_title_named_whole() -> None:
    titles = {"a": "青山市体育设施管理条例", "b": "青山市学校体育设施管理条例", "c": BUS}
    # 体育设施管理条例 stands in order in both titles by the same run; only the first is named whole.
    assert list(best_named("体育设施管理条例第五条写了什么", {"a": "体育设施管理条例", "b": titles["b"]})) == ["a"]
    # the longer run wins: 学校体育设施管理条例 is in b only.
    assert list(best_named("学校体育设施管理条例怎么规定开放时间", titles)) == ["b"]
    assert list(best_named("校车办法对司机有什么要求", titles)) == ["c"]
    assert best_named("公园开放时间是几点", titles) == {}
