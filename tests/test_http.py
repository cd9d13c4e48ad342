"""The polite fetcher against a real loopback server with injected faults."""

from __future__ import annotations

import gzip
import json
import logging

import pytest
from httpserver import LoopbackServer, Reply

from analyzer import __version__
from analyzer.ingest.http import Fetcher, FetchState, safe_join

TEXT = b"From someone at example.org  Tue Nov  4 10:00:00 2025\n" + b"x" * 5000 + b"\n"


@pytest.fixture
def site(tmp_path):
    """A folder with one text file and its gzip, served at /files/."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "vol.txt").write_bytes(TEXT)
    (folder / "vol.txt.gz").write_bytes(gzip.compress(TEXT))
    return folder


@pytest.fixture
def server(site):
    with LoopbackServer() as srv:
        srv.mount("/files/", site)
        yield srv


def fetcher(**kw) -> Fetcher:
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", 5.0)
    return Fetcher(**kw)


def test_fetch_downloads_the_file_and_returns_its_validators(server, tmp_path):
    f = fetcher()
    result = f.fetch(server.url("/files/vol.txt"), tmp_path / "out" / "vol.txt")
    assert result.status == "downloaded"
    assert result.path.read_bytes() == TEXT
    assert result.bytes == len(TEXT)
    assert result.etag and result.last_modified
    assert f.requests_made == 1
    assert f.bytes_received == len(TEXT)


def test_requests_identify_the_tool_by_user_agent(server, tmp_path):
    fetcher().fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    agent = server.requests()[0].headers["User-Agent"]
    assert agent == f"analyzer/{__version__} (+mailing-list digest)"


def test_conditional_get_with_etag_returns_not_modified_without_a_body(server, tmp_path):
    f = fetcher()
    dest = tmp_path / "vol.txt"
    first = f.fetch(server.url("/files/vol.txt"), dest)
    again = f.fetch(server.url("/files/vol.txt"), dest, validators={"etag": first.etag})
    assert again.status == "not-modified"
    assert again.bytes == 0
    assert server.requests()[-1].status == 304
    assert server.requests()[-1].body_bytes == 0
    assert dest.read_bytes() == TEXT


def test_conditional_get_with_last_modified_only_returns_not_modified(server, tmp_path):
    f = fetcher()
    dest = tmp_path / "vol.txt"
    first = f.fetch(server.url("/files/vol.txt"), dest)
    again = f.fetch(
        server.url("/files/vol.txt"), dest, validators={"last_modified": first.last_modified}
    )
    assert again.status == "not-modified"
    assert server.requests()[-1].headers["If-Modified-Since"] == first.last_modified


def test_changed_file_is_downloaded_again_despite_old_validators(server, site, tmp_path):
    f = fetcher()
    dest = tmp_path / "vol.txt"
    first = f.fetch(server.url("/files/vol.txt"), dest)
    (site / "vol.txt").write_bytes(TEXT + b"more\n")
    again = f.fetch(server.url("/files/vol.txt"), dest, validators={"etag": first.etag})
    assert again.status == "downloaded"
    assert dest.read_bytes() == TEXT + b"more\n"


def test_404_fails_at_once_without_retries(server, tmp_path):
    f = fetcher(retries=4)
    result = f.fetch(server.url("/files/absent.txt"), tmp_path / "absent.txt")
    assert result.status == "failed"
    assert result.http_status == 404
    assert f.requests_made == 1
    assert not (tmp_path / "absent.txt").exists()


def test_injected_404_always_fails_even_for_an_existing_file(server, tmp_path):
    server.inject("/files/vol.txt", "status", code=404)
    f = fetcher()
    assert f.fetch(server.url("/files/vol.txt"), tmp_path / "v").http_status == 404
    assert f.fetch(server.url("/files/vol.txt"), tmp_path / "v").http_status == 404
    assert f.requests_made == 2


def test_500_twice_then_success_is_retried_until_it_works(server, tmp_path):
    server.inject("/files/vol.txt", "status", code=500, times=2)
    f = fetcher(retries=4)
    result = f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    assert result.status == "downloaded"
    assert f.requests_made == 3
    assert [r.status for r in server.requests()] == [500, 500, 200]


def test_429_with_retry_after_is_retried(server, tmp_path):
    server.inject("/files/vol.txt", "status", code=429, retry_after=0, times=1)
    pauses: list[float] = []
    f = fetcher(sleep=pauses.append)
    assert f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt").status == "downloaded"
    assert f.requests_made == 2
    assert len(pauses) == 1


def test_retry_pauses_grow_exponentially_and_honour_retry_after(server, tmp_path):
    server.inject("/files/vol.txt", "status", code=503, times=3)
    server.inject("/files/vol.txt", "status", code=503, retry_after=5, times=1)
    pauses: list[float] = []
    f = fetcher(backoff=0.5, sleep=pauses.append, retries=4)
    assert f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt").status == "downloaded"
    assert pauses == [0.5, 1.0, 2.0, 5.0]


def test_persistent_500_gives_up_after_the_configured_retries(server, tmp_path):
    server.inject("/files/vol.txt", "status", code=500)
    f = fetcher(retries=2)
    result = f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    assert result.status == "failed"
    assert result.http_status == 500
    assert "gave up after 3 attempts" in result.error
    assert f.requests_made == 3
    assert not (tmp_path / "vol.txt").exists()


def test_slow_response_times_out_and_is_retried(server, tmp_path):
    server.inject("/files/vol.txt", "slow", delay=1.0, times=1)
    f = fetcher(timeout=0.2)
    result = f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    assert result.status == "downloaded"
    assert result.path.read_bytes() == TEXT
    assert f.requests_made == 2


def test_connection_reset_mid_body_is_retried_and_the_file_is_complete(server, tmp_path):
    server.inject("/files/vol.txt", "reset", after=1000, times=2)
    f = fetcher()
    result = f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    assert result.status == "downloaded"
    assert (tmp_path / "vol.txt").read_bytes() == TEXT
    assert f.requests_made == 3


def test_interrupted_download_never_leaves_a_half_file(server, tmp_path):
    server.inject("/files/vol.txt", "reset", after=1000)
    dest = tmp_path / "vol.txt"
    result = fetcher(retries=1).fetch(server.url("/files/vol.txt"), dest)
    assert result.status == "failed"
    assert not dest.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "site"]  # no .part left behind


def test_failed_refresh_keeps_the_previous_complete_file(server, tmp_path):
    dest = tmp_path / "vol.txt"
    dest.write_bytes(b"previous complete copy\n")
    server.inject("/files/vol.txt", "reset", after=10)
    assert fetcher(retries=0).fetch(server.url("/files/vol.txt"), dest).status == "failed"
    assert dest.read_bytes() == b"previous complete copy\n"


def test_content_length_larger_than_the_body_counts_as_incomplete_and_is_retried(server, tmp_path):
    server.inject("/files/vol.txt", "bad-length", extra=500, times=1)
    f = fetcher()
    result = f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    assert result.status == "downloaded"
    assert (tmp_path / "vol.txt").read_bytes() == TEXT
    assert f.requests_made == 2


def test_wrong_content_length_every_time_fails_cleanly(server, tmp_path):
    server.inject("/files/vol.txt", "bad-length", extra=1)
    result = fetcher(retries=1).fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    assert result.status == "failed"
    assert "incomplete body" in result.error
    assert not (tmp_path / "vol.txt").exists()


def test_redirect_is_followed_and_each_hop_is_counted(server, tmp_path):
    server.inject("/files/old.txt", "redirect", to="/files/vol.txt")
    f = fetcher()
    result = f.fetch(server.url("/files/old.txt"), tmp_path / "vol.txt")
    assert result.status == "downloaded"
    assert f.requests_made == 2


def test_redirect_loop_is_detected_and_fails_without_retrying(server, tmp_path):
    server.inject("/files/a.txt", "redirect", to="/files/b.txt")
    server.inject("/files/b.txt", "redirect", to="/files/a.txt")
    f = fetcher(retries=4)
    result = f.fetch(server.url("/files/a.txt"), tmp_path / "a.txt")
    assert result.status == "failed"
    assert "redirect loop" in result.error
    assert f.requests_made == 2


def test_endless_redirect_chain_is_bounded(server, tmp_path):
    for n in range(30):
        server.inject(f"/files/r{n}", "redirect", to=f"/files/r{n + 1}")
    f = fetcher(max_redirects=5)
    result = f.fetch(server.url("/files/r0"), tmp_path / "r")
    assert result.status == "failed"
    assert f.requests_made == 6


def test_gz_file_sent_with_content_encoding_gzip_is_stored_as_the_gzip_file(server, site, tmp_path):
    server.inject("*.txt.gz", "gzip-encoding")
    dest = tmp_path / "vol.txt.gz"
    assert fetcher().fetch(server.url("/files/vol.txt.gz"), dest).status == "downloaded"
    assert server.requests()[0].status == 200
    assert dest.read_bytes() == (site / "vol.txt.gz").read_bytes()


def test_text_sent_gzip_encoded_is_decoded_on_the_fly(server, tmp_path):
    body = gzip.compress(TEXT)
    server.route("/enc/", lambda *a: Reply(200, body, {"Content-Encoding": "gzip"}))
    dest = tmp_path / "vol.txt"
    result = fetcher().fetch(server.url("/enc/vol.txt"), dest)
    assert result.status == "downloaded"
    assert dest.read_bytes() == TEXT


def test_oversize_body_with_content_length_fails_before_reading_it(server, tmp_path):
    f = fetcher(max_bytes=100)
    result = f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    assert result.status == "failed"
    assert "too large" in result.error
    assert not (tmp_path / "vol.txt").exists()
    assert f.bytes_received == 0


def test_oversize_stream_without_content_length_is_cut_off(server, tmp_path):
    server.route("/stream/", lambda *a: Reply(200, b"y" * 100_000, send_length=False))
    f = fetcher(max_bytes=1000)
    result = f.fetch(server.url("/stream/big"), tmp_path / "big")
    assert result.status == "failed"
    assert "too large" in result.error
    assert not (tmp_path / "big").exists()
    assert not (tmp_path / "big.part").exists()


def test_decoded_body_is_bounded_too(server, tmp_path):
    bomb = gzip.compress(b"\0" * 1_000_000)
    server.route("/enc/", lambda *a: Reply(200, bomb, {"Content-Encoding": "gzip"}))
    result = fetcher(max_bytes=50_000).fetch(server.url("/enc/bomb.txt"), tmp_path / "b.txt")
    assert result.status == "failed"
    assert "too large" in result.error


def test_head_reports_length_validators_and_range_support(server):
    f = fetcher()
    head = f.head(server.url("/files/vol.txt"))
    assert head.exists
    assert head.content_length == len(TEXT)
    assert head.etag and head.last_modified
    assert head.accept_ranges
    assert server.requests()[0].method == "HEAD"
    assert server.bytes_sent == 0


def test_head_of_a_missing_file_says_404_without_retrying(server):
    f = fetcher()
    head = f.head(server.url("/files/nothing.txt"))
    assert head.status == 404 and not head.exists
    assert f.requests_made == 1


def test_head_retries_server_errors(server):
    server.inject("/files/vol.txt", "status", code=502, times=1)
    f = fetcher()
    assert f.head(server.url("/files/vol.txt")).exists
    assert f.requests_made == 2


def test_fetch_tail_reads_only_the_last_bytes_with_a_range_request(server, site):
    f = fetcher()
    tail = f.fetch_tail(server.url("/files/vol.txt.gz"), 4)
    assert tail == (site / "vol.txt.gz").read_bytes()[-4:]
    assert int.from_bytes(tail, "little") == len(TEXT)
    assert server.requests()[0].status == 206
    assert server.bytes_sent == 4


def test_fetch_tail_returns_none_when_the_server_ignores_ranges(site):
    with LoopbackServer(ranges=False) as srv:
        srv.mount("/files/", site)
        assert fetcher().fetch_tail(srv.url("/files/vol.txt.gz"), 4) is None


def test_credentials_in_the_url_are_sent_but_never_logged_or_returned(server, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    url = server.url("/files/vol.txt").replace("http://", "http://alice:s3cret@")
    f = fetcher()
    ok = f.fetch(url, tmp_path / "vol.txt")
    bad = f.fetch(url.replace("vol.txt", "nope.txt"), tmp_path / "nope.txt")
    assert server.requests()[0].headers["Authorization"].startswith("Basic ")
    assert "s3cret" not in ok.url and "s3cret" not in bad.url and "alice" not in bad.url
    assert "s3cret" not in caplog.text


def test_fetch_state_is_saved_atomically_and_survives_a_corrupt_file(tmp_path, server):
    f = fetcher()
    result = f.fetch(server.url("/files/vol.txt"), tmp_path / "vol.txt")
    state = FetchState.load(tmp_path)
    state.record(result)
    state.set_note("k", {"chosen": "vol.txt"})
    state.save()
    saved = json.loads((tmp_path / ".analyzer-fetch.json").read_text())
    assert saved["urls"][result.url]["etag"] == result.etag
    assert not list(tmp_path.glob("*.tmp"))
    assert FetchState.load(tmp_path).validators(result.url)["etag"] == result.etag
    (tmp_path / ".analyzer-fetch.json").write_text("{not json")
    assert FetchState.load(tmp_path).validators(result.url) is None


def test_safe_join_refuses_paths_that_leave_the_mirror(tmp_path):
    assert safe_join(tmp_path, "a/2025-November.txt") == tmp_path.resolve() / "a/2025-November.txt"
    for bad in ["../x", "a/../../x", "/etc/passwd", "a//b", "", "a/.hidden", "a\\..\\b", "a/\0"]:
        with pytest.raises(ValueError):
            safe_join(tmp_path, bad)


def test_safe_join_refuses_a_symlink_pointing_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    root = tmp_path / "root"
    root.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(ValueError):
        safe_join(root, "link/file.txt")


def test_malformed_url_fails_without_raising_or_sending(tmp_path):
    f = fetcher()
    result = f.fetch("not a url", tmp_path / "x")
    assert result.status == "failed" and "bad URL" in result.error
    assert f.requests_made == 0


def test_only_http_urls_are_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("local file")
    result = fetcher().fetch(secret.as_uri(), tmp_path / "copy.txt")
    assert result.status == "failed" and not (tmp_path / "copy.txt").exists()
