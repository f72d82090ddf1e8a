"""``govdoc ask``: answer a question (or a JSONL batch) from the indexed documents, with checked citations."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govdoc.accounts import LOCAL
from govdoc.settings import Settings, with_overrides

if TYPE_CHECKING:
    from assistant.types import Answer
    from govdoc.service import GovdocService

MODE_CHOICES = ("extractive", "openai", "llamacpp")  # assistant.config.AnswerMode
RETRIEVAL_CHOICES = ("bm25", "dense", "hybrid")  # assistant.config.RetrievalMode


def register(subparsers: Any) -> None:
    """Add the ask subcommand."""
    p = subparsers.add_parser("ask", help="依据资料回答问题（附可核验的引用）")
    p.add_argument("question", nargs="?", metavar="问题", help="要问的问题")
    p.add_argument("--mode", choices=MODE_CHOICES, help="回答方式：extractive（离线摘录）、openai 或 llamacpp（大模型）")
    p.add_argument("--retrieval", choices=RETRIEVAL_CHOICES, help="检索方式（默认取配置）")
    p.add_argument("--k", type=int, metavar="N", help="交给回答环节的段落数")
    p.add_argument("--json", action="store_true", help="只输出一个 JSON 对象")
    p.add_argument("--stream", action="store_true", help="边生成边输出（与 --json 同用时每段输出一行 {\"delta\": …}）")
    p.add_argument("--batch", type=Path, metavar="FILE.jsonl", help="批量提问：每行 {\"id\", \"question\"}，每行输出一个 JSON 对象")
    p.add_argument(
        "--after",
        action="append",
        default=[],
        metavar="先前的问题",
        help="追问：同一对话中之前问过的问题（可重复，按先后）；回答会写明追问被理解成的完整问题",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Answer and print; returns the exit status (0 answered, 1 error)."""
    from govdoc.indexing import empty_index_message
    from govdoc.service import GovdocService

    if (args.question is None) == (args.batch is None):
        print("错误：请给出一个问题，或用 --batch 指定问题文件（二者只选其一）", file=sys.stderr)
        return 1
    if args.after and args.batch is not None:
        print("错误：--after 只用于单个问题，不能与 --batch 同用", file=sys.stderr)
        return 1
    if args.k is not None and not 1 <= args.k <= 50:
        print("错误：--k 必须在 1 到 50 之间", file=sys.stderr)
        return 1
    if args.mode:
        settings = with_overrides(settings, llm={"mode": args.mode})
    items: list[tuple[str, str]] = []
    if args.batch is not None:
        try:
            items = read_batch(args.batch)
        except (OSError, ValueError) as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1
    service = GovdocService(settings)
    try:
        if service.index.chunk_count() == 0:
            print(f"错误：{empty_index_message(settings, service.index)}", file=sys.stderr)
            return 1
        if args.batch is not None:
            return _batch(service, items, args)
        return _one(service, args.question, args)
    finally:
        service.close()


def read_batch(path: Path) -> list[tuple[str, str]]:
    """The (id, question) pairs of a JSONL file; blank lines are skipped.

    Raises:
        ValueError: a line is not a JSON object with string ``id`` and non-empty ``question``.
        OSError: the file cannot be read.
    """
    items: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path} 第 {number} 行不是合法的 JSON：{exc.msg}") from None
            if not isinstance(row, dict):
                raise ValueError(f"{path} 第 {number} 行应为 JSON 对象")
            question = row.get("question")
            if not isinstance(question, str) or not question.strip():
                raise ValueError(f"{path} 第 {number} 行缺少 question（非空字符串）")
            item_id = row.get("id", str(number))
            items.append((str(item_id), question))
    return items


def _ask_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    return {"retrieval": args.retrieval, "k": args.k, "who": LOCAL}  # the operator at the server's console


def _batch(service: GovdocService, items: list[tuple[str, str]], args: argparse.Namespace) -> int:
    from assistant.llm import LLMError

    failed = 0
    for item_id, question in items:
        try:
            answer = service.ask(question, **_ask_kwargs(args))
        except LLMError as exc:
            failed += 1
            print(json.dumps({"id": item_id, "question": question, "error": str(exc)}, ensure_ascii=False), flush=True)
            continue
        print(json.dumps(answer.to_json(item_id), ensure_ascii=False), flush=True)
    if failed:
        print(f"错误：{failed} 个问题未能回答（见输出中的 error 字段）", file=sys.stderr)
    return 1 if failed else 0


def _one(service: GovdocService, question: str, args: argparse.Namespace) -> int:
    from assistant.llm import LLMError
    from assistant.types import Answer

    final: Answer | None = None
    streamed: list[str] = []
    try:
        history = [("user", earlier) for earlier in args.after]
        for item in service.ask_stream(question, history, **_ask_kwargs(args)):
            if isinstance(item, Answer):
                final = item
            elif args.stream:
                streamed.append(item)
                if args.json:
                    print(json.dumps({"delta": item}, ensure_ascii=False), flush=True)
                else:
                    print(item, end="", flush=True)
    except LLMError as exc:
        if args.stream and streamed and not args.json:
            print()
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    assert final is not None
    if args.json:
        print(json.dumps(final.to_json(), ensure_ascii=False))
        return 0
    if args.stream:
        print()
        if "".join(streamed).strip() != final.text:
            print(f"\n核对后的回答：\n{final.text}")
    else:
        print(final.text)
    if final.resolved:
        print(f"（按「{final.resolved}」理解）")
    print(format_sources(final))
    for note in final.notes:
        print(f"提示：{note}", file=sys.stderr)
    return 0


def format_sources(answer: Answer) -> str:
    """The 参考来源 list: one line per citation with its quote beneath."""
    if not answer.citations:
        return "" if answer.refused else "\n参考来源：（无）"
    lines = ["", "参考来源："]
    for c in answer.citations:
        version = f"（{c.version_words}）" if c.version_words else ""
        where = " ".join(x for x in (f"《{c.doc_title}》{version}", c.section, c.pages_label) if x)
        lines.append(f"[{c.n}] {where}")
        quote = " ".join(c.quote.split())
        lines.append(f"    “{quote}”")
    return "\n".join(lines)
