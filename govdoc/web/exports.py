"""Downloads of the chat: a kept conversation (or one answer of it) as Word or Markdown, and the user's
own test set. Each request is checked for who is asking, and finds only that owner's things."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from govdoc.accounts import Principal
from govdoc.conversations import ConversationError, owner_of
from govdoc.sourcename import shown_to_reader
from govdoc.web.actions import EXPORT_ROUTE, TESTSET_ROUTE

if TYPE_CHECKING:
    from govdoc.service import GovdocService

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def export_router(service: GovdocService) -> APIRouter:
    """The chat's download routes (outside the OpenAPI schema: they serve the page)."""
    router = APIRouter(include_in_schema=False)

    def who(request: Request) -> Principal:
        found = service.access.principal({k.lower(): v for k, v in request.headers.items()}, dict(request.cookies))
        if found is None:
            raise HTTPException(401, "请先登录")
        return found

    @router.get(EXPORT_ROUTE + "/{conversation}")
    def export(request: Request, conversation: str, fmt: str = "docx", turn: int | None = None, b: str = "") -> Response:
        from assistant.export import answers_to_docx, answers_to_markdown

        asker = who(request)
        owner = owner_of(asker, b)
        try:
            kept = service.conversations.get(owner, conversation)
            turns = service.kept_turns(owner, conversation, who=asker)
        except ConversationError as exc:
            raise HTTPException(404, str(exc)) from exc
        if turn is not None:
            turns = [t for t in turns if t.seq == turn]
            if not turns:
                raise HTTPException(404, "找不到这条回答")
        answers = [shown_to_reader(t.answer) for t in turns]
        title = kept.title if turn is None else f"{kept.title}（第 {turn + 1} 条回答）"
        stem = re.sub(r"[^\w]+", "_", title).strip("_")[:60] or "对话"
        if fmt == "md":
            body = answers_to_markdown(title, answers).encode("utf-8")
            return _download(body, f"{stem}.md", "text/markdown; charset=utf-8")
        if fmt != "docx":
            raise HTTPException(400, "只能导出为 Word 或文本文件")
        with tempfile.TemporaryDirectory(prefix="govdoc-chat-") as folder:
            path = answers_to_docx(title, answers, Path(folder) / "export.docx")
            body = path.read_bytes()
        return _download(body, f"{stem}.docx", DOCX_TYPE)

    @router.get(TESTSET_ROUTE)
    def testset(request: Request, b: str = "") -> Response:
        path = service.feedback.testset_path(owner_of(who(request), b))
        if not path.is_file():
            raise HTTPException(404, "你的测试集还是空的")
        return _download(path.read_bytes(), "testset.jsonl", "application/jsonl; charset=utf-8")

    return router


def _download(body: bytes, filename: str, media_type: str) -> Response:
    disposition = f"attachment; filename=\"download{Path(filename).suffix}\"; filename*=UTF-8''{quote(filename)}"
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})
