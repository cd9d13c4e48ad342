"""Fuzzing: no exception escapes ingest or anatomy; every record is stored or quarantined.

Hypothesis generates hostile bytes and text; mutations of the real archives in
../shared/corpora (truncation, byte flips, spliced From_ lines, NUL bytes, huge
headers, deep MIME nesting) stand in for decades of broken mail clients.  Example
counts are bounded so the suite stays fast.
"""

from __future__ import annotations

import gzip
import io
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.anatomy import analyze_body
from analyzer.ingest import headers as hdr
from analyzer.ingest.mbox import iter_records
from analyzer.ingest.message import parse_record
from analyzer.ingest.sources import iter_unit, plan_units
from analyzer.models import Quarantined
from analyzer.pipeline import ingest_paths
from analyzer.store import Store

FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SEPARATOR = b"From a at example.org  Mon Oct  6 14:05:31 2025\n"


def records_or_quarantine(data: bytes):
    """Split and parse like ingest does; MalformedMessage is the only allowed outcome."""
    from analyzer.errors import MalformedMessage

    out = []
    for record in iter_records(io.BytesIO(data)):
        try:
            out.append(parse_record(record.raw, envelope=record.envelope))
        except MalformedMessage:
            out.append(None)
    return out


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes_never_raise(data):
    records_or_quarantine(data)


@FUZZ
@given(st.lists(st.binary(max_size=400), max_size=6))
def test_records_behind_separators_never_raise(bodies):
    records_or_quarantine(b"".join(SEPARATOR + b + b"\n\n" for b in bodies))


@FUZZ
@given(st.text(max_size=3000), st.text(max_size=200))
def test_anatomy_of_any_text_never_raises_and_labels_every_line(body, subject):
    anatomy = analyze_body(body, subject)
    covered = sorted(i for p in anatomy.parts for i in range(p.start, p.end))
    assert covered == list(range(len(body.replace("\r\n", "\n").split("\n"))))


@FUZZ
@given(st.text(max_size=300))
def test_header_functions_accept_anything(value):
    hdr.parse_address(value)
    hdr.parse_date(value)
    hdr.normalize_subject(value)
    hdr.clean_message_id(value)
    hdr.parse_id_list(value)


def mutations(data: bytes, seed: int) -> list[bytes]:
    """Deterministic damage of a real archive, one kind per entry."""
    rng = random.Random(seed)
    flipped = bytearray(data)
    for _ in range(200):
        flipped[rng.randrange(len(flipped))] = rng.randrange(256)
    cut = rng.randrange(len(data))
    nested = (b"From: a@x.org\nContent-Type: multipart/mixed; boundary=b0\n\n"
              + b"".join(f"--b{i}\nContent-Type: multipart/mixed; boundary=b{i + 1}\n\n"
                         .encode() for i in range(200)) + b"text\n")
    return [
        data[:cut],                                            # truncation
        bytes(flipped),                                        # byte flips
        data[:cut] + b"\n" + SEPARATOR + data[cut:],           # spliced From_ line
        data.replace(b"\n", b"\n\x00", 50),                    # NUL bytes
        SEPARATOR + b"Subject: " + b"x" * 1_000_000 + b"\n\nbody\n",  # 1 MB header
        SEPARATOR + nested,                                    # deep MIME nesting
        data.decode("utf-8", "replace").encode("utf-16"),      # wrong charset entirely
    ]


def test_mutated_real_archives_are_stored_or_quarantined(shared_dir, tmp_path):
    volumes = [
        shared_dir / "corpora/other/twisted-pipermail/twisted-python/2016-April.txt.gz",
        shared_dir / "corpora/perceval/mbox/mbox_iso8859_encoding.mbox",
        shared_dir / "corpora/other/ietf-tools-mailarchive/mailbox_mmdf",
    ]
    for number, volume in enumerate(volumes):
        raw = volume.read_bytes()
        data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        for kind, damaged in enumerate(mutations(data, seed=number)):
            path = tmp_path / f"m{number}-{kind}.mbox"
            path.write_bytes(damaged)
            items = list(iter_unit(plan_units(path, "fuzz")[0]))
            bad = {(q.source, q.position, q.reason) for q in items if isinstance(q, Quarantined)}
            with Store(tmp_path / f"s{number}-{kind}.sqlite") as store:
                report = ingest_paths(store, [path], list_name="fuzz")
                counts = store.counts()
            stats = report.stats
            # every message read is stored, a duplicate or a recorded conflict ...
            assert report.messages_seen == stats.inserted + stats.duplicates + stats.conflicts
            assert counts["messages"] == stats.inserted
            # ... and everything else is in quarantine with its reason
            assert counts["quarantine"] == len(bad)
            assert counts["messages"] + counts["quarantine"] >= 1
