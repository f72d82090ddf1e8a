"""Provisions only the newer version holds, and questions that name a version, on an invented amendment
pair: a municipal 公务接待 rule of 2016 and its 2023 revision (a new article, a sentence written into a
kept article, a changed limit, a deleted article, a renumbered one). A provision only the newer version
holds is answered from it and cited as current; a question that names the earlier text (a year in four or
two digits or in Chinese numerals, 修订前, 原来, 旧版, 修改前, 以前) is answered from that text, says it is
superseded and what the current version made of each article quoted; a question naming the current
year gets the current text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from assistant.versions import VersionedAnswerer, in_full_years, named_year, plan, without_version_words
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings

RULE = "青山市公务接待管理办法"

RULE_2016 = f"""# {RULE}

2016年4月1日青山市人民政府令第8号公布

第一条 为了规范公务接待工作，厉行节约，制定本办法。

第二条 公务接待对象应当持有派出单位的公函。

第三条 工作餐每人每餐不超过八十元，不得提供香烟和高档酒水。

第四条 接待单位可以向接待对象赠送具有地方特色的纪念品。

第五条 接待住宿安排在定点饭店，每人每天不超过三百元。
"""

RULE_2023 = f"""# {RULE}

2016年4月1日青山市人民政府令第8号公布 根据2023年6月1日青山市人民政府令第31号修订

第一条 为了规范公务接待工作，厉行节约，制定本办法。

第二条 公务接待对象应当持有派出单位的公函。无公函的公务活动，接待单位一律不予接待。

第三条 接待单位应当在接待结束后五个工作日内填写接待清单，连同公函一并归档。

第四条 工作餐每人每餐不超过六十元，不得提供香烟和高档酒水。

第五条 接待住宿安排在定点饭店，每人每天不超过三百元。
"""


@pytest.fixture(scope="module")
def reception(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A service over the two invented versions (hashing embedder), dated by their notes and file names."""
    tmp = tmp_path_factory.mktemp("kinds")
    data = tmp / "data"
    data.mkdir()
    (data / f"{RULE}(2016-04-01).md").write_text(RULE_2016, encoding="utf-8")
    (data / f"{RULE}(2023-06-01).md").write_text(RULE_2023, encoding="utf-8")
    service = GovdocService(Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp / "index"}))
    report = service.ingest([data])
    assert not report.errors, report.errors
    yield service
    service.close()


# -- how a question names a year ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "year"),
    [
        ("16年版的接待办法怎么规定工作餐标准？", 2016),
        ("按16年的接待办法，工作餐多少钱？", 2016),
        ("二〇一六年的接待办法怎么规定？", 2016),
        ("二零一六年版里工作餐多少钱？", 2016),
        ("按一六年的办法，工作餐多少钱？", 2016),
        ("98年版的办法怎么规定？", 1998),
        ("23年修订前工作餐多少钱？", 2022),  # before the 2023 amendment: the text then in force
        ("09版的接待办法怎么规定工作餐标准？", 2009),  # two digits right before 版, with no 年
        ("那用16版本的呢？", 2016),
        # Two digits that are a length of time, a grade or a term of copyright name no version.
        ("工作满15年的职工怎么休假？", None),
        ("在10年内的规定有哪些？", None),
        ("按照10年的期限规定办理吗？", None),
        ("一二年级学生的午餐怎么安排？", None),
        ("10年版权到期怎么办？", None),
        ("报纸第16版登的通知怎么说？", None),  # a page of a newspaper
        ("这本书印了12版次了吗？", None),
        ("连续工作十五年的职工怎么休假？", None),
    ],
)
def test_a_year_in_two_digits_or_chinese_numerals_names_a_version(question: str, year: int | None) -> None:
    assert named_year(question) == year


def test_years_are_rewritten_in_four_digits_only_where_they_name_a_version() -> None:
    assert in_full_years("按一六年的办法，满十五年的职工") == "按2016年的办法，满十五年的职工"
    assert in_full_years("二〇一六年的办法") == "2016年的办法"
    assert in_full_years("工作满15年的职工") == "工作满15年的职工"


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        ("按2016年那部办法，工作餐多少钱？", "办法，工作餐多少钱？"),
        ("2016年颁布的办法里工作餐多少钱？", "办法里工作餐多少钱？"),
        ("在2023年修订之前，工作餐多少钱？", "工作餐多少钱？"),
        ("在修订前，工作餐多少钱？", "工作餐多少钱？"),
        ("16年版的办法里工作餐多少钱？", "办法里工作餐多少钱？"),
        ("二〇一六年的办法里工作餐多少钱？", "办法里工作餐多少钱？"),
        ("改之前工作餐多少钱？", "工作餐多少钱？"),
    ],
)
def test_the_words_naming_a_year_or_an_earlier_text_are_not_sought(question: str, asked: str) -> None:
    assert without_version_words(question) == asked


@pytest.mark.parametrize(
    "question",
    [
        "16年版的接待办法，工作餐每人每餐多少钱？",
        "二〇一六年的接待办法，工作餐每人每餐多少钱？",
        "修订前工作餐每人每餐多少钱？",
        "修正前工作餐每人每餐多少钱？",
        "修改前的接待办法，工作餐每人每餐多少钱？",
        "原来工作餐每人每餐多少钱？",
        "旧版接待办法里工作餐每人每餐多少钱？",
        "以前工作餐每人每餐多少钱？",
        "改版前工作餐每人每餐多少钱？",
        "未修订时工作餐每人每餐多少钱？",
    ],
)
def test_words_for_the_earlier_text_choose_it(reception: GovdocService, question: str) -> None:
    versions = reception.versions_for(LOCAL)
    p = plan(question, versions, None)
    assert p.named and not p.both
    assert [versions[d].date for d in p.primary or []] == ["2016-04-01"]


@pytest.mark.parametrize("question", ["整改前要准备哪些材料？", "作业批改前要做什么？", "满15年的规定是什么？"])
def test_words_that_only_look_like_version_words_choose_the_current_text(reception: GovdocService, question: str) -> None:
    versions = reception.versions_for(LOCAL)
    p = plan(question, versions, None)
    assert not p.named and not p.both
    assert [versions[d].date for d in p.primary or []] == ["2023-06-01"]


# -- answers ------------------------------------------------------------------------------------


def test_an_article_only_the_newer_version_holds_is_answered_from_it_as_current(reception: GovdocService) -> None:
    answer = reception.ask("接待结束后几个工作日内要填写接待清单？", who=LOCAL)
    assert not answer.refused
    assert "五个工作日内" in answer.text
    assert answer.citations and answer.citations[0].current and answer.citations[0].version == "2023-06-01"
    # Any superseded text it shows is flagged, never given as the rule.
    assert answer.superseded or all(c.current for c in answer.citations)


def test_a_sentence_written_into_a_kept_article_is_answered_from_the_current_text(reception: GovdocService) -> None:
    answer = reception.ask("没有公函的公务活动还接待吗？", who=LOCAL)
    assert not answer.refused
    assert "一律不予接待" in answer.text
    assert any(c.current and "一律不予接待" in c.quote for c in answer.citations)
    assert answer.superseded or all(c.current for c in answer.citations)


@pytest.mark.parametrize(
    "question",
    [
        "按16年版的接待办法，工作餐每人每餐不超过多少钱？",
        "二〇一六年的接待办法，工作餐每人每餐不超过多少钱？",
        "修订前，工作餐每人每餐不超过多少钱？",
        "接待办法原来规定工作餐每人每餐不超过多少钱？",
    ],
)
def test_a_question_naming_the_earlier_text_is_answered_from_it_and_told_what_replaced_it(
    reception: GovdocService, question: str
) -> None:
    answer = reception.ask(question, who=LOCAL)
    assert not answer.refused and answer.superseded
    assert answer.text.startswith("以下依据2016年4月1日公布的文本，该文本已被现行文本（2023年6月1日修订）取代")
    assert "八十元" in answer.text and "六十元" not in answer.text
    assert answer.citations and all(c.version == "2016-04-01" and not c.current for c in answer.citations)
    # What became of the article quoted: changed, and where the rule stands now (renumbered 第四条).
    assert "对照现行文本（2023年6月1日修订）：原第三条已修改，现行规定见第四条" in answer.text


def test_an_earlier_text_whose_article_was_deleted_says_so(reception: GovdocService) -> None:
    answer = reception.ask("旧版接待办法允许向接待对象赠送纪念品吗？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert "纪念品" in answer.text
    assert all(c.version == "2016-04-01" for c in answer.citations)
    assert "原第四条已删除" in answer.text


def test_an_earlier_text_whose_article_stands_unchanged_says_so(reception: GovdocService) -> None:
    answer = reception.ask("修改前的接待办法，住宿每人每天不超过多少钱？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert "三百元" in answer.text
    assert "原第五条所引内容未作修改" in answer.text


@pytest.mark.parametrize(
    "question",
    ["2023年版的接待办法，工作餐每人每餐不超过多少钱？", "按23年修订的接待办法，工作餐每人每餐不超过多少钱？"],
)
def test_a_question_naming_the_current_year_gets_the_current_text(reception: GovdocService, question: str) -> None:
    versions = reception.versions_for(LOCAL)
    p = plan(question, versions, None)
    assert not p.named and p.asked and "2023" not in p.asked and "23年" not in p.asked
    answer = reception.ask(question, who=LOCAL)
    assert not answer.refused
    assert "六十元" in answer.text
    assert answer.citations[0].current and answer.citations[0].version == "2023-06-01"
    # The old limit may stand beside it only flagged as superseded.
    assert answer.superseded or "八十元" not in answer.text


def test_a_new_sentence_the_current_answer_leads_with_stays_beside_a_superseded_text(reception: GovdocService) -> None:
    """When a superseded text is shown, the current answer's best quote stays when it holds a sentence the
    superseded version never had, even from an article the amendment kept (not added)."""
    versions = reception.versions_for(LOCAL)
    answerer = VersionedAnswerer(
        lambda q, ids: reception.retrieve(q, doc_ids=ids)[0], reception.extractive, reception.judge, reception.index
    )
    old_id = next(d for d, v in versions.items() if not v.current)
    new_id = next(d for d, v in versions.items() if v.current)
    asked_old, asked_now = "工作餐每人每餐不超过多少钱？", "没有公函的公务活动还接待吗？"
    old = reception.extractive.answer(asked_old, reception.retrieve(asked_old, doc_ids=[old_id])[0])
    now = reception.extractive.answer(asked_now, reception.retrieve(asked_now, doc_ids=[new_id])[0])
    assert old.citations and "八十元" in old.citations[0].quote
    assert now.citations and "一律不予接待" in now.citations[0].quote
    gone = [(c, [ch for ch in answerer._changes(c, versions) if ch.kind != "same"]) for c in old.citations]
    answer = answerer._superseded(asked_now, now, old, answerer._replacements(gone, versions), versions)
    assert "现行文本（2023年6月1日修订）第二条规定：" in answer.text and "一律不予接待" in answer.text
    assert answer.text.index("六十元") < answer.text.index("八十元")
    assert any(c.current and "一律不予接待" in c.quote for c in answer.citations)


@pytest.mark.parametrize("question", ["修订前的接待办法要求接待结束后几个工作日内填写接待清单吗？", "以前要填写接待清单吗？"])
def test_an_earlier_text_that_holds_nothing_on_a_new_rule_gives_way_to_the_current_text(reception: GovdocService, question: str) -> None:
    answer = reception.ask(question, who=LOCAL)
    assert not answer.refused and not answer.superseded
    assert answer.text.startswith("在2016年4月1日公布的文本中没有找到相关规定，以下依据现行文本（2023年6月1日修订）：")
    assert "五个工作日内" in answer.text
    assert answer.citations and all(c.current and c.version == "2023-06-01" for c in answer.citations)


def test_an_earlier_quote_kept_word_for_word_in_a_changed_article_says_the_article_changed(reception: GovdocService) -> None:
    answer = reception.ask("原来没有公函的公务活动还接待吗？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert all(c.version == "2016-04-01" for c in answer.citations)
    assert "原第二条所引内容未作修改，该条其他内容有修改" in answer.text
