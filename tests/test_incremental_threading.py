"""Threading new mail with only the key groups it touches gives the links of
threading the whole list, whatever the order mail arrives in."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer import pipeline
from analyzer.models import Message
from analyzer.pipeline import ingest_paths, thread_list
from analyzer.store import Store
from analyzer.threading import KeyGroups, ThreadInput, interaction_keys


def _links(store: Store) -> list[tuple]:
    return [tuple(r) for r in store.query(
        "SELECT list, message_id, parent_id, thread_id, thread_link FROM messages ORDER BY 1, 2")]


def _key_rows(store: Store) -> int:
    return next(store.query("SELECT count(*) FROM thread_keys"))[0]


def _threaded_whole_again(store: Store, list_name: str) -> list[tuple]:
    """The links after forgetting how the list was threaded, so it is threaded whole."""
    with store.transaction():
        store.db.execute("DELETE FROM store_state WHERE key = ?", ("threaded:" + list_name,))
    run = thread_list(store, list_name)
    assert not run.incremental
    return _links(store)


def _volumes(shared_dir: Path) -> list[Path]:
    twisted = sorted((shared_dir / "corpora" / "other" / "twisted-pipermail" / "twisted-python")
                     .glob("*.txt.gz"))
    dev = sorted((shared_dir / "eval" / "dev" / "archive").rglob("*.txt"))
    assert len(twisted) >= 10 and len(dev) >= 2
    return twisted + dev


def _one_ingest(path: Path, volumes: list[Path]) -> list[tuple]:
    with Store(path) as store:
        ingest_paths(store, volumes)
        return _links(store)


@pytest.mark.parametrize("order", ["oldest first", "newest first"])
def test_volume_by_volume_ingest_gives_the_links_of_one_whole_ingest(shared_dir, tmp_path,
                                                                      order):
    volumes = _volumes(shared_dir)
    reference = _one_ingest(tmp_path / "whole.sqlite", volumes)
    if order == "newest first":
        volumes = volumes[::-1]
    runs = []  # (messages threading read, messages the store held)
    with Store(tmp_path / "steps.sqlite") as store:
        for volume in volumes:
            report = ingest_paths(store, [volume])
            runs.append((report.threaded, len(_links(store))))
        stepped = _links(store)
        assert stepped == _threaded_whole_again(store, "twisted-python")
        assert stepped == _threaded_whole_again(store, "archive")
    assert stepped == reference  # arrival order does not matter either
    # From the third run on, new messages are threaded with the groups they touch:
    # far fewer than threading every list each time would read.
    assert all(threaded < held for threaded, held in runs[2:])
    assert sum(threaded for threaded, _ in runs[2:]) < sum(held for _, held in runs[2:]) / 4


def test_a_fresh_ingest_keeps_no_key_map_and_the_next_one_builds_it(shared_dir, tmp_path):
    first, *rest = _volumes(shared_dir)[:3]
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [first])
        assert _key_rows(store) == 0
        assert not store.threading_mark("twisted-python").keys
        ingest_paths(store, [rest[0]])
        assert _key_rows(store) > 0
        assert store.threading_mark("twisted-python").keys
        stored = next(store.query("SELECT count(*) FROM messages"))[0]
        report = ingest_paths(store, [rest[1]])
        assert 0 < report.threaded < stored


def test_a_rerun_without_new_mail_threads_nothing(shared_dir, tmp_path):
    volumes = _volumes(shared_dir)[:2]
    with Store(tmp_path / "s.sqlite") as store:
        for volume in volumes:
            ingest_paths(store, [volume])
        run = thread_list(store, "twisted-python")
        assert (run.changed, run.threaded, run.incremental) == (0, 0, True)


def test_new_threading_rules_thread_the_whole_list_again(shared_dir, tmp_path, monkeypatch):
    volumes = _volumes(shared_dir)[:2]
    with Store(tmp_path / "s.sqlite") as store:
        for volume in volumes:
            ingest_paths(store, [volume])
        assert thread_list(store, "twisted-python").incremental
        monkeypatch.setattr(pipeline, "THREADING_VERSION", pipeline.THREADING_VERSION + 1)
        run = thread_list(store, "twisted-python")
        assert not run.incremental
        assert run.threaded == next(store.query("SELECT count(*) FROM messages"))[0]
        assert thread_list(store, "twisted-python").incremental


def test_a_body_restored_from_a_later_copy_rebuilds_the_key_map(tmp_path):
    def digest_reply(body: str) -> Message:
        return Message(message_id="r", list="l", subject="Re: l Digest, Vol 1, Issue 2",
                       body=body, content_hash="same")

    with Store(tmp_path / "s.sqlite") as store:
        store.upsert_messages([digest_reply("caf? Message-ID: <a>")])
        thread_list(store, "l")
        thread_list(store, "l")
        assert store.threading_mark("l").keys
        store.upsert_messages([digest_reply("café Message-ID: <a>")])  # restores the ?
        assert not store.threading_mark("l").keys
        assert not thread_list(store, "l").incremental


def test_deleted_messages_make_the_next_threading_whole(tmp_path):
    def message(mid: str, refs=()) -> Message:
        return Message(message_id=mid, list="l", references=list(refs), content_hash=mid)

    with Store(tmp_path / "s.sqlite") as store:
        store.upsert_messages([message("a"), message("b", ["a"])])
        thread_list(store, "l")
        thread_list(store, "l")
        with store.transaction():  # e.g. removed on request, by hand
            store.db.execute("DELETE FROM messages WHERE message_id = 'a'")
        store.upsert_messages([message("c")])  # may reuse a's row id
        run = thread_list(store, "l")
        assert not run.incremental and run.threaded == 2
        assert [row[2:] for row in _links(store)] == [(None, "b", "root"), (None, "c", "root")]


def test_a_deleted_last_row_whose_id_a_new_message_reuses_makes_threading_whole(tmp_path):
    def message(mid: str, refs=()) -> Message:
        return Message(message_id=mid, list="l", references=list(refs), content_hash=mid)

    with Store(tmp_path / "s.sqlite") as store:
        store.upsert_messages([message("a"), message("b")])
        thread_list(store, "l")
        thread_list(store, "l")
        with store.transaction():
            store.db.execute("DELETE FROM messages WHERE message_id = 'b'")
        store.upsert_messages([message("c", ["a"])])  # takes b's row id: count unchanged
        assert next(store.query("SELECT id FROM messages WHERE message_id = 'c'"))[0] == 2
        run = thread_list(store, "l")
        assert not run.incremental
        assert [row[1:] for row in _links(store)] == [("a", None, "a", "root"),
                                                     ("c", "a", "a", "references")]


def test_force_threads_the_lists_whole(shared_dir, tmp_path):
    volumes = _volumes(shared_dir)[:3]
    with Store(tmp_path / "s.sqlite") as store:
        for volume in volumes:
            ingest_paths(store, [volume])
        report = ingest_paths(store, volumes[:1], force=True)
        assert report.threaded == next(store.query("SELECT count(*) FROM messages"))[0]


def _input(mid: str, rowid: int, refs=(), subject: str = "", digest=()) -> ThreadInput:
    return ThreadInput(mid, [], list(refs), subject, None, list(digest), rowid)


def test_key_groups_join_messages_through_references_and_subjects_only():
    groups = KeyGroups()
    for message in (_input("a", 5, subject="Budget"), _input("b", 3, refs=["a"]),
                    _input("c", 9, refs=["missing"]), _input("d", 7, refs=["missing"]),
                    _input("e", 8, subject="Re: budget"), _input("f", 2, subject="Re: "),
                    _input("g", 4, subject="test"), _input("h", 6, digest=["g"])):
        groups.add(message)
    found, members = groups.groups()
    assert {found[k] for k in ("a", "b", "e", " budget")} == {3}
    assert found["c"] == found["d"] == found["missing"] == 7
    assert found["f"] == 2  # a generic subject joins nothing
    assert found["g"] == found["h"] == 4  # quoted by a digest reply
    assert members == {3: [3, 5, 8], 7: [7, 9], 2: [2], 4: [4, 6]}


def test_interaction_keys_skip_digest_and_generic_subjects():
    assert interaction_keys(_input("a", 1, subject="Re: l Digest, Vol 1, Issue 2")) == ["a"]
    assert interaction_keys(_input("a", 1, subject="(no subject)")) == ["a"]
    assert interaction_keys(_input("a", 1, refs=["x", "a"], subject="Fwd: Plan")) == [
        "a", "x", " plan"]


_SUBJECTS = ["Budget", "Re: Budget", "RE: budget", "Fwd: Budget", "Meeting", "Re: Meeting",
             "", "test", "Re: l Digest, Vol 3, Issue 2", "Re: l Digest, Vol 3, Issue 4"]
_START = datetime(2024, 1, 1, tzinfo=UTC)


@st.composite
def _archives(draw):
    """A few dozen messages with tangled references (some to missing ids), repeated
    subjects over months, digest replies, undated ones; cut into arrival batches."""
    count = draw(st.integers(2, 24))
    ids = [f"m{i}" for i in range(count)] + ["x0", "x1"]
    messages = []
    for i in range(count):
        subject = draw(st.sampled_from(_SUBJECTS))
        refs = draw(st.lists(st.sampled_from(ids), max_size=3))
        body = ""
        if "Digest" in subject:  # replies to digests seldom reference what they answer
            refs = draw(st.lists(st.sampled_from(ids[-2:]), max_size=1))
            quoted = draw(st.sampled_from(ids))
            body = f"Message: 1\nSubject: Budget\nMessage-ID: <{quoted}>\n\nbudget talk"
        day = draw(st.none() | st.integers(0, 200))
        messages.append(Message(
            message_id=f"m{i}", list="l", subject=subject, body=body,
            references=refs[:-1], in_reply_to=refs[-1:],
            date=None if day is None else _START + timedelta(days=day),
            content_hash=f"m{i}"))
    order = draw(st.permutations(messages))
    cuts = sorted(draw(st.lists(st.integers(1, count), max_size=4)))
    bounds = zip([0, *cuts], [*cuts, count], strict=True)
    batches = [order[a:b] for a, b in bounds if order[a:b]]
    return messages, batches


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_archives())
def test_threading_in_arrival_batches_equals_threading_the_whole_list(archive):
    _, batches = archive
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "s.sqlite") as store:
        for batch in batches:
            store.upsert_messages(batch)
            thread_list(store, "l")
        assert _links(store) == _threaded_whole_again(store, "l")


def test_the_canonical_dump_leaves_out_the_key_map_but_not_the_links(shared_dir, tmp_path):
    from analyzer.store.dump import canonical_dump

    volumes = _volumes(shared_dir)[:3]
    maps = {}
    for name, runs in (("once", [volumes]), ("thrice", [volumes[:1], volumes[1:2], volumes[2:]])):
        with Store(tmp_path / f"{name}.sqlite") as store:
            for paths in runs:
                ingest_paths(store, paths)
            maps[name] = _key_rows(store)
    assert maps["once"] == 0 < maps["thrice"]
    once = canonical_dump(tmp_path / "once.sqlite")
    assert canonical_dump(tmp_path / "thrice.sqlite") == once
    with Store(tmp_path / "thrice.sqlite") as store, store.transaction():
        store.db.execute("UPDATE messages SET parent_id = NULL WHERE parent_id IS NOT NULL"
                         " AND id = (SELECT min(id) FROM messages WHERE parent_id IS NOT NULL)")
    assert canonical_dump(tmp_path / "thrice.sqlite") != once
