"""Parse in worker processes while the caller stores what they parsed.

Ingest is CPU-bound in two places that can overlap: turning raw records into
normalised messages (splitting, header and body decoding, fingerprints) and
writing them to SQLite with their full-text index.  SQLite has one writer, so the
caller keeps storing and threading.  Workers take whole files ahead of the one
being stored (``executor``, used by the pipeline); a file too big for one task
travels here in record batches split by the caller (``parse_in_pool``) and comes
back as messages in archive order.  Results are identical to a serial run: the
same function parses each record, in the same order, with the same positions.

Memory stays bounded: at most ``window`` batches are in flight.  Small inputs are
parsed in-process, because starting workers costs more than it saves.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from itertools import islice

from analyzer.ingest.mbox import RawRecord

log = logging.getLogger(__name__)

#: Records per task: large enough that pickling and scheduling are noise.
BATCH = 256
#: Tasks in flight.  The caller stores 2,000 messages per transaction and reads no
#: result meanwhile, so the window must hold more than that or the workers idle
#: while it writes (then wait while it parses nothing): 16 x 256 records, ~20 MB.
WINDOW = 16
#: A run reading less than this in total (on disk; a gzipped volume is ~4x bigger
#: inside) parses in-process: starting a worker costs ~0.3 s of CPU.
MIN_POOL_TOTAL = 4 * 1024**2
#: Nor is a pool started for a single file smaller than this.
MIN_POOL_FILE = 256 * 1024

def default_workers() -> int:
    """Parse processes to use when the config says 0 (auto).

    One per CPU but the one the calling process needs for storing (SQLite has
    one writer, and it is the busier side), at least one, at most 4.  On two
    CPUs, one and two workers ingested 100k messages in the same time (14.1 vs
    14.0 s); one holds less memory.
    """
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus - 1, 4)) if cpus > 1 else 0


class ParsePool:
    """Worker processes for parsing, started on the first file big enough to need them.

    ``total_bytes`` is the size of everything the run may read.  ``workers`` is
    the number of parse processes; 1 means parse in-process (no pool), 0 means
    ``default_workers()`` (no pool on a single CPU).  Use as a context manager so
    the processes are gone when ingest returns, also after an error.
    """

    def __init__(self, workers: int, total_bytes: int = MIN_POOL_TOTAL):
        if workers == 0:
            self.workers = default_workers()
        else:
            self.workers = workers if workers > 1 else 0
        self.total_bytes = total_bytes
        self._executor: ProcessPoolExecutor | None = None

    def executor_for(self, size: int) -> Executor | None:
        """The pool for a file of ``size`` bytes on disk, or None to parse in-process."""
        if size < MIN_POOL_FILE:
            return None
        return self.executor()

    def executor(self) -> Executor | None:
        """The pool (started now if need be), or None when this run parses in-process."""
        if not self.workers or self.total_bytes < MIN_POOL_TOTAL:
            return None
        if self._executor is None:
            # spawn, not fork: the parent holds an open SQLite connection and may run
            # threads (progress bars); a forked child would inherit both.
            context = multiprocessing.get_context("spawn")
            self._executor = ProcessPoolExecutor(self.workers, mp_context=context)
            log.debug("started %d parse workers", self.workers)
        return self._executor

    @property
    def started_workers(self) -> int:
        """How many worker processes this pool started (0 when all parsing was in-process)."""
        return self.workers if self._executor is not None else 0

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ParsePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def parse_in_pool(executor: Executor, task, context, records: Iterable[RawRecord],
                  *, window: int = WINDOW) -> Iterator:
    """Yield ``task(context, batch)`` results for batches of ``records``, in order.

    An error while reading records (a decompression limit, a truncated gzip) is
    raised only after the batches read before it have been yielded, exactly where
    a serial loop would raise it.
    """
    pending: deque[Future] = deque()
    source = iter(records)
    error: Exception | None = None
    while True:
        try:
            batch = [(r.raw, r.envelope, r.offset) for r in islice(source, BATCH)]
        except Exception as exc:  # raised below, after the batches read before it
            error = exc
            break
        if not batch:
            break
        pending.append(executor.submit(task, context, batch))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
    if error is not None:
        raise error
