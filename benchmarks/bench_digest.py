"""Digest benchmark: one week's digest on a store of ≥ 30k messages, excluding NLP.

Builds (once, cached under benchmarks/.data) a store from the generated scale
corpus with ingest and anatomy, then times ``build_digest`` for a few busy weeks
(median of 5) and the rendering of all formats and charts for one of them.

``python benchmarks/bench_digest.py [--messages 30000]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_nlp import DATA, corpus  # noqa: E402

from analyzer.analysis import resolve_period  # noqa: E402
from analyzer.pipeline import ingest_paths, update_anatomy  # noqa: E402
from analyzer.report.digest import build_digest  # noqa: E402
from analyzer.store import Store  # noqa: E402


def store_of(messages: int) -> Path:
    """A store with ingest and anatomy done for the generated corpus (cached)."""
    path = DATA / f"digest-{messages}.sqlite"
    if not path.exists():
        with Store(path) as store:
            ingest_paths(store, [corpus(messages)])
            update_anatomy(store)
    return path


def busiest_weeks(store: Store, count: int = 3) -> list[str]:
    rows = store.query(
        "SELECT strftime('%Y', date) AS y, date FROM messages WHERE date IS NOT NULL").fetchall()
    weeks: dict[str, int] = {}
    for _, when in rows:
        year, week, _ = date.fromisoformat(when[:10]).isocalendar()
        label = f"{year}-W{week:02d}"
        weeks[label] = weeks.get(label, 0) + 1
    return sorted(weeks, key=weeks.get, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=30000)
    args = parser.parse_args()
    with Store(store_of(args.messages)) as store:
        name = store.lists()[0]
        total = store.counts()["messages"]
        lines = [f"### Digest ({total:,} messages in the store, NLP excluded)", "",
                 "| week | messages | build_digest median | min | max |", "|---|---|---|---|---|"]
        digest = None
        for week in busiest_weeks(store):
            period = resolve_period(week, None, None, "UTC", date.today())
            times = []
            for _ in range(5):
                start = time.perf_counter()
                digest = build_digest(store, name, period)
                times.append(time.perf_counter() - start)
            lines.append(f"| {week} | {digest.figures['messages'].value} | "
                         f"{1000 * statistics.median(times):.0f} ms | {1000 * min(times):.0f} ms"
                         f" | {1000 * max(times):.0f} ms |")
    from analyzer.report.render import write_digest

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        write_digest(digest, Path(tmp))
        rendering = time.perf_counter() - start
    lines += ["", f"Rendering every format and the charts of the last week: {rendering:.2f} s."]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
