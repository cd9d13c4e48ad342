"""Ingest and thread: the steps that connect sources to the store.

Kept out of ``ingest`` (which never touches the store) and out of ``cli`` (which
only parses options), so notebooks, the cron job and tests call the same code.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import json
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from analyzer.ingest.parallel import ParsePool
from analyzer.ingest.sources import (
    DEFAULT_MAX_BYTES,
    Unit,
    iter_unit,
    parse_unit,
    plan_units,
    pool_task,
)
from analyzer.models import Message, Quarantined, stored_links
from analyzer.store import KeyMap, Store, ThreadingMark, UpsertStats
from analyzer.threading import (
    THREADING_VERSION,
    KeyGroups,
    ThreadInput,
    build_threads,
    is_digest_subject,
    reference_chain,
)

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
    rethreaded: int = 0  # thread links rewritten
    threaded: int = 0  # messages threading read (new ones and the groups they touch)
    parse_workers: int = 0  # worker processes that parsed (0: all in-process)
    parsed_while_waiting: int = 0  # units parsed here while the workers were busy
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
    units: list[Unit] | None = None,
    workers: int = 1,
) -> IngestReport:
    """Ingest every source under ``paths`` and re-thread the lists that changed.

    Message anatomy is not run here: it is the first step of ``analyze``
    (architecture §2), so ingest stays an I/O-and-parsing stage whose cost is
    close to parsing, and a cron run pays for anatomy once, in ``analyze``.

    A file already ingested with the same size and mtime is skipped after one stat
    (a touched file after one hash); ``force`` reads everything again (still
    without duplicating rows) and threads the lists whole.  ``units`` from
    :func:`plan` saves planning twice when the caller already needed them (e.g.
    to size a progress bar).
    ``workers`` > 1 parses large files in that many processes while this one
    stores (0: one per CPU, at most 4); the store ends up the same.
    """
    report = IngestReport()
    units = units if units is not None else plan(paths, list_name, base_url)
    guess = ThreadGuess()
    with ParsePool(workers, _planned_bytes(units)) as pool, store.bulk():
        ahead = _ParsedAhead(pool, units, store, max_bytes=max_bytes, force=force)
        for index, unit in enumerate(units):
            report.units += 1
            _ingest_unit(store, unit, report, max_bytes=max_bytes, force=force, pool=pool,
                         guess=guess, items=ahead.items(index))
            if progress is not None:
                progress(1)
        report.parse_workers = pool.started_workers
        report.parsed_while_waiting = ahead.parsed_while_waiting
    del guess  # its memory is threading's now
    # Lists with unthreaded messages too: a run killed after storing a list's last
    # file but before threading it leaves them so, and no file is read again.
    for name in sorted(report.lists | set(store.lists_with_unthreaded_messages())):
        run = thread_list(store, name, whole=force)
        report.rethreaded += run.changed
        report.threaded += run.threaded
    return report


def _planned_bytes(units: list[Unit]) -> int:
    """Size on disk of the single-file units (what a parse pool could work on)."""
    return sum(unit.path.stat().st_size for unit in units
               if unit.kind != "pages" and unit.path.is_file())


def plan(paths: Iterable[Path], list_name: str | None = None, base_url: str = "") -> list[Unit]:
    """The units ``ingest_paths`` would read (for progress bars and dry runs)."""
    return [unit for path in paths for unit in plan_units(Path(path), list_name, base_url)]


class _ParsedAhead:
    """Units parsed whole by the pool while this process stores the ones before.

    SQLite has one writer, so storing is this process's job; without looking
    ahead, the pool parsed a unit while this process waited, then waited while it
    stored.  Up to two units per worker are handed out ahead (a month's volume
    is a few MB parsed); files too big for one task, and runs too small for a
    pool, are read by ``iter_unit`` as before.  Units that will be skipped as
    unchanged (same size and mtime) are not parsed at all.

    When the unit it needs next is still being parsed, this process parses the
    next unit nobody has taken yet instead of waiting (work stealing): on two
    CPUs one worker parses more slowly than this process stores, and it waited
    a third of a 100k-message run.  Where storing is the slower side, the
    worker is always ahead and nothing is stolen.
    """

    def __init__(self, pool: ParsePool, units: list[Unit], store: Store, *, max_bytes: int,
                 force: bool):
        self._pool, self._units, self._store = pool, units, store
        self._max_bytes, self._force = max_bytes, force
        self._futures: dict[int, Future[list]] = {}
        self._stolen: dict[int, Future[list]] = {}
        self._next = 0  # the first unit neither handed out nor passed over
        self.parsed_while_waiting = 0  # units stolen: parsed here while a worker was busy

    def items(self, index: int) -> list | None:
        """The parsed items of unit ``index``, or None to read it in-process.

        A unit not handed out before it is needed (the first one) is read here,
        while the workers start and parse the ones after it.
        """
        self._next = max(self._next, index + 1)
        self._hand_out()
        future = self._stolen.pop(index, None)
        if future is None:
            future = self._futures.pop(index, None)
        if future is None:
            return None
        while not future.done() and self._steal():
            pass
        return future.result()

    def _hand_out(self) -> None:
        """Keep two units per worker queued (units the pool would not take are passed over)."""
        while self._next < len(self._units) and len(self._futures) < 2 * self._pool.workers:
            unit = self._next_for_pool()
            if unit is None:
                return
            executor = self._pool.executor()  # started for the first unit it gets
            if executor is None:
                return  # a run too small for a pool: everything is read in-process
            self._futures[unit] = executor.submit(parse_unit, self._units[unit], self._max_bytes)
            self._next = unit + 1

    def _steal(self) -> bool:
        """Parse the next unit not handed out here; False when there is none to take.

        An unexpected error is kept with the unit and raised at its turn, after
        the units before it are stored, as a serial run would.
        """
        if len(self._stolen) >= 2 * self._pool.workers:
            return False  # bounded memory: the stolen units wait for their turn
        unit = self._next_for_pool()
        if unit is None:
            return False
        self._next = unit + 1
        parsed: Future[list] = Future()
        try:
            parsed.set_result(parse_unit(self._units[unit], self._max_bytes))
        except Exception as exc:  # re-raised by items() at the unit's turn
            parsed.set_exception(exc)
        self._stolen[unit] = parsed
        self.parsed_while_waiting += 1
        return True

    def _next_for_pool(self) -> int | None:
        """Index of the next unit a pool would parse whole (others are read in turn)."""
        while self._next < len(self._units):
            unit = self._units[self._next]
            if pool_task(unit) == "whole" and not self._unchanged(unit):
                return self._next
            self._next += 1
        return None

    def _unchanged(self, unit: Unit) -> bool:
        if self._force or unit.kind == "pages":
            return False
        return _same_on_disk(unit, self._store.known_source(str(unit.path)))


def _ingest_unit(
    store: Store, unit: Unit, report: IngestReport, *, max_bytes: int, force: bool,
    pool: ParsePool | None = None, guess: ThreadGuess | None = None, items: list | None = None,
) -> None:
    """Store one unit's messages (``items`` when already parsed) and record the source."""
    known = store.known_source(str(unit.path))
    fingerprint = _fingerprint(unit, known)
    if not force and fingerprint and (known[0], known[2]) == (fingerprint[0], fingerprint[2]):
        report.skipped_unchanged += 1
        if known[1] != fingerprint[1]:  # touched but not changed: remember the new mtime
            store.record_source(str(unit.path), unit.list_name, *fingerprint, messages=known[3])
        return
    quarantined: list[Quarantined] = []
    seen = 0
    touched: set[str] = set()

    def messages() -> Iterator[Message]:
        nonlocal seen
        # A file not parsed ahead is read here; only files too big for one task
        # stream through the pool in batches.
        parsed = items if items is not None else iter_unit(
            unit, max_bytes=max_bytes, pool=pool if pool_task(unit) == "batches" else None)
        for item in parsed:
            if isinstance(item, Quarantined):
                quarantined.append(item)
                continue
            seen += 1
            touched.add(item.list)
            yield item

    stats = store.upsert_messages(messages(), guess)
    report.quarantined += store.add_quarantine(quarantined)
    report.stats.add(stats)
    report.messages_seen += seen
    if stats.inserted or force:  # force: the lists read are threaded whole again
        report.lists.update(touched)
    if unit.kind == "volume" and unit.period:
        link_pages_by_order(store, unit)
    if fingerprint:
        store.record_source(str(unit.path), unit.list_name, *fingerprint, messages=seen)
    store.commit_if_due()
    log.info("%s: %d messages, %d new, %d quarantined", unit.path, seen, stats.inserted,
             len(quarantined))


def _same_on_disk(unit: Unit, known: tuple) -> bool:
    """Whether a file still has the size and mtime its last ingest recorded."""
    stat = unit.path.stat()
    return known[:2] == (stat.st_size, stat.st_mtime_ns)


def _fingerprint(unit: Unit, known: tuple) -> tuple[int, int, str] | None:
    """(size, mtime_ns, sha1) of a single-file unit; page folders are always read.

    A file whose size and mtime match the last ingest is not read at all (its
    recorded digest is reused); only a file that changed on disk is hashed.
    """
    if unit.kind == "pages" or not unit.path.is_file():
        return None
    if _same_on_disk(unit, known):
        return known[:3]
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
_QUOTED_SUBJECT = re.compile(r"^[>\s]*Subject:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_SECTION = re.compile(r"^[>\s]*Message:\s*\d+\s*$", re.MULTILINE)
_WORD = re.compile(r"[^\W\d_][\w+'-]{3,}")


def _digest_ids(subject: str, body: str) -> list[str]:
    """Message-IDs quoted by a digest reply, the one it most likely answers first.

    Mailman digests list each message with its Subject and Message-ID.  The
    reply's own (unquoted) words usually name the topic it answers, so sections
    are ranked by how many words of their subject the reply uses; ties go to
    the later section, the one nearest the reply in a bottom-quoted digest.
    """
    if not is_digest_subject(subject):
        return []
    from analyzer.ingest.headers import clean_message_id

    own = {w.lower() for line in body.split("\n") if not line.lstrip().startswith(">")
           for w in _WORD.findall(line)}
    ranked = []
    for order, section in enumerate(_SECTION.split(body)[1:]):
        mid = _QUOTED_ID.search(section)
        topic = _QUOTED_SUBJECT.search(section)
        if not mid or not clean_message_id(f"<{mid.group(1)}>"):
            continue
        words = {w.lower() for w in _WORD.findall(topic.group(1))} if topic else set()
        ranked.append((len(words & own), order, clean_message_id(f"<{mid.group(1)}>")))
    if not ranked:  # a digest without sections: keep the quoted ids in reverse order
        ids = [clean_message_id(f"<{m}>") for m in _QUOTED_ID.findall(body)]
        return [i for i in reversed(ids) if i]
    return [mid for _, _, mid in sorted(ranked, reverse=True)]


@dataclass(slots=True)
class ThreadingRun:
    """What threading one list did: links rewritten, messages read, and how."""

    changed: int
    threaded: int
    incremental: bool


def thread_list(store: Store, list_name: str, *, whole: bool = False) -> ThreadingRun:
    """Thread the list's new messages; write only the links that changed.

    The first time, the whole list is threaded.  From the second time on, the
    store keeps a map from each key that can tie messages together (ids, the ids
    they reference or quote, subjects: ``threading.interaction_keys``) to its
    group, and new messages are threaded together with just the groups they
    touch: the links equal those of threading the whole list (a test compares
    both), at a cost that follows the new mail, not the archive.  Groups never
    shrink as mail arrives, so the map only needs updating; the list is threaded
    whole again (and the map rebuilt) when the threading rules changed, a
    digest's stored body changed, messages were deleted, or ``whole`` asks.

    The cyclic garbage collector is paused meanwhile: JWZ builds one linked
    container per message and nothing becomes garbage until it is done, yet the
    collector kept rescanning the growing graph (100k messages: 2.1 s of
    threading with it, 1.4 s without).  The graph is freed by the next
    collection once it runs again.
    """
    with _collector_paused():
        upto, last = store.last_message()
        count = store.count_list_messages(list_name)
        now = ThreadingMark(upto, count, THREADING_VERSION, last=last)
        mark = store.threading_mark(list_name)
        if not whole and _map_is_current(store, mark):
            new = store.thread_inputs_after(list_name, mark.upto)
            if mark.count + len(new) == count:  # else rows were deleted: thread it whole
                return _thread_new(store, list_name, new, now)
        # Threaded before: a list ingested again will be again, so keep its key
        # map from now on (a fresh ingest, threaded once, never pays for one).
        return _thread_whole(store, list_name, now, keep_keys=mark is not None)


def _map_is_current(store: Store, mark: ThreadingMark | None) -> bool:
    """Whether the list's key map is complete, made by today's rules, and the store's
    last row then still holds the same message: SQLite gives a deleted last row's id
    to the next insert, which ``upto`` would take for an old row."""
    return (mark is not None and mark.keys and mark.version == THREADING_VERSION
            and store.message_id_at(mark.upto) == mark.last)


def _thread_whole(store: Store, list_name: str, mark: ThreadingMark,
                  keep_keys: bool) -> ThreadingRun:
    inputs = _thread_inputs(store.iter_thread_inputs(list_name))
    groups = KeyGroups() if keep_keys else None
    if groups is not None:
        inputs = groups.tap(inputs)
    links = build_threads(inputs)
    keys = KeyMap(*groups.groups()) if groups is not None else None
    changed = store.update_threads(list_name, links, mark=mark, keys=keys)
    return ThreadingRun(changed, mark.count, incremental=False)


def _thread_new(store: Store, list_name: str, rows: list[tuple],
                mark: ThreadingMark) -> ThreadingRun:
    """Thread new rows together with the stored key groups they touch.

    Each row becomes a ThreadInput once; the key groups are union-find, so the
    new messages' keys, added first, are the ones looked up in the store.
    """
    groups = KeyGroups()
    inputs = {}
    for row, message in zip(rows, _thread_inputs(rows), strict=True):
        inputs[row[0]] = message
        groups.add(message)
    touched = set(store.thread_key_groups(list_name, groups.keys()).values())
    old = [row for row in store.thread_inputs_of_groups(list_name, touched)
           if row[0] not in inputs]
    for row, message in zip(old, _thread_inputs(old), strict=True):
        inputs[row[0]] = message
        groups.add(message)
    ordered = sorted(rows + old, key=_thread_order)
    links = build_threads(inputs[row[0]] for row in ordered)
    changed = store.update_threads(list_name, links, mark=mark,
                                   keys=KeyMap(*groups.groups(), replaces=touched))
    return ThreadingRun(changed, len(ordered), incremental=True)


def _thread_order(row: tuple) -> tuple[bool, str, int]:
    """Sort key of a threading input row: the order ``Store.iter_thread_inputs`` reads.

    Dated rows by (date, row id), then undated ones by row id; stored dates are
    UTC ISO strings, which sort as the store sorts them.
    """
    rowid, date = row[0], row[5]
    return (date is None, date or "", rowid)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Disable the cyclic garbage collector for the block; restore its state after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _thread_inputs(rows: Iterable[tuple]) -> Iterator[ThreadInput]:
    """Threading's view of each stored row, streamed (threading keeps only what it needs)."""
    for rowid, mid, irt, refs, subject, date, body, parent, thread, how in rows:
        yield ThreadInput(
            mid, _id_list(irt), _id_list(refs), subject,
            datetime.fromisoformat(date) if date else None,
            _digest_ids(subject, body) if body else [],  # body only for digest-like subjects
            rowid, stored_links(parent, thread, how),
        )


class ThreadGuess:
    """Each new message's likely thread links, written with the message.

    Writing a message's links later rewrites its whole row (body included) and
    its thread index entry, which cost threading more than the algorithm itself.
    Archives are read in date order, so a reply's parent has usually just been
    stored: the reply most likely has that parent and its thread.  Threading
    afterwards still decides every link (a guess is never trusted) but rewrites
    only the rows whose guess was wrong.  Messages are remembered per list for
    one ingest run; a reply to a message stored by an earlier run is left for
    threading.
    """

    def __init__(self) -> None:
        self._thread_of: dict[str, dict[str, str]] = {}  # list -> message id -> thread id

    def __call__(self, message: Message) -> tuple[str | None, str | None, str | None]:
        refs = reference_chain(message.message_id, message.references, message.in_reply_to)
        known = self._thread_of.setdefault(message.list, {})
        if not refs:
            links = (None, message.message_id, "root")
        else:
            thread = known.get(refs[-1])
            if thread is None:
                return None, None, None
            links = (refs[-1], thread, "references" if message.references else "in-reply-to")
        known.setdefault(message.message_id, links[1])
        return links


def _id_list(stored: str) -> list[str]:
    """A stored JSON list of Message-IDs (``json.dumps`` output), decoded.

    Most messages have none, and the rest rarely need the JSON parser: without a
    backslash (an escaped quote, or non-ASCII as ``json.dumps`` writes it), the
    items are exactly the text between ``", "`` separators.
    """
    if stored == "[]":
        return []
    if "\\" not in stored and stored.startswith('["') and stored.endswith('"]'):
        return stored[2:-2].split('", "')
    return json.loads(stored)


def update_anatomy(store: Store, list_name: str | None = None,
                   progress: Progress | None = None) -> int:
    """Analyse every message whose anatomy is missing or from an older version.

    Quoted parts are linked to the stored message they quote (the parent or an
    earlier message of the thread) when enough of their lines are found in it.
    """
    from analyzer.anatomy import VERSION, analyze_body

    done = 0
    for rows in store.iter_needing_anatomy(VERSION, list_name):
        done += save_anatomy_batch(
            store, rows, [analyze_body(row["body"], row["subject"]) for row in rows])
        if progress is not None:
            progress(len(rows))
    return done


def save_anatomy_batch(store: Store, rows, anatomies) -> int:
    """Link each anatomy's quotes to the stored messages they quote, then save the batch.

    Shared by the local and the Dask runs (quote linking reads the store, so it
    always happens here, next to it).
    """
    from analyzer.anatomy import VERSION

    results = []
    for row, anatomy in zip(rows, anatomies, strict=True):
        _link_quotes(store, row, anatomy)
        results.append((row["id"], VERSION, anatomy))
    return store.save_anatomy(results)


def _split_digest_quotes(store: Store, row, anatomy, lines: list[str]) -> None:
    """A quoted digest is many messages: one quote part per section, each linked.

    Mailman's digest sections start with ``Message: N`` and carry the quoted
    message's ``Message-ID``, which names the stored message exactly.
    """
    from analyzer.ingest.headers import clean_message_id
    from analyzer.models import Part

    out = []
    for part in anatomy.parts:
        starts = [i for i in range(part.start, part.end) if _SECTION.match(lines[i])]
        if part.kind != "quote" or not starts:
            out.append(part)
            continue
        bounds = [part.start, *starts, part.end]
        for a, b in itertools.pairwise(bounds):
            if a < b:
                found = _QUOTED_ID.search("\n".join(lines[a:b]))
                mid = clean_message_id(f"<{found.group(1)}>") if found else None
                known = mid if mid and store.message_bodies(row["list"], [mid]) else None
                out.append(Part("quote", a, b, known))
    anatomy.parts = out


def _quoted_lines(body_lines: list[str], start: int, end: int) -> list[str]:
    """Distinctive lines of a quoted part, without quote markers."""
    out = []
    for line in body_lines[start:end]:
        text = " ".join(re.sub(r"^[\s>]*", "", line).split())
        if len(text) >= 25:
            out.append(text)
    return out


def _link_quotes(store: Store, row, anatomy) -> None:
    """Link each quoted part to the message it quotes: the parent first, then the thread.

    Most replies quote their parent, so it is checked alone (one row read); the
    rest of the thread is read only for quotes the parent does not contain.
    """
    lines = row["body"].split("\n")
    _split_digest_quotes(store, row, anatomy, lines)
    pending = [(p, _quoted_lines(lines, p.start, p.end)) for p in anatomy.parts
               if p.kind == "quote" and p.quoted_id is None]
    pending = [(part, wanted) for part, wanted in pending if wanted]
    if not pending or not row["thread_id"]:
        return
    if row["parent_id"]:
        pending = _match_quotes(pending, _bodies(store, row, [row["parent_id"]]))
    if pending:
        others = [c for c in store.thread_members(row["list"], row["thread_id"], row["date"])
                  if c not in (row["message_id"], row["parent_id"])]
        _match_quotes(pending, _bodies(store, row, others[:20]))


def _bodies(store: Store, row, message_ids: list[str]) -> dict[str, str]:
    found = store.message_bodies(row["list"], message_ids)
    return {mid: " ".join(body.split()) for mid, body in found.items()}


def _match_quotes(pending: list, bodies: dict[str, str]) -> list:
    """Set ``quoted_id`` where at least half the quoted lines are in one body."""
    left = []
    for part, wanted in pending:
        scores = {mid: sum(w in body for w in wanted) for mid, body in bodies.items()}
        best = max(scores, key=scores.get, default=None)
        if best is not None and scores[best] * 2 >= len(wanted):
            part.quoted_id = best
        else:
            left.append((part, wanted))
    return left


def update_nlp(store: Store, *, model: str = "en_core_web_sm", workers: int = 1,
               list_name: str | None = None, progress: Progress | None = None,
               nlp=None) -> int:
    """Run NLP on messages whose results are missing or from another pipeline version.

    Texts stream from the store in batches: each message's new text, its
    forwarded messages (as their authors' words, dated by their own headers) and
    its signature.  An unchanged store does no NLP work at all.  NLP reads the
    anatomy's new text, so anatomy missing for new messages is run first (a
    no-op after ``update_anatomy``, as ``analyze`` calls it).
    """
    from analyzer.nlp.runner import nlp_version

    update_anatomy(store, list_name)
    version = nlp_version()
    done = 0
    if store.count_needing_nlp(version, list_name):
        done = _run_nlp_locally(store, version, model, workers, list_name, progress, nlp)
    merge_corpus_officials(store)  # also completes a merge a killed run left undone
    return done


def _run_nlp_locally(store: Store, version: str, model: str, workers: int,
                     list_name: str | None, progress: Progress | None, nlp) -> int:
    from analyzer.nlp import analyze_texts, build_pipeline

    nlp = nlp or build_pipeline(model)
    done = 0
    for rows in store.iter_needing_nlp(version, list_name):
        forwarded = store.forwarded_of([row["id"] for row in rows])
        items = [item for row in rows for item in nlp_items(row, forwarded.get(row["id"], []))]
        keys = (ctx_key(ctx) for _, ctx in items)
        results = zip(keys, analyze_texts(nlp, items, n_process=workers), strict=True)
        done += save_nlp_batch(store, version, rows, results)
        if progress is not None:
            progress(len(rows))
    return done


def save_nlp_batch(store: Store, version: str, rows, keyed) -> int:
    """Group ((rowid, part), NlpResult) pairs by message, add the author's country, store.

    Shared by the local and the Dask runs, so both write exactly the same records.
    """
    from analyzer.nlp.country import author_country

    grouped: dict[int, list] = {}
    for (rowid, part), result in keyed:
        grouped.setdefault(rowid, []).append((part, result))
    results = [(row["id"], author_country(row["signature"] or "", row["new_text"],
                                           row["from_addr"]), grouped.get(row["id"], []))
               for row in rows]
    return store.save_nlp(version, results)


def ctx_key(context) -> tuple[int, str]:
    rowid, part = context.key.split(":", 1)
    return int(rowid), part


def nlp_items(row, forwarded) -> list:
    """(text, context) pairs of one message: new text, forwards, signature."""
    from analyzer.models import NlpContext

    date = _local_date(row["date"], row["date_offset"])
    base = dict(message_id=row["message_id"], list=row["list"], subject=row["subject"],
                signature=row["signature"] or "")
    items = [(row["new_text"], NlpContext(key=f"{row['id']}:new_text", date=date,
                                          author_name=row["from_name"],
                                          author_addr=row["from_addr"], **base))]
    for fwd in forwarded:
        fwd_date = _forward_date(fwd["date"], date)
        items.append((fwd["text"], NlpContext(
            key=f"{row['id']}:forwarded", date=fwd_date, author_name=fwd["from_name"],
            author_addr=fwd["from_addr"], part="forwarded", **{**base, "signature":
                                                                fwd["signature"] or ""})))
    if row["signature"]:
        items.append((row["signature"], NlpContext(
            key=f"{row['id']}:signature", date=date, author_name=row["from_name"],
            author_addr=row["from_addr"], part="signature", **base)))
    return [(text, ctx) for text, ctx in items if text and text.strip()]


def _local_date(iso: str | None, offset: int | None):
    """The message instant in the sender's own offset (relative dates are theirs)."""
    from datetime import timedelta, timezone

    if not iso:
        return None
    when = datetime.fromisoformat(iso)
    return when.astimezone(timezone(timedelta(minutes=offset or 0)))


def _forward_date(day: str | None, fallback):
    from datetime import UTC

    if not day:
        return fallback
    try:
        return datetime.fromisoformat(day).replace(tzinfo=UTC)
    except ValueError:
        return fallback


def merge_corpus_officials(store: Store) -> int:
    """Recompute the merged officials table from every stored mention.

    Saving mentions marks the officials stale in the same transaction and this
    merge clears the mark, so it does nothing (returns 0) when no mention changed
    since the last merge, and a run killed in between is completed by the next.
    """
    from analyzer.nlp.merge import merge_officials

    if not store.officials_stale():
        return 0
    mentions = [
        {**dict(row), "aliases": json.loads(row["aliases"])}
        for row in store.iter_official_mentions()
    ]
    return store.replace_officials(merge_officials(mentions))
