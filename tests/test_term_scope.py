"""What a knowledge base one may not read holds does not show through an answer: the words of a reader's
question are weighed and looked up in the documents that reader may read, so a word found only in
another base is as unknown to them as a word found nowhere (a refusal's reason names the same word)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from govdoc.accounts import Principal
from govdoc.service import GovdocService
from govdoc.settings import Settings
from ingest.bm25 import Bm25Index

OURS = "# 值班制度\n\n第一条 学校实行领导带班和教师值班制度。\n\n第二条 值班教师须在七点三十分前到岗。\n".encode()
THEIRS = "# 财务规定\n\n第一条 蓝鲸小组负责学校的财务审核。\n\n第二条 蓝鲸小组每月报告一次。\n".encode()


@pytest.fixture
def service(tmp_path: Path) -> Iterator[GovdocService]:
    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    (tmp_path / "data").mkdir()
    service = GovdocService(settings)
    for base, editor in (("甲校", "编辑甲"), ("乙校", "编辑乙")):
        service.kbs.create(base)
        service.accounts.add_user(editor, "long-enough-1", "editor")
        service.kbs.grant(base, editor, "editor")
    service.accounts.add_user("教师甲", "long-enough-1", "reader")
    service.kbs.grant("甲校", "教师甲", "reader")
    service.upload("值班制度.md", OURS, who=Principal("编辑甲", "editor", "session"), kbs=["甲校"])
    service.upload("财务规定.md", THEIRS, who=Principal("编辑乙", "editor", "session"), kbs=["乙校"])
    yield service
    service.close()


def test_a_word_only_another_base_holds_is_as_unknown_as_one_nowhere(service: GovdocService) -> None:
    reader = Principal("教师甲", "reader", "session")
    hidden = service.ask("蓝鲸小组设在哪里？", who=reader)  # 蓝鲸 is only in 乙校's file
    # 骆驼 is in no file. (Of words weighed alike the reason names the one that sorts last, so the word
    # compared with sorts after the question's other words as 蓝鲸 does.)
    nowhere = service.ask("骆驼小组设在哪里？", who=reader)
    assert hidden.refused and nowhere.refused
    assert hidden.notes == tuple(n.replace("骆驼", "蓝鲸") for n in nowhere.notes), (hidden.notes, nowhere.notes)
    # 乙校's own editor reads the file: there the word is known, and answered from.
    theirs = service.ask("蓝鲸小组负责什么？", who=Principal("编辑乙", "editor", "session"))
    assert not theirs.refused and "财务审核" in theirs.text


def test_term_counts_within_some_chunks_are_those_of_an_index_of_those_chunks_alone() -> None:
    rows = [["蓝鲸", "小组"], ["教师", "值班"], ["教师", "到岗", "教师"], ["蓝鲸", "教师"]]
    whole = Bm25Index([f"c{i}" for i in range(len(rows))], rows)
    within = whole.within(whole.mask(["c1", "c2"]))
    alone = Bm25Index(["c1", "c2"], rows[1:3])
    for token in ("蓝鲸", "小组", "教师", "值班", "到岗", "没有"):
        assert within.df(token) == alone.df(token), token
        assert within.idf(token) == pytest.approx(alone.idf(token)), token
    assert whole.df("蓝鲸") == 2 and within.df("蓝鲸") == 0
    assert whole.within(np.ones(len(rows), dtype=bool)).idf("教师") == pytest.approx(whole.idf("教师"))
