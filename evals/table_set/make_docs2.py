"""Rebuild the three documents of the table question set split "test2" under docs/.

Run: /work/main/.venv/bin/python /work/blind-tbl2/make_docs2.py
All units, people, amounts and phone numbers are made up (青溪区 does not exist).
Helper functions are copied from evals/table_set/make_docs.py; the output is byte-identical
on rebuild (fixed DOCX core-property dates and zip entry times, reportlab invariant=1).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from make_docs import (  # the same helpers as the set's first documents
    _fill_row,
    _page_number,
    _para,
    _pdf_styles,
    _save_docx,
    _total,
)
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

DOCS = Path(__file__).resolve().parent / "docs"
FIXED_TIME = dt.datetime(2025, 9, 1, 9, 0, 0)


# ----------------------------------------------------------------- DOCX helpers
def _new_docx(title: str, author: str) -> DocxDocument:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    doc.core_properties.title = title
    doc.core_properties.author = author
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    doc.core_properties.last_modified_by = author
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    return doc


# ------------------------------------------------------------------ PDF helpers


def _grid_table(rows: list[list[str]], widths: list[float], header_rows: int = 1,
                extra_style: list | None = None) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), "WQY"),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#E8E8E8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        *(extra_style or []),
    ]))
    return table


def _build_pdf(path: Path, title: str, author: str, story: list) -> None:
    pdf = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=25 * mm, bottomMargin=22 * mm, title=title, author=author,
                            invariant=1)
    pdf.build(story, onFirstPage=_page_number, onLaterPages=_page_number)


# ------------------------- 1. 督导检查安排 DOCX, 督导组 and 组长 vertically merged over each group's rows
INSPECTION = [
    ("第一组", "马文杰", [
        ("9月1日上午", "青溪区实验小学", "开学准备与课程开设"),
        ("9月1日下午", "文昌小学", "课后服务开展情况"),
        ("9月2日上午", "青溪区第一实验中学", "校园安全与门卫管理"),
        ("9月3日上午", "锦华小学", "教材教辅征订使用"),
    ]),
    ("第二组", "罗淑芬", [
        ("9月1日上午", "城南小学", "食堂食品安全"),
        ("9月2日上午", "龙湾小学", "控辍保学与学籍管理"),
        ("9月2日下午", "东湖小学", "作业管理与睡眠管理"),
        ("9月3日上午", "青溪区第二中学", "学生宿舍安全"),
    ]),
    ("第三组", "黄启明", [
        ("9月1日上午", "白沙镇中心小学", "寄宿生管理"),
        ("9月2日上午", "白沙镇中学", "校舍安全"),
        ("9月3日上午", "柳塘乡中心小学", "营养改善计划实施"),
        ("9月4日上午", "石桥镇小学", "开学准备与课程开设"),
    ]),
]


def make_inspection_docx() -> None:
    title = "关于开展2025年秋季学期开学工作专项督导检查的通知"
    doc = _new_docx(title, "青溪区人民政府教育督导室")
    for text, bold in [
        ("各中小学校：", False),
        ("为全面了解各校秋季学期开学准备情况，及时发现和解决开学工作中存在的问题，确保新学期平稳有序开局，"
         "区人民政府教育督导室决定于2025年9月1日至9月4日对部分中小学校开展开学工作专项督导检查。现将有关事项通知如下。", False),
        ("一、检查内容", True),
        ("主要检查开学准备、课程开设、校园安全、食品安全、教材教辅征订使用、“双减”政策落实和控辍保学等工作情况，"
         "各督导组在全面检查的基础上，对每所学校突出一个检查重点。", False),
        ("二、检查方式", True),
        ("采取听取汇报、查阅资料、实地查看、随机访谈师生等方式进行，每所学校检查时间约半天。"
         "每个督导组由1名组长和2名责任督学组成，成员名单由督导室另行通知。", False),
        ("三、督导组安排", True),
        ("表：2025年秋季学期开学工作专项督导检查安排表", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], ["督导组", "组长", "检查时间", "被检查学校", "检查重点"])
    for group, leader, rows in INSPECTION:
        first = len(table.rows)
        for when, school, focus in rows:
            _fill_row(table.add_row(), ["", "", when, school, focus])
        last = len(table.rows) - 1
        # 督导组 and 组长 span the group's rows: python-docx vertical merge, text set once.
        table.cell(first, 0).merge(table.cell(last, 0)).text = group
        table.cell(first, 1).merge(table.cell(last, 1)).text = leader
    for text, bold in [
        ("四、工作要求", True),
        ("（一）被检查学校要于检查前一天下班前将开学工作自查报告报送所在督导组，校长须全程陪同检查。", False),
        ("（二）督导组要坚持问题导向，对检查中发现的安全隐患当场反馈、限期整改；检查结束后3个工作日内向督导室提交督导报告。", False),
        ("（三）督导组要严格遵守廉洁纪律，轻车简从，不得影响学校正常教育教学秩序。", False),
        ("督导室将汇总各组检查情况形成全区开学工作督导通报。联系人：督导室唐老师，电话：661145。", False),
        ("青溪区人民政府教育督导室", False),
        ("2025年8月26日", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "kaixue_duidao_jiancha_anpai.docx")


# ---------------- 2. 专项资金分配 PDF, two-row merged header, table runs over a page break
FUNDS = [
    ("青溪区实验小学", "42.00", "18.00", "教室空调安装"),
    ("青溪区第三小学", "35.50", "12.50", "学生厕所改造"),
    ("文昌小学", "28.00", "10.00", "图书及实验器材购置"),
    ("城南小学", "31.20", "8.80", "食堂设备更新"),
    ("城北小学", "55.00", "20.00", "功能教室配备"),
    ("龙湾小学", "18.60", "6.40", "直饮水设备更新"),
    ("锦华小学", "24.00", "9.00", "运动场地维修"),
    ("东湖小学", "22.50", "7.50", "录播教室建设"),
    ("白沙镇中心小学", "48.00", "12.00", "学生宿舍床铺更换"),
    ("柳塘乡中心小学", "39.80", "10.20", "寄宿生浴室建设"),
    ("石桥镇小学", "26.40", "5.60", "围墙及护坡维修"),
    ("青溪区第一实验中学", "45.00", "25.00", "理化生实验室改造"),
    ("青溪区第二中学", "52.00", "16.00", "宿舍消防设施改造"),
    ("白沙镇中学", "40.00", "10.00", "食堂排烟系统改造"),
    ("柳塘乡中学", "36.00", "10.00", "教学设备更新"),
    ("青溪区特殊教育学校", "20.40", "7.60", "康复训练器材购置"),
]


def make_funds_pdf() -> None:
    title = "关于下达2025年义务教育薄弱环节改善补助资金的通知"
    author = "青溪区教育局"
    st = _pdf_styles()
    subtotals = [_total([up, local]) for _, up, local, _ in FUNDS]
    total = _total(subtotals)
    upper = _total([r[1] for r in FUNDS])
    local = _total([r[2] for r in FUNDS])
    P = Paragraph
    header = [["序号", "学校名称", "分配资金（万元）", "", "", "主要用途"],
              ["", "", "小计", "上级资金", "区级配套", ""]]
    body = [[str(i), r[0], sub, r[1], r[2], r[3]] for i, (r, sub) in enumerate(zip(FUNDS, subtotals), start=1)]
    body.append(["", "合计", total, upper, local, ""])
    story = [
        P(title, st["title"]),
        P("青溪区教育局  青溪区财政局", st["caption"]),
        P("各有关学校：", st["note"]),
        P("根据上级关于义务教育薄弱环节改善补助资金管理的有关规定，结合我区实际，经研究，"
          f"现将2025年该项补助资金{total}万元分配下达给你们，其中上级资金{upper}万元，区级配套资金{local}万元。"
          "请按照规定用途使用，确保资金安全和使用效益。", st["body"]),
        P("一、分配原则", st["h"]),
        P("资金分配坚持“保基本、补短板、促均衡”的原则，重点向乡村学校、寄宿制学校和办学条件相对薄弱的学校倾斜。"
          "分配时综合考虑各校在校学生数、寄宿生数、校舍状况和设施设备缺口等因素，由学校申报、区教育局审核后确定。", st["body"]),
        P("二、资金用途", st["h"]),
        P("资金主要用于改善学校教学、生活和安全设施条件，包括校舍及附属设施改造、教学仪器设备和图书购置、"
          "学生宿舍和食堂条件改善等，不得用于发放人员工资津贴补贴、偿还债务和建设楼堂馆所。", st["body"]),
        P("三、管理要求", st["h"]),
        P("各学校要建立资金使用台账，专款专用，单独核算；涉及政府采购的，严格按照政府采购有关规定执行。"
          "本年度资金总额比上年增长12%，区教育局将对资金使用情况开展绩效评价，评价结果作为下一年度资金分配的重要依据。",
          st["body"]),
        P("附件：2025年义务教育薄弱环节改善补助资金分配表", st["note"]),
        Spacer(1, 6),
        P("2025年义务教育薄弱环节改善补助资金分配表", st["caption"]),
        _grid_table(
            header + body,
            widths=[12 * mm, 42 * mm, 20 * mm, 20 * mm, 20 * mm, 52 * mm],
            header_rows=2,
            extra_style=[
                ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (1, 1)),
                ("SPAN", (2, 0), (4, 0)), ("SPAN", (5, 0), (5, 1)),
                ("ALIGN", (2, 2), (4, -1), "RIGHT"),
            ],
        ),
        Spacer(1, 6),
        P("注：“上级资金”为中央和省级财政下达的补助资金，“区级配套”为区级财政安排的配套资金。", st["note"]),
        P("各学校须于2025年11月30日前完成资金支出，年底前将资金使用情况和绩效自评报告报区教育局计划财务科。"
          "联系人：计划财务科邱老师，电话：661236。", st["body"]),
        Spacer(1, 12),
        P("青溪区教育局  青溪区财政局", st["note"]),
        P("2025年7月15日", st["note"]),
    ]
    _build_pdf(DOCS / "bozhuan_zijin_fenpei.pdf", title, author, story)


# ------------------------------------------------------- 3. 采购意向公开 HTML
PROCUREMENT = [
    ("中小学教室护眼灯采购", "为全区12所小学采购教室护眼灯具约1,800套，含安装调试，质保期不少于3年。",
     "126.00", "2025年7月", "公开招标"),
    ("校园安保服务", "为全区58所学校、幼儿园提供驻校保安服务，服务期一年，每校配备保安不少于2名。",
     "736.20", "2025年11月", "公开招标"),
    ("初中理化生实验室仪器设备", "为3所初中配备物理、化学、生物分组实验仪器及实验台，满足分组实验教学需要。",
     "186.50", "2025年8月", "公开招标"),
    ("中小学图书采购", "采购适合中小学生阅读的图书约6万册，含编目加工和上架服务。",
     "90.00", "2025年9月", "竞争性磋商"),
    ("骨干教师专题培训服务", "委托培训机构承担骨干教师和班主任专题培训，共计4期，每期5天。",
     "48.00", "2025年9月", "竞争性磋商"),
    ("学生课桌椅更新", "为城北小学、白沙镇中心小学等学校更换可升降课桌椅约2,400套。",
     "72.00", "2025年8月", "公开招标"),
    ("教育城域网运维服务", "提供全区教育城域网和数据中心机房运行维护服务，服务期一年，故障响应时间不超过2小时。",
     "58.00", "2025年12月", "竞争性磋商"),
    ("学生体质健康抽测服务", "委托第三方机构对全区中小学生开展体质健康抽测，抽测学生不少于4,000人。",
     "35.00", "2025年10月", "竞争性谈判"),
    ("学校食堂食品安全检测服务", "对全区学校食堂食材、餐具开展抽样检测，每季度不少于1次，全年出具检测报告。",
     "24.00", "2025年10月", "竞争性磋商"),
    ("多媒体教学一体机采购", "为乡村学校采购86英寸多媒体教学一体机约120台，含安装和使用培训。",
     "168.00", "2025年9月", "公开招标"),
]


def make_procurement_html() -> None:
    title = "青溪区教育局2025年7月至12月政府采购意向公开"
    total = _total([r[2] for r in PROCUREMENT])
    rows = [
        "      <tr>" + "".join(f"<td>{c}</td>" for c in [str(i), *r]) + "</tr>"
        for i, r in enumerate(PROCUREMENT, start=1)
    ]
    rows.append(f'      <tr><td colspan="3">合计</td><td>{total}</td><td></td><td></td></tr>')
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font-family: "SimSun", serif; max-width: 960px; margin: 2em auto; line-height: 1.8; }}
  h1 {{ text-align: center; font-size: 22px; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ border: 1px solid #333; padding: 4px 6px; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>为便于供应商及时了解政府采购信息，根据政府采购意向公开的有关规定，现将青溪区教育局2025年7月至12月采购意向公开如下。</p>
<p>本次公开的采购意向共{len(PROCUREMENT)}项，预算金额合计{total}万元，资金来源均为已批复的2025年部门预算。
采购意向仅作为供应商了解本单位初步采购安排的参考，采购项目实际采购需求、预算金额和执行时间以本单位最终发布的采购公告和采购文件为准。</p>
<table>
  <caption>青溪区教育局2025年7月至12月政府采购意向</caption>
  <thead>
    <tr><th>序号</th><th>采购项目名称</th><th>采购需求概况</th><th>预算金额（万元）</th><th>预计采购时间</th><th>采购方式</th></tr>
  </thead>
  <tbody>
{chr(10).join(rows)}
  </tbody>
</table>
<p>注：预计采购时间为预计发布采购公告的月份。</p>
<p>供应商对采购意向有疑问的，可在工作日向青溪区教育局计划财务科咨询，联系人：邱老师，电话661236。</p>
<p style="text-align:right">青溪区教育局<br>2025年6月30日</p>
</body>
</html>
"""
    (DOCS / "caigou_yixiang_gongkai.html").write_text(html, encoding="utf-8")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    make_inspection_docx()
    make_funds_pdf()
    make_procurement_html()
    for path in sorted(DOCS.iterdir()):
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
