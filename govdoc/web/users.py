"""The 账号 tab's accounts: changing one's own password, and for administrators the list of accounts with
new accounts, password resets, roles and disabling, as ``govdoc user`` does on the command line.

Only a user logged in with their password changes it (with the current one, a few wrong tries at most per
`TRY_WINDOW_S`); a personal key may not touch accounts (a key that leaked must not lock its owner out). An
administrator may not disable their own account or take their own administrator role, so at least one
administrator always remains. Every change, and every refusal of a wrong current password, is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.accounts import MAX_PASSWORD, MIN_PASSWORD, ROLE_LABELS, ROLES, AccountError, Principal
from govdoc.failures import FailureWindow
from govdoc.web.who import principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService

USER_HEADERS = ["账号", "角色", "状态"]
TRIES_ALLOWED = 5  # wrong current passwords for one account within TRY_WINDOW_S, then no more tries
TRY_WINDOW_S = 600
ROLE_CHOICES = [(ROLE_LABELS[r], r) for r in ROLES]
CHANGED = "密码已修改。"
ACTIONS = {"add": "新建账号", "password": "重设密码", "role": "修改角色", "disable": "停用", "enable": "启用"}
# Once the password is changed every login of the user has ended: the page goes to the login page, which says
# the password was changed (its session is gone already; the login page's own notice, not words of the URL).
TO_LOGIN = f"(said) => {{ if ((said || '').startsWith('{CHANGED}')) setTimeout(() => location.assign('/login?changed=1'), 2500); }}"


class Tries(FailureWindow):
    """Wrong current passwords given to change a password, per account, within `TRY_WINDOW_S`."""

    def __init__(self) -> None:
        super().__init__(TRY_WINDOW_S)


def change_own_password(
    service: GovdocService, who: Principal, current: str, new: str, again: str, tries: Tries, client: str = ""
) -> str:
    """Change ``who``'s password: the message to show. Their logins elsewhere and their personal keys end."""
    if who.via != "session":
        return "只有用账号和密码登录网页时才能修改密码。"
    if tries.count(who.name) >= TRIES_ALLOWED:
        return "当前密码输错次数过多，请 10 分钟后再试。"
    if not current or not new:
        return "请填写当前密码和新密码。"
    if new != again:
        return "两次输入的新密码不一致。"
    if len(current) > MAX_PASSWORD or service.accounts.verify(who.name, current) is None:
        tries.add([who.name])
        service.audit.record(who.name, "user_refused", who.name, "修改密码：当前密码不正确", client)
        return "当前密码不正确。"
    if new == current:
        return "新密码不能与当前密码相同。"
    try:
        revoked = service.accounts.set_password(who.name, new)
    except AccountError as exc:
        return f"{exc}。"
    service.audit.record(who.name, "user", who.name, f"修改自己的密码，吊销个人密钥 {revoked} 个", client)
    keys = f"你的 {revoked} 个个人密钥已吊销，需要时请重新新建；" if revoked else ""
    return f"{CHANGED}{keys}所有登录已退出，稍后转到登录页，请用新密码登录。"


def may_manage(who: Principal) -> bool:
    """Whether ``who`` may manage accounts on the page: an administrator, not by a personal key."""
    return who.is_admin and who.via != "key"


def user_rows(service: GovdocService, who: Principal) -> list[list[str]]:
    """Every account, for those who may manage them (`may_manage`)."""
    if not may_manage(who):
        return []
    return [[u.name, ROLE_LABELS[u.role], "已停用" if u.disabled else "正常"] for u in service.accounts.users()]


def manage_user(
    service: GovdocService, who: Principal, action: str, name: str, password: str = "", role: str = "reader", client: str = ""
) -> tuple[str, list[list[str]]]:
    """Do ``action`` (add, password, role, disable, enable) on the account ``name``: the message and the list."""
    name = (name or "").strip()
    if not may_manage(who):
        # Someone who may not manage accounts asked to: a try at rights they lack, which the log keeps.
        service.audit.record(who.name, "user_refused", name[:100], f"账号管理（{ACTIONS.get(action, action)}）：没有权限", client)
        return "只有管理员用账号登录后才能管理账号。", user_rows(service, who)
    if not name:
        return "请填写账号名称。", user_rows(service, who)
    if name == who.name and action in ("disable", "role") and (action == "disable" or role != "admin"):
        return "不能停用自己的账号或取消自己的管理员角色，以免没有人能管理账号。", user_rows(service, who)
    if name == who.name and action == "password":
        # Without the current password a page left open could change it: one's own goes through 修改我的密码.
        return "修改自己的密码请用上方的“修改我的密码”（需要输入当前密码）。", user_rows(service, who)
    accounts = service.accounts
    if action != "add" and accounts.user(name) is None:
        return f"没有账号 {name}。", user_rows(service, who)
    try:
        if action == "add":
            first = not accounts.has_users()
            user = accounts.add_user(name, password, role)  # type: ignore[arg-type]  # checked by add_user
            detail, said = f"新建，角色 {user.role}", f"已新建账号 {name}（{ROLE_LABELS[user.role]}），请把初始密码当面告诉本人。"
            if first:
                said += "这是第一个账号：从现在起每个人都要登录，请刷新页面后用它登录。"
        elif action == "password":
            revoked = accounts.set_password(name, password)
            detail = f"重设密码，吊销个人密钥 {revoked} 个"
            said = f"已重设 {name} 的密码，其网页登录已全部退出" + (f"，{revoked} 个个人密钥已吊销。" if revoked else "。")
        elif action == "role":
            accounts.set_role(name, role)  # type: ignore[arg-type]  # checked by set_role
            detail, said = f"角色改为 {role}", f"{name} 的角色已改为{ROLE_LABELS.get(role, role)}。"
        elif action == "disable":
            revoked = accounts.disable(name)
            detail = f"停用，吊销个人密钥 {revoked} 个"
            said = f"已停用账号 {name}：其登录已全部退出" + (f"，{revoked} 个个人密钥已吊销。" if revoked else "。")
        elif action == "enable":
            accounts.enable(name)
            detail, said = "启用", f"已启用账号 {name}。"
        else:
            return "不支持的操作。", user_rows(service, who)
    except AccountError as exc:
        return f"{exc}。", user_rows(service, who)
    service.audit.record(who.name, "user", name, detail, client)
    return said, user_rows(service, who)


@dataclass(frozen=True)
class UsersSection:
    """The components `load_users` fills when the page opens."""

    password_box: Any
    users_box: Any
    users: Any

    def outputs(self) -> list[Any]:
        return [self.password_box, self.users_box, self.users]


def load_users(service: GovdocService, who: Principal) -> tuple[Any, ...]:
    """The users section for ``who``: the password box for a password login, the list for an administrator."""
    return (
        gr.update(visible=who.via == "session"),
        gr.update(visible=may_manage(who)),
        user_rows(service, who),
    )


def _client(request: gr.Request | None) -> str:
    return str(getattr(getattr(request, "client", None), "host", "") or "")


def build_users_section(service: GovdocService) -> UsersSection:
    """The password box and the accounts list, with their events (inside the 账号 tab)."""
    tries = Tries()
    with gr.Accordion("修改我的密码", open=False, visible=False, elem_id="gd-password-box") as password_box:
        current = gr.Textbox(label="当前密码", type="password", elem_id="gd-password-current")
        new = gr.Textbox(label=f"新密码（至少 {MIN_PASSWORD} 位）", type="password", elem_id="gd-password-new")
        again = gr.Textbox(label="再输一次新密码", type="password", elem_id="gd-password-again")
        change = gr.Button("修改密码", variant="primary", elem_id="gd-password-change")
        changed = gr.Markdown("", elem_id="gd-password-said")
    with gr.Accordion("账号管理", open=False, visible=False, elem_id="gd-users-box") as users_box:
        gr.Markdown("新建账号后，请把账号和初始密码当面告诉本人，并提醒其登录后在上方“修改我的密码”中改掉。")
        users = gr.Dataframe(headers=USER_HEADERS, value=[], label="账号", interactive=False, elem_id="gd-users")
        with gr.Row():
            name = gr.Textbox(label="账号名称", scale=2, elem_id="gd-user-name")
            password = gr.Textbox(label="初始密码或新密码", type="password", scale=2, elem_id="gd-user-password")
            role = gr.Dropdown(ROLE_CHOICES, value="reader", label="角色", scale=1, elem_id="gd-user-role")
        # Making an account stands apart from what is done to one that exists; 停用 comes last, away from 新建.
        with gr.Row():
            buttons = {"add": gr.Button("新建账号", variant="primary", size="sm", elem_id="gd-user-add")}
        gr.Markdown("对已有的账号（填写账号名称）：", elem_id="gd-users-existing")
        with gr.Row():
            buttons |= {
                "password": gr.Button("重设密码", size="sm", elem_id="gd-user-reset"),
                "role": gr.Button("修改角色", size="sm", elem_id="gd-user-setrole"),
                "enable": gr.Button("启用", size="sm", elem_id="gd-user-enable"),
                "disable": gr.Button("停用", variant="stop", size="sm", elem_id="gd-user-disable"),
            }
        said = gr.Markdown("", elem_id="gd-users-said")
        sure = gr.Checkbox(False, label="确认停用", visible="hidden", elem_id="gd-user-disable-sure")

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def on_change(a: str, b: str, c: str, request: gr.Request) -> tuple[str, str, str, str]:
        message = change_own_password(service, principal(service, request), a, b, c, tries, _client(request))
        return message, "", "", ""

    change.click(on_change, [current, new, again], [changed, current, new, again], api_visibility="private").then(
        None, [changed], None, js=TO_LOGIN, api_visibility="private"
    )

    for action, button in buttons.items():
        if action == "disable":
            # One field names the account every button acts on: 停用 asks first, as a name left in it from
            # the last account made would otherwise be disabled by one slip of the mouse.
            button.click(None, [name], [sure], js=DISABLE_QUESTION, api_visibility="private").then(
                _manager(service, action, asked=True), [name, password, role, sure], [said, users, password],
                api_visibility="private",
            )
        else:
            button.click(_manager(service, action), [name, password, role], [said, users, password], api_visibility="private")
    return UsersSection(password_box, users_box, users)


# Asked in the browser before an account is disabled; the answer goes to the hidden 确认停用 box.
DISABLE_QUESTION = (
    "(n) => confirm('确定停用账号「' + (n || '').trim() + '」吗？停用后，该账号立即退出登录，个人密钥全部作废。')"
)


def _manager(service: GovdocService, action: str, asked: bool = False) -> Any:
    """The handler of one account button: the message, the list, and the password field emptied. ``asked``: the
    button asked first (`DISABLE_QUESTION`), and its answer comes last; nothing is done unless it was yes."""

    def on_manage(n: str, p: str, r: str, request: gr.Request) -> tuple[str, Any, str]:
        message, rows = manage_user(service, principal(service, request), action, n, p, r, _client(request))
        return message, rows, ""

    def on_asked(n: str, p: str, r: str, yes: bool, request: gr.Request) -> tuple[Any, Any, Any]:
        if not yes:
            return gr.skip(), gr.skip(), gr.skip()
        return on_manage(n, p, r, request)

    return on_asked if asked else on_manage
