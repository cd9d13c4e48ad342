"""Block-based mbox splitting: the line rules hold wherever the read blocks end.

``iter_records`` reads blocks of whole lines, so each test pins the records a
line-by-line reading gives (raw, envelope, offset, index) and checks that block
boundaries inside a separator, right after it or between the blank line and the
separator change nothing.
"""

from __future__ import annotations

import io

import pytest

from analyzer.ingest.mbox import BLOCK_SIZE, iter_records

SEP_A = b"From alice at example.org  Mon Oct  6 14:05:31 2025"
SEP_B = b"From bob at example.org  Tue Oct  7 09:42:10 2025"
BODY_A = b"From: alice\n\nHello.\n"
BODY_B = b"From: bob\n\nBye.\n"
TWO = SEP_A + b"\n" + BODY_A + b"\n" + SEP_B + b"\n" + BODY_B
OFFSET_B = len(SEP_A) + 1 + len(BODY_A) + 1  # 73: where SEP_B starts
EXPECTED_TWO = [(BODY_A, SEP_A, 0, 0), (BODY_B, SEP_B, OFFSET_B, 1)]


def split(data: bytes, block_size: int | None = None) -> list[tuple[bytes, bytes, int, int]]:
    stream = io.BytesIO(data)
    found = iter_records(stream) if block_size is None else iter_records(
        stream, block_size=block_size)
    return [(r.raw, r.envelope, r.offset, r.index) for r in found]


def test_two_records_split_with_offsets_and_the_blank_line_dropped():
    assert OFFSET_B == 73 and TWO[OFFSET_B:].startswith(SEP_B)
    assert split(TWO) == EXPECTED_TWO


def test_block_boundary_inside_a_separator():
    assert split(TWO, block_size=OFFSET_B + 10) == EXPECTED_TWO


def test_block_boundary_right_after_a_separator_line():
    # The separator ends the block: its header line only arrives with the next one.
    assert split(TWO, block_size=OFFSET_B + len(SEP_B) + 1) == EXPECTED_TWO


def test_block_boundary_between_the_blank_line_and_the_separator():
    assert split(TWO, block_size=OFFSET_B) == EXPECTED_TWO


def test_block_boundary_inside_the_header_line_after_a_separator():
    assert split(TWO, block_size=OFFSET_B + len(SEP_B) + 3) == EXPECTED_TWO


@pytest.mark.parametrize("block_size", range(1, len(TWO) + 2))
def test_every_block_size_gives_the_same_records(block_size):
    assert split(TWO, block_size) == EXPECTED_TWO


def test_whitespace_only_line_counts_as_blank():
    data = SEP_A + b"\nFrom: alice\n\nHello.\n \t\r\n" + SEP_B + b"\n" + BODY_B
    offset = len(SEP_A) + 1 + len(b"From: alice\n\nHello.\n \t\r\n")
    assert split(data) == [(b"From: alice\n\nHello.\n \t\r\n", SEP_A, 0, 0),
                           (BODY_B, SEP_B, offset, 1)]
    assert split(data, block_size=offset - 2) == split(data)


def test_candidate_after_a_non_blank_line_stays_in_body():
    data = SEP_A + b"\nFrom: alice\n\nHello.\n" + SEP_B + b"\n" + BODY_B
    assert split(data) == [(data[len(SEP_A) + 1:], SEP_A, 0, 0)]


def test_candidate_without_a_header_line_stays_in_body():
    data = SEP_A + b"\n" + BODY_A + b"\n" + SEP_B + b"\nnot a header\n"
    body = BODY_A + b"\n" + SEP_B + b"\nnot a header\n"
    assert split(data) == [(body, SEP_A, 0, 0)]
    assert split(data, block_size=OFFSET_B + len(SEP_B) + 1) == [(body, SEP_A, 0, 0)]


def test_body_line_merely_starting_with_from_stays_in_body():
    data = SEP_A + b"\nFrom: alice\n\nFrom the minister's office.\nSubject: no\n"
    assert split(data) == [(data[len(SEP_A) + 1:], SEP_A, 0, 0)]


@pytest.mark.parametrize("ending", [b"\n", b""])
def test_separator_on_the_last_line_stays_in_body(ending):
    data = SEP_A + b"\n" + BODY_A + b"\n" + SEP_B + ending
    expected = [(BODY_A + b"\n" + SEP_B + ending, SEP_A, 0, 0)]
    assert split(data) == expected
    assert split(data, block_size=OFFSET_B + 1) == expected


def test_crlf_records_keep_their_line_endings_and_strip_the_envelope():
    data = TWO.replace(b"\n", b"\r\n")
    body_a = b"From: alice\r\n\r\nHello.\r\n\r\n"  # ends in \r\n\r\n: nothing dropped
    offset = len(SEP_A) + 2 + len(body_a)
    assert data[offset:].startswith(SEP_B + b"\r\n")
    expected = [(body_a, SEP_A, 0, 0), (b"From: bob\r\n\r\nBye.\r\n", SEP_B, offset, 1)]
    assert split(data) == expected
    assert split(data, block_size=offset + len(SEP_B) + 1) == expected  # between \r and \n


def test_one_trailing_newline_is_dropped_when_a_record_ends_with_two():
    data = SEP_A + b"\n" + b"From: a\n\nx\n\n\n" + SEP_B + b"\n" + BODY_B
    assert split(data)[0][0] == b"From: a\n\nx\n\n"


def test_last_line_without_newline_is_kept():
    data = TWO.rstrip(b"\n")
    assert split(data) == [EXPECTED_TWO[0], (b"From: bob\n\nBye.", SEP_B, OFFSET_B, 1)]


def test_nul_and_non_ascii_bytes_pass_through():
    body = b"From: \xe9\n\n\x00caf\xc3\xa9\x00\n"
    data = b"From \xe9t\xe9@example.org Mon Oct  6 14:05:31 2025\n" + body
    assert split(data, block_size=3) == [
        (body, b"From \xe9t\xe9@example.org Mon Oct  6 14:05:31 2025", 0, 0)]


def test_leading_blank_lines_are_skipped_and_offsets_stay_absolute():
    assert split(b"\n\r\n" + TWO, block_size=5) == [
        (BODY_A, SEP_A, 3, 0), (BODY_B, SEP_B, OFFSET_B + 3, 1)]


@pytest.mark.parametrize("data", [b"", b"\n\n", b" \r\n\t\n"])
def test_empty_or_blank_stream_has_no_records(data):
    assert split(data) == []


def test_stream_without_separator_is_one_record():
    data = b"From: a@x.org\nSubject: hi\n\nFrom the start.\n"
    assert split(data, block_size=4) == [(data, b"", 0, 0)]


def test_separator_after_the_4096_byte_sniff_window_makes_a_single_message():
    data = b"\n" * 5000 + TWO
    assert split(data, block_size=1000) == [(data, b"", 0, 0)]


def test_mmdf_records_with_tiny_blocks():
    one, two = b"From: a@x.org\n\nbody one\n", b"From: b@x.org\r\n\r\nbody two\r\n"
    data = (b"\x01\x01\x01\x01\n" + one + b"\x01\x01\x01\x01\n"
            b"\x01\x01\x01\x01\r\n" + two + b"\x01\x01\x01\x01\r\n")
    expected = [(one, b"", 0, 0), (two, b"", 5 + len(one) + 5, 1)]
    for block_size in (None, 1, 2, 7):
        assert split(data, block_size) == expected


def _volume(count: int) -> bytes:
    """A Pipermail-like volume with traps: From_ body lines, CRLF, a blank with spaces."""
    parts = []
    for i in range(count):
        eol = b"\r\n" if i % 3 == 2 else b"\n"
        lines = [b"From user%d at example.org  Mon Oct  6 14:%02d:31 2025" % (i, i % 60),
                 b"From: user%d at example.org" % i, b"Subject: %d" % i, b"",
                 b"From the desk of user %d." % i, b"", b"  ",
                 b"From x at example.org  Mon Oct  6 14:05:31 2025", b"not a header", b"", b""]
        parts.append(eol.join(lines))
    return b"".join(parts)


def test_tiny_block_sizes_give_the_same_records_as_the_default():
    data = _volume(40)
    default = split(data)
    assert [r[3] for r in default] == list(range(40))
    assert all(r[1].startswith(b"From user%d " % i) for i, r in enumerate(default))
    assert all(data[r[2]:].startswith(r[1]) for r in default)
    assert all(r[0].count(b"From x at example.org") == 1 for r in default)
    for block_size in (1, 2, 3, 5, 8, 13, 64, 333, 4096, BLOCK_SIZE):
        assert split(data, block_size) == default


class _FailingStream(io.RawIOBase):
    """Hands out ``good`` bytes, then raises like a truncated or oversized gzip."""

    def __init__(self, good: bytes) -> None:
        super().__init__()
        self._good = good

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if not self._good:
            raise OSError("stream broke")
        n = min(len(buffer), len(self._good))
        buffer[:n], self._good = self._good[:n], self._good[n:]
        return n


def _until_error(good: bytes) -> list[tuple[bytes, bytes, int, int]]:
    found = []
    with pytest.raises(OSError, match="stream broke"):
        for r in iter_records(_FailingStream(good), block_size=16):
            found.append((r.raw, r.envelope, r.offset, r.index))
    return found


def test_records_completed_before_a_read_error_are_yielded_first():
    data = _volume(40)  # past the 4096-byte head read before anything is split
    user30 = data.index(b"From user30 at")
    header_read = data.index(b"\n", data.index(b"\n", user30) + 1) + 1
    found = _until_error(data[:header_read])
    assert [r[3] for r in found] == list(range(30))
    assert found == split(data)[:30]


def test_record_is_held_back_until_the_next_separator_is_confirmed():
    data = _volume(40)
    user30 = data.index(b"From user30 at")
    separator_read = data.index(b"\n", user30) + 1
    assert [r[3] for r in _until_error(data[:separator_read])] == list(range(29))


def test_read_error_inside_the_first_4096_bytes_yields_nothing():
    assert _until_error(TWO) == []


class _ReadOnly(io.BufferedIOBase):
    """A buffered stream that implements read() but not read1()."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._inner = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        return self._inner.read(size)


def test_streams_without_read1_are_read_with_read():
    assert [(r.raw, r.envelope, r.offset, r.index)
            for r in iter_records(_ReadOnly(TWO), block_size=7)] == EXPECTED_TWO
