"""``govdoc draft``: draft a report on a topic from the indexed documents, every fact cited."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from assistant.request import GENRES as GENRE_CHOICES  # light: no model, no index
from govdoc.accounts import LOCAL
from govdoc.settings import Settings, with_overrides

MODE_CHOICES = ("extractive", "openai", "llamacpp")
_OUTLINE_SEP = re.compile(r"[;；\n]+")


def register(subparsers: Any) -> None:
    """Add the draft subcommand."""
    p = subparsers.add_parser("draft", help="依据资料起草汇报材料（每句事实标注来源，可导出 Word）")
    p.add_argument(
        "topic", metavar="主题", help="材料主题或起草要求，如“起草一段汇报材料：我校落实校长负责制（议事决策、民主管理）的情况”"
    )
    p.add_argument("--outline", metavar="小标题1;小标题2", help="提纲，小标题之间用分号分隔；不给则依据资料自动拟定")
    p.add_argument("--genre", choices=GENRE_CHOICES, default=None, help="文种（默认取主题中写明的文种，否则为汇报材料）")
    p.add_argument("--length", type=int, metavar="N", help="正文大致字数，由各部分平分")
    p.add_argument("--docx", type=Path, metavar="OUT.docx", help="导出 Word 文档")
    p.add_argument("--md", type=Path, metavar="OUT.md", help="导出 Markdown 文件")
    p.add_argument(
        "--inline-citations", action="store_true", help="Word 文档中引用写作正文里的 [n]（默认为页下脚注）"
    )
    p.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    p.add_argument("--mode", choices=MODE_CHOICES, help="起草方式：extractive（离线摘录，默认取配置）或大模型")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Draft, print and export; returns the exit status (0 done, 1 error)."""
    from assistant.export import ExportError, draft_to_docx, draft_to_markdown
    from assistant.llm import LLMError
    from govdoc.indexing import empty_index_message
    from govdoc.service import GovdocService

    if args.length is not None and args.length <= 0:
        print("错误：--length 必须是正整数", file=sys.stderr)
        return 1
    if args.mode:
        settings = with_overrides(settings, llm={"mode": args.mode})
    outline = [h for h in _OUTLINE_SEP.split(args.outline or "") if h.strip()] or None
    service = GovdocService(settings)
    try:
        if service.index.chunk_count() == 0:
            print(f"错误：{empty_index_message(settings, service.index)}", file=sys.stderr)
            return 1
        try:
            draft = service.draft(args.topic, outline, genre=args.genre, length=args.length, who=LOCAL)
        except (ValueError, LLMError) as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
        try:
            if args.docx:
                draft_to_docx(draft, args.docx, citations="inline" if args.inline_citations else "footnotes")
                print(f"已导出 Word 文档：{args.docx}", file=sys.stderr)
            if args.md:
                draft_to_markdown(draft, args.md)
                print(f"已导出 Markdown：{args.md}", file=sys.stderr)
        except ExportError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
    finally:
        service.close()
    if args.json:
        print(json.dumps(draft.to_json(), ensure_ascii=False))
        return 0
    print(draft.to_markdown())
    if draft.shortfall:
        print(f"提示：{draft.shortfall}", file=sys.stderr)
    for note in draft.notes:
        print(f"提示：{note}", file=sys.stderr)
    if draft.missing:
        print(f"待补充 {len(draft.missing)} 部分：{'、'.join(draft.missing)}", file=sys.stderr)
    return 0
