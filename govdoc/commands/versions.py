"""``govdoc versions``: list the documents that have several versions, compare two, correct one."""

from __future__ import annotations

import argparse
import json
from typing import Any

from govdoc.settings import Settings


def register(subparsers: Any) -> None:
    """Add the versions subcommand (list, diff, set)."""
    p = subparsers.add_parser("versions", help="列出有多个版本的文档、对比两个版本、更正版本归属和先后")
    sub = p.add_subparsers(dest="versions_command")
    show = sub.add_parser("list", help="列出有多个版本的文档（默认）")
    show.add_argument("--json", action="store_true", help="输出 JSON")
    diff = sub.add_parser("diff", help="逐条对比两个版本（文档编号见 govdoc versions list）")
    diff.add_argument("old", help="旧版本的文档编号")
    diff.add_argument("new", help="新版本的文档编号")
    diff.add_argument("--all", action="store_true", help="也列出未改动的条文")
    diff.add_argument("--json", action="store_true", help="输出 JSON")
    put = sub.add_parser("set", help="更正一篇文档的版本：并入另一篇的版本组、单独成组、指定日期或设为现行")
    put.add_argument("doc_id", help="文档编号")
    group = put.add_mutually_exclusive_group()
    group.add_argument("--same-as", metavar="文档编号", help="与这篇文档是同一文件的不同版本")
    group.add_argument("--alone", action="store_true", help="不与任何文档算作版本")
    put.add_argument("--date", help="版本日期：2024、2024-12 或 2024-12-31")
    put.add_argument("--current", action="store_true", help="设为现行版本（不论日期）")
    put.add_argument("--clear", action="store_true", help="撤销对这篇文档的全部更正")
    put.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run, versions_command="list", json=False)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run a versions subcommand; 1 on an unknown document or a bad date."""
    import sys

    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.versions import CHANGE_WORDS, change_json, diff_summary, version_json
    from ingest.store import NotInIndexError

    service = GovdocService(settings)
    try:
        if args.versions_command == "diff":
            changes = service.version_diff(args.old, args.new, who=LOCAL)
            shown = [c for c in changes if args.all or c.kind != "same"]
            if args.json:
                print(json.dumps([change_json(c) for c in shown], ensure_ascii=False))
                return 0
            print(diff_summary(changes))
            for c in shown:
                article = c.new or c.old
                label = article.label if article is not None else ""
                print(f"\n【{CHANGE_WORDS[c.kind]}】{label}")
                if c.old is not None and c.kind != "same":
                    print(f"  原文：{' '.join(c.old.text.split())}")
                if c.new is not None:
                    print(f"  {'现文' if c.kind != 'same' else '条文'}：{' '.join(c.new.text.split())}")
            return 0
        if args.versions_command == "set":
            v = service.set_version(
                args.doc_id,
                who=LOCAL,
                group="" if args.alone else args.same_as,
                date=args.date,
                current=True if args.current else None,
                clear=args.clear,
            )
            if args.json:
                print(json.dumps(version_json(v), ensure_ascii=False))
            else:
                state = "现行" if v.current else "已被取代"
                print(f"已更正：《{v.title}》{v.label}，第 {v.order}/{v.count} 版，{state}")
            return 0
        groups = service.versions(LOCAL)
        if args.json:
            print(json.dumps([[version_json(v) for v in g] for g in groups], ensure_ascii=False))
            return 0
        for g in groups:
            print(f"《{g[-1].title}》共 {g[-1].count} 个版本：")
            for v in g:
                state = "现行" if v.current else "已被取代"
                print(f"  {v.label}  {state}  {v.doc_id}  {v.source}")
        if not groups:
            print("没有同一文件的多个版本。")
        return 0
    except (NotInIndexError, ValueError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        service.close()
