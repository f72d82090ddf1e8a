"""Version rules on fixtures built here: what replaced a superseded article is named only when a current
article carries on its content (beyond the document's boilerplate) and, of lines alike, one on the same
subject is preferred; words that name an earlier version and words that do not; titles taken from file
names group versions whatever date closes them; three versions, one dated by its file name alone."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from version_services import cite, two_versions, versioned_answerer

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.articles import Change, articles, counterpart
from ingest.revision import compare
from ingest.types import Document
from ingest.version import detect_version, title_key

# Abridged from the 2004 and 2025 texts of the 中国人民解放军实施《药品管理法》办法 (bench corpus): the 2004
# 第三十二条 on damages stands, between unchanged neighbours, where the 2025 text has 第四十四条 on checking
# goods received. The two share the body they regulate and the penalty boilerplate, not their rule.
_TITLE = "# 中国人民解放军实施《中华人民共和国药品管理法》办法\n\n"
_DISCIPLINE = "对主要负责人、负有责任的主管人员和其他直接责任人员，依照《中国人民解放军纪律条令》的规定，给予处分"
_KEPT = [
    f"军队医疗机构未经批准使用地方医疗机构制剂的，责令改正，没收违法使用的制剂；{_DISCIPLINE}。",
    f"军队医疗机构将其配制的制剂在市场销售的，责令改正，没收违法销售的制剂；{_DISCIPLINE}；情节严重的，由原发证部门吊销《医疗机构制剂许可证》。",
    "军队药品供应保障机构和医疗机构的负责人、药品采购人员、医师等有关人员收受药品生产企业、药品经营企业或者其代理人给予的财物或者其他利益的，"
    "依照《中国人民解放军纪律条令》的规定，给予处分。",
]
_DAMAGES = "军队医疗机构、药品供应保障机构违反药品管理法和本办法，给药品使用者造成损害的，依法承担赔偿责任。"
_CHECKS = "军队医疗机构、药材供应保障机构未按照规定建立并执行药品进货检查验收制度、药品保管制度的，责令改正，给予警告。"
_ADVERTS = f"军队单位或者军队人员违反本办法规定从事药品广告宣传的，责令改正；{_DISCIPLINE}。"


def _law(notes: str, labels: list[str], bodies: list[str]) -> str:
    return _TITLE + notes + "\n\n" + "\n\n".join(f"{a} {b}" for a, b in zip(labels, bodies, strict=True)) + "\n"


OLD_DRUGS = _law("2004年12月9日公布", ["第二十八条", "第二十九条", "第三十一条", "第三十二条", "第三十三条"], [*_KEPT, _DAMAGES, _ADVERTS])
NEW_DRUGS = _law("2025年4月5日修订", ["第四十一条", "第四十二条", "第四十三条", "第四十四条", "第四十五条"], [*_KEPT, _CHECKS, _ADVERTS])


def test_a_rewritten_article_no_current_article_carries_on_has_no_counterpart() -> None:
    change = next(c for c in compare(OLD_DRUGS, NEW_DRUGS) if c.old is not None and c.old.label == "第三十二条")
    # Standing in the same place is no reason to pair two articles on different rules: the damages
    # article is deleted, not paired with the article on checking goods that took its place.
    assert change.kind == "deleted" and change.new is None
    assert counterpart(change.old.text, change, NEW_DRUGS) is None
    # An article that kept its rule still finds it, renumbered.
    kept = next(c for c in compare(OLD_DRUGS, NEW_DRUGS) if c.old is not None and c.old.label == "第三十三条")
    assert kept.kind == "same" and kept.new is not None and kept.new.label == "第四十五条"


@pytest.fixture(scope="module")
def drugs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A service over the two abridged versions (hashing embedder), dated by their notes and file names."""
    tmp = tmp_path_factory.mktemp("drugs")
    data = tmp / "data"
    data.mkdir()
    (data / "军队药品办法(2004-12-09).md").write_text(OLD_DRUGS, encoding="utf-8")
    (data / "军队药品办法(2025-04-05).md").write_text(NEW_DRUGS, encoding="utf-8")
    service = GovdocService(Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp / "index"}))
    report = service.ingest([data])
    assert not report.errors, report.errors
    yield service
    service.close()


def test_the_answer_names_no_unrelated_article_as_what_replaced_a_rewritten_one(drugs: GovdocService) -> None:
    answer = drugs.ask("军队医疗机构给药品使用者造成损害的，要承担什么责任？", who=LOCAL)
    assert answer.superseded and not answer.refused
    old = [c for c in answer.citations if not c.current]
    assert old and "赔偿责任" in old[0].quote and old[0].version == "2004-12-09"
    # 第四十四条 (checking goods received) is not named as its successor.
    assert all("进货检查验收" not in c.quote for c in answer.citations)
    assert "第四十四条" not in answer.text
    assert "已删除该规定" in answer.text and "不是现行规定" in answer.text


def test_of_lines_alike_the_one_on_the_same_subject_replaces_a_deleted_article() -> None:
    fill = ["为了规范学校管理，制定本办法。", "本办法适用于本市各级各类学校。", "学校应当建立安全管理制度。"]
    old = _law("", ["第一条", "第二条", "第三条", "第五条"], [*fill, "县级人民政府教育行政部门应当每年向社会公布本地区学校名单，接受监督。"])
    new = _law(
        "",
        ["第一条", "第二条", "第三条", "第五条", "第七条"],
        [
            *fill,
            "省级人民政府教育行政部门应当每年向社会公布本地区学校名单，接受监督。",  # alike in more words, another body
            "县级人民政府教育行政部门应当每年向社会公布本地区的学校名单，接受监督。",
        ],
    )
    article = next(a for a in articles(old) if a.label == "第五条")
    found = counterpart(article.text, Change("deleted", article, None, 0.0), new)
    assert found is not None and found.label == "第七条"


@pytest.mark.parametrize(
    ("question", "year", "earlier"),
    [
        ("按2007年的基金条例，违规会怎样处理？", 2007, False),
        ("2013版放假办法春节放几天？", 2013, False),
        ("2019年修订以前，领购簿几天内发放？", 2018, True),  # before that year's amendment: the text before
        ("老版本里春节放几天？", None, True),
        ("旧条例规定罚多少？", None, True),
        ("之前的版本怎么规定春节放假？", None, True),
        ("修订以前春节放几天？", None, True),
        ("原来的规定是什么？", None, True),
        ("通知要求3月1日以前报送吗？", None, False),  # before a date
        ("之前说的春节放假安排呢？", None, False),  # an earlier turn of the conversation
        ("旧城改造办法怎么规定？", None, False),  # 旧 naming a thing, not a text
        ("原单位要出具证明吗？", None, False),
        ("2020年出生的孩子什么时候上学？", None, False),
    ],
)
def test_words_naming_an_earlier_version_and_words_that_do_not(question: str, year: int | None, earlier: bool) -> None:
    from assistant.versions import _EARLIER, named_year, without_version_words

    assert named_year(question) == year
    assert bool(_EARLIER.search(question)) == earlier
    if earlier:
        # The words naming the version are struck whole (老版本里 leaves no 本里 behind).
        assert not without_version_words(question).startswith(("本", "里"))


def test_titles_from_file_names_group_whatever_date_closes_them() -> None:
    keys = {title_key(t) for t in ("某某办法(2024-11-10)", "某某办法-2013", "某某办法2019", "某某办法_20240301", "某某办法 2013年12月11日修订")}
    assert keys == {title_key("某某办法")}
    # An act amending another stays its own act, dated.
    assert title_key("宪法修正案（1988年）") != title_key("宪法修正案（2004年）")
    assert title_key("国务院令第2019号") != title_key("国务院令")


def test_three_versions_one_dated_by_its_file_name_alone(tmp_path: Path) -> None:
    """Three texts of one regulation: two dated by their notes (the file names carry other forms of the
    date), the oldest by its file name alone; the newest answers."""
    body = "第一条 为了规范管理，制定本办法。\n\n第二条 单位应当每年报送材料。\n\n第三条 本办法自发布之日起施行。\n"
    data = tmp_path / "data"
    data.mkdir()
    (data / "某某管理办法2019.txt").write_text("某某管理办法\n\n" + body, encoding="utf-8")
    (data / "某某管理办法(2021-06-01).txt").write_text("某某管理办法\n\n2021年6月1日修订\n\n" + body.replace("每年", "每半年"), encoding="utf-8")
    (data / "某某管理办法-2024.txt").write_text("某某管理办法\n\n2024年3月5日修订\n\n" + body.replace("每年", "每季度"), encoding="utf-8")
    service = GovdocService(Settings(data_dir=data, embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"}))
    try:
        assert not service.ingest([data]).errors
        groups = service.versions(LOCAL)
        assert len(groups) == 1
        assert [(v.date, v.kind, v.current) for v in groups[0]] == [
            ("2019", "文件名", False),
            ("2021-06-01", "修订", False),
            ("2024-03-05", "修订", True),
        ]
        answer = service.ask("单位多久报送一次材料？", who=LOCAL)
        assert not answer.refused and "每季度" in answer.citations[0].quote and answer.citations[0].current
        # The text it replaced (2021, not the 2019 reprint) may follow, flagged.
        old = [c for c in answer.citations if not c.current]
        assert all(c.version == "2021-06-01" for c in old) and (not old or answer.superseded)
        # Named by its year, the oldest answers, flagged.
        named = service.ask("按2019年版的办法，单位多久报送一次材料？", who=LOCAL)
        assert named.superseded and "每年报送" in named.text and all(c.version == "2019" for c in named.citations)
    finally:
        service.close()
    plain = Document("d", "某某管理办法", "x", "某某管理办法\n\n" + body)
    assert detect_version(plain, "某某管理办法2019.txt").date == "2019"


# A made-up regulation in two versions: the 2024 text changed 第三条, added 第四条, and renumbered the
# rest; the 2015 text writes its list items with half-width brackets, the 2024 text with full-width ones.
_ARCHIVES = "# 某市档案管理办法\n\n"
OLD_ARCHIVES = (
    _ARCHIVES + "2015年3月1日公布\n\n第一条 为了加强档案管理，制定本办法。\n\n第二条 本办法适用于本市各级机关。\n\n"
    "第三条 机关应当每年向档案馆移交档案。\n\n第四条 移交档案应当符合下列要求：\n(一)按年度整理；\n(二)编制目录。\n\n"
    "第五条 违反本办法的，由档案主管部门责令改正。\n"
)
NEW_ARCHIVES = (
    _ARCHIVES + "2024年6月1日修订\n\n第一条 为了加强档案管理，制定本办法。\n\n第二条 本办法适用于本市各级机关。\n\n"
    "第三条 机关应当每两年向档案馆移交档案，并报档案主管部门备案。\n\n第四条 电子档案应当与纸质档案同步归档，并定期检测其可读性。\n\n"
    "第五条 移交档案应当符合下列要求：\n（一）按年度整理；\n（二）编制目录。\n\n"
    "第六条 违反本办法的，由档案主管部门责令改正。\n"
)


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    """A service over the two made-up versions (hashing embedder)."""
    service = two_versions(
        tmp_path_factory.mktemp("archives"),
        {"某市档案管理办法(2015-03-01).md": OLD_ARCHIVES, "某市档案管理办法(2024-06-01).md": NEW_ARCHIVES},
    )
    yield service
    service.close()


def test_locate_reads_bracket_widths_spacing_and_renumbering_alike() -> None:
    from assistant.versions import locate

    span = locate(NEW_ARCHIVES, "(一)按年度整理；")
    assert span is not None and NEW_ARCHIVES[span[0] : span[1]] == "（一）按年度整理；"
    span = locate(NEW_ARCHIVES, "第五条 违反本办法的，由档案主管部门责令改正。")
    assert span is not None and NEW_ARCHIVES[span[0] : span[1]] == "第六条 违反本办法的，由档案主管部门责令改正。"
    assert locate(NEW_ARCHIVES, "第三条 机关应当每年向档案馆移交档案。") is None


def test_an_unchanged_old_quote_is_found_in_the_current_text_however_it_is_written(archives: GovdocService) -> None:
    answerer, versions, old, new = versioned_answerer(archives)
    # Half-width brackets in the old text, full-width in the current: the same words, quoted as the current text writes them.
    moved = answerer._relocate(cite(answerer, old, "(一)按年度整理；"), versions)
    assert moved is not None and moved.doc_id == new and moved.quote == "（一）按年度整理；"
    # A renumbered article: found under its new number.
    moved = answerer._relocate(cite(answerer, old, "第五条 违反本办法的，由档案主管部门责令改正。"), versions)
    assert moved is not None and moved.doc_id == new and moved.quote.startswith("第六条 违反本办法的")


def test_an_answer_showing_the_old_text_keeps_what_the_current_text_added(archives: GovdocService) -> None:
    from assistant.types import Answer

    answerer, versions, old, new = versioned_answerer(archives)
    old_cited = cite(answerer, old, "第三条 机关应当每年向档案馆移交档案。")
    added = cite(answerer, new, "电子档案应当与纸质档案同步归档，并定期检测其可读性。")
    kept = cite(answerer, new, "本办法适用于本市各级机关。")
    current = Answer("问", "", False, True, (added, kept))
    superseded = Answer("问", "", False, True, (old_cited,))
    replaced = answerer._replacements([(old_cited, answerer._changes(old_cited, versions))], versions)
    answer = answerer._superseded("问", current, superseded, replaced, versions)
    # What replaced the old 第三条 leads, the added 第四条 stands with it, the old text follows flagged.
    assert answer.text.startswith("现行文本（2024年6月1日修订）第三条规定：")
    assert "现行文本（2024年6月1日修订）新增的第四条规定：电子档案应当与纸质档案同步归档" in answer.text
    # The lead names each article: its quote starts past the label (第三条规定：机关…, not 第三条规定：第三条 机关…).
    assert [(c.current, c.quote[:4]) for c in answer.citations] == [(True, "机关应当"), (True, "电子档案"), (False, "机关应当")]
    assert "第三条规定：第三条" not in answer.text
    # A quote of an article both versions hold is no addition: it is not shown again.
    assert "本办法适用于" not in answer.text
    # Nothing is added when the current answer refused.
    refused = answerer._superseded("问", Answer("问", "", True, False), superseded, replaced, versions)
    assert "新增" not in refused.text and len(refused.citations) == 2


def test_a_current_quote_running_over_a_kept_and_an_added_article_is_said_new_for_the_added_one_only(
    archives: GovdocService,
) -> None:
    from assistant.types import Answer

    answerer, versions, old, new = versioned_answerer(archives)
    old_cited = cite(answerer, old, "第三条 机关应当每年向档案馆移交档案。")
    # One quote of the current text over its changed 第三条 and its added 第四条.
    text = answerer.source.document_text(new)
    start = text.index("第三条 机关应当每两年")
    end = text.index("电子档案应当与纸质档案同步归档") + len("电子档案应当与纸质档案同步归档")
    both = answerer._cite_article(new, start, end, 1, cut=False)
    assert both is not None and "每两年" in both.quote and "电子档案" in both.quote
    current = Answer("问", "", False, True, (both,))
    superseded = Answer("问", "", False, True, (old_cited,))
    replaced = answerer._replacements([(old_cited, answerer._changes(old_cited, versions))], versions)
    answer = answerer._superseded("问", current, superseded, replaced, versions)
    # The words said to be new are the 第四条's alone; the 第三条 is quoted once, as what replaced the old one.
    assert "新增的第四条规定：电子档案应当与纸质档案同步归档" in answer.text
    assert answer.text.count("每两年") == 1
    added = [c for c in answer.citations if "电子档案" in c.quote]
    assert len(added) == 1 and "每两年" not in added[0].quote


def test_a_noun_only_the_current_text_holds_asked_of_the_earlier_text_is_answered_from_the_current_one(
    archives: GovdocService,
) -> None:
    from assistant.versions import _one_off

    answerer, versions, old, new = versioned_answerer(archives)
    asked = "电子档案要不要同步归档"
    named, assessed = answerer.answerer.answer_assessed(asked, answerer.retrieve(asked, [old]))
    gained = answerer._gained_words(named, assessed, [old], versions)
    # 电子 (of 电子档案) came in with the 2024 text; 档案 stands in both, 同步 (no noun) is not weighed.
    assert "电子" in gained and "档案" not in gained and "同步" not in gained
    # A noun the earlier answer quotes with one character written otherwise is its own (a variant form).
    assert _one_off("账簿", "应当依法设置会计帐簿") and not _one_off("电子档案", "纸质档案应当归档")
    answer = archives.ask("按2015年的档案管理办法，电子档案要同步归档吗？", who=LOCAL)
    assert not answer.refused and "2015年3月1日公布的文本中没有找到相关规定" in answer.text
    assert answer.citations and all(c.current for c in answer.citations)
    assert "电子档案" in answer.citations[0].quote


def test_words_retrieval_found_only_in_the_old_text_are_quoted_as_the_current_text_writes_them(archives: GovdocService) -> None:
    from assistant.types import Answer

    answerer, versions, old, new = versioned_answerer(archives)
    item = cite(answerer, old, "(一)按年度整理；")
    renumbered = cite(answerer, old, "第五条 违反本办法的，由档案主管部门责令改正。")

    class Found:
        """The current versions answer nothing; the old one answers with two quotes that stand unchanged."""

        asked: list[tuple[list[str], bool]] = []

        def answer_assessed(self, question, ids, required=(), answers_only=False):  # type: ignore[no-untyped-def]
            self.asked.append((list(ids), answers_only))
            if ids == [new]:
                return Answer(question, "资料中未找到相关内容。", True, False), []
            text = f"{item.quote}[1]\n{renumbered.quote}[2]"
            return Answer(question, text, False, True, (item, replace(renumbered, n=2))), []

    found = Found()
    answerer.answerer = found
    answerer.retrieve = lambda q, ids: ids
    answer = answerer.answer("移交档案有什么要求？", versions)
    # The current versions' refusal may be shown with its reasons; the old version's is never read.
    assert found.asked == [([new], False), ([old], True)]
    assert not answer.refused and not answer.superseded
    assert all(c.doc_id == new and c.current for c in answer.citations)
    # The old text's (一) and 第五条 are not shown as the current text's words.
    assert "（一）按年度整理；[1]" in answer.text and "(一)" not in answer.text
    assert "第六条 违反本办法的" in answer.text and "第五条" not in answer.text


# Two invented versions of a county rule on waterways: the 2012 text bans dumping spoil (工程废料) inside its
# article on patrols; the 2023 text keeps the patrols there and bans the same act, calling it 渣土, in an
# article of its own, which the change list calls added.
_RIVERS = "# 某县河道管理办法\n\n"
OLD_RIVERS = (
    _RIVERS + "2012年5月4日公布\n\n第一条 为了加强河道管理，保障行洪安全，制定本办法。\n\n"
    "第二条 本办法适用于本县行政区域内的河道。\n\n"
    "第三条 河道管理单位应当每季度巡查河道，发现险情及时报告。禁止向河道内倾倒工程废料。\n\n"
    "第四条 违反本办法的，由水行政主管部门责令改正。\n"
)
NEW_RIVERS = (
    _RIVERS + "2023年9月12日修订\n\n第一条 为了加强河道管理，保障行洪安全，制定本办法。\n\n"
    "第二条 本办法适用于本县行政区域内的河道。\n\n"
    "第三条 河道管理单位应当每月巡查河道，发现险情及时报告。\n\n"
    "第四条 禁止向河道内倾倒渣土，运输渣土的车辆应当按指定路线通行。\n\n"
    "第五条 违反本办法的，由水行政主管部门责令改正，可以处五千元以下罚款。\n"
)


@pytest.fixture(scope="module")
def rivers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    service = two_versions(
        tmp_path_factory.mktemp("rivers"),
        {"某县河道管理办法(2012-05-04).md": OLD_RIVERS, "某县河道管理办法(2023-09-12).md": NEW_RIVERS},
    )
    yield service
    service.close()


def test_a_clause_restated_in_other_words_by_the_earlier_quote_is_not_new() -> None:
    from assistant.versions import _clauses, _restated

    earlier = _clauses("河道管理单位应当每季度巡查河道。禁止向河道内倾倒工程废料。")
    # 禁止向河道内倾倒 stands in the earlier clause: 渣土 names what it called 工程废料.
    assert _restated("禁止向河道内倾倒渣土", ["渣土"], earlier)
    # The truck route is said nowhere before; a clause too short once its noun is set aside says too little.
    assert not _restated("运输渣土的车辆应当按指定路线通行", ["渣土"], earlier)
    assert not _restated("渣土清运", ["渣土"], earlier)


def test_a_noun_the_earlier_text_states_in_other_words_leaves_the_answer_to_that_text(rivers: GovdocService) -> None:
    answer = rivers.ask("依照2012年公布的河道管理办法，向河道倾倒渣土是否允许？", who=LOCAL)
    assert not answer.refused and "没有找到相关规定" not in answer.text
    assert answer.citations and all(c.version == "2012-05-04" for c in answer.citations)
    assert any("工程废料" in c.quote for c in answer.citations)


def test_a_follow_up_naming_only_the_earlier_text_gets_both_texts(rivers: GovdocService) -> None:
    # The previous answer quoted the current text alone.
    history = [("user", "河道管理单位隔多久巡查一次河道？"), ("assistant", "第三条 河道管理单位应当每月巡查河道，发现险情及时报告。[1]")]
    answer = rivers.ask("原来呢？", history, who=LOCAL)
    # The earlier text is another version of the document quoted before: it is read, flagged, beside the current one.
    assert not answer.refused and answer.superseded
    assert any(c.current and "每月" in c.quote for c in answer.citations)
    assert any(not c.current and "每季度" in c.quote for c in answer.citations)
    assert answer.text.index("每月") < answer.text.index("每季度")


# Two made-up versions of a village water rule: the 2016 第三条's second sentence (持卡取水) moved into the
# 2023 第四条, joined to clauses of its own; what stayed of the 第三条 was rewritten.
OLD_WELLS = (
    "# 某县农村供水站管理办法\n\n"
    "第一条 为了保障农村居民饮水安全，制定本办法。\n\n"
    "第二条 供水站由乡镇人民政府负责管理，所需经费列入乡镇年度预算。\n\n"
    "第三条 供水站应当保证供水时间，每日供水不少于十小时。村民须持本户取水卡。\n\n"
    "第四条 供水站应当定期检测水质，损坏供水设施的，应当照价赔偿。\n\n"
    "第五条 本办法自发布之日起施行。\n"
)
NEW_WELLS = (
    "# 某县农村供水站管理办法\n\n"
    "第一条 为了保障农村居民饮水安全，促进城乡供水一体化，制定本办法。\n\n"
    "第二条 供水站由乡镇人民政府负责管理，所需经费列入乡镇年度预算。\n\n"
    "第三条 供水站应当按照有关规定保证供水时间，汛期照常供水。\n\n"
    "第四条 供水站应当定期检测水质，村民须持本户取水卡，按时缴纳水费，爱护供水设施；损坏供水设施的，应当照价赔偿。\n\n"
    "第五条 本办法自发布之日起施行。\n"
)


def test_a_sentence_moved_into_another_article_is_found_where_it_went(tmp_path: Path) -> None:
    changes = compare(OLD_WELLS, NEW_WELLS)
    third = next(c for c in changes if c.old is not None and c.old.label == "第三条")
    assert third.kind == "changed" and third.new is not None and third.new.label == "第三条"
    # Alike no line of the current text, it stands within the longer line of the 第四条.
    found = counterpart("村民须持本户取水卡。", third, NEW_WELLS)
    assert found is not None and found.label == "第四条"
    # A sentence no current line holds has still no counterpart.
    assert counterpart("村民须缴纳押金二百元。", third, NEW_WELLS) is None
    service = two_versions(tmp_path, {"某县供水办法(2016-05-01).md": OLD_WELLS, "某县供水办法(2023-09-01).md": NEW_WELLS})
    try:
        answerer, versions, old, _ = versioned_answerer(service)
        fates = answerer._fates([cite(answerer, old, "村民须持本户取水卡。")], versions)
        assert fates == ["原第三条已修改，现行规定见第四条"]
        # The first sentence was rewritten within an article that kept its number: the answer says it is still there.
        kept = answerer._fates([cite(answerer, old, "供水站应当保证供水时间，每日供水不少于十小时。")], versions)
        assert kept == ["原第三条已修改，现行规定仍在第三条"]
    finally:
        service.close()


# Two made-up versions of a market rule: the 2018 第二条 was struck, so the 第三条 became the 第二条, and its last
# paragraph (on paper receipts) was struck from it while its first two stand.
OLD_STALLS = (
    "# 某镇集贸市场管理办法\n\n"
    "第一条 为了规范集贸市场秩序，制定本办法。\n\n"
    "第二条 集贸市场实行统一挂牌，挂牌样式由镇人民政府确定。\n\n"
    "第三条 摊主应当在摊位显著位置公示商品价格，使用经检定合格的计量器具。\n\n"
    "摊主应当保持摊位整洁，每日收市后清理垃圾。\n\n"
    "摊主应当向购买者出具手写收据，收据须注明摊位编号。\n\n"
    "第四条 本办法自发布之日起施行。\n"
)
NEW_STALLS = (
    "# 某镇集贸市场管理办法\n\n"
    "第一条 为了规范集贸市场秩序，制定本办法。\n\n"
    "第二条 摊主应当在摊位显著位置公示商品价格，使用经检定合格的计量器具。\n\n"
    "摊主应当保持摊位整洁，每日收市后清理垃圾。\n\n"
    "第三条 本办法自发布之日起施行。\n"
)


def test_words_struck_from_an_article_that_stands_name_where_it_stands(tmp_path: Path) -> None:
    service = two_versions(tmp_path, {"某镇市场办法(2018-04-01).md": OLD_STALLS, "某镇市场办法(2022-10-01).md": NEW_STALLS})
    try:
        answerer, versions, old, _ = versioned_answerer(service)
        receipts = cite(answerer, old, "摊主应当向购买者出具手写收据，收据须注明摊位编号。")
        # The old 第三条 stands as the 第二条 without the paragraph quoted: not "rewritten, with no counterpart".
        assert answerer._fates([receipts], versions) == ["原第三条现为第二条，所引内容已不在该条中"]
        replaced = answerer._replacements([(receipts, answerer._changes(receipts, versions))], versions)
        from assistant.types import Answer

        answer = answerer._superseded("问", Answer("问", "", True, False), Answer("问", "", False, True, (receipts,)), replaced, versions)
        assert "原第三条现为现行文本（2022年10月1日）第二条，该条已不含所引内容。" in answer.text
        assert "没有与之对应的条文" not in answer.text
    finally:
        service.close()
