"""Write export tables as CSV, JSON Lines or Parquet (columns per the contract).

Rows stream from the store to the file, so exporting a million messages needs
no more memory than one batch.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from analyzer.store import Store
from analyzer.store.database import EXPORT_COLUMNS, iter_export_rows

TABLES = tuple(EXPORT_COLUMNS)
FORMATS = ("csv", "jsonl", "parquet")


def export_table(
    store: Store, table: str, fmt: str, out: Path | None, list_name: str | None = None
) -> int:
    """Write one table; ``out=None`` writes text formats to stdout. Returns row count."""
    if table == "participants":
        rows = participant_rows(store, list_name)
    else:
        rows = iter_export_rows(store, table, list_name)
    columns = EXPORT_COLUMNS[table]
    if fmt == "parquet":
        if out is None:
            raise ValueError("parquet needs an output file (-o FILE)")
        return _write_parquet(rows, columns, out)
    if out is None:
        return _write_text(rows, columns, fmt, sys.stdout)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        return _write_text(rows, columns, fmt, fh)


def participant_rows(store: Store, list_name: str | None = None) -> Iterator[dict]:
    """Participants computed on the fly, one list at a time to bound memory.

    Nothing is written to the store: the merge rules will keep improving, and a
    stored table would silently go stale after each change.
    """
    from analyzer.analysis.participants import merge_participants

    columns = EXPORT_COLUMNS["participants"]
    for name in [list_name] if list_name else store.lists():
        for p in merge_participants(dict(row) for row in store.iter_senders(name)):
            row = {
                "list": p.list, "participant_id": p.participant_id, "name": p.name,
                "addresses": json.dumps(p.addresses, ensure_ascii=False),
                "names": json.dumps(p.names, ensure_ascii=False), "messages": p.messages,
                "first_seen": p.first_seen, "last_seen": p.last_seen,
            }
            yield {c: row[c] for c in columns}


def _write_text(rows: Iterator[dict], columns: list[str], fmt: str, fh: IO[str]) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(fh, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            count += 1
        return count
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_parquet(rows: Iterator[dict], columns: list[str], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out.parent.mkdir(parents=True, exist_ok=True)
    writer = None
    count = 0
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == 10_000:
            writer = _flush(pa, pq, writer, batch, columns, out)
            count += len(batch)
            batch = []
    if batch or writer is None:
        writer = _flush(pa, pq, writer, batch, columns, out)
        count += len(batch)
    writer.close()
    return count


def _flush(pa, pq, writer, batch: list[dict], columns: list[str], out: Path):
    table = pa.Table.from_pylist(batch, schema=_schema(pa, columns)) if batch else pa.table(
        {c: pa.array([], type=_schema(pa, columns).field(c).type) for c in columns}
    )
    if writer is None:
        writer = pq.ParquetWriter(out, table.schema)
    writer.write_table(table)
    return writer


def _schema(pa, columns: list[str]):
    ints = {"forwarded_count", "messages", "participants", "mentions"}
    return pa.schema([(c, pa.int64() if c in ints else pa.string()) for c in columns])


#: Tables that can be written as a dataset partitioned by list and year, with the
#: column the year comes from.  The others have no list column to partition on.
PARTITION_YEAR_COLUMN = {"messages": "date", "threads": "first_date"}


def write_parquet_dataset(store: Store, table: str, out_dir: Path,
                          list_name: str | None = None) -> int:
    """Write ``table`` as a Hive-partitioned Parquet dataset; returns the row count.

    Layout ``OUT_DIR/list=NAME/year=YYYY/part-0.parquet``, the convention DuckDB
    (``read_parquet('OUT_DIR/**/*.parquet', hive_partitioning=true)``), Dask, Spark and
    pyarrow read as-is, so a year of one list loads without scanning the rest.  The
    files hold the contract's columns except ``list`` (it lives in the folder name,
    as Hive partitioning requires); readers add ``list`` and ``year`` back.  ``year``
    is the UTC year of ``date`` (messages) or ``first_date`` (threads); undated rows
    (quarantine placeholders) land in ``year=__HIVE_DEFAULT_PARTITION__``.  Existing
    partitions written again are replaced, so a re-export does not duplicate rows.
    """
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    if table not in PARTITION_YEAR_COLUMN:
        raise ValueError(f"only {', '.join(PARTITION_YEAR_COLUMN)} can be partitioned by "
                         f"list and year, not {table}")
    date_column = PARTITION_YEAR_COLUMN[table]
    schema = _schema(pa, EXPORT_COLUMNS[table]).append(pa.field("year", pa.int32()))
    out_dir.mkdir(parents=True, exist_ok=True)
    # pyarrow writes datasets from its own threads, and a sqlite3 connection may only be
    # used by the thread that opened it: rows stream first into one staging file (in
    # this thread, one batch in memory), which pyarrow then scans into the partitions.
    staging = out_dir / f".staging-{table}.parquet"
    count = 0
    try:
        with pq.ParquetWriter(staging, schema) as writer:
            batch: list[dict] = []
            for row in iter_export_rows(store, table, list_name):
                when = row[date_column]
                batch.append({**row, "year": int(when[:4]) if when else None})
                if len(batch) == 10_000:
                    writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
                    count += len(batch)
                    batch = []
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            count += len(batch)
        partitioning = ds.partitioning(
            pa.schema([("list", pa.string()), ("year", pa.int32())]), flavor="hive")
        ds.write_dataset(ds.dataset(staging, format="parquet"), out_dir, format="parquet",
                         partitioning=partitioning, basename_template="part-{i}.parquet",
                         existing_data_behavior="delete_matching")
    finally:
        staging.unlink(missing_ok=True)
    return count
