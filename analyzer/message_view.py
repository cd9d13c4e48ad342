"""Plain-text views of stored messages for the terminal (``analyzer show``)."""

from __future__ import annotations

import json

_LABELS = {
    "new": "NEW", "quote": "QUOTE", "attribution": "ATTRIB", "signature": "SIG",
    "forward": "FWD", "forward-header": "FWD-HDR", "artefact": "LIST",
    "disclaimer": "LEGAL",
}


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
    tail = [_forwarded_summary(n, f) for n, f in enumerate(view.get("forwarded", []), 1)]
    return "\n".join([*head, "", *body, *tail]).rstrip() + "\n"


def _line_labels(parts_json: str | None, count: int) -> list[str]:
    labels = [""] * count
    for kind, start, end, quoted_id in json.loads(parts_json or "[]"):
        for index in range(start, min(end, count)):
            labels[index] = _LABELS.get(kind, kind.upper())
        if quoted_id and start < count:
            labels[start] = f"{labels[start]}→"
    return labels


def _forwarded_summary(number: int, fwd: dict) -> str:
    return (f"\n[forwarded {number}] from {fwd['from_name']} <{fwd['from_addr']}>, "
            f"{fwd['date'] or fwd['date_raw']}: {fwd['subject']}")
