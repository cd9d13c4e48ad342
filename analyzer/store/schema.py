"""Numbered schema migrations, recorded in the database they changed.

Each migration runs once, inside a transaction, and is recorded in
``schema_migrations``; an old store is brought up to date on open.  Migrations
are only ever appended: editing a released one would leave existing stores
behind.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "messages, threads, quarantine, conflicts, sources",
        """
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            list TEXT NOT NULL,
            message_id TEXT NOT NULL,
            parent_id TEXT,
            thread_id TEXT,
            thread_link TEXT,
            date TEXT,
            date_offset INTEGER,
            date_raw TEXT NOT NULL DEFAULT '',
            from_name TEXT NOT NULL DEFAULT '',
            from_addr TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            subject_norm TEXT NOT NULL DEFAULT '',
            is_reply INTEGER NOT NULL DEFAULT 0,
            in_reply_to TEXT NOT NULL DEFAULT '[]',
            refs TEXT NOT NULL DEFAULT '[]',
            body TEXT NOT NULL DEFAULT '',
            period TEXT NOT NULL DEFAULT '',
            archive_url TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            position TEXT NOT NULL DEFAULT '',
            id_synthetic INTEGER NOT NULL DEFAULT 0,
            content_hash TEXT NOT NULL DEFAULT '',
            ingested_at TEXT NOT NULL,
            UNIQUE (list, message_id)
        );
        CREATE INDEX messages_list_date ON messages (list, date);
        CREATE INDEX messages_thread ON messages (list, thread_id);

        CREATE TABLE quarantine (
            id INTEGER PRIMARY KEY,
            list TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL,
            position TEXT NOT NULL,
            reason TEXT NOT NULL,
            raw_excerpt TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL,
            UNIQUE (source, position, reason)
        );

        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            list TEXT NOT NULL,
            message_id TEXT NOT NULL,
            kept_hash TEXT NOT NULL,
            other_hash TEXT NOT NULL,
            source TEXT NOT NULL,
            position TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            UNIQUE (list, message_id, other_hash)
        );

        CREATE TABLE sources (
            source TEXT PRIMARY KEY,
            list TEXT NOT NULL,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            digest TEXT NOT NULL,
            messages INTEGER NOT NULL,
            ingested_at TEXT NOT NULL
        );
        """,
    ),
    (
        2,
        "full-text search over subject and body",
        """
        CREATE VIRTUAL TABLE messages_fts USING fts5(
            subject, body, content='messages', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
            INSERT INTO messages_fts (rowid, subject, body)
            VALUES (new.id, new.subject, new.body);
        END;
        CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, subject, body)
            VALUES ('delete', old.id, old.subject, old.body);
        END;
        CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, body ON messages BEGIN
            INSERT INTO messages_fts (messages_fts, rowid, subject, body)
            VALUES ('delete', old.id, old.subject, old.body);
            INSERT INTO messages_fts (rowid, subject, body)
            VALUES (new.id, new.subject, new.body);
        END;
        """,
    ),
    (
        3,
        "message anatomy and forwarded messages",
        """
        CREATE TABLE anatomy (
            message_rowid INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            new_text TEXT NOT NULL,
            signature TEXT,
            forwarded_count INTEGER NOT NULL,
            parts TEXT NOT NULL
        );
        CREATE TABLE forwarded (
            id INTEGER PRIMARY KEY,
            message_rowid INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            from_name TEXT NOT NULL,
            from_addr TEXT NOT NULL,
            date TEXT,
            date_raw TEXT NOT NULL,
            subject TEXT NOT NULL,
            cc TEXT NOT NULL,
            text TEXT NOT NULL,
            signature TEXT,
            UNIQUE (message_rowid, position)
        );
        CREATE INDEX anatomy_version ON anatomy (version);
        """,
    ),
    (
        4,
        "NLP results: official mentions, passages, events, merged officials",
        """
        CREATE TABLE nlp_runs (
            message_rowid INTEGER PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            country TEXT NOT NULL DEFAULT '',
            analysed_at TEXT NOT NULL
        );
        CREATE TABLE official_mentions (
            id INTEGER PRIMARY KEY,
            message_rowid INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            part TEXT NOT NULL,
            name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            organization TEXT NOT NULL DEFAULT '',
            aliases TEXT NOT NULL DEFAULT '[]',
            sentence TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX official_mentions_message ON official_mentions (message_rowid);
        CREATE TABLE passages (
            id INTEGER PRIMARY KEY,
            message_rowid INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            part TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            country TEXT NOT NULL DEFAULT '',
            officials TEXT NOT NULL DEFAULT '[]'
        );
        CREATE INDEX passages_message ON passages (message_rowid);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            message_rowid INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
            part TEXT NOT NULL,
            what TEXT NOT NULL,
            date_start TEXT NOT NULL,
            date_end TEXT NOT NULL,
            text TEXT NOT NULL
        );
        CREATE INDEX events_message ON events (message_rowid);
        CREATE INDEX events_date ON events (date_start);
        CREATE TABLE officials (
            official_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            organization TEXT NOT NULL DEFAULT '',
            aliases TEXT NOT NULL DEFAULT '[]',
            mentions INTEGER NOT NULL,
            first_seen TEXT,
            last_seen TEXT,
            message_ids TEXT NOT NULL DEFAULT '[]'
        );
        """,
    ),
    (
        5,
        "digest indexes: senders, threads by date, events by end date, officials by last seen",
        # A digest reads one period: "posted before?" per sender, a thread's first
        # date, events still ahead and officials seen lately are index seeks, not
        # scans.  messages_thread gains ``date`` (its old prefix still serves).
        """
        CREATE INDEX messages_sender ON messages (list, from_addr, date);
        DROP INDEX messages_thread;
        CREATE INDEX messages_thread ON messages (list, thread_id, date);
        CREATE INDEX events_date_end ON events (date_end);
        CREATE INDEX officials_last_seen ON officials (last_seen);
        """,
    ),
    (
        6,
        "sent ledger: one row per digest delivered to one recipient",
        # Re-runs and overlapping cron runs consult this before sending, so no
        # recipient ever gets the same list's digest for the same period twice.
        """
        CREATE TABLE sent_digests (
            id INTEGER PRIMARY KEY,
            list TEXT NOT NULL,
            period TEXT NOT NULL,
            recipient TEXT NOT NULL,
            message_id TEXT NOT NULL,
            transport TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            UNIQUE (list, period, recipient)
        );
        """,
    ),
    (
        7,
        "full-text rows written per batch instead of per row",
        # The per-row insert trigger cost ~120 us a message at ingest; the store now
        # fills messages_fts for each batch's new rows in the same transaction.
        """
        DROP TRIGGER messages_fts_insert;
        """,
    ),
    (
        8,
        "officials marked stale in the transaction that changes their mentions",
        # The merged officials table is recomputed from all mentions after an NLP
        # run; a run killed between saving mentions and merging left it stale for
        # good.  The mark is set with the mentions and cleared with the merge.
        """
        CREATE TABLE store_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """,
    ),
    (
        9,
        "full-text segments merged 16 at a time",
        # FTS5 merges its index segments 4 at a time by default; ingest rewrote the
        # same text again and again (1M messages: 50 us of 103 a message stored was
        # the full-text index).  16 at a time: 100k messages 45.8 -> 25.0 us each,
        # searches as fast (median 2.15 vs 2.22 ms over ten queries, same maximum).
        """
        INSERT INTO messages_fts (messages_fts, rank) VALUES ('automerge', 16);
        """,
    ),
    (
        10,
        "thread keys: new messages are threaded with just the groups they touch",
        # Re-threading a whole list on every ingest made a weekly run's cost grow
        # with the archive (100k messages: 1.8 s of a 2.1 s run that added 1,435).
        # Each key a message shares with others (its id, the ids it references or
        # quotes, its subject) maps to the group of messages connected through
        # such keys; ``pipeline.thread_list`` threads new messages with their
        # groups only.  Filled from a list's second threading on (store_state
        # ``threaded:<list>`` says whether it is complete).
        """
        CREATE TABLE thread_keys (
            list TEXT NOT NULL,
            key TEXT NOT NULL,
            grp INTEGER NOT NULL,
            PRIMARY KEY (list, key)
        ) WITHOUT ROWID;
        CREATE INDEX thread_keys_group ON thread_keys (list, grp);
        """,
    ),
    (
        11,
        "thread groups: members kept per group, the key map without a second index",
        # Members sit in one row per group instead of behind a (list, grp) index,
        # so both tables are written in primary-key order and the groups new mail
        # touches are read by primary key.  Building a 1M-message list's map still
        # costs about as much as threading it (the run that builds it: 47.2 s with
        # the index, 46.1 s without; the list alone threads in 20-26 s).
        """
        DROP INDEX thread_keys_group;
        CREATE TABLE thread_groups (
            list TEXT NOT NULL,
            grp INTEGER NOT NULL,
            members TEXT NOT NULL,
            PRIMARY KEY (list, grp)
        ) WITHOUT ROWID;
        UPDATE store_state SET value = json_set(value, '$.keys', json('false'))
            WHERE key LIKE 'threaded:%';
        """,
    ),
]
