"""JWZ threading (jwz.org/doc/threading.html), cycle-safe and pure.

Threads a whole list at once, across archive volumes, so a December reply finds
its November parent (Pipermail threads each month alone).  Beyond the classic
algorithm it adds two rules that real lists need:

* subject grouping only inside a time window, so yearly "Meeting minutes"
  threads do not merge, and never for digest subjects;
* replies to digests ("Re: X Digest, Vol 12, Issue 3") are attached to the
  message they answer, found through the Message-ID lines Mailman's digest
  quotes, instead of all digest replies forming one bogus thread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from analyzer.ingest.headers import normalize_subject
from analyzer.models import ThreadLink

SUBJECT_WINDOW = timedelta(days=60)
_DIGEST_SUBJECT = re.compile(r"\bdigest\b.*\bvol(?:ume)?\b.*\d+.*\bissue\b.*\d+", re.IGNORECASE)
_GENERIC_SUBJECTS = {"", "no subject", "(no subject)", "none", "untitled", "test"}


@dataclass(slots=True)
class ThreadInput:
    """The fields threading looks at; ``digest_ids`` are the ids a digest reply quotes,
    the message it most likely answers first."""

    message_id: str
    in_reply_to: list[str]
    references: list[str]
    subject: str
    date: datetime | None
    digest_ids: list[str] = field(default_factory=list)


@dataclass(eq=False, slots=True)
class _Container:
    id: str
    message: ThreadInput | None = None
    parent: _Container | None = None
    children: list[_Container] = field(default_factory=list)
    how: str = "root"

    def reaches(self, other: _Container) -> bool:
        """Whether ``other`` is this container or one of its ancestors."""
        node: _Container | None = self
        while node is not None:
            if node is other:
                return True
            node = node.parent
        return False


def is_digest_subject(subject: str) -> bool:
    """Subjects of Mailman digests and of replies to them."""
    return bool(_DIGEST_SUBJECT.search(subject or ""))


def build_threads(messages: Iterable[ThreadInput]) -> list[ThreadLink]:
    """Thread messages; return one link per message (parent and thread root ids)."""
    table: dict[str, _Container] = {}
    for message in messages:
        _index(table, message)
    roots = [c for c in table.values() if c.parent is None]
    roots = _prune(roots)
    _attach_digest_replies(roots, table)
    roots = [c for c in roots if c.parent is None]
    roots = _group_by_subject(roots)
    return _links(roots)


def _index(table: dict[str, _Container], message: ThreadInput) -> None:
    """JWZ step 1: place the message and link its reference chain."""
    container = table.get(message.message_id)
    if container is not None and container.message is not None:
        return  # duplicate id: the store already kept the first copy
    if container is None:
        container = table[message.message_id] = _Container(message.message_id)
    container.message = message
    refs = list(message.references)
    if message.in_reply_to and (not refs or refs[-1] != message.in_reply_to[0]):
        refs.append(message.in_reply_to[0])
    refs = [r for r in refs if r != message.message_id]
    previous: _Container | None = None
    for ref in refs:
        node = table.get(ref)
        if node is None:
            node = table[ref] = _Container(ref)
        if previous is not None and node.parent is None and not previous.reaches(node):
            _set_parent(node, previous, "references")
        previous = node
    if previous is not None and not previous.reaches(container):
        how = "references" if message.references else "in-reply-to"
        _set_parent(container, previous, how)


def _set_parent(child: _Container, parent: _Container | None, how: str) -> None:
    if child.parent is not None:
        child.parent.children.remove(child)
    child.parent = parent
    child.how = how if parent is not None else "root"
    if parent is not None:
        parent.children.append(child)


def _prune(roots: list[_Container]) -> list[_Container]:
    """JWZ step 4: drop empty containers, promoting their children."""
    out: list[_Container] = []
    for root in roots:
        _prune_children(root)
        if root.message is None and not root.children:
            continue
        if root.message is None and len(root.children) == 1:
            child = root.children[0]
            _set_parent(child, None, "root")
            out.append(child)
        else:
            out.append(root)
    return out


def _prune_children(node: _Container) -> None:
    for child in list(node.children):
        _prune_children(child)
        if child.message is None:
            for grandchild in list(child.children):
                _set_parent(grandchild, node, grandchild.how)
            node.children.remove(child)
            child.parent = None


def _attach_digest_replies(roots: list[_Container], table: dict[str, _Container]) -> None:
    """Hang a digest reply under the quoted message it answers."""
    for root in roots:
        message = root.message
        if message is None or not message.digest_ids:
            continue
        for quoted in message.digest_ids:  # best candidate first
            target = table.get(quoted)
            if target is not None and target.message is not None and not target.reaches(root):
                _set_parent(root, target, "digest")
                break


def _first_date(container: _Container) -> datetime | None:
    dates = [c.message.date for c in _walk(container) if c.message and c.message.date]
    return min(dates) if dates else None


def _root_subject(container: _Container) -> tuple[str, bool, str]:
    """(normalised subject, is reply, raw subject) of a root or its first child."""
    message = container.message or next(
        (c.message for c in _walk(container) if c.message), None
    )
    if message is None:
        return "", False, ""
    normal, is_reply = normalize_subject(message.subject)
    return normal, is_reply, message.subject


def _group_by_subject(roots: list[_Container]) -> list[_Container]:
    """JWZ step 5, limited to a time window and to meaningful subjects.

    Unlike JWZ, which makes two non-replies with one subject siblings under an
    empty container, a later root becomes a child of the earliest message with
    its subject, as Mailman does: every subject-linked message then has a real
    parent, and our links agree with the archive's own thread pages.
    """
    roots.sort(key=lambda c: (_first_date(c) is None, _first_date(c) or datetime.min))
    table: dict[str, _Container] = {}
    kept: list[_Container] = []
    for root in roots:
        subject, _, raw = _root_subject(root)
        if subject in _GENERIC_SUBJECTS or is_digest_subject(raw):
            kept.append(root)
            continue
        anchor = table.get(subject)
        if anchor is None or not _within_window(anchor, root):
            table[subject] = root
            kept.append(root)
            continue
        _set_parent(root, _earliest_with_subject(anchor, root, subject), "subject")
    return kept


def _strict_subject(container: _Container) -> str:
    message = container.message
    return normalize_subject(message.subject, keep_forward=True)[0] if message else ""


def _earliest_with_subject(anchor: _Container, root: _Container, subject: str) -> _Container:
    """The oldest message under ``anchor`` with the closest subject to ``root``'s.

    Same subject with forward markers kept beats same subject without them,
    which beats the oldest message of the thread.
    """
    real = [n for n in _walk(anchor) if n.message is not None]
    strict = _strict_subject(root if root.message else _walk(root)[-1])
    exact = [n for n in real if _strict_subject(n) == strict]
    loose = [n for n in real if normalize_subject(n.message.subject)[0] == subject]
    return min(exact or loose or real, key=_date_key)


def _date_key(node: _Container) -> tuple[bool, datetime]:
    date = node.message.date if node.message else None
    return (date is None, date or datetime.min)


def _within_window(anchor: _Container, root: _Container) -> bool:
    first, other = _first_date(anchor), _first_date(root)
    if first is None or other is None:
        return True
    return abs(other - first) <= SUBJECT_WINDOW


def _walk(container: _Container) -> list[_Container]:
    out, stack = [], [container]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(node.children))
    return out


def _links(roots: list[_Container]) -> list[ThreadLink]:
    """Flatten: parent = nearest real ancestor; thread id = the earliest real root."""
    links: list[ThreadLink] = []
    for root in roots:
        nodes = _walk(root)
        real = [n for n in nodes if n.message is not None]
        if not real:
            continue
        thread_id = root.id if root.message is not None else min(
            real, key=lambda n: (n.message.date is None, n.message.date or datetime.min)
        ).id
        for node in real:
            parent = node.parent
            while parent is not None and parent.message is None:
                parent = parent.parent
            links.append(ThreadLink(node.id, parent.id if parent else None, thread_id, node.how))
    return links
