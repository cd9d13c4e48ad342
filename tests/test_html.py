"""Tests for analyzer.ingest.html against real Pipermail pages and small synthetic ones.

Real pages are read in place from the shared folder (see ``shared_dir`` in
conftest.py); the synthetic pages pin behaviour the samples do not show
(per-byte mojibake, NUL, broken charsets, empty bodies).
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import re
from pathlib import Path

import pytest

from analyzer.errors import MalformedMessage
from analyzer.ingest.html import (
    HtmlMessage,
    parse_message_page,
    parse_period_index_count,
    parse_rendered_page,
    parse_thread_index,
)

TWISTED_AUG = "corpora/pipermail-samples/twisted-python/2021-August"
IMAGEJ_OCT = "corpora/pipermail-samples/imagej-devel/2015-October"
DIVUNAL_AUG = "corpora/pipermail-samples/divunal-author/1999-August"
TWISTED_JUN = "corpora/other/twisted-pipermail/twisted-python/2021-June"
TWISTED_SEP = "corpora/other/twisted-pipermail/twisted-python/2016-September"
TWISTED_1945 = "corpora/other/twisted-pipermail/twisted-python/1945-February"
DEV_OCT = "eval/dev/mirror/chapter-leaders/2025-October"
DEV_NOV = "eval/dev/mirror/chapter-leaders/2025-November"
SEED = "corpora/seed/000_8ff253662de7de04.txt"

# Folder -> list name expected from the footer (Mailman 2.0 pages have no footer).
LIST_NAME_BY_FOLDER = {
    TWISTED_AUG: "twisted-python",
    IMAGEJ_OCT: "imagej-devel",
    DIVUNAL_AUG: None,
    TWISTED_JUN: "twisted-python",
    TWISTED_SEP: "twisted-python",
    TWISTED_1945: "twisted-python",
    DEV_OCT: "chapter-leaders",
    DEV_NOV: "chapter-leaders",
}

# Mailman's own Re:-chain stripping of subjects (§4.2).
_RE_CHAIN = re.compile(r"\A(?:\s*re(?:\[\d+\])?:)+\s*", re.I)
_TXT_SEPARATOR = re.compile(
    r"^From \S+(?: at \S+)?  \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\n", re.M
)
_LEGACY_TXT_SEPARATOR = re.compile(r"^From \S+@\S+ \w{3}, .*\n", re.M)


# --- helpers ----------------------------------------------------------------------------


def _need(shared_dir: Path, relative: str) -> Path:
    """A sample inside the shared folder: skip when absent, but fail under CI."""
    path = shared_dir / relative
    if not path.exists():
        reason = f"sample not found: {path}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set, so this is an error")
        pytest.skip(reason)
    return path


def _pages(folder: Path) -> list[Path]:
    """Every message page NNNNNN.html of a period folder, in number order."""
    return sorted(p for p in folder.iterdir() if re.fullmatch(r"\d+\.html", p.name))


def _parse(path: Path) -> HtmlMessage:
    return parse_message_page(path.read_bytes(), str(path))


def _txt_records(path: Path, separator: re.Pattern[str] = _TXT_SEPARATOR) -> list[tuple]:
    """(Message-ID or None, body) of each record of a .txt/.txt.gz volume (§7.1).

    The body is right-stripped: the volume adds a blank line after each record.
    """
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    text = raw.decode("utf-8", errors="replace")
    starts = [m.start() for m in separator.finditer(text)] + [len(text)]
    records = []
    for start, end in itertools.pairwise(starts):
        head, _, body = text[start:end].partition("\n\n")
        match = re.search(r"^Message-ID:\s*<?(.*?)>?\s*$", head, re.M | re.I)
        records.append((match.group(1) if match else None, body.rstrip()))
    return records


def _gold(shared_dir: Path) -> list[dict]:
    """Gold records of the dev set, in archive order (= page number order)."""
    lines = _need(shared_dir, "eval/dev/gold.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _synthetic_page(body: str = "<PRE>Hello\n</PRE>", **overrides: str) -> str:
    """A minimal 2.1.20+ message page; pieces can be replaced by keyword."""
    parts = {
        "charset": "utf-8",
        "params": "Subject=Re%3A%20x&In-Reply-To=%3Cid-1%40example.org%3E",
        "address": "ann at example.org",
    }
    parts.update(overrides)
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML>\n <HEAD>\n'
        "   <TITLE> [L] Subject\n   </TITLE>\n"
        f'   <META http-equiv="Content-Type" content="text/html; charset={parts["charset"]}">\n'
        ' </HEAD>\n <BODY BGCOLOR="#ffffff">\n   <H1>[L] Subject</H1>\n'
        "    <B>Ann Author</B> \n"
        f'    <A HREF="mailto:l%40example.org?{parts["params"]}"\n'
        f'       TITLE="[L] Subject">{parts["address"]}\n       </A><BR>\n'
        "    <I>Thu Oct  1 16:48:30 CDT 2015</I>\n    <HR>  \n"
        f"<!--beginarticle-->\n{body}\n<!--endarticle-->\n    <HR>\n<hr>\n"
        '<a href="http://example.org/mailman/listinfo/l">More information about the L\n'
        "mailing list</a><br>\n</body></html>\n"
    )


# --- every real page parses ----------------------------------------------------------------


@pytest.mark.parametrize("relative", list(LIST_NAME_BY_FOLDER))
def test_every_message_page_of_sample_folders_parses(shared_dir: Path, relative: str) -> None:
    """All three page generations yield a complete record, numbered from the file name."""
    pages = _pages(_need(shared_dir, relative))
    assert pages
    for path in pages:
        message = _parse(path)
        assert message.number == int(path.stem)
        assert message.subject and message.author and message.date_raw, path.name
        assert message.body, path.name
        assert "<" not in message.address and " at " not in message.address
        assert message.list_name == LIST_NAME_BY_FOLDER[relative]


# --- header fields ------------------------------------------------------------------------------


def test_message_id_comes_from_mailto_in_reply_to(shared_dir: Path) -> None:
    """The mailto In-Reply-To= holds the page's own Message-ID, URL-quoted (§4.2)."""
    message = _parse(_need(shared_dir, f"{IMAGEJ_OCT}/002708.html"))
    expected = "CADN69y=oX-jVpMCYNtBonHz7rr1qPwjfRJMRy_Ob7W9dFvDkfg@mail.gmail.com"
    assert message.message_id == expected


def test_older_21_page_header_fields(shared_dir: Path) -> None:
    """Pre-2.1.20 pages ("Previous message:" labels) have the same header layout."""
    message = _parse(_need(shared_dir, f"{IMAGEJ_OCT}/002708.html"))
    assert message.subject == "[ImageJ-devel] EMBL Conference : Seeing is believing"
    assert message.author == "Curtis Rueden"
    assert message.address == "ctrueden@wisc.edu"
    assert message.date_raw == "Thu Oct  1 16:48:30 CDT 2015"
    assert message.charset == "us-ascii"
    assert message.list_display == "ImageJ-devel"
    assert message.listinfo_url == "http://imagej.net/mailman/listinfo/imagej-devel"


def test_current_21_page_keeps_raw_utf8_text(shared_dir: Path) -> None:
    """Debian (utf-8) pages carry non-ASCII text raw, not as references."""
    message = _parse(_need(shared_dir, f"{TWISTED_AUG}/065703.html"))
    assert message.charset == "utf-8"
    assert message.address == "ilyaskriblovsky@gmail.com"
    assert message.date_raw == "Tue Aug  3 23:37:26 MDT 2021"
    assert "пн, 2 авг. 2021 г. в 11:07, Glyph <glyph at twistedmatrix.com>:" in message.body


def test_legacy_20_page_has_raw_date_real_address_and_no_message_id(shared_dir: Path) -> None:
    """Mailman 2.0 pages: mailto to the author, RFC 2822 date, no footer, no ID."""
    message = _parse(_need(shared_dir, f"{DIVUNAL_AUG}/000239.html"))
    assert message.subject == "[Divunal-author]author efficiency"
    assert message.author == "Michael Dartt"
    assert message.address == "jedin@divunal.com"
    assert message.message_id is None
    assert message.date_raw == "Tue, 3 Aug 1999 10:01:13 -0400 (EDT)"
    assert (message.list_name, message.list_display, message.listinfo_url) == (None, None, None)
    assert message.body.startswith("(This is long; please bear with me.)")
    assert message.body.endswith("--Mike")


def test_empty_in_reply_to_gives_no_message_id(shared_dir: Path) -> None:
    """``In-Reply-To=`` with nothing after it means the page has no Message-ID."""
    message = _parse(_need(shared_dir, f"{TWISTED_1945}/002044.html"))
    assert message.message_id is None
    assert message.date_raw == "Wed Feb  7 20:28:34 EDT 1945"


def test_subject_tabs_from_header_folding_collapse_to_one_space(shared_dir: Path) -> None:
    message = _parse(_need(shared_dir, f"{TWISTED_SEP}/063243.html"))
    assert message.subject == (
        '[Twisted-Python] "twistd" in Twisted 16.4.0 can\'t import modules/packages'
        " from current working directory"
    )
    assert message.author == 'Amber "Hawkie" Brown'


def test_numeric_references_resolve_on_us_ascii_pages(shared_dir: Path) -> None:
    """Characters outside us-ascii arrive as &#NNN; and must come back as text."""
    message = _parse(_need(shared_dir, f"{TWISTED_SEP}/030786.html"))
    assert message.charset == "us-ascii"
    assert message.body.startswith("Let’s get this done. I’ll")


def test_charset_follows_each_pages_meta(shared_dir: Path) -> None:
    """Duplicate pages of one period were written under two list charsets (§4.5)."""
    old = _parse(_need(shared_dir, f"{TWISTED_SEP}/030781.html"))
    new = _parse(_need(shared_dir, f"{TWISTED_SEP}/063242.html"))
    assert (old.charset, new.charset) == ("us-ascii", "utf-8")
    assert old.message_id == new.message_id == "nq9bv5$unc$2@blaine.gmane.org"
    assert old.body == new.body


# --- body ----------------------------------------------------------------------------------------


def test_quote_markup_and_body_links_are_stripped_keeping_text(shared_dir: Path) -> None:
    body = _parse(_need(shared_dir, f"{IMAGEJ_OCT}/002708.html")).body
    assert body.startswith("Hi Cyril,\n\n> I would like to know if there will be some ImageJ/Fij\n")
    assert "Mongis Cyril <cyril.mongis at googlemail.com>\nwrote:" in body
    assert '"Seeing is\n> believing"' in body
    assert body.endswith(
        "URL: <http://imagej.net/pipermail/imagej-devel/attachments/20151001/5a230c16/"
        "attachment.html>"
    )
    assert "<i>" not in body.lower() and "<a " not in body.lower()


@pytest.mark.parametrize("relative", [DEV_OCT, DEV_NOV, TWISTED_JUN])
def test_body_equals_txt_record_body(shared_dir: Path, relative: str) -> None:
    """Tag-stripped, unescaped HTML body == the .txt body of the same Message-ID."""
    folder = _need(shared_dir, relative)
    records = dict(_txt_records(folder.with_name(folder.name + ".txt")))
    for path in _pages(folder):
        message = _parse(path)
        assert message.body == records[message.message_id], path.name


def test_body_matches_txt_record_of_rebuilt_period(shared_dir: Path) -> None:
    """2016-September was archived twice (0307xx, then 0632xx pages, §7.6).

    The .txt.gz holds the second build, whose scrubbed-attachment URLs differ
    (``attachment-0002.html``), so only the second build's pages compare exactly.
    """
    folder = _need(shared_dir, TWISTED_SEP)
    records = dict(_txt_records(folder.with_name("2016-September.txt.gz")))
    rebuilt = [p for p in _pages(folder) if int(p.stem) >= 63000]
    assert len(rebuilt) == 27
    for path in rebuilt:
        message = _parse(path)
        assert message.body == records[message.message_id], path.name


def test_us_ascii_txt_has_question_marks_where_html_has_characters(shared_dir: Path) -> None:
    """On us-ascii lists the .txt loses non-ASCII text; the HTML keeps it (§7.4)."""
    folder = _need(shared_dir, IMAGEJ_OCT)
    records = dict(_txt_records(folder.with_name("2015-October.txt")))
    message = _parse(folder / "002707.html")
    assert "the “types” branch" in message.body
    assert re.sub(r"[^\x00-\x7f]", "?", message.body) == records[message.message_id]


def test_urls_with_at_sign_keep_it_in_html_but_not_in_txt(shared_dir: Path) -> None:
    """Spec surprise: the HTML links the URL before obfuscating, the .txt does not."""
    folder = _need(shared_dir, TWISTED_AUG)
    records = dict(_txt_records(folder.with_name("2021-August.txt")))
    message = _parse(folder / "065702.html")
    url = "https://mail.python.org/archives/list/twisted@python.org/"
    assert url in message.body
    obfuscated = message.body.replace("twisted@python.org", "twisted at python.org")
    assert obfuscated == records[message.message_id]


@pytest.mark.parametrize(
    ("relative", "volume", "separator"),
    [
        (DIVUNAL_AUG, "1999-August.txt", _LEGACY_TXT_SEPARATOR),
        (TWISTED_1945, "1945-February.txt", _TXT_SEPARATOR),
    ],
)
def test_body_of_pages_without_message_id_occurs_in_txt(
    shared_dir: Path, relative: str, volume: str, separator: re.Pattern[str]
) -> None:
    """Pages without an ID can only be joined by content; the body must be exact."""
    folder = _need(shared_dir, relative)
    bodies = {body for _mid, body in _txt_records(folder.with_name(volume), separator)}
    for path in _pages(folder):
        assert _parse(path).body in bodies, path.name


# --- dev mirror against gold ---------------------------------------------------------------------


def test_dev_mirror_pages_match_gold_id_subject_author(shared_dir: Path) -> None:
    """Every dev page: ID, Re:-stripped subject, author and address equal the gold."""
    gold = _gold(shared_dir)
    pages = _pages(_need(shared_dir, DEV_OCT)) + _pages(_need(shared_dir, DEV_NOV))
    assert len(pages) == len(gold)
    for path in pages:
        message = _parse(path)
        record = gold[message.number]
        assert message.message_id == record["message_id"].strip("<>"), path.name
        assert message.subject == _RE_CHAIN.sub("", record["subject"]), path.name
        assert message.author == record["from_name"], path.name
        assert message.address == record["from_addr"], path.name


# --- thread.html -------------------------------------------------------------------------------


def test_thread_parents_match_gold_in_reply_to_within_month(shared_dir: Path) -> None:
    """Parents from thread keys agree with gold In-Reply-To (README: all 29 do)."""
    gold = _gold(shared_dir)
    checked = 0
    for relative in (DEV_OCT, DEV_NOV):
        thread = _need(shared_dir, relative) / "thread.html"
        entries = parse_thread_index(thread.read_bytes())
        for entry in entries:
            record = gold[entry.number]
            parent_id = record["in_reply_to"]
            same_month = [g for g in gold if g["message_id"] == parent_id]
            if same_month and same_month[0]["archive_file"] == record["archive_file"]:
                assert entry.parent_number is not None, entry
                assert gold[entry.parent_number]["message_id"] == parent_id, entry
                checked += 1
    assert checked == 29


def test_thread_index_lists_every_counted_message(shared_dir: Path) -> None:
    for relative in (DEV_OCT, DEV_NOV, TWISTED_AUG, IMAGEJ_OCT, TWISTED_JUN):
        data = (_need(shared_dir, relative) / "thread.html").read_bytes()
        entries = parse_thread_index(data)
        assert len(entries) == parse_period_index_count(data), relative
        assert len({e.number for e in entries}) == len(entries)


def test_thread_depth_comes_from_key_beyond_the_cap_of_three(shared_dir: Path) -> None:
    """The comment says 3 for a 6-segment key; the real depth is 5 (§3.5)."""
    data = (_need(shared_dir, TWISTED_JUN) / "thread.html").read_bytes()
    by_number = {e.number: e for e in parse_thread_index(data)}
    chain = [65617, 65618, 65619, 65620, 65621, 65622]
    assert [by_number[n].depth for n in chain] == [0, 1, 2, 3, 4, 5]
    assert [by_number[n].parent_number for n in chain] == [None, *chain[:-1]]


def test_legacy_thread_keys_without_seq_map_to_numbers_from_hrefs(shared_dir: Path) -> None:
    """2.0 keys have no .SEQ and anchors differ from file numbers; use hrefs."""
    data = (_need(shared_dir, DIVUNAL_AUG) / "thread.html").read_bytes()
    parents = {e.number: e.parent_number for e in parse_thread_index(data)}
    assert parents[239] == 238
    assert parents[241] == parents[242] == 240
    assert parents[251] == 250
    assert parents[238] is parents[240] is parents[243] is None


def test_thread_keys_of_unknown_grammar_become_roots(shared_dir: Path) -> None:
    """Spec surprise: pre-1970 keys look like ``-0785557196/MSGID-`` (comment 2)."""
    data = (_need(shared_dir, TWISTED_1945) / "thread.html").read_bytes()
    entries = parse_thread_index(data)
    assert [(e.number, e.depth, e.parent_number) for e in entries] == [
        (2056, 0, None),
        (2044, 0, None),
    ]


def test_thread_entries_unescape_subject_and_author(shared_dir: Path) -> None:
    data = (_need(shared_dir, TWISTED_SEP) / "thread.html").read_bytes()
    entry = next(e for e in parse_thread_index(data) if e.number == 63243)
    assert entry.author == 'Amber "Hawkie" Brown'
    assert entry.subject.startswith('[Twisted-Python] "twistd" in Twisted 16.4.0 can\'t import m')
    assert entry.key == "01472737322.30780-01472744172.63243-"


def test_period_count_reads_messages_figure(shared_dir: Path) -> None:
    """Legacy divunal: 28 counted although thread.html lists 14 (rebuild debris)."""
    folder = _need(shared_dir, DIVUNAL_AUG)
    assert parse_period_index_count((folder / "thread.html").read_bytes()) == 28
    assert parse_period_index_count((folder / "date.html").read_bytes()) == 28
    assert len(parse_thread_index((folder / "thread.html").read_bytes())) == 14


def test_period_count_is_none_without_messages_figure() -> None:
    assert parse_period_index_count(b"<html><body>nothing</body></html>") is None


def test_period_count_accepts_translated_label() -> None:
    page = (
        "<p><b>D\u00e9but :</b> <i>jeu oct  1 2015</i><br>\n"
        "<b>Fin :</b> <i>mer oct 14 2015</i><br>\n<b>Messages :</b> 13<p>"
    ).encode()
    assert parse_period_index_count(page) == 13


# --- rendered pages ------------------------------------------------------------------------------


def test_rendered_page_header_lines_become_fields(shared_dir: Path) -> None:
    text = _need(shared_dir, SEED).read_text("utf-8")
    message = parse_rendered_page(text, SEED)
    assert message.subject == "[Chapter-delegates] WSIS+20: Engaging with national governments"
    assert (message.author, message.address) == ("Israel Rosas", "rosas@isoc.org")
    assert message.date_raw == "Sat Nov 1 06:49:07 PDT 2025"
    assert message.message_id is None and message.number is None
    assert (message.list_name, message.list_display) == ("chapter-delegates", "Chapter-delegates")


def test_rendered_page_body_keeps_scrubber_notice_and_drops_footer(shared_dir: Path) -> None:
    message = parse_rendered_page(_need(shared_dir, SEED).read_text("utf-8"))
    assert message.body.startswith("Dear all,\n\nI hope you’re doing well.")
    assert message.body.endswith(
        "URL: <http://elists.isoc.org/pipermail/chapter-delegates/attachments/20251101/"
        "5ac3d4ac/attachment-0001.htm>"
    )
    assert "More information about" not in message.body


def test_rendered_page_body_contains_seed_gold_new_text(shared_dir: Path) -> None:
    gold = json.loads(_need(shared_dir, "eval/dev/seed-gold.json").read_text("utf-8"))
    message = parse_rendered_page(_need(shared_dir, SEED).read_text("utf-8"))
    assert gold["new_text"] in message.body


def test_rendered_page_skips_navigation_lines_of_a_full_text_dump() -> None:
    text = (
        "[L] Hello\n\nAnn Author ann at example.org\nThu Oct  1 16:48:30 CDT 2015\n\n"
        "  * Previous message (by thread): [L] Older\n  * Messages sorted by: [ date ]\n\n"
        "Body line\n\n  * Next message (by thread): [L] Newer\n"
        "________________________________\n\nMore information about the L\nmailing list\n"
    )
    message = parse_rendered_page(text)
    assert message.body == "Body line"
    assert message.list_name == "l"


def test_rendered_text_without_header_lines_is_malformed() -> None:
    with pytest.raises(MalformedMessage):
        parse_rendered_page("just one line\n")


# --- synthetic pages: what the samples do not show ---------------------------------------------


def test_synthetic_page_fields_and_number_from_url_source() -> None:
    page = _synthetic_page().encode()
    message = parse_message_page(page, "https://example.org/pipermail/l/2015-October/0012345.html")
    assert message.number == 12345
    assert message.message_id == "id-1@example.org"
    assert (message.author, message.address) == ("Ann Author", "ann@example.org")
    assert message.body == "Hello"
    assert message.list_name == "l"


def test_number_is_none_when_source_is_not_a_numbered_page() -> None:
    assert parse_message_page(_synthetic_page().encode(), "page.htm").number is None
    assert parse_message_page(_synthetic_page().encode()).number is None


def test_mailto_parameters_may_be_separated_by_amp_entity() -> None:
    params = "Subject=Re%3A%20x&amp;In-Reply-To=%3Cabc%2B1%40example.org%3E"
    message = parse_message_page(_synthetic_page(params=params).encode())
    assert message.message_id == "abc+1@example.org"


def test_per_byte_mojibake_runs_are_redecoded_as_utf8() -> None:
    body = "<PRE>caf&#195;&#169; &#226;&#128;&#153; &#233;t&#233;\n</PRE>"
    message = parse_message_page(_synthetic_page(body, charset="us-ascii").encode())
    assert message.body == "café ’ été"


def test_byte_runs_that_are_not_utf8_stay_latin1_characters() -> None:
    body = "<PRE>&#233;&#233; &#195;x\n</PRE>"
    assert parse_message_page(_synthetic_page(body).encode()).body == "éé Ãx"


def test_nul_characters_become_spaces() -> None:
    body = "<PRE>a\0b\n</PRE>"
    assert parse_message_page(_synthetic_page(body).encode()).body == "a b"


def test_quoted_lines_lose_italic_markup_at_both_line_ends() -> None:
    body = "<PRE>&gt;<i> quoted\n</I>&gt;<i> more\n</I>:<i>-)\n</I>plain &lt;b&gt;\n</PRE>"
    message = parse_message_page(_synthetic_page(body).encode())
    assert message.body == "> quoted\n> more\n:-)\nplain <b>"


def test_empty_body_without_pre_is_empty_string() -> None:
    assert parse_message_page(_synthetic_page("\n\n").encode()).body == ""


def test_trailing_blank_lines_before_endarticle_are_trimmed() -> None:
    body = "<pre>text\n\n\n</pre>\n\n\n"
    assert parse_message_page(_synthetic_page(body).encode()).body == "text"


def test_declared_charset_decodes_latin1_page() -> None:
    page = _synthetic_page("<PRE>Gr\u00fc\u00dfe\n</PRE>", charset="iso-8859-1")
    message = parse_message_page(page.encode("iso-8859-1"))
    assert (message.charset, message.body) == ("iso-8859-1", "Grüße")


def test_charset_mentioned_in_body_is_ignored() -> None:
    body = "<PRE>Content-Type: text/html; charset=&quot;utf-8&quot; caf\u00e9\n</PRE>"
    message = parse_message_page(_synthetic_page(body, charset="iso-8859-1").encode("latin-1"))
    assert message.body.endswith("café")


def test_wrong_or_unknown_charset_falls_back_without_raising() -> None:
    cp1252 = _synthetic_page("<PRE>\u201cquoted\u201d\n</PRE>").encode("cp1252")
    assert parse_message_page(cp1252).body == "“quoted”"
    utf8 = _synthetic_page("<PRE>\u00e9\n</PRE>", charset="x-no-such-codec").encode()
    message = parse_message_page(utf8)
    assert (message.charset, message.body) == ("utf-8", "é")
    assert parse_message_page(b"<H1>x</H1>\x81\x8d\xff").charset == "cp1252"


def test_page_that_is_no_pipermail_message_raises_malformed_message() -> None:
    with pytest.raises(MalformedMessage):
        parse_message_page(b"<html><body><p>Login required</p></body></html>", "x.html")


def test_page_with_h1_but_no_article_markers_parses_with_empty_body() -> None:
    message = parse_message_page(b"<H1>Only a title</H1><B>Someone</B>")
    assert (message.subject, message.author, message.body) == ("Only a title", "Someone", "")
