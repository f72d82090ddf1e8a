"""Table questions over shapes the other fixtures lack, written here at test time: an HTML task list that
opens with its 完成期限 column and ends with 序号 (columns in another order, headers in other words: 主责部门,
配合部门, 具体事项); a DOCX whose two-row header puts 资金（万元） over 市级 and 区级; a PDF training plan with a
参训人数 and an 经费预算（元） column; an HTML works list whose 类别 cell spans rows under a two-row header
(金额（万元） over 计划 and 实际) and which names its bodies only by 责任单位. All names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_checks import ask_checked as _ask
from index_checks import service_over
from pdf_tables import write_table_pdf

from assistant.table import (
    asked_role_unheld,
    column_spread,
    qualified_column_unheld,
    row_words,
    subject_cell,
    subjects_named,
    word_mismatch,
)
from ingest.record import parse_record

TASKS_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某街道2026年背街小巷整治行动方案</title></head>
<body><article>
<h1>某街道2026年背街小巷整治行动方案</h1>
<p>为改善辖区背街小巷环境面貌，结合街道实际，制定本方案。</p>
<p>各项任务的分工见下表。</p>
<table border="1">
<tr><th>完成期限</th><th>主责部门</th><th>配合部门</th><th>具体事项</th><th>序号</th></tr>
<tr><td>2026年3月底</td><td>街道城管办</td><td>各社区居委会</td><td>组织网格巡查员开展业务培训</td><td>1</td></tr>
<tr><td>2026年5月</td><td>街道环卫所</td><td>街道城管办</td><td>更新改造小巷公共厕所</td><td>2</td></tr>
<tr><td>2026年9月</td><td>街道经济办</td><td>街道市场监管所</td><td>规范沿街商铺门前三包</td><td>3</td></tr>
<tr><td>2026年11月</td><td>街道党政办</td><td>街道城管办</td><td>建立整治成效考核评比机制</td><td>4</td></tr>
</table>
<p>各部门要按照时间节点推进工作，确保各项任务落到实处。</p>
</article></body></html>"""

WORKS_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某镇2026年村庄环境提升项目计划</title></head>
<body><article>
<h1>某镇2026年村庄环境提升项目计划</h1>
<p>根据县里统一部署，现将本镇2026年村庄环境提升项目安排如下。</p>
<table border="1">
<tr><th rowspan="2">类别</th><th rowspan="2">建设内容</th><th colspan="2">金额（万元）</th><th rowspan="2">责任单位</th>
<th rowspan="2">完工时间</th></tr>
<tr><th>计划</th><th>实际</th></tr>
<tr><td rowspan="2">道路</td><td>村内主干道硬化</td><td>95</td><td>88</td><td>镇建设办</td><td>2026年6月</td></tr>
<tr><td>路灯安装</td><td>32</td><td>30</td><td>镇综治办</td><td>2026年8月</td></tr>
<tr><td rowspan="2">水务</td><td>生活污水管网铺设</td><td>140</td><td>126</td><td>镇水务站</td><td>2026年10月</td></tr>
<tr><td>山塘清淤</td><td>18</td><td>18</td><td>镇农业站</td><td>2026年4月</td></tr>
</table>
<p>项目完工后由镇纪委组织验收。</p>
</article></body></html>"""

FUND_ROWS = [
    ["1", "社区养老服务站建设", "300", "120", "区民政局", "2026年1月至10月"],
    ["2", "老旧小区加装电梯", "800", "400", "区住建局", "2026年3月至12月"],
    ["3", "农贸市场提升改造", "150", "90", "区商务局", "2026年4月至9月"],
]

TRAINING = [
    ["序号", "培训班次", "参训人数", "经费预算（元）", "承办科室", "举办时间"],
    ["1", "消防安全管理培训班", "120", "36,000", "火灾防治科", "2026年4月"],
    ["2", "危化品企业负责人培训班", "80", "28,500", "危化监管科", "2026年5月"],
    ["3", "防汛抢险实操培训班", "150", "52,000", "防汛抗旱科", "2026年6月"],
]


def _write_fund_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("某区2026年民生实事项目资金安排", style="Title")
    document.add_paragraph("经区政府常务会议研究，现将2026年民生实事项目资金安排如下。")
    table = document.add_table(rows=len(FUND_ROWS) + 2, cols=6)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "序号"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "项目名称"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "资金（万元）"
    table.cell(1, 2).text = "市级"
    table.cell(1, 3).text = "区级"
    table.cell(0, 4).merge(table.cell(1, 4)).text = "实施单位"
    table.cell(0, 5).merge(table.cell(1, 5)).text = "建设周期"
    for r, row in enumerate(FUND_ROWS, start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("各实施单位要严格资金管理，专款专用。")
    document.save(str(path))


def _write_training_pdf(path: Path) -> None:
    write_table_pdf(
        path,
        "某市应急管理局2026年培训计划",
        TRAINING,
        "为提升全市应急管理队伍能力，制定本年度培训计划如下。",
        "各承办科室要提前做好课程安排和场地准备。",
    )


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("shapes")
    docs = root / "docs"
    docs.mkdir()
    (docs / "tasks.html").write_text(TASKS_HTML, encoding="utf-8")
    (docs / "works.html").write_text(WORKS_HTML, encoding="utf-8")
    _write_fund_docx(docs / "fund.docx")
    _write_training_pdf(docs / "training.pdf")
    with service_over(docs, root) as svc:
        yield svc


TASK_ROW = "完成期限：2026年11月；主责部门：街道党政办；配合部门：街道城管办；具体事项：建立整治成效考核评比机制；序号：4"
TRAINING_ROW = "序号：2；培训班次：危化品企业负责人培训班；参训人数：80；经费预算（元）：28,500；承办科室：危化监管科；举办时间：2026年5月"
WORKS_ROW = "类别：道路；建设内容：路灯安装；金额（万元）·计划：32；金额（万元）·实际：30；责任单位：镇综治办；完工时间：2026年8月"


def test_a_table_that_opens_with_a_value_column_names_its_rows_by_its_task_column():
    row = parse_record(TASK_ROW)
    assert subject_cell(row) == "建立整治成效考核评比机制"
    # A roster that opens with its day and lists no task keeps the day as its subject.
    assert subject_cell(parse_record("日期：10月1日；带班领导：周明；值班人员：李华")) == "10月1日"
    # A first column that is itself what the rows are (学校名称) stays the subject.
    assert subject_cell(parse_record("序号：1；学校名称：城东小学；项目名称：操场改造；概算（万元）：60")) == "城东小学"
    rows = [parse_record(TASK_ROW), parse_record("完成期限：2026年5月；主责部门：街道环卫所；配合部门：街道城管办；具体事项：更新改造小巷公共厕所；序号：2")]
    assert subjects_named("公共厕所改造什么时候完成？", rows) == (1,)


def test_asking_words_name_no_row_and_a_task_cell_names_its_row():
    task = parse_record(TASK_ROW)
    other = parse_record(TRAINING_ROW)
    columns = " ".join(n for r in (task, other) for n, _ in r)
    question = "考核评比机制由哪个部门负责建立？"
    # 负责 (of 谁负责) says what is asked: it does not name the training row whose cell holds 负责人.
    assert row_words(question, other, columns) == frozenset()
    assert {"考核", "评比", "机制"} <= row_words(question, task, columns)


def test_a_term_cut_across_words_names_the_column_whose_name_holds_its_characters():
    row = parse_record(TRAINING_ROW)
    assert column_spread(["人参", "危化品", "消防"], row) == ["人参"]
    assert column_spread(["人参"], parse_record("序号：1；项目：甲；金额（元）：5")) == []


def test_a_body_named_by_what_it_does_is_not_a_row_s_responsible_unit():
    row = parse_record(WORKS_ROW)
    assert qualified_column_unheld("路灯安装的施工单位是哪家？", row) == "施工单位"
    assert qualified_column_unheld("路灯安装由哪个单位负责？", row) == ""
    assert qualified_column_unheld("路灯安装的责任单位是谁？", row) == ""
    # A role the row's column names (牵头 of 牵头单位) is held.
    assert qualified_column_unheld("这项工作的牵头单位是哪个？", parse_record("序号：1；重点任务：甲；牵头单位：区教育局")) == ""


def test_a_thing_asked_after_which_is_given_by_a_cell_that_holds_it():
    row = parse_record("序号：5；收费项目：研学活动费；收费标准（元）：120；收费对象：一、二年级；备注：自愿参加")
    assert asked_role_unheld("研学活动那笔钱哪些年级要交？", row) == ""
    # A thing no cell holds is not given.
    assert asked_role_unheld("研学活动费是哪个厂家收的？", row) == "厂家"


def test_a_verb_after_a_thing_is_no_word_one_character_off_a_cell():
    row = parse_record("序号：1；收费项目：伙食费；收费标准（元）：400；收费对象：走读生")
    assert word_mismatch("一个月伙食要交多少？", row) is None
    # A thing one character off the row's own is still another thing.
    supplies = parse_record("序号：5；物品名称：订书机；数量（件）：30；金额（元）：450；经办人：吴静")
    off = word_mismatch("订书钉花了多少钱？", supplies)
    assert off is not None and off.held == "订书机"


@pytest.mark.parametrize(
    ("question", "wanted"),
    [
        ("网格巡查员的业务培训由哪个部门负责？什么时候完成？", ("街道城管办", "2026年3月底")),
        ("考核评比机制由哪个部门负责建立？", ("街道党政办",)),
        ("小巷公厕改造要在什么时候之前完成？", ("2026年5月",)),
        ("门前三包这项工作，配合的是哪个部门？", ("街道市场监管所",)),
        ("社区养老服务站的区级资金是多少？", ("资金（区级）为120万元",)),
        ("农贸市场改造由哪个单位实施？", ("实施单位为区商务局",)),
        ("消防安全管理培训班有多少人参训？", ("参训人数为120人",)),
        ("危化品企业负责人培训的预算是多少钱？", ("经费预算为28,500元",)),
        ("防汛抢险培训班由哪个科室承办？", ("承办科室为防汛抗旱科",)),
        ("主干道硬化实际花了多少钱？", ("实际）为88万元",)),
        ("山塘清淤什么时候完工？", ("完工时间为2026年4月",)),
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
        "网格巡查员培训的经费是多少？",  # a column the task list lacks
        "小巷路面修补由哪个部门负责？",  # a row it does not list
        "社区养老服务站建设地点在哪里？",
        "安全生产执法培训班的经费是多少？",
        "防汛抢险培训班在哪里举办？",
        "路灯安装的施工单位是哪家？",  # 责任单位 does not say who builds
        "垃圾收集点建设计划多少钱？",
    ],
)
def test_a_question_the_tables_do_not_answer_is_refused(service, question: str):
    answer = _ask(service, question)
    assert answer.refused and not answer.citations, (question, answer.text)
