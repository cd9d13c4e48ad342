"""Build the digest email: text and HTML alternatives, inline charts, the calendar.

Structure (what mail clients render best and the issue asks for)::

    multipart/mixed
      multipart/related
        multipart/alternative
          text/plain; charset=utf-8
          text/html; charset=utf-8        (charts referenced as cid:)
        image/png  Content-ID: <chart…>   (one per chart, inline)
      text/calendar; method=PUBLISH       (events.ics, attachment)

Every header value we generate is checked for CR/LF first: list names, subjects
and addresses come from configuration and archives, and a newline in one of them
must never become a header of its own.
"""

from __future__ import annotations

import email.policy
import email.utils
import hashlib
import re
from dataclasses import dataclass, field
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from analyzer.errors import AnalyzerError


class HeaderInjection(AnalyzerError):
    """A generated header value contained a line break."""


@dataclass(slots=True)
class RenderedDigest:
    """What the renderers produced for one digest, ready to be mailed."""

    list_name: str
    period: str
    subject: str
    text: str
    html: str
    charts: dict[str, bytes] = field(default_factory=dict)
    ics: str = ""


def check_header(name: str, value: str) -> str:
    """Return ``value`` if it is a single line; raise HeaderInjection otherwise."""
    if re.search(r"[\r\n\x00]", value or ""):
        raise HeaderInjection(f"refusing a line break in the {name} header: {value!r}")
    return value


def digest_subject(list_name: str, period: str, messages: int, threads: int) -> str:
    """``[chapter-delegates] Weekly digest 2025-W45: 23 messages, 4 threads``."""
    kind = "Weekly digest" if re.fullmatch(r"\d{4}-W\d{2}", period) else "Digest"
    noun = "message" if messages == 1 else "messages"
    tnoun = "thread" if threads == 1 else "threads"
    return check_header(
        "Subject", f"[{list_name}] {kind} {period}: {messages} {noun}, {threads} {tnoun}"
    )


def chart_cid(name: str, list_name: str, period: str) -> str:
    """A stable Content-ID for a chart (same digest → same ids, so re-sends match)."""
    digest = hashlib.sha1(f"{list_name}/{period}/{name}".encode()).hexdigest()[:16]
    return f"{re.sub(r'[^A-Za-z0-9]', '', name)[:20]}.{digest}@analyzer"


def build_email(
    rendered: RenderedDigest, *, sender: str, to: str, reply_to: str | None = None,
    list_id: str | None = None, message_id: str | None = None, date: str | None = None,
) -> Message:
    """One complete message to one recipient (headers validated, parts assembled)."""
    outer = MIMEMultipart("mixed", policy=email.policy.SMTP)
    outer.attach(_related(rendered))
    if rendered.ics:
        outer.attach(_calendar(rendered.ics))
    headers = {
        "From": sender, "To": to, "Reply-To": reply_to or sender,
        "Subject": rendered.subject,
        "Date": date or email.utils.formatdate(localtime=False, usegmt=True),
        "Message-ID": message_id or make_message_id(rendered, to),
        "List-Id": list_id or f"<{rendered.list_name}>",
        "Auto-Submitted": "auto-generated",
    }
    for name, value in headers.items():
        outer[name] = check_header(name, value)
    return outer


def make_message_id(rendered: RenderedDigest, to: str) -> str:
    """Deterministic per (list, period, recipient): a resend is recognisably the same."""
    key = hashlib.sha1(f"{rendered.list_name}|{rendered.period}|{to}".encode()).hexdigest()
    return f"<digest.{key[:24]}@analyzer.invalid>"


def _related(rendered: RenderedDigest) -> MIMEMultipart:
    related = MIMEMultipart("related", type="multipart/alternative")
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText(rendered.text, "plain", "utf-8"))
    alternative.attach(MIMEText(rendered.html, "html", "utf-8"))
    related.attach(alternative)
    for name, png in sorted(rendered.charts.items()):
        image = MIMEImage(png, "png")
        image.add_header("Content-ID", f"<{chart_cid(name, rendered.list_name, rendered.period)}>")
        image.add_header("Content-Disposition", "inline", filename=f"{_safe(name)}.png")
        related.attach(image)
    return related


def _calendar(ics: str) -> MIMEBase:
    part = MIMEText(ics, "calendar", "utf-8")
    part.set_param("method", "PUBLISH")
    part.add_header("Content-Disposition", "attachment", filename="events.ics")
    return part


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "chart"
