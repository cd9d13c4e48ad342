"""The direct parse path for plain text gives exactly what the standard parser gives.

``parse_simple`` replaces ``BytesParser(policy=compat32)`` for plain single-part
messages; these tests compare both on every record of the real corpora and on
generated records built from the header shapes that trip parsers, and check which
records take the direct path (so a path that always declined would fail here).
"""

from __future__ import annotations

import gzip
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.errors import MalformedMessage
from analyzer.ingest import message as M
from analyzer.ingest.mbox import iter_records


def _reference(raw: bytes) -> tuple[dict[str, str], str]:
    msg = M._PARSER.parsebytes(raw)
    return M._header_map(msg), M.extract_body(msg)


def _records(root) -> list[tuple[str, bytes]]:
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        out.extend((f"{path}:{r.offset}", r.raw.replace(b"\x00", b" "))
                   for r in iter_records(io.BytesIO(data)))
    return out


def test_direct_path_equals_standard_parser_on_every_real_record(shared_dir):
    records = _records(shared_dir / "corpora") + _records(shared_dir / "eval" / "dev")
    direct = 0
    for where, raw in records:
        simple = M.parse_simple(raw)
        if simple is not None:
            direct += 1
            assert simple == _reference(raw), where
    assert len(records) > 3000
    assert direct > 0.8 * len(records)  # the path is taken for most real mail


def test_parse_record_gives_the_same_message_either_way(shared_dir):
    for where, raw in _records(shared_dir / "corpora" / "bigbang"):
        try:
            got = M.parse_record(raw, envelope=b"", source="s", position=where)
        except MalformedMessage:
            continue
        want = M.build_message(M._PARSER.parsebytes(raw), source="s", position=where)
        assert got == want, where


PLAIN = (b"From: a at example.org (A)\nDate: Mon, 2 Nov 2009 10:11:12 +0100\n"
         b"Subject: Hi\nMessage-ID: <1@x>\n")


@pytest.mark.parametrize("extra, body", [
    (b"", b"Hello\n"),
    (b"Content-Type: text/plain; charset=\"iso-8859-1\"\n", b"Caf\xe9\n"),
    (b"Content-Type: TEXT/PLAIN;\n\tcharset=UTF-8; format=flowed\n", "Café\n".encode()),
    (b"Content-Transfer-Encoding: quoted-printable\n", b"Caf=C3=A9 =\nsoft\n"),
    (b"Content-Disposition: attachment; filename=a.txt\n", b"not shown\n"),
    (b"Content-Type: text\n", b"no slash: the standard parser reads text/plain\n"),
    (b"Subject: second subject is ignored\n", b"x\n"),
])
def test_plain_text_shapes_take_the_direct_path_with_the_same_result(extra, body):
    raw = PLAIN + extra + b"\n" + body
    simple = M.parse_simple(raw)
    assert simple is not None
    assert simple == _reference(raw)


@pytest.mark.parametrize("raw", [
    PLAIN + b"Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n",
    PLAIN + b"Content-Type: text/html\n\n<p>x</p>\n",
    PLAIN + b"Content-Type: message/rfc822\n\nSubject: inner\n\nx\n",
    PLAIN + b"Content-Transfer-Encoding: base64\n\nSGVsbG8=\n",
    PLAIN + b"Content-Type: text/plain; charset=\xe9\n\nx\n",
    PLAIN.replace(b"\n", b"\r\n") + b"\r\nx\r\n",
    PLAIN + b"X-Odd: form\x0cfeed\n\nx\n",
    PLAIN + b"not a header line\n\nx\n",
    b" leading continuation\n" + PLAIN + b"\nx\n",
    b"From someone Mon Nov  2 10:11:12 2009\n" + PLAIN + b"\nx\n",
    PLAIN,  # no empty line, no body
])
def test_unusual_records_are_left_to_the_standard_parser(raw):
    assert M.parse_simple(raw) is None


_NAMES = st.sampled_from([
    b"From", b"from", b"Date", b"Subject", b"SUBJECT", b"Message-ID", b"Message-Id",
    b"In-Reply-To", b"References", b"Reply-To", b"Content-Type",
    b"Content-Transfer-Encoding", b"Content-Disposition", b"X-Mailer", b"X-Odd",
])
_VALUES = st.one_of(
    st.sampled_from([
        b"text/plain", b"text/plain; charset=utf-8", b'text/plain; charset="us-ascii"',
        b"text/plain; charset*=utf-8''x", b"text/html", b"multipart/alternative",
        b"quoted-printable", b"base64", b"8bit", b" 7bit ", b"attachment", b"inline",
        b"<a@b> <c@d>", b"a at example.org (Name)", b"=?utf-8?q?Caf=C3=A9?=",
        b"Mon, 2 Nov 2009 10:11:12 -0000", b"", b"\xe9t\xe9", b"x\ty",
    ]),
    st.binary(max_size=30).filter(lambda b: b"\n" not in b),
)
_LINES = st.lists(
    st.one_of(
        st.tuples(_NAMES, _VALUES).map(lambda nv: nv[0] + b": " + nv[1] + b"\n"),
        _VALUES.map(lambda v: b"\t" + v + b"\n"),  # continuation
        _VALUES.map(lambda v: v + b"\n"),  # maybe not a header at all
    ),
    min_size=1, max_size=8,
)
_BODIES = st.one_of(
    st.sampled_from([b"", b"Hello\n", b"Caf\xc3\xa9 =3D=\n x\r\n", b"\xe9\n", b"SGVsbG8=\n"]),
    st.binary(max_size=60),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_LINES, body=_BODIES)
def test_generated_records_give_the_standard_result_or_decline(lines, body):
    raw = b"".join(lines) + b"\n" + body
    simple = M.parse_simple(raw)
    if simple is not None:
        assert simple == _reference(raw)
