"""The outline of a draft on a whole term's work (tests/data/drafting/term/: a made-up primary school's term
summary): a document whose title is the topic lends all its parts, not only those the search ranked first."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from index_checks import hashing_settings

from assistant.draft import Drafter, DraftSettings
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService

DOCS = Path(__file__).resolve().parent / "data" / "drafting" / "term"
PARTS = ("抓实少先队活动", "推进书香校园建设", "加强体育锻炼", "做好午餐供应", "做好心理辅导工作", "存在的问题和下一步打算")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GovdocService]:
    svc = GovdocService(hashing_settings(tmp_path_factory.mktemp("term")))
    assert not svc.ingest([DOCS / "青松小学2024年春季学期工作总结.md"], role="own").errors
    yield svc
    svc.close()


def test_a_document_titled_by_the_topic_lends_all_its_parts(service: GovdocService) -> None:
    roles = {d.doc_id: d.role for d in service.documents(LOCAL)}
    # The search of the whole index looks at two passages only; the summary's six parts are still the outline.
    narrow = replace(DraftSettings(), outline_k=2)
    drafter = Drafter(service.retriever, service.extractive, settings=narrow, roles=roles)
    assert drafter.outline("本学期工作", "工作总结") == list(PARTS)
