"""The SQLite store (the only package with SQL)."""

from analyzer.store.database import Store, ThreadingMark, UpsertStats

__all__ = ["Store", "ThreadingMark", "UpsertStats"]
