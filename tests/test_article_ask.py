"""A question naming an article and asking what it says is answered with that article, whole
(`assistant.article_ask`).

Fixtures: tests/data/stall_and_pier (two invented rules numbered alike, one with five articles, one with
six) and two invented versions of a lending rule written here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from index_checks import service_over, service_over_text
from version_services import two_versions

from assistant.article_ask import ArticlePart, article_number, asked_articles, asked_part
from govdoc.accounts import LOCAL

FIXTURES = Path(__file__).parent / "data" / "stall_and_pier"
PIER_FOURTH = "第四条 经营者转让泊位的，应当事先报水务部门同意。"
STALL_FIFTH = "第五条 设置临时摊位的，应当向街道办事处提交书面申请。"


def test_article_numbers_read_in_characters_and_digits() -> None:
    assert [article_number(t) for t in ("七", "十", "十二", "二十", "一百零三", "一百一十", "两百", "45")] == [
        7, 10, 12, 20, 103, 110, 200, 45,
    ]
    assert article_number("一千零八十") == 1080 and article_number("一千二百六十") == 1260
    assert article_number("第") == 0


def test_only_a_question_asking_what_an_article_says_is_one() -> None:
    assert asked_articles("消防条例第九条讲的啥？") == ([9], "消防条例")
    assert asked_articles("帮我查一下《某县供水办法》第二十一条和第二十二条的原文") == ([21, 22], "某县供水办法")
    assert asked_articles("第三条呢？") == ([3], "")
    assert asked_articles("照这个办法第八条是怎么写的") == ([8], "")  # only the kind of document: no name
    assert asked_articles("本法第八条是怎么写的") == ([8], "")
    # A name of one character before its kind (宪法), and a code (法典), are names.
    assert asked_articles("宪法第八条是怎么写的") == ([8], "宪法")
    assert asked_articles("商法典第一千零八条说了什么") == ([1008], "商法典")
    # Something asked about the article, or a part of it, is answered as any other question.
    assert asked_articles("消防条例第九条规定的检查多久做一次？") is None
    assert asked_articles("第九条第二款说了什么？") is None
    assert asked_articles("供水管道漏水找谁修？") is None


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with service_over(FIXTURES, tmp_path_factory.mktemp("articles"), embedding={"mode": "hashing"}) as s:
        yield s


def test_the_named_documents_article_is_quoted_whole_and_cited(service: Any) -> None:
    answer = service.ask("游船码头管理规定第四条是怎么规定的？", who=LOCAL)
    assert not answer.refused and answer.verified
    assert answer.text == PIER_FOURTH + "[1]"
    [citation] = answer.citations
    assert citation.doc_title == "某市游船码头管理规定" and citation.quote == PIER_FOURTH


def test_a_number_several_documents_have_asks_which_one(service: Any) -> None:
    answer = service.ask("第四条说了什么？", who=LOCAL)
    assert answer.refused and not answer.citations
    assert "《某市夜市摊位管理规定》" in answer.text and "《某市游船码头管理规定》" in answer.text
    # A number only one of them has is that one's.
    sixth = service.ask("第六条说了什么？", who=LOCAL)
    assert not sixth.refused and sixth.text.startswith("第六条 设置临时泊位的")


def test_an_article_or_a_document_not_held_is_said_so(service: Any) -> None:
    missing = service.ask("夜市摊位管理规定第九条怎么写的？", who=LOCAL)
    assert missing.refused and missing.text == "《某市夜市摊位管理规定》共5条，没有第九条。"
    beyond = service.ask("夜市摊位管理规定第一千零二十条说了什么？", who=LOCAL)
    assert beyond.refused and beyond.text == "《某市夜市摊位管理规定》共5条，没有第一千零二十条。"
    absent = service.ask("停车场管理规定第二条说了什么？", who=LOCAL)
    assert absent.refused and "没有找到《停车场管理规定》" in absent.text


def test_a_follow_up_naming_only_an_article_reads_the_document_asked_before(service: Any) -> None:
    history = [("user", "夜市摊位管理规定第三条说了什么？"), ("assistant", "第三条 摊位每季度缴纳一次卫生保洁费。[1]")]
    answer = service.ask("第五条呢？", history, who=LOCAL)
    assert answer.text == STALL_FIFTH + "[1]"
    assert [c.doc_title for c in answer.citations] == ["某市夜市摊位管理规定"]
    sixth = service.ask("那第六条怎么说？", history, who=LOCAL)
    assert sixth.refused and sixth.text == "《某市夜市摊位管理规定》共5条，没有第六条。"


OLD_LENDING = (
    "# 某县图书馆借阅办法\n\n2016年3月1日印发\n\n"
    "第一条 为方便读者借阅图书，制定本办法。\n\n第二条 读者凭借阅证借书。\n\n"
    "第三条 每次借书不超过三册，借期二十天。\n\n第四条 图书逾期未还的，暂停借阅一个月。\n"
)
NEW_LENDING = (
    "# 某县图书馆借阅办法\n\n2023年9月1日修订\n\n"
    "第一条 为方便读者借阅图书，制定本办法。\n\n第二条 读者凭借阅证或者身份证借书。\n\n"
    "第三条 每次借书不超过五册，借期一个月，可续借一次。\n\n第四条 图书逾期未还的，暂停借阅一个月。\n"
)


@pytest.fixture(scope="module")
def lending(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    service = two_versions(
        tmp_path_factory.mktemp("lending"),
        {"某县图书馆借阅办法(2016-03-01).md": OLD_LENDING, "某县图书馆借阅办法(2023-09-01).md": NEW_LENDING},
    )
    yield service
    service.close()


def test_the_current_versions_article_answers_and_a_named_year_the_old_one_flagged(lending: Any) -> None:
    now = lending.ask("图书馆借阅办法第三条是怎么规定的？", who=LOCAL)
    assert now.text == "第三条 每次借书不超过五册，借期一个月，可续借一次。[1]"
    assert now.citations[0].current and not now.superseded
    old = lending.ask("2016年版图书馆借阅办法第三条是怎么规定的？", who=LOCAL)
    assert old.text.startswith("第三条 每次借书不超过三册，借期二十天。[1]")
    assert old.superseded and not old.citations[0].current
    assert "不是现行规定" in old.text


def test_the_reply_naming_a_document_answers_the_article_asked_before(service: Any) -> None:
    asked = service.ask("第四条说了什么？", who=LOCAL)
    history = [("user", "第四条说了什么？"), ("assistant", asked.text)]
    for reply in ("游船码头管理规定的", "《某市游船码头管理规定》"):
        answer = service.ask(reply, history, who=LOCAL)
        assert answer.text == PIER_FOURTH + "[1]", reply
    # A reply asking something else of the document is answered as any other question.
    other = service.ask("游船码头管理规定里泊位使用费多久交一次？", history, who=LOCAL)
    assert not other.text.startswith("第四条")


def test_two_articles_asked_together_come_in_the_order_asked(service: Any) -> None:
    answer = service.ask("夜市摊位管理规定第五条和第二条分别怎么写的？", who=LOCAL)
    assert answer.text.startswith("第五条 设置临时摊位的") and "\n第二条 摊主申请夜市摊位" in answer.text
    assert len(answer.citations) == 2


def test_a_part_of_an_article_or_how_many_parts_it_has_is_read_from_the_question() -> None:
    assert asked_part("灯会办法第五条第三项是什么？") == ArticlePart(5, "灯会办法", "项", 3)
    assert asked_part("第十一条的第二款讲的啥") == ArticlePart(11, "", "款", 2)
    assert asked_part("灯会办法第五条规定游客有几项义务？") == ArticlePart(5, "灯会办法", "项", 0, "义务", "游客")
    assert asked_part("第五条规定游客要遵守几项？") == ArticlePart(5, "", "项", 0, "", "游客要遵守")
    assert asked_part("第五条一共分几款") == ArticlePart(5, "", "款", 0)
    # Something else asked of the part, or several articles: not one of these.
    assert asked_part("第五条第三项的罚款是多少？") is None
    assert asked_part("第五条和第六条各有几项？") is None
    assert asked_part("灯会几点开始？") is None


LANTERN = """# 某县元宵灯会管理办法

<!-- Invented for tests/test_article_ask.py; not a real document. -->

第一条 为办好元宵灯会，保障游客安全，制定本办法。

第二条 本办法适用于县城区举办的元宵灯会。

第三条 县文化部门负责灯会的组织协调。

第四条 灯会期间，主办单位应当设置医疗点。

第五条 游客应当遵守下列规定：
（一）服从现场工作人员的疏导；
（二）不得携带烟花爆竹入场；
（三）爱护灯组和公共设施。
游客违反前款规定的，由现场工作人员予以劝阻。
"""


@pytest.fixture(scope="module")
def lantern(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with service_over_text("lantern.md", LANTERN, tmp_path_factory.mktemp("lantern")) as s:
        yield s


def test_an_item_is_quoted_with_the_line_that_opens_its_list(lantern: Any) -> None:
    answer = lantern.ask("灯会管理办法第五条第二项是什么？", who=LOCAL)
    assert not answer.refused
    assert answer.text.splitlines() == ["第五条 游客应当遵守下列规定：[1]", "（二）不得携带烟花爆竹入场；[2]"]
    assert [c.quote for c in answer.citations] == ["第五条 游客应当遵守下列规定：", "（二）不得携带烟花爆竹入场；"]


def test_a_paragraph_is_quoted_and_one_the_article_lacks_is_said_so(lantern: Any) -> None:
    answer = lantern.ask("灯会管理办法第五条第二款说了什么", who=LOCAL)
    assert answer.text == "游客违反前款规定的，由现场工作人员予以劝阻。[1]"
    missing = lantern.ask("灯会管理办法第五条第五项是什么？", who=LOCAL)
    assert missing.refused and missing.text == "《某县元宵灯会管理办法》第五条共三项，没有第五项。"
    single = lantern.ask("灯会管理办法第四条第二款是什么？", who=LOCAL)
    assert single.refused and single.text == "《某县元宵灯会管理办法》第四条只有一款，没有第二款。"


def test_how_many_items_is_answered_with_the_count_and_the_list_when_the_list_counts_that(lantern: Any) -> None:
    answer = lantern.ask("灯会管理办法第五条规定游客要遵守几项？", who=LOCAL)
    assert answer.text.splitlines()[0] == "《某县元宵灯会管理办法》第五条列了三项："
    counted = lantern.ask("灯会管理办法第五条对游客有几项规定？", who=LOCAL)
    assert counted.text.splitlines()[0] == "《某县元宵灯会管理办法》第五条列了三项规定："
    assert counted.text.count("[") == 4  # the opening line and three items, each cited
    # The list names no 权利: the count of another thing is not said from it.
    other = lantern.ask("灯会管理办法第五条规定游客有几项权利？", who=LOCAL)
    assert "列了三项" not in other.text
