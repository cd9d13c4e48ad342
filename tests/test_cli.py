"""CLI commands: exit codes and the rows that landed, not only the output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from analyzer.cli import cli
from analyzer.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def run(tmp_path):
    store = tmp_path / "cli.sqlite"

    def invoke(*args: str):
        env = {"ANALYZER_FETCH_RETRIES": "1", "ANALYZER_CONFIG": ""}
        return CliRunner(env=env).invoke(cli, ["--store", str(store), *args],
                                         catch_exceptions=False)

    invoke.store = store
    return invoke


@pytest.fixture
def dev_archive(shared_dir) -> Path:
    return shared_dir / "eval" / "dev" / "archive"


def test_ingest_stores_messages_and_threads(run, dev_archive):
    result = run("ingest", str(dev_archive), "--list", "chapter-leaders")
    assert result.exit_code == 0, result.output
    assert "46 new" in result.output
    with Store(run.store) as store:
        assert store.counts()["messages"] == 46
        threads = store.query("SELECT count(DISTINCT thread_id) FROM messages").fetchone()[0]
    assert threads == 12


def test_ingest_twice_reports_unchanged_and_adds_nothing(run, dev_archive):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    result = run("ingest", str(dev_archive), "--list", "chapter-leaders")
    assert "2 unchanged" in result.output and "0 new" in result.output
    with Store(run.store) as store:
        assert store.counts()["messages"] == 46


def test_ingest_says_how_many_messages_threading_read(run, shared_dir):
    volumes = sorted((shared_dir / "corpora" / "other" / "twisted-pipermail"
                      / "twisted-python").glob("*.txt.gz"))[:3]
    said = [run("ingest", str(volume)).output for volume in volumes]
    assert "(2 messages threaded)" in said[0]  # the list's first volume: 2 messages
    with Store(run.store) as store:
        total = store.counts()["messages"]
    threaded = int(said[2].split(" messages threaded")[0].rsplit("(", 1)[1])
    assert 0 < threaded < total  # the third run reads the new mail and what it touches


def test_ingest_of_missing_path_exits_1_with_reason(run, tmp_path):
    result = run("ingest", str(tmp_path / "nope.mbox"))
    assert result.exit_code == 1
    assert "no such file" in result.output


def test_unknown_option_is_a_usage_error_exit_2(run):
    assert run("ingest", "--bogus").exit_code == 2


def test_export_csv_has_contract_header(run, dev_archive, tmp_path):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    out = tmp_path / "m.csv"
    assert run("export", "messages", "-o", str(out)).exit_code == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == ("list,message_id,parent_id,thread_id,date,from_name,from_addr,subject,"
                      "period,archive_url,new_text,signature,forwarded_count,status,"
                      "forwarded_from")


def test_export_jsonl_threads_counts_match_store(run, dev_archive, tmp_path):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    out = tmp_path / "t.jsonl"
    run("export", "threads", "--format", "jsonl", "-o", str(out))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 12
    assert sum(r["messages"] for r in rows) == 46


def test_export_parquet_reads_back_with_pyarrow(run, dev_archive, tmp_path):
    import pyarrow.parquet as pq

    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    out = tmp_path / "m.parquet"
    assert run("export", "messages", "--format", "parquet", "-o", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert table.num_rows == 46 + 2  # two forwarded messages are rows of their own
    assert table.column_names[:3] == ["list", "message_id", "parent_id"]


def test_export_parquet_without_output_is_usage_error(run):
    assert run("export", "messages", "--format", "parquet").exit_code == 2


def test_export_quarantine_lists_bad_records(run):
    run("ingest", str(DATA / "headerless-record.eml"), "--list", "l")
    result = run("export", "quarantine")
    assert "no From, Date, Subject or Message-ID header" in result.output


def test_search_finds_and_bad_syntax_exits_1(run, dev_archive):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    found = run("search", "visa")
    assert found.exit_code == 0 and "[visa]" in found.output.lower()
    bad = run("search", '"unbalanced')
    assert bad.exit_code == 1 and "double quotes" in bad.output


def test_threads_and_stats_print_the_list(run, dev_archive):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    assert "Visa refused" in run("threads").output
    assert "chapter-leaders: 46 messages, 12 threads" in run("stats").output


def test_quiet_ingest_prints_nothing(run, dev_archive):
    result = run("-q", "ingest", str(dev_archive), "--list", "chapter-leaders")
    assert result.output == ""


def test_help_does_not_import_heavy_libraries():
    code = ("import sys; from analyzer.cli import cli; "
            "print(sorted(m for m in ('bs4', 'pyarrow', 'tqdm', 'charset_normalizer') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_fetch_names_missing_volumes_exits_1_and_rerun_completes(run, shared_dir, tmp_path):
    from httpserver import LoopbackServer

    mirror = tmp_path / "mirror"
    with LoopbackServer() as server:
        url = server.mount("/pipermail/chapter-leaders/",
                           shared_dir / "eval/dev/mirror/chapter-leaders")
        server.inject("*/2025-November*", "status", code=500)
        first = run("fetch", url, "--mirror", str(mirror))
        assert first.exit_code == 1
        assert "2025-November" in first.output
        server.clear_faults()
        second = run("fetch", url, "--mirror", str(mirror))
    assert second.exit_code == 0, second.output
    with Store(run.store) as store:
        assert store.counts()["messages"] == 46


def test_fetch_rejects_a_malformed_since(run):
    result = run("fetch", "http://127.0.0.1:9/pipermail/x/", "--since", "2025-13")
    assert result.exit_code == 2


def test_show_labels_the_parts_of_a_message(run, dev_archive):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    result = run("show", "<FDFEE12A28082A689BC5@C1PR06MB1757.eurprd03.prod.outlook.com>")
    assert result.exit_code == 0
    assert "     NEW | All," in result.output
    assert " FWD-HDR | From: Anil Seepersad" in result.output
    assert "[forwarded 1] from Anil Seepersad <aseepersad@ttmission-un.example>" in result.output


def test_show_of_unknown_message_exits_1(run, dev_archive):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    result = run("show", "nope@example.org")
    assert result.exit_code == 1 and "no message" in result.output


def test_analyze_on_an_unchanged_store_does_no_work(run, dev_archive):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    assert "anatomy: 46 message(s) analysed" in run("analyze", "--no-nlp").output
    assert "anatomy: 0 message(s) analysed" in run("analyze", "--no-nlp").output


def test_ingest_leaves_anatomy_to_analyze(run, dev_archive):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    with Store(run.store) as store:
        assert store.query("SELECT count(*) FROM anatomy").fetchone()[0] == 0


def test_export_of_messages_brings_anatomy_up_to_date(run, dev_archive):
    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    result = run("export", "messages", "--format", "jsonl")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert len(rows) == 46 + 2  # the two forwarded messages need anatomy
    assert all(row["new_text"] or row["forwarded_from"] for row in rows)


def test_new_anatomy_version_reanalyses_every_message(run, dev_archive, monkeypatch):
    import analyzer.anatomy

    run("ingest", str(dev_archive), "--list", "chapter-leaders")
    monkeypatch.setattr(analyzer.anatomy, "VERSION", analyzer.anatomy.VERSION + 1)
    assert "46 message(s) analysed" in run("analyze").output
    with Store(run.store) as store:
        versions = {r[0] for r in store.query("SELECT version FROM anatomy")}
    assert versions == {analyzer.anatomy.VERSION}
