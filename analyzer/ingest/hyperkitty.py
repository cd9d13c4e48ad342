"""HyperKitty (Mailman 3) lists: URL recognition and monthly mbox exports (§10.1, §10.2).

HyperKitty has no static text volumes; its export view regenerates an
``.mbox.gz`` for any date range.  We mirror one export per calendar month so a
re-run only asks for months that can still change: a past month fetched after
it ended (plus a grace period for late deliveries) is final, the current month
is always fetched again.  Exports carry no validators (streamed, no ETag, no
Content-Length), which is why finality is tracked in the state file.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from analyzer.errors import AnalyzerError, DecompressionLimit, UnknownSource
from analyzer.ingest.http import (
    Fetcher,
    FetchResult,
    FetchState,
    MirrorReport,
    ProgressFn,
    redact_url,
    safe_join,
    safe_name,
)
from analyzer.ingest.pipermail import parse_month, uncompressed_size

log = logging.getLogger(__name__)

_LIST_PATH = re.compile(r"^(?P<mount>.*?/)list/(?P<address>[^/@]+@[^/]+)(?:/|$)")
FINAL_AFTER = timedelta(days=2)  # exports filter on the Date header; mail can arrive late


@dataclass(frozen=True, slots=True)
class HyperkittyList:
    """A list on a HyperKitty site: ``mount`` is e.g. ``https://host/hyperkitty/``."""

    mount: str
    address: str

    @property
    def name(self) -> str:
        """The list's local part (``chapter-leaders`` of ``chapter-leaders@host``)."""
        return self.address.split("@", 1)[0]

    @property
    def url(self) -> str:
        """The list overview URL, ``MOUNT/list/LIST@DOMAIN/``."""
        return f"{self.mount}list/{urllib.parse.quote(self.address, safe='@')}/"

    @property
    def api_url(self) -> str:
        """The REST endpoint describing the list (``created_at`` etc., §10.3)."""
        return f"{self.mount}api/list/{urllib.parse.quote(self.address, safe='@')}/?format=json"


def parse_list_url(url: str) -> HyperkittyList:
    """Recognise ``.../hyperkitty/list/LIST@DOMAIN/`` (or ``/archives/``, any mount).

    Deeper URLs (a month view, a thread) are accepted and reduced to the list.
    """
    parts = urllib.parse.urlsplit(url)
    m = _LIST_PATH.match(urllib.parse.unquote(parts.path))
    if parts.scheme not in {"http", "https"} or not m:
        raise UnknownSource(f"not a HyperKitty list URL: {redact_url(url)!r}")
    address = m.group("address").lower()
    if not safe_name(address.split("@", 1)[0]):
        raise UnknownSource(f"unusable list name in {redact_url(url)!r}")
    mount = urllib.parse.urlunsplit((parts.scheme, parts.netloc, m.group("mount"), "", ""))
    return HyperkittyList(mount, address)


def is_hyperkitty_url(url: str) -> bool:
    """True when ``url`` names a HyperKitty list (the CLI's dispatch test)."""
    try:
        parse_list_url(url)
    except UnknownSource:
        return False
    return True


def export_url(base: str, start: date, end: date) -> str:
    """The export view URL for messages dated ``start`` <= date < ``end`` (UTC).

    ``base`` is any URL of the list.  The file-name part only names the
    download; a whole month gets ``LIST-YYYY-MM.mbox.gz`` like HyperKitty's own links.
    """
    hk = parse_list_url(base)
    whole_month = start.day == 1 and end == _next_month(start)
    label = f"{start:%Y-%m}" if whole_month else f"{start.isoformat()}_{end.isoformat()}"
    query = urllib.parse.urlencode({"start": start.isoformat(), "end": end.isoformat()})
    return f"{hk.url}export/{hk.name}-{label}.mbox.gz?{query}"


def _next_month(first: date) -> date:
    """First day of the following month."""
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def _month_of(value: str | date | None) -> date | None:
    """``YYYY-MM`` (or a date) -> first day of its month."""
    if value is None:
        return None
    if isinstance(value, date):
        return date(value.year, value.month, 1)
    return parse_month(value)


def mirror_hyperkitty(
    list_url: str,
    mirror_dir: Path,
    fetcher: Fetcher,
    *,
    since: str | date | None = None,
    until: str | date | None = None,
    progress: ProgressFn | None = None,
    today: date | None = None,
) -> MirrorReport:
    """Mirror monthly exports into ``mirror_dir/hyperkitty/LIST/YYYY-MM.mbox.gz``.

    ``since`` defaults to the month the list was created (REST API
    ``created_at``); without either the list cannot be mirrored.  ``until``
    defaults to the current month, ``today`` (UTC) exists so tests and
    backfills do not depend on the clock.  Months that failed are in ``missing``.
    """
    hk = parse_list_url(list_url)
    today = today or datetime.now(UTC).date()
    root = safe_join(Path(mirror_dir), f"hyperkitty/{hk.name}")
    report = MirrorReport(list_name=hk.name, root=root)
    state = FetchState.load(Path(mirror_dir))
    job = _HyperkittyMirror(hk, root, fetcher, state, report, today)
    start_requests, start_bytes = fetcher.requests_made, fetcher.bytes_received
    try:
        first = _month_of(since) or job.created_month()
        last = _month_of(until) or today.replace(day=1)
        job.run(first, last, progress)
    finally:
        state.save()
        report.requests = fetcher.requests_made - start_requests
        report.bytes = fetcher.bytes_received - start_bytes
    return report


class _HyperkittyMirror:
    """One HyperKitty mirror run (sequential: one export at a time is polite enough)."""

    def __init__(
        self,
        hk: HyperkittyList,
        root: Path,
        fetcher: Fetcher,
        state: FetchState,
        report: MirrorReport,
        today: date,
    ) -> None:
        self.hk, self.root, self.fetcher, self.state = hk, root, fetcher, state
        self.report, self.today = report, today
        self._lock = threading.Lock()

    def created_month(self) -> date:
        """Month the list was created, from the REST API; needed when ``since`` is not given."""
        dest = safe_join(self.root, "list.json")
        self.fetcher.fetch(self.hk.api_url, dest)  # on failure an earlier copy still serves
        created = _created_at(dest) if dest.is_file() else None
        if created is None:
            raise AnalyzerError(
                f"cannot tell when {self.hk.address} started (no usable REST API answer); "
                "give the first month with --since YYYY-MM"
            )
        return created.replace(day=1)

    def run(self, first: date, last: date, progress: ProgressFn | None) -> None:
        """Fetch every month from ``first`` to ``last`` inclusive that may have changed."""
        months = []
        month = first
        while month <= last:
            months.append(month)
            month = _next_month(month)
        for done, month in enumerate(months, start=1):
            ok = self._month(month)
            if not ok:
                self.report.missing.append(f"{month:%Y-%m}")
            self.state.save()
            if progress:
                progress(done, len(months), f"{month:%Y-%m}: {'ok' if ok else 'missing'}")

    def _month(self, month: date) -> bool:
        """Skip a final month already mirrored; otherwise download and verify the export."""
        dest = safe_join(self.root, f"{month:%Y-%m}.mbox.gz")
        if dest.is_file() and self._final(month):
            self.report.unchanged.append(dest)
            return True
        url = export_url(self.hk.url, month, _next_month(month))
        result = self._download(url, dest)
        if not result.ok:
            self._warn(f"{month:%Y-%m}: {result.error}")
            return False
        self.state.set_note(self._key(month), {"fetched_on": self.today.isoformat()})
        return True

    def _final(self, month: date) -> bool:
        """True when our copy was fetched after the month (plus grace) had ended."""
        note = self.state.note(self._key(month)) or {}
        fetched_on = note.get("fetched_on")
        if not fetched_on:
            return False
        return date.fromisoformat(fetched_on) >= _next_month(month) + FINAL_AFTER

    def _download(self, url: str, dest: Path) -> FetchResult:
        """GET into a side file, keep it only if it is a complete gzip (not a login page)."""
        validators = self.state.validators(url) if dest.is_file() else None
        side = dest.with_name(dest.name + ".new")
        result = self.fetcher.fetch(url, side, validators=validators)
        if result.status == "not-modified":
            result.path = dest
            self.report.unchanged.append(dest)
        elif result.status == "downloaded":
            if not self._verified(side):
                side.unlink(missing_ok=True)
                result.status, result.error = "failed", "not a complete gzip export"
                return result
            side.replace(dest)
            result.path = dest
            self.state.record(result)
            self.report.changed.append(dest)
        elif result.http_status in (401, 403):
            result.error = f"{result.error} (private list: log in first)"
        return result

    def _verified(self, path: Path) -> bool:
        """A real export is gzip all the way through (an error page is HTML)."""
        with open(path, "rb") as f:
            if f.read(2) != b"\x1f\x8b":
                return False
        try:
            return uncompressed_size(path, self.fetcher.max_bytes) is not None
        except DecompressionLimit as exc:
            self._warn(str(exc))
            return False

    def _key(self, month: date) -> str:
        return f"{redact_url(self.hk.url)}{month:%Y-%m}"

    def _warn(self, message: str) -> None:
        log.warning("%s: %s", self.hk.address, message)
        with self._lock:
            self.report.warnings.append(message)


def _created_at(path: Path) -> date | None:
    """``created_at`` of a REST list answer as a UTC date, None if absent or garbled."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        when = datetime.fromisoformat(str(data["created_at"]).replace("Z", "+00:00"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("no created_at in %s: %s", path, exc)
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.date()
