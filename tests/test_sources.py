"""assistant.sources: the 参考来源 list names each document once, with every passage quoted from it."""

from __future__ import annotations

from assistant.sources import numbers_label, source_entries, source_text_lines, sources_of
from assistant.types import Citation


def _c(n: int, doc: str, start: int, quote: str, *, section: str = "一、理论学习", role: str = "own") -> Citation:
    return Citation(
        n=n,
        doc_title=f"{doc}的汇报材料",
        source=f"data/{doc}.txt",
        section=section,
        page=None,
        quote=quote,
        chunk_id=f"{doc}-{start // 100}",
        doc_id=doc,
        start=start,
        end=start + len(quote),
        role=role,
    )


def test_quotes_of_one_document_are_one_source_and_a_repeated_quote_is_one_entry() -> None:
    citations = [
        _c(1, "甲校", 10, "以三会一课为抓手。"),
        _c(2, "法", 5, "学校应当建立家长学校。", role="policy", section="第四十条"),
        _c(3, "甲校", 40, "建立了长效机制。", section="二、组织体系"),
        _c(4, "甲校", 10, "以三会一课为抓手。"),  # the same span, cited again
        _c(5, "甲校", 140, "以三会一课为抓手。"),  # the same words where two passages overlap
    ]
    sources = sources_of(citations)
    assert [s.first.doc_id for s in sources] == ["甲校", "法"]
    school = sources[0]
    assert school.numbers == (1, 3, 4, 5) and school.label == "[1][3]～[5]"
    assert [q.numbers for q in school.quotes] == [(1, 4, 5), (3,)]
    assert sources[1].numbers == (2,)


def test_entries_give_a_lone_quote_one_line_and_several_a_head_with_a_line_each() -> None:
    citations = [_c(1, "甲校", 10, "以三会一课为抓手。"), _c(2, "法", 5, "学校应当建立家长学校。", role="policy", section="第四十条"),
                 _c(3, "甲校", 40, "建立了长效机制。", section="二、组织体系")]
    entries = source_entries(citations)
    assert entries[0] == (
        "[1][3] 【本单位材料】《甲校的汇报材料》（data/甲校.txt）",
        ["[1] 一、理论学习：“以三会一课为抓手。”", "[3] 二、组织体系：“建立了长效机制。”"],
    )
    assert entries[1] == ("[2] 【政策依据】《法的汇报材料》 第四十条（data/法.txt）：“学校应当建立家长学校。”", [])
    lines = source_text_lines(citations)
    assert len(lines) == 4 and lines[1].startswith("    [1] ")


def test_a_quote_under_the_section_of_the_one_above_does_not_repeat_it() -> None:
    citations = [_c(1, "甲校", 10, "以三会一课为抓手。"), _c(2, "甲校", 40, "形成了长效机制。"), _c(3, "甲校", 90, "建立了报告制度。", section="二、组织体系")]
    assert source_entries(citations)[0][1] == [
        "[1] 一、理论学习：“以三会一课为抓手。”",
        "[2] “形成了长效机制。”",
        "[3] 二、组织体系：“建立了报告制度。”",
    ]


def test_a_run_of_numbers_is_written_as_a_range() -> None:
    assert numbers_label([1, 2, 3, 4, 7, 9, 10]) == "[1]～[4][7][9][10]"
    assert numbers_label([5]) == "[5]" and numbers_label([]) == ""


def test_a_documents_versions_are_listed_apart() -> None:
    from dataclasses import replace

    current = _c(1, "法", 5, "学校应当建立家长学校。", role="policy", section="第四十条")
    old = replace(_c(2, "法", 50, "学校可以建立家长学校。", role="policy", section="第四十条"), current=False, version_label="2013年公布")
    assert [s.numbers for s in sources_of([current, old])] == [(1,), (2,)]
    assert "已被取代" in source_entries([current, old])[1][0]
