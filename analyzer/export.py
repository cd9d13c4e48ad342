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
