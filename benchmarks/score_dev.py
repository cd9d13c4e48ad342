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


def build_exports(work: Path, sources: list[Path]) -> Path:
    """Ingest ``sources`` into a new store and export the tables the scorer reads."""
    store = work / "score.sqlite"
    exports = work / "exports"
    run = [sys.executable, "-m", "analyzer", "-q", "--store", str(store)]
    subprocess.run([*run, "ingest", *map(str, sources)], check=True)
    for table in ("messages",):
        subprocess.run([*run, "export", table, "-o", str(exports / f"{table}.csv")], check=True)
    return exports


def score(gold: Path, exports: Path) -> dict:
    """Run the reference scorer; return its JSON figures."""
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold),
                          str(exports)], check=True, capture_output=True, text=True).stdout
    return json.loads(out[: out.rindex("}") + 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    dev = args.shared / "eval" / "dev"
    seed = args.shared / "corpora" / "seed" / "000_8ff253662de7de04.txt"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        exports = build_exports(work, [dev / "mirror" / "chapter-leaders", seed])
        seed_gold = work / "seed-gold.jsonl"
        seed_gold.write_text(json.dumps(json.loads((dev / "seed-gold.json").read_text()))
                             + "\n", encoding="utf-8")
        results = {"dev": score(dev / "gold.jsonl", exports), "seed": score(seed_gold, exports)}
    print(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
