"""The framing words of a draft (assistant.genre): they name the topic and the voice once, and a
section whose heading names the legal basis is introduced by that heading, not wrapped in another frame."""

from __future__ import annotations

from assistant.genre import Part, in_report_order, leads, opening, subject, title


def test_a_topic_opening_with_the_units_kind_takes_the_voice_in_its_place() -> None:
    assert subject("学校推进家校共育", "我校") == "我校推进家校共育有关情况"
    assert opening("学校推进家校共育", "情况报告", "我校") == "现将我校推进家校共育有关情况报告如下："
    assert subject("我校德育工作", "我校") == "我校德育工作"
    assert subject("体育法在学校的执行情况", "我校") == "我校体育法在学校的执行情况"
    # The rules of a named document are no unit's work: neither 我校 before them nor 有关情况 after.
    assert opening("《某某办法》中跟教师有关的规定", "汇报材料", "我校") == "根据工作安排，现将《某某办法》中与教师有关的规定汇报如下："


def test_a_heading_that_names_the_basis_introduces_it_itself() -> None:
    parts = [Part("议事决策", 2), Part("校长负责制在法律上的依据", 2, basis_only=True)]
    assert leads("汇报材料", parts, "我校校长负责制", "我校")[1] == "校长负责制在法律上的依据如下："
    # A heading on a matter, drawn from laws only, still says the requirements are the laws'.
    assert leads("汇报材料", [Part("校园安全", 2, basis_only=True)], "我校校园安全", "我校") == ["关于校园安全，有关法律法规提出了明确要求："]


def test_a_title_names_its_frame_once() -> None:
    assert title("学校推进家校共育的情况", "情况报告") == "关于学校推进家校共育的情况报告"
    assert title("我校落实校长负责制自查", "自查报告") == "关于我校落实校长负责制的自查报告"
    # A summary is titled by its matter (2024年德育工作总结), saying 工作 once.
    assert title("今年德育工作", "工作总结") == "今年德育工作总结"
    assert title("我校2024年档案", "工作总结") == "我校2024年档案工作总结"
    assert title("校长负责制运行情况", "工作总结") == "校长负责制运行情况总结"


def test_a_title_says_de_once_before_a_state_that_ends_the_topic() -> None:
    assert title("我校图书角建设工作的落实情况", "汇报材料") == "关于我校图书角建设工作落实情况的汇报材料"
    assert title("学校的基本情况", "汇报材料") == "关于学校基本情况的汇报材料"
    assert title("课后服务的整改落实情况", "自查报告") == "关于课后服务整改落实情况的自查报告"
    # A 的 of place (…指导下的) or inside quotes stays; so does a 的 before a long phrase.
    assert title("教研室指导下的试点情况", "汇报材料") == "关于教研室指导下的试点情况的汇报材料"
    assert title("“光盘行动”的落实情况", "汇报材料") == "关于“光盘行动”的落实情况的汇报材料"
    assert title("食堂的食材采购与验收情况", "汇报材料") == "关于食堂的食材采购与验收情况的汇报材料"


def test_a_title_says_about_once() -> None:
    # The topic names where the rules are (…里关于…): the title's 关于 is the only one.
    assert title("某某条例里关于值日安排的规定", "汇报材料") == "关于某某条例中值日安排的规定的汇报材料"
    assert title("《某某办法》中关于借阅的要求", "汇报材料") == "关于《某某办法》中借阅的要求的汇报材料"
    # A topic that says 关于 itself takes no second one before it.
    assert title("学校关于借阅的做法", "情况报告") == "学校关于借阅做法的情况报告"
    assert title("关于借阅的做法", "情况报告") == "关于借阅做法的情况报告"


def test_no_lead_is_used_twice_in_a_draft() -> None:
    parts = [Part(h, 3) for h in ("议事决策", "干部管理", "监督保障", "师德师风", "教代会", "经费保障")]
    said = leads("汇报材料", parts, "我校校长负责制", "我校")
    stems = [s.replace(p.heading, "") for s, p in zip(said, parts) if s]
    assert len(stems) == 4 and len(set(stems)) == 4  # the genre's four phrasings, once each
    assert said[4:] == ["", ""]  # then the points follow their heading directly, as a written report does
    # Two question headings do not both open 关于…，具体情况如下：
    asked = leads("情况报告", [Part("班干部是怎么产生的", 3), Part("怎么轮换的", 3)], "我校班干部", "我校")
    assert asked[0] != asked[1].replace("怎么轮换的", "班干部是怎么产生的") and all(asked)


def test_a_lead_says_qingkuang_once_after_a_heading_that_ends_in_it() -> None:
    said = leads("请示", [Part("孩子们上学情况", 3), Part("校车情况", 3)], "增开校车线路", "我校")
    assert said == ["关于孩子们上学情况：", "校车情况如下："]
    assert leads("请示", [Part("校车运行", 3), Part("道路", 3)], "增开校车线路", "我校")[1] == "道路的有关情况如下："


def test_a_one_paragraph_section_or_a_sentence_heading_takes_no_lead() -> None:
    heading = "持续抓好“习近平新时代中国特色社会主义思想”为主线的政治理论学习"  # a source's own 一是… sentence
    said = leads("汇报材料", [Part("议事决策", 1), Part(heading, 3), Part("干部管理", 2)], "我校试点工作", "我校")
    assert said == ["", "", "在干部管理方面，我校主要做了以下工作："]
    # A section of rules keeps its lead however short: it says whose requirements follow.
    assert leads("汇报材料", [Part("校园安全", 1, basis_only=True)], "我校校园安全", "我校") == [
        "关于校园安全，有关法律法规提出了明确要求："
    ]


def test_a_report_ends_on_its_plans() -> None:
    # The bundled 自查报告 puts 明年党支部的工作思路 fourth; a draft whose outline comes from it ends on it.
    headings = ["党组织发挥政治核心作用", "明年党支部的工作思路", "教职工代表大会参与下民主管理、民主监督情况"]
    assert in_report_order(headings) == [headings[0], headings[2], headings[1]]
    # 计划 names a past act as often as a plan: 党支部参与学校学期工作计划的制订 stays where it was.
    kept = ["党支部参与学校学期工作计划的制订", "党组织重视自身建设"]
    assert in_report_order(kept) == kept


def test_a_part_on_shortcomings_names_the_matter_only_when_the_request_has_one() -> None:
    parts = [Part("图书借阅", 2), Part("存在不足", 2)]
    assert leads("工作总结", parts, "我校阅读推广", "我校")[1] == "对照要求，我校在阅读推广方面还存在以下不足："
    # A request naming only its parts (图书借阅、存在不足) has no matter beyond them for the lead to name.
    assert leads("工作总结", parts, "", "我校")[1] == "对照要求，我校还存在以下不足："
    # Nor has one that names only the time it covers (我校2024年度工作总结): 在2024年度方面 says no matter.
    assert leads("工作总结", parts, "我校2024年度", "我校")[1] == "对照要求，我校还存在以下不足："


def test_a_notice_or_a_request_for_instructions_names_what_it_is_for() -> None:
    # The ask of a notice (要求…) is not its matter, and a matter with its own verb takes no second 做好.
    assert title("要求各班做好期末清扫", "通知") == "关于各班做好期末清扫的通知"
    assert opening("要求各班做好期末清扫", "通知", "我校") == "为各班做好期末清扫，现将有关事项通知如下："
    assert opening("冬季长跑", "通知", "我校") == "为做好冬季长跑，现将有关事项通知如下："
    # A request that asks for something names it.
    assert title("学校想申请更换饮水机", "请示") == "关于申请更换饮水机的请示"
    assert opening("学校想申请更换饮水机", "请示", "我校") == "现就申请更换饮水机有关事项请示如下："
    # A report still names its subject.
    assert opening("冬季长跑", "汇报材料", "我校").startswith("根据工作安排，现将我校冬季长跑")
    # The unit that names itself in front of its matter keeps its name (only a wish or an ask is dropped).
    assert opening("我校迎新周", "通知", "我校") == "为做好我校迎新周，现将有关事项通知如下："


def test_the_closing_parts_a_heading_names() -> None:
    from assistant.genre import closing_kinds

    assert closing_kinds("存在的问题") == {"shortcomings"}
    assert closing_kinds("下一步打算") == {"remedies"} and closing_kinds("整改措施") == {"remedies"}
    assert closing_kinds("存在的不足和今后打算") == {"shortcomings", "remedies"}
    assert closing_kinds("图书借阅") == frozenset()


def test_a_title_and_opening_say_a_spoken_request_in_written_words() -> None:
    # A demonstrative of speech (那个条例, 那两个班) points at what both speakers know; written text names it.
    assert title("那个卫生条例里跟食堂有关的规定", "汇报材料") == "关于卫生条例中与食堂有关的规定的汇报材料"
    assert title("给东头那三个班换一批课桌", "请示") == "关于为东头三个班换一批课桌的请示"
    assert title("想给东头那三个班换一批课桌", "请示") == "关于为东头三个班换一批课桌的请示"  # the wish (想) is no part of it
    # A 请示 on what it wants names it (现就…有关事项请示如下), not 为做好… as a task to carry out.
    assert opening("给东头那三个班换一批课桌", "请示", "我校") == "现就为东头三个班换一批课桌有关事项请示如下："
    assert opening("开展冬季长跑", "请示", "我校") == "为开展冬季长跑，现将有关事项请示如下："
    # 让大家把…搞好: the notice's title says what is to be done well (做好…), not who is told to.
    assert title("让各班把期末清扫搞好", "通知") == "关于做好期末清扫的通知"
    assert opening("让大家把冬季长跑的组织工作弄好", "通知", "我校") == "为做好冬季长跑的组织工作，现将有关事项通知如下："
    # A report's topic keeps its words: nothing here is spoken.
    assert title("这学期工作", "工作总结") == "这学期工作总结"
    # 把甲翻新一下: the verb before its object, without the tentative 一下 of speech.
    assert title("把操场的跑道翻新一下", "请示") == "关于翻新操场的跑道的请示"
    assert title("把教室的灯换一下", "请示") == "关于把教室的灯换一下的请示"  # a verb of one character is left as said


def test_a_document_sent_to_a_body_names_it_and_its_sender() -> None:
    from assistant.genre import addressee_line, ask_part, sender_lines

    assert addressee_line("请示", "区教育局") == "区教育局："
    assert addressee_line("通知", "") == "【请填写：主送机关】："  # the request names none: the person fills it
    assert addressee_line("汇报材料", "区教育局") == ""  # a report for a meeting is sent to no one
    assert sender_lines("请示") == ("【请填写：发文单位】", "【请填写：成文日期】", "（联系人：【请填写：联系人】，联系电话：【请填写：联系电话】）")
    assert sender_lines("自查报告") == sender_lines("请示")[:2]  # a report to the body above is sent too; it asks nothing
    assert sender_lines("工作总结") == ()
    # What a 请示 asks for, when the request words it (申请…), is stated as the ask; otherwise a slot.
    assert ask_part("请示", "请示事项", "我校", "我校申请增加两名心理健康教师编制").endswith("恳请批准我校增加两名心理健康教师编制。")
    assert ask_part("请示", "请示事项", "我园", "想申请更换饮水机").endswith("恳请批准我园更换饮水机。")
    # An ask for the asking unit itself (给学校, 为我们学校) names it once, in the draft's voice; another beneficiary stays.
    assert ask_part("请示", "请示事项", "我校", "想申请给学校增加2名心理教师编制").endswith("恳请批准为我校增加2名心理教师编制。")
    assert ask_part("请示", "请示事项", "我园", "申请为我们幼儿园更换饮水机").endswith("恳请批准为我园更换饮水机。")
    assert ask_part("请示", "请示事项", "我校", "申请给校车加装监控").endswith("恳请批准我校给校车加装监控。")
    assert ask_part("请示", "请示事项", "我校", "为初三年级更换课桌椅").endswith("【请填写：请示事项】。")
    assert ask_part("请示", "请示事项", "我校", "申请").endswith("【请填写：请示事项】。")
    # A resource asked for, then its use with no word between (申请经费组织军训): the use is approved, the resource given.
    assert ask_part("请示", "请示事项", "我校", "申请经费组织高一新生军训").endswith("恳请批准我校组织高一新生军训，并给予经费支持。")
    assert ask_part("请示", "请示事项", "我校", "申请资金改造学校食堂").endswith("恳请批准我校改造学校食堂，并给予资金支持。")
    # What the money is for, then the money: no resource of 塑胶跑道 is asked.
    assert "支持" not in ask_part("请示", "请示事项", "我校", "申请塑胶跑道改造经费60万元")
    assert ask_part("汇报材料", "主要做法", "我校", "申请经费") == ""


def test_a_part_named_in_speech_is_headed_as_a_report_words_it() -> None:
    from assistant.genre import written_heading

    assert written_heading("安保这块") == "安保"
    assert written_heading("保健室那一摊") == "保健室"
    assert written_heading("放学后托管的事") == "放学后托管"
    assert written_heading("学生干农活那些事") == "学生干农活"
    assert written_heading("住房和体检这些保障") == "住房和体检保障"
    assert written_heading("有没有体罚孩子") == "是否有体罚孩子"
    assert written_heading("对家长有啥要求") == "对家长的要求"  # what a rule lays down, as the thing
    assert written_heading("老师享有哪些权利") == "老师享有的权利"
    # What a party or an area must do, or may not, said as what is required of it or forbidden to it.
    assert written_heading("学校要管什么") == "学校要管的事项"
    assert written_heading("学校要做什么") == "学校要做的工作"
    assert written_heading("学校要干啥") == "学校要做的工作"
    assert written_heading("安全方面要做到哪些") == "安全方面的要求"
    assert written_heading("幼儿园不能干啥") == "幼儿园不得从事的行为"
    assert written_heading("发现孩子沉迷网络怎么办") == "发现孩子沉迷网络后的处理"
    assert written_heading("发现孩子被伤害后怎么办") == "发现孩子被伤害后的处理"
    assert written_heading("家长学校怎么办") == "家长学校怎么办"  # how to run one, or what to do: left as said
    # Written headings, and a pointer inside one, are kept as they are.
    assert written_heading("课堂教学") == "课堂教学"
    assert written_heading("老师言论和意识形态这块怎么管") == "老师言论和意识形态这块怎么管"
    assert written_heading("这块") == "这块"


def test_a_standard_part_left_to_fill_says_what_it_holds() -> None:
    from assistant.genre import part_hint

    assert "现状" in part_hint("请示事由") and part_hint("请示事由").startswith("请写明")
    assert "整改办法" in part_hint("整改措施")
    assert part_hint("食堂管理") == ""  # a part the person named: only they know what it holds


def test_a_lead_does_not_say_its_headings_words_again() -> None:
    # 在主要工作方面，我校主要做了以下工作 says 主要 and 工作 twice: the generic parts have leads of their own,
    # and a rotating lead that would repeat a word of its heading gives way to the next.
    out = leads("工作总结", [Part("主要工作", 2), Part("教学工作", 2)], "我校阅读推广", "我校")
    assert out[0] == "我校主要做了以下工作："
    assert out[1].count("工作") == 1, out[1]
    assert leads("汇报材料", [Part("主要做法", 2)], "我校2024年度", "我校") == ["我校的主要做法如下："]


def test_a_study_paper_sets_out_rules_in_written_words() -> None:
    from assistant.genre import closing, opening, title

    topic = "《某条例》中跟学校有关的规定"
    assert title(topic, "学习材料") == "关于《某条例》中与学校有关的规定的学习材料"
    assert opening(topic, "学习材料", "我局") == "为便于学习掌握《某条例》中与学校有关的规定，现将有关内容梳理如下："
    assert "汇报" not in closing("学习材料")


def test_a_plan_for_our_county_is_made_for_our_countys_circumstances() -> None:
    from assistant.genre import opening

    assert "结合我县实际" in opening("我县促进高校毕业生就业", "工作方案", "我校")
    assert "结合我校实际" in opening("课后服务", "工作方案", "我校")


def test_a_notices_and_a_plans_own_parts_take_no_lead_that_names_them() -> None:
    from assistant.genre import Part, leads

    parts = [Part("总体要求", 3), Part("主要任务", 2), Part("安全检查的重点", 2)]
    said = leads("通知", parts, "加强公共文化设施安全管理", "我局")
    assert said[:2] == ["", ""]  # not 关于总体要求： nor 在主要任务方面：
    assert said[2]  # a part the person named is still led
    assert leads("请示", [Part("请示事由", 3)], "申请经费", "我校") == [""]
    assert leads("工作方案", [Part("工作目标", 2)], "课后服务", "我校") == [""]


def test_a_notice_whose_matter_says_do_well_itself_opens_without_a_second() -> None:
    # 为做好…配合做好… said 做好 twice.
    assert opening("汛期校舍排查期间配合做好防汛值守", "通知", "我局") == "为汛期校舍排查期间配合做好防汛值守，现将有关事项通知如下："
    assert opening("期末清扫", "通知", "我校") == "为做好期末清扫，现将有关事项通知如下："
