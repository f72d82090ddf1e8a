"""Questions asking what changed between versions, on invented documents: three versions of an invented
municipal park rule (2015, amended 2020 and revised 2024), two of an invented swimming-pool rule and one
library rule held in one version. Such a question is answered with the list of deleted, added and changed
articles from the article comparison, each quoted and cited from its version; a question about one
provision (罚款数额有什么变化) is not a list, and a question naming a year is answered from that version."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from service_files import service_over

from assistant.changes import asks_for_changes
from govdoc.accounts import LOCAL
from govdoc.cli import main
from govdoc.service import GovdocService

PARK = "青山市公园管理办法"
POOL = "青山市游泳场所管理办法"
LIBRARY = "青山市图书馆借阅规定"

PARK_2015 = f"""# {PARK}

2015年5月10日青山市人民政府令第8号公布

第一条 为了加强公园管理，保护公园资源，为市民提供良好的游览环境，制定本办法。

第二条 本办法适用于本市行政区域内公园的规划、建设、保护和管理。

第三条 市园林行政主管部门负责全市公园的监督管理工作；区、县园林行政主管部门负责本辖区内公园的管理工作。

第四条 公园开放时间由公园管理机构确定，并在公园入口处公示。

第五条 游人应当遵守公园游览规定，爱护公园设施。

第六条 在公园内设置商业服务网点，应当经公园管理机构同意，并与其签订经营协议。

第七条 公园内禁止攀折花木、在非指定区域垂钓、乱扔废弃物。

第八条 违反本办法第七条规定的，由公园管理机构责令改正，可处五十元以上二百元以下罚款。

第九条 本办法自2015年6月1日起施行。
"""

PARK_2020 = f"""# {PARK}

2015年5月10日青山市人民政府令第8号公布 根据2020年7月1日青山市人民政府令第19号修正

第一条 为了加强公园管理，保护公园资源，为市民提供良好的游览环境，制定本办法。

第二条 本办法适用于本市行政区域内公园的规划、建设、保护和管理。

第三条 市园林行政主管部门负责全市公园的监督管理工作；区、县园林行政主管部门负责本辖区内公园的管理工作。

第四条 公园开放时间由公园管理机构确定，并在公园入口处公示。

第五条 游人应当遵守公园游览规定，爱护公园设施。

第六条 在公园内设置商业服务网点，应当经公园管理机构同意，并与其签订经营协议。

第七条 公园内禁止攀折花木、在非指定区域垂钓、乱扔废弃物。

第八条 违反本办法第七条规定的，由公园管理机构责令改正，可处一百元以上三百元以下罚款。

第九条 公园可以根据季节变化适当延长夜间开放时间。

第十条 本办法自2015年6月1日起施行。
"""

PARK_2024 = f"""# {PARK}

2015年5月10日青山市人民政府令第8号公布 根据2020年7月1日青山市人民政府令第19号修正 2024年2月1日青山市人民政府令第33号修订

第一条 为了加强公园管理，保护公园资源，为市民提供良好的游览环境，制定本办法。

第二条 本办法适用于本市行政区域内公园的规划、建设、保护和管理。

第三条 市园林行政主管部门负责全市公园的监督管理工作；区园林行政主管部门负责本辖区内公园的管理工作。

第四条 公园开放时间由公园管理机构确定，并在公园入口处和公园网站上公示。

第五条 公园管理机构应当建立游客安全预警制度，遇有大风、暴雨等恶劣天气时及时发布安全提示。

第六条 游人应当遵守公园游览规定，爱护公园设施。

第七条 公园内禁止攀折花木、在非指定区域垂钓、乱扔废弃物、违规操控无人机飞行。

第八条 违反本办法第七条规定的，由公园管理机构责令改正，可处二百元以上五百元以下罚款。

第九条 公园可以根据季节变化适当延长夜间开放时间。

第十条 鼓励市民参与公园志愿服务活动。

第十一条 本办法自2024年3月1日起施行。
"""

POOL_2016 = f"""# {POOL}

2016年4月2日青山市人民政府令第11号公布

第一条 为了规范游泳场所管理，保障游泳者安全，制定本办法。

第二条 游泳场所应当按照水面面积配备救生员，每二百五十平方米不少于一名。

第三条 游泳场所应当每日检测池水水质，并公示检测结果。

第四条 违反本办法第二条规定的，由体育行政部门责令改正，处一千元罚款。
"""

POOL_2023 = f"""# {POOL}

2016年4月2日青山市人民政府令第11号公布 根据2023年6月8日青山市人民政府令第30号修订

第一条 为了规范游泳场所管理，保障游泳者安全，制定本办法。

第二条 游泳场所应当按照水面面积配备救生员，每二百平方米不少于一名。

第三条 游泳场所应当每日检测池水水质，并公示检测结果。检测记录应当保存一年。

第四条 违反本办法第二条规定的，由体育行政部门责令改正，处三千元罚款。
"""

LIBRARY_2021 = f"""# {LIBRARY}

2021年9月1日青山市文化和旅游局印发

第一条 读者凭读者证借阅图书，每证一次最多借阅十册。

第二条 图书借阅期限为三十日，可以续借一次。

第三条 逾期归还图书的，暂停借阅权限七日。
"""


@pytest.fixture(scope="module")
def parks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A service over the invented versions (hashing embedder), dated by their notes and file names."""
    service = service_over(
        tmp_path_factory.mktemp("changes"),
        [
            (f"{PARK}(2015-05-10).md", PARK_2015),
            (f"{PARK}(2020-07-01).md", PARK_2020),
            (f"{PARK}(2024-02-01).md", PARK_2024),
            (f"{POOL}(2016-04-02).md", POOL_2016),
            (f"{POOL}(2023-06-08).md", POOL_2023),
            (f"{LIBRARY}.md", LIBRARY_2021),
        ],
    )
    yield service
    service.close()


# -- which questions ask for the list ------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "kinds", "years"),
    [
        ("修订后删去了哪些规定？", {"deleted"}, ()),
        ("新版增加了什么内容？", {"added"}, ()),
        ("和旧版比有哪些变化？", {"deleted", "added", "changed"}, ()),
        ("这次修改主要改了哪些地方？", {"deleted", "added", "changed"}, ()),
        ("新版本新增和删除了哪些条文？", {"deleted", "added"}, ()),
        ("与2015年版相比，现行版本有哪些不同？", {"deleted", "added", "changed"}, (2015,)),
        ("2015年版和2024年版有什么区别？", {"deleted", "added", "changed"}, (2015, 2024)),
        ("15年版和24年版有什么区别？", {"deleted", "added", "changed"}, (2015, 2024)),
        ("修订前后有哪些调整？", {"deleted", "added", "changed"}, ()),
    ],
)
def test_a_question_asking_what_changed_is_read_with_the_kinds_and_years_it_names(
    question: str, kinds: set[str], years: tuple[int, ...]
) -> None:
    ask = asks_for_changes(question)
    assert ask is not None and set(ask.kinds) == kinds and ask.years == years and ask.placed


@pytest.mark.parametrize(
    "question",
    [
        "罚款数额有什么变化？",  # one provision's change, answered from both texts side by side
        "新版对罚款的规定有什么调整？",
        "今年的招生计划和去年相比增加了哪些专业？",  # a topic, not versions
        "学校应当增加哪些体育设施？",
        "修订后还需要备案吗？",  # no word for a change
        "哪些事项需要由校务会议讨论决定？",
    ],
)
def test_a_question_about_one_provision_or_no_change_is_no_list(question: str) -> None:
    assert asks_for_changes(question) is None


def test_a_year_naming_the_amendment_compares_the_text_it_made_with_the_one_before() -> None:
    act = asks_for_changes("2020年修正时删除了哪些条款？")
    text = asks_for_changes("2020年修正的版本和现行版本有哪些不同？")
    assert act is not None and act.act_year
    assert text is not None and not text.act_year


# -- the answers -----------------------------------------------------------------------------------


def test_asked_what_was_deleted_the_deleted_articles_are_quoted_from_the_old_text(parks: GovdocService) -> None:
    answer = parks.ask("公园管理办法修订后删去了哪些规定？", who=LOCAL)
    assert not answer.refused and answer.verified and answer.superseded
    assert answer.text.startswith(f"《{PARK}》现行文本（2024年2月1日修订）与2020年7月1日修正的文本相比，删除1条。")
    assert "1. 原第六条：“在公园内设置商业服务网点" in answer.text
    assert "新增的条文" not in answer.text and "修改的条文" not in answer.text
    # Cited from the text the current one replaced, flagged as superseded.
    assert [(c.version, c.current) for c in answer.citations] == [("2020-07-01", False)]
    assert "商业服务网点" in answer.citations[0].quote and "[1]" in answer.text
    assert "不是现行规定" in answer.text


def test_asked_what_was_added_the_new_articles_are_quoted_from_the_current_text(parks: GovdocService) -> None:
    answer = parks.ask("新版公园管理办法增加了什么内容？", who=LOCAL)
    assert not answer.refused and "相比，新增2条。" in answer.text and "删除的条文" not in answer.text
    assert "1. 第五条：“公园管理机构应当建立游客安全预警制度" in answer.text
    assert "2. 第十条：“鼓励市民参与公园志愿服务活动。”[2]" in answer.text
    # Only the current text is quoted: nothing superseded is shown.
    assert [(c.version, c.current) for c in answer.citations] == [("2024-02-01", True)] * 2
    assert not answer.superseded


def test_asked_what_changed_every_kind_is_listed_with_old_and_new_numbers(parks: GovdocService) -> None:
    answer = parks.ask("公园管理办法和旧版比有哪些变化？", who=LOCAL)
    text = answer.text
    assert "删除1条，新增2条，修改5条" in text
    assert text.index("删除的条文：") < text.index("新增的条文：") < text.index("修改的条文：")
    # A changed article quotes the sentence that changed, old then new, each cited from its version.
    assert "原第三条：原为“……区、县园林行政主管部门负责本辖区内公园的管理工作。”" in text
    assert "现为“……区园林行政主管部门负责本辖区内公园的管理工作。”" in text
    assert "原第八条：原为“违反本办法第七条规定的，由公园管理机构责令改正，可处一百元以上三百元以下罚款。”" in text
    # Renumbered after the added articles: both numbers are given.
    assert "原第十条（现第十一条）：原为“本办法自2015年6月1日起施行。”" in text
    # Articles only renumbered (游人…, 夜间开放…) are not changes.
    assert "爱护公园设施" not in text and "夜间开放" not in text
    cited = [c.to_json() for c in answer.citations]
    assert {(c["version"], c["current"]) for c in cited} == {("2020-07-01", False), ("2024-02-01", True)}
    for c in answer.citations:
        assert c.quote in parks.index.document_text(c.doc_id)


def test_two_years_or_an_amendment_year_choose_the_texts_compared(parks: GovdocService) -> None:
    since = parks.ask("与2015年版相比，公园管理办法现行版本有哪些不同？", who=LOCAL)
    assert since.text.startswith(f"《{PARK}》现行文本（2024年2月1日修订）与2015年5月10日公布的文本相比")
    assert {c.version for c in since.citations} == {"2015-05-10", "2024-02-01"}
    amended = parks.ask("公园管理办法2020年修正时改了哪些内容？", who=LOCAL)
    assert amended.text.startswith(f"《{PARK}》2020年7月1日修正的文本与2015年5月10日公布的文本相比，新增1条，修改1条。")
    assert "五十元以上二百元以下" in amended.text and "一百元以上三百元以下" in amended.text
    assert "第九条：“公园可以根据季节变化适当延长夜间开放时间。”" in amended.text
    # Neither text is current: the answer says so, and no citation claims to be.
    assert "以上两个文本都已被现行文本（2024年2月1日修订）取代，不是现行规定。" in amended.text
    assert amended.superseded and not any(c.current for c in amended.citations)


def test_none_of_the_kind_asked_is_said_and_the_other_changes_are_listed(parks: GovdocService) -> None:
    answer = parks.ask("游泳场所管理办法修订时删除了哪些条文？", who=LOCAL)
    assert answer.text.startswith(f"《{POOL}》现行文本（2023年6月8日修订）与2016年4月2日公布的文本相比，没有删除的条文；其他差别有修改3条。")
    assert "二百五十平方米" in answer.text and "每二百平方米" in answer.text
    # A sentence only added to an article is quoted alone, as added.
    assert "2. 原第三条：增加了“……检测记录应当保存一年。”" in answer.text


def test_asked_without_naming_one_of_several_documents_the_user_is_asked_which(parks: GovdocService) -> None:
    answer = parks.ask("新版增加了什么内容？", who=LOCAL)
    assert answer.refused and not answer.citations
    assert f"《{PARK}》" in answer.text and f"《{POOL}》" in answer.text and LIBRARY not in answer.text
    # Within one document (the scope the user chose), there is nothing to ask.
    park_ids = [v.doc_id for v in parks.versions_for(LOCAL).values() if v.title == PARK]
    within = parks.ask("新版增加了什么内容？", who=LOCAL, doc_ids=park_ids)
    assert not within.refused and "安全预警" in within.text


def test_questions_that_are_no_list_are_answered_as_before(parks: GovdocService) -> None:
    # One provision's change: the provision, not the list.
    fine = parks.ask("公园里乱扔废弃物的罚款数额有什么变化？", who=LOCAL)
    assert "的条文：" not in fine.text and "相比，" not in fine.text
    # A document held in one version is not compared: its own text answers.
    single = parks.ask("图书馆借阅规定修订后增加了哪些内容？", who=LOCAL)
    assert "相比" not in single.text


def test_a_question_naming_a_year_is_answered_from_that_version(parks: GovdocService) -> None:
    answer = parks.ask("按2015年版的公园管理办法，在公园里乱扔废弃物罚多少钱？", who=LOCAL)
    assert not answer.refused and answer.superseded
    assert "五十元以上二百元以下" in answer.text and "二百元以上五百元以下" not in answer.text
    assert answer.citations and all(c.version == "2015-05-10" and not c.current for c in answer.citations)


def test_the_cli_shows_each_listed_quote_with_its_version(parks: GovdocService, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOVDOC_EMBEDDING__MODE", "hashing")
    index = str(parks.settings.store.index_dir)
    assert main(["ask", "公园管理办法和旧版比有哪些变化？", "--json", "--index", index]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["superseded"] is True and not out["refused"]
    assert {(c["version"], c["current"]) for c in out["citations"]} == {("2020-07-01", False), ("2024-02-01", True)}
    assert main(["ask", "公园管理办法和旧版比有哪些变化？", "--index", index]) == 0
    shown = capsys.readouterr().out
    assert "2020年7月1日修正·已被取代，非现行规定" in shown and "2024年2月1日修订·现行" in shown


def test_a_question_naming_no_document_asks_about_the_one_the_conversation_named(parks: GovdocService) -> None:
    first = parks.ask("游泳场所管理办法修订时删除了哪些条文？", who=LOCAL)
    history = [("user", "游泳场所管理办法修订时删除了哪些条文？"), ("assistant", first.text)]
    then = parks.ask("新增了哪些？", history, who=LOCAL)
    assert then.text.startswith(f"《{POOL}》现行文本（2023年6月8日修订）与2016年4月2日公布的文本相比")
    # Asked alone, the same words name no document and place themselves between no versions: no list.
    alone = parks.ask("新增了哪些？", who=LOCAL)
    assert "相比" not in alone.text
