"""One process, one port: the HTTP API (govdoc.api) with the web page mounted at ``/``, run by uvicorn."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from govdoc.web.blocks import build_blocks
from govdoc.web.page import mount_options

if TYPE_CHECKING:
    from fastapi import FastAPI

    from govdoc.service import GovdocService
    from govdoc.settings import Settings

# gradio reads these when it starts serving; set here too so `python app.py` is offline as well.
CONNECTIONS_MAX = 1000
OFFLINE_ENV = {"GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"}


def create_app(service: GovdocService, settings: Settings) -> FastAPI:
    """The FastAPI app serving the HTTP API (``/v1``, ``/api``, ``/docs``) and the web page at ``/``.

    Args:
        service: shared by the page and the API.
        settings: the app settings.
    """
    from govdoc.api import create_api

    blocks = build_blocks(service, settings)
    return create_api(service, settings, blocks, mount_kwargs=mount_options(settings))


def serve(service: GovdocService, settings: Settings) -> None:
    """Run the app on ``settings.ui.host``:``settings.ui.port`` until interrupted (Ctrl+C).

    Args:
        service: shared by the page and the API.
        settings: the app settings.
    """
    import uvicorn

    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    app = create_app(service, settings)
    uvicorn.run(
        app,
        host=settings.ui.host,
        port=settings.ui.port,
        log_level="warning",
        proxy_headers=False,  # forwarded headers are the app's to judge (govdoc.api.proxy, ui.trusted_proxies)
        limit_concurrency=CONNECTIONS_MAX,  # past this, 503 at once instead of running out of file handles
        timeout_graceful_shutdown=5,  # a client holding a stream open must not keep a stopped server alive
    )
