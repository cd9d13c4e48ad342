"""The digest as data: what every renderer (Markdown, text, HTML, JSON, .ics) shows.

Plain dataclasses with JSON-friendly fields (ISO strings for dates), so the JSON
renderer is ``asdict`` and its schema (docs/digest-schema.md) is this module.
Names, subjects and sentences are untrusted message content: renderers escape
them; nothing here is pre-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Figure:
    """A headline number and the same number for the previous period."""

    value: int
    previous: int


@dataclass(slots=True)
class DigestThread:
    """A thread active in the period; ``status`` is ``new`` or ``continuing``."""

    thread_id: str
    subject: str
    url: str
    messages: int
    participants: list[str]
    status: str
    first_date: str
    last_date: str
    summary: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DigestPassage:
    """A story, challenge or call to action, quoted with who wrote it and where."""

    kind: str
    text: str
    author: str
    country: str
    date: str
    message_id: str
    url: str
    subject: str = ""
    officials: list[str] = field(default_factory=list)
    # Set when the words come from a forwarded message: ``author`` is then the
    # forwarded message's sender and this is the member who forwarded it.
    forwarded_by: str = ""


@dataclass(slots=True)
class DigestOfficial:
    """An official named in the period; ``new`` when first seen in this period."""

    official_id: str
    name: str
    title: str
    role: str
    country: str
    organization: str
    mentions: int
    total_mentions: int
    new: bool
    message_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class DigestEvent:
    """A dated event or deadline, with the message that mentioned it."""

    what: str
    date_start: str
    date_end: str
    text: str
    author: str
    message_id: str
    url: str
    mentioned_on: str
    # Messages that mentioned the same event (date and name); this one is the first.
    mentions: int = 1


@dataclass(slots=True)
class DigestParticipant:
    """A person who wrote in the period (names only: no addresses in digests)."""

    name: str
    country: str
    messages: int
    new: bool


@dataclass(slots=True)
class WeekCount:
    """Messages in one ISO week, for the activity chart."""

    week: str
    start: str
    messages: int
    current: bool


@dataclass(slots=True)
class Digest:
    """One list's digest for one period (``end`` is exclusive, dates are local)."""

    list: str
    period: str
    start: str
    end: str
    timezone: str
    generated_at: str
    figures: dict[str, Figure]
    threads: list[DigestThread] = field(default_factory=list)
    stories: list[DigestPassage] = field(default_factory=list)
    challenges: list[DigestPassage] = field(default_factory=list)
    calls_to_action: list[DigestPassage] = field(default_factory=list)
    officials: list[DigestOfficial] = field(default_factory=list)
    events: list[DigestEvent] = field(default_factory=list)
    participants: list[DigestParticipant] = field(default_factory=list)
    weekly: list[WeekCount] = field(default_factory=list)
    countries: dict[str, int] = field(default_factory=dict)
    archive_url: str = ""

    @property
    def empty(self) -> bool:
        return self.figures["messages"].value == 0
