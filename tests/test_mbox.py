"""Record splitting: separators must look like separators, follow a blank line and
be followed by a header, because Pipermail never escapes body lines."""

from __future__ import annotations

import io

from analyzer.ingest.mbox import iter_records

PIPERMAIL = b"""From alice at example.org  Mon Oct  6 14:05:31 2025
From: alice at example.org (Alice)
Date: Mon, 06 Oct 2025 10:05:31 -0400
Subject: [L] First
Message-ID: <one@example.org>

Hello.

From the minister's office we heard nothing.

From bob at example.org  Tue Oct  7 09:42:10 2025
From: bob at example.org (Bob)
Subject: [L] Second
Message-ID: <two@example.org>

Bye.
"""


def records(data: bytes):
    return list(iter_records(io.BytesIO(data)))


def test_pipermail_volume_splits_on_separators_with_two_spaces():
    found = records(PIPERMAIL)
    assert [r.envelope.split()[1] for r in found] == [b"alice", b"bob"]


def test_from_line_inside_body_is_not_a_new_message():
    first = records(PIPERMAIL)[0]
    assert b"From the minister's office" in first.raw


def test_separator_shaped_body_line_without_headers_after_it_stays_in_body():
    data = PIPERMAIL.replace(
        b"From the minister's office we heard nothing.",
        b"From carol at example.org  Wed Oct  8 10:00:00 2025\nnot a header line",
    )
    found = records(data)
    assert len(found) == 2
    assert b"not a header line" in found[0].raw


def test_non_ascii_bytes_in_from_line_do_not_break_splitting():
    data = b"From \xe9t\xe9@example.org Mon Oct  6 14:05:31 2025\nFrom: x@y.org\n\nbody\n"
    assert len(records(data)) == 1


def test_offsets_point_at_each_separator():
    found = records(PIPERMAIL)
    assert PIPERMAIL[found[1].offset:].startswith(b"From bob")


def test_mmdf_messages_are_split_on_ctrl_a_lines():
    data = (b"\x01\x01\x01\x01\nFrom: a@x.org\nSubject: one\n\nbody one\n\x01\x01\x01\x01\n"
            b"\x01\x01\x01\x01\nFrom: b@x.org\nSubject: two\n\nbody two\n\x01\x01\x01\x01\n")
    found = records(data)
    assert [b"one" in r.raw for r in found] == [True, False]
    assert len(found) == 2


def test_single_message_without_separator_is_one_record():
    assert len(records(b"From: a@x.org\nSubject: hi\n\nbody\n")) == 1


def test_leading_blank_line_before_first_separator_is_ignored():
    assert len(records(b"\n" + PIPERMAIL)) == 2


def test_legacy_rfc2822_separator_is_recognised():
    data = (b"From glyph@divunal.com Mon, 2 Aug 1999 18:55:09 -0400 (EDT)\n"
            b"Date: Mon, 2 Aug 1999 18:55:09 -0400 (EDT)\nFrom: Glyph glyph@divunal.com\n\nhi\n")
    assert len(records(data)) == 1
    assert records(data)[0].envelope.startswith(b"From glyph")


def test_missing_trailing_newline_on_last_record_is_kept():
    found = records(PIPERMAIL.rstrip(b"\n"))
    assert found[-1].raw.endswith(b"Bye.")
