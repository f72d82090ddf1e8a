"""The ``govdoc`` command: builds settings once, then dispatches to a module of govdoc.commands.

Each module in `COMMAND_MODULES` exposes ``register(subparsers)``, which adds its parser(s) with
``set_defaults(func=run)``, and ``run(args, settings) -> int``. Command modules import heavy
libraries inside ``run`` so that ``govdoc --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from govdoc.settings import CONFIG_ENV, load_settings, settings_problem, with_overrides

# Adding a command is adding its module name here.
COMMAND_MODULES: tuple[str, ...] = ("ingest", "serve", "eval", "draft", "ask", "accounts", "versions", "migrate")

# No model downloads, no telemetry: set before any library that reads them is imported.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "GRADIO_ANALYTICS_ENABLED": "False",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand and the common options on each."""
    parser = argparse.ArgumentParser(prog="govdoc", description="离线优先的中文公文问答与汇报材料起草助手")
    subparsers = parser.add_subparsers(dest="command", metavar="命令", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"govdoc.commands.{name}").register(subparsers)
    seen: set[int] = set()
    for sub in subparsers.choices.values():
        if id(sub) not in seen:  # aliases share one parser
            seen.add(id(sub))
            _add_common_options(sub)
    return parser


def _add_common_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("通用选项")
    group.add_argument("--index", metavar="DIR", type=Path, help="索引目录（覆盖配置中的 store.index_dir）")
    group.add_argument("--config", metavar="FILE", type=Path, help="TOML 配置文件（等同于设置 GOVDOC_CONFIG）")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``govdoc`` command line.

    Args:
        argv: arguments without the program name; None means ``sys.argv[1:]``.

    Returns:
        The exit status: 0 success, 1 fatal error, 2 partial failure (e.g. some files not ingested).
    """
    for key, value in OFFLINE_ENV.items():
        os.environ.setdefault(key, value)
    args = build_parser().parse_args(argv)
    if args.config is not None:
        os.environ[CONFIG_ENV] = str(args.config)
    try:
        settings = load_settings()
    except (ValidationError, FileNotFoundError, ValueError) as exc:
        print(f"配置有误：{settings_problem(exc)}", file=sys.stderr)
        return 1
    if args.index is not None:
        settings = with_overrides(settings, store={"index_dir": args.index})
    from govdoc.inputs import InputError
    from ingest.embed import EmbedderError
    from ingest.store import StoreError

    try:
        return int(args.func(args, settings))
    except (StoreError, EmbedderError, InputError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # Output piped into `head` and closed early: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
