"""``govdoc eval``: run the test set, print the metrics, write report.json, report.md and metrics.png."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govdoc.settings import Settings

if TYPE_CHECKING:
    from evals.run import EvalProgress

EPILOG = """\
对比：--compare 名称=取值1,取值2，名称可用 retrieval（检索方式）、embedding（嵌入模型，各自使用独立的索引子目录，
空索引会先导入 data/）、mode（回答方式）、tokenizer（BM25 分词）、k（交给回答的段落数），或任意 设置节.字段
（如 retrieval.rrf_k）；只写取值（如 bm25,dense,hybrid）时按取值自动归入对应的设置。
多个 --compare 默认取全部组合（--combine product，配置名如 bm25/jieba）；--combine each 则每次只改一项，
其余保持当前配置（配置名如 retrieval=bm25）。
示例：govdoc eval --compare retrieval=bm25,dense,hybrid
      govdoc eval --compare retrieval=bm25,hybrid --compare tokenizer=jieba,bigram
"""


def register(subparsers: Any) -> None:
    """Add the eval subcommand."""
    from evals.tables import SPLITS as TABLE_SPLITS

    p = subparsers.add_parser(
        "eval",
        help="用测试集评测检索与回答质量，输出指标表并写出报告",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--testset", metavar="FILE", type=Path, help="JSONL 测试集（默认使用自带的 evals/testset.jsonl）")
    p.add_argument("--json", action="store_true", help="标准输出只打印一个 JSON 对象（对比时为 {配置名: 指标}）")
    p.add_argument("--out", metavar="DIR", type=Path, default=Path("eval-report"), help="报告目录（默认 eval-report/）")
    p.add_argument(
        "--compare", metavar="名称=取值,...", action="append", default=[], help="对比多种配置，可重复（见下文）"
    )
    p.add_argument("--combine", choices=("product", "each"), default="product", help="多个 --compare 的组合方式")
    p.add_argument("--no-ingest", action="store_true", help="评测前不检查索引是否与 data/ 一致（空索引仍会导入）")
    p.add_argument("--no-judge", action="store_true", help="即使配置了大模型也不做 LLM 评审")
    p.add_argument(
        "--drafts",
        nargs="?",
        const=Path("evals/draft_set/tasks.jsonl"),
        type=Path,
        metavar="TASKS",
        help="改为评测起草：逐题起草（汇报、报告各作为本单位材料和参考范文各一遍；题集为每个文件定了用途时按其用途起草一遍）"
        "并检查，默认题集 evals/draft_set/tasks.jsonl",
    )
    p.add_argument(
        "--versions",
        nargs="?",
        const=Path("evals/version_set/items.jsonl"),
        type=Path,
        metavar="ITEMS",
        help="改为评测版本题集：问现行规定的题须依据现行版本作答，问已删除规定的题须说明已被取代，"
        "指明旧版本的题须依据该版本并说明其已不是现行规定；默认题集 evals/version_set/items.jsonl",
    )
    p.add_argument("--split", choices=("train", "dev", "test", "test2"), help="只评测版本题集的这一部分（test2 是第二份测试题）")
    p.add_argument(
        "--tables",
        nargs="?",
        const="test",
        choices=(*TABLE_SPLITS, "all"),
        metavar="SPLIT",
        help=f"改为评测表格问答集 evals/table_set（{'、'.join(TABLE_SPLITS)} 或 all，默认 test）：答出所问单元格并引用原文件的比例，"
        "以及无法回答时拒答的比例；资料与索引放在 /tmp/govdoc-tables",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the evaluation; 0 on success, 1 on a fatal error, 2 when some items errored."""
    from evals.report import summary_table
    from evals.schema import TestsetError
    from govdoc.compare import CompareError
    from govdoc.evaluation import EvalError, run_eval

    if args.drafts is not None:
        return _drafts(args, settings)
    if args.versions is not None:
        return _versions(args, settings)
    if args.tables is not None:
        return _tables(args, settings)
    try:
        result = run_eval(
            settings,
            testset_path=args.testset,
            compare=args.compare,
            out_dir=args.out,
            progress=None if args.json else _Progress(),
            combine=args.combine,
            ingest=not args.no_ingest,
            judge=not args.no_judge,
        )
    except FileNotFoundError as exc:
        print(f"错误：测试集文件不存在：{exc.filename or args.testset}", file=sys.stderr)
        return 1
    except TestsetError as exc:
        print(f"错误：测试集有误：{exc}", file=sys.stderr)
        return 1
    except (CompareError, EvalError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    errors = sum(int(r.metrics.get("n_errors") or 0) for r in result.results.values())
    for warning in result.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.overall, ensure_ascii=False))
        return 2 if errors else 0
    print(summary_table(result))
    print()
    print(result.judge_note)
    failed = result.failed_items
    print(f"未通过的题目：{len(failed)} 条（详见报告）；用时 {result.elapsed_s:.1f} 秒。")
    print(f"报告：{result.report_md}  {result.report_json}  {result.chart_path}")
    return 2 if errors else 0


def _drafts(args: argparse.Namespace, settings: Settings) -> int:
    """``govdoc eval --drafts``: the drafting set, its rates for both roles of the reports."""
    from evals.drafting import report_markdown
    from govdoc.draft_eval import run_drafting

    if not args.drafts.is_file():
        print(f"错误：起草题集文件不存在：{args.drafts}", file=sys.stderr)
        return 1
    try:
        summary = run_drafting(
            settings,
            args.out,
            tasks_path=args.drafts,
            progress=None if args.json else (lambda line: print(line, file=sys.stderr)),
        )
    except (OSError, RuntimeError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    print(report_markdown(summary))
    files = "、".join(str(args.out / f"drafts-{r}.jsonl") for r in summary if r not in ("seconds", "splits"))
    print(f"用时 {summary['seconds']:.1f} 秒；每题的草稿与检查结果：{files}")
    return 0


def _versions(args: argparse.Namespace, settings: Settings) -> int:
    """``govdoc eval --versions``: the version set, its rates overall, per kind of change and for named versions."""
    from evals.versions import report_markdown
    from govdoc.version_eval import run_versions

    if not args.versions.is_file():
        print(f"错误：版本题集文件不存在：{args.versions}", file=sys.stderr)
        return 1
    try:
        summary = run_versions(
            settings,
            args.out,
            items_path=args.versions,
            split=args.split,
            progress=None if args.json else (lambda line: print(line, file=sys.stderr)),
        )
    except (OSError, RuntimeError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return 0
    records = [json.loads(line) for line in (args.out / "versions.jsonl").read_text(encoding="utf-8").splitlines()]
    print(report_markdown(summary, records))
    print(f"用时 {summary['seconds']:.1f} 秒；每题的回答与判定：{args.out}/versions.jsonl")
    return 0


def _tables(args: argparse.Namespace, settings: Settings) -> int:
    """``govdoc eval --tables SPLIT``: the table set's figures for one split."""
    from govdoc.table_eval import run_tables

    try:
        figures = run_tables(settings, args.tables, out=args.out)
    except (OSError, RuntimeError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(figures, ensure_ascii=False))
        return 0

    def pct(value: float | None) -> str:
        return "—" if value is None else f"{value:.1%}"

    print(f"表格问答集（{args.tables}，{figures['n']} 题）")
    print(f"  答出所问单元格并引用原文件：{pct(figures['cell_and_citation'])}")
    print(f"  无法回答的题目正确拒答：{pct(figures['refused_unanswerable'])}")
    print(f"  全部题目正确：{pct(figures['right'])}")
    if figures["failed"]:
        print(f"  未通过：{'、'.join(figures['failed'])}")
    print(f"报告：{args.out}")
    return 0


class _Progress:
    """Progress on stderr: a counter on a terminal, one line per configuration otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()

    def __call__(self, event: EvalProgress) -> None:
        if event.stage == "ingest":
            print(f"[{event.config}] {event.detail}", file=sys.stderr)
        elif self.tty:
            end = "\n" if event.done == event.total else ""
            print(f"\r[{event.config}] 评测 {event.done}/{event.total}", end=end, file=sys.stderr, flush=True)
        elif event.done == event.total:
            print(f"[{event.config}] 已评测 {event.total} 题", file=sys.stderr)
