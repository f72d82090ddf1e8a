"""Behind the reverse proxy the README shows, failed logins count per LAN computer, not per proxy: the
proxy forwards each client's address, and the server takes it from the proxy the operator named in
``ui.trusted_proxies`` only (`govdoc.api.proxy`)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import httpx

from govdoc.access import Access
from govdoc.accounts import Accounts
from govdoc.api.auth import FAILURES_ALLOWED, AuthGate
from govdoc.api.proxy import ForwardedHeaders
from govdoc.audit import AuditLog

README = Path(__file__).resolve().parent.parent / "README.md"
PASSWORD = "long-enough-1"


def test_the_readme_proxy_forwards_each_clients_address_and_scheme() -> None:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```nginx\n(.*?)```", text, re.S)
    assert blocks, "README has no nginx example"
    for block in blocks:
        assert re.search(r"proxy_set_header\s+X-Forwarded-For\s+\$remote_addr;", block), block
        assert re.search(r"proxy_set_header\s+X-Forwarded-Proto\s+\$scheme;", block), block
    # ... and the server is told to believe that proxy (by default it believes no one's forwarded headers).
    assert "GOVDOC_UI__TRUSTED_PROXIES='[\"127.0.0.1\"]'" in text


def test_a_guesser_behind_the_proxy_locks_out_only_their_own_computer(tmp_path: Path) -> None:
    db = tmp_path / "govdoc.sqlite3"
    accounts = Accounts(db)
    accounts.add_user("校长", PASSWORD, "admin")
    gate = AuthGate(_app, access=Access(accounts, []), audit=AuditLog(db))
    app = ForwardedHeaders(gate, trusted=["127.0.0.1"])  # what `create_api` puts in front, as README configures it

    async def run() -> tuple[list[int], int, int]:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 5000))  # every request via the proxy
        async with httpx.AsyncClient(transport=transport, base_url="http://govdoc.example") as client:

            async def login(password: str, computer: str) -> int:
                headers = {"Origin": "http://govdoc.example", "X-Forwarded-For": computer}
                reply = await client.post("/login", data={"username": "校长", "password": password}, headers=headers)
                return reply.status_code

            guesses = [await login(f"错{n}", "10.0.0.66") for n in range(FAILURES_ALLOWED + 1)]
            return guesses, await login(PASSWORD, "10.0.0.8"), await login(PASSWORD, "10.0.0.66")

    guesses, colleague, guesser = asyncio.run(run())
    assert guesses[:-1] == [401] * FAILURES_ALLOWED and guesses[-1] == 429
    assert colleague == 303  # the 校长 at their own computer still signs in
    assert guesser == 429
    assert {e.client for e in AuditLog(db).entries() if e.action == "login_failed"} == {"10.0.0.66"}


async def _app(scope: object, receive: object, send: object) -> None:  # nothing behind the gate is reached
    raise AssertionError("the login page is the gate's own")
