"""The 账号 tab: your own API keys (made here, shown once), and for administrators the audit log.

Keys are for scripts and chat clients (``Authorization: Bearer <密钥>``); each acts as its owner,
with the same knowledge bases. Administrators also see every key and can revoke any of them.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from govdoc.accounts import AccountError, Principal
from govdoc.audit import ACTION_LABELS
from govdoc.sourcename import shown_name
from govdoc.web.users import UsersSection, build_users_section
from govdoc.web.who import principal

if TYPE_CHECKING:
    from govdoc.service import GovdocService

KEY_HEADERS = ["编号", "用户", "备注", "创建时间", "状态"]
AUDIT_HEADERS = ["时间", "用户", "操作", "对象", "说明", "来源地址"]
AUDIT_SHOWN = 200


def key_rows(service: GovdocService, who: Principal) -> list[list[str]]:
    """The keys ``who`` may see: their own, or everyone's for an administrator."""
    if who.via in ("local", "settings-key") and not service.accounts.has_users():
        return []
    keys = service.accounts.keys(None if who.is_admin else who.name)
    return [
        [k.id, k.user, k.label, time.strftime("%Y-%m-%d %H:%M", time.localtime(k.created_at)), "已吊销" if k.revoked else "有效"]
        for k in keys
    ]


def create_key(service: GovdocService, who: Principal, label: str) -> tuple[str, list[list[str]]]:
    """A new personal key for ``who``: the message showing it once, and the key table."""
    if who.via in ("local", "settings-key"):
        return "个人密钥属于账号：请先由管理员建立账号（govdoc user add）并用账号登录。", key_rows(service, who)
    if who.via == "key":  # a key that leaked must not let whoever holds it make more
        return "用密钥访问时不能新建密钥：请用账号和密码登录网页后再新建。", key_rows(service, who)
    try:
        entry, key = service.accounts.create_key(who.name, label)
    except AccountError as exc:
        return str(exc), key_rows(service, who)
    service.audit.record(who.name, "key", entry.id, "新建个人密钥")
    shown = f"新密钥（编号 {entry.id}，只显示这一次，请立即复制保存）：\n\n`{key}`"
    return shown, key_rows(service, who)


def revoke_key(service: GovdocService, who: Principal, key_id: str) -> tuple[str, list[list[str]]]:
    """Revoke one of ``who``'s keys (an administrator: anyone's)."""
    key_id = (key_id or "").strip()
    if not key_id:
        return "请填写要吊销的密钥编号。", key_rows(service, who)
    try:
        service.accounts.revoke_key(key_id, None if who.is_admin else who.name)
    except AccountError as exc:
        return str(exc), key_rows(service, who)
    service.audit.record(who.name, "key", key_id, "吊销密钥")
    return f"已吊销密钥 {key_id}。", key_rows(service, who)


# Actions whose object is a stored file: the page names it as everywhere else, without folders or extension
# (the exported log keeps the whole name).
FILE_ACTIONS = frozenset({"upload", "delete", "upload_refused", "delete_refused"})


def audit_rows(service: GovdocService, who: Principal) -> list[list[str]]:
    """The latest audit entries, for administrators only."""
    if not who.is_admin:
        return []
    return [
        [
            e.time_text,
            e.user,
            ACTION_LABELS.get(e.action, e.action),
            shown_name(e.object) if e.action in FILE_ACTIONS else e.object,
            e.detail,
            e.client,
        ]
        for e in service.audit.entries(limit=AUDIT_SHOWN)
    ]


def export_audit(service: GovdocService, who: Principal) -> tuple[str, Any]:
    """The whole audit log as a CSV download (administrators only)."""
    if not who.is_admin:
        return "只有管理员可以导出操作日志。", gr.update(visible=False)
    folder = Path(tempfile.mkdtemp(prefix="govdoc-audit-"))
    path = folder / f"操作日志-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    path.write_text(service.audit.csv(), encoding="utf-8-sig")  # the BOM lets Excel read it as UTF-8
    service.audit.record(who.name, "export", "操作日志表格")
    return "已生成操作日志文件，点击下载。", gr.update(value=str(path), visible=True)


def audit_box_for(who: Principal) -> Any:
    """The audit log's section, shown to administrators only: no one else may read or export it."""
    return gr.update(visible=who.is_admin)


def build_account_tab(service: GovdocService) -> tuple[gr.Dataframe, gr.Dataframe, gr.Accordion, UsersSection]:
    """The 账号 tab's components and events; returns the key and audit tables, filled on page load, the
    audit log's section, which `audit_box_for` shows on page load, and the accounts section (`load_users`)."""
    users = build_users_section(service)
    # Folded: most people only change their password here, and a teacher took the keys for something they
    # had to understand (found by hand).
    with gr.Accordion("个人访问密钥（供脚本和聊天软件使用，一般用不到）", open=False, elem_id="gd-keys-box"):
        gr.Markdown(
            "个人访问密钥供脚本和聊天软件使用（接入方法见使用说明），权限与你的账号相同。"
            "密钥只在创建时显示一次。"
        )
        with gr.Row():
            label = gr.Textbox(label="密钥备注（例如：办公室脚本）", scale=3, elem_id="gd-key-label")
            make = gr.Button("新建密钥", variant="primary", scale=1, elem_id="gd-key-create")
        shown = gr.Markdown("", elem_id="gd-key-shown")
        keys = gr.Dataframe(headers=KEY_HEADERS, value=[], label="密钥", interactive=False, elem_id="gd-keys")
        with gr.Row():
            key_id = gr.Textbox(label="要吊销的密钥编号", scale=3, elem_id="gd-key-id")
            revoke = gr.Button("吊销", variant="stop", scale=1, elem_id="gd-key-revoke")
    with gr.Accordion("操作日志", open=False, visible=False, elem_id="gd-audit-box") as audit_box:
        audit = gr.Dataframe(headers=AUDIT_HEADERS, value=[], interactive=False, wrap=True, elem_id="gd-audit")
        with gr.Row():
            export = gr.Button("导出为表格（Excel 可打开）", size="sm", elem_id="gd-audit-export")
            note = gr.Markdown("")
        download = gr.File(label="下载", visible=False, interactive=False, elem_id="gd-audit-file")

    # gradio hands gr.Request only to a handler whose own annotations say so (not through partial).
    def on_create(text: str, request: gr.Request) -> tuple[str, list[list[str]]]:
        return create_key(service, principal(service, request), text)

    def on_revoke(text: str, request: gr.Request) -> tuple[str, list[list[str]]]:
        return revoke_key(service, principal(service, request), text)

    def on_export(request: gr.Request) -> tuple[str, Any]:
        return export_audit(service, principal(service, request))

    make.click(on_create, [label], [shown, keys], api_visibility="private")
    revoke.click(on_revoke, [key_id], [shown, keys], api_visibility="private")
    export.click(on_export, None, [note, download], api_visibility="private")
    return keys, audit, audit_box, users
