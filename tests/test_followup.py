"""Follow-up rewrite: which phrase of the previous question a follow-up replaces, one test per rule."""

from collections.abc import Sequence

import pytest
from followup_checks import after, prefers

from assistant.followup import (
    ASK_WHOLE,
    ask_whole,
    is_follow_up,
    needs_previous,
    resolve_follow_up,
    standalone_question,
)
from evals.followup_rewrite import judge, kept_alone, slot


def test_the_new_thing_replaces_the_phrase_most_like_it_not_the_subject() -> None:
    # Without a similarity both nouns are alike in kind and the subject is taken; with it, the asked
    # thing is swapped and the predicate kept.
    assert after("学生享有哪些权利？", "那义务呢？") == "义务享有哪些权利？"
    assert after("学生享有哪些权利？", "那义务呢？", prefers("权利")) == "学生享有哪些义务？"


def test_a_phrase_with_the_same_head_character_is_replaced() -> None:
    # …费 for …费: the head says what kind of thing it is.
    assert after("公办学校的学费由谁来定？", "那住宿费呢？") == "公办学校的住宿费由谁来定？"


def test_a_thing_of_the_same_kind_takes_the_place_of_the_old_ones_qualifier_too() -> None:
    # 社区戒毒 is a kind of 戒毒 as 强制隔离戒毒 is: its qualifier replaces 强制隔离, not joins it.
    assert after("强制隔离戒毒最长多久？", "那社区戒毒呢？") == "社区戒毒最长多久？"
    assert after("集中供暖费由谁出？", "那分户供暖费呢？") == "分户供暖费由谁出？"
    # Who does the act before it is no qualifier.
    assert after("学生参加戒毒要多久？", "那社区戒毒呢？") == "学生参加社区戒毒要多久？"


def test_a_word_differing_by_one_character_is_replaced() -> None:
    assert after("公办幼儿园的保教费怎么收？", "那民办的呢？") == "民办幼儿园的保教费怎么收？"


def test_things_listed_together_are_replaced_together_by_a_new_one_of_their_kind() -> None:
    assert after("教师和校长要参加哪些培训？", "那保育员呢？") == "保育员要参加哪些培训？"
    # 初中 is tagged as a place word by jieba; it is still one of the listed stages.
    assert after("小学和初中的作业量有什么规定？", "那高中呢？") == "高中的作业量有什么规定？"


def test_a_thing_said_alone_replaces_what_belongs_to_a_noun_not_its_owner() -> None:
    # 工资 is a verbal noun to jieba; it is still a thing of the same kind as 奖金, and it stands after
    # 教职工的, where a thing that belongs to someone stands.
    assert after("教职工的工资由谁来发？", "那奖金呢？") == "教职工的奖金由谁来发？"


def test_a_thing_said_as_a_de_phrase_replaces_the_owner() -> None:
    assert after("街道的调解委员会由谁指导？", "那村里的呢？") == "村里的调解委员会由谁指导？"


def test_a_follow_up_of_a_follow_up_is_read_against_what_that_one_meant() -> None:
    history = [("user", "民办初中能跨区招生吗？"), ("assistant", "……"), ("user", "那民办高中呢？"), ("assistant", "……")]
    assert standalone_question("那公办的呢？", history) == "公办高中能跨区招生吗？"
    # A turn that stands alone starts the chain afresh.
    history += [("user", "幼儿园每学年做几次健康检查？"), ("assistant", "……")]
    assert standalone_question("那小学呢？", history) == "小学每学年做几次健康检查？"


def test_a_new_act_replaces_the_act_of_the_previous_situation() -> None:
    # From the same verb or preposition: the subject and what it did before stay.
    assert after("学生去工厂实习要签协议吗？", "要是去企业实习呢？") == "学生去企业实习要签协议吗？"
    assert after("学生在校内受伤，学校要担责吗？", "要是在校外受伤呢？") == "学生在校外受伤，学校要担责吗？"
    assert after("老师带学生去春游要买保险吗？", "要是去博物馆参观呢？") == "老师带学生去博物馆参观要买保险吗？"
    # Else from the first act after the subject.
    assert after("残疾人坐公交车要不要买票？", "那邮寄包裹呢？") == "残疾人邮寄包裹要不要买票？"
    # Words that open with no act add to the situation rather than replace it.
    assert after("学生在校内受伤，学校要担责吗？", "要是一直不治呢？") == "学生在校内受伤，一直不治，学校要担责吗？"


def test_a_question_of_its_own_is_not_rewritten_though_it_opens_like_a_follow_up() -> None:
    first = "合作社每年按多大比例提取公积金？"
    for question in ("另外，教师资格证多久要定期注册一次？", "要是家长不送孩子上学，会受到什么处罚？", "还有，幼儿园的保教费由谁来定？"):
        assert after(first, question) == question
    # One that names a thing of the previous question, points back, or ends in 呢 leans on it.
    assert after(first, "那公益金呢？") == "合作社每年按多大比例提取公益金？"
    assert after(first, "另外，这笔基金由谁来管理？") != "另外，这笔基金由谁来管理？"


def test_a_pronoun_whose_noun_the_turn_names_first_does_not_lean_on_the_previous_question() -> None:
    first = "学校一年至少要组织几次消防演练？"
    for question in ("我们班有个学生家里困难，学校能免他的午餐费吗？", "几个老师想合办兴趣班，他们要先找谁审批？"):
        assert after(first, question) == question
    # With nothing before it to stand for, the pronoun points back; a body named first is no 他.
    assert after(first, "他们最迟几天要报告？") != "他们最迟几天要报告？"
    assert is_follow_up("学校能处分他吗？")
    # 那边 after a noun is that party's side in a case told before: in this turn, or else the previous one.
    assert after(first, "家长报了警，学校那边要担什么责任？") == "家长报了警，学校那边要担什么责任？"
    assert is_follow_up("学校那边的负责人会受什么处理？")


def test_the_rewrite_measure_counts_questions_of_their_own_left_alone() -> None:
    items = [
        {"question": "教师资格证多久要注册一次？", "doc_title": "甲"},
        {"question": "那幼儿园呢？", "doc_title": "甲"},
        {"question": "合作社按多大比例提取公积金？", "doc_title": "乙"},
    ]
    kept = kept_alone(items, lambda q, before: standalone_question(q, [("user", before), ("assistant", "")]))
    assert kept == {"kept_other": round(2 / 3, 3), "kept_same": 0.0}


def test_a_noun_after_de_that_opens_like_a_modal_verb_is_the_phrases_head() -> None:
    # 应急 opens with 应 (should), but after 的 it heads the noun phrase: nothing is left out.
    assert after("学校一年至少要组织几次消防演练？", "每个乡镇的应急物资仓库要建多大？") == "每个乡镇的应急物资仓库要建多大？"
    assert after("办理居住证要多久？", "材料不全的能拖多久？") != "材料不全的能拖多久？"


def test_an_idiom_states_a_situation_rather_than_naming_a_thing() -> None:
    assert after("合作社每年按多大比例提取公积金？", "要是资不抵债呢？") == "资不抵债，合作社每年按多大比例提取公积金？"


def test_a_numbered_thing_replaces_the_number_with_the_thing() -> None:
    assert after("第三中学党支部有几名委员？", "那第一中学呢？") == "第一中学党支部有几名委员？"


def test_an_act_the_two_turns_share_stays_where_it_is() -> None:
    assert after("老师打了学生，要怎么处理？", "那要是家长打的呢？") == "家长打了学生，要怎么处理？"


def test_a_new_ask_keeps_the_subject_whole() -> None:
    # The previous question's asking word (哪个) is not cut out of the middle of it.
    assert after("校车的安全检查由哪个部门负责？", "多久检查一次？") == "校车的安全检查，多久检查一次？"


def test_the_similarity_is_asked_about_the_previous_questions_phrases() -> None:
    seen: list[tuple[str, list[str]]] = []

    def similarity(new: str, texts: Sequence[str]) -> list[float]:
        seen.append((new, list(texts)))
        return [0.0] * len(texts)

    after("学生享有哪些权利？", "那义务呢？", similarity)
    assert seen and seen[0][0] == "义务"
    assert {"学生", "权利"} <= set(seen[0][1])


@pytest.mark.parametrize(
    ("question", "kind"),
    [("最迟几天要报？", "time"), ("罚多少钱？", "amount"), ("归哪个部门管？", "body"), ("要交哪些材料？", "what"), ("能不能退？", "yesno")],
)
def test_the_rewrite_measure_reads_the_kind_of_thing_asked(question: str, kind: str) -> None:
    assert slot(question) == kind


def test_the_rewrite_measure_rejects_a_swap_of_the_wrong_phrase() -> None:
    first, follow, meant = "学生享有哪些权利？", "那义务呢？", "学生要履行哪些义务？"
    assert judge(first, follow, meant, "学生享有哪些义务？") == {"object": True, "slot": True}
    assert not judge(first, follow, meant, first)["object"]


def test_a_new_body_replaces_the_body_not_the_matter_it_decides() -> None:
    # 校长办公会 and 党支部 end as bodies do; 事项 is what they decide. The modal and the preposition
    # before the body stay where they were.
    assert after("哪些事项需要由党支部研究决定？", "那校长办公会呢？") == "哪些事项需要由校长办公会研究决定？"
    # Even when the embedder finds the new body closer to the matter.
    assert (
        after("哪些事项需要由党支部研究决定？", "那校长办公会呢？", prefers("事项"))
        == "哪些事项需要由校长办公会研究决定？"
    )


def test_a_new_person_replaces_the_person_and_the_aspect_asked_stays() -> None:
    # 学生 and 教师 end as people do: the asked aspect (权利) is kept though the embedder finds it closer.
    assert after("教师有哪些权利？", "那学生呢？", prefers("权利")) == "学生有哪些权利？"
    assert after("教师有哪些权利？", "学生的呢？", prefers("权利")) == "学生有哪些权利？"
    assert after("教师应当履行哪些义务？", "那学生的呢？", prefers("义务")) == "学生应当履行哪些义务？"


def test_a_person_where_the_question_names_none_becomes_who_it_is_about() -> None:
    assert after("因为家庭困难申请减免学费，怎么证明？", "那领低保的人呢？") == "领低保的人因为家庭困难申请减免学费，怎么证明？"


def test_a_new_list_replaces_the_whole_list_of_grades() -> None:
    assert after("发布三级、四级警报后学校要做什么？", "那一级、二级的呢？") == "发布一级、二级警报后学校要做什么？"


def test_a_place_after_a_preposition_replaces_the_place_everywhere() -> None:
    assert after("学生在校内受伤，学校要赔吗？", "在校外呢？") == "学生在校外受伤，学校要赔吗？"
    assert after("学生在北京读书能在北京参加中考吗？", "在上海呢？") == "学生在上海读书能在上海参加中考吗？"


def test_a_time_replaces_the_time_of_the_previous_question() -> None:
    assert after("学生在上课期间受伤，学校要负责吗？", "那放学以后呢？") == "学生在放学以后受伤，学校要负责吗？"
    assert after("2020年以前入学的学生按什么标准收费？", "2021年以后呢？") == "2021年以后入学的学生按什么标准收费？"


def test_an_amount_or_an_age_replaces_the_one_of_the_same_unit() -> None:
    assert after("罚款五千元以下的，由谁决定？", "五万元以上的呢？") == "罚款五万元以上的，由谁决定？"
    assert after("满十六周岁的学生能打工吗？", "不满十六周岁的呢？") == "不满十六周岁的学生能打工吗？"


def test_a_de_phrase_opening_with_an_act_replaces_the_clause_of_that_act() -> None:
    assert after("教聋哑孩子的老师要达到什么要求？", "那教盲童的呢？") == "教盲童的老师要达到什么要求？"


def test_a_turn_that_ends_in_ne_without_asking_leans_on_the_previous_one() -> None:
    assert is_follow_up("2021年以后呢？")
    assert is_follow_up("城市里规模较大的公办幼儿园呢？")
    assert not is_follow_up("城市里规模较大的公办幼儿园有哪些收费项目呢？")


def test_a_figure_the_follow_up_names_is_no_thing_an_answer_must_state() -> None:
    resolved = resolve_follow_up("2021年以后呢？", [("user", "2020年以前入学的学生按什么标准收费？")])
    assert resolved.question == "2021年以后入学的学生按什么标准收费？"
    assert resolved.new_terms == ()
    assert resolve_follow_up("那校长办公会呢？", [("user", "哪些事项需要由党支部研究决定？")]).new_terms == ("校长办公会",)


def test_a_situation_told_again_with_one_word_changed_swaps_that_word() -> None:
    assert after("仲裁认定合同有效以后，对方不执行怎么办？", "要是仲裁认定无效呢？") == "仲裁认定合同无效以后，对方不执行怎么办？"
    # Words that retell nothing of the situation still add to it.
    assert after("学校违规收费，会怎么处罚？", "要是一直不改呢？") == "学校违规收费，一直不改，会怎么处罚？"


def test_a_new_ask_keeps_what_the_previous_ask_told_before_asking() -> None:
    # 家长不满意 goes on from the situation: the new ask is about what follows from it.
    assert after("学生在校内受伤，家长不满意可以找谁？", "多久要给答复？") == "学生在校内受伤，家长不满意，多久要给答复？"
    # Who is asked about (学校) is not kept alone; with the thing it was asked after (措施), the new ask
    # is about that thing, after the situation, as after a question of one clause.
    assert after("孩子逃学，学校可以采取哪些措施？", "最长持续多久？") == "孩子逃学，学校可以采取措施，最长持续多久？"


def test_a_new_ask_after_a_question_of_one_clause_keeps_that_clause_less_its_asking_words() -> None:
    # The subject alone (县里) is no matter; an asking phrase bound by 的 goes whole, its noun stays.
    assert after("县里规定给什么级别以上的退伍军人发补助？", "那一个月发多少？") == "县里规定给退伍军人发补助，一个月发多少？"
    assert after("学校组织学生参加哪些社会实践活动？", "一年最多搞几次？") == "学校组织学生参加社会实践活动，一年最多搞几次？"
    # 哪个部门 asks who, not about a thing; a new ask naming its own thing (抚恤金) asks about that.
    assert after("校车的安全检查由哪个部门负责？", "多久检查一次？") == "校车的安全检查，多久检查一次？"
    assert after("消防员因公殉职，家属有什么待遇？", "那慰问金一次给多少？") == "消防员因公殉职，慰问金一次给多少？"


def test_a_new_ask_opening_with_a_modal_takes_the_place_of_the_previous_ask() -> None:
    # Who asks and how (学校最多) carry over; the new ask replaces the old from its modal verb on.
    assert after("学生打架，学校最多能给什么处分？", "那能罚多少钱？") == "学生打架，学校最多能罚多少钱？"


def test_words_that_only_qualify_the_previous_ask_are_not_told_again() -> None:
    # 家属有 (a verb whose object is the ask) and 最多 tell no situation of their own.
    assert after("消防员因公殉职，家属有什么待遇？", "那慰问金一次给多少？") == "消防员因公殉职，慰问金一次给多少？"


def test_a_subject_ending_in_a_word_for_a_body_keeps_that_word() -> None:
    # jieba tags 组织 a verb; after 志愿服务 it ends the name of a body, which the new act keeps.
    assert after("志愿服务组织向受助老人收费，会怎么处理？", "那不按时发放补贴呢？") == "志愿服务组织不按时发放补贴，会怎么处理？"


def test_single_character_nouns_that_run_together_name_a_thing_of_the_turn() -> None:
    # The tokenizer cuts 甲校 into 甲 + 校; together they name a school, so the turn stands alone.
    assert not is_follow_up("甲校周六值班由谁安排？")
    assert standalone_question("甲校周六值班由谁安排？", [("user", "学校食堂的饭菜怎么收费？")]) == "甲校周六值班由谁安排？"
    # A turn naming nothing of its own still leans on the one before.
    assert is_follow_up("最多能关几天？")


def test_a_turn_that_leans_on_a_previous_question_is_unclear_when_there_is_none() -> None:
    for turn in ("那学生呢？", "民办的呢？", "要是一直不改呢？", "那能关他几天？"):
        assert needs_previous(turn), turn
        resolved = resolve_follow_up(turn, [])
        assert resolved.unclear and resolved.question == turn
    # Questions of their own, though they open like follow-ups or are short: answered as they are.
    for turn in ("如果学生在校外受伤了，学校要赔吗？", "还有哪些规定？", "那个学生证怎么补办？", "你好", "能请假吗？"):
        assert not needs_previous(turn), turn
        assert not resolve_follow_up(turn, []).unclear
    assert ask_whole(resolve_follow_up("那学生呢？", [])) == ASK_WHOLE


def test_a_person_where_the_question_asks_who_and_names_no_one_is_unclear() -> None:
    # 家长 could be the answer to 由谁定, not what the price is of: no phrase of its kind to replace.
    for first in ("校服的价格由谁定？", "价格由谁定？", "学校食堂饭菜的价格由谁定？"):
        resolved = resolve_follow_up("那家长呢？", [("user", first)])
        assert resolved.unclear, resolved
        assert resolved.new_terms == ("家长",)
        assert "“家长”" in ask_whole(resolved) and "完整" in ask_whole(resolved)


def test_a_thing_of_another_kind_does_not_replace_the_thing_asked_about() -> None:
    assert resolve_follow_up("那学生呢？", [("user", "学费多少钱？")]).unclear  # a person for an amount of money
    assert resolve_follow_up("那住宿费呢？", [("user", "学生能不能带手机？")]).unclear  # money where none is named
    # Of the same kind, it replaces; and where the question names no thing of a kind, a person is who it is about.
    assert after("学费多少钱？", "那住宿费呢？") == "住宿费多少钱？"
    assert after("在校期间能不能带手机？", "那老师呢？") == "老师在校期间能不能带手机？"


def test_a_person_replaces_a_body_when_the_question_names_no_person() -> None:
    # Both say who does something: 校长 takes the party branch's place, not a place before the question.
    assert after("哪些事项需要由党支部研究决定？", "那校长呢？") == "哪些事项需要由校长研究决定？"


def test_an_unclear_turn_is_no_previous_question_for_the_next_one() -> None:
    history = [("user", "学费多少钱？"), ("assistant", "……"), ("user", "那学生呢？"), ("assistant", "……")]
    assert standalone_question("那住宿费呢？", history) == "住宿费多少钱？"


def test_a_person_for_a_body_in_a_question_that_asks_who_is_unclear() -> None:
    # 家长 might be who is responsible, not who has the accident: a body is no person to swap it for.
    assert resolve_follow_up("那家长呢？", [("user", "学校发生安全事故由谁负责？")]).unclear
    # One of its own sort is swapped as before.
    assert after("教师由谁聘任？", "那校长呢？") == "校长由谁聘任？"
    assert after("学校由谁审批设立？", "那幼儿园呢？") == "幼儿园由谁审批设立？"


def test_an_item_a_verb_qualifies_is_a_thing_swapped_not_a_new_situation() -> None:
    # jieba cuts 死亡 of 死亡赔偿金 off as a verb: the item still replaces the item asked about.
    assert after("学生因工伤残，伤残补助金怎么算？", "那死亡赔偿金呢？") == "学生因工伤残，死亡赔偿金怎么算？"


def test_a_new_act_replaces_the_act_it_tells_again_in_other_words() -> None:
    # jieba cuts 赚了钱 and 没赚 each as one word: the act is the same by its character, past the negation.
    assert after("学校组织学生去工厂打工赚了钱，会怎么处理？", "要是没赚到钱呢？") == "学校组织学生去工厂打工没赚到钱，会怎么处理？"


def test_who_did_the_act_replaces_who_did_it_before() -> None:
    # 公司卖的: 公司 sold; it takes the place of who sells (有人), not of the one sold to (学生).
    assert after("有人在校门口卖烟给学生，会被罚多少钱？", "那要是公司卖的呢？") == "公司在校门口卖烟给学生，会被罚多少钱？"
    assert after("老师打了学生，学校要负责吗？", "那要是家长打的呢？") == "家长打了学生，学校要负责吗？"


def test_a_thing_told_apart_by_its_clause_replaces_that_clause() -> None:
    assert after("给学生上体育课的老师要有什么证书？", "那上音乐课的老师呢？") == "给学生上音乐课的老师要有什么证书？"


def test_a_swap_then_an_ask_is_the_new_ask_of_the_swapped_question() -> None:
    assert after("公办幼儿园的保教费由谁定？", "那民办的呢？多久能调一次？") == "民办幼儿园的保教费，多久能调一次？"


def test_a_new_thing_takes_the_qualifier_of_its_kind_with_it() -> None:
    # 专科 answers 本科 (both …科): 本科毕业生 goes whole, not 毕业生 alone (本科专科生).
    assert after("本科毕业生能申请哪些补贴？", "那专科生呢？") == "专科生能申请哪些补贴？"


def test_a_limit_of_a_thing_named_by_its_kind_alone_leans_on_the_previous_case() -> None:
    assert after("学校乱收费，会怎么处罚？", "负责人最多会被罚多少？") == "学校乱收费，负责人最多会被罚多少？"
    assert is_follow_up("罚款最多罚多少？")
    # What someone may do, or a thing named by more than its kind, is asked of its own.
    assert not is_follow_up("学生最多能请几天假？")
    assert not is_follow_up("校车最多能载多少人？")


def test_who_with_the_act_of_a_clause_tells_that_clause_again() -> None:
    # The clause that holds 有 goes on from 我们学校: told of 家长, it leaves 我们学校's clause behind.
    assert (
        after("我们学校没有资质，对教育局的处理决定有不同意见，可以找谁？", "那家长有意见呢？")
        == "家长对教育局的处理决定有意见，可以找谁？"
    )
    # A clause with a subject of its own is told again alone; the case before it stays.
    assert after("学生在校内受伤，家长不满意，可以找谁？", "那老师不满意呢？") == "学生在校内受伤，老师不满意，可以找谁？"


def test_a_pronoun_for_someone_said_before_makes_a_follow_up() -> None:
    # 他 is the one the previous question told of: the turn keeps that question's situation.
    assert is_follow_up("家长能帮他办吗？")
    assert after("学生想申请助学金，要交哪些材料？", "家长能帮他办吗？") == "学生想申请助学金，家长能帮他办吗？"
    # 其他 is no pronoun for someone: a question of its own.
    assert not is_follow_up("学校其他收费项目由哪个部门审批？")


def test_a_short_turn_that_opens_with_its_predicate_takes_the_previous_subject() -> None:
    assert is_follow_up("要带哪些证件？")
    # It opens with a modal verb, so it asks in place of the previous ask, from that question's modal on.
    assert after("申请教师资格要去哪里报名？", "要带哪些证件？") == "申请教师资格要带哪些证件？"
    # A question that opens with its own subject stands alone.
    assert not is_follow_up("学生最多能请几天假？")


def test_a_verb_said_twice_around_bu_asks_yes_or_no() -> None:
    # 借不借 asks, as 能不能 does: the turn is a new ask about the same matter, not a thing swapped in.
    assert after("图书馆的借书规定去哪儿查？", "那寒假借不借？") == "图书馆的借书规定，寒假借不借？"


def test_how_the_case_stands_is_added_to_the_case() -> None:
    # 后果严重 is no one who acts: it is added to the previous situation, which stays whole.
    assert after("学生打架会受什么处分？", "要是后果严重呢？") == "学生打架，后果严重，会受什么处分？"


def test_after_a_question_of_yes_or_no_a_new_ask_is_about_what_it_asked() -> None:
    # 有取暖补贴吗 presupposed: 每年发多少 asks the amount of that allowance.
    assert after("退休教师有取暖补贴吗？", "每年发多少？") == "退休教师有取暖补贴，每年发多少？"
    # The act asked about (自行停课) stays when the new ask opens with a modal verb.
    assert after("发生疫情时，学校能自行停课吗？", "得谁批准？") == "发生疫情时，学校能自行停课，得谁批准？"
    # A closing 吗 asks of the last act (要钱吗, one word to jieba), which a new act keeps.
    assert after("学生参加夏令营要钱吗？", "那参加研学旅行呢？") == "学生参加研学旅行要钱吗？"


def test_a_de_phrase_without_its_noun_leans_on_the_previous_question() -> None:
    assert is_follow_up("材料不全的能拖多久？")
    assert after("学生转学一般多久办完？", "材料不全的能拖多久？") == "学生转学，材料不全的能拖多久？"
    # 是…的 states; it is no 的-phrase without its noun.
    assert not is_follow_up("这笔经费是哪个部门拨付的？")


def test_a_place_said_with_the_same_place_word_is_swapped() -> None:
    assert after("村里的调解委员会由谁主持？", "那工厂里办的呢？") == "工厂里办的调解委员会由谁主持？"


def test_the_word_that_tells_the_case_apart_is_swapped_not_the_thing_said_twice() -> None:
    # 处分 is said twice: it is what the question is about; 留校察看 tells this case apart.
    assert (
        after("学生被给予留校察看处分，多久以后可以解除处分？", "那记过呢？", prefers())
        == "学生被给予记过处分，多久以后可以解除处分？"
    )


def test_a_unit_a_number_counts_is_no_thing_of_the_turn() -> None:
    assert is_follow_up("几个星期内要交？")
    resolved = resolve_follow_up("几个星期内要交？", [("user", "学校组织春游，方案要报给谁？")])
    assert resolved.question == "学校组织春游，方案几个星期内要交？"  # the asking clause's subject goes on
    assert resolved.new_terms == ()


def test_a_modal_run_together_with_an_act_is_no_new_thing() -> None:
    # jieba reads 能干 (able) in 每次能干几天; it is 能 + 干, nothing an answer must state.
    resolved = resolve_follow_up("那每次能干几天？", [("user", "学生去农场劳动，一组要几个人？")])
    assert resolved.new_terms == ()


def test_a_name_holds_no_act_inside() -> None:
    # 教育局收到家长 is no name: 家长 of 家长的信 is what 反映噪音问题的 replaces.
    assert after("教育局收到家长的信，几天内要回复？", "那反映噪音问题的信呢？") == "教育局收到反映噪音问题的信，几天内要回复？"


def test_a_short_question_that_tells_again_an_act_of_the_previous_one_goes_on_from_it() -> None:
    # 评审 is the act the previous question told: the turn is asked of that case.
    assert (
        after("奖学金材料报上去以后，多久出评审结果？", "评审结果出来以后，多久能发下来？")
        == "奖学金材料报上去以后，评审结果出来以后，多久能发下来？"
    )
    # Naming again only who the previous question was about is a question of its own.
    assert after("学生能带手机吗？", "学生最多能请几天假？") == "学生最多能请几天假？"


def test_a_fixed_expression_names_a_thing_so_a_short_question_with_one_stands_alone() -> None:
    # jieba tags 义务教育 and 未成年人 as fixed expressions (l), not nouns: they still name the turn's own thing.
    assert not is_follow_up("义务教育要上几年？")
    assert not is_follow_up("未成年人能打工吗？")
    history = [("user", "校长由谁聘任？"), ("assistant", "……")]
    assert standalone_question("义务教育要上几年？", history) == "义务教育要上几年？"
    # A short question naming nothing of its own still goes on from the previous one.
    assert is_follow_up("最多能关几天？")


def test_a_guessed_word_holding_a_modal_verb_is_cut_so_the_act_stays() -> None:
    # jieba guesses 要授 as one noun; a modal verb begins a predicate, so the swap keeps 要授 and only
    # the thing granted changes.
    assert (
        after("要授荣誉称号的话，评委会要几个人同意？", "那荣誉证书呢？")
        == "要授荣誉证书的话，评委会要几个人同意？"
    )


def test_a_new_ask_opening_with_its_predicate_keeps_the_subject_of_the_asking_clause() -> None:
    # 一届能当几年 leaves its subject out: it is 委员, the subject of the clause that asked before it.
    assert after("我们班要选班委，委员要选出几位？", "那一届能当几年？") == "我们班要选班委，委员一届能当几年？"
    # The same with another subject (成员), which the situation does not say.
    assert after("我们组要办家委会，成员要选出几位？", "那一年开几次会？") == "我们组要办家委会，成员一年开几次会？"


def test_a_new_ask_with_its_own_subject_of_the_same_kind_stands_alone() -> None:
    # 教师 takes the place of 主任: the previous subject is not put before the new one.
    assert after("主任由谁任用？", "那教师由谁任用？") == "教师由谁任用？"
    # A subject of another kind leaves the previous question's subject as the topic.
    assert after("校服由谁采购？", "那家长要交多少钱？") == "校服，家长要交多少钱？"


def test_a_body_after_a_question_about_a_post_says_whose_post() -> None:
    # 民办学校 cannot take the place of 主任 (a body is not appointed here): it says whose 主任 is meant.
    resolved = resolve_follow_up("那民办学校呢？", [("user", "主任由谁任用？"), ("assistant", "……")])
    assert not resolved.unclear
    assert resolved.question == "民办学校的主任由谁任用？"
    assert resolved.new_terms == ("民办学校",)
    # A person after a question that asks who about a thing is still not guessed at.
    assert resolve_follow_up("那家长呢？", [("user", "校服的价格由谁定？"), ("assistant", "……")]).unclear


def test_a_de_phrase_with_nothing_of_its_kind_to_swap_says_which_one() -> None:
    # 私立的 says which 园长; it does not take the 园长's place.
    assert after("园长由谁任命？", "那私立的呢？") == "私立的园长由谁任命？"
    # With a qualifier of its kind in the question, it swaps that qualifier as before.
    assert after("公办幼儿园的伙食费由谁定？", "民办的呢？") == "民办幼儿园的伙食费由谁定？"


def test_the_act_a_new_ask_measures_is_required_when_the_previous_question_did_not_tell_it() -> None:
    # 几天 measures 告知: a passage on another act of the same outing (报给谁) does not answer it.
    resolved = resolve_follow_up("那出发前几天要告知家长？", [("user", "学校组织春游，方案要报给谁？")])
    assert "告知" in resolved.new_terms
    # A time said after the act is how long it lasts (停职多久).
    resolved = resolve_follow_up("那会被停职多久？", [("user", "宿舍管理员违反规定，要受什么处分？")])
    assert "停职" in resolved.new_terms
    # An act with its complement (批下来) is said otherwise in documents: nothing of it is required.
    resolved = resolve_follow_up("报上去以后多久能批下来？", [("user", "学校组织春游，方案要报给谁？")])
    assert resolved.new_terms == ()
    # What 给 hands over (给答复) is no act: the documents name the act it takes otherwise (审查, 作出决定).
    stall = [("user", "想在夜市摆摊，摊位申请交到哪里？")]
    assert resolve_follow_up("交上去最迟几天能给个回复？", stall).new_terms == ()
    assert "审查" in resolve_follow_up("交上去最迟几天要审查完？", stall).new_terms
    # A bound of the amount asked (不得超过) is no act, and an act the previous question told is not new.
    assert resolve_follow_up("每组人数不得超过多少？", [("user", "学校招插班生，要考试吗？")]).new_terms == ()
    assert "组织" not in resolve_follow_up("学校最多能组织几次？", [("user", "学校组织春游，方案要报给谁？")]).new_terms


def test_a_new_situation_naming_a_kind_of_the_previous_thing_requires_it() -> None:
    # 医疗保险 is a kind of 保险: the situation's own words are not required, the kind it names is.
    resolved = resolve_follow_up("那买医疗保险呢？", [("user", "临时工买保险要单位出钱吗？")])
    assert resolved.question == "临时工买医疗保险要单位出钱吗？"
    assert resolved.new_terms == ("医疗保险",)
    # Another thing than the previous one (公交车 for 校车) is the asker's own word: nothing is required.
    assert resolve_follow_up("那坐公交车呢？", [("user", "学生坐校车要交钱吗？")]).new_terms == ()


def test_what_a_qualifying_clause_does_is_the_askers_own_words_but_a_trait_it_has_is_required() -> None:
    # 书法 is what the teacher meant teaches (教书法的): the clause tells which teacher in everyday words.
    resolved = resolve_follow_up("那教书法的呢？", [("user", "教美术的老师每周上几节课？")])
    assert resolved.question == "教书法的老师每周上几节课？"
    assert resolved.new_terms == ()
    # A clause of a linking verb (有残疾的) names a trait the answer must state.
    resolved = resolve_follow_up("那有残疾的学生呢？", [("user", "学生要交学费吗？")])
    assert resolved.new_terms == ("残疾",)
    # A 的-phrase without an act still names its new thing.
    assert resolve_follow_up("那民办的呢？", [("user", "公办学校的学费多少？")]).new_terms == ("民办",)


def test_a_verb_of_one_character_that_opens_an_act_of_the_previous_question_leans_on_it() -> None:
    # 借 stands for the 借阅 asked about before: the turn goes on from that question.
    assert resolve_follow_up("学生一次能借几本？", [("user", "图书馆借阅要押金吗？")]).question == "图书馆，学生一次能借几本？"
    # A turn with no such act and names of its own stands alone.
    assert resolve_follow_up("学生一次能带几本？", [("user", "图书馆借阅要押金吗？")]).question == "学生一次能带几本？"


def test_a_person_named_as_someone_of_a_body_is_asked_about_in_the_case_told_of_a_body() -> None:
    # 学校校长 is not who lost the licence: the case stays and the ask is now about them.
    resolved = resolve_follow_up("那学校校长呢？", [("user", "培训机构被吊销了办学许可证，几年内不能重新申请？")])
    assert resolved.question == "培训机构被吊销了办学许可证，学校校长几年内不能重新申请？"
    # A person not named as someone of a body takes the place of who the question is about, as before.
    assert after("党支部要研究决定哪些事项？", "那校长呢？") == "校长要研究决定哪些事项？"


def test_a_time_named_by_its_kind_is_a_new_thing_and_a_word_with_an_aspect_particle_is_an_act() -> None:
    # 寒假 is a time the answer must state: a passage on opening hours in general does not say it.
    resolved = resolve_follow_up("那寒假开不开门？", [("user", "图书馆平时几点开门？")])
    assert resolved.new_terms == ("寒假",)
    # 以后 locates in time and names nothing.
    assert resolve_follow_up("那以后呢？", [("user", "学校组织春游，方案要报给谁？")]).new_terms == ()
    # jieba tags 动工 a noun; with 了 after it, it is what was done, told in the asker's words.
    first = [("user", "我们村要修水渠，设计图得报水利局审吗？")]
    resolved = resolve_follow_up("那先动工了罚多少？", first)
    assert resolved.new_terms == ()
    # The act names no thing, so the new ask is about what the question of yes or no asked, said as a
    # statement: the fine is for starting before the approval.
    assert resolved.question == "我们村要修水渠，设计图得报水利局审，先动工了罚多少？"
    # Without 了 the same word is named as a thing.
    assert resolve_follow_up("那先动工罚多少？", first).new_terms == ("动工",)


def test_any_measure_after_ji_asks_how_many() -> None:
    # 几份, 几点 ask as 几天 does: the turn asks a new thing rather than naming one to swap in.
    assert is_follow_up("每人要带几份？")
    assert "春游" in resolve_follow_up("每人要带几份？", [("user", "学校组织春游，要备哪些物品？")]).question


def test_a_school_stage_swaps_the_stage_folded_into_the_word_for_its_people() -> None:
    # 小学生 is 小学 and 学生: 那初中呢？ asks of the 初中's pupils, not of the 学校 where they study.
    assert after("小学生在学校午休最少要多长时间？", "那初中呢？") == "初中学生在学校午休最少要多长时间？"
    assert after("小学老师每周上几节体育课？", "那高中呢？").startswith("高中")
    # A thing of another kind (a fee) is not folded into a word for people: the usual swap is made.
    assert after("小学生的课本费由谁出？", "那校服费呢？") == "小学生的校服费由谁出？"
    # A new person takes the word's place whole.
    assert after("小学生每天作业不超过多久？", "那中学生呢？") == "中学生每天作业不超过多久？"


def test_an_amount_of_the_same_unit_is_swapped_not_added_as_a_new_situation() -> None:
    assert after("我们村有两百多户，要不要设专职网格员？", "要是不到五十户呢？") == "我们村有不到五十户，要不要设专职网格员？"
    assert after("社区居民超过三千人的，要配几名社工？", "那不足一千人的呢？") == "社区居民不足一千人的，要配几名社工？"


def test_a_thing_of_the_replaced_activity_goes_with_it() -> None:
    # 考场 is the 考试's: after the exam is swapped for another occasion, the clause says no 考场.
    swapped = after("聋人来参加职称考试，考场要为他提供什么便利？", "那登记结婚的时候呢？", prefers("职称考试"))
    assert "考试" not in swapped and "考场" not in swapped and "要为他提供什么便利" in swapped
    # Not when it names another thing by a noun after it, nor when nothing of that activity was replaced.
    assert "考场座位" in after("聋人来参加职称考试，考场座位要怎么安排？", "那登记结婚的时候呢？", prefers("职称考试"))
    assert after("聋人来参加职称考试，考场要为他提供什么便利？", "那盲人呢？") == "盲人来参加职称考试，考场要为他提供什么便利？"


def test_a_clause_said_as_a_de_phrase_keeps_its_de_before_the_noun() -> None:
    # 那工厂里设的呢？ swaps the place 村里 and tells who set it up: the clause is joined to its noun by 的.
    assert after("村里卫生室的医生由谁考核？", "那工厂里设的呢？") == "工厂里设的卫生室的医生由谁考核？"
    # A place said as a 的-phrase (工厂里) tells no act: it goes before its noun as it is.
    assert after("村里卫生室的医生由谁考核？", "那工厂里的呢？") == "工厂里卫生室的医生由谁考核？"


def test_an_event_that_tells_when_is_no_thing_to_swap() -> None:
    # 出厂 of 出厂前 tells when the maker must act (jieba tags it a noun): the new one takes the maker's place.
    assert after("电脑厂家出厂前要装过滤软件吗？", "那卖电脑的商场呢？") == "卖电脑的商场出厂前要装过滤软件吗？"


def test_a_whole_de_phrase_takes_the_place_of_the_previous_one_it_pairs_with() -> None:
    # "X的Y" for "Q的S": the new which-one goes with the new what, not before the old which-one.
    assert after("公办幼儿园的保教费怎么收？", "那民办学校的住宿费呢？") == "民办学校的住宿费怎么收？"
    assert after("教师的工资由谁发？", "那校长的奖金呢？") == "校长的奖金由谁发？"
    assert after("学校食堂的饭菜由谁检查？", "那小卖部的零食呢？") == "小卖部的零食由谁检查？"
    # After a verb the 的 ends a clause (借阅人的: 借阅 is an act), which is no run of nouns to pair with.
    assert "档案馆的查询费" in after("图书馆对借阅人的押金能不能退？", "那档案馆的查询费呢？")
    # A character jieba leaves alone after the noun (场地 费) is part of its name: no pair is cut there.
    assert "费费" not in after("体育馆对参赛人的场地费能不能减免？", "那训练营的住宿费呢？")


def test_a_set_phrase_holding_an_asking_word_names_nothing() -> None:
    # jieba keeps 由谁来 as one set phrase; it asks, so the matter of a new ask ends before it.
    assert after("公立幼儿园的保育费由谁来定？", "多久调一次？") == "公立幼儿园的保育费，多久调一次？"


def test_a_swap_then_a_new_ask_reads_the_place_word_swapped() -> None:
    # 校外 for 校内: two place words sharing a character; then the new ask is asked of that.
    assert after("学生在校内受伤，学校要担责吗？", "那校外呢？家长要担责吗？") == "学生在校外受伤，家长要担责吗？"


def test_an_act_with_its_object_swaps_the_object_of_the_same_act() -> None:
    assert after("老人带着拐杖可以进展馆吗？", "那带小狗呢？") == "老人带着小狗可以进展馆吗？"


def test_a_new_situation_does_not_repeat_the_act_the_ask_tells() -> None:
    assert after("老人带着拐杖可以进展馆吗？", "那带小狗进展馆呢？") == "老人带小狗可以进展馆吗？"


def test_a_negated_act_after_a_yes_or_no_duty_asks_of_the_duty_not_done() -> None:
    # The case is the duty not done: the negation takes the modal's place before the act and its object.
    assert after("商场开业，一定要配灭火器吗？", "没配的话罚多少？") == "商场开业，没配灭火器的话罚多少？"
    assert after("学校组织春游，要给学生买保险吗？", "没买会怎么样？") == "学校组织春游，没给学生买保险会怎么样？"


def test_a_time_the_previous_question_lacks_is_when_it_is_asked_of() -> None:
    assert after("公立幼儿园的保育费由谁来定？", "那以前呢？") == "以前，公立幼儿园的保育费由谁来定？"
    assert after("公立幼儿园的保育费由谁来定？", "要是修订前呢？") == "修订前，公立幼儿园的保育费由谁来定？"
    # A time of the same kind is swapped, not put before.
    assert after("学生在上课期间受伤，学校要担责吗？", "那放学以后呢？") == "学生在放学以后受伤，学校要担责吗？"


def test_a_whole_question_that_opens_with_a_time_stands_alone() -> None:
    for question in ("修订前，幼儿园教师要有什么文凭？", "以前民办学校能不能营利？", "修订以前，初中阶段学生的作业量有规定吗？"):
        assert after("公立幼儿园的保育费由谁来定？", question) == question


def test_a_de_phrase_like_one_word_of_the_previous_qualifier_replaces_that_word() -> None:
    assert after("公办幼儿园的保教费怎么收？", "那民办的住宿费呢？") == "民办幼儿园的住宿费怎么收？"


def test_after_a_question_of_one_clause_a_modal_ask_takes_the_place_of_its_ask() -> None:
    assert after("幼儿园的保育员要有什么证书？", "那厨师呢？要体检吗？") == "幼儿园的厨师要体检吗？"


def test_a_place_before_a_de_is_what_a_new_de_phrase_swaps() -> None:
    assert after("村里的文体协会由谁指导？", "那街道的呢？") == "街道的文体协会由谁指导？"
    assert after("街道的调解小组由谁指导？", "那社区的呢？成员有几个？") == "社区的调解小组，成员有几个？"


def test_question_with_its_own_qualified_topic_is_left_alone():
    # A verbal noun that a 的 qualifies (周末的托管服务) is the question's own topic: it asks of its own.
    question = "周末的托管服务收多少钱？"
    assert not is_follow_up(question)
    assert after("食堂几点开饭？", question) == question


def test_thing_replaces_the_topic_before_who_not_the_act_after_it():
    # 跳棋谁管理: 跳棋 (which the tagger calls a verb) opens the question as its topic, 管理 after 谁 is
    # the act whose doer is asked for; the new thing takes the topic's place.
    assert after("跳棋谁管理？", "那书法呢？") == "书法谁管理？"


def test_age_clause_does_not_replace_the_age_asked_for():
    # 几岁 is what is asked; a 的-phrase of an age says which of the subject, asking words kept.
    rewritten = after("志愿者几岁可以报名？", "不满十四周岁的呢？")
    assert "几岁" in rewritten and "不满十四周岁" in rewritten
    assert rewritten == "不满十四周岁的志愿者几岁可以报名？"


def test_a_turn_naming_only_an_earlier_text_asks_the_previous_question_of_it_and_of_the_current_one() -> None:
    history = [("user", "图书馆的借阅期限是多长？"), ("assistant", "……")]
    for turn, word in (("原来呢？", "原来"), ("那修改以前呢？", "修改以前"), ("旧版的呢？", "旧版")):
        resolved = resolve_follow_up(turn, history)
        assert resolved.question == f"{word}，图书馆的借阅期限是多长？" and resolved.compared
    # A turn that asks a thing of its own is no comparison; a bare 以前 after a question bounded in time swaps.
    assert not resolve_follow_up("原来借几本？", history).compared
    assert not resolve_follow_up("那以前呢？", [("user", "2020年以后入学的学生按什么标准收费？")]).compared


def test_a_case_told_whole_with_its_own_ask_is_a_new_question_not_one_more_circumstance() -> None:
    # 那书店卖盗版书呢？谁来罚？: its doer and act are told, and it asks of its own; the previous case (被吊销了营业执照)
    # is not carried into it.
    previous = [("user", "书店被吊销了营业执照，原来的店长还能再开店吗？"), ("assistant", "……")]
    assert resolve_follow_up("那书店卖盗版书呢？谁来罚，罚多少？", previous).question == "书店卖盗版书，谁来罚，罚多少？"
