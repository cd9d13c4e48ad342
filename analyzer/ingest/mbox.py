"""Split mbox-family files into raw records, streaming and byte-exact.

One reader serves Pipermail ``.txt`` volumes (``From user at host  ctime``),
classic and HyperKitty mbox files, legacy Mailman 2.0 volumes (RFC 2822 dates in
the separator) and MMDF (``^A^A^A^A``).  It works on bytes because real From_
lines carry Latin-1 and UTF-8 bytes that make the standard library's ``mailbox``
raise, and it never trusts a bare ``From `` line: Pipermail does not escape body
lines, so a separator must look like one, follow a blank line, and be followed by
a header line (the rule of Mailman's own ``bin/cleanarch``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

_DAYS = rb"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTHS = rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# ctime separators (Pipermail, MTAs, HyperKitty) and legacy RFC 2822 ones.
_SEPARATOR = re.compile(
    rb"^From \S.*?(?:"
    + _DAYS + rb",? +" + _MONTHS + rb" +\d{1,2} +\d{1,2}:\d\d(?::\d\d)? .*?\d{4}"
    + rb"|" + _DAYS + rb",? +\d{1,2} +" + _MONTHS + rb" +\d{2,4} +\d{1,2}:\d\d"
    + rb")"
)
_HEADER_LINE = re.compile(rb"^[\x21-\x39\x3b-\x7e]+:")
_MMDF = b"\x01\x01\x01\x01"


@dataclass(slots=True)
class RawRecord:
    """One message's bytes with the envelope line and where it started."""

    raw: bytes
    envelope: bytes
    offset: int
    index: int


def is_separator(line: bytes) -> bool:
    """Whether a line has the shape of an mbox From_ separator."""
    return line.startswith(b"From ") and _SEPARATOR.match(line) is not None


def looks_like_header(line: bytes) -> bool:
    """Whether a line could start a header block (``Name: value``)."""
    return _HEADER_LINE.match(line) is not None


def sniff_format(head: bytes) -> str:
    """Guess ``mmdf``, ``mbox`` or ``message`` (a single RFC 822 message)."""
    stripped = head.lstrip(b"\r\n")
    if stripped.startswith(_MMDF):
        return "mmdf"
    first = stripped.split(b"\n", 1)[0]
    if is_separator(first.rstrip(b"\r")):
        return "mbox"
    return "message"


def iter_records(stream: BinaryIO) -> Iterator[RawRecord]:
    """Yield the records of an mbox, MMDF file or single message, streaming."""
    lines = _PeekableLines(stream)
    head = lines.peek_block(4096)
    fmt = sniff_format(head)
    if fmt == "mmdf":
        yield from _iter_mmdf(lines)
    elif fmt == "mbox":
        yield from _iter_mbox(lines)
    else:
        data = b"".join(lines)
        if data.strip():
            yield RawRecord(data, b"", 0, 0)


class _PeekableLines:
    """Line iterator over a binary stream that tracks byte offsets."""

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self._buffer: list[bytes] = []
        self.offset = 0

    def peek_block(self, size: int) -> bytes:
        while sum(map(len, self._buffer)) < size:
            line = self._stream.readline()
            if not line:
                break
            self._buffer.append(line)
        return b"".join(self._buffer)

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        line = self._buffer.pop(0) if self._buffer else self._stream.readline()
        if not line:
            raise StopIteration
        self.offset += len(line)
        return line


def _iter_mbox(lines: _PeekableLines) -> Iterator[RawRecord]:
    """Split on strict separators; lines that only look like them stay in the body."""
    index = 0
    envelope = b""
    body: list[bytes] = []
    start = 0
    pending: tuple[bytes, int] | None = None  # a candidate separator awaiting its next line
    previous_blank = True
    for line in lines:
        line_start = lines.offset - len(line)
        if pending is not None:
            candidate, candidate_start = pending
            pending = None
            if looks_like_header(line):
                if envelope or any(part.strip() for part in body):
                    yield RawRecord(_join(body), envelope, start, index)
                    index += 1
                envelope, body, start = candidate.rstrip(b"\r\n"), [], candidate_start
            else:
                body.append(candidate)
        if previous_blank and line.startswith(b"From ") and is_separator(line.rstrip(b"\r\n")):
            pending = (line, line_start)
            previous_blank = False
            continue
        body.append(line)
        previous_blank = not line.strip()
    if pending is not None:
        body.append(pending[0])
    if envelope or any(part.strip() for part in body):
        yield RawRecord(_join(body), envelope, start, index)


def _join(lines: list[bytes]) -> bytes:
    """Join body lines, dropping the one blank line mbox writers add between records."""
    data = b"".join(lines)
    if data.endswith(b"\n\n"):
        data = data[:-1]
    return data


def _iter_mmdf(lines: Iterable[bytes]) -> Iterator[RawRecord]:
    """MMDF: each message is wrapped in ``^A^A^A^A`` lines."""
    index = 0
    offset = 0
    body: list[bytes] = []
    inside = False
    start = 0
    for line in lines:
        if line.rstrip(b"\r\n") == _MMDF:
            if inside and any(part.strip() for part in body):
                yield RawRecord(b"".join(body), b"", start, index)
                index += 1
            inside = not inside
            body = []
            start = offset
        elif inside:
            body.append(line)
        offset += len(line)
    if inside and any(part.strip() for part in body):
        yield RawRecord(b"".join(body), b"", start, index)
