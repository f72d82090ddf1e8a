"""Generate the loader fixtures in tests/data/ (deterministic; the outputs are committed).

Run: ``.venv/bin/python tests/data/make_fixtures.py``. Needs reportlab, pypdf, python-docx, Pillow;
the scanned page uses a CJK font from ``fc-list :lang=zh`` when one is installed
(``fonts-wqy-microhei``), otherwise it draws Latin text, which still makes a page without a text layer.
"""

from __future__ import annotations

import io
import json
import random
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_ZIP_TIME = (2024, 1, 1, 0, 0, 0)

# --------------------------------------------------------------------------- text files

GBK_NOTICE = """关于加强校园安全管理工作的通知

各中小学校、幼儿园：

为进一步做好校园安全管理工作，切实保障师生生命财产安全，现就有关事项通知如下。

一、提高思想认识
（一）压实主体责任。各校校长是校园安全第一责任人，要建立健全安全工作责任制，明确分管领导和具体责任人。
（二）加强隐患排查。每月至少开展一次全面安全检查，对发现的问题建立台账，限期整改到位。

二、强化日常管理
（一）严格门卫制度。外来人员进校须登记核实，未经允许不得进入教学区。
（二）做好应急演练。每学期组织不少于两次疏散演练，确保师生熟悉逃生路线。

三、工作要求
请各校于3月31日前将自查报告报送区教育局安全科，联系人：王喆，电话：010-12345678。

区教育局办公室
2024年3月1日
"""

UTF16_PLAN = """教师培训工作实施方案

为提升教师专业素养，根据上级文件精神，制定本方案。

一、培训对象
全区中小学在职教师，重点是入职三年以内的青年教师。

二、培训内容
（一）师德师风教育。
（二）课堂教学能力提升。

三、考核方式
培训结束后进行考核，考核结果记入教师继续教育档案。
"""

MIXED_UTF8_PART = "第一部分用UTF-8编码保存。\n这里记录会议的基本情况。\n"
MIXED_GBK_PART = "第二部分用GBK编码保存。\n这里记录会议的主要决定。\n"


def write_text_files() -> None:
    """gbk.txt (Windows line endings), utf16.txt (BOM), mixed.txt, empty.txt."""
    (HERE / "gbk.txt").write_bytes(GBK_NOTICE.replace("\n", "\r\n").encode("gbk"))
    (HERE / "utf16.txt").write_bytes(UTF16_PLAN.replace("\n", "\r\n").encode("utf-16"))
    (HERE / "mixed.txt").write_bytes(MIXED_UTF8_PART.encode("utf-8") + MIXED_GBK_PART.encode("gbk"))
    (HERE / "empty.txt").write_bytes(b"")


# --------------------------------------------------------------------------- PDF

REPORT_TITLE = "2023年度教育工作总结报告"
# Each page: (kind, text) where kind is "title", "heading" or "body". Body paragraphs are long enough
# to wrap, so the loader has to join the wrapped lines back into one line per paragraph.
REPORT_PAGES: list[list[tuple[str, str]]] = [
    [
        ("title", REPORT_TITLE),
        ("heading", "一、主要工作成效"),
        (
            "body",
            "2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，"
            "围绕年度目标任务扎实推进各项工作，教育事业发展取得了明显成效。",
        ),
        ("heading", "（一）办学条件持续改善"),
        (
            "body",
            "全年新建学校3所、改扩建学校5所，新增学位4500个，有效缓解了城区学校大班额问题；"
            "完成农村学校食堂改造12个，师生就餐条件明显改善。",
        ),
    ],
    [
        ("heading", "二、存在的主要问题"),
        (
            "body",
            "一是城乡教育资源配置仍不均衡，部分农村学校音体美教师短缺；二是教师队伍结构性矛盾突出，"
            "青年教师专业成长支持体系还不够健全；三是学校安全管理基础仍需加强。",
        ),
        ("heading", "（一）师资配置不均衡"),
        (
            "body",
            "农村学校专任教师平均年龄偏大，英语、信息技术等学科教师缺口较大，"
            "部分学校仍存在一名教师同时承担多个学科教学任务的情况。",
        ),
    ],
    [
        ("heading", "三、下一步工作打算"),
        (
            "body",
            "坚持问题导向，统筹推进城乡教育一体化发展，加大农村教师补充力度，"
            "完善青年教师培养机制，持续开展校园安全隐患排查整治，推动全区教育高质量发展。",
        ),
        ("heading", "（一）优化教师资源配置"),
        (
            "body",
            "通过公开招聘、县管校聘和交流轮岗等方式补充农村学校紧缺学科教师，"
            "确保2024年底前农村学校学科教师配备基本到位。",
        ),
    ],
]


def _register_cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def write_report_pdf() -> bytes:
    """A 3-page PDF with a CJK text layer; writes report.pdf and report.json (expected lines per page)."""
    from reportlab import rl_config
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    rl_config.invariant = 1  # fixed dates and document id: the output is byte-identical on every run
    font = _register_cjk_font()
    styles = {
        "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=30, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", fontName=font, fontSize=14, leading=26),
        "body": ParagraphStyle(
            "body", fontName=font, fontSize=12, leading=22, wordWrap="CJK", firstLineIndent=24
        ),
    }
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=REPORT_TITLE, author="某区教育局")
    story: list = []
    for number, page in enumerate(REPORT_PAGES):
        if number:
            story.append(PageBreak())
        story.extend(Paragraph(text, styles[kind]) for kind, text in page)
    doc.build(story)
    data = buf.getvalue()
    (HERE / "report.pdf").write_bytes(data)
    expected = {
        "title": REPORT_TITLE,
        "pages": [{"number": i + 1, "lines": [text for _, text in page]} for i, page in enumerate(REPORT_PAGES)],
    }
    (HERE / "report.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return data


def write_bad_pdfs(report: bytes) -> None:
    """junk.pdf (random bytes), truncated.pdf (first half of report.pdf), encrypted.pdf (password)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    (HERE / "junk.pdf").write_bytes(random.Random(20240301).randbytes(4096))
    (HERE / "truncated.pdf").write_bytes(report[: len(report) // 2])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(report)))
    # A fixed file id keeps the RC4 key, and so the bytes, the same on every run (pypdf draws the
    # second id at random). RC4 needs no `cryptography` package to read back, which the project
    # does not depend on.
    file_id = ArrayObject([ByteStringObject(b"govdoc-fixture-1"), ByteStringObject(b"govdoc-fixture-1")])
    writer._ID = file_id
    writer.encrypt(user_password="secret", owner_password="owner-secret", algorithm="RC4-128")
    writer._ID = file_id
    out = io.BytesIO()
    writer.write(out)
    (HERE / "encrypted.pdf").write_bytes(out.getvalue())


def _cjk_font_path() -> str | None:
    try:
        listed = subprocess.run(
            ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, check=False
        ).stdout
    except FileNotFoundError:
        return None
    paths = sorted(line.split(":")[0].strip() for line in listed.splitlines() if line.strip())
    return paths[0] if paths else None


SCANNED_LINES = ["关于开展校园安全检查的通知", "各学校：", "请于本月底前完成自查工作。"]
SCANNED_LINES_LATIN = ["SCANNED NOTICE 2024 No. 12", "Schools: finish the safety check", "before the end of this month."]


def write_scanned() -> None:
    """scanned.png and scanned.pdf: a page that is only an image of text (no text layer)."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    rl_config.invariant = 1
    font_path = _cjk_font_path()
    if font_path:
        font = ImageFont.truetype(font_path, 40)
        lines = SCANNED_LINES
    else:
        font = ImageFont.truetype("DejaVuSans.ttf", 36) if _has_dejavu() else ImageFont.load_default()
        lines = SCANNED_LINES_LATIN
    image = Image.new("L", (1240, 700), color=255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((100, 100 + i * 90), line, fill=0, font=font)
    image = image.point(lambda v: 255 if v > 140 else 0)  # black on white, like a scan: small PNG
    png = io.BytesIO()
    image.save(png, format="PNG", optimize=True)
    (HERE / "scanned.png").write_bytes(png.getvalue())
    (HERE / "scanned.json").write_text(
        json.dumps({"lines": lines}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    width, height = A4
    c.drawImage(ImageReader(io.BytesIO(png.getvalue())), 0, height - width * 700 / 1240, width, width * 700 / 1240)
    c.showPage()
    c.save()
    (HERE / "scanned.pdf").write_bytes(buf.getvalue())


def _has_dejavu() -> bool:
    from PIL import ImageFont

    try:
        ImageFont.truetype("DejaVuSans.ttf", 12)
    except OSError:
        return False
    return True


# --------------------------------------------------------------------------- DOCX


def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed member timestamps so that the bytes do not depend on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


DOCX_TITLE = "关于开展2024年教师培训工作的通知"
DOCX_TABLE = [["培训项目", "负责科室", "完成时限"], ["新教师入职培训", "人事科", "2024年8月底"]]


def write_docx() -> None:
    """notice.docx: Title, Heading 1/2, body paragraphs, a 2x3 table between paragraphs; fake.docx."""
    import docx

    document = docx.Document()
    fixed = datetime(2024, 1, 1, tzinfo=UTC)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.core_properties.author = "某区教育局"
    document.add_paragraph(DOCX_TITLE, style="Title")
    document.add_paragraph("各中小学校：")
    document.add_paragraph("为加强教师队伍建设，提升教师专业能力，经研究，决定开展2024年教师培训工作。")
    document.add_heading("一、工作目标", level=1)
    document.add_paragraph("通过系统培训，使新入职教师尽快熟悉教育教学常规，骨干教师进一步提升示范引领能力。")
    document.add_heading("（一）培训覆盖面", level=2)
    document.add_paragraph("全年培训教师不少于1200人次，实现在职教师全员轮训。")
    document.add_heading("二、任务分工", level=1)
    document.add_paragraph("具体分工见下表：")
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate(DOCX_TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.add_paragraph("各科室要按照分工抓好落实，确保培训工作按期完成。")
    document.add_heading("三、保障措施", level=1)
    document.add_paragraph("培训经费从教师继续教育专项经费中列支，专款专用。")
    buf = io.BytesIO()
    document.save(buf)
    (HERE / "notice.docx").write_bytes(_fixed_zip(buf.getvalue()))

    fake = io.BytesIO()
    with zipfile.ZipFile(fake, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("readme.txt", date_time=FIXED_ZIP_TIME), "这不是一个Word文档。\n")
    (HERE / "fake.docx").write_bytes(fake.getvalue())


# --------------------------------------------------------------------------- HTML

PAGE_HTML = """<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>关于做好2024年春季学期开学工作的通知_某区教育局</title>
<link rel="stylesheet" href="css/style.css">
<script type="text/javascript">
  var _hmt = _hmt || [];
  document.write("网站统计代码加载中");
</script>
<style>.nav li { float: left; } body { font-family: "宋体"; }</style>
</head>
<body>
<div class="top-header">
  <div class="logo"><img src="logo.png" alt="某区教育局"></div>
  <div class="search"><form action="/search"><input name="q" value="请输入关键词"><button>站内搜索</button></form></div>
</div>
<div id="nav" class="main-nav">
  <ul>
    <li><a href="/">首页</a></li>
    <li><a href="/jggk/">机构概况</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/bsfw/">办事服务</a></li>
    <li><a href="/hdjl/">互动交流</a></li>
  </ul>
</div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 通知公告</div>
<div class="container">
  <div class="sidebar">
    <h3>相关推荐</h3>
    <ul>
      <li><a href="/a/1.html">关于做好2023年秋季学期开学工作的通知</a></li>
      <li><a href="/a/2.html">区教育局召开安全工作专题会议</a></li>
      <li><a href="/a/3.html">2024年义务教育招生政策解读</a></li>
    </ul>
  </div>
  <article class="content">
    <h1>关于做好2024年春季学期开学工作的通知</h1>
    <div class="info">发布时间：2024-02-20　来源：区教育局办公室</div>
    <p>各中小学校、幼儿园：</p>
    <p>　　为确保2024年春季学期开学工作平稳有序，
       现将有关事项通知如下。</p>
    <h2>一、做好开学准备</h2>
    <p>　　各校要在开学前完成校舍安全检查，重点排查教室、宿舍、食堂等人员密集场所。<br>
    对排查出的隐患要立即整改，不能立即整改的要落实管控措施。</p>
    <h2>二、加强疫情和传染病防控</h2>
    <p>　　开学第一周要全面掌握师生健康状况，落实晨午检和因病缺勤追踪制度。</p>
    <h3>（一）物资储备</h3>
    <p>　　各校要储备必要的防控物资，确保满足两周以上的使用需求。</p>
    <p>附件：<a href="/files/checklist.doc">开学工作检查表</a></p>
    <div class="share-box">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
  </article>
</div>
<div class="footer">
  <p><a href="/lxwm/">联系我们</a> | <a href="/wzdt/">网站地图</a></p>
  <p>版权所有：某区教育局　备案号：京ICP备12345678号</p>
  <script>document.write("访问量统计");</script>
</div>
</body>
</html>
"""


def write_html() -> None:
    """page.html: a saved Chinese notice page, GB2312-declared and GBK-encoded, with site boilerplate."""
    (HERE / "page.html").write_bytes(PAGE_HTML.replace("\n", "\r\n").encode("gbk"))


def main() -> None:
    write_text_files()
    report = write_report_pdf()
    write_bad_pdfs(report)
    write_scanned()
    write_docx()
    write_html()
    for path in sorted(HERE.iterdir()):
        if path.suffix != ".py":
            print(f"{path.name:16} {path.stat().st_size:>8} bytes")


if __name__ == "__main__":
    main()
