"""The bundled fictional sample (corpora/sample) is reproducible and well formed."""

from __future__ import annotations

import gzip
import json
import mailbox
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "generate_sample.py"
SAMPLE = ROOT / "corpora" / "sample"
REGENERATE = ".venv/bin/python tools/generate_sample.py"


def generate(out: Path) -> Path:
    """Run the generator into out and return it."""
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True)
    return out


def tree(root: Path, unzip: bool = False) -> dict[str, bytes]:
    """Relative path -> bytes of every file below root (.gz optionally decompressed)."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if unzip and path.suffix == ".gz":
                data = gzip.decompress(data)
            files[path.relative_to(root).as_posix()] = data
    return files


def differing(left: dict[str, bytes], right: dict[str, bytes]) -> list[str]:
    """Names of files missing on one side or with different content."""
    return sorted(k for k in left.keys() | right.keys() if left.get(k) != right.get(k))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def expected(generated: Path) -> dict:
    return json.loads((generated / "expected.json").read_text(encoding="utf-8"))


def test_generator_is_deterministic(generated: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again")
    assert differing(tree(generated), tree(again)) == []


def test_committed_sample_is_up_to_date(generated: Path) -> None:
    # .gz files are compared by content: another zlib build may compress differently.
    diff = differing(tree(generated, unzip=True), tree(SAMPLE, unzip=True))
    assert diff == [], f"corpora/sample is stale, run `{REGENERATE}`: {diff[:10]}"


def test_txt_volumes_parse_as_mbox(generated: Path, expected: dict) -> None:
    mirror = generated / "chapter-leaders"
    total = 0
    for period, info in expected["periods"].items():
        txt = mirror / f"{period}.txt"
        assert gzip.decompress((mirror / f"{period}.txt.gz").read_bytes()) == txt.read_bytes()
        messages = list(mailbox.mbox(str(txt), create=False))
        assert len(messages) == info["messages"]
        gold = [m for m in expected["messages"] if m["period"] == period]
        assert [m["Message-ID"] for m in messages] == [g["message_id"] for g in gold]
        for message in messages:
            assert message.get_payload(decode=True).decode("utf-8")
        total += len(messages)
    assert total == expected["message_count"] == len(expected["messages"])
    assert len(expected["periods"]) == 3


def test_expected_facts_are_consistent(generated: Path, expected: dict) -> None:
    ids = {m["message_id"] for m in expected["messages"]} - {None}
    roots = {m["thread_root"] for m in expected["messages"]}
    assert roots <= ids
    assert len(roots) == expected["thread_count"]
    assert len(expected["digest_replies"]) == 2
    assert len(expected["subject_only_replies"]) == 2
    assert len(expected["messages_without_message_id"]) == 1
    for reply in expected["digest_replies"] + expected["subject_only_replies"]:
        assert reply["thread_root"] in ids and reply["thread_root"] != reply["message_id"]
    mirror = generated / "chapter-leaders"
    assert (mirror / "index.html").is_file()
    for period in expected["periods"]:
        folder = mirror / period
        assert not (folder / "index.html").is_symlink()
        assert (folder / "index.html").read_bytes() == (folder / "thread.html").read_bytes()
    for message in expected["messages"]:
        page = (mirror / message["file"]).read_text(encoding="utf-8")
        assert "<!--beginarticle-->" in page and "<!--endarticle-->" in page
