"""``analyze --scheduler``: a Dask cluster gives exactly what a local run gives.

The cluster runs worker *processes*, so pickling, the per-worker model cache and
the driver-only store writes are all exercised as they are on a real cluster.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.export import export_table
from analyzer.pipeline import ingest_paths, update_anatomy, update_nlp
from analyzer.store import Store

distributed = pytest.importorskip("distributed")

TABLES = ("messages", "threads", "officials", "passages", "events")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0") as local:
        yield local


def ingested(shared_dir: Path, path: Path) -> Path:
    """A store of the dev archive with no anatomy yet, so both stages have work."""
    with Store(path) as store:
        ingest_paths(store, [shared_dir / "eval" / "dev" / "archive"],
                     list_name="chapter-leaders")
        with store.transaction():
            store.db.execute("DELETE FROM forwarded")
            store.db.execute("DELETE FROM anatomy")
    return path


def analyze_on(cluster, store: Path):
    env = {"ANALYZER_CONFIG": ""}
    return CliRunner(env=env).invoke(
        cli, ["--store", str(store), "analyze", "--scheduler", cluster.scheduler_address],
        catch_exceptions=False)


def anatomy_rows(store_path: Path) -> list[tuple]:
    with Store(store_path) as store:
        return [tuple(row) for row in store.db.execute(
            "SELECT message_rowid, version, new_text, signature, forwarded_count, parts"
            " FROM anatomy ORDER BY message_rowid")]


def exports(store_path: Path, out: Path) -> dict[str, bytes]:
    with Store(store_path) as store:
        for table in TABLES:
            export_table(store, table, "csv", out / f"{table}.csv")
    return {table: (out / f"{table}.csv").read_bytes() for table in TABLES}


def test_cluster_run_exports_match_local_run_byte_for_byte(cluster, shared_dir, tmp_path):
    local = ingested(shared_dir, tmp_path / "local.sqlite")
    remote = ingested(shared_dir, tmp_path / "dask.sqlite")
    with Store(local) as store:
        assert update_anatomy(store) == 46
        assert update_nlp(store) == 46

    result = analyze_on(cluster, remote)
    assert result.exit_code == 0, result.output
    assert "anatomy: 46 message(s)" in result.output
    assert "nlp: 46 message(s)" in result.output

    expected = exports(local, tmp_path / "local")
    got = exports(remote, tmp_path / "dask")
    assert expected["officials"].count(b"\n") > 1 and expected["passages"].count(b"\n") > 1
    for table in TABLES:
        assert got[table] == expected[table], table
    assert anatomy_rows(remote) == anatomy_rows(local)  # quote links included
    with distributed.Client(cluster) as client:  # each worker loaded the model once
        loaded = client.run(lambda: sorted(__import__(
            "analyzer.nlp.distributed", fromlist=["_PIPELINES"])._PIPELINES))
    assert all(models in ([], ["en_core_web_sm"]) for models in loaded.values()), loaded
    with Store(remote) as store:  # a local run afterwards finds nothing left to do
        assert update_anatomy(store) == 0
        assert update_nlp(store) == 0


def test_second_cluster_run_does_no_work(cluster, shared_dir, tmp_path):
    store = ingested(shared_dir, tmp_path / "dask.sqlite")
    assert analyze_on(cluster, store).exit_code == 0
    again = analyze_on(cluster, store)
    assert again.exit_code == 0, again.output
    assert "anatomy: 0 message(s)" in again.output
    assert "nlp: 0 message(s)" in again.output


def test_a_worker_killed_mid_run_costs_only_a_retry(shared_dir, tmp_path):
    """SIGKILL one of two workers after the first partition is saved: the run completes
    and every anatomy row equals a local run's (lost partitions are computed again)."""
    import os
    import signal

    from analyzer.nlp.distributed import update_distributed

    corpora = [shared_dir / "corpora"]  # ~1,600 messages: four partitions
    local, remote = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    for path in (local, remote):
        with Store(path) as store:
            ingest_paths(store, corpora)
    with Store(local) as store:
        expected = update_anatomy(store)
    assert expected > 1000
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0"
                                  ) as local_cluster, distributed.Client(local_cluster) as client:
        before = client.run(os.getpid)
        killed: list[int] = []

        def kill_one_worker(_: int) -> None:
            if not killed:
                killed.append(next(iter(before.values())))
                os.kill(killed[0], signal.SIGKILL)

        with Store(remote) as store:
            done, _ = update_distributed(store, local_cluster.scheduler_address,
                                         client=client, nlp=False, progress=kill_one_worker)
        client.wait_for_workers(2, timeout=60)
        after = client.run(os.getpid)
    assert done == expected
    assert killed and killed[0] not in after.values()  # the worker really died
    assert anatomy_rows(remote) == anatomy_rows(local)
