"""Follow-ups answered end to end: what a follow-up newly names must be stated by the passage that answers it.

The fixture (tests/data/school_rules.md) has rules for a party branch, the head teacher, public and private
schools, primary schools and kindergartens, and nothing on a 校长办公会.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import one_file_service
from judges import shipped_judge

from assistant.answer import ExtractiveAnswerer
from assistant.followup import resolve_follow_up
from assistant.types import Hit
from govdoc.accounts import LOCAL
from ingest.types import Chunk

FIXTURE = Path(__file__).parent / "data" / "school_rules.md"


@pytest.fixture(scope="module")
def school_service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A GovdocService over the fixture alone, with the deterministic hashing embedder."""
    with one_file_service(FIXTURE, tmp_path_factory.mktemp("school")) as service:
        yield service


def _follow(service, first: str, follow: str):  # type: ignore[no-untyped-def]
    previous = service.ask(first, who=LOCAL)
    assert not previous.refused, previous.notes
    return service.ask(follow, [("user", first), ("assistant", previous.text)], who=LOCAL)


def test_a_follow_up_about_a_thing_the_documents_lack_is_refused_naming_it(school_service) -> None:  # type: ignore[no-untyped-def]
    answer = _follow(school_service, "学校党支部每学期至少开几次会？", "那校长办公会呢？")
    assert answer.refused
    assert answer.notes and "「校长办公会」" in answer.notes[0]
    # What the follow-up was taken to mean is shown with the refusal.
    assert "校长办公会" in answer.resolved and "每学期" in answer.resolved


def test_a_follow_up_about_a_thing_the_documents_hold_is_answered_from_its_passage(school_service) -> None:  # type: ignore[no-untyped-def]
    answer = _follow(school_service, "小学每学年组织几次健康检查？", "那幼儿园呢？")
    assert not answer.refused, answer.notes
    assert answer.resolved.startswith("幼儿园")
    assert answer.citations and all("幼儿园" in c.quote for c in answer.citations)
    assert "两次" in answer.text and "小学" not in answer.text

    private = _follow(school_service, "公办学校的学生在校受伤，谁来承担责任？", "那民办的呢？")
    assert not private.refused, private.notes
    assert [c.quote for c in private.citations] == [c.quote for c in private.citations if "民办学校" in c.quote]
    assert "举办者" in private.text


def test_a_follow_up_swapping_the_person_keeps_the_aspect_asked(school_service) -> None:  # type: ignore[no-untyped-def]
    # 受教育者 is the official word for 学生: the rights article answers, not the duties article that
    # happens to say 学生.
    answer = _follow(school_service, "教师享有哪些权利？", "那学生呢？")
    assert not answer.refused, answer.notes
    assert answer.resolved == "学生享有哪些权利？"
    assert "奖学金" in answer.text and "努力学习" not in answer.text


def test_a_follow_up_swapping_the_body_is_refused_when_the_body_is_nowhere(school_service) -> None:  # type: ignore[no-untyped-def]
    answer = _follow(school_service, "哪些事项由学校党支部研究决定？", "那校长办公会呢？")
    assert answer.resolved == "哪些事项由学校校长办公会研究决定？" or "党支部" not in answer.resolved
    assert answer.refused
    assert answer.notes and "「校长办公会」" in answer.notes[0]


class _TextStats:
    """Every word of ``text`` equally telling; a word it never uses is unknown (as 社保 to documents that
    write 社会保险)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def idf(self, token: str) -> float:
        return 1.0

    def df(self, token: str) -> int:
        return int(token in self.text)


class _FlatStats:
    """Every word equally telling and present: isolates the judge's ruling from word weights."""

    def idf(self, token: str) -> float:
        return 1.0

    def df(self, token: str) -> int:
        return 1


def test_the_judge_requires_the_new_thing_where_the_question_alone_would_be_answered() -> None:
    text = "第二条 学校党支部每学期至少召开两次会议，研究学校重大事项。"
    hit = Hit(Chunk("c1", "d1", "某县中小学校内部管理办法", "x.md", "第二条", None, 0, len(text), text), 1.0, 1)
    answerer = ExtractiveAnswerer(_FlatStats, shipped_judge())
    resolved = resolve_follow_up("那党委会呢？", [("user", "学校党支部每学期至少召开几次会议？")])
    assert resolved.new_terms == ("党委会",)
    # Without the requirement the party branch's sentence passes for an answer (the old behaviour) …
    assert not answerer.answer(resolved.question, [hit]).refused
    # … with it, it cannot: it never states 党委会.
    refused = answerer.answer(resolved.question, [hit], resolved.new_terms)
    assert refused.refused and refused.notes == ("查到的相关内容里没有提到「党委会」",)


def test_a_required_thing_is_stated_word_by_word_or_by_its_official_word() -> None:
    from assistant.judge import stated

    assert stated("校长办公会", "学校校长办公会每月召开一次")
    assert stated("校长办公会", "由校长召集办公会")  # each of its words
    assert not stated("校长办公会", "校长负责学校的日常管理工作")
    assert stated("老师", "教师应当遵守职业道德")  # the official word (assistant/words/synonyms.tsv)
    # One word by the part of it that says which one; the words of a phrase each in full.
    assert stated("大学生", "大学每日学习时间不超过十小时")
    # Not by the part it shares with things of its kind: a sentence on a 党支部 says nothing of a 团支部.
    assert not stated("团支部", "党支部每学期至少召开两次会议")
    assert not stated("校长办公会", "校长办公室设在行政楼")


def test_a_required_abbreviation_is_stated_by_its_full_form() -> None:
    from assistant.judge import stated

    assert stated("社保", "学校应当依法为教职工缴纳社会保险")
    assert stated("教代会", "学校每学年至少召开一次教职工代表大会")
    assert stated("医保报销", "按照基本医疗保险的规定报销")  # each word of a phrase, spelled out
    # A run whose last kept character is a word of its own spells nothing out (高等学校中 is not 高中).
    assert not stated("高中", "高等学校中的学生应当参加军事训练")
    assert not stated("社保", "学校应当保障教职工的权益")


def test_a_follow_up_naming_an_abbreviation_is_answered_from_the_full_form() -> None:
    text = "第七条 教职工的社会保险由学校依法按时足额缴纳。"
    hit = Hit(Chunk("c1", "d1", "某县中小学校内部管理办法", "x.md", "第七条", None, 0, len(text), text), 1.0, 1)
    answerer = ExtractiveAnswerer(lambda: _TextStats(text), shipped_judge())
    resolved = resolve_follow_up("那社保呢？", [("user", "教职工的公积金由谁缴纳？")])
    assert resolved.question == "教职工的社保由谁缴纳？" and resolved.new_terms == ("社保",)
    answer = answerer.answer(resolved.question, [hit], resolved.new_terms)
    assert not answer.refused, answer.notes
    assert answer.citations and "社会保险" in answer.citations[0].quote


def test_only_the_things_a_follow_up_newly_names_are_required() -> None:
    history = [("user", "民办初中能跨区招生吗？")]
    assert resolve_follow_up("那民办高中呢？", history).new_terms == ("民办高中",)
    # A turn that asks something new about the same thing names nothing new.
    assert resolve_follow_up("最长多久？", [("user", "学校组织学生军训，由谁负责？")]).new_terms == ()
    # A situation is told in the asker's own words: nothing of it is required word for word.
    situation = resolve_follow_up("要是老师体罚了学生呢？", [("user", "学校发生安全事故，应当怎么处理？")])
    assert "体罚" in situation.question and situation.new_terms == ()
    # A new ask keeps the previous question's subject with the clause that describes it.
    ask = resolve_follow_up("那要怎么申请？", [("user", "父母外出务工的儿童有没有生活补助？")])
    assert ask.question.startswith("父母外出务工的儿童，")
    # A question that stands alone requires nothing.
    assert resolve_follow_up("幼儿园每学年做几次健康检查？", history).new_terms == ()


def test_a_list_lead_states_the_figure_for_the_item_that_matches() -> None:
    # The fine stands in the lead (…有下列情形之一的，…罚款：), the act in an item below it: the lead
    # states the figure asked for that item though it shares none of the question's words.
    text = (
        "第九条 有下列情形之一的，由县级人民政府教育行政部门责令改正，处五千元以上一万元以下罚款：\n"
        "（一）未经批准擅自招收学生的；\n（二）未经批准擅自举办课外培训班的。"
    )
    hit = Hit(Chunk("c1", "d1", "某县校外培训管理办法", "x.md", "第九条", None, 0, len(text), text), 1.0, 1)
    answer = ExtractiveAnswerer(_FlatStats, shipped_judge()).answer("擅自举办课外培训班，罚多少钱？", [hit])
    assert not answer.refused, answer.notes
    assert "五千元以上一万元以下罚款" in answer.text and "课外培训班" in answer.text


def test_a_follow_up_of_two_sentences_is_one_question() -> None:
    # X呢？Y？ asks Y of X: one question, not a part that asks nothing and a part without its thing.
    resolved = resolve_follow_up("那少年宫呢？开放时间是几点？", [("user", "学校组织周末托管，要收费吗？")])
    assert resolved.question.count("？") == 1 and "少年宫" in resolved.question
    assert resolved.question.endswith("开放时间是几点？")


def test_a_new_ask_keeps_the_subject_before_its_modal_verb() -> None:
    # jieba reads no noun in 保护令 (保护 令); the subject still ends where 能 opens the predicate.
    resolved = resolve_follow_up("那到期了还能延长吗？", [("user", "人身安全保护令一般能管多久？")])
    assert resolved.question == "人身安全保护令，到期了还能延长吗？"


def test_a_follow_up_that_opens_with_a_preposition_replaces_what_that_preposition_governs() -> None:
    resolved = resolve_follow_up("那向家长呢？", [("user", "学校向学生收取资料费，要经过谁批准？")])
    assert resolved.question == "学校向家长收取资料费，要经过谁批准？"
    assert resolved.new_terms == ("家长",)


def test_a_few_in_a_yes_or_no_question_asks_for_no_figure() -> None:
    from assistant.evidence import quantity_ask

    # 吗 ends a yes-or-no question: its 几 means "a few" (can it be paid in a few parts?).
    assert quantity_ask("学费能分几次交吗？") is None
    assert quantity_ask("学费能分几次交？") is not None


def test_a_required_thing_is_stated_by_the_name_regulations_give_it_also_as_part_of_it() -> None:
    from assistant.judge import required_stated, stated

    # The whole thing, or the part of it that has an everyday name (大学 of 公办大学), as regulations name it.
    assert required_stated("卫生局", "卫生行政部门应当派人检查")
    assert required_stated("公办大学", "公办高等学校的学费标准由省级人民政府确定")
    assert required_stated("派出所负责人", "公安派出所的负责人应当到场")
    # The other parts still must be stated: a private university is no 公办大学.
    assert not required_stated("公办大学", "民办高等学校的住宿费标准由学校自行制定")
    assert not required_stated("公办大学", "公办学校应当建立财务制度")
    # These names decide only what a follow-up must state, not the coverage of every question.
    assert not stated("公办大学", "公办高等学校的学费标准由省级人民政府确定")


def test_a_follow_ups_new_thing_is_stated_by_an_official_word_written_whole() -> None:
    from assistant.judge import required_stated

    # 那省里呢？ after a question on the whole country: the text writes the level 省、自治区、直辖市, and 里
    # (the everyday word's last character) is no kind the passage must speak of.
    assert required_stated("省里", "省、自治区、直辖市人民政府建立工作协调机制")
    assert required_stated("县里", "县级人民政府应当保障经费")
    assert required_stated("借给", "不得出借场地")
    # Only the official word itself: a passage on the country states no province.
    assert not required_stated("省里", "国务院建立全国工作协调机制")
    assert not required_stated("县里", "乡镇人民政府应当保障经费")


def test_a_new_thing_is_stated_by_the_part_that_says_which_only_where_its_kind_is_spoken_of() -> None:
    from assistant.judge import required_stated

    # 复印费 of 那复印费呢？: a passage on 复印 that says nothing of money does not state the fee.
    assert not required_stated("复印费", "档案室应当为来访人员提供复印服务")
    assert required_stated("复印费", "档案室提供复印服务，收费标准由物价部门核定")
    assert required_stated("复印费", "复印费由申请人承担")
    # Nor a card by a passage on the act that speaks of no card; one that speaks of it states it.
    assert not required_stated("借书卡", "图书馆应当向读者提供借书服务")
    assert required_stated("借书卡", "读者凭本人的卡借书")
    # A thing whose kind the passage speaks of is stated by its leading part as before.
    assert required_stated("大学生", "大学应当为学生提供心理辅导")


def test_a_body_after_a_question_about_a_post_is_read_as_whose_post_and_shown(school_service) -> None:  # type: ignore[no-untyped-def]
    # Not a request for the whole question: 民办学校 says whose 校长, and the rules say nothing of that one.
    answer = _follow(school_service, "校长每学年向谁报告工作？", "那民办学校呢？")
    assert answer.resolved == "民办学校的校长每学年向谁报告工作？"
    assert answer.refused and answer.notes and "完整" not in answer.text
    assert not answer.citations


def test_a_follow_up_asking_the_time_of_an_act_the_rules_do_not_tell_is_refused(school_service) -> None:  # type: ignore[no-untyped-def]
    # 通知 is the act asked about; the passage on how often checks are held does not state it.
    answer = _follow(school_service, "小学每学年组织几次健康检查？", "检查前几天要通知？")
    assert answer.refused and answer.notes and "「通知」" in answer.notes[0]
    assert "通知" in answer.resolved and answer.resolved.startswith("小学")


def test_they_after_a_question_of_who_is_the_body_the_answer_named(school_service) -> None:  # type: ignore[no-untyped-def]
    # The service's own answer to the first question names the body (由学校党支部研究决定).
    answer = _follow(school_service, "涉及教职工切身利益的重大事项由谁研究决定？", "他们每学期至少开几次会？")
    assert "学校党支部每学期至少开几次会" in answer.resolved and "他们" not in answer.resolved


def test_a_place_the_question_did_not_name_is_asked_as_a_condition_and_refused_when_nowhere(school_service) -> None:  # type: ignore[no-untyped-def]
    # 农村 cannot take the place of 教师 (a person, not a place): it says where the question is asked. The
    # fixture says nothing of 农村, so the rewritten question, shown with the answer, is refused naming it.
    answer = _follow(school_service, "教师享有哪些权利？", "那农村呢？")
    assert answer.resolved == "在农村，教师享有哪些权利？"
    assert answer.refused
    assert answer.notes and "「农村」" in answer.notes[0]
