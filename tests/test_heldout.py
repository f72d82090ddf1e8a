"""Held-out eval: documents and questions the extractive answerer was not tuned on.

tests/data/heldout/ holds four national laws (学前教育法, 民办教育促进法, 职业教育法, 未成年人保护法)
and one saved web page of a municipal notice with its site chrome; evals/heldout_testset.jsonl
asks about them, mostly the way a school office worker would. The slow test runs the whole
set with BM25 retrieval and the hashing embedder (the dense side would be meaningless) and
holds the figures to floors the system met when the set was written, so regressions show.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evals.run import evaluate
from evals.schema import check_evidence, load_testset
from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.clean import clean_lines
from ingest.load import load_file
from ingest.split import split_documents
from ingest.types import PageText

ROOT = Path(__file__).resolve().parent.parent
HELDOUT_DIR = ROOT / "tests" / "data" / "heldout"
HELDOUT_SET = ROOT / "evals" / "heldout_testset.jsonl"
PAGE = HELDOUT_DIR / "临江市教育局_课后服务通知.html"
PAGE_TITLE = "临江市教育局关于做好2024年秋季学期义务教育阶段课后服务工作的通知"

# Floors met with bm25 + hashing when the set was written (hit@5 0.935, MRR@10 0.815,
# key-point recall 0.344, refusal accuracy 0.917, false refusals 0.516, citations 1.0).
# The low recall is what the set exists to show; raise these as the answerer improves.
FLOORS = {"hit@5": 0.90, "mrr@10": 0.75, "key_point_recall": 0.30, "refusal_accuracy": 0.90}
MAX_FALSE_REFUSAL = 0.55


def _pipeline_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for path in sorted(HELDOUT_DIR.iterdir()):
        for doc in split_documents(load_file(path)):
            texts[doc.title] = doc.text
    return texts


def test_heldout_set_is_balanced_and_quotes_are_verbatim():
    items = load_testset(HELDOUT_SET)
    answerable = [i for i in items if i.answerable]
    assert len(items) >= 40 and len(answerable) >= 28 and len(items) - len(answerable) >= 12
    texts = _pipeline_texts()
    assert len(texts) == 5, sorted(texts)
    assert {i.doc_title for i in answerable} == set(texts)
    # Exact comparison: the quotes are substrings of the cleaned text the pipeline produces.
    assert check_evidence(items, texts) == []


def test_heldout_files_stay_small():
    assert sum(p.stat().st_size for p in HELDOUT_DIR.iterdir()) < 300 * 1024


def test_saved_notice_page_keeps_the_notice_and_drops_the_site_chrome():
    docs = split_documents(load_file(PAGE))
    assert [d.title for d in docs] == [PAGE_TITLE]
    text = docs[0].text
    assert text.startswith(PAGE_TITLE)
    assert text.rstrip().endswith("2024年8月23日")
    assert "服务性收费标准为每生每学期不超过600元" in text
    assert "联系人：陈晓燕" in text  # a contact line inside the body is body text
    for chrome in ("当前位置", "浏览次数", "字号", "打印本页", "关闭窗口", "相关阅读", "暑期安全工作", "2024-07-05",
                   "版权所有", "ICP", "联系我们", "网站地图", "搜索"):  # fmt: skip
        assert chrome not in text, chrome
    assert [h.text for h in docs[0].headings][:3] == ["一、总体要求", "二、服务内容", "（一）作业辅导"]


def test_a_list_of_dated_links_at_the_end_of_a_page_is_stripped():
    page = (
        "关于做好秋季开学工作的通知\n各学校：\n现将有关事项通知如下。\n一、做好准备\n"
        "各校要在开学前完成安全检查。\n截止日期：2024-09-20\n某某区教育局\n2024年8月23日\n"
        "【打印本页】【关闭窗口】\n相关阅读\n关于做好暑期安全工作的通知2024-07-05\n"
        "关于开展读书月活动的通知 [2024-03-01]\n"
    )
    lines = [ln.text for ln in clean_lines((PageText(None, page),))]
    assert lines[-1] == "2024年8月23日"
    assert "截止日期：2024-09-20" in lines  # a labelled date stays
    joined = "\n".join(lines)
    for chrome in ("打印本页", "相关阅读", "暑期安全", "读书月"):
        assert chrome not in joined


HELDOUT2_DIR = ROOT / "tests" / "data" / "heldout2"
HELDOUT2_SET = ROOT / "evals" / "heldout2_testset.jsonl"
# heldout2 (校车安全管理条例, 公务员法, 家庭教育促进法, 政府信息公开条例; 40 items) was written after
# the answerer's tuning and run once before any change (bm25 + hashing: hit@5 0.867, MRR@10 0.683,
# key points 0.406, refusal 0.7, false refusals 0.433). Floors met after the general fixes that
# followed, some informed by its failures (hit@5 0.967, MRR@10 0.830, key points 0.644, refusal 0.8,
# false refusals 0.233).
FLOORS2 = {"hit@5": 0.93, "mrr@10": 0.78, "key_point_recall": 0.60, "refusal_accuracy": 0.75}
MAX_FALSE_REFUSAL2 = 0.30


def test_heldout2_quotes_are_verbatim():
    items = load_testset(HELDOUT2_SET)
    texts = {d.title: d.text for p in sorted(HELDOUT2_DIR.iterdir()) for d in split_documents(load_file(p))}
    assert len(texts) == 4 and {i.doc_title for i in items if i.answerable} == set(texts)
    assert check_evidence(items, texts) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("folder", "testset", "floors", "max_false_refusal"),
    [(HELDOUT_DIR, HELDOUT_SET, FLOORS, MAX_FALSE_REFUSAL), (HELDOUT2_DIR, HELDOUT2_SET, FLOORS2, MAX_FALSE_REFUSAL2)],
    ids=["heldout", "heldout2"],
)
def test_heldout_eval_meets_floors(
    tmp_path: Path, folder: Path, testset: Path, floors: dict[str, float], max_false_refusal: float
) -> None:
    settings = Settings(
        data_dir=folder,
        embedding={"mode": "hashing"},
        retrieval={"mode": "bm25"},
        store={"index_dir": tmp_path / "index"},
    )
    service = GovdocService(settings)
    try:
        report = service.ingest([folder])
        assert not report.errors, report.errors
        result = evaluate(service, load_testset(testset))
    finally:
        service.close()
    m = result.metrics
    summary = {k: m[k] for k in (*floors, "false_refusal_rate", "citation_validity")}
    assert m["n_errors"] == 0
    for key, floor in floors.items():
        assert m[key] is not None and m[key] >= floor, summary
    assert m["false_refusal_rate"] is not None and m["false_refusal_rate"] <= max_false_refusal, summary
    # Every quote the answerer cites is verbatim in its document, whatever else fails.
    assert m["citation_validity"] == 1.0, summary
