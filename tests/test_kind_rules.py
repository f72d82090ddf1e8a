"""A regulation states its rules on what it is about (本办法所称游乐器械，是指…蹦床…), and a user names the kind they
have (学校新装了一台蹦床): the answer quotes the rule on the term, read as the rule on the kind, not an article that
merely names the kind. A time limit written over two clauses (投入使用后二十日内，向…办理使用登记) is the limit of
the act in the second.

The fixture (tests/data/ride_rules.md) is a made-up city regulation, one chapter per passage."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import answer_from_section, one_file_service

from assistant.answer import _listed_items
from assistant.evidence import focus_of
from assistant.judge import act_focus, figure_by_act

FIXTURE = Path(__file__).parent / "data" / "ride_rules.md"


@pytest.fixture(scope="module")
def ride_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with one_file_service(FIXTURE, tmp_path_factory.mktemp("rides")) as service:
        yield service


def test_a_kind_the_regulation_lists_is_answered_by_its_rule_on_the_term(ride_service) -> None:  # type: ignore[no-untyped-def]
    # Retrieval found only the penalties, which name 蹦床; the registration rule names only 游乐器械.
    answer = answer_from_section(ride_service, "蹦床最晚在使用之后几天内要去登记？", "第三章 法律责任")
    assert not answer.refused, answer.notes
    assert "投入使用后二十日内" in answer.text
    assert "调试" not in answer.text  # the article that only names 蹦床 answers nothing asked


def test_a_thing_the_definition_does_not_list_is_not_read_as_the_term(ride_service) -> None:  # type: ignore[no-untyped-def]
    answer = answer_from_section(ride_service, "跑步机最晚在使用之后几天内要去登记？", "第三章 法律责任")
    assert "二十日内" not in answer.text


def test_the_items_of_a_definition_s_list_of_kinds() -> None:
    covers = "对人身和财产安全有较大危险性的锅炉、压力容器（含气瓶）、电梯，以及法律规定适用本法的其他特种设备"
    assert {"锅炉", "压力容器", "电梯"} <= _listed_items(covers, "特种设备")
    assert {"免疫规划疫苗", "非免疫规划疫苗"} <= _listed_items("用于人体免疫预防的生物制品，包括免疫规划疫苗和非免疫规划疫苗", "疫苗")
    # A list inside what the term is said to be names who does it, not kinds of it.
    assert _listed_items("志愿者、志愿服务组织和其他组织自愿、无偿向社会或者他人提供的公益服务", "志愿服务") == set()


def test_a_time_limit_written_before_a_comma_bounds_the_act_after_it() -> None:
    question = "最晚开始用之后几天内要去登记？"
    focus = focus_of(question, lambda t: 2.0)
    assert "最晚" not in dict(focus.terms)  # an adverb of limit bounds the figure; it is not the topic
    assert focus.quantity is not None
    act = act_focus(question, focus)
    text = "第四条 使用单位应当在投入使用前或者投入使用后二十日内，向市市场监管部门办理使用登记。"
    assert figure_by_act(act, focus.quantity, text, 0.4, 0.25)
    # The limit of another act, in a clause that closes on its own act, is not this one's.
    other = "第五条 使用单位应当在投入使用后二十日内完成调试，向市市场监管部门报告。"
    assert not figure_by_act(act, focus.quantity, other, 0.4, 0.25)


RULES = """# 某市校园网络安全管理办法

第一章 一般规定

第一条 为了保障校园网络安全，制定本办法。

第二条 学校应当每学期对校园网络进行一次安全检查，并记录检查情况。

第三条 学校应当指定专人管理校园网络账号。

第二章 责任

第九条 学校不履行本办法第二条规定的安全检查义务的，由教育行政部门责令改正，给予警告；对直接负责的主管人员依法给予处分。
"""


def test_asked_what_follows_a_breach_the_article_that_enforces_the_rule_found_is_read(tmp_path: Path) -> None:
    rules = tmp_path / "校园网络安全管理办法.md"
    rules.write_text(RULES, encoding="utf-8")
    (tmp_path / "work").mkdir()
    with one_file_service(rules, tmp_path / "work") as service:
        # Retrieval found only the rule; its penalty names it only by its number.
        answer = answer_from_section(service, "学校不做安全检查会受到什么处分？", "第一章 一般规定")
    assert "责令改正，给予警告" in answer.text, answer.text
