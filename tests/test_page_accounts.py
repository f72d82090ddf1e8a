"""Accounts on the 账号 tab: a user changes their own password (with the current one, a few wrong tries at
most), and an administrator makes accounts, resets passwords, changes roles and disables accounts, as
``govdoc user`` does, without locking everyone out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from govdoc.accounts import LOCAL, Principal
from govdoc.web.users import TRIES_ALLOWED, Tries, change_own_password, load_users, manage_user, user_rows

ADMIN = Principal("校长", "admin", "session")
TEACHER = Principal("李老师", "reader", "session")


@pytest.fixture
def service(tmp_path: Path) -> Iterator[object]:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    service.accounts.add_user("校长", "xiaozhang-2026", "admin")
    service.accounts.add_user("李老师", "lilaoshi-2026", "reader")
    try:
        yield service
    finally:
        service.close()


def _actions(service) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return [(e.user, e.action, e.detail) for e in service.audit.entries(limit=50)]


def test_a_user_changes_their_own_password_with_the_current_one(service) -> None:  # type: ignore[no-untyped-def]
    session = service.accounts.open_session("李老师")
    said = change_own_password(service, TEACHER, "lilaoshi-2026", "xinmima-2026", "xinmima-2026", Tries())
    assert said.startswith("密码已修改") and "登录页" in said
    assert service.accounts.verify("李老师", "xinmima-2026") is not None
    assert service.accounts.verify("李老师", "lilaoshi-2026") is None
    assert service.accounts.principal_for_session(session) is None  # every login of theirs ended
    assert ("李老师", "user", "修改自己的密码，吊销个人密钥 0 个") in _actions(service)


@pytest.mark.parametrize(
    ("current", "new", "again", "said"),
    [
        ("wrong-password", "xinmima-2026", "xinmima-2026", "当前密码不正确。"),
        ("lilaoshi-2026", "xinmima-2026", "xinmima-2027", "两次输入的新密码不一致。"),
        ("lilaoshi-2026", "short", "short", "密码至少 8 位。"),
        ("lilaoshi-2026", "lilaoshi-2026", "lilaoshi-2026", "新密码不能与当前密码相同。"),
        ("", "xinmima-2026", "xinmima-2026", "请填写当前密码和新密码。"),
    ],
)
def test_a_password_change_that_cannot_be_done_says_why_and_changes_nothing(service, current, new, again, said) -> None:  # type: ignore[no-untyped-def]
    assert change_own_password(service, TEACHER, current, new, again, Tries()) == said
    assert service.accounts.verify("李老师", "lilaoshi-2026") is not None


def test_wrong_current_passwords_are_logged_and_stop_after_a_few(service) -> None:  # type: ignore[no-untyped-def]
    tries = Tries()
    for _ in range(TRIES_ALLOWED):
        assert change_own_password(service, TEACHER, "guess-0000", "xinmima-2026", "xinmima-2026", tries) == "当前密码不正确。"
    # Even the right password is not checked now: guessing it here is no way around the login's limit.
    said = change_own_password(service, TEACHER, "lilaoshi-2026", "xinmima-2026", "xinmima-2026", tries)
    assert "次数过多" in said
    assert service.accounts.verify("李老师", "lilaoshi-2026") is not None
    refused = [a for a in _actions(service) if a[1] == "user_refused"]
    assert len(refused) == TRIES_ALLOWED
    # Another account's tries are its own.
    assert change_own_password(service, ADMIN, "xiaozhang-2026", "xinmima-2026", "xinmima-2026", tries).startswith("密码已修改")


def test_only_a_password_login_changes_a_password(service) -> None:  # type: ignore[no-untyped-def]
    by_key = Principal("李老师", "reader", "key")
    assert "登录网页" in change_own_password(service, by_key, "lilaoshi-2026", "xinmima-2026", "xinmima-2026", Tries())
    assert service.accounts.verify("李老师", "lilaoshi-2026") is not None
    assert load_users(service, by_key)[0]["visible"] is False
    assert load_users(service, TEACHER)[0]["visible"] is True


def test_an_administrator_manages_accounts_and_each_change_is_logged(service) -> None:  # type: ignore[no-untyped-def]
    said, rows = manage_user(service, ADMIN, "add", "王老师", "wanglaoshi-2026", "editor")
    assert "已新建账号 王老师（编辑）" in said
    assert ["王老师", "编辑", "正常"] in rows
    assert service.accounts.verify("王老师", "wanglaoshi-2026") is not None
    said, _ = manage_user(service, ADMIN, "password", "王老师", "chongshe-2026")
    assert service.accounts.verify("王老师", "chongshe-2026") is not None and "已重设" in said
    manage_user(service, ADMIN, "role", "王老师", role="reader")
    assert service.accounts.user("王老师").role == "reader"
    _, key = service.accounts.create_key("王老师", "脚本")
    said, rows = manage_user(service, ADMIN, "disable", "王老师")
    assert ["王老师", "读者", "已停用"] in rows and "1 个个人密钥已吊销" in said
    assert service.accounts.verify("王老师", "chongshe-2026") is None
    manage_user(service, ADMIN, "enable", "王老师")
    assert service.accounts.verify("王老师", "chongshe-2026") is not None
    # A key of the disabled account stays revoked once it is enabled again.
    assert service.accounts.principal_for_key(key) is None
    details = [d for u, a, d in _actions(service) if u == "校长" and a == "user"]
    assert {"新建，角色 editor", "重设密码，吊销个人密钥 0 个", "角色改为 reader", "停用，吊销个人密钥 1 个", "启用"} <= set(details)
    # The password given is never in the log.
    assert not any("chongshe" in d or "wanglaoshi" in d for _, _, d in _actions(service))


def test_an_administrator_cannot_lock_themselves_out(service) -> None:  # type: ignore[no-untyped-def]
    said, _ = manage_user(service, ADMIN, "disable", "校长")
    assert "不能停用自己的账号" in said
    # Nor reset their own password without the current one (a page left open would let anyone do it).
    said, _ = manage_user(service, ADMIN, "password", "校长", "chuangru-2026")
    assert "修改我的密码" in said and service.accounts.verify("校长", "xiaozhang-2026") is not None
    said, _ = manage_user(service, ADMIN, "role", "校长", role="reader")
    assert "不能" in said
    assert service.accounts.user("校长").role == "admin" and not service.accounts.user("校长").disabled


@pytest.mark.parametrize(
    "who",
    [TEACHER, Principal("编辑", "editor", "session"), Principal("校长", "admin", "key")],
)
def test_no_one_but_an_administrator_logged_in_manages_accounts(service, who) -> None:  # type: ignore[no-untyped-def]
    said, rows = manage_user(service, who, "add", "闯入者", "chuangru-2026", "admin")
    assert "只有管理员" in said and rows == []
    assert service.accounts.user("闯入者") is None
    said, _ = manage_user(service, who, "password", "校长", "chuangru-2026")
    assert service.accounts.verify("校长", "xiaozhang-2026") is not None
    assert user_rows(service, who) == [] and load_users(service, who)[1]["visible"] is False
    # Each try is in the log, as a refusal, with the account it aimed at.
    refused = [(u, o) for u, a, o in ((e.user, e.action, e.object) for e in service.audit.entries(limit=50)) if a == "user_refused"]
    assert (who.name, "闯入者") in refused and (who.name, "校长") in refused


@pytest.mark.parametrize(
    ("password", "said"),
    [
        ("x" * 129, "密码最多 128 位。"),
        (" " * 10, "密码不能全是空格或同一个字符。"),
        ("11111111", "密码不能全是空格或同一个字符。"),
        ("王老师王老师王老", None),  # eight characters of no one name: fine
    ],
)
def test_a_password_must_be_one_a_login_can_send_and_not_trivial(service, password, said) -> None:  # type: ignore[no-untyped-def]
    message, _ = manage_user(service, ADMIN, "add", "王老师", password, "reader")
    if said is None:
        assert message.startswith("已新建账号"), message
    else:
        assert message == said and service.accounts.user("王老师") is None
    assert change_own_password(service, TEACHER, "lilaoshi-2026", "x" * 200, "x" * 200, Tries()) == "密码最多 128 位。"


def test_a_password_may_not_be_the_account_name(service) -> None:  # type: ignore[no-untyped-def]
    assert manage_user(service, ADMIN, "add", "zhangsan-2026", "zhangsan-2026", "reader")[0] == "密码不能与账号名相同。"


def test_bad_account_requests_say_why(service) -> None:  # type: ignore[no-untyped-def]
    assert manage_user(service, ADMIN, "add", "李老师", "another-2026", "reader")[0] == "用户 李老师 已存在。"
    assert manage_user(service, ADMIN, "add", "新人", "short", "reader")[0] == "密码至少 8 位。"
    assert manage_user(service, ADMIN, "add", "坏 名字", "long-enough-1", "reader")[0].startswith("用户名只能包含")
    assert manage_user(service, ADMIN, "disable", "没有这个人")[0] == "没有账号 没有这个人。"
    assert manage_user(service, ADMIN, "add", "", "long-enough-1", "reader")[0] == "请填写账号名称。"


def test_the_first_account_made_from_the_local_page_says_that_logins_begin(tmp_path: Path) -> None:
    from govdoc.service import GovdocService
    from govdoc.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", embedding={"mode": "hashing"}, store={"index_dir": tmp_path / "index"})
    service = GovdocService(settings)
    try:
        said, rows = manage_user(service, LOCAL, "add", "办公室", "bangongshi-2026", "admin")
        assert "第一个账号" in said and "登录" in said
        assert rows == [["办公室", "管理员", "正常"]]
    finally:
        service.close()
