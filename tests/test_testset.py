"""The bundled eval test set is well-formed and its evidence is verbatim in the source files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evals.schema import BUNDLED_TESTSET, TestItem, TestsetError, check_evidence, load_testset
from ingest.walk import iter_files

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_SENTENCE_END = re.compile(r"[。！？]")


@pytest.fixture(scope="module")
def items() -> list[TestItem]:
    return load_testset(BUNDLED_TESTSET)


@pytest.fixture(scope="module")
def raw_files() -> dict[str, str]:
    """File name -> raw UTF-8 content of every source document in data/."""
    files = sorted(p for p in iter_files([DATA_DIR]) if isinstance(p, Path))  # as ingest walks it
    assert files, "data/ 下没有源文档"
    return {p.name: p.read_text(encoding="utf-8") for p in files}


def _file_holding(title: str, raw_files: dict[str, str]) -> str:
    """The raw content of the one file that contains ``title``."""
    holders = [text for text in raw_files.values() if title in text]
    assert len(holders) == 1, f"《{title}》出现在 {len(holders)} 个文件中"
    return holders[0]


def test_bundled_testset_loads_with_expected_mix(items: list[TestItem]) -> None:
    answerable = [i for i in items if i.answerable]
    unanswerable = [i for i in items if not i.answerable]
    assert len(items) >= 75
    assert len(unanswerable) >= 15
    titles = {i.doc_title for i in answerable}
    assert len(titles) == 5
    for title in titles:
        assert sum(i.doc_title == title for i in answerable) >= 10, title
    reports = [i for i in answerable if not i.doc_title.startswith("中华人民共和国")]
    laws = [i for i in answerable if i.doc_title.startswith("中华人民共和国")]
    assert len(reports) >= 30 and len(laws) >= 30
    questions = {i.question: i for i in items}
    assert questions["哪些事项需要由党支部研究决定？"].answerable
    assert not questions["学校食堂的午餐标准是多少钱？"].answerable


def test_items_follow_authoring_rules(items: list[TestItem]) -> None:
    for item in items:
        if not item.answerable:
            assert item.reference == "资料中未找到相关内容", item.id
            continue
        assert 2 <= len(item.key_points) <= 8, item.id
        assert 1 <= len(item.evidence) <= 3, item.id
        for quote in item.evidence:
            assert 10 <= len(quote) <= 80, (item.id, quote)
            assert "\n" not in quote and "#" not in quote, (item.id, quote)
            # A quote lies within one sentence: no sentence end except at its very end.
            assert not _SENTENCE_END.search(quote[:-1]), (item.id, quote)
        joined = "".join(item.evidence)
        for variants in item.key_points:
            # The canonical phrasing is extractable: it appears verbatim in the evidence.
            assert variants[0] in joined, (item.id, variants[0])


def test_evidence_is_verbatim_in_the_raw_source_file(items: list[TestItem], raw_files: dict[str, str]) -> None:
    titles = {i.doc_title for i in items if i.answerable}
    for item in items:
        if not item.answerable:
            continue
        text = _file_holding(item.doc_title, raw_files)
        # A quote lies in its document's body: after the document's own title and before the
        # title of the next document held by the same file (the .txt holds two reports).
        start = text.index(item.doc_title) + len(item.doc_title)
        later = [text.index(t) for t in titles if t in text and text.index(t) > start]
        body = text[start : min(later, default=len(text))]
        for quote in item.evidence:
            assert quote in body, (item.id, quote)


def test_evidence_is_distinctive(items: list[TestItem], raw_files: dict[str, str]) -> None:
    """Each quote occurs once in the corpus, so a retrieval hit on it means the right passage."""
    corpus = "\n".join(raw_files.values())
    for item in items:
        for quote in item.evidence:
            assert corpus.count(quote) == 1, (item.id, quote)


def test_check_evidence_reports_missing_quotes_and_titles(items: list[TestItem], raw_files: dict[str, str]) -> None:
    answerable = [i for i in items if i.answerable]
    docs = {i.doc_title: _file_holding(i.doc_title, raw_files) for i in answerable}
    assert check_evidence(items, docs) == []

    altered = TestItem(
        id="x1",
        question="问？",
        answerable=True,
        reference="答",
        key_points=(("七名",),),
        evidence=("设立了七名支委委员",),
        doc_title=answerable[0].doc_title,
    )
    unknown = TestItem(
        id="x2",
        question="问？",
        answerable=True,
        reference="答",
        key_points=(("a",),),
        evidence=("某段文字",),
        doc_title="不存在的文件",
    )
    problems = check_evidence([altered, unknown], docs)
    assert len(problems) == 2
    assert problems[0].startswith("x1：evidence[0] 未在") and "设立了七名支委委员" in problems[0]
    assert problems[1] == "x2：找不到标题为《不存在的文件》的文档"


def test_check_evidence_applies_the_normaliser_to_both_sides() -> None:
    item = TestItem("a", "问？", True, "答", (("甲",),), ("甲 乙，丙",), "文档")
    docs = {"文档": "前文甲乙,丙后文"}
    assert len(check_evidence([item], docs)) == 1
    squash = str.maketrans({"，": ",", " ": None})
    assert check_evidence([item], docs, normalize=lambda s: s.translate(squash)) == []


# ---- malformed lines are rejected with the line number ----

_GOOD = {
    "id": "q1",
    "question": "教师节是哪一天？",
    "answerable": True,
    "reference": "每年九月十日。",
    "key_points": [["九月十日", "9月10日"]],
    "evidence": ["每年九月十日为教师节"],
    "doc_title": "中华人民共和国教师法",
}
_UNANSWERABLE = {
    "id": "u1",
    "question": "校服多少钱？",
    "answerable": False,
    "reference": "资料中未找到相关内容",
    "key_points": [],
    "evidence": [],
    "doc_title": "",
}


def _write(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "set.jsonl"
    lines = [row if isinstance(row, str) else json.dumps(row, ensure_ascii=False) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_well_formed_file_loads_into_frozen_items(tmp_path: Path) -> None:
    path = _write(tmp_path, _GOOD, "", _UNANSWERABLE)
    loaded = load_testset(path)
    assert [i.id for i in loaded] == ["q1", "u1"]
    assert loaded[0].key_points == (("九月十日", "9月10日"),)
    assert loaded[0].evidence == ("每年九月十日为教师节",)
    assert loaded[1].answerable is False
    with pytest.raises(AttributeError):
        loaded[0].id = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"question": None}, "缺少字段 question"),
        ({"extra": 1}, "多余字段 extra"),
        ({"answerable": "yes"}, "字段 answerable 应为布尔值，实际为 str"),
        ({"key_points": "九月十日"}, "字段 key_points 应为列表，实际为 str"),
        ({"question": "  "}, "字段 question 不能为空"),
        ({"key_points": []}, "可回答的题目必须给出 key_points"),
        ({"evidence": []}, "可回答的题目必须给出 evidence"),
        ({"doc_title": ""}, "可回答的题目必须给出 doc_title"),
        ({"key_points": [[]]}, "key_points[0] 应为非空列表（同一要点的可接受写法）"),
        ({"key_points": [["九月十日", 9]]}, "key_points[0][1] 应为非空字符串"),
        ({"evidence": [""]}, "evidence[0] 应为非空字符串"),
    ],
)
def test_malformed_answerable_line_is_rejected_with_line_number(
    tmp_path: Path, change: dict[str, object], reason: str
) -> None:
    bad = {k: v for k, v in {**_GOOD, **change, "id": "q2"}.items() if v is not None}
    path = _write(tmp_path, _GOOD, bad)
    with pytest.raises(TestsetError) as info:
        load_testset(path)
    assert info.value.line == 2
    assert info.value.reason == reason
    assert str(info.value) == f"{path} 第 2 行：{reason}"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"evidence": ["每年九月十日为教师节"]}, "不可回答的题目不应有 evidence"),
        ({"key_points": [["九月十日"]]}, "不可回答的题目不应有 key_points"),
        ({"doc_title": "中华人民共和国教师法"}, "不可回答的题目的 doc_title 应为空字符串"),
    ],
)
def test_unanswerable_item_with_evidence_is_rejected(tmp_path: Path, change: dict[str, object], reason: str) -> None:
    path = _write(tmp_path, _GOOD, _GOOD | {"id": "q2"}, _UNANSWERABLE | change)
    with pytest.raises(TestsetError) as info:
        load_testset(path)
    assert (info.value.line, info.value.reason) == (3, reason)


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, _GOOD, _UNANSWERABLE, _GOOD)
    with pytest.raises(TestsetError) as info:
        load_testset(path)
    assert (info.value.line, info.value.reason) == (3, "id 'q1' 重复（第 1 行已使用）")


def test_bad_json_and_non_object_lines_are_rejected(tmp_path: Path) -> None:
    with pytest.raises(TestsetError) as info:
        load_testset(_write(tmp_path, _GOOD, '{"id": "q2",'))
    assert info.value.line == 2 and info.value.reason.startswith("不是合法的 JSON")
    with pytest.raises(TestsetError) as info:
        load_testset(_write(tmp_path, "[1, 2]"))
    assert (info.value.line, info.value.reason) == (1, "每行必须是一个 JSON 对象")
