"""Ingest and thread: the steps that connect sources to the store.

Kept out of ``ingest`` (which never touches the store) and out of ``cli`` (which
only parses options), so notebooks, the cron job and tests call the same code.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from analyzer.ingest.sources import DEFAULT_MAX_BYTES, Unit, iter_unit, plan_units
from analyzer.models import Message, Quarantined
from analyzer.store import Store, UpsertStats
from analyzer.threading import ThreadInput, build_threads, is_digest_subject

log = logging.getLogger(__name__)
Progress = Callable[[int], None]


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did, for the CLI summary and for tests."""

    units: int = 0
    skipped_unchanged: int = 0
    messages_seen: int = 0
    stats: UpsertStats = field(default_factory=UpsertStats)
    quarantined: int = 0
    rethreaded: int = 0
    lists: set[str] = field(default_factory=set)


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    list_name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    force: bool = False,
    base_url: str = "",
) -> IngestReport:
    """Ingest every source under ``paths`` and re-thread the lists that changed.

    A file already ingested with the same size and digest is skipped, so re-runs
    cost a stat and a hash per file; ``force`` reads everything again (still
    without duplicating rows).
    """
    report = IngestReport()
    units = plan(paths, list_name, base_url)
    for unit in units:
        report.units += 1
        _ingest_unit(store, unit, report, max_bytes=max_bytes, force=force)
        if progress is not None:
            progress(1)
    for name in sorted(report.lists):
        report.rethreaded += thread_list(store, name)
    return report


def plan(paths: Iterable[Path], list_name: str | None = None, base_url: str = "") -> list[Unit]:
    """The units ``ingest_paths`` would read (for progress bars and dry runs)."""
    return [unit for path in paths for unit in plan_units(Path(path), list_name, base_url)]


def _ingest_unit(
    store: Store, unit: Unit, report: IngestReport, *, max_bytes: int, force: bool
) -> None:
    fingerprint = _fingerprint(unit)
    if not force and fingerprint and store.source_unchanged(str(unit.path), *fingerprint):
        report.skipped_unchanged += 1
        return
    quarantined: list[Quarantined] = []
    seen = 0
    touched: set[str] = set()

    def messages() -> Iterator[Message]:
        nonlocal seen
        for item in iter_unit(unit, max_bytes=max_bytes):
            if isinstance(item, Quarantined):
                quarantined.append(item)
                continue
            seen += 1
            touched.add(item.list)
            yield item

    stats = store.upsert_messages(messages())
    report.quarantined += store.add_quarantine(quarantined)
    report.stats.add(stats)
    report.messages_seen += seen
    if stats.inserted:
        report.lists.update(touched)
    if unit.kind == "volume" and unit.period:
        link_pages_by_order(store, unit)
    if fingerprint:
        store.record_source(str(unit.path), unit.list_name, *fingerprint, messages=seen)
    log.info("%s: %d messages, %d new, %d quarantined", unit.path, seen, stats.inserted,
             len(quarantined))


def _fingerprint(unit: Unit) -> tuple[int, int, str] | None:
    """(size, mtime_ns, sha1) of a single-file unit; page folders are always read."""
    if unit.kind == "pages" or not unit.path.is_file():
        return None
    stat = unit.path.stat()
    digest = hashlib.sha1()
    with open(unit.path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return stat.st_size, stat.st_mtime_ns, digest.hexdigest()


def link_pages_by_order(store: Store, unit: Unit) -> int:
    """Give a volume's messages their page links when only ``thread.html`` is known.

    Pipermail numbers pages in archive order and appends the ``.txt`` in the same
    order, so the n-th distinct record is the n-th page number of the period.
    The pairing is used only when the counts agree and every subject matches
    (then no page downloads are needed to link every message).
    """
    from analyzer.ingest.headers import normalize_subject
    from analyzer.ingest.html import parse_thread_index

    thread_page = unit.path.parent / unit.period / "thread.html"
    if not thread_page.is_file():
        return 0
    entries = sorted(parse_thread_index(thread_page.read_bytes()), key=lambda e: e.number)
    rows = store.volume_messages(unit.list_name, str(unit.path))
    if not rows or len(rows) != len(entries) or any(r["archive_url"] for r in rows):
        return 0
    pairs = list(zip(rows, entries, strict=True))
    if any(normalize_subject(r["subject"])[0] != normalize_subject(e.subject)[0]
           for r, e in pairs):
        return 0
    folder = thread_page.parent
    links = {r["message_id"]: unit.page_url(folder / f"{e.number:06d}.html") for r, e in pairs}
    return store.set_archive_urls(unit.list_name, links)


_QUOTED_ID = re.compile(r"^[>\s]*Message-ID:\s*<([^>]+)>", re.IGNORECASE | re.MULTILINE)


def _digest_ids(subject: str, body: str) -> list[str]:
    """Message-IDs quoted by a digest reply, in order (Mailman digests list them)."""
    if not is_digest_subject(subject):
        return []
    from analyzer.ingest.headers import clean_message_id

    ids = [clean_message_id(f"<{m}>") for m in _QUOTED_ID.findall(body)]
    return [i for i in ids if i]


def thread_list(store: Store, list_name: str) -> int:
    """(Re-)thread one list completely; write only the links that changed.

    Threading the whole list is O(n) and takes seconds for a million messages,
    which keeps results independent of the order volumes arrived in.
    """
    inputs = []
    for row in store.iter_thread_inputs(list_name):
        date = datetime.fromisoformat(row["date"]) if row["date"] else None
        body = row["body"] if is_digest_subject(row["subject"]) else ""
        inputs.append(
            ThreadInput(
                row["message_id"], json.loads(row["in_reply_to"]), json.loads(row["refs"]),
                row["subject"], date, _digest_ids(row["subject"], body),
            )
        )
    return store.update_threads(list_name, build_threads(inputs))
