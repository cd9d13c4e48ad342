"""Pipermail (Mailman 2.1) archives: the list TOC, local mirrors and incremental mirroring.

Format facts come from docs/pipermail-format.md: §1 (URL layout and volume
names), §2 (the TOC page), §7.5 (``.txt`` versus ``.txt.gz``) and §11 (edge
cases).  The guiding rules:

* a period's text volume is the cheapest complete source; the ``.gz`` is a
  quarter of the size but may lag the ``.txt`` (nightly job), so it is taken
  only when its gzip trailer (ISIZE) equals the ``.txt`` length;
* when neither text volume exists, the HTML message pages are the source;
* every path written is built from validated names and checked to stay inside
  the mirror, because index pages are untrusted input;
* every decompression is bounded (zip-bomb guard) and streams.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
import threading
import urllib.parse
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Literal

from analyzer.errors import DecompressionLimit, UnknownSource
from analyzer.ingest.http import (
    DEFAULT_MAX_BYTES,
    Fetcher,
    FetchResult,
    FetchState,
    HeadResult,
    MirrorReport,
    ProgressFn,
    redact_url,
    safe_join,
    safe_name,
)

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
CHUNK_SIZE = 64 * 1024
MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_MONTH_NUMBER = {name.lower(): i for i, name in enumerate(MONTHS, start=1)}
_PERIOD_PATTERNS = {
    "yearly": re.compile(r"(\d{4})"),
    "monthly": re.compile(r"(\d{4})-([A-Za-z]+)"),
    "quarterly": re.compile(r"(\d{4})q([1-4])"),
    "weekly": re.compile(r"Week-of-Mon-(\d{4})(\d{2})(\d{2})"),
    "daily": re.compile(r"(\d{4})(\d{2})(\d{2})"),
}
_MESSAGE_PAGE = re.compile(r"\d{6,7}\.html")
_SIZE_TEXT = re.compile(r"(\d[\d.,]*\s*[^\s\]\d][^\s\]]*)\s*\]?\s*$")
_RECENT = timedelta(days=2)
_CORRUPT_GZIP = "corrupt or oversized gzip"
VolumeKind = Literal["txt", "txt.gz", "html"]
GzProbe = Literal["auto", "range", "full"]


# --------------------------------------------------------------------------- periods


def period_range(period: str) -> tuple[date, date]:
    """First day and the day after the last day of an archive period (§1.2).

    Raises ValueError for names that are not one of the five Pipermail styles.
    """
    for style, pattern in _PERIOD_PATTERNS.items():
        m = pattern.fullmatch(period)
        if m:
            return _range_for(style, m.groups())
    raise ValueError(f"not a Pipermail period name: {period!r}")


def _range_for(style: str, groups: tuple[str, ...]) -> tuple[date, date]:
    """Compute the date span for one matched period style."""
    year = int(groups[0])
    if style == "yearly":
        return date(year, 1, 1), date(year + 1, 1, 1)
    if style == "monthly":
        month = _MONTH_NUMBER.get(groups[1].lower())
        if month is None:
            raise ValueError(f"unknown month name {groups[1]!r}")
        return date(year, month, 1), _add_months(date(year, month, 1), 1)
    if style == "quarterly":
        start = date(year, 3 * int(groups[1]) - 2, 1)
        return start, _add_months(start, 3)
    day = date(year, int(groups[1]), int(groups[2]))
    return day, day + timedelta(days=7 if style == "weekly" else 1)


def _add_months(first: date, n: int) -> date:
    """First day of the month ``n`` months after ``first``."""
    index = first.year * 12 + first.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def is_period(name: str) -> bool:
    """True for a valid volume name in any of the five styles (``2016-Aprildate`` is not)."""
    try:
        period_range(name)
    except ValueError:
        return False
    return True


def period_sort_key(period: str) -> tuple[int, int, int, str]:
    """Chronological key across styles: by start day, longer spans first; unknown names last."""
    try:
        start, end = period_range(period)
    except ValueError:
        return (1, 0, 0, period)
    return (0, start.toordinal(), -(end - start).days, period)


def parse_month(text: str) -> date:
    """``YYYY-MM`` -> the first day of that month (ValueError otherwise)."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"expected YYYY-MM, got {text!r}")
    return date(int(m.group(1)), int(m.group(2)), 1)


# --------------------------------------------------------------------------- TOC page


@dataclass(frozen=True, slots=True)
class Volume:
    """One period row of the TOC.

    ``txt_url`` is always set: the ``.txt`` may exist even when only the ``.gz``
    is linked (§7.5).  ``gz_url`` is set only when the TOC links the ``.gz``.
    ``linked`` says which text file the TOC links (``txt.gz``, ``txt`` or None).
    """

    period: str
    thread_url: str
    txt_url: str
    gz_url: str | None
    size_text: str | None
    linked: str | None = None


class _LinkCollector(HTMLParser):
    """Collect (href, anchor text) pairs in document order; tolerant of broken HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._flush()
            self._href = dict(attrs).get("href")
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._flush()

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        if self._href is not None:
            self.links.append((self._href.strip(), " ".join("".join(self._text).split())))
        self._href = None


def _links(data: bytes) -> list[tuple[str, str]]:
    """All links of an HTML page (hrefs are ASCII in Pipermail output)."""
    parser = _LinkCollector()
    parser.feed(data.decode("utf-8", errors="replace"))
    parser.close()
    return parser.links


def _relative(href: str, base_url: str) -> str | None:
    """The part of ``href`` below ``base_url`` (percent-decoded), or None if outside it."""
    absolute = urllib.parse.urljoin(base_url, href)
    target, base = urllib.parse.urlsplit(absolute), urllib.parse.urlsplit(base_url)
    same_origin = (target.scheme, target.netloc.lower()) == (base.scheme, base.netloc.lower())
    if not same_origin or target.query or not target.path.startswith(base.path):
        return None
    return urllib.parse.unquote(target.path[len(base.path) :])


def _looks_like_volume_link(href: str) -> bool:
    """Links worth a warning when they point outside the list (hostile or broken TOC)."""
    path = urllib.parse.urlsplit(href).path
    return path.endswith(("/thread.html", ".txt", ".txt.gz"))


def parse_list_index(data: bytes, base_url: str) -> list[Volume]:
    """Volumes of a list TOC page (§2), in page order (newest first on real pages).

    Rows are recognised by their ``PERIOD/thread.html`` links, never by the
    translated labels; links leading outside ``base_url`` are skipped with a
    warning.  An empty-archive page yields an empty list.
    """
    base_url = normalise_index_url(base_url)
    periods: list[str] = []
    texts: dict[str, tuple[str, str]] = {}
    for href, text in _links(data):
        rel = _relative(href, base_url)
        if rel is None:
            if _looks_like_volume_link(href):
                log.warning("ignoring link outside the list archive: %r", href)
            continue
        _classify_link(rel, text, periods, texts)
    return [_volume(base_url, p, texts.get(p)) for p in periods]


def _classify_link(
    rel: str, text: str, periods: list[str], texts: dict[str, tuple[str, str]]
) -> None:
    """Record a thread link (new period) or a text-volume link (with its size label)."""
    if rel.endswith("/thread.html"):
        period = rel[: -len("/thread.html")]
        if is_period(period) and period not in periods:
            periods.append(period)
        elif not is_period(period):
            log.warning("ignoring thread link with a malformed period: %r", rel)
        return
    for suffix in (".txt.gz", ".txt"):
        period = rel[: -len(suffix)]
        if rel.endswith(suffix) and is_period(period) and period not in texts:
            texts[period] = (suffix[1:], text)
            return


def _volume(base_url: str, period: str, linked: tuple[str, str] | None) -> Volume:
    """Build a Volume; URLs are derived from the validated period name only."""
    kind, label = linked if linked else (None, "")
    m = _SIZE_TEXT.search(label.strip())
    return Volume(
        period=period,
        thread_url=f"{base_url}{period}/thread.html",
        txt_url=f"{base_url}{period}.txt",
        gz_url=f"{base_url}{period}.txt.gz" if kind == "txt.gz" else None,
        size_text=m.group(1).strip() if m and kind else None,
        linked=kind,
    )


def normalise_index_url(url: str) -> str:
    """The list base URL ending in '/' (drops ``index.html``, query and fragment)."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    if not path.endswith("/"):
        path += "/"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def list_name_from_url(url: str) -> str:
    """The list name from a TOC URL: ``.../pipermail/NAME/`` -> ``NAME`` (§1.1)."""
    path = urllib.parse.urlsplit(normalise_index_url(url)).path
    segments = [s for s in path.split("/") if s]
    name = urllib.parse.unquote(segments[-1]) if segments else ""
    if not safe_name(name):
        raise UnknownSource(f"cannot tell the list name from {redact_url(url)!r}")
    return name


def message_page_names(data: bytes, page_url: str) -> list[str]:
    """``NNNNNN.html`` pages linked from a period index page, in numeric order.

    Only links that stay inside the period folder count; others that look
    like message pages are skipped with a warning.
    """
    folder = page_url.rsplit("/", 1)[0] + "/"
    names: set[str] = set()
    for href, _text in _links(data):
        rel = _relative(href, folder)
        if rel is not None and _MESSAGE_PAGE.fullmatch(rel):
            names.add(rel)
        elif rel is None and _MESSAGE_PAGE.fullmatch(href.rsplit("/", 1)[-1]):
            log.warning("ignoring message link outside the period folder: %r", href)
    return sorted(names, key=lambda n: int(n.split(".")[0]))


# --------------------------------------------------------------------------- gzip volumes


def is_gzip(path: Path) -> bool:
    """True when the file starts with the gzip magic bytes (the name proves nothing)."""
    with open(path, "rb") as f:
        return f.read(2) == GZIP_MAGIC


def gzip_isize(path: Path) -> int | None:
    """The gzip trailer's ISIZE (uncompressed length mod 2**32), None if not gzip."""
    with open(path, "rb") as f:
        if f.read(2) != GZIP_MAGIC:
            return None
        f.seek(0, io.SEEK_END)
        if f.tell() < 18:
            return None
        f.seek(-4, io.SEEK_END)
        return int.from_bytes(f.read(4), "little")


class _BoundedReader(io.RawIOBase):
    """Raw stream over a GzipFile that refuses to expand beyond ``limit`` bytes."""

    def __init__(self, inner: gzip.GzipFile, file: BinaryIO, limit: int, name: str) -> None:
        super().__init__()
        self._inner, self._file, self._limit, self._name = inner, file, limit, name
        self._total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        n = self._inner.readinto(buffer)
        self._total += n
        if self._total > self._limit:
            raise DecompressionLimit(
                f"{self._name} expands beyond the {self._limit}-byte limit"
                " (setting ingest.max_bytes); raise it if the file is genuine"
            )
        return n

    def close(self) -> None:
        if not self.closed:
            self._inner.close()
            self._file.close()
        super().close()


def open_volume(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> BinaryIO:
    """Open a ``.txt``, ``.txt.gz`` or ``.mbox.gz`` for streaming binary reads.

    Gzip is detected by its magic bytes, not the name (a ``.gz`` may have been
    delivered pre-decompressed, §7.5), and its expansion is capped at
    ``max_bytes`` (DecompressionLimit).  Plain files are returned as they are.
    """
    file = open(path, "rb")  # noqa: SIM115 - ownership passes to the returned reader
    if file.read(2) != GZIP_MAGIC:
        file.seek(0)
        return file
    file.seek(0)
    inner = gzip.GzipFile(fileobj=file, mode="rb")
    raw = _BoundedReader(inner, file, max_bytes, str(path))
    return io.BufferedReader(raw, buffer_size=CHUNK_SIZE)  # type: ignore[return-value]


def uncompressed_size(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> int | None:
    """Length of the decoded content, reading it all (bounded); None if the gzip is corrupt.

    This both measures and proves integrity (a truncated download fails here).
    """
    total = 0
    try:
        with open_volume(path, max_bytes) as stream:
            while chunk := stream.read(CHUNK_SIZE):
                total += len(chunk)
    except (EOFError, OSError, zlib.error) as exc:
        log.warning("corrupt gzip %s: %s", path, exc)
        return None
    return total


# --------------------------------------------------------------------------- local mirror


@dataclass(frozen=True, slots=True)
class LocalVolume:
    """What to ingest for one period of a local mirror: one text volume or its pages."""

    period: str
    kind: VolumeKind
    paths: list[Path]


def scan_mirror(folder: Path) -> list[LocalVolume]:
    """Decide per period what to ingest from a local copy of ``.../pipermail/LIST/``.

    Periods come from the folder listing and from ``index.html`` (either may be
    missing).  Text volumes win over HTML pages; between ``.txt`` and ``.txt.gz``
    the ``.gz`` is taken only when it is as fresh as the ``.txt`` (§7.5).
    Internal files (``database/``, ``pipermail.pck``, ``attachments/``) are ignored.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UnknownSource(f"not a folder: {folder}")
    periods = _periods_on_disk(folder) | _periods_in_index(folder)
    volumes = (_local_volume(folder, p) for p in sorted(periods, key=period_sort_key))
    return [v for v in volumes if v is not None]


def _periods_on_disk(folder: Path) -> set[str]:
    """Period names among ``PERIOD/``, ``PERIOD.txt`` and ``PERIOD.txt.gz`` entries."""
    found = set()
    for entry in folder.iterdir():
        name = entry.name
        for suffix in (".txt.gz", ".txt"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        if is_period(name):
            found.add(name)
    return found


def _periods_in_index(folder: Path) -> set[str]:
    """Periods the TOC lists (it may mention periods whose files were not copied)."""
    index = folder / "index.html"
    if not index.is_file():
        return set()
    base = folder.resolve().as_uri() + "/"
    return {v.period for v in parse_list_index(index.read_bytes(), base)}


def _local_volume(folder: Path, period: str) -> LocalVolume | None:
    """The best local source for one period, or None when nothing is there."""
    txt, gz = folder / f"{period}.txt", folder / f"{period}.txt.gz"
    if gz.is_file() and (not txt.is_file() or gz_matches(gz, txt.stat().st_size)):
        return LocalVolume(period, "txt.gz", [gz])
    if txt.is_file():
        return LocalVolume(period, "txt", [txt])
    pages = local_message_pages(folder / period)
    return LocalVolume(period, "html", pages) if pages else None


def gz_matches(gz: Path, txt_length: int) -> bool:
    """True when the ``.gz`` holds as many bytes as the ``.txt`` (ISIZE is mod 2**32)."""
    isize = gzip_isize(gz)
    if isize is None:  # delivered pre-decompressed: compare the plain lengths
        return gz.stat().st_size == txt_length
    return isize == txt_length % 2**32


def local_message_pages(period_dir: Path) -> list[Path]:
    """``NNNNNN.html`` files of a period folder (6 or 7 digits), in numeric order."""
    if not period_dir.is_dir():
        return []
    pages = [p for p in period_dir.iterdir() if _MESSAGE_PAGE.fullmatch(p.name) and p.is_file()]
    return sorted(pages, key=lambda p: int(p.name.split(".")[0]))


# --------------------------------------------------------------------------- mirroring


def mirror_pipermail(
    index_url: str,
    mirror_dir: Path,
    fetcher: Fetcher,
    *,
    since: str | None = None,
    with_pages: bool = False,
    progress: ProgressFn | None = None,
    gz_probe: GzProbe = "auto",
    max_decompressed: int | None = None,
    with_thread_index: bool = False,
) -> MirrorReport:
    """Mirror a Pipermail list into ``mirror_dir/pipermail/LIST/``, incrementally.

    Per volume: HEAD the ``.txt``; if it did not change since the last run,
    nothing else is requested.  Otherwise take the ``.gz`` when its ISIZE
    equals the ``.txt`` length, else the ``.txt``; with no text volume at all,
    mirror ``thread.html`` and its message pages.  ``gz_probe`` chooses how the
    ISIZE is learnt: ``range`` (a 4-byte Range request), ``full`` (download the
    ``.gz`` and read it) or ``auto`` (range only where staleness is likely: the
    newest period, or a ``.txt`` modified in the last two days).  ``since``
    (``YYYY-MM``) skips volumes that ended before that month.  Failed volumes
    are listed in ``missing``; everything else is still mirrored.
    ``with_thread_index`` also fetches ``thread.html`` of each volume that changed
    (or whose ``thread.html`` is missing, or still due after an interrupted run):
    one small page that lets ingest link every message to its archive page
    without downloading the pages themselves.
    """
    base = normalise_index_url(index_url)
    name = list_name_from_url(base)
    root = safe_join(Path(mirror_dir), f"pipermail/{name}")
    report = MirrorReport(list_name=name, root=root)
    state = FetchState.load(Path(mirror_dir))
    job = _PipermailMirror(base, root, fetcher, state, report, gz_probe, with_pages)
    job.max_decompressed = max_decompressed or fetcher.max_bytes
    job.with_thread_index = with_thread_index
    start_requests, start_bytes = fetcher.requests_made, fetcher.bytes_received
    try:
        job.run(parse_month(since) if since else None, progress)
    finally:
        state.save()
        report.requests = fetcher.requests_made - start_requests
        report.bytes = fetcher.bytes_received - start_bytes
        job.finish()
    return report


class _PipermailMirror:
    """One mirror run: shared context for the per-volume steps (thread-safe)."""

    def __init__(
        self,
        base: str,
        root: Path,
        fetcher: Fetcher,
        state: FetchState,
        report: MirrorReport,
        gz_probe: GzProbe,
        with_pages: bool,
    ) -> None:
        self.base, self.root, self.fetcher, self.state = base, root, fetcher, state
        self.report, self.gz_probe, self.with_pages = report, gz_probe, with_pages
        self.max_decompressed = fetcher.max_bytes
        self.newest: str | None = None
        self._lock = threading.Lock()
        self.with_thread_index = False

    # ---- run

    def run(self, since: date | None, progress: ProgressFn | None) -> None:
        """Fetch the TOC, then every selected volume with ``max_workers`` threads."""
        volumes = self._volumes()
        if volumes is None:
            return
        if since is not None:
            volumes = [v for v in volumes if period_range(v.period)[1] > since]
        self.newest = max((v.period for v in volumes), key=period_sort_key, default=None)
        with ThreadPoolExecutor(max_workers=self.fetcher.max_workers) as pool:
            futures = {pool.submit(self._volume_safely, v): v for v in volumes}
            for done, future in enumerate(as_completed(futures), start=1):
                volume, ok = futures[future], future.result()
                if not ok:
                    self._add("missing", volume.period)
                self.state.save()
                if progress:
                    progress(done, len(volumes), f"{volume.period}: {'ok' if ok else 'missing'}")

    def finish(self) -> None:
        """Put the report lists in a stable order."""
        self.report.changed.sort()
        self.report.unchanged.sort()
        self.report.missing.sort(key=period_sort_key)

    def _volumes(self) -> list[Volume] | None:
        """Fetch and parse the TOC (kept as ``index.html`` for offline re-scans)."""
        result = self._get(self.base, "index.html")
        if not result.ok:
            self._warn(f"list index unavailable: {result.error}")
            self._add("missing", redact_url(self.base))
            return None
        data = (self.root / "index.html").read_bytes()
        volumes = parse_list_index(data, self.base)
        if not volumes and _is_login_form(data):
            self._warn("the archive asks for a login (private list): nothing can be mirrored")
            self._add("missing", redact_url(self.base))
        elif not volumes:
            self._warn("the list index names no archive volumes")
        return volumes

    def _volume_safely(self, volume: Volume) -> bool:
        """Mirror one volume; an unexpected error fails this volume, not the run."""
        try:
            return self._volume(volume)
        except (OSError, ValueError, DecompressionLimit) as exc:
            self._warn(f"{volume.period}: {exc}")
            return False

    def _volume(self, volume: Volume) -> bool:
        """Text volume if the server has one, else (or also, with pages) the HTML pages."""
        text = self._text_volume(volume)
        if text is None:
            return self._html_volume(volume)
        if text and self.with_pages:
            return self._html_volume(volume)
        if text and self.with_thread_index and self._thread_index_due(volume):
            rel = f"{volume.period}/thread.html"
            if self._get(volume.thread_url, rel).ok:  # best effort
                self._set_note_field(volume, "thread_index", None)
        return text

    def _thread_index_due(self, volume: Volume) -> bool:
        """Whether ``thread.html`` must be (re)fetched for a volume whose text is current.

        Due when this run downloaded the text, when the local copy is missing, or
        when the note written together with the text choice still says so: a run
        killed after the text was in place (and the state saved by another
        volume's completion) but before ``thread.html`` arrived then fetches it
        on the next run instead of treating the volume as unchanged.
        """
        note = self.state.note(self._key(volume)) or {}
        missing = not (self.root / volume.period / "thread.html").is_file()
        return self._changed(volume) or missing or note.get("thread_index") == "due"

    def _set_note_field(self, volume: Volume, name: str, value: object) -> None:
        note = dict(self.state.note(self._key(volume)) or {})
        if value is None:
            note.pop(name, None)
        else:
            note[name] = value
        self.state.set_note(self._key(volume), note)

    def _changed(self, volume: Volume) -> bool:
        """Whether this run downloaded the volume's text file."""
        names = {f"{volume.period}.txt", f"{volume.period}.txt.gz"}
        with self._lock:
            return any(path.name in names for path in self.report.changed)

    # ---- text volumes

    def _text_volume(self, volume: Volume) -> bool | None:
        """True mirrored, False failed, None when the server has no text volume."""
        note = self.state.note(self._key(volume)) or {}
        if note.get("txt") == "absent" and volume.linked != "txt":
            return self._gz_only(volume)  # learnt last run: no .txt on this server
        head = self.fetcher.head(volume.txt_url)
        if head.exists and (head.content_type or "").startswith("text/html"):
            self._warn(f"{volume.period}: an HTML page answers for the .txt (login or error page)")
            return False
        if head.exists:
            return self._unchanged(volume, note, head) or self._choose(volume, head)
        if head.status in (404, 410):
            return self._gz_only(volume)
        if head.status in (405, 501):  # HEAD not supported: the .txt is always current
            return self._take_txt(volume, None)
        reason = head.error or f"HTTP {head.status}"
        self._warn(f"{volume.period}: HEAD {redact_url(volume.txt_url)}: {reason}")
        return False

    def _unchanged(self, volume: Volume, note: dict, head: HeadResult) -> bool:
        """True when the ``.txt`` is as it was last run and our chosen file is still here."""
        before, chosen = note.get("txt"), note.get("chosen")
        if not isinstance(before, dict) or not chosen or not self._txt_same(before, head):
            return False
        path = safe_join(self.root, chosen)
        if not path.is_file():
            return False
        self._add("unchanged", path)
        return True

    @staticmethod
    def _txt_same(before: dict, head: HeadResult) -> bool:
        """Same length, and same validators wherever both runs saw them."""
        pairs = [
            (before.get("length"), head.content_length),
            (before.get("etag"), head.etag),
            (before.get("last_modified"), head.last_modified),
        ]
        return pairs[0][0] == pairs[0][1] and all(a == b for a, b in pairs[1:] if a and b)

    def _choose(self, volume: Volume, head: HeadResult) -> bool:
        """Take the ``.gz`` when its ISIZE equals the ``.txt`` length, else the ``.txt``.

        A ``.gz`` that could not be downloaded (server error) fails the volume
        rather than switching to the ``.txt``: the choice must depend on the
        archive's content only, so a re-run yields the same mirror.
        """
        if volume.gz_url and head.content_length is not None:
            outcome = self._gz_if_fresh(volume, head.content_length, head)
            if outcome == "failed":
                return False
            if outcome == "taken":
                self._drop_outdated_txt(volume)
                self._decided(volume, head, f"{volume.period}.txt.gz")
                return True
        return self._take_txt(volume, head)

    def _gz_if_fresh(self, volume: Volume, length: int, head: HeadResult) -> str:
        """Mirror the ``.gz`` if it is as fresh as the ``.txt``: taken, stale or failed."""
        local = self.root / f"{volume.period}.txt.gz"
        if not local.is_file() and self._probe_by_range(volume, head):
            tail = self.fetcher.fetch_tail(str(volume.gz_url), 4)
            if tail is not None and int.from_bytes(tail, "little") != length % 2**32:
                return "stale"
        result = self._get(str(volume.gz_url), f"{volume.period}.txt.gz", verify=True)
        if not result.ok:
            gone = result.http_status in (404, 410) or result.error == _CORRUPT_GZIP
            return "stale" if gone else "failed"
        return "taken" if gz_matches(local, length) else "stale"

    def _probe_by_range(self, volume: Volume, head: HeadResult) -> bool:
        """Range probe where a stale ``.gz`` is likely; a full GET elsewhere (fewer requests)."""
        if self.gz_probe != "auto":
            return self.gz_probe == "range"
        if volume.period == self.newest:
            return True
        return _recent(head.last_modified)

    def _gz_only(self, volume: Volume) -> bool | None:
        """No ``.txt`` on the server: the linked ``.gz`` or nothing (None)."""
        due = (self.state.note(self._key(volume)) or {}).get("thread_index") == "due"
        self.state.set_note(self._key(volume), {"txt": "absent"})
        if volume.gz_url is None:
            return None
        result = self._get(volume.gz_url, f"{volume.period}.txt.gz", verify=True)
        if result.ok:
            self._drop_outdated_txt(volume)  # the site stopped keeping .txt files
            self.state.set_note(
                self._key(volume), {"txt": "absent", "chosen": f"{volume.period}.txt.gz",
                                    **self._thread_index_flag(due or result.status == "downloaded")}
            )
            return True
        # Only a .gz that is not there sends us to the message pages.  A corrupt or
        # oversized one fails the volume (named missing, retried next run): pages
        # taken now would be stored first and stay, lossier than the volume (no
        # time zones, fewer headers), after the server is fixed.
        return None if result.http_status in (404, 410) else False

    def _take_txt(self, volume: Volume, head: HeadResult | None) -> bool | None:
        """GET the ``.txt`` (conditionally); 404 means there is no text volume after all."""
        result = self._get(volume.txt_url, f"{volume.period}.txt")
        if result.ok:
            self._decided(volume, head, f"{volume.period}.txt")
            return True
        if result.http_status in (404, 410) and head is None:
            return self._gz_only(volume)
        return False

    def _drop_outdated_txt(self, volume: Volume) -> None:
        """Remove a local ``.txt`` older than the ``.gz`` just taken (it would win in a scan)."""
        txt, gz = self.root / f"{volume.period}.txt", self.root / f"{volume.period}.txt.gz"
        if txt.is_file() and not gz_matches(gz, txt.stat().st_size):
            txt.unlink()
            self.state.forget(volume.txt_url)

    def _decided(self, volume: Volume, head: HeadResult | None, chosen: str) -> None:
        """Remember the ``.txt`` as seen now and which file stands for the period."""
        txt = None
        if head is not None:
            txt = {"length": head.content_length, "etag": head.etag}
            txt["last_modified"] = head.last_modified
        self.state.set_note(self._key(volume),
                            {"txt": txt, "chosen": chosen, **self._thread_index_flag(True)})

    def _thread_index_flag(self, due: bool) -> dict[str, str]:
        """Saved with the text choice, cleared once ``thread.html`` is in place."""
        return {"thread_index": "due"} if due and self.with_thread_index else {}

    # ---- HTML fallback

    def _html_volume(self, volume: Volume) -> bool:
        """``thread.html`` plus every message page it links (fetched only when needed)."""
        rel = f"{volume.period}/thread.html"
        result = self._get(volume.thread_url, rel)
        if not result.ok:
            if result.http_status in (404, 410):
                self._warn(f"{volume.period}: no text volume and no message pages")
            return False
        names = message_page_names((self.root / rel).read_bytes(), volume.thread_url)
        if not names:
            self._warn(f"{volume.period}: thread.html links no message pages")
            return False
        ok = True
        for page in names:
            path = safe_join(self.root, f"{volume.period}/{page}")
            if result.status == "not-modified" and path.is_file():
                self._add("unchanged", path)
                continue
            rel = f"{volume.period}/{page}"
            ok = self._get(f"{self.base}{rel}", rel).ok and ok
        return ok

    # ---- one file

    def _get(self, url: str, rel: str, *, verify: bool = False) -> FetchResult:
        """Conditional GET into the mirror; ``verify`` checks a gzip before it replaces ours."""
        dest = safe_join(self.root, rel)
        validators = self.state.validators(url) if dest.is_file() else None
        target = dest.with_name(dest.name + ".new") if verify else dest
        result = self.fetcher.fetch(url, target, validators=validators)
        if result.status == "downloaded" and verify and not self._accept_gzip(target, dest):
            result.status, result.error = "failed", _CORRUPT_GZIP
            self._warn(f"{rel}: {result.error}")
            return result
        if result.status == "downloaded":
            result.path = dest
            self.state.record(result)
            self._add("changed", dest)
        elif result.status == "not-modified":
            result.path = dest
            self._add("unchanged", dest)
        return result

    def _accept_gzip(self, candidate: Path, dest: Path) -> bool:
        """Move a verified download into place; delete it when it does not decompress."""
        try:
            ok = uncompressed_size(candidate, self.max_decompressed) is not None
        except DecompressionLimit as exc:
            self._warn(str(exc))
            ok = False
        if ok:
            candidate.replace(dest)
        else:
            candidate.unlink(missing_ok=True)
        return ok

    # ---- bookkeeping

    def _key(self, volume: Volume) -> str:
        return f"{redact_url(self.base)}{volume.period}"

    def _add(self, kind: str, item: Path | str) -> None:
        with self._lock:
            getattr(self.report, kind).append(item)

    def _warn(self, message: str) -> None:
        log.warning("%s: %s", self.report.list_name, message)
        with self._lock:
            self.report.warnings.append(message)


def _is_login_form(page: bytes) -> bool:
    """True for Mailman's private-archive login form (§1.3) instead of the TOC."""
    lowered = page.lower()
    return b"password" in lowered and b"<form" in lowered


def _recent(last_modified: str | None) -> bool:
    """True when a Last-Modified header is within the last two days."""
    if not last_modified:
        return False
    try:
        when = parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return datetime.now(UTC) - when < _RECENT
