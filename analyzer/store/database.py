"""The SQLite store: the only module that writes SQL.

WAL mode lets readers (notebooks, ``analyzer search``) work while an ingest
writes; every write happens in a transaction so a crash leaves the previous
consistent state.  All SQL takes parameters, never interpolated values.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from analyzer.errors import SearchSyntaxError, StoreError
from analyzer.ingest.message import derived_fields
from analyzer.models import Message, Quarantined, ThreadLink
from analyzer.store.schema import MIGRATIONS

BATCH = 500
#: Messages per ``executemany`` (and per transaction outside ``Store.bulk``).
WRITE_BATCH = 2000
#: Messages per transaction inside ``Store.bulk`` (ingest), across files.  Every
#: commit writes each B-tree page the transaction dirtied, and new rows land on
#: random leaves of the id, sender and thread indexes.  Storing 58,100 parsed
#: messages into a store of 942k: a commit per 2,000 (the old per-file batches)
#: cost 95-119 us of CPU a message (8.2-10.1 s; ~150 KB of pages written per
#: message); a commit per 20,000 with a 128-512 MB cache, 64-70 us (4.7-5.3 s).
COMMIT_EVERY = 20_000
#: ... and inside one file bigger than that (a single huge mbox), so that its
#: transaction, WAL and dirty pages stay bounded too.
COMMIT_INSIDE_FILE = 4 * COMMIT_EVERY
#: ``store_state`` key prefix of lists stored since they were last threaded.
_THREADS_PENDING = "threads_pending:"
#: ``store_state`` key prefix of a list's threading mark (JSON of ThreadingMark).
_THREADED = "threaded:"
#: What threading reads of each message (the body only for digest-like subjects).
_THREAD_INPUTS = (
    "SELECT id, message_id, in_reply_to, refs, subject, date,"
    " CASE WHEN subject LIKE '%digest%' THEN body ELSE '' END,"
    " parent_id, thread_id, thread_link FROM messages"
)
#: Gives a new message its likely (parent_id, thread_id, thread_link) at insert.
LinkGuess = Callable[[Message], tuple[str | None, str | None, str | None]]


@dataclass(frozen=True)
class ThreadingMark:
    """How a list was last threaded (kept in ``store_state`` as JSON).

    ``upto``: the highest message row id in the store then, so rows above it in
    the list are new since, and ``last`` the Message-ID in that row (a deleted
    last row's id is reused by the next insert); ``count``: the list's messages
    then, so that rows deleted since are noticed; ``version``:
    ``threading.THREADING_VERSION`` then; ``keys``: whether ``thread_keys``
    holds the list's complete key map.
    """

    upto: int
    count: int
    version: int
    keys: bool = False
    last: str = ""


@dataclass(slots=True)
class KeyMap:
    """A list's threading keys → group, and each group's messages (row ids).

    ``replaces``: the stored groups this map supersedes (those an incremental
    threading read), or None when it is the list's whole map.
    """

    keys: dict[str, int]
    members: dict[int, list[int]]
    replaces: set[int] | None = None


@dataclass(slots=True)
class UpsertStats:
    """What an upsert did: new rows, exact duplicates skipped, conflicts recorded."""

    inserted: int = 0
    duplicates: int = 0
    conflicts: int = 0

    def add(self, other: UpsertStats) -> None:
        self.inserted += other.inserted
        self.duplicates += other.duplicates
        self.conflicts += other.conflicts


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


#: Page cache per connection, in KiB: it should hold the pages a bulk transaction
#: dirties (at 1M messages, by index size, a few hundred MB) or SQLite spills them
#: to the WAL early (the 942k-message case above, commits per 20,000: 78-87 us a
#: message with 64 MB, 70 with 128 MB, 64 with 512 MB).  It costs nothing until
#: pages are actually used.
CACHE_KIB = 128 * 1024
#: Page size of new stores.  A message row is ~1.5 KB (body inline) and every
#: insert touches five B-trees plus the full-text segments: with 4 KB pages, bulk
#: ingest spent a third of its time in the kernel writing WAL frames and
#: checkpoints.  Inserting 100k stored messages with their full-text rows, per
#: message (user + system CPU): 4 KB 82 us, 16 KB 70 us, 32 KB 63 us, 64 KB 59 us;
#: 32 KB keeps most of the gain without making each random read fetch 64 KB.
PAGE_SIZE = 32 * 1024


class Store:
    """A corpus of archived messages in one SQLite file."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not self.path.exists() or self.path.stat().st_size == 0
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self._bulk: int | None = None  # messages written in the open bulk transaction
        if new:  # fixed once the file has content (and WAL is on); old stores keep theirs
            self.db.execute(f"PRAGMA page_size={PAGE_SIZE}")
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        # SQLite's default 2 MB page cache is smaller than the pages a bulk
        # transaction dirties (see CACHE_KIB).
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        self.migrate()

    def close(self) -> None:
        """Checkpoint and close (readers see everything in the main file)."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema -----------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Apply pending migrations; return the versions applied now."""
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in self.db.execute("SELECT version FROM schema_migrations")}
        applied = []
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for statement in _split_sql(sql):
                    self.db.execute(statement)
                self.db.execute(
                    "INSERT INTO schema_migrations VALUES (?, ?, ?)", (version, name, _now())
                )
                self.db.execute("COMMIT")
            except sqlite3.Error as exc:
                self.db.execute("ROLLBACK")
                raise StoreError(f"migration {version} ({name}) failed: {exc}") from exc
            applied.append(version)
        return applied

    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    # -- writes -----------------------------------------------------------------

    def upsert_messages(self, messages: Iterable[Message],
                        guess_links: LinkGuess | None = None) -> UpsertStats:
        """Insert new messages; same id + same content is a duplicate, else a conflict.

        The first copy of a Message-ID wins (archives are append-only, so the
        first copy is the original); a different body under the same id is kept
        in ``conflicts`` for inspection rather than silently overwritten.
        ``guess_links`` gives each new row its likely thread links, so that
        threading afterwards rewrites only the rows it corrects; every list that
        gets new rows is marked as waiting for threading in the same transaction.
        """
        stats = UpsertStats()
        for batch in _batches(messages, WRITE_BATCH):
            stats.add(self._write_batch(batch, [message_row(m, guess_links) for m in batch]))
            if self._bulk is not None:
                self._bulk += len(batch)
                if self._bulk >= COMMIT_INSIDE_FILE:
                    self.commit_if_due()
        return stats

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Group the block's writes into transactions of about ``COMMIT_EVERY`` messages.

        Writes inside join one transaction, begun at the first write and
        committed by ``commit_if_due`` once that many messages were written (so a
        transaction spans files; inside one huge file, every
        ``COMMIT_INSIDE_FILE``) and at the end; an error rolls back what was not
        committed yet.  Ingest records a file as done in the same transaction as its last
        messages and commits only between files, so a crash still leaves a
        consistent store and the next run re-reads only the files whose work was
        lost.  Other writers wait for at most one such transaction.
        """
        if self._bulk is not None:  # already inside one
            yield
            return
        self._bulk = 0
        try:
            yield
        except BaseException:
            self._end_bulk("ROLLBACK")
            raise
        self._end_bulk("COMMIT")

    def _end_bulk(self, how: str) -> None:
        if self.db.in_transaction:
            self.db.execute(how)
        self._bulk = None

    def commit_if_due(self) -> None:
        """In a bulk, commit once ``COMMIT_EVERY`` messages were written since the last
        commit; ingest calls it at the end of each file, after recording the file."""
        if self._bulk is not None and self._bulk >= COMMIT_EVERY and self.db.in_transaction:
            self.db.execute("COMMIT")
            self._bulk = 0

    def _write_batch(self, batch: list[Message], rows: list[tuple]) -> UpsertStats:
        """Store one batch in one transaction with one ``executemany``.

        Which messages were new is read back from the rows added after the
        batch's first row id (only when some were not: duplicates and
        conflicts are rare and settled one by one).
        """
        now = _now()
        with self.transaction():
            before = self.db.execute("SELECT coalesce(max(id), 0) FROM messages").fetchone()[0]
            inserted = self.db.executemany(_INSERT_MESSAGE, [(*row, now) for row in rows]).rowcount
            self._index_text_after(before)
            stats = UpsertStats(inserted=inserted)
            lists = {message.list for message in batch}
            if inserted < len(batch):
                new = self.db.execute("SELECT list, message_id FROM messages WHERE id > ?",
                                      (before,)).fetchall()
                lists = {row[0] for row in new}
                self._settle_leftovers(batch, {tuple(row) for row in new}, now, stats)
            self.db.executemany(
                "INSERT OR IGNORE INTO store_state VALUES (?, '1')",
                [(_THREADS_PENDING + name,) for name in sorted(lists)])
        return stats

    def _settle_leftovers(self, batch: list[Message], new: set[tuple[str, str]], now: str,
                          stats: UpsertStats) -> None:
        """Messages of a batch that were not inserted: duplicates or conflicts."""
        for message in batch:
            key = (message.list, message.message_id)
            if key in new:
                new.discard(key)  # its first copy was inserted; a later one is not
            elif self._record_conflict(message, now):
                stats.conflicts += 1
            else:
                stats.duplicates += 1

    def _index_text_after(self, rowid: int) -> None:
        """Add the rows inserted after ``rowid`` to the full-text index."""
        self.db.execute(
            "INSERT INTO messages_fts (rowid, subject, body) SELECT id, subject, body"
            " FROM messages WHERE id > ?", (rowid,))

    def _record_conflict(self, message: Message, now: str) -> bool:
        """Record a same-id/different-content arrival; False for a true duplicate."""
        kept = self.db.execute(
            "SELECT content_hash FROM messages WHERE list = ? AND message_id = ?",
            (message.list, message.message_id),
        ).fetchone()[0]
        if kept == message.content_hash:
            self._repair_replaced_characters(message)
            return False
        self.db.execute(
            "INSERT INTO conflicts (list, message_id, kept_hash, other_hash, source, position,"
            " recorded_at) VALUES (?,?,?,?,?,?,?) ON CONFLICT DO NOTHING",
            (message.list, message.message_id, kept, message.content_hash, message.source,
             message.position, now),
        )
        return True

    def _repair_replaced_characters(self, message: Message) -> None:
        """A duplicate with real characters where the stored copy has ``?`` wins.

        Same fingerprint means same text once non-ASCII is folded to ``?``; a copy
        from a utf-8 rebuild of a us-ascii archive restores what was lost.  The
        batch's new rows are already in the full-text index (the update trigger
        removes the old text from it).
        """
        if message.body.isascii():
            return
        cursor = self.db.execute(
            "UPDATE messages SET body = ? WHERE list = ? AND message_id = ?"
            " AND length(body) - length(replace(body, '?', '')) > ?",
            (message.body, message.list, message.message_id, message.body.count("?")),
        )
        if cursor.rowcount and "digest" in message.subject.lower():
            # Threading reads the ids a digest reply quotes from its body (only
            # for such subjects): its keys may have changed.
            self.forget_thread_keys(message.list)

    def add_quarantine(self, items: Iterable[Quarantined]) -> int:
        """Keep what could not be parsed, with where it was and why; idempotent."""
        count = 0
        now = _now()
        with self.transaction():
            for item in items:
                cursor = self.db.execute(
                    "INSERT INTO quarantine (list, source, position, reason, raw_excerpt,"
                    " recorded_at) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                    (item.list, item.source, item.position, item.reason,
                     item.raw_excerpt[:2000], now),
                )
                count += cursor.rowcount
        return count

    def transaction(self) -> _Transaction:
        """``with store.transaction():`` — BEGIN IMMEDIATE … COMMIT or ROLLBACK.

        Inside ``bulk`` it joins the bulk transaction instead.
        """
        return _Transaction(self.db, bulk=self._bulk is not None)

    # -- incremental ingest -----------------------------------------------------

    def known_source(self, source: str) -> tuple:
        """(size, mtime_ns, digest, messages) recorded when this file was last ingested
        completely, or four ``None`` for a file never ingested."""
        row = self.db.execute(
            "SELECT size, mtime_ns, digest, messages FROM sources WHERE source = ?", (source,)
        ).fetchone()
        return tuple(row) if row is not None else (None, None, None, None)

    def record_source(
        self, source: str, list_name: str, size: int, mtime_ns: int, digest: str, messages: int
    ) -> None:
        """Remember a completely ingested file so an unchanged re-run can skip it."""
        with self.transaction():
            self.db.execute(
                "INSERT INTO sources VALUES (?,?,?,?,?,?,?) ON CONFLICT (source) DO UPDATE SET"
                " list=excluded.list, size=excluded.size, mtime_ns=excluded.mtime_ns,"
                " digest=excluded.digest, messages=excluded.messages,"
                " ingested_at=excluded.ingested_at",
                (source, list_name, size, mtime_ns, digest, messages, _now()),
            )

    def lists_with_unthreaded_messages(self) -> list[str]:
        """Lists holding messages that have no thread yet, or only a guessed one.

        Runs on every ingest, also unchanged cron re-runs, so it must not scan the
        table: lists stored since their last threading are marked in
        ``store_state`` (with the rows, in one transaction); for stores written
        before the mark existed, the recursive query hops from list to list in
        the ``(list, date)`` index and probes each with the ``(list, thread_id)``
        index, a few page reads per list whatever the store's size.
        """
        marked = [row[0][len(_THREADS_PENDING):] for row in self.db.execute(
            "SELECT key FROM store_state WHERE substr(key, 1, ?) = ?",
            (len(_THREADS_PENDING), _THREADS_PENDING))]
        unthreaded = [row[0] for row in self.db.execute(
            "WITH RECURSIVE lists(name) AS (SELECT min(list) FROM messages UNION ALL"
            " SELECT (SELECT min(list) FROM messages WHERE list > name) FROM lists"
            " WHERE name IS NOT NULL)"
            " SELECT name FROM lists WHERE name IS NOT NULL AND EXISTS"
            " (SELECT 1 FROM messages WHERE list = name AND thread_id IS NULL)")]
        return sorted(set(marked) | set(unthreaded))

    def volume_messages(self, list_name: str, source: str) -> list[sqlite3.Row]:
        """Messages first seen in one file, in the order they were read."""
        return self.db.execute(
            "SELECT message_id, subject, archive_url FROM messages WHERE list = ? AND source = ?"
            " ORDER BY id", (list_name, source),
        ).fetchall()

    def set_archive_urls(self, list_name: str, links: dict[str, str]) -> int:
        """Set page links for messages that have none yet."""
        with self.transaction():
            return sum(
                self.db.execute(
                    "UPDATE messages SET archive_url = ? WHERE list = ? AND message_id = ?"
                    " AND archive_url = ''", (url, list_name, mid),
                ).rowcount
                for mid, url in links.items()
            )

    # -- anatomy ----------------------------------------------------------------

    def iter_needing_anatomy(self, version: int, list_name: str | None = None,
                             batch: int = BATCH) -> Iterator[list[sqlite3.Row]]:
        """Batches of messages without an anatomy of this version."""
        return self._pages(
            "SELECT m.id, m.list, m.message_id, m.parent_id, m.thread_id, m.subject,"
            " m.body, m.date FROM messages m LEFT JOIN anatomy a ON a.message_rowid = m.id"
            " WHERE m.id > ? AND (a.version IS NULL OR a.version != ?)"
            " AND (? IS NULL OR m.list = ?) ORDER BY m.id LIMIT ?",
            (version, list_name, list_name), batch,
        )

    def anatomy_behind(self, version: int) -> bool:
        """Whether some message lacks an anatomy of ``version``, cheaply.

        Anatomy rows are one per message, so comparing two counts (each read from
        the smallest index, ~5 ms at 100k messages) is exact, also after an
        ``analyze --list`` that did one list only; the anti-join of
        :meth:`count_needing_anatomy` costs ten times more.  ``show``, ``export``
        and ``digest`` ask this on every call.
        """
        return self.db.execute(
            "SELECT (SELECT count(*) FROM messages)"
            " > (SELECT count(*) FROM anatomy WHERE version = ?)", (version,),
        ).fetchone()[0] == 1

    def count_needing_anatomy(self, version: int, list_name: str | None = None) -> int:
        return self._count_behind("anatomy", version, list_name)

    def _count_behind(self, table: str, version: int | str, list_name: str | None) -> int:
        """Messages (of one list, or all) without a ``table`` row of ``version``."""
        assert table in ("anatomy", "nlp_runs")  # a name in SQL, never input
        return self.db.execute(
            f"SELECT count(*) FROM messages m LEFT JOIN {table} t ON t.message_rowid = m.id"
            " WHERE (t.version IS NULL OR t.version != ?) AND (? IS NULL OR m.list = ?)",
            (version, list_name, list_name),
        ).fetchone()[0]

    def _pages(self, sql: str, params: tuple, batch: int) -> Iterator[list[sqlite3.Row]]:
        """Keyset paging over ``m.id``: each batch starts after the last id seen.

        Unlike OFFSET paging it stays fast on millions of rows, and rows updated
        while the caller works on a batch are never skipped or repeated.
        """
        last = 0
        while True:
            rows = self.db.execute(sql, (last, *params, batch)).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1]["id"]

    def save_anatomy(self, results: Iterable[tuple[int, int, Any]]) -> int:
        """Store (rowid, version, Anatomy) results, replacing older versions."""
        count = 0
        with self.transaction():
            for rowid, version, anatomy in results:
                parts = [[p.kind, p.start, p.end, p.quoted_id] for p in anatomy.parts]
                self.db.execute(
                    "INSERT INTO anatomy VALUES (?,?,?,?,?,?) ON CONFLICT (message_rowid) DO"
                    " UPDATE SET version=excluded.version, new_text=excluded.new_text,"
                    " signature=excluded.signature, forwarded_count=excluded.forwarded_count,"
                    " parts=excluded.parts",
                    (rowid, version, anatomy.new_text, anatomy.signature,
                     len(anatomy.forwarded), json.dumps(parts)),
                )
                self.db.execute("DELETE FROM forwarded WHERE message_rowid = ?", (rowid,))
                for position, fwd in enumerate(anatomy.forwarded, start=1):
                    self.db.execute(
                        "INSERT INTO forwarded (message_rowid, position, from_name, from_addr,"
                        " date, date_raw, subject, cc, text, signature)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (rowid, position, fwd.from_name, fwd.from_addr, fwd.date,
                         fwd.date_raw, fwd.subject, fwd.cc, fwd.text, fwd.signature),
                    )
                count += 1
        return count

    def message_bodies(self, list_name: str, message_ids: list[str]) -> dict[str, str]:
        """Bodies of some messages of a list (for linking quotes to their source)."""
        if not message_ids:
            return {}
        marks = ",".join("?" * len(message_ids))
        rows = self.db.execute(
            f"SELECT message_id, body FROM messages WHERE list = ? AND message_id IN ({marks})",
            (list_name, *message_ids),
        )
        return {row[0]: row[1] for row in rows}

    def thread_members(self, list_name: str, thread_id: str, before: str | None) -> list[str]:
        """Message-IDs of a thread, newest first, sent before ``before`` (ISO date)."""
        rows = self.db.execute(
            "SELECT message_id FROM messages WHERE list = ? AND thread_id = ?"
            " AND (? IS NULL OR date < ?) ORDER BY date DESC LIMIT 50",
            (list_name, thread_id, before, before),
        )
        return [row[0] for row in rows]

    def message_view(self, message_id: str, list_name: str | None = None) -> dict | None:
        """One message with its anatomy and forwarded messages, for ``analyzer show``."""
        row = self.db.execute(
            "SELECT m.*, a.version AS anatomy_version, a.new_text, a.signature, a.parts"
            " FROM messages m LEFT JOIN anatomy a ON a.message_rowid = m.id"
            " WHERE m.message_id = ? AND (? IS NULL OR m.list = ?) LIMIT 1",
            (message_id.strip().strip("<>"), list_name, list_name),
        ).fetchone()
        if row is None:
            return None
        view = dict(row)
        view["forwarded"] = [dict(r) for r in self.db.execute(
            "SELECT * FROM forwarded WHERE message_rowid = ? ORDER BY position", (row["id"],))]
        return view

    # -- NLP --------------------------------------------------------------------

    def iter_needing_nlp(self, version: str, list_name: str | None = None,
                         batch: int = BATCH) -> Iterator[list[sqlite3.Row]]:
        """Batches of analysed-by-anatomy messages whose NLP run is missing or outdated."""
        return self._pages(
            "SELECT m.id, m.list, m.message_id, m.date, m.date_offset, m.from_name,"
            " m.from_addr, m.subject, a.new_text, a.signature FROM messages m"
            " JOIN anatomy a ON a.message_rowid = m.id"
            " LEFT JOIN nlp_runs n ON n.message_rowid = m.id"
            " WHERE m.id > ? AND (n.version IS NULL OR n.version != ?)"
            " AND (? IS NULL OR m.list = ?) ORDER BY m.id LIMIT ?",
            (version, list_name, list_name), batch,
        )

    def forwarded_of(self, rowids: list[int]) -> dict[int, list[sqlite3.Row]]:
        """Forwarded messages of some carriers, in order."""
        out: dict[int, list[sqlite3.Row]] = {}
        if not rowids:
            return out
        marks = ",".join("?" * len(rowids))
        for row in self.db.execute(
            f"SELECT * FROM forwarded WHERE message_rowid IN ({marks}) ORDER BY position", rowids
        ):
            out.setdefault(row["message_rowid"], []).append(row)
        return out

    def count_needing_nlp(self, version: str, list_name: str | None = None) -> int:
        return self._count_behind("nlp_runs", version, list_name)

    def save_nlp(self, version: str, results: Iterable[tuple[int, str, Any]]) -> int:
        """Replace the NLP records of each (rowid, country, [(part, NlpResult)]) atomically."""
        now = _now()
        count = 0
        with self.transaction():
            for rowid, country, parts in results:
                for table in ("official_mentions", "passages", "events"):
                    self.db.execute(f"DELETE FROM {table} WHERE message_rowid = ?", (rowid,))
                for part, result in parts:
                    self._insert_nlp(rowid, part, country, result)
                self.db.execute(
                    "INSERT INTO nlp_runs VALUES (?,?,?,?) ON CONFLICT (message_rowid) DO UPDATE"
                    " SET version=excluded.version, country=excluded.country,"
                    " analysed_at=excluded.analysed_at", (rowid, version, country, now),
                )
                count += 1
            if count:
                self._mark_officials_stale()
        return count

    def _mark_officials_stale(self) -> None:
        self.db.execute("INSERT OR REPLACE INTO store_state VALUES ('officials_stale', '1')")

    def officials_stale(self) -> bool:
        """Whether mentions changed since the officials were last merged."""
        return self.db.execute(
            "SELECT 1 FROM store_state WHERE key = 'officials_stale'").fetchone() is not None

    def _insert_nlp(self, rowid: int, part: str, country: str, result: Any) -> None:
        for o in result.officials:
            self.db.execute(
                "INSERT INTO official_mentions (message_rowid, part, name, title, role, country,"
                " organization, aliases, sentence) VALUES (?,?,?,?,?,?,?,?,?)",
                (rowid, part, o.name, o.title, o.role, o.country, o.organization,
                 json.dumps(o.aliases, ensure_ascii=False), o.sentence),
            )
        for p in result.passages:
            self.db.execute(
                "INSERT INTO passages (message_rowid, part, kind, text, country, officials)"
                " VALUES (?,?,?,?,?,?)",
                (rowid, part, p.kind, p.text, country,
                 json.dumps(p.officials, ensure_ascii=False)),
            )
        for e in result.events:
            self.db.execute(
                "INSERT INTO events (message_rowid, part, what, date_start, date_end, text)"
                " VALUES (?,?,?,?,?,?)", (rowid, part, e.what, e.date_start, e.date_end, e.text),
            )

    def iter_official_mentions(self) -> Iterator[sqlite3.Row]:
        """Every mention with its message's list, id and date (for corpus merging)."""
        return self.db.execute(
            "SELECT o.*, m.list, m.message_id, m.date, m.from_addr FROM official_mentions o"
            " JOIN messages m ON m.id = o.message_rowid ORDER BY m.date, o.id"
        )

    def replace_officials(self, officials: Iterable[dict]) -> int:
        """Store the corpus-level merged officials (recomputed as a whole)."""
        count = 0
        with self.transaction():
            self.db.execute("DELETE FROM officials")
            self.db.execute("DELETE FROM store_state WHERE key = 'officials_stale'")
            for o in officials:
                self.db.execute(
                    "INSERT INTO officials VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (o["official_id"], o["name"], o["title"], o["role"], o["country"],
                     o["organization"], json.dumps(o["aliases"], ensure_ascii=False),
                     o["mentions"], o["first_seen"], o["last_seen"],
                     json.dumps(o["message_ids"], ensure_ascii=False)),
                )
                count += 1
        return count

    # -- sent ledger ------------------------------------------------------------

    def already_sent(self, list_name: str, period: str) -> set[str]:
        """Recipients who already received this list's digest for this period."""
        rows = self.db.execute(
            "SELECT recipient FROM sent_digests WHERE list = ? AND period = ?",
            (list_name, period),
        )
        return {row[0] for row in rows}

    def record_sent(self, list_name: str, period: str, recipient: str, message_id: str,
                    transport: str) -> bool:
        """Record one delivery right after it succeeded; False if it was already there."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT INTO sent_digests (list, period, recipient, message_id, transport,"
                " sent_at) VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                (list_name, period, recipient, message_id, transport, _now()),
            )
        return cursor.rowcount == 1

    # -- threading --------------------------------------------------------------

    def lists(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT list FROM messages ORDER BY 1")]

    def iter_thread_inputs(self, list_name: str) -> Iterator[tuple]:
        """What JWZ threading needs, in date order, for one list, with the stored links.

        Plain tuples (``id, message_id, in_reply_to, refs, subject, date, body,
        parent_id, thread_id, thread_link``; the body only for digest-like
        subjects): a list is read whole when it is threaded whole.  Dated
        rows come first, in the (list, date) index's own order (date, then row
        id), then undated ones by row id: two streamed reads instead of one
        ``ORDER BY date IS NULL, date, id``, which sorted every row (bodies of
        digests included) in a temporary B-tree first (100k messages, three
        pairs: 0.35-0.49 s CPU instead of 0.43-0.64 s).  Rows read otherwise
        are sorted into this order by (date IS NULL, date, id).
        """
        return itertools.chain.from_iterable(
            self._plain_rows(_THREAD_INPUTS + " WHERE list = ?" + order, (list_name,))
            for order in (" AND date IS NOT NULL ORDER BY date, id",
                          " AND date IS NULL ORDER BY id"))

    def thread_inputs_after(self, list_name: str, rowid: int) -> list[tuple]:
        """``iter_thread_inputs`` rows of the list stored after row ``rowid``, any order.

        ``+list`` keeps SQLite on the row-id range (the new rows at the end of
        the table) instead of walking the whole list in its index.
        """
        return list(self._plain_rows(
            _THREAD_INPUTS + " WHERE id > ? AND +list = ?",
            (rowid, list_name)))

    def thread_inputs_of_groups(self, list_name: str, groups: Iterable[int]) -> list[tuple]:
        """``iter_thread_inputs`` rows of the messages in these key groups, any order."""
        rowids = [int(rowid) for (members,) in self._rows_in(
            "SELECT members FROM thread_groups WHERE list = ? AND grp IN ({})",
            (list_name,), groups) for rowid in members.split()]
        return list(self._rows_in(_THREAD_INPUTS + " WHERE id IN ({})", (), rowids))

    def thread_key_groups(self, list_name: str, keys: Iterable[str]) -> dict[str, int]:
        """The stored group of each of these keys that the list's key map holds."""
        return dict(self._rows_in(
            "SELECT key, grp FROM thread_keys WHERE list = ? AND key IN ({})",
            (list_name,), keys))

    def _rows_in(self, sql: str, params: tuple, values: Iterable) -> Iterator[tuple]:
        """Plain rows of ``sql`` whose ``IN ({})`` takes the distinct ``values``, in
        chunks under SQLite's variable limit."""
        for chunk in _chunks(sorted(set(values))):
            yield from self._plain_rows(sql.format(",".join("?" * len(chunk))),
                                        (*params, *chunk))

    def threading_mark(self, list_name: str) -> ThreadingMark | None:
        """How the list was last threaded; None if never (or before marks existed)."""
        row = self.db.execute("SELECT value FROM store_state WHERE key = ?",
                              (_THREADED + list_name,)).fetchone()
        return ThreadingMark(**json.loads(row[0])) if row else None

    def count_list_messages(self, list_name: str) -> int:
        """How many messages the list holds (a walk of its ``(list, date)`` index)."""
        return self.db.execute("SELECT count(*) FROM messages WHERE list = ?",
                               (list_name,)).fetchone()[0]

    def last_message(self) -> tuple[int, str]:
        """Row id and Message-ID of the store's last message row ((0, "") when empty)."""
        row = self.db.execute("SELECT id, message_id FROM messages ORDER BY id DESC LIMIT 1"
                              ).fetchone()
        return (row[0], row[1]) if row else (0, "")

    def message_id_at(self, rowid: int) -> str | None:
        """The Message-ID stored in this row, if the row exists."""
        row = self.db.execute("SELECT message_id FROM messages WHERE id = ?",
                              (rowid,)).fetchone()
        return row[0] if row else None

    def _plain_rows(self, sql: str, params: tuple) -> Iterator[tuple]:
        """Rows as plain tuples (no ``sqlite3.Row``), streamed."""
        cursor = self.db.cursor()
        cursor.row_factory = None
        yield from cursor.execute(sql, params)

    def iter_senders(self, list_name: str) -> Iterator[sqlite3.Row]:
        """One ``list, from_name, from_addr, date`` row per message, for participants.

        Merging happens in Python (analysis.participants), so this stays a plain scan.
        """
        return self.db.execute(
            "SELECT list, from_name, from_addr, date FROM messages WHERE list = ?"
            " ORDER BY date IS NULL, date, id",
            (list_name,),
        )

    def update_threads(self, list_name: str, links: Iterable[ThreadLink], *,
                       mark: ThreadingMark | None = None, keys: KeyMap | None = None) -> int:
        """Write parent/thread ids; only rows whose links changed are touched.

        Links that know their row and what it holds (threading inputs read from
        the store) are compared here and written in row order, each page once;
        others are compared by SQL.  In the same transaction the list's "waiting
        for threading" mark is cleared and, given ``mark``, the threading mark
        and key map are brought up to date (``KeyMap``); without ``keys`` the
        list's map is dropped.
        """
        by_row: list[tuple[int, str | None, str, str]] = []
        by_id: list[ThreadLink] = []
        for link in links:
            if not link.rowid:
                by_id.append(link)
            elif link.changed:
                by_row.append((link.rowid, link.parent_id, link.thread_id, link.how))
        by_row.sort()
        changed = len(by_row)
        with self.transaction():
            self.db.executemany(
                "UPDATE messages SET parent_id = ?, thread_id = ?, thread_link = ? WHERE id = ?",
                [(parent, thread, how, rowid) for rowid, parent, thread, how in by_row])
            for link in by_id:
                cursor = self.db.execute(
                    "UPDATE messages SET parent_id = ?, thread_id = ?, thread_link = ?"
                    " WHERE list = ? AND message_id = ? AND (parent_id IS NOT ? OR"
                    " thread_id IS NOT ? OR thread_link IS NOT ?)",
                    (link.parent_id, link.thread_id, link.how, list_name, link.message_id,
                     link.parent_id, link.thread_id, link.how),
                )
                changed += cursor.rowcount
            self.db.execute("DELETE FROM store_state WHERE key = ?",
                            (_THREADS_PENDING + list_name,))
            if mark is not None:
                self._save_threading_mark(list_name, mark, keys)
        return changed

    def _save_threading_mark(self, list_name: str, mark: ThreadingMark,
                             keys: KeyMap | None) -> None:
        """Both tables are written in primary-key order: appends, not scattered pages."""
        if keys is None or keys.replaces is None:
            self.db.execute("DELETE FROM thread_keys WHERE list = ?", (list_name,))
            self.db.execute("DELETE FROM thread_groups WHERE list = ?", (list_name,))
        else:
            self.db.executemany("DELETE FROM thread_groups WHERE list = ? AND grp = ?",
                                [(list_name, group) for group in sorted(keys.replaces)])
        if keys is not None:
            self.db.executemany(
                "INSERT OR REPLACE INTO thread_keys (list, key, grp) VALUES (?, ?, ?)",
                [(list_name, key, group) for key, group in sorted(keys.keys.items())])
            self.db.executemany(
                "INSERT OR REPLACE INTO thread_groups (list, grp, members) VALUES (?, ?, ?)",
                [(list_name, group, " ".join(map(str, rowids)))
                 for group, rowids in sorted(keys.members.items())])
        self.db.execute(
            "INSERT OR REPLACE INTO store_state VALUES (?, ?)",
            (_THREADED + list_name, json.dumps(dataclasses.asdict(
                dataclasses.replace(mark, keys=keys is not None)))))

    def forget_thread_keys(self, list_name: str) -> None:
        """Make the next threading of the list read it whole (its key map is stale)."""
        self.db.execute("UPDATE store_state SET value = json_set(value, '$.keys', json('false'))"
                        " WHERE key = ?", (_THREADED + list_name,))

    # -- reads ------------------------------------------------------------------

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[sqlite3.Row]:
        """Run a read-only query with parameters (used by export and analysis)."""
        return self.db.execute(sql, params)

    def search(self, query: str, list_name: str | None = None, limit: int = 20) -> list[dict]:
        """Full-text search over subject and body, best matches first."""
        sql = (
            "SELECT m.list, m.message_id, m.date, m.from_name, m.subject,"
            " snippet(messages_fts, 1, '[', ']', ' … ', 12) AS snippet"
            " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid"
            " WHERE messages_fts MATCH ? AND (? IS NULL OR m.list = ?)"
            " ORDER BY bm25(messages_fts) LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (query, list_name, list_name, limit)).fetchall()
        except sqlite3.OperationalError as exc:
            raise SearchSyntaxError(
                f"cannot search for {query!r}: {exc}. Put phrases in double quotes; "
                "operators are AND, OR, NOT and prefix*."
            ) from exc
        return [dict(row) for row in rows]

    def list_summary(self) -> list[dict]:
        """Per list: messages, threads, participants and the date range."""
        rows = self.db.execute(
            "SELECT list, count(*) AS messages, count(DISTINCT thread_id) AS threads,"
            " count(DISTINCT from_addr) AS participants, min(date) AS first, max(date) AS last"
            " FROM messages GROUP BY list ORDER BY list"
        )
        return [dict(row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Row counts per table, for ``analyzer stats``."""
        out = {}
        for table in ("messages", "quarantine", "conflicts", "sources", "sent_digests"):
            out[table] = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return out

    # -- digest queries -----------------------------------------------------------
    # One period at a time: every query is bounded by (list, date) or by an
    # indexed key, so a week's digest costs the same on a small or a huge store.
    # Dates are the store's UTC ISO strings; ``start``/``end`` are a half-open range.

    _SENDER_BEFORE = (
        "SELECT 1 FROM messages e WHERE e.list = m.list AND e.from_addr = m.from_addr"
        " AND (m.from_addr != '' OR e.from_name = m.from_name) AND e.date < ?"
    )

    def digest_figures(self, list_name: str, start: str, end: str) -> dict[str, int]:
        """Messages, threads, participants and first-time participants in a period.

        A participant is an address (a name when there is none), as in the threads
        export; "new" means no message from them before ``start``.
        """
        row = self.db.execute(
            "SELECT count(*) AS messages,"
            " count(DISTINCT coalesce(thread_id, message_id)) AS threads,"
            " count(DISTINCT CASE WHEN from_addr != '' THEN from_addr ELSE from_name END)"
            " AS participants FROM messages WHERE list = ? AND date >= ? AND date < ?",
            (list_name, start, end),
        ).fetchone()
        new = self.db.execute(
            "SELECT count(*) FROM (SELECT DISTINCT m.list, m.from_addr,"
            " CASE WHEN m.from_addr = '' THEN m.from_name ELSE '' END AS from_name"
            " FROM messages m WHERE m.list = ? AND m.date >= ? AND m.date < ?) m"
            f" WHERE NOT EXISTS ({self._SENDER_BEFORE})",
            (list_name, start, end, start),
        ).fetchone()[0]
        return {**dict(row), "new_participants": new}

    def digest_messages(self, list_name: str, start: str, end: str) -> list[sqlite3.Row]:
        """A period's messages in date order, with their own words and author country.

        ``new`` is 1 when the sender had posted nothing before ``start``.
        """
        return self.db.execute(
            "SELECT m.id, m.message_id, coalesce(m.thread_id, m.message_id) AS thread_id,"
            " m.parent_id, m.date, m.from_name, m.from_addr, m.subject, m.archive_url,"
            " coalesce(a.new_text, '') AS new_text, coalesce(n.country, '') AS country,"
            f" NOT EXISTS ({self._SENDER_BEFORE}) AS new"
            " FROM messages m LEFT JOIN anatomy a ON a.message_rowid = m.id"
            " LEFT JOIN nlp_runs n ON n.message_rowid = m.id"
            " WHERE m.list = ? AND m.date >= ? AND m.date < ? ORDER BY m.date, m.id",
            (start, list_name, start, end),
        ).fetchall()

    def digest_message_dates(self, list_name: str, start: str, end: str) -> list[str]:
        """Sorted dates of a span (read from the (list, date) index alone)."""
        return [r[0] for r in self.db.execute(
            "SELECT date FROM messages WHERE list = ? AND date >= ? AND date < ? ORDER BY date",
            (list_name, start, end),
        )]

    def digest_threads(self, list_name: str, thread_ids: list[str]) -> list[sqlite3.Row]:
        """Per thread: first date ever, messages in all, the root's subject and link."""
        rows: list[sqlite3.Row] = []
        for chunk in _chunks(thread_ids):
            marks = ",".join("?" * len(chunk))
            rows += self.db.execute(
                "SELECT t.thread_id, min(t.date) AS first_date, count(*) AS total,"
                " (SELECT r.subject FROM messages r WHERE r.list = t.list"
                "  AND r.message_id = t.thread_id) AS subject,"
                " (SELECT r.archive_url FROM messages r WHERE r.list = t.list"
                "  AND r.message_id = t.thread_id) AS archive_url"
                f" FROM messages t WHERE t.list = ? AND t.thread_id IN ({marks})"
                " GROUP BY t.thread_id", (list_name, *chunk),
            ).fetchall()
        return rows

    def digest_passages(self, list_name: str, start: str, end: str) -> list[sqlite3.Row]:
        """Stories, challenges and calls of a period's messages (own and forwarded text).

        Signature passages are left out: a signature is not something said this week.
        """
        return self.db.execute(
            "SELECT p.id, p.kind, p.part, p.text, p.country, p.officials,"
            " m.id AS message_rowid, m.message_id, coalesce(m.thread_id, m.message_id)"
            " AS thread_id, m.date, m.from_name, m.subject, m.archive_url"
            " FROM messages m JOIN passages p ON p.message_rowid = m.id"
            " WHERE m.list = ? AND m.date >= ? AND m.date < ?"
            " AND p.part IN ('new_text', 'forwarded') ORDER BY m.date, m.id, p.id",
            (list_name, start, end),
        ).fetchall()

    def digest_forwarded(self, rowids: list[int]) -> dict[int, list[sqlite3.Row]]:
        """Forwarded messages of some carriers (for attributing what they said)."""
        out: dict[int, list[sqlite3.Row]] = {}
        for chunk in _chunks(rowids):
            out.update(self.forwarded_of(chunk))
        return out

    def digest_officials(self, list_name: str, start: str, end: str) -> list[sqlite3.Row]:
        """One row per (official, period message naming them), for one list.

        Merged officials are keyed ``LIST:slug``, so the list is a primary-key range
        (``:`` to ``;``) rather than a LIKE that a ``%`` in a list name would break.
        """
        return self.db.execute(
            "SELECT o.official_id, o.name, o.title, o.role, o.country, o.organization,"
            " o.aliases, o.mentions, o.first_seen, o.last_seen, j.value AS message_id"
            " FROM officials o, json_each(o.message_ids) j"
            " WHERE o.official_id > ? AND o.official_id < ? AND o.last_seen >= ?"
            " AND o.first_seen < ? AND j.value IN (SELECT message_id FROM messages"
            "  WHERE list = ? AND date >= ? AND date < ?)"
            " ORDER BY o.official_id",
            (f"{list_name}:", f"{list_name};", start, end, list_name, start, end),
        ).fetchall()

    def digest_official_mentions(self, list_name: str, start: str,
                                 end: str) -> list[sqlite3.Row]:
        """Every official mention in a period's messages (to count them per official)."""
        return self.db.execute(
            "SELECT m.message_id, o.name, o.part FROM messages m"
            " JOIN official_mentions o ON o.message_rowid = m.id"
            " WHERE m.list = ? AND m.date >= ? AND m.date < ?",
            (list_name, start, end),
        ).fetchall()

    def digest_events(self, list_name: str, first_day: str, end: str,
                      limit: int = 2000) -> list[sqlite3.Row]:
        """Events mentioned before ``end`` (UTC) that end on or after ``first_day`` (local).

        Ordered by when they happen, then by when they were mentioned.  The unary
        ``+`` keeps SQLite on ``events_date_end`` (events still ahead are few) instead
        of walking every message of the list sent before ``end``.
        """
        return self.db.execute(
            "SELECT e.id, e.part, e.what, e.date_start, e.date_end, e.text,"
            " m.id AS message_rowid, m.message_id, m.date, m.from_name, m.subject,"
            " m.archive_url FROM events e JOIN messages m ON m.id = e.message_rowid"
            " WHERE e.date_end >= ? AND +m.list = ? AND +m.date < ?"
            " AND e.part IN ('new_text', 'forwarded')"
            " ORDER BY e.date_start, e.date_end, m.date, e.id LIMIT ?",
            (first_day, list_name, end, limit),
        ).fetchall()


class _Transaction:
    """BEGIN IMMEDIATE so concurrent writers wait instead of failing mid-way.

    Inside ``Store.bulk`` it joins the bulk transaction (beginning it if none is
    open) and ends nothing: the bulk commits, and rolls back on the error that
    leaves it.
    """

    def __init__(self, db: sqlite3.Connection, bulk: bool = False):
        self.db = db
        self.bulk = bulk

    def __enter__(self) -> sqlite3.Connection:
        if not (self.bulk and self.db.in_transaction):
            self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self.bulk:
            self.db.execute("ROLLBACK" if exc_type else "COMMIT")


_INSERT_MESSAGE = (
    "INSERT INTO messages (list, message_id, date, date_offset, date_raw, from_name, from_addr,"
    " subject, subject_norm, is_reply, in_reply_to, refs, body, period, archive_url, source,"
    " position, id_synthetic, content_hash, parent_id, thread_id, thread_link, ingested_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
    " ON CONFLICT (list, message_id) DO NOTHING"
)


def message_row(message: Message, guess_links: LinkGuess | None = None) -> tuple:
    """The values ``_INSERT_MESSAGE`` takes for one message, but the clock."""
    date, subject_norm, is_reply, in_reply_to, refs = message.derived or derived_fields(message)
    links = guess_links(message) if guess_links else (None, None, None)
    return (
        message.list, message.message_id, date, message.date_offset,
        message.date_raw, message.from_name, message.from_addr, message.subject, subject_norm,
        is_reply, in_reply_to, refs,
        message.body, message.period, message.archive_url, message.source, message.position,
        int(message.id_synthetic), message.content_hash, *links,
    )


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _chunks(values: list, size: int = 500) -> Iterator[list]:
    """Slices small enough for SQLite's parameter limit."""
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current))
    return statements


EXPORT_COLUMNS: dict[str, list[str]] = {
    "messages": [
        "list", "message_id", "parent_id", "thread_id", "date", "from_name", "from_addr",
        "subject", "period", "archive_url", "new_text", "signature", "forwarded_count", "status",
        "forwarded_from",
    ],
    "threads": [
        "list", "thread_id", "root_message_id", "subject", "first_date", "last_date",
        "messages", "participants",
    ],
    "quarantine": ["list", "source", "position", "reason", "raw_excerpt"],
    "officials": [
        "official_id", "name", "title", "role", "country", "organization", "aliases",
        "mentions", "first_seen", "last_seen", "message_ids",
    ],
    "passages": ["message_id", "kind", "text", "country", "officials"],
    "events": ["message_id", "what", "date_start", "date_end", "text"],
    # Computed in Python from the messages (analysis.participants), not stored.
    "participants": [
        "list", "participant_id", "name", "addresses", "names", "messages", "first_seen",
        "last_seen",
    ],
}

_EXPORT_SQL = {
    "messages": (
        "SELECT * FROM (SELECT m.list, m.message_id, m.parent_id, m.thread_id, m.date,"
        " m.from_name, m.from_addr, m.subject, m.period, m.archive_url,"
        " coalesce(a.new_text, '') AS new_text, coalesce(a.signature, '') AS signature,"
        " coalesce(a.forwarded_count, 0) AS forwarded_count, 'ok' AS status,"
        " NULL AS forwarded_from"
        " FROM messages m LEFT JOIN anatomy a ON a.message_rowid = m.id"
        " WHERE (? IS NULL OR m.list = ?)"
        " UNION ALL SELECT m.list, m.message_id || '#fwd-' || f.position, NULL, m.thread_id,"
        " f.date, f.from_name, f.from_addr, f.subject, m.period, m.archive_url, f.text,"
        " coalesce(f.signature, ''), 0, 'ok', m.message_id"
        " FROM forwarded f JOIN messages m ON m.id = f.message_rowid"
        " WHERE (? IS NULL OR m.list = ?)"
        " UNION ALL SELECT list, 'quarantined-' || id, NULL, NULL, NULL, '', '', '', '',"
        " source, '', '', 0, 'quarantined', NULL FROM quarantine WHERE (? IS NULL OR list = ?)"
        ") ORDER BY list, date IS NULL, date, message_id"
    ),
    "threads": (
        "SELECT m.list, m.thread_id, m.thread_id AS root_message_id,"
        " (SELECT r.subject FROM messages r WHERE r.list = m.list"
        "  AND r.message_id = m.thread_id) AS subject,"
        " min(m.date) AS first_date, max(m.date) AS last_date, count(*) AS messages,"
        " count(DISTINCT CASE WHEN m.from_addr != '' THEN m.from_addr ELSE m.from_name END)"
        " AS participants FROM messages m WHERE (? IS NULL OR m.list = ?)"
        " AND m.thread_id IS NOT NULL GROUP BY m.list, m.thread_id ORDER BY m.list, first_date"
    ),
    "quarantine": (
        "SELECT list, source, position, reason, raw_excerpt FROM quarantine"
        " WHERE (? IS NULL OR list = ?) ORDER BY id"
    ),
    "officials": (
        "SELECT official_id, name, title, role, country, organization, aliases, mentions,"
        " first_seen, last_seen, message_ids FROM officials"
        " WHERE (? IS NULL OR official_id LIKE ? || ':%') ORDER BY mentions DESC, name"
    ),
    "passages": (
        "SELECT m.message_id, p.kind, p.text, p.country, p.officials FROM passages p"
        " JOIN messages m ON m.id = p.message_rowid WHERE (? IS NULL OR m.list = ?)"
        " ORDER BY m.date, p.id"
    ),
    "events": (
        "SELECT m.message_id, e.what, e.date_start, e.date_end, e.text FROM events e"
        " JOIN messages m ON m.id = e.message_rowid WHERE (? IS NULL OR m.list = ?)"
        " ORDER BY e.date_start, m.date, e.id"
    ),
}


def iter_export_rows(store: Store, table: str, list_name: str | None) -> Iterator[dict]:
    """Rows of an export table with exactly the contract's columns, in a stable order."""
    sql = _EXPORT_SQL[table]
    params = (list_name, list_name) * sql.count("(? IS NULL")
    columns = EXPORT_COLUMNS[table]
    for row in store.db.execute(sql, params):
        yield dict(zip(columns, tuple(row), strict=True))
