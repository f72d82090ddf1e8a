"""Fill-in slots: a sample's unit-specific details become 【请填写：…】; its wording and general terms stay."""

from __future__ import annotations

import re

import pytest

from assistant.slots import SLOT_PATTERN, has_slot, slot_placeholders, slot_specifics


@pytest.mark.parametrize(
    ("sentence", "gone", "labels"),
    [
        ("完成了本学期对220余名教师的师德师风考核工作", ["220", "本学期"], ["时间", "教师人数"]),
        ("设立了7名支委委员，经2022年*月*日党员大会表决通过", ["7名支委", "2022", "*"], ["支委委员人数", "时间"]),
        ("制定了《**学校支部委员会议事规则和决策程序》等各项规章制度", ["**", "议事规则"], ["文件名称"]),
        ("组织教职工学习(沪教党[1000]158号)文件", ["沪教党", "158"], ["文号"]),
        ("落实《关于杭州市中小学开展研学实践的若干意见》", ["杭州市"], ["文件名称"]),
        ("第三中学党组织领导下的校长负责制试点工作", ["第三中学"], ["学校名称"]),
        ("党建工作经费占到了公用经费的2%", ["2"], ["比例"]),
        ("本学期共召开全体教师政治理论学习5次，备课组学习16次", ["5", "16"], ["时间", "次数", "次数"]),
        ("学校每学期召开一次教代会", ["每学期", "一次"], ["频次"]),
        ("在教代会前一个月左右告示全体教职工", ["一个月"], ["时长"]),
        ("学校以“民族团结教育从娃娃抓起”为出发点", ["娃娃"], ["本单位提法"]),
        # Adjacent places are one slot.
        ("北京市海淀区实验小学张伟校长到校指导", ["北京市", "海淀区", "张伟"], ["地名", "姓名"]),
        ("学校两年前就实行中层干部公开招聘", ["两年"], ["年数"]),
    ],
)
def test_specifics_become_named_slots(sentence: str, gone: list[str], labels: list[str]) -> None:
    out = slot_specifics(sentence)
    outside = SLOT_PATTERN.sub("", out.text)
    for detail in gone:
        assert detail not in outside, out.text
    assert list(out.labels) == labels
    assert [m.group(1) for m in SLOT_PATTERN.finditer(out.text)] == labels


@pytest.mark.parametrize(
    "sentence",
    [
        "学校党支部以《中国共产党支部工作条例(试行)》为依据，以“五好党支部”为标准",
        "以“三会一课”抓手，引导党员教师在思想政治上不断检视",
        "建立了书记、校长经常性沟通制度，涉及“三重一大”等重大事项要充分沟通",
        "1.学校定期召开教代会的情况",
        "在以下两个方面进行修改",
    ],
)
def test_general_wording_and_national_documents_stay(sentence: str) -> None:
    out = slot_specifics(sentence)
    assert out.text == sentence and not has_slot(out.text)


def test_a_frequency_keeps_its_verb() -> None:
    assert slot_specifics("学校每学期召开一次教代会").text == "学校【请填写：频次】召开教代会"


def test_self_references_take_the_drafts_voice() -> None:
    out = slot_specifics("下面就我校党组织领导下的校长负责制工作开展情况汇报如下", voice="本单位")
    assert out.text == "下面就本单位党组织领导下的校长负责制工作开展情况汇报如下"
    assert re.search("我校", slot_specifics("我校设立了7名委员").text)


def test_the_level_of_an_honour_is_the_units_own() -> None:
    assert slot_specifics("争创区级文明单位标兵。").text == "争创【请填写：级别】文明单位标兵。"
    assert slot_specifics("区级财政投入逐年增加").text == "区级财政投入逐年增加"


@pytest.mark.parametrize(
    ("sentence", "gone", "labels"),
    [
        ("如上学期提出了“保先争优”的口号。", ["保先争优", "上学期"], ["时间", "本单位提法"]),
        ("通过周一升国旗仪式、主题班会等多种形式,大力实施育苗工程。", ["周一", "育苗工程"], ["时间", "本单位提法"]),
        ("贯彻落实县委宣传部、县文旅局联合印发的《关于中小学开展研学实践的若干意见》", ["县委", "若干意见"], ["发文单位", "文件名称"]),
        ("每学年(暑假)对中层干部进行一次考核测评。", ["每学年", "一次"], ["频次"]),
    ],
)
def test_a_samples_own_slogans_programmes_and_schedules_become_slots(
    sentence: str, gone: list[str], labels: list[str]
) -> None:
    out = slot_specifics(sentence)
    outside = SLOT_PATTERN.sub("", out.text)
    for detail in gone:
        assert detail not in outside, out.text
    assert list(out.labels) == labels


def test_what_a_sample_follows_stays_only_when_the_draft_can_cite_it() -> None:
    sentence = "学校党支部以《中国共产党支部工作条例(试行)》为依据;贯彻落实中小学教师教育教学行为规范和师德考核负面清单制度。"
    in_index = {"中国共产党支部工作条例(试行)"}
    out = slot_specifics(sentence, cited=lambda name: name in in_index)
    assert "《中国共产党支部工作条例(试行)》" in out.text
    assert "负面清单" not in SLOT_PATTERN.sub("", out.text) and out.labels == ("依据文件名称",)
    nothing = slot_specifics(sentence, cited=lambda name: False)
    assert "条例" not in SLOT_PATTERN.sub("", nothing.text) and nothing.labels == ("依据文件名称", "依据文件名称")


def test_a_bracketed_enumerator_is_no_count() -> None:
    assert slot_specifics("(1)学校重大改革措施都经教代会讨论通过。").text == "(1)学校重大改革措施都经教代会讨论通过。"


def test_a_happening_on_one_occasion_is_the_units_own() -> None:
    out = slot_specifics("在202*年职称评审中,校委会征求了党支部的意见,对政治理论学习次数不够的教师进行了提醒约谈;")
    assert out.text == "在【请填写：时间】职称评审中,【请填写：本单位事例】;"
    # A practice that merely has a count and a term is kept, its specifics slotted.
    assert slot_specifics("完成了本学期对220余名教师的师德师风考核工作").labels == ("时间", "教师人数")


def test_a_short_quoted_term_stays_only_when_the_policies_use_it() -> None:
    sentence = "以“三会一课”抓手,涉及“三重一大”等重大事项要充分沟通。"
    out = slot_specifics(sentence, cited=lambda term: term == "三会一课")
    assert "“三会一课”" in out.text and "三重一大" not in SLOT_PATTERN.sub("", out.text)
    assert slot_specifics(sentence).text == sentence  # without knowing the policies, short terms stay


def test_our_own_material_keeps_its_facts_but_not_a_templates_blanks() -> None:
    assert slot_placeholders("制定了《**学校议事规则》等制度") == "制定了《【请填写：学校名称】议事规则》等制度"
    assert slot_placeholders("经2022年*月*日党员大会表决通过,设立了7名委员") == "经【请填写：时间】党员大会表决通过,设立了7名委员"
    kept = "2023年9月完成了对220余名教师的考核"  # real figures and dates of our own are facts
    assert slot_placeholders(kept) == kept


def test_a_slotted_title_keeps_its_title_marks() -> None:
    # The sentence still names a document: 制定了《…》等规章制度, the title itself for the user to fill.
    assert slot_specifics("制定了《**学校支部委员会议事规则和决策程序》等各项规章制度").text == (
        "制定了《【请填写：文件名称】》等各项规章制度"
    )
    out = slot_specifics("组织教职工学习(沪教党[1000]158号)文《关于杭州市中小学开展研学实践的若干意见》", cited=lambda n: False)
    assert out.text == "组织教职工学习(【请填写：文号】)文《【请填写：文件名称】》"


def test_a_programme_named_by_its_phase_is_the_units_own() -> None:
    out = slot_specifics("引导教师积极探索和研究二期课改中的经验和问题，切实提高课堂教学质量。")
    assert "二期课改" not in SLOT_PATTERN.sub("", out.text) and out.labels == ("本单位提法",)
    assert slot_specifics("在这一期间，学校第二期培训如期开展。").text == "在这一期间，学校第二期培训如期开展。"


def test_a_duty_week_is_no_weekday() -> None:
    # 值周 is a word (the week a teacher is on duty): 值周日志 holds no 周日 to slot, 每周日 and 星期六 do.
    kept = slot_specifics("各班按时填写值周日志。", "我校")
    assert "值周日志" in kept.text and not has_slot(kept.text)
    slotted = slot_specifics("每周日晚上召开班会，星期六开放图书室。", "我校")
    assert "周日" not in slotted.text and "星期六" not in slotted.text and has_slot(slotted.text)
