"""Every real archive in ../shared/corpora ingests without an exception.

Expected counts were verified independently of our parser: unique ``Message-ID:``
header lines per file (``grep | sort -u``), minus Message-ID lines that belong to
header blocks quoted inside bodies, plus one synthetic id per distinct message
without one; see docs/ingest.md for the derivation of each figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.pipeline import ingest_paths
from analyzer.store import Store

TWISTED = "other/twisted-pipermail/twisted-python"
# file → (messages stored, records quarantined)
EXPECTED = {
    "bigbang/2001-November.txt": (82, 0),  # every message twice
    "bigbang/3GPP_mbox/3GPP_TSG_RAN_WG4_NR-MIMO-OTA.mbox": (55, 1),  # headerless record
    "bigbang/3GPP_mbox/3GPP_TSG_SA_WG4_EVS.mbox": (49, 0),
    "bigbang/bigbang-dev-test.txt": (6, 0),
    "bigbang/from-header-variations.txt": (0, 1),  # a list of From values, not mail
    "bigbang/w3crawl-test-message.html": (0, 1),  # Hypermail, not Pipermail
    "other/ietf-tools-mailarchive/ancp-2010-03.mail": (36, 0),
    "other/ietf-tools-mailarchive/mailbox_mmdf": (5, 0),
    f"{TWISTED}/1945-February.txt.gz": (2, 0),  # garbage zone +50579034
    f"{TWISTED}/2010-February.txt.gz": (278, 0),
    f"{TWISTED}/2016-January.txt.gz": (25, 0),
    f"{TWISTED}/2016-February.txt.gz": (40, 0),
    f"{TWISTED}/2016-March.txt.gz": (77, 0),  # 78 id lines, one in a quoted header block
    f"{TWISTED}/2016-April.txt.gz": (66, 0),  # unescaped From_ body line
    f"{TWISTED}/2016-May.txt.gz": (104, 0),
    f"{TWISTED}/2016-June.txt.gz": (97, 0),
    f"{TWISTED}/2016-July.txt.gz": (166, 0),
    f"{TWISTED}/2016-August.txt.gz": (113, 0),
    f"{TWISTED}/2016-September.txt": (27, 0),
    f"{TWISTED}/2016-October.txt.gz": (59, 0),
    f"{TWISTED}/2016-November.txt.gz": (38, 0),
    f"{TWISTED}/2016-December.txt.gz": (114, 0),  # unescaped From_ body line
    f"{TWISTED}/2021-June.txt": (9, 0),
    "pipermail-samples/twisted-python/2021-August.txt.gz": (16, 0),
    "pipermail-samples/imagej-devel/2015-October.txt": (13, 0),
    "pipermail-samples/divunal-author/1999-August.txt": (14, 0),  # no ids, 3 copies each
    "perceval/mbox/mbox_complex.mbox": (2, 0),
    "perceval/mbox/mbox_iso8859_encoding.mbox": (1, 0),  # Latin-1 byte in From_ line
    "perceval/mbox/mbox_unixfrom_encoding.mbox": (1, 0),  # UTF-8 quotes in From_ line
    "perceval/mbox/mbox_multipart.mbox": (2, 0),
    "perceval/mbox/mbox_no_fields.mbox": (3, 0),  # no id, empty and bogus dates
    "perceval/mbox/mbox_unknown_encoding.mbox": (1, 0),
    "perceval/mbox/mbox_single.mbox": (1, 0),
    "perceval/pipermail/pipermail_2015_november.mbox": (4, 0),
    "perceval/pipermail/pipermail_2016_april.mbox": (3, 0),
    "perceval/pipermail/pipermail_2016_march.mbox": (1, 0),
    "perceval/hyperkitty/hyperkitty_2016_april.mbox": (3, 0),
    "perceval/pipermail/pipermail_index.html": (0, 1),
    "seed/000_8ff253662de7de04.txt": (1, 0),  # text rendering of a message page
}


def counts(path: Path, tmp_path: Path) -> tuple[int, int]:
    with Store(tmp_path / "c.sqlite") as store:
        ingest_paths(store, [path])
        found = store.counts()
    return found["messages"], found["quarantine"]


@pytest.mark.parametrize(("name", "expected"), EXPECTED.items(), ids=list(EXPECTED))
def test_real_archive_file_gives_verified_counts(shared_dir, tmp_path, name, expected):
    assert counts(shared_dir / "corpora" / name, tmp_path) == expected


def test_whole_corpora_folder_ingests_and_reruns_add_nothing(shared_dir, tmp_path):
    with Store(tmp_path / "all.sqlite") as store:
        first = ingest_paths(store, [shared_dir / "corpora"])
        again = ingest_paths(store, [shared_dir / "corpora"], force=True)
        assert store.counts()["messages"] == first.stats.inserted
        # the batch-written full-text index survives duplicates that repair bodies
        store.db.execute("INSERT INTO messages_fts (messages_fts) VALUES ('integrity-check')")
        assert store.search("twisted", limit=1)
    assert first.stats.inserted > 1400
    assert again.stats.inserted == 0
    assert again.quarantined == 0  # already recorded, not duplicated


def test_unchanged_files_are_skipped_on_rerun(shared_dir, tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [shared_dir / "corpora" / "bigbang"])
        again = ingest_paths(store, [shared_dir / "corpora" / "bigbang"])
    assert again.skipped_unchanged == again.units and again.messages_seen == 0


def test_touched_but_unchanged_file_is_skipped_and_its_new_mtime_kept(shared_dir, tmp_path):
    import os
    import shutil

    volume = tmp_path / "2016-September.txt"
    shutil.copy(shared_dir / "corpora/other/twisted-pipermail/twisted-python/2016-September.txt",
                volume)
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [volume])
        os.utime(volume, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
        again = ingest_paths(store, [volume])
        _, mtime, _, messages = store.known_source(str(volume))
    assert again.skipped_unchanged == 1 and again.messages_seen == 0
    assert (mtime, messages) == (1_700_000_000_000_000_000, 54)


def test_changed_file_is_read_again(shared_dir, tmp_path):
    volume = tmp_path / "2021-June.txt"
    source = shared_dir / "corpora/other/twisted-pipermail/twisted-python/2021-June.txt"
    volume.write_bytes(source.read_bytes()[: len(source.read_bytes()) // 2])
    with Store(tmp_path / "s.sqlite") as store:
        first = ingest_paths(store, [volume]).stats.inserted
        volume.write_bytes(source.read_bytes())
        again = ingest_paths(store, [volume])
    assert again.skipped_unchanged == 0 and again.stats.inserted == 9 - first


def test_seed_rendering_keeps_its_file_name_as_id_and_list_from_footer(shared_dir, tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [shared_dir / "corpora" / "seed" / "000_8ff253662de7de04.txt"])
        row = store.query("SELECT list, message_id, from_name, from_addr, date FROM messages")
        values = tuple(row.fetchone())
    assert values == ("chapter-delegates", "000_8ff253662de7de04", "Israel Rosas",
                      "rosas@isoc.org", "2025-11-01T13:49:07+00:00")


def test_question_marks_of_us_ascii_volume_are_restored_from_pages(shared_dir, tmp_path):
    mirror = shared_dir / "corpora" / "pipermail-samples" / "imagej-devel"
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, [mirror])
        bodies = [r[0] for r in store.query("SELECT body FROM messages")]
        urls = [r[0] for r in store.query("SELECT archive_url FROM messages")]
    assert any(not body.isascii() for body in bodies)
    assert all(url.endswith(".html") for url in urls)
