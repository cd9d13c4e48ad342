"""Crash safety: the real CLI killed with SIGKILL, then run again, ends where a clean run ends.

Each stage (fetch from a loopback Pipermail server, ingest of real archives,
analyze with and without NLP) is run once cleanly; then, for a few seeded
iterations, the same command is started in a fresh folder, killed with SIGKILL
after a delay drawn from ``random.Random(seed)`` over the clean run's measured
duration, and started again to completion.  The store must then have the same
:func:`~analyzer.store.dump.canonical_dump` as the clean run, and a mirror the
same files and bytes (the fetch state file aside, see :func:`mirror_tree`).

Every run happens at the same paths (the folder is emptied between runs), so
paths recorded in the store compare equal.  The "crash window" tests build the
state a kill leaves between two commits deterministically (no timing at all).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from httpserver import LoopbackServer

from analyzer.ingest.http import STATE_FILENAME
from analyzer.store.dump import canonical_dump, dump_differences

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "corpora" / "sample" / "chapter-leaders"
ITERATIONS = 3
INGEST_INPUTS = [  # several lists, Pipermail volumes, mbox and MMDF: ~1,500 messages
    "corpora/bigbang/2001-November.txt",
    "corpora/bigbang/3GPP_mbox",
    "corpora/other/ietf-tools-mailarchive",
    "corpora/other/twisted-pipermail/twisted-python",
]


# --------------------------------------------------------------------------- helpers


class Workspace:
    """One folder where every run of a stage happens, with the CLI pointed into it."""

    def __init__(self, root: Path, extra_config: str = ""):
        self.root = root
        self.extra_config = extra_config

    @property
    def store(self) -> Path:
        return self.root / "store.sqlite"

    @property
    def mirror(self) -> Path:
        return self.root / "mirror"

    def reset(self, seed_store: Path | None = None) -> None:
        """Empty the folder (same paths for every run), optionally with a starting store."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        (self.root / "analyzer.toml").write_text(
            f'[fetch]\nmirror = "{self.mirror}"\ntimeout = 5.0\nretries = 2\n'
            + self.extra_config
        )
        if seed_store is not None:
            shutil.copyfile(seed_store, self.store)

    def argv(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "analyzer", "-q", "--store", str(self.store),
                "--config", str(self.root / "analyzer.toml"), *args]

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("ANALYZER_")}
        env["PYTHONPATH"] = str(ROOT)
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess:
        """Run to completion; the exit code must be 0."""
        done = subprocess.run(self.argv(*args), cwd=self.root, env=self.env(),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stderr}"
        return done

    def run_killed(self, *args: str, after: float) -> int:
        """Start the command, SIGKILL it after ``after`` seconds; its exit code."""
        proc = subprocess.Popen(self.argv(*args), cwd=self.root, env=self.env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=after)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
        return proc.wait()


def timed(func, *args) -> float:
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def kill_delays(seed: int, duration: float, n: int = ITERATIONS) -> list[float]:
    """``n`` seeded moments spread over a clean run (strata, so early and late both occur)."""
    rng = random.Random(seed)
    return [duration * (i + rng.random()) / n for i in range(n)]


def mirror_tree(root: Path) -> dict[str, bytes]:
    """Every file of a mirror by relative path, without the fetch state.

    ``.analyzer-fetch.json`` (validators and per-volume notes, rewritten
    atomically) and its ``.analyzer-fetch.json.PID.tmp`` staging file are the
    fetcher's own bookkeeping, not mirrored content; ``.part`` / ``.new`` files
    are *not* excluded: a re-run must leave none behind.
    """
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(STATE_FILENAME)
    }


def assert_same_store(clean: dict, path: Path, what: str) -> None:
    got = canonical_dump(path)
    assert got == clean, f"{what}:\n" + "\n".join(dump_differences(clean, got))


# --------------------------------------------------------------------------- fetch


@pytest.fixture(scope="module")
def site():
    """The bundled sample served as a Pipermail archive, each answer a little slow.

    The delay (40 ms a request) spreads a fetch over enough time for kills to land
    in the TOC, HEAD, .gz download, thread.html and ingest phases alike.
    """
    with LoopbackServer() as server:
        url = server.mount("/pipermail/chapter-leaders/", SAMPLE)
        server.inject("/pipermail/*", "slow", delay=0.04)
        yield url


def test_fetch_killed_at_random_moments_then_rerun_equals_a_clean_fetch(
    site, tmp_path_factory
):
    ws = Workspace(tmp_path_factory.mktemp("fetch") / "work")
    ws.reset()
    duration = timed(ws.run, "fetch", site)
    clean_store = canonical_dump(ws.store)
    clean_mirror = mirror_tree(ws.mirror)
    assert clean_store["messages"][1:], "the clean fetch ingested nothing"
    for i, delay in enumerate(kill_delays(9001, duration)):
        ws.reset()
        code = ws.run_killed("fetch", site, after=delay)
        ws.run("fetch", site)
        assert mirror_tree(ws.mirror) == clean_mirror, f"iteration {i}, killed at {delay:.2f}s"
        assert_same_store(clean_store, ws.store, f"iteration {i} (exit {code}, {delay:.2f}s)")


# --------------------------------------------------------------------------- ingest


def test_ingest_killed_at_random_moments_then_rerun_equals_a_clean_ingest(
    shared_dir, tmp_path_factory
):
    inputs = [str(shared_dir / p) for p in INGEST_INPUTS]
    ws = Workspace(tmp_path_factory.mktemp("ingest") / "work")
    ws.reset()
    duration = timed(ws.run, "ingest", *inputs)
    clean = canonical_dump(ws.store)
    assert len(clean["messages"]) > 1000
    for i, delay in enumerate(kill_delays(4242, duration)):
        ws.reset()
        code = ws.run_killed("ingest", *inputs, after=delay)
        ws.run("ingest", *inputs)
        assert_same_store(clean, ws.store, f"iteration {i} (exit {code}, {delay:.2f}s)")


# --------------------------------------------------------------------------- analyze


@pytest.fixture(scope="module")
def ingested_sample(tmp_path_factory) -> Path:
    """The sample list ingested (anatomy included, as ingest does), no NLP yet."""
    ws = Workspace(tmp_path_factory.mktemp("sample") / "work")
    ws.reset()
    ws.run("ingest", str(SAMPLE))
    return ws.store


@pytest.fixture(scope="module")
def ingested_large(shared_dir, tmp_path_factory) -> Path:
    """~1,500 messages whose anatomy is outdated (as after an anatomy version bump).

    Three anatomy batches of 500, so a kill can land between two commits.
    """
    ws = Workspace(tmp_path_factory.mktemp("large") / "work")
    ws.reset()
    ws.run("ingest", *[str(shared_dir / p) for p in INGEST_INPUTS])
    with sqlite3.connect(ws.store) as db:
        db.execute("UPDATE anatomy SET version = version - 1")
    return ws.store


def test_anatomy_killed_at_random_moments_then_rerun_equals_a_clean_analyze(
    ingested_large, tmp_path_factory
):
    ws = Workspace(tmp_path_factory.mktemp("anatomy") / "work")
    ws.reset(ingested_large)
    duration = timed(ws.run, "analyze", "--no-nlp")
    clean = canonical_dump(ws.store)
    for i, delay in enumerate(kill_delays(77, duration)):
        ws.reset(ingested_large)
        code = ws.run_killed("analyze", "--no-nlp", after=delay)
        ws.run("analyze", "--no-nlp")
        assert_same_store(clean, ws.store, f"iteration {i} (exit {code}, {delay:.2f}s)")


def test_nlp_killed_at_a_random_moment_then_rerun_equals_a_clean_analyze(
    ingested_sample, tmp_path_factory
):
    ws = Workspace(tmp_path_factory.mktemp("nlp") / "work")
    ws.reset(ingested_sample)
    duration = timed(ws.run, "analyze")
    clean = canonical_dump(ws.store)
    assert clean["nlp_runs"][1:] and clean["officials"][1:]
    (delay,) = kill_delays(31337, duration, n=1)
    ws.reset(ingested_sample)
    code = ws.run_killed("analyze", after=delay)
    ws.run("analyze")
    assert_same_store(clean, ws.store, f"killed at {delay:.2f}s (exit {code})")


# --------------------------------------------------------------------------- crash windows
#
# A random kill lands between two commits only sometimes; these tests stop the
# process exactly there (or build the state such a kill leaves) so the outcome
# does not depend on timing.


def test_fetch_killed_while_a_thread_index_downloads_fetches_it_on_the_rerun(tmp_path):
    """The .gz is on disk and its choice saved, thread.html still pending: the re-run gets it.

    The server holds one ``thread.html`` answer until the state file records the
    volume's choice (saved when another volume completes), then the fetch is
    killed.  Before the fix the re-run found the volume unchanged and never
    asked for ``thread.html`` again, so the mirror lacked it and the messages of
    that month had no page links.
    """
    import json
    import threading

    from httpserver import Reply

    entered, release = threading.Event(), threading.Event()
    held = "/pipermail/chapter-leaders/2025-November/thread.html"

    def hold_thread_index(method, path, query, headers) -> Reply:
        entered.set()
        release.wait(30)
        return Reply(200, (SAMPLE / "2025-November" / "thread.html").read_bytes(),
                     {"Content-Type": "text/html"})

    ws = Workspace(tmp_path / "work")
    with LoopbackServer() as server:
        url = server.mount("/pipermail/chapter-leaders/", SAMPLE)
        ws.reset()
        ws.run("fetch", url)
        clean_store, clean_mirror = canonical_dump(ws.store), mirror_tree(ws.mirror)
        server.route(held, hold_thread_index)
        ws.reset()
        proc = subprocess.Popen(ws.argv("fetch", url), cwd=ws.root, env=ws.env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        state = ws.mirror / STATE_FILENAME
        key = f"{url}2025-November"
        try:
            assert entered.wait(60), "the fetch never asked for thread.html"
            for _ in range(600):
                if state.is_file() and key in json.loads(state.read_text())["notes"]:
                    break
                time.sleep(0.05)
            assert json.loads(state.read_text())["notes"][key].get("chosen")
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            release.set()
        assert not (ws.mirror / "pipermail/chapter-leaders/2025-November/thread.html").exists()
        ws.run("fetch", url)
    assert mirror_tree(ws.mirror) == clean_mirror
    assert_same_store(clean_store, ws.store, "re-run after a kill during thread.html")


def test_ingest_killed_after_its_last_batch_before_threading_is_completed_by_the_rerun(
    shared_dir, tmp_path
):
    """State of a kill after every unit committed and recorded, before ``thread_list``."""
    from analyzer.pipeline import IngestReport, _ingest_unit, plan
    from analyzer.store import Store

    inputs = [str(shared_dir / p) for p in INGEST_INPUTS[:2]]
    ws = Workspace(tmp_path / "work")
    ws.reset()
    ws.run("ingest", *inputs)
    clean = canonical_dump(ws.store)
    ws.reset()
    with Store(ws.store) as store:  # ingest_paths up to, not including, its threading
        for unit in plan([Path(p) for p in inputs]):
            _ingest_unit(store, unit, IngestReport(), max_bytes=2**31, force=False)
    ws.run("ingest", *inputs)
    assert_same_store(clean, ws.store, "re-run after a kill before threading")


def test_nlp_killed_after_saving_results_before_merging_officials_is_completed_by_the_rerun(
    ingested_sample, tmp_path
):
    """State of a kill between ``save_nlp`` (committed) and ``replace_officials``."""
    ws = Workspace(tmp_path / "work")
    ws.reset(ingested_sample)
    ws.run("analyze")
    clean = canonical_dump(ws.store)
    with sqlite3.connect(ws.store) as db:  # mentions saved (and marked), merge not run
        db.execute("DELETE FROM officials")
        db.execute("INSERT INTO store_state VALUES ('officials_stale', '1')")
    ws.run("analyze")
    assert_same_store(clean, ws.store, "re-run after a kill before the officials merge")
