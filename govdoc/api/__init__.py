"""The HTTP API: OpenAI-compatible chat (``/v1``) and REST (``/api``) over one `GovdocService`.

`create_api` builds one FastAPI app that serves the API, its OpenAPI docs at ``/docs`` and,
when given, the gradio web chat at ``/`` — one process, one port. Every request passes the login
gate first (`govdoc.api.auth`); ``/v1`` and ``/api`` requests then pass a body-size limit.
Answering requests hold one of ``settings.ui.max_concurrency`` slots, taken without waiting, and one
user at most ``settings.ui.per_user_slots()`` of them; none free means 429. Blocking service calls run in worker threads, never on the event loop.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI
from fastapi_offline import FastAPIOffline

from govdoc.api.auth import AuthGate
from govdoc.api.errors import install_error_handlers
from govdoc.api.guard import (
    JSON_BODY_MAX,
    LOCAL_ORIGINS,
    MIB,
    MULTIPART_OVERHEAD,
    ApiCors,
    ApiGuard,
    Slots,
)
from govdoc.api.openai import openai_router
from govdoc.api.proxy import ForwardedHeaders
from govdoc.api.rest import rest_router
from govdoc.api.versions import versions_router
from govdoc.settings import Settings

if TYPE_CHECKING:
    import gradio as gr

    from govdoc.service import GovdocService

__all__ = ["create_api"]

UPLOADS_WAITING = 2  # uploads being read or waiting for the index at once; more get 429 at once

# ----------------------------------------------------------------------------- the app


def create_api(
    service: GovdocService,
    settings: Settings,
    blocks: gr.Blocks | None = None,
    *,
    mount_kwargs: Mapping[str, Any] | None = None,
) -> FastAPI:
    """The govdoc HTTP server: OpenAI-compatible ``/v1``, REST ``/api``, docs at ``/docs``, web chat at ``/``.

    Args:
        service: the application's operations (shared with the web chat).
        settings: the app settings (``api``, ``ui``, ``llm`` and ``data_dir`` are used here).
        blocks: the gradio web chat, mounted at ``/`` so it shares the process and port; None: API only.
        mount_kwargs: extra keyword arguments for ``gradio.mount_gradio_app`` (e.g. the page's own ``auth``).

    Returns:
        The FastAPI app, ready for uvicorn.
    """
    # Swagger UI and ReDoc from files in the fastapi-offline wheel: the stock pages load them from a
    # CDN, which shows an empty page offline and sends three requests outside.
    app = FastAPIOffline(
        redoc_url=None,  # ReDoc's footer fetches its logo from a CDN; /docs serves the same spec offline
        title="govdoc API",
        version="1",
        description="离线公文问答：兼容 OpenAI 的 /v1/chat/completions，以及文档管理、问答、起草、评测的 /api 接口。"
        "设置了 API 密钥时，请求需带 Authorization: Bearer <密钥>。",
    )
    slots = Slots(settings.ui.max_concurrency, settings.ui.per_user_slots())
    upload_slots = Slots(UPLOADS_WAITING)  # uploads queue for the one writer here, never in the answering slots
    app.state.govdoc_slots = slots
    install_error_handlers(app)
    app.include_router(openai_router(service, settings, slots))
    app.include_router(rest_router(service, settings, slots, upload_slots))
    app.include_router(versions_router(service))

    upload_limit = settings.ui.upload_max_bytes()

    def body_limit(path: str) -> int:
        if path in ("/api/documents", "/api/eval"):
            return upload_limit + MULTIPART_OVERHEAD
        return JSON_BODY_MAX

    # Middleware runs outermost-last-added: CORS preflight, then the login gate, then the file
    # references of the page's events, then the API's body limit, then the routes.
    app.add_middleware(ApiGuard, body_limit=body_limit)
    if blocks is not None:
        import gradio as gr
        from gradio.utils import get_upload_folder

        from govdoc.web.eventgate import EventGate
        from govdoc.web.exports import export_router
        from govdoc.web.filegate import FileGate, FileGrants
        from govdoc.web.filerefs import FileRefGuard
        from govdoc.web.pageerrors import PageErrors
        from govdoc.web.sessions import SessionGuard, SessionOwners
        from govdoc.web.uploadgate import UploadCache, UploadGate

        app.include_router(export_router(service))  # before the page's mount at "/", which takes every path

        options = {"server_name": settings.ui.host, "server_port": settings.ui.port, **dict(mount_kwargs or {})}
        app = gr.mount_gradio_app(app, blocks, path="/", **options)
        # gradio checks that an event's file references lie in its upload folder only once
        # ``launch()`` has set this flag; a mounted page never sets it, so set it here.
        blocks.has_launched = True
        app.add_middleware(PageErrors, routes=list(app.routes))  # innermost: the page's own English error answers become Chinese
        grants = FileGrants()  # who was handed which of gradio's files
        app.add_middleware(FileRefGuard, uploaded=lambda: blocks.upload_file_set, grants=grants)
        owners = SessionOwners()
        app.add_middleware(EventGate, blocks=blocks, owners=owners, per_user=settings.ui.per_user_slots())
        app.add_middleware(SessionGuard, owners=owners)  # below the login gate: it needs to know who is asking
        cache = UploadCache(Path(get_upload_folder()), int(settings.ui.upload_cache_max_mb * MIB), owned=grants.paths_of)
        app.add_middleware(
            UploadGate,
            may_upload=service.permissions.may_upload,
            audit=service.audit,
            cache=cache,
            file_max_bytes=upload_limit,
        )
        app.add_middleware(FileGate, grants=grants, may_read=service.may_read_file)
    app.add_middleware(AuthGate, access=service.access, audit=service.audit)
    # With a key every origin may call (the key is the protection); without one only local apps.
    keyed = bool(service.access.keys) or service.accounts.has_users()
    origins: dict[str, Any] = {"allow_origins": ["*"]} if keyed else {"allow_origin_regex": LOCAL_ORIGINS}
    app.add_middleware(ApiCors, local_apps=not keyed, **origins)
    app.add_middleware(ForwardedHeaders, trusted=settings.ui.trusted_proxies)  # outermost: before anyone reads them
    return app
