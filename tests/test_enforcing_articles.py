"""A law states a rule in one article and its penalty in another that names the rule only by its number
(违反本办法第五条规定的，…处…罚款). Asked what a breach costs, the answer finds the penalty from the rule found.

The fixture (tests/data/account_rules.md) is a made-up city regulation, one chapter per passage."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import answer_from_section, one_file_service

FIXTURE = Path(__file__).parent / "data" / "account_rules.md"


@pytest.fixture(scope="module")
def accounts_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with one_file_service(FIXTURE, tmp_path_factory.mktemp("accounts")) as service:
        yield service


def test_a_penalty_asked_is_found_in_the_article_that_enforces_the_rule_found(accounts_service) -> None:  # type: ignore[no-untyped-def]
    answer = answer_from_section(accounts_service, "出借银行账户给别人，会被罚多少钱？", "第二章 账户使用")
    assert not answer.refused, answer.notes
    assert "一倍以上五倍以下罚款" in answer.text
    # The other penalty article enforces another rule: it is no answer.
    assert "责令限期改正" not in answer.text


def test_no_penalty_article_is_brought_when_the_question_asks_no_penalty(accounts_service) -> None:  # type: ignore[no-untyped-def]
    answer = answer_from_section(accounts_service, "银行账户能不能出借给别人？", "第二章 账户使用")
    assert "罚款" not in answer.text


def test_the_effect_clause_is_read_with_its_documents_title(accounts_service) -> None:  # type: ignore[no-untyped-def]
    # 本办法自…起施行 names its document only as 本办法: the title says which one the question names.
    answer = answer_from_section(accounts_service, "支付账户的那部办法是哪天开始实行的？", "第四章 附则")
    assert not answer.refused, answer.notes
    assert "2025年3月1日" in answer.text
