"""Check the train6 and dev6 items of items.jsonl (the other splits' lines are skipped) against the documents in docs/.

Written blind by an outside writer (see BRIEF.md); self-contained (it reads the documents itself).
Tables are read as grids of cell texts, merged cells repeated in every grid position they cover:
- DOCX: python-docx `table.rows[i].cells` (merged cells come back once per grid column/row);
- PDF: pdfplumber `extract_tables()` of every page, the repeated header dropped on later pages (empty cells of a
  span filled from the left/above); every PDF evidence string and row must also sit on one line of pypdf's
  `extract_text()`;
- HTML: `<tr>`/`<td>`/`<th>` with rowspan/colspan expanded.
Document text (for doc_title and the trap words): DOCX paragraphs + cells, PDF pdfplumber text + cells, HTML
visible text (<style> skipped).
Checks:
1. fields in order; kinds cell/two_cells/count/sum/max/unanswerable; ids tbl6-<short>-NN, unique; split train6
   (2 documents) or dev6 (2 documents), one split per document; answerable matches kind; unanswerable items carry
   no key points, evidence, row or columns; doc_title in the document's text.
2. columns are header cells of the table; row and evidence are whole table cells (verbatim);
   cell/two_cells: the row is found by its identifying cell and each evidence string is the cell of that row
   under the matching column (evidence[i] under columns[i]);
   count: evidence are the identifying cells of the rows matching COUNT_RULE and no other rows;
   sum: the values of `columns`[0] in the evidence rows add up to the item's key point (recomputed);
   max: evidence[0] is the identifying cell of the row with the largest value of `columns`[0] (unique), evidence[1]
   its value.
3. key points: every point has an alternative written in the reference; for cell/two_cells/max each point has an
   alternative that is in, contains, or numerically equals one of the evidence strings; for count the points name
   the number of evidence rows; for sum the point equals the recomputed total.
4. the question copies at most 10 consecutive characters of its row or of any evidence string.
5. totals recomputed from the cells: the 课时量 合计 column = 授课 + 早晚自习 + 兼职折算 in every row; the 公用经费
   下达金额 = 基本公用经费 + 寄宿生补助 in every row, each 小计 row = the sum of its group's school rows and the
   合计 row = the sum of the school rows, in every numeric column; the 考核结果 body's 优秀 count = the table's.
6. unanswerable items: trap words (ABSENT) occur 0 times in the document's text; NOROW items name a row that
   the table does not have.
7. the PDF table runs over the page break: 2 pages, data rows on both, the header repeated at the top of page 2.
Run: /work/main/.venv/bin/python evals/table_set/check_items6.py [items.jsonl]   (exit 1 on any problem)
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
FIELDS = ["id", "question", "answerable", "reference", "key_points", "evidence", "doc_title", "doc_file", "row",
          "columns", "kind", "split"]
KINDS = {"cell", "two_cells", "count", "sum", "max", "unanswerable"}
SPLITS = {"train6": 2, "dev6": 2}
MAX_COPY = 10

# per document: number of header rows, the identifying column, the label of total/subtotal rows
TABLES = {
    "erzhong_keshiliang_gongshi.docx": dict(header_rows=2, key="姓名"),
    "xiaozhang_kaohe_jieguo.pdf": dict(header_rows=1, key="姓名"),
    "banshi_zhinan.html": dict(header_rows=2, key="事项名称"),
    "gongyong_jingfei_xiada.docx": dict(header_rows=1, key="学校名称"),
}
# count items: the column and the rule a counted row's cell satisfies
COUNT_RULE = {
    "tbl6-load-08": ("教研组", lambda v: v == "语文组"),
    "tbl6-load-09": ("合计", lambda v: v == "14"),
    "tbl6-appr-08": ("考核等次", lambda v: v == "优秀"),
    "tbl6-appr-09": ("考核等次", lambda v: v == "不定等次"),
    "tbl6-guide-08": ("办理地点", lambda v: v == "区政务服务中心教育窗口"),
    "tbl6-guide-09": ("法定时限", lambda v: v == "—"),
    "tbl6-fund-07": ("寄宿生（人）", lambda v: v != "0"),
}
# Words that would answer an unanswerable item; each must occur 0 times in the document's text.
ABSENT = {
    "tbl6-load-12": ["职称"],
    "tbl6-load-13": ["生物"],
    "tbl6-load-14": ["元", "补贴标准为"],
    "tbl6-appr-11": ["2024年度", "上年度", "去年", "上一年"],
    "tbl6-appr-13": ["测评得分", "分项"],
    "tbl6-guide-11": ["费", "元"],
    "tbl6-guide-12": ["网上", "网办", "线上", "网站"],
    "tbl6-guide-13": ["调动"],
    "tbl6-fund-11": ["上学期", "春季", "上年"],
    "tbl6-fund-12": ["取暖"],
    "tbl6-fund-13": ["幼儿园"],
}
# unanswerable items naming a row the table does not have: {column: value, ...} that no row matches together
NOROW = {
    "tbl6-appr-12": {"工作单位": "白沙镇中学", "职务": "党支部书记"},
    "tbl6-load-13": {"任教学科及班级": "生物"},  # no cell of the column contains it (substring rule below)
}
SUBTOTAL = re.compile(r"(小计|合计)$")
CN = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

problems: list[str] = []


def fail(msg: str) -> None:
    problems.append(msg)
    print("FAIL", msg)


# ------------------------------------------------------------------ reading the documents
class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.rows: list[list[tuple[str, int, int]]] = []
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._skip = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "style":
            self._skip = True
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
            self._span = (int(a.get("rowspan", 1)), int(a.get("colspan", 1)))
        elif tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag == "style":
            self._skip = False
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(("".join(self._cell).strip(), *self._span))
            self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def html_grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    grid: dict[tuple[int, int], str] = {}
    for r, cells in enumerate(rows):
        c = 0
        for text, rs, cs in cells:
            while (r, c) in grid:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = text
            c += cs
    n = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(n)] for r in range(len(rows))]


def read_doc(name: str) -> tuple[str, list[list[str]], list[str]]:
    """(document text, the table as a grid of cell texts, pypdf lines for a PDF)."""
    path = DOCS / name
    lines: list[str] = []
    if name.endswith(".docx"):
        import docx
        d = docx.Document(str(path))
        (t,) = d.tables
        grid = [[c.text for c in row.cells] for row in t.rows]
        text = "\n".join([p.text for p in d.paragraphs] + ["\t".join(r) for r in grid])
    elif name.endswith(".pdf"):
        import pdfplumber
        import pypdf
        grid, texts, per_page = [], [], []
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                texts.append(page.extract_text() or "")
                n = 0
                for tab in page.extract_tables():
                    for k, row in enumerate(tab):
                        row = [(c or "").replace("\n", "") for c in row]
                        if grid and row == grid[0]:
                            if k:
                                fail(f"{name}: header row inside the table on a page")
                            continue  # the header repeated on a later page
                        grid.append(row)
                        n += 1
                per_page.append(n)
        # the table must run over the page break: data rows on both pages, the header repeated on page 2
        if len(per_page) != 2 or min(per_page) < 2:
            fail(f"{name}: table rows per page {per_page}, expected a table over the page break of 2 pages")
        print(f"{name}: table rows per page (header counted on page 1 only): {per_page}")
        text = "\n".join(texts + ["\t".join(r) for r in grid])
        lines = [ln.strip() for p in pypdf.PdfReader(str(path)).pages for ln in p.extract_text().splitlines()]
    else:
        h = _Html()
        h.feed(path.read_text(encoding="utf-8"))
        grid = html_grid(h.rows)
        text = "".join(h.text)
    return text, grid, lines


def num(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except InvalidOperation:
        return None


def val(s: str) -> Decimal:
    """The number a cell must hold (a cell that is no number is an error of the set)."""
    v = num(s)
    if v is None:
        raise ValueError(f"not a number: {s!r}")
    return v


def first_num(s: str) -> Decimal | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", s)
    if m:
        return num(m.group())
    for ch, v in CN.items():
        if s.startswith(ch):
            return Decimal(v)
    return None


def longest_common(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


class Table:
    def __init__(self, name: str, grid: list[list[str]], header_rows: int, key: str) -> None:
        self.header = grid[:header_rows]
        self.body = grid[header_rows:]
        self.key = self.col(key)

    def col(self, name: str) -> int:
        for hr in reversed(self.header):  # leaf names first (merged two-row headers)
            if name in hr:
                return hr.index(name)
        raise KeyError(name)

    def is_total(self, row: list[str]) -> bool:
        return bool(SUBTOTAL.search(row[self.key]))

    def data_rows(self) -> list[list[str]]:
        return [r for r in self.body if not self.is_total(r)]

    def find(self, ident: str) -> list[list[str]]:
        return [r for r in self.body if r[self.key] == ident]


# ------------------------------------------------------------------ checks
def check_totals(name: str, t: Table, text: str) -> None:
    if name == "erzhong_keshiliang_gongshi.docx":
        a, b, c, s = (t.col(x) for x in ("授课", "早晚自习", "兼职折算", "合计"))
        for r in t.body:
            if val(r[a]) + val(r[b]) + val(r[c]) != val(r[s]):
                fail(f"{name}: 合计 of {r[t.key]} is not 授课+早晚自习+兼职折算")
    elif name == "gongyong_jingfei_xiada.docx":
        cols = [t.col(x) for x in ("在校生（人）", "寄宿生（人）", "基本公用经费（万元）", "寄宿生补助（万元）",
                                   "下达金额（万元）")]
        for r in t.body:
            if val(r[cols[2]]) + val(r[cols[3]]) != val(r[cols[4]]):
                fail(f"{name}: 下达金额 of {r[t.key]} is not 基本公用经费+寄宿生补助")
        group: list[list[str]] = []
        schools: list[list[str]] = []
        n_sub = 0
        for r in t.body:
            if r[t.key] == "合计":
                rows, what = schools, "合计"
            elif t.is_total(r):
                rows, what = group, r[t.key]
                n_sub += 1
            else:
                group.append(r)
                schools.append(r)
                continue
            for c in cols:
                if sum(val(x[c]) for x in rows) != val(r[c]):
                    fail(f"{name}: {what} {t.header[-1][c]} {r[c]} != recomputed {sum(val(x[c]) for x in rows)}")
            group = []
        if n_sub != 2:
            fail(f"{name}: expected 2 小计 rows, found {n_sub}")
        total = next(r for r in t.body if r[t.key] == "合计")[cols[4]]
        if f"共下达{total}万元" not in text:
            fail(f"{name}: the body's total is not the 合计 row's {total}")
    elif name == "xiaozhang_kaohe_jieguo.pdf":
        c = t.col("考核等次")
        good = sum(1 for r in t.body if r[c] == "优秀")
        if f"确定优秀等次{good}人" not in text or f"共{len(t.body)}人" not in text:
            fail(f"{name}: the body's counts differ from the table ({good} 优秀, {len(t.body)} rows)")


def kp_matches_evidence(alts: list[str], ev: list[str]) -> bool:
    for a in alts:
        for e in ev:
            if a in e or e in a:
                return True
            if num(a) is not None and num(e) is not None and num(a) == num(e):
                return True
    return False


def check_item(it: dict, t: Table, text: str, lines: list[str]) -> None:
    i = it["id"]
    kind, ev, row, cols, kp = it["kind"], it["evidence"], it["row"], it["columns"], it["key_points"]
    if it["doc_title"] not in text:
        fail(f"{i}: doc_title not in the document")
    for p in kp:
        if not any(a in it["reference"] for a in p):
            fail(f"{i}: no alternative of key point {p} is in the reference")
    if kind == "unanswerable":
        if kp or ev or row or cols or it["answerable"]:
            fail(f"{i}: unanswerable item carries key points/evidence/row/columns")
        for w in ABSENT.get(i, []):
            if w in text:
                fail(f"{i}: trap word {w!r} occurs in the document")
        spec = NOROW.get(i)
        if spec:
            cs = {t.col(k): v for k, v in spec.items()}
            if any(all(v in r[c] for c, v in cs.items()) for r in t.body):
                fail(f"{i}: the table has a row matching {spec}")
        if i not in ABSENT and i not in NOROW:
            fail(f"{i}: no trap words or NOROW rule for an unanswerable item")
        return
    if not it["answerable"] or not kp or not ev or not cols:
        fail(f"{i}: answerable item without key points/evidence/columns")
        return
    try:
        cidx = [t.col(c) for c in cols]
    except KeyError as e:
        fail(f"{i}: column {e} is not a header cell")
        return
    cells = {c for r in t.header + t.body for c in r}
    for s in ev + ([row] if row else []):
        if s not in cells:
            fail(f"{i}: {s!r} is not a whole table cell")
        if lines and not any(s in ln for ln in lines):
            fail(f"{i}: PDF string {s!r} is not on one pypdf line")
    q = it["question"]
    for s in ev + ([row] if row else []):
        n = longest_common(q, s)
        if n > MAX_COPY:
            fail(f"{i}: question copies {n} characters of {s!r}")
    if kind in ("cell", "two_cells"):
        rows = t.find(row)
        if len(rows) != 1:
            fail(f"{i}: row {row!r} found {len(rows)} times")
            return
        if len(ev) != len(cols) or len(ev) != (1 if kind == "cell" else 2):
            fail(f"{i}: {kind} needs one evidence string per column")
            return
        for cell, c in zip(ev, cidx, strict=True):
            if rows[0][c] != cell:
                fail(f"{i}: the cell under {t.header[-1][c]} of {row!r} is {rows[0][c]!r}, not {cell!r}")
        for p in kp:
            if not kp_matches_evidence(p, ev):
                fail(f"{i}: key point {p} does not match the evidence")
    elif kind == "count":
        col, rule = COUNT_RULE[i]
        c = t.col(col)
        if cols != [col]:
            fail(f"{i}: columns {cols} != [{col}]")
        want = [r[t.key] for r in t.data_rows() if rule(r[c])]
        if sorted(want) != sorted(ev) or len(set(ev)) != len(ev):
            fail(f"{i}: counted rows {want} != evidence {ev}")
        (p,) = kp
        if any(first_num(a) != len(ev) for a in p):
            fail(f"{i}: count key point {p} does not name {len(ev)}")
    elif kind == "sum":
        (c,) = cidx
        total = Decimal(0)
        for label in ev:
            rows = [r for r in t.data_rows() if r[t.key] == label]
            if len(rows) != 1:
                fail(f"{i}: sum row {label!r} found {len(rows)} times")
                return
            total += val(rows[0][c])
        (p,) = kp
        if any(num(a) != total for a in p):
            fail(f"{i}: sum key point {p} != recomputed {total}")
    elif kind == "max":
        (c,) = cidx
        vals = [(v, r[t.key], r[c]) for r in t.data_rows() if (v := num(r[c])) is not None]
        top = max(v for v, _, _ in vals)
        winners = [(k, s) for v, k, s in vals if v == top]
        if len(winners) != 1 or list(winners[0]) != ev or row != ev[0]:
            fail(f"{i}: max of {cols[0]} is {winners}, evidence {ev}, row {row!r}")
        for p in kp:
            if not kp_matches_evidence(p, ev):
                fail(f"{i}: key point {p} does not match the evidence")


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "items.jsonl"
    items = [json.loads(ln) for ln in src.read_text(encoding="utf-8").splitlines() if ln.strip()]
    items = [it for it in items if it.get("split") in SPLITS]
    docs: dict[str, tuple[str, Table, list[str]]] = {}
    for name, cfg in TABLES.items():
        text, grid, lines = read_doc(name)
        t = Table(name, grid, int(str(cfg["header_rows"])), str(cfg["key"]))
        docs[name] = (text, t, lines)
        check_totals(name, t, text)
    ids = Counter(it["id"] for it in items)
    for k, n in ids.items():
        if n > 1:
            fail(f"{k}: duplicate id")
    split_of: dict[str, set[str]] = defaultdict(set)
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    n_ev = 0
    for it in items:
        i = it["id"]
        if list(it) != FIELDS:
            fail(f"{i}: fields {list(it)}")
            continue
        if not re.fullmatch(r"tbl6-[a-z]+-\d\d", i):
            fail(f"{i}: bad id")
        if it["kind"] not in KINDS:
            fail(f"{i}: bad kind {it['kind']}")
            continue
        if it["answerable"] != (it["kind"] != "unanswerable"):
            fail(f"{i}: answerable does not match kind")
        if it["doc_file"] not in docs:
            fail(f"{i}: unknown document {it['doc_file']}")
            continue
        split_of[it["doc_file"]].add(it["split"])
        counts[(it["split"], it["doc_file"])][it["kind"]] += 1
        n_ev += len(it["evidence"])
        text, t, lines = docs[it["doc_file"]]
        check_item(it, t, text, lines)
    per_split: Counter[str] = Counter()
    for doc, s in split_of.items():
        if len(s) != 1:
            fail(f"{doc}: items in splits {s}")
        per_split[next(iter(s))] += 1
    if dict(per_split) != SPLITS:
        fail(f"documents per split {dict(per_split)} != {SPLITS}")
    for doc in TABLES:
        if doc not in split_of:
            fail(f"{doc}: no items")
    order = ["cell", "two_cells", "count", "sum", "max", "unanswerable"]
    print("| split | document | items | " + " | ".join(order) + " |")
    print("|---|---|---|" + "---|" * len(order))
    tot: dict[str, Counter] = defaultdict(Counter)
    for (split, doc), c in sorted(counts.items()):
        print(f"| {split} | {doc} | {sum(c.values())} | " + " | ".join(str(c[k]) for k in order) + " |")
        tot[split].update(c)
        tot["all"].update(c)
    for split in [*SPLITS, "all"]:
        c = tot[split]
        print(f"| {split} | all | {sum(c.values())} | " + " | ".join(str(c[k]) for k in order) + " |")
    un = tot["all"]["unanswerable"]
    print(f"{len(items)} items, {len(items) - un} answerable, {un} unanswerable, {n_ev} evidence strings; "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
