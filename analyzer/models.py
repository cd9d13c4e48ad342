"""Plain data records passed between stages (no I/O here).

Every stage speaks in these types so that ingest, threading and the store can be
tested and replaced independently (architecture §3: models is a leaf).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from operator import attrgetter


@dataclass(slots=True)
class Message:
    """One archived email after normalisation.

    ``message_id`` never carries angle brackets.  ``date`` is timezone-aware UTC (or
    ``None`` when no date could be recovered) and ``date_offset`` keeps the sender's
    original UTC offset in minutes, so local times can be shown again later.
    """

    message_id: str
    subject: str = ""
    from_name: str = ""
    from_addr: str = ""
    date: datetime | None = None
    date_offset: int | None = None
    date_raw: str = ""
    in_reply_to: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    body: str = ""
    list: str = ""
    period: str = ""
    archive_url: str = ""
    source: str = ""
    position: str = ""
    id_synthetic: bool = False
    content_hash: str = ""
    #: ``derived_fields`` of this message, filled in by a parse worker so that the
    #: process writing the store does not spend its time on them (None: not yet).
    derived: tuple | None = field(default=None, compare=False, repr=False)

    def __reduce__(self) -> tuple:
        """Pickle as constructor arguments.

        Parse workers send every message to the storing process; the default
        form (a dict of slot values) took twice as long to load there.
        """
        return Message, _message_fields(self)


_message_fields = attrgetter(*(f.name for f in fields(Message)))  # one C call, a tuple


@dataclass(slots=True)
class Quarantined:
    """Input that could not become a Message: kept with where it was and why."""

    source: str
    position: str
    reason: str
    raw_excerpt: str = ""
    list: str = ""


@dataclass(slots=True)
class ThreadLink:
    """Result of threading one message: its parent and the root of its thread.

    ``how`` records the evidence (``references``, ``in-reply-to``, ``subject`` or
    ``root``) so that users can judge a link and researchers can filter on it.
    """

    message_id: str
    parent_id: str | None
    thread_id: str
    how: str
    #: The store's row id and a hash of the links it holds (``stored_links``), when
    #: the input came from the store: unchanged links are then not written again.
    rowid: int = 0
    stored: int | None = None

    @property
    def changed(self) -> bool:
        """False only when the store is known to hold exactly these links already."""
        return self.stored != stored_links(self.parent_id, self.thread_id, self.how)


def stored_links(parent_id: str | None, thread_id: str | None, how: str | None) -> int:
    """A message's thread links as one number, to compare without keeping the strings."""
    return hash((parent_id, thread_id, how))


@dataclass(slots=True)
class Part:
    """A labelled run of body lines: ``new``, ``quote``, ``attribution``, ``forward``,
    ``forward-header``, ``signature`` or ``artefact`` (``show`` prints these)."""

    kind: str
    start: int
    end: int
    quoted_id: str | None = None


@dataclass(slots=True)
class ForwardedMessage:
    """A message embedded in another one, analysed as its own author's words."""

    from_name: str = ""
    from_addr: str = ""
    date: str | None = None
    date_raw: str = ""
    subject: str = ""
    cc: str = ""
    text: str = ""
    signature: str | None = None


@dataclass(slots=True)
class Anatomy:
    """What a body is made of: the author's own words and everything else.

    ``new_text`` is the blank-line join of ``segments`` (interleaved replies have
    several); ``parts`` label every line of the body so nothing is unaccounted for.
    """

    new_text: str = ""
    segments: list[str] = field(default_factory=list)
    signature: str | None = None
    forwarded: list[ForwardedMessage] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


@dataclass(slots=True)
class NlpContext:
    """What the NLP components know about a text besides its words.

    ``date`` is the message's Date in the sender's own offset, so "next Friday"
    resolves in the sender's calendar; ``part`` says whether the text is the
    author's new text, a forwarded message or the author's signature.
    """

    key: str
    message_id: str
    list: str = ""
    date: datetime | None = None
    author_name: str = ""
    author_addr: str = ""
    signature: str = ""
    subject: str = ""
    part: str = "new_text"


@dataclass(slots=True)
class OfficialMention:
    """One official named in one text, with what that text says about them."""

    name: str
    title: str = ""
    role: str = ""
    country: str = ""
    organization: str = ""
    aliases: list[str] = field(default_factory=list)
    sentence: str = ""


@dataclass(slots=True)
class Passage:
    """A sentence classified as ``story``, ``challenge`` or ``call_to_action``."""

    kind: str
    text: str
    officials: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """A dated meeting, consultation or deadline (ISO dates; end = start for one day)."""

    what: str
    date_start: str
    date_end: str
    text: str


@dataclass(slots=True)
class NlpResult:
    """Everything the NLP stage found in one text."""

    key: str
    officials: list[OfficialMention] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    country: str = ""


@dataclass(slots=True)
class Participant:
    """One person on one list, after merging their addresses and name spellings.

    ``evidence`` says why records were merged, so a wrong merge can be traced to the
    rule that made it instead of being silently baked into every later count.
    """

    participant_id: str
    list: str
    name: str
    addresses: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    messages: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    evidence: list[str] = field(default_factory=list)
