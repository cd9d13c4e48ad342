"""Parsing one record into a normalised Message; one data file per failure mode."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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


_LINE_ANCHORED_URL = re.compile(r"^URL: <?[^\s>]*attachment[^\s>]*>?[ \t]*$", re.MULTILINE)
_FRAGMENTS = ["URL: ", "URL: <http://x/attachment-1.html>", "URL: http://x/attachment",
              "<", ">", "attachment", "-0001.html", " ", "\t", "\n", "see ", "é", "URL:", "\r"]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join))
def test_attachment_urls_are_folded_only_where_they_fill_a_line(text):
    """The literal-first pattern folds exactly what the line-anchored definition folds."""
    from analyzer.ingest.message import _ATTACHMENT_URL, _line_start_url

    assert _ATTACHMENT_URL.sub(_line_start_url, text) == _LINE_ANCHORED_URL.sub("URL:", text)


def test_a_scrubbed_attachment_url_is_folded_in_the_content_hash():
    from analyzer.ingest.message import hash_content

    first = "Hi\nURL: <http://x/attachment-0001.html>\nBye"
    rebuilt = "Hi\nURL: <http://x/attachment-0002.html>\nBye"
    assert hash_content(first) == hash_content(rebuilt)
    # Only a line of its own is Pipermail's notice; a URL in a sentence is content.
    assert hash_content(f"see {first[3:]}") != hash_content(f"see {rebuilt[3:]}")
