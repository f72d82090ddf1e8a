"""govdoc serve's pieces: the page mounted at / in the API's FastAPI app, and the port check."""

from __future__ import annotations

import socket
from pathlib import Path

from fastapi.testclient import TestClient

from govdoc.commands.serve import port_problem
from govdoc.service import GovdocService
from govdoc.settings import Settings
from govdoc.web.page import TITLE
from govdoc.web.server import create_app


def test_create_app_serves_the_page_and_the_api_on_one_app(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        embedding={"mode": "hashing"},  # type: ignore[arg-type]
        store={"index_dir": tmp_path / "index"},  # type: ignore[arg-type]
    )
    service = GovdocService(settings)
    try:
        with TestClient(create_app(service, settings), base_url="http://127.0.0.1:7860") as client:
            page = client.get("/")
            assert page.status_code == 200
            assert "fonts.googleapis.com" not in page.text
            config = client.get("/config").json()
            assert config["title"] == TITLE
            assert config["footer_links"] == []
            assert client.get("/docs").status_code == 200  # the HTTP API's own docs, same port
            # With no accounts the server answers only to its loopback names (no DNS rebinding).
            rebound = client.get("/api/documents", headers={"Host": "rebind.attacker.example"})
            assert rebound.status_code == 403
    finally:
        service.close()


def test_port_problem_names_a_taken_port() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        problem = port_problem("127.0.0.1", port)
    assert problem is not None and f"端口 {port} 已被占用" in problem and "--port" in problem
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    assert port_problem("127.0.0.1", port) is None
