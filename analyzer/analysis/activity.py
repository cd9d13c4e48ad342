"""Who wrote, how much, in which threads: the activity side of a period.

All counts come from the period's own rows (one indexed range read); the only
look-behind is "had this sender or thread appeared before?", answered by index
seeks in the store.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from sqlite3 import Row

from analyzer.analysis.fields import common_name, display_name, display_subject
from analyzer.analysis.period import Period, weeks_ending
from analyzer.store import Store

FIGURES = ("messages", "threads", "participants", "new_participants")


def figures(store: Store, list_name: str, period: Period) -> dict[str, tuple[int, int]]:
    """Headline numbers as ``name -> (this period, previous period)``."""
    now = store.digest_figures(list_name, *period.utc_bounds())
    before = (store.digest_figures(list_name, *period.previous.utc_bounds())
              if period.previous else dict.fromkeys(FIGURES, 0))
    return {name: (now[name], before[name]) for name in FIGURES}


def sender_key(row: Row) -> str:
    """Who a message is from, for grouping (an address never leaves this module)."""
    return row["from_addr"] or f"name:{row['from_name']}"


def participants(rows: list[Row]) -> list[dict]:
    """People who wrote in the period, most messages first; names and countries only."""
    groups: dict[str, list[Row]] = {}
    for row in rows:
        groups.setdefault(sender_key(row), []).append(row)
    people = []
    for mine in groups.values():
        countries = Counter(r["country"] for r in mine if r["country"])
        people.append({
            "name": common_name(r["from_name"] for r in mine),
            "country": countries.most_common(1)[0][0] if countries else "",
            "messages": len(mine),
            "new": bool(mine[0]["new"]),
        })
    return sorted(people, key=lambda p: (-p["messages"], p["name"].casefold()))


@dataclass(slots=True)
class ThreadActivity:
    """A thread's messages in the period, plus what the store knows of its history."""

    thread_id: str
    rows: list[Row] = field(default_factory=list)
    subject: str = ""
    url: str = ""
    first_date: str = ""
    new: bool = False

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(display_name(r["from_name"]) for r in self.rows))


def threads(store: Store, list_name: str, rows: list[Row], period: Period) -> list[ThreadActivity]:
    """Threads with messages in the period, busiest first, each marked new or continuing.

    A thread is new when its first message ever falls in the period; its link is
    the first message it has in the period (else the root's page).
    """
    active: dict[str, ThreadActivity] = {}
    for row in rows:
        active.setdefault(row["thread_id"], ThreadActivity(row["thread_id"])).rows.append(row)
    start = period.utc_bounds()[0]
    info = store.digest_threads(list_name, list(active))
    for meta in info:
        thread = active[meta["thread_id"]]
        thread.first_date = meta["first_date"] or thread.rows[0]["date"]
        thread.subject = display_subject(meta["subject"] or thread.rows[0]["subject"])
        thread.url = thread.rows[0]["archive_url"] or meta["archive_url"] or ""
    for thread in active.values():
        if not thread.first_date:  # not threaded yet: the period is all we know
            thread.first_date = thread.rows[0]["date"]
            thread.subject = display_subject(thread.rows[0]["subject"])
            thread.url = thread.rows[0]["archive_url"]
        thread.new = thread.first_date >= start
    return sorted(active.values(), key=lambda t: (-len(t.rows), t.rows[-1]["date"] or ""))


def weekly(store: Store, list_name: str, period: Period, count: int) -> list[dict]:
    """Messages per local ISO week for ``count`` weeks ending with the period's last week."""
    weeks = weeks_ending(period, count)
    dates = store.digest_message_dates(list_name, weeks[0].utc_bounds()[0],
                                       weeks[-1].utc_bounds()[1])
    start, end = period.utc_bounds()
    out = []
    for week in weeks:
        low, high = week.utc_bounds()
        out.append({
            "week": week.label,
            "start": week.first_day.isoformat(),
            "messages": bisect.bisect_left(dates, high) - bisect.bisect_left(dates, low),
            "current": low < end and high > start,
        })
    return out

