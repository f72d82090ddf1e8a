"""Index commands: ``ingest`` files, show the index ``status``, list ``chunks`` and ``docs``, ``remove`` a file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govdoc.settings import Settings

ROLE_CHOICES = ("own", "policy", "sample")  # ingest.role.ROLES, kept here so --help stays light

if TYPE_CHECKING:
    from govdoc.service import GovdocService
    from ingest.backend import IndexStore
    from ingest.pipeline import ProgressEvent


def register(subparsers: Any) -> None:
    """Add the ingest, status, chunks, docs and remove subcommands."""
    p = subparsers.add_parser("ingest", help="把文件或文件夹导入索引（未变化的文件自动跳过）")
    p.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="文件或文件夹")
    p.add_argument("--prune", action="store_true", help="同时移除这些文件夹下已被删除的文件")
    p.add_argument("--kb", action="append", metavar="NAME", help="放入这个知识库（可多次使用；先用 govdoc kb add 建立）")
    p.add_argument(
        "--role",
        choices=ROLE_CHOICES,
        help="资料用途：own 本单位材料（起草时作为事实）、policy 政策依据（作为依据引用）、sample 参考范文"
        "（供参考结构和写法，具体信息留空待填，范文单位的做法标为待核实）；不给则按标题判断：法律法规为政策依据，汇报、报告类为参考范文",
    )
    p.add_argument(
        "--wait",
        action="store_true",
        help="等向量化也完成后再返回（默认在全部文件可按关键词检索后即返回，向量由 govdoc serve 在后台补齐）",
    )
    p.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    p.set_defaults(func=run)

    p = subparsers.add_parser("status", help="索引概况：文档数、片段数、等待向量化的片段数和预计剩余时间")
    p.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    p.set_defaults(func=run)

    p = subparsers.add_parser("chunks", help="列出索引中的全部片段")
    p.add_argument("--json", action="store_true", help="每行一个 JSON 对象")
    p.set_defaults(func=run)

    p = subparsers.add_parser("docs", help="列出索引中的文档")
    p.add_argument("--json", action="store_true", help="每行一个 JSON 对象")
    p.set_defaults(func=run)

    p = subparsers.add_parser("remove", help="从索引中移除一个文件（源路径见 govdoc docs）")
    p.add_argument("source", metavar="SOURCE", help="文件的源路径")
    p.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run one of this module's subcommands; returns the exit status."""
    from govdoc.indexing import open_index

    if args.command in ("ingest", "remove", "status"):
        return _through_service(args, settings)
    index, embedder = open_index(settings)
    try:
        match args.command:
            case "chunks":
                return _chunks(args, index)
            case "docs":
                return _docs(args, index, settings)
    finally:
        index.close()
    raise ValueError(f"未知命令：{args.command}")


def _through_service(args: argparse.Namespace, settings: Settings) -> int:
    """ingest and remove go through the application layer, as the page's and the API's do."""
    from govdoc.service import GovdocService

    service = GovdocService(settings)
    try:
        match args.command:
            case "ingest":
                return _ingest(args, service)
            case "status":
                return _status(args, service)
        return _remove(args, service)
    finally:
        service.close()


def _ingest(args: argparse.Namespace, service: GovdocService) -> int:
    from govdoc.kbs import KbError

    progress = None if args.json else print_progress
    try:
        report = service.ingest(
            args.paths,
            prune=args.prune,
            progress=progress,
            kbs=args.kb or (),
            role=getattr(args, "role", None),
            wait=args.wait,
        )
    except KbError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
        return 2 if report.errors else 0
    from ingest.role import ROLE_LABELS

    for doc in report.documents:
        label = ROLE_LABELS.get(doc.get("role", ""), "")
        print(f"已入库：{doc['title']}（{doc['source']}，{doc['chunks']} 个片段{'，' + label if label else ''}）")
    for error in report.errors:
        print(f"未入库：{error['file']}：{error['reason']}")
    print(
        f"完成：新增 {report.added} 个文件，跳过 {report.skipped} 个未变化的文件，"
        f"移除 {report.removed} 个，失败 {len(report.errors)} 个；索引共 {report.chunks} 个片段。"
    )
    if report.waiting:
        print(
            f"已可按关键词检索；{report.waiting} 个片段等待向量化（补齐前按关键词检索这些片段）。"
            "govdoc serve 启动后在后台补齐，或运行 govdoc ingest --wait 等待补齐。"
        )
    return 2 if report.errors else 0


def _status(args: argparse.Namespace, service: GovdocService) -> int:
    status = service.vector_status()
    if args.json:
        eta = None if status.eta_s is None else round(status.eta_s)
        row = {"documents": status.documents, "chunks": status.chunks, "waiting": status.waiting, "eta_s": eta}
        print(json.dumps(row, ensure_ascii=False))
        return 0
    print(f"文档 {status.documents} 篇，片段 {status.chunks} 个。")
    if status.waiting:
        from govdoc.service import eta_words

        ready = status.chunks - status.waiting
        # No rate: no process has committed vectors lately (the hint below says how to start one).
        when = eta_words(status.eta_s) if status.eta_s is not None else "近 2 分钟没有片段完成向量化，暂无法估算剩余时间"
        print(
            f"向量化：已完成 {ready}/{status.chunks} 个片段，{status.waiting} 个等待，{when}"
            "（等待期间按关键词检索；govdoc serve 在后台补齐，或运行 govdoc ingest --wait）。"
        )
    else:
        print("向量化：全部完成。")
    return 0


def print_progress(event: ProgressEvent, *, show_skipped: bool = True) -> None:
    """Per-file ingest progress on stderr (also used by ``govdoc serve`` when it updates the index)."""
    position = f"[{event.file_index}/{event.file_count}]"
    match event.kind:
        case "file_start":
            print(f"{position} 处理 {event.file}", file=sys.stderr)
        case "file_skipped" if show_skipped:
            print(f"{position} 未变化，跳过 {event.file}", file=sys.stderr)
        case "ocr" if event.total:
            print(f"    OCR 第 {event.done}/{event.total} 页", file=sys.stderr, flush=True)
        case "vectors" if sys.stderr.isatty():
            end = "\n" if event.done == event.total else ""
            print(f"\r向量化 {event.done}/{event.total} 个片段", end=end, file=sys.stderr, flush=True)
        case "file_done":
            print(f"{position} 已入库 {event.file}（{event.total} 个片段）", file=sys.stderr)
        case "file_error":
            print(f"{position} 失败 {event.file}：{event.reason}", file=sys.stderr)
        case "removed":
            print(f"已移除 {event.file}（文件已不存在）", file=sys.stderr)


def _chunks(args: argparse.Namespace, index: IndexStore) -> int:
    chunks = index.chunks()
    for c in chunks:
        if args.json:
            row = {
                "id": c.id,
                "doc_title": c.doc_title,
                "source": c.source,
                "section": c.section,
                "page": c.page,
                "start": c.start,
                "end": c.end,
                "text": c.text,
            }
            print(json.dumps(row, ensure_ascii=False))
        else:
            page = "" if c.page is None else f" 第{c.page}页"
            preview = c.text.replace("\n", " ")[:40]
            print(f"{c.id[:10]}  {c.source}{page}  {_clip(c.section, 24)}  {preview}")
    if not args.json:
        print(f"共 {len(chunks)} 个片段。")
    return 0


def _docs(args: argparse.Namespace, index: IndexStore, settings: Settings) -> int:
    from govdoc.indexing import empty_index_message
    from ingest.role import ROLE_LABELS

    default_role = settings.ingest.default_role
    docs = index.documents()
    for d in docs:
        role = d.role or default_role  # an index built before roles holds none
        if args.json:
            row = {
                "doc_id": d.doc_id,
                "title": d.title,
                "source": d.source,
                "chunks": d.n_chunks,
                "ingested_at": d.ingested_at,
                "role": role,
            }
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"{d.title}  （{ROLE_LABELS[role]}，{d.source}，{d.n_chunks} 个片段，入库于 {d.ingested_at}）")
    if not args.json:
        print(f"共 {len(docs)} 篇文档。" if docs else empty_index_message(settings, index))
    return 0


def _remove(args: argparse.Namespace, service: GovdocService) -> int:
    from govdoc.accounts import LOCAL
    from ingest.pipeline import source_key
    from ingest.store import NotInIndexError

    source = args.source
    if source not in service.index.sources():
        # Accept the path in any spelling that names the same file (./data/x.md, an absolute path).
        source = source_key(Path(args.source))
    try:
        removal = service.remove(source, who=LOCAL)
    except NotInIndexError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    removed = removal.chunks
    if args.json:
        print(json.dumps({"removed": source, "chunks": removed}, ensure_ascii=False))
    else:
        kept = f"上传的原文件已移到 {removal.kept_at}，不会再被导入。" if removal.kept_at else ""
        print(f"已移除 {source}（{removed} 个片段）。{kept}")
    return 0


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
