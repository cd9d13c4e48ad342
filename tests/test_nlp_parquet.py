"""NLP over Parquet: export on the store machine, ``analyzer nlp`` elsewhere, import back.

The promise is that the route does not show: every export of a store whose NLP
ran on exported files is byte for byte that of a plain ``analyze``, and a later
``analyze`` finds nothing to do.  The rest is what a cluster user relies on:
finished partitions are kept across interruptions, and results that do not fit
the store (another version, changed texts, missing or damaged files) are refused
with exit code 1 before anything is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.export import export_table
from analyzer.nlp import parquet
from analyzer.nlp.runner import nlp_version
from analyzer.pipeline import ingest_paths, update_anatomy, update_nlp
from analyzer.store import Store

pytest.importorskip("pyarrow")
SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "sample" / "chapter-leaders"
TABLES = ("messages", "threads", "officials", "passages", "events", "quarantine",
          "participants")
MESSAGES = 84


def ingested(path: Path) -> Path:
    with Store(path) as store:
        ingest_paths(store, [SAMPLE])
    return path


def exports(store_path: Path, out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    with Store(store_path) as store:
        for table in TABLES:
            export_table(store, table, "csv", out / f"{table}.csv")
    return {table: (out / f"{table}.csv").read_bytes() for table in TABLES}


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The exports of the sample after a plain, in-process ``analyze``."""
    folder = tmp_path_factory.mktemp("plain")
    store_path = ingested(folder / "plain.sqlite")
    with Store(store_path) as store:
        update_anatomy(store)
        assert update_nlp(store) == MESSAGES
    found = exports(store_path, folder / "exports")
    assert found["officials"].count(b"\n") > 5 and found["events"].count(b"\n") > 5
    return found


def invoke(*args: str, store: Path | None = None):
    prefix = ["--store", str(store)] if store else []
    return CliRunner(env={"ANALYZER_CONFIG": ""}).invoke(cli, [*prefix, *args],
                                                          catch_exceptions=False)


def needing_nlp(store_path: Path) -> int:
    with Store(store_path) as store:
        return store.count_needing_nlp(nlp_version())


def assert_same_as_plain_analyze(store_path: Path, expected: dict, out: Path) -> None:
    got = exports(store_path, out)
    for table in TABLES:
        assert got[table] == expected[table], table
    again = invoke("analyze", store=store_path)
    assert "anatomy: 0 message(s)" in again.output and "nlp: 0 message(s)" in again.output


@pytest.fixture()
def exported(tmp_path: Path) -> tuple[Path, Path]:
    """A freshly ingested store and its NLP input (made through the CLI)."""
    store_path = ingested(tmp_path / "store.sqlite")
    result = invoke("export", "nlp-input", "-o", str(tmp_path / "input"), store=store_path)
    assert result.exit_code == 0, result.output
    assert f"wrote {MESSAGES} message(s)" in result.output
    return store_path, tmp_path / "input"


def test_round_trip_in_process_matches_plain_analyze(exported, expected, tmp_path):
    store_path, input_dir = exported
    results = tmp_path / "results"
    # The cluster side needs no store: the one named is never opened or created.
    ran = invoke("nlp", str(input_dir), "-o", str(results), store=tmp_path / "none.sqlite")
    assert ran.exit_code == 0, ran.output
    assert "1 of 1 partition(s) analysed (84 message(s))" in ran.output
    assert not (tmp_path / "none.sqlite").exists()
    assert sorted(p.name for p in results.iterdir()) == ["_nlp_results.json",
                                                          "part-00000.parquet"]

    imported = invoke("analyze", "--results", str(results), store=store_path)
    assert imported.exit_code == 0, imported.output
    assert f"nlp: {MESSAGES} message(s) imported" in imported.output
    assert_same_as_plain_analyze(store_path, expected, tmp_path / "exports")


def test_round_trip_on_a_dask_cluster(exported, expected, tmp_path):
    distributed = pytest.importorskip("distributed")
    store_path, input_dir = exported
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster:
        ran = invoke("nlp", str(input_dir), "-o", str(tmp_path / "results"),
                     "--scheduler", cluster.scheduler_address)
    assert ran.exit_code == 0, ran.output
    imported = invoke("analyze", "--results", str(tmp_path / "results"), store=store_path)
    assert imported.exit_code == 0, imported.output
    assert_same_as_plain_analyze(store_path, expected, tmp_path / "exports")


def test_an_interrupted_run_resumes_with_the_unfinished_partitions(tmp_path, expected,
                                                                   monkeypatch):
    store_path = ingested(tmp_path / "store.sqlite")
    input_dir, results = tmp_path / "input", tmp_path / "results"
    with Store(store_path) as store:
        made = parquet.export_nlp_input(store, input_dir, batch=20)
    assert (made.messages, made.partitions) == (MESSAGES, 5)

    calls = []
    real = parquet.nlp_partition

    def dies_on_the_third(model, items, n_process=1):
        calls.append(len(items))
        if len(calls) == 3:
            raise KeyboardInterrupt  # the job is killed mid-run
        return real(model, items, n_process)

    monkeypatch.setattr(parquet, "nlp_partition", dies_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        parquet.run_nlp(input_dir, results)
    finished = sorted(p.name for p in results.glob("part-*.parquet"))
    assert finished == ["part-00000.parquet", "part-00001.parquet"]
    assert not list(results.glob(".*.tmp"))  # nothing half-written is left behind
    stamps = {name: (results / name).stat().st_mtime_ns for name in finished}

    refused = invoke("analyze", "--results", str(results), store=store_path)
    assert refused.exit_code == 1
    assert "incomplete: 3 of 5 partition(s)" in refused.output
    assert needing_nlp(store_path) == MESSAGES

    monkeypatch.setattr(parquet, "nlp_partition", real)
    report = parquet.run_nlp(input_dir, results)
    assert (report.skipped, report.analysed) == (2, 3)
    assert {n: (results / n).stat().st_mtime_ns for n in finished} == stamps

    (results / "part-00003.parquet").write_bytes(b"PAR1 truncated")  # damaged on disk
    again = invoke("nlp", str(input_dir), "-o", str(results))
    assert again.exit_code == 0, again.output
    assert "1 of 5 partition(s) analysed" in again.output and "4 already finished" in again.output

    imported = invoke("analyze", "--results", str(results), store=store_path)
    assert imported.exit_code == 0, imported.output
    assert_same_as_plain_analyze(store_path, expected, tmp_path / "exports")


@pytest.fixture()
def results_of(exported, tmp_path) -> tuple[Path, Path]:
    store_path, input_dir = exported
    parquet.run_nlp(input_dir, tmp_path / "results")
    return store_path, tmp_path / "results"


def test_results_of_another_pipeline_version_are_refused(results_of, monkeypatch):
    store_path, results = results_of
    made_with = nlp_version()
    monkeypatch.setattr("analyzer.nlp.runner.PIPELINE_VERSION", 99)  # the store machine upgraded
    result = invoke("analyze", "--results", str(results), store=store_path)
    assert result.exit_code == 1
    assert f"made with NLP version {made_with}" in result.output
    assert f"this store saves version {nlp_version()}" in result.output
    monkeypatch.undo()
    assert needing_nlp(store_path) == MESSAGES


def test_input_of_another_version_is_refused_on_the_cluster(exported, tmp_path):
    _, input_dir = exported
    manifest_path = input_dir / parquet.INPUT_MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps({**manifest, "version": "1.1"}))
    result = invoke("nlp", str(input_dir), "-o", str(tmp_path / "results"))
    assert result.exit_code == 1
    assert "made with NLP version 1.1" in result.output and "this machine runs" in result.output
    assert not (tmp_path / "results").exists()


def test_results_for_texts_changed_since_the_export_are_refused(results_of):
    store_path, results = results_of
    with Store(store_path) as store, store.transaction():
        row = store.db.execute("SELECT m.id, m.message_id FROM messages m JOIN anatomy a"
                               " ON a.message_rowid = m.id ORDER BY m.id LIMIT 1 OFFSET 7"
                               ).fetchone()
        store.db.execute("UPDATE anatomy SET new_text = new_text || ' Edited.'"
                         " WHERE message_rowid = ?", (row["id"],))
    result = invoke("analyze", "--results", str(results), store=store_path)
    assert result.exit_code == 1
    assert "1 message(s) changed since the NLP input was exported" in result.output
    assert row["message_id"] in result.output and "nothing was imported" in result.output
    assert needing_nlp(store_path) == MESSAGES


def test_results_for_messages_analysed_here_since_are_skipped(results_of):
    store_path, results = results_of
    with Store(store_path) as store:
        update_nlp(store)
    result = invoke("analyze", "--results", str(results), store=store_path)
    assert result.exit_code == 0, result.output
    assert "nlp: 0 message(s) imported" in result.output
    assert f"{MESSAGES} result(s) skipped" in result.output


def test_missing_or_damaged_input_is_a_clear_error(exported, tmp_path):
    _, input_dir = exported
    out = str(tmp_path / "results")

    missing = invoke("nlp", str(tmp_path / "nowhere"), "-o", out)
    assert missing.exit_code == 1 and "is not a folder" in missing.output

    (tmp_path / "empty").mkdir()
    empty = invoke("nlp", str(tmp_path / "empty"), "-o", out)
    assert empty.exit_code == 1
    assert "has no _nlp_input.json" in empty.output and "export nlp-input" in empty.output

    partition = input_dir / "part-00000.parquet"
    data = bytearray(partition.read_bytes())
    data[len(data) // 2] ^= 0xFF
    partition.write_bytes(bytes(data))
    damaged = invoke("nlp", str(input_dir), "-o", out)
    assert damaged.exit_code == 1 and "is damaged" in damaged.output

    partition.unlink()
    gone = invoke("nlp", str(input_dir), "-o", out)
    assert gone.exit_code == 1 and "cannot be read" in gone.output

    (input_dir / parquet.INPUT_MANIFEST).write_text("{not json")
    bad = invoke("nlp", str(input_dir), "-o", out)
    assert bad.exit_code == 1 and "_nlp_input.json is damaged" in bad.output


def test_missing_results_and_misused_options_are_refused(exported, tmp_path):
    store_path, input_dir = exported
    missing = invoke("analyze", "--results", str(tmp_path / "nowhere"), store=store_path)
    assert missing.exit_code == 1 and "is not a folder" in missing.output
    not_results = invoke("analyze", "--results", str(input_dir), store=store_path)
    assert not_results.exit_code == 1 and "has no _nlp_results.json" in not_results.output
    assert invoke("analyze", "--results", str(input_dir), "--workers", "2",
                  store=store_path).exit_code == 2
    assert invoke("export", "nlp-input", "--format", "csv", "-o", str(tmp_path / "x"),
                  store=store_path).exit_code == 2
    assert invoke("export", "nlp-input", store=store_path).exit_code == 2
    assert needing_nlp(store_path) == MESSAGES
