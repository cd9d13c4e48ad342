"""Digest periods: ISO weeks, ``last`` and custom ranges, in the list's time zone.

A list's week runs Monday 00:00 to the next Monday 00:00 *where its members live*,
so a message sent at 23:30 UTC on Sunday is Monday's mail in UTC+2.  The store
keeps dates in UTC, so every period carries both its local bounds (for labels
and event dates, which are local calendar days) and its UTC bounds (for
queries).  Bounds are computed with zoneinfo, so weeks that cross a daylight
saving change are 167 or 169 hours long, as they should be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from analyzer.errors import AnalyzerError

_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class PeriodError(AnalyzerError):
    """A week, date range or time zone that cannot name a digest period."""


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open span of local days ``[start_local, end_local_exclusive)``.

    ``previous`` is the span of the same length just before (one level deep: the
    previous period's own ``previous`` is None), for "compared with last week".
    """

    label: str
    start_local: datetime
    end_local_exclusive: datetime
    start_utc: datetime
    end_utc: datetime
    previous: Period | None = None
    timezone: str = "UTC"

    @property
    def first_day(self) -> date:
        return self.start_local.date()

    @property
    def last_day(self) -> date:
        """The last local day inside the period (``end`` is exclusive)."""
        return self.end_local_exclusive.date() - timedelta(days=1)

    @property
    def days(self) -> int:
        return (self.end_local_exclusive.date() - self.start_local.date()).days

    @property
    def is_week(self) -> bool:
        return bool(_WEEK.fullmatch(self.label))

    def utc_bounds(self) -> tuple[str, str]:
        """ISO strings comparable with the store's ``messages.date`` (UTC, ``+00:00``)."""
        return self.start_utc.isoformat(), self.end_utc.isoformat()


def zone(tz: str) -> ZoneInfo:
    """The zoneinfo for a configured name, with an error that says what is wrong."""
    try:
        return ZoneInfo(tz or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PeriodError(f"unknown time zone {tz!r} (use an IANA name such as "
                          "'Europe/Berlin' or 'UTC')") from exc


def resolve_period(week: str | None, start: str | None, end: str | None, tz: str,
                   today: date) -> Period:
    """The period the user asked for; ``last`` complete ISO week when nothing was given.

    ``--from``/``--to`` are inclusive local days (``--from 2025-09-01 --to
    2025-09-07`` is one week), labelled ``YYYY-MM-DD_YYYY-MM-DD``.
    """
    info = zone(tz)
    if week and (start or end):
        raise PeriodError("give either --week or --from/--to, not both")
    if start or end:
        if not (start and end):
            raise PeriodError("--from and --to go together (both are inclusive dates)")
        first, last = _parse_day(start, "--from"), _parse_day(end, "--to")
        if last < first:
            raise PeriodError(f"--to {end} is before --from {start}")
        return _with_previous(first, last + timedelta(days=1), info, _range_label)
    monday = _week_monday(week or "last", today)
    return _with_previous(monday, monday + timedelta(days=7), info, week_label)


def week_label(first: date, _end: date | None = None) -> str:
    """``YYYY-Www`` of the ISO week containing ``first``."""
    year, number, _ = first.isocalendar()
    return f"{year}-W{number:02d}"


def week_monday(day: date) -> date:
    """Monday of the ISO week containing ``day``."""
    return day - timedelta(days=day.weekday())


def local_to_utc(day: date, info: ZoneInfo) -> datetime:
    """Local midnight of ``day`` as a UTC instant (DST-aware)."""
    return datetime.combine(day, time(0), tzinfo=info).astimezone(UTC)


def _range_label(first: date, end: date) -> str:
    return f"{first.isoformat()}_{(end - timedelta(days=1)).isoformat()}"


def _week_monday(week: str, today: date) -> date:
    """Monday of ``YYYY-Www``, or of the last complete week before ``today``."""
    if week == "last":
        return week_monday(today) - timedelta(days=7)
    match = _WEEK.fullmatch(week.strip())
    if not match:
        raise PeriodError(f"bad week {week!r}: expected YYYY-Www (e.g. 2025-W37) or 'last'")
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError as exc:
        raise PeriodError(f"bad week {week!r}: {match[1]} has no week {match[2]}") from exc


def _parse_day(text: str, option: str) -> date:
    if not _DAY.fullmatch(text.strip()):
        raise PeriodError(f"bad {option} date {text!r}: expected YYYY-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise PeriodError(f"bad {option} date {text!r}: {exc}") from exc


def _make(first: date, end: date, info: ZoneInfo, label, previous: Period | None) -> Period:
    return Period(
        label=label(first, end),
        start_local=datetime.combine(first, time(0), tzinfo=info),
        end_local_exclusive=datetime.combine(end, time(0), tzinfo=info),
        start_utc=local_to_utc(first, info),
        end_utc=local_to_utc(end, info),
        previous=previous,
        timezone=info.key,
    )


def _with_previous(first: date, end: date, info: ZoneInfo, label) -> Period:
    """The period and the one of equal length (in local days) just before it."""
    length = end - first
    previous = _make(first - length, first, info, label, None)
    return _make(first, end, info, label, previous)


def weeks_ending(period: Period, count: int) -> list[Period]:
    """The ``count`` ISO weeks ending with the one that holds the period's last day."""
    info = zone(period.timezone)
    last_monday = week_monday(period.last_day)
    mondays = [last_monday - timedelta(days=7 * i) for i in range(max(count, 1) - 1, -1, -1)]
    return [_make(m, m + timedelta(days=7), info, week_label, None) for m in mondays]
