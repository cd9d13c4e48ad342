"""A polite HTTP fetcher built on the standard library, plus mirror bookkeeping.

Archive servers are run by volunteers, so the fetcher identifies itself, asks
conditionally (ETag / Last-Modified) so unchanged files cost a 304 and no body,
keeps at most ``max_workers`` connections open, and backs off exponentially when
the server is struggling (5xx, 429, timeouts, resets, short bodies).  A download
goes to ``NAME.part`` and is renamed only when complete, so an interrupted run never
leaves a half file under the real name.  Every request is counted
(``requests_made``) and every body byte too (``bytes_received``) so that tests and
benchmarks can assert bandwidth.

The module also holds what both mirrors (Pipermail and HyperKitty) share: the
JSON state file with validators per URL (:class:`FetchState`), the report returned
to the CLI (:class:`MirrorReport`) and :func:`safe_join`, which keeps every written
path inside the mirror folder whatever a hostile page links to.
"""

from __future__ import annotations

import base64
import email.utils
import http.client
import json
import logging
import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from analyzer import __version__

log = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"analyzer/{__version__} (+mailing-list digest)"
DEFAULT_MAX_BYTES = 2 * 1024**3
CHUNK_SIZE = 64 * 1024
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
STATE_FILENAME = ".analyzer-fetch.json"
FetchStatus = Literal["downloaded", "not-modified", "failed"]
ProgressFn = Callable[[int, int, str], None]


# --------------------------------------------------------------------------- results


@dataclass(slots=True)
class FetchResult:
    """Outcome of one :meth:`Fetcher.fetch`; ``url`` never carries credentials.

    ``http_status`` lets callers tell "the file does not exist" (404) from "the
    server failed" (5xx after retries, network errors), which decide between a
    fallback and reporting the volume as missing.
    """

    url: str
    status: FetchStatus
    path: Path | None = None
    etag: str | None = None
    last_modified: str | None = None
    bytes: int = 0
    error: str | None = None
    http_status: int | None = None

    @property
    def ok(self) -> bool:
        """True when the file is on disk and current (downloaded or not modified)."""
        return self.status != "failed"


@dataclass(slots=True)
class HeadResult:
    """Headers of a HEAD request; ``status`` is None when no response was obtained."""

    url: str
    status: int | None
    content_length: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    accept_ranges: bool = False
    content_type: str | None = None
    content_encoding: str | None = None
    error: str | None = None

    @property
    def exists(self) -> bool:
        """True for a 2xx answer: the resource is there."""
        return self.status is not None and 200 <= self.status < 300


class _Retry(Exception):
    """A transient failure: try again after a pause."""

    def __init__(self, reason: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(reason)
        self.status = status
        self.retry_after = retry_after


class _Fail(Exception):
    """A permanent failure: retrying will not help (404, oversize, redirect loop)."""

    def __init__(self, reason: str, status: int | None = None):
        super().__init__(reason)
        self.status = status


@dataclass(slots=True)
class _Response:
    """The part of an HTTP response we use, whatever urllib wrapped it in."""

    status: int
    headers: Mapping[str, str]
    body: Any

    def read(self, size: int) -> bytes:
        """Read up to ``size`` body bytes, turning network errors into retries."""
        try:
            return self.body.read(size) if self.body is not None else b""
        except (OSError, http.client.HTTPException) as exc:
            raise _Retry(f"connection broke while reading: {exc!r}") from exc

    def close(self) -> None:
        """Release the connection (errors on close are irrelevant)."""
        if self.body is not None:
            with suppress(OSError, http.client.HTTPException):
                self.body.close()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Hand 3xx back to us: we follow redirects ourselves to count and bound them."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[override]
        return None


# --------------------------------------------------------------------------- helpers


def redact_url(url: str) -> str:
    """Drop ``user:password@`` from a URL so it can be logged or stored."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit(parts._replace(netloc=host))


def _split_credentials(url: str) -> tuple[str, str | None]:
    """Turn ``http://user:pw@host/x`` into a clean URL and a Basic auth header value."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    user = urllib.parse.unquote(parts.username)
    password = urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return redact_url(url), f"Basic {token}"


def _content_length(headers: Mapping[str, str]) -> int | None:
    """Content-Length as an int, or None when absent or garbled."""
    value = headers.get("Content-Length")
    if value is None or not value.strip().isdigit():
        return None
    return int(value.strip())


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds asked for by Retry-After (delta-seconds or an HTTP date)."""
    value = (headers.get("Retry-After") or "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    when = email.utils.parsedate_to_datetime(value) if "," in value else None
    return max(0.0, when.timestamp() - time.time()) if when else None


def _needs_decoding(url: str, headers: Mapping[str, str]) -> bool:
    """True for a gzip Content-Encoding that is a transfer wrapper, not the file itself.

    Servers configured with ``AddEncoding gzip .gz`` label ``.txt.gz`` files
    ``Content-Encoding: gzip``; decoding those would store plain text under a
    ``.gz`` name.  So a ``.gz`` URL or a gzip Content-Type keeps its bytes.
    """
    encoding = (headers.get("Content-Encoding") or "").strip().lower()
    if encoding not in {"gzip", "x-gzip"}:
        return False
    path = urllib.parse.urlsplit(url).path.lower()
    content_type = (headers.get("Content-Type") or "").lower()
    return not path.endswith((".gz", ".tgz")) and "gzip" not in content_type


class _GzipDecoder:
    """Incremental gzip decoding for ``Content-Encoding: gzip`` bodies (multi-member safe)."""

    def __init__(self) -> None:
        self._d = zlib.decompressobj(wbits=31)

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        """Yield decoded pieces of at most CHUNK_SIZE bytes so output stays bounded."""
        data = chunk
        while data:
            if self._d.eof:
                data, self._d = self._d.unused_data + data, zlib.decompressobj(wbits=31)
            try:
                out = self._d.decompress(data, CHUNK_SIZE)
            except zlib.error as exc:
                raise _Fail(f"bad gzip content-encoding: {exc}") from exc
            yield out
            data = self._d.unconsumed_tail or (self._d.unused_data if self._d.eof else b"")


# --------------------------------------------------------------------------- fetcher


class Fetcher:
    """Polite, bounded, retrying HTTP client; share one instance per run.

    ``backoff`` is the first pause between retries (doubled each time);
    ``max_bytes`` caps any single body (and its decoded form); ``max_workers``
    caps concurrent connections across all threads using this fetcher.
    """

    def __init__(
        self,
        user_agent: str = DEFAULT_USER_AGENT,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 0.5,
        max_workers: int = 2,
        max_bytes: int = DEFAULT_MAX_BYTES,
        *,
        max_redirects: int = 10,
        max_retry_after: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_workers = max(1, max_workers)
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.max_retry_after = max_retry_after
        self._sleep = sleep
        self._opener = urllib.request.build_opener(_NoRedirects)
        self._slots = threading.BoundedSemaphore(self.max_workers)
        self._lock = threading.Lock()
        self.requests_made = 0
        self.bytes_received = 0

    # ---- public API

    def fetch(
        self, url: str, dest: Path, *, validators: Mapping[str, str | None] | None = None
    ) -> FetchResult:
        """GET ``url`` into ``dest`` (conditionally when ``validators`` are given).

        ``validators`` holds ``etag`` and/or ``last_modified`` from an earlier
        result; a 304 leaves ``dest`` untouched and returns ``not-modified``.
        Failures never raise: they come back as ``status='failed'``.
        """
        shown = redact_url(url)
        dest = Path(dest)
        try:
            return self._with_retries(lambda: self._download(url, dest, validators))
        except _Fail as exc:
            log.info("fetch failed: %s: %s", shown, exc)  # callers decide if it matters
            return FetchResult(shown, "failed", None, error=str(exc), http_status=exc.status)

    def head(self, url: str) -> HeadResult:
        """HEAD ``url``: learn Content-Length, validators and range support cheaply."""
        try:
            return self._with_retries(lambda: self._head(url))
        except _Fail as exc:
            return HeadResult(redact_url(url), exc.status, error=str(exc))

    def fetch_tail(self, url: str, size: int) -> bytes | None:
        """Return the last ``size`` bytes via a Range request, or None if unsupported.

        Used to read a gzip trailer (ISIZE) without downloading the file.  A server
        that ignores Range answers 200; we then hang up without reading the body.
        """
        try:
            return self._with_retries(lambda: self._tail(url, size))
        except _Fail as exc:
            log.info("range request failed: %s: %s", redact_url(url), exc)
            return None

    # ---- one attempt of each operation

    def _download(
        self, url: str, dest: Path, validators: Mapping[str, str | None] | None
    ) -> FetchResult:
        """One GET attempt: 304 -> not-modified, 200 -> stream to disk."""
        shown = redact_url(url)
        resp = self._open("GET", url, self._conditional_headers(validators))
        with closing(resp):
            if resp.status == 304:
                v = validators or {}
                return FetchResult(
                    shown, "not-modified", dest, v.get("etag"), v.get("last_modified")
                )
            self._raise_for_status(resp)
            size = self._stream_to_file(resp, dest, _needs_decoding(url, resp.headers))
        return FetchResult(
            shown,
            "downloaded",
            dest,
            resp.headers.get("ETag"),
            resp.headers.get("Last-Modified"),
            size,
            http_status=resp.status,
        )

    def _head(self, url: str) -> HeadResult:
        """One HEAD attempt; any final status other than a retryable one is an answer."""
        resp = self._open("HEAD", url, {})
        with closing(resp):
            if resp.status in RETRY_STATUSES or resp.status >= 500:
                self._raise_for_status(resp)
            h = resp.headers
            return HeadResult(
                redact_url(url),
                resp.status,
                _content_length(h),
                h.get("ETag"),
                h.get("Last-Modified"),
                "bytes" in (h.get("Accept-Ranges") or "").lower(),
                h.get("Content-Type"),
                h.get("Content-Encoding"),
            )

    def _tail(self, url: str, size: int) -> bytes | None:
        """One Range attempt for the last ``size`` bytes."""
        resp = self._open("GET", url, {"Range": f"bytes=-{size}"})
        with closing(resp):
            if resp.status != 206:
                if resp.status in RETRY_STATUSES:
                    self._raise_for_status(resp)
                return None
            data = b""
            while len(data) <= CHUNK_SIZE and (chunk := resp.read(CHUNK_SIZE)):
                data += chunk
            self._count_bytes(len(data))
            return data[-size:] if len(data) >= size else None

    # ---- plumbing

    def _with_retries(self, attempt: Callable[[], Any]) -> Any:
        """Run ``attempt`` up to 1 + retries times, pausing between transient failures."""
        last: _Retry | None = None
        for n in range(self.retries + 1):
            if last is not None:
                self._sleep(self._pause(n - 1, last.retry_after))
            try:
                with self._slots:
                    return attempt()
            except _Retry as exc:
                log.info("retrying after: %s", exc)
                last = exc
        assert last is not None
        raise _Fail(f"gave up after {self.retries + 1} attempts: {last}", last.status)

    def _pause(self, attempt: int, retry_after: float | None) -> float:
        """Exponential backoff, stretched to a server's Retry-After (capped)."""
        pause = self.backoff * (2**attempt)
        if retry_after is not None:
            pause = max(pause, min(retry_after, self.max_retry_after))
        return pause

    def _conditional_headers(self, validators: Mapping[str, str | None] | None) -> dict[str, str]:
        """If-None-Match / If-Modified-Since from a previous download's validators."""
        headers: dict[str, str] = {}
        if validators and validators.get("etag"):
            headers["If-None-Match"] = str(validators["etag"])
        if validators and validators.get("last_modified"):
            headers["If-Modified-Since"] = str(validators["last_modified"])
        return headers

    def _open(self, method: str, url: str, headers: dict[str, str]) -> _Response:
        """Send a request, following at most ``max_redirects`` redirects, never a loop."""
        seen: set[str] = set()
        for _ in range(self.max_redirects + 1):
            seen.add(url)
            resp = self._request(method, url, headers)
            if resp.status not in REDIRECT_STATUSES:
                return resp
            resp.close()
            url = self._next_location(url, resp, seen)
        raise _Fail(f"more than {self.max_redirects} redirects", resp.status)

    def _next_location(self, url: str, resp: _Response, seen: set[str]) -> str:
        """Validate a redirect target: http(s) only, and not one we already visited."""
        location = resp.headers.get("Location")
        if not location:
            raise _Fail("redirect without a Location header", resp.status)
        target = urllib.parse.urljoin(url, location.strip())
        if urllib.parse.urlsplit(target).scheme not in {"http", "https"}:
            raise _Fail("redirect to a non-HTTP URL refused", resp.status)
        if target in seen:
            raise _Fail("redirect loop", resp.status)
        return target

    def _request(self, method: str, url: str, headers: dict[str, str]) -> _Response:
        """Send exactly one HTTP request (counted) and return its response."""
        clean, auth = _split_credentials(url)
        if urllib.parse.urlsplit(clean).scheme not in {"http", "https"}:
            raise _Fail("bad URL: only http and https are fetched")
        try:
            req = urllib.request.Request(clean, method=method)
        except ValueError as exc:
            raise _Fail(f"bad URL: {exc}") from exc
        req.add_header("User-Agent", self.user_agent)
        req.add_header("Accept-Encoding", "identity")
        for key, value in headers.items():
            req.add_header(key, value)
        if auth:
            req.add_header("Authorization", auth)
        self._count_request()
        try:
            raw = self._opener.open(req, timeout=self.timeout)
            return _Response(raw.status, raw.headers, raw)
        except urllib.error.HTTPError as exc:
            return _Response(exc.code, exc.headers, exc)
        except ValueError as exc:  # http.client.InvalidURL and friends
            raise _Fail(f"bad URL: {exc}") from exc
        except (OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(exc, urllib.error.URLError) and isinstance(reason, ValueError):
                raise _Fail(f"bad URL: {reason}") from exc
            raise _Retry(f"{method} failed: {reason!r}") from exc

    def _raise_for_status(self, resp: _Response) -> None:
        """Map a non-success status to a retry (5xx, 429, 408) or a permanent failure."""
        if 200 <= resp.status < 300:
            return
        if resp.status in RETRY_STATUSES or resp.status >= 500:
            raise _Retry(f"HTTP {resp.status}", resp.status, _retry_after(resp.headers))
        raise _Fail(f"HTTP {resp.status}", resp.status)

    def _stream_to_file(self, resp: _Response, dest: Path, decode: bool) -> int:
        """Copy the body to ``dest.part``, check it is complete, then rename atomically."""
        expected = _content_length(resp.headers)
        if expected is not None and expected > self.max_bytes:
            raise _Fail(f"too large: {expected} bytes > limit {self.max_bytes}")
        decoder = _GzipDecoder() if decode else None
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        try:
            received, written = self._copy_body(resp, part, decoder)
            if expected is not None and received != expected:
                raise _Retry(f"incomplete body: {received} of {expected} bytes")
            os.replace(part, dest)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return written

    def _copy_body(
        self, resp: _Response, part: Path, decoder: _GzipDecoder | None
    ) -> tuple[int, int]:
        """Write the (decoded) body to ``part``; return (wire bytes, written bytes)."""
        received = written = 0
        with open(part, "wb") as out:
            while chunk := resp.read(CHUNK_SIZE):
                received += len(chunk)
                self._count_bytes(len(chunk))
                for piece in decoder.feed(chunk) if decoder else (chunk,):
                    written += len(piece)
                    if max(received, written) > self.max_bytes:
                        raise _Fail(f"too large: more than {self.max_bytes} bytes")
                    out.write(piece)
            out.flush()
            os.fsync(out.fileno())
        return received, written

    def _count_request(self) -> None:
        with self._lock:
            self.requests_made += 1

    def _count_bytes(self, n: int) -> None:
        with self._lock:
            self.bytes_received += n


# --------------------------------------------------------------------------- mirror bookkeeping

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]*$")


def safe_name(name: str) -> bool:
    """True for a single harmless path component (no separators, no dot-dot, no NUL)."""
    return bool(_SAFE_NAME.fullmatch(name)) and ".." not in name


def safe_join(root: Path, rel: str) -> Path:
    """Join ``rel`` (slash-separated) under ``root``, refusing anything that escapes it.

    Every component must be a plain name; the resolved result is checked again
    to be inside ``root`` so symlinks in the mirror cannot redirect writes.
    """
    parts = rel.split("/")
    if not parts or not all(safe_name(p) for p in parts):
        raise ValueError(f"unsafe path: {rel!r}")
    base = Path(root).resolve()
    target = base.joinpath(*parts)
    if not target.resolve().is_relative_to(base):
        raise ValueError(f"path escapes the mirror: {rel!r}")
    return target


@dataclass
class MirrorReport:
    """What a mirror run did; the caller exits 1 when ``missing`` is not empty.

    ``root`` is the local folder holding the list (pass it to the ingest side),
    ``requests``/``bytes`` are this run's traffic.
    """

    list_name: str
    changed: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    requests: int = 0
    root: Path | None = None
    bytes: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every volume could be mirrored."""
        return not self.missing


class FetchState:
    """Validators (ETag, Last-Modified) per URL and notes per volume, kept between runs.

    Stored as ``mirror_dir/.analyzer-fetch.json`` and rewritten atomically, so
    a crash mid-run leaves the previous state intact.  Keys are URLs without
    credentials.  Thread-safe: mirrors update it from worker threads.
    """

    def __init__(self, path: Path, data: dict[str, Any] | None = None) -> None:
        self.path = path
        self._data: dict[str, Any] = data or {}
        self._data.setdefault("version", 1)
        self._data.setdefault("urls", {})
        self._data.setdefault("notes", {})
        self._lock = threading.RLock()

    @classmethod
    def load(cls, mirror_dir: Path) -> FetchState:
        """Read the state file; a missing or corrupt one starts afresh (full re-check)."""
        path = Path(mirror_dir) / STATE_FILENAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = None
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable fetch state %s: %s", path, exc)
            data = None
        return cls(path, data if isinstance(data, dict) else None)

    def validators(self, url: str) -> dict[str, str | None] | None:
        """ETag / Last-Modified recorded for ``url``, if any."""
        with self._lock:
            entry = self._data["urls"].get(redact_url(url))
            return dict(entry) if entry else None

    def record(self, result: FetchResult) -> None:
        """Remember the validators of a successful download."""
        if result.status != "downloaded":
            return
        entry = {"etag": result.etag, "last_modified": result.last_modified}
        with self._lock:
            if result.etag or result.last_modified:
                self._data["urls"][result.url] = entry
            else:
                self._data["urls"].pop(result.url, None)

    def forget(self, url: str) -> None:
        """Drop what we know about ``url`` (its local file was removed)."""
        with self._lock:
            self._data["urls"].pop(redact_url(url), None)

    def note(self, key: str) -> Any:
        """A free-form record (e.g. the decision taken for one volume)."""
        with self._lock:
            return self._data["notes"].get(key)

    def set_note(self, key: str, value: Any) -> None:
        """Store a free-form record; ``None`` deletes it."""
        with self._lock:
            if value is None:
                self._data["notes"].pop(key, None)
            else:
                self._data["notes"][key] = value

    def save(self) -> None:
        """Write the state atomically (temp file in the same folder, then rename)."""
        with self._lock:
            text = json.dumps(self._data, indent=1, sort_keys=True)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with open(tmp, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
