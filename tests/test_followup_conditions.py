"""Follow-up rewrite: a turn that tells a condition or a circumstance is added to the previous question, and
the act a modal verb opens is never replaced by a thing. Sentences are invented."""

from followup_checks import after, prefers


def test_a_circumstance_is_added_as_a_condition_not_put_in_place_of_the_act() -> None:
    # 住校 (tagged a noun) is what 可以 opens: even a similarity that favours it does not make it the swapped phrase.
    rewritten = after("学生几年级可以住校？", "那交通不便的地方呢？", prefers("住校"))
    assert rewritten == "交通不便的地方，学生几年级可以住校？"
    rewritten = after("物业停水要提前几天通知业主？", "那突发爆管的情况呢？", prefers("业主"))
    assert rewritten == "突发爆管的情况，物业停水要提前几天通知业主？"


def test_the_act_a_modal_verb_opens_is_not_replaced_by_a_thing() -> None:
    # 那实习生呢？ swaps who, not 住校 after 能.
    assert after("学生周末能住校吗？", "那实习生呢？", prefers("住校")) == "实习生周末能住校吗？"


def test_a_modal_verb_before_a_thing_and_its_act_leaves_the_thing_swappable() -> None:
    # 消防 of 要消防验收 qualifies the act after it: it is no act of the modal verb, so a like thing replaces it.
    rewritten = after("新建仓库要消防验收吗？", "那环保呢？", prefers("消防"))
    assert rewritten == "新建仓库要环保验收吗？"


def test_a_state_told_with_yaoshi_is_added_to_the_question() -> None:
    # 家里条件不好: a place, a thing, and how it stands (不好, which jieba tags as an adverb).
    assert after("孩子几岁要上学？", "要是家里条件不好呢？") == "家里条件不好，孩子几岁要上学？"


def test_what_befalls_a_thing_is_added_to_the_act_of_the_one_who_asks() -> None:
    # 户口本丢了 is a circumstance of 补办社保卡, not another act in its place.
    rewritten = after("市民补办社保卡要带哪些材料？", "要是户口本丢了呢？")
    assert rewritten == "市民补办社保卡，户口本丢了，要带哪些材料？"
    # Someone who acts still replaces the situation whole.
    assert after("学生在校内受伤了，学校要赔吗？", "要是老师体罚了学生呢？") == "老师体罚了学生，学校要赔吗？"


def test_a_place_where_the_question_names_none_is_where_it_is_asked() -> None:
    # 学费 is money: 农村 does not take its place; it says where the question is asked.
    assert after("学费多少钱？", "那农村呢？") == "在农村，学费多少钱？"
    # A place the question names (镇上, which jieba tags as a verb) is what a new place replaces.
    assert after("镇上的卫生院要配几名医生？", "那城里呢？") == "城里的卫生院要配几名医生？"
