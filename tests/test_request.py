"""Reading a drafting request: request phrasing stripped, genre and named sub-topics found."""

from __future__ import annotations

import pytest

from assistant.genre import opening, title, written_heading
from assistant.request import (
    DEFAULT_GENRE,
    GENRES,
    asks_one_paragraph,
    done_facts,
    outline_in_topic,
    parse_request,
    parts_of,
    plain_heading,
    strip_request,
    with_subjects,
)


@pytest.mark.parametrize(
    ("text", "topic", "genre"),
    [
        ("起草一段汇报材料：我校加强食堂管理的情况", "我校加强食堂管理的情况", "汇报材料"),
        ("请帮我写一份关于学校食堂管理的自查报告", "学校食堂管理", "自查报告"),
        ("帮我写一篇工作总结，我校师德师风建设", "我校师德师风建设", "工作总结"),
        ("拟一份通知：做好学前教育招生工作", "做好学前教育招生工作", "通知"),
        ("我校健全完善议事决策机制的做法", "我校健全完善议事决策机制的做法", None),
        ("关于落实家庭教育促进法的情况报告", "落实家庭教育促进法", "情况报告"),
        # 年度 of a genre (…的年度总结) is dropped; of a date (2024年度) it is the time the draft covers.
        ("写一份食堂管理的年度总结", "食堂管理", "总结"),
        ("帮我写一份我校2024年度工作总结", "我校2024年度", "工作总结"),
        ("帮我写一份我校2024学年度工作总结", "我校2024学年度", "工作总结"),
    ],
)
def test_request_phrasing_and_genre_are_stripped(text: str, topic: str, genre: str | None) -> None:
    assert strip_request(text) == (topic, genre)


def test_genre_field_wins_and_unknown_genres_are_refused() -> None:
    assert parse_request("起草一段汇报材料：某项工作", genre="自查报告").genre == "自查报告"
    assert parse_request("某项工作").genre == DEFAULT_GENRE
    assert parse_request("写个总结：某项工作").genre == "工作总结"  # an alias of a genre
    # 请示报告 is everyday speech for a 请示, not a 情况报告 about a 请示.
    asked = parse_request("起草一份关于维修操场的请示报告")
    assert (asked.topic, asked.genre) == ("维修操场", "请示")
    with pytest.raises(ValueError, match="文种"):
        parse_request("某项工作", genre="诗歌")
    with pytest.raises(ValueError, match="主题"):
        parse_request("帮我写一篇汇报")
    assert set(GENRES) >= {"汇报材料", "自查报告", "工作总结", "情况报告", "请示", "通知"}


@pytest.mark.parametrize(
    ("topic", "items", "bare"),
    [
        ("我校加强食堂管理（采购验收、从业人员、卫生检查）的情况", ["采购验收", "从业人员", "卫生检查"], "我校加强食堂管理的情况"),
        ("学前教育（普惠性资源，保教质量；教师队伍）", ["普惠性资源", "保教质量", "教师队伍"], "学前教育"),
        ("我校师德师风建设和民主管理的情况", ["师德师风建设", "民主管理"], "我校师德师风建设和民主管理的情况"),
        ("我校党建经费保障、支委会建设和师德考核情况", ["党建经费保障", "支委会建设", "师德考核"], None),
        ("家校共育工作：一是家长学校，二是家访制度，三是家委会", ["家长学校", "家访制度", "家委会"], "家校共育工作"),
    ],
)
def test_named_subtopics_become_the_outline(topic: str, items: list[str], bare: str | None) -> None:
    found, rest = outline_in_topic(topic)
    assert found == items
    assert rest == (bare or topic)


@pytest.mark.parametrize(
    "topic",
    ["我校家长参与学校管理的情况", "校长与书记沟通的做法", "我校健全完善议事决策机制的做法", "安全与应急管理工作"],
)
def test_a_single_subject_is_not_split(topic: str) -> None:
    assert outline_in_topic(topic) == ([], topic)


def test_caller_outline_wins_over_the_request() -> None:
    req = parse_request("我校加强食堂管理（采购验收、从业人员）的情况", outline=["甲", " ", "乙"])
    assert req.outline == ("甲", "乙") and req.outline_from == "caller"
    req = parse_request("我校加强食堂管理（采购验收、从业人员）的情况")
    assert req.outline == ("采购验收", "从业人员") and req.outline_from == "request"
    assert req.topic == "我校加强食堂管理的情况"


@pytest.mark.parametrize(
    ("text", "genre"),
    [
        ("关于我校推进课后服务情况的汇报材料（课程安排、收费管理）", "汇报材料"),
        ("我校推进课后服务情况汇报（课程安排、收费管理）", "汇报材料"),
        ("关于我校推进课后服务情况的自查报告（课程安排、收费管理）", "自查报告"),
    ],
)
def test_a_genre_word_before_a_bracketed_list_is_request_phrasing(text: str, genre: str) -> None:
    """The list comes out as the outline, and the genre word it followed is stripped as it is at the end of a
    topic: the title and opening never say the genre twice (…的汇报材料的汇报材料, …情况汇报有关情况汇报如下)."""
    req = parse_request(text)
    assert req.outline == ("课程安排", "收费管理") and req.genre == genre
    assert req.topic == parse_request(text[: text.index("（")]).topic == "我校推进课后服务情况"


@pytest.mark.parametrize(
    ("text", "length"),
    [("写一份总结，两千字左右", 2000), ("800字", 800), ("一千五百字上下", 1500), ("九百字", 900), ("简短点", None)],
)
def test_length_is_read_from_the_request(text: str, length: int | None) -> None:
    assert parse_request(f"{text}：学校安全工作").length == length or parse_request(text + "，学校安全工作").length == length


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("我是教务主任，帮我写份汇报，主要讲课后服务、作业管理、睡眠管理这三块，1200字。", ["课后服务", "作业管理", "睡眠管理"]),
        ("麻烦按师资、场地、经费三个方面写一份情况报告", ["师资", "场地", "经费"]),
        ("帮我写个总结，两点：食堂管理怎么抓的；校车安全怎么管的。", ["食堂管理怎么抓的", "校车安全怎么管的"]),
        ("帮我写段汇报，先讲清楚法律上的要求，再讲我们学校是怎么做的", ["法律上的要求", "我校是怎么做的"]),
        ("写个情况报告，讲家访制度、家长会，再加上家委会的作用", ["家访制度", "家长会", "家委会的作用"]),
        ("给班主任拟个通知，讲清楚晨检和午检的要求", ["晨检", "午检"]),
        ("写份总结，把安全教育和应急演练都写进去", ["安全教育", "应急演练"]),
        ("主任叫我把图书漂流和午间阅读写进学期小结", ["图书漂流", "午间阅读"]),
        ("把本学期的操场维修那一摊和食堂账目写入年终总结，九百字", ["操场维修", "食堂账目"]),
        ("总结分两点写：上个月的防汛值守、今年的校舍排查", ["防汛值守", "校舍排查"]),
        ("书记要我把党员学习、支部活动这几块整理成汇报", ["党员学习", "支部活动"]),
        ("写份情况报告，说明两块：一个是门卫登记，另一个是夜间巡查", ["门卫登记", "夜间巡查"]),
        # A list said as a clause of its own, with what the next clause adds to it.
        ("帮我写总结里短板那一块，教室太挤、食堂排队这些，再加上午休怎么安排的，800字。", ["教室太挤", "食堂排队", "午休怎么安排的"]),
        ("帮我理一下消防法里讲学校的几条，谁来检查、多久演练一次、器材怎么配，900字。", ["谁来检查", "多久演练一次", "器材怎么配"]),
        # The ask and the document before the first part, and 把…说清楚 around a list, are no part of it.
        ("年终总结里帮我把食堂、宿舍、图书馆这三块写出来", ["食堂", "宿舍", "图书馆"]),
        ("帮我拟个通知，下周体检，把地点、带什么、空腹要求说清楚", ["地点", "带什么", "空腹要求"]),
        # A law the parts are read against opens the first one; the parts are what it asks about.
        ("写个情况报告，对照消防那个条例讲讲我们值班怎么排的、器材怎么查的", ["值班怎么排的", "器材怎么查的"]),
        ("讲讲那个食品安全法对食堂有啥要求、对供货商有啥要求", ["对食堂有啥要求", "对供货商有啥要求"]),
        # 重点是甲和乙: the parts to dwell on.
        ("报一下安全工作，重点是防火和防踩踏这些演练", ["防火", "防踩踏这些演练"]),
        # How a thing went is asked after, not named: a two-character verb goes with 得怎么样.
        ("写个情况报告，一是错峰放学执行得怎么样，二是门口停车的问题", ["错峰放学", "门口停车的问题"]),
        # 这些方面 before 做得怎么样: each tail comes off, the inner one too.
        ("写个自查报告，看看我们食堂进货查验、餐具消毒这些方面做得怎么样", ["食堂进货查验", "餐具消毒"]),
    ],
)
def test_everyday_requests_name_their_parts(text: str, parts: list[str]) -> None:
    req = parse_request(text)
    assert list(req.outline) == parts and req.outline_from == "request"
    for shown in (req.topic, *req.outline):
        assert "帮我" not in shown and "写" not in shown and "字" not in shown


def test_one_thing_put_into_a_report_is_no_list_of_parts() -> None:
    req = parse_request("把校园绿化写进今年的总结")
    assert not req.outline and "绿化" in req.topic


def test_everyday_request_keeps_its_matter_and_genre() -> None:
    req = parse_request("我是校长，下周局里检查，请帮我写个情况报告，说说我们学校课后服务是怎么开展的，800字左右。")
    assert req.genre == "情况报告" and req.length == 800 and not req.outline
    assert req.topic == "我校课后服务是怎么开展的"


@pytest.mark.parametrize(
    ("heading", "role", "plain"),
    [
        ("值周制度和家委会的法律依据", "policy", "值周制度和家委会"),
        ("法律对班主任的要求", "policy", "班主任"),
        ("我校自己是怎么做的", "own", None),
        ("我们学校的评优做法", "own", None),
        ("工资待遇", None, None),
    ],
)
def test_a_heading_may_ask_for_a_role(heading: str, role: str | None, plain: str | None) -> None:
    from assistant.request import role_asked, without_basis_words

    assert role_asked(heading) == role
    if plain:
        assert without_basis_words(heading) == plain


def test_plain_heading_drops_question_words_only() -> None:
    from assistant.request import plain_heading

    assert plain_heading("考核怎么搞的") == "考核"
    # Spoken asking words read as their standard form (啥 → 什么), and 什么时候 is one of them.
    assert plain_heading("对家长有啥要求").split() == ["对家长有", "要求"]
    assert plain_heading("啥时候开始报名") == "开始报名"
    assert plain_heading("膳食委员会怎么开会") == "膳食委员会 开会"
    assert plain_heading("议事决策") == "议事决策"
    # A written heading on what is forbidden is searched by the word rules forbid with.
    assert plain_heading("幼儿园不得从事的行为") == "幼儿园不得"
    assert plain_heading("学校要管的事项") == "学校要管"


def test_a_heading_that_opens_with_a_question_word_takes_the_subject_before_it() -> None:
    assert with_subjects(["我校班干部是怎么产生的", "怎么轮换的"]) == ["我校班干部是怎么产生的", "我校班干部怎么轮换的"]
    assert with_subjects(["谁来抓、怎么分工", "考核怎么搞的"]) == ["谁来抓、怎么分工", "考核怎么搞的"]
    assert with_subjects(["经费", "怎么使用的"]) == ["经费", "怎么使用的"]  # no subject before a question word


def test_everyday_prohibitions_read_as_a_rule_would_word_them() -> None:
    assert plain_heading("不许乱摆摊乱停车").split() == ["不得", "摆摊", "停车"]
    assert plain_heading("假期不准组织集体补课") == "假期不得 组织集体补课"


def test_the_words_that_open_a_listed_set_of_parts_name_the_matter() -> None:
    r = parse_request("开学前给各班发个通知，强调安全管理：上下楼梯靠右走、午休不许外出、放学按时离校。")
    assert (r.topic, r.genre) == ("安全管理", "通知")
    assert r.outline == ("上下楼梯靠右走", "午休不许外出", "放学按时离校")
    # A count before the colon names nothing: the parts stand for the matter.
    counted = parse_request("帮我写份总结，分三点写：一是课后服务；二是食堂管理；三是校园安全。")
    assert counted.topic == "课后服务、食堂管理、校园安全"


def test_a_part_added_with_also_is_a_sub_topic_beside_what_the_first_clause_does() -> None:
    r = parse_request("想在三楼给新生办个读书角，顺便把书法社团也建起来，帮我给街道写个请示。")
    assert r.outline == ("读书角", "书法社团")
    assert r.genre == "请示"
    assert "帮我" not in r.topic and "街道" not in r.topic


def test_a_law_the_request_says_to_draw_on_is_kept_for_searching_not_as_the_topic() -> None:
    r = parse_request("想在三楼给新生办个读书角，顺便把书法社团也建起来，帮我写个请示，引用教师法那几条写。")
    assert r.basis == ("教师法",)
    assert "教师法" not in r.topic
    assert parse_request("根据《中华人民共和国教师法》写一份师德建设情况报告").topic == "师德建设"
    assert parse_request("帮我写份汇报材料，讲师德师风和课后服务两块").basis == ()


@pytest.mark.parametrize(
    ("heading", "parts"),
    [
        ("值周制度和家委会", ["值周制度", "家委会"]),
        ("考核、培训", ["考核", "培训"]),
        ("教育教学和行政管理", ["教育教学", "行政管理"]),
        ("校长与书记沟通", []),  # 和/与 between short words joins one thing
        ("防欺凌", []),
        # The 、 joins two words inside one phrase that names one thing (给视力、听力残疾学生提供的服务).
        ("在考试和集体活动中给视力、听力残疾学生提供的服务", []),
    ],
)
def test_the_things_a_heading_names_side_by_side(heading: str, parts: list[str]) -> None:
    assert parts_of(heading) == parts


@pytest.mark.parametrize(
    ("text", "topic", "genre"),
    [
        ("写一份自查报告（师德师风、安全工作）", "师德师风和安全工作", "自查报告"),
        ("帮我写个工作总结(党建、教学、后勤)", "党建、教学和后勤", "工作总结"),
    ],
)
def test_a_bracketed_list_right_after_the_genre_is_the_outline_and_names_the_topic(
    text: str, topic: str, genre: str
) -> None:
    req = parse_request(text)
    assert req.genre == genre and req.outline_from == "request"
    assert "、".join(req.outline) == topic.replace("和", "、")
    assert req.topic == topic  # never empty: the items themselves are the matter


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("帮我写一段话，讲讲我校议事决策的做法", True),
        ("写一小段我校家长学校的情况", True),
        ("述职报告最后要加一段下学期的工作安排", True),
        ("写段汇报，讲讲我们学校的课后服务", True),
        ("帮我写份汇报材料，讲讲我校一段时间以来的课后服务", False),
        ("把第一段改成我校的情况", False),
        ("帮我写份汇报材料，讲议事决策和干部管理两块", False),
    ],
)
def test_a_request_for_one_paragraph_is_told_from_one_for_a_report(text: str, asked: bool) -> None:
    assert asks_one_paragraph(text) is asked
    assert parse_request(text).paragraph is asked


def test_everyday_asks_occasions_and_issuers_are_not_the_topic() -> None:
    # 把…搞个样稿: what is worked on; a stretch of time as the matter is that time's work.
    r = parse_request("刘书记叫我把上半年的总结尽快搞个样稿，重点写两块：安保、招生")
    assert (r.topic, r.genre, r.outline) == ("上半年工作", "工作总结", ("安保", "招生"))
    # An occasion (…要到…看看) and the material used (拿…材料) name no matter; 弄一份 is a verb of writing.
    r = parse_request("督导组月底要到学校看看，你帮我拿本学期总结的材料弄一份汇报，别写太长")
    assert (r.topic, r.genre) == ("本学期工作", "汇报材料")
    r = parse_request("麻烦以少先队大队部名义出个六一儿童节游园活动的通知")
    assert (r.topic, r.genre) == ("六一儿童节游园活动", "通知")
    # After 给, a unit is the addressee and anything else the matter.
    assert parse_request("给学校校车做个自查，对照一下司机资质、车辆年检这两条，看咱们都达到没有").topic == "学校校车"
    assert "文教局" not in parse_request("麻烦帮我给区文教局起草个请示，申请更换课桌椅").topic


def test_parts_named_in_everyday_words() -> None:
    r = parse_request("给学校校车做个自查，对照一下司机资质、车辆年检这两条，看咱们都达到没有")
    assert r.outline == ("司机资质", "车辆年检")
    r = parse_request("帮学校补学期总结中后勤保障、存在短板这两块")
    assert r.outline == ("后勤保障", "存在短板")
    r = parse_request("帮我把档案法里关于归档范围和借阅手续的规定捋一捋")
    assert r.outline == ("归档范围", "借阅手续")
    r = parse_request("写个汇报，讲讲全区家长学校和家访工作干了哪些事情")
    assert r.outline == ("全区家长学校", "家访工作")


def test_the_unit_a_request_is_written_for() -> None:
    from assistant.request import voice_named

    assert parse_request("我是区局督导室的，帮我起草全区校园绿化情况报告").voice == "我局"
    assert voice_named("替咱们园向镇中心校起草请示，申请修缮围墙") == "我园"  # the addressee is not the writer
    assert voice_named("以学校德育处的名义出个元旦放假的通知") == "我校"
    assert voice_named("你照着园里的资料写个总结") == "我园"
    assert voice_named("局里催着要数据，帮我弄份汇报") == ""  # who asks for it may not be who writes it
    assert voice_named("帮我起草图书馆管理情况报告") == ""


def test_everyday_questions_as_sub_headings_are_searched_in_the_documents_words() -> None:
    from assistant.request import plain_heading

    assert plain_heading("教师持证上岗达没达标") == "教师持证上岗达标"
    assert plain_heading("宣传栏用字规不规范") == "宣传栏用字规范"
    assert plain_heading("有没有乱收费") == "收费"
    assert plain_heading("学生参加社团那些事") == "学生参加社团"


def test_a_part_added_after_then_is_a_sub_topic_beside_what_the_first_clause_works_on() -> None:
    r = parse_request("替咱们园向镇中心校起草请示，想把园里的围墙补一补，再组织保育员参加一次培训，理由写详细点")
    assert r.outline == ("园里的围墙", "组织保育员参加一次培训")
    assert "详细" not in r.topic and r.genre == "请示"


def test_a_numbered_list_in_the_request_is_the_outline() -> None:
    r = parse_request("拟一份汇报，分三点：1.午间托管 2.兴趣小组 3.家访记录，1100字")
    assert r.outline == ("午间托管", "兴趣小组", "家访记录")
    assert r.length == 1100
    r = parse_request("写一份汇报，内容：1、花坛养护；2、旧书回收；3、节约用纸。950字")
    assert r.outline == ("花坛养护", "旧书回收", "节约用纸")
    r = parse_request("起草一份情况报告：（1）琴房开放（2）器乐社团")
    assert r.outline == ("琴房开放", "器乐社团")
    # A decimal is no number of a list.
    assert parse_request("写份汇报，讲讲食材价格上涨1.5倍的影响").outline == ()


def test_parts_named_as_aspects_a_sub_topic_is_from() -> None:
    r = parse_request("请从校车管理、门卫值守、应急演练几个方面写一份情况报告，1050字")
    assert r.outline == ("校车管理", "门卫值守", "应急演练")
    assert not r.topic.startswith("从")
    # 甲、乙和丙: the last item joined by 和 is an item of its own.
    r = parse_request("写一份总结，从教材征订、图书借阅和实验耗材三个方面来写")
    assert r.outline == ("教材征订", "图书借阅", "实验耗材")
    assert parse_request("我要一份期末总结，写写值周、广播站和校报，两千一百字").outline == ("值周", "广播站", "校报")


def test_no_request_words_in_the_topic_or_the_parts() -> None:
    r = parse_request("围绕跳绳比赛和眼保健操写一段汇报材料，要求800字")
    assert r.outline == ("跳绳比赛", "眼保健操")
    assert "写" not in r.topic and "字" not in r.topic
    r = parse_request("请围绕走班选课写一份汇报材料，重点讲排课、选课指导、学分认定")
    assert r.topic == "走班选课"
    assert r.outline == ("排课", "选课指导", "学分认定")
    r = parse_request("帮我写一份通知：关于开展冬季长跑的通知，要求600字")
    assert r.topic == "开展冬季长跑" and r.outline == ()
    r = parse_request("给学校写一份关于食品留样情况的自查报告，按留样柜、留样记录、留样时长来写，要求1250字")
    assert r.outline == ("留样柜", "留样记录", "留样时长")
    assert parse_request("你看着写一份汇报，关于课间十分钟的，重点讲安全和活动").topic == "课间十分钟"
    assert parse_request("帮我写段话，介绍一下我校的鼓号队，350字").topic == "我校的鼓号队"
    assert parse_request("我想写一篇工作总结，主要是学校晨检和卫生工作，1550字").topic == "学校晨检和卫生工作"
    # The ask and its genre alone name no matter: the parts do.
    r = parse_request("街道要我们报个情况报告，讲讲托管开展情况和收费情况，800字")
    assert r.topic != "情况报告" and r.outline == ("托管开展情况", "收费情况")


def test_request_words_left_in_a_phrase_are_removed() -> None:
    from assistant.request import without_request_words

    assert without_request_words("校园绿化写一段汇报材料") == "校园绿化"
    assert without_request_words("冬季长跑要求600字左右") == "冬季长跑"
    assert without_request_words("校园绿化") == "校园绿化"


def test_a_list_of_the_parts_is_no_stress_of_its_own() -> None:
    r = parse_request("帮我弄个总结，重点讲三件事：值周、广播站、校报，1250字")
    assert r.outline == ("值周", "广播站", "校报")
    assert r.stress == ()
    assert parse_request("帮我写个总结，心理健康这块是重点").stress == ("心理健康",)


def test_the_rule_to_check_against_and_the_verb_of_checking_are_no_matter() -> None:
    # 对照…查一下… names the rule and the act of checking before the matter; a 自查报告 would open 对对照….
    r = parse_request("对照新的考勤办法查一下本校教师请假的情况，出一份自查报告")
    assert r.topic == "本校教师请假的情况" and r.genre == "自查报告"
    r = parse_request("对照档案法给学校档案管理做个自查")
    assert r.topic == "学校档案管理"
    assert parse_request("查查学生宿舍的消防，写个汇报").topic == "学生宿舍的消防"
    # The ask before the basis does not hide the law to draw on.
    assert parse_request("帮我对照档案法查一下学校档案管理，出个自查报告").basis == ("档案法",)


def test_a_length_in_chinese_numerals_is_read_whole() -> None:
    from assistant.request import length_of

    assert length_of("写个总结，八百五十字左右") == 850
    assert length_of("一千五百字上下") == 1500 and length_of("一千五字") == 1500
    assert length_of("两千字") == 2000 and length_of("写个总结") is None


def test_we_with_the_kind_of_unit_is_that_units_own_word() -> None:
    from assistant.request import ours

    assert ours("我们园的午睡管理") == "我园的午睡管理"
    assert ours("咱们局里的档案整理") == "我局的档案整理"
    assert ours("我们三幼的户外活动") == "我园的户外活动"
    assert ours("我们七中的社团") == "我校的社团"
    assert ours("我们学校的图书角") == "我校的图书角"
    assert ours("我们园长要求的事") == "我校园长要求的事"  # 园长 is a person, not the unit


def test_who_wants_to_learn_and_the_unit_that_tells_are_not_the_matter() -> None:
    r = parse_request("县妇联想知道我们园怎么安排午睡，帮忙写个情况报告，600字左右。")
    assert r.topic == "我园怎么安排午睡"
    r = parse_request("市里专题会要听我们局介绍校车管理，帮我写个汇报材料，讲两点：司机怎么把关、出过哪些事故。")
    assert r.topic == "校车管理"
    assert r.outline == ("司机怎么把关", "出过哪些事故")


def test_a_visit_or_a_meeting_is_the_occasion_not_the_matter() -> None:
    # A visit said without a modal verb (市里来检查), or in everyday verbs (走一走): what follows is the matter.
    assert parse_request("省里来督导读书活动开展情况，帮我写个汇报材料").topic == "读书活动开展情况"
    r = parse_request("月底市里来学校走一走，帮我弄个汇报材料，讲两块：图书借阅、课间游戏")
    assert "走" not in r.topic and "市里" not in r.topic
    assert r.outline == ("图书借阅", "课间游戏")
    # A meeting: what it is to study is the matter; a meeting and nothing else names none.
    assert parse_request("周五召开班主任会议学习未成年人保护法，帮我写个学法材料，讲两点：学校的职责、家长的职责").topic == (
        "未成年人保护法"
    )
    r = parse_request("校里开家委会，给大家讲讲春游的几条规矩：不准独自离队、不准下水")
    assert "家委会" not in r.topic


def test_the_words_that_ask_to_look_at_a_matter_are_no_part_of_it() -> None:
    r = parse_request("帮我写个自查报告，对照安全管理条例，看看我们学校宿舍区夜间巡查做得怎么样")
    assert r.topic == "我校宿舍区夜间巡查"


def test_a_law_to_check_against_for_a_unit_names_no_matter() -> None:
    r = parse_request("按食品安全法替我们食堂检查一遍，写个自查报告，查两块：午餐、饮水")
    assert "对照" not in r.topic and "食品安全法" not in r.topic
    assert r.outline == ("午餐", "饮水")


def test_the_matter_is_not_what_the_parts_are_for() -> None:
    # 把理由讲清楚：… says what the parts serve; the matter is the clause before it.
    req = parse_request("帮我给教育局写个请示，想给学校添一间录播教室，把理由讲清楚：现在上课怎么录的、老设备用得怎么样")
    assert req.topic == "想给学校添一间录播教室" and req.genre == "请示"
    # …都要写 says what to include; the matter is the clause the 把 fronts.
    req = parse_request("对照体育法，把我们学校体育课搞得怎么样写个自查，好的差的都要写")
    assert req.topic == "我校体育课" and req.genre == "自查报告"
    # The part of a document named before the matter (年终总结里…这一块) is no part of it.
    assert parse_request("帮我写年终总结里食堂管理这一块，采购、留样这些都要写到").topic == "食堂管理"


def test_our_school_bus_stays_a_school_bus() -> None:
    from assistant.request import ours

    assert ours("我们校车跑得怎么样") == "我校校车跑得怎么样"
    assert ours("我们校园绿化") == "我校校园绿化"
    assert ours("我们园的伙食") == "我园的伙食"


def test_who_the_paper_is_for_is_not_its_matter() -> None:
    req = parse_request("帮我写个材料给新教师培训用，讲讲那个食品安全法对食堂有啥要求、对供货商有啥要求，800字。")
    assert req.outline == ("对食堂有啥要求", "对供货商有啥要求")
    assert "材料" not in req.topic and "给新教师" not in req.topic


def test_the_everyday_za_is_our_own_unit() -> None:
    from assistant.request import ours

    assert ours("咱县里的学校") == "我县里的学校" and ours("咱局") == "我局"
    # What a list opens on names the matter, without the asking tail or the everyday 咱.
    req = parse_request("区里要材料，讲讲咱园按规定抓了啥：晨检、午睡值守，900字。")
    assert req.topic == "我园按规定" and req.outline == ("晨检", "午睡值守")
    assert parse_request("光说咱校食堂这块：采购、留样、陪餐").topic == "我校食堂"


@pytest.mark.parametrize(
    ("text", "addressee"),
    [
        ("帮我给区教育局写个请示：申请增加2名心理健康教师编制", "区教育局"),
        ("给区里教育局写的请示，关于更换课桌椅", "区教育局"),  # spoken 区里 is written 区
        ("向县教育局请示增开校车线路", "县教育局"),
        ("帮我给街道写个请示", "街道"),
        ("写个请示给区教育局，申请维修操场", "区教育局"),
        ("写个通知：开展消防演练", ""),
        ("以县局名义给全县各校发个通知，布置期末考试", "全县各校"),  # the units a notice goes to
        ("给全市中小学、幼儿园发个通知，做好防汛工作", "全市中小学、幼儿园"),  # kinds listed with 、 or 和
        ("给各中小学和各幼儿园发个通知，做好开学准备", "各中小学和各幼儿园"),
        ("给学校宿舍管理做个自查", ""),  # what the paper is about, not whom it goes to
        ("按照区教育局的要求写自查报告", ""),  # whose requirement it follows
        ("给我们学校写个请示", ""),  # the writer, not the addressee
        ("写个报名中心的通知", ""),  # 报 of 报名 sends nothing
        ("给予资助中心表彰的通知", ""),  # nor 给 of 给予
    ],
)
def test_whom_a_document_goes_to_is_read_from_the_request(text: str, addressee: str) -> None:
    from assistant.request import addressee_named

    assert addressee_named(text) == addressee
    assert parse_request(text).addressee == addressee


@pytest.mark.parametrize(
    ("text", "topic", "genre"),
    [
        ("向县教育局请示增开校车线路", "增开校车线路", "请示"),
        ("报给镇政府的情况报告：防汛工作", "防汛工作", "情况报告"),
        ("向区教育局汇报我校课后服务开展情况", "我校课后服务开展情况", "汇报材料"),
        ("向区教育局申请维修操场", "申请维修操场", "汇报材料"),  # the ask stays the matter
        ("局里要来检查食堂，写个自查报告", "食堂", "自查报告"),
        ("帮我起草一份报区教育局的请示：申请维修操场", "申请维修操场", "请示"),  # who comes is the occasion; what they check, the matter
    ],
)
def test_whom_a_document_goes_to_is_no_part_of_its_matter(text: str, topic: str, genre: str) -> None:
    asked = parse_request(text)
    assert (asked.topic, asked.genre) == (topic, genre)


def test_verbs_of_putting_in_order_ask_for_the_draft() -> None:
    # 理一下, 梳理, 捋一捋 ask for the draft like 整理; 理 alone starts a word of the matter (理想).
    assert parse_request("帮我理一下国防教育法里讲学校的那几条").topic == "国防教育法里讲学校的那几条"
    assert parse_request("帮我梳理校车安全管理条例中学校的责任").topic == "校车安全管理条例中学校的责任"
    assert parse_request("捋一捋我校食堂管理的情况").topic == "我校食堂管理的情况"
    assert parse_request("理想信念教育的汇报").topic == "理想信念教育"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # What the request is for, said first, is not its matter: the policy asked about, and its parts, are.
        ("我们家长学校下个月要办一期讲座，讲讲那个管孩子上网的条例对家长有啥要求、对游戏公司有啥要求，800字",
         "那个管孩子上网的条例对家长有啥要求、对游戏公司有啥要求"),
        ("家长学校讲课用：讲讲未成年人网络保护条例对家长有啥要求、对游戏公司有啥要求",
         "未成年人网络保护条例对家长有啥要求、对游戏公司有啥要求"),
        ("给家长讲讲那部管幼儿园的法对家长有啥要求、对培训机构有什么要求", "那部管幼儿园的法对家长有啥要求、对培训机构有什么要求"),
        # A list a matter opens is still that matter's.
        ("强调安全管理：食堂、宿舍、校车", "安全管理"),
    ],
)
def test_the_matter_is_the_policy_asked_about_not_the_occasion(text: str, topic: str) -> None:
    assert parse_request(text).topic == topic


def test_material_to_study_or_talk_from_is_a_genre() -> None:
    assert parse_request("帮我写个讲稿：未成年人网络保护条例中与学校有关的规定").genre == "发言稿"
    assert parse_request("整理一份学习资料：学前教育法的主要规定").genre == "学习材料"


def test_the_verb_of_checking_governs_the_list_and_is_no_part_of_its_first_item() -> None:
    checked = parse_request("帮我们学校写个自查报告，对照某某法，查一下防欺凌、学生带手机、心理健康这几块做得怎么样")
    assert checked.outline == ("防欺凌", "学生带手机", "心理健康")
    assert checked.topic == "防欺凌、学生带手机、心理健康"
    notice = parse_request("我是县教育局的，帮我写个通知，让各幼儿园对照某某法排查一下收费和小学化的问题")
    assert notice.outline[0] == "收费" and notice.addressee == "各幼儿园"
    # A notice on a check keeps its verb (a 自查报告 says 自查 of itself): 关于排查收费、小学化问题的通知.
    assert notice.topic == "排查收费、小学化的问题"
    assert title(notice.topic, notice.genre) == "关于排查收费、小学化问题的通知"
    assert parse_request("写个自查报告：查验制度和食品留样").outline == ("查验制度", "食品留样")  # 查验 is no 查一下


def test_a_study_papers_matter_says_no_study_nor_the_disposal_marker_and_its_list_no_genre() -> None:
    # The genre says 学习 already: not 关于学习…的学习材料.
    assert parse_request("写一份学习材料，学习某某法中学校保护那一章").topic == "某某法中学校保护那一章"
    # 把这部法梳理一下: the 把 whose verb was left out opens no written matter; 把握 is a word of its own.
    request = parse_request("我是园长，帮我把这部管幼儿园的法梳理一下：对老师有哪些要求，幼儿园不能干啥，写个学习材料，1000字左右")
    assert request.topic == "这部管幼儿园的法"
    # …，写个学习材料: the clause that asks for the genre is no part of the list.
    assert request.outline == ("对老师有哪些要求", "幼儿园不能干啥")
    assert parse_request("写一段汇报材料：把握新课标要求的做法").topic.startswith("把握")


def test_two_questions_told_one_after_the_other_are_two_parts() -> None:
    request = parse_request("给幼儿园老师写一份师德学习材料，讲讲法律对幼儿园老师有哪些要求，哪些事情老师绝对不能做")
    assert request.outline == ("法律对幼儿园老师有哪些要求", "哪些事情老师绝对不能做")
    # The question word said first, and the adverb of emphasis, are no part of a written heading.
    assert written_heading("哪些事情老师绝对不能做") == "老师不得从事的行为"
    assert written_heading("哪些行为要处罚") == "要处罚哪些行为"


@pytest.mark.parametrize(
    ("text", "done"),
    [
        (
            "学校办公室要写一份国防教育工作情况报告交给县教育局，我们把国防教育列入了教学计划，九月份组织了主题班会，还请了人武部的同志来讲课",
            ("我校把国防教育列入了教学计划", "九月份组织了主题班会", "请了人武部的同志来讲课"),
        ),
        ("写个安全工作总结，我们学校已经完成了校舍排查", ("我校已经完成了校舍排查",)),
        # The ask, a question, a state reached and another body's deed are no deeds of ours.
        ("期末考试结束了，给家长写封信", ()),
        ("写个情况报告，讲讲查了多少、培训搞得咋样、花了多少钱", ()),
        ("局里下发了通知，要我们写个自查报告", ()),
        ("为了迎接检查，帮我写一份汇报材料", ()),
        ("写个发言稿，让孩子们知道被打了可以找谁", ()),  # a case (了 then 可以) and a question, not a deed
    ],
)
def test_what_the_request_says_the_unit_has_done(text: str, done: tuple[str, ...]) -> None:
    assert done_facts(text) == done


def test_the_matter_named_with_the_genre_wins_over_what_was_done() -> None:
    """写一份甲情况报告交给县教育局，我们…了…: the report's matter is 甲, not the longest deed told, and where it goes is
    not part of the matter."""
    request = parse_request(
        "学校办公室要写一份国防教育工作情况报告交给县教育局，我们把国防教育列入了教学计划，九月份全民国防教育日组织了主题班会"
    )
    assert (request.topic, request.genre, request.addressee) == ("国防教育工作", "情况报告", "县教育局")
    assert request.done == ("我校把国防教育列入了教学计划", "九月份全民国防教育日组织了主题班会")
    # A deed that is the whole matter stays the matter, and is not told twice.
    only = parse_request("写一段上学期修订了学校章程的汇报材料")
    assert only.done == ()


def test_a_list_inside_one_point_of_a_letter_stays_in_that_point() -> None:
    """提醒甲，别让孩子去网吧、KTV这些地方，乙，丙: the 、 joins two places one point names, not the letter's parts; and
    期末考试结束了 says when the letter is written, not what it is about."""
    request = parse_request(
        "期末考试结束了，给家长写封信，提醒寒假里管好孩子，别让孩子去网吧、KTV这些地方，不要抽烟喝酒，晚上别让孩子在外面过夜。"
    )
    assert request.outline == ("寒假里管好孩子", "别让孩子去网吧、KTV这些地方", "不要抽烟喝酒", "晚上别让孩子在外面过夜")
    assert request.topic == "寒假里管好孩子"
    # A list the notice tells (讲甲、乙、丙三项) is still its parts.
    notice = parse_request("帮我起草一个通知，提醒各年级落实卫生规定，讲晨检、通风、消毒三项")
    assert notice.outline == ("晨检", "通风", "消毒")
    assert parse_request("这学期的运动会快到了，写个通知").topic == "这学期的运动会"


def test_what_the_hearers_are_to_come_away_knowing_is_what_the_paper_dwells_on() -> None:
    request = parse_request("班会课想讲讲家庭暴力，让孩子们知道被打了可以找谁，帮我写个班会发言稿，给五年级小学生讲的")
    assert (request.topic, request.stress, request.genre) == ("家庭暴力", ("被打了可以找谁",), "发言稿")


@pytest.mark.parametrize(
    ("text", "genre", "title_expected"),
    [
        # A talk asked for by where it is given, or as what is said (讲的话, 讲几分钟话); a letter said in pieces.
        ("下周全校教职工大会上我要讲学生心理健康工作，重点说老师要关注学生情绪、要和家长沟通", "发言稿", "在全校教职工大会上的讲话"),
        ("帮我写个班会上跟五年级学生讲的话，讲交通安全：看红绿灯、走人行道", "发言稿", "在班会上的讲话"),
        ("开学典礼上我要讲几分钟话，对全校小学生讲讲安全", "发言稿", "在开学典礼上的讲话"),
        ("写一封致家长的信，说说孩子交通安全的事，两点：过马路走斑马线；坐车系好安全带", "一封信", "关于孩子交通安全的事致家长的一封信"),
        ("暑假致家长的一封信，提醒三件事：1.不要让孩子骑摩托车；2.别让孩子去网吧；3.多陪孩子聊天", "一封信", "关于暑假致家长的一封信"),
        # Whom it is written to, and the ask before a colon, are no part of the matter; nor is 学 before a law.
        (
            "给县教育局写请示：我们学校门口那条路没有斑马线也没有红绿灯，学生过马路很危险，请教育局协调交警部门在校门口画斑马线、设提示牌",
            "请示",
            "关于协调交警部门在校门口画斑马线、设提示牌的请示",  # a 请示 is titled by what it asks, not the situation
        ),
        ("写个情况报告给县教育局，汇报我们学校今年禁毒教育的情况", "情况报告", "关于我校今年禁毒教育的情况报告"),
        ("整理一份禁毒法学习材料给班主任看，重点讲学校的责任、家长的责任", "学习材料", "关于禁毒法的学习材料"),
        ("给老师们准备一份学习材料，学精神卫生法，重点讲学校的责任、保护学生隐私", "学习材料", "关于精神卫生法的学习材料"),
        # A gathering's theme is its matter.
        ("给初二学生开心理健康主题班会，帮我写个讲话稿：告诉同学们心情不好很正常，可以找心理老师聊聊", "发言稿", "关于心理健康的发言稿"),
    ],
)
def test_requests_read_as_a_principal_types_them(text: str, genre: str, title_expected: str) -> None:
    request = parse_request(text)
    assert request.genre == genre
    assert title(request.topic, request.genre, request.addressee, request.occasion) == title_expected


def test_whom_a_talk_speaks_to_and_its_points() -> None:
    talk = parse_request("给初二学生开心理健康主题班会，帮我写个讲话稿：告诉同学们心情不好很正常，可以找心理老师聊聊")
    assert talk.addressee == "同学们" and talk.outline == ("心情不好很正常", "可以找心理老师聊聊")
    staff = parse_request("下周全校教职工大会上我要讲学生心理健康工作，重点说老师要关注学生情绪、要和家长沟通")
    assert (staff.addressee, staff.occasion) == ("全校教职工", "全校教职工大会")
    # 甲和乙的区别 is one part; deeds said with a figure (开了6节禁毒课) are deeds.
    study = parse_request("写个学习材料，重点讲保护学生隐私、心理咨询和心理治疗的区别")
    assert study.outline == ("保护学生隐私", "心理咨询和心理治疗的区别")
    assert done_facts("我们今年开了6节禁毒课，还组织了400多名家长听讲座") == ("我校今年开了6节禁毒课", "组织了400多名家长听讲座")


def test_numbered_requirements_with_a_long_item_and_a_date_after_its_number() -> None:
    """要求：1.甲，乙；2.丙；3.丁；4.11月30日前…: each number opens a part (a date may follow it), a long item is named by its
    first clause, and the rest of that item is no matter of its own; 内容包括：… opens a list, not the matter."""
    notice = parse_request(
        "以县教育局名义给全县中小学发个通知，加强学生心理健康教育。要求：1.各校要配备或者聘请心理健康教育教师，有条件的设立心理辅导室；"
        "2.组织全体教师学习精神卫生知识；3.发现学生心理异常要及时和家长沟通；4.11月30日前把工作开展情况报教育局安全股。"
    )
    assert notice.topic == "加强学生心理健康教育"
    assert notice.outline == (
        "各校要配备或者聘请心理健康教育教师", "组织全体教师学习精神卫生知识", "发现学生心理异常要及时和家长沟通", "11月30日前把工作开展情况报教育局安全股",
    )
    plan = parse_request("帮我写个禁毒宣传教育月活动方案，6月1日到6月30日开展。内容包括：每个班上一节禁毒课；组织家长学习禁毒知识")
    assert (plan.genre, plan.topic) == ("工作方案", "禁毒宣传教育月")
    assert parse_request("写个总结：1.课时增加了3.5倍；2.教研活动").outline == ("课时增加了3.5倍", "教研活动")


def test_a_named_issuer_a_holiday_letter_and_a_task_to_grasp() -> None:
    """以县教育局名义 names who signs, however generic the name; a letter on a holiday says it is coming (not 为做好暑假);
    抓甲 is written 抓好甲."""
    notice = parse_request("以县教育局名义给全县中小学发个通知，开展禁毒宣传教育月活动")
    assert notice.signer == "县教育局"
    letter = parse_request("暑假致家长的一封信，提醒三件事：1.不要让孩子骑摩托车；2.别让孩子去网吧；3.多陪孩子聊天")
    assert opening(letter.topic, letter.genre, "我校") == "您好！暑假即将到来，现将有关规定和要求告知如下："
    grasp = parse_request("县教育局要发通知给各学校，抓春季开学交通安全：校门口没有斑马线的要报告；要教育学生遵守交通规则")
    assert title(grasp.topic, grasp.genre) == "关于抓好春季开学交通安全的通知"


@pytest.mark.parametrize(
    ("item", "back"),
    [
        ("11月30日前把工作开展情况报教育局安全股", True),
        ("月底前将总结报送县教育局", True),
        ("请于本周五前上报排查台账", True),
        ("每个学校本月至少开一次家长会", False),
        ("开学前完成校舍安全检查", False),  # a deadline, but nothing is sent
        ("发现问题及时报告公安机关", False),  # sending, but no deadline
    ],
)
def test_a_notice_item_that_says_when_to_report_back_is_known(item: str, back: bool) -> None:
    from assistant.request import reports_back

    assert reports_back(item) is back


def test_numbered_requirements_are_parts_however_long_and_about_is_no_part_of_the_matter() -> None:
    request = parse_request(
        "以县教育局名义给全县中小学发个通知，关于做好冬季校园消防安全工作。要求：1.每个学校本月组织一次消防演练；"
        "2.12月20日前把演练总结、照片和隐患排查表报教育局安全股。"
    )
    assert request.topic == "做好冬季校园消防安全工作"
    assert request.outline == ("每个学校本月组织一次消防演练", "12月20日前把演练总结、照片和隐患排查表报教育局安全股")


def test_a_notice_the_bureau_sends_to_the_schools_it_tells() -> None:
    request = parse_request(
        "县教育局要发个通知，让全县中小学、幼儿园开展交通安全宣传教育活动。要求：一是每个班开一次交通安全主题班会；"
        "二是组织家长学习交通法规。"
    )
    assert (request.voice, request.addressee) == ("我局", "全县中小学、幼儿园")
    # The matter is what they are told to do, not whom, nor the theme of one of the numbered requirements.
    assert request.topic == "开展交通安全宣传教育活动"
    assert request.outline == ("每个班开一次交通安全主题班会", "组织家长学习交通法规")


def test_a_notices_requirements_said_one_after_another_are_its_parts() -> None:
    """要求甲，乙，丙: each requirement is a part, however long; 要求落实学生… tells no one (落实 is asked)."""
    request = parse_request(
        "以县教育局名义发个通知给全县中小学，要求落实学生每天在校体育锻炼1小时，每学年至少举办一次全校运动会，"
        "9月开学前后组织全体师生开展一次全员健身活动。请各校11月30日前把开展情况报局体卫艺股。"
    )
    assert request.outline[:3] == (
        "落实学生每天在校体育锻炼1小时",
        "每学年至少举办一次全校运动会",
        "9月开学前后组织全体师生开展一次全员健身活动",
    )
    assert "报局体卫艺股" not in request.topic


def test_the_units_name_after_we_is_said_once() -> None:
    from assistant.request import ours

    assert ours("我们城关镇第一小学2号教学楼是1986年建的") == "我校2号教学楼是1986年建的"
    assert ours("我们学校门口那条路") == "我校门口那条路"


def test_an_event_named_in_quotes_is_the_plans_matter_and_what_to_write_out_is_not() -> None:
    request = parse_request(
        "帮我们学校写个“校园读书月”活动方案，时间是4月1日到30日。活动有：开幕式、读书笔记评比。要写清楚指导思想、活动安排、工作要求。"
    )
    assert request.topic == "校园读书月活动"
    assert title(request.topic, request.genre) == "校园读书月活动方案"


def test_a_letters_points_are_what_it_reminds_of_not_the_situation_it_tells() -> None:
    """提醒家长甲。现在有乙的、丙的。请家长丁，戊，己: the points are 丁、戊、己 (a later sentence that reminds, when the
    first reminds of one thing only), the matter is 甲, and the list of the situation is neither."""
    request = parse_request(
        "以城关镇第一小学的名义写一封致家长的一封信，提醒家长注意暑期游泳安全。现在有孩子私自去河里游泳的、去水库边钓鱼的。"
        "请家长看好孩子，不让孩子单独去河边，发现有人落水马上打110报警。"
    )
    assert request.topic == "注意暑期游泳安全"
    assert request.outline == ("看好孩子", "不让孩子单独去河边", "发现有人落水马上打110报警")
    assert request.signer == "城关镇第一小学"


def test_a_word_that_begins_with_a_lead_word_keeps_its_first_character() -> None:
    # 就 of 就业援助 is no 就 of 就写甲 ("just write 甲"): the part's word is kept whole.
    request = parse_request("制定我县促进高校毕业生和就业困难人员就业的实施方案，包括公益性岗位开发、职业技能培训、就业援助三部分")
    assert request.outline == ("公益性岗位开发", "职业技能培训", "就业援助")
    assert parse_request("写个汇报材料，重点讲课后服务、作业管理两块").outline == ("课后服务", "作业管理")


def test_the_units_a_notice_is_sent_to_are_its_addressee_not_its_parts() -> None:
    request = parse_request("起草一份关于加强公共文化设施安全管理的通知，发给各乡镇文化站、县图书馆和县文化馆，要求开展一次安全检查")
    assert request.addressee == "各乡镇文化站、县图书馆和县文化馆"
    assert request.outline == () and request.topic == "加强公共文化设施安全管理"


def test_drawing_up_a_plan_is_no_part_of_its_matter() -> None:
    request = parse_request("制定我县促进高校毕业生和就业困难人员就业的实施方案")
    assert request.genre == "工作方案" and request.topic == "我县促进高校毕业生和就业困难人员就业"
    assert parse_request("帮我制定学校防溺水工作实施方案").topic == "学校防溺水工作"
    # Elsewhere 制定 is what was done: a report on drawing up rules keeps it.
    assert parse_request("写个汇报材料，讲讲我校制定章程的情况").topic.endswith("制定章程的情况")


def test_the_places_one_act_is_done_in_are_no_parts_and_a_notices_reminder_is_dwelt_on() -> None:
    request = parse_request("给全县中小学发个通知，组织学生到图书馆、博物馆、文化馆开展课外研学活动，提醒收费场馆每月有给中小学生的免费开放日")
    assert request.outline == ()
    assert request.topic == "组织学生到图书馆、博物馆、文化馆开展课外研学活动"
    assert request.stress == ("收费场馆每月有给中小学生的免费开放日",)
    # A list told on its own (甲、乙、丙) still names the parts.
    assert parse_request("给各校发个通知，讲防溺水、防火、防食物中毒").outline == ("防溺水", "防火", "防食物中毒")


def test_a_bare_word_joined_by_he_shares_the_words_before_its_partner() -> None:
    # 落实教师权利和义务: the heading is 落实教师义务, not a bare 义务.
    assert parse_request("写一份我校落实教师权利和义务情况的汇报材料").outline == ("落实教师权利", "落实教师义务")
    assert parse_request("写一份学生权利和义务的学习材料").outline == ("学生权利", "学生义务")
    # A word of another kind shares nothing; nor an item of a 、-list, which is a part of its own.
    assert parse_request("写一份师德师风建设和课堂情况的汇报材料").outline == ("师德师风建设", "课堂")
    assert parse_request("写份情况报告，讲近视和常见病防治、体检、食堂").outline[1] == "体检"


def test_clauses_that_ask_for_the_closing_parts_or_the_law_name_no_matter() -> None:
    # 有什么问题，下一步怎么改 asks for a report's closing parts: the matter is the parts named before them.
    asked = parse_request("帮我写个自查报告，看看我们学校午休管理、课间巡查这些方面做得怎么样，有什么问题，下一步怎么改")
    assert asked.topic.startswith("午休管理") and "下一步" not in asked.topic and "问题" not in asked.topic
    assert parse_request("写个宿舍管理的自查报告，存在哪些不足，今后如何改进").topic == "宿舍管理"
    # 请对照甲条例写个汇报材料: the law to follow and the ask; the matter is told in another clause.
    told = parse_request("我们学校要向县里汇报图书馆工作，请对照公共图书馆法写个汇报材料")
    assert told.topic.endswith("图书馆工作") and "照" not in told.topic
    assert told.basis == ("公共图书馆法",)


def test_a_list_a_preposition_governs_inside_one_phrase_names_no_parts() -> None:
    # 为聋哑、盲人学生提供的服务: the 、 joins two words inside one phrase; the draft has no parts 为聋哑 and 盲人学生….
    req = parse_request("帮我写一段话，讲讲我们在升旗和运动会时为聋哑、盲人学生提供的便利，要有法规依据")
    assert req.outline == () and req.topic.endswith("为聋哑、盲人学生提供的便利")
    # …and when a 和 before it splits the phrase first (甲和乙中为丙、丁提供的…), a paragraph all the same.
    joined = parse_request("帮我写一段话，讲讲我们在课后服务和社团活动中为新生、插班生提供的帮助")
    assert joined.outline == () and joined.paragraph
    # A list that 把 governs is what the request asks to write: its parts.
    assert parse_request("总结里帮我把团队建设、课后托管、劳动教育这三块写出来").outline == ("团队建设", "课后托管", "劳动教育")


def test_a_notice_told_clause_by_clause_is_titled_by_its_first_requirement() -> None:
    req = parse_request(
        "起草一份通知，发给全县各中小学，要求汛期前做好校舍安全隐患排查整治，学校自己也不要组织学生到河边活动，雨天不要安排户外课"
    )
    assert req.topic == "汛期前做好校舍安全隐患排查整治"
    assert len(req.outline) == 3 and req.outline[1] == "学校自己也不要组织学生到河边活动"
    assert " " not in req.topic


def test_the_clause_that_names_the_paper_by_its_matter_is_the_topic_however_long_the_situation() -> None:
    r = parse_request(
        "帮我写一份我校食堂安全管理自查报告，学校有两个食堂和一个小卖部，要对照法律逐项查进货查验、食品留样、从业人员健康证"
    )
    assert r.topic == "我校食堂安全管理" and r.genre == "自查报告"
    # The law checked against and the checking are no part of the first thing checked.
    assert r.outline == ("进货查验", "食品留样", "从业人员健康证")


def test_a_notice_is_named_by_what_it_first_requires() -> None:
    r = parse_request("以县教育局名义给全县中小学发个通知，要求秋季开学时做好新生体检表收集，发现没按规定体检的孩子要报告校医并配合督促家长补检")
    assert r.topic == "秋季开学时做好新生体检表收集"
    # A matter said before the requirements names it still.
    assert parse_request("起草一份关于加强校车管理的通知，发给各校，要求开展一次校车检查").topic == "加强校车管理"


def test_the_law_followed_is_no_part_of_a_paragraph_asked_for() -> None:
    r = parse_request("写一段话：我校按照食品安全法的要求，做好食堂进货查验和食品留样工作")
    assert not any("按照" in part for part in r.outline) and "按照" not in r.topic


@pytest.mark.parametrize("text", ["写一段话：讲讲我校课后服务的做法", "帮我写段话，讲讲我校课后服务的做法"])
def test_a_paragraph_of_words_asked_for_leaves_no_word_of_the_ask_in_the_topic(text: str) -> None:
    r = parse_request(text)
    assert r.paragraph and r.topic == "我校课后服务的做法"


def test_a_title_the_request_gives_the_document_is_its_title() -> None:
    from assistant.draft import Draft

    given = parse_request(
        "帮我写一份向县教育局汇报的材料，题目是《甲中学落实消防安全工作情况的汇报》，重点写这几块：消防设施检查、疏散演练。"
    )
    assert given.title == "甲中学落实消防安全工作情况的汇报" and given.topic == "甲中学落实消防安全工作情况"
    summary = parse_request("写一份《乙小学2025年度食堂管理工作总结》，要提到：食材采购、留样制度、明年改进措施。")
    assert summary.title == "乙小学2025年度食堂管理工作总结" and "要提到" not in summary.topic
    assert summary.genre == "工作总结" and "食材采购" in summary.outline
    # A law named in 《》 is what the document draws on, not its title.
    assert parse_request("请对照《某某条例》写一份自查报告，查一下食堂和宿舍。").title == ""
    draft = Draft(given.topic, given.genre, (), (), (), given_title=given.title)
    assert draft.title == "甲中学落实消防安全工作情况的汇报"  # not 关于《…的汇报》的汇报材料
    assert Draft(given.topic, given.genre, (), (), ()).title != draft.title


def test_words_that_say_what_the_paper_must_mention_are_no_matter() -> None:
    for said in ("要提到", "要涉及", "需要写到"):
        request = parse_request(f"写一份我校2026年度食堂采购工作总结，{said}：采购了哪些物品、明年改进措施。")
        assert request.topic == "我校2026年度食堂采购", (said, request.topic)
        assert request.outline == ("采购了哪些物品", "明年改进措施")


def test_a_fund_whose_sum_follows_it_is_named_by_its_use() -> None:
    from assistant import genre as genres

    request = parse_request(
        "以甲中学名义给县教育局写一份请示，申请专项经费20万元，用于校园网网络安全等级保护测评、购买防病毒设备，请求批复。"
    )
    # The sum goes before the fund, and the use names it (was 关于申请专项经费20万元的请示).
    assert genres.title(request.topic, request.genre) == "关于申请20万元校园网网络安全等级保护测评、购买防病毒设备专项经费的请示"
    # Uses too long for a title: the first names it.
    longer = parse_request("写一份请示，申请专项经费20万元，用于校园网网络安全等级保护测评、购买防病毒和日志审计设备。")
    assert genres.title(longer.topic, longer.genre) == "关于申请20万元校园网网络安全等级保护测评等专项经费的请示"


def test_an_aside_in_brackets_after_a_listed_part_is_no_part_and_does_not_hide_the_list() -> None:
    # 主要变化（和旧版对比）: the brackets say more of one item; the list is still the person's parts.
    request = parse_request(
        "写一份我校党支部学习新修订《示范条例》的学习总结，要写：这次修订的主要变化（和旧版对比）、"
        "学生资助方面的变化、学校怎么落实、存在的不足和下一步。"
    )
    assert request.outline == ("这次修订的主要变化", "学生资助方面的变化", "学校怎么落实", "存在的不足", "下一步")
    plan = parse_request("起草一份春游活动工作方案，写清楚：活动依据（按现行《示范办法》）、出行安排、安全保障。")
    assert plan.outline == ("活动依据", "出行安排", "安全保障")
    # A list inside brackets is still the topic's own (甲、乙、丙 of 校长负责制).
    told = parse_request("写一份我校落实校长负责制（党组织领导、校长负责、教代会监督）的情况汇报")
    assert told.topic == "我校落实校长负责制的情况" and told.outline == ("党组织领导", "校长负责", "教代会监督")
