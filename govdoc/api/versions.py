"""``/api/versions``: the documents with several versions, a diff of two, and a user's correction."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from govdoc.api.auth import principal_of
from govdoc.api.errors import ApiError
from govdoc.permissions import Forbidden
from govdoc.versions import change_json, diff_summary, version_json
from ingest.store import NotInIndexError

if TYPE_CHECKING:
    from govdoc.service import GovdocService


class VersionCorrection(BaseModel):
    """A ``POST /api/versions/{doc_id}`` body: what to correct about one document's version."""

    model_config = ConfigDict(extra="forbid")

    same_as: str | None = Field(None, description="the id of a document this one is another version of")
    alone: bool = Field(False, description="count this document as a version of none other")
    date: str | None = Field(None, description="its version date: 2024, 2024-12 or 2024-12-31")
    current: bool | None = Field(None, description="true: make it the current version whatever its date")
    clear: bool = Field(False, description="drop every correction of this document")


def versions_router(service: GovdocService) -> APIRouter:
    """The routes; every one reads the asker from the login gate like the other /api routes."""
    router = APIRouter(prefix="/api", tags=["govdoc"])

    @router.get("/versions", summary="有多个版本的文档：每组按日期从旧到新，标明现行版本")
    async def list_versions(request: Request) -> list[list[dict[str, Any]]]:
        who = principal_of(request.scope)
        groups = await run_in_threadpool(service.versions, who)
        return [[version_json(v) for v in g] for g in groups]

    @router.get("/versions/diff", summary="逐条对比两个版本")
    async def diff_versions(
        request: Request,
        old: Annotated[str, Query(description="旧版本的文档编号")],
        new: Annotated[str, Query(description="新版本的文档编号")],
        all: Annotated[bool, Query(description="也列出未改动的条文")] = False,
    ) -> dict[str, Any]:
        who = principal_of(request.scope)
        try:
            changes = await run_in_threadpool(partial(service.version_diff, old, new, who=who))
        except NotInIndexError as exc:
            raise ApiError(404, str(exc), "document_not_found") from exc
        return {
            "summary": diff_summary(changes),
            "changes": [change_json(c) for c in changes if all or c.kind != "same"],
        }

    @router.post("/versions/{doc_id}", summary="更正一篇文档的版本归属、日期或现行版本")
    async def correct_version(request: Request, doc_id: str, body: VersionCorrection) -> dict[str, Any]:
        who = principal_of(request.scope)
        group = "" if body.alone else body.same_as
        try:
            v = await run_in_threadpool(
                partial(
                    service.set_version, doc_id, who=who, group=group, date=body.date, current=body.current, clear=body.clear
                )
            )
        except NotInIndexError as exc:
            raise ApiError(404, str(exc), "document_not_found") from exc
        except Forbidden as exc:
            raise ApiError(exc.status, exc.message, "forbidden") from exc
        except ValueError as exc:
            raise ApiError(400, str(exc), "bad_date") from exc
        return version_json(v)

    return router
