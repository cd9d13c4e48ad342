"""Turn one raw RFC 822 record into a normalised :class:`~analyzer.models.Message`.

The standard library's compat32 parser is the reference: the most forgiving with
broken input.  Plain single-part text, which is nearly all an archive holds, takes
a direct path that yields the same headers and body several times faster;
everything the standard library leaves raw (8-bit headers, undeclared or wrong
charsets, garbage dates) is normalised by ``headers``.
"""

from __future__ import annotations

import email.message
import email.parser
import email.policy
import functools
import hashlib
import json
import quopri
import re
from datetime import UTC, datetime

from analyzer.errors import MalformedMessage
from analyzer.ingest import headers as hdr
from analyzer.models import Message

_PARSER = email.parser.BytesParser(policy=email.policy.compat32)
# English month names as Pipermail writes them in volume names (C locale, never translated).
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def parse_record(
    raw: bytes, *, envelope: bytes = b"", source: str = "", position: str = ""
) -> Message:
    """Parse a record; raise MalformedMessage when it has no header block at all.

    A record is accepted when it has at least one of From, Date, Subject or
    Message-ID: anything less is not a message and goes to quarantine.  Plain
    single-part text (nearly every archived message) takes a direct path that
    gives the same result as the standard library's parser at a fraction of
    its cost; everything else goes through that parser.
    """
    if b"\x00" in raw:
        raw = raw.replace(b"\x00", b" ")
    simple = parse_simple(raw)
    if simple is not None:
        headers, body = simple
    else:
        try:
            msg = _PARSER.parsebytes(raw)
        except Exception as exc:  # compat32 rarely raises, but archives are hostile
            raise MalformedMessage(f"unparseable message: {exc}") from exc
        headers, body = _header_map(msg), None
    if not any(headers.get(h) for h in ("from", "date", "subject", "message-id")):
        raise MalformedMessage("no From, Date, Subject or Message-ID header")
    if body is None:
        body = extract_body(msg)
    return _normalise(headers, body, envelope=envelope, source=source, position=position)


def build_message(
    msg: email.message.Message, *, envelope: bytes = b"", source: str = "", position: str = ""
) -> Message:
    """Normalise a parsed email (shared with maildir and .eml sources)."""
    return _normalise(_header_map(msg), extract_body(msg), envelope=envelope, source=source,
                      position=position)


def _normalise(
    headers: dict[str, str], body: str, *, envelope: bytes, source: str, position: str
) -> Message:
    """Build the Message from a record's wanted headers (as text) and its readable body."""
    name, addr = hdr.parse_address(headers.get("from") or headers.get("reply-to"))
    if not addr and envelope:
        addr = _envelope_address(envelope)
    date_raw = headers.get("date") or ""
    parsed = hdr.parse_date(date_raw)
    if parsed.utc is None:
        parsed = hdr.parse_date(_envelope_date(envelope)) if envelope else parsed
    subject = hdr.decode_header_text(headers.get("subject"))
    message_id = hdr.clean_message_id(headers.get("message-id"))
    content_hash = hash_content(addr, date_raw, subject, body)
    synthetic = message_id is None
    if synthetic:
        message_id = hdr.synthetic_message_id(addr, date_raw, subject, body)
    return Message(
        message_id=message_id,
        subject=subject,
        from_name=name,
        from_addr=addr,
        date=parsed.utc,
        date_offset=parsed.offset,
        date_raw=hdr.decode_header_text(date_raw),
        in_reply_to=hdr.parse_id_list(headers.get("in-reply-to")),
        references=hdr.parse_id_list(headers.get("references")),
        body=body,
        period=period_of(parsed.utc),
        source=source,
        position=position,
        id_synthetic=synthetic,
        content_hash=content_hash,
    )


def derived_fields(message: Message) -> tuple[str | None, str, int, str, str]:
    """What the store keeps besides the message's own fields, as it stores them.

    (UTC date in ISO form, normalised subject, is-a-reply flag, In-Reply-To and
    References as JSON lists.)  Parse workers compute these alongside the message
    so that the single process writing the store does not have to.
    """
    subject_norm, is_reply = hdr.normalize_subject(message.subject)
    return (
        message.date.astimezone(UTC).isoformat() if message.date else None,
        subject_norm, int(is_reply),
        json_id_list(message.in_reply_to), json_id_list(message.references),
    )


def json_id_list(ids: list[str]) -> str:
    """``json.dumps(ids)``, written directly when no id needs escaping (nearly always)."""
    if not ids:
        return "[]"
    if all(i.isascii() and i.isprintable() and '"' not in i and "\\" not in i for i in ids):
        return '["' + '", "'.join(ids) + '"]'
    return json.dumps(ids)


# -- the direct path for plain single-part text ------------------------------------

# A header block the standard parser reads without any defect: only ``Name: value``
# lines and their continuations, ended by an empty line.
_PLAIN_HEAD = re.compile(rb"(?:[!-9;-~]+:[^\n]*\n(?:[ \t][^\n]*\n)*)+")
# Characters on which the standard parser also breaks lines (str.splitlines), so a
# header block holding one of them is left to it (deleting them is the fastest test).
_LINE_BREAKS = b"\r\x0b\x0c\x1c\x1d\x1e"
_FIELD = re.compile(
    rb"^(from|reply-to|date|subject|message-id|in-reply-to|references|content-type"
    rb"|content-transfer-encoding|content-disposition):[ \t]*([^\n]*(?:\n[ \t][^\n]*)*)",
    re.IGNORECASE | re.MULTILINE,
)
_MIME_FIELDS = ("content-type", "content-transfer-encoding", "content-disposition")


def parse_simple(raw: bytes) -> tuple[dict[str, str], str] | None:
    """(wanted headers as text, body) of a plain single-part text record, else None.

    None means "use the standard parser": a header block with anything unusual
    (no empty line after it, lines that are neither fields nor continuations,
    8-bit MIME headers), multipart or non-text content, base64 or uuencoded
    bodies.  For what it accepts, the result equals ``_header_map`` and
    ``extract_body`` over ``BytesParser(policy=compat32)`` (a test compares both
    on every record of the real corpora).
    """
    end = raw.find(b"\n\n")
    if end < 0:
        return None
    head = raw[: end + 1]
    if len(head.translate(None, _LINE_BREAKS)) != len(head) or not _PLAIN_HEAD.fullmatch(head):
        return None
    headers: dict[str, str] = {}
    for match in _FIELD.finditer(head):
        key = match.group(1).decode("ascii").lower()
        if key not in headers:
            value = match.group(2)
            headers[key] = value.decode("ascii") if value.isascii() else (
                None if key in _MIME_FIELDS else hdr.decode_raw_text(value))
    body = _simple_body(headers, raw[end + 2:])
    if body is None:
        return None
    for key in _MIME_FIELDS:
        headers.pop(key, None)
    return headers, body


def _simple_body(headers: dict[str, str | None], payload: bytes) -> str | None:
    """The readable body of a single-part text/plain message, as ``extract_body`` gives it."""
    if any(key in headers and headers[key] is None for key in _MIME_FIELDS):
        return None  # 8-bit MIME headers: the standard parser wraps them in Header objects
    ctype, charset = _content_type(headers.get("content-type"))
    if ctype != "text/plain":
        return None
    if (headers.get("content-disposition") or "").lower().startswith("attachment"):
        return ""
    cte = (headers.get("content-transfer-encoding") or "").lower()
    if cte == "quoted-printable":
        payload = quopri.decodestring(payload)
    elif cte in _OTHER_ENCODINGS:
        return None
    return decode_bytes(payload, charset)


#: Transfer encodings the direct path leaves to the standard library.
_OTHER_ENCODINGS = frozenset(("base64", "x-uuencode", "uuencode", "uue", "x-uue"))


@functools.lru_cache(maxsize=1024)
def _content_type(value: str | None) -> tuple[str, str | None]:
    """(content type, charset) exactly as the standard library reads a Content-Type.

    Archives repeat a handful of values, so the library's own parameter parsing
    runs once per distinct value.
    """
    probe = email.message.Message()
    if value is not None:
        probe.set_raw("Content-Type", value)
    return probe.get_content_type(), probe.get_content_charset()


#: The headers build_message reads; the first occurrence wins, as ``Message.get``.
_WANTED = frozenset(
    ("from", "reply-to", "date", "subject", "message-id", "in-reply-to", "references")
)


def _header_map(msg: email.message.Message) -> dict[str, str]:
    """The wanted headers as text, in one pass over the header list.

    ``Message.get`` lower-cases every header name on each call; seven calls per
    message cost more than the parse of a short message.  Raw 8-bit values (kept
    by the bytes parser as surrogate escapes, which compat32 would wrap in a
    ``Header('unknown-8bit')``) are decoded here: UTF-8 when valid, else cp1252,
    instead of letting ``str()`` turn them into U+FFFD.
    """
    out: dict[str, str] = {}
    for name, value in msg.raw_items():
        key = name.lower()
        if key in _WANTED and key not in out:
            out[key] = _header_text(str(value))
    return out


def _header_text(value: str) -> str:
    if value.isascii():
        return value
    return hdr.decode_raw_text(value.encode("utf-8", "surrogateescape"))


# Pipermail's scrubbed-attachment line, ``URL: <.../attachment-0001.html>`` alone on its
# line.  The pattern starts with its literal so the regex engine skips ahead to each
# "URL: " instead of trying every position of the body (~3x faster on twisted-python
# bodies); _line_start_url keeps only matches at the start of a line, as ``^`` would.
_ATTACHMENT_URL = re.compile(r"URL: <?[^\s>]*attachment[^\s>]*>?[ \t]*$", re.MULTILINE)


def hash_content(*parts: str) -> str:
    """Fingerprint of what a reader sees, to tell true duplicates from conflicts.

    Archive rebuilds re-append every message with a renamed scrubbed-attachment
    URL and, after a list charset change, real characters where the first build
    had ``?``; those copies are the same message, so both differences are folded
    (``encode("ascii", "replace")`` turns each non-ASCII character into one ``?``).
    """
    digest = hashlib.sha256()
    for part in parts:
        if "attachment" in part:
            part = _ATTACHMENT_URL.sub(_line_start_url, part)
        digest.update(b" ".join(part.encode("ascii", "replace").split()))
        digest.update(b"\x1f")
    return digest.hexdigest()[:32]


def _line_start_url(match: re.Match[str]) -> str:
    """``URL:`` for a scrubbed-attachment line, the match itself when not at a line start.

    A match in mid-line ends where the line ends, so it never hides a line-start one.
    """
    start = match.start()
    return "URL:" if start == 0 or match.string[start - 1] == "\n" else match.group()


def period_of(when: datetime | None) -> str:
    """Pipermail's monthly volume name (``2025-November``) for a UTC instant."""
    if when is None:
        return ""
    return f"{when.year}-{_MONTH_NAMES[when.month - 1]}"


def _envelope_address(envelope: bytes) -> str:
    parts = envelope.decode("latin-1").split()
    if len(parts) >= 4 and parts[2] == "at":
        return f"{parts[1]}@{parts[3]}".lower()
    return parts[1].lower() if len(parts) > 1 and "@" in parts[1] else ""


def _envelope_date(envelope: bytes) -> str:
    """The ctime part of a From_ line, which parse_date reads as UTC."""
    text = envelope.decode("latin-1")
    match = re.search(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b.*$", text)
    return match.group(0) if match else ""


def extract_body(msg: email.message.Message) -> str:
    """The readable text of a message: its inline text/plain parts, decoded.

    HTML-only mail falls back to the text of its HTML part, so nothing a person
    wrote is lost; attachments are skipped.
    """
    plain: list[str] = []
    html: list[str] = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        if _is_attachment(part):
            continue
        if ctype == "text/plain" or (ctype == "text/html" and not plain):
            text = decode_part(part)
            (plain if ctype == "text/plain" else html).append(text)
    if plain:
        return "\n".join(plain)
    if html:
        return _html_to_text("\n".join(html))
    return ""


def _is_attachment(part: email.message.Message) -> bool:
    disposition = (part.get("Content-Disposition") or "").lower()
    return disposition.startswith("attachment")


def decode_part(part: email.message.Message) -> str:
    """Decode a leaf's payload with its declared charset, or a detected one."""
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        payload = None
    if payload is None:
        raw = part.get_payload()
        payload = raw.encode("utf-8", "surrogateescape") if isinstance(raw, str) else b""
    charset = part.get_content_charset()
    return decode_bytes(payload, charset)


def decode_bytes(payload: bytes, charset: str | None) -> str:
    """Declared charset first; undeclared or wrong ones are detected.

    ``us-ascii`` declarations are routinely wrong (8-bit text sent as ASCII), so
    they are tried as UTF-8 first.
    """
    if not payload:
        return ""
    if charset and charset.lower() not in ("us-ascii", "ascii", "unknown", "x-unknown"):
        try:
            return payload.decode(_charset_alias(charset))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return _detect_and_decode(payload)


def _charset_alias(charset: str) -> str:
    """Charsets that mail clients declare but Python spells differently."""
    lowered = charset.lower().strip("\"' ")
    return {"gb2312": "gb18030", "ks_c_5601-1987": "cp949", "iso-8859-8-i": "iso-8859-8"}.get(
        lowered, lowered
    )


def _detect_and_decode(payload: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(payload[:65536]).best()
    if best is not None:
        try:
            return payload.decode(best.encoding, "replace")
        except LookupError:
            pass
    return payload.decode("cp1252", "replace")


def _html_to_text(markup: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(markup, "lxml").get_text("\n").strip()


