"""Pipermail and HyperKitty mirroring against real archives served on 127.0.0.1.

The archives come from ../shared (read in place, copied into tmp_path only when a
test changes them); request and byte counts are taken from both sides (the
fetcher's counters and the server's log) to pin down bandwidth.
"""

from __future__ import annotations

import gzip
import logging
import os
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest
from httpserver import HK_LIST, HyperkittySite, LoopbackServer, Reply

from analyzer.errors import AnalyzerError, DecompressionLimit, UnknownSource
from analyzer.ingest.http import Fetcher
from analyzer.ingest.hyperkitty import (
    export_url,
    is_hyperkitty_url,
    mirror_hyperkitty,
    parse_list_url,
)
from analyzer.ingest.pipermail import (
    MONTHS,
    gzip_isize,
    list_name_from_url,
    message_page_names,
    mirror_pipermail,
    open_volume,
    parse_list_index,
    period_range,
    period_sort_key,
    scan_mirror,
)

CHAPTER = "eval/dev/mirror/chapter-leaders"
TWISTED = "corpora/other/twisted-pipermail/twisted-python"
PERCEVAL = "corpora/perceval/pipermail"
HK_EXPORTS = "eval/dev/hyperkitty"
OLD = 1_700_000_000  # Nov 2023: file times far from "now", so gz_probe="auto" is deterministic
NEW_RECORD = (
    b"From new.member at example.org  Sun Nov 30 09:00:00 2025\n"
    b"From: new.member at example.org (New Member)\n"
    b"Date: Sun, 30 Nov 2025 09:00:00 +0000\n"
    b"Subject: [Chapter-leaders] A late November post\n"
    b"Message-ID: <late-post@example.org>\n\n"
    b"Hello everyone, one more message for November.\n\n"
)


# --------------------------------------------------------------------------- helpers


def fetcher(**kw) -> Fetcher:
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", 5.0)
    return Fetcher(**kw)


def writable_copy(src: Path, dest: Path) -> Path:
    """Copy a read-only shared folder so a test may change it; times set to OLD."""
    shutil.copytree(src, dest, copy_function=shutil.copyfile)
    for path in [dest, *dest.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
        os.utime(path, (OLD, OLD))
    return dest


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by relative path, for whole-mirror comparisons."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def touch_old(path: Path) -> None:
    os.utime(path, (OLD, OLD))


def append_message(folder: Path, period: str, *, regzip: bool) -> None:
    """A new post: the .txt grows; the .gz follows only if the nightly job ran."""
    txt = folder / f"{period}.txt"
    txt.write_bytes(txt.read_bytes() + NEW_RECORD)
    touch_old(txt)
    if regzip:
        (folder / f"{period}.txt.gz").write_bytes(gzip.compress(txt.read_bytes()))
        touch_old(folder / f"{period}.txt.gz")


@pytest.fixture
def chapter(shared_dir) -> Path:
    return shared_dir / CHAPTER


@pytest.fixture
def chapter_copy(chapter, tmp_path) -> Path:
    return writable_copy(chapter, tmp_path / "site" / "chapter-leaders")


@pytest.fixture
def server():
    with LoopbackServer() as srv:
        yield srv


def serve(server: LoopbackServer, folder: Path, name: str = "chapter-leaders") -> str:
    return server.mount(f"/pipermail/{name}/", folder)


# --------------------------------------------------------------------------- periods and TOC


def test_period_names_of_every_style_map_to_their_date_spans():
    assert period_range("2025") == (date(2025, 1, 1), date(2026, 1, 1))
    assert period_range("2025-November") == (date(2025, 11, 1), date(2025, 12, 1))
    assert period_range("2025q4") == (date(2025, 10, 1), date(2026, 1, 1))
    assert period_range("Week-of-Mon-20251103") == (date(2025, 11, 3), date(2025, 11, 10))
    assert period_range("20251104") == (date(2025, 11, 4), date(2025, 11, 5))
    for bad in ["2016-Aprildate", "2025q5", "20251399", "Week-of-Mon-2025", "../2025"]:
        with pytest.raises(ValueError):
            period_range(bad)


def test_period_sort_key_orders_mixed_styles_chronologically():
    periods = ["20251104", "2025q4", "2026", "Week-of-Mon-20251103", "2025-November",
               "2025-October", "2024", "1945-February", "junk"]  # fmt: skip
    assert sorted(periods, key=period_sort_key) == [
        "1945-February", "2024", "2025q4", "2025-October", "2025-November",
        "Week-of-Mon-20251103", "20251104", "2026", "junk",
    ]  # fmt: skip


def test_list_index_rows_are_found_by_thread_links(chapter):
    base = "http://h/pipermail/chapter-leaders/"
    volumes = parse_list_index((chapter / "index.html").read_bytes(), base)
    assert [v.period for v in volumes] == ["2025-November", "2025-October"]
    nov = volumes[0]
    assert nov.thread_url == base + "2025-November/thread.html"
    assert nov.txt_url == base + "2025-November.txt"
    assert nov.gz_url == base + "2025-November.txt.gz"
    assert nov.size_text == "7 KB"
    assert nov.linked == "txt.gz"


def test_list_index_with_txt_links_and_a_malformed_date_link(shared_dir):
    data = (shared_dir / PERCEVAL / "pipermail_index.html").read_bytes()
    volumes = parse_list_index(data, "http://h/pipermail/example/index.html")
    assert [(v.period, v.linked, v.size_text) for v in volumes] == [
        ("2016-April", "txt", "2 KB"),
        ("2016-March", "txt", "5 KB"),
        ("2015-November", "txt.gz", "2 KB"),
    ]
    assert volumes[0].gz_url is None
    assert volumes[0].txt_url == "http://h/pipermail/example/2016-April.txt"


def test_empty_archive_index_has_no_volumes(shared_dir):
    data = (shared_dir / PERCEVAL / "pipermail_index_empty.html").read_bytes()
    assert parse_list_index(data, "http://h/pipermail/example/") == []


def test_long_real_index_lists_every_month(shared_dir):
    data = (shared_dir / TWISTED / "index.html").read_bytes()
    volumes = parse_list_index(data, "https://h/pipermail/twisted-python/")
    assert len(volumes) == 248
    assert volumes[0].period == "2021-August" and volumes[-1].period == "1945-February"


def test_list_index_recognises_every_volume_style_and_a_row_without_text():
    rows = "".join(
        f'<tr><td>x:</td><td><A href="{p}/thread.html">[ Thread ]</a></td>{cell}</tr>'
        for p, cell in [
            ("2025", '<td><A href="2025.txt.gz">[ Gzip\'d Text 3 MB ]</a></td>'),
            ("2025q4", '<td><A href="2025q4.txt">[ Text 912 bytes ]</a></td>'),
            ("Week-of-Mon-20251103", ""),
            ("20251104", '<td><A href="20251104.txt">[ Texte 12 Ko ]</a></td>'),
            ("2025-November", ""),
        ]
    )
    volumes = parse_list_index(f"<table>{rows}</table>".encode(), "http://h/p/l/")
    assert [(v.period, v.linked, v.size_text) for v in volumes] == [
        ("2025", "txt.gz", "3 MB"),
        ("2025q4", "txt", "912 bytes"),
        ("Week-of-Mon-20251103", None, None),
        ("20251104", "txt", "12 Ko"),
        ("2025-November", None, None),
    ]


def test_list_name_comes_from_the_archive_url():
    assert list_name_from_url("https://elists.isoc.org/pipermail/chapter-delegates/") == (
        "chapter-delegates"
    )
    assert list_name_from_url("http://h/pipermail/twisted-python") == "twisted-python"
    assert list_name_from_url("http://h/mailman/private/x-y/index.html") == "x-y"
    with pytest.raises(UnknownSource):
        list_name_from_url("http://h/")


# --------------------------------------------------------------------------- local mirrors


def test_scan_mirror_takes_fresh_gz_volumes(chapter):
    volumes = scan_mirror(chapter)
    assert [(v.period, v.kind) for v in volumes] == [
        ("2025-October", "txt.gz"),
        ("2025-November", "txt.gz"),
    ]
    assert volumes[0].paths == [chapter / "2025-October.txt.gz"]


def test_scan_mirror_takes_the_txt_when_the_gz_is_stale(chapter_copy):
    append_message(chapter_copy, "2025-November", regzip=False)
    kinds = {v.period: v.kind for v in scan_mirror(chapter_copy)}
    assert kinds == {"2025-October": "txt.gz", "2025-November": "txt"}


def test_scan_mirror_falls_back_to_message_pages(chapter_copy):
    for f in chapter_copy.glob("2025-November.txt*"):
        f.unlink()
    (chapter_copy / "2025-November" / "1000000.html").write_text("seven digits")
    (chapter_copy / "2025-November" / "12345.html").write_text("too short")
    nov = next(v for v in scan_mirror(chapter_copy) if v.period == "2025-November")
    assert nov.kind == "html"
    assert len(nov.paths) == 22
    assert nov.paths[0].name == "000025.html" and nov.paths[-1].name == "1000000.html"


def test_scan_mirror_ignores_internal_files_and_uses_either_listing_or_index(chapter_copy):
    for name in ["database", "attachments"]:
        (chapter_copy / name).mkdir()
        (chapter_copy / name / "2025-November-date").write_text("x")
    (chapter_copy / "pipermail.pck").write_bytes(b"\x80")
    (chapter_copy / "index.html").unlink()
    assert [v.period for v in scan_mirror(chapter_copy)] == ["2025-October", "2025-November"]


def test_scan_mirror_of_twisted_prefers_gz_whose_trailer_matches(shared_dir):
    volumes = {v.period: v for v in scan_mirror(shared_dir / TWISTED)}
    assert volumes["2016-September"].kind == "txt.gz"
    assert volumes["2010-February"].kind == "txt.gz"
    assert volumes["1945-February"].kind == "txt.gz"
    assert "2021-August" not in volumes  # listed in index.html, but nothing copied


def test_open_volume_streams_gzip_and_plain_files_alike(chapter):
    gz, txt = chapter / "2025-November.txt.gz", chapter / "2025-November.txt"
    with open_volume(gz, max_bytes=10**6) as a, open_volume(txt, max_bytes=10**6) as b:
        assert a.readline() == b.readline()
        assert a.readline().startswith(b"From: ")
        assert list(a)[-1] == txt.read_bytes().splitlines(keepends=True)[-1]
    with open_volume(gz) as stream:
        assert stream.read() == txt.read_bytes()
    assert gzip_isize(gz) == txt.stat().st_size
    assert gzip_isize(txt) is None


def test_open_volume_stops_at_the_decompression_limit(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"\0" * 5_000_000))
    with pytest.raises(DecompressionLimit), open_volume(bomb, max_bytes=1_000_000) as stream:
        while stream.read(65536):
            pass


def test_open_volume_reads_a_gz_that_was_delivered_decompressed(tmp_path):
    plain = tmp_path / "2025-November.txt.gz"
    plain.write_bytes(b"From a at b  Tue Nov  4 10:00:00 2025\n")
    with open_volume(plain) as stream:
        assert stream.read() == plain.read_bytes()


# --------------------------------------------------------------------------- mirroring


def test_first_run_mirrors_gz_volumes_and_a_rerun_costs_one_head_per_volume(
    server, chapter, tmp_path
):
    base = serve(server, chapter)
    f = fetcher()
    first = mirror_pipermail(base, tmp_path / "m", f, gz_probe="full")
    root = tmp_path / "m" / "pipermail" / "chapter-leaders"
    assert first.root == root.resolve()
    assert first.missing == []
    assert sorted(tree(root)) == ["2025-November.txt.gz", "2025-October.txt.gz", "index.html"]
    assert tree(root)["2025-October.txt.gz"] == (chapter / "2025-October.txt.gz").read_bytes()
    # TOC + HEAD .txt ×2 + GET .gz ×2; the .txt bodies are never transferred.
    assert first.requests == 5 == server.count()
    assert server.count(method="GET", path="*.txt") == 0
    gz_bytes = sum((chapter / f"2025-{m}.txt.gz").stat().st_size for m in ["October", "November"])
    assert first.bytes == gz_bytes + (chapter / "index.html").stat().st_size
    server.reset_log()
    second = mirror_pipermail(base, tmp_path / "m", f)
    assert second.changed == []
    assert second.requests == 3 and second.bytes == 0 and server.bytes_sent == 0
    assert [r.status for r in server.requests(method="GET")] == [304]
    assert scan_mirror(second.root) == scan_mirror(first.root)


def test_second_fetch_downloads_only_changed_volumes(server, chapter_copy, tmp_path):
    base = serve(server, chapter_copy)
    f = fetcher()
    mirror_pipermail(base, tmp_path / "m", f, gz_probe="full")
    append_message(chapter_copy, "2025-October", regzip=True)  # a post, then the nightly gzip
    server.reset_log()
    report = mirror_pipermail(base, tmp_path / "m", f, gz_probe="full")
    new_gz = chapter_copy / "2025-October.txt.gz"
    assert [p.name for p in report.changed] == ["2025-October.txt.gz"]
    assert report.bytes == server.bytes_sent == new_gz.stat().st_size
    assert report.requests == 4  # TOC 304, HEAD ×2, GET October .gz
    assert (report.root / "2025-October.txt.gz").read_bytes() == new_gz.read_bytes()
    server.reset_log()
    assert mirror_pipermail(base, tmp_path / "m", f).bytes == 0


def test_stale_gz_is_skipped_for_the_current_txt(server, chapter_copy, tmp_path):
    append_message(chapter_copy, "2025-November", regzip=False)
    base = serve(server, chapter_copy)
    report = mirror_pipermail(base, tmp_path / "m", fetcher(), gz_probe="range")
    txt = chapter_copy / "2025-November.txt"
    assert (report.root / "2025-November.txt").read_bytes() == txt.read_bytes()
    assert not (report.root / "2025-November.txt.gz").exists()  # the probe was enough
    assert server.requests(path="*/2025-November.txt.gz")[0].body_bytes == 4
    kinds = {v.period: v.kind for v in scan_mirror(report.root)}
    assert kinds == {"2025-October": "txt.gz", "2025-November": "txt"}


def test_gz_that_becomes_fresh_replaces_an_outdated_local_txt(server, chapter_copy, tmp_path):
    append_message(chapter_copy, "2025-November", regzip=False)
    base = serve(server, chapter_copy)
    f = fetcher()
    mirror_pipermail(base, tmp_path / "m", f, gz_probe="full")
    append_message(chapter_copy, "2025-November", regzip=True)
    report = mirror_pipermail(base, tmp_path / "m", f, gz_probe="full")
    assert not (report.root / "2025-November.txt").exists()
    nov = next(v for v in scan_mirror(report.root) if v.period == "2025-November")
    assert nov.kind == "txt.gz"
    with open_volume(nov.paths[0]) as stream:
        assert stream.read() == (chapter_copy / "2025-November.txt").read_bytes()


def first_run_cost(base: str, mirror_dir: Path, probe: str) -> tuple[int, int]:
    """(requests, bytes) of a first mirror run with one way of probing the .gz."""
    report = mirror_pipermail(base, mirror_dir, fetcher(), gz_probe=probe)
    assert report.missing == []
    return report.requests, report.bytes


def test_range_probe_saves_the_stale_gz_and_full_get_saves_requests(server, chapter_copy, tmp_path):
    base = serve(server, chapter_copy)
    fresh = {p: first_run_cost(base, tmp_path / "fresh" / p, p) for p in ("full", "range")}
    append_message(chapter_copy, "2025-November", regzip=False)
    stale = {p: first_run_cost(base, tmp_path / "stale" / p, p) for p in ("full", "range", "auto")}
    gz_nov = (chapter_copy / "2025-November.txt.gz").stat().st_size
    assert fresh["full"][0] == 5 and fresh["range"][0] == 7  # 2 extra Range requests
    assert fresh["range"][1] == fresh["full"][1] + 8  # 4 trailer bytes each
    assert stale["full"][1] - stale["range"][1] == gz_nov - 8  # the stale .gz not transferred
    assert stale["auto"] == (6, stale["range"][1] - 4)  # range only for the newest period


def test_server_failing_midway_names_missing_volumes_and_a_rerun_completes(
    server, chapter, tmp_path
):
    base = serve(server, chapter)
    server.inject("*/2025-October.txt.gz", "reset", after=3000)
    server.inject("*/2025-November.txt", "status", code=500)
    server.inject("*/2025-November.txt.gz", "status", code=503, times=1)  # recovers in-run
    f = fetcher(retries=2)
    first = mirror_pipermail(base, tmp_path / "m", f, gz_probe="full")
    assert first.missing == ["2025-October", "2025-November"]
    assert not [p for p in (tmp_path / "m").rglob("*") if p.name.endswith((".part", ".new"))]
    server.clear_faults()
    second = mirror_pipermail(base, tmp_path / "m", f)
    assert second.missing == []
    clean = mirror_pipermail(base, tmp_path / "clean", fetcher())
    assert tree(second.root) == tree(clean.root)


def test_truncated_gz_on_the_server_is_rejected_for_the_txt(server, chapter, tmp_path, caplog):
    base = serve(server, chapter)
    server.inject("*/2025-October.txt.gz", "truncate", keep=5000)
    report = mirror_pipermail(base, tmp_path / "m", fetcher(), gz_probe="full")
    assert report.missing == []
    assert not (report.root / "2025-October.txt.gz").exists()
    assert (report.root / "2025-October.txt").read_bytes() == (
        chapter / "2025-October.txt"
    ).read_bytes()
    assert "corrupt gzip" in caplog.text


def test_truncated_gz_without_a_txt_is_missing_until_the_server_is_fixed(
    server, chapter_copy, tmp_path
):
    (chapter_copy / "2025-October.txt").unlink()
    base = serve(server, chapter_copy)
    server.inject("*/2025-October.txt.gz", "truncate", keep=5000, times=1)
    f = fetcher()
    # The .gz is corrupt and there is no .txt: the volume is missing (not replaced by
    # its HTML pages, which would be stored first and stay after the server is fixed).
    first = mirror_pipermail(base, tmp_path / "m", f)
    assert first.missing == ["2025-October"]
    assert "2025-October" not in {v.period for v in scan_mirror(first.root)}
    second = mirror_pipermail(base, tmp_path / "m", f)
    assert {v.period: v.kind for v in scan_mirror(second.root)}["2025-October"] == "txt.gz"


def test_gz_sent_with_content_encoding_gzip_is_mirrored_as_gzip(server, chapter, tmp_path):
    base = serve(server, chapter)
    server.inject("*.txt.gz", "gzip-encoding")
    report = mirror_pipermail(base, tmp_path / "m", fetcher(), gz_probe="full")
    assert report.missing == []
    gz = report.root / "2025-November.txt.gz"
    assert gz.read_bytes() == (chapter / "2025-November.txt.gz").read_bytes()
    assert gz.read_bytes()[:2] == b"\x1f\x8b"


def test_gz_delivered_decompressed_is_detected_by_its_magic_bytes(server, chapter, tmp_path):
    base = serve(server, chapter)
    server.inject("*.txt.gz", "gunzip")
    report = mirror_pipermail(base, tmp_path / "m", fetcher(), gz_probe="full")
    assert report.missing == []
    nov = next(v for v in scan_mirror(report.root) if v.period == "2025-November")
    assert nov.kind == "txt.gz"
    with open_volume(nov.paths[0]) as stream:
        assert stream.read() == (chapter / "2025-November.txt").read_bytes()


def test_html_pages_are_mirrored_when_the_text_volumes_are_removed(server, chapter_copy, tmp_path):
    for f in chapter_copy.glob("*.txt*"):
        f.unlink()
    base = serve(server, chapter_copy)
    f = fetcher()
    first = mirror_pipermail(base, tmp_path / "m", f)
    assert first.missing == []
    volumes = {v.period: v for v in scan_mirror(first.root)}
    assert {p: v.kind for p, v in volumes.items()} == {
        "2025-October": "html",
        "2025-November": "html",
    }
    assert len(volumes["2025-October"].paths) == 25 and len(volumes["2025-November"].paths) == 21
    page = volumes["2025-October"].paths[0]
    assert page.read_bytes() == (chapter_copy / "2025-October" / page.name).read_bytes()
    # TOC + per period (HEAD .txt, GET .gz, GET thread.html) + 46 pages
    assert first.requests == 1 + 2 * 3 + 46
    server.reset_log()
    second = mirror_pipermail(base, tmp_path / "m", f)
    assert second.missing == [] and second.bytes == 0
    assert second.requests == 1 + 2 * 2  # no HEAD (learnt), .gz 404, thread.html 304
    assert server.count(path="*/0*.html") == 0


def test_html_fallback_fetches_only_missing_pages_after_a_failure(server, chapter_copy, tmp_path):
    for f in chapter_copy.glob("*.txt*"):
        f.unlink()
    base = serve(server, chapter_copy)
    server.inject("*/2025-November/000030.html", "status", code=500)
    f = fetcher(retries=1)
    first = mirror_pipermail(base, tmp_path / "m", f)
    assert first.missing == ["2025-November"]
    server.clear_faults()
    server.reset_log()
    second = mirror_pipermail(base, tmp_path / "m", f)
    assert second.missing == []
    assert [r.path for r in server.requests(path="*/0*.html")] == [
        "/pipermail/chapter-leaders/2025-November/000030.html"
    ]


def test_with_pages_also_mirrors_message_pages_of_text_volumes(server, chapter, tmp_path):
    base = serve(server, chapter)
    report = mirror_pipermail(base, tmp_path / "m", fetcher(), with_pages=True)
    assert report.missing == []
    assert len(list((report.root / "2025-November").glob("0*.html"))) == 21
    assert {v.kind for v in scan_mirror(report.root)} == {"txt.gz"}


def test_since_skips_older_volumes(server, chapter, tmp_path):
    base = serve(server, chapter)
    report = mirror_pipermail(base, tmp_path / "m", fetcher(), since="2025-11")
    assert [v.period for v in scan_mirror(report.root)] == ["2025-November"]
    assert server.count(path="*2025-October*") == 0


def test_progress_is_reported_per_volume(server, chapter, tmp_path):
    seen = []
    base = serve(server, chapter)
    mirror_pipermail(base, tmp_path / "m", fetcher(), progress=lambda *a: seen.append(a))
    assert [s[:2] for s in seen] == [(1, 2), (2, 2)]
    assert {s[2] for s in seen} == {"2025-October: ok", "2025-November: ok"}


def test_unreachable_list_index_is_reported_missing(server, tmp_path):
    report = mirror_pipermail(server.url("/pipermail/nolist/"), tmp_path / "m", fetcher())
    assert report.missing == [server.url("/pipermail/nolist/")]
    assert report.list_name == "nolist"


LOGIN_FORM = b"""<html><body><form method="post" action="">
<input type="text" name="username"><input type="password" name="password">
<input type="submit" name="submit" value="Let me in..."></form></body></html>"""


def test_private_archive_login_form_is_reported_instead_of_an_empty_mirror(server, tmp_path):
    server.route("/mailman/private/secret/", lambda *a: Reply(200, LOGIN_FORM))
    url = server.url("/mailman/private/secret/")
    report = mirror_pipermail(url, tmp_path / "m", fetcher())
    assert report.missing == [url]
    assert "login" in report.warnings[0]


def test_html_answer_for_a_text_volume_is_not_saved_as_text(server, chapter, tmp_path):
    base = serve(server, chapter)
    page = Reply(200, LOGIN_FORM, {"Content-Type": "text/html"})
    server.route("/pipermail/chapter-leaders/2025-November.txt", lambda *a: page)
    report = mirror_pipermail(base, tmp_path / "m", fetcher())
    assert report.missing == ["2025-November"]
    assert not (report.root / "2025-November.txt").exists()


HOSTILE_INDEX = """<html><body><table>
<tr><td><A href="../../../etc/thread.html">x</a> <A href="../../../etc.txt.gz">x</a></td></tr>
<tr><td><A href="/etc/thread.html">x</a> <A href="/secret.txt">x</a></td></tr>
<tr><td><A href="{evil}/pipermail/victim/2025-September/thread.html">x</a></td></tr>
<tr><td><A href="..%2F..%2Fescape/thread.html">x</a></td></tr>
<tr><td><A href="2025-November/../../outside/thread.html">x</a></td></tr>
<tr><td><A href="file:///etc/passwd">x</a> <A href="2025-10-01/thread.html">x</a></td></tr>
<tr><td><A href="2025-November/thread.html">[ Thread ]</a></td>
    <td><A href="../../2025-November.txt.gz">[ Gzip'd Text 1 KB ]</a></td></tr>
<tr><td><A href="2025-October/thread.html">[ Thread ]</a></td></tr>
</table></body></html>"""

HOSTILE_THREAD = """<ul>
<li><A HREF="../../../etc/000001.html">a</A></li>
<li><A HREF="{evil}/000002.html">b</A></li>
<li><A HREF="/pipermail/000003.html">c</A></li>
<li><A HREF="..%2F000004.html">d</A></li>
<li><A HREF="000005.html">fine</A></li>
</ul>"""


def test_hostile_index_cannot_make_the_mirror_write_or_ask_elsewhere(server, tmp_path, caplog):
    site = tmp_path / "site" / "victim"
    (site / "2025-October").mkdir(parents=True)
    evil = "http://evil.example"
    (site / "index.html").write_text(HOSTILE_INDEX.format(evil=evil))
    (site / "2025-November.txt").write_bytes(NEW_RECORD)
    (site / "2025-October" / "thread.html").write_text(HOSTILE_THREAD.format(evil=evil))
    (site / "2025-October" / "000005.html").write_text("<html>message five</html>")
    (tmp_path / "site" / "etc.txt.gz").write_bytes(gzip.compress(b"secret"))
    mirror_dir = tmp_path / "m"
    caplog.set_level(logging.WARNING)
    report = mirror_pipermail(serve(server, site, "victim"), mirror_dir, fetcher())
    assert report.missing == []
    written = sorted(p.relative_to(mirror_dir).as_posix() for p in mirror_dir.rglob("*"))
    assert written == [
        ".analyzer-fetch.json",
        "pipermail",
        "pipermail/victim",
        "pipermail/victim/2025-November.txt",
        "pipermail/victim/2025-October",
        "pipermail/victim/2025-October/000005.html",
        "pipermail/victim/2025-October/thread.html",
        "pipermail/victim/index.html",
    ]
    assert all(r.path.startswith("/pipermail/victim/") for r in server.requests())
    assert "ignoring link outside the list archive" in caplog.text
    assert "ignoring message link outside the period folder" in caplog.text


def test_message_page_links_are_confined_to_the_period_folder():
    data = HOSTILE_THREAD.format(evil="http://evil.example").encode()
    names = message_page_names(data, "http://h/pipermail/l/2025-October/thread.html")
    assert names == ["000005.html"]


def test_twisted_archive_mirrors_every_volume_the_server_has(server, shared_dir, tmp_path):
    folder = shared_dir / TWISTED
    base = serve(server, folder, "twisted-python")
    f = fetcher()
    report = mirror_pipermail(base, tmp_path / "m", f, since="2016-01", gz_probe="full")
    local = {v.period: v.kind for v in scan_mirror(report.root)}
    months = [f"2016-{m}" for m in MONTHS]
    assert local == {**dict.fromkeys(months, "txt.gz"), "2021-June": "txt.gz"}
    listed = parse_list_index((folder / "index.html").read_bytes(), base)
    expected_missing = [v.period for v in listed if v.period >= "2016" and v.period not in local]
    assert sorted(report.missing) == sorted(expected_missing)
    assert len(report.missing) == 55
    assert server.count(method="GET", path="*.txt") == 0  # fresh .gz everywhere
    for period in local:
        with open_volume(report.root / f"{period}.txt.gz") as stream:
            data = stream.read()
        assert data == gzip.decompress((folder / f"{period}.txt.gz").read_bytes())
    server.reset_log()
    again = mirror_pipermail(base, tmp_path / "m", f, since="2016-01")
    assert again.bytes == 0 and again.changed == []
    # TOC; HEAD for the 2 volumes with a .txt; a conditional GET for the 11 .gz-only
    # months; .gz and thread.html probes (both 404) for the 55 absent months.
    assert again.requests == 1 + 2 + 11 + 2 * 55


# --------------------------------------------------------------------------- HyperKitty


def test_hyperkitty_list_urls_are_recognised_under_any_mount():
    hk = parse_list_url(f"https://lists.example.org/hyperkitty/list/{HK_LIST}/")
    assert hk.mount == "https://lists.example.org/hyperkitty/"
    assert hk.name == "chapter-leaders" and hk.address == HK_LIST
    archives = parse_list_url("https://mail.python.org/archives/list/python-dev@python.org/latest")
    assert archives.url == "https://mail.python.org/archives/list/python-dev@python.org/"
    assert is_hyperkitty_url(f"http://h/hyperkitty/list/{HK_LIST}/2025/11/")
    assert not is_hyperkitty_url("http://h/pipermail/chapter-leaders/")
    with pytest.raises(UnknownSource):
        parse_list_url("http://h/hyperkitty/list/no-domain/")


def test_export_url_asks_for_one_month_with_an_exclusive_end():
    url = export_url(f"http://h/hyperkitty/list/{HK_LIST}/", date(2025, 12, 1), date(2026, 1, 1))
    assert url == (
        f"http://h/hyperkitty/list/{HK_LIST}/export/chapter-leaders-2025-12.mbox.gz"
        "?start=2025-12-01&end=2026-01-01"
    )


def test_hyperkitty_mirror_fetches_one_export_per_month_from_creation(server, shared_dir, tmp_path):
    site = HyperkittySite(shared_dir / HK_EXPORTS)
    url = site.install(server)
    f = fetcher()
    today = date(2025, 12, 15)
    first = mirror_hyperkitty(url, tmp_path / "m", f, today=today)
    root = tmp_path / "m" / "hyperkitty" / "chapter-leaders"
    assert first.missing == [] and first.root == root.resolve()
    assert sorted(p.name for p in root.glob("*.mbox.gz")) == [
        "2025-10.mbox.gz",
        "2025-11.mbox.gz",
        "2025-12.mbox.gz",
    ]
    for month in ("10", "11"):
        exported = shared_dir / HK_EXPORTS / f"chapter-leaders-2025-{month}.mbox.gz"
        assert (root / f"2025-{month}.mbox.gz").read_bytes() == exported.read_bytes()
    exports = [r.path for r in server.requests(path="*/export/*")]
    assert exports[0] == (
        f"/hyperkitty/list/{HK_LIST}/export/chapter-leaders-2025-10.mbox.gz"
        "?start=2025-10-01&end=2025-11-01"
    )
    assert first.requests == 1 + 3  # REST API + three months
    with open_volume(root / "2025-10.mbox.gz") as stream:
        assert stream.read().count(b"\nMessage-ID: ") == 25
    server.reset_log()
    second = mirror_hyperkitty(url, tmp_path / "m", f, since="2025-10", today=today)
    assert [r.path.split("?")[0].rsplit("/", 1)[1] for r in server.requests()] == [
        "chapter-leaders-2025-12.mbox.gz"  # only the current month is asked again
    ]
    assert [p.name for p in second.unchanged] == ["2025-10.mbox.gz", "2025-11.mbox.gz"]


def test_hyperkitty_month_fetched_before_it_ended_is_fetched_once_more(
    server, shared_dir, tmp_path
):
    url = HyperkittySite(shared_dir / HK_EXPORTS).install(server)
    f = fetcher()
    mirror_hyperkitty(url, tmp_path / "m", f, since="2025-11", today=date(2025, 11, 20))
    server.reset_log()
    report = mirror_hyperkitty(url, tmp_path / "m", f, since="2025-11", today=date(2025, 12, 5))
    assert [p.name for p in report.changed] == ["2025-11.mbox.gz", "2025-12.mbox.gz"]
    server.reset_log()
    report = mirror_hyperkitty(url, tmp_path / "m", f, since="2025-11", today=date(2025, 12, 6))
    assert [p.name for p in report.changed] == ["2025-12.mbox.gz"]


def test_hyperkitty_without_api_or_since_asks_for_since(server, shared_dir, tmp_path):
    url = HyperkittySite(shared_dir / HK_EXPORTS, created_at=None).install(server)
    with pytest.raises(AnalyzerError, match="--since"):
        mirror_hyperkitty(url, tmp_path / "m", fetcher(), today=date(2025, 12, 15))


def test_hyperkitty_failures_are_missing_months_and_login_pages_are_rejected(
    server, shared_dir, tmp_path
):
    site = HyperkittySite(shared_dir / HK_EXPORTS)
    url = site.install(server)
    server.inject("*/export/chapter-leaders-2025-10.mbox.gz", "status", code=500)
    f = fetcher(retries=1)
    today = date(2025, 11, 20)
    report = mirror_hyperkitty(url, tmp_path / "m", f, since="2025-10", today=today)
    assert report.missing == ["2025-10"]
    good = tmp_path / "m" / "hyperkitty" / "chapter-leaders" / "2025-11.mbox.gz"
    before = good.read_bytes()
    server.clear_faults()
    site.login_page = True
    report = mirror_hyperkitty(url, tmp_path / "m", f, since="2025-10", today=today)
    assert report.missing == ["2025-10", "2025-11"]
    assert "not a complete gzip export" in report.warnings[0]
    assert good.read_bytes() == before  # the earlier good copy was kept
    assert not list(good.parent.glob("*.new"))


def test_site_that_stops_keeping_txt_files_leaves_no_outdated_txt(server, chapter_copy, tmp_path):
    append_message(chapter_copy, "2025-November", regzip=False)
    base = serve(server, chapter_copy)
    f = fetcher()
    first = mirror_pipermail(base, tmp_path / "m", f)
    assert (first.root / "2025-November.txt").is_file()
    append_message(chapter_copy, "2025-November", regzip=True)
    (chapter_copy / "2025-November.txt").unlink()  # GZIP_ARCHIVE_TXT_FILES switched on
    second = mirror_pipermail(base, tmp_path / "m", f)
    assert not (second.root / "2025-November.txt").exists()
    nov = next(v for v in scan_mirror(second.root) if v.period == "2025-November")
    with open_volume(nov.paths[0]) as stream:
        assert stream.read().endswith(NEW_RECORD + NEW_RECORD)


# --------------------------------------------------------------------------- fault matrix, CLI
#
# Each fault is injected for a whole `analyzer fetch` run against the bundled
# sample; the run must mirror and ingest everything else, name what it could not
# get and exit 1 (or, where the fault leaves a usable copy, exit 0).  A re-run
# against the healthy server must end with the store of a clean run, compared
# with canonical_dump (same mirror and store paths, so recorded paths agree).

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "sample" / "chapter-leaders"
OCT = "/pipermail/chapter-leaders/2025-October"
GARBAGE_ROWS = b"""<table>
<tr><td><A href="../../../etc/thread.html">x</a> <A href="/etc/passwd.txt.gz">x</a></td></tr>
<tr><td><A href="javascript:alert(1)">x</a> <A href="2025-Octember/thread.html">x</a></td></tr>
<tr><td><A href="http://evil.example/pipermail/chapter-leaders/2025-May/thread.html">x</a></td>
<tr><td><A href="%00/thread.html">x</a><A href="2025-November/../../x.txt">x</a></td></tr>
</table>"""


def _always_404(server):
    server.inject(f"{OCT}*", "status", code=404)


def _server_error(server):
    server.inject(f"{OCT}.txt*", "status", code=500)


def _server_error_once(server):
    server.inject(f"{OCT}.txt.gz", "status", code=500, times=1)


def _timeout(server):
    server.inject(f"{OCT}.txt.gz", "slow", delay=0.6)


def _reset_mid_body(server):
    server.inject(f"{OCT}.txt.gz", "reset", after=2000)


def _truncated_gzip(server):
    server.inject(f"{OCT}.txt.gz", "truncate", keep=3000)
    server.inject(f"{OCT}.txt", "status", code=404)


def _wrong_length(server):
    server.inject(f"{OCT}.txt.gz", "bad-length", extra=700)


def _redirect_loop(server):
    server.inject(f"{OCT}.txt.gz", "redirect", to=f"{OCT}.txt.gz")


def _garbage_index_links(server):
    page = (SAMPLE / "index.html").read_bytes().replace(b"</body>", GARBAGE_ROWS + b"</body>")
    server.route("/pipermail/chapter-leaders/index.html",
                 lambda *a: Reply(200, page, {"Content-Type": "text/html"}))


def _gzip_bomb(server):
    bomb = gzip.compress(b"\0" * 3_000_000)
    server.route(f"{OCT}.txt.gz", lambda *a: Reply(200, bomb, {"Content-Type": "application/gzip"}))
    server.inject(f"{OCT}.txt", "status", code=404)


FAULTS = {  # name: (inject, periods named missing by the faulty run)
    "always-404-volume": (_always_404, ["2025-October"]),
    "500-every-time": (_server_error, ["2025-October"]),
    "500-then-success": (_server_error_once, []),
    "timeout": (_timeout, ["2025-October"]),
    "reset-mid-body": (_reset_mid_body, ["2025-October"]),
    "truncated-gzip": (_truncated_gzip, ["2025-October"]),
    "wrong-content-length": (_wrong_length, ["2025-October"]),
    "redirect-loop": (_redirect_loop, ["2025-October"]),
    "garbage-index-links": (_garbage_index_links, []),
    "gzip-bomb": (_gzip_bomb, ["2025-October"]),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_fetch_under_a_fault_names_what_failed_and_a_healthy_rerun_equals_a_clean_run(
    fault, tmp_path
):
    from click.testing import CliRunner

    from analyzer.cli import cli
    from analyzer.store.dump import canonical_dump, dump_differences

    inject, missing = FAULTS[fault]
    work = tmp_path / "work"
    env = {"ANALYZER_CONFIG": "", "ANALYZER_FETCH_RETRIES": "1",
           "ANALYZER_FETCH_TIMEOUT": "0.3", "ANALYZER_INGEST_MAX_BYTES": "1000000"}

    def fetch(url):
        return CliRunner(env=env).invoke(cli, ["--store", str(work / "s.sqlite"), "fetch",
                                               url, "--mirror", str(work / "m")])

    with LoopbackServer() as server:
        url = serve(server, SAMPLE)
        assert fetch(url).exit_code == 0
        clean, clean_mirror = canonical_dump(work / "s.sqlite"), tree(work / "m" / "pipermail")
        shutil.rmtree(work)
        inject(server)
        faulty = fetch(url)
        assert faulty.exit_code == (1 if missing else 0), faulty.output
        if missing:
            assert f"could not fetch: {', '.join(missing)}" in faulty.output
        got = canonical_dump(work / "s.sqlite")
        periods = {row[got["messages"][0].index("period")] for row in got["messages"][1:]}
        assert periods >= {"2025-November", "2025-September"}  # the rest was ingested
        server.clear_faults()
        server.routes.clear()
        again = fetch(url)
    assert again.exit_code == 0, again.output
    got = canonical_dump(work / "s.sqlite")
    assert got == clean, "\n".join(dump_differences(clean, got))
    assert tree(work / "m" / "pipermail") == clean_mirror
