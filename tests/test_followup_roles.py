"""Follow-up rewrite: what a word does in its sentence, not jieba's tag alone, says whether it is an act or a
thing, and a word that opens the previous situation acts again when the new one opens with it. Sentences are
invented."""

from followup_checks import after


def test_the_word_after_a_de_heads_a_noun_phrase_that_is_swapped() -> None:
    # 决定 and 处理 (tagged verbs) head 的-phrases: the turn names a thing, its preposition phrase is swapped whole.
    assert after("业主对物业的决定不服找谁？", "那对业委会的决定呢？") == "业主对业委会的决定不服找谁？"
    assert after("对医院的收费不服怎么办？", "那对药店的处理呢？") == "对药店的处理不服怎么办？"


def test_the_word_after_a_place_phrase_is_the_act_a_new_act_replaces() -> None:
    # 建房 (tagged a noun) stands where the predicate stands, after 在…上: 改建车库 replaces it, the place stays.
    rewritten = after("村民在承包地上建房要审批吗？", "那改建车库呢？")
    assert rewritten == "村民在承包地上改建车库要审批吗？"


def test_the_one_a_situation_opens_with_acts_again_in_the_new_one() -> None:
    # 对方 opened the previous situation as the one who acted: the new situation told of it replaces the old one.
    rewritten = after("对方不还借款，可以起诉吗？", "要是对方已经出国了呢？")
    assert rewritten == "对方已经出国了，可以起诉吗？"
