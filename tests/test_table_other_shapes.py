"""Table questions over shapes the other fixtures lack, written here at test time: a DOCX whose header runs
over three rows (资金（万元） over 上级补助 and 区级配套, each over 预算 and 已拨付); an HTML table whose two-row
header puts two years over 计划 and 实际, with its 合计 row on top and its length unit (公里) in the header
only; an HTML list of people whose name is spread over two columns (姓, 名); an HTML plan whose first
column is a span of dates and whose rows are named by their 工作内容; an HTML list of parks named in
everyday words (科技公园 for 青少年科技公园) and asked for a park it does not list. All names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_tables import add_grid
from index_checks import ask_checked as _ask
from index_checks import service_over

from assistant.row_text import asked_cells, said_cell
from assistant.table import acts_at_where, asking_phrases, measured_cells, table_extreme, unit_unheld
from ingest.record import Slot, column_names, header_rows, parse_record, table_lines

ROADS_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县农村公路养护资金安排表</title></head><body>
<h1>某县农村公路养护资金安排表</h1>
<p>根据县交通运输局的测算，现将各乡镇农村公路养护资金安排如下。</p>
<table border="1">
<tr><th rowspan="2">乡镇</th><th colspan="2">2025年</th><th colspan="2">2026年</th><th rowspan="2">养护里程（公里）</th></tr>
<tr><th>计划</th><th>实际</th><th>计划</th><th>实际</th></tr>
<tr><td>合计</td><td>560</td><td>532</td><td>610</td><td>405</td><td>1,284</td></tr>
<tr><td>桃源镇</td><td>150</td><td>148</td><td>165</td><td>120</td><td>356</td></tr>
<tr><td>石门乡</td><td>130</td><td>121</td><td>140</td><td>95</td><td>301</td></tr>
<tr><td>清河镇</td><td>180</td><td>175</td><td>190</td><td>110</td><td>402</td></tr>
<tr><td>马坪乡</td><td>100</td><td>88</td><td>115</td><td>80</td><td>225</td></tr>
</table>
<p>表中金额单位为万元。各乡镇要加强资金监管。</p>
</body></html>"""

VOLUNTEERS_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>关于公布市级优秀志愿者名单的通知</title></head><body>
<h1>关于公布市级优秀志愿者名单的通知</h1>
<p>经各单位推荐、市志愿服务联合会评审，现将本年度市级优秀志愿者名单公布如下。</p>
<table border="1">
<tr><th>姓</th><th>名</th><th>所在单位</th><th>服务时长（小时）</th><th>服务项目</th></tr>
<tr><td>欧阳</td><td>晓峰</td><td>市图书馆</td><td>326</td><td>少儿阅读推广</td></tr>
<tr><td>沈</td><td>丽君</td><td>东城区社区卫生服务中心</td><td>288</td><td>老年人健康义诊</td></tr>
<tr><td>邓</td><td>建国</td><td>市第七中学</td><td>410</td><td>留守儿童课业辅导</td></tr>
<tr><td>任</td><td>婷婷</td><td>市急救中心</td><td>197</td><td>应急救护知识普及</td></tr>
</table>
<p>希望受表彰的志愿者珍惜荣誉，再接再厉。</p>
</body></html>"""

PLANTING_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某区春季植树造林工作安排</title></head><body>
<h1>某区春季植树造林工作安排</h1>
<p>为做好今年春季植树造林工作，现将各阶段安排通知如下。</p>
<table border="1">
<tr><th>时间安排</th><th>牵头部门</th><th>工作内容</th><th>联系人</th></tr>
<tr><td>2026年2月20日—3月5日</td><td>区林业局</td><td>苗木采购与调运</td><td>付志远</td></tr>
<tr><td>2026年3月6日—3月20日</td><td>区城管局</td><td>城区道路绿化补植</td><td>孔雪梅</td></tr>
<tr><td>2026年3月21日—4月10日</td><td>各街道办事处</td><td>义务植树活动组织</td><td>钟文斌</td></tr>
<tr><td>2026年4月11日—4月30日</td><td>区农业农村局</td><td>成活率检查验收</td><td>白玉兰</td></tr>
</table>
<p>各部门要按照时间节点抓好落实。</p>
</body></html>"""

PARKS_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某市城市公园改造提升项目表</title></head><body>
<h1>某市城市公园改造提升项目表</h1>
<p>今年市区将对一批城市公园进行改造提升，项目安排如下。</p>
<table border="1">
<tr><th>序号</th><th>公园名称</th><th>改造面积（平方米）</th><th>总投资（万元）</th><th>建设单位</th></tr>
<tr><td>1</td><td>滨江湿地公园</td><td>42000</td><td>1350</td><td>市园林绿化中心</td></tr>
<tr><td>2</td><td>人民公园</td><td>18500</td><td>620</td><td>市城投集团</td></tr>
<tr><td>3</td><td>青少年科技公园</td><td>26000</td><td>880</td><td>市科技馆</td></tr>
<tr><td>4</td><td>北山森林公园</td><td>65000</td><td>1720</td><td>市林业局</td></tr>
</table>
<p>各建设单位要确保项目年底前完工。</p>
</body></html>"""

CULTURE_ROWS = [
    ["1", "农家书屋更新", "40", "25", "30", "20", "区文广旅局"],
    ["2", "乡村大舞台建设", "60", "45", "50", "35", "区文化馆"],
    ["3", "非遗传承基地", "35", "30", "15", "10", "区非遗保护中心"],
]


def _write_culture_docx(path: Path) -> None:
    """A DOCX table whose header runs over three rows of merged cells."""
    import docx

    document = docx.Document()
    document.add_paragraph("某区文化惠民项目资金安排", style="Title")
    document.add_paragraph("经区政府研究，现将本年度文化惠民项目资金安排如下。")
    table = document.add_table(rows=3 + len(CULTURE_ROWS), cols=7)
    table.cell(0, 0).merge(table.cell(2, 0)).text = "序号"
    table.cell(0, 1).merge(table.cell(2, 1)).text = "项目名称"
    table.cell(0, 2).merge(table.cell(0, 5)).text = "资金（万元）"
    table.cell(1, 2).merge(table.cell(1, 3)).text = "上级补助"
    table.cell(1, 4).merge(table.cell(1, 5)).text = "区级配套"
    for col, text in zip(range(2, 6), ["预算", "已拨付", "预算", "已拨付"], strict=True):
        table.cell(2, col).text = text
    table.cell(0, 6).merge(table.cell(2, 6)).text = "实施单位"
    for r, row in enumerate(CULTURE_ROWS, start=3):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("各实施单位要加快资金拨付进度。")
    document.save(str(path))


CLASS_ROWS = [
    ["七年级", "1班", "黄海燕", "宋志刚", "明德楼201"],
    ["七年级", "2班", "程立新", "黄海燕", "明德楼202"],
    ["八年级", "1班", "郑晓雯", "邱振华", "格致楼301"],
    ["八年级", "2班", "邱振华", "郑晓雯", "格致楼302"],
]


def _write_classes_docx(path: Path) -> None:
    """A DOCX roster whose rows are named by two columns together (年级 and 班级)."""
    import docx

    document = docx.Document()
    document.add_paragraph("某中学春季学期班主任安排表", style="Title")
    document.add_paragraph("经学校行政会研究，本学期各班班主任安排如下。")
    add_grid(document, [("年级", "班级", "班主任", "副班主任", "教室"), *CLASS_ROWS])
    document.add_paragraph("各班主任要认真履行职责，督促学生按时上课。")
    document.save(str(path))


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("other_shapes")
    docs = root / "docs"
    docs.mkdir()
    for name, text in (
        ("roads.html", ROADS_HTML),
        ("volunteers.html", VOLUNTEERS_HTML),
        ("planting.html", PLANTING_HTML),
        ("parks.html", PARKS_HTML),
    ):
        (docs / name).write_text(text, encoding="utf-8")
    _write_culture_docx(docs / "culture.docx")
    _write_classes_docx(docs / "classes.docx")
    with service_over(docs, root, embedding={"mode": "hashing"}) as svc:
        yield svc


def _grid(rows: list[list[tuple[str, int]]]) -> list[list[Slot]]:
    return [[Slot(text, cell) for text, cell in row] for row in rows]


# 资金（万元） (cell 2) over 上级补助 (10) and 区级配套 (11), each over 预算 and 已拨付; 序号, 项目名称 and
# 实施单位 run down all three header rows.
THREE_ROW_HEADER = _grid(
    [
        [("序号", 0), ("项目名称", 1), ("资金（万元）", 2), ("资金（万元）", 2), ("资金（万元）", 2), ("资金（万元）", 2), ("实施单位", 3)],
        [("序号", 0), ("项目名称", 1), ("上级补助", 10), ("上级补助", 10), ("区级配套", 11), ("区级配套", 11), ("实施单位", 3)],
        [("序号", 0), ("项目名称", 1), ("预算", 20), ("已拨付", 21), ("预算", 22), ("已拨付", 23), ("实施单位", 3)],
        [("1", 30), ("农家书屋更新", 31), ("40", 32), ("25", 33), ("30", 34), ("20", 35), ("区文广旅局", 36)],
        [("2", 40), ("乡村大舞台建设", 41), ("60", 42), ("45", 43), ("50", 44), ("35", 45), ("区文化馆", 46)],
    ]
)


def test_a_header_of_three_rows_names_each_column_by_all_its_levels():
    assert header_rows(THREE_ROW_HEADER) == 3
    assert column_names(THREE_ROW_HEADER, 3)[2:6] == [
        "资金（万元）·上级补助·预算",
        "资金（万元）·上级补助·已拨付",
        "资金（万元）·区级配套·预算",
        "资金（万元）·区级配套·已拨付",
    ]
    lines = table_lines(THREE_ROW_HEADER)
    # The third header row is no record (序号：序号 …), and the rows keep every level of their columns.
    assert not any("序号：序号" in line for line in lines.lines)
    assert "资金（万元）·区级配套·已拨付：35" in lines.lines[1]
    # Two header rows stay two: the data row below the leaves splits nothing.
    assert header_rows(THREE_ROW_HEADER[1:]) == 2
    # A flat table has one.
    assert header_rows(THREE_ROW_HEADER[2:]) == 1


def test_a_sub_column_is_asked_by_the_most_of_its_levels_the_question_names():
    row = parse_record("乡镇：石门乡；2025年·计划：130；2025年·实际：121；2026年·计划：140；2026年·实际：95")
    assert asked_cells("石门乡2026年实际到位多少养护资金？", row) == [("2026年·实际", "95")]
    # A leaf named alone (计划) leaves its years to the question's other words: both are asked.
    assert asked_cells("石门乡的计划是多少？", row) == [("2025年·计划", "130"), ("2026年·计划", "140")]
    three = parse_record(
        "序号：2；项目名称：乡村大舞台建设；资金（万元）·上级补助·预算：60；资金（万元）·上级补助·已拨付：45；"
        "资金（万元）·区级配套·预算：50；资金（万元）·区级配套·已拨付：35；实施单位：区文化馆"
    )
    assert asked_cells("乡村大舞台的区级配套已经拨付了多少？", three) == [("资金（万元）·区级配套·已拨付", "35")]
    assert said_cell("", "资金（万元）·区级配套·已拨付", "35") == "资金（区级配套·已拨付）为35万元"


def test_a_column_is_asked_by_its_head_word_and_how_great():
    row = parse_record("序号：2；公园名称：人民公园；改造面积（平方米）：18500；总投资（万元）：620；建设单位：市城投集团")
    assert asked_cells("人民公园改造多大面积？", row) == [("改造面积（平方米）", "18500")]
    assert asked_cells("人民公园改造的面积有多大？", row) == [("改造面积（平方米）", "18500")]


def test_a_count_is_asked_by_a_measure_of_several_characters_only_one_column_has():
    row = parse_record("姓：欧阳；名：晓峰；所在单位：市图书馆；服务时长（小时）：326；服务项目：少儿阅读推广")
    assert measured_cells("欧阳晓峰服务了多少个小时？", row) == ["服务时长为326个小时"]
    # 多少学时 beside four columns of 学时 names none of them.
    hours = parse_record("学校名称：东湖小学；集中培训（学时）：40；网络研修（学时）：30；校本研修（学时）：12；人均学时（学时）：82")
    assert measured_cells("东湖小学多少学时？", hours) == []
    # Nor does it name one of them asked alone out of its row.
    assert measured_cells("东湖小学多少学时？", hours[1:2], hours) == []
    assert asked_cells("东湖小学集中培训多少学时？", hours) == [("集中培训（学时）", "40")]


def test_the_act_done_at_the_place_asked_is_asked_not_named():
    assert acts_at_where("七年级1班在哪个教室上课？") == ["上课"]
    assert acts_at_where("考试在哪儿举行？") == ["举行"]
    # A verb the dictionary cuts in two in the sentence (报 到) is joined back.
    assert acts_at_where("新生去哪里报到？") == ["报到"]
    assert acts_at_where("哪个学校在城北？") == []
    row = parse_record("年级：七年级；班级：1班；班主任：黄海燕；副班主任：宋志刚；教室：明德楼201")
    assert "上课" in asking_phrases("七年级1班在哪个教室上课？", row)
    # A row that holds no place does not take the act as asked.
    assert "上课" not in asking_phrases("七年级1班在哪个教室上课？", row[:3])


def test_a_park_named_by_another_word_before_the_shared_noun_is_another_park():
    people = parse_record("序号：2；公园名称：人民公园；改造面积（平方米）：18500；总投资（万元）：620；建设单位：市城投集团")
    assert unit_unheld("儿童公园改造投资多少？", people) == "儿童公园"
    science = parse_record("序号：3；公园名称：青少年科技公园；改造面积（平方米）：26000；总投资（万元）：880；建设单位：市科技馆")
    assert unit_unheld("科技公园投资多少？", science) == ""
    # A subject that ends in an act (培训) is not told apart by the words before it: other rules do that.
    training = parse_record("序号：1；项目名称：骨干教师培训；预算（万元）：8；责任部门：教务处")
    assert unit_unheld("班主任培训的预算是多少？", training) == ""


PARK_ROWS = [
    parse_record("序号：1；公园名称：滨江湿地公园；改造面积（平方米）：42000；总投资（万元）：1350；建设单位：市园林绿化中心"),
    parse_record("序号：2；公园名称：人民公园；改造面积（平方米）：18500；总投资（万元）：620；建设单位：市城投集团"),
    parse_record("序号：4；公园名称：北山森林公园；改造面积（平方米）：65000；总投资（万元）：1720；建设单位：市林业局"),
]


def test_the_most_or_least_of_a_column_of_figures_other_than_money_is_found_by_its_name():
    least = table_extreme("面积最小的公园是哪个？", PARK_ROWS)
    assert least is not None and (least.column, least.value, least.rows) == ("改造面积（平方米）", "18500", (1,))
    most = table_extreme("投资最多的是哪个公园？", PARK_ROWS)
    assert most is not None and (most.column, most.rows) == ("总投资（万元）", (2,))
    # 最长 compares a length or a time; a question of the most that names no column of figures finds none.
    assert table_extreme("服务时长最长的是谁？", [parse_record("姓名：甲；服务时长（小时）：3"), parse_record("姓名：乙；服务时长（小时）：5")]).rows == (1,)  # type: ignore[union-attr]
    assert table_extreme("建设单位最多的是哪个？", PARK_ROWS) is None


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("石门乡2026年实际到位多少养护资金？", ("2026年（实际）为95",)),
        ("马坪乡的养护里程有多长？", ("养护里程为225公里",)),
        ("全县2026年计划资金合计多少？", ("610",)),
        ("邓建国在哪个单位工作？", ("所在单位为市第七中学",)),
        ("欧阳晓峰服务了多少个小时？", ("服务时长为326",)),
        ("3月10日前后在搞什么工作，谁牵头？", ("区城管局", "城区道路绿化补植")),
        ("验收成活率那项工作联系人是谁？", ("联系人为白玉兰",)),
        ("人民公园改造多大面积？", ("改造面积为18500平方米",)),
        ("科技公园投资多少？", ("总投资为880万元",)),
        ("湿地公园是哪个单位建的？", ("建设单位为市园林绿化中心",)),
        ("乡村大舞台的区级配套已经拨付了多少？", ("资金（区级配套·已拨付）为35万元",)),
        ("农家书屋更新上级补助预算是多少？", ("资金（上级补助·预算）为40万元",)),
        ("非遗传承基地由哪个单位实施？", ("实施单位为区非遗保护中心",)),
        ("面积最小的公园是哪个？", ("人民公园", "18500")),
        ("七年级1班在哪个教室上课？", ("明德楼201",)),
        ("八年级2班的班主任是谁？", ("班主任为邱振华",)),
        ("服务时长最长的志愿者是谁？", ("建国", "410")),
    ],
)
def test_a_question_naming_a_row_and_a_column_is_answered_with_that_cell(service, question: str, wanted: tuple[str, ...]):
    answer = _ask(service, question)
    assert not answer.refused, (question, answer.text)
    for text in wanted:
        assert text in answer.text, (question, answer.text)
    assert answer.citations, question


@pytest.mark.parametrize(
    "question",
    [
        "儿童公园改造投资多少？",  # a park the list does not hold, named like one it does
        "北山森林公园什么时候开工？",  # a column the list lacks
        "桃源镇的养护工人有多少人？",
        "沈丽君的联系电话是多少？",
        "义务植树的经费是多少？",
        "九年级1班的班主任是谁？",  # a class the roster does not list
        "八年级1班的数学老师是谁？",
    ],
)
def test_a_question_the_tables_do_not_answer_is_refused(service, question: str):
    answer = _ask(service, question)
    assert answer.refused and not answer.citations, (question, answer.text)
