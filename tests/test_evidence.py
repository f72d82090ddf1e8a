"""Evidence logic on hand-made cases: focus terms, coverage, figures asked and stated."""

from __future__ import annotations

from assistant.evidence import (
    coverage,
    focus_of,
    has_person_name,
    quantity_ask,
    quantity_supported,
    unknown_share,
)


def flat_idf(_: str) -> float:
    return 1.0


def test_focus_drops_question_framing():
    focus = focus_of("哪些事项需要由党支部研究决定？", flat_idf)
    terms = [t for t, _ in focus.terms]
    assert terms == ["事项", "党支部", "研究", "决定"]
    assert focus.wants_list and not focus.wants_quantity


def test_coverage_is_weighted_share_and_accepts_official_synonyms():
    focus = focus_of("老师的工资由谁发？", flat_idf)
    assert coverage(focus, "教师的平均工资水平应当不低于公务员") == 1.0
    assert coverage(focus, "学校的经费") < 0.5


def test_everyday_hiring_words_are_covered_by_the_official_ones():
    # 招工, 打听 and 验孕 are what people say; office texts write 录用/招用, 询问 and 妊娠测试.
    focus = focus_of("招工时可以打听住址吗？", flat_idf)
    assert coverage(focus, "录用职工时不得询问其住址。") == 1.0
    assert coverage(focus, "职工的住址由本人登记。") < 1.0
    assert coverage(focus_of("体检时能验孕吗？", flat_idf), "不得将妊娠测试作为体检项目。") == 1.0


def test_lending_renting_or_selling_to_someone_is_covered_by_the_official_words():
    # 借给别人, 租给别人, 借出去 are what people say; office texts write 出借 and 出租.
    rule = "任何单位和个人不得买卖、出租、出借门禁卡。"
    assert coverage(focus_of("门禁卡能借给别人吗？", flat_idf), rule) == 1.0
    assert coverage(focus_of("门禁卡可以租给别人吗？", flat_idf), rule) == 1.0
    assert coverage(focus_of("把门禁卡借出去行吗？", flat_idf), rule) == 1.0
    assert coverage(focus_of("门禁卡能借给别人吗？", flat_idf), "门禁卡由本人保管。") < 1.0


def test_the_province_said_by_its_seat_is_covered_by_the_laws_words_for_its_level():
    rule = "省、自治区、直辖市人民政府根据促进就业工作的需要，建立促进就业工作协调机制。"
    assert coverage(focus_of("省里的促进就业工作协调机制谁来建？", flat_idf), rule) == 1.0
    assert coverage(focus_of("省里的促进就业工作协调机制谁来建？", flat_idf), "国务院建立促进就业工作协调机制。") < 1.0


def test_an_effect_is_covered_by_the_official_words_for_it():
    # Office texts write 成效 for the 效果 of a piece of work.
    assert coverage(focus_of("整治效果", flat_idf), "整治成效明显。") == 1.0
    assert coverage(focus_of("整治效果", flat_idf), "整治工作明显。") < 1.0


def test_a_disaster_is_covered_by_the_official_words_for_it():
    # Office texts call an earthquake or a disaster a 自然灾害 or a 突发事件 (the emergency laws' term).
    focus = focus_of("发生地震时物资由谁调配？", flat_idf)
    assert coverage(focus, "发生自然灾害时，物资由政府统一调配。") == 1.0
    assert coverage(focus_of("发生重大灾害时物资由谁调配？", flat_idf), "发生重大突发事件时，物资由政府统一调配。") == 1.0
    assert coverage(focus, "物资由政府统一调配。") < 1.0


def test_quoted_phrase_weighs_double():
    focus = focus_of("“五爱”教育指什么？", flat_idf)
    weights = dict(focus.terms)
    assert weights["五爱"] == 2.0


def test_count_question_needs_the_measure_next_to_the_thing_counted():
    ask = quantity_ask("第三中学有多少名学生？")
    assert ask is not None and ask.kind == "count" and ask.noun == "学生"
    assert not quantity_supported(ask, "设立了7名支委委员，经党员大会表决通过。")
    assert quantity_supported(ask, "全校共有学生1200名，教职工90人。")


def test_count_with_a_different_measure_does_not_answer():
    ask = quantity_ask("一共有几个备课组？")
    assert ask is not None
    assert not quantity_supported(ask, "备课组学习16次。")
    assert quantity_supported(ask, "全校设有12个备课组。")


def test_dates_money_and_ratios():
    date = quantity_ask("教师节是每年的哪一天？")
    assert date is not None and date.kind == "date"
    assert quantity_supported(date, "每年九月十日为教师节。")
    assert not quantity_supported(date, "全社会都应当尊重教师。")
    money = quantity_ask("午餐标准是多少钱？")
    assert money is not None and money.kind == "money"
    assert not quantity_supported(money, "党建工作经费占到了公用经费的2%。")
    assert quantity_supported(money, "午餐标准为每生每天5元。")
    ratio = quantity_ask("经费占公用经费的比例是多少？")
    assert ratio is not None and quantity_supported(ratio, "占到了公用经费的2%")


def test_a_size_asked_in_its_unit_needs_a_figure_in_that_unit():
    area = quantity_ask("新建的阅览室至少要有多大面积？")
    assert area is not None and area.kind == "count"
    assert quantity_supported(area, "阅览室使用面积不少于120平方米。")
    # A figure of another measure on the same topic (a ratio of staff) does not state the area.
    assert not quantity_supported(area, "阅览室按读者人数五百比一的比例配备管理员。")
    square = quantity_ask("器材室最少得有几平米？")
    assert square is not None and not quantity_supported(square, "器材室每年清点两次。")
    weight = quantity_ask("书包最多能有多重？")
    assert weight is not None and quantity_supported(weight, "书包重量不超过3公斤。")
    assert quantity_ask("校园里有多大的变化？") is None  # 多大 of no measure asks no size


def test_age_asked_by_what_one_may_do():
    age = quantity_ask("学生多大可以报名参加夏令营？")
    assert age is not None and "岁" in age.measures
    assert quantity_supported(age, "年满十二周岁的学生可以报名。")
    assert not quantity_supported(age, "报名参加夏令营应当经监护人同意。")


def test_money_asked_by_the_act_that_pays_it():
    fine = quantity_ask("商户占道经营，要罚多少？")
    assert fine is not None and fine.kind == "money"
    # A figure that is no sum of money (every year) does not state the fine.
    assert not quantity_supported(fine, "城管部门每年开展一次占道经营专项检查。")
    assert quantity_supported(fine, "责令改正，处二百元以上一千元以下罚款。")
    assert quantity_supported(fine, "责令改正，按货值的2倍罚款。")
    fee = quantity_ask("兴趣班一学期最高能收多少？")
    assert fee is not None and fee.kind == "money"
    # 多少 before a thing counted asks a count, not money.
    count = quantity_ask("一个兴趣班最多能收多少学生？")
    assert count is not None and count.kind != "money"


def test_when_a_recurring_thing_is_done_is_said_by_the_time_it_recurs():
    when = quantity_ask("体质健康测试什么时候进行？")
    assert when is not None and when.kind == "date"
    # A rule says when a thing done again and again is done by the time it recurs.
    assert quantity_supported(when, "学校应当对学生进行体质健康测试，每学年末进行一次。")
    assert quantity_supported(when, "学生会每学期开学初召开全体会议。")
    assert quantity_supported(when, "学校每三年组织一次全面检查。")
    # 定期 says that it recurs, not when; a sentence with no time at all says nothing of when.
    assert not quantity_supported(when, "学校应当定期组织体质健康测试。")
    assert not quantity_supported(when, "学校应当组织体质健康测试。")
    # Asked for a date by the calendar, a time that recurs does not state it.
    day = quantity_ask("财务报表每年几月几日前得报上去？")
    assert day is not None and day.kind == "date" and day.calendar
    assert not quantity_supported(day, "企业应当每年向税务部门报送财务报表。")
    assert quantity_supported(day, "企业应当于每年4月30日前报送财务报表。")
    often = quantity_ask("体质健康测试多久考一次？")
    assert often is not None and often.often
    assert quantity_supported(often, "体质健康测试每学年末进行一次。")
    assert not quantity_supported(often, "学校应当定期组织体质健康测试。")


def test_which_several_is_a_list_not_a_figure():
    assert quantity_ask("教师职务分为哪几级？") is None


def test_person_name_must_stand_next_to_the_role():
    assert has_person_name("学校党支部书记王建国同志主持会议。", ("书记",))
    assert not has_person_name("坚持党支部书记和校长分设要求。", ("书记",))


def test_days_asked_are_answered_by_working_days():
    ask = quantity_ask("补正材料以后，每一步要几天？")
    assert ask is not None
    assert quantity_supported(ask, "行政机关应当自收到申请之日起7个工作日内一次性告知申请人。")
    assert quantity_supported(ask, "自收到申请之日起20日内予以答复。")
    assert not quantity_supported(ask, "申请人应当及时补正。")


def test_unseen_verbs_are_wording_but_unseen_nouns_are_missing_concepts():
    vocab = {"政府", "信息", "公开", "行政机关"}

    def idf(word: str) -> float:
        return 1.0 if word in vocab else 5.0

    def known(word: str) -> bool:
        return word in vocab

    # 挂到 is how people talk about 公开 deadlines, not a concept the text lacks; 最迟 bounds the figure asked and
    # is no term at all.
    wording = focus_of("政府信息最迟多久要挂到网上公开？", idf)
    assert "挂到" in {t for t, _ in wording.terms} and "最迟" not in {t for t, _ in wording.terms}
    assert unknown_share(wording, known) < unknown_share(focus_of("政府信息在食堂公开吗？", idf), known)
    # A noun nobody wrote about (食堂, 校服) still counts as a missing concept.
    canteen = focus_of("行政机关食堂的校服怎么公开？", idf)
    assert unknown_share(canteen, known) > 0.5


def test_everyday_words_reach_the_official_ones_only_where_those_occur():
    vocab = {"夫妻", "公务员", "财务", "工作", "领导"}

    def idf(word: str) -> float:
        return 1.0 if word in vocab else 5.0

    focus = focus_of("两口子能不能一个当领导一个管财务？", idf)
    weights = dict(focus.terms)
    assert weights["两口子"] == 1.0  # weighs what 夫妻 weighs in this index
    rule = "公务员之间有夫妻关系的，不得在其中一方担任领导职务的机关从事财务工作"
    assert coverage(focus, rule) > coverage(focus, "公务员之间有亲属关系的，不得从事财务工作")
    # In an index without 互联网/网站/网络, 网上 is an everyday word like any other unseen one,
    # not a rare concept of full weight.
    online = dict(focus_of("在网上发言有什么要求？", idf).terms)
    assert online["网上"] < 5.0


def test_a_determiner_and_measure_word_before_a_noun_is_no_topic_word():
    def idf(word: str) -> float:
        return 4.0

    # 一座 and 每位 say which bridge and whose turn; the bridge and the inspector are the topic.
    terms = [t for t, _ in focus_of("一座桥梁每位检测员要巡查多久？", idf).terms]
    assert "一座" not in terms and "每位" not in terms
    assert "桥梁" in terms
    # Not before a noun, and not a grade (一类) or a length of time (一年): they stay.
    assert "一类" in [t for t, _ in focus_of("一类渔船需要年检吗？", idf).terms]
    assert "一年" in [t for t, _ in focus_of("一年检修几回？", idf).terms]


def test_article_numbers_are_not_figures():
    ask = quantity_ask("辞职以后，必须在多少天之内办完交接？")
    assert ask is not None
    assert not quantity_supported(ask, "第九十一条 公务员辞职或者被辞退，离职前应当办理公务交接手续。")
    assert not quantity_supported(ask, "（三）离职前应当办理公务交接手续；")
    assert quantity_supported(ask, "第九十一条 公务员辞职的，应当在三十日内办理公务交接手续。")


def test_counted_measures_and_clock_times():
    people = quantity_ask("董事会最少得有几个人？")
    assert people is not None and "人" in people.measures
    assert quantity_supported(people, "董事会由五人以上组成。")
    assert not quantity_supported(people, "民办学校应当设立董事会。")
    months = quantity_ask("最长要等几个月？")
    assert months is not None and quantity_supported(months, "应当在三个月内作出决定。")
    clock = quantity_ask("晚上几点以后不能提供网络游戏？")
    assert clock is not None and clock.kind == "clock"
    assert quantity_supported(clock, "每日二十二时至次日八时不得提供网络游戏服务。")
    assert quantity_supported(clock, "学生应当在下午5点以后离校。")
    assert not quantity_supported(clock, "会议提出了三点要求。")
    assert not quantity_supported(clock, "在一个时期内不得提供。")


def test_how_old_asks_for_an_age():
    age = quantity_ask("多大年纪才能当公务员？")
    assert age is not None and age.kind == "count"
    assert quantity_supported(age, "报考公务员，应当年满十八周岁。")
    assert not quantity_supported(age, "公务员达到国家规定的退休年龄的，应当退休。")


def test_how_much_time_asks_a_period_not_a_count_of_time():
    # 多少时间 asks how long, like 多长时间: 一小时 answers it though the sentence never says 时间.
    ask = quantity_ask("学生在校每天要安排多少时间的锻炼？")
    assert ask is not None and ask.kind == "period"
    assert quantity_supported(ask, "保障学生在校期间每天参加不少于一小时体育锻炼。")
    assert not quantity_supported(ask, "学校应当保证学生每天的锻炼时间。")


def test_a_period_is_stated_only_by_a_span_of_time():
    from assistant.evidence import states_span

    assert states_span("报纸合订本保存期限不少于十年。")
    assert states_span("旧报纸至少保留6个月。")
    assert states_span("重要报刊应当永久保存。")
    # A count of people, a sum or the numbering of a list states no span of time.
    assert not states_span("（二）报刊室配备管理员2名；")
    assert not states_span("第十一条 旧报纸按每公斤3元回收。")


def test_after_ji_any_measure_word_is_the_unit_asked():
    ask = quantity_ask("这个读书会自成立以来一共选过几届理事？")
    assert ask is not None and ask.kind == "count" and ask.measures == ("届",)
    # A term of years is no count of terms.
    assert not quantity_supported(ask, "读书会理事每届任期两年。")
    assert quantity_supported(ask, "读书会至今已选出五届理事。")
    # After 多少 the same character opens a noun: 多少家长 counts parents, it asks in no unit 家.
    parents = quantity_ask("开放日那天来了多少家长？")
    assert parents is not None and parents.measures != ("家",)


def test_how_often_asks_a_period_and_its_once_is_not_a_topic():
    # 多长时间…一次 asks how often: 一次 is the question's, and 每年 states the period.
    focus = focus_of("我们单位保管的档案，每隔多长时间审核一次？", flat_idf)
    terms = [t for t, _ in focus.terms]
    assert "一次" not in terms and "审核" in terms
    assert focus.quantity is not None and focus.quantity.kind == "period"
    assert focus.quantity.often and focus.quantity.noun == "审核"
    assert quantity_supported(focus.quantity, "机关、单位应当每年审核所确定的国家秘密。")
    # 定期 names no period, and a deadline (五日内) is not how often.
    assert not quantity_supported(focus.quantity, "机关、单位应当定期审核所确定的国家秘密。")
    assert not quantity_supported(focus.quantity, "应当自收到材料之日起五日内审核。")
    assert "一次" not in [t for t, _ in focus_of("几年换届一次？", flat_idf).terms]
    assert not focus_of("每隔多久开一次会？", flat_idf).terms
    # 一次 that is not part of a how-often question stays a topic word.
    assert "一次" in [t for t, _ in focus_of("这一次会议有多少人参加？", flat_idf).terms]


def test_from_which_day_is_the_question_and_now_frames_it():
    focus = focus_of("现在的档案法从什么时候开始生效？", flat_idf)
    terms = [t for t, _ in focus.terms]
    assert not {"是从", "开始", "现在"} & set(terms)
    assert focus.quantity is not None and focus.quantity.kind == "date"
    # A law 生效 on the day it 施行: the article that says when it 施行 covers the question.
    assert coverage(focus, "本法自2020年7月1日起施行。 中华人民共和国档案法") > coverage(
        focus, "本法的目的是加强档案管理。"
    )
    assert quantity_supported(focus.quantity, "本法自2020年7月1日起施行。")


def test_everyday_holiday_names_reach_the_official_ones():
    focus = focus_of("五一劳动节能休息几天？", flat_idf)
    assert coverage(focus, "（四）劳动节，放假2天（5月1日、2日）；") > coverage(focus, "法定工作日")
    assert coverage(focus_of("新年放几天？", flat_idf), "（一）元旦，放假1天（1月1日）；") == 1.0


def test_asking_what_papers_to_submit_asks_for_a_list():
    assert focus_of("办理转学需要补交什么证明？", flat_idf).wants_list
    assert focus_of("办理登记要带什么材料？", flat_idf).wants_list
    assert not focus_of("这个证明由哪个单位开具？", flat_idf).wants_list


def test_how_often_needs_a_frequency_of_the_thing_done():
    ask = quantity_ask("学校多长时间要组织学生体检一次？")
    assert ask is not None and ask.often and ask.noun == "体检"
    assert quantity_supported(ask, "学校每年组织学生体检一次。")
    assert quantity_supported(ask, "学生体检三年一次。")
    # A frequency of something else, or in another clause, does not answer.
    assert not quantity_supported(ask, "保障学生在校期间每天参加不少于一小时体育锻炼。")
    assert not quantity_supported(ask, "学校每学期开展一次安全教育，并配合做好学生体检。")
    # A verb of one character (开一次) says too little: the frequency must be of the body the clause names.
    meeting = quantity_ask("家长委员会多久开一次？")
    assert meeting is not None and meeting.often and meeting.noun == "委员会"
    assert quantity_supported(meeting, "家长委员会每学期至少召开一次。")
    assert not quantity_supported(meeting, "学生会每学期召开一次全体大会。")
    # A modal jieba joins to the verb (要查) is set aside; a clause naming nothing before the ask binds nothing.
    check = quantity_ask("新来的保安员的从业记录，多久要查一次？")
    assert check is not None and check.often and check.noun == ""
    assert quantity_supported(check, "学校每年对保安员的从业记录核查一次。")
    assert quantity_ask("村委会多久得开一回会？").noun == "村委会"  # an abbreviation names the body too


def test_how_often_a_body_meets_is_not_answered_by_another_bodys_meetings():
    ask = quantity_ask("学校的理事会多久召开一次会议？")
    assert ask is not None and ask.often and ask.meeting == ("理事会",)
    assert quantity_supported(ask, "理事会每学年至少召开两次会议。")
    assert not quantity_supported(ask, "监事会每学年至少召开一次会议。")
    # Every noun naming the body counts: the meals committee is not the school affairs committee.
    meals = quantity_ask("伙食委员会多久开一次会？")
    assert meals is not None and meals.meeting == ("伙食", "委员会")
    assert not quantity_supported(meals, "校务委员会每学期召开一次全体会议。")
    assert quantity_supported(meals, "伙食委员会每学期召开一次全体会议。")
    # A thing that is no body or meeting binds nothing beyond the act done.
    assert quantity_ask("图书馆多久要给书架除一次尘？").meeting == ()


def test_a_time_limit_counted_from_an_event_says_when():
    ask = quantity_ask("仲裁裁决要申请撤销，最迟哪天之前去办？")
    assert ask is not None and ask.kind == "date"
    assert quantity_supported(ask, "可以自裁决送达之日起六个月内提出撤销申请。")
    assert quantity_supported(ask, "应当在开学十日前公布。")
    assert not quantity_supported(ask, "当事人可以提出撤销申请。")


def test_a_rough_number_the_asker_states_is_not_a_figure_asked():
    # 十几个, 几十户, 几百人: a 几 beside 十, 百, 千 or 万 states a rough number.
    assert quantity_ask("我们村小一共才十几个老师，也要设家长委员会吗？") is None
    assert quantity_ask("几十名家长能一起去教育局反映吗？") is None
    asked = quantity_ask("学生会需要选几个委员？")
    assert asked is not None and asked.kind == "count"
    # 好几 (several), 这几 and 那几 (these few) state a number; 几乎 is "almost".
    assert quantity_ask("这件事拖了好几年才有人管，学校还要负责任吗？") is None
    assert quantity_ask("这几位老师都能参加评优，对吗？") is None
    assert quantity_ask("学生几乎天天迟到，学校该怎么处理？") is None
    days = quantity_ask("好几个家长来反映，学校要在几天内答复？")
    assert days is not None and days.kind == "period"


def test_a_question_whether_asks_a_figure_only_by_a_word_that_asks_one():
    # 期限 and 日期 name a figure; in a question whether (能不能, 是否, …吗) they ask none.
    assert quantity_ask("退休金领取资格能不能延长期限？") is None
    assert quantity_ask("补办手续是否有时限？") is None
    assert quantity_ask("开学日期可以推迟吗？") is None
    # 多久 asks one, in a question whether too; and outside one, 期限 asks for it.
    longest = quantity_ask("能不能延长期限，最多延长多久？")
    assert longest is not None and longest.kind == "period"
    named = quantity_ask("暂住证的有效期限是几年？")
    assert named is not None and named.kind == "period"
    date = quantity_ask("报名日期是哪天？")
    assert date is not None and date.kind == "date"


def test_a_word_that_names_a_figure_asks_it_only_in_a_clause_that_asks():
    # 期限 in a clause that only sets the scene asks no period: the clause that asks decides the kind.
    late = quantity_ask("试用期限内提出辞职，员工要赔偿多少钱？")
    assert late is not None and late.kind == "money"
    assert quantity_ask("租赁期限届满以后，仓库里的货物怎么处置？") is None
    asked = quantity_ask("见习期限一般定为几个月？")
    assert asked is not None and asked.kind == "period"
    named = quantity_ask("这份合同约定的期限是多长？")
    assert named is not None and named.kind == "period"


def test_how_many_with_the_everyday_measure_word_is_answered_by_any_measure_word():
    # 个 is the everyday measure: a text counts members in 人, grades in 级, doctors in 名.
    ask = quantity_ask("居委会要设几个委员？")
    assert ask is not None and ask.kind == "count"
    assert quantity_supported(ask, "居民委员会由委员五至七人组成。")
    assert not quantity_supported(ask, "居民委员会的委员由居民选举产生。")
    # The number of an article (第十六条) or an item (（二）) is a place in the text, not a count.
    grades = quantity_ask("这项资格分成几个等级？")
    assert grades is not None
    assert not quantity_supported(grades, "第十六条 资格的具体等级由主管部门规定。")
    assert quantity_supported(grades, "第十六条 资格分为初级、中级和高级三级。")


def test_a_figure_a_text_did_not_state_is_not_asked():
    # 没写…多久 says what the rules leave open; the question asks whether one may decide it.
    assert quantity_ask("制度里没写材料要保存多久，单位能不能自己定一个期限？") is None
    assert quantity_ask("文件没有规定几天内办结，怎么处理？") is None
    # Asked outright, or in a clause the not-stated words do not end, the figure is asked.
    ask = quantity_ask("材料要保存多久？")
    assert ask is not None and ask.kind == "period"
    ask = quantity_ask("制度里没写的，材料要保存多久？")
    assert ask is not None and ask.kind == "period"


def test_a_year_of_the_calendar_is_no_count_of_years():
    ask = quantity_ask("协会理事一届任期几年？")
    assert ask is not None
    assert not quantity_supported(ask, "2011年5月9日第二次修订。")
    assert not quantity_supported(ask, "二〇一一年修订。")
    assert quantity_supported(ask, "理事每届任期四年。")
    assert quantity_supported(ask, "理事每届任期5年，自2011年起计算。")


def test_a_day_of_the_calendar_is_no_count_of_days():
    ask = quantity_ask("植树活动一共要搞几天？")
    assert ask is not None and "天" in ask.measures
    assert not quantity_supported(ask, "每年三月十二日为植树节。")
    assert not quantity_supported(ask, "活动定于2024年4月5号举行。")
    assert quantity_supported(ask, "植树活动自三月十二日起开展，为期七天。")
    assert quantity_supported(ask, "活动持续10日。")
    months = quantity_ask("培训班要办几个月？")
    assert months is not None
    assert not quantity_supported(months, "培训班于九月一日开班。")
    assert quantity_supported(months, "培训班自九月一日开班，共办三个月。")


def test_a_one_character_object_after_the_measure_is_not_required():
    # 休几天假: the verb and its object split by the figure; a text may say the act in other words.
    leave = quantity_ask("志愿者服务满一年，能休几天假？")
    assert leave is not None and leave.noun == ""
    assert quantity_supported(leave, "服务满一年的志愿者可以休息五天。")
    # Without a measure word the word is what is counted, and a share of a body may answer it.
    votes = quantity_ask("选举主任要多少票？")
    assert votes is not None and votes.noun == ""
    assert quantity_supported(votes, "主任由全体委员过半数选举产生。")


def test_a_share_asked_of_a_whole_is_stated_of_that_whole():
    ask = quantity_ask("社团的活动经费要按会费收入的百分之几留作储备？")
    assert ask is not None and ask.kind == "ratio" and ask.noun == "会费收入"
    assert quantity_supported(ask, "每年按会费收入的10%留作储备金。")
    assert quantity_supported(ask, "储备金按照会费收入百分之五提取。")
    # A share of another whole, or a share named without a figure, states no share of the one asked.
    assert not quantity_supported(ask, "逾期未缴的，按应缴金额的百分之三加收滞纳金。")
    assert not quantity_supported(ask, "储备金按照会费收入的一定比例提取。")
    share = quantity_ask("奖学金按门票收入的多少比例发放？")
    assert share is not None and share.noun == "门票收入"
    assert quantity_supported(share, "奖学金按门票收入的3%提取。")
    # A share asked of no named whole is stated by any figure of a share.
    rate = quantity_ask("体检合格率要达到百分之几？")
    assert rate is not None and rate.noun == ""
    assert quantity_supported(rate, "合格率不低于百分之九十五。")


def test_a_list_answers_how_many_kinds_or_parts_and_its_length_is_the_count():
    from assistant.evidence import enumerated

    kinds = quantity_ask("社区服务站分为几个层次？")
    assert kinds is not None and kinds.listable
    assert enumerated("社区服务站分为街道站、社区站和楼栋点。") == 3
    assert quantity_supported(kinds, "社区服务站分为街道站、社区站和楼栋点。")
    assert not quantity_supported(kinds, "社区服务站应当设在交通便利的地方。")
    # Numbered items that follow the word opening the list are counted; those of another article are not.
    grants = quantity_ask("困难补贴包括几种？")
    listed = "困难补贴包括：（一）交通补贴；（二）餐费补贴；（三）通讯补贴。"
    assert grants is not None and quantity_supported(grants, listed) and enumerated(listed) == 3
    assert enumerated("街道应当履行下列职责。第五条 （一）巡查；（二）登记。") == 0
    assert enumerated("不得将服务站分为示范站和普通站。") == 0  # a division forbidden lists no kinds
    assert quantity_supported(quantity_ask("志愿者有几类？"), "志愿者分为常驻志愿者和临时志愿者。")  # type: ignore[arg-type]
    # 几个 counts anything: only a noun of kinds or parts, or a verb that divides, makes a list its answer.
    guards = quantity_ask("大门口要配几个保安？")
    assert guards is not None and not guards.listable
    assert not quantity_supported(guards, "门卫室包括值班、巡查和登记三项工作。")
    people = quantity_ask("评审组有几个人？")
    assert people is not None and not people.listable


def test_the_count_a_list_gives_leads_the_answer_only_when_it_is_one_and_not_written():
    from assistant.evidence import count_lead

    assert count_lead("志愿者有几类？", "志愿者分为常驻志愿者和临时志愿者。[1]") == "共两类："
    assert count_lead("困难补贴包括几种？", "困难补贴包括：（一）交通补贴；（二）餐费补贴；（三）通讯补贴。") == "共三种："
    # The text already writes the count (分为三级), two lists disagree, or the question counts people.
    assert count_lead("服务站分为几级？", "服务站分为三级：街道站、社区站和楼栋点。") == ""
    assert count_lead("志愿者有几类？", "志愿者分为甲和乙。[1]补贴包括丙、丁和戊。[2]") == ""
    assert count_lead("评审组有几个人？", "评审组包括组长和组员。") == ""


def test_the_verb_that_asks_for_a_list_is_no_topic_word_of_a_count_of_kinds():
    from assistant.evidence import focus_of

    terms = [t for t, _ in focus_of("社区服务站分为几类？", lambda t: 3.0).terms]
    assert "社区服务站" in terms or "服务站" in terms
    assert "分为" not in terms
    assert "分为" in [t for t, _ in focus_of("社区服务站怎么分为片区？", lambda t: 3.0).terms]


def test_the_kind_a_count_of_kinds_counts_is_no_topic_word():
    # 分为几个层次: a text lists the tiers (分为初级、中级和高级) without the word 层次.
    from assistant.evidence import focus_of

    terms = [t for t, _ in focus_of("园艺培训分为几个层次？", lambda t: 3.0).terms]
    assert "层次" not in terms and ("园艺培训" in terms or "园艺" in terms)
    assert "层次" in [t for t, _ in focus_of("园艺培训有哪些层次的课程？", lambda t: 3.0).terms]


def test_a_few_in_a_question_whether_asks_no_figure():
    # 几 in a clause that asks whether (能不能, 可不可以) means "a few": the question asks yes or no.
    assert quantity_ask("老师能不能请几天假去外地进修？") is None
    assert quantity_ask("天太热了，食堂可不可以停几周？") is None
    # After a personal pronoun it is "the few of us"; before a tag question the clause is a statement.
    assert quantity_ask("我们几个老师想一起开个兴趣班，可以吗？") is None
    assert quantity_ask("家长想带孩子出去玩几天，行不行？") is None
    # Asked outright, the figure is asked, before a tag-less second question too.
    days = quantity_ask("老师最多能请几天假？")
    assert days is not None and days.kind == "count"
    people = quantity_ask("兴趣班要有几个老师，谁来批？")
    assert people is not None and people.kind == "count"


def test_a_share_of_a_body_says_how_many_people():
    ask = quantity_ask("评优结果要多少名委员点头才算数？")
    assert ask is not None and ask.kind == "count"
    assert quantity_supported(ask, "评优结果须经评审委员会三分之二以上委员表决同意。")
    assert quantity_supported(ask, "评优名单经到会委员过半数同意后确定。")
    assert not quantity_supported(ask, "评优名单由委员会讨论确定。")
    # A share of a sum is no count of people: the fine is a share of a salary.
    assert not quantity_supported(ask, "评优材料造假的，扣发本人当年奖金的百分之三十。")
    # A share answers a count of people, not a count of days.
    days = quantity_ask("结果要挂出来几天？")
    assert days is not None and not quantity_supported(days, "结果须经半数以上评委表决同意。")


def test_a_lunar_date_says_when():
    ask = quantity_ask("村里的庙会是哪一天？")
    assert ask is not None and ask.kind == "date"
    assert quantity_supported(ask, "每年农历三月初三举办庙会。")
    assert quantity_supported(ask, "庙会于正月十五举行。")
    assert quantity_supported(ask, "庙会定在五月初五。")
    assert not quantity_supported(ask, "庙会每年举办，具体安排另行通知。")
    assert not quantity_supported(ask, "正月里各村轮流举办庙会。")


def test_the_measure_word_after_ji_is_cut_with_it_and_joins_no_noun():
    # 几本书 would leave 本书 ("this book"), a word no passage on how many books one may take holds.
    terms = [t for t, _ in focus_of("夏令营每人能带几本书？", flat_idf).terms]
    assert "夏令营" in terms
    assert not any(t.startswith("本") for t in terms)
    shelves = [t for t, _ in focus_of("哪几家书店承办这次展销？", flat_idf).terms]
    assert "书店" in shelves and not any(t.startswith("家") for t in shelves)
    # After 多少 the measure word may be missing: 多少家长 counts parents, whose word stays whole.
    assert "家长" in [t for t, _ in focus_of("茶话会请了多少家长？", flat_idf).terms]


def test_the_measure_a_figure_is_asked_in_is_no_topic_word():
    terms = [t for t, _ in focus_of("这台扫地机充满电能用几个钟头？", flat_idf).terms]
    assert "钟头" not in terms and "扫地机" in terms
    # A measure named without asking its figure stays: 小时 here is what is talked about.
    assert "小时" in [t for t, _ in focus_of("按小时收费的场馆有哪些？", flat_idf).terms]


def test_a_limit_or_a_modal_run_into_a_one_character_act_is_no_topic_word():
    # jieba reads 最多招几名 as 最 多招 and 每天可充几次 as 可充: the limit or the modal with the act, no word of a text.
    for question, kept, glued in (("夏令营最多招几名助教？", "夏令营", "多招"), ("这张会员卡每天可充几次？", "会员卡", "可充")):
        terms = [t for t, _ in focus_of(question, flat_idf).terms]
        assert kept in terms and glued not in terms, (question, terms)
    # A word that opens with such a character but names a thing stays whole: 多少 asks the amount of 能耗.
    assert "能耗" in [t for t, _ in focus_of("食堂的能耗多少？", flat_idf).terms]
    # Not before an asking word, 能干 is the adjective it is (a capable helper).
    assert "能干" in [t for t, _ in focus_of("表彰能干的志愿者要走什么程序？", flat_idf).terms]


def test_lexical_search_adds_official_words_that_coverage_does_not_accept():
    from assistant.evidence import official_wording

    # Search adds 未成年人 for 孩子 and 监督管理 for 监管 (search_terms.tsv) ...
    added = official_wording("孩子的上网由谁监管？").split()
    assert "未成年人" in added and "监督管理" in added
    # ... but the judge does not take them as the asker's words: the passage must still answer.
    assert coverage(focus_of("孩子的上网由谁监管？", flat_idf), "未成年人上网由网信部门监督管理。") < 1.0
    # Without dense ranking beside it, the search-only list is left out (it outranked the question's own words).
    assert "未成年人" not in official_wording("孩子的上网由谁监管？", everyday=False).split()


def test_a_bureau_is_searched_as_the_department_of_its_field():
    from assistant.evidence import official_wording

    assert official_wording("卫生局管什么").split()[-2:] == ["卫生行政部门", "卫生主管部门"]
    assert "行政部门" not in official_wording("学校的布局怎么调整")
    assert official_wording("这个格局怎么样") == ""


def test_entering_school_and_net_addiction_are_covered_by_the_official_words():
    # Rules and reports write 到校/入校 for 进校园, and 沉迷网络 for 网瘾 (short for 网络成瘾).
    focus = focus_of("手机进校园", flat_idf)
    assert coverage(focus, "确需带手机到校的学生须由家长书面申请。") == 1.0
    assert coverage(focus, "严格执行手机不进课堂规定。") < 1.0
    assert coverage(focus_of("识别网瘾", flat_idf), "提高教师对学生沉迷网络的早期识别能力。") == 1.0
    assert coverage(focus_of("识别网瘾", flat_idf), "提高教师对学生网络素养的早期识别能力。") < 1.0


def test_a_clause_of_time_and_calling_the_police_as_office_texts_say_them():
    # …的时候 sets up the case (as 如果 does), and names no topic; office texts write 报案 for what people call 报警.
    focus = focus_of("发现学生疑似被打的时候要报警吗？", flat_idf)
    assert "时候" not in [t for t, _ in focus.terms]
    assert coverage(focus, "学校发现学生疑似被打的，应当及时向公安机关报案。") == 1.0
    assert coverage(focus, "学校发现学生疑似被打的，应当及时告知家长。") < 1.0
