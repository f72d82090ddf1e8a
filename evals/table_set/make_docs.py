"""Rebuild the ten table documents of the table question set under docs/.

Run: /work/main/.venv/bin/python evals/table_set/make_docs.py
All units, people, numbers and phone numbers are made up.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

DOCS = Path(__file__).resolve().parent / "docs"
FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FIXED_TIME = dt.datetime(2025, 9, 1, 9, 0, 0)


def _total(values: list[str]) -> str:
    """Sum amount strings such as '1,126.40' and format like the inputs."""
    s = sum(Decimal(v.replace(",", "")) for v in values)
    places = len(values[0].split(".")[1]) if "." in values[0] else 0
    return f"{s:,.{places}f}"


# ----------------------------------------------------------------- DOCX helpers
def _new_docx(title: str) -> DocxDocument:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "仿宋"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    doc.core_properties.title = title
    doc.core_properties.author = "青溪区教育局"
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    doc.core_properties.last_modified_by = "青溪区教育局"
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(title)
    run.bold = True
    run.font.size = Pt(18)
    return doc


def _save_docx(doc: DocxDocument, path: Path) -> None:
    """Save with fixed zip entry times so a rebuild is byte-identical."""
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


def _para(doc: DocxDocument, text: str, bold: bool = False) -> None:
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold = bold


def _fill_row(row, values: list[str]) -> None:
    for cell, value in zip(row.cells, values, strict=True):
        cell.text = value


# -------------------------------------------------------------- 1. 实施方案 DOCX
TASKS = [
    ("健全师德师风建设长效机制，将师德表现作为教师资格定期注册、职称评审、评优评先的首要标准，"
     "对师德失范行为实行“一票否决”。", "区教育局组织人事科", "各中小学校", "2025年6月底前"),
    ("建立区级教师荣誉表彰制度，每两年评选一次“青溪名师”“青溪好班主任”，对获评教师给予一次性奖励。",
     "区教育局组织人事科", "区人力资源和社会保障局、区财政局", "2025年9月底前"),
    ("实施新任教师“三年成长”计划，为每名新任教师配备校内指导教师，岗前培训不少于120学时。",
     "区教师发展中心", "各中小学校", "2025年起每年8月"),
    ("组建10个区级名师工作室和20个学科骨干教师研修共同体，每个工作室每年带教青年教师不少于5名。",
     "区教师发展中心", "区教育局基础教育科", "2025年12月底前"),
    ("开展中小学班主任全员轮训，三年内实现班主任培训全覆盖，新任班主任须先培训后上岗。",
     "区教育局德育与体卫艺科", "区教师发展中心", "2026年12月底前"),
    ("推进教师数字素养提升工程，依托国家智慧教育平台开展全员研修，每名教师每年完成信息技术应用能力研修不少于50学时。",
     "区教育局信息中心", "区教师发展中心", "2027年6月底前"),
    ("完善中小学教职工编制动态调整机制，按照城乡统一的编制标准核定编制，每年核定一次，盘活用好空余编制。",
     "区委编办", "区教育局组织人事科", "每年3月底前"),
    ("深化“县管校聘”管理改革，推动校长教师在区域内合理流动，城区学校教师交流轮岗比例每年不低于符合条件教师总数的10%。",
     "区教育局组织人事科", "区委编办、区人力资源和社会保障局", "2026年8月底前"),
    ("落实中小学教师平均工资收入水平不低于当地公务员平均工资收入水平的要求，建立工资收入联动增长机制。",
     "区财政局", "区教育局计划财务科、区人力资源和社会保障局", "持续推进"),
    ("提高乡村教师生活补助标准，按照学校偏远程度分三档发放，最高档每人每月800元。",
     "区教育局计划财务科", "区财政局", "2025年7月底前"),
    ("推进中小学职称制度改革，适当提高中级、高级岗位结构比例，并向乡村学校教师和班主任倾斜。",
     "区人力资源和社会保障局", "区教育局组织人事科", "2026年6月底前"),
    ("减轻中小学教师非教育教学负担，全面清理规范进校园的督查检查评比考核事项，未经审批一律不得进校园。",
     "区教育局办公室", "区教育局督导室、各中小学校", "2025年10月底前"),
    ("建设教师周转宿舍，为乡村学校教师和交流轮岗教师提供住房保障，新建周转宿舍不少于200套。",
     "区教育局计划财务科", "区住房和城乡建设局、各乡镇人民政府", "2027年12月底前"),
    ("加强校长队伍建设，开展校长职级制改革试点，每年遴选5名优秀中青年干部到市内名校挂职锻炼。",
     "区教育局组织人事科", "区教师发展中心", "2026年3月底前"),
    ("建立教师心理健康支持体系，每学期为教师提供不少于1次心理健康讲座或团体辅导，开通教师心理援助热线。",
     "区教育局德育与体卫艺科", "区教师发展中心、各中小学校", "2025年12月底前"),
    ("将教师队伍建设工作纳入对学校的年度督导评估，督导结果作为校长考核和学校评先评优的重要依据。",
     "区教育局督导室", "区教育局组织人事科", "每年12月"),
    ("加强教师队伍建设经费保障，按照不低于学校年度公用经费预算总额5%的比例安排教师培训经费。",
     "区教育局计划财务科", "区财政局、各中小学校", "每年预算编制时"),
]


def make_plan_docx() -> None:
    title = "青溪区中小学教师队伍建设提质行动实施方案（2025—2027年）"
    doc = _new_docx(title)
    for text, bold in [
        ("为深入贯彻全面深化新时代教师队伍建设改革的决策部署，进一步加强我区中小学教师队伍建设，"
         "全面提升教师思想政治素质、专业能力和保障水平，结合我区实际，制定本方案。", False),
        ("一、总体目标", True),
        ("到2027年，全区中小学教师队伍规模总量满足需要，结构更加合理，师德师风明显改善，专业素质显著提升，"
         "待遇保障全面落实。区级名师工作室覆盖主要学科，教师培训实现全员覆盖，城乡之间、校际之间师资配置差距明显缩小。", False),
        ("二、重点任务", True),
        ("（一）强化师德师风建设。坚持把师德师风作为评价教师素质的第一标准，健全教育、宣传、考核、监督、"
         "奖惩相结合的师德建设长效机制。", False),
        ("（二）提升教师专业素质。构建区、片、校三级研修体系，统筹实施新任教师培训、骨干教师研修和班主任轮训，"
         "推动教师培训与教育教学实践紧密结合。", False),
        ("（三）深化教师管理改革。完善编制、岗位、职称、交流轮岗等管理制度，推动优质师资向乡村学校和薄弱学校流动。", False),
        ("（四）落实教师待遇保障。健全中小学教师工资长效联动机制，改善乡村教师工作生活条件，切实为教师减负。", False),
        ("三、保障措施", True),
        ("（一）加强组织领导。成立区中小学教师队伍建设工作领导小组，由区政府分管副区长任组长，区教育局主要负责同志任副组长，"
         "相关部门负责同志为成员，统筹推进各项任务。", False),
        ("（二）压实工作责任。各牵头单位要按照任务分工表细化工作举措，明确时间节点，每半年向领导小组办公室报送一次工作进展情况；"
         "各责任单位要主动配合，形成工作合力。", False),
        ("（三）强化督导考核。区政府教育督导委员会将本方案落实情况纳入年度督导内容，对工作推进不力的单位予以通报。", False),
        ("附件：青溪区中小学教师队伍建设提质行动任务分工表", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"])
    for i, (task, lead, resp, due) in enumerate(TASKS, start=1):
        _fill_row(table.add_row(), [str(i), task, lead, resp, due])
    _para(doc, "注：完成时限为“持续推进”的任务，牵头单位须于每年12月底前向领导小组办公室报送年度工作总结。")
    _save_docx(doc, DOCS / "jiaoshi_tizhi_fangan.docx")


# ------------------------------------------------- 2. 工作要点 DOCX, merged header
SCHOOL_ITEMS = [
    ("班主任能力提升培训", "德育处", "8.0", "3.2", "2025年11月"),
    ("校园安全设施改造", "总务处", "45.0", "38.6", "2025年8月"),
    ("智慧教室建设（二期）", "信息中心", "120.0", "64.5", "2025年12月"),
    ("青年教师教学基本功大赛", "教务处", "3.5", "3.5", "2025年5月"),
    ("学生心理健康教育中心建设", "学生发展中心", "15.0", "6.8", "2025年10月"),
    ("图书馆藏书更新", "图书馆", "12.0", "0.0", "2025年12月"),
    ("科技创新社团活动", "教科室", "6.0", "2.4", "2025年12月"),
    ("劳动教育实践基地建设", "学生发展中心", "18.0", "9.1", "2025年9月"),
    ("体育场塑胶跑道翻新", "总务处", "60.0", "52.3", "2025年8月"),
    ("家校共育系列讲座", "德育处", "2.0", "0.8", "2025年12月"),
    ("教师外出学习交流", "教务处", "10.0", "4.7", "2025年12月"),
]


def make_school_docx() -> None:
    title = "青溪区第一实验中学2025年工作要点"
    doc = _new_docx(title)
    for text, bold in [
        ("2025年，学校坚持立德树人根本任务，以“提质量、强队伍、促特色”为工作主线，深化教育教学改革，"
         "推进智慧校园建设，努力办好人民满意的学校。现将全年工作要点安排如下。", False),
        ("一、加强德育工作", True),
        ("落实全员育人导师制，每名教师联系学生不超过15名。办好家长学校，每学期至少召开一次全体家长会。"
         "加强心理健康教育，建立学生心理健康档案，做到早发现、早干预。", False),
        ("二、深化课堂教学改革", True),
        ("以新课标为引领，推进大单元教学和作业设计改革，每个教研组每学期开展不少于4次主题教研活动。"
         "落实青年教师“师徒结对”制度，组织校级公开课展示周。", False),
        ("三、推进智慧校园建设", True),
        ("完成智慧教室二期建设任务，实现所有教学班智慧黑板全覆盖；完善校园网络安全管理制度，定期开展网络安全检查。", False),
        ("四、强化校园安全与后勤保障", True),
        ("完善校园安全风险防控体系，每月开展一次安全隐患排查，每学期组织不少于2次应急疏散演练。"
         "利用暑假完成运动场改造等工程，确保秋季开学正常使用。", False),
        ("五、经费安排", True),
        ("学校2025年重点工作经费预算安排见下表。表中“已执行”数为截至2025年6月30日的支出数。", False),
        ("表：2025年重点工作经费预算安排表", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=2, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # Two-row header: 经费（万元） spans 预算 / 已执行; the other headers span both rows.
    for col, name in [(0, "序号"), (1, "工作项目"), (2, "责任部门"), (5, "完成时间")]:
        merged = table.cell(0, col).merge(table.cell(1, col))
        merged.text = name
    money = table.cell(0, 3).merge(table.cell(0, 4))
    money.text = "经费（万元）"
    table.cell(1, 3).text = "预算"
    table.cell(1, 4).text = "已执行"
    for i, (item, dept, budget, spent, done) in enumerate(SCHOOL_ITEMS, start=1):
        _fill_row(table.add_row(), [str(i), item, dept, budget, spent, done])
    total_row = table.add_row()
    total_budget = _total([r[2] for r in SCHOOL_ITEMS])
    total_spent = _total([r[3] for r in SCHOOL_ITEMS])
    total_row.cells[0].merge(total_row.cells[1]).text = "合计"
    total_row.cells[2].text = "—"
    total_row.cells[3].text = total_budget
    total_row.cells[4].text = total_spent
    total_row.cells[5].text = "—"
    _para(doc, "说明：1.各责任部门要严格按照预算用途使用经费，不得擅自调整；确需调整的，须经校长办公会研究同意。"
               "2.下半年学校将对执行进度低于30%的项目进行专项督办。")
    _save_docx(doc, DOCS / "shiyan_zhongxue_gongzuo_yaodian.docx")


# ------------------------------------------------------------------ PDF helpers
def _pdf_styles() -> dict[str, ParagraphStyle]:
    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", FONT_PATH, subfontIndex=0))
    body = ParagraphStyle("body", fontName="WQY", fontSize=11, leading=19, wordWrap="CJK", firstLineIndent=22)
    return {
        "title": ParagraphStyle("title", fontName="WQY", fontSize=17, leading=26, alignment=1, spaceAfter=12),
        "h": ParagraphStyle("h", fontName="WQY", fontSize=12.5, leading=22, spaceBefore=6, wordWrap="CJK",
                            keepWithNext=1),
        "body": body,
        "caption": ParagraphStyle("caption", fontName="WQY", fontSize=11, leading=18, alignment=1, spaceBefore=6,
                                  spaceAfter=6),
        "note": ParagraphStyle("note", parent=body, fontSize=10, leading=16, firstLineIndent=0),
    }


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont("WQY", 9)
    canvas.drawCentredString(A4[0] / 2, 12 * mm, f"— {doc.page} —")
    canvas.restoreState()


def _grid_table(rows: list[list[str]], widths: list[float], header_rows: int = 1) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=header_rows)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), "WQY"),
        ("FONTSIZE", (0, 0), (-1, -1), 9.5),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#E8E8E8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _build_pdf(path: Path, title: str, story: list) -> None:
    pdf = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm,
                            topMargin=25 * mm, bottomMargin=22 * mm, title=title, author="青溪区教育局",
                            invariant=1)
    pdf.build(story, onFirstPage=_page_number, onLaterPages=_page_number)


# ------------------------------------------------------------ 3. 预算说明 PDF
BUDGET_ITEMS = [
    ("义务教育公用经费补助", "3,256.80", "中央及省级转移支付", "计划财务科"),
    ("学前教育生均补助", "864.00", "区级财政", "基础教育科"),
    ("普通高中国家助学金", "412.50", "中央转移支付", "学生资助中心"),
    ("教师培训专项", "520.00", "区级财政", "教师发展中心"),
    ("校舍维修改造", "1,850.00", "区级财政", "计划财务科"),
    ("农村义务教育学生营养改善计划", "1,126.40", "中央转移支付", "学生资助中心"),
    ("教育信息化建设", "680.00", "区级财政", "信息中心"),
    ("校园安保服务购买", "736.20", "区级财政", "安全稳定科"),
    ("学生体质健康监测", "95.00", "区级财政", "体卫艺科"),
    ("乡村教师生活补助", "1,012.00", "省级转移支付", "计划财务科"),
]


def make_budget_pdf() -> None:
    title = "青溪区教育局2025年部门预算编制说明"
    st = _pdf_styles()
    total = _total([r[1] for r in BUDGET_ITEMS])
    local = _total([r[1] for r in BUDGET_ITEMS if r[2] == "区级财政"])
    upper = _total([r[1] for r in BUDGET_ITEMS if r[2] != "区级财政"])
    P = Paragraph
    story = [
        P(title, st["title"]),
        P("一、部门基本情况", st["h"]),
        P("青溪区教育局是区政府工作部门，负责全区教育事业的统筹规划和管理。局机关内设办公室、组织人事科、计划财务科、"
          "基础教育科、安全稳定科、体卫艺科等6个科室，下属区教师发展中心、区教育信息中心、区学生资助管理中心等事业单位。"
          "全区共有公办中小学、幼儿园58所，在校学生4.2万人，教职工3,960人。", st["body"]),
        P("二、预算编制原则", st["h"]),
        P("（一）坚持保障重点。优先保障教职工工资、学校正常运转和国家规定的学生资助政策，集中财力支持教育重点项目建设。",
          st["body"]),
        P("（二）坚持厉行节约。严格控制一般性支出，从严从紧编制会议费、培训费、差旅费等支出预算，不新增楼堂馆所建设项目。",
          st["body"]),
        P("（三）坚持绩效导向。所有项目支出均设置绩效目标，绩效目标不明确、不合理的项目不予安排预算。", st["body"]),
        P("（四）坚持统筹兼顾。统筹上级转移支付资金和区级财政资金，统筹当年预算和结转结余资金，提高资金使用效益。",
          st["body"]),
        P("三、收入预算情况", st["h"]),
        P(f"2025年部门收入预算合计{total}万元，其中区级财政拨款{local}万元，上级转移支付资金{upper}万元。"
          "上级转移支付资金按照上级下达的提前批指标编列，年度执行中根据正式下达数调整。", st["body"]),
        P("预算编制过程中，局机关各科室和局属各单位按照“两上两下”程序申报项目，计划财务科会同相关科室对项目的必要性、"
          "可行性和资金测算依据进行审核，经局党组会议研究后报区财政局审核汇总。", st["body"]),
        PageBreak(),
        P("四、支出预算明细", st["h"]),
        P("按照保基本、促公平、提质量的要求，2025年项目支出预算共安排10个项目，具体如下表。", st["body"]),
        P("表1  2025年部门预算项目支出明细表（单位：万元）", st["caption"]),
        _grid_table(
            [["序号", "支出项目", "预算金额", "资金来源", "实施单位"]]
            + [[str(i), *row] for i, row in enumerate(BUDGET_ITEMS, start=1)]
            + [["", "合计", total, "", ""]],
            widths=[12 * mm, 58 * mm, 25 * mm, 38 * mm, 30 * mm],
        ),
        Spacer(1, 6),
        P("注：表中资金来源为“中央转移支付”“省级转移支付”的项目，按上级提前下达指标编列。", st["note"]),
        P("从支出结构看，义务教育公用经费补助、校舍维修改造和农村义务教育学生营养改善计划三项支出占支出预算总额的59.1%，"
          "是保障学校正常运转和改善办学条件的主要支出。各实施单位要在预算批复后及时分解下达资金，加快预算执行进度。",
          st["body"]),
        P("五、其他说明", st["h"]),
        P("（一）政府采购预算。2025年部门政府采购预算主要用于教育信息化设备、校园安保服务和校舍维修工程，"
          "采购方式以公开招标为主，严格执行政府采购有关规定。", st["body"]),
        P("（二）“三公”经费预算。2025年“三公”经费预算比上年压减8%，其中因公出国（境）费为零，"
          "公务用车运行维护费按照实有车辆核定，公务接待费严格执行接待标准。", st["body"]),
        P("（三）绩效目标管理。各项目实施单位要围绕绩效目标开展日常监控，每年7月和12月分别报送绩效运行监控情况，"
          "年度终了后开展绩效自评，自评结果作为下一年度预算安排的重要参考。", st["body"]),
        P("（四）预算公开。部门预算经区人民代表大会批准后20日内，在区政府门户网站“预决算公开”专栏向社会公开，"
          "接受社会监督。", st["body"]),
        P("（五）预算调整。年度执行中确需调整预算的，须按规定程序报区财政局审核，未经批准不得擅自改变资金用途。"
          "项目结转结余资金按照区财政有关规定统筹使用。", st["body"]),
        P("（六）内部控制。局机关和局属各单位要健全预算业务、收支业务、政府采购业务和合同管理等内部控制制度，"
          "定期开展内部控制评价，对发现的问题及时整改。", st["body"]),
        P("六、名词解释", st["h"]),
        P("（一）财政拨款收入：指区级财政当年拨付的资金。", st["body"]),
        P("（二）上级转移支付：指中央和省级财政按照有关政策下达的专项资金和补助资金。", st["body"]),
        P("（三）项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。", st["body"]),
        P("（四）“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。", st["body"]),
        Spacer(1, 18),
        P("青溪区教育局计划财务科", st["note"]),
        P("2025年1月20日", st["note"]),
    ]
    _build_pdf(DOCS / "jiaoyuju_2025_yusuan_shuoming.pdf", title, story)


# ------------------------------------------------------------ 4. 值班通知 HTML
LEADER_PHONE = {"王建国": "661201", "陈晓燕": "661202", "刘志远": "661203", "张慧敏": "661205"}
DUTY = [
    ("10月1日", "王建国", "李明、赵婷", "国庆节"),
    ("10月2日", "陈晓燕", "周强、孙丽", ""),
    ("10月3日", "刘志远", "吴涛、郑雪", ""),
    ("10月4日", "王建国", "何军、冯佳", ""),
    ("10月5日", "张慧敏", "徐磊、朱琳", ""),
    ("10月6日", "陈晓燕", "马超、胡静", "中秋节"),
    ("10月7日", "刘志远", "林峰、高洁", ""),
    ("10月8日", "张慧敏", "郭亮、罗敏", ""),
]
WEEKDAYS = "一二三四五六日"


def make_duty_html() -> None:
    title = "关于做好2025年国庆节、中秋节假期值班工作的通知"
    rows = []
    for day, leader, staff, note in DUTY:
        d = int(day.removeprefix("10月").removesuffix("日"))
        week = "星期" + WEEKDAYS[dt.date(2025, 10, d).weekday()]
        cells = [day, week, leader, staff, LEADER_PHONE[leader], note]
        rows.append("      <tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font-family: "FangSong", serif; max-width: 820px; margin: 2em auto; line-height: 1.8; }}
  h1 {{ text-align: center; font-size: 22px; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ border: 1px solid #333; padding: 4px 8px; text-align: center; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>局机关各科室，局属各单位：</p>
<p>根据区政府办公室关于做好节假日期间有关工作的要求，为确保国庆节、中秋节假期全区教育系统安全稳定，现将局机关假期值班工作有关事项通知如下。</p>
<h2>一、值班时间</h2>
<p>2025年10月1日至10月8日，每天8:30至次日8:30，实行24小时值班。</p>
<h2>二、值班要求</h2>
<p>（一）值班人员要严格遵守值班纪律，不得擅自离岗，确需调班的，须经带班领导同意并报局办公室备案。</p>
<p>（二）带班领导要保持通讯畅通，遇有突发事件须在30分钟内赶到现场处置，并按规定及时向区政府总值班室报告。</p>
<p>（三）值班人员要认真填写值班记录，做好交接班工作，重要情况随时报告带班领导。</p>
<p>（四）值班地点为局机关行政楼一楼值班室，值班室电话661200。</p>
<h2>三、值班安排</h2>
<table>
  <caption>2025年国庆节、中秋节假期局机关值班安排表</caption>
  <thead>
    <tr><th>日期</th><th>星期</th><th>带班领导</th><th>值班人员</th><th>带班领导电话（短号）</th><th>备注</th></tr>
  </thead>
  <tbody>
{chr(10).join(rows)}
  </tbody>
</table>
<p>各局属单位参照本通知安排本单位假期值班，并于9月26日前将值班表报局办公室。</p>
<p style="text-align:right">青溪区教育局办公室<br>2025年9月22日</p>
</body>
</html>
"""
    (DOCS / "guoqing_zhongqiu_zhiban_tongzhi.html").write_text(html, encoding="utf-8")


# ------------------------------------------------------------ 5. 培训通知 PDF
TRAINING = [
    ("8月18日", "上午", "开班仪式及教育政策法规解读", "孙卫东", "区教师发展中心报告厅"),
    ("8月18日", "下午", "师德师风与教师职业行为规范", "林秀英", "区教师发展中心报告厅"),
    ("8月19日", "上午", "新课程标准解读与教学设计", "黄志刚", "区教师发展中心报告厅"),
    ("8月19日", "下午", "课堂管理与班级组织", "何雅琴", "青溪区实验小学"),
    ("8月20日", "上午", "班主任工作实务", "潘国华", "青溪区实验小学"),
    ("8月20日", "下午", "学生心理健康与危机干预", "曹静怡", "青溪区实验小学"),
    ("8月21日", "全天", "学科名师示范课观摩与研讨", "韩立", "各学段基地学校"),
    ("8月22日", "上午", "信息技术与课堂教学融合", "彭宇", "区教育信息中心机房"),
    ("8月22日", "下午", "校园安全与应急处置", "田建军", "区教师发展中心报告厅"),
    ("8月23日", "上午", "结业考核", "考核组", "区教师发展中心报告厅"),
]


def make_training_pdf() -> None:
    title = "关于举办2025年新任教师岗前培训的通知"
    st = _pdf_styles()
    P = Paragraph
    story = [
        P(title, st["title"]),
        P("各中小学校、幼儿园：", st["note"]),
        P("为帮助新任教师尽快熟悉教育政策法规、掌握教育教学基本技能、适应教师岗位要求，区教育局决定举办2025年新任教师岗前培训。"
          "现将有关事项通知如下。", st["body"]),
        P("一、培训对象", st["h"]),
        P("2025年新招聘入职的全区中小学、幼儿园教师，共186人。", st["body"]),
        P("二、培训时间", st["h"]),
        P("2025年8月18日至8月23日。上午8:30—11:30，下午14:00—17:00。", st["body"]),
        P("三、培训内容", st["h"]),
        P("培训围绕师德修养、课程教学、班级管理、心理健康、信息技术和校园安全等方面安排专题讲座、示范观摩和结业考核，"
          "具体安排见附件。", st["body"]),
        P("四、培训要求", st["h"]),
        P("（一）学员须全程参加培训，不得无故缺席、迟到或早退；确需请假的，须经所在学校同意后报区教师发展中心备案。",
          st["body"]),
        P("（二）培训结束后进行结业考核，考核合格者颁发培训合格证书，并按规定计入继续教育学时；考核不合格者须参加下一期培训。",
          st["body"]),
        P("（三）培训期间午餐由区教师发展中心统一安排，交通自理。各学校要为新任教师参加培训提供便利。", st["body"]),
        P("五、联系方式", st["h"]),
        P("区教师发展中心培训部，联系人：严老师，电话：662318。", st["body"]),
        Spacer(1, 12),
        P("附件：2025年新任教师岗前培训日程安排表", st["note"]),
        Spacer(1, 12),
        P("青溪区教育局", st["note"]),
        P("2025年8月8日", st["note"]),
        PageBreak(),
        P("附件", st["h"]),
        P("2025年新任教师岗前培训日程安排表", st["caption"]),
        _grid_table(
            [["日期", "时段", "培训内容", "主讲人", "地点"]] + [list(r) for r in TRAINING],
            widths=[20 * mm, 14 * mm, 60 * mm, 20 * mm, 46 * mm],
        ),
        Spacer(1, 6),
        P("注：8月21日示范课观摩按学段分组进行，具体分组名单于8月20日在培训现场公布。", st["note"]),
    ]
    _build_pdf(DOCS / "xinren_jiaoshi_peixun_tongzhi.pdf", title, story)


# ------------------------------------------------------------ 6. 项目清单 HTML
REPAIRS = [
    ("青溪区实验小学", "教学楼屋面防水维修", "86.00", "2025年7月10日", "2025年8月25日"),
    ("青溪区第一实验中学", "塑胶跑道及运动场改造", "312.00", "2025年7月5日", "2025年8月28日"),
    ("城南小学", "厕所改造提升", "64.50", "2025年7月15日", "2025年8月20日"),
    ("青溪区第二中学", "学生宿舍楼加固改造", "458.00", "2025年6月25日", "2025年11月30日"),
    ("白沙镇中心小学", "食堂改扩建", "236.00", "2025年7月1日", "2025年10月31日"),
    ("柳塘乡中学", "教学楼外墙及门窗更换", "178.50", "2025年7月8日", "2025年8月30日"),
    ("青溪区第三小学", "消防设施改造", "92.00", "2025年7月20日", "2025年8月25日"),
    ("城北幼儿园", "户外活动场地改造", "55.00", "2025年7月12日", "2025年8月15日"),
    ("白沙镇中学", "围墙及校门改造", "73.00", "2025年7月15日", "2025年8月31日"),
    ("青溪区特殊教育学校", "无障碍设施改造", "48.00", "2025年7月10日", "2025年8月20日"),
    ("龙湾小学", "教室照明改造", "39.00", "2025年7月18日", "2025年8月22日"),
    ("柳塘乡中心小学", "供水管网及配电改造", "208.00", "2025年7月6日", "2025年9月15日"),
]


def make_repairs_html() -> None:
    title = "青溪区教育局关于2025年中小学校舍维修改造项目安排的公示"
    total = _total([r[2] for r in REPAIRS])
    rows = [
        "      <tr>" + "".join(f"<td>{c}</td>" for c in [str(i), *r]) + "</tr>"
        for i, r in enumerate(REPAIRS, start=1)
    ]
    rows.append(f'      <tr><td colspan="3">合计</td><td>{total}</td><td></td><td></td></tr>')
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font-family: "SimSun", serif; max-width: 900px; margin: 2em auto; line-height: 1.8; }}
  h1 {{ text-align: center; font-size: 22px; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ border: 1px solid #333; padding: 4px 6px; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>根据区教育局2025年部门预算安排，今年全区共安排中小学校舍维修改造项目{len(REPAIRS)}个，总投资{total}万元，资金全部由区级财政保障。
为方便社会监督，现将项目安排情况公示如下。</p>
<p>项目主要利用暑假时间施工，原则上须在秋季开学前完工；工期跨越开学的项目，施工区域必须与教学区域实行硬隔离，确保师生安全。
各项目学校是项目实施的责任主体，校长为第一责任人，要落实专人负责现场管理，严把工程质量和安全关。</p>
<table>
  <caption>2025年中小学校舍维修改造项目清单</caption>
  <thead>
    <tr><th>序号</th><th>学校名称</th><th>项目名称</th><th>投资金额（万元）</th><th>计划开工时间</th><th>计划完工时间</th></tr>
  </thead>
  <tbody>
{chr(10).join(rows)}
  </tbody>
</table>
<p>公示期为2025年6月16日至6月20日。对公示内容如有异议，请在公示期内向区教育局计划财务科反映，电话661230。</p>
<p style="text-align:right">青溪区教育局<br>2025年6月16日</p>
</body>
</html>
"""
    (DOCS / "xiaoshe_weixiu_xiangmu_gongshi.html").write_text(html, encoding="utf-8")


# ------------------------------------ 7. 安全考核细则 DOCX, vertically merged first column
SAFETY = [
    ("组织管理", [
        ("成立校园安全工作领导小组，明确分管领导和专职安全管理人员", "5",
         "未成立领导小组的扣5分；未明确专职安全管理人员的扣2分"),
        ("建立健全安全管理制度并逐级签订安全责任书", "5", "制度缺一项扣1分；未签订责任书的扣3分"),
        ("安全工作纳入学校年度工作计划和教职工考核", "4", "未纳入年度计划扣2分；未纳入教职工考核扣2分"),
        ("按规定配备专职保安，每校不少于2名", "4", "每少1名扣2分"),
    ]),
    ("安全教育", [
        ("每学期开展安全教育课不少于8课时", "6", "每少1课时扣1分，扣完为止"),
        ("每学期组织应急疏散演练不少于2次", "8", "每少1次扣4分；演练无记录的扣2分"),
        ("开展防溺水、交通安全专题教育并做好家校告知", "6", "未开展专题教育扣4分；未发放告知书扣2分"),
        ("教职工每年参加安全培训不少于1次", "4", "未组织培训扣4分"),
    ]),
    ("设施设备", [
        ("消防设施器材配备齐全并定期检测", "10", "灭火器过期或失效的每具扣1分；消防通道堵塞的扣5分"),
        ("校园视频监控全覆盖且图像保存不少于30天", "8", "重点部位未覆盖的每处扣2分；保存不足30天扣3分"),
        ("校门口设置防冲撞设施并落实“护学岗”", "6", "未设置防冲撞设施扣4分；护学岗未落实扣2分"),
    ]),
    ("食品卫生", [
        ("食堂取得食品经营许可证并落实陪餐制度", "10", "无证经营的本项不得分；陪餐记录不全的扣3分"),
        ("食品留样每餐每样不少于125克并保存48小时", "6", "留样不规范的每次扣1分"),
    ]),
    ("隐患排查", [
        ("每月开展一次安全隐患排查并建立台账", "8", "每少1次扣2分；台账不全扣2分"),
        ("发现隐患及时整改，重大隐患限期销号", "10", "重大隐患逾期未整改的扣10分"),
    ]),
]


def make_safety_docx() -> None:
    title = "青溪区2025年度中小学校园安全工作考核细则"
    doc = _new_docx(title)
    for text, bold in [
        ("为压实学校安全管理主体责任，推动校园安全各项制度落地见效，根据上级有关校园安全工作的要求，结合我区实际，"
         "制定本细则。", False),
        ("一、考核对象", True),
        ("全区公办中小学、幼儿园。民办学校参照本细则执行。", False),
        ("二、考核方式", True),
        ("考核采取学校自评与实地核查相结合的方式，每年12月组织一次。学校于11月底前完成自评并上报自评报告，"
         "区教育局组织考核组采取查阅资料、现场查看、随机访谈等方式进行核查。", False),
        ("考核满分为100分，由考核项目、考核内容、分值和评分标准四部分构成，各项扣分以该项分值为限。", False),
        ("三、评分细则", True),
        ("表：青溪区2025年度中小学校园安全工作考核评分表", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], ["考核项目", "考核内容", "分值", "评分标准"])
    for group, rows in SAFETY:
        first = len(table.rows)
        for content, score, rule in rows:
            _fill_row(table.add_row(), ["", content, score, rule])
        # 考核项目 spans its rows: python-docx vertical merge, text set once on the merged cell.
        table.cell(first, 0).merge(table.cell(len(table.rows) - 1, 0)).text = group
    total_row = table.add_row()
    total_row.cells[0].merge(total_row.cells[1]).text = "合计"
    total_row.cells[2].text = str(sum(int(r[1]) for _, rows in SAFETY for r in rows))
    total_row.cells[3].text = "—"
    for text, bold in [
        ("四、结果运用", True),
        ("考核结果分为优秀（90分及以上）、良好（75—89分）、合格（60—74分）和不合格（60分以下）四个等次。"
         "考核结果纳入学校年度综合考核，并作为校长考核和评优评先的重要依据。", False),
        ("五、一票否决", True),
        ("考核年度内发生重大安全责任事故，或者瞒报、谎报安全事故的学校，年度考核直接认定为不合格。", False),
        ("本细则由区教育局安全稳定科负责解释，自印发之日起施行。", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "xiaoyuan_anquan_kaohe_xize.docx")


# ------------------------------- 8. 期中考试安排 HTML, rowspan dates and a two-row header
EXAM_DAYS = [
    ("11月5日（星期三）", [
        ("8:00—10:00", "语文", "语文", "语文"),
        ("10:30—12:30", "数学", "数学", "数学"),
        ("14:30—16:00", "生物", "物理", "物理"),
    ]),
    ("11月6日（星期四）", [
        ("8:00—9:40", "英语", "英语", "英语"),
        ("10:10—11:10", "地理", "地理", "化学"),
        ("14:30—15:30", "历史", "历史", "历史"),
    ]),
    ("11月7日（星期五）", [
        ("8:00—9:00", "道德与法治", "道德与法治", "道德与法治"),
        ("9:30—10:30", "—", "生物", "—"),
    ]),
]


def make_exam_html() -> None:
    title = "青溪区第二中学关于2025—2026学年第一学期期中考试安排的通知"
    rows = []
    for day, slots in EXAM_DAYS:
        for i, slot in enumerate(slots):
            day_cell = f'<td rowspan="{len(slots)}">{day}</td>' if i == 0 else ""
            rows.append("      <tr>" + day_cell + "".join(f"<td>{c}</td>" for c in slot) + "</tr>")
    html = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
  body {{ font-family: "SimSun", serif; max-width: 820px; margin: 2em auto; line-height: 1.8; }}
  h1 {{ text-align: center; font-size: 22px; }}
  table {{ border-collapse: collapse; width: 100%; }}
  th, td {{ border: 1px solid #333; padding: 4px 8px; text-align: center; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>各年级组、各处室：</p>
<p>根据学校本学期教学工作安排，经校长办公会研究，定于11月5日至7日举行期中考试。现将有关事项通知如下。</p>
<h2>一、考试范围</h2>
<p>各学科考试范围为开学至第九周所授内容，由各备课组长统一确定，并于10月24日前报教务处。</p>
<h2>二、考试日程</h2>
<table>
  <caption>2025—2026学年第一学期期中考试日程表</caption>
  <thead>
    <tr><th rowspan="2">日期</th><th rowspan="2">时间</th><th colspan="3">考试科目</th></tr>
    <tr><th>七年级</th><th>八年级</th><th>九年级</th></tr>
  </thead>
  <tbody>
{chr(10).join(rows)}
  </tbody>
</table>
<p>注：表中“—”表示该年级该时段不安排考试，学生在本班教室自习。</p>
<h2>三、考务要求</h2>
<p>（一）各科试卷由备课组长组织命题，命题教师须于10月31日前将试卷电子稿交教务处，由教务处统一印制、密封保管。</p>
<p>（二）学生须提前10分钟进入考场，开考15分钟后不得入场，考试结束前30分钟方可交卷。</p>
<p>（三）考试期间各班班主任要加强学生安全管理，考试结束后学生按年级分批有序离校。</p>
<h2>四、阅卷与质量分析</h2>
<p>实行集中流水阅卷，11月10日前完成阅卷和成绩录入；11月12日下午召开期中教学质量分析会，各备课组要认真做好试卷分析。</p>
<p style="text-align:right">青溪区第二中学教务处<br>2025年10月20日</p>
</body>
</html>
"""
    (DOCS / "erzhong_qizhong_kaoshi_anpai.html").write_text(html, encoding="utf-8")


# ------------------------- 9. 考务人员分工 PDF, table runs over a page break, header repeated
STAFF = [
    ("周明华", "区教育局", "考务领导小组组长", "全面负责中考考务工作", "661101"),
    ("沈立群", "区教育局", "考务领导小组副组长", "协助组长，分管考点巡查", "661106"),
    ("宋佳", "区招生考试中心", "考务办公室主任", "考务组织与协调", "661310"),
    ("梁文博", "区招生考试中心", "试卷保管员", "试卷接收、保管与分发", "661312"),
    ("韦晓东", "区招生考试中心", "试卷保管员", "答题卡回收与移交", "661313"),
    ("钟丽", "区教育局办公室", "联络员", "信息报送与新闻应对", "661108"),
    ("谭志勇", "区教育局安全稳定科", "安全保卫组组长", "考点安保与交通疏导", "661125"),
    ("邓伟", "区公安分局", "安全保卫组副组长", "考点周边治安管理", "665130"),
    ("蒋红梅", "区卫生健康局", "医疗保障组组长", "考点医疗救护", "664210"),
    ("任芳", "区卫生健康局", "医疗保障组成员", "考点防疫与食品安全", "664212"),
    ("袁晓明", "区教育信息中心", "技术保障组组长", "视频监控与信号屏蔽", "661160"),
    ("卢俊", "区教育信息中心", "技术保障组成员", "考场监控巡查", "661162"),
    ("魏东升", "区教育局计划财务科", "后勤保障组组长", "考务经费与物资保障", "661120"),
    ("姚琳", "区教育局计划财务科", "后勤保障组成员", "考务用品采购与发放", "661122"),
    ("孔德", "区教育局办公室", "车辆调度", "试卷押运车辆保障", "661109"),
    ("曾凡", "区招生考试中心", "考务员", "考生报名信息核对", "661316"),
    ("许文静", "青溪区第一实验中学", "考点主考", "第一实验中学考点全面工作", "662101"),
    ("程浩", "青溪区第一实验中学", "考点副主考", "考场编排与监考调配", "662102"),
    ("萧雨", "青溪区第一实验中学", "考务员", "考生身份核验", "662108"),
    ("陆海涛", "青溪区第二中学", "考点主考", "第二中学考点全面工作", "662201"),
    ("汪晴", "青溪区第二中学", "考点副主考", "考场编排与监考调配", "662202"),
    ("田野", "青溪区第二中学", "考务员", "考生身份核验", "662206"),
    ("秦国栋", "白沙镇中学", "考点主考", "白沙镇中学考点全面工作", "663301"),
    ("贺敏", "白沙镇中学", "考点副主考", "考场编排与监考调配", "663302"),
    ("严冬", "白沙镇中学", "考务员", "考生身份核验", "663305"),
    ("龚丽娟", "区招生考试中心", "巡视员", "第一实验中学考点巡视", "661315"),
    ("苏强", "区教育局督导室", "巡视员", "第二中学考点巡视", "661140"),
    ("范雪", "区教育局基础教育科", "巡视员", "白沙镇中学考点巡视", "661131"),
]


def make_staff_pdf() -> None:
    title = "关于印发青溪区2025年中考考务工作人员分工名单的通知"
    st = _pdf_styles()
    P = Paragraph
    story = [
        P(title, st["title"]),
        P("各有关单位、各考点学校：", st["note"]),
        P("2025年青溪区初中学业水平考试（以下简称中考）定于6月20日至22日举行。全区共设青溪区第一实验中学、青溪区第二中学、"
          "白沙镇中学3个考点，报考考生3,412人。为确保考试安全、规范、公平，经研究，现将考务工作人员分工名单印发给你们，"
          "请各单位通知相关人员按要求到岗履职。", st["body"]),
        P("一、工作职责", st["h"]),
        P("考务领导小组统筹全区中考考务工作；考务办公室设在区招生考试中心，负责日常组织协调；各考点主考对本考点考务工作负总责。"
          "安全保卫、医疗保障、技术保障、后勤保障各组按分工做好保障工作。", st["body"]),
        P("二、工作要求", st["h"]),
        P("（一）全体考务工作人员须于6月18日前参加区招生考试中心组织的考务培训，并签订保密承诺书。", st["body"]),
        P("（二）考试期间考务工作人员须佩戴工作证件，手机等通讯工具统一存放，不得带入考场。", st["body"]),
        P("（三）考务工作人员因特殊情况不能到岗的，须提前报告考务办公室，由考务办公室统一调配替补人员。", st["body"]),
        Spacer(1, 6),
        P("附件：2025年中考考务工作人员分工名单", st["caption"]),
        _grid_table(
            [["序号", "姓名", "工作单位", "考务职务", "工作分工", "联系电话"]]
            + [[str(i), *row] for i, row in enumerate(STAFF, start=1)],
            widths=[11 * mm, 17 * mm, 36 * mm, 32 * mm, 47 * mm, 20 * mm],
        ),
        Spacer(1, 6),
        P("注：联系电话均为区教育系统内部短号。名单如有调整，由考务办公室另行通知。", st["note"]),
        P("考试结束后，各考点学校须于6月25日前将考务工作总结报区招生考试中心。", st["body"]),
        Spacer(1, 12),
        P("青溪区教育局", st["note"]),
        P("2025年6月5日", st["note"]),
    ]
    _build_pdf(DOCS / "zhongkao_kaowu_renyuan_fengong.pdf", title, story)


# ------------------------------------- 10. 招生计划 DOCX, 备注 column with blank cells
ENROL = [
    ("青溪区实验小学", "8", "360", "文昌街道北片、城东社区", ""),
    ("青溪区第三小学", "6", "270", "城西社区、锦华社区", ""),
    ("城南小学", "5", "225", "城南街道", "比上年增加1个班"),
    ("城北小学", "4", "180", "城北街道（含新建小区）", "2025年新开办学校"),
    ("龙湾小学", "3", "135", "龙湾社区、江滨社区", ""),
    ("白沙镇中心小学", "4", "180", "白沙镇全镇", "提供寄宿"),
    ("柳塘乡中心小学", "2", "90", "柳塘乡全乡", "提供寄宿"),
    ("青溪区特殊教育学校", "1", "12", "全区", "须经区残疾人教育专家委员会评估"),
    ("文昌小学", "6", "270", "文昌街道南片", ""),
    ("锦华小学", "4", "180", "东湖社区、锦华新村", ""),
    ("石桥镇小学", "2", "70", "石桥镇全镇", "每班不超过35人"),
    ("东湖小学", "3", "135", "东湖社区、湖滨花园", ""),
]


def make_enrol_docx() -> None:
    title = "关于做好2025年秋季小学一年级招生工作的通知"
    doc = _new_docx(title)
    for text, bold in [
        ("各小学：", False),
        ("为规范义务教育招生入学秩序，保障适龄儿童平等接受义务教育的权利，现就我区2025年秋季小学一年级招生工作通知如下。",
         False),
        ("一、招生对象", True),
        ("2019年9月1日至2020年8月31日出生、具有本区户籍或父母在本区稳定就业并居住的适龄儿童。", False),
        ("二、招生原则", True),
        ("坚持免试就近入学。各公办小学按照划定的招生范围招生，不得跨范围招生，不得以任何形式的考试、测试作为入学依据。"
         "随迁子女按照“积分入学”办法统筹安排。", False),
        ("三、时间安排", True),
        ("网上报名时间为7月1日至7月7日，资料审核时间为7月8日至7月15日，录取结果于7月25日前通知家长。", False),
        ("四、招生计划", True),
        ("各学校2025年一年级招生计划见下表。每班人数原则上不超过45人。", False),
        ("表：青溪区2025年小学一年级招生计划表", True),
    ]:
        _para(doc, text, bold)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fill_row(table.rows[0], ["序号", "学校名称", "计划班数", "计划招生人数", "招生范围", "备注"])
    for i, row in enumerate(ENROL, start=1):
        _fill_row(table.add_row(), [str(i), *row])
    total_row = table.add_row()
    total_row.cells[0].merge(total_row.cells[1]).text = "合计"
    total_row.cells[2].text = str(sum(int(r[1]) for r in ENROL))
    total_row.cells[3].text = str(sum(int(r[2]) for r in ENROL))
    for text, bold in [
        ("五、工作要求", True),
        ("各学校要严格执行招生计划，不得擅自增加班数和班额；确需调整的，须报区教育局基础教育科审核同意。"
         "招生结束后，各学校须于8月10日前将新生名册报区教育局基础教育科。", False),
        ("青溪区教育局", False),
        ("2025年6月10日", False),
    ]:
        _para(doc, text, bold)
    _save_docx(doc, DOCS / "xiaoxue_yinianji_zhaosheng.docx")


def main() -> None:
    DOCS.mkdir(exist_ok=True)
    make_plan_docx()
    make_school_docx()
    make_budget_pdf()
    make_duty_html()
    make_training_pdf()
    make_repairs_html()
    make_safety_docx()
    make_exam_html()
    make_staff_pdf()
    make_enrol_docx()
    for path in sorted(DOCS.iterdir()):
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
