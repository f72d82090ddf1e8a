"""Cleaning, document splitting and chunking on the bundled seed page, the laws and small made-up texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.chunk import chunk_document, index_text
from ingest.clean import clean_lines, is_metadata_line, is_site_prompt
from ingest.config import ChunkSettings
from ingest.load import load_file
from ingest.split import section_path, split_documents
from ingest.structure import sentence_spans
from ingest.types import LoadedFile, PageText

DATA = Path(__file__).resolve().parent.parent / "data"
ROOT = DATA.parent
FIXTURES = Path(__file__).resolve().parent / "data"
SEED = next(DATA.glob("*.txt"))
# Page chrome of the seed: none of these may survive cleaning (header, footer, teasers).
CHROME = ["下载本文", "会员上传", "简介", "word格式", "点此处下载", "声明", "举报", "相关范文推荐", "......", "邮件至"]


def load_text(path: Path, kind: str) -> LoadedFile:
    return LoadedFile(str(path), kind, (PageText(None, path.read_text(encoding="utf-8")),))


@pytest.fixture(scope="module")
def seed_docs():
    return split_documents(load_text(SEED, "txt"))


def test_seed_splits_into_two_reports_with_real_titles(seed_docs):
    titles = [d.title for d in seed_docs]
    assert len(seed_docs) == 2
    assert titles[0] == "第三中学党组织领导下的校长负责制试点工作汇报材料"
    assert titles[1].startswith("关于小学实行校长负责制") and titles[1].endswith("自查报告")
    assert seed_docs[0].text.startswith(titles[0])
    assert "自查" not in seed_docs[0].text  # the first report ends where the second begins


def test_seed_boilerplate_never_reaches_documents(seed_docs):
    for doc in seed_docs:
        for marker in CHROME:
            assert marker not in doc.text, marker
    assert seed_docs[1].text.rstrip().endswith("争创优质学校。")


def test_generic_page_chrome_is_stripped_but_body_kept():
    page = (
        "关于做好2023年暑期安全工作的通知\n2023-07-01 09:30 来源：某某区教育局 浏览次数：1024\n"
        "各学校：\n为切实做好暑期学生安全工作，现将有关事项通知如下。\n一、加强安全教育\n"
        "各校要在放假前开展一次安全教育，覆盖全体学生。\n"
        "上一篇：关于开展读书月活动的通知\n版权所有：某某区教育局 备案号：京ICP备000000号\n"
        "推荐阅读\n关于学校食堂管理的若干意见\n为进一步规范学校食堂管理，保障师生饮食安全，现提出如下意见……\n"
    )
    lines = [ln.text for ln in clean_lines((PageText(None, page),))]
    assert lines[0] == "关于做好2023年暑期安全工作的通知"
    assert "各校要在放假前开展一次安全教育，覆盖全体学生。" in lines
    joined = "\n".join(lines)
    for chrome in ("浏览次数", "上一篇", "版权所有", "推荐阅读", "食堂管理"):
        assert chrome not in joined


def test_body_lines_with_chrome_like_words_are_kept():
    text = "某办法\n第一条 省级部门应当在其网站上公布标准，供公众免费查阅、下载。\n第二条 侵权行为依法处理。\n"
    lines = [ln.text for ln in clean_lines((PageText(None, text),))]
    assert len(lines) == 3


def test_document_site_page_gives_the_text_of_the_regulation():
    """A regulation saved from a 文库-style site: metadata lines, teasers between its pages, pay and
    login prompts, a list of other documents; what is indexed is the text version, line for line."""
    (page,) = split_documents(load_file(FIXTURES / "wenku_page.html"))
    (text_version,) = split_documents(load_file(FIXTURES / "regulation.md"))
    assert page.title == "公共场所卫生管理条例"
    assert page.text == text_version.text
    assert page.headings == text_version.headings


@pytest.mark.parametrize(
    "line",
    [
        "分类：政务民生 | 上传人：hb_wk2021 | 上传时间：2023-05-12 | 浏览：1,286次 | 下载：37次 | 页数：3页 | 格式：DOCX",
        "4.6分 | 1.2万阅读 | 37人已下载 | 3页 | 大小：21.5KB",
        "贡献者：教育资料库｜文档格式：PDF｜文档页数：12页｜浏览量：3562",
        "住宿业卫生规范 8页 | 1.1万阅读",
        "上传时间：2023-05-12 | 文档格式：.docx | 文档页数：3页 | 文档大小：21.50KB",
        "1.2万阅读 · 37下载 · 3页",
        "浏览：1286 下载：37 页数：3页 格式：DOCX",
    ],
)
def test_document_site_metadata_lines(line):
    assert is_metadata_line(line)
    assert clean_lines((PageText(None, f"标题在此\n{line}\n第一条 正文。\n第二条 正文。"),))[1].text == "第一条 正文。"


@pytest.mark.parametrize(
    "line",
    [
        "班主任培训 | 8 | 德育处 | 2025年6月",  # a table row
        "合计 | 120 | 80 | 40",
        "项目名称：教师培训 | 预算：8万元 | 负责部门：德育处",  # a row of labelled values, nothing a site counts
        "第一阶段 | 3月 | 完成方案",
        "1000元以下的部分 40－100元",
        "联系人：王老师 联系电话：0571-12345678 邮箱：wang@example.cn",
        "卡尔·马克思",
        "第一阶段：3月 第二阶段：6月 第三阶段：9月",
    ],
)
def test_table_rows_are_not_metadata(line):
    assert not is_metadata_line(line) and not is_site_prompt(line)


@pytest.mark.parametrize(
    ("line", "prompt"),
    [
        ("展开全文", True),
        ("还剩5页未读，继续阅读", True),
        ("剩余 12 页未读", True),
        ("试读已结束，开通VIP会员后可阅读全文", True),
        ("下载本文档需要 5 积分，或￥2.00 直接购买", True),
        ("登录后可免费下载本文档，立即登录", True),
        ("第一条 省级部门应当在其网站上公布标准，供公众免费查阅、下载。", False),
        ("（三）免费提供下载服务", False),  # an item of a list, however it reads
        ("会员费用按年度缴纳。", False),
        ("展开调查和处理", False),
        ("登录后查看更多", True),
        ("点击展开全文", True),
    ],
)
def test_document_site_prompts(line, prompt):
    assert is_site_prompt(line) is prompt


def test_metadata_one_field_per_line_is_dropped_but_a_notices_own_fields_are_kept():
    page = (
        "关于报送优秀案例的通知\n上传人：教育资料库\n浏览：1286\n下载：37\n页数：3页\n"
        "各学校：\n请于10月底前报送材料。\n格式：PDF\n大小：不超过10MB\n页数：不超过5页\n联系人：王老师\n"
    )
    assert [ln.text for ln in clean_lines((PageText(None, page),))] == [
        "关于报送优秀案例的通知", "各学校：", "请于10月底前报送材料。", "格式：PDF", "大小：不超过10MB", "页数：不超过5页", "联系人：王老师",
    ]  # fmt: skip


def test_teasers_between_pages_are_dropped_and_the_pages_joined():
    text = "某某办法\n第一条 第一页的正文。\n还剩2页未读，继续阅读\n展开全文\n第二条 第二页的正文。\n"
    assert [ln.text for ln in clean_lines((PageText(None, text),))] == ["某某办法", "第一条 第一页的正文。", "第二条 第二页的正文。"]


def test_enumeration_points_become_section_paths(seed_docs):
    doc = seed_docs[0]
    pos = doc.text.index("凡涉及党的建设")
    path = section_path(doc, pos)
    assert path == ["四是健全完善议事决策机制"]


def test_law_sections_and_articles():
    law = split_documents(load_text(DATA / "教师法(2009-08-27).md", "md"))
    assert [d.title for d in law] == ["中华人民共和国教师法"]
    doc = law[0]
    pos = doc.text.index("每年九月十日为教师节")
    assert section_path(doc, pos) == ["第一章 总则", "第六条"]
    assert "<!--" not in doc.text and "#" not in doc.text


def test_a_chapter_heading_wrapped_onto_the_next_line_is_one_heading(tmp_path: Path):
    law = tmp_path / "示范管理条例.md"
    law.write_text(
        "# 示范管理条例\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本条例。\n\n"
        "## 第二章 校舍、设施、\n\n设备的建设和维护\n\n第二条 学校应当定期检查校舍。\n\n"
        "## 第三章 附则\n\n第三条 本条例自公布之日起施行。\n",
        encoding="utf-8",
    )
    doc = split_documents(load_text(law, "md"))[0]
    at = doc.text.index("学校应当定期检查校舍")
    assert section_path(doc, at) == ["第二章 校舍、设施、设备的建设和维护", "第二条"]
    # The heading's second line is no body text of the chapter, and no line is lost.
    assert section_path(doc, doc.text.index("设备的建设和维护")) == ["第二章 校舍、设施、设备的建设和维护"]
    assert "设备的建设和维护" in doc.text and "第三章 附则" in section_path(doc, doc.text.index("本条例自公布"))[0]


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_chunks_are_verbatim_sized_and_sentence_bounded(name):
    path = DATA / name
    docs = split_documents(load_text(path, "md" if path.suffix == ".md" else "txt"))
    settings = ChunkSettings()
    for doc in docs:
        chunks = chunk_document(doc, settings)
        assert chunks
        ends = {e for _, e in sentence_spans(doc.text)}
        for c in chunks:
            assert c.text == doc.text[c.start : c.end]
            assert c.end in ends  # never cut mid-sentence
            assert len(c.text) <= settings.max_chars or "\n" not in c.text
            assert c.doc_title == doc.title
        assert len({c.id for c in chunks}) == len(chunks)
        # Deterministic: a second run gives the same ids.
        assert [c.id for c in chunk_document(doc, settings)] == [c.id for c in chunks]


def test_most_chunks_carry_a_section_path():
    chunks = []
    for path in DATA.iterdir():
        for doc in split_documents(load_text(path, "md" if path.suffix == ".md" else "txt")):
            chunks += chunk_document(doc, ChunkSettings())
    with_section = [c for c in chunks if c.section]
    assert len(with_section) / len(chunks) >= 0.5
    sizes = sorted(len(c.text) for c in chunks)
    assert 200 <= sizes[len(sizes) // 2] <= 500


def test_enumerated_paragraph_splits_at_points_and_keeps_lead(seed_docs):
    chunks = chunk_document(seed_docs[0], ChunkSettings())
    point_chunks = [c for c in chunks if c.section.startswith(("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是"))]
    assert len(point_chunks) >= 8
    decision = next(c for c in chunks if "党政联席会议" in c.text)
    assert decision.text.startswith("四是健全完善议事决策机制")
    assert decision.section == "四是健全完善议事决策机制"
    assert "四是健全完善议事决策机制" in index_text(decision)


def test_long_points_keep_their_lead_phrase_in_every_piece():
    body = "。".join(f"第{i}项措施落实到位并取得明显成效，群众满意度不断提高" for i in range(40))
    text = f"某校工作总结\n一是加强组织领导。{body}。二是完善制度建设。制度已经健全。"
    doc = split_documents(LoadedFile("x.txt", "txt", (PageText(None, text),)))[0]
    chunks = chunk_document(doc, ChunkSettings())
    first_point = [c for c in chunks if c.section == "一是加强组织领导"]
    assert len(first_point) >= 3
    assert all(len(c.text) <= 500 for c in first_point)
    assert chunks[-1].section == "二是完善制度建设"


def test_page_numbers_follow_pages():
    pages = (
        PageText(1, "某校关于安全工作的报告\n一、基本情况\n学校共有三栋教学楼。"),
        PageText(2, "二、主要做法\n学校每月开展一次消防演练。"),
    )
    doc = split_documents(LoadedFile("r.pdf", "pdf", pages))[0]
    chunks = chunk_document(doc, ChunkSettings(min_chars=0, target_chars=50, max_chars=80))
    by_text = {c.text.split("\n")[0]: c for c in chunks}
    assert by_text["二、主要做法"].page == 2
    assert any(c.page == 1 for c in chunks)


# -- attachments and page numbers ----------------------------------------------------------------

LAWS = sorted(
    [*DATA.glob("*法(*).md"), *(ROOT / "tests" / "data" / "heldout").glob("*.md"), *(ROOT / "tests" / "data" / "versions").glob("*.md")]
)


def test_an_attachment_heading_closes_the_body_hierarchy():
    text = (
        "关于开展安全检查的通知\n一、检查内容\n（一）消防设施\n检查灭火器是否在有效期内。\n"
        "附件1：学校安全检查表\n检查人签字。\n附件2\n一、填表说明\n按实际情况填写。\n"
        "请按附件所列项目逐项检查。\n"
    )
    doc = split_documents(LoadedFile("n.txt", "txt", (PageText(None, text),)))[0]
    assert section_path(doc, doc.text.index("检查灭火器")) == ["一、检查内容", "（一）消防设施"]
    assert section_path(doc, doc.text.index("检查人签字")) == ["附件1：学校安全检查表"]
    assert section_path(doc, doc.text.index("按实际情况")) == ["附件2", "一、填表说明"]
    # A sentence that mentions an attachment is body text, not a heading.
    assert "请按附件所列项目逐项检查。" not in [h.text for h in doc.headings]


@pytest.mark.parametrize("line", ["- 3 -", "— 3 —", "－3－", "第3页", "第 3 页 共 12 页", "3/12", "3"])
def test_page_numbers_at_page_edges_are_dropped(line):
    pages = (PageText(3, f"{line}\n第一条 正文第一句。\n第二条 正文第二句。"), PageText(4, f"第三条 正文。\n{line}"))
    assert [ln.text for ln in clean_lines(pages)] == ["第一条 正文第一句。", "第二条 正文第二句。", "第三条 正文。"]


def test_numbers_that_are_not_page_numbers_are_kept():
    # A number far from the page's place, a number inside the page, and a bare number in unpaged text.
    pages = (PageText(1, "学生人数\n1280"), PageText(2, "合计\n3\n第五条 正文。"))
    assert [ln.text for ln in clean_lines(pages)] == ["学生人数", "1280", "合计", "3", "第五条 正文。"]
    assert [ln.text for ln in clean_lines((PageText(None, "名额\n3\n- 3 -\n第3页\n正文。"),))] == ["名额", "3", "正文。"]


@pytest.mark.parametrize("path", LAWS, ids=lambda p: p.name)
def test_paginated_laws_lose_no_body_line_and_keep_no_page_number(path):
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    pieces = [lines[i : i + 25] for i in range(0, len(lines), 25)]
    forms = ["- {n} -", "第{n}页 共{m}页", "{n}/{m}", "{n}", "— {n} —"]
    plain = [ln.text for ln in clean_lines((PageText(None, "\n".join(lines)),))]
    unnumbered = tuple(PageText(n, "\n".join(p)) for n, p in enumerate(pieces, start=1))
    assert [ln.text for ln in clean_lines(unnumbered)] == plain
    numbered = []
    for n, piece in enumerate(pieces, start=1):
        folio = forms[n % len(forms)].format(n=n, m=len(pieces))
        numbered.append(PageText(n, "\n".join([folio, *piece] if n % 2 else [*piece, folio])))
    assert [ln.text for ln in clean_lines(tuple(numbered))] == plain


def test_a_numbered_heading_closed_with_a_full_stop_heads_its_text_but_list_items_stay_items():
    text = (
        "关于落实校长负责制的自查报告\n一、基本情况\n1.党组织领导学校工作的情况\n学校党支部把方向、管大局。\n"
        "2.党组织支持和监督校长依法行使职权的情况。\n校长办公会研究决定重要事项。\n二、存在问题\n"
        "1.严禁体罚学生。\n2.严禁有偿补课。\n学校将持续整改。\n"
    )
    doc = split_documents(LoadedFile("n.txt", "txt", (PageText(None, text),)))[0]
    # Its sibling "1.…的情况" is a heading, so "2.…的情况。" heads the paragraph under it.
    assert section_path(doc, doc.text.index("校长办公会")) == ["一、基本情况", "2.党组织支持和监督校长依法行使职权的情况。"]
    # One-sentence items side by side are a list: the text after the last one is not under it.
    assert section_path(doc, doc.text.index("持续整改")) == ["二、存在问题"]


def test_a_full_stop_line_is_no_heading_when_no_sibling_is_one():
    text = "通知\n一、工作要求\n1.严禁体罚学生。\n各校要加强管理。\n2.严禁有偿补课。\n各校要自查。\n"
    doc = split_documents(LoadedFile("n.txt", "txt", (PageText(None, text),)))[0]
    assert section_path(doc, doc.text.index("各校要自查")) == ["一、工作要求"]


def test_a_title_keeps_its_quotes_as_written() -> None:
    # A quoted phrase in a title keeps both its marks: cleaning and splitting strip no quote of a title line.
    body = "为进一步做好图书角管理，现将自查情况报告如下。我校每学期检查一次图书角，登记借阅情况。"
    text = f"关于落实“书香校园、阅读伴我成长”的自查报告\n\n{body}\n\n关于“课后服务”工作的情况汇报\n\n{body}\n"
    docs = split_documents(LoadedFile("x.txt", "txt", (PageText(None, text),)))
    assert [d.title for d in docs] == ["关于落实“书香校园、阅读伴我成长”的自查报告", "关于“课后服务”工作的情况汇报"]


def test_characters_that_take_no_room_are_dropped_and_leave_no_paragraph():
    # Pasted from a web page: a zero-width space on a line of its own, and one inside a word.
    text = "某条例\n第四十九条 严禁以虐待方式干预未成\u200b年人沉迷网络。\n\u200b\n第五十条 本条例自公布之日起施行。\n"
    lines = [ln.text for ln in clean_lines((PageText(None, text),))]
    assert lines == ["某条例", "第四十九条 严禁以虐待方式干预未成年人沉迷网络。", "第五十条 本条例自公布之日起施行。"]


def test_a_chapter_name_printed_without_its_label_heads_the_articles_after_it():
    # Some copies of a law label only the first chapter and print the later chapters' names alone.
    text = (
        "# 某条例\n\n## 第一章 总 则\n\n第一条 为了保护未成年人，制定本条例。\n\n"
        "第二条 学校应当开展教育。\n\n网络素养促进\n\n第三条 学校应当将网络素养教育纳入教学内容。\n\n"
        "附 则\n\n第四条 本条例自公布之日起施行。\n"
    )
    doc = split_documents(LoadedFile("l.md", "md", (PageText(None, text),)))[0]
    assert section_path(doc, doc.text.index("纳入教学")) == ["网络素养促进", "第三条"]
    assert section_path(doc, doc.text.index("公布之日")) == ["附 则", "第四条"]
    assert section_path(doc, doc.text.index("开展教育")) == ["第一章 总 则", "第二条"]


def test_a_words_only_line_is_no_chapter_where_the_law_has_no_chapters_or_a_sentence_runs_on():
    # Without labelled chapters a bare line is not taken for one; nor is a line after an unfinished sentence.
    flat = "# 某条例\n\n第一条 计算公式：\n\n应纳税额等于销售额乘以税率\n\n第二条 本条例自公布之日起施行。\n"
    doc = split_documents(LoadedFile("f.md", "md", (PageText(None, flat),)))[0]
    assert section_path(doc, doc.text.index("公布之日")) == ["第二条"]
    chaptered = (
        "# 某条例\n\n## 第一章 总则\n\n第一条 计算公式：\n\n应纳税额等于销售额乘以税率\n\n第二条 本条例自公布之日起施行。\n"
    )
    doc = split_documents(LoadedFile("c.md", "md", (PageText(None, chaptered),)))[0]
    assert section_path(doc, doc.text.index("公布之日")) == ["第一章 总则", "第二条"]


def test_a_section_name_printed_without_its_label_stays_inside_its_chapter():
    text = (
        "# 某法\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本法。\n\n## 第二章 管理\n\n### 第一节 奖惩\n\n"
        "第二条 表现好的给予奖励。\n\n服刑期间犯罪的处理\n\n第三条 在服刑期间犯罪的，依法处理。\n"
    )
    doc = split_documents(LoadedFile("s.md", "md", (PageText(None, text),)))[0]
    assert section_path(doc, doc.text.index("依法处理")) == ["第二章 管理", "服刑期间犯罪的处理", "第三条"]
