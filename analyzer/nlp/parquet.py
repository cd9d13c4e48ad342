"""The NLP stage over Parquet files, for clusters that cannot reach the store file.

SQLite is a local file: a cluster whose nodes cannot open it (another site, a
batch system without the store's disk) can still do the expensive part, spaCy,
if the texts travel to it as files and the results travel back.  Three steps:

1. :func:`export_nlp_input` (store machine) brings anatomy up to date — quote
   linking reads the store, so it cannot move — and writes every batch of
   messages needing NLP as one Parquet partition: exactly the texts and contexts
   :func:`analyzer.pipeline.update_nlp` would give spaCy, and a manifest with the
   versions and a SHA-256 per partition.
2. :func:`run_nlp` (anywhere, no store) runs the same worker function as
   ``analyze --scheduler`` (:func:`analyzer.nlp.distributed.nlp_partition`),
   in-process or on a Dask cluster, and writes one result file per input
   partition, atomically (temporary file, then rename), so an interrupted job
   resumes by skipping partitions whose result is complete.
3. :func:`import_results` (store machine) refuses results of another pipeline
   version or for messages whose texts changed since the export, then saves them
   with :func:`analyzer.pipeline.save_nlp_batch`, the function local and Dask
   runs use, in the same order, and merges officials: the exports are those of a
   plain ``analyze`` and a later ``analyze`` finds nothing to do.

A partition is one store batch (500 messages) because that is the unit a local
run hands to spaCy; keeping it means the results cannot depend on the route.
Paths are local paths (a shared or mounted file system works); only the process
running ``analyzer nlp`` reads and writes them, never the Dask workers.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyzer.errors import AnalyzerError
from analyzer.models import Event, NlpContext, NlpResult, OfficialMention, Passage
from analyzer.nlp.distributed import (
    _in_order,
    _window,
    key_of,
    nlp_batches,
    nlp_partition,
    result_of,
)
from analyzer.nlp.runner import nlp_version

if TYPE_CHECKING:
    from analyzer.store import Store

Progress = Callable[[int], None]

INPUT_MANIFEST = "_nlp_input.json"
RESULTS_MANIFEST = "_nlp_results.json"
INPUT_FORMAT = "analyzer-nlp-input"
RESULTS_FORMAT = "analyzer-nlp-results"
#: Bumped when the files' layout changes, so an old file is refused, not misread.
FORMAT_VERSION = 1
#: Key of the JSON stored in each result file's Parquet metadata.
_META_KEY = b"analyzer.nlp"
#: The context columns, in the order of :class:`~analyzer.models.NlpContext`.
CONTEXT_FIELDS = tuple(f.name for f in fields(NlpContext))


class NlpFilesError(AnalyzerError):
    """An NLP input or result folder is missing, incomplete, damaged or of another version."""


@dataclass(slots=True)
class ExportReport:
    """What :func:`export_nlp_input` wrote."""

    anatomy: int = 0
    messages: int = 0
    texts: int = 0
    partitions: int = 0


@dataclass(slots=True)
class RunReport:
    """What :func:`run_nlp` did; ``skipped`` partitions were already complete."""

    partitions: int = 0
    analysed: int = 0
    skipped: int = 0
    messages: int = 0
    model: str = ""


@dataclass(slots=True)
class ImportReport:
    """What :func:`import_results` saved.

    ``already`` counts results for messages that no longer need NLP (a local run
    analysed them since the export); ``pending`` counts messages that still need
    NLP because they are not in these results (ingested after the export).
    """

    imported: int = 0
    already: int = 0
    pending: int = 0
    model: str = ""


# -- schemas ---------------------------------------------------------------------


def _struct(pa, cls) -> Any:
    """Arrow struct of a results dataclass: ``list[str]`` fields as lists, others strings."""
    return pa.struct([(f.name, pa.list_(pa.string()) if "list" in str(f.type) else pa.string())
                      for f in fields(cls)])


def input_schema(pa) -> Any:
    """One row per text to analyse, and one row without text for a message with none.

    The empty rows matter: a local run records such a message as analysed, so the
    import must know it was covered.
    """
    return pa.schema([("message_rowid", pa.int64()), ("fingerprint", pa.string()),
                      ("text", pa.string()), *((name, pa.string()) for name in CONTEXT_FIELDS)])


def results_schema(pa) -> Any:
    """One row per input row: what the components found in that text."""
    return pa.schema([
        ("message_rowid", pa.int64()), ("fingerprint", pa.string()), ("key", pa.string()),
        ("part", pa.string()),
        ("officials", pa.list_(_struct(pa, OfficialMention))),
        ("passages", pa.list_(_struct(pa, Passage))),
        ("events", pa.list_(_struct(pa, Event))),
    ])


def fingerprint(row, items: list[tuple[str, dict]]) -> str:
    """SHA-256 of everything NLP reads for one message (texts and contexts).

    Carried from the export through the results, and recomputed from the store
    at import: a difference means the message's text changed in between.
    """
    payload = json.dumps({"message": [row["list"], row["message_id"]],
                          "items": [[text, context] for text, context in items]},
                         sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# -- step 1: export (store machine) -------------------------------------------------


def export_nlp_input(store: Store, out_dir: Path, list_name: str | None = None, *,
                     batch: int | None = None, progress: Progress | None = None
                     ) -> ExportReport:
    """Write what the NLP stage would analyse now as a Parquet dataset in ``out_dir``.

    Anatomy runs first (it needs the store, for quote links).  The manifest is
    written last and removed first, so a folder without one is an export that
    did not finish; earlier partitions in ``out_dir`` are replaced.  ``batch``
    (messages per partition) exists for tests; the default is the store's batch,
    the one a local run uses.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analyzer.pipeline import update_anatomy

    report = ExportReport(anatomy=update_anatomy(store, list_name))
    version = nlp_version()
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / INPUT_MANIFEST).unlink(missing_ok=True)
    for old in [*out_dir.glob("part-*.parquet"), *out_dir.glob(".part-*.tmp")]:
        old.unlink()
    schema = input_schema(pa)
    partitions = []
    for index, (rows, per_row) in enumerate(nlp_batches(store, version, list_name, batch)):
        records = []
        for row, items in zip(rows, per_row, strict=True):
            digest = fingerprint(row, items)
            base = {"message_rowid": row["id"], "fingerprint": digest}
            if not items:
                records.append({**base, "message_id": row["message_id"], "list": row["list"]})
            records.extend({**base, "text": text, **context} for text, context in items)
        name = f"part-{index:05d}.parquet"
        _write_atomically(out_dir / name, lambda path, records=records: pq.write_table(
            pa.Table.from_pylist(records, schema=schema), path))
        texts = sum(len(items) for items in per_row)
        partitions.append({"file": name, "sha256": _sha256(out_dir / name),
                           "rows": len(records), "messages": len(rows), "texts": texts,
                           "first_rowid": rows[0]["id"], "last_rowid": rows[-1]["id"]})
        report.messages += len(rows)
        report.texts += texts
        if progress is not None:
            progress(len(rows))
    report.partitions = len(partitions)
    from analyzer import __version__
    from analyzer.anatomy import VERSION as ANATOMY_VERSION
    from analyzer.nlp import PIPELINE_VERSION

    _write_json(out_dir / INPUT_MANIFEST, {
        "format": INPUT_FORMAT, "format_version": FORMAT_VERSION, "version": version,
        "pipeline_version": PIPELINE_VERSION, "anatomy_version": ANATOMY_VERSION,
        "analyzer": __version__, "list": list_name, "store": str(store.path),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "messages": report.messages, "texts": report.texts, "partitions": partitions,
    })
    return report


# -- step 2: NLP (anywhere) --------------------------------------------------------


def run_nlp(input_dir: Path, results_dir: Path, *, model: str = "en_core_web_sm",
            workers: int = 1, scheduler: str | None = None, client=None,
            progress: Progress | None = None) -> RunReport:
    """Analyse every input partition whose result is not complete yet.

    With ``scheduler`` (or a connected ``client``) the partitions run on a Dask
    cluster, about two per worker in flight; this process alone reads the input
    and writes the results, so workers need no access to either folder.
    Otherwise they run here, with ``workers`` spaCy processes.
    """
    manifest = read_input_manifest(input_dir)
    _check_version(manifest, f"the NLP input in {input_dir} was", "this machine runs",
                   "install the same analyzer version here as on the store machine")
    results_dir.mkdir(parents=True, exist_ok=True)
    for stale in results_dir.glob(".part-*.tmp"):  # left by a killed run
        stale.unlink()
    _write_json(results_dir / RESULTS_MANIFEST, {
        "format": RESULTS_FORMAT, "format_version": FORMAT_VERSION,
        "version": manifest["version"], "model": model, "list": manifest["list"],
        "input": str(input_dir), "input_created": manifest["created"],
        "partitions": manifest["partitions"],
    })
    report = RunReport(partitions=len(manifest["partitions"]), model=model)
    todo = []
    for entry in manifest["partitions"]:
        if _result_complete(results_dir / entry["file"], entry, manifest["version"], model):
            report.skipped += 1
            if progress is not None:
                progress(entry["messages"])
        else:
            todo.append(entry)
    batches = ((entry, *_input_items(input_dir, entry)) for entry in todo)
    for (entry, rows, _items), analysed in _analysed(batches, model, workers, scheduler,
                                                      client):
        _write_results(results_dir / entry["file"], entry, rows, analysed,
                       {"version": manifest["version"], "model": model})
        report.analysed += 1
        report.messages += entry["messages"]
        if progress is not None:
            progress(entry["messages"])
    return report


def _analysed(batches: Iterable[tuple], model: str, workers: int, scheduler: str | None,
              client) -> Iterator[tuple[tuple, list[tuple[str, dict]]]]:
    """(batch, [(key, result dict)]) in input order, here or on the cluster."""
    if client is None and not scheduler:
        for batch in batches:
            yield batch, nlp_partition(model, batch[2], n_process=workers)
        return
    own = client is None
    if own:
        try:
            from distributed import Client
        except ImportError as exc:
            raise AnalyzerError("--scheduler needs Dask: pip install 'analyzer[dask]'") from exc
        client = Client(scheduler)
    try:
        def submit(batch):
            return client.submit(nlp_partition, model, batch[2], pure=False, retries=2)

        yield from _in_order(client, submit, batches, _window(client))
    finally:
        if own:
            client.close()


def _input_items(input_dir: Path, entry: dict) -> tuple[list[dict], list[tuple[str, dict]]]:
    """The partition's rows and its (text, context dict) items, after checking its digest."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = input_dir / entry["file"]
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NlpFilesError(f"input partition {path} cannot be read ({exc.strerror}): "
                            "export the input again") from exc
    if hashlib.sha256(data).hexdigest() != entry["sha256"]:
        raise NlpFilesError(f"input partition {path} is damaged (its SHA-256 differs from "
                            f"{INPUT_MANIFEST}): export the input again")
    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise NlpFilesError(f"input partition {path} is not readable Parquet: {exc}") from exc
    if not input_schema(pa).equals(table.schema, check_metadata=False):
        raise NlpFilesError(f"input partition {path} does not have the NLP input columns")
    rows = table.to_pylist()
    items = [(row["text"], {name: row[name] for name in CONTEXT_FIELDS})
             for row in rows if row["text"] is not None]
    return rows, items


def _write_results(path: Path, entry: dict, rows: list[dict],
                   analysed: list[tuple[str, dict]], meta: dict) -> None:
    """One result row per input row, in input order; metadata ties it to its input."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    found = iter(analysed)
    records = []
    for row in rows:
        record = {"message_rowid": row["message_rowid"], "fingerprint": row["fingerprint"],
                  "key": row["key"], "part": row["part"],
                  "officials": [], "passages": [], "events": []}
        if row["text"] is not None:
            key, values = next(found)
            if key != row["key"]:  # results come back in order; anything else is a bug
                raise AssertionError(f"result {key} for input {row['key']}")
            record.update(officials=values["officials"], passages=values["passages"],
                          events=values["events"])
        records.append(record)
    schema = results_schema(pa).with_metadata({_META_KEY: json.dumps(
        {**meta, "input_sha256": entry["sha256"], "rows": entry["rows"]})})
    _write_atomically(path, lambda tmp: pq.write_table(
        pa.Table.from_pylist(records, schema=schema), tmp))


def _result_complete(path: Path, entry: dict, version: str, model: str) -> bool:
    """A result file finished for this very input partition, version and model.

    The rename makes a present file a finished one; the footer is read anyway so
    a file damaged on disk is redone rather than trusted.
    """
    meta = _result_meta(path)
    return (meta is not None and meta.get("input_sha256") == entry["sha256"]
            and meta.get("version") == version and meta.get("model") == model
            and meta.get("rows") == entry["rows"] == meta.get("_num_rows"))


def _result_meta(path: Path) -> dict | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        footer = pq.read_metadata(path)
        raw = (footer.schema.to_arrow_schema().metadata or {}).get(_META_KEY)
        return {**json.loads(raw), "_num_rows": footer.num_rows} if raw else None
    except (OSError, ValueError, pa.ArrowException):
        return None


# -- step 3: import (store machine) ---------------------------------------------------


def import_results(store: Store, results_dir: Path, *,
                   progress: Progress | None = None) -> ImportReport:
    """Save the results of :func:`run_nlp` as a local run would have saved them.

    Everything is checked before anything is written: the version, that every
    partition's result is complete, and that each message's texts are still the
    ones analysed.  Results for messages analysed locally since the export are
    skipped.
    """
    from analyzer.pipeline import merge_corpus_officials, save_nlp_batch

    manifest = read_results_manifest(results_dir)
    _check_version(manifest, f"the NLP results in {results_dir} were", "this store saves",
                   "export the input again and run 'analyzer nlp' with this analyzer version")
    missing = [e["file"] for e in manifest["partitions"] if not _result_complete(
        results_dir / e["file"], e, manifest["version"], manifest["model"])]
    if missing:
        raise NlpFilesError(
            f"the results in {results_dir} are incomplete: {len(missing)} of "
            f"{len(manifest['partitions'])} partition(s) missing or unfinished "
            f"({', '.join(missing[:5])}{', …' if len(missing) > 5 else ''}); run 'analyzer "
            "nlp' again with the same input and output folders to finish them")
    version, list_name = manifest["version"], manifest["list"]
    report = ImportReport(model=manifest["model"])

    changed = []
    for row, items, result in _joined(store, version, list_name, results_dir, manifest,
                                      report):
        if result is not None and result[0] != fingerprint(row, items):
            changed.append(f"<{row['message_id']}>")
    if changed:
        raise NlpFilesError(
            f"{len(changed)} message(s) changed since the NLP input was exported "
            f"({', '.join(changed[:3])}{', …' if len(changed) > 3 else ''}); nothing was "
            "imported: export the input again and rerun 'analyzer nlp'")

    batch: list = []
    keyed: list = []
    for row, _items, result in _joined(store, version, list_name, results_dir, manifest,
                                       report, pages=True):
        if row is _PAGE_END:  # save per store batch, as a local run does
            if batch:
                report.imported += save_nlp_batch(store, version, batch, keyed)
                if progress is not None:
                    progress(len(batch))
            batch, keyed = [], []
        elif result is None:
            report.pending += 1
        else:
            batch.append(row)
            keyed.extend((key_of(key), value) for key, value in result[1])
    merge_corpus_officials(store)  # a no-op when nothing was imported
    return report


#: Marks the end of a store batch in :func:`_joined`, so saves keep a local run's batches.
_PAGE_END = object()


def _joined(store: Store, version: str, list_name: str | None, results_dir: Path,
            manifest: dict, report: ImportReport, *, pages: bool = False
            ) -> Iterator[tuple[Any, list, tuple | None]]:
    """(store row, its items now, (fingerprint, [(key, NlpResult)]) or None), in rowid order.

    A merge join: the store's messages needing NLP and the results both come in
    rowid order, so neither side is held in memory beyond one partition.
    """
    results = _iter_results(results_dir, manifest)
    current = next(results, None)
    report.already = 0
    for rows, per_row in nlp_batches(store, version, list_name):
        for row, items in zip(rows, per_row, strict=True):
            while current is not None and current[0] < row["id"]:
                report.already += 1
                current = next(results, None)
            if current is not None and current[0] == row["id"]:
                yield row, items, current[1:]
                current = next(results, None)
            else:
                yield row, items, None
        if pages:
            yield _PAGE_END, [], None
    while current is not None:
        report.already += 1
        current = next(results, None)


def _iter_results(results_dir: Path, manifest: dict
                  ) -> Iterator[tuple[int, str, list[tuple[str, NlpResult]]]]:
    """(rowid, fingerprint, [(key, NlpResult)]) per message, ascending, one file at a time."""
    import pyarrow.parquet as pq

    previous = 0
    for entry in manifest["partitions"]:
        path = results_dir / entry["file"]
        message: tuple[int, str, list] | None = None
        for row in pq.read_table(path).to_pylist():
            if message is None or row["message_rowid"] != message[0]:
                if message is not None:
                    yield message
                if row["message_rowid"] <= previous:
                    raise NlpFilesError(f"{path} is not in message order: it was not "
                                        "written by 'analyzer nlp'")
                previous = row["message_rowid"]
                message = (row["message_rowid"], row["fingerprint"], [])
            if row["key"] is not None:
                message[2].append((row["key"], result_of(row)))
        if message is not None:
            yield message


# -- manifests and files ----------------------------------------------------------------


def read_input_manifest(input_dir: Path) -> dict:
    """The input's manifest, with a message that says what to do when it is not there."""
    return _read_manifest(input_dir, INPUT_MANIFEST, INPUT_FORMAT,
                          "make one on the store machine with 'analyzer export nlp-input "
                          "-o DIR'")


def read_results_manifest(results_dir: Path) -> dict:
    """The results' manifest (written by :func:`run_nlp` when it starts)."""
    return _read_manifest(results_dir, RESULTS_MANIFEST, RESULTS_FORMAT,
                          "it is the -o folder of 'analyzer nlp'")


def _read_manifest(folder: Path, name: str, kind: str, hint: str) -> dict:
    path = folder / name
    if not folder.is_dir():
        raise NlpFilesError(f"{folder} is not a folder ({hint})")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise NlpFilesError(f"{folder} has no {name}: not a finished {kind} folder "
                            f"({hint})") from exc
    except (OSError, ValueError) as exc:
        raise NlpFilesError(f"{path} is damaged ({exc}); {hint}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != kind:
        raise NlpFilesError(f"{path} is not a {kind} manifest ({hint})")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise NlpFilesError(f"{path} has layout version {manifest.get('format_version')}, "
                            f"this analyzer reads {FORMAT_VERSION}; {hint}")
    return manifest


def _check_version(manifest: dict, what: str, here: str, fix: str) -> None:
    """Refuse files made for another NLP pipeline or anatomy version."""
    version = nlp_version()
    if manifest.get("version") != version:
        raise NlpFilesError(
            f"{what} made with NLP version {manifest.get('version')} (pipeline.anatomy) but "
            f"{here} version {version}; nothing was done: {fix}")


def _write_atomically(path: Path, write: Callable[[Path], Any]) -> None:
    """``write`` to a temporary name next to ``path``, then rename: all or nothing."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _write_json(path: Path, data: dict) -> None:
    def write(tmp: Path) -> None:
        tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    _write_atomically(path, write)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
