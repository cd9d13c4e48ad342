"""The SQLite store (the only package with SQL)."""

from analyzer.store.database import Store, UpsertStats

__all__ = ["Store", "UpsertStats"]
