"""Where the login page sends a user after signing in: this site only, and any page of it, Chinese in its
address included. The gate runs in front of a bare app, without a server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest
from starlette.responses import PlainTextResponse
from starlette.testclient import TestClient
from starlette.types import Receive, Scope, Send

from govdoc.access import Access
from govdoc.accounts import Accounts
from govdoc.api.auth import AuthGate
from govdoc.audit import AuditLog

PASSWORD = "long-enough-7"
ORIGIN = "http://testserver"


async def _page(scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse("页面")(scope, receive, send)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    db = tmp_path / "govdoc.sqlite3"
    accounts = Accounts(db)
    accounts.add_user("周会计", PASSWORD, "reader")
    gate = AuthGate(_page, access=Access(accounts, []), audit=AuditLog(db))
    return TestClient(gate, base_url=ORIGIN, follow_redirects=False)


def sign_in(client: TestClient, target: str) -> str:
    reply = client.post(
        "/login", data={"username": "周会计", "password": PASSWORD, "next": target}, headers={"Origin": ORIGIN}
    )
    assert reply.status_code == 303, reply.text
    return reply.headers["location"]


@pytest.mark.parametrize("target", ["/\t/elsewhere.example/", "/\n/elsewhere.example", "/\r/elsewhere.example", "/\x0b/x"])
def test_a_target_a_browser_would_read_as_another_site_goes_home(client: TestClient, target: str) -> None:
    # A browser drops the tab or line break and reads //elsewhere.example: another site.
    assert sign_in(client, target) == "/"


def test_a_target_with_chinese_in_it_is_kept_and_sent_encoded(client: TestClient) -> None:
    location = sign_in(client, "/?打开=值班安排")
    assert location.isascii() and location != "/"
    assert unquote(location) == "/?打开=值班安排"


def test_a_page_of_this_site_is_where_the_user_lands(client: TestClient) -> None:
    assert sign_in(client, "/?tab=2") == "/?tab=2"
    assert sign_in(client, "//elsewhere.example/") == "/"
