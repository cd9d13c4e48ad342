"""Plain-text views of stored messages for the terminal (``analyzer show``)."""

from __future__ import annotations

import json
import re

# C0 controls but tab (line breaks included), DEL, C1 controls, Unicode line separators,
# and the bidirectional overrides and isolates that reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_LABELS = {
    "new": "NEW", "quote": "QUOTE", "attribution": "ATTRIB", "signature": "SIG",
    "forward": "FWD", "forward-header": "FWD-HDR", "artefact": "LIST",
    "disclaimer": "LEGAL",
}


def terminal_safe(line: str) -> str:
    """One line for a terminal, with control and bidi-override characters shown as escapes.

    Subjects, names and bodies are written by strangers: an ESC sequence in one could
    retitle or clear the reader's terminal, a right-to-left override makes ``gnp.exe``
    read as ``exe.png``, a line break in a subject forges an output line. They are
    printed visibly instead (``\\x1b``, ``\\u202e``, ``\\r\\n``).
    """
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), line)


def render_message(view: dict) -> str:
    """Headers, then every body line prefixed with the label of its part."""
    head = [
        f"Message-ID: <{view['message_id']}>",
        f"List:       {view['list']}",
        f"From:       {view['from_name']} <{view['from_addr']}>",
        f"Date:       {view['date'] or view['date_raw']}",
        f"Subject:    {view['subject']}",
        f"Thread:     {view['thread_id']} (parent {view['parent_id'] or '-'}, "
        f"linked by {view['thread_link'] or '-'})",
    ]
    if view.get("archive_url"):
        head.append(f"Archive:    {view['archive_url']}")
    lines = view["body"].split("\n")
    labels = _line_labels(view.get("parts"), len(lines))
    body = [f"{label:>8} | {line}" for label, line in zip(labels, lines, strict=True)]
    tail = [line for n, f in enumerate(view.get("forwarded", []), 1)
            for line in ("", _forwarded_summary(n, f))]
    return "\n".join(terminal_safe(line) for line in [*head, "", *body, *tail]).rstrip() + "\n"


def _line_labels(parts_json: str | None, count: int) -> list[str]:
    labels = [""] * count
    for kind, start, end, quoted_id in json.loads(parts_json or "[]"):
        for index in range(start, min(end, count)):
            labels[index] = _LABELS.get(kind, kind.upper())
        if quoted_id and start < count:
            labels[start] = f"{labels[start]}→"
    return labels


def _forwarded_summary(number: int, fwd: dict) -> str:
    return (f"[forwarded {number}] from {fwd['from_name']} <{fwd['from_addr']}>, "
            f"{fwd['date'] or fwd['date_raw']}: {fwd['subject']}")
