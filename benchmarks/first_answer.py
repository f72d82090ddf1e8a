"""Time to the first cited answer on a new folder of bench laws, while vectors are still computing.

Method, from outside, as a user would run it:
1. The first N laws (sorted by path, ``_index.md`` pages left out) of ``../shared/bench/laws-cn.tar.xz``
   are extracted to a temporary folder (never into the repo), and a fresh index is made for them.
2. ``govdoc ingest FOLDER`` runs (phase one: every file searchable by keyword); the clock starts
   when it is started.
3. ``govdoc serve --no-index`` starts, and embeds the waiting chunks in the background.
4. At once, ``govdoc ask --batch`` asks about the last files of the folder (a question per file,
   built from its title by one general pattern); an answer counts when one of its citations names
   that file. Time to first cited answer = from the start of step 2 to those answers.
5. ``govdoc status --json`` is polled while vectors are computed, for up to ``--vector-budget``
   seconds; the vector-complete time is measured when it finishes within the budget, else the
   measured chunk rate gives an extrapolation, labelled as such.

Every govdoc child imports this checkout's code (``PYTHONPATH``) and uses the configured embedder
(the bundled model by default). Usage::

    python -m benchmarks.first_answer --files 300 --last 3 --vector-budget 120
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAWS_ARCHIVE = ROOT.parent / "shared" / "bench" / "laws-cn.tar.xz"
GOVDOC = [sys.executable, "-m", "govdoc.cli"]
_TITLE_NOISE = re.compile(r"[（(][^）)]*[）)]")


def extract_laws(archive: Path, count: int, into: Path) -> list[Path]:
    """The first ``count`` laws of the archive (sorted by path), written under ``into``."""
    with tarfile.open(archive) as tar:
        members = sorted(
            (m for m in tar.getmembers() if m.isfile() and m.name.endswith(".md") and not m.name.endswith("_index.md")),
            key=lambda m: m.name,
        )[1 : count + 1]  # the first entry is the archive's template, not a law
        paths = []
        for number, member in enumerate(members):
            data = tar.extractfile(member)
            assert data is not None
            # A number in front keeps the archive's order as the folder's order.
            path = into / f"{number:04d}-{Path(member.name).name}"
            path.write_bytes(data.read())
            paths.append(path)
    return paths


def question_for(path: Path) -> str:
    """A question about one law, from its file name only: what its purpose is (its first article)."""
    title = _TITLE_NOISE.sub("", path.stem.split("-", 1)[1]).strip()
    return f"《{title}》的立法目的是什么？"


def _env(index_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVDOC_") or k == "GOVDOC_EMBEDDING__MODE"}
    env.update(
        PYTHONPATH=str(ROOT),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        GRADIO_ANALYTICS_ENABLED="False",
        GOVDOC_STORE__INDEX_DIR=str(index_dir),
    )
    return env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status(env: dict[str, str], cwd: Path) -> dict[str, int]:
    done = subprocess.run([*GOVDOC, "status", "--json"], env=env, cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def run(files: int, last: int, vector_budget: float, work: Path) -> dict[str, object]:
    """Measure once; returns the figures as a dict (also printed by `main`)."""
    folder = work / "laws"
    folder.mkdir()
    paths = extract_laws(LAWS_ARCHIVE, files, folder)
    env = _env(work / "index")
    targets = paths[-last:]
    batch = work / "questions.jsonl"
    batch.write_text(
        "".join(json.dumps({"id": p.name, "question": question_for(p)}, ensure_ascii=False) + "\n" for p in targets),
        encoding="utf-8",
    )
    result: dict[str, object] = {"files": len(paths), "characters": sum(len(p.read_text(encoding="utf-8")) for p in paths)}
    start = time.monotonic()
    ingest = subprocess.run([*GOVDOC, "ingest", "--json", str(folder)], env=env, cwd=work, capture_output=True, text=True)
    phase_one = time.monotonic() - start
    report = json.loads(ingest.stdout)
    result.update(phase_one_s=round(phase_one, 1), chunks=report["chunks"], waiting_after_phase_one=report["waiting"])
    result["ingest_errors"] = len(report["errors"])
    log = (work / "serve.log").open("wb")
    serve = subprocess.Popen(
        [*GOVDOC, "serve", "--no-index", "--port", str(_free_port())], env=env, cwd=work, stdout=log, stderr=log
    )
    try:
        asked = subprocess.run(
            [*GOVDOC, "ask", "--batch", str(batch)], env=env, cwd=work, capture_output=True, text=True
        )
        answered_at = time.monotonic() - start
        cited = []
        for line in asked.stdout.splitlines():
            row = json.loads(line)
            sources = {Path(c["source"]).name for c in row.get("citations", [])}
            cited.append({"file": row["id"], "question": row["question"], "cited": row["id"] in sources})
        waiting = _status(env, work)["waiting"]
        result.update(first_answers_s=round(answered_at, 1), answers=cited, waiting_when_answered=waiting)
        # Vectors: poll until done or out of budget.
        poll_start, poll_waiting = time.monotonic(), waiting
        complete_s = None
        while time.monotonic() - poll_start < vector_budget:
            time.sleep(5)
            waiting = _status(env, work)["waiting"]
            if waiting == 0:
                complete_s = time.monotonic() - start
                break
        elapsed = time.monotonic() - poll_start
        rate = (poll_waiting - waiting) / elapsed if elapsed > 0 else 0.0
        result["vector_rate_chunks_per_s"] = round(rate, 2)
        if complete_s is not None:
            result["vector_complete_s"] = round(complete_s, 1)
        else:
            result["waiting_at_end"] = waiting
            if rate > 0:
                result["vector_complete_s_extrapolated"] = round(time.monotonic() - start + waiting / rate, 0)
    finally:
        serve.terminate()
        serve.wait(30)
        log.close()
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line: print the figures as one JSON object."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300, help="laws to ingest")
    parser.add_argument("--last", type=int, default=3, help="ask about this many files at the end of the folder")
    parser.add_argument("--vector-budget", type=float, default=120, help="seconds to watch vectors after the answers")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="govdoc-first-answer-"))
    try:
        result = run(args.files, args.last, args.vector_budget, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
