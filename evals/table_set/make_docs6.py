"""Build the four documents of the table question set splits "train6"/"dev6" under docs/.

Run: /work/main/.venv/bin/python evals/table_set/make_docs6.py
All units, people, amounts and phone numbers are made up (青溪区 does not exist).
Written blind by an outside writer (see BRIEF.md). The helpers are those of make_docs.py and make_docs2.py,
imported as make_docs5.py does; the output is byte-identical on rebuild (fixed DOCX core-property dates and
zip entry times, reportlab invariant=1, WenQuanYi Micro Hei).

Four table kinds the set did not have:
1. erzhong_keshiliang_gongshi.docx (train6): 教师周课时量统计表 with a MERGED TWO-ROW HEADER (序号/姓名/教研组/
   任教学科及班级/备注 span both rows; 周课时量（课时） spans 授课 + 早晚自习 + 兼职折算 + 合计); the 合计 column is a
   per-teacher sum, there is no total row.
2. xiaozhang_kaohe_jieguo.pdf (train6): 校级领导干部年度考核结果 (reportlab grid), 32 rows that RUN OVER THE PAGE
   BREAK with the header repeated; 综合得分（分） has the unit in brackets; 考核等次 优秀/合格/基本合格/不定等次; “—”
   score for the two 不定等次 rows.
3. banshi_zhinan.html (dev6): 政务服务事项办事指南 with a TWO-ROW `<th>` header (办理时限（工作日） colspan=2 over
   法定时限 + 承诺时限); 申请材料 cells are long lists; “—” where there is no 法定时限.
4. gongyong_jingfei_xiada.docx (dev6): 公用经费下达表 with units in the header (人, 万元) and SUBTOTAL ROWS
   (城区学校小计, 农村学校小计) and a 合计 row, each merged over the first three cells.
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

# ------------------------- 1. 教师周课时量 DOCX: merged two-row header, unit (课时) in the spanning header
LOAD_TOP = ["序号", "姓名", "教研组", "任教学科及班级", "周课时量（课时）", "", "", "", "备注"]
LOAD_LEAF = ["", "", "", "", "授课", "早晚自习", "兼职折算", "合计", ""]
# 姓名, 教研组, 任教学科及班级, 授课, 早晚自习, 兼职折算, 备注 (合计 = 授课 + 早晚自习 + 兼职折算)
LOAD = [
    ("韦建国", "语文组", "七（1）班、七（2）班语文", 12, 2, 4, "兼七（1）班班主任"),
    ("蓝秀梅", "语文组", "八（3）班、八（4）班语文", 12, 2, 0, "—"),
    ("覃志远", "语文组", "九（1）班、九（2）班语文", 12, 3, 2, "兼语文教研组长"),
    ("黄丽娟", "数学组", "七（3）班、七（4）班数学", 12, 2, 4, "兼七（3）班班主任"),
    ("莫海波", "数学组", "八（1）班、八（2）班数学", 12, 2, 0, "—"),
    ("陆佳怡", "数学组", "九（3）班、九（4）班数学", 12, 3, 4, "兼九（3）班班主任"),
    ("李振华", "英语组", "七（1）班至七（3）班英语", 15, 2, 0, "—"),
    ("潘晓琳", "英语组", "九（1）班、九（2）班英语", 10, 3, 2, "兼英语教研组长"),
    ("吴国栋", "理化组", "八年级4个班物理", 12, 1, 0, "—"),
    ("杨雪芬", "理化组", "九年级4个班化学", 12, 1, 3, "兼化学实验室管理员"),
    ("梁文斌", "政史地组", "七、八年级道德与法治", 14, 0, 0, "—"),
    ("谭美华", "政史地组", "八、九年级历史", 13, 0, 2, "兼政史地教研组长"),
    ("钟启明", "体艺组", "七年级体育与健康", 16, 0, 2, "负责大课间组织"),
    ("罗小雨", "体艺组", "全校音乐", 16, 0, 0, "—"),
    ("甘立新", "体艺组", "全校美术", 14, 0, 0, "每周三下午外出送教"),
    ("唐永红", "信息组", "七、八年级信息科技", 12, 0, 6, "兼学校网络管理员"),
]


def make_load_docx() -> None:
    title = "青溪区第二中学关于2025年秋季学期教师课时量核定情况的公示"
    doc = _new_docx(title, "青溪区第二中学教务处")
    for text, bold in [
        ("全体教职工：", False),
        ("根据《青溪区中小学教师工作量核定办法》，初中专任教师周课时量标准为14课时，班主任、教研组长、实验室管理员等"
         "兼任工作按规定折算课时，早晚自习按实际坐班节数计入。经教研组初核、教务处复核，现将本学期部分教师周课时量"
         "核定情况公示如下。", False),
        ("一、核定结果", True),
        ("表：2025年秋季学期教师周课时量统计表", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=2, cols=len(LOAD_TOP))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], LOAD_TOP)
    _fill_row(table.rows[1], LOAD_LEAF)
    for c in (0, 1, 2, 3, 8):  # these headers span both header rows
        table.cell(0, c).merge(table.cell(1, c)).text = LOAD_TOP[c]
    table.cell(0, 4).merge(table.cell(0, 7)).text = LOAD_TOP[4]
    for i, (name, group, classes, teach, study, extra, note) in enumerate(LOAD, start=1):
        _fill_row(table.add_row(), [str(i), name, group, classes, str(teach), str(study), str(extra),
                                    str(teach + study + extra), note])
    for text, bold in [
        ("注：合计=授课+早晚自习+兼职折算；兼职折算按班主任每周4课时、教研组长每周2课时等标准计算。", False),
        ("二、有关事项", True),
        ("（一）公示期为2025年9月22日至9月26日。教师对本人课时量有异议的，请在公示期内向教务处书面反映。", False),
        ("（二）超过标准课时的部分，按区里有关规定核发超课时补贴，具体标准另行通知。", False),
        ("（三）本学期因病假、产假等原因调整课务的，由教务处按月重新核定。", False),
        ("联系人：教务处蓝海燕，电话：662318。", False),
        ("青溪区第二中学教务处", False),
        ("2025年9月19日", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "erzhong_keshiliang_gongshi.docx")


# ---------------- 2. 年度考核结果 PDF: 32 rows over the page break, 综合得分（分）, 考核等次
RESULT_HEADER = ["序号", "姓名", "工作单位", "职务", "综合得分（分）", "考核等次", "备注"]
RESULTS = [
    ("何志强", "青溪区第一实验中学", "校长", "95.6", "优秀", "—"),
    ("林秀珍", "青溪区第一实验中学", "党支部书记", "93.2", "优秀", "—"),
    ("邓伟", "青溪区第一实验中学", "副校长", "88.4", "合格", "—"),
    ("苏建明", "青溪区第二中学", "校长", "91.8", "合格", "—"),
    ("冯丽", "青溪区第二中学", "副校长", "86.5", "合格", "—"),
    ("曾庆华", "青溪区第二中学", "副校长", "—", "不定等次", "任职不满半年"),
    ("蒋国强", "白沙镇中学", "校长", "92.6", "优秀", "—"),
    ("韩春燕", "白沙镇中学", "副校长", "84.2", "合格", "—"),
    ("陶明", "柳塘乡中学", "校长", "89.0", "合格", "—"),
    ("段丽君", "柳塘乡中学", "党支部书记", "87.2", "合格", "—"),
    ("农志刚", "柳塘乡中学", "副校长", "72.5", "基本合格", "安全工作被通报"),
    ("方丽萍", "青溪区实验小学", "校长", "94.1", "优秀", "—"),
    ("孔祥云", "青溪区实验小学", "党支部书记", "90.3", "合格", "—"),
    ("严雪梅", "青溪区实验小学", "副校长", "87.7", "合格", "—"),
    ("傅建军", "城北小学", "校长", "88.9", "合格", "—"),
    ("石慧", "城北小学", "副校长", "85.0", "合格", "—"),
    ("阮文辉", "城南小学", "校长", "90.6", "合格", "—"),
    ("岑小红", "城南小学", "副校长", "83.8", "合格", "—"),
    ("欧阳明", "龙湾小学", "校长", "92.0", "优秀", "—"),
    ("卢晓霞", "龙湾小学", "副校长", "86.1", "合格", "—"),
    ("邱振东", "东湖小学", "校长", "81.4", "合格", "—"),
    ("秦玉兰", "东湖小学", "副校长", "84.7", "合格", "—"),
    ("许家宝", "白沙镇中心小学", "校长", "89.5", "合格", "—"),
    ("骆春梅", "白沙镇中心小学", "副校长", "—", "不定等次", "病休超过半年"),
    ("葛海", "柳塘乡中心小学", "校长", "93.0", "优秀", "市级乡村优秀校长"),
    ("庞丽丽", "柳塘乡中心小学", "副校长", "85.9", "合格", "—"),
    ("蒙娟", "城北幼儿园", "园长", "90.1", "合格", "—"),
    ("黎晓彤", "城北幼儿园", "副园长", "82.3", "合格", "—"),
    ("饶静怡", "青溪区实验幼儿园", "园长", "91.2", "合格", "—"),
    ("施红霞", "青溪区实验幼儿园", "副园长", "86.8", "合格", "—"),
    ("裴文静", "白沙镇中心幼儿园", "园长", "88.0", "合格", "—"),
    ("尹志华", "白沙镇中心幼儿园", "副园长", "84.0", "合格", "—"),
]
RESULT_WIDTHS = [10, 18, 38, 22, 26, 18, 32]  # mm, 164 in all (A4 less 2 x 22 mm margins = 166)


def make_results_pdf() -> None:
    title = "关于2025年度中小学校级领导干部考核结果的公示"
    author = "青溪区教育局组织人事科"
    st = _pdf_styles()
    P = Paragraph
    rows = [RESULT_HEADER] + [[str(i), *r] for i, r in enumerate(RESULTS, start=1)]
    for r in rows:  # no cell may wrap: every string fits its column at 9 pt with 3 pt padding either side
        for text, w in zip(r, RESULT_WIDTHS, strict=True):
            assert stringWidth(text, "WQY", 9) + 6 <= w * mm, (text, w)
    good = sum(1 for r in RESULTS if r[4] == "优秀")
    story = [
        P(title, st["title"]),
        P("青溪区教育局组织人事科", st["caption"]),
        P("根据《青溪区中小学校级领导干部考核办法（试行）》，区教育局组织开展了2025年度中小学幼儿园校级领导干部"
          "年度考核。考核采取个人述职、民主测评、实地考察和日常考核相结合的方式，综合得分由民主测评、办学业绩和"
          "日常考核三部分按比例折算。", st["body"]),
        P(f"经局党组会议研究，本次参加考核的校级领导干部共{len(RESULTS)}人，确定优秀等次{good}人，优秀比例控制在"
          "参考人数的20%以内。任职不满半年或病休超过半年的，只参加考核、不确定等次。现将考核结果公示如下。",
          st["body"]),
        P("考核内容包括德、能、勤、绩、廉五个方面，重点考核学校年度工作目标完成情况、安全稳定、党风廉政建设和"
          "师生满意度。各项考核的原始评分材料由组织人事科存档备查。", st["body"]),
        P("一、考核结果", st["h"]),
        P("表：2025年度校级领导干部年度考核结果", st["caption"]),
        _grid_table(
            rows,
            widths=[w * mm for w in RESULT_WIDTHS],
            header_rows=1,
            extra_style=[
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("ALIGN", (4, 1), (4, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ],
        ),
        Spacer(1, 8),
        P("二、公示说明", st["h"]),
        P("（一）公示时间为2026年1月12日至1月16日（5个工作日）。", st["body"]),
        P("（二）公示期间，对考核结果有异议的，可以书面或当面向区教育局组织人事科反映。以个人名义反映的应署真实姓名，"
          "以单位名义反映的应加盖公章。", st["body"]),
        P("（三）年度考核结果作为校级领导干部任用、交流、奖惩和绩效工资发放的重要依据。", st["body"]),
        P("受理电话：661208；联系人：梁海峰。", st["body"]),
        Spacer(1, 12),
        P("青溪区教育局组织人事科", st["note"]),
        P("2026年1月9日", st["note"]),
    ]
    _build_pdf(DOCS / "xiaozhang_kaohe_jieguo.pdf", title, author, story)


# ------------ 3. 办事指南 HTML: two-row <th> header (办理时限（工作日） over 法定时限 + 承诺时限), long material lists
GUIDE = [
    ("教师资格认定（幼儿园、小学、初级中学）", "教师资格认定申请表；身份证；学历证书；普通话水平测试等级证书；体检合格证明",
     "20", "15", "区政务服务中心教育窗口", "661316"),
    ("中小学教师资格定期注册", "定期注册申请表；教师资格证书；师德表现证明；近5年年度考核证明；培训学时证明",
     "30", "20", "任职学校初审，区教育局人事科复核", "661208"),
    ("教师资格证书补发换发", "补发换发申请表；身份证；原证书或在报刊上刊登的遗失声明", "20", "10",
     "区政务服务中心教育窗口", "661316"),
    ("民办学校设立审批", "设立申请报告；举办者资格证明；拟任校长及教师资格证明；资产来源和资金数额证明；校舍产权或租赁证明",
     "90", "60", "区政务服务中心教育窗口", "661322"),
    ("民办幼儿园设立审批", "设立申请报告；举办者资格证明；园长及保教人员资格证明；园舍安全鉴定报告；卫生保健合格证明",
     "60", "30", "区政务服务中心教育窗口", "661322"),
    ("义务教育阶段学生转学", "转学申请表；户口簿；转入学校同意接收证明", "—", "3", "转入学校", "661135"),
    ("适龄儿童少年延缓入学", "延缓入学申请表；二级以上医疗机构出具的诊断证明", "—", "7", "户籍所在学区学校",
     "661135"),
    ("初中学历证明书出具", "学历证明申请表；身份证；近期免冠照片1张", "—", "1", "区教育局档案室", "661109"),
    ("家庭经济困难学生资助申请", "资助申请表；家庭经济困难情况说明或相关证明材料", "—", "15", "就读学校",
     "661247"),
]


def make_guide_html() -> None:
    title = "青溪区教育局政务服务事项办事指南（2025年版）"
    rows = "\n".join("      <tr>" + "".join(f"<td>{c}</td>" for c in (str(i), *r)) + "</tr>"
                     for i, r in enumerate(GUIDE, start=1))
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
  td:nth-child(2), td:nth-child(3) {{ text-align: left; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>为方便群众和学校办事，区教育局对进驻区政务服务中心和由学校受理的{len(GUIDE)}个高频政务服务事项进行了梳理，
现将办事指南公布如下。申请人可以到表中所列地点现场办理，也可以先拨打咨询电话了解具体要求。</p>
<p>表中“法定时限”为法律法规规定的办理期限，“承诺时限”为区教育局承诺的办理期限，均以工作日计算，自受理之日起算；
“—”表示该事项没有法定时限。申请材料一般提交原件和复印件各一份，原件核对后当场退还。</p>
<table>
  <caption>青溪区教育局政务服务事项一览表</caption>
  <thead>
    <tr><th rowspan="2">序号</th><th rowspan="2">事项名称</th><th rowspan="2">申请材料</th><th colspan="2">办理时限（工作日）</th><th rowspan="2">办理地点</th><th rowspan="2">咨询电话</th></tr>
    <tr><th>法定时限</th><th>承诺时限</th></tr>
  </thead>
  <tbody>
{rows}
  </tbody>
</table>
<p>温馨提示：</p>
<p>一、申请材料不齐全或者不符合法定形式的，受理窗口一次性告知需要补正的全部内容。</p>
<p>二、区政务服务中心教育窗口位于区政务服务中心二楼B区，工作时间为周一至周五上午8:30—12:00、下午14:30—17:30，
法定节假日除外。</p>
<p>三、对办理结果有异议的，可以向区教育局政策法规科反映，监督电话：661100。</p>
<p style="text-align:right">青溪区教育局<br>2025年3月1日</p>
</body>
</html>
"""
    (DOCS / "banshi_zhinan.html").write_text(html, encoding="utf-8")


# -------------- 4. 公用经费下达 DOCX: units in the header (人, 万元), 小计 rows per group and a 合计 row
FUND_HEADER = ["序号", "学校名称", "学段", "在校生（人）", "寄宿生（人）", "基本公用经费（万元）", "寄宿生补助（万元）",
               "下达金额（万元）"]
RATE = {"初中": 560, "小学": 360}  # 元 per pupil per term
BOARD = 200  # 元 per boarder per term
MIN_PUPILS = 100  # a school with fewer pupils is funded as 100
FUND = [
    ("城区学校小计", [
        ("青溪区第一实验中学", "初中", 2150, 0),
        ("青溪区第二中学", "初中", 1820, 320),
        ("青溪区实验小学", "小学", 2460, 0),
        ("城北小学", "小学", 1980, 0),
        ("城南小学", "小学", 1640, 0),
        ("东湖小学", "小学", 1120, 0),
    ]),
    ("农村学校小计", [
        ("白沙镇中学", "初中", 860, 540),
        ("柳塘乡中学", "初中", 520, 410),
        ("龙湾小学", "小学", 680, 0),
        ("白沙镇中心小学", "小学", 940, 260),
        ("柳塘乡中心小学", "小学", 610, 230),
        ("柳塘乡水口教学点", "小学", 48, 0),
    ]),
]


def _wan(yuan: int) -> Decimal:
    return (Decimal(yuan) / 10000).quantize(Decimal("0.01"))


def fund_rows() -> list[list[str]]:
    """The table's body rows as cell texts; a 小计/合计 row repeats its label in its first three (merged) cells."""
    out = []
    totals: list[int | Decimal] = [0, 0, Decimal(0), Decimal(0), Decimal(0)]
    i = 0
    for label, schools in FUND:
        sub: list[int | Decimal] = [0, 0, Decimal(0), Decimal(0), Decimal(0)]
        for name, stage, pupils, boarders in schools:
            i += 1
            basic = _wan(max(pupils, MIN_PUPILS) * RATE[stage])
            board = _wan(boarders * BOARD)
            vals: list[int | Decimal] = [pupils, boarders, basic, board, basic + board]
            sub = [a + b for a, b in zip(sub, vals, strict=True)]
            out.append([str(i), name, stage, *(str(v) for v in vals)])
        out.append([label, label, label, *(str(v) for v in sub)])
        totals = [a + b for a, b in zip(totals, sub, strict=True)]
    out.append(["合计", "合计", "合计", *(str(v) for v in totals)])
    return out


def make_fund_docx() -> None:
    title = "青溪区教育局关于下达2025年秋季学期义务教育学校公用经费的通知"
    doc = _new_docx(title, "青溪区教育局计划财务科")
    rows = fund_rows()
    total = rows[-1]
    for text, bold in [
        ("各义务教育学校：", False),
        ("根据区财政局《关于下达2025年城乡义务教育补助经费的通知》，现将2025年秋季学期义务教育学校公用经费下达"
         "你们，请按规定使用。", False),
        (f"本学期公用经费按在校生人数核定：初中每生每学期{RATE['初中']}元，小学每生每学期{RATE['小学']}元；"
         f"在校生不足{MIN_PUPILS}人的学校和教学点按{MIN_PUPILS}人核定。寄宿制学校按寄宿生人数每生每学期"
         f"{BOARD}元增加寄宿生补助。本次共下达{total[7]}万元。", False),
        ("表：2025年秋季学期义务教育学校公用经费下达表", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=1, cols=len(FUND_HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], FUND_HEADER)
    for r in rows:
        row = table.add_row()
        if r[0] == r[1]:  # 小计 / 合计: the label spans 序号 + 学校名称 + 学段
            _fill_row(row, ["", "", "", *r[3:]])
            row.cells[0].merge(row.cells[2]).text = r[0]
        else:
            _fill_row(row, r)
    for text, bold in [
        ("注：下达金额=基本公用经费+寄宿生补助。在校生人数以2025年9月全国中小学生学籍信息管理系统数据为准。", False),
        ("有关要求：", True),
        ("一、公用经费主要用于教学活动、教师培训、水电、校舍和设备日常维护等支出，不得用于发放人员津贴补贴，"
         "不得用于偿还债务和基本建设投资。", False),
        ("二、用于教师培训的支出不低于年度公用经费总额的5%。", False),
        ("三、各校要在2026年1月15日前将本学期经费使用情况报计划财务科。", False),
        ("联系人：计划财务科蒙小燕，电话：661126。", False),
        ("青溪区教育局", False),
        ("2025年10月10日", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "gongyong_jingfei_xiada.docx")


FILES = ["erzhong_keshiliang_gongshi.docx", "xiaozhang_kaohe_jieguo.pdf", "banshi_zhinan.html",
         "gongyong_jingfei_xiada.docx"]


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    make_load_docx()
    make_results_pdf()
    make_guide_html()
    make_fund_docx()
    for name in FILES:
        print(name, (DOCS / name).stat().st_size)


if __name__ == "__main__":
    main()
