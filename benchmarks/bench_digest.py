#!/usr/bin/env python3
"""Digest benchmark: one week's digest on a 100k-message store, against the bare SQL fetch.

On a store of the generated corpus with ingest and anatomy done (built once and
cached under ``benchmarks/.data``; NLP excluded: a 100k-message NLP run takes hours),
for several weeks spread over the archive it times, each the fastest of
``--repeat`` runs:

* **baseline**: the bare SQL fetch of that week's messages and their anatomy rows
  (one indexed query, rows fetched, nothing computed);
* ``build_digest``: the digest model (figures, threads with LexRank summaries,
  participants, weekly counts, officials, passages, events);
* ``write_digest``: rendering every format (md, html, txt, json, ics) and the charts.

The figures reported are the median over the weeks, each as a multiple of the
baseline measured for the same week in the same run.

``python benchmarks/bench_digest.py [--messages 100000] [--weeks 5] [--quick]``
"""

from __future__ import annotations

import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common  # noqa: E402
from _common import median  # noqa: E402

DEFAULT_MESSAGES = 100_000
QUICK_MESSAGES = 300
TARGET_SECONDS = 1.0


def timed(func, repeat: int) -> tuple[float, float, object]:
    """(best wall s, CPU s of that run, result) of ``repeat`` calls."""
    best = None
    for _ in range(max(1, repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        result = func()
        run = (time.perf_counter() - wall, time.process_time() - cpu, result)
        if best is None or run[0] < best[0]:
            best = run
    return best


def bare_fetch(store, list_name: str, start: str, end: str) -> list:
    """The baseline: the week's messages and their anatomy rows, nothing else."""
    return store.db.execute(
        "SELECT m.*, a.* FROM messages m LEFT JOIN anatomy a ON a.message_rowid = m.id"
        " WHERE m.list = ? AND m.date >= ? AND m.date < ? ORDER BY m.date, m.id",
        (list_name, start, end)).fetchall()


def spread_weeks(store, list_name: str, count: int) -> list[str]:
    """``count`` complete ISO weeks evenly spread from the archive's start to its end.

    The last one is the last complete week (the usual ``--week last`` case, with the
    whole archive before it).
    """
    first, last = store.db.execute("SELECT min(date), max(date) FROM messages WHERE list = ?",
                                   (list_name,)).fetchone()
    start = date.fromisoformat(first[:10])
    end = date.fromisoformat(last[:10])
    monday = start + timedelta(days=7 - start.weekday())  # first complete week
    final = end - timedelta(days=end.weekday() + 7)  # last complete week
    weeks = max(0, (final - monday).days // 7)
    picks = sorted({round(i * weeks / max(1, count - 1)) for i in range(count)})
    labels = []
    for offset in picks:
        year, number, _ = (monday + timedelta(weeks=offset)).isocalendar()
        labels.append(f"{year}-W{number:02d}")
    return labels


def measure(store_path: Path, weeks: int, repeat: int, out: Path) -> tuple[list[dict], dict]:
    from analyzer.analysis import resolve_period
    from analyzer.report.digest import build_digest
    from analyzer.report.render import write_digest
    from analyzer.store import Store

    rows = []
    with Store(store_path) as store:
        list_name = store.lists()[0]
        info = {"list": list_name, "messages": store.counts()["messages"]}
        labels = spread_weeks(store, list_name, weeks)
        warm = resolve_period(labels[-1], None, None, "UTC", date.today())
        write_digest(build_digest(store, list_name, warm), out / "warm-up")  # imports, templates
        for label in labels:
            period = resolve_period(label, None, None, "UTC", date.today())
            start, end = period.utc_bounds()
            fetch = timed(lambda s=start, e=end: bare_fetch(store, list_name, s, e), repeat)
            build = timed(lambda p=period: build_digest(store, list_name, p), repeat)
            digest = build[2]
            render = timed(lambda d=digest, w=label: write_digest(d, out / w), repeat)
            rows.append({"week": label, "messages": len(fetch[2]),
                         "threads": digest.figures["threads"].value,
                         "fetch": fetch[:2], "build": build[:2], "render": render[:2],
                         "files": len(render[2])})
            print(f"  {label}: {len(fetch[2])} messages, fetch {fetch[0] * 1000:.1f} ms, "
                  f"build {build[0] * 1000:.0f} ms, render {render[0] * 1000:.0f} ms",
                  file=sys.stderr, flush=True)
    return rows, info


def _row(label: str, messages: str, threads: str, seconds: dict, ratios: dict) -> str:
    """One table row; the median row takes the median of each column (ratios too)."""
    return (f"| {label} | {messages} | {threads} | {seconds['fetch'] * 1000:.1f} | "
            f"{seconds['build'] * 1000:.0f} | {ratios['build']:,.0f}× | "
            f"{seconds['render'] * 1000:.0f} | {ratios['render']:,.0f}× | "
            f"{seconds['total'] * 1000:.0f} | {ratios['total']:,.0f}× |")


def render_section(rows: list[dict], info: dict, args, run: _common.Run, log: list[str]) -> str:
    table = ["| week | messages | threads | bare fetch ms | build_digest ms | ÷ fetch | "
             "render all formats ms | ÷ fetch | build + render ms | ÷ fetch |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]

    for r in rows:
        r["total"] = (r["build"][0] + r["render"][0], 0.0)
        table.append(_row(r["week"], f"{r['messages']:,}", f"{r['threads']:,}",
                          {k: r[k][0] for k in ("fetch", "build", "render", "total")},
                          {k: r[k][0] / r["fetch"][0] for k in ("build", "render", "total")}))
    med = {k: median([r[k][0] for r in rows]) for k in ("fetch", "build", "render", "total")}
    ratios = {k: median([r[k][0] / r["fetch"][0] for r in rows])
              for k in ("build", "render", "total")}
    table.append(_row("**median**", f"{median([r['messages'] for r in rows]):,.0f}",
                      f"{median([r['threads'] for r in rows]):,.0f}", med, ratios))
    met = "met" if med["build"] <= TARGET_SECONDS else "**not met**"
    lines = [
        "## Digest", "", run.stamp(), "",
        f"A store of {info['messages']:,} generated messages (list `{info['list']}`) with "
        f"ingest and anatomy done, NLP excluded; {len(rows)} complete weeks spread from the "
        "start of the archive to its last complete week; each figure the fastest of "
        f"{max(1, args.repeat)} run(s), in wall time; *÷ fetch* is the time as a multiple of "
        "the same week's bare fetch, measured in the same run; the median row is the median of "
        "each column.", "",
        *table, "",
        f"Median over the weeks: `build_digest` {med['build'] * 1000:.0f} ms "
        f"({ratios['build']:,.0f}× the bare fetch), rendering every format and the charts "
        f"{med['render'] * 1000:.0f} ms ({ratios['render']:,.0f}×). Target: one week's digest "
        f"built in ≤ {TARGET_SECONDS:.0f} s without NLP — {met}.", "",
        "- **bare fetch**: one query for the week's messages joined with their anatomy rows "
        "(`messages (list, date)` index), all rows fetched; nothing else.",
        "- **build_digest**: everything the digest shows: activity figures against the "
        "previous week, active threads with LexRank summaries, participants and first-time "
        "writers, 12 weekly counts, officials, passages, events (empty here: no NLP).",
        "- **render**: `write_digest` of md, html, txt, json (and ics when there are events) "
        "with the PNG charts, into a temporary folder. A warm-up build and render (imports, "
        "templates) ran first and is not counted.",
    ]
    return _common.finish_notes(lines, log, args.quick)


def main(argv: list[str] | None = None) -> int:
    parser = _common.stage_parser(__doc__, DEFAULT_MESSAGES,
                                  f"{QUICK_MESSAGES} messages, 2 weeks, 1 run (smoke test)")
    parser.add_argument("--weeks", type=int, default=5, help="weeks measured (median shown)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per week (fastest kept)")
    args = parser.parse_args(argv)
    if args.quick:
        args.messages, args.weeks, args.repeat = QUICK_MESSAGES, 2, 1
    with _common.bench_run("bench_digest.py", argv, args.quick) as (run, work, log):
        cached = _common.cached_store(args.messages, anatomy=True, seed=args.seed, log=log)
        store = _common.copy_store(cached, work / "digest.sqlite")
        rows, info = measure(store, args.weeks, args.repeat, work / "out")
    text = render_section(rows, info, args, run, log)
    print(text)
    _common.write_results(_common.results_path(args.results, args.quick), "digest", text, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
