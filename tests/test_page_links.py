"""Messages link to their archive pages, even when the pages were not mirrored."""

from __future__ import annotations

import shutil
from pathlib import Path

from analyzer.ingest import html as pages
from analyzer.pipeline import ingest_paths
from analyzer.store import Store


def copy_without_pages(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    for page in target.glob("*/[0-9]*.html"):
        page.unlink()
    return target


def stored_links(folder: Path, store_path: Path, base_url: str = "") -> dict[str, str]:
    with Store(store_path) as store:
        ingest_paths(store, [folder], base_url=base_url)
        return dict(store.query("SELECT message_id, archive_url FROM messages").fetchall())


def test_page_links_come_from_thread_index_order_when_pages_are_absent(shared_dir, tmp_path):
    original = shared_dir / "eval/dev/mirror/chapter-leaders"
    mirror = copy_without_pages(original, tmp_path / "chapter-leaders")
    links = stored_links(mirror, tmp_path / "s.sqlite")
    for message_id, url in links.items():
        page = original / Path(url).parent.name / Path(url).name
        assert pages.parse_message_page(page.read_bytes()).message_id == message_id


def test_known_base_url_gives_web_links(shared_dir, tmp_path):
    base = "https://lists.example.org/pipermail/chapter-leaders/"
    links = stored_links(shared_dir / "eval/dev/mirror/chapter-leaders", tmp_path / "s.sqlite",
                         base)
    assert all(url.startswith(base + "2025-") and url.endswith(".html") for url in links.values())


def test_doubled_volume_with_mixed_builds_still_links_every_message(shared_dir, tmp_path):
    twisted = shared_dir / "corpora/other/twisted-pipermail/twisted-python"
    site = tmp_path / "twisted-python"
    site.mkdir()
    shutil.copy(twisted / "2016-September.txt", site)
    shutil.copytree(twisted / "2016-September", site / "2016-September")
    links = stored_links(site, tmp_path / "s.sqlite")
    assert len(links) == 27
    for message_id, url in links.items():
        parsed = pages.parse_message_page(Path(url).read_bytes())
        assert parsed.message_id == message_id
