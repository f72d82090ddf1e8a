"""Build the three documents of the table question set split "train4" (writer a) under docs/.

Run: /work/main/.venv/bin/python evals/table_set/make_docs4_a.py
All units, people, amounts and phone numbers are made up (青溪区 does not exist); no ID numbers.
Written blind by an outside writer (see BRIEF.md). The helpers are those of make_docs.py and make_docs2.py,
imported as make_docs3.py does; the output is byte-identical on rebuild (fixed DOCX core-property dates and
zip entry times, reportlab invariant=1).

1. erzhong_shoufei_gongshi.docx: 收费项目及标准公示, TWO TABLES (服务性收费, 代收费) with the same header;
   the unit (元) only in each table's caption; "—" cells; 计费单位 and 备注 free text.
2. shiyan_zhongxue_buzhu_mingdan.pdf: 生活补助拟发放名单, 30 rows + 合计 RUNNING OVER THE PAGE BREAK
   (header repeated); the unit only in the caption; 班级 in two forms (八（3）班 / 八年级3班); 认定时间 in
   three date forms (2024年9月 / 2024.09 / 2025-03-10); 备注 mostly "—".
3. chengbei_xiaoxue_wucan_shipu.html: two weeks' 午餐食谱, TWO-ROW header (午餐 colspan over 荤菜/半荤菜/
   素菜/汤), the 日期 column written in four forms, one day with "—" in every dish cell and the reason in 备注.
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
from reportlab.platypus import Paragraph, Spacer

DOCS = Path(__file__).resolve().parent / "docs"

# ------------------------------------------------ 1. 收费项目及标准公示 DOCX: two tables, unit in the caption
FEE_HEADER = ["序号", "收费项目", "收费标准", "计费单位", "收费对象", "收费依据", "备注"]
SERVICE_FEES = [
    ("住宿费", "400", "生·学期", "自愿住校学生", "青发改收费〔2023〕12号", "中途退宿的，按剩余整月退还"),
    ("课后服务费", "300", "生·学期", "自愿参加课后服务的七、八年级学生", "青教发〔2024〕35号", "家庭经济困难学生免收"),
    ("九年级晚自习服务费", "240", "生·学期", "自愿参加晚自习的九年级学生", "青教发〔2024〕35号", "—"),
    ("伙食费", "13", "生·天", "在校就餐学生", "成本核算，经家长委员会审议", "按实际就餐天数结算，每月公示一次"),
    ("研学实践活动费", "180", "生·次", "自愿参加的八年级学生", "据实收取", "10月下旬赴市科技馆，不参加的不收费"),
]
AGENCY_FEES = [
    ("作业本费", "35", "生·学期", "全体学生", "据实收取", "学期末多退少补"),
    ("校服费", "260", "套", "自愿购买的七年级新生", "公开招标确定价格", "夏装、秋装各一套，自愿购买"),
    ("新生体检费", "40", "生·次", "七年级新生", "区卫生健康局核定", "由区疾病预防控制中心统一组织"),
    ("教辅材料费", "—", "—", "自愿订购学生", "据实收取", "按“一科一辅”自愿订购，学校不统一收取"),
    ("初中学业水平考试报名费", "65", "生", "九年级学生", "青发改收费〔2022〕8号", "报名时由区招生考试中心收取"),
]


def make_fees_docx() -> None:
    title = "青溪区第二中学2025年秋季学期收费项目及标准公示"
    doc = _new_docx(title, "青溪区第二中学")
    for text, bold in [
        ("根据省发展改革委、省教育厅、省财政厅关于规范中小学服务性收费和代收费管理的有关规定，经区发展和改革局、"
         "区教育局审核，现将我校2025年秋季学期收费项目及标准公示如下，接受学生家长和社会监督。", False),
        ("义务教育阶段学生免收学费，免费提供国家规定课程教科书。服务性收费和代收费坚持“学生自愿、据实收取、"
         "及时结算、定期公布”的原则，不得与入学、编班挂钩，不得强制或变相强制学生参加或购买。", False),
        ("一、服务性收费项目", True),
        ("表1  服务性收费项目及标准（单位：元）", True),
    ]:
        _para(doc, text, bold)
    _fee_table(doc, SERVICE_FEES)
    for text, bold in [
        ("二、代收费项目", True),
        ("表2  代收费项目及标准（单位：元）", True),
    ]:
        _para(doc, text, bold)
    _fee_table(doc, AGENCY_FEES)
    for text, bold in [
        ("三、有关要求", True),
        ("（一）各项费用由家长通过“青溪教育缴费平台”缴纳，学校不收取现金。学校开具财政统一监制的票据或代收费"
         "结算清单，代收费每学期末向家长结算一次。", False),
        ("（二）家庭经济困难学生可按规定申请减免，由班主任初审、学校资助工作领导小组审核后公示。因特殊原因中途"
         "退出课后服务的，按学校相关规定办理退费。", False),
        ("（三）除上述项目外，学校不收取其他任何费用。家长如发现乱收费行为，可向学校总务处或区教育局计划财务科反映。", False),
        ("学校总务处电话：662417；区教育局计划财务科电话：661236；区价格举报电话：12345。", False),
        ("青溪区第二中学", False),
        ("2025年8月28日", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "erzhong_shoufei_gongshi.docx")


def _fee_table(doc, rows) -> None:
    table = doc.add_table(rows=1, cols=len(FEE_HEADER))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], FEE_HEADER)
    for i, r in enumerate(rows, start=1):
        _fill_row(table.add_row(), [str(i), *r])


# --------------------------- 2. 生活补助拟发放名单 PDF: over a page break, unit in the caption, mixed forms
STUDENTS = [
    ("韦小雨", "七（1）班", "脱贫家庭学生", "是", "2025年9月", "625", "—"),
    ("覃志强", "七（1）班", "最低生活保障家庭学生", "否", "2025.09", "312.5", "—"),
    ("黄诗涵", "七（2）班", "其他家庭经济困难学生", "是", "2025-09-08", "625", "母亲残疾"),
    ("杨子墨", "七（2）班", "脱贫家庭学生", "否", "2025年9月", "312.5", "—"),
    ("莫子轩", "七（3）班", "孤儿", "是", "2025年9月", "625", "另享受区级助学金500元"),
    ("蓝佳怡", "七（3）班", "残疾学生", "否", "2025.09", "312.5", "随班就读"),
    ("罗嘉怡", "七（4）班", "脱贫家庭学生", "是", "2025-09-08", "625", "—"),
    ("梁文博", "七（4）班", "特困供养学生", "是", "2025年9月", "625", "—"),
    ("李思琪", "八（1）班", "脱贫家庭学生", "是", "2024年9月", "625", "—"),
    ("陆俊杰", "八（1）班", "其他家庭经济困难学生", "否", "2024.09", "312.5", "父亲因病丧失劳动能力"),
    ("潘雨欣", "八（2）班", "最低生活保障家庭学生", "是", "2024年9月", "625", "—"),
    ("谭浩宇", "八（2）班", "脱贫家庭学生", "否", "2025.03", "312.5", "本学期起改为走读"),
    ("韦梦瑶", "八（3）班", "残疾学生", "是", "2024年9月", "625", "—"),
    ("钟晓雯", "八（3）班", "脱贫家庭学生", "否", "2024.09", "312.5", "—"),
    ("何欣怡", "八（4）班", "其他家庭经济困难学生", "是", "2024.09", "625", "家庭遭受火灾"),
    ("卢天宇", "八（4）班", "最低生活保障家庭学生", "否", "2024年9月", "312.5", "—"),
    ("黎明辉", "九（1）班", "脱贫家庭学生", "是", "2023年9月", "625", "—"),
    ("蒙晓燕", "九（1）班", "孤儿", "是", "2023.09", "625", "另享受区级助学金500元"),
    ("韦俊豪", "九（2）班", "最低生活保障家庭学生", "是", "2023年9月", "625", "—"),
    ("廖诗雨", "九（2）班", "其他家庭经济困难学生", "否", "2024-09-06", "312.5", "单亲家庭"),
    ("甘子涵", "九（3）班", "残疾学生", "是", "2023.09", "625", "—"),
    ("苏家乐", "九（3）班", "脱贫家庭学生", "否", "2023年9月", "312.5", "—"),
    ("黄雅琪", "九（4）班", "最低生活保障家庭学生", "是", "2023.09", "625", "—"),
    ("梁宇航", "九（4）班", "其他家庭经济困难学生", "是", "2025-03-12", "625", "母亲残疾"),
    # added in the spring term or this autumn, listed after the first review (class written differently)
    ("农家豪", "八年级3班", "脱贫家庭学生", "是", "2025-03-10", "625", "3月从白沙镇中学转入"),
    ("覃雅婷", "八年级3班", "特困供养学生", "是", "2025-09-05", "625", "—"),
    ("韦思远", "七年级2班", "最低生活保障家庭学生", "是", "2025-09-05", "625", "—"),
    ("陈可欣", "九年级1班", "其他家庭经济困难学生", "否", "2025-09-05", "312.5", "父母均无固定收入"),
    ("蒋雨桐", "七年级4班", "脱贫家庭学生", "否", "2025-09-05", "312.5", "—"),
    ("农美玲", "九年级4班", "最低生活保障家庭学生", "是", "2025-09-05", "625", "—"),
]


def make_subsidy_pdf() -> None:
    title = "青溪区第一实验中学2025年秋季学期生活补助名单公示"
    author = "青溪区第一实验中学"
    st = _pdf_styles()
    total = sum(Decimal(r[5]) for r in STUDENTS)
    P = Paragraph
    header = ["序号", "姓名", "班级", "困难类型", "寄宿", "认定时间", "补助金额", "备注"]
    body = [[str(i), *r] for i, r in enumerate(STUDENTS, start=1)]
    body.append(["合计", f"{len(STUDENTS)}人", "", "", "", "", f"{total}", ""])
    story = [
        P(title, st["title"]),
        P("青溪区第一实验中学学生资助工作领导小组", st["caption"]),
        P("根据《青溪区义务教育家庭经济困难学生生活补助实施办法》，经学生本人申请、班级民主评议、学校资助工作领导小组"
          "审核，拟对以下家庭经济困难学生发放2025年秋季学期生活补助，现予以公示。本学期拟资助人数比上学期增加5人，"
          "新增人员均经过入户核实。", st["body"]),
        P("一、补助对象和标准", st["h"]),
        P("补助对象为具有本校学籍的脱贫家庭学生、最低生活保障家庭学生、特困供养学生、孤儿、残疾学生和其他家庭经济困难学生。"
          "补助标准按是否寄宿分两档：寄宿生每生每学期625元，非寄宿生减半发放。补助资金通过学生资助卡按学期一次性发放，"
          "不得以实物或代金券抵顶。", st["body"]),
        P("二、拟发放名单", st["h"]),
        P("表：2025年秋季学期家庭经济困难学生生活补助拟发放名单（金额单位：元）", st["caption"]),
        _grid_table(
            [header] + body,
            widths=[10 * mm, 16 * mm, 20 * mm, 36 * mm, 10 * mm, 20 * mm, 16 * mm, 38 * mm],
            header_rows=1,
            extra_style=[
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("ALIGN", (6, 1), (6, -1), "RIGHT"),
                ("ALIGN", (4, 1), (4, -1), "CENTER"),
            ],
        ),
        Spacer(1, 8),
        P("三、公示和监督", st["h"]),
        P("公示期为2025年9月22日至9月26日（5个工作日）。对名单有异议的，可在公示期内向学校学生资助管理办公室实名反映，"
          "学校将在3个工作日内核实答复。公示期满无异议的，补助资金于10月底前发放到位。", st["body"]),
        P("学校学生资助管理办公室电话：663215；区学生资助管理中心监督电话：661172。", st["body"]),
        Spacer(1, 12),
        P("青溪区第一实验中学", st["note"]),
        P("2025年9月19日", st["note"]),
    ]
    _build_pdf(DOCS / "shiyan_zhongxue_buzhu_mingdan.pdf", title, author, story)


# ------------------------------ 3. 学生午餐食谱 HTML: two-row header, dates in four forms, a "—" day
MENU = [
    ("10月13日", "星期一", "红烧鸡腿", "青椒炒肉丝", "蒜蓉菠菜", "番茄蛋汤", "米饭", "香蕉", "—"),
    ("2025-10-14", "星期二", "糖醋排骨", "木耳炒蛋", "清炒包菜", "紫菜虾皮汤", "米饭", "苹果", "—"),
    ("10.15", "星期三", "清蒸鲈鱼", "土豆烧牛肉", "蒜蓉西兰花", "冬瓜排骨汤", "米饭", "酸奶", "—"),
    ("10/16", "星期四", "卤鸭腿", "芹菜炒香干", "手撕包菜", "番茄蛋汤", "杂粮饭", "香蕉", "—"),
    ("10月17日", "星期五", "可乐鸡翅", "肉末茄子", "清炒油麦菜", "玉米排骨汤", "扬州炒饭", "小面包", "周五主食为炒饭"),
    ("10月20日", "星期一", "红烧狮子头", "番茄炒蛋", "蒜蓉生菜", "紫菜蛋花汤", "米饭", "橙子", "—"),
    ("10月21日", "星期二", "香煎鸡排", "胡萝卜炒肉片", "清炒豆芽", "番茄蛋汤", "米饭", "梨", "—"),
    ("2025-10-22", "星期三", "—", "—", "—", "—", "—", "—", "全校秋季研学实践活动，学生自带午餐"),
    ("10.23", "星期四", "红烧带鱼", "宫保鸡丁", "炒三丝", "海带排骨汤", "杂粮饭", "香蕉", "—"),
    ("10/24", "星期五", "咖喱鸡块", "肉末豆腐", "清炒小白菜", "丝瓜蛋汤", "蛋炒饭", "香蕉蛋糕", "—"),
]


def make_menu_html() -> None:
    title = "青溪区城北小学2025年秋季学期第七、八周学生午餐食谱公示"
    rows = "\n".join("      <tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in MENU)
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
<p>各位家长：</p>
<p>为保障学生在校就餐营养均衡，学校膳食委员会会同营养指导员，按照《学生餐营养指南》的要求制定了第七、八周
（2025年10月13日至10月24日）学生午餐食谱，现予以公布。每餐做到荤素搭配、粗细搭配，每周至少安排一次杂粮主食，
食材由区定点供应商统一配送，每日留样48小时备查。</p>
<table>
  <caption>第七、八周学生午餐食谱</caption>
  <thead>
    <tr><th rowspan="2">日期</th><th rowspan="2">星期</th><th colspan="4">午餐</th><th rowspan="2">主食</th><th rowspan="2">午点</th><th rowspan="2">备注</th></tr>
    <tr><th>荤菜</th><th>半荤菜</th><th>素菜</th><th>汤</th></tr>
  </thead>
  <tbody>
{rows}
  </tbody>
</table>
<p>说明：</p>
<p>一、午点在下午第二节课后发放。对鸡蛋、牛奶等食物过敏的学生，请家长告知班主任，学校将另行安排。</p>
<p>二、伙食费按区物价部门核定的标准收取，每月在学校公示栏公布收支情况，欢迎家长监督。</p>
<p>三、每周三为“家长陪餐日”，每班可安排1名家长代表到校陪餐，请提前一天向班主任报名。</p>
<p>四、第九周食谱将于10月24日在学校公众号公布。</p>
<p>学校总务处联系电话：662508。</p>
<p style="text-align:right">青溪区城北小学<br>2025年10月10日</p>
</body>
</html>
"""
    (DOCS / "chengbei_xiaoxue_wucan_shipu.html").write_text(html, encoding="utf-8")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    make_fees_docx()
    make_subsidy_pdf()
    make_menu_html()
    for name in ["erzhong_shoufei_gongshi.docx", "shiyan_zhongxue_buzhu_mingdan.pdf", "chengbei_xiaoxue_wucan_shipu.html"]:
        print(name, (DOCS / name).stat().st_size)


if __name__ == "__main__":
    main()
