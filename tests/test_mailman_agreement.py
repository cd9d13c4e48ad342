"""Our threading against Mailman's own thread.html on real archives.

Mailman threads each month alone (In-Reply-To, then References, then the oldest
message with the same subject).  We thread across months with JWZ, so a few
differences are by design; the figure and its explanation live in docs/ingest.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.ingest import html as pages
from analyzer.pipeline import ingest_paths
from analyzer.store import Store

MONTHS = [
    "corpora/other/twisted-pipermail/twisted-python/2021-June",
    "corpora/other/twisted-pipermail/twisted-python/2016-September",
    "corpora/other/twisted-pipermail/twisted-python/1945-February",
    "corpora/pipermail-samples/twisted-python/2021-August",
    "corpora/pipermail-samples/imagej-devel/2015-October",
    "corpora/pipermail-samples/divunal-author/1999-August",
    "eval/dev/mirror/chapter-leaders/2025-October",
    "eval/dev/mirror/chapter-leaders/2025-November",
]


def mailman_links(folder: Path) -> dict[str, str | None]:
    """Message-ID → parent Message-ID as Mailman's thread.html shows them."""
    ids: dict[int, str] = {}
    for page in folder.glob("[0-9]*.html"):
        parsed = pages.parse_message_page(page.read_bytes(), str(page))
        if parsed.message_id and parsed.number is not None:
            ids[parsed.number] = parsed.message_id
    links = {}
    for entry in pages.parse_thread_index((folder / "thread.html").read_bytes()):
        if entry.number in ids:
            parent = ids.get(entry.parent_number) if entry.parent_number is not None else None
            links[ids[entry.number]] = parent
    return links


def our_links(volume: Path, tmp_path: Path) -> dict[str, str | None]:
    with Store(tmp_path / "agreement.sqlite") as store:
        ingest_paths(store, [volume])
        rows = store.query("SELECT message_id, parent_id FROM messages").fetchall()
    return {row[0]: row[1] for row in rows}


def agreement(shared: Path, tmp_path: Path) -> tuple[int, int, list[tuple[str, str, str]]]:
    """(agreeing parent links, Mailman parent links, disagreements) over all months."""
    agree = total = 0
    differences = []
    for index, month in enumerate(MONTHS):
        folder = shared / month
        volume = folder.parent / f"{folder.name}.txt"
        if not volume.exists():
            volume = folder.parent / f"{folder.name}.txt.gz"
        ours = our_links(volume, tmp_path / str(index))
        for child, parent in mailman_links(folder).items():
            if parent is None:
                continue
            total += 1
            if ours.get(child) == parent:
                agree += 1
            else:
                differences.append((month, child, f"mailman={parent} ours={ours.get(child)}"))
    return agree, total, differences


def test_parent_links_agree_with_mailman_thread_pages(shared_dir, tmp_path):
    agree, total, differences = agreement(shared_dir, tmp_path)
    assert total > 0
    rate = agree / total
    assert rate >= 0.98, f"{agree}/{total} = {rate:.3f}; differences: {differences}"


@pytest.mark.parametrize("month", MONTHS)
def test_every_mailman_page_message_is_ingested(shared_dir, tmp_path, month):
    folder = shared_dir / month
    volume = folder.parent / f"{folder.name}.txt"
    if not volume.exists():
        volume = folder.parent / f"{folder.name}.txt.gz"
    ours = our_links(volume, tmp_path)
    page_ids = {
        p.message_id
        for page in folder.glob("[0-9]*.html")
        if (p := pages.parse_message_page(page.read_bytes(), str(page))).message_id
    }
    assert page_ids <= set(ours)
