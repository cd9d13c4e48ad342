"""Parsing one record into a normalised Message; one data file per failure mode."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from analyzer.errors import MalformedMessage
from analyzer.ingest.message import parse_record

DATA = Path(__file__).parent / "data"


def parse(name: str):
    return parse_record((DATA / name).read_bytes(), source=name, position="file")


def test_message_without_id_gets_stable_synthetic_id():
    first, second = parse("no-message-id.eml"), parse("no-message-id.eml")
    assert first.id_synthetic
    assert first.message_id == second.message_id
    assert first.message_id.endswith("@synthetic.analyzer.invalid")


def test_undeclared_latin1_body_and_headers_are_decoded():
    message = parse("latin1-undeclared.eml")
    assert message.from_name == "José"
    assert message.subject == "Reunión"
    assert "Economía" in message.body


def test_garbage_zone_keeps_clock_time_as_utc():
    message = parse("garbage-zone-date.eml")
    assert message.date == datetime(2002, 10, 21, 15, 2, 34, tzinfo=UTC)
    assert message.date_offset is None


def test_html_only_message_becomes_text_without_markup():
    message = parse("html-only.eml")
    assert "We met the" in message.body and "Minister" in message.body
    assert "<b>" not in message.body


def test_attachments_are_skipped_and_base64_text_decoded():
    message = parse("multipart-base64-attachment.eml")
    assert message.body == "Élections à Dakar"
    assert message.subject == "Élections"


def test_unknown_declared_charset_falls_back_to_utf8():
    assert "Café" in parse("unknown-charset.eml").body


def test_record_without_any_message_header_is_malformed():
    with pytest.raises(MalformedMessage, match="no From"):
        parse("headerless-record.eml")


def test_missing_date_falls_back_to_envelope_time():
    raw = b"From: a@example.org\nSubject: s\n\nbody\n"
    message = parse_record(raw, envelope=b"From a at example.org  Tue Oct  7 09:42:10 2025")
    assert message.date == datetime(2025, 10, 7, 9, 42, 10, tzinfo=UTC)


def test_missing_from_header_takes_envelope_address():
    raw = b"Subject: s\nMessage-ID: <x@y>\n\nbody\n"
    message = parse_record(raw, envelope=b"From a at example.org  Tue Oct  7 09:42:10 2025")
    assert message.from_addr == "a@example.org"


def test_nul_bytes_do_not_break_parsing():
    raw = b"From: a@example.org\nSubject: s\x00t\nMessage-ID: <n@y>\n\nbo\x00dy\n"
    assert parse_record(raw).body == "bo dy\n"
