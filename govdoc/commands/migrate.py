"""``govdoc migrate``: copy a local index (sqlite + Chroma) into the index the settings name (e.g. PostgreSQL),
and with it the accounts, knowledge bases, conversations, feedback and audit log kept beside it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from govdoc.settings import Settings


def register(subparsers: Any) -> None:
    """Add the migrate subcommand."""
    p = subparsers.add_parser(
        "migrate",
        help="把本机索引目录中的索引（含向量）复制到当前设置的索引，例如 PostgreSQL；中断后再运行一次即可续上",
        description="复制时不重新向量化；目标中已有且内容相同的文件跳过。复制到 PostgreSQL 时，账号、知识库、对话、反馈和操作日志也一并复制。",
    )
    p.add_argument("--from", dest="source", metavar="索引目录", type=Path, required=True, help="原来的 store.index_dir")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Copy the index under ``args.source`` into the configured one; 1 when they are the same index."""
    import sys

    from govdoc.indexing import open_index
    from ingest.backend import open_store
    from ingest.migrate import copy_index

    if settings.store.backend == "sqlite" and Path(settings.store.index_dir).resolve() == args.source.resolve():
        print(f"源索引目录与当前设置的索引相同（{args.source}）：请先把 store.backend 设为 postgres", file=sys.stderr)
        return 1
    if not args.source.is_dir():
        print(f"找不到索引目录 {args.source}", file=sys.stderr)
        return 1
    target, embedder = open_index(settings)
    try:
        local = settings.store.model_copy(update={"backend": "sqlite", "index_dir": args.source})
        with open_store(local, embedder.name, embedder.dim) as source:
            report = copy_index(source, target, progress=lambda name, n: print(f"已复制：{name}（{n} 个片段）"))
    finally:
        target.close()
    line = f"完成：复制 {report.copied} 个文件（{report.chunks} 个片段），跳过 {report.skipped} 个已有的文件"
    if report.waiting:
        line += f"；{report.waiting} 个片段原本就在等待向量化，将由 govdoc serve 在后台补齐"
    print(line + "。")
    return _copy_project(args.source, settings)


def _copy_project(source: Path, settings: Settings) -> int:
    """Copy the accounts, knowledge bases, conversations, feedback and audit log beside the old index."""
    import sys

    from govdoc.accounts import Accounts
    from govdoc.audit import AuditLog
    from govdoc.conversations import Conversations
    from govdoc.feedback import TESTSET_FOLDER, FeedbackStore
    from govdoc.kbs import KnowledgeBases
    from govdoc.projectdb import SQLITE_FILE, PgDatabase, ProjectDbError, copy_tables, project_place

    place = project_place(settings.store)
    file = source / SQLITE_FILE
    if not isinstance(place, PgDatabase) or not file.is_file():
        return 0
    try:
        # Reading once from each creates its tables.
        Accounts(place).users()
        KnowledgeBases(place).all()
        Conversations(place).for_owner("")
        FeedbackStore(place, settings.store.index_dir / TESTSET_FOLDER).for_owner("")
        AuditLog(place).entries(limit=1)
        copied = copy_tables(file, place)
    except ProjectDbError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    finally:
        place.close()
    rows = sum(n for _, n in copied if n)
    left = [table for table, n in copied if n is None]
    line = f"账号、知识库、对话、反馈和操作日志：复制 {rows} 条记录"
    if left:
        line += f"；{'、'.join(left)} 在数据库中已有记录，未复制"
    print(line + "。")
    return 0
