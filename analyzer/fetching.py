"""``analyzer fetch``: mirror a Pipermail or HyperKitty list, then ingest what changed.

Mirroring and ingesting are separate steps on purpose: the mirror on disk is the
record of what the server said (re-runs send conditional requests and download
only changed volumes), and ingesting a mirror folder is the same code path as
``analyzer ingest`` on a folder a user copied by hand.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from analyzer import __version__
from analyzer.config import Config
from analyzer.ingest.http import Fetcher, MirrorReport
from analyzer.ingest.hyperkitty import is_hyperkitty_url, mirror_hyperkitty
from analyzer.ingest.pipermail import mirror_pipermail
from analyzer.ingest.sources import safe_list_name
from analyzer.pipeline import IngestReport, ingest_paths
from analyzer.store import Store

log = logging.getLogger(__name__)


@dataclass(slots=True)
class FetchOutcome:
    """A mirror report and the ingest that followed it."""

    mirror: MirrorReport
    ingest: IngestReport | None
    missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal or a cron mail."""
        mirror = self.mirror
        text = (f"{mirror.list_name}: {len(mirror.changed)} volume(s) downloaded, "
                f"{len(mirror.unchanged)} unchanged, {len(mirror.missing)} missing "
                f"({mirror.requests} requests)")
        if self.ingest is not None:
            stats = self.ingest.stats
            text += (f"; {stats.inserted} new messages, {stats.duplicates} duplicates, "
                     f"{self.ingest.quarantined} quarantined")
        return text


def build_fetcher(config: Config) -> Fetcher:
    """A fetcher configured from ``[fetch]`` (polite defaults)."""
    agent = config.get("fetch", "user_agent") or f"analyzer/{__version__} (+mailing-list digest)"
    return Fetcher(
        user_agent=agent,
        timeout=config.get("fetch", "timeout"),
        retries=config.get("fetch", "retries"),
        max_workers=config.get("fetch", "concurrency"),
        max_bytes=config.get("ingest", "max_bytes"),
    )


def fetch_and_ingest(
    store: Store,
    url: str,
    config: Config,
    *,
    list_name: str | None = None,
    since: str | None = None,
    mirror_dir: Path | None = None,
    quiet: bool = False,
    fetcher: Fetcher | None = None,
) -> FetchOutcome:
    """Mirror ``url`` incrementally and ingest the mirror; missing volumes are reported.

    Whatever could be fetched is ingested even when some volumes failed, so one
    broken month never blocks the rest; the caller exits 1 on ``missing``.
    """
    mirror_dir = Path(mirror_dir or config.get("fetch", "mirror"))
    fetcher = fetcher or build_fetcher(config)
    progress = None if quiet or not sys.stderr.isatty() else _progress_printer()
    if is_hyperkitty_url(url):
        report = mirror_hyperkitty(url, mirror_dir, fetcher, since=since, progress=progress)
    else:
        report = mirror_pipermail(url, mirror_dir, fetcher, since=since, progress=progress,
                                  max_decompressed=config.get("ingest", "max_bytes"),
                                  with_thread_index=True)
    name = list_name or safe_list_name(report.list_name)
    ingest = None
    if report.root is not None and report.root.exists():
        base = "" if is_hyperkitty_url(url) else url
        ingest = ingest_paths(store, [report.root], list_name=name, base_url=base,
                              max_bytes=config.get("ingest", "max_bytes"),
                              workers=config.get("ingest", "workers"))
    return FetchOutcome(report, ingest, list(report.missing))


def _progress_printer():
    """Progress as one rewritten stderr line (only used on a terminal)."""

    def show(done: int, total: int, text: str) -> None:
        sys.stderr.write(f"\r\x1b[Kfetch {done}/{total} {text[:100]}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
