"""Validation errors of the API are said in Chinese, down to the allowed values pydantic lists in English."""

from __future__ import annotations

from typing import Literal

from fastapi import FastAPI, Query
from fastapi.testclient import TestClient

from govdoc.api.errors import install_error_handlers


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/api/draft")
    def draft(format: Literal["json", "docx"] = Query("json"), kind: Literal["a", "b", "c"] = Query("a")) -> dict[str, str]:
        return {"format": format, "kind": kind}

    return app


def test_the_allowed_values_are_listed_with_a_chinese_or() -> None:
    with TestClient(_app()) as c:
        two = c.get("/api/draft", params={"format": "pdf"})
        three = c.get("/api/draft", params={"kind": "z"})
        assert c.get("/api/draft", params={"format": "docx"}).status_code == 200
    assert two.status_code == 400 and three.status_code == 400
    said = two.json()["error"]["message"]
    assert "format" in said and "'json' 或 'docx'" in said and " or " not in said, said
    said = three.json()["error"]["message"]
    assert "'a', 'b' 或 'c'" in said and " or " not in said, said
