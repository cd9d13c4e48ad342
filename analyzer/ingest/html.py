"""Parse Pipermail (GNU Mailman 2) HTML pages into plain records.

Pure functions only: bytes or text in, dataclasses out; no network, no SQL.  The
page layouts are described in ``docs/pipermail-format.md`` §3, §4, §5, §8 and §11.

Targeted regular expressions are used instead of a full HTML tree: Pipermail
writes its pages from a handful of fixed templates, so the few fields we need sit
at predictable places, and archives hold 100k+ pages, where building a
BeautifulSoup tree per page would dominate ingest time.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from analyzer.errors import MalformedMessage

__all__ = [
    "HtmlMessage",
    "ThreadEntry",
    "parse_message_page",
    "parse_period_index_count",
    "parse_rendered_page",
    "parse_thread_index",
]


@dataclass(slots=True)
class HtmlMessage:
    """One message as far as a Pipermail message page (or its text rendering) tells.

    ``message_id`` has no angle brackets and is ``None`` when the page does not carry
    one (Mailman 2.0 pages, messages without Message-ID, rendered pages).
    ``date_raw`` is shown verbatim: server-local Mailman format on 2.1 pages, the
    sender's RFC 2822 ``Date:`` on 2.0 pages (§5.2).  ``charset`` is the codec that
    actually decoded the page.
    """

    number: int | None
    subject: str
    author: str
    address: str
    message_id: str | None
    date_raw: str
    body: str
    charset: str
    list_name: str | None
    list_display: str | None
    listinfo_url: str | None


@dataclass(slots=True)
class ThreadEntry:
    """One line of a period's thread.html, with its parent resolved from the key."""

    number: int
    depth: int
    key: str
    parent_number: int | None
    subject: str
    author: str


_FLAGS = re.IGNORECASE | re.DOTALL

_META_CHARSET = re.compile(
    rb"<META\s+http-equiv=\"?Content-Type\"?\s+content=\"[^\"]*?charset=([-\w.:]+)", re.I
)
_HEAD_END = re.compile(rb"<BODY", re.I)
_H1 = re.compile(r"<H1>(.*?)</H1>", _FLAGS)
_BOLD = re.compile(r"<B>(.*?)</B>", _FLAGS)
_MAILTO = re.compile(r"<A\s+HREF=\"(mailto:[^\"]*)\"[^>]*>(.*?)</A>", _FLAGS)
_ITALIC = re.compile(r"<I>(.*?)</I>", _FLAGS)
_IN_REPLY_TO = re.compile(r"[?&]In-Reply-To=([^&\"]*)", re.I)
_BEGIN = "<!--beginarticle-->"
_END = "<!--endarticle-->"
_PRE_OPEN = re.compile(r"\A\s*<PRE>", re.I)
_PRE_CLOSE = re.compile(r"</PRE>\s*\Z", re.I)
_FOOTER = re.compile(
    r"<A\s+HREF=\"([^\"]*)\"\s*>\s*More information about the\s+(.*?)\s+mailing\s+list\s*</A>",
    _FLAGS,
)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_BYTE_REF_RUN = re.compile(r"(?:&#(?:12[89]|1[3-9]\d|2[0-4]\d|25[0-5]);){2,}")
_BYTE_REF = re.compile(r"&#(\d+);")
_SPACES = re.compile(r"\s+")
_NUMBERED_FILE = re.compile(r"(\d+)\.html")

_THREAD_ENTRY = re.compile(
    r"<!--(\d+) ([^\n]*?) -->\s*<LI>\s*<A\s+HREF=\"(\d+)\.html\">(.*?)</A>"
    r"(?:\s*<A\s+NAME=[^>]*>[^<]*</A>)?\s*<I>(.*?)</I>",
    _FLAGS,
)
_STANDARD_KEY = re.compile(r"(?:-?\d+(?:\.\d+)?-)+")
_KEY_SEGMENT = re.compile(r"-?\d+(?:\.\d+)?-")
_MESSAGES_COUNT = re.compile(r"<b>Messages:</b>\s*(\d+)", re.I)
_LOCALIZED_COUNT = re.compile(r"</i>\s*<br>\s*<b>[^<]*</b>\s*(\d+)\s*<p>", re.I)


# --- decoding and text clean-up -------------------------------------------------


def _declared_charset(data: bytes) -> str | None:
    """Charset of the page's META tag, looked for in the head only.

    Bodies may quote HTML that mentions another charset (seen in the dev mirror:
    ``charset=&quot;utf-8&quot;`` inside a forwarded message), so stop at <BODY.
    """
    end = _HEAD_END.search(data)
    match = _META_CHARSET.search(data, 0, end.start() if end else 4096)
    return match.group(1).decode("ascii").lower() if match else None


def _decode(data: bytes) -> tuple[str, str]:
    """Decode with the declared charset, else utf-8, else cp1252; never raise.

    Pages of one list can differ in charset (§4.5), and us-ascii lists sometimes
    carry raw 8-bit bytes, so the declaration is tried first but not trusted.
    """
    for codec in (_declared_charset(data), "utf-8"):
        if codec:
            try:
                return data.decode(codec), codec
            except (LookupError, UnicodeDecodeError):
                continue
    return data.decode("cp1252", errors="replace"), "cp1252"


def _repair_byte_run(match: re.Match[str]) -> str:
    """Re-decode a run of per-byte ``&#NNN;`` references that forms valid UTF-8.

    Mailman writes each byte >= 0x80 of an undecodable body as its own reference
    (§4.3), so ``&#195;&#169;`` stands for ``é``.  Bytes that are not part of a
    valid sequence are written back as references and unescaped like any other.
    """
    raw = bytes(int(n) for n in _BYTE_REF.findall(match.group(0)))
    text = raw.decode("utf-8", errors="surrogateescape")
    return "".join(f"&#{ord(c) - 0xDC00};" if "\udc80" <= c <= "\udcff" else c for c in text)


def _to_text(fragment: str) -> str:
    """Markup fragment -> plain text: drop tags, repair mojibake, resolve entities.

    Tags go first because bodies are escaped, so every real ``<`` is markup
    (``<i>``/``</I>`` quote marks, ``<A HREF>`` links) whose text we keep.
    """
    text = _TAG.sub("", fragment)
    if "&#" in text:
        text = _BYTE_REF_RUN.sub(_repair_byte_run, text)
    return html.unescape(text).replace("\0", " ")


def _one_line(fragment: str) -> str:
    """Plain text on one line: folded headers leave TABs/newlines in subjects."""
    return _SPACES.sub(" ", _to_text(fragment)).strip()


def _verbatim(fragment: str) -> str:
    """Plain text with inner spacing kept: Mailman dates pad the day (``Oct  1``)."""
    return _to_text(fragment).strip()


# --- message pages ------------------------------------------------------------------


def _number_from_source(source: str) -> int | None:
    """Message number from a ``NNNNNN.html`` file name (path or URL), else None."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1]
    match = _NUMBERED_FILE.fullmatch(name)
    return int(match.group(1)) if match else None


def _message_id_from_href(href: str) -> str | None:
    """This message's own Message-ID from the mailto ``In-Reply-To=`` parameter.

    Despite its name the parameter holds the page's own ID (§4.2); it is the only
    place the ID appears in HTML, and the join key to ``.txt``/mbox records.
    """
    match = _IN_REPLY_TO.search(href.replace("&amp;", "&"))
    if not match:
        return None
    value = unquote(match.group(1)).strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1].strip()
    return value or None


def _body(text: str, start: int, end: int) -> str:
    """Body text between the article markers, without <PRE> and trailing blanks."""
    raw = text[start:end]
    raw = _PRE_CLOSE.sub("", _PRE_OPEN.sub("", raw, count=1).rstrip())
    return _to_text(raw.replace("\r\n", "\n")).rstrip()


def _footer(text: str, start: int) -> tuple[str | None, str | None, str | None]:
    """(list_name, list_display, listinfo_url) from the "More information" link.

    Mailman 2.0 pages have no such footer, hence the Nones.
    """
    match = _FOOTER.search(text, start)
    if not match:
        return None, None, None
    url = html.unescape(match.group(1)).strip()
    name = url.rstrip("/").rsplit("/", 1)[-1].lower() or None
    return name, _one_line(match.group(2)), url


def _header_fields(text: str, start: int, stop: int) -> tuple[str, str, str, str | None, str]:
    """(subject, author, address, message_id, date_raw) from the page header.

    Every search is bounded by the article start so that quoted ``<i>`` lines or
    body links can never be mistaken for header fields.
    """
    h1 = _H1.search(text, start, stop)
    pos = h1.end() if h1 else start
    subject = _one_line(h1.group(1)) if h1 else ""
    bold = _BOLD.search(text, pos, stop)
    author = _one_line(bold.group(1)) if bold else ""
    pos = bold.end() if bold else pos
    mailto = _MAILTO.search(text, pos, stop)
    address, message_id = "", None
    if mailto:
        address = _one_line(mailto.group(2)).replace(" at ", "@").strip()
        message_id = _message_id_from_href(mailto.group(1))
        pos = mailto.end()
    italic = _ITALIC.search(text, pos, stop)
    date_raw = _verbatim(italic.group(1)) if italic else ""
    return subject, author, address, message_id, date_raw


def parse_message_page(data: bytes, source: str = "") -> HtmlMessage:
    """Parse one Pipermail message page ``NNNNNN.html`` of any Mailman generation.

    Raises MalformedMessage only when the page is no message page at all (neither
    the ``<!--beginarticle-->`` marker nor an ``<H1>``); every other gap leaves the
    field empty, because old archives are full of slightly damaged pages.
    """
    text, charset = _decode(data)
    begin = text.find(_BEGIN)
    if begin < 0 and not _H1.search(text):
        raise MalformedMessage(f"not a Pipermail message page: {source or 'input'}")
    header_stop = begin if begin >= 0 else len(text)
    subject, author, address, message_id, date_raw = _header_fields(text, 0, header_stop)
    body, tail = "", 0
    if begin >= 0:
        body_start = begin + len(_BEGIN)
        end = text.find(_END, body_start)
        tail = end if end >= 0 else len(text)
        body = _body(text, body_start, tail)
    list_name, list_display, listinfo_url = _footer(text, tail)
    return HtmlMessage(
        number=_number_from_source(source),
        subject=subject,
        author=author,
        address=address,
        message_id=message_id,
        date_raw=date_raw,
        body=body,
        charset=charset,
        list_name=list_name,
        list_display=list_display,
        listinfo_url=listinfo_url,
    )


# --- rendered (plain-text) message pages ---------------------------------------------

_RENDERED_FOOTER = re.compile(
    r"^[ \t]*More information about the\s+(.+?)\s+mailing\s+list\s*$", re.M
)
_RENDERED_ADDRESS = re.compile(r"^(.*?)\s*(\S+ at \S+|\S+@\S+)$")
_NAV_LINE = re.compile(
    r"^\s*(?:[*•+-]\s*)?(?:Previous message|Next message|Messages sorted by)\b|^\s*_{5,}\s*$"
)


def _trim_nav(lines: list[str]) -> list[str]:
    """Drop blank and navigation lines at both ends of a rendered body.

    A browser text dump may keep the prev/next/"sorted by" list and the <hr>
    rule around the article; they are page chrome, not message text.
    """

    def is_chrome(line: str) -> bool:
        return not line.strip() or bool(_NAV_LINE.match(line))

    start, end = 0, len(lines)
    while start < end and is_chrome(lines[start]):
        start += 1
    while end > start and is_chrome(lines[end - 1]):
        end -= 1
    return lines[start:end]


def _split_author(line: str) -> tuple[str, str]:
    """ "Name user at host" -> (Name, user@host); the address is the last token(s)."""
    match = _RENDERED_ADDRESS.match(line.strip())
    if not match:
        return line.strip(), ""
    author = match.group(1).strip() or match.group(2)
    return author, match.group(2).replace(" at ", "@")


def parse_rendered_page(text: str, source: str = "") -> HtmlMessage:
    """Parse the plain-text rendering of a message page (browser "save as text").

    Layout: subject, blank, "Name address" line, date line, body, then the
    "More information about the X mailing list" footer, which is excluded.
    Scrubber notices stay in the body (a later stage strips them).  There is no
    Message-ID in such a text, so the caller derives a stable one.
    """
    text = text.replace("\r\n", "\n").replace("\0", " ")
    footers = list(_RENDERED_FOOTER.finditer(text))
    footer = footers[-1] if footers else None
    content = text[: footer.start()] if footer else text
    lines = content.split("\n")
    heads = [i for i, line in enumerate(lines) if line.strip()][:3]
    if len(heads) < 3:
        raise MalformedMessage(f"not a rendered Pipermail page: {source or 'input'}")
    author, address = _split_author(lines[heads[1]])
    display = _SPACES.sub(" ", footer.group(1)).strip() if footer else None
    return HtmlMessage(
        number=None,
        subject=_SPACES.sub(" ", lines[heads[0]]).strip(),
        author=author,
        address=address,
        message_id=None,
        date_raw=lines[heads[2]].strip(),
        body="\n".join(_trim_nav(lines[heads[2] + 1 :])).rstrip(),
        charset="",
        list_name=display.lower() if display else None,
        list_display=display,
        listinfo_url=None,
    )


# --- period index pages ----------------------------------------------------------------


def _parent_key(key: str, known: dict[str, int]) -> str | None:
    """Key of the parent: this key minus its last ``TIMESTAMP[.SEQ]-`` segment.

    Keys of an unknown grammar (seen: ``-0785557196/MSGID-`` on a pre-1970 page)
    fall back to the longest proper prefix that is itself a key in the page.
    """
    if _STANDARD_KEY.fullmatch(key):
        segments = _KEY_SEGMENT.findall(key)
        return "".join(segments[:-1]) or None
    for cut in range(len(key) - 2, -1, -1):
        if key[cut] == "-" and key[: cut + 1] in known:
            return key[: cut + 1]
    return None


def _key_depth(key: str, parent: str | None, depth_by_key: dict[str, int]) -> int:
    """Real depth from the key: segments - 1, not the comment's number capped at 3.

    For keys of an unknown grammar, one more than the parent's depth (0 for roots).
    """
    if _STANDARD_KEY.fullmatch(key):
        return len(_KEY_SEGMENT.findall(key)) - 1
    return depth_by_key[parent] + 1 if parent in depth_by_key else 0


def parse_thread_index(data: bytes) -> list[ThreadEntry]:
    """Entries of a period's thread.html with parents rebuilt from the thread keys.

    The ``<UL>`` nesting and the comment depth are capped at 3 (§3.5), so parents
    and depth come from the ``<!--DEPTH KEY -->`` keys.  Numbers come from the
    hrefs, which also covers Mailman 2.0 keys without ``.SEQ``.  With duplicate
    keys (2.0 keys can collide) the first entry is taken as the parent.
    """
    text, _ = _decode(data)
    rows = _THREAD_ENTRY.findall(text)
    number_by_key: dict[str, int] = {}
    for _depth, key, number, _subject, _author in rows:
        number_by_key.setdefault(key, int(number))
    depth_by_key: dict[str, int] = {}
    entries = []
    for _depth, key, number, subject, author in rows:
        parent = _parent_key(key, number_by_key)
        parent_number = number_by_key.get(parent) if parent else None
        depth = _key_depth(key, parent, depth_by_key)
        depth_by_key.setdefault(key, depth)
        entries.append(
            ThreadEntry(
                number=int(number),
                depth=depth,
                key=key,
                parent_number=parent_number,
                subject=_one_line(subject),
                author=_one_line(author),
            )
        )
    return entries


def parse_period_index_count(data: bytes) -> int | None:
    """The "Messages: N" figure of a thread/date/subject/author page, else None.

    Used to check that a mirror holds every message of a period.  Translated
    pages are matched by position (the figure follows the Ending date).
    """
    text, _ = _decode(data)
    match = _MESSAGES_COUNT.search(text) or _LOCALIZED_COUNT.search(text)
    return int(match.group(1)) if match else None
