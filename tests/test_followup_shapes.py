"""Follow-up rewrite: the shapes of Chinese turns that say which part of the previous question they replace
(也 after a subject, an age before 的, a turn that opens with its predicate, the act whose time was asked
told as not done). Sentences are invented."""

from followup_checks import after, prefers

from assistant.followup import resolve_follow_up


def test_a_thing_said_with_ye_takes_the_place_of_the_subject() -> None:
    # 也 follows the subject: the thing is who would do the same, not what it is done with.
    first = "我们工厂打算请外面的咨询公司来做培训，给员工收一部分钱，行吗？"
    assert after(first, "医院也一样吗？") == "医院打算请外面的咨询公司来做培训，给员工收一部分钱，行吗？"
    assert after("居委会可以自己组织业主投票选物业吗？", "那街道办是不是也这样？") == "街道办可以自己组织业主投票选物业吗？"


def test_a_ye_turn_that_names_no_thing_is_not_swapped_in() -> None:
    # 我们 is no thing named: nothing of the previous question is replaced by it.
    assert not after("合作社能申请农机补贴吗？", "我们也一样吗？").startswith("我们能申请")


def test_a_new_age_before_de_replaces_the_old_age_with_its_noun() -> None:
    first = "未满三周岁的宝宝乘飞机要买票吗？"
    rewritten = after(first, "那年满六十五周岁的旅客呢？", prefers("宝宝"))
    assert rewritten == "年满六十五周岁的旅客乘飞机要买票吗？"
    # Without an age of its own the noun alone is swapped and the old age stays.
    assert after(first, "那双胞胎呢？", prefers("宝宝")) == "未满三周岁的双胞胎乘飞机要买票吗？"


def test_a_turn_opening_with_a_yes_or_no_predicate_does_not_stand_alone() -> None:
    # 是否还要…: no subject of its own, however many nouns it holds.
    first = "装修队进小区施工，要跟物业登记吗？"
    assert after(first, "那是否还要交押金和清运费？") == "装修队进小区施工，是否还要交押金和清运费？"


def test_a_word_between_a_modal_and_its_verb_is_no_new_thing() -> None:
    # 专门 (tagged a noun) says how the act is done; 台账 is the thing the answer must state.
    resolved = resolve_follow_up("另外是不是必须专门建一本台账？", [("user", "仓库存放化肥，得向哪个部门报备？")])
    assert "专门" not in resolved.new_terms
    assert "台账" in resolved.new_terms


def test_a_verbal_noun_after_a_verb_is_the_matter_of_a_new_ask() -> None:
    # 领救灾补偿: the thing asked about before stays when the new ask names none of its own.
    assert after("个体户遇到洪水停业，能领救灾补偿吗？", "那去哪儿办？") == "个体户遇到洪水停业，能领救灾补偿，去哪儿办？"


def test_the_act_whose_time_was_asked_told_as_not_done_asks_what_then() -> None:
    first = "房子买下来以后，多少天内要办产权登记？"
    assert after(first, "拖着一直没登记呢？") == "房子买下来以后，拖着一直没登记，怎么办？"
    assert after(first, "登记了还有问题呢？") == "房子买下来以后，登记了还有问题，怎么办？"
    # 没办 is one word to the tokenizer; 办 stands for 补办.
    assert after("营业执照丢了，几天内要去补办？", "要是一直不办呢？") == "营业执照丢了，一直不办，怎么办？"


def test_a_new_case_of_the_same_act_keeps_the_time_asked() -> None:
    # Nothing says the act was not done: the time is still what is asked.
    assert after("房子买下来以后，多少天内要办产权登记？", "那二手房呢？") == "二手房买下来以后，多少天内要办产权登记？"


def test_an_article_asked_next_is_written_after_the_documents_name_without_a_comma() -> None:
    first = "森林防火条例第十条是怎么规定的？"
    assert after(first, "第十二条又说了什么？") == "森林防火条例第十二条又说了什么？"
    assert after(first, "那第十二条呢？") == "森林防火条例第十二条是怎么规定的？"
    # The question before named the document but no article: the article follows the name, not replaces it.
    assert after("依照种子法，品种审定由谁负责？", "那第十五条呢？") == "依照种子法第十五条，品种审定由谁负责？"


def test_a_paragraph_or_another_article_goes_to_its_level() -> None:
    first = "森林防火条例第十条第一款是怎么规定的？"
    assert after(first, "那第三款呢？") == "森林防火条例第十条第三款是怎么规定的？"
    assert after(first, "那第十二条呢？") == "森林防火条例第十二条是怎么规定的？"
    assert after("森林防火条例第十条是怎么规定的？", "那第二款呢？") == "森林防火条例第十条第二款是怎么规定的？"


def test_a_grade_told_by_its_number_takes_the_place_of_the_grade_of_the_same_scale() -> None:
    # 二级 is a grade of the scale 一级 is of: it replaces 一级, not the noun the grade says which one of.
    assert after("一级文物能借给外省博物馆吗？", "要是二级的呢？") == "二级文物能借给外省博物馆吗？"
    assert after("三类仓库每年检查几次？", "那一类呢？") == "一类仓库每年检查几次？"


def test_a_body_takes_the_place_of_a_person_named_as_the_individual() -> None:
    # 单位 and 个人 are the two kinds of party a rule binds: the new one replaces the old, not added before the act.
    assert after("在楼道里堆放杂物，个人最多罚多少？", "那单位呢？") == "在楼道里堆放杂物，单位最多罚多少？"


def test_a_clause_that_says_which_one_replaces_the_clause_sharing_its_act() -> None:
    # The new 的-phrase tells which records by what was done with them, as the old one did: it takes the old
    # clause's place whole (、-joined acts and all), and no word of it is dropped.
    first = "村里自己保存、还没送到县里的账本，外人想看，要经过谁同意？"
    assert after(first, "那已经送到县里但还没公开的呢？") == "已经送到县里但还没公开的账本，外人想看，要经过谁同意？"
