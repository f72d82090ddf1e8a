"""Users, their roles, personal API keys and login sessions, in the project database (`govdoc.projectdb`).

Passwords are hashed with argon2 (argon2-cffi). API keys and session tokens are long random strings,
stored only as their SHA-256 (a key is shown once, when it is made). Nothing here knows HTTP: the
gate (`govdoc.api.auth`) and the CLI (`govdoc user`) call it.
"""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import time
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal, cast

from govdoc.projectdb import DuplicateError, Place, ProjectDb, Schema

Role = Literal["admin", "editor", "reader"]
ROLES: tuple[Role, ...] = ("admin", "editor", "reader")
ROLE_LABELS = {"admin": "管理员", "editor": "编辑", "reader": "读者"}
KEY_PREFIX = "gd-"
SESSION_SECONDS = 12 * 3600
SESSIONS_PER_USER = 20  # live login sessions one user keeps; a new one past it ends their oldest
_NAME = re.compile(r"^[\w.@-]{1,64}$")
MIN_PASSWORD = 8
# Longer than any password typed: a login form (a few KB at most) could never send a longer one, and hashing
# one of megabytes would hold the server.
MAX_PASSWORD = 128

_TABLES = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0, created_at %(real)s NOT NULL);
CREATE TABLE IF NOT EXISTS api_keys (
    id TEXT PRIMARY KEY, "user" TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    created_at %(real)s NOT NULL, revoked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, "user" TEXT NOT NULL, expires_at %(real)s NOT NULL);
"""
_SCHEMA = Schema(_TABLES % {"real": "REAL"}, _TABLES % {"real": "DOUBLE PRECISION"})


class AccountError(ValueError):
    """A request about accounts that cannot be done; the message is for the user."""


@dataclass(frozen=True)
class User:
    """One account."""

    name: str
    role: Role
    disabled: bool


@dataclass(frozen=True)
class ApiKey:
    """A personal API key as listed (never the key itself)."""

    id: str
    user: str
    label: str
    created_at: float
    revoked: bool


@dataclass(frozen=True)
class Principal:
    """Who is asking: a user (by session or personal key), a configured key, or the one local user.

    ``via`` is "session", "key", "settings-key" (a key from ``api.keys``: full rights, as before
    users existed) or "local" (no accounts or keys are set up and the server listens on loopback).
    """

    name: str
    role: Role
    via: Literal["session", "key", "settings-key", "local"]

    @property
    def is_admin(self) -> bool:
        """Whether this principal may manage users, knowledge bases, settings and evaluation."""
        return self.role == "admin"


LOCAL = Principal("本机用户", "admin", "local")
SETTINGS_KEY = Principal("设置中的接口密钥", "admin", "settings-key")
KEY_SESSION = "#api-key"  # the user of a session opened with a configured key: this, ":" and the key's digest


def token_hash(token: str) -> str:
    """The stored form of a key or session token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def key_session_user(key: str) -> str:
    """The user of a session opened with the configured key ``key``: it names the key by its digest, so
    the session ends when that key is no longer configured."""
    return f"{KEY_SESSION}:{token_hash(key)}"


class Accounts:
    """The accounts database. Thread-safe; each call opens its own short transaction.

    Args:
        place: the project database (`govdoc.projectdb.project_place`): a SQLite file or PostgreSQL.
    """

    def __init__(self, place: Place) -> None:
        self._db = ProjectDb(place, _SCHEMA)

    # -- users -----------------------------------------------------------------------------
    def add_user(self, name: str, password: str, role: Role) -> User:
        """Create a user.

        Raises:
            AccountError: bad name, short password, unknown role, or the name is taken.
        """
        _check_name(name)
        _check_password(password, name)
        if role not in ROLES:
            raise AccountError(f"角色应为 {'、'.join(ROLES)} 之一，而不是 {role}")
        try:
            with self._db.transaction() as conn:
                conn.execute(
                    "INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
                    (name, role, _hasher().hash(password), time.time()),
                )
        except DuplicateError:
            raise AccountError(f"用户 {name} 已存在") from None
        return User(name, role, False)

    def set_password(self, name: str, password: str, *, keep_keys: bool = False) -> int:
        """Change a user's password; their open sessions end and, unless ``keep_keys``, so do their personal
        keys, since a new password is what one sets when the old may be known to someone else, who may
        have made a key with it. Returns how many keys were revoked."""
        _check_password(password, name)
        with self._db.transaction() as conn:
            done = conn.execute(
                "UPDATE users SET password_hash = ? WHERE name = ?", (_hasher().hash(password), name)
            ).rowcount
            if not done:
                raise AccountError(f"没有用户 {name}")
            conn.execute('DELETE FROM sessions WHERE "user" = ?', (name,))
            if keep_keys:
                return 0
            return int(conn.execute('UPDATE api_keys SET revoked = 1 WHERE "user" = ? AND revoked = 0', (name,)).rowcount)

    def set_role(self, name: str, role: Role) -> None:
        """Change a user's role."""
        if role not in ROLES:
            raise AccountError(f"角色应为 {'、'.join(ROLES)} 之一，而不是 {role}")
        with self._db.transaction() as conn:
            if not conn.execute("UPDATE users SET role = ? WHERE name = ?", (role, name)).rowcount:
                raise AccountError(f"没有用户 {name}")

    def disable(self, name: str) -> int:
        """Disable a user: no login, no session, no key of theirs works any more. Their keys are revoked, not
        set aside: one disabled for a leak must not come back when the account is enabled again. Returns how
        many keys were revoked."""
        with self._db.transaction() as conn:
            if not conn.execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,)).rowcount:
                raise AccountError(f"没有用户 {name}")
            conn.execute('DELETE FROM sessions WHERE "user" = ?', (name,))
            return int(conn.execute('UPDATE api_keys SET revoked = 1 WHERE "user" = ? AND revoked = 0', (name,)).rowcount)

    def enable(self, name: str) -> None:
        """Enable a disabled user again."""
        with self._db.transaction() as conn:
            if not conn.execute("UPDATE users SET disabled = 0 WHERE name = ?", (name,)).rowcount:
                raise AccountError(f"没有用户 {name}")

    def users(self) -> list[User]:
        """Every user, by name."""
        with self._db.transaction() as conn:
            rows = conn.execute("SELECT name, role, disabled FROM users ORDER BY name").fetchall()
        return [User(r[0], cast(Role, r[1]), bool(r[2])) for r in rows]

    def user(self, name: str) -> User | None:
        """One user, or None."""
        return next((u for u in self.users() if u.name == name), None)

    def has_users(self) -> bool:
        """Whether any account exists (then every route needs a login or a key)."""
        if not self._db.exists():
            return False
        with self._db.transaction() as conn:
            return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    def verify(self, name: str, password: str) -> User | None:
        """The user when ``password`` is theirs and they are enabled, else None (same time either way)."""
        from argon2.exceptions import VerificationError

        with self._db.transaction() as conn:
            row = conn.execute("SELECT role, password_hash, disabled FROM users WHERE name = ?", (name,)).fetchone()
        stored = row[1] if row else _dummy_hash()
        try:
            _hasher().verify(stored, password)
        except VerificationError:
            return None
        if row is None or row[2]:
            return None
        return User(name, cast(Role, row[0]), False)

    # -- personal API keys -----------------------------------------------------------------
    def create_key(self, user: str, label: str = "") -> tuple[ApiKey, str]:
        """A new key for ``user``: the listing and the key itself, which is shown only now."""
        if self.user(user) is None:
            raise AccountError(f"没有用户 {user}")
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        entry = ApiKey(secrets.token_hex(4), user, label.strip()[:60] or "未命名", time.time(), False)
        with self._db.transaction() as conn:
            conn.execute(
                'INSERT INTO api_keys (id, "user", key_hash, label, created_at) VALUES (?, ?, ?, ?, ?)',
                (entry.id, user, token_hash(key), entry.label, entry.created_at),
            )
        return entry, key

    def keys(self, user: str | None = None) -> list[ApiKey]:
        """Keys as listed: every user's, or one user's."""
        sql = 'SELECT id, "user", label, created_at, revoked FROM api_keys'
        args: tuple[str, ...] = ()
        if user is not None:
            sql += ' WHERE "user" = ?'
            args = (user,)
        with self._db.transaction() as conn:
            rows = conn.execute(sql + " ORDER BY created_at", args).fetchall()
        return [ApiKey(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]

    def revoke_key(self, key_id: str, user: str | None = None) -> None:
        """Revoke a key (``user``: only if it is theirs)."""
        sql, args = "UPDATE api_keys SET revoked = 1 WHERE id = ?", [key_id]
        if user is not None:
            sql += ' AND "user" = ?'
            args.append(user)
        with self._db.transaction() as conn:
            if not conn.execute(sql, args).rowcount:
                raise AccountError(f"没有编号为 {key_id} 的密钥")

    def principal_for_key(self, key: str) -> Principal | None:
        """The user a personal key belongs to, when the key and the user are live."""
        if not key.startswith(KEY_PREFIX) or not self._db.exists():
            return None
        with self._db.transaction() as conn:
            row = conn.execute(
                'SELECT u.name, u.role FROM api_keys k JOIN users u ON u.name = k."user" '
                "WHERE k.key_hash = ? AND k.revoked = 0 AND u.disabled = 0",
                (token_hash(key),),
            ).fetchone()
        return None if row is None else Principal(row[0], cast(Role, row[1]), "key")

    # -- sessions --------------------------------------------------------------------------
    def open_session(self, user: str) -> str:
        """A new session token for ``user`` (for the cookie)."""
        token = secrets.token_urlsafe(32)
        now = time.time()
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE expires_at < ?", (now,))
            conn.execute(
                'INSERT INTO sessions (token_hash, "user", expires_at) VALUES (?, ?, ?)',
                (token_hash(token), user, now + SESSION_SECONDS),
            )
            conn.execute(  # logins are the user's to repeat: their sessions stay bounded, the newest kept
                'DELETE FROM sessions WHERE "user" = ? AND token_hash NOT IN '
                '(SELECT token_hash FROM sessions WHERE "user" = ? ORDER BY expires_at DESC LIMIT ?)',
                (user, user, SESSIONS_PER_USER),
            )
        return token

    def principal_for_session(self, token: str, live_keys: Collection[str] = ()) -> Principal | None:
        """The user of a live session, or None. A session opened with a configured key (no accounts
        yet) stands for that key, with its full rights, while the key is among ``live_keys`` (the
        `key_session_user` of each configured key)."""
        if not token or not self._db.exists():
            return None
        with self._db.transaction() as conn:
            row = conn.execute(
                'SELECT s."user", u.role, u.disabled FROM sessions s LEFT JOIN users u ON u.name = s."user" '
                "WHERE s.token_hash = ? AND s.expires_at > ?",
                (token_hash(token), time.time()),
            ).fetchone()
        if row is None:
            return None
        if row[0].startswith(KEY_SESSION):
            return SETTINGS_KEY if row[0] in live_keys else None
        if row[1] is None or row[2]:
            return None
        return Principal(row[0], cast(Role, row[1]), "session")

    def close_session(self, token: str) -> None:
        """End a session (logout)."""
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))


def _hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password, verified when the user does not exist, so a wrong name takes as
    long as a wrong password."""
    return str(_hasher().hash(secrets.token_hex(16)))


def _check_name(name: str) -> None:
    if not _NAME.match(name or ""):
        raise AccountError("用户名只能包含字母、数字、汉字和 . @ - _，长度 1–64")
    # How the audit log and the account list name these two; a name that passes for one of them there
    # (the same but for a character in four, as a traditional 機 for 机) is theirs too.
    if any(_passes_for(name, reserved) for reserved in (LOCAL.name, SETTINGS_KEY.name)):
        raise AccountError(f"“{name}”是保留的名称或与之几乎相同，请换一个用户名")


# Traditional and variant forms of the reserved names' characters, read as the simplified ones.
_OTHER_FORMS = str.maketrans({"機": "机", "戶": "户", "戸": "户", "設": "设", "鑰": "钥"})


def _passes_for(name: str, reserved: str) -> bool:
    """Whether ``name`` reads as ``reserved`` at a glance: the same length (after NFKC and reading the
    characters' other forms as the reserved name's), and at most one character in four differs."""
    name = unicodedata.normalize("NFKC", name).translate(_OTHER_FORMS)
    if len(name) != len(reserved):
        return False
    return sum(a != b for a, b in zip(name, reserved, strict=True)) <= len(reserved) // 4


def _check_password(password: str, name: str = "") -> None:
    password = password or ""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 位")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"密码最多 {MAX_PASSWORD} 位")
    if len(set(password.strip())) <= 1:
        raise AccountError("密码不能全是空格或同一个字符")
    if name and password.strip().casefold() == name.casefold():
        raise AccountError("密码不能与账号名相同")
