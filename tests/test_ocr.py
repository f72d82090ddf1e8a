"""OCR of scanned PDFs and images: reading order, the page cache, lazy engine loading, and the real
rapidocr engine on the fixtures made by tests/data/make_ocr_fixtures.py from real corpus text."""

from __future__ import annotations

import difflib
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest

from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import load_settings, with_overrides
from ingest.chunk import chunk_document
from ingest.config import ChunkSettings, EmbeddingSettings, IngestSettings, OcrSettings, StoreSettings
from ingest.embed import make_embedder
from ingest.errors import IngestError
from ingest.load import load_file
from ingest.ocr import Box, OcrEngine, OcrProvider, layout_text, scrub_marks
from ingest.pipeline import ProgressEvent, ingest_paths, source_key
from ingest.split import section_path, split_documents
from ingest.store import Index

FIXTURES = Path(__file__).resolve().parent / "data"
SCANNED = FIXTURES / "ocr_scanned.pdf"
MIXED = FIXTURES / "ocr_mixed.pdf"
COLUMNS = FIXTURES / "ocr_columns.png"
REGULATION = FIXTURES / "ocr_regulation.pdf"  # regulation.md printed and scanned (make_regulation_scan.py)
EXPECTED = json.loads((FIXTURES / "ocr_fixtures.json").read_text(encoding="utf-8"))
EM = 40  # glyph height of the synthetic boxes below


def _box(text: str, x0: float, y0: float, x1: float, height: float = EM, score: float = 0.99) -> Box:
    return Box(text, score, x0, y0, x1, y0 + height)


def _accuracy(got: str, want: str) -> float:
    """Character similarity without whitespace; NFKC, so full- and half-width forms (，/,) are equal."""

    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    return difflib.SequenceMatcher(None, norm(got), norm(want), autojunk=False).ratio()


class CountingEngine:
    """The real engine, counting pages read; creations are counted by the provider."""

    def __init__(self, engine: OcrEngine) -> None:
        self.engine = engine
        self.reads = 0

    def read(self, image):  # type: ignore[no-untyped-def]
        self.reads += 1
        return self.engine.read(image)


class FakeEngine:
    """A deterministic stand-in for fast tests of caching and wiring: two lines per page."""

    def __init__(self) -> None:
        self.reads = 0

    def read(self, image):  # type: ignore[no-untyped-def]
        self.reads += 1
        return [
            _box("一、扫描页标题", 100, 100, 400),
            _box(f"这是第{self.reads}次识别出的正文内容，长度足以通过文字数量检查。", 180, 160, 1300),
        ]


def _never() -> OcrEngine:
    raise AssertionError("the OCR engine must not be loaded")


# ----------------------------------------------------------------------------- reading order


def test_layout_joins_wrapped_lines_and_keeps_headings_apart():
    boxes = [
        # a title wrapped over two centred lines
        _box("关于进一步加强学校安全管理工作的自查报", 130, 100, 1270, height=46),
        _box("告", 680, 165, 720, height=46),
        # an indented paragraph over three lines; the second ends a sentence at the right edge
        _box("为进一步落实安全责任，学校对照上级要求逐项开展", 180, 300, 1300),
        _box("了自查，查找问题并建立台账，明确整改时限和责任。", 100, 360, 1298),
        _box("现将自查情况报告如下：", 100, 420, 560),
        _box("一、基本情况", 180, 480, 420),
        _box("（一）组织领导。学校成立了以校长为组长的工作领", 180, 540, 1300),
        _box("导小组", 100, 600, 220),
        _box("2.完善制度建设", 180, 660, 480),
    ]
    assert layout_text(boxes).split("\n") == [
        "关于进一步加强学校安全管理工作的自查报告",
        "为进一步落实安全责任，学校对照上级要求逐项开展了自查，查找问题并建立台账，明确整改时限和责任。"
        "现将自查情况报告如下：",
        "一、基本情况",
        "（一）组织领导。学校成立了以校长为组长的工作领导小组",
        "2.完善制度建设",
    ]


def test_layout_without_indentation_splits_at_sentence_ends_and_blank_lines():
    boxes = [
        _box("第一段文字在这里一直写到了本行的最右边才折行", 100, 100, 1300),
        _box("继续写完。", 100, 160, 300),
        _box("第二段文字同样写满了一整行并且以句号结束了。", 100, 260, 1300),
        _box("第三段紧接着开始，没有缩进。", 100, 320, 700),
    ]
    assert layout_text(boxes).split("\n") == [
        "第一段文字在这里一直写到了本行的最右边才折行继续写完。",
        "第二段文字同样写满了一整行并且以句号结束了。",
        "第三段紧接着开始，没有缩进。",
    ]


def test_layout_reads_two_columns_left_first_under_a_spanning_title():
    left = [("一是加强理论学习，组织全体党员教", 180), ("师开展专题学习。", 100), ("二是健全工作机制，完善议事决策", 180), ("程序和配套制度。", 100)]
    right = [("三是强化队伍建设，选优配强支部", 820), ("班子成员。", 740), ("四是落实经费保障，设立党建工作", 820), ("专项经费。", 740)]
    boxes = [_box("学校党建工作情况汇报", 450, 60, 950, height=50)]
    for row, ((ltext, lx), (rtext, rx)) in enumerate(zip(left, right)):
        y = 160 + row * 60
        boxes.append(_box(ltext, lx, y, 660 if row % 2 == 0 else lx + 40 * len(ltext)))
        boxes.append(_box(rtext, rx, y, 1300 if row % 2 == 0 else rx + 40 * len(rtext)))
    assert layout_text(boxes).split("\n") == [
        "学校党建工作情况汇报",
        "一是加强理论学习，组织全体党员教师开展专题学习。",
        "二是健全工作机制，完善议事决策程序和配套制度。",
        "三是强化队伍建设，选优配强支部班子成员。",
        "四是落实经费保障，设立党建工作专项经费。",
    ]


def test_layout_keeps_label_value_rows_together():
    rows = [("姓名", "张三"), ("单位", "第三中学"), ("职务", "党支部书记"), ("电话", "010-12345678")]
    boxes = []
    for n, (label, value) in enumerate(rows):
        boxes.append(_box(label, 100, 100 + n * 60, 180))
        boxes.append(_box(value, 800, 100 + n * 60, 800 + 30 * len(value)))
    assert layout_text(boxes).split("\n") == [f"{label} {value}" for label, value in rows]


def test_law_labels_run_into_their_text_get_their_gap_back():
    boxes = [
        _box("公共场所卫生管理条例", 500, 60, 900, height=50),
        _box("第一章总则", 600, 160, 800, height=44),  # centred; the engine dropped the full-width space
        _box("第一条为创造良好的公共场所卫生条件，预防疾病，保障人体健", 180, 240, 1300),
        _box("康，制定本条例。", 100, 300, 420),
        _box("第二条本条例适用于下列公共场所：", 180, 360, 820),
        # an article whose last line wraps to a line that opens with another article's label
        _box("第三条违反本条例的，依照本条例", 180, 420, 1300),
        _box("第二条规定的程序处理。", 100, 480, 540),
        _box("第一节课由校长主讲，全体教师参加。", 180, 540, 900),
    ]
    assert layout_text(boxes).split("\n") == [
        "公共场所卫生管理条例",
        "第一章 总则",
        "第一条 为创造良好的公共场所卫生条件，预防疾病，保障人体健康，制定本条例。",
        "第二条 本条例适用于下列公共场所：",
        "第三条 违反本条例的，依照本条例第二条规定的程序处理。",
        "第一节课由校长主讲，全体教师参加。",  # a paragraph, not a section heading
    ]


def test_a_page_that_opens_inside_a_paragraph_keeps_its_reference_as_written():
    boxes = [
        _box("第三条规定的程序办理，并报上级机关备案。", 100, 100, 900),  # carried on from the page before
        _box("第四条本条例自发布之日起施行，由国务院卫生行政部门负责解", 180, 160, 1300),
        _box("释。", 100, 220, 180),
        _box("第五条各级人民政府应当加强对公共场所卫生工作的领导。", 180, 280, 1200),
    ]
    assert layout_text(boxes).split("\n") == [
        "第三条规定的程序办理，并报上级机关备案。",
        "第四条 本条例自发布之日起施行，由国务院卫生行政部门负责解释。",
        "第五条 各级人民政府应当加强对公共场所卫生工作的领导。",
    ]


def test_a_short_last_line_in_a_taller_box_is_still_joined():
    # The detector pads the box of a last line of two or three characters: 31 px against 23.
    boxes = [
        _box("第十六条 对处罚的决定不履行又逾期不起诉的，由卫生防疫机构向人民法院申请强制", 150, 100, 1300, height=23),
        _box("执行。", 145, 133, 210, height=31),
        _box("第十七条 公共场所卫生监督机构和卫生监督员必须尽职尽责，依法办事。", 199, 178, 1100, height=23),
    ]
    assert layout_text(boxes).split("\n") == [
        "第十六条 对处罚的决定不履行又逾期不起诉的，由卫生防疫机构向人民法院申请强制执行。",
        "第十七条 公共场所卫生监督机构和卫生监督员必须尽职尽责，依法办事。",
    ]


@pytest.mark.parametrize(
    ("read", "kept"),
    [
        ("患有痢疾、·伤寒、病毒性肝炎", "患有痢疾、伤寒、病毒性肝炎"),
        ("给予警告、 • 罚款", "给予警告、罚款"),
        ("制定本条例·。", "制定本条例。"),
        ("· 加强组织领导 ·", "加强组织领导"),
        ("·", ""),
        ("卡尔·马克思的著作", "卡尔·马克思的著作"),  # a dot between two characters is text
        ("It's 2024", "It's 2024"),
    ],
)
def test_marks_that_are_not_text_are_dropped(read, kept):
    assert scrub_marks(read) == kept


def test_a_box_holding_only_a_mark_is_dropped():
    boxes = [
        _box("第十三条 卫生监督员有权对公共场所进行现场检查。", 180, 100, 1100),
        _box("·", 1200, 105, 1215, height=12),
        _box("·", 700, 170, 712, height=12),  # alone between two paragraphs
        _box("公共场所卫生监督员在执行任务时，应佩戴证章、出示证件。", 180, 230, 1250),
    ]
    assert layout_text(boxes).split("\n") == [
        "第十三条 卫生监督员有权对公共场所进行现场检查。",
        "公共场所卫生监督员在执行任务时，应佩戴证章、出示证件。",
    ]


def test_page_numbers_at_head_or_foot_are_not_text():
    boxes = [
        _box("-2一", 660, 40, 740),  # a page number as the engine reads "— 2 —"
        _box("第十条 各级卫生防疫机构，负责管辖范围内的公共场所卫生监督工作。", 180, 160, 1300),
        _box("2024", 180, 220, 340),  # a number alone mid-page is text
        _box("第十一条 卫生防疫机构根据需要设立公共场所卫生监督员。", 180, 280, 1100),
        _box("第 3 页 共 9 页", 600, 400, 800),
    ]
    assert layout_text(boxes).split("\n") == [
        "第十条 各级卫生防疫机构，负责管辖范围内的公共场所卫生监督工作。",
        "2024",
        "第十一条 卫生防疫机构根据需要设立公共场所卫生监督员。",
    ]


# ----------------------------------------------------------------------------- wiring, cache, laziness


def _index(tmp_path: Path) -> tuple[Index, object]:
    embedder = make_embedder(EmbeddingSettings(mode="hashing"))
    return Index.open(StoreSettings(index_dir=tmp_path / "index"), embedder.name, embedder.dim), embedder


def _ingest(paths, index, embedder, ocr: OcrSettings, provider=None, events=None):  # type: ignore[no-untyped-def]
    return ingest_paths(
        paths,
        index=index,
        embedder=embedder,
        chunk_settings=ChunkSettings(),
        ingest_settings=IngestSettings(),
        ocr_settings=ocr,
        progress=events.append if events is not None else None,
        ocr_engine=provider,
    )


def test_text_only_pdf_never_loads_the_engine(tmp_path):
    provider = OcrProvider(tmp_path / "cache", engine_factory=_never)
    loaded = load_file(FIXTURES / "report.pdf", OcrSettings(), ocr_engine=provider)
    assert [p.ocr for p in loaded.pages] == [False, False, False]
    index, embedder = _index(tmp_path)
    with index:
        report = _ingest([FIXTURES / "report.pdf", FIXTURES / "gbk.txt"], index, embedder, OcrSettings(), provider)
    assert report.added == 2 and not report.errors
    assert provider.engine_loads == 0 and provider.pages_read == 0


def test_ocr_disabled_reports_scanned_pdf(tmp_path):
    provider = OcrProvider(tmp_path / "cache", engine_factory=_never)
    with pytest.raises(IngestError) as info:
        load_file(SCANNED, OcrSettings(enabled=False), ocr_engine=provider)
    assert info.value.file == str(SCANNED)
    assert "需要 OCR 识别" in info.value.reason and "OCR 未启用" in info.value.reason
    index, embedder = _index(tmp_path)
    with index:
        report = _ingest([SCANNED], index, embedder, OcrSettings(enabled=False), provider)
    assert report.added == 0 and "需要 OCR 识别" in report.errors[0]["reason"]
    assert provider.engine_loads == 0


def test_cache_answers_a_second_provider_and_survives_damage(tmp_path):
    engine = FakeEngine()  # one engine behind every provider: its text says how many pages it read

    def factory() -> FakeEngine:
        return engine

    first = OcrProvider(tmp_path / "cache", engine_factory=factory)
    page = load_file(COLUMNS, OcrSettings(), ocr_engine=first).pages[0]
    assert page.ocr and page.number is None and page.ocr_confidence == pytest.approx(0.99)
    assert (first.engine_loads, first.pages_read, first.cache_hits) == (1, 1, 0)

    second = OcrProvider(tmp_path / "cache", engine_factory=factory)
    assert load_file(COLUMNS, OcrSettings(), ocr_engine=second).pages[0] == page  # the first read, not a new one
    assert (second.engine_loads, second.pages_read, second.cache_hits) == (0, 0, 1)

    (entry,) = (tmp_path / "cache").rglob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    third = OcrProvider(tmp_path / "cache", engine_factory=factory)
    assert "第2次" in load_file(COLUMNS, OcrSettings(), ocr_engine=third).pages[0].text
    assert third.pages_read == 1 and json.loads(entry.read_text(encoding="utf-8"))["boxes"]


def test_pipeline_reports_ocr_progress_and_shares_one_engine(tmp_path):
    engines: list[FakeEngine] = []

    def factory() -> FakeEngine:
        engines.append(FakeEngine())
        return engines[-1]

    provider = OcrProvider(None, engine_factory=factory)
    index, embedder = _index(tmp_path)
    events: list[ProgressEvent] = []
    with index:
        report = _ingest([SCANNED, MIXED, COLUMNS], index, embedder, OcrSettings(), provider, events)
    assert report.added == 3 and not report.errors
    assert len(engines) == 1 and engines[0].reads == 3 + 1 + 1
    ocr = [(e.file, e.done, e.total) for e in events if e.kind == "ocr"]
    scanned, mixed, columns = (source_key(p) for p in (SCANNED, MIXED, COLUMNS))
    assert ocr == [
        (scanned, 0, 3), (scanned, 1, 3), (scanned, 2, 3), (scanned, 3, 3),
        (mixed, 0, 1), (mixed, 1, 1),
        (columns, 0, 1), (columns, 1, 1),
    ]  # fmt: skip


def test_broken_image_is_an_ingest_error(tmp_path):
    broken = tmp_path / "scan.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\nnot really a png")
    with pytest.raises(IngestError, match="图片文件已损坏或格式不受支持") as info:
        load_file(broken, OcrSettings(), ocr_engine=OcrProvider(None, engine_factory=_never))
    assert info.value.file == str(broken)
    assert info.value.reason == "图片文件已损坏或格式不受支持"  # not Pillow's English (Truncated File Read) nor its path


# ----------------------------------------------------------------------------- the real engine


@pytest.fixture(scope="module")
def ocr_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for this module: each fixture page is read by the real engine once."""
    return tmp_path_factory.mktemp("ocr-cache")


@pytest.fixture(scope="module")
def real_engine() -> OcrEngine:
    """The real engine, loaded once for this module (its models take a second or two)."""
    return OcrEngine()


@pytest.fixture(scope="module")
def scanned(ocr_cache: Path, real_engine: OcrEngine):  # type: ignore[no-untyped-def]
    """The 3-page scan loaded once with the real engine, and the provider that read it."""
    counting: list[CountingEngine] = []

    def factory() -> CountingEngine:
        counting.append(CountingEngine(real_engine))
        return counting[-1]

    provider = OcrProvider(ocr_cache, engine_factory=factory)
    loaded = load_file(SCANNED, OcrSettings(), ocr_engine=provider)
    return loaded, provider, counting


@pytest.mark.slow
def test_scanned_pdf_text_is_accurate_page_by_page(scanned):
    loaded, provider, counting = scanned
    assert loaded.kind == "pdf"
    assert [p.number for p in loaded.pages] == [1, 2, 3]
    assert all(p.ocr and p.ocr_confidence is not None and p.ocr_confidence > 0.9 for p in loaded.pages)
    for page, want in zip(loaded.pages, EXPECTED["ocr_scanned.pdf"], strict=True):
        assert _accuracy(page.text, "".join(want)) >= 0.98, page.number
    assert provider.engine_loads == 1 and counting[0].reads == 3


@pytest.mark.slow
def test_reingest_of_the_same_scan_runs_no_ocr(scanned, ocr_cache, tmp_path):
    loaded, _, _ = scanned
    copy = tmp_path / "另存的扫描件.pdf"
    shutil.copyfile(SCANNED, copy)
    again = OcrProvider(ocr_cache, engine_factory=_never)
    assert load_file(copy, OcrSettings(), ocr_engine=again).pages == loaded.pages
    assert (again.engine_loads, again.pages_read, again.cache_hits) == (0, 0, 3)


@pytest.mark.slow
def test_scanned_headings_become_section_paths(scanned):
    loaded, _, _ = scanned
    (doc,) = split_documents(loaded)
    assert doc.title == EXPECTED["ocr_scanned.pdf"][0][0]  # the title wrapped over two lines, joined back
    sentence = doc.text.index("学校每学期召开一次教代会")
    assert section_path(doc, sentence) == ["三、教职工代表大会参与下民主管理、民主监督情况", "1.学校定期召开教代会的情况"]
    assert section_path(doc, doc.text.index("支部严格把关"))[:2] == ["一、党组织发挥政治核心作用", "1.党支部参与学校重大问题决策的情况"]
    (chunk,) = [c for c in chunk_document(doc, ChunkSettings()) if c.start <= sentence < c.end]
    assert chunk.page == 3 and chunk.ocr and chunk.ocr_confidence is not None and chunk.ocr_confidence > 0.9


def _no_engine(self):  # type: ignore[no-untyped-def]
    raise AssertionError("the OCR engine must not be loaded: every page is in the cache")


@pytest.mark.slow
def test_question_answered_from_the_scan_cites_its_page(scanned, ocr_cache, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(SCANNED, data / "自查报告扫描件.pdf")
    # The scan was read once already: its results, placed where ingest keeps them by default (beside
    # the index), must be found there, so the service never loads the engine.
    shutil.copytree(ocr_cache, tmp_path / "index" / "ocr-cache")
    monkeypatch.setattr(OcrEngine, "__init__", _no_engine)
    settings = with_overrides(load_settings(), store={"index_dir": tmp_path / "index"}, embedding={"mode": "hashing"})
    service = GovdocService(settings)
    try:
        report = service.ingest([data])
        assert report.added == 1 and not report.errors
        answer = service.ask("学校每学期召开几次教代会？", mode="extractive", who=LOCAL)
    finally:
        service.close()
    assert not answer.refused and answer.citations
    first = answer.citations[0]
    assert first.page == 3 and first.ocr and first.to_json()["ocr"] is True
    assert "每学期召开一次教代会" in first.quote


@pytest.mark.slow
def test_mixed_pdf_uses_the_text_layer_and_ocr_page_by_page(ocr_cache, real_engine):
    provider = OcrProvider(ocr_cache, engine_factory=lambda: real_engine)
    loaded = load_file(MIXED, OcrSettings(), ocr_engine=provider)
    text_page, scanned_page = loaded.pages
    assert (text_page.number, text_page.ocr, scanned_page.number, scanned_page.ocr) == (1, False, 2, True)
    assert _accuracy(text_page.text, "".join(EXPECTED["ocr_mixed.pdf"]["text_page"])) >= 0.99
    assert _accuracy(scanned_page.text, "".join(EXPECTED["ocr_mixed.pdf"]["scanned_page"])) >= 0.98
    assert scanned_page.text.split("\n")[0] == "四、明年党支部的工作思路"
    assert provider.pages_read + provider.cache_hits == 1


@pytest.mark.slow
def test_two_column_image_is_read_column_by_column(ocr_cache, real_engine):
    loaded = load_file(COLUMNS, OcrSettings(), ocr_engine=OcrProvider(ocr_cache, engine_factory=lambda: real_engine))
    assert loaded.kind == "image"
    (page,) = loaded.pages
    assert page.number is None and page.ocr
    assert _accuracy(page.text, "".join(EXPECTED["ocr_columns.png"])) >= 0.98
    assert page.text.split("\n")[0] == EXPECTED["ocr_columns.png"][0]


@pytest.fixture(scope="module")
def regulation(ocr_cache: Path, real_engine: OcrEngine):  # type: ignore[no-untyped-def]
    """The scanned regulation read by the real engine, split into its one document."""
    provider = OcrProvider(ocr_cache, engine_factory=lambda: real_engine)
    loaded = load_file(REGULATION, OcrSettings(), ocr_engine=provider)
    assert [p.ocr for p in loaded.pages] == [True, True, True]
    (doc,) = split_documents(loaded)
    return doc


@pytest.mark.slow
def test_scanned_regulation_has_the_section_paths_of_its_text_version(regulation):
    (text_doc,) = split_documents(load_file(FIXTURES / "regulation.md"))
    assert regulation.title == text_doc.title == "公共场所卫生管理条例"
    labels = re.findall(r"(?m)^第[一二三四五六七八九十]+条", text_doc.text)
    assert len(labels) == 19
    for label in labels:
        want = section_path(text_doc, text_doc.text.index(f"{label} "))
        assert section_path(regulation, regulation.text.index(f"{label} ")) == want, label
    assert section_path(regulation, regulation.text.index("各级卫生防疫机构")) == ["第三章 卫生监督", "第十条"]
    chapters = [h.text for h in regulation.headings if h.text.startswith("第") and "章" in h.text]
    assert chapters == ["第一章 总则", "第二章 卫生管理", "第三章 卫生监督", "第四章 罚则", "第五章 附则"]


@pytest.mark.slow
def test_scanned_regulation_chunks_quote_the_articles_verbatim(regulation):
    (text_doc,) = split_documents(load_file(FIXTURES / "regulation.md"))
    chunks = chunk_document(regulation, ChunkSettings())
    # Chunk for chunk the sections of the text version (the scan has no date lines under its title).
    assert [c.section for c in chunks] == [c.section for c in chunk_document(text_doc, ChunkSettings())]
    assert chunks[-2].section == "第四章 罚则 > 第十六条～第十七条"
    text_lines = (FIXTURES / "regulation.md").read_text(encoding="utf-8").splitlines()
    for label, section, page in (("第七条", "第二章 卫生管理", 1), ("第十四条", "第四章 罚则", 2), ("第十六条", "第四章 罚则 > 第十六条～第十七条", 2)):
        (want,) = [line for line in text_lines if line.startswith(f"{label} ")]
        # the whole article as printed: the gap after its label back, the marks dropped, lines joined
        (chunk,) = [c for c in chunks if want in c.text]
        assert (chunk.section, chunk.page, chunk.ocr) == (section, page, True)
    assert "·" not in regulation.text and "—" not in regulation.text and "-" not in regulation.text  # marks, page numbers
