"""The benchmarks: the corpus generator's bytes and counts, and every script's quick mode.

No timing here: the benchmarks themselves (``make bench``) measure speed.  The
smoke test runs each script with ``--quick`` (tiny sizes) into a temporary results
file and data folder, so the real ``benchmarks/RESULTS.md`` and cache are untouched.
"""

from __future__ import annotations

import gzip
import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from analyzer.pipeline import ingest_paths
from analyzer.store import Store

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
GENERATOR = BENCHMARKS / "generate_corpus.py"
MESSAGES = 300
# Seed 11 gives a 300-message corpus with every hazard the generator knows: records
# without Message-ID, unescaped "From " body lines (one shaped like a separator),
# re-appended debris records and two monthly volumes.
SEED = 11
SEPARATOR = re.compile(
    rb"^From \S+ at \S+  [A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}$"
)


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    """``benchmarks/generate_corpus.py`` loaded as a module (benchmarks is no package)."""
    spec = importlib.util.spec_from_file_location("generate_corpus", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("generate_corpus", module)
    spec.loader.exec_module(module)
    return module


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _records(volume: bytes) -> list[list[bytes]]:
    """Records of a ``.txt`` volume, told apart the way Mailman's cleanarch does.

    A separator must follow a blank line (or start the file) and be followed by a
    ``From:`` header line: written here independently of ``analyzer.ingest.mbox``.
    """
    lines = volume.split(b"\n")
    records: list[list[bytes]] = []
    for i, line in enumerate(lines):
        starts = (i == 0 or lines[i - 1] == b"") and SEPARATOR.match(line) is not None
        if starts and i + 1 < len(lines) and lines[i + 1].startswith(b"From: "):
            records.append([])
        elif records:
            records[-1].append(line)
    return records


def _unique_messages(folder: Path) -> tuple[int, int]:
    """(records, unique messages): distinct Message-IDs plus distinct id-less records."""
    ids: set[bytes] = set()
    idless: set[bytes] = set()
    count = 0
    for volume in sorted(folder.glob("*.txt")):
        for record in _records(volume.read_bytes()):
            count += 1
            headers = record[: record.index(b"")]
            found = [h for h in headers if h.startswith(b"Message-ID: ")]
            if found:
                ids.add(found[0])
            else:
                idless.add(b"\n".join(record))
    return count, len(ids) + len(idless)


def test_same_seed_gives_identical_bytes(generator: ModuleType, tmp_path: Path) -> None:
    first = generator.generate(tmp_path / "a", MESSAGES, SEED)
    second = generator.generate(tmp_path / "b", MESSAGES, SEED)
    other = generator.generate(tmp_path / "c", MESSAGES, SEED + 1)
    assert first == second
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")
    assert other["expected_unique"] == MESSAGES


def test_volumes_toc_and_manifest_agree(generator: ModuleType, tmp_path: Path) -> None:
    manifest = generator.generate(tmp_path, MESSAGES, SEED)
    folder = tmp_path / manifest["list"]
    toc = (folder / "index.html").read_text("utf-8")
    for volume in manifest["volumes"]:
        period = volume["period"]
        txt = (folder / f"{period}.txt").read_bytes()
        assert gzip.decompress((folder / f"{period}.txt.gz").read_bytes()) == txt
        assert f'href="{period}/thread.html"' in toc and f'href="{period}.txt.gz"' in toc
    hazards = ("without_message_id", "from_body_lines", "separator_like_body_lines",
               "debris_duplicates")
    assert all(manifest[h] > 0 for h in hazards), "pick a seed that covers every hazard"
    assert (manifest["records"], manifest["expected_unique"]) == _unique_messages(folder)


def test_ingest_stores_every_unique_message(generator: ModuleType, tmp_path: Path) -> None:
    manifest = generator.generate(tmp_path / "corpus", MESSAGES, SEED)
    folder = tmp_path / "corpus" / manifest["list"]
    records, unique = _unique_messages(folder)
    with Store(tmp_path / "store.sqlite") as store:
        report = ingest_paths(store, [folder])
        counts = store.counts()
    assert unique == manifest["expected_unique"] == MESSAGES
    assert report.messages_seen == records == manifest["records"]
    assert counts["messages"] == unique
    assert report.stats.duplicates == manifest["debris_duplicates"]
    assert (counts["quarantine"], counts["conflicts"]) == (0, 0)


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_results_file_keeps_other_scripts_sections(tmp_path: Path) -> None:
    common = _load("_common")
    path = tmp_path / "RESULTS.md"
    path.write_text("# Old title\n\n## Machine\n\nold machine\n\n## Digest\n\nold digest\n\n"
                    "## Corpora\n\nlegacy ingest section\n\n## Notes by hand\n\n```\n"
                    "## not a heading\n```\n", "utf-8")
    run = common.Run("bench_nlp.py", ["--quick"], quick=True, revision="abc1234")
    common.write_results(path, "nlp", "## NLP\n\nnew nlp\n", run)
    text = path.read_text("utf-8")
    titles = [line for line in text.splitlines() if line.startswith(("# ", "## "))]
    assert titles == ["# Benchmark results", "## Machine", "## Corpora", "## NLP", "## Digest",
                      "## Notes by hand", "## not a heading"]  # the last one is in a fence
    assert "old machine" not in text and "old digest" in text and "new nlp" in text
    common.write_results(path, "ingest", "## Ingest: corpora\n\nnew ingest\n", run)
    text = path.read_text("utf-8")
    assert "legacy ingest section" not in text and "new ingest" in text
    assert text.count("## Machine") == 1 and "at commit abc1234" in text


def test_every_script_runs_in_quick_mode(tmp_path: Path) -> None:
    """Ingest, anatomy, NLP and digest, into one results file (about 20 s in all)."""
    results = tmp_path / "RESULTS.md"
    env = {**os.environ, "BENCH_DATA": str(tmp_path / "data")}
    nlp = ["--one"] + ([] if importlib.util.find_spec("distributed") else ["--no-dask"])
    runs = {
        "bench_ingest.py": ["--no-twisted", "--no-perceval"],
        "bench_anatomy.py": [],
        "bench_nlp.py": nlp,
        "bench_digest.py": [],
    }
    for script, options in runs.items():
        done = subprocess.run([sys.executable, str(BENCHMARKS / script), "--quick",
                               "--results", str(results), *options], env=env,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.returncode == 0, f"{script}:\n{done.stderr[-3000:]}"
    text = results.read_text("utf-8")
    titles = [line for line in text.splitlines() if line.startswith("## ")]
    assert titles[0] == "## Machine" and text.count("## Machine") == 1
    for heading in ("## Ingest: ours against bare stdlib", "## Ingest: scale from 300 to 1200",
                    "## Ingest: where the time goes", "## Ingest: new mail into a large store",
                    "## Anatomy", "## NLP", "## Digest"):
        assert any(t.startswith(heading) for t in titles), heading
    breakdown = text.split("## Ingest: where the time goes")[1].split("\n## ")[0]
    assert "thread_list" in breakdown and "| update_anatomy |" not in breakdown
    new_mail = text.split("## Ingest: new mail into a large store")[1].split("\n## ")[0]
    assert "| 2: new mail + its groups |" in new_mail and "changed 0 links" in new_mail
    assert "ours: ingest, parse pool (workers=0 → " in text
    assert ("Dask LocalCluster" in text) == ("--no-dask" not in nlp)
    assert not list((tmp_path / "data").glob("*work-*")), "scratch folders left behind"
