"""Citation checking: unknown markers dropped, renumbering, verbatim quotes, follow-ups."""

from __future__ import annotations

from assistant.cite import check_markers, section_at, supports
from assistant.followup import is_follow_up, standalone_question
from assistant.types import Hit
from ingest.types import Chunk


def _hit(n: int, text: str, section: str = "") -> Hit:
    chunk = Chunk(f"c{n}", "d", "某文件", "x.txt", section, None, 100, 100 + len(text), text)
    return Hit(chunk, 1.0 / n, n)


def first_sentence(_: str, hit: Hit) -> tuple[int, int]:
    end = hit.chunk.text.find("。") + 1
    return 0, end


def test_unknown_markers_are_removed_and_others_renumbered():
    hits = [_hit(1, "甲事项由党支部决定。其他。"), _hit(2, "乙事项由校长负责。")]
    checked = check_markers("乙由校长负责[2]。甲由支部决定[1][7]。", hits, first_sentence)
    assert checked.text == "乙由校长负责[1]。甲由支部决定[2]。"
    assert checked.dropped == (7,)
    assert [c.quote for c in checked.citations] == ["乙事项由校长负责。", "甲事项由党支部决定。"]
    assert checked.citations[0].start == 100 and checked.citations[0].chunk_id == "c2"
    assert checked.verified


def test_no_valid_marker_means_unverified():
    checked = check_markers("学校应当依法办学[5]。", [_hit(1, "学校依法办学。")], first_sentence)
    assert checked.text == "学校应当依法办学。"
    assert not checked.verified and not checked.citations


def test_marker_forms_models_write():
    hits = [_hit(1, "甲。"), _hit(2, "乙。")]
    checked = check_markers("甲【1】乙[1, 2]", hits, first_sentence)
    assert checked.text == "甲[1]乙[1][2]"


def test_section_is_narrowed_to_the_article_of_the_quote():
    text = "第五条 国务院教育行政部门主管全国的教师工作。\n第六条 每年九月十日为教师节。"
    hit = _hit(1, text, "第一章 总则 > 第五条～第六条")
    assert section_at(hit, text.index("每年")) == "第一章 总则 > 第六条"


def test_follow_up_rewrite():
    history = [("user", "第三中学党支部书记参加了几次培训？"), ("assistant", "3次[1]")]
    assert is_follow_up("那校长呢？")
    assert not is_follow_up("教师享有哪些权利？")
    rewritten = standalone_question("那校长呢？", history)
    assert "培训" in rewritten and "校长" in rewritten
    assert standalone_question("教师享有哪些权利？", history) == "教师享有哪些权利？"


def test_a_follow_up_that_swaps_one_thing_swaps_it_in_the_previous_question():
    asked = [("user", "公办学校的学生在校受伤，学校要承担责任吗？"), ("assistant", "……")]
    private = standalone_question("那民办的呢？", asked)
    assert "民办学校" in private and "公办" not in private and "责任" in private
    stage = [("user", "小学生每天的作业时间不能超过多少？"), ("assistant", "……")]
    assert standalone_question("那中学生呢？", stage).startswith("中学生每天的作业时间")
    penalty = [("user", "单位拖欠工资，劳动部门会怎么处理？"), ("assistant", "……")]
    later = standalone_question("到期还不改呢？", penalty)
    assert "拖欠工资" in later and "到期还不改" in later and later.endswith("会怎么处理？")
    new_ask = standalone_question("那最长多久？", [("user", "学校组织学生军训，由谁负责？"), ("assistant", "……")])
    assert "军训" in new_ask and "最长多久" in new_ask and "谁" not in new_ask


def test_a_follow_up_without_an_opener_is_still_read_with_the_previous_question():
    measures = [("user", "学生沉迷网络游戏，家长可以采取哪些措施？"), ("assistant", "……")]
    # It names nothing of its own: the previous question's matter comes with it, the thing it asked after
    # (措施) included.
    assert standalone_question("最多能关几天？", measures) == "学生沉迷网络游戏，家长可以采取措施，最多能关几天？"
    # A clause ending in 呢 marks it too, and the 呢 does not stay.
    handled = [("user", "复议申请受理以后，一般多少天要办结？"), ("assistant", "……")]
    assert standalone_question("情况复杂的呢，最长能拖多久？", handled) == "复议申请受理以后，情况复杂的，最长能拖多久？"
    # A question with a thing of its own stands alone.
    assert standalone_question("教师法从哪一天起施行？", measures) == "教师法从哪一天起施行？"


def test_a_swap_replaces_the_whole_list_it_lands_in():
    stages = [("user", "小学和初中的劳动课程应当培养哪些能力？"), ("assistant", "……")]
    assert standalone_question("那高中呢？", stages) == "高中的劳动课程应当培养哪些能力？"


def test_a_sentence_its_passage_does_not_bear_out_is_flagged():
    hits = [_hit(1, "学校党支部换届时设立了7名支委委员。"), _hit(2, "教师应当遵守宪法、法律和职业道德，为人师表。")]
    paraphrase = check_markers("换届时设立了7名支委委员[1]。教师要为人师表[2]。", hits, first_sentence)
    assert paraphrase.verified and paraphrase.unsupported == ()
    # A sentence copied from elsewhere (here the prompt's own example) under a real marker.
    made_up = check_markers("学校实行校长负责制。[1]", hits, first_sentence)
    assert made_up.citations and made_up.unsupported == (1,)
    assert not made_up.verified
    mixed = check_markers("学校实行校长负责制[1]。教师应当为人师表[2]。", hits, first_sentence)
    assert mixed.unsupported == (1,) and mixed.verified


def test_support_is_a_share_of_the_claims_character_pairs():
    passage = "教育行政部门应当自收到申请材料之日起3个工作日内征求意见。"
    assert supports(passage, "收到申请材料后3个工作日内征求意见")
    assert not supports(passage, "校车标牌的有效期为五年")
    assert supports(passage, "[1]")  # nothing to check


def test_a_quote_after_a_heading_inside_its_passage_is_labelled_with_that_heading() -> None:
    # The bundled 自查报告: a passage that starts in 1.(2) runs on into 1.(3).
    from pathlib import Path

    from ingest.config import ChunkSettings, IngestSettings, OcrSettings
    from ingest.read import local_reader

    read = local_reader(
        chunk_settings=ChunkSettings(), ingest_settings=IngestSettings(), ocr_settings=OcrSettings(enabled=False), ocr_engine=None
    )
    report = Path(__file__).resolve().parent.parent / "data" / "2022年中小学校贯彻党组织领导下的校长负责制试点工作落实情况汇报材料.txt"
    _, chunks = read(report, "data/report.txt", on_ocr_page=None)
    chunk = next(c for c in chunks if "(2)党支部参与学校学期工作计划" in c.text and "(3)党支部把后备干部" in c.text)
    hit = Hit(chunk=chunk, score=1.0, rank=1)
    later = chunk.text.index("(3)党支部把后备干部")
    assert "(2)党支部参与学校学期工作计划的制订" in chunk.section  # the passage's own label: where it starts
    assert "(2)党支部参与" not in section_at(hit, later + 3)
    assert section_at(hit, later + 3).endswith("(3)党支部把后备干部的培养、考察、选拔、聘用工作看作是支部")
    assert section_at(hit, 5) == chunk.section  # a quote before the heading keeps the passage's label
