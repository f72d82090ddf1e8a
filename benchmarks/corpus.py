"""Benchmark corpus: realistic Chinese governance text at a chosen size in chunks, deterministic.

Sentences come from the laws in ``data/`` and the report text there, plus (when available) the
1,580-law archive ``../shared/bench/laws-cn.tar.xz``, which is extracted to a temporary folder and
never into ``data/``. They are recombined into new files: regulations (``第X章``/``第X条`` with
items) and work reports (``一、``/``（一）`` headings, ``一是…二是…`` points), with titles, regions,
organisations, numbers and dates drawn at random, so near-duplicates of one law are not trivial
to tell apart. File ``i`` depends only on the seed, ``i`` and the sources, so a smaller corpus is
a prefix of a larger one. Each file is chunked with the real pipeline (load, split, chunk) to
count its chunks exactly.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import tarfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest import numerals
from ingest.config import ChunkSettings

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
LAWS_ARCHIVE = ROOT.parent / "shared" / "bench" / "laws-cn.tar.xz"
VERSION = "1"
MIN_CHUNKS, MAX_CHUNKS = 20, 60
# Characters of body text per chunk, measured on generated files with the default chunk settings:
# every 一是… point of a report starts a chunk of its own.
_CHARS_PER_CHUNK = {"law": 300, "report": 100}

_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇两\d]+条[\s　]*")
_STRUCTURE = re.compile(r"^第[一二三四五六七八九十百零〇两\d]+[编章节](?:\s|$)")
_ITEM = re.compile(r"^[（(][一二三四五六七八九十\d]+[）)]")
_NUMBER = re.compile(r"\d+")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TITLE_NOISE = re.compile(r"^中华人民共和国|[（(].*?[)）]|\s")
_GENRE_SUFFIX = re.compile(r"(?:实施|管理|暂行|条例|办法|规定|细则|规则|法|决定|若干问题的|的)$")
_SENTENCE = re.compile(r"[^。！？；]*[。！？；]+[”’」）)]*|[^。！？；]+$")
_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]+是|\d{1,2}[.．、]|[（(][一二三四五六七八九十\d]+[）)])\s*")
_SCHOOL = re.compile(r"第[一二三四五六七八九十]+中学")

_REGION_FIRST = "东西南北青云临安永清河江山平宁新兴长丰和泰华阳明德昌盛嘉定白石金玉桐松柳梅兰"
_REGION_SECOND = "川州阳宁安平江山源城林水原都陵丘岭溪湖台桥港口关"
_REGION_LEVEL = ("省", "市", "县", "区", "自治州", "市")
_ORGS = (
    "人民政府",
    "教育局",
    "卫生健康委员会",
    "市场监督管理局",
    "司法局",
    "人力资源和社会保障局",
    "生态环境局",
    "应急管理局",
    "财政局",
    "民政局",
)
# Genre of a generated regulation and how its text names itself (本条例, 本办法…).
_LAW_GENRES = {"条例": "条例", "实施办法": "办法", "管理办法": "办法", "若干规定": "规定", "实施细则": "细则"}
_SELF_NAME = re.compile(r"本(?:法|条例|办法|规定|细则)")
_REPORT_HEADINGS = (
    "基本情况",
    "主要做法",
    "工作成效",
    "存在的问题",
    "下一步工作打算",
    "经验体会",
    "组织领导",
    "制度建设",
    "监督检查",
    "保障措施",
)
_CHAPTER_NAMES = ("总则", "管理职责", "监督检查", "保障措施", "法律责任", "附则", "权利和义务", "组织实施")


@dataclass(frozen=True)
class CorpusFile:
    """One generated file and what the real chunker makes of it."""

    path: Path
    chunks: int
    chars: int


Block = tuple[str, ...]


@dataclass(frozen=True)
class Law:
    """One source law: its subject (None when the title gives none) and its article blocks."""

    topic: str | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Sources:
    """Material to recombine: laws (article blocks with their items) and report sentences."""

    laws: tuple[Law, ...]
    report_sentences: tuple[str, ...]

    @property
    def articles(self) -> list[Block]:
        """Every article block of every law, in law order."""
        return [b for law in self.laws for b in law.blocks]

    @property
    def topical(self) -> list[Law]:
        """The laws whose title gives a subject (used as a file's main law)."""
        return [law for law in self.laws if law.topic]

    def digest(self) -> str:
        """A short hash of the material, so a cached corpus is reused only for the same sources."""
        h = hashlib.sha256()
        for law in self.laws:
            h.update(f"\x1c{law.topic}".encode())
            for block in law.blocks:
                h.update("\x1e".join(block).encode("utf-8"))
        h.update("\x1d".join(self.report_sentences).encode("utf-8"))
        return h.hexdigest()[:16]


def extract_laws(archive: Path, dest: Path) -> Path:
    """Extract the law archive into ``dest`` (a temporary folder) and return it.

    Args:
        archive: ``laws-cn.tar.xz``.
        dest: an empty folder outside ``data/``.
    """
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:xz") as tar:
        tar.extractall(dest, filter="data")
    return dest


def law_blocks(text: str) -> tuple[str, list[tuple[str, ...]]]:
    """The title and the article blocks of a law in Markdown.

    A block is an article's text without its ``第X条`` label, followed by its further paragraphs
    and items (``（一）…``), one string per line.
    """
    text = _COMMENT.sub("", text)
    if text.startswith("---"):
        end = text.find("\n---", 3)
        text = text[end + 4 :] if end >= 0 else text
    title = ""
    blocks: list[tuple[str, ...]] = []
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if not title and line.startswith("# "):
                title = line[2:].strip()
            if current:
                blocks.append(tuple(current))
            current = None
            continue
        if _STRUCTURE.match(line):
            continue
        m = _ARTICLE.match(line)
        if m:
            if current:
                blocks.append(tuple(current))
            rest = line[m.end() :].strip()
            current = [rest] if rest else []
        elif current is not None:
            current.append(line)
    if current:
        blocks.append(tuple(current))
    return title, [b for b in blocks if b and sum(len(x) for x in b) >= 12]


def topic_of(title: str) -> str | None:
    """The subject of a law title: 中华人民共和国教师法 -> 教师."""
    core = _TITLE_NOISE.sub("", title)
    previous = None
    while core != previous:
        previous = core
        core = _GENRE_SUFFIX.sub("", core)
    core = re.sub(r"^(?:国务院|最高人民法院|最高人民检察院)?关于", "", core)
    if not 2 <= len(core) <= 10 or not re.fullmatch(r"[\u4e00-\u9fff]+", core):
        return None
    return core


def report_sentences(paths: Iterable[Path]) -> list[str]:
    """Sentences of the report text files, cleaned by the real loader (boilerplate removed)."""
    from ingest.config import OcrSettings
    from ingest.load import load_file
    from ingest.split import split_documents

    out: list[str] = []
    for path in paths:
        for doc in split_documents(load_file(path, OcrSettings(enabled=False))):
            for line in doc.text.splitlines():
                for sentence in _SENTENCE.findall(line.strip()):
                    # Enumerators are added back where the generator builds its own points.
                    sentence = _ENUMERATOR.sub("", sentence.strip())
                    if len(sentence) >= 12 and sentence[-1] in "。！？；":
                        out.append(sentence)
    return out


def load_sources(laws_dir: Path | None = None, data_dir: Path = DATA_DIR) -> Sources:
    """Collect the material: every law under ``data_dir`` and ``laws_dir``, and the reports in ``data_dir``.

    Args:
        laws_dir: the extracted law archive, or None to use ``data_dir`` alone.
        data_dir: the project's sample documents.
    """
    law_files = sorted(data_dir.glob("*.md"))
    if laws_dir is not None:
        law_files += sorted(p for p in laws_dir.rglob("*.md") if not p.name.startswith("_"))
    laws: list[Law] = []
    for path in law_files:
        title, blocks = law_blocks(path.read_text(encoding="utf-8", errors="replace"))
        if blocks:
            laws.append(Law(topic_of(title), tuple(blocks)))
    reports = report_sentences(sorted(data_dir.glob("*.txt")))
    if not any(law.topic for law in laws) or not reports:
        raise SystemExit(f"{data_dir} 中缺少生成基准语料所需的法律（.md）或汇报材料（.txt）")
    return Sources(tuple(laws), tuple(reports))


class _Writer:
    """Generates one file's text from the sources with its own random stream."""

    def __init__(self, sources: Sources, rng: random.Random) -> None:
        self.src = sources
        self.rng = rng
        self.region = self._region()
        self.main = rng.choice(sources.topical)
        self.topic = self.main.topic or ""
        self.year = rng.randint(2003, 2024)
        self._articles = sources.articles

    def _region(self) -> str:
        r = self.rng
        return r.choice(_REGION_FIRST) + r.choice(_REGION_SECOND) + r.choice(_REGION_LEVEL)

    def _date(self) -> str:
        r = self.rng
        return f"{self.year}年{r.randint(1, 12)}月{r.randint(1, 28)}日"

    def vary(self, text: str) -> str:
        """Numbers redrawn with the same number of digits (years stay plausible), names localised."""

        def number(m: re.Match[str]) -> str:
            s = m.group(0)
            if len(s) == 4 and s[:2] in ("19", "20"):
                return str(self.rng.randint(1990, 2024))
            if len(s) == 1:
                return str(self.rng.randint(1, 9))
            return str(self.rng.randint(10 ** (len(s) - 1), 10 ** len(s) - 1))

        text = _NUMBER.sub(number, text)
        text = _SCHOOL.sub(lambda _: f"第{numerals.write(self.rng.randint(1, 30))}中学", text)
        if self.rng.random() < 0.5:
            text = text.replace("国务院", f"{self.region}人民政府")
        return text

    def _run(self) -> Sequence[Block]:
        """A few consecutive articles: mostly from the file's main law, else from any law."""
        r = self.rng
        pool: Sequence[Block] = self.main.blocks if r.random() < 0.6 else self._articles
        start = r.randrange(len(pool))
        return pool[start : start + r.randint(2, 8)]

    def law(self, target_chars: int) -> str:
        r = self.rng
        genre = r.choice(sorted(_LAW_GENRES))
        self_name = f"本{_LAW_GENRES[genre]}"
        lines = [
            f"# {self.region}{self.topic}{genre}",
            "",
            f"{self._date()} {self.region}人民代表大会常务委员会第{r.randint(2, 40)}次会议通过",
            "",
            "<!-- INFO END -->",
            "",
        ]
        article = chars = chapter = 0
        while chars < target_chars:
            chapter += 1
            name = _CHAPTER_NAMES[0] if chapter == 1 else r.choice(_CHAPTER_NAMES[1:])
            lines += [f"## 第{numerals.write(chapter)}章 {name}", ""]
            # Runs of consecutive articles keep paragraphs coherent; runs from several laws,
            # renumbered and with new numbers, make the file new.
            for _ in range(r.randint(1, 3)):
                for block in self._run():
                    article += 1
                    body = [_SELF_NAME.sub(self_name, self.vary(x)) for x in block]
                    lines += [f"第{numerals.write(article)}条 {body[0]}", ""]
                    for extra in body[1:]:
                        lines += [extra, ""]
                    chars += sum(len(x) for x in body)
                if chars >= target_chars:
                    break
        return "\n".join(lines) + "\n"

    def _sentences(self, n: int) -> list[str]:
        out = []
        for _ in range(n):
            if self.rng.random() < 0.4:
                out.append(self.rng.choice(self.src.report_sentences))
                continue
            block = self.rng.choice(self.main.blocks if self.rng.random() < 0.6 else self._articles)
            picks = [s for s in _SENTENCE.findall(block[0]) if len(s) >= 12 and s[-1] in "。；"]
            out.append(self.rng.choice(picks) if picks else self.rng.choice(self.src.report_sentences))
        return [self.vary(s) for s in out]

    def report(self, target_chars: int) -> str:
        r = self.rng
        org = r.choice(_ORGS)
        lines = [f"# {self.region}{org}关于{self.year}年{self.topic}工作情况的汇报", ""]
        lines += ["".join(self._sentences(2)), ""]
        headings = list(_REPORT_HEADINGS)
        r.shuffle(headings)
        chars = section = 0
        while chars < target_chars:
            section += 1
            heading = headings[(section - 1) % len(headings)]
            lines += [f"## {numerals.write(section)}、{self.topic}{heading}", ""]
            for sub in range(1, r.randint(2, 4) + 1):
                lines += [f"### （{numerals.write(sub)}）{r.choice(_REPORT_HEADINGS)}", ""]
                for _ in range(r.randint(1, 3)):
                    if r.random() < 0.5:
                        points = self._sentences(r.randint(3, 6))
                        para = "".join(f"{numerals.write(i)}是{s}" for i, s in enumerate(points, start=1))
                    else:
                        para = "".join(self._sentences(r.randint(3, 6)))
                    lines += [para, ""]
                    chars += len(para)
        return "\n".join(lines) + "\n"


def file_text(sources: Sources, seed: int, number: int, attempt: int = 0, scale: float = 1.0) -> tuple[str, str, int]:
    """The file name, text and wanted chunk count of file ``number`` (independent of every other file).

    ``attempt`` and ``scale`` redraw a file whose chunk count missed the wanted range.
    """
    plan = random.Random(f"govdoc-bench:{seed}:{number}")
    wanted = plan.randint(MIN_CHUNKS, MAX_CHUNKS)
    kind = "report" if plan.random() < 0.3 else "law"
    writer = _Writer(sources, random.Random(f"govdoc-bench:{seed}:{number}:{attempt}"))
    target_chars = int(wanted * _CHARS_PER_CHUNK[kind] * scale)
    text = writer.report(target_chars) if kind == "report" else writer.law(target_chars)
    title = text.split("\n", 1)[0].lstrip("# ").strip()
    return f"{number:05d}_{title}.md", text, wanted


def count_chunks(path: Path, settings: ChunkSettings) -> tuple[int, int]:
    """Chunks and characters that the real pipeline (load, split, chunk) makes of a file."""
    from ingest.chunk import chunk_document
    from ingest.config import OcrSettings
    from ingest.load import load_file
    from ingest.split import split_documents

    docs = split_documents(load_file(path, OcrSettings(enabled=False)))
    return sum(len(chunk_document(d, settings)) for d in docs), sum(len(d.text) for d in docs)


def generate(
    out_dir: Path,
    target_chunks: int,
    sources: Sources,
    *,
    seed: int = 0,
    chunk_settings: ChunkSettings | None = None,
) -> list[CorpusFile]:
    """Write files into ``out_dir`` until they hold at least ``target_chunks`` chunks.

    Files already there from an earlier call with the same seed, sources and chunk settings are
    reused (a larger target extends the corpus). The result for a smaller target is a prefix.

    Args:
        out_dir: folder for the files (outside ``data/``).
        target_chunks: chunks wanted in all.
        sources: material from `load_sources`.
        seed: the corpus seed; the same seed gives byte-identical files.
        chunk_settings: the settings the chunks are counted with (default: the app's).

    Returns:
        The files in order, each with its exact chunk count.
    """
    settings = chunk_settings or ChunkSettings()
    out_dir.mkdir(parents=True, exist_ok=True)
    key = {
        "version": VERSION,
        "seed": seed,
        "sources": sources.digest(),
        "chunk": settings.model_dump(),
    }
    manifest_path = out_dir / "corpus.json"
    files: list[CorpusFile] = []
    if manifest_path.is_file():
        saved = json.loads(manifest_path.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            files = [CorpusFile(out_dir / f["name"], f["chunks"], f["chars"]) for f in saved["files"]]
            files = [f for f in files if f.path.is_file()]
    total = sum(f.chunks for f in files)
    number = len(files)
    while total < target_chunks:
        scale = 1.0
        for attempt in range(4):
            name, text, wanted = file_text(sources, seed, number, attempt, scale)
            path = out_dir / name
            path.write_text(text, encoding="utf-8")
            chunks, chars = count_chunks(path, settings)
            if MIN_CHUNKS <= chunks <= MAX_CHUNKS:
                break
            # Short report sections make more chunks per character than law articles: redraw
            # the file with its length scaled towards the wanted count.
            path.unlink()
            scale *= wanted / max(chunks, 1)
        else:
            path.write_text(text, encoding="utf-8")
        files.append(CorpusFile(path, chunks, chars))
        total += chunks
        number += 1
    manifest = {"key": key, "files": [{"name": f.path.name, "chunks": f.chunks, "chars": f.chars} for f in files]}
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return prefix(files, target_chunks)


def prefix(files: Sequence[CorpusFile], target_chunks: int) -> list[CorpusFile]:
    """The first files that together hold at least ``target_chunks`` chunks."""
    out: list[CorpusFile] = []
    total = 0
    for f in files:
        if total >= target_chunks:
            break
        out.append(f)
        total += f.chunks
    return out
