#!/usr/bin/env python3
"""NLP benchmark: our NLP stage against bare ``nlp.pipe`` on the same texts, same run.

For the texts NLP reads in a generated archive (each message's new text, forwarded
messages and signature, exactly as ``update_nlp`` gives them to spaCy) and the same
pipeline (model plus our components), it measures words per second of

* bare ``nlp.pipe`` over the texts held in memory, with ``n_process`` = N (baseline);
* ``update_nlp(workers=N)``: texts streamed from the store with their contexts,
  results written, officials merged (local processes, N = 1 and 2);
* ``update_distributed`` on a Dask ``LocalCluster`` of N worker processes
  (``threads_per_worker=1``, on 127.0.0.1; N = 1 and 2): the same work with the
  store on the driver and spaCy on the workers;

each against the baseline with the same number of processes, measured just before
it.  Every run starts from a copy of the same store (anatomy done, no NLP results).

``python benchmarks/bench_nlp.py [--messages 2000] [--quick] [--no-dask]``
"""

from __future__ import annotations

import logging
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common  # noqa: E402
from _common import Meter  # noqa: E402

DEFAULT_MESSAGES = 2000
QUICK_MESSAGES = 40
TARGET_RATIO = 0.9
_WORD = re.compile(r"\w+")


def words(text: str) -> int:
    return len(_WORD.findall(text))


def nlp_texts(store_path: Path) -> list[str]:
    """The texts NLP reads, in the order and batches a local run gives them to spaCy."""
    from analyzer.nlp.distributed import nlp_batches
    from analyzer.nlp.runner import nlp_version
    from analyzer.store import Store

    with Store(store_path) as store:
        return [text for _, per_row in nlp_batches(store, nlp_version())
                for items in per_row for text, _ in items]


def bare_pipe(nlp, texts: list[str], n_process: int) -> dict:
    """Plain ``nlp.pipe`` over in-memory texts (the batch size our runner uses)."""
    meter = Meter().start()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=32):
        pass
    return meter.stop()


def ours_local(store_path: Path, nlp, n_process: int) -> dict:
    """``update_nlp(workers=n_process)`` on a fresh copy of the store."""
    from analyzer.pipeline import update_nlp
    from analyzer.store import Store

    with Store(store_path) as store:
        meter = Meter().start()
        done = update_nlp(store, nlp=nlp, workers=n_process)
        return {"messages": done, **meter.stop()}


def ours_dask(store_path: Path, address: str, model: str) -> dict:
    """``update_distributed`` against the running cluster at ``address``."""
    from analyzer.nlp.distributed import update_distributed
    from analyzer.store import Store

    with Store(store_path) as store:
        meter = Meter().start()
        _, done = update_distributed(store, address, model=model)
        return {"messages": done, **meter.stop()}


@dataclass(slots=True)
class Row:
    where: str
    processes: int
    bare: dict
    ours: dict
    setup: float | None = None  # cluster start + model load on the workers


def start_cluster(workers: int, model: str):
    """A LocalCluster of worker processes on loopback, each with the model loaded.

    Loading the model once per worker is what a long-lived cluster pays once; it is
    timed separately and not counted in the run.
    """
    from distributed import Client, LocalCluster

    from analyzer.nlp.distributed import nlp_partition

    started = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, processes=True, threads_per_worker=1,
                           host="127.0.0.1", dashboard_address="127.0.0.1:0",
                           silence_logs=logging.ERROR)
    with Client(cluster) as client:
        client.wait_for_workers(workers)
        client.run(nlp_partition, model, [])  # loads the model in every worker
        where = client.run(lambda: __import__("analyzer").__file__)
    return cluster, time.perf_counter() - started, sorted(set(where.values()))


def measure(pristine: Path, work: Path, texts: list[str], model: str, args) -> list[Row]:
    from analyzer.nlp import build_pipeline

    nlp = build_pipeline(model)
    list(nlp.pipe(["Warm-up: we met the Minister on 3 November."] * 20))  # lazy tables
    rows: list[Row] = []
    counts = (1,) if args.one else (1, 2)
    for n in counts:
        bare = bare_pipe(nlp, texts, n)
        ours = ours_local(_common.copy_store(pristine, work / "nlp.sqlite"), nlp, n)
        rows.append(Row("local: `update_nlp`", n, bare, ours))
        _progress(rows[-1])
    if args.no_dask:
        return rows
    for n in counts:
        bare = bare_pipe(nlp, texts, n)
        cluster, setup, where = start_cluster(n, model)
        try:
            if not all(path.startswith(str(work)) for path in where):
                print(f"warning: Dask workers import analyzer from {where}", file=sys.stderr)
            ours = ours_dask(_common.copy_store(pristine, work / "nlp.sqlite"),
                             cluster.scheduler_address, model)
        finally:
            cluster.close()
        rows.append(Row("Dask LocalCluster: `update_distributed`", n, bare, ours, setup))
        _progress(rows[-1])
    return rows


def _progress(row: Row) -> None:
    print(f"  {row.where:<42} {row.processes} process(es): bare {row.bare['seconds']:7.2f} s,"
          f" ours {row.ours['seconds']:7.2f} s", file=sys.stderr, flush=True)


def render(rows: list[Row], texts: list[str], messages: int, args, run: _common.Run,
           log: list[str]) -> str:
    analysed = sum(words(t) for t in texts)
    table = ["| ours | processes | bare `nlp.pipe` words/s | ours words/s | ours ÷ bare | "
             "bare wall s | ours wall s | ours CPU s (all processes) | peak RSS MB "
             "(all processes) | cluster start + model load s |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        bare = analysed / row.bare["seconds"]
        ours = analysed / row.ours["seconds"]
        setup = "-" if row.setup is None else f"{row.setup:.1f}"
        table.append(f"| {row.where} | {row.processes} | {bare:,.0f} | {ours:,.0f} | "
                     f"**{ours / bare:.2f}** | {row.bare['seconds']:.1f} | "
                     f"{row.ours['seconds']:.1f} | {row.ours['cpu_seconds']:.1f} | "
                     f"{row.ours['rss_mb']:.0f} | {setup} |")
    lines = [
        "## NLP", "", run.stamp(), "",
        f"{messages:,} generated messages; NLP reads {len(texts):,} texts, {analysed:,} "
        "words (new text, forwarded messages, signatures, as `update_nlp` gives them to "
        "spaCy; anatomy keeps the rest out, see the Anatomy section). Words per second are "
        "those words over wall time. Each row's baseline is bare `nlp.pipe` (same model and "
        "components, batch size 32) over the same texts in memory with `n_process` equal to "
        "the row's processes, measured just before it.", "",
        f"Target: ours ≥ {TARGET_RATIO:.2f} × bare.", "",
        *table, "",
        "- *ours* includes reading texts and contexts from the store, saving every result "
        "and merging officials; for Dask also shipping partitions to the workers and the "
        "results back (the store stays on the driver). The cluster is started and the model "
        "loaded on every worker before the timed run (last column), as on a long-lived "
        "cluster; spaCy's `n_process` workers, in contrast, load the pipeline inside both "
        "the baseline's and our timed runs.",
        "- CPU and peak RSS count every process of the run on this machine: the main "
        "process, spaCy's `n_process` workers, and the LocalCluster's nannies and workers "
        "(whose model, loaded before the run, is in their RSS).",
        f"- {_common.cores()} cores here: two processes can only beat one when the texts "
        "outweigh a second process's start-up and model load, and the machine is otherwise "
        "idle.",
    ]
    return _common.finish_notes(lines, log, args.quick)


def main(argv: list[str] | None = None) -> int:
    parser = _common.stage_parser(__doc__, DEFAULT_MESSAGES,
                                  f"{QUICK_MESSAGES} messages (smoke test)")
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--no-dask", action="store_true", help="skip the LocalCluster runs")
    parser.add_argument("--one", action="store_true", help="1 process only (no 2-process runs)")
    args = parser.parse_args(argv)
    if args.quick:
        args.messages = QUICK_MESSAGES
    if not args.no_dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            parser.error("dask.distributed is not installed: pip install -e '.[dask]' "
                         "(or pass --no-dask)")
    with _common.bench_run("bench_nlp.py", argv, args.quick) as (run, work, log):
        cached = _common.cached_store(args.messages, anatomy=True, seed=args.seed, log=log)
        pristine = _common.copy_store(cached, work / "pristine.sqlite")
        texts = nlp_texts(pristine)
        rows = measure(pristine, work, texts, args.model, args)
    text = render(rows, texts, args.messages, args, run, log)
    print(text)
    _common.write_results(_common.results_path(args.results, args.quick), "nlp", text, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
