"""NLP benchmark: ``analyze`` against bare ``nlp.pipe`` on the same texts, one script.

For the same texts (the new and forwarded text of a generated archive) and the
same pipeline (model plus our components), it measures words per second of

* bare ``nlp.pipe`` over the texts held in memory (the baseline), and
* our ``update_nlp`` (texts streamed from the store, contexts, results written),

on 1 and 2 processes, and reports the ratio.  It also counts the words anatomy
keeps out of NLP (quoted text, signatures, artefacts) on the same archive.

``python benchmarks/bench_nlp.py [--messages 2000] [--quick]``
"""

from __future__ import annotations

import argparse
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / ".data"
sys.path.insert(0, str(ROOT))

from analyzer.pipeline import ingest_paths, update_nlp  # noqa: E402
from analyzer.store import Store  # noqa: E402

_WORD = re.compile(r"\w+")


def corpus(messages: int) -> Path:
    """A generated Pipermail mirror of ``messages`` messages (reused when present)."""
    out = DATA / f"corpus-{messages}-seed1"
    if not (out / "manifest.json").exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate_corpus.py"),
                        "--messages", str(messages), "--out", str(out)], check=True)
    return next(p for p in out.iterdir() if p.is_dir())


def words(text: str) -> int:
    return len(_WORD.findall(text))


def texts_of(store: Store) -> tuple[list[str], int]:
    """New and forwarded texts of every message, and the words of the whole bodies."""
    rows = store.query(
        "SELECT a.new_text, a.signature, m.body, m.id FROM anatomy a"
        " JOIN messages m ON m.id = a.message_rowid ORDER BY m.id").fetchall()
    forwarded = store.query("SELECT text FROM forwarded").fetchall()
    texts = [r[0] for r in rows if r[0].strip()] + [r[0] for r in forwarded if r[0].strip()]
    texts += [r[1] for r in rows if r[1]]
    return texts, sum(words(r[2]) for r in rows)


def bare_pipe(nlp, texts: list[str], n_process: int) -> float:
    """Seconds for plain ``nlp.pipe`` over in-memory texts."""
    start = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=n_process, batch_size=32):
        pass
    return time.perf_counter() - start


def ours(store_path: Path, nlp, n_process: int) -> float:
    """Seconds for ``update_nlp`` on a store whose NLP results were just cleared."""
    with Store(store_path) as store:
        store.db.execute("DELETE FROM nlp_runs")
        start = time.perf_counter()
        update_nlp(store, nlp=nlp, workers=n_process)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="300 messages, 1 process")
    args = parser.parse_args()
    messages = 300 if args.quick else args.messages
    from analyzer.nlp import build_pipeline

    nlp = build_pipeline()
    list(nlp.pipe(["Warm-up: we met the Minister on 3 November."] * 20))  # load lazily built tables
    with tempfile.TemporaryDirectory() as tmp:
        store_path = Path(tmp) / "bench.sqlite"
        with Store(store_path) as store:
            ingest_paths(store, [corpus(messages)])
            texts, body_words = texts_of(store)
        analysed_words = sum(words(t) for t in texts)
        rows = []
        for n_process in (1,) if args.quick else (1, 2):
            mine = ours(store_path, nlp, n_process)
            bare = bare_pipe(nlp, texts, n_process)
            rows.append((n_process, analysed_words / bare, analysed_words / mine, bare / mine))
    print(report(messages, body_words, analysed_words, rows))


def report(messages: int, body_words: int, analysed_words: int, rows: list) -> str:
    """A Markdown section for benchmarks/RESULTS.md."""
    import spacy

    lines = [
        f"### NLP ({messages} generated messages; spaCy {spacy.__version__}, "
        f"Python {platform.python_version()})",
        "",
        f"Anatomy keeps {body_words - analysed_words:,} of {body_words:,} body words "
        f"({(body_words - analysed_words) / body_words:.0%}) out of NLP: quotes, "
        f"attributions, artefacts; {analysed_words:,} words are analysed.",
        "",
        "| processes | bare nlp.pipe words/s | analyze words/s | analyze / bare |",
        "|---|---|---|---|",
    ]
    for n_process, bare, mine, ratio in rows:
        lines.append(f"| {n_process} | {bare:,.0f} | {mine:,.0f} | {ratio:.2f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
