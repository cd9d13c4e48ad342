"""A loopback HTTP server for fetch tests: real sockets, no network beyond 127.0.0.1.

It serves folders at URL prefixes (or dynamic routes), answers HEAD, conditional
GET (ETag / Last-Modified -> 304) and Range requests like a static web server, logs
every request with the body bytes it sent (so tests can assert bandwidth), and can
inject the faults real archive servers show: fixed error statuses, N failures then
success, slow answers (client timeouts), connections reset mid-body, a
Content-Length larger than the body, truncated files, redirects (loops), gzip
files sent with ``Content-Encoding: gzip`` and gzip files served decompressed.

Usage::

    with LoopbackServer() as server:
        base = server.mount("/pipermail/chapter-leaders/", folder)
        server.inject("*/2025-November.txt", "status", code=500, times=2)
        ...
        assert server.count(method="GET") == 3
"""

from __future__ import annotations

import email.utils
import fnmatch
import gzip
import json
import socket
import struct
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FAULT_KINDS = frozenset(
    {"status", "slow", "reset", "bad-length", "truncate", "redirect", "gzip-encoding", "gunzip"}
)


@dataclass
class Reply:
    """What a dynamic route answers; ``send_length=False`` streams until close."""

    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True


@dataclass
class Fault:
    """An injected misbehaviour for paths matching a glob, ``times`` times (None: always)."""

    pattern: str
    kind: str
    times: int | None
    params: dict[str, Any]

    def take(self) -> bool:
        """Consume one use; False when this fault is exhausted."""
        if self.times is None:
            return True
        if self.times <= 0:
            return False
        self.times -= 1
        return True


@dataclass
class RequestRecord:
    """One request as the server saw it."""

    method: str
    path: str
    status: int
    body_bytes: int
    headers: dict[str, str]


Route = Callable[[str, str, dict[str, list[str]], dict[str, str]], Reply]


class LoopbackServer:
    """Threaded HTTP server on 127.0.0.1 with mounts, routes, faults and a request log."""

    def __init__(self, *, ranges: bool = True) -> None:
        self.ranges = ranges
        self.mounts: list[tuple[str, Path]] = []
        self.routes: list[tuple[str, Route]] = []
        self.faults: list[Fault] = []
        self.log: list[RequestRecord] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- lifecycle

    def start(self) -> LoopbackServer:
        """Bind an ephemeral port and serve in a daemon thread."""
        handler = type("Handler", (_Handler,), {"owner": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- configuration

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``."""
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str = "/") -> str:
        """Absolute URL of ``path`` on this server."""
        return self.origin + path

    def mount(self, prefix: str, folder: Path) -> str:
        """Serve ``folder`` at ``prefix`` (ending in '/'); returns the prefix URL."""
        assert prefix.startswith("/") and prefix.endswith("/")
        self.mounts.append((prefix, Path(folder)))
        self.mounts.sort(key=lambda m: -len(m[0]))
        return self.url(prefix)

    def route(self, prefix: str, handler: Route) -> None:
        """Answer paths starting with ``prefix`` by ``handler(method, path, query, headers)``."""
        self.routes.append((prefix, handler))
        self.routes.sort(key=lambda r: -len(r[0]))

    def inject(self, pattern: str, kind: str, *, times: int | None = None, **params: Any) -> Fault:
        """Make requests whose path matches ``pattern`` (fnmatch) misbehave.

        kinds: ``status`` (code=, retry_after=), ``slow`` (delay=), ``reset``
        (after= bytes), ``bad-length`` (extra=), ``truncate`` (keep=), ``redirect``
        (to=), ``gzip-encoding``, ``gunzip``.
        """
        assert kind in FAULT_KINDS, kind
        fault = Fault(pattern, kind, times, params)
        with self.lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        """Remove every injected fault (the server behaves again)."""
        with self.lock:
            self.faults.clear()

    # ---- observation

    def reset_log(self) -> None:
        """Forget the requests seen so far."""
        with self.lock:
            self.log.clear()

    def requests(
        self, *, method: str | None = None, path: str | None = None
    ) -> list[RequestRecord]:
        """Logged requests filtered by method and a path glob."""
        with self.lock:
            records = list(self.log)
        return [
            r
            for r in records
            if (method is None or r.method == method)
            and (path is None or fnmatch.fnmatchcase(r.path, path))
        ]

    def count(self, *, method: str | None = None, path: str | None = None) -> int:
        """Number of logged requests matching the filters."""
        return len(self.requests(method=method, path=path))

    @property
    def bytes_sent(self) -> int:
        """Body bytes sent over all logged requests."""
        with self.lock:
            return sum(r.body_bytes for r in self.log)

    # ---- internals used by the handler

    def _fault_for(self, path: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fnmatch.fnmatchcase(path, fault.pattern) and fault.take():
                    return fault
        return None

    def _record(self, record: RequestRecord) -> None:
        with self.lock:
            self.log.append(record)


def _etag(stat: Any) -> str:
    return f'"{stat.st_size:x}-{stat.st_mtime_ns:x}"'


def _not_modified(headers: Any, etag: str, mtime: float) -> bool:
    """RFC 9110 precedence: If-None-Match wins over If-Modified-Since."""
    inm = headers.get("If-None-Match")
    if inm is not None:
        return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = headers.get("If-Modified-Since")
    if ims:
        try:
            when = email.utils.parsedate_to_datetime(ims).timestamp()
        except (TypeError, ValueError):
            return False
        return int(mtime) <= when
    return False


def _parse_range(value: str | None, size: int) -> tuple[int, int] | None:
    """(start, end inclusive) for a single ``bytes=`` range, else None (serve all)."""
    if not value or not value.startswith("bytes=") or "," in value:
        return None
    first, _, last = value[6:].strip().partition("-")
    if not first and last.isdigit():
        n = min(int(last), size)
        return (size - n, size - 1) if n else None
    if first.isdigit():
        end = int(last) if last.isdigit() else size - 1
        start = int(first)
        return (start, min(end, size - 1)) if start < size else None
    return None


class _Handler(BaseHTTPRequestHandler):
    """Serves one request for :class:`LoopbackServer` (``owner`` set per server)."""

    owner: LoopbackServer
    protocol_version = "HTTP/1.0"
    server_version = "LoopbackServer/1"

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr log; the owner keeps a structured one."""

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    # ---- dispatch

    def _serve(self, *, head: bool) -> None:
        split = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(split.path)
        fault = self.owner._fault_for(path)
        if fault is not None and fault.kind == "slow":
            time.sleep(float(fault.params.get("delay", 1.0)))
        if fault is not None and fault.kind in {"status", "redirect"}:
            reply = self._fault_reply(fault)
        else:
            reply = self._content(path, split.query)
        reply = self._transform(reply, fault)
        self._send(reply, head=head, fault=fault)

    def _fault_reply(self, fault: Fault) -> Reply:
        if fault.kind == "redirect":
            return Reply(302, b"moved\n", {"Location": fault.params["to"]})
        code = int(fault.params.get("code", 500))
        headers = {"Content-Type": "text/plain"}
        if "retry_after" in fault.params:
            headers["Retry-After"] = str(fault.params["retry_after"])
        return Reply(code, f"injected {code}\n".encode(), headers)

    def _content(self, path: str, query: str) -> Reply:
        for prefix, handler in self.owner.routes:
            if path.startswith(prefix):
                headers = {k: v for k, v in self.headers.items()}
                return handler(self.command, path, urllib.parse.parse_qs(query), headers)
        file = self._file_for(path)
        if file is None:
            return Reply(404, b"not found\n", {"Content-Type": "text/plain"})
        return self._file_reply(file)

    def _file_for(self, path: str) -> Path | None:
        for prefix, folder in self.owner.mounts:
            if path.startswith(prefix) or path + "/" == prefix:
                root = folder.resolve()
                target = (root / path[len(prefix) :]).resolve()
                if not target.is_relative_to(root):
                    return None
                if target.is_dir():
                    target = target / "index.html"
                return target if target.is_file() else None
        return None

    def _file_reply(self, file: Path) -> Reply:
        stat = file.stat()
        etag = _etag(stat)
        headers = {
            "ETag": etag,
            "Last-Modified": email.utils.formatdate(stat.st_mtime, usegmt=True),
            "Content-Type": _content_type(file.name),
        }
        if self.owner.ranges:
            headers["Accept-Ranges"] = "bytes"
        if _not_modified(self.headers, etag, stat.st_mtime):
            return Reply(304, b"", headers)
        body = file.read_bytes()
        span = _parse_range(self.headers.get("Range"), len(body)) if self.owner.ranges else None
        if span is not None:
            start, end = span
            headers["Content-Range"] = f"bytes {start}-{end}/{len(body)}"
            return Reply(206, body[start : end + 1], headers)
        return Reply(200, body, headers)

    def _transform(self, reply: Reply, fault: Fault | None) -> Reply:
        """Body-changing faults that still answer 'normally'."""
        if fault is None or reply.status != 200:
            return reply
        if fault.kind == "truncate":
            keep = int(fault.params.get("keep", len(reply.body) // 2))
            reply.body = reply.body[:keep]
        elif fault.kind == "gunzip":
            reply.body = gzip.decompress(reply.body)
        elif fault.kind == "gzip-encoding":
            reply.headers["Content-Encoding"] = "gzip"
        return reply

    # ---- output

    def _send(self, reply: Reply, *, head: bool, fault: Fault | None) -> None:
        """Write the response; the request is logged *before* the last byte goes out.

        A client may return as soon as it has the body, so logging afterwards
        would race with the test's assertions.
        """
        body = b"" if reply.status == 304 or head else reply.body
        body_fault = fault if reply.status == 200 else None
        length = len(reply.body) if reply.status != 304 else 0
        if body_fault is not None and body_fault.kind == "bad-length":
            length += int(body_fault.params.get("extra", 100))
        cut = len(body)
        if body_fault is not None and body_fault.kind == "reset":
            cut = min(cut, int(body_fault.params.get("after", len(body) // 2)))
        record = RequestRecord(self.command, self.path, reply.status, cut, dict(self.headers))
        self.owner._record(record)
        try:
            self.send_response(reply.status)
            for key, value in reply.headers.items():
                self.send_header(key, value)
            if reply.send_length and reply.status != 304:
                self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(body[:cut])
            if cut < len(body):
                self.wfile.flush()
                self._reset_connection()
        except OSError as exc:  # the client hung up (e.g. after its timeout)
            self.owner.errors.append(repr(exc))
            with self.owner.lock:
                record.body_bytes = 0

    def _reset_connection(self) -> None:
        """Abort with a TCP RST, like a crashed server or a dropped connection."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


def _content_type(name: str) -> str:
    if name.endswith(".gz"):
        return "application/x-gzip"
    if name.endswith((".html", ".htm")):
        return "text/html"
    if name.endswith(".json"):
        return "application/json"
    return "text/plain"


HK_LIST = "chapter-leaders@lists.example.org"


class HyperkittySite:
    """Serves the real HyperKitty 1.3.12 exports at the URLs HyperKitty uses."""

    def __init__(self, exports: Path, created_at: str | None = "2025-10-06T14:05:31Z"):
        self.exports = exports
        self.created_at = created_at
        self.login_page = False

    def export(self, method, path, query, headers) -> Reply:
        if self.login_page:
            return Reply(200, b"<html><form><input name=password></form></html>")
        start, end = query.get("start", [""])[0], query.get("end", [""])[0]
        try:
            first, last = date.fromisoformat(start), date.fromisoformat(end)
        except ValueError:
            return Reply(400, b"bad date")
        name = f"chapter-leaders-{first:%Y-%m}.mbox.gz"
        whole_month = first.day == 1 and last == date(
            first.year + first.month // 12, first.month % 12 + 1, 1
        )
        file = self.exports / name
        body = file.read_bytes() if whole_month and file.is_file() else gzip.compress(b"")
        headers = {"Content-Type": "application/gzip",
                   "Content-Disposition": f"attachment; filename={name}"}  # fmt: skip
        return Reply(200, body, headers, send_length=False)

    def api(self, method, path, query, headers) -> Reply:
        if self.created_at is None:
            return Reply(404, b"not found")
        data = {"name": "chapter-leaders", "created_at": self.created_at}
        return Reply(200, json.dumps(data).encode(), {"Content-Type": "application/json"})

    def install(self, server: LoopbackServer) -> str:
        server.route(f"/hyperkitty/list/{HK_LIST}/export/", self.export)
        server.route(f"/hyperkitty/api/list/{HK_LIST}/", self.api)
        return server.url(f"/hyperkitty/list/{HK_LIST}/")
