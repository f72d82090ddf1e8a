"""Petitions (请示): the asks and the situation the person tells are the 请示's own; its 请示事由 states the
situation, then the rules on what it asks for, and its 请示事项 states each ask as they said it."""

from __future__ import annotations

from pathlib import Path

from index_checks import hashing_settings

from assistant.draft import Draft
from assistant.request import parse_request, petition
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting"
REQUEST = (
    "给县教育局写个请示：我们学校现在没有专职安全管理人员，晚上校园没人值守，请求给我们配两名专职安全管理人员，"
    "另外申请3万元经费装监控。我们是城关镇中心小学。"
)


def _drafted(tmp_path: Path, rules: Path, request: str) -> Draft:
    """The draft of ``request`` by a service over ``rules`` alone (hashing vectors, files read in this process)."""
    svc = GovdocService(hashing_settings(tmp_path))
    try:
        assert not svc.ingest([rules]).errors
        return svc.draft(request, who=LOCAL)
    finally:
        svc.close()


def test_a_petitions_asks_and_reasons_are_read_from_the_request() -> None:
    asks, reasons = petition(REQUEST)
    assert asks == ("恳请给我校配两名专职安全管理人员", "申请3万元经费装监控")
    assert reasons == ("我校现在没有专职安全管理人员", "晚上校园没人值守")
    # The clauses after the ask that tell no one of their own go on with it; whom it is asked of is dropped.
    asks, reasons = petition("请教育局协调交警在校门口画斑马线、设提示牌，上下学时段派人执勤，学生过马路很危险")
    assert asks == ("恳请协调交警在校门口画斑马线、设提示牌，上下学时段派人执勤",)
    assert reasons == ("学生过马路很危险",)
    # What to write (理由讲充分些) is no reason, and a request that asks nothing has neither.
    assert petition("帮我写个请示，理由讲充分些") == ((), ())
    # A clause that only names the law the paper rests on is neither part of an ask nor a reason.
    for basis in ("依据消防安全管理条例", "按照《校舍维修管理办法》的规定"):
        asks, reasons = petition(f"帮我写个请示，申请更换教学楼灭火器，主要是三楼和四楼，{basis}")
        assert asks == ("申请更换教学楼灭火器，主要是三楼和四楼",) and reasons == ()


def test_asks_listed_after_a_colon_are_each_an_ask() -> None:
    # 想请局里：一是…；二是…: whom it is asked of (局里) is dropped, each item is an ask, and a clause with no one
    # of its own goes on with the item before it.
    asks, reasons = petition(
        "我们学校的锅炉房是1990年建的，一直没检修过。想请局里：一是安排专项资金大概20万元，用于检修和更换；"
        "二是帮忙协调质监部门派人来检测。"
    )
    assert asks == ("恳请安排专项资金大概20万元，用于检修和更换", "恳请协调质监部门派人来检测")
    assert reasons == ("我校的锅炉房是1990年建的", "一直没检修过")
    # 向…申请：一、…；二、…, and a clause that opens on 另外 says something of its own.
    asks, reasons = petition("想向县教育局申请：一、食堂改造经费30万元；二、再配一名厨师。另外我们打算开放食堂，请局里协调检查")
    assert asks == ("申请食堂改造经费30万元", "申请再配一名厨师", "恳请协调检查")
    assert reasons == ("另外我校打算开放食堂",)
    # The items are the 请示事项's, not its parts.
    request = parse_request("写个请示，想向县教育局申请：一、食堂改造经费30万元；二、再配一名厨师。")
    assert request.outline == () and request.asks == ("申请食堂改造经费30万元", "申请再配一名厨师")


def test_a_petitions_matter_is_its_first_ask_and_its_clauses_are_no_parts() -> None:
    request = parse_request(REQUEST)
    assert request.topic == "配两名专职安全管理人员"
    assert request.outline == () and request.outline_from == ""
    # Parts the person counts off stay parts.
    counted = parse_request("给县教育局写个请示，两件事：一是申请维修操场，二是申请增加一名校医")
    assert counted.outline_from == "request" and len(counted.outline) == 2


def test_a_petition_states_the_situation_the_rule_and_the_asks(tmp_path: Path) -> None:
    draft = _drafted(tmp_path, DOCS / "学校管理示范条例.md", REQUEST)
    assert draft.title == "关于配两名专职安全管理人员的请示"
    reasons, asks = draft.sections
    assert reasons.heading == "请示事由" and asks.heading == "请示事项"
    assert reasons.text.startswith("我校现在没有专职安全管理人员，晚上校园没人值守。"), draft.text
    assert "学校应当配备专职或者兼职安全管理人员" in reasons.text, draft.text
    assert asks.text.endswith("一是恳请为我校配两名专职安全管理人员；二是申请3万元经费装监控。"), draft.text
    assert "【请填写：请示事项】" not in draft.text and not draft.missing
    assert any("按起草要求中的说法写出" in n for n in draft.notes), draft.notes


def test_a_reports_shortcomings_and_plans_told_in_the_request_open_those_parts(tmp_path: Path) -> None:
    """存在的问题是甲。下一步打算乙、丙: the report states them in its parts on shortcomings and plans, in the unit's
    voice; the list of plans is no outline of the report."""
    from assistant.request import closing_told

    text = (
        "写一份情况报告，讲我校校园安全工作的情况。我们已经组织了两次消防演练。存在的问题是值班人员不足，监控有盲区。"
        "下一步打算增加值班人员、补装监控、每月检查一次。"
    )
    assert closing_told(text) == (
        ("shortcomings", "值班人员不足，监控有盲区"),
        ("remedies", "增加值班人员、补装监控、每月检查一次"),
    )
    assert parse_request(text).outline == ()
    draft = _drafted(tmp_path, DOCS / "学校管理示范条例.md", text)
    problems = next(s for s in draft.sections if s.heading == "存在问题")
    plans = next(s for s in draft.sections if s.heading == "下一步打算")
    assert "我校值班人员不足，监控有盲区。" in problems.text, draft.text
    assert "我校将增加值班人员、补装监控、每月检查一次。" in plans.text, draft.text
    assert "存在问题" not in draft.missing and "下一步打算" not in draft.missing


def test_a_petition_titled_by_the_person_asks_what_its_title_says() -> None:
    asks, reasons = petition("关于申请食堂改造经费30万元的请示，我校食堂是平房，夏天很热")
    assert asks == ("申请食堂改造经费30万元",)
    assert reasons == ("我校食堂是平房", "夏天很热")


FUND_RULES = """# 校舍安全示范办法

（本文件为测试用的示范条文，不是真实法规。）

第一条 为了保障师生安全，制定本办法。

第二条 县级以上人民政府应当设立教育专项资金，用于改善办学条件。

第三条 校舍经检测存在安全隐患的，学校应当及时进行维修加固，维修加固完成前不得使用。

第四条 学校应当建立校舍安全档案，记录每次检查的情况。
"""


def test_a_petition_for_money_is_named_by_what_the_money_is_for() -> None:
    # 申请专项经费，对甲进行乙: the fund is named by its use, as 公文 titles name one (关于申请甲乙专项经费的请示).
    told = parse_request("写一份请示，向区教育局申请专项经费，对我校老教学楼进行抗震性能鉴定和加固")
    assert told.topic == "申请我校老教学楼抗震性能鉴定和加固专项经费"
    assert parse_request("给县教育局写个请示，申请50万元专项资金，用于维修学校围墙").topic == "申请50万元维修学校围墙专项资金"
    # A sum of one digit (8万元) as well as of two (jieba tags a lone digit as no word at all).
    assert parse_request("给县教育局写个请示，申请专项经费8万元，用于维修学校围墙").topic == "申请8万元维修学校围墙专项经费"
    # Money already named by its use (维修经费) keeps its own name; an ask for anything else is its first clause.
    assert parse_request("写个请示，申请维修经费，用于更换教室灯具").topic == "申请维修经费"
    assert parse_request(REQUEST).topic == "配两名专职安全管理人员"


def test_a_petitions_reasons_state_the_rule_on_the_act_asked_for(tmp_path: Path) -> None:
    rules = tmp_path / "校舍安全示范办法.md"
    rules.write_text(FUND_RULES, encoding="utf-8")
    draft = _drafted(tmp_path, rules, "写一份请示，向县教育局申请专项经费，对我校旧宿舍楼进行维修加固")
    assert draft.title == "关于申请我校旧宿舍楼维修加固专项经费的请示"
    reasons = next(s for s in draft.sections if s.heading == "请示事由")
    # The rule on the act (维修加固), though no rule names our building; the part opens with it, not with its name.
    assert "学校应当及时进行维修加固" in reasons.text, draft.text
    assert "关于请示事由" not in draft.text


def test_a_petition_for_a_sum_states_the_rules_on_what_the_money_is_for(tmp_path: Path) -> None:
    # 今年…提升改造补助资金80万元: no rule names the year, our county, the fund or the sum; the rule on the use does.
    rules = tmp_path / "文化站示范办法.md"
    rules.write_text(
        "# 文化站示范办法\n\n（本文件为测试用的示范条文，不是真实法规。）\n\n"
        "第一条 为了加强基层公共文化服务，制定本办法。\n\n"
        "第二条 地方各级人民政府应当采取改建、扩建等方式，加强乡镇综合文化站建设，保障其正常运行。\n\n"
        "第三条 文化站应当免费向公众开放。\n",
        encoding="utf-8",
    )
    draft = _drafted(tmp_path, rules, "给县人民政府写个请示，申请今年全县乡镇综合文化站提升改造补助资金80万元")
    reasons = next(s for s in draft.sections if s.heading == "请示事由")
    assert "加强乡镇综合文化站建设" in reasons.text, draft.text


NETWORK_RULES = """# 校园网络示范办法

（本文件为测试用的示范条文，不是真实法规。）

第一条 为了保障校园网络运行安全，制定本办法。

第二条 国家实行网络安全等级保护制度。学校应当按照网络安全等级保护制度的要求，采取防范病毒攻击的技术措施，并留存访问记录不少于六个月。

第三条 教育行政部门应当定期组织网络安全培训。
"""


def test_a_petitions_named_basis_and_reasons_state_the_rule_on_what_the_money_is_for(tmp_path: Path) -> None:
    # 说明依据和理由: two parts named by the person that name no matter of their own; each is about what the money
    # is for (等级保护测评), not about the words 依据 or 理由, which no rule writes, and none is led by 关于依据：.
    rules = tmp_path / "校园网络示范办法.md"
    rules.write_text(NETWORK_RULES, encoding="utf-8")
    request = "给县教育局写一份请示，申请专项经费8万元，用于校园网网络安全等级保护测评、购买防病毒和日志审计设备，说明依据和理由，请求批复。"
    assert parse_request(request).outline == ("依据", "理由")
    draft = _drafted(tmp_path, rules, request)
    basis = next(s for s in draft.sections if s.heading == "依据")
    assert "按照网络安全等级保护制度的要求" in basis.text or "国家实行网络安全等级保护制度" in basis.text, draft.text
    assert "依据" not in draft.missing and "关于依据" not in draft.text, draft.text
