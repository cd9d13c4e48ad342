"""Recognise what the user passed and turn it into messages or quarantine items.

A path may be a Pipermail mirror folder, a HyperKitty mirror, a maildir, a folder
of anything, a ``.txt``/``.txt.gz`` volume, an mbox/MMDF file (gzipped or not),
an ``.eml``, a Pipermail HTML message page or a text rendering of one.  Each
yields :class:`Message` or :class:`Quarantined`: nothing is dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from analyzer.errors import AnalyzerError, MalformedMessage, UnknownSource
from analyzer.ingest import headers as hdr
from analyzer.ingest import html as pages
from analyzer.ingest.mbox import RawRecord, iter_records, sniff_format
from analyzer.ingest.message import derived_fields, hash_content, parse_record, period_of
from analyzer.ingest.parallel import ParsePool, parse_in_pool
from analyzer.ingest.pipermail import open_volume, scan_mirror
from analyzer.models import Message, Quarantined

Item = Message | Quarantined
DEFAULT_MAX_BYTES = 2 * 1024**3
_VOLUME = re.compile(
    r"^(\d{4}|\d{4}-[A-Za-z]+|\d{4}q[1-4]|Week-of-Mon-\d{8}|\d{8})\.txt(\.gz)?$"
)
_PAGE = re.compile(r"^\d{6,7}\.html?$")
_SKIP_NAMES = {"database", "attachments", "pipermail.pck", ".analyzer-fetch.json"}


@dataclass(slots=True)
class Unit:
    """One file (or page folder) to ingest as a whole, tracked for incremental runs."""

    path: Path
    kind: str
    list_name: str
    period: str = ""
    pages: tuple[Path, ...] = ()
    base_url: str = ""

    def page_url(self, page: Path) -> str:
        """Web address of a message page when the archive's URL is known, else its path."""
        if self.base_url and self.period:
            return f"{self.base_url.rstrip('/')}/{self.period}/{page.name}"
        return str(page)


def plan_units(path: Path, list_name: str | None = None, base_url: str = "") -> list[Unit]:
    """Decide how to read ``path``; raise UnknownSource if it is nothing we know.

    ``base_url`` is the archive's web address (``.../pipermail/LIST/``) when known,
    so messages link to their pages on the web rather than in the local mirror.
    """
    if not path.exists():
        raise UnknownSource(f"{path}: no such file or folder")
    units = _plan_folder(path, list_name) if path.is_dir() else [_plan_file(path, list_name)]
    if base_url:
        for unit in units:
            if unit.period:
                unit.base_url = base_url
    return units


def _plan_folder(folder: Path, list_name: str | None) -> list[Unit]:
    if all((folder / sub).is_dir() for sub in ("cur", "new")):
        name = list_name or safe_list_name(folder.name)
        return [Unit(p, "message", name) for p in _maildir_files(folder)]
    if _is_pipermail_mirror(folder):
        return _plan_mirror(folder, list_name or safe_list_name(folder.name))
    units: list[Unit] = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or child.name in _SKIP_NAMES:
            continue
        if child.is_dir() or _is_ingestible(child):
            units.extend(plan_units(child, list_name))
    return units


def _is_pipermail_mirror(folder: Path) -> bool:
    return any(_VOLUME.match(p.name) for p in folder.iterdir()) or (
        (folder / "index.html").exists()
        and any(_PAGE.match(p.name) for d in folder.iterdir() if d.is_dir() for p in d.iterdir())
    )


def _plan_mirror(folder: Path, list_name: str) -> list[Unit]:
    """One unit per period (text volume or pages), plus any unrelated file beside them.

    Only the files Pipermail itself writes are consumed by the periods; anything
    else a user keeps in the folder is still ingested on its own, never ignored.
    """
    units = []
    volumes = scan_mirror(folder)
    consumed = {"index.html"} | set(_SKIP_NAMES)
    for volume in volumes:
        consumed.update({volume.period, f"{volume.period}.txt", f"{volume.period}.txt.gz"})
    for volume in volumes:
        if volume.kind == "html":
            units.append(
                Unit(folder / volume.period, "pages", list_name, volume.period,
                     tuple(volume.paths))
            )
        else:
            units.append(Unit(volume.paths[0], "volume", list_name, volume.period))
    for child in sorted(folder.iterdir()):
        if child.name in consumed or child.name.startswith(".") or _VOLUME.match(child.name):
            continue
        if child.is_dir() or _is_ingestible(child):
            units.extend(plan_units(child, None))
    return units


def _maildir_files(folder: Path) -> list[Path]:
    return sorted(p for sub in ("cur", "new") for p in (folder / sub).iterdir() if p.is_file())


def _is_ingestible(path: Path) -> bool:
    return path.suffix.lower() in {".txt", ".gz", ".mbox", ".mail", ".eml", ".html", ".htm",
                                   ".mmdf", ""} or _VOLUME.match(path.name) is not None


def _plan_file(path: Path, list_name: str | None) -> Unit:
    match = _VOLUME.match(path.name)
    if match:
        return Unit(path, "volume", list_name or safe_list_name(path.parent.name), match.group(1))
    name = list_name or ""  # derived per message: page footer, else the file name
    if _PAGE.match(path.name) or path.suffix.lower() in (".html", ".htm"):
        return Unit(path, "page", name)
    if path.suffix.lower() == ".eml":
        return Unit(path, "message", name)
    return Unit(path, "file", name)


def _fallback_list(path: Path) -> str:
    """List name when neither the user nor the content says: folder of a page, else stem."""
    if _PAGE.match(path.name):
        return safe_list_name(path.parent.name)
    return safe_list_name(path.name.split(".")[0])


def safe_list_name(name: str) -> str:
    """A list name that is safe in paths and URLs: lower case, [a-z0-9._-] only."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip(".-")
    return cleaned or "list"


def iter_unit(
    unit: Unit, *, max_bytes: int = DEFAULT_MAX_BYTES, pool: ParsePool | None = None
) -> Iterator[Item]:
    """Messages and quarantine items of one unit, in archive order.

    With a ``pool``, records of a large volume or mbox are parsed in its worker
    processes; the items are the same, in the same order.
    """
    try:
        if unit.kind == "pages":
            yield from _iter_pages(unit)
        elif unit.kind == "page":
            yield from _iter_single_page(unit)
        else:
            yield from _iter_stream(unit, max_bytes, pool)
    except AnalyzerError as exc:
        yield Quarantined(str(unit.path), "file", str(exc), "", unit.list_name)
    except OSError as exc:
        yield Quarantined(str(unit.path), "file", f"cannot read: {exc}", "", unit.list_name)


def _iter_stream(unit: Unit, max_bytes: int, pool: ParsePool | None) -> Iterator[Item]:
    with open_volume(unit.path, max_bytes) as stream:
        head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
        if unit.kind == "file" and sniff_format(head) == "message" and not _has_headers(head):
            yield from _iter_rendered(unit, stream.read(max_bytes))
            return
        executor = pool.executor_for(unit.path.stat().st_size) if pool else None
        if executor is None:
            yield from _parse_records(unit, iter_records(stream))
        else:
            yield from parse_in_pool(executor, parse_batch, unit, iter_records(stream))


#: Files up to this size on disk are parsed whole by one pool worker (see
#: ``parse_unit``); bigger ones stream through the pool in record batches.
WHOLE_UNIT_MAX = 16 * 1024**2
#: Smaller files are parsed in-process: a task's round trip (~0.5 ms) would cost
#: more than parsing them (a maildir is thousands of one-message files).
WHOLE_UNIT_MIN = 64 * 1024


def parse_unit(unit: Unit, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Item]:
    """Everything ``iter_unit`` yields for ``unit``, in order; runs in a parse worker.

    A worker given a whole unit also reads, decompresses and splits it, so the
    process storing the previous unit does none of that.
    """
    return _with_derived_fields(list(iter_unit(unit, max_bytes=max_bytes)))


def pool_task(unit: Unit) -> str | None:
    """How a parse pool takes ``unit``: ``"whole"`` (``parse_unit``), ``"batches"``
    of records (a file too big for one task), or None (in-process: a file so
    small that a task's round trip would cost more than parsing it)."""
    if unit.kind == "pages":
        return "whole"
    try:
        size = unit.path.stat().st_size
    except OSError:
        return None  # read in-process, where the error becomes a quarantine item
    if size > WHOLE_UNIT_MAX:
        return "batches"
    return "whole" if size >= WHOLE_UNIT_MIN else None


def parse_batch(unit: Unit, batch: list[tuple[bytes, bytes, int]]) -> list[Item]:
    """Parse (raw, envelope, offset) records of ``unit``; runs in a parse worker.

    The page index of the unit's period folder is built once per worker.
    """
    records = (RawRecord(raw, envelope, offset, 0) for raw, envelope, offset in batch)
    return _with_derived_fields(list(_parse_records(unit, records, _worker_page_index(unit))))


def _with_derived_fields(items: list[Item]) -> list[Item]:
    """Fill in the fields the store derives from each message, here in the worker,
    off the process that writes the store."""
    for item in items:
        if isinstance(item, Message):
            item.derived = derived_fields(item)
    return items


#: Page indexes built in this (worker) process, by period folder.
_PAGE_INDEXES: dict[Path, _PageIndex] = {}


def _worker_page_index(unit: Unit) -> _PageIndex | None:
    if not unit.period:
        return None
    folder = unit.path.parent / unit.period
    if folder not in _PAGE_INDEXES:
        _PAGE_INDEXES.clear()  # volumes come one after another: keep one index
        _PAGE_INDEXES[folder] = _PageIndex(folder)
    return _PAGE_INDEXES[folder]


def _parse_records(unit: Unit, records: Iterable[RawRecord],
                   page_index: _PageIndex | None = None) -> Iterator[Item]:
    """Parse each record into a message, or quarantine it with its byte position."""
    if page_index is None and unit.period:
        page_index = _PageIndex(unit.path.parent / unit.period)
    for record in records:
        position = f"byte {record.offset}"
        try:
            message = parse_record(
                record.raw, envelope=record.envelope, source=str(unit.path), position=position
            )
        except MalformedMessage as exc:
            yield Quarantined(str(unit.path), position, str(exc), _excerpt(record.raw),
                              unit.list_name)
            continue
        yield _finish(message, unit, page_index)


def _has_headers(head: bytes) -> bool:
    first = head.lstrip(b"\r\n").split(b"\n", 1)[0]
    return re.match(rb"^[\x21-\x39\x3b-\x7e]+:", first) is not None


def _finish(message: Message, unit: Unit, page_index: _PageIndex | None) -> Message:
    message.list = unit.list_name or _fallback_list(unit.path)
    if unit.period:
        message.period = unit.period
    if page_index is not None:
        page = page_index.page_for(message.message_id)
        if page is not None:
            message.archive_url = unit.page_url(page)
            _repair_question_marks(message, page)
    return message


class _PageIndex:
    """Message-ID → page file for one period folder of a mirror, built lazily.

    Joining ``.txt`` records to their pages gives each message its archive link,
    and lets ``?``-replaced characters of us-ascii volumes be restored.
    """

    def __init__(self, folder: Path):
        self.folder = folder
        self._map: dict[str, Path] | None = None

    def page_for(self, message_id: str) -> Path | None:
        if self._map is None:
            self._map = self._build()
        return self._map.get(message_id)

    def _build(self) -> dict[str, Path]:
        if not self.folder.is_dir():
            return {}
        out: dict[str, Path] = {}
        for page in sorted(self.folder.iterdir()):
            if not _PAGE.match(page.name):
                continue
            with open(page, "rb") as fh:
                head = fh.read(4096).decode("latin-1")
            match = re.search(r"In-Reply-To=([^\"&\s>]*)", head)
            if match:
                mid = hdr.clean_message_id(unquote(match.group(1)))
                if mid:
                    out.setdefault(mid, page)
        return out


def _excerpt(data: bytes) -> str:
    return data[:500].decode("utf-8", "replace")


def _repair_question_marks(message: Message, page: Path) -> None:
    """Restore characters a us-ascii ``.txt`` replaced by ``?`` from the HTML page.

    The page keeps them as ``&#NNN;``; it is used only when it is the same text
    character for character apart from those replacements.
    """
    if "?" not in message.body:
        return
    try:
        html_body = pages.parse_message_page(page.read_bytes(), str(page)).body
    except (MalformedMessage, OSError):
        return
    text = message.body.rstrip()
    if html_body == text or len(html_body) != len(text):
        return
    if re.sub(r"[^\x00-\x7f]", "?", html_body) == text:
        message.body = html_body + message.body[len(text):]


def _iter_pages(unit: Unit) -> Iterator[Item]:
    """A period known only from its HTML pages: parents come from thread.html."""
    parents = _thread_parents(unit.path / "thread.html")
    by_number: dict[int, str] = {}
    messages: list[Message] = []
    for page in unit.pages:
        item = _message_from_page(page, unit)
        if isinstance(item, Quarantined):
            yield item
            continue
        messages.append(item)
        number = _page_number(page)
        if number is not None:
            by_number[number] = item.message_id
    for message in messages:
        number = _page_number(Path(message.source))
        parent = parents.get(number) if number is not None else None
        if parent is not None and parent in by_number:
            message.in_reply_to = [by_number[parent]]
        yield message


def _thread_parents(thread_page: Path) -> dict[int, int]:
    if not thread_page.exists():
        return {}
    entries = pages.parse_thread_index(thread_page.read_bytes())
    return {e.number: e.parent_number for e in entries if e.parent_number is not None}


def _page_number(page: Path) -> int | None:
    match = re.match(r"^(\d{6,7})\.html?$", page.name)
    return int(match.group(1)) if match else None


def _iter_single_page(unit: Unit) -> Iterator[Item]:
    yield _message_from_page(unit.path, unit)


def _message_from_page(page: Path, unit: Unit) -> Item:
    data = page.read_bytes()
    if b"<!--beginarticle-->" not in data:
        # Index pages, Hypermail or other sites' pages: not a Pipermail message.
        reason = "not a Pipermail message page (no <!--beginarticle--> marker)"
        return Quarantined(str(page), "page", reason, _excerpt(data), unit.list_name)
    try:
        parsed = pages.parse_message_page(data, str(page))
    except MalformedMessage as exc:
        return Quarantined(str(page), "page", str(exc), "", unit.list_name)
    message = _from_html(parsed, source=str(page), position="page")
    message.list = unit.list_name or safe_list_name(parsed.list_name or _fallback_list(page))
    if unit.period:
        message.period = unit.period
    message.archive_url = unit.page_url(page)
    return message


def _from_html(parsed: pages.HtmlMessage, *, source: str, position: str) -> Message:
    """A Message from an HTML page or its text rendering (no reply headers there)."""
    date = hdr.parse_date(parsed.date_raw)
    name, addr = hdr.parse_address(
        f"{parsed.author} <{hdr.deobfuscate(parsed.address)}>" if parsed.address
        else parsed.author
    )
    mid = parsed.message_id
    synthetic = mid is None
    if mid is None:
        mid = hdr.synthetic_message_id(addr, parsed.date_raw, parsed.subject, parsed.body)
    return Message(
        message_id=mid, subject=parsed.subject, from_name=name or parsed.author,
        from_addr=addr, date=date.utc, date_offset=date.offset, date_raw=parsed.date_raw,
        body=parsed.body, period=period_of(date.utc), source=source, position=position,
        id_synthetic=synthetic,
        content_hash=hash_content(addr, parsed.date_raw, parsed.subject, parsed.body),
    )


def _iter_rendered(unit: Unit, data: bytes) -> Iterator[Item]:
    """A text rendering of a message page, like the seed file."""
    text = hdr.decode_raw_text(data)
    try:
        parsed = pages.parse_rendered_page(text, str(unit.path))
    except MalformedMessage as exc:
        yield Quarantined(str(unit.path), "file", str(exc), text[:500], unit.list_name)
        return
    if text.lstrip().startswith("<") or hdr.parse_date(parsed.date_raw).utc is None:
        reason = "not a message: no header block and not a text rendering of a Pipermail page"
        yield Quarantined(str(unit.path), "file", reason, text[:500], unit.list_name)
        return
    message = _from_html(parsed, source=str(unit.path), position="file")
    if parsed.message_id is None:
        # The file name is the only stable identity a saved rendering has.
        message.message_id = unit.path.stem
    message.list = unit.list_name or safe_list_name(parsed.list_name or _fallback_list(unit.path))
    yield message
