"""The best sentence of a regulation on something else is no answer (`assistant.judge.other_subject`)."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.features import Chosen
from assistant.judge import _asks_of, other_subject, title_subjects
from assistant.types import Hit
from ingest.types import Chunk


def _chosen(text: str, title: str) -> list[Chosen]:
    return [Chosen(text, Hit(Chunk("c1", "d1", title, "x.md", "第十条", None, 0, len(text), text), 1.0, 1), 0.0)]


def _cosine(value: float):
    seen: list[tuple[str, tuple[str, ...]]] = []

    def similarity(query: str, texts: Sequence[str]) -> list[float]:
        seen.append((query, tuple(texts)))
        return [value] * len(texts)

    return similarity, seen


def test_a_title_less_its_framing_words_names_its_subject():
    assert title_subjects("中华人民共和国图书借阅保护法") == ("图书", "借阅")
    assert title_subjects("游泳场所安全管理暂行条例") == ("游泳", "场所")
    assert title_subjects("第一中学关于游泳安全工作的自查报告") == ()  # no regulation's title
    assert title_subjects("某省2030年游泳场所管理条例") == ("某省", "游泳", "场所")  # a year is no subject


def test_a_units_own_rules_are_not_read_for_a_subject():
    # A bureau's or a school's 细则, 办法 or 规定 is what its users ask about without naming it.
    assert title_subjects("某区2030年中小学游泳馆考核细则") == ()
    assert title_subjects("第一中学宿舍管理办法") == ()
    chosen = _chosen("考核内容：更衣室配备防滑垫；分值：2分", "某区2030年中小学游泳馆考核细则")
    similarity, seen = _cosine(0.50)
    assert other_subject("防滑垫那一条几分？", chosen, similarity, 0.84) == ""
    assert seen == []


def test_a_question_speaks_of_a_word_written_in_part_or_by_its_everyday_word():
    assert _asks_of("老年人", "老人坐公交要买票吗")
    assert _asks_of("献血", "献完血多久能再去")
    assert not _asks_of("妇女", "调委会多久换一届")


def test_another_regulations_rule_on_the_same_topic_is_refused_with_its_subject_named():
    chosen = _chosen("渔船船员的合法权益受到侵害的，可以申请调解。", "中华人民共和国渔船船员保障法")
    similarity, seen = _cosine(0.80)
    reason = other_subject("邻里纠纷去哪里申请调解？", chosen, similarity, 0.84)
    assert "关于渔船船员保障的规定" in reason and "《中华人民共和国渔船船员保障法》" in reason
    assert seen == [("邻里纠纷去哪里申请调解？", ("渔船船员保障法",))]  # the title without 中华人民共和国


def test_the_rule_holds_when_the_question_is_close_to_the_title_or_speaks_of_its_subject():
    chosen = _chosen("渔船船员的合法权益受到侵害的，可以申请调解。", "中华人民共和国渔船船员保障法")
    close, _ = _cosine(0.90)
    assert other_subject("邻里纠纷去哪里申请调解？", chosen, close, 0.84) == ""
    far, _ = _cosine(0.80)
    assert other_subject("渔船上的船员受了欺负去哪里申请调解？", chosen, far, 0.84) == ""
    assert other_subject("邻里纠纷去哪里申请调解？", chosen, far, 2.0) == ""  # off


def test_a_sentence_that_does_not_write_its_titles_subject_is_not_judged_by_it():
    chosen = _chosen("当事人可以申请调解。", "中华人民共和国渔船船员保障法")
    similarity, seen = _cosine(0.50)
    assert other_subject("邻里纠纷去哪里申请调解？", chosen, similarity, 0.84) == ""
    assert seen == []  # no meaning compared when no subject word is written
