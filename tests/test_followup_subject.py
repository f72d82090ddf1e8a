"""A follow-up that swaps who the question is about (那学生呢？ after a question about teachers) is answered about
the new one or refused: a sentence that binds someone else by its modal verb does not answer it, however often it
names the new one further on. The sentences here are invented for these tests.
"""

from __future__ import annotations

from judges import shipped_judge

from assistant.answer import ExtractiveAnswerer
from assistant.evidence import Focus, focus_of
from assistant.features import view_of
from assistant.followup import resolve_follow_up
from assistant.judge import binds_other, question_subject, sentence_subjects
from assistant.types import Hit
from ingest.types import Chunk


class _FlatStats:
    """Every word equally telling and present: isolates the judge's ruling from word weights."""

    def idf(self, token: str) -> float:
        return 1.0

    def df(self, token: str) -> int:
        return 1


def _hit(text: str, n: int = 1, section: str = "第一条") -> Hit:
    return Hit(Chunk(f"c{n}", "d1", "某镇图书室管理办法", "x.md", section, None, 0, len(text), text), 1.0, n)


def test_the_subject_of_a_rule_is_who_stands_before_its_modal_verb() -> None:
    assert sentence_subjects("第三条 管理员应当每周整理一次书架，并提醒读者按时还书。") == ["管理员"]
    # A preposition phrase between the subject and the modal is not the subject.
    assert sentence_subjects("读者在阅览室内不得大声喧哗。") == ["读者"]
    # A condition ending in 的 before the modal: the subject is who the sentence opens with.
    assert sentence_subjects("图书室发现图书破损的，应当及时修补。") == ["图书室"]
    # A clause that opens with its modal after a clause ending with who it binds.
    assert sentence_subjects("借阅珍本图书超过三十天的志愿者协会，应当书面说明理由。") == ["志愿者协会"]
    # A place word (县) may open the name.
    assert sentence_subjects("收到申请的县卫生院应当在十日内答复。") == ["县卫生院"]
    # A modal that goes on from a clause binds the same one, not the object the clause before ended with.
    assert sentence_subjects("管理员应当热情接待读者，不得刁难读者，不得向读者收取费用。") == ["管理员"]
    # Each clause that binds someone counts.
    assert sentence_subjects("镇政府应当保障经费，村委会应当提供场地。") == ["镇政府", "村委会"]
    # A clause before 的 says which one of who follows it.
    assert sentence_subjects("收到捐赠的图书室应当登记造册。") == ["图书室"]
    # Who does the act, said by 由, is who the clause is about too.
    assert sentence_subjects("借书证遗失的读者，可以由其家属代为补办。") == ["读者", "其家属"]
    # A list item binds no one itself; a sentence that binds no one and opens with no one has no subject.
    assert sentence_subjects("（一）按时归还所借图书；") == []
    assert sentence_subjects("违反本办法规定的，予以批评教育。") == []


def test_the_subject_of_a_question_is_what_its_asking_clause_opens_with() -> None:
    assert question_subject("读者应当遵守哪些规定？") == "读者"
    assert question_subject("图书室购进新书，管理员要做什么？") == "管理员"
    # The asking clause opens with its predicate: the subject is the one the question opens with.
    assert question_subject("读者弄丢了图书，应该怎么办？") == "读者"


def test_a_rule_about_the_previous_person_does_not_answer_a_follow_up_about_the_new_one() -> None:
    resolved = resolve_follow_up("那读者呢？", [("user", "管理员应当遵守哪些规定？")])
    assert resolved.question == "读者应当遵守哪些规定？"
    assert resolved.new_terms == ("读者",)
    view = view_of(resolved.question, _focus(resolved.question), resolved.new_terms)
    about_staff = "第三条 管理员应当提醒读者按时还书，帮助读者查找图书。"
    about_readers = "第四条 读者应当按时还书，爱护图书。"
    # The staff rule names 读者 twice, but binds the staff.
    assert binds_other(view, about_staff, _hit(about_staff))
    assert not binds_other(view, about_readers, _hit(about_readers, 2))
    # Not judged so without a follow-up's new person: the same question asked on its own.
    alone = view_of(resolved.question, _focus(resolved.question))
    assert not binds_other(alone, about_staff, _hit(about_staff))


def test_a_list_item_is_bound_by_its_lead_line() -> None:
    text = "第三条 管理员应当履行下列职责：\n（一）帮助读者查找图书；\n（二）读者服务的登记和统计。"
    view = view_of("读者应当履行哪些职责？", _focus("读者应当履行哪些职责？"), ("读者",))
    assert binds_other(view, "（一）帮助读者查找图书；", _hit(text))
    # An item that opens with a noun is about whom its lead binds all the same.
    assert binds_other(view, "（二）读者服务的登记和统计。", _hit(text))


def test_a_swapped_person_is_answered_from_their_own_rule_or_refused() -> None:
    answerer = ExtractiveAnswerer(_FlatStats, shipped_judge())
    resolved = resolve_follow_up("那读者呢？", [("user", "管理员应当遵守哪些规定？")])
    staff = "第三条 管理员应当遵守下列规定：提醒读者按时还书，帮助读者查找图书。"
    readers = "第四条 读者应当遵守下列规定：按时还书，爱护图书。"
    # Only the staff rule was found: it names 读者 but is no answer about them.
    refused = answerer.answer(resolved.question, [_hit(staff)], resolved.new_terms)
    assert refused.refused
    # The reason says the passage naming 读者 does not answer, not that nothing on 读者 was found.
    assert refused.notes[0] == "资料中提到「读者」的段落没有回答这个问题", refused.notes
    # With no passage naming 读者 at all, the reason is that nothing on them was found.
    unnamed = answerer.answer(resolved.question, [_hit("第三条 管理员应当每周整理一次书架。")], resolved.new_terms)
    assert unnamed.refused and unnamed.notes[0] == "查到的相关内容里没有提到「读者」", unnamed.notes
    # With the readers' own rule found as well, that one answers, and the staff rule is not quoted.
    answered = answerer.answer(resolved.question, [_hit(staff), _hit(readers, 2, "第四条")], resolved.new_terms)
    assert not answered.refused, answered.notes
    assert "爱护图书" in answered.text and "管理员" not in answered.text


def test_a_new_person_replaces_the_person_not_the_rule_that_provides() -> None:
    # 某办法规定X…: the document says what follows; the new person takes X's place, not the document's.
    resolved = resolve_follow_up("那读者呢？", [("user", "图书室管理办法规定管理员要做哪些事？")])
    assert resolved.question == "图书室管理办法规定读者要做哪些事？"


def _focus(question: str) -> Focus:
    return focus_of(question, _FlatStats().idf)
