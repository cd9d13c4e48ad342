"""Render a Digest as Markdown, plain text, email-safe HTML, JSON and an iCalendar file.

Everything in a Digest that came from a message (names, subjects, quoted sentences,
URLs) is untrusted: a list member can write ``<script>``, a Markdown link to
``javascript:``, or a line break inside an event title. So each output format has one
escaping rule applied to *every* value by default, instead of relying on templates to
remember a filter:

- HTML: Jinja2 autoescape; links only for http(s) URLs.
- Markdown: a ``finalize`` hook backslash-escapes Markdown and HTML syntax in every
  value; only values our own filters build (links, images) are marked trusted.
- Text: control characters become spaces; wrapping is ours, not the content's.
- iCalendar: RFC 5545 text escaping, CR/LF folded into ``\\n``, lines folded at 75 octets.

Templates live in ``analyzer/report/templates`` (packaged data). ``write_digest`` is the
one function that touches the file system, and only under ``out_dir``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from analyzer.report.model import Digest, DigestEvent, DigestOfficial, DigestPassage

FORMATS = ("md", "html", "txt", "json", "ics")
DEFAULT_FORMATS = frozenset(FORMATS)
FILE_NAMES = {
    "md": "digest.md",
    "html": "digest.html",
    "txt": "digest.txt",
    "json": "digest.json",
    "ics": "events.ics",
}
JSON_SCHEMA_VERSION = 1

FIGURE_LABELS = {
    "messages": "Messages",
    "threads": "Active threads",
    "new_threads": "New threads",
    "participants": "People writing",
    "new_participants": "First-time writers",
    "stories": "Engagement stories",
    "challenges": "Challenges",
    "calls_to_action": "Calls to action",
    "officials": "Officials named",
    "new_officials": "Officials new to the list",
    "events": "Dates ahead",
    "countries": "Countries",
}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MAX_THREAD_NAMES = 5
NEXT_DATES = 3  # dates named in the opening lines: "what is due next" without scrolling

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_LINE_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")


# --- untrusted text -------------------------------------------------------------------


class Trusted(str):
    """Markup built by this module from escaped parts; finalize hooks pass it through."""


def clean_inline(value: Any) -> str:
    """One line of text: control characters and line breaks become single spaces."""
    return _SPACE.sub(" ", str(value)).strip()


def clean_text(value: Any) -> str:
    """Multi-line text without control characters (newlines and tabs kept)."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text.replace("\u2028", "\n").replace("\u2029", "\n"))


_MD_INLINE = re.compile(r"([\\`*_\[\]#<>|~])")
_MD_ENTITY = re.compile(r"&(?=#|[A-Za-z][A-Za-z0-9]*;)")
_MD_LEADING = re.compile(r"^(?:[-+=](?=[\s=-]|$)|\d{1,9}(?=[.)](?:\s|$)))")


def md_escape(value: Any) -> str:
    """Escape a value so Markdown shows it literally and never as HTML or structure.

    Backslash escapes are CommonMark's own (any ASCII punctuation), so readers of the
    raw ``.md`` still see the text; leading list, heading, quote and numbering markers
    are escaped because a value can land at the start of a block.
    """
    text = _MD_INLINE.sub(r"\\\1", clean_inline(value))
    text = _MD_ENTITY.sub(r"\\&", text)
    marker = _MD_LEADING.match(text)
    if marker is None:
        return text
    cut = marker.end()
    if text[0].isdigit():  # "12. x" -> "12\. x": the dot makes the list, not the digits
        return text[:cut] + "\\" + text[cut:]
    return "\\" + text


def safe_url(url: Any) -> str:
    """The URL if it is absolute http(s), percent-encoding what could break markup; else ''.

    ``javascript:``, ``data:``, relative and malformed URLs are dropped: the digest then
    shows the text without a link rather than a link we cannot vouch for.
    """
    url = str(url or "").strip()
    if not url or _SPACE.search(url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return quote(url, safe="/:?#@!$&'*+,;=%-._~[]")


def md_link(text: Any, url: Any) -> Trusted:
    """``[text](url)`` with both parts escaped; plain escaped text when the URL is unsafe."""
    label, href = md_escape(text), safe_url(url)
    return Trusted(f"[{label}]({href})" if href else label)


def _md_finalize(value: Any) -> Any:
    if isinstance(value, Trusted):
        return value
    if isinstance(value, bool | int | float):
        return value
    return md_escape("" if value is None else value)


def _text_finalize(value: Any) -> Any:
    if isinstance(value, Trusted | bool | int | float):
        return value
    return _LINE_BREAKING.sub(" ", "" if value is None else str(value))


def _html_finalize(value: Any) -> Any:
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return _CONTROL.sub("", value)
    return value


# --- dates and numbers ------------------------------------------------------------------


def parse_day(value: str) -> date | None:
    """A date from an ISO date or datetime string; None when absent or unparseable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_day(value: str, year_of: int | None = None) -> str:
    """``Fri 14 Nov`` (with the year when it differs from ``year_of``): locale-free."""
    day = parse_day(value)
    if day is None:
        return clean_inline(value)
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return text if year_of == day.year else f"{text} {day.year}"


def format_span(start: str, end: str, year_of: int | None = None) -> str:
    """An inclusive date range; a single day when the end is missing or not after the start."""
    first, last = parse_day(start), parse_day(end)
    if first is None or last is None or last <= first:
        return format_day(start, year_of)
    if (first.year, first.month) == (last.year, last.month):
        return f"{WEEKDAYS[first.weekday()]} {first.day} – {format_day(end, year_of)}"
    return f"{format_day(start, year_of)} – {format_day(end, year_of)}"


def period_label(digest: Digest) -> str:
    """``week 46, 10–16 Nov 2025`` from ``period`` and the exclusive ``end``."""
    first, end = parse_day(digest.start), parse_day(digest.end)
    if first is None or end is None:
        return clean_inline(digest.period)
    last = end - timedelta(days=1) if end > first else first
    span = _day_span(first, last)
    if _WEEK.match(digest.period):
        return f"week {int(digest.period[-2:])}, {span}"
    return span


def _day_span(first: date, last: date) -> str:
    """``10–16 Nov 2025``, ``27 Oct – 2 Nov 2025`` or across a new year in full."""
    def dm(day: date) -> str:
        return f"{day.day} {MONTHS[day.month - 1]}"

    if first == last:
        return f"{dm(first)} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{dm(last)} {last.year}"
    if first.year == last.year:
        return f"{dm(first)} – {dm(last)} {last.year}"
    return f"{dm(first)} {first.year} – {dm(last)} {last.year}"


def format_change(value: int, previous: int) -> str:
    """``+3``, ``-2`` or ``no change``: ASCII so it survives every mail client."""
    delta = value - previous
    if delta == 0:
        return "no change"
    return f"+{delta}" if delta > 0 else str(delta)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 message`` / ``3 messages``."""
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


# --- the view shared by the templates ----------------------------------------------------


@dataclass(slots=True)
class FigureRow:
    """A headline figure ready to print."""

    key: str
    label: str
    value: int
    previous: int
    change: str
    direction: str


@dataclass(slots=True)
class ChartRef:
    """A chart as a template shows it: id, title, alt text and image source."""

    chart_id: str
    title: str
    alt: str
    src: str


def figure_rows(digest: Digest) -> list[FigureRow]:
    """Known figures first in a fixed order, then any others by name."""
    order = [k for k in FIGURE_LABELS if k in digest.figures]
    order += sorted(k for k in digest.figures if k not in FIGURE_LABELS)
    rows = []
    for key in order:
        fig = digest.figures[key]
        delta = fig.value - fig.previous
        direction = "up" if delta > 0 else "down" if delta < 0 else "same"
        label = FIGURE_LABELS.get(key, key.replace("_", " ").capitalize())
        rows.append(FigureRow(key, label, fig.value, fig.previous,
                              format_change(fig.value, fig.previous), direction))
    return rows


def official_position(official: DigestOfficial) -> str:
    """Title, role and organisation without repeats ("Adviser" inside "adviser to the ...")."""
    parts = [clean_inline(p) for p in (official.title, official.role, official.organization)]
    parts = [p for p in parts if p]
    kept = [p for i, p in enumerate(parts)
            if not any(i != j and p.lower() in q.lower() and (len(q) > len(p) or j < i)
                       for j, q in enumerate(parts))]
    return ", ".join(kept)


def passage_credit(passage: DigestPassage, year_of: int | None = None) -> str:
    """What follows the author's name: country, day, and who forwarded the words."""
    parts = [f"({clean_inline(passage.country)})"] if passage.country else []
    credit = " ".join(parts)
    credit += f", {format_day(passage.date, year_of)}" if passage.date else ""
    forwarded_by = clean_inline(getattr(passage, "forwarded_by", ""))
    return credit + (f", forwarded by {forwarded_by}" if forwarded_by else "")


def event_credit(event: DigestEvent, year_of: int | None = None) -> str:
    """Where an event was mentioned: first writer and day, and how many messages in all."""
    text = f"mentioned by {clean_inline(event.author) or 'someone'}"
    if event.mentioned_on:
        text += f" on {format_day(event.mentioned_on, year_of)}"
    more = getattr(event, "mentions", 1) - 1
    return text + (f" and in {plural(more, 'more message')}" if more > 0 else "")


def event_line(event: DigestEvent, year_of: int | None = None) -> str:
    """``Fri 14 Nov — virtual consultation``: an event in a run-on list."""
    return f"{format_span(event.date_start, event.date_end, year_of)} — {clean_inline(event.what)}"


def coming_up(events: list[DigestEvent], year_of: int | None = None) -> list[tuple[str, str]]:
    """The next few dates as ``(date, what, what...)`` pairs, events of one date together."""
    groups: dict[str, list[str]] = {}
    for event in events:
        day = format_span(event.date_start, event.date_end, year_of)
        if day not in groups and len(groups) == NEXT_DATES:
            break
        whats = groups.setdefault(day, [])
        if clean_inline(event.what) not in whats:
            whats.append(clean_inline(event.what))
    return [(day, ", ".join(whats)) for day, whats in groups.items()]


def sorted_events(events: Iterable[DigestEvent]) -> list[DigestEvent]:
    """Events by date (then end date and title), so 'what is due next' is the top row."""
    return sorted(events, key=lambda e: (e.date_start, e.date_end or e.date_start, e.what))


def upcoming_events(digest: Digest) -> list[DigestEvent]:
    """Dated events still ahead when the period ends (what is due next), in date order.

    The reader gets the digest after the period: these are the calendar's events.
    """
    return [e for e in sorted_events(digest.events)
            if parse_day(e.date_start) and (e.date_end or e.date_start) >= digest.end[:10]]


def period_events(digest: Digest) -> list[DigestEvent]:
    """Dated events that fell within the period itself (already past for the reader)."""
    start, end = digest.start[:10], digest.end[:10]
    return [e for e in sorted_events(digest.events)
            if parse_day(e.date_start) and (e.date_end or e.date_start) >= start
            and (e.date_end or e.date_start) < end]


def group_passages(passages: Iterable[DigestPassage]) -> list[DigestPassage]:
    """One quote per message and author: sentences of one message read as one passage.

    Several sentences of one email otherwise repeat the same attribution line; joined
    with an ellipsis they read as the excerpt they are. Order is first appearance.
    """
    groups: dict[tuple[str, str, str], DigestPassage] = {}
    for p in passages:
        key = (p.message_id, p.author, getattr(p, "forwarded_by", ""))
        if key not in groups:
            groups[key] = replace(p, officials=list(p.officials))
            continue
        group = groups[key]
        group.text = f"{group.text} … {p.text}"
        group.officials += [o for o in p.officials if o not in group.officials]
    return list(groups.values())


def _officials(digest: Digest, new: bool) -> list[DigestOfficial]:
    chosen = [o for o in digest.officials if o.new is new]
    return sorted(chosen, key=lambda o: (-o.mentions, o.name))


def lede(digest: Digest, unit: str) -> str:
    """One sentence a reader can stop after: volume, people, officials, next date."""
    fig = digest.figures
    if digest.empty:
        return f"No messages this {unit} (the previous {unit}: {fig['messages'].previous})."
    threads = _figure(digest, "threads") or len(digest.threads)
    people = _figure(digest, "participants") or len(digest.participants)
    parts = [f"{plural(fig['messages'].value, 'message')} in {plural(threads, 'thread')} "
             f"from {plural(people, 'person', 'people')}"]
    if digest.officials:
        new = sum(o.new for o in digest.officials)
        parts.append(f"{plural(len(digest.officials), 'official')} named"
                     + (f" ({new} for the first time)" if new else ""))
    counts = [(len(group_passages(digest.stories)), "engagement story", "engagement stories"),
              (len(group_passages(digest.challenges)), "challenge", None),
              (len(group_passages(digest.calls_to_action)), "call to action", "calls to action")]
    found = [plural(n, s, p) for n, s, p in counts if n]
    if found:
        parts.append(", ".join(found))
    return "; ".join(parts) + "."


def _figure(digest: Digest, key: str) -> int:
    fig = digest.figures.get(key)
    return fig.value if fig else 0


def build_view(digest: Digest, charts: list[ChartRef] | None = None) -> dict[str, Any]:
    """Everything the templates show, computed once so the formats agree."""
    unit = "week" if _WEEK.match(digest.period) else "period"
    year = (parse_day(digest.start) or date.today()).year
    events = upcoming_events(digest)
    return {
        "d": digest,
        "unit": unit,
        "year": year,
        "period_label": period_label(digest),
        "lede": lede(digest, unit),
        "coming_up": coming_up(events, year),
        "figures": figure_rows(digest),
        "threads": digest.threads,
        "passage_sections": [
            ("Engagement stories", "stories", group_passages(digest.stories)),
            ("Challenges", "challenges", group_passages(digest.challenges)),
            ("Calls to action", "calls", group_passages(digest.calls_to_action)),
        ],
        "officials_new": _officials(digest, True),
        "officials_known": _officials(digest, False),
        "events": events,
        "past_events": period_events(digest),
        "participants": sorted(digest.participants, key=lambda p: (-p.messages, p.name)),
        "charts": charts or [],
        "generated": clean_inline(digest.generated_at.replace("T", " ")[:16]),
        "max_names": MAX_THREAD_NAMES,
    }


# --- Jinja2 environments ----------------------------------------------------------------


@cache
def _environment(kind: str) -> Any:
    """One environment per output kind, each with its escaping rule built in."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    finalize = {"html": _html_finalize, "md": _md_finalize, "txt": _text_finalize}[kind]
    env = Environment(
        loader=PackageLoader("analyzer.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        url=safe_url, day=format_day, span=format_span, plural=plural,
        md_link=md_link, wrap=_wrap_filter, inline=clean_inline, position=official_position,
        credit=passage_credit, mentioned=event_credit, event_line=event_line,
    )
    return env


def _wrap_filter(text: Any, width: int, indent: str = "", subsequent: str | None = None) -> Trusted:
    """Wrap untrusted text for plain-text email; URLs and long words are never split."""
    wrapped = textwrap.fill(
        clean_inline(text), width=width, initial_indent=indent,
        subsequent_indent=indent if subsequent is None else subsequent,
        break_long_words=False, break_on_hyphens=False,
    )
    return Trusted(wrapped)


def _render(kind: str, name: str, **context: Any) -> str:
    text = _environment(kind).get_template(name).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# --- renderers -----------------------------------------------------------------------------


def render_markdown(digest: Digest, chart_ids: Iterable[str] = ()) -> str:
    """The digest as CommonMark/GFM; ``chart_ids`` adds images at ``charts/<id>.png``."""
    return _render("md", "digest.md", **build_view(digest, _chart_refs(chart_ids, "file")))


def render_text(digest: Digest, width: int = 72) -> str:
    """Plain text for email, wrapped to ``width`` (URLs are kept whole on their own lines)."""
    return _render("txt", "digest.txt", width=width, **build_view(digest))


def render_html(
    digest: Digest,
    charts: Mapping[str, bytes] | None = None,
    inline: bool = True,
    cid_map: Mapping[str, str] | None = None,
) -> str:
    """Self-contained, email-safe HTML (inline CSS, table layout, max 640 px wide).

    Charts are embedded as ``data:`` URIs when ``inline``; with ``cid_map`` (chart id ->
    Content-ID, without angle brackets) they are ``cid:`` references for a multipart
    email; otherwise they point at ``charts/<id>.png`` next to the HTML file.
    """
    refs = _chart_refs(charts or {}, "data" if inline else "file", charts or {}, cid_map)
    return _render("html", "digest.html", **build_view(digest, refs))


def render_json(digest: Digest) -> str:
    """The digest as JSON: ``asdict`` plus ``empty`` and ``schema_version``.

    The schema is documented in docs/digest-schema.md; consumers key on ``schema_version``.
    """
    data = {"schema_version": JSON_SCHEMA_VERSION, **asdict(digest), "empty": digest.empty}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _chart_refs(
    chart_ids: Iterable[str],
    mode: str,
    pngs: Mapping[str, bytes] | None = None,
    cid_map: Mapping[str, str] | None = None,
) -> list[ChartRef]:
    """Image sources for the charts that exist, in the fixed chart order."""
    from analyzer.report.charts import CHART_IDS, CHART_TITLES

    present = set(chart_ids)
    refs = []
    for chart_id in (c for c in CHART_IDS if c in present):
        if cid_map and chart_id in cid_map:
            src = "cid:" + cid_map[chart_id]
        elif mode == "data" and pngs:
            src = "data:image/png;base64," + base64.b64encode(pngs[chart_id]).decode("ascii")
        else:
            src = f"charts/{chart_id}.png"
        title = CHART_TITLES[chart_id]
        refs.append(ChartRef(chart_id, title, f"Chart: {title.lower()}", src))
    return refs


# --- iCalendar ----------------------------------------------------------------------------


def ics_escape(value: Any) -> str:
    r"""RFC 5545 TEXT: escape ``\ ; ,`` and turn any line break into ``\n``.

    A CR or LF from a message must never reach the file: it would end the property and
    let the rest of the line become a property of its own.
    """
    text = clean_text(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\t", " ").replace("\n", "\\n")
    return text


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 sequence (RFC 5545 §3.1)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with one space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def event_uid(list_name: str, message_id: str, day: str, seen: set[str]) -> str:
    """A UID stable across re-runs (list, message, date), unique within the file."""
    digest = hashlib.sha256(f"{list_name}\0{message_id}\0{day}".encode()).hexdigest()[:32]
    uid, n = f"{digest}@analyzer", 2
    while uid in seen:
        uid, n = f"{digest}-{n}@analyzer", n + 1
    seen.add(uid)
    return uid


def _ics_stamp(generated_at: str) -> str:
    try:
        moment = datetime.fromisoformat(generated_at)
    except ValueError:
        moment = datetime(1970, 1, 1, tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _vevent(digest: Digest, event: DigestEvent, stamp: str, seen: set[str]) -> list[str]:
    start = parse_day(event.date_start)
    end = parse_day(event.date_end) or start
    if start is None or end is None:
        return []
    end = max(end, start) + timedelta(days=1)  # DTEND of an all-day event is exclusive
    mentioned = event_credit(event)
    mentioned = mentioned[:1].upper() + mentioned[1:]
    description = f"{clean_inline(event.text)}\n\n{mentioned}, on {digest.list}."
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(digest.list, event.message_id, start.isoformat(), seen)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
        f"DTEND;VALUE=DATE:{end:%Y%m%d}",
        f"SUMMARY:{ics_escape(clean_inline(event.what) or 'Event')}",
        f"DESCRIPTION:{ics_escape(description)}",
        "TRANSP:TRANSPARENT",
    ]
    url = safe_url(event.url)
    if url:
        lines.append(f"URL;VALUE=URI:{url}")
    return [*lines, "END:VEVENT"]


def render_ics(digest: Digest) -> str:
    """An RFC 5545 calendar with one all-day VEVENT per upcoming event (CRLF line ends)."""
    stamp = _ics_stamp(digest.generated_at)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//analyzer//digest//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(clean_inline(digest.list) + ' dates')}",
    ]
    seen: set[str] = set()
    for event in upcoming_events(digest):
        lines += _vevent(digest, event, stamp, seen)
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


# --- files ----------------------------------------------------------------------------------


def _inside(out_dir: Path, name: str) -> Path:
    """``out_dir / name``, refusing anything that would resolve outside ``out_dir``."""
    root = out_dir.resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root) or path == root:
        raise ValueError(f"refusing to write {name!r} outside {root}")
    return path


def write_digest(
    digest: Digest,
    out_dir: Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    charts: bool = True,
) -> list[Path]:
    """Write the chosen formats (and ``charts/*.png``) into ``out_dir``; return the paths.

    ``formats`` takes ``md``, ``html``, ``txt``, ``json`` and ``ics``; ``events.ics`` is
    only written when there are upcoming events (RFC 5545 wants at least one component).
    File names are fixed; nothing from the digest's content is used in a path.
    """
    chosen = set(formats)
    unknown = chosen - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown digest format(s): {', '.join(sorted(unknown))}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    pngs: dict[str, bytes] = {}
    if charts:
        from analyzer.report.charts import chart_pngs

        pngs = chart_pngs(digest)
        for chart_id, data in pngs.items():
            written.append(_write(out_dir, f"charts/{chart_id}.png", data))
    for fmt in (f for f in FORMATS if f in chosen):
        text = _render_format(digest, fmt, pngs)
        if text is not None:
            written.append(_write(out_dir, FILE_NAMES[fmt], text.encode("utf-8")))
    return written


def _render_format(digest: Digest, fmt: str, pngs: Mapping[str, bytes]) -> str | None:
    if fmt == "md":
        return render_markdown(digest, pngs.keys())
    if fmt == "html":
        return render_html(digest, pngs, inline=True)
    if fmt == "txt":
        return render_text(digest)
    if fmt == "json":
        return render_json(digest)
    return render_ics(digest) if upcoming_events(digest) else None


def _write(out_dir: Path, name: str, data: bytes) -> Path:
    path = _inside(out_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
