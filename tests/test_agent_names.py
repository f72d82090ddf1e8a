"""A party named in everyday words is found by the name the documents' rules use for it (assistant.agent_names)."""

from __future__ import annotations

from assistant.agent_names import documents_party, everyday_parties, name_parties

RULES = [
    "第四十七条 网络游戏服务提供者应当建立、完善预防儿童沉迷网络的游戏规则。",
    "第四十三条 网络游戏、网络直播、网络社交等网络服务提供者应当设置儿童模式。",
    "（二）物业服务企业应当按照合同约定提供服务；",
]


def test_everyday_names_of_parties() -> None:
    assert everyday_parties("对游戏公司有啥要求") == ["游戏公司"]
    assert everyday_parties("外卖平台的责任") == ["外卖平台"]
    assert everyday_parties("物业公司") == ["物业公司"]
    assert everyday_parties("对家长有啥要求") == []  # a person, not a business or body


def test_the_documents_name_for_a_party_is_the_one_their_rules_bind() -> None:
    assert documents_party("游戏公司", RULES) == "网络游戏服务提供者"  # not 网络游戏 (no word for a party)
    assert documents_party("物业公司", RULES) == "物业服务企业"
    assert documents_party("快递公司", RULES) == ""  # no rule binds such a party
    assert documents_party("家长", RULES) == ""
    # A word the documents use is theirs already.
    assert name_parties("对游戏公司的要求", RULES, lambda w: w == "游戏公司") == {}
    assert name_parties("对游戏公司的要求", RULES, lambda w: False) == {"游戏公司": "网络游戏服务提供者"}
