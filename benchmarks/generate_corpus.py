#!/usr/bin/env python3
"""Deterministic scale corpus for the ingest benchmarks, written as a Pipermail mirror.

``python benchmarks/generate_corpus.py --messages 100000 --out DIR [--seed 1]`` writes::

    DIR/LIST/index.html          Mailman 2.1 list TOC linking every volume (newest first)
    DIR/LIST/PERIOD.txt          monthly volumes in Pipermail's exact ``.txt`` format
    DIR/LIST/PERIOD.txt.gz       the same bytes gzipped (mtime 0, so files are reproducible)
    DIR/manifest.json            what was written: records, unique Message-IDs, ...

Records follow docs/pipermail-format.md §7: ``From user at host  ctime`` separators,
``From: user at host (Name)``, Date with the sender's offset, Subject with the list
prefix (``Re:`` after it, or stripped when it came first), In-Reply-To/References for
replies and Message-ID (absent for ~1% of messages).  Bodies are lognormal-sized,
quote their parent with attribution lines, carry signatures, scrubbed-attachment
notices, some non-ASCII text and, rarely, unescaped ``From `` lines, including ones
shaped like a separator but not followed by a header (§7.3).  A few records are
re-appended verbatim at the end of their month, like ``bin/arch`` rebuild debris
(§7.6), so deduplication is exercised.

All text comes from the word lists below; nothing is copied from real archives.
Generation streams to disk: memory holds only the active threads, the authors and
one month's handful of debris records.  The same seed always gives byte-identical
files.  Measured (2 cores, AMD EPYC): 100k messages in 15 s, 1M messages in 170 s
with a 40 MB peak RSS, writing 1.5 GB of ``.txt`` and 0.45 GB of ``.txt.gz``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

GENERATOR_VERSION = 3
DEFAULT_LIST = "bench-list"
DEFAULT_DISPLAY = "Bench-List"
ARCHIVE_HOST = "lists.example.org"
MESSAGES_PER_MONTH = 1500
START = datetime(2009, 1, 1, 0, 0, 0)
#: At most 17 years (2009-2025): a bigger archive is a busier list, not a longer one.
#: Version 2 spread 1M messages to 2064, and ingest rightly reads dates more than a
#: year ahead as no date at all, so two thirds of that corpus had none.
MAX_MONTHS = 204
GZIP_LEVEL = 6
FLUSH_BYTES = 1 << 20
MAX_ACTIVE_THREADS = 200

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")

# --------------------------------------------------------------------------- word lists


def _words(text: str) -> list[str]:
    """A word list written as running text."""
    return text.split()


FUNCTION_WORDS = _words("""
the of to and a in is it that for you this with on be not are have as but can if or
was from at by an we use my there what all your so one when would do has will about
which more just like get how some also any only then them than it's i'm don't should
could might need want think see make work still into after before other because here
""")
COMMON_WORDS = _words("""
time way now new same first right good better problem question answer idea thing
case point change issue test fix code try tried found looks seems works used using
again maybe actually probably really already instead though since while until without
people someone anyone everyone nobody list thread reply mail message post email week
day today yesterday tomorrow year version release branch patch review ticket commit
change changes example examples simple simply easy hard possible sure clear wrong
""")
TECH_WORDS = _words("""
reactor deferred callback errback protocol factory transport server client connection
socket thread process module package import function method class instance object
attribute argument parameter exception traceback error warning bug trunk build buildbot
documentation docs snippet config configuration database query cache timeout request
response header payload buffer stream queue event loop handler plugin service endpoint
certificate tls http proxy dns udp tcp port address host network latency memory
performance benchmark profile interface adapter component resource template parser
encoding unicode bytes string integer list dictionary tuple generator iterator
coroutine asyncio scheduler timer delay retry backoff logging logger observer
filesystem directory path file descriptor pipe signal child shutdown startup
daemon service deployment container image dependency requirement wheel installer
compiler interpreter runtime platform windows linux macos python pypy cpython
tutorial howto api wrapper library framework application script command option
flag setting environment variable credential password token session cookie
""")
SUBJECT_NOUNS = _words("""
reactor deferreds callbacks protocol factory transport endpoints TLS certificates
HTTP client proxy DNS resolver UDP sockets timeouts logging plugins trial tests
buildbot documentation release packaging wheels Python 3 PyPy asyncio coroutines
inlineCallbacks threads process spawning shutdown signals daemonize service
twistd web server templates resources SSH conch mail IMAP SMTP XMPP IRC
""")
VERBS = _words("""
use handle cancel retry close restart test debug install configure deploy upgrade
port migrate profile serialize parse stream schedule log wrap subclass override
""")
PLATFORMS = ("Windows", "Linux", "macOS", "FreeBSD", "PyPy", "Python 3", "ARM", "Docker")
PROJECTS = ("Gadget", "Sprocket", "Widgetry", "Flux", "Kettle", "Marmot", "Quill", "Tern")

FIRST_NAMES = _words("""
Alice Bob Carol David Erin Frank Grace Heidi Ivan Judy Mallory Niaj Olivia Peggy
Rupert Sybil Trent Victor Walter Yvonne Zach Amber Brian Chloe Dmitri Elena Felix
Gina Hugo Irene Jonas Kira Liam Mona Nadia Oscar Paula Quentin Rosa Stefan Tara
Umar Vera Wendy Xavier Yuki Zora Marcus Helen Tobias Ingrid Pavel Lena Nikolai
""")
LAST_NAMES = _words("""
Smith Jones Taylor Brown Walker Wright Robinson Thompson Hughes Edwards Green Hall
Wood Harris Clarke Jackson Turner Hill Moore Cooper Ward Morris King Baker Harper
Fischer Weber Meyer Wagner Becker Schulz Hoffmann Rossi Russo Ferrari Bianchi
Novak Horvat Kowalski Nowak Jansen Visser Bakker Larsen Nielsen Andersen Petrov
""")
NON_ASCII_NAMES = (
    "José García", "Zoë Lefèvre", "Søren Kierkegård", "Łukasz Wróbel", "Jürgen Müller",
    "François Dupré", "Björn Ångström", "Çağrı Öztürk", "Tomáš Ševčík", "Nguyễn Văn An",
    "Дмитрий Иванов", "Ольга Смирнова", "田中 太郎", "Renée Côté", "João Gonçalves",
)
NON_ASCII_SENTENCES = (
    "Merci beaucoup, ça marche très bien maintenant.",
    "Viele Grüße aus Zürich, und danke für die schnelle Antwort.",
    "Saludos desde Málaga — the fix works for me too.",
    "Спасибо за помощь, теперь всё работает.",
    "ありがとうございます。This solved it.",
    "It is a naïve approach, but the café's résumé parser handles it.",
    "The error message shows “unexpected token” – see the log below…",
    "Temperature was 21 °C and the latency ±3 µs, so not the hardware.",
)
TAGLINES = (
    "https://{w}.example.org/", "Senior {W} Engineer, {P} Ltd.", "{P} core developer",
    "Sent from my phone, please excuse brevity.", "PGP key available on request",
    "\"There are only two hard things in computer science.\"",
)
CODE_LINES = (
    "from {w} import {w}", "def {w}_{w}(self, {w}):", "    return self.{w}.{w}({w})",
    "d = {w}.{w}({w}, timeout={n})", "d.addCallback({w}_{w})", "d.addErrback(log.err)",
    "reactor.callLater({n}, {w}.{w})", ">>> {w}.{w}()", "[{n}] {W}Error: {w} {w}",
    "  File \"{w}/{w}.py\", line {n}, in {w}_{w}", "class {W}{W}({W}):",
)
FROM_PROSE = (
    "From what I can see, the {w} is never {w} in that case.",
    "From the {w} docs: the {w} should be {w} before the {w} starts.",
    "From my point of view this is a {w} problem, not a {w} one.",
    "From {W} on, the {w} {w} changed behaviour.",
)
DOMAINS = ("example.org", "example.com", "example.net", "mail.example.com",
           "dev.example.net", "users.example.org", "corp.example.com", "uni.example.edu")
TZ_OFFSETS = (-480, -420, -300, -240, -180, 0, 0, 60, 60, 120, 180, 330, 480, 540, 600)
TZ_NAMES = {-480: "PST", -420: "PDT", -300: "CDT", -240: "EDT", 0: "GMT", 60: "CET",
            120: "CEST"}
ENDINGS = (".", ".", ".", ".", ".", ".", "?", "!", "...", ".")
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
TOKEN_CHARS = ALNUM + "=+-_"
NEXT_PART = "-------------- next part --------------"


def _population() -> list[str]:
    """Words weighted by repetition (cheap Zipf-like sampling with random.choices)."""
    return FUNCTION_WORDS * 9 + COMMON_WORDS * 3 + TECH_WORDS


POPULATION = _population()


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class Author:
    """A poster: identity, time zone and writing habits."""

    name: str
    local: str
    domain: str
    name_field: str
    offset: int
    style: int
    signature: list[str]

    @property
    def obfuscated(self) -> str:
        """The address as Pipermail prints it (``user at host``)."""
        return f"{self.local} at {self.domain}"


@dataclass(slots=True)
class Post:
    """What later replies need from a message: ids, author, date and quotable text."""

    message_id: str | None
    author: Author
    when: datetime
    own: list[str]
    quoted: list[str]
    references: list[str]


@dataclass(slots=True)
class Thread:
    """An active thread: topic, posts so far and how many replies it will still get."""

    topic: str
    remaining: int
    chain: bool
    posts: list[Post] = field(default_factory=list)


@dataclass(slots=True)
class Counts:
    """The generator's bookkeeping, written to the manifest."""

    records: int = 0
    duplicates: int = 0
    with_id: int = 0
    without_id: int = 0
    replies: int = 0
    from_lines: int = 0
    separator_lines: int = 0
    non_ascii: int = 0
    attachments: int = 0


def ctime(when: datetime) -> str:
    """``Thu Oct  1 08:43:35 2015`` (the day is space-padded, C locale)."""
    return (f"{DAYS[when.weekday()]} {MONTHS[when.month - 1]} {when.day:2d} "
            f"{when.hour:02d}:{when.minute:02d}:{when.second:02d} {when.year}")


def rfc2822(when: datetime, offset: int) -> str:
    """``Thu, 1 Oct 2015 08:43:35 -0500`` for a local time and its UTC offset (minutes)."""
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    return (f"{DAYS[when.weekday()]}, {when.day} {MONTHS[when.month - 1]} {when.year} "
            f"{when.hour:02d}:{when.minute:02d}:{when.second:02d} {sign}{hours:02d}{minutes:02d}")


def period_name(when: datetime) -> str:
    """Pipermail's monthly volume name, ``2015-October``."""
    return f"{when.year}-{MONTH_NAMES[when.month - 1]}"


def wrap(words: list[str], width: int = 72) -> list[str]:
    """Greedy line filling, like a mail client's format at ``width`` columns."""
    lines: list[str] = []
    line: list[str] = []
    size = 0
    for word in words:
        if line and size + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, size = [word], len(word)
        else:
            size += len(word) + (1 if line else 0)
            line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


def encoded_word(name: str) -> str:
    """An RFC 2047 Q-encoded UTF-8 display name, as many clients send non-ASCII names."""
    out = []
    for byte in name.encode("utf-8"):
        char = chr(byte)
        if char == " ":
            out.append("_")
        elif char.isalnum() and byte < 128:
            out.append(char)
        else:
            out.append(f"={byte:02X}")
    return f"=?utf-8?q?{''.join(out)}?="


def fold(name: str, value: str, rng: random.Random) -> str:
    """A header line, folded before column 70 the way Mailman's email package does."""
    line = f"{name}: {value}"
    if len(line) <= 76:
        return line
    cut = line.rfind(" ", 20, 70)
    if cut < 0:
        return line
    return line[:cut] + rng.choice(("\n\t", "\n ")) + line[cut + 1:]


# --------------------------------------------------------------------------- the generator


class CorpusGenerator:
    """Produces records in arrival order; one instance per corpus (holds the RNG)."""

    def __init__(self, messages: int, seed: int, list_name: str, display: str):
        self.rng = random.Random(seed)
        self.messages = messages
        self.list_name, self.prefix = list_name, f"[{display}]"
        self.counts = Counts()
        self.threads: list[Thread] = []
        self.authors = [self._author(i) for i in range(max(50, messages // 40))]
        self.author_weights = list(_cumulative(len(self.authors)))
        months = min(MAX_MONTHS, max(1, math.ceil(messages / MESSAGES_PER_MONTH)))
        self.mean_gap = months * 30.44 * 86400 / messages
        self.clock = 0.0
        self.serial = 0

    # ---- people

    def _author(self, index: int) -> Author:
        """A poster with a stable address, zone, attribution style and signature."""
        rng = self.rng
        if rng.random() < 0.06:
            name = rng.choice(NON_ASCII_NAMES)
            local = f"user{index}"
        else:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            first, last = name.lower().split()
            local = rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{index}",
                                f"{last}.{first[0]}"))
        domain = rng.choice(DOMAINS)
        name_field = self._name_field(name, f"{local} at {domain}")
        signature = self._signature(name) if rng.random() < 0.4 else []
        return Author(name, local, domain, name_field, rng.choice(TZ_OFFSETS),
                      rng.randrange(6), signature)

    def _name_field(self, name: str, address: str) -> str:
        """How the ``(AUTHOR)`` part looks: raw, encoded-word or the address itself."""
        roll = self.rng.random()
        if roll < 0.03:
            return address
        if not name.isascii() and roll < 0.5:
            return encoded_word(name)
        return name

    def _signature(self, name: str) -> list[str]:
        """``-- `` plus a name and a tagline."""
        rng = self.rng
        tagline = rng.choice(TAGLINES).format(
            w=rng.choice(TECH_WORDS), W=rng.choice(TECH_WORDS).title(), P=rng.choice(PROJECTS))
        return [rng.choice(("-- ", "--", "-- ")), name.split()[0] if rng.random() < 0.3
                else name, tagline]

    def _pick_author(self) -> Author:
        return self.rng.choices(self.authors, cum_weights=self.author_weights)[0]

    # ---- text

    def words(self, count: int) -> list[str]:
        """Sentences as a flat word list (capitalised starts, punctuation at the ends)."""
        rng = self.rng
        words = rng.choices(POPULATION, k=count)
        i = 0
        while i < count:
            words[i] = words[i].capitalize()
            i += rng.randint(5, 17)
            words[min(i, count) - 1] += rng.choice(ENDINGS)
        return words

    def paragraphs(self, chars: int) -> list[str]:
        """Body lines of about ``chars`` characters: prose, sometimes code or a URL."""
        rng = self.rng
        lines: list[str] = []
        budget = chars
        while budget > 0:
            if lines:
                lines.append("")
            if rng.random() < 0.08:
                block = self._code_block()
            else:
                block = wrap(self.words(max(4, min(budget, rng.randint(150, 600)) // 6)))
            lines.extend(block)
            budget -= sum(map(len, block)) + len(block)
        return lines

    def _code_block(self) -> list[str]:
        rng = self.rng
        return ["    " + rng.choice(CODE_LINES).format(
            w=rng.choice(TECH_WORDS), W=rng.choice(TECH_WORDS).title(), n=rng.randint(1, 999))
            for _ in range(rng.randint(2, 7))]

    def topic(self) -> str:
        """A thread subject without prefix."""
        rng = self.rng
        noun, other = rng.choice(SUBJECT_NOUNS), rng.choice(SUBJECT_NOUNS)
        verb, tech = rng.choice(VERBS), " ".join(rng.choices(TECH_WORDS, k=rng.randint(1, 3)))
        templates = (
            f"How to {verb} {noun} with {other} {tech}?",
            f"Problem with {noun} and {other} on {rng.choice(PLATFORMS)}",
            f"[ANN] {rng.choice(PROJECTS)} {rng.randint(0, 20)}.{rng.randint(0, 12)}."
            f"{rng.randint(0, 9)} released",
            f"{noun.capitalize()} does not {verb} after upgrade to {rng.randint(8, 24)}."
            f"{rng.randint(0, 12)}",
            f"Question about {noun} {tech}",
            f"Proposal: {verb} {noun} in {other} ({tech})",
            f"Best way to {verb} {noun} from {tech}",
        )
        topic = rng.choice(templates)
        if rng.random() < 0.02:
            topic += " — " + rng.choice(NON_ASCII_SENTENCES)[:30]
        return topic

    # ---- one message

    def next_record(self) -> tuple[str, bytes, bool]:
        """(period, record bytes, whether it should also appear as rebuild debris)."""
        rng = self.rng
        self.clock += rng.expovariate(1.0 / self.mean_gap)
        when = START + timedelta(seconds=int(self.clock))
        thread, parent = self._thread_for_new_message()
        author = self._pick_author()
        self.serial += 1
        mid = self._message_id(author, when) if rng.random() > 0.01 else None
        post = Post(mid, author, when, [], [], [])
        body = self._body(post, parent)
        headers = self._headers(post, thread, parent, when)
        self._remember(thread, post)
        self.counts.records += 1
        if mid:
            self.counts.with_id += 1
        else:
            self.counts.without_id += 1
        record = "\n".join([*headers, "", *body, "", ""])
        return period_name(when), record.encode("utf-8"), rng.random() < 0.003

    def _thread_for_new_message(self) -> tuple[Thread, Post | None]:
        """Start a thread (0-20 replies to come, some deep chains) or reply in a live one."""
        rng = self.rng
        if not self.threads or rng.random() < 0.26:
            chain = rng.random() < 0.08
            if chain:
                remaining = rng.randint(8, 20)
            elif rng.random() < 0.35:
                remaining = 0
            else:
                remaining = min(20, 1 + int(rng.expovariate(1 / 2.5)))
            return Thread(self.topic(), remaining, chain), None
        back = min(int(rng.expovariate(1 / 12)), len(self.threads) - 1)
        thread = self.threads[len(self.threads) - 1 - back]
        thread.remaining -= 1
        if thread.chain:
            return thread, thread.posts[-1]
        roll = rng.random()
        if roll < 0.45:
            return thread, thread.posts[0]
        if roll < 0.8:
            return thread, thread.posts[-1]
        return thread, rng.choice(thread.posts)

    def _remember(self, thread: Thread, post: Post) -> None:
        """Keep the thread while replies are due; bound how many threads stay live."""
        thread.posts.append(post)
        if len(thread.posts) == 1 and thread.remaining > 0:
            self.threads.append(thread)
            if len(self.threads) > MAX_ACTIVE_THREADS:
                self.threads.pop(0)
        elif thread.remaining <= 0 and thread in self.threads:
            self.threads.remove(thread)

    def _message_id(self, author: Author, when: datetime) -> str:
        """Unique ids (the serial is part of each) in the shapes real clients use."""
        rng, n = self.rng, self.serial
        style = rng.randrange(4)
        if style == 0:
            token = "".join(rng.choices(TOKEN_CHARS, k=36))
            return f"CA+{token}{n:x}@mail.example.com"
        if style == 1:
            return f"{n:08X}.{rng.randint(1000000, 9999999)}@{author.domain}"
        if style == 2:
            stamp = when.strftime("%Y%m%d%H%M%S")
            return f"{stamp}.GA{n}@{rng.choice(('box', 'laptop', 'ws'))}.{author.domain}"
        hexa = "".join(rng.choices("0123456789ABCDEF", k=24))
        return f"{hexa[:8]}-{hexa[8:12]}-{hexa[12:16]}-{hexa[16:20]}-{n:012X}@{author.domain}"

    def _headers(self, post: Post, thread: Thread, parent: Post | None, when: datetime
                 ) -> list[str]:
        """Separator and the six Pipermail headers, in Pipermail's order."""
        rng, author = self.rng, post.author
        sent = when - timedelta(seconds=rng.randint(1, 300)) + timedelta(minutes=author.offset)
        date = rfc2822(sent, author.offset)
        if rng.random() < 0.05 and author.offset in TZ_NAMES:
            date += f" ({TZ_NAMES[author.offset]})"
        lines = [f"From {author.obfuscated}  {ctime(when)}",
                 f"From: {author.obfuscated} ({author.name_field})",
                 f"Date: {date}",
                 fold("Subject", self._subject(thread.topic, parent is not None), rng)]
        if parent is not None:
            self.counts.replies += 1
            lines.extend(self._reply_headers(post, parent))
        if post.message_id:
            lines.append(f"Message-ID: <{post.message_id}>")
        return lines

    def _subject(self, topic: str, reply: bool) -> str:
        """List prefix first; a leading ``Re:`` was stripped by Pipermail (§7.1)."""
        if not reply:
            return f"{self.prefix} {topic}"
        roll = self.rng.random()
        if roll < 0.8:
            return f"{self.prefix} Re: {topic}"
        if roll < 0.9:
            return f"{self.prefix} {topic}"  # was "Re: [Prefix] topic"
        if roll < 0.97:
            return f"{self.prefix} Re: Re: {topic}"
        return f"{self.prefix} AW: {topic}"

    def _reply_headers(self, post: Post, parent: Post) -> list[str]:
        """In-Reply-To and References as clients write them (sometimes only one)."""
        if parent.message_id is None:
            return []
        rng = self.rng
        refs = [*parent.references, parent.message_id][-10:]
        post.references = refs
        lines = []
        roll = rng.random()
        if roll < 0.95:
            value = f"<{parent.message_id}>"
            if rng.random() < 0.03:
                value += f" ({parent.author.name_field}'s message of \"{ctime(parent.when)}\")"
            lines.append(f"In-Reply-To: {value}")
        if roll > 0.05:
            sep = rng.choice(("\n ", "\n\t"))
            lines.append("References: " + sep.join(f"<{r}>" for r in refs))
        return lines

    # ---- bodies

    def _body(self, post: Post, parent: Post | None) -> list[str]:
        """Own text, quote of the parent, signature and scrubbed-attachment notices."""
        rng = self.rng
        size = min(3000, max(300, int(rng.lognormvariate(math.log(800), 0.65))))
        quote = self._quote(parent, size // 2) if parent is not None else []
        extras = self._extras(post)
        own_chars = max(120, size - sum(map(len, quote)) - sum(map(len, extras)))
        own = self.paragraphs(own_chars)
        self._sprinkle(own)
        post.own = [line for line in own if line][:14]
        post.quoted = [line for line in quote if line.startswith(">")][:8]
        body = self._arrange(own, quote, post.author.style)
        if post.author.signature:
            body += ["", *post.author.signature]
        return body + extras

    def _quote(self, parent: Post, limit: int) -> list[str]:
        """Attribution line plus the parent's text with one more level of ``>``."""
        lines = [self._attribution(parent)]
        size = 0
        source = parent.own[: self.rng.randint(2, 14)] + parent.quoted
        for line in source:
            quoted = ">" + line if line.startswith(">") else "> " + line
            size += len(quoted) + 1
            if size > limit:
                break
            lines.append(quoted)
        return lines

    def _attribution(self, parent: Post) -> str:
        """The ``On ..., X wrote:`` line, in the replying client's style."""
        name, when, addr = parent.author.name, parent.when, parent.author.obfuscated
        style = self.rng.randrange(6)
        if style == 0:
            hour = when.hour % 12 or 12
            ampm = "AM" if when.hour < 12 else "PM"
            return (f"On {DAYS[when.weekday()]}, {MONTHS[when.month - 1]} {when.day}, "
                    f"{when.year} at {hour}:{when.minute:02d} {ampm}, {name} <{addr}> wrote:")
        if style == 1:
            return f"On {when:%d/%m/%y %H:%M}, {name} wrote:"
        if style == 2:
            return f"{name} wrote:"
        if style == 3:
            return f"On {rfc2822(when, 0)}, {name} wrote:"
        if style == 4:
            return f"Quoting {name} ({addr}):"
        return f"Le {when:%d/%m/%Y à %H:%M}, {name} a écrit :"

    def _arrange(self, own: list[str], quote: list[str], style: int) -> list[str]:
        """Bottom-post, top-post or interleave the quote with the new text."""
        if not quote:
            return own
        if style in (0, 1, 2):
            return [*quote, "", *own]
        if style in (3, 4):
            return [*own, "", *quote]
        half, cut = len(quote) // 2 + 1, len(own) // 2
        return [*quote[:half], "", *own[:cut], "", *quote[half:], "", *own[cut:]]

    def _sprinkle(self, own: list[str]) -> None:
        """Non-ASCII sentences and the unescaped ``From `` lines of §7.3, rarely."""
        rng = self.rng
        if rng.random() < 0.03:
            self.counts.non_ascii += 1
            own.extend(["", rng.choice(NON_ASCII_SENTENCES)])
        roll = rng.random()
        if roll < 0.006:
            self.counts.from_lines += 1
            line = rng.choice(FROM_PROSE).format(w=rng.choice(TECH_WORDS),
                                                 W=rng.choice(FIRST_NAMES))
            own[:0] = [line, *wrap(self.words(20)), ""]
        elif roll < 0.008:
            self.counts.separator_lines += 1
            other = self._pick_author()
            when = START + timedelta(seconds=int(self.clock) - rng.randint(86400, 10**7))
            own.extend(["", "Here is the bounce I got back:", "",
                        f"From {other.obfuscated}  {ctime(when)}", *wrap(self.words(25))])

    def _extras(self, post: Post) -> list[str]:
        """Scrubbed HTML alternative, non-text attachment or signature notices (§6)."""
        rng = self.rng
        roll = rng.random()
        if roll >= 0.32:
            return []
        self.counts.attachments += 1
        url = (f"URL: <http://{ARCHIVE_HOST}/pipermail/{self.list_name}/attachments/"
               f"{post.when:%Y%m%d}/{rng.getrandbits(32):08x}/attachment")
        if roll < 0.26:
            return [NEXT_PART, "An HTML attachment was scrubbed...", url + ".html>"]
        if roll < 0.29:
            kind, name, ext = "image/png", "screenshot.png", ".png"
            desc = "not available"
        else:
            kind, name, ext = "application/pgp-signature", "signature.asc", ".sig"
            desc = "OpenPGP digital signature"
        return [NEXT_PART, "A non-text attachment was scrubbed...", f"Name: {name}",
                f"Type: {kind}", f"Size: {rng.randint(400, 90000)} bytes", f"Desc: {desc}",
                url + f"{ext}>"]


def _cumulative(count: int) -> list[float]:
    """Cumulative Zipf-like weights: a few authors write most of the mail."""
    total, out = 0.0, []
    for i in range(count):
        total += 1.0 / (i + 1) ** 0.9
        out.append(total)
    return out


# --------------------------------------------------------------------------- output


class VolumeWriter:
    """Streams monthly volumes to ``PERIOD.txt`` and ``PERIOD.txt.gz`` (buffered)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.volumes: list[dict] = []
        self.period: str | None = None
        self._buffer: list[bytes] = []
        self._buffered = 0
        self._debris: list[bytes] = []
        self._txt = self._gz = self._raw_gz = None

    def add(self, period: str, record: bytes, debris: bool) -> int:
        """Append a record; returns the number of debris copies written on rollover."""
        copies = self._roll(period) if period != self.period else 0
        self._write(record)
        if debris:
            self._debris.append(record)
        return copies

    def close(self) -> int:
        """Finish the last volume; returns the debris copies written into it."""
        return self._roll(None)

    def _roll(self, period: str | None) -> int:
        copies = len(self._debris)
        if self.period is not None:
            for record in self._debris:
                self._write(record)
            self._finish_volume()
        self._debris = []
        self.period = period
        if period is not None:
            self._txt = open(self.folder / f"{period}.txt", "wb")  # noqa: SIM115
            self._raw_gz = open(self.folder / f"{period}.txt.gz", "wb")  # noqa: SIM115
            self._gz = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw_gz, mtime=0,
                                     compresslevel=GZIP_LEVEL)
        return copies

    def _write(self, record: bytes) -> None:
        self._buffer.append(record)
        self._buffered += len(record)
        if self._buffered >= FLUSH_BYTES:
            self._flush()

    def _flush(self) -> None:
        data = b"".join(self._buffer)
        self._txt.write(data)
        self._gz.write(data)
        self._buffer, self._buffered = [], 0

    def _finish_volume(self) -> None:
        self._flush()
        self._gz.close()
        self._raw_gz.close()
        self._txt.close()
        txt = self.folder / f"{self.period}.txt"
        self.volumes.append({"period": self.period, "txt_bytes": txt.stat().st_size,
                             "gz_bytes": (self.folder / f"{self.period}.txt.gz").stat().st_size})


def size_label(size: int) -> str:
    """Mailman's TOC size text: bytes below 1000, then decimal KB / MB, truncated."""
    if size < 1000:
        return f"{size} bytes"
    if size < 10**6:
        return f"{size // 1000} KB"
    return f"{size // 10**6} MB"


def toc_html(display: str, list_name: str, volumes: list[dict]) -> str:
    """The list TOC (``archtocnombox`` template of Mailman 2.1), newest period first."""
    rows = []
    for volume in reversed(volumes):
        period = volume["period"]
        year, month = period.split("-")
        links = "\n".join(f'              <A href="{period}/{page}.html">[ {page.title()} ]</a>'
                          for page in ("thread", "subject", "author", "date"))
        rows.append(
            f"\n\t    <tr>\n            <td>{month} {year}:</td>\n            <td>\n{links}\n"
            f"            </td>\n            <td><A href=\"{period}.txt.gz\">[ Gzip'd Text "
            f"{size_label(volume['gz_bytes'])} ]</a></td>\n            </tr>\n"
        )
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<HTML>\n  <HEAD>\n'
        f"     <title>The {display} Archives</title>\n"
        '     <META NAME="robots" CONTENT="noindex,follow">\n'
        '     <META http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        '  </HEAD>\n  <BODY BGCOLOR="#ffffff">\n'
        f"     <h1>The {display} Archives </h1>\n     <p>\n"
        f'      You can get <a href="http://{ARCHIVE_HOST}/mailman/listinfo/{list_name}">'
        "more information about this list</a>.\n     </p>\n     \n"
        "     \t<table border=3>\n          <tr><td>Archive</td>\n"
        "          <td>View by:</td>\n          <td>Downloadable version</td></tr>\n\n"
        f"     {''.join(rows)}\n\t     </table>\n     \n  </BODY>\n</HTML>\n"
    )


def generate(out: Path, messages: int, seed: int = 1, list_name: str = DEFAULT_LIST,
             display: str = DEFAULT_DISPLAY) -> dict:
    """Write the corpus under ``out`` and return the manifest (also saved as JSON)."""
    folder = Path(out) / list_name
    folder.mkdir(parents=True, exist_ok=True)
    for stale in [*folder.glob("*.txt"), *folder.glob("*.txt.gz"), folder / "index.html"]:
        stale.unlink(missing_ok=True)  # a smaller earlier corpus must not leave volumes
    gen = CorpusGenerator(messages, seed, list_name, display)
    writer = VolumeWriter(folder)
    duplicates = 0
    for _ in range(messages):
        duplicates += writer.add(*gen.next_record())
    duplicates += writer.close()
    (folder / "index.html").write_text(toc_html(display, list_name, writer.volumes), "utf-8")
    manifest = _manifest(gen, writer.volumes, duplicates, seed, list_name)
    (Path(out) / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    return manifest


def _manifest(gen: CorpusGenerator, volumes: list[dict], duplicates: int, seed: int,
              list_name: str) -> dict:
    """Counts a reader of the corpus can check: unique messages = ids + id-less records."""
    counts = gen.counts
    return {
        "generator_version": GENERATOR_VERSION, "seed": seed, "list": list_name,
        "messages": counts.records, "records": counts.records + duplicates,
        "debris_duplicates": duplicates, "unique_message_ids": counts.with_id,
        "without_message_id": counts.without_id,
        "expected_unique": counts.with_id + counts.without_id,
        "replies": counts.replies, "from_body_lines": counts.from_lines,
        "separator_like_body_lines": counts.separator_lines,
        "non_ascii_bodies": counts.non_ascii, "attachment_notices": counts.attachments,
        "txt_bytes": sum(v["txt_bytes"] for v in volumes),
        "gz_bytes": sum(v["gz_bytes"] for v in volumes), "volumes": volumes,
    }


def main(argv: list[str] | None = None) -> int:
    """CLI entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=100_000, help="unique messages")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--list", default=DEFAULT_LIST, help="list name (folder name)")
    args = parser.parse_args(argv)
    if args.messages < 1:
        parser.error("--messages must be at least 1")
    started = time.perf_counter()
    manifest = generate(args.out, args.messages, args.seed, args.list)
    elapsed = time.perf_counter() - started
    print(f"{manifest['records']} records ({manifest['expected_unique']} unique) in "
          f"{len(manifest['volumes'])} volumes, {manifest['txt_bytes'] / 1e6:.1f} MB text, "
          f"{manifest['gz_bytes'] / 1e6:.1f} MB gzipped, {elapsed:.1f} s -> "
          f"{args.out / args.list}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
