"""A canonical dump of a store: what two runs must agree on, in a stable order.

Two stores built from the same inputs by different histories (a clean run, or a
run killed with SIGKILL and started again) must hold the same *facts*.  They
will not hold the same bytes: SQLite pages, free lists, the WAL, full-text
segment merges and the clock all differ.  :func:`canonical_dump` reads every
table the schema has and returns its rows as sorted tuples without the columns
that may legitimately differ (and without the caches whose presence depends on
history), so ``canonical_dump(a) == canonical_dump(b)`` is the test "same state".

Tables are discovered from ``sqlite_master``, so a table added by a later
migration is compared in full by default; anything it holds that may differ
between runs must be added to :data:`EXCLUDED`, :data:`EXCLUDED_ROWS` or
:data:`EXCLUDED_TABLES` (with the reason) on purpose.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

#: Columns left out of the dump, per table, each with the reason it may differ
#: between two runs that reached the same state.
EXCLUDED: dict[str, dict[str, str]] = {
    "schema_migrations": {
        "applied_at": "wall-clock time the migration ran",
    },
    "messages": {
        "id": "SQLite rowid: the row's identity is (list, message_id); rows of other "
              "tables that point at it are dumped with that key instead",
        "ingested_at": "wall-clock time of the run that inserted the row",
    },
    "quarantine": {
        "id": "rowid; identity is (source, position, reason)",
        "recorded_at": "wall-clock time",
    },
    "conflicts": {
        "id": "rowid; identity is (list, message_id, other_hash)",
        "recorded_at": "wall-clock time",
    },
    "sources": {
        "mtime_ns": "the file's modification time on disk, only a cache key for skipping "
                    "unchanged files (a re-downloaded mirror file gets a new one); "
                    "size and digest identify the content",
        "ingested_at": "wall-clock time",
    },
    "forwarded": {
        "id": "rowid; identity is (message, position)",
    },
    "nlp_runs": {
        "analysed_at": "wall-clock time",
    },
    "official_mentions": {
        "id": "rowid, assigned in insertion order; the rows are a multiset per message",
    },
    "passages": {
        "id": "rowid, assigned in insertion order; the rows are a multiset per message",
    },
    "events": {
        "id": "rowid, assigned in insertion order; the rows are a multiset per message",
    },
    "sent_digests": {
        "id": "rowid; identity is (list, period, recipient)",
        "sent_at": "wall-clock time of the delivery",
    },
}

#: Tables left out whole, each with the reason: caches whose presence depends on
#: history, not on the facts.
EXCLUDED_TABLES: dict[str, str] = {
    "thread_keys": "threading's key map, built from a list's second threading on (a "
                   "clean run threads once, a run started again may thread twice); its "
                   "groups are named by row ids. The links it yields are in messages.",
    "thread_groups": "the members of thread_keys' groups, as row ids (same reason)",
}

#: Rows left out, per table: (SQL condition selecting the rows kept, reason).
EXCLUDED_ROWS: dict[str, tuple[str, str]] = {
    "store_state": ("key NOT LIKE 'threaded:%'",
                    "threading marks record row ids and whether the key map is built "
                    "(see EXCLUDED_TABLES); the other marks are facts both runs must share"),
}

#: Columns holding a ``messages.id``; dumped as the message's ``list`` and
#: ``message_id`` joined by a NUL so they compare across stores.
MESSAGE_REFERENCES = frozenset({"message_rowid"})

#: The full-text index is compared through its content (see :func:`_fts_rows`),
#: never through its shadow tables, whose b-tree segments depend on history.
FTS_TABLES = frozenset({"messages_fts"})

Dump = dict[str, list[tuple[Any, ...]]]


def canonical_dump(path: str | Path) -> Dump:
    """Every table of the store at ``path`` as sorted row tuples, minus :data:`EXCLUDED`.

    Keys are table names; each value starts with the tuple of column names kept,
    followed by the rows sorted (``None`` before any value).  ``messages_fts``
    appears as ``(term, column, message key, occurrences)`` rows read through an
    ``fts5vocab`` table, so a message missing from the index, indexed twice, or
    indexed with stale text shows as a difference.  The store is opened
    read-only; nothing is written, not even the WAL is checkpointed.
    """
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    db = sqlite3.connect(uri, uri=True)
    try:
        keys = {row[0]: f"{row[1]}\0{row[2]}"
                for row in db.execute("SELECT id, list, message_id FROM messages")}
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name")]
        shadow = {f"{t}_{s}" for t in FTS_TABLES for s in ("data", "idx", "docsize",
                                                            "config", "content")}
        dump: Dump = {}
        for table in tables:
            if table in shadow or table in EXCLUDED_TABLES:
                continue
            if table in FTS_TABLES:
                dump[table] = _fts_rows(db, table, keys)
                continue
            dump[table] = _table_rows(db, table, keys)
        return dump
    finally:
        db.close()


def _table_rows(db: sqlite3.Connection, table: str, keys: dict[int, str]) -> list[tuple]:
    columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
    kept = [c for c in columns if c not in EXCLUDED.get(table, {})]
    quoted = ", ".join(f'"{c}"' for c in kept)
    refs = [i for i, c in enumerate(kept) if c in MESSAGE_REFERENCES]
    rows = []
    where = f" WHERE {EXCLUDED_ROWS[table][0]}" if table in EXCLUDED_ROWS else ""
    for row in db.execute(f'SELECT {quoted} FROM "{table}"{where}'):
        values = list(row)
        for i in refs:
            values[i] = keys.get(values[i], f"<missing message rowid {values[i]}>")
        rows.append(tuple(values))
    return [tuple(kept), *sorted(rows, key=_sort_key)]


def _fts_rows(db: sqlite3.Connection, table: str, keys: dict[int, str]) -> list[tuple]:
    """The index's content: (term, column, message key, count) from ``fts5vocab``.

    The vocabulary table lives in the connection's ``temp`` schema, so reading it
    needs no write to the store.
    """
    db.execute(f'CREATE VIRTUAL TABLE IF NOT EXISTS temp."{table}_dump_vocab"'
               f" USING fts5vocab(main, '{table}', 'instance')")
    rows = [
        (term, col, keys.get(doc, f"<missing message rowid {doc}>"), count)
        for term, col, doc, count in db.execute(
            f'SELECT term, col, doc, count(*) FROM temp."{table}_dump_vocab"'
            " GROUP BY term, col, doc")
    ]
    return [("term", "column", "message", "occurrences"), *sorted(rows, key=_sort_key)]


def _sort_key(row: tuple) -> tuple:
    """Rows sort by value with ``None`` first and mixed types kept apart."""
    return tuple((v is not None, type(v).__name__, v) for v in row)


def dump_differences(a: Dump, b: Dump, limit: int = 10) -> list[str]:
    """Human-readable differences between two dumps (for assertion messages)."""
    out: list[str] = []
    for table in sorted(set(a) | set(b)):
        if table not in a or table not in b:
            out.append(f"{table}: only in {'second' if table not in a else 'first'} dump")
            continue
        rows_a, rows_b = a[table], b[table]
        if rows_a[:1] != rows_b[:1]:
            out.append(f"{table}: columns {rows_a[:1]} != {rows_b[:1]}")
            continue
        set_a, set_b = _multiset(rows_a[1:]), _multiset(rows_b[1:])
        only_a = [r for r in set_a if set_a[r] > set_b.get(r, 0)]
        only_b = [r for r in set_b if set_b[r] > set_a.get(r, 0)]
        if only_a or only_b:
            out.append(f"{table}: {len(only_a)} row(s) only in the first, "
                       f"{len(only_b)} only in the second")
            out += [f"  - {_short(r)}" for r in only_a[:limit]]
            out += [f"  + {_short(r)}" for r in only_b[:limit]]
    return out


def _multiset(rows: list[tuple]) -> dict[tuple, int]:
    counts: dict[tuple, int] = {}
    for row in rows:
        counts[row] = counts.get(row, 0) + 1
    return counts


def _short(row: tuple, width: int = 300) -> str:
    text = repr(row)
    return text if len(text) <= width else text[:width] + "…"
