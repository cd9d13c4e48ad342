"""Parsing in worker processes gives exactly the store a serial ingest gives.

The size thresholds that keep small runs in-process are lowered so that the real
corpora (a few MB) go through the pool; the pool itself is real (spawned worker
processes), nothing is mocked.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from analyzer.ingest import parallel, sources
from analyzer.pipeline import ingest_paths
from analyzer.store import Store
from analyzer.store.dump import canonical_dump

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def pool_for_every_file(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_POOL_TOTAL", 0)
    monkeypatch.setattr(parallel, "MIN_POOL_FILE", 0)
    monkeypatch.setattr(sources, "WHOLE_UNIT_MIN", 0)
    monkeypatch.setattr(parallel, "BATCH", 7)  # many batches, so order is exercised


def _ingest(tmp_path: Path, name: str, paths: list[Path], workers: int, **kwargs):
    store_path = tmp_path / f"{name}.sqlite"
    with Store(store_path) as store:
        report = ingest_paths(store, paths, workers=workers, **kwargs)
    return canonical_dump(store_path), report


@pytest.fixture(params=["whole files", "record batches"])
def task_size(request, monkeypatch):
    """Files go to workers whole (the default) or, when too big for one task, in batches."""
    if request.param == "record batches":
        monkeypatch.setattr(sources, "WHOLE_UNIT_MAX", -1)
    return request.param


def test_pool_ingest_of_every_corpus_equals_the_serial_ingest(
        shared_dir, tmp_path, pool_for_every_file, task_size):
    paths = [shared_dir / "corpora", shared_dir / "eval/dev/mirror",
             ROOT / "corpora/sample/chapter-leaders"]
    serial, serial_report = _ingest(tmp_path, "serial", paths, workers=1)
    pooled, pooled_report = _ingest(tmp_path, "pooled", paths, workers=2)
    assert (serial_report.parse_workers, pooled_report.parse_workers) == (0, 2)
    assert pooled_report.messages_seen == serial_report.messages_seen > 2500
    assert pooled_report.quarantined == serial_report.quarantined > 0
    assert pooled == serial


def test_pool_keeps_the_messages_read_before_a_decompression_limit(
        shared_dir, tmp_path, pool_for_every_file, task_size):
    volume = shared_dir / "corpora/other/twisted-pipermail/twisted-python/2010-February.txt.gz"
    limit = len(gzip.decompress(volume.read_bytes())) // 2
    copies = []
    for name in ("first", "second"):  # the first is read in-process, the second by a worker
        copies.append(tmp_path / f"{name}.txt.gz")
        copies[-1].write_bytes(volume.read_bytes())
    serial, serial_report = _ingest(tmp_path, "serial", copies, 1, max_bytes=limit)
    pooled, pooled_report = _ingest(tmp_path, "pooled", copies, 2, max_bytes=limit)
    assert pooled_report.parse_workers == 2
    assert 0 < serial_report.stats.inserted == pooled_report.stats.inserted
    assert serial_report.quarantined == pooled_report.quarantined == 2
    assert pooled == serial


def test_small_runs_parse_in_process():
    pool = parallel.ParsePool(2, total_bytes=parallel.MIN_POOL_TOTAL - 1)
    assert pool.executor_for(10 * parallel.MIN_POOL_FILE) is None


def test_one_worker_never_starts_a_pool():
    pool = parallel.ParsePool(1, total_bytes=10 * parallel.MIN_POOL_TOTAL)
    assert pool.executor_for(10 * parallel.MIN_POOL_FILE) is None


def test_unchanged_files_are_not_handed_to_workers_on_a_rerun(
        shared_dir, tmp_path, pool_for_every_file):
    paths = [shared_dir / "corpora/other/twisted-pipermail/twisted-python"]
    with Store(tmp_path / "s.sqlite") as store:
        first = ingest_paths(store, paths, workers=2)
        again = ingest_paths(store, paths, workers=2)
        forced = ingest_paths(store, paths, workers=2, force=True)
    assert first.parse_workers == forced.parse_workers == 2
    assert again.parse_workers == 0  # nothing to parse: no pool started
    assert again.skipped_unchanged == first.units
    assert forced.stats.inserted == 0 and forced.messages_seen == first.messages_seen


@pytest.mark.parametrize("cpus, workers", [(1, 0), (2, 1), (4, 3), (16, 4)])
def test_auto_leaves_one_cpu_to_the_process_that_stores(monkeypatch, cpus, workers):
    monkeypatch.setattr(parallel.os, "sched_getaffinity", lambda pid: set(range(cpus)))
    assert parallel.default_workers() == workers
    assert parallel.ParsePool(0).workers == workers


@pytest.fixture
def busy_workers(monkeypatch):
    """Workers that start with a second of other work, so the storing process waits."""
    import time

    start = parallel.ParsePool.executor

    def executor(self):
        fresh = self._executor is None
        pool = start(self)
        if pool is not None and fresh:
            for _ in range(self.workers):
                pool.submit(time.sleep, 1.0)
        return pool

    monkeypatch.setattr(parallel.ParsePool, "executor", executor)


def test_units_are_parsed_in_process_while_the_workers_are_busy(
        shared_dir, tmp_path, pool_for_every_file, busy_workers):
    paths = [shared_dir / "corpora/other/twisted-pipermail/twisted-python"]
    serial, _ = _ingest(tmp_path, "serial", paths, workers=1)
    pooled, report = _ingest(tmp_path, "pooled", paths, workers=2)
    assert report.parse_workers == 2
    assert report.parsed_while_waiting > 0
    assert pooled == serial


def test_an_error_in_a_unit_parsed_while_waiting_surfaces_at_its_turn(
        shared_dir, tmp_path, pool_for_every_file, busy_workers, monkeypatch):
    import analyzer.pipeline as pipeline
    from analyzer.store import database

    monkeypatch.setattr(database, "COMMIT_EVERY", 1)  # every stored file is committed
    monkeypatch.setattr(database, "COMMIT_INSIDE_FILE", 10**9)
    failed = []
    iter_unit = sources.iter_unit

    def fail_first(unit, **kwargs):  # in this process only: workers are spawned afresh
        if not failed:
            failed.append(unit.path)
            raise RuntimeError("parser bug")
        return iter_unit(unit, **kwargs)

    monkeypatch.setattr(sources, "iter_unit", fail_first)  # what parse_unit reads with
    folder = shared_dir / "corpora/other/twisted-pipermail/twisted-python"
    with Store(tmp_path / "s.sqlite") as store, pytest.raises(RuntimeError, match="parser bug"):
        ingest_paths(store, [folder], workers=2)
    with Store(tmp_path / "s.sqlite") as store:
        stored = {Path(row[0]) for row in store.query("SELECT source FROM sources")}
    units = [unit.path for unit in pipeline.plan([folder])]
    assert failed and stored == set(units[:units.index(failed[0])])
