"""Threading against the store: links guessed at insert save rewrites but never change
the result; stored reference lists are read back exactly."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from analyzer.models import Message
from analyzer.pipeline import ThreadGuess, _id_list, ingest_paths
from analyzer.store import Store


def _links(store: Store) -> list[tuple]:
    return [tuple(r) for r in store.query(
        "SELECT list, message_id, parent_id, thread_id, thread_link FROM messages ORDER BY 1, 2")]


def _ingest(path, paths):
    with Store(path) as store:
        report = ingest_paths(store, paths)
        return report, _links(store), store.lists_with_unthreaded_messages()


def test_guessed_links_give_the_same_threads_as_threading_alone(shared_dir, tmp_path,
                                                                 monkeypatch):
    archive = shared_dir / "eval" / "dev" / "archive"
    paths = [archive, shared_dir / "corpora" / "bigbang" / "2001-November.txt"]
    guessed, links, pending = _ingest(tmp_path / "guessed.sqlite", paths)
    monkeypatch.setattr(ThreadGuess, "__call__", lambda self, m: (None, None, None))
    unguessed, reference, _ = _ingest(tmp_path / "plain.sqlite", paths)
    assert links == reference
    assert pending == []
    # Most links were right at insert: threading rewrote only the others.
    assert unguessed.rethreaded == len(reference)
    assert guessed.rethreaded < len(reference) / 2


def _message(mid: str, refs: list[str] = (), irt: list[str] = (), list_name: str = "l"):
    return Message(message_id=mid, references=list(refs), in_reply_to=list(irt),
                   list=list_name)


def test_a_reply_gets_its_stored_parent_and_that_parents_thread():
    guess = ThreadGuess()
    assert guess(_message("a")) == (None, "a", "root")
    assert guess(_message("b", refs=["a"])) == ("a", "a", "references")
    assert guess(_message("c", irt=["b"])) == ("b", "a", "in-reply-to")


def test_a_reply_to_an_unseen_message_or_another_list_is_left_to_threading():
    guess = ThreadGuess()
    guess(_message("a", list_name="one"))
    assert guess(_message("b", refs=["missing"])) == (None, None, None)
    assert guess(_message("c", refs=["a"], list_name="two")) == (None, None, None)


@given(st.lists(st.text(max_size=12)))
def test_stored_id_lists_read_back_exactly(ids):
    assert _id_list(json.dumps(ids)) == ids


@given(st.lists(st.text(max_size=12)))
def test_id_lists_are_stored_exactly_as_json_dumps_writes_them(ids):
    from analyzer.ingest.message import json_id_list

    assert json_id_list(ids) == json.dumps(ids)


def test_threading_leaves_the_garbage_collector_as_it_found_it(tmp_path):
    import gc

    from analyzer.pipeline import thread_list

    with Store(tmp_path / "s.sqlite") as store:
        store.upsert_messages([_message("a"), _message("b", refs=["a"])])
        assert gc.isenabled()
        assert thread_list(store, "l").changed == 2
        assert gc.isenabled()
        gc.disable()
        try:
            thread_list(store, "l")
            assert not gc.isenabled()
        finally:
            gc.enable()


def test_thread_inputs_come_in_date_order_then_row_order_with_undated_last(tmp_path):
    from datetime import UTC, datetime

    def at(day):
        return datetime(2025, 1, day, tzinfo=UTC) if day else None

    days = {"u1": None, "c": 3, "a": 1, "u2": None, "b2": 2, "b1": 2, "other": 1}
    with Store(tmp_path / "s.sqlite") as store:
        store.upsert_messages(
            Message(message_id=mid, list="other" if mid == "other" else "l", date=at(day))
            for mid, day in days.items())
        order = [row[1] for row in store.iter_thread_inputs("l")]
    # Same date: the one stored first (b2) comes first; undated rows keep row order.
    assert order == ["a", "b2", "b1", "c", "u1", "u2"]
