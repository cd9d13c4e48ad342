"""The researchers' API: a store's export tables as pandas DataFrames.

Analysts work in notebooks, not in SQL, so :class:`Corpus` hands out the same rows
as ``analyzer export`` (the export contract, :data:`EXPORT_COLUMNS`) as DataFrames
with real types: dates are timezone-aware UTC timestamps and JSON-list columns are
Python lists.  Building on the export contract rather than on the schema means a
notebook written today keeps working after the store's tables change.

pandas and networkx are imported inside the functions that need them, so importing
:mod:`analyzer` (and running ``analyzer --help``) stays fast.

    >>> import analyzer
    >>> corpus = analyzer.open_corpus("analyzer.sqlite")          # doctest: +SKIP
    >>> corpus.messages(list="chapter-leaders", start="2025-11-01")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analyzer.errors import AnalyzerError
from analyzer.store import Store
from analyzer.store.database import EXPORT_COLUMNS, iter_export_rows

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = ["SAMPLE_ARCHIVE", "Corpus", "open_corpus", "sample_corpus"]

When = str | date | datetime | None

#: Columns holding ISO dates, converted to ``datetime64[..., UTC]``.
DATE_COLUMNS = frozenset({
    "date", "first_date", "last_date", "first_seen", "last_seen", "date_start", "date_end",
})
#: Columns the store keeps as JSON-encoded lists, decoded to Python lists.
JSON_LIST_COLUMNS = frozenset({"aliases", "message_ids", "officials", "addresses", "names",
                               "lists", "thread_ids"})

_REPO = Path(__file__).resolve().parents[1]
#: The bundled sample list (a Pipermail mirror folder) that notebooks and tests use.
SAMPLE_ARCHIVE = _REPO / "corpora" / "sample" / "chapter-leaders"
_SAMPLE_STORE = _REPO / "reports" / "notebooks" / "sample.sqlite"


def open_corpus(path: str | Path) -> Corpus:
    """Open an existing store for analysis.

    A missing file is an error rather than a new empty store, because a typo in
    a notebook should fail loudly instead of producing empty DataFrames.

        >>> corpus = open_corpus("reports/demo/analyzer.sqlite")   # doctest: +SKIP
        >>> corpus.threads().sort_values("messages").tail(3)        # doctest: +SKIP
    """
    path = Path(path)
    if not path.is_file():
        raise AnalyzerError(f"no store at {path} (build one with `analyzer ingest`)")
    return Corpus(Store(path))


def sample_corpus(path: str | Path | None = None) -> Corpus:
    """The bundled sample list as a Corpus, ingested and analysed on first use.

    Notebooks and tests must run in a fresh clone where no store exists yet, so the
    store is built when absent: ingest ``corpora/sample/chapter-leaders``, then
    anatomy and spaCy NLP (a few seconds).  It is built under a temporary name and
    renamed, so an interrupted build never leaves a half-filled store behind.
    ``path`` defaults to ``$ANALYZER_SAMPLE_STORE``, else
    ``reports/notebooks/sample.sqlite`` in the repository.

        >>> corpus = sample_corpus()                                # doctest: +SKIP
        >>> len(corpus.messages())                                  # doctest: +SKIP
    """
    target = Path(path or os.environ.get("ANALYZER_SAMPLE_STORE") or _SAMPLE_STORE)
    if not target.is_file():
        _build_sample(target)
    return open_corpus(target)


def _build_sample(target: Path) -> None:
    from analyzer.pipeline import ingest_paths, update_anatomy, update_nlp

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".sample-", suffix=".sqlite", dir=target.parent)
    os.close(fd)
    os.unlink(tmp_name)
    try:
        with Store(tmp_name) as store:
            ingest_paths(store, [SAMPLE_ARCHIVE])
            update_anatomy(store)
            update_nlp(store)
        os.replace(tmp_name, target)
    finally:
        for leftover in (tmp_name, f"{tmp_name}-wal", f"{tmp_name}-shm"):
            if os.path.exists(leftover):
                os.unlink(leftover)


class Corpus:
    """DataFrame views of one store, column for column the export contract.

    Every accessor takes ``list=`` (one list's rows) and ``start=``/``end=`` (a UTC
    time window, start inclusive, end exclusive; strings, dates or datetimes, naive
    values read as UTC).  Keep one Corpus per store and close it (or use ``with``)
    when done; each call reads the store afresh, so it sees new ingests.

        >>> with open_corpus("analyzer.sqlite") as corpus:          # doctest: +SKIP
        ...     corpus.activity("W").plot()
    """

    def __init__(self, store: Store):
        self.store = store

    @property
    def path(self) -> Path:
        """The SQLite file behind this corpus."""
        return self.store.path

    def close(self) -> None:
        """Close the store connection."""
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Corpus({str(self.path)!r})"

    def lists(self) -> list[str]:
        """Names of the lists in the store, sorted."""
        return [row["list"] for row in self.store.list_summary()]

    # -- export tables ------------------------------------------------------------

    def table(self, table: str, list: str | None = None) -> pd.DataFrame:
        """Any export table as typed DataFrame (the accessors below add filters)."""
        return _frame(_export_rows(self.store, table, list), EXPORT_COLUMNS[table])

    def messages(self, list: str | None = None, start: When = None,
                 end: When = None) -> pd.DataFrame:
        """Messages (also forwarded ones and quarantine placeholders, as exported).

        Use ``status == "ok"`` and ``forwarded_from.isna()`` for the posts written
        to the list.  The window filters on ``date``; quarantined rows have no date
        and drop out of any window.

            >>> corpus.messages(list="chapter-leaders", end="2025-10-01")  # doctest: +SKIP
        """
        frame = self.table("messages", list)
        return _window(frame, "date", "date", start, end)

    def threads(self, list: str | None = None, start: When = None,
                end: When = None) -> pd.DataFrame:
        """Threads; the window keeps threads active in it (first to last message overlap).

            >>> corpus.threads().nlargest(5, "messages")[["subject", "messages"]]  # doctest: +SKIP
        """
        frame = self.table("threads", list)
        return _window(frame, "first_date", "last_date", start, end)

    def officials(self, list: str | None = None, start: When = None,
                  end: When = None) -> pd.DataFrame:
        """Officials named on the lists; the window keeps those named during it.

        ``aliases`` and ``message_ids`` are Python lists.

            >>> corpus.officials().groupby("country").size()       # doctest: +SKIP
        """
        frame = self.table("officials", list)
        return _window(frame, "first_seen", "last_seen", start, end)

    def passages(self, list: str | None = None, start: When = None,
                 end: When = None) -> pd.DataFrame:
        """Engagement stories, challenges and calls to action, one row per passage.

        Passages carry no date of their own: the window filters on the date of the
        message they come from.  ``officials`` is a Python list.

            >>> stories = corpus.passages().query("kind == 'story'")   # doctest: +SKIP
            >>> stories.groupby("country").size()                   # doctest: +SKIP
        """
        frame = self.table("passages", list)
        return self._by_message_date(frame, list, start, end)

    def events(self, list: str | None = None, start: When = None,
               end: When = None) -> pd.DataFrame:
        """Dated events mentioned in messages.

        The window filters on when the event was *mentioned* (its message's date),
        because "what did people talk about last week" is the usual question; filter
        ``date_start`` yourself for events happening in a window.
        """
        frame = self.table("events", list)
        return self._by_message_date(frame, list, start, end)

    def quarantine(self, list: str | None = None) -> pd.DataFrame:
        """Messages that could not be parsed, with the reason (no dates to filter on)."""
        return self.table("quarantine", list)

    def participants(self, list: str | None = None, start: When = None,
                     end: When = None) -> pd.DataFrame:
        """People who wrote to the lists.

        When the export contract has a ``participants`` table (identities merged
        across addresses by :mod:`analyzer.analysis.participants`, the rows of
        ``analyzer export participants``), its rows are returned with the contract's
        columns (``addresses`` and ``names`` as lists).  Older versions have no such table,
        so this falls back to grouping the list posts by ``from_addr`` (see
        :meth:`activity_by_participant` for the columns).  With a window, the
        fallback counts only posts inside it; the contract table keeps the people
        whose first-to-last activity overlaps it when it has such date columns.
        """
        if "participants" not in EXPORT_COLUMNS:
            return self.activity_by_participant(list=list, start=start, end=end)
        frame = self.table("participants", list)
        if start is None and end is None:
            return frame
        first = next((c for c in ("first_date", "first_seen") if c in frame.columns), None)
        last = next((c for c in ("last_date", "last_seen") if c in frame.columns), None)
        if first is None or last is None:
            return self.activity_by_participant(list=list, start=start, end=end)
        return _window(frame, first, last, start, end)

    def _by_message_date(self, frame: pd.DataFrame, list: str | None, start: When,
                         end: When) -> pd.DataFrame:
        if start is None and end is None:
            return frame
        posts = self.messages(list=list, start=start, end=end)
        return frame[frame["message_id"].isin(set(posts["message_id"]))].reset_index(drop=True)

    # -- derived views --------------------------------------------------------------

    def posts(self, list: str | None = None, start: When = None,
              end: When = None) -> pd.DataFrame:
        """Messages written to the list: no forwarded copies, no quarantine placeholders."""
        frame = self.messages(list=list, start=start, end=end)
        keep = (frame["status"] == "ok") & frame["forwarded_from"].isna()
        return frame[keep].reset_index(drop=True)

    def activity(self, freq: str = "W", list: str | None = None, start: When = None,
                 end: When = None) -> pd.Series:
        """Posts per period (``freq`` is a pandas offset alias: ``"W"``, ``"MS"``, ``"D"``).

        Quiet periods are present with 0, so the series plots as a true timeline.

            >>> corpus.activity("W").plot(kind="bar")              # doctest: +SKIP
        """
        import pandas as pd

        posts = self.posts(list=list, start=start, end=end)
        series = pd.Series(1, index=pd.DatetimeIndex(posts["date"]), name="messages")
        return series.resample(freq).sum().astype("int64")

    def activity_by_participant(self, list: str | None = None, start: When = None,
                                end: When = None) -> pd.DataFrame:
        """One row per sender address: name, posts, threads, first and last post.

        Senders are keyed by lower-cased ``from_addr`` (the name when there is no
        address); ``name`` is the name they used most often.  Sorted by posts.
        """
        import pandas as pd

        posts = self.posts(list=list, start=start, end=end).assign(
            sender=lambda f: _sender_keys(f["from_addr"], f["from_name"]))
        columns = ["list", "from_addr", "name", "messages", "threads", "first_date",
                   "last_date"]
        if posts.empty:
            return pd.DataFrame(columns=columns)
        grouped = posts.groupby(["list", "sender"], sort=False)
        frame = grouped.agg(
            name=("from_name", _most_common), messages=("message_id", "size"),
            threads=("thread_id", "nunique"), first_date=("date", "min"),
            last_date=("date", "max"),
        ).reset_index().rename(columns={"sender": "from_addr"})
        frame = frame.sort_values(["messages", "last_date"], ascending=[False, False])
        return frame[columns].reset_index(drop=True)

    def response_times(self, list: str | None = None, start: When = None,
                       end: When = None) -> pd.DataFrame:
        """How long each reply took after the message it answers.

        Columns: list, message_id, parent_id, thread_id, from_addr, parent_from_addr,
        date, parent_date, delay (Timedelta) and delay_hours.  The window applies to
        the reply.  Replies dated before their parent (sender clock skew) are left
        out, because a negative delay is a wrong clock, not a fast answer.

            >>> corpus.response_times()["delay_hours"].median()    # doctest: +SKIP
        """
        posts = self.posts(list=list)
        parents = posts[["list", "message_id", "from_addr", "date"]].rename(columns={
            "message_id": "parent_id", "from_addr": "parent_from_addr", "date": "parent_date"})
        replies = _window(posts[posts["parent_id"].notna()], "date", "date", start, end)
        joined = replies[["list", "message_id", "parent_id", "thread_id", "from_addr", "date"]]
        joined = joined.merge(parents, on=["list", "parent_id"], how="inner")
        joined["delay"] = joined["date"] - joined["parent_date"]
        joined = joined[joined["delay"] >= _zero_delay()].reset_index(drop=True)
        joined["delay_hours"] = joined["delay"].dt.total_seconds() / 3600.0
        return joined

    def reply_graph(self, list: str | None = None, start: When = None,
                    end: When = None, self_loops: bool = False) -> nx.DiGraph:
        """Who answers whom: a directed graph of senders.

        Nodes are senders keyed by lower-cased address, with ``name`` (most used
        display name) and ``messages`` attributes; an edge u → v with ``weight`` n
        means u replied n times to a message by v.  Replies to oneself are left out
        unless ``self_loops`` is true, since they say nothing about the network.

            >>> graph = corpus.reply_graph()                        # doctest: +SKIP
            >>> sorted(graph.in_degree(weight="weight"), key=lambda x: -x[1])[:5]  # doctest: +SKIP
        """
        import networkx as nx

        posts = self.posts(list=list).assign(
            sender=lambda f: _sender_keys(f["from_addr"], f["from_name"]))
        keys = zip(posts["list"], posts["message_id"], strict=True)
        author = dict(zip(keys, posts["sender"], strict=True))
        window = _window(posts, "date", "date", start, end)
        graph = nx.DiGraph()
        for sender, group in window.groupby("sender", sort=True):
            graph.add_node(sender, name=_most_common(group["from_name"]),
                           messages=len(group))
        for row in window[window["parent_id"].notna()].itertuples(index=False):
            parent = author.get((row.list, row.parent_id))
            if parent is None or (parent == row.sender and not self_loops):
                continue
            if parent not in graph:
                names = posts.loc[posts["sender"] == parent, "from_name"]
                graph.add_node(parent, name=_most_common(names), messages=0)
            weight = graph.edges[row.sender, parent]["weight"] + 1 \
                if graph.has_edge(row.sender, parent) else 1
            graph.add_edge(row.sender, parent, weight=weight)
        return graph


# -- helpers ------------------------------------------------------------------------


def _export_rows(store: Store, table: str, list_name: str | None) -> Iterable[dict]:
    """The rows ``analyzer export TABLE`` writes, so DataFrames and files always agree.

    Participants are computed in Python rather than selected in SQL; the export
    module's generator is used when it exists.
    """
    if table == "participants":
        from analyzer import export

        rows = getattr(export, "participant_rows", None)
        if rows is not None:
            return rows(store, list_name)
    return iter_export_rows(store, table, list_name)


def _frame(rows: Iterable[dict], columns: list[str]) -> pd.DataFrame:
    """Rows to a DataFrame with the contract's columns, dates and lists decoded."""
    import pandas as pd

    frame = pd.DataFrame.from_records(list(rows), columns=columns)
    for column in columns:
        if column in DATE_COLUMNS:
            frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
        elif column in JSON_LIST_COLUMNS and frame[column].map(_is_json_list).all():
            frame[column] = frame[column].map(_decode_list)
    return frame


def _is_json_list(value: Any) -> bool:
    return value is None or isinstance(value, list) or (
        isinstance(value, str) and value.startswith("[") and value.endswith("]"))


def _decode_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return json.loads(value)


def _timestamp(value: When) -> pd.Timestamp | None:
    import pandas as pd

    if value is None:
        return None
    stamp = pd.Timestamp(value)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _window(frame: pd.DataFrame, first: str, last: str, start: When,
            end: When) -> pd.DataFrame:
    """Rows whose [first, last] span overlaps [start, end); undated rows drop out."""
    lo, hi = _timestamp(start), _timestamp(end)
    if lo is None and hi is None:
        return frame.reset_index(drop=True)
    keep = frame[first].notna() & frame[last].notna()
    if lo is not None:
        keep &= frame[last] >= lo
    if hi is not None:
        keep &= frame[first] < hi
    return frame[keep].reset_index(drop=True)


def _sender_keys(addrs: pd.Series, names: pd.Series) -> pd.Series:
    """Lower-cased address, or the name when a message carries no address."""
    addr = addrs.fillna("").astype(str).str.strip().str.lower()
    return addr.where(addr != "", names.fillna("").astype(str).str.strip())


def _most_common(values: pd.Series) -> str:
    counts = values.fillna("").astype(str)
    counts = counts[counts != ""].value_counts()
    return str(counts.index[0]) if len(counts) else ""


def _zero_delay() -> Any:
    import pandas as pd

    return pd.Timedelta(0)
