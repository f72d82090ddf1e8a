"""The framing words of a draft (assistant.genre): they name the topic and the voice once, and a
section whose heading names the legal basis is introduced by that heading, not wrapped in another frame."""

from __future__ import annotations

from assistant.genre import lead, opening, subject, title


def test_a_topic_opening_with_the_units_kind_takes_the_voice_in_its_place() -> None:
    assert subject("学校依法保障教师权益", "我校") == "我校依法保障教师权益有关情况"
    assert opening("学校依法保障教师权益", "情况报告", "我校") == "现将我校依法保障教师权益有关情况报告如下："
    assert subject("我校德育工作", "我校") == "我校德育工作"
    assert subject("家庭教育促进法在学校的落实情况", "我校") == "我校家庭教育促进法在学校的落实情况"


def test_a_heading_that_names_the_basis_introduces_it_itself() -> None:
    assert lead("汇报材料", "校长负责制在法律上的依据", 1, "我校校长负责制", "我校", basis_only=True) == (
        "校长负责制在法律上的依据如下："
    )
    # A heading on a matter, drawn from laws only, still says the requirements are the laws'.
    assert lead("汇报材料", "校园安全", 0, "我校校园安全", "我校", basis_only=True) == "关于校园安全，有关法律法规提出了明确要求："


def test_a_title_names_its_frame_once() -> None:
    assert title("学校依法保障教师权益的情况", "情况报告") == "关于学校依法保障教师权益的情况报告"
    assert title("我校落实校长负责制自查", "自查报告") == "关于我校落实校长负责制的自查报告"
    assert title("今年德育工作", "工作总结") == "关于今年德育工作的工作总结"  # 德育工作 is the matter, not a frame
