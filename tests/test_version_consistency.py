"""An answer that shows a superseded text beside the current one says what the change list says
(`ingest.revision.compare`): an article is not called new beside an old one stating the same words
asked about, the old text names the article that replaced it, the quote holding the question's words
leads, a quote led by its article's number does not repeat it, and a list asked by its count gets the
count first. On an invented regulation in two versions."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import pytest
from version_services import cite, two_versions, versioned_answerer

from assistant.types import Answer
from govdoc.service import GovdocService
from ingest.revision import compare

_TITLE = "青石县校车服务管理办法\n\n"
OLD = (
    _TITLE + "2016年3月1日公布\n\n第一条 为了保障乘坐校车学生的安全，制定本办法。\n\n"
    "第二条 学校可以向乘车学生收取校车费用，对家庭困难的学生应当酌情减免。\n\n"
    "第三条 接送学生的车辆应当具备下列条件：\n（一）有校车标牌；\n（二）有安全带。\n\n"
    "第四条 违反本办法的，由县教育部门责令改正。\n"
)
NEW = (
    _TITLE + "2024年5月1日修订\n\n第一条 为了保障乘坐校车学生的安全，制定本办法。\n\n"
    "第二条 县人民政府设立校车运营补助资金，对家庭困难的学生给予乘车补助，并向偏远山区学生适当倾斜。\n\n"
    "第三条 接送学生的车辆应当具备下列条件：\n（一）有校车标牌；\n（二）有安全带；\n（三）有随车照管人员。\n\n"
    "第四条 运营单位按照核定的标准收取校车费用；不得以任何名义另行收费。\n\n"
    "第五条 违反本办法的，由县教育部门责令改正。\n"
)


@pytest.fixture(scope="module")
def buses(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A service over the two invented versions (hashing embedder)."""
    service = two_versions(
        tmp_path_factory.mktemp("buses"),
        {"青石县校车服务管理办法(2016-03-01).md": OLD, "青石县校车服务管理办法(2024-05-01).md": NEW},
    )
    yield service
    service.close()


def _setup(service: GovdocService):  # type: ignore[no-untyped-def]
    answerer, versions, old, new = versioned_answerer(service)
    return answerer, versions, old, new, partial(cite, answerer)


def _partners(old_label: str) -> list[str]:
    return [c.new.label for c in compare(OLD, NEW) if c.old is not None and c.old.label == old_label and c.new is not None]


def test_the_fixture_pairs_the_old_fee_article_with_the_aid_article_and_calls_the_fee_article_added() -> None:
    # The guard of the tests below: the change list pairs the old 第二条 with the current 第二条 (家庭困难的学生)
    # and calls the current 第四条, on fees in other words, added.
    assert _partners("第二条") == ["第二条"]
    assert any(c.kind == "added" and c.new is not None and c.new.label == "第四条" for c in compare(OLD, NEW))


def test_an_added_article_stating_the_words_asked_beside_the_old_text_is_not_called_new(buses: GovdocService) -> None:
    answerer, versions, old, new, cite = _setup(buses)
    old_cited = cite(old, "第二条 学校可以向乘车学生收取校车费用，对家庭困难的学生应当酌情减免。")
    fee = cite(new, "第四条 运营单位按照核定的标准收取校车费用；不得以任何名义另行收费。")
    current = Answer("校车要收费吗？", "", False, True, (fee,))
    superseded = Answer("校车要收费吗？", "", False, True, (old_cited,))
    replaced = answerer._replacements([(old_cited, answerer._changes(old_cited, versions))], versions)
    answer = answerer._superseded("校车要收费吗？", current, superseded, replaced, versions, frozenset({"校车费用"}))
    # The current quote holding the words asked leads; it is not called new, the old 第二条 being said to be
    # replaced by the article the change list pairs it with.
    assert answer.text.startswith("现行文本（2024年5月1日修订）第四条规定：运营单位按照核定的标准收取校车费用")
    assert "新增" not in answer.text
    assert "该规定已被现行文本（2024年5月1日修订）第二条取代，不是现行规定。" in answer.text
    # Without a word asked that both state, the change list's word stands.
    plain = answerer._superseded("校车要收费吗？", current, superseded, replaced, versions)
    assert "现行文本（2024年5月1日修订）新增的第四条规定：运营单位" in plain.text


def test_a_quote_led_by_its_article_number_does_not_repeat_it(buses: GovdocService) -> None:
    answerer, versions, old, new, cite = _setup(buses)
    old_cited = cite(old, "第三条 接送学生的车辆应当具备下列条件：\n（一）有校车标牌；\n（二）有安全带。")
    superseded = Answer("问", "", False, True, (old_cited,))
    replaced = answerer._replacements([(old_cited, answerer._changes(old_cited, versions))], versions)
    answer = answerer._superseded("问", Answer("问", "", True, False), superseded, replaced, versions)
    assert "现行文本（2024年5月1日修订）第三条规定：接送学生的车辆" in answer.text
    assert "文本第三条规定：接送学生的车辆应当具备下列条件" in answer.text  # the old text too
    assert "规定：第三条" not in answer.text
    # The citations quote what the text shows, from past the label.
    assert all(not c.quote.startswith("第三条") for c in answer.citations)


def test_a_list_asked_by_its_count_gets_the_count_first(buses: GovdocService) -> None:
    answerer, versions, old, new, cite = _setup(buses)
    old_cited = cite(old, "第三条 接送学生的车辆应当具备下列条件：\n（一）有校车标牌；\n（二）有安全带。")
    question = "接送学生的车辆要具备几项条件？"
    superseded = Answer(question, "", False, True, (old_cited,))
    replaced = answerer._replacements([(old_cited, answerer._changes(old_cited, versions))], versions)
    answer = answerer._superseded(question, Answer(question, "", True, False), superseded, replaced, versions)
    # Counted in the current text (three items), not the superseded one (two).
    assert answer.text.startswith("共三项：\n现行文本（2024年5月1日修订）第三条规定：")


def test_an_old_article_split_in_two_is_named_once(buses: GovdocService) -> None:
    from ingest.articles import Change, articles

    answerer, versions, old, new, cite = _setup(buses)
    old_cited = cite(old, "第二条 学校可以向乘车学生收取校车费用，对家庭困难的学生应当酌情减免。")
    changes = answerer._changes(old_cited, versions)
    assert changes
    # The change list carrying the old 第二条 into two current articles: two changes of one old article.
    new_text = answerer.source.document_text(new)
    fee = next(a for a in articles(new_text) if a.label == "第四条")
    split = [*changes, Change("changed", changes[0].old, fee, 0.5)]
    replaced = answerer._replacements([(old_cited, split)], versions)
    answer = answerer._superseded("问", Answer("问", "", True, False), Answer("问", "", False, True, (old_cited,)), replaced, versions)
    assert "第二条、第二条" not in answer.text and "文本第二条规定：" in answer.text
