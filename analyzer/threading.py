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

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from analyzer.ingest.headers import normalize_subject
from analyzer.models import ThreadLink

SUBJECT_WINDOW = timedelta(days=60)
_DIGEST_SUBJECT = re.compile(r"\bdigest\b.*\bvol(?:ume)?\b.*\d+.*\bissue\b.*\d+", re.IGNORECASE)
_NONE: list[str] = []  # shared, never mutated: most messages quote no digest
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
    #: Where the message is stored and ``stored_links`` of what the store holds,
    #: carried to its ThreadLink so that only changed links are written.
    rowid: int = 0
    stored: int | None = None


@dataclass(slots=True)
class _Message:
    """What threading keeps of a message once its references are linked.

    A million-message list is threaded in memory; dropping the reference lists
    (the bulk of a ThreadInput) after step 1 roughly halves what that costs.
    """

    subject: str
    date: datetime | None
    digest_ids: list[str]
    rowid: int
    stored: int | None


@dataclass(eq=False, slots=True)
class _Container:
    id: str
    message: _Message | None = None
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


#: Bumped whenever threading's rules change, so that a store threaded under older
#: rules is threaded whole again instead of being extended incrementally.
THREADING_VERSION = 1


def subject_key(subject: str) -> str | None:
    """The key under which subject grouping can join this message to others, if any.

    Roots are grouped by the normalised subject of their first message; generic
    and digest subjects are never grouped.  Keys start with a space, which no
    stored Message-ID starts with, so subject and id keys share one namespace
    (and a clash could only merge two groups, which costs time, never links).
    """
    normal = normalize_subject(subject)[0]
    if normal in _GENERIC_SUBJECTS or is_digest_subject(subject):
        return None
    return " " + normal


def interaction_keys(message: ThreadInput,
                     subject_key_of: Callable[[str], str | None] = subject_key) -> list[str]:
    """Every key through which another message can change how this one is threaded.

    Its own id, the ids of its reference chain and the digest sections it quotes
    (shared containers in JWZ step 1, digest attachment) and its subject key
    (subject grouping).  Messages that share no key, directly or through others,
    never influence each other's links: threading a set closed under shared keys
    gives exactly the links that threading the whole list gives them.
    """
    keys = [message.message_id]
    keys += reference_chain(message.message_id, message.references, message.in_reply_to)
    keys += message.digest_ids
    subject = subject_key_of(message.subject)
    if subject is not None:
        keys.append(subject)
    return keys


class KeyGroups:
    """Union-find over the keys of messages (``interaction_keys``).

    A group is the messages connected through shared keys, named by the
    smallest row id among them.  The store keeps the key → group map and each
    group's messages so that new messages are threaded together with just the
    groups they touch (see ``pipeline.thread_list``); ``tap`` adds inputs on
    their way to ``build_threads``, so a list is read once for both.
    """

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._owners: list[tuple[str, int]] = []
        # Replies repeat their thread's subject: normalising each distinct subject
        # once made adding 100k messages ~2x cheaper.
        self._subject_key = functools.lru_cache(maxsize=1 << 16)(subject_key)

    def add(self, message: ThreadInput) -> None:
        keys = interaction_keys(message, self._subject_key)
        parent = self._parent
        root = self._find(keys[0])
        for key in keys[1:]:
            other = self._find(key)
            if other != root:
                parent[other] = root
        self._owners.append((keys[0], message.rowid))

    def keys(self) -> Iterable[str]:
        """Every key added so far."""
        return self._parent.keys()

    def tap(self, messages: Iterable[ThreadInput]) -> Iterator[ThreadInput]:
        """``messages`` unchanged, each added on the way through."""
        for message in messages:
            self.add(message)
            yield message

    def groups(self) -> tuple[dict[str, int], dict[int, list[int]]]:
        """(every key seen → its group, each group → its messages' row ids, ascending).

        A group is named by the smallest row id among its messages.
        """
        members: dict[str, list[int]] = {}
        for key, rowid in self._owners:
            members.setdefault(self._find(key), []).append(rowid)
        name = {root: min(rowids) for root, rowids in members.items()}
        keys = {key: name[self._find(key)] for key in self._parent}
        return keys, {name[root]: sorted(rowids) for root, rowids in members.items()}

    def _find(self, key: str) -> str:
        parent = self._parent
        parent.setdefault(key, key)
        root = key
        while root != parent[root]:
            parent[root] = parent[parent[root]]  # path halving
            root = parent[root]
        return root


def build_threads(messages: Iterable[ThreadInput]) -> list[ThreadLink]:
    """Thread messages; return one link per message (parent and thread root ids).

    ``messages`` may be a generator: each input is dropped once indexed, so
    memory holds one small record per message, not its reference lists.
    """
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
    container.message = _Message(message.subject, message.date, message.digest_ids or _NONE,
                                 message.rowid, message.stored)
    refs = reference_chain(message.message_id, message.references, message.in_reply_to)
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


def reference_chain(message_id: str, references: list[str],
                    in_reply_to: list[str]) -> list[str]:
    """A message's ancestors as JWZ reads them, oldest first, the parent last.

    References, then the first In-Reply-To id when it is not already the last
    reference; never the message itself (a self-reference would be a cycle).
    """
    refs = list(references)
    if in_reply_to and (not refs or refs[-1] != in_reply_to[0]):
        refs.append(in_reply_to[0])
    return [r for r in refs if r != message_id]


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

    Each root's first date is computed once, and each subject's anchor thread
    keeps an index of its messages by subject, so a subject answered a thousand
    times costs a thousand steps, not a million.
    """
    first = {id(root): _first_date(root) for root in roots}
    roots.sort(key=lambda c: (first[id(c)] is None, first[id(c)] or datetime.min))
    anchors: dict[str, _SubjectIndex] = {}
    kept: list[_Container] = []
    for root in roots:
        subject, _, raw = _root_subject(root)
        if subject in _GENERIC_SUBJECTS or is_digest_subject(raw):
            kept.append(root)
            continue
        index = anchors.get(subject)
        if index is None or not _within_window(first[id(index.anchor)], first[id(root)]):
            anchors[subject] = _SubjectIndex(root, subject)
            kept.append(root)
            continue
        strict = _strict_subject(root if root.message else _walk(root)[-1])
        _set_parent(root, index.earliest(strict), "subject")
        index.add(root)
    return kept


class _SubjectIndex:
    """The messages of one anchor thread, by subject, for :func:`_group_by_subject`.

    The parent of a subject-only reply is the oldest message of the anchor thread
    whose subject matches the reply's with forward markers kept ("exact"), else
    whose normalised subject is the anchor's ("loose"), else the oldest of all.
    Ties on the date go to the first in thread order, as a walk would find it.
    """

    def __init__(self, anchor: _Container, subject: str):
        self.anchor = anchor
        self.subject = subject
        self.exact: dict[str, tuple[tuple[bool, datetime], list[_Container]]] = {}
        self.loose: tuple[tuple[bool, datetime], list[_Container]] | None = None
        self.oldest: tuple[tuple[bool, datetime], list[_Container]] | None = None
        self._indexed = False  # most anchors never get a subject-only reply: index lazily

    def add(self, root: _Container) -> None:
        if not self._indexed:
            return  # indexed with the whole anchor thread on the first query
        self._index(root)

    def _index(self, root: _Container) -> None:
        for node in _walk(root):
            if node.message is None:
                continue
            key = _date_key(node)
            strict = _strict_subject(node)
            self.exact[strict] = _better(self.exact.get(strict), key, node)
            if normalize_subject(node.message.subject)[0] == self.subject:
                self.loose = _better(self.loose, key, node)
            self.oldest = _better(self.oldest, key, node)

    def earliest(self, strict: str) -> _Container:
        if not self._indexed:
            self._indexed = True
            self._index(self.anchor)
        best = self.exact.get(strict) or self.loose or self.oldest
        _, nodes = best
        if len(nodes) == 1:
            return nodes[0]
        order = {id(n): i for i, n in enumerate(_walk(self.anchor))}
        return min(nodes, key=lambda n: order[id(n)])


def _better(current, key, node):
    """Keep the minimal date key and every node that has it."""
    if current is None or key < current[0]:
        return key, [node]
    if key == current[0]:
        current[1].append(node)
    return current


def _strict_subject(container: _Container) -> str:
    message = container.message
    return normalize_subject(message.subject, keep_forward=True)[0] if message else ""


def _date_key(node: _Container) -> tuple[bool, datetime]:
    date = node.message.date if node.message else None
    return (date is None, date or datetime.min)


def _within_window(first: datetime | None, other: datetime | None) -> bool:
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
            links.append(ThreadLink(node.id, parent.id if parent else None, thread_id, node.how,
                                    node.message.rowid, node.message.stored))
    return links
