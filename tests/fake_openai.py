"""A small scripted OpenAI-compatible server on 127.0.0.1 for tests of the real client wiring.

It speaks ``POST /v1/chat/completions`` (plain JSON, or SSE chunks ending in ``data: [DONE]`` when
the request asks to stream) and ``GET /v1/models``. Replies are queued with `enqueue`; each request
is recorded. ``delay_s`` holds the response back to provoke client timeouts, and ``status``
answers with an HTTP error whose message echoes the Authorization header (to test redaction).
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    text: str = ""
    piece_chars: int = 4  # characters per SSE chunk
    delay_s: float = 0.0  # before the response starts
    status: int = 200


@dataclass
class Recorded:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]


@dataclass
class FakeOpenAI:
    """Start with `start`, stop with `stop` (or use as a context manager)."""

    default: Reply = field(default_factory=lambda: Reply("默认回答[1]。"))
    requests: list[Recorded] = field(default_factory=list)
    _queue: deque[Reply] = field(default_factory=deque)
    _stopping: threading.Event = field(default_factory=threading.Event)
    _server: ThreadingHTTPServer | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *replies: Reply | str) -> None:
        for reply in replies:
            self._queue.append(Reply(reply) if isinstance(reply, str) else reply)

    def next_reply(self) -> Reply:
        return self._queue.popleft() if self._queue else self.default

    def start(self) -> FakeOpenAI:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._json(200, {"object": "list", "data": [{"id": "fake", "object": "model"}]})
                else:
                    self._json(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(Recorded(self.path, body, {k.lower(): v for k, v in self.headers.items()}))
                reply = fake.next_reply()
                if reply.delay_s and fake._stopping.wait(reply.delay_s):
                    return
                if reply.status != 200:
                    auth = self.headers.get("Authorization", "")
                    self._json(reply.status, {"error": {"message": f"拒绝访问：{auth}", "type": "invalid_request_error"}})
                    return
                model = body.get("model", "fake")
                if body.get("stream"):
                    self._sse(reply, model)
                else:
                    self._json(200, _completion(reply.text, model))

            def _json(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _sse(self, reply: Reply, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                text, size = reply.text, max(1, reply.piece_chars)
                for i in range(0, len(text), size):
                    self._event(_chunk({"content": text[i : i + size]}, None, model))
                self._event(_chunk({}, "stop", model))
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, payload: dict[str, Any]) -> None:
                self.wfile.write(b"data: " + json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n\n")
                self.wfile.flush()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _completion(text: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(delta: dict[str, str], finish: str | None, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
