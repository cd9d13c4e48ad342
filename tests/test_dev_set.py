"""The dev set end to end: fetch over loopback, store, thread; compare with gold.

Mailman threads each month alone and HyperKitty threads by In-Reply-To only, so
both split subject-only replies and replies to digests into threads of their own;
our threads must match the gold ``thread_root`` better than either.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from httpserver import HyperkittySite, LoopbackServer

from analyzer.config import load_config
from analyzer.fetching import fetch_and_ingest
from analyzer.ingest import html as pages
from analyzer.ingest.http import Fetcher
from analyzer.store import Store

LIST_PATH = "/pipermail/chapter-leaders/"


def gold(shared: Path) -> dict[str, dict]:
    lines = (shared / "eval/dev/gold.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["message_id"].strip("<>"): json.loads(line) for line in lines}


def thread_roots(store: Store) -> dict[str, str]:
    return dict(store.query("SELECT message_id, thread_id FROM messages").fetchall())


def agreeing(roots: dict[str, str], gold_rows: dict[str, dict]) -> int:
    return sum(roots.get(mid) == row["thread_root"].strip("<>") for mid, row in gold_rows.items())


@pytest.fixture
def server():
    with LoopbackServer() as running:
        yield running


def fetch(url: str, store_path: Path, mirror: Path):
    config = load_config(None, env={})
    fetcher = Fetcher(backoff=0.01, timeout=5)
    with Store(store_path) as store:
        outcome = fetch_and_ingest(store, url, config, mirror_dir=mirror, quiet=True,
                                   fetcher=fetcher)
        return outcome, thread_roots(store)


def test_fetched_dev_mirror_matches_gold_threads_better_than_mailman(server, shared_dir, tmp_path):
    url = server.mount(LIST_PATH, shared_dir / "eval/dev/mirror/chapter-leaders")
    outcome, roots = fetch(url, tmp_path / "s.sqlite", tmp_path / "mirror")
    expected = gold(shared_dir)
    assert outcome.missing == []
    assert set(roots) == set(expected)
    mailman = 43  # 46 minus 2 digest replies and 1 cross-month reply (dev README)
    assert agreeing(roots, expected) == len(expected) > mailman


def test_fetched_messages_link_to_their_pages_on_the_server(server, shared_dir, tmp_path):
    url = server.mount(LIST_PATH, shared_dir / "eval/dev/mirror/chapter-leaders")
    fetch(url, tmp_path / "s.sqlite", tmp_path / "mirror")
    with Store(tmp_path / "s.sqlite") as store:
        links = dict(store.query("SELECT message_id, archive_url FROM messages").fetchall())
    for message_id, link in links.items():
        assert link.startswith(url)
        page = shared_dir / "eval/dev/mirror/chapter-leaders" / link[len(url):]
        assert pages.parse_message_page(page.read_bytes()).message_id == message_id


def test_html_only_dev_mirror_recovers_every_message_id_and_thread(server, shared_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(shared_dir / "eval/dev/mirror/chapter-leaders", site)
    for volume in site.glob("*.txt*"):
        volume.unlink()
    url = server.mount(LIST_PATH, site)
    outcome, roots = fetch(url, tmp_path / "s.sqlite", tmp_path / "mirror")
    expected = gold(shared_dir)
    assert outcome.missing == []
    assert set(roots) == set(expected)
    assert agreeing(roots, expected) == len(expected)


def test_hyperkitty_exports_give_gold_threads_better_than_hyperkitty(server, shared_dir,
                                                                   tmp_path):
    exports = shared_dir / "eval/dev/hyperkitty"
    url = HyperkittySite(exports).install(server)
    outcome, roots = fetch(url, tmp_path / "s.sqlite", tmp_path / "mirror")
    assert outcome.missing == []
    expected = gold(shared_dir)
    hyperkitty_rows = [json.loads(x) for x in (exports / "threads.jsonl").read_text().splitlines()]
    hyperkitty = sum(r["thread_root"] == expected[r["message_id"].strip("<>")]["thread_root"]
                     for r in hyperkitty_rows)
    assert agreeing(roots, expected) == len(expected) > hyperkitty


def test_second_fetch_of_unchanged_dev_mirror_adds_nothing(server, shared_dir, tmp_path):
    url = server.mount(LIST_PATH, shared_dir / "eval/dev/mirror/chapter-leaders")
    fetch(url, tmp_path / "s.sqlite", tmp_path / "mirror")
    server.reset_log()
    outcome, _ = fetch(url, tmp_path / "s.sqlite", tmp_path / "mirror")
    assert outcome.mirror.changed == []
    assert outcome.ingest.stats.inserted == 0
    assert server.bytes_sent < 20_000  # the index and validators, no volume bodies
