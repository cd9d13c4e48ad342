"""Reproduce the dev-set scores with the reference scorer (``make score``).

Builds a fresh store from the dev list's Mailman mirror and the real seed page,
exports the CSVs of the export contract, and runs ``../shared/eval/score.py``
on them, for the dev gold and for the seed gold.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "corpora" / "sample"


def build_exports(work: Path, sources: list[Path]) -> Path:
    """Ingest ``sources`` into a new store and export the tables the scorer reads."""
    work.mkdir(parents=True, exist_ok=True)
    store = work / "score.sqlite"
    exports = work / "exports"
    run = [sys.executable, "-m", "analyzer", "-q", "--store", str(store)]
    subprocess.run([*run, "ingest", *map(str, sources)], check=True)
    subprocess.run([*run, "analyze"], check=True)
    for table in ("messages", "officials", "passages", "events"):
        subprocess.run([*run, "export", table, "-o", str(exports / f"{table}.csv")], check=True)
    return exports


def sample_gold(target: Path) -> Path:
    """The sample generator's labels in the dev gold's JSON Lines schema."""
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    with open(target, "w", encoding="utf-8") as out:
        for message in expected["messages"]:
            if message["message_id"]:
                out.write(json.dumps(message, ensure_ascii=False) + "\n")
    return target


def score(gold: Path, exports: Path) -> dict:
    """Run the reference scorer; return its JSON figures."""
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold),
                          str(exports)], check=True, capture_output=True, text=True).stdout
    return json.loads(out[: out.rindex("}") + 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--sample", action="store_true",
                        help="also score the bundled sample list against its generator's labels")
    args = parser.parse_args()
    dev = args.shared / "eval" / "dev"
    seed = args.shared / "corpora" / "seed" / "000_8ff253662de7de04.txt"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dev_exports = build_exports(work / "dev", [dev / "mirror" / "chapter-leaders"])
        seed_exports = build_exports(work / "seed", [seed])
        seed_gold = work / "seed-gold.jsonl"
        seed_gold.write_text(json.dumps(json.loads((dev / "seed-gold.json").read_text()))
                             + "\n", encoding="utf-8")
        results = {"dev": score(dev / "gold.jsonl", dev_exports),
                   "seed": score(seed_gold, seed_exports)}
        if args.sample:
            sample_exports = build_exports(work / "sample", [SAMPLE / "chapter-leaders"])
            results["sample"] = score(sample_gold(work / "sample-gold.jsonl"), sample_exports)
    print(json.dumps(results, indent=1, ensure_ascii=False))
    for name, figures in results.items():
        line = [f"{name}:"] + [f"{key}={value['f1']}" for key, value in figures.items()
                               if isinstance(value, dict) and "f1" in value]
        anatomy = figures["anatomy"]
        line += [f"new_text_exact={anatomy['new_text_exact']}",
                 f"new_text_f1={anatomy['new_text_token_f1']}"]
        print(" ".join(line))


if __name__ == "__main__":
    main()
