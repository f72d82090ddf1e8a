"""What a pointing phrase or a pronoun of a follow-up refers to (`assistant.reference`), and how the
follow-up rewrite uses it (`assistant.followup.resolve_follow_up`). Invented questions and answers."""

from assistant.followup import resolve_follow_up
from assistant.reference import answered_who, pointed_thing

_Q = "小区里的健身器材坏了由谁维修？"
_A = "健身器材的日常维护由小区业主健身设施管理小组负责，每月巡查一次。[1]"


def test_a_thing_pointed_at_is_named_in_full_from_the_previous_answer():
    pointed = pointed_thing("这个管理小组是怎么组成的？", _Q, _A)
    assert pointed is not None
    assert pointed.name == "小区业主健身设施管理小组"
    assert pointed.question == "小区业主健身设施管理小组是怎么组成的？"


def test_said_or_mentioned_phrases_point_as_demonstratives_do():
    for turn in ("上面提到的管理小组归谁管？", "你刚才说的管理小组归谁管？", "那这个管理小组归谁管？"):
        pointed = pointed_thing(turn, _Q, _A)
        assert pointed is not None and pointed.question == "小区业主健身设施管理小组归谁管？", turn


def test_a_word_of_the_previous_question_that_ends_with_the_noun_names_it():
    pointed = pointed_thing("那这个保险谁来交钱？", "村里要不要给护林员买高空作业保险？")
    assert pointed is not None and pointed.question == "高空作业保险谁来交钱？"


def test_an_act_after_a_person_is_no_part_of_a_name():
    answer = "申请人提交家庭收入核定表后，街道应当在十日内审核。[1]"
    pointed = pointed_thing("这个核定表去哪里领？", "申请廉租房要交什么？", answer)
    assert pointed is not None and pointed.name == "家庭收入核定表"


def test_no_name_when_the_noun_is_said_nowhere_before_or_only_by_the_same_name():
    assert pointed_thing("这个登记簿放在哪里？", _Q, _A) is None  # 登记簿: said in neither
    # 比例 is said alone in the previous question: the elliptical rewrite keeps what it is about.
    assert pointed_thing("那这个比例是多少？", "招聘辅警是不是要按比例招退役军人？", "") is None
    assert pointed_thing("这个检查要多久？", _Q, _A) is None  # a lone act names no thing


def test_the_previous_question_is_looked_in_before_the_answer():
    question = "农村书屋的图书由谁采购？"
    answer = "乡村农家书屋的图书由县图书馆统一采购。[1]"
    pointed = pointed_thing("这个书屋平时谁管？", question, answer)
    assert pointed is not None and pointed.name == "农村书屋"


def test_the_rewrite_with_a_name_from_the_answer_stands_alone_and_requires_it():
    resolved = resolve_follow_up("上面提到的管理小组归谁管？", [("user", _Q), ("assistant", _A)])
    assert resolved.question == "小区业主健身设施管理小组归谁管？"
    assert "小区业主健身设施管理小组" in resolved.new_terms
    assert not resolved.unclear


def test_without_the_answer_the_turn_is_read_as_before():
    with_answer = resolve_follow_up("这个管理小组归谁管？", [("user", _Q), ("assistant", _A)]).question
    without = resolve_follow_up("这个管理小组归谁管？", [("user", _Q), ("assistant", "")]).question
    assert "小区业主健身设施管理小组" in with_answer
    assert "小区业主健身设施管理小组" not in without


def test_a_plural_pronoun_after_a_question_of_who_is_the_one_the_answer_names():
    question = "宅基地申请被退回了，可以找谁？"
    answer = "申请人对审核结果有异议的，可以向乡镇人民政府农业农村办公室申请复核。[1]"
    who = answered_who("宅基地申请被退回了，他们几天内办结？", question, answer)
    assert who is not None
    # The one the act is directed to (向…), not who acts (申请人).
    assert who.name == "乡镇人民政府农业农村办公室"
    assert who.question == "宅基地申请被退回了，乡镇人民政府农业农村办公室几天内办结？"
    resolved = resolve_follow_up("他们几天内办结？", [("user", question), ("assistant", answer)])
    assert "乡镇人民政府农业农村办公室几天内办结" in resolved.question
    assert "乡镇人民政府农业农村办公室" in resolved.new_terms


def test_the_one_directed_to_heads_its_phrase():
    question = "村民对村委会的处理不服，可以找谁？"
    answer = "村民对处理决定有异议的，可以向设立该调解小组的乡镇人民政府申请复查。[1]"
    who = answered_who("他们几天内办结？", question, answer)
    assert who is not None and who.name == "乡镇人民政府"


def test_the_act_asked_whom_to_do_told_again_without_its_object_is_done_to_the_one_the_answer_names():
    question = "宅基地申请被退回了，可以找谁？"
    answer = "申请人对审核结果有异议的，可以向乡镇人民政府农业农村办公室申请复核。[1]"
    who = answered_who("找过之后几天内办结？", question, answer)
    assert who is not None
    assert who.question == "找乡镇人民政府农业农村办公室之后几天内办结？"
    resolved = resolve_follow_up("找过之后几天内办结？", [("user", question), ("assistant", answer)])
    assert "找乡镇人民政府农业农村办公室之后" in resolved.question
    assert "乡镇人民政府农业农村办公室" in resolved.new_terms
    # An act told with its object (找过村委会之后) or one the question did not ask about is left as it is.
    assert answered_who("找过村委会之后几天内办结？", question, answer) is None
    assert answered_who("申请过之后几天内办结？", question, answer) is None


def test_a_pronoun_is_left_when_the_previous_question_did_not_ask_who():
    question = "宅基地申请被退回了，还能再申请吗？"
    answer = "申请人补正材料后，可以向乡镇人民政府重新申请。[1]"
    assert answered_who("他们几天内办结？", question, answer) is None
    # 他 stands more often for a person of the case than for the body that was named.
    assert answered_who("他几天内办结？", "宅基地申请被退回了，可以找谁？", answer) is None


def test_the_that_of_a_demonstrative_stays_with_it():
    # 那些 and 那个 are one word each: the 那 that goes on from the previous turn is not cut off them.
    history = [("user", "申请助学金要交什么？"), ("assistant", "")]
    for turn, kept in (("那些材料要复印吗？", "那些材料"), ("那个认定表要盖章吗？", "那个认定表")):
        question = resolve_follow_up(turn, history).question
        assert kept in question, question
