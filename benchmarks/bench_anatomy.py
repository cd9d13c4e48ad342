#!/usr/bin/env python3
"""Anatomy benchmark: ``update_anatomy`` against a naive quote stripper on the same bodies.

On a store ingested from the generated corpus (cached under ``benchmarks/.data``;
anatomy not yet run), measured in the same run on the same bodies:

* **baseline**: read every body from the store, split it into lines and drop the
  lines that start with ``>`` (what a naive quote stripper does);
* **ours**: ``analyzer.pipeline.update_anatomy`` (read, analyse: new text, quotes and
  their attributions, forwards, signature, list footers and artefacts; link each
  quote to the message it quotes; save);

and the same pair on bodies already in memory (``analyze_body`` against the naive
split), which leaves out SQLite.  It also counts the share of body words anatomy
keeps out of NLP (what NLP reads: new text, forwarded messages, signatures).

``python benchmarks/bench_anatomy.py [--messages 100000] [--quick]``
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _common  # noqa: E402
from _common import Meter  # noqa: E402

DEFAULT_MESSAGES = 100_000
QUICK_MESSAGES = 300
_WORD = re.compile(r"\w+")


def words(text: str) -> int:
    return len(_WORD.findall(text))


def naive_new_text(body: str) -> str:
    """The baseline: every line that does not start with ``>``."""
    return "\n".join(line for line in body.split("\n") if not line.startswith(">"))


def baseline_from_store(store) -> dict:
    """Read all bodies from the store (keyset batches, as anatomy does) and strip quotes."""
    meter = Meter().start()
    messages = kept = 0
    last = 0
    while True:
        rows = store.db.execute("SELECT id, body FROM messages WHERE id > ? ORDER BY id "
                                "LIMIT 500", (last,)).fetchall()
        if not rows:
            break
        for row in rows:
            kept += len(naive_new_text(row["body"]))
            messages += 1
        last = rows[-1]["id"]
    return {"messages": messages, "kept_chars": kept, **meter.stop()}


def baseline_in_memory(bodies: list[tuple[str, str]]) -> dict:
    meter = Meter().start()
    kept = sum(len(naive_new_text(body)) for body, _ in bodies)
    return {"messages": len(bodies), "kept_chars": kept, **meter.stop()}


def ours_in_memory(bodies: list[tuple[str, str]]) -> dict:
    from analyzer.anatomy import analyze_body

    meter = Meter().start()
    kept = sum(len(analyze_body(body, subject).new_text) for body, subject in bodies)
    return {"messages": len(bodies), "kept_chars": kept, **meter.stop()}


def ours_update_anatomy(store) -> dict:
    from analyzer.pipeline import update_anatomy

    meter = Meter().start()
    done = update_anatomy(store)
    return {"messages": done, **meter.stop()}


def word_shares(store) -> dict:
    """Body words; words NLP reads after anatomy; words the naive stripper keeps."""
    body = naive = 0
    for (text,) in store.db.execute("SELECT body FROM messages"):
        body += words(text)
        naive += words(naive_new_text(text))
    analysed = sum(words(new) + (words(sig) if sig else 0) for new, sig in store.db.execute(
        "SELECT new_text, signature FROM anatomy"))
    analysed += sum(words(text) for (text,) in store.db.execute("SELECT text FROM forwarded"))
    linked = total = 0
    for (parts,) in store.db.execute("SELECT parts FROM anatomy"):
        for kind, _start, _end, quoted_id in _parts(parts):
            if kind == "quote":
                total += 1
                linked += bool(quoted_id)
    return {"body": body, "analysed": analysed, "naive": naive, "quotes": total,
            "linked": linked}


def _parts(text: str) -> list[list]:
    """The stored ``[kind, start, end, quoted_id]`` parts of one message."""
    import json

    try:
        parts = json.loads(text)
    except ValueError:
        return []
    return [p for p in parts if isinstance(p, list) and len(p) == 4]


def measure(store_path: Path, repeat: int) -> tuple[dict, dict, dict]:
    """Both pairs, each baseline next to its own run; the fastest of ``repeat`` runs."""
    from analyzer.store import Store

    with Store(store_path) as store:
        bodies = [(r["body"], r["subject"]) for r in store.db.execute(
            "SELECT body, subject FROM messages ORDER BY id")]
    megabytes = sum(len(body.encode("utf-8")) for body, _ in bodies) / 1e6
    pairs: dict[str, list[dict]] = {k: [] for k in ("base_store", "ours_store", "base_mem",
                                                     "ours_mem")}
    for _ in range(max(1, repeat)):
        work = _common.copy_store(store_path, store_path.with_name("anatomy-run.sqlite"))
        with Store(work) as store:
            pairs["base_store"].append(baseline_from_store(store))
            pairs["ours_store"].append(ours_update_anatomy(store))
        pairs["base_mem"].append(baseline_in_memory(bodies))
        pairs["ours_mem"].append(ours_in_memory(bodies))
    best = {k: min(runs, key=lambda r: r["seconds"]) for k, runs in pairs.items()}
    with Store(work) as store:
        shares = word_shares(store)
    return best, shares, {"megabytes": megabytes, "messages": len(bodies)}


def render(best: dict, shares: dict, size: dict, args: argparse.Namespace,
           run: _common.Run, log: list[str]) -> str:
    mb, count = size["megabytes"], size["messages"]
    rows = ["| what | messages | body MB | wall s | CPU s | msg/s (CPU) | MB/s (CPU) | "
            "msg/s (wall) | ÷ baseline (CPU) | ÷ baseline (wall) |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    labels = {
        "base_store": "baseline: naive `>` stripper, bodies read from the store",
        "ours_store": "ours: `update_anatomy` (read, analyse, link quotes, save)",
        "base_mem": "baseline: naive `>` stripper, bodies in memory",
        "ours_mem": "ours: `analyze_body` only, bodies in memory",
    }
    for key, baseline in (("base_store", None), ("ours_store", "base_store"),
                          ("base_mem", None), ("ours_mem", "base_mem")):
        r = best[key]
        ratio = ("-", "-")
        if baseline:
            b = best[baseline]
            ratio = (f"{b['cpu_seconds'] / r['cpu_seconds']:.3f}",
                     f"{b['seconds'] / r['seconds']:.3f}")
        rows.append(f"| {labels[key]} | {r['messages']:,} | {mb:,.1f} | {r['seconds']:.2f} | "
                    f"{r['cpu_seconds']:.2f} | {_common.rate(r['messages'], r['cpu_seconds'])} | "
                    f"{mb / r['cpu_seconds']:.1f} | {_common.rate(r['messages'], r['seconds'])} "
                    f"| {ratio[0]} | {ratio[1]} |")
    body, analysed, naive = shares["body"], shares["analysed"], shares["naive"]
    out = body - analysed
    lines = [
        "## Anatomy", "", run.stamp(), "",
        f"A store of {count:,} generated messages ({mb:,.1f} MB of bodies) ingested without "
        "anatomy; each baseline measured next to the run it is compared with, on the same "
        f"bodies; fastest of {max(1, args.repeat)} run(s). *÷ baseline* is our rate divided "
        "by the baseline's (so 0.05 means 20× slower).", "",
        *rows, "",
        f"**Kept out of NLP:** anatomy keeps {out:,} of {body:,} body words "
        f"({out / max(1, body):.0%}) out of NLP: quotes, attributions, list footers, "
        f"scrubbed-attachment notices; NLP reads {analysed:,} words (new text, forwarded "
        f"messages, signatures). The naive stripper would keep {naive:,} words "
        f"({(body - naive) / max(1, body):.0%} dropped): attribution lines, footers and "
        "notices stay in.", "",
        f"**Quote links:** {shares['linked']:,} of {shares['quotes']:,} quoted parts were "
        "linked to the stored message they quote.", "",
    ]
    return _common.finish_notes(lines, log, args.quick)


def main(argv: list[str] | None = None) -> int:
    parser = _common.stage_parser(__doc__, DEFAULT_MESSAGES,
                                  f"{QUICK_MESSAGES} messages (smoke test)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each pair (fastest kept)")
    args = parser.parse_args(argv)
    if args.quick:
        args.messages = QUICK_MESSAGES
    with _common.bench_run("bench_anatomy.py", argv, args.quick) as (run, work, log):
        cached = _common.cached_store(args.messages, anatomy=False, seed=args.seed, log=log)
        store = _common.copy_store(cached, work / "ingested.sqlite")
        best, shares, size = measure(store, args.repeat)
    text = render(best, shares, size, args, run, log)
    print(text)
    _common.write_results(_common.results_path(args.results, args.quick), "anatomy", text, run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
