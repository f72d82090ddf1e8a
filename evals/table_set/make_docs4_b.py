"""Build the three documents of the table question set "dev4" (writer b) under docs/.

Run: /work/main/.venv/bin/python evals/table_set/make_docs4_b.py
All units, people, amounts and phone numbers are made up (青溪区 does not exist).
Written blind by an outside writer (see BRIEF.md). The helpers are those of make_docs.py and make_docs2.py,
imported as make_docs3.py does; the output is byte-identical on rebuild (fixed DOCX core-property dates and zip
entry times, reportlab invariant=1).

1. shoufei_xiangmu_gongshi.docx   收费项目及标准公示: TWO tables in one document with the same column names,
   the money unit given only in each caption (金额单位：元), 备注 with free text, blank and "—" cells.
2. shiyanshi_shebei_yanshou.pdf   设备采购验收清单: 25 rows + 合计 that RUN OVER A PAGE BREAK (header repeated),
   单价 next to 金额 (equal where 数量 is 1), "—" cells, a totals row.
3. baisha_zhongxue_kebiao.html    班级课程表: TRANSPOSED (weekdays are the columns, 节次 the rows), 时段 rowspan,
   colspan rows (大课间, 午间, 课后服务), "—" on Friday; and a second small table (任课教师).
"""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from make_docs import _fill_row, _para, _pdf_styles, _save_docx, _total
from make_docs2 import _build_pdf, _grid_table, _new_docx
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

DOCS = Path(__file__).resolve().parent / "docs"


# ------------------------------------------- 1. 收费项目及标准公示 DOCX: two tables, unit only in the captions
FEE_SERVICE_HEADER = ["序号", "收费项目", "收费标准", "计费方式", "收费依据", "备注"]
FEE_SERVICE = [
    ("住宿费", "400", "每生每学期", "青价费〔2023〕12号", "仅限住校生，按实际入住收取"),
    ("课后服务费", "300", "每生每学期", "青教发〔2024〕35号", "低保、特困家庭学生免收"),
    ("校车接送费", "120", "每生每月", "青价费〔2023〕12号", "自愿乘坐，寒暑假不收"),
    ("空调使用费", "60", "每生每学期", "青价费〔2024〕7号", "—"),
    ("住宿生生活管理服务费", "150", "每生每学期", "青教发〔2024〕35号", ""),
]
FEE_AGENT_HEADER = ["序号", "代收项目", "收费标准", "计费方式", "收取对象", "备注"]
FEE_AGENT = [
    ("伙食费（走读生午餐）", "10", "每生每餐", "自愿就餐的走读生", "按实际就餐天数结算，多退少补"),
    ("伙食费（住校生）", "22", "每生每天", "住校生", "含早、中、晚三餐"),
    ("作业本费", "35", "每生每学期", "全体学生", ""),
    ("学生意外伤害保险", "100", "每生每年", "自愿参保学生", "由保险公司直接开具发票"),
    ("社会实践活动费", "80", "每生每次", "七、八年级学生", "据实结算，结余退还"),
    ("新生体检费", "25", "每生每年", "七年级学生", "—"),
]


def _fee_table(doc, header: list[str], rows: list[tuple]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], header)
    for i, r in enumerate(rows, start=1):
        _fill_row(table.add_row(), [str(i), *r])


def make_fee_docx() -> None:
    title = "青溪区第一实验中学2025年秋季学期收费项目及标准公示"
    doc = _new_docx(title, "青溪区第一实验中学")
    for text, bold in [
        ("各位家长、同学们：", False),
        ("根据国家、省、市关于规范中小学收费管理的有关规定，学校严格执行义务教育免收学费、杂费和免费提供教科书政策。"
         "现将本校2025年秋季学期经区发展改革局、区教育局核定的服务性收费项目和代收费项目公示如下，接受家长和社会监督。", False),
        ("一、收费原则", True),
        ("服务性收费和代收费坚持“学生自愿、据实收取、不以营利为目的”的原则，不得与入学、编班挂钩，不得强制或变相强制收费。"
         "与上学期相比，空调使用费标准有所下调，其余项目标准不变。所有收费均通过“青溪智慧缴费”平台缴纳，学校财务室统一开具票据，"
         "班主任和任课教师一律不得经手收取现金。", False),
        ("二、收费项目及标准", True),
        ("表一  服务性收费项目（金额单位：元）", True),
    ]:
        _para(doc, text, bold)
    _fee_table(doc, FEE_SERVICE_HEADER, FEE_SERVICE)
    _para(doc, "表二  代收费项目（金额单位：元）", True)
    _fee_table(doc, FEE_AGENT_HEADER, FEE_AGENT)
    for text, bold in [
        ("三、其他事项", True),
        ("（一）建档立卡家庭、低保家庭和特困供养学生的减免，由学生本人申请、班级评议、学校审核后公示，减免部分在缴费时直接扣除。", False),
        ("（二）代收费项目由学校代收代付，学期结束后一个月内向家长公布收支明细，结余部分全部退还。", False),
        ("（三）除上述项目外，学校不得收取其他任何费用。家长对收费有疑问的，可向学校财务室咨询（电话：663017），"
         "也可向区教育局计划财务科（电话：661236）或区发展改革局价格监督举报电话（12345转价格监督）反映。", False),
        ("青溪区第一实验中学", False),
        ("2025年8月25日", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "shoufei_xiangmu_gongshi.docx")


# ----------------------------------- 2. 实验室设备采购验收清单 PDF: over a page break, totals row, "—" cells
EQUIPMENT = [
    ("学生实验桌", "全钢结构1200×600", "张", 240, "1,150.00", "合格"),
    ("学生实验凳", "升降式", "把", 480, "95.00", "合格"),
    ("教师演示台", "2400×700", "张", 12, "4,800.00", "合格"),
    ("通风柜", "1500型落地式", "台", 12, "9,600.00", "整改后合格"),
    ("生物显微镜", "XSP-2CA", "台", 240, "680.00", "合格"),
    ("体视显微镜", "XTL-20", "台", 24, "1,350.00", "合格"),
    ("电子天平", "500g/0.01g", "台", 60, "420.00", "合格"),
    ("物理数字化实验系统", "SD-P100", "套", 6, "38,500.00", "合格"),
    ("化学数字化实验系统", "SD-C100", "套", 6, "36,800.00", "整改后合格"),
    ("生物数字化实验系统", "SD-B100", "套", 4, "35,200.00", "合格"),
    ("学生电源", "J1202", "台", 120, "260.00", "合格"),
    ("演示电表", "J0407", "台", 24, "310.00", "合格"),
    ("力学实验器材", "初中物理配套", "套", 120, "185.00", "合格"),
    ("光学实验器材", "初中物理配套", "套", 120, "160.00", "合格"),
    ("电学实验器材", "初中物理配套", "套", 120, "210.00", "合格"),
    ("化学仪器柜", "钢制1000×500", "组", 36, "1,280.00", "合格"),
    ("药品柜", "防腐型", "组", 24, "1,650.00", "整改后合格"),
    ("洗眼器", "台式双口", "个", 36, "180.00", "合格"),
    ("紧急喷淋装置", "立式", "套", 12, "1,100.00", "合格"),
    ("人体骨骼模型", "170cm", "具", 12, "860.00", "合格"),
    ("植物细胞模型", "放大型", "个", 24, "150.00", "合格"),
    ("恒温培养箱", "DHP-9052", "台", 12, "2,300.00", "合格"),
    ("高压灭菌锅", "18L手提式", "台", 12, "980.00", "整改后合格"),
    ("实验室安装调试服务", "—", "项", 1, "48,000.00", "合格"),
    ("教师操作培训服务", "—", "项", 1, "12,000.00", "合格"),
]


def _amount(qty: int, price: str) -> str:
    return f"{Decimal(price.replace(',', '')) * qty:,.2f}"


def make_equipment_pdf() -> None:
    title = "关于2025年中小学理科实验室设备采购项目验收情况的报告"
    author = "青溪区教育装备中心"
    st = _pdf_styles()
    amounts = [_amount(r[3], r[4]) for r in EQUIPMENT]
    total = _total(amounts)
    header = ["序号", "设备名称", "规格型号", "单位", "数量", "单价（元）", "金额（元）", "验收结论"]
    body = [[str(i), r[0], r[1], r[2], str(r[3]), r[4], a, r[5]]
            for i, (r, a) in enumerate(zip(EQUIPMENT, amounts, strict=True), start=1)]
    body.append(["", "合计", "", "", "—", "—", total, ""])
    P = Paragraph
    story = [
        P(title, st["title"]),
        P("青溪区教育装备中心", st["caption"]),
        P("区教育局：", st["note"]),
        P("根据区教育局2025年教育装备配备计划，我中心组织实施了2025年中小学理科实验室设备采购项目，为全区初中学校"
          "新建和改造物理、化学、生物实验室配备设备。项目采用公开招标方式采购，于2025年8月12日开标，"
          f"中标金额{total}元。现将验收情况报告如下。", st["body"]),
        P("一、验收组织", st["h"]),
        P("本次验收由区教育装备中心牵头，邀请区财政局政府采购监管人员、两名学科教研员、一名外聘技术专家及各使用学校"
          "实验员组成验收小组，于2025年10月20日至10月24日分批次到校开展现场验收。验收小组对照招标文件和合同，"
          "逐项核对设备名称、规格型号、数量，并对通电设备进行了功能测试。", st["body"]),
        P("二、验收情况", st["h"]),
        P("经验收，供应商供货的设备品目、数量与合同一致，产品合格证、说明书等随机资料齐全，设备外观完好，运行正常。"
          "验收中发现部分设备存在柜体密封条缺失、配件不全、显示屏校准偏差等问题，验收小组当场要求整改，"
          "供应商已于2025年10月28日前整改完毕并经复验合格。具体验收结果见附表。", st["body"]),
        Spacer(1, 4),
        P("附表：2025年中小学理科实验室设备采购项目验收清单", st["caption"]),
        _grid_table(
            [header] + body,
            widths=[8 * mm, 36 * mm, 30 * mm, 10 * mm, 12 * mm, 22 * mm, 24 * mm, 24 * mm],
            header_rows=1,
            extra_style=[
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("ALIGN", (3, 1), (4, -1), "CENTER"),
                ("ALIGN", (5, 1), (6, -1), "RIGHT"),
            ],
        ),
        Spacer(1, 8),
        P("三、验收结论及建议", st["h"]),
        P("验收小组认为，本项目设备已按合同约定全部交付、安装到位，同意通过验收。建议区教育局按合同约定支付剩余款项，"
          "并督促各使用学校建立实验室设备台账，落实专人管理，充分发挥设备使用效益。设备质保期内出现的质量问题，"
          "由供应商按合同约定负责维修或更换。", st["body"]),
        P("联系人：区教育装备中心方老师，电话：661472。", st["body"]),
        Spacer(1, 12),
        P("青溪区教育装备中心", st["note"]),
        P("2025年10月30日", st["note"]),
    ]
    _build_pdf(DOCS / "shiyanshi_shebei_yanshou.pdf", title, author, story)


# ------------------------------------ 3. 班级课程表 HTML: weekdays as columns, rowspan/colspan, second table
DAYS = ["星期一", "星期二", "星期三", "星期四", "星期五"]
MORNING = [
    ("早读", "7:30—7:50", ["语文", "英语", "语文", "英语", "语文"]),
    ("第一节", "8:00—8:45", ["数学", "语文", "英语", "数学", "语文"]),
    ("第二节", "8:55—9:40", ["语文", "英语", "数学", "语文", "数学"]),
    ("大课间", "9:40—10:10", "跑操、眼保健操（周一升旗仪式）"),
    ("第三节", "10:10—10:55", ["英语", "数学", "语文", "道德与法治", "英语"]),
    ("第四节", "11:05—11:50", ["历史", "地理", "生物", "英语", "地理"]),
]
NOON = ("午间", "11:50—14:00", "午餐、午休")
AFTERNOON = [
    ("第五节", "14:00—14:45", ["体育", "美术", "信息科技", "音乐", "体育"]),
    ("第六节", "14:55—15:40", ["生物", "道德与法治", "体育", "语文", "心理健康"]),
    ("第七节", "15:50—16:35", ["班会", "历史", "数学", "综合实践", "—"]),
    ("课后服务", "16:45—17:45", None),
]
TEACHERS = [
    ("语文", "许静怡", "班主任"),
    ("数学", "孙立军", ""),
    ("英语", "陈蓓", "英语教研组长"),
    ("道德与法治", "黄卫东", ""),
    ("历史", "黄卫东", ""),
    ("地理", "李晓峰", ""),
    ("生物", "周敏", ""),
    ("体育", "王刚", "兼大课间组织"),
    ("音乐、美术", "刘欣", "隔周轮换"),
    ("信息科技", "赵宇", "—"),
    ("心理健康", "何丽", "学校专职心理教师"),
]


def _period_row(lead: str, name: str, time: str, subjects) -> str:
    if isinstance(subjects, str):
        cells = f'<td colspan="5">{subjects}</td>'
    elif subjects is None:  # 课后服务: Monday to Thursday only
        cells = '<td colspan="4">作业辅导、社团活动（自愿参加）</td><td>—</td>'
    else:
        cells = "".join(f"<td>{s}</td>" for s in subjects)
    return f"      <tr>{lead}<td>{name}</td><td>{time}</td>{cells}</tr>"


def make_timetable_html() -> None:
    title = "白沙镇中学七年级（3）班2025年秋季学期课程表"
    rows: list[str] = []
    for i, (name, time, subj) in enumerate(MORNING):
        lead = f'<td rowspan="{len(MORNING)}">上午</td>' if i == 0 else ""
        rows.append(_period_row(lead, name, time, subj))
    rows.append(f'      <tr><td colspan="2">{NOON[0]}</td><td>{NOON[1]}</td><td colspan="5">{NOON[2]}</td></tr>')
    for i, (name, time, later) in enumerate(AFTERNOON):
        lead = f'<td rowspan="{len(AFTERNOON)}">下午</td>' if i == 0 else ""
        rows.append(_period_row(lead, name, time, later))
    teachers = "\n".join(f"      <tr><td>{s}</td><td>{t}</td><td>{n}</td></tr>" for s, t, n in TEACHERS)
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font-family: "SimSun", serif; max-width: 960px; margin: 2em auto; line-height: 1.8; }}
  h1 {{ text-align: center; font-size: 22px; }}
  table {{ border-collapse: collapse; width: 100%; margin: 1em 0; }}
  th, td {{ border: 1px solid #333; padding: 4px 6px; text-align: center; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>各位家长：</p>
<p>新学期即将开始，现将七年级（3）班本学期的课程表和任课教师安排发给大家。本学期学校执行秋季作息时间，
上午7:20前到校，住校生按宿舍管理规定作息。课程表自2025年9月1日起执行，如遇节假日调课，以学校通知为准。</p>
<table>
  <caption>七年级（3）班课程表（2025年秋季学期）</caption>
  <thead>
    <tr><th>时段</th><th>节次</th><th>时间</th>{"".join(f"<th>{d}</th>" for d in DAYS)}</tr>
  </thead>
  <tbody>
{chr(10).join(rows)}
  </tbody>
</table>
<p>说明：星期五下午第六节课后，住校生统一离校，第七节和课后服务不再安排。</p>
<table>
  <caption>七年级（3）班任课教师</caption>
  <thead>
    <tr><th>学科</th><th>任课教师</th><th>备注</th></tr>
  </thead>
  <tbody>
{teachers}
  </tbody>
</table>
<p>温馨提示：</p>
<p>一、有体育课的当天请让孩子穿运动鞋、运动服到校；信息科技课需要的账号和密码由任课教师在课上统一发放。</p>
<p>二、学生因病因事不能到校的，请家长在当天7:30前向班主任请假；需要提前离校的，须由家长到校接送。</p>
<p>三、家长对课程安排有意见和建议的，可联系班主任许老师，或拨打学校教务处电话：664205。</p>
<p style="text-align:right">白沙镇中学七年级（3）班<br>2025年8月29日</p>
</body>
</html>
"""
    (DOCS / "baisha_zhongxue_kebiao.html").write_text(html, encoding="utf-8")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    make_fee_docx()
    make_equipment_pdf()
    make_timetable_html()
    for name in ["shoufei_xiangmu_gongshi.docx", "shiyanshi_shebei_yanshou.pdf", "baisha_zhongxue_kebiao.html"]:
        print(name, (DOCS / name).stat().st_size)


if __name__ == "__main__":
    main()
