"""Every route behind one login, tested from outside: a live `govdoc serve` on 0.0.0.0 with accounts.

Two schools share the server: 甲校 and 乙校 each have a knowledge base of their own; the bundled law
is in the shared base. Readers ask, editors also manage documents of their own base, and nobody
sees another school's titles, paths or passages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from index_checks import GOVDOC, child, free_port, govdoc_env, wait_listening
from index_checks import govdoc_ok as govdoc

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct-horse-42"
SCHOOL_B_FACT = "乙校游泳馆每周四下午向教职工开放，由工会负责登记"
SCHOOL_B_TITLE = "乙校游泳馆开放管理办法"
SCHOOL_B_QUESTION = "乙校游泳馆什么时候向教职工开放？"
SHARED_QUESTION = "教师享有哪些权利？"


@dataclass
class Site:
    base: str
    root: Path
    env: dict[str, str]

    def login(self, name: str, password: str = PASSWORD) -> httpx.Client:
        client = httpx.Client(base_url=self.base, timeout=60, headers={"Origin": self.base})
        reply = client.post("/login", data={"username": name, "password": password, "next": "/"})
        assert reply.status_code == 303, reply.text
        return client

    def audit(self) -> list[list[str]]:
        done = subprocess.run([*GOVDOC, "audit", "--csv", "--limit", "0"], env=self.env, cwd=self.root,
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return [line.split(",") for line in done.stdout.strip().splitlines()[1:]]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("schools")
    data = root / "data"
    data.mkdir()
    shutil.copy(ROOT / "data" / "教师法(2009-08-27).md", data)
    inbox_b = root / "乙校资料"
    inbox_b.mkdir()
    (inbox_b / "游泳馆.md").write_text(f"# {SCHOOL_B_TITLE}\n\n第一条 {SCHOOL_B_FACT}。\n", encoding="utf-8")
    port = free_port()
    env = govdoc_env(root / "index", GOVDOC_DATA_DIR=str(data), GOVDOC_UI__PORT=str(port), GOVDOC_UI__HOST="0.0.0.0")
    refused = subprocess.run([*GOVDOC, "serve"], env=env, cwd=root, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 1 and "拒绝监听 0.0.0.0" in refused.stderr  # no account yet
    for name, role in (("校长甲", "admin"), ("编辑甲", "editor"), ("读者甲", "reader"), ("编辑乙", "editor")):
        govdoc(["user", "add", name, "--role", role, "--password-stdin"], env, root, PASSWORD + "\n")
    for kb in ("甲校", "乙校"):
        govdoc(["kb", "add", kb], env, root)
    govdoc(["kb", "grant", "甲校", "编辑甲", "editor"], env, root)
    govdoc(["kb", "grant", "甲校", "读者甲", "reader"], env, root)
    govdoc(["kb", "grant", "乙校", "编辑乙", "editor"], env, root)
    govdoc(["ingest", "--kb", "乙校", str(inbox_b)], env, root)
    log = root / "serve.log"
    with child([*GOVDOC, "serve"], env, root, log) as process:
        base = f"http://127.0.0.1:{port}"
        wait_listening(base + "/login", process, log)
        assert "每个网页和接口请求都要先登录" in log.read_text(encoding="utf-8")
        yield Site(base, root, env)


def event(c: httpx.Client, elem_id: str, data: list[Any]) -> tuple[int, Any]:
    """Queue the page's event on ``elem_id`` and return (join status, output of the event or None)."""
    config = c.get("/config")
    if config.status_code != 200:
        return config.status_code, None
    ids = {comp.get("props", {}).get("elem_id"): comp["id"] for comp in config.json()["components"]}
    deps = config.json()["dependencies"]
    fn = next(i for i, d in enumerate(deps) if any(t[0] == ids[elem_id] for t in d["targets"]))
    session = f"s{time.monotonic_ns()}"
    joined = c.post("/gradio_api/queue/join", json={"data": data, "fn_index": fn, "session_hash": session,
                                                     "event_data": None, "trigger_id": ids[elem_id]})
    if joined.status_code != 200:
        return joined.status_code, None
    with c.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                message = json.loads(line[5:])
                if message.get("msg") == "process_completed":
                    return 200, message.get("output")
    return 200, None


def test_without_credentials_every_route_is_closed(site: Site) -> None:
    c = httpx.Client(base_url=site.base, timeout=30)
    page = c.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    for path in ("/config", "/gradio_api/info", "/docs", "/openapi.json", "/redoc", "/v1/models", "/api/documents", "/api/status",
                 "/api/versions", "/api/versions/diff?old=a&new=b",
                 "/gradio_api/file=/etc/passwd", "/gradio_api/queue/data?session_hash=x",
                 "/chat/export/x?fmt=docx", "/chat/testset"):
        assert c.get(path).status_code == 401, path
    for path, body in (("/gradio_api/queue/join", {"data": [], "fn_index": 0, "session_hash": "x"}),
                       ("/api/ask", {"question": SHARED_QUESTION}), ("/gradio_api/upload", None),
                       ("/api/versions/x", {"current": True})):
        assert c.post(path, json=body).status_code == 401, path
    assert c.delete("/api/documents/x").status_code == 401
    # Loopback is no exemption, and a wrong password is no login.
    wrong = c.post("/login", data={"username": "读者甲", "password": "nope-nope"}, headers={"Origin": site.base})
    assert wrong.status_code == 401 and "用户名或密码不正确" in wrong.text
    # The login page names its own (empty) icon: the browser asks for no /favicon.ico, which is closed too.
    assert '<link rel="icon" href="data:,">' in c.get("/login").text and c.get("/favicon.ico").status_code == 401


def test_a_reader_asks_but_sees_nothing_of_another_school(site: Site) -> None:
    c = site.login("读者甲")
    assert c.get("/config").status_code == 200
    shared = c.post("/api/ask", json={"question": SHARED_QUESTION}).json()
    assert not shared["refused"]
    other = c.post("/api/ask", json={"question": SCHOOL_B_QUESTION})
    assert other.status_code == 200 and other.json()["refused"]
    reply = other.json()
    # The refusal's reason may quote the reader's own words, and says the same whether or not another
    # school's files hold them; nothing else of the other school comes back.
    assert all(n.startswith("查到的相关内容里没有提到「") or "游泳馆" not in n for n in reply.get("notes", []))
    text = json.dumps({k: v for k, v in reply.items() if k != "notes"}, ensure_ascii=False)
    assert "游泳馆" not in text.replace(SCHOOL_B_QUESTION, "") and "乙校资料" not in text
    docs = c.get("/api/documents")
    listing = docs.text
    assert SCHOOL_B_TITLE not in listing and "乙校资料" not in listing and "游泳馆" not in listing
    assert c.post("/v1/chat/completions", json={"model": "govdoc", "messages": [{"role": "user", "content": SCHOOL_B_QUESTION}]}
                  ).json()["choices"][0]["message"]["content"].startswith("资料中未找到")
    # Asking only within 乙校 is asking within nothing they may read.
    assert c.post("/api/ask", json={"question": SCHOOL_B_QUESTION, "kbs": ["乙校"]}).json()["refused"]
    # Through the page's own queue: the document table holds the shared law, never 乙校's file.
    status, output = event(c, "gd-refresh", [])
    assert status == 200 and output is not None
    table = json.dumps(output, ensure_ascii=False)
    assert "教师法" in table and "游泳馆" not in table


def test_a_reader_cannot_upload_or_delete(site: Site) -> None:
    c = site.login("读者甲")
    refused = c.post("/api/documents", files={"file": ("通知.md", "# 通知\n\n第一条 读者上传的通知。\n".encode(), "text/markdown")})
    assert refused.status_code == 403 and "没有上传文档的权限" in refused.json()["error"]["message"]
    doc = next(d for d in c.get("/api/documents").json() if "教师法" in d["source"])
    deleted = c.delete(f"/api/documents/{doc['doc_id']}")
    assert deleted.status_code == 403 and "只能阅读" in deleted.json()["error"]["message"]
    status, output = event(c, "gd-delete-confirm", [doc["doc_id"], True])
    assert status == 200 and output is not None
    # Refused either by the page's own check of the choice, or by the permission check.
    assert "删除失败" in json.dumps(output, ensure_ascii=False) or output.get("error"), output
    assert any("教师法" in d["source"] for d in c.get("/api/documents").json())


def test_a_guesser_is_locked_out_of_one_name_not_the_whole_office(site: Site) -> None:
    guesser = httpx.Client(base_url=site.base, timeout=30, headers={"Origin": site.base})
    for n in range(10):
        wrong = guesser.post("/login", data={"username": "猜测者", "password": f"错{n}", "next": "/"})
        assert wrong.status_code == 401
    locked = guesser.post("/login", data={"username": "猜测者", "password": PASSWORD, "next": "/"})
    assert locked.status_code == 429 and "登录失败次数过多" in locked.text
    # Colleagues behind the same address (one office, one NAT) still sign in.
    assert site.login("读者甲").get("/api/documents").status_code == 200


def test_the_page_upload_route_is_only_for_those_who_may_add_files(site: Site) -> None:
    # gradio keeps whatever its upload route receives until restart: a reader must not fill the disk.
    files = {"files": ("大文件.md", b"# x\n" * 1000, "text/markdown")}
    refused = site.login("读者甲").post("/gradio_api/upload", files=files)
    assert refused.status_code == 403 and "没有上传文件的权限" in refused.json()["error"]
    taken = site.login("编辑甲").post("/gradio_api/upload", files=files)
    assert taken.status_code == 200, taken.text
    assert taken.json()[0].endswith("大文件.md")


def test_an_editor_manages_only_their_own_base(site: Site) -> None:
    editor = site.login("编辑甲")
    body = "# 甲校值班制度\n\n第一条 甲校周末值班由总务处安排，值班教师七点到岗。\n".encode()
    uploaded = editor.post("/api/documents", files={"file": ("甲校值班制度.md", body, "text/markdown")}, data={"kb": "甲校"})
    assert uploaded.status_code == 200, uploaded.text
    docs = editor.get("/api/documents").json()
    assert uploaded.json()["chunks"] == sum(d["chunks"] for d in docs)  # no count that betrays 乙校's file
    mine = next(d for d in docs if d["source"].endswith("甲校值班制度.md"))
    assert mine["kbs"] == ["甲校"]
    # The reader of 甲校 now finds it; the editor of 乙校 does not.
    assert not site.login("读者甲").post("/api/ask", json={"question": "甲校周末谁安排值班？"}).json()["refused"]
    assert site.login("编辑乙").post("/api/ask", json={"question": "甲校周末谁安排值班？"}).json()["refused"]
    # Not into a base they may not edit, not the shared law, not 乙校's file (which they cannot even see).
    into_b = editor.post("/api/documents", files={"file": ("x.md", "# 某\n\n第一条 某某。\n".encode(), "text/markdown")},
                         data={"kb": "乙校"})
    assert into_b.status_code == 404 and "乙校" not in into_b.text
    law = next(d for d in docs if "教师法" in d["source"])
    assert editor.delete(f"/api/documents/{law['doc_id']}").status_code == 403
    other = site.login("编辑乙").get("/api/documents").json()
    b_doc = next(d for d in other if d["title"] == SCHOOL_B_TITLE)
    assert editor.delete(f"/api/documents/{b_doc['doc_id']}").status_code == 404
    # Nor can the page's document view open it: nothing of it comes back.
    status, output = event(editor, "gd-doc-choice", [b_doc["doc_id"], None])
    shown = json.dumps(output, ensure_ascii=False)
    assert status == 200 and SCHOOL_B_TITLE not in shown and "游泳馆" not in shown and "乙校资料" not in shown
    assert "资料中没有这个文档" in shown, shown  # the same answer as for a document that does not exist
    gone = editor.delete(f"/api/documents/{mine['doc_id']}", params={"delete_file": "true"})
    assert gone.status_code == 200 and gone.json()["file_deleted"]


def test_cookie_writes_from_another_site_are_refused(site: Site) -> None:
    c = site.login("读者甲")
    forged = c.post("/api/ask", json={"question": SHARED_QUESTION}, headers={"Origin": "http://evil.example"})
    assert forged.status_code == 403 and "跨站" in forged.json()["error"]["message"]
    assert c.post("/api/ask", json={"question": SHARED_QUESTION}, headers={"Origin": "null"}).status_code == 403


def test_a_page_session_streams_only_to_the_user_who_opened_it(site: Site) -> None:
    """gradio hands an event's results to whoever asks with its session name; another signed-in
    user who learnt the name is refused (403), while the owner still gets the results."""
    owner, other = site.login("编辑乙"), site.login("读者甲")
    config = owner.get("/config").json()
    fn = next(i for i, d in enumerate(config["dependencies"]) if d.get("api_name") == "chat")
    dep = config["dependencies"][fn]
    session = f"乙的会话{time.monotonic_ns()}"
    event = {
        "data": [SCHOOL_B_QUESTION, *([None] * (len(dep["inputs"]) - 1))],
        "fn_index": fn,
        "session_hash": session,
        "event_data": None,
        "trigger_id": dep["targets"][0][0],
    }
    assert owner.post("/gradio_api/queue/join", json=event).status_code == 200
    stolen = other.get("/gradio_api/queue/data", params={"session_hash": session})
    assert stolen.status_code == 403 and "另一位用户" in stolen.json()["error"]
    assert SCHOOL_B_FACT not in stolen.text
    assert other.post("/gradio_api/queue/join", json=event).status_code == 403
    assert other.get(f"/gradio_api/heartbeat/{session}").status_code == 403
    with owner.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
        assert stream.status_code == 200
        messages = [json.loads(line[5:]) for line in stream.iter_lines() if line.startswith("data:")]
    assert any(m.get("msg") == "process_completed" for m in messages), messages


def test_personal_keys_and_logout(site: Site) -> None:
    created = govdoc(["key", "create", "读者甲", "--label", "脚本"], site.env, site.root)
    key = next(line for line in created.splitlines() if line.startswith("gd-"))
    bearer = {"Authorization": f"Bearer {key}"}
    assert httpx.get(site.base + "/api/documents", headers=bearer).status_code == 200
    key_id = next(line.split("\t")[0] for line in govdoc(["key", "list", "读者甲"], site.env, site.root).splitlines())
    govdoc(["key", "revoke", key_id], site.env, site.root)
    assert httpx.get(site.base + "/api/documents", headers=bearer).status_code == 401
    c = site.login("读者甲")
    assert c.get("/config").status_code == 200
    assert c.get("/logout").status_code == 303
    assert c.get("/config").status_code == 401


def test_each_action_is_in_the_audit_log_once(site: Site) -> None:
    marker = f"审计测试问题{time.monotonic_ns()}：教师享有哪些权利？"
    c = site.login("编辑甲")
    c.post("/api/ask", json={"question": marker})
    body = "# 甲校审计测试\n\n第一条 审计测试文件。\n".encode()
    c.post("/api/documents", files={"file": ("审计测试.md", body, "text/markdown")}, data={"kb": "甲校"})
    doc = next(d for d in c.get("/api/documents").json() if d["source"].endswith("审计测试.md"))
    c.delete(f"/api/documents/{doc['doc_id']}")
    rows = site.audit()
    asked = [r for r in rows if marker in r[3]]
    assert len(asked) == 1 and asked[0][1] == "编辑甲" and asked[0][2] == "提问"
    assert asked[0][0][:4].isdigit()  # a time stamp
    for action in ("上传", "删除"):
        hits = [r for r in rows if r[2] == action and r[3].endswith("审计测试.md")]
        assert len(hits) == 1 and hits[0][1] == "编辑甲", (action, hits)
    assert any(r[1] == "编辑甲" and r[2] == "登录" for r in rows)
    assert any(r[2] == "登录失败" for r in rows)


def test_session_owners_keep_the_first_user_and_forget_the_oldest() -> None:
    from govdoc.web.sessions import SessionOwners

    owners = SessionOwners(limit=2)
    assert owners.claim("a", "甲") and owners.claim("a", "甲")
    assert not owners.claim("a", "乙") and not owners.allowed("a", "乙")
    assert owners.allowed("unknown", "乙")  # nobody's yet: gradio answers it (not found)
    owners.claim("b", "乙")
    owners.claim("c", "丙")  # over the limit: "a", the oldest, is forgotten
    assert owners.allowed("a", "乙") and not owners.allowed("b", "甲")


def test_the_file_route_serves_a_file_only_to_whom_it_belongs(site: Site) -> None:
    """gradio serves any file of its folder to whoever names its path; here only the uploader, and once
    the file is in a base, that base's readers. Another school's editor who learnt the path gets the
    same refusal as for a path that does not exist, and cannot have the file read into a base of theirs."""
    editor, reader, stranger = site.login("编辑甲"), site.login("读者甲"), site.login("编辑乙")
    body = f"# 甲校食堂管理办法\n\n第一条 甲校食堂每日供应午餐，标准为{time.monotonic_ns()}元。\n".encode()
    uploaded = editor.post("/gradio_api/upload", files={"files": ("食堂管理办法.md", body, "text/markdown")})
    assert uploaded.status_code == 200, uploaded.text
    path = uploaded.json()[0]
    assert editor.get(f"/gradio_api/file={path}").content == body
    missing = path.rsplit("/", 1)[0] + "/没有这个文件.md"
    # The same answer outside gradio's folders: nothing tells an existing server file from a missing one.
    for c, asked in ((stranger, path), (reader, path), (stranger, missing), (stranger, "/etc/passwd"), (editor, "/etc/nope")):
        refused = c.get(f"/gradio_api/file={asked}")
        assert refused.status_code == 403, (asked, refused.status_code)
        assert refused.json()["error"] == "你没有查看这个文件的权限" and "甲校" not in refused.text
    assert stranger.head(f"/gradio_api/file={path}").status_code == 403
    assert stranger.get(f"/gradio_api/file/{path}").status_code == 403  # gradio's older spelling of the route
    assert stranger.get("/gradio_api/file=http://127.0.0.1:1/x.md").status_code == 403
    # Naming the path in an event of their own is refused too: it would read the file into 乙校.
    ref = {"path": path, "orig_name": "食堂管理办法.md", "meta": {"_type": "gradio.FileData"}}
    status, _ = event(stranger, "gd-upload-button", [[ref], ["乙校"], ""])
    assert status == 400
    assert all("食堂" not in d["title"] for d in stranger.get("/api/documents").json())
    # Once the uploader puts it into 甲校, 甲校's reader may open it; 乙校's editor still may not.
    status, output = event(editor, "gd-upload-button", [[ref], [], ""])  # their one base: 甲校
    assert status == 200 and "已入库" in json.dumps(output, ensure_ascii=False), output
    assert reader.get(f"/gradio_api/file={path}").content == body
    assert stranger.get(f"/gradio_api/file={path}").status_code == 403


def test_file_grants_are_per_user_and_bounded(tmp_path: Path) -> None:
    from govdoc.web.filegate import FileGrants, paths_in

    grants = FileGrants(limit=2)
    a, b, c = (str(tmp_path / n) for n in ("a.md", "b.md", "c.md"))
    grants.grant("甲", [a])
    assert grants.handed("甲", a) and grants.handed("甲", str(tmp_path / "x" / ".." / "a.md"))
    assert not grants.handed("乙", a)
    grants.grant("甲", [b, c])  # over the limit: the oldest is forgotten
    assert not grants.handed("甲", a) and grants.handed("甲", c)
    assert paths_in([a, b], listing=True) == [a, b] and paths_in([a, b]) == []  # lists only from the upload route
    assert paths_in({"output": {"data": [{"path": c, "url": "x"}, "文字"]}}) == [c]


def test_a_hand_made_event_is_refused_in_chinese(site: Site) -> None:
    """gradio checks a dropdown's value against the choices it was built with (the page fills them per user
    when it loads); an event sent without the page is refused in one Chinese sentence, not gradio's English."""
    editor = site.login("编辑甲")
    status, output = event(editor, "gd-upload-button", [[], ["甲校"], ""])
    assert status == 200 and output is not None
    assert output["error"] == "页面提交的内容无效（可能是页面已过期或选项已变化），请刷新页面后重试。", output
    status, output = event(editor, "gd-upload-button", [[], [], "不存在的用途"])
    assert status == 200 and output is not None and "Value" not in json.dumps(output), output
    assert output["error"].startswith("页面提交的内容无效")


def test_a_readers_refused_actions_are_in_the_audit_log(site: Site) -> None:
    """Refused uploads, deletions and re-indexing are recorded like a failed login: who, what, and why."""
    reader = site.login("读者甲")
    marker = f"读者的通知{time.monotonic_ns()}.md"
    assert reader.post("/api/documents", files={"file": (marker, "# 通知\n\n第一条 某。\n".encode(), "text/markdown")}
                       ).status_code == 403
    law = next(d for d in reader.get("/api/documents").json() if "教师法" in d["source"])
    assert reader.delete(f"/api/documents/{law['doc_id']}").status_code == 403
    assert reader.post("/gradio_api/upload", files={"files": ("x.md", b"# x\n", "text/markdown")}).status_code == 403
    status, output = event(reader, "gd-reindex", [])
    assert status == 200 and "只有管理员可以重新整理资料" in json.dumps(output, ensure_ascii=False), output
    rows = [r for r in site.audit() if r[1] == "读者甲"]
    uploads = [r for r in rows if r[2] == "上传被拒绝"]
    assert any(r[3] == marker and "没有上传文档的权限" in r[4] for r in uploads), uploads
    assert any(r[3] == "网页上传" for r in uploads), uploads
    assert any(r[2] == "删除被拒绝" and r[3].endswith("教师法(2009-08-27).md") and "只能阅读" in r[4] for r in rows), rows
    assert any(r[2] == "重新整理资料被拒绝" and "只有管理员" in r[4] for r in rows), rows


def test_the_login_page_says_a_password_was_changed_in_its_own_words(site: Site) -> None:
    from govdoc.api.auth import PASSWORD_CHANGED

    page = httpx.get(site.base + "/login", params={"changed": "<script>alert(1)</script>"}, timeout=30)
    assert page.status_code == 200
    assert PASSWORD_CHANGED in page.text and "<script>alert" not in page.text
    assert PASSWORD_CHANGED not in httpx.get(site.base + "/login", timeout=30).text
