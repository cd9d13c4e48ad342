"""The researchers' API (analyzer.corpus) agrees with the CLI exports and types its data."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

pd = pytest.importorskip("pandas")
pytest.importorskip("networkx")

import analyzer  # noqa: E402
from analyzer.cli import cli  # noqa: E402
from analyzer.errors import AnalyzerError  # noqa: E402
from analyzer.pipeline import ingest_paths, update_anatomy  # noqa: E402
from analyzer.store import Store  # noqa: E402
from analyzer.store.database import EXPORT_COLUMNS  # noqa: E402

TABLES = ["messages", "threads", "officials", "passages", "events"]
DATES = {"messages": ["date"], "threads": ["first_date", "last_date"],
         "officials": ["first_seen", "last_seen"], "events": ["date_start", "date_end"]}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> analyzer.Corpus:
    """The sample list built from scratch (ingest + anatomy + NLP), as in a fresh clone."""
    corpus = analyzer.sample_corpus(tmp_path_factory.mktemp("sample") / "sample.sqlite")
    yield corpus
    corpus.close()


@pytest.fixture(scope="module")
def dev(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> analyzer.Corpus:
    """The dev archive, ingested with anatomy only (no NLP, to keep the suite fast)."""
    path = tmp_path_factory.mktemp("dev") / "dev.sqlite"
    with Store(path) as store:
        ingest_paths(store, [shared_dir / "eval" / "dev" / "archive"])
        update_anatomy(store)
    corpus = analyzer.open_corpus(path)
    yield corpus
    corpus.close()


def cli_export(store: Path, table: str, *extra: str) -> list[dict]:
    result = CliRunner().invoke(cli, ["--store", str(store), "export", table, "--format",
                                      "csv", *extra], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_import_cli_does_not_import_pandas() -> None:
    code = "import sys, analyzer, analyzer.cli; print('pandas' in sys.modules, " \
           "'networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "False"]


def test_open_missing_store_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(AnalyzerError):
        analyzer.open_corpus(tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()


@pytest.mark.parametrize("name", ["sample", "dev"])
@pytest.mark.parametrize("table", TABLES)
def test_columns_types_and_counts_match_export(name: str, table: str,
                                               request: pytest.FixtureRequest) -> None:
    corpus = request.getfixturevalue(name)
    frame = getattr(corpus, table)()
    assert list(frame.columns) == EXPORT_COLUMNS[table]
    assert len(frame) == len(cli_export(corpus.path, table))
    for column in DATES.get(table, []):
        dtype = frame[column].dtype
        assert isinstance(dtype, pd.DatetimeTZDtype) and str(dtype.tz) == "UTC", column


def test_json_lists_decoded(sample: analyzer.Corpus) -> None:
    officials, passages = sample.officials(), sample.passages()
    assert len(officials) and len(passages)
    assert all(isinstance(v, list) for v in officials["aliases"])
    assert all(isinstance(v, list) for v in officials["message_ids"])
    assert all(isinstance(v, list) for v in passages["officials"])
    row = cli_export(sample.path, "officials")[0]
    assert officials["aliases"][0] == __import__("json").loads(row["aliases"])


def test_list_and_window_filters(sample: analyzer.Corpus) -> None:
    everything = sample.messages()
    assert len(sample.messages(list="chapter-leaders")) == len(everything)
    assert sample.messages(list="no-such-list").empty
    start, end = "2025-10-01", pd.Timestamp("2025-11-01", tz="UTC")
    october = sample.messages(start=start, end=end)
    dated = everything[everything["date"].notna()]
    expected = dated[(dated["date"] >= pd.Timestamp(start, tz="UTC")) & (dated["date"] < end)]
    assert 0 < len(october) == len(expected) < len(everything)
    passages = sample.passages(start=start, end=end)
    assert 0 < len(passages) < len(sample.passages())
    assert set(passages["message_id"]) <= set(october["message_id"])
    threads = sample.threads(start=start, end=end)
    assert ((threads["last_date"] >= pd.Timestamp(start, tz="UTC"))
            & (threads["first_date"] < end)).all()
    officials = sample.officials(start="2025-11-15")
    assert (officials["last_seen"] >= pd.Timestamp("2025-11-15", tz="UTC")).all()


def test_participants(sample: analyzer.Corpus) -> None:
    people = sample.participants()
    posts = sample.posts()
    assert len(people) > 0
    if "participants" in EXPORT_COLUMNS:
        assert list(people.columns) == EXPORT_COLUMNS["participants"]
        assert len(people) == len(cli_export(sample.path, "participants"))
    assert people["messages"].sum() == len(posts)
    by_addr = sample.activity_by_participant()
    assert by_addr["messages"].sum() == len(posts)
    assert by_addr["messages"].is_monotonic_decreasing


def test_activity(sample: analyzer.Corpus) -> None:
    weekly = sample.activity("W")
    assert weekly.sum() == len(sample.posts())
    assert isinstance(weekly.index.dtype, pd.DatetimeTZDtype)
    assert sample.activity("MS").sum() == weekly.sum()


@pytest.mark.parametrize("name", ["sample", "dev"])
def test_reply_graph_and_response_times(name: str, request: pytest.FixtureRequest) -> None:
    corpus = request.getfixturevalue(name)
    posts = corpus.posts()
    graph = corpus.reply_graph()
    key = dict(zip(posts["message_id"], posts["from_addr"].str.lower(), strict=True))
    expected: dict[tuple[str, str], int] = {}
    for row in posts[posts["parent_id"].notna()].itertuples():
        parent = key.get(row.parent_id)
        if parent is not None and parent != row.from_addr.lower():
            edge = (row.from_addr.lower(), parent)
            expected[edge] = expected.get(edge, 0) + 1
    if name == "sample":
        assert expected and all("@" in n for n in graph.nodes)
        assert all("name" in graph.nodes[n] for n in graph.nodes)
    assert {(u, v): d["weight"] for u, v, d in graph.edges(data=True)} == expected

    delays = corpus.response_times()
    assert (delays["delay"] >= pd.Timedelta(0)).all()
    assert (delays["delay_hours"] >= 0).all()
    if name == "sample":
        assert len(delays) > 0
        assert (delays["date"] - delays["parent_date"] == delays["delay"]).all()
