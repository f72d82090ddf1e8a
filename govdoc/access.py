"""Who is asking, from a request's credentials: the one place that decides it for the page, the API and
gradio's own routes.

A Bearer key (a user's personal key, or one from ``api.keys``) or the session cookie set by the
login page. When no account and no key exist, the single local user needs no login (the server then
refuses to listen beyond loopback; see `govdoc.commands.serve`).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping, Sequence

from govdoc.accounts import LOCAL, SETTINGS_KEY, Accounts, Principal, key_session_user

COOKIE = "govdoc_session"


def bearer(headers: Mapping[str, str]) -> str | None:
    """The key of a request's ``Authorization: Bearer <密钥>`` header (header names lower-case); None when it
    names none (no header, another scheme, an empty key), and the session cookie is what signs it in."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


class Access:
    """Who is asking. The one place that decides it, for the page, the API and gradio's routes.

    Args:
        accounts: the accounts database.
        keys: the keys configured in ``api.keys`` (bytes, compared in constant time).
    """

    def __init__(self, accounts: Accounts, keys: Sequence[bytes]) -> None:
        self.accounts = accounts
        self.keys = list(keys)
        self._key_sessions = frozenset(key_session_user(k.decode("utf-8")) for k in self.keys)

    def open(self) -> bool:
        """No account and no key exist: the one local user needs no login."""
        return not self.keys and not self.accounts.has_users()

    def principal(self, headers: Mapping[str, str], cookies: Mapping[str, str]) -> Principal | None:
        """The principal of a request (header names lower-case), or None when it carries no valid credential."""
        if self.open():
            return LOCAL
        token = bearer(headers)
        if token is not None:
            return self.key_principal(token)
        return self.session_principal(cookies.get(COOKIE, ""))

    def session_principal(self, token: str) -> Principal | None:
        """The principal of a login session's token; one opened with a configured key lasts while that key
        is configured (a replaced key ends the sessions opened with it)."""
        return self.accounts.principal_for_session(token, self._key_sessions) if token else None

    def session_user(self, who: Principal, secret: str) -> str:
        """The user to open a login session for, once `login` took ``secret`` for ``who``."""
        return key_session_user(secret) if who.via == "settings-key" else who.name

    def key_principal(self, token: str) -> Principal | None:
        """The principal of a key: one of ``api.keys`` (full rights) or a user's personal key."""
        raw = token.encode("utf-8")
        # Compare against every configured key (no early exit), in constant time per key.
        matches = [hmac.compare_digest(raw, key) for key in self.keys]
        if any(matches):
            return SETTINGS_KEY
        return self.accounts.principal_for_key(token)

    def login(self, name: str, secret: str) -> Principal | None:
        """Check a login form: a user's name and password, or (no accounts yet) a configured key."""
        if not name and secret and not self.accounts.has_users():
            return SETTINGS_KEY if self.key_principal(secret) is SETTINGS_KEY else None
        user = self.accounts.verify(name, secret)
        return None if user is None else Principal(user.name, user.role, "session")
