"""Follow-ups that deny the act asked of (那要是不做呢？) or name the thing with its own qualifier (那药品广告呢？ after
保健食品的广告…): the first asks what follows when the act is not done, the second takes the old thing's place
whole, qualifier and all."""

from __future__ import annotations

from assistant.followup import resolve_follow_up


def _resolved(first: str, then: str) -> str:
    return resolve_follow_up(then, [("user", first), ("assistant", "……")]).question


def test_an_act_denied_asks_what_follows_when_it_is_not_done() -> None:
    first = "像电力、金融这类关键信息基础设施，运营单位多久要做一次安全检测评估？"
    resolved = _resolved(first, "那要是不做呢？")
    assert resolved.startswith("像电力、金融这类关键信息基础设施") and "如果不做" in resolved
    assert "像不做" not in resolved
    assert "如果没登记" in _resolved("学校新装的电梯要去哪里登记？", "没登记呢？")


def test_after_asking_whether_a_thing_may_be_done_a_denial_is_not_read_as_a_breach() -> None:
    assert "会怎么样" not in _resolved("学校能收补课费吗？", "那不收呢？")


def test_a_new_thing_with_its_own_qualifier_replaces_the_old_one_s_qualifier_too() -> None:
    assert _resolved("保健食品的广告能不能请明星来代言推荐？", "那药品广告呢？") == "药品广告能不能请明星来代言推荐？"
