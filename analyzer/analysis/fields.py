"""How stored values are shown in a digest: names without addresses, clean subjects,
public links and local times.

Digests are mailed to many people, so an author is a name and never an address:
a display name that is itself an address ("jane@example.org", Pipermail's
"jane at example.org") loses the address part.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

NO_NAME = "(no name)"
_ADDRESS = re.compile(
    r"<?[\w.+'-]+(?:@|\s+at\s+)[\w-]+(?:\.[\w-]+)+>?|mailto:\S+", re.IGNORECASE
)
_LIST_TAG = re.compile(r"^\s*\[[^\]]{1,60}\]\s*")
_REPLY = re.compile(
    r"^\s*(?:re|aw|sv|vs|antw|odp|res|réf|ref|r|ynt)\s*(?:[\[(]\d+[\])])?\s*[:：]\s*",
    re.IGNORECASE,
)


def display_name(name: str | None) -> str:
    """A sender's name with any address removed; ``(no name)`` when nothing is left."""
    cleaned = name or ""
    if "@" in cleaned or " at " in cleaned.casefold() or "mailto:" in cleaned.casefold():
        cleaned = _ADDRESS.sub(" ", cleaned)
    cleaned = " ".join(cleaned.replace('"', " ").split()).strip(" ,;()<>'")
    return cleaned or NO_NAME


def common_name(names: Iterable[str]) -> str:
    """The name a person uses most (ties: the longest, which is usually the fullest)."""
    counts = Counter(display_name(n) for n in names)
    counts.pop(NO_NAME, None)
    if not counts:
        return NO_NAME
    return max(counts, key=lambda n: (counts[n], len(n), n))


def display_subject(subject: str | None) -> str:
    """A subject without list tags and reply prefixes (forward markers are kept)."""
    text = " ".join((subject or "").split())
    while True:
        stripped = _REPLY.sub("", _LIST_TAG.sub("", text, count=1), count=1)
        if stripped == text:
            return text or "(no subject)"
        text = stripped


def message_url(stored: str | None, base: str = "") -> str:
    """A link for a message: its stored page URL, or the page under the list's base URL.

    A mirror ingested from disk stores local paths (``…/2025-September/000003.html``);
    with the list's public Pipermail URL the last two parts name the public page.
    """
    stored = (stored or "").strip()
    if not stored or stored.startswith(("http://", "https://")) or not base:
        return stored
    tail = PurePosixPath(stored.replace("\\", "/")).parts[-2:]
    return base.rstrip("/") + "/" + "/".join(tail)


def local_iso(utc_iso: str | None, info: ZoneInfo) -> str:
    """A stored UTC date as an ISO string in the list's time zone ('' when unknown)."""
    if not utc_iso:
        return ""
    return datetime.fromisoformat(utc_iso).astimezone(info).isoformat()


def squash(text: str) -> str:
    """Whitespace-folded text, for comparing a sentence with the text it came from."""
    return " ".join((text or "").split())
