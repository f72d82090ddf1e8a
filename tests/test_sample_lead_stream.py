"""An LLM answer quoting samples only streams the sample lead line first, not only with the final answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from assistant.sources import SAMPLE_LEAD
from assistant.types import Answer
from govdoc.accounts import LOCAL
from govdoc.service import GovdocService
from govdoc.settings import load_settings, with_overrides

fake_openai = pytest.importorskip("fake_openai")

REPORT = "青松镇中心小学家长开放日工作汇报\n\n我校每学期举办一次家长开放日，家长可以进入课堂随堂听课。\n"
REPLY = "每学期举办一次家长开放日，家长可以进入课堂随堂听课[1]。"


@pytest.fixture
def fake() -> Iterator[object]:
    with fake_openai.FakeOpenAI() as server:
        yield server


def _service(tmp_path: Path, base_url: str) -> GovdocService:
    settings = with_overrides(
        load_settings(),
        store={"index_dir": tmp_path / "index"},
        embedding={"mode": "hashing"},
        worker={"enabled": False},
        llm={"mode": "openai", "base_url": base_url, "model": "fake", "api_key": SecretStr("sk-test"), "fallback_extractive": False},
    )
    return GovdocService(settings)


def _stream(service: GovdocService) -> tuple[list[str], Answer]:
    pieces: list[str] = []
    final: Answer | None = None
    for item in service.ask_stream("家长开放日怎么安排？", who=LOCAL, mode="openai"):
        if isinstance(item, Answer):
            final = item
        else:
            pieces.append(item)
    assert final is not None
    return pieces, final


@pytest.mark.parametrize(("role", "led"), [("sample", True), ("own", False)])
def test_the_sample_lead_streams_first_when_every_passage_is_a_sample(
    tmp_path: Path, fake: object, role: str, led: bool
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    fake.enqueue(REPLY, REPLY)  # type: ignore[attr-defined]
    service = _service(tmp_path, fake.base_url)  # type: ignore[attr-defined]
    try:
        assert not service.ingest([folder], role=role).errors
        pieces, final = _stream(service)
    finally:
        service.close()
    assert not final.refused and {c.role for c in final.citations} == {role}
    assert (pieces[0] == f"{SAMPLE_LEAD}\n") is led
    assert final.text.startswith(SAMPLE_LEAD) is led
    # What streamed is what the checked answer says: no lead appended at the end, none missing from the start.
    assert "".join(pieces) == final.text
