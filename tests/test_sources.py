"""Recognising what a path is: maildir, .eml folders, gzip, pages, renderings."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest

from analyzer.errors import UnknownSource
from analyzer.ingest.sources import plan_units, safe_list_name
from analyzer.pipeline import ingest_paths
from analyzer.store import Store

DATA = Path(__file__).parent / "data"
EMLS = ["no-message-id.eml", "latin1-undeclared.eml", "multipart-base64-attachment.eml"]


def stored(paths, tmp_path, **kw) -> list[tuple]:
    with Store(tmp_path / "s.sqlite") as store:
        ingest_paths(store, paths, **kw)
        return store.query("SELECT list, subject FROM messages ORDER BY subject").fetchall()


def test_maildir_folder_is_read_from_cur_and_new(tmp_path):
    maildir = tmp_path / "team"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    shutil.copy(DATA / EMLS[0], maildir / "cur" / "1700000000.1.host:2,S")
    shutil.copy(DATA / EMLS[1], maildir / "new" / "1700000001.2.host")
    rows = stored([maildir], tmp_path)
    assert [tuple(r) for r in rows] == [("team", "Reunión"), ("team", "[L] No id here")]


def test_folder_of_eml_files_ingests_each(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in EMLS:
        shutil.copy(DATA / name, folder / name)
    assert len(stored([folder], tmp_path, list_name="inbox")) == 3


def test_gzipped_mbox_is_detected_by_magic_bytes(tmp_path):
    mbox = b"".join(
        b"From a@example.org Mon Oct  6 14:05:31 2025\n" + (DATA / n).read_bytes() + b"\n"
        for n in EMLS
    )
    target = tmp_path / "archive.mbox.gz"
    target.write_bytes(gzip.compress(mbox))
    rows = stored([target], tmp_path)
    assert len(rows) == 3 and rows[0][0] == "archive"


def test_missing_path_is_an_unknown_source(tmp_path):
    with pytest.raises(UnknownSource, match="no such file"):
        plan_units(tmp_path / "absent")


@pytest.mark.parametrize(
    ("raw", "safe"),
    [("Chapter-Leaders", "chapter-leaders"), ("../../etc", "etc"), ("a b/c", "a-b-c"),
     ("...", "list")],
)
def test_list_names_are_safe_for_paths(raw, safe):
    assert safe_list_name(raw) == safe


def test_gzip_bomb_is_quarantined_not_expanded(tmp_path):
    bomb = tmp_path / "bomb.mbox.gz"
    bomb.write_bytes(gzip.compress(b"From: a@b.org\n\n" + b"x" * 5_000_000))
    with Store(tmp_path / "s.sqlite") as store:
        report = ingest_paths(store, [bomb], max_bytes=1_000_000)
        reason = store.query("SELECT reason FROM quarantine").fetchone()[0]
    assert report.quarantined == 1
    assert "limit" in reason.lower()
