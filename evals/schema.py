"""The eval test set: one JSON object per line, validated strictly when loaded."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BUNDLED_TESTSET = Path(__file__).with_name("testset.jsonl")

_FIELDS: dict[str, type] = {
    "id": str,
    "question": str,
    "answerable": bool,
    "reference": str,
    "key_points": list,
    "evidence": list,
    "doc_title": str,
}
_TYPE_NAMES = {str: "字符串", bool: "布尔值", list: "列表"}


class TestsetError(ValueError):
    """A test set line is malformed; names the file, the 1-based line number and the reason."""

    __test__ = False  # not a pytest test class despite the name

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path} 第 {line} 行：{reason}")
        self.path = path
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class TestItem:
    """One eval question.

    ``key_points`` are the phrases a correct answer must contain, each a tuple of accepted
    variants (the first is canonical). ``evidence`` are verbatim quotes of the document
    named by ``doc_title``. Unanswerable items have no key points, evidence or title.
    """

    __test__ = False  # not a pytest test class despite the name

    id: str
    question: str
    answerable: bool
    reference: str
    key_points: tuple[tuple[str, ...], ...]
    evidence: tuple[str, ...]
    doc_title: str


def load_testset(path: str | Path = BUNDLED_TESTSET) -> list[TestItem]:
    """Read and validate a JSONL test set; blank lines are skipped.

    Args:
        path: the ``.jsonl`` file; defaults to the bundled ``evals/testset.jsonl``.
    Returns:
        The items in file order.
    Raises:
        TestsetError: on the first malformed line (bad JSON, missing or extra fields,
            wrong types, empty strings, inconsistent answerable/evidence, duplicate id).
        FileNotFoundError: when the file does not exist.
    """
    path = Path(path)
    items: list[TestItem] = []
    first_line_of: dict[str, int] = {}
    with path.open(encoding="utf-8") as f:
        for number, raw in enumerate(f, start=1):
            if not raw.strip():
                continue
            item = parse_item(raw, str(path), number)
            if item.id in first_line_of:
                raise TestsetError(str(path), number, f"id {item.id!r} 重复（第 {first_line_of[item.id]} 行已使用）")
            first_line_of[item.id] = number
            items.append(item)
    return items


def parse_item(raw: str, path: str, line: int) -> TestItem:
    """Validate one JSONL line and build its `TestItem`.

    Args:
        raw: the line's text.
        path: file name used in error messages.
        line: 1-based line number used in error messages.
    Raises:
        TestsetError: naming the first problem found.
    """

    def fail(reason: str) -> TestsetError:
        return TestsetError(path, line, reason)

    try:
        obj: Any = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise fail(f"不是合法的 JSON（{exc.msg}，第 {exc.colno} 列）") from None
    if not isinstance(obj, dict):
        raise fail("每行必须是一个 JSON 对象")
    missing = [name for name in _FIELDS if name not in obj]
    if missing:
        raise fail(f"缺少字段 {', '.join(missing)}")
    extra = sorted(set(obj) - set(_FIELDS))
    if extra:
        raise fail(f"多余字段 {', '.join(extra)}")
    for name, kind in _FIELDS.items():
        # bool is a subclass of int, never of str or list, so isinstance is exact here.
        if not isinstance(obj[name], kind):
            raise fail(f"字段 {name} 应为{_TYPE_NAMES[kind]}，实际为 {type(obj[name]).__name__}")
    for name in ("id", "question", "reference"):
        if not obj[name].strip():
            raise fail(f"字段 {name} 不能为空")

    key_points = _key_points(obj["key_points"], fail)
    evidence = _strings(obj["evidence"], "evidence", fail)
    answerable: bool = obj["answerable"]
    doc_title: str = obj["doc_title"]
    if answerable:
        if not key_points:
            raise fail("可回答的题目必须给出 key_points")
        if not evidence:
            raise fail("可回答的题目必须给出 evidence")
        if not doc_title.strip():
            raise fail("可回答的题目必须给出 doc_title")
    else:
        if evidence:
            raise fail("不可回答的题目不应有 evidence")
        if key_points:
            raise fail("不可回答的题目不应有 key_points")
        if doc_title:
            raise fail("不可回答的题目的 doc_title 应为空字符串")
    return TestItem(
        id=obj["id"],
        question=obj["question"],
        answerable=answerable,
        reference=obj["reference"],
        key_points=key_points,
        evidence=evidence,
        doc_title=doc_title,
    )


def _strings(values: list[Any], name: str, fail: Callable[[str], TestsetError]) -> tuple[str, ...]:
    """Check a list of non-empty strings."""
    for i, value in enumerate(values):
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{name}[{i}] 应为非空字符串")
    return tuple(values)


def _key_points(values: list[Any], fail: Callable[[str], TestsetError]) -> tuple[tuple[str, ...], ...]:
    """Check a list of non-empty lists of non-empty variant strings."""
    out: list[tuple[str, ...]] = []
    for i, variants in enumerate(values):
        if not isinstance(variants, list) or not variants:
            raise fail(f"key_points[{i}] 应为非空列表（同一要点的可接受写法）")
        out.append(_strings(variants, f"key_points[{i}]", fail))
    return tuple(out)


def check_evidence(
    items: Iterable[TestItem],
    doc_texts: Mapping[str, str],
    normalize: Callable[[str], str] | None = None,
) -> list[str]:
    """Find evidence quotes that are not verbatim in their document's text.

    Args:
        items: test items; unanswerable ones are skipped.
        doc_texts: document title -> its (cleaned) text.
        normalize: applied to both quote and text before the substring test; None means
            exact comparison.
    Returns:
        One Chinese message per problem (unknown title, quote not found); empty when all hold.
    """
    norm = normalize or (lambda s: s)
    normalized_docs: dict[str, str] = {}
    problems: list[str] = []
    for item in items:
        if not item.answerable:
            continue
        if item.doc_title not in doc_texts:
            problems.append(f"{item.id}：找不到标题为《{item.doc_title}》的文档")
            continue
        if item.doc_title not in normalized_docs:
            normalized_docs[item.doc_title] = norm(doc_texts[item.doc_title])
        text = normalized_docs[item.doc_title]
        for i, quote in enumerate(item.evidence):
            if norm(quote) not in text:
                problems.append(f"{item.id}：evidence[{i}] 未在《{item.doc_title}》原文中逐字出现：{quote}")
    return problems
