"""The HTTP API over a real uvicorn server on 127.0.0.1 and a real (hashing-embedder) index of data/.

Every request goes through a real socket with httpx: status codes, OpenAI-style error bodies,
SSE framing, uploads and deletes, the key check, the 429 slot limit and 20 concurrent questions.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from pydantic import SecretStr

from assistant.sources import SAMPLE_LEAD
from assistant.types import REFUSAL
from govdoc import openai_compat as oa
from govdoc.accounts import LOCAL
from govdoc.api import create_api
from govdoc.commands.serve import exposure_problem, lan_addresses, start_line
from govdoc.service import REMOVED_UPLOADS, GovdocService
from govdoc.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
KEY_QUESTION = "哪些事项需要由党支部研究决定？"
KEY_POINTS = ("党的建设", "办学方向", "改革发展", "教职工切身利益")
UPLOAD_MAX_MB = 1.0


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn on a free 127.0.0.1 port in a thread; yields the base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def make_settings(tmp: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp / "data",
        "embedding": {"mode": "hashing"},
        "store": {"index_dir": tmp / "index"},
        "ui": {"max_concurrency": 32, "upload_max_mb": UPLOAD_MAX_MB},
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[GovdocService, Settings]]:
    """A service over a real index of a copy of data/ (uploads then land in the copy, not the repo)."""
    tmp = tmp_path_factory.mktemp("api")
    shutil.copytree(ROOT / "data", tmp / "data")
    settings = make_settings(tmp)
    service = GovdocService(settings)
    report = service.ingest([settings.data_dir])
    assert report.added == 4 and not report.errors
    yield service, settings
    service.close()


@pytest.fixture(scope="module")
def base(world: tuple[GovdocService, Settings]) -> Iterator[str]:
    service, settings = world
    with serving(create_api(service, settings)) as url:
        yield url


@pytest.fixture
def client(base: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base, timeout=60) as c:
        yield c


def chat(question: str, **extra: Any) -> dict[str, Any]:
    return {"model": "govdoc", "messages": [{"role": "user", "content": question}], **extra}


def assert_openai_error(response: httpx.Response, status: int, code: str | None = None) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["message"] and isinstance(error["type"], str)
    if code is not None:
        assert error["code"] == code
    return str(error["message"])


def uploads(settings: Settings) -> list[str]:
    folder = settings.data_dir / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# ----------------------------------------------------------------------------- models and chat


def test_models_list_default_and_extractive(client: httpx.Client) -> None:
    body = client.get("/v1/models").json()
    assert body["object"] == "list"
    assert [m["id"] for m in body["data"]] == ["govdoc", "govdoc-extractive"]
    assert all(m["object"] == "model" for m in body["data"])
    assert client.get("/v1/models/govdoc").json()["id"] == "govdoc"
    assert_openai_error(client.get("/v1/models/gpt-4o"), 404, "model_not_found")


def test_llm_model_listed_only_when_an_llm_is_configured(tmp_path: Path) -> None:
    assert "govdoc-llm" not in oa.model_modes(make_settings(tmp_path))
    with_url = make_settings(tmp_path, llm={"base_url": "http://127.0.0.1:8080/v1", "model": "qwen"})
    assert oa.model_modes(with_url) == {"govdoc": "extractive", "govdoc-extractive": "extractive", "govdoc-llm": "openai"}
    local = make_settings(tmp_path, llm={"mode": "llamacpp", "model_path": tmp_path / "m.gguf"})
    assert oa.model_modes(local)["govdoc"] == "llamacpp"
    assert oa.model_modes(local)["govdoc-llm"] == "llamacpp"


def test_chat_completion_answers_with_checked_citations_and_footer(
    client: httpx.Client, world: tuple[GovdocService, Settings]
) -> None:
    service, _ = world
    response = client.post("/v1/chat/completions", json=chat(KEY_QUESTION, temperature=0.7, top_p=0.9))
    assert response.status_code == 200
    body = response.json()
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    assert body["model"] == "govdoc"
    choice = body["choices"][0]
    assert choice["finish_reason"] == "stop" and choice["message"]["role"] == "assistant"
    content = choice["message"]["content"]
    answer = service.ask(KEY_QUESTION, who=LOCAL)
    assert content == answer.text + oa.sources_footer(answer.citations)
    assert body["refused"] is False and body["verified"] is True
    assert body["citations"] == [c.to_json() for c in answer.citations]
    assert "\n\n参考来源：\n[1] " in content
    for point in KEY_POINTS:
        assert point in content
    usage = body["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0


def test_chat_stream_is_sse_in_chunk_format(client: httpx.Client, world: tuple[GovdocService, Settings]) -> None:
    service, _ = world
    events: list[str] = []
    with client.stream("POST", "/v1/chat/completions", json=chat(KEY_QUESTION, stream=True)) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line:
                assert line.startswith("data: ")
                events.append(line[len("data: ") :])
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    assert len({c["id"] for c in chunks}) == 1
    assert chunks[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    final = chunks[-1]
    assert final["choices"][0]["finish_reason"] == "stop" and final["choices"][0]["delta"] == {}
    assert all(c["choices"][0]["finish_reason"] is None for c in chunks[:-1])
    deltas = [c["choices"][0]["delta"].get("content", "") for c in chunks[1:-1]]
    answer = service.ask(KEY_QUESTION, who=LOCAL)
    assert len(deltas) > 2  # streamed in pieces, not one block
    assert "".join(deltas) == answer.text + oa.sources_footer(answer.citations)
    assert deltas[-1] == oa.sources_footer(answer.citations)
    assert final["citations"] == [c.to_json() for c in answer.citations]
    assert final["refused"] is False and final["verified"] is True


def test_refusal_is_the_fixed_phrase_without_footer(client: httpx.Client) -> None:
    body = client.post("/v1/chat/completions", json=chat("学校食堂的午餐标准是多少钱？")).json()
    # Depends on the extractive answerer refusing this question (the lead tunes it).
    assert body["refused"] is True
    assert body["choices"][0]["message"]["content"] == REFUSAL
    assert body["citations"] == []


def test_history_makes_a_follow_up_answerable(client: httpx.Client) -> None:
    alone = client.post("/v1/chat/completions", json=chat("还有呢？")).json()
    first = client.post("/v1/chat/completions", json=chat(KEY_QUESTION)).json()
    messages = [
        {"role": "system", "content": "你是助手。"},
        {"role": "user", "content": [{"type": "text", "text": KEY_QUESTION}]},
        {"role": "assistant", "content": first["choices"][0]["message"]["content"]},
        {"role": "user", "content": "还有呢？"},
    ]
    follow = client.post("/v1/chat/completions", json={"model": "govdoc", "messages": messages}).json()
    assert alone["refused"] is True
    assert follow["refused"] is False
    assert all(point in follow["choices"][0]["message"]["content"] for point in KEY_POINTS)
    # What the follow-up was taken to mean is an extra field; a question that stands alone has none.
    assert follow["resolved_question"] == KEY_QUESTION
    assert "resolved_question" not in first


def test_split_conversation_drops_system_messages_and_footers() -> None:
    messages = [
        oa.ChatMessage(role="system", content="规则"),
        oa.ChatMessage(role="user", content="问一"),
        oa.ChatMessage(role="assistant", content="答一。[1]\n\n参考来源：\n[1] 某法 · 第一条：“原文”"),
        oa.ChatMessage(role="user", content=[oa.ContentPart(type="text", text="问二"), oa.ContentPart(type="image_url")]),
    ]
    assert oa.split_conversation(messages) == ("问二", [("user", "问一"), ("assistant", "答一。[1]")])
    with pytest.raises(oa.NoQuestionError):
        oa.split_conversation([oa.ChatMessage(role="user", content="  ")])


def test_footer_lists_title_section_page_and_quote_on_one_line() -> None:
    from assistant.types import Citation

    cites = [
        Citation(1, "甲法", "a.md", "第一章 > 第二条", None, "第一句。\n第二句。", "c1", "d1", 0, 9),
        Citation(2, "乙报告", "b.pdf", "", 3, "原文。", "c2", "d2", 0, 3),
    ]
    assert oa.sources_footer(cites) == (
        "\n\n参考来源：\n[1] 甲法 · 第一章 > 第二条：“第一句。 第二句。”\n[2] 乙报告 · 第3页：“原文。”"
    )
    assert oa.sources_footer([]) == ""


def test_footer_can_be_turned_off(world: tuple[GovdocService, Settings]) -> None:
    service, settings = world
    quiet = settings.model_copy(update={"api": settings.api.model_copy(update={"sources_footer": False})})
    with serving(create_api(service, quiet)) as url:
        body = httpx.post(f"{url}/v1/chat/completions", json=chat(KEY_QUESTION), timeout=60).json()
    assert "参考来源" not in body["choices"][0]["message"]["content"]
    assert body["citations"]  # the structured citations stay


# ----------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    "raw",
    [
        b'{"model": "govdoc", "messages": [',  # malformed JSON
        b"{}",  # missing messages
        b'{"model": "govdoc", "messages": []}',
        b'{"model": "govdoc", "messages": "hi"}',  # wrong type
        b'{"model": "govdoc", "messages": [{"role": "wizard", "content": "hi"}]}',
        b'{"model": "govdoc", "messages": [{"role": "user", "content": 5}]}',
        b'{"model": "govdoc", "messages": [{"role": "system", "content": "only a system message"}]}',
        b'{"model": "govdoc", "messages": [{"role": "user", "content": "   "}]}',
        b'{"model": "govdoc", "stream": "maybe", "messages": [{"role": "user", "content": "hi"}]}',
        b'["not", "an", "object"]',
        b"",
        b"[" * 100_000 + b"]" * 100_000,  # nested past the JSON parser's recursion limit
    ],
)
def test_malformed_chat_requests_get_400_in_openai_shape(client: httpx.Client, raw: bytes) -> None:
    response = client.post("/v1/chat/completions", content=raw, headers={"Content-Type": "application/json"})
    message = assert_openai_error(response, 400)
    assert "请求" in message


def test_unknown_model_is_404(client: httpx.Client) -> None:
    response = client.post("/v1/chat/completions", json={**chat(KEY_QUESTION), "model": "gpt-4o"})
    message = assert_openai_error(response, 404, "model_not_found")
    assert "gpt-4o" in message and "govdoc" in message


def test_oversized_chat_body_is_413(client: httpx.Client) -> None:
    big = chat("问" * (1024 * 1024))
    assert_openai_error(client.post("/v1/chat/completions", json=big), 413, "request_too_large")
    assert client.get("/v1/models").status_code == 200  # the server is fine afterwards


def test_unknown_api_route_and_method(client: httpx.Client) -> None:
    assert_openai_error(client.get("/v1/nothing"), 404)
    assert_openai_error(client.get("/v1/chat/completions"), 405)


# ----------------------------------------------------------------------------- keys


@contextmanager
def keyed_service(world: tuple[GovdocService, Settings], *keys: str) -> Iterator[tuple[GovdocService, Settings]]:
    """A second service on the world's index whose settings hold ``keys``."""
    _, settings = world
    keyed = settings.model_copy(update={"api": settings.api.model_copy(update={"keys": [SecretStr(k) for k in keys]})})
    service = GovdocService(keyed)
    try:
        yield service, keyed
    finally:
        service.close()


def test_keys_protect_every_route_docs_included(world: tuple[GovdocService, Settings]) -> None:
    with keyed_service(world, "k-one", "k-two") as (service, keyed), serving(create_api(service, keyed)) as url:
        c = httpx.Client(base_url=url, timeout=60)
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "k-one"}, {"Authorization": "Basic k-one"}):
            for method, path, body in (("GET", "/v1/models", None), ("POST", "/v1/chat/completions", chat("x")),
                                       ("GET", "/api/documents", None), ("POST", "/api/ask", {"question": "x"}),
                                       ("GET", "/docs", None), ("GET", "/openapi.json", None)):
                response = c.request(method, path, json=body, headers=headers)
                message = assert_openai_error(response, 401, "invalid_api_key" if headers else "login_required")
                assert "k-one" not in response.text and "k-two" not in response.text and "wrong" not in message
        # The key is checked before the body is even parsed.
        assert c.post("/v1/chat/completions", content=b"{bad", headers={"Authorization": "Bearer no"}).status_code == 401
        for key in ("k-one", "k-two"):
            assert c.get("/v1/models", headers={"Authorization": f"Bearer {key}"}).status_code == 200
        assert c.get("/api/documents", headers={"Authorization": "bearer k-two"}).status_code == 200
        assert c.get("/docs", headers={"Authorization": "Bearer k-one"}).status_code == 200
        assert c.get("/openapi.json", headers={"Authorization": "Bearer k-one"}).json()["paths"]["/v1/chat/completions"]


def preflight(c: httpx.Client, origin: str) -> httpx.Response:
    headers = {"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"}
    return c.options("/v1/chat/completions", headers=headers)


def test_cors_without_key_admits_local_apps_only(client: httpx.Client) -> None:
    for origin in ("http://localhost:3000", "http://127.0.0.1:5173", "app://-"):
        response = preflight(client, origin)
        assert response.status_code == 200 and response.headers["access-control-allow-origin"] == origin
    for origin in ("https://evil.example", "null"):  # "null" is any site's sandboxed frame too
        refused = preflight(client, origin)
        assert "access-control-allow-origin" not in refused.headers
    # A form post needs no preflight: without accounts, a write from another site is refused outright.
    planted = client.post("/api/documents", files={"file": ("x.md", "# x\n\n第一条 x。\n".encode(), "text/markdown")},
                          headers={"Origin": "http://evil.example"})
    assert planted.status_code == 403
    answer = client.get("/v1/models", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_cors_with_a_key_admits_any_origin_but_still_needs_the_key(world: tuple[GovdocService, Settings]) -> None:
    with keyed_service(world, "k-cors") as (service, keyed), serving(create_api(service, keyed)) as url:
        c = httpx.Client(base_url=url, timeout=60)
        response = preflight(c, "https://chat.example")
        assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
        refused = c.get("/v1/models", headers={"Origin": "https://chat.example"})
        assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == "*"
        docs = c.get("/docs", headers={"Origin": "https://chat.example", "Authorization": "Bearer k-cors"})
        assert docs.headers.get("access-control-allow-origin") is None


def test_the_start_line_says_who_can_connect_and_an_open_server_stays_on_loopback(tmp_path: Path) -> None:
    local = start_line(make_settings(tmp_path), open_access=True)
    assert "http://127.0.0.1:7860/v1" in local and "仅本机" in local and "无需登录" in local
    lan = start_line(make_settings(tmp_path, ui={"host": "0.0.0.0"}), open_access=False, lan=["192.168.3.7"])
    assert "所有电脑" in lan and "登录或带 API 密钥" in lan
    assert "其他电脑请打开：http://192.168.3.7:7860/" in lan
    assert "其他电脑" not in start_line(make_settings(tmp_path, ui={"host": "0.0.0.0"}), open_access=False, lan=[])
    assert all(not a.startswith("127.") and a.count(".") == 3 for a in lan_addresses())
    assert exposure_problem("127.0.0.1", open_access=True) is None
    assert exposure_problem("0.0.0.0", open_access=False) is None
    refusal = exposure_problem("0.0.0.0", open_access=True)
    assert refusal is not None and "拒绝监听 0.0.0.0" in refusal and "govdoc user add" in refusal


@pytest.mark.slow  # importing gradio takes ~10 s
def test_with_a_key_the_page_and_gradio_routes_need_it_too(world: tuple[GovdocService, Settings]) -> None:
    import gradio as gr

    with gr.Blocks() as blocks:
        gr.Markdown("govdoc 网页测试")
    with keyed_service(world, "k-web") as (service, keyed), serving(create_api(service, keyed, blocks)) as url:
        c = httpx.Client(base_url=url, timeout=60)
        page = c.get("/", headers={"Accept": "text/html"})
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        login = c.get("/login")
        assert login.status_code == 200 and "访问密钥" in login.text
        for path in ("/config", "/gradio_api/info", "/v1/models"):
            assert c.get(path).status_code == 401, path
        assert c.post("/gradio_api/queue/join", json={"data": [], "fn_index": 0}).status_code == 401
        bearer = {"Authorization": "Bearer k-web"}
        assert c.get("/config", headers=bearer).json()["components"]  # gradio's own routes answer with the key
        models = c.get("/v1/models", headers=bearer)
        assert models.status_code == 200 and models.json()["data"][0]["id"] == "govdoc"
        origin = {"Origin": url}
        assert c.post("/login", data={"username": "", "password": "wrong"}, headers=origin).status_code == 401
        signed_in = c.post("/login", data={"username": "", "password": "k-web", "next": "/"}, headers=origin)
        assert signed_in.status_code == 303 and "HttpOnly" in signed_in.headers["set-cookie"]
        assert "SameSite=Strict" in signed_in.headers["set-cookie"]
        assert c.get("/config").status_code == 200  # the session cookie now stands for the key


# ----------------------------------------------------------------------------- REST: documents


def test_upload_ask_and_delete_a_document(client: httpx.Client, world: tuple[GovdocService, Settings]) -> None:
    service, settings = world
    text = "第一条 为规范学校园艺社团管理，制定本办法。\n第二条 园艺社团每周三下午在温室开展活动，由生物教研组负责指导。\n"
    before = {d["doc_id"] for d in client.get("/api/documents").json()}
    response = client.post("/api/documents", files={"file": ("园艺社团管理办法.md", text.encode("utf-8"), "text/markdown")})
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["added"] == 1 and report["errors"] == [] and report["stored"] == "园艺社团管理办法.md"
    assert set(report) >= {"added", "skipped", "removed", "documents", "chunks", "errors"}
    assert uploads(settings) == ["园艺社团管理办法.md"]
    docs = client.get("/api/documents").json()
    assert set(docs[0]) == {"doc_id", "title", "source", "chunks", "ingested_at", "kbs", "role"}
    assert docs[0]["kbs"] == ["公共资料"]  # bundled and uploaded files alike, with no accounts set up
    new = [d for d in docs if d["doc_id"] not in before]
    assert len(new) == 1 and new[0]["source"].endswith("uploads/园艺社团管理办法.md")

    answer = client.post("/api/ask", json={"question": "园艺社团由哪个教研组负责指导？"}).json()
    assert answer["refused"] is False and "生物教研组" in answer["answer"]
    assert any(c["source"] == new[0]["source"] for c in answer["citations"])

    deleted = client.delete(f"/api/documents/{new[0]['doc_id']}", params={"delete_file": "true"})
    assert deleted.status_code == 200
    assert deleted.json() == {"removed": new[0]["source"], "chunks": new[0]["chunks"], "doc_ids": [new[0]["doc_id"]], "file_deleted": True}
    assert uploads(settings) == []
    assert {d["doc_id"] for d in client.get("/api/documents").json()} == before
    assert_openai_error(client.delete(f"/api/documents/{new[0]['doc_id']}"), 404, "document_not_found")
    assert service.ask("园艺社团由哪个教研组负责指导？", who=LOCAL).refused


def test_deleting_an_upload_keeps_the_original_unless_asked(
    client: httpx.Client, world: tuple[GovdocService, Settings]
) -> None:
    _, settings = world
    text = "第一条 学校图书馆每周六上午开放，由语文教研组值守。\n".encode()
    uploaded = client.post("/api/documents", files={"file": ("图书馆开放办法.md", text, "text/markdown")})
    assert uploaded.status_code == 200, uploaded.text
    doc = next(d for d in client.get("/api/documents").json() if d["source"].endswith("图书馆开放办法.md"))
    body = client.delete(f"/api/documents/{doc['doc_id']}").json()
    assert body["file_deleted"] is False and "图书馆开放办法.md" not in uploads(settings)
    kept = settings.store.index_dir / REMOVED_UPLOADS / "图书馆开放办法.md"
    assert kept.read_bytes() == text  # out of the data folder, so a re-index does not bring it back
    assert doc["doc_id"] not in {d["doc_id"] for d in client.get("/api/documents").json()}


def test_documents_carry_their_role_and_an_upload_may_set_it(
    client: httpx.Client, world: tuple[GovdocService, Settings]
) -> None:
    service, _ = world
    roles = {d["title"]: d["role"] for d in client.get("/api/documents").json()}
    assert roles["中华人民共和国教师法"] == "policy"
    assert roles["第三中学党组织领导下的校长负责制试点工作汇报材料"] == "sample"
    text = "本校工作汇报\n\n一是建立了校园开放日制度，每学期举办一次。\n"
    refused = client.post(
        "/api/documents", files={"file": ("开放日.txt", text.encode(), "text/plain")}, data={"role": "mine"}
    )
    assert refused.status_code == 400 and "资料用途" in refused.text
    response = client.post(
        "/api/documents", files={"file": ("开放日.txt", text.encode(), "text/plain")}, data={"role": "own"}
    )
    assert response.status_code == 200, response.text
    assert [d["role"] for d in response.json()["documents"]] == ["own"]
    mine = next(d for d in client.get("/api/documents").json() if d["source"].endswith("开放日.txt"))
    assert mine["role"] == "own"
    client.delete(f"/api/documents/{mine['doc_id']}")


def test_deleting_a_data_folder_document_keeps_the_file(
    client: httpx.Client, world: tuple[GovdocService, Settings]
) -> None:
    service, settings = world
    law = next(d for d in client.get("/api/documents").json() if d["source"].endswith("教师法(2009-08-27).md"))
    body = client.delete(f"/api/documents/{law['doc_id']}").json()
    assert law["source"] == "教师法(2009-08-27).md"  # its name in the data folder, not the server's path
    assert body["file_deleted"] is False and (settings.data_dir / law["source"]).is_file()
    assert law["doc_id"] not in {d["doc_id"] for d in client.get("/api/documents").json()}
    service.ingest([settings.data_dir / law["source"]])  # put it back for the other tests
    assert law["doc_id"] in {d["doc_id"] for d in client.get("/api/documents").json()}


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("../escape.txt", "第一条 内容。".encode(), 400, "unsafe_filename"),
        ("..\\escape.txt", "第一条 内容。".encode(), 400, "unsafe_filename"),
        ("tool.exe", b"MZ\x90\x00\x03\x00\x00\x00", 415, "upload_rejected"),
        ("report.pdf", "这不是 PDF。".encode(), 400, "upload_rejected"),
        ("empty.txt", b"", 400, "upload_rejected"),
        ("big.txt", ("第一条 内容。\n" * 80_000).encode(), 413, "upload_rejected"),  # over the file limit
        ("huge.txt", ("第一条 内容。\n" * 200_000).encode(), 413, "request_too_large"),  # over the request limit
        ("encrypted.pdf", (ROOT / "tests/data/encrypted.pdf").read_bytes(), 400, "ingest_failed"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(
    client: httpx.Client, world: tuple[GovdocService, Settings], name: str, content: bytes, status: int, code: str
) -> None:
    service, settings = world
    before = service.documents(LOCAL)
    response = client.post("/api/documents", files={"file": (name, content, "application/octet-stream")})
    message = assert_openai_error(response, status, code)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)  # a Chinese message a user can act on
    assert uploads(settings) == []
    assert service.documents(LOCAL) == before
    assert not (settings.data_dir.parent / "escape.txt").exists()


def test_upload_without_a_file_is_400(client: httpx.Client) -> None:
    assert_openai_error(client.post("/api/documents", data={"x": "1"}), 400)
    assert_openai_error(client.post("/api/documents", json={"file": "a.txt"}), 400)


# ----------------------------------------------------------------------------- REST: ask, draft, eval


def test_api_ask_is_the_cli_json_object(client: httpx.Client, world: tuple[GovdocService, Settings]) -> None:
    service, _ = world
    body = client.post("/api/ask", json={"question": KEY_QUESTION, "retrieval": "bm25", "k": 3}).json()
    expected = service.ask(KEY_QUESTION, retrieval="bm25", k=3, who=LOCAL).to_json()
    assert body.keys() == expected.keys()
    assert {k: v for k, v in body.items() if k != "timings_ms"} == {k: v for k, v in expected.items() if k != "timings_ms"}
    pairs = client.post("/api/ask", json={"question": "还有呢？", "history": [["user", KEY_QUESTION]]}).json()
    objects = client.post(
        "/api/ask", json={"question": "还有呢？", "history": [{"role": "user", "content": KEY_QUESTION}]}
    ).json()
    assert pairs["answer"] == objects["answer"] and pairs["refused"] is False


@pytest.mark.parametrize(
    "body",
    [{}, {"question": ""}, {"question": "x", "mode": "magic"}, {"question": "x", "k": 0},
     {"question": "x", "retrieval": "grep"}, {"question": "x", "history": [["system", "x"]]}, {"question": "x", "extra": 1}],
)
def test_api_ask_bad_bodies_are_400(client: httpx.Client, body: dict[str, Any]) -> None:
    assert_openai_error(client.post("/api/ask", json=body), 400)


def test_api_ask_llm_mode_without_an_llm_is_400(client: httpx.Client) -> None:
    message = assert_openai_error(client.post("/api/ask", json={"question": "x", "mode": "openai"}), 400, "llm_not_configured")
    assert "未配置大模型" in message


def test_api_draft_is_the_cli_json_object_and_a_word_file(
    client: httpx.Client, world: tuple[GovdocService, Settings]
) -> None:

    topic = "党组织领导的校长负责制落实情况"
    response = client.post("/api/draft", json={"topic": topic, "outline": "健全完善议事决策机制\n加强党的建设"})
    assert response.status_code == 200, response.text
    service, _ = world
    expected = service.draft(topic, ["健全完善议事决策机制", "加强党的建设"], genre=None, length=None, who=LOCAL).to_json()
    body = response.json()
    assert {k: v for k, v in body.items() if k != "timings_ms"} == {k: v for k, v in expected.items() if k != "timings_ms"}
    assert [s["heading"] for s in body["sections"]] == ["健全完善议事决策机制", "加强党的建设"]

    docx = client.post("/api/draft", params={"format": "docx"}, json={"topic": topic, "outline": ["加强党的建设"]})
    assert docx.status_code == 200 and docx.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "filename*=UTF-8''" in docx.headers["content-disposition"]
    import io

    from docx import Document as WordDocument

    word_text = "\n".join(p.text for p in WordDocument(io.BytesIO(docx.content)).paragraphs)
    assert "加强党的建设" in word_text

    # Limited to chosen documents, as on the page: every citation is one of theirs.
    law = next(d for d in service.documents(LOCAL) if "教师法" in d.title)
    only = client.post("/api/draft", json={"topic": "我校落实教师权利和义务的情况", "doc_ids": [law.doc_id]})
    assert only.status_code == 200, only.text
    cited = {c["doc_title"] for c in only.json()["citations"]}
    assert cited == {law.title}, cited

    assert_openai_error(client.post("/api/draft", json={}), 400)
    assert_openai_error(client.post("/api/draft", json={"topic": topic, "genre": "打油诗"}), 400)
    assert_openai_error(client.post("/api/draft", params={"format": "pdf"}, json={"topic": topic}), 400)


def test_api_eval_runs_an_uploaded_test_set(client: httpx.Client) -> None:

    rows = (ROOT / "evals/testset.jsonl").read_text(encoding="utf-8").splitlines()
    small = "\n".join(rows[:2]).encode("utf-8")
    response = client.post("/api/eval", files={"testset": ("t.jsonl", small, "application/jsonl")})
    assert response.status_code == 200, response.text
    metrics = response.json()
    assert metrics["n_items"] == 2 and metrics["citation_validity"] == 1.0
    bad = client.post("/api/eval", files={"testset": ("t.jsonl", b"not json\n", "application/jsonl")})
    assert "测试集有误" in assert_openai_error(bad, 400, "invalid_testset")


# ----------------------------------------------------------------------------- concurrency


def distinct_questions(service: GovdocService, n: int) -> dict[str, str]:
    """``n`` test-set questions whose answers all differ, with their expected answer text."""
    rows = [json.loads(line) for line in (ROOT / "evals/testset.jsonl").read_text(encoding="utf-8").splitlines() if line]
    chosen: dict[str, str] = {}
    for row in rows:
        answer = service.ask(row["question"], who=LOCAL)
        if not answer.refused and answer.text not in chosen.values():
            chosen[row["question"]] = answer.text
        if len(chosen) == n:
            break
    assert len(chosen) == n
    return chosen


def test_twenty_concurrent_chats_each_get_their_own_answer(
    base: str, world: tuple[GovdocService, Settings]
) -> None:
    service, _ = world
    expected = distinct_questions(service, 20)

    def ask(question: str, stream: bool) -> tuple[str, str]:
        with httpx.Client(base_url=base, timeout=120) as c:
            if not stream:
                body = c.post("/v1/chat/completions", json=chat(question)).json()
                return question, oa.strip_footer(body["choices"][0]["message"]["content"])
            parts = []
            with c.stream("POST", "/v1/chat/completions", json=chat(question, stream=True)) as response:
                for line in response.iter_lines():
                    if line.startswith("data: {"):
                        parts.append(json.loads(line[6:])["choices"][0]["delta"].get("content", ""))
            return question, oa.strip_footer("".join(parts))

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(ask, expected, [i % 2 == 0 for i in range(20)]))
    assert len(results) == 20
    for question, text in results:
        assert text == expected[question], question


class GatedService:
    """The real service, but questions wait at a gate: a slow request the test controls."""

    def __init__(self, inner: GovdocService) -> None:
        self.inner = inner
        self.entered = threading.Event()
        self.gate = threading.Event()

    def ask_stream(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        self.entered.set()
        assert self.gate.wait(30)
        yield from self.inner.ask_stream(*args, **kwargs)

    def ask(self, *args: Any, **kwargs: Any) -> Any:
        self.entered.set()
        assert self.gate.wait(30)
        return self.inner.ask(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


@pytest.mark.parametrize("slow_streams", [False, True])
def test_full_server_answers_429_without_blocking(world: tuple[GovdocService, Settings], slow_streams: bool) -> None:
    service, settings = world
    one = settings.model_copy(update={"ui": settings.ui.model_copy(update={"max_concurrency": 1})})
    gated = GatedService(service)
    with serving(create_api(gated, one)) as url, httpx.Client(base_url=url, timeout=60) as c:  # type: ignore[arg-type]
        with ThreadPoolExecutor(max_workers=1) as pool:
            slow = pool.submit(
                lambda: c.post("/v1/chat/completions", json=chat(KEY_QUESTION, stream=slow_streams))
            )
            assert gated.entered.wait(20)
            t0 = time.perf_counter()
            assert c.get("/v1/models").status_code == 200  # the event loop is not blocked
            assert time.perf_counter() - t0 < 5
            message = assert_openai_error(c.post("/v1/chat/completions", json=chat("还有呢？")), 429, "rate_limit_exceeded")
            assert "繁忙" in message
            assert_openai_error(c.post("/v1/chat/completions", json=chat("x", stream=True)), 429)
            assert_openai_error(c.post("/api/ask", json={"question": "x"}), 429)
            gated.gate.set()
            first = slow.result(timeout=60)
        assert first.status_code == 200
        assert KEY_POINTS[0] in first.text
        # The slot came back: the next request is answered.
        after = c.post("/v1/chat/completions", json=chat(KEY_QUESTION))
        assert after.status_code == 200 and after.json()["refused"] is False


def test_a_client_leaving_mid_stream_gives_its_slot_back(world: tuple[GovdocService, Settings]) -> None:
    service, settings = world
    one = settings.model_copy(update={"ui": settings.ui.model_copy(update={"max_concurrency": 1})})
    gated = GatedService(service)
    with serving(create_api(gated, one)) as url:  # type: ignore[arg-type]
        with httpx.Client(base_url=url, timeout=60) as leaving, leaving.stream(
            "POST", "/v1/chat/completions", json=chat(KEY_QUESTION, stream=True)
        ) as response:
            first = next(response.iter_lines())
            assert json.loads(first[6:])["choices"][0]["delta"]["role"] == "assistant"
            assert gated.entered.wait(20)
        # The client has hung up while the answer was still being produced.
        gated.gate.set()
        with httpx.Client(base_url=url, timeout=60) as c:
            deadline = time.monotonic() + 10
            status = 0
            while time.monotonic() < deadline:
                status = c.post("/v1/chat/completions", json=chat(KEY_QUESTION)).status_code
                if status == 200:
                    break
                time.sleep(0.1)
            assert status == 200


# ----------------------------------------------------------------------------- LLM mode (scripted endpoint)

LLM_REPLY = "凡涉及党的建设、办学方向、改革发展和教职工切身利益等重大事项由党支部研究决定[1][9]。"


@pytest.fixture(params=["openai"])
def llm_world(
    world: tuple[GovdocService, Settings], request: pytest.FixtureRequest
) -> Iterator[tuple[Any, GovdocService, str]]:
    """A scripted OpenAI-compatible endpoint, a service answering through it, and the API's URL.

    The parameter is the configured ``llm.mode``: "openai", or "extractive" with an endpoint
    configured (govdoc-llm is then listed and must reach the endpoint too).
    """
    fake_openai = pytest.importorskip("fake_openai")
    _, settings = world
    with fake_openai.FakeOpenAI() as fake:
        llm = {
            "mode": request.param,
            "base_url": fake.base_url,
            "model": "fake",
            "api_key": SecretStr("sk-upstream-secret"),
            "fallback_extractive": False,
        }
        llm_settings = settings.model_copy(update={"llm": settings.llm.model_copy(update=llm)})
        service = GovdocService(llm_settings)
        try:
            with serving(create_api(service, llm_settings)) as url:
                yield fake, service, url
        finally:
            service.close()


def test_llm_model_streams_raw_pieces_then_the_checked_answer(llm_world: tuple[Any, GovdocService, str]) -> None:
    fake, service, url = llm_world
    fake.enqueue(LLM_REPLY, LLM_REPLY, LLM_REPLY)
    expected = service.ask(KEY_QUESTION, mode="openai", who=LOCAL)
    assert "[9]" not in expected.text and expected.citations  # the checker dropped the unknown marker
    with httpx.Client(base_url=url, timeout=60) as c:
        assert [m["id"] for m in c.get("/v1/models").json()["data"]] == ["govdoc", "govdoc-extractive", "govdoc-llm"]
        whole = c.post("/v1/chat/completions", json={**chat(KEY_QUESTION), "model": "govdoc-llm"}).json()
        assert whole["choices"][0]["message"]["content"] == expected.text + oa.sources_footer(expected.citations)
        assert whole["citations"] == [c.to_json() for c in expected.citations]
        events = []
        with c.stream("POST", "/v1/chat/completions", json={**chat(KEY_QUESTION, stream=True), "model": "govdoc-llm"}) as r:
            events = [json.loads(line[6:]) for line in r.iter_lines() if line.startswith("data: {")]
    deltas = [e["choices"][0]["delta"].get("content", "") for e in events]
    content = "".join(deltas)
    # The raw reply streams as it arrives, after the sample lead when every passage is a sample's (the bundled
    # reports are); since it differs from the checked text, the checked text follows.
    lead = f"{SAMPLE_LEAD}\n" if expected.text.startswith(SAMPLE_LEAD) else ""
    assert content.startswith(lead + LLM_REPLY)
    assert content.endswith(expected.text + oa.sources_footer(expected.citations))
    assert events[-1]["citations"] == [c.to_json() for c in expected.citations]


def test_llm_failure_is_502_without_the_upstream_key(llm_world: tuple[Any, GovdocService, str]) -> None:
    fake_openai = pytest.importorskip("fake_openai")
    fake, _, url = llm_world
    fake.enqueue(fake_openai.Reply(status=500), fake_openai.Reply(status=500))
    with httpx.Client(base_url=url, timeout=60) as c:
        response = c.post("/v1/chat/completions", json={**chat(KEY_QUESTION), "model": "govdoc-llm"})
        message = assert_openai_error(response, 502, "llm_failed")
        assert "大模型" in message and "sk-upstream-secret" not in response.text
        with c.stream("POST", "/v1/chat/completions", json={**chat(KEY_QUESTION, stream=True), "model": "govdoc-llm"}) as r:
            assert r.status_code == 200
            lines = [line for line in r.iter_lines() if line]
    error = json.loads(lines[-2][6:])
    assert error["error"]["code"] == "llm_failed" and lines[-1] == "data: [DONE]"
    assert not any("sk-upstream-secret" in line for line in lines)


@pytest.mark.parametrize("llm_world", ["extractive"], indirect=True)
def test_llm_model_works_when_only_an_endpoint_is_configured(llm_world: tuple[Any, GovdocService, str]) -> None:
    fake, _, url = llm_world
    fake.enqueue(LLM_REPLY)
    with httpx.Client(base_url=url, timeout=60) as c:
        default = c.get("/v1/models").json()["data"]
        assert [m["id"] for m in default] == ["govdoc", "govdoc-extractive", "govdoc-llm"]
        response = c.post("/v1/chat/completions", json={**chat(KEY_QUESTION), "model": "govdoc-llm"})
    assert response.status_code == 200, response.text
    assert fake.requests, "the endpoint was not called"
