"""Dated events and deadlines in a text (first version: absolute day-month dates)."""

from __future__ import annotations

import re
from datetime import date

from analyzer.models import Event, NlpContext

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
_DATE = re.compile(
    r"\b(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\s+(" + "|".join(_MONTHS) + r")\b(?:\s+(\d{4}))?",
    re.IGNORECASE,
)


def find_events(doc, context: NlpContext | None) -> list[Event]:
    """One event per sentence that names a calendar day or range."""
    base = context.date.date() if context and context.date else None
    out = []
    for sent in doc.sents:
        match = _DATE.search(sent.text)
        if not match or base is None:
            continue
        day, end_day, month, year = match.groups()
        year = int(year) if year else base.year
        try:
            start = date(year, _MONTHS[month.lower()], int(day))
            end = date(year, _MONTHS[month.lower()], int(end_day or day))
        except ValueError:
            continue
        out.append(Event(what=sent.text.strip()[:120], date_start=start.isoformat(),
                         date_end=end.isoformat(), text=sent.text.strip()))
    return out
