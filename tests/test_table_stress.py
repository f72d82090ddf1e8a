"""Table questions over shapes the evaluation sets lack, written here at test time and asked in everyday
words: an HTML list of hospital supplies whose 小计 rows stand between the groups and whose count column
names its measure only in brackets (领用量（盒）); a DOCX works list whose first column is a category merged
over two rows, so that the row's subject stands in its second column after a 序号, with long prose cells
named by a part; a PDF table of sports test marks whose header is two rows (男生 over 满分标准 and 及格标准).
All names and figures are invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import ask_checked as _ask
from index_checks import service_over
from pdf_tables import write_table_pdf

from assistant.row_text import asked_cells
from assistant.table import (
    cut_across,
    measured_cells,
    rows_total,
    spoken_nouns,
    subjects_named,
    unit_price_unheld,
    word_mismatch,
)
from ingest.record import parse_record

SUPPLIES_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县人民医院2026年一季度医疗耗材领用统计</title></head>
<body><article><h1>某县人民医院2026年一季度医疗耗材领用统计</h1>
<p>现将一季度各科室医疗耗材领用情况统计如下。</p>
<table border="1">
<tr><th>科室</th><th>耗材名称</th><th>领用量（盒）</th><th>金额（元）</th><th>领用人</th></tr>
<tr><td>内科</td><td>一次性输液器</td><td>40</td><td>1,600</td><td>蒋丽</td></tr>
<tr><td>内科</td><td>医用外科口罩</td><td>25</td><td>750</td><td>蒋丽</td></tr>
<tr><td>小计</td><td></td><td>65</td><td>2,350</td><td></td></tr>
<tr><td>外科</td><td>可吸收缝合线</td><td>12</td><td>3,360</td><td>彭涛</td></tr>
<tr><td>外科</td><td>无菌手术衣</td><td>30</td><td>2,100</td><td>彭涛</td></tr>
<tr><td>小计</td><td></td><td>42</td><td>5,460</td><td></td></tr>
<tr><td>合计</td><td></td><td>107</td><td>7,810</td><td></td></tr>
</table>
<p>请各科室合理使用耗材，杜绝浪费。</p></article></body></html>"""

WORKS = [
    ("公路养护", "1", "县道X203线K12至K18段路面病害处治及排水沟清理", "85.6", "县公路事务中心"),
    ("公路养护", "2", "乡道Y015线危桥加固改造", "132", "石岭镇人民政府"),
    ("农村客运", "3", "新增城乡公交候车亭二十座", "40", "县交通运输局"),
    ("农村客运", "4", "更换纯电动公交车六辆", "210", "县公交公司"),
]

MARKS = [
    ["项目", "男生", "", "女生", ""],
    ["", "满分标准", "及格标准", "满分标准", "及格标准"],
    ["50米跑（秒）", "7.1", "9.1", "7.8", "10.3"],
    ["立定跳远（厘米）", "250", "195", "204", "151"],
    ["一分钟跳绳（次）", "185", "110", "185", "110"],
    ["引体向上（个）", "14", "5", "—", "—"],
]

SUPPLY_ROWS = [
    parse_record("科室：内科；耗材名称：一次性输液器；领用量（盒）：40；金额（元）：1,600；领用人：蒋丽"),
    parse_record("科室：内科；耗材名称：医用外科口罩；领用量（盒）：25；金额（元）：750；领用人：蒋丽"),
    parse_record("科室：小计；领用量（盒）：65；金额（元）：2,350"),
    parse_record("科室：外科；耗材名称：可吸收缝合线；领用量（盒）：12；金额（元）：3,360；领用人：彭涛"),
    parse_record("科室：外科；耗材名称：无菌手术衣；领用量（盒）：30；金额（元）：2,100；领用人：彭涛"),
]


def _write_works_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某县交通运输局2026年重点工程项目清单", style="Title")
    document.add_paragraph("为加快补齐交通基础设施短板，现将2026年重点工程项目列出如下。")
    table = document.add_table(rows=len(WORKS) + 1, cols=5)
    for c, head in enumerate(["类别", "序号", "工程内容", "投资（万元）", "承建单位"]):
        table.cell(0, c).text = head
    for r, row in enumerate(WORKS, start=1):
        for c, text in enumerate(row):
            if c or r % 2:
                table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(3, 0).merge(table.cell(4, 0))
    document.add_paragraph("各承建单位要严格落实质量安全责任。")
    document.save(str(path))


def _write_marks_pdf(path: Path) -> None:
    write_table_pdf(
        path,
        "某市2026年初中体育测试评分参考",
        MARKS,
        "现将体育测试各项目的满分和及格标准公布如下。",
        "测试当天请考生穿运动鞋。",
        header_rows=2,
        spans=[((1, 0), (2, 0)), ((3, 0), (4, 0)), ((0, 0), (0, 1))],
    )


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("stress")
    docs = root / "docs"
    docs.mkdir()
    (docs / "supplies.html").write_text(SUPPLIES_HTML, encoding="utf-8")
    _write_works_docx(docs / "works.docx")
    _write_marks_pdf(docs / "marks.pdf")
    with service_over(docs, root) as svc:
        yield svc


def test_a_long_cell_is_named_by_the_noun_it_ends_in_when_no_other_row_holds_it():
    assert subjects_named("输液器和口罩加起来领了多少盒？", SUPPLY_ROWS) == (0, 1)
    # A noun that only qualifies the noun after it (学校 of 学校食堂) names no row ending in it.
    schools = [parse_record("序号：1；单位：城关第二学校；人数：30"), parse_record("序号：2；单位：河西中心医院；人数：12")]
    assert subjects_named("学校食堂几点开门？", schools) == ()
    # A noun two rows end in names neither.
    stations = [parse_record("序号：1；设施名称：东河雨量自动监测站；数量：6"), parse_record("序号：2；设施名称：西河雨量自动监测站；数量：6")]
    assert subjects_named("监测站一共几个？", stations) == ()


def test_a_word_cut_across_a_stretch_the_row_holds_is_no_word_when_a_verb_is_left():
    gowns = SUPPLY_ROWS[4]
    assert cut_across("手术衣领了几盒？", ["手术", "衣领"], gowns) == {"衣领"}
    # A thing left over (柜 of 衣柜) keeps the word: 手术衣柜 is not the row's 手术衣.
    assert cut_across("手术衣柜多少钱？", ["手术", "衣柜"], gowns) == frozenset()


def test_who_did_it_with_de_asks_no_role_one_character_off_the_row_s():
    assert word_mismatch("缝合线是谁领的？", SUPPLY_ROWS[3]) is None
    # A role said by its verb of two characters is still told from the row's one character off.
    talk = parse_record("序号：1；讲座题目：春季用药常识；主讲人：韩梅；地点：三楼会议室")
    off = word_mismatch("春季那场用药课请谁来主持？", talk)
    assert off is not None and off.asked == "主持人"


def test_a_measure_word_in_brackets_counts_the_column():
    assert measured_cells("口罩领了几盒？", SUPPLY_ROWS[1]) == ["领用量为25盒"]
    # An amount's unit is quoted with its column: no count of 元 is said.
    assert measured_cells("口罩花了多少元？", SUPPLY_ROWS[1]) == []


def test_a_sub_column_is_named_by_what_sets_it_apart_from_its_siblings():
    row = parse_record("项目：立定跳远（厘米）；男生·满分标准：250；男生·及格标准：195；女生·满分标准：204；女生·及格标准：151")
    assert [n for n, _ in asked_cells("男生跳多远算及格？", row)] == ["男生·及格标准"]
    # Naming none of what sets them apart, both are asked.
    assert [n for n, _ in asked_cells("男生的标准是多少？", row)] == ["男生·满分标准", "男生·及格标准"]


def test_everyday_noun_forms_are_written_as_the_table_writes_them():
    rows = [parse_record("序号：1；改造项目：厂门岗亭翻新；造价（元）：9,000"), parse_record("序号：2；改造项目：周转箱租赁费；造价（元）：40")]
    assert spoken_nouns("工厂的门那个岗亭翻新花了多少？", rows) == "厂门那个岗亭翻新花了多少？"
    assert spoken_nouns("箱子租赁费谁出？", rows) == "箱租赁费谁出？"
    # A form no cell writes so stays as it is.
    assert spoken_nouns("箱子放在哪里？", rows) == "箱子放在哪里？"
    assert spoken_nouns("工厂的墙几时刷？", rows) == "工厂的墙几时刷？"


def test_the_price_of_one_thing_needs_a_column_that_gives_it():
    masks = SUPPLY_ROWS[1]
    assert unit_price_unheld("口罩多少钱一盒？", masks)
    assert unit_price_unheld("口罩每盒要多少钱？", masks)
    assert not unit_price_unheld("口罩总共花了多少钱？", masks)
    scale = parse_record("序号：7；设备名称：电子秤；单位：台；数量：8；单价（元）：320.00；金额（元）：2,560.00")
    assert not unit_price_unheld("电子秤多少钱一台？", scale)
    assert [n for n, _ in asked_cells("电子秤多少钱一台？", scale)] == ["单价（元）"]
    # One thing bought: its amount is its price.
    one = parse_record("序号：2；物品名称：碎纸机；数量（台）：1；金额（元）：980")
    assert not unit_price_unheld("碎纸机多少钱一台？", one)


def test_a_total_asked_of_a_person_adds_up_the_rows_that_list_him():
    total = rows_total("彭涛那边领的耗材总共多少钱？", SUPPLY_ROWS)
    assert total is not None and total.value == "5,460" and total.rows == (3, 4)
    assert rows_total("韩梅那边领的耗材总共多少钱？", SUPPLY_ROWS) is None


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("缝合线是谁领的？", ("领用人为彭涛",)),
        ("手术衣领了几盒？", ("领用量为30盒",)),
        ("输液器和口罩加起来领了多少盒？", ("65",)),
        ("候车亭这个工程是哪个单位建？", ("县交通运输局",)),
        ("X203线路面那个工程投资多少？", ("85.6万元",)),
        ("公交候车亭的工程属于哪一类？", ("农村客运",)),
        ("男生跑50米要几秒才及格？", ("9.1",)),
        ("女生50米跑满分要跑进几秒？", ("7.8",)),
        ("彭涛那边领的耗材总共多少钱？", ("5,460",)),
    ],
)
def test_a_row_named_in_everyday_words_is_answered_with_the_cell_asked(service, question: str, wanted: tuple[str, ...]):
    answer = _ask(service, question)
    assert not answer.refused, (question, answer.text)
    for text in wanted:
        assert text in answer.text, (question, answer.text)
    assert answer.citations, question


def test_only_the_sub_column_asked_is_said(service):
    answer = _ask(service, "男生立定跳远多少算及格？")
    assert "195" in answer.text and "及格标准）为195" in answer.text
    assert "满分标准）为250" not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "手术衣柜多少钱？",  # a thing one character past the row's
        "女生引体向上及格要几个？",  # the cell is left empty
        "口罩多少钱一盒？",  # only the amount for 25 boxes is given
        "韩梅那边领的耗材总共多少钱？",  # no one of that name is listed: no other table's total answers
    ],
)
def test_a_question_the_tables_do_not_answer_is_refused(service, question: str):
    answer = _ask(service, question)
    assert answer.refused and not answer.citations, (question, answer.text)
