"""A password check (argon2) takes a fraction of a second of CPU: logins, right or wrong, must not hold up
the other requests of the server while they are checked. The gate runs in front of a bare app."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
from starlette.responses import PlainTextResponse
from starlette.types import Receive, Scope, Send

from govdoc.access import Access
from govdoc.accounts import Accounts, Principal
from govdoc.api.auth import AuthGate
from govdoc.audit import AuditLog

PASSWORD = "long-enough-7"
KEY = "operator-key-0123456789"
ORIGIN = "http://testserver"


class SlowAccess(Access):
    """`Access` whose password check takes as long as argon2 does on a busy two-core machine."""

    def login(self, name: str, secret: str) -> Principal | None:
        time.sleep(0.6)
        return super().login(name, secret)


def test_a_login_being_checked_does_not_hold_up_another_users_request(tmp_path: Path) -> None:
    db = tmp_path / "govdoc.sqlite3"
    accounts = Accounts(db)
    accounts.add_user("周会计", PASSWORD, "reader")
    finished: list[str] = []

    async def page(scope: Scope, receive: Receive, send: Send) -> None:
        finished.append("page")
        await PlainTextResponse("页面")(scope, receive, send)

    gate = AuthGate(page, access=SlowAccess(accounts, [KEY.encode()]), audit=AuditLog(db))

    async def run() -> tuple[int, int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=gate), base_url=ORIGIN) as client:

            async def login(password: str) -> int:
                form = {"username": "周会计", "password": password}
                reply = await client.post("/login", data=form, headers={"Origin": ORIGIN})
                finished.append(f"login {reply.status_code}")
                return reply.status_code

            logins = [asyncio.create_task(login(p)) for p in (PASSWORD, "猜错的密码")]
            await asyncio.sleep(0.1)  # both logins are being checked now
            reply = await client.get("/", headers={"Authorization": f"Bearer {KEY}"})
            right, wrong = await asyncio.gather(*logins)
            return reply.status_code, right * 1000 + wrong

    status, logins = asyncio.run(run())
    assert status == 200 and logins == 303 * 1000 + 401
    # The page answered while the checks went on.
    assert finished[0] == "page" and sorted(finished[1:]) == ["login 303", "login 401"], finished
