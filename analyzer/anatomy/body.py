"""Split a message body into the author's words, quotes, forwards and artefacts.

The body is read top-down as lines.  Three things end the author's own region:
list artefacts (the scrubber's "next part" separator, the list footer), a
forwarded message (an explicit marker, or a header block that is not the
message being replied to), and an Outlook-style quoted reply (a header block of
the message being answered, after which everything is quoted).  Inside the
region, ``>`` lines and attribution lines are quotes; the runs between them are
the segments of new text, and the last segment may end with a signature.
"""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.anatomy import patterns as pat
from analyzer.anatomy.forward import parse_header_block, subject_says_forward
from analyzer.anatomy.signature import split_disclaimer, split_signature
from analyzer.ingest.headers import normalize_subject
from analyzer.models import Anatomy, ForwardedMessage, Part

VERSION = 1


@dataclass(slots=True)
class _Block:
    """A header block found in the body: where it starts and what it is."""

    start: int
    kind: str  # "forward" or "quote"
    marker: bool


def analyze_body(body: str, subject: str = "") -> Anatomy:
    """The anatomy of one body; ``subject`` tells a forward from a quoted reply."""
    lines = body.replace("\r\n", "\n").split("\n")
    end = artefact_start(lines)
    parts: list[Part] = []
    if end < len(lines):
        parts.append(Part("artefact", end, len(lines)))
    blocks = _header_blocks(lines, end, subject)
    region_end = blocks[0].start if blocks else end
    segments, signature, region_parts = _author_region(lines, 0, region_end)
    parts.extend(region_parts)
    forwarded = _embedded(lines, blocks, end, parts)
    parts.sort(key=lambda p: p.start)
    return Anatomy(
        new_text="\n\n".join(segments), segments=segments, signature=signature,
        forwarded=forwarded, parts=parts,
    )


def artefact_start(lines: list[str]) -> int:
    """Index of the first list/archive artefact line (or ``len(lines)``).

    Everything after Pipermail's "next part" separator is scrubber notices,
    attachments or the list footer; the footer can also come alone, and a saved
    page rendering ends with its "More information about" link.
    """
    for index, line in enumerate(lines):
        if pat.NEXT_PART.match(line) or pat.MORE_INFORMATION.match(line):
            return _trim_back(lines, index)
        if pat.LIST_FOOTER_RULE.match(line) and _footer_follows(lines, index):
            return _trim_back(lines, index)
        if pat.SCRUBBED.match(line):
            return _trim_back(lines, index)
    return len(lines)


def _footer_follows(lines: list[str], index: int) -> bool:
    """A rule of underscores starts a footer: the list's, or a mail provider's ad.

    Outlook uses a similar rule before a quoted header block, so a rule followed
    by ``From:`` is never a footer; otherwise a rule followed by list words, or by
    only a few short lines up to the end, is.
    """
    rest = [line for line in lines[index + 1:] if line.strip()]
    if rest and pat.FROM_LINE.match(rest[0]):
        return False
    window = lines[index + 1:index + 5]
    if any(pat.LIST_FOOTER_TEXT.search(line) for line in window):
        return True
    return 0 < len(rest) <= 4 and all(len(line) <= 80 for line in rest)


def _trim_back(lines: list[str], index: int) -> int:
    """Move an artefact start back over the blank lines before it."""
    while index > 0 and not lines[index - 1].strip():
        index -= 1
    return index


def _header_blocks(lines: list[str], end: int, subject: str) -> list[_Block]:
    """Forward markers and Outlook header blocks at the top level, in order."""
    blocks: list[_Block] = []
    index = 0
    while index < end:
        line = lines[index]
        if pat.QUOTE.match(line):
            index += 1
            continue
        block = _block_at(lines, index, end, subject)
        if block is not None and blocks and not _starts_new_forward(line):
            block = None  # inside a forward, only another forward marker splits
        if block is not None:
            if blocks and blocks[-1].kind == "quote":
                break  # everything after a quoted reply belongs to it
            blocks.append(block)
            index = block.start + 2
            continue
        index += 1
    return blocks


def _starts_new_forward(line: str) -> bool:
    return bool(pat.FORWARD_MARKER.match(line)) and not pat.ORIGINAL_MESSAGE.search(line)


def _block_at(lines: list[str], index: int, end: int, subject: str) -> _Block | None:
    line = lines[index]
    if pat.FORWARD_MARKER.match(line):
        if not pat.ORIGINAL_MESSAGE.search(line):
            return _Block(index, "forward", True)
        if _is_header_block(lines, index + 1, end):
            return _Block(index, _quote_or_forward(lines, index + 1, end, subject), True)
        return None  # a bare "Original Message" line over '>' quotes: an attribution
    if pat.OUTLOOK_RULE.match(line) and _is_header_block(lines, index + 1, end):
        return _Block(index, _quote_or_forward(lines, index + 1, end, subject), True)
    if pat.FROM_LINE.match(line) and _is_header_block(lines, index, end):
        return _Block(index, _quote_or_forward(lines, index, end, subject), False)
    return None


def _is_header_block(lines: list[str], index: int, end: int) -> bool:
    """A From: line followed closely by at least two more header fields."""
    while index < end and not lines[index].strip():
        index += 1
    if index >= end or not pat.FROM_LINE.match(lines[index]):
        return False
    fields = 0
    for line in lines[index + 1:min(end, index + 8)]:
        if not line.strip():
            break
        if pat.HEADER_LINE.match(line):
            fields += 1
    return fields >= 2


def _quote_or_forward(lines: list[str], index: int, end: int, subject: str) -> str:
    """A header block is the quoted parent unless the message forwards something.

    Outlook writes the same From:/Sent:/To:/Subject: block for replies and for
    forwards; a forward is told by the carrier's Fwd:-style subject or by a
    quoted subject that is not this thread's.
    """
    headers, _ = parse_header_block(lines, index, end)
    quoted = headers.get("subject")
    if quoted is not None and subject and _strict(quoted) == _strict(subject):
        return "quote"  # a reply in a thread that began as a forward keeps its "Fwd:"
    if subject_says_forward(subject):
        return "forward"
    if quoted is None or not subject:
        return "quote"
    same = normalize_subject(quoted)[0] == normalize_subject(subject)[0]
    return "quote" if same else "forward"


def _strict(subject: str) -> str:
    return normalize_subject(subject, keep_forward=True)[0]


def _author_region(lines: list[str], start: int, end: int):
    """Segments of new text, the signature and labelled parts of ``lines[start:end]``."""
    labels = _label_lines(lines, start, end)
    runs = _new_runs(labels, start, end, lines)
    segments = ["\n".join(lines[a:b]) for a, b in runs]
    parts = [Part(kind, a, b) for kind, a, b in _group(labels, start)]
    signature = None
    if segments:
        a, b = runs[-1]
        text, disclaimer = split_disclaimer(lines[a:b])
        if disclaimer is not None:
            parts = _relabel(parts, a + disclaimer, b, "disclaimer")
            b = a + disclaimer
        kept, signature, sig_start = split_signature(text)
        segments[-1] = "\n".join(kept).rstrip()
        if signature is not None:
            parts = _relabel(parts, a + sig_start, b, "signature")
        segments = [s for s in segments if s.strip()]
    return segments, signature, parts


def _label_lines(lines: list[str], start: int, end: int) -> list[str]:
    """``new``, ``quote``, ``attribution`` or ``blank`` for every line of the region."""
    labels: list[str] = []
    index = start
    while index < end:
        line = lines[index]
        if not line.strip():
            labels.append("blank")
        elif pat.QUOTE.match(line):
            labels.append("quote")
        elif pat.DIGEST_START.match(line):
            labels.extend(["quote"] * (end - index))  # a digest pasted without '>'
            break
        elif _two_line_attribution(lines, index, end):
            labels.extend(["attribution", "attribution"])
            index += 2
            continue
        elif pat.ATTRIBUTION.match(line) or pat.FORWARD_MARKER.match(line):
            labels.append("attribution")
        else:
            labels.append("new")
        index += 1
    return labels


def _two_line_attribution(lines: list[str], index: int, end: int) -> bool:
    """Gmail wraps long attributions: ``On …, Name <`` / ``addr> wrote:``."""
    if index + 1 >= end or pat.ATTRIBUTION.match(lines[index]):
        return False
    return bool(
        pat.ATTRIBUTION_START.match(lines[index])
        and pat.ATTRIBUTION_END.match(lines[index + 1])
        and len(lines[index]) + len(lines[index + 1]) < 300
        and (index + 2 >= end or not lines[index + 2].strip() or pat.QUOTE.match(lines[index + 2]))
    )


def _new_runs(labels: list[str], start: int, end: int, lines: list[str]):
    """Maximal runs of new text (blank lines inside a run kept, at its edges dropped)."""
    runs, current = [], None
    for offset, label in enumerate(labels):
        index = start + offset
        if label == "new":
            current = (current[0], index + 1) if current else (index, index + 1)
        elif label != "blank" and current:
            runs.append(current)
            current = None
    if current:
        runs.append(current)
    return runs


def _group(labels: list[str], start: int):
    """Collapse per-line labels into (kind, start, end) runs; blanks join neighbours."""
    groups: list[list] = []
    for offset, label in enumerate(labels):
        kind = label if label != "blank" else (groups[-1][0] if groups else "new")
        if groups and groups[-1][0] == kind:
            groups[-1][2] = start + offset + 1
        else:
            groups.append([kind, start + offset, start + offset + 1])
    return [tuple(g) for g in groups]


def _relabel(parts: list[Part], start: int, end: int, kind: str) -> list[Part]:
    """Carve ``[start, end)`` out of the parts and label it ``kind``."""
    out = []
    for part in parts:
        if part.end <= start or part.start >= end:
            out.append(part)
            continue
        if part.start < start:
            out.append(Part(part.kind, part.start, start))
        if part.end > end:
            out.append(Part(part.kind, end, part.end))
    out.append(Part(kind, start, end))
    return out


def _embedded(lines: list[str], blocks: list[_Block], end: int, parts: list[Part]):
    """Forwarded messages (analysed on their own) and the quoted reply, if any."""
    forwarded: list[ForwardedMessage] = []
    for number, block in enumerate(blocks):
        stop = blocks[number + 1].start if number + 1 < len(blocks) else end
        if block.kind == "quote":
            parts.append(Part("quote", block.start, stop))
            continue
        first = block.start + 1 if block.marker else block.start
        headers, body_start = parse_header_block(lines, first, stop)
        parts.append(Part("forward-header", block.start, body_start))
        parts.append(Part("forward", body_start, stop))
        inner = analyze_body("\n".join(lines[body_start:stop]))
        forwarded.append(ForwardedMessage(
            from_name=headers.get("from_name", ""), from_addr=headers.get("from_addr", ""),
            date=headers.get("date_iso"), date_raw=headers.get("date", ""),
            subject=headers.get("subject", ""), cc=headers.get("cc", ""),
            text=inner.new_text, signature=inner.signature,
        ))
        forwarded.extend(inner.forwarded)
    return forwarded
