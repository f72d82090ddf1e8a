"""Body lines lost by page cleaning: what `ingest.clean` removes from files that hold no page chrome.

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/clean_loss.py /tmp/laws [--show 20] [--json]``, where
/tmp/laws is the bench laws (``tar -xJf laws-cn.tar.xz -C /tmp/laws``) or any folder of clean
documents. PYTHONPATH picks the checkout whose cleaner is measured, so the same command run from
two checkouts compares the cleaner before and after a change.

Method: each file is loaded as ingest loads it; its lines after normalising (`clean.normalise_lines`:
the source lines, spaces and Markdown marks tidied, HTML comments dropped) are compared with the
lines that cleaning keeps (`clean.clean_lines`). A line normalising keeps and cleaning drops is a
lost line, counted with its multiplicity. In a collection of laws every line is body text, so the
figure to keep is 0. With ``--plain`` each file's text is cleaned as a page of plain text with its
Markdown heading marks removed, the way a law copied from a web page arrives: headings then get no
protection from being taken for page chrome.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from ingest.clean import clean_lines, normalise_lines
from ingest.errors import IngestError
from ingest.load import load_file
from ingest.types import PageText

SUFFIXES = (".md", ".txt", ".html", ".htm", ".docx", ".pdf")


_MD_MARKS = re.compile(r"(?m)^#{1,6}\s+")


def lost_lines(path: Path, *, plain: bool = False) -> tuple[int, list[str]]:
    """The number of normalised lines of ``path`` and the ones cleaning drops.

    Args:
        path: the file.
        plain: clean its text as plain text, without Markdown heading marks.
    """
    pages = load_file(path).pages
    if plain:
        pages = tuple(PageText(p.number, _MD_MARKS.sub("", p.text)) for p in pages)
    source = [ln.text for ln in normalise_lines(pages)]
    kept = Counter(ln.text for ln in clean_lines(pages))
    lost: list[str] = []
    for text in source:
        if kept[text] > 0:
            kept[text] -= 1
        else:
            lost.append(text)
    return len(source), lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of clean documents (searched recursively)")
    parser.add_argument("--show", type=int, default=20, help="lost lines to print (default 20)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--plain", action="store_true", help="clean each file as plain text, heading marks removed")
    args = parser.parse_args(argv)
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    total = 0
    lost: list[tuple[str, str]] = []
    unreadable: list[str] = []
    for path in files:
        try:
            count, dropped = lost_lines(path, plain=args.plain)
        except IngestError as exc:
            unreadable.append(f"{path}: {exc.reason}")
            continue
        total += count
        lost.extend((str(path.relative_to(args.folder)), text) for text in dropped)
    figures = {
        "files": len(files) - len(unreadable),
        "unreadable": len(unreadable),
        "lines": total,
        "lost_lines": len(lost),
        "files_with_loss": len({name for name, _ in lost}),
    }
    if args.json:
        print(json.dumps({**figures, "lost": [list(x) for x in lost[: args.show]]}, ensure_ascii=False))
        return 0
    print(" ".join(f"{k}={v}" for k, v in figures.items()))
    for name, text in lost[: args.show]:
        print(f"  {name}: {text[:100]}")
    for line in unreadable[: args.show]:
        print(f"  unreadable {line}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
