"""Anatomy and NLP on a Dask distributed cluster; the store stays on the driver.

A large archive is CPU-bound in spaCy, so the work is spread over a cluster, but
SQLite is a local file with a single writer: only the driver reads and writes
the store.  Messages stream out in the store's keyset batches (one batch is one
partition, so spaCy sees exactly the batches a local run gives it and the
exports match byte for byte), workers return plain dicts and dataclasses that
pickle cheaply, and the driver saves them with the same versions as
:func:`analyzer.pipeline.update_anatomy` / :func:`~analyzer.pipeline.update_nlp`,
so a later local run finds nothing to do.

``dask.distributed`` is an optional extra (``pip install 'analyzer[dask]'``) and is
imported only inside :func:`update_distributed`; workers need this package and the
spaCy model installed, nothing else.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from analyzer.models import Anatomy, Event, NlpResult, OfficialMention, Passage

if TYPE_CHECKING:
    from analyzer.store import Store

Progress = Callable[[int], None]

#: spaCy pipelines loaded in this (worker) process, by model name.  Loading takes
#: seconds, a partition milliseconds, so each worker process loads a model once.
_PIPELINES: dict[str, Any] = {}

#: Same batch size as :func:`analyzer.nlp.runner.analyze_texts` uses locally.
_SPACY_BATCH = 32


def _pipeline(model: str):
    """The cached pipeline for ``model`` in this process, loaded on first use."""
    nlp = _PIPELINES.get(model)
    if nlp is None:
        from analyzer.nlp.runner import build_pipeline

        nlp = _PIPELINES[model] = build_pipeline(model)
    return nlp


def anatomy_partition(rows: list[dict]) -> list[tuple[int, Anatomy]]:
    """Anatomy of each row (``id``, ``body``, ``subject``); runs on a worker.

    Quote linking needs the store, so it is left to the driver.
    """
    from analyzer.anatomy import analyze_body

    return [(row["id"], analyze_body(row["body"], row["subject"])) for row in rows]


def nlp_partition(model: str, items: list[tuple[str, dict]],
                  n_process: int = 1) -> list[tuple[str, dict]]:
    """NLP of (text, context dict) items, as (key, result dict); runs on a worker.

    Results travel as plain dicts so nothing spaCy-specific has to be pickled.
    ``n_process > 1`` is for a single machine (``analyzer nlp --workers``), where
    spaCy's own multiprocessing replaces the cluster.
    """
    from analyzer.nlp.runner import to_result

    nlp = _pipeline(model)

    def docs():
        for text, context in items:
            doc = nlp.make_doc(text)
            doc._.context = context
            yield doc

    out = []
    for doc in nlp.pipe(docs(), n_process=n_process, batch_size=_SPACY_BATCH):
        result = to_result(doc)
        out.append((result.key, asdict(result)))
    return out


def result_of(values: dict) -> NlpResult:
    """Rebuild an :class:`NlpResult` from the dict a worker returned (or a Parquet row)."""
    return NlpResult(
        key=values["key"],
        officials=[OfficialMention(**o) for o in values["officials"]],
        passages=[Passage(**p) for p in values["passages"]],
        events=[Event(**e) for e in values["events"]],
        country=values.get("country", ""),
    )


def _in_order(client, submit: Callable[[Any], Any], batches: Iterable[Any],
              window: int) -> Iterator[tuple[Any, Any]]:
    """(batch, result) in submission order, with at most ``window`` tasks in flight.

    Bounding the window bounds the driver's memory however large the store is;
    gathering in order keeps the saves in the order a local run makes them.
    """
    pending: deque = deque()
    for batch in batches:
        pending.append((batch, submit(batch)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


def _window(client) -> int:
    """About two partitions per worker: each stays busy while the driver saves."""
    workers = len(client.scheduler_info().get("workers", {}))
    return max(2, 2 * workers)


def _run_anatomy(store: Store, client, list_name: str | None, window: int,
                 progress: Progress | None) -> int:
    from analyzer.anatomy import VERSION
    from analyzer.pipeline import save_anatomy_batch

    def submit(rows):
        payload = [{"id": r["id"], "body": r["body"], "subject": r["subject"]} for r in rows]
        return client.submit(anatomy_partition, payload, pure=False, retries=2)

    done = 0
    batches = ([dict(r) for r in rows] for rows in store.iter_needing_anatomy(VERSION, list_name))
    for rows, analysed in _in_order(client, submit, batches, window):
        by_id = dict(analysed)
        done += save_anatomy_batch(store, rows, [by_id[row["id"]] for row in rows])
        if progress is not None:
            progress(len(rows))
    return done


def _run_nlp(store: Store, client, model: str, list_name: str | None, window: int,
             progress: Progress | None) -> int:
    from analyzer.nlp.runner import nlp_version
    from analyzer.pipeline import merge_corpus_officials, save_nlp_batch

    version = nlp_version()

    def batches():
        for rows, per_row in nlp_batches(store, version, list_name):
            yield rows, [item for items in per_row for item in items]

    def submit(batch):
        _, items = batch
        return client.submit(nlp_partition, model, items, pure=False, retries=2)

    done = 0
    for (rows, items), analysed in _in_order(client, submit, batches(), window):
        keyed = ((key_of(context["key"]), result_of(values))
                 for (_, context), (_, values) in zip(items, analysed, strict=True))
        done += save_nlp_batch(store, version, rows, keyed)
        if progress is not None:
            progress(len(rows))
    merge_corpus_officials(store)  # a no-op unless mentions changed (or a killed run left it)
    return done


def nlp_batches(store: Store, version: str, list_name: str | None = None,
                batch: int | None = None) -> Iterator[tuple[list, list[list[tuple[str, dict]]]]]:
    """Per store batch: the rows needing NLP and, per row, its (text, context dict) items.

    Exactly what :func:`analyzer.pipeline.update_nlp` gives spaCy (new text,
    forwarded messages, signature, in that order), with contexts as the plain
    dicts that travel to workers and into Parquet.  One store batch is one Dask
    partition and one Parquet partition, so spaCy sees the batches a local run
    gives it.
    """
    from analyzer.nlp.components import context_dict
    from analyzer.pipeline import nlp_items

    pages = (store.iter_needing_nlp(version, list_name) if batch is None
             else store.iter_needing_nlp(version, list_name, batch=batch))
    for rows in pages:
        forwarded = store.forwarded_of([row["id"] for row in rows])
        yield rows, [[(text, context_dict(ctx))
                      for text, ctx in nlp_items(row, forwarded.get(row["id"], []))]
                     for row in rows]


def key_of(key: str) -> tuple[int, str]:
    """(rowid, part) of a context key ``"ROWID:PART"`` (as ``pipeline.ctx_key``)."""
    rowid, part = key.split(":", 1)
    return int(rowid), part


def update_distributed(store: Store, scheduler: str, *, model: str = "en_core_web_sm",
                       list_name: str | None = None, progress: Progress | None = None,
                       client=None, nlp: bool = True) -> tuple[int, int]:
    """Anatomy, then NLP, of what a local run would analyse, on the cluster at ``scheduler``.

    Returns (messages given an anatomy, messages given NLP).  A worker lost
    mid-partition costs only that partition, which the scheduler retries.
    ``client`` lets callers (tests, notebooks) reuse a connected client.
    """
    own = client is None
    if own:
        from distributed import Client

        client = Client(scheduler)
    try:
        window = _window(client)
        anatomy = _run_anatomy(store, client, list_name, window, progress)
        analysed = _run_nlp(store, client, model, list_name, window, progress) if nlp else 0
    finally:
        if own:
            client.close()
    return anatomy, analysed
