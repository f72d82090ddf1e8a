"""The drafting checker: what one draft must satisfy for one task of evals/draft_set/tasks.jsonl.

Per task (``check``), with the school reports ingested either as our own material or as samples:

- outline: every sub-topic the request names is a section heading (equal after punctuation is
  dropped, one inside the other, or sharing at least ``SAME_HEADING`` of their character bigrams);
- facts: each expected fact is there as its source's role requires. A policy's, or our own report's,
  evidence is quoted verbatim: its longest run in the draft body covers at least ``FACT_COVER`` of
  it. With the reports as samples, a fact of theirs counts when a sample citation draws on it
  (same run test against the quote) and the body asserts none of its figures outside a slot;
- request: no request phrasing in the title, the opening or the headings;
- specifics: with the reports as samples, no ``sample_specifics`` string in the body outside slots
  (unless the request says it: then it is the user's own word); in a set with a role per file
  (``roles``, the held-out set), no ``sample_must_not_assert`` string; and, in any draft that cites a
  sample, no sentence citing it asserts what the sample's unit did (`sample_acts`), nor states, unflagged,
  what it does (`sample_practice`: any sentence citing a sample but a general norm or a colon-ended lead).
  A sentence is flagged by a 【请核实：…】 inside it, or by a 【请核实：以下…】 before it in its section (such a
  flag speaks of what follows it, so it covers the rest of the section, and only that);
- markers: every [n] of the body names a citation, and every citation's quote is the document's text
  at its offsets (``verbatim`` callback);
- length: the body is within ±``LENGTH_TOLERANCE`` of the target, or the draft states its shortfall.

Text is compared with its punctuation width folded (`fold_width`): a draft writes full-width marks in
its Chinese prose though a source typed 校长(副书记)主抓…,…, and a mark's width is no part of a fact.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.cite import MARKER
from assistant.slots import SLOT_PATTERN

SAME_HEADING = 0.6
FACT_COVER = 0.6
LENGTH_TOLERANCE = 0.3
# What a request says that a draft must never echo: verbs of asking and writing, length wishes.
REQUEST_PHRASING = re.compile(
    r"帮我|帮忙|麻烦|请你|起草|拟个|拟一|写份|写个|写一[段篇份个]|写段|你看着写|\d+\s*字|[一二三四五六七八九十两千百]+字|字左右|字上下"
)
_FIGURE = re.compile(r"[\d*＊]+(?:[.．]\d+)?\s*(?:余|多)?\s*(?:%|％|名|人|次|个|项|年|月|日|号)?")
_PUNCT = re.compile(r"[\s，。；：、,.;:！？!?“”\"'（）()《》【】]")

# What a sample's unit did, by general Chinese grammar: a verb in the perfective (建立了, 开展了, 完成了; not
# 为了, 除了, 了解), one marked done (已建立, 已经完成), or a programme of its own (实施育苗工程, 二期课改).
SAMPLE_ACT = re.compile(
    r"[一-龥][一-龥](?<![为除])了(?![解如结却])|已经?[一-龥]{2}"
    r"|(?:实施|落实|推进|启动|开展|打造)[一-龥]{2,6}工程|(?<![第\d])[一二三四五六七八九十]期(?![间限])[一-龥]{2}"
)
# A sentence flagged as a whole for the user to check (【请核实：…】) asserts nothing of its own; a flag on
# what follows (【请核实：以下…】) covers every sentence after it in its section.
_FLAGGED = re.compile(r"【请核实：")
_FLAGS_REST = re.compile(r"【请核实：以下[^】]*】")
_PIECE = re.compile(r"[^。！？；\n]+[。！？；]?")
# One sentence with its markers: a flag anywhere in it covers all of it, its ；-joined clauses included.
_SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
# A general norm says what ought to be, of no unit in particular: a modal of obligation or prohibition, or
# 要 opening a clause (not 要求, 要点, 要素).
_NORM = re.compile(r"应当|应该|必须|不得|严禁|禁止|务必|不准|不宜|(?:^|[,;:])要(?![求点素])")
_ENUMERATOR = re.compile(r"^\s*(?:[(][一二三四五六七八九十\d]{1,3}[)]|[一二三四五六七八九十]{1,3}是|\d{1,2}[.．、])")

CHECKS = ("outline", "facts", "request", "specifics", "markers", "length")
_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")", "“": '"', "”": '"'})


def fold_width(text: str) -> str:
    """``text`` with full-width punctuation as its half-width twin (，→, （→( “→"), so that a fact reads the
    same in a source's half-width marks and a draft's full-width ones."""
    return text.translate(_WIDTH)


@dataclass
class TaskResult:
    """One task's checks: each is True, False, or None when it does not apply to the task."""

    id: str
    role: str
    checks: dict[str, bool | None]
    facts_found: int = 0
    facts_total: int = 0
    subtopics_found: int = 0
    subtopics_total: int = 0
    problems: list[str] = field(default_factory=list)
    chars: int = 0
    target: int = 0
    sample_acts: list[str] = field(default_factory=list)
    sample_practice: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The per-task row of the report."""
        return {
            "id": self.id,
            "role": self.role,
            "checks": self.checks,
            "facts": [self.facts_found, self.facts_total],
            "subtopics": [self.subtopics_found, self.subtopics_total],
            "chars": self.chars,
            "target": self.target,
            "sample_acts": len(self.sample_acts),
            "sample_practice": len(self.sample_practice),
            "problems": self.problems,
        }


def longest_run(needle: str, haystack: str) -> int:
    """Length of the longest substring of ``needle`` that occurs in ``haystack``."""
    best = 0
    for i in range(len(needle)):
        j = i + best + 1
        while j <= len(needle) and needle[i:j] in haystack:
            best = j - i
            j += 1
    return best


def _bigrams(text: str) -> set[str]:
    t = _PUNCT.sub("", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def same_heading(subtopic: str, heading: str) -> bool:
    """Whether a section heading is the named sub-topic (see the module docstring)."""
    a, b = _PUNCT.sub("", subtopic), _PUNCT.sub("", heading)
    if not a or not b:
        return False
    if a == b or a in b or b in a:
        return True
    x, y = _bigrams(a), _bigrams(b)
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= SAME_HEADING


def outside_slots(text: str) -> str:
    """``text`` without its fill-in slots and markers."""
    return SLOT_PATTERN.sub("", MARKER.sub("", text))


def _covered_from(section: str) -> int:
    """Where a section's flag on what follows (【请核实：以下…】) starts covering it; past its end when it has none."""
    m = _FLAGS_REST.search(section)
    return m.start() if m else len(section) + 1


def sample_acts(section: str, citations: Sequence[dict[str, Any]]) -> list[str]:
    """What a section asserts a sample's unit did, as ours: per sentence citing a sample, each act
    (`SAMPLE_ACT`) that stands outside slots and is in a cited sample's quote, unless the sentence is
    flagged (【请核实：…】 in it, or 【请核实：以下…】 before it in the section). The drafter's own words (a
    lead) cite nothing and are not read."""
    quotes = {int(c["n"]): fold_width(c["quote"]) for c in citations if c.get("role") == "sample"}
    covered = _covered_from(section)
    found: list[str] = []
    for m in _PIECE.finditer(section):
        piece = m.group(0)
        cited = [quotes[n] for k in MARKER.finditer(piece) for n in map(int, re.findall(r"\d+", k.group(1))) if n in quotes]
        if not cited or _FLAGGED.search(piece) or m.start() >= covered:
            continue
        free = fold_width(outside_slots(piece))
        found += [a.group(0) for a in SAMPLE_ACT.finditer(free) if any(a.group(0) in q for q in cited)]
    return found


def sample_practice(section: str, citations: Sequence[dict[str, Any]]) -> list[str]:
    """The sentences of a section that state, unflagged, what a sample's unit does or did: each sentence
    citing a sample (up to its 。！？, so a flag covers its ；-joined clauses) that carries no 【请核实：…】, has
    no 【请核实：以下…】 before it in the section, and is neither a general norm (`_NORM`, with no act
    `SAMPLE_ACT`) nor a lead ending in a colon. Each is returned outside its slots and markers."""
    samples = {int(c["n"]) for c in citations if c.get("role") == "sample"}
    covered = _covered_from(section)
    found: list[str] = []
    for m in _SENTENCE.finditer(section):
        sentence = m.group(0)
        numbers = {int(n) for k in MARKER.finditer(sentence) for n in re.findall(r"\d+", k.group(1))}
        if not numbers & samples or _FLAGGED.search(sentence) or m.start() >= covered:
            continue
        free = fold_width(outside_slots(sentence)).strip()
        stem = _ENUMERATOR.sub("", free).strip().rstrip("。！？!?")
        if not stem or stem.endswith((":", "：")):
            continue
        if _NORM.search(stem) and not SAMPLE_ACT.search(stem):
            continue
        found.append(stem)
    return found


def check(
    task: dict[str, Any],
    draft: dict[str, Any],
    *,
    reports_role: str,
    verbatim: Callable[[dict[str, Any]], bool],
) -> TaskResult:
    """Check one draft (the ``govdoc draft --json`` object) against its task.

    Args:
        task: a row of tasks.jsonl.
        draft: the draft as JSON (title, opening in text, sections, citations with role, shortfall).
        reports_role: how the school reports were ingested: "own" or "sample".
        verbatim: whether a citation's quote is its document's text at its offsets.
    """
    sections: Sequence[dict[str, Any]] = draft["sections"]
    # The body: the unit's basic facts the opening states (``preface``, cited like any point), then the sections.
    body = "\n".join([draft.get("preface", ""), *(s["text"] for s in sections)]).strip("\n")
    plain = fold_width(MARKER.sub("", body))
    free = fold_width(outside_slots(body))
    # The opening: the text's first paragraph, after the line that names whom a 请示 or 通知 goes to.
    opening = draft["text"].removeprefix(draft.get("addressee", "") + "\n\n").split("\n\n", 1)[0]
    result = TaskResult(task["id"], reports_role, {}, target=int(task["target_chars"]), chars=int(draft["chars"]))

    subtopics = list(task["subtopics"])
    headings = [s["heading"] for s in sections]
    found = [s for s in subtopics if any(same_heading(s, h) for h in headings)]
    result.subtopics_found, result.subtopics_total = len(found), len(subtopics)
    result.checks["outline"] = (len(found) == len(subtopics)) if subtopics else None
    for s in subtopics:
        if s not in found:
            result.problems.append(f"小标题缺少：{s}（实际：{'；'.join(headings)}）")

    citations = draft["citations"]
    ok_facts = 0
    for fact in task["expected_facts"]:
        evidence = fold_width(fact["evidence"])
        need = FACT_COVER * len(evidence)
        if fact["kind"] == "own" and reports_role == "sample":
            drawn = any(c.get("role") == "sample" and longest_run(evidence, fold_width(c["quote"])) >= need for c in citations)
            figures = [m.group(0) for m in _FIGURE.finditer(evidence) if re.search(r"\d", m.group(0))]
            asserted = [f for f in figures if f in free]
            ok = drawn and not asserted
        else:
            ok = longest_run(evidence, plain) >= need
        ok_facts += ok
        if not ok:
            result.problems.append(f"缺少事实（{fact['kind']}）：{evidence}")
    result.facts_found, result.facts_total = ok_facts, len(task["expected_facts"])
    result.checks["facts"] = ok_facts == len(task["expected_facts"])

    # The opening's own words: the preface is quoted from the sources, not the drafter's phrasing.
    shown = [draft["title"], opening.replace(draft.get("preface", ""), ""), *headings]
    echoed = [m.group(0) for text in shown for m in REQUEST_PHRASING.finditer(text)]
    result.checks["request"] = not echoed
    if echoed:
        result.problems.append(f"复述了请求用语：{'、'.join(echoed)}")

    # A set whose roles are fixed per file (the held-out set) names what a sample must not lend as ours.
    forbidden = task.get("sample_must_not_assert") or (task["sample_specifics"] if reports_role == "sample" else [])
    if forbidden or any(c.get("role") == "sample" for c in citations):
        # What the request itself says is the user's own word, not the sample's.
        mine = [fold_width(s) for s in forbidden if s not in task["request"]]
        leaked = [s for s in mine if s in free or s in fold_width(outside_slots(draft["title"] + opening))]
        # A flag on what follows covers the rest of its own section only: each section is read alone.
        result.sample_acts = [a for s in sections for a in sample_acts(s["text"], citations)]
        result.sample_practice = [p for s in sections for p in sample_practice(s["text"], citations)]
        result.checks["specifics"] = not leaked and not result.sample_acts and not result.sample_practice
        if leaked:
            result.problems.append(f"把范文单位的具体信息写成了本单位的：{'、'.join(leaked)}")
        if result.sample_acts:
            result.problems.append(f"把范文单位做过的事写成了本单位的：{'、'.join(result.sample_acts)}")
        if result.sample_practice:
            result.problems.append(f"把范文单位的做法写成了本单位的（未标请核实）：{'；'.join(result.sample_practice)}")
    else:
        result.checks["specifics"] = None

    numbers = {int(n) for m in MARKER.finditer(body) for n in re.findall(r"\d+", m.group(1))}
    known = {c["n"] for c in citations}
    bad_quotes = [c["n"] for c in citations if not verbatim(c)]
    result.checks["markers"] = numbers <= known and not bad_quotes
    if not numbers <= known:
        result.problems.append(f"引用编号无对应来源：{sorted(numbers - known)}")
    if bad_quotes:
        result.problems.append(f"引用原文与文档不一致：{bad_quotes}")

    target = result.target
    within = abs(result.chars - target) <= LENGTH_TOLERANCE * target
    result.checks["length"] = within or bool(draft.get("shortfall"))
    if not result.checks["length"]:
        result.problems.append(f"篇幅 {result.chars} 字，目标 {target} 字，且未说明")
    return result


def rates(results: Sequence[TaskResult]) -> dict[str, Any]:
    """Share of tasks passing each check (over the tasks it applies to), and fact and sub-topic recall."""
    out: dict[str, Any] = {"tasks": len(results)}
    for name in CHECKS:
        applied = [r.checks[name] for r in results if r.checks.get(name) is not None]
        out[name] = round(sum(bool(x) for x in applied) / len(applied), 3) if applied else None
        out[f"{name}_n"] = len(applied)
    facts = sum(r.facts_total for r in results)
    subs = sum(r.subtopics_total for r in results)
    out["sample_acts"] = sum(len(r.sample_acts) for r in results)
    out["sample_practice"] = sum(len(r.sample_practice) for r in results)
    out["fact_recall"] = round(sum(r.facts_found for r in results) / facts, 3) if facts else None
    out["subtopic_recall"] = round(sum(r.subtopics_found for r in results) / subs, 3) if subs else None
    out["all_checks"] = round(
        sum(all(v is not False for v in r.checks.values()) for r in results) / len(results), 3
    ) if results else None
    return out
