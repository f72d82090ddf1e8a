"""The web app's entry point: build settings, build the service, build the page, serve it.

``python app.py`` is the same as ``govdoc serve``: the index is brought up to date with the data
folder first, then the web page (``/``) and the HTTP API (``/v1``, ``/api``) run on one port.
The page itself is `govdoc.web.blocks.build_blocks`; `create_app` is the FastAPI app uvicorn runs.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from govdoc.web.blocks import build_blocks
from govdoc.web.server import create_app

__all__ = ["build_blocks", "create_app", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``govdoc serve`` with these arguments (e.g. ``--port 8080``)."""
    from govdoc.cli import main as cli_main

    return cli_main(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
