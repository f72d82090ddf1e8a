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


def test_a_clause_is_quoted_with_the_opening_of_its_sentence_that_names_who_and_when():
    from assistant.answer import Candidate, ExtractiveAnswerer
    from assistant.types import Hit
    from ingest.types import Chunk

    text = (
        "第二十四条 矿山、金属冶炼单位，应当设置安全管理机构或者配备专职安全管理人员。"
        "其他单位从业人员在一百人以下的，应当配备专职或者兼职的安全管理人员，并建立台账。"
    )
    hit = Hit(Chunk("c", "d", "某安全示范条例", "d.md", "第二十四条", None, 0, len(text), text), 1.0, 1)
    clause = next(text[a:b] for a, b in candidate_spans(text, True) if text[a:b].startswith("应当配备专职或者兼职"))
    a = text.index(clause)
    quoted, citations = ExtractiveAnswerer._compose(None, [Candidate(hit, a, a + len(clause), clause, 0.9)])  # type: ignore[arg-type]
    # Who must and when (其他单位从业人员在一百人以下的) come with it, verbatim and cited as quoted.
    assert quoted.startswith("其他单位从业人员在一百人以下的，应当配备专职或者兼职的安全管理人员"), quoted
    assert citations[0].quote in text and citations[0].quote.startswith("其他单位"), citations[0]


def test_a_clause_opening_a_sentence_or_far_from_its_opening_keeps_its_own_start():
    from assistant.answer import lead_start

    text = "第一条 甲单位应当建立制度；乙单位应当配合。"
    assert lead_start(text, text.index("乙单位")) == text.index("乙单位")  # a ；-clause opens on its own subject
    long = "第二条 " + "某某" * 60 + "的，不得收取费用。"
    assert lead_start(long, long.index("不得")) == long.index("不得")  # a lead this long is a sentence of its own
    item = "第三条 有下列情形之一的：\n（一）未经批准的，不得开工；"
    assert lead_start(item, item.index("不得")) == item.index("（一）")  # an item opens at its own line


def test_a_later_part_asking_the_penalty_is_answered_by_the_penalty_already_quoted():
    from assistant.answer import Candidate, _penalty_quoted
    from assistant.types import Hit
    from ingest.types import Chunk

    text = "第九条 公安机关应当自书店开业之日起二十个工作日内进行检查。检查发现问题的，由公安机关给予警告，可以并处五千元以下罚款。"
    hit = Hit(Chunk("c", "d", "某示范办法", "d.md", "第九条", None, 0, len(text), text), 1.0, 1)
    quoted = [Candidate(hit, 0, len(text), text, 0.9)]
    assert _penalty_quoted("查出问题怎么罚？", quoted) and _penalty_quoted("最多罚多少？", quoted)
    # Not a part that only names a penalty (老是被罚…会被关掉吗), nor one a quote without a penalty could answer.
    assert not _penalty_quoted("老是被罚是不是也会？", quoted)
    rule = "第十条 书店应当亮证经营。"
    bare = Hit(Chunk("e", "d", "某示范办法", "d.md", "第十条", None, 0, len(rule), rule), 1.0, 1)
    assert not _penalty_quoted("查出问题怎么罚？", [Candidate(bare, 0, len(rule), rule, 0.9)])
    # Nor a part that asks something else beside the penalty (由谁检查).
    assert not _penalty_quoted("由谁来查，怎么罚？", quoted)
