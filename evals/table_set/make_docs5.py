"""Build the three documents of the table question set splits "train5"/"dev5" under docs/.

Run: /work/main/.venv/bin/python evals/table_set/make_docs5.py
All units, people, amounts and phone numbers are made up (青溪区 does not exist).
Written blind by an outside writer (see BRIEF.md). The helpers are those of make_docs.py and make_docs2.py,
imported as make_docs3.py does; the output is byte-identical on rebuild (fixed DOCX core-property dates and
zip entry times, reportlab invariant=1, WenQuanYi Micro Hei).

Three table kinds the set did not have:
1. jixu_jiaoyu_xueshi_tongbao.docx: 教师继续教育学时完成情况汇总表. The first column 学段 is MERGED DOWNWARD
   over its schools (初中 4, 小学 7, 幼儿园 3); the subject (学校名称) is in the SECOND column; six numeric
   headers carry the UNIT IN BRACKETS (专任教师（人）, 集中培训（学时）, …, 未达标（人）); a 合计 row whose
   first two cells are merged.
2. huiyishi_shiyong_anpai.pdf: 会议室使用安排表 (reportlab, grid): dates and rooms repeat, so the row is named
   by its 会议（活动）名称; 参会人数（人） has the unit in brackets; no cell wraps.
3. duban_shixiang_taizhang.html: 重点工作督办事项台账 `<th>` header, 13 rows; the 督办事项 cells are LONG
   (40-52 characters) and a user names the row by a part of it ("城南小学门口堵车那件事"); 办理进展 is free text;
   办理状态 is one of 已办结 / 序时推进 / 滞后.
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from make_docs import (  # the same helpers as the set's first documents
    _fill_row,
    _para,
    _pdf_styles,
    _save_docx,
)
from make_docs2 import _build_pdf, _grid_table, _new_docx  # and as the test2 documents
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Spacer

DOCS = Path(__file__).resolve().parent / "docs"

# ------------- 1. 继续教育学时汇总 DOCX: merged 学段 column, subject in column 2, units in the header brackets
HOURS_HEADER = ["学段", "学校名称", "专任教师（人）", "集中培训（学时）", "网络研修（学时）", "校本研修（学时）",
                "人均学时（学时）", "未达标（人）", "备注"]
# 学校名称, 专任教师, 集中, 网络, 校本 (人均 per teacher), 未达标, 备注; 人均学时 = 集中 + 网络 + 校本
HOURS = [
    ("初中", [
        ("青溪区第一实验中学", 126, 36, 52, 24, 2, "2人因产假顺延至2026年完成"),
        ("青溪区第二中学", 118, 32, 48, 28, 0, "—"),
        ("白沙镇中学", 64, 40, 46, 20, 1, "1人长期病休"),
        ("柳塘乡中学", 42, 40, 38, 26, 0, "送教下乡学时计入集中培训"),
    ]),
    ("小学", [
        ("青溪区实验小学", 98, 30, 56, 24, 0, "—"),
        ("城北小学", 86, 28, 50, 22, 3, "3人网络研修未完成"),
        ("城南小学", 74, 32, 44, 26, 0, "—"),
        ("龙湾小学", 52, 36, 42, 20, 0, "—"),
        ("东湖小学", 48, 24, 40, 18, 5, "新调入教师5人学时待认定"),
        ("白沙镇中心小学", 56, 40, 44, 24, 0, "—"),
        ("柳塘乡中心小学", 38, 44, 36, 20, 1, "1人脱产参加学历进修"),
    ]),
    ("幼儿园", [
        ("城北幼儿园", 36, 24, 40, 16, 0, "—"),
        ("青溪区实验幼儿园", 30, 28, 36, 18, 0, "园本研修计入校本研修"),
        ("白沙镇中心幼儿园", 18, 32, 30, 14, 2, "2人为新聘合同制教师"),
    ]),
]


def make_hours_docx() -> None:
    title = "青溪区教师发展中心关于2025年度中小学幼儿园教师继续教育学时完成情况的通报"
    doc = _new_docx(title, "青溪区教师发展中心")
    schools = [r for _, rows in HOURS for r in rows]
    teachers = sum(r[1] for r in schools)
    missing = sum(r[5] for r in schools)
    avg = (Decimal(sum(r[1] * (r[2] + r[3] + r[4]) for r in schools)) / teachers).quantize(Decimal("0.1"))
    for text, bold in [
        ("各中小学校、幼儿园：", False),
        ("根据《青溪区中小学幼儿园教师继续教育学时管理办法》，每名专任教师每年度应完成继续教育不少于72学时，"
         "其中集中培训不少于24学时。经各单位申报、青溪教师研修平台核验，现将2025年度（2024年12月1日至2025年"
         "11月30日）各单位教师继续教育学时完成情况通报如下。", False),
        (f"本次统计{len(schools)}个单位、专任教师{teachers}人，全区专任教师人均完成继续教育{avg}学时，"
         f"比上年度提高6.2学时；未达标教师共{missing}人。", False),
        ("一、学时完成情况", True),
        ("表：2025年度各单位教师继续教育学时完成情况汇总表", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=1, cols=len(HOURS_HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], HOURS_HEADER)
    for stage, rows in HOURS:
        first = len(table.rows)
        for name, n, central, online, school, short, note in rows:
            _fill_row(table.add_row(), ["", name, str(n), str(central), str(online), str(school),
                                        str(central + online + school), str(short), note])
        # 学段 spans its schools' rows: python-docx vertical merge, text set once.
        table.cell(first, 0).merge(table.cell(len(table.rows) - 1, 0)).text = stage
    total_row = table.add_row()
    _fill_row(total_row, ["", "", str(teachers), "—", "—", "—", str(avg), str(missing), ""])
    total_row.cells[0].merge(total_row.cells[1]).text = "合计"
    for text, bold in [
        ("注：集中培训、网络研修、校本研修和人均学时均为本单位专任教师人均数。", False),
        ("二、有关要求", True),
        ("（一）未达标教师须在2026年3月31日前通过青溪教师研修平台补修学时，补修情况纳入2026年度统计。"
         "因产假、病休等原因未完成的，由所在单位出具证明，经区教师发展中心审核后顺延。", False),
        ("（二）各单位要把继续教育学时完成情况作为教师年度考核、职称评审和评优评先的必备条件，"
         "学时不达标的教师当年度不得申报高一级职称。", False),
        ("（三）各单位于2025年12月20日前将本单位2026年度校本研修计划报区教师发展中心培训部。", False),
        ("联系人：区教师发展中心培训部陆春华，电话：661327。", False),
        ("青溪区教师发展中心", False),
        ("2025年12月5日", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "jixu_jiaoyu_xueshi_tongbao.docx")


# ---------------- 2. 会议室使用安排 PDF: dates and rooms repeat; 参会人数（人） with the unit in brackets
ROOM_HEADER = ["序号", "使用日期", "使用时段", "会议室", "会议（活动）名称", "使用科室", "参会人数（人）", "联系人"]
ROOMS = [
    ("11月3日", "9:00-11:30", "第一会议室", "局长办公会", "局办公室", "15", "韦丽萍"),
    ("11月3日", "14:30-17:00", "第二会议室", "校园安全隐患排查部署会", "安全稳定科", "28", "黄志刚"),
    ("11月4日", "9:00-12:00", "多功能厅", "中小学校长秋季例会", "局办公室", "86", "韦丽萍"),
    ("11月4日", "14:30-16:30", "第三会议室", "2026年部门预算初审", "计划财务科", "12", "蒙小燕"),
    ("11月5日", "9:00-11:00", "第二会议室", "教师职称评审材料复核", "组织人事科", "10", "梁海峰"),
    ("11月5日", "9:00-17:00", "录播教室", "青年教师优质课比赛", "区教师发展中心", "45", "陆春华"),
    ("11月6日", "9:30-11:30", "第一会议室", "学前教育专项督导反馈会", "督导室", "28", "覃建新"),
    ("11月6日", "14:30-17:30", "多功能厅", "班主任工作经验交流会", "德育与体卫艺科", "120", "罗美玲"),
    ("11月7日", "9:00-11:30", "第三会议室", "智慧校园二期项目推进会", "信息中心", "18", "谢宇航"),
    ("11月7日", "15:00-17:00", "第二会议室", "义务教育招生政策座谈会", "基础教育科", "20", "莫晓君"),
    ("11月10日", "9:00-11:30", "第一会议室", "党组理论学习中心组学习", "机关党委", "14", "唐文博"),
    ("11月10日", "14:30-17:00", "第三会议室", "学生资助资金发放审核", "学生资助中心", "8", "廖静"),
    ("11月11日", "9:00-12:00", "多功能厅", "学校食堂食品安全培训", "安全稳定科", "95", "黄志刚"),
    ("11月11日", "14:30-16:30", "第一会议室", "人大代表建议办理面商会", "局办公室", "16", "韦丽萍"),
    ("11月12日", "9:00-17:00", "录播教室", "中考物理备考研讨", "区教师发展中心", "40", "陆春华"),
    ("11月12日", "14:30-17:00", "第二会议室", "校舍维修项目验收协调会", "计划财务科", "22", "蒙小燕"),
    ("11月13日", "9:00-11:30", "第三会议室", "民办学校年检情况汇报", "基础教育科", "12", "莫晓君"),
    ("11月14日", "14:30-17:30", "多功能厅", "心理健康教育专题讲座", "德育与体卫艺科", "150", "罗美玲"),
]
ROOM_WIDTHS = [9, 16, 19, 19, 38, 25, 25, 13]  # mm, 164 in all (A4 less 2 x 22 mm margins = 166)


def make_rooms_pdf() -> None:
    title = "关于2025年11月上旬局机关会议室使用安排的通知"
    author = "青溪区教育局办公室"
    st = _pdf_styles()
    P = Paragraph
    rows = [ROOM_HEADER] + [[str(i), *r] for i, r in enumerate(ROOMS, start=1)]
    # No cell may wrap or overflow: every string fits its column at 9 pt with 3 pt padding either side.
    for r in rows:
        for text, w in zip(r, ROOM_WIDTHS, strict=True):
            assert stringWidth(text, "WQY", 9) + 6 <= w * mm, (text, w)
    story = [
        P(title, st["title"]),
        P("青溪区教育局办公室", st["caption"]),
        P("局机关各科室、直属各单位：", st["note"]),
        P("根据各科室、直属单位在机关办公系统中的登记，经局办公室统筹协调，现将2025年11月3日至11月14日局机关"
          "会议室使用安排通知如下。请各使用单位按登记的时段使用，确需调整的，请提前与局办公室联系。", st["body"]),
        P("局机关现有会议场地五处：多功能厅（可容纳160人）、第一会议室（40人）、第二会议室（30人）、第三会议室（20人）"
          "和区教师发展中心录播教室（50人）。多功能厅和第一会议室具备视频会议条件。", st["body"]),
        P("一、使用安排", st["h"]),
        P("表：2025年11月3日至11月14日会议室使用安排表", st["caption"]),
        _grid_table(
            rows,
            widths=[w * mm for w in ROOM_WIDTHS],
            header_rows=1,
            extra_style=[
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("ALIGN", (6, 1), (6, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ],
        ),
        Spacer(1, 8),
        P("二、使用要求", st["h"]),
        P("（一）使用单位负责会场布置和会后清理，离开时关闭灯光、空调和投影设备。需要横幅、桌签的，"
          "请至少提前一个工作日告知局办公室。", st["body"]),
        P("（二）需要视频连线或录像的，请提前两个工作日联系局信息中心做好技术保障。", st["body"]),
        P("（三）临时会议需使用会议室的，请先查询本安排表，在不冲突的前提下向局办公室登记后使用。", st["body"]),
        P("局办公室联系人：韦丽萍，电话：661101。", st["body"]),
        Spacer(1, 12),
        P("青溪区教育局办公室", st["note"]),
        P("2025年10月31日", st["note"]),
    ]
    _build_pdf(DOCS / "huiyishi_shiyong_anpai.pdf", title, author, story)


# ------------------------ 3. 督办事项台账 HTML: long 督办事项 cells that users name by a part, free-text progress
DUBAN_HEADER = ["序号", "督办事项", "事项来源", "责任科室", "责任人", "办结时限", "办理进展", "办理状态"]
DUBAN = [
    ("解决城南小学上下学时段校门口交通拥堵问题，协调交警部门增设护学岗和临时停车区域，并在校门两侧施划接送区。",
     "区人大代表建议", "安全稳定科", "黄志刚", "2025年9月30日", "护学岗已设立，接送区施划完成", "已办结"),
    ("完成全区中小学食堂“明厨亮灶”智能监控改造，实现视频信号全部接入区市场监管平台。",
     "区政府常务会议", "安全稳定科", "黄志刚", "2025年10月31日", "已完成38所，剩余6所设备到货待安装", "序时推进"),
    ("落实秋季学期义务教育阶段随迁子女入学保障，对未安排学位的申请逐一核查，开学前完成统筹安置。",
     "区委督查室交办", "基础教育科", "莫晓君", "2025年8月31日", "427名随迁子女全部安排入学", "已办结"),
    ("开展校外培训机构“回头看”专项检查，重点查处隐形变异学科类培训，检查结果在局门户网站公开。",
     "市教育局交办", "校外培训监管科", "韦振宇", "2025年11月15日", "已检查机构52家，立案查处2家", "序时推进"),
    ("推进乡村学校教师周转宿舍分配入住，制定分配办法，优先保障交流轮岗教师和新任教师。",
     "局党组会议", "组织人事科", "梁海峰", "2025年9月30日", "分配办法已印发，柳塘乡点位待验收后分配", "滞后"),
    ("办理区政协委员关于加强中小学生近视防控的提案，会同区卫生健康局制定年度视力筛查工作方案。",
     "区政协提案", "德育与体卫艺科", "罗美玲", "2025年9月15日", "已书面答复委员，委员表示满意", "已办结"),
    ("完成2026年部门预算编制，对教育信息化、校舍维修等项目开展事前绩效评估并报区财政局审核。",
     "局党组会议", "计划财务科", "蒙小燕", "2025年10月20日", "绩效评估报告已报区财政局", "已办结"),
    ("整改省级义务教育优质均衡发展督导反馈的问题，重点解决部分学校音体美专用教室不足问题。",
     "省督导反馈", "督导室", "覃建新", "2025年12月31日", "整改方案已印发，新增专用教室14间", "序时推进"),
    ("推动白沙镇中学、柳塘乡中学等4所农村学校课后服务提质，引入非遗、体育等第三方课程资源。",
     "区委督查室交办", "基础教育科", "莫晓君", "2025年10月31日", "2所学校已引入，2所学校课程遴选中", "滞后"),
    ("建成区级中小学心理健康辅导中心，配齐专职心理教师，开通面向学生和家长的心理援助热线。",
     "区政府常务会议", "德育与体卫艺科", "罗美玲", "2025年11月30日", "场地改造完成，专职教师招聘中", "序时推进"),
    ("修订《青溪区中小学教师请销假管理办法》，明确病事假审批权限和代课教师安排，经局党组会议审议后印发。",
     "局党组会议", "组织人事科", "梁海峰", "2025年9月30日", "已印发实施", "已办结"),
    ("处理群众反映的东湖小学午休托管收费问题，核实后对违规收取的费用予以清退，并约谈学校负责人。",
     "12345热线转办", "计划财务科", "蒙小燕", "2025年9月20日", "已全额清退，已约谈校长", "已办结"),
    ("为全区中小学配齐AED（自动体外除颤器），完成设备安装和教职工急救培训，每校至少培训5名持证人员。",
     "区人大代表建议", "德育与体卫艺科", "罗美玲", "2025年11月30日", "设备已完成招标，培训尚未启动", "滞后"),
]


def make_duban_html() -> None:
    title = "青溪区教育局关于2025年第三季度重点工作督办事项办理情况的通报"
    head = "".join(f"<th>{h}</th>" for h in DUBAN_HEADER)
    rows = "\n".join("      <tr>" + "".join(f"<td>{c}</td>" for c in (str(i), *r)) + "</tr>"
                     for i, r in enumerate(DUBAN, start=1))
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font-family: "SimSun", serif; max-width: 1080px; margin: 2em auto; line-height: 1.8; }}
  h1 {{ text-align: center; font-size: 22px; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ border: 1px solid #333; padding: 4px 6px; text-align: center; }}
  td:nth-child(2), td:nth-child(7) {{ text-align: left; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>局机关各科室、直属各单位：</p>
<p>为推动区委、区政府和局党组决策部署落地见效，局办公室对2025年第三季度确定的{len(DUBAN)}件重点工作督办事项
实行台账管理、销号办理。截至2025年9月30日，各责任科室报送了办理进展，经局办公室逐件核实，现将台账通报如下。</p>
<p>事项来源包括区委督查室交办、区政府常务会议确定事项、人大代表建议和政协委员提案、上级部门交办、
12345热线转办件及局党组会议确定事项。</p>
<table>
  <caption>2025年第三季度重点工作督办事项台账</caption>
  <thead>
    <tr>{head}</tr>
  </thead>
  <tbody>
{rows}
  </tbody>
</table>
<p>有关要求：</p>
<p>一、办理状态为“滞后”的事项，责任科室要于10月20日前向局办公室书面说明原因，提出整改措施和完成时间。</p>
<p>二、已办结事项由局办公室组织“回头看”，对办结质量不高、群众不满意的，重新纳入督办。</p>
<p>三、第四季度督办事项台账将于10月中旬另行印发，各科室按季度报送办理进展。</p>
<p>局办公室督查联系电话：661105。</p>
<p style="text-align:right">青溪区教育局办公室<br>2025年10月9日</p>
</body>
</html>
"""
    (DOCS / "duban_shixiang_taizhang.html").write_text(html, encoding="utf-8")


FILES = ["jixu_jiaoyu_xueshi_tongbao.docx", "huiyishi_shiyong_anpai.pdf", "duban_shixiang_taizhang.html"]


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    make_hours_docx()
    make_rooms_pdf()
    make_duban_html()
    for name in FILES:
        print(name, (DOCS / name).stat().st_size)


if __name__ == "__main__":
    main()
