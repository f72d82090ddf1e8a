"""Candidate sentences: a clause that states what must or may not be done stands on its own."""

from __future__ import annotations

from assistant.answer import candidate_spans


def _pieces(text: str, split: bool = True) -> list[str]:
    return [text[a:b] for a, b in candidate_spans(text, split)]


def test_a_clause_opening_on_a_word_of_obligation_is_a_candidate_of_its_own():
    text = "第八条 托育机构招收婴幼儿，应当与监护人签订服务协议，不得以兴趣培训或者其他名义另行收取费用，对困难家庭的子女酌情减免。"
    pieces = _pieces(text)
    assert pieces[0] == text  # the whole sentence stays a candidate
    assert "应当与监护人签订服务协议" in pieces
    # The clause runs to the next one that states an obligation of its own, quoted as the text has it.
    assert "不得以兴趣培训或者其他名义另行收取费用，对困难家庭的子女酌情减免。" in pieces
    assert all(p in text for p in pieces)


def test_a_short_sentence_or_one_without_such_a_clause_is_quoted_whole():
    short = "托育机构不得收取押金，应当公示收费项目。"
    assert _pieces(short) == [short]
    plain = "第三条 托育服务坚持政府引导、家庭为主、多方参与的原则，促进婴幼儿健康成长，满足家庭多样化的照护需求。"
    assert _pieces(plain) == [plain]
    # A list question is answered by whole sentences only.
    text = "第八条 托育机构招收婴幼儿，应当与监护人签订服务协议，不得以兴趣培训或者其他名义另行收取费用。"
    assert _pieces(text, split=False) == [text]
