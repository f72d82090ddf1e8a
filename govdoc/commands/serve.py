"""``govdoc serve``: bring the index up to date with the data folder, then serve the web page and the API."""

from __future__ import annotations

import argparse
import errno
import socket
import sys
import time
from functools import partial
from typing import Any

from govdoc.settings import Settings, with_overrides


def register(subparsers: Any) -> None:
    """Add the serve subcommand."""
    p = subparsers.add_parser("serve", help="启动网页界面与 HTTP API（先按资料文件夹更新索引）")
    p.add_argument("--host", help="监听地址（默认取配置 ui.host，即 127.0.0.1）")
    p.add_argument("--port", type=int, help="端口（默认取配置 ui.port，即 7860）")
    p.add_argument("--no-index", action="store_true", help="启动前不检查、不更新索引")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Update the index, then serve until interrupted; returns the exit status."""
    from govdoc.accounts import LOCAL
    from govdoc.commands.ingest import print_progress
    from govdoc.indexing import empty_index_message
    from govdoc.service import GovdocService
    from govdoc.web.server import serve

    ui: dict[str, Any] = {}
    if args.host:
        ui["host"] = args.host
    if args.port:
        ui["port"] = args.port
    settings = with_overrides(settings, ui=ui) if ui else settings
    host, port = settings.ui.host, settings.ui.port
    problem = port_problem(host, port)
    if problem:
        print(f"错误：{problem}", file=sys.stderr)
        return 1
    service = GovdocService(settings)
    refusal = exposure_problem(host, service.access.open())
    if refusal:
        print(f"错误：{refusal}", file=sys.stderr)
        service.close()
        return 1
    try:
        recovered = service.recover()
        for path in recovered.quarantined:
            print(f"上次未完成导入的上传文件已隔离：{path}（未进入资料文件夹，可检查后删除）", file=sys.stderr)
        if recovered.crashed:
            print(f"上次导入 {recovered.crashed} 时进程中断：本次启动不再导入它，文件内容改变后会重新导入", file=sys.stderr)
        # Vectors fill in behind: a restart resumes the backlog, and files indexed below wait for it.
        service.start_vectors(on_error=lambda exc: print(f"向量化出错，稍后重试：{exc}", file=sys.stderr))
        if not args.no_index:
            print(f"检查索引：{settings.data_dir} …", file=sys.stderr)
            t0 = time.perf_counter()
            report = service.refresh(partial(print_progress, show_skipped=False), who=LOCAL)  # the operator
            for error in report.errors:
                print(f"未入库：{error['file']}：{error['reason']}", file=sys.stderr)
            print(
                f"索引就绪：新增 {report.added} 个文件，跳过 {report.skipped} 个未变化的文件，移除 {report.removed} 个，"
                f"共 {report.chunks} 个片段（{time.perf_counter() - t0:.1f} 秒）。",
                file=sys.stderr,
            )
        waiting = service.vector_status().waiting
        if waiting:
            print(f"{waiting} 个片段等待向量化，正在后台补齐；补齐前这些片段按关键词检索。", file=sys.stderr)
        elif service.index.chunk_count() == 0:
            print(f"注意：{empty_index_message(settings, service.index)}", file=sys.stderr)
        print("加载检索模型 …", file=sys.stderr)
        service.retrieve("预热")
        lan = lan_addresses() if settings.ui.host in WILDCARD_HOSTS else []
        print(start_line(settings, open_access=service.access.open(), lan=lan), file=sys.stderr)
        serve(service, settings)
    finally:
        service.close()
    return 0


def port_problem(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port``, or None when it can."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"端口 {port} 已被占用：请用 --port 换一个端口，或设置环境变量 GOVDOC_UI__PORT"
            return f"无法在 {host}:{port} 上监听：{exc.strerror or exc}"
    return None


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})
# private-range targets for finding which local address routes to the LAN; a UDP connect sends no packet
_ROUTE_PROBES = ("10.255.255.255", "172.31.255.255", "192.168.255.255")


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses that other computers on a private network can reach, found from the
    routing table without sending anything or asking DNS; empty when there is no such route."""
    found: list[str] = []
    for target in _ROUTE_PROBES:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect((target, 9))
                address = probe.getsockname()[0]
            except OSError:
                continue
        if address and not address.startswith(("127.", "0.")) and address not in found:
            found.append(address)
    return found


def exposure_problem(host: str, open_access: bool) -> str | None:
    """Why the server must not listen on ``host``: beyond loopback with no account and no key, anyone
    on the network could read, upload and delete. None when it may."""
    if host in LOOPBACK_HOSTS or not open_access:
        return None
    return (
        f"拒绝监听 {host}：还没有任何账号或访问密钥，局域网里的任何人都能读取、上传和删除资料。"
        "请先新建管理员账号（govdoc user add 管理员 --role admin），或设置 GOVDOC_API__KEYS，再放开监听地址。"
    )


def start_line(settings: Settings, *, open_access: bool, lan: list[str] | None = None) -> str:
    """The line printed once the server listens: its addresses (``lan``: this machine's addresses on the
    network, for a wildcard host), and who can reach it (never a key)."""
    host, port = settings.ui.host, settings.ui.port
    shown = "127.0.0.1" if host in WILDCARD_HOSTS else host
    base = f"http://{shown}:{port}"
    head = f"已启动：网页 {base}/ ，OpenAI 兼容接口 {base}/v1 ，接口文档 {base}/docs（按 Ctrl+C 退出）"
    if lan:
        head += "\n其他电脑请打开：" + " 或 ".join(f"http://{address}:{port}/" for address in lan)
    where = "仅本机" if host in LOOPBACK_HOSTS else f"能连到本机 {host} 的所有电脑"
    if open_access:
        return f"{head}\n访问：{where}可以访问，无需登录（还没有账号和密钥）。"
    return f"{head}\n访问：{where}可以连接，但每个网页和接口请求都要先登录或带 API 密钥。"


