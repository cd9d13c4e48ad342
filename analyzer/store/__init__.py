"""The SQLite store (the only package with SQL)."""

from analyzer.store.database import KeyMap, Store, ThreadingMark, UpsertStats

__all__ = ["KeyMap", "Store", "ThreadingMark", "UpsertStats"]
