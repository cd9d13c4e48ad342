"""Header normalisation: every function accepts anything and never raises."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from analyzer.ingest import headers as hdr


def test_pipermail_obfuscated_address_with_comment_name_is_restored():
    assert hdr.parse_address("akosua.mb at gmail.com (Akosua Mensah-Bediako)") == (
        "Akosua Mensah-Bediako", "akosua.mb@gmail.com")


def test_rfc2047_display_name_is_decoded():
    name, addr = hdr.parse_address("=?utf-8?q?Tom=C3=A1s_Ferreira-Lund?= <T@isoc.org>")
    assert (name, addr) == ("Tomás Ferreira-Lund", "t@isoc.org")


def test_dmarc_via_list_suffix_is_dropped_from_name():
    name, addr = hdr.parse_address("Olivier Crépin-Leblond via wsis20 <wsis20 at icann.org>")
    assert name == "Olivier Crépin-Leblond"
    assert addr == "wsis20@icann.org"


def test_raw_latin1_header_bytes_do_not_raise():
    raw = "Jos\udce9 <jose@example.org>"  # compat32 keeps 8-bit bytes as surrogates
    name, _ = hdr.parse_address(raw)
    assert name == "José"


def test_unknown_charset_in_encoded_word_falls_back():
    assert hdr.decode_header_text("=?x-bogus?q?caf=C3=A9?=") == "café"


def test_date_keeps_original_offset_and_converts_to_utc():
    parsed = hdr.parse_date("Mon, 06 Oct 2025 10:05:31 -0400")
    assert parsed.utc == datetime(2025, 10, 6, 14, 5, 31, tzinfo=UTC)
    assert parsed.offset == -240


def test_garbage_zone_is_read_as_utc_with_unknown_offset():
    parsed = hdr.parse_date("Mon, 21 Oct 2002 15:02:34 +50579034")
    assert parsed.utc == datetime(2002, 10, 21, 15, 2, 34, tzinfo=UTC)
    assert parsed.offset is None


def test_naive_ctime_date_is_read_as_utc():
    parsed = hdr.parse_date("Thu Nov  1 11:19:12 2001")
    assert parsed.utc == datetime(2001, 11, 1, 11, 19, 12, tzinfo=UTC)
    assert parsed.offset is None


@pytest.mark.parametrize("value", ["", None, "not a date", "RANDOM", "Mon, 99 Foo 2010"])
def test_unparseable_dates_give_none(value):
    assert hdr.parse_date(value).utc is None


def test_far_future_date_is_treated_as_unparseable():
    assert hdr.parse_date("Mon, 1 Jan 2099 10:00:00 +0000").utc is None


def test_random_prefix_before_weekday_is_ignored():
    assert hdr.parse_date("RANDOM_Wed, 01 Dec 2010 14:26:40 +0100").utc is not None


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Re: [Chapter-leaders] WSIS+20 Update", ("wsis+20 update", True)),
        ("[Chapter-leaders] RE: Re[2]: WSIS+20 update", ("wsis+20 update", True)),
        ("AW: [Chapter-leaders] WSIS+20 update", ("wsis+20 update", True)),
        ("SV: WSIS+20 update", ("wsis+20 update", True)),
        ("Réf : WSIS+20 update", ("wsis+20 update", True)),
        ("Fwd: WSIS+20 update", ("wsis+20 update", False)),
        ("[Chapter-leaders] FW: WSIS+20   update", ("wsis+20 update", False)),
        ("Reform of the IGF", ("reform of the igf", False)),
    ],
)
def test_subject_prefixes_are_stripped(subject, expected):
    assert hdr.normalize_subject(subject) == expected


def test_message_id_loses_brackets_and_obfuscation():
    assert hdr.clean_message_id(" <abc.123 at mail.gmail.com> ") == "abc.123@mail.gmail.com"
    assert hdr.clean_message_id("") is None
    assert hdr.clean_message_id("   ") is None


def test_in_reply_to_with_prose_and_two_ids_yields_ids_in_order():
    value = "<a@x.org> (Jane's message of Mon) <b@y.org>"
    assert hdr.parse_id_list(value) == ["a@x.org", "b@y.org"]


def test_folded_references_are_joined():
    assert hdr.parse_id_list("<a@x.org>\n\t<b@y.org>\n <a@x.org>") == ["a@x.org", "b@y.org"]


def test_synthetic_id_is_stable_and_content_derived():
    first = hdr.synthetic_message_id("a@x.org", "date", "subject", "body")
    assert first == hdr.synthetic_message_id("a@x.org", "date", "subject", "body")
    assert first != hdr.synthetic_message_id("a@x.org", "date", "subject", "other body")


def test_pipermail_fast_path_agrees_with_the_general_parser():
    for value in ("ana at x.org (Ana Silva)", "ana at x.org (ana at x.org)",
                  "ana at x.org (Ana via chapter-leaders)", "ana at x.org ()"):
        fast = hdr.parse_address(value)
        general = hdr.parse_address(value.replace(" (", "  (", 1))  # misses the fast path
        assert fast == general, value
