"""``govdoc user``, ``govdoc key``, ``govdoc kb`` and ``govdoc audit``: accounts, keys, knowledge bases, the log.

These run at the server's console, as its operator: no login is asked. Passwords are read without
echo (or from standard input with ``--password-stdin``) and never appear in arguments or output.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from govdoc.settings import Settings


def register(subparsers: Any) -> None:
    """Add the user, key, kb and audit subcommands."""
    p = subparsers.add_parser("user", help="账号管理：add / passwd / role / list / disable / enable")
    sub = p.add_subparsers(dest="action", metavar="操作", required=True)
    add = sub.add_parser("add", help="新建账号")
    add.add_argument("name", help="用户名")
    add.add_argument("--role", choices=["admin", "editor", "reader"], default="reader", help="角色（默认 reader）")
    add.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（脚本用）")
    pw = sub.add_parser("passwd", help="修改密码")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", help="从标准输入读取密码（脚本用）")
    pw.add_argument("--keep-keys", action="store_true", help="保留此用户的个人密钥（默认一并吊销）")
    role = sub.add_parser("role", help="修改角色")
    role.add_argument("name")
    role.add_argument("role", choices=["admin", "editor", "reader"])
    sub.add_parser("list", help="列出账号")
    for action, text in (("disable", "停用账号（立即失效，包括其密钥）"), ("enable", "重新启用账号")):
        q = sub.add_parser(action, help=text)
        q.add_argument("name")
    p.set_defaults(func=run)

    p = subparsers.add_parser("key", help="个人 API 密钥：create / list / revoke")
    sub = p.add_subparsers(dest="action", metavar="操作", required=True)
    create = sub.add_parser("create", help="为账号新建密钥（只显示这一次）")
    create.add_argument("name", help="用户名")
    create.add_argument("--label", default="", help="备注")
    listing = sub.add_parser("list", help="列出密钥（不显示密钥本身）")
    listing.add_argument("name", nargs="?", help="只列出这个用户的")
    revoke = sub.add_parser("revoke", help="吊销密钥")
    revoke.add_argument("id", help="密钥编号（见 govdoc key list）")
    p.set_defaults(func=run)

    p = subparsers.add_parser("kb", help="知识库：add / list / grant / revoke")
    sub = p.add_subparsers(dest="action", metavar="操作", required=True)
    kb_add = sub.add_parser("add", help="新建知识库")
    kb_add.add_argument("name")
    kb_add.add_argument("--public", action="store_true", help="所有用户都能阅读")
    sub.add_parser("list", help="列出知识库与成员")
    grant = sub.add_parser("grant", help="授权：某用户可阅读（reader）或编辑（editor）某知识库")
    grant.add_argument("name", help="知识库")
    grant.add_argument("user")
    grant.add_argument("access", choices=["reader", "editor"])
    kb_revoke = sub.add_parser("revoke", help="收回某用户对某知识库的权限")
    kb_revoke.add_argument("name")
    kb_revoke.add_argument("user")
    p.set_defaults(func=run)

    p = subparsers.add_parser("audit", help="查看操作日志（谁在何时做了什么）")
    p.add_argument("--limit", type=int, default=50, help="最近多少条（默认 50；0 表示全部）")
    p.add_argument("--user", help="只看这个用户的")
    p.add_argument("--csv", action="store_true", help="输出 CSV（带表头，可用 Excel 打开）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run one of this module's subcommands; returns the exit status."""
    from govdoc.accounts import AccountError, Accounts
    from govdoc.audit import AuditLog
    from govdoc.kbs import KbError, KnowledgeBases
    from govdoc.projectdb import ProjectDbError, close_place, project_place

    db = project_place(settings.store)
    accounts, kbs, audit = Accounts(db), KnowledgeBases(db), AuditLog(db)
    try:
        match args.command:
            case "user":
                return _user(args, accounts, audit)
            case "key":
                return _key(args, accounts, audit)
            case "kb":
                return _kb(args, kbs, audit)
            case "audit":
                return _audit(args, audit)
    except (AccountError, KbError, ProjectDbError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        close_place(db)
    raise ValueError(f"未知命令：{args.command}")


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码：")
    if getpass.getpass("再输入一次：") != first:
        from govdoc.accounts import AccountError

        raise AccountError("两次输入的密码不一致")
    return first


def _user(args: argparse.Namespace, accounts: Any, audit: Any) -> int:
    from govdoc.accounts import ROLE_LABELS

    match args.action:
        case "add":
            user = accounts.add_user(args.name, _password(args), args.role)
            audit.record("（命令行）", "user", user.name, f"新建，角色 {user.role}")
            print(f"已新建账号 {user.name}（{ROLE_LABELS[user.role]}）")
        case "passwd":
            revoked = accounts.set_password(args.name, _password(args), keep_keys=args.keep_keys)
            audit.record("（命令行）", "user", args.name, f"修改密码，吊销个人密钥 {revoked} 个")
            print(f"已修改 {args.name} 的密码，其网页登录已全部退出", end="")
            if args.keep_keys:
                print("；其个人密钥按要求保留，仍然有效")
            elif revoked:
                print(f"；其 {revoked} 个个人密钥已吊销，如仍需要请用 govdoc key create {args.name} 新建")
            else:
                print("")
        case "role":
            accounts.set_role(args.name, args.role)
            audit.record("（命令行）", "user", args.name, f"角色改为 {args.role}")
            print(f"{args.name} 的角色已改为 {ROLE_LABELS[args.role]}")
        case "list":
            for user in accounts.users():
                state = "（已停用）" if user.disabled else ""
                print(f"{user.name}\t{ROLE_LABELS[user.role]}{state}")
        case "disable":
            revoked = accounts.disable(args.name)
            audit.record("（命令行）", "user", args.name, f"停用，吊销个人密钥 {revoked} 个")
            print(f"已停用账号 {args.name}" + (f"，其 {revoked} 个个人密钥已吊销" if revoked else ""))
        case "enable":
            accounts.enable(args.name)
            audit.record("（命令行）", "user", args.name, "启用")
            print(f"已启用账号 {args.name}")
    return 0


def _key(args: argparse.Namespace, accounts: Any, audit: Any) -> int:
    match args.action:
        case "create":
            entry, key = accounts.create_key(args.name, args.label)
            audit.record("（命令行）", "key", args.name, f"新建密钥 {entry.id}")
            print(f"已为 {args.name} 新建密钥（编号 {entry.id}）。密钥只显示这一次，请妥善保存：", file=sys.stderr)
            print(key)
        case "list":
            for k in accounts.keys(args.name):
                state = "（已吊销）" if k.revoked else ""
                print(f"{k.id}\t{k.user}\t{k.label}{state}")
        case "revoke":
            accounts.revoke_key(args.id)
            audit.record("（命令行）", "key", args.id, "吊销密钥")
            print(f"已吊销密钥 {args.id}")
    return 0


def _kb(args: argparse.Namespace, kbs: Any, audit: Any) -> int:
    match args.action:
        case "add":
            kbs.create(args.name, public=args.public)
            audit.record("（命令行）", "kb", args.name, "新建" + ("（公开）" if args.public else ""))
            print(f"已新建知识库 {args.name}")
        case "list":
            for kb in kbs.all():
                members = "，".join(f"{u}（{'编辑' if a == 'editor' else '阅读'}）" for u, a in kbs.members(kb.name))
                print(f"{kb.name}{'（所有人可读）' if kb.public else ''}\t{members}")
        case "grant":
            kbs.grant(args.name, args.user, args.access)
            audit.record("（命令行）", "kb", args.name, f"授权 {args.user}：{args.access}")
            print(f"{args.user} 现在可以{'编辑' if args.access == 'editor' else '阅读'}知识库 {args.name}")
        case "revoke":
            kbs.revoke(args.name, args.user)
            audit.record("（命令行）", "kb", args.name, f"收回 {args.user} 的权限")
            print(f"已收回 {args.user} 对知识库 {args.name} 的权限")
    return 0


def _audit(args: argparse.Namespace, audit: Any) -> int:
    from govdoc.audit import ACTION_LABELS

    entries = audit.entries(limit=args.limit or None, user=args.user)
    if args.csv:
        sys.stdout.write(audit.csv(entries))
        return 0
    for e in reversed(entries):
        detail = f"  {e.detail}" if e.detail else ""
        print(f"{e.time_text}  {e.user}  {ACTION_LABELS.get(e.action, e.action)}  {e.object}{detail}")
    return 0
