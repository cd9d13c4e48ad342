"""The partitioned Parquet dataset reads back (pyarrow, Hive layout) equal to the CSV export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.pipeline import ingest_paths
from analyzer.store import Store
from analyzer.store.database import EXPORT_COLUMNS

ds = pytest.importorskip("pyarrow.dataset")
SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "sample" / "chapter-leaders"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parquet") / "analyzer.sqlite"
    with Store(path) as store:
        ingest_paths(store, [SAMPLE])
    return path


def invoke(store: Path, *args: str):
    return CliRunner().invoke(cli, ["--store", str(store), *args], catch_exceptions=False)


@pytest.mark.parametrize("table", ["messages", "threads"])
def test_partitioned_dataset_matches_csv(store_path: Path, tmp_path: Path, table: str) -> None:
    out, csv_path = tmp_path / "dataset", tmp_path / f"{table}.csv"
    assert invoke(store_path, "export", table, "--format", "csv", "-o", str(csv_path)
                  ).exit_code == 0
    result = invoke(store_path, "export", table, "--format", "parquet", "--partitioned",
                    "-o", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "list=chapter-leaders" / "year=2025" / "part-0.parquet").is_file()

    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    data = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    assert data.num_rows == len(rows) > 0
    assert set(data.column_names) == {*EXPORT_COLUMNS[table], "year"}
    assert list(rows[0]) == EXPORT_COLUMNS[table]
    ids = "message_id" if table == "messages" else "thread_id"
    assert sorted(data.column(ids).to_pylist()) == sorted(r[ids] for r in rows)

    # A second export replaces the partitions instead of adding duplicate files.
    invoke(store_path, "export", table, "--format", "parquet", "--partitioned", "-o", str(out))
    assert ds.dataset(out, format="parquet", partitioning="hive").count_rows() == len(rows)
    assert not list(out.glob(".staging-*"))


def test_partitioned_needs_parquet_and_a_list_table(store_path: Path, tmp_path: Path) -> None:
    for args in (["messages", "--format", "csv"], ["events", "--format", "parquet"]):
        result = invoke(store_path, "export", *args, "--partitioned", "-o", str(tmp_path / "x"))
        assert result.exit_code == 2
        assert "--partitioned" in result.output
