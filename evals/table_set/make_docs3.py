"""Build the three documents of the table question set "train3"/"dev3" under docs/.

Run: /work/main/.venv/bin/python evals/table_set/make_docs3.py
All units, people, amounts and phone numbers are made up (青溪区 does not exist).
Written blind by an outside writer (see BRIEF.md). The helpers are those of make_docs.py and make_docs2.py,
imported; the output is byte-identical on rebuild (fixed DOCX core-property dates and zip entry times, reportlab invariant=1).
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
    _total,
)
from make_docs2 import _build_pdf, _grid_table, _new_docx  # and as the test2 documents
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

DOCS = Path(__file__).resolve().parent / "docs"


# ------------- 1. 职称评审推荐人选公示 DOCX: merged two-row header AND merged first column (申报层级)
TITLE_HEADER_TOP = ["申报层级", "序号", "姓名", "工作单位", "任教学科", "现任职称", "", "区级评议", ""]
TITLE_HEADER_LEAF = ["", "", "", "", "", "职称", "取得时间", "量化积分", "得票数"]
TITLE_ROWS = [
    ("正高级教师", [
        ("陈淑娴", "青溪区第一实验中学", "语文", "高级教师", "2012年12月", "92.5", "21"),
        ("周建国", "青溪区实验小学", "数学", "高级教师", "2013年12月", "90.0", "19"),
    ]),
    ("高级教师", [
        ("王丽华", "青溪区第二中学", "英语", "一级教师", "2015年12月", "88.5", "18"),
        ("刘海涛", "白沙镇中学", "物理", "一级教师", "2016年12月", "86.0", "17"),
        ("孙雅琴", "城北小学", "语文", "一级教师", "2014年12月", "86.5", "17"),
        ("黄志远", "柳塘乡中学", "数学", "一级教师", "2017年12月", "84.0", "16"),
        ("王丽娟", "文昌小学", "音乐", "一级教师", "2016年12月", "85.5", "15"),
        ("郑晓明", "青溪区特殊教育学校", "特殊教育", "一级教师", "2015年12月", "83.5", "15"),
    ]),
    ("一级教师", [
        ("李欣然", "白沙镇中心小学", "英语", "二级教师", "2019年12月", "87.0", "19"),
        ("赵子豪", "柳塘乡中心小学", "体育", "二级教师", "2020年12月", "85.0", "18"),
        ("吴梦婷", "城南小学", "美术", "二级教师", "2019年12月", "86.5", "17"),
        ("杨帆", "龙湾小学", "科学", "二级教师", "2020年12月", "82.5", "16"),
        ("许文静", "东湖小学", "道德与法治", "二级教师", "2018年12月", "84.0", "16"),
        ("马俊杰", "锦华小学", "信息科技", "二级教师", "2020年12月", "81.0", "14"),
    ]),
]


def make_title_docx() -> None:
    title = "关于青溪区2025年度中小学教师职称评审推荐人选的公示"
    doc = _new_docx(title, "青溪区教育局人事科")
    n = sum(len(rows) for _, rows in TITLE_ROWS)
    for text, bold in [
        ("根据省、市关于做好2025年度中小学教师职称评审工作的通知精神，按照个人申报、学校推荐、区教育局资格审查和"
         f"区级评议推荐的程序，经区中小学教师职称评审推荐委员会评议，拟推荐{n}名同志参加2025年度中小学教师职称评审，"
         "现予以公示。", False),
        ("一、推荐程序", True),
        ("各学校在本校公示申报人员的学历、资历、教学业绩和获奖情况后，将推荐材料报区教育局。区教育局对申报材料进行"
         "资格审查，由区评议推荐委员会对通过审查的人员进行量化积分和无记名投票。评议推荐委员会共23名委员，得票数"
         "超过委员总数二分之一的，方可列入推荐人选。", False),
        ("二、推荐人选名单", True),
        ("表：青溪区2025年度中小学教师职称评审推荐人选名单", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=2, cols=9)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Merged header: five columns span both header rows, 现任职称 and 区级评议 span two leaves each.
    for c in range(5):
        table.cell(0, c).merge(table.cell(1, c)).text = TITLE_HEADER_TOP[c]
    table.cell(0, 5).merge(table.cell(0, 6)).text = "现任职称"
    table.cell(0, 7).merge(table.cell(0, 8)).text = "区级评议"
    for c in range(5, 9):
        table.cell(1, c).text = TITLE_HEADER_LEAF[c]
    seq = 0
    for level, rows in TITLE_ROWS:
        first = len(table.rows)
        for r in rows:
            seq += 1
            _fill_row(table.add_row(), ["", str(seq), *r])
        last = len(table.rows) - 1
        # 申报层级 spans the level's rows: python-docx vertical merge, text set once.
        table.cell(first, 0).merge(table.cell(last, 0)).text = level
    for text, bold in [
        ("三、公示要求", True),
        ("公示期为2025年10月13日至10月17日（5个工作日）。公示期间，对推荐人选的师德表现、申报材料真实性等方面有异议的，"
         "可以书面形式向区教育局人事科或区纪委监委驻区教育局纪检监察组反映。反映问题应实事求是，以单位名义反映的"
         "须加盖公章，以个人名义反映的须署真实姓名。", False),
        ("公示期满无异议的，由区教育局将推荐材料报送市中小学教师职称评审委员会评审；评审结果以市人力资源和社会保障局"
         "公布的为准。", False),
        ("受理部门：区教育局人事科，电话：661158；监督电话：661190。", False),
        ("青溪区教育局", False),
        ("2025年10月12日", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "zhicheng_tuijian_gongshi.docx")


# ------ 2. 重点项目推进情况 PDF: table runs over a page break, header repeated, 项目名称/目前进展 cells wrap
PROJECTS = [
    ("青溪区第三小学新建工程", "区教育局基建科", "4,800.00", "3,150.00", "2026年6月", "主体结构已封顶，正在进行内外墙砌筑"),
    ("第二中学学生宿舍楼改造", "青溪区第二中学", "1,200.00", "960.00", "2025年12月", "内部装修基本完成，正在安装消防设施"),
    ("城北幼儿园扩建工程", "区教育局基建科", "1,650.00", "1,650.00", "2025年8月", "已竣工验收，9月1日投入使用"),
    ("白沙镇中心小学运动场改造", "白沙镇中心小学", "380.00", "120.00", "2025年11月", "受汛期影响开工推迟，现已完成场地平整"),
    ("白沙镇中学食堂改造", "白沙镇中学", "260.00", "260.00", "2025年8月", "已完工并通过食品安全验收"),
    ("中小学教室照明改造", "区教育装备中心", "126.00", "98.00", "2025年10月", "已完成10所学校安装，剩余2所正在施工"),
    ("智慧校园建设（二期）", "区电化教育馆", "560.00", "210.00", "2025年12月", "已完成招标，设备陆续进场安装"),
    ("乡村学校教师周转宿舍建设", "区教育局基建科", "900.00", "540.00", "2026年3月", "柳塘乡点位主体完工，石桥镇点位正在基础施工"),
    ("柳塘乡中心小学寄宿生浴室建设", "柳塘乡中心小学", "50.00", "50.00", "2025年9月", "已完工投入使用"),
    ("柳塘乡中学教学楼抗震加固", "柳塘乡中学", "320.00", "96.00", "2025年12月", "已完成鉴定和设计，正在施工"),
    ("校园安全视频监控升级", "区教育局安全科", "186.00", "186.00", "2025年7月", "已完成，全部接入区级平台"),
    ("青溪区实验小学综合楼维修", "青溪区实验小学", "210.00", "150.00", "2025年11月", "屋面防水已完成，正在进行外立面维修"),
    ("特殊教育学校康复中心建设", "青溪区特殊教育学校", "300.00", "90.00", "2026年5月", "已完成方案设计，正在办理施工许可"),
    ("学前教育普惠性学位扩充", "区教育局学前教育科", "480.00", "360.00", "2025年12月", "已新增普惠性学位540个，完成年度目标的75%"),
    ("中小学图书馆提质", "区教育装备中心", "90.00", "45.00", "2025年12月", "已完成图书采购招标"),
]


def make_projects_pdf() -> None:
    title = "关于2025年全区教育重点项目前三季度推进情况的通报"
    author = "青溪区教育局"
    st = _pdf_styles()
    plan = _total([r[2] for r in PROJECTS])
    done = _total([r[3] for r in PROJECTS])
    rate = (Decimal(done.replace(",", "")) / Decimal(plan.replace(",", "")) * 100).quantize(Decimal("0.1"))
    finished = sum(1 for r in PROJECTS if r[2] == r[3])
    cell = ParagraphStyle("cell", fontName="WQY", fontSize=9, leading=12, wordWrap="CJK")
    P = Paragraph
    header = ["序号", "项目名称", "责任单位", "计划投资", "完成投资", "完成时限", "目前进展"]
    body = [[str(i), P(r[0], cell), r[1], r[2], r[3], r[4], P(r[5], cell)] for i, r in enumerate(PROJECTS, start=1)]
    body.append(["", "合计", "", plan, done, "", ""])
    story = [
        P(title, st["title"]),
        P("青溪区教育局办公室", st["caption"]),
        P("各科室、直属单位，各中小学校、幼儿园：", st["note"]),
        P(f"2025年，区委、区政府确定的全区教育重点项目共{len(PROJECTS)}个，年度计划投资{plan}万元。截至9月30日，"
          f"累计完成投资{done}万元，占年度计划的{rate}%，其中{finished}个项目已全部完成年度投资任务。"
          "现将前三季度推进情况通报如下。", st["body"]),
        P("一、总体情况", st["h"]),
        P("前三季度，各责任单位按照“项目化、清单化、责任化”的要求，倒排工期、挂图作战，城北幼儿园扩建、"
          "白沙镇中学食堂改造等项目如期完工并投入使用，新建学校、校舍改造、教育信息化等项目总体按计划推进。"
          "各项目资金已按年初预算落实，区教育局每月对项目进度进行调度，每季度进行通报。", st["body"]),
        P("二、存在的问题", st["h"]),
        P("一是个别项目进度滞后。受汛期持续降雨影响，部分室外工程开工推迟，完成投资比例明显低于时序进度。"
          "二是部分项目前期工作不够扎实，方案设计、施工许可等手续办理耗时较长。三是个别施工单位现场管理不够规范，"
          "安全文明施工措施落实不到位。", st["body"]),
        P("三、推进情况明细", st["h"]),
        Spacer(1, 4),
        P("2025年教育重点项目推进情况表（截至9月30日，金额单位：万元）", st["caption"]),
        _grid_table(
            [header] + body,
            widths=[8 * mm, 35 * mm, 33 * mm, 17 * mm, 17 * mm, 21 * mm, 35 * mm],
            header_rows=1,
            extra_style=[
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (3, 1), (4, -1), "RIGHT"),
            ],
        ),
        Spacer(1, 8),
        P("四、下一步工作要求", st["h"]),
        P("（一）各责任单位要对照年度目标，逐项目梳理剩余工程量，进度滞后的项目要制定赶工计划，确保年底前完成年度投资任务。",
          st["body"]),
        P("（二）严格落实工程质量和安全生产责任，督促施工单位加强现场管理，做好冬季施工安全防范。", st["body"]),
        P("（三）各责任单位于每月5日前将上月项目进展情况报区教育局计划财务科。联系人：计划财务科邱老师，电话：661236。",
          st["body"]),
        Spacer(1, 12),
        P("青溪区教育局办公室", st["note"]),
        P("2025年10月9日", st["note"]),
    ]
    _build_pdf(DOCS / "zhongdian_xiangmu_jindu_tongbao.pdf", title, author, story)


# -------- 3. 课后服务社团活动安排 HTML: two-row header (rowspan/colspan), 类别 rowspan, 小计 per group, 合计
CLUBS = [
    ("体育类", [
        ("足球社", "周建华", "周一、周三16:30—17:30", "东操场", "三至六年级", 40, 38),
        ("篮球社", "林涛", "周二、周四16:30—17:30", "风雨操场", "四至六年级", 30, 30),
        ("乒乓球社", "何静", "周一、周四16:30—17:30", "乒乓球室", "二至六年级", 24, 22),
        ("跳绳社", "陈晓燕", "周三、周五16:30—17:30", "西操场", "一至三年级", 50, 47),
        ("武术社", "张伟", "周五16:30—17:30", "风雨操场", "三至五年级", 30, 28),
    ]),
    ("艺术类", [
        ("合唱社", "王丽萍", "周二、周四16:30—17:30", "音乐教室（一）", "二至五年级", 45, 45),
        ("民乐社", "刘芳", "周三16:30—17:30", "音乐教室（二）", "三至六年级", 25, 21),
        ("书法社", "郑文博", "周一、周三16:30—17:30", "书法教室", "三至六年级", 30, 30),
        ("美术社", "吴晓雯", "周二、周五16:30—17:30", "美术教室", "一至四年级", 35, 33),
        ("舞蹈社", "王丽芳", "周一、周四16:40—17:40", "舞蹈房", "一至四年级", 30, 28),
    ]),
    ("科技创新类", [
        ("机器人社", "杨振宇", "周二、周四16:30—17:30", "创客空间", "四至六年级", 20, 20),
        ("航模社", "赵明", "周三、周五16:30—17:30", "科学实验室", "四至六年级", 20, 17),
        ("编程社", "杨振华", "周一、周三16:40—17:40", "计算机教室", "三至六年级", 30, 29),
        ("科学小实验社", "孙倩", "周五16:30—17:30", "科学实验室", "一至三年级", 25, 25),
    ]),
]


def make_clubs_html() -> None:
    title = "青溪区实验小学关于公布2025年秋季学期课后服务社团活动安排的通知"
    n = sum(len(rows) for _, rows in CLUBS)
    rows: list[str] = []
    plan_all = enrolled_all = 0
    for group, items in CLUBS:
        plan = sum(r[5] for r in items)
        enrolled = sum(r[6] for r in items)
        plan_all += plan
        enrolled_all += enrolled
        for i, r in enumerate(items):
            lead = f'<td rowspan="{len(items) + 1}">{group}</td>' if i == 0 else ""
            rows.append("      <tr>" + lead + "".join(f"<td>{c}</td>" for c in r) + "</tr>")
        rows.append(f'      <tr><td colspan="5">小计</td><td>{plan}</td><td>{enrolled}</td></tr>')
    rows.append(f'      <tr><td colspan="6">合计</td><td>{plan_all}</td><td>{enrolled_all}</td></tr>')
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font-family: "SimSun", serif; max-width: 960px; margin: 2em auto; line-height: 1.8; }}
  h1 {{ text-align: center; font-size: 22px; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ border: 1px solid #333; padding: 4px 6px; text-align: center; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>各年级组、各班主任，各位家长：</p>
<p>为深入落实“双减”政策，丰富学生课后生活，促进学生全面发展，学校在课后服务第二时段开设社团活动。
本学期共开设体育类、艺术类、科技创新类社团{n}个，经学生自愿报名、家长同意，现将社团活动安排公布如下。</p>
<p>课后服务每周一至周五开展，第一时段（15:40—16:30）为作业辅导和自主阅读，第二时段为社团活动，
具体时间见下表。社团活动自2025年9月15日开始，至2026年1月9日结束。</p>
<table>
  <caption>2025年秋季学期课后服务社团活动安排表</caption>
  <thead>
    <tr><th rowspan="2">类别</th><th rowspan="2">社团名称</th><th rowspan="2">指导教师</th><th rowspan="2">活动时间</th><th rowspan="2">活动地点</th><th rowspan="2">面向年级</th><th colspan="2">学生人数</th></tr>
    <tr><th>计划招收</th><th>已报名</th></tr>
  </thead>
  <tbody>
{chr(10).join(rows)}
  </tbody>
</table>
<p>注：已报名人数统计截至2025年9月10日；尚有空余名额的社团可继续接受报名，报满为止。</p>
<p>有关要求：</p>
<p>一、社团活动结束后，由指导教师将学生送至校门口指定区域，家长凭接送卡接孩子；因故不能参加社团活动的，
家长须提前向班主任请假。</p>
<p>二、参加课后服务的学生费用按区里核定的标准收取，社团活动所需的服装和器材由学校统一配备，不向学生另行收取。</p>
<p>三、各指导教师要认真制订社团活动计划，做好考勤记录，学期末举行社团成果展示。</p>
<p>学校教导处联系电话：662031。</p>
<p style="text-align:right">青溪区实验小学<br>2025年9月11日</p>
</body>
</html>
"""
    (DOCS / "kehou_shetuan_anpai.html").write_text(html, encoding="utf-8")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    make_title_docx()
    make_projects_pdf()
    make_clubs_html()
    for path in sorted(DOCS.iterdir()):
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
