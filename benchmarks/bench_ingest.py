#!/usr/bin/env python3
"""Ingest benchmarks: our pipeline against bare stdlib parsing and against perceval.

Run ``make bench`` (or ``python benchmarks/bench_ingest.py``); ``--quick`` uses small
sizes so the script itself can be smoke-tested.  Corpora:

* the real twisted-python Pipermail sample (its ``.txt.gz`` volumes), read in place
  from the shared folder (``--twisted``; skipped when absent);
* generated Pipermail mirrors (``generate_corpus.py``) of ``--messages`` and
  ``--loopback-messages`` messages, cached in ``benchmarks/.data/`` (git-ignored).

Phases, each in its own spawned child process so that peak RSS figures don't mix:

* ``baseline``: stdlib only: split the decompressed volumes on separator lines with a
  plain loop, ``BytesParser(policy=compat32).parsebytes`` each record;
* ``parse-only``: our ``iter_records`` + ``parse_record`` over the same bytes, no store;
* ``ingest``: ``ingest_paths`` into a fresh SQLite store (parse, dedupe, insert, thread);
* ``loopback``: a local ``ThreadingHTTPServer`` on 127.0.0.1 serves the mirror, then
  ``mirror_pipermail`` + ``ingest_paths`` race perceval's Pipermail backend.

Results are printed as Markdown and written to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import gzip
import hashlib
import io
import json
import logging
import multiprocessing
import os
import platform
import pstats
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import compat32
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = HERE / ".data"
# Scratch space of one run (stores, mirrors, the code snapshot); per process, so that two
# runs at once don't delete each other's files.  Children inherit it from the parent.
WORK = Path(os.environ.setdefault("BENCH_INGEST_WORK", str(DATA / f"work-{os.getpid()}")))
RESULTS = HERE / "RESULTS.md"
DEFAULT_TWISTED = REPO.parent / "shared/corpora/other/twisted-pipermail/twisted-python"
URL_PREFIX = "/pipermail/"
SEPARATOR = re.compile(
    rb"^From \S+(?: at \S+)?  (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}$"
)
TARGET_INGEST_RATIO = 0.5
TARGET_LOOPBACK_SPEEDUP = 10.0


# --------------------------------------------------------------------------- child phases
# Each phase runs in a fresh interpreter and returns plain data plus its own peak RSS.


def _rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _start() -> tuple[float, float, float]:
    """(RSS so far, wall clock, CPU clock) at the start of the measured work."""
    return _rss_mb(), time.perf_counter(), time.process_time()


def _finish(result: dict, start: tuple[float, float, float]) -> dict:
    """Add wall time, CPU time and memory figures to a phase result.

    CPU time is this process's user + system time: on a shared machine it is the
    steadier figure, since the wall clock also counts time waiting for a core.
    """
    rss_before, wall, cpu = start
    result["seconds"] = time.perf_counter() - wall
    result["cpu_seconds"] = time.process_time() - cpu
    result["rss_before_mb"] = rss_before
    result["rss_mb"] = _rss_mb()
    return result


def _open_any(path: str) -> io.BufferedIOBase:
    """A ``.txt`` or ``.txt.gz`` volume as a binary stream (gzip told by magic bytes)."""
    with open(path, "rb") as fh:
        magic = fh.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def phase_baseline(volumes: list[str]) -> dict:
    """Stdlib only: split on separator lines, parse each record with compat32."""
    start = _start()
    parser = BytesParser(policy=compat32)
    messages = 0
    for path in volumes:
        with _open_any(path) as stream:
            for record in _split_records(stream):
                parser.parsebytes(record)
                messages += 1
    return _finish({"messages": messages}, start)


def _split_records(stream: io.BufferedIOBase) -> Iterator[bytes]:
    """Records of a volume: everything between two separator lines (plain loop)."""
    lines: list[bytes] = []
    for line in stream:
        if line.startswith(b"From ") and SEPARATOR.match(line.rstrip(b"\r\n")):
            if lines:
                yield b"".join(lines)
            lines = []
        else:
            lines.append(line)
    if lines:
        yield b"".join(lines)


def phase_parse(volumes: list[str]) -> dict:
    """Ours without the store: ``iter_records`` + ``parse_record`` on the same volumes."""
    from analyzer.errors import MalformedMessage
    from analyzer.ingest.mbox import iter_records
    from analyzer.ingest.message import parse_record
    from analyzer.ingest.pipermail import open_volume

    start = _start()
    messages = malformed = 0
    for path in volumes:
        with open_volume(Path(path)) as stream:
            for record in iter_records(stream):
                try:
                    parse_record(record.raw, envelope=record.envelope, source=path,
                                 position=f"byte {record.offset}")
                    messages += 1
                except MalformedMessage:
                    malformed += 1
    return _finish({"messages": messages, "malformed": malformed}, start)


def phase_ingest(sources: list[str], store_path: str) -> dict:
    """``ingest_paths`` into a fresh store; threading and anatomy are timed separately."""
    import analyzer.pipeline as pipeline
    from analyzer.store import Store

    spent = _time_steps(pipeline, TIMED_STEPS)
    start = _start()
    with Store(store_path) as store:
        report = pipeline.ingest_paths(store, [Path(s) for s in sources])
        stored = store.counts()["messages"]
    result = _ingest_result(report, stored)
    result["steps"] = spent
    return _finish(result, start)


TIMED_STEPS = ("thread_list", "update_anatomy")


def _time_steps(pipeline: Any, names: tuple[str, ...]) -> dict[str, float]:
    """Wrap pipeline functions (in this child only) to add up the time spent in each."""
    spent: dict[str, float] = {}
    for name in names:
        original = getattr(pipeline, name, None)
        if original is None:
            continue
        spent[name] = 0.0
        setattr(pipeline, name, _timer(original, name, spent))
    return spent


def _timer(func: Callable[..., Any], name: str, spent: dict[str, float]) -> Callable[..., Any]:
    """``func`` that adds its CPU time to ``spent[name]``."""

    @functools.wraps(func)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - started

    return timed


def _ingest_result(report: Any, stored: int) -> dict:
    """The figures of an IngestReport that the tables show."""
    return {
        "messages": report.messages_seen, "stored": stored,
        "inserted": report.stats.inserted, "duplicates": report.stats.duplicates,
        "conflicts": report.stats.conflicts, "quarantined": report.quarantined,
    }


def phase_loopback_ours(index_url: str, workdir: str) -> dict:
    """``mirror_pipermail`` over loopback, then ``ingest_paths`` of the mirror."""
    from analyzer.ingest.http import Fetcher
    from analyzer.ingest.pipermail import mirror_pipermail
    from analyzer.pipeline import ingest_paths
    from analyzer.store import Store

    logging.getLogger("analyzer").setLevel(logging.ERROR)
    start = _start()
    fetcher = Fetcher()
    mirror = mirror_pipermail(index_url, Path(workdir) / "mirror", fetcher)
    mirrored = time.perf_counter()
    with Store(Path(workdir) / "loopback.sqlite") as store:
        report = ingest_paths(store, [mirror.root])
        stored = store.counts()["messages"]
    result = _ingest_result(report, stored)
    result.update(mirror_seconds=mirrored - start[1], requests=mirror.requests,
                  wire_bytes=mirror.bytes, missing=len(mirror.missing))
    return _finish(result, start)


def phase_loopback_perceval(index_url: str, workdir: str) -> dict:
    """perceval's Pipermail backend: download every linked volume, iterate all items."""
    from perceval.backends.core.pipermail import Pipermail

    logging.getLogger("perceval").setLevel(logging.ERROR)
    start = _start()
    items = sum(1 for _ in Pipermail(url=index_url, dirpath=workdir).fetch())
    return _finish({"messages": items, "stored": items}, start)


def phase_profile(sources: list[str], store_path: str, top: int) -> dict:
    """cProfile of ``ingest_paths``: the top functions by own time and cumulative time."""
    from analyzer.pipeline import ingest_paths
    from analyzer.store import Store

    profiler = cProfile.Profile()
    with Store(store_path) as store:
        profiler.runcall(ingest_paths, store, [Path(s) for s in sources])
    return {"tottime": _top(profiler, "tottime", top),
            "cumulative": _top(profiler, "cumulative", top)}


def phase_breakdown(volumes: list[str], list_name: str, store_dir: str) -> dict:
    """Time each ingest step on its own over the same records (internals, for diagnosis)."""
    from email.parser import BytesParser as Parser

    from analyzer.ingest.mbox import iter_records
    from analyzer.ingest.message import build_message, hash_content
    from analyzer.ingest.pipermail import open_volume

    steps: list[tuple[str, float]] = []
    records = _timed(steps, "split volumes (gunzip + iter_records)", lambda: [
        r for path in volumes for r in _records_of(open_volume(Path(path)), iter_records)])
    parser = Parser(policy=compat32)
    parsed = _timed(steps, "stdlib parsebytes", lambda: [parser.parsebytes(r.raw)
                                                         for r in records])
    messages = _timed(steps, "normalise (build_message)", lambda: [
        build_message(m, envelope=r.envelope) for m, r in zip(parsed, records, strict=True)])
    _timed(steps, "  content hash (hash_content)", lambda: [
        hash_content(m.from_addr, m.date_raw, m.subject, m.body) for m in messages])
    for message in messages:
        message.list = list_name
    steps.extend(_store_steps(messages, list_name, Path(store_dir)))
    return {"records": len(records), "steps": steps}


def _records_of(stream: Any, split: Callable[[Any], Iterator[Any]]) -> list[Any]:
    with stream:
        return list(split(stream))


def _timed(steps: list[tuple[str, float]], label: str, func: Callable[[], Any]) -> Any:
    """Run ``func``, append (label, CPU seconds) to ``steps``, return its result."""
    started = time.process_time()
    result = func()
    steps.append((label, time.process_time() - started))
    return result


def _store_steps(messages: list[Any], list_name: str, folder: Path) -> list[tuple[str, float]]:
    """Upsert (with the batch-written full-text index), thread and analyse as ingest does.

    The two experiments an earlier run measured here (FTS rows written per batch,
    an index on (list, thread_id, date)) are now what the store does (migrations
    5 and 7), so only the real steps remain.
    """
    import analyzer.pipeline as pipeline
    from analyzer.store import Store

    steps: list[tuple[str, float]] = []
    anatomy = getattr(pipeline, "update_anatomy", None)
    with Store(folder / "breakdown.sqlite") as store:
        _timed(steps, "store.upsert_messages (SQLite + FTS5, per batch)",
               lambda: store.upsert_messages(messages))
        _timed(steps, "thread_list", lambda: pipeline.thread_list(store, list_name))
        if anatomy is not None:
            _timed(steps, "update_anatomy", lambda: anatomy(store, list_name))
    return steps


def _top(profiler: cProfile.Profile, key: str, top: int) -> str:
    """The ``top`` lines of a pstats listing sorted by ``key``, paths shortened."""
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(key).print_stats(top)
    text = out.getvalue().replace(str(WORK / "snapshot") + "/", "")
    text = text.replace(str(REPO) + "/", "").replace(sys.prefix + "/", "")
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
    return "\n".join(lines[start:]).rstrip()


# --------------------------------------------------------------------------- orchestration


def isolated(func: Callable[..., dict], *args: Any) -> dict:
    """Run one phase in a fresh spawned interpreter and return its result."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(func, *args).result()


def best_of(repeat: int, func: Callable[..., dict], *args: Any,
            setup: Callable[[], None] | None = None) -> dict:
    """Repeat a phase (each in a new child) and keep the fastest run, worst RSS."""
    runs = []
    for _ in range(max(1, repeat)):
        if setup is not None:
            setup()
        runs.append(isolated(func, *args))
    best = min(runs, key=lambda r: r["seconds"])
    best["rss_mb"] = max(r["rss_mb"] for r in runs)
    best["runs"] = len(runs)
    return best


@contextlib.contextmanager
def serve(root: Path, virtual: dict[str, bytes] | None = None) -> Iterator[str]:
    """Serve ``root`` at ``http://127.0.0.1:PORT/pipermail/`` from a thread of this process."""
    handler = functools.partial(_MirrorHandler, directory=str(root))
    _MirrorHandler.virtual = virtual or {}
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{URL_PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietServer(ThreadingHTTPServer):
    """A client hanging up mid-body is normal here (a probe that got 200 instead of 206)."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class _MirrorHandler(SimpleHTTPRequestHandler):
    """A static archive server like Apache's: HEAD, Last-Modified, single byte ranges.

    ``virtual`` pages (a TOC) are served from memory.
    """

    virtual: dict[str, bytes] = {}  # noqa: RUF012 - set once per server

    def translate_path(self, path: str) -> str:
        """Map ``/pipermail/X`` to ``root/X``."""
        if path.startswith(URL_PREFIX):
            path = "/" + path[len(URL_PREFIX):]
        return super().translate_path(path)

    def send_head(self):  # type: ignore[override]
        """The in-memory page, a byte range of a file, or the whole file."""
        body = self.virtual.get(self.path.split("?", 1)[0])
        if body is not None:
            return self._send_bytes(200, body, "text/html; charset=utf-8")
        path = Path(self.translate_path(self.path))
        wanted = _byte_range(self.headers.get("Range"))
        if wanted is None or not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        span = _resolve_range(wanted, len(data))
        if span is None:
            self.send_error(416, "Range Not Satisfiable")
            return None
        start, end = span
        return self._send_bytes(206, data[start:end + 1], self.guess_type(str(path)),
                                f"bytes {start}-{end}/{len(data)}")

    def _send_bytes(self, status: int, body: bytes, ctype: str, span: str | None = None):
        """Headers for an in-memory body; the body itself is sent by the caller."""
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if span:
            self.send_header("Content-Range", span)
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self) -> None:
        """Advertise range support on every answer, as archive web servers do."""
        self.send_header("Accept-Ranges", "bytes")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the benchmark prints its own summary."""


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _byte_range(header: str | None) -> tuple[str, str] | None:
    """The two sides of a single ``Range: bytes=A-B`` header (either may be empty)."""
    match = _RANGE.match((header or "").strip())
    return (match.group(1), match.group(2)) if match and any(match.groups()) else None


def _resolve_range(wanted: tuple[str, str], size: int) -> tuple[int, int] | None:
    """First and last byte offsets of a range in a body of ``size`` bytes, if satisfiable."""
    first, last = wanted
    if not first:
        start, end = max(0, size - int(last)), size - 1
    else:
        start, end = int(first), min(size - 1, int(last)) if last else size - 1
    return (start, end) if start <= end and start < size else None


# --------------------------------------------------------------------------- corpora


def ensure_corpus(messages: int, seed: int) -> tuple[Path, dict, float | None]:
    """A generated mirror under ``.data/`` (reused when its manifest matches).

    It is generated in a staging folder and renamed into place, so a concurrent run
    never sees half a corpus.
    """
    import generate_corpus as gen

    out = DATA / f"corpus-{messages}-seed{seed}"
    manifest = _cached_manifest(out, messages, gen.GENERATOR_VERSION)
    if manifest is not None:
        return out, manifest, None
    staging = WORK / f"corpus-{messages}"
    started = time.perf_counter()
    manifest = gen.generate(staging, messages, seed)
    seconds = time.perf_counter() - started
    if _cached_manifest(out, messages, gen.GENERATOR_VERSION) is None:
        shutil.rmtree(out, ignore_errors=True)
        staging.rename(out)
    return out, manifest, seconds


def _cached_manifest(out: Path, messages: int, version: int) -> dict | None:
    """The manifest of an existing corpus of this size and generator version, if any."""
    path = out / "manifest.json"
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text("utf-8"))
    ok = manifest.get("generator_version") == version and manifest.get("messages") == messages
    return manifest if ok else None


def gz_volumes(folder: Path) -> list[Path]:
    """The ``.txt.gz`` volumes of a list folder, in name order."""
    return sorted(folder.glob("*.txt.gz"))


def uncompressed_bytes(volumes: list[Path]) -> int:
    """Total decompressed size of the volumes (gzip ISIZE trailer, or file size)."""
    total = 0
    for path in volumes:
        with open(path, "rb") as fh:
            if fh.read(2) == b"\x1f\x8b":
                fh.seek(-4, os.SEEK_END)
                total += int.from_bytes(fh.read(4), "little")
            else:
                total += path.stat().st_size
    return total


def twisted_toc(folder: Path) -> bytes:
    """A TOC linking only the volumes present in the sample (the real one links more)."""
    import generate_corpus as gen

    volumes = [{"period": p.name[: -len(".txt.gz")], "gz_bytes": p.stat().st_size}
               for p in gz_volumes(folder)]
    volumes.sort(key=lambda v: _period_key(v["period"]))
    return gen.toc_html("Twisted-Python", folder.name, volumes).encode("utf-8")


def _period_key(period: str) -> tuple[int, int]:
    """Chronological key of a ``YYYY-Month`` period."""
    import generate_corpus as gen

    year, month = period.split("-")
    return int(year), gen.MONTH_NAMES.index(month)


# --------------------------------------------------------------------------- measurements


@dataclass(slots=True)
class Corpus:
    """One input: the volumes the parsers read and what ``ingest_paths`` is given."""

    name: str
    volumes: list[Path]
    sources: list[Path]
    megabytes: float
    expected: int | None = None
    note: str = ""


@dataclass(slots=True)
class Results:
    """Everything measured in one run, rendered to Markdown at the end."""

    local: dict[str, dict[str, dict]] = field(default_factory=dict)
    corpora: dict[str, Corpus] = field(default_factory=dict)
    loopback: dict[str, dict[str, dict]] = field(default_factory=dict)
    generated: list[str] = field(default_factory=list)
    profile: dict | None = None
    breakdown: dict | None = None
    revision: str = ""
    load: str = ""
    notes: list[str] = field(default_factory=list)


def twisted_corpus(folder: Path) -> Corpus:
    """The real sample: all its ``.txt.gz`` volumes, given to ingest as files."""
    volumes = gz_volumes(folder)
    megabytes = uncompressed_bytes(volumes) / 1e6
    note = f"{len(volumes)} real `.txt.gz` volumes"
    return Corpus("twisted-python", volumes, volumes, megabytes, None, note)


def generated_corpus(messages: int, seed: int, results: Results) -> tuple[Corpus, Path]:
    """A generated mirror (created or reused), given to ingest as the mirror folder."""
    out, manifest, seconds = ensure_corpus(messages, seed)
    folder = out / manifest["list"]
    if seconds is not None:
        results.generated.append(
            f"generated {manifest['records']} records ({manifest['txt_bytes'] / 1e6:.0f} MB"
            f" text) in {seconds:.1f} s")
    volumes = gz_volumes(folder)
    name = f"generated {messages // 1000}k" if messages >= 1000 else f"generated {messages}"
    note = (f"{manifest['records']} records, {manifest['expected_unique']} unique, "
            f"{len(volumes)} volumes")
    corpus = Corpus(name, volumes, [folder], uncompressed_bytes(volumes) / 1e6,
                    manifest["expected_unique"], note)
    return corpus, out


def measure_local(corpus: Corpus, repeat: int, results: Results) -> None:
    """Baseline, parse-only and full ingest of one corpus (each phase in a child)."""
    volumes = [str(p) for p in corpus.volumes]
    store = WORK / "local.sqlite"

    def fresh_store() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{store}{suffix}").unlink(missing_ok=True)

    phases = {
        "baseline (stdlib)": best_of(repeat, phase_baseline, volumes),
        "ours: parse only": best_of(repeat, phase_parse, volumes),
        "ours: ingest_paths": best_of(repeat, phase_ingest, [str(s) for s in corpus.sources],
                                      str(store), setup=fresh_store),
    }
    fresh_store()
    results.local[corpus.name] = phases
    results.corpora[corpus.name] = corpus
    _progress(corpus.name, phases)


def measure_loopback(name: str, root: Path, list_name: str, virtual: dict[str, bytes],
                     with_perceval: bool, results: Results) -> None:
    """Serve ``root`` on 127.0.0.1; time our mirror+ingest and perceval on the same URL."""
    phases: dict[str, dict] = {}
    with serve(root, virtual) as base:
        url = f"{base}{list_name}/"
        phases["ours: mirror + ingest"] = isolated(phase_loopback_ours, url,
                                                   str(_fresh_dir("ours")))
        if with_perceval:
            phases["perceval Pipermail"] = isolated(phase_loopback_perceval, url,
                                                    str(_fresh_dir("perceval")))
    shutil.rmtree(WORK / "ours", ignore_errors=True)
    shutil.rmtree(WORK / "perceval", ignore_errors=True)
    results.loopback[name] = phases
    _progress(f"loopback {name}", phases)


def _fresh_dir(name: str) -> Path:
    """An empty folder under the work area."""
    path = WORK / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _progress(title: str, phases: dict[str, dict]) -> None:
    """One line per phase on stderr while the benchmark runs."""
    for phase, r in phases.items():
        print(f"  {title:<20} {phase:<24} {r['messages']:>8} msgs {r['seconds']:8.2f} s "
              f"{r['rss_mb']:7.1f} MB", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- report


class LoadMonitor:
    """Samples the 1-minute load average in a thread while the benchmark runs."""

    def __init__(self, interval: float = 5.0):
        self.interval = interval
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> LoadMonitor:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        self.samples.append(os.getloadavg()[0])
        while not self._stop.wait(self.interval):
            self.samples.append(os.getloadavg()[0])

    def summary(self) -> str:
        """Mean and maximum load, with what they mean on this machine."""
        if not self.samples:
            return "unknown"
        mean, peak = sum(self.samples) / len(self.samples), max(self.samples)
        return (f"mean {mean:.1f}, max {peak:.1f} on {os.cpu_count()} cores (1-minute load "
                f"average every {self.interval:.0f} s; above the core count, phases waited for "
                "a core: compare CPU seconds)")


def snapshot_code() -> None:
    """Copy analyzer/ into the work area and import it from there in every child.

    The repository may change while a long run is going; the snapshot keeps every
    phase on the code that was there when the run started.
    """
    target = WORK / "snapshot"
    shutil.copytree(REPO / "analyzer", target / "analyzer",
                    ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(target))


def machine_info(revision: str, load: str) -> list[str]:
    """CPU model, cores, RAM, OS, Python and package versions, date."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with contextlib.suppress(OSError, ValueError, IndexError):
        kb = int(Path("/proc/meminfo").read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kb / 1024**2:.1f} GiB"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return [
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {cpu}, {cores} cores available; RAM {ram}; {platform.platform()}",
        f"- Code: commit {revision} (copied at the start; every phase ran that copy)",
        f"- Machine load during the run: {load}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; "
        + ", ".join(f"{p} {_version(p)}" for p in ("analyzer", "perceval", "requests")),
    ]


def git_revision() -> str:
    """Short HEAD commit, plus a digest of uncommitted edits under analyzer/ if any."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True,
                              check=False)
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    if not git("status", "--porcelain", "--", "analyzer"):
        return head
    edits = git("diff", "HEAD", "--", "analyzer") + git("status", "--porcelain", "--", "analyzer")
    return f"{head}+dirty-{hashlib.sha1(edits.encode()).hexdigest()[:8]}"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "-"


def local_table(results: Results) -> list[str]:
    """Per corpus and phase: messages, input size, wall and CPU time, rates, memory."""
    rows = ["| corpus | phase | messages | input MB | wall s | CPU s | msg/s | MB/s | "
            "RSS before MB | peak RSS MB |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, phases in results.local.items():
        mb = results.corpora[name].megabytes
        for phase, r in phases.items():
            rows.append(
                f"| {name} | {phase} | {r['messages']:,} | {mb:.1f} | {r['seconds']:.2f} | "
                f"{r['cpu_seconds']:.2f} | {_rate(r['messages'], r['cpu_seconds'])} | "
                f"{mb / r['cpu_seconds']:.1f} | {r['rss_before_mb']:.0f} | {r['rss_mb']:.0f} |")
    return rows


def ratio_table(results: Results) -> list[str]:
    """Ours / baseline throughput (records per CPU second), target >= 0.5 for full ingest."""
    rows = ["| corpus | parse only / baseline | ingest_paths / baseline | (by wall clock) | "
            "of which threading CPU s | of which anatomy CPU s | stored (expected) | "
            "target met |", "|---|---:|---:|---:|---:|---:|---|---|"]
    for name, phases in results.local.items():
        base, parse = phases["baseline (stdlib)"], phases["ours: parse only"]
        ingest = phases["ours: ingest_paths"]
        ratio = _speed(ingest) / _speed(base)
        wall = _speed(ingest, "seconds") / _speed(base, "seconds")
        expected = results.corpora[name].expected
        stored = f"{ingest['stored']:,}" + (f" ({expected:,})" if expected is not None else "")
        met = "yes" if ratio >= TARGET_INGEST_RATIO else "**no**"
        steps = ingest.get("steps", {})
        rows.append(f"| {name} | {_speed(parse) / _speed(base):.2f} | {ratio:.2f} | {wall:.2f} | "
                    f"{_seconds(steps.get('thread_list'))} | "
                    f"{_seconds(steps.get('update_anatomy'))} | {stored} | {met} |")
    return rows


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _speed(result: dict, clock: str = "cpu_seconds") -> float:
    """Records per second of ``clock`` (CPU time by default)."""
    return result["messages"] / result[clock] if result[clock] else 0.0


def loopback_table(results: Results) -> list[str]:
    """End to end over loopback: ours (mirror + ingest into SQLite) versus perceval.

    Wall clock is the measure here (both tools wait for HTTP); CPU time is the
    client process's only (the server runs in the benchmark process).  The last row
    per corpus is the ceiling any stdlib-based tool can reach: the bare baseline
    (local, no HTTP) measured on the same volumes.
    """
    rows = ["| corpus | tool | records read | messages out | wall s | of which mirror s | "
            "client CPU s | records/s | peak RSS MB | faster than perceval (wall / CPU) |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, phases in results.loopback.items():
        theirs = phases.get("perceval Pipermail")
        baseline = results.local.get(name, {}).get("baseline (stdlib)")
        shown = dict(phases)
        if baseline and theirs:
            shown["ceiling: stdlib baseline, local"] = baseline
        for tool, r in shown.items():
            rows.append(_loopback_row(name, tool, r, theirs))
    return rows


def _loopback_row(name: str, tool: str, r: dict, theirs: dict | None) -> str:
    """One row of the loopback table."""
    speedup = "-"
    if theirs:
        speedup = (f"{theirs['seconds'] / r['seconds']:.1f}× / "
                   f"{theirs['cpu_seconds'] / r['cpu_seconds']:.1f}×")
        if tool.startswith("ours"):
            speedup = f"**{speedup}**"
    mirror = f"{r['mirror_seconds']:.2f}" if "mirror_seconds" in r else "-"
    stored = f"{r['stored']:,}" if "stored" in r else "-"
    return (f"| {name} | {tool} | {r['messages']:,} | {stored} | {r['seconds']:.2f} | {mirror} "
            f"| {r['cpu_seconds']:.2f} | {_rate(r['messages'], r['seconds'])} | "
            f"{r['rss_mb']:.0f} | {speedup} |")


def breakdown_table(breakdown: dict) -> list[str]:
    """Where the time of a full ingest goes, step by step, in microseconds per record."""
    records = breakdown["records"]
    total = sum(seconds for step, seconds in breakdown["steps"] if not step.startswith("  "))
    rows = [f"{records:,} records of {breakdown['corpus']}, each step timed on its own in CPU "
            "time (↳ rows are parts of the row above).", "",
            "| step | CPU s | µs per record | share of ingest |", "|---|---:|---:|---:|"]
    for step, seconds in breakdown["steps"]:
        share = "" if step.startswith("  ") else f"{seconds / total:.0%}"
        label = f"↳ {step.strip()}" if step.startswith("  ") else step
        rows.append(f"| {label} | {seconds:.2f} | "
                    f"{seconds / records * 1e6:.0f} | {share} |")
    return rows


def memory_table(results: Results, small: str, large: str) -> list[str]:
    """Peak RSS of each phase for the small and the large generated corpus."""
    if small not in results.local or large not in results.local:
        return []
    a, b = results.local[small], results.local[large]
    size = b[next(iter(b))]["messages"] / max(1, a[next(iter(a))]["messages"])
    rows = [f"| phase | {small} RSS MB | {large} RSS MB | growth (input grew {size:.0f}×) |",
            "|---|---:|---:|---:|"]
    for phase in a:
        growth = b[phase]["rss_mb"] / a[phase]["rss_mb"]
        rows.append(f"| {phase} | {a[phase]['rss_mb']:.0f} | {b[phase]['rss_mb']:.0f} | "
                    f"{growth:.2f}× |")
    return rows


def render(results: Results, args: argparse.Namespace, small: str, large: str) -> str:
    """The whole RESULTS.md text."""
    corpora = [f"- **{c.name}**: {c.megabytes:.1f} MB decompressed; {c.note}"
               for c in results.corpora.values()]
    parts = [
        "# Ingest benchmark results", "",
        "Generated by `benchmarks/bench_ingest.py`" + (" (--quick)" if args.quick else "")
        + "; reproduce with `make bench`.", "",
        "## Machine", "", *machine_info(results.revision, results.load), "",
        "## Corpora", "", *corpora, *[f"- {g}" for g in results.generated], "",
        "## Local ingest of the same bytes", "", *local_table(results), "",
        "## Ours relative to bare stdlib parsing", "",
        f"Target: full ingest ≥ {TARGET_INGEST_RATIO} × baseline messages/s.", "",
        *ratio_table(results), "",
    ]
    if results.loopback:
        parts += ["## End to end over loopback HTTP", "",
                  f"Target: ours ≥ {TARGET_LOOPBACK_SPEEDUP:.0f}× faster than perceval.", "",
                  *loopback_table(results), ""]
    if results.breakdown:
        parts += ["## Where the time of an ingest goes", "", *breakdown_table(results.breakdown),
                  ""]
    memory = memory_table(results, small, large)
    if memory:
        parts += ["## Memory as the archive grows", "", *memory, ""]
    parts += ["## What the figures mean", "", *NOTES, *results.notes, ""]
    if results.profile:
        parts += profile_section(results.profile)
    return "\n".join(parts)


OWN_SECTIONS = ("## Machine", "## Corpora", "## Local ingest", "## Ours relative",
                "## End to end", "## Where the time", "## Memory as", "## What the figures",
                "## Profile of ingest_paths")


def keep_other_sections(text: str, path: Path) -> str:
    """``text`` plus the sections other benchmarks put in the results file (NLP, digest...).

    This script owns the sections it can render; any other ``## `` section already in
    the file is kept after them, in its original order.
    """
    if not path.is_file():
        return text
    kept = [body for title, body in _sections(path.read_text("utf-8"))
            if title and not title.startswith(OWN_SECTIONS)]
    return "\n\n".join([text.rstrip("\n"), *kept]) + "\n" if kept else text


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading, text) of each ``## `` section; the part before the first has heading ''."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines():
        if line.startswith("## "):
            sections.append((line, []))
        sections[-1][1].append(line)
    return [(title, "\n".join(lines).strip("\n")) for title, lines in sections]


def profile_section(profile: dict) -> list[str]:
    """cProfile listings of ingest_paths on the loopback-size corpus."""
    return ["## Profile of ingest_paths (cProfile, generated corpus)", "",
            "Top functions by own time:", "", "```", profile["tottime"], "```", "",
            "Top functions by cumulative time:", "", "```", profile["cumulative"], "```", ""]


NOTES = [
    "- **baseline (stdlib)**: decompress each volume with `gzip`, split on lines matching "
    "the Pipermail separator regex (§7.1) with a plain loop and parse every record with "
    "`email.parser.BytesParser(policy=compat32).parsebytes`; nothing is normalised or kept.",
    "- **ours: parse only**: `open_volume` + `iter_records` + `parse_record` on the same "
    "volumes (strict separators, header decoding, charset handling, dates, ids, content "
    "hash) without the store.",
    "- **ours: ingest_paths**: the library call into a fresh SQLite store: parse, dedupe, "
    "insert with FTS, record sources, thread the list (`thread_list`) and analyse every "
    "body (`update_anatomy`: new text, quotes linked to the message they quote, signatures, "
    "forwards); the *of which* columns are the time spent in those two steps. The twisted "
    "volumes are passed as files; generated corpora as their mirror folder.",
    "- **Where the time goes**: each step of an ingest run on its own, in CPU time, over "
    "the records of the loopback-size corpus (↳ rows are parts of the row above).",
    "- *input MB* is the decompressed size of the volumes; msg/s and MB/s are records read "
    "(debris duplicates included) and input MB per **CPU second** of the phase's process, "
    "and the ratios use the same (the machine may be shared: wall time then includes "
    "waiting for a core; the wall-clock ratio is shown too); *stored* counts unique "
    "messages in the store.",
    "- *Peak RSS* is `ru_maxrss` of the child process that ran the phase (a fresh spawned "
    "interpreter per phase, so figures don't mix); *RSS before* is the same figure after "
    "imports, before the work.",
    "- **loopback**: a `ThreadingHTTPServer` on 127.0.0.1 (a thread of the benchmark "
    "process; HEAD, Last-Modified and byte ranges, like Apache) serves the mirror; "
    "*ours* is `mirror_pipermail` (HEAD + conditional GETs, "
    "gzip verification, 2 connections) followed by `ingest_paths` of the mirror into "
    "SQLite, *perceval* is `Pipermail(url, dirpath).fetch()` iterated to the end (it only "
    "yields dicts and stores nothing; it drops messages without Message-ID). The twisted "
    "sample is served with a TOC listing only the volumes present in the sample.",
    "- Small corpora are run several times and the fastest run is shown (`--repeat`).",
    "- Reproduce: `make bench` (installs the `bench` extra with perceval, then runs this "
    "script); `python benchmarks/bench_ingest.py --quick` is the smoke test; "
    "`--profile` adds the cProfile listings.",
]


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    parser.add_argument("--messages", type=int, default=100_000, help="scale corpus size")
    parser.add_argument("--loopback-messages", type=int, default=10_000,
                        help="generated mirror served over loopback (also the memory baseline)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs of small corpora")
    parser.add_argument("--twisted", type=Path, default=DEFAULT_TWISTED)
    parser.add_argument("--no-perceval", action="store_true", help="skip perceval")
    parser.add_argument("--profile", action="store_true", help="add a cProfile listing")
    parser.add_argument("--results", type=Path, help="output file (default RESULTS.md; "
                        "with --quick .data/RESULTS-quick.md)")
    args = parser.parse_args(argv)
    if args.quick:
        args.messages, args.loopback_messages, args.repeat = 3000, 1000, 1
    if args.results is None:
        args.results = DATA / "RESULTS-quick.md" if args.quick else RESULTS
    return args


def perceval_available(args: argparse.Namespace, results: Results) -> bool:
    """Whether perceval can be imported (it is the optional ``bench`` extra)."""
    if args.no_perceval:
        results.notes.append("- perceval was skipped (`--no-perceval`).")
        return False
    try:
        import perceval  # noqa: F401
    except ImportError:
        results.notes.append("- perceval is not installed: `pip install -e '.[bench]'`.")
        return False
    return True


def run(args: argparse.Namespace) -> tuple[Results, str, str]:
    """All measurements, in order: twisted, small and large generated corpora, loopback."""
    results = Results(revision=git_revision())
    snapshot_code()
    with_perceval = perceval_available(args, results)
    small, small_root = generated_corpus(args.loopback_messages, args.seed, results)
    large, _ = generated_corpus(args.messages, args.seed, results)
    if args.twisted.is_dir():
        measure_local(twisted_corpus(args.twisted), args.repeat, results)
    else:
        results.notes.append(f"- twisted sample not found at {args.twisted}: skipped.")
    measure_local(small, args.repeat, results)
    measure_local(large, 1, results)
    if args.twisted.is_dir():
        virtual = twisted_toc(args.twisted)
        pages = {f"{URL_PREFIX}{args.twisted.name}/{p}": virtual for p in ("", "index.html")}
        measure_loopback("twisted-python", args.twisted.parent, args.twisted.name, pages,
                         with_perceval, results)
    list_name = small.sources[0].name
    measure_loopback(small.name, small_root, list_name, {}, with_perceval, results)
    results.breakdown = isolated(phase_breakdown, [str(p) for p in small.volumes], list_name,
                                 str(_fresh_dir("breakdown")))
    results.breakdown["corpus"] = small.name
    if args.profile:
        results.profile = isolated(phase_profile, [str(s) for s in small.sources],
                                   str(WORK / "profile.sqlite"), 25)
    return results, small.name, large.name


def main(argv: list[str] | None = None) -> int:
    """Run everything, print the Markdown report and write it to the results file."""
    args = parse_args(argv)
    sys.path.insert(0, str(HERE))
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    try:
        with LoadMonitor() as load:
            results, small, large = run(args)
        results.load = load.summary()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    text = render(results, args, small, large)
    print(text)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(keep_other_sections(text, args.results), "utf-8")
    print(f"written to {args.results}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
