"""``govdoc versions``: list the documents that have several versions, compare two, correct one."""

from __future__ import annotations

import argparse
import json
from typing import Any

from govdoc.settings import Settings


def register(subparsers: Any) -> None:
    """Add the versions subcommand: list (default), --diff OLD NEW, --set DOC."""
    p = subparsers.add_parser(
        "versions",
        help="列出有多个版本的文档；--diff 逐条对比两个版本；--set 更正版本归属、日期或现行版本",
        description="文档编号见 govdoc versions 或 govdoc versions --json。",
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument("--diff", nargs=2, metavar=("旧版本编号", "新版本编号"), help="逐条对比两个版本")
    action.add_argument("--set", metavar="文档编号", dest="set_doc", help="更正这篇文档的版本")
    p.add_argument("--all", action="store_true", help="对比时也列出未改动的条文")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--same-as", metavar="文档编号", help="（--set）与这篇文档是同一文件的不同版本")
    group.add_argument("--alone", action="store_true", help="（--set）不与任何文档算作版本")
    p.add_argument("--date", help="（--set）版本日期：2024、2024-12 或 2024-12-31")
    p.add_argument("--current", action="store_true", help="（--set）设为现行版本（不论日期）")
    p.add_argument("--clear", action="store_true", help="（--set）撤销对这篇文档的全部更正")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run a versions subcommand; 1 on an unknown document or a bad date."""
    import sys

    from govdoc.accounts import LOCAL
    from govdoc.service import GovdocService
    from govdoc.versions import CHANGE_WORDS, change_json, diff_summary, version_json
    from ingest.store import NotInIndexError

    service = GovdocService(settings)
    try:
        if args.diff:
            changes = service.version_diff(args.diff[0], args.diff[1], who=LOCAL)
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
        if args.set_doc:
            v = service.set_version(
                args.set_doc,
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
