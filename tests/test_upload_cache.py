"""The page's upload folder is bounded: a file over the limit is removed as it arrives, the folder as a
whole has a cap, and files not imported are pruned (gradio's own settings where it has them)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from index_checks import serving
from pydantic import SecretStr

from govdoc.service import GovdocService
from govdoc.settings import Settings
from govdoc.web.page import CACHE_PRUNE_S, mount_options

ROOT = Path(__file__).resolve().parent.parent
KEY = "k-upload-cache"
MB = 1024 * 1024


def _files(folder: Path) -> list[Path]:
    return [Path(root) / name for root, _, names in os.walk(folder) for name in names]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A live app (page and API) with a 1 MB upload limit and a 3 MB upload folder of its own."""
    tmp = tmp_path_factory.mktemp("cache")
    data = tmp / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "教师法(2009-08-27).md", data)
    cache = tmp / "gradio-cache"
    settings = Settings(
        data_dir=data,
        embedding={"mode": "hashing"},
        store={"index_dir": tmp / "index"},
        ui={"upload_max_mb": 1, "upload_cache_max_mb": 3},
        api={"keys": [SecretStr(KEY)]},
    )
    with _served(GovdocService(settings), cache) as url:
        yield url, cache


@contextmanager
def _served(service: GovdocService, cache: Path) -> Iterator[str]:
    """``service``'s page and API, live, with gradio's uploads kept in ``cache``; the service closed after."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("GRADIO_TEMP_DIR", str(cache))  # where gradio keeps uploads (its documented setting)
        from govdoc.web.server import create_app

        app = create_app(service, service.settings)
    try:
        with serving(app) as url:
            yield url
    finally:
        service.close()


def _upload(url: str, *files: tuple[str, bytes]) -> httpx.Response:
    parts = [("files", (name, body, "text/markdown")) for name, body in files]
    return httpx.post(f"{url}/gradio_api/upload", files=parts, headers={"Authorization": f"Bearer {KEY}"}, timeout=60)


def test_files_over_the_limit_are_removed_at_once_and_the_folder_has_a_cap(site: tuple[str, Path]) -> None:
    url, cache = site
    # A file over the 1 MB limit, sent by hand past the browser's own check: refused in Chinese, not kept.
    over = _upload(url, ("大文件.md", b"# x\n" + b"a" * (MB + 10)))
    assert over.status_code == 413 and "文件过大" in over.text and "1 MB" in over.text, over.text
    assert _files(cache) == []
    # Eight files in one request (gradio takes up to 1,000), each under the limit: together over the
    # folder's cap, so none is taken.
    many = _upload(url, *[(f"{n}.md", b"b" * (MB // 2)) for n in range(8)])
    assert many.status_code == 507 and "上传暂存空间已满" in many.json()["error"], many.text
    assert _files(cache) == []
    # Files under the limit fill the folder up to its cap, then the next is refused until room is made.
    kept = [_upload(url, (f"第{n}份.md", bytes([65 + n]) * (MB * 9 // 10))) for n in range(3)]
    assert [r.status_code for r in kept] == [200, 200, 200]
    full = _upload(url, ("再一份.md", b"z" * (MB // 2)))
    assert full.status_code == 507 and "3 MB" in full.json()["error"]
    held = sum(p.stat().st_size for p in _files(cache))
    assert held == 3 * (MB * 9 // 10)  # the three kept files, nothing of the refused ones
    for path in _files(cache):  # an import (or gradio's pruning) empties the folder: room again
        path.unlink()
    assert _upload(url, ("再一份.md", b"z" * (MB // 2))).status_code == 200


@pytest.fixture(scope="module")
def school_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """A live app with accounts, a 1 MB upload limit and a 3 MB folder: two editors and an administrator,
    each with a personal key."""
    tmp = tmp_path_factory.mktemp("shares")
    settings = Settings(
        data_dir=tmp / "data",
        embedding={"mode": "hashing"},
        store={"index_dir": tmp / "index"},
        ui={"upload_max_mb": 1, "upload_cache_max_mb": 3},
    )
    service = GovdocService(settings)
    keys: dict[str, str] = {}
    for name, role in (("编辑甲", "editor"), ("编辑乙", "editor"), ("校长", "admin")):
        service.accounts.add_user(name, "long-enough-1", role)
        if role == "editor":
            service.kbs.create(name[-1] + "校")
            service.kbs.grant(name[-1] + "校", name, "editor")
        keys[name] = service.accounts.create_key(name)[1]
    with _served(service, tmp / "gradio-cache") as url:
        yield url, keys


def test_one_editor_fills_only_their_share_of_the_folder(school_site: tuple[str, dict[str, str]]) -> None:
    # One editor's uploads not yet imported stop at half the folder: the other editor and the
    # administrator can still upload.
    url, keys = school_site

    def upload(user: str, name: str) -> httpx.Response:
        parts = [("files", (name, b"c" * (MB * 9 // 10), "text/markdown"))]
        return httpx.post(f"{url}/gradio_api/upload", files=parts, headers={"Authorization": f"Bearer {keys[user]}"}, timeout=60)

    assert upload("编辑甲", "第一份.md").status_code == 200
    second = upload("编辑甲", "第二份.md")
    assert second.status_code == 507 and "每人可用的暂存空间（1.5 MB）" in second.json()["error"], second.text
    assert upload("编辑乙", "乙校的.md").status_code == 200
    assert upload("校长", "校长的.md").status_code == 200  # an administrator has no share of their own
    full = upload("编辑乙", "乙校第二份.md")
    assert full.status_code == 507 and "服务器的上传暂存空间已满" in full.json()["error"]


def test_the_page_refuses_large_files_in_the_browser_and_prunes_within_an_hour() -> None:
    settings = Settings(ui={"upload_max_mb": 20})
    assert mount_options(settings)["max_file_size"] == 20 * MB  # gradio's own check, in the browser and server
    frequency, age = CACHE_PRUNE_S
    assert frequency <= 600 and age <= 3600  # gradio's delete_cache: files not imported are gone within the hour
