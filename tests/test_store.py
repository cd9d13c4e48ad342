"""The SQLite store: migrations, idempotent upserts, conflicts, quarantine, FTS."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from analyzer.errors import SearchSyntaxError
from analyzer.models import Message, Quarantined, ThreadLink
from analyzer.store import Store
from analyzer.store.database import iter_export_rows


def message(mid="a@x.org", body="We met the Deputy Minister.", **kw):
    defaults = dict(list="l", subject="[L] Visit", from_name="Ann", from_addr="ann@x.org",
                    date=datetime(2025, 10, 6, 14, tzinfo=UTC), date_offset=-240, body=body,
                    content_hash=f"h-{body}")
    defaults.update(kw)
    return Message(message_id=mid, **defaults)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.sqlite") as s:
        yield s


def test_new_store_records_every_migration(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        versions = [r[0] for r in store.query("SELECT version FROM schema_migrations")]
    assert versions == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    automerge = store_value(tmp_path / "s.sqlite",
                            "SELECT v FROM messages_fts_config WHERE k = 'automerge'")
    assert automerge == 16


def test_new_store_gets_large_pages_and_an_old_one_keeps_its_own(tmp_path):
    import sqlite3

    from analyzer.store.database import PAGE_SIZE

    with Store(tmp_path / "new.sqlite") as store:
        assert store.db.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE == 32768
    old = sqlite3.connect(tmp_path / "old.sqlite")
    old.execute("CREATE TABLE t (x)")
    old.commit()
    old.close()
    with Store(tmp_path / "old.sqlite") as store:
        assert store.db.execute("PRAGMA page_size").fetchone()[0] == 4096


def store_value(path, sql):
    with Store(path) as store:
        return store.db.execute(sql).fetchone()[0]


def test_reopening_a_store_applies_nothing_twice(tmp_path):
    Store(tmp_path / "s.sqlite").close()
    with Store(tmp_path / "s.sqlite") as store:
        assert store.migrate() == []


def test_store_uses_wal_journal(store):
    assert store.query("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_upsert_twice_stores_one_row(store):
    store.upsert_messages([message()])
    stats = store.upsert_messages([message()])
    assert (stats.inserted, stats.duplicates, stats.conflicts) == (0, 1, 0)
    assert store.counts()["messages"] == 1


def test_same_id_with_different_content_keeps_first_and_records_conflict(store):
    store.upsert_messages([message(body="first")])
    stats = store.upsert_messages([message(body="second", source="v2.txt", position="byte 9")])
    assert stats.conflicts == 1
    body = store.query("SELECT body FROM messages").fetchone()[0]
    conflict = store.query("SELECT source, position FROM conflicts").fetchone()
    assert body == "first"
    assert tuple(conflict) == ("v2.txt", "byte 9")


def test_quarantine_is_idempotent_and_keeps_reason(store):
    item = Quarantined("vol.txt", "byte 10", "no headers", "garbage", "l")
    assert store.add_quarantine([item]) == 1
    assert store.add_quarantine([item]) == 0
    rows = list(iter_export_rows(store, "quarantine", None))
    assert rows == [{"list": "l", "source": "vol.txt", "position": "byte 10",
                     "reason": "no headers", "raw_excerpt": "garbage"}]


def test_full_text_search_finds_body_words_without_accents(store):
    store.upsert_messages([message(body="Réunion avec le ministère")])
    hits = store.search("ministere")
    assert [h["message_id"] for h in hits] == ["a@x.org"]


def test_search_syntax_error_is_a_clear_user_error(store):
    with pytest.raises(SearchSyntaxError, match="double quotes"):
        store.search('"unbalanced')


def test_thread_updates_touch_only_changed_rows(store):
    store.upsert_messages([message("a"), message("b", body="reply")])
    links = [ThreadLink("a", None, "a", "root"), ThreadLink("b", "a", "a", "in-reply-to")]
    assert store.update_threads("l", links) == 2
    assert store.update_threads("l", links) == 0


def test_export_messages_has_contract_columns_and_utc_dates(store):
    store.upsert_messages([message()])
    row = next(iter_export_rows(store, "messages", "l"))
    assert list(row) == ["list", "message_id", "parent_id", "thread_id", "date", "from_name",
                         "from_addr", "subject", "period", "archive_url", "new_text",
                         "signature", "forwarded_count", "status", "forwarded_from"]
    assert row["date"] == "2025-10-06T14:00:00+00:00"
    assert row["status"] == "ok"


def test_failed_batch_leaves_store_unchanged(store, monkeypatch):
    def broken():
        yield message("a")
        raise RuntimeError("crash mid-batch")

    with pytest.raises(RuntimeError):
        store.upsert_messages(broken())
    assert store.counts()["messages"] == 0


def test_values_are_bound_not_interpolated(store):
    hostile = "x'); DROP TABLE messages; --"
    store.upsert_messages([message(hostile, subject=hostile)])
    assert store.counts()["messages"] == 1
    assert store.query("SELECT message_id FROM messages").fetchone()[0] == hostile


def test_lists_with_unthreaded_messages_are_exactly_those_left_unthreaded(store):
    store.upsert_messages([message(f"{name}-{i}@x.org", body=f"{name} {i}", list=name)
                           for name in ("alpha", "beta", "gamma") for i in range(3)])
    for name in ("alpha", "gamma"):
        store.update_threads(name, [ThreadLink(f"{name}-{i}@x.org", None, f"{name}-{i}@x.org",
                                               "root") for i in range(3)])
    assert store.lists_with_unthreaded_messages() == ["beta"]
    store.update_threads("beta", [ThreadLink("beta-0@x.org", None, "beta-0@x.org", "root")])
    assert store.lists_with_unthreaded_messages() == ["beta"]  # two still unthreaded


def test_a_list_with_guessed_links_waits_for_threading_until_threaded(store):
    def guess(m):
        return None, m.message_id, "root"

    store.upsert_messages([message("a@x.org", list="alpha")], guess)
    assert store.query("SELECT thread_id FROM messages").fetchone()[0] == "a@x.org"
    assert store.lists_with_unthreaded_messages() == ["alpha"]  # a guess is not a thread
    store.update_threads("alpha", [ThreadLink("a@x.org", None, "a@x.org", "root")])
    assert store.lists_with_unthreaded_messages() == []


def test_links_known_to_match_the_stored_ones_are_not_written(store):
    from analyzer.models import stored_links

    store.upsert_messages([message("a"), message("b", body="reply")])
    rowid = {r[0]: r[1] for r in store.query("SELECT message_id, id FROM messages")}
    same = ThreadLink("a", None, "a", "root", rowid["a"], stored_links(None, "a", "root"))
    moved = ThreadLink("b", "a", "a", "in-reply-to", rowid["b"], stored_links(None, "b", "root"))
    assert store.update_threads("l", [same, moved]) == 1
    assert tuple(store.query("SELECT parent_id, thread_id FROM messages"
                             " WHERE message_id = 'a'").fetchone()) == (None, None)  # left alone
    assert tuple(store.query("SELECT parent_id, thread_id, thread_link FROM messages"
                             " WHERE message_id = 'b'").fetchone()) == ("a", "a", "in-reply-to")


def test_duplicates_within_one_batch_keep_the_first_copy_and_record_a_conflict(store):
    stats = store.upsert_messages([message("a", body="first"), message("b"),
                                   message("a", body="first"), message("a", body="other")])
    assert (stats.inserted, stats.duplicates, stats.conflicts) == (2, 1, 1)
    assert store.query("SELECT body FROM messages WHERE message_id = 'a'").fetchone()[0] == "first"
    assert store.search("first")[0]["message_id"] == "a"


def test_anatomy_is_behind_for_new_messages_and_older_versions_only(store):
    from analyzer.anatomy import VERSION
    from analyzer.pipeline import update_anatomy

    store.upsert_messages([message("a@x.org", body="one"), message("b@x.org", body="two")])
    assert store.anatomy_behind(VERSION)
    update_anatomy(store)
    assert not store.anatomy_behind(VERSION)
    assert store.anatomy_behind(VERSION + 1)  # an older version is stored
    store.upsert_messages([message("c@x.org", body="three"),
                           message("d@x.org", body="four", list="other")])
    assert store.anatomy_behind(VERSION)
    update_anatomy(store, "other")  # the newest message done, an older one not
    assert store.anatomy_behind(VERSION)
    update_anatomy(store)
    assert not store.anatomy_behind(VERSION)


def test_duplicate_with_real_characters_restores_the_question_marks_of_the_stored_copy(store):
    store.upsert_messages([message(body="Reuni?n con el Ministro", content_hash="same")])
    stats = store.upsert_messages([message(body="Reunión con el Ministro", content_hash="same")])
    assert (stats.duplicates, stats.conflicts) == (1, 0)
    assert store.query("SELECT body FROM messages").fetchone()[0] == "Reunión con el Ministro"
    assert [r["message_id"] for r in store.search("Reunión")] == ["a@x.org"]


def test_duplicate_with_more_question_marks_leaves_the_stored_copy_alone(store):
    store.upsert_messages([message(body="Reunión con el Ministro ¿sí?", content_hash="same")])
    store.upsert_messages([message(body="Reuni?n con el Ministro ?s??", content_hash="same")])
    store.upsert_messages([message(body="Reunión con el Ministro ¿s??", content_hash="same")])
    assert store.query("SELECT body FROM messages").fetchone()[0] == "Reunión con el Ministro ¿sí?"


def test_bulk_writes_become_visible_once_enough_messages_are_written(tmp_path, monkeypatch):
    import sqlite3

    from analyzer.store import database

    monkeypatch.setattr(database, "COMMIT_EVERY", 3)
    monkeypatch.setattr(database, "COMMIT_INSIDE_FILE", 12)
    other = sqlite3.connect(tmp_path / "s.sqlite")

    def seen():
        return other.execute("SELECT count(*) FROM messages").fetchone()[0]

    with Store(tmp_path / "s.sqlite") as store, store.bulk():
        store.upsert_messages([message("a@x"), message("b@x")])
        store.commit_if_due()
        assert seen() == 0  # one transaction, still open: two messages written
        store.upsert_messages([message("c@x")])
        assert seen() == 0  # commits happen only where ingest says a file ended
        store.commit_if_due()
        assert seen() == 3
        store.upsert_messages([message(f"{n}@x") for n in range(12)])
        assert seen() == 15  # a file of COMMIT_INSIDE_FILE messages commits inside itself
        store.upsert_messages([message("d@x")])
    assert seen() == 16  # the end of the bulk commits the rest


def test_an_error_in_a_bulk_rolls_back_only_what_was_not_committed(tmp_path, monkeypatch):
    from analyzer.store import database

    monkeypatch.setattr(database, "COMMIT_EVERY", 2)
    with Store(tmp_path / "s.sqlite") as store:
        with pytest.raises(RuntimeError), store.bulk():
            store.upsert_messages([message("a@x"), message("b@x")])
            store.commit_if_due()
            store.upsert_messages([message("c@x")])
            store.record_source("v.txt", "l", 1, 1, "d", 1)
            raise RuntimeError("killed")
        ids = [r[0] for r in store.query("SELECT message_id FROM messages ORDER BY 1")]
        assert ids == ["a@x", "b@x"]
        assert store.known_source("v.txt") == (None, None, None, None)
        assert not store.db.in_transaction
        store.upsert_messages([message("c@x")])  # usable again, outside any bulk
        assert store.counts()["messages"] == 3
