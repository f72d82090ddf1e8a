"""Generate the table and page fixtures in tests/data/ (deterministic; the outputs are committed).

Run: ``.venv/bin/python tests/data/make_table_fixtures.py``. Needs reportlab and python-docx.

- tasks_plan.docx: a 实施方案 whose 任务分工表 (eleven rows) runs over two chunks, and a budget table
  with a two-row header (预算（万元） over 2025年 and 2026年) and merged cells down two columns;
- budget.pdf: a ruled budget table drawn with reportlab, between two paragraphs;
- paged.pdf: two pages of prose, so that the chunk that starts on page 1 runs onto page 2;
- duty.html: a duty roster whose header is two ``<thead>`` rows and whose 带班领导 spans rows;
- holiday.html: three tables that all open with 序号 (a roster with holiday remarks, a grant list
  with a 合计 row across two columns, a cost list without one), separated by prose;
- supplies.docx: a purchase table whose header has merged cells over two rows (数量（件） over 计划
  and 已到) and a 合计 row, introduced by a plain sentence (the document never calls it a 清单);
- contacts.html: a table of each office's contact person with no phone column, and an office
  phone number in the prose after it;
- reading.docx: a small budget table without a totals row, in a document that is not budget.pdf;
- schedule.pdf: a training schedule drawn with reportlab whose days repeat (a morning and an
  afternoon row each), with a 主讲人 column and no 主持人 one;
- research.html: a table that opens with 序号, whose rows span days (7月21日—7月23日), with a
  phone column left blank in one row and an amount in 万元 named in its header;
- scoring.docx: a 考核评分表 whose first column (考核项目) is merged down over each group's rows, a
  分值 column of plain numbers, a 备注 column left blank in most rows, and a 合计 row;
- timetable.html: an exam timetable with a two-row header (日期 and 时间 over two rows, 考试科目 over
  七年级 and 八年级) whose 日期 cell spans each day's slots, "—" where a grade has no exam;
- roster.pdf: a staff list of 24 rows drawn with reportlab that runs over a page break, its header
  repeated on the second page (``repeatRows=1``); roster_plain.pdf: the same list whose rows go on
  overleaf without the header.
- exam_site.html: an exam site's staff list whose duties share their ends (主考 and 副主考, 监考组长 and
  监考员) and a list of the site schools (第一中学, 第二中学 …) with an address and a phone column and
  no fax column, prose between and after;
- exam_roster.html: another district's exam staff list (序号/姓名/工作单位/考务职务/工作分工/联系电话) with a
  总主考, and a 主考, a 副主考 and a 保密员 at each of two schools: rows of two tables that share a duty.
- check_groups.docx: a check schedule whose 组别 and 组长 columns are merged down over three or four
  rows each (header row marked to repeat), cells of two lines; a supplies table whose header row stands
  again in its middle and whose 数量（个） header cell wraps before its unit;
- fund.pdf (WenQuanYi Micro Hei): 22 schools under a two-row header (资金（元） spanning 中央, 省级 and
  县级), over a page break with both header rows repeated, amounts with thousands separators, a 合计 row;
- enrol.html: a <caption>, <thead> and <tbody>, a 片区 column spanning rows, a 合计 row spanning two
  columns; then a table with no <th> whose bold first row is its header.
- works.html: three tables that name the same schools: a progress table (完成投资, 完成时限 and no
  start date), a repair list (计划开工时间) and a grant list (分配资金 and no 完成投资).
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

PLAN_TITLE = "某区2025年校园食品安全提升行动实施方案"
TASK_HEADER = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]
TASKS = [
    ["1", "推进校园食堂明厨亮灶", "区市场监管局", "区教育局、各学校", "2025年6月"],
    ["2", "开展食堂从业人员培训", "区教育局", "各学校", "2025年4月"],
    ["3", "落实校领导陪餐制度", "各学校", "区教育局", "2025年3月"],
    ["4", "建立食材供应商评价机制", "区教育局", "区市场监管局、各学校", "2025年9月"],
    ["5", "开展校园周边食品经营专项检查", "区市场监管局", "各街道", "2025年5月"],
    ["6", "完善食品安全应急预案", "区教育局", "区卫生健康委、各学校", "2025年7月"],
    ["7", "组织家长委员会参与食堂监督", "各学校", "区教育局", "2025年10月"],
    ["8", "开展食品安全宣传周活动", "区教育局", "区市场监管局", "2025年11月"],
    ["9", "推行校园食堂大宗食材集中采购", "区教育局", "区财政局、各学校", "2025年8月"],
    ["10", "建设校园食品安全智慧监管平台", "区市场监管局", "区教育局", "2025年12月"],
    ["11", "开展学生营养健康知识进课堂", "各学校", "区卫生健康委", "2025年9月"],
]
BUDGET_ROWS = [
    # 项目, 2025年, 2026年, 负责部门 (the last two rows share one 负责部门 cell)
    ["明厨亮灶改造", "120", "60", "区教育局装备中心"],
    ["从业人员培训", "15", "15", "区教育局体卫艺科"],
    ["宣传周活动", "6", "8", "区教育局体卫艺科"],
]

PDF_TITLE = "某校2025年教师培训经费预算"
PDF_TABLE = [
    ["项目", "预算（万元）", "负责部门", "备注"],
    ["新教师入职培训", "12", "人事处", "含外聘专家费用"],
    ["班主任培训", "8", "德育处", "每学期一次"],
    ["信息技术能力提升", "15", "信息中心", "含平台使用费"],
    ["骨干教师研修", "20", "教务处", "分两批实施"],
]

PAGED_TITLE = "某区中小学校园安全工作要点"
PAGED_PAGES = [
    [
        "为切实做好本学年校园安全工作，保障师生生命财产安全，结合本区实际，制定本要点。",
        "一、落实安全责任",
        "各校校长是校园安全第一责任人，分管校长是直接责任人。",
    ],
    [
        "各校应于每学期开学后两周内完成安全自查，并将自查报告报送区教育局。",
        "二、加强日常管理",
        "各校要严格执行门卫登记制度，外来人员进校须核实身份。",
    ],
]


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so that the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_plan_docx() -> None:
    """tasks_plan.docx: prose, the 任务分工表, a budget table with merged header cells, prose."""
    import docx

    document = docx.Document()
    fixed = datetime(2024, 1, 1, tzinfo=UTC)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.add_paragraph(PLAN_TITLE, style="Title")
    document.add_paragraph(
        "为进一步加强校园食品安全管理，保障师生饮食安全，根据上级有关文件精神，结合我区实际，制定本方案。"
    )
    document.add_heading("一、工作目标", level=1)
    document.add_paragraph("到2025年底，全区中小学食堂明厨亮灶覆盖率达到100%，食品安全事故零发生。")
    document.add_heading("二、任务分工", level=1)
    document.add_paragraph("各项重点任务的牵头单位、责任单位和完成时限见下表。")
    table = document.add_table(rows=len(TASKS) + 1, cols=len(TASK_HEADER))
    for r, row in enumerate([TASK_HEADER, *TASKS]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_heading("三、经费保障", level=1)
    document.add_paragraph("各项目经费预算如下。")
    budget = document.add_table(rows=len(BUDGET_ROWS) + 2, cols=4)
    budget.cell(0, 0).merge(budget.cell(1, 0)).text = "项目"
    budget.cell(0, 1).merge(budget.cell(0, 2)).text = "预算（万元）"
    budget.cell(1, 1).text = "2025年"
    budget.cell(1, 2).text = "2026年"
    budget.cell(0, 3).merge(budget.cell(1, 3)).text = "负责部门"
    for r, row in enumerate(BUDGET_ROWS, start=2):
        for c, text in enumerate(row[:3]):
            budget.cell(r, c).text = text
    budget.cell(2, 3).text = BUDGET_ROWS[0][3]
    budget.cell(3, 3).merge(budget.cell(4, 3)).text = BUDGET_ROWS[1][3]
    document.add_paragraph("各单位要严格执行预算，专款专用。")
    buf = io.BytesIO()
    document.save(buf)
    (HERE / "tasks_plan.docx").write_bytes(_fixed_zip(buf.getvalue()))


def _styles():
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    return font, {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=30),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=14, leading=26),
        "body": ParagraphStyle("body", fontName=font, fontSize=12, leading=22, wordWrap="CJK"),
    }


def write_budget_pdf() -> None:
    """budget.pdf: a paragraph, a ruled four-column budget table, a paragraph."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1
    font, styles = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=PDF_TITLE)
    table = Table(PDF_TABLE, colWidths=[110, 80, 80, 120])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 11),
                ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
            ]
        )
    )
    doc.build(
        [
            Paragraph(PDF_TITLE, styles["title"]),
            Paragraph("为提升教师队伍素质，经学校研究，2025年教师培训经费预算如下表。", styles["body"]),
            Spacer(1, 12),
            table,
            Spacer(1, 12),
            Paragraph("以上经费从学校公用经费中列支，由财务室统一管理。", styles["body"]),
        ]
    )
    (HERE / "budget.pdf").write_bytes(buf.getvalue())


def write_paged_pdf() -> None:
    """paged.pdf: two pages of short prose; page 2 opens with the sentence the tests quote."""
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    rl_config.invariant = 1
    _, styles = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=PAGED_TITLE)
    story: list = [Paragraph(PAGED_TITLE, styles["title"])]
    for number, page in enumerate(PAGED_PAGES):
        if number:
            story.append(PageBreak())
        story.extend(Paragraph(text, styles["heading" if "、" in text[:2] else "body"]) for text in page)
    doc.build(story)
    (HERE / "paged.pdf").write_bytes(buf.getvalue())


DUTY_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于2025年国庆节假期值班安排的通知_某区教育局</title></head>
<body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<article>
<h1>关于2025年国庆节假期值班安排的通知</h1>
<p>各科室：</p>
<p>根据工作需要，现将2025年国庆节假期值班安排通知如下。</p>
<table border="1">
<thead>
<tr><th rowspan="2">日期</th><th rowspan="2">带班领导</th><th colspan="2">值班人员</th></tr>
<tr><th>白班</th><th>夜班</th></tr>
</thead>
<tbody>
<tr><td>10月1日</td><td rowspan="2">王建国</td><td>李明</td><td>张伟</td></tr>
<tr><td>10月2日</td><td>刘洋</td><td>陈静</td></tr>
<tr><td>10月3日</td><td>赵敏</td><td>孙丽</td><td>周强</td></tr>
</tbody>
</table>
<p>值班人员要坚守岗位，遇有重要情况及时报告带班领导。</p>
</article>
</body></html>
"""


def write_duty_html() -> None:
    """duty.html: a notice with a duty roster (two-row header, a leader cell spanning two days)."""
    (HERE / "duty.html").write_bytes(DUTY_HTML.encode("utf-8"))


HOLIDAY_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于2025年春节假期值班和慰问工作安排的通知_某区教育局</title></head>
<body>
<article>
<h1>关于2025年春节假期值班和慰问工作安排的通知</h1>
<p>各科室：</p>
<p>现将2025年春节假期值班和慰问工作安排通知如下。</p>
<table border="1">
<tr><th>序号</th><th>日期</th><th>值班人员</th><th>备注</th></tr>
<tr><td>1</td><td>1月28日</td><td>李强</td><td>除夕</td></tr>
<tr><td>2</td><td>1月29日</td><td>王芳</td><td>春节</td></tr>
<tr><td>3</td><td>1月30日</td><td>赵刚</td><td></td></tr>
<tr><td>4</td><td>1月31日</td><td>陈洁</td><td></td></tr>
</table>
<p>节日期间走访慰问对象和标准如下。</p>
<table border="1">
<tr><th>序号</th><th>慰问对象</th><th>金额（元）</th><th>经办科室</th></tr>
<tr><td>1</td><td>退休教职工代表</td><td>3,000</td><td>人事科</td></tr>
<tr><td>2</td><td>家庭困难学生</td><td>5,000</td><td>学生资助科</td></tr>
<tr><td colspan="2">合计</td><td>8,000</td><td></td></tr>
</table>
<p>节日期间其他工作费用安排如下。</p>
<table border="1">
<tr><th>序号</th><th>工作内容</th><th>费用（万元）</th></tr>
<tr><td>1</td><td>春联福字印制</td><td>0.5</td></tr>
<tr><td>2</td><td>校园安全巡查</td><td>2.3</td></tr>
</table>
<p>值班人员要坚守岗位，遇有重要情况及时报告。</p>
</article>
</body></html>
"""


def write_holiday_html() -> None:
    """holiday.html: three tables that all open with 序号, prose between them."""
    (HERE / "holiday.html").write_bytes(HOLIDAY_HTML.encode("utf-8"))


SUPPLIES_TITLE = "某校2025年秋季学期办公用品采购方案"
SUPPLIES = [
    # 序号, 物品名称, 数量 计划, 数量 已到, 金额（元）, 经办人
    ["1", "A4打印纸", "200", "150", "4,600", "孙红"],
    ["2", "签字笔", "500", "500", "1,000", "孙红"],
    ["3", "文件盒", "300", "120", "2,400", "周涛"],
    ["4", "硒鼓", "40", "40", "6,800", "周涛"],
    ["5", "订书机", "30", "0", "450", "吴静"],
]
SUPPLIES_TOTAL = ["1,070", "810", "15,250"]


def _docx(title: str) -> object:
    import docx

    document = docx.Document()
    fixed = datetime(2024, 1, 1, tzinfo=UTC)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.add_paragraph(title, style="Title")
    return document


def _save_docx(document: object, name: str) -> None:
    buf = io.BytesIO()
    document.save(buf)  # type: ignore[attr-defined]
    (HERE / name).write_bytes(_fixed_zip(buf.getvalue()))


def write_supplies_docx() -> None:
    """supplies.docx: prose, a purchase table with a merged two-row header and a 合计 row, prose."""
    document = _docx(SUPPLIES_TITLE)
    document.add_paragraph("为保障秋季学期教育教学工作正常开展，经学校行政会研究，现将办公用品采购安排如下。")
    document.add_heading("一、采购物品", level=1)
    document.add_paragraph("本学期采购的物品、数量和金额见下表。")
    table = document.add_table(rows=len(SUPPLIES) + 3, cols=6)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "序号"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "物品名称"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "数量（件）"
    table.cell(1, 2).text = "计划"
    table.cell(1, 3).text = "已到"
    table.cell(0, 4).merge(table.cell(1, 4)).text = "金额（元）"
    table.cell(0, 5).merge(table.cell(1, 5)).text = "经办人"
    for r, row in enumerate(SUPPLIES, start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    last = len(SUPPLIES) + 2
    table.cell(last, 0).merge(table.cell(last, 1)).text = "合计"
    for c, text in enumerate(SUPPLIES_TOTAL, start=2):
        table.cell(last, c).text = text
    document.add_heading("二、工作要求", level=1)
    document.add_paragraph("物品到货后由总务处验收入库，各处室按需领用，严禁浪费。")
    _save_docx(document, "supplies.docx")


CONTACTS_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于公布机关各科室联系人的通知_某区教育局</title></head>
<body>
<article>
<h1>关于公布机关各科室联系人的通知</h1>
<p>局属各单位：</p>
<p>为方便工作联系，现将机关各科室联系人公布如下。</p>
<table border="1">
<tr><th>科室</th><th>联系人</th><th>职务</th><th>办公室</th></tr>
<tr><td>办公室</td><td>林晓</td><td>副主任</td><td>201室</td></tr>
<tr><td>人事科</td><td>郑伟</td><td>科长</td><td>305室</td></tr>
<tr><td>计划财务科</td><td>何敏</td><td>副科长</td><td>306室</td></tr>
<tr><td>基础教育科</td><td>高翔</td><td>科员</td><td>402室</td></tr>
<tr><td>安全稳定科</td><td>许丽</td><td>科长</td><td>405室</td></tr>
</table>
<p>联系人如有变动，请及时告知局办公室，电话：0571-86001234。</p>
</article>
</body></html>
"""


def write_contacts_html() -> None:
    """contacts.html: a notice with each office's contact person (no phone column), a phone in the prose."""
    (HERE / "contacts.html").write_bytes(CONTACTS_HTML.encode("utf-8"))


READING_TITLE = "某校2025年读书节活动方案"
READING = [
    ["序号", "项目", "预算（元）", "负责人"],
    ["1", "图书采购", "3,000", "钱芳"],
    ["2", "作家进校园讲座", "2,000", "马骏"],
    ["3", "读书征文奖品", "800", "钱芳"],
]


def write_reading_docx() -> None:
    """reading.docx: an activity plan with a small budget table and no totals row."""
    document = _docx(READING_TITLE)
    document.add_paragraph("为营造书香校园氛围，学校定于2025年4月举办第五届读书节。")
    document.add_heading("一、经费预算", level=1)
    document.add_paragraph("读书节活动经费预算如下。")
    table = document.add_table(rows=len(READING), cols=len(READING[0]))
    for r, row in enumerate(READING):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_heading("二、活动要求", level=1)
    document.add_paragraph("各班要精心组织，确保活动取得实效。")
    _save_docx(document, "reading.docx")


SCHEDULE_TITLE = "某区2025年暑期班主任培训班日程安排"
SCHEDULE = [
    ["日期", "时段", "培训内容", "主讲人", "地点"],
    ["7月8日", "上午", "新时代班主任工作要求", "王立新", "报告厅"],
    ["7月8日", "下午", "班级管理案例分享", "陈雪梅", "报告厅"],
    ["7月9日", "上午", "家校沟通的方法与技巧", "刘洪", "三楼会议室"],
    ["7月9日", "下午", "心理健康教育实务", "赵晓燕", "三楼会议室"],
    ["7月10日", "上午", "分组研讨", "各组组长", "各分组教室"],
    ["7月10日", "下午", "结业考核", "培训中心", "报告厅"],
]


def write_schedule_pdf() -> None:
    """schedule.pdf: a paragraph, a ruled schedule whose days repeat, a paragraph."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1
    font, styles = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=SCHEDULE_TITLE)
    table = Table(SCHEDULE, colWidths=[60, 40, 150, 70, 80])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 10),
                ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
            ]
        )
    )
    doc.build(
        [
            Paragraph(SCHEDULE_TITLE, styles["title"]),
            Paragraph("培训班于2025年7月8日至10日在区教师发展中心举行，日程安排如下。", styles["body"]),
            Spacer(1, 12),
            table,
            Spacer(1, 12),
            Paragraph("参训教师须全程参加，因故不能参加的须提前向所在学校请假。", styles["body"]),
        ]
    )
    (HERE / "schedule.pdf").write_bytes(buf.getvalue())


RESEARCH_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于2025年暑期教师研修活动安排的通知</title></head>
<body>
<article>
<h1>关于2025年暑期教师研修活动安排的通知</h1>
<p>各学校：</p>
<p>为提升教师专业能力，现将2025年暑期教师研修活动安排通知如下。</p>
<table border="1">
<tr><th>序号</th><th>活动名称</th><th>起止日期</th><th>负责人</th><th>联系电话</th><th>经费（万元）</th></tr>
<tr><td>1</td><td>骨干教师跟岗研修</td><td>7月14日至7月18日</td><td>黄丽</td><td>13800001111</td><td>3.5</td></tr>
<tr><td>2</td><td>新教师集中培训</td><td>7月21日—7月23日</td><td>邓强</td><td></td><td>1.2</td></tr>
<tr><td>3</td><td>班主任工作论坛</td><td>8月5日</td><td>韩梅</td><td>13800003333</td><td>0.8</td></tr>
</table>
<p>各学校要按时组织教师参加，研修结束后报送总结。</p>
</article>
</body></html>
"""


def write_research_html() -> None:
    """research.html: a 序号 table of activities spanning days, one phone cell blank, 经费（万元）."""
    (HERE / "research.html").write_bytes(RESEARCH_HTML.encode("utf-8"))


SCORING_TITLE = "某区2025年中小学食堂管理考核细则"
# 考核项目 (merged down over its group), 考核内容, 分值, 评分标准, 备注
SCORING = [
    ["制度建设", "建立食堂管理制度并上墙公示", "5", "未建立的扣5分", ""],
    ["制度建设", "明确食品安全管理员", "4", "未明确的扣4分", "须持证上岗"],
    ["过程管理", "每日晨检并做好记录", "6", "缺一次记录扣1分", ""],
    ["过程管理", "餐具每餐消毒", "5", "未消毒的每次扣2分", ""],
    ["过程管理", "食品留样保存48小时", "5", "不足48小时扣3分", "留样不少于125克"],
    ["设施设备", "配备冷藏冷冻设备", "3", "未配备的扣3分", ""],
    ["设施设备", "安装防鼠防蝇设施", "2", "缺一处扣1分", ""],
]
SCORING_TOTAL = ["合计", "30", "", ""]


def write_scoring_docx() -> None:
    """scoring.docx: prose, a 考核评分表 with 考核项目 merged down each group, blank 备注 cells, prose."""
    document = _docx(SCORING_TITLE)
    document.add_paragraph("为规范学校食堂管理，保障师生饮食安全，制定本细则。考核满分30分。")
    document.add_paragraph("表：食堂管理考核评分表")
    header = ["考核项目", "考核内容", "分值", "评分标准", "备注"]
    table = document.add_table(rows=len(SCORING) + 2, cols=5)
    for c, text in enumerate(header):
        table.cell(0, c).text = text
    for r, row in enumerate(SCORING, start=1):
        for c, text in enumerate(row[1:], start=1):
            table.cell(r, c).text = text
    start = 1
    for r in range(2, len(SCORING) + 2):
        if r == len(SCORING) + 1 or SCORING[r - 1][0] != SCORING[start - 1][0]:
            table.cell(start, 0).merge(table.cell(r - 1, 0)).text = SCORING[start - 1][0]
            start = r
    last = len(SCORING) + 1
    table.cell(last, 0).merge(table.cell(last, 1)).text = SCORING_TOTAL[0]
    for c, text in enumerate(SCORING_TOTAL[1:], start=2):
        table.cell(last, c).text = text
    document.add_paragraph("考核结果纳入学校年度考核。")
    _save_docx(document, "scoring.docx")


TIMETABLE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某中学2025年秋季学期期末考试安排</title></head>
<body>
<article>
<h1>某中学2025年秋季学期期末考试安排</h1>
<p>各年级组：</p>
<p>本学期期末考试定于1月12日至13日举行，日程如下。</p>
<table border="1">
<tr><th rowspan="2">日期</th><th rowspan="2">时间</th><th colspan="2">考试科目</th></tr>
<tr><th>七年级</th><th>八年级</th></tr>
<tr><td rowspan="2">1月12日（星期一）</td><td>8:30—10:30</td><td>语文</td><td>语文</td></tr>
<tr><td>14:00—15:30</td><td>地理</td><td>物理</td></tr>
<tr><td rowspan="2">1月13日（星期二）</td><td>9:00—10:00</td><td>英语</td><td>—</td></tr>
<tr><td>15:00—16:00</td><td>历史</td><td>历史</td></tr>
</table>
<p>注：“—”表示该年级该时段没有考试，学生在本班自习。</p>
</article>
</body></html>
"""


def write_timetable_html() -> None:
    """timetable.html: an exam timetable, two-row header, the 日期 cell spanning each day's slots."""
    (HERE / "timetable.html").write_bytes(TIMETABLE_HTML.encode("utf-8"))


ROSTER_TITLE = "某区2025年运动会工作人员名单"
ROSTER_HEADER = ["序号", "姓名", "工作单位", "职务", "工作分工"]
_ROSTER_PEOPLE = ["张一鸣", "李文", "王芳", "赵磊", "钱明", "孙丽", "周杰", "吴敏", "郑强", "冯雪", "陈晨", "褚亮",
                  "卫东", "蒋涛", "沈洁", "韩冰", "杨帆", "朱琳", "秦岭", "尤佳", "许诺", "何平", "吕光", "施展"]


def roster_rows() -> list[list[str]]:
    """The roster's 24 data rows: every fourth person is 裁判长 of 区体育中心, the rest 裁判员 of 区教育局."""
    rows = []
    for n, name in enumerate(_ROSTER_PEOPLE, start=1):
        lead = n % 4 == 1
        rows.append(
            [str(n), name, "区体育中心" if lead else "区教育局", "裁判长" if lead else "裁判员", f"第{(n - 1) // 4 + 1}组比赛"]
        )
    return rows


def write_roster_pdf(name: str = "roster.pdf", repeat: bool = True) -> None:
    """roster.pdf: a paragraph, a ruled 24-row staff list over a page break (header repeated), a paragraph;
    with ``repeat`` False the rows go on overleaf without the header (roster_plain.pdf)."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1
    font, styles = _styles()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=ROSTER_TITLE)
    table = Table([ROSTER_HEADER, *roster_rows()], colWidths=[40, 70, 100, 70, 110], rowHeights=28, repeatRows=1 if repeat else 0)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 11),
                ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
            ]
        )
    )
    doc.build(
        [
            Paragraph(ROSTER_TITLE, styles["title"]),
            Paragraph("为做好运动会组织工作，现将工作人员名单公布如下，请相关人员按时到岗。", styles["body"]),
            Spacer(1, 240),
            table,
            Spacer(1, 12),
            Paragraph("名单如有调整，由大会秘书处另行通知。", styles["body"]),
        ]
    )
    (HERE / name).write_bytes(buf.getvalue())


EXAM_SITE_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于某区2025年秋季学期期末考试考点工作安排的通知</title></head>
<body>
<article>
<h1>关于某区2025年秋季学期期末考试考点工作安排的通知</h1>
<p>各学校：</p>
<p>为做好本学期期末考试组织工作，现将考点工作人员安排公布如下。</p>
<table border="1">
<tr><th>职务</th><th>姓名</th><th>工作单位</th><th>联系电话</th></tr>
<tr><td>主考</td><td>周立平</td><td>某区教育局</td><td>664210</td></tr>
<tr><td>副主考</td><td>吴海燕</td><td>某区教育局考试中心</td><td>664211</td></tr>
<tr><td>巡考</td><td>陈志刚</td><td>某区教育局督导室</td><td>664212</td></tr>
<tr><td>监考组长</td><td>何小军</td><td>某区教师发展中心</td><td>664213</td></tr>
<tr><td>监考员</td><td>各考点学校教师</td><td>各考点学校</td><td>—</td></tr>
<tr><td>保密员</td><td>林芳</td><td>某区教育局办公室</td><td>664215</td></tr>
</table>
<p>各考点学校的地址和联系电话如下。</p>
<table border="1">
<tr><th>序号</th><th>学校名称</th><th>考点地址</th><th>联系电话</th><th>考场数</th></tr>
<tr><td>1</td><td>某区第一中学</td><td>文化路12号</td><td>664101</td><td>18</td></tr>
<tr><td>2</td><td>某区第二中学</td><td>人民路45号</td><td>664102</td><td>20</td></tr>
<tr><td>3</td><td>某区第三中学</td><td>滨江路8号</td><td>664103</td><td>16</td></tr>
<tr><td>4</td><td>某区实验小学</td><td>学院路3号</td><td>664104</td><td>12</td></tr>
</table>
<p>考点工作人员须于考前一天到岗，考试期间手机保持畅通。</p>
</article>
</body></html>
"""


EXAM_ROSTER_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于某县2025年中考考务人员安排的通知</title></head>
<body>
<article>
<h1>关于某县2025年中考考务人员安排的通知</h1>
<p>各考点：现将考务工作人员名单印发给你们，请按分工做好工作。</p>
<table border="1">
<tr><th>序号</th><th>姓名</th><th>工作单位</th><th>考务职务</th><th>工作分工</th><th>联系电话</th></tr>
<tr><td>1</td><td>马东</td><td>县教育局</td><td>总主考</td><td>全面负责考务工作</td><td>661001</td></tr>
<tr><td>2</td><td>杨柳</td><td>县第一中学</td><td>主考</td><td>负责第一中学考点</td><td>661002</td></tr>
<tr><td>3</td><td>唐宁</td><td>县第一中学</td><td>副主考</td><td>协助主考管理第一中学考点</td><td>661003</td></tr>
<tr><td>4</td><td>范琴</td><td>县第二中学</td><td>主考</td><td>负责第二中学考点</td><td>661004</td></tr>
<tr><td>5</td><td>宋江河</td><td>县第二中学</td><td>副主考</td><td>协助主考管理第二中学考点</td><td>661005</td></tr>
<tr><td>6</td><td>胡蓉</td><td>县教育局</td><td>保密员</td><td>试卷保管与交接</td><td>661006</td></tr>
<tr><td>7</td><td>邹平</td><td>县第二中学</td><td>保密员</td><td>第二中学考点试卷保管</td><td>661007</td></tr>
</table>
<p>考务人员须按时参加考务培训。</p>
</article>
</body></html>
"""


def write_exam_roster_html() -> None:
    """exam_roster.html: a county's exam staff list with a 总主考 and, at two schools, 主考 and 副主考."""
    (HERE / "exam_roster.html").write_bytes(EXAM_ROSTER_HTML.encode("utf-8"))


def write_exam_site_html() -> None:
    """exam_site.html: a staff list whose duties share their ends (主考, 副主考) and a list of site schools."""
    (HERE / "exam_site.html").write_bytes(EXAM_SITE_HTML.encode("utf-8"))


# -- office structures (issue 19): merged columns, repeated headers, wrapped cells, spanning groups --

CHECK_TITLE = "某镇2025年春季学校安全检查工作安排"
CHECK_HEADER = ["组别", "组长", "检查学校", "检查内容", "检查日期"]
# (组别, 组长, [(学校, 内容, 日期)]): 组别 and 组长 are merged down over each group's rows.
CHECK_GROUPS = [
    ("第一组", "马国强", [("第一小学", "消防设施\n疏散通道", "4月8日"), ("第二小学", "食堂卫生", "4月9日"),
                       ("城北幼儿园", "校车管理\n门卫值守", "4月10日")]),
    ("第二组", "林晓燕", [("第三小学", "实验室危化品", "4月8日"), ("镇中心中学", "宿舍用电", "4月9日"),
                       ("城南幼儿园", "大型玩具", "4月10日"), ("第二中学", "体育器材", "4月11日")]),
    ("第三组", "郑伟", [("第一中学", "消防设施", "4月8日"), ("第四小学", "围墙校舍", "4月9日"),
                      ("城东幼儿园", "食堂卫生", "4月10日")]),
]
KIT_HEADER = ["学校", "物品", "数量\n（个）", "领取人"]
KIT_ROWS = [
    ["第一小学", "灭火器", "12", "何东"],
    ["第二小学", "应急灯", "20", "罗敏"],
    ["第三小学", "急救箱", "6", "邵红"],
    ["第四小学", "灭火器", "8", "田野"],
]


def write_check_docx() -> None:
    """check_groups.docx: a check schedule whose 组别 and 组长 columns are merged down over three or four
    rows each, its header row marked to repeat on every page; a supplies table whose header row stands
    again in its middle (two pages' tables pasted together) and whose header cell wraps its unit."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = _docx(CHECK_TITLE)
    document.add_paragraph("为排查学校安全隐患，镇教育办成立三个检查组，分组检查各学校，具体安排如下。")
    rows = sum(len(schools) for _, _, schools in CHECK_GROUPS)
    table = document.add_table(rows=rows + 1, cols=len(CHECK_HEADER))
    table.style = "Table Grid"
    for c, text in enumerate(CHECK_HEADER):
        table.cell(0, c).text = text
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    r = 1
    for group, leader, schools in CHECK_GROUPS:
        last = r + len(schools) - 1
        table.cell(r, 0).merge(table.cell(last, 0)).text = group
        table.cell(r, 1).merge(table.cell(last, 1)).text = leader
        for school, content, day in schools:
            table.cell(r, 2).text = school
            table.cell(r, 3).text = content
            table.cell(r, 4).text = day
            r += 1
    assert tr_pr.find(qn("w:tblHeader")) is not None
    document.add_paragraph("各检查组发现的隐患要当场反馈学校，限期整改。")
    document.add_paragraph("应急物资发放情况如下。")
    kit = document.add_table(rows=len(KIT_ROWS) + 2, cols=len(KIT_HEADER))
    kit.style = "Table Grid"
    for r, row in enumerate([KIT_HEADER, *KIT_ROWS[:2], KIT_HEADER, *KIT_ROWS[2:]]):
        for c, text in enumerate(row):
            kit.cell(r, c).text = text
    document.add_paragraph("物资由各校总务处登记保管。")
    _save_docx(document, "check_groups.docx")


FUND_TITLE = "某县2025年薄弱学校改造资金分配表"
FUND_SCHOOLS = [
    "第一小学", "第二小学", "第三小学", "第四小学", "第五小学", "第六小学", "第七小学", "实验小学",
    "城北幼儿园", "城南幼儿园", "城东幼儿园", "第一中学", "第二中学", "第三中学", "实验中学", "职业高中",
    "特殊教育学校", "青少年活动中心", "中心幼儿园", "民族中学", "第八小学", "育才小学",
]


def fund_rows() -> list[list[str]]:
    """The fund table's data rows: 序号, 学校, three amounts in yuan with thousands separators, 改造内容."""
    rows = []
    for n, school in enumerate(FUND_SCHOOLS, start=1):
        central, province, county = 100_000 * n + 50_000, 40_000 * n + 2_500, 15_000 * n
        work = ("校舍维修", "运动场改造", "食堂改造", "厕所改造")[n % 4]
        rows.append([str(n), school, f"{central:,}", f"{province:,}", f"{county:,}", work])
    return rows


def fund_totals() -> list[str]:
    rows = fund_rows()
    return [f"{sum(int(r[c].replace(',', '')) for r in rows):,}" for c in (2, 3, 4)]


def write_fund_pdf() -> None:
    """fund.pdf: a ruled table whose two-row header puts 资金（元） over 中央, 省级 and 县级 (SPAN), other
    header cells spanning both rows; it runs over a page break with both header rows repeated, and
    ends in a 合计 row whose label spans two columns. Set in WenQuanYi Micro Hei."""
    from reportlab import rl_config
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1
    font = "WQYMicroHei"
    pdfmetrics.registerFont(TTFont(font, "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", subfontIndex=0))
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=22, wordWrap="CJK")
    title = ParagraphStyle("title", fontName=font, fontSize=18, leading=30)
    head = [
        ["序号", "学校", "资金（元）", "", "", "改造内容"],
        ["", "", "中央", "省级", "县级", ""],
    ]
    data = [*head, *fund_rows(), ["合计", "", *fund_totals(), ""]]
    table = Table(data, colWidths=[36, 100, 80, 80, 80, 80], rowHeights=30, repeatRows=2)
    last = len(data) - 1
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
                ("SPAN", (2, 0), (4, 0)),
                ("SPAN", (0, 0), (0, 1)),
                ("SPAN", (1, 0), (1, 1)),
                ("SPAN", (5, 0), (5, 1)),
                ("SPAN", (0, last), (1, last)),
            ]
        )
    )
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=FUND_TITLE)
    doc.build(
        [
            Paragraph(FUND_TITLE, title),
            Paragraph("经县政府同意，现将本年度薄弱学校改造资金分配方案下达如下，请各校抓紧组织实施。", body),
            Spacer(1, 12),
            table,
            Spacer(1, 12),
            Paragraph("资金实行专账核算，专款专用，不得挤占挪用。", body),
        ]
    )
    (HERE / "fund.pdf").write_bytes(buf.getvalue())


ENROL_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>某区2025年秋季学校招生计划公示</title></head>
<body>
<div class="content">
<h1>某区2025年秋季学校招生计划公示</h1>
<p>根据各校办学条件，经区教育局核定，现将秋季招生计划公示如下。</p>
<table border="1">
<caption>表1 各校一年级招生计划</caption>
<thead>
<tr><th>片区</th><th>学校</th><th>计划班数</th><th>计划人数</th><th>咨询电话</th></tr>
</thead>
<tbody>
<tr><td rowspan="3">城东片区</td><td>第一小学</td><td>6</td><td>270</td><td>552101</td></tr>
<tr><td>第二小学</td><td>4</td><td>180</td><td>552102</td></tr>
<tr><td>城东幼儿园</td><td>3</td><td>90</td><td>552103</td></tr>
<tr><td rowspan="2">城西片区</td><td>第三小学</td><td>5</td><td>225</td><td>552104</td></tr>
<tr><td>育英学校</td><td>2</td><td>90</td><td>552105</td></tr>
<tr><td colspan="2">合计</td><td>20</td><td>855</td><td></td></tr>
</tbody>
</table>
<p>报名时间和地点安排如下。</p>
<table border="1">
<tr><td><b>学校</b></td><td><b>报名时间</b></td><td><b>报名地点</b></td></tr>
<tr><td>第一小学</td><td>7月5日</td><td>学校报告厅</td></tr>
<tr><td>第二小学</td><td>7月6日</td><td>学校一楼大厅</td></tr>
<tr><td>第三小学</td><td>7月5日</td><td>学校体育馆</td></tr>
<tr><td>育英学校</td><td>7月7日</td><td>学校综合楼</td></tr>
</table>
<p>家长报名时须携带户口簿和房产证明原件。</p>
</div>
</body></html>
"""


def write_enrol_html() -> None:
    """enrol.html: an enrolment plan with a caption, a <thead> and a <tbody>, a 片区 column spanning rows
    and a 合计 row spanning two columns; then a table with no <th> whose bold first row is its header."""
    (HERE / "enrol.html").write_bytes(ENROL_HTML.encode("utf-8"))


WORKS_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>关于某县2025年学校建设项目进度和补助资金的通报</title></head>
<body>
<article>
<h1>关于某县2025年学校建设项目进度和补助资金的通报</h1>
<p>各学校：现将今年学校建设项目的推进情况通报如下。</p>
<table border="1">
<tr><th>序号</th><th>项目名称</th><th>责任单位</th><th>计划投资（万元）</th><th>完成投资（万元）</th><th>完成时限</th></tr>
<tr><td>1</td><td>松岭小学新建工程</td><td>县教育局基建股</td><td>3,600.00</td><td>2,100.00</td><td>2026年8月</td></tr>
<tr><td>2</td><td>桂园中学实验楼改造</td><td>桂园中学</td><td>420.00</td><td>300.00</td><td>2025年12月</td></tr>
</table>
<p>暑期维修项目安排如下。</p>
<table border="1">
<tr><th>序号</th><th>学校名称</th><th>项目名称</th><th>投资金额（万元）</th><th>计划开工时间</th><th>计划完工时间</th></tr>
<tr><td>1</td><td>松岭小学</td><td>围墙加固</td><td>36.00</td><td>2025年7月6日</td><td>2025年8月20日</td></tr>
<tr><td>2</td><td>枫桥镇中心小学</td><td>厕所改造</td><td>48.00</td><td>2025年7月10日</td><td>2025年8月25日</td></tr>
</table>
<p>薄弱学校补助资金分配如下。</p>
<table border="1">
<tr><th>序号</th><th>学校名称</th><th>分配资金（万元）</th><th>主要用途</th></tr>
<tr><td>1</td><td>枫桥镇中心小学</td><td>52.00</td><td>食堂设备购置</td></tr>
<tr><td>2</td><td>松岭小学</td><td>30.00</td><td>图书配备</td></tr>
</table>
<p>各项目单位要加快进度，按期完成建设任务。</p>
</article>
</body></html>
"""


def write_works_html() -> None:
    """works.html: three tables of one county's school works: a progress table (计划投资, 完成投资, 完成时限),
    a repair list (计划开工时间, 计划完工时间) and a grant list (分配资金), which name the same schools."""
    (HERE / "works.html").write_bytes(WORKS_HTML.encode("utf-8"))


OFFICE_FILES = ("check_groups.docx", "fund.pdf", "enrol.html")


def write_office_fixtures() -> None:
    write_check_docx()
    write_fund_pdf()
    write_enrol_html()


def main() -> None:
    write_plan_docx()
    write_budget_pdf()
    write_paged_pdf()
    write_duty_html()
    write_holiday_html()
    write_supplies_docx()
    write_contacts_html()
    write_reading_docx()
    write_schedule_pdf()
    write_research_html()
    write_scoring_docx()
    write_timetable_html()
    write_roster_pdf()
    write_roster_pdf("roster_plain.pdf", repeat=False)
    write_exam_site_html()
    write_exam_roster_html()
    write_office_fixtures()
    write_works_html()
    names = ("tasks_plan.docx", "budget.pdf", "paged.pdf", "duty.html", "holiday.html")
    for name in (*names, "supplies.docx", "contacts.html", "reading.docx", "schedule.pdf", "research.html",
                 "scoring.docx", "timetable.html", "roster.pdf", "roster_plain.pdf", "exam_site.html",
                 "exam_roster.html", *OFFICE_FILES, "works.html"):
        print(f"{name:16} {(HERE / name).stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
